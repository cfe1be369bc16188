//! Putting restored or handed-over data in place so that a crash at any moment leaves either the old
//! data or the new, whole — never a database with another council's attachments, or a council
//! without its key.
//!
//! The new data is first staged, complete and checked, in the data folder's `incoming/` (the
//! database, `attachments/`, and for a hand-over `keys/`). Then a journal (`swap.journal`, written
//! aside, synced and renamed into place) says what the swap is; only then is anything live renamed:
//! each live item goes to `replaced/` and its incoming one takes its place. Every step can be done
//! again from where it stopped, so the next opening of the folder ([`finish_pending`], called before
//! the database is opened) completes a swap that a crash interrupted: the staged data was whole and
//! checked before the journal existed, so finishing is always the right way to go. Staging that
//! stopped before the journal was written is simply removed. When the swap is done, the replaced
//! database and attachments are removed (the `before-restore` safety copy holds them) and replaced
//! keys are kept in `backups/keys-before-handover-<time>/`, a replaced outbox that held anything in
//! `backups/outbox-before-handover-<time>/`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::backup::{companion, remove_dir_if_exists, remove_if_exists, sync_dir, write_whole};
use crate::data_dir::DataDir;
use crate::error::Result;

/// What one swap replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Journal {
    /// Whether the incoming data has an attachments folder (without one, the live folder goes).
    pub attachments: bool,
    /// Whether the swap replaces `keys/` (a hand-over), and whether the incoming data has any.
    pub keys: Option<bool>,
    /// Where replaced keys are kept (`backups/keys-before-handover-<time>`), relative to the folder.
    pub keys_kept_in: String,
    /// Whether the swap replaces `outbox/` (a hand-over), and whether the incoming data has one. A
    /// journal written before the outbox travelled has none.
    #[serde(default)]
    pub outbox: Option<bool>,
    /// Where a replaced outbox is kept, relative to the folder.
    #[serde(default)]
    pub outbox_kept_in: String,
}

const JOURNAL: &str = "swap.journal";
const INCOMING: &str = "incoming";
const REPLACED: &str = "replaced";
const DATABASE: &str = "council.sqlite3";

/// The folder the new data is staged in before a swap.
pub(crate) fn incoming(dir: &DataDir) -> PathBuf {
    dir.root().join(INCOMING)
}

/// Clears a leftover `incoming/` (a staging that stopped before its journal) and makes it anew.
pub(crate) fn fresh_incoming(dir: &DataDir) -> Result<PathBuf> {
    let path = incoming(dir);
    remove_dir_if_exists(&path)?;
    fs::create_dir_all(&path)?;
    Ok(path)
}

/// Removes the staged data of a swap that will not happen (a check failed).
pub(crate) fn discard_incoming(dir: &DataDir) {
    let _ = fs::remove_dir_all(incoming(dir));
}

/// Swaps the staged data in `incoming/` into place, as `journal` describes.
pub(crate) fn swap_in(dir: &DataDir, journal: &Journal) -> Result<()> {
    let bytes = serde_json::to_vec(journal).map_err(|e| std::io::Error::other(e.to_string()))?;
    write_whole(&dir.root().join(JOURNAL), &bytes)?;
    sync_dir(dir.root());
    run(dir, journal)
}

/// Completes a swap a crash interrupted, and removes staging a crash left before its swap began.
/// Called at every opening of the folder, before its database is opened. Returns whether a swap was
/// finished.
pub fn finish_pending(dir: &DataDir) -> Result<bool> {
    let path = dir.root().join(JOURNAL);
    let journal: Option<Journal> = match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    match journal {
        Some(journal) => {
            run(dir, &journal)?;
            Ok(true)
        }
        None => {
            // No journal: nothing live was touched. A journal that cannot be read was never
            // renamed into place whole (it is written aside first), so the same holds.
            remove_if_exists(&path)?;
            remove_dir_if_exists(&incoming(dir))?;
            Ok(false)
        }
    }
}

/// Moves one item into place: the live one (if any) to `replaced/`, the incoming one (if the swap
/// brings one) to the live place. Safe to run again after a stop at any point.
fn swap_item(live: &Path, incoming: &Path, replaced: &Path, brings_one: bool) -> Result<()> {
    let incoming_there = fs::symlink_metadata(incoming).is_ok();
    let live_there = fs::symlink_metadata(live).is_ok();
    if brings_one && !incoming_there {
        return Ok(()); // already in place
    }
    if live_there && (incoming_there || !brings_one) && fs::symlink_metadata(replaced).is_err() {
        fs::rename(live, replaced)?;
    } else if live_there && incoming_there {
        // The old item was set aside before and is the one in `replaced/`: this cannot be the old
        // one again, but a stale copy would block the rename; the incoming one is the truth.
        remove_path(live)?;
    }
    if incoming_there {
        fs::rename(incoming, live)?;
    }
    Ok(())
}

/// Whether `dir` holds a file that is not a lock (an outbox the window opened and never used holds none).
fn holds_files(dir: &Path) -> bool {
    fs::read_dir(dir)
        .is_ok_and(|entries| entries.flatten().any(|e| !e.file_name().to_string_lossy().ends_with(".lock")))
}

fn remove_path(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        remove_dir_if_exists(path)
    } else {
        remove_if_exists(path)
    }
}

fn run(dir: &DataDir, journal: &Journal) -> Result<()> {
    let (incoming, replaced) = (incoming(dir), dir.root().join(REPLACED));
    fs::create_dir_all(&replaced)?;
    let live_db = dir.database();
    // The live database's write-ahead log belongs to it alone: replayed onto the incoming file it
    // would corrupt it.
    for suffix in ["-wal", "-shm", "-journal"] {
        remove_if_exists(&companion(&live_db, suffix))?;
    }
    swap_item(&live_db, &incoming.join(DATABASE), &replaced.join(DATABASE), true)?;
    swap_item(&dir.attachments(), &incoming.join("attachments"), &replaced.join("attachments"), journal.attachments)?;
    if let Some(brings_keys) = journal.keys {
        swap_item(&dir.keys(), &incoming.join("keys"), &replaced.join("keys"), brings_keys)?;
    }
    if let Some(brings_outbox) = journal.outbox {
        swap_item(&dir.outbox(), &incoming.join("outbox"), &replaced.join("outbox"), brings_outbox)?;
    }
    sync_dir(dir.root());
    // Replaced keys are kept: a council's signing key is never thrown away.
    let old_keys = replaced.join("keys");
    if fs::symlink_metadata(&old_keys).is_ok() {
        let kept = dir.root().join(&journal.keys_kept_in);
        if let Some(parent) = kept.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::symlink_metadata(&kept).is_err() {
            fs::rename(&old_keys, &kept)?;
        }
    }
    // So are packages that had not gone out, and the record of those that had.
    let old_outbox = replaced.join("outbox");
    if !journal.outbox_kept_in.is_empty() && holds_files(&old_outbox) {
        let kept = dir.root().join(&journal.outbox_kept_in);
        if let Some(parent) = kept.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::symlink_metadata(&kept).is_err() {
            fs::rename(&old_outbox, &kept)?;
        }
    }
    remove_if_exists(&dir.root().join(JOURNAL))?;
    sync_dir(dir.root());
    remove_dir_if_exists(&replaced)?;
    remove_dir_if_exists(&incoming)?;
    Ok(())
}
