//! The same sharing through a real WebDAV server (rclone on loopback): three PCs converge; the server
//! down, answering 503 (to everything, or only to the move that puts an upload in place), or a wrong
//! password each leave every change waiting on its PC, nothing lost or sent twice, and the next sync
//! delivers it.

mod common;

use common::*;
use council_sync::{Error, share};

#[test]
fn three_pcs_converge_through_webdav_and_nothing_is_lost_while_the_server_is_down() {
    let mut server = Rclone::start();
    let (a, b, c) = three_on(server.remote(), Some("p"));
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("first sync");
    }
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
    // The records sit in the server's folder, encrypted: the roster's names are not in them.
    let folder = server.dir.path().join("さくら台");
    assert!(folder.join("sharing.json").is_file());
    let head = household_ids(&a)[0].clone();
    let name: String = a
        .session
        .read(|r| {
            Ok::<_, council_domain::error::Error>(r.query_row(
                "SELECT name FROM person WHERE household_id = ?1 AND is_head = 1",
                [&head],
                |row| row.get(0),
            )?)
        })
        .expect("name");
    for entry in walk(&folder) {
        let bytes = std::fs::read(&entry).expect("read");
        assert!(!contains(&bytes, name.as_bytes()), "{} holds a name in the clear", entry.display());
    }

    // The server goes down: the chair's change waits on the PC, and the error says so.
    let a = reopen(a, 10);
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &head, "サーバー停止中の変更");
    server.kill();
    let err = share::sync_now(&a.session).expect_err("server down");
    assert!(matches!(err, Error::Offline(_)), "{err:?}");
    assert_eq!(share::status(&a.session).expect("status").unsent, 1);
    server.restart();
    assert_eq!(share::sync_now(&a.session).expect("back up").sent, 1);
    share::sync_now(&b.session).expect("b");
    share::sync_now(&c.session).expect("c");
    assert_eq!(
        value(&c, "SELECT address FROM household WHERE id = ?1", &head).as_deref(),
        Some("サーバー停止中の変更")
    );
    assert_eq!(hash(&a), hash(&c));
}

#[test]
fn a_server_answering_503_in_the_middle_of_an_upload_loses_nothing_and_sends_nothing_twice() {
    let server = Rclone::start();
    let proxy = Faulty::start(server.port);
    let (a, b, _c) = three_on(proxy.remote(), Some("p"));
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("first sync");
    }
    let a = reopen(a, 10);
    let head = household_ids(&a)[0].clone();
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &head, "503の間の変更");
    // The upload goes up under its temporary name; the move that puts it in place gets a 503.
    proxy.fail(Some("MOVE"));
    let err = share::sync_now(&a.session).expect_err("503 on the move");
    assert!(matches!(err, Error::Offline(_)), "{err:?}");
    assert!(err.text().ja.contains("503"), "{}", err.text().ja);
    assert_eq!(share::status(&a.session).expect("status").unsent, 1, "the change waits");
    let device = share::status(&a.session).expect("status").device;
    let records = server.dir.path().join("さくら台").join("devices").join(&device);
    let left: Vec<String> = std::fs::read_dir(&records)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert_eq!(left.len(), 1, "the half-done upload is left under its temporary name: {left:?}");
    // Every request answered 503: the other PC's sync says so and changes nothing.
    proxy.fail(Some("*"));
    let before = hash(&b);
    let err = share::sync_now(&b.session).expect_err("503");
    assert!(matches!(err, Error::Offline(_)), "{err:?}");
    assert_eq!(hash(&b), before);
    // The server recovers: the change goes once, and arrives.
    proxy.fail(None);
    assert_eq!(share::sync_now(&a.session).expect("sync").sent, 1);
    assert_eq!(share::sync_now(&a.session).expect("again").sent, 0, "nothing sent twice");
    share::sync_now(&b.session).expect("b");
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &head).as_deref(), Some("503の間の変更"));
    assert_eq!(hash(&a), hash(&b));
    let check = b.session.check().expect("check");
    assert!(check.ok, "{check:?}");
    // The upload cut off by the 503 left its temporary file on the server; once it is an hour old,
    // a sync of its PC removes it over WebDAV (found by PROPFIND, removed by DELETE).
    let remote = proxy.remote().open(a.session.dir()).expect("open");
    let soon = std::time::SystemTime::now();
    assert_eq!(share::tidy_unfinished(&*remote, &device, soon).expect("tidy"), 0, "too fresh to be cut off");
    let later = soon + std::time::Duration::from_secs(2 * 3600);
    assert_eq!(share::tidy_unfinished(&*remote, &device, later).expect("tidy"), 1);
    let left = std::fs::read_dir(&records)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .count();
    assert_eq!(left, 0, "the temporary file is gone");
    assert_eq!(share::sync_now(&b.session).expect("b").received, 0);
    assert_eq!(hash(&a), hash(&b));
}

#[test]
fn a_wrong_password_is_refused_with_what_to_do_and_changes_nothing() {
    let server = Rclone::start();
    let a = pc(0);
    a.session.write(|w| council_demo::create(w, &a.session.dir().attachments())).expect("demo");
    let err = share::setup(&a.session, server.remote(), Some("wrong"), "山田 太郎", council_sync::Role::Chair)
        .expect_err("wrong password");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    assert!(err.text().ja.contains("パスワード"), "{}", err.text().ja);
    assert!(!share::status(&a.session).expect("status").shared, "nothing of the sharing stays behind");
    assert_eq!(council_sync::keys::webdav_password_kept(a.session.dir()), None, "the refused password is not kept");

    // Shared with the right one; later a wrong one typed again is tried first and not kept.
    let status = share::setup(&a.session, server.remote(), Some("p"), "山田 太郎", council_sync::Role::Chair)
        .expect("right password");
    assert!(status.password.is_some(), "where the password is kept is said: {status:?}");
    let err = share::set_webdav_password(&a.session, "wrong").expect_err("refused by the server");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    share::sync_now(&a.session).expect("the password before still works");
    let status = share::set_webdav_password(&a.session, "p").expect("the right one");
    assert!(status.password.is_some());
    share::sync_now(&a.session).expect("sync");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
