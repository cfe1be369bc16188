//! Putting records in their place: every PC applies every record in the same order — by hybrid
//! logical clock, then device — so that after all have synced, all hold the same data.
//!
//! A record that arrives late (its clock is before records already applied) is put in its place:
//! the records after it are undone, newest first, with the exact inverse of what applying them did
//! (kept in `sync_log.undo`), then all are applied again in order. Everything happens in one
//! transaction, so a PC killed while applying starts again from where it was.
//!
//! Applying follows fixed rules, the same on every PC:
//! - the same field changed on two PCs: the later change is kept, the other value is listed;
//! - a change to a row another PC deleted: the row is brought back and listed; a deletion of a row
//!   another PC changed meanwhile: the row is kept and listed;
//! - money is only ever added: two PCs recording the same household's dues are both kept, and
//!   flagged as a possible double entry;
//! - a record beyond its author's role, from an unknown or revoked PC, or changing a signed minute,
//!   is refused and listed; a record from a newer app waits (with everything after it) until this
//!   app is updated.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::session::{ConflictAction, ConflictType, Session};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension as _, params};

use council_store::capture::is_shared;

use crate::changes::{self, Op, RowChange};
use crate::error::{Error, Result};
use crate::keys;
use crate::roles::{self, Author, Role};

/// A record's place in the order every PC applies records in.
pub type Key = (i64, String);

/// What one round of applying did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Records applied for the first time.
    pub applied: usize,
    /// Records refused (their reasons are in the conflict list).
    pub refused: usize,
    /// Records waiting for a newer app.
    pub waiting: usize,
    /// New entries in the conflict list.
    pub conflicts: usize,
}

/// A row of `sync_log`, as the engine needs it.
#[derive(Debug, Clone)]
struct Entry {
    device: String,
    seq: i64,
    clock: i64,
    officer: String,
    schema: i64,
    changeset: Vec<u8>,
    history: String,
    header: Option<Vec<u8>>,
    signature: Option<Vec<u8>>,
    state: String,
}

/// A conflict met while applying one changeset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The row's values were not those the record expected.
    Data,
    /// The row was not there.
    NotFound,
    /// A row with that key already existed.
    Conflict,
    /// The change breaks a rule of the data.
    Constraint,
    /// The record could not be applied at all.
    Failed,
    /// A deletion went ahead over a row changed elsewhere only in the roster's personal details.
    DeletedOverDetails,
}

fn kind_of(t: &ConflictType) -> Kind {
    match t {
        ConflictType::SQLITE_CHANGESET_DATA => Kind::Data,
        ConflictType::SQLITE_CHANGESET_NOTFOUND => Kind::NotFound,
        ConflictType::SQLITE_CHANGESET_CONFLICT => Kind::Conflict,
        ConflictType::SQLITE_CHANGESET_CONSTRAINT => Kind::Constraint,
        _ => Kind::Failed,
    }
}

#[derive(Debug, Clone)]
struct Met {
    kind: Kind,
    change: RowChange,
    current: Vec<Option<Value>>,
}

/// Applies every record not applied yet (new ones just stored, and any that waited for this app),
/// putting each in its place in the order. `fresh` are the keys of records received in this round
/// (their history lines are added to this PC's history once).
pub fn integrate(
    tx: &Connection,
    own_device: &str,
    fresh: &[Key],
    schema: i64,
    personal: Option<&crate::personal::Opener>,
) -> Result<Applied> {
    index_touches(tx)?;
    let pending: Vec<Key> = {
        let mut stmt =
            tx.prepare("SELECT clock, device FROM sync_log WHERE state = 'waiting' ORDER BY clock, device")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let Some(first) = pending.first().cloned() else { return Ok(Applied::default()) };
    // Undo, newest first, every applied record after the earliest one to apply.
    #[allow(clippy::type_complexity)]
    let later: Vec<(String, i64, Option<Vec<u8>>, Vec<u8>)> = {
        let mut stmt = tx.prepare(
            "SELECT device, seq, undo, changeset FROM sync_log WHERE state = 'applied' AND (clock > ?1 OR (clock = ?1 AND device > ?2))
             ORDER BY clock DESC, device DESC",
        )?;
        stmt.query_map(params![first.0, first.1], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (device, seq, undo, changeset) in &later {
        let undo = match undo {
            Some(undo) => undo.clone(),
            // This PC's own write, as captured: its exact inverse.
            None if !changeset.is_empty() => {
                let mut undo = Vec::new();
                rusqlite::session::invert_strm(&mut changeset.as_slice(), &mut undo)?;
                undo
            }
            // A record taken in with the snapshot this PC started from cannot be undone: the
            // records before it stay where they are.
            None => break,
        };
        apply_exact(tx, &undo)?;
        tx.prepare_cached("UPDATE sync_log SET state = 'waiting', undo = NULL WHERE device = ?1 AND seq = ?2")?
            .execute(params![device, seq])?;
    }
    let mut outcome = Applied::default();
    let mut held = false;
    let order: Vec<(String, i64)> = {
        let mut stmt =
            tx.prepare("SELECT device, seq FROM sync_log WHERE state = 'waiting' ORDER BY clock, device, seq")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let fresh: std::collections::HashSet<&Key> = fresh.iter().collect();
    for (device, seq) in order {
        let entry = load(tx, &device, seq)?;
        let is_fresh = fresh.contains(&(entry.clock, entry.device.clone()));
        if held || entry.schema > schema {
            // A record from a newer app, and everything after it, waits for this app's update.
            held = true;
            tx.prepare_cached("UPDATE sync_log SET reason = 'newer_app' WHERE device = ?1 AND seq = ?2")?
                .execute(params![device, seq])?;
            outcome.waiting += 1;
            continue;
        }
        let admitted = match admit(tx, own_device, &entry)? {
            Ok(changes) => whole(tx, own_device, &entry, personal)?.map(|whole| (whole, changes)),
            Err(why) => Err(why),
        };
        match admitted {
            Err(why) => {
                tx.prepare_cached("UPDATE sync_log SET state = 'refused', reason = ?3 WHERE device = ?1 AND seq = ?2")?
                    .execute(params![device, seq, why])?;
                outcome.conflicts += list_refused(tx, &entry, &why)?;
                outcome.refused += 1;
            }
            Ok((whole, changes)) => {
                let entry = whole.unwrap_or(entry);
                let (undo, met) = apply_recording(tx, &entry, &changes)?;
                tx.prepare_cached(
                    "UPDATE sync_log SET state = 'applied', reason = NULL, undo = ?3 WHERE device = ?1 AND seq = ?2",
                )?
                .execute(params![device, seq, undo])?;
                outcome.conflicts += list_conflicts(tx, &entry, &met)?;
                outcome.conflicts += flag_double_entries(tx, &entry, &changes)?;
                if is_fresh && entry.device != own_device {
                    add_history(tx, &entry)?;
                    outcome.applied += 1;
                }
            }
        }
    }
    Ok(outcome)
}

/// Notes which rows each record not indexed yet touches (`sync_touch`), so that who changed a row
/// before, and the record that deleted it, are found without reading every record.
fn index_touches(tx: &Connection) -> Result<()> {
    let pending: Vec<(String, i64, i64, Vec<u8>)> = {
        let mut stmt = tx.prepare("SELECT device, seq, clock, changeset FROM sync_log WHERE touched = 0")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut touch = tx.prepare_cached(
        "INSERT OR IGNORE INTO sync_touch (table_name, row_key, clock, device, seq, op) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut done = tx.prepare_cached("UPDATE sync_log SET touched = 1 WHERE device = ?1 AND seq = ?2")?;
    for (device, seq, clock, changeset) in pending {
        // A changeset that cannot be read touches nothing (it is refused when its turn comes).
        for change in changes::read(&changeset).unwrap_or_default() {
            let op = match change.op {
                Op::Insert => "insert",
                Op::Update => "update",
                Op::Delete => "delete",
            };
            touch.execute(params![change.table, key_text(&change.key()), clock, device, seq, op])?;
        }
        done.execute(params![device, seq])?;
    }
    Ok(())
}

fn load(tx: &Connection, device: &str, seq: i64) -> Result<Entry> {
    Ok(tx
        .prepare_cached(
            "SELECT device, seq, clock, officer, schema, changeset, history_json, header, signature, state
         FROM sync_log WHERE device = ?1 AND seq = ?2",
        )?
        .query_row(params![device, seq], |r| {
            Ok(Entry {
                device: r.get(0)?,
                seq: r.get(1)?,
                clock: r.get(2)?,
                officer: r.get(3)?,
                schema: r.get(4)?,
                changeset: r.get(5)?,
                history: r.get(6)?,
                header: r.get(7)?,
                signature: r.get(8)?,
                state: r.get(9)?,
            })
        })?)
}

/// Whether the record may be applied now, by the shared device list as it stands at its place in
/// the order: its device known and not revoked, its signature right, its changes within the role.
fn admit(tx: &Connection, own_device: &str, entry: &Entry) -> Result<Result<Vec<RowChange>, String>> {
    let device: Option<(String, String, Option<String>, Option<i64>)> = tx
        .prepare_cached("SELECT public_key, role, block_id, revoked_clock FROM sync_device WHERE id = ?1")?
        .query_row(params![entry.device], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((public_key, role, block, revoked)) = device else {
        return Ok(Err("この自治会に登録されていないPCの記録です".to_owned()));
    };
    if revoked.is_some_and(|at| entry.clock > at) {
        return Ok(Err("登録を取り消したPCの記録です".to_owned()));
    }
    if entry.device != own_device {
        let (Some(header), Some(signature)) = (&entry.header, &entry.signature) else {
            return Ok(Err("署名のない記録です".to_owned()));
        };
        let signature: [u8; 64] = match signature.as_slice().try_into() {
            Ok(s) => s,
            Err(_) => return Ok(Err("署名が壊れています".to_owned())),
        };
        let signed = crate::record::signed_part(header, &entry.changeset);
        if !keys::verify(&public_key, &signed, &signature) {
            return Ok(Err("署名が合いません（途中で書き換えられています）".to_owned()));
        }
    }
    let Some(role) = Role::parse(&role) else { return Ok(Err("役割が読み取れません".to_owned())) };
    let changes = match changes::read(&entry.changeset) {
        Ok(c) => c,
        Err(_) => return Ok(Err("変更の内容が壊れています".to_owned())),
    };
    let author = Author { device: entry.device.clone(), role, block };
    Ok(match roles::check(tx, &author, &changes)? {
        Some(why) => Err(why),
        None => Ok(changes),
    })
}

/// The record with the roster's personal details in, when it carries them sealed to this PC
/// ([`crate::personal`]); `Ok(None)` when it carries none for this PC; `Err` with the reason it is
/// refused when the sealed part does not match the signed changes.
fn whole(
    tx: &Connection,
    own_device: &str,
    entry: &Entry,
    identity: Option<&crate::personal::Opener>,
) -> Result<Result<Option<Entry>, String>> {
    let (Some(identity), Some(header)) = (identity, &entry.header) else { return Ok(Ok(None)) };
    if entry.device == own_device {
        // This PC's own write is kept whole.
        return Ok(Ok(None));
    }
    if !header.windows(b"\"personal\":".len()).any(|w| w == b"\"personal\":") {
        return Ok(Ok(None));
    }
    let sealed = serde_json::from_slice::<crate::record::Header>(header).map(|h| h.personal).unwrap_or_default();
    if sealed.is_empty() {
        return Ok(Ok(None));
    }
    Ok(crate::personal::reveal(tx, &sealed, identity, &entry.changeset, &entry.history)?
        .map(|revealed| revealed.map(|(changeset, history)| Entry { changeset, history, ..entry.clone() })))
}

/// Applies an undo changeset, which must fit exactly.
fn apply_exact(tx: &Connection, changeset: &[u8]) -> Result<()> {
    let mut input: &[u8] = changeset;
    tx.apply_strm(&mut input, None::<fn(&str) -> bool>, |_, _| ConflictAction::SQLITE_CHANGESET_ABORT).map_err(|_| {
        Error::invalid(
            "共有の記録を並べ直せませんでした。データは変えていません。council check を実行してください。",
            "The shared records could not be put back in order. Nothing was changed. Run council check.",
        )
    })
}

/// Applies a record's changeset by the rules, recording what it did; returns the undo of it and
/// the conflicts met.
fn apply_recording(tx: &Connection, entry: &Entry, changes: &[RowChange]) -> Result<(Vec<u8>, Vec<Met>)> {
    let mut session = Session::new(tx)?;
    session.table_filter(Some(|t: &str| is_shared(t)));
    session.attach(None::<&str>)?;
    let mut met = Vec::new();
    // A change to a row another PC deleted brings the row back first (from the deletion's undo).
    for change in changes.iter().filter(|c| c.op == Op::Update) {
        if !row_exists(tx, &change.table, &change.pk, &change.key())? && resurrect(tx, change)? {
            met.push(Met { kind: Kind::NotFound, change: change.clone(), current: Vec::new() });
        }
    }
    let seen = Arc::new(Mutex::new(Vec::<Met>::new()));
    let sink = Arc::clone(&seen);
    // A PC without the roster's personal details cannot see that a row was changed only there: a
    // deletion meeting such a row goes ahead on every PC (listed where the details are kept), so
    // that every PC ends with the same rows.
    let mut personal_columns: std::collections::HashMap<String, Vec<bool>> = std::collections::HashMap::new();
    for change in changes.iter().filter(|c| c.op == Op::Delete && council_store::personal::has_personal(&c.table)) {
        if !personal_columns.contains_key(&change.table) {
            let cols = changes::columns(tx, &change.table)?;
            let flags = cols.iter().map(|c| council_store::personal::is_personal(&change.table, c)).collect();
            personal_columns.insert(change.table.clone(), flags);
        }
    }
    let mut input: &[u8] = &entry.changeset;
    tx.execute_batch("SAVEPOINT apply_record")?;
    let result = tx.apply_strm(&mut input, Some(|t: &str| is_shared(t)), move |kind, item| {
        let change = changes::row_change(&item).ok();
        let n = change.as_ref().map_or(0, |c| c.old.len().max(c.new.len()));
        let current = (0..n).map(|i| item.conflict(i).ok().map(changes::owned)).collect();
        let only_details = match (&kind, &change) {
            (ConflictType::SQLITE_CHANGESET_DATA, Some(c)) if c.op == Op::Delete => {
                personal_columns.get(&c.table).is_some_and(|flags| {
                    c.old
                        .iter()
                        .zip(&current)
                        .enumerate()
                        .all(|(i, (old, now))| old == now || flags.get(i).copied().unwrap_or(false))
                })
            }
            _ => false,
        };
        let action = match (&kind, change.as_ref().map(|c| c.op)) {
            _ if only_details => ConflictAction::SQLITE_CHANGESET_REPLACE,
            (ConflictType::SQLITE_CHANGESET_DATA, Some(Op::Update)) => ConflictAction::SQLITE_CHANGESET_REPLACE,
            (ConflictType::SQLITE_CHANGESET_CONFLICT, _) => ConflictAction::SQLITE_CHANGESET_REPLACE,
            (ConflictType::SQLITE_CHANGESET_FOREIGN_KEY, _) => ConflictAction::SQLITE_CHANGESET_ABORT,
            _ => ConflictAction::SQLITE_CHANGESET_OMIT,
        };
        if let Some(change) = change {
            let kind = if only_details { Kind::DeletedOverDetails } else { kind_of(&kind) };
            sink.lock().unwrap_or_else(PoisonError::into_inner).push(Met { kind, change, current });
        }
        action
    });
    if result.is_err() {
        // It points at a row another PC removed (or breaks a rule of the data): nothing of it is
        // applied, and it is listed.
        tx.execute_batch("ROLLBACK TO apply_record; RELEASE apply_record")?;
        drop(session);
        let why = "ほかのPCで削除された記録を参照しているため、適用できませんでした".to_owned();
        let change = changes.first().cloned();
        let met = change.map(|c| vec![Met { kind: Kind::Failed, change: c, current: Vec::new() }]).unwrap_or_default();
        let _ = why;
        return Ok((Vec::new(), met));
    }
    tx.execute_batch("RELEASE apply_record")?;
    met.extend(std::mem::take(&mut *seen.lock().unwrap_or_else(PoisonError::into_inner)));
    let mut effect = Vec::new();
    session.changeset_strm(&mut effect)?;
    drop(session);
    let mut undo = Vec::new();
    if !effect.is_empty() {
        rusqlite::session::invert_strm(&mut effect.as_slice(), &mut undo)?;
    }
    Ok((undo, met))
}

fn pk_columns(tx: &Connection, table: &str, pk: &[bool]) -> Result<Vec<String>> {
    let cols = changes::columns(tx, table)?;
    Ok(cols.into_iter().zip(pk).filter(|(_, p)| **p).map(|(c, _)| c).collect())
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn row_exists(tx: &Connection, table: &str, pk: &[bool], key: &[Value]) -> Result<bool> {
    let cols = pk_columns(tx, table, pk)?;
    if cols.is_empty() {
        return Ok(true);
    }
    let cond: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{} IS ?{}", quote(c), i + 1)).collect();
    let sql = format!("SELECT 1 FROM {} WHERE {}", quote(table), cond.join(" AND "));
    Ok(tx.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(key.iter()), |_| Ok(())).optional()?.is_some())
}

/// Brings back a row a record deleted: from that record's undo (an insert of the whole row), or,
/// for this PC's own write kept without one, from its changeset (a delete holds the whole row).
fn resurrect(tx: &Connection, change: &RowChange) -> Result<bool> {
    let key = change.key();
    let found: Vec<(Vec<u8>, bool)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT coalesce(l.undo, l.changeset), l.undo IS NOT NULL
               FROM sync_touch t JOIN sync_log l ON l.device = t.device AND l.seq = t.seq
              WHERE t.table_name = ?1 AND t.row_key = ?2 AND t.op = 'delete' AND l.state = 'applied'
              ORDER BY t.clock DESC, t.device DESC",
        )?;
        stmt.query_map(params![change.table, key_text(&key)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (bytes, is_undo) in found {
        let Ok(rows) = changes::read(&bytes) else { continue };
        let wanted = if is_undo { Op::Insert } else { Op::Delete };
        if let Some(row) = rows.into_iter().find(|r| r.op == wanted && r.table == change.table && r.key() == key) {
            let cols = changes::columns(tx, &row.table)?;
            let names: Vec<String> = cols.iter().map(|c| quote(c)).collect();
            let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {} ({}) VALUES ({})", quote(&row.table), names.join(", "), marks.join(", "));
            let side = if is_undo { &row.new } else { &row.old };
            let values: Vec<Value> = side.iter().map(|v| v.clone().unwrap_or(Value::Null)).collect();
            return Ok(tx.execute(&sql, rusqlite::params_from_iter(values.iter())).is_ok());
        }
    }
    Ok(false)
}

fn key_text(key: &[Value]) -> String {
    serde_json::Value::Array(key.iter().map(changes::to_json).collect()).to_string()
}

/// Who last changed a row before `entry` (for the conflict list).
fn last_writer(tx: &Connection, entry: &Entry, table: &str, key: &[Value]) -> Result<(String, i64)> {
    let mut stmt = tx.prepare_cached(
        "SELECT t.device, t.clock FROM sync_touch t JOIN sync_log l ON l.device = t.device AND l.seq = t.seq
          WHERE t.table_name = ?1 AND t.row_key = ?2 AND l.state = 'applied'
            AND (t.clock < ?3 OR (t.clock = ?3 AND t.device < ?4))
          ORDER BY t.clock DESC, t.device DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row(params![table, key_text(key), entry.clock, entry.device], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((String::new(), 0)))
}

/// One entry for the conflict list.
struct Listing<'a> {
    kind: &'a str,
    table: &'a str,
    key: &'a str,
    column: &'a str,
    kept: Option<String>,
    other: Option<String>,
    other_side: (String, i64),
    detail: &'a str,
}

fn insert_conflict(tx: &Connection, entry: &Entry, l: Listing<'_>) -> Result<usize> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO sync_conflict (id, kind, table_name, row_key, column_name, kept_value, other_value,
                                    kept_device, kept_clock, other_device, other_clock, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (kind, table_name, row_key, column_name, kept_device, kept_clock) DO NOTHING",
        )?
        .execute(params![
            uuid::Uuid::now_v7().to_string(),
            l.kind,
            l.table,
            l.key,
            l.column,
            l.kept,
            l.other,
            entry.device,
            entry.clock,
            l.other_side.0,
            l.other_side.1,
            l.detail
        ])?)
}

/// Columns the app keeps up to date itself (times, search keys): a difference there is no one's
/// change to look at.
const BOOKKEEPING: &[&str] = &["created_at", "updated_at", "search_key", "sort_key", "kana_key"];

fn list_conflicts(tx: &Connection, entry: &Entry, met: &[Met]) -> Result<usize> {
    let mut added = 0;
    for m in met {
        let key = m.change.key();
        let key_json = key_text(&key);
        let cols = changes::columns(tx, &m.change.table)?;
        match (&m.kind, m.change.op) {
            (Kind::Data, Op::Update) | (Kind::Conflict, _) => {
                let other_side = last_writer(tx, entry, &m.change.table, &key)?;
                for (i, new) in m.change.new.iter().enumerate() {
                    let (Some(new), Some(Some(current))) = (new, m.current.get(i)) else { continue };
                    let old = m.change.old.get(i).cloned().flatten();
                    let column = cols.get(i).map_or("", String::as_str);
                    if m.change.pk.get(i).copied().unwrap_or(false)
                        || BOOKKEEPING.contains(&column)
                        || current == new
                        || old.as_ref() == Some(current)
                    {
                        continue;
                    }
                    added += insert_conflict(
                        tx,
                        entry,
                        Listing {
                            kind: "field",
                            table: &m.change.table,
                            key: &key_json,
                            column: cols.get(i).map_or("", String::as_str),
                            kept: Some(changes::to_json(new).to_string()),
                            other: Some(changes::to_json(current).to_string()),
                            other_side: other_side.clone(),
                            detail: "",
                        },
                    )?;
                }
            }
            (Kind::Data, Op::Delete) | (Kind::DeletedOverDetails, _) => {
                let other_side = last_writer(tx, entry, &m.change.table, &key)?;
                let detail = match m.kind {
                    Kind::DeletedOverDetails => {
                        "削除しました。ほかのPCでの変更は名簿の個人情報（電話・メール・生まれ年・備考）だけで、それを受け取らないPCもあるため、どのPCでも削除を優先しました"
                    }
                    _ => "削除されましたが、ほかのPCで変更されていたため残しました",
                };
                added += insert_conflict(
                    tx,
                    entry,
                    Listing {
                        kind: "deleted",
                        table: &m.change.table,
                        key: &key_json,
                        column: "",
                        kept: None,
                        other: None,
                        other_side,
                        detail,
                    },
                )?;
            }
            (Kind::NotFound, Op::Update) => {
                added += insert_conflict(
                    tx,
                    entry,
                    Listing {
                        kind: "deleted",
                        table: &m.change.table,
                        key: &key_json,
                        column: "",
                        kept: None,
                        other: None,
                        other_side: (String::new(), 0),
                        detail: "ほかのPCで削除されていましたが、変更があったため元に戻しました",
                    },
                )?;
            }
            (Kind::Failed | Kind::Constraint, _) => {
                added += insert_conflict(
                    tx,
                    entry,
                    Listing {
                        kind: "refused",
                        table: &m.change.table,
                        key: &key_json,
                        column: "",
                        kept: None,
                        other: None,
                        other_side: (String::new(), 0),
                        detail: "ほかのPCで削除された記録を参照しているか、データの決まりに合わないため、この変更は適用できませんでした",
                    },
                )?;
            }
            _ => {}
        }
    }
    Ok(added)
}

fn list_refused(tx: &Connection, entry: &Entry, why: &str) -> Result<usize> {
    insert_conflict(
        tx,
        entry,
        Listing {
            kind: "refused",
            table: "",
            key: &format!("[\"{}\",{}]", entry.device, entry.seq),
            column: "",
            kept: None,
            other: None,
            other_side: (String::new(), 0),
            detail: why,
        },
    )
}

/// Dues recorded for the same household and year on two PCs: both kept, flagged.
fn flag_double_entries(tx: &Connection, entry: &Entry, changes: &[RowChange]) -> Result<usize> {
    let mut added = 0;
    for change in changes.iter().filter(|c| c.op == Op::Insert && c.table == "dues_payment") {
        let (Some(Value::Text(id)), Some(Value::Text(household)), Some(Value::Integer(year))) =
            (change.value(0), change.value(1), change.value(2))
        else {
            continue;
        };
        let others: Vec<String> = {
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM dues_payment WHERE household_id = ?1 AND fiscal_year = ?2 AND id <> ?3",
            )?;
            stmt.query_map(params![household, year, id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        for other in others {
            let other_side = last_writer(tx, entry, "dues_payment", &[Value::Text(other.clone())])?;
            if other_side.0.is_empty() || other_side.0 == entry.device {
                continue;
            }
            added += insert_conflict(
                tx,
                entry,
                Listing {
                    kind: "double_entry",
                    table: "dues_payment",
                    key: &key_text(&[Value::Text(id.clone())]),
                    column: "",
                    kept: Some(id.clone()),
                    other: Some(other),
                    other_side,
                    detail: "同じ世帯・同じ年度の会費が2台のPCで記録されました（二重記録かもしれません）",
                },
            )?;
        }
    }
    Ok(added)
}

/// The record's history lines, in this PC's history under the officer and their PC.
fn add_history(tx: &Connection, entry: &Entry) -> Result<()> {
    let lines: Vec<serde_json::Value> = serde_json::from_str(&entry.history).unwrap_or_default();
    let at = chrono::DateTime::from_timestamp_millis(entry.clock >> 16)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let actor = format!("{}（別のPC）", entry.officer);
    for line in lines {
        let text = |k: &str| line.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let opt = |k: &str| line.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        let action = match text("action").as_str() {
            a @ ("create" | "update" | "delete" | "restore") => a.to_owned(),
            _ => "update".to_owned(),
        };
        tx.prepare_cached(
            "INSERT INTO audit_log (at, actor, entity, entity_id, action, summary, before_json, after_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            at,
            actor,
            text("entity"),
            text("entity_id"),
            action,
            text("summary"),
            opt("before"),
            opt("after")
        ])?;
    }
    let _ = (&entry.state, entry.seq);
    Ok(())
}
