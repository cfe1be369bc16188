//! This PC's keys for sharing, kept in the data folder's `keys/sharing/` (readable by its owner
//! only): the device's Ed25519 signing key, which proves a record came from this PC, and the
//! council's age key, which every PC of the council holds and which the host of the shared folder
//! never sees, so it cannot read the roster.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use age::secrecy::ExposeSecret as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use council_store::data_dir::DataDir;

use crate::error::{Error, Result};

const DEVICE_KEY: &str = "device.key";
const COUNCIL_KEY: &str = "council.key";
const WEBDAV_PASSWORD: &str = "webdav.password";

/// The keys of this PC's place in the sharing.
pub struct Keys {
    /// Signs this PC's records.
    pub device: SigningKey,
    /// Encrypts and decrypts every record and snapshot of the council.
    pub council: age::x25519::Identity,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys").field("device", &public_text(&self.device.verifying_key())).finish_non_exhaustive()
    }
}

fn folder(dir: &DataDir) -> PathBuf {
    dir.keys().join("sharing")
}

impl Keys {
    /// New keys: a fresh device key and a fresh council key (setting up sharing).
    pub fn generate() -> Result<Self> {
        Ok(Self { device: new_device_key()?, council: age::x25519::Identity::generate() })
    }

    /// The keys from their texts (an invitation).
    pub fn from_texts(device_seed_hex: &str, council: &str) -> Result<Self> {
        let damaged = || Error::invalid("招待ファイルの鍵が読み取れません。", "The invitation's keys cannot be read.");
        let seed: [u8; 32] = hex::decode(device_seed_hex).ok().and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
        let council = age::x25519::Identity::from_str(council).map_err(|_| damaged())?;
        Ok(Self { device: SigningKey::from_bytes(&seed), council })
    }

    /// The council key as text (for an invitation).
    pub fn council_text(&self) -> String {
        self.council.to_string().expose_secret().to_owned()
    }

    /// Keeps the keys in the data folder (readable by this user only).
    pub fn save(&self, dir: &DataDir) -> Result<()> {
        let folder = folder(dir);
        std::fs::create_dir_all(&folder)?;
        write_private(&folder.join(DEVICE_KEY), hex::encode(self.device.to_bytes()).as_bytes())?;
        write_private(&folder.join(COUNCIL_KEY), self.council_text().as_bytes())?;
        Ok(())
    }

    /// The keys kept in the data folder.
    pub fn load(dir: &DataDir) -> Result<Self> {
        let folder = folder(dir);
        let read = |name: &str| {
            std::fs::read_to_string(folder.join(name)).map_err(|_| {
                Error::invalid(
                    "共有の鍵がこのPCに見つかりません。招待ファイルでもう一度参加してください。",
                    "This PC's sharing keys are missing. Join again with an invitation file.",
                )
            })
        };
        Self::from_texts(read(DEVICE_KEY)?.trim(), read(COUNCIL_KEY)?.trim())
    }

    /// Removes the keys (leaving the sharing).
    pub fn remove(dir: &DataDir) -> Result<()> {
        match std::fs::remove_dir_all(folder(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Signs `message` as this device.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.device.sign(message).to_bytes()
    }
}

/// A fresh device signing key from the operating system's random source.
pub fn new_device_key() -> Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Error::Store(std::io::Error::other(e.to_string()).into()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// A public key as it is kept in `sync_device`.
pub fn public_text(key: &VerifyingKey) -> String {
    hex::encode(key.to_bytes())
}

/// Whether `signature` over `message` was made by the device whose public key is `public_hex`.
pub fn verify(public_hex: &str, message: &[u8], signature: &[u8; 64]) -> bool {
    let Some(bytes) = hex::decode(public_hex).ok().and_then(|b| <[u8; 32]>::try_from(b).ok()) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&bytes) else { return false };
    key.verify(message, &Signature::from_bytes(signature)).is_ok()
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Keeps the shared WebDAV folder's password beside this PC's sharing keys (readable by this user
/// only, like them).
pub fn save_webdav_password(dir: &DataDir, password: &str) -> Result<()> {
    let folder = folder(dir);
    std::fs::create_dir_all(&folder)?;
    write_private(&folder.join(WEBDAV_PASSWORD), password.as_bytes())
}

/// The shared WebDAV folder's password.
pub fn webdav_password(dir: &DataDir) -> Result<String> {
    std::fs::read_to_string(folder(dir).join(WEBDAV_PASSWORD)).map_err(|_| {
        Error::invalid(
            "共有フォルダ（WebDAV）のパスワードがこのPCにありません。共有の設定でもう一度入れてください。",
            "The shared WebDAV folder's password is missing on this PC. Enter it again in the sharing settings.",
        )
    })
}
