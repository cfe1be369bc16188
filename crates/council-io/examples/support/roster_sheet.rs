//! Roster spreadsheets for the fixture generator and the import benchmark: councils' own layouts
//! (title rows, a merged group-header row, blank rows), written with rust_xlsxwriter.

// Each example uses only part of this shared module.
#![allow(dead_code)]

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// A cell as a council's spreadsheet holds it.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text (also numbers typed as text).
    T(String),
    /// A real Excel date cell.
    D(u16, u8, u8),
}

/// A row: `None` is a blank row.
pub type Row = Option<Vec<Value>>;

/// Text cells.
pub fn texts(cells: &[&str]) -> Row {
    Some(cells.iter().map(|c| Value::T((*c).to_owned())).collect())
}

/// The header of the big layouts.
pub const HEADERS: [&str; 11] =
    ["世帯番号", "班", "住所", "加入日", "氏名", "フリガナ", "続柄", "電話番号", "メール", "生年", "備考"];

const SURNAMES: &[(&str, &str)] = &[
    ("佐藤", "サトウ"),
    ("髙橋", "タカハシ"),
    ("山﨑", "ヤマサキ"),
    ("𠮷田", "ヨシダ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("中村", "ナカムラ"),
];
const GIVEN: &[(&str, &str)] =
    &[("一郎", "イチロウ"), ("花子", "ハナコ"), ("誠", "マコト"), ("恵", "メグミ"), ("健", "ケン")];

/// `households` synthetic households of one to three persons under [`HEADERS`], every head at its own
/// address (so none is a duplicate of another).
pub fn synthetic(households: usize) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for i in 0..households {
        let (sur, sur_kana) = SURNAMES[i % SURNAMES.len()];
        let size = 1 + i % 3;
        for p in 0..size {
            let (given, given_kana) = GIVEN[(i + p) % GIVEN.len()];
            let head = p == 0;
            rows.push(vec![
                format!("{:04}", i + 1),
                if head { format!("{}班", i % 12 + 1) } else { String::new() },
                if head {
                    format!("さくら台{}丁目{}-{}", i % 5 + 1, i / 50 + 1, i % 50 + 1)
                } else {
                    String::new()
                },
                if head { format!("令和{}年4月1日", 2 + i % 6) } else { String::new() },
                format!("{sur} {given}"),
                format!("{sur_kana} {given_kana}"),
                if head { "世帯主".to_owned() } else { "家族".to_owned() },
                if head { format!("042-555-{:04}", i % 10_000) } else { String::new() },
                String::new(),
                format!("S{}", 20 + (i + p) % 40),
                String::new(),
            ]);
        }
    }
    rows
}

/// A workbook: `title` rows merged across the header's width, an optional merged group-header row,
/// the header row, then `rows`. The creation time is fixed so the file is the same every time.
pub fn xlsx(title: &[&str], groups: &[(&str, u16, u16)], headers: &[&str], rows: &[Row]) -> Vec<u8> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 4, 1).expect("date");
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy/m/d");
    let last = headers.len() as u16 - 1;
    let mut r = 0u32;
    for t in title {
        sheet.merge_range(r, 0, r, last, t, &bold).expect("title");
        r += 1;
    }
    if !groups.is_empty() {
        for (text, first, end) in groups {
            sheet.merge_range(r, *first, r, *end, text, &bold).expect("group header");
        }
        r += 1;
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &bold).expect("header");
    }
    for row in rows {
        r += 1;
        let Some(cells) = row else { continue };
        for (c, v) in cells.iter().enumerate() {
            match v {
                Value::T(s) if s.is_empty() => {}
                Value::T(s) => {
                    sheet.write_string(r, c as u16, s).expect("cell");
                }
                Value::D(y, m, d) => {
                    let x = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    sheet.write_datetime_with_format(r, c as u16, &x, &date).expect("date cell");
                }
            }
        }
    }
    for c in 0..=last {
        sheet.set_column_width(c, 16).expect("width");
    }
    book.save_to_buffer().expect("xlsx")
}
