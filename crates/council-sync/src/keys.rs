//! This PC's keys for sharing: the device's Ed25519 signing key, which proves a record came from this
//! PC, and the council's age key, which every PC of the council holds and which the host of the
//! shared folder never sees, so it cannot read the roster. Both are kept in the operating system's
//! keyring ([`Keys::save`]), as is a shared WebDAV folder's password ([`save_webdav_password`]); the
//! data folder's `keys/sharing/` only names their entries. On a PC without a keyring they are kept
//! in that folder instead, readable by its owner only, and move into the keyring once there is one.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use council_store::data_dir::DataDir;
use council_store::secrets::{KeyringSecrets, SecretError, SecretStore};
use secrecy::{ExposeSecret as _, SecretString};

use crate::error::{Error, Result};

const DEVICE_KEY: &str = "device.key";
const COUNCIL_KEY: &str = "council.key";
const WEBDAV_PASSWORD: &str = "webdav.password";
/// Names the keyring entry holding the WebDAV password (the password itself is never in the file).
const WEBDAV_KEYRING: &str = "webdav.keyring";
/// Names the keyring entry holding both keys (the keys themselves are never in the file).
const KEYS_KEYRING: &str = "keys.keyring";

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

    /// Keeps the keys in this PC's keyring (the data folder names the entry).
    pub fn save(&self, dir: &DataDir) -> Result<PasswordKept> {
        self.save_in(dir, &KeyringSecrets::default())
    }

    /// Keeps the keys in `store` (the keyring), or in the data folder (readable by this user only)
    /// where `store` is unavailable.
    pub fn save_in(&self, dir: &DataDir, store: &dyn SecretStore) -> Result<PasswordKept> {
        let folder = folder(dir);
        std::fs::create_dir_all(&folder)?;
        let device = hex::encode(self.device.to_bytes());
        let account = entry_name(dir, KEYS_KEYRING, "sharing-keys-")
            .unwrap_or_else(|| format!("sharing-keys-{}", uuid::Uuid::now_v7()));
        let both = SecretString::from(format!("{device}\n{}", self.council_text()));
        match store.set(&account, &both) {
            Ok(()) => {
                write_private(&folder.join(KEYS_KEYRING), account.as_bytes())?;
                remove_if_there(&folder.join(DEVICE_KEY))?;
                remove_if_there(&folder.join(COUNCIL_KEY))?;
                Ok(PasswordKept::Keyring)
            }
            Err(SecretError::Unavailable(_)) => {
                write_private(&folder.join(DEVICE_KEY), device.as_bytes())?;
                write_private(&folder.join(COUNCIL_KEY), self.council_text().as_bytes())?;
                remove_if_there(&folder.join(KEYS_KEYRING))?;
                Ok(PasswordKept::DataFolder)
            }
            Err(e) => Err(Error::Invalid(e.text())),
        }
    }

    /// This PC's keys, from its keyring.
    pub fn load(dir: &DataDir) -> Result<Self> {
        Self::load_in(dir, &KeyringSecrets::default())
    }

    /// The keys from `store`, or from the data folder (a PC without a keyring, or a version that
    /// kept them there: moved into the keyring now when there is one).
    pub fn load_in(dir: &DataDir, store: &dyn SecretStore) -> Result<Self> {
        let missing = || {
            Error::invalid(
                "共有の鍵がこのPCに見つかりません。招待ファイルでもう一度参加してください。",
                "This PC's sharing keys are missing. Join again with an invitation file.",
            )
        };
        if let Some(account) = entry_name(dir, KEYS_KEYRING, "sharing-keys-") {
            return match store.get(&account) {
                Ok(Some(both)) => {
                    let (device, council) = both.expose_secret().split_once('\n').ok_or_else(missing)?;
                    Self::from_texts(device.trim(), council.trim())
                }
                Ok(None) | Err(SecretError::Unavailable(_)) => Err(missing()),
                Err(e) => Err(Error::Invalid(e.text())),
            };
        }
        let folder = folder(dir);
        let read = |name: &str| std::fs::read_to_string(folder.join(name)).map_err(|_| missing());
        let keys = Self::from_texts(read(DEVICE_KEY)?.trim(), read(COUNCIL_KEY)?.trim())?;
        // Moved into the keyring where there is one; kept where they are where there is none.
        match keys.save_in(dir, store) {
            Ok(_) | Err(Error::Invalid(_)) => Ok(keys),
            Err(e) => Err(e),
        }
    }

    /// Where the keys are kept now, if this PC has any.
    pub fn kept(dir: &DataDir) -> Option<PasswordKept> {
        let folder = folder(dir);
        if folder.join(KEYS_KEYRING).is_file() {
            Some(PasswordKept::Keyring)
        } else if folder.join(DEVICE_KEY).is_file() {
            Some(PasswordKept::DataFolder)
        } else {
            None
        }
    }

    /// Removes the keys and the shared folder's password (leaving the sharing).
    pub fn remove(dir: &DataDir) -> Result<()> {
        Self::remove_in(dir, &KeyringSecrets::default())
    }

    /// Removes the keys and the password, from `store` too.
    pub fn remove_in(dir: &DataDir, store: &dyn SecretStore) -> Result<()> {
        if let Some(account) = entry_name(dir, KEYS_KEYRING, "sharing-keys-") {
            // A keyring that is not there, or already forgot them, holds nothing to forget.
            store.delete(&account).ok();
        }
        forget_webdav_password(dir, store);
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

/// Where this PC keeps a secret of the sharing: its keys, the shared WebDAV folder's password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PasswordKept {
    /// In the operating system's keyring; the data folder holds only the entry's name.
    Keyring,
    /// This PC has no keyring: in the data folder's `keys/sharing/` (readable by this user only).
    /// Background sync after a restart needs them, so they are not asked for at every start; they
    /// move into the keyring once the PC has one.
    DataFolder,
}

/// Keeps the shared WebDAV folder's password in this PC's keyring.
pub fn save_webdav_password(dir: &DataDir, password: &str) -> Result<PasswordKept> {
    save_webdav_password_in(dir, password, &KeyringSecrets::default())
}

/// Keeps the password in `store` (the keyring), or in the data folder where `store` is unavailable.
pub fn save_webdav_password_in(dir: &DataDir, password: &str, store: &dyn SecretStore) -> Result<PasswordKept> {
    let folder = folder(dir);
    std::fs::create_dir_all(&folder)?;
    let account = keyring_account(dir).unwrap_or_else(|| format!("sharing-webdav-{}", uuid::Uuid::now_v7()));
    match store.set(&account, &SecretString::from(password.to_owned())) {
        Ok(()) => {
            write_private(&folder.join(WEBDAV_KEYRING), account.as_bytes())?;
            remove_if_there(&folder.join(WEBDAV_PASSWORD))?;
            Ok(PasswordKept::Keyring)
        }
        Err(SecretError::Unavailable(_)) => {
            write_private(&folder.join(WEBDAV_PASSWORD), password.as_bytes())?;
            remove_if_there(&folder.join(WEBDAV_KEYRING))?;
            Ok(PasswordKept::DataFolder)
        }
        Err(e) => Err(Error::Invalid(e.text())),
    }
}

/// The shared WebDAV folder's password, from this PC's keyring.
pub fn webdav_password(dir: &DataDir) -> Result<String> {
    webdav_password_in(dir, &KeyringSecrets::default())
}

/// The password from `store`, or from the data folder (a PC without a keyring, or a version that
/// kept it there: moved into the keyring now when there is one).
pub fn webdav_password_in(dir: &DataDir, store: &dyn SecretStore) -> Result<String> {
    let missing = || {
        Error::invalid(
            "共有フォルダ（WebDAV）のパスワードがこのPCにありません。設定の「共有」でパスワードをもう一度入れてください。",
            "The shared WebDAV folder's password is missing on this PC. Enter it again under Settings → Sharing.",
        )
    };
    let folder = folder(dir);
    if let Some(account) = keyring_account(dir) {
        return match store.get(&account) {
            Ok(Some(password)) => Ok(password.expose_secret().to_owned()),
            Ok(None) => Err(missing()),
            Err(SecretError::Unavailable(_)) => Err(missing()),
            Err(e) => Err(Error::Invalid(e.text())),
        };
    }
    let password = std::fs::read_to_string(folder.join(WEBDAV_PASSWORD)).map_err(|_| missing())?;
    // Moved into the keyring where there is one; kept where it is where there is none.
    match save_webdav_password_in(dir, &password, store) {
        Ok(_) | Err(Error::Invalid(_)) => Ok(password),
        Err(e) => Err(e),
    }
}

/// Where the password is kept now, if it is kept at all.
pub fn webdav_password_kept(dir: &DataDir) -> Option<PasswordKept> {
    let folder = folder(dir);
    if folder.join(WEBDAV_KEYRING).is_file() {
        Some(PasswordKept::Keyring)
    } else if folder.join(WEBDAV_PASSWORD).is_file() {
        Some(PasswordKept::DataFolder)
    } else {
        None
    }
}

/// The keyring entry's name this data folder uses for the password.
fn keyring_account(dir: &DataDir) -> Option<String> {
    entry_name(dir, WEBDAV_KEYRING, "sharing-webdav-")
}

/// The keyring entry's name kept in `file` of `keys/sharing/`, if it is one of ours (`prefix`).
fn entry_name(dir: &DataDir, file: &str, prefix: &str) -> Option<String> {
    let account = std::fs::read_to_string(folder(dir).join(file)).ok()?;
    Some(account.trim().to_owned()).filter(|a| a.starts_with(prefix))
}

/// Forgets the password in `store` (leaving the sharing).
fn forget_webdav_password(dir: &DataDir, store: &dyn SecretStore) {
    if let Some(account) = keyring_account(dir) {
        // A keyring that is not there, or already forgot it, holds nothing to forget.
        store.delete(&account).ok();
    }
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use council_store::secrets::{MemorySecrets, NoKeyring};

    use super::*;

    fn files_hold(dir: &DataDir, text: &str) -> bool {
        std::fs::read_dir(dir.root()).is_ok()
            && walk(dir.root())
                .iter()
                .any(|p| std::fs::read(p).is_ok_and(|b| b.windows(text.len()).any(|w| w == text.as_bytes())))
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
        }
        out
    }

    #[test]
    fn the_sharing_keys_go_to_the_keyring_and_never_into_the_data_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = DataDir::at(tmp.path());
        let keyring = MemorySecrets::new();
        let keys = Keys::generate().expect("keys");
        let (device, council) = (hex::encode(keys.device.to_bytes()), keys.council_text());
        assert_eq!(keys.save_in(&dir, &keyring).expect("saved"), PasswordKept::Keyring);
        assert!(!files_hold(&dir, &device) && !files_hold(&dir, &council), "no file of the data folder holds a key");
        assert_eq!(Keys::kept(&dir), Some(PasswordKept::Keyring));
        let back = Keys::load_in(&dir, &keyring).expect("loaded");
        assert_eq!((hex::encode(back.device.to_bytes()), back.council_text()), (device.clone(), council.clone()));
        // Another keyring (the folder copied to another PC) does not hold them: said in words.
        let err = Keys::load_in(&dir, &MemorySecrets::new()).expect_err("not in that keyring");
        assert!(err.text().ja.contains("招待ファイルでもう一度参加"), "{}", err.text().ja);
        // Leaving the sharing forgets them in the keyring too.
        Keys::remove_in(&dir, &keyring).expect("removed");
        assert_eq!(Keys::kept(&dir), None);
        assert!(Keys::load_in(&dir, &keyring).is_err(), "gone from the keyring");
    }

    #[test]
    fn without_a_keyring_the_keys_stay_in_the_folder_and_move_into_one_later() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = DataDir::at(tmp.path());
        let keys = Keys::generate().expect("keys");
        let device = hex::encode(keys.device.to_bytes());
        assert_eq!(keys.save_in(&dir, &NoKeyring).expect("saved"), PasswordKept::DataFolder);
        assert_eq!(Keys::kept(&dir), Some(PasswordKept::DataFolder));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(folder(&dir).join(DEVICE_KEY)).expect("file").permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
        }
        assert_eq!(hex::encode(Keys::load_in(&dir, &NoKeyring).expect("read").device.to_bytes()), device);
        // A keyring appears (or an earlier version kept them in files): they move into it.
        let keyring = MemorySecrets::new();
        assert_eq!(hex::encode(Keys::load_in(&dir, &keyring).expect("read").device.to_bytes()), device);
        assert_eq!(Keys::kept(&dir), Some(PasswordKept::Keyring));
        assert!(!files_hold(&dir, &device), "the files are gone");
        assert_eq!(hex::encode(Keys::load_in(&dir, &keyring).expect("read").device.to_bytes()), device);
    }

    #[test]
    fn the_webdav_password_goes_to_the_keyring_and_never_into_the_data_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = DataDir::at(tmp.path());
        let keyring = MemorySecrets::new();
        let kept = save_webdav_password_in(&dir, "sakura-secret-2026", &keyring).expect("saved");
        assert_eq!(kept, PasswordKept::Keyring);
        assert!(!files_hold(&dir, "sakura-secret-2026"), "no file of the data folder holds the password");
        assert_eq!(webdav_password_kept(&dir), Some(PasswordKept::Keyring));
        assert_eq!(webdav_password_in(&dir, &keyring).expect("read"), "sakura-secret-2026");
        // Entered again: the same entry holds the new one.
        save_webdav_password_in(&dir, "new-password", &keyring).expect("again");
        assert_eq!(webdav_password_in(&dir, &keyring).expect("read"), "new-password");
        // The keyring lost it (another PC's copy of the folder, a reset keyring): said in words.
        let err = webdav_password_in(&dir, &MemorySecrets::new()).expect_err("not in that keyring");
        assert!(err.text().ja.contains("もう一度入れてください"), "{}", err.text().ja);
    }

    #[test]
    fn a_password_kept_in_the_folder_by_an_earlier_version_moves_into_the_keyring() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = DataDir::at(tmp.path());
        std::fs::create_dir_all(folder(&dir)).expect("folder");
        std::fs::write(folder(&dir).join(WEBDAV_PASSWORD), "old-plain-password").expect("old file");
        let keyring = MemorySecrets::new();
        assert_eq!(webdav_password_in(&dir, &keyring).expect("read"), "old-plain-password");
        assert!(!files_hold(&dir, "old-plain-password"), "the plain copy is gone");
        assert_eq!(webdav_password_kept(&dir), Some(PasswordKept::Keyring));
        assert_eq!(webdav_password_in(&dir, &keyring).expect("read"), "old-plain-password");
    }

    #[test]
    fn without_a_keyring_the_password_stays_beside_the_sharing_keys_for_this_user_only() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = DataDir::at(tmp.path());
        assert_eq!(save_webdav_password_in(&dir, "pw-here", &NoKeyring).expect("saved"), PasswordKept::DataFolder);
        assert_eq!(webdav_password_in(&dir, &NoKeyring).expect("read"), "pw-here");
        assert_eq!(webdav_password_kept(&dir), Some(PasswordKept::DataFolder));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(folder(&dir).join(WEBDAV_PASSWORD)).expect("file").permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
        }
        // A keyring appears later (the desktop's keyring installed): the password moves into it.
        let keyring = MemorySecrets::new();
        assert_eq!(webdav_password_in(&dir, &keyring).expect("read"), "pw-here");
        assert_eq!(webdav_password_kept(&dir), Some(PasswordKept::Keyring));
        assert!(!files_hold(&dir, "pw-here"));
    }
}
