//! The one shape in which errors cross to the window: `{ code, message, problems, backup? }`.
//!
//! `code` is a closed list holding only what the UI acts on; `message` says what happened and what to
//! do next in both languages; the UI never matches on message text. Each library crate's error is
//! mapped here, once.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_base::text::Text;
use council_store::FieldProblem;
use council_store::backup::BackupEntry;

/// The closed list of error codes the UI acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Fix the highlighted fields and try again.
    Validation,
    /// The record is gone: go back to the list.
    NotFound,
    /// The data changed underneath: reload.
    Conflict,
    /// The record is locked: offer an amendment instead of an edit.
    Locked,
    /// Show the first-start screen.
    NoCouncil,
    /// The data could not be read or written: nothing was saved.
    Storage,
    /// The database is damaged: offer to restore `backup` (the newest good backup), never carry on.
    Damaged,
    /// The council's signing key needs its passphrase (or a passphrase to protect it): ask for it,
    /// then try again.
    KeyLocked,
    /// The shared folder cannot be reached now: nothing was lost, the changes wait for the next sync.
    Offline,
}

/// The one error shape at the IPC boundary: `{ code, message, problems }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    /// What the UI should do about it.
    pub code: ErrorCode,
    /// What happened and what to do next.
    pub message: Text,
    /// For `validation`: each field to fix.
    pub problems: Vec<FieldProblem>,
    /// For `damaged`: the newest backup that passed its integrity check, to offer for restoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub backup: Option<Box<BackupEntry>>,
}

impl ErrorPayload {
    /// A payload with a code and a message only.
    pub fn new(code: ErrorCode, message: Text) -> Self {
        Self { code, message, problems: Vec::new(), backup: None }
    }
}

impl std::fmt::Display for ErrorPayload {
    /// Both languages on one line, as the command-line tool prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message.fmt(f)
    }
}

impl std::error::Error for ErrorPayload {}

impl From<council_store::Error> for ErrorPayload {
    fn from(e: council_store::Error) -> Self {
        use council_store::Error as E;
        let code = match &e {
            E::Validation { .. } => ErrorCode::Validation,
            E::NotFound(_) => ErrorCode::NotFound,
            E::Conflict(_) => ErrorCode::Conflict,
            E::Locked(_) => ErrorCode::Locked,
            E::NoCouncil => ErrorCode::NoCouncil,
            E::Damaged { .. } => ErrorCode::Damaged,
            E::NewerSchema { .. } | E::Database(_) | E::Io(_) => ErrorCode::Storage,
        };
        ErrorPayload {
            code,
            message: e.text(),
            problems: e.problems().to_vec(),
            backup: e.newest_good().cloned().map(Box::new),
        }
    }
}

impl From<council_sync::Error> for ErrorPayload {
    fn from(e: council_sync::Error) -> Self {
        use council_sync::Error as E;
        match e {
            E::Store(inner) => inner.into(),
            E::Offline(t) => ErrorPayload::new(ErrorCode::Offline, t),
            E::Refused(t) => ErrorPayload::new(ErrorCode::Conflict, t),
            E::Invalid(t) => ErrorPayload::new(ErrorCode::Validation, t),
        }
    }
}

impl From<council_docs::Error> for ErrorPayload {
    fn from(e: council_docs::Error) -> Self {
        use council_docs::Error as E;
        match e {
            E::Store(e) => e.into(),
            E::Write { .. } => ErrorPayload::new(ErrorCode::Storage, e.text()),
            _ => ErrorPayload::new(ErrorCode::Validation, e.text()),
        }
    }
}

impl From<council_submit::Error> for ErrorPayload {
    /// A missing checklist item is a `validation` problem named by the item's key, so the window can
    /// point at it.
    fn from(e: council_submit::Error) -> Self {
        use council_submit::Error as E;
        let simple = |code, e: &E| ErrorPayload::new(code, e.text());
        match e {
            E::Store(inner) => inner.into(),
            E::Docs(inner) => inner.into(),
            E::Incomplete { ref missing, .. } => ErrorPayload {
                code: ErrorCode::Validation,
                message: e.text(),
                problems: missing
                    .iter()
                    .map(|m| FieldProblem {
                        field: m.key.clone(),
                        message: Text::new(
                            format!("{}: {}", m.label.ja, m.detail.ja),
                            format!("{}: {}", m.label.en, m.detail.en),
                        ),
                    })
                    .collect(),
                backup: None,
            },
            E::Refused(_) | E::Config(_) | E::NoDestination | E::TooLarge { .. } => simple(ErrorCode::Validation, &e),
            E::NotInOutbox(_) => simple(ErrorCode::NotFound, &e),
            E::Busy(_) => simple(ErrorCode::Conflict, &e),
            E::KeyDamaged { .. } | E::Io { .. } | E::Secret(_) | E::Delivery(_) => simple(ErrorCode::Storage, &e),
            E::KeyNotOurs { .. } | E::KeyMissing { .. } | E::KeyringClosed { .. } => simple(ErrorCode::Conflict, &e),
            E::KeyLocked { .. } | E::KeyNeedsPassphrase | E::KeyPassphraseShort => simple(ErrorCode::KeyLocked, &e),
        }
    }
}
