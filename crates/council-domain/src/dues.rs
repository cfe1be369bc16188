//! Dues (会費): the amount per household per fiscal year, reductions by rule (a household of one
//! elderly person) or by household (exemption or a set amount, with the reason), payments collected by
//! block leaders, and who has paid and who has not, block by block.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Date, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::ids::{BlockId, HouseholdId};
use crate::money::format_yen;
use crate::text::Text;

id_type!(
    /// A recorded dues payment.
    DuesPaymentId
);

/// The dues rule of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesRate {
    /// The fiscal year (its starting western year).
    pub fiscal_year: i32,
    /// Yen per household.
    pub amount: i64,
    /// Yen for a household of one person aged `elderly_age` or over (none: no reduction).
    pub single_elderly_amount: Option<i64>,
    /// The age from which the reduction applies.
    pub elderly_age: i32,
}

/// How a household stands for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuesStatus {
    /// Paid in full (or more).
    Paid,
    /// Paid part.
    Partial,
    /// Nothing paid yet.
    Unpaid,
    /// Owes nothing this year.
    Exempt,
}

impl DuesStatus {
    /// How a household that owes `due` and has paid `paid` stands.
    fn of(due: i64, paid: i64) -> Self {
        if due == 0 {
            Self::Exempt
        } else if paid >= due {
            Self::Paid
        } else if paid > 0 {
            Self::Partial
        } else {
            Self::Unpaid
        }
    }
}

/// One household's dues for the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesRow {
    /// The household.
    pub household_id: HouseholdId,
    /// Its head's name.
    pub head_name: String,
    /// Its head's reading.
    pub head_kana: String,
    /// Address.
    pub address: String,
    /// Block.
    pub block_id: Option<BlockId>,
    /// Block name.
    pub block_name: Option<String>,
    /// What it owes this year (yen).
    pub due: i64,
    /// Why it differs from the standard amount, if it does.
    pub reduction: Option<String>,
    /// What it has paid (yen).
    pub paid: i64,
    /// Standing.
    pub status: DuesStatus,
    /// Date of the latest payment.
    #[ts(type = "string | null")]
    pub last_paid_on: Option<NaiveDate>,
    /// The same in 和暦 (令和8年4月8日), for screens and print.
    pub last_paid_text: Option<String>,
}

/// One block's collection for the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesBlockSummary {
    /// Block (none: households outside any block).
    pub block_id: Option<BlockId>,
    /// Name.
    pub block_name: String,
    /// Households that owe dues.
    pub households: i64,
    /// Of those, not yet paid in full.
    pub unpaid_households: i64,
    /// Owed in total (yen).
    pub due: i64,
    /// Collected (yen).
    pub paid: i64,
}

/// The year's dues at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesOverview {
    /// The fiscal year.
    pub fiscal_year: i32,
    /// Its rule, if set.
    pub rate: Option<DuesRate>,
    /// By block, in block order.
    pub blocks: Vec<DuesBlockSummary>,
    /// Households not yet paid in full.
    pub unpaid_households: i64,
    /// Owed in total.
    pub due: i64,
    /// Collected.
    pub paid: i64,
}

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesPaymentInput {
    /// The household.
    pub household_id: HouseholdId,
    /// For which fiscal year.
    pub fiscal_year: i32,
    /// When it was paid.
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    /// Yen.
    pub amount: i64,
    /// Who collected it (the block leader's name).
    pub collected_by: String,
    /// Notes.
    pub notes: String,
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuesPayment {
    /// ID (also the receipt number's source).
    pub id: DuesPaymentId,
    /// The household.
    pub household_id: HouseholdId,
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Paid on.
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    /// The same in 和暦, as the receipt prints it.
    pub paid_on_text: String,
    /// Yen.
    pub amount: i64,
    /// Collected by.
    pub collected_by: String,
    /// Notes.
    pub notes: String,
    /// Its receipt's number (令和8年度 第0123号; 第2-0015号 from the second PC of a shared council);
    /// empty for a payment recorded by an app too old to number it.
    pub receipt_number: String,
}

/// A receipt's number as it is printed: the year, then the PC's series (none on the first PC), then
/// four digits — 令和8年度 第0123号, 令和8年度 第2-0015号. Empty when the payment has no number.
pub fn receipt_number(fiscal_year: i32, series: i64, number: i64) -> String {
    if number <= 0 {
        return String::new();
    }
    let series = if series > 0 { format!("{series}-") } else { String::new() };
    format!("{} 第{series}{number:04}号", FiscalYear(fiscal_year).label_ja())
}

/// The next receipt number of this PC's series in `fiscal_year`: (series, number).
fn next_receipt_number(w: &Write<'_>, fiscal_year: i32) -> Result<(i64, i64)> {
    let series = council_store::capture::receipt_series(w)?;
    let last: i64 = w.query_row(
        "SELECT coalesce(max(receipt_no), 0) FROM dues_payment WHERE fiscal_year = ?1 AND receipt_series = ?2",
        params![fiscal_year, series],
        |r| r.get(0),
    )?;
    Ok((series, last + 1))
}

/// The rule for a fiscal year, if one is set.
pub fn rate(conn: &Connection, fiscal_year: i32) -> Result<Option<DuesRate>> {
    Ok(conn
        .query_row(
            "SELECT fiscal_year, amount, single_elderly_amount, elderly_age FROM dues_rate WHERE fiscal_year = ?1",
            params![fiscal_year],
            |r| {
                Ok(DuesRate {
                    fiscal_year: r.get(0)?,
                    amount: r.get(1)?,
                    single_elderly_amount: r.get(2)?,
                    elderly_age: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Sets the rule for a fiscal year.
pub fn set_rate(w: &Write<'_>, input: &DuesRate) -> Result<()> {
    let mut problems = Vec::new();
    if input.amount < 0 {
        problems.push(FieldProblem {
            field: "amount".into(),
            message: Text::new("会費は0円以上の金額にしてください。", "Dues must be 0 yen or more."),
        });
    }
    if input.single_elderly_amount.is_some_and(|a| a < 0 || a > input.amount) {
        problems.push(FieldProblem {
            field: "single_elderly_amount".into(),
            message: Text::new(
                "高齢の一人暮らし世帯の会費は、0円以上で通常の会費以下にしてください。",
                "The reduced amount must be between 0 yen and the standard dues.",
            ),
        });
    }
    if !(0..=130).contains(&input.elderly_age) {
        problems.push(FieldProblem {
            field: "elderly_age".into(),
            message: Text::new("年齢は0〜130で入力してください。", "Enter an age from 0 to 130."),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Validation {
            message: Text::new("会費の設定に直すところがあります。", "The dues settings need fixing."),
            problems,
        });
    }
    let before = rate(w, input.fiscal_year)?;
    w.execute(
        "INSERT INTO dues_rate (fiscal_year, amount, single_elderly_amount, elderly_age, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (fiscal_year) DO UPDATE SET amount = excluded.amount,
             single_elderly_amount = excluded.single_elderly_amount, elderly_age = excluded.elderly_age,
             updated_at = excluded.updated_at",
        params![input.fiscal_year, input.amount, input.single_elderly_amount, input.elderly_age, w.now()],
    )?;
    w.record(Change {
        entity: "dues_rate",
        entity_id: &input.fiscal_year.to_string(),
        action: if before.is_some() { AuditAction::Update } else { AuditAction::Create },
        summary: format!("{}の会費を1世帯{}に設定", FiscalYear(input.fiscal_year).label_ja(), format_yen(input.amount)),
        before: before.and_then(|b| serde_json::to_value(b).ok()),
        after: serde_json::to_value(input).ok(),
    })?;
    Ok(())
}

/// Sets (or, with `None`, removes) a household's own amount for a year: 0 is an exemption.
pub fn set_adjustment(
    w: &Write<'_>,
    household: &HouseholdId,
    fiscal_year: i32,
    amount: Option<i64>,
    reason: &str,
) -> Result<()> {
    match amount {
        Some(a) => {
            if a < 0 {
                return Err(Error::invalid(
                    "amount",
                    Text::new(
                        "金額は0円以上にしてください（免除は0円）。",
                        "Enter 0 yen or more (0 for an exemption).",
                    ),
                ));
            }
            if reason.trim().is_empty() {
                return Err(Error::invalid(
                    "reason",
                    Text::new(
                        "減額・免除の理由を入力してください。",
                        "Enter the reason for the reduction or exemption.",
                    ),
                ));
            }
            w.execute(
                "INSERT INTO dues_adjustment (household_id, fiscal_year, amount, reason) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (household_id, fiscal_year) DO UPDATE SET amount = excluded.amount, reason = excluded.reason",
                params![household, fiscal_year, a, reason.trim()],
            )?;
        }
        None => {
            w.execute(
                "DELETE FROM dues_adjustment WHERE household_id = ?1 AND fiscal_year = ?2",
                params![household, fiscal_year],
            )?;
        }
    }
    w.record(Change {
        entity: "household",
        entity_id: household.as_str(),
        action: AuditAction::Update,
        summary: match amount {
            Some(0) => format!("{}の会費を免除（{}）", FiscalYear(fiscal_year).label_ja(), reason.trim()),
            Some(a) => {
                format!("{}の会費を{}に減額（{}）", FiscalYear(fiscal_year).label_ja(), format_yen(a), reason.trim())
            }
            None => format!("{}の会費の減額・免除を取り消し", FiscalYear(fiscal_year).label_ja()),
        },
        before: None,
        after: Some(serde_json::json!({ "fiscal_year": fiscal_year, "amount": amount, "reason": reason.trim() })),
    })?;
    Ok(())
}

/// Records a payment.
pub fn record_payment(w: &Write<'_>, input: &DuesPaymentInput) -> Result<DuesPaymentId> {
    if input.amount <= 0 {
        return Err(Error::invalid(
            "amount",
            Text::new("受け取った金額を1円以上で入力してください。", "Enter the amount received (1 yen or more)."),
        ));
    }
    // The same money is the 会費 income of the council's books: not in a year whose books are closed.
    crate::accounts::refuse_dues_in_closed_year(w, input.paid_on)?;
    let head: Option<String> = w
        .query_row(
            "SELECT coalesce((SELECT name FROM person WHERE household_id = h.id AND is_head = 1), h.address)
             FROM household h WHERE h.id = ?1",
            params![input.household_id],
            |r| r.get(0),
        )
        .optional()?;
    let head = head.ok_or_else(|| {
        Error::NotFound(Text::new(
            "その世帯は見つかりません。一覧を開き直してください。",
            "That household no longer exists.",
        ))
    })?;
    let id = DuesPaymentId::new();
    let (series, number) = next_receipt_number(w, input.fiscal_year)?;
    w.execute(
        "INSERT INTO dues_payment (id, household_id, fiscal_year, paid_on, amount, collected_by, notes, created_at,
                                   receipt_series, receipt_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            input.household_id,
            input.fiscal_year,
            input.paid_on,
            input.amount,
            input.collected_by.trim(),
            input.notes.trim(),
            w.now(),
            series,
            number
        ],
    )?;
    w.record(Change {
        entity: "household",
        entity_id: input.household_id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "{}さんから{}の会費{}を受領（{}）",
            head,
            FiscalYear(input.fiscal_year).label_ja(),
            format_yen(input.amount),
            crate::calendar::wareki(input.paid_on)
        ),
        before: None,
        after: serde_json::to_value(input).ok(),
    })?;
    Ok(id)
}

/// The payment `id`, as recorded.
fn payment(conn: &Connection, id: &DuesPaymentId) -> Result<DuesPayment> {
    conn.query_row(
        "SELECT id, household_id, fiscal_year, paid_on, amount, collected_by, notes, receipt_series, receipt_no
         FROM dues_payment WHERE id = ?1",
        params![id],
        payment_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(Text::new(
            "その入金の記録は見つかりません。世帯を開き直してください。",
            "That payment no longer exists; reopen the household.",
        ))
    })
}

fn require_reason(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            Text::new(
                "訂正・取り消しの理由を入力してください（例：金額の入力誤り、二重に記録）。",
                "Enter why (e.g. the amount was mistyped, recorded twice).",
            ),
        ));
    }
    Ok(reason)
}

/// Corrects a payment recorded wrongly (its day, amount, collector or notes), with the reason kept in
/// the history. Refused while its day, old or new, is in closed books (the payment is the books' 会費
/// income), or when the cash book would fall below zero.
pub fn correct_payment(w: &Write<'_>, id: &DuesPaymentId, input: &DuesPaymentInput, reason: &str) -> Result<()> {
    let reason = require_reason(reason)?;
    let before = payment(w, id)?;
    if input.amount <= 0 {
        return Err(Error::invalid(
            "amount",
            Text::new("受け取った金額を1円以上で入力してください。", "Enter the amount received (1 yen or more)."),
        ));
    }
    crate::accounts::refuse_dues_in_closed_year(w, before.paid_on)?;
    crate::accounts::refuse_dues_in_closed_year(w, input.paid_on)?;
    // Moved to another year, the payment takes that year's next number: numbers never repeat in a year.
    if input.fiscal_year != before.fiscal_year {
        let (series, number) = next_receipt_number(w, input.fiscal_year)?;
        w.execute(
            "UPDATE dues_payment SET receipt_series = ?2, receipt_no = ?3 WHERE id = ?1",
            params![id, series, number],
        )?;
    }
    w.execute(
        "UPDATE dues_payment SET fiscal_year = ?2, paid_on = ?3, amount = ?4, collected_by = ?5, notes = ?6 WHERE id = ?1",
        params![id, input.fiscal_year, input.paid_on, input.amount, input.collected_by.trim(), input.notes.trim()],
    )?;
    crate::accounts::refuse_dues_below_zero(w, before.paid_on.min(input.paid_on))?;
    w.record(Change {
        entity: "household",
        entity_id: before.household_id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "会費の入金（{}、{}）を訂正：{}、{}（{reason}）",
            before.paid_on_text,
            format_yen(before.amount),
            crate::calendar::wareki(input.paid_on),
            format_yen(input.amount)
        ),
        before: serde_json::to_value(&before).ok(),
        after: Some(serde_json::json!({ "payment": input, "reason": reason })),
    })?;
    Ok(())
}

/// Cancels a payment recorded by mistake (recorded twice, the wrong household), with the reason kept in
/// the history; refused like a correction in closed books or when the cash would fall below zero.
pub fn cancel_payment(w: &Write<'_>, id: &DuesPaymentId, reason: &str) -> Result<()> {
    let reason = require_reason(reason)?;
    let before = payment(w, id)?;
    crate::accounts::refuse_dues_in_closed_year(w, before.paid_on)?;
    w.execute("DELETE FROM dues_payment WHERE id = ?1", params![id])?;
    crate::accounts::refuse_dues_below_zero(w, before.paid_on)?;
    w.record(Change {
        entity: "household",
        entity_id: before.household_id.as_str(),
        action: AuditAction::Update,
        summary: format!("会費の入金（{}、{}）を取り消し（{reason}）", before.paid_on_text, format_yen(before.amount)),
        before: serde_json::to_value(&before).ok(),
        after: Some(serde_json::json!({ "reason": reason })),
    })?;
    Ok(())
}

/// Payments of one household for a year, oldest first.
pub fn payments(conn: &Connection, household: &HouseholdId, fiscal_year: i32) -> Result<Vec<DuesPayment>> {
    let mut stmt = conn.prepare(
        "SELECT id, household_id, fiscal_year, paid_on, amount, collected_by, notes, receipt_series, receipt_no
         FROM dues_payment WHERE household_id = ?1 AND fiscal_year = ?2 ORDER BY paid_on, created_at",
    )?;
    let rows = stmt.query_map(params![household, fiscal_year], payment_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A payment with whom its receipt is made out to, for printing receipts in a batch.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    /// The payment.
    pub payment: DuesPayment,
    /// The head of the household (the address when it has no head on record).
    pub to: String,
    /// The household's address.
    pub address: String,
}

/// Every payment of `fiscal_year` (of one block's current households, or all), in receipt-number
/// order, for printing receipts with their counterfoils in one go.
pub fn receipts(conn: &Connection, fiscal_year: i32, block: Option<&BlockId>) -> Result<Vec<ReceiptRow>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.household_id, p.fiscal_year, p.paid_on, p.amount, p.collected_by, p.notes,
                p.receipt_series, p.receipt_no,
                coalesce((SELECT name FROM person WHERE household_id = h.id AND is_head = 1), h.address), h.address
         FROM dues_payment p JOIN household h ON h.id = p.household_id
         WHERE p.fiscal_year = ?1 AND (?2 IS NULL OR h.block_id = ?2)
         ORDER BY p.receipt_series, p.receipt_no, p.paid_on, p.created_at",
    )?;
    let rows = stmt.query_map(params![fiscal_year, block], |r| {
        Ok(ReceiptRow { payment: payment_row(r)?, to: r.get(9)?, address: r.get(10)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn payment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DuesPayment> {
    Ok(DuesPayment {
        id: r.get(0)?,
        household_id: r.get(1)?,
        fiscal_year: r.get(2)?,
        paid_on: r.get(3)?,
        paid_on_text: crate::calendar::wareki(r.get(3)?),
        amount: r.get(4)?,
        collected_by: r.get(5)?,
        notes: r.get(6)?,
        receipt_number: receipt_number(r.get(2)?, r.get(7)?, r.get(8)?),
    })
}

/// What a household owes: its own amount if set, else the reduced amount when it is one person aged
/// `elderly_age`+ on the year's first day, else the standard amount.
pub fn amount_due(
    rate: &DuesRate,
    adjustment: Option<(i64, String)>,
    persons: &[Option<i32>],
    fy_start: NaiveDate,
) -> (i64, Option<String>) {
    if let Some((amount, reason)) = adjustment {
        return (amount, Some(reason));
    }
    if let (Some(reduced), [Some(birth_year)]) = (rate.single_elderly_amount, persons) {
        // Age reached during the calendar year of the fiscal year's start: birth dates are not kept.
        if fy_start.year() - birth_year >= rate.elderly_age {
            return (reduced, Some(format!("{}歳以上の一人暮らし", rate.elderly_age)));
        }
    }
    (rate.amount, None)
}

/// A household's dues from a row holding its adjustment (amount and reason, at `adjustment` and the
/// column after) and its persons' birth years joined by commas (at `births`).
fn due_from_row(
    r: &rusqlite::Row<'_>,
    adjustment: usize,
    births: usize,
    rate: &DuesRate,
    start: NaiveDate,
) -> rusqlite::Result<(i64, Option<String>)> {
    let adjustment = match (r.get::<_, Option<i64>>(adjustment)?, r.get::<_, Option<String>>(adjustment + 1)?) {
        (Some(a), Some(reason)) => Some((a, reason)),
        _ => None,
    };
    let births: Vec<Option<i32>> =
        r.get::<_, Option<String>>(births)?.unwrap_or_default().split(',').map(|s| s.parse().ok()).collect();
    Ok(amount_due(rate, adjustment, &births, start))
}

/// Every household that owes dues for the year (a member on any day of it), with what it owes and
/// has paid, in block order then 五十音順. `block` narrows to one block; `only_unpaid` to those not
/// paid in full.
pub fn status(
    conn: &Connection,
    fiscal_year: FiscalYear,
    start_month: u32,
    block: Option<&BlockId>,
    only_unpaid: bool,
) -> Result<Vec<DuesRow>> {
    let Some(rate) = rate(conn, fiscal_year.0)? else {
        return Ok(Vec::new());
    };
    let (start, end) = (fiscal_year.start(start_month), fiscal_year.end(start_month));
    let mut stmt = conn.prepare(
        "SELECT h.id, coalesce(head.name, ''), coalesce(head.kana, ''), h.address, h.block_id, b.name,
                a.amount, a.reason,
                (SELECT coalesce(sum(p.amount), 0) FROM dues_payment p WHERE p.household_id = h.id AND p.fiscal_year = ?1),
                (SELECT max(p.paid_on) FROM dues_payment p WHERE p.household_id = h.id AND p.fiscal_year = ?1),
                (SELECT group_concat(coalesce(x.birth_year, ''), ',') FROM person x WHERE x.household_id = h.id)
         FROM household h
         LEFT JOIN person head ON head.household_id = h.id AND head.is_head = 1
         LEFT JOIN block b ON b.id = h.block_id
         LEFT JOIN dues_adjustment a ON a.household_id = h.id AND a.fiscal_year = ?1
         WHERE h.joined_on <= ?3 AND (h.left_on IS NULL OR h.left_on >= ?2)
           AND (?4 IS NULL OR h.block_id = ?4)
         ORDER BY b.id IS NULL, b.sort_order, b.name, head.kana_key, h.address",
    )?;
    let rows = stmt.query_map(params![fiscal_year.0, start, end, block], |r| {
        let (due, reduction) = due_from_row(r, 6, 10, &rate, start)?;
        let paid: i64 = r.get(8)?;
        let status = DuesStatus::of(due, paid);
        Ok(DuesRow {
            household_id: r.get(0)?,
            head_name: r.get(1)?,
            head_kana: r.get(2)?,
            address: r.get(3)?,
            block_id: r.get(4)?,
            block_name: r.get(5)?,
            due,
            reduction,
            paid,
            status,
            last_paid_on: r.get(9)?,
            last_paid_text: r.get::<_, Option<NaiveDate>>(9)?.map(crate::calendar::wareki),
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if !only_unpaid || matches!(row.status, DuesStatus::Unpaid | DuesStatus::Partial) {
            out.push(row);
        }
    }
    Ok(out)
}

/// The year's collection by block. Home shows it first, so it reads only what the sums need (no
/// names, no 五十音 order) from the same rows [`status`] lists, and computes each household's dues by
/// the same rule.
pub fn overview(conn: &Connection, fiscal_year: FiscalYear, start_month: u32) -> Result<DuesOverview> {
    let Some(rate) = rate(conn, fiscal_year.0)? else {
        let blocks = Vec::new();
        return Ok(DuesOverview {
            fiscal_year: fiscal_year.0,
            rate: None,
            unpaid_households: 0,
            due: 0,
            paid: 0,
            blocks,
        });
    };
    let (start, end) = (fiscal_year.start(start_month), fiscal_year.end(start_month));
    let mut stmt = conn.prepare(
        "SELECT h.block_id, b.name, a.amount, a.reason,
                (SELECT coalesce(sum(p.amount), 0) FROM dues_payment p WHERE p.household_id = h.id AND p.fiscal_year = ?1),
                (SELECT group_concat(coalesce(x.birth_year, ''), ',') FROM person x WHERE x.household_id = h.id)
         FROM household h
         LEFT JOIN block b ON b.id = h.block_id
         LEFT JOIN dues_adjustment a ON a.household_id = h.id AND a.fiscal_year = ?1
         WHERE h.joined_on <= ?3 AND (h.left_on IS NULL OR h.left_on >= ?2)
         ORDER BY b.id IS NULL, b.sort_order, b.name, b.id",
    )?;
    let mut rows = stmt.query(params![fiscal_year.0, start, end])?;
    let mut blocks: Vec<DuesBlockSummary> = Vec::new();
    while let Some(r) = rows.next()? {
        let block_id: Option<BlockId> = r.get(0)?;
        let (due, _) = due_from_row(r, 2, 5, &rate, start)?;
        let paid: i64 = r.get(4)?;
        let unpaid = matches!(DuesStatus::of(due, paid), DuesStatus::Unpaid | DuesStatus::Partial);
        match blocks.last_mut() {
            Some(b) if b.block_id == block_id => {
                b.households += 1;
                b.unpaid_households += i64::from(unpaid);
                b.due += due;
                b.paid += paid;
            }
            _ => blocks.push(DuesBlockSummary {
                block_name: r.get::<_, Option<String>>(1)?.unwrap_or_else(|| "班なし".to_owned()),
                block_id,
                households: 1,
                unpaid_households: i64::from(unpaid),
                due,
                paid,
            }),
        }
    }
    Ok(DuesOverview {
        fiscal_year: fiscal_year.0,
        rate: Some(rate),
        unpaid_households: blocks.iter().map(|b| b.unpaid_households).sum(),
        due: blocks.iter().map(|b| b.due).sum(),
        paid: blocks.iter().map(|b| b.paid).sum(),
        blocks,
    })
}

/// A household's dues records — its own amounts (fiscal year, amount, reason) and its payments — as a
/// deleted household keeps them in the change history, so that bringing it back brings them back.
pub(crate) type HouseholdRecords = (Vec<(i32, i64, String)>, Vec<serde_json::Value>);

/// The dues records of `household`, for the history of its deletion (the same shape every earlier
/// version of the app kept: old deletions stay restorable).
pub(crate) fn household_records(conn: &Connection, household: &HouseholdId) -> Result<HouseholdRecords> {
    let adjustments = {
        let mut stmt =
            conn.prepare("SELECT fiscal_year, amount, reason FROM dues_adjustment WHERE household_id = ?1")?;
        stmt.query_map(params![household], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let payments = {
        let mut stmt = conn.prepare(
            "SELECT id, fiscal_year, paid_on, amount, collected_by, notes, created_at, receipt_series, receipt_no
             FROM dues_payment WHERE household_id = ?1",
        )?;
        stmt.query_map(params![household], |r| {
            Ok(serde_json::json!({
                "id": r.get::<_, String>(0)?, "fiscal_year": r.get::<_, i32>(1)?, "paid_on": r.get::<_, String>(2)?,
                "amount": r.get::<_, i64>(3)?, "collected_by": r.get::<_, String>(4)?, "notes": r.get::<_, String>(5)?,
                "created_at": r.get::<_, String>(6)?, "receipt_series": r.get::<_, i64>(7)?,
                "receipt_no": r.get::<_, i64>(8)?,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok((adjustments, payments))
}

/// Puts a brought-back household's dues records back, exactly as they were kept.
pub(crate) fn put_back_records(
    w: &Write<'_>,
    household: &HouseholdId,
    adjustments: &[(i32, i64, String)],
    payments: &[serde_json::Value],
) -> Result<()> {
    for (fy, amount, reason) in adjustments {
        w.execute(
            "INSERT INTO dues_adjustment (household_id, fiscal_year, amount, reason) VALUES (?1, ?2, ?3, ?4)",
            params![household, fy, amount, reason],
        )?;
    }
    for p in payments {
        w.execute(
            "INSERT INTO dues_payment (id, household_id, fiscal_year, paid_on, amount, collected_by, notes, created_at,
                                       receipt_series, receipt_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                p["id"].as_str(),
                household,
                p["fiscal_year"].as_i64(),
                p["paid_on"].as_str(),
                p["amount"].as_i64(),
                p["collected_by"].as_str(),
                p["notes"].as_str(),
                p["created_at"].as_str(),
                // A deletion kept by an app too old to number receipts brings its payments back unnumbered.
                p["receipt_series"].as_i64().unwrap_or(0),
                p["receipt_no"].as_i64().unwrap_or(0)
            ],
        )?;
    }
    Ok(())
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "dues_rates",
        source: "dues_rate",
        label_ja: "会費の額",
        label_en: "Dues rates",
        sql: "SELECT fiscal_year, amount, single_elderly_amount, elderly_age, updated_at FROM dues_rate
              ORDER BY fiscal_year",
        columns: &[
            col("fiscal_year", "年度", Integer),
            col("amount", "会費（円）", Integer),
            col("single_elderly_amount", "高齢単身世帯の会費（円）", Integer),
            col("elderly_age", "高齢の年齢", Integer),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "dues_adjustments",
        source: "dues_adjustment",
        label_ja: "会費の個別設定",
        label_en: "Dues adjustments",
        sql: "SELECT a.household_id, h.code, a.fiscal_year, a.amount, a.reason
              FROM dues_adjustment a JOIN household h ON h.id = a.household_id
              ORDER BY a.fiscal_year, h.code, a.household_id",
        columns: &[
            col("household_id", "世帯ID", Str),
            col("household_code", "世帯番号", Str),
            col("fiscal_year", "年度", Integer),
            col("amount", "会費（円）", Integer),
            col("reason", "理由", Str),
        ],
    },
    TableExport {
        key: "dues_payments",
        source: "dues_payment",
        label_ja: "会費の納入",
        label_en: "Dues payments",
        sql: "SELECT d.id, d.household_id, h.code, d.fiscal_year, d.paid_on, d.amount, d.collected_by, d.notes,
                     d.created_at, d.receipt_series, d.receipt_no
              FROM dues_payment d JOIN household h ON h.id = d.household_id
              ORDER BY d.fiscal_year, d.paid_on, d.id",
        columns: &[
            col("id", "ID", Str),
            col("household_id", "世帯ID", Str),
            col("household_code", "世帯番号", Str),
            col("fiscal_year", "年度", Integer),
            col("paid_on", "納入日", Date),
            col("amount", "金額（円）", Integer),
            col("collected_by", "集金者", Str),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("receipt_series", "領収書番号の系列", Integer),
            col("receipt_no", "領収書番号", Integer),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn rate() -> DuesRate {
        DuesRate { fiscal_year: 2026, amount: 3600, single_elderly_amount: Some(1800), elderly_age: 75 }
    }

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, 1).expect("date")
    }

    #[test]
    fn amount_due_rules() {
        assert_eq!(
            amount_due(&rate(), None, &[Some(1960), Some(1962)], start()),
            (3600, None),
            "two persons pay in full"
        );
        assert_eq!(
            amount_due(&rate(), None, &[Some(1951)], start()),
            (1800, Some("75歳以上の一人暮らし".into())),
            "one person turning 75 in 2026 gets the reduction"
        );
        assert_eq!(amount_due(&rate(), None, &[Some(1952)], start()), (3600, None), "74 is below the age");
        assert_eq!(amount_due(&rate(), None, &[None], start()), (3600, None), "unknown birth year: standard amount");
        assert_eq!(
            amount_due(&rate(), Some((0, "生活保護".into())), &[Some(1990)], start()),
            (0, Some("生活保護".into())),
            "a household's own amount wins over every rule"
        );
        let no_reduction = DuesRate { single_elderly_amount: None, ..rate() };
        assert_eq!(amount_due(&no_reduction, None, &[Some(1930)], start()), (3600, None), "no reduction configured");
    }
}
