//! A grant's whole life through a session on a real SQLite file, with time moving on between steps
//! (the data folder is reopened with a later clock): a program and an application, a budget that does
//! not balance (the exact refusal), fixed and applied for, awarded with an advance, expenses with
//! receipt files and their warnings, a category beyond the change threshold, a change application
//! (a new budget version beside the old one), the report's preconditions, the settlement with its
//! reasons, the final amount, and every edit refused once settled; the claim and the payment; the
//! deadlines on the way; and the events the grant paid for.

use std::path::Path;

use chrono::NaiveDate;
use council_domain::accounts::ledger::{self, EntryInput};
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::events::{self, EventCategory, EventInput};
use council_domain::grants::settlement::{
    self, ActualSource, CategoryReasonInput, IncomeActualInput, IncomeLinkInput, SettlementInput,
};
use council_domain::grants::{
    BudgetInput, BudgetState, DeadlineKind, ExpenseCategory as C, ExpenseLine, GrantApplication, GrantApplicationId,
    GrantApplicationInput, GrantDeadline, GrantExpenseInput, GrantProgram, GrantProgramInput, GrantStatus, GrantStep,
    GrantTransition as T, IncomeKind, IncomeLine, QuarterPlan, ReceiptChange, ReceiptFile, ReceiptWarningKind,
    SubsidyRate, application, expenses, program, transition,
};
use council_domain::partners::{self, PartnerInput, PartnerKind};
use council_domain::{Result, Session, audit, council, grants};
use council_store::data_dir::DataDir;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

/// The data folder opened on `date` (time moves on by reopening it).
fn at(dir: &Path, date: &str) -> Session {
    council_domain::open(DataDir::at(dir), Box::new(FixedClock::at_date(d(date)))).expect("open data folder")
}

/// One grant application with everything recorded about it, as of the session's today.
fn application_of(s: &Session, id: &GrantApplicationId) -> Result<GrantApplication> {
    s.read(|r| application::get(r, id, council::start_month(r)?, r.today()))
}

/// The deadlines the council has to act on, soonest first.
fn deadlines(s: &Session) -> Result<Vec<GrantDeadline>> {
    s.read(|r| application::pending_deadlines(r, r.today()))
}

/// Registers a grant program, then reads it back.
fn create_program(s: &Session, input: &GrantProgramInput) -> Result<GrantProgram> {
    let id = s.write(|w| program::create(w, input, council::start_month(w)?))?;
    s.read(|r| program::get(r, &id))
}

/// Starts a grant application (a draft), then reads it back.
fn create_application(s: &Session, input: &GrantApplicationInput) -> Result<GrantApplication> {
    let id = s.write(|w| application::create(w, input, council::start_month(w)?))?;
    application_of(s, &id)
}

/// Takes a lifecycle step, then reads the application back.
fn take(s: &Session, id: &GrantApplicationId, step: &T) -> Result<GrantApplication> {
    s.write(|w| transition::take(w, id, step))?;
    application_of(s, id)
}

/// Saves the budget form, then reads the application back.
fn save_budget(s: &Session, id: &GrantApplicationId, input: &BudgetInput) -> Result<GrantApplication> {
    s.write(|w| application::save_budget(w, id, input))?;
    application_of(s, id)
}

/// Records an expense with its receipt file, then reads the application back.
fn add_expense(
    s: &Session,
    id: &GrantApplicationId,
    input: &GrantExpenseInput,
    receipt: Option<ReceiptFile<'_>>,
) -> Result<GrantApplication> {
    s.write(|w| expenses::add(w, &s.dir().attachments(), id, input, receipt))?;
    application_of(s, id)
}

/// Drops the changed budget being prepared, then reads the application back.
fn discard_change(s: &Session, id: &GrantApplicationId) -> Result<GrantApplication> {
    s.write(|w| application::discard_change(w, id))?;
    application_of(s, id)
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn program_input() -> GrantProgramInput {
    GrantProgramInput {
        name: "協働のまちづくり交付金".into(),
        grantor: "みどり市 市民協働課".into(),
        fiscal_year: 2026,
        max_amount: Some(300_000),
        rate: SubsidyRate::new(2, 3),
        eligible_categories: vec![C::Supplies, C::Printing, C::Honorarium, C::Insurance],
        change_threshold_percent: 20,
        application_due: Some(d("2026-05-29")),
        report_days: Some(30),
        report_no_later_than: Some(d("2027-03-31")),
        claim_days: Some(14),
        advance_payment: true,
        required_documents: vec!["交付申請書".into(), "規約".into(), "総会議事録の写し".into()],
        notes: String::new(),
    }
}

fn application_input(program: &council_domain::grants::GrantProgramId) -> GrantApplicationInput {
    GrantApplicationInput {
        program_id: program.clone(),
        project_name: "花いっぱい運動".into(),
        purpose: "公園の花壇づくりで住民の交流を増やす。".into(),
        content: "春と秋に花苗を植え、花壇マップを配る。".into(),
        starts_on: d("2026-06-01"),
        ends_on: d("2027-02-28"),
        place: "さくら台公園".into(),
        target_group: "地区住民".into(),
        expected_participants: Some(120),
        partner_ids: Vec::new(),
        partners_text: "さくら台小学校".into(),
        action_ids: Vec::new(),
        schedule: vec![
            QuarterPlan { quarter: 1, content: "花苗の植え付け".into() },
            QuarterPlan { quarter: 3, content: "秋の植え替え、マップ配布".into() },
        ],
        expected_effect: "花壇づくりの参加者が倍になる。".into(),
        requested_amount: 100_000,
        completed_on: None,
        notes: String::new(),
    }
}

fn income(kind: IncomeKind, amount: i64) -> IncomeLine {
    IncomeLine { kind, description: String::new(), amount }
}

fn expense_line(category: council_domain::grants::ExpenseCategory, amount: i64) -> ExpenseLine {
    ExpenseLine { category, description: String::new(), charged_to_grant: true, amount, breakdown: Vec::new() }
}

fn budget(grant: i64, dues: i64, supplies: i64, printing: i64) -> BudgetInput {
    BudgetInput {
        income: vec![income(IncomeKind::Grant, grant), income(IncomeKind::Dues, dues)],
        expenses: vec![expense_line(C::Supplies, supplies), expense_line(C::Printing, printing)],
    }
}

fn expense(
    paid_on: &str,
    category: council_domain::grants::ExpenseCategory,
    amount: i64,
    description: &str,
    addressee: &str,
) -> GrantExpenseInput {
    GrantExpenseInput {
        paid_on: d(paid_on),
        payee: "ホームセンターみどり".into(),
        description: description.into(),
        category,
        amount,
        from_grant: true,
        addressee: addressee.into(),
        notes: String::new(),
    }
}

fn fields(err: &Error) -> Vec<String> {
    match err {
        Error::Validation { problems, .. } => problems.iter().map(|p| p.field.clone()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn locked(result: Result<impl std::fmt::Debug, Error>, what: &str) {
    let err = result.expect_err(what);
    assert!(matches!(err, Error::Locked(_)), "{what}: refused as locked, got {err:?}");
}

/// A transition for `step` with plausible data dated `on`.
fn any(step: GrantStep, on: NaiveDate) -> T {
    match step {
        GrantStep::Apply => T::Apply { on },
        GrantStep::Award => T::Award { on, amount: 1, award_number: String::new() },
        GrantStep::Reject => T::Reject { on, reason: "理由".into() },
        GrantStep::Start => T::Start,
        GrantStep::ApplyChange => T::ApplyChange { on, reason: "理由".into() },
        GrantStep::ApproveChange => T::ApproveChange { on },
        GrantStep::DeclineChange => T::DeclineChange { on, reason: "理由".into() },
        GrantStep::Report => T::Report { on, receipts_reviewed: true },
        GrantStep::Settle => T::Settle { on, amount: 1 },
        GrantStep::Claim => T::Claim { on },
        GrantStep::Pay => T::Pay { on, amount: 1 },
        GrantStep::Withdraw => T::Withdraw { on, reason: "理由".into() },
    }
}

/// Every step the application does not offer now is refused by the core as a conflict, and changes
/// nothing; the steps it offers are exactly the lifecycle's.
fn only_offered_steps_are_taken(s: &Session, id: &council_domain::grants::GrantApplicationId, on: &str) {
    let before = application_of(s, id).expect("application");
    assert_eq!(before.next_steps, council_domain::grants::lifecycle::steps_from(before.status));
    for step in GrantStep::ALL.into_iter().filter(|s| !before.next_steps.contains(s)) {
        let err = take(s, id, &any(step, d(on))).expect_err("not offered");
        assert!(matches!(err, Error::Conflict(_)), "{:?} --{step:?}--> must be refused: {err:?}", before.status);
    }
    assert_eq!(application_of(s, id).expect("application"), before, "refused steps change nothing");
}

#[test]
fn a_grant_from_application_to_payment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path();

    // ── 1 May 2026: the program and a draft application ─────────────────────────────────────
    let s = at(path, "2026-05-01");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let bad = GrantProgramInput { name: " ".into(), rate: SubsidyRate::new(3, 2), ..program_input() };
    let err = create_program(&s, &bad).expect_err("an unnamed program with a rate above one");
    assert_eq!(fields(&err), vec!["name", "rate"], "each field to fix is named");
    assert!(s.read(|r| program::list(r, None)).expect("list").is_empty(), "nothing was written");
    let program = create_program(&s, &program_input()).expect("program");
    assert_eq!(program.rate_text.ja, "3分の2");
    assert_eq!(program.fiscal_year_label, "令和8年度");
    assert_eq!(program.report_rule_text.as_ref().expect("rule").ja, "事業完了後30日以内（遅くとも令和9年3月31日まで）");

    let partner = s
        .write(|w| {
            partners::create(
                w,
                &PartnerInput {
                    name: "NPO法人みどりの森".into(),
                    kind: PartnerKind::Npo,
                    contact_person: String::new(),
                    phone: String::new(),
                    email: String::new(),
                    address: String::new(),
                    notes: String::new(),
                },
            )
        })
        .expect("partner");
    let outside = GrantApplicationInput { ends_on: d("2027-04-30"), ..application_input(&program.id) };
    let err = create_application(&s, &outside).expect_err("a project beyond the program's year");
    assert_eq!(fields(&err), vec!["starts_on"]);
    let Error::Validation { problems, .. } = &err else { unreachable!() };
    assert_eq!(
        problems[0].message.ja,
        "事業期間は制度の年度（令和8年度：令和8年4月1日〜令和9年3月31日）の中にしてください。"
    );
    let mut input = application_input(&program.id);
    input.partner_ids = vec![partner];
    let app = create_application(&s, &input).expect("application");
    let id = app.id.clone();
    assert_eq!(app.status, GrantStatus::Draft);
    assert_eq!(app.next_steps, vec![GrantStep::Apply, GrantStep::Withdraw]);
    only_offered_steps_are_taken(&s, &id, "2026-05-01");
    assert_eq!(app.partners[0].name, "NPO法人みどりの森");
    assert_eq!(app.schedule.len(), 2);
    let due = deadlines(&s).expect("deadlines");
    assert_eq!(due.len(), 1, "a draft's deadline is its application's: {due:?}");
    assert_eq!((due[0].kind, due[0].days_left), (DeadlineKind::Application, 28));

    // ── A budget that does not balance: saved as a draft, refused when applying ─────────────
    let app = save_budget(&s, &id, &budget(100_000, 40_000, 120_000, 30_000)).expect("draft budget saved");
    assert_eq!(app.budgets.len(), 1);
    assert_eq!(app.budget_check.problems.len(), 1, "{:?}", app.budget_check.problems);
    assert_eq!(app.budget_check.rate_cap, 100_000, "2/3 of the 150,000 charged to the grant");
    let err = take(&s, &id, &T::Apply { on: d("2026-05-01") }).expect_err("unbalanced");
    let Error::Validation { message, problems } = &err else { panic!("validation: {err:?}") };
    assert_eq!(message.ja, "このままでは申請できません。収支予算書に直すところが1か所あります。");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "budget.totals");
    assert_eq!(
        problems[0].message.ja,
        "収入合計（140,000円）と支出合計（150,000円）が合っていません。支出が10,000円多いので、収入を10,000円増やすか、支出を10,000円減らしてください。"
    );
    assert_eq!(
        problems[0].message.en,
        "Income (¥140,000) and expenses (¥150,000) do not balance: expenses are ¥10,000 more. Add ¥10,000 of income or cut ¥10,000 of expenses."
    );
    assert_eq!(application_of(&s, &id).expect("app").status, GrantStatus::Draft, "nothing changed");
    // The form can check its lines before saving them.
    let fixed = budget(100_000, 50_000, 120_000, 30_000);
    assert!(s.read(|r| application::check_budget(r, &id, Some(&fixed))).expect("check").problems.is_empty());
    assert_eq!(
        s.read(|r| application::check_budget(r, &id, None)).expect("check").problems.len(),
        1,
        "the saved one still has it"
    );

    // ── Fixed and applied for ───────────────────────────────────────────────────────────────
    save_budget(&s, &id, &fixed).expect("fixed");
    let err = take(&s, &id, &T::Apply { on: d("2026-05-02") }).expect_err("a future date");
    assert_eq!(fields(&err), vec!["on"]);
    let app = take(&s, &id, &T::Apply { on: d("2026-05-01") }).expect("applied");
    assert_eq!(app.status, GrantStatus::Applied);
    assert_eq!(app.budgets[0].state, BudgetState::Submitted);
    only_offered_steps_are_taken(&s, &id, "2026-05-01");
    let err = save_budget(&s, &id, &fixed).expect_err("the budget is with the city");
    assert!(matches!(err, Error::Conflict(_)));
    let err = s.write(|w| {
        application::update(
            w,
            &id,
            &GrantApplicationInput { requested_amount: 90_000, ..input.clone() },
            council::start_month(w)?,
        )
    });
    assert!(matches!(err.expect_err("amount fixed once applied"), Error::Conflict(_)));
    drop(s);

    // ── 15 June: awarded, started, an advance ───────────────────────────────────────────────
    let s = at(path, "2026-06-15");
    let err = take(&s, &id, &T::Award { on: d("2026-04-30"), amount: 100_000, award_number: "第1号".into() })
        .expect_err("awarded before it was applied for");
    assert!(err.text().ja.contains("前の手続き「交付申請」"), "{}", err.text().ja);
    let err = take(&s, &id, &T::Award { on: d("2026-06-10"), amount: 120_000, award_number: "第1号".into() })
        .expect_err("more than applied for");
    assert_eq!(fields(&err), vec!["amount"]);
    let app = take(&s, &id, &T::Award { on: d("2026-06-10"), amount: 100_000, award_number: "み市協第1号".into() })
        .expect("awarded");
    assert_eq!(
        (app.status, app.amount_granted, app.award_number.as_str()),
        (GrantStatus::Awarded, Some(100_000), "み市協第1号")
    );
    assert_eq!(app.budgets[0].state, BudgetState::Approved);
    assert!(app.budgets[0].current);
    only_offered_steps_are_taken(&s, &id, "2026-06-15");
    let err = take(&s, &id, &T::Report { on: d("2026-06-15"), receipts_reviewed: true });
    let err = err.expect_err("reporting before the project starts");
    assert!(matches!(err, Error::Conflict(_)));
    assert_eq!(
        err.text().ja,
        "「交付決定」の申請は「実績報告」できません。いまできるのは「事業開始」、「取下げ」です。"
    );
    let report = deadlines(&s).expect("deadlines");
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].kind, DeadlineKind::Report);
    assert_eq!(report[0].due_on, d("2027-03-30"), "28 February + 30 days, before 31 March");
    assert!(report[0].estimated, "counted from the planned end until the completion date is entered");
    take(&s, &id, &T::Start).expect("started");
    // The advance is claimed (the claim's day is its 請求書's), corrected, then received.
    let early = s.write(|w| transition::claim_advance(w, &id, d("2026-06-01"), 50_000)).expect_err("before the award");
    assert_eq!(fields(&early), vec!["on"]);
    let much = s.write(|w| transition::claim_advance(w, &id, d("2026-06-11"), 150_000)).expect_err("over");
    assert_eq!(fields(&much), vec!["amount"]);
    s.write(|w| transition::claim_advance(w, &id, d("2026-06-11"), 40_000)).expect("claimed");
    s.write(|w| transition::claim_advance(w, &id, d("2026-06-11"), 50_000)).expect("claim corrected");
    let app = application_of(&s, &id).expect("claim");
    assert_eq!((app.advance_claimed_on, app.advance_claimed_amount), (Some(d("2026-06-11")), Some(50_000)));
    s.write(|w| transition::record_advance(w, &id, d("2026-06-12"), 50_000)).expect("advance");
    let late = s.write(|w| transition::claim_advance(w, &id, d("2026-06-11"), 60_000)).expect_err("paid");
    assert!(matches!(late, Error::Conflict(_)), "the claim of an advance received stays: {late:?}");
    let app = application_of(&s, &id).expect("advance");
    assert_eq!(app.advance_amount, Some(50_000));
    assert_eq!(app.status, GrantStatus::InProgress);
    only_offered_steps_are_taken(&s, &id, "2026-06-15");

    // The events it pays for.
    let event = s
        .write(|w| {
            events::create(
                w,
                &EventInput {
                    title: "秋の花植え".into(),
                    category: EventCategory::Cleanup,
                    starts_on: d("2026-10-18"),
                    ends_on: None,
                    start_time: Some("09:00".into()),
                    end_time: Some("11:00".into()),
                    place: "さくら台公園".into(),
                    organiser: "環境部".into(),
                    expected_participants: Some(60),
                    actual_participants: Some(72),
                    volunteers: Some(8),
                    cost: None,
                    notes: String::new(),
                    action_id: None,
                    partner_ids: Vec::new(),
                    fee: None,
                    notice_text: String::new(),
                },
            )
        })
        .expect("event");
    let choices = s.read(|r| application::choices(r)).expect("choices");
    assert_eq!(choices.len(), 1);
    assert_eq!(choices[0].label, "令和8年度 協働のまちづくり交付金「花いっぱい運動」");
    s.write(|w| application::link_event(w, &event, Some(&id))).expect("linked");
    let event = s
        .read(|r| grants::application::with_grant(r, events::get(r, &event, council::start_month(r)?)?))
        .expect("linked");
    assert_eq!(event.grant_label.as_deref(), Some("令和8年度 協働のまちづくり交付金「花いっぱい運動」"));
    s.write(|w| events::add_photo(w, &s.dir().attachments(), &event.id, "花植え.png", PNG)).expect("photo");
    drop(s);

    // ── 1 December: expenses with receipts ──────────────────────────────────────────────────
    let s = at(path, "2026-12-01");
    let council = "さくら台自治会 様";
    let gif = ReceiptFile { file_name: "receipt.gif", bytes: b"GIF89a...." };
    let err = add_expense(&s, &id, &expense("2026-06-20", C::Supplies, 60_000, "花苗代として", council), Some(gif))
        .expect_err("a GIF is not a receipt format");
    assert_eq!(fields(&err), vec!["receipt"]);
    assert!(application_of(&s, &id).expect("app").expenses.is_empty(), "nothing was written");
    let png = ReceiptFile { file_name: "C:\\スキャン\\花苗.png", bytes: PNG };
    let app = add_expense(&s, &id, &expense("2026-06-20", C::Supplies, 60_000, "花苗代として", council), Some(png))
        .expect("expense");
    assert!(app.expenses[0].warnings.is_empty(), "a good receipt: {:?}", app.expenses[0].warnings);
    let receipt = app.expenses[0].receipt.clone().expect("receipt");
    assert_eq!((receipt.file_name.as_str(), receipt.mime.as_str()), ("花苗.png", "image/png"));
    let (_, bytes) = s.read(|r| expenses::receipt(r, &s.dir().attachments(), &app.expenses[0].id)).expect("read back");
    assert_eq!(bytes, PNG, "the receipt comes back byte for byte");
    assert!(path.join("attachments").join(&receipt.sha256).exists(), "kept in the data folder");

    let pdf = ReceiptFile { file_name: "領収書.pdf", bytes: b"%PDF-1.4 receipt" };
    add_expense(&s, &id, &expense("2026-07-10", C::Supplies, 35_000, "お品代", council), Some(pdf)).expect("vague");
    add_expense(&s, &id, &expense("2026-09-01", C::Supplies, 57_000, "培養土・肥料代として", council), Some(pdf))
        .expect("supplies");
    let app = add_expense(&s, &id, &expense("2026-10-01", C::Printing, 17_000, "花壇マップ印刷代として", "上様"), None)
        .expect("printing");
    let warnings: Vec<(String, Vec<ReceiptWarningKind>)> =
        app.expenses.iter().map(|e| (e.description.clone(), e.warnings.iter().map(|w| w.kind).collect())).collect();
    assert_eq!(
        warnings,
        vec![
            ("花苗代として".to_owned(), vec![]),
            ("お品代".to_owned(), vec![ReceiptWarningKind::VagueDescription]),
            ("培養土・肥料代として".to_owned(), vec![]),
            (
                "花壇マップ印刷代として".to_owned(),
                vec![ReceiptWarningKind::AddresseeUesama, ReceiptWarningKind::NoReceipt]
            ),
        ]
    );
    assert_eq!(app.receipt_warning_count, 3);
    assert_eq!(app.expense_total, 169_000);

    // Budget against actual: 消耗品費 152,000 against 120,000 is beyond the 20% threshold.
    let bva = s.read(|r| settlement::budget_vs_actual(r, &id)).expect("budget vs actual");
    let supplies = bva.rows.iter().find(|r| r.category == C::Supplies).expect("supplies");
    assert!(supplies.needs_change);
    assert_eq!(
        supplies.message.as_ref().expect("message").ja,
        "消耗品費が予算より27%多くなっています。実績報告の前に変更承認申請が必要です。"
    );
    assert_eq!(
        supplies.message.as_ref().expect("message").en,
        "消耗品費 is 27 % over budget: a change application is needed before the report"
    );
    let printing = bva.rows.iter().find(|r| r.category == C::Printing).expect("printing");
    assert!(!printing.needs_change, "43% under, but still running: not counted yet");

    // The report is refused with everything it still needs.
    let err = take(&s, &id, &T::Report { on: d("2026-12-01"), receipts_reviewed: false }).expect_err("not ready");
    let f = fields(&err);
    for want in ["completed_on", "category.supplies", "category.printing", "receipts_reviewed"] {
        assert!(f.contains(&want.to_owned()), "{want} must be among {f:?}");
    }

    // ── A change application: version 2 beside version 1 ────────────────────────────────────
    let greedy = budget(110_000, 65_000, 155_000, 20_000);
    let check = s.read(|r| application::check_budget(r, &id, Some(&greedy))).expect("check");
    assert_eq!(check.version, Some(2), "saving would write version 2");
    assert!(
        check.problems.iter().any(|p| p.message.ja.contains("交付決定額（100,000円）")),
        "a change keeps the grant as awarded: {:?}",
        check.problems
    );
    let err = take(&s, &id, &T::ApplyChange { on: d("2026-11-20"), reason: "値上がり".into() });
    assert_eq!(fields(&err.expect_err("no changed budget yet")), vec!["budget"]);
    let changed = budget(100_000, 75_000, 155_000, 20_000);
    let app = save_budget(&s, &id, &changed).expect("version 2 drafted");
    assert_eq!(app.budgets.len(), 2);
    assert!(app.budgets[0].current && !app.budgets[1].current, "a draft change is not yet the budget");
    let app = take(
        &s,
        &id,
        &T::ApplyChange {
            on: d("2026-11-20"), reason: "花苗の値上がりと植栽範囲の拡大のため".into()
        },
    )
    .expect("change applied");
    assert_eq!(app.status, GrantStatus::ChangeApplied);
    assert_eq!(app.budgets[1].state, BudgetState::Submitted);
    assert_eq!(app.budgets[1].reason, "花苗の値上がりと植栽範囲の拡大のため");
    only_offered_steps_are_taken(&s, &id, "2026-12-01");
    let app = take(&s, &id, &T::ApproveChange { on: d("2026-11-27") }).expect("approved");
    assert_eq!(app.status, GrantStatus::ChangeApproved);
    only_offered_steps_are_taken(&s, &id, "2026-12-01");
    let (v1, v2) = (&app.budgets[0], &app.budgets[1]);
    assert_eq!((v1.version, v1.state, v1.current), (1, BudgetState::Approved, false), "the earlier stays");
    assert_eq!(v1.input(), fixed, "version 1 keeps its lines exactly");
    assert_eq!((v2.version, v2.state, v2.current), (2, BudgetState::Approved, true), "the latest approved is current");
    let bva = s.read(|r| settlement::budget_vs_actual(r, &id)).expect("budget vs actual");
    assert_eq!(bva.budget_version, Some(2));
    assert!(bva.changes_needed.is_empty(), "within the threshold of version 2: {:?}", bva.changes_needed);
    assert_eq!(bva.grant_estimate, 100_000, "2/3 of 169,000 is above the 100,000 granted");
    drop(s);

    // ── 10 March 2027: completed; the report with its settlement ────────────────────────────
    let s = at(path, "2027-03-10");
    let done = GrantApplicationInput { completed_on: Some(d("2027-02-20")), ..input.clone() };
    s.write(|w| application::update(w, &id, &done, council::start_month(w)?)).expect("completion date");
    let due = deadlines(&s).expect("deadlines");
    assert_eq!((due[0].due_on, due[0].days_left, due[0].overdue), (d("2027-03-22"), 12, false));
    assert_eq!(due[0].message.ja, "実績報告の期限まであと12日です（令和9年3月22日）。");
    let settlement = s.read(|r| settlement::get(r, &id)).expect("settlement");
    let printing = settlement.expenses.iter().find(|l| l.category == Some(C::Printing)).expect("printing");
    assert_eq!((printing.budget, printing.actual, printing.difference), (20_000, 17_000, -3_000));
    assert!(printing.reason_needed, "15% under needs a reason in the settlement");
    let dues = settlement.income.iter().find(|l| l.income_kind == Some(IncomeKind::Dues)).expect("dues");
    assert_eq!(
        (dues.source, dues.actual, dues.reason_needed),
        (ActualSource::Missing, 0, false),
        "not in the books nor entered: 0, never the budget's 69,000, and no reason asked for a figure not known"
    );
    assert_eq!(
        settlement.missing_reasons[0].ja,
        "「会費」の決算額がありません。出納帳でこの事業の収入として記帳するか、帳簿を通らない収入はここに入力してください。"
    );
    assert_eq!(settlement.missing_reasons[1].ja, "「印刷製本費」の増減（△3,000円）の理由を書いてください。");
    let err = take(&s, &id, &T::Report { on: d("2027-03-05"), receipts_reviewed: false })
        .expect_err("reasons and receipts first");
    assert_eq!(fields(&err), vec!["settlement", "settlement", "receipts_reviewed"]);
    let settlement = s
        .write(|w| {
            settlement::save(
                w,
                &id,
                &SettlementInput {
                    income: vec![IncomeActualInput {
                        kind: IncomeKind::Dues,
                        actual: Some(69_000),
                        reason: String::new(),
                    }],
                    expenses: vec![CategoryReasonInput {
                        category: C::Printing,
                        reason: "単価の安い印刷所に変えたため".into(),
                    }],
                },
            )
        })
        .and_then(|()| s.read(|r| settlement::get(r, &id)))
        .expect("settlement saved");
    assert!(settlement.missing_reasons.is_empty());
    assert_eq!(settlement.balance, 0, "100,000 + 69,000 received against 169,000 spent");
    let app = take(&s, &id, &T::Report { on: d("2027-03-05"), receipts_reviewed: true }).expect("reported");
    assert_eq!((app.status, app.reported_on), (GrantStatus::Reported, Some(d("2027-03-05"))));
    assert!(deadlines(&s).expect("deadlines").is_empty(), "nothing is due while the city decides");
    only_offered_steps_are_taken(&s, &id, "2027-03-10");
    drop(s);

    // ── 30 April: settled, then locked; claimed and paid ────────────────────────────────────
    let s = at(path, "2027-04-30");
    let err = take(&s, &id, &T::Settle { on: d("2027-04-15"), amount: 100_001 });
    assert_eq!(fields(&err.expect_err("more than granted")), vec!["amount"]);
    let app = take(&s, &id, &T::Settle { on: d("2027-04-15"), amount: 100_000 }).expect("settled");
    assert!(app.locked);
    assert_eq!(app.next_steps, vec![GrantStep::Claim]);
    only_offered_steps_are_taken(&s, &id, "2027-04-30");
    let claim = deadlines(&s).expect("deadlines");
    assert_eq!((claim[0].kind, claim[0].due_on, claim[0].days_left), (DeadlineKind::Claim, d("2027-04-29"), -1));
    assert!(claim[0].overdue);
    assert_eq!(claim[0].message.ja, "請求の期限を1日過ぎています（令和9年4月29日）。");

    locked(s.write(|w| application::update(w, &id, &done, council::start_month(w)?)), "changing the application");
    locked(save_budget(&s, &id, &changed), "changing the budget");
    locked(
        add_expense(&s, &id, &expense("2027-02-01", C::Supplies, 1_000, "軍手代として", council), None),
        "adding an expense",
    );
    let first = app.expenses[0].id.clone();
    locked(
        s.write(|w| {
            expenses::update(
                w,
                &s.dir().attachments(),
                &first,
                &expense("2026-06-20", C::Supplies, 1, "x", council),
                ReceiptChange::Keep,
            )
        }),
        "editing an expense",
    );
    locked(s.write(|w| expenses::delete(w, &first)), "deleting an expense");
    locked(s.write(|w| settlement::save(w, &id, &SettlementInput::default())), "changing the settlement");
    locked(
        s.write(|w| program::update(w, &program.id, &program_input(), council::start_month(w)?)),
        "changing the program's rules",
    );
    locked(s.write(|w| application::link_event(w, &event.id, None)), "taking an event off the report");
    locked(
        s.write(|w| grants::application::delete_event(w, &event.id)),
        "deleting an event the settled grant reported on",
    );
    locked(discard_change(&s, &id), "discarding a change");
    assert_eq!(application_of(&s, &id).expect("app").expense_total, 169_000, "nothing changed");

    take(&s, &id, &T::Claim { on: d("2027-04-28") }).expect("claimed");
    only_offered_steps_are_taken(&s, &id, "2027-04-30");
    let err = take(&s, &id, &T::Pay { on: d("2027-04-30"), amount: 100_000 });
    assert!(err.expect_err("the advance was paid already").text().ja.contains("50,000円"));
    let app: GrantApplication = take(&s, &id, &T::Pay { on: d("2027-04-30"), amount: 50_000 }).expect("paid");
    assert_eq!((app.status, app.amount_paid), (GrantStatus::Paid, Some(50_000)));
    assert!(app.next_steps.is_empty());
    only_offered_steps_are_taken(&s, &id, "2027-04-30");
    assert!(deadlines(&s).expect("deadlines").is_empty());
    assert!(s.read(|r| application::choices(r)).expect("choices").is_empty(), "a paid grant is no choice for events");

    // What the report takes from the events, and the history of every step.
    assert_eq!(app.events.len(), 1);
    assert_eq!((app.events[0].actual_participants, app.events[0].photos.len()), (Some(72), 1));
    assert_eq!(app.participants_total, 72);
    let history = s.read(|r| audit::for_record(r, "grant_application", id.as_str())).expect("history");
    let summaries: Vec<&str> = history.iter().map(|h| h.summary.as_str()).collect();
    for step in ["交付申請", "交付決定", "事業開始", "変更申請", "変更承認", "実績報告", "交付確定", "請求", "入金"]
    {
        assert!(
            summaries.iter().any(|s| s.contains('→') && s.contains(step)),
            "{step} is in the history: {summaries:?}"
        );
    }
    assert!(summaries.iter().any(|s| s.starts_with("支出を記録")), "expenses are audited");
    assert!(summaries.iter().any(|s| s.starts_with("収支決算書")), "the settlement is audited");
    let list = s.read(|r| application::list(r, Some(2026), r.today())).expect("list");
    assert_eq!((list.len(), list[0].status, list[0].settled_amount), (1, GrantStatus::Paid, Some(100_000)));
}

#[test]
fn closing_without_a_grant() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = at(dir.path(), "2026-05-20");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let program = create_program(&s, &program_input()).expect("program");

    // A draft entered by mistake is deleted; a program in use is not.
    let typo = create_application(&s, &application_input(&program.id)).expect("draft");
    let err = s.write(|w| program::delete(w, &program.id)).expect_err("in use");
    assert!(matches!(err, Error::Conflict(_)));
    s.write(|w| application::delete(w, &typo.id)).expect("deleted");
    assert!(s.read(|r| application::list(r, None, r.today())).expect("list").is_empty());

    // Applying needs a budget.
    let a = create_application(&s, &application_input(&program.id)).expect("draft");
    let err = take(&s, &a.id, &T::Apply { on: d("2026-05-20") }).expect_err("no budget");
    assert_eq!(err.text().ja, "収支予算書を作ってから申請してください。");

    // An event it was to pay for; once withdrawn, the event is let go (not linked again).
    let event = s
        .write(|w| {
            events::create(
                w,
                &EventInput {
                    title: "花植え".into(),
                    category: EventCategory::Cleanup,
                    starts_on: d("2026-06-07"),
                    ends_on: None,
                    start_time: None,
                    end_time: None,
                    place: String::new(),
                    organiser: String::new(),
                    expected_participants: None,
                    actual_participants: None,
                    volunteers: None,
                    cost: None,
                    notes: String::new(),
                    action_id: None,
                    partner_ids: Vec::new(),
                    fee: None,
                    notice_text: String::new(),
                },
            )
        })
        .expect("event");
    s.write(|w| application::link_event(w, &event, Some(&a.id))).expect("linked while a draft");
    // Withdrawn: with a reason, then closed to edits.
    let err = take(&s, &a.id, &T::Withdraw { on: d("2026-05-20"), reason: " ".into() });
    assert_eq!(fields(&err.expect_err("a reason is needed")), vec!["reason"]);
    let closed = take(&s, &a.id, &T::Withdraw { on: d("2026-05-20"), reason: "担い手が集まらないため".into() })
        .expect("withdrawn");
    assert_eq!((closed.status, closed.closed_reason.as_str()), (GrantStatus::Withdrawn, "担い手が集まらないため"));
    locked(
        s.write(|w| application::update(w, &a.id, &application_input(&program.id), council::start_month(w)?)),
        "a withdrawn application",
    );
    s.write(|w| application::link_event(w, &event, None)).expect("a withdrawn grant lets its event go");
    locked(s.write(|w| application::link_event(w, &event, Some(&a.id))), "linking to a withdrawn application");
    s.write(|w| grants::application::delete_event(w, &event)).expect("an event of no settled grant can be deleted");
    let err = take(&s, &a.id, &T::Apply { on: d("2026-05-20") }).expect_err("closed");
    assert!(err.text().ja.contains("手続きが終わっている"), "{}", err.text().ja);

    // Not awarded: from applied only.
    let b = create_application(&s, &application_input(&program.id)).expect("draft");
    save_budget(&s, &b.id, &budget(100_000, 50_000, 120_000, 30_000)).expect("budget");
    take(&s, &b.id, &T::Apply { on: d("2026-05-19") }).expect("applied");
    let rejected =
        take(&s, &b.id, &T::Reject { on: d("2026-05-20"), reason: "予算枠を超えたため".into() }).expect("rejected");
    assert_eq!(rejected.status, GrantStatus::Rejected);
    assert_eq!(rejected.budgets[0].state, BudgetState::Declined);
    only_offered_steps_are_taken(&s, &b.id, "2026-05-20");
    only_offered_steps_are_taken(&s, &a.id, "2026-05-20");
    assert!(deadlines(&s).expect("deadlines").is_empty(), "closed applications have no deadlines");
}

#[test]
fn the_demo_has_a_grant_in_progress_and_one_paid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = at(dir.path(), "2026-11-23");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let list = s.read(|r| application::list(r, None, r.today())).expect("list");
    let statuses: Vec<(i32, GrantStatus)> = list.iter().map(|a| (a.fiscal_year, a.status)).collect();
    assert_eq!(statuses, vec![(2026, GrantStatus::InProgress), (2025, GrantStatus::Paid)]);
    let current = application_of(&s, &list[0].id).expect("current");
    assert_eq!(current.expenses.len(), 10, "ten expenses by 23 November");
    assert!(current.expenses.iter().all(|e| e.receipt.is_some()), "each with its receipt file");
    for e in &current.expenses {
        let (r, bytes) = s.read(|r| expenses::receipt(r, &s.dir().attachments(), &e.id)).expect("receipt readable");
        assert_eq!(bytes.len() as i64, r.size);
    }
    let vague: Vec<&str> = current
        .expenses
        .iter()
        .filter(|e| e.warnings.iter().any(|w| w.kind == ReceiptWarningKind::VagueDescription))
        .map(|e| e.description.as_str())
        .collect();
    assert_eq!(vague, vec!["お品代"]);
    assert!(current.budget_check.problems.is_empty(), "the demo budget is sound");
    assert_eq!(current.events.len(), 2, "the drill and the autumn planting are paid by it");
    let bva = s.read(|r| settlement::budget_vs_actual(r, &current.id)).expect("bva");
    assert_eq!(bva.changes_needed.len(), 1, "消耗品費 is beyond the threshold: {:?}", bva.changes_needed);
    assert!(bva.changes_needed[0].ja.starts_with("消耗品費が予算より27%多く"), "{}", bva.changes_needed[0].ja);
    let paid = application_of(&s, &list[1].id).expect("paid");
    assert_eq!((paid.settled_amount, paid.amount_paid), (Some(99_066), Some(99_066)), "2/3 of 148,600, rounded down");
    assert!(paid.locked);
    let due = deadlines(&s).expect("deadlines");
    assert_eq!(due.iter().map(|d| d.kind).collect::<Vec<_>>(), vec![DeadlineKind::Report]);
}

#[test]
fn a_settlement_takes_its_income_from_the_books() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = at(dir.path(), "2026-11-23");
    let attachments = s.dir().attachments();
    s.write(|w| council_demo::create(w, &attachments)).expect("demo");
    let list = s.read(|r| application::list(r, None, r.today())).expect("list");
    let (current, paid) = (list[0].id.clone(), list[1].id.clone());
    let line = |kind: IncomeKind| {
        let st = s.read(|r| settlement::get(r, &current)).expect("settlement");
        st.income.into_iter().find(|l| l.income_kind == Some(kind))
    };

    // The lecture's fees were booked as the project's 事業収入: the settlement reads them, not the budget.
    let fees = line(IncomeKind::ProjectIncome).expect("project income");
    assert_eq!((fees.source, fees.budget, fees.actual), (ActualSource::Books, 20_000, 9_600));
    assert!(fees.reason_needed, "52% under its budget needs a reason");
    // The money goes through the general account: the council's share is what the books paid beyond
    // the grant and the fees, so the settlement meets.
    let st = s.read(|r| settlement::get(r, &current)).expect("settlement");
    let dues = line(IncomeKind::Dues).expect("dues");
    assert_eq!(dues.source, ActualSource::Remainder);
    assert_eq!(dues.actual, st.expense_actual_total - st.grant_actual - 9_600);
    assert_eq!(st.balance, 0, "income meets expenses: {st:?}");

    // A donation to the project, booked in the cash book and marked as its 寄付金.
    let general = s.read(|r| council_domain::accounts::general(r)).expect("general").expect("a general account");
    let category = |name: &str| general.categories.iter().find(|c| c.name == name).expect("科目").id.clone();
    let gift = EntryInput {
        book_id: general.books[0].id.clone(),
        date: d("2026-11-20"),
        category_id: category("寄付金"),
        description: "防災マップへのご寄付".into(),
        amount: 5_000,
        counterparty: "さくら台商店会".into(),
    };
    let entry = s.write(|w| ledger::post(w, &attachments, &gift, None)).expect("posted");
    let as_donation = IncomeLinkInput { application_id: current.clone(), kind: IncomeKind::Donations };
    s.write(|w| settlement::book_income(w, entry.as_str(), Some(&as_donation))).expect("marked");
    let donations = line(IncomeKind::Donations).expect("a line for the donation");
    assert_eq!((donations.source, donations.budget, donations.actual), (ActualSource::Books, 0, 5_000));
    assert_eq!(line(IncomeKind::Dues).expect("dues").actual, dues.actual - 5_000, "the council paid that much less");
    let book = s
        .read(|r| ledger::book_year(r, &general.books[0].id, council_domain::calendar::FiscalYear(2026)))
        .expect("book");
    let shown =
        book.lines.iter().find(|l| l.id == entry.as_str()).and_then(|l| l.project.clone()).expect("marked in the book");
    assert_eq!((shown.kind.as_str(), shown.name.as_str()), ("donations", "花と防災のまちづくり事業"));

    // Reversed in the books: gone from the settlement too (the reversal carries the mark).
    s.write(|w| ledger::reverse(w, &entry, d("2026-11-22"), "二重に記帳したため")).expect("reversed");
    assert!(line(IncomeKind::Donations).is_none(), "nothing booked, nothing budgeted: no line");

    // What is refused: the grant itself, an expense, a reversal, a settled grant.
    let err = s.write(|w| {
        settlement::book_income(
            w,
            entry.as_str(),
            Some(&IncomeLinkInput { application_id: current.clone(), kind: IncomeKind::Grant }),
        )
    });
    assert!(matches!(err, Err(Error::Validation { .. })), "the grant comes from the grant screen: {err:?}");
    let tea =
        EntryInput { category_id: category("会議費"), description: "お茶代".into(), amount: 800, ..gift.clone() };
    let spent = s.write(|w| ledger::post(w, &attachments, &tea, None)).expect("expense");
    let err = s.write(|w| settlement::book_income(w, spent.as_str(), Some(&as_donation)));
    assert!(matches!(err, Err(Error::Validation { .. })), "an expense is not income: {err:?}");
    let second = s.write(|w| ledger::post(w, &attachments, &gift, None)).expect("posted again");
    let to_paid = IncomeLinkInput { application_id: paid.clone(), kind: IncomeKind::Donations };
    locked(s.write(|w| settlement::book_income(w, second.as_str(), Some(&to_paid))), "income for a settled grant");
    // An entry booked for a grant before it was settled stays as the settlement has it.
    s.write(|w| {
        w.execute(
            "UPDATE ledger_entry SET grant_application_id = ?1, grant_income_kind = 'donations' WHERE id = ?2",
            rusqlite::params![paid, second],
        )?;
        Ok::<(), Error>(())
    })
    .expect("marked as if before the settlement");
    locked(s.write(|w| ledger::update(w, &attachments, &second, &gift, ReceiptChange::Keep)), "changing it");
    locked(s.write(|w| ledger::reverse(w, &second, d("2026-11-23"), "誤り")), "reversing it");
    locked(s.write(|w| settlement::book_income(w, second.as_str(), None)), "taking it off the settlement");

    // Taken off the project: the fees are not known any more, and the settlement says so.
    let entry_of_fees: String = s
        .read(|r| {
            Ok::<_, Error>(r.query_row(
                "SELECT id FROM ledger_entry WHERE grant_application_id = ?1 AND grant_income_kind = 'project_income'",
                rusqlite::params![current],
                |row| row.get(0),
            )?)
        })
        .expect("the fees' entry");
    s.write(|w| settlement::book_income(w, &entry_of_fees, None)).expect("unmarked");
    let fees = line(IncomeKind::ProjectIncome).expect("still budgeted");
    assert_eq!((fees.source, fees.actual, fees.reason_needed), (ActualSource::Missing, 0, false));
    let st = s.read(|r| settlement::get(r, &current)).expect("settlement");
    assert!(
        st.missing_reasons.iter().any(|m| m.ja.starts_with("「事業収入」の決算額がありません。")),
        "{:?}",
        st.missing_reasons
    );
    // Entered by hand (income that never went through the books) is taken as entered.
    s.write(|w| {
        settlement::save(
            w,
            &current,
            &SettlementInput {
                income: vec![IncomeActualInput {
                    kind: IncomeKind::ProjectIncome,
                    actual: Some(9_000),
                    reason: String::new(),
                }],
                expenses: vec![],
            },
        )
    })
    .expect("entered");
    let fees = line(IncomeKind::ProjectIncome).expect("entered");
    assert_eq!((fees.source, fees.actual), (ActualSource::Entered, 9_000));
}

#[test]
fn a_declined_change_leaves_the_budget_as_approved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = at(dir.path(), "2026-09-01");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let program = create_program(&s, &program_input()).expect("program");
    let id = create_application(&s, &application_input(&program.id)).expect("draft").id;
    let approved = budget(100_000, 50_000, 120_000, 30_000);
    save_budget(&s, &id, &approved).expect("budget");
    take(&s, &id, &T::Apply { on: d("2026-05-20") }).expect("applied");
    take(&s, &id, &T::Award { on: d("2026-06-10"), amount: 100_000, award_number: String::new() }).expect("awarded");
    take(&s, &id, &T::Start).expect("started");
    save_budget(&s, &id, &budget(100_000, 60_000, 140_000, 20_000)).expect("change drafted");
    take(&s, &id, &T::ApplyChange { on: d("2026-08-01"), reason: "印刷を減らし花苗を増やす".into() })
        .expect("change applied");
    let err = take(&s, &id, &T::DeclineChange { on: d("2026-07-31"), reason: "x".into() });
    assert!(err.expect_err("before the change was applied for").text().ja.contains("前の手続き「変更申請」"));
    let app = take(&s, &id, &T::DeclineChange { on: d("2026-08-20"), reason: "事業の目的が変わるため".into() })
        .expect("declined");
    assert_eq!(app.status, GrantStatus::InProgress, "back to running on the approved budget");
    assert_eq!(app.budgets.len(), 2);
    assert!(app.budgets[0].current && app.budgets[0].input() == approved, "version 1 stays the budget");
    assert_eq!(app.budgets[1].state, BudgetState::Declined);
    assert!(app.budgets[1].reason.ends_with("不承認の理由：事業の目的が変わるため"), "{}", app.budgets[1].reason);

    // A new change is a new version; one being prepared can be dropped.
    let app = save_budget(&s, &id, &budget(100_000, 55_000, 130_000, 25_000)).expect("another change");
    assert_eq!(app.budgets.iter().map(|b| b.version).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert!(app.budgets[2].editable && !app.budgets[2].current);
    let app = discard_change(&s, &id).expect("dropped");
    assert_eq!(app.budgets.len(), 2, "the draft went; the declined version stays on record");
    let err = discard_change(&s, &id).expect_err("nothing to drop");
    assert!(matches!(err, Error::Conflict(_)));
}
