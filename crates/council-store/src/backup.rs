//! Backups: consistent snapshots of one council's data, their rotation, their preview, and restoring
//! one without ever losing the data it replaces.
//!
//! **Format.** A backup is one file, and that file is itself a SQLite database: a page-for-page copy
//! of `council.sqlite3` taken with SQLite's online backup API in a single step (so under one read
//! transaction: a consistent snapshot even while the window is writing), plus two tables that exist
//! only in backups:
//!
//! - `backup_meta (key, value)`: when the backup was taken, why, and by which app version;
//! - `backup_file (path, bytes)`: every file of the `attachments/` folder, when that folder exists.
//!
//! Why not a zip or tar beside the snapshot? One file is easier for a person to carry on a USB stick
//! and impossible to separate from its attachments; SQLite's own `integrity_check` then covers the
//! attachments too; and it needs no archive crate or second format to parse (a restore reads the file
//! through the same well-tested library as the live data). A council's attachments (scans, photos,
//! minutes) are small enough that whole-file BLOBs are fine. Restoring drops both tables again, so
//! the restored database holds exactly the tables the migrations made.
//!
//! **Where.** Automatic and in-app backups live in `<data folder>/backups/`, named
//! `council-<UTC timestamp>-<reason>.sqlite3` (`council-20261123T030000Z-daily.sqlite3`), so a listing
//! sorts by time and a person can read the reason from the name. `council backup --out FILE` writes
//! anywhere else.
//!
//! **Rotation** ([`rotation`]) keeps the newest backup of each of the last 7 days, 4 weeks and 12
//! months; safety copies (manual, before-restore, before-migration, …) younger than 30 days are never
//! deleted.
//!
//! **Crash safety.** A backup is written to `<name>.partial`, checked, synced, and only then renamed
//! to its final name; a crash or a full disk leaves at most a `.partial` file that listings ignore and
//! the next attempt replaces. Restoring stages the backup in a temporary file beside the live one,
//! verifies it, takes a safety copy of the current data, and only then renames it over the live file.

use std::fs;
use std::path::{Component, Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_base::clock::jst;
use council_base::text::Text;

use crate::data_dir::DataDir;
pub use crate::entry::{BackupEntry, BackupReason, file_name, instant_text, parse_file_name};
use crate::error::{Error, Result};
use crate::integrity::{self, Depth, IntegrityReport};
use crate::model::{DataModel, RecordCount};
use crate::store::{APP_VERSION, Store, latest_version};
use crate::swap::{self, Journal};
use crate::trust;

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What a backup holds, read from inside it: the preview shown before a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// The file's name.
    pub file_name: String,
    /// The file's full path.
    pub path: String,
    /// The council the data belongs to.
    pub council_name: String,
    /// True for the demo council.
    pub is_demo: bool,
    /// When it was taken (UTC); for a file not made by a backup, when it was last modified.
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// `created_at` in Japan time, in both languages.
    pub created_at_text: Text,
    /// Why it was taken, when the file says so.
    pub reason: Option<BackupReason>,
    /// The app version that took it, when the file says so.
    pub app_version: Option<String>,
    /// The schema version of the data inside.
    pub schema_version: i64,
    /// Record counts, the same as `council info` shows.
    pub counts: Vec<RecordCount>,
    /// How many attached files it holds.
    pub attachments: i64,
    /// Its size in bytes.
    pub size_bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreOutcome {
    /// The backup now in use.
    pub restored: BackupInfo,
    /// The copy of the data it replaced (none when the data folder was empty).
    pub safety_copy: Option<BackupEntry>,
}

/// The backups in the data folder, newest first. Files the app did not name (and unfinished
/// `.partial` files) are not listed.
pub fn list(data_dir: &DataDir) -> Result<Vec<BackupEntry>> {
    let dir = data_dir.backups();
    let read = match fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for item in read {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        let Some((created_at, reason)) = parse_file_name(&name) else { continue };
        let meta = item.metadata()?;
        if !meta.is_file() {
            continue;
        }
        out.push(BackupEntry {
            path: item.path().display().to_string(),
            file_name: name,
            created_at,
            reason,
            size_bytes: meta.len(),
        });
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(out)
}

/// Whether a daily backup was already taken on `today` (Japan time).
pub fn has_daily_on(entries: &[BackupEntry], today: NaiveDate) -> bool {
    entries.iter().any(|e| e.reason == BackupReason::Daily && e.created_at.with_timezone(&jst()).date_naive() == today)
}

/// Takes a backup of `conn`'s database (and the attachments folder) into `backups/`.
pub fn create(conn: &Connection, data_dir: &DataDir, reason: BackupReason, now: DateTime<Utc>) -> Result<BackupEntry> {
    let dir = data_dir.backups();
    fs::create_dir_all(&dir)?;
    let path = free_name(&dir, now, reason);
    write_snapshot(conn, &data_dir.attachments(), &path, reason, now)?;
    entry_for(&path, now, reason)
}

/// Takes a manual backup of `conn`'s database (and the attachments folder) into `dest`, anywhere. An
/// existing file is never overwritten.
pub fn export(conn: &Connection, data_dir: &DataDir, dest: &Path, now: DateTime<Utc>) -> Result<BackupEntry> {
    if dest.exists() {
        return Err(Error::Conflict(Text::new(
            format!("{} は既にあります。上書きはしません。別の名前を指定してください。", dest.display()),
            format!("{} already exists and will not be overwritten. Choose another name.", dest.display()),
        )));
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    write_snapshot(conn, &data_dir.attachments(), dest, BackupReason::Manual, now)?;
    entry_for(dest, now, BackupReason::Manual)
}

/// Before a schema upgrade: if the database file at `file` has an older schema than this build, a
/// `before-migration` backup of it, untouched, is taken first. Returns the backup if one was taken.
pub fn before_migration(data_dir: &DataDir, file: &Path, now: DateTime<Utc>) -> Result<Option<BackupEntry>> {
    if !fs::metadata(file).is_ok_and(|m| m.len() > 0) {
        return Ok(None); // nothing yet to lose
    }
    let conn = Connection::open(file)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= latest_version() {
        return Ok(None);
    }
    create(&conn, data_dir, BackupReason::BeforeMigration, now).map(Some)
}

/// Deletes the backups that [`rotation::keep`] does not keep; returns what it deleted.
pub fn prune(data_dir: &DataDir, now: DateTime<Utc>) -> Result<Vec<BackupEntry>> {
    let entries = list(data_dir)?;
    let dated: Vec<_> = entries.iter().map(|e| (e.created_at, e.reason)).collect();
    let keep = rotation::keep(&dated, now);
    let mut removed = Vec::new();
    for (entry, keep) in entries.into_iter().zip(keep) {
        if !keep {
            fs::remove_file(&entry.path)?;
            remove_if_exists(&companion(Path::new(&entry.path), "-wal"))?;
            removed.push(entry);
        }
    }
    Ok(removed)
}

/// The newest backup that passes its own integrity check and holds a council: the one to offer when
/// the live data is damaged.
pub fn newest_good(data_dir: &DataDir, model: &dyn DataModel) -> Option<BackupEntry> {
    list(data_dir).ok()?.into_iter().find(|e| inspect(Path::new(&e.path), model).is_ok())
}

/// The full check of a data folder's database, without opening it for use (no migration, no
/// backup): what `council check` runs, and what works on damaged data too.
///
/// A restore or hand-over that stopped half-way is finished first, so the check speaks of the data as
/// the app will open it.
pub fn check_data(data_dir: &DataDir, model: &dyn DataModel) -> Result<IntegrityReport> {
    swap::finish_pending(data_dir)?;
    let file = data_dir.database();
    if !file.is_file() {
        return Err(Error::NotFound(Text::new(
            format!(
                "{} にはまだデータがありません。データフォルダの場所を確かめてください。",
                data_dir.root().display()
            ),
            format!("There is no data in {} yet. Check the data folder's location.", data_dir.root().display()),
        )));
    }
    let mut problems = integrity::check_file(&file, Depth::Full)?;
    if problems.is_empty() {
        let conn =
            Connection::open_with_flags(&file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        problems = attachment_problems(data_dir, &conn, model)?;
    }
    Ok(report(data_dir, problems, model))
}

/// What is wrong with the data folder's attached files: a file the data refers to that is missing, or
/// a file whose bytes are not what its name says (`attachments/<sha256>`).
pub fn attachment_problems(data_dir: &DataDir, conn: &Connection, model: &dyn DataModel) -> Result<Vec<String>> {
    let dir = data_dir.attachments();
    let mut problems = Vec::new();
    for name in model.attachments(conn)? {
        if !dir.join(&name).is_file() {
            problems.push(format!("attachments/{name}: missing (an attached file the data refers to)"));
        }
    }
    for (rel, path) in files_under(&dir)? {
        if rel.ends_with(".partial") {
            continue; // an unfinished write that the next one replaces
        }
        if !trust::attachment_matches(&rel, &fs::read(&path)?) {
            problems.push(format!("attachments/{rel}: its content does not match its name"));
        }
    }
    problems.truncate(integrity::MAX_PROBLEMS);
    Ok(problems)
}

/// The report for `problems` found in `data_dir`'s database, naming the newest good backup if any.
pub fn report(data_dir: &DataDir, problems: Vec<String>, model: &dyn DataModel) -> IntegrityReport {
    let newest_good = if problems.is_empty() { None } else { newest_good(data_dir, model) };
    integrity::report(data_dir, problems, newest_good)
}

/// Reads what a backup holds without changing it: the preview before a restore. A file that is
/// missing, truncated, damaged, not a Council Desk backup, or from a newer app is refused with a
/// message saying so.
pub fn inspect(path: &Path, model: &dyn DataModel) -> Result<BackupInfo> {
    let meta = match fs::metadata(path) {
        Ok(m) if m.is_file() => m,
        _ => {
            return Err(Error::NotFound(Text::new(
                format!("バックアップファイル {} が見つかりません。場所と名前を確かめてください。", path.display()),
                format!("The backup file {} was not found. Check where it is and its name.", path.display()),
            )));
        }
    };
    if !has_sqlite_header(path)? {
        return Err(not_a_backup(path, "SQLite のデータベースではありません", "it is not a SQLite database"));
    }
    let problems = integrity::check_file(path, Depth::Full)?;
    if !problems.is_empty() {
        return Err(not_a_backup(
            path,
            &format!("ファイルが壊れています（{}）", problems[0]),
            &format!("the file is damaged ({})", problems[0]),
        ));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if schema_version > latest_version() {
        return Err(Error::NewerSchema { found: schema_version, supported: latest_version() });
    }
    check_contents(&conn, path, model)?;
    let Some(profile) = model.council(&conn).ok().flatten() else {
        return Err(not_a_backup(path, "自治会のデータが入っていません", "it holds no council's data"));
    };
    let created = meta_value(&conn, "created_at")?.and_then(|s| DateTime::parse_from_rfc3339(&s).ok());
    let created_at = match created {
        Some(at) => at.with_timezone(&Utc),
        None => meta.modified().map(DateTime::<Utc>::from)?,
    };
    let attachments = if has_table(&conn, "backup_file")? {
        conn.query_row("SELECT count(*) FROM backup_file", [], |r| r.get(0))?
    } else {
        0
    };
    Ok(BackupInfo {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        path: path.display().to_string(),
        council_name: profile.name,
        is_demo: profile.is_demo,
        created_at,
        created_at_text: instant_text(created_at),
        reason: meta_value(&conn, "reason")?.as_deref().and_then(BackupReason::from_slug),
        app_version: meta_value(&conn, "app_version")?,
        schema_version,
        counts: model.counts(&conn).unwrap_or_default(),
        attachments,
        size_bytes: meta.len(),
    })
}

/// Replaces the data folder's database and attachments with the backup at `backup`.
///
/// Nothing is lost, whatever fails: the backup is checked (its checksum, its schema, its attached
/// files) and staged, whole, in the data folder's `incoming/` first (a bad file changes nothing);
/// then a `before-restore` safety copy of the current data is taken (a raw copy if the current file
/// is damaged); only then is the staged data swapped into place, through a journal that the next
/// start finishes if the process stops half-way ([`crate::swap`]). If the restored data then will
/// not open, the safety copy is put back the same way. The caller must have closed its own
/// connections to the live database; if another program still has it open, the restore is refused.
pub fn restore(data_dir: &DataDir, backup: &Path, now: DateTime<Utc>, model: &dyn DataModel) -> Result<RestoreOutcome> {
    let restored = inspect(backup, model)?;
    stage(data_dir, backup, model)?;
    let safety_copy = match safety_copy(data_dir, now) {
        Ok(copy) => copy,
        Err(e) => {
            swap::discard_incoming(data_dir);
            return Err(e);
        }
    };
    put_in_place(data_dir, None, now, safety_copy.as_ref(), model)?;
    Ok(RestoreOutcome { restored, safety_copy })
}

/// Swaps the data staged in `incoming/` into place (with `keys/` when `keys` says whether the
/// incoming data brings any), then opens it once; if it will not open, puts `safety_copy` back.
pub(crate) fn put_in_place(
    data_dir: &DataDir,
    keys: Option<bool>,
    now: DateTime<Utc>,
    safety_copy: Option<&BackupEntry>,
    model: &dyn DataModel,
) -> Result<()> {
    swap::swap_in(data_dir, &journal_for(data_dir, keys, now))?;
    let opened = Store::open(&data_dir.database());
    let Err(problem) = opened else { return Ok(()) };
    let Some(copy) = safety_copy else { return Err(problem) };
    stage(data_dir, Path::new(&copy.path), model)?;
    swap::swap_in(data_dir, &journal_for(data_dir, None, now))?;
    Err(Error::Conflict(Text::new(
        format!(
            "復元したデータを開けなかったため、元のデータに戻しました（{}）。別のバックアップを選んでください。",
            problem.text().ja
        ),
        format!(
            "The restored data would not open, so the data as it was has been put back ({}). Choose another backup.",
            problem.text().en
        ),
    )))
}

/// The swap of what is staged: a hand-over (`keys` is `Some`) also replaces the keys and the outbox.
fn journal_for(data_dir: &DataDir, keys: Option<bool>, now: DateTime<Utc>) -> Journal {
    let incoming = swap::incoming(data_dir);
    let time = now.format("%Y%m%dT%H%M%SZ");
    Journal {
        attachments: incoming.join("attachments").exists(),
        keys,
        keys_kept_in: format!("backups/keys-before-handover-{time}"),
        outbox: keys.map(|_| incoming.join("outbox").exists()),
        outbox_kept_in: format!("backups/outbox-before-handover-{time}"),
    }
}

/// Unpacks the backup `backup` into the data folder's `incoming/`, checked again there (what is put
/// in place is what was checked, whatever happened to the file meanwhile): the database with the
/// backup's own tables dropped, and its attached files. Nothing live is touched.
pub(crate) fn stage(data_dir: &DataDir, backup: &Path, model: &dyn DataModel) -> Result<()> {
    let incoming = swap::fresh_incoming(data_dir)?;
    let filled = fill(&incoming, backup, model);
    if filled.is_err() {
        swap::discard_incoming(data_dir);
    }
    filled
}

fn fill(incoming: &Path, backup: &Path, model: &dyn DataModel) -> Result<()> {
    let (database, attachments) = (incoming.join("council.sqlite3"), incoming.join("attachments"));
    let src = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let mut dst = Connection::open(&database)?;
    copy_pages(&src, &mut dst)?;
    drop(src);
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    check_contents(&dst, backup, model)?;
    if has_table(&dst, "backup_file")? {
        let mut stmt = dst.prepare("SELECT path, bytes FROM backup_file ORDER BY path")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rel: String = row.get(0)?;
            let target = attachments.join(safe_relative(&rel).ok_or_else(|| {
                not_a_backup(Path::new(&rel), "添付ファイルの名前が不正です", "an attached file has an unsafe name")
            })?);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let bytes = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            write_synced(&target, bytes)?;
        }
    }
    for table in trust::CONTAINER_TABLES {
        dst.execute_batch(&format!("DROP TABLE IF EXISTS {table}"))?;
    }
    dst.execute_batch("VACUUM")?;
    // Verify the staged copy itself, not only the file it came from.
    let problems = integrity::problems(&dst, Depth::Full)?;
    let version: i64 = dst.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_council = model.council(&dst).ok().flatten().is_some();
    let difference = trust::schema_difference(&dst, version)?;
    dst.close().map_err(|(_, e)| e)?;
    if !problems.is_empty() || !has_council || version > latest_version() || difference.is_some() {
        return Err(not_a_backup(
            backup,
            "復元用に取り出したデータを確かめたところ、問題がありました",
            "the data taken out of it for restoring did not pass its check",
        ));
    }
    fs::File::open(&database)?.sync_all()?;
    sync_dir(incoming);
    Ok(())
}

/// The `before-restore` copy of the current data. A sound database is backed up with the online
/// backup API; a damaged one is copied byte for byte (with its `-wal`), since that is all there is.
pub(crate) fn safety_copy(data_dir: &DataDir, now: DateTime<Utc>) -> Result<Option<BackupEntry>> {
    let live = data_dir.database();
    if !fs::metadata(&live).is_ok_and(|m| m.len() > 0) {
        return Ok(None);
    }
    if integrity::check_file(&live, Depth::Quick)?.is_empty() {
        let conn = Connection::open(&live)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let entry = create(&conn, data_dir, BackupReason::BeforeRestore, now)?;
        conn.close().map_err(|(_, e)| e)?;
        // The last connection to close removes the write-ahead log. If it is still there, another
        // program (the window, another `council`) has the data open: swapping the file under it
        // would lose whatever it writes next.
        if companion(&live, "-wal").exists() {
            return Err(Error::Locked(Text::new(
                "ほかのウィンドウか別の council コマンドがデータを開いています。それを閉じてから、もう一度復元してください。\
                 データは変更していません。",
                "Another window or `council` command has the data open. Close it, then restore again. \
                 Nothing was changed.",
            )));
        }
        return Ok(Some(entry));
    }
    let dir = data_dir.backups();
    fs::create_dir_all(&dir)?;
    let dest = free_name(&dir, now, BackupReason::BeforeRestore);
    fs::copy(&live, &dest)?;
    let wal = companion(&live, "-wal");
    if wal.exists() {
        fs::copy(&wal, companion(&dest, "-wal"))?;
    }
    entry_for(&dest, now, BackupReason::BeforeRestore).map(Some)
}

/// The snapshot itself: pages, meta, attachments into `<dest>.partial`, checked, synced, renamed.
fn write_snapshot(
    src: &Connection,
    attachments: &Path,
    dest: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<()> {
    let partial = companion(dest, ".partial");
    let result = (|| -> Result<()> {
        remove_if_exists(&partial)?;
        let mut dst = Connection::open(&partial)?;
        copy_pages(src, &mut dst)?;
        // A backup is a plain single file: no write-ahead log beside it.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        let tx = dst.transaction()?;
        tx.execute_batch(
            "CREATE TABLE backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
             CREATE TABLE backup_file (path TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT;",
        )?;
        for (key, value) in [
            ("created_at", now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
            ("reason", reason.slug().to_owned()),
            ("app_version", APP_VERSION.to_owned()),
        ] {
            tx.execute("INSERT INTO backup_meta (key, value) VALUES (?1, ?2)", params![key, value])?;
        }
        for (rel, file) in files_under(attachments)? {
            tx.execute("INSERT INTO backup_file (path, bytes) VALUES (?1, ?2)", params![rel, fs::read(&file)?])?;
        }
        // Last, the checksum over every row written above: a restore checks it before anything else.
        seal(&tx)?;
        tx.commit()?;
        let problems = integrity::problems(&dst, Depth::Quick)?;
        dst.close().map_err(|(_, e)| e)?;
        if !problems.is_empty() {
            return Err(Error::Damaged { file: dest.display().to_string(), problems, newest_good: None });
        }
        fs::File::open(&partial)?.sync_all()?;
        fs::rename(&partial, dest)?;
        if let Some(dir) = dest.parent() {
            sync_dir(dir);
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&partial);
        let _ = fs::remove_file(companion(&partial, "-journal"));
    }
    result
}

/// Copies every page of `src`'s main database into `dst` in one step: one read transaction, hence a
/// consistent snapshot even while another connection writes. Retries for a while if `src` is locked.
fn copy_pages(src: &Connection, dst: &mut Connection) -> Result<()> {
    let backup = Backup::new(src, dst)?;
    for _ in 0..100 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    Err(Error::Locked(Text::new(
        "データが使用中のため、バックアップを取れませんでした。しばらくしてから、もう一度やり直してください。",
        "The data is busy, so no backup could be taken. Wait a moment, then try again.",
    )))
}

/// Every regular file under `dir`, with its path relative to `dir` (`/`-separated), sorted.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let read = match fs::read_dir(&d) {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        for item in read {
            let item = item?;
            let kind = item.file_type()?;
            if kind.is_dir() {
                pending.push(item.path());
            } else if kind.is_file() {
                let rel = item.path().strip_prefix(dir).map(|p| p.to_path_buf()).unwrap_or_default();
                let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push((rel.join("/"), item.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A stored attachment path as a relative path that stays inside the attachments folder.
pub(crate) fn safe_relative(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(rel);
    let normal = path.components().all(|c| matches!(c, Component::Normal(_)));
    (normal && !rel.is_empty()).then_some(path)
}

fn entry_for(path: &Path, created_at: DateTime<Utc>, reason: BackupReason) -> Result<BackupEntry> {
    Ok(BackupEntry {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        path: path.display().to_string(),
        created_at,
        reason,
        size_bytes: fs::metadata(path)?.len(),
    })
}

/// A name in `dir` not yet taken by another backup.
fn free_name(dir: &Path, at: DateTime<Utc>, reason: BackupReason) -> PathBuf {
    (1..).map(|n| dir.join(file_name(at, reason, n))).find(|p| !p.exists()).expect("some number is free")
}

/// Records the checksum of everything in `conn` (a backup being written, after a change to it such as
/// a hand-over's keys): the last write before the file is closed.
pub(crate) fn seal(conn: &Connection) -> Result<()> {
    let digest = trust::content_digest(conn)?;
    conn.execute(
        "INSERT INTO backup_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![trust::CONTENT_KEY, digest],
    )?;
    Ok(())
}

/// What a database file from outside must show before anything in it is trusted (see [`trust`]):
/// its rows as they were written (its checksum, where the file has one — backups made before the
/// checksum have none), a schema exactly as this app's migrations make it for the file's version,
/// and attached files named by their content.
pub(crate) fn check_contents(conn: &Connection, path: &Path, model: &dyn DataModel) -> Result<()> {
    if let Some(recorded) = meta_value(conn, trust::CONTENT_KEY)?
        && trust::content_digest(conn)? != recorded
    {
        return Err(not_a_backup(
            path,
            "中身が作られたときと違います。ファイルが壊れているか、書き換えられています",
            "its content is not what was written: the file is damaged or was altered",
        ));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if let Some(difference) = trust::schema_difference(conn, version)? {
        return Err(not_a_backup(
            path,
            &format!("地域協働デスクが作らない仕組み（{difference}）が入っています"),
            &format!("it holds something Council Desk does not make ({difference})"),
        ));
    }
    let mut carried = std::collections::HashSet::new();
    if has_table(conn, "backup_file")? {
        let mut stmt = conn.prepare("SELECT path, bytes FROM backup_file")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            carried.insert(name.clone());
            let bytes = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            if !trust::attachment_matches(&name, bytes) {
                return Err(not_a_backup(
                    path,
                    &format!("添付ファイル「{name}」の中身が名前と合いません"),
                    &format!("the attached file “{name}” does not match its name"),
                ));
            }
        }
    }
    if let Some(name) = model.attachments(conn)?.into_iter().find(|n| !carried.contains(n)) {
        return Err(not_a_backup(
            path,
            &format!("記録にある添付ファイル「{name}」が入っていません"),
            &format!("the attached file “{name}” the data refers to is not in it"),
        ));
    }
    Ok(())
}

fn not_a_backup(path: &Path, why_ja: &str, why_en: &str) -> Error {
    Error::invalid(
        "backup",
        Text::new(
            format!(
                "{} はバックアップとして使えません（{why_ja}）。データは変更していません。別のバックアップを選んでください。",
                path.display()
            ),
            format!(
                "{} cannot be used as a backup ({why_en}). Nothing was changed. Choose another backup.",
                path.display()
            ),
        ),
    )
}

fn has_sqlite_header(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut file = fs::File::open(path)?;
    Ok(file.read_exact(&mut head).is_ok() && &head == SQLITE_MAGIC)
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [name], |r| {
        r.get::<_, i64>(0)
    })? > 0)
}

fn meta_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    if !has_table(conn, "backup_meta")? {
        return Ok(None);
    }
    Ok(conn.query_row("SELECT value FROM backup_meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// `file` with `suffix` appended to its name (`council.sqlite3` → `council.sqlite3-wal`).
pub(crate) fn companion(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes `bytes` to `<path>.partial`, syncs, and renames it to `path` (creating its folder): a crash
/// leaves no half file under the real name.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let partial = companion(path, ".partial");
    write_synced(&partial, bytes)?;
    fs::rename(&partial, path)?;
    Ok(())
}

pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

pub(crate) fn remove_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

pub(crate) fn remove_dir_if_exists(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Makes a rename durable (on Unix a directory can be synced; elsewhere this is a no-op).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months that have one,
/// plus every safety copy younger than 30 days. A pure function of the list and `now`.
pub mod rotation {
    use std::collections::HashSet;
    use std::hash::Hash;

    use chrono::{DateTime, Datelike, Utc};

    use super::BackupReason;
    use council_base::clock::jst;

    /// Days with a backup kept.
    pub const KEEP_DAILY: usize = 7;
    /// ISO weeks with a backup kept.
    pub const KEEP_WEEKLY: usize = 4;
    /// Months with a backup kept.
    pub const KEEP_MONTHLY: usize = 12;
    /// Safety copies (manual, before-…) younger than this are never deleted.
    pub const SAFETY_COPY_DAYS: i64 = 30;

    /// For each backup (when taken, why), whether to keep it. Safety copies older than 30 days join
    /// the daily backups in the day/week/month buckets; young ones stay outside them, so they never
    /// displace the day's daily backup.
    pub fn keep(backups: &[(DateTime<Utc>, BackupReason)], now: DateTime<Utc>) -> Vec<bool> {
        let mut keep = vec![false; backups.len()];
        let mut pool = Vec::new();
        for (i, (at, reason)) in backups.iter().enumerate() {
            if reason.is_safety_copy() && now.signed_duration_since(*at) < chrono::Duration::days(SAFETY_COPY_DAYS) {
                keep[i] = true;
            } else {
                pool.push(i);
            }
        }
        pool.sort_by(|a, b| backups[*b].0.cmp(&backups[*a].0));
        let day = |i: usize| backups[i].0.with_timezone(&jst()).date_naive();
        keep_newest_per(&pool, KEEP_DAILY, day, &mut keep);
        keep_newest_per(&pool, KEEP_WEEKLY, |i| (day(i).iso_week().year(), day(i).iso_week().week()), &mut keep);
        keep_newest_per(&pool, KEEP_MONTHLY, |i| (day(i).year(), day(i).month()), &mut keep);
        keep
    }

    /// Marks the newest backup (the pool is newest first) of each of the `limit` newest buckets.
    fn keep_newest_per<K: Eq + Hash>(pool: &[usize], limit: usize, bucket: impl Fn(usize) -> K, keep: &mut [bool]) {
        let mut seen = HashSet::new();
        for &i in pool {
            if seen.insert(bucket(i)) {
                if seen.len() > limit {
                    break;
                }
                keep[i] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::rotation::{KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, keep};
    use super::*;
    use chrono::{Datelike, Duration, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        jst().with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("valid JST time").with_timezone(&Utc)
    }

    #[test]
    fn file_names_round_trip() {
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 5).single().expect("time");
        for reason in BackupReason::ALL {
            for n in [1, 2, 17] {
                let name = file_name(t, reason, n);
                assert_eq!(parse_file_name(&name), Some((t, reason)), "{name} must parse back");
            }
        }
        assert_eq!(file_name(t, BackupReason::BeforeRestore, 1), "council-20261123T030005Z-before-restore.sqlite3");
        for other in [
            "council.sqlite3",
            "council-20261123T030005Z-daily.sqlite3.partial",
            "council-20261123T030005Z-weekly.sqlite3",
            "council-2026-11-23-daily.sqlite3",
            "council-20261123T030005Z-daily-1.sqlite3",
            "council-20261123T030005Z-daily-x.sqlite3",
        ] {
            assert_eq!(parse_file_name(other), None, "{other} is not a name the app gives a backup");
        }
    }

    /// A table of rotation cases: the backups (JST day offsets back from `now` and reasons) and which
    /// of them must be kept.
    #[test]
    fn rotation_table() {
        let now = at(2026, 11, 23, 12); // a Monday
        let days_ago = |d: i64| now - Duration::days(d);
        use BackupReason::{BeforeImport, BeforeRestore, Daily, Manual};
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, Vec<(i64, BackupReason)>, Vec<bool>)] = &[
            ("nothing to rotate", vec![], vec![]),
            ("a single daily is kept", vec![(0, Daily)], vec![true]),
            (
                "two dailies on the same day: only the newer",
                vec![(0, Daily), (0, Daily)].into_iter().collect(),
                vec![true, false],
            ),
            (
                // Day 7 is Monday 16, whose ISO week's newest backup is day 1 (Sunday 22).
                "eight days in a row: the 8th day back is neither among 7 days nor its week's newest",
                (0..8).map(|d| (d, Daily)).collect(),
                (0..8).map(|d| d < 7).collect(),
            ),
            (
                // Weeks: Mon 23 (day 0), Mon 16–Sun 22 (days 1–7), Mon 9–Sun 15 (days 8–14).
                "fourteen days: 7 by day, plus the newest of the week before",
                (0..14).map(|d| (d, Daily)).collect(),
                (0..14).map(|d| d <= 6 || d == 8).collect(),
            ),
            (
                "a young manual copy never displaces the day's daily, and is kept itself",
                vec![(0, Manual), (0, Daily)],
                vec![true, true],
            ),
            (
                "young safety copies are all kept, even many on one day",
                vec![(3, BeforeImport), (3, BeforeImport), (29, BeforeRestore)],
                vec![true, true, true],
            ),
            (
                "with few backups, an old safety copy is kept: it is among the 7 newest days",
                vec![(0, Daily), (45, Manual)],
                vec![true, true],
            ),
            (
                // Dailies for 41 days back to Oct 14, and a manual copy of Oct 13: days 0–6, the weeks'
                // newest (days 1, 8, 15) and October's newest (day 23, Oct 31) are kept.
                "an old safety copy that no day, week or month keeps is deleted",
                (0..=40).map(|d| (d, Daily)).chain([(41, Manual)]).collect(),
                (0..=41).map(|d| d <= 8 && d != 7 || d == 15 || d == 23).collect(),
            ),
        ];
        for (name, input, expected) in cases {
            let dated: Vec<_> = input.iter().map(|(d, r)| (days_ago(*d), *r)).collect();
            assert_eq!(&keep(&dated, now), expected, "case: {name}");
        }
    }

    #[test]
    fn a_year_of_dailies_keeps_7_days_4_weeks_12_months() {
        let now = at(2026, 11, 23, 12);
        let dated: Vec<_> = (0..500).map(|d| (now - Duration::days(d), BackupReason::Daily)).collect();
        let kept: Vec<NaiveDate> = keep(&dated, now)
            .into_iter()
            .zip(&dated)
            .filter(|(k, _)| *k)
            .map(|(_, (t, _))| t.with_timezone(&jst()).date_naive())
            .collect();
        let today = now.with_timezone(&jst()).date_naive();
        for d in 0..KEEP_DAILY as i64 {
            assert!(kept.contains(&(today - Duration::days(d))), "each of the last 7 days keeps its backup (day -{d})");
        }
        let weeks: std::collections::HashSet<_> =
            kept.iter().map(|d| (d.iso_week().year(), d.iso_week().week())).collect();
        assert!(weeks.len() >= KEEP_WEEKLY, "at least 4 weeks are represented, got {}", weeks.len());
        let months: std::collections::HashSet<_> = kept.iter().map(|d| (d.year(), d.month())).collect();
        assert_eq!(months.len(), KEEP_MONTHLY, "exactly 12 months are represented: older ones are rotated away");
        assert!(kept.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY, "never more than 23 kept, got {}", kept.len());
        // 7 days, the newest of the 2 previous weeks (days 8 and 15), and the last day of each of the
        // 11 previous months: buckets overlap, so fewer than 23.
        assert_eq!(kept.len(), 20, "kept: {kept:?}");
        let oldest = kept.iter().min().expect("some kept");
        assert_eq!(
            *oldest,
            NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
            "the 12th month back keeps its last day"
        );
    }

    #[test]
    fn unsafe_attachment_names_are_refused() {
        assert!(safe_relative("minutes/2026/04.pdf").is_some(), "nested names are fine");
        for bad in ["", "../council.sqlite3", "/etc/passwd", "a/../../b"] {
            assert!(safe_relative(bad).is_none(), "{bad:?} would escape the attachments folder");
        }
    }
}
