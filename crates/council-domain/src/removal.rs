//! Taking a record out with everything that goes with it, and bringing it back whole: the rows
//! `ON DELETE CASCADE` removes and the links `ON DELETE SET NULL` clears are read before the delete
//! (from the schema's own foreign keys, so a new table that hangs from a record is covered without
//! a line here) and kept in the history entry of the deletion. A leaf: the aggregates use it, and
//! 「削除した記録」 ([`crate::deleted`]) lists and restores through them.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::Write;
use crate::audit::{self, AuditAction, Change};
use crate::error::{Error, Result};
use crate::text::Text;

/// A record and everything its deletion takes with it — the rows `ON DELETE CASCADE` removes, and the
/// links `ON DELETE SET NULL` clears — as they were just before, so that it can be brought back whole
/// (kept in the history entry of the deletion).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// The rows, each parent before its children: table and column values.
    pub rows: Vec<(String, BTreeMap<String, serde_json::Value>)>,
    /// The links cleared: table, key column, key, linking column, the value it had.
    pub links: Vec<(String, String, serde_json::Value, String, serde_json::Value)>,
    /// Rows that only point at the record (no rule on delete), to delete before it: table, column,
    /// value.
    #[serde(default)]
    pub pointing: Vec<(String, String, serde_json::Value)>,
}

impl Removed {
    /// How many rows of each table besides the record itself (for 「施策2件、事業5件…も削除されます」).
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for (table, _) in self.rows.iter().skip(1) {
            *counts.entry(table.clone()).or_insert(0) += 1;
        }
        counts
    }
}

/// A table's references from other tables: (child table, child column, parent column, on delete).
fn references_to(conn: &Connection, parent: &str) -> Result<Vec<(String, String, String, String)>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for table in tables {
        let mut stmt =
            conn.prepare("SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1)")?;
        let refs: Vec<(String, String, Option<String>, String)> = stmt
            .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (to_table, from, to, on_delete) in refs {
            if to_table == parent {
                out.push((table.clone(), from, to.unwrap_or_else(|| "id".to_owned()), on_delete.to_ascii_uppercase()));
            }
        }
    }
    Ok(out)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn to_json(v: Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => serde_json::json!(f),
        Value::Text(t) => t.into(),
        Value::Blob(b) => serde_json::json!({ "blob": b }),
    }
}

fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => {
            n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or_default()), Value::Integer)
        }
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => Value::Blob(
            o.get("blob")
                .and_then(|b| b.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_u64().and_then(|x| u8::try_from(x).ok())).collect())
                .unwrap_or_default(),
        ),
        serde_json::Value::Array(_) => Value::Null,
    }
}

/// The rows of `table` whose `column` is `value`.
fn rows_where(
    conn: &Connection,
    table: &str,
    column: &str,
    value: &Value,
) -> Result<Vec<BTreeMap<String, serde_json::Value>>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {} WHERE {} = ?1", quote(table), quote(column)))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let rows = stmt
        .query_map([value], |r| {
            let mut row = BTreeMap::new();
            for (i, name) in names.iter().enumerate() {
                row.insert(name.clone(), to_json(r.get::<_, Value>(i)?));
            }
            Ok(row)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The primary key column of `table` (its first; `rowid` when it has none).
fn key_column(conn: &Connection, table: &str) -> Result<String> {
    let key: Option<String> =
        conn.query_row("SELECT name FROM pragma_table_info(?1) WHERE pk = 1", [table], |r| r.get(0)).ok();
    Ok(key.unwrap_or_else(|| "rowid".to_owned()))
}

/// Everything deleting `table`'s row `key` (in column `column`) will take with it, read before the
/// deletion.
pub fn capture(conn: &Connection, table: &str, column: &str, key: &str) -> Result<Removed> {
    capture_with(conn, table, column, key, false)
}

/// [`capture`], and with `pointing`, the rows that only point at the record (no rule on delete: they
/// would stop its deletion) taken too, as if they cascaded.
fn capture_with(conn: &Connection, table: &str, column: &str, key: &str, pointing: bool) -> Result<Removed> {
    let mut removed = Removed::default();
    let mut queue: Vec<(String, BTreeMap<String, serde_json::Value>)> =
        rows_where(conn, table, column, &Value::Text(key.to_owned()))?
            .into_iter()
            .map(|r| (table.to_owned(), r))
            .collect();
    let mut refs: BTreeMap<String, Vec<(String, String, String, String)>> = BTreeMap::new();
    let mut i = 0;
    while i < queue.len() {
        let (parent, row) = queue[i].clone();
        i += 1;
        if removed.rows.iter().any(|(t, r)| *t == parent && *r == row) {
            continue;
        }
        removed.rows.push((parent.clone(), row.clone()));
        if !refs.contains_key(&parent) {
            refs.insert(parent.clone(), references_to(conn, &parent)?);
        }
        for (child, from, to, on_delete) in refs[&parent].clone() {
            let Some(value) = row.get(&to).map(from_json) else { continue };
            let children = rows_where(conn, &child, &from, &value)?;
            match on_delete.as_str() {
                "CASCADE" => queue.extend(children.into_iter().map(|r| (child.clone(), r))),
                "NO ACTION" | "RESTRICT" if pointing && !children.is_empty() => {
                    removed.pointing.push((child.clone(), from.clone(), to_json(value.clone())));
                    queue.extend(children.into_iter().map(|r| (child.clone(), r)));
                }
                "SET NULL" => {
                    let key = key_column(conn, &child)?;
                    for r in children {
                        let k = r.get(&key).cloned().unwrap_or(serde_json::Value::Null);
                        removed.links.push((child.clone(), key.clone(), k, from.clone(), to_json(value.clone())));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(removed)
}

/// Brings back what [`capture`] read: every row as it was (parents first), then the links the
/// deletion cleared, where they are still empty. Refused, changing nothing, when a row is back
/// already or the record it hangs from is gone.
pub fn put_back(w: &Write<'_>, removed: &Removed) -> Result<()> {
    for (table, row) in &removed.rows {
        let names: Vec<String> = row.keys().map(|c| quote(c)).collect();
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let values: Vec<Value> = row.values().map(from_json).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(table), names.join(", "), marks.join(", "));
        w.execute(&sql, params_from_iter(values.iter())).map_err(|_| {
            Error::Conflict(Text::new(
                "元に戻せませんでした。すでに戻されているか、上の階層（基本方針や施策など）が削除されています。先にそちらを元に戻してください。",
                "It could not be brought back: it is back already, or what it belongs to was deleted since. Bring that back first.",
            ))
        })?;
    }
    for (table, key_column, key, column, value) in &removed.links {
        w.execute(
            &format!(
                "UPDATE {} SET {} = ?1 WHERE {} = ?2 AND {} IS NULL",
                quote(table),
                quote(column),
                quote(key_column),
                quote(column)
            ),
            [from_json(value), from_json(key)],
        )?;
    }
    Ok(())
}

/// Takes `table`'s row `id` out with everything that goes with it (what cascades, and the rows that
/// only point at it), keeping all of it in the history entry of the deletion so that
/// [`restore_removed`] brings it back whole. `summary` makes the history's line from what goes
/// (「施策「防災」を削除（事業3件も）」).
pub fn remove(
    w: &Write<'_>,
    table: &str,
    id: &str,
    name: &str,
    summary: impl FnOnce(&Removed) -> String,
) -> Result<Removed> {
    let removed = capture_with(w, table, "id", id, true)?;
    let summary = summary(&removed);
    for (t, column, value) in &removed.pointing {
        w.execute(&format!("DELETE FROM {} WHERE {} = ?1", quote(t), quote(column)), [from_json(value)])?;
    }
    w.execute(&format!("DELETE FROM {} WHERE id = ?1", quote(table)), [id])?;
    w.record(Change {
        entity: table,
        entity_id: id,
        action: AuditAction::Delete,
        summary,
        before: Some(serde_json::json!({ "name": name, "removed": removed })),
        after: None,
    })?;
    Ok(removed)
}

/// Brings back what [`remove`] (or a plan node's deletion) took out at history entry `seq`, whole.
/// Refused, changing nothing, when the deletion was made before deletions could be undone, when it
/// is back already, or when what it belongs to is gone.
pub fn restore_removed(w: &Write<'_>, seq: i64, table: &str) -> Result<Removed> {
    let state = audit::deleted_state(w, seq, table)?;
    let removed: Removed =
        state.get("removed").cloned().and_then(|r| serde_json::from_value(r).ok()).ok_or_else(|| {
            Error::NotFound(Text::new(
                "この削除は、元に戻せるようになる前のものです（名前だけが記録されています）。",
                "This deletion was made before deletions could be undone (only the name was kept).",
            ))
        })?;
    put_back(w, &removed)?;
    let id = removed.rows.first().and_then(|(_, r)| r.get("id")).and_then(|v| v.as_str()).unwrap_or_default();
    let name = state.get("name").and_then(|v| v.as_str()).unwrap_or_default();
    w.record(Change {
        entity: table,
        entity_id: id,
        action: AuditAction::Restore,
        summary: format!("「{name}」を元に戻す"),
        before: None,
        after: None,
    })?;
    Ok(removed)
}

/// The column `column` of the record [`remove`] took out at history entry `seq` (to check where it
/// goes back before bringing it back).
pub fn removed_field(w: &Write<'_>, seq: i64, table: &str, column: &str) -> Result<Option<String>> {
    let state = audit::deleted_state(w, seq, table)?;
    Ok(state.pointer("/removed/rows/0/1").and_then(|row| row.get(column)).and_then(|v| v.as_str()).map(str::to_owned))
}
