//! The yearly activity report (事業報告書): what the council did in a fiscal year — its members, the
//! events and meetings held, and the community plan's progress — as the council reports it to the
//! 総会 and to the city.
//!
//! [`activity_facts`] gathers the facts once, inside the caller's read (one consistent snapshot);
//! the PDF (`report_data` feeds `activity-report.typ`) and a submission package's machine-readable
//! tables (in `council-submit`) are both made from them, so the paper and the data always agree.
use chrono::NaiveDate;
use council_domain::attachments::Attachment;
use council_domain::calendar::{FiscalYear, wareki};
use council_domain::meetings::{self, MeetingKind, MeetingQuery, MinutesStatus};
use council_domain::money::format_yen;
use council_domain::plan::{self, ActionStatus};
use council_domain::{Read, council, events, members};
use serde::Serialize;

use crate::Header;
use crate::error::Result;
use crate::plan::{percent, quantity};

/// An event held in the year.
#[derive(Debug, Clone, Serialize)]
pub struct HeldEvent {
    /// Its ID.
    pub id: String,
    /// Its first day.
    pub date: NaiveDate,
    /// Its dates as people read them (令和8年7月20日（日）10:00〜12:00).
    pub date_text: String,
    /// Its title.
    pub title: String,
    /// Its kind as printed (防災訓練).
    pub category: String,
    /// Where it was held.
    pub place: String,
    /// Who organised it.
    pub organiser: String,
    /// Participants who came, when recorded.
    pub participants: Option<i64>,
    /// Volunteers, when recorded.
    pub volunteers: Option<i64>,
    /// Cost in yen, when recorded.
    pub cost: Option<i64>,
    /// The plan action it served (`1-①-2 防災訓練の実施`).
    pub action: Option<String>,
    /// Its photos (attachments in the data folder).
    pub photos: Vec<Attachment>,
}

/// A meeting held in the year.
#[derive(Debug, Clone, Serialize)]
pub struct HeldMeeting {
    /// Its ID.
    pub id: String,
    /// Its day.
    pub date: NaiveDate,
    /// Its day as people read it.
    pub date_text: String,
    /// Its kind as printed (総会, 役員会).
    pub kind: String,
    /// True for a 総会 or 臨時総会.
    pub general: bool,
    /// Its title.
    pub title: String,
    /// Where it was held.
    pub place: String,
    /// How many motions it decided.
    pub motions: u32,
    /// True once its minutes are signed.
    pub minutes_signed: bool,
}

/// One block's member households.
#[derive(Debug, Clone, Serialize)]
pub struct BlockHouseholds {
    /// The block.
    pub block: String,
    /// Member households on the counting day.
    pub households: i64,
}

/// One indicator of the plan and how far it has come.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorProgress {
    /// The measure it belongs to (`1-①`).
    pub measure_code: String,
    /// That measure's title.
    pub measure_title: String,
    /// The indicator.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its baseline value.
    pub baseline: f64,
    /// Its target value.
    pub target: f64,
    /// Its target year.
    pub target_year: i32,
    /// The year's actual value, when recorded.
    pub actual: Option<f64>,
    /// Progress in percent (0 at the baseline, 100 at the target), when an actual exists.
    pub progress_percent: Option<f64>,
}

/// One action of the plan and its state in the year.
#[derive(Debug, Clone, Serialize)]
pub struct ActionProgress {
    /// The measure it belongs to.
    pub measure_code: String,
    /// Its code (`1-①-2`).
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its state as printed (完了, 実施中…).
    pub status: String,
    /// True when it is done (完了).
    pub done: bool,
}

/// The community plan's progress in the year.
#[derive(Debug, Clone, Serialize)]
pub struct PlanProgress {
    /// The plan's title.
    pub title: String,
    /// Its version.
    pub version: i32,
    /// Its actions.
    pub actions: Vec<ActionProgress>,
    /// Its indicators.
    pub indicators: Vec<IndicatorProgress>,
}

/// What the council did in one fiscal year.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityFacts {
    /// The fiscal year (2026 for 令和8年度).
    pub fiscal_year: i32,
    /// Its label (令和8年度).
    pub fiscal_year_label: String,
    /// The day things are counted on: the year's last day, or today while the year runs.
    pub as_of: NaiveDate,
    /// Member households on that day.
    pub households: i64,
    /// Households that joined in the year.
    pub joined: i64,
    /// Households that left in the year.
    pub left: i64,
    /// Member households by block.
    pub blocks: Vec<BlockHouseholds>,
    /// The events held (up to the counting day), oldest first.
    pub events: Vec<HeldEvent>,
    /// The meetings held (up to the counting day), oldest first.
    pub meetings: Vec<HeldMeeting>,
    /// The plan's progress, when the council has a plan.
    pub plan: Option<PlanProgress>,
}

/// Gathers the year's facts. Only what happened up to the counting day counts as held: an event
/// planned for next month is not reported as done.
pub fn activity_facts(r: &Read<'_>, fiscal_year: Option<i32>) -> Result<ActivityFacts> {
    let (fy, start_month) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
    let as_of = fy.end(start_month).min(r.today());
    let counts = members::counts_as_of(r, as_of)?;
    let events = events::list(r, fy, start_month)?
        .into_iter()
        .filter(|e| e.starts_on <= as_of)
        .map(|e| HeldEvent {
            id: e.id.0,
            date: e.starts_on,
            date_text: e.when_text.ja,
            title: e.title,
            category: e.category.label_ja().to_owned(),
            place: e.place,
            organiser: e.organiser,
            participants: e.actual_participants,
            volunteers: e.volunteers,
            cost: e.cost,
            action: e.action_label,
            photos: e.photos,
        })
        .collect();
    let query = MeetingQuery { kind: None, fiscal_year: Some(fy.0), text: String::new() };
    let mut meetings: Vec<HeldMeeting> = meetings::list(r, &query, start_month)?
        .meetings
        .into_iter()
        .filter(|m| m.held_on <= as_of)
        .map(|m| HeldMeeting {
            id: m.id.0,
            date: m.held_on,
            date_text: m.date_text.ja,
            kind: m.kind.label_ja().to_owned(),
            general: matches!(m.kind, MeetingKind::General | MeetingKind::ExtraordinaryGeneral),
            title: m.title,
            place: m.place,
            motions: m.motions,
            minutes_signed: m.minutes_status == Some(MinutesStatus::Signed),
        })
        .collect();
    meetings.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let plan = match plan::get_or_current(r, None)? {
        None => None,
        Some(plan) => {
            let review = plan::review_of_year(r, &plan.summary.id, Some(fy.0), r.today())?;
            let mut actions = Vec::new();
            let mut indicators = Vec::new();
            for m in &review.measures {
                actions.extend(m.actions.iter().map(|a| ActionProgress {
                    measure_code: m.code.clone(),
                    code: a.action.code.clone(),
                    name: a.action.name.clone(),
                    status: a.status_ja.clone(),
                    done: a.status == ActionStatus::Done,
                }));
                indicators.extend(m.indicators.iter().map(|i| IndicatorProgress {
                    measure_code: m.code.clone(),
                    measure_title: m.title.clone(),
                    name: i.indicator.name.clone(),
                    unit: i.indicator.unit.clone(),
                    baseline: i.indicator.baseline_value,
                    target: i.indicator.target_value,
                    target_year: i.indicator.target_year,
                    actual: i.actual,
                    progress_percent: i.progress.percent,
                }));
            }
            Some(PlanProgress { title: review.plan.title, version: review.plan.version, actions, indicators })
        }
    };
    Ok(ActivityFacts {
        fiscal_year: fy.0,
        fiscal_year_label: fy.label_ja(),
        as_of,
        households: counts.total,
        joined: counts.joined,
        left: counts.left,
        blocks: counts
            .by_block
            .into_iter()
            .map(|b| BlockHouseholds { block: b.block_name, households: b.households })
            .collect(),
        events,
        meetings,
        plan,
    })
}

/// The data `activity-report.typ` is fed with: the facts, formatted (和暦, yen, figures).
pub(crate) fn report_data(r: &Read<'_>, header: &Header, fiscal_year: i32) -> Result<serde_json::Value> {
    let f = activity_facts(r, Some(fiscal_year))?;
    let count = |n: Option<i64>| n.map(|n| format!("{n}人")).unwrap_or_else(|| "—".into());
    let participants: i64 = f.events.iter().filter_map(|e| e.participants).sum();
    let events: Vec<_> = f
        .events
        .iter()
        .map(|e| {
            serde_json::json!({
                "date": wareki(e.date),
                "title": e.title,
                "category": e.category,
                "place": e.place,
                "participants": count(e.participants),
                "volunteers": count(e.volunteers),
                "cost": e.cost.map(format_yen).unwrap_or_else(|| "—".into()),
            })
        })
        .collect();
    let meetings: Vec<_> = f
        .meetings
        .iter()
        .map(|m| {
            serde_json::json!({
                "date": wareki(m.date),
                "kind": m.kind,
                "title": m.title,
                "place": m.place,
                "motions": if m.motions == 0 { "—".to_owned() } else { format!("{}件", m.motions) },
            })
        })
        .collect();
    let plan = f.plan.as_ref().map(|p| {
        let done = p.actions.iter().filter(|a| a.done).count();
        serde_json::json!({
            "title": p.title,
            "version": p.version,
            "actions": p.actions.len(),
            "done": done,
            "indicators": p.indicators.iter().map(|i| serde_json::json!({
                "measure": i.measure_code,
                "name": i.name,
                "target": format!("{}（{}）", quantity(i.target, &i.unit), FiscalYear(i.target_year).label_ja()),
                "actual": i.actual.map(|v| quantity(v, &i.unit)).unwrap_or_else(|| "—".into()),
                // Blank when the year has no actual: a percentage from an earlier year would mislead.
                "progress": i.actual.and(i.progress_percent).map(percent).unwrap_or_default(),
            })).collect::<Vec<_>>(),
        })
    });
    Ok(serde_json::json!({
        "header": header,
        "as_of": wareki(f.as_of),
        "households": f.households,
        "joined": f.joined,
        "left": f.left,
        "blocks": f.blocks.iter().map(|b| serde_json::json!({ "name": b.block, "households": b.households })).collect::<Vec<_>>(),
        "events": events,
        "participants": format!("{participants}人"),
        "meetings": meetings,
        "plan": plan,
    }))
}
