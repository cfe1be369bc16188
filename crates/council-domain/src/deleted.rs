//! 「削除した記録」: records deleted by mistake that can still be brought back whole, from the state
//! the audit log kept when they were deleted. Each aggregate restores its own records; this lists
//! them together and sends a restore to the aggregate that owns the record.

use rusqlite::Connection;

use crate::audit::{self, AuditEntry};
use crate::error::Result;
use crate::{Write, grants, meetings, members, officers, plan};

/// The kinds of record that can be brought back from here.
const RESTORABLE: [&str; 9] = [
    "household",
    "officer_term",
    "plan_policy",
    "plan_measure",
    "plan_action",
    "plan_indicator",
    "agenda_item",
    "grant_expense",
    "partner",
];

/// Deleted records that can still be brought back (households, officers' terms, the plan's policies,
/// measures, actions and indicators, agenda items, grant expenses, partners), newest first.
pub fn list(conn: &Connection) -> Result<Vec<AuditEntry>> {
    let mut list = Vec::new();
    for entity in RESTORABLE {
        list.extend(audit::deletions(conn, entity, 50)?);
    }
    list.sort_by_key(|e| std::cmp::Reverse(e.seq));
    Ok(list)
}

/// Brings back the record deleted at history entry `seq` (a household or an officer's term).
pub fn restore(w: &Write<'_>, seq: i64) -> Result<()> {
    let entity: Option<String> = w.query_row("SELECT entity FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).ok();
    match entity.as_deref() {
        Some("officer_term") => officers::restore(w, seq).map(drop),
        Some(e @ ("plan_policy" | "plan_measure" | "plan_action" | "plan_indicator")) => plan::restore_node(w, seq, e),
        Some("agenda_item") => meetings::restore_item(w, seq).map(drop),
        Some("grant_expense") => grants::expenses::restore(w, seq).map(drop),
        Some("partner") => crate::removal::restore_removed(w, seq, "partner").map(drop),
        _ => members::restore_household(w, seq).map(drop),
    }
}
