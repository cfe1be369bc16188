//! Sharing between PCs, measured (BENCHMARKS.md; `make bench`):
//!
//! 1. five PCs, each with a year of typical work made offline (1,000 writes each: visit notes,
//!    dues payments, phone numbers — 5,000 records in all), converge through a real WebDAV server
//!    (rclone on loopback), against copying the database file once with `curl -T` to the same server;
//! 2. the bytes a record takes in the shared folder;
//! 3. the extra cost of capturing a write, against the same writes on the same data unshared;
//! 4. a new PC joining the large council (10,000 households).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use council_domain::Session;
use council_domain::clock::FixedClock;
use council_store::data_dir::DataDir;
use council_sync::{RemoteConfig, Role, share};

fn open(dir: &std::path::Path, minutes: i64) -> Session {
    let at = "2026-11-23T01:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().expect("time")
        + chrono::Duration::minutes(minutes);
    council_domain::open(DataDir::at(dir), Box::new(FixedClock(at))).expect("open")
}

fn write(session: &Session, sql: &str, args: &[&dyn rusqlite::ToSql]) {
    session
        .write(|w| {
            w.execute(sql, args)?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("write");
}

/// The IDs a query of one column gives.
fn ids(session: &Session, sql: &str) -> Vec<String> {
    session
        .read(|r| {
            let mut stmt = r.prepare(sql)?;
            let ids = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok::<_, council_domain::error::Error>(ids)
        })
        .expect(sql)
}

fn households(session: &Session) -> Vec<String> {
    ids(session, "SELECT id FROM household ORDER BY id")
}

/// The record files in the shared folder's `devices`: their bytes, records and count.
fn folder_records(devices: &std::path::Path) -> (u64, u64, u64) {
    let (mut bytes, mut records, mut files) = (0u64, 0u64, 0u64);
    for device in std::fs::read_dir(devices).expect("devices").flatten() {
        for file in std::fs::read_dir(device.path()).expect("records").flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let Some((first, last)) = council_sync::record::file_range(&name) else { continue };
            bytes += file.metadata().expect("meta").len();
            records += (last - first + 1) as u64;
            files += 1;
        }
    }
    (bytes, records, files)
}

/// The transport alone: every PC downloading the four others' record files, as a sync does.
fn transport_alone(port: u16) -> f64 {
    use council_sync::remote::Remote as _;
    let dav = council_sync::webdav::WebDav::new(&format!("http://127.0.0.1:{port}/council/"), "u", "p").expect("dav");
    let t = Instant::now();
    let devices = dav.list("devices").expect("list");
    for me in &devices {
        for other in devices.iter().filter(|d| *d != me) {
            for name in dav.list(&format!("devices/{other}")).expect("list") {
                if council_sync::record::file_range(&name).is_some() {
                    dav.get(&format!("devices/{other}/{name}")).expect("get");
                }
            }
        }
    }
    t.elapsed().as_secs_f64()
}

/// A year of one officer's work: 1,000 writes.
fn a_year_of_work(session: &Session, pc: usize) {
    let ids = households(session);
    for i in 0..1000 {
        let h = &ids[(i * 7 + pc * 13) % ids.len()];
        match i % 10 {
            0..=5 => {
                write(session, "UPDATE household SET notes = ?1 WHERE id = ?2", &[&format!("訪問メモ {pc}-{i}"), h])
            }
            6..=8 => write(
                session,
                "INSERT INTO dues_payment (id, household_id, fiscal_year, paid_on, amount, collected_by, created_at)
                 VALUES (?1, ?2, 2026, '2026-06-01', 100, ?3, '2026-06-01T00:00:00Z')",
                &[&uuid::Uuid::now_v7().to_string(), h, &format!("PC{pc}")],
            ),
            _ => write(
                session,
                "UPDATE person SET phone = ?1 WHERE household_id = ?2",
                &[&format!("0120-{pc:02}-{i:04}"), h],
            ),
        }
    }
}

/// The extra cost of capture: the same writes on the same data, shared and not (run alone with
/// `sync_bench capture`, for a profile of the write path).
fn capture_cost(root: &std::path::Path) {
    // Short rounds, the two copies in turn: a slow moment of the machine falls on both alike.
    const ROUNDS: usize = 21;
    const PER_ROUND: usize = 100;
    // The extra cost of capture: the same 2,000 writes on the same data, shared and not.
    let plain_dir = root.join("plain");
    let shared_dir = root.join("shared-copy");
    for dir in [&plain_dir, &shared_dir] {
        let s = open(dir, 0);
        s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    }
    {
        let s = open(&shared_dir, 0);
        let folder = RemoteConfig::Folder { path: root.join("capture-folder").display().to_string() };
        share::setup(&s, folder, None, "会長", Role::Chair).expect("setup");
    }
    let (plain, shared) = (open(&plain_dir, 1), open(&shared_dir, 1));
    // Each copy's own households (the two demos have the same content under different IDs): every
    // write changes a row, so the shared one captures a record each time.
    let (plain_ids, shared_ids) = (households(&plain), households(&shared));
    let mut times = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        for (session, ids, out) in [(&plain, &plain_ids, &mut times.0), (&shared, &shared_ids, &mut times.1)] {
            let t = Instant::now();
            for i in 0..PER_ROUND {
                write(
                    session,
                    "UPDATE household SET notes = ?1 WHERE id = ?2",
                    &[&format!("{round}-{i}"), &ids[i % ids.len()]],
                );
            }
            out.push(t.elapsed().as_secs_f64() / PER_ROUND as f64 * 1000.0);
        }
    }
    let (p, s) = (median(times.0), median(times.1));
    println!("| one write, not shared (median of {ROUNDS} × {PER_ROUND}, synchronous=FULL) | {p:.2} ms |");
    println!("| the same write, captured as a record | {s:.2} ms |");
    println!("| extra cost of capture (goal < 10 %) | {:+.1} % |", (s / p - 1.0) * 100.0);
    // The same on an everyday use case as the window makes it: a dues payment recorded (checked,
    // numbered, written to the books and the history) for a member household.
    let members = |session: &Session| ids(session, "SELECT id FROM household WHERE left_on IS NULL ORDER BY id");
    let (plain_members, shared_members) = (members(&plain), members(&shared));
    let mut times = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        for (session, members, out) in
            [(&plain, &plain_members, &mut times.0), (&shared, &shared_members, &mut times.1)]
        {
            let t = Instant::now();
            for i in 0..PER_ROUND {
                let input = council_domain::dues::DuesPaymentInput {
                    household_id: council_domain::ids::HouseholdId(
                        members[(round * PER_ROUND + i) % members.len()].clone(),
                    ),
                    fiscal_year: 2026,
                    paid_on: "2026-06-01".parse().expect("date"),
                    amount: 1,
                    collected_by: "会計".to_owned(),
                    notes: String::new(),
                };
                session.write(|w| council_domain::dues::record_payment(w, &input)).expect("payment");
            }
            out.push(t.elapsed().as_secs_f64() / PER_ROUND as f64 * 1000.0);
        }
    }
    let (p, s) = (median(times.0), median(times.1));
    println!("| a dues payment recorded, not shared (median of {ROUNDS} × {PER_ROUND}) | {p:.2} ms |");
    println!("| the same payment, captured as a record | {s:.2} ms |");
    println!("| extra cost of capture on the use case (goal < 10 %) | {:+.1} % |", (s / p - 1.0) * 100.0);
}

/// Opening a record's sealed roster details on each of the five PCs (five keeping PCs, so five
/// parts): trying the PC's key on each part in turn, against trying first the part the device list
/// says is its own.
fn opening_cost(pcs: &[Session]) {
    use council_sync::{keys::Keys, personal};
    let sealed = pcs[0].read(|r| personal::seal(&[b'x'; 1_000], &personal::recipients(r)?)).expect("sealed");
    let (mut in_turn, mut first) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        for pc in pcs {
            let keys = Keys::load(pc.dir()).expect("keys");
            let device: String = pc
                .read(|r| {
                    Ok::<_, council_sync::error::Error>(
                        r.query_row("SELECT device_id FROM sync_state", [], |row| row.get(0))?,
                    )
                })
                .expect("device");
            let opener = pc.read(|r| personal::Opener::new(r, &keys, &device)).expect("opener");
            let identity = personal::identity(&keys);
            let t = Instant::now();
            for _ in 0..20 {
                assert!(personal::open(&sealed, &identity, 2_000).is_some());
            }
            in_turn.push(t.elapsed().as_secs_f64() * 1e3 / 20.0);
            let t = Instant::now();
            for _ in 0..20 {
                assert!(personal::open(&sealed, &opener, 2_000).is_some());
            }
            first.push(t.elapsed().as_secs_f64() * 1e3 / 20.0);
        }
    }
    let (a, b) = (median(in_turn), median(first));
    println!("| opening a record's roster details (five keeping PCs), each part tried in turn | {a:.3} ms |");
    println!("| the same, the PC's own place in the device list tried first | {b:.3} ms ({:.1}× faster) |", a / b);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // Every write passes the roles' rule before it commits, as in the app.
    council_sync::roles::install();
    if std::env::args().nth(1).as_deref() == Some("capture") {
        let root = tempfile::tempdir().expect("tmp");
        println!("| measure | figure |");
        println!("|---|---|");
        capture_cost(root.path());
        return;
    }
    let root = tempfile::tempdir().expect("tmp");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let served = root.path().join("served");
    std::fs::create_dir_all(&served).expect("dir");
    let mut server = Command::new("rclone")
        .args(["serve", "webdav"])
        .arg(&served)
        .args(["--addr", &format!("127.0.0.1:{port}"), "--user", "u", "--pass", "p"])
        .env("RCLONE_CONFIG", root.path().join("rclone.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rclone");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let remote = RemoteConfig::WebDav { url: format!("http://127.0.0.1:{port}/council/"), user: "u".into() };

    // Five PCs of the standard demo council.
    let dirs: Vec<_> = (0..5).map(|i| root.path().join(format!("pc{i}"))).collect();
    let chair = open(&dirs[0], 0);
    chair.write(|w| council_demo::create(w, &chair.dir().attachments())).expect("demo");
    share::setup(&chair, remote, Some("p"), "会長", Role::Chair).expect("setup");
    let mut pcs = vec![chair];
    for (i, dir) in dirs.iter().enumerate().skip(1) {
        let invitation =
            share::invite(&pcs[0], &format!("役員{i}"), Role::Chair, None, "benchmark passphrase").expect("invite");
        let pc = open(dir, i as i64);
        share::join(&pc, &invitation, "benchmark passphrase", None).expect("join");
        pcs.push(pc);
    }
    for pc in &pcs {
        share::sync_now(pc).expect("sync");
    }
    // A year of work on each, offline.
    let pcs: Vec<Session> = pcs
        .into_iter()
        .enumerate()
        .map(|(i, pc)| {
            drop(pc);
            let pc = open(&dirs[i], 60 + i as i64);
            a_year_of_work(&pc, i);
            pc
        })
        .collect();
    let start = Instant::now();
    let mut rounds = 0;
    // What the folder holds once every PC has sent its year (after the first round, before any PC
    // has every other's records and removes its own): counted with the clock stopped.
    let mut paused = Duration::ZERO;
    let (mut bytes, mut records, mut files, mut transport) = (0u64, 0u64, 0u64, 0f64);
    loop {
        rounds += 1;
        for pc in &pcs {
            share::sync_now(pc).expect("sync");
        }
        if rounds == 1 {
            let t = Instant::now();
            (bytes, records, files) = folder_records(&served.join("council/devices"));
            transport = transport_alone(port);
            paused += t.elapsed();
        }
        let hashes: Vec<String> = pcs.iter().map(|pc| share::content_hash(pc).expect("hash")).collect();
        if hashes.iter().all(|h| *h == hashes[0]) || rounds > 5 {
            assert!(hashes.iter().all(|h| *h == hashes[0]), "converged");
            break;
        }
    }
    let converge = (start.elapsed() - paused).as_secs_f64();
    let snapshots = std::fs::read_dir(served.join("council/snapshots")).map(|d| d.count()).unwrap_or(0);
    let db = dirs[0].join("council.sqlite3");
    let curl: Vec<f64> = (0..3)
        .map(|i| {
            let t = Instant::now();
            let ok = Command::new("curl")
                .args(["-s", "-f", "-o", "/dev/null", "-u", "u:p", "-T"])
                .arg(&db)
                .arg(format!("http://127.0.0.1:{port}/copy-{i}.sqlite3"))
                .status()
                .expect("curl")
                .success();
            assert!(ok, "curl -T");
            t.elapsed().as_secs_f64()
        })
        .collect();
    let curl = median(curl);
    println!("| measure | figure |");
    println!("|---|---|");
    println!(
        "| five PCs converge after 1,000 writes each ({records} records, {rounds} rounds of sync, each PC then putting a snapshot up and removing its year's records: {snapshots} snapshots in the folder), WebDAV on loopback | {converge:.1} s |"
    );
    println!(
        "| copying the database file once with `curl -T` ({:.1} MB) | {:.2} s |",
        std::fs::metadata(&db).expect("db").len() as f64 / 1e6,
        curl
    );
    println!("| ratio (goal ≤ 3×, for the five PCs' whole exchange against one file copy) | {:.1}× |", converge / curl);
    println!(
        "| of which the transport alone (each PC downloading the four others' files) | {transport:.2} s ({:.1}× the copy) |",
        transport / curl
    );
    println!(
        "| bytes per record in the shared folder (signed, encrypted; {records} records in {files} files) | {} |",
        bytes / records.max(1)
    );

    opening_cost(&pcs);
    capture_cost(root.path());

    // A new PC joining the large council.
    let large_dir = root.path().join("large");
    let large = open(&large_dir, 0);
    large
        .write(|w| council_demo::create_scaled(w, &large.dir().attachments(), council_demo::Scale::Large))
        .expect("large demo");
    let folder = RemoteConfig::Folder { path: root.path().join("large-folder").display().to_string() };
    share::setup(&large, folder, None, "会長", Role::Chair).expect("setup");
    let invitation =
        share::invite(&large, "新しい役員", Role::Secretary, None, "benchmark passphrase").expect("invite");
    let newcomer = open(&root.path().join("newcomer"), 5);
    let t = Instant::now();
    share::join(&newcomer, &invitation, "benchmark passphrase", None).expect("join");
    let join = t.elapsed().as_secs_f64();
    assert_eq!(share::content_hash(&newcomer).expect("h"), share::content_hash(&large).expect("h"));
    println!(
        "| a new PC joins the large council ({:.1} MB snapshot, verified and opened) | {join:.1} s |",
        std::fs::metadata(large_dir.join("council.sqlite3")).expect("db").len() as f64 / 1e6
    );
    let _ = server.kill();
    let _ = server.wait();
}
