//! The roster's personal details go only to the PCs whose officers keep the roster (会長 and 書記,
//! the roles that may change it). Every other PC gets the same records and snapshots with those
//! details blanked ([`council_store::personal`]); the details themselves travel beside them,
//! encrypted to the keeping PCs alone.
//!
//! How: a record whose write touched a personal column (or whose history pictures a household)
//! carries the changeset and history everyone applies with the details blanked, signed as always,
//! and in its header the whole changeset and history encrypted (age) to each keeping PC's own key.
//! That key is the PC's Ed25519 device key read as an X25519 key (the conversion age's
//! `ssh-ed25519` recipients use), so no new key is made, kept or handed over: a PC in the device
//! list can be written to, and only that PC can read it. A keeping PC opens the whole changeset,
//! checks that blanking it gives exactly the signed one (a PC cannot slip in other changes there),
//! and applies it; every other PC applies the signed one. A snapshot likewise holds the data with
//! the details blanked and the details themselves, encrypted to the keeping PCs when it was taken.
//!
//! The council's key (which every PC holds) therefore never opens a phone number: a 会計's or
//! 班長's PC, and anyone who reads the shared folder with a copy of an invitation for one, finds
//! none there.

use std::str::FromStr as _;

use base64::Engine as _;
use ed25519_dalek::VerifyingKey;
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use council_store::personal as columns;

use crate::changes;
use crate::error::{Error, Result};
use crate::keys::Keys;
use crate::roles::Role;

/// Whether an officer in `role` receives the roster's personal details: those who keep the roster.
pub fn sees_roster(role: Role) -> bool {
    role.may_change("person") && role.may_change("household")
}

/// This PC's key for the details sent to it: its device key read as an X25519 key.
pub fn identity(keys: &Keys) -> age::x25519::Identity {
    let scalar = keys.device.to_scalar_bytes();
    let text = bech32::encode::<bech32::Bech32>(bech32::Hrp::parse_unchecked("age-secret-key-"), &scalar)
        .unwrap_or_default()
        .to_uppercase();
    // The text is a valid identity by construction (32 bytes under age's prefix).
    age::x25519::Identity::from_str(&text).unwrap_or_else(|_| age::x25519::Identity::generate())
}

/// The key details are sent to a PC with: its public device key (as kept in `sync_device`) read as
/// an X25519 key. `None` for a key that is not one.
pub fn recipient(public_hex: &str) -> Option<age::x25519::Recipient> {
    let bytes: [u8; 32] = hex::decode(public_hex).ok()?.try_into().ok()?;
    let point = VerifyingKey::from_bytes(&bytes).ok()?.to_montgomery();
    let text = bech32::encode::<bech32::Bech32>(bech32::Hrp::parse_unchecked("age"), point.as_bytes()).ok()?;
    age::x25519::Recipient::from_str(&text).ok()
}

/// The role of this PC's officer, from the shared device list.
pub fn own_role(conn: &Connection) -> Result<Option<Role>> {
    let role: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT d.role FROM sync_state s JOIN sync_device d ON d.id = s.device_id",
        [],
        |r| r.get(0),
    ))?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// Whether this PC's officer keeps the roster.
pub fn holds_roster(conn: &Connection) -> Result<bool> {
    Ok(own_role(conn)?.is_some_and(sees_roster))
}

/// The PCs the details go to now: every device in the list, not revoked, whose officer keeps the
/// roster.
pub fn recipients(conn: &Connection) -> Result<Vec<age::x25519::Recipient>> {
    let mut stmt =
        conn.prepare_cached("SELECT public_key, role FROM sync_device WHERE revoked_clock IS NULL ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|(_, role)| Role::parse(role).is_some_and(sees_roster))
        .filter_map(|(key, _)| recipient(&key))
        .collect())
}

/// This PC's key, made to try first the place its own part most likely has in a sealed text.
///
/// A sealed text holds one part per keeping PC, in the order of [`recipients`] when it was sealed,
/// and nothing in a part says whose it is: opening tries this PC's key on each part in turn, one
/// X25519 exchange a try (three on average for five keeping PCs; most of what opening costs). The
/// PC's place in that list as this PC knows it now is where its part was when the list has not
/// changed since; the others are still tried after it, so a changed list costs time, not the
/// details.
pub struct Opener {
    identity: age::x25519::Identity,
    first: Option<usize>,
}

impl Opener {
    /// This PC's key (`keys`), with its place among the keeping PCs (`device`, by the device list in
    /// `conn`).
    pub fn new(conn: &Connection, keys: &Keys, device: &str) -> Result<Self> {
        let mut stmt =
            conn.prepare_cached("SELECT id, role FROM sync_device WHERE revoked_clock IS NULL ORDER BY id")?;
        let keeping = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, role)| Role::parse(role).is_some_and(sees_roster));
        let first = keeping.map(|(id, _)| id).position(|id| id == device);
        Ok(Self { identity: identity(keys), first })
    }
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opener").field("first", &self.first).finish_non_exhaustive()
    }
}

impl age::Identity for Opener {
    fn unwrap_stanza(
        &self,
        stanza: &age_core::format::Stanza,
    ) -> Option<Result<age_core::format::FileKey, age::DecryptError>> {
        self.identity.unwrap_stanza(stanza)
    }

    fn unwrap_stanzas(
        &self,
        stanzas: &[age_core::format::Stanza],
    ) -> Option<Result<age_core::format::FileKey, age::DecryptError>> {
        let first = self.first.and_then(|i| stanzas.get(i));
        first.and_then(|stanza| self.unwrap_stanza(stanza)).or_else(|| {
            stanzas
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != self.first)
                .find_map(|(_, stanza)| self.unwrap_stanza(stanza))
        })
    }
}

/// Encrypts `plain` to `to`, as text for a header.
pub fn seal(plain: &[u8], to: &[age::x25519::Recipient]) -> Result<String> {
    let failed = |e: String| Error::Store(std::io::Error::other(e).into());
    let encryptor = age::Encryptor::with_recipients(to.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| failed(e.to_string()))?;
    let mut out = Vec::with_capacity(plain.len() + 200 * to.len() + 64);
    let mut writer = encryptor.wrap_output(&mut out)?;
    std::io::Write::write_all(&mut writer, plain)?;
    writer.finish()?;
    Ok(base64::engine::general_purpose::STANDARD.encode(out))
}

/// Decrypts a header's sealed text with this PC's key; `None` when it was not sent to this PC (or
/// is not sealed text at all).
pub fn open(sealed: &str, identity: &dyn age::Identity, limit: usize) -> Option<Vec<u8>> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(sealed).ok()?;
    let decryptor = age::Decryptor::new_buffered(bytes.as_slice()).ok()?;
    let reader = decryptor.decrypt(std::iter::once(identity)).ok()?;
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, limit as u64 + 1), &mut plain).ok()?;
    (plain.len() <= limit).then_some(plain)
}

/// What a record carries for the keeping PCs alone: the write's whole changeset and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Whole {
    /// The changeset with the details in (base64).
    pub changeset: String,
    /// The history lines with their pictures.
    pub history: String,
}

/// A write split for sharing: what every PC applies, and, when that differs from the write, the
/// whole of it for the keeping PCs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The changeset every PC applies (the details blanked).
    pub changeset: Vec<u8>,
    /// The history every PC keeps (no pictures of households).
    pub history: String,
    /// The whole write, when anything was blanked.
    pub whole: Option<Whole>,
}

/// Splits a write (`changeset`, `history`) into what every PC gets and what only the keeping PCs
/// get.
pub fn split(conn: &Connection, changeset: &[u8], history: &str) -> Result<Split> {
    let blanked = blank_changeset(conn, changeset)?;
    let public_history = blank_history(history);
    if blanked.is_none() && public_history.is_none() {
        return Ok(Split { changeset: changeset.to_vec(), history: history.to_owned(), whole: None });
    }
    Ok(Split {
        changeset: blanked.unwrap_or_else(|| changeset.to_vec()),
        history: public_history.unwrap_or_else(|| history.to_owned()),
        whole: Some(Whole {
            changeset: base64::engine::general_purpose::STANDARD.encode(changeset),
            history: history.to_owned(),
        }),
    })
}

/// What [`reveal`] found: the whole changeset and history for this PC (`Ok(None)`: none sent to
/// it), or the reason the record is refused.
pub type Revealed = Result<Option<(Vec<u8>, String)>, String>;

/// The whole write a keeping PC takes in place of the signed `changeset` and `history`, when the
/// record's sealed part was sent to this PC: checked to blank to exactly the signed ones.
/// `Ok(None)` when there is nothing for this PC; `Err` with the reason the record is refused.
pub fn reveal(
    conn: &Connection,
    sealed: &str,
    identity: &dyn age::Identity,
    changeset: &[u8],
    history: &str,
) -> Result<Revealed> {
    const MISMATCH: &str = "名簿の個人情報の部分が記録の内容と合いません（途中で書き換えられています）";
    let Some(plain) = open(sealed, identity, crate::share::MAX_FILE) else { return Ok(Ok(None)) };
    let Ok(whole) = serde_json::from_slice::<Whole>(&plain) else { return Ok(Err(MISMATCH.to_owned())) };
    let Ok(full) = base64::engine::general_purpose::STANDARD.decode(&whole.changeset) else {
        return Ok(Err(MISMATCH.to_owned()));
    };
    let Ok(again) = split(conn, &full, &whole.history) else { return Ok(Err(MISMATCH.to_owned())) };
    if again.changeset != changeset || again.history != history {
        return Ok(Err(MISMATCH.to_owned()));
    }
    Ok(Ok(Some((full, whole.history))))
}

/// The history with the pictures of households (which list their people's details) left out;
/// `None` when there were none.
fn blank_history(history: &str) -> Option<String> {
    if !columns::HISTORY_ENTITIES.iter().any(|e| history.contains(&format!("\"{e}\""))) {
        return None;
    }
    let mut lines: Vec<serde_json::Value> = serde_json::from_str(history).ok()?;
    let mut changed = false;
    for line in &mut lines {
        let entity = line.get("entity").and_then(|e| e.as_str()).unwrap_or_default();
        if !columns::HISTORY_ENTITIES.contains(&entity) {
            continue;
        }
        for side in ["before", "after"] {
            if line.get(side).is_some_and(|v| !v.is_null()) {
                line[side] = serde_json::Value::Null;
                changed = true;
            }
        }
    }
    changed.then(|| serde_json::Value::Array(lines).to_string())
}

/// The changeset with every personal value blanked; `None` when it held none.
pub fn blank_changeset(conn: &Connection, changeset: &[u8]) -> Result<Option<Vec<u8>>> {
    let broken = || Error::invalid("変更の内容が壊れています。", "The change record is damaged.");
    let mut out = Vec::with_capacity(changeset.len());
    let mut changed = false;
    let mut at = 0usize;
    // The table being read: its name, column count and personal columns.
    let mut table: Option<(String, usize, Vec<Option<String>>)> = None;
    while at < changeset.len() {
        let byte = changeset[at];
        if byte == b'T' {
            let start = at;
            at += 1;
            let (n, used) = varint(&changeset[at..]).ok_or_else(broken)?;
            at += used;
            let n = usize::try_from(n).map_err(|_| broken())?;
            at = at.checked_add(n).filter(|end| *end <= changeset.len()).ok_or_else(broken)?;
            let name_end = changeset[at..].iter().position(|b| *b == 0).ok_or_else(broken)? + at;
            let name = std::str::from_utf8(&changeset[at..name_end]).map_err(|_| broken())?.to_owned();
            at = name_end + 1;
            out.extend_from_slice(&changeset[start..at]);
            let personal = match columns::has_personal(&name) {
                true => {
                    let names = changes::columns(conn, &name)?;
                    (0..n).map(|i| names.get(i).filter(|c| columns::is_personal(&name, c)).cloned()).collect()
                }
                false => vec![None; n],
            };
            table = Some((name, n, personal));
            continue;
        }
        let (name, n, personal) = table.as_ref().ok_or_else(broken)?;
        let records = match byte {
            18 | 9 => 1,
            23 => 2,
            _ => return Err(broken()),
        };
        out.extend_from_slice(changeset.get(at..at + 2).ok_or_else(broken)?);
        at += 2;
        for _ in 0..records {
            for column in personal.iter().take(*n) {
                let Some(column) = column else {
                    let used = value_len(&changeset[at..]).ok_or_else(broken)?;
                    out.extend_from_slice(&changeset[at..at + used]);
                    at += used;
                    continue;
                };
                let (value, used) = read_value(&changeset[at..]).ok_or_else(broken)?;
                match value {
                    Some(value) => {
                        let blank = columns::blank(name, column, &value);
                        changed |= blank != value;
                        write_value(&mut out, &blank);
                    }
                    None => out.extend_from_slice(&changeset[at..at + used]),
                }
                at += used;
            }
        }
    }
    Ok(changed.then_some(out))
}

/// A value of a changeset (`None` for "not given", an update's unchanged column) and the bytes it
/// took.
fn read_value(bytes: &[u8]) -> Option<(Option<Value>, usize)> {
    let (&kind, rest) = bytes.split_first()?;
    Some(match kind {
        0 => (None, 1),
        5 => (Some(Value::Null), 1),
        1 => (Some(Value::Integer(i64::from_be_bytes(rest.get(..8)?.try_into().ok()?))), 9),
        2 => (Some(Value::Real(f64::from_be_bytes(rest.get(..8)?.try_into().ok()?))), 9),
        3 | 4 => {
            let (len, used) = varint(rest)?;
            let len = usize::try_from(len).ok()?;
            let body = rest.get(used..used.checked_add(len)?)?;
            let value = match kind {
                3 => Value::Text(String::from_utf8(body.to_vec()).ok()?),
                _ => Value::Blob(body.to_vec()),
            };
            (Some(value), 1 + used + len)
        }
        _ => return None,
    })
}

/// How many bytes a changeset's value takes, without reading it.
fn value_len(bytes: &[u8]) -> Option<usize> {
    let (&kind, rest) = bytes.split_first()?;
    match kind {
        0 | 5 => Some(1),
        1 | 2 => (rest.len() >= 8).then_some(9),
        3 | 4 => {
            let (len, used) = varint(rest)?;
            let len = usize::try_from(len).ok()?;
            (rest.len() >= used.checked_add(len)?).then_some(1 + used + len)
        }
        _ => None,
    }
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(5),
        Value::Integer(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_be_bytes());
        }
        Value::Real(f) => {
            out.push(2);
            out.extend_from_slice(&f.to_be_bytes());
        }
        Value::Text(t) => {
            out.push(3);
            put_varint(out, t.len() as u64);
            out.extend_from_slice(t.as_bytes());
        }
        Value::Blob(b) => {
            out.push(4);
            put_varint(out, b.len() as u64);
            out.extend_from_slice(b);
        }
    }
}

/// SQLite's variable-length integer: big-endian, seven bits a byte, the ninth byte whole.
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, b) in bytes.iter().take(9).enumerate() {
        if i == 8 {
            return Some(((value << 8) | u64::from(*b), 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

fn put_varint(out: &mut Vec<u8>, value: u64) {
    if value >> 56 != 0 {
        let mut bytes = [0u8; 9];
        bytes[8] = value as u8;
        let mut v = value >> 8;
        for i in (0..8).rev() {
            bytes[i] = (v & 0x7f) as u8 | 0x80;
            v >>= 7;
        }
        out.extend_from_slice(&bytes);
        return;
    }
    let mut bytes = Vec::with_capacity(9);
    let mut v = value;
    loop {
        bytes.push((v & 0x7f) as u8);
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    for (i, b) in bytes.iter().enumerate().rev() {
        out.push(if i == 0 { *b } else { b | 0x80 });
    }
}

/// The personal values of a database, by table and key, for a snapshot's sealed part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    /// `[table, id, column, value]` for every personal value not already blank.
    pub values: Vec<(String, String, String, serde_json::Value)>,
}

/// Takes the personal values out of a database (a snapshot's copy): returns them, and leaves
/// blanks in their place.
pub fn take_out(conn: &Connection) -> rusqlite::Result<Details> {
    let mut details = Details::default();
    for table in tables() {
        let cols: Vec<&str> = columns::COLUMNS.iter().filter(|(t, _)| *t == table).map(|(_, c)| *c).collect();
        let rows: Vec<(String, Vec<Value>)> = {
            let mut stmt = conn.prepare(&format!("SELECT id, {} FROM \"{table}\"", cols.join(", ")))?;
            stmt.query_map([], |r| {
                Ok((r.get(0)?, (1..=cols.len()).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<_>>()?))
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        for (id, values) in rows {
            for (col, value) in cols.iter().zip(values) {
                let blank = columns::blank(table, col, &value);
                if blank != value {
                    conn.prepare_cached(&format!("UPDATE \"{table}\" SET {col} = ?2 WHERE id = ?1"))?
                        .execute(params![id, blank])?;
                    details.values.push((table.to_owned(), id.clone(), (*col).to_owned(), changes::to_json(&value)));
                }
            }
        }
    }
    Ok(details)
}

/// Puts a snapshot's personal values back into a database made from it, one statement per row.
/// Only known personal columns are written, and only by key.
pub fn put_back(conn: &Connection, details: &Details) -> rusqlite::Result<()> {
    let mut rows: std::collections::BTreeMap<(&str, &str), Vec<(&str, Value)>> = std::collections::BTreeMap::new();
    for (table, id, column, value) in &details.values {
        if columns::is_personal(table, column) {
            rows.entry((table.as_str(), id.as_str())).or_default().push((column.as_str(), changes::from_json(value)));
        }
    }
    for ((table, id), values) in rows {
        let cols: Vec<&str> = columns::COLUMNS.iter().filter(|(t, _)| *t == table).map(|(_, c)| *c).collect();
        // Every personal column of the table, each set to its value or left as it is.
        let sets: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\"{c}\" = CASE WHEN ?{n} THEN ?{v} ELSE \"{c}\" END", n = 2 * i + 2, v = 2 * i + 3))
            .collect();
        let mut stmt = conn.prepare_cached(&format!("UPDATE \"{table}\" SET {} WHERE id = ?1", sets.join(", ")))?;
        let mut args: Vec<Value> = vec![Value::Text(id.to_owned())];
        for c in &cols {
            match values.iter().find(|(col, _)| col == c) {
                Some((_, v)) => args.extend([Value::Integer(1), v.clone()]),
                None => args.extend([Value::Integer(0), Value::Null]),
            }
        }
        stmt.execute(rusqlite::params_from_iter(args))?;
    }
    Ok(())
}

/// Blanks every personal value of a database (a PC joining that does not keep the roster, from a
/// snapshot an older app took with the details in).
pub fn blank_all(conn: &Connection) -> rusqlite::Result<()> {
    take_out(conn).map(|_| ())
}

fn tables() -> Vec<&'static str> {
    let mut out: Vec<&str> = columns::COLUMNS.iter().map(|(t, _)| *t).collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back() {
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, 1 << 40, u64::MAX >> 1, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(varint(&out), Some((v, out.len())), "{v}");
        }
    }

    #[test]
    fn the_device_key_read_as_x25519_opens_what_was_sealed_to_its_public_key() {
        let keys = Keys::generate().expect("keys");
        let other = Keys::generate().expect("keys");
        let to = recipient(&crate::keys::public_text(&keys.device.verifying_key())).expect("recipient");
        assert_eq!(identity(&keys).to_public().to_string(), to.to_string());
        let sealed = seal(b"090-1234-5678", &[to]).expect("seal");
        assert_eq!(open(&sealed, &identity(&keys), 100).as_deref(), Some(&b"090-1234-5678"[..]));
        assert_eq!(open(&sealed, &identity(&other), 100), None);
        assert_eq!(open(&sealed, &other.council, 100), None, "the council's key does not open it");
    }

    #[test]
    fn a_pc_opens_its_part_whether_or_not_it_is_where_the_device_list_says() {
        let keys: Vec<Keys> = (0..5).map(|_| Keys::generate().expect("keys")).collect();
        let public = |k: &Keys| crate::keys::public_text(&k.device.verifying_key());
        let to: Vec<_> = keys.iter().map(|k| recipient(&public(k)).expect("recipient")).collect();
        let sealed = seal(b"090-1234-5678", &to).expect("seal");
        // The device list as the fourth PC knows it: the keeping PCs by ID, a 会計 and a revoked
        // 書記 among them (neither is sealed to), so its own part is the fourth.
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch("CREATE TABLE sync_device (id TEXT PRIMARY KEY, role TEXT, revoked_clock INTEGER)")
            .expect("table");
        for (i, role) in ["chair", "secretary", "chair", "chair", "chair"].iter().enumerate() {
            conn.execute("INSERT INTO sync_device VALUES (?1, ?2, NULL)", params![format!("pc{i}"), role]).expect("pc");
        }
        conn.execute_batch("INSERT INTO sync_device VALUES ('pc15', 'treasurer', NULL), ('pc25', 'secretary', 42)")
            .expect("others");
        let fourth = Opener::new(&conn, &keys[3], "pc3").expect("opener");
        assert_eq!(fourth.first, Some(3));
        assert_eq!(open(&sealed, &fourth, 100).as_deref(), Some(&b"090-1234-5678"[..]));
        // A list that changed since the details were sealed (a PC revoked, one joined) moves the
        // place it tries first; the others are still tried.
        for first in [Some(0), Some(4), Some(9), None] {
            let moved = Opener { identity: identity(&keys[3]), first };
            assert_eq!(open(&sealed, &moved, 100).as_deref(), Some(&b"090-1234-5678"[..]), "{first:?}");
        }
        let outsider = Keys::generate().expect("keys");
        assert_eq!(open(&sealed, &Opener { identity: identity(&outsider), first: Some(3) }, 100), None);
    }
}
