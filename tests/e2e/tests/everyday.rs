//! Everyday use through the real window, keyboard first: reach Events with Tab and Enter, create an
//! event with Ctrl+N, type its fields, save with Ctrl+S — focus always visible; then leave a form with
//! unsaved changes and be asked first (Escape stays, the changes are still there); delete an event and
//! undo it.

use anyhow::{Result, bail};
use council_e2e::{App, Driver};
use serde_json::json;

const CTRL: char = '\u{E009}';
const RELEASE: char = '\u{E000}';
const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';

/// Sends keys to whatever has the focus, as a person at the keyboard does.
async fn keys(app: &App, text: &str) -> Result<()> {
    app.client.active_element().await?.send_keys(text).await?;
    Ok(())
}

/// The focused element's `data-testid` or id.
async fn focused(app: &App) -> Result<String> {
    let v =
        app.eval("const a = document.activeElement; return a ? (a.dataset.testid || a.id || a.tagName) : ''").await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Presses Tab until `target` has the focus, checking at every stop that the focus can be seen.
async fn tab_to(app: &App, target: &str) -> Result<()> {
    for _ in 0..60 {
        keys(app, &TAB.to_string()).await?;
        let visible = app
            .eval(
                "const a = document.activeElement; if (!a || a === document.body) return true;
                 const s = getComputedStyle(a);
                 return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';",
            )
            .await?;
        let now = focused(app).await?;
        if visible != json!(true) {
            bail!("the focus on {now} cannot be seen");
        }
        if now == target {
            return Ok(());
        }
    }
    bail!("Tab never reached {target}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_is_created_from_the_keyboard_and_unsaved_changes_are_protected() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.testid("home-unpaid").await?;

    // Tab to the menu's Events and open it with Enter; Ctrl+N opens the new-event form.
    tab_to(&app, "nav-events").await?;
    keys(&app, &ENTER.to_string()).await?;
    app.testid("event-table").await?;
    keys(&app, &format!("{CTRL}n{RELEASE}")).await?;
    app.testid("event-form").await?;
    // The focus is already in the form's first field.
    app.wait_eval("return document.activeElement?.id", json!("e-title")).await?;

    // Type the fields, Tab between them; the day in 和暦.
    keys(&app, "防災講演会").await?;
    tab_to(&app, "e-starts").await?;
    // Tab selects what the field holds (today), so typing replaces it.
    keys(&app, "R8.12.20").await?;
    app.wait_eval("return document.getElementById('e-starts').dataset.iso", json!("2026-12-20")).await?;
    tab_to(&app, "e-place").await?;
    keys(&app, "さくら台集会所").await?;

    // Ctrl+S saves; the event opens.
    keys(&app, &format!("{CTRL}s{RELEASE}")).await?;
    app.wait_text("event-title", "防災講演会").await?;
    app.wait_contains("event-facts", "さくら台集会所").await?;

    // Corrected: its history says which field changed, from what to what, and who did it.
    app.click("edit-event").await?;
    app.fill("e-place", "さくら台公民館").await?;
    app.click("event-save").await?;
    app.wait_contains("event-facts", "さくら台公民館").await?;
    app.wait_contains("event-history", "場所：さくら台集会所 → さくら台公民館").await?;

    // Deleting asks nothing; the undo at the bottom brings it back, the same event.
    let url = app.eval("return location.hash").await?;
    app.click("event-delete").await?;
    app.wait_contains("event-delete-question", "行事「").await?;
    app.click("event-delete-yes").await?;
    app.testid("event-table").await?;
    app.wait_contains("undo-bar", "「防災講演会」を削除しました").await?;
    app.click("undo").await?;
    app.wait_text("event-title", "防災講演会").await?;
    app.wait_eval("return location.hash", url).await?;
    app.click("undo-dismiss").await?;

    // A second event typed but not saved: leaving asks first. Escape stays, with the text kept…
    app.click("nav-events").await?;
    app.click("add-event").await?;
    app.fill("e-title", "書きかけの行事").await?;
    app.click("nav-home").await?;
    app.testid("unsaved-dialog").await?;
    app.wait_eval("return document.activeElement.dataset.testid", json!("unsaved-stay")).await?;
    keys(&app, &ESCAPE.to_string()).await?;
    app.wait_eval("return document.querySelector(\"[data-testid='unsaved-dialog']\") === null", json!(true)).await?;
    app.wait_eval("return document.getElementById('e-title').value", json!("書きかけの行事")).await?;
    app.wait_eval("return location.hash", json!("#/events/new")).await?;

    // …and leaving on purpose drops it.
    app.click("nav-home").await?;
    app.click("unsaved-leave").await?;
    app.testid("home-unpaid").await?;

    // The same for a book entry half typed on the accounts page (every form that records something).
    app.click("nav-accounts").await?;
    app.fill("acc-description", "書きかけの記帳").await?;
    app.click("nav-members").await?;
    app.testid("unsaved-dialog").await?;
    app.click("unsaved-stay").await?;
    app.wait_eval("return document.getElementById('acc-description').value", json!("書きかけの記帳")).await?;
    app.click("nav-members").await?;
    app.click("unsaved-leave").await?;
    app.testid("member-table").await?;
    // A search typed on the roster is not a change: leaving it asks nothing.
    app.fill("member-search", "さとう").await?;
    app.click("nav-home").await?;
    app.testid("home-unpaid").await?;
    app.close().await?;
    Ok(())
}
