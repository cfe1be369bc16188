//! Capturing each write as a change record, once the council is shared between PCs.
//!
//! The write context ([`crate::store::Store::write_as`]) opens a SQLite session on the shared tables
//! before a use case runs and, when it succeeds, keeps what it changed as one changeset in
//! `sync_log`, in the same transaction: a change and its record commit together or not at all. The
//! record carries this PC's device, the next number in its sequence, a hybrid logical clock, the
//! schema version and the history lines the use case wrote. Shipping, verifying and applying records
//! belong to the sharing crate; here is only what every write must do.

use chrono::{DateTime, Utc};
use rusqlite::session::Session;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// Tables that stay on this PC: its history, its data version, its preferences and the sharing's own
/// bookkeeping. Every other table is shared.
pub const LOCAL_TABLES: &[&str] =
    &["audit_log", "content_version", "local_setting", "sync_state", "sync_log", "sync_conflict", "sync_touch"];

/// Whether changes to `table` travel to the other PCs.
pub fn is_shared(table: &str) -> bool {
    !LOCAL_TABLES.contains(&table) && !table.starts_with("sqlite_")
}

/// This PC's device in the sharing, if the council is shared.
pub fn device(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT device_id FROM sync_state")?.query_row([], |r| r.get(0)).optional()?)
}

/// This PC's series of dues-receipt numbers: 0 on a council that is not shared (第0123号), else the
/// number the chair's PC gave this PC when it joined (第2-0015号), so no two PCs hand out one number.
pub fn receipt_series(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT d.series FROM sync_state s JOIN sync_device d ON d.id = s.device_id")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The next tick of the hybrid logical clock at `now`: milliseconds in the upper bits, a counter in
/// the lower 16, always above every clock seen before (this PC's and the records received).
pub fn tick(conn: &Connection, now: DateTime<Utc>) -> Result<i64> {
    let last: i64 = conn.query_row("SELECT clock FROM sync_state", [], |r| r.get(0))?;
    let physical = now.timestamp_millis().max(0) << 16;
    let next = physical.max(last + 1);
    conn.execute("UPDATE sync_state SET clock = ?1", params![next])?;
    Ok(next)
}

/// A rule every captured write must pass before it commits (the sharing's roles): given the
/// connection inside the write, this PC's device and the changeset, why the write may not be made.
pub type Guard = fn(&Connection, &str, &[u8]) -> Option<council_base::Text>;

static GUARD: std::sync::OnceLock<Guard> = std::sync::OnceLock::new();

/// Installs the rule every captured write must pass (once per process; the sharing installs its
/// roles here, so that a PC cannot make a change the other PCs would refuse).
pub fn set_guard(guard: Guard) {
    let _ = GUARD.set(guard);
}

/// A write being captured: the session on the shared tables and where the history stood before it.
pub(crate) struct Capture<'c> {
    session: Session<'c>,
    history_from: i64,
    device: String,
}

impl<'c> Capture<'c> {
    /// Starts capturing on `conn` if the council is shared.
    pub(crate) fn begin(conn: &'c Connection) -> Result<Option<Self>> {
        let Some(device) = device(conn)? else { return Ok(None) };
        let mut session = Session::new(conn)?;
        session.table_filter(Some(|table: &str| is_shared(table)));
        session.attach(None::<&str>)?;
        let history_from =
            conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM audit_log")?.query_row([], |r| r.get(0))?;
        Ok(Some(Self { session, history_from, device }))
    }

    /// Keeps what the write changed as this PC's next record (nothing when it changed no shared row).
    pub(crate) fn finish(mut self, conn: &Connection, now: DateTime<Utc>, actor: &str) -> Result<()> {
        if self.session.is_empty() {
            return Ok(());
        }
        let mut changeset = Vec::new();
        self.session.changeset_strm(&mut changeset)?;
        drop(self.session);
        if changeset.is_empty() {
            return Ok(());
        }
        let device = self.device;
        if let Some(why) = GUARD.get().and_then(|guard| guard(conn, &device, &changeset)) {
            return Err(crate::Error::Locked(why));
        }
        let history = history_since(conn, self.history_from)?;
        // The next number and the next tick of the clock, in one step.
        let (seq, clock): (i64, i64) = conn
            .prepare_cached(
                "UPDATE sync_state SET next_seq = next_seq + 1, clock = max(clock + 1, ?1)
                 RETURNING next_seq - 1, clock",
            )?
            .query_row(params![now.timestamp_millis().max(0) << 16], |r| Ok((r.get(0)?, r.get(1)?)))?;
        // Its undo is the changeset inverted, worked out only if a late record ever needs it
        // (`undo` NULL with a changeset).
        conn.prepare_cached(
            "INSERT INTO sync_log (device, seq, clock, officer, schema, changeset, history_json, state, sent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'applied', 0)",
        )?
        .execute(params![device, seq, clock, actor, crate::store::latest_version(), changeset, history])?;
        Ok(())
    }
}

/// The history lines written after `from`, as the record carries them to the other PCs.
fn history_since(conn: &Connection, from: i64) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity, entity_id, action, summary, before_json, after_json FROM audit_log WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![from], |r| {
            Ok(serde_json::json!({
                "entity": r.get::<_, String>(0)?,
                "entity_id": r.get::<_, String>(1)?,
                "action": r.get::<_, String>(2)?,
                "summary": r.get::<_, String>(3)?,
                "before": r.get::<_, Option<String>>(4)?,
                "after": r.get::<_, Option<String>>(5)?,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(serde_json::Value::Array(rows).to_string())
}

/// A hash of every shared table's content (rows in a fixed order), the roster's personal details
/// left out ([`crate::personal`]): the same on every PC once all have synced, whatever order they
/// did it in and whatever their officers' roles.
pub fn content_hash(conn: &Connection) -> Result<String> {
    hash_content(conn, false)
}

/// [`content_hash`] with the roster's personal details in: the same on every PC whose officer keeps
/// the roster.
pub fn whole_content_hash(conn: &Connection) -> Result<String> {
    hash_content(conn, true)
}

fn hash_content(conn: &Connection, whole: bool) -> Result<String> {
    use rusqlite::types::{Value, ValueRef};
    use sha2::{Digest, Sha256};
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut hash = Sha256::new();
    for table in tables.iter().filter(|t| is_shared(t)) {
        let columns: Vec<String> = {
            let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
            stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let n = columns.len();
        let blanked: Vec<bool> = columns.iter().map(|c| !whole && crate::personal::is_personal(table, c)).collect();
        let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {}", order.join(", ")))?;
        hash.update(table.as_bytes());
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..n {
                let kept;
                let value = match blanked[i] {
                    true => {
                        kept = crate::personal::blank(table, &columns[i], &row.get::<_, Value>(i)?);
                        ValueRef::from(&kept)
                    }
                    false => row.get_ref(i)?,
                };
                match value {
                    ValueRef::Null => hash.update([0u8]),
                    ValueRef::Integer(v) => {
                        hash.update([1u8]);
                        hash.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        hash.update([2u8]);
                        hash.update(v.to_le_bytes());
                    }
                    ValueRef::Text(t) => {
                        hash.update([3u8]);
                        hash.update((t.len() as u64).to_le_bytes());
                        hash.update(t);
                    }
                    ValueRef::Blob(b) => {
                        hash.update([4u8]);
                        hash.update((b.len() as u64).to_le_bytes());
                        hash.update(b);
                    }
                }
            }
        }
    }
    Ok(hex::encode(hash.finalize()))
}
