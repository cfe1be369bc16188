//! Shared parts of the sharing tests: PCs as data folders on a fixed clock, the demo council shared
//! from the first, and a real WebDAV server (rclone) on loopback.
#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use council_domain::Session;
use council_domain::clock::FixedClock;
use council_store::data_dir::DataDir;
use council_sync::share;
use council_sync::{RemoteConfig, Role};
use rusqlite::params;

pub struct Pc {
    pub _dir: tempfile::TempDir,
    pub session: Session,
}

pub fn at(minutes: i64) -> DateTime<Utc> {
    "2026-11-23T01:00:00Z".parse::<DateTime<Utc>>().expect("time") + Duration::minutes(minutes)
}

pub fn pc(minutes: i64) -> Pc {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock(at(minutes)))).expect("open");
    Pc { _dir: dir, session }
}

pub fn reopen(pc: Pc, minutes: i64) -> Pc {
    let path = pc._dir.path().to_path_buf();
    drop(pc.session);
    let session = council_domain::open(DataDir::at(&path), Box::new(FixedClock(at(minutes)))).expect("reopen");
    Pc { _dir: pc._dir, session }
}

/// The PC as if it had stopped after sending its last `n` records, before noting them as sent.
pub fn forget_sent(pc: Pc, device: &str, n: i64) -> Pc {
    let path = pc._dir.path().to_path_buf();
    drop(pc.session);
    let conn = rusqlite::Connection::open(path.join("council.sqlite3")).expect("open");
    conn.execute(
        "UPDATE sync_log SET sent = 0, hash = NULL WHERE device = ?1
           AND seq > (SELECT max(seq) FROM sync_log WHERE device = ?1) - ?2",
        params![device, n],
    )
    .expect("forget");
    drop(conn);
    let session = council_domain::open(DataDir::at(&path), Box::new(FixedClock(at(0)))).expect("reopen");
    Pc { _dir: pc._dir, session }
}

pub fn folder(shared: &tempfile::TempDir) -> RemoteConfig {
    RemoteConfig::Folder { path: shared.path().display().to_string() }
}

/// The sharing's ID, as the shared folder announces it.
pub fn sharing_id(shared: &tempfile::TempDir) -> String {
    serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(shared.path().join("sharing.json")).expect("sharing"),
    )
    .expect("json")["council_desk_sharing"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// The last record in a PC's newest record file in `dir` (its folder in the shared folder).
pub fn newest_record(dir: &std::path::Path, keys: &council_sync::keys::Keys) -> council_sync::record::Opened {
    let newest = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rec"))
        .max()
        .expect("a file");
    let plain = council_sync::record::unseal(&std::fs::read(&newest).expect("read"), keys).expect("unseal");
    council_sync::record::open(council_sync::record::unbundle(&plain).expect("records").pop().expect("one"))
        .expect("open")
}

pub fn hash(pc: &Pc) -> String {
    share::content_hash(&pc.session).expect("hash")
}

pub fn household_ids(pc: &Pc) -> Vec<String> {
    pc.session
        .read(|r| {
            let mut stmt = r.prepare("SELECT id FROM household WHERE left_on IS NULL ORDER BY sort_key, id LIMIT 5")?;
            let ids = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok::<_, council_domain::error::Error>(ids)
        })
        .expect("households")
}

pub fn set(pc: &Pc, sql: &str, id: &str, value: &str) {
    pc.session
        .write(|w| {
            w.execute(sql, params![id, value])?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("write");
}

pub fn value(pc: &Pc, sql: &str, id: &str) -> Option<String> {
    pc.session
        .read(|r| {
            use rusqlite::OptionalExtension as _;
            Ok::<_, council_domain::error::Error>(r.query_row(sql, params![id], |row| row.get(0)).optional()?)
        })
        .expect("read")
}

pub fn join<S>(chair: &Pc, shared: &S, officer: &str, role: Role, minutes: i64) -> Pc {
    let invitation = share::invite(&chair.session, officer, role, None, "correct horse battery").expect("invite");
    let _ = shared;
    let pc = pc(minutes);
    share::join(&pc.session, &invitation, "correct horse battery", Some(officer)).expect("join");
    pc
}

pub fn three() -> (tempfile::TempDir, Pc, Pc, Pc) {
    let shared = tempfile::tempdir().expect("shared");
    let remote = folder(&shared);
    let (a, b, c) = three_on(remote, None);
    (shared, a, b, c)
}

/// The demo council on the chair's PC, shared through `remote`, and two more PCs joined.
pub fn three_on(remote: RemoteConfig, password: Option<&str>) -> (Pc, Pc, Pc) {
    let shared = ();
    let a = pc(0);
    a.session.write(|w| council_demo::create(w, &a.session.dir().attachments())).expect("demo");
    share::setup(&a.session, remote, password, "山田 太郎", Role::Chair).expect("setup");
    let b = join(&a, &shared, "佐藤 花子", Role::Secretary, 1);
    let c = join(&a, &shared, "鈴木 一郎", Role::Treasurer, 2);
    (a, b, c)
}

/// A real WebDAV server: `rclone serve webdav DIR` on 127.0.0.1, user `u`, password `p`.
pub struct Rclone {
    child: Option<Child>,
    pub dir: tempfile::TempDir,
    pub port: u16,
}

impl Rclone {
    /// Starts a server on a free port serving a new folder.
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let mut server = Self { child: None, dir: tempfile::tempdir().expect("dir"), port };
        server.restart();
        server
    }

    /// (Re)starts the server on the same port and folder.
    pub fn restart(&mut self) {
        self.kill();
        let child = Command::new("rclone")
            .args(["serve", "webdav"])
            .arg(self.dir.path())
            .args(["--addr", &format!("127.0.0.1:{}", self.port), "--user", "u", "--pass", "p"])
            .env("RCLONE_CONFIG", std::env::temp_dir().join("council-sync-tests-rclone.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("rclone is installed (scripts/setup.sh installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + StdDuration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "rclone did not start listening on {}", self.port);
            std::thread::sleep(StdDuration::from_millis(50));
        }
    }

    /// Stops the server at once (a pulled cable).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// The shared folder on it.
    pub fn remote(&self) -> RemoteConfig {
        RemoteConfig::WebDav { url: format!("http://127.0.0.1:{}/さくら台/", self.port), user: "u".into() }
    }
}

impl Drop for Rclone {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP proxy in front of a WebDAV server that can be told to answer 503 to one method (or to
/// every request, `"*"`), as a server in trouble does. One request per connection.
pub struct Faulty {
    pub port: u16,
    fail: std::sync::Arc<std::sync::Mutex<Option<&'static str>>>,
}

impl Faulty {
    /// Starts the proxy in front of the server on `upstream`.
    pub fn start(upstream: u16) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let fail = std::sync::Arc::new(std::sync::Mutex::new(None));
        let shared = std::sync::Arc::clone(&fail);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let fail = std::sync::Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = proxy_one(client, upstream, &fail);
                });
            }
        });
        Self { port, fail }
    }

    /// Answers 503 to `method` (`"*"`: to everything) from now on; `None`: passes everything.
    pub fn fail(&self, method: Option<&'static str>) {
        *self.fail.lock().expect("lock") = method;
    }

    /// The shared folder through the proxy.
    pub fn remote(&self) -> RemoteConfig {
        RemoteConfig::WebDav { url: format!("http://127.0.0.1:{}/さくら台/", self.port), user: "u".into() }
    }
}

fn proxy_one(
    mut client: std::net::TcpStream,
    upstream: u16,
    fail: &std::sync::Mutex<Option<&'static str>>,
) -> std::io::Result<()> {
    use std::io::{Read as _, Write as _};
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = client.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = client.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let method = head.split(' ').next().unwrap_or_default().to_owned();
    let failing = *fail.lock().expect("lock");
    if failing.is_some_and(|m| m == "*" || m == method) {
        return client.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    let lines: Vec<&str> =
        head.trim_end().split("\r\n").filter(|l| !l.to_ascii_lowercase().starts_with("connection:")).collect();
    let mut request = format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n")).into_bytes();
    request.extend_from_slice(&buf[head_end..]);
    let mut server = std::net::TcpStream::connect(("127.0.0.1", upstream))?;
    server.write_all(&request)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    client.write_all(&response)
}
