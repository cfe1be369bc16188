//! Opening or creating another data folder from Settings, through the real window: the usual folder
//! holds the demo; an empty folder chosen opens the first start there (the demo's data stays where
//! it was); back to the usual folder, the demo is there as it was. The `council` command follows the
//! choice too.

use std::path::Path;

use anyhow::{Context, Result};
use council_e2e::{App, Driver};

/// Waits until the data folder Settings shows is `folder`, and returns how it was decided.
async fn settings_folder(app: &App, folder: &Path) -> Result<String> {
    app.eval("location.hash = '#/settings'; return true").await?;
    app.wait_text("data-folder", &folder.display().to_string()).await?;
    Ok(app.testid("folder-source").await?.text().await?)
}

/// Clicks a button that starts the app again (here: closes it), then opens the app anew.
async fn restart_with(driver: &Driver, app: App, button: &str) -> Result<App> {
    app.testid(button).await?;
    // The window closes itself at once, so the click may not hear back; the session goes with it.
    let _ = app.click(button).await;
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), app.client.close()).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    driver.open_app().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_data_folder_is_opened_from_settings_and_the_usual_one_comes_back() -> Result<()> {
    let home = tempfile::tempdir()?;
    let (data_home, config_home, new) =
        (home.path().join("data"), home.path().join("config"), home.path().join("新しい自治会"));
    std::fs::create_dir_all(&new)?;
    let usual = data_home.join("jp.councildesk.desk");
    let env = [
        // Not fixed by the environment: the app finds its folder as on a volunteer's PC.
        ("COUNCIL_DESK_DATA", String::new()),
        ("XDG_DATA_HOME", data_home.display().to_string()),
        ("XDG_CONFIG_HOME", config_home.display().to_string()),
        ("COUNCIL_DESK_PICK_FOLDER", new.display().to_string()),
        ("COUNCIL_DESK_CLOSE_ON_RESTART", "1".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let driver = Driver::start_with(home.path(), &env)?;

    let app = driver.open_app().await?;
    app.start_demo().await?;
    let source = settings_folder(&app, &usual).await?;
    assert!(source.contains("いつもの場所"), "the usual folder is said to be the usual one: {source}");
    assert!(usual.join("council.sqlite3").is_file(), "the demo is in the usual folder");

    // An empty folder chosen: the app starts again there, at the first start.
    let app = restart_with(&driver, app, "choose-data-folder").await?;
    let remembered = std::fs::read_to_string(config_home.join("jp.councildesk.desk/data-folder"))
        .context("the choice is remembered for the next start")?;
    assert_eq!(remembered.trim(), new.display().to_string());
    app.testid("start-demo").await?;
    app.wait_text("data-folder", &new.display().to_string()).await?;
    let source = app.testid("folder-source").await?.text().await?;
    assert!(source.contains("設定で選んだ"), "the first start says which folder it is in: {source}");
    app.start_demo().await?;
    assert!(new.join("council.sqlite3").is_file(), "the new council's data is in the chosen folder");
    settings_folder(&app, &new).await?;

    // The `council` command opens the chosen folder too.
    let info = std::process::Command::new(council_e2e::cli_binary()?)
        .args(["info", "--json"])
        .env_remove("COUNCIL_DESK_DATA")
        .env("XDG_DATA_HOME", &data_home)
        .env("XDG_CONFIG_HOME", &config_home)
        .output()?;
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).context("council info --json")?;
    assert!(
        info["database_file"].as_str().is_some_and(|f| f.starts_with(&new.display().to_string())),
        "the command follows the choice: {info}"
    );

    // Back to the usual folder: the demo as it was.
    let app = restart_with(&driver, app, "usual-data-folder").await?;
    app.wait_text("council-name", "さくら台自治会").await?;
    let source = settings_folder(&app, &usual).await?;
    assert!(source.contains("いつもの場所"), "{source}");
    assert!(!config_home.join("jp.councildesk.desk/data-folder").exists(), "the choice is forgotten");
    assert!(new.join("council.sqlite3").is_file(), "the other council's data stays where it is");
    app.close().await
}
