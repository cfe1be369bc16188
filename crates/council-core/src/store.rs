//! The SQLite store: opening with the house pragmas, and the numbered migrations embedded at build
//! time and applied in one transaction at start-up.
//!
//! A shipped migration is never edited; only new ones are appended to [`MIGRATIONS`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// The migrations, in order. The database's `PRAGMA user_version` is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_foundation", include_str!("../migrations/0001_foundation.sql")),
    ("0002_members", include_str!("../migrations/0002_members.sql")),
    ("0003_plan_events", include_str!("../migrations/0003_plan_events.sql")),
    ("0004_meetings", include_str!("../migrations/0004_meetings.sql")),
    ("0005_grants", include_str!("../migrations/0005_grants.sql")),
    ("0006_search_text", include_str!("../migrations/0006_search_text.sql")),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// An open council database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Unique to this opening in this process (see [`Stamp`]).
    opening: u64,
}

/// The database's content as of a moment: two stamps of the same store are equal only if no row was
/// written in between, on this connection or by another process (the CLI) on the same file. A store
/// opened again (after a restore) never repeats a stamp of an earlier opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    opening: u64,
    /// Rows written on this connection (SQLite's `total_changes`: a statement that changes anything,
    /// even through a trigger or a cascade, changes at least one row itself).
    written_here: u64,
    /// SQLite's `data_version`: changes when another connection commits.
    written_elsewhere: i64,
}

/// The last result of one read, given again while the database's [`Stamp`] and the read's key are
/// unchanged. For the figures Home opens with, so that they can be prepared while the window starts.
#[derive(Debug)]
pub struct Memo<K, T>(RefCell<Option<(Stamp, K, T)>>);

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Self(RefCell::new(None))
    }
}

impl<K: PartialEq, T: Clone> Memo<K, T> {
    /// The kept result if nothing was written since it was read with the same key, otherwise `read()`.
    pub fn get_or(&self, store: &Store, key: K, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let stamp = store.stamp()?;
        if let Some((kept_stamp, kept_key, value)) = &*self.0.borrow()
            && *kept_stamp == stamp
            && *kept_key == key
        {
            return Ok(value.clone());
        }
        let value = read()?;
        *self.0.borrow_mut() = Some((stamp, key, value.clone()));
        Ok(value)
    }
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date. A database
    /// written by a newer app is refused untouched.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A fresh database in memory (tests).
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        // Durability beats speed for a council's small data: WAL with full sync.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A 16 MB page cache (SQLite's default is 2 MB) keeps the tables a search scans in memory
        // between keystrokes on a large council.
        conn.pragma_update(None, "cache_size", -16384)?;
        register_functions(&conn)?;
        migrate(&mut conn)?;
        static OPENINGS: AtomicU64 = AtomicU64::new(0);
        Ok(Self { conn, path, opening: OPENINGS.fetch_add(1, Ordering::Relaxed) })
    }

    /// A stand-in while the real file is closed (during a restore): in memory and read-only, so a
    /// write that slipped through would fail loudly instead of vanishing with the memory.
    pub fn closed() -> Result<Self> {
        let store = Self::open_in_memory()?;
        store.conn.pragma_update(None, "query_only", true)?;
        Ok(store)
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file, if it is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one immediate transaction: it commits once if `f` succeeds, and not at all otherwise.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// The content's [`Stamp`] now.
    pub fn stamp(&self) -> Result<Stamp> {
        Ok(Stamp {
            opening: self.opening,
            written_here: self.conn.total_changes(),
            written_elsewhere: self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?,
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// The SQL functions the schema's write paths and migrations use: `council_fold(text)` is
/// [`crate::kana::fold`], so a folded search column is filled by the same code that folds a query.
fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "council_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| Ok(crate::kana::fold(&ctx.get::<Option<String>>(0)?.unwrap_or_default())),
    )?;
    Ok(())
}

/// Applies every migration not yet applied, all in one transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let latest = latest_version();
    if current > latest {
        return Err(Error::NewerSchema { found: current, supported: latest });
    }
    if current == latest {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for (_, sql) in &MIGRATIONS[current as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(())
}

/// The schema as SQL text, in a stable order (for the snapshot test and for support).
pub fn schema_sql(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = String::new();
    for sql in rows {
        out.push_str(&sql?);
        out.push_str(";\n\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_migration() {
        let store = Store::open_in_memory().expect("open");
        assert_eq!(store.schema_version().expect("version"), latest_version(), "all migrations applied");
    }

    #[test]
    fn pragmas_are_set_at_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("c.sqlite3")).expect("open");
        let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
        assert_eq!(mode, "wal", "WAL keeps readers and the writer apart and survives crashes");
        let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).expect("fk");
        assert_eq!(fk, 1, "foreign keys must be enforced");
        let sync: i64 = store.conn().pragma_query_value(None, "synchronous", |r| r.get(0)).expect("sync");
        assert_eq!(sync, 2, "synchronous=FULL: durability beats speed");
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        {
            let conn = Connection::open(&path).expect("open");
            conn.pragma_update(None, "user_version", latest_version() + 1).expect("set version");
            conn.execute_batch("CREATE TABLE from_the_future (x INTEGER);").expect("table");
        }
        let err = Store::open(&path).expect_err("a newer schema must be refused");
        assert!(matches!(err, Error::NewerSchema { .. }), "got {err:?}");
        let conn = Connection::open(&path).expect("reopen");
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("v");
        assert_eq!(v, latest_version() + 1, "the file's version must not change");
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'council'", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 0, "no migration may have run on a newer database");
    }

    #[test]
    fn a_failed_write_commits_nothing() {
        let mut store = Store::open_in_memory().expect("open");
        let result: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?;
            tx.execute("INSERT INTO setting (key, value) VALUES ('a', '2')", [])?; // duplicate key
            Ok(())
        });
        assert!(result.is_err(), "the duplicate key must fail");
        let n: i64 = store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0)).expect("count");
        assert_eq!(n, 0, "the first insert must be rolled back with the second");
    }

    #[test]
    fn the_stamp_moves_with_every_write_here_or_elsewhere_and_never_with_a_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        let mut store = Store::open(&path).expect("open");
        let first = store.stamp().expect("stamp");
        let _: i64 = store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0)).expect("read");
        assert_eq!(store.stamp().expect("stamp"), first, "a read changes nothing");

        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        let after_own = store.stamp().expect("stamp");
        assert_ne!(after_own, first, "a write on this connection");

        let other = Connection::open(&path).expect("another process");
        other.execute("UPDATE setting SET value = '2' WHERE key = 'a'", []).expect("write elsewhere");
        let after_other = store.stamp().expect("stamp");
        assert_ne!(after_other, after_own, "a write committed by another connection (the CLI)");

        let failed: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('b', '1')", [])?;
            Err(Error::Io(std::io::Error::other("stop")))
        });
        assert!(failed.is_err());
        assert_ne!(store.stamp().expect("stamp"), after_other, "a rolled-back write may only make a memo read again");

        drop(store);
        let reopened = Store::open(&path).expect("reopen");
        assert_ne!(reopened.stamp().expect("stamp"), first, "a new opening never repeats an old stamp");
    }

    #[test]
    fn a_memo_reads_again_after_a_write_or_for_another_key() {
        let mut store = Store::open_in_memory().expect("open");
        let memo: Memo<&str, i64> = Memo::default();
        let reads = std::cell::Cell::new(0);
        let count = |store: &Store| {
            reads.set(reads.get() + 1);
            Ok(store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0))?)
        };
        assert_eq!(memo.get_or(&store, "all", || count(&store)).expect("read"), 0);
        assert_eq!(memo.get_or(&store, "all", || count(&store)).expect("kept"), 0);
        assert_eq!(reads.get(), 1, "unchanged data: the kept result");
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(&store, "all", || count(&store)).expect("read"), 1, "read again after the write");
        memo.get_or(&store, "other", || count(&store)).expect("read");
        assert_eq!(reads.get(), 3, "another key is read (only the last result is kept)");
        let failed = memo.get_or(&store, "all", || Err(Error::Io(std::io::Error::other("unreadable"))));
        assert!(failed.is_err(), "the kept result was for another key: read, and its failure given");
        assert_eq!(memo.get_or(&store, "all", || count(&store)).expect("read"), 1, "a failed read keeps nothing");
        assert_eq!(reads.get(), 4);
    }

    #[test]
    fn the_closed_stand_in_refuses_writes() {
        let mut store = Store::closed().expect("closed");
        let result = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?;
            Ok(())
        });
        assert!(result.is_err(), "a write while the real file is closed must fail, not vanish in memory");
    }
}
