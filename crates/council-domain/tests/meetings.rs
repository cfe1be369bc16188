//! Meetings and minutes on a real SQLite file: a 総会 for every member household, its agenda with
//! motions numbered in agenda order, attendance with proxies and written votes against the quorum,
//! results checked against their majority rule, the minutes' lifecycle up to signing (after which the
//! core refuses every edit with `locked`), the amendment, papers stored in the data folder, action items
//! and finding past decisions by word.

use chrono::NaiveDate;
use council_core::clock::FixedClock;
use council_core::data_dir::DataDir;
use council_core::error::{Error, ErrorCode};
use council_core::meetings::minutes::{MinutesInput, MinutesItem};
use council_core::meetings::papers::{MeetingPaper, PaperKind};
use council_core::meetings::{
    ActionItemInput, ActionItemStatus, AgendaItemInput, AgendaKind, Attendance, AttendanceInput, InviteRule, Majority,
    Meeting, MeetingInput, MeetingKind, MeetingQuery, MinutesStatus, MotionResult, MotionResultInput, QuorumBasis,
    QuorumRule,
};
use council_core::members::{HouseholdInput, PersonInput};
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

/// Ten member households of two persons each.
fn ten_households(desk: &mut Desk) {
    for n in 0..10 {
        let person = |name: String, head: bool| PersonInput {
            id: None,
            name,
            kana: "さとう".into(),
            is_head: head,
            phone: String::new(),
            email: String::new(),
            birth_year: None,
            notes: String::new(),
        };
        desk.create_household(&HouseholdInput {
            code: String::new(),
            address: format!("みどり市さくら台一丁目{n}番"),
            block_id: None,
            joined_on: d("2020-04-01"),
            notes: String::new(),
            persons: vec![person(format!("佐藤 {n}郎"), true), person(format!("佐藤 {n}子"), false)],
        })
        .expect("household");
    }
}

fn general_meeting(desk: &mut Desk) -> Meeting {
    desk.create_meeting(&MeetingInput {
        kind: MeetingKind::General,
        title: String::new(),
        held_on: d("2027-04-25"),
        starts_at: "10:00".into(),
        place: "さくら台集会所".into(),
        chair: String::new(),
        invite: None,
        notes: String::new(),
    })
    .expect("meeting")
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
    let mut desk = desk(&dir);
    ten_households(&mut desk);
    let m = general_meeting(&mut desk);
    assert_eq!(m.title, "令和9年度 定期総会", "an untitled 総会 is named after its fiscal year");
    assert_eq!(m.invite, InviteRule::AllHouseholds, "a 総会 invites every member household by default");
    assert_eq!(m.invitees.len(), 10, "one invitee per household, not per person");
    assert!(m.date_text.ja.starts_with("令和9年4月25日（日）"), "和暦 with the weekday: {}", m.date_text.ja);

    // Agenda: a topic and two motions; moving the second motion up renumbers them.
    let id = m.id.clone();
    desk.add_agenda_item(&id, &item(AgendaKind::Topic, "会長挨拶", Majority::Simple)).expect("topic");
    desk.add_agenda_item(&id, &item(AgendaKind::Motion, "令和8年度事業報告について", Majority::Simple)).expect("m1");
    let m = desk
        .add_agenda_item(&id, &item(AgendaKind::Motion, "規約の一部改正について", Majority::TwoThirds))
        .expect("m2");
    let numbers: Vec<&str> = m.agenda.iter().map(|i| i.number_text.as_str()).collect();
    assert_eq!(numbers, ["議題1", "第1号議案", "第2号議案"], "motions are numbered in agenda order");
    let bylaw = m.agenda[2].id.clone();
    let m = desk.move_agenda_item(&bylaw, 1).expect("move");
    assert_eq!(m.agenda[0].title, "規約の一部改正について", "moved to the top");
    assert_eq!(m.agenda[0].number_text, "第1号議案", "its number follows its new place");
    assert_eq!(m.agenda[2].number_text, "第2号議案");
    let report = m.agenda[2].id.clone();

    // A paper attached to a motion lives in the data folder's attachments, content-addressed.
    let m = desk.attach_paper(&report, "資料1_事業報告.pdf", b"%PDF-1.4 report").expect("paper");
    let paper = &m.agenda[2].papers[0];
    assert_eq!(paper.file_name, "資料1_事業報告.pdf");
    assert!(dir.path().join("attachments").join(&paper.sha256).exists(), "stored under attachments/<sha256>");
    assert_eq!(desk.paper_bytes(&paper.sha256).expect("read"), b"%PDF-1.4 report");
    let backup = desk.backup_now(council_core::backup::BackupReason::Manual).expect("backup");
    let info = desk.inspect_backup(std::path::Path::new(&backup.path)).expect("inspect");
    assert_eq!(info.attachments, 1, "a backup carries the attached paper with the records that name it");

    // Attendance: 3 present, 2 proxies, 1 written vote = 6 of 10: more than half.
    let lines = attend(&[
        (1, Attendance::Present),
        (2, Attendance::Present),
        (3, Attendance::Present),
        (4, Attendance::Proxy),
        (5, Attendance::Absent),
    ]);
    let m = desk.record_attendance(&id, &lines).expect("attendance");
    assert_eq!(m.quorum.attending, 4);
    assert!(!m.quorum.met, "4 of 10 is not more than half");
    let m = desk
        .record_attendance(&id, &attend(&[(5, Attendance::Proxy), (6, Attendance::WrittenVote)]))
        .expect("attendance");
    assert_eq!((m.quorum.present, m.quorum.proxies, m.quorum.written_votes), (3, 2, 1));
    assert!(m.quorum.met, "proxies and written votes count toward the quorum: 6 of 10");
    assert_eq!(m.quorum.needed, 6);

    // Results: the votes cannot exceed those attending, and must agree with the majority rule.
    let err = desk.record_motion_result(&bylaw, &result(MotionResult::Carried, 5, 1, 1)).expect_err("7 votes of 6");
    assert_eq!(err.code(), ErrorCode::Validation, "more votes than attendees is refused: {err}");
    let err = desk.record_motion_result(&bylaw, &result(MotionResult::Carried, 3, 3, 0)).expect_err("3 of 6");
    assert!(err.text().ja.contains("3分の2以上"), "names the rule it failed: {}", err.text().ja);
    let m = desk.record_motion_result(&bylaw, &result(MotionResult::Carried, 4, 1, 1)).expect("4 of 6 is 2/3");
    assert_eq!(m.agenda[0].result, MotionResult::Carried);
    let m = desk.record_motion_result(&report, &result(MotionResult::Carried, 5, 0, 1)).expect("report");
    assert_eq!(m.agenda[2].votes_for, Some(5));
    let topic = m.agenda[1].id.clone();
    assert!(
        desk.record_motion_result(&topic, &result(MotionResult::Carried, 1, 0, 0)).is_err(),
        "a topic is not voted on"
    );

    // Minutes: start from the agenda, write, circulate, approve, sign.
    let minutes = desk.start_minutes(&id).expect("minutes");
    assert_eq!(minutes.items.len(), 3, "one discussion line per agenda item, nothing typed twice");
    assert_eq!(desk.start_minutes(&id).expect("again").id, minutes.id, "starting twice opens the same minutes");
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
    let minutes = desk.update_minutes(&minutes.id, &input).expect("save");
    assert!(minutes.items[0].discussion.ends_with(hostile), "stored exactly as typed (the window shows it as text)");
    desk.advance_minutes(&minutes.id, MinutesStatus::Circulated).expect("circulate");
    assert!(
        desk.advance_minutes(&minutes.id, MinutesStatus::Signed).is_err(),
        "circulated minutes are approved before they are signed"
    );
    desk.advance_minutes(&minutes.id, MinutesStatus::Approved).expect("approve");
    let err = desk.advance_minutes(&minutes.id, MinutesStatus::Signed).expect_err("a signatory is missing");
    match err {
        Error::Validation { problems, .. } => {
            assert_eq!(problems[0].field, "signatory2", "the missing second signatory is named")
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // Approved minutes are signed as approved: they are not edited any more.
    assert_eq!(
        desk.update_minutes(&minutes.id, &input).expect_err("approved").code(),
        ErrorCode::Conflict,
        "approved minutes are not edited"
    );

    // A second meeting whose minutes name everyone, signed.
    let m2 = general_meeting(&mut desk);
    let motion = desk
        .add_agenda_item(&m2.id, &item(AgendaKind::Motion, "会費の改定について", Majority::Simple))
        .expect("motion")
        .agenda[0]
        .id
        .clone();
    let mm = desk.start_minutes(&m2.id).expect("minutes");
    let full = MinutesInput {
        signatory2: "佐藤 3郎".into(),
        items: vec![MinutesItem { agenda_item_id: motion.clone(), discussion: "賛成多数で可決。".into() }],
        ..input.clone()
    };
    desk.update_minutes(&mm.id, &full).expect("save");
    for step in [MinutesStatus::Circulated, MinutesStatus::Approved, MinutesStatus::Signed] {
        desk.advance_minutes(&mm.id, step).expect("advance");
    }
    let signed = desk.minutes(&mm.id).expect("signed");
    assert!(signed.locked && signed.signed_on == Some(d("2026-11-23")), "signed today and locked");

    // Locked in the core: the minutes, the agenda, the attendance and the results all refuse edits.
    let locked = |r: council_core::Result<()>, what: &str| {
        let e = r.expect_err(what);
        assert_eq!(e.code(), ErrorCode::Locked, "{what}: refused with the `locked` code ({e})");
    };
    locked(desk.update_minutes(&mm.id, &full).map(drop), "editing signed minutes");
    locked(desk.advance_minutes(&mm.id, MinutesStatus::Signed).map(drop), "signing twice");
    locked(desk.add_agenda_item(&m2.id, &item(AgendaKind::Topic, "追加", Majority::Simple)).map(drop), "agenda");
    locked(desk.move_agenda_item(&motion, 1).map(drop), "reordering");
    locked(desk.record_attendance(&m2.id, &attend(&[(1, Attendance::Present)])).map(drop), "attendance");
    locked(
        desk.record_motion_result(&motion, &result(MotionResult::Rejected, 0, 0, 0)).map(drop),
        "the motion's result",
    );
    locked(desk.attach_paper(&motion, "後から.pdf", b"x").map(drop), "papers");
    assert!(desk.meeting(&m2.id).expect("meeting").locked, "the meeting says it is locked");

    // The printed minutes are the document as signed, with the signature lines.
    let MeetingPaper::Minutes(doc) = desk.meeting_paper(&m2.id, PaperKind::Minutes, None).expect("paper") else {
        panic!("minutes expected")
    };
    assert_eq!(doc.status, "署名済み");
    let roles: Vec<&str> = doc.signature_lines.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(roles, ["議長", "議事録署名人", "議事録署名人"], "chair and two signatories sign");
    assert_eq!(doc.items[0].discussion, "賛成多数で可決。");

    // A correction is an amendment, linked, with its own lifecycle; the signed minutes stay as they were.
    let amendment = desk.amend_minutes(&mm.id).expect("amend");
    assert_eq!(amendment.amends_id.as_ref(), Some(&mm.id), "linked to what it corrects");
    assert_eq!(amendment.status, MinutesStatus::Draft);
    let fix = MinutesInput { correction: "審議内容の誤記を訂正する。".into(), ..full.clone() };
    desk.update_minutes(&amendment.id, &fix).expect("the amendment can be edited");
    assert_eq!(desk.minutes(&mm.id).expect("orig").amended_by.as_ref(), Some(&amendment.id));
    let MeetingPaper::Minutes(doc) =
        desk.meeting_paper(&m2.id, PaperKind::Minutes, Some(&amendment.id)).expect("amendment paper")
    else {
        panic!("minutes expected")
    };
    assert!(doc.correction.as_deref().is_some_and(|c| c.contains("誤記を訂正")), "{:?}", doc.correction);
    let history = desk.history("minutes", amendment.id.as_str()).expect("history");
    assert!(!history.is_empty(), "the amendment has its own history");
}

#[test]
fn papers_carry_the_agenda_and_the_forms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    ten_households(&mut desk);
    let m = general_meeting(&mut desk);
    desk.add_agenda_item(&m.id, &item(AgendaKind::Topic, "会長挨拶", Majority::Simple)).expect("topic");
    let m = desk.add_agenda_item(&m.id, &item(AgendaKind::Motion, "事業計画について", Majority::Simple)).expect("m");
    desk.attach_paper(&m.agenda[1].id, "資料.pdf", b"paper").expect("paper");
    let MeetingPaper::Notice(notice) = desk.meeting_paper(&m.id, PaperKind::Notice, None).expect("notice") else {
        panic!("notice")
    };
    assert!(notice.with_forms, "a 総会 notice comes with the proxy and written-vote forms");
    assert_eq!(notice.header.council_name, "さくら台自治会");
    assert_eq!(notice.agenda.len(), 2);
    let MeetingPaper::ProxyForm(proxy) = desk.meeting_paper(&m.id, PaperKind::ProxyForm, None).expect("proxy") else {
        panic!("proxy")
    };
    assert_eq!(proxy.motions.len(), 1, "the forms list the motions only");
    let MeetingPaper::AttendanceSheet(sheet) =
        desk.meeting_paper(&m.id, PaperKind::AttendanceSheet, None).expect("sheet")
    else {
        panic!("sheet")
    };
    assert_eq!(sheet.lines.len(), 10, "a line per invitee to sign");
    let MeetingPaper::BoardPack(pack) = desk.meeting_paper(&m.id, PaperKind::BoardPack, None).expect("pack") else {
        panic!("pack")
    };
    assert_eq!(pack.contents, ["開催通知", "次第", "第1号議案 事業計画について", "資料一覧"]);
    assert_eq!(pack.papers, [("第1号議案".to_owned(), "資料.pdf".to_owned())]);
    assert!(desk.meeting_paper(&m.id, PaperKind::Minutes, None).is_err(), "no minutes yet: said so");
}

#[test]
fn quorum_per_person_and_board_meetings_invite_the_officers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = desk(&dir);
    ten_households(&mut desk);
    let rule = QuorumRule { basis: QuorumBasis::Person, ..QuorumRule::default() };
    assert_eq!(desk.set_quorum_rule(rule).expect("rule"), rule);
    let m = general_meeting(&mut desk);
    assert_eq!(m.invite, InviteRule::AllPersons, "counted per person, a 総会 invites every member");
    assert_eq!(m.invitees.len(), 20);
    assert_eq!(m.quorum.needed, 11, "more than half of 20");
    let bad = QuorumRule { numerator: 3, denominator: 2, ..rule };
    assert_eq!(desk.set_quorum_rule(bad).expect_err("3/2").code(), ErrorCode::Validation);

    let demo_dir = tempfile::tempdir().expect("tempdir");
    let mut demo = Desk::open(DataDir::at(demo_dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("o");
    demo.set_up_demo().expect("demo");
    let list = demo.meetings(&MeetingQuery::default()).expect("list");
    let board = list.meetings.iter().find(|m| m.kind == MeetingKind::Board).expect("the demo's 役員会");
    let board = demo.meeting(&board.id).expect("board");
    assert_eq!(board.invite, InviteRule::Officers);
    assert_eq!(board.invitees.first().map(|i| i.label.as_str()), Some("会長"), "officers in the city's order");
    assert!(board.invitees.iter().all(|i| !i.label.contains("班長")), "block leaders are not board members");
}

#[test]
fn the_demo_has_a_signed_general_meeting_and_overdue_actions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut desk = Desk::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(d("2026-11-23")))).expect("open");
    desk.set_up_demo().expect("demo");
    let list =
        desk.meetings(&MeetingQuery { kind: Some(MeetingKind::General), fiscal_year: Some(2026), text: String::new() });
    let list = list.expect("list");
    assert_eq!(list.meetings.len(), 1, "one 総会 in 令和8年度");
    let general = desk.meeting(&list.meetings[0].id).expect("meeting");
    assert_eq!(general.held_on, d("2026-04-26"));
    assert!(general.locked && general.quorum.met, "signed minutes, quorum met");
    assert_eq!(general.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).count(), 6);
    assert!(general.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).all(|i| i.result == MotionResult::Carried));

    let actions = desk.action_items(true).expect("actions");
    assert_eq!(actions.len(), 2, "two open action items");
    assert_eq!(actions.iter().filter(|a| a.overdue).count(), 1, "one is overdue on 2026-11-23");
    let first = actions[0].id.clone();
    let after = desk.set_action_status(&first, ActionItemStatus::Done).expect("done");
    assert!(after.iter().all(|a| !a.overdue), "done is no longer overdue");
    let input = ActionItemInput {
        meeting_id: general.id.clone(),
        agenda_item_id: None,
        title: "  ".into(),
        owner: String::new(),
        due_on: None,
    };
    assert_eq!(desk.create_action_item(&input).expect_err("empty").code(), ErrorCode::Validation);

    // Find past decisions by word: a word of the proposal, of a title, of the minutes' discussion.
    let find = |text: &str, kind: Option<MeetingKind>, year: Option<i32>| {
        desk.meetings(&MeetingQuery { kind, fiscal_year: year, text: text.into() }).expect("search").hits
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
    let global = desk.search("夜警").expect("global search");
    assert_eq!(global.decisions.len(), 1, "the search box on every screen finds past decisions too");
    assert_eq!(global.decisions[0].item_title, "年末夜警の実施について");
}
