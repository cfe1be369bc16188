//! Who sent a package: the city's list of the councils it knows and the key each signs with.
//!
//! A valid signature only says that *some* key signed the manifest. Whether that key is the
//! council's is decided here, for the council the (signed) manifest names by its stable ID:
//!
//! - the key was given (`council verify --key`, the key the council registered with the city): the
//!   package must be signed with it, and the list remembers it as confirmed;
//! - the council is in the list: the package must be signed with the key remembered for it — another
//!   key is refused, naming both fingerprints (a council that really made a new key tells the city,
//!   which then gives it with `--key`);
//! - the council is new: its key is remembered (trust on first use), and the answer is "signature
//!   valid, sender not confirmed" until someone compares the fingerprint with the council by phone
//!   and gives the key once.
//!
//! The list is a small JSON file (`known-councils.json` in the user's settings folder unless
//! another is named), read with a size limit and written through a temporary file and a rename.
use std::path::{Path, PathBuf};

use council_domain::text::Text;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keys::{b64, fingerprint, parse_public_key};
use crate::manifest::Manifest;

/// The largest list file read (far more than any city's councils).
const MAX_LIST_BYTES: u64 = 4 * 1024 * 1024;

/// One council the city knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownCouncil {
    /// The council's stable ID, as its manifests carry it.
    pub id: String,
    /// Its name when last seen.
    pub name: String,
    /// Its city when last seen.
    pub city: String,
    /// The public key it signs with (base64).
    pub public_key: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// When the key was first seen or given (RFC 3339).
    pub since: String,
    /// True once the key was given by hand (compared with the council); false while it is only
    /// remembered from the first package.
    pub confirmed: bool,
}

/// What the list says about a package's sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "sender", rename_all = "snake_case")]
pub enum Sender {
    /// Signed with the key given for this check (and now remembered as the council's).
    GivenKey,
    /// Signed with the key the list holds for this council, confirmed by hand once.
    Confirmed {
        /// Since when the key is known.
        since: String,
    },
    /// Signed with the key remembered from this council's first package, which nobody has
    /// compared with the council yet: not confirmed.
    RememberedOnly {
        /// Since when the key is remembered.
        since: String,
    },
    /// The council's first package: its key is now remembered, but who sent it is not confirmed.
    FirstSeen,
}

impl Sender {
    /// True when the sender is confirmed: the key was given now or before.
    pub fn confirmed(&self) -> bool {
        matches!(self, Sender::GivenKey | Sender::Confirmed { .. })
    }

    /// The sentence for the person checking, with the fingerprint to compare by phone.
    pub fn describe(&self, council: &str, fp: &str) -> Text {
        match self {
            Sender::GivenKey => Text::new(
                format!("指定された鍵（{council}の登録鍵）で署名されています。"),
                format!("Signed with the key given ({council}'s registered key)."),
            ),
            Sender::Confirmed { since } => Text::new(
                format!("{council}の確認済みの鍵（{since} から）で署名されています。"),
                format!("Signed with {council}'s confirmed key (known since {since})."),
            ),
            Sender::RememberedOnly { since } => Text::new(
                format!(
                    "署名は有効ですが、送り主は未確認です: {council}の最初のパッケージ（{since}）と同じ鍵ですが、まだ誰も確かめていません。指紋 {fp} を自治会に電話で確かめ、--key でその鍵を指定してください。"
                ),
                format!(
                    "The signature is valid but the sender is not confirmed: the same key as {council}'s first package ({since}), which nobody has confirmed yet. Compare the fingerprint {fp} with the council by phone, then give the key with --key."
                ),
            ),
            Sender::FirstSeen => Text::new(
                format!(
                    "署名は有効ですが、送り主は未確認です: {council}のパッケージは初めてです。鍵を覚えました。指紋 {fp} を自治会に電話で確かめ、--key でその鍵を指定してください。"
                ),
                format!(
                    "The signature is valid but the sender is not confirmed: this is {council}'s first package. Its key is now remembered. Compare the fingerprint {fp} with the council by phone, then give the key with --key."
                ),
            ),
        }
    }
}

/// The councils a city knows, kept in one file.
#[derive(Debug)]
pub struct KnownCouncils {
    path: PathBuf,
    councils: Vec<KnownCouncil>,
}

#[derive(Serialize, Deserialize)]
struct ListFile {
    councils: Vec<KnownCouncil>,
}

impl KnownCouncils {
    /// The list's usual place: `known-councils.json` in the user's settings folder.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|d| d.join("council-desk").join("known-councils.json"))
    }

    /// Reads the list at `path` (empty when there is no file yet). A damaged list is refused, not
    /// replaced: it may be the only record of which keys were confirmed.
    pub fn load(path: &Path) -> Result<Self> {
        let damaged = || {
            Error::Config(Text::new(
                format!(
                    "自治会の鍵の一覧「{}」が壊れています。ほかの場所に移すか直してから、もう一度確かめてください。",
                    path.display()
                ),
                format!(
                    "The list of councils' keys “{}” is damaged. Move it aside or repair it, then check again.",
                    path.display()
                ),
            ))
        };
        let councils = match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(path, e)),
            Ok(m) if m.len() > MAX_LIST_BYTES => return Err(damaged()),
            Ok(_) => {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                let list: ListFile = serde_json::from_slice(&bytes).map_err(|_| damaged())?;
                if list.councils.iter().any(|c| parse_public_key(&c.public_key).is_none()) {
                    return Err(damaged());
                }
                list.councils
            }
        };
        Ok(Self { path: path.to_owned(), councils })
    }

    /// The councils in the list.
    pub fn councils(&self) -> &[KnownCouncil] {
        &self.councils
    }

    /// Decides who sent a package whose manifest is `manifest`, signed with `signer`; `given` is the
    /// key given for this check. Refuses a key other than the one given or remembered. Remembers a
    /// new council's key and a given key (call [`KnownCouncils::save`] afterwards).
    pub fn judge(
        &mut self,
        manifest: &Manifest,
        signer: &VerifyingKey,
        given: Option<&VerifyingKey>,
        now: &str,
    ) -> Result<Sender> {
        let council = &manifest.council;
        let fp = fingerprint(signer);
        let entry = |confirmed: bool| KnownCouncil {
            id: council.id.clone(),
            name: council.name.clone(),
            city: council.city.clone(),
            public_key: b64(signer.as_bytes()),
            fingerprint: fp.clone(),
            since: now.to_owned(),
            confirmed,
        };
        let position = self.councils.iter().position(|c| c.id == council.id);
        if let Some(given) = given {
            if given != signer {
                return Err(Error::Refused(Text::new(
                    format!(
                        "このパッケージは受け付けられません: 指定された鍵（指紋 {}）ではなく、別の鍵（指紋 {fp}）で署名されています。",
                        fingerprint(given)
                    ),
                    format!(
                        "This package is refused: it is signed with another key (fingerprint {fp}), not the one given (fingerprint {}).",
                        fingerprint(given)
                    ),
                )));
            }
            match position {
                Some(i) if self.councils[i].public_key == b64(signer.as_bytes()) && self.councils[i].confirmed => {}
                Some(i) => self.councils[i] = entry(true),
                None => self.councils.push(entry(true)),
            }
            return Ok(Sender::GivenKey);
        }
        let Some(i) = position else {
            self.councils.push(entry(false));
            return Ok(Sender::FirstSeen);
        };
        let known = &self.councils[i];
        if known.public_key != b64(signer.as_bytes()) {
            return Err(Error::Refused(Text::new(
                format!(
                    "このパッケージは受け付けられません: {} の鍵は指紋 {} のはずですが、別の鍵（指紋 {fp}）で署名されています。自治会が鍵を作り直したのなら、新しい指紋を電話で確かめ、--key でその鍵を指定してください。",
                    known.name, known.fingerprint
                ),
                format!(
                    "This package is refused: {}'s key has the fingerprint {}, but this is signed with another key (fingerprint {fp}). If the council made a new key, confirm its fingerprint by phone and give it with --key.",
                    known.name, known.fingerprint
                ),
            )));
        }
        let since = known.since.clone();
        Ok(if known.confirmed { Sender::Confirmed { since } } else { Sender::RememberedOnly { since } })
    }

    /// Writes the list back (through a temporary file and a rename).
    pub fn save(&self) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(&ListFile { councils: self.councils.clone() })
            .map_err(|e| Error::io(&self.path, std::io::Error::other(e)))?;
        crate::outbox::write_atomic(&self.path, &bytes)
    }
}
