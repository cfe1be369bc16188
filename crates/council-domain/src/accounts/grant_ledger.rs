//! A grant's money in the council's books: an application whose money goes through one of the books
//! has its advance (概算払) and its payment as that book's income on the 交付金 line chosen, and its
//! expenses as that book's expenses on the council's 科目 its grant 科目 are mapped to. The books read
//! them from the grant's own records, never a copy, so an expense corrected on the grant screen is
//! corrected in the books too — and, like a dues payment, it cannot change in a closed month or year.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BookId, CategoryId, Side, book, categories};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::text::Text;

/// How a grant application's money goes through the books, as its form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantLedgerInput {
    /// The book the grant is paid into and its expenses are paid from.
    pub book_id: BookId,
    /// The income 科目 of the grant's money (交付金・補助金 or one of its 項).
    pub income_category_id: CategoryId,
    /// The expense 科目 of its expenses (事業費 or one of its 項).
    pub expense_category_id: CategoryId,
    /// Other expense 科目 for some grant 科目 (`supplies` → 事務費 …).
    pub categories: Vec<GrantCategoryLink>,
}

/// One grant 科目 booked on another of the council's 科目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantCategoryLink {
    /// The grant's category (`supplies`, `printing` …).
    pub category: String,
    /// The council's 科目.
    pub category_id: CategoryId,
}

/// How an application's money goes through the books, with the names to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantLedger {
    /// As set.
    pub input: GrantLedgerInput,
    /// The account's name.
    pub account_name: String,
    /// The book's name.
    pub book_name: String,
}

/// How `application`'s money goes through the books, if it does.
pub fn get(conn: &Connection, application: &str) -> Result<Option<GrantLedger>> {
    let head: Option<(BookId, CategoryId, CategoryId)> = conn
        .query_row(
            "SELECT book_id, income_category_id, expense_category_id FROM grant_ledger WHERE application_id = ?1",
            params![application],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((book_id, income_category_id, expense_category_id)) = head else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT category, category_id FROM grant_ledger_category WHERE application_id = ?1 ORDER BY category",
    )?;
    let links = stmt
        .query_map(params![application], |r| Ok(GrantCategoryLink { category: r.get(0)?, category_id: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let b = book(conn, &book_id)?;
    let account = super::get(conn, &b.account_id)?;
    Ok(Some(GrantLedger {
        input: GrantLedgerInput { book_id, income_category_id, expense_category_id, categories: links },
        account_name: account.name,
        book_name: b.name,
    }))
}

/// The days on which `application` moves money (its advance, its payment, its expenses).
fn money_days(conn: &Connection, application: &str) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare(
        "SELECT advance_paid_on FROM grant_application WHERE id = ?1 AND advance_paid_on IS NOT NULL
         UNION ALL SELECT paid_on FROM grant_application WHERE id = ?1 AND paid_on IS NOT NULL AND amount_paid > 0
         UNION ALL SELECT paid_on FROM grant_expense WHERE application_id = ?1",
    )?;
    let rows = stmt.query_map(params![application], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses a change to `application`'s money dated `date` (an expense, the advance, the payment) when
/// the books it goes through are closed on that day; and, after the change, a cash book that would
/// fall below zero. Called by the grant's own use cases.
pub fn refuse_change(w: &Write<'_>, application: &str, dates: &[NaiveDate]) -> Result<()> {
    let Some(link) = get(w, application)? else { return Ok(()) };
    let b = book(w, &link.input.book_id)?;
    for date in dates {
        super::ledger::refuse_if_closed(w, &b.account_id, *date)?;
    }
    if let Some(from) = dates.iter().min() {
        super::ledger::refuse_negative_cash(w, &b.id, *from)?;
    }
    Ok(())
}

/// Sets (or, with `None`, ends) how `application`'s money goes through the books. Refused when any of
/// its money falls in a closed month or year of the books it leaves or joins, or would take a cash
/// book below zero.
pub fn set(w: &Write<'_>, application: &str, input: Option<&GrantLedgerInput>) -> Result<()> {
    let project: String = w
        .query_row("SELECT project_name FROM grant_application WHERE id = ?1", params![application], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(Text::new("その申請は見つかりません。", "That application no longer exists."))
        })?;
    let days = money_days(w, application)?;
    let before = get(w, application)?;
    if let Some(old) = &before {
        let b = book(w, &old.input.book_id)?;
        for d in &days {
            super::ledger::refuse_if_closed(w, &b.account_id, *d)?;
        }
    }
    w.execute("DELETE FROM grant_ledger WHERE application_id = ?1", params![application])?;
    if let Some(input) = input {
        let b = book(w, &input.book_id)?;
        let chart = categories(w, &b.account_id)?;
        let leaf = |id: &CategoryId, side: Side| {
            chart
                .iter()
                .find(|c| &c.id == id && c.side == side && !chart.iter().any(|k| k.parent_id.as_ref() == Some(&c.id)))
        };
        let bad = |field: &str, ja: &str, en: &str| Err(Error::invalid(field, Text::new(ja, en)));
        if leaf(&input.income_category_id, Side::Income).is_none() {
            return bad(
                "income_category_id",
                "交付金を受け取る収入の科目を、この会計の科目（項があれば項）から選んでください。",
                "Choose the income category of this account the grant is paid on.",
            );
        }
        if leaf(&input.expense_category_id, Side::Expense).is_none()
            || input.categories.iter().any(|l| leaf(&l.category_id, Side::Expense).is_none())
        {
            return bad(
                "expense_category_id",
                "支出の科目を、この会計の支出の科目（項があれば項）から選んでください。",
                "Choose expense categories of this account.",
            );
        }
        for d in &days {
            super::ledger::refuse_if_closed(w, &b.account_id, *d)?;
        }
        w.execute(
            "INSERT INTO grant_ledger (application_id, book_id, income_category_id, expense_category_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![application, b.id, input.income_category_id, input.expense_category_id, w.now()],
        )?;
        for l in &input.categories {
            w.execute(
                "INSERT INTO grant_ledger_category (application_id, category, category_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT (application_id, category) DO UPDATE SET category_id = excluded.category_id",
                params![application, l.category, l.category_id],
            )?;
        }
        if let Some(from) = days.iter().min() {
            super::ledger::refuse_negative_cash(w, &b.id, *from)?;
        }
    }
    let summary = match (input, &before) {
        (Some(_), _) => {
            let now = get(w, application)?;
            format!(
                "助成事業「{project}」のお金を{}の{}に載せる設定にしました",
                now.as_ref().map_or("", |l| l.account_name.as_str()),
                now.as_ref().map_or("", |l| l.book_name.as_str())
            )
        }
        (None, Some(old)) => format!("助成事業「{project}」のお金を{}に載せるのをやめました", old.book_name),
        (None, None) => return Ok(()),
    };
    w.record(Change {
        entity: "grant_ledger",
        entity_id: application,
        action: AuditAction::Update,
        summary,
        before: before.as_ref().and_then(|l| serde_json::to_value(&l.input).ok()),
        after: input.and_then(|i| serde_json::to_value(i).ok()),
    })?;
    Ok(())
}
