//! The expenses of a grant project and their receipts (領収書): what was paid, when, to whom, for what
//! category, from the grant or the council's own funds, with the receipt's addressee and description
//! as written on it and the scanned receipt (PDF, JPEG or PNG, recognised by its bytes) kept
//! content-addressed in the data folder.
//!
//! The receipt checks are warnings, not refusals: a secretary records what the shop handed over and
//! learns what the city will query (a date outside the project period, 上様 instead of the council's
//! name, 品代 instead of what was bought, no receipt at all, a category the grant does not pay for).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::budget::{ExpenseCategory, yen_en};
use super::{GrantApplicationId, GrantExpenseId, change};
use crate::Write;
use crate::attachments;
use crate::calendar;
use crate::error::{Error, FieldProblem, Result};
use crate::kana;
use crate::money::format_yen;
use crate::text::Text;

pub use crate::attachments::{ReceiptChange, ReceiptFile, receipt_mime};

/// An expense as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantExpenseInput {
    /// The day it was paid (the receipt's date).
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    /// Who was paid (the shop).
    pub payee: String,
    /// The description (但し書き) as written on the receipt.
    pub description: String,
    /// The category (科目).
    pub category: ExpenseCategory,
    /// Yen.
    pub amount: i64,
    /// True when paid from the grant; false from the council's own funds.
    pub from_grant: bool,
    /// The addressee (宛名) as written on the receipt.
    pub addressee: String,
    /// Notes.
    pub notes: String,
}

/// A receipt file's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Receipt {
    /// The file's name as attached.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub mime: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content (its name in the attachments folder).
    pub sha256: String,
}

/// What a receipt warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptWarningKind {
    /// Paid before the project started or after it ended.
    OutsidePeriod,
    /// The addressee is blank.
    NoAddressee,
    /// The addressee is 上様 (or similar) instead of the council's name.
    AddresseeUesama,
    /// The addressee is someone other than the council.
    AddresseeNotCouncil,
    /// The description is blank.
    NoDescription,
    /// The description says nothing specific (品代, お品代 …).
    VagueDescription,
    /// No receipt file is attached.
    NoReceipt,
    /// Paid from the grant in a category the program does not pay for.
    IneligibleFromGrant,
}

/// One thing about an expense's receipt that the city is likely to query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceiptWarning {
    /// What it is about.
    pub kind: ReceiptWarningKind,
    /// What is wrong and what to do.
    pub message: Text,
}

/// An expense with its receipt and the warnings about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantExpense {
    /// ID.
    pub id: GrantExpenseId,
    /// The application.
    pub application_id: GrantApplicationId,
    /// The day it was paid.
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    /// The day as shown.
    pub paid_text: Text,
    /// Who was paid.
    pub payee: String,
    /// The description (但し書き).
    pub description: String,
    /// The category.
    pub category: ExpenseCategory,
    /// The category's name.
    pub category_label: Text,
    /// Yen.
    pub amount: i64,
    /// Paid from the grant (else from own funds).
    pub from_grant: bool,
    /// The addressee as written on the receipt.
    pub addressee: String,
    /// Notes.
    pub notes: String,
    /// The receipt file, if attached.
    pub receipt: Option<Receipt>,
    /// What the city is likely to query.
    pub warnings: Vec<ReceiptWarning>,
}

/// What the receipt checks compare an expense with.
#[derive(Debug, Clone, Copy)]
pub struct ReceiptContext<'a> {
    /// The project's first day.
    pub starts_on: NaiveDate,
    /// Its last day.
    pub ends_on: NaiveDate,
    /// The council's name (the addressee receipts must carry).
    pub council_name: &'a str,
    /// The categories the program pays for.
    pub eligible: &'a [ExpenseCategory],
}

/// Addressees that stand for "whoever paid" rather than the council.
const UESAMA: &[&str] = &["上様", "うえさま", "上さま", "上"];

/// Descriptions that say nothing about what was bought (compared after folding and trimming 但し…として).
const VAGUE: &[&str] = &[
    "品代",
    "お品代",
    "御品代",
    "品物代",
    "お品物代",
    "商品代",
    "物品代",
    "お買物代",
    "お買い物代",
    "お買上げ品代",
    "お買上品代",
    "お買い上げ品代",
    "代金",
    "お代",
    "諸経費",
    "雑費",
];

/// Text folded for comparing receipt wording: kana and width folded, spaces gone.
fn folded(s: &str) -> String {
    kana::fold(s)
}

/// The addressee without the honorific (様, 御中, 殿).
fn addressee_core(s: &str) -> String {
    let mut a = folded(s);
    for suffix in ["御中", "様", "さま", "殿", "どの"] {
        if let Some(rest) = a.strip_suffix(&folded(suffix)) {
            a = rest.to_owned();
        }
    }
    a
}

/// The description without the 但し … として frame receipts print around it.
fn description_core(s: &str) -> String {
    let mut d = folded(s);
    for prefix in ["但し", "但", "ただし"] {
        if let Some(rest) = d.strip_prefix(&folded(prefix)) {
            d = rest.to_owned();
            break;
        }
    }
    d = d.trim_matches(|c: char| matches!(c, '、' | '。' | ',' | '.' | ':' | '：')).to_owned();
    for suffix in ["として", "として。"] {
        if let Some(rest) = d.strip_suffix(&folded(suffix)) {
            d = rest.to_owned();
        }
    }
    d
}

/// The warnings about one expense's receipt. Every one names the problem and what to do about it.
pub fn receipt_warnings(e: &GrantExpenseInput, has_receipt: bool, ctx: &ReceiptContext<'_>) -> Vec<ReceiptWarning> {
    use ReceiptWarningKind as K;
    let mut out = Vec::new();
    let mut warn = |kind, ja: String, en: String| out.push(ReceiptWarning { kind, message: Text::new(ja, en) });

    if e.paid_on < ctx.starts_on || e.paid_on > ctx.ends_on {
        warn(
            K::OutsidePeriod,
            format!(
                "支払日（{}）が事業期間（{}〜{}）の外です。期間外の支出は対象経費にならないことがあります。日付を確かめてください。",
                calendar::wareki(e.paid_on),
                calendar::wareki(ctx.starts_on),
                calendar::wareki(ctx.ends_on)
            ),
            format!(
                "Paid on {}, outside the project period ({} – {}). Spending outside the period may not count; check the date.",
                calendar::english_date(e.paid_on),
                calendar::english_date(ctx.starts_on),
                calendar::english_date(ctx.ends_on)
            ),
        );
    }

    let council = ctx.council_name.trim();
    let core = addressee_core(&e.addressee);
    if core.is_empty() {
        warn(
            K::NoAddressee,
            format!("領収書に宛名がありません。「{council}」の宛名で領収書をもらい直してください。"),
            format!("The receipt has no addressee. Ask the shop for a receipt made out to “{council}”."),
        );
    } else if UESAMA.iter().any(|u| folded(u) == core) {
        warn(
            K::AddresseeUesama,
            format!("領収書の宛名が「上様」です。「{council}」の宛名で領収書をもらい直してください。"),
            format!("The receipt is made out to 上様 (“the bearer”). Ask the shop for one made out to “{council}”."),
        );
    } else if !council.is_empty() && !core.contains(&folded(council)) {
        warn(
            K::AddresseeNotCouncil,
            format!(
                "領収書の宛名「{}」が自治会の名前（{council}）と違います。個人宛ての領収書は認められないことがあります。",
                e.addressee.trim()
            ),
            format!(
                "The receipt is made out to “{}”, not to the council (“{council}”). A receipt in a person's name may not be accepted.",
                e.addressee.trim()
            ),
        );
    }

    let what = description_core(&e.description);
    if what.is_empty() {
        warn(
            K::NoDescription,
            "領収書に但し書きがありません。何を買ったか（例：清掃用ごみ袋代として）を書いてもらってください。".to_owned(),
            "The receipt has no description. Ask for what was bought to be written on it (e.g. “bin bags for the cleanup”)."
                .to_owned(),
        );
    } else if VAGUE.iter().any(|v| folded(v) == what) {
        warn(
            K::VagueDescription,
            format!(
                "但し書きが「{}」だけで、何を買ったかわかりません。品名のわかる明細（レシート）を添付するか、具体的な但し書きの領収書をもらってください。",
                e.description.trim()
            ),
            format!(
                "The description “{}” does not say what was bought. Attach the itemised till receipt, or get a receipt that names the items.",
                e.description.trim()
            ),
        );
    }

    if !has_receipt {
        warn(
            K::NoReceipt,
            "領収書のファイルが添付されていません。領収書をスキャンするか写真に撮って添付してください。".to_owned(),
            "No receipt file is attached. Scan or photograph the receipt and attach it.".to_owned(),
        );
    }

    if e.from_grant && !ctx.eligible.contains(&e.category) {
        let cat = e.category.label_ja();
        warn(
            K::IneligibleFromGrant,
            format!("「{cat}」はこの制度の対象経費ではありません。交付金ではなく自己資金からの支払いにしてください。"),
            format!(
                "{cat} is not an eligible expense under this program. Record it as paid from own funds, not the grant."
            ),
        );
    }
    out
}

/// The input checked and tidied (refusals: what cannot be recorded at all).
fn validated(input: &GrantExpenseInput) -> Result<GrantExpenseInput> {
    let mut problems = Vec::new();
    if input.amount <= 0 {
        problems.push(FieldProblem {
            field: "amount".into(),
            message: Text::new("金額は1円以上で入力してください。", "Enter an amount of 1 yen or more."),
        });
    }
    if input.payee.trim().is_empty() {
        problems.push(FieldProblem {
            field: "payee".into(),
            message: Text::new("支払先（お店の名前など）を入力してください。", "Enter who was paid (the shop's name)."),
        });
    }
    for (field, text, max) in
        [("payee", &input.payee, 100), ("description", &input.description, 200), ("addressee", &input.addressee, 100)]
    {
        if text.chars().count() > max {
            problems.push(FieldProblem {
                field: field.into(),
                message: Text::new(format!("{max}文字以内にしてください。"), format!("Keep it to {max} characters.")),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    Ok(GrantExpenseInput {
        paid_on: input.paid_on,
        payee: input.payee.trim().to_owned(),
        description: input.description.trim().to_owned(),
        category: input.category,
        amount: input.amount,
        from_grant: input.from_grant,
        addressee: input.addressee.trim().to_owned(),
        notes: input.notes.trim().to_owned(),
    })
}

/// Stores a receipt file (refusing anything but PDF, JPEG and PNG) and returns its record.
fn store_receipt(dir: &Path, file: ReceiptFile<'_>) -> Result<Receipt> {
    // The name only, whichever system's separators the path was written with.
    let name = file.file_name.rsplit(['/', '\\']).next().unwrap_or("").trim().to_owned();
    let name = if name.is_empty() { "receipt".to_owned() } else { name };
    let Some(mime) = receipt_mime(file.bytes) else {
        return Err(Error::invalid(
            "receipt",
            Text::new(
                format!(
                    "「{name}」はPDF・JPEG・PNGのどれでもありません。領収書はPDFか写真（JPEG・PNG）で添付してください。"
                ),
                format!("“{name}” is not a PDF, JPEG or PNG file. Attach the receipt as a PDF or a photo (JPEG, PNG)."),
            ),
        ));
    };
    let sha256 = attachments::store_file(dir, file.bytes)?;
    Ok(Receipt { file_name: name, mime: mime.to_owned(), size: file.bytes.len() as i64, sha256 })
}

fn not_found() -> Error {
    Error::NotFound(Text::new(
        "その支出は見つかりません。一覧から開き直してください。",
        "That expense no longer exists; reopen the list.",
    ))
}

const COLUMNS: &str = "id, application_id, paid_on, payee, description, category, amount, from_grant, addressee, notes,
     receipt_name, receipt_mime, receipt_size, receipt_sha256";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(GrantExpense, bool)> {
    let paid_on: NaiveDate = r.get(2)?;
    let category = ExpenseCategory::parse(&r.get::<_, String>(5)?);
    let receipt = match r.get::<_, Option<String>>(13)? {
        Some(sha256) => Some(Receipt { file_name: r.get(10)?, mime: r.get(11)?, size: r.get(12)?, sha256 }),
        None => None,
    };
    let has = receipt.is_some();
    Ok((
        GrantExpense {
            id: r.get(0)?,
            application_id: r.get(1)?,
            paid_on,
            paid_text: calendar::date_text(paid_on),
            payee: r.get(3)?,
            description: r.get(4)?,
            category,
            category_label: category.label(),
            amount: r.get(6)?,
            from_grant: r.get(7)?,
            addressee: r.get(8)?,
            notes: r.get(9)?,
            receipt,
            warnings: Vec::new(),
        },
        has,
    ))
}

fn as_input(e: &GrantExpense) -> GrantExpenseInput {
    GrantExpenseInput {
        paid_on: e.paid_on,
        payee: e.payee.clone(),
        description: e.description.clone(),
        category: e.category,
        amount: e.amount,
        from_grant: e.from_grant,
        addressee: e.addressee.clone(),
        notes: e.notes.clone(),
    }
}

/// The expenses of an application by date, each with its receipt warnings under `ctx`.
pub fn list(
    conn: &Connection,
    application: &GrantApplicationId,
    ctx: &ReceiptContext<'_>,
) -> Result<Vec<GrantExpense>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM grant_expense WHERE application_id = ?1 ORDER BY paid_on, created_at, id"
    ))?;
    let rows: Vec<(GrantExpense, bool)> =
        stmt.query_map(params![application], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(mut e, has)| {
            e.warnings = receipt_warnings(&as_input(&e), has, ctx);
            e
        })
        .collect())
}

/// One expense (without warnings) and its application.
fn get(conn: &Connection, id: &GrantExpenseId) -> Result<GrantExpense> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM grant_expense WHERE id = ?1"), params![id], row)
        .optional()?
        .map(|(e, _)| e)
        .ok_or_else(not_found)
}

/// The application an expense belongs to.
pub fn application_of(conn: &Connection, id: &GrantExpenseId) -> Result<GrantApplicationId> {
    Ok(get(conn, id)?.application_id)
}

fn summary(e: &GrantExpenseInput) -> String {
    format!(
        "{}「{}」{}（{}、{}）",
        e.category.label_ja(),
        e.payee,
        format_yen(e.amount),
        calendar::wareki(e.paid_on),
        if e.from_grant { "交付金" } else { "自己資金" }
    )
}

/// Records an expense (and its receipt file, stored in `dir`) on an application that is not locked.
pub fn add(
    w: &Write<'_>,
    dir: &Path,
    application: &GrantApplicationId,
    input: &GrantExpenseInput,
    receipt: Option<ReceiptFile<'_>>,
) -> Result<GrantExpenseId> {
    super::ensure_unlocked(w, application)?;
    let input = validated(input)?;
    let receipt = receipt.map(|f| store_receipt(dir, f)).transpose()?;
    let id = GrantExpenseId::new();
    w.execute(
        "INSERT INTO grant_expense (id, application_id, paid_on, payee, description, category, amount, from_grant,
                                    addressee, notes, receipt_name, receipt_mime, receipt_size, receipt_sha256,
                                    created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            id,
            application,
            input.paid_on,
            input.payee,
            input.description,
            input.category.as_str(),
            input.amount,
            input.from_grant,
            input.addressee,
            input.notes,
            receipt.as_ref().map(|r| &r.file_name),
            receipt.as_ref().map(|r| &r.mime),
            receipt.as_ref().map(|r| r.size),
            receipt.as_ref().map(|r| &r.sha256),
            w.now()
        ],
    )?;
    write_search_text(w, &id)?;
    crate::accounts::grant_ledger::refuse_change(w, application.as_str(), &[input.paid_on])?;
    w.record(change(
        application,
        format!("支出を記録：{}", summary(&input)),
        None,
        Some(serde_json::json!({ "expense": id, "input": input, "receipt": receipt })),
    ))?;
    Ok(id)
}

/// What global search matches an expense by: the payee and the 但し書き, each folded (as a query is)
/// and joined by U+001F; migration 0006 filled it the same way for the expenses already there.
fn write_search_text(tx: &Transaction<'_>, id: &GrantExpenseId) -> Result<()> {
    tx.execute(
        "UPDATE grant_expense SET search_text = council_fold(payee) || char(31) || council_fold(description)
         WHERE id = ?1",
        params![id],
    )?;
    Ok(())
}

/// Changes an expense (and, as asked, its receipt file) on an application that is not locked.
pub fn update(
    w: &Write<'_>,
    dir: &Path,
    id: &GrantExpenseId,
    input: &GrantExpenseInput,
    receipt_change: ReceiptChange<'_>,
) -> Result<GrantApplicationId> {
    let before = get(w, id)?;
    super::ensure_unlocked(w, &before.application_id)?;
    let input = validated(input)?;
    let receipt = match receipt_change {
        ReceiptChange::Keep => before.receipt.clone(),
        ReceiptChange::Replace(f) => Some(store_receipt(dir, f)?),
        ReceiptChange::Remove => None,
    };
    w.execute(
        "UPDATE grant_expense SET paid_on = ?2, payee = ?3, description = ?4, category = ?5, amount = ?6,
                from_grant = ?7, addressee = ?8, notes = ?9, receipt_name = ?10, receipt_mime = ?11,
                receipt_size = ?12, receipt_sha256 = ?13, updated_at = ?14 WHERE id = ?1",
        params![
            id,
            input.paid_on,
            input.payee,
            input.description,
            input.category.as_str(),
            input.amount,
            input.from_grant,
            input.addressee,
            input.notes,
            receipt.as_ref().map(|r| &r.file_name),
            receipt.as_ref().map(|r| &r.mime),
            receipt.as_ref().map(|r| r.size),
            receipt.as_ref().map(|r| &r.sha256),
            w.now()
        ],
    )?;
    write_search_text(w, id)?;
    crate::accounts::grant_ledger::refuse_change(w, before.application_id.as_str(), &[before.paid_on, input.paid_on])?;
    w.record(change(
        &before.application_id,
        format!("支出を変更：{}", summary(&input)),
        serde_json::to_value(&before).ok(),
        Some(serde_json::json!({ "expense": id, "input": input, "receipt": receipt })),
    ))?;
    Ok(before.application_id)
}

/// Deletes an expense entered by mistake (its receipt file stays in the data folder and backups; its
/// last state stays in the history).
pub fn delete(w: &Write<'_>, id: &GrantExpenseId) -> Result<GrantApplicationId> {
    let before = get(w, id)?;
    super::ensure_unlocked(w, &before.application_id)?;
    let what = summary(&as_input(&before));
    crate::removal::remove(w, "grant_expense", id.as_str(), &what, |_| format!("支出の{what}を削除"))?;
    crate::accounts::grant_ledger::refuse_change(w, before.application_id.as_str(), &[before.paid_on])?;
    w.record(change(
        &before.application_id,
        format!("支出を削除：{}", summary(&as_input(&before))),
        serde_json::to_value(&before).ok(),
        None,
    ))?;
    Ok(before.application_id)
}

/// Brings back an expense deleted at history entry `seq`, into a grant that can still change and a
/// period of its books still open.
pub fn restore(w: &Write<'_>, seq: i64) -> Result<GrantApplicationId> {
    let application = crate::removal::removed_field(w, seq, "grant_expense", "application_id")?
        .map(GrantApplicationId)
        .ok_or_else(|| {
            Error::NotFound(Text::new(
                "その支出の申請が見つかりません。",
                "That expense's application no longer exists.",
            ))
        })?;
    super::ensure_unlocked(w, &application)?;
    let paid_on =
        crate::removal::removed_field(w, seq, "grant_expense", "paid_on")?.and_then(|d| d.parse::<NaiveDate>().ok());
    crate::accounts::grant_ledger::refuse_change(w, application.as_str(), &paid_on.into_iter().collect::<Vec<_>>())?;
    let removed = crate::removal::restore_removed(w, seq, "grant_expense")?;
    let id = removed.rows.first().and_then(|(_, r)| r.get("id")).and_then(|v| v.as_str()).unwrap_or_default();
    let expense = get(w, &GrantExpenseId(id.to_owned()))?;
    w.record(change(
        &application,
        format!("支出を元に戻す：{}", summary(&as_input(&expense))),
        None,
        serde_json::to_value(&expense).ok(),
    ))?;
    Ok(application)
}

/// An expense's receipt record and file, checked against its hash.
pub fn receipt(conn: &Connection, dir: &Path, id: &GrantExpenseId) -> Result<(Receipt, Vec<u8>)> {
    let e = get(conn, id)?;
    let Some(r) = e.receipt else {
        return Err(Error::NotFound(Text::new(
            format!("この支出（{}、{}）には領収書のファイルが添付されていません。", e.payee, format_yen(e.amount)),
            format!("This expense ({}, {}) has no receipt file attached.", e.payee, yen_en(e.amount)),
        )));
    };
    let bytes = attachments::read_file(dir, &r.sha256)?;
    Ok((r, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExpenseCategory as C;
    use ReceiptWarningKind as K;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("ISO date")
    }

    fn expense(
        paid_on: &str,
        description: &str,
        addressee: &str,
        category: ExpenseCategory,
        grant: bool,
    ) -> GrantExpenseInput {
        GrantExpenseInput {
            paid_on: d(paid_on),
            payee: "ホームセンターみどり".into(),
            description: description.into(),
            category,
            amount: 3_300,
            from_grant: grant,
            addressee: addressee.into(),
            notes: String::new(),
        }
    }

    const ELIGIBLE: &[ExpenseCategory] = &[C::Supplies, C::Printing];

    fn ctx() -> ReceiptContext<'static> {
        ReceiptContext {
            starts_on: d("2026-06-01"),
            ends_on: d("2027-02-28"),
            council_name: "さくら台自治会",
            eligible: ELIGIBLE,
        }
    }

    fn kinds(e: &GrantExpenseInput, has_receipt: bool) -> Vec<ReceiptWarningKind> {
        receipt_warnings(e, has_receipt, &ctx()).into_iter().map(|w| w.kind).collect()
    }

    #[test]
    fn receipt_check_table() {
        // (date, description, addressee, category, from grant, receipt attached, warnings, why)
        type Case = (
            &'static str,
            &'static str,
            &'static str,
            ExpenseCategory,
            bool,
            bool,
            Vec<ReceiptWarningKind>,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            (
                "2026-07-04",
                "清掃用ごみ袋代として",
                "さくら台自治会 様",
                C::Supplies,
                true,
                true,
                vec![],
                "a good receipt",
            ),
            ("2026-06-01", "軍手", "さくら台自治会", C::Supplies, true, true, vec![], "the first day is inside"),
            ("2027-02-28", "軍手", "さくら台自治会御中", C::Supplies, true, true, vec![], "the last day is inside"),
            ("2026-05-31", "軍手", "さくら台自治会", C::Supplies, true, true, vec![K::OutsidePeriod], "the day before"),
            ("2027-03-01", "軍手", "さくら台自治会", C::Supplies, true, true, vec![K::OutsidePeriod], "the day after"),
            ("2026-07-04", "軍手", "上様", C::Supplies, true, true, vec![K::AddresseeUesama], "上様"),
            ("2026-07-04", "軍手", "上 様", C::Supplies, true, true, vec![K::AddresseeUesama], "上 様 with a space"),
            ("2026-07-04", "軍手", "", C::Supplies, true, true, vec![K::NoAddressee], "blank addressee"),
            (
                "2026-07-04",
                "軍手",
                "山田太郎 様",
                C::Supplies,
                true,
                true,
                vec![K::AddresseeNotCouncil],
                "a person's name",
            ),
            (
                "2026-07-04",
                "軍手",
                "さくら台自治会 会長 山田太郎様",
                C::Supplies,
                true,
                true,
                vec![],
                "the council with its representative",
            ),
            ("2026-07-04", "ｻｸﾗ台自治会", "サクラ台自治会", C::Supplies, true, true, vec![], "kana and width folded"),
            ("2026-07-04", "品代", "さくら台自治会", C::Supplies, true, true, vec![K::VagueDescription], "品代"),
            (
                "2026-07-04",
                "お品代として",
                "さくら台自治会",
                C::Supplies,
                true,
                true,
                vec![K::VagueDescription],
                "お品代として",
            ),
            (
                "2026-07-04",
                "但し 品物代として",
                "さくら台自治会",
                C::Supplies,
                true,
                true,
                vec![K::VagueDescription],
                "但し品物代として",
            ),
            (
                "2026-07-04",
                "  ",
                "さくら台自治会",
                C::Supplies,
                true,
                true,
                vec![K::NoDescription],
                "blank description",
            ),
            ("2026-07-04", "軍手", "さくら台自治会", C::Supplies, true, false, vec![K::NoReceipt], "no receipt file"),
            (
                "2026-07-04",
                "弁当代",
                "さくら台自治会",
                C::Food,
                true,
                true,
                vec![K::IneligibleFromGrant],
                "food from the grant",
            ),
            ("2026-07-04", "弁当代", "さくら台自治会", C::Food, false, true, vec![], "food from own funds is fine"),
            (
                "2026-05-01",
                "品代",
                "上様",
                C::Food,
                true,
                false,
                vec![K::OutsidePeriod, K::AddresseeUesama, K::VagueDescription, K::NoReceipt, K::IneligibleFromGrant],
                "everything at once",
            ),
        ];
        for (date, desc, addressee, cat, grant, has, want, why) in cases {
            assert_eq!(kinds(&expense(date, desc, addressee, cat, grant), has), want, "{why}");
        }
    }

    #[test]
    fn warnings_say_what_to_do() {
        let w = receipt_warnings(&expense("2026-05-01", "お品代", "上様", C::Food, true), false, &ctx());
        assert_eq!(
            w[0].message.ja,
            "支払日（令和8年5月1日）が事業期間（令和8年6月1日〜令和9年2月28日）の外です。期間外の支出は対象経費にならないことがあります。日付を確かめてください。"
        );
        assert_eq!(
            w[1].message.ja,
            "領収書の宛名が「上様」です。「さくら台自治会」の宛名で領収書をもらい直してください。"
        );
        assert!(
            w[2].message.ja.starts_with("但し書きが「お品代」だけで、何を買ったかわかりません。"),
            "{}",
            w[2].message.ja
        );
        assert!(w[4].message.ja.contains("「食糧費」はこの制度の対象経費ではありません"), "{}", w[4].message.ja);
        assert!(w.iter().all(|x| !x.message.en.is_empty()), "every warning in English too");
    }

    #[test]
    fn receipt_files_are_recognised_by_their_bytes() {
        assert_eq!(receipt_mime(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(receipt_mime(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(receipt_mime(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(receipt_mime(b"GIF89a"), None, "a GIF is not a receipt format the city takes");
        assert_eq!(receipt_mime(b"PK\x03\x04"), None, "a zip (or an xlsx) is refused");
        assert_eq!(receipt_mime(b""), None);
        let dir = tempfile::tempdir().expect("tempdir");
        let err = store_receipt(dir.path(), ReceiptFile { file_name: "C:\\scan\\領収書.docx", bytes: b"PK\x03\x04" })
            .expect_err("a Word file is refused");
        assert!(err.text().ja.contains("「領収書.docx」はPDF・JPEG・PNGのどれでもありません"), "{}", err.text().ja);
        let ok = store_receipt(dir.path(), ReceiptFile { file_name: "/home/u/領収書.pdf", bytes: b"%PDF-1.4 r" })
            .expect("pdf");
        assert_eq!((ok.file_name.as_str(), ok.mime.as_str(), ok.size), ("領収書.pdf", "application/pdf", 10));
    }
}
