//! Is the database file sound? SQLite's own checks (`PRAGMA quick_check` at every start-up, the full
//! `PRAGMA integrity_check` on request), read as a list of problems a person or the support desk can
//! act on. A file that is not a database at all (truncated, overwritten, another program's file) counts
//! as damaged, never as "empty".

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::data_dir::DataDir;
use crate::entry::BackupEntry;
use crate::error::Result;

/// How thoroughly to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `PRAGMA quick_check`: every page and record, without cross-checking indexes (start-up).
    Quick,
    /// `PRAGMA integrity_check`: everything, indexes included (`council check`, backups).
    Full,
}

/// The outcome of an integrity check, as `council check` and Settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IntegrityReport {
    /// True when SQLite found nothing wrong.
    pub ok: bool,
    /// The file checked.
    pub database_file: String,
    /// What SQLite reported, when something is wrong (at most the first 20 lines).
    pub problems: Vec<String>,
    /// When damaged: the newest backup that passed its own check, to restore.
    pub newest_good_backup: Option<BackupEntry>,
}

/// The most problem lines kept: enough to diagnose, short enough to show.
pub(crate) const MAX_PROBLEMS: usize = 20;

/// Checks an open connection's main database; an empty list means sound.
pub fn problems(conn: &Connection, depth: Depth) -> Result<Vec<String>> {
    let pragma = match depth {
        Depth::Quick => "PRAGMA quick_check",
        Depth::Full => "PRAGMA integrity_check",
    };
    let lines = conn
        .prepare(pragma)
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>());
    match lines {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(Vec::new()),
        Ok(mut lines) => {
            lines.truncate(MAX_PROBLEMS);
            Ok(lines)
        }
        Err(e) => damage_or_error(e),
    }
}

/// Checks a database file without changing it (read-only; no migration, no WAL checkpoint of ours).
/// A file that SQLite cannot read as a database is reported as damaged; a file that is merely busy
/// (another program writing) is an error, not damage.
pub fn check_file(path: &Path, depth: Depth) -> Result<Vec<String>> {
    let conn =
        match Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX) {
            Ok(c) => c,
            Err(e) => return damage_or_error(e),
        };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // The check reads every page once: mapped into memory, the pages are not copied out of the
    // kernel's cache one by one (on a 100 MB database, a quarter less time, run while the window
    // starts). Read-only, so no write ever goes through the mapping.
    conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
    problems(&conn, depth)
}

/// The report for `problems` found in `data_dir`'s database, with the newest good backup to offer.
pub fn report(data_dir: &DataDir, problems: Vec<String>, newest_good: Option<BackupEntry>) -> IntegrityReport {
    let ok = problems.is_empty();
    IntegrityReport {
        ok,
        database_file: data_dir.database().display().to_string(),
        problems,
        newest_good_backup: if ok { None } else { newest_good },
    }
}

/// SQLite's "this is not a database" and "the file is malformed" are damage; anything else (busy,
/// permissions) is an ordinary error the caller reports as such.
fn damage_or_error(e: rusqlite::Error) -> Result<Vec<String>> {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(NotADatabase | DatabaseCorrupt) => Ok(vec![e.to_string()]),
        _ => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_file_has_no_problems() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ok.sqlite3");
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").expect("write");
        drop(conn);
        assert!(check_file(&path, Depth::Full).expect("check").is_empty(), "a fresh database is sound");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_damage_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("junk.sqlite3");
        std::fs::write(&path, vec![b'x'; 8192]).expect("write junk");
        let problems = check_file(&path, Depth::Quick).expect("junk is reported, not an error");
        assert!(!problems.is_empty(), "junk must be reported as damaged");
    }

    #[test]
    fn an_overwritten_page_is_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("torn.sqlite3");
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(
            "PRAGMA page_size = 4096; CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('row %d', i) FROM n;",
        )
        .expect("fill");
        drop(conn);
        let mut bytes = std::fs::read(&path).expect("read");
        // Scribble over the third page (a b-tree page of the table or its index).
        bytes[2 * 4096..3 * 4096].fill(0x5a);
        std::fs::write(&path, &bytes).expect("write");
        let problems = check_file(&path, Depth::Full).expect("check");
        assert!(!problems.is_empty(), "a page of garbage must not pass the integrity check");
    }
}
