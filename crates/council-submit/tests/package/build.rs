//! Building packages from a real council's data (the demo council on a real SQLite file): the two
//! purposes that exist today, their contents, the signature, and the refusal of an incomplete package.

use crate::common;

use std::io::Read as _;

use council_domain::council::{self, CouncilKind, CouncilProfileInput};
use council_submit::keys::CouncilKey;
use council_submit::manifest::FileKind;
use council_submit::purpose::{PackageRequest, Purpose};
use council_submit::verify::{FileStatus, verify_bytes};
use council_submit::{Error, build, checklist};

fn entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    zip.by_name(name).expect(name).read_to_end(&mut out).expect("read");
    out
}

#[test]
fn the_officer_list_package_holds_the_pdf_the_data_and_a_valid_signature() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let request = PackageRequest { purpose: Purpose::OfficerList, record: None, fiscal_year: None };
    let list = checklist(&desk, &request).expect("checklist");
    assert!(list.complete, "the demo council has its officers: {:?}", list.items);
    let package = build(&desk, &request, &key, common::now()).expect("build");

    let m = &package.manifest;
    assert_eq!(m.purpose, "officer_list");
    assert_eq!(m.fiscal_year, 2026, "2026-11-23 lies in FY2026");
    assert_eq!(m.council.name, "さくら台自治会");
    assert_eq!(uuid::Uuid::parse_str(&m.package_id).expect("uuid").get_version_num(), 7, "package IDs are UUIDv7");
    let paths: Vec<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["documents/officer-list.pdf", "data/officers.json", "data/officers.xlsx"]);
    assert!(package.file_name.starts_with("officer-list_2026_") && package.file_name.ends_with(".zip"));

    let report = verify_bytes(&package.bytes, Some(&key.verifying_key())).expect("a fresh package verifies");
    assert!(report.ok, "nothing changed: {:?}", report.problems);
    assert_eq!(report.signer.registered, Some(true), "signed with the council's key");
    assert!(report.files.iter().all(|f| f.status == FileStatus::Ok));

    // The data is the same as the paper: every officer of the year, in the open-data format.
    let officers = desk.read(|r| council_domain::officers::for_year(r, Some(2026), r.today())).expect("officers");
    let json: serde_json::Value = serde_json::from_slice(&entry(&package.bytes, "data/officers.json")).expect("json");
    assert_eq!(json["format"], "council-desk-open-data", "the open-data format the full export uses");
    let rows = json["tables"]["officers"].as_array().expect("officers table");
    assert_eq!(rows.len(), officers.len(), "one record per officer");
    assert_eq!(rows[0]["name"], officers[0].person_name.as_str());
    let xlsx = entry(&package.bytes, "data/officers.xlsx");
    assert!(xlsx.starts_with(b"PK"), "the workbook is an xlsx (zip) file");
    let pdf = entry(&package.bytes, "documents/officer-list.pdf");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let text = common::pdf_text(&pdf);
    assert!(text.contains("役員名簿"), "the PDF is the officer list: {text}");
    assert!(text.contains(&officers[0].person_name), "it names the officers");
}

#[test]
fn the_activity_report_package_holds_report_counts_plan_data_and_photos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::demo_desk(dir.path());
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");
    let request = PackageRequest { purpose: Purpose::ActivityReport, record: None, fiscal_year: Some(2026) };
    let list = checklist(&desk, &request).expect("checklist");
    assert!(list.complete, "the demo council has events and meetings: {:#?}", list.items);
    let package = build(&desk, &request, &key, common::now()).expect("build");
    let m = &package.manifest;
    let paths: Vec<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    for expected in [
        "documents/activity-report.pdf",
        "documents/household-counts.pdf",
        "data/activity-report.json",
        "data/activity-report.xlsx",
    ] {
        assert!(paths.contains(&expected), "{expected} is in the package: {paths:?}");
    }
    let has_plan = list.items.iter().any(|i| i.key == "plan_review" && i.present);
    assert_eq!(paths.contains(&"documents/plan-review.pdf"), has_plan, "the plan review goes in when there is a plan");
    let photos = m.files.iter().filter(|f| f.kind == FileKind::Attachment).count();
    let listed_photos = list.items.iter().find(|i| i.key == "event_photos").expect("photos item");
    assert_eq!(photos > 0, listed_photos.present, "photos go in exactly when the checklist says so");

    let json: serde_json::Value =
        serde_json::from_slice(&entry(&package.bytes, "data/activity-report.json")).expect("json");
    let facts = desk.read(|r| council_docs::report::activity_facts(r, Some(2026))).expect("facts");
    assert_eq!(json["tables"]["events"].as_array().expect("events").len(), facts.events.len());
    assert_eq!(json["tables"]["meetings"].as_array().expect("meetings").len(), facts.meetings.len());
    assert!(facts.events.iter().all(|e| e.date <= common::today()), "only events held so far are reported");
    assert_eq!(json["tables"]["summary"][0]["households"], facts.households);

    let text = common::pdf_text(&entry(&package.bytes, "documents/activity-report.pdf"));
    assert!(text.contains("事業報告書"), "the report's title: {text}");
    assert!(text.contains(&facts.events[0].title), "it lists the events held");
    let report = verify_bytes(&package.bytes, Some(&key.verifying_key())).expect("verifies");
    assert!(report.ok, "{:?}", report.problems);
}

#[test]
fn an_incomplete_package_is_refused_with_the_list_of_what_to_add() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = common::session(dir.path());
    let profile = CouncilProfileInput {
        name: "新町自治会".into(),
        kind: CouncilKind::Jichikai,
        kind_other: String::new(),
        city: "みどり市".into(),
        district: String::new(),
        address: String::new(),
        representative_title: "会長".into(),
        representative_name: "佐藤 花子".into(),
        fiscal_year_start_month: 4,
    };
    desk.write(|w| council::create(w, &profile, false)).expect("council");
    let key = CouncilKey::load_or_create(desk.dir(), common::lock()).expect("key");

    let request = PackageRequest { purpose: Purpose::OfficerList, record: None, fiscal_year: None };
    let err = build(&desk, &request, &key, common::now()).expect_err("no officers: refused");
    let Error::Incomplete { missing, .. } = &err else { panic!("refused as incomplete, not {err}") };
    let keys: Vec<&str> = missing.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["officers", "president"], "both missing items are listed");
    let text = err.text();
    assert!(text.ja.contains("役員の画面で"), "says where to add them: {}", text.ja);
    assert_eq!(common::payload(err).problems.len(), 2, "the window gets one problem per missing item");

    let request = PackageRequest { purpose: Purpose::ActivityReport, record: None, fiscal_year: None };
    let err = build(&desk, &request, &key, common::now()).expect_err("no events or meetings: refused");
    let Error::Incomplete { missing, .. } = &err else { panic!("refused as incomplete, not {err}") };
    let keys: Vec<&str> = missing.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["events", "meetings"], "optional items (plan, minutes, photos) do not block");
    assert!(err.text().en.contains("Events held") && err.text().en.contains("Meetings held"), "{}", err.text().en);
}
