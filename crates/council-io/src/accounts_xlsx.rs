//! A year of one of the council's accounts as an Excel workbook, for the auditors (監事) and for the
//! 総会's papers: the settlement (収支決算書: budget, actual, 増減, 説明 per 科目, the totals and the
//! 次年度繰越金) on the first sheet, then one sheet per book (出納帳: date, voucher, 科目, 摘要, in, out,
//! balance, with the balance brought forward and the totals). Amounts are numbers, dates are dates.
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

use crate::roster::{Cell, ExportFile, write_failed, write_table};
use council_domain::accounts::ledger::{self, BookYear};
use council_domain::accounts::settlement::{self, Statement, StatementLine};
use council_domain::accounts::{self, AccountId};
use council_domain::calendar::FiscalYear;
use council_domain::error::Result;

/// The settlement's sheet name.
pub const SETTLEMENT_SHEET: &str = "収支決算書";

fn statement_rows(side: &str, lines: &[StatementLine], total: (i64, i64)) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(side.to_owned()),
                Cell::Text(if l.sub { format!("　{}", l.name) } else { l.name.clone() }),
                Cell::Number(l.budget),
                Cell::Number(l.actual),
                Cell::Number(l.difference),
                Cell::Text(l.explanation.clone()),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text(side.to_owned()),
        Cell::Text("合計".into()),
        Cell::Number(total.0),
        Cell::Number(total.1),
        Cell::Number(total.1 - total.0),
        Cell::Empty,
    ]);
    rows
}

fn book_rows(book: &BookYear) -> Vec<Vec<Cell>> {
    let mut rows = vec![vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Text("前年度より繰越".into()),
        Cell::Empty,
        Cell::Empty,
        Cell::Number(book.opening),
    ]];
    for l in &book.lines {
        rows.push(vec![
            Cell::Date(l.date),
            l.voucher_no.map_or(Cell::Empty, Cell::Number),
            Cell::Text(if l.transfer { "振替".into() } else { l.category.clone().unwrap_or_default() }),
            Cell::Text(l.description.clone()),
            if l.amount_in > 0 { Cell::Number(l.amount_in) } else { Cell::Empty },
            if l.amount_out > 0 { Cell::Number(l.amount_out) } else { Cell::Empty },
            Cell::Number(l.balance),
        ]);
    }
    rows.push(vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Text("合計".into()),
        Cell::Number(book.total_in),
        Cell::Number(book.total_out),
        Cell::Number(book.closing),
    ]);
    rows
}

/// The workbook's bytes.
pub fn export(statement: &Statement, books: &[BookYear]) -> Result<Vec<u8>> {
    let build = || -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(SETTLEMENT_SHEET)?;
        let mut rows = statement_rows("収入", &statement.income, statement.income_total);
        rows.extend(statement_rows("支出", &statement.expense, statement.expense_total));
        rows.push(vec![
            Cell::Empty,
            Cell::Text("次年度繰越金".into()),
            Cell::Empty,
            Cell::Number(statement.carry_over),
            Cell::Empty,
            Cell::Text("収入合計 − 支出合計".into()),
        ]);
        write_table(sheet, 0, &["収支", "科目", "予算額", "決算額", "増減", "説明"], &rows)?;
        for b in books {
            let sheet = book.add_worksheet();
            // Sheet names are at most 31 characters and may not hold []:*?/\.
            let name: String = b.book.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect::<String>();
            sheet.set_name(if name.is_empty() { "出納帳".to_owned() } else { name })?;
            write_table(sheet, 0, &["日付", "伝票番号", "科目", "摘要", "収入", "支出", "残高"], &book_rows(b))?;
        }
        book.save_to_buffer()
    };
    build().map_err(write_failed)
}

/// A year of an account (the general account unless `account` names another) as a workbook file.
pub fn export_file(conn: &Connection, account: Option<&AccountId>, year: FiscalYear) -> Result<ExportFile> {
    let acc = match account {
        Some(id) => accounts::get(conn, id)?,
        None => accounts::general(conn)?.ok_or_else(|| {
            council_domain::Error::NotFound(council_domain::text::Text::new(
                "まだ会計がありません。会計の画面で一般会計を始めてください。",
                "There are no accounts yet. Start the general account on the Accounts screen.",
            ))
        })?,
    };
    let statement = settlement::settlement(conn, &acc.id, year)?;
    let books = acc.books.iter().map(|b| ledger::book_year(conn, &b.id, year)).collect::<Result<Vec<_>>>()?;
    let rows = books.iter().map(|b| b.lines.len() as u32).sum();
    Ok(ExportFile {
        file_name: format!("{}_{}_収支決算書・出納帳.xlsx", year.label_ja(), acc.name),
        bytes: export(&statement, &books)?,
        rows,
        warning: None,
    })
}
