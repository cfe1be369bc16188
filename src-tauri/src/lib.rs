//! The desktop shell: opens the council's data folder, registers the commands, and runs the window.
//! Each command deserialises its input, calls one `council_core::Desk` use case and maps the error
//! to the `{ code, message, problems }` payload; no SQL, rules or clock reads live here.

use std::sync::Mutex;

use council_core::audit::AuditEntry;
use council_core::council::CouncilProfileInput;
use council_core::data_dir::DataDir;
use council_core::desk::AppState;
use council_core::error::ErrorPayload;
use council_core::settings::SettingsPatch;
use council_core::{Desk, clock};

/// The opened data folder, or why it could not be opened (shown by the window instead of the app).
#[derive(Debug)]
pub struct DeskState(Result<Mutex<Desk>, ErrorPayload>);

impl DeskState {
    /// Opens the data folder the app and the CLI share (or `COUNCIL_DESK_DATA`).
    pub fn open() -> Self {
        let opened = DataDir::resolve(None).and_then(|dir| Desk::open(dir, clock::from_env()));
        Self(opened.map(Mutex::new).map_err(ErrorPayload::from))
    }

    /// Runs one use case on the desk.
    fn with<T>(&self, f: impl FnOnce(&mut Desk) -> council_core::Result<T>) -> Result<T, ErrorPayload> {
        let desk = self.0.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave a half-written change (writes are transactions),
        // so a poisoned lock is safe to keep using.
        let mut desk = desk.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut desk).map_err(ErrorPayload::from)
    }
}

type Desk_<'a> = tauri::State<'a, DeskState>;

#[tauri::command]
async fn app_state(desk: Desk_<'_>) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.app_state())
}

#[tauri::command]
async fn set_up_council(desk: Desk_<'_>, input: CouncilProfileInput) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.set_up_council(&input))
}

#[tauri::command]
async fn set_up_demo(desk: Desk_<'_>) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.set_up_demo())
}

#[tauri::command]
async fn update_council(desk: Desk_<'_>, input: CouncilProfileInput) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.update_council(&input))
}

#[tauri::command]
async fn update_settings(desk: Desk_<'_>, patch: SettingsPatch) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.update_settings(&patch))
}

#[tauri::command]
async fn recent_changes(desk: Desk_<'_>, limit: u32) -> Result<Vec<AuditEntry>, ErrorPayload> {
    desk.with(|d| d.recent_changes(limit))
}

/// Builds and runs the app.
pub fn run() {
    tauri::Builder::default()
        .manage(DeskState::open())
        .invoke_handler(tauri::generate_handler![
            app_state,
            set_up_council,
            set_up_demo,
            update_council,
            update_settings,
            recent_changes
        ])
        .run(tauri::generate_context!())
        .expect("the Council Desk window could not start");
}
