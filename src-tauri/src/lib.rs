//! The desktop shell: opens the council's data folder, registers the commands, and runs the window.
//! Each command deserialises its input, calls one `council_core::Desk` use case and maps the error
//! to the `{ code, message, problems }` payload; no SQL, rules or clock reads live here.

use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;

use council_core::attachments::AttachmentId;
use council_core::audit::AuditEntry;
use council_core::backup::{BackupEntry, BackupInfo, BackupReason};
use council_core::council::CouncilProfileInput;
use council_core::data_dir::DataDir;
use council_core::desk::AppState;
use council_core::documents::{DocumentPreview, DocumentRequest, PrintedDocument};
use council_core::dues::{DuesOverview, DuesPayment, DuesPaymentInput, DuesRate, DuesRow};
use council_core::error::ErrorPayload;
use council_core::events::{Event, EventId, EventInput};
use council_core::grants::{
    BudgetCheck, BudgetInput, BudgetVsActual, GrantApplication, GrantApplicationChoice, GrantApplicationId,
    GrantApplicationInput, GrantApplicationSummary, GrantDeadline, GrantExpenseId, GrantExpenseInput, GrantProgram,
    GrantProgramId, GrantProgramInput, GrantTransition, ReceiptChange, ReceiptFile, Settlement, SettlementInput,
};
use council_core::handover::HandoverInfo;
use council_core::meetings::minutes::{Minutes, MinutesId, MinutesInput};
use council_core::meetings::{
    ActionItem, ActionItemId, ActionItemInput, ActionItemStatus, AgendaItemId, AgendaItemInput, AttendanceInput,
    Meeting, MeetingId, MeetingInput, MeetingList, MeetingQuery, MinutesStatus, MotionResultInput, QuorumRule,
};
use council_core::members::{
    Block, BlockId, BlockInput, Household, HouseholdCounts, HouseholdId, HouseholdInput, LeaveReason, MemberPage,
    MemberQuery, PersonHit,
};
use council_core::officers::{CarryChoice, OfficerTerm, OfficerTermId, OfficerTermInput};
use council_core::open_data::{OpenDataExport, OpenDataFormat};
use council_core::partners::{Partner, PartnerId, PartnerInput};
use council_core::plan::xlsx::PlanImportPreview;
use council_core::plan::{
    ActionChoice, ActionId, ActionInput, ActionStatus, IndicatorId, IndicatorInput, IndicatorOwner, MeasureId,
    MeasureInput, Plan, PlanId, PlanInput, PlanNode, PlanSummary, PolicyId, PolicyInput, Review,
};
use council_core::roster_io::{
    Encoding, ExportEncoding, ExportFormat, ExportScope, ImportPreview, ImportSummary, OnDuplicate, RosterField,
    SavedExport,
};
use council_core::settings::SettingsPatch;
use council_core::{Desk, clock};

mod fonts;
mod rendering;
mod submissions;

/// The opened data folder, or why it could not be opened (the window shows that instead of the app,
/// and for damaged data offers the newest good backup).
///
/// The folder is opened on a thread of its own once the window exists ([`DeskState::start_opening`]):
/// opening checks the whole database for damage and may take the day's backup, which on a large
/// council takes as long as the webview needs to start. A command that comes before it is open waits
/// for it; the window's first request, the app state, is then answered from what was read on opening,
/// without waiting for the lock that Home's figures hold while they are prepared.
#[derive(Debug, Clone, Default)]
pub struct DeskState {
    desk: Arc<OnceLock<Mutex<Result<Desk, ErrorPayload>>>>,
    /// The app state as the folder was opened, for the window's first request: the window can draw
    /// its frame while Home's figures are still being prepared under the lock. Dropped by the first
    /// use case that takes the lock (it might change what the state says).
    opened_state: Arc<Mutex<Option<AppState>>>,
}

impl DeskState {
    /// Starts opening the data folder the app and the CLI share (or `COUNCIL_DESK_DATA`).
    ///
    /// Called once the window and its webview have been created, not before: the check reads the
    /// whole database, and run beside the window's own creation (loading GTK and WebKit, in the same
    /// process) it delayed the window by 30–40 ms on a large council (BENCHMARKS.md, fourth round).
    /// While WebKit's web process starts, this thread has the time to itself.
    pub fn start_opening(&self) {
        self.start_opening_with(|| DataDir::resolve(None).and_then(|dir| Desk::open(dir, clock::from_env())));
    }

    /// Opens the desk with `open` on a thread of its own; then keeps the app state as opened and
    /// reads Home's slowest figure (the year's dues) while the webview is still starting, so that it is
    /// ready when Home asks (the desk keeps it until the data changes). A command that comes first
    /// waits for the lock; the app state does not.
    fn start_opening_with(
        &self,
        open: impl FnOnce() -> council_core::Result<Desk> + Send + std::panic::UnwindSafe + 'static,
    ) {
        let opening = self.clone();
        std::thread::spawn(move || {
            let opened = std::panic::catch_unwind(|| open().map_err(ErrorPayload::from)).unwrap_or_else(|_| {
                Err(ErrorPayload::from(council_core::Error::Io(std::io::Error::other(
                    "the data folder could not be opened",
                ))))
            });
            if let Ok(desk) = &opened {
                *opening.opened_state() = desk.app_state().ok();
            }
            let _ = opening.desk.set(Mutex::new(opened));
            if let Ok(desk) = &*opening.lock_for_reading() {
                let _ = desk.dues_overview(None);
            }
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Result<Desk, ErrorPayload>> {
        // A panic while holding the lock cannot leave a half-written change (writes are transactions),
        // so a poisoned lock is safe to keep using.
        let desk = self.desk.wait();
        self.opened_state().take();
        desk.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The lock, keeping the opened state (for reads that change nothing the state shows).
    fn lock_for_reading(&self) -> std::sync::MutexGuard<'_, Result<Desk, ErrorPayload>> {
        self.desk.wait().lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn opened_state(&self) -> std::sync::MutexGuard<'_, Option<AppState>> {
        self.opened_state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The app state: the one read on opening if nothing has used the desk since (then without
    /// waiting for the lock), else read now.
    fn app_state(&self) -> Result<AppState, ErrorPayload> {
        self.desk.wait();
        let opened = self.opened_state().take();
        match opened {
            Some(state) => Ok(state),
            None => self.with(|d| d.app_state()),
        }
    }

    /// As the app closes: works out Home's figures for the next start if a change has made them stale
    /// (nothing if the folder never opened or is still opening).
    fn keep_home_figures(&self) {
        if self.desk.get().is_some()
            && let Ok(desk) = &*self.lock_for_reading()
        {
            let _ = desk.keep_home_figures();
        }
    }

    /// Runs one use case on the desk.
    fn with<T>(&self, f: impl FnOnce(&mut Desk) -> council_core::Result<T>) -> Result<T, ErrorPayload> {
        match &mut *self.lock() {
            Ok(desk) => f(desk).map_err(ErrorPayload::from),
            Err(e) => Err(e.clone()),
        }
    }

    /// Produces a document from the desk (council-docs).
    fn docs<T>(&self, f: impl FnOnce(&Desk) -> council_docs::Result<T>) -> Result<T, ErrorPayload> {
        match &*self.lock() {
            Ok(desk) => f(desk).map_err(ErrorPayload::from),
            Err(e) => Err(e.clone()),
        }
    }

    /// Restores a backup into a data folder that could not be opened, and opens it.
    fn recover(&self, backup: &std::path::Path) -> Result<AppState, ErrorPayload> {
        let mut slot = self.lock();
        if let Ok(desk) = &mut *slot {
            desk.restore(backup)?;
            return Ok(desk.app_state()?);
        }
        let dir = DataDir::resolve(None)?;
        let (desk, _) = Desk::recover(dir, clock::from_env(), backup)?;
        let state = desk.app_state()?;
        *slot = Ok(desk);
        Ok(state)
    }
}

mod dialogs {
    //! Native file dialogs (rfd). rfd runs GTK dialogs on its own GTK thread and blocks the caller
    //! until the user answers, so the commands wait on a blocking worker, never on the window's thread.
    //!
    //! Set to a folder, `COUNCIL_DESK_PICK_FOLDER` answers the folder and save dialogs instead (a file
    //! is saved there under the suggested name): the end-to-end tests cannot answer a GTK dialog.

    use std::path::PathBuf;

    const PICK_FOLDER_ENV: &str = "COUNCIL_DESK_PICK_FOLDER";

    async fn ask(dialog: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Option<PathBuf> {
        tauri::async_runtime::spawn_blocking(dialog).await.ok().flatten()
    }

    fn preset() -> Option<PathBuf> {
        std::env::var_os(PICK_FOLDER_ENV).map(PathBuf::from)
    }

    /// Asks for a backup file to open; `None` if the user cancels.
    pub async fn open_backup() -> Option<PathBuf> {
        ask(|| rfd::FileDialog::new().add_filter("Council Desk backup", &["sqlite3"]).pick_file()).await
    }

    /// Asks for a hand-over file to open; `None` if the user cancels.
    pub async fn open_handover() -> Option<PathBuf> {
        ask(|| rfd::FileDialog::new().add_filter("引き継ぎファイル / hand-over", &["handover"]).pick_file()).await
    }

    /// Asks for a folder; `None` if the user cancels.
    pub async fn pick_folder() -> Option<PathBuf> {
        if let Some(dir) = preset() {
            return Some(dir);
        }
        ask(|| rfd::FileDialog::new().pick_folder()).await
    }

    /// Asks where to save a file, suggesting `name`; `None` if the user cancels.
    pub async fn save_file(name: &str) -> Option<PathBuf> {
        if let Some(dir) = preset() {
            return Some(dir.join(name));
        }
        let name = name.to_owned();
        ask(move || rfd::FileDialog::new().set_file_name(name).save_file()).await
    }
}

mod startup_probe {
    //! Benchmarks only (`scripts/bench.sh`): with `COUNCIL_DESK_STARTUP_PROBE=1` the window reports on
    //! standard error when Home first shows data (the unpaid-dues figure), then opens the member list
    //! and reports when its rows are shown, so a script can time start-up and measure memory there.
    //! Without the variable nothing is injected or printed.

    use tauri::Listener as _;

    const VAR: &str = "COUNCIL_DESK_STARTUP_PROBE";

    /// Waits (frame by frame) for `selector`, then emits `startup-probe` with `step` after the frame
    /// that shows it has been painted; after Home, goes on to the member list.
    const SCRIPT: &str = r#"(() => {
  const emit = (step) => window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'startup-probe', payload: step });
  const when = (selector, step, next) => {
    const look = () => document.querySelector(selector)
      ? requestAnimationFrame(() => requestAnimationFrame(() => { emit(step); next(); }))
      : requestAnimationFrame(look);
    look();
  };
  when('[data-testid="home-unpaid"]', 'home', () => {
    location.hash = '#/members';
    when('[data-testid="member-row"]', 'members', () => {});
  });
})();"#;

    fn enabled() -> bool {
        std::env::var_os(VAR).is_some()
    }

    /// Prints each step the page reports.
    pub fn listen(app: &tauri::App) {
        if enabled() {
            app.listen("startup-probe", |event| eprintln!("startup-probe: {}", event.payload().trim_matches('"')));
        }
    }

    /// Starts watching once the page has loaded.
    pub fn inject(webview: &tauri::Webview, payload: &tauri::webview::PageLoadPayload<'_>) {
        if enabled() && payload.event() == tauri::webview::PageLoadEvent::Finished {
            let _ = webview.eval(SCRIPT);
        }
    }
}

type Desk_<'a> = tauri::State<'a, DeskState>;

#[tauri::command]
async fn app_state(desk: Desk_<'_>) -> Result<AppState, ErrorPayload> {
    desk.app_state()
}

#[tauri::command]
async fn set_up_council(desk: Desk_<'_>, input: CouncilProfileInput) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.set_up_council(&input))
}

#[tauri::command]
async fn set_up_demo(desk: Desk_<'_>) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.set_up_demo())
}

#[tauri::command]
async fn update_council(desk: Desk_<'_>, input: CouncilProfileInput) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.update_council(&input))
}

#[tauri::command]
async fn update_settings(desk: Desk_<'_>, patch: SettingsPatch) -> Result<AppState, ErrorPayload> {
    desk.with(|d| d.update_settings(&patch))
}

/// What Home shows as needing attention now.
#[tauri::command]
async fn home(desk: Desk_<'_>) -> Result<council_core::home::HomeSummary, ErrorPayload> {
    desk.with(|d| d.home())
}

#[tauri::command]
async fn recent_changes(desk: Desk_<'_>, limit: u32) -> Result<Vec<AuditEntry>, ErrorPayload> {
    desk.with(|d| d.recent_changes(limit))
}

#[tauri::command]
async fn history(desk: Desk_<'_>, entity: String, id: String) -> Result<Vec<AuditEntry>, ErrorPayload> {
    desk.with(|d| d.history(&entity, &id))
}

#[tauri::command]
async fn blocks(desk: Desk_<'_>) -> Result<Vec<Block>, ErrorPayload> {
    desk.with(|d| d.blocks())
}

#[tauri::command]
async fn create_block(desk: Desk_<'_>, input: BlockInput) -> Result<Vec<Block>, ErrorPayload> {
    desk.with(|d| d.create_block(&input))
}

#[tauri::command]
async fn update_block(desk: Desk_<'_>, id: BlockId, input: BlockInput) -> Result<Vec<Block>, ErrorPayload> {
    desk.with(|d| d.update_block(&id, &input))
}

#[tauri::command]
async fn members(desk: Desk_<'_>, query: MemberQuery) -> Result<MemberPage, ErrorPayload> {
    desk.with(|d| d.members(&query))
}

#[tauri::command]
async fn household(desk: Desk_<'_>, id: HouseholdId) -> Result<Household, ErrorPayload> {
    desk.with(|d| d.household(&id))
}

#[tauri::command]
async fn create_household(desk: Desk_<'_>, input: HouseholdInput) -> Result<Household, ErrorPayload> {
    desk.with(|d| d.create_household(&input))
}

#[tauri::command]
async fn update_household(desk: Desk_<'_>, id: HouseholdId, input: HouseholdInput) -> Result<Household, ErrorPayload> {
    desk.with(|d| d.update_household(&id, &input))
}

#[tauri::command]
async fn move_household(
    desk: Desk_<'_>,
    id: HouseholdId,
    block: Option<BlockId>,
    from_date: NaiveDate,
) -> Result<Household, ErrorPayload> {
    desk.with(|d| d.move_household(&id, block.as_ref(), from_date))
}

#[tauri::command]
async fn leave_household(
    desk: Desk_<'_>,
    id: HouseholdId,
    left_on: NaiveDate,
    reason: LeaveReason,
) -> Result<Household, ErrorPayload> {
    desk.with(|d| d.leave_household(&id, left_on, reason))
}

#[tauri::command]
async fn household_counts(desk: Desk_<'_>, as_of: Option<NaiveDate>) -> Result<HouseholdCounts, ErrorPayload> {
    desk.with(|d| d.household_counts(as_of))
}

#[tauri::command]
async fn find_persons(desk: Desk_<'_>, text: String) -> Result<Vec<PersonHit>, ErrorPayload> {
    desk.with(|d| d.find_persons(&text))
}

#[tauri::command]
async fn officers(desk: Desk_<'_>, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>, ErrorPayload> {
    desk.with(|d| d.officers(fiscal_year))
}

#[tauri::command]
async fn create_officer(
    desk: Desk_<'_>,
    input: OfficerTermInput,
    fiscal_year: Option<i32>,
) -> Result<Vec<OfficerTerm>, ErrorPayload> {
    desk.with(|d| d.create_officer(&input, fiscal_year))
}

#[tauri::command]
async fn delete_officer(
    desk: Desk_<'_>,
    id: OfficerTermId,
    fiscal_year: Option<i32>,
) -> Result<Vec<OfficerTerm>, ErrorPayload> {
    desk.with(|d| d.delete_officer(&id, fiscal_year))
}

#[tauri::command]
async fn carry_officers(
    desk: Desk_<'_>,
    from_year: i32,
    choices: Vec<CarryChoice>,
) -> Result<Vec<OfficerTerm>, ErrorPayload> {
    desk.with(|d| d.carry_officers(from_year, &choices))
}

#[tauri::command]
async fn partners(desk: Desk_<'_>) -> Result<Vec<Partner>, ErrorPayload> {
    desk.with(|d| d.partners())
}

#[tauri::command]
async fn create_partner(desk: Desk_<'_>, input: PartnerInput) -> Result<Vec<Partner>, ErrorPayload> {
    desk.with(|d| d.create_partner(&input))
}

#[tauri::command]
async fn update_partner(desk: Desk_<'_>, id: PartnerId, input: PartnerInput) -> Result<Vec<Partner>, ErrorPayload> {
    desk.with(|d| d.update_partner(&id, &input))
}

#[tauri::command]
async fn dues_overview(desk: Desk_<'_>, fiscal_year: Option<i32>) -> Result<DuesOverview, ErrorPayload> {
    desk.with(|d| d.dues_overview(fiscal_year))
}

#[tauri::command]
async fn dues_rows(
    desk: Desk_<'_>,
    fiscal_year: Option<i32>,
    block: Option<BlockId>,
    only_unpaid: bool,
) -> Result<Vec<DuesRow>, ErrorPayload> {
    desk.with(|d| d.dues_rows(fiscal_year, block.as_ref(), only_unpaid))
}

#[tauri::command]
async fn set_dues_rate(desk: Desk_<'_>, rate: DuesRate) -> Result<DuesOverview, ErrorPayload> {
    desk.with(|d| d.set_dues_rate(&rate))
}

#[tauri::command]
async fn set_dues_adjustment(
    desk: Desk_<'_>,
    household: HouseholdId,
    fiscal_year: i32,
    amount: Option<i64>,
    reason: String,
) -> Result<Vec<DuesRow>, ErrorPayload> {
    desk.with(|d| d.set_dues_adjustment(&household, fiscal_year, amount, &reason))
}

#[tauri::command]
async fn record_dues_payment(desk: Desk_<'_>, input: DuesPaymentInput) -> Result<Vec<DuesPayment>, ErrorPayload> {
    desk.with(|d| d.record_dues_payment(&input))
}

#[tauri::command]
async fn dues_payments(
    desk: Desk_<'_>,
    household: HouseholdId,
    fiscal_year: i32,
) -> Result<Vec<DuesPayment>, ErrorPayload> {
    desk.with(|d| d.dues_payments(&household, fiscal_year))
}

#[tauri::command]
async fn preview_roster_import(
    desk: Desk_<'_>,
    bytes: Vec<u8>,
    file_name: String,
    encoding: Encoding,
    mapping: Option<Vec<RosterField>>,
) -> Result<ImportPreview, ErrorPayload> {
    desk.with(|d| d.preview_roster_import(&bytes, &file_name, encoding, mapping))
}

#[tauri::command]
async fn import_roster(
    desk: Desk_<'_>,
    bytes: Vec<u8>,
    file_name: String,
    encoding: Encoding,
    mapping: Option<Vec<RosterField>>,
    on_duplicate: OnDuplicate,
) -> Result<ImportSummary, ErrorPayload> {
    desk.with(|d| d.import_roster(&bytes, &file_name, encoding, mapping, on_duplicate))
}

/// Exports the roster and asks where to save it (the native save dialog); `None` if cancelled.
#[tauri::command]
async fn export_roster(
    desk: Desk_<'_>,
    format: ExportFormat,
    encoding: ExportEncoding,
    scope: ExportScope,
) -> Result<Option<SavedExport>, ErrorPayload> {
    let file = desk.with(|d| d.export_roster(format, encoding, scope))?;
    let Some(path) = dialogs::save_file(&file.file_name).await else { return Ok(None) };
    std::fs::write(&path, &file.bytes).map_err(|e| ErrorPayload::from(council_core::Error::Io(e)))?;
    Ok(Some(SavedExport { path: path.display().to_string(), rows: file.rows, warning: file.warning }))
}

/// Asks for the council's template folder, copies the built-in templates into it where a file of that
/// name is not there yet (a starting point to edit), and uses it from now on; `None` if cancelled.
#[tauri::command]
async fn choose_template_folder(desk: Desk_<'_>) -> Result<Option<AppState>, ErrorPayload> {
    let Some(dir) = dialogs::pick_folder().await else { return Ok(None) };
    council_docs::typeset::copy_builtin_templates(&dir)?;
    let patch = SettingsPatch { template_dir: Some(dir.display().to_string()), ..Default::default() };
    desk.with(|d| d.update_settings(&patch)).map(Some)
}

/// Typesets a document and returns its pages as pictures, for the preview.
#[tauri::command]
async fn preview_document(desk: Desk_<'_>, request: DocumentRequest) -> Result<DocumentPreview, ErrorPayload> {
    desk.docs(|d| council_docs::preview(d, &request))
}

// Grants

#[tauri::command]
async fn grant_programs(desk: Desk_<'_>, fiscal_year: Option<i32>) -> Result<Vec<GrantProgram>, ErrorPayload> {
    desk.with(|d| d.grant_programs(fiscal_year))
}

#[tauri::command]
async fn grant_program(desk: Desk_<'_>, id: GrantProgramId) -> Result<GrantProgram, ErrorPayload> {
    desk.with(|d| d.grant_program(&id))
}

#[tauri::command]
async fn create_grant_program(desk: Desk_<'_>, input: GrantProgramInput) -> Result<GrantProgram, ErrorPayload> {
    desk.with(|d| d.create_grant_program(&input))
}

#[tauri::command]
async fn update_grant_program(
    desk: Desk_<'_>,
    id: GrantProgramId,
    input: GrantProgramInput,
) -> Result<GrantProgram, ErrorPayload> {
    desk.with(|d| d.update_grant_program(&id, &input))
}

#[tauri::command]
async fn delete_grant_program(desk: Desk_<'_>, id: GrantProgramId) -> Result<(), ErrorPayload> {
    desk.with(|d| d.delete_grant_program(&id))
}

#[tauri::command]
async fn grant_applications(
    desk: Desk_<'_>,
    fiscal_year: Option<i32>,
) -> Result<Vec<GrantApplicationSummary>, ErrorPayload> {
    desk.with(|d| d.grant_applications(fiscal_year))
}

#[tauri::command]
async fn grant_application(desk: Desk_<'_>, id: GrantApplicationId) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.grant_application(&id))
}

#[tauri::command]
async fn create_grant_application(
    desk: Desk_<'_>,
    input: GrantApplicationInput,
) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.create_grant_application(&input))
}

#[tauri::command]
async fn update_grant_application(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    input: GrantApplicationInput,
) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.update_grant_application(&id, &input))
}

#[tauri::command]
async fn delete_grant_application(desk: Desk_<'_>, id: GrantApplicationId) -> Result<(), ErrorPayload> {
    desk.with(|d| d.delete_grant_application(&id))
}

#[tauri::command]
async fn grant_application_choices(desk: Desk_<'_>) -> Result<Vec<GrantApplicationChoice>, ErrorPayload> {
    desk.with(|d| d.grant_application_choices())
}

#[tauri::command]
async fn link_event_to_grant(
    desk: Desk_<'_>,
    event: EventId,
    grant: Option<GrantApplicationId>,
) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.link_event_to_grant(&event, grant.as_ref()))
}

#[tauri::command]
async fn save_grant_budget(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    input: BudgetInput,
) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.save_grant_budget(&id, &input))
}

#[tauri::command]
async fn check_grant_budget(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    input: Option<BudgetInput>,
) -> Result<BudgetCheck, ErrorPayload> {
    desk.with(|d| d.check_grant_budget(&id, input.as_ref()))
}

#[tauri::command]
async fn discard_grant_change(desk: Desk_<'_>, id: GrantApplicationId) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.discard_grant_change(&id))
}

#[tauri::command]
async fn transition_grant(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    step: GrantTransition,
) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.transition_grant(&id, &step))
}

#[tauri::command]
async fn record_grant_advance(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    on: chrono::NaiveDate,
    amount: i64,
) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.record_grant_advance(&id, on, amount))
}

/// Records an expense; `file_name` and `bytes` are its receipt file, if one was chosen.
#[tauri::command]
async fn add_grant_expense(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    input: GrantExpenseInput,
    file_name: Option<String>,
    bytes: Option<Vec<u8>>,
) -> Result<GrantApplication, ErrorPayload> {
    let receipt = file_name.as_deref().zip(bytes.as_deref()).map(|(file_name, bytes)| ReceiptFile { file_name, bytes });
    desk.with(|d| d.add_grant_expense(&id, &input, receipt))
}

/// Changes an expense; a chosen file replaces the receipt, `remove_receipt` takes it off.
#[tauri::command]
async fn update_grant_expense(
    desk: Desk_<'_>,
    id: GrantExpenseId,
    input: GrantExpenseInput,
    file_name: Option<String>,
    bytes: Option<Vec<u8>>,
    remove_receipt: bool,
) -> Result<GrantApplication, ErrorPayload> {
    let receipt = match file_name.as_deref().zip(bytes.as_deref()) {
        Some((file_name, bytes)) => ReceiptChange::Replace(ReceiptFile { file_name, bytes }),
        None if remove_receipt => ReceiptChange::Remove,
        None => ReceiptChange::Keep,
    };
    desk.with(|d| d.update_grant_expense(&id, &input, receipt))
}

#[tauri::command]
async fn delete_grant_expense(desk: Desk_<'_>, id: GrantExpenseId) -> Result<GrantApplication, ErrorPayload> {
    desk.with(|d| d.delete_grant_expense(&id))
}

/// A receipt file's bytes, sent raw.
#[tauri::command]
async fn grant_receipt(desk: Desk_<'_>, id: GrantExpenseId) -> Result<tauri::ipc::Response, ErrorPayload> {
    desk.with(|d| d.grant_receipt(&id)).map(|(_, bytes)| tauri::ipc::Response::new(bytes))
}

/// Saves a copy of a receipt file where the user chooses; `None` if cancelled.
#[tauri::command]
async fn save_grant_receipt(desk: Desk_<'_>, id: GrantExpenseId) -> Result<Option<String>, ErrorPayload> {
    let (receipt, bytes) = desk.with(|d| d.grant_receipt(&id))?;
    let Some(path) = dialogs::save_file(&receipt.file_name).await else { return Ok(None) };
    std::fs::write(&path, &bytes).map_err(|e| ErrorPayload::from(council_core::Error::Io(e)))?;
    Ok(Some(path.display().to_string()))
}

/// Saves the whole application as an Excel workbook where the user chooses; `None` if cancelled.
#[tauri::command]
async fn export_grant_xlsx(desk: Desk_<'_>, id: GrantApplicationId) -> Result<Option<String>, ErrorPayload> {
    let (name, bytes) = {
        let guard = desk.lock();
        let d = guard.as_ref().map_err(Clone::clone)?;
        council_submit::grant_workbook(d, &id).map_err(ErrorPayload::from)?
    };
    let Some(path) = dialogs::save_file(&name).await else { return Ok(None) };
    std::fs::write(&path, &bytes).map_err(|e| ErrorPayload::from(council_core::Error::Io(e)))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
async fn grant_budget_vs_actual(desk: Desk_<'_>, id: GrantApplicationId) -> Result<BudgetVsActual, ErrorPayload> {
    desk.with(|d| d.grant_budget_vs_actual(&id))
}

#[tauri::command]
async fn grant_settlement(desk: Desk_<'_>, id: GrantApplicationId) -> Result<Settlement, ErrorPayload> {
    desk.with(|d| d.grant_settlement(&id))
}

#[tauri::command]
async fn save_grant_settlement(
    desk: Desk_<'_>,
    id: GrantApplicationId,
    input: SettlementInput,
) -> Result<Settlement, ErrorPayload> {
    desk.with(|d| d.save_grant_settlement(&id, &input))
}

#[tauri::command]
async fn grant_deadlines(desk: Desk_<'_>) -> Result<Vec<GrantDeadline>, ErrorPayload> {
    desk.with(|d| d.grant_deadlines())
}

/// Typesets a document and asks where to save the PDF (the native save dialog); `None` if cancelled.
#[tauri::command]
async fn save_document(desk: Desk_<'_>, request: DocumentRequest) -> Result<Option<String>, ErrorPayload> {
    let name = desk.docs(|d| council_docs::file_name(d, &request))?;
    let Some(path) = dialogs::save_file(&name).await else { return Ok(None) };
    desk.docs(|d| council_docs::save_pdf(d, &request, &path)).map(|p| Some(p.display().to_string()))
}

/// Typesets a document and opens the PDF in the system's viewer to print from. Where no viewer can be
/// opened, the answer says where the PDF is, so it can still be printed.
#[tauri::command]
async fn print_document(desk: Desk_<'_>, request: DocumentRequest) -> Result<PrintedDocument, ErrorPayload> {
    let path = desk.docs(|d| council_docs::print_copy(d, &request))?;
    let opened = opener::open(&path).is_ok();
    Ok(PrintedDocument { path: path.display().to_string(), opened })
}

#[tauri::command]
async fn delete_household(desk: Desk_<'_>, id: HouseholdId) -> Result<Vec<AuditEntry>, ErrorPayload> {
    desk.with(|d| d.delete_household(&id))
}

#[tauri::command]
async fn restore_household(desk: Desk_<'_>, seq: i64) -> Result<(), ErrorPayload> {
    desk.with(|d| d.restore_deleted(seq))
}

#[tauri::command]
async fn deleted_households(desk: Desk_<'_>) -> Result<Vec<AuditEntry>, ErrorPayload> {
    desk.with(|d| d.deleted_households())
}

#[tauri::command]
async fn backups(desk: Desk_<'_>) -> Result<Vec<BackupEntry>, ErrorPayload> {
    desk.with(|d| d.backups())
}

#[tauri::command]
async fn backup_now(desk: Desk_<'_>) -> Result<BackupEntry, ErrorPayload> {
    desk.with(|d| d.backup_now(BackupReason::Manual))
}

/// Saves a backup where the user chooses (a USB stick); `None` if the dialog is cancelled.
#[tauri::command]
async fn save_backup(desk: Desk_<'_>) -> Result<Option<BackupEntry>, ErrorPayload> {
    let name = desk.with(|d| Ok(d.suggested_backup_name()))?;
    let Some(path) = dialogs::save_file(&name).await else { return Ok(None) };
    desk.with(|d| d.backup_to(&path)).map(Some)
}

/// Asks for a backup file (from a USB stick) and previews it; `None` if the dialog is cancelled.
#[tauri::command]
async fn choose_backup() -> Result<Option<BackupInfo>, ErrorPayload> {
    let Some(path) = dialogs::open_backup().await else { return Ok(None) };
    Ok(Some(council_core::backup::inspect(&path)?))
}

#[tauri::command]
async fn inspect_backup(path: String) -> Result<BackupInfo, ErrorPayload> {
    Ok(council_core::backup::inspect(std::path::Path::new(&path))?)
}

/// Restores a backup (the current data is backed up first), also into data that could not be opened.
#[tauri::command]
async fn restore_backup(desk: Desk_<'_>, path: String) -> Result<AppState, ErrorPayload> {
    desk.recover(std::path::Path::new(&path))
}

/// Asks for a hand-over file; its path, or `None` if the dialog is cancelled.
#[tauri::command]
async fn pick_handover_file() -> Result<Option<String>, ErrorPayload> {
    Ok(dialogs::open_handover().await.map(|p| p.display().to_string()))
}

#[tauri::command]
async fn inspect_handover(path: String, passphrase: Option<String>) -> Result<HandoverInfo, ErrorPayload> {
    Ok(council_core::handover::inspect(std::path::Path::new(&path), passphrase.as_deref())?)
}

/// Opens a hand-over file on this PC (checked before anything is written).
#[tauri::command]
async fn import_handover(desk: Desk_<'_>, path: String, passphrase: Option<String>) -> Result<AppState, ErrorPayload> {
    desk.with(|d| {
        d.import_handover(std::path::Path::new(&path), passphrase.as_deref())?;
        d.app_state()
    })
}

/// Writes a hand-over file where the user chooses; `None` if the dialog is cancelled.
#[tauri::command]
async fn export_handover(desk: Desk_<'_>, passphrase: Option<String>) -> Result<Option<HandoverInfo>, ErrorPayload> {
    let name = desk.with(|d| Ok(d.suggested_handover_name()))?;
    let Some(path) = dialogs::save_file(&name).await else { return Ok(None) };
    desk.with(|d| d.export_handover(&path, passphrase.as_deref())).map(Some)
}

/// Exports every table (a file for JSON/xlsx, a folder of CSV files); `None` if the dialog is cancelled.
#[tauri::command]
async fn export_all(desk: Desk_<'_>, format: OpenDataFormat) -> Result<Option<OpenDataExport>, ErrorPayload> {
    let name = desk.with(|d| Ok(d.suggested_export_name(format)))?;
    let target = match format {
        OpenDataFormat::Csv => dialogs::pick_folder().await.map(|dir| dir.join(name)),
        _ => dialogs::save_file(&name).await,
    };
    let Some(path) = target else { return Ok(None) };
    desk.with(|d| d.export_all(format, &path)).map(Some)
}

#[tauri::command]
async fn search(desk: Desk_<'_>, text: String) -> Result<council_core::search::SearchResults, ErrorPayload> {
    desk.with(|d| d.search(&text))
}

#[tauri::command]
async fn events(desk: Desk_<'_>, fiscal_year: Option<i32>) -> Result<Vec<Event>, ErrorPayload> {
    desk.with(|d| d.events(fiscal_year))
}

#[tauri::command]
async fn upcoming_events(desk: Desk_<'_>, limit: u32) -> Result<Vec<Event>, ErrorPayload> {
    desk.with(|d| d.upcoming_events(limit))
}

#[tauri::command]
async fn event(desk: Desk_<'_>, id: EventId) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.event(&id))
}

#[tauri::command]
async fn create_event(desk: Desk_<'_>, input: EventInput) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.create_event(&input))
}

#[tauri::command]
async fn update_event(desk: Desk_<'_>, id: EventId, input: EventInput) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.update_event(&id, &input))
}

#[tauri::command]
async fn delete_event(desk: Desk_<'_>, id: EventId) -> Result<i64, ErrorPayload> {
    desk.with(|d| d.delete_event(&id))
}

/// Brings back a deleted event (the undo after a delete).
#[tauri::command]
async fn restore_event(desk: Desk_<'_>, seq: i64) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.restore_event(seq))
}

#[tauri::command]
async fn add_event_photo(desk: Desk_<'_>, id: EventId, name: String, bytes: Vec<u8>) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.add_event_photo(&id, &name, &bytes))
}

#[tauri::command]
async fn remove_event_photo(desk: Desk_<'_>, id: EventId, photo: AttachmentId) -> Result<Event, ErrorPayload> {
    desk.with(|d| d.remove_event_photo(&id, &photo))
}

/// A photo's bytes, sent raw (an ArrayBuffer in the window) rather than as a JSON list of numbers.
#[tauri::command]
async fn event_photo(desk: Desk_<'_>, id: AttachmentId) -> Result<tauri::ipc::Response, ErrorPayload> {
    desk.with(|d| d.attachment(&id)).map(|(_, bytes)| tauri::ipc::Response::new(bytes))
}

/// Exports the year's events as an iCalendar file and asks where to save it; `None` if cancelled.
#[tauri::command]
async fn export_events_ics(desk: Desk_<'_>, fiscal_year: Option<i32>) -> Result<Option<SavedExport>, ErrorPayload> {
    let file = desk.with(|d| d.events_ics(fiscal_year))?;
    let Some(path) = dialogs::save_file(&file.file_name).await else { return Ok(None) };
    std::fs::write(&path, &file.bytes).map_err(|e| ErrorPayload::from(council_core::Error::Io(e)))?;
    Ok(Some(SavedExport { path: path.display().to_string(), rows: file.rows, warning: file.warning }))
}

#[tauri::command]
async fn action_choices(desk: Desk_<'_>) -> Result<Vec<ActionChoice>, ErrorPayload> {
    desk.with(|d| d.action_choices())
}

#[tauri::command]
async fn plans(desk: Desk_<'_>) -> Result<Vec<PlanSummary>, ErrorPayload> {
    desk.with(|d| d.plans())
}

#[tauri::command]
async fn plan(desk: Desk_<'_>, id: Option<PlanId>) -> Result<Option<Plan>, ErrorPayload> {
    desk.with(|d| d.plan(id.as_ref()))
}

#[tauri::command]
async fn create_plan(desk: Desk_<'_>, input: PlanInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.create_plan(&input))
}

#[tauri::command]
async fn update_plan(desk: Desk_<'_>, id: PlanId, input: PlanInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.update_plan(&id, &input))
}

#[tauri::command]
async fn create_policy(desk: Desk_<'_>, plan: PlanId, input: PolicyInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.create_policy(&plan, &input))
}

#[tauri::command]
async fn update_policy(desk: Desk_<'_>, id: PolicyId, input: PolicyInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.update_policy(&id, &input))
}

#[tauri::command]
async fn create_measure(desk: Desk_<'_>, policy: PolicyId, input: MeasureInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.create_measure(&policy, &input))
}

#[tauri::command]
async fn update_measure(desk: Desk_<'_>, id: MeasureId, input: MeasureInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.update_measure(&id, &input))
}

#[tauri::command]
async fn create_action(desk: Desk_<'_>, measure: MeasureId, input: ActionInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.create_action(&measure, &input))
}

#[tauri::command]
async fn update_action(desk: Desk_<'_>, id: ActionId, input: ActionInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.update_action(&id, &input))
}

#[tauri::command]
async fn create_indicator(desk: Desk_<'_>, owner: IndicatorOwner, input: IndicatorInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.create_indicator(&owner, &input))
}

#[tauri::command]
async fn update_indicator(desk: Desk_<'_>, id: IndicatorId, input: IndicatorInput) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.update_indicator(&id, &input))
}

#[tauri::command]
async fn set_indicator_actual(
    desk: Desk_<'_>,
    id: IndicatorId,
    fiscal_year: i32,
    value: Option<f64>,
) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.set_indicator_actual(&id, fiscal_year, value))
}

#[tauri::command]
async fn delete_plan_node(desk: Desk_<'_>, kind: PlanNode, id: String) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.delete_plan_node(kind, &id))
}

#[tauri::command]
async fn revise_plan(desk: Desk_<'_>, id: PlanId, note: String) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.revise_plan(&id, &note))
}

#[tauri::command]
async fn plan_review(desk: Desk_<'_>, id: PlanId, fiscal_year: Option<i32>) -> Result<Review, ErrorPayload> {
    desk.with(|d| d.plan_review(&id, fiscal_year))
}

#[tauri::command]
async fn set_action_review(
    desk: Desk_<'_>,
    id: ActionId,
    fiscal_year: i32,
    status: ActionStatus,
    comment: String,
) -> Result<Review, ErrorPayload> {
    desk.with(|d| d.set_action_review(&id, fiscal_year, status, &comment))
}

/// Exports a plan version as an Excel workbook and asks where to save it; `None` if cancelled.
#[tauri::command]
async fn export_plan_xlsx(desk: Desk_<'_>, id: PlanId) -> Result<Option<SavedExport>, ErrorPayload> {
    let file = desk.with(|d| d.export_plan_xlsx(&id))?;
    let Some(path) = dialogs::save_file(&file.file_name).await else { return Ok(None) };
    std::fs::write(&path, &file.bytes).map_err(|e| ErrorPayload::from(council_core::Error::Io(e)))?;
    Ok(Some(SavedExport { path: path.display().to_string(), rows: file.rows, warning: file.warning }))
}

#[tauri::command]
async fn preview_plan_import(
    desk: Desk_<'_>,
    bytes: Vec<u8>,
    file_name: String,
) -> Result<PlanImportPreview, ErrorPayload> {
    desk.with(|d| d.preview_plan_import(&bytes, &file_name))
}

#[tauri::command]
async fn import_plan(desk: Desk_<'_>, bytes: Vec<u8>, file_name: String) -> Result<Plan, ErrorPayload> {
    desk.with(|d| d.import_plan(&bytes, &file_name))
}

#[tauri::command]
async fn meetings(desk: Desk_<'_>, query: MeetingQuery) -> Result<MeetingList, ErrorPayload> {
    desk.with(|d| d.meetings(&query))
}

#[tauri::command]
async fn meeting(desk: Desk_<'_>, id: MeetingId) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.meeting(&id))
}

#[tauri::command]
async fn create_meeting(desk: Desk_<'_>, input: MeetingInput) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.create_meeting(&input))
}

#[tauri::command]
async fn update_meeting(desk: Desk_<'_>, id: MeetingId, input: MeetingInput) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.update_meeting(&id, &input))
}

#[tauri::command]
async fn add_agenda_item(desk: Desk_<'_>, meeting: MeetingId, input: AgendaItemInput) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.add_agenda_item(&meeting, &input))
}

#[tauri::command]
async fn update_agenda_item(
    desk: Desk_<'_>,
    id: AgendaItemId,
    input: AgendaItemInput,
) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.update_agenda_item(&id, &input))
}

#[tauri::command]
async fn remove_agenda_item(desk: Desk_<'_>, id: AgendaItemId) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.remove_agenda_item(&id))
}

#[tauri::command]
async fn move_agenda_item(desk: Desk_<'_>, id: AgendaItemId, to: u32) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.move_agenda_item(&id, to))
}

#[tauri::command]
async fn attach_paper(
    desk: Desk_<'_>,
    id: AgendaItemId,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.attach_paper(&id, &file_name, &bytes))
}

#[tauri::command]
async fn record_attendance(
    desk: Desk_<'_>,
    meeting: MeetingId,
    lines: Vec<AttendanceInput>,
) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.record_attendance(&meeting, &lines))
}

#[tauri::command]
async fn record_motion_result(
    desk: Desk_<'_>,
    id: AgendaItemId,
    input: MotionResultInput,
) -> Result<Meeting, ErrorPayload> {
    desk.with(|d| d.record_motion_result(&id, &input))
}

#[tauri::command]
async fn quorum_rule(desk: Desk_<'_>) -> Result<QuorumRule, ErrorPayload> {
    desk.with(|d| d.quorum_rule())
}

#[tauri::command]
async fn set_quorum_rule(desk: Desk_<'_>, rule: QuorumRule) -> Result<QuorumRule, ErrorPayload> {
    desk.with(|d| d.set_quorum_rule(rule))
}

#[tauri::command]
async fn start_minutes(desk: Desk_<'_>, meeting: MeetingId) -> Result<Minutes, ErrorPayload> {
    desk.with(|d| d.start_minutes(&meeting))
}

#[tauri::command]
async fn minutes(desk: Desk_<'_>, id: MinutesId) -> Result<Minutes, ErrorPayload> {
    desk.with(|d| d.minutes(&id))
}

#[tauri::command]
async fn update_minutes(desk: Desk_<'_>, id: MinutesId, input: MinutesInput) -> Result<Minutes, ErrorPayload> {
    desk.with(|d| d.update_minutes(&id, &input))
}

#[tauri::command]
async fn advance_minutes(desk: Desk_<'_>, id: MinutesId, to: MinutesStatus) -> Result<Minutes, ErrorPayload> {
    desk.with(|d| d.advance_minutes(&id, to))
}

#[tauri::command]
async fn amend_minutes(desk: Desk_<'_>, id: MinutesId) -> Result<Minutes, ErrorPayload> {
    desk.with(|d| d.amend_minutes(&id))
}

#[tauri::command]
async fn action_items(desk: Desk_<'_>, only_open: bool) -> Result<Vec<ActionItem>, ErrorPayload> {
    desk.with(|d| d.action_items(only_open))
}

#[tauri::command]
async fn create_action_item(desk: Desk_<'_>, input: ActionItemInput) -> Result<Vec<ActionItem>, ErrorPayload> {
    desk.with(|d| d.create_action_item(&input))
}

#[tauri::command]
async fn set_action_status(
    desk: Desk_<'_>,
    id: ActionItemId,
    status: ActionItemStatus,
) -> Result<Vec<ActionItem>, ErrorPayload> {
    desk.with(|d| d.set_action_status(&id, status))
}

/// Builds and runs the app.
pub fn run() {
    rendering::choose();
    fonts::choose();
    tauri::Builder::default()
        .manage(DeskState::default())
        .manage(submissions::OutboxState::open())
        // The window from the configuration exists by now (Tauri creates it before this hook).
        .setup(|app| {
            tauri::Manager::state::<DeskState>(app).start_opening();
            submissions::start(app.handle());
            startup_probe::listen(app);
            Ok(())
        })
        .on_page_load(startup_probe::inject)
        .invoke_handler(tauri::generate_handler![
            app_state,
            set_up_council,
            set_up_demo,
            update_council,
            update_settings,
            home,
            recent_changes,
            history,
            blocks,
            create_block,
            update_block,
            members,
            household,
            create_household,
            update_household,
            move_household,
            leave_household,
            household_counts,
            find_persons,
            officers,
            create_officer,
            delete_officer,
            carry_officers,
            partners,
            create_partner,
            update_partner,
            dues_overview,
            dues_rows,
            set_dues_rate,
            set_dues_adjustment,
            record_dues_payment,
            dues_payments,
            preview_roster_import,
            import_roster,
            export_roster,
            preview_document,
            choose_template_folder,
            save_document,
            print_document,
            delete_household,
            restore_household,
            deleted_households,
            backups,
            backup_now,
            save_backup,
            choose_backup,
            inspect_backup,
            restore_backup,
            pick_handover_file,
            inspect_handover,
            import_handover,
            export_handover,
            export_all,
            search,
            events,
            upcoming_events,
            event,
            create_event,
            update_event,
            delete_event,
            restore_event,
            add_event_photo,
            remove_event_photo,
            event_photo,
            export_events_ics,
            action_choices,
            plans,
            plan,
            create_plan,
            update_plan,
            create_policy,
            update_policy,
            create_measure,
            update_measure,
            create_action,
            update_action,
            create_indicator,
            update_indicator,
            set_indicator_actual,
            delete_plan_node,
            revise_plan,
            plan_review,
            set_action_review,
            export_plan_xlsx,
            preview_plan_import,
            import_plan,
            meetings,
            meeting,
            create_meeting,
            update_meeting,
            add_agenda_item,
            update_agenda_item,
            remove_agenda_item,
            move_agenda_item,
            attach_paper,
            record_attendance,
            record_motion_result,
            quorum_rule,
            set_quorum_rule,
            start_minutes,
            minutes,
            update_minutes,
            advance_minutes,
            amend_minutes,
            action_items,
            create_action_item,
            set_action_status,
            grant_programs,
            grant_program,
            create_grant_program,
            update_grant_program,
            delete_grant_program,
            grant_applications,
            grant_application,
            create_grant_application,
            update_grant_application,
            delete_grant_application,
            grant_application_choices,
            link_event_to_grant,
            save_grant_budget,
            check_grant_budget,
            discard_grant_change,
            transition_grant,
            record_grant_advance,
            add_grant_expense,
            update_grant_expense,
            delete_grant_expense,
            grant_receipt,
            save_grant_receipt,
            export_grant_xlsx,
            grant_budget_vs_actual,
            grant_settlement,
            save_grant_settlement,
            grant_deadlines,
            submissions::submission_purposes,
            submissions::submission_checklist,
            submissions::build_submission,
            submissions::outbox_entries,
            submissions::send_outbox_now,
            submissions::save_outbox_package,
            submissions::send_outbox_again,
            submissions::council_public_key,
            submissions::submission_destination,
            submissions::set_submission_destination,
            submissions::test_submission_destination,
        ])
        .build(tauri::generate_context!())
        .expect("the Council Desk window could not start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                tauri::Manager::state::<DeskState>(app).keep_home_figures();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use council_core::clock::FixedClock;
    use council_core::settings::Language;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A desk opening the demo council in `dir`, as the window's start does.
    fn opening(dir: &std::path::Path) -> DeskState {
        let root = dir.to_owned();
        let state = DeskState::default();
        state.start_opening_with(move || {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
            let mut desk = Desk::open(DataDir::at(root), Box::new(FixedClock::at_date(today)))?;
            desk.set_up_demo()?;
            Ok(desk)
        });
        state
    }

    #[test]
    fn the_first_app_state_is_answered_while_the_desk_is_busy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = opening(dir.path());
        // Another use case holds the desk (as Home's figures do while the window starts).
        let busy = desk.lock_for_reading();
        let (tx, rx) = mpsc::channel();
        let asking = desk.clone();
        std::thread::spawn(move || {
            let _ = tx.send(asking.app_state());
        });
        let answer = rx.recv_timeout(Duration::from_secs(30)).expect("the app state waited for the busy desk");
        let state = answer.expect("app state");
        assert_eq!(state.council.expect("the demo council").name, "さくら台自治会");
        drop(busy);
    }

    #[test]
    fn a_change_replaces_the_state_read_on_opening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = opening(dir.path());
        desk.with(|d| d.update_settings(&SettingsPatch { language: Some(Language::En), ..SettingsPatch::default() }))
            .expect("settings changed");
        assert_eq!(desk.app_state().expect("app state").settings.language, Language::En);
        // Later requests read the desk each time.
        desk.with(|d| d.update_settings(&SettingsPatch { language: Some(Language::Ja), ..SettingsPatch::default() }))
            .expect("settings changed");
        assert_eq!(desk.app_state().expect("app state").settings.language, Language::Ja);
    }

    /// The content version of the data folder's database and the one Home's kept dues were worked out at.
    fn versions(dir: &std::path::Path) -> (String, Option<String>) {
        let db = rusqlite::Connection::open(DataDir::at(dir).database()).expect("open");
        let now: String = db.query_row("SELECT id FROM content_version", [], |r| r.get(0)).expect("version");
        let kept = std::fs::read(DataDir::at(dir).cache().join("dues-overview.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v["content"].as_str().map(str::to_owned));
        (now, kept)
    }

    #[test]
    fn closing_keeps_home_s_figures_for_the_next_start() {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = opening(dir.path());
        desk.app_state().expect("opened");
        desk.keep_home_figures();
        let (now, kept) = versions(dir.path());
        assert_eq!(kept.as_deref(), Some(now.as_str()), "kept for the data as it is");
        // A change made after Home was shown: stale until the app closes.
        desk.with(|d| d.update_settings(&SettingsPatch { language: Some(Language::En), ..SettingsPatch::default() }))
            .expect("settings changed");
        let (now, kept) = versions(dir.path());
        assert_ne!(kept.as_deref(), Some(now.as_str()));
        desk.keep_home_figures();
        let (now, kept) = versions(dir.path());
        assert_eq!(kept.as_deref(), Some(now.as_str()), "worked out again as the app closes");
    }

    #[test]
    fn a_folder_that_cannot_be_opened_answers_why() {
        let desk = DeskState::default();
        desk.start_opening_with(|| Err(council_core::Error::Io(std::io::Error::other("no disk"))));
        assert!(desk.app_state().is_err());
        assert!(desk.with(|d| d.app_state()).is_err());
        desk.keep_home_figures(); // closing with nothing open: nothing to do
    }
}
