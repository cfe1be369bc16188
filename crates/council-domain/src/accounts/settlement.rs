//! What the books add up to: budget against actual (予算対比) at any date, the settlement (収支決算書)
//! of a year with its 次年度繰越金, and the closing of a year, after which nothing in it changes.
//!
//! Rules: a 科目's actual is the sum of its entries (会費: the dues payments; 前年度繰越金: what the
//! books held when the year began, plus any opening entry of the first year); a transfer moves no
//! 科目; 次年度繰越金 = income − expenses = the sum of the account's books at the year's end, and it is
//! the next year's 前年度繰越金.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ledger::{book_year, year_closed};
use super::{AccountId, CategoryId, CategoryRole, Side, get};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::money::format_yen;
use crate::text::Text;

/// One 科目's line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatementLine {
    /// The 科目.
    pub category_id: CategoryId,
    /// Its name.
    pub name: String,
    /// True for a 項 (indented under its 款).
    pub sub: bool,
    /// Income or expense.
    pub side: Side,
    /// 予算額: the budget in force, with the transfers between lines (予算現額).
    #[ts(type = "number")]
    pub budget: i64,
    /// What the transfers between lines (流用, 予備費充用) added (or took, when negative).
    #[ts(type = "number")]
    pub moved: i64,
    /// 決算額 (or the actual so far).
    #[ts(type = "number")]
    pub actual: i64,
    /// 増減: actual − budget.
    #[ts(type = "number")]
    pub difference: i64,
    /// For an expense: spent beyond its budget.
    pub over: bool,
    /// 説明 (the budget's explanation).
    pub explanation: String,
}

/// Budget against actual for an account's year, up to a day: the settlement when the day is the
/// year's last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Statement {
    /// The account.
    pub account_id: AccountId,
    /// The account's name.
    pub account_name: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Up to which day.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Income lines, 款 then its 項.
    pub income: Vec<StatementLine>,
    /// Expense lines.
    pub expense: Vec<StatementLine>,
    /// 収入合計 (budget, actual).
    #[ts(type = "[number, number]")]
    pub income_total: (i64, i64),
    /// 支出合計 (budget, actual).
    #[ts(type = "[number, number]")]
    pub expense_total: (i64, i64),
    /// 次年度繰越金 (so far): income − expenses.
    #[ts(type = "number")]
    pub carry_over: i64,
    /// Each book's balance on `as_of`: (name, balance).
    pub balances: Vec<(String, i64)>,
    /// True when the budget in force was approved by a meeting.
    pub budget_approved: bool,
    /// True when the year is closed.
    pub closed: bool,
}

/// Budget against actual of `account` in `year`, up to `as_of` (clamped to the year).
pub fn statement(conn: &Connection, account: &AccountId, year: FiscalYear, as_of: NaiveDate) -> Result<Statement> {
    let acc = get(conn, account)?;
    let start_month = crate::council::start_month(conn)?;
    let (from, to) = (year.start(start_month), year.end(start_month));
    let as_of = as_of.clamp(from, to);
    let mut actual: HashMap<CategoryId, i64> = HashMap::new();
    let mut carry_in = 0;
    let mut balances = Vec::new();
    for b in &acc.books {
        let year = book_year(conn, &b.id, year)?;
        carry_in += year.opening;
        let mut balance = year.opening;
        for l in year.lines.iter().filter(|l| l.date <= as_of) {
            balance += l.amount_in - l.amount_out;
            if let Some(c) = &l.category_id {
                *actual.entry(c.clone()).or_default() += l.amount_in - l.amount_out;
            }
        }
        balances.push((b.name.clone(), balance));
    }
    let budget = super::budget::current(conn, account, year)?;
    let planned = |id: &CategoryId| budget.as_ref().and_then(|b| b.lines.iter().find(|l| &l.category_id == id));
    let mut moves: HashMap<CategoryId, i64> = HashMap::new();
    for t in super::budget::transfers(conn, account, year)?.iter().filter(|t| t.decided_on <= as_of) {
        *moves.entry(t.to_category.clone()).or_default() += t.amount;
        *moves.entry(t.from_category.clone()).or_default() -= t.amount;
    }
    let moved = |id: &CategoryId| moves.get(id).copied().unwrap_or(0);
    let budgeted = |id: &CategoryId| planned(id).map_or(0, |l| l.amount) + moved(id);
    let mut income = Vec::new();
    let mut expense = Vec::new();
    for kan in acc.categories.iter().filter(|c| c.parent_id.is_none()) {
        let kou: Vec<_> = acc.categories.iter().filter(|c| c.parent_id.as_ref() == Some(&kan.id)).collect();
        let sign = if kan.side == Side::Income { 1 } else { -1 };
        let own = |id: &CategoryId| actual.get(id).copied().unwrap_or(0) * sign;
        let mut kan_actual = own(&kan.id) + kou.iter().map(|k| own(&k.id)).sum::<i64>();
        if kan.role == CategoryRole::CarryOver {
            kan_actual += carry_in;
        }
        let kou_planned: i64 = kou.iter().map(|k| planned(&k.id).map_or(0, |l| l.amount)).sum();
        let (kan_budget, kan_moved) = if kou_planned > 0 || kou.iter().any(|k| moved(&k.id) != 0) {
            (kou.iter().map(|k| budgeted(&k.id)).sum::<i64>(), kou.iter().map(|k| moved(&k.id)).sum::<i64>())
        } else {
            (budgeted(&kan.id), moved(&kan.id))
        };
        let line = |id: &CategoryId, name: &str, sub: bool, budget: i64, moved: i64, actual: i64| StatementLine {
            category_id: id.clone(),
            name: name.to_owned(),
            sub,
            side: kan.side,
            budget,
            moved,
            actual,
            difference: actual - budget,
            over: kan.side == Side::Expense && actual > budget,
            explanation: planned(id).map(|l| l.explanation.clone()).unwrap_or_default(),
        };
        let target = if kan.side == Side::Income { &mut income } else { &mut expense };
        target.push(line(&kan.id, &kan.name, false, kan_budget, kan_moved, kan_actual));
        for k in kou {
            target.push(line(&k.id, &k.name, true, budgeted(&k.id), moved(&k.id), own(&k.id)));
        }
    }
    let total = |lines: &[StatementLine]| {
        lines.iter().filter(|l| !l.sub).fold((0, 0), |(b, a), l| (b + l.budget, a + l.actual))
    };
    let (income_total, expense_total) = (total(&income), total(&expense));
    Ok(Statement {
        account_id: account.clone(),
        account_name: acc.name,
        fiscal_year: year,
        as_of,
        income,
        expense,
        income_total,
        expense_total,
        carry_over: income_total.1 - expense_total.1,
        balances,
        budget_approved: budget.as_ref().is_some_and(|b| b.approved_on.is_some()),
        closed: year_closed(conn, account, year)?,
    })
}

/// The settlement (収支決算書) of an account's year: its [`Statement`] at the year's last day.
pub type Settlement = Statement;

/// The settlement (収支決算書) of a year: the statement at its last day.
pub fn settlement(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Settlement> {
    let end = year.end(crate::council::start_month(conn)?);
    statement(conn, account, year, end)
}

/// Closes an account's year: its settlement is final, its 次年度繰越金 recorded (and equal to what the
/// books hold at the year's end), and nothing dated in it changes afterwards. An earlier year with
/// entries must be closed first.
pub fn close_year(w: &Write<'_>, account: &AccountId, year: FiscalYear) -> Result<i64> {
    if year_closed(w, account, year)? {
        return Err(Error::Conflict(Text::new(
            format!("{}はもう締めてあります。", year.label_ja()),
            format!("{} is already closed.", year.label_en()),
        )));
    }
    let start_month = crate::council::start_month(w)?;
    if w.today() <= year.end(start_month) {
        return Err(Error::Conflict(Text::new(
            format!(
                "{}はまだ終わっていません。{}が過ぎてから締めてください。",
                year.label_ja(),
                crate::calendar::wareki(year.end(start_month))
            ),
            format!("{} has not ended yet. Close it after {}.", year.label_en(), year.end(start_month)),
        )));
    }
    let earlier_open: Option<i32> = w.query_row(
        "SELECT max(e.fiscal_year) FROM ledger_entry e JOIN book b ON b.id = e.book_id
          WHERE b.account_id = ?1 AND e.fiscal_year < ?2
            AND NOT EXISTS (SELECT 1 FROM account_year_close c WHERE c.account_id = ?1 AND c.fiscal_year = e.fiscal_year)",
        params![account, year.0],
        |r| r.get(0),
    )?;
    if let Some(earlier) = earlier_open {
        return Err(Error::Conflict(Text::new(
            format!("先に{}を締めてください。", FiscalYear(earlier).label_ja()),
            format!("Close {} first.", FiscalYear(earlier).label_en()),
        )));
    }
    super::audit::refuse_unaudited(w, account, year)?;
    let s = statement(w, account, year, year.end(start_month))?;
    let in_books: i64 =
        get(w, account)?.books.iter().map(|b| book_year(w, &b.id, year).map(|y| y.closing)).sum::<Result<i64>>()?;
    if in_books != s.carry_over {
        // Only money outside every 科目 could make them differ; the books are the truth to fix.
        return Err(Error::Conflict(Text::new(
            format!(
                "決算の繰越金 {} と出納帳の残高の合計 {} が合いません。記帳を確かめてください。",
                format_yen(s.carry_over),
                format_yen(in_books)
            ),
            format!(
                "The settlement's carry-over {} and the books' balances {} differ. Check the entries.",
                format_yen(s.carry_over),
                format_yen(in_books)
            ),
        )));
    }
    w.execute(
        "INSERT INTO account_year_close (account_id, fiscal_year, closed_on, carry_over) VALUES (?1, ?2, ?3, ?4)",
        params![account, year.0, w.today(), s.carry_over],
    )?;
    w.record(Change {
        entity: "account_year_close",
        entity_id: account.as_str(),
        action: AuditAction::Create,
        summary: format!(
            "{}の{}を締めました（次年度繰越金 {}）",
            s.account_name,
            year.label_ja(),
            format_yen(s.carry_over)
        ),
        before: None,
        after: Some(serde_json::json!({ "fiscal_year": year.0, "carry_over": s.carry_over })),
    })?;
    Ok(s.carry_over)
}
