//! Crafted backups: each is refused before anything changes, or (a flipped bit that lands where no
//! data is) restores exactly the backup's data — never different data, silently.

use std::path::Path;

use crate::harness::{council, council_name, demo_with_backup, files, ok, rows, text};

/// Restores `file` into `data`; true when it was refused.
fn try_restore(data: &Path, file: &Path) -> bool {
    !council(data, &["restore", file.to_str().expect("utf-8"), "--yes"]).status.success()
}

/// A copy of `backup` changed with SQL, as anyone with an SQLite tool could.
fn crafted(backup: &Path, dir: &Path, name: &str, sql: &str) -> std::path::PathBuf {
    let file = dir.join(format!("{name}.sqlite3"));
    std::fs::copy(backup, &file).expect("copy");
    let conn = rusqlite::Connection::open(&file).expect("open");
    conn.execute_batch(sql).expect("craft");
    file
}

#[test]
fn crafted_backups_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, backup) = demo_with_backup(dir.path());
    // Something to lose: the data as it is now differs from the backup.
    rusqlite::Connection::open(data.join("council.sqlite3"))
        .expect("open")
        .execute("UPDATE council SET name = 'さくら台東自治会'", [])
        .expect("rename");
    let before = rows(&data.join("council.sqlite3"));
    let attachments = files(&data.join("attachments"));
    let unchecksummed = "DELETE FROM backup_meta WHERE key = 'content_sha256';";
    let cases: Vec<(&str, String)> = vec![
        ("a planted trigger", "CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM person; END;".into()),
        (
            "a planted trigger, checksum removed",
            format!("{unchecksummed} CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM person; END;"),
        ),
        ("a planted view, checksum removed", format!("{unchecksummed} CREATE VIEW everyone AS SELECT * FROM person;")),
        ("an extra table, checksum removed", format!("{unchecksummed} CREATE TABLE notes (x);")),
        ("a dropped index, checksum removed", format!("{unchecksummed} DROP INDEX attachment_by_sha256;")),
        ("a forged schema version", "PRAGMA user_version = 1;".into()),
        ("a forged schema version, checksum removed", format!("{unchecksummed} PRAGMA user_version = 1;")),
        ("a changed name", "UPDATE person SET name = '偽名' WHERE rowid = 1;".into()),
        ("a changed payment", "UPDATE dues_payment SET amount = amount + 1000 WHERE rowid = 1;".into()),
        ("a receipt's bytes changed", "UPDATE backup_file SET bytes = x'00' WHERE rowid = 1;".into()),
        (
            "a receipt's bytes changed, checksum removed",
            format!("{unchecksummed} UPDATE backup_file SET bytes = x'00' WHERE rowid = 1;"),
        ),
        (
            "an attached file missing, checksum removed",
            format!("{unchecksummed} DELETE FROM backup_file WHERE rowid = 1;"),
        ),
    ];
    let mut held = 0;
    for (name, sql) in &cases {
        let file = crafted(&backup, dir.path(), &name.replace([' ', ','], "-"), sql);
        let refused = try_restore(&data, &file);
        assert!(refused, "{name}: a crafted backup must be refused");
        let out = council(&data, &["backups"]);
        assert!(out.status.success(), "{name}: the data still opens: {}", text(&out.stderr));
        assert_eq!(rows(&data.join("council.sqlite3")), before, "{name}: nothing changed");
        assert_eq!(files(&data.join("attachments")), attachments, "{name}: no attachment changed");
        held += 1;
    }
    println!("drill crafted-backups: tried {}, held {held}", cases.len());
}

#[test]
fn flipped_bits_are_refused_or_restore_exactly_the_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, backup) = demo_with_backup(dir.path());
    let original = std::fs::read(&backup).expect("read");
    let expected = {
        // What a sound restore of the backup gives.
        let copy = dir.path().join("sound");
        ok(&copy, &["demo"]);
        ok(&copy, &["restore", backup.to_str().expect("utf-8"), "--yes"]);
        rows(&copy.join("council.sqlite3"))
    };
    let mut seed: u64 = 0x2026_1205_b17f;
    let (trials, mut refused, mut restored_exactly) = (40, 0, 0);
    for trial in 0..trials {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bytes = original.clone();
        // Past the 100-byte header (a flip there is refused as not a database at all).
        let at = 100 + (seed as usize % (bytes.len() - 100));
        bytes[at] ^= 1 << ((seed >> 32) % 8);
        let file = dir.path().join(format!("flipped-{trial}.sqlite3"));
        std::fs::write(&file, &bytes).expect("write");
        let before = rows(&data.join("council.sqlite3"));
        if try_restore(&data, &file) {
            assert_eq!(
                rows(&data.join("council.sqlite3")),
                before,
                "trial {trial} (byte {at}): refused, nothing changed"
            );
            refused += 1;
        } else {
            assert_eq!(
                rows(&data.join("council.sqlite3")),
                expected,
                "trial {trial} (byte {at}): accepted only unchanged"
            );
            restored_exactly += 1;
        }
        assert_eq!(council_name(&data), "さくら台自治会");
    }
    println!(
        "drill flipped-bits: tried {trials}, held {} ({refused} refused, {restored_exactly} restored exactly)",
        refused + restored_exactly
    );
}
