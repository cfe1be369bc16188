//! A council's existing cash book (Excel or CSV) imported into its books on a real SQLite file: the
//! columns and 科目 mapped, every problem listed with its row before anything is written, a 残高 that
//! does not follow from the rows above it caught, and all of it imported or nothing — also when a row
//! breaks a rule of the books (cash below zero), which the refusal names by its row.

use chrono::NaiveDate;
use council_domain::accounts::{self, BookId, ledger};
use council_domain::calendar::FiscalYear;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::{Session, council};
use council_io::cashbook::{self, CashbookOptions, CategoryMapping, CategoryTarget};
use council_io::roster::Encoding;
use council_store::data_dir::DataDir;

struct Books {
    s: Session,
    cash: BookId,
    bank: BookId,
    _dir: tempfile::TempDir,
}

fn books() -> Books {
    let dir = tempfile::tempdir().expect("tempdir");
    let today: NaiveDate = "2026-05-10".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let account = s.write(council_demo::general_account).expect("account");
    let b = s.read(|r| accounts::books(r, &account)).expect("books");
    Books { cash: b[0].id.clone(), bank: b[1].id.clone(), s, _dir: dir }
}

fn options(book: &BookId, categories: Vec<CategoryMapping>) -> CashbookOptions {
    CashbookOptions { book_id: book.clone(), fiscal_year: 2025, encoding: Encoding::Auto, mapping: None, categories }
}

/// The cash book as a treasurer kept it in Excel and saved as CSV: a title row, the header, the
/// balance brought forward, dues (which the books read from the members screen), a deposit.
const GOOD: &str = "令和7年度 現金出納帳\n\
月日,科目,摘要,収入,支出,残高,備考\n\
4/1,前年度繰越金,前年度より繰越,\"24,315\",,\"24,315\",\n\
4/12,会議費,役員会 お茶代,,\"2,860\",\"21,455\",さくら台ストア\n\
4/20,会費,4月分 会費,\"36,000\",,\"57,455\",\n\
4/30,預け入れ,4月分の預け入れ,,\"20,000\",\"37,455\",\n\
5/3,事務費,コピー用紙,,９８０円,\"36,475\",\n";

#[test]
fn a_cash_book_kept_in_excel_is_imported_whole_with_its_transfers() {
    let b = books();
    let preview =
        b.s.read(|r| cashbook::preview_file(r, GOOD.as_bytes(), "出納帳.csv", &options(&b.cash, vec![])))
            .expect("preview");
    assert_eq!(preview.header_row, 2, "the title row above the header is skipped");
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.entries, preview.transfers, preview.skipped), (3, 1, 1), "dues are left out");
    let dues = preview.categories.iter().find(|c| c.name == "会費").expect("会費");
    assert_eq!(dues.target, Some(CategoryTarget::Skip));
    assert!(matches!(
        preview.categories.iter().find(|c| c.name == "預け入れ").and_then(|c| c.target.clone()),
        Some(CategoryTarget::Transfer { book_id }) if book_id == b.bank
    ));
    let done = cashbook::import_file(&b.s, GOOD.as_bytes(), "出納帳.csv", &options(&b.cash, vec![])).expect("imported");
    assert_eq!((done.entries, done.transfers), (3, 1));
    let cash = b.s.read(|r| ledger::book_year(r, &b.cash, FiscalYear(2025))).expect("cash");
    assert_eq!(cash.closing, 24_315 - 2_860 - 20_000 - 980, "the dues are the members screen's, not the file's");
    let bank = b.s.read(|r| ledger::book_year(r, &b.bank, FiscalYear(2025))).expect("bank");
    assert_eq!(bank.closing, 20_000, "the deposit is in the bank book");
    let tea = cash.lines.iter().find(|l| l.description == "役員会 お茶代").expect("tea");
    assert_eq!((tea.amount_out, tea.date), (2_860, "2025-04-12".parse().expect("date")));
    assert_eq!(tea.voucher_no, Some(2), "vouchers numbered in date order");
}

#[test]
fn every_problem_is_listed_by_row_and_nothing_is_written_until_the_file_is_right() {
    let b = books();
    let bad = "日付,科目,摘要,収入,支出,残高\n\
2025/4/1,前年度繰越金,前年度より繰越,10000,,10000\n\
2025/4/12,会議費,お茶代,,2860,7410\n\
2024/12/1,会議費,去年の分,,500,6910\n\
2025/5/1,集会所費,鍵の交換,,abc,\n\
2025/5/2,,名無し,,100,\n";
    let preview =
        b.s.read(|r| cashbook::preview_file(r, bad.as_bytes(), "bad.csv", &options(&b.cash, vec![]))).expect("preview");
    let rows: Vec<u32> = preview.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [3, 4, 5, 6], "{:#?}", preview.problems);
    assert!(
        preview.problems[0].message.ja.contains("7,140円"),
        "the balance the rows give: {}",
        preview.problems[0].message.ja
    );
    assert!(preview.problems[1].message.ja.contains("令和6年12月1日"));
    assert!(preview.problems[2].message.ja.contains("abc"));
    let refused = cashbook::import_file(&b.s, bad.as_bytes(), "bad.csv", &options(&b.cash, vec![]));
    assert!(matches!(refused, Err(Error::Validation { .. })), "{refused:?}");
    let lines = b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines");
    assert!(lines.is_empty(), "nothing written");

    // A 科目 of the file without a match waits for the treasurer's choice.
    let unknown = "日付,科目,摘要,収入,支出\n2025/4/1,前年度繰越金,繰越,5000,\n2025/5/1,集会所費,鍵の交換,,3300\n";
    let p =
        b.s.read(|r| cashbook::preview_file(r, unknown.as_bytes(), "u.csv", &options(&b.cash, vec![])))
            .expect("preview");
    assert_eq!(p.problems.len(), 1);
    assert!(p.problems[0].message.ja.contains("「集会所費」に当たる科目"), "{}", p.problems[0].message.ja);
    let chart =
        b.s.read(|r| accounts::categories(r, &b.s.read(|r| accounts::book(r, &b.cash)).expect("book").account_id))
            .expect("chart");
    let office = chart.iter().find(|c| c.name == "事務費").expect("事務費").id.clone();
    let chosen = vec![CategoryMapping {
        name: "集会所費".into(),
        target: Some(CategoryTarget::Category { id: office }),
        rows: 1,
    }];
    let done = cashbook::import_file(&b.s, unknown.as_bytes(), "u.csv", &options(&b.cash, chosen)).expect("imported");
    assert_eq!(done.entries, 2);
}

#[test]
fn a_row_that_would_take_the_cash_below_zero_stops_the_whole_import_naming_its_row() {
    let b = books();
    let short = "日付,科目,摘要,収入,支出\n\
2025/4/1,前年度繰越金,繰越,1000,\n\
2025/4/2,会議費,お茶代,,800\n\
2025/4/3,事務費,プリンター,,5000\n";
    let refused = cashbook::import_file(&b.s, short.as_bytes(), "short.csv", &options(&b.cash, vec![]));
    match refused {
        Err(Error::Validation { message, .. }) => assert!(message.ja.starts_with("4行目："), "{}", message.ja),
        other => panic!("refused with the row: {other:?}"),
    }
    assert!(b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines").is_empty(), "all or nothing");
}

#[test]
fn months_and_days_in_two_columns_and_a_shift_jis_file_are_read() {
    let b = books();
    let text = "月,日,科目,摘要,入金,出金\n4,1,前年度繰越金,繰越,8000,\n3,8,会議費,総会準備,,1200\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let p = b.s.read(|r| cashbook::preview_file(r, &sjis, "sjis.csv", &options(&b.cash, vec![]))).expect("preview");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.sample.iter().map(|r| r.date.to_string()).collect::<Vec<_>>(), ["2025-04-01", "2026-03-08"]);
}

#[test]
fn a_truncated_or_foreign_file_is_refused_by_name_and_changes_nothing() {
    let b = books();
    for (name, bytes) in [
        ("出納帳.xlsx", &b"PK\x03\x04 a workbook cut short"[..]),
        ("出納帳.xls", &b"\xD0\xCF\x11\xE0 old excel"[..]),
        ("空.csv", &b""[..]),
    ] {
        let refused = b.s.read(|r| cashbook::preview_file(r, bytes, name, &options(&b.cash, vec![])));
        match refused {
            Err(Error::Validation { message, .. }) => assert!(message.ja.contains(name), "{name}: {}", message.ja),
            other => panic!("{name}: refused by name, not {other:?}"),
        }
        assert!(cashbook::import_file(&b.s, bytes, name, &options(&b.cash, vec![])).is_err());
    }
    assert!(b.s.read(|r| ledger::lines(r, &b.cash)).expect("lines").is_empty(), "nothing written");
}
