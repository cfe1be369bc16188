//! Roster import and export on real files: the .xlsx and CP932 CSV fixtures under `tests/fixtures/`
//! (made by `cargo run -p council-io --example roster_fixtures`), imported into a real SQLite file in
//! a temp dir, and exports read back in.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::members::{self, Household, MemberQuery};
use council_domain::{Result, Session, audit, council};
use council_io::roster::{
    self, Encoding, ExportEncoding, ExportFormat, ExportScope, ImportPreview, OnDuplicate, RosterField,
};
use council_store::data_dir::DataDir;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn desk(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let desk = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    desk.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    desk
}

/// What importing a roster file would do, on a read of the session (`roster::preview_file`).
fn preview_roster_import(
    desk: &Session,
    bytes: &[u8],
    file_name: &str,
    encoding: Encoding,
    mapping: Option<Vec<RosterField>>,
) -> Result<ImportPreview> {
    desk.read(|r| roster::preview_file(r, bytes, file_name, encoding, mapping, r.today()))
}

/// A council with `roster-good.xlsx` imported.
fn with_good_roster(dir: &tempfile::TempDir) -> Session {
    let desk = desk(dir);
    roster::import_file(&desk, &fixture("roster-good.xlsx"), "r.xlsx", Encoding::Auto, None, OnDuplicate::Refuse)
        .expect("import the good roster");
    desk
}

fn all(desk: &Session) -> Vec<Household> {
    let page = desk.read(|r| members::list(r, &MemberQuery { limit: 500, ..Default::default() })).expect("list");
    page.rows.iter().map(|row| desk.read(|r| members::household(r, &row.household_id)).expect("household")).collect()
}

fn by_head<'a>(households: &'a [Household], head: &str) -> &'a Household {
    households
        .iter()
        .find(|h| h.persons[0].name == head)
        .unwrap_or_else(|| panic!("a household headed by {head} must exist"))
}

fn names(h: &Household) -> Vec<&str> {
    h.persons.iter().map(|p| p.name.as_str()).collect()
}

/// What must survive an export and re-import: codes, addresses, blocks, dates, and each person.
type Comparable = (String, String, Option<String>, NaiveDate, Vec<(String, String, bool, String, Option<i32>)>);

fn date(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn rows_in_db(desk: &Session) -> (i64, i64) {
    desk.read(|conn| {
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect("count");
        Ok::<_, Error>((count("SELECT count(*) FROM household"), count("SELECT count(*) FROM person")))
    })
    .expect("read")
}

#[test]
fn the_good_xlsx_imports_households_persons_and_blocks_with_every_character_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bytes = fixture("roster-good.xlsx");
    let preview = preview_roster_import(&desk, &bytes, "roster-good.xlsx", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.header_row, 4, "two title rows and a merged group-header row sit above the header");
    assert!(preview.problems.is_empty(), "the good file has no problems: {:#?}", preview.problems);
    assert_eq!((preview.households, preview.persons), (6, 10), "rows grouped by 世帯番号 into households");
    assert_eq!(preview.new_blocks, ["1班", "2班", "3班"], "「1」, 「２」 and 「3班」 name three new blocks");
    assert_eq!(preview.sample[3].row, 9, "the blank row 8 is skipped but rows keep the spreadsheet's numbers");
    assert_eq!(
        &preview.mapping[..7],
        [
            RosterField::HouseholdCode,
            RosterField::Block,
            RosterField::Address,
            RosterField::JoinedOn,
            RosterField::Name,
            RosterField::Kana,
            RosterField::IsHead,
        ],
        "the headers are recognised"
    );

    let summary = roster::import_file(&desk, &bytes, "roster-good.xlsx", Encoding::Auto, None, OnDuplicate::Refuse)
        .expect("import");
    assert_eq!((summary.households, summary.persons), (6, 10));
    assert_eq!(summary.blocks_created, ["1班", "2班", "3班"]);

    let households = all(&desk);
    assert_eq!(households.len(), 6);
    let yoshida = by_head(&households, "𠮷田 太郎");
    assert_eq!(names(yoshida), ["𠮷田 太郎", "𠮷田 次郎", "𠮷田 花"], "𠮷 (outside JIS X 0208) is stored as written");
    assert_eq!(yoshida.block_name.as_deref(), Some("2班"));
    assert_eq!(yoshida.persons[0].notes, "班長経験あり");
    let takahashi = by_head(&households, "髙橋 一郎");
    assert_eq!(takahashi.code, "001", "full-width digits in 世帯番号 are read as digits");
    assert_eq!(takahashi.persons[0].phone, "042-123-4567", "full-width phone digits and dashes are folded");
    assert_eq!(takahashi.persons[0].kana, "タカハシ イチロウ", "readings are kept as written");
    assert_eq!(takahashi.block_name.as_deref(), Some("1班"), "a bare 1 under the 班 header is 1班");
    assert_eq!(
        by_head(&households, "佐藤 恵").block_name.as_deref(),
        Some("2班"),
        "「２」 is the same block as 「2班」"
    );
    let suzuki = by_head(&households, "鈴木 誠");
    assert_eq!(names(suzuki), ["鈴木 誠", "鈴木 愛"], "a row without a number but with 続柄 妻 joins the row above");
    assert_eq!(by_head(&households, "山﨑 花子").persons[0].email, "hanako@example.jp");
    assert!(households.iter().any(|h| h.persons[0].name == "﨑山 健"), "﨑 (U+FA11) is kept");
    let audit = desk.read(|r| audit::recent(r, 1)).expect("history");
    assert_eq!(audit[0].entity, "roster_import", "the import itself is recorded last");
    assert!(audit[0].summary.contains("6世帯（10人）"), "the record says how much: {}", audit[0].summary);
}

#[test]
fn full_width_digits_and_wareki_dates_and_years_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    roster::import_file(
        &desk,
        &fixture("roster-good.xlsx"),
        "roster-good.xlsx",
        Encoding::Auto,
        None,
        OnDuplicate::Refuse,
    )
    .expect("import");
    let households = all(&desk);
    for (head, joined) in [
        ("髙橋 一郎", "2024-04-01"), // 令和6年4月1日
        ("山﨑 花子", "2024-04-01"), // R6.4.1
        ("𠮷田 太郎", "2024-04-01"), // 2024/4/1
        ("佐藤 恵", "2023-05-01"),   // an Excel date cell
        ("鈴木 誠", "2019-04-30"),   // 平成31年4月30日
        ("﨑山 健", "2019-05-01"),   // 令和元年5月1日
    ] {
        assert_eq!(by_head(&households, head).joined_on, date(joined), "{head}'s joining date");
    }
    let years: Vec<Option<i32>> = by_head(&households, "𠮷田 太郎").persons.iter().map(|p| p.birth_year).collect();
    assert_eq!(years, [Some(1948), Some(1975), Some(2005)], "1948, 1975 and full-width ２００５");
    let takahashi: Vec<Option<i32>> = by_head(&households, "髙橋 一郎").persons.iter().map(|p| p.birth_year).collect();
    assert_eq!(takahashi, [Some(1955), Some(1958)], "昭和30 and S33");
    assert_eq!(by_head(&households, "佐藤 恵").persons[0].birth_year, Some(1990), "平成2年");
}

#[test]
fn the_cp932_csv_imports_with_characters_from_cp932s_extensions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bytes = fixture("roster-good-cp932.csv");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is Shift_JIS, not UTF-8");
    let preview = preview_roster_import(&desk, &bytes, "名簿.csv", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.encoding, Some(Encoding::Cp932), "auto-detected as CP932");
    assert_eq!(preview.header_row, 2, "the title line is skipped");
    let summary =
        roster::import_file(&desk, &bytes, "名簿.csv", Encoding::Cp932, None, OnDuplicate::Refuse).expect("import");
    assert_eq!((summary.households, summary.persons), (6, 10));
    let households = all(&desk);
    assert_eq!(names(by_head(&households, "髙橋 一郎")), ["髙橋 一郎", "髙橋 和子"], "髙 (IBM extension) survives");
    assert!(households.iter().any(|h| h.persons[0].name == "山﨑 花子"), "﨑 (IBM extension) survives");
    assert_eq!(by_head(&households, "佐藤 恵").joined_on, date("2023-05-01"));
}

#[test]
fn a_bad_row_late_in_the_file_refuses_the_whole_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bytes = fixture("roster-bad.xlsx");
    let preview = preview_roster_import(&desk, &bytes, "roster-bad.xlsx", Encoding::Auto, None).expect("preview");
    assert!(preview.rows > 700, "a roster of realistic size: {} rows", preview.rows);
    assert_eq!(preview.problems.len(), 1, "exactly the one bad row: {:#?}", preview.problems);
    assert_eq!(preview.problems[0].row, 731, "the problem is named by the row Excel shows");
    assert_eq!(preview.problems[0].column.as_deref(), Some("フリガナ"), "and by its column");
    let before = rows_in_db(&desk);
    let audit_before = desk.read(|r| audit::recent(r, 1000)).expect("history").len();

    let err = roster::import_file(&desk, &bytes, "roster-bad.xlsx", Encoding::Auto, None, OnDuplicate::Skip)
        .expect_err("one bad row refuses the whole file");
    match &err {
        Error::Validation { message, problems } => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].field, "row.731", "the problem carries its row number");
            assert!(
                problems[0].message.ja.contains("ふりがなが空です"),
                "and says what to fix: {}",
                problems[0].message
            );
            assert!(message.ja.contains("731行目") && message.ja.contains("何も取り込んでいません"), "{message}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(rows_in_db(&desk), before, "not one of the 700-odd good rows was written");
    assert_eq!(desk.read(|r| audit::recent(r, 1000)).expect("history").len(), audit_before, "nor any audit entry");
    assert!(desk.read(|r| members::blocks(r)).expect("blocks").is_empty(), "nor any of its blocks");
}

#[test]
fn the_small_file_shows_its_problem_row_and_imports_once_fixed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bad = fixture("roster-small-error.xlsx");
    let preview = preview_roster_import(&desk, &bad, "small.xlsx", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.households, 5);
    assert_eq!(preview.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [4], "山﨑 茂 in row 4 has no reading");
    assert!(roster::import_file(&desk, &bad, "small.xlsx", Encoding::Auto, None, OnDuplicate::Refuse).is_err());
    assert_eq!(rows_in_db(&desk), (0, 0), "nothing written");
    let fixed = fixture("roster-small-fixed.xlsx");
    let summary =
        roster::import_file(&desk, &fixed, "small.xlsx", Encoding::Auto, None, OnDuplicate::Refuse).expect("fixed");
    assert_eq!((summary.households, summary.persons), (5, 5), "one person per row without 世帯番号");
    assert_eq!(summary.blocks_created, ["1班", "2班"]);
}

#[test]
fn a_changed_mapping_is_used_and_a_missing_required_column_is_a_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bytes = fixture("roster-small-fixed.xlsx");
    let mut mapping = preview_roster_import(&desk, &bytes, "s.xlsx", Encoding::Auto, None).expect("preview").mapping;
    assert_eq!(mapping[1], RosterField::Kana);
    mapping[1] = RosterField::Ignore;
    let preview = preview_roster_import(&desk, &bytes, "s.xlsx", Encoding::Auto, Some(mapping)).expect("preview");
    assert_eq!(preview.problems.len(), 1, "one problem for the column, not one per row: {:#?}", preview.problems);
    assert_eq!(preview.problems[0].row, 1, "reported at the header row");
    assert!(
        preview.problems[0].message.ja.contains("「ふりがな」の列が選ばれていません"),
        "{}",
        preview.problems[0].message
    );
}

#[test]
fn duplicates_are_flagged_and_not_doubled_on_a_second_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let bytes = fixture("roster-good.xlsx");
    roster::import_file(&desk, &bytes, "r.xlsx", Encoding::Auto, None, OnDuplicate::Refuse).expect("first import");
    let before = rows_in_db(&desk);

    let preview = preview_roster_import(&desk, &bytes, "r.xlsx", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.duplicates.len(), 6, "every household is already registered: {:#?}", preview.duplicates);
    assert!(preview.duplicates.iter().all(|d| d.existing_household_id.is_some()), "each names the registered one");
    assert!(preview.new_blocks.is_empty(), "the blocks exist now");
    let err = roster::import_file(&desk, &bytes, "r.xlsx", Encoding::Auto, None, OnDuplicate::Refuse)
        .expect_err("duplicates are refused unless skipped");
    assert!(err.to_string().contains("既に登録されている世帯"), "the refusal says why: {err}");
    assert_eq!(rows_in_db(&desk), before, "the refused import wrote nothing");

    let summary = roster::import_file(&desk, &bytes, "r.xlsx", Encoding::Auto, None, OnDuplicate::Skip).expect("skip");
    assert_eq!((summary.households, summary.skipped_duplicates), (0, 6), "all six skipped");
    assert_eq!(rows_in_db(&desk), before, "nothing was doubled");

    // The CP932 file differs only in 吉田 for 𠮷田: the other five match, 吉田 by its reading.
    let csv = fixture("roster-good-cp932.csv");
    let preview = preview_roster_import(&desk, &csv, "r.csv", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.duplicates.len(), 6, "same reading and address counts as the same household");
    let yoshida = preview.duplicates.iter().find(|d| d.name == "吉田 太郎").expect("吉田 flagged");
    assert_eq!(yoshida.existing_name, "𠮷田 太郎");
    assert!(yoshida.reason.ja.contains("ふりがな"), "matched by reading: {}", yoshida.reason);
}

#[test]
fn a_household_written_twice_in_one_file_is_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let csv = "氏名,ふりがな,住所\n山田 太郎,やまだ たろう,さくら台1-1\n山田 太郎,ヤマダ タロウ,さくら台１－１\n";
    let preview = preview_roster_import(&desk, csv.as_bytes(), "r.csv", Encoding::Auto, None).expect("preview");
    assert_eq!(preview.duplicates.len(), 1);
    assert_eq!((preview.duplicates[0].row, preview.duplicates[0].existing_row), (3, Some(2)), "row 3 repeats row 2");
    let summary =
        roster::import_file(&desk, csv.as_bytes(), "r.csv", Encoding::Auto, None, OnDuplicate::Skip).expect("import");
    assert_eq!((summary.households, summary.skipped_duplicates), (1, 1), "imported once");
}

#[test]
fn problems_in_values_are_listed_with_row_and_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let csv = "世帯番号,氏名,ふりがな,住所,加入日,生年,続柄,メール\n\
               1,山田 太郎,やまだ たろう,A,きのう,1955,世帯主,\n\
               1,山田 花子,山田,A,,昭和,世帯主,hanako\n\
               2,,さとう,,2024/4/1,,,\n\
               ,佐藤 次郎,さとう じろう,,,,長男,\n";
    let preview = preview_roster_import(&desk, csv.as_bytes(), "r.csv", Encoding::Auto, None).expect("preview");
    let found: Vec<(u32, &str)> = preview.problems.iter().map(|p| (p.row, p.message.en.as_str())).collect();
    let expect = [
        (2, "The joining date \"きのう\""),
        (3, "The reading \"山田\""),
        (3, "The birth year \"昭和\""),
        (3, "The e-mail \"hanako\""),
        (3, "two heads"),
        (4, "The name is empty"),
        (4, "The address is empty"),
    ];
    for (row, text) in expect {
        assert!(
            found.iter().any(|(r, m)| *r == row && m.contains(text)),
            "row {row} must report {text:?}; found {found:#?}"
        );
    }
    assert!(
        found.iter().all(|(r, _)| *r != 5),
        "row 5 (長男 under household 2) joins the row above and is fine: {found:#?}"
    );
}

#[test]
fn an_exported_roster_reads_back_unchanged_as_xlsx_and_utf8_csv() {
    let source = tempfile::tempdir().expect("tempdir");
    let desk = with_good_roster(&source);
    let original = all(&desk);
    let strip = |hs: &[Household]| -> Vec<Comparable> {
        hs.iter()
            .map(|h| {
                (
                    h.code.clone(),
                    h.address.clone(),
                    h.block_name.clone(),
                    h.joined_on,
                    h.persons
                        .iter()
                        .map(|p| (p.name.clone(), p.kana.clone(), p.is_head, p.phone.clone(), p.birth_year))
                        .collect(),
                )
            })
            .collect()
    };
    for (format, name) in [(ExportFormat::Xlsx, "x.xlsx"), (ExportFormat::Csv, "x.csv")] {
        let file = roster::export_file(&desk, format, ExportEncoding::Utf8, ExportScope::Full).expect("export");
        assert_eq!(file.rows, 10, "one row per person");
        if format == ExportFormat::Csv {
            assert!(file.bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 CSV carries a BOM so Japanese Excel reads it");
        }
        let target = tempfile::tempdir().expect("tempdir");
        let other = self::desk(&target);
        let summary = roster::import_file(&other, &file.bytes, name, Encoding::Auto, None, OnDuplicate::Refuse)
            .expect("re-import");
        assert_eq!((summary.households, summary.persons), (6, 10), "{name}: everything reads back");
        assert_eq!(strip(&all(&other)), strip(&original), "{name}: households and persons unchanged, 𠮷 included");
    }
}

#[test]
fn a_cp932_export_with_a_character_cp932_lacks_is_refused_naming_row_and_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = with_good_roster(&dir);
    let err = roster::export_file(&desk, ExportFormat::Csv, ExportEncoding::Cp932, ExportScope::Full)
        .expect_err("𠮷 has no CP932 code");
    let Error::Validation { message, problems } = &err else { panic!("expected validation, got {err:?}") };
    assert!(
        message.ja.contains("「𠮷」") && message.ja.contains("UTF-8"),
        "names the character and the way out: {message}"
    );
    assert!(!message.ja.contains("&#"), "no numeric character references");
    assert_eq!(problems.len(), 3, "each of the three 𠮷田 names: {problems:#?}");
    assert!(problems.iter().all(|p| p.field.starts_with("row.")), "each by its row");

    // Without 𠮷 the same export works, and 髙/﨑 come back out of CP932 unchanged.
    let dir2 = tempfile::tempdir().expect("tempdir");
    let desk2 = self::desk(&dir2);
    roster::import_file(&desk2, &fixture("roster-good-cp932.csv"), "r.csv", Encoding::Auto, None, OnDuplicate::Refuse)
        .expect("import");
    let file = roster::export_file(&desk2, ExportFormat::Csv, ExportEncoding::Cp932, ExportScope::Full).expect("cp932");
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&file.bytes);
    assert!(!malformed, "valid Shift_JIS");
    assert!(text.contains("髙橋 一郎") && text.contains("山﨑 花子"), "NEC/IBM extension characters written as CP932");
}

#[test]
fn the_full_export_warns_and_the_city_export_carries_only_block_and_head() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = with_good_roster(&dir);
    let full = roster::export_file(&desk, ExportFormat::Csv, ExportEncoding::Utf8, ExportScope::Full).expect("full");
    let warning = full.warning.expect("the full roster warns");
    assert!(warning.ja.contains("個人情報"), "{warning}");
    let city = roster::export_file(&desk, ExportFormat::Csv, ExportEncoding::Utf8, ExportScope::City).expect("city");
    assert!(city.warning.is_none());
    assert!(city.file_name.contains("市提出用"), "{}", city.file_name);
    let text = String::from_utf8(city.bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "班,世帯主", "only the block and the head's name");
    assert_eq!(lines.len(), 7, "one line per household");
    for private in ["042", "hanako@", "1948", "班長経験", "和子", "さくら台"] {
        assert!(!text.contains(private), "the city's file must not carry {private:?}");
    }
    let history = desk.read(|r| audit::recent(r, 1)).expect("history");
    assert_eq!(history[0].entity, "roster_export", "exports of personal data are recorded");
}

#[test]
fn a_csv_export_never_carries_a_formula_and_reads_back_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = desk(&dir);
    let hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"];
    let mut csv = String::from("世帯番号,班,住所,加入日,氏名,フリガナ,続柄\n");
    for (i, name) in hostile.iter().enumerate() {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        csv.push_str(&format!("{},1,さくら台{},2024/04/01,{quoted},タロウ,世帯主\n", i + 1, i + 1));
    }
    let summary = roster::import_file(&desk, csv.as_bytes(), "r.csv", Encoding::Auto, None, OnDuplicate::Refuse)
        .expect("names are text, whatever they start with");
    assert_eq!(summary.persons as usize, hostile.len());
    // Names are stored trimmed (a leading tab or CR goes), each still starting as a formula would.
    let stored: Vec<String> = all(&desk).iter().map(|h| h.persons[0].name.clone()).collect();
    assert!(stored.iter().all(|n| n.starts_with(['=', '+', '-', '@'])), "{stored:?}");
    for (format, scope) in [(ExportFormat::Csv, ExportScope::Full), (ExportFormat::Csv, ExportScope::City)] {
        let file = roster::export_file(&desk, format, ExportEncoding::Utf8, scope).expect("export");
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&file.bytes[3..]);
        let cells: Vec<String> =
            reader.records().flat_map(|r| r.expect("record").iter().map(str::to_owned).collect::<Vec<_>>()).collect();
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{scope:?}: a cell a spreadsheet would run as a formula: {cell:?}"
            );
        }
        for name in &stored {
            assert!(cells.contains(&format!("'{name}")), "{scope:?}: {name:?} written after an apostrophe");
        }
    }
    // The apostrophe is the CSV's, not the name's: the export imports as it was.
    let file = roster::export_file(&desk, ExportFormat::Csv, ExportEncoding::Utf8, ExportScope::Full).expect("export");
    let target = tempfile::tempdir().expect("tempdir");
    let other = self::desk(&target);
    roster::import_file(&other, &file.bytes, "x.csv", Encoding::Auto, None, OnDuplicate::Refuse).expect("re-import");
    let mut back: Vec<String> = all(&other).iter().map(|h| h.persons[0].name.clone()).collect();
    let mut want: Vec<String> = all(&desk).iter().map(|h| h.persons[0].name.clone()).collect();
    back.sort();
    want.sort();
    assert_eq!(back, want);
}
