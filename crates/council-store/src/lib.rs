//! The council's SQLite file and its folder: opening it with the house pragmas, the numbered
//! migrations, the session that every use case writes and reads through ([`session::Session`],
//! [`session::Write`], [`session::Read`]), backups and restoring them, the integrity check, the
//! hand-over file, and the data folder's layout.
//!
//! It creates every table (the migrations) but knows no aggregate's rules: what a council, a
//! member household or the operator is, the domain answers through [`model::DataModel`].

pub mod audit;
pub mod backup;
pub mod capture;
pub mod data_dir;
pub mod entry;
pub mod error;
pub mod handover;
pub mod integrity;
pub mod model;
pub mod personal;
pub mod secrets;
pub mod session;
pub mod store;
pub mod swap;
mod trust;

pub use error::{Error, FieldProblem, Result};
pub use session::{Read, Session, Write};
pub use store::APP_VERSION;
