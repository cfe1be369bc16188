//! Home: what needs attention now, gathered from every aggregate in one call — the next meetings,
//! open and overdue action items, and how old the backups are. (Upcoming events, dues and counts come
//! from their own modules' calls.)
//!
//! Home's slowest figures on a large council — the year's dues and today's households by block — are
//! kept ([`Figures`]) until the data changes, and in the data folder's `cache/` for the next opening,
//! so the window can show them at once while it starts.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_store::backup::{self, BackupEntry};
use council_store::data_dir::DataDir;
use council_store::store::Memo;

use crate::calendar::FiscalYear;
use crate::dues::{self, DuesOverview};
use crate::error::Result;
use crate::meetings::{self, ActionItem, ActionItemStatus, MeetingSummary};
use crate::members::{self, HouseholdCounts};
use crate::text::Text;

/// After this many days without a copy outside the PC, Home asks for one.
pub const COPY_OUT_DAYS: i64 = 30;

/// What Home shows as needing attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HomeSummary {
    /// The next meetings from today on, soonest first.
    pub next_meetings: Vec<MeetingSummary>,
    /// Action items still open (across meetings).
    pub open_actions: u32,
    /// Open action items past their due date, the longest overdue first.
    pub overdue_actions: Vec<ActionItem>,
    /// The newest backup in the data folder.
    pub last_backup: Option<BackupEntry>,
    /// How many days since the newest backup.
    pub backup_age_days: Option<i64>,
    /// How many days since a backup was last saved outside the data folder (never: `None`).
    pub copy_out_age_days: Option<i64>,
    /// Set when no backup has left the PC for [`COPY_OUT_DAYS`] days (or ever): what to do.
    pub backup_warning: Option<Text>,
}

/// Gathers Home's attention list as of `now` (`today` is its day in the council's time zone).
pub fn summary(conn: &Connection, data_dir: &DataDir, now: DateTime<Utc>, today: NaiveDate) -> Result<HomeSummary> {
    let next_meetings = meetings::upcoming(conn, today, 3)?;
    let open: Vec<ActionItem> =
        meetings::action_items(conn, true, today)?.into_iter().filter(|a| a.status == ActionItemStatus::Open).collect();
    let mut overdue: Vec<ActionItem> = open.iter().filter(|a| a.overdue).cloned().collect();
    overdue.sort_by_key(|a| a.due_on);
    overdue.truncate(5);
    let last_backup = backup::list(data_dir)?.into_iter().next();
    let days = |at: DateTime<Utc>| (now - at).num_days().max(0);
    let backup_age_days = last_backup.as_ref().map(|b| days(b.created_at));
    let copy_out_age_days = crate::settings::last_copy_out(conn)?.map(days);
    let backup_warning = match copy_out_age_days {
        None => Some(Text::new(
            "バックアップをまだ USB メモリーなどに保存していません。パソコンが壊れても名簿や記録を失わないよう、設定の「バックアップ」から保存してください。",
            "No backup has been saved to a USB stick or another place yet. Save one from Settings → Backups, so the roster and records survive if this PC fails.",
        )),
        Some(d) if d >= COPY_OUT_DAYS => Some(Text::new(
            format!(
                "USB メモリーなどにバックアップを保存してから{d}日たちました。設定の「バックアップ」から新しく保存してください。"
            ),
            format!(
                "It is {d} days since a backup was last saved to a USB stick or another place. Save a new one from Settings → Backups."
            ),
        )),
        Some(_) => None,
    };
    Ok(HomeSummary {
        next_meetings,
        open_actions: u32::try_from(open.len()).unwrap_or(u32::MAX),
        overdue_actions: overdue,
        last_backup,
        backup_age_days,
        copy_out_age_days,
        backup_warning,
    })
}

/// Home's slowest figures, kept until the data changes and in the data folder's `cache/` between
/// openings (each valid only for the version of the data it was worked out from).
#[derive(Debug)]
pub struct Figures {
    dues_overview: Memo<(FiscalYear, u32), DuesOverview>,
    household_counts: Memo<(NaiveDate, NaiveDate), HouseholdCounts>,
}

impl Figures {
    /// The figures of the data folder `dir`, kept in its `cache/`.
    pub fn kept_in(dir: &DataDir) -> Self {
        Self {
            dues_overview: Memo::kept_in(dir.cache().join("dues-overview.json")),
            household_counts: Memo::kept_in(dir.cache().join("household-counts.json")),
        }
    }

    /// The year's dues by block (default: the current fiscal year on `today`).
    pub fn dues_overview(&self, conn: &Connection, fiscal_year: Option<i32>, today: NaiveDate) -> Result<DuesOverview> {
        let (fy, m) = crate::council::fiscal_year_or_current(conn, fiscal_year, today)?;
        self.dues_overview.get_or(conn, (fy, m), || dues::overview(conn, fy, m))
    }

    /// Member households on a date (default `today`) by block, with the fiscal year's joins and leaves.
    pub fn household_counts(
        &self,
        conn: &Connection,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<HouseholdCounts> {
        let start_month = crate::council::start_month(conn)?;
        let as_of = as_of.unwrap_or(today);
        let year_start = FiscalYear::of(as_of, start_month).start(start_month);
        self.household_counts.get_or(conn, (as_of, year_start), || members::counts(conn, as_of, year_start))
    }

    /// Works out both figures for `today` unless they are kept already, so that the next opening finds
    /// them in the data folder's `cache/`. The app calls it as it closes: a change made since Home was
    /// last shown would otherwise leave the next start to work them out (≈ 45 ms on a large council).
    pub fn keep(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        self.dues_overview(conn, None, today)?;
        self.household_counts(conn, None, today)?;
        Ok(())
    }
}
