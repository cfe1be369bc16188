//! Officers' PCs sharing one council, in the real window: a new PC joins from the chair's invitation
//! file, is offered only what its role may change, sees the chair's new household after 同期, and settles an address both PCs changed by taking
//! the other value — which then reaches the chair's PC.

use anyhow::Result;
use council_e2e::Driver;
use serde_json::json;

const ROWS: &str = "return document.querySelectorAll(\"[data-testid='member-row']\").length";

/// A write on the chair's PC (no window open on it), at `at`.
fn on_chair_pc(data: &std::path::Path, at: &str, sql: &str, args: &[&str]) -> Result<()> {
    let clock = council_domain::clock::FixedClock(at.parse::<chrono::DateTime<chrono::Utc>>()?);
    let session = council_domain::open(council_store::data_dir::DataDir::at(data), Box::new(clock))?;
    session.write(|w| {
        w.execute(sql, rusqlite::params_from_iter(args.iter()))?;
        Ok::<_, council_domain::error::Error>(())
    })?;
    Ok(())
}

/// The chair's PC (no window open on it): the demo council shared through a folder, and an
/// invitation for `officer` in `role` under the passphrase 「さくら台で共有2026」. The chair's folder
/// (data, shared folder, invitation) and the invitation file.
fn chair_inviting(officer: &str, role: &str) -> Result<(tempfile::TempDir, std::path::PathBuf)> {
    let chair = tempfile::tempdir()?;
    let (a, shared) = (chair.path().join("data"), chair.path().join("shared"));
    council_e2e::run_cli(&a, &["demo"])?;
    council_e2e::run_cli(&a, &["sync", "setup", "--folder", &shared.display().to_string(), "--officer", "山田 太郎"])?;
    let pass = chair.path().join("pass.txt");
    std::fs::write(&pass, "さくら台で共有2026")?;
    let invitation = chair.path().join(format!("招待-{}.invitation", officer.replace(' ', "")));
    council_e2e::run_cli(
        &a,
        &[
            "sync",
            "invite",
            "--out",
            &invitation.display().to_string(),
            "--passphrase-file",
            &pass.display().to_string(),
            "--officer",
            officer,
            "--role",
            role,
        ],
    )?;
    Ok((chair, invitation))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_joins_sees_the_chairs_household_and_takes_the_other_value() -> Result<()> {
    // The chair's PC: the demo council, shared through a folder, and an invitation for the secretary.
    let (chair, invitation) = chair_inviting("佐藤 花子", "secretary")?;
    let a = chair.path().join("data");

    // The secretary's new PC joins from the welcome screen.
    let data = tempfile::tempdir()?;
    let driver = Driver::start_with(data.path(), &[("COUNCIL_DESK_PICK_FILE", &invitation.display().to_string())])?;
    let app = driver.open_app().await?;
    app.click("join-choose").await?;
    app.wait_eval(
        "return document.querySelector('[data-testid=join-path]').value.endsWith('.invitation')",
        json!(true),
    )
    .await?;
    app.fill("join-officer", "佐藤 花子").await?;
    app.fill("join-passphrase", "さくら台で共有2026").await?;
    app.eval("document.querySelector('[data-testid=join-path]').scrollIntoView({block: 'center'}); return true")
        .await?;
    app.screenshot("sharing-join").await?;
    app.fill("join-passphrase", "まちがい合言葉です").await?;
    app.click("join-start").await?;
    app.wait_contains("join-error", "合言葉").await?;
    app.fill("join-passphrase", "さくら台で共有2026").await?;
    app.click("join-start").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    app.wait_contains("home-sync", "共有").await?;

    // The secretary's window offers the roster's changes, and shows the books to read only.
    app.click("nav-accounts").await?;
    app.wait_contains("readonly-note", "書記").await?;
    app.wait_eval(
        "const b = [...document.querySelectorAll('main button[type=submit], main .button-link.primary')]
           .filter((x) => !x.closest('form[role=search]'));
         return b.length > 0 && b.every((x) => getComputedStyle(x).display === 'none')",
        json!(true),
    )
    .await?;
    app.screenshot("sharing-readonly").await?;
    // At 150 % the note and the page still fit the window, nothing cut off.
    app.click("view-menu").await?;
    app.click("text-scale-150").await?;
    app.click("view-menu").await?;
    app.wait_eval("return getComputedStyle(document.documentElement).fontSize", json!("24px")).await?;
    app.wait_contains("readonly-note", "書記").await?;
    app.assert_fits("accounts, read only, 150 %").await?;
    app.screenshot("sharing-readonly-150").await?;
    app.click("view-menu").await?;
    app.click("text-scale-100").await?;
    app.click("view-menu").await?;
    app.click("nav-members").await?;
    app.wait_eval(
        "const add = document.querySelector('[data-testid=add-household]');
         return document.querySelector('[data-testid=readonly-note]') === null && !!add && getComputedStyle(add).display !== 'none'",
        json!(true),
    )
    .await?;
    app.click("nav-home").await?;

    // Meanwhile on the chair's PC: a new household.
    {
        let clock = council_domain::clock::FixedClock("2026-11-24T01:00:00Z".parse::<chrono::DateTime<chrono::Utc>>()?);
        let session = council_domain::open(council_store::data_dir::DataDir::at(&a), Box::new(clock))?;
        let input = council_domain::members::HouseholdInput {
            code: String::new(),
            address: "さくら台9-9-9".into(),
            block_id: None,
            joined_on: "2026-11-24".parse()?,
            notes: String::new(),
            persons: vec![council_domain::members::PersonInput {
                id: None,
                name: "新井 一郎".into(),
                kana: "あらい いちろう".into(),
                is_head: true,
                phone: String::new(),
                email: String::new(),
                birth_year: None,
                relation: String::new(),
                notes: String::new(),
            }],
        };
        session.write(|w| council_domain::members::create_household(w, &input))?;
    }
    council_e2e::run_cli(&a, &["sync", "now"])?;

    // 同期 on Home brings it to the secretary's PC.
    app.click("home-sync-now").await?;
    app.wait_eval("return !document.querySelector('[data-testid=home-sync-now]').disabled", json!(true)).await?;
    app.click("nav-members").await?;
    app.fill("member-search", "あらい いちろう").await?;
    app.wait_eval(ROWS, json!(1)).await?;

    // Both PCs change its address: the chair's later than the secretary's.
    on_chair_pc(
        &a,
        "2026-11-24T02:00:00Z",
        "UPDATE household SET address = ?1 WHERE address = 'さくら台9-9-9'",
        &["さくら台9-9-9（会長のPC）"],
    )?;
    council_e2e::run_cli(&a, &["sync", "now"])?;
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.click("edit-household").await?;
    app.testid("household-form").await?;
    app.fill("h-address", "さくら台9-9-9（書記のPC）").await?;
    app.click("household-save").await?;
    app.wait_contains("household-title", "新井 一郎").await?;

    // 同期 in Settings: both values are shown, the later (the chair's) kept.
    app.click("nav-settings").await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;
    // A shared folder has no password: nothing asks for one.
    app.wait_eval("return document.querySelector('[data-testid=sync-password-kept]') === null", json!(true)).await?;
    app.wait_contains("conflict-kept", "会長のPC").await?;
    app.wait_contains("conflict-other", "書記のPC").await?;
    app.eval("document.querySelector('[data-testid=sync-conflicts]').scrollIntoView({block: 'center'}); return true")
        .await?;
    app.screenshot("sharing-conflict").await?;
    app.click("conflict-take-other").await?;
    app.wait_contains("sync-no-conflicts", "").await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;
    app.close().await?;

    // And the secretary's value reached the chair's PC.
    council_e2e::run_cli(&a, &["sync", "now"])?;
    let conn = rusqlite::Connection::open(a.join("council.sqlite3"))?;
    let address: String =
        conn.query_row("SELECT address FROM household WHERE address LIKE 'さくら台9-9-9%'", [], |r| r.get(0))?;
    assert_eq!(address, "さくら台9-9-9（書記のPC）");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_starts_sharing_through_a_webdav_folder_from_settings() -> Result<()> {
    let served = tempfile::tempdir()?;
    let port = council_e2e::free_port()?;
    let _server = council_e2e::Rclone::start(served.path(), port)?;
    let data = tempfile::tempdir()?;
    council_e2e::run_cli(data.path(), &["demo"])?;
    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.click("nav-settings").await?;
    app.testid("sync-not-shared").await?;
    app.click("sync-kind-webdav").await?;
    app.fill("sync-officer", "山田 太郎").await?;
    app.fill("sync-url", &format!("http://127.0.0.1:{port}/さくら台/")).await?;
    app.fill("sync-user", "u").await?;
    // A wrong password is refused with what to do, and nothing is set up.
    app.fill("sync-password", "まちがい").await?;
    app.click("sync-set-up").await?;
    app.wait_contains("sharing", "パスワード").await?;
    app.testid("sync-not-shared").await?;
    app.fill("sync-password", "p").await?;
    app.click("sync-set-up").await?;
    app.wait_contains("sync-facts", &format!("127.0.0.1:{port}")).await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;
    // Where the password is kept is said; typed again, a wrong one is tried and not kept.
    app.wait_contains("sync-password-kept", "キーリング").await?;
    app.click("sync-password-change").await?;
    app.fill("sync-new-password", "ちがうパスワード").await?;
    app.click("sync-password-save").await?;
    app.wait_contains("sync-password-error", "パスワード").await?;
    app.fill("sync-new-password", "p").await?;
    app.click("sync-password-save").await?;
    app.wait_contains("sharing", "パスワードを保存しました").await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;
    app.close().await?;
    for file in walk(data.path()) {
        let bytes = std::fs::read(&file)?;
        anyhow::ensure!(
            !bytes.windows("ちがうパスワード".len()).any(|w| w == "ちがうパスワード".as_bytes()),
            "{} holds the refused password",
            file.display()
        );
    }
    // The council's folder on the server holds the snapshot and the announcement, nothing readable.
    let folder = served.path().join("さくら台");
    ensure_file(&folder.join("sharing.json"))?;
    let snapshots = std::fs::read_dir(folder.join("snapshots"))?.count();
    assert_eq!(snapshots, 1);
    Ok(())
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn ensure_file(path: &std::path::Path) -> Result<()> {
    anyhow::ensure!(path.is_file(), "{} is missing", path.display());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_treasurers_pc_gets_the_roster_without_its_personal_details_and_says_so() -> Result<()> {
    let (_chair, invitation) = chair_inviting("鈴木 一郎", "treasurer")?;
    let data = tempfile::tempdir()?;
    let driver = Driver::start_with(data.path(), &[("COUNCIL_DESK_PICK_FILE", &invitation.display().to_string())])?;
    let app = driver.open_app().await?;
    app.click("join-choose").await?;
    app.wait_eval(
        "return document.querySelector('[data-testid=join-path]').value.endsWith('.invitation')",
        json!(true),
    )
    .await?;
    app.fill("join-officer", "鈴木 一郎").await?;
    app.fill("join-passphrase", "さくら台で共有2026").await?;
    app.click("join-start").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    // The officer's name is what this PC's changes are recorded under.
    app.wait_eval("return document.querySelector('nav').innerText.includes('鈴木 一郎')", json!(true)).await?;
    // The roster is there to read, with a note that its personal details do not come to this PC.
    app.click("nav-members").await?;
    app.wait_contains("roster-details-note", "会長・書記").await?;
    app.wait_eval("return document.querySelectorAll(\"[data-testid='member-row']\").length > 10", json!(true)).await?;
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_contains("roster-details-note", "個人情報").await?;
    // The household's page names its people and shows no phone number.
    app.wait_eval(
        "const text = document.querySelector('main').innerText;
         return document.querySelector('[data-testid=household-persons]') !== null
           && !/\\d{2,4}-\\d{2,4}-\\d{4}/.test(text)",
        json!(true),
    )
    .await?;
    app.screenshot("sharing-roster-without-details").await?;
    // The roster printed here lacks the phone numbers: the print page says so, and where to print it.
    app.click("nav-members").await?;
    app.click("print-roster").await?;
    app.wait_contains("print-without-details", "会長か書記のPC").await?;
    app.wait_eval("return document.querySelector('[data-testid=print-pages]').dataset.ready", json!("true")).await?;
    app.screenshot("sharing-print-without-details").await?;
    app.click("print-back").await?;
    app.wait_contains("roster-details-note", "個人情報").await?;
    app.css("[data-testid='member-row'] a").await?.click().await?;
    app.wait_eval("return document.querySelector('[data-testid=household-persons]') !== null", json!(true)).await?;
    // At 150 % the longer note still fits, nothing cut off.
    app.click("view-menu").await?;
    app.click("text-scale-150").await?;
    app.click("view-menu").await?;
    app.wait_eval("return getComputedStyle(document.documentElement).fontSize", json!("24px")).await?;
    app.wait_contains("roster-details-note", "個人情報").await?;
    app.assert_fits("a household without its personal details, 150 %").await?;
    app.screenshot("sharing-roster-without-details-150").await?;
    app.click("view-menu").await?;
    app.click("text-scale-100").await?;
    app.click("view-menu").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pc_whose_clock_is_ahead_is_named_on_home_and_in_settings() -> Result<()> {
    let (chair, invitation) = chair_inviting("佐藤 花子", "secretary")?;
    let a = chair.path().join("data");
    let data = tempfile::tempdir()?;
    let pass = chair.path().join("pass.txt").display().to_string();
    council_e2e::run_cli(
        data.path(),
        &["sync", "join", &invitation.display().to_string(), "--passphrase-file", &pass, "--officer", "佐藤 花子"],
    )?;
    // The chair's PC, its year typed wrongly, changes an address and syncs.
    on_chair_pc(
        &a,
        "2028-01-05T03:00:00Z",
        "UPDATE household SET address = ?1 WHERE id = (SELECT id FROM household ORDER BY id LIMIT 1)",
        &["さくら台1-1-1（時計の進んだPC）"],
    )?;
    council_e2e::run_cli(&a, &["sync", "now"])?;

    let driver = Driver::start(data.path())?;
    let app = driver.open_app().await?;
    app.set_view("ja", "150").await?;
    app.click("home-sync-now").await?;
    app.wait_contains("home-sync-clock", "山田 太郎").await?;
    app.screenshot("sharing-clock-ahead-home-150").await?;
    app.click("nav-settings").await?;
    // 2028-01-05 03:00 UTC is 12:00 in Japan.
    app.wait_contains("sync-device-clock", "2028/01/05 12:00").await?;
    let into_view =
        "document.querySelector('[data-testid=sync-device-clock]').scrollIntoView({block: 'center'}); return true";
    app.eval(into_view).await?;
    app.assert_fits("settings, a PC's clock ahead").await?;
    app.screenshot("sharing-clock-ahead-150").await?;
    app.set_view("en", "100").await?;
    app.wait_contains("sync-device-clock", "Clocks disagree").await?;
    app.eval(into_view).await?;
    app.assert_fits("settings, a PC's clock ahead, in English").await?;
    app.screenshot("sharing-clock-ahead-en-100").await?;
    app.close().await?;
    Ok(())
}
