//! The audit log's history: who changed what, when, from what to what, as the history views and
//! 「削除した記録」 read it. Every write records its entries through the write context
//! ([`crate::Write::record`]), inside its own transaction.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use council_store::audit::{AuditAction, Change, UNNAMED_OPERATOR};

use crate::error::Result;
use crate::export::ColumnKind::{Integer, Json, Text as Str};
use crate::export::{TableExport, col};

/// One recorded change, as the history view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    /// Order of recording on this database.
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// The operator's name.
    pub actor: String,
    /// The aggregate.
    pub entity: String,
    /// The record's ID.
    pub entity_id: String,
    /// What happened.
    pub action: AuditAction,
    /// One readable line.
    pub summary: String,
    /// The record before, as JSON text.
    pub before: Option<String>,
    /// The record after, as JSON text.
    pub after: Option<String>,
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: AuditAction::parse(&r.get::<_, String>(5)?),
        summary: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
    })
}

const COLUMNS: &str = "seq, at, actor, entity, entity_id, action, summary, before_json, after_json";

/// The history of one record, oldest first.
pub fn for_record(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq"))?;
    let rows = stmt.query_map(params![entity, entity_id], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest `limit` changes, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?1"))?;
    let rows = stmt.query_map(params![limit], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many changes are recorded.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
}

/// Deletions of `entity` records not brought back since, newest first (what the history offers to restore).
pub fn deletions(conn: &Connection, entity: &str, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log d
         WHERE d.entity = ?1 AND d.action = 'delete'
           AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.entity = d.entity AND r.entity_id = d.entity_id
                           AND r.action = 'restore' AND r.seq > d.seq)
         ORDER BY d.seq DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![entity, limit], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The history entry of the latest deletion of `entity` `id` (to undo it).
pub fn last_deletion(tx: &Transaction<'_>, entity: &str, id: &str) -> Result<i64> {
    Ok(tx
        .query_row(
            "SELECT max(seq) FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND action = 'delete'",
            params![entity, id],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or_default())
}

/// The state a record had when it was deleted at entry `seq` (its `before` JSON), for bringing it back.
pub fn deleted_state(tx: &Transaction<'_>, seq: i64, entity: &str) -> Result<serde_json::Value> {
    let not_found = || {
        crate::error::Error::NotFound(crate::text::Text::new(
            "元に戻せる削除の記録が見つかりません。変更の記録を開き直してください。",
            "No deletion to undo was found there. Reopen the change history.",
        ))
    };
    let before: Option<String> = tx
        .query_row(
            "SELECT before_json FROM audit_log WHERE seq = ?1 AND entity = ?2 AND action = 'delete'",
            params![seq, entity],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    serde_json::from_str(&before.ok_or_else(not_found)?).map_err(|_| not_found())
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "audit_log",
    source: "audit_log",
    label_ja: "変更履歴",
    label_en: "Change history",
    sql: "SELECT seq, at, actor, entity, entity_id, action, summary, before_json, after_json FROM audit_log
              ORDER BY seq",
    columns: &[
        col("seq", "番号", Integer),
        col("at", "日時", Str),
        col("actor", "操作者", Str),
        col("entity", "対象", Str),
        col("entity_id", "対象ID", Str),
        col("action", "操作", Str),
        col("summary", "内容", Str),
        col("before", "変更前", Json),
        col("after", "変更後", Json),
    ],
}];
