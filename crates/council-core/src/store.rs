//! The SQLite store: opening with the house pragmas, and the numbered migrations embedded at build
//! time and applied in one transaction at start-up.
//!
//! A shipped migration is never edited; only new ones are appended to [`MIGRATIONS`].

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::desk::APP_VERSION;
use crate::error::{Error, Result};

/// The migrations, in order. The database's `PRAGMA user_version` is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_foundation", include_str!("../migrations/0001_foundation.sql")),
    ("0002_members", include_str!("../migrations/0002_members.sql")),
    ("0003_plan_events", include_str!("../migrations/0003_plan_events.sql")),
    ("0004_meetings", include_str!("../migrations/0004_meetings.sql")),
    ("0005_grants", include_str!("../migrations/0005_grants.sql")),
    ("0006_search_text", include_str!("../migrations/0006_search_text.sql")),
    ("0007_content_version", include_str!("../migrations/0007_content_version.sql")),
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
///
/// A memo made with [`Memo::kept_in`] also keeps its result in a file, for the next opening of the
/// data: the first read of an opening takes it from there if the data is still the version it was
/// worked out at ([`Store::content_id`]) and the key and the app's version are the same. Later reads
/// of the same opening go by the stamp alone, as in memory. The file is a cache: one that cannot be
/// read or written only means the figures are worked out again.
#[derive(Debug)]
pub struct Memo<K, T> {
    last: RefCell<Option<(Stamp, K, T)>>,
    file: Option<PathBuf>,
}

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Self { last: RefCell::new(None), file: None }
    }
}

/// A memo's file: the result, with what it is valid for.
#[derive(Serialize, Deserialize)]
struct KeptResult<V> {
    /// The version of the app that worked it out (a newer one may work it out differently).
    app: String,
    /// The version of the data it was worked out from.
    content: String,
    key: serde_json::Value,
    value: V,
}

impl<K, T> Memo<K, T> {
    /// A memo that also keeps its last result in `file` between openings.
    pub fn kept_in(file: PathBuf) -> Self {
        Self { last: RefCell::new(None), file: Some(file) }
    }
}

impl<K: PartialEq + Serialize, T: Clone + Serialize + DeserializeOwned> Memo<K, T> {
    /// The kept result if nothing was written since it was read with the same key, otherwise `read()`.
    pub fn get_or(&self, store: &Store, key: K, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let stamp = store.stamp()?;
        let first_of_opening = {
            let last = self.last.borrow();
            if let Some((kept_stamp, kept_key, value)) = &*last
                && *kept_stamp == stamp
                && *kept_key == key
            {
                return Ok(value.clone());
            }
            last.is_none()
        };
        let content = match &self.file {
            Some(_) => Some(store.content_id()?),
            None => None,
        };
        if first_of_opening && let Some(value) = self.read_kept(content.as_deref(), &key) {
            *self.last.borrow_mut() = Some((stamp, key, value.clone()));
            return Ok(value);
        }
        let value = read()?;
        if let Some(content) = content {
            self.write_kept(content, &key, &value);
        }
        *self.last.borrow_mut() = Some((stamp, key, value.clone()));
        Ok(value)
    }

    /// The result in the file, if it was worked out by this app from this content with this key.
    fn read_kept(&self, content: Option<&str>, key: &K) -> Option<T> {
        let (file, content) = (self.file.as_ref()?, content?);
        let kept: KeptResult<T> = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
        (kept.app == APP_VERSION && kept.content == content && kept.key == serde_json::to_value(key).ok()?)
            .then_some(kept.value)
    }

    /// Keeps the result in the file (written aside and renamed into place: never half a file).
    fn write_kept(&self, content: String, key: &K, value: &T) {
        let Some(file) = &self.file else { return };
        let Ok(key) = serde_json::to_value(key) else { return };
        let kept = KeptResult { app: APP_VERSION.to_owned(), content, key, value };
        if let Ok(bytes) = serde_json::to_vec(&kept) {
            let _ = crate::backup::write_whole(file, &bytes);
        }
    }
}

/// A new version of the data, set by every committed write and every migration.
const NEW_CONTENT_VERSION: &str = "UPDATE content_version SET id = lower(hex(randomblob(16)))";

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
        tx.execute(NEW_CONTENT_VERSION, [])?;
        tx.commit()?;
        Ok(out)
    }

    /// The version of the data: changes with every committed write ([`Store::write`]) and migration,
    /// never repeats, and moves with the content when the file is copied (a backup, a restore).
    pub fn content_id(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT id FROM content_version", [], |r| r.get(0))?)
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
    tx.execute(NEW_CONTENT_VERSION, [])?;
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
    fn the_content_version_changes_with_every_write_and_migration_and_travels_with_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        let mut store = Store::open(&path).expect("open");
        let first = store.content_id().expect("id");
        assert_eq!(first.len(), 32, "128 random bits in hex: {first}");
        let _: i64 = store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0)).expect("read");
        assert_eq!(store.content_id().expect("id"), first, "a read changes nothing");
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        let second = store.content_id().expect("id");
        assert_ne!(second, first, "a committed write");
        let failed: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('b', '1')", [])?;
            Err(Error::Io(std::io::Error::other("stop")))
        });
        assert!(failed.is_err());
        assert_eq!(store.content_id().expect("id"), second, "a rolled-back write leaves the version");
        drop(store);
        assert_eq!(Store::open(&path).expect("reopen").content_id().expect("id"), second, "kept in the file");

        // A database from before the version existed gets one as it is upgraded.
        let old = dir.path().join("old.sqlite3");
        {
            let mut conn = Connection::open(&old).expect("open");
            register_functions(&conn).expect("functions");
            let tx = conn.transaction().expect("tx");
            for (_, sql) in &MIGRATIONS[..6] {
                tx.execute_batch(sql).expect("migration");
            }
            tx.pragma_update(None, "user_version", 6).expect("version");
            tx.commit().expect("commit");
        }
        let upgraded = Store::open(&old).expect("upgrade").content_id().expect("id");
        assert_eq!(upgraded.len(), 32);
        assert_ne!(upgraded, second);
    }

    /// A memo kept in a file, and a counter of its reads.
    fn kept(dir: &Path) -> (Memo<&'static str, i64>, std::cell::Cell<u32>) {
        (Memo::kept_in(dir.join("cache/count.json")), std::cell::Cell::new(0))
    }

    fn count_settings(store: &Store, reads: &std::cell::Cell<u32>) -> Result<i64> {
        reads.set(reads.get() + 1);
        Ok(store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0))?)
    }

    #[test]
    fn a_kept_memo_serves_the_next_opening_while_the_data_is_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        let mut store = Store::open(&path).expect("open");
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 1);
        assert_eq!(reads.get(), 1);
        assert!(dir.path().join("cache/count.json").is_file(), "the result is kept in the file");
        drop(store);

        // The next opening: the figure comes from the file, not from the data.
        let mut store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("kept"), 1);
        assert_eq!(reads.get(), 0, "unchanged data: read from the file");
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("kept"), 1);
        assert_eq!(reads.get(), 0, "then from memory");

        // A write in this opening: read again, and the file follows.
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('b', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 2);
        assert_eq!(reads.get(), 1);
        drop(store);
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("kept"), 2);
        assert_eq!(reads.get(), 0, "the file has the figure of the data as it is now");
        let (memo, reads) = kept(dir.path());
        memo.get_or(&store, "other", || count_settings(&store, &reads)).expect("read");
        assert_eq!(reads.get(), 1, "another key is worked out");
    }

    #[test]
    fn a_kept_memo_is_not_used_for_other_data() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        let copy = dir.path().join("before.sqlite3");
        let mut store = Store::open(&path).expect("open");
        std::fs::copy(&path, &copy).expect("a copy from before (a backup)");
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 1);
        drop(store);

        // Written while the app was closed, by another process going through the store (the CLI).
        let mut other = Store::open(&path).expect("the CLI");
        other.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('c', '1')", [])?)).expect("write");
        drop(other);
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 2);
        assert_eq!(reads.get(), 1, "changed since the file was written: worked out again");
        drop(store);

        // The copy from before put back (a restore): its own content, not the file's.
        std::fs::copy(&copy, &path).expect("restore");
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 0);
        assert_eq!(reads.get(), 1, "restored content: worked out again");

        // A file that is damaged, or from another version of the app, is not used, and is replaced.
        for kept_text in [
            "{not json",
            &std::fs::read_to_string(dir.path().join("cache/count.json"))
                .expect("file")
                .replace(APP_VERSION, "0.0.0-other"),
        ] {
            std::fs::write(dir.path().join("cache/count.json"), kept_text).expect("write");
            let (memo, reads) = kept(dir.path());
            assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 0);
            assert_eq!(reads.get(), 1, "worked out again: {kept_text}");
            let (memo, reads) = kept(dir.path());
            memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("kept");
            assert_eq!(reads.get(), 0, "and kept again");
        }
    }

    #[test]
    fn a_kept_memo_that_cannot_be_written_still_gives_the_figure() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("c.sqlite3")).expect("open");
        std::fs::write(dir.path().join("cache"), "a file where the folder should be").expect("block the folder");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("read"), 0);
        assert_eq!(memo.get_or(&store, "all", || count_settings(&store, &reads)).expect("kept"), 0);
        assert_eq!(reads.get(), 1, "kept in memory all the same");
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
