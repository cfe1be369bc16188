//! `council`: Council Desk's use cases without a window, for scripts, support and the city's clerks.
//! Every command works on the same data folder as the desktop app unless `--data` says otherwise.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use council_docs::{DocumentKind, DocumentRequest, RecordNeed};
use council_domain::council::{self, CouncilKind, CouncilProfileInput};
use council_domain::{Error, MODEL, Session, clock, folder};
use council_io::open_data::OpenDataFormat;
use council_store::backup::{self, BackupEntry, BackupInfo, BackupReason};
use council_store::data_dir::DataDir;
use council_store::handover::{self, HandoverInfo};

/// Exit code of `council check` when the data is damaged (1 is any other failure).
const EXIT_DAMAGED: u8 = 2;
use council_io::roster::{self, Encoding, ExportEncoding, ExportFormat, ExportScope, OnDuplicate};

/// Council Desk (地域協働デスク) from the command line.
#[derive(Debug, Parser)]
#[command(name = "council", version, about)]
struct Cli {
    /// The council's data folder (default: $COUNCIL_DESK_DATA, else the folder chosen in the desktop
    /// window's Settings, else the app's own per-user data folder — shared with the window either way).
    #[arg(long, global = true, value_name = "FOLDER")]
    data: Option<PathBuf>,

    /// The signing key's passphrase (the file's first line): on a PC without a keyring the key is
    /// protected by it, and signing a package (or handing the key over) needs it.
    #[arg(long, global = true, value_name = "FILE")]
    key_passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

/// `council render <document> [--id <record>] [--year <FY>] --out FILE.pdf`.
#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// The document (roster, officers, counts, collection, receipt…).
    document: Option<String>,
    /// The record it is printed for (a household for a receipt, a block for a collection sheet…).
    #[arg(long, value_name = "RECORD")]
    id: Option<String>,
    /// The fiscal year (2026 for 令和8年度); the current one when absent.
    #[arg(long, value_name = "FY")]
    year: Option<i32>,
    /// The council's account (its name, e.g. 一般会計, or its ID), for the accounts' papers; the
    /// general account when absent.
    #[arg(long, value_name = "NAME", conflicts_with = "id")]
    account: Option<String>,
    /// One month of the fiscal year (1–12), for the cash book.
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=12))]
    month: Option<u32>,
    /// The day the paper is as of (the household counts, the report of member households, the
    /// change of representative), as YYYY-MM-DD; today when absent.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<chrono::NaiveDate>,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    out: Option<PathBuf>,
    /// Also write each page as a PNG picture into this folder (page-1.png, page-2.png…).
    #[arg(long, value_name = "FOLDER")]
    png: Option<PathBuf>,
    /// List the documents instead.
    #[arg(long)]
    list: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up a new council in the data folder.
    Init(InitArgs),
    /// Create the demo council (さくら台自治会) in an empty data folder.
    Demo {
        /// standard: about 250 households; large: 10,000 households / ~30,000 persons (benchmarks).
        #[arg(long, value_enum, default_value_t = ScaleArg::Standard)]
        scale: ScaleArg,
        /// End the demo instead: keep its data as a backup and leave the data folder empty, to
        /// start the council's own data (`council init`).
        #[arg(long, conflicts_with = "scale")]
        end: bool,
    },
    /// Show the council's name, the current fiscal year and record counts.
    Info {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Take a backup now: into the data folder's backups/, or to FILE with --out.
    Backup {
        /// Write the backup to this file instead (never overwrites an existing file).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the backups in the data folder, newest first.
    Backups {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Replace the data with a backup's, after showing what it holds and backing up the current data.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Do not ask for confirmation (needed when not run from a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Check the data file's integrity; exits with 2 when it is damaged.
    Check {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Import records from a file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export records to a file.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Typeset a document as an A4 PDF (`council render --list` names them).
    Render(RenderArgs),
    /// Share the council's data with other officers' PCs through a shared folder.
    Sync {
        #[command(subcommand)]
        what: SyncWhat,
    },
    /// Hand the council over to the next officer's PC: one file with everything (引き継ぎ).
    Handover {
        #[command(subcommand)]
        what: HandoverWhat,
    },
    /// Submission packages for the city (提出パッケージ): build one, see its checklist, the council's key.
    Package {
        #[command(subcommand)]
        what: PackageWhat,
    },
    /// The outbox (送信箱): packages waiting to be delivered, sending them, and where they go.
    Outbox {
        #[command(subcommand)]
        what: OutboxWhat,
    },
    /// Check a submission package as the city does: its signature, every file's hash, anything
    /// changed, missing or added, and who sent it. Exits with 0 when the package is intact and its
    /// sender confirmed, 1 when it is refused or does not match, 2 when it is intact but the sender is
    /// not confirmed yet (the council's first package: compare the fingerprint by phone, then give
    /// the key with --key).
    Verify {
        /// The package (.zip).
        file: PathBuf,
        /// The council's registered public key: its .pub file, or the key in base64. The package must
        /// be signed with it, and it is remembered as the council's confirmed key.
        #[arg(long, value_name = "KEY")]
        key: Option<String>,
        /// The list of councils and their keys (default: known-councils.json in the user's settings
        /// folder). A council's first package puts its key there; later ones must be signed with it.
        #[arg(long, value_name = "FILE")]
        known: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum SyncWhat {
    /// Start sharing from this PC (the first one): a plain or synced folder, a NAS share, a USB stick,
    /// or a WebDAV folder (Nextcloud and the like).
    Setup {
        /// The shared folder (empty, or not there yet).
        #[arg(long, value_name = "PATH", required_unless_present = "webdav", conflicts_with = "webdav")]
        folder: Option<PathBuf>,
        /// A WebDAV folder's URL instead (https://…); the password is read from --password-file.
        #[arg(long, value_name = "URL", requires = "user")]
        webdav: Option<String>,
        /// The WebDAV user.
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// A file whose first line is the WebDAV password.
        #[arg(long, value_name = "FILE", requires = "webdav")]
        password_file: Option<PathBuf>,
        /// The officer using this PC.
        #[arg(long, value_name = "NAME")]
        officer: String,
        /// Their role: chair (会長), treasurer (会計), secretary (書記), auditor (監事), block_leader (班長), reader.
        #[arg(long, value_name = "ROLE", default_value = "chair")]
        role: String,
    },
    /// Invite another PC (the chair's PC only): writes an invitation file protected by a passphrase.
    Invite {
        /// The invitation file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A file whose first line is the one-time passphrase (tell it by phone or in person).
        #[arg(long, value_name = "FILE")]
        passphrase_file: PathBuf,
        /// The officer who will use the new PC.
        #[arg(long, value_name = "NAME")]
        officer: String,
        /// Their role (see `sync setup`).
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// A block leader's block (its name).
        #[arg(long, value_name = "BLOCK")]
        block: Option<String>,
    },
    /// Join a shared council on this PC with an invitation file (into an empty data folder).
    Join {
        /// The invitation file.
        file: PathBuf,
        /// A file whose first line is the invitation's passphrase.
        #[arg(long, value_name = "FILE")]
        passphrase_file: PathBuf,
        /// The officer using this PC.
        #[arg(long, value_name = "NAME")]
        officer: Option<String>,
    },
    /// Send this PC's changes and apply the other PCs' now.
    Now {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Where the sharing stands: the last sync, changes waiting to go, the PCs.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What two PCs changed at the same time, and records refused.
    Conflicts {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict: take the other value (--take-other), or mark it as looked at.
    Resolve {
        /// The conflict's ID (from `sync conflicts`).
        id: String,
        /// Take the other PC's value instead of the one kept.
        #[arg(long)]
        take_other: bool,
    },
    /// Put a snapshot of the shared data in the shared folder now (a PC joining later starts from
    /// it; syncs take one every 1,000 records anyway).
    Snapshot,
    /// Revoke a lost or retired PC (the chair's PC only): its later records are refused.
    Revoke {
        /// The PC's device ID (from `sync status`).
        device: String,
    },
}

#[derive(Debug, clap::Args)]
struct PackageArgs {
    /// What the package is for (officer-list, activity-report, grant-application,
    /// change-application, performance-report, claim).
    #[arg(long, value_name = "PURPOSE")]
    purpose: String,
    /// The record it is for, when the purpose needs one: the grant application's ID for the grant
    /// purposes.
    #[arg(long, value_name = "RECORD")]
    id: Option<String>,
    /// The fiscal year (2026 for 令和8年度); the current one when absent.
    #[arg(long, value_name = "FY")]
    year: Option<i32>,
}

#[derive(Debug, Subcommand)]
enum PackageWhat {
    /// Build a package: write it to --out, and/or put it in the outbox with --outbox.
    Build {
        #[command(flatten)]
        request: PackageArgs,
        /// Where to write the .zip (never overwrites an existing file).
        #[arg(long, value_name = "FILE.zip")]
        out: Option<PathBuf>,
        /// Put it in the outbox, to be delivered by `council outbox send` or the window.
        #[arg(long)]
        outbox: bool,
    },
    /// Show a package's checklist: what is required, what is there, what to add.
    Check {
        #[command(flatten)]
        request: PackageArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List the purposes packages are made for.
    Purposes,
    /// Show the council's public key and its fingerprint, for the city to register (made if the
    /// council has never had one).
    Key {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Make the council a new key (the current one is kept in backups/): the city must register
        /// the new one before it accepts packages signed with it.
        #[arg(long)]
        new: bool,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxWhat {
    /// List the packages in the outbox and where each stands.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Try to deliver every waiting or failed package now, and report each. The WebDAV password comes
    /// from $COUNCIL_DESK_DAV_PASSWORD when set, else from the OS keyring. Exits with 1 when any
    /// package was not delivered.
    Send {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Save a package to a folder or USB stick (checked by reading it back).
    Save {
        /// The package's ID (see `council outbox list`).
        id: String,
        /// The folder.
        #[arg(long, value_name = "FOLDER")]
        to: PathBuf,
    },
    /// Send a failed or saved package again.
    Again {
        /// The package's ID.
        id: String,
    },
    /// Set where packages go, or show it without options. The password is read from standard input
    /// with --password-stdin and kept in the OS keyring — never in the data, never as an argument.
    Config {
        /// The WebDAV folder's URL (https://…/).
        #[arg(long, value_name = "URL", requires = "user", conflicts_with_all = ["folder", "clear"])]
        webdav: Option<String>,
        /// The WebDAV user name.
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Read the WebDAV password from standard input (its first line) and keep it in the keyring.
        #[arg(long, requires = "webdav")]
        password_stdin: bool,
        /// Deliver into this folder instead (a shared drive).
        #[arg(long, value_name = "FOLDER", conflicts_with = "clear")]
        folder: Option<PathBuf>,
        /// Forget the destination (and its password in the keyring).
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
enum HandoverWhat {
    /// Write the hand-over file: database, settings, attachments and keys/.
    Export {
        /// Where to write it (never overwrites an existing file).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Protect it with the passphrase in this file (its first line; at least 8 characters).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Show what a hand-over file holds, without changing anything.
    Inspect {
        /// The hand-over file.
        file: PathBuf,
        /// The file holding its passphrase, when it is protected.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Open a hand-over file into this PC's data folder.
    Import {
        /// The hand-over file.
        file: PathBuf,
        /// The file holding its passphrase, when it is protected.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Replace a council already in the data folder (it is backed up first).
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportWhat {
    /// The member roster from an Excel (.xlsx) or CSV file. All or nothing: any problem row (listed
    /// with its row number) imports nothing and exits non-zero.
    Roster(ImportRosterArgs),
    /// A cash book kept in Excel (.xlsx) or CSV (日付, 科目, 摘要, 収入, 支出, 残高) into one of the
    /// council's books. Each 科目 of the file goes to the account's 科目 of the same name (or as --map
    /// says); all or nothing: any problem row (listed with its row number) imports nothing.
    Cashbook(ImportCashbookArgs),
}

#[derive(Debug, clap::Args)]
struct ImportCashbookArgs {
    /// The cash-book file (.xlsx, or .csv in UTF-8 or Shift_JIS/CP932).
    file: PathBuf,
    /// The book it goes into, by its name (default: the general account's cash book).
    #[arg(long, value_name = "NAME")]
    book: Option<String>,
    /// The fiscal year of its dates (a date written 4/12 is read in it); the current one when absent.
    #[arg(long, value_name = "FY")]
    year: Option<i32>,
    /// Where a 科目 of the file goes: `FILE科目=会の科目`, `FILE科目=振替` (to the account's other
    /// book) or `FILE科目=-` (left out). May be given more than once.
    #[arg(long = "map", value_name = "FROM=TO")]
    map: Vec<String>,
    /// How a CSV file is encoded (auto: UTF-8 when valid, else CP932).
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Check the file and list what would be imported, without writing anything.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
struct ImportRosterArgs {
    /// The roster file (.xlsx, or .csv in UTF-8 or Shift_JIS/CP932).
    file: PathBuf,
    /// How a CSV file is encoded (auto: UTF-8 when valid, else CP932).
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    encoding: EncodingArg,
    /// Check the file and list what would be imported, without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Leave out households that are already registered (otherwise they stop the import).
    #[arg(long)]
    skip_duplicates: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(alias = "sjis", alias = "shift_jis")]
    Cp932,
}

#[derive(Debug, Subcommand)]
enum ExportWhat {
    /// The member roster as .xlsx or CSV.
    Roster(ExportRosterArgs),
    /// A year of the council's accounts (the settlement and every book) as one .xlsx workbook.
    Accounts {
        /// The fiscal year (its starting western year, e.g. 2025 for 令和7年度).
        #[arg(long)]
        year: i32,
        /// The account's ID (default: the general account).
        #[arg(long, value_name = "ACCOUNT")]
        account: Option<String>,
        /// The .xlsx file to write (never overwrites an existing file).
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// Every table of the council in a plain format (JSON, one xlsx workbook, or a folder of CSV files).
    All {
        /// json: one document; xlsx: a sheet per table; csv: one UTF-8 file per table in the folder --out.
        #[arg(long, value_enum)]
        format: AllFormatArg,
        /// The file (json, xlsx) or folder (csv) to write; nothing existing is overwritten.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AllFormatArg {
    Json,
    Xlsx,
    Csv,
}

#[derive(Debug, clap::Args)]
struct ExportRosterArgs {
    /// File type.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Encoding of a CSV file (UTF-8 is written with a BOM; CP932 refuses names it cannot hold).
    #[arg(long, value_enum, default_value_t = OutEncodingArg::Utf8)]
    encoding: OutEncodingArg,
    /// full: every field (personal information); city: each household's block and head only.
    #[arg(long, value_enum, default_value_t = ScopeArg::Full)]
    scope: ScopeArg,
    /// Where to write the file.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutEncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(alias = "sjis", alias = "shift_jis")]
    Cp932,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScopeArg {
    Full,
    City,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// The council's name (e.g. さくら台自治会).
    #[arg(long)]
    name: String,
    /// Kind of association.
    #[arg(long, value_enum, default_value_t = Kind::Jichikai)]
    kind: Kind,
    /// The kind's name when --kind other.
    #[arg(long, default_value = "")]
    kind_other: String,
    /// City (市区町村).
    #[arg(long)]
    city: String,
    /// District (地区).
    #[arg(long, default_value = "")]
    district: String,
    /// Address of the council's office or hall.
    #[arg(long, default_value = "")]
    address: String,
    /// Representative's title.
    #[arg(long, default_value = "会長")]
    representative_title: String,
    /// Representative's name.
    #[arg(long)]
    representative: String,
    /// Month the fiscal year starts (1–12).
    #[arg(long, default_value_t = 4)]
    fiscal_year_start_month: u32,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScaleArg {
    Standard,
    Large,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    Jichikai,
    Chonaikai,
    ChikuShinkokai,
    MachizukuriKyogikai,
    Other,
}

impl From<Kind> for CouncilKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Jichikai => CouncilKind::Jichikai,
            Kind::Chonaikai => CouncilKind::Chonaikai,
            Kind::ChikuShinkokai => CouncilKind::ChikuShinkokai,
            Kind::MachizukuriKyogikai => CouncilKind::MachizukuriKyogikai,
            Kind::Other => CouncilKind::Other,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("council: {e}");
            match e.downcast_ref::<Error>() {
                Some(Error::Validation { problems, .. }) => {
                    for p in problems.iter().filter(|p| !matches!(p.field.as_str(), "backup" | "file")) {
                        match p.field.strip_prefix("row.") {
                            Some(row) => eprintln!("行 {row}: {}", p.message),
                            None => eprintln!("  --{}: {}", p.field.replace('_', "-"), p.message),
                        }
                    }
                }
                Some(Error::Damaged { newest_good: Some(b), .. }) => eprintln!("{}", restore_hint(b)),
                _ => {}
            }
            ExitCode::FAILURE
        }
    }
}

/// Typesets one document to a PDF (and, asked, its pages to PNG pictures).
fn render(session: &Session, a: &RenderArgs) -> anyhow::Result<()> {
    let Some(document) = a.document.as_deref() else {
        anyhow::bail!(
            "書類の名前を指定してください（council render --list で一覧） / Name a document (see council render --list)"
        );
    };
    let request = DocumentRequest {
        document: DocumentKind::from_id(document)?,
        record: a.account.clone().or_else(|| a.id.clone()),
        fiscal_year: a.year,
        month: a.month,
        as_of: a.as_of,
    };
    let docs_err = |e: council_docs::Error| match e {
        council_docs::Error::Store(e) => anyhow::Error::from(e),
        other => anyhow::anyhow!("{}", other.text()),
    };
    let typeset = council_docs::produce(session, &request).map_err(docs_err)?;
    let out = match &a.out {
        Some(out) => out.clone(),
        None => PathBuf::from(council_docs::file_name(session, &request).map_err(docs_err)?),
    };
    let pdf = typeset.pdf().map_err(docs_err)?;
    std::fs::write(&out, pdf).with_context(|| format!("could not write {}", out.display()))?;
    // Written like a saved PDF: a notice keeps the day it first went out.
    council_docs::keep_issue_date(session, &request).map_err(docs_err)?;
    println!("{}（{}ページ）を書き出しました / Written: {}", typeset.title, typeset.page_count(), out.display());
    if let Some(dir) = &a.png {
        std::fs::create_dir_all(dir)?;
        for (i, png) in typeset.png_pages(2.0).map_err(docs_err)?.iter().enumerate() {
            std::fs::write(dir.join(format!("page-{}.png", i + 1)), png)?;
        }
    }
    Ok(())
}

/// The command that restores `b`, for messages about damaged data.
fn restore_hint(b: &BackupEntry) -> String {
    format!("  復元するには / To restore it: council restore \"{}\"", b.path)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // A write this PC's role in the sharing does not allow is refused before it commits.
    council_sync::roles::install();
    let data_dir = DataDir::resolve(cli.data.as_deref())?;
    // These work on damaged data too, so they do not open the data folder first.
    match &cli.command {
        Command::Check { json } => return check(&data_dir, *json),
        Command::Render(RenderArgs { list: true, .. }) => {
            for kind in DocumentKind::ALL {
                let info = kind.info();
                let record = match info.record {
                    RecordNeed::None => String::new(),
                    RecordNeed::Optional => format!(" [--id <{}>]", info.record_kind),
                    RecordNeed::Required => format!(" --id <{}>", info.record_kind),
                };
                println!("{:<12} {}{record}  ({})", info.id, info.title.ja, info.title.en);
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Backups { json } => {
            list_backups(&backup::list(&data_dir)?, *json)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Restore { file, yes } => {
            restore(data_dir, file, *yes)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Handover { what: HandoverWhat::Inspect { file, passphrase_file, json } } => {
            let info =
                folder::inspect_handover(&data_dir, file, read_passphrase(passphrase_file.as_deref())?.as_deref())?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&info)?);
            } else {
                print_handover(&info);
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Verify { file, key, known, json } => return verify(file, key.as_deref(), known.as_deref(), *json),
        Command::Package { what: PackageWhat::Purposes } => {
            for p in council_submit::Purpose::ALL {
                let info = p.info();
                println!("{:<16} {}（{}）  {}", info.cli_name, info.title.ja, info.title.en, info.description.ja);
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Outbox { what } if !matches!(what, OutboxWhat::Send { .. }) => {
            outbox_command(&data_dir, what)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Outbox { what: OutboxWhat::Send { json } } => return outbox_send(&data_dir, *json),
        Command::Handover { what: HandoverWhat::Import { file, passphrase_file, replace } } => {
            let passphrase = read_passphrase(passphrase_file.as_deref())?;
            let clock = clock::from_env();
            let outcome = handover::import(&data_dir, clock.now(), file, passphrase.as_deref(), *replace, &MODEL)?;
            print_handover(&outcome.imported);
            // A key that came with the hand-over is protected by its passphrase: where this PC has a
            // keyring, it moves there now (nothing to type when signing).
            if let Some(p) = &passphrase {
                let lock = council_submit::keys::KeyLock::of_this_pc(Some(secrecy::SecretString::from(p.clone())));
                if let Ok(Some(key)) = council_submit::keys::CouncilKey::load(&data_dir, &lock)
                    && key.public_info().protection == council_submit::keys::Protection::Passphrase
                {
                    println!(
                        "署名の鍵は引き継ぎの合言葉で守られています（このパソコンにはキーリングがありません）。提出のときは --key-passphrase-file でその合言葉を渡してください。 / \
                         The signing key is protected by the hand-over's passphrase (this PC has no keyring): give it with --key-passphrase-file when signing."
                    );
                }
            }
            if let Some(copy) = &outcome.safety_copy {
                println!("置き換える前のデータを保存しました / The replaced data was saved: {}", copy.path);
            }
            println!(
                "「{}」を引き継ぎました。データ: {} / The council was taken over.",
                outcome.imported.contents.council_name,
                data_dir.database().display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let session = council_domain::open(data_dir, clock::from_env())?;
    if let Some(notice) = session.startup_notice() {
        eprintln!("council: {notice}");
    }
    match cli.command {
        Command::Init(a) => {
            let input = CouncilProfileInput {
                name: a.name,
                kind: a.kind.into(),
                kind_other: a.kind_other,
                city: a.city,
                district: a.district,
                address: a.address,
                representative_title: a.representative_title,
                representative_name: a.representative,
                fiscal_year_start_month: a.fiscal_year_start_month,
            };
            let council = session.write(|w| council::create(w, &input, false))?;
            println!("「{}」を登録しました。データ: {}", council.name, session.dir().database().display());
        }
        Command::Demo { end: true, .. } => {
            let entry = folder::end_demo(&session)?;
            println!(
                "デモを終えました。デモのデータはバックアップ {} に残しています。council init で自分の自治会を始めてください。 / The demo is over; its data is kept in the backup {}. Start your council with council init.",
                entry.path, entry.path
            );
        }
        Command::Demo { scale, .. } => {
            let scale = match scale {
                ScaleArg::Standard => council_demo::Scale::Standard,
                ScaleArg::Large => council_demo::Scale::Large,
            };
            let attachments = session.dir().attachments();
            session.write(|w| council_demo::create_scaled(w, &attachments, scale))?;
            let name = session.read(|r| council::require(r))?.name;
            println!("デモの自治会「{name}」を作成しました。データ: {}", session.dir().database().display());
        }
        Command::Info { json } => {
            let info = folder::info(&session)?;
            if json {
                // The hash of the shared content: the same on every PC sharing the council once all
                // have synced; and with the roster's personal details in, the same on every PC whose
                // officer keeps the roster.
                let mut value = serde_json::to_value(&info)?;
                value["content_hash"] = serde_json::Value::String(council_sync::share::content_hash(&session)?);
                value["whole_content_hash"] =
                    serde_json::Value::String(council_sync::share::whole_content_hash(&session)?);
                println!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                println!("自治会: {}{}", info.name, if info.is_demo { "（デモ）" } else { "" });
                println!("年度:   {}（{}）", info.fiscal_year.label_ja, info.fiscal_year.label_en);
                println!("データ: {}", info.database_file);
                for c in &info.counts {
                    println!("{}: {}", c.label.ja, c.count);
                }
            }
        }
        Command::Backup { out } => {
            let b = match out {
                Some(path) => folder::backup_to(&session, &path)?,
                None => session.backup_now(BackupReason::Manual)?,
            };
            println!("バックアップを作成しました / Backup written: {}（{}）", b.path, size_text(b.size_bytes));
        }
        Command::Check { .. } | Command::Backups { .. } | Command::Restore { .. } => {
            unreachable!("handled before the data folder is opened")
        }
        Command::Import { what: ImportWhat::Roster(a) } => import_roster(&session, &a)?,
        Command::Import { what: ImportWhat::Cashbook(a) } => import_cashbook(&session, &a)?,
        Command::Export { what: ExportWhat::Roster(a) } => export_roster(&session, &a)?,
        Command::Export { what: ExportWhat::Accounts { year, account, out } } => {
            let account = account.map(council_domain::accounts::AccountId);
            let file = session.read(|r| {
                council_io::accounts_xlsx::export_file(r, account.as_ref(), council_domain::calendar::FiscalYear(year))
            })?;
            write_new(&out, &file.bytes)?;
            println!("書き出しました / Written: {}（{}行）", out.display(), file.rows);
        }
        Command::Export { what: ExportWhat::All { format, out } } => {
            let format = match format {
                AllFormatArg::Json => OpenDataFormat::Json,
                AllFormatArg::Xlsx => OpenDataFormat::Xlsx,
                AllFormatArg::Csv => OpenDataFormat::Csv,
            };
            let export = council_io::open_data::export_recorded(&session, format, &out)?;
            for t in &export.tables {
                println!("  {}: {}", t.label.ja, t.rows);
            }
            println!("全データを書き出しました / Everything was exported: {}", export.path);
            eprintln!("注意: 個人情報を含みます。自治会の中だけで使ってください。 / Contains personal information.");
        }
        Command::Sync { what } => return sync(&session, what),
        Command::Handover { what: HandoverWhat::Export { out, passphrase_file } } => {
            let passphrase = read_passphrase(passphrase_file.as_deref())?;
            // The signing key travels encrypted under the hand-over's passphrase.
            let keys = match &passphrase {
                Some(p) => council_submit::keys::for_handover(
                    session.dir(),
                    &key_lock(cli.key_passphrase_file.as_deref())?,
                    p,
                )?,
                None => None,
            };
            let info = folder::export_handover(&session, &out, passphrase.as_deref(), keys)?;
            print_handover(&info);
            println!("引き継ぎファイルを書き出しました / Hand-over file written: {}", info.path);
            if !info.encrypted {
                eprintln!(
                    "注意: 合言葉なしのため、ファイルを手にした人は誰でも中身を読めます。--passphrase-file で保護できます。 / \
                     Not protected: anyone with the file can read it. Use --passphrase-file to protect it."
                );
            }
        }
        Command::Render(a) => render(&session, &a)?,
        Command::Package { what } => package_command(&session, what, &key_lock(cli.key_passphrase_file.as_deref())?)?,
        Command::Verify { .. } | Command::Outbox { .. } => unreachable!("handled before the data folder is opened"),
        Command::Handover { what: HandoverWhat::Inspect { .. } | HandoverWhat::Import { .. } } => {
            unreachable!("handled before the data folder is opened")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `council check`: the full integrity check, read-only.
fn check(data_dir: &DataDir, json: bool) -> anyhow::Result<ExitCode> {
    let mut report = backup::check_data(data_dir, &MODEL)?;
    if report.ok {
        // The signing key must be the council's: read without opening the data for use.
        let conn =
            rusqlite::Connection::open_with_flags(data_dir.database(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let recorded = council_domain::settings::signing_key(&conn)?;
        if let Some(problem) = council_submit::keys::CouncilKey::check(data_dir, recorded) {
            report.problems.push(problem);
            report.ok = false;
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if report.ok {
        println!("異常はありません / No problems found: {}", report.database_file);
    } else {
        println!("データファイルが壊れています / The data file is damaged: {}", report.database_file);
        for p in &report.problems {
            println!("  {p}");
        }
        match &report.newest_good_backup {
            Some(b) => {
                println!(
                    "最新の正常なバックアップ / Newest good backup: {}（{}）",
                    b.created_at_text().ja,
                    b.reason.label().ja
                );
                println!("{}", restore_hint(b));
            }
            None => println!("正常なバックアップが見つかりません / No good backup was found."),
        }
    }
    Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(EXIT_DAMAGED) })
}

fn list_backups(list: &[BackupEntry], json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(list)?);
        return Ok(());
    }
    if list.is_empty() {
        println!("バックアップはまだありません / No backups yet.");
    }
    for b in list {
        println!("{}  {}  {:>9}  {}", b.created_at_text().ja, b.reason.label().ja, size_text(b.size_bytes), b.path);
    }
    Ok(())
}

fn print_preview(info: &BackupInfo) {
    println!("復元するバックアップ / Backup to restore: {}", info.path);
    println!("  自治会 / Council:  {}{}", info.council_name, if info.is_demo { "（デモ）" } else { "" });
    println!("  作成 / Taken:      {}（{}）", info.created_at_text.ja, info.created_at_text.en);
    if let Some(r) = info.reason {
        println!("  種類 / Kind:       {}", r.label().ja);
    }
    for c in &info.counts {
        println!("  {} / {}: {}", c.label.ja, c.label.en, c.count);
    }
    println!("  添付ファイル / Attachments: {}", info.attachments);
    println!("  大きさ / Size:     {}", size_text(info.size_bytes));
}

/// `council restore FILE`: preview, confirm, restore (recovering damaged data too).
fn restore(data_dir: DataDir, file: &Path, yes: bool) -> anyhow::Result<()> {
    let info = backup::inspect(file, &MODEL)?;
    print_preview(&info);
    if !yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(
                "確認できないため復元しませんでした。内容を確かめたうえで --yes を付けて実行してください。データは変更していません。 / \
                 Not restored: there is no one to confirm. Check the preview, then run again with --yes. Nothing was changed."
            );
        }
        print!(
            "今のデータをバックアップしてから、このバックアップで置き換えます。続けますか？ / Replace the data (backed up first)? [y/N] "
        );
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "はい") {
            println!("中止しました。データは変更していません。 / Cancelled. Nothing was changed.");
            return Ok(());
        }
    }
    let outcome = match council_domain::open(data_dir.clone(), clock::from_env()) {
        Ok(session) => folder::restore(&session, file)?,
        // Data that cannot be opened (damaged, or not this app's schema) is replaced without opening
        // it: a restore is the way back, whatever is wrong with the data it replaces.
        Err(_) => backup::restore(&data_dir, file, clock::from_env().now(), &MODEL)?,
    };
    if let Some(copy) = &outcome.safety_copy {
        println!("復元前のデータを保存しました / The replaced data was saved: {}", copy.path);
    }
    println!(
        "「{}」のデータを {} の状態に戻しました / Restored the data as of {}.",
        outcome.restored.council_name, outcome.restored.created_at_text.ja, outcome.restored.created_at_text.en
    );
    Ok(())
}

/// The passphrase in `file`: its first line, without the line end (so `echo` and editors both work).
/// What opens the signing key: this PC's keyring, and the passphrase in `file` if one was given.
fn key_lock(file: Option<&Path>) -> anyhow::Result<council_submit::keys::KeyLock> {
    let passphrase = read_passphrase(file)?.map(secrecy::SecretString::from);
    Ok(council_submit::keys::KeyLock::of_this_pc(passphrase))
}

/// `council sync …`.
fn sync(session: &Session, what: SyncWhat) -> anyhow::Result<ExitCode> {
    use council_sync::{Role, share};
    let sync_err = |e: council_sync::Error| anyhow::anyhow!("{}", e.text().ja);
    let role = |text: &str| {
        Role::parse(text).ok_or_else(|| {
            anyhow::anyhow!(
                "役割は chair（会長）, treasurer（会計）, secretary（書記）, auditor（監事）, block_leader（班長）, reader のどれかです / Unknown role: {text}"
            )
        })
    };
    // The officer using this PC in the sharing is whom its changes are recorded under, unless a name
    // was set already.
    let recorded_as_officer = |status: &share::SyncStatus| -> anyhow::Result<()> {
        if let Some(me) = status.devices.iter().find(|d| d.this_pc) {
            session.write(|w| council_domain::settings::name_operator_if_unset(w, &me.officer))?;
        }
        Ok(())
    };
    let print_status = |status: &share::SyncStatus| {
        if !status.shared {
            println!("この自治会はまだ共有していません / Not shared");
            return;
        }
        println!("共有フォルダ / Shared folder: {}", status.remote);
        let last = status.last_sync.as_deref().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
        match last {
            Some(at) => {
                println!("最後の同期 / Last sync: {}", at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
            }
            None => println!("最後の同期 / Last sync: まだ / never"),
        }
        if let Some(e) = &status.last_error {
            println!("前回の同期で / Last attempt: {} / {}", e.ja, e.en);
        }
        println!("送信待ち / Waiting to go out: {}", status.unsent);
        match status.password {
            Some(council_sync::keys::PasswordKept::Keyring) => {
                println!("WebDAV のパスワード / WebDAV password: キーリングに保存 / kept in the keyring")
            }
            Some(council_sync::keys::PasswordKept::DataFolder) => println!(
                "WebDAV のパスワード / WebDAV password: キーリングがないため共有の鍵と一緒にデータフォルダに保存 / no keyring: kept in the data folder with the sharing keys"
            ),
            None => {}
        }
        if status.waiting_for_update > 0 {
            println!(
                "新しい版のアプリで作られた記録が {} 件あります。アプリを更新してください。",
                status.waiting_for_update
            );
        }
        println!("同時に変更された項目 / Conflicts to look at: {}", status.open_conflicts);
        for d in &status.devices {
            println!(
                "  {} {}（{}）{}{}{}",
                d.id,
                d.officer,
                Role::label_ja(d.role),
                if d.roster_details { " 名簿の個人情報あり" } else { "" },
                if d.this_pc { " ← このPC" } else { "" },
                if d.revoked { " [取り消し済み]" } else { "" }
            );
            if let Some(when) = d.clock_ahead.as_deref().and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()) {
                let when = when.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M");
                if d.this_pc {
                    println!(
                        "    このPCの変更の時刻が {when} まで進んでいます。時計が進んでいたか、その後で戻っています。今の日付と時刻が正しければ、そのままで構いません。"
                    );
                } else {
                    println!(
                        "    時計が合っていません：このPCの時計より2日以上先の {when} の変更があります。そのPCとこのPCの日付と時刻を確かめてください。"
                    );
                }
            }
        }
    };
    match what {
        SyncWhat::Setup { folder, webdav, user, password_file, officer, role: r } => {
            let (remote, password) = match (folder, webdav) {
                // Kept as a full path: the window and later commands run from other folders.
                (Some(folder), _) => (
                    council_sync::RemoteConfig::Folder { path: std::path::absolute(&folder)?.display().to_string() },
                    None,
                ),
                (None, Some(url)) => {
                    let password = read_passphrase(password_file.as_deref())?.ok_or_else(|| {
                        anyhow::anyhow!("WebDAV のパスワードを --password-file で渡してください / Give the WebDAV password with --password-file")
                    })?;
                    (council_sync::RemoteConfig::WebDav { url, user: user.unwrap_or_default() }, Some(password))
                }
                (None, None) => anyhow::bail!("--folder か --webdav を指定してください / Give --folder or --webdav"),
            };
            let status = share::setup(session, remote, password.as_deref(), &officer, role(&r)?).map_err(sync_err)?;
            recorded_as_officer(&status)?;
            println!("共有を始めました / Sharing is set up.");
            print_status(&status);
        }
        SyncWhat::Invite { out, passphrase_file, officer, role: r, block } => {
            let passphrase = read_passphrase(Some(&passphrase_file))?.unwrap_or_default();
            let block_id = match block {
                None => None,
                Some(name) => Some(
                    session
                        .read(|r| {
                            use rusqlite::OptionalExtension as _;
                            Ok::<_, Error>(
                                r.query_row("SELECT id FROM block WHERE name = ?1", [&name], |row| {
                                    row.get::<_, String>(0)
                                })
                                .optional()?,
                            )
                        })?
                        .ok_or_else(|| anyhow::anyhow!("班「{name}」が見つかりません / No block named {name}"))?,
                ),
            };
            let bytes =
                share::invite(session, &officer, role(&r)?, block_id.as_deref(), &passphrase).map_err(sync_err)?;
            write_new(&out, &bytes)?;
            println!(
                "招待ファイルを書き出しました / Invitation written: {}\n合言葉はファイルとは別に（電話や手渡しで）伝えてください。",
                out.display()
            );
        }
        SyncWhat::Join { file, passphrase_file, officer } => {
            let passphrase = read_passphrase(Some(&passphrase_file))?.unwrap_or_default();
            let bytes = std::fs::read(&file).with_context(|| {
                format!("招待ファイル {} を読めません / Cannot read {}", file.display(), file.display())
            })?;
            let status = share::join(session, &bytes, &passphrase, officer.as_deref()).map_err(sync_err)?;
            recorded_as_officer(&status)?;
            println!("共有に参加しました / Joined.");
            print_status(&status);
        }
        SyncWhat::Now { json } => {
            let report = share::sync_now(session).map_err(sync_err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!(
                    "同期しました: 送信 {} 件、受信 {} 件、受け付けなかった記録 {} 件、新しい確認事項 {} 件 / Synced: {} sent, {} received, {} refused, {} new conflicts",
                    report.sent,
                    report.received,
                    report.refused,
                    report.conflicts,
                    report.sent,
                    report.received,
                    report.refused,
                    report.conflicts
                );
                if report.waiting > 0 {
                    println!(
                        "新しい版のアプリで作られた記録が {} 件あります。アプリを更新してください。",
                        report.waiting
                    );
                }
            }
        }
        SyncWhat::Status { json } => {
            let status = share::status(session).map_err(sync_err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status)?);
            } else {
                print_status(&status);
            }
        }
        SyncWhat::Conflicts { json } => {
            let list = share::conflicts(session).map_err(sync_err)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!("確認が必要な項目はありません / Nothing to look at");
            } else {
                for c in &list {
                    println!("{}  {} {}", c.id, c.what.ja, c.column);
                    if let (Some(kept), Some(other)) = (&c.kept, &c.other) {
                        println!(
                            "    残した値 / kept: {kept}（{}）  もう一方 / other: {other}（{}）",
                            c.kept_by, c.other_by
                        );
                    }
                    if !c.detail.ja.is_empty() {
                        println!("    {} / {}", c.detail.ja, c.detail.en);
                    }
                }
            }
        }
        SyncWhat::Resolve { id, take_other } => {
            share::resolve(session, &id, take_other).map_err(sync_err)?;
            println!(
                "{}",
                if take_other {
                    "もう一方の値にしました / The other value was taken"
                } else {
                    "確認済みにしました / Marked as looked at"
                }
            );
        }
        SyncWhat::Snapshot => {
            let name = share::snapshot_now(session).map_err(sync_err)?;
            println!("スナップショットを共有フォルダに置きました / Snapshot written: snapshots/{name}");
        }
        SyncWhat::Revoke { device } => {
            share::revoke(session, &device).map_err(sync_err)?;
            share::sync_now(session).ok();
            println!("そのPCの共有を取り消しました / The PC was revoked");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_passphrase(file: Option<&Path>) -> anyhow::Result<Option<String>> {
    let Some(file) = file else { return Ok(None) };
    let text = std::fs::read_to_string(file).map_err(|e| {
        anyhow::anyhow!("合言葉のファイル {} を読めません / Cannot read {}: {e}", file.display(), file.display())
    })?;
    Ok(Some(text.lines().next().unwrap_or_default().to_owned()))
}

fn print_handover(h: &HandoverInfo) {
    println!("引き継ぎファイル / Hand-over file: {}", h.path);
    println!("  自治会 / Council:  {}{}", h.contents.council_name, if h.contents.is_demo { "（デモ）" } else { "" });
    println!("  作成 / Taken:      {}（{}）", h.contents.created_at_text.ja, h.contents.created_at_text.en);
    println!("  保護 / Protected:  {}", if h.encrypted { "合言葉あり / passphrase" } else { "なし / none" });
    for c in &h.contents.counts {
        println!("  {} / {}: {}", c.label.ja, c.label.en, c.count);
    }
    println!("  添付ファイル / Attachments: {}", h.contents.attachments);
    println!("  鍵 / Keys: {}", h.keys.len());
    println!(
        "  提出パッケージ / Submission packages: {}（送信待ち / waiting: {}）",
        h.outbox_packages, h.outbox_waiting
    );
    if let Some(drop_box) = &h.drop_box {
        println!("  送信先 / Drop-box: {drop_box}（パスワードは引き継ぎません / the password is not carried）");
    }
    println!("  大きさ / Size:     {}", size_text(h.size_bytes));
}

/// A size as people read it: `980 B`, `12.3 KB`, `4.5 MB`.
fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

fn import_roster(session: &Session, a: &ImportRosterArgs) -> anyhow::Result<()> {
    let name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A file over the limit is refused before it is read into memory.
    let size = std::fs::metadata(&a.file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", a.file.display()))?.len();
    if size > council_io::limits::MAX_FILE_BYTES as u64 {
        let limit = council_io::limits::MAX_FILE_BYTES >> 20;
        return Err(council_io::limits::over_limit(
            &name,
            format!("ファイルが大きすぎます（{} MB、上限 {limit} MB）。", size >> 20),
            format!("the file is too large ({} MB; the limit is {limit} MB).", size >> 20),
        )
        .into());
    }
    let bytes = std::fs::read(&a.file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", a.file.display()))?;
    let encoding = match a.encoding {
        EncodingArg::Auto => Encoding::Auto,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Cp932 => Encoding::Cp932,
    };
    let on_duplicate = if a.skip_duplicates { OnDuplicate::Skip } else { OnDuplicate::Refuse };
    let preview = session.read(|r| roster::preview_file(r, &bytes, &name, encoding, None, r.today()))?;
    let read_as = match preview.encoding {
        Some(Encoding::Cp932) => "CSV・Shift_JIS（CP932）",
        Some(_) => "CSV・UTF-8",
        None => "Excel",
    };
    println!("名簿ファイル: {name}（{read_as}、見出しは{}行目）", preview.header_row);
    println!("列の対応:");
    for (header, field) in preview.headers.iter().zip(&preview.mapping) {
        println!("  {header} → {}", field.label().ja);
    }
    println!("行 {} / 世帯 {} / 人 {}", preview.rows, preview.households, preview.persons);
    for n in &preview.notices {
        println!("お知らせ: {}", n.ja);
    }
    for d in &preview.duplicates {
        println!("重複 行 {}: {}", d.row, d.reason.ja);
    }
    if let Some(err) = roster::refusal(&preview, on_duplicate) {
        return Err(err.into());
    }
    if a.dry_run {
        println!("確認のみ（--dry-run）: 何も書き込んでいません。問題はありません。");
        return Ok(());
    }
    let summary = roster::import_file(session, &bytes, &name, encoding, Some(preview.mapping), on_duplicate)?;
    println!("{}", summary.message.ja);
    Ok(())
}

/// Reads an import file the person named, refusing one over the size limit before reading it.
fn read_import(file: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let size = std::fs::metadata(file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", file.display()))?.len();
    if size > council_io::limits::MAX_FILE_BYTES as u64 {
        let limit = council_io::limits::MAX_FILE_BYTES >> 20;
        return Err(council_io::limits::over_limit(
            &name,
            format!("ファイルが大きすぎます（{} MB、上限 {limit} MB）。", size >> 20),
            format!("the file is too large ({} MB; the limit is {limit} MB).", size >> 20),
        )
        .into());
    }
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{} を読めません: {e}", file.display()))?;
    Ok((name, bytes))
}

fn import_cashbook(session: &Session, a: &ImportCashbookArgs) -> anyhow::Result<()> {
    use council_domain::accounts;
    use council_io::cashbook::{self, CashbookOptions, CategoryMapping, CategoryTarget};
    let (name, bytes) = read_import(&a.file)?;
    let encoding = match a.encoding {
        EncodingArg::Auto => Encoding::Auto,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Cp932 => Encoding::Cp932,
    };
    let (options, account) = session.read(|r| {
        let all = accounts::list(r)?;
        let found = match &a.book {
            Some(book) => all.iter().find_map(|acc| acc.books.iter().find(|b| &b.name == book).map(|b| (acc, b))),
            None => all
                .iter()
                .find(|acc| acc.kind == accounts::AccountKind::General)
                .and_then(|acc| acc.books.first().map(|b| (acc, b))),
        };
        let Some((account, book)) = found else {
            let names: Vec<&str> = all.iter().flat_map(|acc| acc.books.iter().map(|b| b.name.as_str())).collect();
            return Err(council_domain::Error::NotFound(council_domain::text::Text::new(
                format!("その出納帳はありません。--book に次のいずれかを指定してください: {}", names.join("、")),
                format!("No such book. Give --book one of: {}", names.join(", ")),
            )));
        };
        let (fy, _) = council_domain::council::fiscal_year_or_current(r, a.year, r.today())?;
        let mut categories = Vec::new();
        for m in &a.map {
            let Some((from, to)) = m.split_once('=') else {
                return Err(council_domain::Error::invalid(
                    "map",
                    council_domain::text::Text::new(
                        format!("--map「{m}」は「ファイルの科目=会の科目」の形で書いてください。"),
                        format!("Write --map “{m}” as FROM=TO."),
                    ),
                ));
            };
            let target = match to.trim() {
                "-" => CategoryTarget::Skip,
                "振替" => match account.books.iter().find(|b| b.id != book.id) {
                    Some(other) => CategoryTarget::Transfer { book_id: other.id.clone() },
                    None => CategoryTarget::Skip,
                },
                to => match account.categories.iter().find(|c| c.name == to) {
                    Some(c) => CategoryTarget::Category { id: c.id.clone() },
                    None => {
                        return Err(council_domain::Error::invalid(
                            "map",
                            council_domain::text::Text::new(
                                format!("「{to}」という科目は{}にありません。", account.name),
                                format!("{} has no category “{to}”.", account.name),
                            ),
                        ));
                    }
                },
            };
            categories.push(CategoryMapping { name: from.trim().to_owned(), target: Some(target), rows: 0 });
        }
        let options =
            CashbookOptions { book_id: book.id.clone(), fiscal_year: fy.0, encoding, mapping: None, categories };
        Ok((options, account.name.clone()))
    })?;
    let preview = session.read(|r| cashbook::preview_file(r, &bytes, &name, &options))?;
    println!("出納帳ファイル: {name}（見出しは{}行目）→ {account} {}", preview.header_row, preview.book_name);
    println!("列の対応:");
    for (header, field) in preview.headers.iter().zip(&preview.mapping) {
        println!("  {header} → {}", field.label().ja);
    }
    println!("科目の対応:");
    for c in &preview.categories {
        let to = match &c.target {
            Some(CategoryTarget::Category { id }) => session
                .read(|r| accounts::categories(r, &session.read(|r| accounts::book(r, &options.book_id))?.account_id))?
                .into_iter()
                .find(|k| &k.id == id)
                .map_or_else(String::new, |k| k.name),
            Some(CategoryTarget::Transfer { .. }) => "振替".to_owned(),
            Some(CategoryTarget::Skip) => "取り込まない".to_owned(),
            None => "（未選択: --map で指定してください）".to_owned(),
        };
        println!("  {}（{}行）→ {to}", c.name, c.rows);
    }
    println!(
        "行 {} / 記帳 {} / 振替 {} / 取り込まない {}",
        preview.rows, preview.entries, preview.transfers, preview.skipped
    );
    for n in &preview.notices {
        println!("お知らせ: {}", n.ja);
    }
    for p in &preview.problems {
        eprintln!(
            "  {}行目{}: {}",
            p.row,
            p.column.as_ref().map(|c| format!("（{c}）")).unwrap_or_default(),
            p.message.ja
        );
    }
    if let Some(err) = cashbook::refusal(&preview) {
        return Err(err.into());
    }
    if a.dry_run {
        println!("確認のみ（--dry-run）: 何も書き込んでいません。問題はありません。");
        return Ok(());
    }
    let done = cashbook::import_file(session, &bytes, &name, &options)?;
    println!("{}", done.message.ja);
    Ok(())
}

fn export_roster(session: &Session, a: &ExportRosterArgs) -> anyhow::Result<()> {
    let format = match a.format {
        FormatArg::Xlsx => ExportFormat::Xlsx,
        FormatArg::Csv => ExportFormat::Csv,
    };
    let encoding = match a.encoding {
        OutEncodingArg::Utf8 => ExportEncoding::Utf8,
        OutEncodingArg::Cp932 => ExportEncoding::Cp932,
    };
    let scope = match a.scope {
        ScopeArg::Full => ExportScope::Full,
        ScopeArg::City => ExportScope::City,
    };
    let file = roster::export_file(session, format, encoding, scope)?;
    if let Some(w) = &file.warning {
        eprintln!("注意: {w}");
    }
    write_new(&a.out, &file.bytes)?;
    println!("書き出しました: {}（{}行）", a.out.display(), file.rows);
    Ok(())
}

/// Writes a new file, never over an existing one (like every export), removing what was written
/// when the write fails part-way.
fn write_new(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(out) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} は既にあります。上書きはしません。別の名前にしてください。 / {} already exists and is not overwritten: choose another name.",
            out.display(),
            out.display()
        ),
        Err(e) => anyhow::bail!("{} に書けません / could not write {}: {e}", out.display(), out.display()),
    };
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(out);
        anyhow::bail!("{} に書けません / could not write {}: {e}", out.display(), out.display());
    }
    Ok(())
}

/// The purpose and request named on the command line.
fn package_request(a: &PackageArgs) -> anyhow::Result<council_submit::PackageRequest> {
    Ok(council_submit::PackageRequest {
        purpose: council_submit::Purpose::from_name(&a.purpose)?,
        record: a.id.clone(),
        fiscal_year: a.year,
    })
}

/// `council package build|check|key`.
fn package_command(session: &Session, what: PackageWhat, lock: &council_submit::keys::KeyLock) -> anyhow::Result<()> {
    use council_submit::keys::CouncilKey;
    match what {
        PackageWhat::Build { request, out, outbox } => {
            if out.is_none() && !outbox {
                anyhow::bail!(
                    "書き出し先を指定してください（--out FILE.zip か --outbox） / Say where the package goes: --out FILE.zip and/or --outbox"
                );
            }
            if let Some(out) = &out
                && out.exists()
            {
                anyhow::bail!(
                    "{} は既にあります。上書きはしません。 / {} already exists and is not overwritten.",
                    out.display(),
                    out.display()
                );
            }
            let request = package_request(&request)?;
            council_submit::package::refuse_if_incomplete(session, &request)?;
            let key = CouncilKey::for_council(session, lock)?;
            let package = council_submit::build(session, &request, &key, session.now())?;
            for f in &package.manifest.files {
                println!("  {:<44} {:>10}  {}", f.path, size_text(f.size), f.title.ja);
            }
            if let Some(out) = &out {
                let tmp = out.with_extension("zip.part");
                std::fs::write(&tmp, &package.bytes)
                    .and_then(|()| std::fs::rename(&tmp, out))
                    .with_context(|| format!("could not write {}", out.display()))?;
                println!(
                    "パッケージを書き出しました / Package written: {}（{}）",
                    out.display(),
                    size_text(package.bytes.len() as u64)
                );
            }
            if outbox {
                let entry = council_submit::Outbox::open(session.dir())?.add(&package)?;
                println!("送信箱に入れました / Put in the outbox: {}（{}）", entry.package_id, entry.title.ja);
            }
            println!("パッケージID / Package ID: {}", package.manifest.package_id);
            println!("署名の鍵の指紋 / Signing key fingerprint: {}", package.manifest.key_fingerprint);
        }
        PackageWhat::Check { request, json } => {
            let list = council_submit::checklist(session, &package_request(&request)?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(());
            }
            let year = council_domain::calendar::FiscalYear(list.fiscal_year).label_ja();
            println!("{}（{year}）", list.purpose.title.ja);
            for i in &list.items {
                let mark = match (i.present, i.required) {
                    (true, _) => "✓",
                    (false, true) => "✗",
                    (false, false) => "－",
                };
                let need = if i.required { "必須" } else { "任意" };
                println!("  {mark} {}（{need}）: {}", i.label.ja, i.detail.ja);
            }
            if list.complete {
                println!("必要なものはそろっています / Everything required is there.");
            } else {
                println!("足りないものがあります（✗） / Something required is missing (✗).");
            }
        }
        PackageWhat::Key { json, new } => {
            let key = if new {
                eprintln!(
                    "注意: 新しい鍵を作りました。市に新しい公開鍵を登録し直すまで、この鍵で署名したパッケージは受け付けられません。 / \
                     A new key was made: the city accepts packages signed with it only after registering the new public key."
                );
                CouncilKey::replace_for_council(session, lock)?.public_info()
            } else {
                CouncilKey::public_for_council(session, lock)?
            };
            let info = key;
            if json {
                println!("{}", serde_json::to_string_pretty(&info)?);
            } else {
                println!("公開鍵 / Public key:  {}", info.public_key);
                println!("指紋 / Fingerprint:   {}", info.fingerprint);
                println!("市に届けるファイル / File for the city: {}", info.public_key_file);
            }
        }
        PackageWhat::Purposes => unreachable!("handled before the data folder is opened"),
    }
    Ok(())
}

fn state_text(state: &council_submit::outbox::DeliveryState) -> String {
    use council_submit::outbox::DeliveryState as S;
    match state {
        S::Waiting => "送信待ち / waiting".into(),
        S::Sending => "送信中 / sending".into(),
        S::Delivered { location, .. } => format!("届けました / delivered: {location}"),
        S::Failed { reason, .. } => format!("送れませんでした / failed: {reason}"),
        S::SavedToFolder { path, .. } => format!("フォルダーに保存 / saved to folder: {path}"),
    }
}

/// `council outbox list|save|again|config`.
fn outbox_command(data_dir: &DataDir, what: &OutboxWhat) -> anyhow::Result<()> {
    use council_submit::secrets::{KeyringSecrets, SecretStore as _};
    use council_submit::transport::DestinationConfig;
    let outbox = council_submit::Outbox::open(data_dir)?;
    match what {
        OutboxWhat::List { json } => {
            let list = outbox.list()?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(());
            }
            if list.is_empty() {
                println!("送信箱は空です / The outbox is empty.");
            }
            for e in &list {
                println!("{}  {}  {}", e.package_id, e.title.ja, size_text(e.size));
                println!("    {}", state_text(&e.state));
                if let (council_submit::outbox::DeliveryState::Waiting, Some(err)) = (&e.state, &e.last_error) {
                    println!("    前回 / last attempt: {err}");
                }
            }
        }
        OutboxWhat::Save { id, to } => {
            let e = outbox.save_to_folder(id, to)?;
            println!("{} — {}", e.title.ja, state_text(&e.state));
            if let Some(copy) = e.copies.last() {
                println!("保存しました / Saved: {}", copy.path);
            }
        }
        OutboxWhat::Again { id } => {
            let e = outbox.send_again(id)?;
            println!("{} — {}", e.title.ja, state_text(&e.state));
        }
        OutboxWhat::Config { webdav, user, password_stdin, folder, clear } => {
            let keyring = KeyringSecrets::default();
            if *clear {
                if let Some(old) = DestinationConfig::load(data_dir)?
                    && let Some(account) = old.secret_account()
                {
                    // A keyring that is not there holds no password to forget.
                    let _ = keyring.delete(&account);
                }
                DestinationConfig::clear(data_dir)?;
                println!("送信先を消しました / The destination was cleared.");
                return Ok(());
            }
            let config = match (webdav, folder) {
                (Some(url), None) => {
                    Some(DestinationConfig::WebDav { url: url.clone(), user: user.clone().unwrap_or_default() })
                }
                (None, Some(dir)) => {
                    Some(DestinationConfig::Folder { path: std::path::absolute(dir)?.display().to_string() })
                }
                _ => None,
            };
            let Some(config) = config else {
                match DestinationConfig::load(data_dir)? {
                    Some(c) => println!("送信先 / Destination: {}", c.describe()),
                    None => println!("送信先は設定されていません / No destination is set."),
                }
                return Ok(());
            };
            let password = if *password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let saved = config.save_with_password(data_dir, password.as_deref(), &keyring);
            println!("送信先を保存しました / Destination saved: {}", config.describe());
            match saved {
                // A command ends with its run: without a keyring, scripts hand the password in.
                Err(council_submit::Error::Secret(council_submit::secrets::SecretError::Unavailable(_))) => {
                    println!(
                        "このPCにはキーリングがないため、パスワードは保存していません。送るときは環境変数 {0} にパスワードを入れて council outbox send を実行してください。 / This PC has no keyring, so the password was not kept. Put it in the {0} environment variable when running council outbox send.",
                        council_submit::secrets::PASSWORD_ENV
                    );
                }
                Err(e) => return Err(e.into()),
                Ok(()) if password.is_some() => {
                    println!("パスワードをキーリングに保存しました / The password is kept in the keyring.");
                }
                Ok(()) => {}
            }
        }
        OutboxWhat::Send { .. } => unreachable!("handled by outbox_send"),
    }
    Ok(())
}

/// `council outbox send`: one attempt for each waiting or failed package, reported one by one.
fn outbox_send(data_dir: &DataDir, json: bool) -> anyhow::Result<ExitCode> {
    use council_submit::outbox::DeliveryState;
    use council_submit::transport::{DestinationConfig, WebDavOptions};
    let config = DestinationConfig::load(data_dir)?.ok_or(council_submit::Error::NoDestination)?;
    let destination = match config.open_for_delivery(WebDavOptions::default()) {
        Ok(destination) => destination,
        Err(e) => {
            // The window asks for a missing password; a command says how a script hands it in.
            let env = council_submit::secrets::PASSWORD_ENV;
            if config.secret_account().is_some() && std::env::var(env).is_err() {
                eprintln!(
                    "コマンドから送るときは、環境変数 {env} にパスワードを入れて実行してください。 / When sending from a command, put the password in the {env} environment variable."
                );
            }
            return Err(e.into());
        }
    };
    let outbox = council_submit::Outbox::open(data_dir)?;
    outbox.set_destination(Some(destination));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let reports = runtime.block_on(outbox.send_now())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        if reports.is_empty() {
            println!("送るものはありません / Nothing to send.");
        }
        for r in &reports {
            println!("{}  {}", r.package_id, r.title.ja);
            println!("    {}", r.message);
        }
    }
    let all_delivered = reports.iter().all(|r| matches!(r.state, DeliveryState::Delivered { .. }));
    Ok(if all_delivered { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `council verify PACKAGE.zip [--key KEY] [--known FILE]`.
fn verify(file: &Path, key: Option<&str>, known: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    use council_submit::known::KnownCouncils;
    use council_submit::verify::FileStatus;
    let given = match key {
        None => None,
        Some(k) => {
            let text = if Path::new(k).is_file() { std::fs::read_to_string(k)? } else { k.to_owned() };
            Some(council_submit::keys::parse_public_key(&text).ok_or_else(|| {
                anyhow::anyhow!(
                    "--key は公開鍵のファイル（.pub）か、base64 の公開鍵を指定してください / --key takes the .pub file or the base64 public key"
                )
            })?)
        }
    };
    let list_path = match known {
        Some(p) => p.to_owned(),
        None => KnownCouncils::default_path().ok_or_else(|| {
            anyhow::anyhow!(
                "自治会の鍵の一覧を置く場所がありません。--known で一覧のファイルを指定してください / there is no settings folder for the list of councils' keys: name the list's file with --known"
            )
        })?,
    };
    let refuse = |e: &council_submit::Error| {
        if json {
            println!("{}", serde_json::json!({ "ok": false, "confirmed": false, "refused": e.text() }));
        } else {
            println!("✗ {}", e.text().ja);
            println!("✗ {}", e.text().en);
        }
        ExitCode::FAILURE
    };
    let mut list = match KnownCouncils::load(&list_path) {
        Ok(l) => l,
        Err(e) => return Ok(refuse(&e)),
    };
    let report = match council_submit::verify::verify_file(file, given.as_ref()) {
        Ok(r) => r,
        Err(e) => return Ok(refuse(&e)),
    };
    let signer = council_submit::keys::parse_public_key(&report.signer.public_key)
        .ok_or_else(|| anyhow::anyhow!("the signer's key was checked but cannot be read back"))?;
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let sender = match list.judge(&report.manifest, &signer, given.as_ref(), &now) {
        Ok(s) => s,
        Err(e) => return Ok(refuse(&e)),
    };
    // A package that does not match its manifest teaches the list nothing.
    if report.ok
        && let Err(e) = list.save()
    {
        return Ok(refuse(&e));
    }
    let m = &report.manifest;
    let council_name = format!("{}（{}）", m.council.name, m.council.city);
    let sender_text = sender.describe(&council_name, &report.signer.fingerprint);
    let code = if !report.ok {
        ExitCode::FAILURE
    } else if sender.confirmed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    };
    if json {
        let mut value = serde_json::to_value(&report)?;
        value["confirmed"] = serde_json::json!(sender.confirmed());
        value["sender"] = serde_json::to_value(&sender)?;
        value["sender_text"] = serde_json::to_value(&sender_text)?;
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(code);
    }
    println!("パッケージ / Package:  {} ({})", m.package_id, file.display());
    println!("提出の種類 / Purpose:  {}（{}）", m.purpose_title.ja, m.fiscal_year_label);
    println!("自治会 / Council:      {council_name}");
    println!("作成 / Made:           {}  (Council Desk {})", m.created_at, m.app_version);
    println!("鍵の指紋 / Fingerprint: {}", report.signer.fingerprint);
    println!("送り主 / Sender:       {}", sender_text.ja);
    println!("                       {}", sender_text.en);
    println!("内容 / Contents:");
    for f in &report.files {
        let mark = match &f.status {
            FileStatus::Ok => "✓",
            FileStatus::Changed { .. } => "✗ 変更 / changed",
            FileStatus::Missing => "✗ なし / missing",
            FileStatus::Damaged { .. } => "✗ 破損 / damaged",
        };
        println!("  {mark:<3} {:<44} {:>10}  {}", f.path, size_text(f.size), f.title.ja);
    }
    for extra in &report.extra {
        println!("  ✗ 追加 / added  {extra}");
    }
    if !report.ok {
        for p in &report.problems {
            println!("✗ {p}");
        }
    } else if sender.confirmed() {
        println!("✓ 改ざんはなく、送り主も確認できました / The package is intact and its sender confirmed.");
    } else {
        println!(
            "？ 中身は署名どおりですが、送り主は未確認です / The contents match the signature, but the sender is not confirmed."
        );
    }
    Ok(code)
}
