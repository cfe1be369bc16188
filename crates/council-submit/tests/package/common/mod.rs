//! Shared parts of council-submit's tests: the demo council on a real data folder, packages made
//! with the real writer, and a real WebDAV server (rclone) on loopback.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use council_domain::Session;
use council_domain::clock::FixedClock;
use council_domain::text::Text;
use council_store::data_dir::DataDir;
use council_submit::keys::CouncilKey;
use council_submit::manifest::{FileKind, ManifestCouncil};
use council_submit::package::{BuiltPackage, PackageFile, PackageHeader, write_package};

/// The key lock the tests sign with: an in-memory keyring shared by every test of the binary, so
/// keys are protected as on a PC with a keyring, without touching this PC's.
pub fn lock() -> &'static council_submit::keys::KeyLock {
    static LOCK: std::sync::OnceLock<council_submit::keys::KeyLock> = std::sync::OnceLock::new();
    LOCK.get_or_init(|| {
        council_submit::keys::KeyLock::new(std::sync::Arc::new(council_submit::secrets::MemorySecrets::new()), None)
    })
}

/// The day the demo's facts are set on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

pub fn now() -> DateTime<Utc> {
    FixedClock::at_date(today()).0
}

/// A data folder holding the demo council (さくら台自治会), opened.
pub fn demo_desk(dir: &Path) -> Session {
    let session = session(dir);
    let attachments = session.dir().attachments();
    session.write(|w| council_demo::create(w, &attachments)).expect("demo council");
    session
}

/// A data folder opened on the demo's day.
pub fn session(dir: &Path) -> Session {
    council_domain::open(DataDir::at(dir), Box::new(FixedClock::at_date(today()))).expect("open data folder")
}

/// The error as the window receives it.
pub fn payload(e: council_submit::Error) -> council_api::ErrorPayload {
    e.into()
}

/// Deterministic pseudo-random bytes (incompressible, like photos).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A package made by the real writer and signed with the data folder's key, holding `payload`
/// bytes of attachment (for delivery tests that need a package of a given size).
pub fn package_of(data: &DataDir, payload: usize, seed: u64) -> BuiltPackage {
    let key = CouncilKey::load_or_create(data, lock()).expect("key");
    let header = PackageHeader {
        package_id: uuid::Uuid::now_v7().to_string(),
        purpose: "officer_list".into(),
        purpose_title: Text::new("役員名簿", "Officer list"),
        record: None,
        council: ManifestCouncil {
            id: "0190c0de-0000-7000-8000-000000000001".into(),
            name: "さくら台自治会".into(),
            city: "みどり市".into(),
            district: String::new(),
            representative: "会長 山田 太郎".into(),
        },
        fiscal_year: 2026,
        created_at: now(),
    };
    let files = vec![
        PackageFile {
            path: "documents/note.txt".into(),
            title: Text::new("メモ", "Note"),
            kind: FileKind::Other,
            media_type: "text/plain".into(),
            bytes: "役員名簿を提出します。\n".repeat(20).into_bytes(),
        },
        PackageFile {
            path: "attachments/photo.jpg".into(),
            title: Text::new("写真", "Photo"),
            kind: FileKind::Attachment,
            media_type: "image/jpeg".into(),
            bytes: noise(payload, seed),
        },
    ];
    write_package(&header, &files, &key).expect("write package")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The files in `dir` (names), sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).expect("dir").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Stops the test with what to do when `rclone` is not installed: the delivery tests need a real
/// WebDAV server, and `make test` installs it (scripts/setup.sh), so a missing one is a failure, not
/// a reason to pass without checking.
pub fn require_rclone() {
    let ok = Command::new("rclone").arg("version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    assert!(
        ok,
        "rclone is not installed, so the real WebDAV server cannot be started: install it \
         (Debian: apt-get install rclone; make test's scripts/setup.sh does)"
    );
}

/// The text of a PDF as `pdftotext` reads it; stops the test with what to do when poppler-utils is
/// not installed (make test installs it).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new("pdftotext").arg(&file).arg("-").output().unwrap_or_else(|e| {
        panic!("pdftotext could not run ({e}): install poppler-utils (make test's scripts/setup.sh does)")
    });
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A real WebDAV server: `rclone serve webdav DIR` on 127.0.0.1, user `u`, password `p`.
pub struct Rclone {
    child: Option<Child>,
    pub dir: PathBuf,
    pub port: u16,
    extra: Vec<String>,
}

pub const USER: &str = "u";
pub const PASSWORD: &str = "p";

impl Rclone {
    /// Starts a server on `port` serving `dir`, with extra rclone flags (`--bwlimit 200k`).
    pub fn start(dir: &Path, port: u16, extra: &[&str]) -> Self {
        let mut server =
            Self { child: None, dir: dir.to_path_buf(), port, extra: extra.iter().map(|s| s.to_string()).collect() };
        server.restart();
        server
    }

    /// (Re)starts the server on the same port and folder.
    pub fn restart(&mut self) {
        self.kill();
        let config = std::env::temp_dir().join("council-submit-tests-rclone.conf");
        let child = Command::new("rclone")
            .args(["serve", "webdav"])
            .arg(&self.dir)
            .args(["--addr", &format!("127.0.0.1:{}", self.port), "--user", USER, "--pass", PASSWORD])
            .args(&self.extra)
            .env("RCLONE_CONFIG", config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start rclone");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "rclone did not start listening on {}", self.port);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the server at once (as a crash or a pulled cable would).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Rclone {
    fn drop(&mut self) {
        self.kill();
    }
}
