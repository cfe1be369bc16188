//! `council`: Council Desk's use cases without a window, for scripts, support and the city's clerks.
//! Every command works on the same data folder as the desktop app unless `--data` says otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use council_core::council::{CouncilKind, CouncilProfileInput};
use council_core::data_dir::DataDir;
use council_core::{Desk, clock};

/// Council Desk (地域協働デスク) from the command line.
#[derive(Debug, Parser)]
#[command(name = "council", version, about)]
struct Cli {
    /// The council's data folder (default: the app's own per-user data folder, shared with the
    /// desktop window; or $COUNCIL_DESK_DATA).
    #[arg(long, global = true, value_name = "FOLDER")]
    data: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up a new council in the data folder.
    Init(InitArgs),
    /// Create the demo council (さくら台自治会) in an empty data folder.
    Demo,
    /// Show the council's name, the current fiscal year and record counts.
    Info {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("council: {e}");
            if let Some(council_core::Error::Validation { problems, .. }) = e.downcast_ref::<council_core::Error>() {
                for p in problems {
                    eprintln!("  --{}: {}", p.field.replace('_', "-"), p.message);
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = DataDir::resolve(cli.data.as_deref())?;
    let mut desk = Desk::open(data_dir, clock::from_env())?;
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
            let state = desk.set_up_council(&input)?;
            let name = state.council.map(|c| c.name).unwrap_or_default();
            println!("「{name}」を登録しました。データ: {}", state.database_file);
        }
        Command::Demo => {
            let state = desk.set_up_demo()?;
            let name = state.council.map(|c| c.name).unwrap_or_default();
            println!("デモの自治会「{name}」を作成しました。データ: {}", state.database_file);
        }
        Command::Info { json } => {
            let info = desk.info()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&info)?);
            } else {
                println!("自治会: {}{}", info.name, if info.is_demo { "（デモ）" } else { "" });
                println!("年度:   {}（{}）", info.fiscal_year.label_ja, info.fiscal_year.label_en);
                println!("データ: {}", info.database_file);
                for c in &info.counts {
                    println!("{}: {}", c.label.ja, c.count);
                }
            }
        }
    }
    Ok(())
}
