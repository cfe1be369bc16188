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

/// Whether `COUNCIL_DESK_DATA` names the folder (a script, the tests): then no choice in Settings
/// applies.
pub fn fixed_by_environment() -> bool {
    std::env::var_os(DATA_ENV).is_some_and(|v| !v.is_empty())
}

/// The file that remembers the folder chosen in Settings.
fn chosen_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join(APP_IDENTIFIER).join("data-folder"))
}

/// The folder chosen in Settings, if one is (an absolute path).
pub fn chosen() -> Option<PathBuf> {
    let text = std::fs::read_to_string(chosen_file()?).ok()?;
    let path = PathBuf::from(text.trim());
    path.is_absolute().then_some(path)
}

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

    /// The folder to use: the `--data` flag if given, else `COUNCIL_DESK_DATA`, else the folder chosen
    /// in Settings (see [`DataDir::choose`]) while it is there, else the OS's per-user
    /// application-data folder (`~/.local/share/jp.councildesk.desk` on Linux, `%APPDATA%\…` on
    /// Windows) — outside the install folder, so reinstalling or upgrading never touches it.
    pub fn resolve(flag: Option<&Path>) -> Result<Self> {
        Ok(Self::resolve_noting(flag)?.0)
    }

    /// [`DataDir::resolve`], and when the folder chosen in Settings is not there (a USB stick not
    /// plugged in), the words that say so: the usual folder is used meanwhile, and the choice is kept
    /// for the next start.
    pub fn resolve_noting(flag: Option<&Path>) -> Result<(Self, Option<Text>)> {
        if let Some(p) = flag {
            return Ok((Self::at(p), None));
        }
        if fixed_by_environment() {
            let p = std::env::var_os(DATA_ENV).unwrap_or_default();
            return Ok((Self::at(PathBuf::from(p)), None));
        }
        let mut note = None;
        if let Some(chosen) = chosen() {
            if chosen.is_dir() {
                return Ok((Self::at(chosen), None));
            }
            note = Some(Text::new(
                format!(
                    "設定で選んだデータフォルダ（{}）が見つからないため、いつもの場所のデータを開いています。\
                     USB メモリーなどをつないでから、アプリを開き直してください。",
                    chosen.display()
                ),
                format!(
                    "The data folder chosen in Settings ({}) is not there, so the data in the usual place is \
                     open. Connect the USB stick or drive holding it, then open the app again.",
                    chosen.display()
                ),
            ));
        }
        Ok((Self::usual()?, note))
    }

    /// The OS's per-user application-data folder, where the data lives unless another is chosen.
    pub fn usual() -> Result<Self> {
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

    /// Remembers `folder` as the data folder the window and the `council` command open from the next
    /// start on, or forgets the choice (`None`: the usual folder again). Kept in the per-user
    /// settings folder (`~/.config/jp.councildesk.desk/data-folder`), written whole or not at all.
    pub fn choose(folder: Option<&Path>) -> Result<()> {
        let Some(file) = chosen_file() else {
            return Err(Error::NotFound(Text::new(
                "このパソコンの利用者の設定フォルダが見つからないため、データフォルダの選択を覚えられません。",
                "This PC has no per-user settings folder, so the chosen data folder cannot be remembered.",
            )));
        };
        match folder {
            Some(folder) => {
                if let Some(parent) = file.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let tmp = file.with_extension("tmp");
                std::fs::write(&tmp, folder.display().to_string())?;
                std::fs::rename(&tmp, &file)?;
            }
            None => match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            },
        }
        Ok(())
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

    /// The outbox of submission packages (`outbox/`): the packages waiting to go to the city, their
    /// records, and the drop-box's address (never its password). A hand-over carries it.
    pub fn outbox(&self) -> PathBuf {
        self.root.join("outbox")
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
