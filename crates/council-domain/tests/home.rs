//! Home's attention list on the demo council: the next meetings, open and overdue action items, and
//! the backups' age — with a reminder when no copy has left the PC for a month.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::home::{self, HomeSummary};
use council_domain::{Session, folder};
use council_store::data_dir::DataDir;

fn open(dir: &std::path::Path, day: &str) -> Session {
    let today: NaiveDate = day.parse().expect("date");
    council_domain::open(DataDir::at(dir), Box::new(FixedClock::at_date(today))).expect("open data folder")
}

fn home_of(s: &Session) -> council_domain::Result<HomeSummary> {
    s.read(|r| home::summary(r, s.dir(), r.now(), r.today()))
}

#[test]
fn home_lists_the_next_meeting_overdue_actions_and_asks_for_a_copy_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path(), "2026-11-23");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let home = home_of(&s).expect("home");

    // The demo's 役員会 is still to come; the 総会 of April is not listed.
    assert!(!home.next_meetings.is_empty(), "the upcoming 役員会 is listed");
    assert!(home.next_meetings.iter().all(|m| m.held_on >= "2026-11-23".parse().expect("date")), "only from today on");
    assert!(home.next_meetings.windows(2).all(|w| w[0].held_on <= w[1].held_on), "soonest first");

    // The demo has two open action items, one of them overdue.
    assert_eq!(home.open_actions, 2, "{:?}", home.overdue_actions);
    assert_eq!(home.overdue_actions.len(), 1);
    assert!(home.overdue_actions[0].overdue);

    // Nothing was ever saved outside the PC: Home asks for it.
    assert_eq!(home.copy_out_age_days, None);
    assert!(home.backup_warning.as_ref().is_some_and(|w| w.ja.contains("USB")), "{:?}", home.backup_warning);

    // A copy to a USB stick clears the reminder…
    let usb = tempfile::tempdir().expect("usb");
    folder::backup_to(&s, &usb.path().join("council.sqlite3")).expect("copy out");
    let home = home_of(&s).expect("home");
    assert_eq!(home.copy_out_age_days, Some(0));
    assert_eq!(home.backup_warning, None);
    drop(s);

    // …until a month has passed.
    let s = open(dir.path(), "2026-12-24");
    let home = home_of(&s).expect("home");
    assert_eq!(home.copy_out_age_days, Some(31));
    assert!(home.backup_warning.as_ref().is_some_and(|w| w.ja.contains("31日")), "{:?}", home.backup_warning);
    assert!(home.backup_age_days.is_some(), "the daily backups are counted too");
}
