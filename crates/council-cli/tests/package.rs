//! `council package`, `council outbox` and `council verify`, run as a user runs them, on a real data
//! folder, with delivery to a real WebDAV server (rclone) on loopback.

use std::io::Write as _;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn council(data: &Path, args: &[&str]) -> Output {
    council_with(data, args, &[], None)
}

fn council_with(data: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    // On a PC without a keyring the signing key is protected by a passphrase: give one, beside the data.
    let pass = data.with_extension("key-passphrase.txt");
    if !pass.exists() {
        std::fs::create_dir_all(pass.parent().expect("parent")).expect("folder");
        std::fs::write(&pass, "さくら台の鍵の合言葉\n").expect("passphrase");
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_council"));
    cmd.arg("--data")
        .arg(data)
        .arg("--key-passphrase-file")
        .arg(&pass)
        .args(args)
        .env("COUNCIL_DESK_TODAY", "2026-11-23")
        .env_remove("COUNCIL_DESK_DAV_PASSWORD");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run council");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn build_then_verify_then_tamper() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(council(&data, &["demo"]).status.success());
    let zip = dir.path().join("officers.zip");
    let out = council(&data, &["package", "build", "--purpose", "officer-list", "--out", zip.to_str().expect("utf8")]);
    assert!(out.status.success(), "build: {}", text(&out));
    assert!(text(&out).contains("documents/officer-list.pdf"), "lists what went in: {}", text(&out));

    let key = data.join("keys/council.ed25519.pub");
    let known = dir.path().join("known-councils.json");
    let verify = |key: Option<&Path>| {
        let mut args = vec!["verify", zip.to_str().expect("utf8"), "--known", known.to_str().expect("utf8")];
        if let Some(k) = key {
            args.extend(["--key", k.to_str().expect("utf8")]);
        }
        council(&data, &args)
    };
    // Without the council's key, the first package is remembered but its sender is not confirmed.
    let out = verify(None);
    assert_eq!(out.status.code(), Some(2), "signature valid, sender not confirmed: {}", text(&out));
    assert!(text(&out).contains("送り主は未確認") && text(&out).contains("指紋"), "{}", text(&out));
    let out = verify(None);
    assert_eq!(out.status.code(), Some(2), "still not confirmed until the key is given: {}", text(&out));
    let out = verify(Some(&key));
    assert!(out.status.success(), "an untouched package verifies: {}", text(&out));
    assert!(text(&out).contains("送り主も確認できました") && text(&out).contains("指定された鍵"), "{}", text(&out));
    let out = verify(None);
    assert!(out.status.success(), "the key given once is remembered as confirmed: {}", text(&out));
    assert!(text(&out).contains("確認済みの鍵"), "{}", text(&out));

    // Change one byte of the PDF inside (stored uncompressed, so the zip stays readable).
    let mut bytes = std::fs::read(&zip).expect("zip");
    let at = bytes.windows(5).rposition(|w| w == b"%%EOF").expect("end of the PDF");
    bytes[at - 2] ^= 0x20;
    std::fs::write(&zip, &bytes).expect("write");
    let out = verify(Some(&key));
    assert_eq!(out.status.code(), Some(1), "a changed package fails verification");
    let t = text(&out);
    assert!(t.contains("documents/officer-list.pdf") && t.contains("変更されています"), "{t}");

    let out = council(&data, &["package", "build", "--purpose", "officer-list", "--out", zip.to_str().expect("utf8")]);
    assert!(!out.status.success(), "an existing file is never overwritten");
}

#[test]
fn an_incomplete_package_is_refused_with_what_to_add() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out =
        council(dir.path(), &["init", "--name", "新町自治会", "--city", "みどり市", "--representative", "佐藤 花子"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = council(dir.path(), &["package", "check", "--purpose", "officer-list"]);
    assert!(out.status.success());
    assert!(text(&out).contains("✗ この年度の役員"), "the checklist marks what is missing: {}", text(&out));
    let zip = dir.path().join("p.zip");
    let out =
        council(dir.path(), &["package", "build", "--purpose", "officer-list", "--out", zip.to_str().expect("utf8")]);
    assert!(!out.status.success(), "refused");
    assert!(text(&out).contains("役員の画面で"), "says what to do: {}", text(&out));
    assert!(!zip.exists(), "nothing was written");
    let out = council(dir.path(), &["package", "build", "--purpose", "grant", "--out", "x.zip"]);
    assert!(!out.status.success() && text(&out).contains("officer-list"), "unknown purposes list the known ones");
}

/// Stops the test with what to do when `rclone` is not installed (make test installs it): a
/// delivery test that passes without a server would prove nothing.
fn require_rclone() {
    let ok = Command::new("rclone").arg("version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    assert!(ok, "rclone is not installed: install it (apt-get install rclone; make test's scripts/setup.sh does)");
}

#[test]
fn outbox_send_delivers_to_a_real_webdav_server() {
    require_rclone();
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let server_dir = dir.path().join("server");
    std::fs::create_dir_all(&server_dir).expect("server dir");
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let mut server = Command::new("rclone")
        .args(["serve", "webdav"])
        .arg(&server_dir)
        .args(["--addr", &format!("127.0.0.1:{port}"), "--user", "u", "--pass", "p"])
        .env("RCLONE_CONFIG", dir.path().join("rclone.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rclone");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "rclone did not start");
        std::thread::sleep(Duration::from_millis(50));
    }

    assert!(council(&data, &["demo"]).status.success());
    let out = council(&data, &["outbox", "send"]);
    assert!(!out.status.success() && text(&out).contains("送信先が設定されていません"), "{}", text(&out));
    let out = council(&data, &["package", "build", "--purpose", "officer-list", "--outbox"]);
    assert!(out.status.success(), "{}", text(&out));
    let url = format!("http://127.0.0.1:{port}/");
    let out = council(&data, &["outbox", "config", "--webdav", &url, "--user", "u"]);
    assert!(out.status.success(), "{}", text(&out));

    // No password kept (no keyring on this machine, none in the environment): refused, saying how a
    // command hands it in.
    let out = council(&data, &["outbox", "send"]);
    assert!(!out.status.success(), "nothing to sign in with: {}", text(&out));
    assert!(text(&out).contains("COUNCIL_DESK_DAV_PASSWORD"), "{}", text(&out));
    let out = council_with(&data, &["outbox", "send"], &[("COUNCIL_DESK_DAV_PASSWORD", "p")], None);
    assert!(out.status.success(), "delivered: {}", text(&out));
    assert!(text(&out).contains("届けました"), "{}", text(&out));
    let files: Vec<_> = std::fs::read_dir(&server_dir).expect("dir").flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "exactly one file on the server: {files:?}");
    let list = council(&data, &["outbox", "list", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(entries[0]["state"]["state"], "delivered");
    let stored = std::fs::read(&files[0]).expect("stored");
    use sha2::Digest as _;
    assert_eq!(entries[0]["sha256"], hex::encode(sha2::Sha256::digest(&stored)), "byte-identical on the server");
    let out = council_with(&data, &["outbox", "send"], &[("COUNCIL_DESK_DAV_PASSWORD", "p")], None);
    assert!(out.status.success() && text(&out).contains("送るものはありません"), "sending again sends nothing twice");

    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn the_password_is_taken_from_standard_input_and_kept_out_of_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(council(dir.path(), &["demo"]).status.success());
    let out = council_with(
        dir.path(),
        &["outbox", "config", "--webdav", "https://dav.example.jp/drop/", "--user", "sakura", "--password-stdin"],
        &[],
        Some("s3cret-pass\n"),
    );
    let t = text(&out);
    assert!(out.status.success(), "the destination is saved either way: {t}");
    assert!(
        t.contains("キーリングに保存しました") || t.contains("COUNCIL_DESK_DAV_PASSWORD"),
        "kept in the keyring, or (without one) the message names the way a command hands it in: {t}"
    );
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !bytes.windows(11).any(|w| w == b"s3cret-pass"),
            "the password is in no file of the data folder: {}",
            entry.display()
        );
    }
    let out = council(dir.path(), &["outbox", "config"]);
    assert!(text(&out).contains("https://dav.example.jp/drop/ (sakura)"), "the destination is shown: {}", text(&out));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}
