// Generated from the Rust types by council-submit (ts-rs). Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p council-submit --lib bindings` after changing one.

import type { Text, RecordNeed } from './bindings';

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

export type PlannedFile = { 
/**
 * Its path in the zip.
 */
path: string, 
/**
 * What it is.
 */
title: Text, };

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

export type FileKind = "document" | "data_json" | "data_xlsx" | "attachment" | "other";

export type ManifestCouncil = { 
/**
 * The council's stable ID (UUIDv7), the same on every PC its data moves to.
 */
id: string, 
/**
 * Its name.
 */
name: string, 
/**
 * Its city (市区町村).
 */
city: string, 
/**
 * Its district (地区).
 */
district: string, 
/**
 * Its representative's title and name (会長 山田 太郎).
 */
representative: string, };

export type ManifestFile = { 
/**
 * Its path in the zip (ASCII, `/`-separated, no `..`).
 */
path: string, 
/**
 * What it is, in both languages (役員名簿).
 */
title: Text, 
/**
 * Its kind.
 */
kind: FileKind, 
/**
 * Its media type (`application/pdf`).
 */
media_type: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * SHA-256 of its bytes, lowercase hex.
 */
sha256: string, };

export type Manifest = { 
/**
 * Always [`FORMAT_NAME`].
 */
format: string, 
/**
 * The format version ([`FORMAT_VERSION`]).
 */
format_version: number, 
/**
 * The package's ID (UUIDv7): one package, one ID, whatever happens in delivery.
 */
package_id: string, 
/**
 * What it is for (`officer_list`, `activity_report`, …).
 */
purpose: string, 
/**
 * The purpose's title.
 */
purpose_title: Text, 
/**
 * The record it is for, when the purpose needs one (a grant application…).
 */
record?: string, 
/**
 * The council.
 */
council: ManifestCouncil, 
/**
 * The fiscal year (2026 for 令和8年度).
 */
fiscal_year: number, 
/**
 * The fiscal year as printed (令和8年度).
 */
fiscal_year_label: string, 
/**
 * When it was made (UTC, RFC 3339).
 */
created_at: string, 
/**
 * The app version that made it.
 */
app_version: string, 
/**
 * The signing key's fingerprint (also checkable from `manifest.sig`).
 */
key_fingerprint: string, 
/**
 * Every file of the package except `manifest.json` and `manifest.sig`, in zip order.
 */
files: Array<ManifestFile>, };

export type PackageSummary = { 
/**
 * The package's ID.
 */
package_id: string, 
/**
 * Its file name.
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
 * Its files.
 */
files: Array<ManifestFile>, };

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
public_key_file: string, };

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

export type PasswordSource = "none" | "keyring" | "environment";

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

export type SavedCopy = { 
/**
 * When.
 */
at: string, 
/**
 * The file written.
 */
path: string, };

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

export type FileStatus = { "status": "ok" } | { "status": "changed", 
/**
 * Its size now.
 */
actual_size: number, 
/**
 * Its SHA-256 now.
 */
actual_sha256: string, } | { "status": "missing" } | { "status": "damaged", 
/**
 * What the zip reader said.
 */
detail: string, };

export type CheckedFile = { 
/**
 * Its path in the zip.
 */
path: string, 
/**
 * What it is.
 */
title: Text, 
/**
 * Its size as signed.
 */
size: number, 
/**
 * Its SHA-256 as signed.
 */
sha256: string, 
/**
 * How it compares.
 */
status: FileStatus, };

export type Signer = { 
/**
 * The public key the signature was made with (base64).
 */
public_key: string, 
/**
 * Its fingerprint, to compare with the one the council registered.
 */
fingerprint: string, 
/**
 * True when the caller gave the registered key and it is this one; `None` when no key was given
 * (then only the fingerprint tells who signed).
 */
registered: boolean | null, };

export type VerifyReport = { 
/**
 * True when every file matches the signed manifest and nothing was added.
 */
ok: boolean, 
/**
 * The signed manifest.
 */
manifest: Manifest, 
/**
 * The signer.
 */
signer: Signer, 
/**
 * Every file of the manifest, checked.
 */
files: Array<CheckedFile>, 
/**
 * Entries in the zip that the manifest does not list.
 */
extra: Array<string>, 
/**
 * Each problem found, in words (empty when `ok`).
 */
problems: Array<Text>, };
