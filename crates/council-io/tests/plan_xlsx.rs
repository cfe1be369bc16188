//! The plan as an Excel workbook on real files: the demo council's plan goes out and comes back into
//! another council's data unchanged (tree, indicators, actuals, progress); a workbook with mistakes is
//! previewed with each problem's sheet and row and imports nothing.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::plan::{self, Plan};
use council_domain::{Session, audit, council, partners};
use council_io::plan_xlsx;
use council_store::data_dir::DataDir;
use rust_xlsxwriter::Workbook;

fn open(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open")
}

/// Every node of a plan as comparable text: code, name, and each indicator with its actuals.
fn outline(plan: &Plan) -> Vec<String> {
    let mut out =
        vec![format!("{} {}-{} {}", plan.summary.title, plan.summary.start_year, plan.summary.end_year, plan.vision)];
    for p in &plan.policies {
        out.push(format!("{} {}", p.number, p.title));
        for m in &p.measures {
            out.push(format!("{} {} / {}", m.code, m.title, m.current_state));
            let inds = m.indicators.iter().chain(m.actions.iter().flat_map(|a| &a.indicators));
            for a in &m.actions {
                let partners: Vec<&str> = a.partners.iter().map(|p| p.name.as_str()).collect();
                out.push(format!(
                    "{} {} / {} / {} / {} / {:?} / {:?} / {:?}",
                    a.code, a.name, a.content, a.main_activities, a.responsible, a.status, partners, a.schedule
                ));
            }
            for i in inds {
                out.push(format!(
                    "{} {} {}@{} → {}@{} {} {:?} {:?}",
                    i.name,
                    i.unit,
                    i.baseline_value,
                    i.baseline_year,
                    i.target_value,
                    i.target_year,
                    i.reasoning,
                    i.actuals,
                    i.progress.percent
                ));
            }
        }
    }
    out
}

#[test]
fn the_demo_plan_goes_out_and_comes_back_unchanged() {
    let (a, b) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let source = open(&a);
    source.write(|w| council_demo::create(w, &source.dir().attachments())).expect("demo");
    let plan = source.read(|r| plan::get_or_current(r, None)).expect("read").expect("demo plan");
    let file = source.read(|r| plan_xlsx::export_file(r, &plan.summary.id)).expect("export");
    assert!(file.file_name.ends_with(".xlsx"));
    // The end-to-end suite imports this workbook through the window: `UPDATE_FIXTURES=1` rewrites it.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan-demo.xlsx");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&fixture, &file.bytes).expect("write fixture");
    }

    let target = open(&b);
    target.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let preview = target.read(|r| plan_xlsx::preview_file(r, &file.bytes, &file.file_name)).expect("preview");
    assert!(preview.problems.is_empty(), "a file the app wrote reads back cleanly: {:#?}", preview.problems);
    assert_eq!((preview.policies, preview.measures, preview.actions, preview.indicators), (2, 5, 12, 6));
    assert!(preview.actuals >= 12, "every actual is in the file");
    assert_eq!(
        preview.new_partners.len(),
        5,
        "this council has none of the demo's partners yet: {:?}",
        preview.new_partners
    );
    assert!(target.read(|r| plan::list(r)).expect("plans").is_empty(), "a preview writes nothing");

    let imported = plan_xlsx::import_file(&target, &file.bytes, &file.file_name)
        .and_then(|id| target.read(|r| plan::get(r, &id)))
        .expect("import");
    assert_eq!(outline(&imported), outline(&plan), "the same tree, indicators, actuals and progress");
    assert_eq!(target.read(|r| partners::list(r)).expect("partners").len(), 5, "the partners named were registered");
    assert!(
        council_store::backup::list(target.dir())
            .expect("backups")
            .iter()
            .any(|b| format!("{:?}", b.reason).contains("Import")),
        "backed up first"
    );
}

/// A workbook a person might send: one bad status, one unreadable baseline, one indicator whose
/// measure does not exist.
fn bad_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("計画").expect("name");
    for (r, (k, v)) in
        [("項目", "内容"), ("計画名", "みどり台地区計画"), ("開始年度", "令和6年度"), ("終了年度", "2028")]
            .iter()
            .enumerate()
    {
        s.write_string(r as u32, 0, *k).expect("cell");
        s.write_string(r as u32, 1, *v).expect("cell");
    }
    let s = book.add_worksheet();
    s.set_name("事業").expect("name");
    let rows: &[&[&str]] = &[
        &["基本方針番号", "基本方針", "施策番号", "施策", "現状と課題", "事業番号", "事業名", "状況", "実施時期"],
        &["1", "安心・安全", "①", "防災", "訓練の参加が少ない", "1", "防災訓練", "実施中", "2026:2"],
        &["", "", "", "", "", "2", "備蓄", "そのうち", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    let s = book.add_worksheet();
    s.set_name("指標").expect("name");
    let rows: &[&[&str]] = &[
        &[
            "基本方針番号",
            "施策番号",
            "事業番号",
            "指標名",
            "単位",
            "現状値",
            "現状値の年度",
            "目標値",
            "目標値の年度",
            "実績 2025",
        ],
        &["1", "1", "", "参加者数", "人", "たくさん", "2023", "250", "2028", "150"],
        &["1", "2", "", "見守り人数", "人", "10", "2023", "20", "2028", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            s.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    book.save_to_buffer().expect("workbook")
}

#[test]
fn a_workbook_with_mistakes_is_explained_and_imports_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(&dir);
    desk.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let bytes = bad_workbook();
    let preview = desk.read(|r| plan_xlsx::preview_file(r, &bytes, "plan.xlsx")).expect("preview");
    let found: Vec<(String, u32)> = preview.problems.iter().map(|p| (p.sheet.clone(), p.row)).collect();
    assert!(found.contains(&("事業".into(), 3)), "the bad status on row 3 of 事業: {:#?}", preview.problems);
    assert!(found.contains(&("指標".into(), 2)), "the unreadable baseline on row 2 of 指標: {:#?}", preview.problems);
    assert!(
        preview.problems.iter().any(|p| p.message.ja.contains("見守り人数") && p.message.ja.contains("施策")),
        "the indicator of a measure that does not exist: {:#?}",
        preview.problems
    );
    assert_eq!(preview.period.ja, "令和6〜10年度", "和暦 years are read");
    let before = desk.read(|r| audit::count(r)).expect("count");
    let err = plan_xlsx::import_file(&desk, &bytes, "plan.xlsx").expect_err("refused");
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(desk.read(|r| plan::list(r)).expect("plans").is_empty(), "one bad row imports nothing");
    assert_eq!(desk.read(|r| audit::count(r)).expect("count"), before, "nothing recorded either");
    assert!(
        desk.read(|r| plan_xlsx::preview_file(r, b"not a workbook", "plan.xlsx")).is_err(),
        "a file that is not Excel is refused"
    );
}
