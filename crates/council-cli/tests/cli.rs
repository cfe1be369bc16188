//! The `council` binary run as a user runs it, on a real data folder in a temp dir.

use std::process::Command;

fn council(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_council"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("COUNCIL_DESK_TODAY", "2026-11-23")
        .output()
        .expect("run council")
}

#[test]
fn init_then_info_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(
        dir.path(),
        &["init", "--name", "髙﨑町内会", "--kind", "chonaikai", "--city", "みどり市", "--representative", "𠮷田 一郎"],
    );
    assert!(out.status.success(), "init must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let out = council(dir.path(), &["info", "--json"]);
    assert!(out.status.success(), "info must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("info --json prints JSON");
    assert_eq!(info["name"], "髙﨑町内会", "names outside JIS X 0208 round-trip unchanged");
    assert_eq!(info["fiscal_year"]["label_ja"], "令和8年度", "2026-11-23 lies in FY2026");
    assert_eq!(info["is_demo"], false);
    assert!(dir.path().join("council.sqlite3").exists(), "the database lives in the --data folder");
}

#[test]
fn demo_creates_the_sample_council_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["demo"]);
    assert!(out.status.success(), "demo must succeed: {}", String::from_utf8_lossy(&out.stderr));
    let out = council(dir.path(), &["info"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("さくら台自治会（デモ）"), "info names the demo council: {text}");
    assert!(text.contains("令和8年度（FY2026）"), "info shows the fiscal year both ways: {text}");
    let again = council(dir.path(), &["demo"]);
    assert!(!again.status.success(), "a second council in the same folder is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("既に自治会が登録されています"), "the refusal says why");
}

#[test]
fn info_without_a_council_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["info"]);
    assert!(!out.status.success(), "info on an empty folder fails");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("最初に自治会の情報を登録してください"), "the message says what to do: {err}");
}

#[test]
fn init_with_missing_fields_lists_each_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = council(dir.path(), &["init", "--name", " ", "--city", "", "--representative", "x"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--name:") && err.contains("--city:"), "each bad flag is named: {err}");
    let info = council(dir.path(), &["info"]);
    assert!(!info.status.success(), "nothing was written by the refused init");
}
