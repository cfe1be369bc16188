//! The books' entries (記帳): income or expense on a 科目, a transfer between two books of one
//! account (cash taken to the bank: no 科目 moves), and a reversing entry that undoes one after the
//! fact. Each book is read with its running balance ([`book_year`]); the general account's cash book
//! also shows the dues payments of the members screen as its 会費 income — the same records, so a
//! payment corrected there is corrected here.
//!
//! Rules: a cash book never falls below zero (refused with the date it would); nothing dated in a
//! closed year is written; voucher numbers run per account and fiscal year.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AccountId, Book, BookId, BookKind, CategoryId, CategoryRole, Side, book, categories, general};
use crate::Write;
use crate::attachments::{self, Attachment, AttachmentId, ReceiptChange, ReceiptFile};
use crate::audit::{AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, Result};
use crate::id_type;
use crate::ids::GrantApplicationId;
use crate::money::format_yen;
use crate::text::Text;

id_type!(
    /// An entry of a book.
    LedgerEntryId
);

/// An entry as the treasurer types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EntryInput {
    /// The book.
    pub book_id: BookId,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The 科目 (its side says whether the amount comes in or goes out).
    pub category_id: CategoryId,
    /// 摘要.
    pub description: String,
    /// The amount in yen (more than zero).
    #[ts(type = "number")]
    pub amount: i64,
    /// Who paid or was paid.
    pub counterparty: String,
}

/// Money moved between two books of one account (cash to the bank, or back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TransferInput {
    /// The book the money leaves.
    pub from_book: BookId,
    /// The book it goes into.
    pub to_book: BookId,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The amount in yen.
    #[ts(type = "number")]
    pub amount: i64,
    /// 摘要 (預け入れ, 引き出し…).
    pub description: String,
}

/// Where a line of a book comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineSource {
    /// An entry of the book.
    Entry,
    /// A dues payment recorded on the members screen (read, not copied).
    Dues,
    /// A grant's advance, payment or expense recorded on the grant screen (read, not copied).
    Grant,
}

/// One line of a book, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BookLine {
    /// The entry's ID (for a dues payment, the payment's).
    pub id: String,
    /// Where it comes from.
    pub source: LineSource,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// 伝票番号 (none for a dues payment).
    #[ts(type = "number | null")]
    pub voucher_no: Option<i64>,
    /// The 科目's name (none for a transfer).
    pub category: Option<String>,
    /// The 科目.
    pub category_id: Option<CategoryId>,
    /// 摘要.
    pub description: String,
    /// In.
    #[ts(type = "number")]
    pub amount_in: i64,
    /// Out.
    #[ts(type = "number")]
    pub amount_out: i64,
    /// The balance after this line.
    #[ts(type = "number")]
    pub balance: i64,
    /// Who paid or was paid.
    pub counterparty: String,
    /// The receipt (領収書) kept in the data folder, if any.
    pub receipt: Option<Attachment>,
    /// True for one half of a transfer.
    pub transfer: bool,
    /// The entry this one reverses, if it is a reversal.
    pub reverses: Option<String>,
    /// True when a later entry reverses this one.
    pub reversed: bool,
    /// The grant project this income is booked for, if any (its settlement takes it from here).
    pub project: Option<ProjectIncome>,
}

/// A grant project an income entry is booked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProjectIncome {
    /// The application.
    pub application_id: GrantApplicationId,
    /// The income kind on its settlement (`dues`, `project_income`, `donations` …).
    pub kind: String,
    /// The project's name.
    pub name: String,
}

/// An entry of a book (出納帳の一行) as the books read it: one the treasurer recorded, or a dues
/// payment or a grant's money the book reads from their own records.
pub type LedgerEntry = BookLine;

/// A book for one fiscal year: the balance brought forward, every line, the balance carried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BookYear {
    /// The book.
    pub book: Book,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The balance when the year began (前年度からの繰越).
    #[ts(type = "number")]
    pub opening: i64,
    /// The year's lines, by date and voucher.
    pub lines: Vec<BookLine>,
    /// Total in.
    #[ts(type = "number")]
    pub total_in: i64,
    /// Total out.
    #[ts(type = "number")]
    pub total_out: i64,
    /// The balance at the year's end (or now, for the year under way).
    #[ts(type = "number")]
    pub closing: i64,
    /// True when the year is closed: nothing in it changes.
    pub closed: bool,
}

/// Every line of a book, in order, with running balances from its first line.
pub fn lines(conn: &Connection, book_id: &BookId) -> Result<Vec<BookLine>> {
    Ok(lines_between(conn, book_id, None, None)?.1)
}

/// The balance of a book before `from` (0 without `from`), and its lines from `from` to `to` (each
/// end open when `None`) with running balances: only the lines asked for are read, so a book of
/// twenty years opens one year as fast as its first.
fn lines_between(
    conn: &Connection,
    book_id: &BookId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(i64, Vec<BookLine>)> {
    let b = book(conn, book_id)?;
    let dues = dues_target(conn)?.filter(|(dues_book, _, _, _)| *dues_book == b.id);
    let opening = match from {
        None => 0,
        Some(from) => {
            let entries: i64 = conn.query_row(
                "SELECT coalesce(sum(amount_in - amount_out), 0) FROM ledger_entry WHERE book_id = ?1 AND entry_date < ?2",
                params![book_id, from],
                |r| r.get(0),
            )?;
            let paid: i64 = if dues.is_some() {
                conn.query_row(
                    "SELECT coalesce(sum(amount), 0) FROM dues_payment WHERE paid_on < ?1",
                    params![from],
                    |r| r.get(0),
                )?
            } else {
                0
            };
            entries + paid + grant_opening(conn, book_id, from)?
        }
    };
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.entry_date, e.voucher_no, c.name, e.category_id, e.description, e.amount_in, e.amount_out,
                e.counterparty, a.id, a.name, a.mime, a.size, a.sha256, e.transfer_id IS NOT NULL, e.reverses,
                EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses = e.id),
                e.grant_application_id, e.grant_income_kind, g.project_name
           FROM ledger_entry e LEFT JOIN account_category c ON c.id = e.category_id
                LEFT JOIN attachment a ON a.id = e.receipt
                LEFT JOIN grant_application g ON g.id = e.grant_application_id
          WHERE e.book_id = ?1 AND (?2 IS NULL OR e.entry_date >= ?2) AND (?3 IS NULL OR e.entry_date <= ?3)",
    )?;
    let mut out: Vec<BookLine> = stmt
        .query_map(params![book_id, from, to], |r| {
            Ok(BookLine {
                id: r.get(0)?,
                source: LineSource::Entry,
                date: r.get(1)?,
                voucher_no: Some(r.get(2)?),
                category: r.get(3)?,
                category_id: r.get(4)?,
                description: r.get(5)?,
                amount_in: r.get(6)?,
                amount_out: r.get(7)?,
                balance: 0,
                counterparty: r.get(8)?,
                receipt: match r.get::<_, Option<AttachmentId>>(9)? {
                    Some(id) => Some(Attachment {
                        id,
                        name: r.get(10)?,
                        mime: r.get(11)?,
                        size: r.get(12)?,
                        sha256: r.get(13)?,
                    }),
                    None => None,
                },
                transfer: r.get(14)?,
                reverses: r.get(15)?,
                reversed: r.get(16)?,
                project: match r.get::<_, Option<GrantApplicationId>>(17)? {
                    Some(application_id) => Some(ProjectIncome {
                        application_id,
                        kind: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                        name: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
                    }),
                    None => None,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((_, dues_category, name, posting)) = dues {
        let mut stmt = conn.prepare_cached(
            "SELECT p.id, p.paid_on, p.amount, h.code, coalesce(
                    (SELECT name FROM person WHERE household_id = h.id AND is_head = 1 LIMIT 1), '')
               FROM dues_payment p JOIN household h ON h.id = p.household_id
              WHERE (?1 IS NULL OR p.paid_on >= ?1) AND (?2 IS NULL OR p.paid_on <= ?2)",
        )?;
        let dues = stmt.query_map(params![from, to], |r| {
            let code: String = r.get(3)?;
            let head: String = r.get(4)?;
            Ok(BookLine {
                id: r.get(0)?,
                source: LineSource::Dues,
                date: r.get(1)?,
                voucher_no: None,
                category: Some(name.clone()),
                category_id: Some(dues_category.clone()),
                description: format!("会費 {head}（{code}）"),
                amount_in: r.get(2)?,
                amount_out: 0,
                balance: 0,
                counterparty: head,
                receipt: None,
                transfer: false,
                reverses: None,
                reversed: false,
                project: None,
            })
        })?;
        let dues = dues.collect::<rusqlite::Result<Vec<_>>>()?;
        if posting == super::DuesPosting::Day {
            // One line per collection day: the day's payments added, counted in the 摘要.
            let mut days: std::collections::BTreeMap<NaiveDate, (i64, usize)> = std::collections::BTreeMap::new();
            for l in &dues {
                let day = days.entry(l.date).or_default();
                day.0 += l.amount_in;
                day.1 += 1;
            }
            out.extend(days.into_iter().map(|(date, (amount, count))| BookLine {
                id: format!("dues-{date}"),
                source: LineSource::Dues,
                date,
                voucher_no: None,
                category: Some(name.clone()),
                category_id: Some(dues_category.clone()),
                description: format!("会費 {count}件"),
                amount_in: amount,
                amount_out: 0,
                balance: 0,
                counterparty: String::new(),
                receipt: None,
                transfer: false,
                reverses: None,
                reversed: false,
                project: None,
            }));
        } else {
            out.extend(dues);
        }
    }
    out.extend(grant_lines(conn, book_id, from, to)?);
    // By day; on one day, money in before money out (a day's takings pay its expenses), then by
    // voucher.
    out.sort_by(|a, b| {
        (a.date, a.amount_in == 0, a.voucher_no.unwrap_or(0), &a.id).cmp(&(
            b.date,
            b.amount_in == 0,
            b.voucher_no.unwrap_or(0),
            &b.id,
        ))
    });
    let mut balance = opening;
    for line in &mut out {
        balance += line.amount_in - line.amount_out;
        line.balance = balance;
    }
    Ok((opening, out))
}

/// What the grants whose money goes through `book_id` brought in less what they paid out before `from`.
fn grant_opening(conn: &Connection, book_id: &BookId, from: NaiveDate) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT sum(a.advance_amount) FROM grant_application a JOIN grant_ledger g ON g.application_id = a.id
                           WHERE g.book_id = ?1 AND a.advance_paid_on < ?2), 0)
              + coalesce((SELECT sum(a.amount_paid) FROM grant_application a JOIN grant_ledger g ON g.application_id = a.id
                           WHERE g.book_id = ?1 AND a.paid_on < ?2), 0)
              - coalesce((SELECT sum(e.amount) FROM grant_expense e JOIN grant_ledger g ON g.application_id = e.application_id
                           WHERE g.book_id = ?1 AND e.paid_on < ?2), 0)",
        params![book_id, from],
        |r| r.get(0),
    )?)
}

/// The lines of `book_id` that grants' own records make, from `from` to `to`: each advance and
/// payment on the income 科目 chosen, each expense on its mapped 科目.
fn grant_lines(
    conn: &Connection,
    book_id: &BookId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<BookLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id || ':advance', a.advance_paid_on, a.advance_amount, 0, '概算払', a.project_name, a.program_id,
                g.income_category_id, c.name
           FROM grant_application a JOIN grant_ledger g ON g.application_id = a.id
           JOIN account_category c ON c.id = g.income_category_id
          WHERE g.book_id = ?1 AND a.advance_paid_on IS NOT NULL
            AND (?2 IS NULL OR a.advance_paid_on >= ?2) AND (?3 IS NULL OR a.advance_paid_on <= ?3)
         UNION ALL
         SELECT a.id || ':paid', a.paid_on, a.amount_paid, 0, '交付金の入金', a.project_name, a.program_id,
                g.income_category_id, c.name
           FROM grant_application a JOIN grant_ledger g ON g.application_id = a.id
           JOIN account_category c ON c.id = g.income_category_id
          WHERE g.book_id = ?1 AND a.paid_on IS NOT NULL AND a.amount_paid > 0
            AND (?2 IS NULL OR a.paid_on >= ?2) AND (?3 IS NULL OR a.paid_on <= ?3)
         UNION ALL
         SELECT e.id, e.paid_on, 0, e.amount, e.description, a.project_name, e.payee,
                coalesce(m.category_id, g.expense_category_id), c.name
           FROM grant_expense e JOIN grant_ledger g ON g.application_id = e.application_id
           JOIN grant_application a ON a.id = e.application_id
           LEFT JOIN grant_ledger_category m ON m.application_id = e.application_id AND m.category = e.category
           JOIN account_category c ON c.id = coalesce(m.category_id, g.expense_category_id)
          WHERE g.book_id = ?1 AND (?2 IS NULL OR e.paid_on >= ?2) AND (?3 IS NULL OR e.paid_on <= ?3)",
    )?;
    let rows = stmt.query_map(params![book_id, from, to], |r| {
        let amount_in: i64 = r.get(2)?;
        let what: String = r.get(4)?;
        let project: String = r.get(5)?;
        let who: String = r.get(6)?;
        Ok(BookLine {
            id: r.get(0)?,
            source: LineSource::Grant,
            date: r.get(1)?,
            voucher_no: None,
            category: r.get(8)?,
            category_id: r.get(7)?,
            description: format!("{what}（{project}）"),
            amount_in,
            amount_out: r.get(3)?,
            balance: 0,
            // The grant's payer is its program; an expense's, its payee.
            counterparty: if amount_in > 0 { String::new() } else { who },
            receipt: None,
            transfer: false,
            reverses: None,
            reversed: false,
            project: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where dues payments appear: the general account's cash book, on its 会費 line.
fn dues_target(conn: &Connection) -> Result<Option<(BookId, CategoryId, String, super::DuesPosting)>> {
    let Some(account) = general(conn)? else { return Ok(None) };
    let Some(cash) = account.books.iter().find(|b| b.kind == BookKind::Cash) else { return Ok(None) };
    let Some(dues) = account.categories.iter().find(|c| c.role == CategoryRole::Dues) else { return Ok(None) };
    Ok(Some((cash.id.clone(), dues.id.clone(), dues.name.clone(), account.dues_posting)))
}

/// A book in one fiscal year.
pub fn book_year(conn: &Connection, book_id: &BookId, year: FiscalYear) -> Result<BookYear> {
    let b = book(conn, book_id)?;
    let start_month = crate::council::start_month(conn)?;
    let (from, to) = (year.start(start_month), year.end(start_month));
    let (opening, lines) = lines_between(conn, book_id, Some(from), Some(to))?;
    let total_in: i64 = lines.iter().map(|l| l.amount_in).sum();
    let total_out: i64 = lines.iter().map(|l| l.amount_out).sum();
    let closed = year_closed(conn, &b.account_id, year)?;
    Ok(BookYear {
        book: b,
        fiscal_year: year,
        opening,
        lines,
        total_in,
        total_out,
        closing: opening + total_in - total_out,
        closed,
    })
}

/// The balance of a book at the end of `date`.
pub fn balance_on(conn: &Connection, book_id: &BookId, date: NaiveDate) -> Result<i64> {
    let next = date.succ_opt().unwrap_or(date);
    Ok(lines_between(conn, book_id, Some(next), Some(date))?.0)
}

/// True when the account's year is closed.
pub fn year_closed(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM account_year_close WHERE account_id = ?1 AND fiscal_year = ?2",
            params![account, year.0],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Refuses a change dated in a closed year of `account`.
pub fn refuse_if_closed(conn: &Connection, account: &AccountId, date: NaiveDate) -> Result<FiscalYear> {
    let year = FiscalYear::of(date, crate::council::start_month(conn)?);
    let closed_later: Option<i32> = conn
        .query_row(
            "SELECT max(fiscal_year) FROM account_year_close WHERE account_id = ?1 AND fiscal_year >= ?2",
            params![account, year.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(closed) = closed_later {
        return Err(Error::Locked(Text::new(
            format!(
                "{}は決算を締めてあるため、{}の記帳は変えられません。締めた後の訂正は、次の年度に訂正の記帳をしてください。",
                FiscalYear(closed).label_ja(),
                crate::calendar::wareki(date)
            ),
            format!(
                "{} is closed, so nothing dated {date} can change. Record a correcting entry in the next year instead.",
                FiscalYear(closed).label_en()
            ),
        )));
    }
    if let Some(through) = super::audit::closed_through(conn, account)?
        && date <= through
    {
        return Err(Error::Locked(Text::new(
            format!(
                "{}までの記帳は月次の締めをしてあるため、{}の記帳は変えられません。訂正は、締めていない日付で取消の記帳をしてください。",
                crate::calendar::wareki_month(through),
                crate::calendar::wareki(date)
            ),
            format!(
                "The books are closed up to the end of {}, so nothing dated {date} can change. Correct it with a reversing entry on a day that is still open.",
                through.format("%B %Y")
            ),
        )));
    }
    Ok(year)
}

fn next_voucher(w: &Write<'_>, account: &AccountId, year: FiscalYear) -> Result<i64> {
    Ok(w.query_row(
        "SELECT coalesce(max(e.voucher_no), 0) + 1 FROM ledger_entry e JOIN book b ON b.id = e.book_id
          WHERE b.account_id = ?1 AND e.fiscal_year = ?2",
        params![account, year.0],
        |r| r.get(0),
    )?)
}

/// Refuses a cash book that would fall below zero on `from` or later (a change dated `from` cannot
/// move an earlier balance), naming the first day it would.
pub(crate) fn refuse_negative_cash(w: &Write<'_>, book_id: &BookId, from: NaiveDate) -> Result<()> {
    let b = book(w, book_id)?;
    if b.kind != BookKind::Cash {
        return Ok(());
    }
    if let Some(line) = lines_between(w, book_id, Some(from), None)?.1.iter().find(|l| l.balance < 0) {
        return Err(Error::invalid(
            "amount",
            Text::new(
                format!(
                    "{}の残高が{}に{}になってしまいます。現金は手元にある分しか出せません。日付か金額を確かめるか、先に預金から引き出した記帳をしてください。",
                    b.name,
                    crate::calendar::wareki(line.date),
                    format_yen(line.balance)
                ),
                format!(
                    "The {} balance would be {} on {}: cash cannot go below zero. Check the date or the amount, or first record the withdrawal from the bank.",
                    b.name,
                    format_yen(line.balance),
                    line.date
                ),
            ),
        ));
    }
    Ok(())
}

fn validate(w: &Write<'_>, input: &EntryInput) -> Result<(Book, super::Category)> {
    let b = book(w, &input.book_id)?;
    if input.amount <= 0 {
        return Err(Error::invalid(
            "amount",
            Text::new("金額は1円以上で入力してください。", "Enter an amount of at least ¥1."),
        ));
    }
    let chart = categories(w, &b.account_id)?;
    let Some(category) = chart.iter().find(|c| c.id == input.category_id).cloned() else {
        return Err(Error::invalid(
            "category_id",
            Text::new("この会計の科目を選んでください。", "Choose a category of this account."),
        ));
    };
    if category.role == CategoryRole::Dues {
        return Err(Error::invalid(
            "category_id",
            Text::new(
                "会費は会員の画面で入金を記録すると、出納帳に自動で載ります。ここでは記帳しないでください。",
                "Dues appear in the book when a payment is recorded on the members screen; do not enter them here.",
            ),
        ));
    }
    if input.description.trim().is_empty() {
        return Err(Error::invalid(
            "description",
            Text::new("摘要を入力してください（例：会議用お茶代）。", "Enter what it was for."),
        ));
    }
    Ok((b, category))
}

/// Records an entry (with its receipt, stored in `dir`); returns its ID.
pub fn post(w: &Write<'_>, dir: &Path, input: &EntryInput, receipt: Option<ReceiptFile<'_>>) -> Result<LedgerEntryId> {
    let (b, category) = validate(w, input)?;
    let year = refuse_if_closed(w, &b.account_id, input.date)?;
    let receipt = receipt.map(|f| attachments::store_receipt(w, dir, f)).transpose()?;
    let (amount_in, amount_out) = match category.side {
        Side::Income => (input.amount, 0),
        Side::Expense => (0, input.amount),
    };
    let id = LedgerEntryId::new();
    let voucher = next_voucher(w, &b.account_id, year)?;
    w.execute(
        "INSERT INTO ledger_entry (id, book_id, fiscal_year, entry_date, category_id, description, amount_in, amount_out,
                                   voucher_no, counterparty, receipt, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            b.id,
            year.0,
            input.date,
            category.id,
            input.description.trim(),
            amount_in,
            amount_out,
            voucher,
            input.counterparty.trim(),
            receipt.as_ref().map(|r| &r.id),
            w.now()
        ],
    )?;
    refuse_negative_cash(w, &b.id, input.date)?;
    w.record(Change {
        entity: "ledger_entry",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!(
            "{}に記帳: {} {}（{}）",
            b.name,
            category.name,
            format_yen(input.amount),
            input.description.trim()
        ),
        before: None,
        after: Some(serde_json::json!({ "entry": input, "receipt": receipt })),
    })?;
    Ok(id)
}

/// Changes an entry (before its year is closed; a transfer half is changed by removing the transfer
/// and recording it again).
pub fn update(
    w: &Write<'_>,
    dir: &Path,
    id: &LedgerEntryId,
    input: &EntryInput,
    receipt: ReceiptChange<'_>,
) -> Result<()> {
    let before = entry_book(w, id)?;
    if before.1 {
        return Err(Error::invalid(
            "id",
            Text::new(
                "振替は直せません。取り消してから記帳し直してください。",
                "A transfer cannot be edited: reverse it and record it again.",
            ),
        ));
    }
    let old_book = book(w, &before.0)?;
    refuse_if_closed(w, &old_book.account_id, before.2)?;
    refuse_settled_project(w, id.as_str())?;
    let (b, category) = validate(w, input)?;
    if b.account_id != old_book.account_id {
        return Err(Error::invalid(
            "book_id",
            Text::new("別の会計の出納帳には移せません。", "An entry cannot move to another account."),
        ));
    }
    let year = refuse_if_closed(w, &b.account_id, input.date)?;
    let (amount_in, amount_out) = match category.side {
        Side::Income => (input.amount, 0),
        Side::Expense => (0, input.amount),
    };
    let old: serde_json::Value = w
        .query_row(
            "SELECT json_object('date', entry_date, 'category_id', category_id, 'description', description,
                    'in', amount_in, 'out', amount_out, 'counterparty', counterparty, 'receipt', receipt)
           FROM ledger_entry WHERE id = ?1",
            params![id],
            |r| r.get::<_, String>(0),
        )
        .map(|s| serde_json::from_str(&s).unwrap_or_default())?;
    let receipt: Option<AttachmentId> = match receipt {
        ReceiptChange::Keep => {
            w.query_row("SELECT receipt FROM ledger_entry WHERE id = ?1", params![id], |r| r.get(0))?
        }
        ReceiptChange::Replace(f) => Some(attachments::store_receipt(w, dir, f)?.id),
        ReceiptChange::Remove => None,
    };
    w.execute(
        "UPDATE ledger_entry SET book_id = ?2, fiscal_year = ?3, entry_date = ?4, category_id = ?5, description = ?6,
                amount_in = ?7, amount_out = ?8, counterparty = ?9, receipt = ?10, updated_at = ?11 WHERE id = ?1",
        params![
            id,
            b.id,
            year.0,
            input.date,
            category.id,
            input.description.trim(),
            amount_in,
            amount_out,
            input.counterparty.trim(),
            receipt,
            w.now()
        ],
    )?;
    let from = input.date.min(before.2);
    refuse_negative_cash(w, &b.id, from)?;
    refuse_negative_cash(w, &old_book.id, from)?;
    w.record(Change {
        entity: "ledger_entry",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("{}の記帳を訂正: {}（{}）", b.name, format_yen(input.amount), input.description.trim()),
        before: Some(old),
        after: Some(serde_json::json!({ "entry": input, "receipt": receipt })),
    })?;
    Ok(())
}

/// Refuses a change to an entry booked as the income of a grant project whose settlement is final
/// (the amount fixed, or the application closed): the settlement handed in stays as it was.
pub fn refuse_settled_project(conn: &Connection, entry: &str) -> Result<()> {
    let project: Option<String> = conn
        .query_row(
            "SELECT g.project_name FROM ledger_entry e JOIN grant_application g ON g.id = e.grant_application_id
              WHERE e.id = ?1 AND g.status IN ('settled', 'claimed', 'paid', 'withdrawn', 'rejected')",
            params![entry],
            |r| r.get(0),
        )
        .optional()?;
    match project {
        Some(name) => Err(Error::Locked(Text::new(
            format!("この記帳は、額の確定が済んだ補助事業「{name}」の収入として決算に載っているため、変えられません。"),
            format!("This entry is income on the settlement of “{name}”, whose amount is fixed, so it cannot change."),
        ))),
        None => Ok(()),
    }
}

/// The book, whether it is a transfer half, and the date of entry `id`.
fn entry_book(conn: &Connection, id: &LedgerEntryId) -> Result<(BookId, bool, NaiveDate)> {
    conn.query_row(
        "SELECT book_id, transfer_id IS NOT NULL, entry_date FROM ledger_entry WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(Text::new("その記帳は見つかりません。", "That entry no longer exists.")))
}

/// Moves money between two books of one account: one entry out of the first, one into the second,
/// paired; no 科目 total changes.
pub fn transfer(w: &Write<'_>, input: &TransferInput) -> Result<(LedgerEntryId, LedgerEntryId)> {
    let from = book(w, &input.from_book)?;
    let to = book(w, &input.to_book)?;
    if from.id == to.id || from.account_id != to.account_id {
        return Err(Error::invalid(
            "to_book",
            Text::new(
                "振替は同じ会計の別の出納帳との間でだけできます。",
                "A transfer goes between two books of the same account.",
            ),
        ));
    }
    if input.amount <= 0 {
        return Err(Error::invalid(
            "amount",
            Text::new("金額は1円以上で入力してください。", "Enter an amount of at least ¥1."),
        ));
    }
    let year = refuse_if_closed(w, &from.account_id, input.date)?;
    let description = if input.description.trim().is_empty() {
        if to.kind == BookKind::Bank { "預け入れ".to_owned() } else { "引き出し".to_owned() }
    } else {
        input.description.trim().to_owned()
    };
    let transfer_id = LedgerEntryId::new();
    let (out_id, in_id) = (LedgerEntryId::new(), LedgerEntryId::new());
    for (id, b, amount_in, amount_out, other) in
        [(&out_id, &from, 0, input.amount, &to), (&in_id, &to, input.amount, 0, &from)]
    {
        let voucher = next_voucher(w, &from.account_id, year)?;
        w.execute(
            "INSERT INTO ledger_entry (id, book_id, fiscal_year, entry_date, category_id, description, amount_in,
                                       amount_out, voucher_no, counterparty, transfer_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                id,
                b.id,
                year.0,
                input.date,
                description,
                amount_in,
                amount_out,
                voucher,
                other.name,
                transfer_id,
                w.now()
            ],
        )?;
    }
    refuse_negative_cash(w, &from.id, input.date)?;
    w.record(Change {
        entity: "ledger_entry",
        entity_id: out_id.as_str(),
        action: AuditAction::Create,
        summary: format!("振替: {} → {} {}", from.name, to.name, format_yen(input.amount)),
        before: None,
        after: serde_json::to_value(input).ok(),
    })?;
    Ok((out_id, in_id))
}

/// Reverses an entry (and the other half of a transfer) with entries of the opposite amount dated
/// `date`: the way to correct what a closed month or year holds. Returns the reversal's ID.
pub fn reverse(w: &Write<'_>, id: &LedgerEntryId, date: NaiveDate, reason: &str) -> Result<LedgerEntryId> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            Text::new("取り消す理由を入力してください。", "Enter why it is reversed."),
        ));
    }
    let (book_id, _, _) = entry_book(w, id)?;
    let b = book(w, &book_id)?;
    refuse_settled_project(w, id.as_str())?;
    let already: bool =
        w.query_row("SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE reverses = ?1)", params![id], |r| r.get(0))?;
    if already {
        return Err(Error::Conflict(Text::new(
            "この記帳はもう取り消してあります。",
            "This entry is already reversed.",
        )));
    }
    let year = refuse_if_closed(w, &b.account_id, date)?;
    let transfer: Option<String> =
        w.query_row("SELECT transfer_id FROM ledger_entry WHERE id = ?1", params![id], |r| r.get(0))?;
    let halves: Vec<LedgerEntryId> = match &transfer {
        Some(t) => {
            let mut stmt = w.prepare(
                "SELECT id FROM ledger_entry WHERE transfer_id = ?1 AND reverses IS NULL ORDER BY amount_in",
            )?;
            stmt.query_map(params![t], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        }
        None => vec![id.clone()],
    };
    let reversal_transfer = transfer.as_ref().map(|_| LedgerEntryId::new());
    let mut first = None;
    for half in &halves {
        let new_id = LedgerEntryId::new();
        let voucher = next_voucher(w, &b.account_id, year)?;
        w.execute(
            "INSERT INTO ledger_entry (id, book_id, fiscal_year, entry_date, category_id, description, amount_in,
                                       amount_out, voucher_no, counterparty, transfer_id, reverses, created_at, updated_at,
                                       grant_application_id, grant_income_kind)
             SELECT ?2, book_id, ?3, ?4, category_id, '取消: ' || description || '（' || ?5 || '）',
                    amount_out, amount_in, ?6, counterparty, ?7, id, ?8, ?8, grant_application_id, grant_income_kind
               FROM ledger_entry WHERE id = ?1",
            params![half, new_id, year.0, date, reason, voucher, reversal_transfer, w.now()],
        )?;
        first.get_or_insert(new_id);
    }
    for half in &halves {
        let (hb, _, _) = entry_book(w, half)?;
        refuse_negative_cash(w, &hb, date)?;
    }
    let reversal = first
        .ok_or_else(|| Error::NotFound(Text::new("その記帳は見つかりません。", "That entry no longer exists.")))?;
    w.record(Change {
        entity: "ledger_entry",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("{}の記帳を取り消し（{reason}）", b.name),
        before: None,
        after: Some(serde_json::json!({ "reversal": reversal.as_str(), "reason": reason })),
    })?;
    Ok(reversal)
}
