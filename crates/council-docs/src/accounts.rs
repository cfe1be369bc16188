//! The council's own accounts on paper: the 収支決算書 (budget, actual, 増減 and 説明 per 科目, the
//! totals, the 次年度繰越金 and what each book held at the year's end) and the 収支予算書 (the budget
//! in force, with its approval) of one account and fiscal year — the general account unless another
//! is named.
use council_domain::Read;
use council_domain::accounts::settlement::{self, Statement, StatementLine};
use council_domain::accounts::{self, AccountId, budget};
use council_domain::calendar::{FiscalYear, wareki};
use council_domain::money::format_amount;
use council_domain::text::Text;
use serde_json::{Value, json};

use crate::Header;
use crate::error::{Error, Result};

/// The account `record` names, or the general account.
fn account(r: &Read<'_>, record: Option<&str>) -> Result<AccountId> {
    match record {
        Some(id) => Ok(accounts::get(r, &AccountId(id.to_owned()))?.id),
        None => accounts::general(r)?.map(|a| a.id).ok_or_else(|| {
            Error::from(council_domain::Error::NotFound(Text::new(
                "まだ会計がありません。会計の画面で一般会計を始めてください。",
                "There are no accounts yet. Start the general account on the Accounts screen.",
            )))
        }),
    }
}

fn lines(lines: &[StatementLine], with_actual: bool) -> Vec<Value> {
    lines
        .iter()
        .map(|l| {
            json!({
                "label": if l.sub { format!("　{}", l.name) } else { l.name.clone() },
                "sub": l.sub,
                "budget": format_amount(l.budget),
                "actual": if with_actual { format_amount(l.actual) } else { String::new() },
                "difference": format_amount(l.difference),
                "explanation": l.explanation,
            })
        })
        .collect()
}

fn totals(s: &Statement) -> Value {
    json!({
        "income_budget": format_amount(s.income_total.0),
        "income_actual": format_amount(s.income_total.1),
        "income_difference": format_amount(s.income_total.1 - s.income_total.0),
        "expense_budget": format_amount(s.expense_total.0),
        "expense_actual": format_amount(s.expense_total.1),
        "expense_difference": format_amount(s.expense_total.1 - s.expense_total.0),
        "budget_balance": format_amount(s.income_total.0 - s.expense_total.0),
        "carry_over": format_amount(s.carry_over),
    })
}

/// The data of the 収支決算書 (`account-settlement.typ`).
pub(crate) fn settlement_data(r: &Read<'_>, header: &Header, record: Option<&str>, year: i32) -> Result<Value> {
    let id = account(r, record)?;
    let s = settlement::settlement(r, &id, FiscalYear(year))?;
    let start_month = council_domain::council::start_month(r)?;
    let end = FiscalYear(year).end(start_month);
    Ok(json!({
        "header": header,
        "account": s.account_name,
        "period": format!("{}から{}まで", wareki(FiscalYear(year).start(start_month)), wareki(end)),
        "as_of": wareki(s.as_of),
        "final": s.closed,
        "year_ended": r.today() > end,
        "income": lines(&s.income, true),
        "expense": lines(&s.expense, true),
        "totals": totals(&s),
        "balances": s.balances.iter().map(|(name, b)| json!({ "name": name, "balance": format_amount(*b) })).collect::<Vec<_>>(),
        "balances_total": format_amount(s.balances.iter().map(|(_, b)| b).sum()),
    }))
}

/// The data of the 収支予算書 (`account-budget.typ`).
pub(crate) fn budget_data(r: &Read<'_>, header: &Header, record: Option<&str>, year: i32) -> Result<Value> {
    let id = account(r, record)?;
    let start_month = council_domain::council::start_month(r)?;
    let fy = FiscalYear(year);
    let s = settlement::statement(r, &id, fy, fy.start(start_month))?;
    let current = budget::current(r, &id, fy)?;
    Ok(json!({
        "header": header,
        "account": s.account_name,
        "has_budget": current.is_some(),
        "version": current.as_ref().map_or(1, |b| b.version),
        "approved_on": current.as_ref().and_then(|b| b.approved_on).map(wareki),
        "income": lines(&s.income, false),
        "expense": lines(&s.expense, false),
        "totals": totals(&s),
    }))
}
