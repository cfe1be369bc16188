// Generated from the command list in crates/council-api (ts-rs). Do not edit by hand:
// run `make bindings` after changing a command or a type that crosses the IPC boundary.

import type { Account, AccountId, ActionChoice, ActionId, ActionInput, ActionItem, ActionItemId, ActionItemInput, ActionItemStatus, ActionStatus, AgendaItemId, AgendaItemInput, AppState, Asset, AssetId, AssetInput, AttachmentId, AttendanceInput, AuditChecklist, AuditEntry, BackupEntry, BackupInfo, Block, BlockId, BlockInput, BookId, BookYear, Budget, BudgetCheck, BudgetInput, BudgetLine, BudgetTransfer, BudgetTransferInput, BudgetVsActual, Bytes, CarryChoice, CashbookImported, CashbookOptions, CashbookPreview, CategoryId, Checklist, ChosenFolder, ComparisonRow, ConflictInfo, CouncilProfileInput, DestinationStatus, DocumentPreview, DocumentRequest, DuesOverview, DuesPayment, DuesPaymentId, DuesPaymentInput, DuesPosting, DuesRate, DuesRow, Encoding, EntryInput, Event, EventId, EventInput, ExportEncoding, ExportFormat, ExportScope, FormSettings, GrantApplication, GrantApplicationChoice, GrantApplicationId, GrantApplicationInput, GrantApplicationSummary, GrantDeadline, GrantExpenseId, GrantExpenseInput, GrantLedger, GrantLedgerInput, GrantProgram, GrantProgramId, GrantProgramInput, GrantTransition, HandoverInfo, Holiday, HomeSummary, Household, HouseholdCounts, HouseholdId, HouseholdInput, ImportPreview, ImportSummary, IncomeLinkInput, IndicatorId, IndicatorInput, IndicatorOwner, Inventory, InviteeInput, IssuedPaper, LeaveReason, LedgerEntryId, MeasureId, MeasureInput, Meeting, MeetingId, MeetingInput, MeetingList, MeetingQuery, MemberPage, MemberQuery, Minutes, MinutesId, MinutesInput, MinutesStatus, MotionResultInput, NewAccount, OfficerTerm, OfficerTermId, OfficerTermInput, OnDuplicate, OpenDataExport, OpenDataFormat, OutboxEntry, PackageRequest, Partner, PartnerId, PartnerInput, PersonHit, Plan, PlanId, PlanImportPreview, PlanInput, PlanNode, PlanSummary, PolicyId, PolicyInput, PrintedDocument, PublicKeyInfo, PurposeInfo, QuorumRule, Review, Role, RosterField, RouteStop, SavedExport, SearchResults, SendReport, SettingsPatch, Settlement, SettlementInput, Side, Statement, SyncReport, SyncStatus, Text, TransferInput, WrittenVote } from './bindings';
import { call } from './call';

/** The backend's commands, one typed function each, in the order of the command list. */
export const commands = {
  /** Everything the window needs at start-up and after any change to the profile or settings. */
  appState: () => call<AppState>('app_state'),
  /** First start: registers the council's profile. */
  setUpCouncil: (input: CouncilProfileInput) => call<AppState>('set_up_council', { input }),
  /** First start: loads the demo council instead. */
  setUpDemo: () => call<AppState>('set_up_demo'),
  /** Ends the demo: its data is kept as a backup and the data folder starts empty, so the next screen is the first start's, for the council's own data. */
  endDemo: () => call<AppState>('end_demo'),
  /** Asks for another data folder — one holding a council's data, or an empty one for a new council — and, once it is checked, remembers it and starts the app again there (the `council` command follows it too); `null` when the dialog is cancelled. */
  chooseDataFolder: () => call<ChosenFolder | null>('choose_data_folder'),
  /** Forgets the folder chosen in Settings and starts the app again in the usual data folder. */
  useUsualDataFolder: () => call<AppState>('use_usual_data_folder'),
  /** Changes the council's profile (Settings). */
  updateCouncil: (input: CouncilProfileInput) => call<AppState>('update_council', { input }),
  /** Changes preferences (language, text size, operator name). */
  updateSettings: (patch: SettingsPatch) => call<AppState>('update_settings', { patch }),
  /** What Home shows as needing attention now. */
  home: () => call<HomeSummary>('home'),
  /** The latest changes, newest first. */
  recentChanges: (limit: number) => call<Array<AuditEntry>>('recent_changes', { limit }),
  /** The history of one record, oldest first. */
  history: (entity: string, id: string) => call<Array<AuditEntry>>('history', { entity, id }),
  /** Every block, in the council's order. */
  blocks: () => call<Array<Block>>('blocks'),
  /** Adds a block; answers with the blocks. */
  createBlock: (input: BlockInput) => call<Array<Block>>('create_block', { input }),
  /** Renames a block; answers with the blocks. */
  updateBlock: (id: BlockId, input: BlockInput) => call<Array<Block>>('update_block', { id, input }),
  /** The order a 回覧 travels a block's households. */
  blockRoute: (block: BlockId) => call<Array<RouteStop>>('block_route', { block }),
  /** Sets the order a 回覧 travels a block; answers with the route. */
  setBlockRoute: (block: BlockId, order: Array<HouseholdId>) => call<Array<RouteStop>>('set_block_route', { block, order }),
  /** A page of the member list. */
  members: (query: MemberQuery) => call<MemberPage>('members', { query }),
  /** One household with its persons. */
  household: (id: HouseholdId) => call<Household>('household', { id }),
  /** Adds a household with its persons. */
  createHousehold: (input: HouseholdInput) => call<Household>('create_household', { input }),
  /** Changes a household and its persons. */
  updateHousehold: (id: HouseholdId, input: HouseholdInput) => call<Household>('update_household', { id, input }),
  /** Moves a household to another block from a date on. */
  moveHousehold: (id: HouseholdId, block: BlockId | null, fromDate: string) => call<Household>('move_household', { id, block, fromDate }),
  /** Records that a household left. */
  leaveHousehold: (id: HouseholdId, leftOn: string, reason: LeaveReason) => call<Household>('leave_household', { id, leftOn, reason }),
  /** Member households on a date (default today) by block, with the fiscal year's joins and leaves. */
  householdCounts: (asOf: string | null) => call<HouseholdCounts>('household_counts', { asOf }),
  /** Persons of member households matching a name, reading or phone. */
  findPersons: (text: string) => call<Array<PersonHit>>('find_persons', { text }),
  /** One query across the council's records (the search box on every screen). */
  search: (text: string) => call<SearchResults>('search', { text }),
  /** The officers of a fiscal year (default: the current one), in the order of the city's list. */
  officers: (fiscalYear: number | null) => call<Array<OfficerTerm>>('officers', { fiscalYear }),
  /** Records an officer's term in a fiscal year (default: the current one); answers with that year's list. */
  createOfficer: (input: OfficerTermInput, fiscalYear: number | null) => call<Array<OfficerTerm>>('create_officer', { input, fiscalYear }),
  /** Corrects a term (role, person, block, dates); answers with the fiscal year's list. */
  updateOfficer: (id: OfficerTermId, input: OfficerTermInput, fiscalYear: number | null) => call<Array<OfficerTerm>>('update_officer', { id, input, fiscalYear }),
  /** Removes a term recorded by mistake; answers with the fiscal year's list. */
  deleteOfficer: (id: OfficerTermId, fiscalYear: number | null) => call<Array<OfficerTerm>>('delete_officer', { id, fiscalYear }),
  /** Carries a year's officers to the next year with the given changes (the data is backed up first); answers with the next year's list. */
  carryOfficers: (fromYear: number, choices: Array<CarryChoice>) => call<Array<OfficerTerm>>('carry_officers', { fromYear, choices }),
  /** Every account (一般会計 first) with its chart of 科目 and its books. */
  accounts: () => call<Array<Account>>('accounts'),
  /** Opens an account with the typical chart of its kind; answers with the accounts. */
  createAccount: (input: NewAccount) => call<Array<Account>>('create_account', { input }),
  /** Adds a 科目 (a 款, or a 項 under `parent`); answers with the accounts. */
  addAccountCategory: (account: AccountId, side: Side, parent: CategoryId | null, name: string) => call<Array<Account>>('add_account_category', { account, side, parent, name }),
  /** Renames a 科目; answers with the accounts. */
  renameAccountCategory: (category: CategoryId, name: string) => call<Array<Account>>('rename_account_category', { category, name }),
  /** Removes a 科目 nothing uses; answers with the accounts. */
  removeAccountCategory: (category: CategoryId) => call<Array<Account>>('remove_account_category', { category }),
  /** Adds a bank or postal account's book; answers with the accounts. */
  addAccountBook: (account: AccountId, name: string) => call<Array<Account>>('add_account_book', { account, name }),
  /** A book in a fiscal year (default: the current one): brought forward, every line with its balance, carried forward. */
  bookYear: (book: BookId, fiscalYear: number | null) => call<BookYear>('book_year', { book, fiscalYear }),
  /** Records an entry; `project` marks an income entry as a grant project's income (its settlement takes it from the books); `file_name` and `bytes` are its receipt, if one was chosen. Answers with its book in the entry's fiscal year. */
  postEntry: (input: EntryInput, project: IncomeLinkInput | null, fileName: string | null, bytes: Array<number> | null) => call<BookYear>('post_entry', { input, project, fileName, bytes }),
  /** Corrects an entry (before its month or year is closed) and the project it is income of; a chosen file replaces the receipt, `remove_receipt` takes it off. Answers with its book in the entry's year. */
  updateEntry: (id: LedgerEntryId, input: EntryInput, project: IncomeLinkInput | null, fileName: string | null, bytes: Array<number> | null, removeReceipt: boolean) => call<BookYear>('update_entry', { id, input, project, fileName, bytes, removeReceipt }),
  /** Saves a copy of an entry's receipt where the person chooses; the path, or `null` if cancelled. */
  saveEntryReceipt: (attachment: AttachmentId) => call<string | null>('save_entry_receipt', { attachment }),
  /** Closes the books of an account up to the end of the month holding `month`; answers with the accounts. */
  closeAccountMonth: (account: AccountId, month: string) => call<Array<Account>>('close_account_month', { account, month }),
  /** Reopens the latest month closed; answers with the accounts. */
  reopenAccountMonth: (account: AccountId) => call<Array<Account>>('reopen_account_month', { account }),
  /** Sets how dues payments appear in the cash book (per payment or per collection day). */
  setDuesPosting: (account: AccountId, posting: DuesPosting) => call<Array<Account>>('set_dues_posting', { account, posting }),
  /** The auditors' checklist of an account's year: each book against the passbook, expenses without a receipt, the settlement against the books, the audit recorded, what blocks closing. */
  auditChecklist: (account: AccountId, fiscalYear: number) => call<AuditChecklist>('audit_checklist', { account, fiscalYear }),
  /** Records the passbook's balance (or the cash counted) of a book at the year's end; answers with the checklist. */
  checkBookBalance: (book: BookId, fiscalYear: number, counted: number, checkedOn: string) => call<AuditChecklist>('check_book_balance', { book, fiscalYear, counted, checkedOn }),
  /** Records the audit (day, auditors' names, finding); answers with the checklist. */
  recordAccountAudit: (account: AccountId, fiscalYear: number, auditedOn: string, auditors: Array<string>, finding: string) => call<AuditChecklist>('record_account_audit', { account, fiscalYear, auditedOn, auditors, finding }),
  /** The transfers between the budget's lines (流用, 予備費充用) of an account's year. */
  budgetTransfers: (account: AccountId, fiscalYear: number) => call<Array<BudgetTransfer>>('budget_transfers', { account, fiscalYear }),
  /** Moves an amount between two expense lines of the approved budget, with the reason; answers with the transfers. */
  transferBudget: (account: AccountId, fiscalYear: number, input: BudgetTransferInput) => call<Array<BudgetTransfer>>('transfer_budget', { account, fiscalYear, input }),
  /** Reads a cash-book file (its bytes, as the window read them) and shows what importing it into a book would do: the columns and 科目 mapped, every problem with its row. Writes nothing. */
  previewCashbookImport: (fileName: string, bytes: Array<number>, options: CashbookOptions) => call<CashbookPreview>('preview_cashbook_import', { fileName, bytes, options }),
  /** Imports a cash-book file into a book, all or nothing (after a safety copy of the data). */
  importCashbook: (fileName: string, bytes: Array<number>, options: CashbookOptions) => call<CashbookImported>('import_cashbook', { fileName, bytes, options }),
  /** How a grant application's money goes through the council's books, if it does. */
  grantLedger: (application: GrantApplicationId) => call<GrantLedger | null>('grant_ledger', { application }),
  /** Sets (or, with `null`, ends) how a grant application's money goes through the council's books: its advance and payment as the book's income, its expenses as its expenses. */
  setGrantLedger: (application: GrantApplicationId, input: GrantLedgerInput | null) => call<GrantLedger | null>('set_grant_ledger', { application, input }),
  /** The 財産目録 at a day (default: today): every book's balance and the equipment held. */
  inventory: (asOf: string | null) => call<Inventory>('inventory', { asOf }),
  /** Every piece of equipment, those still held first. */
  accountAssets: () => call<Array<Asset>>('account_assets'),
  /** Adds a piece of equipment; answers with the list. */
  addAccountAsset: (input: AssetInput) => call<Array<Asset>>('add_account_asset', { input }),
  /** Changes a piece of equipment; answers with the list. */
  updateAccountAsset: (id: AssetId, input: AssetInput) => call<Array<Asset>>('update_account_asset', { id, input }),
  /** Records that a piece of equipment was disposed of; answers with the list. */
  disposeAccountAsset: (id: AssetId, disposedOn: string) => call<Array<Asset>>('dispose_account_asset', { id, disposedOn }),
  /** Moves money between two books of one account; answers with the first book in that year. */
  transferBetweenBooks: (input: TransferInput) => call<BookYear>('transfer_between_books', { input }),
  /** Reverses an entry with one of the opposite amount dated `date`, with the reason. */
  reverseEntry: (id: LedgerEntryId, date: string, reason: string) => call<null>('reverse_entry', { id, date, reason }),
  /** Budget against actual (予算対比) of an account's year up to a day (default: today, within the year); at the year's last day it is the settlement (収支決算書). */
  accountStatement: (account: AccountId, fiscalYear: number | null, asOf: string | null) => call<Statement>('account_statement', { account, fiscalYear, asOf }),
  /** The versions of an account's budget for a year, first to last. */
  accountBudgets: (account: AccountId, fiscalYear: number | null) => call<Array<Budget>>('account_budgets', { account, fiscalYear }),
  /** Saves a budget's lines (the proposal under way, or a new 補正予算 after approval); with `reserve_takes_difference` 予備費 absorbs the difference. Answers with the versions. */
  setAccountBudget: (account: AccountId, fiscalYear: number, lines: Array<BudgetLine>, reserveTakesDifference: boolean) => call<Array<Budget>>('set_account_budget', { account, fiscalYear, lines, reserveTakesDifference }),
  /** Records the meeting's approval of the budget proposal; answers with the versions. */
  approveAccountBudget: (account: AccountId, fiscalYear: number, approvedOn: string) => call<Array<Budget>>('approve_account_budget', { account, fiscalYear, approvedOn }),
  /** Exports a year of an account (its settlement and every book) as an Excel workbook and asks where to save it; `null` if cancelled. */
  exportAccountsXlsx: (account: AccountId, fiscalYear: number) => call<SavedExport | null>('export_accounts_xlsx', { account, fiscalYear }),
  /** Closes an account's year (its settlement final, 次年度繰越金 carried); answers with the settlement. */
  closeAccountYear: (account: AccountId, fiscalYear: number) => call<Statement>('close_account_year', { account, fiscalYear }),
  /** Every partner. */
  partners: () => call<Array<Partner>>('partners'),
  /** Adds a partner; answers with the list. */
  createPartner: (input: PartnerInput) => call<Array<Partner>>('create_partner', { input }),
  /** Changes a partner; answers with the list. */
  updatePartner: (id: PartnerId, input: PartnerInput) => call<Array<Partner>>('update_partner', { id, input }),
  /** How the council's papers are signed, the contact person and the bank account (振込先). */
  formSettings: () => call<FormSettings>('form_settings'),
  /** Keeps the settings of the council's papers. */
  updateFormSettings: (input: FormSettings) => call<FormSettings>('update_form_settings', { input }),
  /** Where a partner is named (for the question before removing it). */
  partnerUses: (id: PartnerId) => call<Text>('partner_uses', { id }),
  /** Removes a partner (its links go; it comes back whole from 「削除した記録」); answers with the list. */
  deletePartner: (id: PartnerId) => call<Array<Partner>>('delete_partner', { id }),
  /** The year's dues by block (default: the current fiscal year). */
  duesOverview: (fiscalYear: number | null) => call<DuesOverview>('dues_overview', { fiscalYear }),
  /** Households with their dues for the year, optionally one block and only those not paid in full. */
  duesRows: (fiscalYear: number | null, block: BlockId | null, onlyUnpaid: boolean) => call<Array<DuesRow>>('dues_rows', { fiscalYear, block, onlyUnpaid }),
  /** Sets a year's dues rule; answers with that year's overview. */
  setDuesRate: (rate: DuesRate) => call<DuesOverview>('set_dues_rate', { rate }),
  /** Sets or clears a household's own amount for a year; answers with the year's rows. */
  setDuesAdjustment: (household: HouseholdId, fiscalYear: number, amount: number | null, reason: string) => call<Array<DuesRow>>('set_dues_adjustment', { household, fiscalYear, amount, reason }),
  /** Records a payment; answers with the household's payments for that year. */
  recordDuesPayment: (input: DuesPaymentInput) => call<Array<DuesPayment>>('record_dues_payment', { input }),
  /** Corrects a payment recorded wrongly, with the reason; answers with the household's payments. */
  correctDuesPayment: (id: DuesPaymentId, input: DuesPaymentInput, reason: string) => call<Array<DuesPayment>>('correct_dues_payment', { id, input, reason }),
  /** Cancels a payment recorded by mistake, with the reason; answers with the household's payments of that year. */
  cancelDuesPayment: (id: DuesPaymentId, household: HouseholdId, fiscalYear: number, reason: string) => call<Array<DuesPayment>>('cancel_dues_payment', { id, household, fiscalYear, reason }),
  /** A household's payments for a year. */
  duesPayments: (household: HouseholdId, fiscalYear: number) => call<Array<DuesPayment>>('dues_payments', { household, fiscalYear }),
  /** Reads a roster file (its bytes, as the window read them) and shows what importing it would do. Writes nothing. */
  previewRosterImport: (bytes: Array<number>, fileName: string, encoding: Encoding, mapping: Array<RosterField> | null) => call<ImportPreview>('preview_roster_import', { bytes, fileName, encoding, mapping }),
  /** Imports a roster file all or nothing (the data is backed up first). */
  importRoster: (bytes: Array<number>, fileName: string, encoding: Encoding, mapping: Array<RosterField> | null, onDuplicate: OnDuplicate) => call<ImportSummary>('import_roster', { bytes, fileName, encoding, mapping, onDuplicate }),
  /** Deletes a household entered by mistake; answers with what can be brought back. */
  deleteHousehold: (id: HouseholdId) => call<Array<AuditEntry>>('delete_household', { id }),
  /** Brings back a deleted household or officer's term from its history entry. */
  restoreHousehold: (seq: number) => call<null>('restore_household', { seq }),
  /** Deleted records that can still be brought back (households and officers' terms), newest first. */
  deletedHouseholds: () => call<Array<AuditEntry>>('deleted_households'),
  /** The backups in the data folder, newest first. */
  backups: () => call<Array<BackupEntry>>('backups'),
  /** Takes a backup now into the data folder. */
  backupNow: () => call<BackupEntry>('backup_now'),
  /** Saves a backup where the person chooses (a USB stick); `null` when the dialog is cancelled. */
  saveBackup: () => call<BackupEntry | null>('save_backup'),
  /** Asks for a backup file (from a USB stick) and previews it; `null` when the dialog is cancelled. */
  chooseBackup: () => call<BackupInfo | null>('choose_backup'),
  /** What a backup holds, for the preview before restoring it: one in the data folder's backups, or one the open dialog returned. */
  inspectBackup: (path: string) => call<BackupInfo>('inspect_backup', { path }),
  /** Restores a backup (the current data is backed up first), also into data that could not be opened: one in the data folder's backups, or one the open dialog returned. */
  restoreBackup: (path: string) => call<AppState>('restore_backup', { path }),
  /** Asks for a hand-over file; its path, or `null` when the dialog is cancelled. */
  pickHandoverFile: () => call<string | null>('pick_handover_file'),
  /** What a hand-over file holds (a protected one needs its passphrase); the file must be one the open dialog returned. */
  inspectHandover: (path: string, passphrase: string | null) => call<HandoverInfo>('inspect_handover', { path, passphrase }),
  /** Opens a hand-over file on this PC (checked before anything is written); the file must be one the open dialog returned. */
  importHandover: (path: string, passphrase: string | null) => call<AppState>('import_handover', { path, passphrase }),
  /** Writes a hand-over file where the person chooses; `null` when the dialog is cancelled. The signing key travels encrypted under the hand-over's passphrase. */
  exportHandover: (passphrase: string | null) => call<HandoverInfo | null>('export_handover', { passphrase }),
  /** Exports every table (a file for JSON or Excel, a folder of CSV files); `null` when the dialog is cancelled. */
  exportAll: (format: OpenDataFormat) => call<OpenDataExport | null>('export_all', { format }),
  /** Exports the roster and asks where to save it; `null` when the dialog is cancelled. */
  exportRoster: (format: ExportFormat, encoding: ExportEncoding, scope: ExportScope) => call<SavedExport | null>('export_roster', { format, encoding, scope }),
  /** Asks for the council's template folder, copies the built-in templates into it where a file of that name is not there yet (a starting point to edit), and uses it from now on; `null` if cancelled. */
  chooseTemplateFolder: () => call<AppState | null>('choose_template_folder'),
  /** Typesets a document and answers with its pages as pictures, for the preview. */
  previewDocument: (request: DocumentRequest) => call<DocumentPreview>('preview_document', { request }),
  /** Typesets a document and asks where to save the PDF; the path, or `null` if cancelled. */
  saveDocument: (request: DocumentRequest) => call<string | null>('save_document', { request }),
  /** Typesets a document and opens the PDF in the system's viewer to print from. Where no viewer can be opened, the answer says where the PDF is, so it can still be printed. */
  printDocument: (request: DocumentRequest) => call<PrintedDocument>('print_document', { request }),
  /** The events of a fiscal year (default: the current one), by date. */
  events: (fiscalYear: number | null) => call<Array<Event>>('events', { fiscalYear }),
  /** Japan's public holidays in a fiscal year (default: the current one), for the calendar. */
  holidays: (fiscalYear: number | null) => call<Array<Holiday>>('holidays', { fiscalYear }),
  /** The next events from today on (Home). */
  upcomingEvents: (limit: number) => call<Array<Event>>('upcoming_events', { limit }),
  /** One event. */
  event: (id: EventId) => call<Event>('event', { id }),
  /** Adds an event. */
  createEvent: (input: EventInput) => call<Event>('create_event', { input }),
  /** Changes an event. */
  updateEvent: (id: EventId, input: EventInput) => call<Event>('update_event', { id, input }),
  /** Chooses the blocks an event's notice circulates in (none: every block) and the sets per block. */
  setEventCirculation: (id: EventId, blocks: Array<BlockId>, copies: number) => call<Event>('set_event_circulation', { id, blocks, copies }),
  /** Changes the day an event's notice went out (発出日), or clears it. */
  setEventNoticeIssued: (id: EventId, on: string | null) => call<Event>('set_event_notice_issued', { id, on }),
  /** Deletes an event; answers with the history entry that brings it back. */
  deleteEvent: (id: EventId) => call<number>('delete_event', { id }),
  /** Brings back a deleted event (the undo after a delete). */
  restoreEvent: (seq: number) => call<Event>('restore_event', { seq }),
  /** Adds a photo (its bytes, as the window read the file) to an event; it is kept inside the data folder. */
  addEventPhoto: (id: EventId, name: string, bytes: Array<number>) => call<Event>('add_event_photo', { id, name, bytes }),
  /** Takes a photo off an event. */
  removeEventPhoto: (id: EventId, photo: AttachmentId) => call<Event>('remove_event_photo', { id, photo }),
  /** A photo's bytes, sent raw (an ArrayBuffer in the window). */
  eventPhoto: (id: AttachmentId) => call<Bytes>('event_photo', { id }),
  /** Exports the year's events as an iCalendar file and asks where to save it; `null` if cancelled. */
  exportEventsIcs: (fiscalYear: number | null) => call<SavedExport | null>('export_events_ics', { fiscalYear }),
  /** The plan actions an event can serve (the latest version of each plan). */
  actionChoices: () => call<Array<ActionChoice>>('action_choices'),
  /** Every plan version. */
  plans: () => call<Array<PlanSummary>>('plans'),
  /** A plan version with its tree; `null` asks for the current plan (and answers `null` before one exists). */
  plan: (id: PlanId | null) => call<Plan | null>('plan', { id }),
  /** Starts a plan. */
  createPlan: (input: PlanInput) => call<Plan>('create_plan', { input }),
  /** Changes a plan's title, period and vision. */
  updatePlan: (id: PlanId, input: PlanInput) => call<Plan>('update_plan', { id, input }),
  /** Adds a policy; answers with the plan. */
  createPolicy: (plan: PlanId, input: PolicyInput) => call<Plan>('create_policy', { plan, input }),
  /** Changes a policy; answers with the plan. */
  updatePolicy: (id: PolicyId, input: PolicyInput) => call<Plan>('update_policy', { id, input }),
  /** Adds a measure; answers with the plan. */
  createMeasure: (policy: PolicyId, input: MeasureInput) => call<Plan>('create_measure', { policy, input }),
  /** Changes a measure; answers with the plan. */
  updateMeasure: (id: MeasureId, input: MeasureInput) => call<Plan>('update_measure', { id, input }),
  /** Adds an action; answers with the plan. */
  createAction: (measure: MeasureId, input: ActionInput) => call<Plan>('create_action', { measure, input }),
  /** Changes an action; answers with the plan. */
  updateAction: (id: ActionId, input: ActionInput) => call<Plan>('update_action', { id, input }),
  /** Adds an indicator to a measure or an action; answers with the plan. */
  createIndicator: (owner: IndicatorOwner, input: IndicatorInput) => call<Plan>('create_indicator', { owner, input }),
  /** Changes an indicator; answers with the plan. */
  updateIndicator: (id: IndicatorId, input: IndicatorInput) => call<Plan>('update_indicator', { id, input }),
  /** Records (or clears) an indicator's actual for a fiscal year; answers with the plan. */
  setIndicatorActual: (id: IndicatorId, fiscalYear: number, value: number | null) => call<Plan>('set_indicator_actual', { id, fiscalYear, value }),
  /** What deleting a node of the plan's tree takes with it, said before it is done. */
  planNodeDeletePreview: (kind: PlanNode, id: string) => call<Text>('plan_node_delete_preview', { kind, id }),
  /** Deletes a node of the plan's tree with everything under it; answers with the plan. */
  deletePlanNode: (kind: PlanNode, id: string) => call<Plan>('delete_plan_node', { kind, id }),
  /** Revises a plan: a new version with the same tree; the earlier one becomes read-only. */
  revisePlan: (id: PlanId, note: string) => call<Plan>('revise_plan', { id, note }),
  /** The yearly review of a plan version (default year: the current fiscal year). */
  planReview: (id: PlanId, fiscalYear: number | null) => call<Review>('plan_review', { id, fiscalYear }),
  /** Records an action's status and comment for a fiscal year; answers with that year's review. */
  setActionReview: (id: ActionId, fiscalYear: number, status: ActionStatus, comment: string) => call<Review>('set_action_review', { id, fiscalYear, status, comment }),
  /** Exports a plan version as an Excel workbook and asks where to save it; `null` if cancelled. */
  exportPlanXlsx: (id: PlanId) => call<SavedExport | null>('export_plan_xlsx', { id }),
  /** Reads a plan workbook and shows what importing it would create, with every problem by sheet and row. Writes nothing. */
  previewPlanImport: (bytes: Array<number>, fileName: string) => call<PlanImportPreview>('preview_plan_import', { bytes, fileName }),
  /** Creates a new plan from a workbook, all or nothing (the data is backed up first). */
  importPlan: (bytes: Array<number>, fileName: string) => call<Plan>('import_plan', { bytes, fileName }),
  /** Meetings, newest first, by kind and fiscal year; with words, those whose motions or minutes mention them. */
  meetings: (query: MeetingQuery) => call<MeetingList>('meetings', { query }),
  /** One meeting with its invitees, agenda, quorum finding and minutes. */
  meeting: (id: MeetingId) => call<Meeting>('meeting', { id }),
  /** Creates a meeting (its invitees fixed as of its day). */
  createMeeting: (input: MeetingInput) => call<Meeting>('create_meeting', { input }),
  /** Changes a meeting's details (refused once its minutes are signed). */
  updateMeeting: (id: MeetingId, input: MeetingInput) => call<Meeting>('update_meeting', { id, input }),
  /** Adds a topic or motion at the end of the agenda. */
  addAgendaItem: (meeting: MeetingId, input: AgendaItemInput) => call<Meeting>('add_agenda_item', { meeting, input }),
  /** Changes an agenda line. */
  updateAgendaItem: (id: AgendaItemId, input: AgendaItemInput) => call<Meeting>('update_agenda_item', { id, input }),
  /** Removes an agenda line. */
  removeAgendaItem: (id: AgendaItemId) => call<Meeting>('remove_agenda_item', { id }),
  /** Moves an agenda line to position `to` (1-based); motion numbers follow the new order. */
  moveAgendaItem: (id: AgendaItemId, to: number) => call<Meeting>('move_agenda_item', { id, to }),
  /** Attaches a paper to an agenda line; the file is kept in the data folder's attachments. */
  attachPaper: (id: AgendaItemId, fileName: string, bytes: Array<number>) => call<Meeting>('attach_paper', { id, fileName, bytes }),
  /** Records attendance (present, proxy, written vote, absent) for the invitees named. */
  recordAttendance: (meeting: MeetingId, lines: Array<AttendanceInput>) => call<Meeting>('record_attendance', { meeting, lines }),
  /** Sets a motion's 新旧対照表 (the bylaw change article by article); answers with the meeting. */
  setMotionComparison: (item: AgendaItemId, rows: Array<ComparisonRow>) => call<Meeting>('set_motion_comparison', { item, rows }),
  /** Records what invitee `seq`'s written vote (書面表決書) says on each motion (a motion not named is left blank). */
  recordWrittenVotes: (meeting: MeetingId, seq: number, votes: Array<WrittenVote>) => call<Meeting>('record_written_votes', { meeting, seq, votes }),
  /** Adds someone to a meeting whose members are chosen (a 部会): a roster person or a named guest. */
  addInvitee: (meeting: MeetingId, input: InviteeInput) => call<Meeting>('add_invitee', { meeting, input }),
  /** Takes someone off a chosen meeting's list (the lines after move up). */
  removeInvitee: (meeting: MeetingId, seq: number) => call<Meeting>('remove_invitee', { meeting, seq }),
  /** Records a motion's result, checked against its majority rule. */
  recordMotionResult: (id: AgendaItemId, input: MotionResultInput) => call<Meeting>('record_motion_result', { id, input }),
  /** The council's quorum rule. */
  quorumRule: () => call<QuorumRule>('quorum_rule'),
  /** Sets the council's quorum rule. */
  setQuorumRule: (rule: QuorumRule) => call<QuorumRule>('set_quorum_rule', { rule }),
  /** Changes the day a meeting's notice or results notice went out (発出日), or clears it. */
  setMeetingIssued: (meeting: MeetingId, paper: IssuedPaper, on: string | null) => call<Meeting>('set_meeting_issued', { meeting, paper, on }),
  /** Starts (or opens, if already started) a meeting's minutes. */
  startMinutes: (meeting: MeetingId) => call<Minutes>('start_minutes', { meeting }),
  /** One set of minutes. */
  minutes: (id: MinutesId) => call<Minutes>('minutes', { id }),
  /** Saves the minutes editor (refused with `locked` once signed). */
  updateMinutes: (id: MinutesId, input: MinutesInput) => call<Minutes>('update_minutes', { id, input }),
  /** Moves the minutes on (circulated, approved, signed); signing keeps the document as signed. */
  advanceMinutes: (id: MinutesId, to: MinutesStatus) => call<Minutes>('advance_minutes', { id, to }),
  /** Creates (or opens) the amendment of signed minutes. */
  amendMinutes: (id: MinutesId) => call<Minutes>('amend_minutes', { id }),
  /** Action items across meetings (open ones first, by due date), with which are overdue today. */
  actionItems: (onlyOpen: boolean) => call<Array<ActionItem>>('action_items', { onlyOpen }),
  /** Records an action item; answers with the list. */
  createActionItem: (input: ActionItemInput) => call<Array<ActionItem>>('create_action_item', { input }),
  /** Changes who carries an action item and by when; answers with the list. */
  updateActionItem: (id: ActionItemId, owner: string, dueOn: string | null) => call<Array<ActionItem>>('update_action_item', { id, owner, dueOn }),
  /** Marks an action item done, dropped or open again; answers with the list. */
  setActionStatus: (id: ActionItemId, status: ActionItemStatus) => call<Array<ActionItem>>('set_action_status', { id, status }),
  /** The grant programs, newest fiscal year first (one year's only, when given). */
  grantPrograms: (fiscalYear: number | null) => call<Array<GrantProgram>>('grant_programs', { fiscalYear }),
  /** One grant program. */
  grantProgram: (id: GrantProgramId) => call<GrantProgram>('grant_program', { id }),
  /** Registers a grant program. */
  createGrantProgram: (input: GrantProgramInput) => call<GrantProgram>('create_grant_program', { input }),
  /** Changes a grant program (refused with `locked` once an application under it is settled). */
  updateGrantProgram: (id: GrantProgramId, input: GrantProgramInput) => call<GrantProgram>('update_grant_program', { id, input }),
  /** Deletes a grant program registered by mistake (refused while an application uses it). */
  deleteGrantProgram: (id: GrantProgramId) => call<null>('delete_grant_program', { id }),
  /** The grant applications, newest fiscal year first (one year's only, when given), each with its spending so far and its nearest pending deadline. */
  grantApplications: (fiscalYear: number | null) => call<Array<GrantApplicationSummary>>('grant_applications', { fiscalYear }),
  /** One grant application with its budget versions, expenses and receipt warnings, the events it paid for, its deadlines and the steps that can be taken now. */
  grantApplication: (id: GrantApplicationId) => call<GrantApplication>('grant_application', { id }),
  /** Starts a grant application (a draft). */
  createGrantApplication: (input: GrantApplicationInput) => call<GrantApplication>('create_grant_application', { input }),
  /** Changes a grant application's plan (refused with `locked` once settled or closed). */
  updateGrantApplication: (id: GrantApplicationId, input: GrantApplicationInput) => call<GrantApplication>('update_grant_application', { id, input }),
  /** Deletes a draft application entered by mistake (one handed in is withdrawn instead). */
  deleteGrantApplication: (id: GrantApplicationId) => call<null>('delete_grant_application', { id }),
  /** The grant applications an event can be linked to (the event form's choice list). */
  grantApplicationChoices: () => call<Array<GrantApplicationChoice>>('grant_application_choices'),
  /** Links an event to the grant application that pays for it, or unlinks it (`null`). */
  linkEventToGrant: (event: EventId, grant: GrantApplicationId | null) => call<Event>('link_event_to_grant', { event, grant }),
  /** Saves the budget form: the budget applied with while the application is a draft; after the award, the changed budget being prepared (a new version; the approved ones stay as they were). */
  saveGrantBudget: (id: GrantApplicationId, input: BudgetInput) => call<GrantApplication>('save_grant_budget', { id, input }),
  /** Checks a budget as the form holds it (nothing is saved), or without it the budget being worked on. */
  checkGrantBudget: (id: GrantApplicationId, input: BudgetInput | null) => call<BudgetCheck>('check_grant_budget', { id, input }),
  /** Drops the changed budget being prepared. */
  discardGrantChange: (id: GrantApplicationId) => call<GrantApplication>('discard_grant_change', { id }),
  /** Takes a lifecycle step (apply, award, start, change, report, settle, claim, pay, withdraw…); refused with the reason when the step is not allowed now or a precondition fails. */
  transitionGrant: (id: GrantApplicationId, step: GrantTransition) => call<GrantApplication>('transition_grant', { id, step }),
  /** Records the claim for an advance (概算払の請求): the 請求書's day and amount. */
  claimGrantAdvance: (id: GrantApplicationId, on: string, amount: number) => call<GrantApplication>('claim_grant_advance', { id, on, amount }),
  /** Records an advance payment (概算払) received, where the program allows one. */
  recordGrantAdvance: (id: GrantApplicationId, on: string, amount: number) => call<GrantApplication>('record_grant_advance', { id, on, amount }),
  /** Records an expense; `file_name` and `bytes` are its receipt file, if one was chosen. */
  addGrantExpense: (id: GrantApplicationId, input: GrantExpenseInput, fileName: string | null, bytes: Array<number> | null) => call<GrantApplication>('add_grant_expense', { id, input, fileName, bytes }),
  /** Changes an expense; a chosen file replaces the receipt, `remove_receipt` takes it off. */
  updateGrantExpense: (id: GrantExpenseId, input: GrantExpenseInput, fileName: string | null, bytes: Array<number> | null, removeReceipt: boolean) => call<GrantApplication>('update_grant_expense', { id, input, fileName, bytes, removeReceipt }),
  /** Deletes an expense entered by mistake. */
  deleteGrantExpense: (id: GrantExpenseId) => call<GrantApplication>('delete_grant_expense', { id }),
  /** A receipt file's bytes, sent raw. */
  grantReceipt: (id: GrantExpenseId) => call<Bytes>('grant_receipt', { id }),
  /** Saves a copy of a receipt file where the person chooses; the path, or `null` if cancelled. */
  saveGrantReceipt: (id: GrantExpenseId) => call<string | null>('save_grant_receipt', { id }),
  /** Saves the whole application as an Excel workbook where the person chooses; `null` if cancelled. */
  exportGrantXlsx: (id: GrantApplicationId) => call<string | null>('export_grant_xlsx', { id }),
  /** Budget against actual spending per category, with the categories beyond the change threshold. */
  grantBudgetVsActual: (id: GrantApplicationId) => call<BudgetVsActual>('grant_budget_vs_actual', { id }),
  /** The settlement (収支決算書): budget, actual and difference per line, with the reasons. */
  grantSettlement: (id: GrantApplicationId) => call<Settlement>('grant_settlement', { id }),
  /** Saves the settlement form (income actuals, reasons for differences); answers with the settlement. */
  saveGrantSettlement: (id: GrantApplicationId, input: SettlementInput) => call<Settlement>('save_grant_settlement', { id, input }),
  /** The deadlines the council has to act on across its grant applications (Home), soonest first. */
  grantDeadlines: () => call<Array<GrantDeadline>>('grant_deadlines'),
  /** What a package can be for. */
  submissionPurposes: () => call<Array<PurposeInfo>>('submission_purposes'),
  /** A package's checklist: every required and optional item, what it holds or what to do. */
  submissionChecklist: (request: PackageRequest) => call<Checklist>('submission_checklist', { request }),
  /** Builds a package and puts it in the outbox; refused (validation, one problem per missing item) when incomplete. */
  buildSubmission: (request: PackageRequest) => call<OutboxEntry>('build_submission', { request }),
  /** The outbox: every package with its state. */
  outboxEntries: () => call<Array<OutboxEntry>>('outbox_entries'),
  /** Tries every waiting or failed package once, now. */
  sendOutboxNow: () => call<Array<SendReport>>('send_outbox_now'),
  /** Saves a package to a folder the person chooses (a USB stick); `null` when cancelled. */
  saveOutboxPackage: (id: string) => call<OutboxEntry | null>('save_outbox_package', { id }),
  /** Sends a failed or saved package again. */
  sendOutboxAgain: (id: string) => call<OutboxEntry>('send_outbox_again', { id }),
  /** The council's public key for the city (made on first use; refused with `key_locked` when it must be protected by a passphrase first). */
  councilPublicKey: () => call<PublicKeyInfo>('council_public_key'),
  /** Opens the council's signing key with its passphrase — or, made now on a PC without a keyring, protects it with this one — and keeps the passphrase for signing until the app closes. */
  unlockSigningKey: (passphrase: string) => call<PublicKeyInfo>('unlock_signing_key', { passphrase }),
  /** Where packages are delivered, and whether its password is there. */
  submissionDestination: () => call<DestinationStatus>('submission_destination'),
  /** Saves the city's WebDAV folder (the password into the keyring) and delivers there from now on. */
  setSubmissionDestination: (url: string, user: string, password: string) => call<DestinationStatus>('set_submission_destination', { url, user, password }),
  /** Checks that the saved destination answers; the result in words. */
  testSubmissionDestination: () => call<Text>('test_submission_destination'),
  /** Where sharing between PCs stands: the shared folder, the last sync, records waiting to go out, the PCs and their officers, conflicts to look at. */
  syncStatus: () => call<SyncStatus>('sync_status'),
  /** Starts sharing from this PC: asks for the shared folder (a synced folder, a NAS share, a USB stick); `null` when the dialog is cancelled. */
  syncSetUp: (officer: string, role: Role) => call<SyncStatus | null>('sync_set_up', { officer, role }),
  /** Starts sharing from this PC through a WebDAV folder (Nextcloud and the like): its address, the user and password signing in. */
  syncSetUpWebdav: (url: string, user: string, password: string, officer: string, role: Role) => call<SyncStatus>('sync_set_up_webdav', { url, user, password, officer, role }),
  /** Enters the shared WebDAV folder's password again (changed on the server, or lost from this PC's keyring); tried against the server first, kept in the OS keyring. */
  syncSetWebdavPassword: (password: string) => call<SyncStatus>('sync_set_webdav_password', { password }),
  /** Invites a PC (the 会長's PC only) and saves the invitation file where the person chooses; its path, or `null` when the dialog is cancelled. */
  syncInvite: (officer: string, role: Role, blockId: string | null, passphrase: string) => call<string | null>('sync_invite', { officer, role, blockId, passphrase }),
  /** Asks for an invitation file; its path, or `null` when the dialog is cancelled. */
  pickInvitationFile: () => call<string | null>('pick_invitation_file'),
  /** Joins a shared council on this PC with an invitation file the open dialog returned (into a data folder without a council). */
  syncJoin: (path: string, passphrase: string, officer: string) => call<AppState>('sync_join', { path, passphrase, officer }),
  /** Sends this PC's changes and applies the other PCs' now. */
  syncNow: () => call<SyncReport>('sync_now'),
  /** 「同時に変更された項目」: what two PCs changed at once, and records refused. */
  syncConflicts: () => call<Array<ConflictInfo>>('sync_conflicts'),
  /** Takes the other PC's value of a field changed on two PCs, or marks an item as looked at. */
  syncResolve: (id: string, takeOther: boolean) => call<Array<ConflictInfo>>('sync_resolve', { id, takeOther }),
  /** Revokes a lost or retired PC (the 会長's PC only). */
  syncRevoke: (device: string) => call<SyncStatus>('sync_revoke', { device }),
};
