//! The grant forms typeset from the demo council's two grants — this year's, awarded and in progress,
//! and last year's, settled and paid — each PDF read back with `pdftotext` for the facts it must
//! carry (the council, the project, totals that match the desk's figures, 和暦 dates, the 増減 and its
//! reasons, the categories, a receipt's payee and amount), and `pdfimages` for the pictures it
//! embeds. The in-progress grant is then taken through a change, its report, the final amount and
//! the claim, and the forms of each step are checked on the way.
//!
//! With `COUNCIL_DOCS_OUT=<folder>` every PDF is also written there, to look at.
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use council_docs::{DocumentKind, DocumentRequest};
use council_domain::clock::FixedClock;
use council_domain::forms::{self, BankAccount, BankAccountKind, FormSettings, SealMode};
use council_domain::grants::{
    BreakdownRow, BudgetInput, CategoryReasonInput, ExpenseCategory as C, ExpenseLine, GrantApplication,
    GrantApplicationId, GrantApplicationInput, GrantExpenseInput, GrantStatus, GrantTransition, IncomeActualInput,
    IncomeKind, IncomeLine, ReceiptFile, SettlementInput, application, expenses, settlement, transition,
};
use council_domain::{Session, council, events};
use council_store::data_dir::DataDir;

const GRANT_FORMS: [DocumentKind; 9] = [
    DocumentKind::GrantApplication,
    DocumentKind::GrantPlan,
    DocumentKind::GrantBudget,
    DocumentKind::GrantChange,
    DocumentKind::GrantReport,
    DocumentKind::GrantResults,
    DocumentKind::GrantSettlement,
    DocumentKind::GrantClaim,
    DocumentKind::GrantReceipts,
];

fn today() -> NaiveDate {
    "2026-11-23".parse().expect("date")
}

fn demo_session(dir: &tempfile::TempDir) -> Session {
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today()))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo council");
    s
}

/// The grant application `id` as it is now.
fn application(s: &Session, id: &GrantApplicationId) -> council_domain::Result<GrantApplication> {
    s.read(|r| application::get(r, id, council::start_month(r)?, r.today()))
}

/// The demo's grant in `status`.
fn grant(s: &Session, status: GrantStatus) -> GrantApplication {
    let list = s.read(|r| application::list(r, None, r.today())).expect("grant applications");
    let summary = list.iter().find(|g| g.status == status).unwrap_or_else(|| panic!("a grant {status:?}"));
    application(s, &summary.id).expect("grant application")
}

/// Takes a step of the grant's life.
fn take(s: &Session, id: &GrantApplicationId, step: &GrantTransition) -> council_domain::Result<GrantStatus> {
    s.write(|w| transition::take(w, id, step))
}

fn request(document: DocumentKind, id: &GrantApplicationId) -> DocumentRequest {
    DocumentRequest { document, record: Some(id.0.clone()), fiscal_year: None, month: None, as_of: None }
}

/// Runs a poppler tool on the PDF and returns what it printed.
fn poppler(tool: &str, args: &[&str], pdf: &[u8], dir: &Path) -> String {
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new(tool).args(args).arg(&file).arg("-").output().unwrap_or_else(|e| {
        panic!("{tool} runs (poppler-utils; scripts/setup.sh installs it): {e}");
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A typeset grant form: its page count, its text and its PDF.
struct Form {
    pages: usize,
    text: String,
    pdf: Vec<u8>,
}

impl Form {
    /// Asserts the text carries each of `needles`, spaces aside (pdftotext reads a full-width space
    /// as a run of spaces, and a table's columns as spaces).
    fn has(&self, needles: &[&str], what: &str) {
        let text = squash(&self.text);
        for n in needles {
            assert!(text.contains(&squash(n)), "{what} lacks {n:?}:\n{}", self.text);
        }
    }

    /// How many pictures the PDF carries (`pdfimages -list`: two header lines, then one per image).
    fn images(&self, dir: &Path) -> usize {
        let file = dir.join("doc.pdf");
        std::fs::write(&file, &self.pdf).expect("write pdf");
        let out = Command::new("pdfimages").arg("-list").arg(&file).output().expect("pdfimages runs (poppler-utils)");
        assert!(out.status.success(), "pdfimages failed");
        let list = String::from_utf8_lossy(&out.stdout).into_owned();
        // The third column is the type: `image`, or `smask` for a picture's transparency.
        list.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count()
    }
}

fn render(s: &Session, document: DocumentKind, id: &GrantApplicationId, dir: &Path) -> Form {
    let req = request(document, id);
    let typeset = council_docs::produce(s, &req).unwrap_or_else(|e| panic!("{document:?}: {}", e.text().ja));
    let pdf = typeset.pdf().expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "{document:?}: a PDF");
    if let Some(out) = std::env::var_os("COUNCIL_DOCS_OUT") {
        let name = council_docs::file_name(s, &req).expect("file name");
        std::fs::create_dir_all(&out).expect("output folder");
        std::fs::write(Path::new(&out).join(name), &pdf).expect("write the PDF to look at");
    }
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf, dir);
    Form { pages: typeset.page_count(), text, pdf }
}

/// The expense categories a form names, in the order it first names them.
fn category_order(text: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> =
        C::ALL.iter().map(|c| c.label_ja()).filter_map(|label| text.find(label).map(|at| (at, label))).collect();
    found.sort();
    found.into_iter().map(|(_, label)| label).collect()
}

/// Whether category labels come in the categories' own order (報償費, 旅費, 消耗品費 …).
fn in_category_order(labels: &[&str]) -> bool {
    let rank = |label: &str| C::ALL.iter().position(|c| c.label_ja() == label).unwrap_or(usize::MAX);
    labels.windows(2).all(|w| rank(w[0]) < rank(w[1]))
}

/// Text without its spaces (ideographic ones included).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Yen as the forms print them in a table (`330,000`).
fn amount(yen: i64) -> String {
    council_domain::money::format_amount(yen)
}

fn row(item: &str, unit_price: i64, quantity: i64, unit: &str) -> BreakdownRow {
    BreakdownRow { item: item.into(), unit_price, quantity, unit: unit.into(), amount: unit_price * quantity }
}

fn line(category: C, description: &str, grant: bool, breakdown: Vec<BreakdownRow>) -> ExpenseLine {
    let amount = breakdown.iter().map(|r| r.amount).sum();
    ExpenseLine { category, description: description.into(), charged_to_grant: grant, amount, breakdown }
}

fn income(kind: IncomeKind, description: &str, amount: i64) -> IncomeLine {
    IncomeLine { kind, description: description.into(), amount }
}

#[test]
fn the_application_forms_carry_the_project_the_amount_and_the_budget() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let g = grant(&s, GrantStatus::InProgress);
    let budget = g.budgets.iter().find(|v| v.current).expect("the current budget");

    let form = render(&s, DocumentKind::GrantApplication, &g.id, dir.path());
    assert_eq!(form.pages, 1, "the application form is one page:\n{}", form.text);
    form.has(
        &[
            "第1号様式",
            "令和8年5月15日",
            "みどり市長 様",
            "申請者",
            "みどり市さくら台二丁目3番1号",
            "さくら台自治会",
            "会長　山田 太郎",
            "担当者",
            "令和8年度 協働のまちづくり交付金交付申請書",
            "花と防災のまちづくり事業",
            "金 200,000円",
            "令和8年6月1日〜令和9年2月28日",
            &council_domain::money::format_yen(budget.expense_total),
            "1　事業計画書（第2号様式）",
            "収支予算書（第3号様式）",
            "総会の議事録の写し",
        ],
        "the application form",
    );
    assert!(!form.text.contains("交付申請書（第1号様式）"), "the form does not list itself as an attachment");

    let form = render(&s, DocumentKind::GrantPlan, &g.id, dir.path());
    form.has(
        &[
            "第2号様式",
            "事業計画書",
            "公園の花壇づくりと防災マップづくり",
            "さくら台公園、さくら台集会所",
            "400人",
            "NPO法人みどりの森",
            "みどり市防災士会",
            "総合防災訓練の実施",
            "第1四半期",
            "4月〜6月",
            "1月〜3月",
            "花苗の植え付け、行事保険の加入",
            "災害時に助け合える顔の見える関係",
        ],
        "the project plan",
    );

    // While a change is being prepared the budget form prints it (to go with the change application):
    // the demo's change dropped, it prints the budget as applied.
    let form = render(&s, DocumentKind::GrantBudget, &g.id, dir.path());
    form.has(&["収支予算書（変更後）", "348,500"], "the demo's change being prepared");
    s.write(|w| application::discard_change(w, &g.id)).expect("the demo's change dropped");
    let form = render(&s, DocumentKind::GrantBudget, &g.id, dir.path());
    assert_eq!(budget.income_total, budget.expense_total, "the demo's budget balances");
    form.has(
        &[
            "第3号様式",
            "収支予算書",
            "交付金",
            "自治会費からの負担金",
            "消耗品費",
            "花苗 120円×600ポット＝72,000円",
            "テント 7,000円×5張＝35,000円",
            "使用料及び賃借料",
            &amount(budget.expense_total),
            "○",
            "交付金対象経費 300,000円 × 補助率 3分の2 ＝ 200,000円",
        ],
        "the budget",
    );
    let total_rows = form.text.lines().filter(|l| l.contains("合計") && l.contains(&amount(budget.expense_total)));
    assert_eq!(total_rows.count(), 2, "income and expenses each total {}:\n{}", budget.expense_total, form.text);
    assert!(!form.text.contains("（変更後）"), "the budget applied with is no change");
}

#[test]
fn the_settled_grants_report_settlement_claim_and_receipts_match_the_desk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = demo_session(&dir);
    let g = grant(&session, GrantStatus::Paid);
    let s = session.read(|r| settlement::get(r, &g.id)).expect("settlement");
    assert_eq!((s.expense_actual_total, s.grant_actual), (148_600, 99_066), "the demo's figures");

    let form = render(&session, DocumentKind::GrantReport, &g.id, dir.path());
    form.has(
        &[
            "第5号様式",
            "令和8年3月10日",
            "みどり市長 様",
            "令和7年度 協働のまちづくり交付金実績報告書",
            "令和7年5月28日付けみ市協第118号",
            "子ども見守り・防犯パトロール事業",
            "100,000円",
            "令和8年2月20日",
            "148,600円",
            "99,066円",
            "事業実績書（第6号様式）",
            "収支決算書（第7号様式）",
            "領収書貼付台紙",
        ],
        "the performance report",
    );
    assert!(!form.text.contains("見込み"), "the grant's amount is final");

    let form = render(&session, DocumentKind::GrantSettlement, &g.id, dir.path());
    form.has(&["第7号様式", "令和7年度 収支決算書", "子ども見守り・防犯パトロール事業"], "the settlement");
    assert!(!form.text.contains("（案）") && form.pages == 1, "a settled grant's settlement is final:\n{}", form.text);
    for l in s.income.iter().chain(&s.expenses) {
        let cells = [l.label.ja.clone(), amount(l.budget), amount(l.actual)];
        let found = form.text.lines().any(|t| cells.iter().all(|c| t.contains(c.as_str())));
        assert!(found, "a line for {} with its budget and actual:\n{}", l.label.ja, form.text);
    }
    form.has(
        &[
            "消耗品費",
            "100,000",
            "98,400",
            "△1,600",
            "懐中電灯を予定より安い製品にしたため減額",
            "印刷製本費",
            "+200",
            "△934",
            "150,000",
            "148,600",
            "△1,400",
            "交付確定額です",
        ],
        "the settlement's lines",
    );

    let form = render(&session, DocumentKind::GrantClaim, &g.id, dir.path());
    form.has(
        &[
            "第8号様式",
            "令和8年3月28日",
            "請求者",
            "令和7年度 協働のまちづくり交付金請求書",
            "請求金額",
            "金 99,066 円",
            "交付確定額",
            "令和8年3月25日付けで交付額確定",
            "振込先",
            "金融機関名",
            "口座番号",
            "口座名義",
        ],
        "the claim",
    );
    assert!(!form.text.contains("概算払"), "no advance was received, so the claim is not split");

    let form = render(&session, DocumentKind::GrantReceipts, &g.id, dir.path());
    assert!(form.pages >= 3, "three categories, each on its own sheet: {} pages", form.pages);
    form.has(
        &[
            "領収書貼付台紙",
            "消耗品費",
            "印刷製本費",
            "保険料",
            "みどりユニフォーム",
            "見守りベスト 40着代として",
            "60,000",
            "令和7年6月12日",
            "消耗品費 計",
            "98,400",
            // The PDF receipts are pasted in: their own text is on the sheet.
            "JPY 60000",
            "JPY 35200",
        ],
        "the receipt sheets",
    );
    assert_eq!(form.images(dir.path()), 2, "the two photographed (PNG) receipts are pasted in");
}

#[test]
fn the_in_progress_grants_receipt_sheets_paste_every_receipt_by_category() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let g = grant(&s, GrantStatus::InProgress);
    // An invoice on A4 (a page of another document as its PDF) takes a sheet's whole width.
    let counts =
        DocumentRequest { document: DocumentKind::Counts, record: None, fiscal_year: None, month: None, as_of: None };
    let a4 = council_docs::produce(&s, &counts).expect("counts").pdf().expect("pdf");
    let invoice = GrantExpenseInput {
        paid_on: "2026-11-10".parse().expect("date"),
        payee: "みどり市民会館".into(),
        description: "講座会場の使用料として".into(),
        category: C::Rental,
        amount: 4_400,
        from_grant: true,
        addressee: "さくら台自治会 様".into(),
        notes: String::new(),
    };
    let file = ReceiptFile { file_name: "請求書兼領収書.pdf", bytes: &a4 };
    s.write(|w| expenses::add(w, &s.dir().attachments(), &g.id, &invoice, Some(file)))
        .expect("expense with an A4 receipt");
    // A receipt made out to 上様, which the city sends back.
    let to_no_one = GrantExpenseInput {
        paid_on: "2026-11-20".parse().expect("date"),
        description: "会場使用料".into(),
        amount: 1_100,
        addressee: "上様".into(),
        ..invoice.clone()
    };
    s.write(|w| expenses::add(w, &s.dir().attachments(), &g.id, &to_no_one, None)).expect("expense to 上様");
    let g = application(&s, &g.id).expect("grant");
    let categories: std::collections::BTreeSet<C> = g.expenses.iter().map(|e| e.category).collect();
    let form = render(&s, DocumentKind::GrantReceipts, &g.id, dir.path());
    // The 総括表 first: per category the count and the total, and the grand total.
    let summary = form.text.split('\u{c}').next().unwrap_or_default();
    assert!(squash(summary).contains("領収書貼付台紙総括表"), "the summary comes first:\n{summary}");
    for c in &categories {
        let list: Vec<_> = g.expenses.iter().filter(|e| e.category == *c).collect();
        let total: i64 = list.iter().map(|e| e.amount).sum();
        let line = summary.lines().find(|l| l.trim_start().starts_with(c.label_ja())).unwrap_or_default();
        assert!(
            line.contains(&format!(" {} ", list.len())) && line.contains(&amount(total)),
            "{}: {} receipts, {} in all: {line:?}",
            c.label_ja(),
            list.len(),
            total
        );
    }
    let sum_line = summary.lines().find(|l| l.trim_start().starts_with("合計")).unwrap_or_default();
    assert!(sum_line.contains(&amount(g.expense_total)), "the grand total: {sum_line:?}");
    // Receipts a clerk sends back are listed apart, on a sheet not handed in.
    form.has(
        &["提出の前に確かめること", "但し書きが「お品代」です", "宛名が「上様」です"],
        "the receipts to fix before handing in",
    );
    assert!(form.pages >= categories.len(), "{} categories on {} pages", categories.len(), form.pages);
    for c in &categories {
        assert!(form.text.contains(&format!("{} 計", c.label_ja())), "a sheet for {}", c.label_ja());
    }
    for e in &g.expenses {
        assert!(form.text.contains(&e.payee), "the list names {}", e.payee);
        assert!(form.text.contains(&amount(e.amount)), "and the amount {}", e.amount);
    }
    form.has(&["食糧費", "自己資金", "交付金", "お品代", "JPY 80000", "JPY 66000"], "the receipt sheets");
    let supplies = g.expenses.iter().filter(|e| e.category == C::Supplies).count();
    assert!(supplies > 4, "the demo's 消耗品費 has more receipts than fit on its first sheet");
    assert!(
        form.text.matches("科目：消耗品費").count() >= 2,
        "the sheet it runs on to names the category in its head:\n{}",
        form.text
    );
    form.has(&["No.11", "みどり市民会館", "4,400", "世帯数集計表"], "the A4 receipt, pasted in");
    let pngs = g.expenses.iter().filter(|e| e.receipt.as_ref().is_some_and(|r| r.mime == "image/png")).count();
    assert_eq!(form.images(dir.path()), pngs, "every photographed receipt is pasted in");

    // Before the final amount, the claim is for the advance, dated the day it was claimed.
    assert_eq!(g.advance_claimed_on, Some("2026-06-05".parse().expect("date")), "the demo claimed its advance");
    let form = render(&s, DocumentKind::GrantClaim, &g.id, dir.path());
    form.has(&["（概算払）", "金 100,000 円", "交付決定額", "200,000円", "令和8年6月5日"], "the advance's claim");
    assert!(!form.text.contains("令和　　年　　月　　日"), "the day is printed, not left blank:\n{}", form.text);
    // The settlement before the report: 消耗品費 is 27% over and has no reason yet.
    let form = render(&s, DocumentKind::GrantSettlement, &g.id, dir.path());
    let supplies = form.text.lines().find(|l| l.contains("消耗品費")).expect("a line for 消耗品費");
    assert!(supplies.contains("+40,500") && !supplies.contains("必要です"), "no prompt inside the form: {supplies}");
    form.has(
        &["収支決算書（案）", "提出の前に確かめること", "「消耗品費」の増減"],
        "a draft, with what is missing apart",
    );
    assert!(form.pages >= 2, "the list on a sheet of its own");
    form.has(&["見込み額"], "the grant's actual is an estimate before the final amount");
    // Income is taken from the books: the lecture's fees booked as the project's 事業収入.
    let fees = form.text.lines().find(|l| l.contains("事業収入")).expect("a line for 事業収入");
    assert!(fees.contains("20,000") && fees.contains("9,600") && fees.contains("△10,400"), "from the books: {fees}");
    // Not in the books: 0 and said on the sheet apart, never the budget's figure.
    s.write(|w| {
        w.execute("UPDATE ledger_entry SET grant_application_id = NULL, grant_income_kind = NULL", [])?;
        Ok::<(), council_domain::Error>(())
    })
    .expect("the fees taken off the project");
    let form = render(&s, DocumentKind::GrantSettlement, &g.id, dir.path());
    let fees = form.text.lines().find(|l| l.contains("事業収入")).expect("a line for 事業収入");
    assert!(fees.contains("△20,000") && !fees.contains("9,600"), "nothing received is 0: {fees}");
    form.has(&["収支決算書（案）", "「事業収入」の決算額がありません"], "the missing actual listed apart");
    // The report before the completion: the date is left to fill in, the grant is an estimate.
    let form = render(&s, DocumentKind::GrantReport, &g.id, dir.path());
    form.has(&["令和　　年　　月　　日", "見込み", "概算払受領額", "令和8年6月20日受領"], "the report in progress");
}

#[test]
fn the_results_carry_the_events_turnout_and_photos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let g = grant(&s, GrantStatus::InProgress);
    assert!(!g.events.is_empty(), "the demo links events to the grant");
    // A photo of the first event: a real PNG (a page of another document, as a picture).
    let counts =
        DocumentRequest { document: DocumentKind::Counts, record: None, fiscal_year: None, month: None, as_of: None };
    let png = council_docs::produce(&s, &counts).expect("counts").png_pages(0.5).expect("png").remove(0);
    s.write(|w| events::add_photo(w, &s.dir().attachments(), &g.events[0].id, "訓練の様子.png", &png)).expect("photo");
    let g = application(&s, &g.id).expect("grant");

    let form = render(&s, DocumentKind::GrantResults, &g.id, dir.path());
    form.has(&["第6号様式", "事業実績書", "花と防災のまちづくり事業", "実施した行事", "活動写真"], "the results");
    for e in &g.events {
        assert!(form.text.contains(&e.title), "the event {} is listed", e.title);
        if e.starts_on > today() {
            assert!(form.text.contains("（予定）"), "an event still to come is marked as planned");
        }
        if let Some(n) = e.actual_participants {
            assert!(form.text.contains(&format!("{n}人")), "with its turnout {n}");
        }
    }
    form.has(
        &[&format!("延べ{}人（見込み 400人）", g.participants_total), &format!("{}（令和8年", g.events[0].title)],
        "the turnout and the photo's caption",
    );
    assert_eq!(form.images(dir.path()), 1, "the event's photo is embedded");
}

#[test]
fn a_change_the_report_the_final_amount_and_the_claim_each_print_their_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let g = grant(&s, GrantStatus::InProgress);

    // The demo has its change prepared: its form prints from the demo as it is.
    let form = render(&s, DocumentKind::GrantChange, &g.id, dir.path());
    form.has(&["第4号様式", "変更承認申請書", "変更の理由"], "the demo's change being prepared");
    assert_eq!(form.pages, 1, "the form and the box for its reason on one page:\n{}", form.text);
    let supplies = form.text.lines().find(|l| l.contains("消耗品費")).expect("a line for 消耗品費");
    for cell in ["150,000", "190,500", "+40,500"] {
        assert!(supplies.contains(cell), "the demo's 消耗品費 before, after and difference: {supplies}");
    }
    s.write(|w| application::discard_change(w, &g.id)).expect("the demo's change dropped");

    // No changed budget: the change form says what to do.
    let err = council_docs::produce(&s, &request(DocumentKind::GrantChange, &g.id)).expect_err("no change yet");
    assert!(err.text().ja.contains("変更後の予算がありません"), "{}", err.text().ja);

    // The budget follows the spending: more flowers, one lecture, the drinks as bought, no postage.
    let changed = BudgetInput {
        income: vec![
            income(IncomeKind::Grant, "協働のまちづくり交付金", 200_000),
            income(IncomeKind::Dues, "自治会費からの負担金", 128_500),
            income(IncomeKind::ProjectIncome, "防災講座の参加費 200円×100人", 20_000),
        ],
        expenses: vec![
            line(C::Honorarium, "防災講座の講師謝礼", true, vec![row("講師謝礼", 10_000, 1, "回")]),
            line(C::Supplies, "花苗・培養土・清掃用品", true, vec![row("花苗・培養土・清掃用品", 190_500, 1, "式")]),
            line(C::Printing, "防災マップの印刷（A3カラー）", true, vec![row("防災マップ", 80, 1_000, "部")]),
            line(C::Insurance, "行事保険", true, vec![row("行事保険料", 15_000, 1, "式")]),
            line(C::Rental, "テントの借用", true, vec![row("テント", 7_000, 5, "張")]),
            line(C::Food, "参加者の飲み物", false, vec![row("飲み物", 90, 200, "本")]),
        ],
    };
    s.write(|w| application::save_budget(w, &g.id, &changed)).expect("changed budget");
    let form = render(&s, DocumentKind::GrantBudget, &g.id, dir.path());
    form.has(&["収支予算書（変更後）", "190,500", "348,500"], "the changed budget, to go with the change");
    // The categories in one order on every form (the 食糧費 line entered last still comes before 印刷製本費).
    assert_eq!(
        category_order(&form.text),
        ["報償費", "消耗品費", "食糧費", "印刷製本費", "保険料", "使用料及び賃借料"],
        "{}",
        form.text
    );
    let form = render(&s, DocumentKind::GrantApplication, &g.id, dir.path());
    form.has(&["330,000円"], "the application keeps the budget applied with");
    let form = render(&s, DocumentKind::GrantChange, &g.id, dir.path());
    form.has(&["第4号様式", "変更承認申請書", "令和　　年　　月　　日", "変更の理由"], "the change being prepared");

    let reason = "秋の花植えに参加者が多く花苗を買い足したため消耗品費を増やし、講座を1回にしたため報償費を減らす。";
    let on = today();
    take(&s, &g.id, &GrantTransition::ApplyChange { on, reason: reason.into() }).expect("apply change");
    let form = render(&s, DocumentKind::GrantChange, &g.id, dir.path());
    form.has(
        &[
            "令和8年11月23日",
            "みどり市長 様",
            "令和8年度 協働のまちづくり交付金変更承認申請書",
            "令和8年5月29日付けみ市協第245号",
            "200,000円（変更なし）",
            reason,
            "変更後の事業計画書（第2号様式）",
            "変更後の収支予算書（第3号様式）",
        ],
        "the change application",
    );
    let supplies = form.text.lines().find(|l| l.contains("消耗品費")).expect("a line for 消耗品費");
    for cell in ["150,000", "190,500", "+40,500", "+27％"] {
        assert!(supplies.contains(cell), "消耗品費 before, after, difference and rate: {supplies}");
    }
    let honoraria = form.text.lines().find(|l| l.contains("報償費")).expect("a line for 報償費");
    assert!(honoraria.contains("△10,000") && honoraria.contains("△50％"), "{honoraria}");
    let postage = form.text.lines().find(|l| l.contains("通信運搬費")).expect("a dropped line is shown");
    assert!(postage.contains("5,000") && postage.contains("△5,000"), "{postage}");
    // The change form, the settlement and the receipt sheets name the categories in the budget's order.
    for (what, text) in [
        ("change", form.text.clone()),
        ("settlement", render(&s, DocumentKind::GrantSettlement, &g.id, dir.path()).text),
        ("receipts", render(&s, DocumentKind::GrantReceipts, &g.id, dir.path()).text),
    ] {
        let order = category_order(&text);
        assert!(order.len() >= 3 && in_category_order(&order), "{what}: {order:?}");
    }
    assert!(form.text.lines().any(|l| l.contains("合計") && l.contains("330,000") && l.contains("348,500")));

    // The change approved, the project completed, the settlement's reasons entered, the report, the
    // final amount and the claim.
    take(&s, &g.id, &GrantTransition::ApproveChange { on }).expect("approve change");
    let g = application(&s, &g.id).expect("grant");
    let done: NaiveDate = "2026-11-20".parse().expect("date");
    let input = GrantApplicationInput {
        program_id: g.program.id.clone(),
        project_name: g.project_name.clone(),
        purpose: g.purpose.clone(),
        content: g.content.clone(),
        starts_on: g.starts_on,
        ends_on: g.ends_on,
        place: g.place.clone(),
        target_group: g.target_group.clone(),
        expected_participants: g.expected_participants,
        partner_ids: g.partners.iter().map(|p| p.id.clone()).collect(),
        partners_text: g.partners_text.clone(),
        action_ids: g.actions.iter().map(|a| a.id.clone()).collect(),
        schedule: g.schedule.clone(),
        expected_effect: g.expected_effect.clone(),
        requested_amount: g.requested_amount,
        completed_on: Some(done),
        notes: g.notes.clone(),
    };
    s.write(|w| application::update(w, &g.id, &input, council::start_month(w)?)).expect("completed");
    let fewer = "防災講座の参加者が見込みより少なかったため";
    // The second lecture's fees (6,400) booked beside the first's (9,600): 16,000 from the books.
    let general = s.read(|r| council_domain::accounts::general(r)).expect("read").expect("general account");
    let fees = council_domain::accounts::ledger::EntryInput {
        book_id: general.books[0].id.clone(),
        date: "2026-11-15".parse().expect("date"),
        category_id: general.categories.iter().find(|c| c.name == "事業収入").expect("事業収入").id.clone(),
        description: "防災講座（2回目） 参加費".into(),
        amount: 6_400,
        counterparty: String::new(),
    };
    let as_fees =
        council_domain::grants::IncomeLinkInput { application_id: g.id.clone(), kind: IncomeKind::ProjectIncome };
    s.write(|w| {
        let entry = council_domain::accounts::ledger::post(w, &s.dir().attachments(), &fees, None)?;
        settlement::book_income(w, entry.as_str(), Some(&as_fees))
    })
    .expect("fees booked");
    let settlement = SettlementInput {
        income: vec![
            IncomeActualInput { kind: IncomeKind::ProjectIncome, actual: None, reason: fewer.into() },
            IncomeActualInput { kind: IncomeKind::Dues, actual: Some(132_500), reason: String::new() },
        ],
        expenses: vec![CategoryReasonInput { category: C::Supplies, reason: String::new() }],
    };
    s.write(|w| settlement::save(w, &g.id, &settlement)).expect("settlement");
    let form = render(&s, DocumentKind::GrantBudget, &g.id, dir.path());
    form.has(&["収支予算書（変更後）", "花苗・培養土・清掃用品 190,500円×1式＝190,500円"], "the changed budget");

    take(&s, &g.id, &GrantTransition::Report { on, receipts_reviewed: true }).expect("report");
    take(&s, &g.id, &GrantTransition::Settle { on, amount: 200_000 }).expect("settle");
    take(&s, &g.id, &GrantTransition::Claim { on }).expect("claim");

    let form = render(&s, DocumentKind::GrantReport, &g.id, dir.path());
    form.has(&["令和8年11月23日", "令和8年11月20日", "348,500円", "200,000円", "概算払受領額"], "the report");
    let form = render(&s, DocumentKind::GrantSettlement, &g.id, dir.path());
    let project = form.text.lines().find(|l| l.contains("事業収入")).expect("a line for 事業収入");
    for cell in ["20,000", "16,000", "△4,000"] {
        assert!(project.contains(cell), "事業収入's budget, actual and 増減: {project}");
    }
    assert!(form.text.contains(fewer), "and its reason:\n{}", form.text);
    let form = render(&s, DocumentKind::GrantClaim, &g.id, dir.path());
    form.has(
        &["（精算払）", "金 100,000 円", "交付確定額", "200,000円", "概算払受領額", "100,000円", "今回請求額"],
        "the claim: the final amount less the advance",
    );
}

#[test]
fn every_grant_form_of_both_grants_prints_named_after_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    for status in [GrantStatus::InProgress, GrantStatus::Paid] {
        let g = grant(&s, status);
        for kind in GRANT_FORMS {
            if kind == DocumentKind::GrantChange && status == GrantStatus::Paid {
                continue; // last year's grant never changed its budget
            }
            let req = request(kind, &g.id);
            let typeset = council_docs::produce(&s, &req).unwrap_or_else(|e| panic!("{kind:?}: {}", e.text().ja));
            assert!(typeset.page_count() >= 1);
            let pictures = typeset.png_pages(0.3).expect("the preview's pictures");
            assert_eq!(pictures.len(), typeset.page_count(), "{kind:?}: a picture per page");
            let name = council_docs::file_name(&s, &req).expect("file name");
            let title = kind.info().title.ja;
            assert_eq!(name, format!("さくら台自治会_{title}_{}.pdf", g.project_name), "{kind:?}");
        }
    }
    let missing = DocumentRequest {
        document: DocumentKind::GrantPlan,
        record: None,
        fiscal_year: None,
        month: None,
        as_of: None,
    };
    assert!(council_docs::produce(&s, &missing).is_err(), "a grant form needs its application");
    let unknown = request(DocumentKind::GrantPlan, &GrantApplicationId("no-such-grant".into()));
    assert!(council_docs::produce(&s, &unknown).is_err(), "an unknown application is refused");
}

/// The council's form settings as a test sets them.
fn set_forms(s: &Session, f: &FormSettings) {
    s.write(|w| forms::update(w, f)).expect("form settings");
}

#[test]
fn the_seal_setting_the_contact_and_the_bank_account_reach_the_forms_to_the_city() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let g = grant(&s, GrantStatus::Paid);
    let seals = |f: &Form| squash(&f.text).matches('印').count();

    // By default no seal (押印廃止), the contact and the account left to fill in by hand (the demo's
    // own contact and account cleared first).
    set_forms(&s, &FormSettings::default());
    let plain = render(&s, DocumentKind::GrantApplication, &g.id, dir.path());
    plain.has(&["会長　山田 太郎", "担当者", "氏名", "電話"], "the application without settings");
    let claim = render(&s, DocumentKind::GrantClaim, &g.id, dir.path());
    claim.has(&["振込先", "銀行・信用金庫・農協", "普通 ・ 当座"], "the claim with lines to fill in");

    // The seal box.
    set_forms(&s, &FormSettings { seal: SealMode::Seal, ..Default::default() });
    let sealed = render(&s, DocumentKind::GrantApplication, &g.id, dir.path());
    assert_eq!(seals(&sealed), seals(&plain) + 1, "one seal box beside the representative:\n{}", sealed.text);
    // A line to sign on.
    set_forms(&s, &FormSettings { seal: SealMode::Signature, ..Default::default() });
    let signed = render(&s, DocumentKind::GrantApplication, &g.id, dir.path());
    assert_eq!(seals(&signed), seals(&plain), "no seal box when signing");
    assert!(squash(&signed.text).contains("署名"), "a line to sign on:\n{}", signed.text);

    // The contact person and the account, as typed (full-width digits, half-width kana).
    let settings = FormSettings {
        seal: SealMode::None,
        contact_name: "鈴木 花子".into(),
        contact_phone: "０１２３－４５－６７８９".into(),
        bank: BankAccount {
            bank: "みどり信用金庫".into(),
            branch: "さくら台支店".into(),
            kind: BankAccountKind::Ordinary,
            number: "１２３４５６７".into(),
            holder_kana: "ｻｸﾗﾀﾞｲｼﾞﾁｶｲ ｶｲﾁｮｳ ﾔﾏﾀﾞ ﾀﾛｳ".into(),
            holder: "さくら台自治会 会長 山田 太郎".into(),
        },
        ..Default::default()
    };
    set_forms(&s, &settings);
    for kind in [DocumentKind::GrantApplication, DocumentKind::GrantReport, DocumentKind::GrantClaim] {
        let form = render(&s, kind, &g.id, dir.path());
        form.has(&["担当者", "鈴木 花子", "0123-45-6789"], &format!("{kind:?}"));
    }
    let claim = render(&s, DocumentKind::GrantClaim, &g.id, dir.path());
    claim.has(
        &["みどり信用金庫", "さくら台支店", "普通", "1234567", "サクラダイジチカイ カイチョウ ヤマダ タロウ"],
        "the claim's account",
    );
    assert!(!squash(&claim.text).contains("銀行・信用金庫・農協"), "no lines to fill in:\n{}", claim.text);
    // The officers' list for the city carries the contact too.
    let req =
        DocumentRequest { document: DocumentKind::Officers, record: None, fiscal_year: None, month: None, as_of: None };
    let officers = council_docs::produce(&s, &req).expect("officers").pdf().expect("pdf");
    let text = squash(&poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &officers, dir.path()));
    assert!(text.contains("担当者") && text.contains("0123-45-6789"), "{text}");

    // A wrong account number is refused and nothing changes.
    let bad =
        FormSettings { bank: BankAccount { number: "12-34".into(), ..settings.bank.clone() }, ..settings.clone() };
    assert!(s.write(|w| forms::update(w, &bad)).is_err(), "refused");
    assert_eq!(s.read(|r| forms::get(r)).expect("kept").bank.number, "1234567", "the account kept as it was");
}
