//! The application facade: one council's data folder, opened. The desktop shell's commands and the
//! `council` command call these use cases; each reads the clock once and runs as one transaction.
//!
//! Opening is where data safety starts: a quick integrity check (a damaged file is refused, with the
//! newest good backup named), a backup before any schema upgrade, and the day's first backup.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attachments::{self, Attachment, AttachmentId};
use crate::audit::{self, AuditAction, AuditEntry, Change};
use crate::backup::{self, BackupEntry, BackupInfo, BackupReason, RestoreOutcome};
use crate::calendar::{self, FiscalYear, FiscalYearInfo};
use crate::clock::{Clock, jst};
use crate::council::{self, CouncilProfile, CouncilProfileInput};
use crate::data_dir::DataDir;
use crate::demo;
use crate::dues::{self, DuesOverview, DuesPayment, DuesPaymentInput, DuesRate, DuesRow};
use crate::error::{Error, Result};
use crate::events::{self, Event, EventId, EventInput, EventNotice};
use crate::grants::settlement::{self as grant_settlement, BudgetVsActual, Settlement, SettlementInput};
use crate::grants::{
    self, BudgetCheck, BudgetInput, GrantApplication, GrantApplicationChoice, GrantApplicationId,
    GrantApplicationInput, GrantApplicationSummary, GrantDeadline, GrantExpenseId, GrantExpenseInput, GrantProgram,
    GrantProgramId, GrantProgramInput, GrantTransition, LinkedEvent, Receipt, ReceiptChange, ReceiptFile,
};
use crate::handover::{self, HandoverImport, HandoverInfo};
use crate::integrity::{self, Depth, IntegrityReport};
use crate::meetings::minutes::{self, Minutes, MinutesId, MinutesInput};
use crate::meetings::papers::{self, MeetingPaper, PaperKind};
use crate::meetings::{
    self, ActionItem, ActionItemId, ActionItemInput, ActionItemStatus, AgendaItemId, AgendaItemInput, AttendanceInput,
    Meeting, MeetingId, MeetingInput, MeetingList, MeetingQuery, MinutesStatus, MotionResultInput, QuorumRule,
};
use crate::members::{
    self, Block, BlockId, BlockInput, Household, HouseholdCounts, HouseholdId, HouseholdInput, LeaveReason, MemberPage,
    MemberQuery, PersonHit,
};
use crate::officers::{self, CarryChoice, OfficerTerm, OfficerTermId, OfficerTermInput};
use crate::open_data::{self, OpenDataExport, OpenDataFormat};
use crate::partners::{self, Partner, PartnerId, PartnerInput};
use crate::plan::{
    self, ActionChoice, ActionId, ActionInput, ActionStatus, IndicatorId, IndicatorInput, IndicatorOwner, MeasureId,
    MeasureInput, Plan, PlanId, PlanInput, PlanNode, PlanSummary, PolicyId, PolicyInput, Review,
};
use crate::roster_io::{
    self, Encoding, ExportEncoding, ExportFile, ExportFormat, ExportScope, ImportOptions, ImportPreview, ImportSummary,
    OnDuplicate, RosterField,
};
use crate::settings::{self, Settings, SettingsPatch};
use crate::store::{Memo, Store};
use crate::text::Text;

/// This build's version (the whole workspace shares one).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

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
    /// The database file inside it.
    pub database_file: String,
    /// The app's version.
    pub app_version: String,
}

/// A count of one kind of record, for `council info` and Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecordCount {
    /// Stable key (`audit_entries`, `households`, …).
    pub key: String,
    /// What is counted, in both languages.
    pub label: Text,
    /// How many.
    pub count: i64,
}

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

/// The record counts of a database, the same for `council info` and a backup's preview.
pub(crate) fn record_counts(conn: &rusqlite::Connection) -> Result<Vec<RecordCount>> {
    let count = |key: &str, ja: &str, en: &str, count: i64| RecordCount {
        key: key.to_owned(),
        label: Text::new(ja, en),
        count,
    };
    Ok(vec![
        count("households", "加入世帯", "Member households", members::member_household_count(conn)?),
        count("persons", "会員（人）", "Members (persons)", members::person_count(conn)?),
        count("blocks", "班・組", "Blocks", members::blocks(conn)?.len() as i64),
        count("partners", "連携団体", "Partners", partners::list(conn)?.len() as i64),
        count("audit_entries", "変更履歴", "Recorded changes", audit::count(conn)?),
    ])
}

/// One council's data folder, opened.
#[derive(Debug)]
pub struct Desk {
    store: Store,
    clock: Box<dyn Clock>,
    data_dir: DataDir,
    startup_notice: Option<Text>,
    /// Home's slowest figures on a large council, kept until the data changes (the window prepares
    /// them while it starts), and in the data folder's `cache/` for the next opening.
    dues_overview: Memo<(FiscalYear, u32), DuesOverview>,
    household_counts: Memo<(NaiveDate, NaiveDate), HouseholdCounts>,
}

/// Opens the live database of `data_dir`: refuses a damaged file (naming the newest good backup),
/// backs up a file with an older schema before upgrading it, then opens it with the house pragmas.
fn open_store(data_dir: &DataDir, now: DateTime<Utc>) -> Result<Store> {
    let file = data_dir.database();
    if std::fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
        let problems = integrity::check_file(&file, Depth::Quick)?;
        if !problems.is_empty() {
            return Err(Error::Damaged {
                file: file.display().to_string(),
                problems,
                newest_good: backup::newest_good(data_dir),
            });
        }
        backup::before_migration(data_dir, &file, now)?;
    }
    Store::open(&file)
}

impl Desk {
    /// Opens (creating if needed) the data folder's database and brings its schema up to date.
    ///
    /// A damaged database is refused with [`Error::Damaged`] (never opened and carried on with); a
    /// database with an older schema is backed up before it is upgraded; and the first opening of the
    /// day takes the daily backup and rotates old ones. A daily backup that fails (a full disk) does
    /// not stop the app: it is reported by [`Desk::startup_notice`].
    pub fn open(data_dir: DataDir, clock: Box<dyn Clock>) -> Result<Self> {
        data_dir.ensure()?;
        let now = clock.now();
        let store = open_store(&data_dir, now)?;
        let mut desk = Self {
            store,
            clock,
            dues_overview: Memo::kept_in(data_dir.cache().join("dues-overview.json")),
            household_counts: Memo::kept_in(data_dir.cache().join("household-counts.json")),
            data_dir,
            startup_notice: None,
        };
        if let Err(e) = desk.daily_backup(now) {
            let why = e.text();
            desk.startup_notice = Some(Text::new(
                format!("今日の自動バックアップを取れませんでした。{}", why.ja),
                format!("Today's automatic backup could not be taken. {}", why.en),
            ));
        }
        Ok(desk)
    }

    /// Restores `backup` into a data folder whose database cannot be opened (damaged), then opens it.
    /// The damaged file is kept as a `before-restore` copy in `backups/`.
    pub fn recover(data_dir: DataDir, clock: Box<dyn Clock>, backup: &Path) -> Result<(Self, RestoreOutcome)> {
        data_dir.ensure()?;
        let outcome = backup::restore(&data_dir, backup, clock.now())?;
        Ok((Self::open(data_dir, clock)?, outcome))
    }

    /// The day's first backup, if the council exists and none was taken today (Japan time).
    fn daily_backup(&mut self, now: DateTime<Utc>) -> Result<Option<BackupEntry>> {
        if council::get(self.store.conn())?.is_none() {
            return Ok(None); // nothing to protect yet
        }
        let today = now.with_timezone(&jst()).date_naive();
        if backup::has_daily_on(&backup::list(&self.data_dir)?, today) {
            return Ok(None);
        }
        let entry = backup::create(self.store.conn(), &self.data_dir, BackupReason::Daily, now)?;
        backup::prune(&self.data_dir, now)?;
        Ok(Some(entry))
    }

    /// A problem at start-up that did not stop the app but that a person should hear about (the
    /// daily backup failed).
    pub fn startup_notice(&self) -> Option<&Text> {
        self.startup_notice.as_ref()
    }

    /// What Home shows as needing attention now.
    pub fn home(&self) -> Result<crate::home::HomeSummary> {
        crate::home::summary(self.store.conn(), &self.data_dir, self.clock.now(), self.clock.today())
    }

    /// The backups in the data folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupEntry>> {
        backup::list(&self.data_dir)
    }

    /// Takes a backup now into `backups/` (before an import or bulk change, or when asked), then
    /// rotates old ones.
    pub fn backup_now(&mut self, reason: BackupReason) -> Result<BackupEntry> {
        let now = self.clock.now();
        let entry = backup::create(self.store.conn(), &self.data_dir, reason, now)?;
        backup::prune(&self.data_dir, now)?;
        Ok(entry)
    }

    /// Writes a backup to `dest` (a USB stick, another folder). An existing file is not overwritten.
    /// The day is remembered: Home says when no copy has left the PC for a while.
    pub fn backup_to(&mut self, dest: &Path) -> Result<BackupEntry> {
        let now = self.clock.now();
        let entry = backup::export(self.store.conn(), &self.data_dir, dest, now)?;
        self.store.write(|tx| crate::settings::record_copy_out(tx, now))?;
        Ok(entry)
    }

    /// What a backup holds, for the preview before restoring it.
    pub fn inspect_backup(&self, path: &Path) -> Result<BackupInfo> {
        backup::inspect(path)
    }

    /// Replaces the data with `path`'s, after backing up the current data. The store is closed for the
    /// swap and reopened afterwards — on the restored data, or on the untouched data if it failed.
    pub fn restore(&mut self, path: &Path) -> Result<RestoreOutcome> {
        backup::inspect(path)?; // refuse a bad file while everything is still open and unchanged
        let now = self.clock.now();
        drop(std::mem::replace(&mut self.store, Store::closed()?));
        let outcome = backup::restore(&self.data_dir, path, now);
        self.store = open_store(&self.data_dir, now)?;
        outcome
    }

    /// Writes a hand-over file of the whole data folder to `out` (database, attachments, `keys/`),
    /// encrypted when a passphrase is given. The hand-over is recorded in the change history.
    pub fn export_handover(&mut self, out: &Path, passphrase: Option<&str>) -> Result<HandoverInfo> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let info = handover::export(self.store.conn(), &self.data_dir, out, passphrase, now)?;
        let summary = format!("引き継ぎファイル「{}」を書き出し", info.file_name);
        let details = serde_json::json!({ "encrypted": info.encrypted, "keys": info.keys.len() });
        self.record_export("handover", &info.file_name, summary, details, now, &actor)?;
        Ok(info)
    }

    /// Replaces this folder's data with a hand-over's, after backing up the current data (as
    /// [`Desk::restore`] does). The store is closed for the swap and reopened afterwards.
    pub fn import_handover(&mut self, file: &Path, passphrase: Option<&str>) -> Result<HandoverImport> {
        // `import` checks the file and the passphrase before it writes anything; if it refuses, the
        // untouched data is reopened.
        let now = self.clock.now();
        drop(std::mem::replace(&mut self.store, Store::closed()?));
        let outcome = handover::import(&self.data_dir, now, file, passphrase, true);
        self.store = open_store(&self.data_dir, now)?;
        outcome
    }

    /// Exports every table of the council to plain files (one JSON document, one workbook, or one CSV
    /// file per table in the folder `out`). Recorded in the change history: personal data leaves the PC.
    pub fn export_all(&mut self, format: OpenDataFormat, out: &Path) -> Result<OpenDataExport> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let export = open_data::export(self.store.conn(), format, out, now)?;
        let summary = format!("全データを書き出し（{}）", export.path);
        let details = serde_json::json!({ "format": format, "tables": export.tables.len() });
        self.record_export("open_data_export", &export.path, summary, details, now, &actor)?;
        Ok(export)
    }

    /// Records that data left the PC.
    fn record_export(
        &mut self,
        entity: &str,
        entity_id: &str,
        summary: String,
        details: serde_json::Value,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.store.write(|tx| {
            audit::record(
                tx,
                now,
                actor,
                Change { entity, entity_id, action: AuditAction::Create, summary, before: None, after: Some(details) },
            )
        })
    }

    /// The full integrity check of the open database.
    pub fn check(&self) -> Result<IntegrityReport> {
        let problems = integrity::problems(self.store.conn(), Depth::Full)?;
        Ok(integrity::report(&self.data_dir, problems))
    }

    /// The data folder.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    /// The instant by the desk's clock (pinned in tests), for crates that stamp what they make
    /// (a submission package's creation time).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The store (for crates that render or package its data).
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn operator(&self) -> Result<String> {
        Ok(settings::load(self.store.conn())?.operator_name)
    }

    fn start_month(&self) -> Result<u32> {
        Ok(council::get(self.store.conn())?.map_or(4, |c| c.fiscal_year_start_month))
    }

    /// The current fiscal year of the council.
    pub fn current_fiscal_year(&self) -> Result<FiscalYearInfo> {
        let start_month = self.start_month()?;
        Ok(FiscalYear::of(self.clock.today(), start_month).info(start_month))
    }

    /// The state the window shows.
    pub fn app_state(&self) -> Result<AppState> {
        Ok(AppState {
            council: council::get(self.store.conn())?,
            settings: settings::load(self.store.conn())?,
            fiscal_year: self.current_fiscal_year()?,
            fiscal_years: {
                let current = self.current_fiscal_year()?.year;
                let m = self.start_month()?;
                (current - 3..=current + 1).rev().map(|y| FiscalYear(y).info(m)).collect()
            },
            today: self.clock.today(),
            today_text: calendar::date_text(self.clock.today()),
            data_folder: self.data_dir.root().display().to_string(),
            database_file: self.data_dir.database().display().to_string(),
            app_version: APP_VERSION.to_owned(),
        })
    }

    /// First start: registers the council's profile.
    pub fn set_up_council(&mut self, input: &CouncilProfileInput) -> Result<AppState> {
        let now = self.clock.now();
        let actor = self.operator()?;
        self.store.write(|tx| council::create(tx, input, false, now, &actor))?;
        self.app_state()
    }

    /// First start: loads the demo council instead.
    pub fn set_up_demo(&mut self) -> Result<AppState> {
        self.set_up_demo_scaled(demo::Scale::Standard)
    }

    /// Loads the demo council at a scale (the large one is for benchmarks).
    pub fn set_up_demo_scaled(&mut self, scale: demo::Scale) -> Result<AppState> {
        let (now, today) = (self.clock.now(), self.clock.today());
        let (actor, dir) = (self.operator()?, self.data_dir.attachments());
        self.store.write(|tx| demo::create_scaled(tx, &dir, scale, today, now, &actor))?;
        self.app_state()
    }

    /// Changes the council's profile (Settings).
    pub fn update_council(&mut self, input: &CouncilProfileInput) -> Result<AppState> {
        let now = self.clock.now();
        let actor = self.operator()?;
        self.store.write(|tx| council::update(tx, input, now, &actor))?;
        self.app_state()
    }

    /// Changes preferences (language, text size, operator name).
    pub fn update_settings(&mut self, patch: &SettingsPatch) -> Result<AppState> {
        let now = self.clock.now();
        self.store.write(|tx| {
            let (before, after) = settings::apply(tx, patch)?;
            if before != after {
                audit::record(
                    tx,
                    now,
                    &after.operator_name,
                    Change {
                        entity: "settings",
                        entity_id: "settings",
                        action: AuditAction::Update,
                        summary: "設定を変更".to_owned(),
                        before: serde_json::to_value(&before).ok(),
                        after: serde_json::to_value(&after).ok(),
                    },
                )?;
            }
            Ok(())
        })?;
        self.app_state()
    }

    /// The history of one record, oldest first.
    pub fn history(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
        audit::for_record(self.store.conn(), entity, entity_id)
    }

    /// The latest changes, newest first.
    pub fn recent_changes(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        audit::recent(self.store.conn(), limit)
    }

    /// A summary of the data (`council info`).
    pub fn info(&self) -> Result<CouncilInfo> {
        let c = council::require(self.store.conn())?;
        Ok(CouncilInfo {
            name: c.name,
            is_demo: c.is_demo,
            fiscal_year: self.current_fiscal_year()?,
            database_file: self.data_dir.database().display().to_string(),
            counts: record_counts(self.store.conn())?,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Members

    /// Every block, in the council's order.
    pub fn blocks(&self) -> Result<Vec<Block>> {
        members::blocks(self.store.conn())
    }

    /// Adds a block; returns the blocks.
    pub fn create_block(&mut self, input: &BlockInput) -> Result<Vec<Block>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::create_block(tx, input, now, &actor))?;
        self.blocks()
    }

    /// Renames a block; returns the blocks.
    pub fn update_block(&mut self, id: &BlockId, input: &BlockInput) -> Result<Vec<Block>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::update_block(tx, id, input, now, &actor))?;
        self.blocks()
    }

    /// A page of the member list.
    pub fn members(&self, query: &MemberQuery) -> Result<MemberPage> {
        members::list(self.store.conn(), query)
    }

    /// One household with its persons.
    pub fn household(&self, id: &HouseholdId) -> Result<Household> {
        members::household(self.store.conn(), id)
    }

    /// Adds a household with its persons.
    pub fn create_household(&mut self, input: &HouseholdInput) -> Result<Household> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| members::create_household(tx, input, now, &actor))?;
        self.household(&id)
    }

    /// Changes a household and its persons.
    pub fn update_household(&mut self, id: &HouseholdId, input: &HouseholdInput) -> Result<Household> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::update_household(tx, id, input, now, &actor))?;
        self.household(id)
    }

    /// A file name for a backup saved outside the data folder: the council's name and today's date.
    pub fn suggested_backup_name(&self) -> String {
        self.suggested_name("バックアップ", "sqlite3")
    }

    /// A file name for a hand-over file (`さくら台自治会-引き継ぎ-20261123.handover`).
    pub fn suggested_handover_name(&self) -> String {
        self.suggested_name("引き継ぎ", "handover")
    }

    /// A file name for an export of all the data in `format`.
    pub fn suggested_export_name(&self, format: OpenDataFormat) -> String {
        match format {
            OpenDataFormat::Json => self.suggested_name("全データ", "json"),
            OpenDataFormat::Xlsx => self.suggested_name("全データ", "xlsx"),
            OpenDataFormat::Csv => self.suggested_name("全データ", "csv").trim_end_matches(".csv").to_owned(),
        }
    }

    fn suggested_name(&self, what: &str, extension: &str) -> String {
        let name = council::get(self.store.conn()).ok().flatten().map_or_else(|| "council".to_owned(), |c| c.name);
        let safe: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
        format!("{safe}-{what}-{}.{extension}", self.clock.today().format("%Y%m%d"))
    }

    /// Deletes a household entered by mistake (it can be brought back from the history).
    pub fn delete_household(&mut self, id: &HouseholdId) -> Result<Vec<AuditEntry>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::delete_household(tx, id, now, &actor))?;
        self.deleted_households()
    }

    /// Brings back the household deleted at history entry `seq`.
    pub fn restore_household(&mut self, seq: i64) -> Result<Household> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| members::restore_household(tx, seq, now, &actor))?;
        self.household(&id)
    }

    /// Deleted records that can still be brought back (households and officers' terms), newest first.
    pub fn deleted_households(&self) -> Result<Vec<AuditEntry>> {
        let mut list = audit::deletions(self.store.conn(), "household", 50)?;
        list.extend(audit::deletions(self.store.conn(), "officer_term", 50)?);
        list.sort_by_key(|e| std::cmp::Reverse(e.seq));
        Ok(list)
    }

    /// Brings back the record deleted at history entry `seq` (a household or an officer's term).
    pub fn restore_deleted(&mut self, seq: i64) -> Result<()> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let entity: Option<String> =
            self.store.conn().query_row("SELECT entity FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).ok();
        self.store.write(|tx| match entity.as_deref() {
            Some("officer_term") => officers::restore(tx, seq, now, &actor).map(drop),
            _ => members::restore_household(tx, seq, now, &actor).map(drop),
        })
    }

    /// Moves a household to another block from a date on.
    pub fn move_household(
        &mut self,
        id: &HouseholdId,
        block: Option<&BlockId>,
        from_date: NaiveDate,
    ) -> Result<Household> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::move_household(tx, id, block, from_date, now, &actor))?;
        self.household(id)
    }

    /// Records that a household left.
    pub fn leave_household(&mut self, id: &HouseholdId, left_on: NaiveDate, reason: LeaveReason) -> Result<Household> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| members::leave_household(tx, id, left_on, reason, now, &actor))?;
        self.household(id)
    }

    /// Member households on a date (default today) by block, with the fiscal year's joins and leaves.
    pub fn household_counts(&self, as_of: Option<NaiveDate>) -> Result<HouseholdCounts> {
        let start_month = self.start_month()?;
        let as_of = as_of.unwrap_or_else(|| self.clock.today());
        let year_start = FiscalYear::of(as_of, start_month).start(start_month);
        self.household_counts
            .get_or(&self.store, (as_of, year_start), || members::counts(self.store.conn(), as_of, year_start))
    }

    /// One query across members and partners (the search box on every screen).
    pub fn search(&self, text: &str) -> Result<crate::search::SearchResults> {
        crate::search::global(self.store.conn(), text, 8)
    }

    /// Persons of member households matching a name, reading or phone.
    pub fn find_persons(&self, text: &str) -> Result<Vec<PersonHit>> {
        members::find_persons(self.store.conn(), text, 20)
    }

    fn fiscal_year_or_current(&self, year: Option<i32>) -> Result<(FiscalYear, u32)> {
        let start_month = self.start_month()?;
        Ok((year.map(FiscalYear).unwrap_or_else(|| FiscalYear::of(self.clock.today(), start_month)), start_month))
    }

    // -----------------------------------------------------------------------------------------
    // Officers

    /// The officers of a fiscal year (default: the current one), in the order of the city's list.
    pub fn officers(&self, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>> {
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        officers::list(self.store.conn(), fy.start(m), fy.end(m))
    }

    /// Records an officer's term in a fiscal year (default: the current one); returns that year's list.
    pub fn create_officer(&mut self, input: &OfficerTermInput, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>> {
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| officers::create(tx, input, fy, m, now, &actor))?;
        self.officers(Some(fy.0))
    }

    /// Removes a term recorded by mistake; returns the fiscal year's list.
    pub fn delete_officer(&mut self, id: &OfficerTermId, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| officers::delete(tx, id, now, &actor))?;
        self.officers(fiscal_year)
    }

    /// Carries a year's officers to the next year with the given changes; returns the next year's list.
    pub fn carry_officers(&mut self, from_year: i32, choices: &[CarryChoice]) -> Result<Vec<OfficerTerm>> {
        let m = self.start_month()?;
        // A bulk change: the data is backed up first.
        self.backup_now(crate::backup::BackupReason::BeforeBulkChange)?;
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| officers::carry_over(tx, FiscalYear(from_year), m, choices, now, &actor))?;
        self.officers(Some(from_year + 1))
    }

    // -----------------------------------------------------------------------------------------
    // Partners

    /// Every partner.
    pub fn partners(&self) -> Result<Vec<Partner>> {
        partners::list(self.store.conn())
    }

    /// Adds a partner; returns the list.
    pub fn create_partner(&mut self, input: &PartnerInput) -> Result<Vec<Partner>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| partners::create(tx, input, now, &actor))?;
        self.partners()
    }

    /// Changes a partner; returns the list.
    pub fn update_partner(&mut self, id: &PartnerId, input: &PartnerInput) -> Result<Vec<Partner>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| partners::update(tx, id, input, now, &actor))?;
        self.partners()
    }

    // -----------------------------------------------------------------------------------------
    // Dues

    /// Works out Home's kept figures — the year's dues and today's households by block — unless they
    /// are kept already, so that the next opening finds them in the data folder's `cache/`. The app
    /// calls it as it closes: a change made since Home was last shown would otherwise leave the next
    /// start to work them out (≈ 45 ms on a large council).
    pub fn keep_home_figures(&self) -> Result<()> {
        self.dues_overview(None)?;
        self.household_counts(None)?;
        Ok(())
    }

    /// The year's dues by block (default: the current fiscal year).
    pub fn dues_overview(&self, fiscal_year: Option<i32>) -> Result<DuesOverview> {
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        self.dues_overview.get_or(&self.store, (fy, m), || dues::overview(self.store.conn(), fy, m))
    }

    /// Households with their dues for the year, optionally one block and only those not paid in full.
    pub fn dues_rows(
        &self,
        fiscal_year: Option<i32>,
        block: Option<&BlockId>,
        only_unpaid: bool,
    ) -> Result<Vec<DuesRow>> {
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        dues::status(self.store.conn(), fy, m, block, only_unpaid)
    }

    /// Sets a year's dues rule.
    pub fn set_dues_rate(&mut self, rate: &DuesRate) -> Result<DuesOverview> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| dues::set_rate(tx, rate, now, &actor))?;
        self.dues_overview(Some(rate.fiscal_year))
    }

    /// Sets or clears a household's own amount for a year.
    pub fn set_dues_adjustment(
        &mut self,
        household: &HouseholdId,
        fiscal_year: i32,
        amount: Option<i64>,
        reason: &str,
    ) -> Result<Vec<DuesRow>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| dues::set_adjustment(tx, household, fiscal_year, amount, reason, now, &actor))?;
        self.dues_rows(Some(fiscal_year), None, false)
    }

    /// Records a payment; returns the household's payments for that year.
    pub fn record_dues_payment(&mut self, input: &DuesPaymentInput) -> Result<Vec<DuesPayment>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| dues::record_payment(tx, input, now, &actor))?;
        dues::payments(self.store.conn(), &input.household_id, input.fiscal_year)
    }

    /// A household's payments for a year.
    pub fn dues_payments(&self, household: &HouseholdId, fiscal_year: i32) -> Result<Vec<DuesPayment>> {
        dues::payments(self.store.conn(), household, fiscal_year)
    }

    // -----------------------------------------------------------------------------------------
    // Roster import and export

    /// Reads a roster file (its bytes, as the window read them) and shows what importing it would do:
    /// the column mapping (guessed from the headers unless `mapping` is given), counts, new blocks, every
    /// problem with its row number, and duplicates. Writes nothing.
    pub fn preview_roster_import(
        &self,
        bytes: &[u8],
        file_name: &str,
        encoding: Encoding,
        mapping: Option<Vec<RosterField>>,
    ) -> Result<ImportPreview> {
        let table = roster_io::read_table(bytes, file_name, encoding)?;
        let mapping = mapping.unwrap_or_else(|| roster_io::guess_mapping(&table.headers));
        roster_io::preview_import(self.store.conn(), &table, &mapping, self.clock.today())
    }

    /// Imports a roster file all-or-nothing: refused with every problem row (and nothing written)
    /// while the preview shows any problem, or any duplicate unless `on_duplicate` is `Skip`.
    pub fn import_roster(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        encoding: Encoding,
        mapping: Option<Vec<RosterField>>,
        on_duplicate: OnDuplicate,
    ) -> Result<ImportSummary> {
        council::require(self.store.conn())?;
        let (now, actor) = (self.clock.now(), self.operator()?);
        let table = roster_io::read_table(bytes, file_name, encoding)?;
        let mapping = mapping.unwrap_or_else(|| roster_io::guess_mapping(&table.headers));
        // A file that would be refused changes nothing and needs no safety copy; one that will be
        // imported is a risky bulk change, so the data is backed up first.
        let preview = roster_io::preview_import(self.store.conn(), &table, &mapping, self.clock.today())?;
        if let Some(refused) = roster_io::refusal(&preview, on_duplicate) {
            return Err(refused);
        }
        self.backup_now(crate::backup::BackupReason::BeforeImport)?;
        self.store
            .write(|tx| roster_io::import_roster(tx, &table, &mapping, ImportOptions { on_duplicate }, now, &actor))
    }

    /// Exports the member roster (`encoding` applies to CSV). The export is recorded in the change
    /// history, since a roster leaving the PC is personal information leaving it.
    pub fn export_roster(
        &mut self,
        format: ExportFormat,
        encoding: ExportEncoding,
        scope: ExportScope,
    ) -> Result<ExportFile> {
        let c = council::require(self.store.conn())?;
        let (now, today, actor) = (self.clock.now(), self.clock.today(), self.operator()?);
        let file = roster_io::export_roster(self.store.conn(), format, encoding, scope, &c.name, today)?;
        let summary = format!("名簿「{}」を書き出し（{}行）", file.file_name, file.rows);
        let details = serde_json::json!({ "format": format, "encoding": encoding, "scope": scope, "rows": file.rows });
        self.record_export("roster_export", &file.file_name, summary, details, now, &actor)?;
        Ok(file)
    }

    // -----------------------------------------------------------------------------------------
    // Events

    /// The events of a fiscal year (default: the current one), by date.
    pub fn events(&self, fiscal_year: Option<i32>) -> Result<Vec<Event>> {
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        events::list(self.store.conn(), fy, m)
    }

    /// The next events from today on (Home).
    pub fn upcoming_events(&self, limit: u32) -> Result<Vec<Event>> {
        events::upcoming(self.store.conn(), self.clock.today(), limit, self.start_month()?)
    }

    /// One event.
    pub fn event(&self, id: &EventId) -> Result<Event> {
        events::get(self.store.conn(), id, self.start_month()?)
    }

    /// Adds an event.
    pub fn create_event(&mut self, input: &EventInput) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| events::create(tx, input, now, &actor))?;
        self.event(&id)
    }

    /// Changes an event.
    pub fn update_event(&mut self, id: &EventId, input: &EventInput) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| events::update(tx, id, input, now, &actor))?;
        self.event(id)
    }

    /// Deletes an event.
    pub fn delete_event(&mut self, id: &EventId) -> Result<i64> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| {
            events::delete(tx, id, now, &actor)?;
            crate::audit::last_deletion(tx, "event", id.as_str())
        })
    }

    /// Brings back the event deleted at history entry `seq` (the undo after a delete).
    pub fn restore_event(&mut self, seq: i64) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| events::restore(tx, seq, now, &actor))?;
        self.event(&id)
    }

    /// Adds a photo (its bytes, as the window read the file) to an event; it is stored inside the data
    /// folder.
    pub fn add_event_photo(&mut self, id: &EventId, name: &str, bytes: &[u8]) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let dir = self.data_dir.attachments();
        self.store.write(|tx| events::add_photo(tx, &dir, id, name, bytes, now, &actor))?;
        self.event(id)
    }

    /// Takes a photo off an event.
    pub fn remove_event_photo(&mut self, id: &EventId, photo: &AttachmentId) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| events::remove_photo(tx, id, photo, now, &actor))?;
        self.event(id)
    }

    /// An attached file's record and content (checked against its hash).
    pub fn attachment(&self, id: &AttachmentId) -> Result<(Attachment, Vec<u8>)> {
        attachments::read(self.store.conn(), &self.data_dir.attachments(), id)
    }

    /// The year's events as an iCalendar file (default: the current fiscal year).
    pub fn events_ics(&self, fiscal_year: Option<i32>) -> Result<ExportFile> {
        let c = council::require(self.store.conn())?;
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        let list = events::list(self.store.conn(), fy, m)?;
        let text = events::ical::calendar(&list, &format!("{} {}の行事", c.name, fy.label_ja()), self.clock.now());
        Ok(ExportFile {
            file_name: format!("{}_{}_行事.ics", c.name, fy.label_ja()),
            bytes: text.into_bytes(),
            rows: list.len() as u32,
            warning: None,
        })
    }

    /// The data of an event's notice for circulation, with each block's 回覧確認表.
    pub fn event_notice(&self, id: &EventId) -> Result<EventNotice> {
        events::notice(self.store.conn(), id, self.clock.today(), self.start_month()?)
    }

    /// The plan actions an event can serve (the latest version of each plan).
    pub fn action_choices(&self) -> Result<Vec<ActionChoice>> {
        plan::action_choices(self.store.conn())
    }

    // -----------------------------------------------------------------------------------------
    // The community plan

    /// Every plan version.
    pub fn plans(&self) -> Result<Vec<PlanSummary>> {
        plan::list(self.store.conn())
    }

    /// A plan version with its tree; without an ID, the current plan (none before one is made).
    pub fn plan(&self, id: Option<&PlanId>) -> Result<Option<Plan>> {
        let id = match id {
            Some(id) => id.clone(),
            None => match plan::current(self.store.conn())? {
                Some(id) => id,
                None => return Ok(None),
            },
        };
        plan::get(self.store.conn(), &id).map(Some)
    }

    fn plan_after(&self, id: &PlanId) -> Result<Plan> {
        plan::get(self.store.conn(), id)
    }

    /// Starts a plan.
    pub fn create_plan(&mut self, input: &PlanInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| plan::create_plan(tx, input, now, &actor))?;
        self.plan_after(&id)
    }

    /// Changes a plan's title, period and vision.
    pub fn update_plan(&mut self, id: &PlanId, input: &PlanInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::update_plan(tx, id, input, now, &actor))?;
        self.plan_after(id)
    }

    /// Adds a policy; returns the plan.
    pub fn create_policy(&mut self, plan_id: &PlanId, input: &PolicyInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::create_policy(tx, plan_id, input, now, &actor))?;
        self.plan_after(plan_id)
    }

    /// Changes a policy; returns the plan.
    pub fn update_policy(&mut self, id: &PolicyId, input: &PolicyInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::update_policy(tx, id, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Policy, id.as_str())?)
    }

    /// Adds a measure; returns the plan.
    pub fn create_measure(&mut self, policy: &PolicyId, input: &MeasureInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::create_measure(tx, policy, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Policy, policy.as_str())?)
    }

    /// Changes a measure; returns the plan.
    pub fn update_measure(&mut self, id: &MeasureId, input: &MeasureInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::update_measure(tx, id, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Measure, id.as_str())?)
    }

    /// Adds an action; returns the plan.
    pub fn create_action(&mut self, measure: &MeasureId, input: &ActionInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::create_action(tx, measure, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Measure, measure.as_str())?)
    }

    /// Changes an action; returns the plan.
    pub fn update_action(&mut self, id: &ActionId, input: &ActionInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::update_action(tx, id, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Action, id.as_str())?)
    }

    /// Adds an indicator to a measure or an action; returns the plan.
    pub fn create_indicator(&mut self, owner: &IndicatorOwner, input: &IndicatorInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| plan::create_indicator(tx, owner, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Indicator, id.as_str())?)
    }

    /// Changes an indicator; returns the plan.
    pub fn update_indicator(&mut self, id: &IndicatorId, input: &IndicatorInput) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::update_indicator(tx, id, input, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Indicator, id.as_str())?)
    }

    /// Records (or clears) an indicator's actual for a fiscal year; returns the plan.
    pub fn set_indicator_actual(&mut self, id: &IndicatorId, fiscal_year: i32, value: Option<f64>) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::set_actual(tx, id, fiscal_year, value, now, &actor))?;
        self.plan_after(&plan::plan_containing(self.store.conn(), PlanNode::Indicator, id.as_str())?)
    }

    /// Deletes a node of the plan's tree with everything under it; returns the plan.
    pub fn delete_plan_node(&mut self, kind: PlanNode, id: &str) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let plan_id = plan::plan_containing(self.store.conn(), kind, id)?;
        self.store.write(|tx| plan::delete_node(tx, kind, id, now, &actor))?;
        self.plan_after(&plan_id)
    }

    /// Revises a plan: a new version with the same tree; the earlier one becomes read-only.
    pub fn revise_plan(&mut self, id: &PlanId, note: &str) -> Result<Plan> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let new = self.store.write(|tx| plan::revise(tx, id, note, now, &actor))?;
        self.plan_after(&new)
    }

    /// The yearly review of a plan version (default year: the current fiscal year): the screen's data
    /// and the printed 施策シート's.
    pub fn plan_review(&self, id: &PlanId, fiscal_year: Option<i32>) -> Result<Review> {
        let c = council::require(self.store.conn())?;
        let (fy, m) = self.fiscal_year_or_current(fiscal_year)?;
        plan::review(self.store.conn(), id, fy.0, m, self.clock.today(), &c.name)
    }

    /// Records an action's status and comment for a fiscal year; returns that year's review.
    pub fn set_action_review(
        &mut self,
        id: &ActionId,
        fiscal_year: i32,
        status: ActionStatus,
        comment: &str,
    ) -> Result<Review> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| plan::set_review(tx, id, fiscal_year, status, comment, now, &actor))?;
        let plan_id = plan::plan_containing(self.store.conn(), PlanNode::Action, id.as_str())?;
        self.plan_review(&plan_id, Some(fiscal_year))
    }

    /// The plan version as an Excel workbook (its tree and indicators with their actuals).
    pub fn export_plan_xlsx(&self, id: &PlanId) -> Result<ExportFile> {
        let plan = plan::get(self.store.conn(), id)?;
        let rows = plan.policies.iter().flat_map(|p| &p.measures).map(|m| m.actions.len().max(1) as u32).sum();
        Ok(ExportFile {
            file_name: format!("{}_第{}版.xlsx", plan.summary.title, plan.summary.version),
            bytes: plan::xlsx::export(&plan)?,
            rows,
            warning: None,
        })
    }

    /// Reads a plan workbook (its bytes, as the window read them) and shows what importing it would
    /// create, with every problem by sheet and row. Writes nothing.
    pub fn preview_plan_import(&self, bytes: &[u8], file_name: &str) -> Result<plan::xlsx::PlanImportPreview> {
        let parsed = plan::xlsx::parse(bytes, file_name)?;
        plan::xlsx::preview(self.store.conn(), &parsed)
    }

    /// Creates a new plan from a workbook, all or nothing: refused (nothing written) while the file has
    /// any problem; the data is backed up first.
    pub fn import_plan(&mut self, bytes: &[u8], file_name: &str) -> Result<Plan> {
        council::require(self.store.conn())?;
        let parsed = plan::xlsx::parse(bytes, file_name)?;
        // A file that would be refused changes nothing and needs no safety copy.
        if let Some(refused) = plan::xlsx::refusal(&plan::xlsx::preview(self.store.conn(), &parsed)?) {
            return Err(refused);
        }
        self.backup_now(crate::backup::BackupReason::BeforeImport)?;
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| plan::xlsx::import(tx, &parsed, now, &actor))?;
        self.plan_after(&id)
    }

    // Meetings and minutes

    /// Meetings, newest first, by kind and fiscal year; with words, those whose motions or minutes
    /// mention them, and each matching decision.
    pub fn meetings(&self, query: &MeetingQuery) -> Result<MeetingList> {
        meetings::list(self.store.conn(), query, self.start_month()?)
    }

    /// One meeting with its invitees, agenda, quorum finding and minutes.
    pub fn meeting(&self, id: &MeetingId) -> Result<Meeting> {
        meetings::get(self.store.conn(), id, self.start_month()?)
    }

    /// Creates a meeting (its invitees fixed as of its day).
    pub fn create_meeting(&mut self, input: &MeetingInput) -> Result<Meeting> {
        let (now, actor, m) = (self.clock.now(), self.operator()?, self.start_month()?);
        let id = self.store.write(|tx| meetings::create(tx, input, m, now, &actor))?;
        self.meeting(&id)
    }

    /// Changes a meeting's details (refused once its minutes are signed).
    pub fn update_meeting(&mut self, id: &MeetingId, input: &MeetingInput) -> Result<Meeting> {
        let (now, actor, m) = (self.clock.now(), self.operator()?, self.start_month()?);
        self.store.write(|tx| meetings::update(tx, id, input, m, now, &actor))?;
        self.meeting(id)
    }

    /// Adds a topic or motion at the end of the agenda.
    pub fn add_agenda_item(&mut self, meeting: &MeetingId, input: &AgendaItemInput) -> Result<Meeting> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| meetings::add_item(tx, meeting, input, now, &actor))?;
        self.meeting(meeting)
    }

    /// Changes an agenda line.
    pub fn update_agenda_item(&mut self, item: &AgendaItemId, input: &AgendaItemInput) -> Result<Meeting> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| meetings::update_item(tx, item, input, now, &actor))?;
        self.meeting(&id)
    }

    /// Removes an agenda line.
    pub fn remove_agenda_item(&mut self, item: &AgendaItemId) -> Result<Meeting> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| meetings::remove_item(tx, item, now, &actor))?;
        self.meeting(&id)
    }

    /// Moves an agenda line to position `to` (1-based); motion numbers follow the new order.
    pub fn move_agenda_item(&mut self, item: &AgendaItemId, to: u32) -> Result<Meeting> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| meetings::move_item(tx, item, to, now, &actor))?;
        self.meeting(&id)
    }

    /// Attaches a paper to an agenda line; the file is kept in the data folder's attachments.
    pub fn attach_paper(&mut self, item: &AgendaItemId, file_name: &str, bytes: &[u8]) -> Result<Meeting> {
        let (now, actor, dir) = (self.clock.now(), self.operator()?, self.data_dir.attachments());
        let id = self.store.write(|tx| meetings::attach_paper(tx, &dir, item, file_name, bytes, now, &actor))?;
        self.meeting(&id)
    }

    /// The bytes of an attached paper, checked against its hash.
    pub fn paper_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        crate::attachments::read_file(&self.data_dir.attachments(), sha256)
    }

    /// Records attendance (present, proxy, written vote, absent) for the invitees named.
    pub fn record_attendance(&mut self, meeting: &MeetingId, lines: &[AttendanceInput]) -> Result<Meeting> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| meetings::record_attendance(tx, meeting, lines, now, &actor))?;
        self.meeting(meeting)
    }

    /// Records a motion's result, checked against its majority rule.
    pub fn record_motion_result(&mut self, item: &AgendaItemId, input: &MotionResultInput) -> Result<Meeting> {
        let (now, actor, m) = (self.clock.now(), self.operator()?, self.start_month()?);
        let id = self.store.write(|tx| meetings::record_result(tx, item, input, m, now, &actor))?;
        self.meeting(&id)
    }

    /// The council's quorum rule.
    pub fn quorum_rule(&self) -> Result<QuorumRule> {
        meetings::quorum_rule(self.store.conn())
    }

    /// Sets the council's quorum rule.
    pub fn set_quorum_rule(&mut self, rule: QuorumRule) -> Result<QuorumRule> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| meetings::set_quorum_rule(tx, rule, now, &actor))?;
        self.quorum_rule()
    }

    /// Starts (or opens, if already started) a meeting's minutes.
    pub fn start_minutes(&mut self, meeting: &MeetingId) -> Result<Minutes> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let id = self.store.write(|tx| minutes::start(tx, meeting, now, &actor))?;
        self.minutes(&id)
    }

    /// One set of minutes.
    pub fn minutes(&self, id: &MinutesId) -> Result<Minutes> {
        minutes::get(self.store.conn(), id)
    }

    /// Saves the minutes editor (refused with `locked` once signed).
    pub fn update_minutes(&mut self, id: &MinutesId, input: &MinutesInput) -> Result<Minutes> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| minutes::update(tx, id, input, now, &actor))?;
        self.minutes(id)
    }

    /// Moves the minutes on (circulated, approved, signed); signing keeps the document as signed.
    pub fn advance_minutes(&mut self, id: &MinutesId, to: MinutesStatus) -> Result<Minutes> {
        let (now, today, actor, m) = (self.clock.now(), self.clock.today(), self.operator()?, self.start_month()?);
        self.store.write(|tx| {
            let doc = |tx: &rusqlite::Transaction<'_>| {
                let meeting = meetings::get(tx, &papers::meeting_of(tx, id)?, m)?;
                papers::minutes_doc(tx, &meeting, id, today)
            };
            minutes::advance(tx, id, to, doc, today, now, &actor)
        })?;
        self.minutes(id)
    }

    /// Creates (or opens) the amendment of signed minutes.
    pub fn amend_minutes(&mut self, id: &MinutesId) -> Result<Minutes> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let new = self.store.write(|tx| minutes::amend(tx, id, now, &actor))?;
        self.minutes(&new)
    }

    /// The data of a meeting's printed paper (the minutes: `minutes`, default the original).
    pub fn meeting_paper(&self, id: &MeetingId, kind: PaperKind, minutes: Option<&MinutesId>) -> Result<MeetingPaper> {
        let meeting = self.meeting(id)?;
        papers::paper(self.store.conn(), &meeting, kind, minutes, self.clock.today())
    }

    /// Action items across meetings (open ones first, by due date), with which are overdue today.
    pub fn action_items(&self, only_open: bool) -> Result<Vec<ActionItem>> {
        meetings::action_items(self.store.conn(), only_open, self.clock.today())
    }

    /// Records an action item; returns the open list.
    pub fn create_action_item(&mut self, input: &ActionItemInput) -> Result<Vec<ActionItem>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| meetings::create_action(tx, input, now, &actor))?;
        self.action_items(false)
    }

    /// Marks an action item done, dropped or open again; returns the list.
    pub fn set_action_status(&mut self, id: &ActionItemId, status: ActionItemStatus) -> Result<Vec<ActionItem>> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| meetings::set_action_status(tx, id, status, now, &actor))?;
        self.action_items(false)
    }

    // -----------------------------------------------------------------------------------------
    // Grants (交付金・補助金)

    /// The grant programs, newest fiscal year first (one year's only, when given).
    pub fn grant_programs(&self, fiscal_year: Option<i32>) -> Result<Vec<GrantProgram>> {
        grants::program::list(self.store.conn(), fiscal_year)
    }

    /// One grant program.
    pub fn grant_program(&self, id: &GrantProgramId) -> Result<GrantProgram> {
        grants::program::get(self.store.conn(), id)
    }

    /// Registers a grant program.
    pub fn create_grant_program(&mut self, input: &GrantProgramInput) -> Result<GrantProgram> {
        let (now, actor, m) = (self.clock.now(), self.operator()?, self.start_month()?);
        let id = self.store.write(|tx| grants::program::create(tx, input, m, now, &actor))?;
        self.grant_program(&id)
    }

    /// Changes a grant program (refused with `locked` once an application under it is settled).
    pub fn update_grant_program(&mut self, id: &GrantProgramId, input: &GrantProgramInput) -> Result<GrantProgram> {
        let (now, actor, m) = (self.clock.now(), self.operator()?, self.start_month()?);
        self.store.write(|tx| grants::program::update(tx, id, input, m, now, &actor))?;
        self.grant_program(id)
    }

    /// Deletes a grant program registered by mistake (refused while an application uses it).
    pub fn delete_grant_program(&mut self, id: &GrantProgramId) -> Result<()> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grants::program::delete(tx, id, now, &actor))
    }

    /// The grant applications, newest fiscal year first (one year's only, when given), each with its
    /// spending so far and its nearest pending deadline.
    pub fn grant_applications(&self, fiscal_year: Option<i32>) -> Result<Vec<GrantApplicationSummary>> {
        grants::application::list(self.store.conn(), fiscal_year, self.clock.today())
    }

    /// One grant application with its budget versions, expenses and receipt warnings, the events it
    /// paid for, its deadlines and the steps that can be taken now.
    pub fn grant_application(&self, id: &GrantApplicationId) -> Result<GrantApplication> {
        grants::application::get(self.store.conn(), id, self.start_month()?, self.clock.today())
    }

    /// Starts a grant application (a draft).
    pub fn create_grant_application(&mut self, input: &GrantApplicationInput) -> Result<GrantApplication> {
        let (now, today, actor, m) = (self.clock.now(), self.clock.today(), self.operator()?, self.start_month()?);
        let id = self.store.write(|tx| grants::application::create(tx, input, m, today, now, &actor))?;
        self.grant_application(&id)
    }

    /// Changes a grant application's plan (refused with `locked` once settled or closed).
    pub fn update_grant_application(
        &mut self,
        id: &GrantApplicationId,
        input: &GrantApplicationInput,
    ) -> Result<GrantApplication> {
        let (now, today, actor, m) = (self.clock.now(), self.clock.today(), self.operator()?, self.start_month()?);
        self.store.write(|tx| grants::application::update(tx, id, input, m, today, now, &actor))?;
        self.grant_application(id)
    }

    /// Deletes a draft application entered by mistake (one handed in is withdrawn instead).
    pub fn delete_grant_application(&mut self, id: &GrantApplicationId) -> Result<()> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grants::application::delete(tx, id, now, &actor))
    }

    /// The grant applications an event can be linked to (the event form's choice list).
    pub fn grant_application_choices(&self) -> Result<Vec<GrantApplicationChoice>> {
        grants::application::choices(self.store.conn())
    }

    /// Links an event to the grant application that pays for it, or unlinks it (`None`).
    pub fn link_event_to_grant(&mut self, event: &EventId, grant: Option<&GrantApplicationId>) -> Result<Event> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grants::application::link_event(tx, event, grant, now, &actor))?;
        self.event(event)
    }

    /// The events a grant paid for, with their turnout and photos (for the performance report).
    pub fn grant_events(&self, id: &GrantApplicationId) -> Result<Vec<LinkedEvent>> {
        grants::status_of(self.store.conn(), id)?;
        grants::application::linked_events(self.store.conn(), id, self.start_month()?)
    }

    /// Saves the budget form: the budget applied with while the application is a draft; after the
    /// award, the changed budget being prepared (a new version; the approved ones stay as they were).
    pub fn save_grant_budget(&mut self, id: &GrantApplicationId, input: &BudgetInput) -> Result<GrantApplication> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grants::application::save_budget(tx, id, input, now, &actor))?;
        self.grant_application(id)
    }

    /// Checks a budget with its figures: `input` as the form holds it (unsaved), or without it the
    /// budget being worked on. Writes nothing.
    pub fn check_grant_budget(&self, id: &GrantApplicationId, input: Option<&BudgetInput>) -> Result<BudgetCheck> {
        let conn = self.store.conn();
        let rec = grants::application::record_of(conn, id)?;
        let program = grants::program::get(conn, &rec.program_id)?;
        let budgets = grants::versions::list(conn, id)?;
        Ok(match input {
            None => grants::application::working_check(&rec, &program, &budgets),
            Some(input) => {
                // The version saving would write: the draft's, 1 for a draft application, else the next.
                let version = match grants::versions::draft(&budgets) {
                    Some(v) => v.version,
                    None if rec.status == grants::GrantStatus::Draft => 1,
                    None => budgets.last().map_or(1, |v| v.version + 1),
                };
                grants::budget::check_with_figures(input, &program.rules(), rec.reference(version), Some(version))
            }
        })
    }

    /// Drops the changed budget being prepared.
    pub fn discard_grant_change(&mut self, id: &GrantApplicationId) -> Result<GrantApplication> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grants::application::discard_change(tx, id, now, &actor))?;
        self.grant_application(id)
    }

    /// Takes a lifecycle step (apply, award, start, change, report, settle, claim, pay, withdraw…);
    /// refused with the reason when the step is not allowed now or a precondition fails.
    pub fn transition_grant(&mut self, id: &GrantApplicationId, step: &GrantTransition) -> Result<GrantApplication> {
        let (now, today, actor) = (self.clock.now(), self.clock.today(), self.operator()?);
        self.store.write(|tx| grants::transition::take(tx, id, step, today, now, &actor))?;
        self.grant_application(id)
    }

    /// Records an advance payment (概算払) received, where the program allows one.
    pub fn record_grant_advance(
        &mut self,
        id: &GrantApplicationId,
        on: NaiveDate,
        amount: i64,
    ) -> Result<GrantApplication> {
        let (now, today, actor) = (self.clock.now(), self.clock.today(), self.operator()?);
        self.store.write(|tx| grants::transition::record_advance(tx, id, on, amount, today, now, &actor))?;
        self.grant_application(id)
    }

    /// Records an expense with its receipt file (PDF, JPEG or PNG, kept in the data folder).
    pub fn add_grant_expense(
        &mut self,
        id: &GrantApplicationId,
        input: &GrantExpenseInput,
        receipt: Option<ReceiptFile<'_>>,
    ) -> Result<GrantApplication> {
        let (now, actor, dir) = (self.clock.now(), self.operator()?, self.data_dir.attachments());
        self.store.write(|tx| grants::expenses::add(tx, &dir, id, input, receipt, now, &actor))?;
        self.grant_application(id)
    }

    /// Changes an expense, keeping, replacing or removing its receipt file.
    pub fn update_grant_expense(
        &mut self,
        id: &GrantExpenseId,
        input: &GrantExpenseInput,
        receipt: ReceiptChange<'_>,
    ) -> Result<GrantApplication> {
        let (now, actor, dir) = (self.clock.now(), self.operator()?, self.data_dir.attachments());
        let app = self.store.write(|tx| grants::expenses::update(tx, &dir, id, input, receipt, now, &actor))?;
        self.grant_application(&app)
    }

    /// Deletes an expense entered by mistake.
    pub fn delete_grant_expense(&mut self, id: &GrantExpenseId) -> Result<GrantApplication> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        let app = self.store.write(|tx| grants::expenses::delete(tx, id, now, &actor))?;
        self.grant_application(&app)
    }

    /// An expense's receipt file, checked against its hash.
    pub fn grant_receipt(&self, id: &GrantExpenseId) -> Result<(Receipt, Vec<u8>)> {
        grants::expenses::receipt(self.store.conn(), &self.data_dir.attachments(), id)
    }

    /// Budget against actual spending per category, with the categories beyond the change threshold.
    pub fn grant_budget_vs_actual(&self, id: &GrantApplicationId) -> Result<BudgetVsActual> {
        grant_settlement::budget_vs_actual(self.store.conn(), id)
    }

    /// The settlement (収支決算書): budget, actual and difference per line, with the reasons.
    pub fn grant_settlement(&self, id: &GrantApplicationId) -> Result<Settlement> {
        grant_settlement::get(self.store.conn(), id)
    }

    /// Saves the settlement form (income actuals, reasons for differences); returns the settlement.
    pub fn save_grant_settlement(&mut self, id: &GrantApplicationId, input: &SettlementInput) -> Result<Settlement> {
        let (now, actor) = (self.clock.now(), self.operator()?);
        self.store.write(|tx| grant_settlement::save(tx, id, input, now, &actor))?;
        self.grant_settlement(id)
    }

    /// The deadlines the council has to act on across its grant applications (Home), soonest first,
    /// with days left from today and which are overdue.
    pub fn grant_deadlines(&self) -> Result<Vec<GrantDeadline>> {
        grants::application::pending_deadlines(self.store.conn(), self.clock.today())
    }
}
