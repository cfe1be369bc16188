//! What the drills share: running `council` on a data folder, a council's content as rows, and a
//! few crafted files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the drills run on.
pub const TODAY: &str = "2026-11-23";

/// The signing key's passphrase the drills give (on a PC without a keyring the key is protected by
/// it), in a file `council --key-passphrase-file` reads.
pub fn key_passphrase_file() -> PathBuf {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let file = std::env::temp_dir().join(format!("council-drills-key-{}.txt", std::process::id()));
        std::fs::write(&file, "ドリルの鍵の合言葉\n").expect("passphrase file");
        file
    })
    .clone()
}

/// Runs `council --data DATA ARGS…` (with the key's passphrase).
pub fn council(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_council"))
        .arg("--data")
        .arg(data)
        .arg("--key-passphrase-file")
        .arg(key_passphrase_file())
        .args(args)
        .env("COUNCIL_DESK_TODAY", TODAY)
        .output()
        .expect("run council")
}

/// Runs `council` and insists it succeeded.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let out = council(data, args);
    assert!(out.status.success(), "council {args:?} failed: {}", text(&out.stderr));
    text(&out.stdout)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `council` under strace, killed with SIGKILL as it enters its `n`-th rename (that rename is
/// not done); `None` when it finished before making `n` renames.
pub fn killed_at_rename(n: u32, data: &Path, args: &[&str]) -> Option<Output> {
    killed_at(RENAMES, n, data, args)
}

/// The calls that move a file into place.
pub const RENAMES: &str = "rename,renameat,renameat2";
/// The calls that make written data durable — SQLite's commits, a file synced before its rename —
/// and the renames: every step at which a multi-step write can be cut.
pub const SYNCS_AND_RENAMES: &str = "fsync,fdatasync,rename,renameat,renameat2";

/// Runs `council` under strace, killed with SIGKILL as it enters the `n`-th of the system calls
/// `calls` (comma-separated; that call is not made); `None` when it finished before making `n` of
/// them.
pub fn killed_at(calls: &str, n: u32, data: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::process::ExitStatusExt as _;
    let out = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={calls}"))
        .arg("-e")
        .arg(format!("inject={calls}:signal=KILL:when={n}"))
        .arg(env!("CARGO_BIN_EXE_council"))
        .arg("--data")
        .arg(data)
        .arg("--key-passphrase-file")
        .arg(key_passphrase_file())
        .args(args)
        .env("COUNCIL_DESK_TODAY", TODAY)
        .output()
        .expect("strace is installed (scripts/setup.sh installs it)");
    let killed = out.status.signal() == Some(9) || out.status.code() == Some(137);
    if !killed {
        assert!(out.status.success(), "council {args:?} failed without being killed: {}", text(&out.stderr));
    }
    killed.then_some(out)
}

/// Every row of every table of a database, as text, by table: what a council's data is.
pub fn rows(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'content_version' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("name"))
        .collect();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).expect("select");
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).expect("value"))).collect::<Vec<_>>().join("|"))
            })
            .expect("rows")
            .map(|r| r.expect("row"))
            .collect();
        out.insert(t, rows);
    }
    out
}

/// The files of a folder (relative name → bytes), recursively.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(read) = std::fs::read_dir(&d) else { continue };
        for e in read.flatten() {
            let p = e.path();
            if p.is_dir() {
                pending.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("under").display().to_string();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// A data folder with the demo council, and a backup of it at `dir/backup.sqlite3`.
pub fn demo_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    ok(&data, &["demo"]);
    let backup = dir.join("backup.sqlite3");
    ok(&data, &["backup", "--out", backup.to_str().expect("utf-8")]);
    (data, backup)
}

/// The council's name as `council info --json` gives it.
pub fn council_name(data: &Path) -> String {
    let info: serde_json::Value = serde_json::from_str(&ok(data, &["info", "--json"])).expect("json");
    info["name"].as_str().expect("name").to_owned()
}
