// Generated from the Rust types by council-core (ts-rs). Do not edit by hand:
// run `make bindings` after changing a type that crosses the IPC boundary.

export type Text = { 
/**
 * Japanese, shown by default.
 */
ja: string, 
/**
 * English, shown when the user switched the UI to English.
 */
en: string, };

export type CouncilId = string;

export type ErrorCode = "validation" | "not_found" | "conflict" | "locked" | "no_council" | "storage" | "damaged";

export type FieldProblem = { 
/**
 * The field's key as the UI names it (`name`, `city`, …).
 */
field: string, 
/**
 * What is wrong and what to enter instead.
 */
message: Text, };

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

export type Language = "ja" | "en";

export type TextScale = "100" | "125" | "150";

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
operator_name: string, };

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
operator_name?: string, };

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

export type AuditAction = "create" | "update" | "delete" | "restore";

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
 * One readable line.
 */
summary: string, 
/**
 * The record before, as JSON text.
 */
before: string | null, 
/**
 * The record after, as JSON text.
 */
after: string | null, };

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
 * The database file inside it.
 */
database_file: string, 
/**
 * The app's version.
 */
app_version: string, };

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

export type CouncilInfo = { 
/**
 * The council's name.
 */
name: string, 
/**
 * True for the demo council.
 */
is_demo: boolean, 
/**
 * The current fiscal year.
 */
fiscal_year: FiscalYearInfo, 
/**
 * The database file.
 */
database_file: string, 
/**
 * Record counts.
 */
counts: Array<RecordCount>, };

export type BackupReason = "daily" | "manual" | "before_restore" | "before_migration" | "before_import" | "before_bulk_change";

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

export type RestoreOutcome = { 
/**
 * The backup now in use.
 */
restored: BackupInfo, 
/**
 * The copy of the data it replaced (none when the data folder was empty).
 */
safety_copy: BackupEntry | null, };

export type IntegrityReport = { 
/**
 * True when SQLite found nothing wrong.
 */
ok: boolean, 
/**
 * The file checked.
 */
database_file: string, 
/**
 * What SQLite reported, when something is wrong (at most the first 20 lines).
 */
problems: Array<string>, 
/**
 * When damaged: the newest backup that passed its own check, to restore.
 */
newest_good_backup: BackupEntry | null, };

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
