//! Reading a roster file's bytes into rows of text: .xlsx through calamine (the first worksheet), CSV
//! decoded from UTF-8 or CP932. The header row is found among the first rows (title rows and merged
//! group-header rows above it are skipped); blank rows are dropped, and every row keeps the number
//! the spreadsheet itself shows (1-based), so a problem can be found in Excel by its row number.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::export::without_formula_guard;
use super::fields::RosterField;
use council_domain::error::{Error, Result};
use council_domain::text::Text;

/// How a CSV file's bytes are decoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 when the file starts with a BOM or is valid UTF-8, otherwise CP932.
    #[default]
    Auto,
    /// UTF-8 (with or without a BOM).
    Utf8,
    /// Shift_JIS as Windows and Japanese Excel write it (CP932 / Windows-31J), with the NEC and IBM
    /// extensions (髙, 﨑, ①).
    Cp932,
}

/// The kind of file a table was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// An Excel workbook (.xlsx).
    Xlsx,
    /// Comma- or tab-separated text.
    Csv,
}

/// One non-blank row below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The row's number as the spreadsheet shows it (1-based).
    pub row: u32,
    /// Its cells as text, trimmed, one per header column.
    pub cells: Vec<String>,
}

/// A roster file read into text: the header row and the data rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// The file's name (for messages and the audit log).
    pub file_name: String,
    /// What kind of file it was.
    pub format: SourceFormat,
    /// For CSV, the encoding it was decoded with (never `Auto`).
    pub encoding: Option<Encoding>,
    /// The header row's number (1-based).
    pub header_row: u32,
    /// The header cells, one per column.
    pub headers: Vec<String>,
    /// The data rows, blank rows left out.
    pub rows: Vec<RawRow>,
}

/// How many rows from the top are searched for the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// Reads a roster file: `.xlsx` (recognised by its content or name) or CSV in `encoding`.
pub fn read_table(bytes: &[u8], file_name: &str, encoding: Encoding) -> Result<RawTable> {
    read_table_with(bytes, file_name, encoding, |h| RosterField::from_header(h) != RosterField::Ignore)
}

/// Reads a table file whose header row is the first of the top rows with two cells `is_header`
/// recognises (a cash book's 日付 and 科目, a roster's 氏名 and 住所).
pub fn read_table_with(
    bytes: &[u8],
    file_name: &str,
    encoding: Encoding,
    is_header: impl Fn(&str) -> bool,
) -> Result<RawTable> {
    let lower = file_name.to_lowercase();
    if bytes.is_empty() {
        return Err(unreadable(
            file_name,
            "ファイルが空です。名簿の入ったファイルを選んでください。",
            "The file is empty. Choose the file that holds the roster.",
        ));
    }
    crate::limits::check_size(file_name, bytes)?;
    let (format, encoding, rows) = if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") {
        (SourceFormat::Xlsx, None, xlsx_rows(bytes, file_name)?)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || lower.ends_with(".xls") {
        return Err(unreadable(
            file_name,
            "古い Excel 形式（.xls）は読めません。Excel で開き「名前を付けて保存」で「Excel ブック（.xlsx）」にしてから選んでください。",
            "Old Excel files (.xls) cannot be read. Open it in Excel and save it as an Excel workbook (.xlsx) first.",
        ));
    } else {
        let (text, used) = decode(bytes, file_name, encoding)?;
        (SourceFormat::Csv, Some(used), csv_rows(&text, file_name)?)
    };
    let (header_row, headers, rows) = split_header(rows, is_header);
    Ok(RawTable { file_name: file_name.to_owned(), format, encoding, header_row, headers, rows })
}

fn unreadable(file_name: &str, ja: &str, en: &str) -> Error {
    Error::invalid(
        "file",
        Text::new(format!("「{file_name}」を読めません。{ja}"), format!("Cannot read \"{file_name}\". {en}")),
    )
}

/// Every non-blank row of the first worksheet, numbered as Excel numbers them.
fn xlsx_rows(bytes: &[u8], file_name: &str) -> Result<Vec<RawRow>> {
    let not_excel = |_| {
        unreadable(
            file_name,
            "Excel のファイル（.xlsx）として開けませんでした。Excel で開けるか確かめ、保存し直してから選んでください。",
            "It could not be opened as an Excel workbook (.xlsx). Check that Excel opens it, save it again and retry.",
        )
    };
    crate::limits::check_workbook(file_name, bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(not_excel)?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(unreadable(file_name, "シートが1枚もありません。", "The workbook has no worksheet."));
    };
    let range = crate::limits::read_sheet(&mut book, &first, file_name)?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        // Cells left of the used range are blank; keep column positions as Excel shows them.
        let mut texts = vec![String::new(); first_col as usize];
        texts.extend(cells.iter().map(cell_text));
        push_if_not_blank(&mut out, first_row + i as u32 + 1, texts);
    }
    Ok(out)
}

/// A cell as text: whole numbers without `.0`, dates as ISO dates.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => t.date().to_string(),
            _ => dt.to_string(),
        },
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        other => other.to_string(),
    }
}

fn push_if_not_blank(out: &mut Vec<RawRow>, row: u32, cells: Vec<String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_owned()).collect();
    if cells.iter().any(|c| !c.is_empty()) {
        out.push(RawRow { row, cells });
    }
}

/// Decodes CSV bytes; `Auto` picks UTF-8 for a BOM or valid UTF-8, CP932 otherwise.
fn decode(bytes: &[u8], file_name: &str, encoding: Encoding) -> Result<(String, Encoding)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = || -> Option<String> { std::str::from_utf8(body).ok().map(str::to_owned) };
    let cp932 = || -> Option<String> {
        let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    };
    // The first line that is not valid in the encoding, as the row a person looks at (1-based). A
    // line break is never part of a character in either encoding, so lines can be tried one by one.
    let first_bad_row = |cp932: bool| -> usize {
        body.split(|&b| b == b'\n')
            .position(|line| {
                if cp932 {
                    encoding_rs::SHIFT_JIS.decode_without_bom_handling(line).1
                } else {
                    std::str::from_utf8(line).is_err()
                }
            })
            .map_or(1, |i| i + 1)
    };
    match encoding {
        Encoding::Utf8 => utf8().map(|t| (t, Encoding::Utf8)).ok_or_else(|| {
            let row = first_bad_row(false);
            unreadable(
                file_name,
                &format!("{row}行目に UTF-8 の文字として読めない部分があります。Excel で保存した CSV なら、文字コードに「Shift_JIS（CP932）」を選んでください。"),
                &format!("Row {row} is not valid UTF-8. For a CSV saved by Japanese Excel, choose the Shift_JIS (CP932) encoding."),
            )
        }),
        Encoding::Cp932 => cp932().map(|t| (t, Encoding::Cp932)).ok_or_else(|| {
            let row = first_bad_row(true);
            unreadable(
                file_name,
                &format!("{row}行目に Shift_JIS（CP932）の文字として読めない部分があります。文字コードに「UTF-8」を選んでください。"),
                &format!("Row {row} is not valid Shift_JIS (CP932). Choose the UTF-8 encoding."),
            )
        }),
        Encoding::Auto => utf8()
            .map(|t| (t, Encoding::Utf8))
            .or_else(|| cp932().map(|t| (t, Encoding::Cp932)))
            .ok_or_else(|| {
                // Mixed: name where each reading first fails.
                let (in_utf8, in_cp932) = (first_bad_row(false), first_bad_row(true));
                unreadable(
                    file_name,
                    &format!("文字コードが UTF-8 でも Shift_JIS（CP932）でもありません（UTF-8 としては{in_utf8}行目、Shift_JIS としては{in_cp932}行目が読めません）。Excel で開き「CSV UTF-8」で保存し直してから選んでください。"),
                    &format!("It is neither UTF-8 nor Shift_JIS (CP932): row {in_utf8} is not UTF-8 and row {in_cp932} is not Shift_JIS. Open it in Excel, save it as \"CSV UTF-8\" and retry."),
                )
            }),
    }
}

/// CSV records numbered as Excel numbers the rows it opens them in (one record, one row). A header
/// line with more tabs than commas is read as tab-separated.
fn csv_rows(text: &str, file_name: &str) -> Result<Vec<RawRow>> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The csv crate skips empty lines, which Excel shows as rows, and a quoted cell may span lines,
    // which Excel shows as one row. So a record's row is counted here: the line breaks before its
    // first byte (found by skipping the line breaks after the previous record), less those inside
    // the multi-line cells above it.
    let bytes = text.as_bytes();
    let (mut scanned, mut breaks, mut inside_cells) = (0usize, 0u64, 0u64);
    let mut record = csv::StringRecord::new();
    loop {
        let start = (scanned..bytes.len()).find(|&i| !matches!(bytes[i], b'\r' | b'\n')).unwrap_or(bytes.len());
        breaks += bytes[scanned..start].iter().filter(|&&b| b == b'\n').count() as u64;
        let row = breaks + 1 - inside_cells;
        let more = reader.read_record(&mut record).map_err(|e| {
            unreadable(
                file_name,
                &format!("{row}行目あたりが CSV として読めません（{e}）。"),
                &format!("Around row {row} it is not valid CSV ({e})."),
            )
        })?;
        if !more {
            break;
        }
        check_record(&record, row, out.len(), file_name)?;
        let end = (reader.position().byte() as usize).clamp(start, bytes.len());
        breaks += bytes[start..end].iter().filter(|&&b| b == b'\n').count() as u64;
        scanned = end;
        inside_cells += record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        push_if_not_blank(&mut out, row as u32, record.iter().map(|f| without_formula_guard(f.to_owned())).collect());
    }
    Ok(out)
}

/// Refuses a CSV file over a limit as soon as a record shows it (see [`crate::limits`]).
fn check_record(record: &csv::StringRecord, row: u64, read: usize, file_name: &str) -> Result<()> {
    use crate::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, over_limit};
    if read >= MAX_ROWS as usize {
        return Err(over_limit(
            file_name,
            format!("行が多すぎます（上限 {MAX_ROWS}行）。"),
            format!("it has too many rows (the limit is {MAX_ROWS})."),
        ));
    }
    if record.len() > MAX_COLUMNS as usize {
        return Err(over_limit(
            file_name,
            format!("{row}行目の列が多すぎます（{}列、上限 {MAX_COLUMNS}列）。", record.len()),
            format!("row {row} has too many columns ({}; the limit is {MAX_COLUMNS}).", record.len()),
        ));
    }
    if record.iter().any(|cell| cell.len() > MAX_CELL_CHARS * 4 || cell.chars().count() > MAX_CELL_CHARS) {
        return Err(over_limit(
            file_name,
            format!("{row}行目のセルが長すぎます（上限 {MAX_CELL_CHARS}文字）。"),
            format!("a cell in row {row} is too long (the limit is {MAX_CELL_CHARS} characters)."),
        ));
    }
    Ok(())
}

/// The header row is the first of the top rows in which at least two cells name a roster field;
/// rows above it (titles, merged group headers) are dropped. Without such a row the first row is the
/// header, and the user maps its columns by hand.
fn split_header(mut rows: Vec<RawRow>, is_header: impl Fn(&str) -> bool) -> (u32, Vec<String>, Vec<RawRow>) {
    let found = rows.iter().take(HEADER_SEARCH_ROWS).position(|r| r.cells.iter().filter(|c| is_header(c)).count() >= 2);
    let at = found.unwrap_or(0);
    if rows.is_empty() {
        return (1, Vec::new(), rows);
    }
    let mut data = rows.split_off(at);
    let header = data.remove(0);
    let width = header.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let mut headers = header.cells;
    headers.truncate(width);
    for r in &mut data {
        r.cells.resize(width, String::new());
    }
    data.retain(|r| r.cells.iter().any(|c| !c.is_empty()));
    (header.row, headers, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_reads_utf8_with_bom_and_cp932() {
        let utf8 = "\u{feff}氏名,ふりがな,住所\n髙橋 一郎,たかはし いちろう,さくら台1\n".as_bytes();
        let t = read_table(utf8, "a.csv", Encoding::Auto).expect("utf-8");
        assert_eq!(t.encoding, Some(Encoding::Utf8));
        assert_eq!(t.headers, ["氏名", "ふりがな", "住所"], "the BOM is not part of the first header");
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode("氏名,ふりがな,住所\n山﨑 花子,やまさき はなこ,x\n");
        assert!(!unmappable, "﨑 is in CP932's extensions");
        let t = read_table(&sjis, "a.csv", Encoding::Auto).expect("cp932");
        assert_eq!(t.encoding, Some(Encoding::Cp932), "invalid UTF-8 is read as CP932");
        assert_eq!(t.rows[0].cells[0], "山﨑 花子");
        let err = read_table(&sjis, "a.csv", Encoding::Utf8).expect_err("not UTF-8");
        assert!(err.to_string().contains("Shift_JIS"), "the message suggests the other encoding: {err}");
    }

    #[test]
    fn title_and_blank_rows_are_skipped_and_rows_keep_their_numbers() {
        let csv = "会員名簿\n\n世帯,,\n氏名,フリガナ,住所\n,,\n山田 太郎,ヤマダ タロウ,A\n\n佐藤 一,サトウ ハジメ,B\n";
        let t = read_table(csv.as_bytes(), "r.csv", Encoding::Auto).expect("read");
        assert_eq!(t.header_row, 4, "the first row naming two fields is the header");
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [6, 8], "blank rows dropped, numbers kept");
    }

    #[test]
    fn a_cell_spanning_lines_is_one_row() {
        let csv = "氏名,ふりがな,備考\r\n森 勇,もり いさむ,\"1行目\r\n2行目\"\r\n\r\n石井 博,いしい ひろし,\r\n";
        let t = read_table(csv.as_bytes(), "r.csv", Encoding::Auto).expect("read");
        assert_eq!(t.rows[0].cells[2], "1行目\r\n2行目");
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 4], "as Excel numbers the rows");
    }

    #[test]
    fn tab_separated_text_is_read() {
        let t = read_table("氏名\tよみ\n森 勇\tもり いさむ".as_bytes(), "r.txt", Encoding::Auto).expect("read");
        assert_eq!(t.rows[0].cells, ["森 勇", "もり いさむ"]);
        assert_eq!(t.rows[0].row, 2, "a last line without a line break is still row 2");
    }

    #[test]
    fn old_excel_files_are_refused_with_what_to_do() {
        let err = read_table(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "r.xls", Encoding::Auto).expect_err("xls");
        assert!(err.to_string().contains(".xlsx"), "the message says to save as .xlsx: {err}");
    }
}
