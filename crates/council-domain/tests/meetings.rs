//! Meetings and minutes on a real SQLite file: a 総会 for every member household, its agenda with
//! motions numbered in agenda order, attendance with proxies and written votes against the quorum,
//! results checked against their majority rule, the minutes' lifecycle up to signing (after which the
//! core refuses every edit with `locked`), the amendment, papers stored in the data folder, action items
//! and finding past decisions by word.

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::error::Error;
use council_domain::meetings::minutes::{self, Minutes, MinutesId, MinutesInput, MinutesItem};
use council_domain::meetings::papers::{self, MeetingPaper, PaperKind};
use council_domain::meetings::{
    self, ActionItemInput, ActionItemStatus, AgendaItemId, AgendaItemInput, AgendaKind, Attendance, AttendanceInput,
    InviteRule, Majority, Meeting, MeetingId, MeetingInput, MeetingKind, MeetingQuery, MinutesStatus, MotionResult,
    MotionResultInput, QuorumBasis, QuorumRule,
};
use council_domain::members::{self, HouseholdInput, PersonInput};
use council_domain::{Result, Session, attachments, audit, council, folder, search};
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

/// One meeting with its invitees, agenda, quorum finding and minutes.
fn meeting(s: &Session, id: &MeetingId) -> Result<Meeting> {
    s.read(|r| meetings::get(r, id, council::start_month(r)?))
}

/// One set of minutes.
fn minutes_of(s: &Session, id: &MinutesId) -> Result<Minutes> {
    s.read(|r| minutes::get(r, id))
}

/// The data of a meeting's printed paper (the minutes: `minutes`, default the original).
fn meeting_paper(s: &Session, id: &MeetingId, kind: PaperKind, minutes: Option<&MinutesId>) -> Result<MeetingPaper> {
    s.read(|r| papers::paper(r, &meetings::get(r, id, council::start_month(r)?)?, kind, minutes, r.today()))
}

/// Ten member households of two persons each.
fn ten_households(s: &Session) {
    for n in 0..10 {
        let person = |name: String, head: bool| PersonInput {
            id: None,
            name,
            kana: "さとう".into(),
            is_head: head,
            phone: String::new(),
            email: String::new(),
            birth_year: None,
            relation: String::new(),
            notes: String::new(),
        };
        s.write(|w| {
            members::create_household(
                w,
                &HouseholdInput {
                    code: String::new(),
                    address: format!("みどり市さくら台一丁目{n}番"),
                    block_id: None,
                    joined_on: d("2020-04-01"),
                    notes: String::new(),
                    persons: vec![person(format!("佐藤 {n}郎"), true), person(format!("佐藤 {n}子"), false)],
                },
            )
        })
        .expect("household");
    }
}

fn general_meeting(s: &Session) -> Meeting {
    let input = MeetingInput {
        kind: MeetingKind::General,
        title: String::new(),
        held_on: d("2027-04-25"),
        starts_at: "10:00".into(),
        place: "さくら台集会所".into(),
        chair: String::new(),
        invite: None,
        notes: String::new(),
    };
    s.write(|w| meetings::create(w, &input, council::start_month(w)?)).and_then(|id| meeting(s, &id)).expect("meeting")
}

fn item(kind: AgendaKind, title: &str, majority: Majority) -> AgendaItemInput {
    AgendaItemInput {
        kind,
        title: title.into(),
        presenter: "会長".into(),
        planned_minutes: Some(10),
        proposal: format!("{title}を承認する。"),
        majority,
    }
}

fn attend(seqs: &[(u32, Attendance)]) -> Vec<AttendanceInput> {
    seqs.iter().map(|(seq, a)| AttendanceInput { seq: *seq, attendance: *a, proxy_holder: String::new() }).collect()
}

fn result(result: MotionResult, f: u32, a: u32, x: u32) -> MotionResultInput {
    MotionResultInput { result, votes_for: Some(f), votes_against: Some(a), votes_abstain: Some(x) }
}

#[test]
fn a_general_meeting_from_agenda_to_signed_minutes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let record_motion_result = |item: &AgendaItemId, input: &MotionResultInput| {
        s.write(|w| meetings::record_result(w, item, input, council::start_month(w)?))
    };
    let advance = |id: &MinutesId, to: MinutesStatus| s.write(|w| papers::advance_minutes(w, id, to));
    ten_households(&s);
    let m = general_meeting(&s);
    assert_eq!(m.title, "令和9年度 定期総会", "an untitled 総会 is named after its fiscal year");
    assert_eq!(m.invite, InviteRule::AllHouseholds, "a 総会 invites every member household by default");
    assert_eq!(m.invitees.len(), 10, "one invitee per household, not per person");
    assert!(m.date_text.ja.starts_with("令和9年4月25日（日）"), "和暦 with the weekday: {}", m.date_text.ja);

    // Agenda: a topic and two motions; moving the second motion up renumbers them.
    let id = m.id.clone();
    s.write(|w| meetings::add_item(w, &id, &item(AgendaKind::Topic, "会長挨拶", Majority::Simple))).expect("topic");
    s.write(|w| meetings::add_item(w, &id, &item(AgendaKind::Motion, "令和8年度事業報告について", Majority::Simple)))
        .expect("m1");
    s.write(|w| meetings::add_item(w, &id, &item(AgendaKind::Motion, "規約の一部改正について", Majority::TwoThirds)))
        .expect("m2");
    let m = meeting(&s, &id).expect("m2");
    let numbers: Vec<&str> = m.agenda.iter().map(|i| i.number_text.as_str()).collect();
    assert_eq!(numbers, ["議題1", "第1号議案", "第2号議案"], "motions are numbered in agenda order");
    let bylaw = m.agenda[2].id.clone();
    let m = s.write(|w| meetings::move_item(w, &bylaw, 1)).and_then(|id| meeting(&s, &id)).expect("move");
    assert_eq!(m.agenda[0].title, "規約の一部改正について", "moved to the top");
    assert_eq!(m.agenda[0].number_text, "第1号議案", "its number follows its new place");
    assert_eq!(m.agenda[2].number_text, "第2号議案");
    let report = m.agenda[2].id.clone();

    // A paper attached to a motion lives in the data folder's attachments, content-addressed.
    let m = s
        .write(|w| meetings::attach_paper(w, &s.dir().attachments(), &report, "資料1_事業報告.pdf", b"%PDF-1.4 report"))
        .and_then(|id| meeting(&s, &id))
        .expect("paper");
    let paper = &m.agenda[2].papers[0];
    assert_eq!(paper.file_name, "資料1_事業報告.pdf");
    assert!(dir.path().join("attachments").join(&paper.sha256).exists(), "stored under attachments/<sha256>");
    assert_eq!(attachments::read_file(&s.dir().attachments(), &paper.sha256).expect("read"), b"%PDF-1.4 report");
    let backup = s.backup_now(council_store::backup::BackupReason::Manual).expect("backup");
    let info = folder::inspect_backup(std::path::Path::new(&backup.path)).expect("inspect");
    assert_eq!(info.attachments, 1, "a backup carries the attached paper with the records that name it");

    // Attendance: 3 present, 2 proxies, 1 written vote = 6 of 10: more than half.
    let lines = attend(&[
        (1, Attendance::Present),
        (2, Attendance::Present),
        (3, Attendance::Present),
        (4, Attendance::Proxy),
        (5, Attendance::Absent),
    ]);
    s.write(|w| meetings::record_attendance(w, &id, &lines)).expect("attendance");
    let m = meeting(&s, &id).expect("attendance");
    assert_eq!(m.quorum.attending, 4);
    assert!(!m.quorum.met, "4 of 10 is not more than half");
    s.write(|w| meetings::record_attendance(w, &id, &attend(&[(5, Attendance::Proxy), (6, Attendance::WrittenVote)])))
        .expect("attendance");
    let m = meeting(&s, &id).expect("attendance");
    assert_eq!((m.quorum.present, m.quorum.proxies, m.quorum.written_votes), (3, 2, 1));
    assert!(m.quorum.met, "proxies and written votes count toward the quorum: 6 of 10");
    assert_eq!(m.quorum.needed, 6);

    // Results: the votes cannot exceed those attending, and must agree with the majority rule.
    let err = record_motion_result(&bylaw, &result(MotionResult::Carried, 5, 1, 1)).expect_err("7 votes of 6");
    assert!(matches!(err, Error::Validation { .. }), "more votes than attendees is refused: {err}");
    let err = record_motion_result(&bylaw, &result(MotionResult::Carried, 3, 3, 0)).expect_err("3 of 6");
    assert!(err.text().ja.contains("3分の2以上"), "names the rule it failed: {}", err.text().ja);
    let m = record_motion_result(&bylaw, &result(MotionResult::Carried, 4, 1, 1))
        .and_then(|id| meeting(&s, &id))
        .expect("4 of 6 is 2/3");
    assert_eq!(m.agenda[0].result, MotionResult::Carried);
    let m = record_motion_result(&report, &result(MotionResult::Carried, 5, 0, 1))
        .and_then(|id| meeting(&s, &id))
        .expect("report");
    assert_eq!(m.agenda[2].votes_for, Some(5));
    let topic = m.agenda[1].id.clone();
    assert!(record_motion_result(&topic, &result(MotionResult::Carried, 1, 0, 0)).is_err(), "a topic is not voted on");

    // Minutes: start from the agenda, write, circulate, approve, sign.
    let minutes = s.write(|w| minutes::start(w, &id)).and_then(|m| minutes_of(&s, &m)).expect("minutes");
    assert_eq!(minutes.items.len(), 3, "one discussion line per agenda item, nothing typed twice");
    assert_eq!(
        s.write(|w| minutes::start(w, &id)).and_then(|m| minutes_of(&s, &m)).expect("again").id,
        minutes.id,
        "starting twice opens the same minutes"
    );
    let hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let input = MinutesInput {
        chair: "佐藤 1郎".into(),
        recorder: "書記".into(),
        signatory1: "佐藤 2郎".into(),
        signatory2: String::new(),
        opening: "定刻に開会した。".into(),
        closing: "閉会した。".into(),
        correction: String::new(),
        items: vec![MinutesItem { agenda_item_id: bylaw.clone(), discussion: format!("質疑あり。{hostile}") }],
    };
    s.write(|w| minutes::update(w, &minutes.id, &input)).expect("save");
    let minutes = minutes_of(&s, &minutes.id).expect("save");
    assert!(minutes.items[0].discussion.ends_with(hostile), "stored exactly as typed (the window shows it as text)");
    advance(&minutes.id, MinutesStatus::Circulated).expect("circulate");
    assert!(
        advance(&minutes.id, MinutesStatus::Signed).is_err(),
        "circulated minutes are approved before they are signed"
    );
    advance(&minutes.id, MinutesStatus::Approved).expect("approve");
    let err = advance(&minutes.id, MinutesStatus::Signed).expect_err("a signatory is missing");
    match err {
        Error::Validation { problems, .. } => {
            assert_eq!(problems[0].field, "signatory2", "the missing second signatory is named")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // Approved minutes are signed as approved: they are not edited any more.
    assert!(
        matches!(s.write(|w| minutes::update(w, &minutes.id, &input)).expect_err("approved"), Error::Conflict(_)),
        "approved minutes are not edited"
    );

    // A second meeting whose minutes name everyone, signed.
    let m2 = general_meeting(&s);
    s.write(|w| meetings::add_item(w, &m2.id, &item(AgendaKind::Motion, "会費の改定について", Majority::Simple)))
        .expect("motion");
    let motion = meeting(&s, &m2.id).expect("motion").agenda[0].id.clone();
    let mm = s.write(|w| minutes::start(w, &m2.id)).and_then(|m| minutes_of(&s, &m)).expect("minutes");
    let full = MinutesInput {
        signatory2: "佐藤 3郎".into(),
        items: vec![MinutesItem { agenda_item_id: motion.clone(), discussion: "賛成多数で可決。".into() }],
        ..input.clone()
    };
    s.write(|w| minutes::update(w, &mm.id, &full)).expect("save");
    for step in [MinutesStatus::Circulated, MinutesStatus::Approved, MinutesStatus::Signed] {
        advance(&mm.id, step).expect("advance");
    }
    let signed = minutes_of(&s, &mm.id).expect("signed");
    assert!(signed.locked && signed.signed_on == Some(d("2026-11-23")), "signed today and locked");

    // Locked in the core: the minutes, the agenda, the attendance and the results all refuse edits.
    let locked = |r: council_domain::Result<()>, what: &str| {
        let e = r.expect_err(what);
        assert!(matches!(e, Error::Locked(_)), "{what}: refused with the `locked` code ({e})");
    };
    locked(s.write(|w| minutes::update(w, &mm.id, &full)).map(drop), "editing signed minutes");
    locked(advance(&mm.id, MinutesStatus::Signed).map(drop), "signing twice");
    locked(
        s.write(|w| meetings::add_item(w, &m2.id, &item(AgendaKind::Topic, "追加", Majority::Simple))).map(drop),
        "agenda",
    );
    locked(s.write(|w| meetings::move_item(w, &motion, 1)).map(drop), "reordering");
    locked(
        s.write(|w| meetings::record_attendance(w, &m2.id, &attend(&[(1, Attendance::Present)]))).map(drop),
        "attendance",
    );
    locked(record_motion_result(&motion, &result(MotionResult::Rejected, 0, 0, 0)).map(drop), "the motion's result");
    locked(
        s.write(|w| meetings::attach_paper(w, &s.dir().attachments(), &motion, "後から.pdf", b"x")).map(drop),
        "papers",
    );
    assert!(meeting(&s, &m2.id).expect("meeting").locked, "the meeting says it is locked");

    // The printed minutes are the document as signed, with the signature lines.
    let MeetingPaper::Minutes(doc) = meeting_paper(&s, &m2.id, PaperKind::Minutes, None).expect("paper") else {
        panic!("minutes expected")
    };
    assert_eq!(doc.status, "署名済み");
    let roles: Vec<&str> = doc.signature_lines.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(roles, ["議長", "議事録署名人", "議事録署名人"], "chair and two signatories sign");
    assert_eq!(doc.items[0].discussion, "賛成多数で可決。");

    // A correction is an amendment, linked, with its own lifecycle; the signed minutes stay as they were.
    let amendment = s.write(|w| minutes::amend(w, &mm.id)).and_then(|m| minutes_of(&s, &m)).expect("amend");
    assert_eq!(amendment.amends_id.as_ref(), Some(&mm.id), "linked to what it corrects");
    assert_eq!(amendment.status, MinutesStatus::Draft);
    let fix = MinutesInput { correction: "審議内容の誤記を訂正する。".into(), ..full.clone() };
    s.write(|w| minutes::update(w, &amendment.id, &fix)).expect("the amendment can be edited");
    assert_eq!(minutes_of(&s, &mm.id).expect("orig").amended_by.as_ref(), Some(&amendment.id));
    let MeetingPaper::Minutes(doc) =
        meeting_paper(&s, &m2.id, PaperKind::Minutes, Some(&amendment.id)).expect("amendment paper")
    else {
        panic!("minutes expected")
    };
    assert!(doc.correction.as_deref().is_some_and(|c| c.contains("誤記を訂正")), "{:?}", doc.correction);
    let history = s.read(|r| audit::for_record(r, "minutes", amendment.id.as_str())).expect("history");
    assert!(!history.is_empty(), "the amendment has its own history");
}

#[test]
fn papers_carry_the_agenda_and_the_forms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    ten_households(&s);
    let m = general_meeting(&s);
    s.write(|w| meetings::add_item(w, &m.id, &item(AgendaKind::Topic, "会長挨拶", Majority::Simple))).expect("topic");
    s.write(|w| meetings::add_item(w, &m.id, &item(AgendaKind::Motion, "事業計画について", Majority::Simple)))
        .expect("m");
    let m = meeting(&s, &m.id).expect("m");
    s.write(|w| meetings::attach_paper(w, &s.dir().attachments(), &m.agenda[1].id, "資料.pdf", b"paper"))
        .expect("paper");
    let MeetingPaper::Notice(notice) = meeting_paper(&s, &m.id, PaperKind::Notice, None).expect("notice") else {
        panic!("notice")
    };
    assert!(notice.with_forms, "a 総会 notice comes with the proxy and written-vote forms");
    assert_eq!(notice.header.council_name, "さくら台自治会");
    assert_eq!(notice.agenda.len(), 2);
    let MeetingPaper::ProxyForm(proxy) = meeting_paper(&s, &m.id, PaperKind::ProxyForm, None).expect("proxy") else {
        panic!("proxy")
    };
    assert_eq!(proxy.motions.len(), 1, "the forms list the motions only");
    let MeetingPaper::AttendanceSheet(sheet) =
        meeting_paper(&s, &m.id, PaperKind::AttendanceSheet, None).expect("sheet")
    else {
        panic!("sheet")
    };
    assert_eq!(sheet.lines.len(), 10, "a line per invitee to sign");
    let MeetingPaper::BoardPack(pack) = meeting_paper(&s, &m.id, PaperKind::BoardPack, None).expect("pack") else {
        panic!("pack")
    };
    assert_eq!(pack.contents, ["開催通知", "次第", "第1号議案 事業計画について", "資料一覧"]);
    assert_eq!(pack.papers, [("第1号議案".to_owned(), "資料.pdf".to_owned())]);
    assert!(meeting_paper(&s, &m.id, PaperKind::Minutes, None).is_err(), "no minutes yet: said so");
}

#[test]
fn quorum_per_person_and_board_meetings_invite_the_officers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    ten_households(&s);
    let rule = QuorumRule { basis: QuorumBasis::Person, ..QuorumRule::default() };
    s.write(|w| meetings::set_quorum_rule(w, rule)).expect("rule");
    assert_eq!(s.read(|r| meetings::quorum_rule(r)).expect("rule"), rule);
    let m = general_meeting(&s);
    assert_eq!(m.invite, InviteRule::AllPersons, "counted per person, a 総会 invites every member");
    assert_eq!(m.invitees.len(), 20);
    assert_eq!(m.quorum.needed, 11, "more than half of 20");
    let bad = QuorumRule { numerator: 3, denominator: 2, ..rule };
    assert!(matches!(s.write(|w| meetings::set_quorum_rule(w, bad)).expect_err("3/2"), Error::Validation { .. }));

    let demo_dir = tempfile::tempdir().expect("tempdir");
    let demo =
        council_domain::open(DataDir::at(demo_dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("o");
    demo.write(|w| council_demo::create(w, &demo.dir().attachments())).expect("demo");
    let list = demo.read(|r| meetings::list(r, &MeetingQuery::default(), council::start_month(r)?)).expect("list");
    let board = list.meetings.iter().find(|m| m.kind == MeetingKind::Board).expect("the demo's 役員会");
    let board = meeting(&demo, &board.id).expect("board");
    assert_eq!(board.invite, InviteRule::Officers);
    assert_eq!(board.invitees.first().map(|i| i.label.as_str()), Some("会長"), "officers in the city's order");
    assert!(board.invitees.iter().all(|i| !i.label.contains("班長")), "block leaders are not board members");
}

#[test]
fn the_demo_has_a_signed_general_meeting_and_overdue_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s =
        council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    let list = s.read(|r| {
        let q = MeetingQuery { kind: Some(MeetingKind::General), fiscal_year: Some(2026), text: String::new() };
        meetings::list(r, &q, council::start_month(r)?)
    });
    let list = list.expect("list");
    assert_eq!(list.meetings.len(), 1, "one 総会 in 令和8年度");
    let general = meeting(&s, &list.meetings[0].id).expect("meeting");
    assert_eq!(general.held_on, d("2026-04-26"));
    assert!(general.locked && general.quorum.met, "signed minutes, quorum met");
    assert_eq!(general.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).count(), 6);
    assert!(general.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).all(|i| i.result == MotionResult::Carried));

    let actions = s.read(|r| meetings::action_items(r, true, r.today())).expect("actions");
    assert_eq!(actions.len(), 2, "two open action items");
    assert_eq!(actions.iter().filter(|a| a.overdue).count(), 1, "one is overdue on 2026-11-23");
    let first = actions[0].id.clone();
    s.write(|w| meetings::set_action_status(w, &first, ActionItemStatus::Done)).expect("done");
    let after = s.read(|r| meetings::action_items(r, false, r.today())).expect("done");
    assert!(after.iter().all(|a| !a.overdue), "done is no longer overdue");
    let input = ActionItemInput {
        meeting_id: general.id.clone(),
        agenda_item_id: None,
        title: "  ".into(),
        owner: String::new(),
        due_on: None,
    };
    assert!(matches!(s.write(|w| meetings::create_action(w, &input)).expect_err("empty"), Error::Validation { .. }));

    // Find past decisions by word: a word of the proposal, of a title, of the minutes' discussion.
    let find = |text: &str, kind: Option<MeetingKind>, year: Option<i32>| {
        s.read(|r| {
            meetings::list(r, &MeetingQuery { kind, fiscal_year: year, text: text.into() }, council::start_month(r)?)
        })
        .expect("search")
        .hits
    };
    let hits = find("防災訓練", None, None);
    assert!(hits.iter().any(|h| h.number_text == "第3号議案"), "found in the plan's proposal: {hits:?}");
    let hits = find("夜警", None, None);
    assert_eq!(hits.len(), 1, "the board's motion");
    assert_eq!(hits[0].kind, MeetingKind::Board);
    assert!(find("夜警", Some(MeetingKind::General), None).is_empty(), "filtered by kind");
    assert!(find("防災訓練", None, Some(2025)).is_empty(), "filtered by fiscal year");
    let hits = find("延べ214名", None, None);
    assert_eq!(hits.len(), 1, "found in the minutes' discussion");
    assert_eq!(hits[0].result, MotionResult::Carried);
    assert!(find("規約 書面表決", None, None).iter().any(|h| h.number_text == "第6号議案"), "every word must match");
    let global = s.read(|r| search::global(r, "夜警", 8)).expect("global search");
    assert_eq!(global.decisions.len(), 1, "the search box on every screen finds past decisions too");
    assert_eq!(global.decisions[0].item_title, "年末夜警の実施について");
}

#[test]
fn a_committee_chooses_its_members_and_guests_and_its_quorum_counts_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    ten_households(&s);
    let input = MeetingInput {
        kind: MeetingKind::Committee,
        title: "防災部会".into(),
        held_on: d("2026-12-10"),
        starts_at: "19:00".into(),
        place: "さくら台集会所".into(),
        chair: String::new(),
        invite: None,
        notes: String::new(),
    };
    let id = s.write(|w| meetings::create(w, &input, council::start_month(w)?)).expect("committee");
    let m = meeting(&s, &id).expect("meeting");
    assert_eq!(m.invite, InviteRule::None);
    assert!(m.invitees.is_empty(), "nobody until chosen");

    let found = s.read(|r| members::find_persons(r, "佐藤", 20)).expect("find");
    let add = |person: Option<&members::PersonHit>, name: &str, label: &str| {
        let input = meetings::InviteeInput {
            person_id: person.map(|p| p.person_id.clone()),
            name: name.into(),
            label: label.into(),
        };
        s.write(|w| meetings::add_invitee(w, &id, &input))
    };
    for p in &found[..3] {
        add(Some(p), "", "").expect("a member");
    }
    add(None, "  市役所 太郎 ", "市役所 地域振興課").expect("a guest");
    let again = add(Some(&found[0]), "", "").expect_err("twice");
    assert!(matches!(again, Error::Validation { .. }), "{again:?}");
    let nameless = add(None, " ", "来賓").expect_err("no name");
    assert!(matches!(nameless, Error::Validation { .. }), "{nameless:?}");

    let m = meeting(&s, &id).expect("meeting");
    let lines: Vec<(u32, &str, &str)> = m.invitees.iter().map(|i| (i.seq, i.name.as_str(), i.label.as_str())).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], (1, found[0].name.as_str(), ""), "a roster person without a block or office");
    assert_eq!(lines[3], (4, "市役所 太郎", "市役所 地域振興課"), "the guest, trimmed");
    assert_eq!(m.quorum.members, 4, "the quorum counts those chosen");

    // Someone whose attendance is recorded is not dropped by a click; the others are, and the lines move up.
    s.write(|w| meetings::record_attendance(w, &id, &attend(&[(2, Attendance::Present), (3, Attendance::Present)])))
        .expect("attendance");
    let recorded = s.write(|w| meetings::remove_invitee(w, &id, 2)).expect_err("recorded");
    assert!(matches!(recorded, Error::Conflict(_)), "{recorded:?}");
    s.write(|w| meetings::remove_invitee(w, &id, 1)).expect("remove the first");
    let m = meeting(&s, &id).expect("meeting");
    let seqs: Vec<(u32, Attendance)> = m.invitees.iter().map(|i| (i.seq, i.attendance)).collect();
    assert_eq!(seqs, [(1, Attendance::Present), (2, Attendance::Present), (3, Attendance::Unrecorded)]);
    assert_eq!((m.quorum.members, m.quorum.attending), (3, 2));
    let history = s.read(|r| audit::for_record(r, "meeting", id.as_str())).expect("history");
    assert!(history.iter().any(|e| e.summary.contains("市役所 太郎さんを追加")), "{history:?}");

    // A 総会's invitees come from the roster: none added or removed by hand.
    let general = general_meeting(&s);
    let refused = s
        .write(|w| {
            meetings::add_invitee(
                w,
                &general.id,
                &meetings::InviteeInput { person_id: None, name: "来賓".into(), label: String::new() },
            )
        })
        .expect_err("roster meeting");
    assert!(matches!(refused, Error::Conflict(_)), "{refused:?}");
}

#[test]
fn written_votes_are_recorded_by_motion_and_tallied_with_the_proxies() {
    use council_domain::meetings::written::{self, ProxyHolder, Vote, WrittenVote};
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    ten_households(&s);
    let m = general_meeting(&s);
    let add = |kind, title| s.write(|w| meetings::add_item(w, &m.id, &item(kind, title, Majority::Simple)));
    let report = add(AgendaKind::Topic, "会長挨拶").expect("topic");
    let budget = add(AgendaKind::Motion, "予算について").expect("motion 1");
    let bylaw = add(AgendaKind::Motion, "規約の改正について").expect("motion 2");
    let mut lines = attend(&[(1, Attendance::Present), (2, Attendance::WrittenVote), (3, Attendance::WrittenVote)]);
    lines.extend([4, 5, 6].map(|seq| AttendanceInput {
        seq,
        attendance: Attendance::Proxy,
        proxy_holder: if seq == 6 { "佐藤 1郎".into() } else { String::new() },
    }));
    s.write(|w| meetings::record_attendance(w, &m.id, &lines)).expect("attendance");
    let vote = |item: &AgendaItemId, vote| WrittenVote { item_id: item.clone(), vote };
    let record = |seq, votes: &[WrittenVote]| s.write(|w| written::record_votes(w, &m.id, seq, votes));

    // 2: for both; 3: against the bylaw, the budget left blank.
    record(2, &[vote(&budget, Vote::For), vote(&bylaw, Vote::For)]).expect("line 2");
    record(3, &[vote(&bylaw, Vote::Against)]).expect("line 3");
    let got = meeting(&s, &m.id).expect("meeting");
    let t = &got.tally;
    assert_eq!((t.written_votes, t.proxies), (2, 3));
    let by_motion: Vec<_> = t
        .motions
        .iter()
        .map(|x| {
            (x.number_text.as_str(), x.written_for, x.written_against, x.written_abstain, x.written_blank, x.proxies)
        })
        .collect();
    assert_eq!(by_motion, vec![("第1号議案", 1, 0, 0, 1, 3), ("第2号議案", 1, 1, 0, 0, 3)]);
    assert_eq!(
        t.holders,
        vec![ProxyHolder { holder: "議長".into(), count: 2 }, ProxyHolder { holder: "佐藤 1郎".into(), count: 1 }],
        "a proxy naming no one goes to the chair"
    );

    // Refused: a line that is not a written vote, a topic, a motion of another meeting.
    let not_written = record(1, &[vote(&budget, Vote::For)]);
    assert!(matches!(not_written, Err(Error::Validation { .. })), "{not_written:?}");
    let topic = record(2, &[vote(&report, Vote::For)]);
    assert!(matches!(topic, Err(Error::Validation { .. })), "{topic:?}");
    assert_eq!(meeting(&s, &m.id).expect("meeting").tally, got.tally, "a refusal changes nothing");

    // The tally sheet: by motion, every written vote by name (blank as empty), every proxy.
    let MeetingPaper::VoteTally(doc) = meeting_paper(&s, &m.id, PaperKind::VoteTally, None).expect("paper") else {
        panic!("a tally sheet")
    };
    let marks: Vec<(u32, Vec<String>)> = doc.voters.iter().map(|v| (v.seq, v.votes.clone())).collect();
    assert_eq!(marks, vec![(2, vec!["賛成".into(), "賛成".into()]), (3, vec![String::new(), "反対".into()])]);
    assert_eq!(doc.proxies.iter().map(|p| p.holder.as_str()).collect::<Vec<_>>(), vec!["議長", "議長", "佐藤 1郎"]);

    // A line that stops being a written vote loses its votes; the signed meeting refuses any.
    s.write(|w| meetings::record_attendance(w, &m.id, &attend(&[(3, Attendance::Present)]))).expect("changed");
    let t = meeting(&s, &m.id).expect("meeting").tally;
    assert_eq!((t.written_votes, t.motions[1].written_against), (1, 0));
    s.write(|w| meetings::record_attendance(w, &m.id, &attend(&[(3, Attendance::WrittenVote)]))).expect("back");
    assert!(meeting(&s, &m.id).expect("meeting").invitees[2].written_votes.is_empty(), "nothing comes back by itself");

    let demo_dir = tempfile::tempdir().expect("tempdir");
    let demo = open(&demo_dir);
    demo.write(|w| council_demo::create(w, &demo.dir().attachments())).expect("demo");
    let general = demo
        .read(|r| meetings::list(r, &MeetingQuery::default(), council::start_month(r)?))
        .expect("list")
        .meetings
        .into_iter()
        .find(|m| m.kind == MeetingKind::General)
        .expect("the demo's 総会");
    let signed = demo.read(|r| meetings::get(r, &general.id, 4)).expect("meeting");
    assert!(signed.locked && signed.tally.written_votes > 0, "the demo's 総会 had written votes");
    let bylaw = signed.tally.motions.iter().find(|x| x.title.contains("規約")).expect("bylaw motion");
    assert_eq!(bylaw.written_against, 1, "one written vote against the bylaw change");
    let seq = signed.invitees.iter().find(|i| i.attendance == Attendance::WrittenVote).expect("a written vote").seq;
    let locked = demo.write(|w| written::record_votes(w, &general.id, seq, &[]));
    assert!(matches!(locked, Err(Error::Locked(_))), "signed minutes: {locked:?}");
}

#[test]
fn a_bylaw_change_carries_its_comparison_table_into_the_board_pack() {
    use council_domain::meetings::ComparisonRow;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir);
    let m = general_meeting(&s);
    let topic = s
        .write(|w| meetings::add_item(w, &m.id, &item(AgendaKind::Topic, "会長挨拶", Majority::Simple)))
        .expect("topic");
    let bylaw = s
        .write(|w| {
            meetings::add_item(w, &m.id, &item(AgendaKind::Motion, "規約の一部改正について", Majority::TwoThirds))
        })
        .expect("motion");
    let row = |a: &str, c: &str, p: &str| ComparisonRow { article: a.into(), current: c.into(), proposed: p.into() };
    let rows = vec![
        row(" 第12条 ", "総会は過半数の出席で成立する。", "総会は過半数の出席で成立する。書面表決を含む。"),
        row("", "", ""),
        row("第20条", "", "会費は年額3,600円とする。"),
    ];
    s.write(|w| meetings::set_comparison(w, &bylaw, &rows)).expect("saved");
    let got = meeting(&s, &m.id).expect("meeting");
    let table = &got.agenda.iter().find(|i| i.id == bylaw).expect("motion").comparison;
    assert_eq!(table.len(), 2, "the empty row is dropped");
    assert_eq!((table[0].article.as_str(), table[1].current.as_str()), ("第12条", ""), "trimmed; a new article");

    // Refused: a row without its article, a row without either text, a topic; nothing changes.
    let err = s.write(|w| meetings::set_comparison(w, &bylaw, &[row("", "旧", "新"), row("第3条", "", "")]));
    let Err(Error::Validation { problems, .. }) = err else { panic!("refused: {err:?}") };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["comparison.0.article", "comparison.1.proposed"]);
    assert!(matches!(s.write(|w| meetings::set_comparison(w, &topic, &rows)), Err(Error::Validation { .. })));
    assert_eq!(&meeting(&s, &m.id).expect("meeting").agenda[1].comparison, table, "a refusal changes nothing");

    // The board pack carries it under the motion.
    let MeetingPaper::BoardPack(pack) = meeting_paper(&s, &m.id, PaperKind::BoardPack, None).expect("pack") else {
        panic!("a board pack")
    };
    assert_eq!(&pack.motions[0].comparison, table);
    // An empty list removes the table.
    s.write(|w| meetings::set_comparison(w, &bylaw, &[])).expect("removed");
    assert!(meeting(&s, &m.id).expect("meeting").agenda[1].comparison.is_empty());
}
