//! The grant packages from the demo council on a real SQLite file: the performance report of the
//! settled grant with its forms, data, receipt files and a valid signature; the same report of the
//! grant still in progress refused with exactly what is missing; the application, the change
//! application (once a changed budget exists) and the claim.

use crate::common;

use std::io::Read as _;

use council_domain::grants::{self, BreakdownRow, ExpenseCategory, GrantApplication, GrantApplicationId};
use council_domain::{Session, council};
use council_submit::keys::CouncilKey;
use council_submit::manifest::FileKind;
use council_submit::purpose::{PackageRequest, Purpose};
use council_submit::verify::verify_bytes;
use council_submit::{Error, build, checklist};

const SETTLED: &str = "子ども見守り・防犯パトロール事業";
const IN_PROGRESS: &str = "花と防災のまちづくり事業";

fn application(desk: &Session, name: &str) -> GrantApplicationId {
    desk.read(|r| grants::application::list(r, None, r.today()))
        .expect("applications")
        .into_iter()
        .find(|a| a.project_name == name)
        .unwrap_or_else(|| panic!("the demo has {name}"))
        .id
}

fn grant_application(desk: &Session, id: &GrantApplicationId) -> council_domain::Result<GrantApplication> {
    desk.read(|r| grants::application::get(r, id, council::start_month(r)?, r.today()))
}

fn request(purpose: Purpose, id: &GrantApplicationId) -> PackageRequest {
    PackageRequest { purpose, record: Some(id.0.clone()), fiscal_year: None }
}

fn entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_end(&mut out).expect("read");
    out
}

fn missing_keys(list: &council_submit::purpose::Checklist) -> Vec<&str> {
    list.items.iter().filter(|i| i.required && !i.present).map(|i| i.key.as_str()).collect()
}

#[test]
fn the_settled_grants_report_holds_its_forms_data_receipts_and_a_valid_signature() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let id = application(&desk, SETTLED);
    let app = grant_application(&desk, &id).expect("application");

    let list = checklist(&desk, &request(Purpose::PerformanceReport, &id)).expect("checklist");
    assert!(list.complete, "the settled grant was reported with everything: {:#?}", list.items);
    assert_eq!(list.fiscal_year, app.program.fiscal_year, "a grant package covers its program's year");
    let package = build(&desk, &request(Purpose::PerformanceReport, &id), &key, common::now()).expect("build");
    let m = &package.manifest;
    assert_eq!(m.purpose, "performance_report");
    assert_eq!(m.record.as_deref(), Some(id.0.as_str()), "the manifest names the application");
    assert_eq!(m.fiscal_year, 2025, "the settled grant is last year's");
    assert!(package.file_name.starts_with("performance-report_2025_"), "{}", package.file_name);

    let paths: Vec<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        &paths[..6],
        [
            "documents/grant-report.pdf",
            "documents/grant-results.pdf",
            "documents/grant-settlement.pdf",
            "documents/grant-receipts.pdf",
            "data/performance-report.json",
            "data/performance-report.xlsx",
        ],
        "the four forms, then the data"
    );
    let receipts: Vec<_> = m.files.iter().filter(|f| f.path.starts_with("attachments/receipts/")).collect();
    assert_eq!(receipts.len(), app.expenses.len(), "one receipt file per expense");
    assert!(receipts.iter().all(|f| f.kind == FileKind::Attachment));
    // The receipt in the package is the very file the expense holds.
    let attachments = desk.dir().attachments();
    let (r, bytes) = desk.read(|rd| grants::expenses::receipt(rd, &attachments, &app.expenses[0].id)).expect("receipt");
    assert_eq!(entry(&package.bytes, &receipts[0].path), bytes, "the first receipt, byte for byte");
    assert_eq!(receipts[0].media_type, r.mime);

    let json: serde_json::Value =
        serde_json::from_slice(&entry(&package.bytes, "data/performance-report.json")).expect("json");
    let expenses = json["tables"]["expenses"].as_array().expect("expenses table");
    assert_eq!(expenses.len(), app.expenses.len(), "every expense as data");
    let total: i64 = expenses.iter().map(|e| e["amount"].as_i64().expect("amount")).sum();
    assert_eq!(total, 148_600, "the demo's spending on the patrol project");
    assert_eq!(json["tables"]["application"][0]["project_name"], SETTLED);
    assert_eq!(json["tables"]["application"][0]["settled_amount"], 99_066, "2/3 of 148,600, rounded down");
    let settlement = json["tables"]["settlement"].as_array().expect("settlement");
    assert!(settlement.iter().any(|l| l["reason"] == "懐中電灯を予定より安い製品にしたため減額"), "with its reasons");
    assert!(entry(&package.bytes, "data/performance-report.xlsx").starts_with(b"PK"), "an xlsx workbook");

    let text = common::pdf_text(&entry(&package.bytes, "documents/grant-report.pdf"));
    assert!(text.contains("実績報告書"), "the report form: {text}");
    assert!(text.contains(SETTLED), "names the project: {text}");

    let report = verify_bytes(&package.bytes, Some(&key.verifying_key())).expect("verifies");
    assert!(report.ok, "intact and signed: {:?}", report.problems);
    assert_eq!(report.signer.registered, Some(true));
}

#[test]
fn the_report_of_a_grant_in_progress_is_refused_with_what_to_add() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let id = application(&desk, IN_PROGRESS);

    let list = checklist(&desk, &request(Purpose::PerformanceReport, &id)).expect("checklist");
    assert!(!list.complete, "a project still running cannot be reported");
    let missing = missing_keys(&list);
    for key in ["completed_on", "receipts_reviewed", "budget_change", "settlement"] {
        assert!(missing.contains(&key), "{key} is missing: {missing:?}");
    }
    assert!(!missing.contains(&"status"), "it is awarded");
    assert!(!missing.contains(&"expenses"), "it has expenses");
    let vague = list.items.iter().find(|i| i.key == "receipts_reviewed").expect("receipts item");
    assert!(vague.detail.ja.contains("確認事項"), "says what the receipts need: {}", vague.detail.ja);
    let change = list.items.iter().find(|i| i.key == "budget_change").expect("change item");
    assert!(change.detail.ja.contains("消耗品費"), "names the category beyond the threshold: {}", change.detail.ja);

    let err = build(&desk, &request(Purpose::PerformanceReport, &id), &key, common::now()).expect_err("refused");
    let Error::Incomplete { missing: listed, .. } = &err else { panic!("refused as incomplete, not {err}") };
    let listed: Vec<&str> = listed.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(listed, missing, "the refusal lists exactly the checklist's missing items");
    assert!(err.text().ja.contains("事業の完了日"), "in words: {}", err.text().ja);
    let count = missing.len();
    assert_eq!(common::payload(err).problems.len(), count, "one problem per missing item for the window");
    assert!(!council_submit::outbox::outbox_dir(desk.dir()).join("x").exists(), "nothing was written");
}

#[test]
fn the_application_package_carries_the_programs_required_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let id = application(&desk, IN_PROGRESS);
    // The budget as applied: the demo's change being prepared dropped (while one is, the budget form
    // and its data are the change's, for the change application).
    desk.write(|w| grants::application::discard_change(w, &id)).expect("dropped");
    let list = checklist(&desk, &request(Purpose::GrantApplication, &id)).expect("checklist");
    let keys: Vec<&str> = list.items.iter().map(|i| i.key.as_str()).collect();
    for key in ["status", "budget", "grant_application_pdf", "grant_plan_pdf", "grant_budget_pdf", "officers"] {
        assert!(keys.contains(&key), "{key} is on the checklist: {keys:?}");
    }
    assert!(keys.contains(&"general_meeting_minutes"), "the program asks for the general meeting's minutes");
    let bylaws = list.items.iter().find(|i| i.label.ja == "自治会の規約").expect("the bylaws are listed");
    assert!(!bylaws.required && !bylaws.present, "made outside the app: shown, never blocking");
    assert!(bylaws.detail.ja.contains("作れない"), "{}", bylaws.detail.ja);

    assert!(list.complete, "the demo has its budget, officers and signed 総会 minutes: {:#?}", list.items);
    let package = build(&desk, &request(Purpose::GrantApplication, &id), &key, common::now()).expect("build");
    let paths: Vec<&str> = package.manifest.files.iter().map(|f| f.path.as_str()).collect();
    for p in ["documents/grant-application.pdf", "documents/grant-plan.pdf", "documents/grant-budget.pdf"] {
        assert!(paths.contains(&p), "{p}: {paths:?}");
    }
    assert!(paths.contains(&"documents/officer-list.pdf"), "the officer list the program asks for");
    assert!(paths.contains(&"documents/general-meeting-minutes.pdf"), "and the 総会's minutes");
    let json: serde_json::Value =
        serde_json::from_slice(&entry(&package.bytes, "data/grant-application.json")).expect("json");
    let lines = json["tables"]["budget_expenses"].as_array().expect("budget lines");
    assert_eq!(lines.len(), 7, "the demo budget's seven expense lines as data");
    assert!(verify_bytes(&package.bytes, Some(&key.verifying_key())).expect("verifies").ok);

    // Last year's grant: that year's officers are not in the demo (its 総会 and signed minutes are),
    // so it is refused for them alone.
    let old = application(&desk, SETTLED);
    let list = checklist(&desk, &request(Purpose::GrantApplication, &old)).expect("checklist");
    assert_eq!(missing_keys(&list), ["officers"], "{:#?}", list.items);
}

#[test]
fn a_change_application_needs_a_changed_budget_and_a_claim_the_final_amount() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let running = application(&desk, IN_PROGRESS);
    let settled = application(&desk, SETTLED);

    // The demo's change prepared: complete as it is. Dropped, nothing is prepared.
    let list = checklist(&desk, &request(Purpose::ChangeApplication, &running)).expect("checklist");
    assert!(list.complete, "the demo's change: {:#?}", list.items);
    desk.write(|w| grants::application::discard_change(w, &running)).expect("dropped");

    // No change prepared: refused, naming the budget.
    let err = build(&desk, &request(Purpose::ChangeApplication, &running), &key, common::now()).expect_err("refused");
    let Error::Incomplete { missing, .. } = &err else { panic!("incomplete, not {err}") };
    assert_eq!(missing.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(), ["budget"]);
    assert!(missing[0].detail.ja.contains("予算"), "{}", missing[0].detail.ja);

    // The settled grant cannot change any more.
    let list = checklist(&desk, &request(Purpose::ChangeApplication, &settled)).expect("checklist");
    assert!(missing_keys(&list).contains(&"status"), "after the report no change: {:#?}", list.items);

    // A changed budget (more for supplies, less for printing; the grant as awarded) makes it complete.
    let app = grant_application(&desk, &running).expect("application");
    let mut budget = app.budgets.last().expect("a budget").input();
    // 20,000 moves from printing (250 fewer maps at 80) to supplies (more seedlings): totals and grant stay.
    let printing = budget.expenses.iter_mut().find(|l| l.category == ExpenseCategory::Printing).expect("printing");
    printing.breakdown[0].quantity -= 250;
    printing.breakdown[0].amount = printing.breakdown[0].unit_price * printing.breakdown[0].quantity;
    printing.amount = printing.breakdown.iter().map(|r| r.amount).sum();
    let supplies = budget.expenses.iter_mut().find(|l| l.category == ExpenseCategory::Supplies).expect("supplies");
    supplies.breakdown.push(BreakdownRow {
        item: "秋の花苗（追加）".into(),
        unit_price: 100,
        quantity: 200,
        unit: "ポット".into(),
        amount: 20_000,
    });
    supplies.amount = supplies.breakdown.iter().map(|r| r.amount).sum();
    desk.write(|w| grants::application::save_budget(w, &running, &budget))
        .expect("a changed budget is saved as a draft");
    let list = checklist(&desk, &request(Purpose::ChangeApplication, &running)).expect("checklist");
    assert!(list.complete, "a changed budget without problems: {:#?}", list.items);
    let package = build(&desk, &request(Purpose::ChangeApplication, &running), &key, common::now()).expect("build");
    let paths: Vec<&str> = package.manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths[..3], ["documents/grant-change.pdf", "documents/grant-plan.pdf", "documents/grant-budget.pdf"]);
    let json: serde_json::Value =
        serde_json::from_slice(&entry(&package.bytes, "data/change-application.json")).expect("json");
    let printing = json["tables"]["changed_budget_expenses"]
        .as_array()
        .expect("changed budget")
        .iter()
        .find(|l| l["category"] == "printing")
        .expect("printing line")
        .clone();
    assert_eq!(printing["amount"], 60_000, "the changed budget, not the one awarded");
    let text = common::pdf_text(&entry(&package.bytes, "documents/grant-change.pdf"));
    assert!(text.contains(IN_PROGRESS), "names the project: {text}");

    // The claim: refused before the final amount, built after it, with the amount claimed as data.
    let err = build(&desk, &request(Purpose::Claim, &running), &key, common::now()).expect_err("not settled");
    assert!(err.text().ja.contains("交付確定"), "says what to record first: {}", err.text().ja);
    let package = build(&desk, &request(Purpose::Claim, &settled), &key, common::now()).expect("claim");
    let json: serde_json::Value = serde_json::from_slice(&entry(&package.bytes, "data/claim.json")).expect("json");
    assert_eq!(json["tables"]["claim"][0]["settled_amount"], 99_066);
    assert_eq!(json["tables"]["claim"][0]["claimed_amount"], 99_066, "no advance on the patrol grant");
    let paths: Vec<&str> = package.manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["documents/grant-claim.pdf", "data/claim.json", "data/claim.xlsx"]);
}

#[test]
fn a_grant_package_needs_an_application_that_exists() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let none = PackageRequest { purpose: Purpose::PerformanceReport, record: None, fiscal_year: None };
    let err = checklist(&desk, &none).expect_err("no --id");
    assert!(err.text().ja.contains("--id"), "says to name the application: {}", err.text().ja);
    let unknown = PackageRequest {
        purpose: Purpose::Claim,
        record: Some("0190c0de-0000-7000-8000-00000000dead".into()),
        fiscal_year: None,
    };
    let err = checklist(&desk, &unknown).expect_err("unknown application");
    let text = err.to_string();
    assert_eq!(common::payload(err).code, council_api::ErrorCode::NotFound, "{text}");
    for name in ["grant-application", "change-application", "performance-report", "claim"] {
        let p = Purpose::from_name(name).expect(name);
        assert_eq!(p.info().record, council_docs::RecordNeed::Required, "{name} is for one application");
    }
}

#[test]
fn a_grant_as_one_workbook_has_every_budget_version_the_expenses_and_the_settlement() {
    use calamine::{DataType as _, Reader as _, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let id = application(&desk, IN_PROGRESS);
    let app = grant_application(&desk, &id).expect("application");
    let (name, bytes) = council_submit::grant_workbook(&desk, &id).expect("workbook");
    assert_eq!(name, format!("助成金_{IN_PROGRESS}.xlsx"));

    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("an .xlsx");
    let sheets = book.sheet_names();
    for v in &app.budgets {
        for side in ["収入", "支出"] {
            let sheet = format!("収支予算（第{}版）（{side}）", v.version);
            assert!(sheets.contains(&sheet), "{sheet} in {sheets:?}");
        }
    }
    // One row per expense under the header, and their amounts add up to what was spent.
    let expenses = book.worksheet_range("支出").expect("the expenses sheet");
    assert_eq!(expenses.height(), app.expenses.len() + 1, "a header and one row per expense");
    let header: Vec<String> = expenses.rows().next().expect("header").iter().map(ToString::to_string).collect();
    let amount = header.iter().position(|h| h == "金額（円）").expect("an amount column");
    let total: f64 =
        expenses.rows().skip(1).filter_map(|r| r[amount].get_float().or(r[amount].get_int().map(|i| i as f64))).sum();
    assert_eq!(total as i64, app.expense_total, "the sheet's amounts are the expenses'");
    assert!(sheets.contains(&"収支決算".to_owned()) && sheets.contains(&"申請".to_owned()), "{sheets:?}");
}
