//! The council's signing key: one Ed25519 key per council, made on first use and kept in the data
//! folder as `keys/council.ed25519` (owner-only permissions), so a hand-over carries it to the next
//! officer's PC and the city goes on recognising the council's packages.
//!
//! The city registers the public key once (Settings shows it, with a fingerprint short enough to read
//! out over the phone); it then checks every package's `manifest.sig` against it.
//!
//! Files (both text, one line after a header line):
//!
//! ```text
//! keys/council.ed25519      COUNCIL-DESK-ED25519-SECRET-KEY v1 / base64 of the 32-byte seed
//! keys/council.ed25519.pub  COUNCIL-DESK-ED25519-PUBLIC-KEY v1 / base64 of the 32-byte public key
//! ```
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use council_domain::Session;
use council_store::data_dir::DataDir;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The secret key's file name inside `keys/`.
pub const KEY_FILE: &str = "council.ed25519";
/// The public key's file name inside `keys/` (safe to hand to the city).
pub const PUBLIC_KEY_FILE: &str = "council.ed25519.pub";
const SECRET_HEADER: &str = "COUNCIL-DESK-ED25519-SECRET-KEY v1";
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
}

/// The council's signing key, loaded.
pub struct CouncilKey {
    signing: SigningKey,
    file: PathBuf,
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
    /// gets one now, recorded in its data.
    pub fn for_council(session: &Session) -> Result<Self> {
        let recorded = session.read(|r| council_domain::settings::signing_key(r))?;
        match (Self::load(session.dir())?, recorded) {
            (Some(key), Some(fp)) if key.public_info().fingerprint == fp => Ok(key),
            (Some(key), Some(fp)) => Err(Error::KeyNotOurs { found: key.public_info().fingerprint, recorded: fp }),
            (Some(key), None) => {
                // A key made before keys were recorded: it is the council's.
                let fp = key.public_info().fingerprint;
                session.write(|w| council_domain::settings::set_signing_key(w, &fp))?;
                Ok(key)
            }
            (None, Some(fp)) => Err(Error::KeyMissing { recorded: fp }),
            (None, None) => {
                let key = Self::load_or_create(session.dir())?;
                let fp = key.public_info().fingerprint;
                session.write(|w| council_domain::settings::set_signing_key(w, &fp))?;
                Ok(key)
            }
        }
    }

    /// Makes the council a new key, on purpose: the one in the data folder (if any) is kept in
    /// `backups/keys-replaced-<time>/`, and the city must register the new one before it accepts
    /// packages signed with it.
    pub fn replace_for_council(session: &Session) -> Result<Self> {
        let keys = session.dir().keys();
        if keys.exists() {
            let kept =
                session.dir().backups().join(format!("keys-replaced-{}", session.now().format("%Y%m%dT%H%M%SZ")));
            std::fs::create_dir_all(session.dir().backups()).map_err(|e| Error::io(&kept, e))?;
            std::fs::rename(&keys, &kept).map_err(|e| Error::io(&kept, e))?;
        }
        let key = Self::load_or_create(session.dir())?;
        let fp = key.public_info().fingerprint;
        session.write(|w| council_domain::settings::set_signing_key(w, &fp))?;
        Ok(key)
    }

    /// Whether the key in the data folder is the one the council's data records (`recorded`, read with
    /// [`council_domain::settings::signing_key`]); what is wrong if not, for `council check`. Nothing is
    /// made or changed.
    pub fn check(data_dir: &DataDir, recorded: Option<String>) -> Option<String> {
        match (Self::load(data_dir), recorded) {
            (Err(e), _) => Some(e.text().en),
            (Ok(Some(key)), Some(fp)) if key.public_info().fingerprint != fp => Some(format!(
                "keys/{KEY_FILE}: the key (fingerprint {}) is not the council's (recorded {fp})",
                key.public_info().fingerprint
            )),
            (Ok(None), Some(fp)) => Some(format!("keys/{KEY_FILE}: missing (the council's key has fingerprint {fp})")),
            _ => None,
        }
    }

    /// The key in `data_dir`, made now (and saved) if the folder has none yet. Knows nothing of which
    /// council the folder holds: use [`CouncilKey::for_council`].
    pub fn load_or_create(data_dir: &DataDir) -> Result<Self> {
        if let Some(key) = Self::load(data_dir)? {
            return Ok(key);
        }
        let dir = data_dir.keys();
        create_private_dir(&dir)?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::io(&dir, std::io::Error::other(e.to_string())))?;
        let signing = SigningKey::from_bytes(&seed);
        let file = dir.join(KEY_FILE);
        // Written under a temporary name, then linked to the real one: two processes starting at once
        // cannot both make a key, and a crash never leaves half a key under the real name.
        let tmp = dir.join(format!(".{KEY_FILE}.{}.tmp", uuid::Uuid::now_v7()));
        write_private(&tmp, format!("{SECRET_HEADER}\n{}\n", b64(&seed)).as_bytes())?;
        let linked = std::fs::hard_link(&tmp, &file);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Self::load(data_dir)?.ok_or_else(|| damaged(&file, "vanished while being read"));
            }
            Err(e) => return Err(Error::io(&file, e)),
        }
        let key = Self { signing, file };
        key.write_public_file(&dir)?;
        Ok(key)
    }

    /// The council's key, if the data folder has one.
    pub fn load(data_dir: &DataDir) -> Result<Option<Self>> {
        let file = data_dir.keys().join(KEY_FILE);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Err(damaged(&file, "not text")),
            Err(e) => return Err(Error::io(&file, e)),
        };
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(SECRET_HEADER) {
            return Err(damaged(&file, "unknown format"));
        }
        let seed = lines
            .next()
            .and_then(|l| base64::engine::general_purpose::STANDARD.decode(l.trim()).ok())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| damaged(&file, "the key is not 32 bytes of base64"))?;
        let key = Self { signing: SigningKey::from_bytes(&seed), file };
        // The public file is derived: rewrite it when it is missing (a hand-over of an older folder).
        if !data_dir.keys().join(PUBLIC_KEY_FILE).exists() {
            key.write_public_file(&data_dir.keys())?;
        }
        Ok(Some(key))
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
        }
    }

    /// Signs `message` (a manifest's bytes).
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }
}

/// The council's public key for Settings, without making one (none yet: `None`).
pub fn public_key_info(data_dir: &DataDir) -> Result<Option<PublicKeyInfo>> {
    Ok(CouncilKey::load(data_dir)?.map(|k| k.public_info()))
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
    use ed25519_dalek::Verifier as _;

    #[test]
    fn a_key_is_made_once_and_loaded_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = DataDir::at(dir.path());
        assert!(public_key_info(&data).expect("info").is_none(), "no key before first use");
        let key = CouncilKey::load_or_create(&data).expect("create");
        let again = CouncilKey::load_or_create(&data).expect("load");
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
        CouncilKey::load_or_create(&data).expect("create");
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
        let err = CouncilKey::load_or_create(&data).expect_err("a damaged key is not silently replaced");
        assert!(matches!(err, Error::KeyDamaged { .. }), "reported as damaged: {err}");
        assert!(err.text().ja.contains("引き継ぎ"), "says where to get it back: {}", err.text().ja);
    }
}
