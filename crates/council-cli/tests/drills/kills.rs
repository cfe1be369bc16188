//! The process killed at every rename of a restore and of a hand-over: the next opening finds either
//! the data as it was or the new data, whole — database, attachments and key together — and
//! `council check` passes.

use std::path::Path;

use crate::harness::{council, council_name, files, killed_at_rename, ok, rows, text};

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
}

impl Whole {
    fn of(data: &Path) -> Self {
        Self {
            name: council_name(data),
            rows: rows(&data.join("council.sqlite3")),
            attachments: files(&data.join("attachments")),
            keys: files(&data.join("keys")),
        }
    }
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
        let old = Whole::of(&data);
        let Some(_) = killed_at_rename(n, &data, &args) else { break };
        tried += 1;
        let became_new = {
            let now = Whole::of(&data);
            // The hand-over's council arrives with its own rows, attachments and key, nothing else.
            let new = Whole {
                name: handed.name.clone(),
                rows: now.rows.clone(),
                attachments: handed.attachments.clone(),
                keys: handed.keys.clone(),
            };
            assert_whole(&data, &format!("hand-over killed at rename {n}"), &old, &new)
        };
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
            files(&data.join("keys")),
            if became_new { handed.keys.clone() } else { old.keys.clone() },
            "rename {n}: the key belongs to the council"
        );
        held += 1;
    }
    assert!(tried >= 6, "a hand-over makes at least six renames: {tried}");
    println!("drill hand-over-killed: tried {tried}, held {held}");
}
