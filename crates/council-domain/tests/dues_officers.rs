//! Dues and officers on a real SQLite file: who has paid, per block, with reductions by rule and by
//! household; officers listed for the city and carried to the next year.

use chrono::NaiveDate;
use council_core::clock::FixedClock;
use council_core::data_dir::DataDir;
use council_core::dues::{DuesPaymentInput, DuesRate, DuesStatus};
use council_core::error::Error;
use council_core::members::{BlockInput, HouseholdInput, PersonInput};
use council_core::officers::{CarryChoice, OfficerRole, OfficerTermInput};
use council_core::{Desk, demo};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn person(name: &str, kana: &str, birth: Option<i32>) -> PersonInput {
    PersonInput {
        id: None,
        name: name.into(),
        kana: kana.into(),
        is_head: false,
        phone: String::new(),
        email: String::new(),
        birth_year: birth,
        notes: String::new(),
    }
}

struct Fixture {
    desk: Desk,
    _dir: tempfile::TempDir,
}

/// Two blocks: 1班 with a family and a 78-year-old living alone, 2班 with one family.
fn fixture() -> (Fixture, Vec<council_core::members::Household>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_council(&demo::profile()).expect("profile");
    let b1 = desk.create_block(&BlockInput { name: "1班".into(), notes: String::new() }).expect("b1")[0].id.clone();
    let b2 = desk.create_block(&BlockInput { name: "2班".into(), notes: String::new() }).expect("b2")[1].id.clone();
    let mk = |block: &council_core::members::BlockId, persons: Vec<PersonInput>| HouseholdInput {
        code: String::new(),
        address: "さくら台".into(),
        block_id: Some(block.clone()),
        joined_on: d("2010-04-01"),
        notes: String::new(),
        persons,
    };
    let a = desk
        .create_household(&mk(
            &b1,
            vec![person("青木 誠", "あおき まこと", Some(1970)), person("青木 結衣", "あおき ゆい", Some(1972))],
        ))
        .expect("a");
    let b = desk.create_household(&mk(&b1, vec![person("伊藤 茂", "いとう しげる", Some(1948))])).expect("b");
    let c = desk.create_household(&mk(&b2, vec![person("上田 健", "うえだ けん", Some(1980))])).expect("c");
    (Fixture { desk, _dir: dir }, vec![a, b, c])
}

#[test]
fn paying_moves_a_household_off_the_unpaid_list() {
    let (mut f, hs) = fixture();
    let overview = f
        .desk
        .set_dues_rate(&DuesRate {
            fiscal_year: 2026,
            amount: 3600,
            single_elderly_amount: Some(1800),
            elderly_age: 75,
        })
        .expect("rate");
    assert_eq!(overview.due, 3600 + 1800 + 3600, "the 78-year-old living alone owes the reduced amount");
    assert_eq!(overview.unpaid_households, 3);
    assert_eq!(
        overview.blocks.iter().map(|b| (b.block_name.as_str(), b.unpaid_households)).collect::<Vec<_>>(),
        [("1班", 2), ("2班", 1)]
    );

    let pay = |household: &council_core::members::HouseholdId, amount| DuesPaymentInput {
        household_id: household.clone(),
        fiscal_year: 2026,
        paid_on: d("2026-06-10"),
        amount,
        collected_by: "青木 誠".into(),
        notes: String::new(),
    };
    f.desk.record_dues_payment(&pay(&hs[0].id, 2000)).expect("partial");
    let unpaid = f.desk.dues_rows(None, None, true).expect("rows");
    let a = unpaid.iter().find(|r| r.household_id == hs[0].id).expect("still owes");
    assert_eq!((a.status, a.paid), (DuesStatus::Partial, 2000), "a partial payment keeps the household on the list");

    f.desk.record_dues_payment(&pay(&hs[0].id, 1600)).expect("rest");
    let unpaid = f.desk.dues_rows(None, None, true).expect("rows");
    assert_eq!(unpaid.len(), 2, "paid in full: off the unpaid list");
    assert!(unpaid.iter().all(|r| r.household_id != hs[0].id));

    // An exemption takes a household off the list without a payment.
    f.desk.set_dues_adjustment(&hs[2].id, 2026, Some(0), "災害による免除").expect("exempt");
    let block2 = f.desk.dues_rows(None, hs[2].block_id.as_ref(), false).expect("rows");
    assert_eq!(block2[0].status, DuesStatus::Exempt);
    assert_eq!(f.desk.dues_overview(None).expect("overview").unpaid_households, 1, "only 伊藤 is left to collect");

    let err = f.desk.record_dues_payment(&pay(&hs[1].id, 0)).expect_err("zero is refused");
    assert!(matches!(err, Error::Validation { .. }), "got {err:?}");
}

#[test]
fn officers_are_listed_for_the_city_and_carried_to_next_year() {
    let (mut f, hs) = fixture();
    let p = |i: usize| hs[i].persons[0].id.clone();
    let role = |role, title: &str, person, block| OfficerTermInput {
        role,
        title: title.into(),
        person_id: person,
        block_id: block,
        starts_on: None,
        ends_on: None,
    };
    f.desk.create_officer(&role(OfficerRole::BlockLeader, "", p(1), hs[1].block_id.clone()), None).expect("hancho");
    f.desk.create_officer(&role(OfficerRole::Treasurer, "", p(2), None), None).expect("treasurer");
    let list = f.desk.create_officer(&role(OfficerRole::President, "", p(0), None), None).expect("president");
    let titles: Vec<&str> = list.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["会長", "会計", "1班 班長"], "the city's order: 会長 first, block leaders last");
    assert_eq!(list[0].starts_on, d("2026-04-01"), "a term defaults to the fiscal year");
    assert_eq!(list[0].ends_on, d("2027-03-31"));

    let err =
        f.desk.create_officer(&role(OfficerRole::CommitteeChair, "", p(0), None), None).expect_err("needs a title");
    assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "title"), "got {err:?}");

    // Carry: the president stays, the treasurer changes, the block leader's role ends.
    let next = f
        .desk
        .carry_officers(
            2026,
            &[
                CarryChoice::Keep { term_id: list[0].id.clone() },
                CarryChoice::Replace { term_id: list[1].id.clone(), person_id: p(1) },
                CarryChoice::End { term_id: list[2].id.clone() },
            ],
        )
        .expect("carry");
    let summary: Vec<(&str, &str)> = next.iter().map(|t| (t.title.as_str(), t.person_name.as_str())).collect();
    assert_eq!(summary, [("会長", "青木 誠"), ("会計", "伊藤 茂")]);
    assert_eq!(next[0].starts_on, d("2027-04-01"), "next year's terms start on its first day");
    assert_eq!(f.desk.officers(Some(2026)).expect("list").len(), 3, "this year's list is unchanged");
    let again = f.desk.carry_officers(2026, &[]).expect_err("carrying twice is refused");
    assert!(matches!(again, Error::Conflict(_)), "got {again:?}");
}

#[test]
fn the_demo_council_has_officers_partners_and_dues_in_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk =
        Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open data folder");
    desk.set_up_demo().expect("demo");
    let officers = desk.officers(None).expect("officers");
    assert_eq!(officers[0].title, "会長");
    assert_eq!(officers[0].person_name, "山田 太郎", "the officer list names the profile's representative");
    assert_eq!(officers.iter().filter(|t| t.role == OfficerRole::BlockLeader).count(), 12, "one leader per block");
    assert!(desk.partners().expect("partners").len() >= 4);
    let overview = desk.dues_overview(None).expect("dues");
    assert!(overview.paid > 0 && overview.unpaid_households > 0, "collection is under way: {overview:?}");
    assert!(overview.unpaid_households < overview.blocks.iter().map(|b| b.households).sum::<i64>() / 2);

    // The overview (its own lean read, for Home) adds up to exactly the rows the dues list shows.
    let rows = desk.dues_rows(None, None, false).expect("rows");
    assert_eq!(overview.blocks.iter().map(|b| b.households).sum::<i64>(), rows.len() as i64);
    for b in &overview.blocks {
        let mine: Vec<_> = rows.iter().filter(|r| r.block_id == b.block_id).collect();
        assert_eq!(b.households, mine.len() as i64, "{}", b.block_name);
        assert_eq!(b.due, mine.iter().map(|r| r.due).sum::<i64>(), "{}", b.block_name);
        assert_eq!(b.paid, mine.iter().map(|r| r.paid).sum::<i64>(), "{}", b.block_name);
        let unpaid = mine.iter().filter(|r| matches!(r.status, DuesStatus::Unpaid | DuesStatus::Partial)).count();
        assert_eq!(b.unpaid_households, unpaid as i64, "{}", b.block_name);
    }
    let names: Vec<_> = overview.blocks.iter().map(|b| b.block_name.as_str()).collect();
    assert_eq!(names.first(), Some(&"1班"), "blocks in their order: {names:?}");
}

#[test]
fn a_removed_officer_term_comes_back_from_the_history() {
    let (mut f, hs) = fixture();
    let input = OfficerTermInput {
        role: OfficerRole::Treasurer,
        title: String::new(),
        person_id: hs[0].persons[0].id.clone(),
        block_id: None,
        starts_on: None,
        ends_on: None,
    };
    let before = f.desk.create_officer(&input, None).expect("create");
    f.desk.delete_officer(&before[0].id, None).expect("delete");
    assert!(f.desk.officers(None).expect("list").is_empty());
    let deleted = f.desk.deleted_households().expect("deleted");
    assert_eq!(deleted[0].entity, "officer_term", "the removal is offered for restoring");
    f.desk.restore_deleted(deleted[0].seq).expect("restore");
    assert_eq!(f.desk.officers(None).expect("list"), before, "the same term, ID and dates");
    assert!(f.desk.deleted_households().expect("deleted").is_empty());
}
