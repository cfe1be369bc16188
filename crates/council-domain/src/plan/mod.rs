//! The community plan (地域まちづくり計画): a plan version with its vision and its tree of policies
//! (基本方針) → measures (施策, with 現状と課題) → actions (事業), indicators (指標) on measures or
//! actions with an actual value per fiscal year, and the yearly review (進捗管理).
//!
//! Revising a plan copies the whole tree into a new version and locks the earlier one: a locked version
//! stays readable and printable, and every write to it is refused with [`Error::Locked`]. Each node
//! keeps a `lineage` (the ID it had in the first version), so events linked to an action and the
//! yearly review follow that action across revisions.

pub mod progress;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::{FiscalYear, FiscalYearInfo};
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Bool, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::partners::PartnerId;
use crate::text::Text;
use progress::Progress;

id_type!(
    /// A plan version.
    PlanId
);
id_type!(
    /// A basic policy (基本方針).
    PolicyId
);
id_type!(
    /// A measure (施策).
    MeasureId
);
id_type!(
    /// An action (事業).
    ActionId
);
id_type!(
    /// An indicator (指標).
    IndicatorId
);

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// 未着手.
    NotStarted,
    /// 実施中.
    InProgress,
    /// 完了.
    Done,
    /// 休止.
    Paused,
}

impl ActionStatus {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Paused => "paused",
        }
    }

    /// From the stored text.
    pub fn parse(s: &str) -> Self {
        match s {
            "in_progress" => ActionStatus::InProgress,
            "done" => ActionStatus::Done,
            "paused" => ActionStatus::Paused,
            _ => ActionStatus::NotStarted,
        }
    }

    /// The Japanese word documents use.
    pub fn label_ja(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "未着手",
            ActionStatus::InProgress => "実施中",
            ActionStatus::Done => "完了",
            ActionStatus::Paused => "休止",
        }
    }

    /// Reads the Japanese or English word (as spreadsheets write it).
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Paused]
            .into_iter()
            .find(|st| st.label_ja() == s || st.as_str() == s || (s.is_empty() && *st == ActionStatus::NotStarted))
    }
}

/// A plan version in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanSummary {
    /// ID of this version.
    pub id: PlanId,
    /// Shared by every version of the same plan.
    pub lineage: String,
    /// 1 for the plan as first adopted, then one more per revision.
    pub version: i32,
    /// Title.
    pub title: String,
    /// First fiscal year.
    pub start_year: i32,
    /// Last fiscal year.
    pub end_year: i32,
    /// `令和6〜10年度` / `FY2024–FY2028`.
    pub period: Text,
    /// Why this version was made (for a revision).
    pub revision_note: String,
    /// True for an earlier version (read-only).
    pub locked: bool,
    /// When this version was made (UTC, RFC 3339).
    pub created_at: String,
}

/// A partner as an action or event names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartnerRef {
    /// ID.
    pub id: PartnerId,
    /// Name.
    pub name: String,
}

/// When an action runs: a quarter of a fiscal year (1 = April–June … 4 = January–March).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct ScheduleSlot {
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Quarter, 1–4.
    pub quarter: i32,
}

/// An actual value of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Actual {
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Value.
    pub value: f64,
}

/// An indicator with its actuals and progress (as of the latest actual).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    /// ID.
    pub id: IndicatorId,
    /// Name (自治会加入率).
    pub name: String,
    /// Unit (％, 人, 回).
    pub unit: String,
    /// 現状値.
    pub baseline_value: f64,
    /// Fiscal year of the baseline.
    pub baseline_year: i32,
    /// 目標値.
    pub target_value: f64,
    /// Fiscal year of the target.
    pub target_year: i32,
    /// 設定の考え方.
    pub reasoning: String,
    /// Actual values, by fiscal year.
    pub actuals: Vec<Actual>,
    /// Progress as of the latest actual.
    pub progress: Progress,
}

/// An action (事業).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Action {
    /// ID.
    pub id: ActionId,
    /// Its ID in the plan's first version (the same in every revision).
    pub lineage: String,
    /// Number within its measure.
    pub number: i32,
    /// `1-①-2`: policy, measure, action.
    pub code: String,
    /// Name.
    pub name: String,
    /// 事業内容.
    pub content: String,
    /// 主な実施内容.
    pub main_activities: String,
    /// 主体 (市民・地域・行政・教育機関・企業 …).
    pub responsible: String,
    /// Status.
    pub status: ActionStatus,
    /// Partners.
    pub partners: Vec<PartnerRef>,
    /// When it runs.
    pub schedule: Vec<ScheduleSlot>,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

/// A measure (施策).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measure {
    /// ID.
    pub id: MeasureId,
    /// Number within its policy.
    pub number: i32,
    /// `1-①`.
    pub code: String,
    /// Title.
    pub title: String,
    /// 現状と課題.
    pub current_state: String,
    /// Its actions, by number.
    pub actions: Vec<Action>,
    /// Its own indicators.
    pub indicators: Vec<Indicator>,
}

/// A basic policy (基本方針).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Policy {
    /// ID.
    pub id: PolicyId,
    /// Number (基本方針1).
    pub number: i32,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Its measures, by number.
    pub measures: Vec<Measure>,
}

/// A plan version with its whole tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    /// The version's summary.
    pub summary: PlanSummary,
    /// 目指す姿.
    pub vision: String,
    /// The policies, by number.
    pub policies: Vec<Policy>,
    /// Every version of this plan, newest first (for the version switcher).
    pub versions: Vec<PlanSummary>,
}

/// A plan's own fields as its form edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanInput {
    /// Title.
    pub title: String,
    /// First fiscal year.
    pub start_year: i32,
    /// Last fiscal year.
    pub end_year: i32,
    /// 目指す姿.
    pub vision: String,
}

/// A policy as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyInput {
    /// Number; the next free one when empty.
    pub number: Option<i32>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
}

/// A measure as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeasureInput {
    /// Number; the next free one when empty.
    pub number: Option<i32>,
    /// Title.
    pub title: String,
    /// 現状と課題.
    pub current_state: String,
}

/// An action as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionInput {
    /// Number; the next free one when empty.
    pub number: Option<i32>,
    /// Name.
    pub name: String,
    /// 事業内容.
    pub content: String,
    /// 主な実施内容.
    pub main_activities: String,
    /// 主体.
    pub responsible: String,
    /// Status.
    pub status: ActionStatus,
    /// Partners.
    pub partner_ids: Vec<PartnerId>,
    /// When it runs.
    pub schedule: Vec<ScheduleSlot>,
}

/// An indicator as its form edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorInput {
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// 現状値.
    pub baseline_value: f64,
    /// Fiscal year of the baseline.
    pub baseline_year: i32,
    /// 目標値.
    pub target_value: f64,
    /// Fiscal year of the target.
    pub target_year: i32,
    /// 設定の考え方.
    pub reasoning: String,
}

/// What an indicator measures: a measure or an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum IndicatorOwner {
    /// A measure's indicator.
    Measure(MeasureId),
    /// An action's indicator.
    Action(ActionId),
}

/// Circled numbers as plans write measure numbers (①).
pub fn circled(n: i32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + (n as u32 - 1)).map_or_else(|| n.to_string(), String::from),
        _ => format!("({n})"),
    }
}

/// `令和6〜10年度` / `FY2024–FY2028`.
pub fn period_text(start: i32, end: i32) -> Text {
    let s = FiscalYear(start).label_ja();
    let e = FiscalYear(end).label_ja();
    // 令和6年度〜令和10年度 reads as 令和6〜10年度 when both years are in the same era.
    let ja = match (s.strip_suffix("年度"), e.strip_suffix("年度")) {
        (Some(a), Some(b))
            if a.get(..6) == b.get(..6) && a.get(..6).is_some_and(|era| !era.contains(char::is_numeric)) =>
        {
            format!("{a}〜{}年度", &b[6..])
        }
        _ => format!("{s}〜{e}"),
    };
    Text::new(ja, format!("FY{start}–FY{end}"))
}

fn not_found(ja: &str, en: &str) -> Error {
    Error::NotFound(Text::new(ja, en))
}

fn locked_error() -> Error {
    Error::Locked(Text::new(
        "この計画は改訂前の版のため、変更できません（閲覧と印刷はできます）。最新の版を開いて変更してください。",
        "This is an earlier version of the plan: it can be read and printed but not changed. Open the latest version to make changes.",
    ))
}

// ---------------------------------------------------------------------------------------------
// Reading

const SUMMARY_COLUMNS: &str = "id, lineage, version, title, start_year, end_year, revision_note, locked, created_at";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlanSummary> {
    let (start, end): (i32, i32) = (r.get(4)?, r.get(5)?);
    Ok(PlanSummary {
        id: r.get(0)?,
        lineage: r.get(1)?,
        version: r.get(2)?,
        title: r.get(3)?,
        start_year: start,
        end_year: end,
        period: period_text(start, end),
        revision_note: r.get(6)?,
        locked: r.get(7)?,
        created_at: r.get(8)?,
    })
}

/// Every plan version: the latest version of each plan first (newest plan first), then earlier versions.
pub fn list(conn: &Connection) -> Result<Vec<PlanSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM plan ORDER BY locked, start_year DESC, lineage, version DESC"
    ))?;
    let rows = stmt.query_map([], summary_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The plan to open by default: the newest plan's latest version, if any plan exists.
pub fn current(conn: &Connection) -> Result<Option<PlanId>> {
    Ok(conn
        .query_row("SELECT id FROM plan WHERE locked = 0 ORDER BY start_year DESC, created_at DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

fn summary(conn: &Connection, id: &PlanId) -> Result<PlanSummary> {
    conn.query_row(&format!("SELECT {SUMMARY_COLUMNS} FROM plan WHERE id = ?1"), params![id], summary_row)
        .optional()?
        .ok_or_else(|| not_found("その計画は見つかりません。", "That plan no longer exists."))
}

fn partners_of(conn: &Connection, table: &str, key: &str, id: &str) -> Result<Vec<PartnerRef>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.name FROM {table} x JOIN partner p ON p.id = x.partner_id WHERE x.{key} = ?1 ORDER BY p.name"
    ))?;
    let rows = stmt.query_map(params![id], |r| Ok(PartnerRef { id: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn action_partners(conn: &Connection, id: &ActionId) -> Result<Vec<PartnerRef>> {
    partners_of(conn, "plan_action_partner", "action_id", id.as_str())
}

pub(crate) fn event_partners(conn: &Connection, id: &str) -> Result<Vec<PartnerRef>> {
    partners_of(conn, "event_partner", "event_id", id)
}

fn indicators(conn: &Connection, owner_column: &str, owner: &str) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, name, unit, baseline_value, baseline_year, target_value, target_year, reasoning
         FROM plan_indicator WHERE {owner_column} = ?1 ORDER BY sort_order, id"
    ))?;
    let mut list: Vec<Indicator> = stmt
        .query_map(params![owner], |r| {
            Ok(Indicator {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                baseline_value: r.get(3)?,
                baseline_year: r.get(4)?,
                target_value: r.get(5)?,
                target_year: r.get(6)?,
                reasoning: r.get(7)?,
                actuals: Vec::new(),
                progress: progress::progress(0.0, 0.0, &[], None),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut actuals = conn
        .prepare("SELECT fiscal_year, value FROM plan_indicator_actual WHERE indicator_id = ?1 ORDER BY fiscal_year")?;
    for ind in &mut list {
        ind.actuals = actuals
            .query_map(params![ind.id], |r| Ok(Actual { fiscal_year: r.get(0)?, value: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let pairs: Vec<(i32, f64)> = ind.actuals.iter().map(|a| (a.fiscal_year, a.value)).collect();
        ind.progress = progress::progress(ind.baseline_value, ind.target_value, &pairs, None);
    }
    Ok(list)
}

/// One plan version with its whole tree.
pub fn get(conn: &Connection, id: &PlanId) -> Result<Plan> {
    let summary = summary(conn, id)?;
    let vision: String = conn.query_row("SELECT vision FROM plan WHERE id = ?1", params![id], |r| r.get(0))?;
    let mut policies: Vec<Policy> = {
        let mut stmt =
            conn.prepare("SELECT id, number, title, description FROM plan_policy WHERE plan_id = ?1 ORDER BY number")?;
        stmt.query_map(params![id], |r| {
            Ok(Policy {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
                description: r.get(3)?,
                measures: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let mut measures =
        conn.prepare("SELECT id, number, title, current_state FROM plan_measure WHERE policy_id = ?1 ORDER BY number")?;
    let mut actions = conn.prepare(
        "SELECT id, lineage, number, name, content, main_activities, responsible, status
         FROM plan_action WHERE measure_id = ?1 ORDER BY number",
    )?;
    let mut schedule = conn.prepare(
        "SELECT fiscal_year, quarter FROM plan_action_schedule WHERE action_id = ?1 ORDER BY fiscal_year, quarter",
    )?;
    for policy in &mut policies {
        let pn = policy.number;
        policy.measures = measures
            .query_map(params![policy.id], |r| {
                let number: i32 = r.get(1)?;
                Ok(Measure {
                    id: r.get(0)?,
                    number,
                    code: format!("{pn}-{}", circled(number)),
                    title: r.get(2)?,
                    current_state: r.get(3)?,
                    actions: Vec::new(),
                    indicators: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for measure in &mut policy.measures {
            let mcode = measure.code.clone();
            measure.indicators = indicators(conn, "measure_id", measure.id.as_str())?;
            measure.actions = actions
                .query_map(params![measure.id], |r| {
                    let number: i32 = r.get(2)?;
                    Ok(Action {
                        id: r.get(0)?,
                        lineage: r.get(1)?,
                        number,
                        code: format!("{mcode}-{number}"),
                        name: r.get(3)?,
                        content: r.get(4)?,
                        main_activities: r.get(5)?,
                        responsible: r.get(6)?,
                        status: ActionStatus::parse(&r.get::<_, String>(7)?),
                        partners: Vec::new(),
                        schedule: Vec::new(),
                        indicators: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            for action in &mut measure.actions {
                action.partners = action_partners(conn, &action.id)?;
                action.schedule = schedule
                    .query_map(params![action.id], |r| Ok(ScheduleSlot { fiscal_year: r.get(0)?, quarter: r.get(1)? }))?
                    .collect::<rusqlite::Result<_>>()?;
                action.indicators = indicators(conn, "action_id", action.id.as_str())?;
            }
        }
    }
    let versions = {
        let mut stmt =
            conn.prepare(&format!("SELECT {SUMMARY_COLUMNS} FROM plan WHERE lineage = ?1 ORDER BY version DESC"))?;
        stmt.query_map(params![summary.lineage], summary_row)?.collect::<rusqlite::Result<_>>()?
    };
    Ok(Plan { summary, vision, policies, versions })
}

/// A plan version with its tree; without an ID, the current plan (none before one is made).
pub fn get_or_current(conn: &Connection, id: Option<&PlanId>) -> Result<Option<Plan>> {
    let id = match id {
        Some(id) => id.clone(),
        None => match current(conn)? {
            Some(id) => id,
            None => return Ok(None),
        },
    };
    get(conn, &id).map(Some)
}

/// An action as an event's form offers it: its code and name, in the current plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionChoice {
    /// ID.
    pub id: ActionId,
    /// `1-①-2 防災訓練の実施`.
    pub label: String,
}

/// The actions of every plan's latest version, for linking an event to the action it serves.
pub fn action_choices(conn: &Connection) -> Result<Vec<ActionChoice>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, po.number, m.number, a.number, a.name FROM plan_action a
         JOIN plan_measure m ON m.id = a.measure_id JOIN plan_policy po ON po.id = m.policy_id
         JOIN plan p ON p.id = po.plan_id WHERE p.locked = 0
         ORDER BY p.start_year DESC, po.number, m.number, a.number",
    )?;
    let rows = stmt.query_map([], |r| {
        let (p, m, a, name): (i32, i32, i32, String) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        Ok(ActionChoice { id: r.get(0)?, label: format!("{p}-{}-{a} {name}", circled(m)) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A plan action or indicator that a search found (in the current versions of the plans).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanHit {
    /// The plan version it belongs to.
    pub plan_id: PlanId,
    /// `action` or `indicator`.
    pub kind: String,
    /// The action's or indicator's ID.
    pub id: String,
    /// `1-①-2 防災訓練の実施`, or the indicator's name.
    pub label: String,
}

/// Actions (by number, name, content, activities, 主体) and indicators (by name, reasoning) of the
/// plans' current versions containing `folded` (a [`crate::kana::fold`]ed query); at most `limit`.
pub fn search(conn: &Connection, folded: &str, limit: usize) -> Result<Vec<PlanHit>> {
    let mut hits = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, p.id, po.number, m.number, a.number, a.name,
                a.content || ' ' || a.main_activities || ' ' || a.responsible
         FROM plan_action a JOIN plan_measure m ON m.id = a.measure_id JOIN plan_policy po ON po.id = m.policy_id
         JOIN plan p ON p.id = po.plan_id WHERE p.locked = 0
         ORDER BY p.start_year DESC, po.number, m.number, a.number",
    )?;
    let rows = stmt.query_map([], |r| {
        let (pn, mn, an): (i32, i32, i32) = (r.get(2)?, r.get(3)?, r.get(4)?);
        let name: String = r.get(5)?;
        let label = format!("{pn}-{}-{an} {name}", circled(mn));
        Ok((r.get::<_, String>(0)?, r.get::<_, PlanId>(1)?, label, r.get::<_, String>(6)?))
    })?;
    for row in rows {
        let (id, plan_id, label, text) = row?;
        if hits.len() < limit && crate::kana::fold(&format!("{label} {text}")).contains(folded) {
            hits.push(PlanHit { plan_id, kind: "action".into(), id, label });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT i.id, p.id, i.name, i.reasoning FROM plan_indicator i
         LEFT JOIN plan_action a ON a.id = i.action_id
         JOIN plan_measure m ON m.id = coalesce(i.measure_id, a.measure_id)
         JOIN plan_policy po ON po.id = m.policy_id JOIN plan p ON p.id = po.plan_id
         WHERE p.locked = 0 ORDER BY p.start_year DESC, po.number, m.number, i.sort_order",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, PlanId>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (id, plan_id, name, reasoning) = row?;
        if hits.len() < limit * 2 && crate::kana::fold(&format!("{name} {reasoning}")).contains(folded) {
            hits.push(PlanHit { plan_id, kind: "indicator".into(), id, label: name });
        }
    }
    Ok(hits)
}

/// `1-①-2 防災訓練の実施` for an action ID, if it exists.
pub fn action_label(conn: &Connection, id: &ActionId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT po.number, m.number, a.number, a.name FROM plan_action a
             JOIN plan_measure m ON m.id = a.measure_id JOIN plan_policy po ON po.id = m.policy_id WHERE a.id = ?1",
            params![id],
            |r| {
                let (p, m, a, name): (i32, i32, i32, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                Ok(format!("{p}-{}-{a} {name}", circled(m)))
            },
        )
        .optional()?)
}

// ---------------------------------------------------------------------------------------------
// Validation

fn require_text(field: &str, value: &str, ja: &str, en: &str, problems: &mut Vec<FieldProblem>) {
    if value.trim().is_empty() {
        problems.push(FieldProblem { field: field.to_owned(), message: Text::new(ja, en) });
    }
}

fn done(problems: Vec<FieldProblem>) -> Result<()> {
    if problems.is_empty() { Ok(()) } else { Err(Error::fields(problems)) }
}

fn check_year(field: &str, year: i32, problems: &mut Vec<FieldProblem>) {
    if !(1900..=2200).contains(&year) {
        problems.push(FieldProblem {
            field: field.to_owned(),
            message: Text::new(
                "年度を西暦で入力してください（例：2026）。",
                "Enter the fiscal year as a western year (e.g. 2026).",
            ),
        });
    }
}

fn validate_plan(input: &PlanInput) -> Result<()> {
    let mut p = Vec::new();
    require_text("title", &input.title, "計画の名前を入力してください。", "Enter the plan's title.", &mut p);
    check_year("start_year", input.start_year, &mut p);
    check_year("end_year", input.end_year, &mut p);
    if input.end_year < input.start_year {
        p.push(FieldProblem {
            field: "end_year".to_owned(),
            message: Text::new(
                "終わりの年度は始まりの年度と同じか、それより後にしてください。",
                "The last year must not come before the first.",
            ),
        });
    }
    done(p)
}

fn validate_number(n: Option<i32>, problems: &mut Vec<FieldProblem>) {
    if n.is_some_and(|n| n < 1) {
        problems.push(FieldProblem {
            field: "number".to_owned(),
            message: Text::new("番号は1以上の数にしてください。", "The number must be 1 or more."),
        });
    }
}

fn validate_indicator(input: &IndicatorInput) -> Result<()> {
    let mut p = Vec::new();
    require_text(
        "name",
        &input.name,
        "指標の名前を入力してください（例：防災訓練の参加者数）。",
        "Enter the indicator's name.",
        &mut p,
    );
    check_year("baseline_year", input.baseline_year, &mut p);
    check_year("target_year", input.target_year, &mut p);
    if input.target_year < input.baseline_year {
        p.push(FieldProblem {
            field: "target_year".to_owned(),
            message: Text::new(
                "目標の年度は現状値の年度より後にしてください。",
                "The target's year must not come before the baseline's.",
            ),
        });
    }
    for (field, v) in [("baseline_value", input.baseline_value), ("target_value", input.target_value)] {
        if !v.is_finite() {
            p.push(FieldProblem {
                field: field.to_owned(),
                message: Text::new("数を入力してください。", "Enter a number."),
            });
        }
    }
    done(p)
}

fn validate_schedule(schedule: &[ScheduleSlot]) -> Result<()> {
    if schedule.iter().any(|s| !(1..=4).contains(&s.quarter)) {
        return Err(Error::invalid("schedule", Text::new("四半期は1〜4で指定してください。", "A quarter is 1 to 4.")));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Locks: which plan a node belongs to, and whether it may change

/// The query that finds the plan (and its lock) a node of `kind` belongs to.
fn owner_sql(kind: PlanNode) -> &'static str {
    match kind {
        PlanNode::Policy => {
            "SELECT p.id, p.locked FROM plan_policy po JOIN plan p ON p.id = po.plan_id WHERE po.id = ?1"
        }
        PlanNode::Measure => {
            "SELECT p.id, p.locked FROM plan_measure m JOIN plan_policy po ON po.id = m.policy_id
             JOIN plan p ON p.id = po.plan_id WHERE m.id = ?1"
        }
        PlanNode::Action => {
            "SELECT p.id, p.locked FROM plan_action a JOIN plan_measure m ON m.id = a.measure_id
             JOIN plan_policy po ON po.id = m.policy_id JOIN plan p ON p.id = po.plan_id WHERE a.id = ?1"
        }
        PlanNode::Indicator => {
            "SELECT p.id, p.locked FROM plan_indicator i
             LEFT JOIN plan_action a ON a.id = i.action_id
             JOIN plan_measure m ON m.id = coalesce(i.measure_id, a.measure_id)
             JOIN plan_policy po ON po.id = m.policy_id JOIN plan p ON p.id = po.plan_id WHERE i.id = ?1"
        }
    }
}

fn node_missing(kind: PlanNode) -> Error {
    match kind {
        PlanNode::Policy => not_found("その基本方針は見つかりません。", "That policy no longer exists."),
        PlanNode::Measure => not_found("その施策は見つかりません。", "That measure no longer exists."),
        PlanNode::Action => not_found("その事業は見つかりません。", "That action no longer exists."),
        PlanNode::Indicator => not_found("その指標は見つかりません。", "That indicator no longer exists."),
    }
}

/// The plan version a node belongs to, and whether that version is locked.
fn owner(conn: &Connection, kind: PlanNode, id: &str) -> Result<(PlanId, bool)> {
    conn.query_row(owner_sql(kind), params![id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| node_missing(kind))
}

/// The plan version a node of the tree belongs to.
pub fn plan_containing(conn: &Connection, kind: PlanNode, id: &str) -> Result<PlanId> {
    owner(conn, kind, id).map(|(plan, _)| plan)
}

/// The plan version of a node, refused with [`Error::Locked`] when that version is an earlier one.
fn editable(conn: &Connection, kind: PlanNode, id: &str) -> Result<PlanId> {
    match owner(conn, kind, id)? {
        (_, true) => Err(locked_error()),
        (plan, false) => Ok(plan),
    }
}

fn editable_plan(conn: &Connection, id: &PlanId) -> Result<PlanId> {
    let locked: Option<bool> =
        conn.query_row("SELECT locked FROM plan WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    match locked {
        None => Err(not_found("その計画は見つかりません。", "That plan no longer exists.")),
        Some(true) => Err(locked_error()),
        Some(false) => Ok(id.clone()),
    }
}

fn editable_policy(conn: &Connection, id: &PolicyId) -> Result<PlanId> {
    editable(conn, PlanNode::Policy, id.as_str())
}

fn editable_measure(conn: &Connection, id: &MeasureId) -> Result<PlanId> {
    editable(conn, PlanNode::Measure, id.as_str())
}

fn editable_action(conn: &Connection, id: &ActionId) -> Result<PlanId> {
    editable(conn, PlanNode::Action, id.as_str())
}

fn editable_indicator(conn: &Connection, id: &IndicatorId) -> Result<PlanId> {
    editable(conn, PlanNode::Indicator, id.as_str())
}

fn next_number(tx: &Transaction<'_>, table: &str, parent_column: &str, parent: &str) -> Result<i32> {
    Ok(tx.query_row(
        &format!("SELECT coalesce(max(number), 0) + 1 FROM {table} WHERE {parent_column} = ?1"),
        params![parent],
        |r| r.get(0),
    )?)
}

fn taken_number(e: rusqlite::Error) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => Error::invalid(
            "number",
            Text::new(
                "その番号はもう使われています。別の番号にしてください。",
                "That number is already used; choose another.",
            ),
        ),
        other => Error::Database(other),
    }
}

/// A change of the plan's tree for the history (no `before`: the audit entry's `after` says what was set).
fn change<'a>(
    entity: &'a str,
    id: &'a str,
    action: AuditAction,
    summary: String,
    after: Option<serde_json::Value>,
) -> Change<'a> {
    Change { entity, entity_id: id, action, summary, before: None, after }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Starts a new plan (version 1).
pub fn create_plan(w: &Write<'_>, input: &PlanInput) -> Result<PlanId> {
    validate_plan(input)?;
    let id = PlanId::new();
    w.execute(
        "INSERT INTO plan (id, lineage, version, title, start_year, end_year, vision, created_at, updated_at)
         VALUES (?1, ?1, 1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, input.title.trim(), input.start_year, input.end_year, input.vision.trim(), w.now()],
    )?;
    w.record(change(
        "plan",
        id.as_str(),
        AuditAction::Create,
        format!("計画「{}」を作成", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))?;
    Ok(id)
}

/// Changes a plan's title, period and vision.
pub fn update_plan(w: &Write<'_>, id: &PlanId, input: &PlanInput) -> Result<()> {
    editable_plan(w, id)?;
    validate_plan(input)?;
    w.execute(
        "UPDATE plan SET title = ?2, start_year = ?3, end_year = ?4, vision = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, input.title.trim(), input.start_year, input.end_year, input.vision.trim(), w.now()],
    )?;
    w.record(change(
        "plan",
        id.as_str(),
        AuditAction::Update,
        format!("計画「{}」を変更", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))
}

/// Adds a policy to a plan.
pub fn create_policy(w: &Write<'_>, plan: &PlanId, input: &PolicyInput) -> Result<PolicyId> {
    editable_plan(w, plan)?;
    let mut p = Vec::new();
    require_text("title", &input.title, "基本方針の名前を入力してください。", "Enter the policy's title.", &mut p);
    validate_number(input.number, &mut p);
    done(p)?;
    let id = PolicyId::new();
    let number = match input.number {
        Some(n) => n,
        None => next_number(w, "plan_policy", "plan_id", plan.as_str())?,
    };
    w.execute(
        "INSERT INTO plan_policy (id, plan_id, lineage, number, title, description) VALUES (?1, ?2, ?1, ?3, ?4, ?5)",
        params![id, plan, number, input.title.trim(), input.description.trim()],
    )
    .map_err(taken_number)?;
    w.record(change(
        "plan_policy",
        id.as_str(),
        AuditAction::Create,
        format!("基本方針{number}「{}」を追加", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))?;
    Ok(id)
}

/// Changes a policy.
pub fn update_policy(w: &Write<'_>, id: &PolicyId, input: &PolicyInput) -> Result<()> {
    editable_policy(w, id)?;
    let mut p = Vec::new();
    require_text("title", &input.title, "基本方針の名前を入力してください。", "Enter the policy's title.", &mut p);
    validate_number(input.number, &mut p);
    done(p)?;
    w.execute(
        "UPDATE plan_policy SET number = coalesce(?2, number), title = ?3, description = ?4 WHERE id = ?1",
        params![id, input.number, input.title.trim(), input.description.trim()],
    )
    .map_err(taken_number)?;
    w.record(change(
        "plan_policy",
        id.as_str(),
        AuditAction::Update,
        format!("基本方針「{}」を変更", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))
}

fn validate_measure(input: &MeasureInput) -> Result<()> {
    let mut p = Vec::new();
    require_text("title", &input.title, "施策の名前を入力してください。", "Enter the measure's title.", &mut p);
    validate_number(input.number, &mut p);
    done(p)
}

/// Adds a measure to a policy.
pub fn create_measure(w: &Write<'_>, policy: &PolicyId, input: &MeasureInput) -> Result<MeasureId> {
    editable_policy(w, policy)?;
    validate_measure(input)?;
    let id = MeasureId::new();
    let number = match input.number {
        Some(n) => n,
        None => next_number(w, "plan_measure", "policy_id", policy.as_str())?,
    };
    w.execute(
        "INSERT INTO plan_measure (id, policy_id, lineage, number, title, current_state) VALUES (?1, ?2, ?1, ?3, ?4, ?5)",
        params![id, policy, number, input.title.trim(), input.current_state.trim()],
    )
    .map_err(taken_number)?;
    w.record(change(
        "plan_measure",
        id.as_str(),
        AuditAction::Create,
        format!("施策「{}」を追加", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))?;
    Ok(id)
}

/// Changes a measure.
pub fn update_measure(w: &Write<'_>, id: &MeasureId, input: &MeasureInput) -> Result<()> {
    editable_measure(w, id)?;
    validate_measure(input)?;
    w.execute(
        "UPDATE plan_measure SET number = coalesce(?2, number), title = ?3, current_state = ?4 WHERE id = ?1",
        params![id, input.number, input.title.trim(), input.current_state.trim()],
    )
    .map_err(taken_number)?;
    w.record(change(
        "plan_measure",
        id.as_str(),
        AuditAction::Update,
        format!("施策「{}」を変更", input.title.trim()),
        serde_json::to_value(input).ok(),
    ))
}

fn validate_action(input: &ActionInput) -> Result<()> {
    let mut p = Vec::new();
    require_text(
        "name",
        &input.name,
        "事業の名前を入力してください（例：防災訓練の実施）。",
        "Enter the action's name.",
        &mut p,
    );
    validate_number(input.number, &mut p);
    done(p)?;
    validate_schedule(&input.schedule)
}

fn write_action_links(tx: &Transaction<'_>, id: &ActionId, input: &ActionInput) -> Result<()> {
    tx.execute("DELETE FROM plan_action_partner WHERE action_id = ?1", params![id])?;
    tx.execute("DELETE FROM plan_action_schedule WHERE action_id = ?1", params![id])?;
    for p in &input.partner_ids {
        tx.execute(
            "INSERT OR IGNORE INTO plan_action_partner (action_id, partner_id) VALUES (?1, ?2)",
            params![id, p],
        )?;
    }
    for s in &input.schedule {
        tx.execute(
            "INSERT OR IGNORE INTO plan_action_schedule (action_id, fiscal_year, quarter) VALUES (?1, ?2, ?3)",
            params![id, s.fiscal_year, s.quarter],
        )?;
    }
    Ok(())
}

/// Adds an action to a measure.
pub fn create_action(w: &Write<'_>, measure: &MeasureId, input: &ActionInput) -> Result<ActionId> {
    editable_measure(w, measure)?;
    validate_action(input)?;
    let id = ActionId::new();
    let number = match input.number {
        Some(n) => n,
        None => next_number(w, "plan_action", "measure_id", measure.as_str())?,
    };
    w.execute(
        "INSERT INTO plan_action (id, measure_id, lineage, number, name, content, main_activities, responsible, status)
         VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            measure,
            number,
            input.name.trim(),
            input.content.trim(),
            input.main_activities.trim(),
            input.responsible.trim(),
            input.status.as_str()
        ],
    )
    .map_err(taken_number)?;
    write_action_links(w, &id, input)?;
    w.record(change(
        "plan_action",
        id.as_str(),
        AuditAction::Create,
        format!("事業「{}」を追加", input.name.trim()),
        serde_json::to_value(input).ok(),
    ))?;
    Ok(id)
}

/// Changes an action.
pub fn update_action(w: &Write<'_>, id: &ActionId, input: &ActionInput) -> Result<()> {
    editable_action(w, id)?;
    validate_action(input)?;
    w.execute(
        "UPDATE plan_action SET number = coalesce(?2, number), name = ?3, content = ?4, main_activities = ?5,
                responsible = ?6, status = ?7 WHERE id = ?1",
        params![
            id,
            input.number,
            input.name.trim(),
            input.content.trim(),
            input.main_activities.trim(),
            input.responsible.trim(),
            input.status.as_str()
        ],
    )
    .map_err(taken_number)?;
    write_action_links(w, id, input)?;
    w.record(change(
        "plan_action",
        id.as_str(),
        AuditAction::Update,
        format!("事業「{}」を変更", input.name.trim()),
        serde_json::to_value(input).ok(),
    ))
}

/// Adds an indicator to a measure or an action.
pub fn create_indicator(w: &Write<'_>, owner: &IndicatorOwner, input: &IndicatorInput) -> Result<IndicatorId> {
    let (measure, action) = match owner {
        IndicatorOwner::Measure(m) => {
            editable_measure(w, m)?;
            (Some(m), None)
        }
        IndicatorOwner::Action(a) => {
            editable_action(w, a)?;
            (None, Some(a))
        }
    };
    validate_indicator(input)?;
    let id = IndicatorId::new();
    w.execute(
        "INSERT INTO plan_indicator (id, measure_id, action_id, lineage, sort_order, name, unit, baseline_value,
                baseline_year, target_value, target_year, reasoning)
         VALUES (?1, ?2, ?3, ?1, (SELECT count(*) FROM plan_indicator WHERE measure_id IS ?2 AND action_id IS ?3),
                 ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            measure,
            action,
            input.name.trim(),
            input.unit.trim(),
            input.baseline_value,
            input.baseline_year,
            input.target_value,
            input.target_year,
            input.reasoning.trim()
        ],
    )?;
    w.record(change(
        "plan_indicator",
        id.as_str(),
        AuditAction::Create,
        format!("指標「{}」を追加", input.name.trim()),
        serde_json::to_value(input).ok(),
    ))?;
    Ok(id)
}

/// Changes an indicator.
pub fn update_indicator(w: &Write<'_>, id: &IndicatorId, input: &IndicatorInput) -> Result<()> {
    editable_indicator(w, id)?;
    validate_indicator(input)?;
    w.execute(
        "UPDATE plan_indicator SET name = ?2, unit = ?3, baseline_value = ?4, baseline_year = ?5, target_value = ?6,
                target_year = ?7, reasoning = ?8 WHERE id = ?1",
        params![
            id,
            input.name.trim(),
            input.unit.trim(),
            input.baseline_value,
            input.baseline_year,
            input.target_value,
            input.target_year,
            input.reasoning.trim()
        ],
    )?;
    w.record(change(
        "plan_indicator",
        id.as_str(),
        AuditAction::Update,
        format!("指標「{}」を変更", input.name.trim()),
        serde_json::to_value(input).ok(),
    ))
}

/// Records (or, with `None`, clears) an indicator's actual value for a fiscal year.
pub fn set_actual(w: &Write<'_>, id: &IndicatorId, fiscal_year: i32, value: Option<f64>) -> Result<()> {
    editable_indicator(w, id)?;
    let mut p = Vec::new();
    check_year("fiscal_year", fiscal_year, &mut p);
    if value.is_some_and(|v| !v.is_finite()) {
        p.push(FieldProblem {
            field: "value".to_owned(),
            message: Text::new("実績値を数で入力してください。", "Enter the actual value as a number."),
        });
    }
    done(p)?;
    let name: String = w.query_row("SELECT name FROM plan_indicator WHERE id = ?1", params![id], |r| r.get(0))?;
    match value {
        Some(v) => w.execute(
            "INSERT INTO plan_indicator_actual (indicator_id, fiscal_year, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (indicator_id, fiscal_year) DO UPDATE SET value = excluded.value",
            params![id, fiscal_year, v],
        )?,
        None => w.execute(
            "DELETE FROM plan_indicator_actual WHERE indicator_id = ?1 AND fiscal_year = ?2",
            params![id, fiscal_year],
        )?,
    };
    let label = FiscalYear(fiscal_year).label_ja();
    let summary = match value {
        Some(v) => format!("指標「{name}」の{label}の実績を{v}に"),
        None => format!("指標「{name}」の{label}の実績を削除"),
    };
    w.record(change(
        "plan_indicator",
        id.as_str(),
        AuditAction::Update,
        summary,
        Some(serde_json::json!({ "fiscal_year": fiscal_year, "value": value })),
    ))
}

/// Records an action's status and the council's comment for a fiscal year (the yearly review).
pub fn set_review(w: &Write<'_>, id: &ActionId, fiscal_year: i32, status: ActionStatus, comment: &str) -> Result<()> {
    editable_action(w, id)?;
    w.execute(
        "INSERT INTO plan_action_review (action_id, fiscal_year, status, comment) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (action_id, fiscal_year) DO UPDATE SET status = excluded.status, comment = excluded.comment",
        params![id, fiscal_year, status.as_str(), comment.trim()],
    )?;
    let name: String = w.query_row("SELECT name FROM plan_action WHERE id = ?1", params![id], |r| r.get(0))?;
    w.record(change(
        "plan_action",
        id.as_str(),
        AuditAction::Update,
        format!("事業「{name}」の{}の進捗を「{}」に", FiscalYear(fiscal_year).label_ja(), status.label_ja()),
        Some(serde_json::json!({ "fiscal_year": fiscal_year, "status": status, "comment": comment.trim() })),
    ))
}

/// The kinds of node a plan's tree holds (for deleting one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanNode {
    /// A policy (and everything under it).
    Policy,
    /// A measure (and everything under it).
    Measure,
    /// An action (and its indicators).
    Action,
    /// An indicator (and its actuals).
    Indicator,
}

fn node_table(kind: PlanNode) -> (&'static str, &'static str, &'static str) {
    match kind {
        PlanNode::Policy => ("plan_policy", "基本方針", "title"),
        PlanNode::Measure => ("plan_measure", "施策", "title"),
        PlanNode::Action => ("plan_action", "事業", "name"),
        PlanNode::Indicator => ("plan_indicator", "指標", "name"),
    }
}

/// What else deleting a node takes with it, in words (「事業5件、指標3件（実績12年分）」), and what only
/// loses its link to it (「助成金の申請1件と行事2件」), each `None` when there is none.
fn goes_with(removed: &crate::removal::Removed) -> (Option<Text>, Option<Text>) {
    let counts = removed.counts();
    let n = |table: &str| counts.get(table).copied().unwrap_or(0);
    let (mut ja, mut en) = (Vec::new(), Vec::new());
    for (table, label, label_en) in [
        ("plan_measure", "施策", "measures"),
        ("plan_action", "事業", "actions"),
        ("plan_indicator", "指標", "indicators"),
    ] {
        if n(table) > 0 {
            let actuals = if table == "plan_indicator" && n("plan_indicator_actual") > 0 {
                (
                    format!("（実績{}年分）", n("plan_indicator_actual")),
                    format!(" ({} yearly actuals)", n("plan_indicator_actual")),
                )
            } else {
                (String::new(), String::new())
            };
            ja.push(format!("{label}{}件{}", n(table), actuals.0));
            en.push(format!("{} {label_en}{}", n(table), actuals.1));
        }
    }
    if ja.is_empty() && n("plan_indicator_actual") > 0 {
        ja.push(format!("実績{}年分", n("plan_indicator_actual")));
        en.push(format!("{} yearly actuals", n("plan_indicator_actual")));
    }
    let under = (!ja.is_empty()).then(|| Text::new(ja.join("、"), en.join(", ")));
    let (grants, events) = (n("grant_application_action"), removed.links.iter().filter(|l| l.0 == "event").count());
    let (mut ja, mut en) = (Vec::new(), Vec::new());
    if grants > 0 {
        ja.push(format!("助成金の申請{grants}件"));
        en.push(format!("{grants} grant applications"));
    }
    if events > 0 {
        ja.push(format!("行事{events}件"));
        en.push(format!("{events} events"));
    }
    let linked = (!ja.is_empty()).then(|| Text::new(ja.join("と"), en.join(" and ")));
    (under, linked)
}

/// What deleting a node will take with it, said before it is done: 「施策「防災」と、その下の事業5件、
/// 指標3件（実績12年分）を削除します。」
pub fn delete_preview(conn: &Connection, kind: PlanNode, id: &str) -> Result<Text> {
    editable(conn, kind, id)?;
    let (table, label, name_column) = node_table(kind);
    let name: String =
        conn.query_row(&format!("SELECT {name_column} FROM {table} WHERE id = ?1"), params![id], |r| r.get(0))?;
    let removed = crate::removal::capture(conn, table, "id", id)?;
    let (under, linked) = goes_with(&removed);
    let mut text = match under {
        Some(more) => Text::new(
            format!("{label}「{name}」と、その下の{}を削除します。", more.ja),
            format!("This deletes \"{name}\" with {}.", more.en),
        ),
        None => Text::new(format!("{label}「{name}」を削除します。"), format!("This deletes \"{name}\".")),
    };
    if let Some(linked) = linked {
        text.ja.push_str(&format!("{}は残り、結び付けだけが外れます。", linked.ja));
        text.en.push_str(&format!(" The {} stay; only their link to it goes.", linked.en));
    }
    text.ja.push_str("あとで「削除した記録」から元に戻せます。");
    text.en.push_str(" It can be brought back later from Deleted records.");
    Ok(text)
}

/// Deletes a node of an editable plan with everything under it. Events linked to a deleted action keep
/// their records and lose only the link. Everything that goes is kept in the history entry, so
/// [`restore_node`] brings it back whole.
pub fn delete_node(w: &Write<'_>, kind: PlanNode, id: &str) -> Result<()> {
    editable(w, kind, id)?;
    let (table, label, name_column) = node_table(kind);
    let name: String =
        w.query_row(&format!("SELECT {name_column} FROM {table} WHERE id = ?1"), params![id], |r| r.get(0))?;
    crate::removal::remove(w, table, id, &name, |removed| {
        let more = goes_with(removed).0.map(|t| format!("（{}も）", t.ja)).unwrap_or_default();
        format!("{label}「{name}」を削除{more}")
    })
    .map(drop)
}

/// Brings back a node deleted at history entry `seq`, whole (everything under it, the events'
/// links), into a plan that can still be edited.
pub fn restore_node(w: &Write<'_>, seq: i64, table: &str) -> Result<()> {
    // The plan it belongs to must still be there and editable.
    let field = |column: &str| crate::removal::removed_field(w, seq, table, column);
    let parent = match table {
        "plan_policy" => field("plan_id")?.map(|p| ("plan", p)),
        "plan_measure" => field("policy_id")?.map(|p| ("plan_policy", p)),
        "plan_action" => field("measure_id")?.map(|p| ("plan_measure", p)),
        _ => match field("action_id")? {
            Some(p) => Some(("plan_action", p)),
            None => field("measure_id")?.map(|p| ("plan_measure", p)),
        },
    };
    if let Some((parent_table, parent_id)) = parent {
        if parent_table == "plan" {
            editable_plan(w, &PlanId(parent_id.clone()))?;
        } else {
            let kind = match parent_table {
                "plan_policy" => PlanNode::Policy,
                "plan_measure" => PlanNode::Measure,
                _ => PlanNode::Action,
            };
            if owner(w, kind, &parent_id).is_err() {
                return Err(Error::Conflict(Text::new(
                    "上の階層（基本方針・施策・事業）が削除されているため、元に戻せません。先にそちらを元に戻してください。",
                    "What it belongs to was deleted since: bring that back first.",
                )));
            }
            editable(w, kind, &parent_id)?;
        }
    }
    crate::removal::restore_removed(w, seq, table).map(drop)
}

/// Revises a plan: copies the version's whole tree (policies, measures, actions with partners,
/// schedules and yearly reviews, indicators with their actuals) into the next version, and locks the
/// version it came from. Returns the new version.
pub fn revise(w: &Write<'_>, id: &PlanId, note: &str) -> Result<PlanId> {
    editable_plan(w, id)?;
    if note.trim().is_empty() {
        return Err(Error::invalid(
            "revision_note",
            Text::new(
                "改訂の理由を入力してください（例：令和8年度総会で事業を見直し）。",
                "Say why the plan is revised.",
            ),
        ));
    }
    let new = PlanId::new();
    w.execute(
        "INSERT INTO plan (id, lineage, version, title, start_year, end_year, vision, revision_note, locked, created_at, updated_at)
         SELECT ?2, lineage, version + 1, title, start_year, end_year, vision, ?3, 0, ?4, ?4 FROM plan WHERE id = ?1",
        params![id, new, note.trim(), w.now()],
    )?;
    w.execute("UPDATE plan SET locked = 1, updated_at = ?2 WHERE id = ?1", params![id, w.now()])?;
    // New IDs for every node, mapped from the old ones in a temporary table, so the copies can point
    // at their copied parents.
    w.execute_batch(
        "DROP TABLE IF EXISTS temp.node_map; CREATE TEMP TABLE node_map (old TEXT PRIMARY KEY, new TEXT NOT NULL);",
    )?;
    let fresh = |w: &Transaction<'_>, sql: &str| -> Result<()> {
        let olds: Vec<String> = {
            let mut stmt = w.prepare(sql)?;
            stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        for old in olds {
            w.execute(
                "INSERT INTO temp.node_map (old, new) VALUES (?1, ?2)",
                params![old, uuid::Uuid::now_v7().to_string()],
            )?;
        }
        Ok(())
    };
    fresh(w, "SELECT id FROM plan_policy WHERE plan_id = ?1")?;
    fresh(w, "SELECT m.id FROM plan_measure m JOIN plan_policy po ON po.id = m.policy_id WHERE po.plan_id = ?1")?;
    fresh(
        w,
        "SELECT a.id FROM plan_action a JOIN plan_measure m ON m.id = a.measure_id
         JOIN plan_policy po ON po.id = m.policy_id WHERE po.plan_id = ?1",
    )?;
    fresh(
        w,
        "SELECT i.id FROM plan_indicator i LEFT JOIN plan_action a ON a.id = i.action_id
         JOIN plan_measure m ON m.id = coalesce(i.measure_id, a.measure_id)
         JOIN plan_policy po ON po.id = m.policy_id WHERE po.plan_id = ?1",
    )?;
    w.execute_batch(&format!(
        "INSERT INTO plan_policy (id, plan_id, lineage, number, title, description)
           SELECT n.new, '{new}', po.lineage, po.number, po.title, po.description
           FROM plan_policy po JOIN temp.node_map n ON n.old = po.id WHERE po.plan_id = '{old}';
         INSERT INTO plan_measure (id, policy_id, lineage, number, title, current_state)
           SELECT n.new, np.new, m.lineage, m.number, m.title, m.current_state
           FROM plan_measure m JOIN temp.node_map n ON n.old = m.id JOIN temp.node_map np ON np.old = m.policy_id;
         INSERT INTO plan_action (id, measure_id, lineage, number, name, content, main_activities, responsible, status)
           SELECT n.new, nm.new, a.lineage, a.number, a.name, a.content, a.main_activities, a.responsible, a.status
           FROM plan_action a JOIN temp.node_map n ON n.old = a.id JOIN temp.node_map nm ON nm.old = a.measure_id;
         INSERT INTO plan_action_partner (action_id, partner_id)
           SELECT n.new, x.partner_id FROM plan_action_partner x JOIN temp.node_map n ON n.old = x.action_id;
         INSERT INTO plan_action_schedule (action_id, fiscal_year, quarter)
           SELECT n.new, x.fiscal_year, x.quarter FROM plan_action_schedule x JOIN temp.node_map n ON n.old = x.action_id;
         INSERT INTO plan_action_review (action_id, fiscal_year, status, comment)
           SELECT n.new, x.fiscal_year, x.status, x.comment FROM plan_action_review x JOIN temp.node_map n ON n.old = x.action_id;
         INSERT INTO plan_indicator (id, measure_id, action_id, lineage, sort_order, name, unit, baseline_value,
                                     baseline_year, target_value, target_year, reasoning)
           SELECT n.new, nm.new, na.new, i.lineage, i.sort_order, i.name, i.unit, i.baseline_value, i.baseline_year,
                  i.target_value, i.target_year, i.reasoning
           FROM plan_indicator i JOIN temp.node_map n ON n.old = i.id
           LEFT JOIN temp.node_map nm ON nm.old = i.measure_id LEFT JOIN temp.node_map na ON na.old = i.action_id;
         INSERT INTO plan_indicator_actual (indicator_id, fiscal_year, value)
           SELECT n.new, x.fiscal_year, x.value FROM plan_indicator_actual x JOIN temp.node_map n ON n.old = x.indicator_id;
         DROP TABLE temp.node_map;",
        new = new.as_str(),
        old = id.as_str(),
    ))?;
    let (title, version): (String, i32) =
        w.query_row("SELECT title, version FROM plan WHERE id = ?1", params![new], |r| Ok((r.get(0)?, r.get(1)?)))?;
    w.record(change(
        "plan",
        new.as_str(),
        AuditAction::Create,
        format!("計画「{title}」を改訂（第{version}版）"),
        Some(serde_json::json!({ "from": id, "note": note.trim() })),
    ))?;
    Ok(new)
}

// ---------------------------------------------------------------------------------------------
// The yearly review (進捗管理) and the 施策シート

/// An event as the review lists it under its action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewEvent {
    /// The event.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its date as documents write it (令和8年7月20日).
    pub date_text: String,
    /// Participants who came (none recorded yet: `None`).
    pub participants: Option<i64>,
    /// True for an event still to come on the day the review is made.
    pub planned: bool,
}

/// An action in the year's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewAction {
    /// The action.
    pub action: Action,
    /// Its status in the year (the recorded review, else the action's current status).
    pub status: ActionStatus,
    /// `実施中` — the status as documents write it.
    pub status_ja: String,
    /// True when the year's status was recorded in the review.
    pub reviewed: bool,
    /// The council's comment for the year.
    pub comment: String,
    /// Scheduled in this year (any quarter).
    pub scheduled: bool,
    /// Events in the year linked to it (in any version of the plan).
    pub events: Vec<ReviewEvent>,
}

/// An indicator in the year's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewIndicator {
    /// The indicator.
    pub indicator: Indicator,
    /// The actual of the year, if recorded.
    pub actual: Option<f64>,
    /// Progress as of the year.
    pub progress: Progress,
}

/// A measure in the year's review: one 施策シート.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewMeasure {
    /// 基本方針1 — its title.
    pub policy: String,
    /// `1-①`.
    pub code: String,
    /// Title.
    pub title: String,
    /// 現状と課題.
    pub current_state: String,
    /// Its actions.
    pub actions: Vec<ReviewAction>,
    /// Indicators of the measure and of its actions.
    pub indicators: Vec<ReviewIndicator>,
}

/// The yearly review of a plan version: the data of the screen and of the printed 施策シート.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    /// The council's name (the sheet's header).
    pub council_name: String,
    /// The plan version.
    pub plan: PlanSummary,
    /// 目指す姿.
    pub vision: String,
    /// The fiscal year reviewed.
    pub fiscal_year: FiscalYearInfo,
    /// One per measure, in plan order.
    pub measures: Vec<ReviewMeasure>,
}

fn review_indicator(ind: &Indicator, year: i32) -> ReviewIndicator {
    let pairs: Vec<(i32, f64)> = ind.actuals.iter().map(|a| (a.fiscal_year, a.value)).collect();
    ReviewIndicator {
        actual: ind.actuals.iter().find(|a| a.fiscal_year == year).map(|a| a.value),
        progress: progress::progress(ind.baseline_value, ind.target_value, &pairs, Some(year)),
        indicator: ind.clone(),
    }
}

/// The review of `plan` for `year`: each action's status, comment and linked events in the year (those
/// after `today` marked as planned), and each indicator's actual and progress as of the year.
pub fn review(
    conn: &Connection,
    id: &PlanId,
    year: i32,
    start_month: u32,
    today: NaiveDate,
    council_name: &str,
) -> Result<Review> {
    let plan = get(conn, id)?;
    let fy = FiscalYear(year);
    let (from, to): (NaiveDate, NaiveDate) = (fy.start(start_month), fy.end(start_month));
    let mut reviews =
        conn.prepare("SELECT status, comment FROM plan_action_review WHERE action_id = ?1 AND fiscal_year = ?2")?;
    let mut events = conn.prepare(
        "SELECT e.id, e.title, e.starts_on, e.actual_participants
         FROM event e JOIN plan_action a ON a.id = e.action_id
         WHERE a.lineage = ?1 AND e.starts_on BETWEEN ?2 AND ?3 ORDER BY e.starts_on, e.id",
    )?;
    let mut measures = Vec::new();
    for policy in &plan.policies {
        for m in &policy.measures {
            let mut actions = Vec::new();
            let mut inds: Vec<ReviewIndicator> = m.indicators.iter().map(|i| review_indicator(i, year)).collect();
            for a in &m.actions {
                let recorded: Option<(String, String)> =
                    reviews.query_row(params![a.id, year], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
                let status = recorded.as_ref().map_or(a.status, |(s, _)| ActionStatus::parse(s));
                let evs = events
                    .query_map(params![a.lineage, from, to], |r| {
                        Ok(ReviewEvent {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            date_text: crate::calendar::wareki(r.get(2)?),
                            participants: r.get(3)?,
                            planned: r.get::<_, NaiveDate>(2)? > today,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                inds.extend(a.indicators.iter().map(|i| review_indicator(i, year)));
                actions.push(ReviewAction {
                    status,
                    status_ja: status.label_ja().to_owned(),
                    reviewed: recorded.is_some(),
                    comment: recorded.map(|(_, c)| c).unwrap_or_default(),
                    scheduled: a.schedule.iter().any(|s| s.fiscal_year == year),
                    events: evs,
                    action: a.clone(),
                });
            }
            measures.push(ReviewMeasure {
                policy: format!("基本方針{} {}", policy.number, policy.title),
                code: m.code.clone(),
                title: m.title.clone(),
                current_state: m.current_state.clone(),
                actions,
                indicators: inds,
            });
        }
    }
    Ok(Review {
        council_name: council_name.to_owned(),
        plan: plan.summary,
        vision: plan.vision,
        fiscal_year: fy.info(start_month),
        measures,
    })
}

/// The yearly review of a plan version for `fiscal_year` (default: the council's current fiscal year
/// on `today`): the screen's data and the printed 施策シート's.
pub fn review_of_year(conn: &Connection, id: &PlanId, fiscal_year: Option<i32>, today: NaiveDate) -> Result<Review> {
    let c = crate::council::require(conn)?;
    let (fy, m) = crate::council::fiscal_year_or_current(conn, fiscal_year, today)?;
    review(conn, id, fy.0, m, today, &c.name)
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "plans",
        source: "plan",
        label_ja: "まちづくり計画",
        label_en: "Plans",
        sql: "SELECT id, lineage, version, title, start_year, end_year, vision, revision_note, locked, created_at,
                     updated_at FROM plan ORDER BY lineage, version",
        columns: &[
            col("id", "ID", Str),
            col("lineage", "計画の系列", Str),
            col("version", "版", Integer),
            col("title", "計画名", Str),
            col("start_year", "開始年度", Integer),
            col("end_year", "終了年度", Integer),
            col("vision", "目指す姿", Str),
            col("revision_note", "改訂の理由", Str),
            col("locked", "改訂済み（変更不可）", Bool),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "plan_policies",
        source: "plan_policy",
        label_ja: "基本方針",
        label_en: "Policies",
        sql: "SELECT id, plan_id, lineage, number, title, description FROM plan_policy ORDER BY plan_id, number",
        columns: &[
            col("id", "ID", Str),
            col("plan_id", "計画ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("title", "基本方針", Str),
            col("description", "説明", Str),
        ],
    },
    TableExport {
        key: "plan_measures",
        source: "plan_measure",
        label_ja: "施策",
        label_en: "Measures",
        sql: "SELECT id, policy_id, lineage, number, title, current_state FROM plan_measure ORDER BY policy_id, number",
        columns: &[
            col("id", "ID", Str),
            col("policy_id", "基本方針ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("title", "施策", Str),
            col("current_state", "現状と課題", Str),
        ],
    },
    TableExport {
        key: "plan_actions",
        source: "plan_action",
        label_ja: "事業",
        label_en: "Actions",
        sql: "SELECT id, measure_id, lineage, number, name, content, main_activities, responsible, status
              FROM plan_action ORDER BY measure_id, number",
        columns: &[
            col("id", "ID", Str),
            col("measure_id", "施策ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("name", "事業名", Str),
            col("content", "事業内容", Str),
            col("main_activities", "主な実施内容", Str),
            col("responsible", "主体", Str),
            col("status", "状況", Str),
        ],
    },
    TableExport {
        key: "plan_action_partners",
        source: "plan_action_partner",
        label_ja: "事業の連携団体",
        label_en: "Action partners",
        sql: "SELECT x.action_id, x.partner_id, p.name FROM plan_action_partner x JOIN partner p ON p.id = x.partner_id
              ORDER BY x.action_id, p.name",
        columns: &[col("action_id", "事業ID", Str), col("partner_id", "連携団体ID", Str), col("partner_name", "連携団体", Str)],
    },
    TableExport {
        key: "plan_action_schedule",
        source: "plan_action_schedule",
        label_ja: "事業の実施時期",
        label_en: "Action schedule",
        sql: "SELECT action_id, fiscal_year, quarter FROM plan_action_schedule ORDER BY action_id, fiscal_year, quarter",
        columns: &[col("action_id", "事業ID", Str), col("fiscal_year", "年度", Integer), col("quarter", "四半期", Integer)],
    },
    TableExport {
        key: "plan_action_reviews",
        source: "plan_action_review",
        label_ja: "事業の進捗",
        label_en: "Action reviews",
        sql: "SELECT action_id, fiscal_year, status, comment FROM plan_action_review ORDER BY action_id, fiscal_year",
        columns: &[
            col("action_id", "事業ID", Str),
            col("fiscal_year", "年度", Integer),
            col("status", "状況", Str),
            col("comment", "評価・コメント", Str),
        ],
    },
    TableExport {
        key: "plan_indicators",
        source: "plan_indicator",
        label_ja: "指標",
        label_en: "Indicators",
        sql: "SELECT id, measure_id, action_id, lineage, sort_order, name, unit, baseline_value, baseline_year,
                     target_value, target_year, reasoning FROM plan_indicator ORDER BY measure_id, action_id, sort_order",
        columns: &[
            col("id", "ID", Str),
            col("measure_id", "施策ID", Str),
            col("action_id", "事業ID", Str),
            col("lineage", "系列", Str),
            col("sort_order", "並び順", Integer),
            col("name", "指標名", Str),
            col("unit", "単位", Str),
            col("baseline_value", "現状値", Integer),
            col("baseline_year", "現状値の年度", Integer),
            col("target_value", "目標値", Integer),
            col("target_year", "目標値の年度", Integer),
            col("reasoning", "設定の考え方", Str),
        ],
    },
    TableExport {
        key: "plan_indicator_actuals",
        source: "plan_indicator_actual",
        label_ja: "指標の実績",
        label_en: "Indicator actuals",
        sql: "SELECT indicator_id, fiscal_year, value FROM plan_indicator_actual ORDER BY indicator_id, fiscal_year",
        columns: &[col("indicator_id", "指標ID", Str), col("fiscal_year", "年度", Integer), col("value", "実績値", Integer)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_numbers_are_circled() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(10), "⑩");
        assert_eq!(circled(21), "(21)");
    }

    #[test]
    fn periods_read_as_plans_write_them() {
        assert_eq!(period_text(2024, 2028).ja, "令和6〜10年度", "one era: the era is written once");
        assert_eq!(period_text(2024, 2028).en, "FY2024–FY2028");
        assert_eq!(period_text(2016, 2020).ja, "平成28年度〜令和2年度", "across eras both are written");
    }

    #[test]
    fn statuses_read_back_from_their_labels() {
        for s in [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Paused] {
            assert_eq!(ActionStatus::from_label(s.label_ja()), Some(s));
            assert_eq!(ActionStatus::parse(s.as_str()), s);
        }
        assert_eq!(ActionStatus::from_label("そのうち"), None);
    }
}
