//! Where the WebDAV password is kept: never in the database, never in a settings file, never on a
//! command line — in the operating system's keyring (Windows Credential Manager, macOS Keychain, the
//! Secret Service on Linux desktops), behind the [`SecretStore`] trait.
//!
//! A PC without a keyring (a headless Linux box, a minimal desktop) gets
//! [`SecretError::Unavailable`], whose message says what to do: scripts hand the password in through
//! the `COUNCIL_DESK_DAV_PASSWORD` environment variable for one run instead ([`PASSWORD_ENV`]), held
//! in a [`MemorySecrets`] that forgets it when the program ends.
use std::collections::HashMap;
use std::sync::Mutex;

use council_domain::text::Text;
use secrecy::{ExposeSecret, SecretString};

/// The environment variable a script sets to hand the WebDAV password to `council outbox send` for
/// one run, where no keyring is available.
pub const PASSWORD_ENV: &str = "COUNCIL_DESK_DAV_PASSWORD";

/// A password store.
pub trait SecretStore: Send + Sync + std::fmt::Debug {
    /// The secret stored for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError>;
    /// Stores `secret` for `account`, replacing any earlier one.
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretError>;
    /// Forgets the secret of `account` (nothing stored is not an error).
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The password store failed.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// This PC has no keyring the app can use.
    #[error("no keyring is available: {0}")]
    Unavailable(String),
    /// The keyring is there but refused or failed.
    #[error("the keyring failed: {0}")]
    Failed(String),
}

impl SecretError {
    /// The message in both languages, saying what to do next.
    pub fn text(&self) -> Text {
        match self {
            Self::Unavailable(detail) => Text::new(
                format!(
                    "このパソコンではパスワードを安全に保管する仕組み（キーリング）が使えません（{detail}）。パスワードはデータには保存しません。コマンドで送る場合は、環境変数 {PASSWORD_ENV} にパスワードを入れて実行してください。"
                ),
                format!(
                    "This PC has no keyring to keep the password safely ({detail}); the password is never stored with the data. For commands and scripts, put the password in the {PASSWORD_ENV} environment variable for the run."
                ),
            ),
            Self::Failed(detail) => Text::new(
                format!(
                    "キーリングでパスワードを読み書きできませんでした（{detail}）。キーリングのロックを解除してからやり直してください。"
                ),
                format!(
                    "The keyring could not read or store the password ({detail}). Unlock the keyring, then try again."
                ),
            ),
        }
    }
}

/// The operating system's keyring, under the app's identifier as the service name.
#[derive(Debug, Clone)]
pub struct KeyringSecrets {
    service: String,
}

impl Default for KeyringSecrets {
    fn default() -> Self {
        Self::new(council_store::data_dir::APP_IDENTIFIER)
    }
}

impl KeyringSecrets {
    /// The keyring, with secrets filed under `service`.
    pub fn new(service: &str) -> Self {
        Self { service: service.to_owned() }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account).map_err(keyring_error)
    }
}

fn keyring_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoDefaultStore | keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            SecretError::Unavailable(e.to_string())
        }
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringSecrets {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(p) => Ok(Some(SecretString::from(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretError> {
        self.entry(account)?.set_password(secret.expose_secret()).map_err(keyring_error)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// Secrets held in memory only, forgotten when the program ends: tests, and a password a script
/// handed in for one run ([`PASSWORD_ENV`]). Never a place to keep a password.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    secrets: Mutex<HashMap<String, SecretString>>,
}

impl MemorySecrets {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding one secret.
    pub fn with(account: &str, secret: &str) -> Self {
        let store = Self::new();
        store.lock().insert(account.to_owned(), SecretString::from(secret.to_owned()));
        store
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, SecretString>> {
        // A panic while holding this lock cannot leave the map half-changed: recover it.
        self.secrets.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError> {
        Ok(self.lock().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretError> {
        self.lock().insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.lock().remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_secrets_round_trip_and_forget() {
        let store = MemorySecrets::new();
        assert!(store.get("a").expect("get").is_none(), "nothing stored yet");
        store.set("a", &SecretString::from("pw".to_owned())).expect("set");
        assert_eq!(store.get("a").expect("get").expect("stored").expose_secret(), "pw");
        store.delete("a").expect("delete");
        assert!(store.get("a").expect("get").is_none(), "deleted");
    }

    #[test]
    fn an_unavailable_keyring_says_what_to_do() {
        let text = SecretError::Unavailable("no secret service".into()).text();
        assert!(text.ja.contains(PASSWORD_ENV) && text.en.contains(PASSWORD_ENV), "names the way out: {text}");
    }

    /// On this headless machine the keyring is usually missing: then the error must be `Unavailable`
    /// (with its clear message), never a panic or a hang. Where a keyring exists, it must round-trip.
    #[test]
    fn the_os_keyring_works_or_says_it_is_unavailable() {
        let store = KeyringSecrets::new("jp.councildesk.desk.test");
        let account = format!("test-{}", uuid::Uuid::now_v7());
        match store.set(&account, &SecretString::from("pw".to_owned())) {
            Ok(()) => {
                assert_eq!(store.get(&account).expect("get").expect("stored").expose_secret(), "pw");
                store.delete(&account).expect("delete");
                assert!(store.get(&account).expect("get").is_none(), "deleted");
            }
            Err(SecretError::Unavailable(detail)) => eprintln!("no keyring on this machine: {detail}"),
            Err(e) => panic!("a keyring that exists must work, or be reported as unavailable: {e}"),
        }
    }
}
