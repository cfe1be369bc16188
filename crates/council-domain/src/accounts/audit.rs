//! Settling the books: the month closing (月次締め) after which a correction is a reversing entry, and
//! the audit (監査) of a year by the auditors (監事): each book's year-end balance against the passbook
//! or the cash counted (通帳残高照合), every expense with a voucher and a receipt, the settlement
//! against the books, and their finding with the day and their names. A year closes only after its
//! audit, with every book matching.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ledger::{LineSource, book_year, year_closed};
use super::{AccountId, BookId, BookKind, get};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::{self, FiscalYear};
use crate::error::{Error, Result};
use crate::money::format_yen;
use crate::text::Text;

/// The last day of the latest month closed in `account`, if any.
pub fn closed_through(conn: &Connection, account: &AccountId) -> Result<Option<NaiveDate>> {
    let month: Option<String> = conn
        .query_row("SELECT max(month) FROM account_month_close WHERE account_id = ?1", params![account], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(month.and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok()).map(last_of_month))
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(first)
}

/// Closes the month holding `month` (any day of it) in `account`, and every month before it that has
/// not been closed: afterwards nothing dated up to its last day changes, and corrections are reversing
/// entries. A month is closed only after it has ended. Returns the last day closed.
pub fn close_month(w: &Write<'_>, account: &AccountId, month: NaiveDate) -> Result<NaiveDate> {
    let acc = get(w, account)?;
    let first = month.with_day(1).unwrap_or(month);
    let last = last_of_month(first);
    if w.today() <= last {
        return Err(Error::Conflict(Text::new(
            format!(
                "{}はまだ終わっていません。{}が過ぎてから締めてください。",
                calendar::wareki_month(first),
                calendar::wareki(last)
            ),
            format!("{} has not ended yet. Close it after {last}.", first.format("%B %Y")),
        )));
    }
    if let Some(through) = closed_through(w, account)?
        && through >= last
    {
        return Err(Error::Conflict(Text::new(
            format!("{}までは締めてあります。", calendar::wareki_month(through)),
            format!("The books are already closed up to {}.", through.format("%B %Y")),
        )));
    }
    // Every book's balance at the month's end must be one the books can hold.
    for b in acc.books.iter().filter(|b| b.kind == BookKind::Cash) {
        let balance = super::ledger::balance_on(w, &b.id, last)?;
        if balance < 0 {
            return Err(Error::Conflict(Text::new(
                format!(
                    "{}の残高が{}の末に{}です。記帳を確かめてから締めてください。",
                    b.name,
                    calendar::wareki_month(first),
                    format_yen(balance)
                ),
                format!(
                    "{} holds {} at the end of {}. Check the entries before closing.",
                    b.name,
                    format_yen(balance),
                    first.format("%B %Y")
                ),
            )));
        }
    }
    // Every month not closed yet up to this one, from the first with an entry: each can be reopened
    // on its own, latest first.
    let earliest: Option<NaiveDate> = match closed_through(w, account)? {
        Some(through) => through.succ_opt(),
        None => w.query_row(
            "SELECT min(e.entry_date) FROM ledger_entry e JOIN book b ON b.id = e.book_id WHERE b.account_id = ?1",
            params![account],
            |r| r.get(0),
        )?,
    };
    // Months of a year already closed stay as they are.
    let start_month = crate::council::start_month(w)?;
    let after_closed_year: Option<NaiveDate> = w
        .query_row("SELECT max(fiscal_year) FROM account_year_close WHERE account_id = ?1", params![account], |r| {
            r.get::<_, Option<i32>>(0)
        })?
        .and_then(|fy| FiscalYear(fy).end(start_month).succ_opt());
    let earliest = match (earliest, after_closed_year) {
        (Some(e), Some(a)) => Some(e.max(a)),
        (e, a) => e.or(a),
    };
    let mut m = earliest.map_or(first, |e| e.with_day(1).unwrap_or(e)).min(first);
    while m <= first {
        w.execute(
            "INSERT INTO account_month_close (account_id, month, closed_on) VALUES (?1, ?2, ?3)",
            params![account, m.format("%Y-%m").to_string(), w.today()],
        )?;
        m = last_of_month(m).succ_opt().unwrap_or(first.succ_opt().unwrap_or(first));
    }
    w.record(Change {
        entity: "account_month_close",
        entity_id: account.as_str(),
        action: AuditAction::Create,
        summary: format!("{}を{}まで月次締め", acc.name, calendar::wareki_month(first)),
        before: None,
        after: Some(serde_json::json!({ "month": first.format("%Y-%m").to_string() })),
    })?;
    Ok(last)
}

/// Reopens the latest month closed (a mistake found before the year's audit): its entries can be
/// edited again. A month of a closed year stays closed.
pub fn reopen_month(w: &Write<'_>, account: &AccountId) -> Result<Option<NaiveDate>> {
    let acc = get(w, account)?;
    let Some(through) = closed_through(w, account)? else {
        return Err(Error::Conflict(Text::new("締めた月はありません。", "No month is closed.")));
    };
    let year = FiscalYear::of(through, crate::council::start_month(w)?);
    if year_closed(w, account, year)? {
        return Err(Error::Locked(Text::new(
            format!("{}は決算を締めてあるため、月次の締めは戻せません。", year.label_ja()),
            format!("{} is closed; its months stay closed.", year.label_en()),
        )));
    }
    let month = through.format("%Y-%m").to_string();
    w.execute("DELETE FROM account_month_close WHERE account_id = ?1 AND month = ?2", params![account, month])?;
    w.record(Change {
        entity: "account_month_close",
        entity_id: account.as_str(),
        action: AuditAction::Delete,
        summary: format!("{}の{}の月次締めを戻しました", acc.name, calendar::wareki_month(through)),
        before: Some(serde_json::json!({ "month": month })),
        after: None,
    })?;
    closed_through(w, account)
}

/// One book's line of the audit: its balance at the year's end beside what the auditors found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BalanceCheck {
    /// The book.
    pub book_id: BookId,
    /// Its name.
    pub book_name: String,
    /// Cash or bank.
    pub kind: BookKind,
    /// What the book says at the year's end.
    #[ts(type = "number")]
    pub book_balance: i64,
    /// What the passbook says (or the cash counted), once typed in.
    #[ts(type = "number | null")]
    pub counted: Option<i64>,
    /// The day it was checked.
    #[ts(type = "string | null")]
    pub checked_on: Option<NaiveDate>,
    /// True when checked and equal.
    pub matches: bool,
}

/// An expense the auditors look at twice: no receipt kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnsupportedExpense {
    /// The book's name.
    pub book_name: String,
    /// 伝票番号.
    #[ts(type = "number")]
    pub voucher_no: i64,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// 摘要.
    pub description: String,
    /// The amount.
    #[ts(type = "number")]
    pub amount: i64,
}

/// The audit (監査) of an account's year as the auditors recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Audit {
    /// The day of the audit.
    #[ts(type = "string")]
    pub audited_on: NaiveDate,
    /// The auditors' names, as they sign.
    pub auditors: Vec<String>,
    /// Their finding (監査意見).
    pub finding: String,
}

/// What the auditors see for an account's year: the checklist, what they recorded, and whether the
/// year can be closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditChecklist {
    /// The account.
    pub account_id: AccountId,
    /// Its name.
    pub account_name: String,
    /// The year.
    pub fiscal_year: FiscalYear,
    /// Each book at the year's end against the passbook or the cash counted.
    pub balances: Vec<BalanceCheck>,
    /// Expenses without a receipt kept.
    pub without_receipt: Vec<UnsupportedExpense>,
    /// The settlement's 次年度繰越金.
    #[ts(type = "number")]
    pub settlement_carry_over: i64,
    /// The books' balances at the year's end, added.
    #[ts(type = "number")]
    pub books_total: i64,
    /// True when the settlement equals the books.
    pub settlement_matches: bool,
    /// The audit, once recorded.
    pub audit: Option<Audit>,
    /// The officers with the role 監事 in that year (to fill the names).
    pub auditors_on_record: Vec<String>,
    /// True when the year has ended.
    pub year_ended: bool,
    /// True when the year is closed.
    pub closed: bool,
    /// What stands between the year and its closing (empty when it can close).
    pub blocking: Vec<Text>,
}

/// The audit checklist of `account`'s `year`.
pub fn checklist(conn: &Connection, account: &AccountId, year: FiscalYear, today: NaiveDate) -> Result<AuditChecklist> {
    let acc = get(conn, account)?;
    let start_month = crate::council::start_month(conn)?;
    let end = year.end(start_month);
    let mut balances = Vec::new();
    let mut without_receipt = Vec::new();
    let mut books_total = 0;
    for b in &acc.books {
        let y = book_year(conn, &b.id, year)?;
        books_total += y.closing;
        let counted: Option<(i64, NaiveDate)> = conn
            .query_row(
                "SELECT counted, checked_on FROM account_balance_check WHERE book_id = ?1 AND fiscal_year = ?2",
                params![b.id, year.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        balances.push(BalanceCheck {
            book_id: b.id.clone(),
            book_name: b.name.clone(),
            kind: b.kind,
            book_balance: y.closing,
            counted: counted.map(|c| c.0),
            checked_on: counted.map(|c| c.1),
            matches: counted.is_some_and(|c| c.0 == y.closing),
        });
        without_receipt.extend(
            y.lines
                .iter()
                .filter(|l| {
                    l.source == LineSource::Entry
                        && l.amount_out > 0
                        && !l.transfer
                        && l.reverses.is_none()
                        && !l.reversed
                        && l.receipt.is_none()
                })
                .map(|l| UnsupportedExpense {
                    book_name: b.name.clone(),
                    voucher_no: l.voucher_no.unwrap_or(0),
                    date: l.date,
                    description: l.description.clone(),
                    amount: l.amount_out,
                }),
        );
    }
    let settlement = super::settlement::settlement(conn, account, year)?;
    let audit = record(conn, account, year)?;
    let year_ended = today > end;
    let mut blocking = Vec::new();
    if !year_ended {
        blocking.push(Text::new(
            format!("{}はまだ終わっていません（{}まで）。", year.label_ja(), calendar::wareki(end)),
            format!("{} has not ended yet (it runs to {end}).", year.label_en()),
        ));
    }
    for b in &balances {
        match b.counted {
            None => blocking.push(Text::new(
                format!("{}の{}を入力してください。", b.book_name, counted_word_ja(b.kind)),
                format!("Enter the {} for {}.", counted_word_en(b.kind), b.book_name),
            )),
            Some(c) if c != b.book_balance => blocking.push(Text::new(
                format!(
                    "{}：出納帳の残高 {} と{} {} が合いません（差 {}）。記帳を確かめてください。",
                    b.book_name,
                    format_yen(b.book_balance),
                    counted_word_ja(b.kind),
                    format_yen(c),
                    format_yen(c - b.book_balance)
                ),
                format!(
                    "{}: the book's balance {} and the {} {} differ by {}. Check the entries.",
                    b.book_name,
                    format_yen(b.book_balance),
                    counted_word_en(b.kind),
                    format_yen(c),
                    format_yen(c - b.book_balance)
                ),
            )),
            Some(_) => {}
        }
    }
    let settlement_matches = settlement.carry_over == books_total;
    if !settlement_matches {
        blocking.push(Text::new(
            format!(
                "決算の次年度繰越金 {} と出納帳の残高の合計 {} が合いません。",
                format_yen(settlement.carry_over),
                format_yen(books_total)
            ),
            format!(
                "The settlement's carry-over {} and the books' balances {} differ.",
                format_yen(settlement.carry_over),
                format_yen(books_total)
            ),
        ));
    }
    if audit.is_none() {
        blocking.push(Text::new(
            "監事の監査結果（監査日・監事の氏名・意見）を記録してください。",
            "Record the auditors' audit (the day, their names and their finding).",
        ));
    }
    Ok(AuditChecklist {
        account_id: account.clone(),
        account_name: acc.name,
        fiscal_year: year,
        balances,
        without_receipt,
        settlement_carry_over: settlement.carry_over,
        books_total,
        settlement_matches,
        audit,
        auditors_on_record: auditors_in(conn, year, start_month)?,
        year_ended,
        closed: settlement.closed,
        blocking,
    })
}

fn counted_word_ja(kind: BookKind) -> &'static str {
    match kind {
        BookKind::Cash => "数えた現金",
        BookKind::Bank => "通帳の残高",
    }
}

fn counted_word_en(kind: BookKind) -> &'static str {
    match kind {
        BookKind::Cash => "cash counted",
        BookKind::Bank => "passbook balance",
    }
}

/// The officers with the role 監事 whose term touches `year` or the weeks after it, when the audit is
/// held (the auditors in office then sign), by name.
fn auditors_in(conn: &Connection, year: FiscalYear, start_month: u32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT p.name FROM officer_term t JOIN person p ON p.id = t.person_id
          WHERE t.role = 'auditor' AND t.starts_on <= ?2 AND t.ends_on >= ?1
          ORDER BY t.starts_on, p.name",
    )?;
    let audit_season = year.end(start_month) + chrono::Duration::days(60);
    let rows = stmt.query_map(params![year.start(start_month), audit_season], |r| r.get::<_, String>(0))?;
    let mut names: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    names.dedup();
    Ok(names)
}

/// The audit of `account`'s `year`, if recorded.
pub fn record(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<Option<Audit>> {
    Ok(conn
        .query_row(
            "SELECT audited_on, auditors, finding FROM account_audit WHERE account_id = ?1 AND fiscal_year = ?2",
            params![account, year.0],
            |r| {
                let names: String = r.get(1)?;
                Ok(Audit {
                    audited_on: r.get(0)?,
                    auditors: names.split('\u{1f}').map(str::to_owned).collect(),
                    finding: r.get(2)?,
                })
            },
        )
        .optional()?)
}

fn refuse_closed(conn: &Connection, account: &AccountId, year: FiscalYear) -> Result<()> {
    if year_closed(conn, account, year)? {
        return Err(Error::Locked(Text::new(
            format!("{}は決算を締めてあるため、監査の記録は変えられません。", year.label_ja()),
            format!("{} is closed; its audit no longer changes.", year.label_en()),
        )));
    }
    Ok(())
}

/// Records what the auditors found in a book at the year's end: the passbook's balance, or the cash
/// counted. A difference is kept as typed and shown; it blocks the closing until the books agree.
pub fn check_balance(
    w: &Write<'_>,
    book: &BookId,
    year: FiscalYear,
    counted: i64,
    on: NaiveDate,
) -> Result<BalanceCheck> {
    let b = super::book(w, book)?;
    refuse_closed(w, &b.account_id, year)?;
    if counted < 0 {
        return Err(Error::invalid(
            "counted",
            Text::new("残高は0円以上で入力してください。", "Enter a balance of ¥0 or more."),
        ));
    }
    w.execute(
        "INSERT INTO account_balance_check (book_id, fiscal_year, counted, checked_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (book_id, fiscal_year) DO UPDATE SET counted = excluded.counted, checked_on = excluded.checked_on",
        params![book, year.0, counted, on, w.now()],
    )?;
    let c = checklist(w, &b.account_id, year, w.today())?;
    let line = c.balances.into_iter().find(|l| &l.book_id == book).ok_or_else(super::not_found)?;
    w.record(Change {
        entity: "account_balance_check",
        entity_id: book.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "{}の{}の{}を{}と記録（出納帳 {}{}）",
            b.name,
            year.label_ja(),
            counted_word_ja(b.kind),
            format_yen(counted),
            format_yen(line.book_balance),
            if line.matches { "、一致" } else { "、不一致" }
        ),
        before: None,
        after: Some(serde_json::json!({ "fiscal_year": year.0, "counted": counted, "checked_on": on })),
    })?;
    Ok(line)
}

/// Records the audit: the day, the auditors' names as they sign, and their finding. Every book's
/// balance must have been checked first.
pub fn record_audit(
    w: &Write<'_>,
    account: &AccountId,
    year: FiscalYear,
    on: NaiveDate,
    auditors: &[String],
    finding: &str,
) -> Result<()> {
    refuse_closed(w, account, year)?;
    let names: Vec<String> = auditors.iter().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return Err(Error::invalid(
            "auditors",
            Text::new("監査をした監事の氏名を入力してください。", "Enter the names of the auditors."),
        ));
    }
    let finding = finding.trim();
    if finding.is_empty() {
        return Err(Error::invalid(
            "finding",
            Text::new(
                "監査の意見を入力してください（例：帳簿・証憑書類を監査した結果、適正に処理されていることを認めます。）",
                "Enter the auditors' finding.",
            ),
        ));
    }
    let start_month = crate::council::start_month(w)?;
    if on <= year.end(start_month) {
        return Err(Error::invalid(
            "audited_on",
            Text::new(
                format!("監査は年度が終わってから（{}より後に）行います。", calendar::wareki(year.end(start_month))),
                format!("The audit comes after the year ends ({}).", year.end(start_month)),
            ),
        ));
    }
    let c = checklist(w, account, year, w.today())?;
    if let Some(unchecked) = c.balances.iter().find(|b| b.counted.is_none()) {
        return Err(Error::invalid(
            "counted",
            Text::new(
                format!("先に{}の{}を入力してください。", unchecked.book_name, counted_word_ja(unchecked.kind)),
                format!("First enter the {} for {}.", counted_word_en(unchecked.kind), unchecked.book_name),
            ),
        ));
    }
    w.execute(
        "INSERT INTO account_audit (account_id, fiscal_year, audited_on, auditors, finding, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (account_id, fiscal_year) DO UPDATE SET audited_on = excluded.audited_on,
                auditors = excluded.auditors, finding = excluded.finding, updated_at = excluded.updated_at",
        params![account, year.0, on, names.join("\u{1f}"), finding, w.now()],
    )?;
    w.record(Change {
        entity: "account_audit",
        entity_id: account.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "{}の{}の監査を記録（{}、{}）",
            c.account_name,
            year.label_ja(),
            calendar::wareki(on),
            names.join("・")
        ),
        before: c.audit.as_ref().and_then(|a| serde_json::to_value(a).ok()),
        after: Some(serde_json::json!({ "audited_on": on, "auditors": names, "finding": finding })),
    })?;
    Ok(())
}

/// Refuses the closing of a year whose audit is not recorded or whose books disagree with what the
/// auditors found.
pub(super) fn refuse_unaudited(w: &Write<'_>, account: &AccountId, year: FiscalYear) -> Result<()> {
    let c = checklist(w, account, year, w.today())?;
    if let Some(first) = c.blocking.into_iter().next() {
        return Err(Error::Conflict(Text::new(
            format!("監査が済むまで{}は締められません。{}", year.label_ja(), first.ja),
            format!("{} cannot close before its audit is complete. {}", year.label_en(), first.en),
        )));
    }
    Ok(())
}
