//! The application facade: one council's data folder, opened. The desktop shell's commands and the
//! `council` command call these use cases; each reads the clock once and runs as one transaction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditAction, AuditEntry, Change};
use crate::calendar::{self, FiscalYear, FiscalYearInfo};
use crate::clock::Clock;
use crate::council::{self, CouncilProfile, CouncilProfileInput};
use crate::data_dir::DataDir;
use crate::demo;
use crate::error::Result;
use crate::members::{
    self, Block, BlockId, BlockInput, Household, HouseholdCounts, HouseholdId, HouseholdInput, LeaveReason, MemberPage,
    MemberQuery,
};
use crate::roster_io::{
    self, Encoding, ExportEncoding, ExportFile, ExportFormat, ExportScope, ImportOptions, ImportPreview, ImportSummary,
    OnDuplicate, RosterField,
};
use crate::settings::{self, Settings, SettingsPatch};
use crate::store::Store;
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

/// One council's data folder, opened.
#[derive(Debug)]
pub struct Desk {
    store: Store,
    clock: Box<dyn Clock>,
    data_dir: DataDir,
}

impl Desk {
    /// Opens (creating if needed) the data folder's database and brings its schema up to date.
    pub fn open(data_dir: DataDir, clock: Box<dyn Clock>) -> Result<Self> {
        data_dir.ensure()?;
        let store = Store::open(&data_dir.database())?;
        Ok(Self { store, clock, data_dir })
    }

    /// The data folder.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
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
        let (now, today) = (self.clock.now(), self.clock.today());
        let actor = self.operator()?;
        self.store.write(|tx| demo::create(tx, today, now, &actor))?;
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
            counts: vec![
                RecordCount {
                    key: "households".to_owned(),
                    label: Text::new("加入世帯", "Member households"),
                    count: members::counts(self.store.conn(), self.clock.today(), self.clock.today())?.total,
                },
                RecordCount {
                    key: "persons".to_owned(),
                    label: Text::new("会員（人）", "Members (persons)"),
                    count: members::person_count(self.store.conn())?,
                },
                RecordCount {
                    key: "blocks".to_owned(),
                    label: Text::new("班・組", "Blocks"),
                    count: members::blocks(self.store.conn())?.len() as i64,
                },
                RecordCount {
                    key: "audit_entries".to_owned(),
                    label: Text::new("変更履歴", "Recorded changes"),
                    count: audit::count(self.store.conn())?,
                },
            ],
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
        members::counts(self.store.conn(), as_of, FiscalYear::of(as_of, start_month).start(start_month))
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
        self.store.write(|tx| {
            audit::record(
                tx,
                now,
                &actor,
                Change {
                    entity: "roster_export",
                    entity_id: &file.file_name,
                    action: AuditAction::Create,
                    summary: format!("名簿「{}」を書き出し（{}行）", file.file_name, file.rows),
                    before: None,
                    after: Some(serde_json::json!({ "format": format, "encoding": encoding, "scope": scope, "rows": file.rows })),
                },
            )
        })?;
        Ok(file)
    }
}
