//! A real full disk: the data folder on a 16 MB tmpfs, filled up, then written to. Mounting needs no
//! root: the child runs in its own user and mount namespace (`unshare -rm`), where it may mount a
//! tmpfs that nothing outside it sees. Where user namespaces are not allowed the test fails, saying
//! so — a test that cannot make its full disk has not shown anything. (`a_write_on_a_full_disk_fails_
//! cleanly_and_keeps_the_data` in tests/backup.rs covers the same failure through SQLite's page limit.)

use std::io::Write;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::settings::{self, SettingsPatch};
use council_domain::{Error, Session, audit, council};
use council_store::backup::{self, BackupReason};
use council_store::data_dir::DataDir;

const MOUNT_ENV: &str = "COUNCIL_DISK_FULL_MOUNT";
/// The size of the filesystem the child fills.
const TMPFS_MB: u32 = 16;

fn open(data: &Path) -> Session {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    council_domain::open(DataDir::at(data), Box::new(FixedClock::at_date(today))).expect("open")
}

fn visible(desk: &Session) -> String {
    let (council, settings) = desk.read(|r| Ok::<_, Error>((council::get(r)?, settings::load(r)?))).expect("state");
    format!("{council:?}\n{settings:?}\n{:?}", desk.read(|r| audit::recent(r, 10_000)).expect("log"))
}

fn is_disk_full(e: &Error) -> bool {
    e.text().ja.contains("ディスクがいっぱい") && e.text().en.contains("nothing was saved")
}

/// Runs inside the namespace: mount, fill, write, check.
#[test]
#[ignore = "child of a_write_on_a_really_full_filesystem_fails_cleanly; needs its own mount namespace"]
fn disk_full_child() {
    let Some(mount) = std::env::var_os(MOUNT_ENV) else { return };
    let mount = Path::new(&mount);
    let status =
        Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={TMPFS_MB}m"), "tmpfs"]).arg(mount).status();
    assert!(status.is_ok_and(|s| s.success()), "mount a {TMPFS_MB} MB tmpfs in the namespace");
    let data = mount.join("data");
    let desk = open(&data);
    desk.write(|w| council_demo::create(w, &desk.dir().attachments())).expect("demo");

    // Fill the filesystem to the last block.
    let mut filler = std::fs::File::create(mount.join("filler")).expect("filler");
    let chunk = vec![0u8; 4096];
    let full = loop {
        if let Err(e) = filler.write_all(&chunk).and_then(|()| filler.sync_all()) {
            break e;
        }
    };
    assert_eq!(full.kind(), std::io::ErrorKind::StorageFull, "the filesystem is really full (ENOSPC): {full}");

    let mut last_good = visible(&desk);
    let mut writes = 0;
    let err = loop {
        let patch = SettingsPatch { operator_name: Some(format!("記録係{writes:04}番")), ..Default::default() };
        match desk.write(|w| settings::update(w, &patch)) {
            Ok(_) => {
                writes += 1;
                last_good = visible(&desk);
            }
            Err(e) => break e,
        }
        assert!(writes < 5_000, "a {TMPFS_MB} MB filesystem must fill up");
    };
    assert!(is_disk_full(&err), "the failed write says the disk is full: {err}");
    assert_eq!(visible(&desk), last_good, "the failed write changed nothing");

    let backup_err = desk.backup_now(BackupReason::Manual).expect_err("no room for a backup");
    assert!(is_disk_full(&backup_err), "the failed backup says the disk is full: {backup_err}");
    let leftovers: Vec<_> = std::fs::read_dir(data.join("backups"))
        .map(|r| r.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(leftovers.iter().all(|n| !n.contains(".partial")), "no half-written backup is left: {leftovers:?}");
    assert!(backup::list(desk.dir()).expect("list").is_empty(), "no backup is listed that was not finished");

    // Free the space: everything committed before the disk filled up is there, intact.
    drop(filler);
    std::fs::remove_file(mount.join("filler")).expect("free space");
    assert!(desk.check().expect("check").ok, "the database is intact");
    drop(desk);
    let desk = open(&data);
    assert_eq!(visible(&desk), last_good, "after reopening, the data is as it was before the failed write");
    desk.write(|w| {
        settings::update(w, &SettingsPatch { operator_name: Some("空きができた".into()), ..Default::default() })
    })
    .expect("with space, writing works again");
    println!(
        "disk full: tmpfs={TMPFS_MB}MB writes_before_full={writes} write_error=SQLITE_FULL backup_error=ENOSPC data_intact=yes"
    );
}

#[test]
fn a_write_on_a_really_full_filesystem_fails_cleanly() {
    let namespaces = Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success());
    assert!(
        namespaces,
        "this test mounts a {TMPFS_MB} MB filesystem in a user + mount namespace (`unshare -rm`, util-linux), which \
         this machine does not allow: allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) \
         or run the tests as root"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new("unshare")
        .arg("-rm")
        .arg(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "disk_full_child", "--nocapture", "--test-threads=1"])
        .env(MOUNT_ENV, dir.path())
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // libtest prints the child's line after "test disk_full_child ... ".
    let figures = stdout.lines().find_map(|l| l.find("disk full: ").map(|i| &l[i..]));
    println!("{}", figures.unwrap_or("disk full: no figures"));
    assert!(
        out.status.success() && figures.is_some(),
        "the full-disk child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
