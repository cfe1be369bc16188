//! Grants through the real window: the demo's application in progress shows its budget check, its
//! spending against budget and its receipts' warnings; an expense with a receipt file is recorded and
//! the category moves; the application's forms are typeset (the budget's totals read back from the
//! printed PDF).

use anyhow::Result;
use council_e2e::{Driver, PNG};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expense_with_its_receipt_moves_the_budget_and_the_forms_print() -> Result<()> {
    let data = tempfile::tempdir()?;
    // Where the save dialog "answers" (a GTK dialog cannot be answered under Xvfb).
    let saved = tempfile::tempdir()?;
    let driver = Driver::start_with(data.path(), &[("COUNCIL_DESK_PICK_FOLDER", &saved.path().display().to_string())])?;
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
    // The project's money goes through the council's bank book (recorded once, here).
    app.wait_contains("gl-current", "みどり信用金庫 普通預金").await?;
    // Its flowers (消耗品費) go to 清掃活動, the rest to 防災訓練; saving the form keeps that.
    let flowers = "return document.getElementById('gl-cat-supplies')?.selectedOptions[0]?.textContent";
    app.wait_eval(flowers, json!("清掃活動")).await?;
    app.click("gl-save").await?;
    app.wait_contains("gl-message", "載せる設定にしました").await?;
    app.wait_eval(flowers, json!("清掃活動")).await?;
    // Its advance was claimed in June, then received: the claim form carries the claim's day.
    app.wait_contains("advance-claimed", "令和8年6月5日").await?;
    app.wait_contains("advance-claimed", "100,000").await?;
    let text = app.print_and_read("print-advance-claim", data.path()).await?;
    assert!(text.contains("概算払") && text.contains("令和8年6月5日"), "the advance's claim, dated:\n{text}");
    app.client.back().await?;
    app.wait_text("application-title", "花と防災のまちづくり事業").await?;
    app.eval("document.getElementById('ga-print').scrollIntoView(); return true").await?;
    app.screenshot("grant-forms").await?;
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
    app.wait_eval(
        "return [...document.querySelectorAll(\"[data-testid='receipt-view']\")].some(b => b.textContent === 'receipt.png')",
        json!(true),
    )
    .await?;
    app.wait_contains("expense-table", "花苗（パンジー）50株").await?;
    app.screenshot("grant-application").await?;

    // The budget form, typeset and printed: its total is the Desk's.
    let text = app.print_and_read("print-grant_budget", data.path()).await?;
    assert!(text.contains("収支予算書") && text.contains("花と防災のまちづくり事業"), "the budget form:\n{text}");
    assert!(text.contains("さくら台自治会"), "the council's name on the form");

    // The whole application as an Excel workbook, with the expense just recorded.
    app.client.back().await?;
    // The application's page again, whole (its figures come a moment after it is drawn).
    app.wait_text("application-title", "花と防災のまちづくり事業").await?;
    app.testid("budget-vs-actual").await?;
    app.click("grant-xlsx").await?;
    app.wait_contains("grant-xlsx-saved", "助成金_花と防災のまちづくり事業.xlsx").await?;
    let book = std::fs::read(saved.path().join("助成金_花と防災のまちづくり事業.xlsx"))?;
    assert!(book.starts_with(b"PK"), "an .xlsx (a zip) was written");

    // The programs' application deadlines read in 和暦 like every other date.
    app.eval("location.hash = '#/grants/programs'").await?;
    let programs = app.wait_contains("program-table", "令和").await?;
    assert!(!["2025-", "2026-", "2027-"].iter().any(|y| programs.contains(y)), "no ISO dates: {programs}");
    app.close().await?;
    Ok(())
}

/// The whole of a grant from the council's side, through the window: a budget that does not balance is
/// refused with the exact amounts to fix; fixed, it is applied for, awarded and started; expenses are
/// recorded (one with its receipt) until a category crosses the change threshold and the warning shows;
/// a changed budget is prepared and approved (the first version stays); the settlement needs a reason
/// for a large difference; the report is made, and the report's documents carry the totals.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_grant_from_budget_to_report() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // A new application under this year's program (2/3 of eligible expenses, up to ¥300,000).
    app.click("nav-grants").await?;
    app.click("add-application").await?;
    app.testid("application-form").await?;
    app.css("#ga-program option[value]").await?;
    app.client
        .execute(
            "const s = document.getElementById('ga-program'); \
             s.value = [...s.options].find(o => o.textContent.includes('令和8年度')).value; \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
    app.fill("ga-name", "防犯灯点検と夜回り事業").await?;
    app.fill("ga-starts", "2026/10/01").await?;
    app.fill("ga-ends", "2027/01/31").await?;
    app.fill("ga-requested", "60000").await?;
    app.click("application-save").await?;

    // The budget form opens with the grant line; ¥70,000 of supplies does not balance.
    app.testid("budget-form").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='income-amount']\").value", json!("60000")).await?;
    app.fill_css("[data-testid='expense-description']", "夜回り用品").await?;
    app.fill_css("[data-testid='expense-amount']", "70000").await?;
    app.wait_contains(
        "budget-problems",
        "収入合計（60,000円）と支出合計（70,000円）が合っていません。支出が10,000円多いので、収入を10,000円増やすか、支出を10,000円減らしてください。",
    )
    .await?;
    app.screenshot("grant-budget-unbalanced").await?;

    // Fixed: supplies ¥60,000, printing ¥30,000 with its breakdown, dues ¥30,000 beside the grant.
    app.fill_css("[data-testid='expense-amount']", "60000").await?;
    app.click("expense-line-add").await?;
    app.client
        .execute(
            "const s = [...document.querySelectorAll(\"[data-testid='expense-category']\")][1]; \
             s.value = 'printing'; s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
    app.fill_css("[aria-label='支出2 内容']", "啓発チラシ").await?;
    app.css("[aria-label='支出2 ＋ 内訳を追加']").await?.click().await?;
    app.fill_css("[aria-label='支出2 内訳1 品名']", "チラシ").await?;
    app.fill_css("[aria-label='支出2 内訳1 単価']", "10").await?;
    app.fill_css("[aria-label='支出2 内訳1 数量']", "3000").await?;
    app.fill_css("[aria-label='支出2 内訳1 単位']", "枚").await?;
    app.wait_eval(
        "return [...document.querySelectorAll(\"[data-testid='expense-amount-computed']\")].map(e => e.textContent).join()",
        json!("30,000円"),
    )
    .await?;
    app.click("income-add").await?;
    app.fill_css("[aria-label='収入2 内容']", "自治会費から").await?;
    app.fill_css("[aria-label='収入2 金額（円）']", "30000").await?;
    app.testid("budget-ok").await?;
    app.wait_text("expense-total", "90,000円").await?;
    app.click("budget-save").await?;

    // Applied, awarded, started.
    app.testid("budget-versions").await?;
    app.testid("budget-ok").await?;
    for (step, status) in [("apply", "交付申請済み"), ("award", "交付決定"), ("start", "事業実施中")] {
        app.click(&format!("step-{step}")).await?;
        if step == "award" {
            app.fill("st-amount", "60000").await?;
            app.fill("st-number", "みどり協第123号").await?;
        }
        app.click("step-do").await?;
        app.wait_contains("application-status", status).await?;
    }

    // Expenses: supplies ¥40,000 with its receipt and ¥35,000 more, printing ¥15,000.
    let receipt = data.path().join("flashlights.png");
    std::fs::write(&receipt, PNG)?;
    for (date, payee, desc, cat, amount, file) in [
        ("2026/11/10", "みどりホームセンター", "LED懐中電灯 20本", "supplies", "40000", Some(&receipt)),
        ("2026/11/12", "みどり印刷", "啓発チラシ 1,500枚", "printing", "15000", None),
        ("2026/11/15", "みどりホームセンター", "反射たすき 70本", "supplies", "35000", None),
    ] {
        app.fill("gx-date", date).await?;
        app.fill("gx-payee", payee).await?;
        app.fill("gx-desc", desc).await?;
        app.css(&format!("#gx-cat option[value='{cat}']")).await?.click().await?;
        app.fill("gx-amount", amount).await?;
        app.fill("gx-to", "さくら台自治会").await?;
        if let Some(file) = file {
            app.css("#gx-file").await?.send_keys(&file.display().to_string()).await?;
        }
        app.click("expense-add").await?;
        app.wait_contains("expense-table", desc).await?;
    }
    // ¥75,000 of supplies against ¥60,000 budgeted: 25 % over, beyond the program's 20 %.
    app.wait_contains("change-needed", "消耗品費が予算より25%多くなっています。実績報告の前に変更承認申請が必要です。")
        .await?;
    app.eval("document.getElementById('ga-vs').scrollIntoView(); return true").await?;
    app.screenshot("grant-threshold").await?;

    // The receipt image opens under its row.
    app.click("receipt-view").await?;
    app.wait_eval("const i = document.querySelector(\"[data-testid='receipt-image']\"); return !!i && i.complete && i.naturalWidth > 0", json!(true)).await?;

    // A changed budget (version 2): supplies ¥75,000, printing ¥15,000 (1,500 leaflets).
    app.click("budget-edit").await?;
    app.wait_contains("budget-change-note", "第2版").await?;
    app.fill_css("[aria-label='支出1 金額（円）']", "75000").await?;
    app.fill_css("[aria-label='支出2 内訳1 数量']", "1500").await?;
    // A grant already running is not told it can be applied for.
    app.wait_eval(
        "return document.querySelector(\"[data-testid='budget-ok']\")?.textContent",
        json!("予算は整っています。"),
    )
    .await?;
    app.click("budget-save").await?;
    app.wait_contains("budget-versions", "第2版").await?;
    app.click("step-apply_change").await?;
    app.fill("st-reason", "夜回りの参加者が増えたため、用品を増やしチラシを減らす").await?;
    app.click("step-do").await?;
    app.wait_contains("application-status", "変更申請中").await?;
    app.click("step-approve_change").await?;
    app.click("step-do").await?;
    app.wait_contains("application-status", "変更承認").await?;
    let versions = app.wait_contains("budget-versions", "第2版").await?;
    assert!(versions.contains("第1版"), "the first budget stays beside the change: {versions}");
    app.wait_eval("return document.querySelectorAll(\"[data-testid='change-needed']\").length", json!(0)).await?;

    // The night patrol held under the grant: its turnout goes into the report.
    app.click("nav-events").await?;
    app.click("add-event").await?;
    app.fill("e-title", "防犯夜回り（第1回）").await?;
    app.fill("e-starts", "R8.11.14").await?;
    app.fill("e-place", "さくら台地区全域").await?;
    app.fill("e-actual", "28").await?;
    app.click("event-save").await?;
    app.wait_text("event-title", "防犯夜回り（第1回）").await?;
    app.css("[data-testid='event-grant-select'] option[value]:not([value=''])").await?;
    app.client
        .execute(
            "const s = document.querySelector(\"[data-testid='event-grant-select']\"); \
             s.value = [...s.options].find(o => o.textContent.includes('防犯灯点検と夜回り事業')).value; \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
    app.click("event-grant-save").await?;
    app.wait_contains("event-grant", "防犯灯点検と夜回り事業").await?;
    app.css("[data-testid='event-grant'] a").await?.click().await?;
    app.wait_text("application-title", "防犯灯点検と夜回り事業").await?;
    app.wait_contains("application-events", "防犯夜回り（第1回）").await?;

    // The report is refused until the project's end is entered.
    app.click("step-report").await?;
    app.css("[data-testid='step-form'] input[type='checkbox']").await?.click().await?;
    app.click("step-do").await?;
    app.wait_contains("grant-error", "事業の完了日を入力してから実績報告してください。").await?;
    app.click("application-edit").await?;
    app.fill("ga-completed", "2026/11/20").await?;
    app.click("application-save").await?;

    // The settlement: dues came to ¥34,000, a difference that needs its reason.
    app.click("settlement-edit").await?;
    app.fill_css("[aria-label='会費 実績']", "34000").await?;
    app.click("settlement-save").await?;
    app.wait_contains("settlement-missing", "会費").await?;
    app.fill_css("[data-testid='reason-dues']", "夜回りの参加者が増え、会費からの繰入れを増やしたため").await?;
    app.click("settlement-save").await?;
    app.testid("settlement-saved").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='settlement-missing']\").length", json!(0)).await?;
    app.wait_text("settlement-balance", "4,000円").await?;
    app.screenshot("grant-settlement").await?;

    // Reported.
    app.click("settlement-back").await?;
    app.click("step-report").await?;
    app.css("[data-testid='step-form'] input[type='checkbox']").await?.click().await?;
    app.click("step-do").await?;
    app.wait_contains("application-status", "実績報告").await?;

    // The settlement form carries the totals and the reason; the report names the project.
    let text = app.print_and_read("print-grant_settlement", data.path()).await?;
    assert!(text.contains("収支決算書") && text.contains("防犯灯点検と夜回り事業"), "the settlement form:\n{text}");
    for total in ["94,000", "90,000", "4,000", "75,000", "34,000"] {
        assert!(text.contains(total), "the settlement shows {total}:\n{text}");
    }
    assert!(text.contains("夜回りの参加者が増え"), "the reason for the difference:\n{text}");
    app.client.back().await?;
    let text = app.print_and_read("print-grant_report", data.path()).await?;
    assert!(text.contains("実績報告書") && text.contains("防犯灯点検と夜回り事業"), "the report:\n{text}");
    assert!(text.contains("60,000"), "the grant on the report:\n{text}");
    assert!(text.contains("延べ28人"), "the linked event's turnout on the report:\n{text}");
    app.client.back().await?;
    let text = app.print_and_read("print-grant_results", data.path()).await?;
    assert!(
        text.contains("事業実績書") && text.contains("防犯夜回り（第1回）"),
        "the event on the results sheet:\n{text}"
    );
    app.close().await?;
    Ok(())
}
