//! What the store asks of the domain about the data it keeps. The store creates every table (its
//! migrations) and copies, checks and swaps whole files, but the meaning of the rows — which council
//! the data belongs to, what counts as a member household, who is at the keyboard — is the domain's,
//! which answers through [`DataModel`].

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_base::text::Text;

use crate::error::Result;

/// The council a database holds, as a backup's preview and a hand-over name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilName {
    /// The council's name.
    pub name: String,
    /// True for the demo council.
    pub is_demo: bool,
}

/// A count of one kind of record, for `council info`, Settings and a backup's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordCount {
    /// Stable key (`audit_entries`, `households`, …).
    pub key: String,
    /// What is counted, in both languages.
    pub label: Text,
    /// How many.
    pub count: i64,
}

/// The domain's answers about a council database (the live one, a backup, a hand-over's).
pub trait DataModel: Send + Sync + std::fmt::Debug {
    /// The council the data holds; `None` before one is set up.
    fn council(&self, conn: &Connection) -> Result<Option<CouncilName>>;
    /// The record counts a person checks a backup by.
    fn counts(&self, conn: &Connection) -> Result<Vec<RecordCount>>;
    /// The name recorded with every change (the operator set in Settings).
    fn operator(&self, conn: &Connection) -> Result<String>;
    /// The attached files the data refers to, by their SHA-256 (every one must be in `attachments/`).
    fn attachments(&self, conn: &Connection) -> Result<Vec<String>>;
}
