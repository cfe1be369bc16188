//! Officers' PCs sharing one council, in the real window: a new PC joins from the chair's invitation
//! file, sees the chair's new household after 同期, and settles a field both PCs changed by taking
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_joins_sees_the_chairs_household_and_takes_the_other_value() -> Result<()> {
    // The chair's PC: the demo council, shared through a folder, and an invitation for the secretary.
    let chair = tempfile::tempdir()?;
    let (a, shared) = (chair.path().join("data"), chair.path().join("shared"));
    council_e2e::run_cli(&a, &["demo"])?;
    council_e2e::run_cli(&a, &["sync", "setup", "--folder", &shared.display().to_string(), "--officer", "山田 太郎"])?;
    let pass = chair.path().join("pass.txt");
    std::fs::write(&pass, "さくら台で共有2026")?;
    let invitation = chair.path().join("招待_佐藤花子.invitation");
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
            "佐藤 花子",
            "--role",
            "secretary",
        ],
    )?;

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
    app.fill("join-passphrase", "まちがい合言葉です").await?;
    app.fill("join-officer", "佐藤 花子").await?;
    app.click("join-start").await?;
    app.wait_contains("join-error", "合言葉").await?;
    app.fill("join-passphrase", "さくら台で共有2026").await?;
    app.screenshot("sharing-join").await?;
    app.click("join-start").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    app.wait_contains("home-sync", "共有").await?;

    // Meanwhile on the chair's PC: a new household, and the council's address changed (later than
    // the secretary's change below).
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
                notes: String::new(),
            }],
        };
        session.write(|w| council_domain::members::create_household(w, &input))?;
    }
    on_chair_pc(&a, "2026-11-24T02:00:00Z", "UPDATE council SET address = ?1", &["さくら台1-1（会長のPC）"])?;
    council_e2e::run_cli(&a, &["sync", "now"])?;

    // The secretary changes the same address, then syncs from Settings.
    app.click("nav-settings").await?;
    app.fill("settings-address", "さくら台1-1（書記のPC）").await?;
    app.click("settings-submit").await?;
    app.wait_contains("settings-saved", "").await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;
    // Both values are shown, the later (the chair's) kept.
    app.wait_contains("conflict-kept", "会長のPC").await?;
    app.wait_contains("conflict-other", "書記のPC").await?;
    app.screenshot("sharing-conflict").await?;
    app.click("conflict-take-other").await?;
    app.wait_contains("sync-no-conflicts", "").await?;
    app.click("sync-now").await?;
    app.wait_contains("sync-result", "同期しました").await?;

    // The chair's household is on this PC now.
    app.click("nav-members").await?;
    app.fill("member-search", "あらい いちろう").await?;
    app.wait_eval(ROWS, json!(1)).await?;
    app.close().await?;

    // And the secretary's value reached the chair's PC.
    council_e2e::run_cli(&a, &["sync", "now"])?;
    let conn = rusqlite::Connection::open(a.join("council.sqlite3"))?;
    let address: String = conn.query_row("SELECT address FROM council", [], |r| r.get(0))?;
    assert_eq!(address, "さくら台1-1（書記のPC）");
    Ok(())
}
