//! Roster import and export: the council's existing Excel (.xlsx) or CSV roster (UTF-8, or Shift_JIS /
//! CP932 as Japanese Excel writes it) in, and the roster out as .xlsx or CSV.
//!
//! This module owns the file side of the roster: reading a table from the bytes of a file
//! ([`read_table`]), mapping its columns to roster fields ([`guess_mapping`]), the preview that lists
//! every problem row with its spreadsheet row number before anything is written ([`preview_import`]),
//! the all-or-nothing import ([`import_roster`]), and the export ([`export_roster`]). Households,
//! persons and blocks themselves stay with [`crate::members`]: the import creates them through
//! [`crate::members::create_household`] and [`crate::members::create_block`], so every record it
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
pub use table::{Encoding, RawRow, RawTable, SourceFormat, read_table};
