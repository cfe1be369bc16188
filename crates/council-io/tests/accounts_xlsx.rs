//! A year of the demo council's books exported as a workbook and read back as the auditor's Excel
//! reads it: the settlement's figures and every book's balance are the books' own.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use council_domain::accounts::{self, ledger, settlement};
use council_domain::calendar::FiscalYear;
use council_domain::clock::FixedClock;
use council_io::accounts_xlsx::{self, SETTLEMENT_SHEET};
use council_store::data_dir::DataDir;

#[test]
fn the_workbook_carries_the_settlement_and_every_book_with_its_balances() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let year = FiscalYear(2025);
    let file = s.read(|r| accounts_xlsx::export_file(r, None, year)).expect("export");
    assert!(file.file_name.contains("令和7年度") && file.file_name.ends_with(".xlsx"), "{}", file.file_name);
    let account = s.read(|r| accounts::general(r)).expect("read").expect("general");
    let st = s.read(|r| settlement::settlement(r, &account.id, year)).expect("settlement");

    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(file.bytes)).expect("a workbook");
    let sheet = book.worksheet_range(SETTLEMENT_SHEET).expect("the settlement sheet");
    let row_of = |label: &str| {
        sheet
            .rows()
            .find(|r| matches!(&r[1], Data::String(s) if s == label))
            .unwrap_or_else(|| panic!("no row {label}"))
            .to_vec()
    };
    let number = |d: &Data| match d {
        Data::Float(f) => *f as i64,
        Data::Int(i) => *i,
        other => panic!("a number, not {other:?}"),
    };
    assert_eq!(number(&row_of("次年度繰越金")[3]), st.carry_over, "the carry-over, as a number");
    let totals: Vec<i64> =
        sheet.rows().filter(|r| matches!(&r[1], Data::String(s) if s == "合計")).map(|r| number(&r[3])).collect();
    assert_eq!(totals, vec![st.income_total.1, st.expense_total.1], "income and expense totals");
    for b in &account.books {
        let by = s.read(|r| ledger::book_year(r, &b.id, year)).expect("book");
        let sheet = book.worksheet_range(&b.name).expect("a sheet per book");
        let last = sheet.rows().next_back().expect("rows").to_vec();
        assert_eq!(number(&last[6]), by.closing, "{}: the balance carried", b.name);
        assert_eq!(sheet.rows().count(), by.lines.len() + 3, "{}: header, brought forward, lines, totals", b.name);
        assert!(matches!(sheet.rows().nth(2).expect("a line")[0], Data::DateTime(_)), "dates are Excel dates");
    }
}
