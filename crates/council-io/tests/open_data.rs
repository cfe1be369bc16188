//! The open data export of the demo council in each format, read back with a JSON parser, calamine and
//! the csv reader: every table is there with as many rows as the database holds, and names outside
//! JIS X 0208 (𠮷) and variant kanji (髙) survive.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::members::{self, MemberQuery};
use council_domain::settings::{self, SettingsPatch};
use council_domain::{Error, Session, audit, council, dues, events, meetings};
use council_io::open_data::{self, OpenDataFormat, TABLES};
use council_store::data_dir::DataDir;

fn demo(dir: &Path) -> Session {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let desk = council_domain::open(DataDir::at(dir.join("data")), Box::new(FixedClock::at_date(today))).expect("open");
    desk.write(|w| council_demo::create(w, &desk.dir().attachments())).expect("demo");
    // The demo leaves a few tables empty; fill them so every table's count is tested on real rows.
    desk.write(|w| {
        settings::update(w, &SettingsPatch { operator_name: Some("髙橋 𠮷子".into()), ..Default::default() })
    })
    .expect("settings");
    let first = desk.read(|r| members::list(r, &MemberQuery::default())).expect("list").rows[0].household_id.clone();
    desk.write(|w| dues::set_adjustment(w, &first, 2026, Some(0), "災害で被災のため免除")).expect("adjustment");
    // …and an event photo (the attachment and event-photo tables).
    let event = desk
        .read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, Some(2026), r.today())?;
            events::list(r, fy, m)
        })
        .expect("events")[0]
        .id
        .clone();
    desk.write(|w| events::add_photo(w, &desk.dir().attachments(), &event, "清掃.png", PNG)).expect("photo");
    let meetings =
        desk.read(|r| meetings::list(r, &Default::default(), council::start_month(r)?)).expect("meetings").meetings;
    let meeting = desk.read(|r| meetings::get(r, &meetings[0].id, council::start_month(r)?)).expect("meeting");
    desk.write(|w| {
        meetings::attach_paper(w, &desk.dir().attachments(), &meeting.agenda[0].id, "資料1.pdf", b"%PDF-1.4 paper")
    })
    .expect("paper");
    desk
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Each exported table's key with the number of rows its database table holds.
fn counts(desk: &Session) -> Vec<(&'static str, usize)> {
    desk.read(|conn| {
        Ok::<_, Error>(
            TABLES
                .iter()
                .map(|t| {
                    let n: i64 =
                        conn.query_row(&format!("SELECT count(*) FROM {}", t.source), [], |r| r.get(0)).expect("count");
                    (t.key, n as usize)
                })
                .collect(),
        )
    })
    .expect("read")
}

fn assert_names_survive(all_text: &str, format: &str) {
    for name in ["𠮷田", "髙橋"] {
        assert!(all_text.contains(name), "{format}: the demo's {name} must survive the export");
    }
}

#[test]
fn json_holds_every_table_with_the_databases_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = demo(dir.path());
    let expected = counts(&desk);
    assert!(expected.iter().all(|(_, n)| *n > 0), "every table has rows to export: {expected:?}");
    let out = dir.path().join("export/さくら台.json");
    let export = open_data::export_recorded(&desk, OpenDataFormat::Json, &out).expect("export");
    let got: Vec<_> = export.tables.iter().map(|t| (t.key.as_str(), t.rows as usize)).collect();
    let want: Vec<_> = expected.iter().map(|(k, n)| (*k, *n)).collect();
    assert_eq!(got, want, "the summary reports each table's rows");

    let text = std::fs::read_to_string(&out).expect("read");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(doc["format"], "council-desk-open-data", "the document says what it is");
    assert_eq!(doc["council_name"], "さくら台自治会");
    for (key, n) in &expected {
        let rows = doc["tables"][key].as_array().unwrap_or_else(|| panic!("table {key} must be a list"));
        assert_eq!(rows.len(), *n, "{key}: as many records as the database holds");
    }
    let person = &doc["tables"]["persons"][0];
    assert!(person["name"].is_string() && person["is_head"].is_boolean(), "plain typed records: {person}");
    assert!(doc["tables"]["persons"][0].get("search_key").is_none(), "internal columns are left out");
    let audit = &doc["tables"]["audit_log"];
    assert!(
        audit.as_array().expect("list").iter().any(|e| e["after"].is_object()),
        "the change history's before/after are nested JSON, not strings"
    );
    assert_names_survive(&text, "JSON");
    let again = open_data::export_recorded(&desk, OpenDataFormat::Json, &out)
        .expect_err("an existing file is never overwritten");
    assert!(matches!(again, Error::Conflict(_)), "{again:?}");
}

#[test]
fn xlsx_has_a_sheet_per_table_with_japanese_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = demo(dir.path());
    let expected = counts(&desk);
    let out = dir.path().join("全データ.xlsx");
    open_data::export_recorded(&desk, OpenDataFormat::Xlsx, &out).expect("export");
    let mut book: Xlsx<_> = open_workbook(&out).expect("calamine opens the workbook");
    let names = book.sheet_names().to_vec();
    let labels: Vec<_> = TABLES.iter().map(|t| t.label_ja.to_owned()).collect();
    assert_eq!(names, labels, "one sheet per table, named in Japanese, in order");
    let mut all_text = String::new();
    for (t, (_, n)) in TABLES.iter().zip(&expected) {
        let range = book.worksheet_range(t.label_ja).expect("sheet");
        assert_eq!(range.height(), n + 1, "{}: a header row plus one row per record", t.key);
        let header: Vec<String> = range.rows().next().expect("header").iter().map(|c| c.to_string()).collect();
        let want: Vec<String> = t.columns.iter().map(|c| c.header.to_owned()).collect();
        assert_eq!(header, want, "{}: Japanese headers", t.key);
        for row in range.rows() {
            for c in row {
                if let Data::String(s) = c {
                    all_text.push_str(s);
                }
            }
        }
    }
    let households = book.worksheet_range("世帯").expect("sheet");
    let joined = households.rows().nth(1).expect("a household")[5].clone();
    assert!(matches!(joined, Data::DateTime(_)), "加入日 is an Excel date, not text: {joined:?}");
    assert_names_survive(&all_text, "xlsx");
}

#[test]
fn csv_writes_one_utf8_file_per_table_into_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = demo(dir.path());
    let expected = counts(&desk);
    let out = dir.path().join("csv");
    let export = open_data::export_recorded(&desk, OpenDataFormat::Csv, &out).expect("export");
    assert_eq!(export.files.len(), TABLES.len(), "one file per table");
    let mut all_text = String::new();
    for (t, (_, n)) in TABLES.iter().zip(&expected) {
        let bytes = std::fs::read(out.join(format!("{}.csv", t.key))).expect("file");
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("UTF-8 with a BOM, so Excel reads it as UTF-8");
        let mut reader = csv::Reader::from_reader(body);
        let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
        assert_eq!(header.len(), t.columns.len(), "{}: one column per header", t.key);
        assert_eq!(header[0], t.columns[0].header, "{}: Japanese headers", t.key);
        let rows: Vec<_> = reader.records().map(|r| r.expect("record")).collect();
        assert_eq!(rows.len(), *n, "{}: as many rows as the database holds", t.key);
        all_text.push_str(std::str::from_utf8(body).expect("utf-8"));
    }
    assert_names_survive(&all_text, "CSV");
    let again = open_data::export_recorded(&desk, OpenDataFormat::Csv, &out)
        .expect_err("a non-empty folder is never written into");
    assert!(matches!(again, Error::Conflict(_)), "{again:?}");
}

#[test]
fn an_export_is_recorded_in_the_change_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = demo(dir.path());
    open_data::export_recorded(&desk, OpenDataFormat::Json, &dir.path().join("a.json")).expect("export");
    let last = desk.read(|r| audit::recent(r, 1)).expect("log").remove(0);
    assert_eq!(last.entity, "open_data_export", "personal data leaving the PC is recorded: {last:?}");
}
