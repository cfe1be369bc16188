//! Backups, restore, integrity and migrations as use cases, on real SQLite files in temp dirs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use council_domain::clock::{Clock, FixedClock};
use council_domain::council::{self, CouncilProfile, CouncilProfileInput};
use council_domain::settings::{self, Settings, SettingsPatch};
use council_domain::{Error, MODEL, Result, Session, audit, folder};
use council_store::backup::{self, BackupReason, RestoreOutcome};
use council_store::data_dir::DataDir;
use council_store::store::latest_version;
use rusqlite::Connection;

fn day(d: u32) -> Box<FixedClock> {
    Box::new(FixedClock::at_date(NaiveDate::from_ymd_opt(2026, 11, d).expect("valid date")))
}

fn open(dir: &Path, d: u32) -> Session {
    council_domain::open(DataDir::at(dir), day(d)).expect("open desk")
}

/// Loads the demo council into an empty data folder.
fn set_up_demo(desk: &Session) -> Result<CouncilProfile> {
    desk.write(|w| council_demo::create(w, &desk.dir().attachments()))
}

/// Restores `backup` into a data folder whose database cannot be opened (damaged), then opens it (what
/// `Desk::recover` did). The damaged file is kept as a `before-restore` copy in `backups/`.
fn recover(dir: DataDir, clock: Box<FixedClock>, backup: &Path) -> Result<(Session, RestoreOutcome)> {
    dir.ensure()?;
    let outcome = backup::restore(&dir, backup, clock.now(), &MODEL)?;
    Ok((council_domain::open(dir, clock)?, outcome))
}

/// The council's profile and the settings, as the window's state showed them.
fn state(desk: &Session) -> Result<(Option<CouncilProfile>, Settings)> {
    desk.read(|r| Ok((council::get(r)?, settings::load(r)?)))
}

/// A data folder with the demo council and one changed setting, opened on 20 November.
fn demo_folder() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path(), 20);
    set_up_demo(&desk).expect("demo");
    desk.write(|w| {
        settings::update(w, &SettingsPatch { operator_name: Some("佐藤 花子".into()), ..Default::default() })
    })
    .expect("settings");
    (dir, desk)
}

fn rename_operator(desk: &Session, name: &str) {
    desk.write(|w| settings::update(w, &SettingsPatch { operator_name: Some(name.into()), ..Default::default() }))
        .expect("settings");
}

/// Everything a person could see of the data: profile, settings, the whole audit log, attachments.
fn snapshot(desk: &Session) -> (String, Vec<(String, Vec<u8>)>) {
    let (council, settings) = state(desk).expect("state");
    let log = desk.read(|r| audit::recent(r, 10_000)).expect("log");
    let data = format!("{council:?}\n{settings:?}\n{log:?}");
    let mut files = Vec::new();
    let root = desk.dir().attachments();
    let mut pending = vec![root.clone()];
    while let Some(d) = pending.pop() {
        let Ok(read) = std::fs::read_dir(&d) else { continue };
        for item in read {
            let p = item.expect("entry").path();
            if p.is_dir() {
                pending.push(p);
            } else {
                let rel = p.strip_prefix(&root).expect("inside").display().to_string();
                files.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    files.sort();
    (data, files)
}

fn reasons(desk: &Session) -> Vec<BackupReason> {
    backup::list(desk.dir()).expect("list").into_iter().map(|b| b.reason).collect()
}

/// The failures the window reported as `storage` (the data could not be read or written).
fn is_storage(e: &Error) -> bool {
    matches!(e, Error::NewerSchema { .. } | Error::Database(_) | Error::Io(_))
}

#[test]
fn the_first_opening_of_each_day_takes_one_daily_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path(), 20);
    assert!(reasons(&desk).is_empty(), "an empty folder has nothing to back up");
    set_up_demo(&desk).expect("demo");
    drop(desk);
    let desk = open(dir.path(), 20);
    assert_eq!(reasons(&desk), vec![BackupReason::Daily], "the first opening with data takes the daily backup");
    drop(desk);
    let desk = open(dir.path(), 20);
    assert_eq!(reasons(&desk).len(), 1, "the same day never takes a second daily backup");
    drop(desk);
    let desk = open(dir.path(), 21);
    let list = backup::list(desk.dir()).expect("list");
    assert_eq!(list.len(), 2, "the next day takes its own");
    assert!(list[0].created_at > list[1].created_at, "newest first");
    assert!(list[0].file_name.starts_with("council-20261121T") && list[0].file_name.ends_with("-daily.sqlite3"));
    assert!(list.iter().all(|b| b.size_bytes > 0), "sizes are listed");
    assert!(desk.startup_notice().is_none(), "nothing went wrong at start-up");
}

#[test]
fn rotation_runs_when_daily_backups_are_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path(), 1);
    set_up_demo(&desk).expect("demo");
    desk.backup_now(BackupReason::Manual).expect("manual");
    drop(desk);
    for d in 1..=30 {
        drop(open(dir.path(), d));
    }
    let desk = open(dir.path(), 30);
    let list = backup::list(desk.dir()).expect("list");
    let dailies = list.iter().filter(|b| b.reason == BackupReason::Daily).count();
    // 1–30 November 2026 (the 30th is a Monday): the last 7 days (24–30); the 4 newest weeks' newest
    // are the 30th, 29th, Sunday 22nd and Sunday 15th; the month's is the 30th. 7 + 2 = 9.
    assert_eq!(dailies, 9, "7 days and 2 earlier weeks are kept: {list:#?}");
    assert!(list.iter().any(|b| b.reason == BackupReason::Manual), "a young manual copy is never rotated away");
}

#[test]
fn restore_round_trip_brings_back_exactly_the_backup() {
    let (dir, desk) = demo_folder();
    // The demo's own attachments (its grant receipts) are in every backup too.
    let demo_files = std::fs::read_dir(desk.dir().attachments()).map_or(0, |d| d.count());
    std::fs::create_dir_all(desk.dir().attachments().join("minutes")).expect("attachments");
    std::fs::write(desk.dir().attachments().join("minutes/2026-04.pdf"), b"%PDF minutes of April").expect("file");
    std::fs::write(desk.dir().attachments().join("photo.jpg"), [0xff, 0xd8, 0x00, 0x01]).expect("file");
    let before = snapshot(&desk);
    let file = dir.path().join("usb/backup.sqlite3");
    let taken = folder::backup_to(&desk, &file).expect("backup to a file");
    assert_eq!(taken.reason, BackupReason::Manual);
    assert!(folder::backup_to(&desk, &file).is_err(), "an existing file is never overwritten");

    // Change everything: a setting, the profile (audit log grows), attachments added and removed.
    rename_operator(&desk, "鈴木 一郎");
    let mut profile = state(&desk).expect("state").0.expect("council");
    profile.name = "さくら台東自治会".into();
    desk.write(|w| {
        council::update(
            w,
            &CouncilProfileInput {
                name: profile.name.clone(),
                kind: profile.kind,
                kind_other: profile.kind_other,
                city: profile.city,
                district: profile.district,
                address: profile.address,
                representative_title: profile.representative_title,
                representative_name: profile.representative_name,
                fiscal_year_start_month: profile.fiscal_year_start_month,
            },
        )
    })
    .expect("update");
    std::fs::remove_file(desk.dir().attachments().join("photo.jpg")).expect("remove");
    std::fs::write(desk.dir().attachments().join("new.txt"), b"added later").expect("file");
    let changed = snapshot(&desk);
    assert_ne!(changed, before, "the data really changed");

    let outcome = folder::restore(&desk, &file).expect("restore");
    assert_eq!(snapshot(&desk), before, "after restoring, the data equals the backup, attachments included");
    assert_eq!(outcome.restored.council_name, "さくら台自治会");
    let safety = outcome.safety_copy.expect("the replaced data was backed up first");
    assert_eq!(safety.reason, BackupReason::BeforeRestore);
    let kept = folder::inspect_backup(Path::new(&safety.path)).expect("the safety copy is a good backup");
    assert_eq!(kept.council_name, "さくら台東自治会", "the safety copy holds the data that was replaced");
    assert_eq!(kept.attachments, demo_files as i64 + 2, "…with its attachments (the demo's, minutes and new.txt)");

    // The restored store is open and writable; it holds only the migrated tables.
    rename_operator(&desk, "田中 次郎");
    let tables: i64 = desk
        .read(|r| {
            r.query_row("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'backup_%'", [], |r| r.get(0))
                .map_err(Error::from)
        })
        .expect("count");
    assert_eq!(tables, 0, "the backup's own tables are dropped on restore");
    assert!(desk.check().expect("check").ok, "the restored data passes the full integrity check");
    assert!(!dir.path().join("council.sqlite3.restoring").exists(), "no staging file is left behind");

    // Restoring the safety copy undoes the restore.
    folder::restore(&desk, Path::new(&safety.path)).expect("undo");
    assert_eq!(state(&desk).expect("state").0.expect("council").name, "さくら台東自治会");
}

#[test]
fn inspect_previews_a_backup_without_changing_it() {
    let (dir, desk) = demo_folder();
    let file = dir.path().join("b.sqlite3");
    folder::backup_to(&desk, &file).expect("backup");
    let bytes = std::fs::read(&file).expect("read");
    let info = folder::inspect_backup(&file).expect("inspect");
    assert_eq!(info.council_name, "さくら台自治会");
    assert!(info.is_demo);
    assert_eq!(info.reason, Some(BackupReason::Manual));
    assert_eq!(info.schema_version, latest_version());
    assert_eq!(info.created_at_text.ja, "令和8年（2026年）11月20日 12:00", "the clock's time, in Japan time");
    assert_eq!(info.size_bytes, bytes.len() as u64);
    assert_eq!(info.counts, folder::info(&desk).expect("info").counts, "the same counts as `council info`");
    assert_eq!(std::fs::read(&file).expect("read"), bytes, "inspecting never changes the file");
    assert!(!PathBuf::from(format!("{}-wal", file.display())).exists(), "a backup is one file, no WAL beside it");
}

#[test]
fn bad_backup_files_are_refused_and_nothing_changes() {
    let (dir, desk) = demo_folder();
    let good = dir.path().join("good.sqlite3");
    folder::backup_to(&desk, &good).expect("backup");
    let bytes = std::fs::read(&good).expect("read");

    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "会議のメモ、バックアップではありません").expect("write");
    let empty_db = dir.path().join("empty.sqlite3");
    Connection::open(&empty_db).expect("db").execute_batch("CREATE TABLE t (x);").expect("table");
    let newer = dir.path().join("newer.sqlite3");
    std::fs::copy(&good, &newer).expect("copy");
    Connection::open(&newer).expect("db").pragma_update(None, "user_version", latest_version() + 1).expect("version");
    let missing = dir.path().join("missing.sqlite3");

    let before = snapshot(&desk);
    let backups_before = backup::list(desk.dir()).expect("list");
    let validation: fn(&Error) -> bool = |e| matches!(e, Error::Validation { .. });
    let storage: fn(&Error) -> bool = is_storage;
    let not_found: fn(&Error) -> bool = |e| matches!(e, Error::NotFound(_));
    for (bad, code) in [
        (&truncated, validation),
        (&text, validation),
        (&empty_db, validation),
        (&newer, storage),
        (&missing, not_found),
    ] {
        let err = folder::restore(&desk, bad).expect_err("a bad file must be refused");
        assert!(code(&err), "{}: {err}", bad.display());
        assert!(
            err.text().ja.contains("変更していません") || err.text().ja.contains("見つかりません"),
            "the message says nothing changed (or what is missing): {err}"
        );
        assert!(folder::inspect_backup(bad).is_err(), "the preview refuses it too");
        assert_eq!(snapshot(&desk), before, "{}: the data is unchanged", bad.display());
        assert_eq!(
            backup::list(desk.dir()).expect("list"),
            backups_before,
            "no safety copy for a restore that never began"
        );
    }
    assert!(!dir.path().join("council.sqlite3.restoring").exists(), "no staging file is left behind");
}

/// Scribbles over the schema page of a closed database file.
fn damage(file: &Path) {
    let mut bytes = std::fs::read(file).expect("read");
    bytes[100..4096].fill(0x5a);
    std::fs::write(file, bytes).expect("write");
}

#[test]
fn a_damaged_database_is_refused_and_the_newest_good_backup_is_offered() {
    let (dir, desk) = demo_folder();
    let expected = snapshot(&desk);
    drop(desk);
    let desk = open(dir.path(), 21); // the daily backup of the 21st
    let newest = backup::list(desk.dir()).expect("list").remove(0);
    drop(desk);
    damage(&dir.path().join("council.sqlite3"));

    let err = council_domain::open(DataDir::at(dir.path()), day(22)).expect_err("a damaged file must never be opened");
    assert!(matches!(err, Error::Damaged { .. }), "the UI offers a restore on `damaged`: {err}");
    let Error::Damaged { newest_good, problems, .. } = &err else { panic!("expected Damaged, got {err:?}") };
    assert!(!problems.is_empty(), "SQLite's findings are kept for support");
    assert_eq!(newest_good.as_ref(), Some(&newest), "the newest good backup is offered");
    assert_eq!(err.newest_good(), Some(&newest), "…and crosses to the UI with the error");
    assert!(err.text().ja.contains("壊れています") && err.text().ja.contains("復元してください"), "{err}");

    let report = backup::check_data(&DataDir::at(dir.path()), &MODEL).expect("check");
    assert!(!report.ok, "`council check` finds the damage");
    assert_eq!(report.newest_good_backup.as_ref(), Some(&newest));

    let (desk, outcome) =
        recover(DataDir::at(dir.path()), day(22), Path::new(&newest.path)).expect("recover from the backup");
    assert_eq!(snapshot(&desk).0, expected.0, "the data is back as it was");
    let kept = outcome.safety_copy.expect("the damaged file is kept, not deleted");
    assert_eq!(kept.reason, BackupReason::BeforeRestore);
    assert!(folder::inspect_backup(Path::new(&kept.path)).is_err(), "the kept copy is the damaged file, as it was");
    assert!(desk.check().expect("check").ok);
}

#[test]
fn an_older_schema_is_backed_up_before_it_is_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("council.sqlite3");
    {
        // A database as an older app left it: schema version 0, with data in it.
        let conn = Connection::open(&file).expect("db");
        conn.execute_batch("CREATE TABLE legacy (note TEXT); INSERT INTO legacy VALUES ('古い記録');")
            .expect("old data");
    }
    let desk = open(dir.path(), 20);
    assert_eq!(
        desk.with_writer(|st| st.schema_version()).expect("version"),
        latest_version(),
        "the schema was upgraded"
    );
    let list = backup::list(desk.dir()).expect("list");
    assert_eq!(reasons(&desk), vec![BackupReason::BeforeMigration], "one backup, taken before migrating: {list:?}");
    let copy = Connection::open(&list[0].path).expect("open copy");
    let version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
    assert_eq!(version, 0, "the backup holds the data as it was before the upgrade");
    let note: String = copy.query_row("SELECT note FROM legacy", [], |r| r.get(0)).expect("old row");
    assert_eq!(note, "古い記録");
    drop(desk);
    let desk = open(dir.path(), 20);
    assert_eq!(reasons(&desk).len(), 1, "an up-to-date schema takes no further migration backup");

    let fresh = tempfile::tempdir().expect("tempdir");
    let desk = open(fresh.path(), 20);
    assert!(reasons(&desk).is_empty(), "a brand-new database has nothing to back up before migrating");
}

#[test]
fn a_database_from_a_newer_app_is_refused_untouched() {
    let (dir, desk) = demo_folder();
    drop(desk);
    let file = dir.path().join("council.sqlite3");
    Connection::open(&file).expect("db").pragma_update(None, "user_version", latest_version() + 1).expect("v");
    let bytes = std::fs::read(&file).expect("read");
    let err = council_domain::open(DataDir::at(dir.path()), day(21)).expect_err("refused");
    assert!(matches!(err, Error::NewerSchema { .. }), "{err:?}");
    assert_eq!(std::fs::read(&file).expect("read"), bytes, "the file is untouched");
}

/// Disk full, simulated honestly within SQLite: `PRAGMA max_page_count` caps the database at its
/// current size, and SQLite then fails a growing write with SQLITE_FULL — the same error code and the
/// same rollback path as a write() that hits ENOSPC. (A real full filesystem, a small tmpfs, is
/// tests/disk_full.rs.)
#[test]
fn a_write_on_a_full_disk_fails_cleanly_and_keeps_the_data() {
    let (_dir, desk) = demo_folder();
    let pages: i64 =
        desk.with_writer(|st| Ok(st.conn().pragma_query_value(None, "page_count", |r| r.get(0))?)).expect("pages");
    desk.with_writer(|st| Ok(st.conn().pragma_update(None, "max_page_count", pages)?)).expect("cap");
    let mut last_good = snapshot(&desk);
    let mut failure = None;
    for i in 0..2_000 {
        let patch = SettingsPatch {
            operator_name: Some(format!("記録係{i:04}番 長い名前の人")), ..Default::default()
        };
        match desk.write(|w| settings::update(w, &patch)) {
            Ok(_) => last_good = snapshot(&desk),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let err = failure.expect("the capped database must fill up within 2,000 writes");
    assert!(is_storage(&err));
    assert!(err.text().ja.contains("ディスクがいっぱい"), "the message names the cause: {err}");
    assert!(err.text().en.contains("nothing was saved"), "…and says nothing was saved: {err}");
    assert_eq!(snapshot(&desk), last_good, "the failed write left the data exactly as it was");
    assert!(desk.check().expect("check").ok, "the database is intact");
    desk.with_writer(|st| Ok(st.conn().pragma_update(None, "max_page_count", 1_000_000)?)).expect("uncap");
    rename_operator(&desk, "空きができた後");
    assert_eq!(state(&desk).expect("state").1.operator_name, "空きができた後", "with space, writing works again");
}
