//! What can go wrong while sharing, each said so that an officer knows what to do next.

use council_base::Text;

/// A sharing error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder's own error (the database, a file).
    #[error(transparent)]
    Store(#[from] council_store::Error),
    /// The shared folder or WebDAV address cannot be reached now; nothing was lost, the records wait.
    #[error("{}", .0.ja)]
    Offline(Text),
    /// The shared folder refused us (a wrong password, no permission).
    #[error("{}", .0.ja)]
    Refused(Text),
    /// Something the user asked for cannot be done (not shared yet, a wrong passphrase, a role).
    #[error("{}", .0.ja)]
    Invalid(Text),
}

impl Error {
    /// The message for the user, in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::Store(e) => e.text(),
            Error::Offline(t) | Error::Refused(t) | Error::Invalid(t) => t.clone(),
        }
    }

    pub(crate) fn invalid(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Error::Invalid(Text::new(ja, en))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(e.into())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Store(e.into())
    }
}

/// A sharing result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// "Not shared yet": the message for every command that needs sharing set up first.
pub(crate) fn not_shared() -> Error {
    Error::invalid(
        "この自治会のデータはまだ共有されていません。先に「共有を始める」（council sync setup）か、招待ファイルで参加（council sync join）してください。",
        "This council's data is not shared yet. Set up sharing first (council sync setup), or join with an invitation file (council sync join).",
    )
}
