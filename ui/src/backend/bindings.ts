// Generated from the command list in crates/council-api (ts-rs). Do not edit by hand:
// run `make bindings` after changing a command or a type that crosses the IPC boundary.

/** The largest file an import reads (council-io's limits); the window refuses a larger one before sending it. */
export const MAX_IMPORT_BYTES = 33554432;

export type Account = { 
/**
 * ID.
 */
id: AccountId, 
/**
 * Its name (一般会計, 祭礼会計…).
 */
name: string, 
/**
 * General or special.
 */
kind: AccountKind, 
/**
 * Its chart of 科目: 款 in order, each followed by its 項.
 */
categories: Array<Category>, 
/**
 * Its books: cash first.
 */
books: Array<Book>, 
/**
 * How dues payments appear in the cash book (the general account's only).
 */
dues_posting: DuesPosting, 
/**
 * The last day of the latest month closed (月次締め), if any.
 */
closed_through: string | null, };

export type AccountId = string;

export type AccountKind = "general" | "special";

export type Action = { 
/**
 * ID.
 */
id: ActionId, 
/**
 * Its ID in the plan's first version (the same in every revision).
 */
lineage: string, 
/**
 * Number within its measure.
 */
number: number, 
/**
 * `1-①-2`: policy, measure, action.
 */
code: string, 
/**
 * Name.
 */
name: string, 
/**
 * 事業内容.
 */
content: string, 
/**
 * 主な実施内容.
 */
main_activities: string, 
/**
 * 主体 (市民・地域・行政・教育機関・企業 …).
 */
responsible: string, 
/**
 * Status.
 */
status: ActionStatus, 
/**
 * Partners.
 */
partners: Array<PartnerRef>, 
/**
 * When it runs.
 */
schedule: Array<ScheduleSlot>, 
/**
 * Its indicators.
 */
indicators: Array<Indicator>, };

export type ActionChoice = { 
/**
 * ID.
 */
id: ActionId, 
/**
 * `1-①-2 防災訓練の実施`.
 */
label: string, };

export type ActionId = string;

export type ActionInput = { 
/**
 * Number; the next free one when empty.
 */
number: number | null, 
/**
 * Name.
 */
name: string, 
/**
 * 事業内容.
 */
content: string, 
/**
 * 主な実施内容.
 */
main_activities: string, 
/**
 * 主体.
 */
responsible: string, 
/**
 * Status.
 */
status: ActionStatus, 
/**
 * Partners.
 */
partner_ids: Array<PartnerId>, 
/**
 * When it runs.
 */
schedule: Array<ScheduleSlot>, };

export type ActionItem = { 
/**
 * ID.
 */
id: ActionItemId, 
/**
 * The meeting.
 */
meeting_id: MeetingId, 
/**
 * Its title.
 */
meeting_title: string, 
/**
 * The agenda line it came from.
 */
agenda_item_id: AgendaItemId | null, 
/**
 * That line's title.
 */
agenda_title: string | null, 
/**
 * What to do.
 */
title: string, 
/**
 * Who does it.
 */
owner: string, 
/**
 * By when.
 */
due_on: string | null, 
/**
 * The due date as shown.
 */
due_text: Text | null, 
/**
 * State.
 */
status: ActionItemStatus, 
/**
 * Open and past its due date (as of today).
 */
overdue: boolean, };

export type ActionItemId = string;

export type ActionItemInput = { 
/**
 * The meeting.
 */
meeting_id: MeetingId, 
/**
 * The agenda line (optional).
 */
agenda_item_id: AgendaItemId | null, 
/**
 * What to do.
 */
title: string, 
/**
 * Who does it.
 */
owner: string, 
/**
 * By when.
 */
due_on: string | null, };

export type ActionItemStatus = "open" | "done" | "dropped";

export type ActionStatus = "not_started" | "in_progress" | "done" | "paused";

export type Actual = { 
/**
 * Fiscal year.
 */
fiscal_year: number, 
/**
 * Value.
 */
value: number, };

export type ActualSource = "estimate" | "final" | "expenses" | "books" | "remainder" | "entered" | "missing";

export type AgendaItem = { 
/**
 * ID.
 */
id: AgendaItemId, 
/**
 * Its place in the agenda (1, 2, …).
 */
position: number, 
/**
 * Topic or motion.
 */
kind: AgendaKind, 
/**
 * For a motion, its number (1 for 第1号議案), following the agenda order.
 */
number: number | null, 
/**
 * 第1号議案 for a motion; 報告1 … for a topic.
 */
number_text: string, 
/**
 * Title (令和7年度事業報告について).
 */
title: string, 
/**
 * Who presents it.
 */
presenter: string, 
/**
 * Planned minutes.
 */
planned_minutes: number | null, 
/**
 * The proposal text (motions).
 */
proposal: string, 
/**
 * The majority a motion needs.
 */
majority: Majority, 
/**
 * A motion's result.
 */
result: MotionResult, 
/**
 * Votes for (where counted).
 */
votes_for: number | null, 
/**
 * Votes against.
 */
votes_against: number | null, 
/**
 * Abstentions.
 */
votes_abstain: number | null, 
/**
 * Attached papers.
 */
papers: Array<Paper>, 
/**
 * For a motion that changes the bylaws: its 新旧対照表, article by article.
 */
comparison: Array<ComparisonRow>, };

export type AgendaItemId = string;

export type AgendaItemInput = { 
/**
 * Topic or motion.
 */
kind: AgendaKind, 
/**
 * Title.
 */
title: string, 
/**
 * Presenter.
 */
presenter: string, 
/**
 * Planned minutes.
 */
planned_minutes: number | null, 
/**
 * Proposal text (motions).
 */
proposal: string, 
/**
 * Majority needed (motions).
 */
majority: Majority, };

export type AgendaKind = "topic" | "motion";

export type AppState = { 
/**
 * The council, or none before the first-start screen has been completed.
 */
council: CouncilProfile | null, 
/**
 * Preferences.
 */
settings: Settings, 
/**
 * The current fiscal year (with the council's start month, or April before set-up).
 */
fiscal_year: FiscalYearInfo, 
/**
 * The fiscal years screens offer to choose from: next, current, and the three before, newest first.
 */
fiscal_years: Array<FiscalYearInfo>, 
/**
 * Today's date in Japan.
 */
today: string, 
/**
 * Today as the UI shows it, in both languages.
 */
today_text: Text, 
/**
 * The data folder.
 */
data_folder: string, 
/**
 * How the data folder was decided: the usual one, one chosen in Settings, or fixed by how the app
 * was started (then Settings offers no other).
 */
folder_source: FolderSource, 
/**
 * The folder chosen in Settings was not there at the start, so the usual one is open: what to do.
 */
folder_note: Text | null, 
/**
 * The database file inside it.
 */
database_file: string, 
/**
 * The app's version.
 */
app_version: string, 
/**
 * Today's automatic backup could not be taken (a full disk, the folder gone), with what to do;
 * gone once a backup has been taken today.
 */
backup_failure: Text | null, };

export type Area = "roster" | "dues" | "accounts" | "audit" | "meetings" | "events" | "plan" | "grants";

export type Asset = { 
/**
 * ID.
 */
id: AssetId, 
/**
 * Its details.
 */
input: AssetInput, 
/**
 * The day it was disposed of, if it was.
 */
disposed_on: string | null, };

export type AssetId = string;

export type AssetInput = { 
/**
 * What it is (テント（3間×2間）).
 */
name: string, 
/**
 * How many.
 */
quantity: number, 
/**
 * Where it is kept (集会所倉庫).
 */
location: string, 
/**
 * When it was bought.
 */
acquired_on: string | null, 
/**
 * What it cost, in yen (0 when given or unknown).
 */
value: number, 
/**
 * Notes.
 */
notes: string, };

export type Attachment = { 
/**
 * ID.
 */
id: AttachmentId, 
/**
 * The file's name as it was chosen (shown, and used when the file is saved out again).
 */
name: string, 
/**
 * Its media type (`image/jpeg`).
 */
mime: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * SHA-256 of its content (hex): also its file name in `attachments/`.
 */
sha256: string, };

export type AttachmentId = string;

export type Attendance = "unrecorded" | "present" | "proxy" | "written_vote" | "absent";

export type AttendanceInput = { 
/**
 * The invitee's line.
 */
seq: number, 
/**
 * How they attended.
 */
attendance: Attendance, 
/**
 * For a proxy: who holds it.
 */
proxy_holder: string, };

export type Audit = { 
/**
 * The day of the audit.
 */
audited_on: string, 
/**
 * The auditors' names, as they sign.
 */
auditors: Array<string>, 
/**
 * Their finding (監査意見).
 */
finding: string, };

export type AuditAction = "create" | "update" | "delete" | "restore";

export type AuditChecklist = { 
/**
 * The account.
 */
account_id: AccountId, 
/**
 * Its name.
 */
account_name: string, 
/**
 * The year.
 */
fiscal_year: FiscalYear, 
/**
 * Each book at the year's end against the passbook or the cash counted.
 */
balances: Array<BalanceCheck>, 
/**
 * Expenses without a receipt kept.
 */
without_receipt: Array<UnsupportedExpense>, 
/**
 * The settlement's 次年度繰越金.
 */
settlement_carry_over: number, 
/**
 * The books' balances at the year's end, added.
 */
books_total: number, 
/**
 * True when the settlement equals the books.
 */
settlement_matches: boolean, 
/**
 * The audit, once recorded.
 */
audit: Audit | null, 
/**
 * The officers with the role 監事 in that year (to fill the names).
 */
auditors_on_record: Array<string>, 
/**
 * True when the year has ended.
 */
year_ended: boolean, 
/**
 * True when the year is closed.
 */
closed: boolean, 
/**
 * What stands between the year and its closing (empty when it can close).
 */
blocking: Array<Text>, };

export type AuditEntry = { 
/**
 * Order of recording on this database.
 */
seq: number, 
/**
 * When (UTC, RFC 3339).
 */
at: string, 
/**
 * The operator's name.
 */
actor: string, 
/**
 * The aggregate.
 */
entity: string, 
/**
 * The record's ID.
 */
entity_id: string, 
/**
 * What happened.
 */
action: AuditAction, 
/**
 * One readable line, as recorded (in Japanese).
 */
summary: string, 
/**
 * The line in English, for a window in English: what was done to which record, named from the
 * record itself (the Japanese line may say more; the fields changed are listed beside it).
 */
summary_en: string, 
/**
 * The record before, as JSON text.
 */
before: string | null, 
/**
 * The record after, as JSON text.
 */
after: string | null, 
/**
 * The fields the change altered, each from → to, in the words of the forms.
 */
changes: Array<FieldChange>, };

export type BackupEntry = { 
/**
 * The file's name (`council-20261123T030000Z-daily.sqlite3`).
 */
file_name: string, 
/**
 * The file's full path, to pass back to `inspect_backup` or `restore`.
 */
path: string, 
/**
 * When it was taken (UTC).
 */
created_at: string, 
/**
 * Why it was taken.
 */
reason: BackupReason, 
/**
 * Its size in bytes.
 */
size_bytes: number, };

export type BackupInfo = { 
/**
 * The file's name.
 */
file_name: string, 
/**
 * The file's full path.
 */
path: string, 
/**
 * The council the data belongs to.
 */
council_name: string, 
/**
 * True for the demo council.
 */
is_demo: boolean, 
/**
 * When it was taken (UTC); for a file not made by a backup, when it was last modified.
 */
created_at: string, 
/**
 * `created_at` in Japan time, in both languages.
 */
created_at_text: Text, 
/**
 * Why it was taken, when the file says so.
 */
reason: BackupReason | null, 
/**
 * The app version that took it, when the file says so.
 */
app_version: string | null, 
/**
 * The schema version of the data inside.
 */
schema_version: number, 
/**
 * Record counts, the same as `council info` shows.
 */
counts: Array<RecordCount>, 
/**
 * How many attached files it holds.
 */
attachments: number, 
/**
 * Its size in bytes.
 */
size_bytes: number, };

export type BackupReason = "daily" | "manual" | "before_restore" | "before_migration" | "before_import" | "before_bulk_change";

export type BalanceCheck = { 
/**
 * The book.
 */
book_id: BookId, 
/**
 * Its name.
 */
book_name: string, 
/**
 * Cash or bank.
 */
kind: BookKind, 
/**
 * What the book says at the year's end.
 */
book_balance: number, 
/**
 * What the passbook says (or the cash counted), once typed in.
 */
counted: number | null, 
/**
 * The day it was checked.
 */
checked_on: string | null, 
/**
 * True when checked and equal.
 */
matches: boolean, };

export type BankAccount = { 
/**
 * 金融機関名 (みどり信用金庫).
 */
bank: string, 
/**
 * 支店名 (さくら台支店).
 */
branch: string, 
/**
 * 普通 or 当座.
 */
kind: BankAccountKind, 
/**
 * 口座番号 (7 digits).
 */
number: string, 
/**
 * 口座名義 in katakana, as the bank writes it (サクラダイジチカイ カイチヨウ ヤマダ タロウ).
 */
holder_kana: string, 
/**
 * 口座名義 (さくら台自治会 会長 山田 太郎).
 */
holder: string, };

export type BankAccountKind = "ordinary" | "current";

export type Block = { 
/**
 * ID.
 */
id: BlockId, 
/**
 * Name (1班, 東2組).
 */
name: string, 
/**
 * Position in lists (blocks are listed in the council's own order, not alphabetically).
 */
sort_order: number, 
/**
 * Notes.
 */
notes: string, 
/**
 * Member households in the block now.
 */
household_count: number, };

export type BlockCount = { 
/**
 * The block (none for households not in a block).
 */
block_id: BlockId | null, 
/**
 * Its name (「班なし」 for none).
 */
block_name: string, 
/**
 * Member households on the date.
 */
households: number, };

export type BlockId = string;

export type BlockInput = { 
/**
 * Name.
 */
name: string, 
/**
 * Notes.
 */
notes: string, };

export type Book = { 
/**
 * ID.
 */
id: BookId, 
/**
 * The account it belongs to.
 */
account_id: AccountId, 
/**
 * Cash or bank.
 */
kind: BookKind, 
/**
 * Its name (現金, みどり信用金庫 普通預金…).
 */
name: string, };

export type BookId = string;

export type BookKind = "cash" | "bank";

export type BookLine = { 
/**
 * The entry's ID (for a dues payment, the payment's).
 */
id: string, 
/**
 * Where it comes from.
 */
source: LineSource, 
/**
 * The day.
 */
date: string, 
/**
 * 伝票番号 (none for a dues payment).
 */
voucher_no: number | null, 
/**
 * The 科目's name (none for a transfer).
 */
category: string | null, 
/**
 * The 科目.
 */
category_id: CategoryId | null, 
/**
 * 摘要.
 */
description: string, 
/**
 * In.
 */
amount_in: number, 
/**
 * Out.
 */
amount_out: number, 
/**
 * The balance after this line.
 */
balance: number, 
/**
 * Who paid or was paid.
 */
counterparty: string, 
/**
 * The receipt (領収書) kept in the data folder, if any.
 */
receipt: Attachment | null, 
/**
 * True for one half of a transfer.
 */
transfer: boolean, 
/**
 * The entry this one reverses, if it is a reversal.
 */
reverses: string | null, 
/**
 * True when a later entry reverses this one.
 */
reversed: boolean, 
/**
 * The grant project this income is booked for, if any (its settlement takes it from here).
 */
project: ProjectIncome | null, };

export type BookYear = { 
/**
 * The book.
 */
book: Book, 
/**
 * The fiscal year.
 */
fiscal_year: FiscalYear, 
/**
 * The balance when the year began (前年度からの繰越).
 */
opening: number, 
/**
 * The year's lines, by date and voucher.
 */
lines: Array<BookLine>, 
/**
 * Total in.
 */
total_in: number, 
/**
 * Total out.
 */
total_out: number, 
/**
 * The balance at the year's end (or now, for the year under way).
 */
closing: number, 
/**
 * True when the year is closed: nothing in it changes.
 */
closed: boolean, };

export type BreakdownRow = { 
/**
 * The item (軍手).
 */
item: string, 
/**
 * Unit price in yen.
 */
unit_price: number, 
/**
 * Quantity.
 */
quantity: number, 
/**
 * The unit (双, 枚, 人, 回).
 */
unit: string, 
/**
 * Yen; must equal unit price × quantity.
 */
amount: number, };

export type Budget = { 
/**
 * ID.
 */
id: BudgetId, 
/**
 * The account.
 */
account_id: AccountId, 
/**
 * The fiscal year.
 */
fiscal_year: FiscalYear, 
/**
 * 1 for the budget, 2… for each 補正予算.
 */
version: number, 
/**
 * When the meeting approved it (`None`: still a proposal).
 */
approved_on: string | null, 
/**
 * The lines.
 */
lines: Array<BudgetLine>, 
/**
 * Income in all.
 */
income: number, 
/**
 * Expenses in all.
 */
expense: number, };

export type BudgetCheck = { 
/**
 * The version checked (none: the application has no budget yet).
 */
version: number | null, 
/**
 * Total income.
 */
income_total: number, 
/**
 * Total expenses.
 */
expense_total: number, 
/**
 * The grant's income lines.
 */
grant: number, 
/**
 * What the grant line must equal (the amount applied for, or granted for a change).
 */
reference_amount: number, 
/**
 * Expenses charged to the grant in eligible categories.
 */
eligible_grant_expenses: number, 
/**
 * `floor(rate × eligible_grant_expenses)`.
 */
rate_cap: number, 
/**
 * The program's maximum.
 */
max_amount: number | null, 
/**
 * Every problem; empty when the budget can be handed in.
 */
problems: Array<BudgetProblem>, };

export type BudgetId = string;

export type BudgetInput = { 
/**
 * Income lines.
 */
income: Array<IncomeLine>, 
/**
 * Expense lines.
 */
expenses: Array<ExpenseLine>, };

export type BudgetLine = { 
/**
 * The 科目 (a 款, or a 項 under one).
 */
category_id: CategoryId, 
/**
 * 予算額.
 */
amount: number, 
/**
 * 説明.
 */
explanation: string, };

export type BudgetProblem = { 
/**
 * The kind (the UI may group by it; it never matches on the message).
 */
kind: BudgetProblemKind, 
/**
 * Where, as the budget form names it: `totals`, `income`, `expenses.2`, `expenses.2.breakdown.0`
 * (0-based positions in the form's lists).
 */
field: string, 
/**
 * What is wrong and what to do.
 */
message: Text, };

export type BudgetProblemKind = "no_expenses" | "unbalanced" | "grant_not_as_applied" | "over_maximum" | "over_rate" | "ineligible_category" | "breakdown_sum" | "breakdown_row";

export type BudgetState = "draft" | "submitted" | "approved" | "declined";

export type BudgetTransfer = { 
/**
 * ID.
 */
id: BudgetTransferId, 
/**
 * The line the amount leaves.
 */
from_category: CategoryId, 
/**
 * Its name.
 */
from_name: string, 
/**
 * The line it goes to.
 */
to_category: CategoryId, 
/**
 * Its name.
 */
to_name: string, 
/**
 * Yen.
 */
amount: number, 
/**
 * The day it was decided.
 */
decided_on: string, 
/**
 * Why (the 役員会's decision, the overrun it covers).
 */
reason: string, 
/**
 * True when it comes from 予備費 (予備費充用); otherwise 流用.
 */
from_reserve: boolean, };

export type BudgetTransferId = string;

export type BudgetTransferInput = { 
/**
 * The line the amount leaves.
 */
from: CategoryId, 
/**
 * The line it goes to.
 */
to: CategoryId, 
/**
 * Yen.
 */
amount: number, 
/**
 * The day it was decided.
 */
decided_on: string, 
/**
 * Why.
 */
reason: string, };

export type BudgetVersion = { 
/**
 * ID.
 */
id: GrantBudgetId, 
/**
 * 1 for the budget applied with, then one more per change.
 */
version: number, 
/**
 * Where it stands.
 */
state: BudgetState, 
/**
 * The state as shown.
 */
state_label: Text, 
/**
 * For a change: why (and, if declined, why it was declined).
 */
reason: string, 
/**
 * When it was handed in.
 */
submitted_on: string | null, 
/**
 * When it was approved or declined.
 */
decided_on: string | null, 
/**
 * Income lines.
 */
income: Array<IncomeLine>, 
/**
 * Expense lines.
 */
expenses: Array<ExpenseLine>, 
/**
 * Total income.
 */
income_total: number, 
/**
 * Total expenses.
 */
expense_total: number, 
/**
 * The grant's income.
 */
grant_total: number, 
/**
 * True for the current budget (the latest approved; before the award, the latest not declined).
 */
current: boolean, 
/**
 * True for a draft (the one the budget form edits).
 */
editable: boolean, };

export type BudgetVsActual = { 
/**
 * The application.
 */
application_id: GrantApplicationId, 
/**
 * The budget version compared with (none: no budget yet).
 */
budget_version: number | null, 
/**
 * The program's change threshold (percent, either way).
 */
threshold_percent: number, 
/**
 * True once the completion date is entered: under-spending then counts against the threshold.
 */
completed: boolean, 
/**
 * One row per category budgeted or spent in, in the forms' order.
 */
rows: Array<CategoryComparison>, 
/**
 * Budgeted expenses.
 */
budget_total: number, 
/**
 * Spent.
 */
actual_total: number, 
/**
 * Spent from the grant.
 */
grant_actual: number, 
/**
 * Spent from the grant in eligible categories.
 */
eligible_grant_actual: number, 
/**
 * What the grant comes to on the spending so far: `min(granted (or applied for),
 * floor(rate × eligible_grant_actual), maximum)`.
 */
grant_estimate: number, 
/**
 * What must be done before the report (one line per category beyond the threshold).
 */
changes_needed: Array<Text>, };

export type Bytes = ArrayBuffer;

export type CarryChoice = { "kind": "keep", 
/**
 * The term carried.
 */
term_id: OfficerTermId, } | { "kind": "replace", 
/**
 * The term carried.
 */
term_id: OfficerTermId, 
/**
 * The new person.
 */
person_id: PersonId, } | { "kind": "end", 
/**
 * The term not carried.
 */
term_id: OfficerTermId, };

export type CashbookField = "date" | "month" | "day" | "category" | "description" | "income" | "expense" | "balance" | "counterparty" | "ignore";

export type CashbookFieldChoice = { 
/**
 * The field.
 */
field: CashbookField, 
/**
 * Its name.
 */
label: Text, };

export type CashbookImported = { 
/**
 * Entries written.
 */
entries: number, 
/**
 * Transfers written.
 */
transfers: number, 
/**
 * Rows left out.
 */
skipped: number, 
/**
 * What happened, in words.
 */
message: Text, };

export type CashbookOptions = { 
/**
 * The book the file is imported into.
 */
book_id: BookId, 
/**
 * The fiscal year its dates belong to (a date written as 4/12 is read in it).
 */
fiscal_year: number, 
/**
 * How a CSV file is encoded.
 */
encoding: Encoding, 
/**
 * The field of each column (guessed from the headers when absent).
 */
mapping: Array<CashbookField> | null, 
/**
 * Where each 科目 of the file goes (matched by name when absent).
 */
categories: Array<CategoryMapping>, };

export type CashbookPreview = { 
/**
 * The file's name.
 */
file_name: string, 
/**
 * The book it goes into.
 */
book_name: string, 
/**
 * The header row's number.
 */
header_row: number, 
/**
 * The header cells.
 */
headers: Array<string>, 
/**
 * The field of each column.
 */
mapping: Array<CashbookField>, 
/**
 * The fields a column can be mapped to.
 */
choices: Array<CashbookFieldChoice>, 
/**
 * Each 科目 of the file and where its rows go.
 */
categories: Array<CategoryMapping>, 
/**
 * Data rows read.
 */
rows: number, 
/**
 * Entries it would write.
 */
entries: number, 
/**
 * Transfers it would write.
 */
transfers: number, 
/**
 * Rows left out.
 */
skipped: number, 
/**
 * Money in, in all.
 */
total_in: number, 
/**
 * Money out, in all.
 */
total_out: number, 
/**
 * The problems, in row order (the first 100); the import runs only when there are none.
 */
problems: Array<RowProblem>, 
/**
 * How many more problems there are.
 */
more_problems: number, 
/**
 * Things worth knowing that are not problems.
 */
notices: Array<Text>, 
/**
 * The first rows as they will be imported.
 */
sample: Array<CashbookRow>, };

export type CashbookRow = { 
/**
 * The spreadsheet's row number.
 */
row: number, 
/**
 * The day.
 */
date: string, 
/**
 * The 科目 as written in the file.
 */
category: string, 
/**
 * Where it goes, in words (会議費, 振替: みどり信用金庫).
 */
goes_to: string, 
/**
 * 摘要.
 */
description: string, 
/**
 * In.
 */
amount_in: number, 
/**
 * Out.
 */
amount_out: number, 
/**
 * 相手先.
 */
counterparty: string, };

export type Category = { 
/**
 * ID.
 */
id: CategoryId, 
/**
 * Income or expense.
 */
side: Side, 
/**
 * The 款 it is a 項 of (`None` for a 款).
 */
parent_id: CategoryId | null, 
/**
 * Its name.
 */
name: string, 
/**
 * Whether the app fills it.
 */
role: CategoryRole, };

export type CategoryComparison = { 
/**
 * The category.
 */
category: ExpenseCategory, 
/**
 * Its name in both languages.
 */
label: Text, 
/**
 * Budgeted (the current budget version).
 */
budget: number, 
/**
 * Spent so far.
 */
actual: number, 
/**
 * Actual − budget (増減; negative when less was spent).
 */
difference: number, 
/**
 * Which way it moved.
 */
drift: Drift, 
/**
 * The move as a percentage of the budget as shown (`27%`); none when nothing was budgeted.
 */
percent_text: string | null, 
/**
 * True when the move is beyond the program's threshold, so a change application is needed before
 * the report (over-spending at any time; under-spending once the project is completed).
 */
needs_change: boolean, 
/**
 * What to do, when `needs_change`.
 */
message: Text | null, };

export type CategoryId = string;

export type CategoryMapping = { 
/**
 * The 科目 as written in the file.
 */
name: string, 
/**
 * Where its rows go.
 */
target: CategoryTarget | null, 
/**
 * How many rows carry it.
 */
rows: number, };

export type CategoryReasonInput = { 
/**
 * The category.
 */
category: ExpenseCategory, 
/**
 * The reason (増減の理由).
 */
reason: string, };

export type CategoryRole = "none" | "dues" | "carry_over" | "reserve";

export type CategoryTarget = { "kind": "category", 
/**
 * The 科目.
 */
id: CategoryId, } | { "kind": "transfer", 
/**
 * The other book.
 */
book_id: BookId, } | { "kind": "skip" };

export type Checklist = { 
/**
 * The purpose.
 */
purpose: PurposeInfo, 
/**
 * The fiscal year it covers.
 */
fiscal_year: number, 
/**
 * True when every required item is present (the package can be built).
 */
complete: boolean, 
/**
 * The checklist.
 */
items: Array<ChecklistItem>, 
/**
 * The files it will hold.
 */
files: Array<PlannedFile>, };

export type ChecklistItem = { 
/**
 * Stable key (`officers`, `events`): the field a validation error names.
 */
key: string, 
/**
 * What it is (役員の登録).
 */
label: Text, 
/**
 * Whether the package cannot be built without it.
 */
required: boolean, 
/**
 * Whether it is there.
 */
present: boolean, 
/**
 * When present, what it holds (5名); when missing, what to do (役員の画面で登録してください).
 */
detail: Text, };

export type ChosenFolder = "council" | "empty";

export type ComparisonRow = { 
/**
 * The article (第12条（総会の定足数）).
 */
article: string, 
/**
 * As it reads now (改正前).
 */
current: string, 
/**
 * As proposed (改正後).
 */
proposed: string, };

export type ConflictInfo = { 
/**
 * Its ID.
 */
id: string, 
/**
 * `field`, `deleted`, `double_entry` or `refused`.
 */
kind: string, 
/**
 * What it is about, for people.
 */
what: Text, 
/**
 * The field's name (for a field changed on two PCs).
 */
column: string, 
/**
 * The field's name for people.
 */
column_label: Text, 
/**
 * The value kept.
 */
kept?: string, 
/**
 * The other value.
 */
other?: string, 
/**
 * Who made the kept change, and when.
 */
kept_by: string, 
/**
 * When the kept change was made (UTC, RFC 3339).
 */
kept_at?: string, 
/**
 * Who made the other change.
 */
other_by: string, 
/**
 * When the other change was made.
 */
other_at?: string, 
/**
 * What happened, in words.
 */
detail: Text, 
/**
 * Whether the other value can be taken with one click.
 */
can_take_other: boolean, };

export type CouncilId = string;

export type CouncilKind = "jichikai" | "chonaikai" | "chiku_shinkokai" | "machizukuri_kyogikai" | "other";

export type CouncilProfile = { 
/**
 * The council's identity, the same on every PC.
 */
id: CouncilId, 
/**
 * Name (さくら台自治会).
 */
name: string, 
/**
 * Kind of association.
 */
kind: CouncilKind, 
/**
 * The kind's name when `kind` is `other`.
 */
kind_other: string, 
/**
 * City (市区町村).
 */
city: string, 
/**
 * District (地区).
 */
district: string, 
/**
 * Address of the council's office or meeting hall.
 */
address: string, 
/**
 * The representative's title (会長).
 */
representative_title: string, 
/**
 * The representative's name.
 */
representative_name: string, 
/**
 * The month the fiscal year starts (4 = April).
 */
fiscal_year_start_month: number, 
/**
 * True for the demo council.
 */
is_demo: boolean, 
/**
 * When the profile was created (UTC).
 */
created_at: string, 
/**
 * When it last changed (UTC).
 */
updated_at: string, };

export type CouncilProfileInput = { 
/**
 * Name.
 */
name: string, 
/**
 * Kind.
 */
kind: CouncilKind, 
/**
 * The kind's name when `kind` is `other`.
 */
kind_other: string, 
/**
 * City.
 */
city: string, 
/**
 * District.
 */
district: string, 
/**
 * Address.
 */
address: string, 
/**
 * Representative's title.
 */
representative_title: string, 
/**
 * Representative's name.
 */
representative_name: string, 
/**
 * Fiscal-year start month.
 */
fiscal_year_start_month: number, };

export type DateStyle = "wareki" | "western";

export type DeadlineKind = "application" | "report" | "claim";

export type DecisionHit = { 
/**
 * The meeting.
 */
meeting_id: MeetingId, 
/**
 * Its title.
 */
meeting_title: string, 
/**
 * Its day as shown.
 */
date_text: Text, 
/**
 * Its kind.
 */
kind: MeetingKind, 
/**
 * The agenda line.
 */
item_title: string, 
/**
 * 第1号議案 …
 */
number_text: string, 
/**
 * The motion's result (topics: pending).
 */
result: MotionResult, 
/**
 * The text around the match.
 */
excerpt: string, };

export type DeliveryState = { "state": "waiting" } | { "state": "sending" } | { "state": "delivered", 
/**
 * When.
 */
at: string, 
/**
 * Where (a URL or a path).
 */
location: string, 
/**
 * True when an earlier attempt had got it there already.
 */
already_there: boolean, } | { "state": "failed", 
/**
 * When.
 */
at: string, 
/**
 * What happened and what to do.
 */
reason: Text, } | { "state": "saved_to_folder", 
/**
 * When.
 */
at: string, 
/**
 * The file written.
 */
path: string, };

export type DestinationConfig = { "kind": "folder", 
/**
 * The folder.
 */
path: string, } | { "kind": "web_dav", 
/**
 * The folder's URL (`https://…/remote.php/dav/files/sakura/提出/`).
 */
url: string, 
/**
 * The user name.
 */
user: string, };

export type DestinationStatus = { 
/**
 * The saved destination, if any.
 */
config?: DestinationConfig, 
/**
 * Where its password comes from.
 */
password: PasswordSource, 
/**
 * Why the keyring cannot be used on this PC, with the way out; none when it works.
 */
keyring_problem?: Text, };

export type DeviceInfo = { 
/**
 * Its ID.
 */
id: string, 
/**
 * The officer using it.
 */
officer: string, 
/**
 * Their role.
 */
role: Role, 
/**
 * Whether it is this PC.
 */
this_pc: boolean, 
/**
 * Whether it was revoked.
 */
revoked: boolean, 
/**
 * Whether the roster's personal details reach it (its officer keeps the roster).
 */
roster_details: boolean, 
/**
 * When its newest record says it was made (UTC, RFC 3339), when that is more than two days
 * ahead of this PC's clock: that PC's clock is wrong (on this PC's own entry: this PC's clock
 * has gone back, or was ahead when it made them).
 */
clock_ahead?: string, };

export type Direction = "increase" | "decrease" | "maintain";

export type DocumentKind = "roster" | "officers" | "counts" | "household_report" | "representative_change" | "collection" | "receipt" | "receipts" | "labels12" | "labels24" | "envelopes" | "join_form" | "leave_form" | "event_notice" | "entry_form" | "plan_review" | "meeting_notice" | "proxy_form" | "written_vote_form" | "attendance_sheet" | "minutes" | "board_pack" | "board_pack_booklet" | "results_notice" | "vote_tally" | "grant_application" | "grant_plan" | "grant_budget" | "grant_change" | "grant_report" | "grant_results" | "grant_settlement" | "grant_claim" | "grant_receipts" | "activity_report" | "account_budget" | "account_settlement" | "cashbook" | "audit_report" | "inventory" | "account_report";

export type DocumentPreview = { 
/**
 * The document's title, as printed.
 */
title: string, 
/**
 * The suggested file name for saving it.
 */
file_name: string, 
/**
 * Each page as a `data:image/png;base64,…` address.
 */
pages: Array<string>, };

export type DocumentRequest = { 
/**
 * Which document.
 */
document: DocumentKind, 
/**
 * The record it is for (a household, a block, a meeting…), where the document needs one.
 */
record?: string, 
/**
 * The fiscal year it covers; the current one when absent.
 */
fiscal_year?: number, 
/**
 * One month of the year (1–12), for a document that can cover a month (the 出納帳).
 */
month?: number, 
/**
 * The day a document is as of (the household counts, the report to the city, the change of
 * representative); today when absent.
 */
as_of?: string, };

export type Drift = "on_budget" | "over" | "under";

export type DuesBlockSummary = { 
/**
 * Block (none: households outside any block).
 */
block_id: BlockId | null, 
/**
 * Name.
 */
block_name: string, 
/**
 * Households that owe dues.
 */
households: number, 
/**
 * Of those, not yet paid in full.
 */
unpaid_households: number, 
/**
 * Owed in total (yen).
 */
due: number, 
/**
 * Collected (yen).
 */
paid: number, };

export type DuesOverview = { 
/**
 * The fiscal year.
 */
fiscal_year: number, 
/**
 * Its rule, if set.
 */
rate: DuesRate | null, 
/**
 * By block, in block order.
 */
blocks: Array<DuesBlockSummary>, 
/**
 * Households not yet paid in full.
 */
unpaid_households: number, 
/**
 * Owed in total.
 */
due: number, 
/**
 * Collected.
 */
paid: number, };

export type DuesPayment = { 
/**
 * ID (also the receipt number's source).
 */
id: DuesPaymentId, 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * Fiscal year.
 */
fiscal_year: number, 
/**
 * Paid on.
 */
paid_on: string, 
/**
 * The same in 和暦, as the receipt prints it.
 */
paid_on_text: string, 
/**
 * Yen.
 */
amount: number, 
/**
 * Collected by.
 */
collected_by: string, 
/**
 * Notes.
 */
notes: string, 
/**
 * Its receipt's number (令和8年度 第0123号; 第2-0015号 from the second PC of a shared council);
 * empty for a payment recorded by an app too old to number it.
 */
receipt_number: string, };

export type DuesPaymentId = string;

export type DuesPaymentInput = { 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * For which fiscal year.
 */
fiscal_year: number, 
/**
 * When it was paid.
 */
paid_on: string, 
/**
 * Yen.
 */
amount: number, 
/**
 * Who collected it (the block leader's name).
 */
collected_by: string, 
/**
 * Notes.
 */
notes: string, };

export type DuesPosting = "payment" | "day";

export type DuesRate = { 
/**
 * The fiscal year (its starting western year).
 */
fiscal_year: number, 
/**
 * Yen per household.
 */
amount: number, 
/**
 * Yen for a household of one person aged `elderly_age` or over (none: no reduction).
 */
single_elderly_amount: number | null, 
/**
 * The age from which the reduction applies.
 */
elderly_age: number, };

export type DuesRow = { 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * Its head's name.
 */
head_name: string, 
/**
 * Its head's reading.
 */
head_kana: string, 
/**
 * Address.
 */
address: string, 
/**
 * Block.
 */
block_id: BlockId | null, 
/**
 * Block name.
 */
block_name: string | null, 
/**
 * What it owes this year (yen).
 */
due: number, 
/**
 * Why it differs from the standard amount, if it does.
 */
reduction: string | null, 
/**
 * What it has paid (yen).
 */
paid: number, 
/**
 * Standing.
 */
status: DuesStatus, 
/**
 * Date of the latest payment.
 */
last_paid_on: string | null, 
/**
 * The same in 和暦 (令和8年4月8日), for screens and print.
 */
last_paid_text: string | null, };

export type DuesStatus = "paid" | "partial" | "unpaid" | "exempt";

export type DuplicateRow = { 
/**
 * The row of the household's head in the file.
 */
row: number, 
/**
 * The head's name in the file.
 */
name: string, 
/**
 * The registered household it matches, if it matches one.
 */
existing_household_id: HouseholdId | null, 
/**
 * The earlier row of the file it repeats, if it repeats one.
 */
existing_row: number | null, 
/**
 * The matching head's name.
 */
existing_name: string, 
/**
 * Why it is taken for a duplicate.
 */
reason: Text, };

export type Encoding = "auto" | "utf8" | "cp932";

export type EntryInput = { 
/**
 * The book.
 */
book_id: BookId, 
/**
 * The day.
 */
date: string, 
/**
 * The 科目 (its side says whether the amount comes in or goes out).
 */
category_id: CategoryId, 
/**
 * 摘要.
 */
description: string, 
/**
 * The amount in yen (more than zero).
 */
amount: number, 
/**
 * Who paid or was paid.
 */
counterparty: string, };

export type ErrorCode = "validation" | "not_found" | "conflict" | "locked" | "no_council" | "storage" | "damaged" | "key_locked" | "offline";

export type ErrorPayload = { 
/**
 * What the UI should do about it.
 */
code: ErrorCode, 
/**
 * What happened and what to do next.
 */
message: Text, 
/**
 * For `validation`: each field to fix.
 */
problems: Array<FieldProblem>, 
/**
 * For `damaged`: the newest backup that passed its integrity check, to offer for restoring.
 */
backup?: BackupEntry, };

export type Event = { 
/**
 * ID.
 */
id: EventId, 
/**
 * Title.
 */
title: string, 
/**
 * Kind.
 */
category: EventCategory, 
/**
 * First day.
 */
starts_on: string, 
/**
 * Last day (the first day for a one-day event).
 */
ends_on: string, 
/**
 * Start time (`HH:MM`, Japan time); none for an all-day event.
 */
start_time: string | null, 
/**
 * End time (`HH:MM`).
 */
end_time: string | null, 
/**
 * Place.
 */
place: string, 
/**
 * The organising committee (防災部, 環境部 …).
 */
organiser: string, 
/**
 * Participants expected.
 */
expected_participants: number | null, 
/**
 * Participants who came.
 */
actual_participants: number | null, 
/**
 * Volunteers.
 */
volunteers: number | null, 
/**
 * Cost in yen.
 */
cost: number | null, 
/**
 * Notes.
 */
notes: string, 
/**
 * The plan action it serves.
 */
action_id: ActionId | null, 
/**
 * That action as `1-①-2 防災訓練の実施`.
 */
action_label: string | null, 
/**
 * Partners.
 */
partners: Array<PartnerRef>, 
/**
 * Photos.
 */
photos: Array<Attachment>, 
/**
 * The grant application that pays for it (its turnout and photos go into that grant's report).
 * Set with [`crate::grants::application::link_event`], not through the event's form.
 */
grant_id: GrantApplicationId | null, 
/**
 * That grant as `令和8年度 地域づくり交付金「花いっぱい運動」` (filled by
 * [`crate::grants::application::with_grant`], which owns the link).
 */
grant_label: string | null, 
/**
 * The fiscal year it falls in.
 */
fiscal_year: number, 
/**
 * The day its notice (お知らせ) went out: kept from its first printing, or as typed.
 */
notice_issued_on: string | null, 
/**
 * What a participant pays (参加費, yen); none when it is free.
 */
fee: number | null, 
/**
 * The notice's own words above the facts; empty for the usual greeting.
 */
notice_text: string, 
/**
 * The blocks its notice circulates in (none listed: every block).
 */
notice_blocks: Array<BlockId>, 
/**
 * The sets of the notice circulating in each block (1 to 5): a long route is split in parts.
 */
notice_copies: number, 
/**
 * Its dates and times as people read them (令和8年7月20日（日）10:00〜12:00).
 */
when_text: Text, };

export type EventCategory = "festival" | "cleanup" | "disaster_drill" | "seniors" | "children" | "lecture" | "sports" | "other";

export type EventId = string;

export type EventInput = { 
/**
 * Title.
 */
title: string, 
/**
 * Kind.
 */
category: EventCategory, 
/**
 * First day.
 */
starts_on: string, 
/**
 * Last day; empty for a one-day event.
 */
ends_on: string | null, 
/**
 * Start time (`HH:MM`); empty for an all-day event.
 */
start_time: string | null, 
/**
 * End time (`HH:MM`).
 */
end_time: string | null, 
/**
 * Place.
 */
place: string, 
/**
 * Organising committee.
 */
organiser: string, 
/**
 * Participants expected.
 */
expected_participants: number | null, 
/**
 * Participants who came.
 */
actual_participants: number | null, 
/**
 * Volunteers.
 */
volunteers: number | null, 
/**
 * Cost in yen.
 */
cost: number | null, 
/**
 * Notes.
 */
notes: string, 
/**
 * The plan action it serves.
 */
action_id: ActionId | null, 
/**
 * Partners.
 */
partner_ids: Array<PartnerId>, 
/**
 * What a participant pays (参加費, yen); none when it is free.
 */
fee: number | null, 
/**
 * The notice's own words above the facts; empty for the usual greeting.
 */
notice_text: string, };

export type ExpenseCategory = "honorarium" | "travel" | "supplies" | "fuel" | "food" | "printing" | "postage" | "insurance" | "commission" | "rental" | "equipment" | "other";

export type ExpenseLine = { 
/**
 * The category (科目).
 */
category: ExpenseCategory, 
/**
 * What it pays for (清掃用品の購入).
 */
description: string, 
/**
 * True when the grant pays for it; false when the council's own funds do.
 */
charged_to_grant: boolean, 
/**
 * Yen; must equal the sum of the breakdown when there is one.
 */
amount: number, 
/**
 * The breakdown (may be empty).
 */
breakdown: Array<BreakdownRow>, };

export type ExportEncoding = "utf8" | "cp932";

export type ExportFormat = "xlsx" | "csv";

export type ExportScope = "full" | "city";

export type ExportedTable = { 
/**
 * Stable key (`households`, `persons`, …): the JSON key and the CSV file's name.
 */
key: string, 
/**
 * What the table holds, in both languages (the workbook's sheet name is the Japanese one).
 */
label: Text, 
/**
 * Rows written.
 */
rows: number, };

export type FieldChange = { 
/**
 * The field's name as its form labels it.
 */
field: Text, 
/**
 * Its value before (「なし」 when empty).
 */
from: Text, 
/**
 * Its value after.
 */
to: Text, };

export type FieldChoice = { 
/**
 * The field.
 */
field: RosterField, 
/**
 * Its name in both languages.
 */
label: Text, };

export type FieldProblem = { 
/**
 * The field's key as the UI names it (`name`, `city`, …).
 */
field: string, 
/**
 * What is wrong and what to enter instead.
 */
message: Text, };

export type FiscalYear = number;

export type FiscalYearInfo = { 
/**
 * The western year in which it starts.
 */
year: number, 
/**
 * `令和8年度`.
 */
label_ja: string, 
/**
 * `FY2026`.
 */
label_en: string, 
/**
 * First day.
 */
start: string, 
/**
 * Last day.
 */
end: string, 
/**
 * `令和8年4月1日〜令和9年3月31日` / `1 April 2026 – 31 March 2027`.
 */
period: Text, };

export type FolderSource = "usual" | "chosen" | "fixed";

export type FormSettings = { 
/**
 * What stands beside a signatory's name.
 */
seal: SealMode, 
/**
 * The contact person the city calls (担当者); empty leaves the line to fill in.
 */
contact_name: string, 
/**
 * Their phone number.
 */
contact_phone: string, 
/**
 * The account grants are paid into.
 */
bank: BankAccount, 
/**
 * Dues receipts to an A4 sheet (settings saved before this existed print two).
 */
receipts_per_page: ReceiptsPerPage, 
/**
 * The area's postal code (〒123-4567), printed on every label and envelope whose address does not
 * begin with its own; empty leaves it off.
 */
postal_code: string, };

export type GrantApplication = { 
/**
 * ID.
 */
id: GrantApplicationId, 
/**
 * The program with its rules.
 */
program: GrantProgram, 
/**
 * 事業名.
 */
project_name: string, 
/**
 * 事業の目的.
 */
purpose: string, 
/**
 * 事業の内容.
 */
content: string, 
/**
 * First day.
 */
starts_on: string, 
/**
 * Last day as planned.
 */
ends_on: string, 
/**
 * The period as shown (令和8年6月1日〜令和9年2月28日).
 */
period_text: Text, 
/**
 * 実施場所.
 */
place: string, 
/**
 * 対象者.
 */
target_group: string, 
/**
 * 参加見込み人数.
 */
expected_participants: number | null, 
/**
 * Partners from the list.
 */
partners: Array<PartnerRef>, 
/**
 * Partners as text.
 */
partners_text: string, 
/**
 * The plan actions it serves, with their codes (`1-①-2 防災訓練の実施`).
 */
actions: Array<ActionChoice>, 
/**
 * The quarterly schedule, by quarter.
 */
schedule: Array<QuarterPlan>, 
/**
 * 期待される効果.
 */
expected_effect: string, 
/**
 * 申請額.
 */
requested_amount: number, 
/**
 * The day the project actually ended.
 */
completed_on: string | null, 
/**
 * Notes.
 */
notes: string, 
/**
 * Where it stands.
 */
status: GrantStatus, 
/**
 * The status as shown.
 */
status_label: Text, 
/**
 * True from the final amount on (and once closed): nothing of it may change.
 */
locked: boolean, 
/**
 * The steps that can be taken now (the buttons to offer).
 */
next_steps: Array<GrantStep>, 
/**
 * 交付申請日.
 */
applied_on: string | null, 
/**
 * 交付決定日.
 */
awarded_on: string | null, 
/**
 * 交付決定額.
 */
amount_granted: number | null, 
/**
 * The award notice's number (み地推第123号).
 */
award_number: string, 
/**
 * When the advance (概算払) was claimed: its 請求書's date.
 */
advance_claimed_on: string | null, 
/**
 * How much was claimed in advance.
 */
advance_claimed_amount: number | null, 
/**
 * When an advance (概算払) was received.
 */
advance_paid_on: string | null, 
/**
 * How much was advanced.
 */
advance_amount: number | null, 
/**
 * The latest change application's day.
 */
change_applied_on: string | null, 
/**
 * The latest change approval's day.
 */
change_approved_on: string | null, 
/**
 * 実績報告日.
 */
reported_on: string | null, 
/**
 * 交付確定日.
 */
settled_on: string | null, 
/**
 * 交付確定額 (the final amount).
 */
settled_amount: number | null, 
/**
 * 請求日.
 */
claimed_on: string | null, 
/**
 * 入金日.
 */
paid_on: string | null, 
/**
 * 入金額.
 */
amount_paid: number | null, 
/**
 * When it was withdrawn or not awarded.
 */
closed_on: string | null, 
/**
 * Why.
 */
closed_reason: string, 
/**
 * Every budget version, oldest first (the current one flagged).
 */
budgets: Array<BudgetVersion>, 
/**
 * The check of the budget being worked on (the draft; else the one with the city; else the
 * current one), with its figures.
 */
budget_check: BudgetCheck, 
/**
 * The expenses by date, with their receipt warnings.
 */
expenses: Array<GrantExpense>, 
/**
 * All expenses.
 */
expense_total: number, 
/**
 * Expenses paid from the grant.
 */
grant_expense_total: number, 
/**
 * How many receipt warnings there are.
 */
receipt_warning_count: number, 
/**
 * The events the grant paid for, by date.
 */
events: Array<LinkedEvent>, 
/**
 * Participants who came to those events, together.
 */
participants_total: number, 
/**
 * Its deadlines.
 */
deadlines: Array<GrantDeadline>, };

export type GrantApplicationChoice = { 
/**
 * ID.
 */
id: GrantApplicationId, 
/**
 * `令和8年度 地域づくり交付金「花いっぱい運動」`.
 */
label: string, };

export type GrantApplicationId = string;

export type GrantApplicationInput = { 
/**
 * The program applied to (fixed once applied).
 */
program_id: GrantProgramId, 
/**
 * 事業名.
 */
project_name: string, 
/**
 * 事業の目的.
 */
purpose: string, 
/**
 * 事業の内容.
 */
content: string, 
/**
 * First day of the project.
 */
starts_on: string, 
/**
 * Last day of the project as planned.
 */
ends_on: string, 
/**
 * 実施場所.
 */
place: string, 
/**
 * 対象者.
 */
target_group: string, 
/**
 * 参加見込み人数.
 */
expected_participants: number | null, 
/**
 * Partners from the partner list.
 */
partner_ids: Array<PartnerId>, 
/**
 * Partners not in the list, as text.
 */
partners_text: string, 
/**
 * The plan actions (事業) it serves.
 */
action_ids: Array<ActionId>, 
/**
 * The quarterly schedule (blank quarters may be left out).
 */
schedule: Array<QuarterPlan>, 
/**
 * 期待される効果.
 */
expected_effect: string, 
/**
 * 申請額 in yen (fixed once applied).
 */
requested_amount: number, 
/**
 * The day the project actually ended (needed for the report).
 */
completed_on: string | null, 
/**
 * Notes.
 */
notes: string, };

export type GrantApplicationSummary = { 
/**
 * ID.
 */
id: GrantApplicationId, 
/**
 * 事業名.
 */
project_name: string, 
/**
 * The program's name.
 */
program_name: string, 
/**
 * The program's fiscal year.
 */
fiscal_year: number, 
/**
 * `令和8年度`.
 */
fiscal_year_label: string, 
/**
 * Where it stands.
 */
status: GrantStatus, 
/**
 * The status as shown.
 */
status_label: Text, 
/**
 * 申請額.
 */
requested_amount: number, 
/**
 * 交付決定額.
 */
amount_granted: number | null, 
/**
 * 交付確定額.
 */
settled_amount: number | null, 
/**
 * Spent so far.
 */
expense_total: number, 
/**
 * Receipt warnings.
 */
receipt_warning_count: number, 
/**
 * The nearest deadline the council has to act on, if any.
 */
next_deadline: GrantDeadline | null, };

export type GrantBudgetId = string;

export type GrantCategoryLink = { 
/**
 * The grant's category (`supplies`, `printing` …).
 */
category: string, 
/**
 * The council's 科目.
 */
category_id: CategoryId, };

export type GrantDeadline = { 
/**
 * The application.
 */
application_id: GrantApplicationId, 
/**
 * Its project's name.
 */
project_name: string, 
/**
 * Its program's name.
 */
program_name: string, 
/**
 * Which deadline.
 */
kind: DeadlineKind, 
/**
 * The due date.
 */
due_on: string, 
/**
 * The due date as shown (和暦 with the western year).
 */
due_text: Text, 
/**
 * Days from today to the due date (negative once past).
 */
days_left: number, 
/**
 * True once past and not done.
 */
overdue: boolean, 
/**
 * True once the step was taken (applied, reported, claimed).
 */
done: boolean, 
/**
 * True when the council has to act on it now (not done, and the application has reached the
 * stage it belongs to): what Home lists.
 */
pending: boolean, 
/**
 * True for a report deadline computed from the planned end of the project, because the
 * completion date is not entered yet.
 */
estimated: boolean, 
/**
 * The deadline in a sentence (「実績報告の期限まであと12日です（令和9年3月31日）。」).
 */
message: Text, };

export type GrantExpense = { 
/**
 * ID.
 */
id: GrantExpenseId, 
/**
 * The application.
 */
application_id: GrantApplicationId, 
/**
 * The day it was paid.
 */
paid_on: string, 
/**
 * The day as shown.
 */
paid_text: Text, 
/**
 * Who was paid.
 */
payee: string, 
/**
 * The description (但し書き).
 */
description: string, 
/**
 * The category.
 */
category: ExpenseCategory, 
/**
 * The category's name.
 */
category_label: Text, 
/**
 * Yen.
 */
amount: number, 
/**
 * Paid from the grant (else from own funds).
 */
from_grant: boolean, 
/**
 * The addressee as written on the receipt.
 */
addressee: string, 
/**
 * Notes.
 */
notes: string, 
/**
 * The receipt file, if attached.
 */
receipt: Receipt | null, 
/**
 * What the city is likely to query.
 */
warnings: Array<ReceiptWarning>, };

export type GrantExpenseId = string;

export type GrantExpenseInput = { 
/**
 * The day it was paid (the receipt's date).
 */
paid_on: string, 
/**
 * Who was paid (the shop).
 */
payee: string, 
/**
 * The description (但し書き) as written on the receipt.
 */
description: string, 
/**
 * The category (科目).
 */
category: ExpenseCategory, 
/**
 * Yen.
 */
amount: number, 
/**
 * True when paid from the grant; false from the council's own funds.
 */
from_grant: boolean, 
/**
 * The addressee (宛名) as written on the receipt.
 */
addressee: string, 
/**
 * Notes.
 */
notes: string, };

export type GrantHit = { 
/**
 * The application (an expense opens its application).
 */
application_id: GrantApplicationId, 
/**
 * The project.
 */
project_name: string, 
/**
 * `令和8年度 協働のまちづくり交付金`.
 */
program: string, 
/**
 * Where it stands.
 */
status_label: Text, 
/**
 * For a hit on an expense: `令和8年11月10日 みどりホームセンター LED懐中電灯 20本 40,000円`.
 */
expense: string | null, };

export type GrantLedger = { 
/**
 * As set.
 */
input: GrantLedgerInput, 
/**
 * The account's name.
 */
account_name: string, 
/**
 * The book's name.
 */
book_name: string, };

export type GrantLedgerInput = { 
/**
 * The book the grant is paid into and its expenses are paid from.
 */
book_id: BookId, 
/**
 * The income 科目 of the grant's money (交付金・補助金 or one of its 項).
 */
income_category_id: CategoryId, 
/**
 * The expense 科目 of its expenses (事業費 or one of its 項).
 */
expense_category_id: CategoryId, 
/**
 * Other expense 科目 for some grant 科目 (`supplies` → 事務費 …).
 */
categories: Array<GrantCategoryLink>, };

export type GrantProgram = { 
/**
 * ID.
 */
id: GrantProgramId, 
/**
 * Name (地域づくり交付金).
 */
name: string, 
/**
 * Who grants it (みどり市 地域づくり推進課).
 */
grantor: string, 
/**
 * The fiscal year it is for.
 */
fiscal_year: number, 
/**
 * `令和8年度`.
 */
fiscal_year_label: string, 
/**
 * The most it grants, in yen, if it says.
 */
max_amount: number | null, 
/**
 * The subsidy rate.
 */
rate: SubsidyRate, 
/**
 * The rate as written (`2分の1` / `1/2`).
 */
rate_text: Text, 
/**
 * The categories it pays for, in the forms' order.
 */
eligible_categories: Array<ExpenseCategory>, 
/**
 * How far a category may move (percent of its budget, either way) before a change application
 * is needed.
 */
change_threshold_percent: number, 
/**
 * The application's due date.
 */
application_due: string | null, 
/**
 * The report is due this many days after the project's completion …
 */
report_days: number | null, 
/**
 * … and no later than this date.
 */
report_no_later_than: string | null, 
/**
 * The report rule in words.
 */
report_rule_text: Text | null, 
/**
 * The claim is due this many days after the final amount is fixed.
 */
claim_days: number | null, 
/**
 * True when part of the grant may be paid in advance (概算払・前金払).
 */
advance_payment: boolean, 
/**
 * The documents an application carries, in order.
 */
required_documents: Array<string>, 
/**
 * Notes.
 */
notes: string, 
/**
 * How many applications use it.
 */
applications: number, 
/**
 * True once an application under it is settled: its rules can no longer change.
 */
locked: boolean, };

export type GrantProgramId = string;

export type GrantProgramInput = { 
/**
 * Name.
 */
name: string, 
/**
 * Who grants it.
 */
grantor: string, 
/**
 * The fiscal year it is for.
 */
fiscal_year: number, 
/**
 * The most it grants (none: no maximum).
 */
max_amount: number | null, 
/**
 * The subsidy rate.
 */
rate: SubsidyRate, 
/**
 * The categories it pays for.
 */
eligible_categories: Array<ExpenseCategory>, 
/**
 * Percent a category may move before a change application is needed (usually 20).
 */
change_threshold_percent: number, 
/**
 * The application's due date.
 */
application_due: string | null, 
/**
 * Report within this many days of completion.
 */
report_days: number | null, 
/**
 * Report no later than this date.
 */
report_no_later_than: string | null, 
/**
 * Claim within this many days of the final amount.
 */
claim_days: number | null, 
/**
 * Advance payment allowed.
 */
advance_payment: boolean, 
/**
 * Required documents (blank lines are dropped).
 */
required_documents: Array<string>, 
/**
 * Notes.
 */
notes: string, };

export type GrantStatus = "draft" | "applied" | "awarded" | "in_progress" | "change_applied" | "change_approved" | "reported" | "settled" | "claimed" | "paid" | "withdrawn" | "rejected";

export type GrantStep = "apply" | "award" | "reject" | "start" | "apply_change" | "approve_change" | "decline_change" | "report" | "settle" | "claim" | "pay" | "withdraw";

export type GrantTransition = { "step": "apply", 
/**
 * The day it was handed in.
 */
on: string, } | { "step": "award", 
/**
 * The notice's date.
 */
on: string, 
/**
 * 交付決定額.
 */
amount: number, 
/**
 * The notice's number.
 */
award_number: string, } | { "step": "reject", 
/**
 * The notice's date.
 */
on: string, 
/**
 * Why (as the notice says).
 */
reason: string, } | { "step": "start" } | { "step": "apply_change", 
/**
 * The day it was handed in.
 */
on: string, 
/**
 * Why the budget changes.
 */
reason: string, } | { "step": "approve_change", 
/**
 * The approval's date.
 */
on: string, } | { "step": "decline_change", 
/**
 * The notice's date.
 */
on: string, 
/**
 * Why.
 */
reason: string, } | { "step": "report", 
/**
 * The day it was handed in.
 */
on: string, 
/**
 * True once the person looked at every receipt warning (refused while there are warnings
 * and this is false).
 */
receipts_reviewed: boolean, } | { "step": "settle", 
/**
 * The notice's date.
 */
on: string, 
/**
 * 交付確定額.
 */
amount: number, } | { "step": "claim", 
/**
 * The day it was handed in.
 */
on: string, } | { "step": "pay", 
/**
 * The day the money arrived.
 */
on: string, 
/**
 * Yen received.
 */
amount: number, } | { "step": "withdraw", 
/**
 * The day.
 */
on: string, 
/**
 * Why.
 */
reason: string, };

export type HandoverInfo = { 
/**
 * The hand-over file's name.
 */
file_name: string, 
/**
 * The hand-over file's full path.
 */
path: string, 
/**
 * Whether it is protected with a passphrase.
 */
encrypted: boolean, 
/**
 * Its size in bytes.
 */
size_bytes: number, 
/**
 * What the data inside holds: council, when it was taken, record counts, attachments.
 */
contents: BackupInfo, 
/**
 * The files of the `keys/` folder it carries (relative names), none when there was no folder.
 */
keys: Array<string>, 
/**
 * The submission packages of the outbox it carries (delivered ones included, as the record of
 * what was sent).
 */
outbox_packages: number, 
/**
 * Those of them still waiting to be sent (or failed, waiting for a person).
 */
outbox_waiting: number, 
/**
 * The drop-box's address (a WebDAV URL or a folder) it carries, if one was set.
 */
drop_box?: string, };

export type Holiday = { 
/**
 * The day.
 */
date: string, 
/**
 * Its name (勤労感謝の日, 振替休日 …).
 */
name: string, };

export type HomeSummary = { 
/**
 * The next meetings from today on, soonest first.
 */
next_meetings: Array<MeetingSummary>, 
/**
 * Action items still open (across meetings).
 */
open_actions: number, 
/**
 * Open action items past their due date, the longest overdue first.
 */
overdue_actions: Array<ActionItem>, 
/**
 * The newest backup in the data folder.
 */
last_backup: BackupEntry | null, 
/**
 * How many days since the newest backup.
 */
backup_age_days: number | null, 
/**
 * How many days since a backup was last saved outside the data folder (never: `None`).
 */
copy_out_age_days: number | null, 
/**
 * Set when no backup has left the PC for [`COPY_OUT_DAYS`] days (or ever): what to do.
 */
backup_warning: Text | null, };

export type Household = { 
/**
 * ID.
 */
id: HouseholdId, 
/**
 * The council's own number for it (世帯番号), if it uses one.
 */
code: string, 
/**
 * Address.
 */
address: string, 
/**
 * Current block.
 */
block_id: BlockId | null, 
/**
 * Current block's name.
 */
block_name: string | null, 
/**
 * Joined on.
 */
joined_on: string, 
/**
 * Left on, if it left.
 */
left_on: string | null, 
/**
 * Why it left.
 */
leave_reason: LeaveReason | null, 
/**
 * Notes.
 */
notes: string, 
/**
 * Its persons, the head first, then by reading.
 */
persons: Array<Person>, 
/**
 * The joining date as screens show it (令和2年（2020年）4月1日).
 */
joined_on_text: string, 
/**
 * The leaving date as screens show it.
 */
left_on_text: string | null, };

export type HouseholdCounts = { 
/**
 * The date counted.
 */
as_of: string, 
/**
 * Member households on that date.
 */
total: number, 
/**
 * By block, in the council's block order.
 */
by_block: Array<BlockCount>, 
/**
 * Households that joined in the period.
 */
joined: number, 
/**
 * Households that left in the period.
 */
left: number, };

export type HouseholdId = string;

export type HouseholdInput = { 
/**
 * 世帯番号 (optional).
 */
code: string, 
/**
 * Address.
 */
address: string, 
/**
 * Block (for a new household; existing ones move with [`move_household`]).
 */
block_id: BlockId | null, 
/**
 * Joined on.
 */
joined_on: string, 
/**
 * Notes.
 */
notes: string, 
/**
 * Persons: at least one, exactly one head.
 */
persons: Array<PersonInput>, };

export type ImportPreview = { 
/**
 * The file's name.
 */
file_name: string, 
/**
 * What kind of file it is.
 */
format: SourceFormat, 
/**
 * For CSV, the encoding it was read with.
 */
encoding: Encoding | null, 
/**
 * The header row's number.
 */
header_row: number, 
/**
 * The header cells, one per column.
 */
headers: Array<string>, 
/**
 * The field of each column (as guessed, or as the user chose).
 */
mapping: Array<RosterField>, 
/**
 * The fields a column can be mapped to, with their labels.
 */
choices: Array<FieldChoice>, 
/**
 * Data rows read (blank rows not counted).
 */
rows: number, 
/**
 * Households the file holds.
 */
households: number, 
/**
 * Persons the file holds.
 */
persons: number, 
/**
 * Blocks named in the file that do not exist yet; the import creates them.
 */
new_blocks: Array<string>, 
/**
 * The problems, in row order (the first 100); the import runs only when there are none.
 */
problems: Array<RowProblem>, 
/**
 * How many more problems there are beyond those listed.
 */
more_problems: number, 
/**
 * Households that seem to be registered already or repeated in the file.
 */
duplicates: Array<DuplicateRow>, 
/**
 * Things worth knowing that are not problems (new blocks, default joining dates, ignored columns).
 */
notices: Array<Text>, 
/**
 * The first rows as they will be imported.
 */
sample: Array<ImportRow>, };

export type ImportRow = { 
/**
 * The spreadsheet's row number.
 */
row: number, 
/**
 * 世帯番号.
 */
household_code: string, 
/**
 * Block name.
 */
block: string, 
/**
 * Address.
 */
address: string, 
/**
 * Joining date, if written and readable.
 */
joined_on: string | null, 
/**
 * Name.
 */
name: string, 
/**
 * Reading.
 */
kana: string, 
/**
 * Head of its household.
 */
is_head: boolean, 
/**
 * Phone.
 */
phone: string, 
/**
 * E-mail.
 */
email: string, 
/**
 * Birth year, if written and readable.
 */
birth_year: number | null, 
/**
 * Notes.
 */
notes: string, };

export type ImportSummary = { 
/**
 * Households created.
 */
households: number, 
/**
 * Persons created.
 */
persons: number, 
/**
 * Blocks created.
 */
blocks_created: Array<string>, 
/**
 * Households left out as duplicates.
 */
skipped_duplicates: number, 
/**
 * One line saying what happened.
 */
message: Text, };

export type IncomeActualInput = { 
/**
 * The kind (the grant's actual is not entered: it is the final amount).
 */
kind: IncomeKind, 
/**
 * Yen received (none: not entered; the books' figure is used when the books have one).
 */
actual: number | null, 
/**
 * The reason for a difference.
 */
reason: string, };

export type IncomeKind = "grant" | "dues" | "project_income" | "donations" | "carried_over" | "other";

export type IncomeLine = { 
/**
 * The kind.
 */
kind: IncomeKind, 
/**
 * What it is (参加費 300円×50人).
 */
description: string, 
/**
 * Yen.
 */
amount: number, };

export type IncomeLinkInput = { 
/**
 * The application whose project received it.
 */
application_id: GrantApplicationId, 
/**
 * The kind of income it is on the settlement (not the grant: that comes from the grant screen).
 */
kind: IncomeKind, };

export type Indicator = { 
/**
 * ID.
 */
id: IndicatorId, 
/**
 * Name (自治会加入率).
 */
name: string, 
/**
 * Unit (％, 人, 回).
 */
unit: string, 
/**
 * 現状値.
 */
baseline_value: number, 
/**
 * Fiscal year of the baseline.
 */
baseline_year: number, 
/**
 * 目標値.
 */
target_value: number, 
/**
 * Fiscal year of the target.
 */
target_year: number, 
/**
 * 設定の考え方.
 */
reasoning: string, 
/**
 * Actual values, by fiscal year.
 */
actuals: Array<Actual>, 
/**
 * Progress as of the latest actual.
 */
progress: Progress, };

export type IndicatorId = string;

export type IndicatorInput = { 
/**
 * Name.
 */
name: string, 
/**
 * Unit.
 */
unit: string, 
/**
 * 現状値.
 */
baseline_value: number, 
/**
 * Fiscal year of the baseline.
 */
baseline_year: number, 
/**
 * 目標値.
 */
target_value: number, 
/**
 * Fiscal year of the target.
 */
target_year: number, 
/**
 * 設定の考え方.
 */
reasoning: string, };

export type IndicatorOwner = { "kind": "measure", "id": MeasureId } | { "kind": "action", "id": ActionId };

export type Inventory = { 
/**
 * The day.
 */
as_of: string, 
/**
 * Every book of every account, with its balance.
 */
money: Array<MoneyLine>, 
/**
 * The money in all.
 */
money_total: number, 
/**
 * The equipment held on the day.
 */
assets: Array<Asset>, 
/**
 * What the equipment cost in all.
 */
assets_total: number, };

export type InviteRule = "all_households" | "all_persons" | "officers" | "block_leaders" | "none";

export type Invitee = { 
/**
 * Their line on the attendance sheet (1, 2, …).
 */
seq: number, 
/**
 * Name (the head of a household, or the person).
 */
name: string, 
/**
 * Block, or the officer's title.
 */
label: string, 
/**
 * How they attended.
 */
attendance: Attendance, 
/**
 * For a proxy: who holds it (empty: the chair).
 */
proxy_holder: string, 
/**
 * For a written vote: what it says on each motion (a motion not listed is left blank).
 */
written_votes: Array<WrittenVote>, };

export type InviteeInput = { 
/**
 * The person on the roster, if they are on it.
 */
person_id?: PersonId, 
/**
 * Their name, for someone not on the roster (ignored for a person on it).
 */
name: string, 
/**
 * What they are (来賓, 市役所): for someone not on the roster; a person on it is labelled with
 * their office on the meeting's day, else their block.
 */
label: string, };

export type IssuedPaper = "notice" | "results";

export type Language = "ja" | "en";

export type LeaveReason = "moved_out" | "deceased" | "withdrew" | "other";

export type LedgerEntryId = string;

export type LineSource = "entry" | "dues" | "grant";

export type LinkedEvent = { 
/**
 * The event.
 */
id: EventId, 
/**
 * Title.
 */
title: string, 
/**
 * First day.
 */
starts_on: string, 
/**
 * When, as people read it.
 */
when_text: Text, 
/**
 * Place.
 */
place: string, 
/**
 * Participants expected.
 */
expected_participants: number | null, 
/**
 * Participants who came.
 */
actual_participants: number | null, 
/**
 * Volunteers.
 */
volunteers: number | null, 
/**
 * Photos (for the report).
 */
photos: Array<Attachment>, };

export type Majority = "simple" | "two_thirds";

export type Measure = { 
/**
 * ID.
 */
id: MeasureId, 
/**
 * Number within its policy.
 */
number: number, 
/**
 * `1-①`.
 */
code: string, 
/**
 * Title.
 */
title: string, 
/**
 * 現状と課題.
 */
current_state: string, 
/**
 * Its actions, by number.
 */
actions: Array<Action>, 
/**
 * Its own indicators.
 */
indicators: Array<Indicator>, };

export type MeasureId = string;

export type MeasureInput = { 
/**
 * Number; the next free one when empty.
 */
number: number | null, 
/**
 * Title.
 */
title: string, 
/**
 * 現状と課題.
 */
current_state: string, };

export type Meeting = { 
/**
 * ID.
 */
id: MeetingId, 
/**
 * Kind.
 */
kind: MeetingKind, 
/**
 * Title.
 */
title: string, 
/**
 * The day.
 */
held_on: string, 
/**
 * The day in 和暦 with the weekday (令和8年4月26日（日）).
 */
date_text: Text, 
/**
 * The fiscal year it belongs to.
 */
fiscal_year: number, 
/**
 * Starting time.
 */
starts_at: string, 
/**
 * Place.
 */
place: string, 
/**
 * Chair.
 */
chair: string, 
/**
 * Who was invited.
 */
invite: InviteRule, 
/**
 * Notes.
 */
notes: string, 
/**
 * The day the notice (開催通知) went out: kept from its first printing, or as typed.
 */
notice_issued_on: string | null, 
/**
 * The day the 総会結果のお知らせ went out.
 */
results_issued_on: string | null, 
/**
 * The invitees and their attendance.
 */
invitees: Array<Invitee>, 
/**
 * The agenda, in order.
 */
agenda: Array<AgendaItem>, 
/**
 * The quorum finding from the attendance so far.
 */
quorum: QuorumStatus, 
/**
 * The minutes and their amendments, oldest first.
 */
minutes: Array<MinutesRef>, 
/**
 * True once the minutes are signed: nothing of the meeting may change.
 */
locked: boolean, 
/**
 * The proxies and written votes, by motion.
 */
tally: VoteTally, };

export type MeetingId = string;

export type MeetingInput = { 
/**
 * Kind.
 */
kind: MeetingKind, 
/**
 * Title (empty: 令和8年度 定期総会 / 役員会 …).
 */
title: string, 
/**
 * The day.
 */
held_on: string, 
/**
 * Starting time, `HH:MM`.
 */
starts_at: string, 
/**
 * Place.
 */
place: string, 
/**
 * The chair (議長), if known before.
 */
chair: string, 
/**
 * Who is invited (none: the usual for the kind).
 */
invite: InviteRule | null, 
/**
 * Notes.
 */
notes: string, };

export type MeetingKind = "general" | "extraordinary_general" | "board" | "block_leaders" | "committee" | "other";

export type MeetingList = { 
/**
 * Meetings, newest first (with a search: those with a hit).
 */
meetings: Array<MeetingSummary>, 
/**
 * Matching motions and minutes' discussions, newest first.
 */
hits: Array<DecisionHit>, };

export type MeetingQuery = { 
/**
 * Only this kind.
 */
kind: MeetingKind | null, 
/**
 * Only this fiscal year.
 */
fiscal_year: number | null, 
/**
 * Words to find in motions and minutes (empty: every meeting).
 */
text: string, };

export type MeetingSummary = { 
/**
 * ID.
 */
id: MeetingId, 
/**
 * Kind.
 */
kind: MeetingKind, 
/**
 * Title.
 */
title: string, 
/**
 * The day.
 */
held_on: string, 
/**
 * The day as shown.
 */
date_text: Text, 
/**
 * Place.
 */
place: string, 
/**
 * Number of motions.
 */
motions: number, 
/**
 * The original minutes' stage, if started.
 */
minutes_status: MinutesStatus | null, };

export type MemberPage = { 
/**
 * The rows, in 五十音順 of the head's reading.
 */
rows: Array<MemberRow>, 
/**
 * How many households match in all.
 */
total: number, };

export type MemberQuery = { 
/**
 * Words to find: kanji, kana (either script, either width), address, block, phone, 世帯番号.
 */
text: string, 
/**
 * Only this block.
 */
block_id: BlockId | null, 
/**
 * Include households that left.
 */
include_left: boolean, 
/**
 * Rows to skip.
 */
offset: number, 
/**
 * Rows to return (at most 500).
 */
limit: number, };

export type MemberRow = { 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * 世帯番号.
 */
code: string, 
/**
 * The head's name.
 */
head_name: string, 
/**
 * The head's reading.
 */
head_kana: string, 
/**
 * Address.
 */
address: string, 
/**
 * Current block.
 */
block_name: string | null, 
/**
 * Persons in the household.
 */
person_count: number, 
/**
 * Other members' names, for finding a household by any of them.
 */
other_names: Array<string>, 
/**
 * Joined on.
 */
joined_on: string, 
/**
 * Left on, for households that left.
 */
left_on: string | null, 
/**
 * The same in 和暦.
 */
left_on_text: string | null, };

export type Minutes = { 
/**
 * ID.
 */
id: MinutesId, 
/**
 * The meeting.
 */
meeting_id: MeetingId, 
/**
 * For an amendment: the signed minutes it corrects.
 */
amends_id: MinutesId | null, 
/**
 * The amendment of these minutes, once made.
 */
amended_by: MinutesId | null, 
/**
 * Stage.
 */
status: MinutesStatus, 
/**
 * 議長.
 */
chair: string, 
/**
 * 書記 (who wrote them).
 */
recorder: string, 
/**
 * First 議事録署名人.
 */
signatory1: string, 
/**
 * Second 議事録署名人.
 */
signatory2: string, 
/**
 * Opening remarks (開会).
 */
opening: string, 
/**
 * Closing remarks (閉会).
 */
closing: string, 
/**
 * For an amendment: what is corrected and why.
 */
correction: string, 
/**
 * The discussion per agenda item, in agenda order.
 */
items: Array<MinutesItem>, 
/**
 * When circulated.
 */
circulated_on: string | null, 
/**
 * When approved.
 */
approved_on: string | null, 
/**
 * When signed.
 */
signed_on: string | null, 
/**
 * True once signed: every edit is refused.
 */
locked: boolean, };

export type MinutesId = string;

export type MinutesInput = { 
/**
 * 議長.
 */
chair: string, 
/**
 * 書記.
 */
recorder: string, 
/**
 * First signatory.
 */
signatory1: string, 
/**
 * Second signatory.
 */
signatory2: string, 
/**
 * Opening remarks.
 */
opening: string, 
/**
 * Closing remarks.
 */
closing: string, 
/**
 * For an amendment: what is corrected and why.
 */
correction: string, 
/**
 * Discussion per agenda item (items not named keep theirs).
 */
items: Array<MinutesItem>, };

export type MinutesItem = { 
/**
 * The agenda line.
 */
agenda_item_id: AgendaItemId, 
/**
 * What was said and decided, as plain text.
 */
discussion: string, };

export type MinutesRef = { 
/**
 * ID.
 */
id: MinutesId, 
/**
 * The signed minutes this one amends, for an amendment.
 */
amends_id: MinutesId | null, 
/**
 * Stage.
 */
status: MinutesStatus, };

export type MinutesStatus = "draft" | "circulated" | "approved" | "signed";

export type MoneyLine = { 
/**
 * The account's name.
 */
account: string, 
/**
 * True for a 特別会計 (a reserve or an event's own money).
 */
special: boolean, 
/**
 * The book's name.
 */
book: string, 
/**
 * Cash or bank.
 */
kind: BookKind, 
/**
 * Its balance on the day.
 */
balance: number, };

export type MotionResult = "pending" | "carried" | "rejected" | "continued";

export type MotionResultInput = { 
/**
 * The result.
 */
result: MotionResult, 
/**
 * Votes for (none: not counted, e.g. carried by applause).
 */
votes_for: number | null, 
/**
 * Votes against.
 */
votes_against: number | null, 
/**
 * Abstentions.
 */
votes_abstain: number | null, };

export type MotionTally = { 
/**
 * The motion.
 */
item_id: AgendaItemId, 
/**
 * 第1号議案.
 */
number_text: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Written votes for.
 */
written_for: number, 
/**
 * Written votes against.
 */
written_against: number, 
/**
 * Written abstentions.
 */
written_abstain: number, 
/**
 * Written votes that leave this motion blank.
 */
written_blank: number, 
/**
 * Proxies (cast by their holders at the meeting).
 */
proxies: number, };

export type NewAccount = { 
/**
 * Its name.
 */
name: string, 
/**
 * General (only one) or special.
 */
kind: AccountKind, 
/**
 * The name of its cash book (現金).
 */
cash_book: string, 
/**
 * Its bank or postal accounts, if any (みどり信用金庫 普通預金…).
 */
bank_books: Array<string>, };

export type OfficerRole = "president" | "vice_president" | "treasurer" | "secretary" | "auditor" | "block_leader" | "committee_chair" | "custom";

export type OfficerTerm = { 
/**
 * ID.
 */
id: OfficerTermId, 
/**
 * Role.
 */
role: OfficerRole, 
/**
 * Title as printed (会長, 防災部長, 3班 班長).
 */
title: string, 
/**
 * The person.
 */
person_id: PersonId, 
/**
 * Their name.
 */
person_name: string, 
/**
 * Their reading.
 */
person_kana: string, 
/**
 * Their household's address.
 */
address: string, 
/**
 * Their phone.
 */
phone: string, 
/**
 * The block, for a block leader.
 */
block_id: BlockId | null, 
/**
 * The block's name.
 */
block_name: string | null, 
/**
 * First day of the term.
 */
starts_on: string, 
/**
 * Last day of the term.
 */
ends_on: string, 
/**
 * The term in 和暦 (令和8年4月1日〜令和9年3月31日).
 */
term_text: string, };

export type OfficerTermId = string;

export type OfficerTermInput = { 
/**
 * Role.
 */
role: OfficerRole, 
/**
 * Title (empty: the role's usual title).
 */
title: string, 
/**
 * The person.
 */
person_id: PersonId, 
/**
 * The block, for a block leader.
 */
block_id: BlockId | null, 
/**
 * First day (empty: the fiscal year's first day).
 */
starts_on: string | null, 
/**
 * Last day (empty: the fiscal year's last day).
 */
ends_on: string | null, };

export type OnDuplicate = "skip" | "refuse";

export type OpenDataExport = { 
/**
 * The file (JSON, xlsx) or folder (CSV) written.
 */
path: string, 
/**
 * The format.
 */
format: OpenDataFormat, 
/**
 * Every table, in export order.
 */
tables: Array<ExportedTable>, 
/**
 * The files written (one for JSON and xlsx, one per table for CSV).
 */
files: Array<string>, };

export type OpenDataFormat = "json" | "xlsx" | "csv";

export type OutboxEntry = { 
/**
 * The package's ID.
 */
package_id: string, 
/**
 * Its purpose's ID (`officer_list`), as in its manifest.
 */
purpose: string, 
/**
 * What it is (役員名簿（令和8年度）).
 */
title: Text, 
/**
 * The fiscal year.
 */
fiscal_year: number, 
/**
 * The name it is delivered under.
 */
file_name: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * SHA-256 of the zip (hex).
 */
sha256: string, 
/**
 * When it was built.
 */
created_at: string, 
/**
 * Where it stands.
 */
state: DeliveryState, 
/**
 * Delivery attempts so far.
 */
attempts: number, 
/**
 * Why the last attempt failed, while it is waiting to try again.
 */
last_error?: Text, 
/**
 * When the next attempt is due (none: as soon as there is a destination).
 */
next_attempt_at?: string, 
/**
 * Copies saved to folders.
 */
copies: Array<SavedCopy>, };

export type OutboxEvent = { "event": "changed", 
/**
 * The package as it is now.
 */
entry: OutboxEntry, } | { "event": "progress", 
/**
 * The package.
 */
package_id: string, 
/**
 * Bytes sent.
 */
sent: number, 
/**
 * Bytes in all.
 */
total: number, } | { "event": "removed", 
/**
 * The package.
 */
package_id: string, };

export type PackageRequest = { 
/**
 * What for.
 */
purpose: Purpose, 
/**
 * The record it is for, where the purpose needs one.
 */
record?: string, 
/**
 * The fiscal year; the current one when absent.
 */
fiscal_year?: number, };

export type Paper = { 
/**
 * ID.
 */
id: PaperId, 
/**
 * The file's name as attached.
 */
file_name: string, 
/**
 * Its SHA-256 (its name in the attachments folder).
 */
sha256: string, 
/**
 * Bytes.
 */
size: number, };

export type PaperId = string;

export type Partner = { 
/**
 * ID.
 */
id: PartnerId, 
/**
 * Name.
 */
name: string, 
/**
 * Kind.
 */
kind: PartnerKind, 
/**
 * Contact person.
 */
contact_person: string, 
/**
 * Phone.
 */
phone: string, 
/**
 * E-mail.
 */
email: string, 
/**
 * Address.
 */
address: string, 
/**
 * Notes.
 */
notes: string, };

export type PartnerId = string;

export type PartnerInput = { 
/**
 * Name.
 */
name: string, 
/**
 * Kind.
 */
kind: PartnerKind, 
/**
 * Contact person.
 */
contact_person: string, 
/**
 * Phone.
 */
phone: string, 
/**
 * E-mail.
 */
email: string, 
/**
 * Address.
 */
address: string, 
/**
 * Notes.
 */
notes: string, };

export type PartnerKind = "npo" | "school" | "business" | "council" | "government" | "other";

export type PartnerRef = { 
/**
 * ID.
 */
id: PartnerId, 
/**
 * Name.
 */
name: string, };

export type PasswordKept = "keyring" | "data_folder";

export type PasswordSource = "none" | "keyring" | "environment" | "this_run";

export type Person = { 
/**
 * ID.
 */
id: PersonId, 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * Name in kanji (as written; never truncated).
 */
name: string, 
/**
 * Reading in kana (ふりがな).
 */
kana: string, 
/**
 * Head of the household (世帯主).
 */
is_head: boolean, 
/**
 * Phone.
 */
phone: string, 
/**
 * E-mail.
 */
email: string, 
/**
 * Birth year (western).
 */
birth_year: number | null, 
/**
 * Relation to the head of the household (続柄: 世帯主, 妻, 長男 …); empty when not given.
 */
relation: string, 
/**
 * Notes.
 */
notes: string, };

export type PersonHit = { 
/**
 * The person.
 */
person_id: PersonId, 
/**
 * Name.
 */
name: string, 
/**
 * Reading.
 */
kana: string, 
/**
 * Their household.
 */
household_id: HouseholdId, 
/**
 * The household's address.
 */
address: string, 
/**
 * The household's block.
 */
block_name: string | null, };

export type PersonId = string;

export type PersonInput = { 
/**
 * The person's ID when editing an existing one.
 */
id: PersonId | null, 
/**
 * Name in kanji.
 */
name: string, 
/**
 * Reading in kana.
 */
kana: string, 
/**
 * Head of the household.
 */
is_head: boolean, 
/**
 * Phone.
 */
phone: string, 
/**
 * E-mail.
 */
email: string, 
/**
 * Birth year.
 */
birth_year: number | null, 
/**
 * Relation to the head of the household (続柄: 世帯主, 妻, 長男 …); empty when not given.
 */
relation: string, 
/**
 * Notes.
 */
notes: string, };

export type Plan = { 
/**
 * The version's summary.
 */
summary: PlanSummary, 
/**
 * 目指す姿.
 */
vision: string, 
/**
 * The policies, by number.
 */
policies: Array<Policy>, 
/**
 * Every version of this plan, newest first (for the version switcher).
 */
versions: Array<PlanSummary>, };

export type PlanFileProblem = { 
/**
 * The sheet (計画, 事業, 指標).
 */
sheet: string, 
/**
 * The row as Excel numbers it (0 for a problem with the sheet as a whole).
 */
row: number, 
/**
 * What is wrong and how to fix it.
 */
message: Text, };

export type PlanHit = { 
/**
 * The plan version it belongs to.
 */
plan_id: PlanId, 
/**
 * `action` or `indicator`.
 */
kind: string, 
/**
 * The action's or indicator's ID.
 */
id: string, 
/**
 * `1-①-2 防災訓練の実施`, or the indicator's name.
 */
label: string, };

export type PlanId = string;

export type PlanImportPreview = { 
/**
 * The plan's title.
 */
title: string, 
/**
 * Its period.
 */
period: Text, 
/**
 * Policies in the file.
 */
policies: number, 
/**
 * Measures.
 */
measures: number, 
/**
 * Actions.
 */
actions: number, 
/**
 * Indicators.
 */
indicators: number, 
/**
 * Actual values.
 */
actuals: number, 
/**
 * Partners named in the file and not registered yet: importing registers them.
 */
new_partners: Array<string>, 
/**
 * Every problem; while there is one, nothing can be imported.
 */
problems: Array<PlanFileProblem>, };

export type PlanInput = { 
/**
 * Title.
 */
title: string, 
/**
 * First fiscal year.
 */
start_year: number, 
/**
 * Last fiscal year.
 */
end_year: number, 
/**
 * 目指す姿.
 */
vision: string, };

export type PlanNode = "policy" | "measure" | "action" | "indicator";

export type PlanSummary = { 
/**
 * ID of this version.
 */
id: PlanId, 
/**
 * Shared by every version of the same plan.
 */
lineage: string, 
/**
 * 1 for the plan as first adopted, then one more per revision.
 */
version: number, 
/**
 * Title.
 */
title: string, 
/**
 * First fiscal year.
 */
start_year: number, 
/**
 * Last fiscal year.
 */
end_year: number, 
/**
 * `令和6〜10年度` / `FY2024–FY2028`.
 */
period: Text, 
/**
 * Why this version was made (for a revision).
 */
revision_note: string, 
/**
 * True for an earlier version (read-only).
 */
locked: boolean, 
/**
 * When this version was made (UTC, RFC 3339).
 */
created_at: string, };

export type PlannedFile = { 
/**
 * Its path in the zip.
 */
path: string, 
/**
 * What it is.
 */
title: Text, };

export type Policy = { 
/**
 * ID.
 */
id: PolicyId, 
/**
 * Number (基本方針1).
 */
number: number, 
/**
 * Title.
 */
title: string, 
/**
 * Description.
 */
description: string, 
/**
 * Its measures, by number.
 */
measures: Array<Measure>, };

export type PolicyId = string;

export type PolicyInput = { 
/**
 * Number; the next free one when empty.
 */
number: number | null, 
/**
 * Title.
 */
title: string, 
/**
 * Description.
 */
description: string, };

export type PrintedDocument = { 
/**
 * The PDF file (in the data folder's `printed/`).
 */
path: string, 
/**
 * Whether the system's PDF viewer was started; if not, the window shows the path instead.
 */
opened: boolean, };

export type Progress = { 
/**
 * Which way the target lies.
 */
direction: Direction, 
/**
 * The fiscal year of the latest actual value used (none recorded: `None`).
 */
latest_year: number | null, 
/**
 * That actual value.
 */
latest_value: number | null, 
/**
 * Progress in percent, rounded to one decimal: 0 at the baseline, 100 at the target; below 0 when
 * the actual moved away from the target, above 100 when it went past it. `None` without an actual.
 */
percent: number | null, 
/**
 * The same, held to 0–100 for drawing a bar.
 */
bar: number, 
/**
 * True when the actual has reached the target (or gone past it).
 */
achieved: boolean, };

export type ProjectIncome = { 
/**
 * The application.
 */
application_id: GrantApplicationId, 
/**
 * The income kind on its settlement (`dues`, `project_income`, `donations` …).
 */
kind: string, 
/**
 * The project's name.
 */
name: string, };

export type Protection = "keyring" | "passphrase" | "plain";

export type ProxyHolder = { 
/**
 * Who holds them (議長 when the proxy names no one).
 */
holder: string, 
/**
 * How many.
 */
count: number, };

export type PublicKeyInfo = { 
/**
 * The 32-byte Ed25519 public key, base64 (standard, padded).
 */
public_key: string, 
/**
 * Its fingerprint: the first 16 bytes of its SHA-256 in hex, in groups of four
 * (`3f2a 9c01 …`), short enough to compare by reading aloud.
 */
fingerprint: string, 
/**
 * The public key file to hand to the city.
 */
public_key_file: string, 
/**
 * How the secret half is protected on this PC.
 */
protection: Protection, };

export type Purpose = "officer_list" | "activity_report" | "grant_application" | "change_application" | "performance_report" | "claim";

export type PurposeInfo = { 
/**
 * The purpose.
 */
purpose: Purpose, 
/**
 * Its ID in manifests (`officer_list`).
 */
id: string, 
/**
 * Its name on the command line (`officer-list`).
 */
cli_name: string, 
/**
 * Its title.
 */
title: Text, 
/**
 * What the package holds, in a sentence.
 */
description: Text, 
/**
 * Whether it is made for one record (a grant application) or for the council's year.
 */
record: RecordNeed, };

export type QuarterPlan = { 
/**
 * 1 = April–June … 4 = January–March (of a council whose year starts in April).
 */
quarter: number, 
/**
 * What is done (準備・参加者募集、花植え …).
 */
content: string, };

export type QuorumBasis = "household" | "person";

export type QuorumRule = { 
/**
 * Households or persons.
 */
basis: QuorumBasis, 
/**
 * The fraction's numerator (1 for one half).
 */
numerator: number, 
/**
 * The fraction's denominator (2 for one half).
 */
denominator: number, 
/**
 * True: more than the fraction (過半数); false: the fraction or more (2分の1以上).
 */
strictly_more: boolean, };

export type QuorumStatus = { 
/**
 * The rule applied.
 */
rule: QuorumRule, 
/**
 * The rule in words.
 */
rule_text: Text, 
/**
 * Members (invitees) counted.
 */
members: number, 
/**
 * Present in person.
 */
present: number, 
/**
 * Represented by a proxy.
 */
proxies: number, 
/**
 * Voted in writing.
 */
written_votes: number, 
/**
 * Absent (recorded).
 */
absent: number, 
/**
 * Not yet recorded.
 */
unrecorded: number, 
/**
 * Present + proxies + written votes.
 */
attending: number, 
/**
 * The fewest attending that meets the quorum.
 */
needed: number, 
/**
 * Whether the quorum is met.
 */
met: boolean, 
/**
 * The finding in words, as the minutes print it.
 */
finding: Text, };

export type Receipt = { 
/**
 * The file's name as attached.
 */
file_name: string, 
/**
 * `application/pdf`, `image/jpeg` or `image/png`.
 */
mime: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * SHA-256 of the content (its name in the attachments folder).
 */
sha256: string, };

export type ReceiptWarning = { 
/**
 * What it is about.
 */
kind: ReceiptWarningKind, 
/**
 * What is wrong and what to do.
 */
message: Text, };

export type ReceiptWarningKind = "outside_period" | "no_addressee" | "addressee_uesama" | "addressee_not_council" | "no_description" | "vague_description" | "no_receipt" | "ineligible_from_grant";

export type ReceiptsPerPage = "two" | "four";

export type RecordCount = { 
/**
 * Stable key (`audit_entries`, `households`, …).
 */
key: string, 
/**
 * What is counted, in both languages.
 */
label: Text, 
/**
 * How many.
 */
count: number, };

export type RecordNeed = "none" | "optional" | "required";

export type Review = { 
/**
 * The council's name (the sheet's header).
 */
council_name: string, 
/**
 * The plan version.
 */
plan: PlanSummary, 
/**
 * 目指す姿.
 */
vision: string, 
/**
 * The fiscal year reviewed.
 */
fiscal_year: FiscalYearInfo, 
/**
 * One per measure, in plan order.
 */
measures: Array<ReviewMeasure>, };

export type ReviewAction = { 
/**
 * The action.
 */
action: Action, 
/**
 * Its status in the year (the recorded review, else the action's current status).
 */
status: ActionStatus, 
/**
 * `実施中` — the status as documents write it.
 */
status_ja: string, 
/**
 * True when the year's status was recorded in the review.
 */
reviewed: boolean, 
/**
 * The council's comment for the year.
 */
comment: string, 
/**
 * Scheduled in this year (any quarter).
 */
scheduled: boolean, 
/**
 * Events in the year linked to it (in any version of the plan).
 */
events: Array<ReviewEvent>, };

export type ReviewEvent = { 
/**
 * The event.
 */
id: string, 
/**
 * Title.
 */
title: string, 
/**
 * Its date as documents write it (令和8年7月20日).
 */
date_text: string, 
/**
 * Participants who came (none recorded yet: `None`).
 */
participants: number | null, 
/**
 * True for an event still to come on the day the review is made.
 */
planned: boolean, };

export type ReviewIndicator = { 
/**
 * The indicator.
 */
indicator: Indicator, 
/**
 * The actual of the year, if recorded.
 */
actual: number | null, 
/**
 * Progress as of the year.
 */
progress: Progress, };

export type ReviewMeasure = { 
/**
 * 基本方針1 — its title.
 */
policy: string, 
/**
 * `1-①`.
 */
code: string, 
/**
 * Title.
 */
title: string, 
/**
 * 現状と課題.
 */
current_state: string, 
/**
 * Its actions.
 */
actions: Array<ReviewAction>, 
/**
 * Indicators of the measure and of its actions.
 */
indicators: Array<ReviewIndicator>, };

export type Role = "chair" | "treasurer" | "secretary" | "auditor" | "block_leader" | "reader";

export type RosterField = "household_code" | "block" | "address" | "joined_on" | "name" | "kana" | "is_head" | "phone" | "email" | "birth_year" | "notes" | "ignore";

export type RouteStop = { 
/**
 * The household.
 */
household_id: HouseholdId, 
/**
 * The head's name (the address when it has no head on record).
 */
head_name: string, 
/**
 * The address.
 */
address: string, };

export type RowProblem = { 
/**
 * The spreadsheet's row number (the header row for problems with the column mapping).
 */
row: number, 
/**
 * The column's header, when the problem is in one cell.
 */
column: string | null, 
/**
 * What is wrong and how to fix it.
 */
message: Text, };

export type SavedCopy = { 
/**
 * When.
 */
at: string, 
/**
 * The file written.
 */
path: string, };

export type SavedExport = { 
/**
 * Where it was written.
 */
path: string, 
/**
 * Data rows written.
 */
rows: number, 
/**
 * What to keep in mind before sending the file on.
 */
warning: Text | null, };

export type ScheduleSlot = { 
/**
 * Fiscal year.
 */
fiscal_year: number, 
/**
 * Quarter, 1–4.
 */
quarter: number, };

export type SealMode = "none" | "signature" | "seal";

export type SearchResults = { 
/**
 * The query as searched.
 */
query: string, 
/**
 * Member households (by anyone in them, address, block, phone).
 */
households: Array<MemberRow>, 
/**
 * How many households match in all.
 */
households_total: number, 
/**
 * Partners (by name, contact or what the council does with them).
 */
partners: Array<Partner>, 
/**
 * Past decisions and discussions (motions and minutes), newest first.
 */
decisions: Array<DecisionHit>, 
/**
 * Events (by title, place, organiser, notes), the latest first.
 */
events: Array<Event>, 
/**
 * Plan actions and indicators of the current plans.
 */
plan: Array<PlanHit>, 
/**
 * Grant applications, and expenses by payee and 但し書き.
 */
grants: Array<GrantHit>, };

export type SendReport = { 
/**
 * The package.
 */
package_id: string, 
/**
 * Its title.
 */
title: Text, 
/**
 * Where it stands now.
 */
state: DeliveryState, 
/**
 * In words.
 */
message: Text, };

export type Settings = { 
/**
 * UI language.
 */
language: Language, 
/**
 * UI text size.
 */
text_scale: TextScale, 
/**
 * Who is at the keyboard; recorded with every change.
 */
operator_name: string, 
/**
 * A folder of the council's own document templates, replacing the built-in ones of the same
 * name; empty for the built-in templates only.
 */
template_dir: string, 
/**
 * How date fields show dates.
 */
date_style: DateStyle, };

export type SettingsPatch = { 
/**
 * New UI language.
 */
language?: Language, 
/**
 * New text size.
 */
text_scale?: TextScale, 
/**
 * New operator name.
 */
operator_name?: string, 
/**
 * New template folder; an empty text goes back to the built-in templates.
 */
template_dir?: string, 
/**
 * New date style.
 */
date_style?: DateStyle, };

export type Settlement = { 
/**
 * The application.
 */
application_id: GrantApplicationId, 
/**
 * The budget version the settlement is set against.
 */
budget_version: number | null, 
/**
 * Income lines.
 */
income: Array<SettlementLine>, 
/**
 * Expense lines.
 */
expenses: Array<SettlementLine>, 
/**
 * Budgeted income.
 */
income_budget_total: number, 
/**
 * Actual income.
 */
income_actual_total: number, 
/**
 * Budgeted expenses.
 */
expense_budget_total: number, 
/**
 * Actual expenses.
 */
expense_actual_total: number, 
/**
 * Actual income − actual expenses (a shortfall is negative).
 */
balance: number, 
/**
 * The grant's actual: the final amount once settled, the estimate before.
 */
grant_actual: number, 
/**
 * True once the grant's actual is the final amount.
 */
grant_is_final: boolean, 
/**
 * What keeps the settlement from being final: an income actual not known, a reason not given
 * for a large difference.
 */
missing_reasons: Array<Text>, 
/**
 * True once settled (nothing may change).
 */
locked: boolean, };

export type SettlementInput = { 
/**
 * Income actuals and reasons.
 */
income: Array<IncomeActualInput>, 
/**
 * Expense reasons.
 */
expenses: Array<CategoryReasonInput>, };

export type SettlementLine = { 
/**
 * The income kind, for an income line.
 */
income_kind: IncomeKind | null, 
/**
 * The category, for an expense line.
 */
category: ExpenseCategory | null, 
/**
 * The line's name.
 */
label: Text, 
/**
 * 予算額 (the current budget version).
 */
budget: number, 
/**
 * 決算額.
 */
actual: number, 
/**
 * 増減 (actual − budget).
 */
difference: number, 
/**
 * Where the actual comes from.
 */
source: ActualSource, 
/**
 * The reason for the difference (増減の理由).
 */
reason: string, 
/**
 * True when the difference is large enough to need a reason.
 */
reason_needed: boolean, };

export type Side = "income" | "expense";

export type SourceFormat = "xlsx" | "csv";

export type Statement = { 
/**
 * The account.
 */
account_id: AccountId, 
/**
 * The account's name.
 */
account_name: string, 
/**
 * The fiscal year.
 */
fiscal_year: FiscalYear, 
/**
 * Up to which day.
 */
as_of: string, 
/**
 * Income lines, 款 then its 項.
 */
income: Array<StatementLine>, 
/**
 * Expense lines.
 */
expense: Array<StatementLine>, 
/**
 * 収入合計 (budget, actual).
 */
income_total: [number, number], 
/**
 * 支出合計 (budget, actual).
 */
expense_total: [number, number], 
/**
 * 次年度繰越金 (so far): income − expenses.
 */
carry_over: number, 
/**
 * Each book's balance on `as_of`: (name, balance).
 */
balances: Array<[string, number]>, 
/**
 * True when the budget in force was approved by a meeting.
 */
budget_approved: boolean, 
/**
 * True when the year is closed.
 */
closed: boolean, };

export type StatementLine = { 
/**
 * The 科目.
 */
category_id: CategoryId, 
/**
 * Its name.
 */
name: string, 
/**
 * True for a 項 (indented under its 款).
 */
sub: boolean, 
/**
 * Income or expense.
 */
side: Side, 
/**
 * 予算額: the budget in force, with the transfers between lines (予算現額).
 */
budget: number, 
/**
 * What the transfers between lines (流用, 予備費充用) added (or took, when negative).
 */
moved: number, 
/**
 * 決算額 (or the actual so far).
 */
actual: number, 
/**
 * 増減: actual − budget.
 */
difference: number, 
/**
 * For an expense: spent beyond its budget.
 */
over: boolean, 
/**
 * 説明 (the budget's explanation).
 */
explanation: string, };

export type SubsidyRate = { 
/**
 * The numerator (2 in 2/3).
 */
numerator: number, 
/**
 * The denominator (3 in 2/3).
 */
denominator: number, };

export type SyncReport = { 
/**
 * This PC's records sent.
 */
sent: number, 
/**
 * Other PCs' records applied.
 */
received: number, 
/**
 * Records refused (listed among the conflicts).
 */
refused: number, 
/**
 * Records waiting for a newer version of the app.
 */
waiting: number, 
/**
 * New entries in the conflict list.
 */
conflicts: number, };

export type SyncStatus = { 
/**
 * Whether the council is shared at all.
 */
shared: boolean, 
/**
 * The shared folder.
 */
remote: string, 
/**
 * This PC's device.
 */
device: string, 
/**
 * This PC's role.
 */
role?: Role, 
/**
 * The areas whose changes this PC's window offers (every one when the council is not shared,
 * none on a revoked PC).
 */
may_edit: Array<Area>, 
/**
 * When the last sync succeeded (UTC, RFC 3339).
 */
last_sync?: string, 
/**
 * Why the last sync failed, if it did.
 */
last_error?: Text, 
/**
 * This PC's records not sent yet.
 */
unsent: number, 
/**
 * Records waiting for a newer app (「アプリを更新してください」).
 */
waiting_for_update: number, 
/**
 * Conflicts not looked at yet.
 */
open_conflicts: number, 
/**
 * The PCs.
 */
devices: Array<DeviceInfo>, 
/**
 * Where this PC keeps the shared WebDAV folder's password (a WebDAV folder only).
 */
password?: PasswordKept, };

export type Text = { 
/**
 * Japanese, shown by default.
 */
ja: string, 
/**
 * English, shown when the user switched the UI to English.
 */
en: string, };

export type TextScale = "100" | "125" | "150";

export type TransferInput = { 
/**
 * The book the money leaves.
 */
from_book: BookId, 
/**
 * The book it goes into.
 */
to_book: BookId, 
/**
 * The day.
 */
date: string, 
/**
 * The amount in yen.
 */
amount: number, 
/**
 * 摘要 (預け入れ, 引き出し…).
 */
description: string, };

export type UnsupportedExpense = { 
/**
 * The book's name.
 */
book_name: string, 
/**
 * 伝票番号.
 */
voucher_no: number, 
/**
 * The day.
 */
date: string, 
/**
 * 摘要.
 */
description: string, 
/**
 * The amount.
 */
amount: number, };

export type Vote = "for" | "against" | "abstain";

export type VoteTally = { 
/**
 * Members who sent a written vote.
 */
written_votes: number, 
/**
 * Members represented by a proxy.
 */
proxies: number, 
/**
 * Each motion, in agenda order.
 */
motions: Array<MotionTally>, 
/**
 * The proxies by holder, the most first.
 */
holders: Array<ProxyHolder>, };

export type WrittenVote = { 
/**
 * The motion.
 */
item_id: AgendaItemId, 
/**
 * The vote.
 */
vote: Vote, };
