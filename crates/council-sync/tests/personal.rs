//! The roster's personal details (phone numbers, e-mail addresses, years of birth, notes) reach only
//! the PCs whose officers keep the roster (会長, 書記): a 会計's PC, and anyone reading the shared
//! folder with the council's key, finds none of them; every PC still ends with the same shared data.

mod common;

use common::*;
use council_sync::keys::Keys;
use council_sync::record;
use council_sync::{Role, share};
use rusqlite::params;

const PHONE: &str = "090-5555-0123";
const EMAIL: &str = "mitsuki.private@example.jp";
const NOTE: &str = "介護認定あり・見守り訪問";

/// A person of a household with no officer (whose phone is copied into nothing else).
fn private_person(pc: &Pc) -> String {
    private_people(pc).swap_remove(0)
}

/// The persons of households with no officer.
fn private_people(pc: &Pc) -> Vec<String> {
    pc.session
        .read(|r| {
            let mut stmt = r.prepare(
                "SELECT p.id FROM person p WHERE NOT EXISTS
                   (SELECT 1 FROM officer_term o JOIN person q ON q.id = o.person_id WHERE q.household_id = p.household_id)
                 ORDER BY p.id",
            )?;
            let ids = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok::<_, council_domain::error::Error>(ids)
        })
        .expect("people")
}

fn count(pc: &Pc, sql: &str) -> i64 {
    pc.session.read(|r| Ok::<_, council_domain::error::Error>(r.query_row(sql, [], |row| row.get(0))?)).expect("count")
}

/// How many personal values a PC holds (the search keys' phone digits included).
fn personal_values(pc: &Pc) -> i64 {
    count(
        pc,
        "SELECT (SELECT count(*) FROM person WHERE phone <> '' OR email <> '' OR birth_year IS NOT NULL OR notes <> ''
                   OR search_key GLOB '*[0-9]')
              + (SELECT count(*) FROM household WHERE notes <> '')",
    )
}

/// Every file in the shared folder, opened with the council's key (what every PC holds).
fn folder_plains(shared: &tempfile::TempDir, keys: &Keys) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut dirs = vec![shared.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rec" || x == "snap") {
                out.push(
                    record::unseal(&std::fs::read(&path).expect("read"), keys).expect("the council's key opens it"),
                );
            }
        }
    }
    out
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn data_file_holds(pc: &Pc, needle: &str) -> bool {
    ["council.sqlite3", "council.sqlite3-wal"]
        .iter()
        .any(|name| std::fs::read(pc._dir.path().join(name)).is_ok_and(|bytes| holds(&bytes, needle)))
}

#[test]
fn the_rosters_personal_details_reach_only_the_pcs_that_keep_the_roster() {
    let (shared, a, b, c) = three();
    assert_eq!(personal_values(&c), 0, "the treasurer's PC joined without the roster's personal details");
    // Settings → 共有 says which PCs receive them.
    let devices = share::status(&c.session).expect("status").devices;
    let receive: Vec<(Role, bool)> = devices.iter().map(|d| (d.role, d.roster_details)).collect();
    assert!(receive.contains(&(Role::Chair, true)) && receive.contains(&(Role::Secretary, true)), "{receive:?}");
    assert!(receive.contains(&(Role::Treasurer, false)), "{receive:?}");
    assert!(personal_values(&b) > 0, "the secretary's PC joined with them");
    let person = private_person(&a);
    // The chair writes a member's new phone number, e-mail address and a note about the household.
    set(&a, "UPDATE person SET phone = ?2 WHERE id = ?1", &person, PHONE);
    set(&a, "UPDATE person SET email = ?2 WHERE id = ?1", &person, EMAIL);
    set(
        &a,
        "UPDATE household SET notes = ?2 WHERE id = (SELECT household_id FROM person WHERE id = ?1)",
        &person,
        NOTE,
    );
    // A change to the household the treasurer does need (its address) travels to every PC.
    set(
        &a,
        "UPDATE household SET address = ?2 WHERE id = (SELECT household_id FROM person WHERE id = ?1)",
        &person,
        "さくら台3-3-3",
    );
    for pc in [&a, &b, &c, &a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    // The secretary keeps the roster: everything arrived.
    assert_eq!(value(&b, "SELECT phone FROM person WHERE id = ?1", &person).as_deref(), Some(PHONE));
    assert_eq!(value(&b, "SELECT email FROM person WHERE id = ?1", &person).as_deref(), Some(EMAIL));
    assert_eq!(
        value(&b, "SELECT h.notes FROM household h JOIN person p ON p.household_id = h.id WHERE p.id = ?1", &person)
            .as_deref(),
        Some(NOTE)
    );
    // The treasurer got the address and none of the personal details, not even in its data file.
    assert_eq!(
        value(&c, "SELECT h.address FROM household h JOIN person p ON p.household_id = h.id WHERE p.id = ?1", &person)
            .as_deref(),
        Some("さくら台3-3-3")
    );
    assert_eq!(personal_values(&c), 0);
    for needle in [PHONE, "09055550123", EMAIL, NOTE] {
        assert!(!data_file_holds(&c, needle), "{needle} is in the treasurer's data file");
        assert!(data_file_holds(&a, needle) || needle == "09055550123", "{needle} is in the chair's");
    }
    // Nor does anything in the shared folder opened with the council's key (every PC's, and the
    // treasurer's invitation's).
    let keys = Keys::load(c.session.dir()).expect("keys");
    let plains = folder_plains(&shared, &keys);
    assert!(plains.len() >= 4, "records and snapshots: {}", plains.len());
    for needle in [PHONE, "09055550123", EMAIL, NOTE] {
        assert!(!plains.iter().any(|p| holds(p, needle)), "{needle} readable with the council's key");
    }
    // Every PC holds the same shared data; the PCs keeping the roster hold the same roster.
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
    let whole = |pc: &Pc| share::whole_content_hash(&pc.session).expect("hash");
    assert_eq!(whole(&a), whole(&b));
    assert_ne!(whole(&a), whole(&c));

    // PCs joining later: a second secretary gets the details (sealed to it in the snapshot the
    // invitation put up), a reader none.
    let d = join(&a, &(), "高橋 書記", Role::Secretary, 10);
    let e = join(&a, &(), "閲覧 花子", Role::Reader, 11);
    for pc in [&a, &d, &e] {
        share::sync_now(&pc.session).expect("sync");
    }
    assert_eq!(value(&d, "SELECT phone FROM person WHERE id = ?1", &person).as_deref(), Some(PHONE));
    assert_eq!(whole(&d), whole(&a));
    assert_eq!(personal_values(&e), 0);
    assert!(!data_file_holds(&e, PHONE));
    assert_eq!(hash(&e), hash(&a));
    // The treasurer's PC takes no snapshot (one without the details would lose them for a PC
    // keeping the roster that starts from it).
    assert!(share::snapshot_now(&c.session).is_err());
}

#[test]
fn a_sealed_part_that_does_not_match_the_signed_changes_is_refused_with_its_reason() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let person = private_person(&a);
    let b = reopen(b, 20);
    // On the secretary's PC: a phone number changed, and an address changed.
    set(&b, "UPDATE person SET phone = ?2 WHERE id = ?1", &person, PHONE);
    set(
        &b,
        "UPDATE household SET address = ?2 WHERE id = (SELECT household_id FROM person WHERE id = ?1)",
        &person,
        "偽の住所",
    );
    let device = share::status(&b.session).expect("status").device;
    let (phone_change, address_change): (Vec<u8>, Vec<u8>) = b
        .session
        .read(|r| {
            let get = |seq_from_end: i64| -> rusqlite::Result<Vec<u8>> {
                r.query_row(
                    "SELECT changeset FROM sync_log WHERE device = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2",
                    params![device, seq_from_end],
                    |row| row.get(0),
                )
            };
            Ok::<_, council_domain::error::Error>((get(1)?, get(0)?))
        })
        .expect("changesets");
    let (blanked, to) = b
        .session
        .read(|r| {
            let split = council_sync::personal::split(r, &phone_change, "[]").expect("split");
            Ok::<_, council_domain::error::Error>((split.changeset, council_sync::personal::recipients(r).expect("to")))
        })
        .expect("split");
    // Its tampered app then sends the blanked phone change again, with the address change sealed
    // as "the whole" of it.
    share::sync_now(&b.session).expect("b sends its two honest records");
    let keys = Keys::load(b.session.dir()).expect("keys");
    let dir = shared.path().join("devices").join(&device);
    let last = newest_record(&dir, &keys);
    assert!(last.record.header.personal.is_empty(), "the address change travels open");
    let whole = council_sync::personal::Whole { changeset: base64_encode(&address_change), history: "[]".into() };
    let mut header = last.record.header.clone();
    header.seq += 1;
    header.clock += 1 << 16;
    header.prev = last.hash.clone();
    header.history = "[]".into();
    header.personal = council_sync::personal::seal(&serde_json::to_vec(&whole).expect("json"), &to).expect("seal");
    let forged = record::Record { header, changeset: blanked };
    std::fs::write(
        dir.join(record::file_name(last.record.header.seq + 1, last.record.header.seq + 1)),
        forged.seal(&keys).expect("seal"),
    )
    .expect("plant");
    let report = share::sync_now(&a.session).expect("a sync");
    assert_eq!(report.refused, 1, "{report:?}");
    assert!(
        share::conflicts(&a.session)
            .expect("list")
            .iter()
            .any(|x| x.kind == "refused" && x.detail.ja.contains("個人情報")),
        "refused with its reason"
    );
    assert_eq!(
        value(&a, "SELECT phone FROM person WHERE id = ?1", &person).as_deref(),
        Some(PHONE),
        "the honest record before it came whole"
    );
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn a_deletion_meeting_a_change_only_to_personal_details_goes_ahead_on_every_pc_and_is_listed_where_they_are_kept() {
    let (_shared, a, b, c) = three();
    for pc in [&a, &b, &c] {
        share::sync_now(&pc.session).expect("sync");
    }
    let person = private_person(&a);
    let household = value(&a, "SELECT household_id FROM person WHERE id = ?1", &person).expect("household");
    // Offline: the secretary notes something about the household; later the chair deletes it.
    let b = reopen(b, 30);
    let a = reopen(a, 40);
    set(&b, "UPDATE household SET notes = ?2 WHERE id = ?1", &household, NOTE);
    a.session
        .write(|w| {
            w.execute("DELETE FROM household WHERE id = ?1", params![household])?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("delete");
    for pc in [&c, &a, &b, &b, &c, &a] {
        share::sync_now(&pc.session).expect("sync");
    }
    // The treasurer's PC never saw the note: the deletion goes ahead there, and so everywhere.
    for pc in [&a, &b, &c] {
        assert_eq!(value(pc, "SELECT id FROM household WHERE id = ?1", &household), None);
    }
    assert_eq!(hash(&a), hash(&b));
    assert_eq!(hash(&a), hash(&c));
    // Where the note was seen, the choice is listed.
    for pc in [&a, &b] {
        let list = share::conflicts(&pc.session).expect("conflicts");
        assert!(list.iter().any(|x| x.kind == "deleted" && x.detail.ja.contains("個人情報")), "{list:?}");
    }
}

#[test]
fn a_secretary_invited_while_the_folder_was_away_joins_with_the_details_after_the_chairs_next_sync() {
    let (shared, a, _b, _c) = three();
    share::sync_now(&a.session).expect("sync");
    let person = private_person(&a);
    set(&a, "UPDATE person SET phone = ?2 WHERE id = ?1", &person, PHONE);
    share::sync_now(&a.session).expect("sync");
    // Later, with the shared folder out of reach (the stick left at the hall), the chair invites a
    // second secretary: the invitation is made, but nothing reaches the folder.
    let a = reopen(a, 60);
    let away = shared.path().with_extension("away");
    std::fs::rename(shared.path(), &away).expect("away");
    let invitation =
        share::invite(&a.session, "高橋 書記", Role::Secretary, None, "correct horse battery").expect("invite");
    std::fs::rename(&away, shared.path()).expect("back");
    // Joining now finds no snapshot sealed to the new PC, says what to do, and changes nothing.
    let d = pc(61);
    let err = share::join(&d.session, &invitation, "correct horse battery", None).expect_err("not yet");
    assert!(err.text().ja.contains("招待したPCで同期"), "{err:?}");
    assert!(share::status(&d.session).is_ok_and(|s| !s.shared));
    // The chair's next sync puts one up; the join then brings the details.
    share::sync_now(&a.session).expect("sync");
    share::join(&d.session, &invitation, "correct horse battery", None).expect("join");
    assert_eq!(value(&d, "SELECT phone FROM person WHERE id = ?1", &person).as_deref(), Some(PHONE));
    share::sync_now(&a.session).expect("sync");
    assert_eq!(
        share::whole_content_hash(&d.session).expect("hash"),
        share::whole_content_hash(&a.session).expect("hash")
    );
}

#[test]
fn a_secretary_invited_later_gets_the_details_the_other_keeping_pcs_changed_before_they_knew_of_it() {
    let (_shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let people = private_people(&a);
    // The secretary changes a phone number and sends it; the chair has not synced since.
    set(&b, "UPDATE person SET phone = ?2 WHERE id = ?1", &people[0], PHONE);
    share::sync_now(&b.session).expect("sync");
    // The secretary changes another offline, still unaware of what comes next.
    set(&b, "UPDATE person SET phone = ?2 WHERE id = ?1", &people[1], "080-1111-2222");
    // The chair invites a second secretary without syncing first.
    let invitation =
        share::invite(&a.session, "高橋 書記", Role::Secretary, None, "correct horse battery").expect("invite");
    // The first secretary syncs, sending the change made before it knew of the new PC.
    share::sync_now(&b.session).expect("sync");
    let d = pc(61);
    share::join(&d.session, &invitation, "correct horse battery", None).expect("join");
    // Both reached the new PC: the first was in the invitation's snapshot (the chair took the
    // others' records in before taking it), the second was sealed to it too.
    assert_eq!(value(&d, "SELECT phone FROM person WHERE id = ?1", &people[0]).as_deref(), Some(PHONE));
    assert_eq!(value(&d, "SELECT phone FROM person WHERE id = ?1", &people[1]).as_deref(), Some("080-1111-2222"));
    for pc in [&a, &d, &b, &a] {
        share::sync_now(&pc.session).expect("sync");
    }
    let whole = |pc: &Pc| share::whole_content_hash(&pc.session).expect("hash");
    assert_eq!(whole(&d), whole(&a));
    assert_eq!(whole(&b), whole(&a));
}

#[test]
fn a_record_an_older_app_sent_whole_is_sent_again_exactly_as_it_was() {
    let (shared, a, b, _c) = three();
    for pc in [&a, &b] {
        share::sync_now(&pc.session).expect("sync");
    }
    let device = share::status(&a.session).expect("status").device;
    let keys = Keys::load(a.session.dir()).expect("keys");
    let person = private_person(&a);
    // A phone number changed on the chair's PC, sent by an app from before the roster's details
    // were kept apart: the whole changeset, in the clear for the council.
    let a = reopen(a, 10);
    set(&a, "UPDATE person SET phone = ?2 WHERE id = ?1", &person, PHONE);
    #[allow(clippy::type_complexity)]
    let (seq, clock, officer, schema, changeset, history, prev): (i64, i64, String, i64, Vec<u8>, String, String) = a
        .session
        .read(|r| {
            Ok::<_, council_domain::error::Error>(r.query_row(
                "SELECT seq, clock, officer, schema, changeset, history_json,
                        (SELECT hash FROM sync_log b WHERE b.device = l.device AND b.seq = l.seq - 1)
                   FROM sync_log l WHERE device = ?1 AND sent = 0",
                params![device],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?)),
            )?)
        })
        .expect("the record");
    let sharing = sharing_id(&shared);
    let old = record::Record {
        header: record::Header {
            sharing,
            device: device.clone(),
            seq,
            clock,
            schema,
            officer,
            history,
            prev,
            personal: String::new(),
        },
        changeset,
    };
    let old_hash = record::sha256_hex(&old.plain(&keys));
    let dir = shared.path().join("devices").join(&device);
    std::fs::write(dir.join(record::file_name(seq, seq)), old.seal(&keys).expect("seal")).expect("write");
    a.session
        .write_received(|tx| {
            tx.execute(
                "UPDATE sync_log SET sent = 1, hash = ?3 WHERE device = ?1 AND seq = ?2",
                params![device, seq, old_hash],
            )?;
            Ok::<_, council_domain::error::Error>(())
        })
        .expect("as sent");
    // The next change goes out with the new app, chained to it; then the old file goes missing.
    set(
        &a,
        "UPDATE household SET address = ?2 WHERE id = (SELECT household_id FROM person WHERE id = ?1)",
        &person,
        "さくら台5-5-5",
    );
    share::sync_now(&a.session).expect("sync");
    std::fs::remove_file(dir.join(record::file_name(seq, seq))).expect("lost");
    // The chair's PC sends it again, exactly as it was: the secretary takes both, chained.
    share::sync_now(&a.session).expect("sync");
    let again = record::unseal(&std::fs::read(dir.join(record::file_name(seq, seq))).expect("sent again"), &keys)
        .expect("unseal");
    let records = record::unbundle(&again).expect("records");
    assert_eq!(records.len(), 1);
    assert_eq!(record::sha256_hex(records[0]), old_hash);
    let report = share::sync_now(&b.session).expect("b");
    assert_eq!(report.refused, 0, "{report:?}");
    assert_eq!(value(&b, "SELECT phone FROM person WHERE id = ?1", &person).as_deref(), Some(PHONE));
    assert_eq!(hash(&a), hash(&b));
}
