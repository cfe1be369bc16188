//! Grant applications: the project plan (事業計画書: purpose, content, period, place, target group,
//! partners, the plan actions it serves, a quarterly schedule, expected effect), the amount applied
//! for, and everything recorded along its lifecycle; read back as one [`GrantApplication`] with its
//! budget versions, expenses and their receipt warnings, the events it paid for and its deadlines.
//! Also the link from an event to the grant that pays for it (`event.grant_id`).

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::budget::{self, BudgetCheck, BudgetInput, BudgetProblem, GrantReference};
use super::deadlines::{self, DeadlineFacts, GrantDeadline};
use super::expenses::{self, GrantExpense, ReceiptContext};
use super::lifecycle::{self, GrantStatus, GrantStep};
use super::program::{self, GrantProgram};
use super::versions::{self, BudgetVersion};
use super::{GrantApplicationId, GrantProgramId, application_not_found, change, ensure_unlocked, locked_error};
use crate::Write;
use crate::attachments::Attachment;
use crate::audit::{AuditAction, Change};
use crate::calendar::{self, FiscalYear};
use crate::error::{Error, FieldProblem, Result};
use crate::events::{self, EventId};
use crate::money::format_yen;
use crate::partners::PartnerId;
use crate::plan::{self, ActionChoice, ActionId, PartnerRef};
use crate::text::Text;

/// What the project does in one quarter of the fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarterPlan {
    /// 1 = April–June … 4 = January–March (of a council whose year starts in April).
    pub quarter: u8,
    /// What is done (準備・参加者募集、花植え …).
    pub content: String,
}

/// An application as its form edits it (the lifecycle's dates and amounts are recorded by its steps,
/// see [`super::GrantTransition`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantApplicationInput {
    /// The program applied to (fixed once applied).
    pub program_id: GrantProgramId,
    /// 事業名.
    pub project_name: String,
    /// 事業の目的.
    pub purpose: String,
    /// 事業の内容.
    pub content: String,
    /// First day of the project.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day of the project as planned.
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// 実施場所.
    pub place: String,
    /// 対象者.
    pub target_group: String,
    /// 参加見込み人数.
    pub expected_participants: Option<i64>,
    /// Partners from the partner list.
    pub partner_ids: Vec<PartnerId>,
    /// Partners not in the list, as text.
    pub partners_text: String,
    /// The plan actions (事業) it serves.
    pub action_ids: Vec<ActionId>,
    /// The quarterly schedule (blank quarters may be left out).
    pub schedule: Vec<QuarterPlan>,
    /// 期待される効果.
    pub expected_effect: String,
    /// 申請額 in yen (fixed once applied).
    pub requested_amount: i64,
    /// The day the project actually ended (needed for the report).
    #[ts(type = "string | null")]
    pub completed_on: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
}

/// An event the grant paid for, with what the performance report takes from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedEvent {
    /// The event.
    pub id: EventId,
    /// Title.
    pub title: String,
    /// First day.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// When, as people read it.
    pub when_text: Text,
    /// Place.
    pub place: String,
    /// Participants expected.
    pub expected_participants: Option<i64>,
    /// Participants who came.
    pub actual_participants: Option<i64>,
    /// Volunteers.
    pub volunteers: Option<i64>,
    /// Photos (for the report).
    pub photos: Vec<Attachment>,
}

/// An application with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantApplication {
    /// ID.
    pub id: GrantApplicationId,
    /// The program with its rules.
    pub program: GrantProgram,
    /// 事業名.
    pub project_name: String,
    /// 事業の目的.
    pub purpose: String,
    /// 事業の内容.
    pub content: String,
    /// First day.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day as planned.
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// The period as shown (令和8年6月1日〜令和9年2月28日).
    pub period_text: Text,
    /// 実施場所.
    pub place: String,
    /// 対象者.
    pub target_group: String,
    /// 参加見込み人数.
    pub expected_participants: Option<i64>,
    /// Partners from the list.
    pub partners: Vec<PartnerRef>,
    /// Partners as text.
    pub partners_text: String,
    /// The plan actions it serves, with their codes (`1-①-2 防災訓練の実施`).
    pub actions: Vec<ActionChoice>,
    /// The quarterly schedule, by quarter.
    pub schedule: Vec<QuarterPlan>,
    /// 期待される効果.
    pub expected_effect: String,
    /// 申請額.
    pub requested_amount: i64,
    /// The day the project actually ended.
    #[ts(type = "string | null")]
    pub completed_on: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
    /// Where it stands.
    pub status: GrantStatus,
    /// The status as shown.
    pub status_label: Text,
    /// True from the final amount on (and once closed): nothing of it may change.
    pub locked: bool,
    /// The steps that can be taken now (the buttons to offer).
    pub next_steps: Vec<GrantStep>,
    /// 交付申請日.
    #[ts(type = "string | null")]
    pub applied_on: Option<NaiveDate>,
    /// 交付決定日.
    #[ts(type = "string | null")]
    pub awarded_on: Option<NaiveDate>,
    /// 交付決定額.
    pub amount_granted: Option<i64>,
    /// The award notice's number (み地推第123号).
    pub award_number: String,
    /// When the advance (概算払) was claimed: its 請求書's date.
    #[ts(type = "string | null")]
    pub advance_claimed_on: Option<NaiveDate>,
    /// How much was claimed in advance.
    pub advance_claimed_amount: Option<i64>,
    /// When an advance (概算払) was received.
    #[ts(type = "string | null")]
    pub advance_paid_on: Option<NaiveDate>,
    /// How much was advanced.
    pub advance_amount: Option<i64>,
    /// The latest change application's day.
    #[ts(type = "string | null")]
    pub change_applied_on: Option<NaiveDate>,
    /// The latest change approval's day.
    #[ts(type = "string | null")]
    pub change_approved_on: Option<NaiveDate>,
    /// 実績報告日.
    #[ts(type = "string | null")]
    pub reported_on: Option<NaiveDate>,
    /// 交付確定日.
    #[ts(type = "string | null")]
    pub settled_on: Option<NaiveDate>,
    /// 交付確定額 (the final amount).
    pub settled_amount: Option<i64>,
    /// 請求日.
    #[ts(type = "string | null")]
    pub claimed_on: Option<NaiveDate>,
    /// 入金日.
    #[ts(type = "string | null")]
    pub paid_on: Option<NaiveDate>,
    /// 入金額.
    pub amount_paid: Option<i64>,
    /// When it was withdrawn or not awarded.
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
    /// Why.
    pub closed_reason: String,
    /// Every budget version, oldest first (the current one flagged).
    pub budgets: Vec<BudgetVersion>,
    /// The check of the budget being worked on (the draft; else the one with the city; else the
    /// current one), with its figures.
    pub budget_check: BudgetCheck,
    /// The expenses by date, with their receipt warnings.
    pub expenses: Vec<GrantExpense>,
    /// All expenses.
    pub expense_total: i64,
    /// Expenses paid from the grant.
    pub grant_expense_total: i64,
    /// How many receipt warnings there are.
    pub receipt_warning_count: u32,
    /// The events the grant paid for, by date.
    pub events: Vec<LinkedEvent>,
    /// Participants who came to those events, together.
    pub participants_total: i64,
    /// Its deadlines.
    pub deadlines: Vec<GrantDeadline>,
}

/// An application as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantApplicationSummary {
    /// ID.
    pub id: GrantApplicationId,
    /// 事業名.
    pub project_name: String,
    /// The program's name.
    pub program_name: String,
    /// The program's fiscal year.
    pub fiscal_year: i32,
    /// `令和8年度`.
    pub fiscal_year_label: String,
    /// Where it stands.
    pub status: GrantStatus,
    /// The status as shown.
    pub status_label: Text,
    /// 申請額.
    pub requested_amount: i64,
    /// 交付決定額.
    pub amount_granted: Option<i64>,
    /// 交付確定額.
    pub settled_amount: Option<i64>,
    /// Spent so far.
    pub expense_total: i64,
    /// Receipt warnings.
    pub receipt_warning_count: u32,
    /// The nearest deadline the council has to act on, if any.
    pub next_deadline: Option<GrantDeadline>,
}

/// An application as an event's form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantApplicationChoice {
    /// ID.
    pub id: GrantApplicationId,
    /// `令和8年度 地域づくり交付金「花いっぱい運動」`.
    pub label: String,
}

/// The stored row of an application (what the transitions and reports work from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Record {
    pub id: GrantApplicationId,
    pub program_id: GrantProgramId,
    pub project_name: String,
    pub purpose: String,
    pub content: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub place: String,
    pub target_group: String,
    pub expected_participants: Option<i64>,
    pub partners_text: String,
    pub expected_effect: String,
    pub requested_amount: i64,
    pub completed_on: Option<NaiveDate>,
    pub notes: String,
    pub status: GrantStatus,
    pub applied_on: Option<NaiveDate>,
    pub awarded_on: Option<NaiveDate>,
    pub amount_granted: Option<i64>,
    pub award_number: String,
    pub advance_paid_on: Option<NaiveDate>,
    pub advance_amount: Option<i64>,
    pub change_applied_on: Option<NaiveDate>,
    pub change_approved_on: Option<NaiveDate>,
    pub reported_on: Option<NaiveDate>,
    pub settled_on: Option<NaiveDate>,
    pub settled_amount: Option<i64>,
    pub claimed_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub amount_paid: Option<i64>,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: String,
    pub advance_claimed_on: Option<NaiveDate>,
    pub advance_claimed_amount: Option<i64>,
}

const COLUMNS: &str = "id, program_id, project_name, purpose, content, starts_on, ends_on, place, target_group,
     expected_participants, partners_text, expected_effect, requested_amount, completed_on, notes, status,
     applied_on, awarded_on, amount_granted, award_number, advance_paid_on, advance_amount, change_applied_on,
     change_approved_on, reported_on, settled_on, settled_amount, claimed_on, paid_on, amount_paid, closed_on,
     closed_reason, advance_claimed_on, advance_claimed_amount";

fn record_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        id: r.get(0)?,
        program_id: r.get(1)?,
        project_name: r.get(2)?,
        purpose: r.get(3)?,
        content: r.get(4)?,
        starts_on: r.get(5)?,
        ends_on: r.get(6)?,
        place: r.get(7)?,
        target_group: r.get(8)?,
        expected_participants: r.get(9)?,
        partners_text: r.get(10)?,
        expected_effect: r.get(11)?,
        requested_amount: r.get(12)?,
        completed_on: r.get(13)?,
        notes: r.get(14)?,
        status: GrantStatus::parse(&r.get::<_, String>(15)?),
        applied_on: r.get(16)?,
        awarded_on: r.get(17)?,
        amount_granted: r.get(18)?,
        award_number: r.get(19)?,
        advance_paid_on: r.get(20)?,
        advance_amount: r.get(21)?,
        change_applied_on: r.get(22)?,
        change_approved_on: r.get(23)?,
        reported_on: r.get(24)?,
        settled_on: r.get(25)?,
        settled_amount: r.get(26)?,
        claimed_on: r.get(27)?,
        paid_on: r.get(28)?,
        amount_paid: r.get(29)?,
        closed_on: r.get(30)?,
        closed_reason: r.get(31)?,
        advance_claimed_on: r.get(32)?,
        advance_claimed_amount: r.get(33)?,
    })
}

/// The stored row of one application.
pub(crate) fn record_of(conn: &Connection, id: &GrantApplicationId) -> Result<Record> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM grant_application WHERE id = ?1"), params![id], record_row)
        .optional()?
        .ok_or_else(application_not_found)
}

impl Record {
    /// What the budget's grant line must equal for `version`: the amount applied for (version 1), or
    /// the amount granted (a change).
    pub(crate) fn reference(&self, version: u32) -> GrantReference {
        if version <= 1 {
            GrantReference::Requested(self.requested_amount)
        } else {
            GrantReference::Granted(self.amount_granted.unwrap_or(self.requested_amount))
        }
    }

    pub(crate) fn deadline_facts(&self, program: &GrantProgram) -> DeadlineFacts {
        DeadlineFacts {
            application_id: self.id.clone(),
            project_name: self.project_name.clone(),
            program_name: program.name.clone(),
            status: self.status,
            application_due: program.application_due,
            report_days: program.report_days,
            report_no_later_than: program.report_no_later_than,
            claim_days: program.claim_days,
            ends_on: self.ends_on,
            completed_on: self.completed_on,
            applied_on: self.applied_on,
            reported_on: self.reported_on,
            settled_on: self.settled_on,
            claimed_on: self.claimed_on,
        }
    }
}

/// The council's name, which receipts must be made out to.
pub(crate) fn council_name(conn: &Connection) -> Result<String> {
    Ok(crate::council::get(conn)?.map(|c| c.name).unwrap_or_default())
}

/// The expenses of an application with their receipt warnings.
pub(crate) fn expenses_of(
    conn: &Connection,
    rec: &Record,
    program: &GrantProgram,
    council: &str,
) -> Result<Vec<GrantExpense>> {
    let ctx = ReceiptContext {
        starts_on: rec.starts_on,
        ends_on: rec.ends_on,
        council_name: council,
        eligible: &program.eligible_categories,
    };
    expenses::list(conn, &rec.id, &ctx)
}

/// The check of the budget being worked on: the draft; else the one with the city; else the current.
pub(crate) fn working_check(rec: &Record, program: &GrantProgram, budgets: &[BudgetVersion]) -> BudgetCheck {
    let v = versions::draft(budgets).or_else(|| versions::submitted(budgets)).or_else(|| versions::current(budgets));
    let (input, version) = match v {
        Some(v) => (v.input(), Some(v.version)),
        None => (BudgetInput::default(), None),
    };
    budget::check_with_figures(&input, &program.rules(), rec.reference(version.unwrap_or(1)), version)
}

/// Checks a budget with its figures: `input` as the form holds it (unsaved), or without it the budget
/// being worked on. Writes nothing.
pub fn check_budget(conn: &Connection, id: &GrantApplicationId, input: Option<&BudgetInput>) -> Result<BudgetCheck> {
    let rec = record_of(conn, id)?;
    let program = program::get(conn, &rec.program_id)?;
    let budgets = versions::list(conn, id)?;
    Ok(match input {
        None => working_check(&rec, &program, &budgets),
        Some(input) => {
            // The version saving would write: the draft's, 1 for a draft application, else the next.
            let version = match versions::draft(&budgets) {
                Some(v) => v.version,
                None if rec.status == GrantStatus::Draft => 1,
                None => budgets.last().map_or(1, |v| v.version + 1),
            };
            budget::check_with_figures(input, &program.rules(), rec.reference(version), Some(version))
        }
    })
}

fn schedule(conn: &Connection, id: &GrantApplicationId) -> Result<Vec<QuarterPlan>> {
    let mut stmt = conn.prepare(
        "SELECT quarter, content FROM grant_application_schedule WHERE application_id = ?1 ORDER BY quarter",
    )?;
    let rows = stmt.query_map(params![id], |r| Ok(QuarterPlan { quarter: r.get(0)?, content: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn partners(conn: &Connection, id: &GrantApplicationId) -> Result<Vec<PartnerRef>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name FROM grant_application_partner x JOIN partner p ON p.id = x.partner_id
         WHERE x.application_id = ?1 ORDER BY p.name",
    )?;
    let rows = stmt.query_map(params![id], |r| Ok(PartnerRef { id: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn actions(conn: &Connection, id: &GrantApplicationId) -> Result<Vec<ActionChoice>> {
    let ids: Vec<ActionId> = {
        let mut stmt = conn.prepare("SELECT action_id FROM grant_application_action WHERE application_id = ?1")?;
        stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for a in ids {
        if let Some(label) = plan::action_label(conn, &a)? {
            out.push(ActionChoice { id: a, label });
        }
    }
    out.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(out)
}

/// `event` with the grant that pays for it named (`grant_label`): the link between events and grants
/// is the grants' (they set it, report on it and lock it), so the events module leaves the name out.
pub fn with_grant(conn: &Connection, mut event: events::Event) -> Result<events::Event> {
    event.grant_label = match &event.grant_id {
        Some(g) => label(conn, g)?,
        None => None,
    };
    Ok(event)
}

/// Deletes an event, refused while a settled grant reports on it: that grant's report keeps the
/// events it had.
pub fn delete_event(w: &Write<'_>, id: &EventId) -> Result<()> {
    let grant: Option<GrantApplicationId> =
        w.query_row("SELECT grant_id FROM event WHERE id = ?1", params![id], |r| r.get(0)).optional()?.flatten();
    if let Some(grant) = &grant
        && let Ok(status) = super::status_of(w, grant)
        && status.is_settled()
    {
        return Err(locked_error(status));
    }
    events::delete(w, id)
}

/// The events the application paid for, by date, with their turnout and photos.
pub fn linked_events(conn: &Connection, id: &GrantApplicationId, start_month: u32) -> Result<Vec<LinkedEvent>> {
    let ids: Vec<EventId> = {
        let mut stmt = conn.prepare("SELECT id FROM event WHERE grant_id = ?1 ORDER BY starts_on, start_time, id")?;
        stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    ids.iter()
        .map(|e| {
            let e = events::get(conn, e, start_month)?;
            Ok(LinkedEvent {
                id: e.id,
                title: e.title,
                starts_on: e.starts_on,
                when_text: e.when_text,
                place: e.place,
                expected_participants: e.expected_participants,
                actual_participants: e.actual_participants,
                volunteers: e.volunteers,
                photos: e.photos,
            })
        })
        .collect()
}

/// `令和8年6月1日〜令和9年2月28日` / `1 June 2026 – 28 February 2027`.
pub(crate) fn period_text(starts_on: NaiveDate, ends_on: NaiveDate) -> Text {
    Text::new(
        format!("{}〜{}", calendar::wareki(starts_on), calendar::wareki(ends_on)),
        format!("{} – {}", calendar::english_date(starts_on), calendar::english_date(ends_on)),
    )
}

/// One application with everything recorded about it, measured against `today`.
pub fn get(conn: &Connection, id: &GrantApplicationId, start_month: u32, today: NaiveDate) -> Result<GrantApplication> {
    let rec = record_of(conn, id)?;
    let program = program::get(conn, &rec.program_id)?;
    let budgets = versions::list(conn, id)?;
    let budget_check = working_check(&rec, &program, &budgets);
    let expenses = expenses_of(conn, &rec, &program, &council_name(conn)?)?;
    let events = linked_events(conn, id, start_month)?;
    let deadlines = deadlines::for_application(&rec.deadline_facts(&program), today);
    Ok(GrantApplication {
        id: rec.id.clone(),
        partners: partners(conn, id)?,
        actions: actions(conn, id)?,
        schedule: schedule(conn, id)?,
        period_text: period_text(rec.starts_on, rec.ends_on),
        status_label: rec.status.label(),
        locked: rec.status.is_locked(),
        next_steps: lifecycle::steps_from(rec.status),
        expense_total: expenses.iter().map(|e| e.amount).sum(),
        grant_expense_total: expenses.iter().filter(|e| e.from_grant).map(|e| e.amount).sum(),
        receipt_warning_count: expenses.iter().map(|e| e.warnings.len() as u32).sum(),
        participants_total: events.iter().filter_map(|e| e.actual_participants).sum(),
        program,
        project_name: rec.project_name,
        purpose: rec.purpose,
        content: rec.content,
        starts_on: rec.starts_on,
        ends_on: rec.ends_on,
        place: rec.place,
        target_group: rec.target_group,
        expected_participants: rec.expected_participants,
        partners_text: rec.partners_text,
        expected_effect: rec.expected_effect,
        requested_amount: rec.requested_amount,
        completed_on: rec.completed_on,
        notes: rec.notes,
        status: rec.status,
        applied_on: rec.applied_on,
        awarded_on: rec.awarded_on,
        amount_granted: rec.amount_granted,
        award_number: rec.award_number,
        advance_claimed_on: rec.advance_claimed_on,
        advance_claimed_amount: rec.advance_claimed_amount,
        advance_paid_on: rec.advance_paid_on,
        advance_amount: rec.advance_amount,
        change_applied_on: rec.change_applied_on,
        change_approved_on: rec.change_approved_on,
        reported_on: rec.reported_on,
        settled_on: rec.settled_on,
        settled_amount: rec.settled_amount,
        claimed_on: rec.claimed_on,
        paid_on: rec.paid_on,
        amount_paid: rec.amount_paid,
        closed_on: rec.closed_on,
        closed_reason: rec.closed_reason,
        budgets,
        budget_check,
        expenses,
        events,
        deadlines,
    })
}

/// The applications, newest fiscal year first (one year's only, when given), each with its spending
/// so far and nearest pending deadline on `today`.
pub fn list(conn: &Connection, fiscal_year: Option<i32>, today: NaiveDate) -> Result<Vec<GrantApplicationSummary>> {
    let ids: Vec<GrantApplicationId> = {
        let mut stmt = conn.prepare(
            "SELECT a.id FROM grant_application a JOIN grant_program p ON p.id = a.program_id
             WHERE ?1 IS NULL OR p.fiscal_year = ?1 ORDER BY p.fiscal_year DESC, a.starts_on, a.created_at, a.id",
        )?;
        stmt.query_map(params![fiscal_year], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let council = council_name(conn)?;
    let mut out = Vec::new();
    for id in ids {
        let rec = record_of(conn, &id)?;
        let program = program::get(conn, &rec.program_id)?;
        let expenses = expenses_of(conn, &rec, &program, &council)?;
        let next_deadline = deadlines::for_application(&rec.deadline_facts(&program), today)
            .into_iter()
            .filter(|d| d.pending)
            .min_by_key(|d| d.due_on);
        out.push(GrantApplicationSummary {
            id: rec.id,
            project_name: rec.project_name,
            program_name: program.name,
            fiscal_year: program.fiscal_year,
            fiscal_year_label: program.fiscal_year_label,
            status: rec.status,
            status_label: rec.status.label(),
            requested_amount: rec.requested_amount,
            amount_granted: rec.amount_granted,
            settled_amount: rec.settled_amount,
            expense_total: expenses.iter().map(|e| e.amount).sum(),
            receipt_warning_count: expenses.iter().map(|e| e.warnings.len() as u32).sum(),
            next_deadline,
        });
    }
    Ok(out)
}

/// The pending deadlines of every application on `today`, soonest (most overdue) first.
pub fn pending_deadlines(conn: &Connection, today: NaiveDate) -> Result<Vec<GrantDeadline>> {
    let ids: Vec<GrantApplicationId> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM grant_application WHERE status NOT IN ('paid', 'withdrawn', 'rejected') ORDER BY id",
        )?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for id in ids {
        let rec = record_of(conn, &id)?;
        let program = program::get(conn, &rec.program_id)?;
        out.extend(deadlines::for_application(&rec.deadline_facts(&program), today).into_iter().filter(|d| d.pending));
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.project_name.cmp(&b.project_name)));
    Ok(out)
}

/// The applications an event can be linked to: those still open to change, newest year first.
pub fn choices(conn: &Connection) -> Result<Vec<GrantApplicationChoice>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, p.fiscal_year, p.name, a.project_name FROM grant_application a
         JOIN grant_program p ON p.id = a.program_id
         WHERE a.status NOT IN ('settled', 'claimed', 'paid', 'withdrawn', 'rejected')
         ORDER BY p.fiscal_year DESC, p.name, a.project_name, a.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let (year, program, project): (i32, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
        Ok(GrantApplicationChoice {
            id: r.get(0)?,
            label: format!("{} {program}「{project}」", FiscalYear(year).label_ja()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `令和8年度 地域づくり交付金「花いっぱい運動」` for an application, if it exists.
pub fn label(conn: &Connection, id: &GrantApplicationId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT p.fiscal_year, p.name, a.project_name FROM grant_application a
             JOIN grant_program p ON p.id = a.program_id WHERE a.id = ?1",
            params![id],
            |r| {
                let (year, program, project): (i32, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                Ok(format!("{} {program}「{project}」", FiscalYear(year).label_ja()))
            },
        )
        .optional()?)
}

/// A grant application a search found: by its own texts, or by one of its expenses (payee, 但し書き).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantHit {
    /// The application (an expense opens its application).
    pub application_id: GrantApplicationId,
    /// The project.
    pub project_name: String,
    /// `令和8年度 協働のまちづくり交付金`.
    pub program: String,
    /// Where it stands.
    pub status_label: Text,
    /// For a hit on an expense: `令和8年11月10日 みどりホームセンター LED懐中電灯 20本 40,000円`.
    pub expense: Option<String>,
}

/// Keeps the folded text global search matches an application by (migration 0006 filled it the same
/// way): project, purpose, content, place, target group and award number, joined by U+001F.
pub(crate) fn write_search_text(tx: &Transaction<'_>, id: &GrantApplicationId) -> Result<()> {
    tx.execute(
        "UPDATE grant_application SET search_text = council_fold(project_name) || char(31) || council_fold(purpose)
                || char(31) || council_fold(content) || char(31) || council_fold(place) || char(31)
                || council_fold(target_group) || char(31) || council_fold(award_number)
         WHERE id = ?1",
        params![id],
    )?;
    Ok(())
}

/// Applications (by project, purpose, content, place, target group, program, award number) and
/// expenses (by payee and 但し書き) containing `folded` (a [`crate::kana::fold`]ed query), the newest
/// year first; at most `limit` of each.
pub fn search(conn: &Connection, folded: &str, limit: usize) -> Result<Vec<GrantHit>> {
    let pattern = crate::kana::like_contains(folded);
    // A program matches by its year and name (a handful of rows, folded here); an application by
    // its own folded text, or by its program.
    let mut programs = HashSet::new();
    let mut stmt = conn.prepare("SELECT id, fiscal_year, name FROM grant_program")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?, r.get::<_, String>(2)?)))? {
        let (id, year, name) = row?;
        if crate::kana::fold(&format!("{}{name}", FiscalYear(year).label_ja())).contains(folded) {
            programs.insert(id);
        }
    }
    let mut hits = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, a.project_name, p.fiscal_year, p.name, a.status, p.id, a.search_text LIKE ?1 ESCAPE '\\'
         FROM grant_application a JOIN grant_program p ON p.id = a.program_id
         ORDER BY p.fiscal_year DESC, a.starts_on DESC, a.id",
    )?;
    let hit = |r: &rusqlite::Row<'_>| -> rusqlite::Result<GrantHit> {
        let (project_name, year, program, status): (String, i32, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        Ok(GrantHit {
            application_id: r.get(0)?,
            project_name,
            program: format!("{} {program}", FiscalYear(year).label_ja()),
            status_label: GrantStatus::parse(&status).label(),
            expense: None,
        })
    };
    let mut rows = stmt.query(params![pattern])?;
    while let Some(r) = rows.next()? {
        if r.get::<_, bool>(6)? || programs.contains(&r.get::<_, String>(5)?) {
            hits.push(hit(r)?);
            if hits.len() == limit {
                break;
            }
        }
    }
    // Expenses (tens of thousands after twenty years of grants): one LIKE over their folded text.
    let mut stmt = conn.prepare(
        "SELECT id FROM grant_expense WHERE search_text LIKE ?1 ESCAPE '\\' ORDER BY paid_on DESC, id LIMIT ?2",
    )?;
    let matched = stmt
        .query_map(params![pattern, limit as i64], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.id, a.project_name, p.fiscal_year, p.name, a.status, e.payee || ' ' || e.description,
                e.paid_on, e.amount
         FROM grant_expense e JOIN grant_application a ON a.id = e.application_id
         JOIN grant_program p ON p.id = a.program_id WHERE e.id = ?1",
    )?;
    for id in matched {
        let (mut h, text, paid_on, amount) = stmt.query_row([id], |r| {
            Ok((hit(r)?, r.get::<_, String>(5)?, r.get::<_, NaiveDate>(6)?, r.get::<_, i64>(7)?))
        })?;
        h.expense = Some(format!("{} {text} {}", calendar::wareki(paid_on), format_yen(amount)));
        hits.push(h);
    }
    Ok(hits)
}

fn problem(field: &str, ja: impl Into<String>, en: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.to_owned(), message: Text::new(ja, en) }
}

/// The input checked against its program and tidied, with every field to fix listed.
fn validated(
    conn: &Connection,
    input: &GrantApplicationInput,
    program: &GrantProgram,
    start_month: u32,
    today: NaiveDate,
) -> Result<GrantApplicationInput> {
    let mut problems = Vec::new();
    if input.project_name.trim().is_empty() {
        problems.push(problem(
            "project_name",
            "事業名を入力してください（例：花いっぱい運動）。",
            "Enter the project's name.",
        ));
    } else if input.project_name.chars().count() > 100 {
        problems.push(problem("project_name", "100文字以内にしてください。", "Keep it to 100 characters."));
    }
    let fy = FiscalYear(program.fiscal_year);
    if input.ends_on < input.starts_on {
        problems.push(problem(
            "ends_on",
            "事業期間の終わりは始まりと同じ日か、それより後にしてください。",
            "The project's last day must not come before its first.",
        ));
    } else if input.starts_on < fy.start(start_month) || input.ends_on > fy.end(start_month) {
        let period = fy.info(start_month).period;
        problems.push(problem(
            "starts_on",
            format!("事業期間は制度の年度（{}：{}）の中にしてください。", fy.label_ja(), period.ja),
            format!("The project must run within the program's fiscal year ({}: {}).", fy.label_en(), period.en),
        ));
    }
    if input.expected_participants.is_some_and(|n| n < 0) {
        problems.push(problem("expected_participants", "0以上の数を入力してください。", "Enter 0 or more."));
    }
    if input.requested_amount < 0 {
        problems.push(problem("requested_amount", "申請額は0円以上で入力してください。", "Enter 0 yen or more."));
    }
    if let Some(done) = input.completed_on {
        if done < input.starts_on {
            problems.push(problem(
                "completed_on",
                "完了日は事業の始まりより後にしてください。",
                "The completion date must not come before the project's first day.",
            ));
        } else if done > today {
            problems.push(problem(
                "completed_on",
                "完了日に今日より後の日は入力できません。事業が終わってから入力してください。",
                "The completion date cannot be in the future; enter it once the project has ended.",
            ));
        }
    }
    let mut quarters: Vec<u8> = Vec::new();
    for q in &input.schedule {
        if !(1..=4).contains(&q.quarter) || quarters.contains(&q.quarter) {
            problems.push(problem(
                "schedule",
                "実施スケジュールは第1〜第4四半期に1つずつ入力してください。",
                "Enter the schedule once for each quarter, 1 to 4.",
            ));
            break;
        }
        quarters.push(q.quarter);
    }
    for p in &input.partner_ids {
        let n: i64 = conn.query_row("SELECT count(*) FROM partner WHERE id = ?1", params![p], |r| r.get(0))?;
        if n == 0 {
            problems.push(problem(
                "partner_ids",
                "選んだ連携団体が見つかりません。選び直してください。",
                "A partner chosen no longer exists; choose again.",
            ));
            break;
        }
    }
    for a in &input.action_ids {
        if plan::action_label(conn, a)?.is_none() {
            problems.push(problem(
                "action_ids",
                "選んだ計画の事業が見つかりません。選び直してください。",
                "A plan action chosen no longer exists; choose again.",
            ));
            break;
        }
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let t = |s: &str| s.trim().to_owned();
    let mut partner_ids = input.partner_ids.clone();
    partner_ids.sort();
    partner_ids.dedup();
    let mut action_ids = input.action_ids.clone();
    action_ids.sort();
    action_ids.dedup();
    let mut schedule: Vec<QuarterPlan> = input
        .schedule
        .iter()
        .map(|q| QuarterPlan { quarter: q.quarter, content: t(&q.content) })
        .filter(|q| !q.content.is_empty())
        .collect();
    schedule.sort_by_key(|q| q.quarter);
    Ok(GrantApplicationInput {
        program_id: input.program_id.clone(),
        project_name: t(&input.project_name),
        purpose: t(&input.purpose),
        content: t(&input.content),
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        place: t(&input.place),
        target_group: t(&input.target_group),
        expected_participants: input.expected_participants,
        partner_ids,
        partners_text: t(&input.partners_text),
        action_ids,
        schedule,
        expected_effect: t(&input.expected_effect),
        requested_amount: input.requested_amount,
        completed_on: input.completed_on,
        notes: t(&input.notes),
    })
}

fn write_children(tx: &Transaction<'_>, id: &GrantApplicationId, input: &GrantApplicationInput) -> Result<()> {
    tx.execute("DELETE FROM grant_application_partner WHERE application_id = ?1", params![id])?;
    tx.execute("DELETE FROM grant_application_action WHERE application_id = ?1", params![id])?;
    tx.execute("DELETE FROM grant_application_schedule WHERE application_id = ?1", params![id])?;
    for p in &input.partner_ids {
        tx.execute(
            "INSERT INTO grant_application_partner (application_id, partner_id) VALUES (?1, ?2)",
            params![id, p],
        )?;
    }
    for a in &input.action_ids {
        tx.execute("INSERT INTO grant_application_action (application_id, action_id) VALUES (?1, ?2)", params![id, a])?;
    }
    for q in &input.schedule {
        tx.execute(
            "INSERT INTO grant_application_schedule (application_id, quarter, content) VALUES (?1, ?2, ?3)",
            params![id, q.quarter, q.content],
        )?;
    }
    Ok(())
}

/// Starts an application (a draft) under a program.
pub fn create(w: &Write<'_>, input: &GrantApplicationInput, start_month: u32) -> Result<GrantApplicationId> {
    let program = program::get(w, &input.program_id).map_err(|_| {
        Error::invalid("program_id", Text::new("助成制度を選んでください。", "Choose the grant program."))
    })?;
    let input = validated(w, input, &program, start_month, w.today())?;
    let id = GrantApplicationId::new();
    w.execute(
        "INSERT INTO grant_application (id, program_id, project_name, purpose, content, starts_on, ends_on, place,
                                        target_group, expected_participants, partners_text, expected_effect,
                                        requested_amount, completed_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        params![
            id,
            input.program_id,
            input.project_name,
            input.purpose,
            input.content,
            input.starts_on,
            input.ends_on,
            input.place,
            input.target_group,
            input.expected_participants,
            input.partners_text,
            input.expected_effect,
            input.requested_amount,
            input.completed_on,
            input.notes,
            w.now()
        ],
    )?;
    write_search_text(w, &id)?;
    write_children(w, &id, &input)?;
    w.record(Change {
        action: AuditAction::Create,
        ..change(
            &id,
            format!(
                "{}「{}」の申請を作成（申請額{}）",
                program.name,
                input.project_name,
                format_yen(input.requested_amount)
            ),
            None,
            serde_json::to_value(&input).ok(),
        )
    })?;
    Ok(id)
}

/// Changes an application's plan. Refused when locked; the program and the amount applied for are
/// fixed once applied (a different amount after the award goes through a change application).
pub fn update(w: &Write<'_>, id: &GrantApplicationId, input: &GrantApplicationInput, start_month: u32) -> Result<()> {
    let status = ensure_unlocked(w, id)?;
    let before = record_of(w, id)?;
    if status != GrantStatus::Draft
        && (input.program_id != before.program_id || input.requested_amount != before.requested_amount)
    {
        return Err(Error::Conflict(Text::new(
            "申請した後は、助成制度と申請額を変えられません。金額の変更が必要なときは市に相談してください。",
            "Once applied for, the program and the amount applied for cannot change. Ask the city about changing the amount.",
        )));
    }
    let program = program::get(w, &input.program_id).map_err(|_| {
        Error::invalid("program_id", Text::new("助成制度を選んでください。", "Choose the grant program."))
    })?;
    let input = validated(w, input, &program, start_month, w.today())?;
    w.execute(
        "UPDATE grant_application SET program_id = ?2, project_name = ?3, purpose = ?4, content = ?5, starts_on = ?6,
                ends_on = ?7, place = ?8, target_group = ?9, expected_participants = ?10, partners_text = ?11,
                expected_effect = ?12, requested_amount = ?13, completed_on = ?14, notes = ?15, updated_at = ?16
         WHERE id = ?1",
        params![
            id,
            input.program_id,
            input.project_name,
            input.purpose,
            input.content,
            input.starts_on,
            input.ends_on,
            input.place,
            input.target_group,
            input.expected_participants,
            input.partners_text,
            input.expected_effect,
            input.requested_amount,
            input.completed_on,
            input.notes,
            w.now()
        ],
    )?;
    write_search_text(w, id)?;
    write_children(w, id, &input)?;
    w.record(change(
        id,
        format!("申請「{}」を変更", input.project_name),
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&input).ok(),
    ))
}

/// Deletes a draft entered by mistake (an application handed in is withdrawn instead, so its record
/// stays). Events linked to it and income the books marked for it lose the link.
pub fn delete(w: &Write<'_>, id: &GrantApplicationId) -> Result<()> {
    let before = record_of(w, id)?;
    if before.status != GrantStatus::Draft {
        return Err(Error::Conflict(Text::new(
            "削除できるのは下書きの申請だけです。申請済みのものは「取下げ」にしてください。",
            "Only a draft can be deleted; withdraw an application that was handed in.",
        )));
    }
    w.execute("UPDATE event SET grant_id = NULL WHERE grant_id = ?1", params![id])?;
    w.execute(
        "UPDATE ledger_entry SET grant_application_id = NULL, grant_income_kind = NULL WHERE grant_application_id = ?1",
        params![id],
    )?;
    w.execute("DELETE FROM grant_application WHERE id = ?1", params![id])?;
    w.record(Change {
        action: AuditAction::Delete,
        ..change(id, format!("下書きの申請「{}」を削除", before.project_name), serde_json::to_value(&before).ok(), None)
    })
}

/// Saves the budget form (see [`versions`] for which version it writes); returns the version.
pub fn save_budget(w: &Write<'_>, id: &GrantApplicationId, input: &BudgetInput) -> Result<u32> {
    let status = ensure_unlocked(w, id)?;
    let version = versions::save(w, id, status, input, w.now())?;
    let summary = if version == 1 {
        format!(
            "収支予算書を保存（収入{}、支出{}）",
            format_yen(input.income_total()),
            format_yen(input.expense_total())
        )
    } else {
        format!("変更後の収支予算書（第{version}版）を保存（支出{}）", format_yen(input.expense_total()))
    };
    w.record(change(id, summary, None, serde_json::to_value(input).ok()))?;
    Ok(version)
}

/// Drops the change being prepared (the draft version after version 1).
pub fn discard_change(w: &Write<'_>, id: &GrantApplicationId) -> Result<()> {
    ensure_unlocked(w, id)?;
    let version = versions::discard_draft(w, id)?;
    w.record(change(id, format!("作成中の変更予算（第{version}版）を取り消し"), None, None))
}

/// Links an event to the grant that pays for it (or unlinks it). Refused when the grant it leaves is
/// settled (its report keeps the events it had) or the one it joins is locked.
pub fn link_event(w: &Write<'_>, event: &EventId, grant: Option<&GrantApplicationId>) -> Result<()> {
    let (title, current): (String, Option<GrantApplicationId>) = w
        .query_row("SELECT title, grant_id FROM event WHERE id = ?1", params![event], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("その行事は見つかりません。", "That event no longer exists.")))?;
    if current.as_ref() == grant {
        return Ok(());
    }
    if let Some(old) = &current {
        // A settled grant keeps the events it reported on; one withdrawn or not awarded lets them go
        // (and a link to an application that no longer exists is simply replaced).
        if let Ok(status) = super::status_of(w, old)
            && status.is_settled()
        {
            return Err(locked_error(status));
        }
    }
    if let Some(new) = grant {
        ensure_unlocked(w, new)?;
    }
    w.execute("UPDATE event SET grant_id = ?2, updated_at = ?3 WHERE id = ?1", params![event, grant, w.now()])?;
    let summary = match grant {
        Some(g) => format!("行事「{title}」を{}の対象に", label(w, g)?.unwrap_or_default()),
        None => format!("行事「{title}」を助成金の対象から外す"),
    };
    w.record(Change {
        entity: "event",
        entity_id: event.as_str(),
        action: AuditAction::Update,
        summary,
        before: Some(serde_json::json!({ "grant_id": current })),
        after: Some(serde_json::json!({ "grant_id": grant })),
    })
}

/// All budget problems as one validation error (for refusing a step), each under `budget.<field>`.
pub(crate) fn budget_refusal(problems: &[BudgetProblem], ja_intro: &str, en_intro: &str) -> Error {
    let n = problems.len();
    Error::Validation {
        message: Text::new(
            format!("{ja_intro}収支予算書に直すところが{n}か所あります。"),
            format!("{en_intro} The budget has {n} problem(s) to fix."),
        ),
        problems: problems
            .iter()
            .map(|p| FieldProblem { field: format!("budget.{}", p.field), message: p.message.clone() })
            .collect(),
    }
}
