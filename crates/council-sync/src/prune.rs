//! Keeping the shared folder from growing for ever: old records go once every PC has them and a
//! snapshot holds them.
//!
//! Each PC says, at the end of every sync, how far it has taken in every PC's records: a small file
//! `devices/<device>/seen-<clock>.json` in its own folder, signed with its key and encrypted for the
//! council like a record (so the folder's host can neither read nor forge it; an old one replayed
//! only says less). Only a PC keeping the roster takes snapshots (one without the roster's personal
//! details would lose them for the keeping PCs that start from it), so such a PC removes its own
//! record files and those of the PCs that take no snapshot of their own (their officers do not keep
//! the roster, or they were revoked), and only those that
//!
//! 1. every other PC still in the council (not revoked) says it has taken in — a PC that has synced
//!    at least once but says nothing (an older app) holds everything back, and a PC that has never
//!    synced (an invitation not used yet) is not waited for: it will start from a snapshot;
//! 2. a snapshot holds: the PC takes one first, of everything it has, and only then removes the
//!    files (killed in between, the files stay and the next sync tries again).
//!
//! A PC whose files another removed does not send them again: it sends again only the records
//! missing from the folder that some PC has not taken in.
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

/// What every other PC still in the council last said it has taken in, read once for a sync (a
/// note read early says no more than a later one would: what is decided from it errs on keeping).
#[derive(Debug)]
pub struct Seen {
    /// Each other PC that has synced at least once, with what it said (`None`: nothing that
    /// verifies, so nothing can be told).
    others: Vec<(String, Option<BTreeMap<String, i64>>)>,
}

impl Seen {
    /// Reads the notes of every PC still in the council but `here` (a PC that has never synced — an
    /// invitation not used yet — is not waited for: it will start from a snapshot).
    pub fn read(session: &Session, remote: &dyn Remote, keys: &Keys, sharing: &str, here: &str) -> Result<Self> {
        let devices: Vec<(String, String)> = session.read(|r| {
            let mut stmt = r.prepare(
                "SELECT id, public_key FROM sync_device WHERE revoked_clock IS NULL AND id <> ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map(params![here], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok::<_, Error>(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        let present = remote.list("devices")?;
        let mut others = Vec::new();
        for (other, public_key) in devices.into_iter().filter(|(d, _)| present.contains(d)) {
            let seen = read_seen(remote, keys, sharing, &other, &public_key)?;
            others.push((other, seen));
        }
        Ok(Self { others })
    }

    /// How far every PC still in the council but `device` has taken in `device`'s records: the
    /// others by their notes, this PC by `here` (what [`seen_here`] says now); `i64::MAX` when there
    /// is no other PC, `None` when one that has synced says nothing that verifies.
    pub fn taken_in_by_all(&self, here: Option<&BTreeMap<String, i64>>, device: &str) -> Option<i64> {
        let mut upto = here.map_or(i64::MAX, |seen| seen.get(device).copied().unwrap_or(0));
        for (_, seen) in self.others.iter().filter(|(other, _)| other != device) {
            upto = upto.min(seen.as_ref()?.get(device).copied().unwrap_or(0));
        }
        Some(upto)
    }
}

/// `device`'s record files in the shared folder that every other PC has taken in and a snapshot
/// this PC takes now would hold: their names and how many records they hold. For this PC's own
/// (`device == here`), those it has sent; for another's, those it has taken in itself. Empty when
/// any PC still in the council has not said how far it is.
pub fn prunable(
    session: &Session,
    remote: &dyn Remote,
    seen: &Seen,
    here: &str,
    device: &str,
) -> Result<(Vec<String>, i64)> {
    let (held, here_seen) = session.read(|r| {
        let sent: i64 = r.query_row(
            "SELECT coalesce(max(seq), 0) FROM sync_log WHERE device = ?1 AND sent = 1",
            params![device],
            |row| row.get(0),
        )?;
        let here_seen = seen_here(r)?;
        let held = match device == here {
            true => sent,
            false => here_seen.get(device).copied().unwrap_or(0),
        };
        Ok::<_, Error>((held, here_seen))
    })?;
    let others_too = (device != here).then_some(&here_seen);
    let Some(upto) = seen.taken_in_by_all(others_too, device) else { return Ok((Vec::new(), 0)) };
    let upto = upto.min(held);
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

/// How far the PCs in `devices` (id, public key) say they have taken in each *other* PC's records:
/// the most any says. A PC removes its files only once every PC has taken them in, so a snapshot
/// holding less than this of a PC whose files are gone lacks records no file brings.
pub(crate) fn claimed(
    remote: &dyn Remote,
    keys: &Keys,
    sharing: &str,
    devices: &[(String, String)],
) -> Result<BTreeMap<String, i64>> {
    let mut most = BTreeMap::new();
    for (device, public_key) in devices {
        let Some(seen) = read_seen(remote, keys, sharing, device, public_key)? else { continue };
        // What a PC says of itself may count records it has not sent yet.
        for (other, upto) in seen.into_iter().filter(|(other, _)| other != device) {
            let entry = most.entry(other).or_insert(0);
            *entry = upto.max(*entry);
        }
    }
    Ok(most)
}

/// Whether a PC starting from a snapshot that holds `included` (each PC's records up to a number)
/// finds every record after it in the shared folder: for each PC, files whose numbers run on from
/// the snapshot's with none missing in between (the file names say which records each holds), up to
/// at least what the other PCs say they have taken in of it (`claimed`: records tidied away under a
/// newer snapshot are not there to fetch).
pub(crate) fn connects(
    remote: &dyn Remote,
    included: &[crate::share::Held],
    claimed: &BTreeMap<String, i64>,
) -> Result<bool> {
    let mut devices: Vec<String> =
        remote.list("devices")?.into_iter().filter(|d| uuid::Uuid::parse_str(d).is_ok()).collect();
    devices.extend(claimed.keys().filter(|d| !devices.contains(d)).cloned().collect::<Vec<_>>());
    for device in devices {
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
        if held < claimed.get(&device).copied().unwrap_or(0) {
            return Ok(false);
        }
    }
    Ok(true)
}
