//! Council Desk's IPC surface: the one list of the window's commands ([`commands`]), the context they
//! run with ([`Cx`]), the error shape that crosses to the window ([`ErrorPayload`]), and the files
//! produced from the list ([`generate`]: the TypeScript client and type declarations, the window's
//! capability, the shell's command names).
//!
//! The desktop shell hands every call to [`dispatch`] on a blocking thread and supplies the dialogs
//! ([`Platform`]); everything else a command does happens here and below. No Tauri in this crate.

mod commands;
mod cx;
mod error;
pub mod generate;
mod macros;
mod reply;
mod state;
mod submissions;

pub use commands::*;
pub use cx::{Cx, FileChoice, Headless, Platform};
pub use error::{ErrorCode, ErrorPayload};
pub use macros::Command;
pub use reply::{Bytes, Reply};
pub use state::AppState;
pub use submissions::apply_destination;
