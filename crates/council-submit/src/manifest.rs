//! The manifest of a submission package (`manifest.json`) and its signature (`manifest.sig`): what
//! the package is, who made it, and every file in it with its size and SHA-256. `FORMAT.md` in this
//! crate describes the format for the city's side.
use council_domain::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The `format` of every manifest.
pub const FORMAT_NAME: &str = "council-desk-submission";
/// The manifest format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The manifest's name in the zip.
pub const MANIFEST_PATH: &str = "manifest.json";
/// The signature's name in the zip.
pub const SIGNATURE_PATH: &str = "manifest.sig";
/// The only signature algorithm.
pub const SIGNATURE_ALGORITHM: &str = "ed25519";

/// The council that made a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ManifestCouncil {
    /// The council's stable ID (UUIDv7), the same on every PC its data moves to.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its city (市区町村).
    pub city: String,
    /// Its district (地区).
    pub district: String,
    /// Its representative's title and name (会長 山田 太郎).
    pub representative: String,
}

/// What kind of file a package entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A document typeset by the app (PDF).
    Document,
    /// The package's data as JSON (the open-data format).
    DataJson,
    /// The same data as an Excel workbook.
    DataXlsx,
    /// An attached file: a receipt, a photo, a signed paper.
    Attachment,
    /// Any other file a purpose adds.
    Other,
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ManifestFile {
    /// Its path in the zip (ASCII, `/`-separated, no `..`).
    pub path: String,
    /// What it is, in both languages (役員名簿).
    pub title: Text,
    /// Its kind.
    pub kind: FileKind,
    /// Its media type (`application/pdf`).
    pub media_type: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Manifest {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The format version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The package's ID (UUIDv7): one package, one ID, whatever happens in delivery.
    pub package_id: String,
    /// What it is for (`officer_list`, `activity_report`, …).
    pub purpose: String,
    /// The purpose's title.
    pub purpose_title: Text,
    /// The record it is for, when the purpose needs one (a grant application…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub record: Option<String>,
    /// The council.
    pub council: ManifestCouncil,
    /// The fiscal year (2026 for 令和8年度).
    pub fiscal_year: i32,
    /// The fiscal year as printed (令和8年度).
    pub fiscal_year_label: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// The app version that made it.
    pub app_version: String,
    /// The signing key's fingerprint (also checkable from `manifest.sig`).
    pub key_fingerprint: String,
    /// Every file of the package except `manifest.json` and `manifest.sig`, in zip order.
    pub files: Vec<ManifestFile>,
}

/// `manifest.sig`: the Ed25519 signature over the exact bytes of `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureFile {
    /// Always [`SIGNATURE_ALGORITHM`].
    pub algorithm: String,
    /// The signer's public key, base64 (32 bytes). A reader trusts it only when it is the key the
    /// council registered.
    pub public_key: String,
    /// The signature, base64 (64 bytes).
    pub signature: String,
}
