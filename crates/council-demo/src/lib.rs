//! The demo council: realistic sample data so a newcomer sees real content at once. Each aggregate adds
//! its part here as it lands; dates are derived from `today`, so the demo always looks current, and a
//! fixed-seed generator makes it the same on every PC.

mod accounts;
mod grants;
mod history;

pub use accounts::general_account;
pub use grants::{receipt_pdf, receipt_png};

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Transaction;

use council_domain::Write;
use council_domain::calendar::FiscalYear;
use council_domain::council::{self, CouncilKind, CouncilProfile, CouncilProfileInput};
use council_domain::dues::{self, DuesPaymentInput, DuesRate};
use council_domain::error::Result;
use council_domain::events::{self, EventCategory, EventInput};
use council_domain::meetings::minutes::{self, MinutesInput, MinutesItem};
use council_domain::meetings::written::{Vote, WrittenVote};
use council_domain::meetings::{
    self, ActionItemInput, AgendaItemId, AgendaItemInput, AgendaKind, Attendance, AttendanceInput, ComparisonRow,
    InviteRule, Majority, MeetingInput, MeetingKind, MinutesStatus, MotionResult, MotionResultInput,
};
use council_domain::members::{self, BlockId, BlockInput, HouseholdInput, LeaveReason, PersonInput};
use council_domain::officers::{self, OfficerRole, OfficerTermInput};
use council_domain::partners::{self, PartnerId, PartnerInput, PartnerKind};
use council_domain::plan::{
    self, ActionId, ActionInput, ActionStatus, IndicatorInput, IndicatorOwner, MeasureInput, PlanInput, PolicyInput,
    ScheduleSlot,
};

/// The demo council's profile (a fictional city and district).
pub fn profile() -> CouncilProfileInput {
    CouncilProfileInput {
        name: "さくら台自治会".to_owned(),
        kind: CouncilKind::Jichikai,
        kind_other: String::new(),
        city: "みどり市".to_owned(),
        district: "さくら台地区".to_owned(),
        address: "みどり市さくら台二丁目3番1号 さくら台集会所".to_owned(),
        representative_title: "会長".to_owned(),
        representative_name: "山田 太郎".to_owned(),
        fiscal_year_start_month: 4,
    }
}

/// Surnames with their readings; a few are written with characters outside JIS X 0208 on purpose.
const SURNAMES: &[(&str, &str)] = &[
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("高橋", "たかはし"),
    ("髙橋", "たかはし"),
    ("田中", "たなか"),
    ("伊藤", "いとう"),
    ("渡辺", "わたなべ"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("𠮷田", "よしだ"),
    ("山田", "やまだ"),
    ("佐々木", "ささき"),
    ("山口", "やまぐち"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
    ("林", "はやし"),
    ("斎藤", "さいとう"),
    ("清水", "しみず"),
    ("山﨑", "やまさき"),
    ("森", "もり"),
    ("池田", "いけだ"),
    ("橋本", "はしもと"),
    ("阿部", "あべ"),
    ("石川", "いしかわ"),
    ("山下", "やました"),
    ("中島", "なかじま"),
    ("石井", "いしい"),
    ("小川", "おがわ"),
    ("前田", "まえだ"),
    ("岡田", "おかだ"),
    ("長谷川", "はせがわ"),
    ("藤田", "ふじた"),
    ("後藤", "ごとう"),
    ("近藤", "こんどう"),
    ("村上", "むらかみ"),
    ("遠藤", "えんどう"),
    ("青木", "あおき"),
];

const GIVEN_MEN: &[(&str, &str)] = &[
    ("太郎", "たろう"),
    ("一郎", "いちろう"),
    ("健", "けん"),
    ("誠", "まこと"),
    ("博", "ひろし"),
    ("隆", "たかし"),
    ("茂", "しげる"),
    ("正雄", "まさお"),
    ("和夫", "かずお"),
    ("翔太", "しょうた"),
    ("大輔", "だいすけ"),
    ("拓也", "たくや"),
    ("健一", "けんいち"),
    ("勇", "いさむ"),
    ("悠真", "ゆうま"),
];

const GIVEN_WOMEN: &[(&str, &str)] = &[
    ("花子", "はなこ"),
    ("幸子", "さちこ"),
    ("恵子", "けいこ"),
    ("洋子", "ようこ"),
    ("裕子", "ゆうこ"),
    ("美咲", "みさき"),
    ("陽子", "ようこ"),
    ("直美", "なおみ"),
    ("京子", "きょうこ"),
    ("由美", "ゆみ"),
    ("さくら", "さくら"),
    ("結衣", "ゆい"),
    ("和子", "かずこ"),
    ("久美子", "くみこ"),
    ("芽衣", "めい"),
];

const CHOME: &[&str] = &["一丁目", "二丁目", "三丁目", "四丁目"];

/// A small fixed-seed generator (SplitMix64): the demo is the same on every PC.
#[derive(Debug)]
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How big a demo council to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// About 250 households in 12 blocks: what a newcomer explores.
    Standard,
    /// 10,000 households (about 30,000 persons) in 200 blocks: a large federation, for benchmarks;
    /// with twenty fiscal years of meetings and signed minutes, 2,000 events, and 200 settled grant
    /// applications with 20,000 expenses.
    Large,
}

impl Scale {
    /// Blocks, and the (minimum, spread) of households per block, and the most extra persons per household.
    fn shape(self) -> (usize, usize, usize, usize) {
        match self {
            Scale::Standard => (12, 17, 8, 4),
            Scale::Large => (200, 50, 1, 5),
        }
    }
}

/// Creates the demo council inside the caller's transaction; its attached files (grant receipts) go
/// to `attachments`, the data folder's attachments directory.
pub fn create(w: &Write<'_>, attachments: &Path) -> Result<CouncilProfile> {
    create_scaled(w, attachments, Scale::Standard)
}

/// Creates the demo council at the given scale inside the caller's transaction.
pub fn create_scaled(w: &Write<'_>, attachments: &Path, scale: Scale) -> Result<CouncilProfile> {
    let profile = council::create(w, &profile(), true)?;
    add_members(w, scale)?;
    add_officers(w)?;
    add_contact_and_account(w)?;
    add_partners(w)?;
    add_dues(w)?;
    add_plan_and_events(w)?;
    // The books before the 総会 (whose motions approve this year's budget and last year's
    // settlement) and before the grants (the demo's history ends with last year's grant being paid).
    accounts::add(w, attachments)?;
    add_meetings(w)?;
    accounts::after_general_meeting(w)?;
    add_last_years_meetings(w)?;
    grants::add(w, attachments)?;
    if scale == Scale::Large {
        history::add(w, attachments)?;
    }
    Ok(profile)
}

/// Blocks of households (12 of about 20 at the standard scale), with a year's worth of joins, leaves
/// and a move.
fn add_members(w: &Write<'_>, scale: Scale) -> Result<()> {
    let mut dice = Dice(2026);
    let fy = FiscalYear::of(w.today(), 4);
    let (block_count, min_size, spread, max_extra) = scale.shape();
    let blocks: Vec<BlockId> = (1..=block_count)
        .map(|n| members::create_block(w, &BlockInput { name: format!("{n}班"), notes: String::new() }))
        .collect::<Result<_>>()?;
    // The president, so the officer list and the profile name the same person.
    let president = HouseholdInput {
        code: "03-000".to_owned(),
        address: "みどり市さくら台一丁目20番5号".to_owned(),
        block_id: Some(blocks[2].clone()),
        joined_on: NaiveDate::from_ymd_opt(1988, 5, 1).unwrap_or(w.today()),
        notes: String::new(),
        persons: vec![
            person("山田", "やまだ", "太郎", "たろう", true, Some(1952), &mut dice),
            person("山田", "やまだ", "和子", "かずこ", false, Some(1955), &mut dice),
        ],
    };
    members::create_household(w, &president)?;
    let mut household_ids = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let chome = CHOME[(b / 3) % CHOME.len()];
        let size = min_size + dice.below(spread);
        for i in 0..size {
            let (surname, surname_kana) = *dice.pick(SURNAMES);
            let head_is_man = dice.below(3) > 0;
            let (given, given_kana) = *dice.pick(if head_is_man { GIVEN_MEN } else { GIVEN_WOMEN });
            let head_birth = 1938 + dice.below(55) as i32;
            let mut persons = vec![person(surname, surname_kana, given, given_kana, true, Some(head_birth), &mut dice)];
            let extra = dice.below(max_extra);
            for k in 0..extra {
                let (g, gk) = if k == 0 && head_is_man { *dice.pick(GIVEN_WOMEN) } else { *dice.pick(GIVEN_MEN) };
                let birth =
                    if k == 0 { head_birth + dice.below(5) as i32 } else { head_birth + 25 + dice.below(10) as i32 };
                persons.push(person(
                    surname,
                    surname_kana,
                    g,
                    gk,
                    false,
                    Some(birth.min(w.today().year() - 1)),
                    &mut dice,
                ));
            }
            // Most households joined years ago; a few joined in this fiscal year.
            let joined_on = if dice.below(25) == 0 {
                fy.start(4) + Duration::days(dice.below(((w.today() - fy.start(4)).num_days().max(1)) as usize) as i64)
            } else {
                NaiveDate::from_ymd_opt(
                    1975 + dice.below(48) as i32,
                    1 + dice.below(12) as u32,
                    1 + dice.below(28) as u32,
                )
                .unwrap_or(w.today())
            };
            let input = HouseholdInput {
                code: format!("{:02}-{:03}", b + 1, i + 1),
                address: format!(
                    "みどり市さくら台{chome}{}番{}号",
                    1 + (b % 3) * 8 + dice.below(8),
                    1 + dice.below(30)
                ),
                block_id: Some(block.clone()),
                joined_on,
                notes: String::new(),
                persons,
            };
            household_ids.push((members::create_household(w, &input)?, joined_on));
        }
    }
    // A few households left during the last fiscal year and this one, for the counts and history.
    let reasons = [LeaveReason::MovedOut, LeaveReason::Deceased, LeaveReason::Withdrew];
    for k in 0..9 {
        let (id, joined) = &household_ids[3 + k * 23];
        let days_back = 30 + dice.below(400) as i64;
        let left_on = (w.today() - Duration::days(days_back)).max(*joined);
        members::leave_household(w, id, left_on, reasons[k % 3])?;
    }
    // One household moved from 1班 to 2班 this year.
    let (moved, joined) = &household_ids[1];
    let move_date = fy.start(4).max(*joined) + Duration::days(45);
    if move_date <= w.today() {
        members::move_household(w, moved, Some(&blocks[1]), move_date)?;
    }
    Ok(())
}

fn person(
    surname: &str,
    surname_kana: &str,
    given: &str,
    given_kana: &str,
    is_head: bool,
    birth_year: Option<i32>,
    dice: &mut Dice,
) -> PersonInput {
    PersonInput {
        id: None,
        name: format!("{surname} {given}"),
        kana: format!("{surname_kana} {given_kana}"),
        is_head,
        phone: if is_head {
            format!("0{}-{:03}-{:04}", 42 + dice.below(3), 100 + dice.below(900), dice.below(10_000))
        } else {
            String::new()
        },
        email: String::new(),
        birth_year,
        relation: if is_head { "世帯主".to_owned() } else { String::new() },
        notes: String::new(),
    }
}

/// What the papers carry besides the representative: the area's postal code, the secretary as 担当者
/// (name and phone), and the council's account for the claim, in the name the city asks for — the
/// council's with its representative's.
fn add_contact_and_account(w: &Write<'_>) -> Result<()> {
    use council_domain::forms::{self, BankAccount, BankAccountKind};
    let officer = |role: &str| -> Result<(String, String, String)> {
        Ok(w.query_row(
            "SELECT p.name, p.kana, p.phone FROM officer_term o JOIN person p ON p.id = o.person_id
             WHERE o.role = ?1 ORDER BY o.created_at LIMIT 1",
            [role],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    };
    let (secretary, _, phone) = officer("secretary")?;
    let (president, president_kana, _) = officer("president")?;
    let settings = forms::FormSettings {
        // The area's postal code, so the demo's labels and envelopes carry 〒 as a real council's do.
        postal_code: "123-4567".to_owned(),
        contact_name: secretary,
        contact_phone: if phone.trim().is_empty() { "042-555-0142".to_owned() } else { phone },
        bank: BankAccount {
            bank: "みどり信用金庫".to_owned(),
            branch: "さくら台支店".to_owned(),
            kind: BankAccountKind::Ordinary,
            number: "0123456".to_owned(),
            holder_kana: format!("サクラダイジチカイ カイチョウ {president_kana}"),
            holder: format!("さくら台自治会 会長 {president}"),
        },
        ..Default::default()
    };
    forms::update(w, &settings)?;
    Ok(())
}

/// The year's officers: the usual roles from household heads, and one 班長 per block.
fn add_officers(w: &Write<'_>) -> Result<()> {
    let fy = FiscalYear::of(w.today(), 4);
    let heads: Vec<(council_domain::members::PersonId, Option<BlockId>)> = {
        let mut stmt = w.prepare(
            "SELECT p.id, h.block_id FROM person p JOIN household h ON h.id = p.household_id
             WHERE p.is_head = 1 AND h.left_on IS NULL ORDER BY h.code",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let president: council_domain::members::PersonId =
        w.query_row("SELECT id FROM person WHERE name = '山田 太郎' AND is_head = 1", [], |r| r.get(0))?;
    let roles = [
        (OfficerRole::President, "", president),
        (OfficerRole::VicePresident, "", heads[40].0.clone()),
        (OfficerRole::Treasurer, "", heads[75].0.clone()),
        (OfficerRole::Secretary, "", heads[110].0.clone()),
        (OfficerRole::Auditor, "", heads[150].0.clone()),
        (OfficerRole::CommitteeChair, "防災部長", heads[190].0.clone()),
        (OfficerRole::CommitteeChair, "環境部長", heads[220].0.clone()),
    ];
    for (role, title, person_id) in roles {
        let input = OfficerTermInput {
            role,
            title: title.to_owned(),
            person_id,
            block_id: None,
            starts_on: None,
            ends_on: None,
        };
        officers::create(w, &input, fy, 4)?;
    }
    let mut led = std::collections::HashSet::new();
    for (person_id, block) in heads.iter().skip(1) {
        if let Some(b) = block
            && led.insert(b.clone())
        {
            let input = OfficerTermInput {
                role: OfficerRole::BlockLeader,
                title: String::new(),
                person_id: person_id.clone(),
                block_id: Some(b.clone()),
                starts_on: None,
                ends_on: None,
            };
            officers::create(w, &input, fy, 4)?;
        }
    }
    Ok(())
}

fn add_partners(w: &Write<'_>) -> Result<()> {
    let list = [
        (
            "みどり市立さくら台小学校",
            PartnerKind::School,
            "教頭 中川 修",
            "042-555-0101",
            "登下校の見守り、防災訓練の会場",
        ),
        ("NPO法人みどりの森", PartnerKind::Npo, "理事 岡本 由紀", "042-555-0144", "公園の花壇づくり、清掃活動"),
        ("さくら台商店会", PartnerKind::Business, "会長 村田 健司", "042-555-0188", "夏祭りの協賛"),
        ("みどり市社会福祉協議会", PartnerKind::Government, "地域福祉課", "042-555-0200", "ふれあいサロン、見守り活動"),
        ("さくら台南自治会", PartnerKind::Council, "会長 小松 誠", "042-555-0233", "合同の防災訓練"),
    ];
    for (name, kind, contact, phone, notes) in list {
        let input = PartnerInput {
            name: name.to_owned(),
            kind,
            contact_person: contact.to_owned(),
            phone: phone.to_owned(),
            email: String::new(),
            address: String::new(),
            notes: notes.to_owned(),
        };
        partners::create(w, &input)?;
    }
    Ok(())
}

/// Dues of 3,600 yen (1,800 for a 75+ one-person household): last year collected in full but for
/// a few, this year about two thirds collected so far.
fn add_dues(w: &Write<'_>) -> Result<()> {
    let mut dice = Dice(36);
    let this = FiscalYear::of(w.today(), 4);
    for fy in [FiscalYear(this.0 - 1), this] {
        dues::set_rate(
            w,
            &DuesRate { fiscal_year: fy.0, amount: 3600, single_elderly_amount: Some(1800), elderly_age: 75 },
        )?;
        let leaders: std::collections::HashMap<Option<BlockId>, String> = officers::list(w, fy.start(4), fy.end(4))?
            .into_iter()
            .filter(|t| t.role == OfficerRole::BlockLeader)
            .map(|t| (t.block_id, t.person_name))
            .collect();
        let span = ((fy.end(4).min(w.today()) - fy.start(4)).num_days().max(1)) as usize;
        for row in dues::status(w, fy, 4, None, false)? {
            let paid = if fy == this { dice.below(3) > 0 } else { dice.below(40) > 0 };
            if !paid || row.due == 0 {
                continue;
            }
            let input = DuesPaymentInput {
                household_id: row.household_id,
                fiscal_year: fy.0,
                paid_on: (fy.start(4) + Duration::days(dice.below(span.min(90)) as i64 + dice.below(span) as i64 / 3))
                    .min(w.today())
                    .min(fy.end(4)),
                amount: row.due,
                collected_by: leaders.get(&row.block_id).cloned().unwrap_or_default(),
                notes: String::new(),
            };
            dues::record_payment(w, &input)?;
        }
    }
    Ok(())
}

/// An action of the demo plan: name, content, main activities, 主体, partners (by name), the quarters it
/// runs in each year, and its status.
struct DemoAction {
    name: &'static str,
    content: &'static str,
    activities: &'static str,
    responsible: &'static str,
    partners: &'static [&'static str],
    quarters: &'static [i32],
    status: ActionStatus,
}

/// An indicator of the demo plan, with its actuals for the plan's first three years (`None`: not yet
/// known, as a crime count for the calendar year is not while it runs).
struct DemoIndicator {
    name: &'static str,
    unit: &'static str,
    baseline: f64,
    target: f64,
    reasoning: &'static str,
    actuals: [Option<f64>; 3],
}

const fn act(
    name: &'static str,
    content: &'static str,
    activities: &'static str,
    responsible: &'static str,
    partners: &'static [&'static str],
    quarters: &'static [i32],
    status: ActionStatus,
) -> DemoAction {
    DemoAction { name, content, activities, responsible, partners, quarters, status }
}

const SCHOOL: &str = "みどり市立さくら台小学校";
const NPO: &str = "NPO法人みどりの森";
const SHOPS: &str = "さくら台商店会";
const WELFARE: &str = "みどり市社会福祉協議会";
const SOUTH: &str = "さくら台南自治会";

/// The demo council's community plan (a five-year plan whose third year is the current one): 2
/// policies, 5 measures, 12 actions and 6 indicators with actuals, and the year's events linked to the
/// actions they serve.
fn add_plan_and_events(w: &Write<'_>) -> Result<()> {
    let this = FiscalYear::of(w.today(), 4).0;
    let (start, end) = (this - 2, this + 2);
    let partner_ids: std::collections::HashMap<String, PartnerId> =
        partners::list(w)?.into_iter().map(|p| (p.name, p.id)).collect();
    let plan_id = plan::create_plan(
        w,
        &PlanInput {
            title: "さくら台地区まちづくり計画".to_owned(),
            start_year: start,
            end_year: end,
            vision: "みんなで見守り、支え合い、子どもから高齢者まで笑顔で暮らせる さくら台".to_owned(),
        },
    )?;
    type Measure = (&'static str, &'static str, Vec<DemoAction>, Vec<(Option<usize>, DemoIndicator)>);
    let policies: Vec<(&str, &str, Vec<Measure>)> = vec![
        (
            "安心・安全に暮らせるまちづくり",
            "災害や犯罪に強く、高齢者が孤立しない地域をつくります。",
            vec![
                (
                    "防災力の向上",
                    "地区の世帯の3割が65歳以上の高齢者のみの世帯となり、避難に手助けが必要な人が増えている。防災訓練の参加者は役員と班長に偏り、若い世代の参加が少ない。防災倉庫の備蓄品の多くが更新時期を迎えている。",
                    vec![
                        act(
                            "総合防災訓練の実施",
                            "小学校・南自治会と合同で、避難・安否確認・初期消火の訓練を行う。",
                            "避難所開設訓練、安否確認の黄色いタオル運動、消火器・AEDの体験",
                            "地域・行政・教育機関",
                            &[SCHOOL, SOUTH],
                            &[2],
                            ActionStatus::InProgress,
                        ),
                        act(
                            "避難行動要支援者の支援体制づくり",
                            "支援が必要な人の名簿を民生委員と整え、班ごとに支援者を決める。",
                            "名簿の更新（年1回）、個別避難計画の作成支援",
                            "地域・行政",
                            &[WELFARE],
                            &[1, 3],
                            ActionStatus::InProgress,
                        ),
                        act(
                            "防災倉庫の備蓄品の更新と防災講座",
                            "備蓄品を計画的に入れ替え、家庭の備えを学ぶ講座を開く。",
                            "備蓄品の点検・更新、家庭の備蓄講座",
                            "地域",
                            &[],
                            &[3, 4],
                            ActionStatus::NotStarted,
                        ),
                    ],
                    vec![(
                        None,
                        DemoIndicator {
                            name: "防災訓練の参加者数",
                            unit: "人",
                            baseline: 120.0,
                            target: 250.0,
                            reasoning: "地区人口の概ね1割の参加を目指す。",
                            actuals: [Some(150.0), Some(175.0), Some(190.0)],
                        },
                    )],
                ),
                (
                    "見守り・防犯活動の充実",
                    "登下校の見守りボランティアが高齢化し、人数が減っている。夜間の自転車盗や空き巣の被害が続いている。",
                    vec![
                        act(
                            "登下校の見守り活動",
                            "通学路の危険箇所に立ち、子どもの登下校を見守る。",
                            "毎朝の見守り、通学路点検（年1回）",
                            "市民・地域・教育機関",
                            &[SCHOOL],
                            &[1, 2, 3, 4],
                            ActionStatus::InProgress,
                        ),
                        act(
                            "防犯パトロール",
                            "防犯部と班長が夜間のパトロールを行い、防犯灯の不具合を市へ伝える。",
                            "歳末特別パトロール、防犯灯の点検",
                            "地域・行政",
                            &[SOUTH],
                            &[3, 4],
                            ActionStatus::InProgress,
                        ),
                    ],
                    vec![(
                        None,
                        DemoIndicator {
                            name: "地区内の刑法犯認知件数",
                            unit: "件",
                            baseline: 30.0,
                            target: 15.0,
                            reasoning: "警察署の統計（暦年）で半減を目指す。",
                            actuals: [Some(27.0), Some(22.0), None],
                        },
                    )],
                ),
                (
                    "高齢者の居場所づくり",
                    "一人暮らしの高齢者が増え、外出の機会が減っている。サロンの会場が手狭になってきた。",
                    vec![
                        act(
                            "ふれあいサロンの開催",
                            "集会所で毎月、体操・茶話会・健康相談を行う。",
                            "毎月第3日曜のサロン、健康体操",
                            "地域・行政",
                            &[WELFARE],
                            &[1, 2, 3, 4],
                            ActionStatus::InProgress,
                        ),
                        act(
                            "敬老会の開催",
                            "75歳以上の方を招き、敬老の日に合わせて催しを開く。",
                            "記念品の配布、子どもたちの発表",
                            "地域・教育機関",
                            &[SCHOOL],
                            &[2],
                            ActionStatus::Done,
                        ),
                    ],
                    vec![(
                        Some(0),
                        DemoIndicator {
                            name: "ふれあいサロンの延べ参加者数",
                            unit: "人",
                            baseline: 240.0,
                            target: 400.0,
                            reasoning: "毎月の参加を平均20人から33人に増やす。",
                            actuals: [Some(260.0), Some(310.0), Some(335.0)],
                        },
                    )],
                ),
            ],
        ),
        (
            "人がつながり、子どもが育つまちづくり",
            "世代を超えた交流と、きれいで住みやすいまちを、みんなの手でつくります。",
            vec![
                (
                    "子育て・青少年の健全育成",
                    "子ども会の会員が減り、子どもと地域の大人が顔を合わせる機会が少ない。共働き世帯が増え、放課後の居場所が求められている。",
                    vec![
                        act(
                            "夏祭り・盆踊り大会",
                            "商店会と協力し、子どもから高齢者まで楽しめる夏祭りを開く。",
                            "やぐら・盆踊り、子ども神輿、模擬店",
                            "地域・企業",
                            &[SHOPS],
                            &[2],
                            ActionStatus::Done,
                        ),
                        act(
                            "子ども食堂の支援",
                            "月1回の子ども食堂に会場と担い手を出す。",
                            "会場の提供、食材の寄付の呼びかけ",
                            "市民・地域",
                            &[NPO, WELFARE],
                            &[1, 2, 3, 4],
                            ActionStatus::InProgress,
                        ),
                    ],
                    vec![(
                        Some(0),
                        DemoIndicator {
                            name: "夏祭りの来場者数",
                            unit: "人",
                            baseline: 450.0,
                            target: 600.0,
                            reasoning: "コロナ禍前の来場者数まで戻す。",
                            actuals: [Some(480.0), Some(520.0), Some(560.0)],
                        },
                    )],
                ),
                (
                    "環境美化とまちの魅力づくり",
                    "公園や道路のごみのポイ捨てが目立つ。空き家が増え、管理されていない庭木が通行の妨げになっている。自治会の活動が若い世帯に知られていない。",
                    vec![
                        act(
                            "一斉清掃・花いっぱい運動",
                            "春と秋に一斉清掃を行い、公園の花壇に季節の花を植える。",
                            "春・秋の一斉清掃、花苗の植え付け",
                            "市民・地域・企業",
                            &[NPO],
                            &[1, 3, 4],
                            ActionStatus::InProgress,
                        ),
                        act(
                            "空き家の見回りと情報共有",
                            "班長が空き家を見回り、危険な状態のものを市に伝える。",
                            "年2回の見回り、空き家マップの更新",
                            "地域・行政",
                            &[],
                            &[2, 4],
                            ActionStatus::Paused,
                        ),
                        act(
                            "地区だより・SNSでの情報発信",
                            "地区だよりを年4回発行し、行事の様子をSNSでも知らせる。",
                            "地区だよりの発行、転入世帯への加入案内",
                            "地域",
                            &[],
                            &[1, 2, 3, 4],
                            ActionStatus::InProgress,
                        ),
                    ],
                    vec![
                        (
                            Some(0),
                            DemoIndicator {
                                name: "一斉清掃の参加世帯数",
                                unit: "世帯",
                                baseline: 90.0,
                                target: 130.0,
                                reasoning: "加入世帯の半数の参加を目指す。",
                                actuals: [Some(98.0), Some(110.0), Some(118.0)],
                            },
                        ),
                        (
                            None,
                            DemoIndicator {
                                name: "自治会加入率",
                                unit: "％",
                                baseline: 78.2,
                                target: 82.0,
                                reasoning: "転入世帯への加入案内で、市の平均を上回る率を保つ。",
                                actuals: [Some(78.6), Some(79.1), Some(79.8)],
                            },
                        ),
                    ],
                ),
            ],
        ),
    ];
    // Action IDs by (policy, measure, action) number, for linking events.
    let mut actions: std::collections::HashMap<(usize, usize, usize), ActionId> = std::collections::HashMap::new();
    for (p, (title, description, measures)) in policies.into_iter().enumerate() {
        let policy = plan::create_policy(
            w,
            &plan_id,
            &PolicyInput { number: None, title: title.to_owned(), description: description.to_owned() },
        )?;
        for (m, (title, state, acts, indicators)) in measures.into_iter().enumerate() {
            let measure = plan::create_measure(
                w,
                &policy,
                &MeasureInput { number: None, title: title.to_owned(), current_state: state.to_owned() },
            )?;
            let mut ids = Vec::new();
            for (a, da) in acts.iter().enumerate() {
                let input = ActionInput {
                    number: None,
                    name: da.name.to_owned(),
                    content: da.content.to_owned(),
                    main_activities: da.activities.to_owned(),
                    responsible: da.responsible.to_owned(),
                    status: da.status,
                    partner_ids: da.partners.iter().filter_map(|n| partner_ids.get(*n).cloned()).collect(),
                    schedule: (start..=end)
                        .flat_map(|fy| da.quarters.iter().map(move |q| ScheduleSlot { fiscal_year: fy, quarter: *q }))
                        .collect(),
                };
                let id = plan::create_action(w, &measure, &input)?;
                // Last year's review is recorded for every action; this year's for those already reported.
                plan::set_review(
                    w,
                    &id,
                    this - 1,
                    if da.status == ActionStatus::Paused { ActionStatus::InProgress } else { da.status },
                    "計画どおり実施した。",
                )?;
                actions.insert((p + 1, m + 1, a + 1), id.clone());
                ids.push(id);
            }
            for (on_action, di) in indicators {
                let owner = match on_action {
                    Some(i) => IndicatorOwner::Action(ids[i].clone()),
                    None => IndicatorOwner::Measure(measure.clone()),
                };
                let input = IndicatorInput {
                    name: di.name.to_owned(),
                    unit: di.unit.to_owned(),
                    baseline_value: di.baseline,
                    baseline_year: start - 1,
                    target_value: di.target,
                    target_year: end,
                    reasoning: di.reasoning.to_owned(),
                };
                let ind = plan::create_indicator(w, &owner, &input)?;
                for (k, value) in di.actuals.iter().enumerate() {
                    if let Some(v) = value {
                        plan::set_actual(w, &ind, start + k as i32, Some(*v))?;
                    }
                }
            }
        }
    }
    add_events(w, this, w.today(), &actions, &partner_ids, &[])?;
    // Last year's: the same twelve, held, their turnout the one the plan's indicators record for
    // that year (the drill, the festival, the salons' total).
    let turnout = [
        ("総合防災訓練", 175),
        ("さくら台夏祭り・盆踊り大会", 520),
        ("ふれあいサロン（5月）", 150),
        ("ふれあいサロン（11月）", 160),
    ];
    add_events(w, this - 1, w.today(), &actions, &partner_ids, &turnout)
}

/// The year's events (some past, some to come), each linked to the plan action it serves.
fn add_events(
    w: &Write<'_>,
    fy: i32,
    today: NaiveDate,
    actions: &std::collections::HashMap<(usize, usize, usize), ActionId>,
    partner_ids: &std::collections::HashMap<String, PartnerId>,
    turnout: &[(&str, i64)],
) -> Result<()> {
    type E = (
        u32,
        u32,
        u32,
        &'static str,
        EventCategory,
        Option<(&'static str, &'static str)>,
        &'static str,
        &'static str,
        Option<(usize, usize, usize)>,
        &'static [&'static str],
        i64,
        i64,
    );
    // (month, day, days, title, category, times, place, organiser, action, partners, expected, cost)
    let list: [E; 12] = [
        (
            4,
            26,
            1,
            "春の一斉清掃",
            EventCategory::Cleanup,
            Some(("08:00", "10:00")),
            "地区内一円（各班の集合場所）",
            "環境部",
            Some((2, 2, 1)),
            &[NPO],
            120,
            18_000,
        ),
        (
            5,
            17,
            1,
            "ふれあいサロン（5月）",
            EventCategory::Seniors,
            Some(("13:30", "15:30")),
            "さくら台集会所",
            "福祉部",
            Some((1, 3, 1)),
            &[WELFARE],
            25,
            6_000,
        ),
        (
            7,
            4,
            1,
            "子ども食堂「さくらっこ食堂」",
            EventCategory::Children,
            Some(("17:00", "19:00")),
            "さくら台集会所",
            "青少年部",
            Some((2, 1, 2)),
            &[NPO],
            40,
            15_000,
        ),
        (
            8,
            22,
            2,
            "さくら台夏祭り・盆踊り大会",
            EventCategory::Festival,
            Some(("17:00", "21:00")),
            "さくら台公園",
            "夏祭り実行委員会",
            Some((2, 1, 1)),
            &[SHOPS],
            550,
            320_000,
        ),
        (
            9,
            6,
            1,
            "総合防災訓練",
            EventCategory::DisasterDrill,
            Some(("09:00", "12:00")),
            "みどり市立さくら台小学校 体育館・校庭",
            "防災部",
            Some((1, 1, 1)),
            &[SCHOOL, SOUTH],
            200,
            45_000,
        ),
        (
            9,
            21,
            1,
            "敬老会",
            EventCategory::Seniors,
            Some(("10:00", "12:00")),
            "さくら台集会所",
            "福祉部",
            Some((1, 3, 2)),
            &[SCHOOL],
            80,
            120_000,
        ),
        (
            10,
            11,
            1,
            "地区運動会",
            EventCategory::Sports,
            Some(("09:00", "15:00")),
            "みどり市立さくら台小学校 校庭",
            "体育部",
            None,
            &[SCHOOL],
            300,
            90_000,
        ),
        (
            11,
            15,
            1,
            "ふれあいサロン（11月）",
            EventCategory::Seniors,
            Some(("13:30", "15:30")),
            "さくら台集会所",
            "福祉部",
            Some((1, 3, 1)),
            &[WELFARE],
            25,
            6_000,
        ),
        (
            11,
            29,
            1,
            "秋の一斉清掃と花植え",
            EventCategory::Cleanup,
            Some(("09:00", "11:00")),
            "さくら台公園・地区内一円",
            "環境部",
            Some((2, 2, 1)),
            &[NPO],
            120,
            25_000,
        ),
        (
            12,
            20,
            1,
            "歳末特別防犯パトロール",
            EventCategory::Other,
            Some(("19:00", "20:30")),
            "地区内一円（集会所に集合）",
            "防犯部",
            Some((1, 2, 2)),
            &[SOUTH],
            30,
            5_000,
        ),
        (
            1,
            17,
            1,
            "防災講座「家庭の備蓄を見直そう」",
            EventCategory::Lecture,
            Some(("10:00", "11:30")),
            "さくら台集会所",
            "防災部",
            Some((1, 1, 3)),
            &[],
            40,
            10_000,
        ),
        (
            3,
            7,
            1,
            "子ども会 お別れ会",
            EventCategory::Children,
            None,
            "さくら台集会所",
            "青少年部",
            Some((2, 1, 2)),
            &[],
            35,
            20_000,
        ),
    ];
    let mut dice = Dice(88);
    for (month, day, days, title, category, times, place, organiser, action, partners, expected, cost) in list {
        let year = if month >= 4 { fy } else { fy + 1 };
        let Some(starts_on) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
        let past = starts_on < today;
        // A past event has its turnout recorded: around what was expected.
        let actual = past
            .then(|| expected * (85 + dice.below(30) as i64) / 100)
            .map(|around| turnout.iter().find(|(t, _)| *t == title).map_or(around, |(_, n)| *n));
        let input = EventInput {
            title: title.to_owned(),
            category,
            starts_on,
            ends_on: Some(starts_on + Duration::days(i64::from(days) - 1)),
            start_time: times.map(|t| t.0.to_owned()),
            end_time: times.map(|t| t.1.to_owned()),
            place: place.to_owned(),
            organiser: organiser.to_owned(),
            expected_participants: Some(expected),
            actual_participants: actual,
            volunteers: Some((expected / 10).max(3)),
            cost: Some(cost),
            notes: if category == EventCategory::Festival {
                "雨天の場合は翌日に順延します。".to_owned()
            } else {
                String::new()
            },
            action_id: action.and_then(|k| actions.get(&k).cloned()),
            partner_ids: partners.iter().filter_map(|n| partner_ids.get(*n).cloned()).collect(),
            // The children's canteen asks a small fee; the others are free.
            fee: title.contains("食堂").then_some(100),
            notice_text: String::new(),
        };
        events::create(w, &input)?;
    }
    Ok(())
}

/// Last year's 総会 and three 役員会, held, with signed minutes: part of what this year's 総会 hears
/// in the 事業報告.
fn add_last_years_meetings(w: &Write<'_>) -> Result<()> {
    let last = FiscalYear(FiscalYear::of(w.today(), 4).0 - 1);
    let mut dice = Dice(2025);
    let held_on = history::add_general_meeting(w, last, &mut dice)?;
    let subjects = ["夏祭りの準備について", "会費の集金について", "敬老会の開催について"];
    for days in [45, 140, 260] {
        history::add_board_meeting(w, held_on + Duration::days(days), &subjects, &mut dice)?;
    }
    Ok(())
}

/// This fiscal year's 総会 (late April: the year's report and settlement, plan and budget, officers,
/// and a bylaw change needing two thirds) with attendance, results and signed minutes; an upcoming
/// 役員会 with its agenda; and action items, one of them overdue.
fn add_meetings(w: &Write<'_>) -> Result<()> {
    // The bylaws' quorum, as the council's settings keep it (more than half of the households).
    meetings::set_quorum_rule(w, meetings::QuorumRule::default())?;
    let fy = FiscalYear::of(w.today(), 4);
    let held_on = fy.start(4) + Duration::days(25);
    let general = meetings::create(
        w,
        &MeetingInput {
            kind: MeetingKind::General,
            title: String::new(),
            held_on,
            starts_at: "10:00".to_owned(),
            place: "さくら台集会所 大広間".to_owned(),
            chair: String::new(),
            invite: Some(InviteRule::AllHouseholds),
            notes: String::new(),
        },
        4,
    )?;
    // Its notice went out two weeks before, its results a week after.
    meetings::set_issued(w, &general, meetings::IssuedPaper::Notice, Some(held_on - Duration::days(14)))?;
    meetings::set_issued(w, &general, meetings::IssuedPaper::Results, Some(held_on + Duration::days(7)))?;
    let last = FiscalYear(fy.0 - 1).label_ja();
    let this = fy.label_ja();
    let motion = |title: String, presenter: &str, proposal: String, majority: Majority| AgendaItemInput {
        kind: AgendaKind::Motion,
        title,
        presenter: presenter.to_owned(),
        planned_minutes: Some(10),
        proposal,
        majority,
    };
    let topic = |title: &str, presenter: &str, minutes: u32| AgendaItemInput {
        kind: AgendaKind::Topic,
        title: title.to_owned(),
        presenter: presenter.to_owned(),
        planned_minutes: Some(minutes),
        proposal: String::new(),
        majority: Majority::Simple,
    };
    let items = [
        topic("開会・会長挨拶", "会長", 5),
        topic("議長選出", "司会", 5),
        motion(
            format!("{last}事業報告について"),
            "会長",
            format!("{last}の事業を別紙資料1のとおり報告し、承認を求める。"),
            Majority::Simple,
        ),
        motion(
            format!("{last}収支決算報告及び監査報告について"),
            "会計・監事",
            format!("{last}の収支決算を別紙資料2のとおり報告し、監査報告とあわせて承認を求める。"),
            Majority::Simple,
        ),
        motion(
            format!("{this}事業計画（案）について"),
            "会長",
            format!("{this}の事業計画を別紙資料3のとおり定める。防災訓練を年2回に増やす。"),
            Majority::Simple,
        ),
        motion(
            format!("{this}収支予算（案）について"),
            "会計",
            format!("{this}の収支予算を別紙資料4のとおり定める。会費は年額3,600円とする。"),
            Majority::Simple,
        ),
        motion("役員の選任について".to_owned(), "会長", "別紙のとおり役員を選任する。".to_owned(), Majority::Simple),
        motion(
            "規約の一部改正について".to_owned(),
            "副会長",
            "第12条（総会の定足数）に書面表決を含むことを明記する。".to_owned(),
            Majority::TwoThirds,
        ),
        topic("その他・閉会", "司会", 5),
    ];
    let mut ids = Vec::new();
    for item in &items {
        ids.push(meetings::add_item(w, &general, item)?);
    }
    // The bylaw change with its 新旧対照表.
    if let Some(bylaw) = ids.get(7) {
        let row = ComparisonRow {
            article: "第12条（総会の定足数）".to_owned(),
            current: "総会は、会員の過半数の出席がなければ開くことができない。".to_owned(),
            proposed: "総会は、会員の過半数の出席がなければ開くことができない。この場合において、委任状又は書面表決書を提出した会員は、出席したものとみなす。".to_owned(),
        };
        meetings::set_comparison(w, bylaw, &[row])?;
    }
    // Attendance: about four in ten present, a quarter by proxy, a few by written vote.
    let invitees = meetings::get(w, &general, 4)?.invitees;
    let lines: Vec<AttendanceInput> = invitees
        .iter()
        .map(|i| AttendanceInput {
            seq: i.seq,
            attendance: match i.seq % 20 {
                0..=7 => Attendance::Present,
                8..=12 => Attendance::Proxy,
                13 => Attendance::WrittenVote,
                _ => Attendance::Absent,
            },
            proxy_holder: if i.seq % 20 >= 8 && i.seq % 20 <= 12 { "議長".to_owned() } else { String::new() },
        })
        .collect();
    meetings::record_attendance(w, &general, &lines)?;
    // The written votes: for every motion, but one member against the bylaw change and one who left
    // the election of officers blank.
    let motions: Vec<(usize, &AgendaItemId)> =
        ids.iter().enumerate().filter(|(n, _)| items[*n].kind == AgendaKind::Motion).collect();
    for (k, line) in lines.iter().filter(|l| l.attendance == Attendance::WrittenVote).enumerate() {
        let votes: Vec<WrittenVote> = motions
            .iter()
            .filter(|(n, _)| !(k == 1 && *n == 6))
            .map(|(n, id)| WrittenVote {
                item_id: (*id).clone(),
                vote: if k == 0 && *n == 7 { Vote::Against } else { Vote::For },
            })
            .collect();
        meetings::written::record_votes(w, &general, line.seq, &votes)?;
    }
    let attending = meetings::get(w, &general, 4)?.quorum.attending;
    for (n, id) in ids.iter().enumerate().filter(|(n, _)| items[*n].kind == AgendaKind::Motion) {
        let (against, abstain) = if n == 7 { (6, 4) } else { (1 + (n as u32 % 3), 2) };
        let input = MotionResultInput {
            result: MotionResult::Carried,
            votes_for: Some(attending.saturating_sub(against + abstain)),
            votes_against: Some(against),
            votes_abstain: Some(abstain),
        };
        meetings::record_result(w, id, &input, 4)?;
    }
    let name = |seq: u32| invitees.iter().find(|i| i.seq == seq).map(|i| i.name.clone()).unwrap_or_default();
    // The chair was elected at the meeting (議長選出); the meeting records who it was.
    let elected = MeetingInput {
        kind: MeetingKind::General,
        title: String::new(),
        held_on,
        starts_at: "10:00".to_owned(),
        place: "さくら台集会所 大広間".to_owned(),
        chair: name(2),
        invite: Some(InviteRule::AllHouseholds),
        notes: String::new(),
    };
    meetings::update(w, &general, &elected, 4)?;
    let minutes_id = minutes::start(w, &general)?;
    let discussion = |n: usize| match n {
        0 => "会長より開会の挨拶があった。".to_owned(),
        1 => format!("司会より議長の選出を諮り、{}さんが議長に選出された。", name(2)),
        2 => "防災訓練の参加者数について質問があり、会長より延べ214名と回答があった。".to_owned(),
        3 => "監事より、帳簿及び証拠書類を監査した結果、適正であった旨の報告があった。".to_owned(),
        4 => "防災訓練を年2回とする点について、夏祭りとの日程調整を求める意見があった。".to_owned(),
        5 => "会費の据え置きについて賛成意見が多数あった。".to_owned(),
        6 => "役員候補者の紹介があり、異議なく選任された。".to_owned(),
        7 => "書面表決の扱いを明文化する趣旨が説明された。".to_owned(),
        _ => "議長より閉会が宣言された。".to_owned(),
    };
    let input = MinutesInput {
        chair: name(2),
        recorder: officers::list(w, held_on, held_on)?
            .into_iter()
            .find(|t| t.role == OfficerRole::Secretary)
            .map(|t| t.person_name)
            .unwrap_or_default(),
        signatory1: name(5),
        signatory2: name(9),
        opening: "定刻、司会が開会を宣言した。".to_owned(),
        closing: "以上をもって議事を終了し、11時40分に閉会した。".to_owned(),
        correction: String::new(),
        items: ids
            .iter()
            .enumerate()
            .map(|(n, id)| MinutesItem { agenda_item_id: id.clone(), discussion: discussion(n) })
            .collect(),
    };
    minutes::update(w, &minutes_id, &input)?;
    for step in [MinutesStatus::Circulated, MinutesStatus::Approved, MinutesStatus::Signed] {
        let doc = |w: &Transaction<'_>| {
            let m = meetings::get(w, &general, 4)?;
            meetings::papers::minutes_doc(w, &m, &minutes_id, held_on + Duration::days(14))
        };
        minutes::advance(w, &minutes_id, step, doc, held_on + Duration::days(14))?;
    }

    // The next 役員会, with its agenda.
    let board = meetings::create(
        w,
        &MeetingInput {
            kind: MeetingKind::Board,
            title: String::new(),
            held_on: w.today() + Duration::days(13),
            starts_at: "19:00".to_owned(),
            place: "さくら台集会所 会議室".to_owned(),
            chair: "山田 太郎".to_owned(),
            invite: None,
            notes: String::new(),
        },
        4,
    )?;
    for item in [
        topic("各部からの報告", "各部長", 20),
        motion(
            "年末夜警の実施について".to_owned(),
            "防災部長",
            "12月27日から29日まで、各班2名で夜警を行う。".to_owned(),
            Majority::Simple,
        ),
        motion(
            "新年会の開催について".to_owned(),
            "会長",
            "1月の第2日曜に集会所で新年会を行う。会費は1人500円。".to_owned(),
            Majority::Simple,
        ),
    ] {
        meetings::add_item(w, &board, &item)?;
    }

    // Action items from the 総会: one overdue, one open, one done.
    for (agenda, title, owner, due, done) in [
        (4, "防災訓練（秋）の日程を決めて回覧する", "防災部長", w.today() - Duration::days(23), false),
        (5, "会費の集金状況を役員会に報告する", "会計", w.today() + Duration::days(40), false),
        (6, "新役員名簿を市に提出する", "会長", held_on + Duration::days(30), true),
    ] {
        let id = meetings::create_action(
            w,
            &ActionItemInput {
                meeting_id: general.clone(),
                agenda_item_id: Some(ids[agenda].clone()),
                title: title.to_owned(),
                owner: owner.to_owned(),
                due_on: Some(due),
            },
        )?;
        if done {
            meetings::set_action_status(w, &id, meetings::ActionItemStatus::Done)?;
        }
    }
    Ok(())
}
