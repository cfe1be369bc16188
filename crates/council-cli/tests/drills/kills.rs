//! The process killed at every rename of a restore and of a hand-over: the next opening finds either
//! the data as it was or the new data, whole — database, attachments and key together — and
//! `council check` passes. And killed at every sync and rename of a roster import, a migration, a
//! package put into the outbox (with the key made on first use) and the demo with its attached
//! files: all of it or none of it, and the folder goes on working.

use std::path::Path;

use crate::harness::{SYNCS_AND_RENAMES, council, council_name, files, killed_at, killed_at_rename, ok, rows, text};

/// After a kill: the folder opens (finishing what was interrupted), passes the check, and holds one
/// whole council — `old` or `new` — with that council's attachments and key.
fn assert_whole(data: &Path, case: &str, old: &Whole, new: &Whole) -> bool {
    let check = council(data, &["check"]);
    assert!(check.status.success(), "{case}: check after the kill: {}{}", text(&check.stdout), text(&check.stderr));
    let now = Whole::of(data);
    assert!(
        now == *old || now == *new,
        "{case}: the data is one council, whole: {} vs {} / {}",
        now.name,
        old.name,
        new.name
    );
    for leftover in ["incoming", "replaced", "swap.journal", "tmp"] {
        assert!(!data.join(leftover).exists(), "{case}: {leftover} is cleared at the next opening");
    }
    now == *new
}

/// A council's data as the drills compare it.
#[derive(Debug, PartialEq)]
struct Whole {
    name: String,
    rows: std::collections::BTreeMap<String, Vec<String>>,
    attachments: std::collections::BTreeMap<String, Vec<u8>>,
    keys: std::collections::BTreeMap<String, Vec<u8>>,
    /// The outbox's packages, records and drop-box address (not its locks).
    outbox: std::collections::BTreeMap<String, Vec<u8>>,
}

impl Whole {
    fn of(data: &Path) -> Self {
        Self {
            name: council_name(data),
            rows: rows(&data.join("council.sqlite3")),
            attachments: files(&data.join("attachments")),
            keys: key_identity(data),
            outbox: files(&data.join("outbox")).into_iter().filter(|(name, _)| !name.ends_with(".lock")).collect(),
        }
    }
}

/// Which key a folder holds: its public key file, and the public key its secret file names (the
/// secret itself is encrypted, and a hand-over re-encrypts it under its own passphrase).
fn key_identity(data: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files(&data.join("keys"))
        .into_iter()
        .map(|(name, bytes)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let public =
                text.lines().find(|l| l.starts_with("public:")).map_or(bytes.clone(), |l| l.as_bytes().to_vec());
            let kept = if name.ends_with(".pub") { bytes } else { public };
            (name, kept)
        })
        .collect()
}

#[test]
fn a_restore_killed_at_every_rename_leaves_the_old_data_or_the_backup_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("template");
    ok(&template, &["demo"]);
    let backup = dir.path().join("backup.sqlite3");
    ok(&template, &["backup", "--out", backup.to_str().expect("utf-8")]);
    let mut tried = 0;
    let mut held = 0;
    for n in 1.. {
        // A folder whose data differs from the backup: another council.
        let data = dir.path().join(format!("kill-{n}"));
        ok(&data, &["init", "--name", "みどり台自治会", "--city", "みどり市", "--representative", "佐藤 一郎"]);
        let old = Whole::of(&data);
        let Some(_) = killed_at_rename(n, &data, &["restore", backup.to_str().expect("utf-8"), "--yes"]) else {
            break;
        };
        tried += 1;
        let new = {
            let sound = dir.path().join(format!("sound-{n}"));
            ok(&sound, &["init", "--name", "x", "--city", "x", "--representative", "x"]);
            ok(&sound, &["restore", backup.to_str().expect("utf-8"), "--yes"]);
            Whole::of(&sound)
        };
        assert_whole(&data, &format!("restore killed at rename {n}"), &old, &new);
        held += 1;
    }
    assert!(
        tried >= 5,
        "a restore makes at least five renames (safety copy, journal, database and attachments in and out): {tried}"
    );
    println!("drill restore-killed: tried {tried}, held {held}");
}

#[test]
fn a_hand_over_killed_at_every_rename_leaves_one_council_with_its_own_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old_pc = dir.path().join("old-pc");
    ok(&old_pc, &["demo"]);
    ok(&old_pc, &["package", "key"]);
    // A package waiting for the city, and where it goes: both travel with the council.
    let drop_box = dir.path().join("city-drop-box");
    ok(&old_pc, &["outbox", "config", "--folder", drop_box.to_str().expect("utf-8")]);
    ok(&old_pc, &["package", "build", "--purpose", "officer-list", "--outbox"]);
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, "さくら台の合言葉2026\n").expect("pass");
    let file = dir.path().join("さくら台.handover");
    ok(
        &old_pc,
        &[
            "handover",
            "export",
            "--out",
            file.to_str().expect("utf-8"),
            "--passphrase-file",
            pass.to_str().expect("utf-8"),
        ],
    );
    let handed = Whole::of(&old_pc);
    // The receiving PC has a package of its own waiting (built on another demo, copied in).
    let waiting = dir.path().join("waiting");
    ok(&waiting, &["demo"]);
    ok(&waiting, &["package", "build", "--purpose", "officer-list", "--outbox"]);
    let args = [
        "handover",
        "import",
        file.to_str().expect("utf-8"),
        "--passphrase-file",
        pass.to_str().expect("utf-8"),
        "--replace",
    ];
    let mut tried = 0;
    let mut held = 0;
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        ok(&data, &["init", "--name", "みどり台自治会", "--city", "みどり市", "--representative", "佐藤 一郎"]);
        ok(&data, &["package", "key"]);
        copy_folder(&waiting.join("outbox"), &data.join("outbox"));
        let old = Whole::of(&data);
        let Some(_) = killed_at_rename(n, &data, &args) else { break };
        tried += 1;
        let became_new = {
            let now = Whole::of(&data);
            // The hand-over's council arrives with its own rows, attachments, key and outbox, nothing
            // else.
            let new = Whole {
                name: handed.name.clone(),
                rows: now.rows.clone(),
                attachments: handed.attachments.clone(),
                keys: handed.keys.clone(),
                outbox: handed.outbox.clone(),
            };
            assert_whole(&data, &format!("hand-over killed at rename {n}"), &old, &new)
        };
        if became_new {
            // The replaced council's waiting package is kept, not thrown away.
            let kept: Vec<_> = std::fs::read_dir(data.join("backups"))
                .expect("backups")
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("outbox-before-handover-"))
                .flat_map(|e| files(&e.path()).into_keys())
                .collect();
            let old_packages: Vec<_> = old.outbox.keys().filter(|n| n.ends_with(".zip")).collect();
            assert!(
                old_packages.iter().all(|p| kept.contains(*p)),
                "rename {n}: the replaced outbox is kept in backups/: {kept:?}"
            );
        }
        if became_new {
            assert_eq!(
                rows(&data.join("council.sqlite3")).get("person"),
                handed.rows.get("person"),
                "rename {n}: the persons arrived"
            );
        }
        // No new key is made for a council that has one: the key is the one that belongs.
        ok(&data, &["package", "key"]);
        assert_eq!(
            key_identity(&data),
            if became_new { handed.keys.clone() } else { old.keys.clone() },
            "rename {n}: the key belongs to the council"
        );
        held += 1;
    }
    assert!(tried >= 9, "a hand-over makes at least nine renames (the outbox in and out, and kept): {tried}");
    println!("drill hand-over-killed: tried {tried}, held {held}");
}

/// The roster fixture the import drills read.
fn roster_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../council-io/tests/fixtures/roster-good.xlsx")
}

/// Copies the folder `from` (recursively) to `to`.
pub(crate) fn copy_folder(from: &Path, to: &Path) {
    for (name, bytes) in files(from) {
        let target = to.join(name);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("folder");
        std::fs::write(target, bytes).expect("copy");
    }
}

/// The schema version this build writes.
const LATEST: i64 = 23;

fn count(data: &Path, table: &str) -> usize {
    rows(&data.join("council.sqlite3")).get(table).map_or(0, Vec::len)
}

#[test]
fn an_import_killed_at_every_sync_imports_the_whole_roster_or_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = roster_fixture();
    let roster = roster.to_str().expect("utf-8");
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        ok(&data, &["init", "--name", "新町自治会", "--city", "みどり市", "--representative", "佐藤 花子"]);
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &["import", "roster", roster]) else { break };
        tried += 1;
        let check = council(&data, &["check"]);
        assert!(check.status.success(), "import killed at step {n}: {}", text(&check.stdout));
        let found = (count(&data, "household"), count(&data, "person"));
        assert!(found == (0, 0) || found == (6, 10), "step {n}: all of the roster or none of it: {found:?}");
        if found == (0, 0) {
            ok(&data, &["import", "roster", roster]);
            assert_eq!((count(&data, "household"), count(&data, "person")), (6, 10), "step {n}: imported again");
        }
        held += 1;
    }
    assert!(tried >= 3, "an import syncs at least three times: {tried}");
    println!("drill import-killed: tried {tried}, held {held}");
}

#[test]
fn a_migration_killed_at_every_sync_leaves_the_old_version_or_the_new_one_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The demo council as an earlier version of the app kept it: migration 7 only adds the table of
    // the data's version, 8 to 11 the accounts' tables and indexes and 12 and 13 the sharing's, so without them (and at
    // user_version 6) the file is a version-6 file.
    let template = dir.path().join("template");
    ok(&template, &["demo"]);
    // A version-6 file kept no day a paper went out (migration 14 adds them, empty), nor an event's
    // fee or notice text (migration 16), nor a person's 続柄 (migration 17), nor an advance's claim
    // (migration 19); its payments get their receipt numbers from migration 18, in the order they
    // were recorded.
    rusqlite::Connection::open(template.join("council.sqlite3"))
        .and_then(|c| {
            c.execute_batch(
                "UPDATE meeting SET notice_issued_on = NULL, results_issued_on = NULL;
                 UPDATE event SET notice_issued_on = NULL, fee = NULL, notice_text = '';
                 UPDATE person SET relation = '';
                 UPDATE grant_application SET advance_claimed_on = NULL, advance_claimed_amount = NULL;
                 UPDATE ledger_entry SET grant_application_id = NULL, grant_income_kind = NULL;
                 UPDATE meeting_invitee SET written_votes = '{}';
                 UPDATE agenda_item SET comparison = '[]';
                 UPDATE dues_payment SET receipt_series = 0, receipt_no = (
                     SELECT count(*) FROM dues_payment p
                     WHERE p.fiscal_year = dues_payment.fiscal_year
                       AND (p.created_at < dues_payment.created_at
                            OR (p.created_at = dues_payment.created_at AND p.id <= dues_payment.id)));",
            )
        })
        .expect("the demo without its papers' days");
    let want = rows(&template.join("council.sqlite3"));
    let old_db = |data: &Path| {
        let conn = rusqlite::Connection::open(data.join("council.sqlite3")).expect("open");
        conn.execute_batch(
            "INSERT INTO setting SELECT key, value FROM local_setting; DROP TABLE local_setting;
             ALTER TABLE meeting DROP COLUMN notice_issued_on; ALTER TABLE meeting DROP COLUMN results_issued_on;
             ALTER TABLE event DROP COLUMN notice_issued_on; ALTER TABLE event DROP COLUMN fee;
             ALTER TABLE event DROP COLUMN notice_text; ALTER TABLE person DROP COLUMN relation;
             ALTER TABLE dues_payment DROP COLUMN receipt_series; ALTER TABLE dues_payment DROP COLUMN receipt_no;
             ALTER TABLE grant_application DROP COLUMN advance_claimed_on;
             ALTER TABLE grant_application DROP COLUMN advance_claimed_amount;
             ALTER TABLE household DROP COLUMN route_position;
             ALTER TABLE event DROP COLUMN notice_blocks; ALTER TABLE event DROP COLUMN notice_copies;
             DROP INDEX ledger_entry_grant; ALTER TABLE ledger_entry DROP COLUMN grant_application_id;
             ALTER TABLE ledger_entry DROP COLUMN grant_income_kind;
             ALTER TABLE meeting_invitee DROP COLUMN written_votes;
             ALTER TABLE agenda_item DROP COLUMN comparison;
             DROP TABLE sync_touch; DROP TABLE sync_conflict; DROP TABLE sync_log; DROP TABLE sync_state; DROP TABLE sync_device;
             DROP TABLE grant_ledger_category; DROP TABLE grant_ledger; DROP TABLE account_asset; DROP TABLE account_audit; DROP TABLE account_balance_check;
             DROP TABLE account_budget_transfer; DROP TABLE account_month_close;
             DROP TABLE content_version; DROP TABLE account_year_close; DROP TABLE ledger_entry;
             DROP TABLE account_budget_line; DROP TABLE account_budget; DROP TABLE book;
             DROP TABLE account_category; DROP TABLE account; PRAGMA user_version = 6;",
        )
        .expect("make a version-6 file");
    };
    let version = |data: &Path| -> i64 {
        let conn = rusqlite::Connection::open(data.join("council.sqlite3")).expect("open");
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version")
    };
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        copy_folder(&template, &data);
        old_db(&data);
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &["info"]) else { break };
        tried += 1;
        let v = version(&data);
        assert!(v == 6 || v == LATEST, "step {n}: the old version or the new, never between: {v}");
        ok(&data, &["info"]);
        assert_eq!(version(&data), LATEST, "step {n}: migrated at the next start");
        let check = council(&data, &["check"]);
        assert!(check.status.success(), "migration killed at step {n}: {}", text(&check.stdout));
        let mut now = rows(&data.join("council.sqlite3"));
        let mut expected = want.clone();
        // The tables a version-6 file did not have start empty (or new) after the upgrade.
        for table in [
            "grant_ledger_category",
            "grant_ledger",
            "account_asset",
            "account_audit",
            "account_balance_check",
            "account_budget_transfer",
            "account_month_close",
            "content_version",
            "account_year_close",
            "ledger_entry",
            "account_budget_line",
            "account_budget",
            "book",
            "account_category",
            "account",
        ] {
            now.remove(table);
            expected.remove(table);
        }
        assert_eq!(now, expected, "step {n}: every row as it was");
        held += 1;
    }
    assert!(tried >= 1, "the migration commits at least once: {tried}");
    println!("drill migration-killed: tried {tried}, held {held}");
}

#[test]
fn a_package_put_in_the_outbox_killed_at_every_step_is_there_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("template");
    ok(&template, &["demo"]);
    let build = ["package", "build", "--purpose", "officer-list", "--outbox"];
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        copy_folder(&template, &data);
        // The key is made on first use: its making is among the steps cut.
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &build) else { break };
        tried += 1;
        let check = council(&data, &["check"]);
        assert!(check.status.success(), "build killed at step {n}: {}", text(&check.stdout));
        let listed: serde_json::Value = serde_json::from_str(&ok(&data, &["outbox", "list", "--json"])).expect("json");
        let listed = listed.as_array().expect("list").clone();
        assert!(listed.len() <= 1, "step {n}: at most the one package: {listed:?}");
        ok(&data, &build);
        let listed: serde_json::Value = serde_json::from_str(&ok(&data, &["outbox", "list", "--json"])).expect("json");
        let key = data.join("keys/council.ed25519.pub");
        for entry in listed.as_array().expect("list") {
            let id = entry["package_id"].as_str().expect("id");
            let zip = data.join("outbox").join(format!("{id}.zip"));
            let known = data.join("city.json");
            let args = ["verify", zip.to_str().expect("utf-8"), "--key", key.to_str().expect("utf-8"), "--known"];
            let out = council(&data, &[&args[..], &[known.to_str().expect("utf-8")]].concat());
            assert!(
                out.status.success(),
                "step {n}: every package listed is whole and the council's: {}",
                text(&out.stdout)
            );
        }
        held += 1;
    }
    assert!(tried >= 3, "building into the outbox has at least three steps: {tried}");
    println!("drill outbox-killed: tried {tried}, held {held}");
}

#[test]
fn the_demo_and_its_attachments_killed_at_every_step_leave_a_whole_council_or_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &["demo"]) else { break };
        tried += 1;
        let info = council(&data, &["info", "--json"]);
        if info.status.success() {
            // A council is there: whole, with every attached file its records name (check reads them).
            let check = council(&data, &["check"]);
            assert!(check.status.success(), "demo killed at step {n}: {}", text(&check.stdout));
            assert!(count(&data, "household") > 200, "step {n}: the whole demo roster");
        } else {
            ok(&data, &["demo"]);
            let check = council(&data, &["check"]);
            assert!(check.status.success(), "step {n}: made again: {}", text(&check.stdout));
        }
        held += 1;
    }
    assert!(tried >= 3, "the demo has at least three steps: {tried}");
    println!("drill demo-with-attachments-killed: tried {tried}, held {held}");
}

#[test]
fn ending_the_demo_killed_at_every_step_leaves_the_demo_or_an_empty_folder_with_the_demo_in_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("template");
    ok(&template, &["demo"]);
    let demo_households = count(&template, "household");
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        copy_folder(&template, &data);
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &["demo", "--end"]) else { break };
        tried += 1;
        let info = council(&data, &["info", "--json"]);
        if info.status.success() {
            // The demo is still there, whole.
            let check = council(&data, &["check"]);
            assert!(check.status.success(), "end of the demo killed at step {n}: {}", text(&check.stdout));
            assert_eq!(count(&data, "household"), demo_households, "step {n}: the whole demo roster");
        } else {
            // The folder is empty: the demo must be in a backup, whole.
            let backups: Vec<_> = std::fs::read_dir(data.join("backups"))
                .map(|d| {
                    d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "sqlite3")).collect()
                })
                .unwrap_or_default();
            assert!(
                backups.iter().any(|b| rows(b).get("household").map_or(0, Vec::len) == demo_households),
                "step {n}: the demo is gone from the folder, so a backup must hold it whole: {backups:?}"
            );
            ok(&data, &["init", "--name", "みどり台自治会", "--city", "みどり市", "--representative", "佐藤 一郎"]);
        }
        held += 1;
    }
    assert!(tried >= 3, "ending the demo has at least three steps (the backup, moving the file aside): {tried}");
    println!("drill end-demo-killed: tried {tried}, held {held}");
}
