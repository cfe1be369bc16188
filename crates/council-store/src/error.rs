//! The error of the store and of the domain above it: what went wrong with the council's data.
//!
//! Every message says what to do next, in both languages. The window turns it into the IPC payload
//! (council-api), whose closed list of codes the UI acts on.

use council_base::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entry::BackupEntry;

/// Result of every fallible store and domain operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One field of a form that needs fixing, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    /// The field's key as the UI names it (`name`, `city`, …).
    pub field: String,
    /// What is wrong and what to enter instead.
    pub message: Text,
}

/// What went wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that cannot be accepted; nothing was changed.
    Validation {
        /// A summary of the problems.
        message: Text,
        /// Each field that needs fixing.
        problems: Vec<FieldProblem>,
    },
    /// The record asked for does not exist (or no longer does).
    NotFound(Text),
    /// The change conflicts with the current state (e.g. a council already exists).
    Conflict(Text),
    /// The record is locked (e.g. signed minutes) and cannot be edited.
    Locked(Text),
    /// No council has been set up in this data folder yet.
    NoCouncil,
    /// The database was written by a newer version of Council Desk.
    NewerSchema {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema this build knows.
        supported: i64,
    },
    /// The database file is damaged (or is not a database at all). The app refuses to carry on with
    /// it and offers the newest backup that passed its own integrity check.
    Damaged {
        /// The damaged file.
        file: String,
        /// What SQLite's integrity check reported (first lines).
        problems: Vec<String>,
        /// The newest backup that is itself intact, if there is one.
        newest_good: Option<BackupEntry>,
    },
    /// The SQLite store failed.
    Database(#[from] rusqlite::Error),
    /// A file could not be read or written.
    Io(#[from] std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl Error {
    /// A validation error for a form with several fields to fix, summarised by their number.
    pub fn fields(problems: Vec<FieldProblem>) -> Self {
        let n = problems.len();
        Error::Validation {
            message: Text::new(
                format!("入力内容に{n}か所、直すところがあります。赤く示した項目を確かめてください。"),
                format!("{n} field(s) need fixing; see the fields marked in red."),
            ),
            problems,
        }
    }

    /// A validation error with a single field problem.
    pub fn invalid(field: &str, message: Text) -> Self {
        Error::Validation {
            message: message.clone(),
            problems: vec![FieldProblem { field: field.to_owned(), message }],
        }
    }

    /// The fields to fix, for a validation error.
    pub fn problems(&self) -> &[FieldProblem] {
        match self {
            Error::Validation { problems, .. } => problems,
            _ => &[],
        }
    }

    /// The newest good backup to offer, for damaged data.
    pub fn newest_good(&self) -> Option<&BackupEntry> {
        match self {
            Error::Damaged { newest_good, .. } => newest_good.as_ref(),
            _ => None,
        }
    }

    /// What happened and what to do next, in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::Validation { message, .. } => message.clone(),
            Error::NotFound(t) | Error::Conflict(t) | Error::Locked(t) => t.clone(),
            Error::NoCouncil => Text::new(
                "自治会の情報がまだ登録されていません。最初に自治会の情報を登録してください。",
                "No council has been set up yet. Enter the council's profile first.",
            ),
            Error::NewerSchema { found, supported } => Text::new(
                format!(
                    "このデータは新しい版の地域協働デスク（データ形式 {found}）で作られています。\
                     この版が扱えるのは {supported} までです。アプリを更新してから開いてください。データは変更していません。"
                ),
                format!(
                    "This data was written by a newer Council Desk (schema {found}); this version reads up to \
                     {supported}. Update the app, then open it again. Nothing was changed."
                ),
            ),
            Error::Damaged { file, newest_good, .. } => {
                let (ja_next, en_next) = match newest_good {
                    Some(b) => {
                        let when = b.created_at_text();
                        (
                            format!("最新の正常なバックアップ（{}、{}）から復元してください。", when.ja, b.reason.label().ja),
                            format!("Restore the newest good backup ({}, {}).", when.en, b.reason.label().en),
                        )
                    }
                    None => (
                        "正常なバックアップが見つかりません。ファイルを消さずに、詳しい人かサポートに相談してください。".to_owned(),
                        "No good backup was found. Do not delete the file; ask someone who can help, or support."
                            .to_owned(),
                    ),
                };
                Text::new(
                    format!(
                        "データファイルが壊れています（{file}）。このまま使うとデータを失うおそれがあるため、開くのを止めました。{ja_next}"
                    ),
                    format!(
                        "The data file is damaged ({file}). It was not opened, so that nothing more is lost. {en_next}"
                    ),
                )
            }
            Error::Database(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => disk_full(),
            Error::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => disk_full(),
            Error::Database(e) => Text::new(
                format!("データの読み書きに失敗しました（{e}）。変更は保存されていません。"),
                format!("Reading or writing the data failed ({e}). Nothing was saved."),
            ),
            Error::Io(e) => Text::new(
                format!("ファイルの読み書きに失敗しました（{e}）。保存先の空き容量と権限を確かめてください。"),
                format!("A file could not be read or written ({e}). Check the disk's free space and permissions."),
            ),
        }
    }
}

/// A full disk (or SQLite's page limit, which it reports the same way): nothing was saved.
fn disk_full() -> Text {
    Text::new(
        "保存先のディスクがいっぱいで、保存できませんでした。データは保存前のままです。\
         不要なファイルを削除して空き容量を作ってから、もう一度やり直してください。",
        "The disk is full, so nothing was saved; the data is as it was before. \
         Free some space by deleting files you no longer need, then try again.",
    )
}
