//! Submission packages at size: 200 receipt images (~1 MB each, ~200 MB) made into a signed package —
//! each file read, hashed (SHA-256) and stored in the zip, the manifest signed, the zip written — against
//! `sha256sum` + `zip -0` of the same files; then the package delivered to a real WebDAV server
//! (`rclone serve webdav` on 127.0.0.1) against `curl -T` of the same file to the same server. Every
//! figure is the median of several runs in the same process, so each ratio compares like with like.
//!
//! Run: `cargo run -p council-submit --example package_bench [-- RUNS]` (needs rclone,
//! curl, zip and sha256sum). Prints a Markdown table.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use council_domain::text::Text;
use council_store::data_dir::DataDir;
use council_submit::keys::CouncilKey;
use council_submit::manifest::{FileKind, ManifestCouncil};
use council_submit::package::{PackageFile, PackageHeader, write_package};
use council_submit::secrets::MemorySecrets;
use council_submit::transport::{DestinationConfig, Shipment, WebDavOptions};

const FILES: usize = 200;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut(usize)) -> Duration {
    median(
        (0..runs)
            .map(|n| {
                let t = Instant::now();
                f(n);
                t.elapsed()
            })
            .collect(),
    )
}

fn sh(cmd: &mut Command) {
    let status = cmd.stdout(Stdio::null()).status().expect("the command runs");
    assert!(status.success(), "{cmd:?} failed");
}

fn mb_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// Our side: read each receipt, hash it, zip it with the signed manifest, write the zip.
fn build(files: &[PathBuf], key: &CouncilKey, out: &Path) -> (u64, String) {
    let parts: Vec<PackageFile> = files
        .iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).expect("name");
            PackageFile {
                path: format!("receipts/{name}"),
                title: Text::new(name, name),
                kind: FileKind::Attachment,
                media_type: "image/png".to_owned(),
                bytes: std::fs::read(p).expect("receipt"),
            }
        })
        .collect();
    let header = PackageHeader {
        package_id: uuid::Uuid::now_v7().to_string(),
        purpose: "grant-report".to_owned(),
        purpose_title: Text::new("実績報告", "Grant report"),
        record: None,
        council: ManifestCouncil {
            id: "bench".to_owned(),
            name: "さくら台自治会".to_owned(),
            city: "みどり市".to_owned(),
            district: "さくら台地区".to_owned(),
            representative: "会長 山田 太郎".to_owned(),
        },
        fiscal_year: 2026,
        created_at: Utc::now(),
    };
    let package = write_package(&header, &parts, key).expect("package");
    std::fs::write(out, &package.bytes).expect("write the zip");
    (package.bytes.len() as u64, package.sha256)
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir().expect("tempdir");
    let receipts = dir.path().join("receipts");
    std::fs::create_dir_all(&receipts).expect("dir");
    // Greyscale PNGs of ~1 MB each (stored, not deflated: like a photo, they do not compress further).
    let files: Vec<PathBuf> = (0..FILES)
        .map(|n| {
            let path = receipts.join(format!("receipt-{:03}.png", n + 1));
            std::fs::write(&path, council_demo::receipt_png(1000, 1000 + n as u32 % 50, n as u8)).expect("png");
            path
        })
        .collect();
    let total: u64 = files.iter().map(|p| std::fs::metadata(p).expect("size").len()).sum();
    println!(
        "{FILES} receipt images, {:.1} MB in all; median of {runs} runs, files in the page cache",
        total as f64 / 1e6
    );

    let key = CouncilKey::load_or_create(
        &DataDir::at(dir.path().join("data")),
        &council_submit::keys::KeyLock::new(std::sync::Arc::new(council_submit::secrets::MemorySecrets::new()), None),
    )
    .expect("key");
    let ours_zip = dir.path().join("package.zip");
    let (mut size, mut sha256) = (0, String::new());
    let ours = time(runs, |_| (size, sha256) = build(&files, &key, &ours_zip));
    let theirs_zip = dir.path().join("plain.zip");
    let theirs = time(runs, |_| {
        let _ = std::fs::remove_file(&theirs_zip);
        sh(Command::new("sha256sum").args(&files));
        sh(Command::new("zip").arg("-0").arg("-q").arg("-j").arg(&theirs_zip).args(&files));
    });
    let hash_only = time(runs, |_| sh(Command::new("sha256sum").args(&files)));
    let read_only = time(runs, |_| {
        for f in &files {
            std::hint::black_box(std::fs::read(f).expect("read"));
        }
    });

    // Delivery: the same 200 MB package to rclone's WebDAV server on loopback.
    let served = dir.path().join("served");
    std::fs::create_dir_all(&served).expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mut rclone = Command::new("rclone")
        .args(["serve", "webdav"])
        .arg(&served)
        .args(["--addr", &format!("127.0.0.1:{port}"), "--user", "u", "--pass", "p"])
        .env("RCLONE_CONFIG", dir.path().join("rclone.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rclone (Debian: apt-get install rclone)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "rclone did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("http://127.0.0.1:{port}/");
    let config = DestinationConfig::WebDav { url: url.clone(), user: "u".to_owned() };
    let secrets = MemorySecrets::with(&config.secret_account().expect("account"), "p");
    let destination = config.open(&secrets, WebDavOptions::default()).expect("destination");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let deliver = time(runs, |n| {
        let shipment =
            Shipment { file: ours_zip.clone(), name: format!("package-{n}.zip"), size, sha256: sha256.clone() };
        let arrival = runtime.block_on(destination.deliver(&shipment, Arc::new(|_| {})));
        arrival.expect("delivered");
    });
    let curl = time(runs, |n| {
        sh(Command::new("curl")
            .args(["-sS", "-f", "-u", "u:p", "-T"])
            .arg(&ours_zip)
            .arg(format!("{url}curl-{n}.zip")));
    });
    // What the delivery does beyond an upload, done by hand: read the stored file back and hash it.
    let curl_verified = time(runs, |n| {
        sh(Command::new("curl")
            .args(["-sS", "-f", "-u", "u:p", "-T"])
            .arg(&ours_zip)
            .arg(format!("{url}check-{n}.zip")));
        sh(Command::new("sh").arg("-c").arg(format!("curl -sS -f -u u:p {url}check-{n}.zip | sha256sum")));
    });
    let _ = rclone.kill();
    let _ = rclone.wait();

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\n| step | Council Desk | reference | ratio (ours / reference) |");
    println!("|---|---:|---:|---:|");
    println!(
        "| package of {FILES} receipts ({:.0} MB): read, SHA-256, zip, sign, write | {:.0} ms ({:.0} MB/s) | sha256sum + zip -0: {:.0} ms ({:.0} MB/s) | {:.2} |",
        size as f64 / 1e6,
        ms(ours),
        mb_s(total, ours),
        ms(theirs),
        mb_s(total, theirs),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    println!("| (for scale) sha256sum alone | | {:.0} ms ({:.0} MB/s) | |", ms(hash_only), mb_s(total, hash_only));
    println!(
        "| (for scale) reading the files alone | | {:.0} ms ({:.0} MB/s) | |",
        ms(read_only),
        mb_s(total, read_only)
    );
    println!(
        "| delivery to WebDAV on 127.0.0.1 (rclone) | {:.0} ms ({:.0} MB/s) | curl -T: {:.0} ms ({:.0} MB/s) | {:.2} |",
        ms(deliver),
        mb_s(size, deliver),
        ms(curl),
        mb_s(size, curl),
        deliver.as_secs_f64() / curl.as_secs_f64()
    );
    println!(
        "| delivery, as above (upload, rename, read back and hash) | {:.0} ms | curl -T + curl \\| sha256sum: {:.0} ms | {:.2} |",
        ms(deliver),
        ms(curl_verified),
        deliver.as_secs_f64() / curl_verified.as_secs_f64()
    );
}
