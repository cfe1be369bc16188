//! Council Desk's domain: the types and rules of one community council's records, the SQLite store
//! that keeps them, and the use cases that the desktop shell and the `council` command both call.
//!
//! This crate knows nothing of Tauri, the network or PDF. It never reads the clock inside a rule:
//! the [`desk::Desk`] facade reads its [`clock::Clock`] once per use case and passes `now`/`today` down.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod calendar;
pub mod clock;
pub mod council;
pub mod data_dir;
pub mod demo;
pub mod desk;
pub mod documents;
pub mod dues;
pub mod error;
pub mod events;
pub mod grants;
pub mod handover;
pub mod home;
pub mod ids;
pub mod integrity;
pub mod kana;
pub mod meetings;
pub mod members;
pub mod money;
pub mod officers;
pub mod open_data;
pub mod partners;
pub mod plan;
pub mod roster_io;
pub mod search;
pub mod settings;
pub mod store;
pub mod text;

pub use desk::Desk;
pub use error::{Error, Result};
