//! The one list of the window's commands: each with its arguments, its answer, and the one or two
//! lines that call its use case. Everything else about a command — the shell's dispatch, the names
//! the capability grants, the TypeScript client the UI calls, the declarations of its types — is
//! produced from this list (see [`crate::macros`] and [`crate::generate`]).
//!
//! Adding a command touches three places: its use case (in the domain or another library crate),
//! one entry here, and the screen that calls it. A write answers with the record as it is after the
//! write, read in a read of its own.

use chrono::NaiveDate;

use council_docs::{DocumentPreview, DocumentRequest, PrintedDocument};
use council_domain::accounts::assets::{self, Asset, AssetId, AssetInput, Inventory};
use council_domain::accounts::audit::{self as account_audit, AuditChecklist};
use council_domain::accounts::budget::{self, Budget, BudgetLine, BudgetTransfer, BudgetTransferInput};
use council_domain::accounts::grant_ledger::{GrantLedger, GrantLedgerInput};
use council_domain::accounts::ledger::{self, BookYear, EntryInput, LedgerEntryId, TransferInput};
use council_domain::accounts::settlement::{self, Statement};
use council_domain::accounts::{self, Account, AccountId, BookId, CategoryId, DuesPosting, NewAccount, Side};
use council_domain::attachments::{self, AttachmentId};
use council_domain::audit::{self, AuditEntry};
use council_domain::calendar::{self, FiscalYear, Holiday};
use council_domain::council::{self, CouncilProfileInput};
use council_domain::dues::{self, DuesOverview, DuesPayment, DuesPaymentId, DuesPaymentInput, DuesRate, DuesRow};
use council_domain::events::{self, Event, EventId, EventInput};
use council_domain::forms::{self, FormSettings};
use council_domain::grants::{
    self, BudgetCheck, BudgetInput, BudgetVsActual, GrantApplication, GrantApplicationChoice, GrantApplicationId,
    GrantApplicationInput, GrantApplicationSummary, GrantDeadline, GrantExpenseId, GrantExpenseInput, GrantProgram,
    GrantProgramId, GrantProgramInput, GrantTransition, IncomeLinkInput, ReceiptChange, ReceiptFile, Settlement,
    SettlementInput,
};
use council_domain::home::HomeSummary;
use council_domain::meetings::minutes::{self, Minutes, MinutesId, MinutesInput};
use council_domain::meetings::written::WrittenVote;
use council_domain::meetings::{
    self, ActionItem, ActionItemId, ActionItemInput, ActionItemStatus, AgendaItemId, AgendaItemInput, AttendanceInput,
    ComparisonRow, InviteeInput, IssuedPaper, Meeting, MeetingId, MeetingInput, MeetingList, MeetingQuery,
    MinutesStatus, MotionResultInput, QuorumRule,
};
use council_domain::members::{
    self, Block, BlockId, BlockInput, Household, HouseholdCounts, HouseholdId, HouseholdInput, LeaveReason, MemberPage,
    MemberQuery, PersonHit, RouteStop,
};
use council_domain::officers::{self, CarryChoice, OfficerTerm, OfficerTermId, OfficerTermInput};
use council_domain::partners::{self, Partner, PartnerId, PartnerInput};
use council_domain::plan::{
    self, ActionChoice, ActionId, ActionInput, ActionStatus, IndicatorId, IndicatorInput, IndicatorOwner, MeasureId,
    MeasureInput, Plan, PlanId, PlanInput, PlanNode, PlanSummary, PolicyId, PolicyInput, Review,
};
use council_domain::search::{self, SearchResults};
use council_domain::settings::{self, SettingsPatch};
use council_domain::text::Text;
use council_domain::{deleted, folder, home};
use council_io::cashbook::{CashbookImported, CashbookOptions, CashbookPreview};
use council_io::open_data::{self, OpenDataExport, OpenDataFormat};
use council_io::plan_xlsx::{self, PlanImportPreview};
use council_io::roster::{
    self, Encoding, ExportEncoding, ExportFile, ExportFormat, ExportScope, ImportPreview, ImportSummary, OnDuplicate,
    RosterField, SavedExport,
};
use council_store::backup::{self, BackupEntry, BackupInfo, BackupReason};
use council_store::handover::HandoverInfo;
use council_submit::keys::{CouncilKey, PublicKeyInfo};
use council_submit::outbox::{OutboxEntry, SendReport};
use council_submit::purpose::{Checklist, PurposeInfo};
use council_submit::transport::DestinationStatus;
use council_submit::{PackageRequest, Purpose};
use council_sync::Role;
use council_sync::share::{self, ConflictInfo, SyncReport, SyncStatus};

use council_store::data_dir::DataDir;

use crate::cx::{Cx, FileChoice};
use crate::error::ErrorPayload;
use crate::macros::commands;
use crate::reply::Bytes;
use crate::state::{self, AppState};
use crate::submissions;

type Result<T> = std::result::Result<T, ErrorPayload>;

/// The start month of the council's fiscal year.
fn start_month(r: &council_domain::Read<'_>) -> council_domain::Result<u32> {
    council::start_month(r)
}

/// Saves an export where the person chooses; `None` when they cancel.
fn save_export(cx: &Cx, file: ExportFile) -> Result<Option<SavedExport>> {
    let saved = cx.save_as(&file.file_name, &file.bytes)?;
    Ok(saved.map(|path| SavedExport { path: path.display().to_string(), rows: file.rows, warning: file.warning }))
}

/// The data folder named by how the app was started cannot be changed from the window.
fn refuse_if_fixed() -> Result<()> {
    if council_store::data_dir::fixed_by_environment() {
        return Err(council_domain::Error::Conflict(Text::new(
            "このアプリは、起動のしかたでデータフォルダが決められているため、ここでは変えられません。データフォルダは変えていません。",
            "This app was started with its data folder set, so it cannot be changed here. The data folder was not changed.",
        ))
        .into());
    }
    Ok(())
}

/// A suggested file name for something saved outside the data folder (see [`folder::suggested_name`]).
fn suggested_name(cx: &Cx, what: &str, extension: &str) -> Result<String> {
    cx.read(|r| Ok::<_, council_domain::Error>(folder::suggested_name(r, what, extension, r.today())))
}

fn plan_of(cx: &Cx, kind: PlanNode, id: &str) -> Result<Plan> {
    cx.read(|r| plan::get(r, &plan::plan_containing(r, kind, id)?))
}

/// An event with the grant that pays for it named.
fn event_of(cx: &Cx, id: &EventId) -> Result<Event> {
    cx.read(|r| grants::application::with_grant(r, events::get(r, id, start_month(r)?)?))
}

/// Events with the grants that pay for them named.
fn with_grants(r: &council_domain::Read<'_>, list: Vec<Event>) -> council_domain::Result<Vec<Event>> {
    list.into_iter().map(|e| grants::application::with_grant(r, e)).collect()
}

fn meeting_of(cx: &Cx, id: &MeetingId) -> Result<Meeting> {
    cx.read(|r| meetings::get(r, id, start_month(r)?))
}

fn application_of(cx: &Cx, id: &GrantApplicationId) -> Result<GrantApplication> {
    cx.read(|r| grants::application::get(r, id, start_month(r)?, r.today()))
}

fn officers_of(cx: &Cx, fiscal_year: Option<i32>) -> Result<Vec<OfficerTerm>> {
    cx.read(|r| officers::for_year(r, fiscal_year, r.today()))
}

/// The officer using this PC in the sharing is whom its changes are recorded under, unless a name
/// was set already (after setting up or joining).
fn recorded_as_officer(cx: &Cx, status: &SyncStatus) -> Result<()> {
    if let Some(me) = status.devices.iter().find(|d| d.this_pc) {
        cx.write(|w| settings::name_operator_if_unset(w, &me.officer))?;
    }
    Ok(())
}

fn action_items_of(cx: &Cx) -> Result<Vec<ActionItem>> {
    cx.read(|r| meetings::action_items(r, false, r.today()))
}

commands! {
    /// Everything the window needs at start-up and after any change to the profile or settings.
    fn app_state(cx) -> AppState {
        state::read(cx)
    }

    /// First start: registers the council's profile.
    fn set_up_council(cx, input: CouncilProfileInput) -> AppState {
        cx.write(|w| council::create(w, &input, false))?;
        state::read(cx)
    }

    /// First start: loads the demo council instead.
    fn set_up_demo(cx) -> AppState {
        let attachments = cx.dir()?.attachments();
        cx.write(|w| council_demo::create(w, &attachments))?;
        state::read(cx)
    }

    /// Ends the demo: its data is kept as a backup and the data folder starts empty, so the next
    /// screen is the first start's, for the council's own data.
    fn end_demo(cx) -> AppState {
        folder::end_demo(&*cx.session()?)?;
        state::read(cx)
    }

    /// Asks for another data folder — one holding a council's data, or an empty one for a new
    /// council — and, once it is checked, remembers it and starts the app again there (the `council`
    /// command follows it too); `null` when the dialog is cancelled.
    fn choose_data_folder(cx) -> Option<folder::ChosenFolder> {
        refuse_if_fixed()?;
        let Some(chosen) = cx.platform().pick_folder() else { return Ok(None) };
        let kind = folder::check_chosen_folder(cx.dir()?, &chosen)?;
        DataDir::choose(Some(&chosen))?;
        cx.platform().restart();
        Ok(Some(kind))
    }

    /// Forgets the folder chosen in Settings and starts the app again in the usual data folder.
    fn use_usual_data_folder(cx) -> AppState {
        refuse_if_fixed()?;
        DataDir::choose(None)?;
        cx.platform().restart();
        state::read(cx)
    }

    /// Changes the council's profile (Settings).
    fn update_council(cx, input: CouncilProfileInput) -> AppState {
        cx.write(|w| council::update(w, &input))?;
        state::read(cx)
    }

    /// Changes preferences (language, text size, operator name).
    fn update_settings(cx, patch: SettingsPatch) -> AppState {
        cx.write(|w| settings::update(w, &patch))?;
        state::read(cx)
    }

    /// What Home shows as needing attention now.
    fn home(cx) -> HomeSummary {
        let dir = cx.dir()?;
        cx.read(|r| home::summary(r, dir, r.now(), r.today()))
    }

    /// The latest changes, newest first.
    fn recent_changes(cx, limit: u32) -> Vec<AuditEntry> {
        cx.read(|r| audit::recent(r, limit))
    }

    /// The history of one record, oldest first.
    fn history(cx, entity: String, id: String) -> Vec<AuditEntry> {
        cx.read(|r| audit::for_record(r, &entity, &id))
    }

    /// Every block, in the council's order.
    fn blocks(cx) -> Vec<Block> {
        cx.read(|r| members::blocks(r))
    }

    /// Adds a block; answers with the blocks.
    fn create_block(cx, input: BlockInput) -> Vec<Block> {
        cx.write(|w| members::create_block(w, &input))?;
        blocks(cx)
    }

    /// Renames a block; answers with the blocks.
    fn update_block(cx, id: BlockId, input: BlockInput) -> Vec<Block> {
        cx.write(|w| members::update_block(w, &id, &input))?;
        blocks(cx)
    }

    /// The order a 回覧 travels a block's households.
    fn block_route(cx, block: BlockId) -> Vec<RouteStop> {
        cx.read(|r| members::route(r, &block))
    }

    /// Sets the order a 回覧 travels a block; answers with the route.
    fn set_block_route(cx, block: BlockId, order: Vec<HouseholdId>) -> Vec<RouteStop> {
        cx.write(|w| members::set_route(w, &block, &order))?;
        cx.read(|r| members::route(r, &block))
    }

    /// A page of the member list.
    fn members(cx, query: MemberQuery) -> MemberPage {
        cx.read(|r| members::list(r, &query))
    }

    /// One household with its persons.
    fn household(cx, id: HouseholdId) -> Household {
        cx.read(|r| members::household(r, &id))
    }

    /// Adds a household with its persons.
    fn create_household(cx, input: HouseholdInput) -> Household {
        let id = cx.write(|w| members::create_household(w, &input))?;
        household(cx, id)
    }

    /// Changes a household and its persons.
    fn update_household(cx, id: HouseholdId, input: HouseholdInput) -> Household {
        cx.write(|w| members::update_household(w, &id, &input))?;
        household(cx, id)
    }

    /// Moves a household to another block from a date on.
    fn move_household(cx, id: HouseholdId, block: Option<BlockId>, from_date: NaiveDate) -> Household {
        cx.write(|w| members::move_household(w, &id, block.as_ref(), from_date))?;
        household(cx, id)
    }

    /// Records that a household left.
    fn leave_household(cx, id: HouseholdId, left_on: NaiveDate, reason: LeaveReason) -> Household {
        cx.write(|w| members::leave_household(w, &id, left_on, reason))?;
        household(cx, id)
    }

    /// Member households on a date (default today) by block, with the fiscal year's joins and leaves.
    fn household_counts(cx, as_of: Option<NaiveDate>) -> HouseholdCounts {
        let figures = cx.figures()?;
        cx.read(|r| figures.household_counts(r, as_of, r.today()))
    }

    /// Persons of member households matching a name, reading or phone.
    fn find_persons(cx, text: String) -> Vec<PersonHit> {
        cx.read(|r| members::find_persons(r, &text, 20))
    }

    /// One query across the council's records (the search box on every screen).
    fn search(cx, text: String) -> SearchResults {
        cx.read(|r| search::global(r, &text, 8))
    }

    /// The officers of a fiscal year (default: the current one), in the order of the city's list.
    fn officers(cx, fiscal_year: Option<i32>) -> Vec<OfficerTerm> {
        officers_of(cx, fiscal_year)
    }

    /// Records an officer's term in a fiscal year (default: the current one); answers with that
    /// year's list.
    fn create_officer(cx, input: OfficerTermInput, fiscal_year: Option<i32>) -> Vec<OfficerTerm> {
        let year = cx.write(|w| {
            let (fy, m) = council::fiscal_year_or_current(w, fiscal_year, w.today())?;
            officers::create(w, &input, fy, m).map(|_| fy.0)
        })?;
        officers_of(cx, Some(year))
    }

    /// Corrects a term (role, person, block, dates); answers with the fiscal year's list.
    fn update_officer(cx, id: OfficerTermId, input: OfficerTermInput, fiscal_year: Option<i32>) -> Vec<OfficerTerm> {
        let year = cx.write(|w| {
            let (fy, m) = council::fiscal_year_or_current(w, fiscal_year, w.today())?;
            officers::update(w, &id, &input, fy, m).map(|_| fy.0)
        })?;
        officers_of(cx, Some(year))
    }

    /// Removes a term recorded by mistake; answers with the fiscal year's list.
    fn delete_officer(cx, id: OfficerTermId, fiscal_year: Option<i32>) -> Vec<OfficerTerm> {
        cx.write(|w| officers::delete(w, &id))?;
        officers_of(cx, fiscal_year)
    }

    /// Carries a year's officers to the next year with the given changes (the data is backed up
    /// first); answers with the next year's list.
    fn carry_officers(cx, from_year: i32, choices: Vec<CarryChoice>) -> Vec<OfficerTerm> {
        officers::carry(&*cx.session()?, from_year, &choices)?;
        officers_of(cx, Some(from_year + 1))
    }

    /// Every account (一般会計 first) with its chart of 科目 and its books.
    fn accounts(cx) -> Vec<Account> {
        cx.read(|r| accounts::list(r))
    }

    /// Opens an account with the typical chart of its kind; answers with the accounts.
    fn create_account(cx, input: NewAccount) -> Vec<Account> {
        cx.write(|w| accounts::create(w, &input))?;
        accounts(cx)
    }

    /// Adds a 科目 (a 款, or a 項 under `parent`); answers with the accounts.
    fn add_account_category(cx, account: AccountId, side: Side, parent: Option<CategoryId>, name: String) -> Vec<Account> {
        cx.write(|w| accounts::add_category(w, &account, side, parent.as_ref(), &name))?;
        accounts(cx)
    }

    /// Renames a 科目; answers with the accounts.
    fn rename_account_category(cx, category: CategoryId, name: String) -> Vec<Account> {
        cx.write(|w| accounts::rename_category(w, &category, &name))?;
        accounts(cx)
    }

    /// Removes a 科目 nothing uses; answers with the accounts.
    fn remove_account_category(cx, category: CategoryId) -> Vec<Account> {
        cx.write(|w| accounts::remove_category(w, &category))?;
        accounts(cx)
    }

    /// Adds a bank or postal account's book; answers with the accounts.
    fn add_account_book(cx, account: AccountId, name: String) -> Vec<Account> {
        cx.write(|w| accounts::add_book(w, &account, &name))?;
        accounts(cx)
    }

    /// A book in a fiscal year (default: the current one): brought forward, every line with its
    /// balance, carried forward.
    fn book_year(cx, book: BookId, fiscal_year: Option<i32>) -> BookYear {
        cx.read(|r| {
            let (fy, _) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            ledger::book_year(r, &book, fy)
        })
    }

    /// Records an entry; `project` marks an income entry as a grant project's income (its settlement
    /// takes it from the books); `file_name` and `bytes` are its receipt, if one was chosen. Answers
    /// with its book in the entry's fiscal year.
    fn post_entry(
        cx,
        input: EntryInput,
        project: Option<IncomeLinkInput>,
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
    ) -> BookYear {
        let attachments = cx.dir()?.attachments();
        let receipt =
            file_name.as_deref().zip(bytes.as_deref()).map(|(file_name, bytes)| ReceiptFile { file_name, bytes });
        cx.write(|w| {
            let id = ledger::post(w, &attachments, &input, receipt)?;
            grants::settlement::book_income(w, id.as_str(), project.as_ref())
        })?;
        cx.read(|r| ledger::book_year(r, &input.book_id, FiscalYear::of(input.date, council::start_month(r)?)))
    }

    /// Corrects an entry (before its month or year is closed) and the project it is income of; a
    /// chosen file replaces the receipt, `remove_receipt` takes it off. Answers with its book in the
    /// entry's year.
    fn update_entry(
        cx,
        id: LedgerEntryId,
        input: EntryInput,
        project: Option<IncomeLinkInput>,
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
        remove_receipt: bool,
    ) -> BookYear {
        let attachments = cx.dir()?.attachments();
        let receipt = match file_name.as_deref().zip(bytes.as_deref()) {
            Some((file_name, bytes)) => ReceiptChange::Replace(ReceiptFile { file_name, bytes }),
            None if remove_receipt => ReceiptChange::Remove,
            None => ReceiptChange::Keep,
        };
        cx.write(|w| {
            ledger::update(w, &attachments, &id, &input, receipt)?;
            grants::settlement::book_income(w, id.as_str(), project.as_ref())
        })?;
        cx.read(|r| ledger::book_year(r, &input.book_id, FiscalYear::of(input.date, council::start_month(r)?)))
    }

    /// Saves a copy of an entry's receipt where the person chooses; the path, or `null` if cancelled.
    fn save_entry_receipt(cx, attachment: AttachmentId) -> Option<String> {
        let dir = cx.dir()?.attachments();
        let (att, bytes) = cx.read(|r| attachments::read(r, &dir, &attachment))?;
        Ok(cx.save_as(&att.name, &bytes)?.map(|p| p.display().to_string()))
    }

    /// Closes the books of an account up to the end of the month holding `month`; answers with the
    /// accounts.
    fn close_account_month(cx, account: AccountId, month: NaiveDate) -> Vec<Account> {
        cx.write(|w| account_audit::close_month(w, &account, month))?;
        accounts(cx)
    }

    /// Reopens the latest month closed; answers with the accounts.
    fn reopen_account_month(cx, account: AccountId) -> Vec<Account> {
        cx.write(|w| account_audit::reopen_month(w, &account))?;
        accounts(cx)
    }

    /// Sets how dues payments appear in the cash book (per payment or per collection day).
    fn set_dues_posting(cx, account: AccountId, posting: DuesPosting) -> Vec<Account> {
        cx.write(|w| accounts::set_dues_posting(w, &account, posting))?;
        accounts(cx)
    }

    /// The auditors' checklist of an account's year: each book against the passbook, expenses
    /// without a receipt, the settlement against the books, the audit recorded, what blocks closing.
    fn audit_checklist(cx, account: AccountId, fiscal_year: i32) -> AuditChecklist {
        cx.read(|r| account_audit::checklist(r, &account, FiscalYear(fiscal_year), r.today()))
    }

    /// Records the passbook's balance (or the cash counted) of a book at the year's end; answers with
    /// the checklist.
    fn check_book_balance(cx, book: BookId, fiscal_year: i32, counted: i64, checked_on: NaiveDate) -> AuditChecklist {
        let checked = cx.write(|w| account_audit::check_balance(w, &book, FiscalYear(fiscal_year), counted, checked_on))?;
        let account = cx.read(|r| accounts::book(r, &checked.book_id))?.account_id;
        audit_checklist(cx, account, fiscal_year)
    }

    /// Records the audit (day, auditors' names, finding); answers with the checklist.
    fn record_account_audit(
        cx,
        account: AccountId,
        fiscal_year: i32,
        audited_on: NaiveDate,
        auditors: Vec<String>,
        finding: String,
    ) -> AuditChecklist {
        cx.write(|w| account_audit::record_audit(w, &account, FiscalYear(fiscal_year), audited_on, &auditors, &finding))?;
        audit_checklist(cx, account, fiscal_year)
    }

    /// The transfers between the budget's lines (流用, 予備費充用) of an account's year.
    fn budget_transfers(cx, account: AccountId, fiscal_year: i32) -> Vec<BudgetTransfer> {
        cx.read(|r| budget::transfers(r, &account, FiscalYear(fiscal_year)))
    }

    /// Moves an amount between two expense lines of the approved budget, with the reason; answers
    /// with the transfers.
    fn transfer_budget(cx, account: AccountId, fiscal_year: i32, input: BudgetTransferInput) -> Vec<BudgetTransfer> {
        cx.write(|w| budget::transfer(w, &account, FiscalYear(fiscal_year), &input))?;
        budget_transfers(cx, account, fiscal_year)
    }

    /// Reads a cash-book file (its bytes, as the window read them) and shows what importing it into a
    /// book would do: the columns and 科目 mapped, every problem with its row. Writes nothing.
    fn preview_cashbook_import(cx, file_name: String, bytes: Vec<u8>, options: CashbookOptions) -> CashbookPreview {
        cx.read(|r| council_io::cashbook::preview_file(r, &bytes, &file_name, &options))
    }

    /// Imports a cash-book file into a book, all or nothing (after a safety copy of the data).
    fn import_cashbook(cx, file_name: String, bytes: Vec<u8>, options: CashbookOptions) -> CashbookImported {
        Ok(council_io::cashbook::import_file(&*cx.session()?, &bytes, &file_name, &options)?)
    }

    /// How a grant application's money goes through the council's books, if it does.
    fn grant_ledger(cx, application: GrantApplicationId) -> Option<GrantLedger> {
        cx.read(|r| accounts::grant_ledger::get(r, application.as_str()))
    }

    /// Sets (or, with `null`, ends) how a grant application's money goes through the council's books:
    /// its advance and payment as the book's income, its expenses as its expenses.
    fn set_grant_ledger(cx, application: GrantApplicationId, input: Option<GrantLedgerInput>) -> Option<GrantLedger> {
        cx.write(|w| accounts::grant_ledger::set(w, application.as_str(), input.as_ref()))?;
        grant_ledger(cx, application)
    }

    /// The 財産目録 at a day (default: today): every book's balance and the equipment held.
    fn inventory(cx, as_of: Option<NaiveDate>) -> Inventory {
        cx.read(|r| assets::inventory(r, as_of.unwrap_or_else(|| r.today())))
    }

    /// Every piece of equipment, those still held first.
    fn account_assets(cx) -> Vec<Asset> {
        cx.read(|r| assets::assets(r))
    }

    /// Adds a piece of equipment; answers with the list.
    fn add_account_asset(cx, input: AssetInput) -> Vec<Asset> {
        cx.write(|w| assets::add(w, &input))?;
        account_assets(cx)
    }

    /// Changes a piece of equipment; answers with the list.
    fn update_account_asset(cx, id: AssetId, input: AssetInput) -> Vec<Asset> {
        cx.write(|w| assets::update(w, &id, &input))?;
        account_assets(cx)
    }

    /// Records that a piece of equipment was disposed of; answers with the list.
    fn dispose_account_asset(cx, id: AssetId, disposed_on: NaiveDate) -> Vec<Asset> {
        cx.write(|w| assets::dispose(w, &id, disposed_on))?;
        account_assets(cx)
    }

    /// Moves money between two books of one account; answers with the first book in that year.
    fn transfer_between_books(cx, input: TransferInput) -> BookYear {
        cx.write(|w| ledger::transfer(w, &input))?;
        cx.read(|r| ledger::book_year(r, &input.from_book, FiscalYear::of(input.date, council::start_month(r)?)))
    }

    /// Reverses an entry with one of the opposite amount dated `date`, with the reason.
    fn reverse_entry(cx, id: LedgerEntryId, date: NaiveDate, reason: String) -> () {
        cx.write(|w| ledger::reverse(w, &id, date, &reason))?;
        Ok(())
    }

    /// Budget against actual (予算対比) of an account's year up to a day (default: today, within the
    /// year); at the year's last day it is the settlement (収支決算書).
    fn account_statement(cx, account: AccountId, fiscal_year: Option<i32>, as_of: Option<NaiveDate>) -> Statement {
        cx.read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            settlement::statement(r, &account, fy, as_of.unwrap_or_else(|| r.today().min(fy.end(m))))
        })
    }

    /// The versions of an account's budget for a year, first to last.
    fn account_budgets(cx, account: AccountId, fiscal_year: Option<i32>) -> Vec<Budget> {
        cx.read(|r| {
            let (fy, _) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            budget::versions(r, &account, fy)
        })
    }

    /// Saves a budget's lines (the proposal under way, or a new 補正予算 after approval); with
    /// `reserve_takes_difference` 予備費 absorbs the difference. Answers with the versions.
    fn set_account_budget(
        cx,
        account: AccountId,
        fiscal_year: i32,
        lines: Vec<BudgetLine>,
        reserve_takes_difference: bool,
    ) -> Vec<Budget> {
        cx.write(|w| budget::set(w, &account, FiscalYear(fiscal_year), &lines, reserve_takes_difference))?;
        cx.read(|r| budget::versions(r, &account, FiscalYear(fiscal_year)))
    }

    /// Records the meeting's approval of the budget proposal; answers with the versions.
    fn approve_account_budget(cx, account: AccountId, fiscal_year: i32, approved_on: NaiveDate) -> Vec<Budget> {
        cx.write(|w| budget::approve(w, &account, FiscalYear(fiscal_year), approved_on, None))?;
        cx.read(|r| budget::versions(r, &account, FiscalYear(fiscal_year)))
    }

    /// Exports a year of an account (its settlement and every book) as an Excel workbook and asks
    /// where to save it; `null` if cancelled.
    fn export_accounts_xlsx(cx, account: AccountId, fiscal_year: i32) -> Option<SavedExport> {
        let file = cx.read(|r| council_io::accounts_xlsx::export_file(r, Some(&account), FiscalYear(fiscal_year)))?;
        save_export(cx, file)
    }

    /// Closes an account's year (its settlement final, 次年度繰越金 carried); answers with the
    /// settlement.
    fn close_account_year(cx, account: AccountId, fiscal_year: i32) -> Statement {
        cx.write(|w| settlement::close_year(w, &account, FiscalYear(fiscal_year)))?;
        cx.read(|r| settlement::settlement(r, &account, FiscalYear(fiscal_year)))
    }

    /// Every partner.
    fn partners(cx) -> Vec<Partner> {
        cx.read(|r| partners::list(r))
    }

    /// Adds a partner; answers with the list.
    fn create_partner(cx, input: PartnerInput) -> Vec<Partner> {
        cx.write(|w| partners::create(w, &input))?;
        partners(cx)
    }

    /// Changes a partner; answers with the list.
    fn update_partner(cx, id: PartnerId, input: PartnerInput) -> Vec<Partner> {
        cx.write(|w| partners::update(w, &id, &input))?;
        partners(cx)
    }

    /// How the council's papers are signed, the contact person and the bank account (振込先).
    fn form_settings(cx) -> FormSettings {
        cx.read(|r| forms::get(r))
    }

    /// Keeps the settings of the council's papers.
    fn update_form_settings(cx, input: FormSettings) -> FormSettings {
        cx.write(|w| forms::update(w, &input))
    }

    /// Where a partner is named (for the question before removing it).
    fn partner_uses(cx, id: PartnerId) -> Text {
        cx.read(|r| partners::uses(r, &id))
    }

    /// Removes a partner (its links go; it comes back whole from 「削除した記録」); answers with the list.
    fn delete_partner(cx, id: PartnerId) -> Vec<Partner> {
        cx.write(|w| partners::delete(w, &id))?;
        partners(cx)
    }

    /// The year's dues by block (default: the current fiscal year).
    fn dues_overview(cx, fiscal_year: Option<i32>) -> DuesOverview {
        let figures = cx.figures()?;
        cx.read(|r| figures.dues_overview(r, fiscal_year, r.today()))
    }

    /// Households with their dues for the year, optionally one block and only those not paid in full.
    fn dues_rows(cx, fiscal_year: Option<i32>, block: Option<BlockId>, only_unpaid: bool) -> Vec<DuesRow> {
        cx.read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            dues::status(r, fy, m, block.as_ref(), only_unpaid)
        })
    }

    /// Sets a year's dues rule; answers with that year's overview.
    fn set_dues_rate(cx, rate: DuesRate) -> DuesOverview {
        cx.write(|w| dues::set_rate(w, &rate))?;
        dues_overview(cx, Some(rate.fiscal_year))
    }

    /// Sets or clears a household's own amount for a year; answers with the year's rows.
    fn set_dues_adjustment(
        cx,
        household: HouseholdId,
        fiscal_year: i32,
        amount: Option<i64>,
        reason: String,
    ) -> Vec<DuesRow> {
        cx.write(|w| dues::set_adjustment(w, &household, fiscal_year, amount, &reason))?;
        dues_rows(cx, Some(fiscal_year), None, false)
    }

    /// Records a payment; answers with the household's payments for that year.
    fn record_dues_payment(cx, input: DuesPaymentInput) -> Vec<DuesPayment> {
        cx.write(|w| dues::record_payment(w, &input))?;
        dues_payments(cx, input.household_id, input.fiscal_year)
    }

    /// Corrects a payment recorded wrongly, with the reason; answers with the household's payments.
    fn correct_dues_payment(cx, id: DuesPaymentId, input: DuesPaymentInput, reason: String) -> Vec<DuesPayment> {
        cx.write(|w| dues::correct_payment(w, &id, &input, &reason))?;
        dues_payments(cx, input.household_id, input.fiscal_year)
    }

    /// Cancels a payment recorded by mistake, with the reason; answers with the household's payments
    /// of that year.
    fn cancel_dues_payment(cx, id: DuesPaymentId, household: HouseholdId, fiscal_year: i32, reason: String) -> Vec<DuesPayment> {
        cx.write(|w| dues::cancel_payment(w, &id, &reason))?;
        dues_payments(cx, household, fiscal_year)
    }

    /// A household's payments for a year.
    fn dues_payments(cx, household: HouseholdId, fiscal_year: i32) -> Vec<DuesPayment> {
        cx.read(|r| dues::payments(r, &household, fiscal_year))
    }

    /// Reads a roster file (its bytes, as the window read them) and shows what importing it would do.
    /// Writes nothing.
    fn preview_roster_import(
        cx,
        bytes: Vec<u8>,
        file_name: String,
        encoding: Encoding,
        mapping: Option<Vec<RosterField>>,
    ) -> ImportPreview {
        cx.read(|r| roster::preview_file(r, &bytes, &file_name, encoding, mapping, r.today()))
    }

    /// Imports a roster file all or nothing (the data is backed up first).
    fn import_roster(
        cx,
        bytes: Vec<u8>,
        file_name: String,
        encoding: Encoding,
        mapping: Option<Vec<RosterField>>,
        on_duplicate: OnDuplicate,
    ) -> ImportSummary {
        Ok(roster::import_file(&*cx.session()?, &bytes, &file_name, encoding, mapping, on_duplicate)?)
    }

    /// Deletes a household entered by mistake; answers with what can be brought back.
    fn delete_household(cx, id: HouseholdId) -> Vec<AuditEntry> {
        cx.write(|w| members::delete_household(w, &id))?;
        deleted_households(cx)
    }

    /// Brings back a deleted household or officer's term from its history entry.
    fn restore_household(cx, seq: i64) -> () {
        cx.write(|w| deleted::restore(w, seq))
    }

    /// Deleted records that can still be brought back (households and officers' terms), newest first.
    fn deleted_households(cx) -> Vec<AuditEntry> {
        cx.read(|r| deleted::list(r))
    }

    /// The backups in the data folder, newest first.
    fn backups(cx) -> Vec<BackupEntry> {
        Ok(backup::list(cx.dir()?)?)
    }

    /// Takes a backup now into the data folder.
    fn backup_now(cx) -> BackupEntry {
        Ok(cx.session()?.backup_now(BackupReason::Manual)?)
    }

    /// Saves a backup where the person chooses (a USB stick); `null` when the dialog is cancelled.
    fn save_backup(cx) -> Option<BackupEntry> {
        let name = suggested_name(cx, "バックアップ", "sqlite3")?;
        let Some(path) = cx.platform().save_file(&name) else { return Ok(None) };
        Ok(Some(folder::backup_to(&*cx.session()?, &path)?))
    }

    /// Asks for a backup file (from a USB stick) and previews it; `null` when the dialog is cancelled.
    fn choose_backup(cx) -> Option<BackupInfo> {
        let Some(path) = cx.open_file(FileChoice::Backup) else { return Ok(None) };
        Ok(Some(folder::inspect_backup(&path)?))
    }

    /// What a backup holds, for the preview before restoring it: one in the data folder's backups, or
    /// one the open dialog returned.
    fn inspect_backup(cx, path: String) -> BackupInfo {
        Ok(folder::inspect_backup(&cx.chosen_file(&path)?)?)
    }

    /// Restores a backup (the current data is backed up first), also into data that could not be
    /// opened: one in the data folder's backups, or one the open dialog returned.
    fn restore_backup(cx, path: String) -> AppState {
        state::recover(cx, &cx.chosen_file(&path)?)
    }

    /// Asks for a hand-over file; its path, or `null` when the dialog is cancelled.
    fn pick_handover_file(cx) -> Option<String> {
        Ok(cx.open_file(FileChoice::Handover).map(|p| p.display().to_string()))
    }

    /// What a hand-over file holds (a protected one needs its passphrase); the file must be one the
    /// open dialog returned.
    fn inspect_handover(cx, path: String, passphrase: Option<String>) -> HandoverInfo {
        Ok(folder::inspect_handover(cx.dir()?, &cx.chosen_file(&path)?, passphrase.as_deref())?)
    }

    /// Opens a hand-over file on this PC (checked before anything is written); the file must be one
    /// the open dialog returned.
    fn import_handover(cx, path: String, passphrase: Option<String>) -> AppState {
        folder::import_handover(&*cx.session()?, &cx.chosen_file(&path)?, passphrase.as_deref())?;
        // Its waiting packages and the drop-box's address came with it: deliver from there.
        if let Ok(outbox) = cx.outbox() {
            outbox.reload()?;
            crate::submissions::apply_destination(cx.dir()?, outbox);
        }
        // A key that came with the hand-over is protected by its passphrase: keep it for signing, and
        // move the key into this PC's keyring where there is one.
        if let Some(p) = passphrase {
            let passphrase = secrecy::SecretString::from(p);
            let lock = cx.key_lock().with_passphrase(Some(passphrase.clone()));
            if matches!(CouncilKey::load(cx.dir()?, &lock), Ok(Some(_))) {
                cx.remember_key_passphrase(passphrase);
            }
        }
        state::read(cx)
    }

    /// Writes a hand-over file where the person chooses; `null` when the dialog is cancelled. The
    /// signing key travels encrypted under the hand-over's passphrase.
    fn export_handover(cx, passphrase: Option<String>) -> Option<HandoverInfo> {
        let name = suggested_name(cx, "引き継ぎ", "handover")?;
        let keys = match &passphrase {
            Some(p) => council_submit::keys::for_handover(cx.dir()?, &cx.key_lock(), p)?,
            None => None,
        };
        let Some(path) = cx.platform().save_file(&name) else { return Ok(None) };
        Ok(Some(folder::export_handover(&*cx.session()?, &path, passphrase.as_deref(), keys)?))
    }

    /// Exports every table (a file for JSON or Excel, a folder of CSV files); `null` when the dialog is
    /// cancelled.
    fn export_all(cx, format: OpenDataFormat) -> Option<OpenDataExport> {
        let target = match format {
            OpenDataFormat::Json => cx.platform().save_file(&suggested_name(cx, "全データ", "json")?),
            OpenDataFormat::Xlsx => cx.platform().save_file(&suggested_name(cx, "全データ", "xlsx")?),
            OpenDataFormat::Csv => {
                let name = suggested_name(cx, "全データ", "csv")?;
                cx.platform().pick_folder().map(|dir| dir.join(name.trim_end_matches(".csv")))
            }
        };
        let Some(path) = target else { return Ok(None) };
        Ok(Some(open_data::export_recorded(&*cx.session()?, format, &path)?))
    }

    /// Exports the roster and asks where to save it; `null` when the dialog is cancelled.
    fn export_roster(cx, format: ExportFormat, encoding: ExportEncoding, scope: ExportScope) -> Option<SavedExport> {
        let file = roster::export_file(&*cx.session()?, format, encoding, scope)?;
        save_export(cx, file)
    }

    /// Asks for the council's template folder, copies the built-in templates into it where a file of
    /// that name is not there yet (a starting point to edit), and uses it from now on; `null` if
    /// cancelled.
    fn choose_template_folder(cx) -> Option<AppState> {
        let Some(dir) = cx.platform().pick_folder() else { return Ok(None) };
        council_docs::typeset::copy_builtin_templates(&dir)?;
        let patch = SettingsPatch { template_dir: Some(dir.display().to_string()), ..Default::default() };
        update_settings(cx, patch).map(Some)
    }

    /// Typesets a document and answers with its pages as pictures, for the preview.
    fn preview_document(cx, request: DocumentRequest) -> DocumentPreview {
        Ok(council_docs::preview(&*cx.session()?, &request)?)
    }

    /// Typesets a document and asks where to save the PDF; the path, or `null` if cancelled.
    fn save_document(cx, request: DocumentRequest) -> Option<String> {
        let session = cx.session()?;
        let name = council_docs::file_name(&session, &request)?;
        let Some(path) = cx.platform().save_file(&name) else { return Ok(None) };
        Ok(Some(council_docs::save_pdf(&session, &request, &path)?.display().to_string()))
    }

    /// Typesets a document and opens the PDF in the system's viewer to print from. Where no viewer
    /// can be opened, the answer says where the PDF is, so it can still be printed.
    fn print_document(cx, request: DocumentRequest) -> PrintedDocument {
        let path = council_docs::print_copy(&*cx.session()?, &request)?;
        let opened = cx.platform().show_pdf(&path);
        Ok(PrintedDocument { path: path.display().to_string(), opened })
    }

    /// The events of a fiscal year (default: the current one), by date.
    fn events(cx, fiscal_year: Option<i32>) -> Vec<Event> {
        cx.read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            with_grants(r, events::list(r, fy, m)?)
        })
    }

    /// Japan's public holidays in a fiscal year (default: the current one), for the calendar.
    fn holidays(cx, fiscal_year: Option<i32>) -> Vec<Holiday> {
        cx.read(|r| {
            let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
            Ok::<_, council_domain::Error>(calendar::holidays(fy.start(m), fy.end(m)))
        })
    }

    /// The next events from today on (Home).
    fn upcoming_events(cx, limit: u32) -> Vec<Event> {
        cx.read(|r| with_grants(r, events::upcoming(r, r.today(), limit, start_month(r)?)?))
    }

    /// One event.
    fn event(cx, id: EventId) -> Event {
        event_of(cx, &id)
    }

    /// Adds an event.
    fn create_event(cx, input: EventInput) -> Event {
        let id = cx.write(|w| events::create(w, &input))?;
        event_of(cx, &id)
    }

    /// Changes an event.
    fn update_event(cx, id: EventId, input: EventInput) -> Event {
        cx.write(|w| events::update(w, &id, &input))?;
        event_of(cx, &id)
    }

    /// Chooses the blocks an event's notice circulates in (none: every block) and the sets per block.
    fn set_event_circulation(cx, id: EventId, blocks: Vec<BlockId>, copies: u32) -> Event {
        cx.write(|w| events::set_circulation(w, &id, &blocks, copies))?;
        event_of(cx, &id)
    }

    /// Changes the day an event's notice went out (発出日), or clears it.
    fn set_event_notice_issued(cx, id: EventId, on: Option<NaiveDate>) -> Event {
        cx.write(|w| events::set_notice_issued(w, &id, on))?;
        event_of(cx, &id)
    }

    /// Deletes an event; answers with the history entry that brings it back.
    fn delete_event(cx, id: EventId) -> i64 {
        cx.write(|w| {
            grants::application::delete_event(w, &id)?;
            audit::last_deletion(w, "event", id.as_str())
        })
    }

    /// Brings back a deleted event (the undo after a delete).
    fn restore_event(cx, seq: i64) -> Event {
        let id = cx.write(|w| events::restore(w, seq))?;
        event_of(cx, &id)
    }

    /// Adds a photo (its bytes, as the window read the file) to an event; it is kept inside the data
    /// folder.
    fn add_event_photo(cx, id: EventId, name: String, bytes: Vec<u8>) -> Event {
        let attachments = cx.dir()?.attachments();
        cx.write(|w| events::add_photo(w, &attachments, &id, &name, &bytes))?;
        event_of(cx, &id)
    }

    /// Takes a photo off an event.
    fn remove_event_photo(cx, id: EventId, photo: AttachmentId) -> Event {
        cx.write(|w| events::remove_photo(w, &id, &photo))?;
        event_of(cx, &id)
    }

    /// A photo's bytes, sent raw (an ArrayBuffer in the window).
    fn event_photo(cx, id: AttachmentId) -> Bytes {
        let attachments = cx.dir()?.attachments();
        cx.read(|r| council_domain::attachments::read(r, &attachments, &id)).map(|(_, bytes)| Bytes(bytes))
    }

    /// Exports the year's events as an iCalendar file and asks where to save it; `null` if cancelled.
    fn export_events_ics(cx, fiscal_year: Option<i32>) -> Option<SavedExport> {
        let file = cx.read(|r| council_io::ical::year_file(r, fiscal_year, r.today(), r.now()))?;
        save_export(cx, file)
    }

    /// The plan actions an event can serve (the latest version of each plan).
    fn action_choices(cx) -> Vec<ActionChoice> {
        cx.read(|r| plan::action_choices(r))
    }

    /// Every plan version.
    fn plans(cx) -> Vec<PlanSummary> {
        cx.read(|r| plan::list(r))
    }

    /// A plan version with its tree; `null` asks for the current plan (and answers `null` before one
    /// exists).
    fn plan(cx, id: Option<PlanId>) -> Option<Plan> {
        cx.read(|r| plan::get_or_current(r, id.as_ref()))
    }

    /// Starts a plan.
    fn create_plan(cx, input: PlanInput) -> Plan {
        let id = cx.write(|w| plan::create_plan(w, &input))?;
        cx.read(|r| plan::get(r, &id))
    }

    /// Changes a plan's title, period and vision.
    fn update_plan(cx, id: PlanId, input: PlanInput) -> Plan {
        cx.write(|w| plan::update_plan(w, &id, &input))?;
        cx.read(|r| plan::get(r, &id))
    }

    /// Adds a policy; answers with the plan.
    fn create_policy(cx, plan: PlanId, input: PolicyInput) -> Plan {
        cx.write(|w| plan::create_policy(w, &plan, &input))?;
        cx.read(|r| plan::get(r, &plan))
    }

    /// Changes a policy; answers with the plan.
    fn update_policy(cx, id: PolicyId, input: PolicyInput) -> Plan {
        cx.write(|w| plan::update_policy(w, &id, &input))?;
        plan_of(cx, PlanNode::Policy, id.as_str())
    }

    /// Adds a measure; answers with the plan.
    fn create_measure(cx, policy: PolicyId, input: MeasureInput) -> Plan {
        cx.write(|w| plan::create_measure(w, &policy, &input))?;
        plan_of(cx, PlanNode::Policy, policy.as_str())
    }

    /// Changes a measure; answers with the plan.
    fn update_measure(cx, id: MeasureId, input: MeasureInput) -> Plan {
        cx.write(|w| plan::update_measure(w, &id, &input))?;
        plan_of(cx, PlanNode::Measure, id.as_str())
    }

    /// Adds an action; answers with the plan.
    fn create_action(cx, measure: MeasureId, input: ActionInput) -> Plan {
        cx.write(|w| plan::create_action(w, &measure, &input))?;
        plan_of(cx, PlanNode::Measure, measure.as_str())
    }

    /// Changes an action; answers with the plan.
    fn update_action(cx, id: ActionId, input: ActionInput) -> Plan {
        cx.write(|w| plan::update_action(w, &id, &input))?;
        plan_of(cx, PlanNode::Action, id.as_str())
    }

    /// Adds an indicator to a measure or an action; answers with the plan.
    fn create_indicator(cx, owner: IndicatorOwner, input: IndicatorInput) -> Plan {
        let id = cx.write(|w| plan::create_indicator(w, &owner, &input))?;
        plan_of(cx, PlanNode::Indicator, id.as_str())
    }

    /// Changes an indicator; answers with the plan.
    fn update_indicator(cx, id: IndicatorId, input: IndicatorInput) -> Plan {
        cx.write(|w| plan::update_indicator(w, &id, &input))?;
        plan_of(cx, PlanNode::Indicator, id.as_str())
    }

    /// Records (or clears) an indicator's actual for a fiscal year; answers with the plan.
    fn set_indicator_actual(cx, id: IndicatorId, fiscal_year: i32, value: Option<f64>) -> Plan {
        cx.write(|w| plan::set_actual(w, &id, fiscal_year, value))?;
        plan_of(cx, PlanNode::Indicator, id.as_str())
    }

    /// What deleting a node of the plan's tree takes with it, said before it is done.
    fn plan_node_delete_preview(cx, kind: PlanNode, id: String) -> Text {
        cx.read(|r| plan::delete_preview(r, kind, &id))
    }

    /// Deletes a node of the plan's tree with everything under it; answers with the plan.
    fn delete_plan_node(cx, kind: PlanNode, id: String) -> Plan {
        let plan_id = cx.read(|r| plan::plan_containing(r, kind, &id))?;
        cx.write(|w| plan::delete_node(w, kind, &id))?;
        cx.read(|r| plan::get(r, &plan_id))
    }

    /// Revises a plan: a new version with the same tree; the earlier one becomes read-only.
    fn revise_plan(cx, id: PlanId, note: String) -> Plan {
        let new = cx.write(|w| plan::revise(w, &id, &note))?;
        cx.read(|r| plan::get(r, &new))
    }

    /// The yearly review of a plan version (default year: the current fiscal year).
    fn plan_review(cx, id: PlanId, fiscal_year: Option<i32>) -> Review {
        cx.read(|r| plan::review_of_year(r, &id, fiscal_year, r.today()))
    }

    /// Records an action's status and comment for a fiscal year; answers with that year's review.
    fn set_action_review(cx, id: ActionId, fiscal_year: i32, status: ActionStatus, comment: String) -> Review {
        cx.write(|w| plan::set_review(w, &id, fiscal_year, status, &comment))?;
        cx.read(|r| {
            let plan_id = plan::plan_containing(r, PlanNode::Action, id.as_str())?;
            plan::review_of_year(r, &plan_id, Some(fiscal_year), r.today())
        })
    }

    /// Exports a plan version as an Excel workbook and asks where to save it; `null` if cancelled.
    fn export_plan_xlsx(cx, id: PlanId) -> Option<SavedExport> {
        let file = cx.read(|r| plan_xlsx::export_file(r, &id))?;
        save_export(cx, file)
    }

    /// Reads a plan workbook and shows what importing it would create, with every problem by sheet and
    /// row. Writes nothing.
    fn preview_plan_import(cx, bytes: Vec<u8>, file_name: String) -> PlanImportPreview {
        cx.read(|r| plan_xlsx::preview_file(r, &bytes, &file_name))
    }

    /// Creates a new plan from a workbook, all or nothing (the data is backed up first).
    fn import_plan(cx, bytes: Vec<u8>, file_name: String) -> Plan {
        let id = plan_xlsx::import_file(&*cx.session()?, &bytes, &file_name)?;
        cx.read(|r| plan::get(r, &id))
    }

    /// Meetings, newest first, by kind and fiscal year; with words, those whose motions or minutes
    /// mention them.
    fn meetings(cx, query: MeetingQuery) -> MeetingList {
        cx.read(|r| meetings::list(r, &query, start_month(r)?))
    }

    /// One meeting with its invitees, agenda, quorum finding and minutes.
    fn meeting(cx, id: MeetingId) -> Meeting {
        meeting_of(cx, &id)
    }

    /// Creates a meeting (its invitees fixed as of its day).
    fn create_meeting(cx, input: MeetingInput) -> Meeting {
        let id = cx.write(|w| meetings::create(w, &input, council::start_month(w)?))?;
        meeting_of(cx, &id)
    }

    /// Changes a meeting's details (refused once its minutes are signed).
    fn update_meeting(cx, id: MeetingId, input: MeetingInput) -> Meeting {
        cx.write(|w| meetings::update(w, &id, &input, council::start_month(w)?))?;
        meeting_of(cx, &id)
    }

    /// Adds a topic or motion at the end of the agenda.
    fn add_agenda_item(cx, meeting: MeetingId, input: AgendaItemInput) -> Meeting {
        cx.write(|w| meetings::add_item(w, &meeting, &input))?;
        meeting_of(cx, &meeting)
    }

    /// Changes an agenda line.
    fn update_agenda_item(cx, id: AgendaItemId, input: AgendaItemInput) -> Meeting {
        let meeting = cx.write(|w| meetings::update_item(w, &id, &input))?;
        meeting_of(cx, &meeting)
    }

    /// Removes an agenda line.
    fn remove_agenda_item(cx, id: AgendaItemId) -> Meeting {
        let meeting = cx.write(|w| meetings::remove_item(w, &id))?;
        meeting_of(cx, &meeting)
    }

    /// Moves an agenda line to position `to` (1-based); motion numbers follow the new order.
    fn move_agenda_item(cx, id: AgendaItemId, to: u32) -> Meeting {
        let meeting = cx.write(|w| meetings::move_item(w, &id, to))?;
        meeting_of(cx, &meeting)
    }

    /// Attaches a paper to an agenda line; the file is kept in the data folder's attachments.
    fn attach_paper(cx, id: AgendaItemId, file_name: String, bytes: Vec<u8>) -> Meeting {
        let attachments = cx.dir()?.attachments();
        let meeting = cx.write(|w| meetings::attach_paper(w, &attachments, &id, &file_name, &bytes))?;
        meeting_of(cx, &meeting)
    }

    /// Records attendance (present, proxy, written vote, absent) for the invitees named.
    fn record_attendance(cx, meeting: MeetingId, lines: Vec<AttendanceInput>) -> Meeting {
        cx.write(|w| meetings::record_attendance(w, &meeting, &lines))?;
        meeting_of(cx, &meeting)
    }

    /// Sets a motion's 新旧対照表 (the bylaw change article by article); answers with the meeting.
    fn set_motion_comparison(cx, item: AgendaItemId, rows: Vec<ComparisonRow>) -> Meeting {
        let meeting = cx.write(|w| meetings::set_comparison(w, &item, &rows))?;
        meeting_of(cx, &meeting)
    }

    /// Records what invitee `seq`'s written vote (書面表決書) says on each motion (a motion not named is
    /// left blank).
    fn record_written_votes(cx, meeting: MeetingId, seq: u32, votes: Vec<WrittenVote>) -> Meeting {
        cx.write(|w| meetings::written::record_votes(w, &meeting, seq, &votes))?;
        meeting_of(cx, &meeting)
    }

    /// Adds someone to a meeting whose members are chosen (a 部会): a roster person or a named guest.
    fn add_invitee(cx, meeting: MeetingId, input: InviteeInput) -> Meeting {
        cx.write(|w| meetings::add_invitee(w, &meeting, &input))?;
        meeting_of(cx, &meeting)
    }

    /// Takes someone off a chosen meeting's list (the lines after move up).
    fn remove_invitee(cx, meeting: MeetingId, seq: u32) -> Meeting {
        cx.write(|w| meetings::remove_invitee(w, &meeting, seq))?;
        meeting_of(cx, &meeting)
    }

    /// Records a motion's result, checked against its majority rule.
    fn record_motion_result(cx, id: AgendaItemId, input: MotionResultInput) -> Meeting {
        let meeting = cx.write(|w| meetings::record_result(w, &id, &input, council::start_month(w)?))?;
        meeting_of(cx, &meeting)
    }

    /// The council's quorum rule.
    fn quorum_rule(cx) -> QuorumRule {
        cx.read(|r| meetings::quorum_rule(r))
    }

    /// Sets the council's quorum rule.
    fn set_quorum_rule(cx, rule: QuorumRule) -> QuorumRule {
        cx.write(|w| meetings::set_quorum_rule(w, rule))?;
        quorum_rule(cx)
    }

    /// Changes the day a meeting's notice or results notice went out (発出日), or clears it.
    fn set_meeting_issued(cx, meeting: MeetingId, paper: IssuedPaper, on: Option<NaiveDate>) -> Meeting {
        cx.write(|w| meetings::set_issued(w, &meeting, paper, on))?;
        meeting_of(cx, &meeting)
    }

    /// Starts (or opens, if already started) a meeting's minutes.
    fn start_minutes(cx, meeting: MeetingId) -> Minutes {
        let id = cx.write(|w| minutes::start(w, &meeting))?;
        minutes(cx, id)
    }

    /// One set of minutes.
    fn minutes(cx, id: MinutesId) -> Minutes {
        cx.read(|r| minutes::get(r, &id))
    }

    /// Saves the minutes editor (refused with `locked` once signed).
    fn update_minutes(cx, id: MinutesId, input: MinutesInput) -> Minutes {
        cx.write(|w| minutes::update(w, &id, &input))?;
        minutes(cx, id)
    }

    /// Moves the minutes on (circulated, approved, signed); signing keeps the document as signed.
    fn advance_minutes(cx, id: MinutesId, to: MinutesStatus) -> Minutes {
        cx.write(|w| meetings::papers::advance_minutes(w, &id, to))?;
        minutes(cx, id)
    }

    /// Creates (or opens) the amendment of signed minutes.
    fn amend_minutes(cx, id: MinutesId) -> Minutes {
        let new = cx.write(|w| minutes::amend(w, &id))?;
        minutes(cx, new)
    }

    /// Action items across meetings (open ones first, by due date), with which are overdue today.
    fn action_items(cx, only_open: bool) -> Vec<ActionItem> {
        cx.read(|r| meetings::action_items(r, only_open, r.today()))
    }

    /// Records an action item; answers with the list.
    fn create_action_item(cx, input: ActionItemInput) -> Vec<ActionItem> {
        cx.write(|w| meetings::create_action(w, &input))?;
        action_items_of(cx)
    }

    /// Changes who carries an action item and by when; answers with the list.
    fn update_action_item(cx, id: ActionItemId, owner: String, due_on: Option<NaiveDate>) -> Vec<ActionItem> {
        cx.write(|w| meetings::update_action(w, &id, &owner, due_on))?;
        action_items_of(cx)
    }

    /// Marks an action item done, dropped or open again; answers with the list.
    fn set_action_status(cx, id: ActionItemId, status: ActionItemStatus) -> Vec<ActionItem> {
        cx.write(|w| meetings::set_action_status(w, &id, status))?;
        action_items_of(cx)
    }

    /// The grant programs, newest fiscal year first (one year's only, when given).
    fn grant_programs(cx, fiscal_year: Option<i32>) -> Vec<GrantProgram> {
        cx.read(|r| grants::program::list(r, fiscal_year))
    }

    /// One grant program.
    fn grant_program(cx, id: GrantProgramId) -> GrantProgram {
        cx.read(|r| grants::program::get(r, &id))
    }

    /// Registers a grant program.
    fn create_grant_program(cx, input: GrantProgramInput) -> GrantProgram {
        let id = cx.write(|w| grants::program::create(w, &input, council::start_month(w)?))?;
        grant_program(cx, id)
    }

    /// Changes a grant program (refused with `locked` once an application under it is settled).
    fn update_grant_program(cx, id: GrantProgramId, input: GrantProgramInput) -> GrantProgram {
        cx.write(|w| grants::program::update(w, &id, &input, council::start_month(w)?))?;
        grant_program(cx, id)
    }

    /// Deletes a grant program registered by mistake (refused while an application uses it).
    fn delete_grant_program(cx, id: GrantProgramId) -> () {
        cx.write(|w| grants::program::delete(w, &id))
    }

    /// The grant applications, newest fiscal year first (one year's only, when given), each with its
    /// spending so far and its nearest pending deadline.
    fn grant_applications(cx, fiscal_year: Option<i32>) -> Vec<GrantApplicationSummary> {
        cx.read(|r| grants::application::list(r, fiscal_year, r.today()))
    }

    /// One grant application with its budget versions, expenses and receipt warnings, the events it
    /// paid for, its deadlines and the steps that can be taken now.
    fn grant_application(cx, id: GrantApplicationId) -> GrantApplication {
        application_of(cx, &id)
    }

    /// Starts a grant application (a draft).
    fn create_grant_application(cx, input: GrantApplicationInput) -> GrantApplication {
        let id = cx.write(|w| grants::application::create(w, &input, council::start_month(w)?))?;
        application_of(cx, &id)
    }

    /// Changes a grant application's plan (refused with `locked` once settled or closed).
    fn update_grant_application(cx, id: GrantApplicationId, input: GrantApplicationInput) -> GrantApplication {
        cx.write(|w| grants::application::update(w, &id, &input, council::start_month(w)?))?;
        application_of(cx, &id)
    }

    /// Deletes a draft application entered by mistake (one handed in is withdrawn instead).
    fn delete_grant_application(cx, id: GrantApplicationId) -> () {
        cx.write(|w| grants::application::delete(w, &id))
    }

    /// The grant applications an event can be linked to (the event form's choice list).
    fn grant_application_choices(cx) -> Vec<GrantApplicationChoice> {
        cx.read(|r| grants::application::choices(r))
    }

    /// Links an event to the grant application that pays for it, or unlinks it (`null`).
    fn link_event_to_grant(cx, event: EventId, grant: Option<GrantApplicationId>) -> Event {
        cx.write(|w| grants::application::link_event(w, &event, grant.as_ref()))?;
        event_of(cx, &event)
    }

    /// Saves the budget form: the budget applied with while the application is a draft; after the
    /// award, the changed budget being prepared (a new version; the approved ones stay as they were).
    fn save_grant_budget(cx, id: GrantApplicationId, input: BudgetInput) -> GrantApplication {
        cx.write(|w| grants::application::save_budget(w, &id, &input))?;
        application_of(cx, &id)
    }

    /// Checks a budget as the form holds it (nothing is saved), or without it the budget being worked on.
    fn check_grant_budget(cx, id: GrantApplicationId, input: Option<BudgetInput>) -> BudgetCheck {
        cx.read(|r| grants::application::check_budget(r, &id, input.as_ref()))
    }

    /// Drops the changed budget being prepared.
    fn discard_grant_change(cx, id: GrantApplicationId) -> GrantApplication {
        cx.write(|w| grants::application::discard_change(w, &id))?;
        application_of(cx, &id)
    }

    /// Takes a lifecycle step (apply, award, start, change, report, settle, claim, pay, withdraw…);
    /// refused with the reason when the step is not allowed now or a precondition fails.
    fn transition_grant(cx, id: GrantApplicationId, step: GrantTransition) -> GrantApplication {
        cx.write(|w| grants::transition::take(w, &id, &step))?;
        application_of(cx, &id)
    }

    /// Records the claim for an advance (概算払の請求): the 請求書's day and amount.
    fn claim_grant_advance(cx, id: GrantApplicationId, on: NaiveDate, amount: i64) -> GrantApplication {
        cx.write(|w| grants::transition::claim_advance(w, &id, on, amount))?;
        application_of(cx, &id)
    }

    /// Records an advance payment (概算払) received, where the program allows one.
    fn record_grant_advance(cx, id: GrantApplicationId, on: NaiveDate, amount: i64) -> GrantApplication {
        cx.write(|w| grants::transition::record_advance(w, &id, on, amount))?;
        application_of(cx, &id)
    }

    /// Records an expense; `file_name` and `bytes` are its receipt file, if one was chosen.
    fn add_grant_expense(
        cx,
        id: GrantApplicationId,
        input: GrantExpenseInput,
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
    ) -> GrantApplication {
        let attachments = cx.dir()?.attachments();
        let receipt =
            file_name.as_deref().zip(bytes.as_deref()).map(|(file_name, bytes)| ReceiptFile { file_name, bytes });
        cx.write(|w| grants::expenses::add(w, &attachments, &id, &input, receipt))?;
        application_of(cx, &id)
    }

    /// Changes an expense; a chosen file replaces the receipt, `remove_receipt` takes it off.
    fn update_grant_expense(
        cx,
        id: GrantExpenseId,
        input: GrantExpenseInput,
        file_name: Option<String>,
        bytes: Option<Vec<u8>>,
        remove_receipt: bool,
    ) -> GrantApplication {
        let attachments = cx.dir()?.attachments();
        let receipt = match file_name.as_deref().zip(bytes.as_deref()) {
            Some((file_name, bytes)) => ReceiptChange::Replace(ReceiptFile { file_name, bytes }),
            None if remove_receipt => ReceiptChange::Remove,
            None => ReceiptChange::Keep,
        };
        let application = cx.write(|w| grants::expenses::update(w, &attachments, &id, &input, receipt))?;
        application_of(cx, &application)
    }

    /// Deletes an expense entered by mistake.
    fn delete_grant_expense(cx, id: GrantExpenseId) -> GrantApplication {
        let application = cx.write(|w| grants::expenses::delete(w, &id))?;
        application_of(cx, &application)
    }

    /// A receipt file's bytes, sent raw.
    fn grant_receipt(cx, id: GrantExpenseId) -> Bytes {
        let attachments = cx.dir()?.attachments();
        cx.read(|r| grants::expenses::receipt(r, &attachments, &id)).map(|(_, bytes)| Bytes(bytes))
    }

    /// Saves a copy of a receipt file where the person chooses; the path, or `null` if cancelled.
    fn save_grant_receipt(cx, id: GrantExpenseId) -> Option<String> {
        let attachments = cx.dir()?.attachments();
        let (receipt, bytes) = cx.read(|r| grants::expenses::receipt(r, &attachments, &id))?;
        Ok(cx.save_as(&receipt.file_name, &bytes)?.map(|p| p.display().to_string()))
    }

    /// Saves the whole application as an Excel workbook where the person chooses; `null` if cancelled.
    fn export_grant_xlsx(cx, id: GrantApplicationId) -> Option<String> {
        let (name, bytes) = council_submit::grant_workbook(&*cx.session()?, &id)?;
        Ok(cx.save_as(&name, &bytes)?.map(|p| p.display().to_string()))
    }

    /// Budget against actual spending per category, with the categories beyond the change threshold.
    fn grant_budget_vs_actual(cx, id: GrantApplicationId) -> BudgetVsActual {
        cx.read(|r| grants::settlement::budget_vs_actual(r, &id))
    }

    /// The settlement (収支決算書): budget, actual and difference per line, with the reasons.
    fn grant_settlement(cx, id: GrantApplicationId) -> Settlement {
        cx.read(|r| grants::settlement::get(r, &id))
    }

    /// Saves the settlement form (income actuals, reasons for differences); answers with the settlement.
    fn save_grant_settlement(cx, id: GrantApplicationId, input: SettlementInput) -> Settlement {
        cx.write(|w| grants::settlement::save(w, &id, &input))?;
        grant_settlement(cx, id)
    }

    /// The deadlines the council has to act on across its grant applications (Home), soonest first.
    fn grant_deadlines(cx) -> Vec<GrantDeadline> {
        cx.read(|r| grants::application::pending_deadlines(r, r.today()))
    }

    /// What a package can be for.
    fn submission_purposes(_cx) -> Vec<PurposeInfo> {
        Ok(Purpose::ALL.iter().map(|p| p.info()).collect())
    }

    /// A package's checklist: every required and optional item, what it holds or what to do.
    fn submission_checklist(cx, request: PackageRequest) -> Checklist {
        Ok(council_submit::checklist(&*cx.session()?, &request)?)
    }

    /// Builds a package and puts it in the outbox; refused (validation, one problem per missing item)
    /// when incomplete.
    fn build_submission(cx, request: PackageRequest) -> OutboxEntry {
        Ok(cx.outbox()?.build_and_add(&*cx.session()?, &request, &cx.key_lock())?)
    }

    /// The outbox: every package with its state.
    fn outbox_entries(cx) -> Vec<OutboxEntry> {
        Ok(cx.outbox()?.list()?)
    }

    /// Tries every waiting or failed package once, now.
    fn send_outbox_now(cx) -> Vec<SendReport> {
        submissions::send_now(cx)
    }

    /// Saves a package to a folder the person chooses (a USB stick); `null` when cancelled.
    fn save_outbox_package(cx, id: String) -> Option<OutboxEntry> {
        let outbox = cx.outbox()?;
        let Some(folder) = cx.platform().pick_folder() else { return Ok(None) };
        Ok(Some(outbox.save_to_folder(&id, &folder)?))
    }

    /// Sends a failed or saved package again.
    fn send_outbox_again(cx, id: String) -> OutboxEntry {
        Ok(cx.outbox()?.send_again(&id)?)
    }

    /// The council's public key for the city (made on first use; refused with `key_locked` when it
    /// must be protected by a passphrase first).
    fn council_public_key(cx) -> PublicKeyInfo {
        Ok(CouncilKey::public_for_council(&*cx.session()?, &cx.key_lock())?)
    }

    /// Opens the council's signing key with its passphrase — or, made now on a PC without a keyring,
    /// protects it with this one — and keeps the passphrase for signing until the app closes.
    fn unlock_signing_key(cx, passphrase: String) -> PublicKeyInfo {
        let passphrase = secrecy::SecretString::from(passphrase);
        let lock = cx.key_lock().with_passphrase(Some(passphrase.clone()));
        let key = CouncilKey::for_council(&*cx.session()?, &lock)?;
        cx.remember_key_passphrase(passphrase);
        Ok(key.public_info())
    }

    /// Where packages are delivered, and whether its password is there.
    fn submission_destination(cx) -> DestinationStatus {
        submissions::destination(cx)
    }

    /// Saves the city's WebDAV folder (the password into the keyring) and delivers there from now on.
    fn set_submission_destination(cx, url: String, user: String, password: String) -> DestinationStatus {
        submissions::set_destination(cx, &url, &user, &password)
    }

    /// Checks that the saved destination answers; the result in words.
    fn test_submission_destination(cx) -> Text {
        submissions::test_destination(cx)
    }

    /// Where sharing between PCs stands: the shared folder, the last sync, records waiting to go out,
    /// the PCs and their officers, conflicts to look at.
    fn sync_status(cx) -> SyncStatus {
        Ok(share::status(&*cx.session()?)?)
    }

    /// Starts sharing from this PC: asks for the shared folder (a synced folder, a NAS share, a USB
    /// stick); `null` when the dialog is cancelled.
    fn sync_set_up(cx, officer: String, role: Role) -> Option<SyncStatus> {
        let Some(folder) = cx.platform().pick_folder() else { return Ok(None) };
        let remote = council_sync::RemoteConfig::Folder { path: folder.display().to_string() };
        let status = share::setup(&*cx.session()?, remote, None, &officer, role)?;
        recorded_as_officer(cx, &status)?;
        Ok(Some(status))
    }

    /// Starts sharing from this PC through a WebDAV folder (Nextcloud and the like): its address, the
    /// user and password signing in.
    fn sync_set_up_webdav(cx, url: String, user: String, password: String, officer: String, role: Role) -> SyncStatus {
        let remote = council_sync::RemoteConfig::WebDav { url: url.trim().to_owned(), user: user.trim().to_owned() };
        let status = share::setup(&*cx.session()?, remote, Some(&password), &officer, role)?;
        recorded_as_officer(cx, &status)?;
        Ok(status)
    }

    /// Enters the shared WebDAV folder's password again (changed on the server, or lost from this PC's
    /// keyring); tried against the server first, kept in the OS keyring.
    fn sync_set_webdav_password(cx, password: String) -> SyncStatus {
        Ok(share::set_webdav_password(&*cx.session()?, &password)?)
    }

    /// Invites a PC (the 会長's PC only) and saves the invitation file where the person chooses; its
    /// path, or `null` when the dialog is cancelled.
    fn sync_invite(cx, officer: String, role: Role, block_id: Option<String>, passphrase: String) -> Option<String> {
        let bytes = share::invite(&*cx.session()?, &officer, role, block_id.as_deref(), &passphrase)?;
        let name = format!("招待-{}.invitation", officer.trim().replace(char::is_whitespace, ""));
        let Some(path) = cx.platform().save_file(&name) else { return Ok(None) };
        std::fs::write(&path, bytes).map_err(council_store::Error::from)?;
        Ok(Some(path.display().to_string()))
    }

    /// Asks for an invitation file; its path, or `null` when the dialog is cancelled.
    fn pick_invitation_file(cx) -> Option<String> {
        Ok(cx.open_file(FileChoice::Invitation).map(|p| p.display().to_string()))
    }

    /// Joins a shared council on this PC with an invitation file the open dialog returned (into a
    /// data folder without a council).
    fn sync_join(cx, path: String, passphrase: String, officer: String) -> AppState {
        let bytes = std::fs::read(cx.chosen_file(&path)?).map_err(council_store::Error::from)?;
        let status = share::join(&*cx.session()?, &bytes, &passphrase, Some(&officer))?;
        recorded_as_officer(cx, &status)?;
        state::read(cx)
    }

    /// Sends this PC's changes and applies the other PCs' now.
    fn sync_now(cx) -> SyncReport {
        Ok(share::sync_now(&*cx.session()?)?)
    }

    /// 「同時に変更された項目」: what two PCs changed at once, and records refused.
    fn sync_conflicts(cx) -> Vec<ConflictInfo> {
        Ok(share::conflicts(&*cx.session()?)?)
    }

    /// Takes the other PC's value of a field changed on two PCs, or marks an item as looked at.
    fn sync_resolve(cx, id: String, take_other: bool) -> Vec<ConflictInfo> {
        let session = cx.session()?;
        share::resolve(&session, &id, take_other)?;
        Ok(share::conflicts(&session)?)
    }

    /// Revokes a lost or retired PC (the 会長's PC only).
    fn sync_revoke(cx, device: String) -> SyncStatus {
        let session = cx.session()?;
        share::revoke(&session, &device)?;
        Ok(share::status(&session)?)
    }
}
