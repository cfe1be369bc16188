//! Members through the real window: add a household with two persons (a mistake first, its problem
//! gone as soon as the field is typed in; birth years typed as 昭和25 and S30), find it by
//! kana in another script and width, record that it left, and see the roster follow; record dues
//! payments and cancel one recorded by mistake from its household, with the reason in its history.

use anyhow::Result;
use council_e2e::Driver;
use serde_json::json;

const ROWS: &str = "return document.querySelectorAll(\"[data-testid='member-row']\").length";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_find_and_leave_a_household() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    app.click("nav-members").await?;
    app.wait_contains("member-summary", "加入世帯").await?;
    let before = app.testid("member-summary").await?.text().await?;

    // A household with two persons; the first attempt forgets a reading and is refused.
    app.click("add-household").await?;
    app.testid("household-form").await?;
    app.fill("h-address", "みどり市さくら台五丁目1番1号").await?;
    app.fill("p0-name", "東海林 一郎").await?;
    app.click("add-person").await?;
    app.fill("p1-name", "東海林 花子").await?;
    app.fill("p1-kana", "ショウジ ハナコ").await?;
    app.click("household-save").await?;
    app.wait_contains("household-errors", "直すところがあります").await?;
    app.wait_contains("problem-p0-kana", "1人目のふりがなを入力してください").await?;

    // Typing in the field takes its problem away at once.
    app.fill("p0-kana", "しょうじ いちろう").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='problem-p0-kana']\") === null", json!(true)).await?;
    // Birth years as people write them: 昭和25 (full-width digits) is 1950, read back under the field;
    // text that is not a year is said, not dropped.
    app.fill("p0-birth", "昭和２５").await?;
    app.wait_contains("p0-birth-reading", "1950年（昭和25年）").await?;
    app.fill("p1-birth", "しょうわ").await?;
    app.wait_contains("p1-birth-reading", "年として読み取れません").await?;
    app.wait_eval("return document.getElementById('p1-birth').value", json!("しょうわ")).await?;
    app.fill("p1-birth", "S30").await?;
    app.fill("p1-relation", "妻").await?;
    app.wait_contains("p1-birth-reading", "1955年（昭和30年）").await?;
    app.click("household-save").await?;
    app.wait_text("household-title", "東海林 一郎").await?;
    app.wait_contains("household-persons", "東海林 花子").await?;
    app.wait_contains("household-persons", "1950年（昭和25年）").await?;
    app.wait_contains("household-persons", "1955年（昭和30年）").await?;
    app.wait_contains("household-persons", "妻").await?;

    // This household is exempt from dues this year, with the reason recorded.
    app.wait_contains("household-dues", "未納").await?;
    app.css("details.adjust summary").await?.click().await?;
    app.fill("hv-adjust-amount", "0").await?;
    app.fill("hv-adjust-reason", "災害による免除").await?;
    app.click("adjust-save").await?;
    app.wait_contains("household-dues", "免除").await?;
    app.wait_contains("household-dues", "災害による免除").await?;

    // Find it from the roster by a half-width katakana reading, and by the other person's reading.
    app.click("nav-members").await?;
    app.fill("member-search", "ｼｮｳｼﾞ").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.wait_contains("member-table", "東海林 一郎").await?;
    app.fill("member-search", "しょうじ はな").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.screenshot("members-search").await?;

    // Record that it moved out: it disappears from the roster, but stays in the records.
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_text("household-title", "東海林 一郎").await?;
    app.click("leave-save").await?;
    app.wait_contains("left-banner", "転出").await?;
    app.click("nav-members").await?;
    app.fill("member-search", "しょうじ").await?;
    app.wait_eval(ROWS, json!(0)).await?;
    app.click("include-left").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    let after = app.testid("member-summary").await?.text().await?;
    assert_eq!(before, after, "one household joined and the same one left today: the count is back where it was");

    // The printed household count summary gives the same total as the screen.
    let total = app.testid("member-total").await?.text().await?;
    app.click("print-counts").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.testid("print-page").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("世帯数集計表"), "the PDF is the count summary:\n{text}");
    let total_line = text.lines().find(|l| l.contains("合計")).unwrap_or_default().to_owned();
    assert!(total_line.contains(total.trim()), "the printed total matches the screen's {total}: {total_line}");
    app.close().await?;
    Ok(())
}

const DUES_ROWS: &str = "return document.querySelectorAll(\"[data-testid='dues-row']\").length";
const UNPAID_TOTAL: &str = "return document.querySelector(\"[data-testid='dues-unpaid-total']\").textContent.trim()";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_a_dues_payment_shrinks_the_unpaid_list() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // The officer list for the city starts with the president.
    app.click("nav-members").await?;
    app.click("members-tab-officers").await?;
    app.wait_contains("officer-table", "会長").await?;
    app.wait_contains("officer-table", "山田 太郎").await?;
    // The chair replaced in October: the first term's end is corrected in place.
    app.click("officer-edit").await?;
    app.wait_eval("return document.activeElement?.id", json!("officer-role")).await?;
    app.fill_as_ime("officer-ends", "R8.10.15").await?;
    app.click("officer-save").await?;
    app.wait_contains("officer-table", "令和8年4月1日〜令和8年10月15日").await?;
    // The list printed from last year's page is last year's.
    app.css("#officer-year option[value='2025']").await?.click().await?;
    let text = app.print_and_read("print-officers", data.path()).await?;
    assert!(text.contains("令和7年度") && text.contains("役員名簿"), "the year shown is the year printed:\n{text}");
    app.eval("history.back()").await?;
    app.testid("officer-form").await?;

    app.click("members-tab-dues").await?;
    app.testid("dues-table").await?;
    let unpaid: u32 = app.eval(UNPAID_TOTAL).await?.as_str().unwrap_or("0").parse()?;
    assert!(unpaid > 0, "the demo council is part-way through collecting");
    let rows = app.eval(DUES_ROWS).await?;
    assert_eq!(rows, json!(unpaid), "the list shows exactly the households not paid in full");

    app.click("pay-start").await?;
    app.click("pay-save").await?;
    app.wait_contains("dues-message", "入金を記録しました").await?;
    app.wait_eval(UNPAID_TOTAL, json!((unpaid - 1).to_string())).await?;
    app.wait_eval(DUES_ROWS, json!(unpaid - 1)).await?;
    app.screenshot("dues").await?;

    // A payment recorded by mistake is cancelled from its household, with the reason in its history.
    let first = app
        .eval("const r = document.querySelectorAll(\"[data-testid='dues-row']\")[0]; return [r.querySelector('.name').textContent, r.querySelector('.reading').textContent]")
        .await?;
    let (name, reading) =
        (first[0].as_str().unwrap_or_default().to_owned(), first[1].as_str().unwrap_or_default().to_owned());
    app.click("pay-start").await?;
    app.click("pay-save").await?;
    app.wait_eval(DUES_ROWS, json!(unpaid - 2)).await?;
    app.click("nav-members").await?;
    app.fill("member-search", &reading).await?;
    app.wait_eval(
        &format!("return [...document.querySelectorAll(\"[data-testid='member-row'] a\")].some(a => a.textContent.includes('{name}'))"),
        json!(true),
    )
    .await?;
    app.eval(&format!(
        "[...document.querySelectorAll(\"[data-testid='member-row'] a\")].find(a => a.textContent.includes('{name}')).click(); return true"
    ))
    .await?;
    app.wait_text("household-title", &name).await?;
    app.testid("hdues-payment").await?;
    // Each payment shows the number its receipt and counterfoil carry.
    app.wait_contains("hdues-receipt-number", "令和8年度 第").await?;
    app.eval(
        "const ps = document.querySelectorAll(\"[data-testid='hdues-payment']\"); \
         ps[ps.length - 1].querySelector(\"[data-testid='hdues-cancel']\").click(); return true",
    )
    .await?;
    app.fill("hv-fix-reason", "別の世帯の入金を記録したため").await?;
    app.click("hdues-fix-save").await?;
    app.wait_contains("household-message", "取り消しました").await?;
    app.wait_contains("household-dues", "未納").await?;
    app.wait_contains("household-history", "別の世帯の入金を記録したため").await?;
    app.click("nav-members").await?;
    app.click("members-tab-dues").await?;
    app.wait_eval(DUES_ROWS, json!(unpaid - 1)).await?;

    // The collection sheet prints every household of the year with its dues and a stamp column.
    app.click("print-collection").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.wait_eval(council_e2e::PAGES_SHOWN, json!(true)).await?;
    app.screenshot("print-collection").await?;
    app.click("print-now").await?;
    app.testid("print-notice").await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("会費集金表"), "the PDF is the collection sheet");
    assert!(text.contains("3,600円"), "with each household's dues");
    assert!(text.contains("確認"), "and a column for the collector's check");

    // The year's receipts in one go, each with its counterfoil carrying the same number.
    app.click("print-back").await?;
    app.click("print-receipts").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.click("print-now").await?;
    app.wait_eval("return [...document.querySelectorAll(\"[data-testid='print-notice']\")].length > 0", json!(true))
        .await?;
    let text = council_e2e::pdf_text(&council_e2e::printed_pdf(data.path())?)?;
    assert!(text.contains("控"), "the counterfoils");
    assert_eq!(text.matches("令和8年度 第0001号").count(), 2, "the first number on its receipt and its counterfoil");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_a_roster_with_an_error_imports_nothing_until_it_is_fixed() -> Result<()> {
    let fixtures = council_e2e::workspace().join("crates/council-io/tests/fixtures");
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.fill("welcome-name", "みどり台自治会").await?;
    app.fill("welcome-city", "みどり市").await?;
    app.fill("welcome-representative_name", "佐藤 一郎").await?;
    app.click("welcome-submit").await?;
    app.wait_text("council-name", "みどり台自治会").await?;

    app.click("nav-members").await?;
    app.click("members-tab-import").await?;

    // The file with a row missing its reading: the row is named, and nothing can be imported.
    let error_file = fixtures.join("roster-small-error.xlsx");
    app.testid("import-file").await?.send_keys(&error_file.display().to_string()).await?;
    app.wait_contains("import-problems", "4行").await?;
    app.wait_contains("import-problems", "ふりがな").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='import-run']\").disabled", json!(true)).await?;
    app.screenshot("import-error").await?;
    app.click("members-tab-roster").await?;
    app.testid("member-empty").await?;

    // The fixed file imports all five households at once.
    app.click("members-tab-import").await?;
    let fixed = fixtures.join("roster-small-fixed.xlsx");
    app.testid("import-file").await?.send_keys(&fixed.display().to_string()).await?;
    app.wait_contains("import-counts", "5世帯").await?;
    app.click("import-run").await?;
    app.wait_contains("import-done", "取り込みました").await?;
    app.click("members-tab-roster").await?;
    app.wait_text("member-total", "5").await?;
    app.wait_eval(ROWS, json!(5)).await?;
    app.fill("member-search", "やまさき").await?;
    app.wait_contains("member-table", "山﨑").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_box_finds_a_person_by_a_two_kana_fragment_from_home() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    // Ctrl+K reaches the search box from anywhere; two half-width kana are enough.
    app.css("body").await?.send_keys("\u{E009}k").await?;
    app.wait_eval("return document.activeElement && document.activeElement.id", json!("global-search")).await?;
    app.fill("global-search", "ﾀﾛ").await?;
    app.wait_contains("global-results", "太郎").await?;
    app.screenshot("global-search").await?;
    let first = app.css("[data-testid='global-results'] li a").await?;
    let name = first.text().await?;
    first.click().await?;
    app.wait_text("household-title", name.trim()).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roster_sorts_by_a_column_and_the_search_is_used_with_arrow_keys() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.click("nav-members").await?;
    app.wait_contains("member-summary", "加入世帯").await?;
    // The join dates of the rows shown, as the page holds them (newest last when sorted ▲).
    let joined = "return [...document.querySelectorAll(\"[data-testid='member-row'] td:last-child\")].map(c => c.textContent.trim())";
    let rows_of = |v: serde_json::Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    };
    // In order once the rows have come (sorting other than by reading fetches the whole roster).
    let in_order = |dir: &str| {
        format!(
            "const d = [...document.querySelectorAll(\"[data-testid='member-row']\")].map(r => r.dataset.joined); \
             return d.length > 5 && d.every((x, i) => i === 0 || (d[i - 1] {} x))",
            if dir == "asc" { "<=" } else { ">=" }
        )
    };
    app.click("sort-members-joined").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='sort-members-joined']\").closest('th').getAttribute('aria-sort')", json!("ascending")).await?;
    app.wait_eval(&in_order("asc"), json!(true)).await?;
    let ascending: Vec<String> = app
        .eval("return [...document.querySelectorAll(\"[data-testid='member-row']\")].map(r => r.dataset.joined)")
        .await
        .map(rows_of)?;
    anyhow::ensure!(ascending.len() > 5, "rows: {ascending:?}");
    let mut by_date = ascending.clone();
    by_date.sort();
    anyhow::ensure!(ascending == by_date, "the oldest members come first: {ascending:?}");
    // The same header again turns the order round.
    app.click("sort-members-joined").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='sort-members-joined']\").closest('th').getAttribute('aria-sort')", json!("descending")).await?;
    app.wait_eval(&in_order("desc"), json!(true)).await?;
    let descending = rows_of(
        app.eval("return [...document.querySelectorAll(\"[data-testid='member-row']\")].map(r => r.dataset.joined)")
            .await?,
    );
    anyhow::ensure!(
        descending.first() >= descending.last() && descending.first() != ascending.first(),
        "{descending:?}"
    );
    let shown = rows_of(app.eval(joined).await?);
    // The choice is remembered: away to Home and back, the roster is still newest first.
    app.click("nav-home").await?;
    app.click("nav-members").await?;
    app.wait_eval("return document.querySelector(\"[data-testid='sort-members-joined']\").closest('th').getAttribute('aria-sort')", json!("descending")).await?;
    app.wait_eval(joined, json!(shown)).await?;
    app.screenshot("roster-sorted-by-join-date").await?;

    // The households on 1 April, for the city's report: counted on the page, and the report printed.
    let now = app.testid("member-total").await?.text().await?;
    app.fill("counts-as-of", "令和8年4月1日").await?;
    app.wait_contains("counts-as-of-total", "令和8年4月1日現在").await?;
    let april = app.testid("counts-as-of-total").await?.text().await?;
    anyhow::ensure!(
        !april.contains(&format!(" {}世帯", now.trim())),
        "fewer households in April than now ({now}): {april}"
    );
    let report = app.print_and_read("print-household-report", data.path()).await?;
    anyhow::ensure!(report.contains("自治会加入世帯数報告書") && report.contains("令和8年4月1日現在"), "{report}");
    let counted = april.split_whitespace().last().unwrap_or_default().trim_end_matches("世帯").to_owned();
    anyhow::ensure!(
        !counted.is_empty() && report.lines().any(|l| l.contains("加入世帯数") && l.contains(&counted)),
        "{counted} in:\n{report}"
    );
    app.eval("history.back(); return true").await?;
    app.testid("member-table").await?;

    // The search with the keyboard alone: ↓ highlights the first result, ↓↑ move, Enter opens it.
    app.css("body").await?.send_keys("\u{E009}k").await?;
    app.fill("global-search", "ﾀﾛ").await?;
    app.wait_contains("global-results", "太郎").await?;
    let search = app.testid("global-search").await?;
    search.send_keys("\u{E015}").await?;
    let first = app.eval("return document.getElementById(document.getElementById('global-search').getAttribute('aria-activedescendant'))?.textContent.trim()").await?;
    search.send_keys("\u{E015}\u{E013}").await?;
    app.wait_eval("return document.getElementById(document.getElementById('global-search').getAttribute('aria-activedescendant'))?.textContent.trim()", first.clone()).await?;
    search.send_keys("\u{E007}").await?;
    let name = first.as_str().unwrap_or_default().to_owned();
    let title = app.testid("household-title").await?.text().await?;
    anyhow::ensure!(name.contains(title.trim()), "Enter opened {title}, the highlighted one was {name}");
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_is_corrected_then_deleted_after_a_question_and_undo_brings_it_back() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.click("nav-members").await?;
    app.click("members-tab-partners").await?;
    let rows = "return document.querySelectorAll(\"[data-testid='partner-row']\").length";
    let count = app.eval(rows).await?.as_i64().unwrap_or_default();
    assert!(count > 0, "the demo has partners");

    // Corrected: the form holds its fields, and saving changes the row.
    app.css("[data-testid='partner-row'] [data-testid='partner-edit']").await?.click().await?;
    app.fill("partner-phone", "0120-00-1234").await?;
    app.click("partner-save").await?;
    app.wait_contains("partner-table", "0120-00-1234").await?;
    assert_eq!(app.eval(rows).await?.as_i64().unwrap_or_default(), count, "corrected, not added");

    // Deleted after a question that says where it is named; 元に戻す brings it back.
    let name = app.css("[data-testid='partner-row'] .partner-name").await?.text().await?;
    app.css("[data-testid='partner-row'] [data-testid='partner-delete']").await?.click().await?;
    let question = app.wait_contains("partner-delete-question", &name).await?;
    assert!(question.contains("元に戻せます"), "{question}");
    app.click("partner-delete-yes").await?;
    app.wait_eval(rows, json!(count - 1)).await?;
    app.wait_contains("undo-bar", "削除しました").await?;
    app.click("undo").await?;
    app.wait_eval(rows, json!(count)).await?;
    app.wait_contains("partner-table", &name).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocks_circulation_order_is_set_and_an_event_notice_circulates_in_the_blocks_chosen() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.start_demo().await?;

    // 1班's route: its second household moved to the front with ↑, saved at once.
    app.eval("location.hash = '#/members/blocks'; return true").await?;
    app.testid("block-table").await?;
    app.click("route-open").await?;
    app.testid("route-list").await?;
    let names =
        "return [...document.querySelectorAll(\"[data-testid='route-stop'] .route-name\")].map(e => e.textContent)";
    let before = app.eval(names).await?;
    let second = before[1].as_str().unwrap_or_default().to_owned();
    app.click("route-up-1").await?;
    app.wait_eval(&format!("{names}[0]"), json!(second)).await?;
    app.assert_fits("block route").await?;
    app.screenshot("block-route").await?;

    // The summer event's notice goes round 1班 only, in two sets.
    app.click("nav-events").await?;
    app.css("[data-testid='event-row'] a").await?.click().await?;
    app.testid("event-facts").await?;
    app.eval("document.querySelector(\"[data-testid='circulation'] summary\").click(); return true").await?;
    app.css("[data-testid='circ-block']").await?.click().await?;
    app.css("[data-testid='circ-copies'] option[value='2']").await?.click().await?;
    app.click("circ-save").await?;
    app.testid("circ-saved").await?;
    app.wait_contains("circulation-summary", "1班・2部").await?;
    let text = app.print_and_read("print-event-notice", data.path()).await?;
    assert!(text.contains("1班（1/2）") && text.contains("1班（2/2）"), "two sets for 1班:\n{text}");
    assert!(!text.contains("2班"), "no other block:\n{text}");
    let first = text.find(&second).expect("the household moved to the front is listed");
    let sheet = text.find("1班（1/2）").expect("the first sheet");
    let others = before.as_array().map(|a| a.len()).unwrap_or_default();
    assert!(first > sheet && others > 2, "on the first sheet");
    app.close().await?;
    Ok(())
}
