//! The community plan and events through the real window: add an action and an indicator to the demo
//! council's plan, record this year's actual and see progress move, create an event linked to the
//! action and find it in the yearly review, and print the review sheet (施策シート: the typeset PDF
//! previewed, printed and read back with pdftotext); the year's events
//! as a month calendar and a circulation notice with each block's check-off sheet; a plan workbook
//! previewed and imported.

use anyhow::Result;
use council_e2e::{App, Driver};
use serde_json::json;

/// Chooses the option of a select whose text contains `text`.
async fn choose(app: &App, id: &str, text: &str) -> Result<()> {
    app.css(&format!("#{id}")).await?;
    let found = app
        .client
        .execute(
            "const el = document.getElementById(arguments[0]);
             const opt = [...el.options].find(o => o.textContent.includes(arguments[1]));
             if (!opt) return false;
             el.value = opt.value; el.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![json!(id), json!(text)],
        )
        .await?;
    anyhow::ensure!(found == json!(true), "#{id} has no option containing {text:?}");
    Ok(())
}

/// A long print view is painted a moment after its text is in place; a screenshot waits for it.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
}

const ACTION: &str = "AED講習会の開催";
const INDICATOR: &str = "AED講習の受講者数";

const ACTIONS: &str = "return document.querySelectorAll(\"[data-testid='action']\").length";

/// The demo council opened in the window, on its plan's tree (12 actions).
async fn demo_plan(data: &std::path::Path) -> Result<(Driver, App)> {
    let driver = Driver::start(data)?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.click("nav-plan").await?;
    app.wait_text("plan-title", "さくら台地区まちづくり計画").await?;
    app.wait_eval(ACTIONS, json!(12)).await?;
    Ok((driver, app))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_its_indicator_and_an_event_reach_the_yearly_review() -> Result<()> {
    let data = tempfile::tempdir()?;
    // The demo council's plan, with its measures and progress bars.
    let (driver, app) = demo_plan(data.path()).await?;
    app.screenshot("plan-tree").await?;

    // Add an action to measure 1-① (防災力の向上).
    app.css("[data-testid='measure'][data-code='1-①'] [data-testid='add-action']").await?.click().await?;
    app.testid("action-form").await?;
    app.fill("a-name", ACTION).await?;
    app.fill("a-responsible", "地域・行政").await?;
    app.click("action-save").await?;
    let row = format!("[data-testid='action'][data-name='{ACTION}']");
    app.css(&row).await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='action']\").length", json!(13)).await?;

    // An indicator on it: 0 → 100 people by FY2028; no actual yet, so no progress.
    app.css(&format!("{row} [data-testid='add-action-indicator']")).await?.click().await?;
    app.testid("indicator-form").await?;
    app.fill("i-name", INDICATOR).await?;
    app.fill("i-unit", "人").await?;
    app.fill("i-baseline", "0").await?;
    app.fill("i-baseline-year", "2023").await?;
    app.fill("i-target", "１００").await?;
    app.fill("i-target-year", "2028").await?;
    app.click("indicator-save").await?;
    app.wait_contains("indicator-title", INDICATOR).await?;
    app.wait_contains("indicator-progress", "実績なし").await?;

    // This year's actual: progress moves to 40 %.
    app.fill("actual-2026", "40").await?;
    app.click("actual-save-2026").await?;
    app.wait_contains("indicator-message", "実績を記録しました").await?;
    app.wait_contains("indicator-progress", "40%").await?;
    app.wait_contains("indicator-table", "40").await?;
    // The indicator's own history names the actual recorded.
    app.wait_contains("indicator-history", "の実績を40に").await?;
    app.screenshot("plan-indicator").await?;

    // The tree shows the same progress under the action.
    app.click("nav-plan").await?;
    app.css(&format!("{row} [data-testid='indicator']")).await?;
    let text = app.css(&format!("{row} [data-testid='indicator']")).await?.text().await?;
    assert!(text.contains(INDICATOR) && text.contains("40%"), "the tree shows the indicator's progress: {text}");

    // An event linked to the action.
    app.click("nav-events").await?;
    app.click("add-event").await?;
    app.testid("event-form").await?;
    app.fill("e-title", "AED講習会").await?;
    // The day typed in 和暦 as people write it; the field reads it back in the western calendar.
    app.fill("e-starts", "R8.12.13").await?;
    app.wait_eval("return document.getElementById('e-starts').dataset.iso", json!("2026-12-13")).await?;
    app.wait_eval("return document.getElementById('e-starts-reading').textContent.trim()", json!("2026年12月13日"))
        .await?;
    app.fill("e-start-time", "10:00").await?;
    app.fill("e-end-time", "11:30").await?;
    app.fill("e-place", "さくら台集会所").await?;
    app.fill("e-expected", "30").await?;
    choose(&app, "e-action", ACTION).await?;
    app.click("event-save").await?;
    app.wait_text("event-title", "AED講習会").await?;
    app.wait_contains("event-action", ACTION).await?;
    app.wait_contains("event-facts", "令和8年12月13日（日） 10:00〜11:30").await?;

    // The yearly review lists the event under its action.
    app.click("nav-plan").await?;
    app.click("plan-tab-review").await?;
    app.wait_contains("review-title", "進捗管理").await?;
    app.wait_eval(
        &format!("const r = document.querySelector(\"[data-testid='review-action'][data-name='{ACTION}']\"); return !!r && r.textContent.includes('AED講習会') && r.textContent.includes('令和8年12月13日（予定）')"),
        json!(true),
    )
    .await?;
    app.screenshot("plan-review").await?;

    // The 施策シート is typeset: its preview shows the pages, 印刷する writes the PDF the printer gets,
    // which carries the action, the indicator with its actual and progress, and the event.
    app.click("print-review").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.wait_eval(council_e2e::PAGES_SHOWN, json!(true)).await?;
    settle().await;
    app.screenshot("print-review").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    // Reading order, white space dropped: a table cell wrapped onto two lines still reads as one string.
    let text: String = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?.split_whitespace().collect();
    for needle in [
        "施策シート（令和8年度進捗管理）",
        "防災力の向上",
        "現状と課題",
        ACTION,
        INDICATOR,
        "40人",
        "40％",
        "AED講習会",
        "（予定）",
        "地域・行政",
    ] {
        assert!(text.contains(needle), "the printed review sheet must show {needle:?}:\n{text}");
    }
    app.close().await?;
    drop(driver);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_years_events_show_on_home_in_the_calendar_and_on_a_circulation_notice() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // Home lists what comes next: the cleanup on 29 November is the first event after 23 November.
    let home = app.wait_contains("home-events", "秋の一斉清掃と花植え").await?;
    assert!(!home.contains("ふれあいサロン（11月）"), "an event already past is not listed: {home}");

    app.click("nav-events").await?;
    app.testid("event-table").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='event-row']\").length", json!(12)).await?;
    app.screenshot("events-list").await?;

    // The calendar opens on this month (November 2026) with its events.
    app.click("events-tab-calendar").await?;
    app.wait_text("calendar-month", "2026年11月").await?;
    // Public holidays are marked with their names (from the holiday law's rules), meetings shown too.
    app.wait_contains("event-calendar", "勤労感謝の日").await?;
    app.wait_contains("event-calendar", "文化の日").await?;
    app.wait_contains("event-calendar", "ふれあいサロン（11月）").await?;
    app.wait_contains("event-calendar", "秋の一斉清掃と花植え").await?;
    app.screenshot("events-calendar").await?;
    app.click("calendar-next").await?;
    app.wait_text("calendar-month", "2026年12月").await?;
    app.wait_contains("event-calendar", "歳末特別防犯パトロール").await?;
    // The coming 役員会 (13 days after the demo's day) is on the calendar, one click from its page.
    app.wait_contains("calendar-meeting", "役員会").await?;

    // The drill's notice, with one check-off sheet per block.
    app.click("calendar-prev").await?;
    app.click("events-tab-list").await?;
    app.css("[data-testid='event-row'] a").await?;
    app.client
        .execute("[...document.querySelectorAll(\"[data-testid='event-row'] a\")].find(a => a.textContent === '総合防災訓練').click()", vec![])
        .await?;
    app.wait_text("event-title", "総合防災訓練").await?;
    app.wait_contains("event-action", "1-①-1 総合防災訓練の実施").await?;
    app.click("print-event-notice").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.wait_eval(council_e2e::PAGES_SHOWN, json!(true)).await?;
    // The notice, then one check-off page per block of the demo council.
    let pages = app.eval("return document.querySelectorAll(\"[data-testid='print-page']\").length").await?;
    assert!(pages.as_u64().unwrap_or(0) >= 13, "the notice and a sheet for each of the 12 blocks: {pages}");
    settle().await;
    app.screenshot("print-notice").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("総合防災訓練のお知らせ"), "the notice's title:\n{text}");
    assert_eq!(text.matches("回覧確認表").count(), 12, "one check-off sheet per block:\n{text}");
    assert!(text.contains("1班") && text.contains("12班"), "the sheets name their blocks");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_workbook_is_previewed_then_imported_whole() -> Result<()> {
    let fixture = council_e2e::workspace().join("crates/council-io/tests/fixtures/plan-demo.xlsx");
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.fill("welcome-name", "みどり台自治会").await?;
    app.fill("welcome-city", "みどり市").await?;
    app.fill("welcome-representative_name", "佐藤 一郎").await?;
    app.click("welcome-submit").await?;
    app.wait_text("council-name", "みどり台自治会").await?;

    app.click("nav-plan").await?;
    app.testid("plan-empty").await?;
    app.click("plan-import").await?;
    app.testid("plan-import-file").await?.send_keys(&fixture.display().to_string()).await?;
    let counts = app.wait_contains("plan-import-counts", "さくら台地区まちづくり計画").await?;
    assert!(counts.contains("基本方針 2") && counts.contains("施策 5") && counts.contains("事業 12"), "{counts}");
    app.screenshot("plan-import").await?;
    app.click("plan-import-run").await?;
    app.wait_text("plan-title", "さくら台地区まちづくり計画").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='action']\").length", json!(12)).await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='indicator']\").length", json!(6)).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_measure_asks_first_says_what_goes_with_it_and_undo_brings_it_all_back() -> Result<()> {
    let data = tempfile::tempdir()?;
    let (_driver, app) = demo_plan(data.path()).await?;
    let actions = ACTIONS;
    let measure = "[data-testid='measure'][data-code='1-①']";
    let under: i64 = app
        .eval(&format!("return document.querySelectorAll(\"{measure} [data-testid='action']\").length"))
        .await?
        .as_i64()
        .unwrap_or_default();
    assert!(under > 0, "the measure has actions");

    // 「削除する」 asks first, naming what goes with it; 「やめる」 keeps everything.
    app.css(&format!("{measure} [data-testid='edit-measure']")).await?.click().await?;
    app.testid("node-form").await?;
    app.click("node-delete").await?;
    let question = app.wait_contains("node-delete-question", &format!("事業{under}件")).await?;
    assert!(question.contains("元に戻せます"), "{question}");
    app.screenshot("plan-delete-confirm").await?;
    app.click("node-delete-no").await?;
    app.testid("node-delete").await?;

    // Deleted: the measure and its actions go; 元に戻す brings them all back.
    app.click("node-delete").await?;
    app.click("node-delete-yes").await?;
    app.wait_text("plan-title", "さくら台地区まちづくり計画").await?;
    app.wait_eval(actions, json!(12 - under)).await?;
    app.wait_contains("undo-bar", "削除しました").await?;
    app.click("undo").await?;
    app.wait_eval(actions, json!(12)).await?;
    app.css(measure).await?;
    app.close().await?;
    Ok(())
}
