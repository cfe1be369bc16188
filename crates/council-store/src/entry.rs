//! The backups of a data folder as a list shows them: why each was taken, its name (which carries
//! when and why), and the times people read. A leaf: the error type names the newest good backup
//! with [`BackupEntry`], and everything here is read from names and sizes alone.

use chrono::{DateTime, Utc};
use council_base::calendar;
use council_base::clock::jst;
use council_base::text::Text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The start of every backup file's name.
const FILE_PREFIX: &str = "council-";
/// The end of every backup file's name.
const FILE_SUFFIX: &str = ".sqlite3";
/// How the timestamp in a name is written (UTC).
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The first start of the day.
    Daily,
    /// Asked for by a person (button, `council backup`).
    Manual,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
    /// The data as it was just before a schema upgrade.
    BeforeMigration,
    /// The data as it was just before an import.
    BeforeImport,
    /// The data as it was just before a change to many records at once.
    BeforeBulkChange,
}

impl BackupReason {
    /// Every reason, in the order the UI lists them.
    pub const ALL: [BackupReason; 6] = [
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::BeforeRestore,
        BackupReason::BeforeMigration,
        BackupReason::BeforeImport,
        BackupReason::BeforeBulkChange,
    ];

    /// The word used in file names and `backup_meta`.
    pub fn slug(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeBulkChange => "before-bulk-change",
        }
    }

    /// The reason named by `slug`.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// What the reason means to a person.
    pub fn label(self) -> Text {
        match self {
            BackupReason::Daily => Text::new("毎日の自動バックアップ", "daily automatic backup"),
            BackupReason::Manual => Text::new("手動バックアップ", "manual backup"),
            BackupReason::BeforeRestore => Text::new("復元する前のデータ", "data before a restore"),
            BackupReason::BeforeMigration => Text::new("アプリ更新前のデータ", "data before an app update"),
            BackupReason::BeforeImport => Text::new("取り込み前のデータ", "data before an import"),
            BackupReason::BeforeBulkChange => Text::new("一括変更前のデータ", "data before a bulk change"),
        }
    }

    /// Safety copies (everything but the daily backup) are never rotated away while young.
    pub fn is_safety_copy(self) -> bool {
        self != BackupReason::Daily
    }
}

/// One backup in the `backups/` folder, as the list shows it (read from its name and size only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupEntry {
    /// The file's name (`council-20261123T030000Z-daily.sqlite3`).
    pub file_name: String,
    /// The file's full path, to pass back to `inspect_backup` or `restore`.
    pub path: String,
    /// When it was taken (UTC).
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// Why it was taken.
    pub reason: BackupReason,
    /// Its size in bytes.
    pub size_bytes: u64,
}

impl BackupEntry {
    /// When it was taken, in Japan time, as the UI shows it: `令和8年（2026年）11月23日 12:00`.
    pub fn created_at_text(&self) -> Text {
        instant_text(self.created_at)
    }
}

/// An instant in Japan time, as people read it.
pub fn instant_text(at: DateTime<Utc>) -> Text {
    let local = at.with_timezone(&jst());
    let date = calendar::date_text(local.date_naive());
    let time = local.format("%H:%M");
    Text::new(format!("{} {time}", date.ja), format!("{} {time}", date.en))
}

/// The file name of a backup taken at `at` for `reason`; `n > 1` tells apart backups taken in the
/// same second for the same reason.
pub fn file_name(at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
    let stamp = at.format(STAMP_FORMAT);
    let slug = reason.slug();
    if n > 1 {
        format!("{FILE_PREFIX}{stamp}-{slug}-{n}{FILE_SUFFIX}")
    } else {
        format!("{FILE_PREFIX}{stamp}-{slug}{FILE_SUFFIX}")
    }
}

/// The time and reason a backup's file name carries; `None` for any other file.
pub fn parse_file_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix(FILE_PREFIX)?.strip_suffix(FILE_SUFFIX)?;
    let (stamp, slug) = rest.split_once('-')?;
    let at = chrono::NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?.and_utc();
    let reason = BackupReason::from_slug(slug).or_else(|| {
        let (base, n) = slug.rsplit_once('-')?;
        n.parse::<u32>().ok().filter(|n| *n > 1)?;
        BackupReason::from_slug(base)
    })?;
    Some((at, reason))
}
