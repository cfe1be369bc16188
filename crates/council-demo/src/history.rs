//! Twenty years of a large council's history, for benchmarks only (`council demo --scale large`):
//! every fiscal year's 総会 (all member households invited, attendance, results, signed minutes) and
//! six 役員会 with signed minutes, about a hundred events a year (2,000 in all with the standard
//! demo's), and ten settled and paid grant applications a year with a hundred expenses each (200
//! applications, 20,000 expenses). Everything goes through the same write paths the window uses
//! (validation, audit entries, the lifecycle's checks), so the rows are those real use would make.
//! A fixed seed makes the content the same on every run; only the generated IDs differ.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use rusqlite::Transaction;

use super::Dice;
use council_domain::Write;
use council_domain::calendar::FiscalYear;
use council_domain::error::Result;
use council_domain::events::{self, EventCategory, EventInput};
use council_domain::grants::application::{self, GrantApplicationInput};
use council_domain::grants::budget::{
    BreakdownRow, BudgetInput, ExpenseCategory as C, ExpenseLine, IncomeKind, IncomeLine, SubsidyRate,
};
use council_domain::grants::expenses::{self, GrantExpenseInput, ReceiptFile};
use council_domain::grants::program::{self, GrantProgramInput};
use council_domain::grants::settlement::{self, IncomeActualInput, SettlementInput};
use council_domain::grants::transition::{self, GrantTransition};
use council_domain::meetings::minutes::{self, MinutesInput, MinutesItem};
use council_domain::meetings::{
    self, AgendaItemInput, AgendaKind, Attendance, AttendanceInput, InviteRule, Majority, MeetingId, MeetingInput,
    MeetingKind, MinutesStatus, MotionResult, MotionResultInput,
};
use council_domain::plan::ActionId;

/// How many fiscal years of history the large demo has (the current one included for meetings).
pub(super) const YEARS: i32 = 20;
/// Events a past year has; the current year has the rest of the 2,000.
const EVENTS_PER_YEAR: usize = 100;
/// All events of the large council, the standard demo's twenty-four included.
const EVENTS_TOTAL: usize = 2_000;
/// Grant applications a past year has, and expenses each.
const GRANTS_PER_YEAR: usize = 10;
const EXPENSES_PER_GRANT: usize = 100;

/// Adds the history inside the caller's transaction (after the standard demo's data).
pub(super) fn add(w: &Write<'_>, attachments: &Path) -> Result<()> {
    let mut dice = Dice(2006);
    let this = FiscalYear::of(w.today(), 4);
    let actions: Vec<ActionId> = council_domain::plan::action_choices(w)?.into_iter().map(|c| c.id).collect();
    // Last year's meetings are the standard demo's.
    for y in (this.0 - (YEARS - 1))..(this.0 - 1) {
        add_year_meetings(w, FiscalYear(y), &mut dice)?;
    }
    // This year's 総会 is the standard demo's; its 役員会 held so far are added here.
    add_board_meetings(w, this.start(4) + Duration::days(55), &mut dice)?;
    add_events(w, this, w.today(), &actions, &mut dice)?;
    for y in (this.0 - YEARS)..this.0 {
        add_grants(w, attachments, FiscalYear(y), &mut dice)?;
    }
    Ok(())
}

const NAMES: &[&str] = &[
    "佐藤 健一",
    "鈴木 幸子",
    "高橋 誠",
    "田中 恵子",
    "伊藤 博",
    "渡辺 洋子",
    "中村 隆",
    "小林 直美",
    "加藤 茂",
    "山本 由美",
];

fn input(
    kind: MeetingKind,
    held_on: NaiveDate,
    starts_at: &str,
    place: &str,
    invite: Option<InviteRule>,
) -> MeetingInput {
    MeetingInput {
        kind,
        title: String::new(),
        held_on,
        starts_at: starts_at.to_owned(),
        place: place.to_owned(),
        chair: String::new(),
        invite,
        notes: String::new(),
    }
}

fn motion(title: String, proposal: String, majority: Majority) -> AgendaItemInput {
    AgendaItemInput {
        kind: AgendaKind::Motion,
        title,
        presenter: "会長".to_owned(),
        planned_minutes: Some(10),
        proposal,
        majority,
    }
}

fn topic(title: &str) -> AgendaItemInput {
    AgendaItemInput {
        kind: AgendaKind::Topic,
        title: title.to_owned(),
        presenter: "司会".to_owned(),
        planned_minutes: Some(5),
        proposal: String::new(),
        majority: Majority::Simple,
    }
}

/// A past year's 総会 and six 役員会, each with results and signed minutes.
fn add_year_meetings(w: &Write<'_>, fy: FiscalYear, dice: &mut Dice) -> Result<()> {
    let held_on = add_general_meeting(w, fy, dice)?;
    add_board_meetings(w, held_on + Duration::days(30), dice)
}

/// A year's 総会 late in April: every member household invited, the year's usual motions carried,
/// attendance and signed minutes. Returns the day it was held.
pub(super) fn add_general_meeting(w: &Write<'_>, fy: FiscalYear, dice: &mut Dice) -> Result<NaiveDate> {
    let held_on = fy.start(4) + Duration::days(20 + dice.below(10) as i64);
    let general = meetings::create(
        w,
        &input(MeetingKind::General, held_on, "10:00", "さくら台集会所 大広間", Some(InviteRule::AllHouseholds)),
        4,
    )?;
    let (last, label) = (FiscalYear(fy.0 - 1).label_ja(), fy.label_ja());
    let items = [
        topic("開会・会長挨拶"),
        motion(format!("{last}事業報告について"), format!("{last}の事業を別紙のとおり報告する。"), Majority::Simple),
        motion(
            format!("{last}収支決算報告について"),
            format!("{last}の収支決算を別紙のとおり報告する。"),
            Majority::Simple,
        ),
        motion(
            format!("{label}事業計画（案）について"),
            format!("{label}の事業計画を別紙のとおり定める。"),
            Majority::Simple,
        ),
        motion(
            format!("{label}収支予算（案）について"),
            format!("{label}の収支予算を別紙のとおり定める。"),
            Majority::Simple,
        ),
        motion("役員の選任について".to_owned(), "別紙のとおり役員を選任する。".to_owned(), Majority::Simple),
        topic("その他・閉会"),
    ];
    let mut ids = Vec::new();
    for item in &items {
        ids.push(meetings::add_item(w, &general, item)?);
    }
    let invitees = meetings::get(w, &general, 4)?.invitees;
    let offset = dice.below(20) as u32;
    let lines: Vec<AttendanceInput> = invitees
        .iter()
        .map(|i| {
            let k = (i.seq + offset) % 20;
            AttendanceInput {
                seq: i.seq,
                attendance: match k {
                    0..=7 => Attendance::Present,
                    8..=12 => Attendance::Proxy,
                    13 => Attendance::WrittenVote,
                    _ => Attendance::Absent,
                },
                proxy_holder: if (8..=12).contains(&k) { "議長".to_owned() } else { String::new() },
            }
        })
        .collect();
    meetings::record_attendance(w, &general, &lines)?;
    let attending = meetings::get(w, &general, 4)?.quorum.attending;
    for (_, id) in ids.iter().enumerate().filter(|(n, _)| items[*n].kind == AgendaKind::Motion) {
        let against = 1 + dice.below(attending.max(1) as usize / 50 + 1) as u32;
        let input = MotionResultInput {
            result: MotionResult::Carried,
            votes_for: Some(attending.saturating_sub(against + 2)),
            votes_against: Some(against.min(attending)),
            votes_abstain: Some(2.min(attending.saturating_sub(against))),
        };
        meetings::record_result(w, id, &input, 4)?;
    }
    sign_minutes(w, &general, &ids, held_on, dice)?;
    Ok(held_on)
}

/// Six 役員会 fifty days apart from `first`, those held before `today`.
fn add_board_meetings(w: &Write<'_>, first: NaiveDate, dice: &mut Dice) -> Result<()> {
    for k in 0..6 {
        let on = first + Duration::days(50 * k);
        if on >= w.today() {
            break;
        }
        add_board_meeting(w, on, &SUBJECTS, dice)?;
    }
    Ok(())
}

/// What a 役員会's two motions are about, picked at random.
const SUBJECTS: [&str; 5] = [
    "夏祭りの準備について",
    "防災訓練の実施について",
    "会費の集金について",
    "敬老会の開催について",
    "年末夜警の実施について",
];

/// A 役員会 on `on`: the committees' reports and two motions on `subjects`, carried, with signed
/// minutes.
pub(super) fn add_board_meeting(w: &Write<'_>, on: NaiveDate, subjects: &[&str], dice: &mut Dice) -> Result<()> {
    let board = meetings::create(w, &input(MeetingKind::Board, on, "19:00", "さくら台集会所 会議室", None), 4)?;
    let mut ids = vec![meetings::add_item(w, &board, &topic("各部からの報告"))?];
    for _ in 0..2 {
        let s = *dice.pick(subjects);
        ids.push(meetings::add_item(
            w,
            &board,
            &motion(s.to_owned(), format!("{s}、別紙のとおり行う。"), Majority::Simple),
        )?);
    }
    for id in &ids[1..] {
        let input = MotionResultInput {
            result: MotionResult::Carried,
            votes_for: None,
            votes_against: None,
            votes_abstain: None,
        };
        meetings::record_result(w, id, &input, 4)?;
    }
    sign_minutes(w, &board, &ids, on, dice)
}

#[allow(clippy::too_many_arguments)]
fn sign_minutes(
    w: &Write<'_>,
    meeting: &MeetingId,
    items: &[council_domain::meetings::AgendaItemId],
    held_on: NaiveDate,
    dice: &mut Dice,
) -> Result<()> {
    let minutes_id = minutes::start(w, meeting)?;
    let discussions = [
        "質疑はなく、原案のとおり了承された。",
        "参加者数の見込みについて質問があり、担当より前年並みと回答があった。",
        "日程について意見があり、各班の都合を聞いて調整することとした。",
        "会計より支出の内訳について補足の説明があった。",
    ];
    let input = MinutesInput {
        chair: (*dice.pick(NAMES)).to_owned(),
        recorder: (*dice.pick(NAMES)).to_owned(),
        signatory1: (*dice.pick(NAMES)).to_owned(),
        signatory2: (*dice.pick(NAMES)).to_owned(),
        opening: "定刻、司会が開会を宣言した。".to_owned(),
        closing: "以上をもって議事を終了し、閉会した。".to_owned(),
        correction: String::new(),
        items: items
            .iter()
            .map(|id| MinutesItem { agenda_item_id: id.clone(), discussion: (*dice.pick(&discussions)).to_owned() })
            .collect(),
    };
    minutes::update(w, &minutes_id, &input)?;
    let signed_on = (held_on + Duration::days(14)).min(w.today());
    for step in [MinutesStatus::Circulated, MinutesStatus::Approved, MinutesStatus::Signed] {
        let doc = |w: &Transaction<'_>| {
            let m = meetings::get(w, meeting, 4)?;
            meetings::papers::minutes_doc(w, &m, &minutes_id, signed_on)
        };
        minutes::advance(w, &minutes_id, step, doc, signed_on)?;
    }
    Ok(())
}

/// Events over twenty years: a hundred in each past year and the rest of the 2,000 in this one; those
/// in the plan's years serve one of its actions.
fn add_events(w: &Write<'_>, this: FiscalYear, today: NaiveDate, actions: &[ActionId], dice: &mut Dice) -> Result<()> {
    type Kind = (&'static str, EventCategory, &'static str, &'static str);
    let kinds: [Kind; 8] = [
        ("一斉清掃", EventCategory::Cleanup, "地区内一円", "環境部"),
        ("ふれあいサロン", EventCategory::Seniors, "さくら台集会所", "福祉部"),
        ("子ども食堂", EventCategory::Children, "さくら台集会所", "青少年部"),
        ("夏祭り", EventCategory::Festival, "さくら台公園", "夏祭り実行委員会"),
        ("防災訓練", EventCategory::DisasterDrill, "さくら台小学校 体育館", "防災部"),
        ("健康講座", EventCategory::Lecture, "さくら台集会所", "福祉部"),
        ("グラウンドゴルフ大会", EventCategory::Sports, "さくら台公園", "体育部"),
        ("防犯パトロール", EventCategory::Other, "地区内一円（集会所に集合）", "防犯部"),
    ];
    let past_years = (YEARS - 1) as usize;
    // The standard demo has twelve events this year and twelve last year.
    let this_year = EVENTS_TOTAL - 24 - past_years * EVENTS_PER_YEAR;
    let plan_years = (this.0 - 2)..=this.0;
    for y in (this.0 - (YEARS - 1))..=this.0 {
        let fy = FiscalYear(y);
        let count = if y == this.0 { this_year } else { EVENTS_PER_YEAR };
        for n in 0..count {
            let (name, category, place, organiser) = *dice.pick(&kinds);
            let starts_on = fy.start(4) + Duration::days(dice.below(365) as i64);
            let expected = 20 + dice.below(200) as i64;
            let input = EventInput {
                title: format!("{name}（第{}回）", n + 1),
                category,
                starts_on,
                ends_on: Some(starts_on),
                start_time: Some(format!("{:02}:00", 9 + dice.below(9))),
                end_time: None,
                place: place.to_owned(),
                organiser: organiser.to_owned(),
                expected_participants: Some(expected),
                actual_participants: (starts_on < today).then(|| expected * (80 + dice.below(40) as i64) / 100),
                volunteers: Some((expected / 10).max(3)),
                cost: Some(1_000 * (5 + dice.below(100) as i64)),
                notes: String::new(),
                action_id: if plan_years.contains(&y) && !actions.is_empty() {
                    Some(dice.pick(actions).clone())
                } else {
                    None
                },
                partner_ids: Vec::new(),
                fee: None,
                notice_text: String::new(),
            };
            events::create(w, &input)?;
        }
    }
    Ok(())
}

/// A past year's program and its ten applications, each applied for, awarded, carried out with a
/// hundred expenses (every tenth with a receipt image), reported, settled, claimed and paid.
fn add_grants(w: &Write<'_>, attachments: &Path, fy: FiscalYear, dice: &mut Dice) -> Result<()> {
    let day = |month: u32, d: u32| {
        let year = if month >= 4 { fy.0 } else { fy.0 + 1 };
        NaiveDate::from_ymd_opt(year, month, d).unwrap_or_else(|| fy.end(4))
    };
    let categories = [C::Supplies, C::Printing, C::Rental, C::Honorarium, C::Insurance];
    let program_id = program::create(
        w,
        &GrantProgramInput {
            name: "地域活動応援補助金".to_owned(),
            grantor: "みどり市 地域振興課".to_owned(),
            fiscal_year: fy.0,
            max_amount: None,
            rate: SubsidyRate::new(1, 2),
            eligible_categories: categories.to_vec(),
            change_threshold_percent: 20,
            application_due: Some(day(5, 20)),
            report_days: Some(30),
            report_no_later_than: Some(fy.end(4)),
            claim_days: Some(14),
            advance_payment: false,
            required_documents: vec!["交付申請書".to_owned(), "収支予算書".to_owned()],
            notes: String::new(),
        },
        4,
    )?;
    let projects = ["防災力向上事業", "見守り活動事業", "花いっぱい事業", "子ども育成事業", "高齢者交流事業"];
    let payees = ["ホームセンターみどり", "みどり印刷", "みどりテントレンタル", "みどり損害保険代理店", "みどり園芸"];
    for g in 0..GRANTS_PER_YEAR {
        // The expenses first: the budget is made to match them, so the settlement needs no reasons.
        let list: Vec<GrantExpenseInput> = (0..EXPENSES_PER_GRANT)
            .map(|k| {
                let category = categories[k % categories.len()];
                GrantExpenseInput {
                    paid_on: day(6, 1) + Duration::days(dice.below(250) as i64),
                    payee: (*dice.pick(&payees)).to_owned(),
                    description: format!("{}代として（{}）", category.label_ja(), k + 1),
                    category,
                    amount: 100 * (10 + dice.below(490) as i64),
                    from_grant: true,
                    addressee: "さくら台自治会 様".to_owned(),
                    notes: String::new(),
                }
            })
            .collect();
        let by_category: Vec<(C, i64)> =
            categories.iter().map(|c| (*c, list.iter().filter(|e| e.category == *c).map(|e| e.amount).sum())).collect();
        let total: i64 = by_category.iter().map(|(_, a)| a).sum();
        let grant = SubsidyRate::new(1, 2).cap(total);
        let id = application::create(
            w,
            &GrantApplicationInput {
                program_id: program_id.clone(),
                project_name: format!("{}（{}）", projects[g % projects.len()], g + 1),
                purpose: "地域のつながりを深め、安心して暮らせるまちにする。".to_owned(),
                content: "年間を通じて講座・行事・備品の整備を行う。".to_owned(),
                starts_on: day(6, 1),
                ends_on: day(2, 20),
                place: "さくら台地区内".to_owned(),
                target_group: "地区住民".to_owned(),
                expected_participants: Some(100 + dice.below(400) as i64),
                partner_ids: Vec::new(),
                partners_text: String::new(),
                action_ids: Vec::new(),
                schedule: Vec::new(),
                expected_effect: "参加者が増え、顔の見える関係が広がる。".to_owned(),
                requested_amount: grant,
                completed_on: Some(day(2, 20)),
                notes: String::new(),
            },
            4,
        )?;
        let budget = BudgetInput {
            income: vec![
                IncomeLine {
                    kind: IncomeKind::Grant, description: "地域活動応援補助金".to_owned(), amount: grant
                },
                IncomeLine {
                    kind: IncomeKind::Dues,
                    description: "自治会費からの負担金".to_owned(),
                    amount: total - grant,
                },
            ],
            expenses: by_category
                .iter()
                .map(|(c, amount)| ExpenseLine {
                    category: *c,
                    description: c.label_ja().to_owned(),
                    charged_to_grant: true,
                    amount: *amount,
                    breakdown: vec![BreakdownRow {
                        item: c.label_ja().to_owned(),
                        unit_price: *amount,
                        quantity: 1,
                        unit: "式".to_owned(),
                        amount: *amount,
                    }],
                })
                .collect(),
        };
        application::save_budget(w, &id, &budget)?;
        for t in [
            GrantTransition::Apply { on: day(5, 10) },
            GrantTransition::Award {
                on: day(5, 28), amount: grant, award_number: format!("み市振第{}号", 100 + g)
            },
            GrantTransition::Start,
        ] {
            transition::take(w, &id, &t)?;
        }
        for (k, e) in list.iter().enumerate() {
            let png;
            let receipt = if k % 10 == 0 {
                png = super::grants::receipt_png(64, 40, (k / 10 + g) as u8);
                Some(ReceiptFile { file_name: "領収書.png", bytes: &png })
            } else {
                None
            };
            expenses::add(w, attachments, &id, e, receipt)?;
        }
        // The council's share as it came out (these projects' money did not go through the books).
        let own = SettlementInput {
            income: vec![IncomeActualInput {
                kind: IncomeKind::Dues,
                actual: Some(total - grant),
                reason: String::new(),
            }],
            expenses: Vec::new(),
        };
        settlement::save(w, &id, &own)?;
        for t in [
            GrantTransition::Report { on: day(3, 10), receipts_reviewed: true },
            GrantTransition::Settle { on: day(3, 25), amount: grant },
            GrantTransition::Claim { on: day(3, 28) },
            GrantTransition::Pay { on: (fy.end(4) + Duration::days(20)).min(w.today()), amount: grant },
        ] {
            transition::take(w, &id, &t)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use council_store::store::Store;

    /// The history on top of the standard demo (the large demo's households only make it slower):
    /// every count the benchmarks rely on, and every past application carried through to payment.
    #[test]
    fn twenty_years_of_meetings_events_and_grants() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_in_memory().expect("store");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let now = today.and_hms_opt(9, 0, 0).expect("time").and_utc();
        store
            .write_as(now, &council_domain::MODEL, |w| {
                super::super::create(w, dir.path())?;
                add(w, dir.path())
            })
            .expect("the history is accepted by every write path");
        let conn = store.conn();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(count("SELECT COUNT(*) FROM event"), EVENTS_TOTAL as i64, "2,000 events in all");
        assert_eq!(
            count("SELECT COUNT(*) FROM grant_application"),
            2 + (YEARS as i64) * GRANTS_PER_YEAR as i64,
            "the standard demo's two applications and ten a year for twenty years"
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM grant_expense e JOIN grant_application a ON a.id = e.application_id
                 JOIN grant_program p ON p.id = a.program_id WHERE p.name = '地域活動応援補助金'"
            ),
            20_000,
            "a hundred expenses on each of the 200 history applications"
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM grant_application a JOIN grant_program p ON p.id = a.program_id
                 WHERE p.name = '地域活動応援補助金' AND a.status <> 'paid'"
            ),
            0,
            "every past application is settled and paid"
        );
        assert_eq!(
            count("SELECT COUNT(DISTINCT substr(held_on, 1, 4)) FROM meeting WHERE kind = 'general'"),
            YEARS as i64,
            "a 総会 in each of twenty years"
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM meeting m WHERE m.held_on < '2026-11-23' AND NOT EXISTS
                   (SELECT 1 FROM minutes n WHERE n.meeting_id = m.id AND n.status = 'signed')"
            ),
            0,
            "every meeting held has signed minutes"
        );
    }
}
