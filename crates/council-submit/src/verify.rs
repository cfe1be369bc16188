//! Checking a package as the city does: the signature over `manifest.json`, then every file against
//! the manifest's size and SHA-256, reporting precisely what was changed, is missing, or was added.
//!
//! The reader is hardened, because a package arrives from outside: it never extracts anything to
//! disk, and it refuses — with a message saying what is wrong — archives that are too big or hold too
//! many entries, names that are absolute, climb out with `..`, use backslashes or drive letters, or
//! appear twice (also when only upper/lower case differs), entries whose declared size is huge or
//! whose real size differs from the declared one, encrypted entries, data hidden before the archive,
//! between its entries, after its end or in a comment, a manifest of an unknown format, a signature
//! that does not match (or that was made with a key other than the council's registered one), and a
//! manifest that names another key than the one that signed it. Who the sender is — the key given,
//! remembered from the council's first package, or not confirmed yet — is [`crate::known`]'s part.
//!
//! What is refused comes back as [`Error::Refused`]; a package whose manifest is genuine but whose
//! files do not match it comes back as a [`VerifyReport`] with `ok: false` and every difference.
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;

use base64::Engine as _;
use council_domain::text::Text;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keys::fingerprint;
use crate::manifest::{
    FORMAT_NAME, FORMAT_VERSION, MANIFEST_PATH, Manifest, SIGNATURE_ALGORITHM, SIGNATURE_PATH, SignatureFile,
};
use crate::package::{MAX_PACKAGE_BYTES, valid_part_path};

/// The most entries a package may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The largest declared size of one entry.
pub const MAX_ENTRY_BYTES: u64 = MAX_PACKAGE_BYTES;
/// The largest declared size of all entries together.
pub const MAX_TOTAL_BYTES: u64 = 2 * MAX_PACKAGE_BYTES;
/// The largest `manifest.json` / `manifest.sig`.
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// How one file of the package compares with the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Present, with the manifest's size and SHA-256.
    Ok,
    /// Present, but its content differs from what was signed.
    Changed {
        /// Its size now.
        #[ts(type = "number")]
        actual_size: u64,
        /// Its SHA-256 now.
        actual_sha256: String,
    },
    /// Listed in the manifest but not in the zip.
    Missing,
    /// Present, but its data cannot be read back (it fails the zip's own checksum): damaged or
    /// altered after signing.
    Damaged {
        /// What the zip reader said.
        detail: String,
    },
}

/// One file of the manifest, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckedFile {
    /// Its path in the zip.
    pub path: String,
    /// What it is.
    pub title: Text,
    /// Its size as signed.
    #[ts(type = "number")]
    pub size: u64,
    /// Its SHA-256 as signed.
    pub sha256: String,
    /// How it compares.
    pub status: FileStatus,
}

/// Who signed the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signer {
    /// The public key the signature was made with (base64).
    pub public_key: String,
    /// Its fingerprint, to compare with the one the council registered.
    pub fingerprint: String,
    /// True when the caller gave the registered key and it is this one; `None` when no key was given
    /// (then only the fingerprint tells who signed).
    pub registered: Option<bool>,
}

/// The outcome of checking a package whose signature is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    /// True when every file matches the signed manifest and nothing was added.
    pub ok: bool,
    /// The signed manifest.
    pub manifest: Manifest,
    /// The signer.
    pub signer: Signer,
    /// Every file of the manifest, checked.
    pub files: Vec<CheckedFile>,
    /// Entries in the zip that the manifest does not list.
    pub extra: Vec<String>,
    /// Each problem found, in words (empty when `ok`).
    pub problems: Vec<Text>,
}

fn refused(ja: String, en: String) -> Error {
    Error::Refused(Text::new(
        format!("このパッケージは受け付けられません: {ja}"),
        format!("This package is refused: {en}"),
    ))
}

/// Checks the package file at `path`. With `registered`, the signature must be made with that key.
pub fn verify_file(path: &Path, registered: Option<&VerifyingKey>) -> Result<VerifyReport> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    verify_reader(std::io::BufReader::new(file), len, registered)
}

/// Checks a package held in memory (the fuzz target's way in).
pub fn verify_bytes(bytes: &[u8], registered: Option<&VerifyingKey>) -> Result<VerifyReport> {
    verify_reader(std::io::Cursor::new(bytes), bytes.len() as u64, registered)
}

/// Checks a package of `len` bytes read from `reader`.
pub fn verify_reader<R: Read + Seek>(reader: R, len: u64, registered: Option<&VerifyingKey>) -> Result<VerifyReport> {
    if len > MAX_PACKAGE_BYTES {
        return Err(refused(
            format!("ファイルが大きすぎます（{} MB、上限 {} MB）。", len / 1_048_576, MAX_PACKAGE_BYTES / 1_048_576),
            format!(
                "the file is too large ({} MB; the limit is {} MB).",
                len / 1_048_576,
                MAX_PACKAGE_BYTES / 1_048_576
            ),
        ));
    }
    let mut reader = reader;
    check_archive_end(&mut reader, len)?;
    // The archive must start at the file's first byte: data hidden in front of it is refused.
    let config = zip::read::Config { archive_offset: zip::read::ArchiveOffset::Known(0) };
    let mut zip = zip::ZipArchive::with_config(config, reader).map_err(|e| {
        refused(
            format!("zip ファイルとして読めません（{e}）。壊れているか、パッケージではありません。"),
            format!("it cannot be read as a zip file ({e}). It is damaged or not a package."),
        )
    })?;
    let entries = check_entries(&mut zip)?;
    let manifest_bytes = read_entry(&mut zip, &entries, MANIFEST_PATH, MAX_MANIFEST_BYTES)?.ok_or_else(|| {
        refused(
            "manifest.json がありません。地域協働デスクの提出パッケージではありません。".into(),
            "it has no manifest.json; it is not a Council Desk submission package.".into(),
        )
    })?;
    let signature_bytes = read_entry(&mut zip, &entries, SIGNATURE_PATH, MAX_MANIFEST_BYTES)?.ok_or_else(|| {
        refused(
            "署名（manifest.sig）がありません。誰が作ったか確かめられません。".into(),
            "it has no signature (manifest.sig), so who made it cannot be checked.".into(),
        )
    })?;
    let signer = check_signature(&manifest_bytes, &signature_bytes, registered)?;
    let manifest = parse_manifest(&manifest_bytes)?;
    if manifest.key_fingerprint != signer.fingerprint {
        return Err(refused(
            format!(
                "manifest.json は鍵（指紋 {}）の自治会のものと書かれていますが、別の鍵（指紋 {}）で署名されています。作り替えられたおそれがあります。",
                manifest.key_fingerprint, signer.fingerprint
            ),
            format!(
                "manifest.json names the council's key as fingerprint {}, but it is signed with another key (fingerprint {}); it may have been re-signed by someone else.",
                manifest.key_fingerprint, signer.fingerprint
            ),
        ));
    }

    let mut files = Vec::with_capacity(manifest.files.len());
    let mut problems = Vec::new();
    for f in &manifest.files {
        let status = match entries.get(f.path.as_str()) {
            None => {
                problems.push(Text::new(
                    format!("「{}」（{}）がありません。", f.path, f.title.ja),
                    format!("“{}” ({}) is missing.", f.path, f.title.en),
                ));
                FileStatus::Missing
            }
            Some(&index) => match read_checked(&mut zip, index, &f.path, MAX_ENTRY_BYTES)? {
                Err(detail) => {
                    problems.push(Text::new(
                        format!(
                            "「{}」（{}）が壊れているか、署名後に変更されています（{detail}）。",
                            f.path, f.title.ja
                        ),
                        format!("“{}” ({}) is damaged or was changed after signing ({detail}).", f.path, f.title.en),
                    ));
                    FileStatus::Damaged { detail }
                }
                Ok(bytes) => {
                    let actual_sha256 = hex::encode(Sha256::digest(&bytes));
                    if bytes.len() as u64 == f.size && actual_sha256 == f.sha256 {
                        FileStatus::Ok
                    } else {
                        problems.push(Text::new(
                            format!(
                                "「{}」（{}）が署名後に変更されています（大きさ {} → {} バイト）。",
                                f.path,
                                f.title.ja,
                                f.size,
                                bytes.len()
                            ),
                            format!(
                                "“{}” ({}) was changed after signing (size {} → {} bytes).",
                                f.path,
                                f.title.en,
                                f.size,
                                bytes.len()
                            ),
                        ));
                        FileStatus::Changed { actual_size: bytes.len() as u64, actual_sha256 }
                    }
                }
            },
        };
        files.push(CheckedFile {
            path: f.path.clone(),
            title: f.title.clone(),
            size: f.size,
            sha256: f.sha256.clone(),
            status,
        });
    }
    let listed: HashSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let mut extra: Vec<String> = entries
        .keys()
        .filter(|name| **name != MANIFEST_PATH && **name != SIGNATURE_PATH && !listed.contains(name.as_str()))
        .cloned()
        .collect();
    extra.sort();
    for name in &extra {
        problems.push(Text::new(
            format!("署名された一覧にないファイル「{name}」が加えられています。"),
            format!("“{name}” was added: it is not in the signed list."),
        ));
    }
    if signer.registered == Some(false) {
        // check_signature refuses this case; kept here so a report can never say ok for it.
        problems.push(Text::new("登録された鍵の署名ではありません。", "Not signed with the registered key."));
    }
    Ok(VerifyReport { ok: problems.is_empty(), manifest, signer, files, extra, problems })
}

/// The length of the end-of-central-directory record without its comment.
const END_RECORD_LEN: u64 = 22;

/// Refuses bytes after the archive's end and an archive comment: the end-of-central-directory record
/// must be the file's last 22 bytes, with no comment, right after the central directory it points
/// to. Nothing outside the signed entries can then travel with a package.
fn check_archive_end<R: Read + Seek>(reader: &mut R, len: u64) -> Result<()> {
    let outside = || {
        refused(
            "zip の終わりの後ろか注釈に、署名されていないデータがあります。作り替えられたおそれがあります。".into(),
            "it carries data after the end of the zip or in its comment, outside what is signed; it may have been tampered with."
                .into(),
        )
    };
    let not_zip = || {
        refused(
            "zip ファイルとして読めません。壊れているか、パッケージではありません。".into(),
            "it cannot be read as a zip file. It is damaged or not a package.".into(),
        )
    };
    if len < END_RECORD_LEN {
        return Err(not_zip());
    }
    let mut end = [0u8; END_RECORD_LEN as usize];
    let io = |e: std::io::Error| {
        refused(format!("ファイルを読めません（{e}）。"), format!("the file cannot be read ({e})."))
    };
    reader.seek(std::io::SeekFrom::Start(len - END_RECORD_LEN)).map_err(io)?;
    reader.read_exact(&mut end).map_err(io)?;
    reader.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([end[i], end[i + 1], end[i + 2], end[i + 3]]));
    if end[..4] != *b"PK\x05\x06" {
        // A package's zip always ends with this record; anything else after it was added.
        return if len > END_RECORD_LEN && contains_end_record(reader, len)? { Err(outside()) } else { Err(not_zip()) };
    }
    let comment_len = u16::from_le_bytes([end[20], end[21]]);
    let (directory_size, directory_offset) = (u32_at(12), u32_at(16));
    // Zip64 (offsets of 0xFFFFFFFF) is never needed for a package within its size limit.
    if comment_len != 0 || directory_offset.saturating_add(directory_size) != len - END_RECORD_LEN {
        return Err(outside());
    }
    Ok(())
}

/// Whether an end-of-central-directory signature occurs in the file's last 64 KiB + 22 bytes (the
/// furthest a zip reader looks): the file is a zip with something appended.
fn contains_end_record<R: Read + Seek>(reader: &mut R, len: u64) -> Result<bool> {
    let span = len.min(65_535 + END_RECORD_LEN);
    let mut tail = vec![0u8; span as usize];
    let io = |e: std::io::Error| {
        refused(format!("ファイルを読めません（{e}）。"), format!("the file cannot be read ({e})."))
    };
    reader.seek(std::io::SeekFrom::Start(len - span)).map_err(io)?;
    reader.read_exact(&mut tail).map_err(io)?;
    reader.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
    Ok(tail.windows(4).any(|w| w == b"PK\x05\x06"))
}

/// Checks every entry's name and declared size; returns the entries by name.
fn check_entries<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<HashMap<String, usize>> {
    if zip.len() > MAX_ENTRIES {
        return Err(refused(
            format!("ファイルの数が多すぎます（{}、上限 {MAX_ENTRIES}）。", zip.len()),
            format!("it holds too many files ({}; the limit is {MAX_ENTRIES}).", zip.len()),
        ));
    }
    if zip.has_duplicate_names() {
        return Err(refused(
            "同じ名前のファイルが二つ以上あります。どれが本物か分からないため受け付けません。".into(),
            "two or more files have the same name, so which one is genuine cannot be told.".into(),
        ));
    }
    let mut by_name = HashMap::new();
    let mut folded = HashSet::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            refused(
                format!("{}番目のファイルが読めません（{e}）。", i + 1),
                format!("entry {} cannot be read ({e}).", i + 1),
            )
        })?;
        let raw = entry.name_raw().to_vec();
        let name = String::from_utf8(raw).map_err(|_| {
            refused(
                format!("{}番目のファイル名が UTF-8 の文字ではありません。", i + 1),
                format!("the name of entry {} is not UTF-8 text.", i + 1),
            )
        })?;
        check_name(&name)?;
        if !folded.insert(name.to_lowercase()) {
            return Err(refused(
                format!("「{name}」と大文字・小文字だけが違う名前のファイルがあります。"),
                format!("“{name}” appears twice, differing only in upper and lower case."),
            ));
        }
        if !entry.comment().is_empty() {
            return Err(refused(
                format!("「{name}」に注釈が付いています。署名されていないデータは受け付けません。"),
                format!("“{name}” carries a comment, which is not signed."),
            ));
        }
        if entry.encrypted() {
            return Err(refused(
                format!("「{name}」が暗号化されています。提出パッケージは暗号化しません。"),
                format!("“{name}” is encrypted; submission packages never are."),
            ));
        }
        let size = entry.size();
        if size > MAX_ENTRY_BYTES {
            return Err(refused(
                format!(
                    "「{name}」の大きさが {} MB と申告されています（上限 {} MB）。",
                    size / 1_048_576,
                    MAX_ENTRY_BYTES / 1_048_576
                ),
                format!("“{name}” declares {} MB (the limit is {} MB).", size / 1_048_576, MAX_ENTRY_BYTES / 1_048_576),
            ));
        }
        total = total.saturating_add(size);
        by_name.insert(name, i);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(refused(
            format!(
                "展開後の大きさが {} MB と申告されています（上限 {} MB）。",
                total / 1_048_576,
                MAX_TOTAL_BYTES / 1_048_576
            ),
            format!(
                "its files declare {} MB in all (the limit is {} MB).",
                total / 1_048_576,
                MAX_TOTAL_BYTES / 1_048_576
            ),
        ));
    }
    zip.validate_header_consistency().map_err(|e| {
        refused(
            format!("zip の目次と中身が一致しません（{e}）。作り替えられたおそれがあります。"),
            format!("the zip's directory and its contents disagree ({e}); it may have been tampered with."),
        )
    })?;
    Ok(by_name)
}

/// Refuses a name that could write outside a folder if extracted, or that no package would hold.
fn check_name(name: &str) -> Result<()> {
    let bad = |ja: &str, en: &str| {
        Err(refused(
            format!("ファイル名「{}」は{ja}", name.escape_debug()),
            format!("the file name “{}” {en}", name.escape_debug()),
        ))
    };
    if name.is_empty() || name.len() > 1024 {
        return bad("空か、長すぎます。", "is empty or too long.");
    }
    if name.chars().any(char::is_control) {
        return bad("制御文字を含んでいます。", "contains control characters.");
    }
    if name.contains('\\') {
        return bad(
            "バックスラッシュを含んでいます（フォルダーの外に書き出されるおそれ）。",
            "contains a backslash (it could escape the folder).",
        );
    }
    if name.starts_with('/') {
        return bad(
            "絶対パスです（フォルダーの外に書き出されるおそれ）。",
            "is an absolute path (it could escape the folder).",
        );
    }
    // A colon makes a drive letter (`C:x`) or an alternate data stream (`file:stream`) on Windows.
    if name.contains(':') {
        return bad("ドライブ名かコロンを含んでいます。", "contains a drive letter or a colon.");
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    if trimmed.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
        return bad(
            "「..」などでフォルダーの外を指しています。",
            "climbs out of the folder with “..” or has empty parts.",
        );
    }
    Ok(())
}

/// The bytes of `name`, at most `limit` of them, if the entry exists.
fn read_entry<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    entries: &HashMap<String, usize>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>> {
    match entries.get(name) {
        None => Ok(None),
        Some(&i) => read_index(zip, i, name, limit).map(Some),
    }
}

/// The bytes of entry `index`, refusing more than `limit` (and more than the entry declares: a
/// deflate stream may inflate past its declared size).
fn read_index<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, index: usize, name: &str, limit: u64) -> Result<Vec<u8>> {
    read_checked(zip, index, name, limit)?.map_err(|detail| {
        refused(format!("「{name}」を読み出せません（{detail}）。"), format!("“{name}” cannot be read ({detail})."))
    })
}

/// Like [`read_index`], but a file whose data cannot be decompressed or fails its CRC comes back as
/// `Ok(Err(detail))`: for a file the manifest lists, that is a damaged or altered file to report,
/// not a reason to refuse the whole package.
fn read_checked<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    name: &str,
    limit: u64,
) -> Result<std::result::Result<Vec<u8>, String>> {
    let entry = match zip.by_index(index) {
        Ok(e) => e,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let declared = entry.size();
    let cap = limit.min(MAX_ENTRY_BYTES);
    if declared > cap {
        return Err(refused(
            format!("「{name}」が大きすぎます（{declared} バイト）。"),
            format!("“{name}” is too large ({declared} bytes)."),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(16 * 1024 * 1024)).unwrap_or(0));
    if let Err(e) = entry.take(cap + 1).read_to_end(&mut bytes) {
        return Ok(Err(e.to_string()));
    }
    if bytes.len() as u64 != declared {
        return Err(refused(
            format!("「{name}」の中身の大きさが目次と違います（{declared} → {} バイト）。", bytes.len()),
            format!("“{name}” holds {} bytes, not the {declared} its directory says.", bytes.len()),
        ));
    }
    Ok(Ok(bytes))
}

fn check_signature(manifest: &[u8], signature: &[u8], registered: Option<&VerifyingKey>) -> Result<Signer> {
    let malformed = || {
        refused(
            "署名ファイル（manifest.sig）の形式が正しくありません。".into(),
            "the signature file (manifest.sig) is malformed.".into(),
        )
    };
    let sig: SignatureFile = serde_json::from_slice(signature).map_err(|_| malformed())?;
    if sig.algorithm != SIGNATURE_ALGORITHM {
        return Err(refused(
            format!("署名の方式「{}」には対応していません。", sig.algorithm),
            format!("the signature algorithm “{}” is not supported.", sig.algorithm),
        ));
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let key_bytes: [u8; 32] =
        b64.decode(sig.public_key.as_bytes()).ok().and_then(|b| b.try_into().ok()).ok_or_else(malformed)?;
    let sig_bytes: [u8; 64] =
        b64.decode(sig.signature.as_bytes()).ok().and_then(|b| b.try_into().ok()).ok_or_else(malformed)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| malformed())?;
    let fp = fingerprint(&key);
    if let Some(registered) = registered
        && registered != &key
    {
        return Err(refused(
            format!(
                "登録された自治会の鍵（指紋 {}）ではなく、別の鍵（指紋 {fp}）で署名されています。自治会が作ったものか確かめてください。",
                fingerprint(registered)
            ),
            format!(
                "it is signed with another key (fingerprint {fp}), not the council's registered key (fingerprint {}). Check with the council that they made it.",
                fingerprint(registered)
            ),
        ));
    }
    key.verify_strict(manifest, &Signature::from_bytes(&sig_bytes)).map_err(|_| {
        refused(
            "署名が一致しません。署名の後で manifest.json が書き換えられたか、署名が壊れています。".into(),
            "the signature does not match: manifest.json was changed after signing, or the signature is damaged."
                .into(),
        )
    })?;
    Ok(Signer { public_key: sig.public_key, fingerprint: fp, registered: registered.map(|r| r == &key) })
}

fn parse_manifest(bytes: &[u8]) -> Result<Manifest> {
    #[derive(Deserialize)]
    struct Head {
        format: String,
        format_version: u32,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|e| {
        refused(format!("manifest.json が読めません（{e}）。"), format!("manifest.json cannot be read ({e})."))
    })?;
    if head.format != FORMAT_NAME {
        return Err(refused(
            format!("manifest.json の形式「{}」は提出パッケージではありません。", head.format),
            format!("manifest.json is of format “{}”, not a submission package.", head.format),
        ));
    }
    if head.format_version > FORMAT_VERSION {
        return Err(refused(
            format!(
                "新しい版のアプリで作られています（形式 {}）。アプリを更新してから確かめてください。",
                head.format_version
            ),
            format!(
                "it was made by a newer app (format {}). Update the app, then check it again.",
                head.format_version
            ),
        ));
    }
    let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| {
        refused(
            format!("manifest.json の内容が正しくありません（{e}）。"),
            format!("manifest.json is malformed ({e})."),
        )
    })?;
    let mut seen = HashSet::new();
    for f in &manifest.files {
        if !valid_part_path(&f.path) {
            return Err(refused(
                format!("manifest.json に使えないファイル名「{}」があります。", f.path.escape_debug()),
                format!("manifest.json lists a file name that cannot be used: “{}”.", f.path.escape_debug()),
            ));
        }
        if !seen.insert(f.path.to_ascii_lowercase()) {
            return Err(refused(
                format!("manifest.json に「{}」が二度あります。", f.path),
                format!("manifest.json lists “{}” twice.", f.path),
            ));
        }
        if f.size > MAX_ENTRY_BYTES || f.sha256.len() != 64 || !f.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(refused(
                format!("manifest.json の「{}」の大きさかハッシュが正しくありません。", f.path),
                format!("manifest.json gives “{}” an impossible size or hash.", f.path),
            ));
        }
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_escape_are_refused() {
        for bad in [
            "../evil.sh",
            "a/../../evil",
            "/etc/passwd",
            "C:/Windows/evil.dll",
            "C:evil",
            "a\\..\\evil",
            "a//b",
            "./a",
            "a\u{0}b",
            "file:stream",
            "",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} must be refused");
        }
        for ok in ["manifest.json", "documents/officer-list.pdf", "extra/メモ.txt", "folder/"] {
            assert!(check_name(ok).is_ok(), "{ok:?} is a harmless name");
        }
    }
}
