//! Dues and officers on a real SQLite file: who has paid, per block, with reductions by rule and by
//! household; officers listed for the city and carried to the next year.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::dues::{self, DuesOverview, DuesPaymentInput, DuesRate, DuesRow, DuesStatus};
use council_domain::error::Error;
use council_domain::members::{self, BlockId, BlockInput, HouseholdInput, PersonInput};
use council_domain::officers::{self, CarryChoice, OfficerRole, OfficerTerm, OfficerTermInput};
use council_domain::{Result, Session, council, deleted, partners};
use council_store::data_dir::DataDir;

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
        relation: String::new(),
        notes: String::new(),
    }
}

struct Fixture {
    s: Session,
    _dir: tempfile::TempDir,
}

/// The year's dues by block (default: the current fiscal year).
fn dues_overview(s: &Session, fiscal_year: Option<i32>) -> Result<DuesOverview> {
    s.read(|r| {
        let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
        dues::overview(r, fy, m)
    })
}

/// Households with their dues for the year (default: the current one).
fn dues_rows(
    s: &Session,
    fiscal_year: Option<i32>,
    block: Option<&BlockId>,
    only_unpaid: bool,
) -> Result<Vec<DuesRow>> {
    s.read(|r| {
        let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
        dues::status(r, fy, m, block, only_unpaid)
    })
}

/// The officers of a fiscal year (default: the current one).
fn officers_of(s: &Session, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>> {
    s.read(|r| officers::for_year(r, fiscal_year, r.today()))
}

/// Records an officer's term in the current fiscal year.
fn create_officer(s: &Session, input: &OfficerTermInput) -> Result<officers::OfficerTermId> {
    s.write(|w| {
        let (fy, m) = council::fiscal_year_or_current(w, None, w.today())?;
        officers::create(w, input, fy, m)
    })
}

/// Two blocks: 1班 with a family and a 78-year-old living alone, 2班 with one family.
fn fixture() -> (Fixture, Vec<council_domain::members::Household>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23"))))
        .expect("open data folder");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let b1 =
        s.write(|w| members::create_block(w, &BlockInput { name: "1班".into(), notes: String::new() })).expect("b1");
    let b2 =
        s.write(|w| members::create_block(w, &BlockInput { name: "2班".into(), notes: String::new() })).expect("b2");
    let mk = |block: &council_domain::members::BlockId, persons: Vec<PersonInput>| HouseholdInput {
        code: String::new(),
        address: "さくら台".into(),
        block_id: Some(block.clone()),
        joined_on: d("2010-04-01"),
        notes: String::new(),
        persons,
    };
    let create = |input: HouseholdInput| {
        s.write(|w| members::create_household(w, &input)).and_then(|id| s.read(|r| members::household(r, &id)))
    };
    let a = create(mk(
        &b1,
        vec![person("青木 誠", "あおき まこと", Some(1970)), person("青木 結衣", "あおき ゆい", Some(1972))],
    ))
    .expect("a");
    let b = create(mk(&b1, vec![person("伊藤 茂", "いとう しげる", Some(1948))])).expect("b");
    let c = create(mk(&b2, vec![person("上田 健", "うえだ けん", Some(1980))])).expect("c");
    (Fixture { s, _dir: dir }, vec![a, b, c])
}

#[test]
fn paying_moves_a_household_off_the_unpaid_list() {
    let (f, hs) = fixture();
    f.s.write(|w| {
        dues::set_rate(
            w,
            &DuesRate { fiscal_year: 2026, amount: 3600, single_elderly_amount: Some(1800), elderly_age: 75 },
        )
    })
    .expect("rate");
    let overview = dues_overview(&f.s, Some(2026)).expect("overview");
    assert_eq!(overview.due, 3600 + 1800 + 3600, "the 78-year-old living alone owes the reduced amount");
    assert_eq!(overview.unpaid_households, 3);
    assert_eq!(
        overview.blocks.iter().map(|b| (b.block_name.as_str(), b.unpaid_households)).collect::<Vec<_>>(),
        [("1班", 2), ("2班", 1)]
    );

    let pay = |household: &council_domain::members::HouseholdId, amount| DuesPaymentInput {
        household_id: household.clone(),
        fiscal_year: 2026,
        paid_on: d("2026-06-10"),
        amount,
        collected_by: "青木 誠".into(),
        notes: String::new(),
    };
    f.s.write(|w| dues::record_payment(w, &pay(&hs[0].id, 2000))).expect("partial");
    let unpaid = dues_rows(&f.s, None, None, true).expect("rows");
    let a = unpaid.iter().find(|r| r.household_id == hs[0].id).expect("still owes");
    assert_eq!((a.status, a.paid), (DuesStatus::Partial, 2000), "a partial payment keeps the household on the list");

    f.s.write(|w| dues::record_payment(w, &pay(&hs[0].id, 1600))).expect("rest");
    let unpaid = dues_rows(&f.s, None, None, true).expect("rows");
    assert_eq!(unpaid.len(), 2, "paid in full: off the unpaid list");
    assert!(unpaid.iter().all(|r| r.household_id != hs[0].id));

    // An exemption takes a household off the list without a payment.
    f.s.write(|w| dues::set_adjustment(w, &hs[2].id, 2026, Some(0), "災害による免除")).expect("exempt");
    let block2 = dues_rows(&f.s, None, hs[2].block_id.as_ref(), false).expect("rows");
    assert_eq!(block2[0].status, DuesStatus::Exempt);
    assert_eq!(dues_overview(&f.s, None).expect("overview").unpaid_households, 1, "only 伊藤 is left to collect");

    let err = f.s.write(|w| dues::record_payment(w, &pay(&hs[1].id, 0))).expect_err("zero is refused");
    assert!(matches!(err, Error::Validation { .. }), "got {err:?}");
}

#[test]
fn receipt_numbers_run_per_year_and_are_never_given_twice() {
    let (f, hs) = fixture();
    let pay = |household: &council_domain::members::HouseholdId, fiscal_year: i32, amount| DuesPaymentInput {
        household_id: household.clone(),
        fiscal_year,
        paid_on: d("2026-06-10"),
        amount,
        collected_by: String::new(),
        notes: String::new(),
    };
    let numbers = |fy: i32| {
        let mut all: Vec<String> = hs
            .iter()
            .flat_map(|h| f.s.read(|r| dues::payments(r, &h.id, fy)).expect("payments"))
            .map(|p| p.receipt_number)
            .collect();
        all.sort();
        all
    };
    let first = f.s.write(|w| dues::record_payment(w, &pay(&hs[0].id, 2026, 2000))).expect("first");
    f.s.write(|w| dues::record_payment(w, &pay(&hs[1].id, 2026, 3600))).expect("second");
    f.s.write(|w| dues::record_payment(w, &pay(&hs[2].id, 2025, 3600))).expect("last year's");
    assert_eq!(numbers(2026), ["令和8年度 第0001号", "令和8年度 第0002号"]);
    assert_eq!(numbers(2025), ["令和7年度 第0001号"], "each year starts from 1");

    // A cancelled receipt's number is not given again: the counterfoils show the gap and why.
    f.s.write(|w| dues::cancel_payment(w, &first, "二重に記録")).expect("cancel");
    f.s.write(|w| dues::record_payment(w, &pay(&hs[0].id, 2026, 3600))).expect("again");
    assert_eq!(numbers(2026), ["令和8年度 第0002号", "令和8年度 第0003号"]);

    // Moved to another year, a payment takes that year's next number; within its year it keeps its own.
    let moved = f.s.read(|r| dues::payments(r, &hs[1].id, 2026)).expect("payments")[0].clone();
    let mut input = pay(&hs[1].id, 2026, 3000);
    f.s.write(|w| dues::correct_payment(w, &moved.id, &input, "金額の入力誤り")).expect("amount");
    assert_eq!(numbers(2026), ["令和8年度 第0002号", "令和8年度 第0003号"], "the same number after a correction");
    input.fiscal_year = 2025;
    f.s.write(|w| dues::correct_payment(w, &moved.id, &input, "前年度分だった")).expect("year");
    assert_eq!(numbers(2025), ["令和7年度 第0001号", "令和7年度 第0002号"]);
    assert_eq!(numbers(2026), ["令和8年度 第0003号"]);
}

#[test]
fn officers_are_listed_for_the_city_and_carried_to_next_year() {
    let (f, hs) = fixture();
    let p = |i: usize| hs[i].persons[0].id.clone();
    let role = |role, title: &str, person, block| OfficerTermInput {
        role,
        title: title.into(),
        person_id: person,
        block_id: block,
        starts_on: None,
        ends_on: None,
    };
    create_officer(&f.s, &role(OfficerRole::BlockLeader, "", p(1), hs[1].block_id.clone())).expect("hancho");
    create_officer(&f.s, &role(OfficerRole::Treasurer, "", p(2), None)).expect("treasurer");
    create_officer(&f.s, &role(OfficerRole::President, "", p(0), None)).expect("president");
    let list = officers_of(&f.s, None).expect("list");
    let titles: Vec<&str> = list.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["会長", "会計", "1班 班長"], "the city's order: 会長 first, block leaders last");
    assert_eq!(list[0].starts_on, d("2026-04-01"), "a term defaults to the fiscal year");
    assert_eq!(list[0].ends_on, d("2027-03-31"));

    let err = create_officer(&f.s, &role(OfficerRole::CommitteeChair, "", p(0), None)).expect_err("needs a title");
    assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "title"), "got {err:?}");

    // Carry: the president stays, the treasurer changes, the block leader's role ends.
    officers::carry(
        &f.s,
        2026,
        &[
            CarryChoice::Keep { term_id: list[0].id.clone() },
            CarryChoice::Replace { term_id: list[1].id.clone(), person_id: p(1) },
            CarryChoice::End { term_id: list[2].id.clone() },
        ],
    )
    .expect("carry");
    let next = officers_of(&f.s, Some(2027)).expect("list");
    let summary: Vec<(&str, &str)> = next.iter().map(|t| (t.title.as_str(), t.person_name.as_str())).collect();
    assert_eq!(summary, [("会長", "青木 誠"), ("会計", "伊藤 茂")]);
    assert_eq!(next[0].starts_on, d("2027-04-01"), "next year's terms start on its first day");
    assert_eq!(officers_of(&f.s, Some(2026)).expect("list").len(), 3, "this year's list is unchanged");
    let again = officers::carry(&f.s, 2026, &[]).expect_err("carrying twice is refused");
    assert!(matches!(again, Error::Conflict(_)), "got {again:?}");
}

#[test]
fn a_chair_replaced_in_october_is_recorded_with_the_dates_of_both_terms() {
    let (f, hs) = fixture();
    let chair = |person, starts_on: Option<&str>, ends_on: Option<&str>| OfficerTermInput {
        role: OfficerRole::President,
        title: String::new(),
        person_id: person,
        block_id: None,
        starts_on: starts_on.map(d),
        ends_on: ends_on.map(d),
    };
    let first = hs[0].persons[0].id.clone();
    let second = hs[2].persons[0].id.clone();
    let id = create_officer(&f.s, &chair(first.clone(), None, None)).expect("chair");
    let update = |input: &OfficerTermInput| {
        f.s.write(|w| {
            let (fy, m) = council::fiscal_year_or_current(w, None, w.today())?;
            officers::update(w, &id, input, fy, m)
        })
    };
    update(&chair(first.clone(), None, Some("2026-10-15"))).expect("the first term ends in October");
    create_officer(&f.s, &chair(second, Some("2026-10-16"), None)).expect("the next chair");
    let list = officers_of(&f.s, None).expect("list");
    let terms: Vec<(&str, NaiveDate, NaiveDate)> =
        list.iter().map(|t| (t.person_name.as_str(), t.starts_on, t.ends_on)).collect();
    assert_eq!(
        terms,
        [("青木 誠", d("2026-04-01"), d("2026-10-15")), ("上田 健", d("2026-10-16"), d("2027-03-31"))],
        "both chairs of the year, each with the dates of their term"
    );
    // A term ending before it starts is refused and nothing changes.
    let err = update(&chair(first, Some("2026-10-01"), Some("2026-09-30"))).expect_err("refused");
    assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "ends_on"), "got {err:?}");
    assert_eq!(officers_of(&f.s, None).expect("list")[0].ends_on, d("2026-10-15"), "kept as it was");
    let history = f.s.read(|r| council_domain::audit::recent(r, 5)).expect("history");
    assert!(history.iter().any(|e| e.summary.contains("任期を変更")), "the correction is in the history");
}

#[test]
fn the_demo_council_has_officers_partners_and_dues_in_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23"))))
        .expect("open data folder");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let officers = officers_of(&s, None).expect("officers");
    assert_eq!(officers[0].title, "会長");
    assert_eq!(officers[0].person_name, "山田 太郎", "the officer list names the profile's representative");
    assert_eq!(officers.iter().filter(|t| t.role == OfficerRole::BlockLeader).count(), 12, "one leader per block");
    assert!(s.read(|r| partners::list(r)).expect("partners").len() >= 4);
    let overview = dues_overview(&s, None).expect("dues");
    assert!(overview.paid > 0 && overview.unpaid_households > 0, "collection is under way: {overview:?}");
    assert!(overview.unpaid_households < overview.blocks.iter().map(|b| b.households).sum::<i64>() / 2);

    // The overview (its own lean read, for Home) adds up to exactly the rows the dues list shows.
    let rows = dues_rows(&s, None, None, false).expect("rows");
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
    let (f, hs) = fixture();
    let input = OfficerTermInput {
        role: OfficerRole::Treasurer,
        title: String::new(),
        person_id: hs[0].persons[0].id.clone(),
        block_id: None,
        starts_on: None,
        ends_on: None,
    };
    create_officer(&f.s, &input).expect("create");
    let before = officers_of(&f.s, None).expect("list");
    f.s.write(|w| officers::delete(w, &before[0].id)).expect("delete");
    assert!(officers_of(&f.s, None).expect("list").is_empty());
    let deleted = f.s.read(|r| deleted::list(r)).expect("deleted");
    assert_eq!(deleted[0].entity, "officer_term", "the removal is offered for restoring");
    f.s.write(|w| deleted::restore(w, deleted[0].seq)).expect("restore");
    assert_eq!(officers_of(&f.s, None).expect("list"), before, "the same term, ID and dates");
    assert!(f.s.read(|r| deleted::list(r)).expect("deleted").is_empty());
}
