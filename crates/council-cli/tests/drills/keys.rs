//! The signing key belongs to its council: a folder whose key is another council's, or whose key is
//! gone, is reported by `council check`, and no package is signed and no key silently made until a
//! person asks for a new one.

use crate::harness::{council, files, ok, text};

#[test]
fn a_key_that_is_not_the_council_s_or_is_missing_is_reported_and_never_silently_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    ok(&a, &["demo"]);
    ok(&a, &["package", "key"]);
    let backup = dir.path().join("a.sqlite3");
    ok(&a, &["backup", "--out", backup.to_str().expect("utf-8")]);
    let b = dir.path().join("b");
    ok(&b, &["init", "--name", "みどり台自治会", "--city", "みどり市", "--representative", "佐藤 一郎"]);
    ok(&b, &["package", "key"]);
    let b_key = files(&b.join("keys"));

    let mut tried = 0;
    // A's data restored into B's folder: B's key stays, and is not A's.
    ok(&b, &["restore", backup.to_str().expect("utf-8"), "--yes"]);
    let check = council(&b, &["check"]);
    assert!(!check.status.success(), "check finds the foreign key");
    assert!(text(&check.stdout).contains("is not the council's"), "{}", text(&check.stdout));
    let key = council(&b, &["package", "key"]);
    assert!(!key.status.success(), "no package key for a foreign key");
    assert!(text(&key.stderr).contains("この自治会の鍵"), "says what to do: {}", text(&key.stderr));
    assert_eq!(files(&b.join("keys")), b_key, "the key was not replaced");
    tried += 1;

    // The council's key deleted: reported, and not made again unasked.
    std::fs::remove_dir_all(a.join("keys")).expect("remove");
    let check = council(&a, &["check"]);
    assert!(!check.status.success() && text(&check.stdout).contains("missing"), "{}", text(&check.stdout));
    let key = council(&a, &["package", "key"]);
    assert!(!key.status.success(), "a missing key is not silently made: {}", text(&key.stdout));
    assert!(!a.join("keys").exists(), "nothing was made");
    tried += 1;

    // Asked for: a new key, with the warning that the city must register it.
    let new = council(&a, &["package", "key", "--new"]);
    assert!(new.status.success(), "{}", text(&new.stderr));
    assert!(text(&new.stderr).contains("登録し直す"), "warns: {}", text(&new.stderr));
    ok(&a, &["check"]);
    println!("drill keys: tried {tried}, held {tried}");
}
