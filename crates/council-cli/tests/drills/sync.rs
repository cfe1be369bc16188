//! Sharing between PCs killed mid-way: `council sync now` on a joined PC is killed (SIGKILL) at every
//! commit, file sync and rename it makes while fetching and applying another PC's records and
//! attached files; the next `sync now` finishes, no record is lost or applied twice (the content
//! hash matches the other PC's) and `council check` passes every time.

use std::path::Path;

use crate::harness::{SYNCS_AND_RENAMES, killed_at, ok};
use crate::kills::copy_folder;

fn content_hash(data: &Path) -> String {
    let info: serde_json::Value = serde_json::from_str(&ok(data, &["info", "--json"])).expect("json");
    info["content_hash"].as_str().expect("hash").to_owned()
}

#[test]
fn a_sync_killed_at_every_step_finishes_at_the_next_one_with_nothing_lost_or_doubled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, shared) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("shared"));
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "kill drill passphrase\n").expect("passphrase");
    let invitation = dir.path().join("invitation");
    ok(&a, &["demo"]);
    ok(&a, &["sync", "setup", "--folder", shared.to_str().expect("path"), "--officer", "山田 太郎"]);
    ok(
        &a,
        &[
            "sync",
            "invite",
            "--out",
            invitation.to_str().expect("path"),
            "--passphrase-file",
            pass.to_str().expect("path"),
            "--officer",
            "佐藤 花子",
            "--role",
            "secretary",
        ],
    );
    ok(&b, &["sync", "join", invitation.to_str().expect("path"), "--passphrase-file", pass.to_str().expect("path")]);
    // The chair's PC changes twenty households' addresses, as a week's work.
    {
        let session = council_domain::open(
            council_store::data_dir::DataDir::at(&a),
            Box::new(council_domain::clock::FixedClock::at_date("2026-11-24".parse().expect("date"))),
        )
        .expect("open a");
        for i in 0..20 {
            session
                .write(|w| {
                    w.execute(
                        "UPDATE household SET address = ?1 WHERE id = (SELECT id FROM household ORDER BY id LIMIT 1 OFFSET ?2)",
                        rusqlite::params![format!("さくら台四丁目{i}番"), i],
                    )?;
                    Ok::<_, council_domain::error::Error>(())
                })
                .expect("write");
        }
    }
    ok(&a, &["sync", "now"]);
    let want = content_hash(&a);
    assert_ne!(content_hash(&b), want, "B has not synced yet");
    let (mut tried, mut held) = (0, 0);
    for n in 1.. {
        let data = dir.path().join(format!("kill-{n}"));
        copy_folder(&b, &data);
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &["sync", "now"]) else { break };
        tried += 1;
        let check = crate::harness::council(&data, &["check"]);
        assert!(check.status.success(), "right after the kill at step {n}: {}", crate::harness::text(&check.stdout));
        ok(&data, &["sync", "now"]);
        assert_eq!(content_hash(&data), want, "killed at step {n}: every record applied once");
        let check = crate::harness::council(&data, &["check"]);
        assert!(check.status.success(), "killed at step {n}: {}", crate::harness::text(&check.stdout));
        held += 1;
    }
    assert!(tried > 3, "the sync was cut at several steps ({tried})");
    println!("drill sync-killed: tried {tried}, held {held}");
}

#[test]
fn a_shared_folder_given_as_a_relative_path_is_kept_as_a_full_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("a");
    ok(&data, &["demo"]);
    // Typed in the folder that holds it, as an officer in a terminal does.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_council"))
        .current_dir(dir.path())
        .arg("--data")
        .arg(&data)
        .args(["sync", "setup", "--folder", "shared", "--officer", "山田 太郎"])
        .output()
        .expect("run council");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The window and later commands run from elsewhere and still find it.
    let status: serde_json::Value = serde_json::from_str(&ok(&data, &["sync", "status", "--json"])).expect("json");
    let kept = status["remote"].as_str().expect("remote");
    assert_eq!(Path::new(kept), dir.path().join("shared"), "{status}");
    ok(&data, &["sync", "now"]);
    // The officer who set it up is whom this PC's changes are recorded under (no name was set).
    let session = council_domain::open(
        council_store::data_dir::DataDir::at(&data),
        Box::new(council_domain::clock::FixedClock::at_date("2026-11-24".parse().expect("date"))),
    )
    .expect("open");
    assert_eq!(session.read(|r| council_domain::settings::operator_name(r)).expect("name"), "山田 太郎");
}

#[test]
fn a_join_killed_at_every_step_has_joined_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, shared) = (dir.path().join("a"), dir.path().join("shared"));
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "kill drill passphrase\n").expect("passphrase");
    let invitation = dir.path().join("invitation");
    ok(&a, &["demo"]);
    ok(&a, &["sync", "setup", "--folder", shared.to_str().expect("path"), "--officer", "山田 太郎"]);
    let (inv, pw) = (invitation.to_str().expect("path"), pass.to_str().expect("path"));
    ok(&a, &["sync", "invite", "--out", inv, "--passphrase-file", pw, "--officer", "佐藤 花子", "--role", "secretary"]);
    ok(&a, &["sync", "now"]);
    let want = content_hash(&a);
    let join = ["sync", "join", inv, "--passphrase-file", pw];
    let mut tried = 0;
    for n in 1.. {
        let data = dir.path().join(format!("join-{n}"));
        let Some(_) = killed_at(SYNCS_AND_RENAMES, n, &data, &join) else { break };
        tried += 1;
        let status: serde_json::Value =
            serde_json::from_str(&ok(&data, &["sync", "status", "--json"])).expect("status");
        if status["shared"].as_bool() == Some(true) {
            // Joined: it catches up at its next sync.
            ok(&data, &["sync", "now"]);
        } else {
            // Not joined: the data folder is as empty as before, and joining again works.
            ok(&data, &join);
        }
        assert_eq!(content_hash(&data), want, "killed at step {n}");
        let check = crate::harness::council(&data, &["check"]);
        assert!(check.status.success(), "killed at step {n}: {}", crate::harness::text(&check.stdout));
    }
    assert!(tried > 3, "the join was cut at several steps ({tried})");
    println!("drill join-killed: tried {tried}, held {tried}");
}
