//! Data safety through the real window: make a backup, delete a household, restore the backup, and
//! see the household back; a deleted household also comes back from Settings without a restore.

use anyhow::Result;
use council_e2e::Driver;
use serde_json::json;

const ROWS: &str = "return document.querySelectorAll(\"[data-testid='member-row']\").length";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_delete_restore_brings_the_household_back() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // A backup now, listed in Settings.
    app.click("nav-settings").await?;
    app.click("backup-now").await?;
    app.wait_contains("backup-message", "バックアップを作成しました").await?;
    app.wait_contains("backup-table", "手動").await?;

    // Delete a household that holds no office (found by its reading); nothing is asked, an undo is
    // offered instead.
    app.click("nav-members").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_text("household-title", "石井 和子").await?;
    app.click("delete-household").await?;
    app.wait_contains("undo-bar", "石井 和子").await?;
    app.click("undo-dismiss").await?;
    app.testid("member-search").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(0)).await?;

    // Restore the manual backup, after its preview; the household is back.
    app.click("nav-settings").await?;
    app.testid("backup-table").await?;
    app.css("[data-testid='backup-row']:first-child [data-testid='backup-restore']").await?.click().await?;
    app.wait_contains("backup-preview", "さくら台自治会").await?;
    app.screenshot("restore-preview").await?;
    app.click("backup-confirm-restore").await?;
    app.wait_contains("backup-message", "復元しました").await?;
    app.click("nav-members").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(1)).await?;

    // Deleting again and bringing it back from Settings' list works without a restore.
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_text("household-title", "石井 和子").await?;
    app.click("delete-household").await?;
    // The deletion returns to the roster; wait for it before moving on.
    app.testid("member-search").await?;
    app.click("nav-settings").await?;
    app.wait_contains("deleted-list", "石井 和子").await?;
    app.click("deleted-restore").await?;
    app.click("nav-members").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_officer_opens_the_hand_over_file_on_a_new_pc() -> Result<()> {
    // The previous officer's PC: the demo council, handed over with a passphrase (made with the CLI).
    let old_pc = tempfile::tempdir()?;
    let old_data = old_pc.path().join("data");
    council_e2e::run_cli(&old_data, &["demo"])?;
    let secret = old_pc.path().join("passphrase.txt");
    std::fs::write(&secret, "さくら台の合言葉2026")?;
    let file = old_pc.path().join("さくら台自治会-引き継ぎ.handover");
    let (out, pass) = (file.display().to_string(), secret.display().to_string());
    council_e2e::run_cli(&old_data, &["handover", "export", "--out", &out, "--passphrase-file", &pass])?;

    // The new PC: a fresh data folder, opened through the welcome screen.
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.fill("handover-path", &file.display().to_string()).await?;
    app.fill("handover-passphrase", "まちがい").await?;
    app.click("handover-check").await?;
    app.wait_contains("handover-error", "合言葉").await?;
    app.fill("handover-passphrase", "さくら台の合言葉2026").await?;
    app.click("handover-check").await?;
    app.wait_contains("backup-preview", "さくら台自治会").await?;
    app.screenshot("handover-open").await?;
    app.click("handover-start").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    app.click("nav-members").await?;
    app.wait_contains("member-summary", "加入世帯").await?;
    let total = app.testid("member-total").await?.text().await?;
    assert!(total.trim().parse::<u32>()? > 200, "the whole roster came across: {total}");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_data_opens_to_a_screen_that_restores_the_newest_good_backup() -> Result<()> {
    // A council whose data file gets damaged after a backup was taken.
    let data = tempfile::tempdir()?;
    council_e2e::run_cli(data.path(), &["demo"])?;
    council_e2e::run_cli(data.path(), &["backup"])?;
    let db = data.path().join("council.sqlite3");
    let mut bytes = std::fs::read(&db)?;
    bytes[100..4096].fill(0x5a);
    std::fs::write(&db, bytes)?;

    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.wait_contains("fatal-error", "壊れ").await?;
    app.screenshot("damaged").await?;
    app.click("damaged-restore").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    app.close().await?;
    Ok(())
}
