//! The background delivery of submission packages: the outbox's own task (its backoff, resuming after
//! a restart) on the app's async runtime, with every change and the upload's progress forwarded to
//! the window as the `outbox` event. The outbox's commands are in the command list (council-api).

use std::sync::Arc;

use council_api::Cx;
use tauri::{AppHandle, Emitter as _};

/// The window event that carries each [`council_submit::OutboxEvent`].
pub const OUTBOX_EVENT: &str = "outbox";

/// Starts delivery in the background and forwards the outbox's events to the window.
pub fn start(app: &AppHandle, cx: &Arc<Cx>) {
    let (Ok(outbox), Ok(dir)) = (cx.outbox(), cx.dir()) else { return };
    let outbox = outbox.clone();
    council_api::apply_destination(dir, &outbox);
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
