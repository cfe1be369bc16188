//! The shared folder the PCs meet in: a plain folder (a Nextcloud- or Syncthing-synced folder, a
//! NAS share, a USB stick) or a WebDAV folder, with the same layout on both:
//!
//! ```text
//! sharing.json                      which council's folder this is (its sharing id; no secrets)
//! devices/<device>/<first>-<last>.rec  each PC's records, numbered, one file per sync, never rewritten
//! snapshots/<clock>-<device>.snap   the whole data now and then, where a new PC starts
//! ```
//!
//! A file is written under a temporary name and then renamed, so another PC never reads half of
//! one; no locks are needed because no two PCs ever write the same name.

use std::path::{Path, PathBuf};

use council_base::Text;
use council_store::data_dir::DataDir;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Where the shared folder is, as kept on this PC (the WebDAV password stays in the OS keyring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemoteConfig {
    /// A folder on this PC or a mounted share.
    Folder {
        /// The folder.
        path: String,
    },
    /// A WebDAV folder (Nextcloud and the like).
    WebDav {
        /// The folder's URL.
        url: String,
        /// The user signing in.
        user: String,
    },
}

impl RemoteConfig {
    /// Opens the transport (a WebDAV folder with the password kept on this PC).
    pub fn open(&self, dir: &DataDir) -> Result<Box<dyn Remote>> {
        match self {
            RemoteConfig::Folder { path } => Ok(Box::new(Folder::new(PathBuf::from(path)))),
            RemoteConfig::WebDav { url, user } => {
                let password = crate::keys::webdav_password(dir)?;
                Ok(Box::new(crate::webdav::WebDav::new(url, user, &password)?))
            }
        }
    }

    /// Where it is, for people.
    pub fn describe(&self) -> String {
        match self {
            RemoteConfig::Folder { path } => path.clone(),
            RemoteConfig::WebDav { url, user } => format!("{url}（{user}）"),
        }
    }
}

/// The operations sharing needs of a shared folder.
pub trait Remote: Send + Sync {
    /// The names in folder `dir` (relative to the shared folder), empty when it does not exist.
    fn list(&self, dir: &str) -> Result<Vec<String>>;
    /// A file's bytes; `None` when it does not exist.
    fn get(&self, path: &str) -> Result<Option<Vec<u8>>>;
    /// Writes a file whole (temporary name, then renamed), creating its folders.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
    /// The temporary names of uploads that did not finish (`.<name>.<id>.part`) in folder `dir`.
    fn unfinished(&self, dir: &str) -> Result<Vec<String>>;
    /// Removes a file (one already gone is not an error).
    fn delete(&self, path: &str) -> Result<()>;
}

/// Whether `name` is the temporary name of an upload (see [`Remote::put`]).
pub fn is_unfinished(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".part")
}

/// When the upload that left temporary file `name` began (its id is a UUIDv7, which carries the
/// time it was made), in milliseconds since 1970; `None` for a name this app did not make.
pub fn unfinished_since(name: &str) -> Option<u64> {
    let stem = name.strip_suffix(".part")?;
    let id = uuid::Uuid::parse_str(stem.rsplit('.').next()?).ok()?;
    let (secs, nanos) = id.get_timestamp()?.to_unix();
    Some(secs * 1000 + u64::from(nanos) / 1_000_000)
}

/// A plain folder.
#[derive(Debug, Clone)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder at `root`.
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn reachable(&self) -> Result<()> {
        if self.root.is_dir() {
            return Ok(());
        }
        Err(Error::Offline(Text::new(
            format!(
                "共有フォルダ {} が見つかりません。USBメモリやネットワークのドライブがつながっているか確かめてください。変更はこのPCに残り、次の同期で送られます。",
                self.root.display()
            ),
            format!(
                "The shared folder {} cannot be found. Check that the USB stick or network drive is connected. Changes stay on this PC and go at the next sync.",
                self.root.display()
            ),
        )))
    }

    fn at(&self, rel: &str) -> PathBuf {
        rel.split('/').filter(|p| !p.is_empty() && *p != "..").fold(self.root.clone(), |p, part| p.join(part))
    }
}

impl Folder {
    /// The names in `dir`: the finished files, or the unfinished uploads.
    fn names(&self, dir: &str, unfinished: bool) -> Result<Vec<String>> {
        self.reachable()?;
        let entries = match std::fs::read_dir(self.at(dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut names = Vec::new();
        for entry in entries {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if (!unfinished && !name.starts_with('.')) || (unfinished && is_unfinished(&name)) {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }
}

impl Remote for Folder {
    fn list(&self, dir: &str) -> Result<Vec<String>> {
        self.names(dir, false)
    }

    fn unfinished(&self, dir: &str) -> Result<Vec<String>> {
        self.names(dir, true)
    }

    fn delete(&self, path: &str) -> Result<()> {
        self.reachable()?;
        match std::fs::remove_file(self.at(path)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn get(&self, path: &str) -> Result<Option<Vec<u8>>> {
        self.reachable()?;
        match std::fs::read(self.at(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.reachable()?;
        let target = self.at(path);
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = parent.join(format!(".{name}.{}.part", uuid::Uuid::now_v7()));
        {
            use std::io::Write as _;
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &target)?;
        Ok(())
    }
}
