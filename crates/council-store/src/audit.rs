//! The write half of the audit log: every committed write records who changed what, when, from what
//! to what, inside its own transaction ([`crate::session::Write::record`]), so a change and its log
//! entry commit together or not at all. Reading the history is the domain's (`council_domain::audit`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// Name recorded when no operator name has been set in Settings.
pub const UNNAMED_OPERATOR: &str = "(未設定)";

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A record was created.
    Create,
    /// A record was changed.
    Update,
    /// A record was deleted (its last state is kept in `before`).
    Delete,
    /// A deleted record was brought back.
    Restore,
}

impl AuditAction {
    /// The word stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Restore => "restore",
        }
    }

    /// The action a stored word names.
    pub fn parse(s: &str) -> Self {
        match s {
            "create" => AuditAction::Create,
            "delete" => AuditAction::Delete,
            "restore" => AuditAction::Restore,
            _ => AuditAction::Update,
        }
    }
}

/// One change about to be recorded.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The aggregate (`council`, `household`, …).
    pub entity: &'a str,
    /// The record's ID.
    pub entity_id: &'a str,
    /// What happened.
    pub action: AuditAction,
    /// One line a person can read ("会長を山田太郎に変更").
    pub summary: String,
    /// The record before the change (JSON), if it existed.
    pub before: Option<serde_json::Value>,
    /// The record after the change (JSON), if it still exists.
    pub after: Option<serde_json::Value>,
}

/// Appends `change` to the log on `conn`, which must be inside the write's transaction.
pub(crate) fn append(conn: &Connection, at: DateTime<Utc>, actor: &str, change: Change<'_>) -> Result<()> {
    let actor = if actor.trim().is_empty() { UNNAMED_OPERATOR } else { actor.trim() };
    conn.execute(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, summary, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            actor,
            change.entity,
            change.entity_id,
            change.action.as_str(),
            change.summary,
            change.before.map(|v| v.to_string()),
            change.after.map(|v| v.to_string()),
        ],
    )?;
    Ok(())
}
