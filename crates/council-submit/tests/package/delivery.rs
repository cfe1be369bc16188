//! Delivery through the outbox to a real WebDAV server (`rclone serve webdav` on 127.0.0.1), and to
//! folders. Every case ends with the package delivered exactly once, byte-identical (the server's
//! file is hashed), or failed with a clear reason and still in the outbox.
//!
//! rclone cannot answer 500 or 507 on demand, nor hang without answering: for those three cases a
//! tiny HTTP stub on loopback stands in for the server (`Stub`), and the package is then delivered to
//! the real server to show nothing was lost.

use crate::common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{PASSWORD, Rclone, USER};
use council_store::data_dir::DataDir;
use council_submit::outbox::{DeliveryState, Outbox, OutboxEntry, OutboxEvent, RetryPolicy};
use council_submit::package::BuiltPackage;
use council_submit::secrets::MemorySecrets;
use council_submit::transport::{Destination, DestinationConfig, FolderDrop, WebDavOptions};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

fn fast() -> RetryPolicy {
    RetryPolicy { first_delay: Duration::from_millis(100), max_delay: Duration::from_millis(400), max_attempts: None }
}

fn webdav(url: &str, password: &str, options: WebDavOptions) -> Destination {
    let config = DestinationConfig::WebDav { url: url.to_owned(), user: USER.to_owned() };
    let secrets = MemorySecrets::with(&config.secret_account().unwrap(), password);
    config.open(&secrets, options).expect("destination")
}

/// Waits until package `id` satisfies `done`, failing with its last state after `secs` seconds.
async fn wait_for(outbox: &Outbox, id: &str, secs: u64, done: impl Fn(&OutboxEntry) -> bool) -> OutboxEntry {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let e = outbox.get(id).expect("entry");
        if done(&e) {
            return e;
        }
        assert!(Instant::now() < deadline, "timed out; the package is: {e:#?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn delivered(e: &OutboxEntry) -> bool {
    matches!(e.state, DeliveryState::Delivered { .. })
}

fn failed(e: &OutboxEntry) -> bool {
    matches!(e.state, DeliveryState::Failed { .. })
}

/// The server's folder holds exactly this package, byte for byte (no temporary file left).
fn assert_delivered_once(server: &Path, pkg: &BuiltPackage) {
    assert_eq!(
        common::files_in(server),
        std::slice::from_ref(&pkg.file_name),
        "exactly one file, under the package's name"
    );
    let stored = std::fs::read(server.join(&pkg.file_name)).expect("stored file");
    assert_eq!(common::sha256_hex(&stored), pkg.sha256, "the server holds the very bytes that were built");
}

/// The package is still safe in the outbox, unchanged.
fn assert_kept(outbox: &Outbox, pkg: &BuiltPackage) {
    let path = outbox.package_path(&pkg.manifest.package_id).expect("still in the outbox");
    assert_eq!(common::sha256_hex(&std::fs::read(path).expect("zip")), pkg.sha256, "the outbox copy is intact");
}

fn reason(e: &OutboxEntry) -> String {
    match &e.state {
        DeliveryState::Failed { reason, .. } => reason.to_string(),
        _ => e.last_error.as_ref().map(ToString::to_string).unwrap_or_default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_package_is_delivered_with_progress_and_checked_on_the_server() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let server = Rclone::start(server_dir.path(), common::free_port(), &[]);
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    let mut events = outbox.subscribe();
    let pkg = common::package_of(&data, 3 * 1024 * 1024, 1);
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    let task = outbox.spawn();
    let e = wait_for(&outbox, &pkg.manifest.package_id, 30, delivered).await;
    assert_eq!(e.attempts, 1, "delivered on the first attempt");
    let DeliveryState::Delivered { location, already_there, .. } = &e.state else { unreachable!() };
    assert!(!already_there && location.ends_with(&pkg.file_name), "{location}");
    assert_delivered_once(server_dir.path(), &pkg);
    assert_kept(&outbox, &pkg);

    let mut progress = Vec::new();
    let mut states = Vec::new();
    while let Ok(ev) = events.try_recv() {
        match ev {
            OutboxEvent::Progress { sent, total, .. } => progress.push((sent, total)),
            OutboxEvent::Changed { entry } => states.push(entry.state.clone()),
            OutboxEvent::Removed { .. } => {}
        }
    }
    assert!(progress.len() >= 3, "progress is reported as the upload goes: {progress:?}");
    assert_eq!(progress.last().copied(), Some((pkg.bytes.len() as u64, pkg.bytes.len() as u64)), "up to the end");
    assert!(states.contains(&DeliveryState::Sending), "the window hears that it is being sent");
    let json = serde_json::to_value(OutboxEvent::Progress { package_id: "x".into(), sent: 1, total: 2 }).unwrap();
    assert_eq!(json["event"], "progress", "events serialise with a tag the window switches on");
    outbox.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identical_copy_already_there_counts_as_delivered_and_a_different_one_is_never_overwritten() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let server = Rclone::start(server_dir.path(), common::free_port(), &[]);
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));

    // An earlier attempt got through, but its answer was lost: the copy there is ours.
    let pkg = common::package_of(&data, 10_000, 2);
    std::fs::write(server_dir.path().join(&pkg.file_name), &pkg.bytes).unwrap();
    outbox.add(&pkg).expect("add");
    let report = outbox.send_now().await.expect("send");
    assert_eq!(report.len(), 1);
    let e = outbox.get(&pkg.manifest.package_id).unwrap();
    assert!(matches!(e.state, DeliveryState::Delivered { already_there: true, .. }), "{:?}", e.state);
    assert_delivered_once(server_dir.path(), &pkg);

    // A different file under the package's name: left alone, the package fails with the reason.
    let other = common::package_of(&data, 10_000, 3);
    let server2 = tempfile::tempdir().unwrap();
    let server = Rclone::start(server2.path(), common::free_port(), &[]);
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    std::fs::write(server2.path().join(&other.file_name), b"someone else's file").unwrap();
    outbox.add(&other).expect("add");
    outbox.send_now().await.expect("send");
    let e = outbox.get(&other.manifest.package_id).unwrap();
    assert!(failed(&e), "{:?}", e.state);
    assert!(reason(&e).contains("別のファイル"), "{}", reason(&e));
    assert_eq!(
        std::fs::read(server2.path().join(&other.file_name)).unwrap(),
        b"someone else's file",
        "not overwritten"
    );
    assert_kept(&outbox, &other);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_is_down_gets_the_package_once_it_is_up() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let port = common::free_port();
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    let pkg = common::package_of(&data, 200_000, 4);
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&format!("http://127.0.0.1:{port}/"), PASSWORD, WebDavOptions::default())));
    let task = outbox.spawn();
    let e = wait_for(&outbox, &pkg.manifest.package_id, 20, |e| e.attempts >= 2).await;
    assert!(!failed(&e), "a server that is down is waited for, not given up on: {:?}", e.state);
    assert!(reason(&e).contains("つながりません"), "the reason says the server cannot be reached: {}", reason(&e));
    assert!(e.next_attempt_at.is_some(), "the next attempt is scheduled");

    let _server = Rclone::start(server_dir.path(), port, &[]);
    wait_for(&outbox, &pkg.manifest.package_id, 30, delivered).await;
    assert_delivered_once(server_dir.path(), &pkg);
    outbox.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_upload_gets_the_package_once_after_it_restarts() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    // Throttled, so the upload is surely under way when the server dies.
    let mut server = Rclone::start(server_dir.path(), common::free_port(), &["--bwlimit", "1M"]);
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    let mut events = outbox.subscribe();
    let pkg = common::package_of(&data, 5 * 1024 * 1024, 5);
    let id = pkg.manifest.package_id.clone();
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    let task = outbox.spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match tokio::time::timeout(Duration::from_secs(30), events.recv()).await {
            Ok(Ok(OutboxEvent::Progress { sent, .. })) if sent > 1024 * 1024 => break,
            Ok(_) => {}
            Err(_) => panic!("the upload never got going"),
        }
        assert!(Instant::now() < deadline, "the upload never got past 1 MB");
    }
    server.kill();
    let e = wait_for(&outbox, &id, 30, |e| e.attempts >= 1 && e.state == DeliveryState::Waiting).await;
    assert!(e.last_error.is_some(), "the broken upload is recorded with its reason");
    assert!(!server_dir.path().join(&pkg.file_name).exists(), "nothing half-sent under the package's name");

    server.restart();
    wait_for(&outbox, &id, 60, delivered).await;
    assert_delivered_once(server_dir.path(), &pkg);
    outbox.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_fails_clearly_and_loses_nothing() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let server = Rclone::start(server_dir.path(), common::free_port(), &[]);
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    let pkg = common::package_of(&data, 50_000, 6);
    let id = pkg.manifest.package_id.clone();
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&server.url(), "wrong", WebDavOptions::default())));
    let task = outbox.spawn();
    let e = wait_for(&outbox, &id, 20, failed).await;
    assert_eq!(e.attempts, 1, "a refused password is not retried over and over");
    let why = reason(&e);
    assert!(why.contains("パスワード") && why.contains("401") && why.contains("password"), "{why}");
    assert_kept(&outbox, &pkg);
    assert!(common::files_in(server_dir.path()).is_empty(), "nothing reached the server");

    // The secretary corrects the password and sends again.
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    outbox.send_again(&id).expect("send again");
    wait_for(&outbox, &id, 20, delivered).await;
    assert_delivered_once(server_dir.path(), &pkg);
    outbox.stop();
    task.await.unwrap();
}

/// A stand-in server that answers PROPFIND with 404 and PUT with `status` (after reading the whole
/// body, as a real server would), or never answers at all when `status` is 0.
struct Stub {
    port: u16,
    puts: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Stub {
    async fn start(status: u16) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let puts = Arc::new(AtomicUsize::new(0));
        let counter = puts.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 8192];
                    let head_end = loop {
                        let Ok(n) = sock.read(&mut chunk).await else { return };
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break p + 4;
                        }
                    };
                    if status == 0 {
                        tokio::time::sleep(Duration::from_secs(3600)).await; // hangs
                        return;
                    }
                    let head = String::from_utf8_lossy(&buf[..head_end]).to_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                        .unwrap_or(0);
                    let mut body = buf.len() - head_end;
                    while body < length {
                        let Ok(n) = sock.read(&mut chunk).await else { return };
                        if n == 0 {
                            return;
                        }
                        body += n;
                    }
                    let code = if head.starts_with("propfind") {
                        404
                    } else {
                        if head.starts_with("put") {
                            counter.fetch_add(1, Ordering::SeqCst);
                        }
                        status
                    };
                    let reply = format!("HTTP/1.1 {code} Stub\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    let _ = sock.write_all(reply.as_bytes()).await;
                    let _ = sock.shutdown().await;
                });
            }
        });
        Self { port, puts, task }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A server answering `status` to every upload: tried `max_attempts` times, then failed with the
/// reason; afterwards the real server gets the package once.
async fn server_errors_end_failed_then_deliver(status: u16, words: &str) {
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let stub = Stub::start(status).await;
    let policy = RetryPolicy { max_attempts: Some(3), ..fast() };
    let outbox = Outbox::open_with(&data, policy).expect("outbox");
    let pkg = common::package_of(&data, 100_000, u64::from(status));
    let id = pkg.manifest.package_id.clone();
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&stub.url(), PASSWORD, WebDavOptions::default())));
    let task = outbox.spawn();
    let e = wait_for(&outbox, &id, 20, failed).await;
    assert_eq!(e.attempts, 3, "tried as often as the policy allows");
    assert_eq!(stub.puts.load(Ordering::SeqCst), 3, "each attempt uploaded once");
    let why = reason(&e);
    assert!(why.contains(&status.to_string()) && why.contains(words) && why.contains("3回"), "{why}");
    assert_kept(&outbox, &pkg);

    let _server = Rclone::start(server_dir.path(), common::free_port(), &[]);
    outbox.set_destination(Some(webdav(&_server.url(), PASSWORD, WebDavOptions::default())));
    outbox.send_again(&id).expect("again");
    wait_for(&outbox, &id, 20, delivered).await;
    assert_delivered_once(server_dir.path(), &pkg);
    outbox.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_507_ends_failed_with_the_reason_then_delivers() {
    common::require_rclone();
    server_errors_end_failed_then_deliver(507, "容量").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_server_500_ends_failed_with_the_reason_then_delivers() {
    common::require_rclone();
    server_errors_end_failed_then_deliver(500, "一時的").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_server_still_gets_the_package_and_a_silent_one_times_out() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");

    // A server that never answers: each attempt ends at the timeout, the package keeps waiting.
    let silent = Stub::start(0).await;
    let short = WebDavOptions {
        connect_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(1),
        min_bytes_per_second: 1024 * 1024,
        base_timeout: Duration::from_secs(1),
    };
    let pkg = common::package_of(&data, 400_000, 8);
    let id = pkg.manifest.package_id.clone();
    outbox.add(&pkg).expect("add");
    outbox.set_destination(Some(webdav(&silent.url(), PASSWORD, short)));
    let task = outbox.spawn();
    let e = wait_for(&outbox, &id, 20, |e| e.attempts >= 1 && e.state == DeliveryState::Waiting).await;
    assert!(reason(&e).contains("時間内に応答"), "{}", reason(&e));

    // A slow (throttled) server: the upload takes seconds and arrives whole.
    let server = Rclone::start(server_dir.path(), common::free_port(), &["--bwlimit", "200k"]);
    outbox.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    let started = Instant::now();
    wait_for(&outbox, &id, 60, delivered).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "the throttle made it slow");
    assert_delivered_once(server_dir.path(), &pkg);
    outbox.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packages_waiting_at_a_restart_are_delivered_by_the_next_outbox() {
    common::require_rclone();
    let (data_dir, server_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let (a, b, c) =
        (common::package_of(&data, 1000, 9), common::package_of(&data, 2000, 10), common::package_of(&data, 3000, 11));
    {
        let first = Outbox::open_with(&data, fast()).expect("outbox");
        first.add(&a).expect("add");
        first.add(&b).expect("add");
        // The app stopped in the middle of sending b.
        let record = first.dir().join(format!("{}.json", b.manifest.package_id));
        let text = std::fs::read_to_string(&record).unwrap().replace(r#""state": "waiting""#, r#""state": "sending""#);
        std::fs::write(&record, text).unwrap();
        // And c's zip was written just before a crash, without its record.
        std::fs::write(first.dir().join(format!("{}.zip", c.manifest.package_id)), &c.bytes).unwrap();
    }
    let server = Rclone::start(server_dir.path(), common::free_port(), &[]);
    let second = Outbox::open_with(&data, fast()).expect("reopen");
    let states: Vec<DeliveryState> = second.list().unwrap().into_iter().map(|e| e.state).collect();
    assert_eq!(states, vec![DeliveryState::Waiting; 3], "all three wait again after the restart");
    second.set_destination(Some(webdav(&server.url(), PASSWORD, WebDavOptions::default())));
    let task = second.spawn();
    for p in [&a, &b, &c] {
        wait_for(&second, &p.manifest.package_id, 30, delivered).await;
    }
    let mut expected = vec![a.file_name.clone(), b.file_name.clone(), c.file_name.clone()];
    expected.sort();
    assert_eq!(common::files_in(server_dir.path()), expected, "each delivered exactly once");
    for p in [&a, &b, &c] {
        let stored = std::fs::read(server_dir.path().join(&p.file_name)).unwrap();
        assert_eq!(common::sha256_hex(&stored), p.sha256);
    }
    second.stop();
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn folders_and_usb_sticks() {
    let (data_dir, stick) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let data = DataDir::at(data_dir.path());
    let outbox = Outbox::open_with(&data, fast()).expect("outbox");
    let pkg = common::package_of(&data, 100_000, 12);
    let id = pkg.manifest.package_id.clone();
    outbox.add(&pkg).expect("add");

    // Save to a USB stick at any time: copied, checked, and no longer sent by itself.
    let e = outbox.save_to_folder(&id, stick.path()).expect("save");
    assert!(matches!(e.state, DeliveryState::SavedToFolder { .. }), "{:?}", e.state);
    assert_delivered_once(stick.path(), &pkg);
    outbox.save_to_folder(&id, stick.path()).expect("saving the same again is harmless");
    assert_delivered_once(stick.path(), &pkg);
    assert_eq!(outbox.get(&id).unwrap().copies.len(), 2, "each copy is remembered");

    // A stick that was pulled out: the copy is refused with a message naming the folder.
    let gone = stick.path().join("pulled-out");
    let err = outbox.save_to_folder(&id, &gone).expect_err("no folder");
    assert!(err.text().ja.contains("USB"), "{}", err.text().ja);

    // A folder as the destination.
    let shared = tempfile::tempdir().unwrap();
    let cfg = DestinationConfig::Folder { path: shared.path().display().to_string() };
    cfg.save(&data).expect("save destination");
    assert_eq!(DestinationConfig::load(&data).unwrap(), Some(cfg.clone()), "the destination is remembered");
    outbox.set_destination(Some(Destination::Folder(FolderDrop::new(shared.path().to_path_buf()))));
    outbox.send_again(&id).expect("send after all");
    let reports = outbox.send_now().await.expect("send");
    assert!(matches!(reports[0].state, DeliveryState::Delivered { .. }), "{:?}", reports);
    assert_delivered_once(shared.path(), &pkg);

    // Only delivered or saved packages may be removed.
    let waiting = common::package_of(&data, 10, 13);
    outbox.add(&waiting).expect("add");
    outbox.set_destination(None);
    assert!(outbox.remove(&waiting.manifest.package_id).is_err(), "a package going nowhere yet is kept");
    outbox.remove(&id).expect("a delivered one may go");
    assert!(outbox.get(&id).is_err());
}
