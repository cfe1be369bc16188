//! The demo council's grants: this fiscal year's 協働のまちづくり交付金 awarded and in progress, with
//! its budget, an advance, ten expenses with scanned receipts (one with a vague 但し書き, and 消耗品費
//! beyond the change threshold by late autumn), and the events it pays for; and last year's edition,
//! settled and paid. The receipt files are small valid PDFs and PNGs made here, so the demo needs no
//! asset files. Every step happens no later than `today`: early in a fiscal year the demo simply has
//! fewer of them.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use rusqlite::{Transaction, params};

use council_domain::Write;
use council_domain::accounts::grant_ledger::{self, GrantCategoryLink, GrantLedgerInput};
use council_domain::accounts::ledger::{self, EntryInput, TransferInput};
use council_domain::calendar::FiscalYear;
use council_domain::error::Result;
use council_domain::grants::application::{self, GrantApplicationInput, QuarterPlan};
use council_domain::grants::budget::{
    BreakdownRow, BudgetInput, ExpenseCategory as C, ExpenseLine, IncomeKind, IncomeLine, SubsidyRate,
};
use council_domain::grants::expenses::{self, GrantExpenseInput, ReceiptFile};
use council_domain::grants::program::{self, GrantProgramInput};
use council_domain::grants::settlement::{
    self, CategoryReasonInput, IncomeActualInput, IncomeLinkInput, SettlementInput,
};
use council_domain::grants::transition::{self, GrantTransition};
use council_domain::grants::{GrantApplicationId, GrantProgramId};
use council_domain::partners::PartnerId;
use council_domain::plan::ActionId;

/// What every part of the grants demo writes with.
struct Ctx<'a, 'c> {
    w: &'a Write<'c>,
    attachments: &'a Path,
}

/// The demo's grants, inside the caller's transaction; receipt files go to `attachments`.
pub(super) fn add(w: &Write<'_>, attachments: &Path) -> Result<()> {
    let this = FiscalYear::of(w.today(), 4);
    let last = FiscalYear(this.0 - 1);
    let current = program(w, this)?;
    let previous = program(w, last)?;
    let cx = Ctx { w, attachments };
    add_in_progress(&cx, &current, this)?;
    add_paid(&cx, &previous, last)
}

fn program(w: &Write<'_>, fy: FiscalYear) -> Result<GrantProgramId> {
    let input = GrantProgramInput {
        name: "協働のまちづくり交付金".to_owned(),
        grantor: "みどり市 市民協働課".to_owned(),
        fiscal_year: fy.0,
        max_amount: Some(300_000),
        rate: SubsidyRate::new(2, 3),
        eligible_categories: vec![
            C::Honorarium,
            C::Supplies,
            C::Printing,
            C::Postage,
            C::Insurance,
            C::Rental,
            C::Equipment,
        ],
        change_threshold_percent: 20,
        application_due: Some(fy.start(4) + Duration::days(49)),
        report_days: Some(30),
        report_no_later_than: Some(fy.end(4)),
        claim_days: Some(14),
        advance_payment: true,
        required_documents: [
            "交付申請書（第1号様式）",
            "事業計画書（第2号様式）",
            "収支予算書（第3号様式）",
            "自治会の規約",
            "役員名簿",
            "総会の議事録の写し",
        ]
        .map(str::to_owned)
        .to_vec(),
        notes: "飲食費（食糧費）は対象外。備品は1点5万円未満のもの。".to_owned(),
    };
    program::create(w, &input, 4)
}

/// An action of the current plan by name.
fn action(tx: &Transaction<'_>, name: &str) -> Result<Option<ActionId>> {
    Ok(council_domain::plan::action_choices(tx)?.into_iter().find(|c| c.label.ends_with(name)).map(|c| c.id))
}

fn partner(tx: &Transaction<'_>, name: &str) -> Result<Option<PartnerId>> {
    let mut stmt = tx.prepare("SELECT id FROM partner WHERE name = ?1")?;
    Ok(stmt.query_map(params![name], |r| r.get(0))?.next().transpose()?)
}

fn day(fy: FiscalYear, month: u32, day: u32) -> NaiveDate {
    let year = if month >= 4 { fy.0 } else { fy.0 + 1 };
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| fy.end(4))
}

fn row(item: &str, unit_price: i64, quantity: i64, unit: &str) -> BreakdownRow {
    BreakdownRow { item: item.to_owned(), unit_price, quantity, unit: unit.to_owned(), amount: unit_price * quantity }
}

fn line(
    category: council_domain::grants::ExpenseCategory,
    description: &str,
    grant: bool,
    breakdown: Vec<BreakdownRow>,
) -> ExpenseLine {
    ExpenseLine {
        category,
        description: description.to_owned(),
        charged_to_grant: grant,
        amount: breakdown.iter().map(|r| r.amount).sum(),
        breakdown,
    }
}

fn income(kind: IncomeKind, description: &str, amount: i64) -> IncomeLine {
    IncomeLine { kind, description: description.to_owned(), amount }
}

/// One demo expense: (month, day, payee, description, category, amount, from grant, addressee, receipt).
type DemoExpense =
    (u32, u32, &'static str, &'static str, council_domain::grants::ExpenseCategory, i64, bool, &'static str, Receipt);

/// Which receipt file a demo expense has.
#[derive(Debug, Clone, Copy)]
enum Receipt {
    Pdf,
    Png,
}

fn record_expenses(cx: &Ctx<'_, '_>, id: &GrantApplicationId, fy: FiscalYear, list: &[DemoExpense]) -> Result<()> {
    let Ctx { w, attachments } = *cx;
    let today = w.today();
    for (n, (month, d, payee, description, category, amount, grant, addressee, receipt)) in list.iter().enumerate() {
        let paid_on = day(fy, *month, *d);
        if paid_on > today {
            continue;
        }
        let input = GrantExpenseInput {
            paid_on,
            payee: (*payee).to_owned(),
            description: (*description).to_owned(),
            category: *category,
            amount: *amount,
            from_grant: *grant,
            addressee: (*addressee).to_owned(),
            notes: String::new(),
        };
        let (name, bytes) = match receipt {
            Receipt::Pdf => (
                format!("領収書_{:02}.pdf", n + 1),
                receipt_pdf(&[
                    "RECEIPT".to_owned(),
                    format!("No. {:04}   {paid_on}", n + 1),
                    format!("JPY {amount}"),
                    "Sakuradai Residents' Association".to_owned(),
                ]),
            ),
            Receipt::Png => (format!("領収書_{:02}.png", n + 1), receipt_png(64, 40, n as u8)),
        };
        expenses::add(w, attachments, id, &input, Some(ReceiptFile { file_name: &name, bytes: &bytes }))?;
    }
    Ok(())
}

/// Takes a step if its day has come (the demo never records the future).
fn step(cx: &Ctx<'_, '_>, id: &GrantApplicationId, t: GrantTransition) -> Result<bool> {
    if t.on().is_some_and(|on| on > cx.w.today()) {
        return Ok(false);
    }
    transition::take(cx.w, id, &t)?;
    Ok(true)
}

fn add_in_progress(cx: &Ctx<'_, '_>, program: &GrantProgramId, fy: FiscalYear) -> Result<()> {
    let Ctx { w, .. } = *cx;
    let today = w.today();
    let actions: Vec<ActionId> =
        [action(w, "一斉清掃・花いっぱい運動")?, action(w, "総合防災訓練の実施")?].into_iter().flatten().collect();
    let partners: Vec<PartnerId> =
        [partner(w, "NPO法人みどりの森")?, partner(w, "みどり市立さくら台小学校")?].into_iter().flatten().collect();
    let input = GrantApplicationInput {
        program_id: program.clone(),
        project_name: "花と防災のまちづくり事業".to_owned(),
        purpose: "公園の花壇づくりと防災マップづくりを通して、子どもから高齢者までが顔を合わせる機会をつくり、災害に強い地域にする。".to_owned(),
        content: "春と秋に公園の花壇へ花苗を植える。防災講座を2回開き、住民と小学生で地区を歩いて防災マップを作り、全戸に配布する。".to_owned(),
        starts_on: day(fy, 6, 1),
        ends_on: day(fy, 2, 28),
        place: "さくら台公園、さくら台集会所、地区内一円".to_owned(),
        target_group: "地区住民（約250世帯）、さくら台小学校の児童".to_owned(),
        expected_participants: Some(400),
        partner_ids: partners,
        partners_text: "みどり市防災士会".to_owned(),
        action_ids: actions,
        schedule: vec![
            QuarterPlan { quarter: 1, content: "花苗の植え付け、行事保険の加入".to_owned() },
            QuarterPlan { quarter: 2, content: "防災講座（1回目）、総合防災訓練でまちあるき".to_owned() },
            QuarterPlan { quarter: 3, content: "防災マップの印刷・全戸配布、秋の花植え".to_owned() },
            QuarterPlan { quarter: 4, content: "防災講座（2回目）、ふりかえりと実績報告".to_owned() },
        ],
        expected_effect: "花壇づくりと防災訓練の参加者が増え、災害時に助け合える顔の見える関係が広がる。".to_owned(),
        requested_amount: 200_000,
        completed_on: None,
        notes: String::new(),
    };
    let id = application::create(w, &input, 4)?;
    // 300,000 charged to the grant in eligible categories: 2/3 of it is exactly the 200,000 applied for.
    let budget = BudgetInput {
        income: vec![
            income(IncomeKind::Grant, "協働のまちづくり交付金", 200_000),
            income(IncomeKind::Dues, "自治会費からの負担金", 110_000),
            income(IncomeKind::ProjectIncome, "防災講座の参加費 200円×100人", 20_000),
        ],
        expenses: vec![
            line(C::Honorarium, "防災講座の講師謝礼", true, vec![row("講師謝礼", 10_000, 2, "回")]),
            line(
                C::Supplies,
                "花苗・培養土・清掃用品",
                true,
                vec![
                    row("花苗", 120, 600, "ポット"),
                    row("培養土", 800, 40, "袋"),
                    row("軍手・ごみ袋など", 230, 200, "組"),
                ],
            ),
            line(C::Printing, "防災マップの印刷（A3カラー）", true, vec![row("防災マップ", 80, 1_000, "部")]),
            line(C::Insurance, "行事保険", true, vec![row("行事保険料", 15_000, 1, "式")]),
            line(C::Rental, "テントの借用", true, vec![row("テント", 7_000, 5, "張")]),
            line(C::Food, "参加者の飲み物", false, vec![row("飲み物", 125, 200, "本")]),
            line(C::Postage, "講師への資料送付", false, vec![row("郵送料", 100, 50, "通")]),
        ],
    };
    application::save_budget(w, &id, &budget)?;
    let applied = step(cx, &id, GrantTransition::Apply { on: day(fy, 5, 15) })?;
    let award_on = day(fy, 6, 1) - Duration::days(3);
    let awarded = applied
        && step(
            cx,
            &id,
            GrantTransition::Award { on: award_on, amount: 200_000, award_number: "み市協第245号".to_owned() },
        )?;
    if !awarded {
        return Ok(());
    }
    transition::take(w, &id, &GrantTransition::Start)?;
    // The project's money goes through the general account's bank book: the advance and the payment
    // as 補助金, the flowers as 清掃活動 (花いっぱい運動), everything else as 防災訓練.
    if let Some(account) = council_domain::accounts::general(w)? {
        let id_of = |name: &str| account.categories.iter().find(|c| c.name == name).map(|c| c.id.clone());
        if let (Some(bank), Some(income), Some(drill), Some(flowers)) =
            (account.books.get(1), id_of("補助金"), id_of("防災訓練"), id_of("清掃活動"))
        {
            let link = GrantLedgerInput {
                book_id: bank.id.clone(),
                income_category_id: income,
                expense_category_id: drill,
                categories: vec![GrantCategoryLink { category: C::Supplies.as_str().to_owned(), category_id: flowers }],
            };
            grant_ledger::set(w, id.as_str(), Some(&link))?;
        }
    }
    // The advance is claimed (its 請求書 dated that day), then paid.
    let claim_on = day(fy, 6, 5);
    if claim_on <= today {
        transition::claim_advance(w, &id, claim_on, 100_000)?;
    }
    let advance_on = day(fy, 6, 20);
    if advance_on <= today {
        transition::record_advance(w, &id, advance_on, 100_000)?;
    }
    const GRANT: bool = true;
    const OWN: bool = false;
    let council = "さくら台自治会 様";
    let list: [DemoExpense; 10] = [
        (
            6,
            8,
            "ホームセンターみどり",
            "花苗（マリーゴールド・サルビア）360ポット代として",
            C::Supplies,
            43_200,
            GRANT,
            council,
            Receipt::Png,
        ),
        (6, 8, "みどり園芸", "培養土 20袋代として", C::Supplies, 16_000, GRANT, council, Receipt::Pdf),
        (
            6,
            22,
            "みどり損害保険代理店",
            "行事保険料として",
            C::Insurance,
            15_000,
            GRANT,
            "さくら台自治会 御中",
            Receipt::Pdf,
        ),
        // The shop wrote only お品代: the receipt check asks for the itemised till receipt.
        (7, 5, "ホームセンターみどり", "お品代", C::Supplies, 12_800, GRANT, council, Receipt::Png),
        (7, 20, "みどりテントレンタル", "テント借用料（5張）として", C::Rental, 35_000, GRANT, council, Receipt::Pdf),
        (
            8,
            30,
            "佐藤 健（みどり市防災士会）",
            "防災講座 講師謝礼として",
            C::Honorarium,
            10_000,
            GRANT,
            council,
            Receipt::Pdf,
        ),
        (9, 6, "酒のたなか", "防災訓練参加者の飲み物代として", C::Food, 18_000, OWN, council, Receipt::Png),
        (
            10,
            4,
            "ホームセンターみどり",
            "軍手・ごみ袋・移植ごて代として",
            C::Supplies,
            52_500,
            GRANT,
            council,
            Receipt::Png,
        ),
        (10, 25, "みどり印刷", "防災マップ印刷代（1,000部）として", C::Printing, 80_000, GRANT, council, Receipt::Pdf),
        // By November 消耗品費 is 27% over its budget: the window shows that a change application is due.
        (11, 8, "みどり園芸", "パンジー苗・肥料代として", C::Supplies, 66_000, GRANT, council, Receipt::Pdf),
    ];
    record_expenses(cx, &id, fy, &list)?;
    // The lecture's participation fees went into the cash book, marked as the project's income: the
    // settlement takes its 事業収入 from there.
    let lecture = day(fy, 8, 30);
    if lecture <= today
        && let Some(account) = council_domain::accounts::general(w)?
        && let (Some(cash), Some(category)) =
            (account.books.first(), account.categories.iter().find(|c| c.name == "事業収入"))
    {
        let input = EntryInput {
            book_id: cash.id.clone(),
            date: lecture,
            category_id: category.id.clone(),
            description: "防災講座 参加費（200円×48人）".to_owned(),
            amount: 9_600,
            counterparty: String::new(),
        };
        let entry = ledger::post(w, cx.attachments, &input, None)?;
        let link = IncomeLinkInput { application_id: id.clone(), kind: IncomeKind::ProjectIncome };
        settlement::book_income(w, entry.as_str(), Some(&link))?;
        // Paid into the bank the same day.
        if let Some(bank) = account.books.get(1) {
            let deposit = TransferInput {
                from_book: cash.id.clone(),
                to_book: bank.id.clone(),
                date: lecture,
                amount: 9_600,
                description: "防災講座 参加費の預け入れ".to_owned(),
            };
            ledger::transfer(w, &deposit)?;
        }
    }
    // Late in November the treasurer prepares the change the window asked for: more flowers, one
    // lecture instead of two, the drinks as bought, no postage; the council's own share makes up the
    // difference, the grant stays as awarded. Saved as a draft: its 変更承認申請書 prints, not yet sent.
    if day(fy, 11, 20) <= today {
        let changed = BudgetInput {
            income: vec![
                income(IncomeKind::Grant, "協働のまちづくり交付金", 200_000),
                income(IncomeKind::Dues, "自治会費からの負担金", 128_500),
                income(IncomeKind::ProjectIncome, "防災講座の参加費 200円×100人", 20_000),
            ],
            expenses: vec![
                line(C::Honorarium, "防災講座の講師謝礼", true, vec![row("講師謝礼", 10_000, 1, "回")]),
                line(
                    C::Supplies,
                    "花苗・培養土・清掃用品",
                    true,
                    vec![
                        row("花苗", 120, 600, "ポット"),
                        row("培養土", 800, 40, "袋"),
                        row("軍手・ごみ袋など", 230, 200, "組"),
                        row("秋のパンジー苗・肥料", 40_500, 1, "式"),
                    ],
                ),
                line(C::Printing, "防災マップの印刷（A3カラー）", true, vec![row("防災マップ", 80, 1_000, "部")]),
                line(C::Insurance, "行事保険", true, vec![row("行事保険料", 15_000, 1, "式")]),
                line(C::Rental, "テントの借用", true, vec![row("テント", 7_000, 5, "張")]),
                line(C::Food, "参加者の飲み物", false, vec![row("飲み物", 90, 200, "本")]),
            ],
        };
        application::save_budget(w, &id, &changed)?;
    }
    // The events it pays for: their turnout and photos go into its report.
    for title in ["総合防災訓練", "秋の一斉清掃と花植え"] {
        let event: Option<council_domain::events::EventId> = w
            .prepare("SELECT id FROM event WHERE title = ?1 AND starts_on BETWEEN ?2 AND ?3")?
            .query_map(params![title, fy.start(4), fy.end(4)], |r| r.get(0))?
            .next()
            .transpose()?;
        if let Some(event) = event {
            application::link_event(w, &event, Some(&id))?;
        }
    }
    Ok(())
}

fn add_paid(cx: &Ctx<'_, '_>, program: &GrantProgramId, fy: FiscalYear) -> Result<()> {
    let Ctx { w, .. } = *cx;
    let today = w.today();
    let actions: Vec<ActionId> =
        [action(w, "登下校の見守り活動")?, action(w, "防犯パトロール")?].into_iter().flatten().collect();
    let input = GrantApplicationInput {
        program_id: program.clone(),
        project_name: "子ども見守り・防犯パトロール事業".to_owned(),
        purpose: "登下校の見守りと夜間の防犯パトロールの担い手を増やし、子どもと高齢者が安心して暮らせる地区にする。"
            .to_owned(),
        content: "見守りボランティア用のベスト・腕章・懐中電灯をそろえ、のぼり旗を通学路に立てる。".to_owned(),
        starts_on: day(fy, 6, 1),
        ends_on: day(fy, 2, 28),
        place: "通学路、地区内一円".to_owned(),
        target_group: "見守りボランティア、地区の児童".to_owned(),
        expected_participants: Some(60),
        partner_ids: Vec::new(),
        partners_text: String::new(),
        action_ids: actions,
        schedule: Vec::new(),
        expected_effect: "見守りボランティアが40人から60人に増える。".to_owned(),
        requested_amount: 100_000,
        completed_on: Some(day(fy, 2, 20)),
        notes: String::new(),
    };
    let id = application::create(w, &input, 4)?;
    let budget = BudgetInput {
        income: vec![
            income(IncomeKind::Grant, "協働のまちづくり交付金", 100_000),
            income(IncomeKind::Dues, "自治会費からの負担金", 50_000),
        ],
        expenses: vec![
            line(
                C::Supplies,
                "見守り用品",
                true,
                vec![row("ベスト", 1_500, 40, "着"), row("腕章", 500, 40, "枚"), row("懐中電灯", 1_000, 20, "本")],
            ),
            line(C::Printing, "のぼり旗", true, vec![row("のぼり旗", 3_500, 10, "枚")]),
            line(C::Insurance, "ボランティア保険", true, vec![row("保険料", 300, 50, "人")]),
        ],
    };
    application::save_budget(w, &id, &budget)?;
    let list: [DemoExpense; 5] = [
        (
            6,
            12,
            "みどりユニフォーム",
            "見守りベスト 40着代として",
            C::Supplies,
            60_000,
            true,
            "さくら台自治会 様",
            Receipt::Pdf,
        ),
        (
            6,
            12,
            "みどりユニフォーム",
            "腕章 40枚代として",
            C::Supplies,
            20_000,
            true,
            "さくら台自治会 様",
            Receipt::Pdf,
        ),
        (
            6,
            15,
            "みどり市社会福祉協議会",
            "ボランティア保険料として",
            C::Insurance,
            15_000,
            true,
            "さくら台自治会 様",
            Receipt::Png,
        ),
        (
            7,
            3,
            "ホームセンターみどり",
            "懐中電灯 20本代として",
            C::Supplies,
            18_400,
            true,
            "さくら台自治会 様",
            Receipt::Png,
        ),
        (9, 10, "みどり印刷", "のぼり旗 10枚代として", C::Printing, 35_200, true, "さくら台自治会 様", Receipt::Pdf),
    ];
    transition::take(w, &id, &GrantTransition::Apply { on: day(fy, 5, 10) })?;
    transition::take(
        w,
        &id,
        &GrantTransition::Award { on: day(fy, 5, 28), amount: 100_000, award_number: "み市協第118号".to_owned() },
    )?;
    transition::take(w, &id, &GrantTransition::Start)?;
    record_expenses(cx, &id, fy, &list)?;
    // 148,600 spent, all eligible: 2/3 is 99,066 (rounded down). The dues made up the rest.
    let settlement_input = SettlementInput {
        income: vec![IncomeActualInput { kind: IncomeKind::Dues, actual: Some(49_534), reason: String::new() }],
        expenses: vec![CategoryReasonInput {
            category: C::Supplies,
            reason: "懐中電灯を予定より安い製品にしたため減額".to_owned(),
        }],
    };
    settlement::save(w, &id, &settlement_input)?;
    let final_amount = council_domain::grants::SubsidyRate::new(2, 3).cap(148_600);
    let paid_on = (fy.end(4) + Duration::days(20)).min(today);
    for t in [
        GrantTransition::Report { on: day(fy, 3, 10), receipts_reviewed: true },
        GrantTransition::Settle { on: day(fy, 3, 25), amount: final_amount },
        GrantTransition::Claim { on: day(fy, 3, 28) },
        GrantTransition::Pay { on: paid_on, amount: final_amount },
    ] {
        transition::take(w, &id, &t)?;
    }
    Ok(())
}

/// A one-page PDF receipt with the given lines (ASCII, in Helvetica), its cross-reference table
/// computed so every reader opens it.
pub fn receipt_pdf(lines: &[String]) -> Vec<u8> {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let mut content = String::from("BT /F1 16 Tf 30 250 Td 22 TL\n");
    for l in lines {
        content.push_str(&format!("({}) Tj T*\n", escape(l)));
    }
    content.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 298] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    out.into_bytes()
}

/// A small greyscale PNG (a "photographed receipt": paper with ruled lines), different per `seed`.
pub fn receipt_png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let ruled = y % 8 == 7 && x > 4 && x + 4 < width;
            let mark = (x + y + u32::from(seed)) % 23 == 0;
            raw.push(if ruled || mark { 90 } else { 240 });
        }
    }
    // zlib stream of stored (uncompressed) blocks.
    let mut z = vec![0x78, 0x01];
    let mut chunks = raw.chunks(65_535).peekable();
    while let Some(c) = chunks.next() {
        z.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(c);
    }
    z.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale, no interlace
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &z);
    chunk(b"IEND", &[]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for x in bytes {
        a = (a + u32::from(*x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_png_checksums_are_the_standard_ones() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082, "the CRC every PNG's IEND chunk carries");
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398, "the textbook Adler-32 example");
        let png = receipt_png(64, 40, 3);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(png.ends_with(&[0xAE, 0x42, 0x60, 0x82]), "ends with IEND and its CRC");
        assert_ne!(receipt_png(64, 40, 4), png, "each receipt looks different");
    }

    #[test]
    fn the_pdf_cross_reference_points_at_its_objects() {
        let pdf = String::from_utf8(receipt_pdf(&["RECEIPT (copy)".to_owned()])).expect("ASCII");
        let start: usize = pdf.lines().rev().nth(1).expect("startxref value").parse().expect("number");
        assert!(pdf[start..].starts_with("xref"), "startxref points at the table");
        for (n, entry) in pdf[start..].lines().skip(3).take(5).enumerate() {
            let offset: usize = entry[..10].parse().expect("offset");
            assert!(pdf[offset..].starts_with(&format!("{} 0 obj", n + 1)), "object {} is where the table says", n + 1);
        }
        assert!(pdf.contains("(RECEIPT \\(copy\\)) Tj"), "parentheses are escaped");
    }
}
