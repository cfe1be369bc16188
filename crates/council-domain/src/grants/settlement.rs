//! Budget against actual spending (予算執行状況) at any time, and the settlement (収支決算書): the
//! budget's lines with their actuals, the difference (増減) per line, and the reason for a large one.
//!
//! Lines are per income kind and per expense category (several budget lines of one category are one
//! settlement line, as the forms print them). The baseline is the current budget version (the latest
//! approved). Expense actuals are the recorded expenses. Income actuals ([`ActualSource`]): the
//! grant's is the final amount once settled, and before that the estimate `min(granted,
//! floor(rate × eligible expenses paid from the grant), maximum)`; every other kind is taken from the
//! books — the entries the treasurer marked as this project's income of that kind ([`book_income`]) —
//! or, for income that never went through the books, as entered for the settlement. When the
//! project's money goes through the books, the council's own share (会費) is what the books paid
//! beyond the project's other income. A kind with none of these is not known: its actual is 0 (never
//! the budget's figure) and the settlement says so until it is.
//!
//! A line needs a reason when it differs from its budget by more than [`REASON_THRESHOLD_PERCENT`]
//! (or has actuals without a budget). The report is refused while a reason or an actual is missing.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::application::{self, Record, expenses_of};
use super::budget::{self, CategoryComparison, ExpenseCategory, IncomeKind};
use super::expenses::GrantExpense;
use super::program::{self, GrantProgram};
use super::versions::{self, BudgetVersion};
use super::{GrantApplicationId, change, ensure_unlocked};
use crate::Write;
use crate::error::{Error, FieldProblem, Result};
use crate::text::Text;

/// A settlement line needs a reason when it moved by more than this percent of its budget.
pub const REASON_THRESHOLD_PERCENT: u32 = 10;

/// Budget against actual spending per category, with the change threshold applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetVsActual {
    /// The application.
    pub application_id: GrantApplicationId,
    /// The budget version compared with (none: no budget yet).
    pub budget_version: Option<u32>,
    /// The program's change threshold (percent, either way).
    pub threshold_percent: u32,
    /// True once the completion date is entered: under-spending then counts against the threshold.
    pub completed: bool,
    /// One row per category budgeted or spent in, in the forms' order.
    pub rows: Vec<CategoryComparison>,
    /// Budgeted expenses.
    pub budget_total: i64,
    /// Spent.
    pub actual_total: i64,
    /// Spent from the grant.
    pub grant_actual: i64,
    /// Spent from the grant in eligible categories.
    pub eligible_grant_actual: i64,
    /// What the grant comes to on the spending so far: `min(granted (or applied for),
    /// floor(rate × eligible_grant_actual), maximum)`.
    pub grant_estimate: i64,
    /// What must be done before the report (one line per category beyond the threshold).
    pub changes_needed: Vec<Text>,
}

/// One line of the settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettlementLine {
    /// The income kind, for an income line.
    pub income_kind: Option<IncomeKind>,
    /// The category, for an expense line.
    pub category: Option<ExpenseCategory>,
    /// The line's name.
    pub label: Text,
    /// 予算額 (the current budget version).
    pub budget: i64,
    /// 決算額.
    pub actual: i64,
    /// 増減 (actual − budget).
    pub difference: i64,
    /// Where the actual comes from.
    pub source: ActualSource,
    /// The reason for the difference (増減の理由).
    pub reason: String,
    /// True when the difference is large enough to need a reason.
    pub reason_needed: bool,
}

/// The settlement (収支決算書) data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settlement {
    /// The application.
    pub application_id: GrantApplicationId,
    /// The budget version the settlement is set against.
    pub budget_version: Option<u32>,
    /// Income lines.
    pub income: Vec<SettlementLine>,
    /// Expense lines.
    pub expenses: Vec<SettlementLine>,
    /// Budgeted income.
    pub income_budget_total: i64,
    /// Actual income.
    pub income_actual_total: i64,
    /// Budgeted expenses.
    pub expense_budget_total: i64,
    /// Actual expenses.
    pub expense_actual_total: i64,
    /// Actual income − actual expenses (a shortfall is negative).
    pub balance: i64,
    /// The grant's actual: the final amount once settled, the estimate before.
    pub grant_actual: i64,
    /// True once the grant's actual is the final amount.
    pub grant_is_final: bool,
    /// What keeps the settlement from being final: an income actual not known, a reason not given
    /// for a large difference.
    pub missing_reasons: Vec<Text>,
    /// True once settled (nothing may change).
    pub locked: bool,
}

/// Where a settlement line's actual comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActualSource {
    /// The grant's estimate on the spending so far (before the final amount is fixed).
    Estimate,
    /// The grant's final amount (交付確定額).
    Final,
    /// The expenses recorded for the project.
    Expenses,
    /// The books: the entries marked as this project's income of the kind.
    Books,
    /// What the books paid for the project beyond its other income (the council's own share).
    Remainder,
    /// Entered for the settlement (income that did not go through the books).
    Entered,
    /// Not known yet: shown as 0, and the settlement is not final.
    Missing,
}

impl ActualSource {
    /// True when the actual is known (anything but [`ActualSource::Missing`]).
    pub fn is_known(self) -> bool {
        self != ActualSource::Missing
    }
}

/// An entry of the books marked as a project's income of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncomeLinkInput {
    /// The application whose project received it.
    pub application_id: GrantApplicationId,
    /// The kind of income it is on the settlement (not the grant: that comes from the grant screen).
    pub kind: IncomeKind,
}

/// The actual of one income kind as entered for the settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncomeActualInput {
    /// The kind (the grant's actual is not entered: it is the final amount).
    pub kind: IncomeKind,
    /// Yen received (none: not entered; the books' figure is used when the books have one).
    pub actual: Option<i64>,
    /// The reason for a difference.
    pub reason: String,
}

/// The reason for one category's difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryReasonInput {
    /// The category.
    pub category: ExpenseCategory,
    /// The reason (増減の理由).
    pub reason: String,
}

/// What the settlement form saves (kinds and categories not named keep what they had).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettlementInput {
    /// Income actuals and reasons.
    pub income: Vec<IncomeActualInput>,
    /// Expense reasons.
    pub expenses: Vec<CategoryReasonInput>,
}

/// What the comparison and the settlement are computed from.
pub(crate) struct Facts {
    pub rec: Record,
    pub program: GrantProgram,
    pub budgets: Vec<BudgetVersion>,
    pub expenses: Vec<GrantExpense>,
}

/// Reads what the comparison and the settlement are computed from.
pub(crate) fn facts(conn: &Connection, id: &GrantApplicationId) -> Result<Facts> {
    let rec = application::record_of(conn, id)?;
    let program = program::get(conn, &rec.program_id)?;
    let budgets = versions::list(conn, id)?;
    let expenses = expenses_of(conn, &rec, &program, &application::council_name(conn)?)?;
    Ok(Facts { rec, program, budgets, expenses })
}

/// Budget against actual spending per category.
pub(crate) fn compare(f: &Facts) -> BudgetVsActual {
    let current = versions::current(&f.budgets);
    let by_category = current.map(|v| v.input().by_category()).unwrap_or_default();
    let completed = f.rec.completed_on.is_some();
    let threshold = f.program.change_threshold_percent;
    let rows: Vec<CategoryComparison> = ExpenseCategory::ALL
        .into_iter()
        .filter_map(|c| {
            let budget = by_category.iter().find(|(k, _)| *k == c).map(|(_, a)| *a);
            let spent: Vec<&GrantExpense> = f.expenses.iter().filter(|e| e.category == c).collect();
            if budget.is_none() && spent.is_empty() {
                return None;
            }
            let actual = spent.iter().map(|e| e.amount).sum();
            Some(budget::compare(c, budget.unwrap_or(0), actual, threshold, completed))
        })
        .collect();
    let grant_actual = f.expenses.iter().filter(|e| e.from_grant).map(|e| e.amount).sum();
    let eligible_grant_actual = f
        .expenses
        .iter()
        .filter(|e| e.from_grant && f.program.eligible_categories.contains(&e.category))
        .map(|e| e.amount)
        .sum();
    let mut grant_estimate =
        f.program.rate.cap(eligible_grant_actual).min(f.rec.amount_granted.unwrap_or(f.rec.requested_amount));
    if let Some(max) = f.program.max_amount {
        grant_estimate = grant_estimate.min(max);
    }
    BudgetVsActual {
        application_id: f.rec.id.clone(),
        budget_version: current.map(|v| v.version),
        threshold_percent: threshold,
        completed,
        budget_total: rows.iter().map(|r| r.budget).sum(),
        actual_total: rows.iter().map(|r| r.actual).sum(),
        grant_actual,
        eligible_grant_actual,
        grant_estimate,
        changes_needed: rows.iter().filter_map(|r| r.message.clone()).collect(),
        rows,
    }
}

/// Budget against actual spending of one application.
pub fn budget_vs_actual(conn: &Connection, id: &GrantApplicationId) -> Result<BudgetVsActual> {
    Ok(compare(&facts(conn, id)?))
}

/// One stored settlement line: side (`income` / `expense`), key (kind or category), entered actual, reason.
type StoredLine = (String, String, Option<i64>, String);

/// The stored actuals and reasons of an application.
fn stored(conn: &Connection, id: &GrantApplicationId) -> Result<Vec<StoredLine>> {
    let mut stmt =
        conn.prepare("SELECT side, key, actual, reason FROM grant_settlement_line WHERE application_id = ?1")?;
    let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn line_needs_reason(budget: i64, difference: i64) -> bool {
    budget::crosses(budget, difference, REASON_THRESHOLD_PERCENT)
}

/// The settlement of one application.
pub(crate) fn settlement_of(conn: &Connection, f: &Facts) -> Result<Settlement> {
    let stored = stored(conn, &f.rec.id)?;
    let find = |side: &str, key: &str| stored.iter().find(|(s, k, _, _)| s == side && k == key);
    let current = versions::current(&f.budgets);
    let budget = current.map(|v| v.input()).unwrap_or_default();
    let cmp = compare(f);
    let grant_is_final = f.rec.settled_amount.is_some();
    let grant_actual = f.rec.settled_amount.unwrap_or(cmp.grant_estimate);

    let booked = booked_income(conn, &f.rec.id)?;
    let through_books = crate::accounts::grant_ledger::get(conn, f.rec.id.as_str())?.is_some();
    let mut income = Vec::new();
    for kind in IncomeKind::ALL {
        let budgeted: Vec<i64> = budget.income.iter().filter(|l| l.kind == kind).map(|l| l.amount).collect();
        let entered = find("income", kind.as_str());
        let entered_actual = entered.and_then(|e| e.2);
        let from_books = booked.iter().find(|(k, _)| *k == kind).map(|(_, a)| *a);
        let remainder = kind == IncomeKind::Dues && through_books && !cmp.rows.is_empty();
        if budgeted.is_empty()
            && entered_actual.is_none()
            && from_books.is_none()
            && !remainder
            && kind != IncomeKind::Grant
        {
            continue;
        }
        let b: i64 = budgeted.iter().sum();
        let (actual, source) = match (kind, from_books, entered_actual) {
            (IncomeKind::Grant, _, _) if grant_is_final => (grant_actual, ActualSource::Final),
            (IncomeKind::Grant, _, _) => (grant_actual, ActualSource::Estimate),
            (_, Some(a), _) => (a, ActualSource::Books),
            (_, None, Some(a)) => (a, ActualSource::Entered),
            (_, None, None) if remainder => (0, ActualSource::Remainder),
            (_, None, None) => (0, ActualSource::Missing),
        };
        income.push(SettlementLine {
            income_kind: Some(kind),
            category: None,
            label: kind.label(),
            budget: b,
            actual,
            difference: actual - b,
            source,
            reason: entered.map(|e| e.3.clone()).unwrap_or_default(),
            reason_needed: false,
        });
    }
    // The council's own share is what the books paid beyond the project's other income.
    let spent: i64 = cmp.rows.iter().map(|r| r.actual).sum();
    let others: i64 = income.iter().filter(|l| l.source != ActualSource::Remainder).map(|l| l.actual).sum();
    for l in income.iter_mut() {
        if l.source == ActualSource::Remainder {
            l.actual = (spent - others).max(0);
            l.difference = l.actual - l.budget;
        }
        l.reason_needed = l.source.is_known() && line_needs_reason(l.budget, l.difference);
    }
    if let Some(pos) = income.iter().position(|l| l.source == ActualSource::Remainder && l.actual == 0 && l.budget == 0)
    {
        income.remove(pos);
    }
    let expenses: Vec<SettlementLine> = cmp
        .rows
        .iter()
        .map(|r| SettlementLine {
            income_kind: None,
            category: Some(r.category),
            label: r.label.clone(),
            budget: r.budget,
            actual: r.actual,
            difference: r.difference,
            source: ActualSource::Expenses,
            reason: find("expense", r.category.as_str()).map(|e| e.3.clone()).unwrap_or_default(),
            reason_needed: line_needs_reason(r.budget, r.difference),
        })
        .collect();
    let missing_actuals = income.iter().filter(|l| !l.source.is_known()).map(|l| {
        Text::new(
            format!(
                "「{}」の決算額がありません。出納帳でこの事業の収入として記帳するか、帳簿を通らない収入はここに入力してください。",
                l.label.ja
            ),
            format!(
                "No actual for {}: record it in the books as this project's income, or enter it here if it did not go through the books.",
                l.label.en
            ),
        )
    });
    let missing_reasons = missing_actuals
        .chain(income.iter().chain(expenses.iter()).filter(|l| l.reason_needed && l.reason.trim().is_empty()).map(
            |l| {
                Text::new(
                    format!(
                        "「{}」の増減（{}）の理由を書いてください。",
                        l.label.ja,
                        crate::money::format_yen(l.difference)
                    ),
                    format!("Give the reason for the difference in {} ({}).", l.label.en, budget::yen_en(l.difference)),
                )
            },
        ))
        .collect();
    let (income_actual_total, expense_actual_total): (i64, i64) =
        (income.iter().map(|l| l.actual).sum(), expenses.iter().map(|l| l.actual).sum());
    Ok(Settlement {
        application_id: f.rec.id.clone(),
        budget_version: current.map(|v| v.version),
        income_budget_total: income.iter().map(|l| l.budget).sum(),
        expense_budget_total: expenses.iter().map(|l| l.budget).sum(),
        balance: income_actual_total - expense_actual_total,
        income_actual_total,
        expense_actual_total,
        grant_actual,
        grant_is_final,
        missing_reasons,
        locked: f.rec.status.is_locked(),
        income,
        expenses,
    })
}

/// The settlement of one application.
pub fn get(conn: &Connection, id: &GrantApplicationId) -> Result<Settlement> {
    settlement_of(conn, &facts(conn, id)?)
}

/// Saves the settlement form: income actuals and reasons per kind and category (refused once locked).
pub fn save(w: &Write<'_>, id: &GrantApplicationId, input: &SettlementInput) -> Result<()> {
    ensure_unlocked(w, id)?;
    let mut problems = Vec::new();
    for (i, l) in input.income.iter().enumerate() {
        if l.actual.is_some_and(|a| a < 0) {
            problems.push(FieldProblem {
                field: format!("income.{i}"),
                message: Text::new("0以上の数を入力してください。", "Enter 0 or more."),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let upsert = |side: &str, key: &str, actual: Option<i64>, reason: &str| {
        w.execute(
            "INSERT INTO grant_settlement_line (application_id, side, key, actual, reason) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (application_id, side, key) DO UPDATE SET actual = excluded.actual, reason = excluded.reason",
            params![id, side, key, actual, reason.trim()],
        )
    };
    for l in &input.income {
        // The grant's actual is its final amount, never typed in.
        let actual = if l.kind == IncomeKind::Grant { None } else { l.actual };
        upsert("income", l.kind.as_str(), actual, &l.reason)?;
    }
    for l in &input.expenses {
        upsert("expense", l.category.as_str(), None, &l.reason)?;
    }
    w.record(change(id, "収支決算書（決算額・増減の理由）を保存".to_owned(), None, serde_json::to_value(input).ok()))
}

/// Per income kind, what the books received for `id`'s project: the entries marked as its income,
/// less their reversals. A kind whose entries were all reversed is not listed (nothing is booked).
fn booked_income(conn: &Connection, id: &GrantApplicationId) -> Result<Vec<(IncomeKind, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.grant_income_kind, sum(e.amount_in - e.amount_out),
                count(*) FILTER (WHERE e.reverses IS NULL
                                   AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses = e.id))
           FROM ledger_entry e WHERE e.grant_application_id = ?1
          GROUP BY e.grant_income_kind",
    )?;
    let rows =
        stmt.query_map(params![id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, amount, live) = row?;
        if live > 0 {
            out.push((IncomeKind::parse(&kind), amount));
        }
    }
    Ok(out)
}

/// The project an entry of the books is income of (application, kind), if it is marked.
fn entry_link(conn: &Connection, entry: &str) -> Result<Option<(GrantApplicationId, String)>> {
    use rusqlite::OptionalExtension;
    let row: Option<(Option<GrantApplicationId>, Option<String>)> = conn
        .query_row(
            "SELECT grant_application_id, grant_income_kind FROM ledger_entry WHERE id = ?1",
            params![entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((app, kind)) = row else {
        return Err(Error::NotFound(Text::new("その記帳は見つかりません。", "That entry no longer exists.")));
    };
    Ok(app.map(|a| (a, kind.unwrap_or_default())))
}

/// Marks an income entry of the books as `link`'s project income of one kind (or, with `None`,
/// clears the mark). Refused for an expense, a transfer or a reversal, for the grant itself (its money
/// comes from the grant screen), and when either project's settlement is final.
pub fn book_income(w: &Write<'_>, entry: &str, link: Option<&IncomeLinkInput>) -> Result<()> {
    let before = entry_link(w, entry)?;
    if before.as_ref().map(|(a, k)| (a, k.as_str())) == link.map(|l| (&l.application_id, l.kind.as_str())) {
        return Ok(());
    }
    crate::accounts::ledger::refuse_settled_project(w, entry)?;
    if let Some(l) = link {
        let income: bool = w.query_row(
            "SELECT amount_in > 0 AND category_id IS NOT NULL AND reverses IS NULL FROM ledger_entry WHERE id = ?1",
            params![entry],
            |r| r.get(0),
        )?;
        if !income {
            return Err(Error::invalid(
                "project",
                Text::new(
                    "事業の収入にできるのは、収入の科目の記帳だけです。",
                    "Only an income entry can be a project's income.",
                ),
            ));
        }
        if l.kind == IncomeKind::Grant {
            return Err(Error::invalid(
                "project",
                Text::new(
                    "交付金は申請の画面で受け取りを記録します。ここでは会費・事業収入・寄付金などを選んでください。",
                    "The grant itself is recorded on the grant screen; choose dues, project income, donations or another kind.",
                ),
            ));
        }
        application::record_of(w, &l.application_id)?;
        ensure_unlocked(w, &l.application_id)?;
    }
    w.execute(
        "UPDATE ledger_entry SET grant_application_id = ?2, grant_income_kind = ?3 WHERE id = ?1",
        params![entry, link.map(|l| &l.application_id), link.map(|l| l.kind.as_str())],
    )?;
    let project = match link {
        Some(l) => application::label(w, &l.application_id)?.unwrap_or_default(),
        None => String::new(),
    };
    w.record(crate::audit::Change {
        entity: "ledger_entry",
        entity_id: entry,
        action: crate::audit::AuditAction::Update,
        summary: match link {
            Some(l) => format!("記帳を{project}の収入（{}）に計上", l.kind.label_ja()),
            None => "記帳を事業の収入から外す".to_owned(),
        },
        before: before.map(|(a, k)| serde_json::json!({ "application_id": a, "kind": k })),
        after: link.and_then(|l| serde_json::to_value(l).ok()),
    })
}
