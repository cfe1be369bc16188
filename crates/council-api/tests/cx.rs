//! The commands' context as the window uses it: the folder opens on a thread of its own, commands
//! that come first wait for it, a read never waits behind a write, and Home's figures are kept for the
//! next start as the app closes.

use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use council_api::{Cx, ErrorCode, Headless};
use council_domain::clock::FixedClock;
use council_domain::settings::{Language, SettingsPatch};
use council_store::data_dir::DataDir;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn fixed_clock() -> Box<dyn council_domain::clock::Clock> {
    Box::new(FixedClock::at_date(today()))
}

/// A context opening the demo council in `dir`, as the window's start does.
fn opening(dir: &std::path::Path) -> Arc<Cx> {
    let cx = Arc::new(Cx::new(Ok(DataDir::at(dir)), fixed_clock, Box::new(Headless), None));
    cx.start_opening_with(|dir| {
        let session = council_domain::open(dir, fixed_clock())?;
        let attachments = session.dir().attachments();
        session.write(|w| council_demo::create(w, &attachments))?;
        Ok(session)
    });
    cx
}

#[test]
fn the_app_state_is_answered_while_a_write_is_under_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cx = opening(dir.path());
    council_api::app_state(&cx).expect("opened");
    // Another use case is in the middle of a write (as a long import would be).
    let session = cx.session().expect("session");
    let (started, finish) = (Arc::new(Barrier::new(2)), Arc::new(Barrier::new(2)));
    let writing = {
        let (started, finish) = (Arc::clone(&started), Arc::clone(&finish));
        std::thread::spawn(move || {
            session
                .write(|w| {
                    started.wait();
                    finish.wait();
                    w.execute("UPDATE setting SET value = value WHERE key = 'language'", [])?;
                    Ok::<_, council_domain::Error>(())
                })
                .expect("write");
        })
    };
    started.wait();
    let (tx, rx) = mpsc::channel();
    let asking = Arc::clone(&cx);
    std::thread::spawn(move || {
        let _ = tx.send(council_api::app_state(&asking));
    });
    let answer = rx.recv_timeout(Duration::from_secs(30)).expect("the app state waited for the write");
    let state = answer.expect("app state");
    assert_eq!(state.council.expect("the demo council").name, "さくら台自治会");
    finish.wait();
    writing.join().expect("writer");
}

#[test]
fn a_change_is_in_the_next_app_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cx = opening(dir.path());
    council_api::update_settings(&cx, SettingsPatch { language: Some(Language::En), ..SettingsPatch::default() })
        .expect("settings changed");
    assert_eq!(council_api::app_state(&cx).expect("app state").settings.language, Language::En);
    council_api::update_settings(&cx, SettingsPatch { language: Some(Language::Ja), ..SettingsPatch::default() })
        .expect("settings changed");
    assert_eq!(council_api::app_state(&cx).expect("app state").settings.language, Language::Ja);
}

/// The content version of the data folder's database and the one Home's kept dues were worked out at.
fn versions(dir: &std::path::Path) -> (String, Option<String>) {
    let db = rusqlite::Connection::open(DataDir::at(dir).database()).expect("open");
    let now: String = db.query_row("SELECT id FROM content_version", [], |r| r.get(0)).expect("version");
    let kept = std::fs::read(DataDir::at(dir).cache().join("dues-overview.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["content"].as_str().map(str::to_owned));
    (now, kept)
}

#[test]
fn closing_keeps_home_s_figures_for_the_next_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cx = opening(dir.path());
    council_api::app_state(&cx).expect("opened");
    cx.keep_home_figures();
    let (now, kept) = versions(dir.path());
    assert_eq!(kept.as_deref(), Some(now.as_str()), "kept for the data as it is");
    // A change made after Home was shown: stale until the app closes.
    council_api::update_settings(&cx, SettingsPatch { language: Some(Language::En), ..SettingsPatch::default() })
        .expect("settings changed");
    let (now, kept) = versions(dir.path());
    assert_ne!(kept.as_deref(), Some(now.as_str()));
    cx.keep_home_figures();
    let (now, kept) = versions(dir.path());
    assert_eq!(kept.as_deref(), Some(now.as_str()), "worked out again as the app closes");
}

#[test]
fn a_folder_that_cannot_be_opened_answers_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cx = Arc::new(Cx::new(Ok(DataDir::at(dir.path())), fixed_clock, Box::new(Headless), None));
    cx.start_opening_with(|_| Err(council_domain::Error::Io(std::io::Error::other("no disk"))));
    assert!(council_api::app_state(&cx).is_err());
    let through_dispatch = council_api::dispatch(&cx, "members", serde_json::json!({ "query": {} }));
    assert_eq!(through_dispatch.expect_err("not open").code, ErrorCode::Storage);
    cx.keep_home_figures(); // closing with nothing open: nothing to do
}

#[test]
fn the_dispatcher_takes_the_window_s_camel_case_arguments_and_refuses_unknown_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cx = opening(dir.path());
    let answer = council_api::dispatch(&cx, "household_counts", serde_json::json!({ "asOf": "2026-04-01" }))
        .expect("household counts");
    let council_api::Reply::Json(counts) = answer else { panic!("JSON expected") };
    assert_eq!(counts["as_of"], "2026-04-01", "the argument arrived under its Rust name: {counts}");
    let unknown = council_api::dispatch(&cx, "drop_everything", serde_json::Value::Null).expect_err("unknown");
    assert_eq!(unknown.code, ErrorCode::NotFound);
    let wrong = council_api::dispatch(&cx, "household", serde_json::json!({ "householdId": "x" }))
        .expect_err("a wrong argument name is refused, not ignored");
    assert_eq!(wrong.code, ErrorCode::Storage);
}

/// A platform whose open dialog answers one file.
#[derive(Debug)]
struct Answers(std::path::PathBuf);

impl council_api::Platform for Answers {
    fn save_file(&self, _name: &str) -> Option<std::path::PathBuf> {
        None
    }
    fn pick_folder(&self) -> Option<std::path::PathBuf> {
        None
    }
    fn open_file(&self, _kind: council_api::FileChoice) -> Option<std::path::PathBuf> {
        Some(self.0.clone())
    }
    fn show_pdf(&self, _path: &std::path::Path) -> bool {
        false
    }
}

#[test]
fn the_window_can_only_name_files_the_open_dialog_returned_or_the_folder_s_own_backups() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let outside = elsewhere.path().join("someone-else.sqlite3");
    let made = opening(dir.path());
    let entry = council_api::dispatch(&made, "backup_now", serde_json::Value::Null).expect("backup");
    let council_api::Reply::Json(entry) = entry else { panic!("JSON expected") };
    let in_folder = entry["path"].as_str().expect("path").to_owned();
    std::fs::copy(&in_folder, &outside).expect("copy a backup outside the folder");
    drop(made);

    let cx = Arc::new(Cx::new(Ok(DataDir::at(dir.path())), fixed_clock, Box::new(Answers(outside.clone())), None));
    cx.start_opening();
    let path = outside.display().to_string();
    for (command, args) in [
        ("inspect_backup", serde_json::json!({ "path": path })),
        ("restore_backup", serde_json::json!({ "path": path })),
        ("inspect_handover", serde_json::json!({ "path": path, "passphrase": null })),
        ("import_handover", serde_json::json!({ "path": path, "passphrase": null })),
        ("inspect_backup", serde_json::json!({ "path": "/etc/passwd" })),
        (
            "inspect_backup",
            serde_json::json!({ "path": format!("{}/../council.sqlite3", dir.path().join("backups").display()) }),
        ),
    ] {
        let err = council_api::dispatch(&cx, command, args).expect_err("a path the dialog did not return");
        assert_eq!(err.code, ErrorCode::Validation, "{command}: {err}");
        assert!(err.message.ja.contains("選び直して"), "{command}: says to choose it: {err}");
    }
    // The folder's own backups are the app's files: the list and the damaged-data screen name them.
    council_api::dispatch(&cx, "inspect_backup", serde_json::json!({ "path": in_folder })).expect("own backup");
    // Once the dialog returned it, the same file is read.
    let chosen = council_api::dispatch(&cx, "choose_backup", serde_json::Value::Null).expect("chosen");
    let council_api::Reply::Json(chosen) = chosen else { panic!("JSON expected") };
    assert_eq!(chosen["path"].as_str(), Some(path.as_str()));
    council_api::dispatch(&cx, "inspect_backup", serde_json::json!({ "path": path })).expect("chosen file");
}
