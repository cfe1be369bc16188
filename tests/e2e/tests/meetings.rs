//! Meetings through the real window: create a 総会, build an agenda with two motions and a topic
//! (reordered from the keyboard), attach a paper, record attendance with proxies and a written vote and
//! see the quorum met, record results (a two-thirds motion short of votes is refused), write the minutes
//! with hostile markup that must show as text, circulate, approve and sign them, be refused when
//! editing them (by the core, not only the UI), print the minutes, the board pack and an amendment
//! (the typeset PDFs previewed, printed and read back with pdftotext; `council render` agrees), and
//! find the decision again by word.

use anyhow::{Result, bail};
use council_e2e::{App, Driver};
use serde_json::json;

/// Chooses an option of a `<select>` (by its data-testid or id) the way a person does: by clicking it.
async fn choose(app: &App, select: &str, value: &str) -> Result<()> {
    app.css(&format!("{select} option[value='{value}']")).await?.click().await?;
    Ok(())
}

/// Sets a date input's value (typing dates depends on the locale's date format).
async fn set_date(app: &App, id: &str, iso: &str) -> Result<()> {
    app.fill_as_ime(id, iso).await
}

/// Typesets `document` for `record` with `council render` on the window's data folder and returns the
/// PDF's text (pdftotext), failing on an empty file.
fn pdf_text(data: &std::path::Path, document: &str, record: &str) -> Result<String> {
    let out = data.join(format!("{document}.pdf"));
    council_e2e::run_cli(data, &["render", document, "--id", record, "--out", &out.display().to_string()])?;
    if std::fs::metadata(&out)?.len() < 10_000 {
        bail!("{} is too small to hold the document", out.display());
    }
    let text =
        std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(&out).arg("-").output()?;
    Ok(String::from_utf8_lossy(&text.stdout).into_owned())
}

const HOSTILE: &str = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>質疑なし";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn general_meeting_from_notice_to_signed_minutes() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // The list shows the demo's meetings.
    app.click("nav-meetings").await?;
    app.wait_contains("meeting-table", "定期総会").await?;

    // A new 総会.
    app.click("add-meeting").await?;
    app.testid("meeting-form").await?;
    set_date(&app, "m-date", "2027-04-25").await?;
    app.fill("m-time", "10:00").await?;
    app.fill("m-place", "さくら台集会所 大広間").await?;
    app.click("meeting-save").await?;
    app.wait_text("meeting-title", "令和9年度 定期総会").await?;

    // The agenda: two motions, then a topic moved to the top with Alt+↑ twice.
    for (title, two_thirds) in [("令和8年度事業報告について", false), ("規約の一部改正について", true)]
    {
        app.fill("a-title", title).await?;
        app.fill("a-presenter", "会長").await?;
        app.fill("a-proposal", &format!("{title}、別紙のとおり承認を求める。")).await?;
        if two_thirds {
            choose(&app, "#a-majority", "two_thirds").await?;
        }
        app.click("agenda-save").await?;
        app.wait_contains("agenda-list", title).await?;
    }
    app.click("kind-topic").await?;
    app.fill("a-title", "会長挨拶").await?;
    app.click("agenda-save").await?;
    app.wait_contains("agenda-list", "会長挨拶").await?;
    let numbers = "return [...document.querySelectorAll(\"[data-testid='agenda-number']\")].map(e => e.textContent)";
    app.wait_eval(numbers, json!(["第1号議案", "第2号議案", "議題1"])).await?;
    // Alt (U+E00A) held with ArrowUp (U+E013), released with NULL (U+E000).
    let handle = app.css("[data-testid='agenda-item']:nth-child(3) [data-testid='agenda-handle']").await?;
    handle.send_keys("\u{E00A}\u{E013}\u{E000}").await?;
    app.wait_eval(numbers, json!(["第1号議案", "議題1", "第2号議案"])).await?;
    // The live region is visually hidden, so its text is read as a screen reader would: textContent.
    let announced = "return document.querySelector(\"[data-testid='agenda-announce']\").textContent";
    app.wait_eval(announced, json!("「会長挨拶」を2番目に移動しました。")).await?;
    // Focus stays on the moved line's handle, so a second Alt+↑ moves it again.
    app.wait_eval("return document.activeElement?.dataset.testid ?? ''", json!("agenda-handle")).await?;
    let focused = app.client.active_element().await?;
    focused.send_keys("\u{E00A}\u{E013}\u{E000}").await?;
    app.wait_eval(numbers, json!(["議題1", "第1号議案", "第2号議案"])).await?;
    app.wait_eval(announced, json!("「会長挨拶」を1番目に移動しました。")).await?;
    // Dragging the last line onto the first moves it there (the drag events a mouse drag fires).
    app.eval(
        "const items = document.querySelectorAll(\"[data-testid='agenda-item']\");
         const data = new DataTransfer();
         items[2].dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: data }));
         items[0].dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
         items[0].dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
         return true",
    )
    .await?;
    let titles = "return [...document.querySelectorAll(\"[data-testid='agenda-item-title']\")].map(e => e.textContent)";
    app.wait_eval(titles, json!(["規約の一部改正について", "会長挨拶", "令和8年度事業報告について"])).await?;
    app.wait_eval(numbers, json!(["第1号議案", "議題1", "第2号議案"])).await?;
    app.wait_eval(announced, json!("「規約の一部改正について」を1番目に移動しました。")).await?;
    // …and the ↓ button takes it back to the end, one place at a time.
    app.css("[data-testid='agenda-item']:nth-child(1) [data-testid='agenda-down']").await?.click().await?;
    app.wait_eval(titles, json!(["会長挨拶", "規約の一部改正について", "令和8年度事業報告について"])).await?;
    app.css("[data-testid='agenda-item']:nth-child(2) [data-testid='agenda-down']").await?.click().await?;
    app.wait_eval(titles, json!(["会長挨拶", "令和8年度事業報告について", "規約の一部改正について"])).await?;
    app.wait_eval(numbers, json!(["議題1", "第1号議案", "第2号議案"])).await?;

    // The bylaw change's 新旧対照表: one article, changed as proposed.
    app.css("[data-testid='comparison-2'] summary").await?.click().await?;
    app.click("cmp-add-2").await?;
    app.fill_css("[data-testid='cmp-article-2-0']", "第12条（定足数）").await?;
    app.fill_css("[data-testid='cmp-current-2-0']", "総会は会員の過半数の出席で成立する。").await?;
    app.fill_css("[data-testid='cmp-proposed-2-0']", "総会は会員の過半数の出席で成立する。書面表決を含む。").await?;
    app.click("cmp-save-2").await?;
    app.testid("cmp-saved-2").await?;
    app.wait_contains("comparison-2", "1条").await?;
    app.eval(
        "document.querySelector(\"[data-testid='comparison-2']\").scrollIntoView({ block: 'center' }); return true",
    )
    .await?;
    app.screenshot("meetings-comparison").await?;
    for (language, scale) in council_e2e::VIEWS {
        app.set_view(language, scale).await?;
        app.axe(&format!("the agenda with a comparison table ({language}, {scale} %)")).await?;
    }
    app.set_view("ja", "100").await?;

    // A paper attached to the first motion (now second on the agenda).
    let paper = data.path().join("資料1_事業報告.txt");
    std::fs::write(&paper, "令和8年度 事業報告（資料1）")?;
    app.testid("attach-2").await?.send_keys(&paper.display().to_string()).await?;
    app.wait_contains("agenda-list", "資料1_事業報告.txt").await?;
    app.eval("document.querySelector(\"[data-testid='agenda-list']\").scrollIntoView(); return true").await?;
    app.screenshot("meetings-agenda").await?;

    // Attendance: two proxies and a written vote first (quorum not met), then everyone else present.
    app.click("meeting-tab-attendance").await?;
    app.testid("attendance-table").await?;
    choose(&app, "[data-testid='attendance-1']", "proxy").await?;
    app.wait_contains("quorum-status", "1 /").await?;
    choose(&app, "[data-testid='attendance-2']", "proxy").await?;
    app.wait_contains("quorum-status", "2 /").await?;
    choose(&app, "[data-testid='attendance-3']", "written_vote").await?;
    app.wait_contains("quorum-status", "3 /").await?;
    // The written vote's paper: for both motions at one click, then against the bylaw change.
    app.click("wv-all-for-3").await?;
    let selected =
        "return [...document.querySelectorAll(\"[data-testid='written-votes-3'] select\")].map(s => s.value)";
    app.wait_eval(selected, json!(["for", "for"])).await?;
    choose(&app, "[data-testid='wv-3-2']", "against").await?;
    app.wait_eval(selected, json!(["for", "against"])).await?;
    for (language, scale) in council_e2e::VIEWS {
        app.set_view(language, scale).await?;
        app.axe(&format!("attendance with a written vote ({language}, {scale} %)")).await?;
    }
    app.eval(
        "document.querySelector(\"[data-testid='written-votes-3']\").scrollIntoView({ block: 'center' }); return true",
    )
    .await?;
    app.screenshot("meetings-written-votes-150").await?;
    app.set_view("ja", "100").await?;
    app.wait_contains("quorum-status", "定足数に達していません").await?;
    app.click("rest-present").await?;
    app.wait_contains("quorum-status", "定足数に達しています").await?;
    let status = app.testid("quorum-status").await?;
    assert_eq!(status.attr("data-met").await?.as_deref(), Some("true"), "the quorum indicator says met");
    app.screenshot("meetings-attendance").await?;

    // The tally by motion, printed before the meeting.
    let text = app.print_and_read("print-vote-tally", data.path()).await?;
    assert!(text.contains("委任状・書面表決 集計表") && text.contains("規約の一部改正について"), "the tally:\n{text}");
    let bylaw = text.lines().find(|l| l.contains("第2号議案") && l.contains("規約")).unwrap_or_default();
    assert!(bylaw.split_whitespace().rev().take(5).eq(["2", "0", "0", "1", "0"]), "against 1, proxies 2: {bylaw}");
    app.client.back().await?;

    // Results: the written votes and proxies beside each motion; the two-thirds motion with too few
    // votes for is refused; then both are carried.
    app.click("meeting-tab-results").await?;
    app.testid("result-card").await?;
    app.wait_contains("tally-2", "反対1").await?;
    app.wait_contains("tally-2", "委任状2通").await?;
    choose(&app, "[data-testid='result-2']", "carried").await?;
    app.fill("for-2", "10").await?;
    app.fill("against-2", "10").await?;
    app.fill("abstain-2", "0").await?;
    app.click("result-save-2").await?;
    app.wait_contains("result-error-2", "3分の2以上").await?;
    app.fill("for-2", "20").await?;
    app.fill("against-2", "5").await?;
    app.fill("abstain-2", "2").await?;
    app.click("result-save-2").await?;
    app.wait_contains("result-saved", "第2号議案：可決").await?;
    choose(&app, "[data-testid='result-1']", "carried").await?;
    app.fill("for-1", "30").await?;
    app.fill("against-1", "1").await?;
    app.fill("abstain-1", "1").await?;
    app.click("result-save-1").await?;
    app.wait_contains("result-saved", "第1号議案：可決").await?;

    // Minutes: start from the agenda; the chair, the two signatories, and the discussion (hostile).
    app.click("open-minutes").await?;
    app.testid("minutes-form").await?;
    app.wait_contains("minutes-attendance", "定足数").await?;
    app.fill("mi-chair", "佐藤 一郎").await?;
    app.fill("mi-sig1", "鈴木 花子").await?;
    app.fill("mi-sig2", "高橋 健").await?;
    app.fill("disc-2", HOSTILE).await?;
    app.click("minutes-save").await?;
    app.wait_contains("minutes-message", "保存").await?;
    app.click("minutes-advance").await?;
    app.wait_contains("minutes-status", "確認依頼中").await?;
    app.click("minutes-advance").await?;
    app.wait_contains("minutes-status", "承認済み").await?;
    // Signing is the one irreversible step: it asks first, as a dialog that takes the focus; Escape
    // closes it and gives the focus back to the button that asked. The question reads in both
    // languages at both text sizes.
    app.axe_question("minutes-advance", "sign-confirm-box", "signing question").await?;
    app.click("minutes-advance").await?;
    app.testid("sign-confirm-box").await?;
    let focused = "return document.activeElement?.dataset.testid ?? null";
    app.wait_eval(focused, json!("sign-confirm")).await?;
    app.client.active_element().await?.send_keys("\u{E00C}").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='sign-confirm-box']\") === null", json!(true)).await?;
    app.wait_eval(focused, json!("minutes-advance")).await?;
    app.wait_contains("minutes-status", "承認済み").await?;
    app.click("minutes-advance").await?;
    app.testid("sign-confirm-box").await?;
    app.click("sign-confirm").await?;
    app.wait_contains("minutes-status", "署名済み").await?;
    app.testid("minutes-locked").await?;

    // What was typed shows as text, and nothing in it ran.
    app.wait_text("discussion-text-2", HOSTILE).await?;
    let ran = app
        .eval(
            "return [typeof window.__pwned, document.querySelectorAll(\"[data-testid='minutes-form'] img, [data-testid='minutes-form'] script\").length]",
        )
        .await?;
    assert_eq!(ran, json!(["undefined", 0]), "the hostile markup must neither run nor become elements");
    app.screenshot("meetings-minutes-signed").await?;

    // Editing signed minutes: the fields are read-only, and the core itself refuses with `locked`.
    let readonly = app.eval("return document.getElementById('mi-chair').readOnly").await?;
    assert_eq!(readonly, json!(true), "signed minutes are shown read-only");
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const id = location.hash.split('/').pop();
             window.__TAURI_INTERNALS__.invoke('update_minutes', { id, input: {
                 chair: '書き換え', recorder: '', signatory1: 'a', signatory2: 'b', opening: '', closing: '',
                 correction: '', items: [] } })
               .then(() => done('accepted'), e => done(e.code));",
            vec![],
        )
        .await?;
    assert_eq!(refused, json!("locked"), "the core refuses an edit of signed minutes with the locked code");

    // The minutes, typeset: the preview shows the pages, 印刷する writes the PDF the printer gets, with
    // the signature lines, the recorded results and what was typed, as text.
    let meeting_id = app.eval("return location.hash.split('/')[2]").await?;
    let meeting_id = meeting_id.as_str().unwrap_or_default().to_owned();
    app.click("print-these-minutes").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.wait_eval(council_e2e::PAGES_SHOWN, json!(true)).await?;
    app.screenshot("meetings-print-minutes").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let minutes_pdf = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    for needle in
        ["令和9年度 定期総会 議事録", "議事録署名人", "佐藤 一郎", "鈴木 花子", "高橋 健", "可決", "<script>", "1 / "]
    {
        if !minutes_pdf.contains(needle) {
            bail!("the minutes PDF lacks {needle:?}:\n{minutes_pdf}");
        }
    }
    // `council render` on the same data folder typesets the same minutes.
    let rendered = pdf_text(data.path(), "minutes", &meeting_id)?;
    if !rendered.contains("令和9年度 定期総会 議事録") {
        bail!("council render made other minutes:\n{rendered}");
    }

    // The meeting is locked now; print its board pack: contents, notice, motions, papers.
    app.eval("history.back(); return true").await?;
    app.testid("minutes-locked").await?;
    app.click("back-to-meeting").await?;
    app.testid("meeting-locked").await?;
    let pack_pdf = app.print_and_read("print-board-pack", data.path()).await?;
    for needle in [
        "目次",
        "開催のお知らせ",
        "第1号議案",
        "第2号議案 規約の一部改正について",
        "資料1_事業報告.txt",
        "3分の2以上",
        "新旧対照表",
        "第12条（定足数）",
        "書面表決を含む。",
    ] {
        if !pack_pdf.contains(needle) {
            bail!("the board pack PDF lacks {needle:?}:\n{pack_pdf}");
        }
    }

    // The same pack as an A3 booklet for saddle-stitch printing, its cover on the first side.
    app.eval("history.back(); return true").await?;
    app.testid("meeting-locked").await?;
    let booklet = app.print_and_read("print-board-pack-a3", data.path()).await?;
    if !(booklet.contains("議案書・資料") && booklet.contains("目次")) {
        bail!("the booklet lacks its cover or contents:\n{booklet}");
    }

    // Every motion decided: the results notice for circulation lists each with its result.
    app.eval("history.back(); return true").await?;
    app.testid("meeting-locked").await?;
    let results = app.print_and_read("print-results", data.path()).await?;
    for needle in ["結果について", "第1号議案", "第2号議案", "可決", "賛成30、反対1、棄権1", "以上"]
    {
        if !results.contains(needle) {
            bail!("the results notice lacks {needle:?}:\n{results}");
        }
    }

    // A correction after signing is an amendment linked to the signed minutes, edited on its own.
    app.eval("history.back(); return true").await?;
    app.testid("meeting-locked").await?;
    app.click("open-minutes").await?;
    app.testid("minutes-locked").await?;
    app.click("amend").await?;
    app.wait_contains("minutes-title", "議事録の訂正").await?;
    app.wait_contains("minutes-status", "下書き").await?;
    app.fill("mi-correction", "第1号議案の審議内容の誤記を訂正する。").await?;
    app.click("minutes-save").await?;
    app.wait_contains("minutes-message", "保存").await?;
    let amendment = app.print_and_read("print-these-minutes", data.path()).await?;
    if !amendment.contains("誤記を訂正する") {
        bail!("the printed amendment does not say what it corrects:\n{amendment}");
    }

    // Find the decision again by a word of its proposal.
    app.eval("location.hash = '#/meetings'; return true").await?;
    app.testid("meeting-table").await?;
    app.fill("meeting-search", "規約").await?;
    app.wait_contains("decision-hits", "規約の一部改正について").await?;
    app.wait_contains("decision-hits", "令和9年度 定期総会").await?;

    // The search box on every screen finds decisions too, and opens their meeting.
    app.fill("global-search", "年末夜警").await?;
    app.wait_contains("global-results", "年末夜警の実施について").await?;
    app.css("[data-testid='global-results'] a[href^='#/meetings/']").await?.click().await?;
    app.wait_contains("agenda-list", "年末夜警の実施について").await?;

    // The action items across meetings: the demo's overdue one is marked.
    app.click("meetings-tab-actions").await?;
    app.testid("action-table").await?;
    app.testid("overdue").await?;
    // The overdue one is handed to someone else with a new date: no longer overdue.
    let overdue_row = "[data-testid='action-row'][data-overdue='true']";
    app.css(&format!("{overdue_row} [data-testid='action-edit']")).await?.click().await?;
    app.fill_css("[data-testid='action-owner-input']", "防災部長").await?;
    let due = app.eval("return document.querySelector(\"[data-testid='action-row'] .date-input\").id").await?;
    app.fill_as_ime(due.as_str().unwrap_or_default(), "2099-12-31").await?;
    app.click("action-edit-save").await?;
    app.wait_contains("action-table", "防災部長").await?;
    app.wait_eval(&format!("return document.querySelectorAll(\"{overdue_row}\").length"), json!(0)).await?;
    app.close().await?;
    Ok(())
}

/// The council's form settings chosen in Settings reach the printed papers, and a notice keeps the
/// day it was first printed (shown beside its link, changeable by hand).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_papers_follow_the_settings_and_a_notice_keeps_its_day() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // Settings → 書類の設定: the seal box and the contact person; a wrong account number is refused
    // beside its field and nothing is kept.
    app.click("nav-settings").await?;
    app.click("forms-seal-seal").await?;
    app.click("forms-receipts-four").await?;
    app.fill("forms-postal-code", "〒１２３４５６７").await?;
    app.fill("forms-contact-name", "鈴木 花子").await?;
    app.fill("forms-contact-phone", "０１２３－４５－６７８９").await?;
    app.fill("forms-bank-number", "12a").await?;
    app.click("forms-save").await?;
    app.wait_contains("forms-errors", "直すところ").await?;
    app.wait_eval("return document.getElementById('forms-bank-number').getAttribute('aria-invalid')", json!("true"))
        .await?;
    // Corrected to the demo's own account number.
    app.fill_as_ime("forms-bank-number", "0123456").await?;
    app.click("forms-save").await?;
    app.testid("forms-saved").await?;
    app.wait_eval("return document.getElementById('forms-contact-phone').value", json!("0123-45-6789")).await?;
    app.wait_eval("return document.querySelector(\"[data-testid='forms-receipts-four']\").checked", json!(true))
        .await?;
    app.wait_eval("return document.getElementById('forms-postal-code').value", json!("123-4567")).await?;
    app.eval("document.querySelector(\"[data-testid='forms-form']\").scrollIntoView()").await?;
    app.screenshot("settings-forms").await?;

    // Envelopes for the households carry the area's postal code.
    app.click("nav-members").await?;
    app.click("print-envelopes").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("〒123-4567") && text.contains("様"), "envelopes with the area's code");
    app.click("print-back").await?;

    // A new 総会: its notice not printed yet.
    app.click("nav-meetings").await?;
    app.click("add-meeting").await?;
    app.testid("meeting-form").await?;
    set_date(&app, "m-date", "2027-04-25").await?;
    app.click("meeting-save").await?;
    app.wait_text("meeting-title", "令和9年度 定期総会").await?;
    app.wait_contains("issued-notice-day", "まだ印刷していません").await?;
    let url = app.eval("return location.hash").await?;

    // Printed: the forms carry the seal box, and the day printed is kept and shown.
    let text = app.print_and_read("print-meeting-notice", data.path()).await?;
    for needle in ["委任状", "書面表決書", "印"] {
        if !text.contains(needle) {
            bail!("the notice lacks {needle}:\n{text}");
        }
    }
    app.eval(&format!("location.hash = {url}")).await?;
    let day = "const d = document.querySelector(\"[data-testid='issued-notice-day']\"); return !!d && !d.textContent.includes('まだ')";
    app.wait_eval(day, json!(true)).await?;
    let shown = app.testid("issued-notice-day").await?.text().await?;
    if shown.contains("まだ") || !text.contains(&shown) {
        bail!("the notice's day {shown:?} is kept and is the day it shows:\n{text}");
    }

    // Changed by hand: the next printing carries that day.
    app.click("issued-notice-change").await?;
    set_date(&app, "issued-notice-input", "R9.4.5").await?;
    app.click("issued-notice-save").await?;
    app.wait_text("issued-notice-day", "令和9年4月5日").await?;
    app.screenshot("meeting-issued").await?;
    let text = app.print_and_read("print-meeting-notice", data.path()).await?;
    if !text.contains("令和9年4月5日") {
        bail!("the notice carries the day typed:\n{text}");
    }
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_chooses_its_members_from_the_roster_and_a_guest_by_name() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // A 部会: nobody is invited from the roster until chosen.
    app.click("nav-meetings").await?;
    app.click("add-meeting").await?;
    app.testid("meeting-form").await?;
    choose(&app, "[data-testid='m-kind']", "committee").await?;
    set_date(&app, "m-date", "2026-12-20").await?;
    app.fill("m-title", "防災部会").await?;
    app.click("meeting-save").await?;
    app.wait_text("meeting-title", "防災部会").await?;
    app.click("meeting-tab-attendance").await?;
    app.wait_contains("no-invitees", "まだ出席者がいません").await?;

    // Two members from the roster by part of their reading, and a guest from the city by name.
    for reading in ["やまだ たろう", "すずき"] {
        app.fill("invitee-person", reading).await?;
        app.click("invitee-person-hit").await?;
        app.testid("invitee-person-chosen").await?;
        app.click("invitee-add").await?;
        app.wait_eval("return !document.querySelector(\"[data-testid='invitee-person-chosen']\")", json!(true)).await?;
    }
    app.fill("invitee-name", "市役所 一郎").await?;
    app.fill("invitee-label", "市役所 地域振興課").await?;
    app.click("invitee-add").await?;
    app.wait_contains("attendance-table", "市役所 一郎").await?;
    app.wait_contains("attendance-table", "会長").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='invitee-row']\").length", json!(3)).await?;

    // The quorum counts those chosen; one present and one taken off.
    choose(&app, "[data-testid='attendance-1']", "present").await?;
    app.wait_contains("quorum-status", "1 / 3").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='invitee-remove-1']\").disabled", json!(true)).await?;
    app.click("invitee-remove-2").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='invitee-row']\").length", json!(2)).await?;
    app.wait_contains("quorum-status", "1 / 2").await?;
    app.assert_fits("committee-attendance").await?;
    app.screenshot("meetings-committee").await?;
    app.close().await?;
    Ok(())
}
