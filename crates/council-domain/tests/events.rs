//! Events on a real SQLite file: dates and times, partners and the plan action, photos stored inside
//! the data folder by their content, the circulation notice with each block's check-off sheet, and the
//! year as an iCalendar file.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::events::{self, Event, EventCategory, EventId, EventInput};
use council_domain::{Result, Session, attachments, audit, council, folder, members, partners, plan};
use council_store::data_dir::DataDir;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("ISO date")
}

fn demo_session(dir: &tempfile::TempDir) -> Session {
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    s
}

/// One event, as the window shows it.
fn read_event(s: &Session, id: &EventId) -> Result<Event> {
    s.read(|r| events::get(r, id, council::start_month(r)?))
}

/// The events of a fiscal year (default: the current one), by date.
fn events_of(s: &Session, fiscal_year: Option<i32>) -> Result<Vec<Event>> {
    s.read(|r| {
        let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
        events::list(r, fy, m)
    })
}

/// Adds an event, then reads it back.
fn create_event(s: &Session, input: &EventInput) -> Result<Event> {
    let id = s.write(|w| events::create(w, input))?;
    read_event(s, &id)
}

/// Adds a photo to an event, then reads the event back.
fn add_event_photo(s: &Session, id: &EventId, name: &str, bytes: &[u8]) -> Result<Event> {
    s.write(|w| events::add_photo(w, &s.dir().attachments(), id, name, bytes))?;
    read_event(s, id)
}

/// Deletes an event; the history entry that can bring it back.
fn delete_event(s: &Session, id: &EventId) -> Result<i64> {
    s.write(|w| {
        events::delete(w, id)?;
        audit::last_deletion(w, "event", id.as_str())
    })
}

fn input(title: &str, on: &str) -> EventInput {
    EventInput {
        title: title.into(),
        category: EventCategory::Cleanup,
        starts_on: d(on),
        ends_on: None,
        start_time: Some("９：００".into()),
        end_time: Some("11:00".into()),
        place: "さくら台公園".into(),
        organiser: "環境部".into(),
        expected_participants: Some(100),
        actual_participants: None,
        volunteers: Some(10),
        cost: Some(12_000),
        notes: String::new(),
        action_id: None,
        partner_ids: Vec::new(),
        fee: None,
        notice_text: String::new(),
    }
}

/// A tiny but real PNG (1×1 pixel).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn an_event_keeps_its_times_partners_and_plan_action() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let action = s
        .read(|r| plan::action_choices(r))
        .expect("actions")
        .into_iter()
        .find(|a| a.label.contains("一斉清掃"))
        .expect("action");
    assert!(action.label.starts_with("2-②-1 "), "the action is offered with its code: {}", action.label);
    let partner = s
        .read(|r| partners::list(r))
        .expect("partners")
        .into_iter()
        .find(|p| p.name.contains("みどりの森"))
        .expect("npo");
    let mut i = input("冬の一斉清掃", "2027-01-10");
    i.action_id = Some(action.id.clone());
    i.partner_ids = vec![partner.id.clone()];
    let e = create_event(&s, &i).expect("create");
    assert_eq!(e.start_time.as_deref(), Some("09:00"), "a full-width time is read and stored as HH:MM");
    assert_eq!(e.ends_on, d("2027-01-10"), "a one-day event ends the day it starts");
    assert_eq!(e.fiscal_year, 2026, "January 2027 is in FY2026");
    assert_eq!(e.when_text.ja, "令和9年1月10日（日） 09:00〜11:00");
    assert_eq!(e.action_label.as_deref(), Some(action.label.as_str()));
    assert_eq!(e.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), [partner.name.as_str()]);
    assert!(events_of(&s, Some(2026)).expect("list").iter().any(|x| x.id == e.id), "listed in its fiscal year");
    assert!(!events_of(&s, Some(2027)).expect("list").iter().any(|x| x.id == e.id), "and only there");
    let upcoming = s.read(|r| events::upcoming(r, r.today(), 20, council::start_month(r)?)).expect("upcoming");
    assert!(upcoming.iter().all(|x| x.ends_on >= d("2026-11-23")), "Home lists only events still to come");
    assert!(upcoming.windows(2).all(|w| w[0].starts_on <= w[1].starts_on), "soonest first");

    // Change it into a two-day all-day event, then delete it; the history keeps both.
    let mut j = i.clone();
    j.ends_on = Some(d("2027-01-11"));
    j.start_time = None;
    j.end_time = None;
    s.write(|w| events::update(w, &e.id, &j)).expect("update");
    let e2 = read_event(&s, &e.id).expect("update");
    assert_eq!(e2.when_text.ja, "令和9年1月10日（日）〜令和9年1月11日（月）");
    delete_event(&s, &e.id).expect("delete");
    assert!(matches!(read_event(&s, &e.id), Err(Error::NotFound(_))));
    let history = s.read(|r| audit::for_record(r, "event", e.id.as_str())).expect("history");
    assert_eq!(history.len(), 3, "create, update and delete are recorded");
}

#[test]
fn bad_dates_and_times_are_refused_field_by_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let before = events_of(&s, Some(2026)).expect("list").len();
    let mut i = input(" ", "2026-12-01");
    i.ends_on = Some(d("2026-11-30"));
    i.start_time = Some("25時".into());
    i.cost = Some(-1);
    let Err(Error::Validation { problems, .. }) = create_event(&s, &i) else { panic!("refused") };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["title", "ends_on", "start_time", "cost"]);
    let mut k = input("夜の見回り", "2026-12-01");
    k.start_time = Some("20:00".into());
    k.end_time = Some("19:00".into());
    let Err(Error::Validation { problems, .. }) = create_event(&s, &k) else { panic!("refused") };
    assert_eq!(problems[0].field, "end_time", "a one-day event cannot end before it starts");
    assert_eq!(events_of(&s, Some(2026)).expect("list").len(), before, "nothing was written");
}

#[test]
fn photos_live_inside_the_data_folder_by_their_content() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    // The demo's grant receipts are already there.
    let demo_files = std::fs::read_dir(dir.path().join("attachments")).map_or(0, |d| d.count());
    let e = create_event(&s, &input("花植え", "2026-12-05")).expect("create");
    let e = add_event_photo(&s, &e.id, "/home/someone/Pictures/花植え.png", PNG).expect("photo");
    assert_eq!(e.photos.len(), 1);
    let photo = e.photos[0].clone();
    assert_eq!((photo.name.as_str(), photo.mime.as_str(), photo.size), ("花植え.png", "image/png", PNG.len() as i64));
    let blob = dir.path().join("attachments").join(&photo.sha256);
    assert_eq!(std::fs::read(&blob).expect("stored"), PNG, "the file is in attachments/<sha256>");
    // The same photo on another event is stored once.
    let other = create_event(&s, &input("清掃", "2026-12-06")).expect("create");
    add_event_photo(&s, &other.id, "copy.png", PNG).expect("photo again");
    let files = std::fs::read_dir(dir.path().join("attachments")).expect("dir").count();
    assert_eq!(files, demo_files + 1, "content-addressed: one file for the same content");
    let (_, bytes) = s.read(|r| attachments::read(r, &s.dir().attachments(), &photo.id)).expect("read back");
    assert_eq!(bytes, PNG);
    // A file that is not a photo is refused.
    let err = add_event_photo(&s, &e.id, "議事録.pdf", b"%PDF-1.7 ...").expect_err("not a photo");
    assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "photo"), "{err:?}");
    // A damaged file is reported, not shown.
    std::fs::write(&blob, b"tampered").expect("tamper");
    assert!(
        matches!(s.read(|r| attachments::read(r, &s.dir().attachments(), &photo.id)), Err(Error::NotFound(_))),
        "a file that changed is not served"
    );
    std::fs::write(&blob, PNG).expect("repair");
    // A backup carries the photo.
    let backup = s.backup_now(council_store::backup::BackupReason::Manual).expect("backup");
    let info = folder::inspect_backup(std::path::Path::new(&backup.path)).expect("inspect");
    assert_eq!(info.attachments, demo_files as i64 + 1, "the backup holds the attached photo");
    s.write(|w| events::remove_photo(w, &e.id, &photo.id)).expect("remove");
    let e = read_event(&s, &e.id).expect("remove");
    assert!(e.photos.is_empty());
}

#[test]
fn the_notice_lists_every_household_of_every_block_in_roster_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let event =
        events_of(&s, Some(2026)).expect("events").into_iter().find(|e| e.title.contains("一斉清掃")).expect("e");
    let notice = s.read(|r| events::notice(r, &event.id, r.today(), council::start_month(r)?)).expect("notice");
    assert_eq!(notice.council_name, "さくら台自治会");
    assert_eq!(notice.issuer, "会長 山田 太郎");
    assert_eq!(notice.issued_on, "令和8年11月23日");
    let counts = s.read(|r| members::counts_as_of(r, r.today())).expect("counts");
    let printed: i64 = notice.blocks.iter().map(|b| b.households.len() as i64).sum();
    assert_eq!(printed, counts.total, "one row per member household, no one missed");
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    assert_eq!(notice.blocks[0].name, blocks[0].name, "blocks in the council's order");
    assert!(notice.blocks.iter().all(|b| b.leader.is_some()), "each sheet names the block leader");
    let page = s
        .read(|r| {
            members::list(
                r,
                &council_domain::members::MemberQuery {
                    block_id: Some(blocks[0].id.clone()),
                    limit: 500,
                    ..Default::default()
                },
            )
        })
        .expect("roster");
    let roster: Vec<&str> = page.rows.iter().map(|r| r.head_name.as_str()).collect();
    let sheet: Vec<&str> = notice.blocks[0].households.iter().map(|h| h.head_name.as_str()).collect();
    assert_eq!(sheet, roster, "the sheet follows the roster's order");
}

#[test]
fn the_year_exports_as_an_icalendar_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let events = events_of(&s, Some(2026)).expect("events");
    let file = s.read(|r| council_io::ical::year_file(r, Some(2026), r.today(), r.now())).expect("ics");
    assert!(file.file_name.ends_with(".ics") && file.file_name.contains("令和8年度"), "{}", file.file_name);
    assert_eq!(file.rows as usize, events.len());
    let text = String::from_utf8(file.bytes).expect("UTF-8");
    assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), events.len(), "one VEVENT per event");
    for e in &events {
        assert!(text.contains(&format!("UID:{}@councildesk.jp\r\n", e.id)), "stable UID for {}", e.title);
    }
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "every physical line is folded to 75 octets");
    assert!(text.contains("DTSTART;TZID=Asia/Tokyo:20260906T090000\r\n"), "the drill at 9:00 Japan time");
}

#[test]
fn a_deleted_event_comes_back_with_its_id_partners_and_photos() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let event = events_of(&s, Some(2026))
        .expect("events")
        .into_iter()
        .find(|e| !e.partners.is_empty())
        .expect("one with partners");
    let with_photo = add_event_photo(&s, &event.id, "清掃.png", PNG).expect("photo");
    let seq = delete_event(&s, &event.id).expect("delete");
    assert!(read_event(&s, &event.id).is_err(), "gone");
    let back = s.write(|w| events::restore(w, seq)).and_then(|id| read_event(&s, &id)).expect("undo");
    assert_eq!(back.id, event.id, "the same record, so links to it still hold");
    assert_eq!(back.title, event.title);
    assert_eq!(back.partners, event.partners);
    assert_eq!(back.photos, with_photo.photos);
    assert_eq!(back.action_id, event.action_id);
    let again = s.write(|w| events::restore(w, seq)).expect_err("only once");
    assert!(matches!(again, Error::Conflict(_)));
}
