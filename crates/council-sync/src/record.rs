//! A change record as it travels: one committed write of one PC, signed by that PC and encrypted for
//! the council.
//!
//! Plain form: the magic line, the header's length (4 bytes, little-endian), the header (JSON), the
//! changeset (SQLite's session format), then the device's Ed25519 signature over everything before
//! it. That plain form is encrypted with age to the council's key. The header names the sharing (a
//! record from another council is refused), the device, its number in the device's sequence, the
//! hybrid logical clock, the schema version, the officer, the history lines of the write, and the
//! SHA-256 of the device's previous record (a record left out or replaced breaks the chain).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::Keys;

const MAGIC: &[u8] = b"COUNCIL-DESK-RECORD 1\n";
const BUNDLE_MAGIC: &[u8] = b"COUNCIL-DESK-RECORDS 1\n";

/// A record's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The sharing (one council's) it belongs to.
    pub sharing: String,
    /// The device that made it.
    pub device: String,
    /// Its number in that device's sequence, from 1.
    pub seq: i64,
    /// The hybrid logical clock when it was made.
    pub clock: i64,
    /// The schema version it was made with.
    pub schema: i64,
    /// The officer at the keyboard.
    pub officer: String,
    /// The history lines the write recorded (JSON array).
    pub history: String,
    /// SHA-256 (hex) of the device's previous record in plain form; empty for the first.
    pub prev: String,
    /// The write with the roster's personal details in, encrypted to the PCs that keep the roster
    /// ([`crate::personal`]); empty when the changeset and history hold none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub personal: String,
}

/// A record: header and changeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Who, when, which.
    pub header: Header,
    /// What changed.
    pub changeset: Vec<u8>,
}

/// A record read back from its file, before its signature is checked against the device list.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The record.
    pub record: Record,
    /// The header exactly as it was signed.
    pub header_bytes: Vec<u8>,
    /// The signature.
    pub signature: [u8; 64],
    /// SHA-256 (hex) of the whole plain form: the next record's `prev`.
    pub hash: String,
}

impl Record {
    /// The plain, signed form.
    pub fn plain(&self, keys: &Keys) -> Vec<u8> {
        plain_from(&serde_json::to_vec(&self.header).unwrap_or_default(), &self.changeset, keys)
    }

    /// The file's bytes: the plain form encrypted for the council.
    pub fn seal(&self, keys: &Keys) -> Result<Vec<u8>> {
        seal(&self.plain(keys), keys)
    }
}

/// A record's plain form from its header as first written (kept, since its sealed part is not made
/// the same way twice) and its changeset.
pub fn plain_from(header: &[u8], changeset: &[u8], keys: &Keys) -> Vec<u8> {
    let mut out = signed_part(header, changeset);
    let signature = keys.sign(&out);
    out.extend_from_slice(&signature);
    out
}

/// The part of a record's plain form its signature covers: the magic line, the header's length,
/// the header as received, and the changeset.
pub fn signed_part(header: &[u8], changeset: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + header.len() + changeset.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(changeset);
    out
}

/// The plain form of a device's records sent together in one file (one sync's worth): each
/// record's plain form, its length first. Each record keeps its own signature and its link to the
/// one before, so one changed record is refused on its own, and the file is encrypted once.
pub fn bundle<'a>(plains: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = BUNDLE_MAGIC.to_vec();
    for plain in plains {
        out.extend_from_slice(&(plain.len() as u32).to_le_bytes());
        out.extend_from_slice(plain);
    }
    out
}

/// The records' plain forms in a file's plain form: a single record, or several sent together.
pub fn unbundle(plain: &[u8]) -> Result<Vec<&[u8]>, &'static str> {
    const BROKEN: &str = "記録の束の形が壊れています";
    if plain.starts_with(MAGIC) {
        return Ok(vec![plain]);
    }
    let mut rest = plain.strip_prefix(BUNDLE_MAGIC).ok_or(BROKEN)?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = rest.split_first_chunk::<4>().ok_or(BROKEN)?;
        let len = u32::from_le_bytes(*len) as usize;
        if len > tail.len() {
            return Err(BROKEN);
        }
        out.push(&tail[..len]);
        rest = &tail[len..];
    }
    Ok(out)
}

/// The name of the file holding a device's records `first..=last` (`0000000007.rec` for one).
pub fn file_name(first: i64, last: i64) -> String {
    if first == last { format!("{first:010}.rec") } else { format!("{first:010}-{last:010}.rec") }
}

/// The records a file name says it holds; `None` for a name that is not a record file's (a
/// temporary upload, or a range no PC would write).
pub fn file_range(name: &str) -> Option<(i64, i64)> {
    let stem = name.strip_suffix(".rec")?;
    let (first, last) = match stem.split_once('-') {
        Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
        None => {
            let seq: i64 = stem.parse().ok()?;
            (seq, seq)
        }
    };
    (first >= 1 && first <= last && last - first < MAX_IN_FILE as i64).then_some((first, last))
}

/// The most records one file holds.
pub const MAX_IN_FILE: usize = 2000;

/// Encrypts `plain` to the council's key.
pub fn seal(plain: &[u8], keys: &Keys) -> Result<Vec<u8>> {
    age::encrypt(&keys.council.to_public(), plain)
        .map_err(|e| Error::Store(std::io::Error::other(e.to_string()).into()))
}

/// Decrypts a file's bytes with the council's key.
pub fn unseal(bytes: &[u8], keys: &Keys) -> Result<Vec<u8>, &'static str> {
    age::decrypt(&keys.council, bytes).map_err(|_| "暗号を解けません（別の自治会のものか、壊れています）")
}

/// SHA-256 in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads a record's plain form. The reason it is refused, in words, when it is not one.
pub fn open(plain: &[u8]) -> Result<Opened, &'static str> {
    const BROKEN: &str = "記録の形が壊れています";
    let rest = plain.strip_prefix(MAGIC).ok_or(BROKEN)?;
    if rest.len() < 4 + 64 {
        return Err(BROKEN);
    }
    let len = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    let body = &rest[4..rest.len() - 64];
    if len > body.len() {
        return Err(BROKEN);
    }
    let header: Header = serde_json::from_slice(&body[..len]).map_err(|_| BROKEN)?;
    let changeset = body[len..].to_vec();
    let signed_len = plain.len() - 64;
    let signature: [u8; 64] = plain[signed_len..].try_into().map_err(|_| BROKEN)?;
    Ok(Opened {
        record: Record { header, changeset },
        header_bytes: body[..len].to_vec(),
        signature,
        hash: sha256_hex(plain),
    })
}
