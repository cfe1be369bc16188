//! The budget (収支予算書) of one account and fiscal year, in versions: the proposal (予算案) is
//! edited until the 総会 approves it; a 補正予算 is a new version, and earlier ones stay readable.
//! Income and expenses must balance: 予備費 takes the difference when asked, otherwise the app says
//! exactly by how much they differ.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ledger::refuse_if_closed;
use super::{AccountId, CategoryId, CategoryRole, Side, categories};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::id_type;
use crate::money::format_yen;
use crate::text::Text;

id_type!(
    /// A version of an account's budget.
    BudgetId
);

/// One line of a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetLine {
    /// The 科目 (a 款, or a 項 under one).
    pub category_id: CategoryId,
    /// 予算額.
    #[ts(type = "number")]
    pub amount: i64,
    /// 説明.
    pub explanation: String,
}

/// A version of a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Budget {
    /// ID.
    pub id: BudgetId,
    /// The account.
    pub account_id: AccountId,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// 1 for the budget, 2… for each 補正予算.
    pub version: i64,
    /// When the meeting approved it (`None`: still a proposal).
    #[ts(type = "string | null")]
    pub approved_on: Option<NaiveDate>,
    /// The lines.
    pub lines: Vec<BudgetLine>,
    /// Income in all.
    #[ts(type = "number")]
    pub income: i64,
    /// Expenses in all.
    #[ts(type = "number")]
    pub expense: i64,
}

/// The versions of an account's budget for a year, first to last.
pub fn versions(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Vec<Budget>> {
    let mut stmt = conn.prepare(
        "SELECT id, version, approved_on FROM account_budget WHERE account_id = ?1 AND fiscal_year = ?2 ORDER BY version",
    )?;
    let heads = stmt
        .query_map(params![account, year.0], |r| {
            Ok((r.get::<_, BudgetId>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<NaiveDate>>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let chart = categories(conn, account)?;
    heads
        .into_iter()
        .map(|(id, version, approved_on)| {
            let mut stmt =
                conn.prepare("SELECT category_id, amount, explanation FROM account_budget_line WHERE budget_id = ?1")?;
            let lines: Vec<BudgetLine> = stmt
                .query_map(params![id], |r| {
                    Ok(BudgetLine { category_id: r.get(0)?, amount: r.get(1)?, explanation: r.get(2)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let (income, expense) = totals(&chart, &lines);
            Ok(Budget {
                id,
                account_id: account.clone(),
                fiscal_year: year,
                version,
                approved_on,
                lines,
                income,
                expense,
            })
        })
        .collect()
}

/// The budget in force: the last approved version, else the last proposal.
pub fn current(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Option<Budget>> {
    let all = versions(conn, account, year)?;
    let approved = all.iter().rev().find(|b| b.approved_on.is_some()).cloned();
    Ok(approved.or_else(|| all.last().cloned()))
}

/// Income and expense totals of `lines`: a 款's amount counts only when it has no 項 with amounts
/// (its 項 add up to it otherwise).
fn totals(chart: &[super::Category], lines: &[BudgetLine]) -> (i64, i64) {
    let amount = |id: &CategoryId| lines.iter().find(|l| &l.category_id == id).map_or(0, |l| l.amount);
    let (mut income, mut expense) = (0, 0);
    for c in chart.iter().filter(|c| c.parent_id.is_none()) {
        let children: i64 = chart.iter().filter(|k| k.parent_id.as_ref() == Some(&c.id)).map(|k| amount(&k.id)).sum();
        let total = if children > 0 { children } else { amount(&c.id) };
        match c.side {
            Side::Income => income += total,
            Side::Expense => expense += total,
        }
    }
    (income, expense)
}

/// Sets the budget's lines: the proposal under way is changed, or — when the budget in force was
/// approved — a new version (補正予算) is made. With `reserve_takes_difference`, 予備費 absorbs the
/// difference; otherwise a budget that does not balance is refused, saying by how much.
pub fn set(
    w: &Write<'_>,
    account: &AccountId,
    year: FiscalYear,
    lines: &[BudgetLine],
    reserve_takes_difference: bool,
) -> Result<BudgetId> {
    let start_month = crate::council::start_month(w)?;
    refuse_if_closed(w, account, year.start(start_month))?;
    let chart = categories(w, account)?;
    let mut lines: Vec<BudgetLine> =
        lines.iter().filter(|l| l.amount > 0 || !l.explanation.trim().is_empty()).cloned().collect();
    for l in &lines {
        if !chart.iter().any(|c| c.id == l.category_id) {
            return Err(Error::invalid(
                "category_id",
                Text::new("この会計の科目ではありません。", "Not a category of this account."),
            ));
        }
        if l.amount < 0 {
            return Err(Error::invalid(
                "amount",
                Text::new("予算額は0円以上で入力してください。", "Enter amounts of ¥0 or more."),
            ));
        }
    }
    let (income, expense) = totals(&chart, &lines);
    if income != expense {
        let reserve = chart.iter().find(|c| c.role == CategoryRole::Reserve && c.side == Side::Expense);
        match reserve {
            Some(r) if reserve_takes_difference => {
                let now = lines.iter().find(|l| l.category_id == r.id).map_or(0, |l| l.amount);
                let wanted = now + income - expense;
                if wanted < 0 {
                    return Err(unbalanced(income, expense));
                }
                match lines.iter_mut().find(|l| l.category_id == r.id) {
                    Some(l) => l.amount = wanted,
                    None => {
                        lines.push(BudgetLine { category_id: r.id.clone(), amount: wanted, explanation: String::new() })
                    }
                }
            }
            _ => return Err(unbalanced(income, expense)),
        }
    }
    let latest = versions(w, account, year)?.pop();
    let id = match latest {
        Some(b) if b.approved_on.is_none() => {
            w.execute("DELETE FROM account_budget_line WHERE budget_id = ?1", params![b.id])?;
            w.execute("UPDATE account_budget SET updated_at = ?2 WHERE id = ?1", params![b.id, w.now()])?;
            b.id
        }
        other => {
            let id = BudgetId::new();
            let version = other.map_or(1, |b| b.version + 1);
            w.execute(
                "INSERT INTO account_budget (id, account_id, fiscal_year, version, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, account, year.0, version, w.now()],
            )?;
            id
        }
    };
    for l in &lines {
        w.execute(
            "INSERT INTO account_budget_line (budget_id, category_id, amount, explanation) VALUES (?1, ?2, ?3, ?4)",
            params![id, l.category_id, l.amount, l.explanation.trim()],
        )?;
    }
    let (income, _) = totals(&chart, &lines);
    w.record(Change {
        entity: "account_budget",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("{}の収支予算を保存（{}）", year.label_ja(), format_yen(income)),
        before: None,
        after: serde_json::to_value(&lines).ok(),
    })?;
    Ok(id)
}

fn unbalanced(income: i64, expense: i64) -> Error {
    let (more, by) = if income > expense { ("収入", income - expense) } else { ("支出", expense - income) };
    let (more_en, _) = if income > expense { ("income", 0) } else { ("expenses", 0) };
    Error::invalid(
        "lines",
        Text::new(
            format!(
                "収入 {} と支出 {} が合いません（{}が{}多い）。金額を直すか、差額を予備費に入れてください。",
                format_yen(income),
                format_yen(expense),
                more,
                format_yen(by)
            ),
            format!(
                "Income {} and expenses {} do not balance ({more_en} exceed by {}). Change the amounts, or put the difference in the reserve.",
                format_yen(income),
                format_yen(expense),
                format_yen(by)
            ),
        ),
    )
}

/// Records that the meeting approved the budget proposal under way (the 総会's 可決).
pub fn approve(
    w: &Write<'_>,
    account: &AccountId,
    year: FiscalYear,
    on: NaiveDate,
    meeting: Option<&str>,
) -> Result<BudgetId> {
    let latest = versions(w, account, year)?.pop();
    let Some(budget) = latest.filter(|b| b.approved_on.is_none()) else {
        return Err(Error::Conflict(Text::new(
            "承認を待つ予算案がありません。予算を入力してから承認してください。",
            "There is no budget proposal waiting for approval.",
        )));
    };
    w.execute(
        "UPDATE account_budget SET approved_on = ?2, meeting_id = ?3, updated_at = ?4 WHERE id = ?1",
        params![budget.id, on, meeting, w.now()],
    )?;
    w.record(Change {
        entity: "account_budget",
        entity_id: budget.id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "{}の{}を承認",
            year.label_ja(),
            if budget.version == 1 {
                "収支予算".to_owned()
            } else {
                format!("補正予算（第{}号）", budget.version - 1)
            }
        ),
        before: None,
        after: Some(serde_json::json!({ "approved_on": on, "meeting_id": meeting })),
    })?;
    Ok(budget.id)
}

/// A proposal for `year` from the year before: its budget's lines, for the treasurer to change.
pub fn proposal_from_last_year(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Vec<BudgetLine>> {
    Ok(current(conn, account, FiscalYear(year.0 - 1))?.map(|b| b.lines).unwrap_or_default())
}

/// The approved date of the budget in force, if any.
pub fn approved_on(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT approved_on FROM account_budget WHERE account_id = ?1 AND fiscal_year = ?2 AND approved_on IS NOT NULL
              ORDER BY version DESC LIMIT 1",
            params![account, year.0],
            |r| r.get(0),
        )
        .optional()?)
}

id_type!(
    /// A transfer between budget lines (流用 or 予備費充用).
    BudgetTransferId
);

/// An amount moved between two expense lines of the budget in force: 予備費充用 from the reserve,
/// 流用 between other lines. The budget stays as approved; the statement's 予算額 includes the moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetTransfer {
    /// ID.
    pub id: BudgetTransferId,
    /// The line the amount leaves.
    pub from_category: CategoryId,
    /// Its name.
    pub from_name: String,
    /// The line it goes to.
    pub to_category: CategoryId,
    /// Its name.
    pub to_name: String,
    /// Yen.
    #[ts(type = "number")]
    pub amount: i64,
    /// The day it was decided.
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    /// Why (the 役員会's decision, the overrun it covers).
    pub reason: String,
    /// True when it comes from 予備費 (予備費充用); otherwise 流用.
    pub from_reserve: bool,
}

/// The transfers between lines of `account`'s budget in `year`, in the order decided.
pub fn transfers(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Vec<BudgetTransfer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.from_category, f.name, t.to_category, c.name, t.amount, t.decided_on, t.reason, f.role = 'reserve'
           FROM account_budget_transfer t
           JOIN account_category f ON f.id = t.from_category JOIN account_category c ON c.id = t.to_category
          WHERE t.account_id = ?1 AND t.fiscal_year = ?2 ORDER BY t.decided_on, t.created_at",
    )?;
    let rows = stmt.query_map(params![account, year.0], |r| {
        Ok(BudgetTransfer {
            id: r.get(0)?,
            from_category: r.get(1)?,
            from_name: r.get(2)?,
            to_category: r.get(3)?,
            to_name: r.get(4)?,
            amount: r.get(5)?,
            decided_on: r.get(6)?,
            reason: r.get(7)?,
            from_reserve: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A transfer between lines as its form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetTransferInput {
    /// The line the amount leaves.
    pub from: CategoryId,
    /// The line it goes to.
    pub to: CategoryId,
    /// Yen.
    #[ts(type = "number")]
    pub amount: i64,
    /// The day it was decided.
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// What a line holds after the transfers: its amount in the budget in force, plus what came in,
/// less what went out (予算現額).
pub fn line_now(conn: &Connection, account: &AccountId, year: FiscalYear, category: &CategoryId) -> Result<i64> {
    let planned = current(conn, account, year)?
        .and_then(|b| b.lines.into_iter().find(|l| &l.category_id == category))
        .map_or(0, |l| l.amount);
    let moved: i64 = transfers(conn, account, year)?
        .iter()
        .map(|t| {
            if &t.to_category == category {
                t.amount
            } else if &t.from_category == category {
                -t.amount
            } else {
                0
            }
        })
        .sum();
    Ok(planned + moved)
}

/// Moves `amount` from one expense line of the approved budget to another, with the reason: 予備費充用
/// when it comes from 予備費, 流用 otherwise. A line cannot give more than it holds.
pub fn transfer(
    w: &Write<'_>,
    account: &AccountId,
    year: FiscalYear,
    input: &BudgetTransferInput,
) -> Result<BudgetTransferId> {
    let BudgetTransferInput { from, to, amount, decided_on: on, reason } = input;
    let (amount, on) = (*amount, *on);
    if super::ledger::year_closed(w, account, year)? {
        return Err(Error::Locked(Text::new(
            format!("{}は決算を締めてあるため、予算は変えられません。", year.label_ja()),
            format!("{} is closed; its budget no longer changes.", year.label_en()),
        )));
    }
    if current(w, account, year)?.is_none_or(|b| b.approved_on.is_none()) {
        return Err(Error::Conflict(Text::new(
            format!("{}の予算がまだ承認されていません。流用は承認された予算の中で行います。", year.label_ja()),
            format!("{}'s budget is not approved yet; transfers are made within an approved budget.", year.label_en()),
        )));
    }
    let chart = categories(w, account)?;
    let find = |id: &CategoryId| chart.iter().find(|c| &c.id == id && c.side == Side::Expense);
    let (Some(f), Some(t)) = (find(from), find(to)) else {
        return Err(Error::invalid(
            "to_category",
            Text::new(
                "流用は、この会計の支出の科目の間で行います。",
                "Transfers go between expense lines of this account.",
            ),
        ));
    };
    if let Some(kan) = [f, t].into_iter().find(|c| chart.iter().any(|k| k.parent_id.as_ref() == Some(&c.id))) {
        return Err(Error::invalid(
            "to_category",
            Text::new(
                format!("「{}」は項に分かれています。項を選んでください。", kan.name),
                format!("“{}” is divided into sub-lines; choose one of them.", kan.name),
            ),
        ));
    }
    if f.id == t.id {
        return Err(Error::invalid(
            "to_category",
            Text::new("流用元と流用先に別の科目を選んでください。", "Choose two different lines."),
        ));
    }
    if amount <= 0 {
        return Err(Error::invalid(
            "amount",
            Text::new("金額は1円以上で入力してください。", "Enter an amount of at least ¥1."),
        ));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            Text::new("理由を入力してください（例：役員会で承認、防犯灯の修繕が増えたため）。", "Enter the reason."),
        ));
    }
    let available = line_now(w, account, year, from)?;
    if amount > available {
        return Err(Error::invalid(
            "amount",
            Text::new(
                format!("{}の予算は{}しか残っていません。", f.name, format_yen(available)),
                format!("{} holds only {}.", f.name, format_yen(available)),
            ),
        ));
    }
    let id = BudgetTransferId::new();
    w.execute(
        "INSERT INTO account_budget_transfer (id, account_id, fiscal_year, from_category, to_category, amount, decided_on,
                                              reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, account, year.0, f.id, t.id, amount, on, reason, w.now()],
    )?;
    w.record(Change {
        entity: "account_budget_transfer",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!(
            "{}: {} → {} {}（{}）",
            if f.role == CategoryRole::Reserve { "予備費充用" } else { "流用" },
            f.name,
            t.name,
            format_yen(amount),
            reason
        ),
        before: None,
        after: Some(serde_json::json!({ "fiscal_year": year.0, "amount": amount, "decided_on": on, "reason": reason })),
    })?;
    Ok(id)
}
