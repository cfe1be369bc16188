//! Three data folders as three officers' PCs sharing one council through a plain folder: offline
//! edits on all three, synced in different orders, end with the same data on every PC, with every
//! conflict listed and nothing lost; hostile records are refused with their reason.

mod common;

use common::*;
use council_domain::council;
use council_sync::Role;
use council_sync::share;
use rusqlite::params;

#[test]
fn a_new_pc_joins_with_the_same_data() {
    let (_shared, a, b, c) = three();
    share::sync_now(&a.session).expect("sync a");
    share::sync_now(&b.session).expect("sync b");
    share::sync_now(&c.session).expect("sync c");
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
    let status = share::status(&b.session).expect("status");
    assert!(status.shared);
    assert_eq!(status.role, Some(Role::Secretary));
    assert_eq!(status.devices.len(), 3, "{:?}", status.devices);
    assert!(b.session.read(|r| council::require(r)).is_ok(), "the council came with the snapshot");
    // The data has a version of its own (Home's and the roster's kept figures are keyed by it).
    for pc in [&b, &c] {
        assert!(pc.session.read(|r| council_store::store::content_id(r)).is_ok());
    }
}

#[test]
fn offline_edits_on_three_pcs_converge_with_every_conflict_listed() {
    let (_shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("first sync");
    }
    let ids = household_ids(&a);
    let (same, deleted, paid) = (&ids[0], &ids[1], &ids[2]);
    // Offline: the same household's address on the secretary's PC and then on the chair's.
    let b = reopen(b, 30);
    let a = reopen(a, 40);
    let c = reopen(c, 50);
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", same, "さくら台1-1-1（佐藤）");
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", same, "さくら台1-1-1（山田）");
    // A household deleted on one PC and edited on another.
    a.session
        .write(|w| {
            w.execute("DELETE FROM household WHERE id = ?1", params![deleted])?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("delete");
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", deleted, "引っ越し予定なし");
    // The same household's dues recorded on two PCs.
    for (pc, by) in [(&a, "山田"), (&c, "鈴木")] {
        pc.session
            .write(|w| {
                w.execute(
                    "INSERT INTO dues_payment (id, household_id, fiscal_year, paid_on, amount, collected_by, created_at)
                     VALUES (?1, ?2, 2026, '2026-11-23', 3000, ?3, '2026-11-23T01:00:00Z')",
                    params![uuid::Uuid::now_v7().to_string(), paid, by],
                )?;
                Ok::<_, council_domain::error::Error>(())
            })
            .expect("payment");
    }
    // Sync in different orders, twice round.
    for pc in [&c, &a, &b, &b, &c, &a] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(hash(&a), hash(&b), "A and B hold the same data");
    assert_eq!(hash(&a), hash(&c), "A and C hold the same data");
    // The later change (the chair's, at 40 minutes) is kept; the other is listed with both values.
    assert_eq!(
        value(&b, "SELECT address FROM household WHERE id = ?1", same).as_deref(),
        Some("さくら台1-1-1（山田）")
    );
    for pc in [&a, &b, &c] {
        let list = share::conflicts(&pc.session).expect("conflicts");
        let field = list.iter().find(|x| x.kind == "field" && x.column == "address").expect("address conflict listed");
        assert_eq!(field.kept.as_deref(), Some("さくら台1-1-1（山田）"));
        assert_eq!(field.other.as_deref(), Some("さくら台1-1-1（佐藤）"));
        assert_eq!(field.kept_by, "山田 太郎");
        assert_eq!(field.other_by, "佐藤 花子");
        assert!(list.iter().any(|x| x.kind == "double_entry"), "double entry flagged: {list:?}");
        assert!(list.iter().any(|x| x.kind == "deleted"), "deleted-and-edited listed: {list:?}");
    }
    // Both payments are kept.
    let payments: i64 = c
        .session
        .read(|r| {
            Ok::<_, council_domain::error::Error>(r.query_row(
                "SELECT count(*) FROM dues_payment WHERE household_id = ?1 AND collected_by IN ('山田', '鈴木')",
                params![paid],
                |row| row.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(payments, 2);
    // The household edited after its deletion elsewhere is kept, with the edit.
    assert_eq!(value(&a, "SELECT address FROM household WHERE id = ?1", deleted).as_deref(), Some("引っ越し予定なし"));

    // One click takes the other value, on every PC after the next sync.
    let b = reopen(b, 60);
    let field =
        share::conflicts(&b.session).expect("conflicts").into_iter().find(|x| x.kind == "field").expect("field");
    share::resolve(&b.session, &field.id, true).expect("take the other");
    for pc in [&b, &a, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(
        value(&c, "SELECT address FROM household WHERE id = ?1", same).as_deref(),
        Some("さくら台1-1-1（佐藤）")
    );
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
}

#[test]
fn records_beyond_a_role_from_a_revoked_pc_or_tampered_are_refused() {
    let (shared, a, b, c) = three();
    let reader = join(&a, &shared, "監査 次郎", Role::Reader, 3);
    for pc in [&a, &b, &c, &reader] {
        share::sync_now(&pc.session).expect("sync");
    }
    let id = household_ids(&a)[0].clone();
    let before = value(&a, "SELECT address FROM household WHERE id = ?1", &id);
    // A read-only PC whose app was tampered with writes anyway: every other PC refuses it.
    let reader = reopen(reader, 20);
    set(&reader, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "書き換え");
    share::sync_now(&reader.session).expect("reader sync");
    let report = share::sync_now(&a.session).expect("chair sync");
    assert_eq!(report.refused, 1);
    assert_eq!(value(&a, "SELECT address FROM household WHERE id = ?1", &id), before);
    let refused = share::conflicts(&a.session).expect("conflicts");
    assert!(refused.iter().any(|x| x.kind == "refused" && x.detail.ja.contains("閲覧のみ")), "{refused:?}");

    // A byte changed in the treasurer's next record: refused, nothing applied.
    let c = reopen(c, 25);
    set(&c, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "会計のメモ");
    share::sync_now(&c.session).expect("c sync");
    let dir = shared.path().join("devices").join(share::status(&c.session).expect("status").device);
    let last = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rec"))
        .max()
        .expect("a record");
    let mut bytes = std::fs::read(&last).expect("read");
    let n = bytes.len();
    bytes[n / 2] ^= 0x40;
    std::fs::write(&last, bytes).expect("tamper");
    let report = share::sync_now(&b.session).expect("b sync");
    assert_eq!(report.refused, 2, "{report:?}");
    assert_ne!(value(&b, "SELECT address FROM household WHERE id = ?1", &id).as_deref(), Some("会計のメモ"));

    // A revoked PC's later records are refused.
    let secretary = share::status(&b.session).expect("status").device;
    let a = reopen(a, 30);
    share::revoke(&a.session, &secretary).expect("revoke");
    share::sync_now(&a.session).expect("sync");
    share::sync_now(&b.session).expect("b learns it is revoked");
    let b = reopen(b, 40);
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "取り消し後");
    share::sync_now(&b.session).expect("b sync");
    share::sync_now(&a.session).expect("a sync");
    assert_ne!(value(&a, "SELECT address FROM household WHERE id = ?1", &id).as_deref(), Some("取り消し後"));
    assert!(share::conflicts(&a.session).expect("list").iter().any(|x| x.detail.ja.contains("取り消した")));
}

#[test]
fn the_shared_folder_missing_changes_nothing_and_the_records_wait() {
    let (shared, a, _b, _c) = three();
    let a = reopen(a, 10);
    let id = household_ids(&a)[0].clone();
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "オフラインで");
    let moved = shared.path().with_extension("away");
    std::fs::rename(shared.path(), &moved).expect("unplug");
    let err = share::sync_now(&a.session).expect_err("offline");
    assert!(matches!(err, council_sync::Error::Offline(_)), "{err:?}");
    let status = share::status(&a.session).expect("status");
    assert_eq!(status.unsent, 1);
    assert!(status.last_error.is_some());
    std::fs::rename(&moved, shared.path()).expect("plug back");
    assert_eq!(share::sync_now(&a.session).expect("sync").sent, 1);
    assert_eq!(share::status(&a.session).expect("status").unsent, 0);
}

#[test]
fn setup_refuses_a_folder_another_council_uses_and_join_a_wrong_passphrase() {
    let (shared, a, _b, _c) = three();
    let other = pc(0);
    other.session.write(|w| council_demo::create(w, &other.session.dir().attachments())).expect("demo");
    let err = share::setup(&other.session, folder(&shared), None, "田中", Role::Chair).expect_err("used folder");
    assert!(err.text().ja.contains("ほかの自治会"), "{err}");
    let invitation = share::invite(&a.session, "新人", Role::Reader, None, "correct horse battery").expect("invite");
    let fresh = pc(5);
    let err = share::join(&fresh.session, &invitation, "wrong passphrase", None).expect_err("wrong passphrase");
    assert!(err.text().ja.contains("合言葉"), "{err}");
    assert!(!share::status(&fresh.session).expect("status").shared, "nothing changed");
}

#[test]
fn a_record_from_a_newer_app_waits_and_one_from_another_council_is_refused() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let id = household_ids(&a)[0].clone();
    // The chair's PC, updated to a newer app, writes a record of a newer schema.
    let a = reopen(a, 10);
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "新しい版で書いた");
    let status = share::status(&a.session).expect("status");
    let (device, changeset): (String, Vec<u8>) = a
        .session
        .read(|r| {
            Ok::<_, council_domain::error::Error>(r.query_row(
                "SELECT device, changeset FROM sync_log WHERE device = ?1 AND sent = 0",
                [&status.device],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })
        .expect("record");
    share::sync_now(&a.session).expect("sent");
    let keys = council_sync::keys::Keys::load(a.session.dir()).expect("keys");
    let path = shared.path().join("devices").join(&device);
    // The newest record in the folder: the last one of the newest file.
    let last = newest_record(&path, &keys);
    let (seq, prev) = (last.record.header.seq, last.hash);
    let newer = council_sync::record::Record {
        header: council_sync::record::Header {
            sharing: sharing_id(&shared),
            device: device.clone(),
            seq: seq + 1,
            clock: at(11).timestamp_millis() << 16,
            schema: council_store::store::latest_version() + 1,
            officer: "山田 太郎".into(),
            history: "[]".into(),
            prev,
            personal: String::new(),
        },
        changeset,
    };
    std::fs::write(path.join(format!("{:010}.rec", seq + 1)), newer.seal(&keys).expect("seal")).expect("write");
    let report = share::sync_now(&b.session).expect("b sync");
    assert_eq!(report.waiting, 1, "{report:?}");
    assert_eq!(share::status(&b.session).expect("status").waiting_for_update, 1, "kept, waiting for the update");

    // A record of another council dropped into this folder: refused, nothing applied.
    let other_shared = tempfile::tempdir().expect("other");
    let other = pc(0);
    other.session.write(|w| council_demo::create(w, &other.session.dir().attachments())).expect("demo");
    share::setup(&other.session, folder(&other_shared), None, "他の会長", Role::Chair).expect("setup");
    set(
        &other,
        "UPDATE household SET address = 'よその記録' WHERE id = (SELECT id FROM household LIMIT 1) AND ?1 = ?2",
        "x",
        "x",
    );
    share::sync_now(&other.session).expect("other sync");
    let other_device = share::status(&other.session).expect("status").device;
    let foreign =
        std::fs::read(other_shared.path().join("devices").join(&other_device).join("0000000001.rec")).expect("read");
    std::fs::write(path.join(format!("{:010}.rec", seq + 2)), foreign).expect("plant");
    let report = share::sync_now(&b.session).expect("b sync");
    assert!(report.refused >= 1, "{report:?}");
    assert!(
        share::conflicts(&b.session).expect("list").iter().any(|x| x.kind == "refused" && x.detail.ja.contains("暗号")),
        "refused with its reason"
    );
}

#[test]
fn a_forged_record_changing_a_signed_minute_is_refused_everywhere_and_the_minute_stays_as_signed() {
    let (_shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    let signed = value(&a, "SELECT id FROM minutes WHERE status = 'signed' AND ?1 = ?1 ORDER BY id LIMIT 1", "x")
        .expect("the demo has signed minutes");
    let before = value(&a, "SELECT signed_json FROM minutes WHERE id = ?1", &signed);
    // The secretary's app, tampered with, rewrites a signed minute and sends it as a record.
    let b = reopen(b, 20);
    b.session
        .write(|w| {
            w.execute(
                "UPDATE minutes SET signed_json = replace(signed_json, '可決', '否決') WHERE id = ?1",
                params![signed],
            )?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("a tampered write");
    assert_ne!(value(&b, "SELECT signed_json FROM minutes WHERE id = ?1", &signed), before, "changed there");
    share::sync_now(&b.session).expect("b sends it");
    for pc in [&a, &c] {
        let report = share::sync_now(&pc.session).expect("sync");
        assert_eq!(report.refused, 1, "{report:?}");
        assert_eq!(value(pc, "SELECT signed_json FROM minutes WHERE id = ?1", &signed), before, "kept as signed");
        let list = share::conflicts(&pc.session).expect("conflicts");
        assert!(list.iter().any(|x| x.kind == "refused" && x.detail.ja.contains("署名済みの議事録")), "{list:?}");
    }
    assert_eq!(hash(&a), hash(&c));
}

#[test]
fn a_sync_stopped_after_its_upload_or_in_the_middle_of_one_sends_nothing_twice_and_loses_nothing() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let ids = household_ids(&a);
    let a = reopen(a, 10);
    for (i, id) in ids.iter().take(4).enumerate() {
        set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
    }
    let device = share::status(&a.session).expect("status").device;
    let dir = shared.path().join("devices").join(&device);
    let files = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "rec")).count())
            .unwrap_or(0)
    };
    // All four went as one file.
    let before = files(&dir);
    assert_eq!(share::sync_now(&a.session).expect("sync").sent, 4);
    assert_eq!(files(&dir), before + 1, "one sync, one file");
    // The PC stopped after the upload, before it noted it: the next sync reads the file back and
    // takes the records as sent, without a second copy.
    let a = forget_sent(a, &device, 4);
    assert_eq!(share::status(&a.session).expect("status").unsent, 4);
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &ids[4], "あとから");
    let report = share::sync_now(&a.session).expect("sync after the stop");
    assert_eq!(report.sent, 5, "{report:?}");
    assert_eq!(files(&dir), before + 2, "only the new record went up");
    // An upload cut off in the middle leaves its temporary file: nobody reads it, nothing waits.
    std::fs::write(dir.join(".0000009999.rec.cut.part"), b"half a file").expect("a cut upload");
    share::sync_now(&b.session).expect("b");
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &ids[4]).as_deref(), Some("あとから"));
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &ids[0]).as_deref(), Some("訪問 0"));
    assert_eq!(hash(&a), hash(&b));
    let check = b.session.check().expect("check");
    assert!(check.ok && check.problems.is_empty(), "{check:?}");

    // The temporary files of uploads cut off are removed by a later sync: this PC's own once an hour
    // old, those in the folders every PC writes to after a day; never another PC's own, nor one of
    // an upload that may still be under way.
    let made = |hours_ago: u64, name: &str| {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("now").as_secs()
            - hours_ago * 3600;
        let id = uuid::Uuid::new_v7(uuid::Timestamp::from_unix(uuid::NoContext, secs, 0));
        format!(".{name}.{id}.part")
    };
    let other = shared.path().join("devices").join(share::status(&b.session).expect("status").device);
    let snapshots = shared.path().join("snapshots");
    let leftovers = [
        (dir.join(made(2, "0000000007-0000000009.rec")), false),
        (dir.join(made(0, "0000000007-0000000009.rec")), true),
        (snapshots.join(made(2, "1-x.snap")), true),
        (snapshots.join(made(30, "1-x.snap")), false),
        (shared.path().join(made(30, "sharing.json")), false),
        (other.join(made(30, "0000000003-0000000003.rec")), true),
    ];
    for (path, _) in &leftovers {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, b"half a file").expect("a cut upload");
    }
    share::sync_now(&a.session).expect("sync tidies");
    for (path, stays) in &leftovers {
        assert_eq!(path.exists(), *stays, "{}", path.display());
    }
    assert!(dir.join(".0000009999.rec.cut.part").exists(), "a name this app did not make is left alone");
    assert_eq!(hash(&a), hash(&b));
}

#[test]
fn the_councils_own_row_changed_on_two_pcs_is_listed_on_the_pc_that_syncs_last() {
    let (_shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let b = reopen(b, 5);
    let a = reopen(a, 60);
    set(&a, "UPDATE council SET address = ?2 WHERE ?1 = ?1", "x", "さくら台1-1（会長のPC）");
    share::sync_now(&a.session).expect("a");
    set(&b, "UPDATE council SET address = ?2 WHERE ?1 = ?1", "x", "さくら台1-1（書記のPC）");
    let report = share::sync_now(&b.session).expect("b");
    assert!(report.conflicts >= 1, "{report:?}");
    let list = share::conflicts(&b.session).expect("list");
    let field = list.iter().find(|x| x.kind == "field").expect("listed");
    assert_eq!(field.kept.as_deref(), Some("さくら台1-1（会長のPC）"));
    assert_eq!(field.other.as_deref(), Some("さくら台1-1（書記のPC）"));
}

#[test]
fn a_pc_joining_later_starts_from_the_newest_snapshot_and_ends_with_the_same_data() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let a = reopen(a, 10);
    for (i, id) in household_ids(&a).iter().enumerate() {
        set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
    }
    share::sync_now(&a.session).expect("a");
    let name = share::snapshot_now(&a.session).expect("snapshot");
    // One more change after the snapshot: the new PC takes it from the records.
    let id = household_ids(&a)[0].clone();
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "スナップショットの後");
    share::sync_now(&a.session).expect("a");
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    share::sync_now(&a.session).expect("a");
    share::sync_now(&late.session).expect("late");
    assert_eq!(hash(&late), hash(&a));
    assert_eq!(
        value(&late, "SELECT address FROM household WHERE id = ?1", &id).as_deref(),
        Some("スナップショットの後")
    );
    // It started from the newest snapshot: the records before it were not applied one by one.
    let replayed = number(&late, "SELECT count(*) FROM sync_log WHERE length(changeset) > 0");
    assert!(replayed <= 3, "only the records after {name} were applied: {replayed}");
}

/// A year's dues (3,600 yen) paid by `household` on 2026-11-20.
fn payment(household: &str) -> council_domain::dues::DuesPaymentInput {
    council_domain::dues::DuesPaymentInput {
        household_id: council_domain::members::HouseholdId(household.to_owned()),
        fiscal_year: 2026,
        paid_on: "2026-11-20".parse().expect("date"),
        amount: 3600,
        collected_by: String::new(),
        notes: String::new(),
    }
}

/// How many of [`payment`]'s payments a PC holds.
fn payments_made(pc: &Pc) -> i64 {
    pc.session
        .read(|r| {
            Ok::<i64, council_domain::error::Error>(r.query_row(
                "SELECT count(*) FROM dues_payment WHERE amount = 3600 AND paid_on = '2026-11-20'",
                [],
                |row| row.get(0),
            )?)
        })
        .expect("count")
}

#[test]
fn receipts_recorded_on_two_pcs_never_share_a_number() {
    let (_shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("first sync");
    }
    let ids = household_ids(&a);
    let pay = payment;
    // Offline, the chair's PC and the treasurer's each record a payment.
    a.session.write(|w| council_domain::dues::record_payment(w, &pay(&ids[3]))).expect("on the chair's PC");
    c.session.write(|w| council_domain::dues::record_payment(w, &pay(&ids[4]))).expect("on the treasurer's PC");
    for pc in [&a, &c, &a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let number = |pc: &Pc, household: &str| {
        pc.session
            .read(|r| council_domain::dues::payments(r, &council_domain::members::HouseholdId(household.into()), 2026))
            .expect("payments")
            .last()
            .map(|p| p.receipt_number.clone())
            .expect("a payment")
    };
    let (on_a, on_c) = (number(&b, &ids[3]), number(&b, &ids[4]));
    assert!(!on_a.contains('-'), "the PC that set up the sharing keeps the plain numbers: {on_a}");
    assert_eq!(on_c, "令和8年度 第2-0001号", "the second PC invited numbers in its own series");
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
}

/// Three PCs in step, the chair's records from setting up already removed from the folder (all three
/// have them), the chair's PC ten minutes on: the start of the tidying tests.
fn three_tidied() -> (tempfile::TempDir, Pc, Pc, Pc) {
    let (shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    share::prune_now(&a.session).expect("prune");
    (shared, reopen(a, 10), b, c)
}

/// The record files of a PC in the shared folder.
fn record_files(shared: &tempfile::TempDir, pc: &Pc) -> Vec<String> {
    let dir = shared.path().join("devices").join(share::status(&pc.session).expect("status").device);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".rec"));
    names.sort();
    names
}

#[test]
fn old_records_leave_the_shared_folder_once_every_pc_has_them_and_a_pc_joining_later_still_catches_up() {
    let (shared, a, b, c) = three_tidied();
    let ids = household_ids(&a);
    for (i, id) in ids.iter().enumerate() {
        set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
    }
    share::sync_now(&a.session).expect("a");
    let sent = record_files(&shared, &a);
    assert!(!sent.is_empty());
    // Not while a PC still in the council has not taken them in.
    assert_eq!(share::prune_now(&a.session).expect("prune"), 0, "b and c have not synced");
    share::sync_now(&b.session).expect("b");
    assert_eq!(share::prune_now(&a.session).expect("prune"), 0, "c has not synced");
    // Nor when what a PC says cannot be verified: a file in its folder not signed by it.
    let c_dir = shared.path().join("devices").join(share::status(&c.session).expect("status").device);
    share::sync_now(&c.session).expect("c");
    let forged = c_dir.join(format!("seen-{:020}.json", i64::MAX));
    std::fs::write(&forged, b"everything is seen").expect("forge");
    assert_eq!(share::prune_now(&a.session).expect("prune"), 0, "a forged word from c holds it back");
    std::fs::remove_file(&forged).expect("unforge");
    // Every PC has them: they go, after a snapshot that holds them.
    let snapshots = || std::fs::read_dir(shared.path().join("snapshots")).map(|d| d.count()).unwrap_or(0);
    let removed = share::prune_now(&a.session).expect("prune");
    assert!(removed >= ids.len(), "a's records removed: {removed}");
    assert!(record_files(&shared, &a).is_empty(), "{:?}", record_files(&shared, &a));
    assert!(snapshots() >= 1);
    // Sharing goes on: a later change reaches every PC, and all hold the same data.
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &ids[0], "整理の後");
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(record_files(&shared, &a).len(), 1, "only the new record is in the folder");
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &ids[0]).as_deref(), Some("整理の後"));
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
    // A PC joining now starts from the snapshot taken when the records went and catches up.
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    share::sync_now(&a.session).expect("a");
    share::sync_now(&late.session).expect("late");
    assert_eq!(hash(&late), hash(&a));
    assert_eq!(value(&late, "SELECT address FROM household WHERE id = ?1", &ids[1]).as_deref(), Some("訪問 1"));
    let check = late.session.check().expect("check");
    assert!(check.ok, "{check:?}");
}

#[test]
fn a_pc_not_heard_from_holds_the_records_back_until_it_is_revoked() {
    let (shared, a, b, c) = three_tidied();
    let id = household_ids(&a)[0].clone();
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "訪問");
    share::sync_now(&a.session).expect("a");
    share::sync_now(&b.session).expect("b");
    // The treasurer's laptop is away (or lost): nothing goes while it may still need the records.
    assert_eq!(share::prune_now(&a.session).expect("prune"), 0);
    assert!(!record_files(&shared, &a).is_empty());
    let lost = share::status(&c.session).expect("status").device;
    share::revoke(&a.session, &lost).expect("revoke");
    share::sync_now(&a.session).expect("a");
    share::sync_now(&b.session).expect("b");
    assert!(share::prune_now(&a.session).expect("prune") > 0, "the revoked PC is not waited for");
    assert_eq!(hash(&a), hash(&b));
}

#[test]
fn the_record_files_of_a_pc_that_takes_no_snapshot_leave_the_folder_under_a_keeping_pcs_snapshot() {
    let (shared, a, b, c) = three_tidied();
    let ids = household_ids(&a);
    // The treasurer records three payments, a sync after each: three files in its folder.
    for id in &ids[..3] {
        c.session.write(|w| council_domain::dues::record_payment(w, &payment(id))).expect("payment");
        share::sync_now(&c.session).expect("c");
    }
    assert_eq!(record_files(&shared, &c).len(), 3, "{:?}", record_files(&shared, &c));
    // Not while the secretary's PC has not taken them in.
    share::sync_now(&a.session).expect("a");
    share::prune_now(&a.session).expect("prune");
    assert_eq!(record_files(&shared, &c).len(), 3, "the secretary's PC still needs them");
    // Once every PC has them, the chair's PC puts up a snapshot holding them and removes them; the
    // treasurer's PC does not send them again.
    share::sync_now(&b.session).expect("b");
    assert!(share::prune_now(&a.session).expect("prune") >= 3);
    assert!(record_files(&shared, &c).is_empty(), "{:?}", record_files(&shared, &c));
    c.session.write(|w| council_domain::dues::record_payment(w, &payment(&ids[3]))).expect("payment");
    for pc in [&c, &a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(record_files(&shared, &c).len(), 1, "only the new payment: {:?}", record_files(&shared, &c));
    // A PC joining later has all four payments, from the snapshot and the file after it.
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    for pc in [&late, &a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(payments_made(&late), 4);
    for pc in [&a, &b, &c] {
        assert_eq!(hash(pc), hash(&late));
        assert_eq!(payments_made(pc), 4);
    }
}

#[test]
fn a_pc_joins_after_the_secretarys_laptop_that_tidied_the_folder_is_revoked() {
    let (shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    // The secretary's PC changes three addresses, every PC takes them in, and it tidies them away
    // under a snapshot of its own.
    let ids: Vec<String> = household_ids(&b).into_iter().take(3).collect();
    for (i, id) in ids.iter().enumerate() {
        set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
    }
    for pc in [&b, &a, &c, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert!(share::prune_now(&b.session).expect("prune") >= 3);
    assert!(record_files(&shared, &b).is_empty());
    // The laptop is lost: the chair revokes it. Its snapshot no longer counts for a PC joining (it is
    // verified against the PCs still in the council), so the chair's PC puts up one of its own.
    share::sync_now(&a.session).expect("a");
    let lost = share::status(&b.session).expect("status").device;
    share::revoke(&a.session, &lost).expect("revoke");
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(value(&late, "SELECT address FROM household WHERE id = ?1", id), Some(format!("訪問 {i}")));
    }
    for pc in [&late, &a, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(hash(&late), hash(&a));
    assert_eq!(hash(&c), hash(&a));
}

#[test]
fn an_older_invitation_does_not_join_from_a_snapshot_lacking_records_tidied_under_a_newer_one() {
    let (shared, a, b, c) = three();
    // An invitation made now, used only later.
    let old = share::invite(&a.session, "新人 三郎", Role::Reader, None, "correct horse battery").expect("invite");
    // A second secretary joins after it; the treasurer records three payments; every PC takes them in
    // and the new secretary's PC tidies them away under a snapshot the old invitation cannot verify.
    let d = join(&a, &shared, "高橋 書記", Role::Secretary, 10);
    let ids = household_ids(&a);
    for id in &ids[..3] {
        c.session.write(|w| council_domain::dues::record_payment(w, &payment(id))).expect("payment");
    }
    for pc in [&c, &a, &b, &d, &a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert!(share::prune_now(&d.session).expect("prune") >= 3);
    assert!(record_files(&shared, &c).is_empty(), "{:?}", record_files(&shared, &c));
    // The old invitation's newest snapshot it can verify holds none of the payments, and no file
    // brings them: it says what to do and changes nothing (before, it joined without them).
    let late = pc(20);
    let error = share::join(&late.session, &old, "correct horse battery", None).expect_err("not without the payments");
    assert!(error.text().ja.contains("新しい招待ファイル"), "{}", error.text().ja);
    assert!(!share::status(&late.session).expect("status").shared);
    assert!(household_ids(&late).is_empty());
    // A new invitation joins, with them.
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 21);
    let paid = payments_made(&late);
    assert_eq!(paid, 3);
}

/// The shared folder as the tidying drills see it: it stops answering after a number of removals
/// (a PC killed or cut off in the middle of tidying), or another PC tidies its records just after
/// this one, having fetched a snapshot, first listed them (the chair's PC syncing while a new PC
/// joins).
struct Drill<'a> {
    inner: Box<dyn council_sync::remote::Remote>,
    deletes_left: std::sync::atomic::AtomicUsize,
    tidier: Option<&'a council_store::Session>,
    fetched: std::sync::atomic::AtomicBool,
    tidied: std::sync::atomic::AtomicBool,
}

impl<'a> Drill<'a> {
    fn on(shared: &tempfile::TempDir, pc: &Pc) -> Self {
        Self {
            inner: folder(shared).open(pc.session.dir()).expect("open"),
            deletes_left: std::sync::atomic::AtomicUsize::new(usize::MAX),
            tidier: None,
            fetched: std::sync::atomic::AtomicBool::new(false),
            tidied: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl council_sync::remote::Remote for Drill<'_> {
    fn list(&self, dir: &str) -> council_sync::Result<Vec<String>> {
        let names = self.inner.list(dir);
        if let Some(tidier) = self.tidier
            && self.fetched.load(std::sync::atomic::Ordering::SeqCst)
            && dir == format!("devices/{}", share::status(tidier).expect("status").device)
            && !self.tidied.swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            assert!(share::prune_now(tidier).expect("prune") > 0, "the other PC tidied");
        }
        names
    }
    fn get(&self, path: &str) -> council_sync::Result<Option<Vec<u8>>> {
        if path.starts_with("snapshots/") {
            self.fetched.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        self.inner.get(path)
    }
    fn put(&self, path: &str, bytes: &[u8]) -> council_sync::Result<()> {
        self.inner.put(path, bytes)
    }
    fn unfinished(&self, dir: &str) -> council_sync::Result<Vec<String>> {
        self.inner.unfinished(dir)
    }
    fn delete(&self, path: &str) -> council_sync::Result<()> {
        use std::sync::atomic::Ordering;
        if self.deletes_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_err() {
            return Err(council_sync::Error::Offline(council_base::Text::new("切断", "cut off")));
        }
        self.inner.delete(path)
    }
}

#[test]
fn a_pc_joining_while_another_tidies_the_folder_starts_again_from_the_newer_snapshot() {
    let (shared, a, b, c) = three_tidied();
    let (ids, files) = three_files_from(&shared, &a);
    for pc in [&b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    let invitation =
        share::invite(&a.session, "新人 三郎", Role::Reader, None, "correct horse battery").expect("invite");
    let chooser = Drill { tidier: Some(&a.session), ..Drill::on(&shared, &a) };
    // The new PC chooses the snapshot taken when the chair's first records went, the three files after
    // it all there; just then the chair's PC removes them (the new PC has said nothing yet, so it is
    // not waited for) under a newer snapshot.
    let late = pc(20);
    share::join_choosing_through(&late.session, &invitation, "correct horse battery", None, Some(&chooser))
        .expect("join");
    assert!(chooser.tidied.load(std::sync::atomic::Ordering::SeqCst));
    assert!(record_files(&shared, &a).iter().all(|f| !files.contains(f)), "the three files went");
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(value(&late, "SELECT address FROM household WHERE id = ?1", id), Some(format!("訪問 {i}")));
    }
    assert!(share::status(&late.session).expect("status").last_error.is_none());
    assert_eq!(hash(&late), hash(&a));
}

#[test]
fn tidying_cut_off_half_way_loses_nothing_and_the_next_one_finishes() {
    let (shared, a, b, c) = three_tidied();
    let ids = household_ids(&a);
    // Three syncs, three files of a's records.
    for (i, id) in ids.iter().take(3).enumerate() {
        set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
        share::sync_now(&a.session).expect("a");
    }
    for pc in [&b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(record_files(&shared, &a).len(), 3);
    // Cut off after the snapshot went up and one file was removed.
    let cut = Drill { deletes_left: std::sync::atomic::AtomicUsize::new(1), ..Drill::on(&shared, &a) };
    assert!(share::prune_through(&a.session, &cut).is_err(), "cut off");
    assert_eq!(record_files(&shared, &a).len(), 2, "one file went before the cut");
    // Every PC carries on, a new PC still joins, and the next tidying finishes.
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &ids[3], "切断の後");
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    share::sync_now(&a.session).expect("a");
    share::sync_now(&late.session).expect("late");
    for pc in [&b, &c, &late] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert!(share::prune_now(&a.session).expect("prune") >= 2, "the rest goes now");
    for pc in [&a, &b, &c, &late] {
        share::sync_now(&pc.session).expect("sync");
    }
    for pc in [&b, &c, &late] {
        assert_eq!(hash(pc), hash(&a));
        assert_eq!(value(pc, "SELECT address FROM household WHERE id = ?1", &ids[3]).as_deref(), Some("切断の後"));
        let check = pc.session.check().expect("check");
        assert!(check.ok, "{check:?}");
    }
}

/// Three changes on the chair's PC, each synced, so each is a file of its own in the folder: the
/// households changed and the three files' names.
fn three_files_from(shared: &tempfile::TempDir, a: &Pc) -> (Vec<String>, Vec<String>) {
    let before = record_files(shared, a);
    let ids: Vec<String> = household_ids(a).into_iter().take(3).collect();
    for (i, id) in ids.iter().enumerate() {
        set(a, "UPDATE household SET address = ?2 WHERE id = ?1", id, &format!("訪問 {i}"));
        share::sync_now(&a.session).expect("a");
    }
    let files: Vec<String> = record_files(shared, a).into_iter().filter(|f| !before.contains(f)).collect();
    assert_eq!(files.len(), 3, "{files:?}");
    (ids, files)
}

#[test]
fn a_record_missing_from_the_folder_holds_back_the_ones_after_it_until_its_pc_sends_it_again() {
    let (shared, a, b, _c) = three_tidied();
    // A PC that starts from the snapshot taken when the chair's first records went.
    let late = join(&a, &shared, "新人 三郎", Role::Reader, 20);
    share::sync_now(&b.session).expect("b");
    let (ids, files) = three_files_from(&shared, &a);
    // The first of the three goes missing from the folder (a host's fault, a file still being synced).
    let dir = shared.path().join("devices").join(share::status(&a.session).expect("status").device);
    let aside = shared.path().join("aside.rec");
    std::fs::rename(dir.join(&files[0]), &aside).expect("hide");
    for pc in [&late, &b] {
        let error = share::sync_now(&pc.session).expect_err("a record is missing");
        assert!(error.text().ja.contains("「山田 太郎」のPCの記録（"), "{}", error.text().ja);
        assert!(error.text().ja.contains("番）がありません"), "{}", error.text().ja);
        for (i, id) in ids.iter().enumerate() {
            let notes = value(pc, "SELECT address FROM household WHERE id = ?1", id);
            assert_ne!(notes, Some(format!("訪問 {i}")), "nothing of the three is taken, in order or not at all");
        }
        let status = share::status(&pc.session).expect("status");
        assert!(status.last_error.is_some_and(|e| e.ja.contains("ありません")), "Home shows why");
    }
    // The chair's PC sees that its file is gone while other PCs still need it, and sends those
    // records again, as they were; every PC then takes all three, in order, and all hold the same data.
    std::fs::remove_file(&aside).expect("lost for good");
    share::sync_now(&a.session).expect("a");
    assert!(record_files(&shared, &a).contains(&files[0]), "{:?}", record_files(&shared, &a));
    for pc in [&late, &b] {
        share::sync_now(&pc.session).expect("sync");
        assert_eq!(value(pc, "SELECT address FROM household WHERE id = ?1", &ids[0]).as_deref(), Some("訪問 0"));
        assert_eq!(hash(pc), hash(&a));
        assert!(share::status(&pc.session).expect("status").last_error.is_none());
        let check = pc.session.check().expect("check");
        assert!(check.ok, "{check:?}");
    }
}

#[test]
fn a_pc_does_not_join_from_a_snapshot_whose_later_records_are_not_all_there() {
    let (shared, a, _b, _c) = three_tidied();
    let (ids, files) = three_files_from(&shared, &a);
    let dir = shared.path().join("devices").join(share::status(&a.session).expect("status").device);
    let invitation =
        share::invite(&a.session, "新人 三郎", Role::Reader, None, "correct horse battery").expect("invite");
    // Gone after the invitation was made (its sync would have sent the record again).
    let aside = shared.path().join("aside.rec");
    std::fs::rename(dir.join(&files[1]), &aside).expect("hide the middle one");
    let late = pc(20);
    let error = share::join(&late.session, &invitation, "correct horse battery", None).expect_err("a gap");
    assert!(error.text().ja.contains("そろっていません"), "{}", error.text().ja);
    assert!(!share::status(&late.session).expect("status").shared, "nothing changed on the new PC");
    assert!(household_ids(&late).is_empty());
    // Lost for good: the chair's PC sends that record again at its next sync, and the new PC joins.
    std::fs::remove_file(&aside).expect("lost for good");
    share::sync_now(&a.session).expect("a");
    assert!(record_files(&shared, &a).contains(&files[1]), "{:?}", record_files(&shared, &a));
    share::join(&late.session, &invitation, "correct horse battery", None).expect("join");
    assert_eq!(value(&late, "SELECT address FROM household WHERE id = ?1", &ids[2]).as_deref(), Some("訪問 2"));
    assert_eq!(hash(&late), hash(&a));
}

/// The one number `sql` reads on `pc`.
fn number(pc: &Pc, sql: &str) -> i64 {
    pc.session.read(|r| Ok::<_, council_domain::error::Error>(r.query_row(sql, [], |row| row.get(0))?)).expect("number")
}

#[test]
fn a_pc_whose_clock_is_a_year_ahead_does_not_carry_the_other_pcs_clocks_with_it() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let id = household_ids(&a)[0].clone();
    // The chair's PC has its year typed wrongly: a year ahead.
    let year = 365 * 24 * 60;
    let a = reopen(a, year);
    set(&a, "UPDATE household SET address = ?2 WHERE id = ?1", &id, "一年先の時計で書いた");
    share::sync_now(&a.session).expect("a sends");
    let b = reopen(b, 30);
    share::sync_now(&b.session).expect("b takes it in");
    assert_eq!(
        value(&b, "SELECT address FROM household WHERE id = ?1", &id).as_deref(),
        Some("一年先の時計で書いた"),
        "its change is taken in"
    );
    // The secretary's PC keeps its own time (a day ahead at most), and its next change says so.
    let day_ahead = (at(31) + chrono::Duration::days(1)).timestamp_millis() << 16;
    assert!(number(&b, "SELECT clock FROM sync_state") <= day_ahead, "b's clock went a year ahead with a's");
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", &household_ids(&b)[1], "今日の変更");
    let newest = number(&b, "SELECT max(clock) FROM sync_log WHERE sent = 0");
    assert!(newest <= day_ahead, "b's change is dated a year ahead");
    // Settings names the PC whose clock is ahead, with the time its change says.
    let status = share::status(&b.session).expect("status");
    let chair = status.devices.iter().find(|d| d.officer == "山田 太郎").expect("the chair's PC");
    assert!(chair.clock_ahead.as_deref().is_some_and(|t| t.starts_with("2027-11-23")), "{chair:?}");
    assert!(status.devices.iter().filter(|d| d.officer != "山田 太郎").all(|d| d.clock_ahead.is_none()), "{status:?}");

    // A record stamped at the end of time (a tampered app's, signed with the chair's PC's key) is
    // taken in like any other, and the PC that took it in goes on writing and syncing.
    plant_next(&shared, &a, &id, "時の果ての変更", i64::MAX);
    let report = share::sync_now(&b.session).expect("b takes it in and syncs");
    assert_eq!(report.refused, 0, "{report:?}");
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &id).as_deref(), Some("時の果ての変更"));
    assert!(number(&b, "SELECT clock FROM sync_state") <= day_ahead, "b's clock went to the end of time");
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", &household_ids(&b)[2], "その後の変更");
    share::sync_now(&b.session).expect("b syncs after it");
    let status = share::status(&b.session).expect("status");
    assert_eq!(status.unsent, 0, "{status:?}");
}

/// A tampered app's record: `pc` changes the address of `household` to `address`, and the record
/// of it is put in the shared folder by hand, next after `pc`'s newest there, dated `clock`.
fn plant_next(shared: &tempfile::TempDir, pc: &Pc, household: &str, address: &str, clock: i64) {
    let keys = council_sync::keys::Keys::load(pc.session.dir()).expect("keys");
    let device = share::status(&pc.session).expect("status").device;
    set(pc, "UPDATE household SET address = ?2 WHERE id = ?1", household, address);
    let changeset: Vec<u8> = pc
        .session
        .read(|r| {
            Ok::<_, council_domain::error::Error>(r.query_row(
                "SELECT changeset FROM sync_log WHERE device = ?1 AND sent = 0 ORDER BY seq DESC LIMIT 1",
                [&device],
                |row| row.get(0),
            )?)
        })
        .expect("record");
    let path = shared.path().join("devices").join(&device);
    let last = newest_record(&path, &keys);
    let record = council_sync::record::Record {
        header: council_sync::record::Header {
            sharing: sharing_id(shared),
            device: device.clone(),
            seq: last.record.header.seq + 1,
            clock,
            schema: council_store::store::latest_version(),
            officer: "山田 太郎".into(),
            history: "[]".into(),
            prev: last.hash,
            personal: String::new(),
        },
        changeset,
    };
    let name = format!("{:010}.rec", last.record.header.seq + 1);
    std::fs::write(path.join(name), record.seal(&keys).expect("seal")).expect("write");
}

#[test]
fn a_record_dated_before_its_pcs_previous_one_is_refused_with_its_reason_and_changes_nothing() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let (first, second) = (household_ids(&a)[0].clone(), household_ids(&a)[1].clone());
    set(&b, "UPDATE household SET address = ?2 WHERE id = ?1", &second, "書記のPCの変更");
    share::sync_now(&b.session).expect("b sends");
    let a = reopen(a, 10);
    share::sync_now(&a.session).expect("a takes it in");
    let before = hash(&b);
    // The chair's app, tampered with, dates a record at the very start, before everything else:
    // every PC would put it first, undoing and redoing all that came after it.
    plant_next(&shared, &a, &first, "始まりより前の変更", 1);
    let report = share::sync_now(&b.session).expect("b syncs");
    assert_eq!(report.refused, 1, "{report:?}");
    assert_ne!(value(&b, "SELECT address FROM household WHERE id = ?1", &first).as_deref(), Some("始まりより前の変更"));
    assert_eq!(value(&b, "SELECT address FROM household WHERE id = ?1", &second).as_deref(), Some("書記のPCの変更"));
    let list = share::conflicts(&b.session).expect("conflicts");
    assert!(list.iter().any(|x| x.kind == "refused" && x.detail.ja.contains("前の記録より前")), "{list:?}");
    assert!(list.iter().any(|x| x.kind == "refused" && x.detail.en.contains("dated before")), "{list:?}");
    assert_eq!(hash(&b), before, "nothing on the secretary's PC changed");
}
