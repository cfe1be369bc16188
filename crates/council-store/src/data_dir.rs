//! Where a council's data lives on this PC: one folder holding the SQLite file (and, as later features
//! add them, attachments) and `backups/`. The desktop window and the `council` command resolve it the same
//! way, so they share one council's data.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use council_base::text::Text;

/// The app's identifier; also the name of its per-user data folder (as Tauri names it).
pub const APP_IDENTIFIER: &str = "jp.councildesk.desk";

/// Environment variable that points the app and the CLI at another data folder (tests, a USB stick).
pub const DATA_ENV: &str = "COUNCIL_DESK_DATA";

/// The data folder of one council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at an explicit path.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The folder to use: the `--data` flag if given, else `COUNCIL_DESK_DATA`, else the OS's per-user
    /// application-data folder (`~/.local/share/jp.councildesk.desk` on Linux, `%APPDATA%\…` on
    /// Windows) — outside the install folder, so reinstalling or upgrading never touches it.
    pub fn resolve(flag: Option<&Path>) -> Result<Self> {
        if let Some(p) = flag {
            return Ok(Self::at(p));
        }
        if let Some(p) = std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()) {
            return Ok(Self::at(PathBuf::from(p)));
        }
        dirs::data_dir().map(|d| Self::at(d.join(APP_IDENTIFIER))).ok_or_else(|| {
            Error::NotFound(Text::new(
                format!(
                    "利用者のデータフォルダが見つかりません。環境変数 {DATA_ENV} でデータの保存先を指定してください。"
                ),
                format!(
                    "The per-user data folder could not be found. Set {DATA_ENV} to the folder to keep the data in."
                ),
            ))
        })
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The SQLite database file.
    pub fn database(&self) -> PathBuf {
        self.root.join("council.sqlite3")
    }

    /// The folder of automatic and manual backups (`backups/`).
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }

    /// The folder of attached files (scans, photos), when a feature has created it.
    pub fn attachments(&self) -> PathBuf {
        self.root.join("attachments")
    }

    /// The folder of PDFs made for printing (`printed/`): the copy handed to the system's PDF viewer
    /// to print from. Old copies are cleared as new ones are made; they are not part of backups.
    pub fn printed(&self) -> PathBuf {
        self.root.join("printed")
    }

    /// The folder of figures kept between openings (`cache/`: Home's dues and household counts), each
    /// valid only for the version of the data it was worked out from. Not part of backups; safe to
    /// delete at any time.
    pub fn cache(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// The folder of the council's keys (the signing key for submission packages), when one exists.
    /// A hand-over carries it to the next officer's PC.
    pub fn keys(&self) -> PathBuf {
        self.root.join("keys")
    }

    /// The folder for plaintext while a file is unpacked (a hand-over being read): owner-only, and
    /// cleared at every opening, so nothing decrypted outlives a crash.
    pub fn temporary(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Creates the folder if it does not exist yet.
    pub fn ensure(&self) -> Result<()> {
        std::fs::create_dir_all(&self.root)?;
        Ok(())
    }
}
