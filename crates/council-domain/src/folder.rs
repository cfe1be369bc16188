//! Use cases about a council's data folder as a whole: what it holds (`council info`), backups saved
//! elsewhere, restoring one, the hand-over to the next officer's PC, and recording that data left the
//! PC. The store does the file work; here the council's rules apply — a copy taken out is remembered,
//! and every export of personal data is recorded in the change history.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_store::backup::{self, BackupEntry, BackupInfo, RestoreOutcome};
use council_store::data_dir::DataDir;
use council_store::handover::{self, HandoverImport, HandoverInfo};
use council_store::model::RecordCount;

use crate::audit::{AuditAction, Change};
use crate::calendar::FiscalYearInfo;
use crate::error::Result;
use crate::{MODEL, Session, Write, council, record_counts, settings};

/// A summary of the council's data (`council info`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CouncilInfo {
    /// The council's name.
    pub name: String,
    /// True for the demo council.
    pub is_demo: bool,
    /// The current fiscal year.
    pub fiscal_year: FiscalYearInfo,
    /// The database file.
    pub database_file: String,
    /// Record counts.
    pub counts: Vec<RecordCount>,
}

/// A summary of the council's data on `today`.
pub fn info(session: &Session) -> Result<CouncilInfo> {
    session.read(|r| {
        let c = council::require(r)?;
        Ok(CouncilInfo {
            name: c.name,
            is_demo: c.is_demo,
            fiscal_year: council::current_fiscal_year(r, r.today())?,
            database_file: session.dir().database().display().to_string(),
            counts: record_counts(r)?,
        })
    })
}

/// Writes a backup to `dest` (a USB stick, another folder). An existing file is not overwritten. The
/// day is remembered: Home says when no copy has left the PC for a while.
pub fn backup_to(session: &Session, dest: &Path) -> Result<BackupEntry> {
    let now = session.now();
    let entry = session.with_writer(|store| backup::export(store.conn(), session.dir(), dest, now))?;
    session.write(|w| settings::record_copy_out(w, w.now()))?;
    Ok(entry)
}

/// Ends the demo: the demo council's data is kept as a backup (listed in Settings → バックアップ, to
/// restore it later), then the data folder starts empty, as on the first start, for the council's own
/// data. Refused for a council that is not the demo, or a demo shared with other PCs. A stop half-way
/// leaves the demo, or the empty folder with the backup already written: nothing is lost.
pub fn end_demo(session: &Session) -> Result<BackupEntry> {
    let (is_demo, shared) = session.read(|r| {
        let demo = council::get(r)?.is_some_and(|c| c.is_demo);
        let shared: i64 = r.query_row("SELECT count(*) FROM sync_state", [], |row| row.get(0))?;
        Ok::<_, crate::Error>((demo, shared > 0))
    })?;
    if !is_demo {
        return Err(crate::Error::invalid(
            "council",
            crate::text::Text::new(
                "デモの自治会ではないので、終えることはできません。",
                "This is not the demo council, so there is no demo to end.",
            ),
        ));
    }
    if shared {
        return Err(crate::Error::invalid(
            "council",
            crate::text::Text::new(
                "このデモはほかのPCと共有しているので、ここでは終えられません。新しいデータフォルダで始めてください。",
                "This demo is shared with other PCs, so it cannot be ended here. Start your council in a new data folder.",
            ),
        ));
    }
    let entry = session.backup_now(council_store::entry::BackupReason::Manual)?;
    session.replace_data(|dir, now| {
        // The connections are closed (the write-ahead log checkpointed into the file). The file is
        // moved aside in one rename, then removed; the folder then opens empty. The demo's
        // attachments stay: its backup refers to them.
        let db = dir.database();
        for suffix in ["-wal", "-shm"] {
            match std::fs::remove_file(format!("{}{suffix}", db.display())) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        let aside = dir.temporary().join(format!("demo-ended-{}.sqlite3", now.timestamp()));
        std::fs::create_dir_all(dir.temporary())?;
        std::fs::rename(&db, &aside)?;
        std::fs::remove_file(&aside)?;
        Ok(())
    })?;
    Ok(entry)
}

/// What a backup holds, for the preview before restoring it.
pub fn inspect_backup(path: &Path) -> Result<BackupInfo> {
    backup::inspect(path, &MODEL)
}

/// Replaces the data with `path`'s, after backing up the current data. A bad file is refused while
/// everything is still open and unchanged; the session reopens on the restored data, or on the
/// untouched data if the restore failed.
pub fn restore(session: &Session, path: &Path) -> Result<RestoreOutcome> {
    backup::inspect(path, &MODEL)?;
    session.replace_data(|dir, now| backup::restore(dir, path, now, &MODEL))
}

/// Writes a hand-over file of the whole data folder to `out` (database, attachments, and the key
/// files `keys` as prepared for the next PC — `None`: `keys/` as it is), encrypted when a passphrase
/// is given. The hand-over is recorded in the change history.
pub fn export_handover(
    session: &Session,
    out: &Path,
    passphrase: Option<&str>,
    keys: Option<Vec<handover::KeyFile>>,
) -> Result<HandoverInfo> {
    let now = session.now();
    let info = session
        .with_writer(|store| handover::export(store.conn(), session.dir(), out, passphrase, keys, now, &MODEL))?;
    let summary = format!("引き継ぎファイル「{}」を書き出し", info.file_name);
    let details = serde_json::json!({ "encrypted": info.encrypted, "keys": info.keys.len() });
    session.write(|w| record_export(w, "handover", &info.file_name, summary, details))?;
    Ok(info)
}

/// What a hand-over file holds, for the preview of the guided import.
/// The plaintext is unpacked inside the data folder `dir` (never the system's temporary folder).
pub fn inspect_handover(dir: &DataDir, file: &Path, passphrase: Option<&str>) -> Result<HandoverInfo> {
    handover::inspect(dir, file, passphrase, &MODEL)
}

/// Replaces this folder's data with a hand-over's, after backing up the current data (as [`restore`]
/// does). The file and the passphrase are checked before anything is written.
pub fn import_handover(session: &Session, file: &Path, passphrase: Option<&str>) -> Result<HandoverImport> {
    session.replace_data(|dir, now| handover::import(dir, now, file, passphrase, true, &MODEL))
}

/// Records that data left the PC (an export of the roster, of every table, a hand-over): personal
/// information leaving the PC is always in the change history.
pub fn record_export(
    w: &Write<'_>,
    entity: &str,
    entity_id: &str,
    summary: String,
    details: serde_json::Value,
) -> Result<()> {
    w.record(Change { entity, entity_id, action: AuditAction::Create, summary, before: None, after: Some(details) })
}

/// A file name for something saved outside the data folder: the council's name, what it is and
/// today's date (`さくら台自治会-引き継ぎ-20261123.handover`).
pub fn suggested_name(conn: &rusqlite::Connection, what: &str, extension: &str, today: NaiveDate) -> String {
    let name = council::get(conn).ok().flatten().map_or_else(|| "council".to_owned(), |c| c.name);
    let safe: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
    format!("{safe}-{what}-{}.{extension}", today.format("%Y%m%d"))
}

/// What a folder chosen as the data folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChosenFolder {
    /// A council's data: it opens as it is.
    Council,
    /// Nothing: the first start's screen opens there, for a new council or the demo.
    Empty,
}

/// Checks a folder chosen in Settings as the data folder, before anything is remembered: a folder
/// holding a council's data (its database file) or an empty one. The one open now, a file, or a
/// folder of other things (documents, photos) is refused with what to do.
pub fn check_chosen_folder(current: &DataDir, chosen: &Path) -> Result<ChosenFolder> {
    let refuse = |ja: String, en: String| {
        Err(crate::Error::Conflict(crate::text::Text::new(
            format!("{ja} データフォルダは変えていません。"),
            format!("{en} The data folder was not changed."),
        )))
    };
    let shown = chosen.display();
    if !chosen.is_dir() {
        return refuse(
            format!("「{shown}」はフォルダではありません。フォルダを選んでください。"),
            format!("“{shown}” is not a folder. Choose a folder."),
        );
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(current.root(), chosen) {
        return refuse(
            format!("「{shown}」は今開いているデータフォルダです。"),
            format!("“{shown}” is the data folder open now."),
        );
    }
    if DataDir::at(chosen).database().is_file() {
        return Ok(ChosenFolder::Council);
    }
    let empty = std::fs::read_dir(chosen).map(|mut entries| entries.next().is_none()).unwrap_or(false);
    if empty {
        return Ok(ChosenFolder::Empty);
    }
    refuse(
        format!(
            "「{shown}」には自治会のデータ（council.sqlite3）がなく、ほかのファイルが入っています。\
             自治会のデータが入ったフォルダか、新しく作った空のフォルダを選んでください。"
        ),
        format!(
            "“{shown}” holds no council data (council.sqlite3) but other files. Choose a folder holding a \
             council's data, or a new, empty folder."
        ),
    )
}
