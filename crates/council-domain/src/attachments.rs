//! Attached files (event photos; later receipts and scans): stored inside the data folder as
//! `attachments/<sha256>`, content-addressed, and named by a row of the `attachment` table.
//!
//! A record never points at a path outside the data folder, so nothing attached can vanish when a USB
//! stick is pulled or a Downloads folder is tidied; backups and hand-overs already carry the whole
//! `attachments/` folder. The same file attached twice is stored once. A file is written (and synced)
//! before its row is inserted, so a committed row always has its file; a file whose row was rolled back
//! is only an unreferenced copy.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::export::ColumnKind::{Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::text::Text;

id_type!(
    /// An attached file.
    AttachmentId
);

/// The largest file accepted (a phone photo is a few MB).
pub const MAX_SIZE: usize = 25 * 1024 * 1024;

/// An attached file's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    /// ID.
    pub id: AttachmentId,
    /// The file's name as it was chosen (shown, and used when the file is saved out again).
    pub name: String,
    /// Its media type (`image/jpeg`).
    pub mime: String,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of its content (hex): also its file name in `attachments/`.
    pub sha256: String,
}

/// The media type of an image, from its first bytes (never from the file name, which can lie).
pub fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The media type of a receipt file from its first bytes (never from its name): PDF, JPEG or PNG.
pub fn receipt_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// A receipt file as the window read it.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptFile<'a> {
    /// The file's name as chosen.
    pub file_name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

/// What to do with an expense's receipt file when the expense is changed.
#[derive(Debug, Clone, Copy)]
pub enum ReceiptChange<'a> {
    /// Keep the file it has (or keep having none).
    Keep,
    /// Attach this file instead.
    Replace(ReceiptFile<'a>),
    /// Take the file off (it stays in the data folder and its backups).
    Remove,
}

/// Where the file with this hash lives.
fn blob_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(sha256)
}

/// Writes `bytes` into `dir` under their hash (if not there already), synced to disk; returns the hash.
fn write_blob(dir: &Path, bytes: &[u8]) -> Result<String> {
    let sha = hex(&Sha256::digest(bytes));
    let path = blob_path(dir, &sha);
    if path.exists() {
        return Ok(sha);
    }
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(format!("{sha}.partial"));
    {
        let mut f = std::fs::File::create(&partial)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&partial, &path)?;
    Ok(sha)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The largest file attached as a paper (a scanned paper is a few MB; a council's data must stay small).
pub const MAX_FILE_SIZE: usize = 50 * 1024 * 1024;

/// Stores any file's bytes in `dir` (content-addressed) and returns their SHA-256, for a record that
/// names the file itself (a meeting's paper). Written and synced before the caller's row, like photos.
pub fn store_file(dir: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_FILE_SIZE {
        return Err(Error::invalid(
            "file",
            Text::new(
                "ファイルが大きすぎます（50MBまで）。縮小するか分けてから添付してください。",
                "The file is too large (50 MB at most). Make it smaller or split it, then attach it again.",
            ),
        ));
    }
    write_blob(dir, bytes)
}

/// A file stored by [`store_file`], checked against its hash (a damaged or altered file is refused).
pub fn read_file(dir: &Path, sha256: &str) -> Result<Vec<u8>> {
    let damaged = || {
        Error::Conflict(Text::new(
            "添付ファイルがないか、壊れています。バックアップから復元してください。",
            "An attached file is missing or damaged. Restore it from a backup.",
        ))
    };
    checked_blob(dir, sha256).ok_or_else(damaged)
}

/// The stored bytes with this hash, if the file is there and still has that hash.
fn checked_blob(dir: &Path, sha256: &str) -> Option<Vec<u8>> {
    let bytes = std::fs::read(blob_path(dir, sha256)).ok()?;
    (hex(&Sha256::digest(&bytes)) == sha256).then_some(bytes)
}

/// Stores an image (a photo) in `dir` and records it; refuses anything that is not a JPEG, PNG, GIF or
/// WebP image, and files over [`MAX_SIZE`].
pub fn store_image(w: &Write<'_>, dir: &Path, name: &str, bytes: &[u8]) -> Result<Attachment> {
    let Some(mime) = image_mime(bytes) else {
        return Err(Error::invalid(
            "photo",
            Text::new(
                format!("「{name}」は写真（JPEG・PNG・GIF・WebP）ではありません。写真のファイルを選んでください。"),
                format!("“{name}” is not a photo (JPEG, PNG, GIF or WebP). Choose a photo file."),
            ),
        ));
    };
    if bytes.len() > MAX_SIZE {
        return Err(Error::invalid(
            "photo",
            Text::new(
                format!("「{name}」は大きすぎます（25MBまで）。小さくしてから選んでください。"),
                format!("“{name}” is too large (25 MB at most). Make it smaller first."),
            ),
        ));
    }
    let sha256 = write_blob(dir, bytes)?;
    let name = Path::new(name).file_name().map_or_else(|| "photo".to_owned(), |n| n.to_string_lossy().into_owned());
    let att = Attachment { id: AttachmentId::new(), name, mime: mime.to_owned(), size: bytes.len() as i64, sha256 };
    w.execute(
        "INSERT INTO attachment (id, sha256, name, mime, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![att.id, att.sha256, att.name, att.mime, att.size, w.now()],
    )?;
    w.record(Change {
        entity: "attachment",
        entity_id: att.id.as_str(),
        action: AuditAction::Create,
        summary: format!("ファイル「{}」を添付", att.name),
        before: None,
        after: serde_json::to_value(&att).ok(),
    })?;
    Ok(att)
}

/// Stores a receipt (a PDF or a photo, JPEG or PNG) in `dir` and records it as an attachment;
/// refuses any other kind of file (judged by its bytes) and files over [`MAX_SIZE`].
pub fn store_receipt(w: &Write<'_>, dir: &Path, file: ReceiptFile<'_>) -> Result<Attachment> {
    // The name only, whichever system's separators the path was written with.
    let name = file.file_name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let name = if name.is_empty() { "receipt" } else { name };
    let Some(mime) = receipt_mime(file.bytes) else {
        return Err(Error::invalid(
            "receipt",
            Text::new(
                format!(
                    "「{name}」はPDF・JPEG・PNGのどれでもありません。領収書はPDFか写真（JPEG・PNG）で添付してください。"
                ),
                format!("“{name}” is not a PDF, JPEG or PNG file. Attach the receipt as a PDF or a photo (JPEG, PNG)."),
            ),
        ));
    };
    if file.bytes.len() > MAX_SIZE {
        return Err(Error::invalid(
            "receipt",
            Text::new(
                format!("「{name}」は大きすぎます（25MBまで）。小さくしてから選んでください。"),
                format!("“{name}” is too large (25 MB at most). Make it smaller first."),
            ),
        ));
    }
    let sha256 = write_blob(dir, file.bytes)?;
    let att = Attachment {
        id: AttachmentId::new(),
        name: name.to_owned(),
        mime: mime.to_owned(),
        size: file.bytes.len() as i64,
        sha256,
    };
    w.execute(
        "INSERT INTO attachment (id, sha256, name, mime, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![att.id, att.sha256, att.name, att.mime, att.size, w.now()],
    )?;
    Ok(att)
}

/// One attachment's record.
pub fn get(conn: &Connection, id: &AttachmentId) -> Result<Attachment> {
    conn.query_row("SELECT id, name, mime, size, sha256 FROM attachment WHERE id = ?1", params![id], row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(Text::new("その添付ファイルは見つかりません。", "That attached file no longer exists."))
        })
}

pub(crate) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment { id: r.get(0)?, name: r.get(1)?, mime: r.get(2)?, size: r.get(3)?, sha256: r.get(4)? })
}

/// An attachment's content, checked against its hash (a damaged or altered file is reported, not served).
pub fn read(conn: &Connection, dir: &Path, id: &AttachmentId) -> Result<(Attachment, Vec<u8>)> {
    let att = get(conn, id)?;
    let bytes = checked_blob(dir, &att.sha256).ok_or_else(|| missing(&att))?;
    Ok((att, bytes))
}

fn missing(att: &Attachment) -> Error {
    Error::NotFound(Text::new(
        format!(
            "添付ファイル「{}」がデータフォルダにないか、壊れています。バックアップから復元してください。",
            att.name
        ),
        format!("The attached file “{}” is missing from the data folder or damaged. Restore a backup.", att.name),
    ))
}

/// Every attached file the council's records refer to — photos, meeting papers, receipts — by its
/// SHA-256, each once: what must be in the data folder's `attachments/` for the data to be whole.
pub fn referenced(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT sha256 FROM attachment UNION SELECT sha256 FROM agenda_paper
         UNION SELECT receipt_sha256 FROM grant_expense WHERE receipt_sha256 IS NOT NULL ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "attachments",
    source: "attachment",
    label_ja: "添付ファイル",
    label_en: "Attachments",
    sql: "SELECT id, name, mime, size, sha256, created_at FROM attachment ORDER BY created_at, id",
    columns: &[
        col("id", "ID", Str),
        col("name", "ファイル名", Str),
        col("mime", "種類", Str),
        col("size", "大きさ（バイト）", Integer),
        col("sha256", "SHA-256（attachments フォルダのファイル名）", Str),
        col("created_at", "作成日時", Str),
    ],
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(image_mime(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("image/jpeg"));
        assert_eq!(image_mime(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_mime(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_mime(b"%PDF-1.7"), None, "a PDF is not a photo");
        assert_eq!(image_mime(b""), None);
    }

    #[test]
    fn a_file_is_stored_once_and_refused_when_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = store_file(dir.path(), b"paper").expect("store");
        let b = store_file(dir.path(), b"paper").expect("store again");
        assert_eq!(a, b, "the same content has the same name");
        assert_eq!(a.len(), 64, "a SHA-256 in hex");
        assert_eq!(read_file(dir.path(), &a).expect("read"), b"paper");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1, "one file, no partial left");
        std::fs::write(dir.path().join(&a), b"tampered").expect("overwrite");
        assert!(read_file(dir.path(), &a).is_err(), "a file that no longer matches its hash is not served");
    }
}
