//! Hand-over (引き継ぎ): one file that carries a council's whole data folder to the next officer's PC —
//! the database (settings included), the attachments, and the `keys/` folder when it exists —
//! optionally protected with a passphrase; and the import that opens it on the new PC.
//!
//! **Format.** A hand-over is a [`crate::backup`] file (the same consistent snapshot with the
//! attachments stored inside) with two more tables, `handover_key (path, bytes)`, holding every file of
//! `keys/`, and `handover_outbox (path, bytes)`, holding the outbox's packages and records and the
//! drop-box's address (`destination.json`; the password stays in the old PC's keyring) — a file made
//! before the outbox travelled has no such table, and carries none; wrapped in a small container:
//!
//! ```text
//! offset  size  what
//!      0    16  magic "COUNCIL-HANDOVER"
//!     16     2  format version (u16, little-endian), 1
//!     18     1  protection: 0 none, 1 passphrase (age, scrypt recipient)
//!     19     5  reserved, zero
//!     24     8  payload length (u64, little-endian)
//!     32    32  SHA-256 of the payload
//!     64     …  payload: the SQLite file, or the age file that encrypts it
//! ```
//!
//! Why this shape: the checksum tells a truncated or damaged file (a USB stick pulled too early) from a
//! wrong passphrase *before* any decryption, so each gets its own message. With a passphrase, `age`
//! (scrypt, ChaCha20-Poly1305 in authenticated chunks) also refuses any deliberate change; without
//! one, the checksum catches accidents only, which is why the passphrase is recommended whenever the
//! file leaves the office. The payload stays one SQLite file, so the import checks it with the same
//! integrity check and preview as a backup, and restores it through [`backup::restore`] — nothing is
//! written to the live data until the decrypted file has passed those checks.
//!
//! The file is built in memory: a council's data and attachments are small (see [`crate::backup`]).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use council_base::text::Text;

use crate::backup::{self, BackupEntry, BackupInfo};
use crate::data_dir::DataDir;
use crate::error::{Error, Result};
use crate::integrity::{self, Depth};
use crate::model::DataModel;
use crate::swap;

/// The first bytes of every hand-over file.
const MAGIC: &[u8; 16] = b"COUNCIL-HANDOVER";
/// The container format this build writes and reads.
const FORMAT_VERSION: u16 = 1;
/// Bytes before the payload.
const HEADER_LEN: usize = 64;
/// The protection byte: no passphrase.
const PLAIN: u8 = 0;
/// The protection byte: encrypted with a passphrase (age, scrypt).
const PASSPHRASE: u8 = 1;
/// The shortest passphrase accepted when exporting.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The file name ending the window suggests.
pub const FILE_EXTENSION: &str = "councilhandover";

/// A hand-over file and what it holds: the result of an export, and the preview before an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverInfo {
    /// The hand-over file's name.
    pub file_name: String,
    /// The hand-over file's full path.
    pub path: String,
    /// Whether it is protected with a passphrase.
    pub encrypted: bool,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// What the data inside holds: council, when it was taken, record counts, attachments.
    pub contents: BackupInfo,
    /// The files of the `keys/` folder it carries (relative names), none when there was no folder.
    pub keys: Vec<String>,
    /// The submission packages of the outbox it carries (delivered ones included, as the record of
    /// what was sent).
    pub outbox_packages: u32,
    /// Those of them still waiting to be sent (or failed, waiting for a person).
    pub outbox_waiting: u32,
    /// The drop-box's address (a WebDAV URL or a folder) it carries, if one was set.
    #[ts(optional)]
    pub drop_box: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverImport {
    /// The hand-over now in use.
    pub imported: HandoverInfo,
    /// The copy of the data it replaced (only when replacing a council).
    pub safety_copy: Option<BackupEntry>,
}

/// Writes a hand-over of the data folder (database through `conn`, attachments, `keys/`) to `out`,
/// encrypted when a passphrase is given. `keys` are the key files to carry (relative to `keys/`) as
/// the signing key's owner prepared them for the next PC; `None` carries the files of `keys/` as they
/// are. An existing file is never overwritten.
pub fn export(
    conn: &Connection,
    data_dir: &DataDir,
    out: &Path,
    passphrase: Option<&str>,
    keys: Option<Vec<KeyFile>>,
    now: DateTime<Utc>,
    model: &dyn DataModel,
) -> Result<HandoverInfo> {
    model.council(conn)?.ok_or(Error::NoCouncil)?;
    if let Some(p) = passphrase {
        check_new_passphrase(p)?;
    }
    let keys = match keys {
        Some(keys) => keys,
        // This PC's keys for sharing with other PCs stay here: the next officer's PC joins the
        // sharing with an invitation of its own, never as this PC.
        None => backup::files_under(&data_dir.keys())?
            .into_iter()
            .filter(|(rel, _)| !rel.starts_with("sharing"))
            .map(|(rel, file)| Ok((rel, fs::read(file)?)))
            .collect::<Result<Vec<_>>>()?,
    };
    if passphrase.is_none() && !keys.is_empty() {
        return Err(Error::invalid(
            "passphrase",
            Text::new(
                "この引き継ぎファイルには市への提出に使う自治会の署名の鍵が入るため、合言葉が必要です。\
                 合言葉を決めて入力し、次の役員には別の方法（口頭など）で伝えてください。",
                "This hand-over carries the council's signing key for submissions to the city, so it needs a \
                 passphrase. Choose one, and tell it to the next officer another way (in person).",
            ),
        ));
    }
    if out.exists() {
        return Err(Error::Conflict(Text::new(
            format!("{} は既にあります。上書きはしません。別の名前を指定してください。", out.display()),
            format!("{} already exists and will not be overwritten. Choose another name.", out.display()),
        )));
    }
    let outbox = outbox_files(data_dir)?;
    // The plaintext is staged inside the data folder, which holds the same data already, never beside
    // `out` (a USB stick).
    let staging = Staging::new(temporary(data_dir, "handover-export"))?;
    let snapshot = staging.path("council.sqlite3");
    backup::export(conn, data_dir, &snapshot, now)?;
    {
        let mut db = Connection::open(&snapshot)?;
        let tx = db.transaction()?;
        tx.execute_batch(
            "CREATE TABLE handover_key (path TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT;
             CREATE TABLE handover_outbox (path TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT;",
        )?;
        // Nor does this PC's place in the sharing travel (its device, its records, its conflicts).
        tx.execute_batch(
            "DELETE FROM sync_state; DELETE FROM sync_log; DELETE FROM sync_conflict; DELETE FROM sync_touch;",
        )?;
        for (rel, bytes) in &keys {
            if backup::safe_relative(rel).is_none() {
                return Err(Error::invalid(
                    "keys",
                    Text::new(
                        format!("鍵のファイル名「{rel}」は使えません。"),
                        format!("The key file name “{rel}” cannot be used."),
                    ),
                ));
            }
            tx.execute("INSERT INTO handover_key (path, bytes) VALUES (?1, ?2)", params![rel, bytes])?;
        }
        for (rel, bytes) in &outbox {
            tx.execute("INSERT INTO handover_outbox (path, bytes) VALUES (?1, ?2)", params![rel, bytes])?;
        }
        backup::seal(&tx)?;
        tx.commit()?;
        let problems = integrity::problems(&db, Depth::Quick)?;
        db.close().map_err(|(_, e)| e)?;
        if !problems.is_empty() {
            return Err(Error::Damaged { file: snapshot.display().to_string(), problems, newest_good: None });
        }
    }
    let contents = backup::inspect(&snapshot, model)?;
    let carried = Carried { keys, outbox };
    let plain = fs::read(&snapshot)?;
    let (protection, payload) = match passphrase {
        Some(p) => (PASSPHRASE, encrypt(&plain, p)?),
        None => (PLAIN, plain),
    };
    write_container(out, protection, &payload)?;
    info_for(out, protection == PASSPHRASE, contents, &carried)
}

/// Reads what a hand-over file holds without changing anything: the preview of the guided import. A
/// protected file needs its passphrase. A file that is not a hand-over, is truncated or damaged, or
/// was opened with the wrong passphrase is refused with a message saying which.
///
/// The plaintext is unpacked inside the data folder `data_dir` (`tmp/`, owner-only, removed when done
/// and at the next start if a crash left it), never in the system's shared temporary folder.
pub fn inspect(
    data_dir: &DataDir,
    file: &Path,
    passphrase: Option<&str>,
    model: &dyn DataModel,
) -> Result<HandoverInfo> {
    let (encrypted, plain) = open_container(file, passphrase)?;
    data_dir.ensure()?;
    let staging = Staging::new(temporary(data_dir, "handover-inspect"))?;
    let (contents, carried) = unpack(&staging, file, &plain, model)?;
    info_for(file, encrypted, contents, &carried)
}

/// Opens a hand-over file into the data folder `data_dir` (a new PC's empty folder).
///
/// Refused, with nothing changed, when the file is not a sound hand-over or the passphrase is wrong,
/// and when the folder already holds a council (or keys) unless `replace` is true. Replacing goes
/// through [`backup::restore`]: the current data is backed up first (a `before-restore` copy), and
/// the folder's current `keys/` are moved to `backups/keys-before-handover-<time>/`. The caller must
/// have closed its own connection to the live database.
pub fn import(
    data_dir: &DataDir,
    now: DateTime<Utc>,
    file: &Path,
    passphrase: Option<&str>,
    replace: bool,
    model: &dyn DataModel,
) -> Result<HandoverImport> {
    if !replace {
        refuse_if_in_use(data_dir, model)?;
    }
    let (encrypted, plain) = open_container(file, passphrase)?;
    data_dir.ensure()?;
    let staging = Staging::new(temporary(data_dir, "handover-import"))?;
    let (contents, carried) = unpack(&staging, file, &plain, model)?;
    let imported = info_for(file, encrypted, contents, &carried)?;
    // The database, the attachments, the keys and the outbox are staged together and swapped in
    // together: a stop at any moment leaves the old council with its own key and packages, or the new
    // one with its own.
    backup::stage(data_dir, &staging.path("council.sqlite3"), model)?;
    let staged = (|| -> Result<Option<BackupEntry>> {
        let incoming = swap::incoming(data_dir);
        for (rel, bytes) in &carried.keys {
            let target = incoming.join("keys").join(backup::safe_relative(rel).ok_or_else(|| damaged(file))?);
            if let Some(parent) = target.parent() {
                private_dir(parent)?;
            }
            backup::write_synced(&target, bytes)?;
            private_file(&target)?;
        }
        for (rel, bytes) in &carried.outbox {
            let target = incoming.join("outbox").join(rel);
            private_dir(&incoming.join("outbox"))?;
            backup::write_synced(&target, bytes)?;
        }
        backup::safety_copy(data_dir, now)
    })();
    let safety_copy = match staged {
        Ok(copy) => copy,
        Err(e) => {
            swap::discard_incoming(data_dir);
            return Err(e);
        }
    };
    backup::put_in_place(data_dir, Some(!carried.keys.is_empty()), now, safety_copy.as_ref(), model)?;
    Ok(HandoverImport { imported, safety_copy })
}

/// Whether `data_dir` already holds a council or keys (then an import must be told to replace them).
fn refuse_if_in_use(data_dir: &DataDir, model: &dyn DataModel) -> Result<()> {
    let live = data_dir.database();
    let has_council = fs::metadata(&live).is_ok_and(|m| m.len() > 0) && {
        // A file that cannot even be read counts as data: it is not ours to overwrite silently.
        match Connection::open_with_flags(&live, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX) {
            Ok(conn) => model.council(&conn).map(|c| c.is_some()).unwrap_or(true),
            Err(_) => true,
        }
    };
    let has_keys = !backup::files_under(&data_dir.keys())?.is_empty();
    if has_council || has_keys {
        return Err(Error::Conflict(Text::new(
            format!(
                "このデータフォルダ（{}）には既に自治会のデータがあります。引き継ぎファイルで置き換える場合は、\
                 置き換えることを選んでください（今のデータは先にバックアップします）。データは変更していません。",
                data_dir.root().display()
            ),
            format!(
                "The data folder {} already holds a council's data. To replace it with the hand-over, choose to \
                 replace it (the current data is backed up first). Nothing was changed.",
                data_dir.root().display()
            ),
        )));
    }
    Ok(())
}

/// What a hand-over carries beside the data: the files of `keys/` and of `outbox/`.
struct Carried {
    keys: Vec<KeyFile>,
    outbox: Vec<KeyFile>,
}

/// The files of the outbox a hand-over carries: the packages (`<id>.zip`), their records
/// (`<id>.json`) and the drop-box's address (`destination.json`) — never a lock, a half-written
/// temporary file or anything in a sub-folder.
fn outbox_files(data_dir: &DataDir) -> Result<Vec<KeyFile>> {
    backup::files_under(&data_dir.outbox())?
        .into_iter()
        .filter(|(rel, _)| outbox_name(rel))
        .map(|(rel, file)| Ok((rel, fs::read(file)?)))
        .collect()
}

/// Whether `rel` is a name the outbox itself writes (and so one an import may put there).
fn outbox_name(rel: &str) -> bool {
    let stem = rel.strip_suffix(".zip").or_else(|| rel.strip_suffix(".json"));
    stem.is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// The decrypted payload written into `staging` as `council.sqlite3`, checked like a backup, with its
/// keys and outbox read out (the `handover_*` tables are dropped when the data is staged, so the
/// restored data holds exactly the tables the migrations made).
fn unpack(staging: &Staging, file: &Path, plain: &[u8], model: &dyn DataModel) -> Result<(BackupInfo, Carried)> {
    let db_path = staging.path("council.sqlite3");
    backup::write_synced(&db_path, plain)?;
    let contents = match backup::inspect(&db_path, model) {
        Ok(info) => info,
        Err(e @ Error::NewerSchema { .. }) => return Err(e),
        Err(_) => return Err(damaged(file)),
    };
    let conn = Connection::open(&db_path)?;
    let has_keys: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'handover_key'", [], |r| {
            r.get(0)
        })?;
    if has_keys == 0 {
        return Err(not_a_handover(file));
    }
    let keys = {
        let mut stmt = conn.prepare("SELECT path, bytes FROM handover_key ORDER BY path")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if keys.iter().any(|(rel, _)| backup::safe_relative(rel).is_none()) {
        return Err(damaged(file));
    }
    let has_outbox: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'handover_outbox'",
        [],
        |r| r.get(0),
    )?;
    let outbox = if has_outbox == 0 {
        Vec::new()
    } else {
        let mut stmt = conn.prepare("SELECT path, bytes FROM handover_outbox ORDER BY path")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if outbox.iter().any(|(rel, _)| !outbox_name(rel)) {
        return Err(damaged(file));
    }
    // The table stays until the data is staged (the checksum covers it); staging drops it.
    conn.close().map_err(|(_, e)| e)?;
    Ok((contents, Carried { keys, outbox }))
}

fn info_for(file: &Path, encrypted: bool, mut contents: BackupInfo, carried: &Carried) -> Result<HandoverInfo> {
    let size_bytes = fs::metadata(file)?.len();
    let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // The preview speaks of the hand-over file, not of the staged copy it was read from.
    contents.file_name = file_name.clone();
    contents.path = file.display().to_string();
    contents.size_bytes = size_bytes;
    let keys = carried.keys.iter().map(|(rel, _)| rel.clone()).collect();
    let (mut outbox_packages, mut outbox_waiting, mut drop_box) = (0, 0, None);
    for (rel, bytes) in &carried.outbox {
        let json = || serde_json::from_slice::<serde_json::Value>(bytes).ok();
        if rel.ends_with(".zip") {
            outbox_packages += 1;
        } else if rel == "destination.json" {
            drop_box =
                json().and_then(|v| v.get("url").or_else(|| v.get("path")).and_then(|a| a.as_str()).map(str::to_owned));
        } else if json()
            .and_then(|v| v.pointer("/state/state").and_then(|s| s.as_str()).map(str::to_owned))
            .is_some_and(|state| !matches!(state.as_str(), "delivered" | "saved_to_folder"))
        {
            outbox_waiting += 1;
        }
    }
    Ok(HandoverInfo {
        file_name,
        path: file.display().to_string(),
        encrypted,
        size_bytes,
        contents,
        keys,
        outbox_packages,
        outbox_waiting,
        drop_box,
    })
}

/// A passphrase for a new hand-over: long enough to resist guessing.
fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "passphrase",
            Text::new(
                format!(
                    "合言葉（パスフレーズ）は{MIN_PASSPHRASE_CHARS}文字以上にしてください。覚えやすい言葉を2〜3個つなげると安全です。"
                ),
                format!(
                    "Use a passphrase of at least {MIN_PASSPHRASE_CHARS} characters; two or three words joined \
                     together are easy to remember and safe."
                ),
            ),
        ));
    }
    Ok(())
}

fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(out)
}

fn decrypt(file: &Path, ciphertext: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(|_| damaged(file))?;
    if !decryptor.is_scrypt() {
        return Err(damaged(file));
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(r) => r,
        // The checksum matched, so the file is as written: a key that does not open it is the wrong one.
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(wrong_passphrase());
        }
        // Made on a much faster PC with a stronger key derivation than this PC will attempt.
        Err(age::DecryptError::ExcessiveWork { .. }) => {
            return Err(Error::invalid(
                "file",
                Text::new(
                    "この引き継ぎファイルの保護は、このパソコンで開くには重すぎます。前の担当者にもう一度書き出してもらうか、\
                     より新しいパソコンで開いてください。データは変更していません。",
                    "This hand-over file's protection is too heavy for this PC to open. Ask for it to be exported \
                     again, or open it on a newer PC. Nothing was changed.",
                ),
            ));
        }
        Err(_) => return Err(damaged(file)),
    };
    let mut plain = Vec::with_capacity(ciphertext.len());
    reader.read_to_end(&mut plain).map_err(|_| damaged(file))?;
    Ok(plain)
}

/// Header and payload to `<out>.partial`, synced, then renamed to `out`.
fn write_container(out: &Path, protection: u8, payload: &[u8]) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut header = [0u8; HEADER_LEN];
    header[..16].copy_from_slice(MAGIC);
    header[16..18].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    header[18] = protection;
    header[24..32].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    header[32..64].copy_from_slice(&Sha256::digest(payload));
    let partial = backup::companion(out, ".partial");
    let result = (|| -> Result<()> {
        let mut f = fs::File::create(&partial)?;
        f.write_all(&header)?;
        f.write_all(payload)?;
        f.sync_all()?;
        fs::rename(&partial, out)?;
        if let Some(dir) = out.parent() {
            backup::sync_dir(dir);
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

/// Reads and verifies the container; returns whether it was encrypted and the plaintext payload.
fn open_container(file: &Path, passphrase: Option<&str>) -> Result<(bool, Vec<u8>)> {
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(Text::new(
                format!("引き継ぎファイル {} が見つかりません。場所と名前を確かめてください。", file.display()),
                format!("The hand-over file {} was not found. Check where it is and its name.", file.display()),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(not_a_handover(file));
    }
    if bytes.len() < HEADER_LEN {
        return Err(damaged(file));
    }
    let version = u16::from_le_bytes([bytes[16], bytes[17]]);
    if version > FORMAT_VERSION {
        return Err(Error::invalid(
            "file",
            Text::new(
                format!(
                    "{} は新しい版の地域協働デスクで作られた引き継ぎファイルです。アプリを更新してから開いてください。データは変更していません。",
                    file.display()
                ),
                format!(
                    "{} was made by a newer Council Desk. Update the app, then open it again. Nothing was changed.",
                    file.display()
                ),
            ),
        ));
    }
    let protection = bytes[18];
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[24..32]);
    let payload = &bytes[HEADER_LEN..];
    if version == 0
        || !matches!(protection, PLAIN | PASSPHRASE)
        || u64::from_le_bytes(len) != payload.len() as u64
        || Sha256::digest(payload).as_slice() != &bytes[32..64]
    {
        return Err(damaged(file));
    }
    if protection == PLAIN {
        return Ok((false, payload.to_vec()));
    }
    match passphrase {
        Some(p) if !p.is_empty() => Ok((true, decrypt(file, payload, p)?)),
        _ => Err(Error::invalid(
            "passphrase",
            Text::new(
                "この引き継ぎファイルは合言葉（パスフレーズ）で保護されています。前の担当者から聞いた合言葉を入力してください。",
                "This hand-over file is protected with a passphrase. Enter the passphrase the previous officer gave you.",
            ),
        )),
    }
}

fn wrong_passphrase() -> Error {
    Error::invalid(
        "passphrase",
        Text::new(
            "合言葉（パスフレーズ）が違います。大文字・小文字、全角・半角も確かめて、もう一度入力してください。データは変更していません。",
            "The passphrase is not correct. Check upper and lower case and full- and half-width characters, then \
             enter it again. Nothing was changed.",
        ),
    )
}

fn damaged(file: &Path) -> Error {
    Error::invalid(
        "file",
        Text::new(
            format!(
                "引き継ぎファイル {} は途中で切れているか、壊れているか、書き換えられています。データは変更していません。\
                 前の担当者に、もう一度書き出してもらってください。",
                file.display()
            ),
            format!(
                "The hand-over file {} is truncated, damaged or has been altered. Nothing was changed. Ask the \
                 previous officer to export it again.",
                file.display()
            ),
        ),
    )
}

fn not_a_handover(file: &Path) -> Error {
    Error::invalid(
        "file",
        Text::new(
            format!(
                "{} は地域協働デスクの引き継ぎファイルではありません。データは変更していません。前の担当者が「引き継ぎ」で書き出したファイルを選んでください。",
                file.display()
            ),
            format!(
                "{} is not a Council Desk hand-over file. Nothing was changed. Choose the file the previous officer \
                 wrote with \"Hand over\".",
                file.display()
            ),
        ),
    )
}

/// A key file a hand-over carries: its name under `keys/`, and its bytes.
pub type KeyFile = (String, Vec<u8>);

/// A folder of its own for plaintext under the data folder's `tmp/`, which every start clears.
fn temporary(data_dir: &DataDir, what: &str) -> PathBuf {
    data_dir.temporary().join(format!("{what}-{}", uuid::Uuid::now_v7()))
}

/// Makes `dir` (and the folders it needs) readable by its owner alone.
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Makes a file readable and writable by its owner alone (a key, a decrypted copy).
pub(crate) fn private_file(file: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(file, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// A private folder for plaintext while a hand-over is built or read; removed when dropped.
#[derive(Debug)]
struct Staging(PathBuf);

impl Staging {
    fn new(dir: PathBuf) -> Result<Self> {
        backup::remove_dir_if_exists(&dir)?; // a leftover from a crash
        if let Some(parent) = dir.parent() {
            private_dir(parent)?;
        }
        private_dir(&dir)?;
        Ok(Self(dir))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_checked_before_anything_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("h.councilhandover");
        write_container(&file, PLAIN, b"payload").expect("write");
        let (encrypted, plain) = open_container(&file, None).expect("a sound container opens");
        assert!(!encrypted, "written without a passphrase");
        assert_eq!(plain, b"payload", "the payload comes back unchanged");

        let bytes = fs::read(&file).expect("read");
        let mut flipped = bytes.clone();
        *flipped.last_mut().expect("not empty") ^= 1;
        for (name, bad) in [
            ("truncated", bytes[..bytes.len() - 1].to_vec()),
            ("a changed byte", flipped),
            ("header only", bytes[..HEADER_LEN - 3].to_vec()),
        ] {
            fs::write(&file, &bad).expect("write");
            let err = open_container(&file, None).expect_err(name);
            let text = err.text().en;
            assert!(text.contains("truncated, damaged"), "{name}: must say the file is damaged, got {text}");
        }
        fs::write(&file, b"PK\x03\x04 not ours").expect("write");
        let text = open_container(&file, None).expect_err("a zip").text().en;
        assert!(text.contains("not a Council Desk hand-over"), "got {text}");
    }

    #[test]
    fn only_names_the_outbox_writes_are_carried_or_unpacked() {
        for good in [
            "0193a6c2-7f00-7000-8000-000000000001.zip",
            "0193a6c2-7f00-7000-8000-000000000001.json",
            "destination.json",
        ] {
            assert!(outbox_name(good), "{good} travels");
        }
        for bad in ["../evil.zip", "a/b.zip", ".x.json.1.tmp", "x.lock", ".zip", "x.sh", "/etc/passwd.json", "x y.zip"]
        {
            assert!(!outbox_name(bad), "{bad} must not travel, nor be unpacked from a file");
        }
    }

    #[test]
    fn short_passphrases_are_refused() {
        let err = check_new_passphrase("1234567").expect_err("7 characters are too few");
        assert!(matches!(&err, Error::Validation { problems, .. } if problems[0].field == "passphrase"), "{err:?}");
        check_new_passphrase("さくら台の桜並木").expect("8 Japanese characters are enough");
    }
}
