//! Member roster use cases on a real SQLite file: households with persons, finding them by any form
//! of their reading, 五十音 order, leaving and moving with reproducible past counts.

use chrono::NaiveDate;
use council_core::clock::FixedClock;
use council_core::data_dir::DataDir;
use council_core::error::Error;
use council_core::members::{BlockInput, HouseholdInput, LeaveReason, MemberQuery, PersonInput};
use council_core::{Desk, demo};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn desk(dir: &tempfile::TempDir) -> Desk {
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_council(&demo::profile()).expect("profile");
    desk
}

fn person(name: &str, kana: &str, head: bool, phone: &str) -> PersonInput {
    PersonInput {
        id: None,
        name: name.into(),
        kana: kana.into(),
        is_head: head,
        phone: phone.into(),
        email: String::new(),
        birth_year: None,
        notes: String::new(),
    }
}

fn household(
    address: &str,
    block: Option<&council_core::members::BlockId>,
    persons: Vec<PersonInput>,
) -> HouseholdInput {
    HouseholdInput {
        code: String::new(),
        address: address.into(),
        block_id: block.cloned(),
        joined_on: d("2020-04-01"),
        notes: String::new(),
        persons,
    }
}

fn find(desk: &Desk, text: &str) -> Vec<String> {
    desk.members(&MemberQuery { text: text.into(), limit: 100, ..Default::default() })
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.head_name)
        .collect()
}

#[test]
fn a_household_with_two_persons_is_found_by_every_form_of_its_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    let blocks = desk.create_block(&BlockInput { name: "3班".into(), notes: String::new() }).expect("block");
    let b3 = &blocks[0].id;
    let h = desk
        .create_household(&household(
            "みどり市さくら台1-2-3",
            Some(b3),
            vec![
                person("𠮷田 一郎", "よしだ いちろう", true, "042-123-4567"),
                person("𠮷田 花子", "ヨシダ ハナコ", false, ""),
            ],
        ))
        .expect("create");
    assert_eq!(h.persons.len(), 2);
    assert_eq!(h.persons[0].name, "𠮷田 一郎", "the head comes first and 𠮷 is stored as written");
    assert_eq!(h.block_name.as_deref(), Some("3班"));

    for q in
        ["よしだ", "ヨシダ", "ﾖｼﾀﾞ", "よしだ いち", "はなこ", "𠮷田", "さくら台", "3班", "１２３－４５６７", "1234567"]
    {
        assert_eq!(find(&desk, q), vec!["𠮷田 一郎"], "the query {q:?} must find the household");
    }
    assert!(find(&desk, "たなか").is_empty(), "an unrelated reading finds nothing");
    assert!(find(&desk, "%").is_empty(), "LIKE wildcards in a query are taken literally");
}

#[test]
fn the_list_is_in_gojuon_order_of_the_heads_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    for (name, reading) in
        [("渡辺 健", "わたなべ けん"), ("阿部 誠", "アベ マコト"), ("加藤 博", "ｶﾄｳ ﾋﾛｼ"), ("伊藤 茂", "いとう しげる")]
    {
        desk.create_household(&household("さくら台", None, vec![person(name, reading, true, "")])).expect("create");
    }
    assert_eq!(
        find(&desk, ""),
        vec!["阿部 誠", "伊藤 茂", "加藤 博", "渡辺 健"],
        "あ い か わ, whatever script the reading uses"
    );
}

#[test]
fn bad_input_names_each_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    let err = desk
        .create_household(&household(
            " ",
            None,
            vec![person("山田 太郎", "", true, ""), person("山田 花子", "山田", true, "")],
        ))
        .expect_err("must be refused");
    match err {
        Error::Validation { problems, .. } => {
            let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(
                fields,
                ["address", "persons.0.kana", "persons.1.kana", "persons"],
                "every problem, in form order"
            );
        }
        other => panic!("expected validation, got {other:?}"),
    }
    assert_eq!(
        desk.members(&MemberQuery { limit: 10, ..Default::default() }).expect("list").total,
        0,
        "nothing written"
    );
}

#[test]
fn counts_for_past_dates_survive_leaving_and_moving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    let blocks = desk.create_block(&BlockInput { name: "1班".into(), notes: String::new() }).expect("block");
    let b1 = blocks[0].id.clone();
    let blocks = desk.create_block(&BlockInput { name: "2班".into(), notes: String::new() }).expect("block");
    let b2 = blocks[1].id.clone();
    let a = desk
        .create_household(&household("A", Some(&b1), vec![person("青木 誠", "あおき まこと", true, "")]))
        .expect("a");
    let b =
        desk.create_household(&household("B", Some(&b1), vec![person("阿部 健", "あべ けん", true, "")])).expect("b");
    desk.create_household(&household("C", Some(&b2), vec![person("石井 博", "いしい ひろし", true, "")])).expect("c");

    desk.leave_household(&a.id, d("2026-06-30"), LeaveReason::MovedOut).expect("leave");
    desk.move_household(&b.id, Some(&b2), d("2026-09-01")).expect("move");

    let before = desk.household_counts(Some(d("2026-05-01"))).expect("counts");
    assert_eq!(before.total, 3, "on 1 May all three were members");
    assert_eq!(
        before.by_block.iter().map(|c| (c.block_name.as_str(), c.households)).collect::<Vec<_>>(),
        [("1班", 2), ("2班", 1)]
    );

    let after = desk.household_counts(Some(d("2026-11-23"))).expect("counts");
    assert_eq!(after.total, 2, "A left in June");
    assert_eq!(
        after.by_block.iter().map(|c| (c.block_name.as_str(), c.households)).collect::<Vec<_>>(),
        [("2班", 2)],
        "B moved to 2班 in September"
    );
    assert_eq!(after.left, 1, "one household left in FY2026");

    let again = desk.household_counts(Some(d("2026-05-01"))).expect("counts");
    assert_eq!(again, before, "last spring's counts are reproducible after the changes");

    // The household that left stays in history, shown only when asked.
    assert!(find(&desk, "あおき").is_empty(), "left households are hidden by default");
    let all = desk
        .members(&MemberQuery { text: "あおき".into(), include_left: true, limit: 10, ..Default::default() })
        .expect("list");
    assert_eq!(all.rows[0].left_on, Some(d("2026-06-30")));
    let history = desk.history("household", a.id.as_str()).expect("history");
    assert_eq!(history.len(), 2, "created, then left");
    assert!(history[1].summary.contains("転出"), "the history says why: {}", history[1].summary);
}

#[test]
fn editing_a_household_keeps_person_ids_and_removes_dropped_persons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    let h = desk
        .create_household(&household(
            "A",
            None,
            vec![person("森 勇", "もり いさむ", true, ""), person("森 結衣", "もり ゆい", false, "")],
        ))
        .expect("create");
    let head = h.persons[0].clone();
    let mut input = household("A2", None, vec![]);
    input.persons = vec![PersonInput {
        id: Some(head.id.clone()),
        phone: "090-0000-1111".into(),
        ..person(&head.name, &head.kana, true, "")
    }];
    let edited = desk.update_household(&h.id, &input).expect("update");
    assert_eq!(edited.persons.len(), 1, "the dropped person is removed");
    assert_eq!(edited.persons[0].id, head.id, "the kept person keeps its ID");
    assert_eq!(edited.address, "A2");
    assert_eq!(find(&desk, "09000001111"), vec!["森 勇"], "the new phone number is searchable");
}

#[test]
fn the_demo_council_has_a_few_hundred_households_in_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_demo().expect("demo");
    let counts = desk.household_counts(None).expect("counts");
    assert!((200..=320).contains(&counts.total), "a few hundred member households, got {}", counts.total);
    assert_eq!(counts.by_block.len(), 12, "in twelve blocks");
    assert!(counts.left > 0, "some households left this year, so the history shows something");
    let page = desk.members(&MemberQuery { limit: 50, ..Default::default() }).expect("list");
    let keys: Vec<String> = page.rows.iter().map(|r| council_core::kana::sort_key(&r.head_kana)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "the first page is in 五十音順");
}

#[test]
fn a_deleted_household_comes_back_from_the_history_exactly_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_demo().expect("demo");
    let page = desk.members(&MemberQuery { limit: 500, ..Default::default() }).expect("list");
    // A household that has paid dues this year, and whose persons hold no office.
    let officers = desk.officers(None).expect("officers");
    let paid = desk.dues_rows(None, None, false).expect("dues");
    let target = page
        .rows
        .iter()
        .find(|r| {
            paid.iter().any(|p| p.household_id == r.household_id && p.paid > 0)
                && officers
                    .iter()
                    .all(|o| !desk.household(&r.household_id).expect("h").persons.iter().any(|p| p.id == o.person_id))
        })
        .expect("a paying household without officers");
    let before = desk.household(&target.household_id).expect("household");
    let payments = desk.dues_payments(&before.id, 2026).expect("payments");
    assert!(!payments.is_empty());

    let deleted = desk.delete_household(&before.id).expect("delete");
    assert!(matches!(desk.household(&before.id), Err(Error::NotFound(_))), "gone from the roster");
    assert_eq!(deleted[0].entity_id, before.id.as_str(), "offered for restoring, newest first");

    let restored = desk.restore_household(deleted[0].seq).expect("restore");
    assert_eq!(restored, before, "the same household, persons and IDs");
    assert_eq!(desk.dues_payments(&before.id, 2026).expect("payments"), payments, "its dues payments too");
    assert!(
        desk.deleted_households().expect("list").iter().all(|e| e.entity_id != before.id.as_str()),
        "no longer offered"
    );
    assert!(matches!(desk.restore_household(deleted[0].seq), Err(Error::Conflict(_))), "restoring twice is refused");

    // A household with an officer cannot be deleted: it should be recorded as having left.
    let president = desk.find_persons("やまだ たろう").expect("find")[0].household_id.clone();
    assert!(matches!(desk.delete_household(&president), Err(Error::Conflict(_))));
}

#[test]
fn global_search_finds_people_by_a_two_kana_fragment_and_partners_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_demo().expect("demo");
    let found = desk.search("ﾔﾏﾀﾞ ﾀ").expect("search");
    assert!(found.households.iter().any(|h| h.head_name == "山田 太郎"), "half-width kana finds 山田 太郎");
    let two = desk.search("たろ").expect("search");
    assert!(two.households_total > 0 && two.households.len() <= 8, "a 2-kana fragment matches, capped per kind");
    let partners = desk.search("しょうがっこう").expect("search");
    assert!(partners.partners.is_empty(), "partners match on their written name, not a reading they lack");
    let school = desk.search("小学校").expect("search");
    assert_eq!(school.partners.len(), 1, "the school is found by part of its name");
    assert!(desk.search("  ").expect("search").households.is_empty(), "an empty query finds nothing");
}
