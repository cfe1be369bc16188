//! The council's own accounts through the real window: the treasurer of a new council starts the
//! general account, records last year's income and expenses (one with its receipt, one corrected),
//! takes cash to the bank, sees budget against actual move, is refused an expense the cash cannot
//! cover (naming the day), enters and approves the budget (the reserve taking the difference); the
//! auditors' passbook balance that differs from the book is shown and blocks the close until it
//! agrees; the year closes after its audit, the settlement and the audit report print (their PDFs
//! read back) and the carry-over opens the new year. The demo council's books are shown at 100 % and
//! 150 % text, and a festival's own cash book kept in Excel is imported into a new special account
//! (a balance that does not add up stops it first).

use anyhow::{Result, ensure};
use council_e2e::Driver;
use serde_json::json;

/// Chooses the option whose text is `text` in the select `#id` and tells the page.
async fn choose(app: &council_e2e::App, id: &str, text: &str) -> Result<()> {
    let script = format!(
        "const s = document.getElementById('{id}'); const o = [...s.options].find(o => o.textContent.trim() === '{text}'); \
         if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    );
    ensure!(app.eval(&script).await? == json!(true), "no option {text} in #{id}");
    Ok(())
}

async fn post(app: &council_e2e::App, date: &str, category: &str, description: &str, amount: &str) -> Result<()> {
    app.fill_css("#acc-date", date).await?;
    choose(app, "acc-category", category).await?;
    app.fill("acc-description", description).await?;
    app.fill("acc-amount", amount).await?;
    app.click("acc-post").await?;
    Ok(())
}

async fn carry(app: &council_e2e::App) -> Result<String> {
    Ok(app.testid("acc-statement-carry").await?.text().await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_treasurer_keeps_a_year_of_books_and_closes_it() -> Result<()> {
    let data = tempfile::tempdir()?;
    council_e2e::run_cli(
        data.path(),
        &["init", "--name", "みどり台自治会", "--city", "みどり市", "--representative", "佐藤 花子"],
    )?;
    // April of the next year: last year (令和8年度) has ended and can be closed.
    let driver = Driver::start_with(data.path(), &[("COUNCIL_DESK_TODAY", "2027-04-10")])?;
    let app = driver.open_app().await?;
    app.click("nav-accounts").await?;
    app.fill("acc-bank", "みどり信用金庫 普通預金").await?;
    app.click("acc-start").await?;
    app.testid("acc-entry-form").await?;
    app.eval("const s = document.getElementById('acc-year'); s.value = '2026'; s.dispatchEvent(new Event('change')); return true")
        .await?;

    // A 科目 of the council's own: a new 款 of expenses, offered at once for entries.
    app.fill_css("#acc-new-category", "集会所費").await?;
    app.css("[data-testid='acc-add-category'] button").await?.click().await?;
    app.wait_contains("acc-message", "科目を追加しました").await?;
    app.wait_eval(
        "return [...document.getElementById('acc-category').options].some(o => o.textContent.trim() === '集会所費')",
        json!(true),
    )
    .await?;
    // Renamed, then removed while nothing uses it.
    let act_on = |button: &str| {
        format!(
            "document.querySelector(\"[data-testid='acc-chart']\").open = true; \
             const li = [...document.querySelectorAll(\"[data-testid='acc-chart'] li\")].find(l => l.textContent.includes('集会所')); \
             [...li.querySelectorAll('button')].find(b => b.textContent.trim() === '{button}').click(); return true"
        )
    };
    app.eval(&act_on("名前を変える")).await?;
    app.fill_css("#acc-rename", "集会所維持費").await?;
    app.css("#acc-rename").await?.send_keys("\u{E007}").await?;
    app.wait_contains("acc-message", "科目の名前を変えました").await?;
    app.wait_eval(
        "return [...document.getElementById('acc-category').options].some(o => o.textContent.trim() === '集会所維持費')",
        json!(true),
    )
    .await?;
    app.eval(&act_on("削除")).await?;
    app.wait_contains("acc-message", "科目を削除しました").await?;

    // The budget proposal: income and expenses differ, the reserve takes the difference; approved.
    app.click("acc-budget-edit").await?;
    for (name, amount) in [("前年度繰越金", "50000"), ("雑収入", "10,000"), ("会議費", "30000")] {
        app.fill_css(&format!("[data-testid='acc-budget-amount'][data-name='{name}']"), amount).await?;
    }
    app.click("acc-budget-save").await?;
    app.wait_contains("acc-budget", "60,000円").await?;
    app.fill_css("#acc-approved-on", "令和8年4月26日").await?;
    app.click("acc-budget-approve").await?;
    app.wait_contains("acc-budget", "承認").await?;
    // The reserve took the difference.
    app.wait_eval(
        "return [...document.querySelectorAll(\"[data-testid='acc-statement-line']\")].find(r => r.querySelector('th').textContent.trim() === '予備費').querySelectorAll('td')[0].textContent",
        json!("30,000円"),
    )
    .await?;

    post(&app, "令和8年4月1日", "前年度繰越金", "前年度より繰越", "50000").await?;
    app.wait_contains("acc-message", "記帳しました").await?;
    post(&app, "R8.5.20", "雑収入", "廃品回収の売上", "12,400").await?;
    app.wait_contains("acc-book-closing", "62,400").await?;
    // The tea, with its receipt (a photo) kept in the data folder.
    let receipt = data.path().join("領収書_お茶代.png");
    std::fs::write(&receipt, b"\x89PNG\r\n\x1a\n a receipt")?;
    app.css("#acc-receipt").await?.send_keys(&receipt.display().to_string()).await?;
    post(&app, "2026/6/10", "会議費", "役員会 お茶代", "2980").await?;
    app.wait_contains("acc-book-closing", "59,420").await?;
    app.testid("acc-line-receipt").await?;
    // A correction before the month is closed is an edit: the shop's name added.
    app.wait_eval(
        "const r = [...document.querySelectorAll(\"[data-testid='acc-line']\")].find(r => r.textContent.includes('お茶代')); \
         r.querySelector(\"[data-testid='acc-edit']\").click(); return document.getElementById('acc-description').value",
        json!("役員会 お茶代"),
    )
    .await?;
    app.fill("acc-counterparty", "さくら台ストア").await?;
    app.click("acc-post").await?;
    app.wait_contains("acc-message", "訂正しました").await?;
    app.wait_contains("acc-book-table", "さくら台ストア").await?;
    app.wait_contains("acc-book-closing", "59,420").await?;
    // 会議費's actual moves (the statement is read again after each entry).
    app.wait_eval(
        "return [...document.querySelectorAll(\"[data-testid='acc-statement-line']\")].find(r => r.querySelector('th').textContent.trim() === '会議費').querySelectorAll('td')[1].textContent",
        json!("2,980円"),
    )
    .await?;

    // Cash to the bank: a transfer, no 科目 moves.
    let before = carry(&app).await?;
    app.fill_css("#acc-transfer-date", "令和8年6月11日").await?;
    app.fill("acc-transfer-amount", "40000").await?;
    app.click("acc-transfer").await?;
    app.wait_contains("acc-message", "振り替えました").await?;
    app.wait_contains("acc-book-closing", "19,420").await?;
    ensure!(carry(&app).await? == before, "a transfer changes no income or expense");

    // More than the cash holds on that day: refused, naming the day, nothing written.
    post(&app, "令和8年6月12日", "事務費", "コピー機", "30000").await?;
    let refused = app.wait_contains("acc-error", "令和8年6月12日").await?;
    ensure!(refused.contains("△10,580円"), "says how far below zero: {refused}");
    app.wait_contains("acc-book-closing", "19,420").await?;
    app.screenshot("accounts-books").await?;

    // Close the year; the carry-over opens the next one.
    let carried = carry(&app).await?;
    ensure!(carried.contains("59,420円"), "income − expenses: {carried}");
    // The close waits for the auditors: each book against the passbook or the cash counted.
    ensure!(
        app.eval("return document.querySelector(\"[data-testid='acc-close']\").disabled").await? == json!(true),
        "no close before the audit"
    );
    let count = |i: usize, amount: &str| {
        format!(
            "const f = document.querySelectorAll(\"[data-testid='audit-book']\")[{i}]; const n = f.querySelector('input'); \
             n.value = '{amount}'; n.dispatchEvent(new Event('input', {{ bubbles: true }})); f.querySelector('button').click(); return true"
        )
    };
    app.eval(&count(0, "19,420")).await?;
    app.wait_contains("audit-message", "照合を記録しました").await?;
    app.eval(&count(1, "40,038")).await?;
    app.wait_contains("acc-audit", "不一致（差 38円）").await?;
    app.fill("audit-names", "鈴木 一郎、高橋 和子").await?;
    app.click("audit-record").await?;
    app.wait_contains("audit-message", "監査の結果を記録しました").await?;
    let blocked = app.wait_contains("acc-close-blocked", "合いません").await?;
    ensure!(blocked.contains("40,038円"), "the passbook's figure is named: {blocked}");
    ensure!(
        app.eval("return document.querySelector(\"[data-testid='acc-close']\").disabled").await? == json!(true),
        "a mismatch blocks the close"
    );
    app.screenshot("accounts-audit-mismatch").await?;
    // The auditors read the passbook again: it agrees with the book.
    app.eval(&count(1, "40,000")).await?;
    app.wait_eval("return document.querySelector(\"[data-testid='acc-close']\")?.disabled", json!(false)).await?;
    app.axe_question("acc-close", "acc-close-box", "year-close question").await?;
    app.click("acc-close").await?;
    app.click("acc-close-confirm").await?;
    app.wait_contains("acc-message", "締めました").await?;
    app.testid("acc-closed").await?;
    ensure!(
        app.eval("return !document.querySelector(\"[data-testid='acc-entry-form']\")").await? == json!(true),
        "a closed year takes no entries"
    );
    // The settlement as printed: the totals and the carry-over, added up by hand.
    let printed = app.print_and_read("acc-print-settlement", data.path()).await?;
    let row = |label: &str| printed.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_default().to_owned();
    ensure!(row("収入合計").ends_with("62,400"), "50,000 + 12,400: {}", row("収入合計"));
    ensure!(row("支出合計").ends_with("2,980"), "{}", row("支出合計"));
    ensure!(row("次年度繰越金（").ends_with("59,420"), "62,400 − 2,980: {}", row("次年度繰越金（"));
    ensure!(printed.contains("令和8年度 一般会計 収支決算書") && !printed.contains("まだ締めていません"), "{printed}");
    ensure!(
        printed.contains("監査を受けました") && printed.contains("鈴木 一郎"),
        "the audit on the settlement: {printed}"
    );
    app.eval("history.back(); return true").await?;
    app.testid("acc-book-table").await?;
    let report = app.print_and_read("acc-print-audit", data.path()).await?;
    ensure!(report.contains("令和8年度 一般会計 監査報告書"), "{report}");
    ensure!(report.contains("鈴木 一郎") && report.contains("高橋 和子"), "the auditors' names: {report}");
    ensure!(report.matches("一致").count() == 2, "both books agree with the passbook: {report}");
    app.eval("history.back(); return true").await?;
    app.testid("acc-book-table").await?;
    app.eval("const s = document.getElementById('acc-year'); s.value = '2027'; s.dispatchEvent(new Event('change')); return true")
        .await?;
    app.wait_eval(
        "return [...document.querySelectorAll(\"[data-testid='acc-statement-line']\")].find(r => r.querySelector('th').textContent.trim() === '前年度繰越金')?.querySelectorAll('td')[1].textContent",
        json!("59,420円"),
    )
    .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_books_read_at_100_and_150_percent() -> Result<()> {
    let data = tempfile::tempdir()?;
    // Where the save dialog "answers" (a GTK dialog cannot be answered under Xvfb).
    let saved = tempfile::tempdir()?;
    let driver = Driver::start_with(data.path(), &[("COUNCIL_DESK_PICK_FOLDER", &saved.path().display().to_string())])?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    // Home shows the books' balances (asked after Home's first paint).
    app.wait_contains("home-accounts", "みどり信用金庫 普通預金").await?;
    app.click("nav-accounts").await?;
    app.wait_contains("acc-book-table", "会費").await?;
    app.wait_contains("acc-statement-income", "前年度繰越金").await?;
    app.screenshot("accounts").await?;
    // The year's settlement and books as a workbook for the auditors.
    app.click("acc-export").await?;
    app.wait_contains("acc-message", "保存しました").await?;
    let files: Vec<_> =
        std::fs::read_dir(saved.path())?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    ensure!(files.iter().any(|f| f.ends_with("収支決算書・出納帳.xlsx")), "the workbook was saved: {files:?}");

    // The festival's own money, kept in Excel until now: a special account, its cash book imported.
    app.fill_css("#acc-new-special", "祭礼会計").await?;
    app.css("#acc-new-special").await?.send_keys("\u{E007}").await?;
    app.wait_contains("acc-message", "特別会計を作りました").await?;
    choose(&app, "acc-account", "祭礼会計").await?;
    app.wait_eval("return document.getElementById('acc-book-title')?.textContent.includes('現金')", json!(true))
        .await?;
    let csv = data.path().join("祭礼会計_出納帳.csv");
    std::fs::write(
        &csv,
        "祭礼会計 現金出納帳\n月日,科目,摘要,収入,支出,残高\n5/1,繰入金,一般会計から繰入,50000,,50000\n\
         7/20,事業費,神輿の修繕,,32000,18000\n8/3,事業収入,奉納金,25000,,43001\n",
    )?;
    app.css("[data-testid='cb-file']").await?.send_keys(&csv.display().to_string()).await?;
    // A 残高 that does not follow from the rows above it is caught before anything is written.
    app.wait_contains("cb-problems", "43,000円").await?;
    ensure!(
        app.eval("return document.querySelector(\"[data-testid='cb-run']\").disabled").await? == json!(true),
        "nothing can be imported while a problem stands"
    );
    let fixed = data.path().join("祭礼会計_出納帳_直したもの.csv");
    std::fs::write(
        &fixed,
        "祭礼会計 現金出納帳\n月日,科目,摘要,収入,支出,残高\n5/1,繰入金,一般会計から繰入,50000,,50000\n\
         7/20,事業費,神輿の修繕,,32000,18000\n8/3,事業収入,奉納金,25000,,43000\n",
    )?;
    app.css("[data-testid='cb-file']").await?.send_keys(&fixed.display().to_string()).await?;
    app.wait_contains("cb-counts", "記帳 3件").await?;
    app.click("cb-run").await?;
    app.wait_contains("cb-done", "3件の記帳").await?;
    app.wait_contains("acc-book-table", "神輿の修繕").await?;
    app.wait_contains("acc-book-closing", "43,000").await?;
    choose(&app, "acc-account", "一般会計").await?;
    app.wait_contains("acc-book-table", "会費").await?;
    app.click("nav-settings").await?;
    app.click("text-scale-150").await?;
    app.wait_eval("return getComputedStyle(document.documentElement).fontSize", json!("24px")).await?;
    app.click("nav-accounts").await?;
    app.wait_contains("acc-book-table", "会費").await?;
    app.screenshot("accounts-150").await?;
    let overflow = app
        .eval(
            "return [...document.querySelectorAll('section.card')].filter(c => c.scrollWidth > c.clientWidth + 1)\
             .map(c => `${c.querySelector('h2')?.textContent}: ${c.scrollWidth} > ${c.clientWidth}`)",
        )
        .await?;
    ensure!(overflow == json!([]), "no card overflows sideways at 150 %: {overflow}");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn income_booked_for_a_grant_project_is_its_settlements_actual() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.click("nav-accounts").await?;
    app.wait_contains("acc-book-table", "会費").await?;
    // The lecture's fees in the demo's cash book are marked as the project's income.
    app.wait_contains("acc-book-table", "補助事業「花と防災のまちづくり事業」の事業収入").await?;

    // A donation to the project: an income 科目 offers the grant projects, and the kind on its settlement.
    choose(&app, "acc-category", "寄付金").await?;
    choose(&app, "acc-project", "令和8年度 協働のまちづくり交付金「花と防災のまちづくり事業」").await?;
    choose(&app, "acc-project-kind", "寄付金").await?;
    for (language, scale) in council_e2e::VIEWS {
        app.set_view(language, scale).await?;
        app.axe(&format!("the entry form with a grant project ({language}, {scale} %)")).await?;
    }
    app.eval("document.getElementById('acc-project').scrollIntoView({ block: 'center' }); return true").await?;
    app.screenshot("accounts-entry-project-150").await?;
    app.set_view("ja", "100").await?;
    app.fill("acc-description", "防災マップへのご寄付").await?;
    app.fill("acc-amount", "5000").await?;
    app.click("acc-post").await?;
    app.wait_contains("acc-message", "記帳しました").await?;
    app.wait_contains("acc-book-table", "補助事業「花と防災のまちづくり事業」の寄付金").await?;
    // An expense 科目 does not offer it.
    choose(&app, "acc-category", "会議費").await?;
    app.wait_eval("return document.getElementById('acc-project') === null", json!(true)).await?;

    // The settlement reads both from the books; nothing to type for them.
    app.click("nav-grants").await?;
    app.css("[data-testid='application-row'] a").await?;
    app.client
        .execute(
            "[...document.querySelectorAll(\"[data-testid='application-row'] a\")].find(a => a.textContent === '花と防災のまちづくり事業').click()",
            vec![],
        )
        .await?;
    app.click("settlement-edit").await?;
    let income = app.wait_contains("settlement-income", "5,000").await?;
    ensure!(income.contains("9,600"), "the lecture's fees from the books:\n{income}");
    app.wait_contains("source-donations", "帳簿から").await?;
    app.wait_contains("source-project_income", "帳簿から").await?;
    app.wait_contains("source-dues", "帳簿から（会の負担分）").await?;
    ensure!(
        app.eval("return document.querySelector(\"[aria-label='寄付金 実績']\") === null").await? == json!(true),
        "a booked actual is not typed again"
    );
    app.wait_text("settlement-balance", "0円").await?;
    app.screenshot("grant-settlement-from-books").await?;
    app.close().await?;
    Ok(())
}
