//! The meeting papers typeset from the demo council's meetings, each PDF read back with `pdftotext`:
//! the notice with the forms of a 総会, the attendance sheet, the signed minutes with their signature
//! lines, an amendment, the board pack with its contents and page numbers — and text a person typed
//! (typst markup included) printed as text.
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use council_docs::{DocumentKind, DocumentRequest};
use council_domain::clock::FixedClock;
use council_domain::forms::{self, FormSettings, SealMode};
use council_domain::meetings::minutes::{self, MinutesInput, MinutesItem};
use council_domain::meetings::{self, AgendaItemInput, AgendaKind, Majority, Meeting, MeetingKind, MeetingQuery};
use council_domain::{Session, council, events};
use council_store::data_dir::DataDir;

fn demo_session(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo council");
    s
}

fn meeting(s: &Session, kind: MeetingKind) -> Meeting {
    let query = MeetingQuery { kind: Some(kind), ..Default::default() };
    let list = s.read(|r| meetings::list(r, &query, council::start_month(r)?)).expect("meetings");
    s.read(|r| meetings::get(r, &list.meetings[0].id, council::start_month(r)?)).expect("meeting")
}

fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

fn render(s: &Session, document: DocumentKind, record: &str, dir: &Path) -> (usize, String) {
    let req =
        DocumentRequest { document, record: Some(record.to_owned()), fiscal_year: None, month: None, as_of: None };
    let typeset = council_docs::produce(s, &req).unwrap_or_else(|e| panic!("{document:?}: {}", e.text().en));
    let pdf = typeset.pdf().expect("pdf");
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 10_000, "{document:?}: a PDF with content");
    (typeset.page_count(), pdf_text(&pdf, dir))
}

fn assert_has(text: &str, needles: &[&str], what: &str) {
    for n in needles {
        assert!(text.contains(n), "{what} lacks {n:?}:\n{text}");
    }
}

#[test]
fn the_signed_minutes_print_with_the_finding_the_results_and_three_signature_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let general = meeting(&s, MeetingKind::General);
    let (pages, text) = render(&s, DocumentKind::Minutes, general.id.as_str(), dir.path());
    assert_has(
        &text,
        &[
            "令和8年度 定期総会 議事録",
            "定足数",
            "成立した",
            "第6号議案",
            "可決",
            "3分の2以上",
            "延べ214名",
            "議事録署名人",
        ],
        "the minutes",
    );
    assert_eq!(
        text.matches("議事録署名人").count(),
        4,
        "in the facts, in the closing sentence and on the two signature lines"
    );
    assert_eq!(text.matches('印').count(), 0, "no seal boxes by default (押印廃止)");
    // With the seal setting, a box for the chair and each signatory.
    let seal = FormSettings { seal: SealMode::Seal, ..Default::default() };
    s.write(|w| forms::update(w, &seal)).expect("seal setting");
    let (_, sealed) = render(&s, DocumentKind::Minutes, general.id.as_str(), dir.path());
    assert_eq!(sealed.matches('印').count(), 3, "a seal box for the chair and each signatory");
    assert!(!text.contains("（下書き）"), "signed minutes are not marked as a draft");
    assert!(text.contains(&format!("1 / {pages}")), "pages are numbered n / N:\n{text}");
}

#[test]
fn a_general_meetings_notice_carries_the_proxy_and_written_vote_forms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let general = meeting(&s, MeetingKind::General);
    let (pages, text) = render(&s, DocumentKind::MeetingNotice, general.id.as_str(), dir.path());
    assert_eq!(pages, 3, "the notice, then the proxy form and the written-vote form on their own pages");
    assert_has(
        &text,
        &["開催のお知らせ", "会員各位", "会長 山田 太郎", "第1号議案", "委任状", "書面表決書", "賛成"],
        "the notice",
    );
    let (_, proxy) = render(&s, DocumentKind::ProxyForm, general.id.as_str(), dir.path());
    assert_has(&proxy, &["委任状", "代理人", "第6号議案 規約の一部改正について"], "the proxy form");
    let (_, sheet) = render(&s, DocumentKind::AttendanceSheet, general.id.as_str(), dir.path());
    assert_has(&sheet, &["出席簿", "署名", "委任状", "書面表決", general.invitees[0].name.as_str()], "the sheet");

    let board = meeting(&s, MeetingKind::Board);
    let (pages, text) = render(&s, DocumentKind::MeetingNotice, board.id.as_str(), dir.path());
    assert_eq!(pages, 1, "a 役員会's notice has no forms");
    assert!(!text.contains("委任状"), "no proxy form for a board meeting:\n{text}");
    assert!(text.contains("役員各位") && !text.contains("会員各位"), "a 役員会 is addressed to the officers:\n{text}");
}

#[test]
fn the_board_pack_is_one_numbered_document_with_contents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let board = meeting(&s, MeetingKind::Board);
    // The papers go inside the pack: a real PDF (a one-page count summary) page by page, a text as
    // written; a damaged PDF is named with a note to hand it out.
    let counts = council_docs::produce(
        &s,
        &DocumentRequest { document: DocumentKind::Counts, record: None, fiscal_year: None, month: None, as_of: None },
    )
    .expect("counts");
    let counts_pages = counts.page_count();
    let attach = |name: &str, bytes: &[u8]| {
        s.write(|w| meetings::attach_paper(w, &s.dir().attachments(), &board.agenda[1].id, name, bytes))
    };
    attach("世帯数.pdf", &counts.pdf().expect("pdf")).expect("pdf paper");
    attach("順路.txt", "夜警の順路：集会所→公園→駅前\n".as_bytes()).expect("text");
    attach("夜警当番表.pdf", b"%PDF-1.4 rota").expect("paper");
    let (pages, text) = render(&s, DocumentKind::BoardPack, board.id.as_str(), dir.path());
    assert!(
        pages >= 5 + counts_pages + 2,
        "contents, notice, agenda, two motions, the list, the PDF's {counts_pages} pages and the other papers: {pages} pages"
    );
    assert_has(
        &text,
        &[
            "資料：世帯数.pdf",
            "世帯数集計表",
            "資料：順路.txt",
            "夜警の順路：集会所→公園→駅前",
            "別に印刷してお配りください",
        ],
        "the papers inside the board pack",
    );
    assert_has(
        &text,
        &[
            "目次",
            "開催通知",
            "次第",
            "第1号議案 年末夜警の実施について",
            "第2号議案 新年会の開催について",
            "資料一覧",
            "夜警当番表.pdf",
        ],
        "the board pack",
    );
    assert!(text.contains(&format!("{pages} / {pages}")), "every page numbered n / N:\n{text}");
    let file = council_docs::file_name(
        &s,
        &DocumentRequest {
            document: DocumentKind::BoardPack,
            record: Some(board.id.0.clone()),
            fiscal_year: None,
            month: None,
            as_of: None,
        },
    )
    .expect("file name");
    assert!(file.contains(&board.title) && file.ends_with(".pdf"), "named after the meeting: {file}");
}

#[test]
fn typed_markup_is_printed_as_text_and_an_amendment_says_what_it_corrects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let board = meeting(&s, MeetingKind::Board);
    let topic = AgendaItemInput {
        kind: AgendaKind::Topic,
        title: "#set page(fill: red) *見出し*".into(),
        presenter: String::new(),
        planned_minutes: None,
        proposal: String::new(),
        majority: Majority::Simple,
    };
    let item = s.write(|w| meetings::add_item(w, &board.id, &topic)).expect("item");
    let minutes = s.write(|w| minutes::start(w, &board.id)).expect("minutes");
    let hostile = "<script>alert(1)</script> #pagebreak() $x^2$ = 議論";
    let input = MinutesInput {
        chair: "山田 太郎".into(),
        recorder: String::new(),
        signatory1: "佐藤 一郎".into(),
        signatory2: "鈴木 花子".into(),
        opening: String::new(),
        closing: String::new(),
        correction: String::new(),
        items: vec![MinutesItem { agenda_item_id: item, discussion: hostile.into() }],
    };
    s.write(|w| minutes::update(w, &minutes, &input)).expect("save");
    let (pages, text) = render(&s, DocumentKind::Minutes, board.id.as_str(), dir.path());
    assert_has(
        &text,
        &["#set page(fill: red) *見出し*", "<script>alert(1)</script> #pagebreak() $x^2$ = 議論"],
        "typed text",
    );
    assert_eq!(pages, 1, "the typed #pagebreak() did not run");
    assert!(text.contains("（下書き）"), "an unsigned draft says so:\n{text}");

    let general = meeting(&s, MeetingKind::General);
    let signed = general.minutes[0].id.clone();
    let amendment = s.write(|w| minutes::amend(w, &signed)).expect("amend");
    let fix = MinutesInput { correction: "第1号議案の質問者名の誤記を訂正する。".into(), ..input };
    let fix = MinutesInput { items: Vec::new(), ..fix };
    s.write(|w| minutes::update(w, &amendment, &fix)).expect("save amendment");
    let (_, text) = render(&s, DocumentKind::Minutes, amendment.as_str(), dir.path());
    assert_has(&text, &["訂正", "署名した議事録の訂正", "質問者名の誤記を訂正する"], "the amendment");
}

#[test]
fn the_results_notice_lists_every_motion_with_its_result_and_waits_for_every_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let general = meeting(&s, MeetingKind::General);
    let (pages, text) = render(&s, DocumentKind::ResultsNotice, general.id.as_str(), dir.path());
    assert_eq!(pages, 1, "one page to circulate:\n{text}");
    assert_has(
        &text,
        &[
            "会員各位",
            "令和8年度 定期総会の結果について",
            "第1号議案",
            "第6号議案",
            "可決",
            "賛成152、反対3、棄権2",
            "定足数",
            "以上",
        ],
        "the results notice",
    );
    let motions = general.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).count();
    assert_eq!(text.matches("可決").count(), motions, "one result per motion:\n{text}");

    // A meeting with a motion not decided yet: refused, saying which.
    let mut upcoming = None;
    for m in s.read(|r| meetings::list(r, &MeetingQuery::default(), council::start_month(r)?)).expect("list").meetings {
        let m = s.read(|r| meetings::get(r, &m.id, council::start_month(r)?)).expect("meeting");
        if m.agenda.iter().any(|i| i.kind == AgendaKind::Motion && i.result == meetings::MotionResult::Pending) {
            upcoming = Some(m);
            break;
        }
    }
    let upcoming = upcoming.expect("the demo has a meeting to come with a motion");
    let req = DocumentRequest {
        document: DocumentKind::ResultsNotice,
        record: Some(upcoming.id.as_str().to_owned()),
        fiscal_year: None,
        month: None,
        as_of: None,
    };
    let err = council_docs::produce(&s, &req).expect_err("refused while a result is missing");
    assert!(err.text().ja.contains("まだ記録されていません"), "{}", err.text().ja);
}

/// A session on the data in `dir` on `day` (the demo council made on the first).
fn session_on(dir: &tempfile::TempDir, day: &str) -> Session {
    let today: NaiveDate = day.parse().expect("date");
    council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open")
}

#[test]
fn a_notice_keeps_the_day_it_first_went_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session_on(&dir, "2026-04-10");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo council");
    let general = meeting(&s, MeetingKind::General);
    let board = meeting(&s, MeetingKind::Board);
    let event = s.read(|r| events::list(r, council_domain::calendar::FiscalYear(2026), 4)).expect("events")[0].clone();
    let req = |document: DocumentKind, record: &str| DocumentRequest {
        document,
        record: Some(record.to_owned()),
        fiscal_year: None,
        month: None,
        as_of: None,
    };
    // A preview keeps nothing; the first saved PDF keeps its day.
    council_docs::preview(&s, &req(DocumentKind::MeetingNotice, board.id.as_str())).expect("preview");
    assert_eq!(meeting(&s, MeetingKind::Board).notice_issued_on, None, "a preview is not the notice going out");
    let out = dir.path().join("notice.pdf");
    council_docs::save_pdf(&s, &req(DocumentKind::MeetingNotice, board.id.as_str()), &out).expect("saved");
    council_docs::save_pdf(&s, &req(DocumentKind::EventNotice, event.id.as_str()), &out).expect("saved");
    drop(s);

    // In December the same papers still say April (the demo's 総会 the days its papers went out); a
    // paper first printed in December says December.
    let s = session_on(&dir, "2026-12-05");
    for (kind, record, day) in [
        (DocumentKind::MeetingNotice, board.id.as_str(), "令和8年4月10日"),
        (DocumentKind::BoardPack, board.id.as_str(), "令和8年4月10日"),
        (DocumentKind::EventNotice, event.id.as_str(), "令和8年4月10日"),
        (DocumentKind::MeetingNotice, general.id.as_str(), "令和8年4月12日"),
        (DocumentKind::ResultsNotice, general.id.as_str(), "令和8年5月3日"),
    ] {
        let (_, text) = render(&s, kind, record, dir.path());
        assert!(text.contains(day), "{kind:?} keeps the day it went out, {day}:\n{text}");
        assert!(!text.contains("令和8年12月5日"), "{kind:?} is not dated the day it is printed again:\n{text}");
    }
    s.write(|w| meetings::set_issued(w, &board.id, meetings::IssuedPaper::Notice, None)).expect("cleared");
    council_docs::save_pdf(&s, &req(DocumentKind::MeetingNotice, board.id.as_str()), &out).expect("saved");
    let (_, text) = render(&s, DocumentKind::MeetingNotice, board.id.as_str(), dir.path());
    assert!(text.contains("令和8年12月5日"), "first printed today:\n{text}");
    // The secretary may set the day by hand.
    let day: NaiveDate = "2026-11-20".parse().expect("date");
    s.write(|w| meetings::set_issued(w, &board.id, meetings::IssuedPaper::Notice, Some(day))).expect("set");
    let (_, text) = render(&s, DocumentKind::MeetingNotice, board.id.as_str(), dir.path());
    assert!(text.contains("令和8年11月20日"), "the day typed:\n{text}");
}

#[test]
fn the_tally_sheet_counts_the_written_votes_by_motion_and_the_proxies_by_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let general = meeting(&s, MeetingKind::General);
    let t = &general.tally;
    let (_, text) = render(&s, DocumentKind::VoteTally, general.id.as_str(), dir.path());
    assert_has(
        &text,
        &["委任状・書面表決 集計表", "議案ごとの集計", "委任状の受任者", "書面表決書の内容", "集計者", "確認者"],
        "the tally sheet",
    );
    assert!(text.contains(&format!("書面表決 {}通、委任状 {}通", t.written_votes, t.proxies)), "the totals:\n{text}");
    // Every motion's line, with its written for / against / abstain / blank and the proxies.
    for m in &t.motions {
        let line = text.lines().find(|l| l.contains(&m.number_text) && l.contains(&m.title)).unwrap_or_else(|| {
            panic!("a line for {}:\n{text}", m.number_text);
        });
        let cells: Vec<&str> = line.split_whitespace().rev().take(5).collect();
        let want =
            [m.proxies, m.written_blank, m.written_abstain, m.written_against, m.written_for].map(|n| n.to_string());
        assert_eq!(cells, want.iter().map(String::as_str).collect::<Vec<_>>(), "{}: {line}", m.number_text);
        assert_eq!(m.written_for + m.written_against + m.written_abstain + m.written_blank, t.written_votes);
    }
    let bylaw = t.motions.iter().find(|m| m.title.contains("規約")).expect("the bylaw motion");
    assert_eq!(bylaw.written_against, 1, "the demo's one written vote against");
    let holders: u32 = t.holders.iter().map(|h| h.count).sum();
    assert_eq!(holders, t.proxies, "every proxy has its holder");
    assert!(
        text.lines().any(|l| l.contains("議長") && l.trim_end().ends_with(&format!("{}通", t.proxies))),
        "the demo's proxies all name the chair:\n{text}"
    );
}

#[test]
fn a_general_meetings_pack_opens_with_a_cover_and_prints_as_an_a3_booklet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let general = meeting(&s, MeetingKind::General);
    let (n, text) = render(&s, DocumentKind::BoardPack, general.id.as_str(), dir.path());
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_has(
        pages[0],
        &["令和8年度 定期総会", "議案書・資料", "さくら台集会所", "さくら台自治会", "当日はこの資料をお持ちください"],
        "the cover",
    );
    assert!(!pages[0].contains(&format!("/ {n}")), "the cover carries no page number:\n{}", pages[0]);
    assert!(
        pages[1].contains("目次") && pages[1].contains(&format!(" 2 / {n}")),
        "the contents is page 2:\n{}",
        pages[1]
    );
    // The 事業報告 and the election of officers bring their papers, listed in the contents.
    assert_has(
        pages[1],
        &[
            "資料：令和7年度 事業報告書（第1号議案）",
            "資料：令和8年度 事業計画（第3号議案）",
            "資料：令和8年度 役員名簿（第5号議案）",
        ],
        "the reports the motions put to the vote",
    );
    assert_has(
        &text,
        &["1. 会員の状況", "2. 行事・活動", "役職", "任期"],
        "the 事業報告書 and the officer list inside",
    );
    // The 事業報告書 reports what last year held: its events with their turnout, its meetings.
    let report = pages.iter().find(|p| p.contains("事業報告書（第1号議案）") && !p.contains("目次")).expect("its page");
    assert!(report.contains("実施した行事は12件") && report.contains("総合防災訓練"), "last year's events:\n{report}");
    let meetings_part = &text[text.find("3. 会議").expect("its meetings")..];
    assert!(
        meetings_part.contains("開いた会議は4回") && meetings_part.contains("令和7年度 定期総会"),
        "{meetings_part}"
    );
    let plan = pages.iter().find(|p| p.contains("事業計画（第3号議案）") && p.contains("行事予定")).expect("its page");
    assert!(plan.contains("防災講座"), "the year's events in the plan:\n{plan}");
    // Before the events, the community plan's actions the year carries out, with when and who, and
    // the indicators they aim at.
    assert_has(
        plan,
        &[
            "地域づくり計画に基づく事業",
            "さくら台地区まちづくり計画",
            "実施時期",
            "主体",
            "目標とする指標",
            "自治会加入率",
        ],
        "the plan's actions in the 事業計画",
    );
    assert!(plan.find("地域づくり計画に基づく事業") < plan.find("行事予定"), "the plan's actions first:\n{plan}");
    assert!(plan.contains("4〜6月") || plan.contains("7〜9月"), "when, as months:\n{plan}");
    let officers = pages.iter().find(|p| p.contains("役員名簿（第5号議案）") && !p.contains("目次")).expect("its page");
    assert!(!officers.contains("電話") && !officers.contains("住所"), "handed to every member: no addresses or phones");
    // The bylaw change's 新旧対照表 under its motion.
    let bylaw = pages
        .iter()
        .find(|p| p.contains("第6号議案 規約の一部改正について") && p.contains("議決に必要な賛成"))
        .expect("its page");
    assert_has(
        bylaw,
        &["新旧対照表", "改正前（現行）", "改正後（案）", "第12条（総会の定足数）", "みなす。"],
        "the comparison table",
    );
    let board = meeting(&s, MeetingKind::Board);
    let (_, board_text) = render(&s, DocumentKind::BoardPack, board.id.as_str(), dir.path());
    assert!(!board_text.contains("議案書・資料"), "a 役員会's pack has no cover");

    // Imposed for saddle-stitch: A3 landscape, two A4 pages a side, made up to a multiple of four.
    let total = n.div_ceil(4) * 4;
    let (sides, imposed) = render(&s, DocumentKind::BoardPackBooklet, general.id.as_str(), dir.path());
    assert_eq!(sides, total / 2, "{n} pages on {} sheets, both sides", total / 4);
    let side: Vec<&str> = imposed.split('\u{c}').collect();
    let on = |k: usize| format!(" {k} / {n}");
    // Sheet 1: outside the last page and the cover, inside pages 2 and total − 1.
    assert!(side[0].contains("議案書・資料"), "the cover on the first side:\n{}", side[0]);
    if total == n {
        assert!(side[0].contains(&on(n)), "the last page beside the cover:\n{}", side[0]);
    }
    assert!(side[1].contains(&on(2)) && side[1].contains("目次"), "the contents inside:\n{}", side[1]);
    if total - 1 <= n {
        assert!(side[1].contains(&on(total - 1)), "page {} beside it:\n{}", total - 1, side[1]);
    }
    // The innermost sheet's inside holds the middle pages: total / 2 and total / 2 + 1.
    let middle = &side[sides - 1];
    for k in [total / 2, total / 2 + 1].into_iter().filter(|k| *k <= n) {
        assert!(middle.contains(&on(k)), "page {k} in the middle of the booklet:\n{middle}");
    }
    for k in 2..=n {
        assert_eq!(imposed.matches(&on(k)).count(), 1, "page {k} printed exactly once");
    }
    let req = DocumentRequest {
        document: DocumentKind::BoardPackBooklet,
        record: Some(general.id.0.clone()),
        fiscal_year: None,
        month: None,
        as_of: None,
    };
    let pdf = council_docs::produce(&s, &req).expect("booklet").pdf().expect("pdf");
    let file = dir.path().join("booklet.pdf");
    std::fs::write(&file, pdf).expect("write");
    let info = Command::new("pdfinfo").arg(&file).output().expect("pdfinfo runs (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("1190.55 x 841.89 pts (A3)"), "A3 landscape sheets:\n{info}");
}
