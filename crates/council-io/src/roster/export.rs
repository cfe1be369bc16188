//! The roster out: the full roster (every field, for the council's own use; it warns that it holds
//! personal information) or the city's extract, as .xlsx or CSV (UTF-8 with a BOM, or CP932).
//!
//! The city's extract carries only each member household's block and head's name: the city asks for
//! household counts and officers, never phone numbers, e-mail addresses, birth years or notes. (A
//! counts-and-officers form comes with the officer records; until then this is the least the council
//! can send.) The full export uses the import's header words, so it reads back in unchanged.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_domain::calendar;
use council_domain::error::{Error, FieldProblem, Result};
use council_domain::text::Text;

/// The file type of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Excel workbook.
    Xlsx,
    /// Comma-separated text.
    Csv,
}

/// The encoding of a CSV export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportEncoding {
    /// UTF-8 with a BOM, so Japanese Excel opens it correctly; keeps every character (𠮷).
    #[default]
    Utf8,
    /// Shift_JIS (CP932) for older software; refused when a name has a character it cannot hold.
    Cp932,
}

/// What an export carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportScope {
    /// Every field of every member (personal information: for the council's own use).
    Full,
    /// For the city: each member household's block and head's name only.
    City,
}

/// A file made by an export, for the window to save where the user chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportFile {
    /// A suggested file name.
    pub file_name: String,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// Data rows written.
    pub rows: u32,
    /// What to keep in mind before sending the file on (the full roster holds personal information).
    pub warning: Option<Text>,
}

/// An export written to the file the user chose.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct SavedExport {
    /// Where it was written.
    pub path: String,
    /// Data rows written.
    pub rows: u32,
    /// What to keep in mind before sending the file on.
    pub warning: Option<Text>,
}

const FULL_HEADERS: [&str; 11] =
    ["世帯番号", "班", "住所", "加入日", "氏名", "ふりがな", "続柄", "電話", "メール", "生年", "備考"];
const CITY_HEADERS: [&str; 2] = ["班", "世帯主"];

/// A cell of an exported row (the roster's and the open-data export's).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text, written as is.
    Text(String),
    /// A calendar date: an Excel date in a workbook, `YYYY/MM/DD` in CSV.
    Date(NaiveDate),
    /// A whole number.
    Number(i64),
    /// A decimal number (an indicator's value).
    Decimal(f64),
    /// True or false: an Excel boolean in a workbook, `TRUE`/`FALSE` in CSV.
    Bool(bool),
    /// Nothing.
    Empty,
}

impl Cell {
    /// The cell as CSV writes it.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.format("%Y/%m/%d").to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Decimal(x) => x.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Cell::Empty => String::new(),
        }
    }
}

/// Member households (those that have not left), by block in the council's order, then by the
/// head's reading; within a household the head first.
fn rows(conn: &Connection, scope: ExportScope) -> Result<Vec<Vec<Cell>>> {
    let order = "ORDER BY b.id IS NULL, b.sort_order, b.name, coalesce(head.kana_key, ''), h.address, h.id";
    let text = |s: String| if s.is_empty() { Cell::Empty } else { Cell::Text(s) };
    match scope {
        ExportScope::City => {
            let mut stmt = conn.prepare(&format!(
                "SELECT coalesce(b.name, ''), coalesce(head.name, '')
                 FROM household h LEFT JOIN block b ON b.id = h.block_id
                 LEFT JOIN person head ON head.household_id = h.id AND head.is_head = 1
                 WHERE h.left_on IS NULL {order}"
            ))?;
            let rows = stmt.query_map([], |r| Ok(vec![text(r.get(0)?), text(r.get(1)?)]))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        }
        ExportScope::Full => {
            let mut stmt = conn.prepare(&format!(
                "SELECT h.code, coalesce(b.name, ''), h.address, h.joined_on, p.name, p.kana, p.is_head, p.phone,
                        p.email, p.birth_year, p.notes
                 FROM household h LEFT JOIN block b ON b.id = h.block_id
                 LEFT JOIN person head ON head.household_id = h.id AND head.is_head = 1
                 JOIN person p ON p.household_id = h.id
                 WHERE h.left_on IS NULL {order}, p.is_head DESC, p.kana_key, p.created_at, p.id"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok(vec![
                    text(r.get(0)?),
                    text(r.get(1)?),
                    text(r.get(2)?),
                    Cell::Date(r.get(3)?),
                    text(r.get(4)?),
                    text(r.get(5)?),
                    Cell::Text(if r.get(6)? { "世帯主" } else { "世帯員" }.to_owned()),
                    text(r.get(7)?),
                    text(r.get(8)?),
                    r.get::<_, Option<i64>>(9)?.map_or(Cell::Empty, Cell::Number),
                    text(r.get(10)?),
                ])
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        }
    }
}

/// Exports the roster of `council_name` as of `today`.
pub fn export_roster(
    conn: &Connection,
    format: ExportFormat,
    encoding: ExportEncoding,
    scope: ExportScope,
    council_name: &str,
    today: NaiveDate,
) -> Result<ExportFile> {
    let headers: &[&str] = match scope {
        ExportScope::Full => &FULL_HEADERS,
        ExportScope::City => &CITY_HEADERS,
    };
    let rows = rows(conn, scope)?;
    let (title, warning) = match scope {
        ExportScope::Full => (
            "会員名簿",
            Some(Text::new(
                "この名簿には個人情報（氏名・住所・電話・メールなど）が入っています。自治会の中だけで使い、メールやUSBメモリで渡すときは パスワードを付けるなど取り扱いに気をつけてください。用が済んだら消してください。",
                "This roster contains personal information (names, addresses, phone numbers, e-mail). Use it \
                 within the council only, protect it (e.g. with a password) when handing it on, and delete it \
                 when it is no longer needed.",
            )),
        ),
        ExportScope::City => ("会員名簿（市提出用）", None),
    };
    let extension = match format {
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Csv => "csv",
    };
    let file_name = format!("{council_name}_{title}_{}.{extension}", today.format("%Y-%m-%d"));
    let bytes = match format {
        ExportFormat::Xlsx => {
            let heading = format!("{council_name} {title}（{}現在）", calendar::wareki(today));
            xlsx(&heading, scope, headers, &rows).map_err(write_failed)?
        }
        ExportFormat::Csv => csv_bytes(headers, &rows, encoding)?,
    };
    Ok(ExportFile { file_name, bytes, rows: rows.len() as u32, warning })
}

pub(crate) fn write_failed(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// How wide a text looks in Excel's units: full-width characters count two.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) < 0x1100 || ('\u{FF61}'..='\u{FF9F}').contains(&c) { 1 } else { 2 }).sum()
}

fn xlsx(heading: &str, scope: ExportScope, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("会員名簿")?;
    let title = Format::new().set_bold().set_font_size(14);
    let last_col = headers.len() as u16 - 1;
    sheet.merge_range(0, 0, 0, last_col, heading, &title)?;
    let mut header_row = 1;
    if scope == ExportScope::Full {
        let note = Format::new().set_font_color("#B00020");
        sheet.merge_range(
            1,
            0,
            1,
            last_col,
            "取扱注意：個人情報を含みます。自治会の中だけで使ってください。",
            &note,
        )?;
        header_row = 2;
    }
    write_table(sheet, header_row, headers, rows)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    book.save_to_buffer()
}

/// The longest text a workbook cell holds; longer text (a large change-history record) is cut there.
const XLSX_CELL_MAX_CHARS: usize = 32_767;

/// Writes a bold header row at `header_row` and `rows` below it, and sets every column's width from
/// its widest cell: rust_xlsxwriter's autofit undercounts Japanese text.
pub(crate) fn write_table(
    sheet: &mut Worksheet,
    header_row: u32,
    headers: &[&str],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_align(FormatAlign::Center).set_background_color("#E7EEF7");
    let date = Format::new().set_num_format("yyyy/m/d");
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) if s.chars().count() > XLSX_CELL_MAX_CHARS => {
                    let cut: String = s.chars().take(XLSX_CELL_MAX_CHARS - 1).collect();
                    sheet.write_string(r, col, format!("{cut}…"))?;
                }
                Cell::Text(s) => {
                    sheet.write_string(r, col, s)?;
                }
                Cell::Date(d) => {
                    let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, col, &x, &date)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Cell::Decimal(x) => {
                    sheet.write_number(r, col, *x)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(r, col, *b)?;
                }
                Cell::Empty => {}
            }
            widths[c] = widths[c].max(display_width(&cell.text()));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    Ok(())
}

/// The characters that make a spreadsheet read a cell as a formula (or, tab and CR, hide one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as it goes into a CSV: one that a spreadsheet would run as a formula gets a leading
/// apostrophe (as OWASP recommends for CSV injection), so Excel shows it as the text it is.
pub(crate) fn formula_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { format!("'{text}").into() } else { text.into() }
}

/// A CSV cell read back: the apostrophe [`formula_safe`] added (or Excel's own, typed before `=`)
/// is dropped, so an exported roster imports as it was.
pub(crate) fn without_formula_guard(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_owned(),
        _ => text,
    }
}

/// The rows as CSV with CRLF line ends: UTF-8 with a BOM (so Japanese Excel opens it), or CP932
/// (refused, naming every cell, when a character cannot be written in it). Text that a spreadsheet
/// would take for a formula is written with a leading apostrophe ([`formula_safe`]).
pub(crate) fn csv_bytes(headers: &[&str], rows: &[Vec<Cell>], encoding: ExportEncoding) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let csv_err = |e: csv::Error| write_failed(e);
    writer.write_record(headers.iter().map(|h| formula_safe(h).into_owned())).map_err(csv_err)?;
    for row in rows {
        let cells = row.iter().map(|cell| match cell {
            Cell::Text(text) => formula_safe(text).into_owned(),
            other => other.text(),
        });
        writer.write_record(cells).map_err(csv_err)?;
    }
    let body = writer.into_inner().map_err(|e| write_failed(e.error()))?;
    let text = String::from_utf8(body).map_err(write_failed)?;
    match encoding {
        ExportEncoding::Utf8 => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            Ok(out)
        }
        ExportEncoding::Cp932 => {
            let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
            if unmappable {
                return Err(not_in_cp932(headers, rows));
            }
            Ok(bytes.into_owned())
        }
    }
}

/// The refusal for a CP932 export: every cell with a character Shift_JIS cannot hold (encoding_rs
/// would write it as `&#NNN;`), by CSV row number (the header is row 1).
fn not_in_cp932(headers: &[&str], rows: &[Vec<Cell>]) -> Error {
    let mut problems = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = cell.text();
            let bad: String = text.chars().filter(|ch| encoding_rs::SHIFT_JIS.encode(&ch.to_string()).2).collect();
            if let Some(ch) = bad.chars().next() {
                let line = i + 2;
                problems.push(FieldProblem {
                    field: format!("row.{line}"),
                    message: Text::new(
                        format!(
                            "{line}行目の{}「{text}」の「{ch}」は Shift_JIS（CP932）で書けない文字です。",
                            headers[c]
                        ),
                        format!(
                            "Row {line}: \"{ch}\" in {} \"{text}\" cannot be written in Shift_JIS (CP932).",
                            headers[c]
                        ),
                    ),
                });
            }
        }
    }
    let first = problems.first().map(|p| p.message.clone()).unwrap_or_else(|| Text::new("", ""));
    Error::Validation {
        message: Text::new(
            format!(
                "{}ほか、Shift_JIS（CP932）で書けない文字が{}か所あります。文字が別の記号に化けるため書き出していません。文字コードに UTF-8 を選んで書き出してください（Excel でもそのまま開けます）。",
                first.ja,
                problems.len()
            ),
            format!(
                "{} There are {} cell(s) with characters Shift_JIS (CP932) cannot hold; nothing was written, since \
                 they would be garbled. Export as UTF-8 instead (Excel opens it as well).",
                first.en,
                problems.len()
            ),
        ),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_characters_count_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("髙橋"), 4);
        assert_eq!(display_width("𠮷田"), 4, "characters outside the BMP are full width too");
        assert_eq!(display_width("ｱｲ"), 2, "half-width katakana");
    }

    #[test]
    fn text_a_spreadsheet_would_run_gets_an_apostrophe_and_numbers_do_not() {
        let rows = vec![vec![
            Cell::Text("\t=HYPERLINK(\"http://x\")".into()),
            Cell::Text("\r@SUM(A1)".into()),
            Cell::Text("田中".into()),
            Cell::Number(-500),
        ]];
        let bytes = csv_bytes(&["=A1", "b", "c", "d"], &rows, ExportEncoding::Utf8).expect("csv");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        assert_eq!(text, "'=A1,b,c,d\r\n\"'\t=HYPERLINK(\"\"http://x\"\")\",\"'\r@SUM(A1)\",田中,-500\r\n");
        assert_eq!(without_formula_guard("'=A1".into()), "=A1");
        assert_eq!(without_formula_guard("'quoted".into()), "'quoted", "an apostrophe before ordinary text stays");
    }
}
