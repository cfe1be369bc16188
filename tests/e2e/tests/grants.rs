//! Grants through the real window: the demo's application in progress shows its budget check, its
//! spending against budget and its receipts' warnings; an expense with a receipt file is recorded and
//! the category moves; the application's forms are typeset (the budget's totals read back from the
//! printed PDF).

use anyhow::Result;
use council_e2e::Driver;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expense_with_its_receipt_moves_the_budget_and_the_forms_print() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    app.click("nav-grants").await?;
    app.wait_contains("application-table", "花と防災のまちづくり事業").await?;
    app.client
        .execute(
            "[...document.querySelectorAll(\"[data-testid='application-row'] a\")].find(a => a.textContent === '花と防災のまちづくり事業').click()",
            vec![],
        )
        .await?;
    app.wait_text("application-title", "花と防災のまちづくり事業").await?;
    app.testid("budget-vs-actual").await?;
    let rows_before = app.eval("return document.querySelectorAll(\"[data-testid='expense-row']\").length").await?;

    // An expense with its receipt (a PNG written for the test), addressed to the council.
    let receipt = data.path().join("receipt.png");
    std::fs::write(&receipt, PNG)?;
    app.fill("gx-payee", "さくら台ホームセンター").await?;
    app.fill("gx-desc", "花苗（パンジー）50株").await?;
    app.fill("gx-amount", "4500").await?;
    app.fill("gx-to", "さくら台自治会").await?;
    app.css("#gx-file").await?.send_keys(&receipt.display().to_string()).await?;
    app.click("expense-add").await?;
    let expected = rows_before.as_u64().unwrap_or(0) + 1;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='expense-row']\").length", json!(expected)).await?;
    app.wait_contains("expense-table", "receipt.png").await?;
    app.wait_contains("expense-table", "花苗（パンジー）50株").await?;
    app.screenshot("grant-application").await?;

    // The budget form, typeset and printed: its total is the Desk's.
    app.click("print-grant_budget").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("収支予算書") && text.contains("花と防災のまちづくり事業"), "the budget form:\n{text}");
    assert!(text.contains("さくら台自治会"), "the council's name on the form");
    app.close().await?;
    Ok(())
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xC9, 0xFE, 0x92, 0xEF,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
