//! The stored versions of an application's budget. Version 1 is the budget applied with; each change
//! application (変更申請) adds the next version. A version is a draft while it is prepared (the only
//! state that is edited), then submitted with the application or the change, then approved (with the
//! award or the change's approval) or declined. Submitted, approved and declined versions stay exactly
//! as they were, readable beside the newer ones. The current budget is the latest approved version
//! (before the award: the latest version not declined).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::budget::{BreakdownRow, BudgetInput, ExpenseCategory, ExpenseLine, IncomeKind, IncomeLine};
use super::lifecycle::GrantStatus;
use super::{GrantApplicationId, GrantBudgetId};
use crate::error::{Error, FieldProblem, Result};
use crate::text::Text;

/// Where a budget version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetState {
    /// Being prepared: the only state that is edited.
    Draft,
    /// Handed in with the application or the change application.
    Submitted,
    /// Approved with the award or the change's approval.
    Approved,
    /// The change was not approved.
    Declined,
}

impl BudgetState {
    fn as_str(self) -> &'static str {
        match self {
            BudgetState::Draft => "draft",
            BudgetState::Submitted => "submitted",
            BudgetState::Approved => "approved",
            BudgetState::Declined => "declined",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "submitted" => BudgetState::Submitted,
            "approved" => BudgetState::Approved,
            "declined" => BudgetState::Declined,
            _ => BudgetState::Draft,
        }
    }

    /// The state in both languages.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            BudgetState::Draft => ("作成中", "Draft"),
            BudgetState::Submitted => ("申請中", "Submitted"),
            BudgetState::Approved => ("承認済み", "Approved"),
            BudgetState::Declined => ("不承認", "Declined"),
        };
        Text::new(ja, en)
    }
}

/// One version of a budget with its lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetVersion {
    /// ID.
    pub id: GrantBudgetId,
    /// 1 for the budget applied with, then one more per change.
    pub version: u32,
    /// Where it stands.
    pub state: BudgetState,
    /// The state as shown.
    pub state_label: Text,
    /// For a change: why (and, if declined, why it was declined).
    pub reason: String,
    /// When it was handed in.
    #[ts(type = "string | null")]
    pub submitted_on: Option<NaiveDate>,
    /// When it was approved or declined.
    #[ts(type = "string | null")]
    pub decided_on: Option<NaiveDate>,
    /// Income lines.
    pub income: Vec<IncomeLine>,
    /// Expense lines.
    pub expenses: Vec<ExpenseLine>,
    /// Total income.
    pub income_total: i64,
    /// Total expenses.
    pub expense_total: i64,
    /// The grant's income.
    pub grant_total: i64,
    /// True for the current budget (the latest approved; before the award, the latest not declined).
    pub current: bool,
    /// True for a draft (the one the budget form edits).
    pub editable: bool,
}

impl BudgetVersion {
    /// The lines as the checks take them.
    pub fn input(&self) -> BudgetInput {
        BudgetInput { income: self.income.clone(), expenses: self.expenses.clone() }
    }
}

/// Every version of an application's budget, oldest first, the current one flagged.
pub fn list(conn: &Connection, application: &GrantApplicationId) -> Result<Vec<BudgetVersion>> {
    let mut stmt = conn.prepare(
        "SELECT id, version, state, reason, submitted_on, decided_on FROM grant_budget
         WHERE application_id = ?1 ORDER BY version",
    )?;
    let mut versions: Vec<BudgetVersion> = stmt
        .query_map(params![application], |r| {
            let state = BudgetState::parse(&r.get::<_, String>(2)?);
            Ok(BudgetVersion {
                id: r.get(0)?,
                version: r.get(1)?,
                state,
                state_label: state.label(),
                reason: r.get(3)?,
                submitted_on: r.get(4)?,
                decided_on: r.get(5)?,
                income: Vec::new(),
                expenses: Vec::new(),
                income_total: 0,
                expense_total: 0,
                grant_total: 0,
                current: false,
                editable: state == BudgetState::Draft,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut income = conn
        .prepare("SELECT kind, description, amount FROM grant_budget_income WHERE budget_id = ?1 ORDER BY position")?;
    let mut expenses = conn.prepare(
        "SELECT position, category, description, charged_to_grant, amount FROM grant_budget_expense
         WHERE budget_id = ?1 ORDER BY position",
    )?;
    let mut items = conn.prepare(
        "SELECT item, unit_price, quantity, unit, amount FROM grant_budget_item
         WHERE budget_id = ?1 AND line_position = ?2 ORDER BY position",
    )?;
    for v in &mut versions {
        v.income = income
            .query_map(params![v.id], |r| {
                Ok(IncomeLine {
                    kind: IncomeKind::parse(&r.get::<_, String>(0)?),
                    description: r.get(1)?,
                    amount: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let lines: Vec<(i64, ExpenseLine)> = expenses
            .query_map(params![v.id], |r| {
                Ok((
                    r.get(0)?,
                    ExpenseLine {
                        category: ExpenseCategory::parse(&r.get::<_, String>(1)?),
                        description: r.get(2)?,
                        charged_to_grant: r.get(3)?,
                        amount: r.get(4)?,
                        breakdown: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (position, mut line) in lines {
            line.breakdown = items
                .query_map(params![v.id, position], |r| {
                    Ok(BreakdownRow {
                        item: r.get(0)?,
                        unit_price: r.get(1)?,
                        quantity: r.get(2)?,
                        unit: r.get(3)?,
                        amount: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            v.expenses.push(line);
        }
        let input = v.input();
        (v.income_total, v.expense_total, v.grant_total) =
            (input.income_total(), input.expense_total(), input.grant_income());
    }
    let current = current_index(&versions);
    if let Some(i) = current {
        versions[i].current = true;
    }
    Ok(versions)
}

/// Which version is current: the latest approved; before any approval, the latest not declined.
fn current_index(versions: &[BudgetVersion]) -> Option<usize> {
    versions
        .iter()
        .rposition(|v| v.state == BudgetState::Approved)
        .or_else(|| versions.iter().rposition(|v| v.state != BudgetState::Declined))
}

/// The current version, if the application has a budget.
pub fn current(versions: &[BudgetVersion]) -> Option<&BudgetVersion> {
    versions.iter().find(|v| v.current)
}

/// The draft being prepared, if any (the budget applied with, before applying; or a change).
pub fn draft(versions: &[BudgetVersion]) -> Option<&BudgetVersion> {
    versions.last().filter(|v| v.state == BudgetState::Draft)
}

/// The version handed in and not yet decided, if any.
pub fn submitted(versions: &[BudgetVersion]) -> Option<&BudgetVersion> {
    versions.last().filter(|v| v.state == BudgetState::Submitted)
}

/// The input's amounts and texts checked (refusals; the budget rules are checked separately, since a
/// draft may be saved while it does not balance yet).
fn validated(input: &BudgetInput) -> Result<BudgetInput> {
    let mut problems = Vec::new();
    let negative = |field: String| FieldProblem {
        field,
        message: Text::new("0以上の数を入力してください。", "Enter 0 or more."),
    };
    for (i, l) in input.income.iter().enumerate() {
        if l.amount < 0 {
            problems.push(negative(format!("income.{i}")));
        }
    }
    for (i, l) in input.expenses.iter().enumerate() {
        if l.amount < 0 {
            problems.push(negative(format!("expenses.{i}")));
        }
        for (j, row) in l.breakdown.iter().enumerate() {
            if row.unit_price < 0 || row.quantity < 0 || row.amount < 0 {
                problems.push(negative(format!("expenses.{i}.breakdown.{j}")));
            }
        }
    }
    if input.income.len() + input.expenses.len() > 500 {
        problems.push(FieldProblem {
            field: "expenses".into(),
            message: Text::new("行が多すぎます（500行まで）。", "Too many lines (500 at most)."),
        });
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let tidy = |s: &str| s.trim().to_owned();
    Ok(BudgetInput {
        income: input
            .income
            .iter()
            .map(|l| IncomeLine { kind: l.kind, description: tidy(&l.description), amount: l.amount })
            .collect(),
        expenses: input
            .expenses
            .iter()
            .map(|l| ExpenseLine {
                category: l.category,
                description: tidy(&l.description),
                charged_to_grant: l.charged_to_grant,
                amount: l.amount,
                breakdown: l
                    .breakdown
                    .iter()
                    .map(|r| BreakdownRow {
                        item: tidy(&r.item),
                        unit_price: r.unit_price,
                        quantity: r.quantity,
                        unit: tidy(&r.unit),
                        amount: r.amount,
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn write_lines(tx: &Transaction<'_>, budget: &GrantBudgetId, input: &BudgetInput) -> Result<()> {
    // Breakdown rows go with their lines (ON DELETE CASCADE).
    tx.execute("DELETE FROM grant_budget_expense WHERE budget_id = ?1", params![budget])?;
    tx.execute("DELETE FROM grant_budget_income WHERE budget_id = ?1", params![budget])?;
    for (i, l) in input.income.iter().enumerate() {
        tx.execute(
            "INSERT INTO grant_budget_income (budget_id, position, kind, description, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![budget, i as i64 + 1, l.kind.as_str(), l.description, l.amount],
        )?;
    }
    for (i, l) in input.expenses.iter().enumerate() {
        let position = i as i64 + 1;
        tx.execute(
            "INSERT INTO grant_budget_expense (budget_id, position, category, description, charged_to_grant, amount)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![budget, position, l.category.as_str(), l.description, l.charged_to_grant, l.amount],
        )?;
        for (j, r) in l.breakdown.iter().enumerate() {
            tx.execute(
                "INSERT INTO grant_budget_item (budget_id, line_position, position, item, unit_price, quantity, unit, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![budget, position, j as i64 + 1, r.item, r.unit_price, r.quantity, r.unit, r.amount],
            )?;
        }
    }
    Ok(())
}

/// Saves the budget form into the application's draft version: the budget applied with while the
/// application is a draft; after the award, the next version (a change being prepared), created on
/// the first save. Returns the version number written. Refused while a budget is with the city, and
/// after the report.
pub(super) fn save(
    tx: &Transaction<'_>,
    application: &GrantApplicationId,
    status: GrantStatus,
    input: &BudgetInput,
    now: DateTime<Utc>,
) -> Result<u32> {
    use GrantStatus as S;
    match status {
        S::Draft | S::Awarded | S::InProgress | S::ChangeApproved => {}
        S::Applied | S::ChangeApplied => {
            return Err(Error::Conflict(Text::new(
                "申請中の予算は変更できません。市の決定を記録してから変更してください。",
                "The budget is with the city and cannot change now. Record the city's decision first.",
            )));
        }
        _ => {
            return Err(Error::Conflict(Text::new(
                "実績報告の後は予算を変更できません。",
                "The budget cannot change after the performance report.",
            )));
        }
    }
    let input = validated(input)?;
    let latest: Option<(GrantBudgetId, u32, String)> = tx
        .query_row(
            "SELECT id, version, state FROM grant_budget WHERE application_id = ?1 ORDER BY version DESC LIMIT 1",
            params![application],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (id, version) = match latest {
        Some((id, version, state)) if state == "draft" => {
            tx.execute("UPDATE grant_budget SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
            (id, version)
        }
        other => {
            if status == S::Draft && other.is_some() {
                // A draft application's budget is always its own draft; anything else is a conflict.
                return Err(Error::Conflict(Text::new(
                    "予算の状態が変わっています。画面を開き直してください。",
                    "The budget has changed; reopen the screen.",
                )));
            }
            let version = other.map_or(1, |(_, v, _)| v + 1);
            let id = GrantBudgetId::new();
            tx.execute(
                "INSERT INTO grant_budget (id, application_id, version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, application, version, now],
            )?;
            (id, version)
        }
    };
    write_lines(tx, &id, &input)?;
    Ok(version)
}

/// Moves a version on (submitted, approved, declined) with the day it happened.
pub(super) fn set_state(
    tx: &Transaction<'_>,
    budget: &GrantBudgetId,
    state: BudgetState,
    on: NaiveDate,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let column = if state == BudgetState::Submitted { "submitted_on" } else { "decided_on" };
    tx.execute(
        &format!(
            "UPDATE grant_budget SET state = ?2, {column} = ?3, reason = coalesce(?4, reason), updated_at = ?5 WHERE id = ?1"
        ),
        params![budget, state.as_str(), on, reason, now],
    )?;
    Ok(())
}

/// Drops the change being prepared (a draft after version 1). Returns its version number.
pub(super) fn discard_draft(tx: &Transaction<'_>, application: &GrantApplicationId) -> Result<u32> {
    let versions = list(tx, application)?;
    match draft(&versions) {
        Some(v) if v.version > 1 => {
            tx.execute("DELETE FROM grant_budget WHERE id = ?1", params![v.id])?;
            Ok(v.version)
        }
        _ => Err(Error::Conflict(Text::new(
            "取り消せる変更中の予算はありません。",
            "There is no change being prepared to discard.",
        ))),
    }
}
