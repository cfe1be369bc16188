//! Where packages are delivered: a folder (a USB stick, a shared drive) or the city's drop-box over
//! WebDAV (HTTPS, or HTTP on a trusted network). Each delivery is idempotent: a package always goes
//! under the same name (from its ID), a copy already there with the same SHA-256 counts as
//! delivered, and a different file under that name is never overwritten.
//!
//! The destination's settings (not the password) are kept in `<data>/outbox/destination.json`; the
//! WebDAV password lives in the OS keyring ([`crate::secrets`]).
use std::path::{Path, PathBuf};
use std::sync::Arc;

use council_domain::text::Text;
use council_store::data_dir::DataDir;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::secrets::{MemorySecrets, PASSWORD_ENV, RunSecrets, SecretError, SecretStore};

pub mod folder;
pub mod webdav;

pub use folder::FolderDrop;
pub use webdav::{WebDav, WebDavOptions};

/// Where the destination's password comes from, as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PasswordSource {
    /// No password is needed (a folder), or none is set.
    None,
    /// The OS keyring holds it.
    Keyring,
    /// The `COUNCIL_DESK_DAV_PASSWORD` environment variable, for this run only.
    Environment,
    /// This PC has no keyring: the window keeps it until it is closed.
    ThisRun,
}

/// The destination as Settings shows it: what is saved, where its password comes from, and whether
/// this PC has a keyring at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestinationStatus {
    /// The saved destination, if any.
    #[ts(optional)]
    pub config: Option<DestinationConfig>,
    /// Where its password comes from.
    pub password: PasswordSource,
    /// Why the keyring cannot be used on this PC, with the way out; none when it works.
    #[ts(optional)]
    pub keyring_problem: Option<Text>,
}

/// The settings file's name inside `outbox/`.
const DESTINATION_FILE: &str = "destination.json";

/// Where packages go, as saved (no password in here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DestinationConfig {
    /// A folder: a USB stick, a shared drive.
    Folder {
        /// The folder.
        path: String,
    },
    /// A WebDAV folder (the city's drop-box, e.g. a Nextcloud folder).
    WebDav {
        /// The folder's URL (`https://…/remote.php/dav/files/sakura/提出/`).
        url: String,
        /// The user name.
        user: String,
    },
}

impl DestinationConfig {
    /// The saved destination of `data_dir`, if one was set.
    pub fn load(data_dir: &DataDir) -> Result<Option<Self>> {
        let path = config_path(data_dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                Error::Config(Text::new(
                    format!(
                        "送信先の設定（{}）が読めません（{e}）。設定で送信先を入れ直してください。",
                        path.display()
                    ),
                    format!(
                        "The destination settings ({}) cannot be read ({e}). Enter the destination again in Settings.",
                        path.display()
                    ),
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Checks and saves this destination for `data_dir` (replacing any earlier one).
    pub fn save(&self, data_dir: &DataDir) -> Result<()> {
        self.check()?;
        let path = config_path(data_dir);
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| Error::io(&path, e.into()))?;
        crate::outbox::write_atomic(&path, &bytes)
    }

    /// Forgets the saved destination.
    pub fn clear(data_dir: &DataDir) -> Result<()> {
        let path = config_path(data_dir);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Refuses settings that cannot work: a folder that is not absolute, a URL that is not http(s),
    /// an empty user.
    pub fn check(&self) -> Result<()> {
        match self {
            Self::Folder { path } => {
                if path.trim().is_empty() || !Path::new(path).is_absolute() {
                    return Err(Error::Config(Text::new(
                        "送信先のフォルダーを、ドライブやルートからの場所で指定してください。",
                        "Give the destination folder as a full path (from the drive or root).",
                    )));
                }
            }
            Self::WebDav { url, user } => {
                webdav::folder_url(url)?;
                if user.trim().is_empty() {
                    return Err(Error::Config(Text::new(
                        "WebDAV のユーザー名を入力してください。",
                        "Enter the WebDAV user name.",
                    )));
                }
            }
        }
        Ok(())
    }

    /// The keyring account holding this destination's password (`webdav:<user>@<url>`), if it has one.
    pub fn secret_account(&self) -> Option<String> {
        match self {
            Self::Folder { .. } => None,
            Self::WebDav { url, user } => Some(format!("webdav:{user}@{url}")),
        }
    }

    /// The destination, ready to deliver to, with its password from `secrets`.
    pub fn open(&self, secrets: &dyn SecretStore, options: WebDavOptions) -> Result<Destination> {
        self.check()?;
        Ok(match self {
            Self::Folder { path } => Destination::Folder(FolderDrop::new(PathBuf::from(path))),
            Self::WebDav { url, user } => {
                let account = self.secret_account().unwrap_or_default();
                let password = secrets.get(&account)?.ok_or_else(|| {
                    Error::Config(Text::new(
                        format!("送信先（{url}）のパスワードが保存されていません。設定でパスワードを入れてください。"),
                        format!("No password is stored for the destination ({url}). Enter it in Settings."),
                    ))
                })?;
                Destination::WebDav(WebDav::new(url, user, password, options)?)
            }
        })
    }

    /// The destination with its password from `COUNCIL_DESK_DAV_PASSWORD` when that is set (a script),
    /// else from the OS keyring (or, on a PC without one, what the window was given in this run):
    /// what `council outbox send` and the window's delivery use.
    pub fn open_for_delivery(&self, options: WebDavOptions) -> Result<Destination> {
        match (std::env::var(PASSWORD_ENV), self.secret_account()) {
            (Ok(password), Some(account)) if !password.is_empty() => {
                self.open(&MemorySecrets::with(&account, &password), options)
            }
            _ => self.open(&RunSecrets::default(), options),
        }
    }

    /// Saves this destination for `data_dir` (refused, with nothing saved, when it cannot work), then
    /// its password into `secrets` (`None` or empty: keep the one stored, or rely on
    /// `COUNCIL_DESK_DAV_PASSWORD`). When the keyring is missing or refuses, the destination stays
    /// saved and the error says how to hand the password in instead.
    pub fn save_with_password(
        &self,
        data_dir: &DataDir,
        password: Option<&str>,
        secrets: &dyn SecretStore,
    ) -> Result<()> {
        self.save(data_dir)?;
        if let (Some(password), Some(account)) = (password.filter(|p| !p.is_empty()), self.secret_account()) {
            secrets.set(&account, &secrecy::SecretString::from(password.to_owned()))?;
        }
        Ok(())
    }

    /// What Settings shows about the destination saved in `data_dir`.
    pub fn status<S: SecretStore>(data_dir: &DataDir, secrets: &RunSecrets<S>) -> Result<DestinationStatus> {
        let config = Self::load(data_dir)?;
        let account = config.as_ref().and_then(Self::secret_account);
        // The keyring is asked once, with the account if there is one (a throwaway name otherwise).
        let probe = secrets.keyring().get(account.as_deref().unwrap_or("webdav:probe"));
        let this_run = matches!(probe, Err(SecretError::Unavailable(_)))
            && account.as_deref().is_some_and(|a| secrets.remembered(a));
        let keyring_problem = match &probe {
            Err(e @ SecretError::Unavailable(_)) | Err(e @ SecretError::Failed(_)) => Some(e.text()),
            Ok(_) => None,
        };
        let from_env = std::env::var(PASSWORD_ENV).is_ok_and(|p| !p.is_empty());
        let password = match (&account, probe) {
            (None, _) => PasswordSource::None,
            (Some(_), Ok(Some(_))) => PasswordSource::Keyring,
            (Some(_), _) if this_run => PasswordSource::ThisRun,
            (Some(_), _) if from_env => PasswordSource::Environment,
            (Some(_), _) => PasswordSource::None,
        };
        Ok(DestinationStatus { config, password, keyring_problem })
    }

    /// How the window names it (`https://… (sakura)`, or the folder).
    pub fn describe(&self) -> String {
        match self {
            Self::Folder { path } => path.clone(),
            Self::WebDav { url, user } => format!("{url} ({user})"),
        }
    }
}

fn config_path(data_dir: &DataDir) -> PathBuf {
    crate::outbox::outbox_dir(data_dir).join(DESTINATION_FILE)
}

/// A destination, ready to deliver to.
#[derive(Debug, Clone)]
pub enum Destination {
    /// A folder.
    Folder(FolderDrop),
    /// A WebDAV folder.
    WebDav(WebDav),
}

/// A package to deliver: its file in the outbox and what it must be when it arrives.
#[derive(Debug, Clone)]
pub struct Shipment {
    /// The zip in the outbox.
    pub file: PathBuf,
    /// The name it is delivered under.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256 (hex).
    pub sha256: String,
}

/// Where a package arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The file's place at the destination (a path or a URL).
    pub location: String,
    /// True when an identical copy was already there (an earlier attempt got through).
    pub already_there: bool,
}

/// Called with the bytes sent so far.
pub type ProgressFn = Arc<dyn Fn(u64) + Send + Sync>;

/// Why a delivery did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text}")]
pub struct DeliveryError {
    /// True when trying again cannot help until a person changes something (a wrong password, a
    /// wrong folder, a different file under the package's name); false for what passes (the network,
    /// a busy or full server).
    pub permanent: bool,
    /// What happened and what to do, in both languages.
    pub text: Text,
}

impl DeliveryError {
    /// A problem that may pass: the outbox tries again later.
    pub fn transient(text: Text) -> Self {
        Self { permanent: false, text }
    }

    /// A problem a person must fix: the package waits as failed.
    pub fn permanent(text: Text) -> Self {
        Self { permanent: true, text }
    }
}

impl Destination {
    /// Delivers `shipment`, reporting progress; see the module's rules.
    pub async fn deliver(&self, shipment: &Shipment, progress: ProgressFn) -> Result<Arrival, DeliveryError> {
        match self {
            Self::Folder(f) => f.deliver(shipment, progress).await,
            Self::WebDav(w) => w.deliver(shipment, progress).await,
        }
    }

    /// How the window names it.
    pub fn describe(&self) -> String {
        match self {
            Self::Folder(f) => f.dir().display().to_string(),
            Self::WebDav(w) => w.url().to_string(),
        }
    }

    /// Checks that the destination answers and is a folder (Settings' "test connection"); says
    /// what was found either way.
    pub async fn probe(&self) -> Result<Text, DeliveryError> {
        match self {
            Self::Folder(f) if f.dir().is_dir() => Ok(Text::new(
                format!("フォルダー {} に届けられます。", f.dir().display()),
                format!("Packages can be delivered to the folder {}.", f.dir().display()),
            )),
            Self::Folder(f) => Err(DeliveryError::permanent(Text::new(
                format!(
                    "フォルダー {} が見つかりません。USB メモリーをつないでいるか確かめてください。",
                    f.dir().display()
                ),
                format!("The folder {} is not there. Check that the USB stick is plugged in.", f.dir().display()),
            ))),
            Self::WebDav(w) => {
                w.probe().await?;
                Ok(Text::new(
                    format!("市の受付サーバー（{}）につながりました。", w.url()),
                    format!("Connected to the city's drop-box ({}).", w.url()),
                ))
            }
        }
    }
}
