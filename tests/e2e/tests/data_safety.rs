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
    app.click("start-demo").await?;
    app.wait_text("council-name", "さくら台自治会").await?;

    // A backup now, listed in Settings.
    app.click("nav-settings").await?;
    app.click("backup-now").await?;
    app.wait_contains("backup-message", "バックアップを作成しました").await?;
    app.wait_contains("backup-table", "手動").await?;

    // Delete a household that holds no office (found by its reading), confirming the question.
    app.click("nav-members").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_text("household-title", "石井 和子").await?;
    app.click("delete-household").await?;
    app.client.accept_alert().await?;
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
    app.client.accept_alert().await?;
    app.click("nav-settings").await?;
    app.wait_contains("deleted-list", "石井 和子").await?;
    app.click("deleted-restore").await?;
    app.click("nav-members").await?;
    app.fill("member-search", "いしい かずこ").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.close().await?;
    Ok(())
}
