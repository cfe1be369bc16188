//! Hand-over (引き継ぎ) as a use case on real data folders in temp dirs: the old PC exports one file,
//! a fresh folder imports it and holds the same council; bad passphrases and damaged files are
//! refused and change nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use council_domain::clock::{Clock, FixedClock};
use council_domain::council::{self, CouncilProfile};
use council_domain::settings::{self, Settings, SettingsPatch};
use council_domain::{Error, MODEL, Result, Session, folder};
use council_store::backup::BackupReason;
use council_store::data_dir::DataDir;
use council_store::handover::{self, HandoverImport};
use rusqlite::Connection;
use rusqlite::types::Value;
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = "さくら台の桜並木 2026";

fn clock() -> FixedClock {
    FixedClock::at_date(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"))
}

fn open(dir: &Path) -> Session {
    council_domain::open(DataDir::at(dir), Box::new(clock())).expect("open desk")
}

/// Loads the demo council into an empty data folder.
fn set_up_demo(desk: &Session) -> Result<CouncilProfile> {
    desk.write(|w| council_demo::create(w, &desk.dir().attachments()))
}

fn update_settings(desk: &Session, patch: &SettingsPatch) -> Result<()> {
    desk.write(|w| settings::update(w, patch))
}

/// The council's profile and the settings, as the window's state showed them.
fn state(desk: &Session) -> Result<(Option<CouncilProfile>, Settings)> {
    desk.read(|r| Ok((council::get(r)?, settings::load(r)?)))
}

/// `handover::import` into a data folder that is not open, at the tests' instant, with the domain's
/// answers about the data.
fn import_into(dir: &DataDir, file: &Path, passphrase: Option<&str>, replace: bool) -> Result<HandoverImport> {
    handover::import(dir, clock().now(), file, passphrase, replace, &MODEL)
}

/// The old officer's data folder: the demo council, an operator name, an attachment and a signing key.
fn old_pc(dir: &Path) -> Session {
    let desk = open(dir);
    set_up_demo(&desk).expect("demo");
    update_settings(&desk, &SettingsPatch { operator_name: Some("髙橋 𠮷子".into()), ..Default::default() })
        .expect("settings");
    let minutes = dir.join("attachments/minutes/2026-04 総会.pdf");
    std::fs::create_dir_all(minutes.parent().expect("parent")).expect("mkdir");
    std::fs::write(&minutes, b"%PDF-1.7 minutes").expect("attachment");
    std::fs::create_dir_all(dir.join("keys")).expect("keys");
    std::fs::write(dir.join("keys/signing.key"), [7u8; 32]).expect("key");
    put_outbox(dir, PACKAGE, "waiting");
    std::fs::write(
        dir.join("outbox/destination.json"),
        r#"{"kind":"web_dav","url":"https://dav.example.jp/提出/","user":"sakura"}"#,
    )
    .expect("destination");
    desk
}

/// The old PC's package waiting for the city.
const PACKAGE: &str = "0193a6c2-7f00-7000-8000-000000000001";

/// A package in the outbox of `dir`, as the outbox writes it, in `state`, with its lock and a
/// half-written temporary file beside it (neither of which travels).
fn put_outbox(dir: &Path, id: &str, state: &str) {
    let outbox = dir.join("outbox");
    std::fs::create_dir_all(&outbox).expect("outbox");
    std::fs::write(outbox.join(format!("{id}.zip")), format!("PK package {id}")).expect("zip");
    std::fs::write(
        outbox.join(format!("{id}.json")),
        format!(r#"{{"package_id":"{id}","state":{{"state":"{state}"}}}}"#),
    )
    .expect("record");
    std::fs::write(outbox.join(format!("{id}.lock")), b"").expect("lock");
    std::fs::write(outbox.join(format!(".{id}.json.1.tmp")), b"half").expect("tmp");
}

/// The outbox's files that travel: not its locks, nor half-written temporary files.
fn outbox_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(&dir.join("outbox")).into_iter().filter(|(n, _)| !n.ends_with(".lock") && !n.starts_with('.')).collect()
}

/// Each table's name and rows.
type Dump = Vec<(String, Vec<Vec<Value>>)>;

/// Every row of every table, as SQLite returns them: the council as data, not as any screen shows it.
fn dump(db: &Path) -> Dump {
    let conn = Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("tables");
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("name")).collect();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2")).expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())
                .expect("rows")
                .map(|r| r.expect("row"))
                .collect();
            (t, rows)
        })
        .collect()
}

/// The names and bytes of every file in a folder, recursively.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(read) = std::fs::read_dir(&d) else { continue };
        for item in read {
            let p = item.expect("entry").path();
            if p.is_dir() {
                pending.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("inside").display().to_string();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn exported(passphrase: Option<&str>) -> (tempfile::TempDir, PathBuf, Dump) {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old");
    let desk = old_pc(&old);
    let before = dump(&old.join("council.sqlite3"));
    let file = dir.path().join("usb/さくら台自治会.councilhandover");
    let info = folder::export_handover(&desk, &file, passphrase, None).expect("export");
    assert_eq!(info.encrypted, passphrase.is_some(), "protected exactly when a passphrase is given");
    assert_eq!(info.keys, vec!["signing.key".to_owned()], "the keys/ folder travels with the data");
    let attached = files(&old.join("attachments")).len() as i64;
    assert!(attached > 1, "the demo's grant receipts and the minutes are attached");
    assert_eq!(info.contents.attachments, attached, "every attachment travels with the data");
    (dir, file, before)
}

fn assert_refused_unchanged(err: Error, field: &str, words: &str, target: &Path, before: &[(String, Vec<u8>)]) {
    let Error::Validation { problems, message } = &err else { panic!("expected a validation error, got {err:?}") };
    assert_eq!(problems[0].field, field, "the problem is on `{field}`: {err:?}");
    assert!(message.en.contains(words), "the message must say {words:?}: {}", message.en);
    assert!(
        message.ja.contains("データは変更していません"),
        "…and that nothing changed, in Japanese too: {}",
        message.ja
    );
    assert_eq!(files(target), before, "a refused import must not change the target folder");
}

#[test]
fn a_protected_handover_opened_on_a_fresh_folder_yields_the_same_council() {
    let (dir, file, before) = exported(Some(PASSPHRASE));
    let bytes = std::fs::read(&file).expect("read");
    assert!(
        !bytes.windows("さくら台".len()).any(|w| w == "さくら台".as_bytes()),
        "a protected file must not show the council's data in clear text"
    );

    let preview =
        folder::inspect_handover(&DataDir::at(dir.path().join("viewer")), &file, Some(PASSPHRASE)).expect("inspect");
    assert_eq!(preview.contents.council_name, "さくら台自治会", "the preview names the council");
    assert_eq!(preview.path, file.display().to_string(), "the preview speaks of the hand-over file");
    let households = preview.contents.counts.iter().find(|c| c.key == "households").expect("households");
    assert!(households.count > 100, "the preview shows the demo's counts: {}", households.count);
    assert_eq!((preview.outbox_packages, preview.outbox_waiting), (1, 1), "the waiting package travels");
    assert_eq!(preview.drop_box.as_deref(), Some("https://dav.example.jp/提出/"), "so does the drop-box's address");

    let new = dir.path().join("new");
    let outcome = import_into(&DataDir::at(&new), &file, Some(PASSPHRASE), false).expect("import");
    assert!(outcome.safety_copy.is_none(), "a fresh folder has nothing to back up");
    assert_eq!(dump(&new.join("council.sqlite3")), before, "every row of every table arrives unchanged");
    assert_eq!(
        files(&new.join("attachments")),
        files(&dir.path().join("old/attachments")),
        "the attachments arrive byte for byte"
    );
    assert_eq!(files(&new.join("keys")), files(&dir.path().join("old/keys")), "the signing key arrives");
    let outbox = outbox_of(&new);
    assert_eq!(outbox, outbox_of(&dir.path().join("old")), "the outbox arrives: package, record, drop-box");
    assert_eq!(outbox.len(), 3, "package, record and drop-box, no lock or temporary file: {outbox:?}");
    let leftovers: Vec<_> = std::fs::read_dir(&new)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("handover") || n.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "no staged plaintext stays behind: {leftovers:?}");

    let desk = open(&new);
    let (council, settings) = state(&desk).expect("state");
    assert_eq!(council.expect("council").name, "さくら台自治会", "the new PC opens the same council");
    assert_eq!(settings.operator_name, "髙橋 𠮷子", "settings travel too, with 髙 and 𠮷 intact");
}

#[test]
fn a_handover_carrying_the_signing_key_needs_a_passphrase_and_one_without_keys_round_trips_unprotected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old");
    let desk = old_pc(&old);
    let file = dir.path().join("usb/さくら台自治会.councilhandover");
    let err = folder::export_handover(&desk, &file, None, None).expect_err("the key must not leave unprotected");
    let Error::Validation { problems, message } = &err else { panic!("{err:?}") };
    assert_eq!(problems[0].field, "passphrase", "the passphrase is asked for: {err:?}");
    assert!(message.ja.contains("署名の鍵"), "says why: {}", message.ja);
    assert!(!file.exists(), "nothing was written");

    // A council that has never signed a package has no key: its hand-over may go unprotected.
    std::fs::remove_dir_all(old.join("keys")).expect("no keys");
    let before = dump(&old.join("council.sqlite3"));
    let info = folder::export_handover(&desk, &file, None, None).expect("export");
    let preview = folder::inspect_handover(&DataDir::at(dir.path().join("viewer")), &file, None).expect("inspect");
    assert!(!preview.encrypted, "the preview says it is not protected");
    assert!(info.keys.is_empty(), "no key travels");
    let new = dir.path().join("new");
    import_into(&DataDir::at(&new), &file, None, false).expect("import");
    assert_eq!(dump(&new.join("council.sqlite3")), before, "every row of every table arrives unchanged");
    assert!(files(&new.join("keys")).is_empty(), "no key arrives");
}

#[test]
fn a_wrong_or_missing_passphrase_is_refused_and_changes_nothing() {
    let (dir, file, _) = exported(Some(PASSPHRASE));
    let new = dir.path().join("new");
    std::fs::create_dir_all(&new).expect("mkdir");
    let err = import_into(&DataDir::at(&new), &file, Some("さくら台の桜並木 2025"), false)
        .expect_err("a wrong passphrase must be refused");
    assert_refused_unchanged(err, "passphrase", "passphrase is not correct", &new, &[]);
    let err = import_into(&DataDir::at(&new), &file, None, false).expect_err("a protected file needs its passphrase");
    let Error::Validation { problems, .. } = &err else { panic!("{err:?}") };
    assert_eq!(problems[0].field, "passphrase", "the missing passphrase is asked for: {err:?}");
    assert!(files(&new).is_empty(), "nothing was written");
}

#[test]
fn a_truncated_tampered_or_foreign_file_is_refused_and_changes_nothing() {
    let (dir, file, _) = exported(Some(PASSPHRASE));
    let bytes = std::fs::read(&file).expect("read");
    let new = dir.path().join("new");
    std::fs::create_dir_all(&new).expect("mkdir");
    let bad = dir.path().join("bad.councilhandover");
    let import = |bytes: &[u8]| {
        std::fs::write(&bad, bytes).expect("write");
        import_into(&DataDir::at(&new), &bad, Some(PASSPHRASE), false)
    };

    let err = import(&bytes[..bytes.len() / 2]).expect_err("a truncated file must be refused");
    assert_refused_unchanged(err, "file", "truncated, damaged or has been altered", &new, &[]);

    let mut flipped = bytes.clone();
    flipped[bytes.len() - 100] ^= 0x20;
    let err = import(&flipped).expect_err("a changed byte must be refused");
    assert_refused_unchanged(err, "file", "truncated, damaged or has been altered", &new, &[]);

    // A deliberate change that also fixes the checksum: the authenticated encryption still refuses it.
    let mut forged = flipped.clone();
    let digest = Sha256::digest(&forged[64..]);
    forged[32..64].copy_from_slice(&digest);
    let err = import(&forged).expect_err("a forged file must be refused");
    assert_refused_unchanged(err, "file", "truncated, damaged or has been altered", &new, &[]);

    // A backup is not a hand-over.
    let backup_file = dir.path().join("backup.sqlite3");
    folder::backup_to(&open(&dir.path().join("old")), &backup_file).expect("backup");
    let err = import(&std::fs::read(backup_file).expect("read")).expect_err("a backup is not a hand-over");
    assert_refused_unchanged(err, "file", "not a Council Desk hand-over file", &new, &[]);
}

#[test]
fn a_folder_with_a_council_is_only_replaced_when_asked_and_backed_up_first() {
    let (dir, file, before) = exported(Some(PASSPHRASE));
    let other = dir.path().join("other");
    let desk = open(&other);
    set_up_demo(&desk).expect("demo");
    update_settings(&desk, &SettingsPatch { operator_name: Some("別の人".into()), ..Default::default() })
        .expect("settings");
    std::fs::create_dir_all(other.join("keys")).expect("keys");
    std::fs::write(other.join("keys/signing.key"), [9u8; 32]).expect("key");
    put_outbox(&other, "0193a6c2-7f00-7000-8000-0000000000ff", "failed");
    let other_outbox = outbox_of(&other);
    drop(desk);
    let untouched = dump(&other.join("council.sqlite3"));

    let err = import_into(&DataDir::at(&other), &file, Some(PASSPHRASE), false)
        .expect_err("a council in the folder must not be replaced silently");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert!(err.text().en.contains("already holds a council"), "{}", err.text().en);
    assert_eq!(dump(&other.join("council.sqlite3")), untouched, "the refused import changed nothing");

    let outcome = import_into(&DataDir::at(&other), &file, Some(PASSPHRASE), true).expect("replace");
    let copy = outcome.safety_copy.expect("the replaced council is backed up first");
    assert_eq!(copy.reason, BackupReason::BeforeRestore, "through the restore path's safety copy");
    let kept = dump(Path::new(&copy.path));
    let settings = &kept.iter().find(|(t, _)| t == "local_setting").expect("this PC's settings table").1;
    assert!(settings.iter().any(|r| r.contains(&Value::Text("別の人".into()))), "the copy holds the replaced data");
    assert_eq!(dump(&other.join("council.sqlite3")), before, "the folder now holds the hand-over's council");
    assert_eq!(std::fs::read(other.join("keys/signing.key")).expect("key"), [7u8; 32], "the hand-over's key");
    let aside = std::fs::read_dir(other.join("backups"))
        .expect("backups")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("keys-before-handover-")))
        .expect("the replaced keys are kept in backups/");
    assert_eq!(std::fs::read(aside.join("signing.key")).expect("old key"), [9u8; 32], "the old key is kept");
    assert_eq!(outbox_of(&other), outbox_of(&dir.path().join("old")), "the hand-over's outbox is in place");
    let aside = std::fs::read_dir(other.join("backups"))
        .expect("backups")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("outbox-before-handover-")))
        .expect("the replaced outbox is kept in backups/");
    let old_packages: Vec<_> =
        files(&aside).into_iter().filter(|(n, _)| !n.ends_with(".lock") && !n.starts_with('.')).collect();
    assert_eq!(old_packages, other_outbox, "the replaced council's unsent package is kept whole");
}

#[test]
fn an_open_desk_can_take_over_a_handover() {
    let (dir, file, before) = exported(Some(PASSPHRASE));
    let other = dir.path().join("other");
    let desk = open(&other);
    set_up_demo(&desk).expect("demo");
    let outcome = folder::import_handover(&desk, &file, Some(PASSPHRASE)).expect("import into the open desk");
    assert!(outcome.safety_copy.is_some(), "the replaced data is backed up first");
    assert_eq!(folder::info(&desk).expect("info").name, "さくら台自治会", "the desk works on the imported data");
    drop(desk);
    assert_eq!(dump(&other.join("council.sqlite3")), before, "the folder holds the hand-over's council");
}

#[test]
fn export_refuses_a_short_passphrase_and_an_existing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = old_pc(&dir.path().join("old"));
    let file = dir.path().join("h.councilhandover");
    let err = folder::export_handover(&desk, &file, Some("sakura"), None).expect_err("6 characters are too few");
    let Error::Validation { problems, .. } = &err else { panic!("{err:?}") };
    assert_eq!(problems[0].field, "passphrase", "{err:?}");
    assert!(!file.exists(), "nothing is written for a refused passphrase");
    std::fs::write(&file, b"someone else's file").expect("write");
    let err = folder::export_handover(&desk, &file, Some(PASSPHRASE), None)
        .expect_err("an existing file is never overwritten");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(std::fs::read(&file).expect("read"), b"someone else's file", "the existing file is untouched");
}
