// The one module through which the UI talks to the Rust backend. Every command is typed with the
// generated bindings; errors arrive as `BackendError` carrying the `{ code, message, problems }` payload.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  Checklist,
  DestinationStatus,
  OutboxEntry,
  OutboxEvent,
  PackageRequest,
  PublicKeyInfo,
  PurposeInfo,
  SendReport,
} from './submit-bindings';
import type {
  DocumentPreview,
  DocumentRequest,
  PrintedDocument,
  ActionChoice,
  ActionId,
  ActionInput,
  ActionStatus,
  AttachmentId,
  Event,
  EventId,
  EventInput,
  IndicatorId,
  IndicatorInput,
  IndicatorOwner,
  MeasureId,
  MeasureInput,
  Plan,
  PlanId,
  PlanInput,
  PlanNode,
  PlanImportPreview,
  PlanSummary,
  PolicyId,
  PolicyInput,
  Review,
  ActionItem,
  ActionItemId,
  ActionItemInput,
  ActionItemStatus,
  AgendaItemId,
  AgendaItemInput,
  AttendanceInput,
  Meeting,
  MeetingId,
  MeetingInput,
  MeetingList,
  MeetingQuery,
  Minutes,
  MinutesId,
  MinutesInput,
  MinutesStatus,
  MotionResultInput,
  QuorumRule,
  AppState,
  BudgetCheck,
  BudgetInput,
  BudgetVsActual,
  GrantApplication,
  GrantApplicationChoice,
  GrantApplicationId,
  GrantApplicationInput,
  GrantApplicationSummary,
  GrantDeadline,
  GrantExpenseId,
  GrantExpenseInput,
  GrantProgram,
  GrantProgramId,
  GrantProgramInput,
  GrantTransition,
  Settlement,
  SettlementInput,
  HomeSummary,
  SearchResults,
  HandoverInfo,
  OpenDataExport,
  OpenDataFormat,
  BackupEntry,
  BackupInfo,
  Encoding,
  ExportEncoding,
  ExportFormat,
  ExportScope,
  ImportPreview,
  ImportSummary,
  OnDuplicate,
  RosterField,
  SavedExport,
  CarryChoice,
  DuesOverview,
  DuesPayment,
  DuesPaymentInput,
  DuesRate,
  DuesRow,
  OfficerTerm,
  OfficerTermId,
  OfficerTermInput,
  Partner,
  PartnerId,
  PartnerInput,
  PersonHit,
  AuditEntry,
  Block,
  BlockId,
  BlockInput,
  Household,
  HouseholdCounts,
  HouseholdId,
  HouseholdInput,
  LeaveReason,
  MemberPage,
  MemberQuery,
  CouncilProfileInput,
  ErrorCode,
  ErrorPayload,
  SettingsPatch,
  Text,
} from './bindings';

export type * from './bindings';
export type * from './submit-bindings';

/** An error from the backend, with the code the UI acts on. */
export class BackendError extends Error {
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message.en);
    this.name = 'BackendError';
    this.payload = payload;
  }

  get code(): ErrorCode {
    return this.payload.code;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    typeof (value as { message: unknown }).message === 'object'
  );
}

/** Turns whatever an invoke rejected with into a `BackendError`. */
export function toBackendError(reason: unknown): BackendError {
  if (reason instanceof BackendError) return reason;
  if (isPayload(reason)) return new BackendError({ ...reason, problems: reason.problems ?? [] });
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new BackendError({
    code: 'storage',
    message: {
      ja: `アプリの内部でエラーが起きました（${detail}）。アプリを再起動してください。`,
      en: `Something went wrong inside the app (${detail}). Restart the app.`,
    },
    problems: [],
  });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toBackendError(reason);
  }
}

/** The backend's commands. */
export const backend = {
  appState: () => call<AppState>('app_state'),
  setUpCouncil: (input: CouncilProfileInput) => call<AppState>('set_up_council', { input }),
  setUpDemo: () => call<AppState>('set_up_demo'),
  updateCouncil: (input: CouncilProfileInput) => call<AppState>('update_council', { input }),
  updateSettings: (patch: SettingsPatch) => call<AppState>('update_settings', { patch }),
  home: () => call<HomeSummary>('home'),
  recentChanges: (limit: number) => call<AuditEntry[]>('recent_changes', { limit }),
  history: (entity: string, id: string) => call<AuditEntry[]>('history', { entity, id }),

  blocks: () => call<Block[]>('blocks'),
  createBlock: (input: BlockInput) => call<Block[]>('create_block', { input }),
  updateBlock: (id: BlockId, input: BlockInput) => call<Block[]>('update_block', { id, input }),
  members: (query: MemberQuery) => call<MemberPage>('members', { query }),
  household: (id: HouseholdId) => call<Household>('household', { id }),
  createHousehold: (input: HouseholdInput) => call<Household>('create_household', { input }),
  updateHousehold: (id: HouseholdId, input: HouseholdInput) => call<Household>('update_household', { id, input }),
  moveHousehold: (id: HouseholdId, block: BlockId | null, fromDate: string) =>
    call<Household>('move_household', { id, block, fromDate }),
  leaveHousehold: (id: HouseholdId, leftOn: string, reason: LeaveReason) =>
    call<Household>('leave_household', { id, leftOn, reason }),
  householdCounts: (asOf: string | null) => call<HouseholdCounts>('household_counts', { asOf }),
  findPersons: (text: string) => call<PersonHit[]>('find_persons', { text }),
  search: (text: string) => call<SearchResults>('search', { text }),

  officers: (fiscalYear: number | null) => call<OfficerTerm[]>('officers', { fiscalYear }),
  createOfficer: (input: OfficerTermInput, fiscalYear: number | null) =>
    call<OfficerTerm[]>('create_officer', { input, fiscalYear }),
  deleteOfficer: (id: OfficerTermId, fiscalYear: number | null) =>
    call<OfficerTerm[]>('delete_officer', { id, fiscalYear }),
  carryOfficers: (fromYear: number, choices: CarryChoice[]) =>
    call<OfficerTerm[]>('carry_officers', { fromYear, choices }),

  partners: () => call<Partner[]>('partners'),
  createPartner: (input: PartnerInput) => call<Partner[]>('create_partner', { input }),
  updatePartner: (id: PartnerId, input: PartnerInput) => call<Partner[]>('update_partner', { id, input }),

  duesOverview: (fiscalYear: number | null) => call<DuesOverview>('dues_overview', { fiscalYear }),
  duesRows: (fiscalYear: number | null, block: string | null, onlyUnpaid: boolean) =>
    call<DuesRow[]>('dues_rows', { fiscalYear, block, onlyUnpaid }),
  setDuesRate: (rate: DuesRate) => call<DuesOverview>('set_dues_rate', { rate }),
  setDuesAdjustment: (household: HouseholdId, fiscalYear: number, amount: number | null, reason: string) =>
    call<DuesRow[]>('set_dues_adjustment', { household, fiscalYear, amount, reason }),
  recordDuesPayment: (input: DuesPaymentInput) => call<DuesPayment[]>('record_dues_payment', { input }),
  duesPayments: (household: HouseholdId, fiscalYear: number) =>
    call<DuesPayment[]>('dues_payments', { household, fiscalYear }),

  previewRosterImport: (bytes: number[], fileName: string, encoding: Encoding, mapping: RosterField[] | null) =>
    call<ImportPreview>('preview_roster_import', { bytes, fileName, encoding, mapping }),
  importRoster: (
    bytes: number[],
    fileName: string,
    encoding: Encoding,
    mapping: RosterField[] | null,
    onDuplicate: OnDuplicate,
  ) => call<ImportSummary>('import_roster', { bytes, fileName, encoding, mapping, onDuplicate }),
  deleteHousehold: (id: HouseholdId) => call<AuditEntry[]>('delete_household', { id }),
  /** Brings back a deleted household or officer's term from its history entry. */
  restoreHousehold: (seq: number) => call<null>('restore_household', { seq }),
  deletedHouseholds: () => call<AuditEntry[]>('deleted_households'),

  backups: () => call<BackupEntry[]>('backups'),
  backupNow: () => call<BackupEntry>('backup_now'),
  /** Saves a backup where the user chooses; `null` when the dialog is cancelled. */
  saveBackup: () => call<BackupEntry | null>('save_backup'),
  /** Asks for a backup file and previews it; `null` when the dialog is cancelled. */
  chooseBackup: () => call<BackupInfo | null>('choose_backup'),
  inspectBackup: (path: string) => call<BackupInfo>('inspect_backup', { path }),
  restoreBackup: (path: string) => call<AppState>('restore_backup', { path }),

  pickHandoverFile: () => call<string | null>('pick_handover_file'),
  inspectHandover: (path: string, passphrase: string | null) =>
    call<HandoverInfo>('inspect_handover', { path, passphrase }),
  importHandover: (path: string, passphrase: string | null) =>
    call<AppState>('import_handover', { path, passphrase }),
  /** Writes a hand-over file where the user chooses; `null` when the dialog is cancelled. */
  exportHandover: (passphrase: string | null) => call<HandoverInfo | null>('export_handover', { passphrase }),
  /** Exports every table; `null` when the dialog is cancelled. */
  exportAll: (format: OpenDataFormat) => call<OpenDataExport | null>('export_all', { format }),

  /** Exports the roster and asks where to save it; `null` when the user cancels the dialog. */
  exportRoster: (format: ExportFormat, encoding: ExportEncoding, scope: ExportScope) =>
    call<SavedExport | null>('export_roster', { format, encoding, scope }),
  /** Asks for the council's template folder (native dialog); `null` if cancelled. */
  chooseTemplateFolder: () => call<AppState | null>('choose_template_folder'),
  previewDocument: (request: DocumentRequest) => call<DocumentPreview>('preview_document', { request }),
  /** Asks where to save the PDF (native dialog); `null` if cancelled. */
  saveDocument: (request: DocumentRequest) => call<string | null>('save_document', { request }),
  printDocument: (request: DocumentRequest) => call<PrintedDocument>('print_document', { request }),

  events: (fiscalYear: number | null) => call<Event[]>('events', { fiscalYear }),
  upcomingEvents: (limit: number) => call<Event[]>('upcoming_events', { limit }),
  event: (id: EventId) => call<Event>('event', { id }),
  createEvent: (input: EventInput) => call<Event>('create_event', { input }),
  updateEvent: (id: EventId, input: EventInput) => call<Event>('update_event', { id, input }),
  /** Deletes an event; returns the history entry that brings it back. */
  deleteEvent: (id: EventId) => call<number>('delete_event', { id }),
  restoreEvent: (seq: number) => call<Event>('restore_event', { seq }),
  addEventPhoto: (id: EventId, name: string, bytes: number[]) => call<Event>('add_event_photo', { id, name, bytes }),
  removeEventPhoto: (id: EventId, photo: AttachmentId) => call<Event>('remove_event_photo', { id, photo }),
  /** A photo's bytes (sent raw, not as JSON). */
  eventPhoto: (id: AttachmentId) => call<ArrayBuffer>('event_photo', { id }),
  /** Exports the year's events as an .ics file; `null` when the dialog is cancelled. */
  exportEventsIcs: (fiscalYear: number | null) => call<SavedExport | null>('export_events_ics', { fiscalYear }),
  actionChoices: () => call<ActionChoice[]>('action_choices'),

  plans: () => call<PlanSummary[]>('plans'),
  /** A plan version; `null` asks for the current plan (and returns `null` before one exists). */
  plan: (id: PlanId | null) => call<Plan | null>('plan', { id }),
  createPlan: (input: PlanInput) => call<Plan>('create_plan', { input }),
  updatePlan: (id: PlanId, input: PlanInput) => call<Plan>('update_plan', { id, input }),
  createPolicy: (plan: PlanId, input: PolicyInput) => call<Plan>('create_policy', { plan, input }),
  updatePolicy: (id: PolicyId, input: PolicyInput) => call<Plan>('update_policy', { id, input }),
  createMeasure: (policy: PolicyId, input: MeasureInput) => call<Plan>('create_measure', { policy, input }),
  updateMeasure: (id: MeasureId, input: MeasureInput) => call<Plan>('update_measure', { id, input }),
  createAction: (measure: MeasureId, input: ActionInput) => call<Plan>('create_action', { measure, input }),
  updateAction: (id: ActionId, input: ActionInput) => call<Plan>('update_action', { id, input }),
  createIndicator: (owner: IndicatorOwner, input: IndicatorInput) => call<Plan>('create_indicator', { owner, input }),
  updateIndicator: (id: IndicatorId, input: IndicatorInput) => call<Plan>('update_indicator', { id, input }),
  setIndicatorActual: (id: IndicatorId, fiscalYear: number, value: number | null) =>
    call<Plan>('set_indicator_actual', { id, fiscalYear, value }),
  deletePlanNode: (kind: PlanNode, id: string) => call<Plan>('delete_plan_node', { kind, id }),
  revisePlan: (id: PlanId, note: string) => call<Plan>('revise_plan', { id, note }),
  planReview: (id: PlanId, fiscalYear: number | null) => call<Review>('plan_review', { id, fiscalYear }),
  setActionReview: (id: ActionId, fiscalYear: number, status: ActionStatus, comment: string) =>
    call<Review>('set_action_review', { id, fiscalYear, status, comment }),
  /** Exports a plan version as .xlsx; `null` when the dialog is cancelled. */
  exportPlanXlsx: (id: PlanId) => call<SavedExport | null>('export_plan_xlsx', { id }),
  previewPlanImport: (bytes: number[], fileName: string) =>
    call<PlanImportPreview>('preview_plan_import', { bytes, fileName }),
  importPlan: (bytes: number[], fileName: string) => call<Plan>('import_plan', { bytes, fileName }),

  meetings: (query: MeetingQuery) => call<MeetingList>('meetings', { query }),
  meeting: (id: MeetingId) => call<Meeting>('meeting', { id }),
  createMeeting: (input: MeetingInput) => call<Meeting>('create_meeting', { input }),
  updateMeeting: (id: MeetingId, input: MeetingInput) => call<Meeting>('update_meeting', { id, input }),
  addAgendaItem: (meeting: MeetingId, input: AgendaItemInput) => call<Meeting>('add_agenda_item', { meeting, input }),
  updateAgendaItem: (id: AgendaItemId, input: AgendaItemInput) => call<Meeting>('update_agenda_item', { id, input }),
  removeAgendaItem: (id: AgendaItemId) => call<Meeting>('remove_agenda_item', { id }),
  /** Moves an agenda line to position `to` (1-based). */
  moveAgendaItem: (id: AgendaItemId, to: number) => call<Meeting>('move_agenda_item', { id, to }),
  attachPaper: (id: AgendaItemId, fileName: string, bytes: number[]) =>
    call<Meeting>('attach_paper', { id, fileName, bytes }),
  recordAttendance: (meeting: MeetingId, lines: AttendanceInput[]) =>
    call<Meeting>('record_attendance', { meeting, lines }),
  recordMotionResult: (id: AgendaItemId, input: MotionResultInput) =>
    call<Meeting>('record_motion_result', { id, input }),
  quorumRule: () => call<QuorumRule>('quorum_rule'),
  setQuorumRule: (rule: QuorumRule) => call<QuorumRule>('set_quorum_rule', { rule }),
  startMinutes: (meeting: MeetingId) => call<Minutes>('start_minutes', { meeting }),
  minutes: (id: MinutesId) => call<Minutes>('minutes', { id }),
  updateMinutes: (id: MinutesId, input: MinutesInput) => call<Minutes>('update_minutes', { id, input }),
  advanceMinutes: (id: MinutesId, to: MinutesStatus) => call<Minutes>('advance_minutes', { id, to }),
  amendMinutes: (id: MinutesId) => call<Minutes>('amend_minutes', { id }),
  actionItems: (onlyOpen: boolean) => call<ActionItem[]>('action_items', { onlyOpen }),
  createActionItem: (input: ActionItemInput) => call<ActionItem[]>('create_action_item', { input }),
  setActionStatus: (id: ActionItemId, status: ActionItemStatus) => call<ActionItem[]>('set_action_status', { id, status }),

  grantPrograms: (fiscalYear: number | null) => call<GrantProgram[]>('grant_programs', { fiscalYear }),
  grantProgram: (id: GrantProgramId) => call<GrantProgram>('grant_program', { id }),
  createGrantProgram: (input: GrantProgramInput) => call<GrantProgram>('create_grant_program', { input }),
  updateGrantProgram: (id: GrantProgramId, input: GrantProgramInput) =>
    call<GrantProgram>('update_grant_program', { id, input }),
  deleteGrantProgram: (id: GrantProgramId) => call<null>('delete_grant_program', { id }),
  grantApplications: (fiscalYear: number | null) =>
    call<GrantApplicationSummary[]>('grant_applications', { fiscalYear }),
  grantApplication: (id: GrantApplicationId) => call<GrantApplication>('grant_application', { id }),
  createGrantApplication: (input: GrantApplicationInput) =>
    call<GrantApplication>('create_grant_application', { input }),
  updateGrantApplication: (id: GrantApplicationId, input: GrantApplicationInput) =>
    call<GrantApplication>('update_grant_application', { id, input }),
  deleteGrantApplication: (id: GrantApplicationId) => call<null>('delete_grant_application', { id }),
  grantApplicationChoices: () => call<GrantApplicationChoice[]>('grant_application_choices'),
  linkEventToGrant: (event: EventId, grant: GrantApplicationId | null) =>
    call<Event>('link_event_to_grant', { event, grant }),
  saveGrantBudget: (id: GrantApplicationId, input: BudgetInput) =>
    call<GrantApplication>('save_grant_budget', { id, input }),
  /** Checks a budget as the form holds it (nothing is saved). */
  checkGrantBudget: (id: GrantApplicationId, input: BudgetInput | null) =>
    call<BudgetCheck>('check_grant_budget', { id, input }),
  discardGrantChange: (id: GrantApplicationId) => call<GrantApplication>('discard_grant_change', { id }),
  transitionGrant: (id: GrantApplicationId, step: GrantTransition) =>
    call<GrantApplication>('transition_grant', { id, step }),
  recordGrantAdvance: (id: GrantApplicationId, on: string, amount: number) =>
    call<GrantApplication>('record_grant_advance', { id, on, amount }),
  addGrantExpense: (id: GrantApplicationId, input: GrantExpenseInput, fileName: string | null, bytes: number[] | null) =>
    call<GrantApplication>('add_grant_expense', { id, input, fileName, bytes }),
  updateGrantExpense: (
    id: GrantExpenseId,
    input: GrantExpenseInput,
    fileName: string | null,
    bytes: number[] | null,
    removeReceipt: boolean,
  ) => call<GrantApplication>('update_grant_expense', { id, input, fileName, bytes, removeReceipt }),
  deleteGrantExpense: (id: GrantExpenseId) => call<GrantApplication>('delete_grant_expense', { id }),
  /** A receipt file's bytes (sent raw). */
  grantReceipt: (id: GrantExpenseId) => call<ArrayBuffer>('grant_receipt', { id }),
  saveGrantReceipt: (id: GrantExpenseId) => call<string | null>('save_grant_receipt', { id }),
  /** The whole application as an Excel workbook, saved where the user chooses (null: cancelled). */
  exportGrantXlsx: (id: GrantApplicationId) => call<string | null>('export_grant_xlsx', { id }),
  grantBudgetVsActual: (id: GrantApplicationId) => call<BudgetVsActual>('grant_budget_vs_actual', { id }),
  grantSettlement: (id: GrantApplicationId) => call<Settlement>('grant_settlement', { id }),
  saveGrantSettlement: (id: GrantApplicationId, input: SettlementInput) =>
    call<Settlement>('save_grant_settlement', { id, input }),
  grantDeadlines: () => call<GrantDeadline[]>('grant_deadlines'),

  submissionPurposes: () => call<PurposeInfo[]>('submission_purposes'),
  submissionChecklist: (request: PackageRequest) => call<Checklist>('submission_checklist', { request }),
  /** Builds a package and puts it in the outbox; refused (validation, one problem per missing item)
   * when incomplete. */
  buildSubmission: (request: PackageRequest) => call<OutboxEntry>('build_submission', { request }),
  outboxEntries: () => call<OutboxEntry[]>('outbox_entries'),
  sendOutboxNow: () => call<SendReport[]>('send_outbox_now'),
  /** Saves a package to a folder chosen in the native dialog; `null` when cancelled. */
  saveOutboxPackage: (id: string) => call<OutboxEntry | null>('save_outbox_package', { id }),
  sendOutboxAgain: (id: string) => call<OutboxEntry>('send_outbox_again', { id }),
  councilPublicKey: () => call<PublicKeyInfo>('council_public_key'),
  submissionDestination: () => call<DestinationStatus>('submission_destination'),
  setSubmissionDestination: (url: string, user: string, password: string) =>
    call<DestinationStatus>('set_submission_destination', { url, user, password }),
  testSubmissionDestination: () => call<Text>('test_submission_destination'),
};

/** Calls `handler` with every change of the outbox and the upload's progress, as the background
 * delivery reports them; returns the function that stops listening. */
export function onOutboxEvent(handler: (event: OutboxEvent) => void): Promise<UnlistenFn> {
  return listen<OutboxEvent>('outbox', (e) => handler(e.payload));
}
