//! Building a submission package: one zip holding a purpose's PDFs, the same data as JSON and
//! `.xlsx`, attachments, and `manifest.json` signed with the council's key as `manifest.sig`.
//!
//! A purpose ([`crate::purpose`]) says what goes in as a list of [`Part`]s and a checklist;
//! [`build`] refuses an incomplete package with the list of what to add, resolves every part to bytes
//! (typesetting PDFs, reading attachments from the data folder), and [`write_package`] writes the zip.
//! Nothing here needs a network.
use std::io::Write as _;

use chrono::{DateTime, Datelike, Timelike, Utc};
use council_docs::catalogue::DocumentRequest;
use council_domain::Session;
use council_domain::calendar::FiscalYear;
use council_domain::text::Text;
use council_io::open_data;
use council_store::APP_VERSION;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keys::{CouncilKey, b64, fingerprint};
use crate::manifest::{
    FORMAT_NAME, FORMAT_VERSION, FileKind, MANIFEST_PATH, Manifest, ManifestCouncil, ManifestFile, SIGNATURE_ALGORITHM,
    SIGNATURE_PATH, SignatureFile,
};
use crate::purpose::{PackagePlan, PackageRequest, Purpose};

/// The largest package the app builds (and the largest it reads back): a council's package is a few
/// PDFs and some photos; anything near this is a mistake worth stopping.
pub const MAX_PACKAGE_BYTES: u64 = 512 * 1024 * 1024;

/// Where a part's bytes come from.
#[derive(Debug, Clone)]
pub enum PartSource {
    /// A document the app typesets (its PDF).
    Pdf(DocumentRequest),
    /// Bytes the purpose already has.
    Bytes {
        /// The bytes.
        bytes: Vec<u8>,
        /// Their media type.
        media_type: String,
    },
    /// A file stored in the data folder's `attachments/` under its SHA-256 (a photo, a scan).
    AttachmentFile {
        /// Its SHA-256 (hex): its name in `attachments/`.
        sha256: String,
        /// Its media type.
        media_type: String,
    },
    /// The purpose's data tables as JSON (the open-data format).
    DataJson,
    /// The same tables as an Excel workbook.
    DataXlsx,
}

/// One file a purpose puts in its package.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its path in the zip: ASCII letters, digits, `-`, `_`, `.` and `/` only (see FORMAT.md).
    pub path_in_zip: String,
    /// What it is, in both languages.
    pub title: Text,
    /// Where its bytes come from.
    pub source: PartSource,
}

/// A file of a package, with its bytes.
#[derive(Debug, Clone)]
pub struct PackageFile {
    /// Its path in the zip.
    pub path: String,
    /// What it is.
    pub title: Text,
    /// Its kind.
    pub kind: FileKind,
    /// Its media type.
    pub media_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything a package says about itself, except its files.
#[derive(Debug, Clone)]
pub struct PackageHeader {
    /// The package's ID (UUIDv7).
    pub package_id: String,
    /// Its purpose's ID (`officer_list`).
    pub purpose: String,
    /// Its purpose's title.
    pub purpose_title: Text,
    /// The record it is for, if any.
    pub record: Option<String>,
    /// The council.
    pub council: ManifestCouncil,
    /// The fiscal year.
    pub fiscal_year: i32,
    /// When it is made.
    pub created_at: DateTime<Utc>,
}

/// A package, built: its manifest and the zip's bytes.
#[derive(Clone)]
pub struct BuiltPackage {
    /// Its manifest.
    pub manifest: Manifest,
    /// The zip file's bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of the zip file (hex).
    pub sha256: String,
    /// The name it is delivered under: derived from the manifest only, so the same package always has
    /// the same name (`officer-list_2026_<package id>.zip`).
    pub file_name: String,
}

impl std::fmt::Debug for BuiltPackage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltPackage")
            .field("file_name", &self.file_name)
            .field("size", &self.bytes.len())
            .field("sha256", &self.sha256)
            .finish()
    }
}

/// A summary of a built package for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackageSummary {
    /// The package's ID.
    pub package_id: String,
    /// Its file name.
    pub file_name: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the zip (hex).
    pub sha256: String,
    /// Its files.
    pub files: Vec<ManifestFile>,
}

impl BuiltPackage {
    /// The summary the window shows.
    pub fn summary(&self) -> PackageSummary {
        PackageSummary {
            package_id: self.manifest.package_id.clone(),
            file_name: self.file_name.clone(),
            size: self.bytes.len() as u64,
            sha256: self.sha256.clone(),
            files: self.manifest.files.clone(),
        }
    }
}

/// The name a package is delivered under, from its manifest: `<purpose>_<fiscal year>_<id>.zip`
/// with the purpose's ID in kebab case (ASCII only, so every server and file system takes it).
pub fn delivery_name(manifest: &Manifest) -> String {
    let purpose: String = manifest
        .purpose
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let id: String = manifest.package_id.chars().filter(|c| c.is_ascii_hexdigit() || *c == '-').collect();
    format!("{purpose}_{}_{id}.zip", manifest.fiscal_year)
}

/// Whether `path` may name a file inside a package: relative, `/`-separated, made of ASCII letters,
/// digits, `-`, `_` and `.`, no empty, `.` or `..` component, and not one of the manifest's own names.
pub fn valid_part_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 200
        && path != MANIFEST_PATH
        && path != SIGNATURE_PATH
        && path.split('/').all(|c| {
            !c.is_empty()
                && c != "."
                && c != ".."
                && c.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
        })
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes the package: `manifest.json`, `manifest.sig`, then the files in order, all stamped with
/// the creation time, so the same contents always make the same zip.
pub fn write_package(header: &PackageHeader, files: &[PackageFile], key: &CouncilKey) -> Result<BuiltPackage> {
    let mut seen = std::collections::HashSet::new();
    for f in files {
        if !valid_part_path(&f.path) || !seen.insert(f.path.to_ascii_lowercase()) {
            return Err(Error::Refused(Text::new(
                format!("パッケージ内のファイル名「{}」は使えないか、重複しています。", f.path),
                format!("The file name “{}” cannot be used in a package, or is used twice.", f.path),
            )));
        }
    }
    let total: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    if total > MAX_PACKAGE_BYTES {
        return Err(Error::TooLarge { size: total, limit: MAX_PACKAGE_BYTES });
    }
    let manifest = Manifest {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        package_id: header.package_id.clone(),
        purpose: header.purpose.clone(),
        purpose_title: header.purpose_title.clone(),
        record: header.record.clone(),
        council: header.council.clone(),
        fiscal_year: header.fiscal_year,
        fiscal_year_label: FiscalYear(header.fiscal_year).label_ja(),
        created_at: header.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        app_version: APP_VERSION.to_owned(),
        key_fingerprint: fingerprint(&key.verifying_key()),
        files: files
            .iter()
            .map(|f| ManifestFile {
                path: f.path.clone(),
                title: f.title.clone(),
                kind: f.kind,
                media_type: f.media_type.clone(),
                size: f.bytes.len() as u64,
                sha256: sha256_hex(&f.bytes),
            })
            .collect(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::io(MANIFEST_PATH, e.into()))?;
    let signature = SignatureFile {
        algorithm: SIGNATURE_ALGORITHM.to_owned(),
        public_key: b64(key.verifying_key().as_bytes()),
        signature: b64(&key.sign(&manifest_bytes).to_bytes()),
    };
    let signature_bytes = serde_json::to_vec_pretty(&signature).map_err(|e| Error::io(SIGNATURE_PATH, e.into()))?;

    let zip_err = |e: zip::result::ZipError| Error::io("package.zip", std::io::Error::other(e.to_string()));
    let io_err = |e: std::io::Error| Error::io("package.zip", e);
    let jst = header.created_at.with_timezone(&council_domain::clock::jst());
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(jst.year()).unwrap_or(1980),
        jst.month() as u8,
        jst.day() as u8,
        jst.hour() as u8,
        jst.minute() as u8,
        jst.second() as u8,
    )
    .unwrap_or_default();
    let options = |compress: bool| {
        zip::write::SimpleFileOptions::default()
            .compression_method(if compress {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            })
            .last_modified_time(stamp)
            .unix_permissions(0o644)
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(total as usize + 64 * 1024)));
    for (path, bytes) in [(MANIFEST_PATH, &manifest_bytes), (SIGNATURE_PATH, &signature_bytes)] {
        zip.start_file(path, options(true)).map_err(zip_err)?;
        zip.write_all(bytes).map_err(io_err)?;
    }
    for f in files {
        // PDFs, pictures and workbooks are compressed already: deflating them again only costs time.
        let compress = matches!(f.kind, FileKind::DataJson) || f.media_type.starts_with("text/");
        zip.start_file(f.path.as_str(), options(compress)).map_err(zip_err)?;
        zip.write_all(&f.bytes).map_err(io_err)?;
    }
    let bytes = zip.finish().map_err(zip_err)?.into_inner();
    Ok(BuiltPackage { file_name: delivery_name(&manifest), sha256: sha256_hex(&bytes), manifest, bytes })
}

/// What the window shows before building: the purpose's checklist, without typesetting anything.
pub fn checklist(session: &Session, request: &PackageRequest) -> Result<crate::purpose::Checklist> {
    let plan = session.read(|r| request.purpose.plan(r, request))?;
    Ok(crate::purpose::Checklist {
        purpose: request.purpose.info(),
        fiscal_year: plan.fiscal_year,
        complete: plan.complete(),
        items: plan.checklist,
        files: plan
            .parts
            .iter()
            .map(|p| crate::purpose::PlannedFile { path: p.path_in_zip.clone(), title: p.title.clone() })
            .collect(),
    })
}

/// Builds the package `request` asks for from the desk's data, signed with `key`, made at `now`.
/// Refuses, with [`Error::Incomplete`] listing what to add, a package whose required items are not
/// all there: checked before the signing key is opened (no passphrase is asked for a package that
/// cannot be built).
pub fn refuse_if_incomplete(session: &Session, request: &PackageRequest) -> Result<()> {
    let purpose = request.purpose;
    let plan = session.read(|r| purpose.plan(r, request))?;
    let missing = plan.missing();
    if missing.is_empty() { Ok(()) } else { Err(Error::Incomplete { purpose: purpose.info().title, missing }) }
}

/// An incomplete package is refused with [`Error::Incomplete`], listing what to add.
pub fn build(
    session: &Session,
    request: &PackageRequest,
    key: &CouncilKey,
    now: DateTime<Utc>,
) -> Result<BuiltPackage> {
    let purpose = request.purpose;
    // What goes in, read at one moment; the documents are typeset afterwards, with no read held.
    let (plan, council): (PackagePlan, _) =
        session.read(|r| Ok::<_, Error>((purpose.plan(r, request)?, council_domain::council::require(r)?)))?;
    let missing = plan.missing();
    if !missing.is_empty() {
        return Err(Error::Incomplete { purpose: purpose.info().title, missing });
    }
    let mut files = Vec::with_capacity(plan.parts.len());
    for part in &plan.parts {
        let (kind, media_type, bytes) = match &part.source {
            PartSource::Pdf(req) => {
                (FileKind::Document, "application/pdf".to_owned(), council_docs::produce(session, req)?.pdf()?)
            }
            PartSource::Bytes { bytes, media_type } => (FileKind::Other, media_type.clone(), bytes.clone()),
            PartSource::AttachmentFile { sha256, media_type } => (
                FileKind::Attachment,
                media_type.clone(),
                council_domain::attachments::read_file(&session.dir().attachments(), sha256)?,
            ),
            PartSource::DataJson => (
                FileKind::DataJson,
                "application/json".to_owned(),
                open_data::json_document(&council.name, &plan.tables, now)?,
            ),
            PartSource::DataXlsx => (
                FileKind::DataXlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
                open_data::workbook(&plan.tables)?,
            ),
        };
        files.push(PackageFile { path: part.path_in_zip.clone(), title: part.title.clone(), kind, media_type, bytes });
    }
    let header = PackageHeader {
        package_id: uuid::Uuid::now_v7().to_string(),
        purpose: purpose.info().id,
        purpose_title: purpose.info().title,
        record: request.record.clone(),
        council: ManifestCouncil {
            id: council.id.0.clone(),
            name: council.name.clone(),
            city: council.city.clone(),
            district: council.district.clone(),
            representative: format!("{} {}", council.representative_title, council.representative_name),
        },
        fiscal_year: plan.fiscal_year,
        created_at: now,
    };
    write_package(&header, &files, key)
}

/// The purpose a manifest names, if this build knows it.
pub fn purpose_of(manifest: &Manifest) -> Option<Purpose> {
    Purpose::ALL.into_iter().find(|p| p.info().id == manifest.purpose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_paths_are_plain_relative_ascii() {
        for ok in ["documents/officer-list.pdf", "data/officers.json", "attachments/photos/2026-07-20_1.jpg"] {
            assert!(valid_part_path(ok), "{ok} is a fine path");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x.pdf",
            "a/../b",
            "a//b",
            "./a",
            "a\\b",
            "C:/x",
            "役員名簿.pdf",
            "manifest.json",
            "manifest.sig",
            "a/b/",
        ] {
            assert!(!valid_part_path(bad), "{bad:?} must be refused");
        }
    }
}
