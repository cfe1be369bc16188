//! The SQLite store: opening with the house pragmas, and the numbered migrations embedded at build
//! time and applied in one transaction at start-up.
//!
//! A shipped migration is never edited; only new ones are appended to [`MIGRATIONS`].

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::DataModel;
use crate::session::Write;

/// This build's version (the whole workspace shares one): written into backups, kept figures and
/// exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The migrations, in order. The database's `PRAGMA user_version` is the number applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_foundation", include_str!("../migrations/0001_foundation.sql")),
    ("0002_members", include_str!("../migrations/0002_members.sql")),
    ("0003_plan_events", include_str!("../migrations/0003_plan_events.sql")),
    ("0004_meetings", include_str!("../migrations/0004_meetings.sql")),
    ("0005_grants", include_str!("../migrations/0005_grants.sql")),
    ("0006_search_text", include_str!("../migrations/0006_search_text.sql")),
    ("0007_content_version", include_str!("../migrations/0007_content_version.sql")),
    ("0008_accounts", include_str!("../migrations/0008_accounts.sql")),
    ("0009_ledger_reversals", include_str!("../migrations/0009_ledger_reversals.sql")),
    ("0010_accounts_audit", include_str!("../migrations/0010_accounts_audit.sql")),
    ("0011_grant_ledger", include_str!("../migrations/0011_grant_ledger.sql")),
    ("0012_sharing", include_str!("../migrations/0012_sharing.sql")),
    ("0013_sync_touch", include_str!("../migrations/0013_sync_touch.sql")),
    ("0014_issue_dates", include_str!("../migrations/0014_issue_dates.sql")),
    ("0015_name_parts", include_str!("../migrations/0015_name_parts.sql")),
    ("0016_event_notice", include_str!("../migrations/0016_event_notice.sql")),
    ("0017_relation", include_str!("../migrations/0017_relation.sql")),
    ("0018_receipt_numbers", include_str!("../migrations/0018_receipt_numbers.sql")),
    ("0019_advance_claim", include_str!("../migrations/0019_advance_claim.sql")),
    ("0020_circulation", include_str!("../migrations/0020_circulation.sql")),
    ("0021_project_income", include_str!("../migrations/0021_project_income.sql")),
    ("0022_written_votes", include_str!("../migrations/0022_written_votes.sql")),
    ("0023_bylaw_comparison", include_str!("../migrations/0023_bylaw_comparison.sql")),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// An open council database: the connection writes go through.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// The last result of one read, given again while the data's version ([`Store::content_id`]) and
/// the read's key are unchanged. For the figures Home opens with, so that they can be prepared while
/// the window starts and are not worked out again until the data changes.
///
/// A memo made with [`Memo::kept_in`] also keeps its result in a file, for the next opening of the
/// data: a read takes it from there if the data is still the version it was worked out at and the
/// key and the app's version are the same. The file is a cache: one that cannot be read or written
/// only means the figures are worked out again.
///
/// The version is read on whichever connection asks (a write commits a new one), so one memo serves
/// every reading connection of the data.
#[derive(Debug)]
pub struct Memo<K, T> {
    last: Mutex<Option<(String, K, T)>>,
    file: Option<PathBuf>,
}

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Self { last: Mutex::new(None), file: None }
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
        Self { last: Mutex::new(None), file: Some(file) }
    }
}

impl<K: PartialEq + Serialize, T: Clone + Serialize + DeserializeOwned> Memo<K, T> {
    /// The kept result if the data has not changed since it was read with the same key, otherwise
    /// `read()`. `conn` reads the data's version; `read` should read through the same connection
    /// (inside one read transaction, the two agree).
    pub fn get_or(&self, conn: &Connection, key: K, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let content = content_id(conn)?;
        {
            let last = self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((kept_content, kept_key, value)) = &*last
                && *kept_content == content
                && *kept_key == key
            {
                return Ok(value.clone());
            }
        }
        if let Some(value) = self.read_kept(&content, &key) {
            self.keep(content, key, value.clone());
            return Ok(value);
        }
        let value = read()?;
        self.write_kept(&content, &key, &value);
        self.keep(content, key, value.clone());
        Ok(value)
    }

    fn keep(&self, content: String, key: K, value: T) {
        *self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((content, key, value));
    }

    /// The result in the file, if it was worked out by this app from this content with this key.
    fn read_kept(&self, content: &str, key: &K) -> Option<T> {
        let file = self.file.as_ref()?;
        let kept: KeptResult<T> = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
        (kept.app == APP_VERSION && kept.content == content && kept.key == serde_json::to_value(key).ok()?)
            .then_some(kept.value)
    }

    /// Keeps the result in the file (written aside and renamed into place: never half a file).
    fn write_kept(&self, content: &str, key: &K, value: &T) {
        let Some(file) = &self.file else { return };
        let Ok(key) = serde_json::to_value(key) else { return };
        let kept = KeptResult { app: APP_VERSION.to_owned(), content: content.to_owned(), key, value };
        if let Ok(bytes) = serde_json::to_vec(&kept) {
            let _ = crate::backup::write_whole(file, &bytes);
        }
    }
}

/// The version of the data as `conn` sees it (see [`Store::content_id`]).
pub fn content_id(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT id FROM content_version", [], |r| r.get(0))?)
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
        // The writer's prepared statements are kept (rusqlite keeps 16): a use case, its capture and
        // applying another PC's records each run more than that, and parsing them again on every
        // write was a measurable part of it.
        conn.set_prepared_statement_cache_capacity(128);
        register_functions(&conn)?;
        migrate(&mut conn)?;
        // A data file without its version row gets one (a PC that joined a shared council started
        // from a snapshot, which leaves this PC's own tables empty): the figures kept between
        // openings are keyed by it, and without it they could not be worked out at all.
        conn.execute(
            "INSERT OR IGNORE INTO content_version (singleton, id) VALUES (1, lower(hex(randomblob(16))))",
            [],
        )?;
        Ok(Self { conn, path })
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
    /// Every committed write gives the data a new version ([`Store::content_id`]).
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_in(f)
    }

    /// Runs `f` in one immediate transaction that is never captured as a change record (applying
    /// the records another PC made).
    pub fn write_uncaptured<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.write_in(f)
    }

    fn write_in<T, E: From<Error>>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(Error::from)?;
        let out = f(&tx)?;
        tx.execute(NEW_CONTENT_VERSION, []).map_err(Error::from)?;
        tx.commit().map_err(Error::from)?;
        Ok(out)
    }

    /// Runs one use case's write in one transaction, as [`Store::write`] does, through the write
    /// context: the instant of the use case and the operator (asked of `model` inside the transaction)
    /// for every audit entry it records.
    pub fn write_as<T, E: From<Error>>(
        &mut self,
        now: DateTime<Utc>,
        model: &dyn DataModel,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.write_in(|tx| {
            let actor = model.operator(tx)?;
            let capture = crate::capture::Capture::begin(tx).map_err(E::from)?;
            let out = f(&Write::new(tx, now, actor.clone()))?;
            if let Some(capture) = capture {
                capture.finish(tx, now, &actor).map_err(E::from)?;
            }
            Ok(out)
        })
    }

    /// A connection for reading the database at `path` beside the writer: WAL lets it read a
    /// consistent snapshot while a write is under way. It has the store's SQL functions and refuses
    /// to write.
    pub fn reader(path: &Path) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -16384)?;
        conn.pragma_update(None, "query_only", true)?;
        register_functions(&conn)?;
        Ok(conn)
    }

    /// The version of the data: changes with every committed write ([`Store::write`]) and migration,
    /// never repeats, and moves with the content when the file is copied (a backup, a restore).
    pub fn content_id(&self) -> Result<String> {
        content_id(&self.conn)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// The SQL functions the schema's write paths, migrations and searches use: `council_fold(text)` is
/// [`council_base::kana::fold`], so a folded search column is filled by the same code that folds a
/// query; `council_person_key(name, reading, phone)` is [`council_base::kana::person_key`];
/// `council_key_matches(key, query)` is [`council_base::kana::key_matches`].
fn register_functions(conn: &Connection) -> Result<()> {
    use council_base::kana;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    let text = |ctx: &rusqlite::functions::Context<'_>, i: usize| -> rusqlite::Result<String> {
        Ok(ctx.get::<Option<String>>(i)?.unwrap_or_default())
    };
    conn.create_scalar_function("council_fold", 1, flags, move |ctx| Ok(kana::fold(&text(ctx, 0)?)))?;
    conn.create_scalar_function("council_person_key", 3, flags, move |ctx| {
        Ok(kana::person_key(&text(ctx, 0)?, &text(ctx, 1)?, &text(ctx, 2)?))
    })?;
    conn.create_scalar_function("council_key_matches", 2, flags, move |ctx| {
        Ok(kana::key_matches(&text(ctx, 0)?, &text(ctx, 1)?))
    })?;
    Ok(())
}

/// Rolls back a transaction that a stopped process left in a rollback journal (`<file>-journal`:
/// before the file is in WAL mode, its very first write — switching to WAL — goes through one). A
/// read-only connection cannot undo it and would refuse the file, so a read-write one reads the file
/// once first, which makes SQLite roll the journal back.
pub(crate) fn roll_back_interrupted(file: &Path) -> Result<()> {
    let mut journal = file.as_os_str().to_owned();
    journal.push("-journal");
    if std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
        let conn =
            Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    }
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

/// Applies migrations 1 to `version` to an empty database `conn` (with the store's SQL functions):
/// the schema this app makes at that version, for comparing a file from outside with it.
pub(crate) fn migrate_to(conn: &Connection, version: i64) -> Result<()> {
    register_functions(conn)?;
    let upto = usize::try_from(version.clamp(0, latest_version())).unwrap_or_default();
    conn.execute_batch("BEGIN")?;
    for (_, sql) in &MIGRATIONS[..upto] {
        conn.execute_batch(sql)?;
    }
    conn.execute_batch("COMMIT")?;
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

    /// The SHA-256 of every shipped migration, as `sqlx::migrate!` keeps them: a council's database
    /// that applied a migration must never meet a different text under the same number. A new
    /// migration records its checksum here in the same commit that adds it.
    const SHIPPED: &[(&str, &str)] = &[
        ("0001_foundation", "b409ff9482f6af1bfa7a0bb37d319553f15114fea9653f3b7404a2de4de01ffb"),
        ("0002_members", "f5dad05ae9052fcc5079497cf9d929e0afa1a5b7331e08acb6b96fcccb658726"),
        ("0003_plan_events", "5b6a703c31ab4a8ad1b0e68b8995745c0a29b6cef9c52647dc36b606fd8671c9"),
        ("0004_meetings", "0a33840890099d77d7574ecac0afae4fa65e0429e9e51362ddd21a4559de6b0b"),
        ("0005_grants", "6db37442543ad35eaee1b21c03cd25bd4021a751028fbcd1a24c5fb3ee192968"),
        ("0006_search_text", "ccd8eb00c7b1a06b819e81bdadc9a81bf558186a8abbc2be44cf95790eb4164e"),
        ("0007_content_version", "896e66ea6799116b14d84b080ec6f5789e7f7d6a9aaddc35e1bc81960fd2a6e4"),
        ("0008_accounts", "2269dd9eadf3d1363809be86cacbee7ed298b6ceb6e141f4370475540889f90c"),
        ("0009_ledger_reversals", "ae4f01819386324ab32d5aa97e7cbaee340e54407962e45d86924003fa2cbb48"),
        ("0010_accounts_audit", "ac88b21c4ac30dc0b7a43513057039c9be903a454a6b36fe31e067e2ead3d539"),
        ("0011_grant_ledger", "df1d309d8029ce3d791d60bcb3392b9bb483568e9f364777485fd1d85b45da4b"),
        ("0012_sharing", "45e1fd41034af4404356c9b8c81d1a4ae0c39690ada1c794c03490dfdc12fc8f"),
        ("0013_sync_touch", "7719cbaa030fbb341b8afb3791d744905989765844bfe7001fd62e1b7129f778"),
        ("0014_issue_dates", "b01699173ee7910d9e0d7924547a05e6f96faee802328c8497b6c709e89b2724"),
        ("0015_name_parts", "1b03b9c9d3536829a2bed5f0169aabb6c75612de30c1a81fede24333092bc6ab"),
        ("0016_event_notice", "c90440f80d1ed07ea2daf64910a0d483c1446a707995ee545dd779d0d4a4a877"),
        ("0017_relation", "2a7c1658aff814cee5a082135c4acccedec1a3dfda7ddb997f6afde2a0bfc8c1"),
        ("0018_receipt_numbers", "e57f7a2da469678c5661a1aef468c03cbd2da591b64befc89b8149bc39282145"),
        ("0019_advance_claim", "70535e328b28497b6a796d79f12cb3178a51c8be131f37df7632a25f24fca0e0"),
        ("0020_circulation", "000e5480169dac89bc0bb9d165a0c5d1b690a05c702846f08a42362dd4415a2b"),
        ("0021_project_income", "59347089d7019aa0b928f6f78ddfdd8fcb6cff8430d5d78839b419b8fc4cb42e"),
        ("0022_written_votes", "07e03b398160f79d848ffbfa9f0b09c518fce411df26ea59e7eb75cd08b3b1de"),
        ("0023_bylaw_comparison", "12d79e96a42cafd7f598c66930cb757793ae6b39d67d0cba57505212ec5f1970"),
    ];

    #[test]
    fn shipped_migrations_are_never_edited_removed_or_reordered() {
        use sha2::{Digest, Sha256};
        assert!(
            MIGRATIONS.len() >= SHIPPED.len(),
            "a shipped migration was removed: databases that applied it would be misread"
        );
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let sum = hex_of(&Sha256::digest(sql.as_bytes()));
            let Some((shipped_name, shipped_sum)) = SHIPPED.get(i) else {
                panic!("migration {name} has no recorded checksum: add (\"{name}\", \"{sum}\") to SHIPPED");
            };
            assert_eq!(name, shipped_name, "migration {} must stay number {}", shipped_name, i + 1);
            assert_eq!(
                &sum, shipped_sum,
                "migration {name} was edited after it shipped: add a new migration instead, and put this file back"
            );
        }
    }

    fn hex_of(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

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
    fn a_memo_serves_every_connection_and_reads_again_after_a_write_here_or_elsewhere() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite3");
        let mut store = Store::open(&path).expect("open");
        let reader = Store::reader(&path).expect("a reading connection beside the writer");
        let memo: Memo<&str, i64> = Memo::default();
        let reads = std::cell::Cell::new(0);
        let count = |conn: &Connection| {
            reads.set(reads.get() + 1);
            Ok(conn.query_row("SELECT count(*) FROM setting", [], |r| r.get(0))?)
        };
        assert_eq!(memo.get_or(&reader, "all", || count(&reader)).expect("read"), 0);
        assert_eq!(memo.get_or(store.conn(), "all", || count(store.conn())).expect("kept"), 0);
        assert_eq!(reads.get(), 1, "another connection to the same data: the kept result");
        let _: i64 = store.conn().query_row("SELECT count(*) FROM setting", [], |r| r.get(0)).expect("read");
        memo.get_or(&reader, "all", || count(&reader)).expect("kept");
        assert_eq!(reads.get(), 1, "a read changes nothing");

        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(&reader, "all", || count(&reader)).expect("read"), 1, "a write by the writer");
        assert_eq!(reads.get(), 2);

        let mut other = Store::open(&path).expect("another process going through the store (the CLI)");
        other.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('b', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(&reader, "all", || count(&reader)).expect("read"), 2, "a write committed elsewhere");
        assert_eq!(reads.get(), 3);

        let failed: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO setting (key, value) VALUES ('c', '1')", [])?;
            Err(Error::Io(std::io::Error::other("stop")))
        });
        assert!(failed.is_err());
        memo.get_or(&reader, "all", || count(&reader)).expect("kept");
        assert_eq!(reads.get(), 3, "a rolled-back write leaves the data, and the kept result, as they were");
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
        assert_eq!(memo.get_or(store.conn(), "all", || count(&store)).expect("read"), 0);
        assert_eq!(memo.get_or(store.conn(), "all", || count(&store)).expect("kept"), 0);
        assert_eq!(reads.get(), 1, "unchanged data: the kept result");
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('a', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(store.conn(), "all", || count(&store)).expect("read"), 1, "read again after the write");
        memo.get_or(store.conn(), "other", || count(&store)).expect("read");
        assert_eq!(reads.get(), 3, "another key is read (only the last result is kept)");
        let failed = memo.get_or(store.conn(), "all", || Err(Error::Io(std::io::Error::other("unreadable"))));
        assert!(failed.is_err(), "the kept result was for another key: read, and its failure given");
        assert_eq!(memo.get_or(store.conn(), "all", || count(&store)).expect("read"), 1, "a failed read keeps nothing");
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
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 1);
        assert_eq!(reads.get(), 1);
        assert!(dir.path().join("cache/count.json").is_file(), "the result is kept in the file");
        drop(store);

        // The next opening: the figure comes from the file, not from the data.
        let mut store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("kept"), 1);
        assert_eq!(reads.get(), 0, "unchanged data: read from the file");
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("kept"), 1);
        assert_eq!(reads.get(), 0, "then from memory");

        // A write in this opening: read again, and the file follows.
        store.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('b', '1')", [])?)).expect("write");
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 2);
        assert_eq!(reads.get(), 1);
        drop(store);
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("kept"), 2);
        assert_eq!(reads.get(), 0, "the file has the figure of the data as it is now");
        let (memo, reads) = kept(dir.path());
        memo.get_or(store.conn(), "other", || count_settings(&store, &reads)).expect("read");
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
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 1);
        drop(store);

        // Written while the app was closed, by another process going through the store (the CLI).
        let mut other = Store::open(&path).expect("the CLI");
        other.write(|tx| Ok(tx.execute("INSERT INTO setting (key, value) VALUES ('c', '1')", [])?)).expect("write");
        drop(other);
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 2);
        assert_eq!(reads.get(), 1, "changed since the file was written: worked out again");
        drop(store);

        // The copy from before put back (a restore): its own content, not the file's.
        std::fs::copy(&copy, &path).expect("restore");
        let store = Store::open(&path).expect("reopen");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 0);
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
            assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 0);
            assert_eq!(reads.get(), 1, "worked out again: {kept_text}");
            let (memo, reads) = kept(dir.path());
            memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("kept");
            assert_eq!(reads.get(), 0, "and kept again");
        }
    }

    #[test]
    fn a_kept_memo_that_cannot_be_written_still_gives_the_figure() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("c.sqlite3")).expect("open");
        std::fs::write(dir.path().join("cache"), "a file where the folder should be").expect("block the folder");
        let (memo, reads) = kept(dir.path());
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("read"), 0);
        assert_eq!(memo.get_or(store.conn(), "all", || count_settings(&store, &reads)).expect("kept"), 0);
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
