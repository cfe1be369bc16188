//! The same sharing through a real WebDAV server (rclone on loopback): three PCs converge; the server
//! down, a 5xx-free restart, or a wrong password each leave every change waiting on its PC, nothing
//! lost, and the next sync delivers it.

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
    set(&a, "UPDATE household SET notes = ?2 WHERE id = ?1", &head, "サーバー停止中の変更");
    server.kill();
    let err = share::sync_now(&a.session).expect_err("server down");
    assert!(matches!(err, Error::Offline(_)), "{err:?}");
    assert_eq!(share::status(&a.session).expect("status").unsent, 1);
    server.restart();
    assert_eq!(share::sync_now(&a.session).expect("back up").sent, 1);
    share::sync_now(&b.session).expect("b");
    share::sync_now(&c.session).expect("c");
    assert_eq!(value(&c, "SELECT notes FROM household WHERE id = ?1", &head).as_deref(), Some("サーバー停止中の変更"));
    assert_eq!(hash(&a), hash(&c));
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
