//! Attached files (meeting papers, later receipts and photos), stored content-addressed inside the data
//! folder as `attachments/<sha256>` and named in the `attachment` table. The same file attached twice
//! is stored once; a file is never changed in place, so backups and hand-overs (which copy the whole
//! `attachments/` folder) always carry what the records point to.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::text::Text;

/// The largest file accepted (a scanned paper is a few MB; a council's data must stay small).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores `bytes` under `dir` (the attachments folder) and records it inside `tx`; returns its SHA-256.
/// The file is written (to a temporary name, synced, then renamed) before the record, so a record never
/// points to a missing file; a file left behind by a rolled-back write is harmless and reused.
pub fn store(tx: &Transaction<'_>, dir: &Path, bytes: &[u8], now: DateTime<Utc>) -> Result<String> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid(
            "file",
            Text::new(
                "ファイルが大きすぎます（50MBまで）。縮小するか分けてから添付してください。",
                "The file is too large (50 MB at most). Make it smaller or split it, then attach it again.",
            ),
        ));
    }
    let sha = sha256_hex(bytes);
    std::fs::create_dir_all(dir)?;
    let path = dir.join(&sha);
    if !path.exists() {
        let partial = dir.join(format!("{sha}.partial"));
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&partial)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&partial, &path)?;
    }
    tx.execute(
        "INSERT INTO attachment (sha256, size, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
        params![sha, bytes.len() as i64, now],
    )?;
    Ok(sha)
}

/// Reads a stored file back, checking that it is still the file recorded.
pub fn read(dir: &Path, sha: &str) -> Result<Vec<u8>> {
    let bytes = std::fs::read(dir.join(sha))?;
    if sha256_hex(&bytes) != sha {
        return Err(Error::Conflict(Text::new(
            "添付ファイルが壊れています。バックアップから復元してください。",
            "An attached file is damaged. Restore it from a backup.",
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_same_file_is_stored_once_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_in_memory().expect("open");
        let now = Utc::now();
        let a = store.write(|tx| store_twice(tx, dir.path(), now)).expect("store");
        assert_eq!(a.len(), 64, "a SHA-256 in hex");
        assert_eq!(read(dir.path(), &a).expect("read"), b"paper", "the bytes come back as stored");
        let files = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(files, 1, "content-addressed: one file for the same content, no partial left");
    }

    fn store_twice(tx: &Transaction<'_>, dir: &Path, now: DateTime<Utc>) -> Result<String> {
        let a = store(tx, dir, b"paper", now)?;
        let b = store(tx, dir, b"paper", now)?;
        assert_eq!(a, b, "the same content has the same name");
        Ok(a)
    }

    #[test]
    fn a_changed_file_is_refused_on_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_in_memory().expect("open");
        let sha = store.write(|tx| super::store(tx, dir.path(), b"paper", Utc::now())).expect("store");
        std::fs::write(dir.path().join(&sha), b"tampered").expect("overwrite");
        assert!(read(dir.path(), &sha).is_err(), "a file that no longer matches its hash must not be served");
    }
}
