//! Council Desk's submission packages (提出パッケージ): what the council hands to the city for one
//! purpose — the yearly officer list, the yearly activity report, and for one grant application its
//! application, change application, performance report and claim.
//!
//! - [`package`]: a package is one zip with the purpose's PDFs, the same data as JSON and `.xlsx`,
//!   attachments, and `manifest.json` listing every file with its SHA-256, signed with the council's
//!   Ed25519 key ([`keys`]) as `manifest.sig`. A purpose ([`purpose`]) names its parts and its
//!   checklist; an incomplete package is refused with the list of what to add. Building needs no
//!   network.
//! - [`outbox`]: built packages wait in `<data>/outbox/` with a status record that survives
//!   restarts, and are delivered by a tokio task with capped exponential backoff, or saved to a
//!   folder / USB stick at any time.
//! - [`transport`]: a folder, or WebDAV over HTTPS (the city's drop-box), each idempotent.
//! - [`verify`]: the city's side — the signature, every hash, and precisely what was changed, is
//!   missing or was added; a hardened reader. [`known`]: who sent it — the key given, remembered
//!   from the council's first package (trust on first use), or not confirmed yet.
//!
//! `FORMAT.md` beside this crate's `Cargo.toml` describes the package format for the city.

pub mod error;
pub mod keys;
pub mod known;
pub mod manifest;
pub mod outbox;
pub mod package;
pub mod purpose;
pub use council_store::secrets;
pub mod transport;
pub mod verify;

pub use error::{Error, Result};
pub use outbox::{Outbox, OutboxEntry, OutboxEvent};
pub use package::{BuiltPackage, build, checklist};
pub use purpose::grant::workbook as grant_workbook;
pub use purpose::{PackageRequest, Purpose};
