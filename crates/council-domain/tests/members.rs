//! Member roster use cases on a real SQLite file: households with persons, finding them by any form
//! of their reading, 五十音 order, leaving and moving with reproducible past counts.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::dues::{self, DuesPayment};
use council_domain::error::Error;
use council_domain::members::{
    self, BlockInput, Household, HouseholdCounts, HouseholdId, HouseholdInput, LeaveReason, MemberQuery, PersonInput,
};
use council_domain::{Result, Session, audit, council, deleted, officers, search};
use council_store::data_dir::DataDir;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn open(dir: &tempfile::TempDir) -> Session {
    council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23"))))
        .expect("open data folder")
}

fn session(dir: &tempfile::TempDir) -> Session {
    let s = open(dir);
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    s
}

fn demo(dir: &tempfile::TempDir) -> Session {
    let s = open(dir);
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    s
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
        relation: String::new(),
        notes: String::new(),
    }
}

fn household(
    address: &str,
    block: Option<&council_domain::members::BlockId>,
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

/// Adds a household, then reads it back.
fn create_household(s: &Session, input: &HouseholdInput) -> Result<Household> {
    let id = s.write(|w| members::create_household(w, input))?;
    s.read(|r| members::household(r, &id))
}

fn household_counts(s: &Session, as_of: Option<NaiveDate>) -> Result<HouseholdCounts> {
    s.read(|r| members::counts_as_of(r, as_of.unwrap_or(r.today())))
}

fn dues_payments(s: &Session, household: &HouseholdId, fiscal_year: i32) -> Result<Vec<DuesPayment>> {
    s.read(|r| dues::payments(r, household, fiscal_year))
}

fn find(s: &Session, text: &str) -> Vec<String> {
    s.read(|r| members::list(r, &MemberQuery { text: text.into(), limit: 100, ..Default::default() }))
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.head_name)
        .collect()
}

#[test]
fn a_household_with_two_persons_is_found_by_every_form_of_its_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let b3 =
        s.write(|w| members::create_block(w, &BlockInput { name: "3班".into(), notes: String::new() })).expect("block");
    let h = create_household(
        &s,
        &household(
            "みどり市さくら台1-2-3",
            Some(&b3),
            vec![
                person("𠮷田 一郎", "よしだ いちろう", true, "042-123-4567"),
                person("𠮷田 花子", "ヨシダ ハナコ", false, ""),
            ],
        ),
    )
    .expect("create");
    assert_eq!(h.persons.len(), 2);
    assert_eq!(h.persons[0].name, "𠮷田 一郎", "the head comes first and 𠮷 is stored as written");
    assert_eq!(h.block_name.as_deref(), Some("3班"));

    for q in
        ["よしだ", "ヨシダ", "ﾖｼﾀﾞ", "よしだ いち", "はなこ", "𠮷田", "さくら台", "3班", "１２３－４５６７", "1234567"]
    {
        assert_eq!(find(&s, q), vec!["𠮷田 一郎"], "the query {q:?} must find the household");
    }
    assert!(find(&s, "たなか").is_empty(), "an unrelated reading finds nothing");
    assert!(find(&s, "%").is_empty(), "LIKE wildcards in a query are taken literally");
}

#[test]
fn a_kana_search_never_spans_the_space_between_family_and_given_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let kobayashi = household("みどり市さくら台2-1", None, vec![person("小林 健", "こばやし けん", true, "")]);
    create_household(&s, &kobayashi).expect("create");
    for q in ["こばやし", "けん", "こばやしけん", "コバヤシ ケン", "ｺﾊﾞﾔｼｹ", "小林健"]
    {
        assert_eq!(find(&s, q), vec!["小林 健"], "the query {q:?} finds 小林 健");
    }
    assert!(find(&s, "シケン").is_empty(), "「シケン」 does not find こばやし けん");
    assert!(s.read(|r| members::find_persons(r, "シケン", 10)).expect("persons").is_empty(), "nor in global search");

    // Keys written before this version ran the parts together: the upgrade writes them again.
    drop(s);
    let conn = rusqlite::Connection::open(DataDir::at(dir.path()).database()).expect("open");
    conn.execute_batch(
        "UPDATE person SET search_key = '小林健' || char(31) || 'こばやしけん' || char(31);
         UPDATE household SET search_key = search_key || char(30) || '小林健' || char(31) || 'こばやしけん' || char(31);
         ALTER TABLE event DROP COLUMN fee; ALTER TABLE event DROP COLUMN notice_text;
         ALTER TABLE person DROP COLUMN relation;
         ALTER TABLE dues_payment DROP COLUMN receipt_series; ALTER TABLE dues_payment DROP COLUMN receipt_no;
         ALTER TABLE sync_device DROP COLUMN series;
         ALTER TABLE grant_application DROP COLUMN advance_claimed_on;
         ALTER TABLE grant_application DROP COLUMN advance_claimed_amount;
         ALTER TABLE household DROP COLUMN route_position;
         ALTER TABLE event DROP COLUMN notice_blocks; ALTER TABLE event DROP COLUMN notice_copies;
         DROP INDEX ledger_entry_grant; ALTER TABLE ledger_entry DROP COLUMN grant_application_id;
         ALTER TABLE ledger_entry DROP COLUMN grant_income_kind;
         ALTER TABLE meeting_invitee DROP COLUMN written_votes;
         ALTER TABLE agenda_item DROP COLUMN comparison;
         PRAGMA user_version = 14;",
    )
    .expect("keys as the previous version wrote them");
    drop(conn);
    let s = open(&dir);
    assert!(find(&s, "シケン").is_empty(), "after the upgrade too");
    assert_eq!(find(&s, "こばやしけん"), vec!["小林 健"], "a full name still finds");
}

#[test]
fn the_list_is_in_gojuon_order_of_the_heads_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    for (name, reading) in
        [("渡辺 健", "わたなべ けん"), ("阿部 誠", "アベ マコト"), ("加藤 博", "ｶﾄｳ ﾋﾛｼ"), ("伊藤 茂", "いとう しげる")]
    {
        s.write(|w| members::create_household(w, &household("さくら台", None, vec![person(name, reading, true, "")])))
            .expect("create");
    }
    assert_eq!(
        find(&s, ""),
        vec!["阿部 誠", "伊藤 茂", "加藤 博", "渡辺 健"],
        "あ い か わ, whatever script the reading uses"
    );
}

#[test]
fn bad_input_names_each_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let err = s
        .write(|w| {
            members::create_household(
                w,
                &household(" ", None, vec![person("山田 太郎", "", true, ""), person("山田 花子", "山田", true, "")]),
            )
        })
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
        s.read(|r| members::list(r, &MemberQuery { limit: 10, ..Default::default() })).expect("list").total,
        0,
        "nothing written"
    );
}

#[test]
fn counts_for_past_dates_survive_leaving_and_moving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let b1 =
        s.write(|w| members::create_block(w, &BlockInput { name: "1班".into(), notes: String::new() })).expect("block");
    let b2 =
        s.write(|w| members::create_block(w, &BlockInput { name: "2班".into(), notes: String::new() })).expect("block");
    let a = create_household(&s, &household("A", Some(&b1), vec![person("青木 誠", "あおき まこと", true, "")]))
        .expect("a");
    let b =
        create_household(&s, &household("B", Some(&b1), vec![person("阿部 健", "あべ けん", true, "")])).expect("b");
    create_household(&s, &household("C", Some(&b2), vec![person("石井 博", "いしい ひろし", true, "")])).expect("c");

    s.write(|w| members::leave_household(w, &a.id, d("2026-06-30"), LeaveReason::MovedOut)).expect("leave");
    s.write(|w| members::move_household(w, &b.id, Some(&b2), d("2026-09-01"))).expect("move");

    let before = household_counts(&s, Some(d("2026-05-01"))).expect("counts");
    assert_eq!(before.total, 3, "on 1 May all three were members");
    assert_eq!(
        before.by_block.iter().map(|c| (c.block_name.as_str(), c.households)).collect::<Vec<_>>(),
        [("1班", 2), ("2班", 1)]
    );

    let after = household_counts(&s, Some(d("2026-11-23"))).expect("counts");
    assert_eq!(after.total, 2, "A left in June");
    assert_eq!(
        after.by_block.iter().map(|c| (c.block_name.as_str(), c.households)).collect::<Vec<_>>(),
        [("2班", 2)],
        "B moved to 2班 in September"
    );
    assert_eq!(after.left, 1, "one household left in FY2026");

    let again = household_counts(&s, Some(d("2026-05-01"))).expect("counts");
    assert_eq!(again, before, "last spring's counts are reproducible after the changes");

    // The household that left stays in history, shown only when asked.
    assert!(find(&s, "あおき").is_empty(), "left households are hidden by default");
    let all = s
        .read(|r| {
            members::list(
                r,
                &MemberQuery { text: "あおき".into(), include_left: true, limit: 10, ..Default::default() },
            )
        })
        .expect("list");
    assert_eq!(all.rows[0].left_on, Some(d("2026-06-30")));
    let history = s.read(|r| audit::for_record(r, "household", a.id.as_str())).expect("history");
    assert_eq!(history.len(), 2, "created, then left");
    assert!(history[1].summary.contains("転出"), "the history says why: {}", history[1].summary);
}

#[test]
fn editing_a_household_keeps_person_ids_and_removes_dropped_persons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let h = create_household(
        &s,
        &household(
            "A",
            None,
            vec![person("森 勇", "もり いさむ", true, ""), person("森 結衣", "もり ゆい", false, "")],
        ),
    )
    .expect("create");
    let head = h.persons[0].clone();
    let mut input = household("A2", None, vec![]);
    input.persons = vec![PersonInput {
        id: Some(head.id.clone()),
        phone: "090-0000-1111".into(),
        ..person(&head.name, &head.kana, true, "")
    }];
    s.write(|w| members::update_household(w, &h.id, &input)).expect("update");
    let edited = s.read(|r| members::household(r, &h.id)).expect("update");
    assert_eq!(edited.persons.len(), 1, "the dropped person is removed");
    assert_eq!(edited.persons[0].id, head.id, "the kept person keeps its ID");
    assert_eq!(edited.address, "A2");
    assert_eq!(find(&s, "09000001111"), vec!["森 勇"], "the new phone number is searchable");
}

#[test]
fn the_demo_council_has_a_few_hundred_households_in_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let counts = household_counts(&s, None).expect("counts");
    assert!((200..=320).contains(&counts.total), "a few hundred member households, got {}", counts.total);
    assert_eq!(counts.by_block.len(), 12, "in twelve blocks");
    assert!(counts.left > 0, "some households left this year, so the history shows something");
    let page = s.read(|r| members::list(r, &MemberQuery { limit: 50, ..Default::default() })).expect("list");
    let keys: Vec<String> = page.rows.iter().map(|r| council_domain::kana::sort_key(&r.head_kana)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "the first page is in 五十音順");
}

#[test]
fn a_deleted_household_comes_back_from_the_history_exactly_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let page = s.read(|r| members::list(r, &MemberQuery { limit: 500, ..Default::default() })).expect("list");
    // A household that has paid dues this year, and whose persons hold no office.
    let officers = s.read(|r| officers::for_year(r, None, r.today())).expect("officers");
    let paid = s
        .read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, None, r.today())?;
            dues::status(r, fy, m, None, false)
        })
        .expect("dues");
    let target = page
        .rows
        .iter()
        .find(|r| {
            paid.iter().any(|p| p.household_id == r.household_id && p.paid > 0)
                && officers.iter().all(|o| {
                    !s.read(|c| members::household(c, &r.household_id))
                        .expect("h")
                        .persons
                        .iter()
                        .any(|p| p.id == o.person_id)
                })
        })
        .expect("a paying household without officers");
    let before = s.read(|r| members::household(r, &target.household_id)).expect("household");
    let payments = dues_payments(&s, &before.id, 2026).expect("payments");
    assert!(!payments.is_empty());

    s.write(|w| members::delete_household(w, &before.id)).expect("delete");
    let deleted = s.read(|r| deleted::list(r)).expect("delete");
    assert!(matches!(s.read(|r| members::household(r, &before.id)), Err(Error::NotFound(_))), "gone from the roster");
    assert_eq!(deleted[0].entity_id, before.id.as_str(), "offered for restoring, newest first");

    let restored = s
        .write(|w| members::restore_household(w, deleted[0].seq))
        .and_then(|id| s.read(|r| members::household(r, &id)))
        .expect("restore");
    assert_eq!(restored, before, "the same household, persons and IDs");
    assert_eq!(dues_payments(&s, &before.id, 2026).expect("payments"), payments, "its dues payments too");
    assert!(
        s.read(|r| deleted::list(r)).expect("list").iter().all(|e| e.entity_id != before.id.as_str()),
        "no longer offered"
    );
    assert!(
        matches!(s.write(|w| members::restore_household(w, deleted[0].seq)), Err(Error::Conflict(_))),
        "restoring twice is refused"
    );

    // A household with an officer cannot be deleted: it should be recorded as having left.
    let president = s.read(|r| members::find_persons(r, "やまだ たろう", 20)).expect("find")[0].household_id.clone();
    assert!(matches!(s.write(|w| members::delete_household(w, &president)), Err(Error::Conflict(_))));
}

#[test]
fn global_search_finds_people_by_a_two_kana_fragment_and_partners_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let search = |text: &str| s.read(|r| search::global(r, text, 8));
    let found = search("ﾔﾏﾀﾞ ﾀ").expect("search");
    assert!(found.households.iter().any(|h| h.head_name == "山田 太郎"), "half-width kana finds 山田 太郎");
    let two = search("たろ").expect("search");
    assert!(two.households_total > 0 && two.households.len() <= 8, "a 2-kana fragment matches, capped per kind");
    let partners = search("しょうがっこう").expect("search");
    assert!(partners.partners.is_empty(), "partners match on their written name, not a reading they lack");
    let school = search("小学校").expect("search");
    assert_eq!(school.partners.len(), 1, "the school is found by part of its name");
    assert!(search("  ").expect("search").households.is_empty(), "an empty query finds nothing");
}

#[test]
fn switching_the_language_or_text_size_is_not_a_change_in_the_history() {
    use council_domain::settings::{self, Language, SettingsPatch, TextScale};
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let count = || s.read(|r| audit::count(r)).expect("count");
    let before = count();
    let look =
        SettingsPatch { language: Some(Language::En), text_scale: Some(TextScale::Largest), ..Default::default() };
    s.write(|w| settings::update(w, &look)).expect("switch");
    assert_eq!(count(), before, "how the window looks is not recorded");
    let operator = SettingsPatch { operator_name: Some("鈴木 花子".into()), ..Default::default() };
    s.write(|w| settings::update(w, &operator)).expect("operator");
    assert_eq!(count(), before + 1, "who is at the keyboard is");
}

#[test]
fn each_person_keeps_their_relation_to_the_head() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let mut wife = person("佐藤 花子", "さとう はなこ", false, "");
    wife.relation = " 妻 ".into();
    let h = create_household(
        &s,
        &household("みどり市さくら台3-1", None, vec![person("佐藤 一郎", "さとう いちろう", true, ""), wife]),
    )
    .expect("create");
    let relations: Vec<(&str, &str)> = h.persons.iter().map(|p| (p.name.as_str(), p.relation.as_str())).collect();
    assert_eq!(relations, [("佐藤 一郎", ""), ("佐藤 花子", "妻")], "kept as typed, trimmed");
}
