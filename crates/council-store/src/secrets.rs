//! Where the WebDAV password is kept: never in the database, never in a settings file, never on a
//! command line — in the operating system's keyring (Windows Credential Manager, macOS Keychain, the
//! Secret Service on Linux desktops), behind the [`SecretStore`] trait.
//!
//! A PC without a keyring (a headless Linux box, a minimal desktop) gets
//! [`SecretError::Unavailable`]. The window then keeps the password for this run only
//! ([`RunSecrets`]: the keyring, or this program's memory where there is none) and says so in the
//! volunteer's words; scripts hand the password in through the `COUNCIL_DESK_DAV_PASSWORD`
//! environment variable for one run instead ([`PASSWORD_ENV`]).
use std::collections::HashMap;
use std::sync::Mutex;

use council_base::Text;
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
            // Said to a volunteer: what happens and what to do, not the keyring library's words.
            Self::Unavailable(_) => Text::new(
                "このパソコンには、パスワードを安全にしまっておく仕組み（キーリング）がありません。パスワードはデータには保存せず、アプリを閉じるまでの間だけ覚えておきます。次にアプリを開いたときは、送る前にもう一度パスワードを入れてください。",
                "This PC has no keyring to keep the password safely. The password is never stored with the data: the app remembers it until it is closed. After opening the app again, enter the password once more before sending.",
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
        Self::new(crate::data_dir::APP_IDENTIFIER)
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

/// The keyring, or — on a PC that has none — this program's memory: what the window uses, so that a
/// volunteer without a keyring can still send (the password is asked again after a restart).
#[derive(Debug)]
pub struct RunSecrets<S: SecretStore = KeyringSecrets> {
    keyring: S,
    run: &'static MemorySecrets,
}

/// This program's memory of passwords the keyring could not keep.
fn this_run() -> &'static MemorySecrets {
    static RUN: std::sync::OnceLock<MemorySecrets> = std::sync::OnceLock::new();
    RUN.get_or_init(MemorySecrets::new)
}

impl Default for RunSecrets {
    fn default() -> Self {
        Self { keyring: KeyringSecrets::default(), run: this_run() }
    }
}

impl<S: SecretStore> RunSecrets<S> {
    /// `keyring` first, `run` where it is unavailable.
    pub fn new(keyring: S, run: &'static MemorySecrets) -> Self {
        Self { keyring, run }
    }

    /// The keyring itself.
    pub fn keyring(&self) -> &S {
        &self.keyring
    }

    /// Whether this run holds a password for `account` (given where the keyring was unavailable).
    pub fn remembered(&self, account: &str) -> bool {
        self.run.get(account).is_ok_and(|p| p.is_some())
    }
}

impl<S: SecretStore> SecretStore for RunSecrets<S> {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError> {
        match self.keyring.get(account) {
            Err(SecretError::Unavailable(_)) => self.run.get(account),
            other => other,
        }
    }

    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretError> {
        match self.keyring.set(account, secret) {
            Err(SecretError::Unavailable(_)) => self.run.set(account, secret),
            other => other,
        }
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.run.delete(account)?;
        match self.keyring.delete(account) {
            Err(SecretError::Unavailable(_)) => Ok(()),
            other => other,
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

/// A PC without a keyring: every call answers [`SecretError::Unavailable`], as a headless Linux box
/// does — for tests of the fallbacks.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoKeyring;

impl SecretStore for NoKeyring {
    fn get(&self, _: &str) -> Result<Option<SecretString>, SecretError> {
        Err(SecretError::Unavailable("no secret service".into()))
    }
    fn set(&self, _: &str, _: &SecretString) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no secret service".into()))
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no secret service".into()))
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
    fn an_unavailable_keyring_says_what_to_do_in_a_volunteers_words() {
        let text = SecretError::Unavailable("org.freedesktop.DBus.Error.ServiceUnknown".into()).text();
        assert!(text.ja.contains("アプリを閉じるまで") && text.ja.contains("もう一度パスワードを入れて"), "{text}");
        for words in [&text.ja, &text.en] {
            assert!(!words.contains(PASSWORD_ENV) && !words.contains("DBus"), "no variable or library words: {words}");
        }
    }

    #[test]
    fn without_a_keyring_the_window_keeps_the_password_for_this_run_only() {
        static RUN: std::sync::OnceLock<MemorySecrets> = std::sync::OnceLock::new();
        let store = RunSecrets::new(NoKeyring, RUN.get_or_init(MemorySecrets::new));
        assert!(store.get("webdav:a").expect("get").is_none());
        store.set("webdav:a", &SecretString::from("pw".to_owned())).expect("kept for the run");
        assert_eq!(store.get("webdav:a").expect("get").expect("there").expose_secret(), "pw");
        assert!(store.remembered("webdav:a"));
        store.delete("webdav:a").expect("delete");
        assert!(store.get("webdav:a").expect("get").is_none());
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
