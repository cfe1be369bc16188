//! Every document typeset from the demo council, its PDF read back with `pdftotext` (poppler-utils)
//! for the facts it must carry: names, totals, dates in 和暦. Long tables must break across pages
//! with their header repeated, and a council's own template must replace the built-in one.
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use council_docs::{DocumentKind, DocumentRequest};
use council_domain::calendar::FiscalYear;
use council_domain::clock::FixedClock;
use council_domain::members::{self, HouseholdInput, MemberQuery, PersonInput};
use council_domain::settings::{self, SettingsPatch};
use council_domain::{Session, council, dues, events};
use council_store::data_dir::DataDir;

fn today() -> NaiveDate {
    "2026-11-23".parse().expect("ISO date")
}

fn session(dir: &tempfile::TempDir, what: &str) -> Session {
    council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today()))).expect(what)
}

fn demo_session(dir: &tempfile::TempDir) -> Session {
    let s = session(dir, "open data folder");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo council");
    s
}

fn request(document: DocumentKind, record: Option<&str>) -> DocumentRequest {
    DocumentRequest { document, record: record.map(str::to_owned), fiscal_year: None, month: None, as_of: None }
}

/// The PDF's text as pdftotext reads it (layout kept, so table rows stay on one line).
fn pdf_text(pdf: &[u8], dir: &Path) -> String {
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; scripts/setup.sh installs it)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

fn render(s: &Session, req: &DocumentRequest, dir: &Path) -> (usize, String) {
    let typeset = council_docs::produce(s, req).expect("typeset");
    let pdf = typeset.pdf().expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    (typeset.page_count(), pdf_text(&pdf, dir))
}

#[test]
fn the_roster_lists_every_household_by_block_with_its_header_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let query = MemberQuery { text: String::new(), block_id: None, include_left: false, offset: 0, limit: 1 };
    let first = s.read(|r| members::list(r, &query));
    let first = first.expect("members").rows.remove(0);
    let (pages, text) = render(&s, &request(DocumentKind::Roster, None), dir.path());
    assert!(text.contains("さくら台自治会"), "the council's name heads the roster");
    assert!(text.contains("令和8年度 会員名簿（班別）"), "title with the fiscal year in 和暦:\n{text}");
    assert!(text.contains("令和8年11月23日現在"), "the date in 和暦");
    assert!(text.contains(&first.head_name), "a household's head is listed: {}", first.head_name);
    assert!(text.contains("個人情報を含みます"), "the personal-information caution");
    assert!(pages > 3, "about 230 households take several pages, got {pages}");
    let headers = text.matches("世帯主").count();
    assert!(headers >= pages, "the table header repeats on every page ({headers} headers on {pages} pages)");
    assert!(
        text.contains(&format!("1 / {pages}")) && text.contains(&format!("{pages} / {pages}")),
        "pages numbered n / N"
    );
}

#[test]
fn two_hundred_households_in_one_block_paginate_with_repeated_headers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = session(&dir, "open");
    s.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    for i in 0..200 {
        let input = HouseholdInput {
            code: format!("{:03}", i + 1),
            address: format!("さくら台一丁目{}番", i + 1),
            block_id: None,
            joined_on: today(),
            notes: String::new(),
            persons: vec![PersonInput {
                id: None,
                name: format!("会員 {i:03}"),
                kana: String::from("かいいん"),
                is_head: true,
                phone: String::new(),
                email: String::new(),
                birth_year: None,
                relation: String::new(),
                notes: String::new(),
            }],
        };
        s.write(|w| members::create_household(w, &input)).expect("household");
    }
    let (pages, text) = render(&s, &request(DocumentKind::Roster, None), dir.path());
    assert!(pages >= 5, "200 rows cannot fit on few A4 pages: {pages}");
    let header_rows = text.lines().filter(|l| l.contains("ふりがな") && l.contains("世帯主")).count();
    assert_eq!(header_rows, pages, "one header row per page");
    assert!(text.contains("会員 000") && text.contains("会員 199"), "first and last rows printed");
    assert!(text.contains("会員 200世帯"), "the total count");
}

#[test]
fn officers_counts_collection_and_receipt_carry_their_facts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);

    let (_, text) = render(&s, &request(DocumentKind::Officers, None), dir.path());
    assert!(text.contains("会長") && text.contains("山田 太郎"), "the chair of the demo council:\n{text}");

    let counts = s.read(|r| members::counts_as_of(r, r.today())).expect("counts");
    let (_, text) = render(&s, &request(DocumentKind::Counts, None), dir.path());
    assert!(text.contains("世帯数集計表"), "title");
    let total_line = text.lines().find(|l| l.contains("合計")).expect("a total row");
    assert!(total_line.contains(&counts.total.to_string()), "the total {} in {total_line}", counts.total);

    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    let block = &blocks[0];
    let (pages, text) = render(&s, &request(DocumentKind::Collection, Some(&block.id.0)), dir.path());
    assert!(text.contains(&block.name), "the block's name");
    assert_eq!(pages, 1, "one block fits one page");
    assert!(text.contains("3,600円"), "the demo's dues amount, with separators");
    assert!(text.contains("未納") || text.contains("納入済"), "each household's state");

    let rows = s.read(|r| {
        let (fy, m) = council::fiscal_year_or_current(r, None, r.today())?;
        dues::status(r, fy, m, None, false)
    });
    let paid = rows.expect("rows").into_iter().find(|r| r.paid > 0).expect("a payer");
    let (_, text) = render(&s, &request(DocumentKind::Receipt, Some(&paid.household_id.0)), dir.path());
    assert!(text.contains("領 収 書") || text.contains("領収書"), "receipt title:\n{text}");
    assert!(text.contains(&paid.head_name), "made out to the head: {}", paid.head_name);
    assert!(text.contains("令和8年度"), "the fiscal year in 和暦");
    assert!(!text.contains("印"), "no seal box by default (押印廃止):\n{text}");
}

#[test]
fn receipts_carry_their_number_on_the_receipt_and_its_counterfoil_two_or_four_to_a_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    let block = &blocks[0];
    let rows = s.read(|r| dues::receipts(r, 2026, Some(&block.id))).expect("the block's payments");
    assert!(rows.len() > 4, "the demo's first block has more payments than one sheet of four");

    // One household's receipt: the number on the receipt and on its counterfoil.
    let first = &rows[0];
    let (pages, text) = render(&s, &request(DocumentKind::Receipt, Some(&first.payment.household_id.0)), dir.path());
    assert!(first.payment.receipt_number.starts_with("令和8年度 第"), "{}", first.payment.receipt_number);
    assert_eq!(text.matches(&first.payment.receipt_number).count(), 2, "receipt and counterfoil:\n{text}");
    assert!(text.contains("控"), "the counterfoil is marked");
    assert_eq!(pages, 1);

    // A block's receipts in one go, in the order of their numbers, two to a sheet by default…
    let (pages, text) = render(&s, &request(DocumentKind::Receipts, Some(&block.name)), dir.path());
    assert_eq!(pages, rows.len().div_ceil(2), "two to a sheet");
    let at = |n: &str| text.find(n).unwrap_or_else(|| panic!("{n} printed"));
    assert!(at(&rows[0].payment.receipt_number) < at(&rows[1].payment.receipt_number), "in number order");
    for row in &rows {
        assert_eq!(text.matches(&row.payment.receipt_number).count(), 2, "{} twice", row.payment.receipt_number);
        assert!(text.contains(&row.to), "made out to {}", row.to);
    }
    // …or four, as the council's setting says.
    let forms = council_domain::forms::FormSettings {
        receipts_per_page: council_domain::forms::ReceiptsPerPage::Four,
        ..Default::default()
    };
    s.write(|w| council_domain::forms::update(w, &forms)).expect("four to a sheet");
    let (pages, _) = render(&s, &request(DocumentKind::Receipts, Some(&block.name)), dir.path());
    assert_eq!(pages, rows.len().div_ceil(4), "four to a sheet");

    // A block that does not exist is said, never printed empty.
    let err = council_docs::produce(&s, &request(DocumentKind::Receipts, Some("存在しない班"))).expect_err("no block");
    assert!(err.text().ja.contains("班はありません"), "{}", err.text().ja);
}

#[test]
fn a_receipt_without_a_household_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let err = council_docs::produce(&s, &request(DocumentKind::Receipt, None)).expect_err("needs a household");
    assert!(err.text().ja.contains("世帯"), "says what is missing: {}", err.text().ja);
}

#[test]
fn a_councils_own_template_replaces_the_built_in_one_and_a_broken_one_names_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let own = tempfile::tempdir().expect("template dir");
    let custom = council_docs::typeset::builtin_template("counts.typ")
        .expect("built in")
        .replace("世帯数", "加入世帯数（市様式）");
    std::fs::write(own.path().join("counts.typ"), custom).expect("write template");
    let patch = SettingsPatch { template_dir: Some(own.path().display().to_string()), ..Default::default() };
    s.write(|w| settings::update(w, &patch)).expect("set folder");
    let (_, text) = render(&s, &request(DocumentKind::Counts, None), dir.path());
    assert!(text.contains("加入世帯数（市様式）"), "the council's template was used:\n{text}");

    std::fs::write(
        own.path().join("counts.typ"),
        "#import \"common.typ\": *\n#let d = json(\"/data.json\")\n\n#d.nothing_here\n",
    )
    .expect("write broken template");
    let err = council_docs::produce(&s, &request(DocumentKind::Counts, None)).expect_err("broken template");
    let message = err.text().ja;
    assert!(message.contains("counts.typ:4"), "names the file and line: {message}");

    let patch = SettingsPatch { template_dir: Some("/no/such/folder".into()), ..Default::default() };
    let missing = s.write(|w| settings::update(w, &patch));
    assert!(missing.is_err(), "a folder that does not exist is refused");
}

#[test]
fn every_page_renders_to_a_picture_for_the_preview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let preview = council_docs::preview(&s, &request(DocumentKind::Officers, None)).expect("preview");
    assert!(!preview.pages.is_empty(), "at least one page");
    assert!(preview.pages[0].starts_with("data:image/png;base64,iVBOR"), "a PNG data address");
    assert_eq!(preview.file_name, "さくら台自治会_役員名簿_令和8年度.pdf");
}

/// Text without any white space: a cell's text wrapped onto two lines still reads as one string.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The PDF's text in reading order (no layout, so a wrapped table cell stays together), squashed.
fn render_flow(s: &Session, req: &DocumentRequest, dir: &Path) -> (usize, String) {
    let typeset = council_docs::produce(s, req).expect("typeset");
    let pdf = typeset.pdf().expect("pdf");
    let file = dir.join("flow.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    (typeset.page_count(), squash(&String::from_utf8(out.stdout).expect("utf-8 text")))
}

#[test]
fn the_check_off_sheets_follow_the_blocks_route_for_the_blocks_and_sets_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let events = s.read(|r| events::list(r, FiscalYear(2026), council::start_month(r)?));
    let drill = events.expect("events").into_iter().find(|e| e.title == "総合防災訓練").expect("drill");
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    let (first, second) = (&blocks[0], &blocks[1]);

    // The route of the first block, walked the other way round.
    let roster: Vec<members::RouteStop> = s.read(|r| members::route(r, &first.id)).expect("route");
    assert!(roster.len() >= 4, "a block to split");
    let reversed: Vec<members::HouseholdId> = roster.iter().rev().map(|h| h.household_id.clone()).collect();
    s.write(|w| members::set_route(w, &first.id, &reversed)).expect("route set");
    let route = s.read(|r| members::route(r, &first.id)).expect("route");
    assert_eq!(route.first(), roster.last(), "the route as set");
    let stranger = s.read(|r| members::route(r, &second.id)).expect("route")[0].household_id.clone();
    let err = s.write(|w| members::set_route(w, &first.id, &[stranger])).expect_err("not of the block");
    assert!(matches!(err, council_domain::Error::Conflict(_)), "{err:?}");

    // Only the first block, in two sets: each set its notice and its half of the route.
    s.write(|w| events::set_circulation(w, &drill.id, std::slice::from_ref(&first.id), 2)).expect("circulation");
    let err = s.write(|w| events::set_circulation(w, &drill.id, &[], 6)).expect_err("six sets");
    assert!(matches!(err, council_domain::Error::Validation { .. }), "{err:?}");
    let (pages, text) = render_flow(&s, &request(DocumentKind::EventNotice, Some(drill.id.as_str())), dir.path());
    assert_eq!(pages, 4, "two sets of a notice and its sheet");
    assert_eq!(text.matches("会員の皆さまへ").count(), 2, "a notice in each set");
    assert!(text.contains(&format!("回覧確認表{}（1/2）", first.name)), "the first set:\n{text}");
    assert!(text.contains(&format!("回覧確認表{}（2/2）", first.name)), "the second set");
    assert!(!text.contains(&format!("回覧確認表{}", second.name)), "no other block");
    // Each set is numbered on its own: 1 / 2 and 2 / 2 twice, never 3 / 4.
    assert!(!text.contains("3/4") && !text.contains("4/4"), "no page numbers across the sets:\n{text}");
    assert_eq!(text.matches("2/2").count(), 3, "two sets' last pages and the second set's heading:\n{text}");
    // Each sheet's list (after its header row), in the order of the route, split in half.
    let header = "No.世帯主住所確認";
    let sheet1 = &text[text.find(header).expect("a list")..text.find("（2/2）").expect("the second set")];
    let sheet2 = &text[text.rfind(header).expect("a second list")..];
    let half = route.len().div_ceil(2);
    let in_order = |sheet: &str, stops: &[members::RouteStop]| {
        let at: Vec<usize> = stops
            .iter()
            .map(|h| {
                sheet.find(&squash(&h.head_name)).unwrap_or_else(|| panic!("{} on its sheet:\n{sheet}", h.head_name))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "in the order of the route:\n{sheet}");
    };
    in_order(sheet1, &route[..half]);
    in_order(sheet2, &route[half..]);

    // Every block again, one set each.
    s.write(|w| events::set_circulation(w, &drill.id, &[], 1)).expect("every block");
    let (_, text) = render_flow(&s, &request(DocumentKind::EventNotice, Some(drill.id.as_str())), dir.path());
    assert_eq!(text.matches("回覧確認表").count(), blocks.iter().filter(|b| b.household_count > 0).count());
}

#[test]
fn the_event_notice_has_a_check_off_sheet_for_every_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    // Without the demo's 担当者, to see who answers then.
    s.write(|w| council_domain::forms::update(w, &council_domain::forms::FormSettings::default())).expect("no contact");
    let events = s.read(|r| events::list(r, FiscalYear(2026), council::start_month(r)?));
    let drill = events.expect("events").into_iter().find(|e| e.title == "総合防災訓練").expect("drill");
    let (pages, text) = render_flow(&s, &request(DocumentKind::EventNotice, Some(drill.id.as_str())), dir.path());
    assert!(text.contains("総合防災訓練のお知らせ"), "the notice's title:\n{text}");
    assert!(text.contains("令和8年9月6日（日）09:00〜12:00"), "the date and time in 和暦");
    assert!(text.contains("会長山田太郎"), "who issues it");
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    for b in &blocks {
        assert!(text.contains(&format!("回覧確認表{}", b.name)), "a check-off sheet for {}", b.name);
    }
    assert!(pages > blocks.len(), "the notice, then a page (at least) per block: {pages} pages");
    let notice = s.read(|r| events::notice(r, &drill.id, r.today(), council::start_month(r)?)).expect("notice");
    let someone = &notice.blocks[3].households[2].head_name;
    assert!(text.contains(&squash(someone)), "each household's head is listed ({someone})");
    let missing = request(DocumentKind::EventNotice, None);
    assert!(council_docs::produce(&s, &missing).is_err(), "a notice needs its event");

    // Residents read what they pay, not what the council spends; and whom to ask.
    assert!(drill.cost.is_some_and(|c| c > 0), "the drill has a cost for the council");
    assert!(!text.contains("費用") && !text.contains("参加費"), "no cost and no fee on a free event's notice:\n{text}");
    assert!(text.contains("お問い合わせ先会長山田太郎"), "the representative answers when no contact is set:\n{text}");
    let events = s.read(|r| events::list(r, FiscalYear(2026), council::start_month(r)?)).expect("events");
    let canteen = events.iter().find(|e| e.fee.is_some()).expect("an event with a fee");
    let forms = council_domain::forms::FormSettings {
        contact_name: "鈴木 花子".into(),
        contact_phone: "0123-45-6789".into(),
        ..Default::default()
    };
    s.write(|w| council_domain::forms::update(w, &forms)).expect("contact");
    let mut input = events::EventInput {
        title: canteen.title.clone(),
        category: canteen.category,
        starts_on: canteen.starts_on,
        ends_on: Some(canteen.ends_on),
        start_time: canteen.start_time.clone(),
        end_time: canteen.end_time.clone(),
        place: canteen.place.clone(),
        organiser: canteen.organiser.clone(),
        expected_participants: canteen.expected_participants,
        actual_participants: canteen.actual_participants,
        volunteers: canteen.volunteers,
        cost: canteen.cost,
        notes: canteen.notes.clone(),
        action_id: canteen.action_id.clone(),
        partner_ids: canteen.partners.iter().map(|p| p.id.clone()).collect(),
        fee: canteen.fee,
        notice_text: "子どもだけでも参加できます。\n食材の寄付も受け付けています。".into(),
    };
    s.write(|w| events::update(w, &canteen.id, &input)).expect("the notice's own words");
    let (_, text) = render_flow(&s, &request(DocumentKind::EventNotice, Some(canteen.id.as_str())), dir.path());
    assert!(text.contains("参加費100円"), "the fee:\n{text}");
    assert!(!text.contains("費用"), "not the council's cost:\n{text}");
    assert!(text.contains("子どもだけでも参加できます。") && text.contains("食材の寄付も受け付けています。"), "{text}");
    assert!(!text.contains("日ごろより"), "its own words instead of the greeting:\n{text}");
    assert!(text.contains("お問い合わせ先鈴木花子（電話0123-45-6789）"), "the contact person:\n{text}");
    input.fee = Some(-5);
    assert!(s.write(|w| events::update(w, &canteen.id, &input)).is_err(), "a negative fee is refused");
}

#[test]
fn the_plan_review_prints_a_policy_sheet_per_measure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let req = DocumentRequest {
        document: DocumentKind::PlanReview,
        record: None,
        fiscal_year: Some(2026),
        month: None,
        as_of: None,
    };
    let (pages, text) = render_flow(&s, &req, dir.path());
    assert_eq!(pages, 5, "one sheet per measure of the demo plan:\n{text}");
    assert!(text.contains("施策シート（令和8年度進捗管理）"), "the sheet's title");
    for needle in [
        "基本方針1安心・安全に暮らせるまちづくり",
        "1-①",
        "防災力の向上",
        "現状と課題",
        "総合防災訓練の実施",
        "地域・行政",
        "防災訓練の参加者数",
        "120人",
        "250人",
        "190人",
        "53.8％",
        "地区人口の概ね1割の参加を目指す。",
        "令和9年1月17日",
    ] {
        assert!(text.contains(&squash(needle)), "the review sheet must show {needle:?}:\n{text}");
    }
    assert!(text.contains("（予定）"), "events still to come are marked as planned");
    assert!(!text.contains('%'), "one percent sign on the paper, the full-width ％:\n{text}");
    let file = council_docs::file_name(&s, &req).expect("name");
    assert!(file.contains("施策シート"), "{file}");
}

#[test]
fn the_council_s_settlement_and_budget_carry_the_books_totals_and_the_carry_over() {
    use council_domain::accounts::{self, settlement};
    use council_domain::money::format_amount;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let last = FiscalYear(2025);
    let account = s.read(|r| accounts::general(r)).expect("read").expect("the demo keeps its books").id;
    let st = s.read(|r| settlement::settlement(r, &account, last)).expect("settlement");
    let req = DocumentRequest {
        document: DocumentKind::AccountSettlement,
        record: None,
        fiscal_year: Some(2025),
        month: None,
        as_of: None,
    };
    let (_, text) = render(&s, &req, dir.path());
    assert!(text.contains("令和7年度 一般会計 収支決算書"), "title:\n{text}");
    assert!(text.contains("令和7年4月1日から令和8年3月31日まで"), "the period in 和暦");
    let row = |label: &str| text.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_default().to_owned();
    let income_total = format_amount(st.income_total.1);
    let expense_total = format_amount(st.expense_total.1);
    assert!(row("収入合計").ends_with(&income_total), "{}", row("収入合計"));
    assert!(row("支出合計").ends_with(&expense_total), "{}", row("支出合計"));
    let carry = format_amount(st.carry_over);
    assert!(row("次年度繰越金（").ends_with(&carry), "{}", row("次年度繰越金（"));
    // Added up by hand, as the clerk does: income − expenses, and the books at the year's end.
    assert_eq!(st.income_total.1 - st.expense_total.1, st.carry_over);
    assert_eq!(st.balances.iter().map(|(_, b)| b).sum::<i64>(), st.carry_over);
    assert!(!text.contains("まだ締めていません"), "last year is closed in the demo");

    let req = DocumentRequest {
        document: DocumentKind::AccountBudget,
        record: None,
        fiscal_year: Some(2026),
        month: None,
        as_of: None,
    };
    let (_, text) = render(&s, &req, dir.path());
    assert!(text.contains("令和8年度 一般会計 収支予算書"), "approved: no （案）:\n{text}");
    assert!(text.contains("総会にて承認"), "the approval");
    assert!(text.contains(&format!("前年度繰越金{}", " ").replace(' ', "")), "the carry-over line");
    assert!(text.contains(&carry), "this year's 前年度繰越金 is last year's carry-over ({carry})");
}

#[test]
fn the_books_the_audit_report_the_inventory_and_the_circular_report_add_up() {
    use council_domain::accounts::{self, assets, audit, ledger, settlement};
    use council_domain::money::format_amount;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let last = FiscalYear(2025);
    let account = s.read(|r| accounts::general(r)).expect("read").expect("the demo keeps its books");
    let year = |month: Option<u32>, document| DocumentRequest {
        document,
        record: Some("一般会計".into()),
        fiscal_year: Some(2025),
        month,
        as_of: None,
    };

    // The cash book: brought forward, every line, the balance carried — each book its own section.
    let (_, text) = render(&s, &year(None, DocumentKind::Cashbook), dir.path());
    for b in &account.books {
        let y = s.read(|r| ledger::book_year(r, &b.id, last)).expect("book");
        assert!(text.contains(&format!("（{}）", b.name)), "{} has its section", b.name);
        let total = text.lines().filter(|l| l.trim_start().starts_with("合計")).map(str::to_owned).collect::<Vec<_>>();
        assert!(total.iter().any(|l| l.trim_end().ends_with(&format_amount(y.closing))), "{}: {total:?}", b.name);
        assert_eq!(y.opening + y.total_in - y.total_out, y.closing);
    }
    assert!(text.contains("前年度より繰越"));
    let (_, may) = render(&s, &year(Some(5), DocumentKind::Cashbook), dir.path());
    assert!(may.contains("令和7年5月") && may.contains("前月より繰越"), "one month:\n{may}");
    assert!(!may.contains("8/2"), "only May's lines");

    // The audit report: the auditors' names and finding, each book against its passbook.
    let list = s.read(|r| audit::checklist(r, &account.id, last, r.today())).expect("checklist");
    let recorded = list.audit.clone().expect("the demo's audit");
    let (_, text) = render(&s, &year(None, DocumentKind::AuditReport), dir.path());
    assert!(text.contains("令和7年度 一般会計 監査報告書"), "{text}");
    for name in &recorded.auditors {
        assert!(text.contains(name.as_str()), "auditor {name}");
    }
    assert!(text.contains("収支決算書のとおり適正に"), "the finding");
    assert_eq!(text.matches("一致").count(), account.books.len(), "each book matched its passbook");
    let st = s.read(|r| settlement::settlement(r, &account.id, last)).expect("settlement");
    assert!(text.contains(&format_amount(st.carry_over)));

    // The inventory at the year's end: the books' balances and the equipment.
    let (_, text) = render(&s, &year(None, DocumentKind::Inventory), dir.path());
    let inv = s.read(|r| assets::inventory(r, last.end(4))).expect("inventory");
    assert_eq!(inv.money_total, st.carry_over, "the money at the year's end is the carry-over");
    assert!(text.contains("財産目録") && text.contains("発電機"), "{text}");
    assert!(text.contains(&format_amount(inv.money_total)) && text.contains(&format_amount(inv.assets_total)));

    // The report for circulation: one page, the carry-over, the audit.
    let (pages, text) = render(&s, &year(None, DocumentKind::AccountReport), dir.path());
    assert_eq!(pages, 1, "one page for the 回覧板");
    let carried = text.lines().find(|l| l.trim_start().starts_with("次年度繰越金")).unwrap_or_default();
    assert!(carried.split_whitespace().nth(1) == Some(format_amount(st.carry_over).as_str()), "{carried}");
    assert!(text.contains("監査を受け"), "the audit is mentioned");
}

#[test]
fn the_general_meetings_board_pack_carries_the_settlement_the_audit_report_and_the_budget() {
    use council_domain::meetings::{self, MeetingKind};
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let query =
        meetings::MeetingQuery { kind: Some(MeetingKind::General), fiscal_year: Some(2026), text: String::new() };
    let general = s.read(|r| meetings::list(r, &query, 4)).expect("meetings").meetings.remove(0);
    let (_, text) = render(&s, &request(DocumentKind::BoardPack, Some(general.id.as_str())), dir.path());
    assert!(text.contains("資料：令和7年度 一般会計 収支決算書"), "{text}");
    assert!(text.contains("資料：令和7年度 一般会計 監査報告書"));
    assert!(text.contains("資料：令和8年度 一般会計 収支予算書"));
    assert!(text.contains("次年度繰越金"), "the settlement itself is in the pack");
}

#[test]
fn a_collection_sheet_for_a_block_that_does_not_exist_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let refused = council_docs::produce(&s, &request(DocumentKind::Collection, Some("no-such-block")));
    let Err(e) = refused else { panic!("an unknown block is not printed as an empty sheet") };
    let said = e.text();
    assert!(said.ja.contains("「no-such-block」という班はありません"), "{}", said.ja);
    let first = s.read(|r| council_domain::members::blocks(r)).expect("blocks").remove(0);
    let (pages, text) = render(&s, &request(DocumentKind::Collection, Some(first.name.as_str())), dir.path());
    assert!(pages >= 1 && text.contains(&first.name), "a block named by its name");
}

#[test]
fn papers_for_the_city_say_years_in_wareki_and_nothing_in_the_apps_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let req = DocumentRequest {
        document: DocumentKind::PlanReview,
        record: None,
        fiscal_year: Some(2026),
        month: None,
        as_of: None,
    };
    let (_, sheets) = render(&s, &req, dir.path());
    let (_, report) = render(&s, &request(DocumentKind::ActivityReport, None), dir.path());
    for (name, text) in [("施策シート", &sheets), ("事業報告書", &report)] {
        let western = text.lines().find(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars.windows(6).any(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年' && w[5] == '度')
        });
        assert!(western.is_none(), "{name}: a fiscal year in western numerals: {western:?}");
        assert!(text.contains("令和"), "{name}: years in 和暦");
    }
    // A council with nothing recorded yet prints なし, not the app's 「まだ記録されていません」.
    let empty = tempfile::tempdir().expect("tempdir");
    let bare = session(&empty, "open data folder");
    bare.write(|w| council::create(w, &council_demo::profile(), false)).expect("profile");
    let (_, text) = render(&bare, &request(DocumentKind::ActivityReport, None), empty.path());
    assert!(!text.contains("まだ") && text.contains("なし"), "{text}");
}

#[test]
fn address_labels_fill_the_sheets_one_household_each_for_all_or_one_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let households = s.read(|r| members::counts_as_of(r, r.today())).expect("counts").total as usize;
    for (kind, per_sheet) in [(DocumentKind::Labels12, 12), (DocumentKind::Labels24, 24)] {
        let (pages, text) = render(&s, &request(kind, None), dir.path());
        assert_eq!(pages, households.div_ceil(per_sheet), "{per_sheet} to a sheet, {households} households");
        assert_eq!(text.matches("様").count(), households, "one label per household:\n{text}");
    }
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    let b = &blocks[1];
    let (pages, text) = render(&s, &request(DocumentKind::Labels12, Some(&b.name)), dir.path());
    assert_eq!(text.matches("様").count() as i64, b.household_count, "one block's households: {}", b.name);
    assert_eq!(text.matches("〒123-4567").count() as i64, b.household_count, "the demo area's postal code on each");
    assert_eq!(pages as i64, (b.household_count + 11) / 12);
    let query =
        MemberQuery { text: String::new(), block_id: Some(b.id.clone()), include_left: false, offset: 0, limit: 1 };
    let first = s.read(|r| members::list(r, &query)).expect("list").rows.remove(0);
    assert!(
        squash(&text).contains(&squash(&first.address)),
        "the address as the roster has it: {}\n{text}",
        first.address
    );
    let unknown = council_docs::produce(&s, &request(DocumentKind::Labels24, Some("99班")));
    let Err(err) = unknown else { panic!("an unknown block is refused") };
    assert!(err.text().ja.contains("「99班」という班はありません"), "{}", err.text().ja);
}

#[test]
fn labels_and_envelopes_carry_the_postal_code_and_the_city_one_envelope_a_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let blocks = s.read(|r| members::blocks(r)).expect("blocks");
    let b = &blocks[0];
    let query =
        MemberQuery { text: String::new(), block_id: Some(b.id.clone()), include_left: false, offset: 0, limit: 2 };
    let rows = s.read(|r| members::list(r, &query)).expect("list").rows;
    // One member typed without the city, one living outside the area with its own code.
    let set_address = |id: &members::HouseholdId, address: &str| {
        s.write(|w| {
            w.execute("UPDATE household SET address = ?2 WHERE id = ?1", [id.as_str(), address])?;
            Ok::<_, council_domain::Error>(())
        })
        .expect("address");
    };
    set_address(&rows[0].household_id, "さくら台一丁目1番1号");
    set_address(&rows[1].household_id, "〒１２３－４５９９ みどり市あおば町5番");
    let forms = council_domain::forms::FormSettings { postal_code: "1234567".into(), ..Default::default() };
    let kept = s.write(|w| council_domain::forms::update(w, &forms)).expect("the area's code");
    assert_eq!(kept.postal_code, "123-4567", "kept as the post office writes it");

    let (pages, text) = render(&s, &request(DocumentKind::Envelopes, Some(&b.name)), dir.path());
    assert_eq!(pages as i64, b.household_count, "one envelope a page");
    let flat = squash(&text);
    assert!(flat.contains("〒123-4567みどり市さくら台一丁目1番1号"), "the area's code and the city in front:\n{text}");
    assert!(flat.contains("〒123-4599みどり市あおば町5番"), "a member's own code kept:\n{text}");
    assert!(!flat.contains("〒123-4567みどり市あおば町"), "never two codes");
    assert!(flat.contains("さくら台自治会会長山田太郎"), "the council as the sender:\n{text}");
    let (_, text) = render(&s, &request(DocumentKind::Labels12, Some(&b.name)), dir.path());
    assert!(text.contains("〒123-4567") && text.contains("〒123-4599"), "labels too:\n{text}");
    assert!(text.contains("みどり市さくら台一丁目1番1号"), "with the city:\n{text}");

    let wrong = council_domain::forms::FormSettings { postal_code: "12-34".into(), ..Default::default() };
    let err = s.write(|w| council_domain::forms::update(w, &wrong)).expect_err("refused");
    let council_domain::Error::Validation { problems, .. } = err else { panic!("a field problem: {err:?}") };
    assert!(problems.iter().any(|p| p.field == "postal_code" && p.message.ja.contains("7桁")), "{problems:?}");
}

#[test]
fn joining_and_leaving_forms_print_blank_or_filled_and_an_event_has_its_entry_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let (pages, blank) = render(&s, &request(DocumentKind::JoinForm, None), dir.path());
    assert_eq!(pages, 1, "one page:\n{blank}");
    for needle in ["自治会加入届", "世帯主の氏名", "同居の方", "続柄", "加入日", "署名", "さくら台自治会"]
    {
        assert!(squash(&blank).contains(&squash(needle)), "the blank joining form has {needle:?}:\n{blank}");
    }
    let query = MemberQuery { text: String::new(), block_id: None, include_left: false, offset: 0, limit: 50 };
    let rows = s.read(|r| members::list(r, &query)).expect("list").rows;
    let family = rows.iter().find(|r| !r.other_names.is_empty()).expect("a household of several");
    let (_, filled) = render(&s, &request(DocumentKind::JoinForm, Some(family.household_id.as_str())), dir.path());
    for needle in [&family.head_name, &family.address, &family.other_names[0]] {
        assert!(squash(&filled).contains(&squash(needle)), "filled from the roster: {needle}:\n{filled}");
    }
    let (pages, leave) = render(&s, &request(DocumentKind::LeaveForm, Some(family.household_id.as_str())), dir.path());
    assert_eq!(pages, 1);
    for needle in ["自治会退会届", "退会日", "転出", family.head_name.as_str()] {
        assert!(squash(&leave).contains(&squash(needle)), "the leaving form has {needle:?}:\n{leave}");
    }
    let events = s.read(|r| events::list(r, FiscalYear(2026), council::start_month(r)?)).expect("events");
    let canteen = events.iter().find(|e| e.fee.is_some()).expect("an event with a fee");
    let (pages, entry) = render(&s, &request(DocumentKind::EntryForm, Some(canteen.id.as_str())), dir.path());
    assert_eq!(pages, 1);
    for needle in [
        format!("{} 参加申込書", canteen.title),
        "参加費".into(),
        "100円（1人）".into(),
        // The demo's 担当者 (the secretary) takes the entries.
        format!("申込先：{}", s.read(|r| council_domain::forms::get(r)).expect("forms").contact_name),
    ] {
        assert!(squash(&entry).contains(&squash(&needle)), "the entry form has {needle:?}:\n{entry}");
    }
    let unknown = council_docs::produce(&s, &request(DocumentKind::EntryForm, None));
    assert!(unknown.is_err(), "an entry form needs its event");
}

#[test]
fn the_report_of_member_households_counts_the_day_asked_for_and_adds_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let april: NaiveDate = "2026-04-01".parse().expect("date");
    let on_april = s.read(|r| members::counts_as_of(r, april)).expect("counts");
    let now = s.read(|r| members::counts_as_of(r, r.today())).expect("counts");
    assert_ne!(on_april.total, now.total, "the demo has households that joined since April: the day matters");

    let req = DocumentRequest { as_of: Some(april), ..request(DocumentKind::HouseholdReport, None) };
    let (pages, text) = render(&s, &req, dir.path());
    assert_eq!(pages, 1, "{text}");
    for words in ["自治会加入世帯数報告書", "みどり市長 様", "令和8年4月1日現在", "報告者", "令和8年11月23日"]
    {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    let total_line =
        text.lines().find(|l| l.contains("加入世帯数") && l.contains("世帯") && !l.contains("報告")).expect("total");
    assert!(total_line.contains(&on_april.total.to_string()), "{total_line}");
    // Added by hand: the blocks' lines make the total.
    let mut sum = 0;
    for b in &on_april.by_block {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(b.block_name.as_str()))
            .unwrap_or_else(|| panic!("{} has a line:\n{text}", b.block_name));
        let n: i64 = line.split_whitespace().last().and_then(|n| n.parse().ok()).expect("a count");
        assert_eq!(n, b.households, "{line}");
        sum += n;
    }
    assert_eq!(sum, on_april.total);
    let total_row = text.lines().find(|l| l.trim_start().starts_with("合計")).expect("total row");
    assert!(total_row.contains(&sum.to_string()), "{total_row}");

    // The summary sheet counts the same day when asked.
    let counts = DocumentRequest { as_of: Some(april), ..request(DocumentKind::Counts, None) };
    let (_, text) = render(&s, &counts, dir.path());
    assert!(text.contains("令和8年4月1日現在"), "{text}");
}

#[test]
fn the_change_of_representative_names_the_new_and_the_old_chair_from_the_officer_terms() {
    use council_domain::officers::{self, OfficerRole, OfficerTermInput};
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo_session(&dir);
    let fy = FiscalYear(2026);
    let chair = s
        .read(|r| officers::for_year(r, Some(2026), r.today()))
        .expect("officers")
        .into_iter()
        .find(|t| t.role == OfficerRole::President)
        .expect("the demo's chair");
    // Without a change on record, the old chair's lines are left to fill in by hand.
    let (_, text) = render(&s, &request(DocumentKind::RepresentativeChange, None), dir.path());
    assert!(text.contains("代表者変更届") && text.contains(&chair.person_name), "{text}");

    // The chair is replaced in July: the old term ends the day before the new one starts.
    let other = s
        .read(|r| {
            members::list(
                r,
                &MemberQuery { text: String::new(), block_id: None, include_left: false, offset: 5, limit: 1 },
            )
        })
        .expect("roster")
        .rows[0]
        .clone();
    let household = s.read(|r| members::household(r, &other.household_id)).expect("household");
    let successor = household.persons[0].clone();
    assert_ne!(successor.name, chair.person_name);
    s.write(|w| {
        let mut until_june = OfficerTermInput {
            role: OfficerRole::President,
            title: chair.title.clone(),
            person_id: chair.person_id.clone(),
            block_id: None,
            starts_on: Some(chair.starts_on),
            ends_on: Some("2026-06-30".parse().expect("date")),
        };
        officers::update(w, &chair.id, &until_june, fy, 4)?;
        until_june.person_id = successor.id.clone();
        until_june.starts_on = Some("2026-07-01".parse().expect("date"));
        until_june.ends_on = Some("2027-03-31".parse().expect("date"));
        officers::create(w, &until_june, fy, 4)?;
        Ok::<_, council_domain::Error>(())
    })
    .expect("terms");
    let (pages, text) = render(&s, &request(DocumentKind::RepresentativeChange, None), dir.path());
    assert_eq!(pages, 1, "{text}");
    for words in [
        "代表者変更届",
        "みどり市長 様",
        "届出者",
        "令和8年7月1日",
        successor.name.as_str(),
        chair.person_name.as_str(),
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    let new_at = text.find(successor.name.as_str()).expect("new");
    let old_at = text.rfind(chair.person_name.as_str()).expect("old");
    assert!(
        text[..old_at].contains("これまでの代表者") && new_at < old_at,
        "the new chair first, the old after:\n{text}"
    );
    // As of May, the change has not happened yet: the chair then is the old one.
    let may = DocumentRequest {
        as_of: Some("2026-05-15".parse().expect("date")),
        ..request(DocumentKind::RepresentativeChange, None)
    };
    let (_, text) = render(&s, &may, dir.path());
    assert!(!text.contains(successor.name.as_str()), "{text}");
}
