//! Council Desk's domain: the aggregates of one community council's records — members and dues,
//! the council's own accounts, officers, partners, events, meetings and minutes, the community plan, grants, attachments — each
//! owning its tables, its types and its rules, and the audit history.
//!
//! A write is one use case in one transaction through the store's write context ([`Write`]: the
//! transaction, the instant, the operator): `session.write(|w| members::create_household(w, &input))`.
//! A read takes any connection (`&Connection`; a [`Read`] dereferences to one). Nothing here reads
//! the clock, touches the network or makes a PDF.
//!
//! The shared vocabulary (bilingual text, 和暦 and fiscal years, kana, yen, IDs) comes from
//! `council-base` and the error type from `council-store`; both are re-exported here so the
//! aggregates and their callers name one path.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod council;
pub mod deleted;
pub mod dues;
pub mod events;
pub mod export;
pub mod folder;
pub mod forms;
pub mod grants;
pub mod home;
pub mod ids;
pub mod meetings;
pub mod members;
mod model;
pub mod officers;
pub mod partners;
pub mod plan;
pub mod removal;
pub mod search;
pub mod settings;

pub use council_base::{calendar, clock, id_type, kana, money, text};
pub use council_store::{Error, FieldProblem, Read, Result, Session, Write, error};
pub use model::{MODEL, open, record_counts};
