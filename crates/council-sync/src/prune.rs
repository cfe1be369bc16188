//! Keeping the shared folder from growing for ever: old records go once every PC has them and a
//! snapshot holds them.
//!
//! Each PC says, at the end of every sync, how far it has taken in every PC's records: a small file
//! `devices/<device>/seen-<clock>.json` in its own folder, signed with its key and encrypted for the
//! council like a record (so the folder's host can neither read nor forge it; an old one replayed
//! only says less). A PC removes only its **own** record files, and only those that
//!
//! 1. every other PC still in the council (not revoked) says it has taken in — a PC that has synced
//!    at least once but says nothing (an older app) holds everything back, and a PC that has never
//!    synced (an invitation not used yet) is not waited for: it will start from a snapshot;
//! 2. a snapshot holds: the PC takes one first, of everything it has, and only then removes the
//!    files (killed in between, the files stay and the next sync tries again).
//!
//! It removes them only when at least [`PRUNE_AT`] of its records can go, so that the snapshot (the
//! whole data) is not uploaded for a handful of records. Its own older snapshots go with them: a PC
//! joining starts from the newest snapshot whose records after it are all still in the folder
//! ([`connects`]).
//!
//! Why not remove a record as soon as everyone has it: a PC joining later needs the data up to the
//! first record still there, and only a snapshot taken after the records are gone from the folder's
//! history gives it that.

use std::collections::BTreeMap;

use council_store::Session;
use rusqlite::{Connection, params};

use crate::error::{Error, Result};
use crate::keys::{self, Keys};
use crate::record;
use crate::remote::Remote;

const SEEN_MAGIC: &[u8] = b"COUNCIL-DESK-SEEN 1\n";
/// The largest "seen" file read (a few lines per PC).
const MAX_SEEN: usize = 1024 * 1024;
/// A PC removes its old records when at least this many can go.
pub const PRUNE_AT: i64 = 1000;

/// How far this PC has taken in each PC's records: the last number of each such that none before
/// it is still waiting (every one applied or refused).
pub fn seen_here(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(
        "SELECT device, min(CASE WHEN state = 'waiting' THEN seq END), max(seq) FROM sync_log GROUP BY device",
    )?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (device, waiting, last) = row?;
        out.insert(device, waiting.map_or(last, |w| w - 1));
    }
    Ok(out)
}

fn seen_name(clock: i64) -> String {
    format!("seen-{clock:020}.json")
}

fn is_seen_name(name: &str) -> bool {
    name.strip_prefix("seen-").and_then(|n| n.strip_suffix(".json")).is_some_and(|n| n.parse::<i64>().is_ok())
}

/// Puts this PC's "seen" file in its folder (when it says something new) and removes its older
/// ones.
pub fn publish_seen(session: &Session, remote: &dyn Remote, keys: &Keys, sharing: &str, device: &str) -> Result<()> {
    let (clock, seen) = session.read(|r| {
        let clock: i64 = r.query_row("SELECT clock FROM sync_state", [], |row| row.get(0))?;
        Ok::<_, Error>((clock, seen_here(r)?))
    })?;
    let dir = format!("devices/{device}");
    let name = seen_name(clock);
    let there: Vec<String> = remote.list(&dir)?.into_iter().filter(|n| is_seen_name(n)).collect();
    if !there.contains(&name) {
        let body = serde_json::to_vec(&serde_json::json!({
            "sharing": sharing, "device": device, "clock": clock, "seen": seen,
        }))
        .unwrap_or_default();
        let mut plain = Vec::with_capacity(SEEN_MAGIC.len() + body.len() + 64);
        plain.extend_from_slice(SEEN_MAGIC);
        plain.extend_from_slice(&body);
        let signature = keys.sign(&plain);
        plain.extend_from_slice(&signature);
        remote.put(&format!("{dir}/{name}"), &record::seal(&plain, keys)?)?;
    }
    for old in there.iter().filter(|n| **n < name) {
        remote.delete(&format!("{dir}/{old}"))?;
    }
    Ok(())
}

/// What another PC last said it has taken in: `None` when it said nothing this PC can verify (no
/// file, a file not signed by that PC's key, another council's).
pub fn read_seen(
    remote: &dyn Remote,
    keys: &Keys,
    sharing: &str,
    device: &str,
    public_key: &str,
) -> Result<Option<BTreeMap<String, i64>>> {
    let dir = format!("devices/{device}");
    let Some(name) = remote.list(&dir)?.into_iter().filter(|n| is_seen_name(n)).max() else { return Ok(None) };
    let Some(bytes) = remote.get(&format!("{dir}/{name}"))?.filter(|b| b.len() <= MAX_SEEN) else { return Ok(None) };
    let Ok(plain) = record::unseal(&bytes, keys) else { return Ok(None) };
    let Some(signed_len) = plain.len().checked_sub(64) else { return Ok(None) };
    let (signed, signature) = plain.split_at(signed_len);
    let Ok(signature) = <[u8; 64]>::try_from(signature) else { return Ok(None) };
    if !keys::verify(public_key, signed, &signature) {
        return Ok(None);
    }
    let Some(body) = signed.strip_prefix(SEEN_MAGIC) else { return Ok(None) };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else { return Ok(None) };
    if value.get("sharing").and_then(|s| s.as_str()) != Some(sharing)
        || value.get("device").and_then(|s| s.as_str()) != Some(device)
    {
        return Ok(None);
    }
    Ok(serde_json::from_value(value.get("seen").cloned().unwrap_or_default()).ok())
}

/// How far every other PC still in the council has taken in `device`'s records, by their notes
/// (`i64::MAX` when there is no other PC; `None` when one that has synced says nothing that
/// verifies: then nothing can be told).
pub fn taken_in_by_all(
    session: &Session,
    remote: &dyn Remote,
    keys: &Keys,
    sharing: &str,
    device: &str,
) -> Result<Option<i64>> {
    let others: Vec<(String, String)> = session.read(|r| {
        let mut stmt =
            r.prepare("SELECT id, public_key FROM sync_device WHERE revoked_clock IS NULL AND id <> ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![device], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok::<_, Error>(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })?;
    let present = remote.list("devices")?;
    let mut upto = i64::MAX;
    for (other, public_key) in &others {
        if !present.contains(other) {
            // Never synced (an invitation not used yet): it will start from a snapshot.
            continue;
        }
        match read_seen(remote, keys, sharing, other, public_key)? {
            Some(seen) => upto = upto.min(seen.get(device).copied().unwrap_or(0)),
            None => return Ok(None),
        }
    }
    Ok(Some(upto))
}

/// This PC's record files in the shared folder that every other PC has taken in: their names and
/// how many records they hold. Empty when any PC still in the council has not said so.
pub fn prunable(
    session: &Session,
    remote: &dyn Remote,
    keys: &Keys,
    sharing: &str,
    device: &str,
) -> Result<(Vec<String>, i64)> {
    let Some(upto) = taken_in_by_all(session, remote, keys, sharing, device)? else { return Ok((Vec::new(), 0)) };
    let sent: i64 = session.read(|r| {
        Ok::<_, Error>(r.query_row(
            "SELECT coalesce(max(seq), 0) FROM sync_log WHERE device = ?1 AND sent = 1",
            params![device],
            |row| row.get(0),
        )?)
    })?;
    let upto = upto.min(sent);
    let mut names = Vec::new();
    let mut count = 0;
    for name in remote.list(&format!("devices/{device}"))? {
        if let Some((first, last)) = record::file_range(&name)
            && last <= upto
        {
            names.push(name);
            count += last - first + 1;
        }
    }
    names.sort();
    Ok((names, count))
}

/// Whether a PC starting from a snapshot that holds `included` (each PC's records up to a number)
/// finds every record after it in the shared folder: for each PC, files whose numbers run on from
/// the snapshot's with none missing in between (the file names say which records each holds).
pub(crate) fn connects(remote: &dyn Remote, included: &[crate::share::Held]) -> Result<bool> {
    for device in remote.list("devices")? {
        if uuid::Uuid::parse_str(&device).is_err() {
            continue;
        }
        let mut ranges: Vec<(i64, i64)> =
            remote.list(&format!("devices/{device}"))?.iter().filter_map(|n| record::file_range(n)).collect();
        ranges.sort();
        let mut held = included.iter().find(|h| h.device == device).map_or(0, |h| h.seq);
        for (first, last) in ranges {
            if first > held + 1 {
                return Ok(false);
            }
            held = held.max(last);
        }
    }
    Ok(true)
}
