//! Open data export: every table of the council in plain formats, so the council is never locked in
//! to this app. One JSON document, one Excel workbook (a sheet per table, Japanese headers), or one
//! UTF-8 CSV file (with a BOM, for Excel) per table in a folder.
//!
//! The tables are a list, [`TABLES`], made of each aggregate's own (`EXPORT`, declared beside the SQL
//! that maps its rows): each names the database table it exports, its Japanese and English label,
//! the query, and its columns with their Japanese headers and kinds. A new table is added to its
//! aggregate's list; a test fails while a database table has no entry. Internal columns (folded search text, sort keys) are left out; IDs are kept so the
//! tables can be joined again, and each row also carries the names a person needs (a household's
//! block name, a person's 世帯番号) so a single sheet can be read on its own.

use std::fs;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::ExportEncoding;
use crate::roster::{Cell, csv_bytes, write_failed, write_table};
use council_domain::council;
use council_domain::error::{Error, Result};
use council_domain::text::Text;
use council_store::APP_VERSION;
use council_store::backup;

/// The plain format to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenDataFormat {
    /// One JSON document with every table as a list of records.
    Json,
    /// One Excel workbook, a sheet per table.
    Xlsx,
    /// One CSV file per table (UTF-8 with a BOM) in a folder.
    Csv,
}

/// One exported table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedTable {
    /// Stable key (`households`, `persons`, …): the JSON key and the CSV file's name.
    pub key: String,
    /// What the table holds, in both languages (the workbook's sheet name is the Japanese one).
    pub label: Text,
    /// Rows written.
    pub rows: u32,
}

/// What an open data export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenDataExport {
    /// The file (JSON, xlsx) or folder (CSV) written.
    pub path: String,
    /// The format.
    pub format: OpenDataFormat,
    /// Every table, in export order.
    pub tables: Vec<ExportedTable>,
    /// The files written (one for JSON and xlsx, one per table for CSV).
    pub files: Vec<String>,
}

pub use council_domain::export::{Column, ColumnKind, TableExport, col};

/// Tables that hold nothing of the council's own: the version id of the data (`content_version`,
/// which only tells the app whether figures kept between openings still hold), this PC's own
/// preferences (`local_setting`), and the bookkeeping of sharing between PCs (which PCs, their keys,
/// their change records and conflicts). Not exported.
pub const NOT_COUNCIL_DATA: &[&str] =
    &["content_version", "local_setting", "sync_device", "sync_state", "sync_log", "sync_conflict", "sync_touch"];

/// Every table of a council, in the order people read them: each aggregate's own list, declared
/// beside the SQL that maps its rows. A new table is added to its aggregate's `EXPORT`.
pub static TABLES: std::sync::LazyLock<Vec<TableExport>> = std::sync::LazyLock::new(|| {
    use council_domain::{
        accounts, attachments, audit, council, dues, events, grants, meetings, members, officers, partners, plan,
        settings,
    };
    [
        council::EXPORT,
        members::EXPORT,
        officers::EXPORT,
        partners::EXPORT,
        dues::EXPORT,
        accounts::EXPORT,
        events::EXPORT,
        attachments::EXPORT,
        plan::EXPORT,
        settings::EXPORT,
        audit::EXPORT,
        meetings::EXPORT,
        grants::EXPORT,
    ]
    .concat()
});

/// The name of the JSON document's format, so a reader can tell what it holds.
pub const JSON_FORMAT_NAME: &str = "council-desk-open-data";
/// The JSON document's format version.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Every row of `table`, as the database returns them.
fn read_rows(conn: &Connection, table: &TableExport) -> Result<Vec<Vec<Value>>> {
    let mut stmt = conn.prepare(table.sql)?;
    let n = table.columns.len();
    debug_assert_eq!(stmt.column_count(), n, "{}: the query and the columns must agree", table.key);
    let rows = stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json_value(kind: ColumnKind, value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match (kind, value) {
        (_, Value::Null) => J::Null,
        (ColumnKind::Bool, Value::Integer(i)) => J::Bool(*i != 0),
        (ColumnKind::Json, Value::Text(s)) => serde_json::from_str(s).unwrap_or_else(|_| J::String(s.clone())),
        (_, Value::Integer(i)) => J::from(*i),
        (_, Value::Real(f)) => J::from(*f),
        (_, Value::Text(s)) => J::String(s.clone()),
        (_, Value::Blob(b)) => J::from(b.clone()),
    }
}

/// A value as a cell; dates become Excel dates in a workbook and stay ISO text in CSV.
fn cell(kind: ColumnKind, value: &Value, excel_dates: bool) -> Cell {
    match (kind, value) {
        (_, Value::Null) => Cell::Empty,
        (ColumnKind::Bool, Value::Integer(i)) => Cell::Bool(*i != 0),
        (ColumnKind::Date, Value::Text(s)) if excel_dates => {
            s.parse::<NaiveDate>().map_or_else(|_| Cell::Text(s.clone()), Cell::Date)
        }
        (_, Value::Integer(i)) => Cell::Number(*i),
        (_, Value::Real(f)) => Cell::Text(f.to_string()),
        (_, Value::Text(s)) if s.is_empty() => Cell::Empty,
        (_, Value::Text(s)) => Cell::Text(s.clone()),
        (_, Value::Blob(b)) => Cell::Text(format!("({} bytes)", b.len())),
    }
}

/// A value of a table cell, as SQLite holds it (text, integer, real, null): the type both the full
/// export and the tables a use case assembles itself are written from.
pub use rusqlite::types::Value as CellValue;

/// A table assembled by a use case rather than read whole from the database (a submission package's
/// data: the year's officers, the events held): written by [`json_document`] and [`workbook`] exactly
/// as the full export writes its tables, so the city reads one format.
#[derive(Debug, Clone)]
pub struct ValueTable {
    /// Stable key: the JSON key.
    pub key: String,
    /// What the table holds; the workbook's sheet is named with the Japanese label (at most 31
    /// characters, none of `[]:*?/\`).
    pub label: Text,
    /// The columns, in the rows' order.
    pub columns: Vec<Column>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<CellValue>>,
}

impl ValueTable {
    fn from_export(t: &TableExport, rows: Vec<Vec<Value>>) -> Self {
        Self { key: t.key.to_owned(), label: Text::new(t.label_ja, t.label_en), columns: t.columns.to_vec(), rows }
    }

    fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.header).collect()
    }

    fn cells(&self, excel_dates: bool) -> Vec<Vec<Cell>> {
        self.rows
            .iter()
            .map(|row| self.columns.iter().zip(row).map(|(c, v)| cell(c.kind, v, excel_dates)).collect())
            .collect()
    }
}

/// The JSON document of `tables` (the open-data format: `format`, `format_version`, `app_version`,
/// `exported_at`, `council_name`, `labels`, and `tables` as lists of records), pretty-printed.
pub fn json_document(council_name: &str, tables: &[ValueTable], now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut records_by_table = serde_json::Map::new();
    for t in tables {
        let records = t
            .rows
            .iter()
            .map(|row| {
                let record = t.columns.iter().zip(row).map(|(c, v)| (c.key.to_owned(), json_value(c.kind, v)));
                serde_json::Value::Object(record.collect())
            })
            .collect();
        records_by_table.insert(t.key.clone(), serde_json::Value::Array(records));
    }
    let doc = serde_json::json!({
        "format": JSON_FORMAT_NAME,
        "format_version": JSON_FORMAT_VERSION,
        "app_version": APP_VERSION,
        "exported_at": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "council_name": council_name,
        "labels": tables.iter().map(|t| (t.key.clone(), t.label.clone())).collect::<std::collections::BTreeMap<_, _>>(),
        "tables": records_by_table,
    });
    serde_json::to_vec_pretty(&doc).map_err(write_failed)
}

/// The workbook of `tables`: a sheet per table, named with its Japanese label, headers in bold, the
/// header row frozen, dates as Excel dates.
pub fn workbook(tables: &[ValueTable]) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.label.ja).map_err(write_failed)?;
        write_table(sheet, 0, &t.headers(), &t.cells(true)).map_err(write_failed)?;
        sheet.set_freeze_panes(1, 0).map_err(write_failed)?;
    }
    book.save_to_buffer().map_err(write_failed)
}

/// Exports every table in `format` to `out`: a new file for JSON and xlsx, a new or empty folder for
/// CSV. Nothing existing is overwritten.
pub fn export(conn: &Connection, format: OpenDataFormat, out: &Path, now: DateTime<Utc>) -> Result<OpenDataExport> {
    let profile = council::require(conn)?;
    let data: Vec<ValueTable> =
        TABLES.iter().map(|t| Ok(ValueTable::from_export(t, read_rows(conn, t)?))).collect::<Result<_>>()?;
    let files = match format {
        OpenDataFormat::Json => {
            refuse_existing(out)?;
            backup::write_whole(out, &json_document(&profile.name, &data, now)?)?;
            vec![out.display().to_string()]
        }
        OpenDataFormat::Xlsx => {
            refuse_existing(out)?;
            backup::write_whole(out, &workbook(&data)?)?;
            vec![out.display().to_string()]
        }
        OpenDataFormat::Csv => {
            if fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
                return Err(Error::Conflict(Text::new(
                    format!(
                        "フォルダ {} は空ではありません。上書きはしません。空のフォルダか新しい名前を指定してください。",
                        out.display()
                    ),
                    format!(
                        "The folder {} is not empty and will not be overwritten. Choose an empty or new folder.",
                        out.display()
                    ),
                )));
            }
            fs::create_dir_all(out)?;
            let mut files = Vec::new();
            for t in &data {
                let bytes = csv_bytes(&t.headers(), &t.cells(false), ExportEncoding::Utf8)?;
                let file = out.join(format!("{}.csv", t.key));
                backup::write_whole(&file, &bytes)?;
                files.push(file.display().to_string());
            }
            files
        }
    };
    Ok(OpenDataExport {
        path: out.display().to_string(),
        format,
        tables: data
            .iter()
            .map(|t| ExportedTable { key: t.key.clone(), label: t.label.clone(), rows: t.rows.len() as u32 })
            .collect(),
        files,
    })
}

fn refuse_existing(out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::Conflict(Text::new(
            format!("{} は既にあります。上書きはしません。別の名前を指定してください。", out.display()),
            format!("{} already exists and will not be overwritten. Choose another name.", out.display()),
        )));
    }
    Ok(())
}

/// Exports every table to `out` (see [`export`]) and records it in the change history: personal data
/// leaves the PC.
pub fn export_recorded(
    session: &council_domain::Session,
    format: OpenDataFormat,
    out: &Path,
) -> Result<OpenDataExport> {
    let export = session.read(|r| export(r, format, out, r.now()))?;
    let summary = format!("全データを書き出し（{}）", export.path);
    let details = serde_json::json!({ "format": format, "tables": export.tables.len() });
    session.write(|w| council_domain::folder::record_export(w, "open_data_export", &export.path, summary, details))?;
    Ok(export)
}
#[cfg(test)]
mod tests {
    use super::*;
    use council_store::store::Store;

    #[test]
    fn every_database_table_is_exported_once() {
        let store = Store::open_in_memory().expect("open");
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .expect("prepare");
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("name"))
            .filter(|name: &String| !NOT_COUNCIL_DATA.contains(&name.as_str()))
            .collect();
        let mut sources: Vec<&str> = TABLES.iter().map(|t| t.source).collect();
        sources.sort();
        assert_eq!(sources, tables, "each table a migration makes needs one entry in its aggregate's EXPORT");
    }

    #[test]
    fn every_query_matches_its_columns_and_sheet_names_are_valid() {
        let store = Store::open_in_memory().expect("open");
        for t in TABLES.iter() {
            let stmt = store.conn().prepare(t.sql).unwrap_or_else(|e| panic!("{}: {e}", t.key));
            assert_eq!(stmt.column_count(), t.columns.len(), "{}: one header per column of the query", t.key);
            assert!(t.label_ja.chars().count() <= 31, "{}: Excel sheet names hold 31 characters", t.key);
            assert!(
                !t.label_ja.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{}: not allowed in sheet names",
                t.key
            );
        }
    }
}
