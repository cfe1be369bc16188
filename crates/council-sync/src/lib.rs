//! Sharing one council's data between officers' PCs, offline-first.
//!
//! Every committed write on a shared council becomes one change record (SQLite's session
//! extension, captured in the write context by `council_store::capture`). Each PC appends its own
//! numbered records to a shared folder — a plain or synced folder, a USB stick, or WebDAV — signed
//! with the PC's key and encrypted for the council, and never rewrites them; the others fetch what
//! they have not seen, verify it, and apply it in one order on every PC ([`engine`]). The
//! database file itself is never synced: whole-file sync over a cloud folder corrupts or loses data.
//!
//! Why this design: a changeset is SQLite's own, exact description of a write (no diff of our
//! own); numbered, never-rewritten files per PC need no locks and no server logic, so any folder
//! works; the order by hybrid logical clock makes every PC end with the same data, and the rules of
//! [`engine`] make what two PCs did at once visible instead of silently lost.

pub mod changes;
pub mod engine;
pub mod error;
pub mod keys;
pub mod personal;
pub mod prune;
pub mod reasons;
pub mod record;
pub mod remote;
pub mod roles;
pub mod share;
pub mod webdav;

pub use error::{Error, Result};
pub use remote::RemoteConfig;
pub use roles::{Area, Role};
pub use share::{ConflictInfo, DeviceInfo, SyncReport, SyncStatus};
