//! Submission packages in the window: the commands of the 提出 page and of Settings' destination
//! and key, and the background delivery — the outbox's own task (its backoff, resuming after a
//! restart) on the app's async runtime, with every change and the upload's progress forwarded to the
//! window as the `outbox` event. The rules live in `council_submit`; each command is one call.

use council_core::data_dir::DataDir;
use council_core::error::ErrorPayload;
use council_core::text::Text;
use council_submit::keys::{CouncilKey, PublicKeyInfo};
use council_submit::outbox::{OutboxEntry, SendReport};
use council_submit::purpose::{Checklist, PurposeInfo};
use council_submit::secrets::KeyringSecrets;
use council_submit::transport::{DestinationConfig, DestinationStatus, WebDavOptions};
use council_submit::{Outbox, PackageRequest, Purpose};
use tauri::{AppHandle, Emitter as _, Manager as _};

use crate::{Desk_, DeskState};

/// The window event that carries each [`council_submit::OutboxEvent`].
pub const OUTBOX_EVENT: &str = "outbox";

/// The outbox of the data folder, or why it could not be opened.
#[derive(Debug)]
pub struct OutboxState(Result<Outbox, ErrorPayload>);

impl OutboxState {
    /// Opens the outbox of the data folder the app uses.
    pub fn open() -> Self {
        let opened = DataDir::resolve(None)
            .map_err(ErrorPayload::from)
            .and_then(|dir| Outbox::open(&dir).map_err(ErrorPayload::from));
        Self(opened)
    }

    fn get(&self) -> Result<&Outbox, ErrorPayload> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

type Outbox_<'a> = tauri::State<'a, OutboxState>;

fn data_dir() -> Result<DataDir, ErrorPayload> {
    Ok(DataDir::resolve(None)?)
}

/// Runs a package use case on the desk (its error already turned into the IPC payload).
fn on_desk<T>(
    desk: &DeskState,
    f: impl FnOnce(&council_core::Desk) -> Result<T, ErrorPayload>,
) -> Result<T, ErrorPayload> {
    match &*desk.lock() {
        Ok(d) => f(d),
        Err(e) => Err(e.clone()),
    }
}

/// Points the outbox at the saved destination (none, or one whose password is missing: packages
/// wait, and Settings says why).
fn apply_destination(outbox: &Outbox) {
    let destination = data_dir()
        .ok()
        .and_then(|dir| DestinationConfig::load(&dir).ok().flatten())
        .and_then(|c| c.open_for_delivery(WebDavOptions::default()).ok());
    outbox.set_destination(destination);
}

/// Starts delivery in the background and forwards the outbox's events to the window.
pub fn start(app: &AppHandle) {
    let Ok(outbox) = app.state::<OutboxState>().get().cloned() else { return };
    apply_destination(&outbox);
    let mut events = outbox.subscribe();
    tauri::async_runtime::spawn(outbox.run());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    let _ = app.emit(OUTBOX_EVENT, &event);
                }
                // The window missed some progress: the next change carries the whole record.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
}

#[tauri::command]
pub async fn submission_purposes() -> Vec<PurposeInfo> {
    Purpose::ALL.iter().map(|p| p.info()).collect()
}

#[tauri::command]
pub async fn submission_checklist(desk: Desk_<'_>, request: PackageRequest) -> Result<Checklist, ErrorPayload> {
    on_desk(&desk, |d| council_submit::checklist(d, &request).map_err(ErrorPayload::from))
}

/// Builds the package and puts it in the outbox (refused with the list of what to add).
#[tauri::command]
pub async fn build_submission(
    desk: Desk_<'_>,
    outbox: Outbox_<'_>,
    request: PackageRequest,
) -> Result<OutboxEntry, ErrorPayload> {
    let outbox = outbox.get()?;
    on_desk(&desk, |d| outbox.build_and_add(d, &request).map_err(ErrorPayload::from))
}

#[tauri::command]
pub async fn outbox_entries(outbox: Outbox_<'_>) -> Result<Vec<OutboxEntry>, ErrorPayload> {
    Ok(outbox.get()?.list()?)
}

/// Tries every waiting or failed package once, now.
#[tauri::command]
pub async fn send_outbox_now(outbox: Outbox_<'_>) -> Result<Vec<SendReport>, ErrorPayload> {
    let outbox = outbox.get()?.clone();
    apply_destination(&outbox);
    Ok(outbox.send_now().await?)
}

/// Saves a package to a folder the user chooses (a USB stick); `None` if cancelled.
#[tauri::command]
pub async fn save_outbox_package(outbox: Outbox_<'_>, id: String) -> Result<Option<OutboxEntry>, ErrorPayload> {
    let outbox = outbox.get()?.clone();
    let Some(folder) = crate::dialogs::pick_folder().await else { return Ok(None) };
    let saved =
        tauri::async_runtime::spawn_blocking(move || outbox.save_to_folder(&id, &folder).map_err(ErrorPayload::from))
            .await
            .map_err(|e| ErrorPayload::from(council_core::Error::Io(std::io::Error::other(e.to_string()))))?;
    Ok(Some(saved?))
}

#[tauri::command]
pub async fn send_outbox_again(outbox: Outbox_<'_>, id: String) -> Result<OutboxEntry, ErrorPayload> {
    Ok(outbox.get()?.send_again(&id)?)
}

/// The council's public key for the city (made on first use).
#[tauri::command]
pub async fn council_public_key() -> Result<PublicKeyInfo, ErrorPayload> {
    Ok(CouncilKey::load_or_create(&data_dir()?)?.public_info())
}

#[tauri::command]
pub async fn submission_destination() -> Result<DestinationStatus, ErrorPayload> {
    Ok(DestinationConfig::status(&data_dir()?, &KeyringSecrets::default())?)
}

/// Saves the city's WebDAV folder (the password into the keyring) and delivers there from now on.
#[tauri::command]
pub async fn set_submission_destination(
    outbox: Outbox_<'_>,
    url: String,
    user: String,
    password: String,
) -> Result<DestinationStatus, ErrorPayload> {
    let dir = data_dir()?;
    let config = DestinationConfig::WebDav { url: url.trim().to_owned(), user: user.trim().to_owned() };
    let saved = config.save_with_password(&dir, Some(&password), &KeyringSecrets::default());
    if let Ok(outbox) = outbox.get() {
        apply_destination(outbox);
    }
    saved?;
    Ok(DestinationConfig::status(&dir, &KeyringSecrets::default())?)
}

/// Checks that the saved destination answers; the result in words.
#[tauri::command]
pub async fn test_submission_destination() -> Result<Text, ErrorPayload> {
    let config = DestinationConfig::load(&data_dir()?)?.ok_or(council_submit::Error::NoDestination)?;
    let destination = config.open_for_delivery(WebDavOptions::default())?;
    destination.probe().await.map_err(|e| ErrorPayload::from(council_submit::Error::Delivery(e)))
}
