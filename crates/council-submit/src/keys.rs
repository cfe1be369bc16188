//! The council's signing key: one Ed25519 key per council, made on first use and kept in the data
//! folder as `keys/council.ed25519` (owner-only permissions), so a hand-over carries it to the next
//! officer's PC and the city goes on recognising the council's packages.
//!
//! The city registers the public key once (Settings shows it, with a fingerprint short enough to read
//! out over the phone); it then checks every package's `manifest.sig` against it.
//!
//! The secret half is never stored as it is: it is encrypted with `age`, either to a key kept in the
//! PC's keyring (Windows Credential Manager, macOS Keychain, the Secret Service on Linux desktops:
//! nothing to type), or — on a PC without a keyring — under a passphrase the officer chooses and
//! types when a package is signed ([`KeyLock`]). A key unlocked with its passphrase on a PC that has a
//! keyring moves into the keyring. A key from an older version (plain) is protected at its next use.
//! A hand-over carries the key encrypted under the hand-over's passphrase ([`for_handover`]).
//!
//! Files (text):
//!
//! ```text
//! keys/council.ed25519      COUNCIL-DESK-ED25519-SECRET-KEY v2
//!                           protection: keyring | passphrase
//!                           public: base64 of the 32-byte public key
//!                           base64 of the age-encrypted 32-byte seed
//! keys/council.ed25519.pub  COUNCIL-DESK-ED25519-PUBLIC-KEY v1 / base64 of the 32-byte public key
//! ```
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use council_domain::Session;
use council_store::data_dir::DataDir;
use council_store::handover::KeyFile;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use secrecy::{ExposeSecret as _, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::secrets::{KeyringSecrets, SecretStore};

/// The secret key's file name inside `keys/`.
pub const KEY_FILE: &str = "council.ed25519";
/// The public key's file name inside `keys/` (safe to hand to the city).
pub const PUBLIC_KEY_FILE: &str = "council.ed25519.pub";
/// The plain key file of versions before the key was encrypted.
const SECRET_HEADER_V1: &str = "COUNCIL-DESK-ED25519-SECRET-KEY v1";
const SECRET_HEADER: &str = "COUNCIL-DESK-ED25519-SECRET-KEY v2";
/// The shortest passphrase a key is protected with (as for a hand-over).
pub const MIN_KEY_PASSPHRASE_CHARS: usize = 8;
const PUBLIC_HEADER: &str = "COUNCIL-DESK-ED25519-PUBLIC-KEY v1";

/// The council's public key as Settings shows it and the city registers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicKeyInfo {
    /// The 32-byte Ed25519 public key, base64 (standard, padded).
    pub public_key: String,
    /// Its fingerprint: the first 16 bytes of its SHA-256 in hex, in groups of four
    /// (`3f2a 9c01 …`), short enough to compare by reading aloud.
    pub fingerprint: String,
    /// The public key file to hand to the city.
    pub public_key_file: String,
    /// How the secret half is protected on this PC.
    pub protection: Protection,
}

/// How the secret half of the key is protected in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Encrypted to a key kept in this PC's keyring: nothing to type.
    Keyring,
    /// Encrypted under a passphrase, typed when a package is signed.
    Passphrase,
    /// Not encrypted (a key from an older version): protected at its next use.
    Plain,
}

/// What unlocks — and protects — the council's secret key: the PC's keyring, and the passphrase the
/// officer typed, if any.
#[derive(Clone)]
pub struct KeyLock {
    secrets: Arc<dyn SecretStore>,
    passphrase: Option<SecretString>,
}

impl std::fmt::Debug for KeyLock {
    /// Never prints the passphrase.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyLock")
            .field("secrets", &self.secrets)
            .field("passphrase", &self.passphrase.is_some())
            .finish()
    }
}

impl KeyLock {
    /// A lock using `secrets` as the keyring, with a passphrase if one was typed.
    pub fn new(secrets: Arc<dyn SecretStore>, passphrase: Option<SecretString>) -> Self {
        Self { secrets, passphrase }
    }

    /// The PC's own keyring, with a passphrase if one was typed.
    pub fn of_this_pc(passphrase: Option<SecretString>) -> Self {
        Self::new(Arc::new(KeyringSecrets::default()), passphrase)
    }

    /// The same keyring with another passphrase.
    pub fn with_passphrase(&self, passphrase: Option<SecretString>) -> Self {
        Self { secrets: Arc::clone(&self.secrets), passphrase }
    }
}

/// The keyring entry holding the key that opens the signing key of public key `public`.
fn keyring_account(public: &VerifyingKey) -> String {
    format!("signing-key-{}", fingerprint(public).replace(' ', ""))
}

/// A secret key file, read but not yet opened.
struct SecretFile {
    protection: Protection,
    public: VerifyingKey,
    /// The seed itself (plain) or its age encryption.
    body: Vec<u8>,
}

/// The council's signing key, loaded.
pub struct CouncilKey {
    signing: SigningKey,
    file: PathBuf,
    protection: Protection,
}

impl std::fmt::Debug for CouncilKey {
    /// Never prints the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CouncilKey")
            .field("file", &self.file)
            .field("fingerprint", &fingerprint(&self.signing.verifying_key()))
            .finish()
    }
}

/// The fingerprint of a public key (see [`PublicKeyInfo::fingerprint`]).
pub fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex = hex::encode(&digest[..16]);
    hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// Standard base64.
pub(crate) fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Reads a public key in base64 (as [`PublicKeyInfo::public_key`], or the `.pub` file's content).
pub fn parse_public_key(text: &str) -> Option<VerifyingKey> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && *l != PUBLIC_HEADER)?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(line).ok()?;
    VerifyingKey::from_bytes(&bytes.try_into().ok()?).ok()
}

impl CouncilKey {
    /// The council's key: the one in the data folder, which must be the one the council's data
    /// records (a key from another council's folder is refused, and so is a missing one — it is never
    /// silently replaced, since the city knows the council by it). A council that has never had a key
    /// gets one now, recorded in its data. `lock` opens it (or protects the new one).
    pub fn for_council(session: &Session, lock: &KeyLock) -> Result<Self> {
        let recorded = session.read(|r| council_domain::settings::signing_key(r))?;
        match (public_key(session.dir())?, recorded) {
            (Some(public), Some(fp)) if fingerprint(&public) == fp => Self::unlock(session.dir(), lock),
            (Some(public), Some(fp)) => Err(Error::KeyNotOurs { found: fingerprint(&public), recorded: fp }),
            (Some(public), None) => {
                // A key made before keys were recorded: it is the council's.
                let key = Self::unlock(session.dir(), lock)?;
                session.write(|w| council_domain::settings::set_signing_key(w, &fingerprint(&public)))?;
                Ok(key)
            }
            (None, Some(fp)) => Err(Error::KeyMissing { recorded: fp }),
            (None, None) => {
                let key = Self::load_or_create(session.dir(), lock)?;
                let fp = key.public_info().fingerprint;
                session.write(|w| council_domain::settings::set_signing_key(w, &fp))?;
                Ok(key)
            }
        }
    }

    /// The council's public key for Settings, without opening the secret half: the one in the data
    /// folder, which must be the council's; a council that has never had a key gets one now (opened
    /// or protected with `lock`).
    pub fn public_for_council(session: &Session, lock: &KeyLock) -> Result<PublicKeyInfo> {
        let recorded = session.read(|r| council_domain::settings::signing_key(r))?;
        match (read_secret_file(session.dir())?, recorded) {
            (Some(file), Some(fp)) if fingerprint(&file.public) == fp => Ok(public_info_of(session.dir(), &file)),
            (Some(file), Some(fp)) => Err(Error::KeyNotOurs { found: fingerprint(&file.public), recorded: fp }),
            (None, Some(fp)) => Err(Error::KeyMissing { recorded: fp }),
            (_, None) => Ok(Self::for_council(session, lock)?.public_info()),
        }
    }

    /// Makes the council a new key, on purpose: the one in the data folder (if any) is kept in
    /// `backups/keys-replaced-<time>/`, and the city must register the new one before it accepts
    /// packages signed with it.
    pub fn replace_for_council(session: &Session, lock: &KeyLock) -> Result<Self> {
        let keys = session.dir().keys();
        if keys.exists() {
            let kept =
                session.dir().backups().join(format!("keys-replaced-{}", session.now().format("%Y%m%dT%H%M%SZ")));
            std::fs::create_dir_all(session.dir().backups()).map_err(|e| Error::io(&kept, e))?;
            std::fs::rename(&keys, &kept).map_err(|e| Error::io(&kept, e))?;
        }
        let key = Self::load_or_create(session.dir(), lock)?;
        let fp = key.public_info().fingerprint;
        session.write(|w| council_domain::settings::set_signing_key(w, &fp))?;
        Ok(key)
    }

    /// Whether the key in the data folder is the one the council's data records (`recorded`, read with
    /// [`council_domain::settings::signing_key`]); what is wrong if not, for `council check`. Nothing is
    /// made, opened or changed.
    pub fn check(data_dir: &DataDir, recorded: Option<String>) -> Option<String> {
        match (read_secret_file(data_dir), recorded) {
            (Err(e), _) => Some(e.text().en),
            (Ok(Some(file)), Some(fp)) if fingerprint(&file.public) != fp => Some(format!(
                "keys/{KEY_FILE}: the key (fingerprint {}) is not the council's (recorded {fp})",
                fingerprint(&file.public)
            )),
            (Ok(None), Some(fp)) => Some(format!("keys/{KEY_FILE}: missing (the council's key has fingerprint {fp})")),
            _ => None,
        }
    }

    /// The key in `data_dir`, opened with `lock`, or made now (protected with `lock`) if the folder
    /// has none yet. Knows nothing of which council the folder holds: use [`CouncilKey::for_council`].
    pub fn load_or_create(data_dir: &DataDir, lock: &KeyLock) -> Result<Self> {
        if read_secret_file(data_dir)?.is_some() {
            return Self::unlock(data_dir, lock);
        }
        let dir = data_dir.keys();
        create_private_dir(&dir)?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::io(&dir, std::io::Error::other(e.to_string())))?;
        let signing = SigningKey::from_bytes(&seed);
        let file = dir.join(KEY_FILE);
        let sealed = seal(&seed, &signing.verifying_key(), lock)?;
        // Written under a temporary name, then linked to the real one: two processes starting at once
        // cannot both make a key, and a crash never leaves half a key under the real name.
        let tmp = dir.join(format!(".{KEY_FILE}.{}.tmp", uuid::Uuid::now_v7()));
        write_private(&tmp, sealed.as_bytes())?;
        let linked = std::fs::hard_link(&tmp, &file);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Self::unlock(data_dir, lock),
            Err(e) => return Err(Error::io(&file, e)),
        }
        let key = Self { signing, file, protection: protection_of(&sealed) };
        key.write_public_file(&dir)?;
        Ok(key)
    }

    /// The council's key in the data folder, opened with `lock` (`None` when there is none). A plain
    /// key (older version) is protected now; a passphrase-protected one moves into the keyring when
    /// this PC has one.
    pub fn load(data_dir: &DataDir, lock: &KeyLock) -> Result<Option<Self>> {
        if read_secret_file(data_dir)?.is_none() {
            return Ok(None);
        }
        Self::unlock(data_dir, lock).map(Some)
    }

    fn unlock(data_dir: &DataDir, lock: &KeyLock) -> Result<Self> {
        let path = data_dir.keys().join(KEY_FILE);
        let file = read_secret_file(data_dir)?.ok_or_else(|| damaged(&path, "vanished while being read"))?;
        let seed = open(&path, &file, lock)?;
        let signing = SigningKey::from_bytes(&seed);
        if signing.verifying_key() != file.public {
            return Err(damaged(&path, "the secret does not match its public key"));
        }
        let mut key = Self { signing, file: path, protection: file.protection };
        // Protected better where it can be: a plain key at all, a passphrase key by the keyring.
        let better = match file.protection {
            Protection::Keyring => None,
            Protection::Passphrase => seal_to_keyring(&seed, &file.public, lock)?,
            Protection::Plain => Some(seal(&seed, &file.public, lock)?),
        };
        if let Some(sealed) = better {
            replace_private(&key.file, sealed.as_bytes())?;
            key.protection = protection_of(&sealed);
        }
        // The public file is derived: rewrite it when it is missing (a hand-over of an older folder).
        if !data_dir.keys().join(PUBLIC_KEY_FILE).exists() {
            key.write_public_file(&data_dir.keys())?;
        }
        Ok(key)
    }

    fn write_public_file(&self, dir: &Path) -> Result<()> {
        let path = dir.join(PUBLIC_KEY_FILE);
        let tmp = dir.join(format!(".{PUBLIC_KEY_FILE}.tmp"));
        std::fs::write(&tmp, format!("{PUBLIC_HEADER}\n{}\n", b64(self.signing.verifying_key().as_bytes())))
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| Error::io(&path, e))
    }

    /// The public half.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as Settings shows it.
    pub fn public_info(&self) -> PublicKeyInfo {
        let public = self.verifying_key();
        PublicKeyInfo {
            public_key: b64(public.as_bytes()),
            fingerprint: fingerprint(&public),
            public_key_file: self.file.with_file_name(PUBLIC_KEY_FILE).display().to_string(),
            protection: self.protection,
        }
    }

    /// Signs `message` (a manifest's bytes).
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }
}

/// The public key of the key in the data folder, read without opening the secret half.
pub fn public_key(data_dir: &DataDir) -> Result<Option<VerifyingKey>> {
    Ok(read_secret_file(data_dir)?.map(|f| f.public))
}

/// The council's public key for Settings, without making or opening one (none yet: `None`).
pub fn public_key_info(data_dir: &DataDir) -> Result<Option<PublicKeyInfo>> {
    Ok(read_secret_file(data_dir)?.map(|f| public_info_of(data_dir, &f)))
}

fn public_info_of(data_dir: &DataDir, file: &SecretFile) -> PublicKeyInfo {
    PublicKeyInfo {
        public_key: b64(file.public.as_bytes()),
        fingerprint: fingerprint(&file.public),
        public_key_file: data_dir.keys().join(PUBLIC_KEY_FILE).display().to_string(),
        protection: file.protection,
    }
}

/// The key files a hand-over carries (relative to `keys/`), with the secret key encrypted under the
/// hand-over's `passphrase`, so that the next officer opens it with the passphrase they were told.
/// A key that `lock` cannot open here (protected by a passphrase not typed) travels as it is: the next
/// officer then needs that key's own passphrase. `None` when the folder has no key.
pub fn for_handover(data_dir: &DataDir, lock: &KeyLock, passphrase: &str) -> Result<Option<Vec<KeyFile>>> {
    let Some(file) = read_secret_file(data_dir)? else { return Ok(None) };
    let path = data_dir.keys().join(KEY_FILE);
    let secret = match open(&path, &file, lock).or_else(|e| match (&e, file.protection) {
        // The key's passphrase is often the hand-over's: try it before carrying the file as it is.
        (Error::KeyLocked { .. }, Protection::Passphrase) => {
            open(&path, &file, &lock.with_passphrase(Some(SecretString::from(passphrase.to_owned()))))
        }
        _ => Err(e),
    }) {
        Ok(seed) => sealed_text(Protection::Passphrase, &file.public, &encrypt_with_passphrase(&seed, passphrase)?),
        Err(Error::KeyLocked { .. }) => std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
        Err(e) => return Err(e),
    };
    let public = format!("{PUBLIC_HEADER}\n{}\n", b64(file.public.as_bytes()));
    Ok(Some(vec![(KEY_FILE.to_owned(), secret.into_bytes()), (PUBLIC_KEY_FILE.to_owned(), public.into_bytes())]))
}

/// Reads `keys/council.ed25519` without opening it (`None` when there is none).
fn read_secret_file(data_dir: &DataDir) -> Result<Option<SecretFile>> {
    let path = data_dir.keys().join(KEY_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Err(damaged(&path, "not text")),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let b64d = |l: &str| base64::engine::general_purpose::STANDARD.decode(l.trim()).ok();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    match lines.next() {
        Some(SECRET_HEADER_V1) => {
            let seed = lines
                .next()
                .and_then(b64d)
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| damaged(&path, "the key is not 32 bytes of base64"))?;
            let public = SigningKey::from_bytes(&seed).verifying_key();
            Ok(Some(SecretFile { protection: Protection::Plain, public, body: seed.to_vec() }))
        }
        Some(SECRET_HEADER) => {
            let protection = match lines.next() {
                Some("protection: keyring") => Protection::Keyring,
                Some("protection: passphrase") => Protection::Passphrase,
                _ => return Err(damaged(&path, "unknown protection")),
            };
            let public = lines
                .next()
                .and_then(|l| l.strip_prefix("public:"))
                .and_then(b64d)
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .and_then(|b| VerifyingKey::from_bytes(&b).ok())
                .ok_or_else(|| damaged(&path, "the public key is not 32 bytes of base64"))?;
            let body = lines.next().and_then(b64d).ok_or_else(|| damaged(&path, "the sealed key is not base64"))?;
            Ok(Some(SecretFile { protection, public, body }))
        }
        _ => Err(damaged(&path, "unknown format")),
    }
}

/// The seed of `file`, opened with `lock`.
fn open(path: &Path, file: &SecretFile, lock: &KeyLock) -> Result<[u8; 32]> {
    let fp = fingerprint(&file.public);
    let plain = match file.protection {
        Protection::Plain => file.body.clone(),
        Protection::Keyring => {
            let account = keyring_account(&file.public);
            let identity = match lock.secrets.get(&account) {
                Ok(Some(secret)) => secret.expose_secret().parse::<age::x25519::Identity>().ok(),
                Ok(None) => None,
                Err(e) => return Err(Error::KeyringClosed { fingerprint: fp, detail: e.to_string() }),
            };
            let Some(identity) = identity else {
                return Err(Error::KeyringClosed { fingerprint: fp, detail: "no entry for this key".into() });
            };
            decrypt(path, &file.body, &identity)?
                .ok_or_else(|| damaged(path, "the keyring's entry does not open it"))?
        }
        Protection::Passphrase => {
            let Some(passphrase) = &lock.passphrase else {
                return Err(Error::KeyLocked { fingerprint: fp, wrong: false });
            };
            let identity = age::scrypt::Identity::new(passphrase.clone());
            decrypt(path, &file.body, &identity)?.ok_or(Error::KeyLocked { fingerprint: fp, wrong: true })?
        }
    };
    <[u8; 32]>::try_from(plain).map_err(|_| damaged(path, "the key is not 32 bytes"))
}

/// `Some(plain)`, or `None` when `identity` does not open `body`.
fn decrypt(path: &Path, body: &[u8], identity: &dyn age::Identity) -> Result<Option<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(body).map_err(|_| damaged(path, "the sealed key is not age"))?;
    let reader = match decryptor.decrypt(std::iter::once(identity)) {
        Ok(r) => r,
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => return Ok(None),
        Err(e) => return Err(damaged(path, &e.to_string())),
    };
    let mut plain = Vec::with_capacity(32);
    reader.take(64).read_to_end(&mut plain).map_err(|e| damaged(path, &e.to_string()))?;
    Ok(Some(plain))
}

/// The key file's text for `seed`: encrypted to a new key kept in the keyring, or — where there is
/// no keyring — under the lock's passphrase (refused when none was typed, or a short one).
fn seal(seed: &[u8; 32], public: &VerifyingKey, lock: &KeyLock) -> Result<String> {
    if let Some(sealed) = seal_to_keyring(seed, public, lock)? {
        return Ok(sealed);
    }
    let Some(passphrase) = &lock.passphrase else { return Err(Error::KeyNeedsPassphrase) };
    if passphrase.expose_secret().chars().count() < MIN_KEY_PASSPHRASE_CHARS {
        return Err(Error::KeyPassphraseShort);
    }
    Ok(sealed_text(Protection::Passphrase, public, &encrypt_with_passphrase(seed, passphrase.expose_secret())?))
}

/// The key file's text for `seed` encrypted to a new key kept in the keyring; `None` when this PC's
/// keyring cannot keep one (checked by reading it back).
fn seal_to_keyring(seed: &[u8; 32], public: &VerifyingKey, lock: &KeyLock) -> Result<Option<String>> {
    let identity = age::x25519::Identity::generate();
    let account = keyring_account(public);
    let stored = SecretString::from(identity.to_string().expose_secret().to_owned());
    let kept = lock.secrets.set(&account, &stored).is_ok()
        && lock.secrets.get(&account).ok().flatten().is_some_and(|s| s.expose_secret() == stored.expose_secret());
    if !kept {
        return Ok(None);
    }
    let recipient = identity.to_public();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| Error::io(Path::new(KEY_FILE), std::io::Error::other(e.to_string())))?;
    Ok(Some(sealed_text(Protection::Keyring, public, &age_encrypt(encryptor, seed)?)))
}

fn encrypt_with_passphrase(seed: &[u8; 32], passphrase: &str) -> Result<Vec<u8>> {
    age_encrypt(age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned())), seed)
}

fn age_encrypt(encryptor: age::Encryptor, plain: &[u8]) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::io(Path::new(KEY_FILE), e);
    let mut out = Vec::with_capacity(512);
    let mut writer = encryptor.wrap_output(&mut out).map_err(io)?;
    writer.write_all(plain).map_err(io)?;
    writer.finish().map_err(io)?;
    Ok(out)
}

fn sealed_text(protection: Protection, public: &VerifyingKey, body: &[u8]) -> String {
    let how = match protection {
        Protection::Keyring => "keyring",
        Protection::Passphrase | Protection::Plain => "passphrase",
    };
    format!("{SECRET_HEADER}\nprotection: {how}\npublic: {}\n{}\n", b64(public.as_bytes()), b64(body))
}

fn protection_of(sealed: &str) -> Protection {
    if sealed.contains("\nprotection: keyring\n") { Protection::Keyring } else { Protection::Passphrase }
}

/// Replaces the secret key file with `bytes` (owner-only), through a synced temporary file.
fn replace_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_file_name(format!(".{KEY_FILE}.{}.tmp", uuid::Uuid::now_v7()));
    write_private(&tmp, bytes)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

fn damaged(file: &Path, detail: &str) -> Error {
    Error::KeyDamaged { path: file.display().to_string(), detail: detail.to_owned() }
}

/// Creates `dir` readable by its owner only (on Unix; on Windows the user's profile folder already
/// keeps other users out).
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// Writes a new file readable by its owner only, synced to disk.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options.open(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::{MemorySecrets, NoKeyring};
    use ed25519_dalek::Verifier as _;

    /// A lock on an in-memory keyring.
    fn keyring() -> KeyLock {
        KeyLock::new(Arc::new(MemorySecrets::new()), None)
    }

    fn no_keyring(passphrase: Option<&str>) -> KeyLock {
        KeyLock::new(Arc::new(NoKeyring), passphrase.map(|p| SecretString::from(p.to_owned())))
    }

    fn seed_b64(key: &CouncilKey) -> String {
        b64(&key.signing.to_bytes())
    }

    #[test]
    fn a_key_is_made_once_and_loaded_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        assert!(public_key_info(&data).expect("info").is_none(), "no key before first use");
        let lock = keyring();
        let key = CouncilKey::load_or_create(&data, &lock).expect("create");
        let again = CouncilKey::load_or_create(&data, &lock).expect("load");
        assert_eq!(key.public_info(), again.public_info(), "the second call loads the same key");
        let sig = again.sign(b"manifest");
        key.verifying_key().verify(b"manifest", &sig).expect("the loaded key signs as the made one");
        let info = public_key_info(&data).expect("info").expect("a key now");
        assert_eq!(info.fingerprint.split(' ').count(), 8, "eight groups of four: {}", info.fingerprint);
        let pub_text = std::fs::read_to_string(&info.public_key_file).expect("public file");
        assert_eq!(parse_public_key(&pub_text), Some(key.verifying_key()), "the .pub file holds the key");
        let leftovers: Vec<_> = std::fs::read_dir(data.keys())
            .expect("keys")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "no temporary files are left behind");
        assert!(!format!("{key:?}").contains(&b64(&key.signing.to_bytes())), "Debug never shows the secret");
    }

    #[cfg(unix)]
    #[test]
    fn the_secret_key_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        CouncilKey::load_or_create(&data, &keyring()).expect("create");
        let mode = std::fs::metadata(data.keys().join(KEY_FILE)).expect("key").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the secret key is owner-only");
        let mode = std::fs::metadata(data.keys()).expect("keys").permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the keys folder is owner-only");
    }

    #[test]
    fn a_damaged_key_is_refused_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        std::fs::create_dir_all(data.keys()).expect("keys");
        std::fs::write(data.keys().join(KEY_FILE), "COUNCIL-DESK-ED25519-SECRET-KEY v1\nAAAA\n").expect("write");
        let err = CouncilKey::load_or_create(&data, &keyring()).expect_err("a damaged key is not silently replaced");
        assert!(matches!(err, Error::KeyDamaged { .. }), "reported as damaged: {err}");
        assert!(err.text().ja.contains("引き継ぎ"), "says where to get it back: {}", err.text().ja);
    }

    #[test]
    fn the_secret_is_never_stored_plain_with_a_keyring() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        let lock = keyring();
        let key = CouncilKey::load_or_create(&data, &lock).expect("create");
        assert_eq!(key.public_info().protection, Protection::Keyring);
        let text = std::fs::read_to_string(data.keys().join(KEY_FILE)).expect("file");
        assert!(!text.contains(&seed_b64(&key)), "the seed is not in the file");
        assert!(text.contains("protection: keyring"), "{text}");
        // Without the keyring's entry the file opens for nobody.
        let err = CouncilKey::load(&data, &keyring()).expect_err("another keyring");
        assert!(matches!(err, Error::KeyringClosed { .. }), "{err:?}");
        assert_eq!(
            public_key_info(&data).expect("info").expect("key").fingerprint,
            key.public_info().fingerprint,
            "the public key is read without opening the secret"
        );
    }

    #[test]
    fn without_a_keyring_the_key_is_protected_by_a_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        let err = CouncilKey::load_or_create(&data, &no_keyring(None)).expect_err("needs a passphrase");
        assert!(matches!(err, Error::KeyNeedsPassphrase), "{err:?}");
        assert!(err.text().ja.contains("8文字以上"), "{}", err.text());
        assert!(!data.keys().join(KEY_FILE).exists(), "no key is left unprotected");
        let err = CouncilKey::load_or_create(&data, &no_keyring(Some("short"))).expect_err("too short");
        assert!(matches!(err, Error::KeyPassphraseShort), "{err:?}");
        let key = CouncilKey::load_or_create(&data, &no_keyring(Some("さくら台の鍵の合言葉"))).expect("create");
        assert_eq!(key.public_info().protection, Protection::Passphrase);
        let text = std::fs::read_to_string(data.keys().join(KEY_FILE)).expect("file");
        assert!(!text.contains(&seed_b64(&key)) && text.contains("protection: passphrase"), "{text}");
        let locked = CouncilKey::load(&data, &no_keyring(None)).expect_err("locked");
        assert!(matches!(locked, Error::KeyLocked { wrong: false, .. }), "{locked:?}");
        let wrong = CouncilKey::load(&data, &no_keyring(Some("ちがう合言葉です"))).expect_err("wrong");
        assert!(matches!(wrong, Error::KeyLocked { wrong: true, .. }), "{wrong:?}");
        let opened = CouncilKey::load(&data, &no_keyring(Some("さくら台の鍵の合言葉"))).expect("open").expect("key");
        assert_eq!(opened.verifying_key(), key.verifying_key());
        // On a PC with a keyring, the key opened with its passphrase moves into the keyring.
        let lock = keyring();
        let moved =
            CouncilKey::load(&data, &lock.with_passphrase(Some(SecretString::from("さくら台の鍵の合言葉".to_owned()))))
                .expect("open")
                .expect("key");
        assert_eq!(moved.public_info().protection, Protection::Keyring);
        let again = CouncilKey::load(&data, &lock).expect("no passphrase needed now").expect("key");
        assert_eq!(again.verifying_key(), key.verifying_key());
    }

    #[test]
    fn a_plain_key_from_an_older_version_is_protected_at_its_next_use() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        create_private_dir(&data.keys()).expect("keys");
        let seed = [5u8; 32];
        std::fs::write(data.keys().join(KEY_FILE), format!("{SECRET_HEADER_V1}\n{}\n", b64(&seed))).expect("v1");
        assert_eq!(public_key_info(&data).expect("info").expect("key").protection, Protection::Plain);
        let lock = keyring();
        let key = CouncilKey::load(&data, &lock).expect("load").expect("key");
        assert_eq!(key.verifying_key(), SigningKey::from_bytes(&seed).verifying_key(), "the same key");
        assert_eq!(key.public_info().protection, Protection::Keyring);
        let text = std::fs::read_to_string(data.keys().join(KEY_FILE)).expect("file");
        assert!(!text.contains(&b64(&seed)), "the plain seed is gone from the file");
    }

    #[test]
    fn a_hand_over_carries_the_key_under_its_own_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        let lock = keyring();
        let key = CouncilKey::load_or_create(&data, &lock).expect("create");
        let files = for_handover(&data, &lock, "引き継ぎの合言葉2027").expect("carry").expect("a key");
        let secret =
            String::from_utf8(files.iter().find(|(n, _)| n == KEY_FILE).expect("secret").1.clone()).expect("text");
        assert!(secret.contains("protection: passphrase") && !secret.contains(&seed_b64(&key)), "{secret}");
        // The next PC (no keyring) opens it with the hand-over's passphrase.
        let next = tempfile::tempdir().expect("tempdir");
        let next = DataDir::at(next.path());
        create_private_dir(&next.keys()).expect("keys");
        for (name, bytes) in &files {
            std::fs::write(next.keys().join(name), bytes).expect("write");
        }
        let opened = CouncilKey::load(&next, &no_keyring(Some("引き継ぎの合言葉2027"))).expect("open").expect("key");
        assert_eq!(opened.verifying_key(), key.verifying_key());
    }
}
