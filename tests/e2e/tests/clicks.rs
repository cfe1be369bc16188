//! The everyday tasks and how many clicks each takes from Home, done through the real window as a
//! person does them (the counts the README gives): record a dues payment, record a grant expense with
//! its receipt, print the 回覧 notice of an event. A change that adds a click to one fails here.

use anyhow::Result;
use council_e2e::{App, Driver};
use serde_json::json;

/// The window, counting the clicks made on it.
struct Counted<'a> {
    app: &'a App,
    clicks: u32,
}

impl Counted<'_> {
    async fn click(&mut self, id: &str) -> Result<()> {
        self.clicks += 1;
        self.app.click(id).await
    }

    async fn click_css(&mut self, selector: &str) -> Result<()> {
        self.clicks += 1;
        self.app.css(selector).await?.click().await?;
        Ok(())
    }

    /// A native dialog answered with one pick (the file chosen with a double click counts as one).
    fn dialog_pick(&mut self) {
        self.clicks += 1;
    }
}

async fn home(app: &App) -> Result<()> {
    app.eval("location.hash = '#/home'; return true").await?;
    app.testid("home-unpaid").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_everyday_tasks_take_the_clicks_the_readme_says() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // A dues payment: Home's unpaid figure → 入金を記録 on the first household → 保存 (amount and day
    // filled in as due).
    home(&app).await?;
    let mut dues = Counted { app: &app, clicks: 0 };
    dues.click_css("[data-testid='home-unpaid'] a").await?;
    dues.click("pay-start").await?;
    dues.click("pay-save").await?;
    app.wait_contains("dues-message", "入金を記録しました").await?;

    // A grant expense with its receipt: Home's 「支出を記録する」 beside the running project's report
    // deadline (its page opens at the form, the day today and the cursor in it) → payee, what for,
    // amount typed; 科目 chosen; the receipt chosen → 記録.
    home(&app).await?;
    let receipt = data.path().join("領収書.png");
    std::fs::write(&receipt, council_e2e::PNG)?;
    let mut expense = Counted { app: &app, clicks: 0 };
    expense.click_css("[data-testid='home-grant-deadlines'] [data-testid='deadline-record-expense']").await?;
    app.wait_eval("return document.activeElement?.id", json!("gx-date")).await?;
    app.wait_eval(
        "const r = document.getElementById('expense-form-title')?.getBoundingClientRect(); return !!r && r.top >= 0 && r.top < innerHeight",
        json!(true),
    )
    .await?;
    app.fill("gx-payee", "ホームセンターみどり").await?;
    app.fill("gx-desc", "ごみ袋代として").await?;
    expense.click_css("#gx-cat").await?;
    expense.click_css("#gx-cat option[value='supplies']").await?;
    app.fill("gx-amount", "1200").await?;
    expense.click_css("label[for='gx-file']").await?;
    app.css("#gx-file").await?.send_keys(&receipt.display().to_string()).await?;
    expense.dialog_pick();
    expense.click("expense-add").await?;
    app.wait_contains("expense-table", "ごみ袋代として").await?;

    // The 回覧 notice of an event: Events → the event → 印刷：お知らせ → 印刷する (then the viewer's
    // own print button).
    home(&app).await?;
    let mut notice = Counted { app: &app, clicks: 0 };
    notice.click("nav-events").await?;
    notice.click_css("[data-testid='event-row'] a").await?;
    notice.click("print-event-notice").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    notice.click("print-now").await?;
    app.testid("print-notice").await?;

    let counts = (dues.clicks, expense.clicks, notice.clicks);
    println!(
        "clicks from Home: dues payment {}, expense with receipt {}, 回覧 notice {}",
        counts.0, counts.1, counts.2
    );
    assert_eq!(counts, (3, 6, 4), "the README's counts (what works → everyday tasks)");
    app.close().await
}
