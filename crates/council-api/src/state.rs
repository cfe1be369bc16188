//! What the window shows at start-up and after any change to the profile or settings, and the one
//! way back from data that could not be opened: restoring a backup.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_domain::calendar::{self, FiscalYear, FiscalYearInfo};
use council_domain::council::{self, CouncilProfile};
use council_domain::settings::{self, Settings};
use council_domain::text::Text;
use council_store::APP_VERSION;

use crate::cx::Cx;
use crate::error::ErrorPayload;

/// Everything the window needs at start-up and after any change to the profile or settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppState {
    /// The council, or none before the first-start screen has been completed.
    pub council: Option<CouncilProfile>,
    /// Preferences.
    pub settings: Settings,
    /// The current fiscal year (with the council's start month, or April before set-up).
    pub fiscal_year: FiscalYearInfo,
    /// The fiscal years screens offer to choose from: next, current, and the three before, newest first.
    pub fiscal_years: Vec<FiscalYearInfo>,
    /// Today's date in Japan.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// Today as the UI shows it, in both languages.
    pub today_text: Text,
    /// The data folder.
    pub data_folder: String,
    /// How the data folder was decided: the usual one, one chosen in Settings, or fixed by how the app
    /// was started (then Settings offers no other).
    pub folder_source: FolderSource,
    /// The folder chosen in Settings was not there at the start, so the usual one is open: what to do.
    pub folder_note: Option<Text>,
    /// The database file inside it.
    pub database_file: String,
    /// The app's version.
    pub app_version: String,
    /// Today's automatic backup could not be taken (a full disk, the folder gone), with what to do;
    /// gone once a backup has been taken today.
    pub backup_failure: Option<Text>,
}

/// How the data folder open now was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FolderSource {
    /// The OS's per-user folder.
    Usual,
    /// A folder chosen in Settings.
    Chosen,
    /// Named by how the app was started (`COUNCIL_DESK_DATA`).
    Fixed,
}

fn folder_source(dir: &council_store::data_dir::DataDir) -> FolderSource {
    use council_store::data_dir;
    if data_dir::fixed_by_environment() {
        FolderSource::Fixed
    } else if data_dir::chosen().is_some_and(|c| c == dir.root()) {
        FolderSource::Chosen
    } else {
        FolderSource::Usual
    }
}

/// The state the window shows, read now.
pub fn read(cx: &Cx) -> Result<AppState, ErrorPayload> {
    let dir = cx.dir()?;
    let backup_failed = cx.session()?.startup_notice().is_some();
    cx.read(|r| {
        let today = r.today();
        let start_month = council::start_month(r)?;
        let current = FiscalYear::of(today, start_month);
        Ok::<_, council_domain::Error>(AppState {
            council: council::get(r)?,
            settings: settings::load(r)?,
            fiscal_year: current.info(start_month),
            fiscal_years: (current.0 - 3..=current.0 + 1).rev().map(|y| FiscalYear(y).info(start_month)).collect(),
            today,
            today_text: calendar::date_text(today),
            data_folder: dir.root().display().to_string(),
            folder_source: folder_source(dir),
            folder_note: cx.folder_note(),
            database_file: dir.database().display().to_string(),
            app_version: APP_VERSION.to_owned(),
            // Said in the user's words; the file system's own message is for `council`'s output.
            backup_failure: (backup_failed && !backed_up_on(dir, today)).then(|| {
                Text::new(
                    "今日の自動バックアップを取れませんでした。データフォルダのある場所の空き容量と、USBメモリやネットワークのドライブがつながっているかを確かめてから、設定の「バックアップ」で「今すぐバックアップ」を押してください。",
                    "Today's automatic backup could not be taken. Check the free space where the data folder is, and that a USB stick or network drive holding it is connected, then press Back up now under Backups in Settings.",
                )
            }),
        })
    })
}

/// Whether a backup (of any kind) was taken on `today`, Japan time.
fn backed_up_on(dir: &council_store::data_dir::DataDir, today: NaiveDate) -> bool {
    let Some(japan) = chrono::FixedOffset::east_opt(9 * 3600) else { return false };
    council_store::backup::list(dir)
        .is_ok_and(|list| list.iter().any(|e| e.created_at.with_timezone(&japan).date_naive() == today))
}

/// Restores `backup` (the current data is backed up first): into the open data, or into a data
/// folder whose database could not be opened (damaged), which is then opened.
pub fn recover(cx: &Cx, backup: &Path) -> Result<AppState, ErrorPayload> {
    match cx.session() {
        Ok(session) => {
            council_domain::folder::restore(&session, backup)?;
        }
        Err(_) => {
            let dir = cx.dir()?.clone();
            let clock = cx.clock();
            council_store::backup::restore(&dir, backup, clock.now(), &council_domain::MODEL)?;
            let session = council_domain::open(dir, clock)?;
            cx.replace_session(session);
        }
    }
    read(cx)
}
