//! One council's data folder, opened: where every use case gets its connection and its moment.
//!
//! A use case is one call: [`Session::write`] runs it in one transaction through a [`Write`] (the
//! transaction, the instant, the operator) — the audit entry, the data's new version and, later, the
//! change record that sharing between PCs ships all hang on that one place. [`Session::read`] runs a
//! read through a [`Read`] on a connection of its own, inside one read transaction (a consistent
//! snapshot), so a read never waits behind a write or a document being typeset: WAL lets readers
//! and the one writer work side by side.
//!
//! Opening is where data safety starts: a restore or hand-over stopped half-way is finished, a quick
//! integrity check (a damaged file is refused, with the newest good backup named), a backup before
//! any schema upgrade, and the day's first backup.
//! Replacing the data (a restore, a hand-over) waits for every read and write in flight, closes
//! every connection, and opens the folder again ([`Session::replace_data`]).

use std::ops::Deref;
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};

use council_base::clock::{Clock, jst};
use council_base::text::Text;

use crate::audit::{self, Change};
use crate::backup::{self, BackupEntry, BackupReason};
use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::integrity::{self, Depth, IntegrityReport};
use crate::model::DataModel;
use crate::store::Store;

/// Reading connections kept open between reads; more are opened while many reads run at once and
/// closed again after.
const KEPT_READERS: usize = 4;

/// One use case's write: its transaction, the instant it happens at and who makes it.
///
/// It dereferences to the transaction, so the domain's SQL runs on it directly. Every change a use
/// case makes is recorded with [`Write::record`], inside the same transaction.
#[derive(Debug)]
pub struct Write<'a> {
    tx: &'a Transaction<'a>,
    now: DateTime<Utc>,
    actor: String,
}

impl<'a> Write<'a> {
    /// The context of a write in `tx` at `now` by `actor`.
    pub fn new(tx: &'a Transaction<'a>, now: DateTime<Utc>, actor: String) -> Self {
        Self { tx, now, actor }
    }

    /// The instant of the use case (UTC).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Today in Japan, at that instant.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&jst()).date_naive()
    }

    /// The operator the change is recorded for.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Records `change` in the audit log, committed with the change itself or not at all.
    pub fn record(&self, change: Change<'_>) -> Result<()> {
        audit::append(self.tx, self.now, &self.actor, change)
    }

    /// Records `change` under another operator's name: a change of the operator's own name is
    /// recorded under the new one.
    pub fn record_by(&self, actor: &str, change: Change<'_>) -> Result<()> {
        audit::append(self.tx, self.now, actor, change)
    }
}

impl<'a> Deref for Write<'a> {
    type Target = Transaction<'a>;

    fn deref(&self) -> &Transaction<'a> {
        self.tx
    }
}

/// One read: a connection inside a read transaction (every query sees the same data), the instant
/// it happens at, and the data folder (for attached files).
#[derive(Debug)]
pub struct Read<'a> {
    conn: &'a Connection,
    now: DateTime<Utc>,
    dir: &'a DataDir,
}

impl<'a> Read<'a> {
    /// A read on `conn` (a test's own connection, or a session's).
    pub fn new(conn: &'a Connection, now: DateTime<Utc>, dir: &'a DataDir) -> Self {
        Self { conn, now, dir }
    }

    /// The instant of the read (UTC).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Today in Japan.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&jst()).date_naive()
    }

    /// The data folder.
    pub fn dir(&self) -> &DataDir {
        self.dir
    }
}

impl Deref for Read<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// The connections of an open data folder.
#[derive(Debug)]
struct Connections {
    writer: Mutex<Store>,
    readers: Mutex<Vec<Connection>>,
}

impl Connections {
    /// A stand-in while the data is being replaced, or after reopening failed: writes fail loudly.
    fn closed() -> Result<Self> {
        Ok(Self { writer: Mutex::new(Store::closed()?), readers: Mutex::new(Vec::new()) })
    }

    fn open(store: Store) -> Self {
        Self { writer: Mutex::new(store), readers: Mutex::new(Vec::new()) }
    }

    fn writer(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave a half-written change (writes are
        // transactions, rolled back when dropped), so a poisoned lock is safe to keep using.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take_reader(&self) -> Result<Connection> {
        let kept = self.readers.lock().unwrap_or_else(PoisonError::into_inner).pop();
        match kept {
            Some(conn) => Ok(conn),
            None => match self.writer().path() {
                Some(path) => Store::reader(path),
                None => Err(closed_error()),
            },
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut readers = self.readers.lock().unwrap_or_else(PoisonError::into_inner);
        if readers.len() < KEPT_READERS {
            readers.push(conn);
        }
    }
}

/// One council's data folder, opened. Shared by every thread of the window (it is `Sync`): reads run
/// side by side, writes one at a time.
#[derive(Debug)]
pub struct Session {
    dir: DataDir,
    clock: Box<dyn Clock>,
    model: &'static dyn DataModel,
    connections: RwLock<Connections>,
    startup_notice: Option<Text>,
}

impl Session {
    /// Opens (creating if needed) the data folder's database and brings its schema up to date.
    ///
    /// A damaged database is refused with [`Error::Damaged`] (never opened and carried on with); a
    /// database with an older schema is backed up before it is upgraded; and the first opening of the
    /// day takes the daily backup and rotates old ones. A daily backup that fails (a full disk) does
    /// not stop the app: it is reported by [`Session::startup_notice`].
    pub fn open(dir: DataDir, clock: Box<dyn Clock>, model: &'static dyn DataModel) -> Result<Self> {
        dir.ensure()?;
        let now = clock.now();
        let store = open_store(&dir, now, model)?;
        let mut session =
            Self { connections: RwLock::new(Connections::open(store)), dir, clock, model, startup_notice: None };
        if let Err(e) = session.daily_backup(now) {
            let why = e.text();
            session.startup_notice = Some(Text::new(
                format!("今日の自動バックアップを取れませんでした。{}", why.ja),
                format!("Today's automatic backup could not be taken. {}", why.en),
            ));
        }
        Ok(session)
    }

    /// A problem at start-up that did not stop the app but that a person should hear about (the
    /// daily backup failed).
    pub fn startup_notice(&self) -> Option<&Text> {
        self.startup_notice.as_ref()
    }

    /// The data folder.
    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    /// The instant by the session's clock (fixed in tests).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in Japan by the session's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The domain's answers about the data.
    pub fn model(&self) -> &'static dyn DataModel {
        self.model
    }

    fn connections(&self) -> std::sync::RwLockReadGuard<'_, Connections> {
        self.connections.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs one use case's write in one transaction: it commits once if `f` succeeds, and not at all
    /// otherwise. Writes wait for each other, never for reads.
    pub fn write<T, E: From<Error>>(&self, f: impl FnOnce(&Write<'_>) -> Result<T, E>) -> Result<T, E> {
        let connections = self.connections();
        let mut store = connections.writer();
        store.write_as(self.clock.now(), self.model, f)
    }

    /// Runs a write that is not captured as a change record of this PC: applying the records
    /// received from the other PCs, and the sharing's own bookkeeping. One transaction, like
    /// [`Session::write`].
    pub fn write_received<T, E: From<Error>>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        let connections = self.connections();
        let mut store = connections.writer();
        store.write_uncaptured(f)
    }

    /// Runs a read on a connection of its own, inside one read transaction: every query in `f` sees
    /// the data as it was when the read began, whatever is written meanwhile.
    pub fn read<T, E: From<Error>>(&self, f: impl FnOnce(&Read<'_>) -> Result<T, E>) -> Result<T, E> {
        let connections = self.connections();
        let conn = connections.take_reader()?;
        conn.execute_batch("BEGIN DEFERRED").map_err(Error::from)?;
        let out = f(&Read::new(&conn, self.clock.now(), &self.dir));
        // A read changes nothing: ending it by rolling back is the same as committing, and also ends
        // a transaction that `f` left in an error state.
        let ended = conn.execute_batch("ROLLBACK");
        if ended.is_ok() {
            connections.give_back(conn);
        }
        out
    }

    /// Runs `f` on the writer's own connection outside any transaction, for work SQLite does in steps
    /// of its own (the backup API): no write can interleave with it.
    pub fn with_writer<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let connections = self.connections();
        let store = connections.writer();
        f(&store)
    }

    /// Replaces the data folder's contents (a restore, a hand-over): waits for every read and write
    /// in flight, closes every connection, runs `f`, and opens the folder again — on the new data,
    /// or on the untouched data if `f` failed. `f`'s error is returned in preference to reopening's.
    pub fn replace_data<T>(&self, f: impl FnOnce(&DataDir, DateTime<Utc>) -> Result<T>) -> Result<T> {
        let mut connections = self.connections.write().unwrap_or_else(PoisonError::into_inner);
        let now = self.clock.now();
        *connections = Connections::closed()?;
        let outcome = f(&self.dir, now);
        let reopened = open_store(&self.dir, now, self.model);
        match reopened {
            Ok(store) => *connections = Connections::open(store),
            Err(e) if outcome.is_ok() => return Err(e),
            Err(_) => {}
        }
        outcome
    }

    /// The day's first backup, if the council exists and none was taken today (Japan time).
    fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<BackupEntry>> {
        self.with_writer(|store| {
            if self.model.council(store.conn())?.is_none() {
                return Ok(None); // nothing to protect yet
            }
            let today = now.with_timezone(&jst()).date_naive();
            if backup::has_daily_on(&backup::list(&self.dir)?, today) {
                return Ok(None);
            }
            let entry = backup::create(store.conn(), &self.dir, BackupReason::Daily, now)?;
            backup::prune(&self.dir, now)?;
            Ok(Some(entry))
        })
    }

    /// Takes a backup now into `backups/` (before an import or bulk change, or when asked), then
    /// rotates old ones.
    pub fn backup_now(&self, reason: BackupReason) -> Result<BackupEntry> {
        let now = self.clock.now();
        self.with_writer(|store| {
            let entry = backup::create(store.conn(), &self.dir, reason, now)?;
            backup::prune(&self.dir, now)?;
            Ok(entry)
        })
    }

    /// The full integrity check of the open database.
    pub fn check(&self) -> Result<IntegrityReport> {
        let problems = self.with_writer(|store| {
            let problems = integrity::problems(store.conn(), Depth::Full)?;
            if !problems.is_empty() {
                return Ok(problems);
            }
            backup::attachment_problems(&self.dir, store.conn(), self.model)
        })?;
        Ok(backup::report(&self.dir, problems, self.model))
    }
}

/// Opens the live database of `dir`: refuses a damaged file (naming the newest good backup), backs
/// up a file with an older schema before upgrading it, then opens it with the house pragmas.
fn open_store(dir: &DataDir, now: DateTime<Utc>, model: &dyn DataModel) -> Result<Store> {
    // A restore or hand-over the process stopped in the middle of is finished first, and nothing
    // decrypted for reading a hand-over outlives the run that unpacked it.
    crate::swap::finish_pending(dir)?;
    crate::backup::remove_dir_if_exists(&dir.temporary())?;
    let file = dir.database();
    if std::fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
        crate::store::roll_back_interrupted(&file)?;
        let problems = integrity::check_file(&file, Depth::Quick)?;
        if !problems.is_empty() {
            return Err(Error::Damaged {
                file: file.display().to_string(),
                problems,
                newest_good: backup::newest_good(dir, model),
            });
        }
        backup::before_migration(dir, &file, now)?;
    }
    Store::open(&file)
}

/// A read while the data folder is closed (its reopening after a restore failed).
fn closed_error() -> Error {
    Error::Io(std::io::Error::other("the data folder is closed; restart the app"))
}
