//! The council's own accounts on paper: the 収支決算書 (budget, actual, 増減 and 説明 per 科目, the
//! totals, the 次年度繰越金 and what each book held at the year's end), the 収支予算書 (the budget
//! in force, with its approval), the 出納帳 (every book, a year or a month), the 監査報告書, the
//! 財産目録 and the one-page 会計報告 for circulation, of one account and fiscal year — the general
//! account unless another is named (by its ID or its name).
use council_domain::Read;
use council_domain::accounts::ledger::{self, BookLine};
use council_domain::accounts::settlement::{self, Statement, StatementLine};
use council_domain::accounts::{self, AccountId, BookKind, assets, audit, budget};
use council_domain::calendar::{FiscalYear, wareki, wareki_month};
use council_domain::money::format_amount;
use council_domain::text::Text;
use serde_json::{Value, json};

use crate::Header;
use crate::error::{Error, Result};

/// The account `record` names (its ID or its name), or the general account.
fn account(r: &Read<'_>, record: Option<&str>) -> Result<AccountId> {
    match record {
        Some(name) => {
            let all = accounts::list(r)?;
            match all.iter().find(|a| a.id.0 == name || a.name == name.trim()) {
                Some(a) => Ok(a.id.clone()),
                None => Err(Error::from(council_domain::Error::NotFound(Text::new(
                    format!(
                        "「{name}」という会計はありません。次のいずれかを指定してください: {}",
                        all.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join("、")
                    ),
                    format!(
                        "There is no account called “{name}”. Use one of: {}",
                        all.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )))),
            }
        }
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
                // The budget as approved on the 予算書; with the transfers between lines (予算現額) on
                // the 決算書.
                "budget": format_amount(if with_actual { l.budget } else { l.budget - l.moved }),
                "moved": if l.moved == 0 { String::new() } else { format_amount(l.moved) },
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
        "transfers": budget::transfers(r, &id, FiscalYear(year))?.iter().map(|t| json!({
            "kind": if t.from_reserve { "予備費充用" } else { "流用" },
            "from": t.from_name,
            "to": t.to_name,
            "amount": format_amount(t.amount),
            "decided_on": wareki(t.decided_on),
            "reason": t.reason,
        })).collect::<Vec<_>>(),
        "audited": audit::record(r, &id, FiscalYear(year))?.map(|a| json!({
            "on": wareki(a.audited_on),
            "auditors": a.auditors,
        })),
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

fn book_line(l: &BookLine) -> Value {
    json!({
        "date": format!("{}/{}", l.date.format("%-m"), l.date.format("%-d")),
        "voucher": l.voucher_no.map(|v| v.to_string()).unwrap_or_default(),
        "category": l.category.clone().unwrap_or_else(|| if l.transfer { "振替".to_owned() } else { String::new() }),
        "description": l.description,
        "counterparty": l.counterparty,
        "in": if l.amount_in > 0 { format_amount(l.amount_in) } else { String::new() },
        "out": if l.amount_out > 0 { format_amount(l.amount_out) } else { String::new() },
        "balance": format_amount(l.balance),
        "receipt": l.receipt.is_some(),
    })
}

/// The data of the 出納帳 (`cashbook.typ`): every book of the account for the year, or for one month
/// of it (`month`, 1–12), each with the balance brought forward, its lines and the balance carried.
pub(crate) fn cashbook_data(
    r: &Read<'_>,
    header: &Header,
    record: Option<&str>,
    year: i32,
    month: Option<u32>,
) -> Result<Value> {
    let id = account(r, record)?;
    let acc = accounts::get(r, &id)?;
    let start_month = council_domain::council::start_month(r)?;
    let fy = FiscalYear(year);
    let (from, to) = (fy.start(start_month), fy.end(start_month));
    let (from, to, period) = match month {
        None => (from, to, format!("{}から{}まで", wareki(from), wareki(to))),
        Some(m) => {
            let Some(first) = (0..12)
                .filter_map(|i| from.checked_add_months(chrono::Months::new(i)))
                .find(|d| chrono::Datelike::month(d) == m)
            else {
                return Err(Error::from(council_domain::Error::invalid(
                    "month",
                    Text::new("月は1から12で指定してください。", "Give a month from 1 to 12."),
                )));
            };
            let last = first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
            (first, last, wareki_month(first))
        }
    };
    let mut books = Vec::new();
    for b in &acc.books {
        let y = ledger::book_year(r, &b.id, fy)?;
        let opening =
            y.opening + y.lines.iter().filter(|l| l.date < from).map(|l| l.amount_in - l.amount_out).sum::<i64>();
        let lines: Vec<&BookLine> = y.lines.iter().filter(|l| l.date >= from && l.date <= to).collect();
        let total_in: i64 = lines.iter().map(|l| l.amount_in).sum();
        let total_out: i64 = lines.iter().map(|l| l.amount_out).sum();
        books.push(json!({
            "name": b.name,
            "kind": if b.kind == BookKind::Cash { "現金出納帳" } else { "預金出納帳" },
            "opening": format_amount(opening),
            "lines": lines.iter().map(|l| book_line(l)).collect::<Vec<_>>(),
            "total_in": format_amount(total_in),
            "total_out": format_amount(total_out),
            "closing": format_amount(opening + total_in - total_out),
        }));
    }
    Ok(json!({
        "header": header,
        "account": acc.name,
        "period": period,
        "month": month.is_some(),
        "books": books,
    }))
}

/// The data of the 監査報告書 (`audit-report.typ`): the audit as recorded — the day, the auditors'
/// names, their finding — with the year's totals and each book against the passbook; blank lines for
/// the day and the names while the audit is not recorded, for the auditors to fill in by hand.
pub(crate) fn audit_report_data(r: &Read<'_>, header: &Header, record: Option<&str>, year: i32) -> Result<Value> {
    let id = account(r, record)?;
    let fy = FiscalYear(year);
    let s = settlement::settlement(r, &id, fy)?;
    let c = audit::checklist(r, &id, fy, r.today())?;
    let start_month = council_domain::council::start_month(r)?;
    let names = match &c.audit {
        Some(a) => a.auditors.clone(),
        None if !c.auditors_on_record.is_empty() => c.auditors_on_record.clone(),
        None => vec![String::new(), String::new()],
    };
    Ok(json!({
        "header": header,
        "account": s.account_name,
        "period": format!("{}から{}まで", wareki(fy.start(start_month)), wareki(fy.end(start_month))),
        "recorded": c.audit.is_some(),
        "audited_on": c.audit.as_ref().map(|a| wareki(a.audited_on)),
        "finding": c.audit.as_ref().map(|a| a.finding.clone()),
        "auditors": names,
        "income": format_amount(s.income_total.1),
        "expense": format_amount(s.expense_total.1),
        "carry_over": format_amount(s.carry_over),
        "balances": c.balances.iter().map(|b| json!({
            "name": b.book_name,
            "word": if b.kind == BookKind::Cash { "現金有高" } else { "通帳残高" },
            "book": format_amount(b.book_balance),
            "counted": b.counted.map(format_amount).unwrap_or_default(),
            "matches": if b.counted.is_none() { "" } else if b.matches { "一致" } else { "不一致" },
        })).collect::<Vec<_>>(),
    }))
}

/// The data of the 財産目録 (`inventory.typ`): at the year's end (or today, in the year under way),
/// every book's balance and the equipment held.
pub(crate) fn inventory_data(r: &Read<'_>, header: &Header, year: i32) -> Result<Value> {
    let start_month = council_domain::council::start_month(r)?;
    let end = FiscalYear(year).end(start_month);
    let as_of = end.min(r.today());
    let inv = assets::inventory(r, as_of)?;
    Ok(json!({
        "header": header,
        "as_of": wareki(as_of),
        "year_end": as_of == end,
        "money": inv.money.iter().map(|m| json!({
            "account": m.account,
            "book": m.book,
            "kind": if m.kind == BookKind::Cash { "現金" } else { "預金" },
            "balance": format_amount(m.balance),
        })).collect::<Vec<_>>(),
        "money_total": format_amount(inv.money_total),
        "assets": inv.assets.iter().map(|a| json!({
            "name": a.input.name,
            "quantity": a.input.quantity.to_string(),
            "location": a.input.location,
            "acquired_on": a.input.acquired_on.map(wareki).unwrap_or_default(),
            "value": format_amount(a.input.value),
            "notes": a.input.notes,
        })).collect::<Vec<_>>(),
        "assets_total": format_amount(inv.assets_total),
    }))
}

/// The data of the one-page 会計報告 for circulation (`account-report.typ`): each 款's budget and
/// actual, the totals, the carry-over, and the audit when recorded.
pub(crate) fn account_report_data(r: &Read<'_>, header: &Header, record: Option<&str>, year: i32) -> Result<Value> {
    let id = account(r, record)?;
    let fy = FiscalYear(year);
    let s = settlement::settlement(r, &id, fy)?;
    let kan = |lines: &[StatementLine]| {
        lines
            .iter()
            .filter(|l| !l.sub)
            .map(|l| json!({ "name": l.name, "budget": format_amount(l.budget), "actual": format_amount(l.actual) }))
            .collect::<Vec<_>>()
    };
    Ok(json!({
        "header": header,
        "account": s.account_name,
        "final": s.closed,
        "as_of": wareki(s.as_of),
        "income": kan(&s.income),
        "expense": kan(&s.expense),
        "totals": totals(&s),
        "audited": audit::record(r, &id, fy)?.map(|a| json!({ "on": wareki(a.audited_on), "auditors": a.auditors })),
    }))
}
