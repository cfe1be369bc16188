//! How a table is exported as open data (every table of the council in plain formats, so the council
//! is never locked in to this app): its key, labels, query and columns with their Japanese headers.
//! Each aggregate declares its own tables (`EXPORT`) beside the SQL that maps their rows;
//! `council_io::open_data` writes them.

/// How a column's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text as stored.
    Text,
    /// A whole number (yen, a year, a count).
    Integer,
    /// A calendar date stored as `YYYY-MM-DD`: an Excel date in a workbook, ISO text elsewhere.
    Date,
    /// A flag stored as 0/1.
    Bool,
    /// JSON text (the change history's before/after): nested JSON in the JSON export, text elsewhere.
    Json,
}

/// One column of an exported table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its key in the JSON records.
    pub key: &'static str,
    /// Its header in the workbook and the CSV files.
    pub header: &'static str,
    /// How its values are written.
    pub kind: ColumnKind,
}

/// A column: its JSON key, its header, its kind.
pub const fn col(key: &'static str, header: &'static str, kind: ColumnKind) -> Column {
    Column { key, header, kind }
}

/// One table of the export: its query yields the columns in order.
#[derive(Debug, Clone, Copy)]
pub struct TableExport {
    /// Stable key.
    pub key: &'static str,
    /// The database table it exports (every row of it, one record each).
    pub source: &'static str,
    /// Japanese label (the sheet's name: at most 31 characters, none of `[]:*?/\`).
    pub label_ja: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// The query.
    pub sql: &'static str,
    /// The columns, in the query's order.
    pub columns: &'static [Column],
}
