//! Roster import and export: the council's existing Excel (.xlsx) or CSV roster (UTF-8, or Shift_JIS /
//! CP932 as Japanese Excel writes it) in, and the roster out as .xlsx or CSV.
//!
//! This module owns the file side of the roster: reading a table from the bytes of a file
//! ([`read_table`]), mapping its columns to roster fields ([`guess_mapping`]), the preview that lists
//! every problem row with its spreadsheet row number before anything is written ([`preview_import`]),
//! the all-or-nothing import ([`import_roster`]), and the export ([`export_roster`]). Households,
//! persons and blocks themselves stay with [`council_domain::members`]: the import creates them through
//! [`council_domain::members::create_household`] and [`council_domain::members::create_block`], so every record it
//! writes is validated and audited like one entered by hand.
//!
//! The API is byte-based: the window reads the chosen file and sends its bytes; nothing here opens a
//! path.

mod export;
mod fields;
mod import;
mod table;

pub(crate) use export::{Cell, csv_bytes, write_failed, write_table};
pub use export::{ExportEncoding, ExportFile, ExportFormat, ExportScope, SavedExport, export_roster};
pub use fields::{FieldChoice, RosterField, guess_mapping};
pub use import::{
    DuplicateRow, ImportOptions, ImportPreview, ImportRow, ImportSummary, OnDuplicate, RowProblem, import_roster,
    preview_import, refusal,
};
pub(crate) use table::cell_text;
pub use table::{Encoding, RawRow, RawTable, SourceFormat, read_table, read_table_with};

/// Reads a roster file (its bytes, as the window read them) and shows what importing it would do: the
/// column mapping (guessed from the headers unless `mapping` is given), counts, new blocks, every
/// problem with its row number, and duplicates. Writes nothing.
pub fn preview_file(
    conn: &rusqlite::Connection,
    bytes: &[u8],
    file_name: &str,
    encoding: Encoding,
    mapping: Option<Vec<RosterField>>,
    today: chrono::NaiveDate,
) -> council_domain::Result<ImportPreview> {
    let table = read_table(bytes, file_name, encoding)?;
    let mapping = mapping.unwrap_or_else(|| guess_mapping(&table.headers));
    preview_import(conn, &table, &mapping, today)
}

/// Imports a roster file all-or-nothing: refused with every problem row (and nothing written) while
/// the preview shows any problem, or any duplicate unless `on_duplicate` is `Skip`. A file that will
/// be imported is a risky bulk change, so the data is backed up first.
pub fn import_file(
    session: &council_domain::Session,
    bytes: &[u8],
    file_name: &str,
    encoding: Encoding,
    mapping: Option<Vec<RosterField>>,
    on_duplicate: OnDuplicate,
) -> council_domain::Result<ImportSummary> {
    let table = read_table(bytes, file_name, encoding)?;
    let mapping = mapping.unwrap_or_else(|| guess_mapping(&table.headers));
    // A file that would be refused changes nothing and needs no safety copy.
    session.read(|r| {
        council_domain::council::require(r)?;
        match refusal(&preview_import(r, &table, &mapping, r.today())?, on_duplicate) {
            Some(refused) => Err(refused),
            None => Ok(()),
        }
    })?;
    session.backup_now(council_store::backup::BackupReason::BeforeImport)?;
    session.write(|w| import_roster(w, &table, &mapping, ImportOptions { on_duplicate }))
}

/// Exports the member roster (`encoding` applies to CSV). The export is recorded in the change
/// history, since a roster leaving the PC is personal information leaving it.
pub fn export_file(
    session: &council_domain::Session,
    format: ExportFormat,
    encoding: ExportEncoding,
    scope: ExportScope,
) -> council_domain::Result<ExportFile> {
    session.write(|w| {
        let c = council_domain::council::require(w)?;
        let file = export_roster(w, format, encoding, scope, &c.name, w.today())?;
        let summary = format!("名簿「{}」を書き出し（{}行）", file.file_name, file.rows);
        let details = serde_json::json!({ "format": format, "encoding": encoding, "scope": scope, "rows": file.rows });
        council_domain::folder::record_export(w, "roster_export", &file.file_name, summary, details)?;
        Ok(file)
    })
}
