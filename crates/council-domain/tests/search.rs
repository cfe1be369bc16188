//! The search box across the demo council's records: Japanese without spaces, partial words, either
//! kana script and width — members, events, the plan's actions and indicators, and the minutes' text.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::events::{self, EventCategory, EventInput};
use council_domain::grants::GrantApplicationId;
use council_domain::grants::application::{self as grant_application, GrantApplication};
use council_domain::grants::expenses::{self, GrantExpenseInput, ReceiptChange};
use council_domain::search::{self, SearchResults};
use council_domain::{Result, Session, audit, council};
use council_store::data_dir::DataDir;

fn demo(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    s
}

/// The search box on every screen.
fn search(s: &Session, text: &str) -> Result<SearchResults> {
    s.read(|r| search::global(r, text, 8))
}

fn grant_application(s: &Session, id: &GrantApplicationId) -> Result<GrantApplication> {
    s.read(|r| grant_application::get(r, id, council::start_month(r)?, r.today()))
}

#[test]
fn one_query_finds_events_plan_actions_indicators_and_minutes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);

    // A part of a word, no spaces: the drill, the plan's action and indicator, the 総会's discussion.
    let found = search(&s, "防災訓練").expect("search");
    assert!(found.events.iter().any(|e| e.title == "総合防災訓練"), "the event: {:?}", found.events);
    assert!(found.plan.iter().any(|h| h.kind == "action" && h.label.contains("総合防災訓練")), "{:?}", found.plan);
    assert!(found.plan.iter().any(|h| h.kind == "indicator" && h.label == "防災訓練の参加者数"), "{:?}", found.plan);
    assert!(
        found.decisions.iter().any(|d| d.excerpt.contains("防災訓練")),
        "a decision whose minutes mention it: {:?}",
        found.decisions
    );

    // Katakana in the data, hiragana or half-width katakana in the query.
    for query in ["ぱとろーる", "ﾊﾟﾄﾛｰﾙ"] {
        let found = search(&s, query).expect("search");
        assert!(found.events.iter().any(|e| e.title == "歳末特別防犯パトロール"), "{query}: {:?}", found.events);
        assert!(found.plan.iter().any(|h| h.label.contains("防犯パトロール")), "{query}: {:?}", found.plan);
    }

    // A word only in the body of the minutes (not in any title).
    let found = search(&s, "帳簿").expect("search");
    assert!(found.decisions.iter().any(|d| d.excerpt.contains("帳簿")), "{:?}", found.decisions);
    assert!(found.events.is_empty() && found.plan.is_empty(), "nothing else mentions it");

    // An indicator by its name only.
    let found = search(&s, "加入率").expect("search");
    assert!(found.plan.iter().any(|h| h.kind == "indicator" && h.label == "自治会加入率"), "{:?}", found.plan);

    // Nothing for a word no record has; nothing at all for an empty query.
    let none = search(&s, "宇宙旅行").expect("search");
    assert!(none.events.is_empty() && none.plan.is_empty() && none.decisions.is_empty() && none.households.is_empty());
    let empty = search(&s, "  ").expect("search");
    assert!(empty.events.is_empty() && empty.plan.is_empty());
}

#[test]
fn grants_are_found_by_project_and_expenses_by_payee_or_description() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);

    // A part of the project's name, in the middle of a word.
    let found = search(&s, "花と防災").expect("search");
    assert!(
        found.grants.iter().any(|h| h.project_name == "花と防災のまちづくり事業" && h.expense.is_none()),
        "the application: {:?}",
        found.grants
    );

    // An expense by its payee: the hit names the expense and opens its application.
    let found = search(&s, "みどり印刷").expect("search");
    let hit = found.grants.iter().find(|h| h.expense.is_some()).expect("an expense");
    let expense = hit.expense.as_deref().expect("expense");
    assert!(expense.contains("みどり印刷") && expense.contains("円") && expense.contains("令和"), "{expense}");
    let app = grant_application(&s, &hit.application_id).expect("its application");
    assert!(app.expenses.iter().any(|e| e.payee == "みどり印刷"), "the expense is the application's");

    // Katakana in the data, hiragana in the query (ホームセンター).
    let found = search(&s, "ほーむせんたー").expect("search");
    assert!(
        found.grants.iter().any(|h| h.expense.as_deref().is_some_and(|e| e.contains("ホームセンター"))),
        "{:?}",
        found.grants
    );

    // By the award number, written at the award (a transition, not the application's form), and by
    // the program's name.
    let found = search(&s, "第245号").expect("search");
    assert!(found.grants.iter().any(|h| h.project_name == "花と防災のまちづくり事業"), "{:?}", found.grants);
    let found = search(&s, "協働のまちづくり交付金").expect("search");
    assert!(found.grants.iter().filter(|h| h.expense.is_none()).count() >= 2, "both years: {:?}", found.grants);

    // Nothing for a word no grant has.
    assert!(search(&s, "宇宙旅行").expect("search").grants.is_empty());
}

#[test]
fn an_event_is_found_by_what_it_says_now_and_never_across_two_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let input = EventInput {
        title: "ふれあいカフェ".into(),
        category: EventCategory::Seniors,
        starts_on: "2026-12-05".parse().expect("date"),
        ends_on: None,
        start_time: None,
        end_time: None,
        place: "第二集会所".into(),
        organiser: "福祉部".into(),
        expected_participants: None,
        actual_participants: None,
        volunteers: None,
        cost: None,
        notes: "手作りのおやつ".into(),
        action_id: None,
        partner_ids: Vec::new(),
        fee: None,
        notice_text: String::new(),
    };
    let event = s.write(|w| events::create(w, &input)).expect("create");
    let titles = |s: &Session, q: &str| -> Vec<String> {
        search(s, q).expect("search").events.into_iter().map(|e| e.title).collect()
    };
    for query in ["かふぇ", "ｶﾌｪ", "おやつ", "第二集会"] {
        assert!(titles(&s, query).contains(&"ふれあいカフェ".to_owned()), "{query}");
    }
    assert!(!titles(&s, "カフェ第二").contains(&"ふれあいカフェ".to_owned()), "title and place are two fields");
    for wildcard in ["%", "_", "\\"] {
        assert!(titles(&s, wildcard).is_empty(), "{wildcard} is a character, not a wildcard");
    }

    // Renamed: found by the new title only.
    s.write(|w| events::update(w, &event, &EventInput { title: "ふれあい喫茶".into(), ..input })).expect("update");
    assert!(!titles(&s, "かふぇ").contains(&"ふれあいカフェ".to_owned()));
    assert!(titles(&s, "喫茶").contains(&"ふれあい喫茶".to_owned()));

    // Deleted, then brought back by the undo: found again.
    let seq = s
        .write(|w| {
            events::delete(w, &event)?;
            audit::last_deletion(w, "event", event.as_str())
        })
        .expect("delete");
    assert!(titles(&s, "喫茶").is_empty());
    s.write(|w| events::restore(w, seq)).expect("restore");
    assert!(titles(&s, "喫茶").contains(&"ふれあい喫茶".to_owned()));
}

#[test]
fn a_corrected_expense_is_found_by_its_new_payee() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let hit = search(&s, "みどり園芸").expect("search").grants.into_iter().find(|h| h.expense.is_some()).expect("hit");
    let app = grant_application(&s, &hit.application_id).expect("application");
    let e = app.expenses.iter().find(|e| e.description.starts_with("パンジー")).expect("the expense");
    let input = GrantExpenseInput {
        paid_on: e.paid_on,
        payee: "あおば園芸店".into(),
        description: e.description.clone(),
        category: e.category,
        amount: e.amount,
        from_grant: e.from_grant,
        addressee: e.addressee.clone(),
        notes: e.notes.clone(),
    };
    let expense_hits =
        |s: &Session, q: &str| search(s, q).expect("search").grants.into_iter().filter(|h| h.expense.is_some()).count();
    let before = expense_hits(&s, "みどり園芸");
    s.write(|w| expenses::update(w, &s.dir().attachments(), &e.id, &input, ReceiptChange::Keep))
        .expect("correct the payee");
    assert_eq!(expense_hits(&s, "みどり園芸"), before - 1, "found by the old payee no more");
    assert_eq!(expense_hits(&s, "アオバ"), 1, "the new payee, in the other kana script");
}

#[test]
fn records_from_before_the_search_columns_are_found_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(demo(&dir));
    let db = DataDir::at(dir.path()).database();
    // Make the file what the previous version (schema 5) wrote: no search columns.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "DROP INDEX grant_expense_search;
         ALTER TABLE event DROP COLUMN search_text; ALTER TABLE grant_expense DROP COLUMN search_text;
         ALTER TABLE grant_application DROP COLUMN search_text; ALTER TABLE agenda_item DROP COLUMN search_text;
         ALTER TABLE minutes_item DROP COLUMN search_text;
         DROP TABLE content_version;
         INSERT INTO setting SELECT key, value FROM local_setting; DROP TABLE local_setting;
             ALTER TABLE meeting DROP COLUMN notice_issued_on; ALTER TABLE meeting DROP COLUMN results_issued_on;
             ALTER TABLE event DROP COLUMN notice_issued_on; ALTER TABLE event DROP COLUMN fee;
             ALTER TABLE event DROP COLUMN notice_text; ALTER TABLE person DROP COLUMN relation;
             ALTER TABLE dues_payment DROP COLUMN receipt_series; ALTER TABLE dues_payment DROP COLUMN receipt_no;
             ALTER TABLE grant_application DROP COLUMN advance_claimed_on;
             ALTER TABLE grant_application DROP COLUMN advance_claimed_amount;
             ALTER TABLE household DROP COLUMN route_position;
             ALTER TABLE event DROP COLUMN notice_blocks; ALTER TABLE event DROP COLUMN notice_copies;
             ALTER TABLE meeting_invitee DROP COLUMN written_votes;
             ALTER TABLE agenda_item DROP COLUMN comparison;
             DROP TABLE sync_touch; DROP TABLE sync_conflict; DROP TABLE sync_log; DROP TABLE sync_state; DROP TABLE sync_device;
             DROP TABLE grant_ledger_category; DROP TABLE grant_ledger; DROP TABLE account_asset; DROP TABLE account_audit; DROP TABLE account_balance_check;
         DROP TABLE account_budget_transfer; DROP TABLE account_month_close;
         DROP TABLE account_year_close; DROP TABLE ledger_entry; DROP TABLE account_budget_line;
         DROP TABLE account_budget; DROP TABLE book; DROP TABLE account_category; DROP TABLE account;
         PRAGMA user_version = 5;",
    )
    .expect("downgrade");
    drop(conn);

    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("reopen, migrating");
    let found = search(&s, "ぱとろーる").expect("search");
    assert!(found.events.iter().any(|e| e.title == "歳末特別防犯パトロール"), "{:?}", found.events);
    let found = search(&s, "ほーむせんたー").expect("search");
    assert!(found.grants.iter().any(|h| h.expense.is_some()), "{:?}", found.grants);
    let found = search(&s, "花と防災").expect("search");
    assert!(found.grants.iter().any(|h| h.expense.is_none()), "the application: {:?}", found.grants);
    let found = search(&s, "帳簿").expect("search");
    assert!(found.decisions.iter().any(|d| d.excerpt.contains("帳簿")), "the minutes: {:?}", found.decisions);
}
