//! The members' papers: the roster by block, the officer list, the household count summary, the
//! per-block dues collection sheet and the dues receipt. Each gathers its facts through the domain's
//! reads, inside the document's one read, and hands the template text that is already formatted
//! (和暦 dates, yen), so the templates only lay things out.
use chrono::NaiveDate;
use council_domain::Read;
use council_domain::calendar::{FiscalYear, wareki};
use council_domain::dues::{self, DuesStatus};
use council_domain::members::{self, HouseholdId, MemberQuery, MemberRow};
use council_domain::money::format_yen;
use council_domain::{council, forms, officers};
use serde::Serialize;

use crate::Header;
use crate::error::Result;

/// A block named by its ID or its name; one that does not exist is said, never printed empty.
fn named_block(r: &Read<'_>, block: Option<&str>) -> Result<Option<members::Block>> {
    let Some(b) = block else { return Ok(None) };
    let all = members::blocks(r)?;
    if let Some(found) = all.iter().find(|x| x.id.0 == b || x.name == b.trim()) {
        return Ok(Some(found.clone()));
    }
    let names: Vec<&str> = all.iter().map(|x| x.name.as_str()).collect();
    Err(council_domain::Error::NotFound(council_domain::text::Text::new(
        format!("「{b}」という班はありません。次のいずれかを指定してください: {}", names.join("、")),
        format!("There is no block “{b}”. Use one of: {}", names.join(", ")),
    ))
    .into())
}

/// 宛名ラベル and 封筒: one per current member household — 〒, its whole address and 「世帯主名 様」,
/// the block in small print for sorting — in the block order and 五十音順 the roster uses, for one
/// block or all, with the council as the sender. `per_sheet` is the label sheet's layout (12 or 24 to
/// an A4 sheet; an envelope is one to a page).
pub(crate) fn labels(
    r: &Read<'_>,
    header: &Header,
    mail: &Mail<'_>,
    block: Option<&str>,
    per_sheet: u32,
) -> Result<serde_json::Value> {
    let block = named_block(r, block)?;
    let rows = all_members(r)?;
    let labels: Vec<_> = by_block(r, rows, |row| row.block_name.clone())?
        .into_iter()
        .filter(|(name, _)| block.as_ref().is_none_or(|b| &b.name == name))
        .flat_map(|(name, rows)| {
            rows.into_iter().map(move |row| {
                let (postal_code, address) = forms::mail_address(mail.forms, mail.city, &row.address);
                serde_json::json!({ "postal_code": postal_code, "address": address, "name": row.head_name, "block": name })
            })
        })
        .collect();
    let (postal_code, address) = forms::mail_address(mail.forms, mail.city, &header.address);
    Ok(serde_json::json!({
        "header": header,
        "per_sheet": per_sheet,
        "labels": labels,
        "sender": { "postal_code": postal_code, "address": address },
    }))
}

/// What addressing post needs beyond the roster: the area's postal code and the council's city.
pub(crate) struct Mail<'a> {
    /// The papers' settings (the area's 〒).
    pub forms: &'a forms::FormSettings,
    /// The council's city, put in front of an address typed without it.
    pub city: &'a str,
}

/// Households of one block, in 五十音順 of the head's reading.
#[derive(Debug, Serialize)]
struct RosterBlock {
    name: String,
    households: Vec<RosterRow>,
}

#[derive(Debug, Serialize)]
struct RosterRow {
    code: String,
    kana: String,
    name: String,
    others: String,
    address: String,
    persons: i64,
}

const NO_BLOCK: &str = "班未設定";

/// Every current household, whatever the page size of the list on screen.
fn all_members(r: &Read<'_>) -> Result<Vec<MemberRow>> {
    let mut rows = Vec::new();
    loop {
        let query = MemberQuery {
            text: String::new(),
            block_id: None,
            include_left: false,
            offset: rows.len() as u32,
            limit: 500,
        };
        let page = members::list(r, &query)?;
        let done = page.rows.len() < 500;
        rows.extend(page.rows);
        if done {
            return Ok(rows);
        }
    }
}

/// Groups rows by block in the council's block order, keeping each block's rows in their order.
fn by_block<T>(r: &Read<'_>, rows: Vec<T>, block_of: impl Fn(&T) -> Option<String>) -> Result<Vec<(String, Vec<T>)>> {
    let mut groups: Vec<(String, Vec<T>)> = members::blocks(r)?.into_iter().map(|b| (b.name, Vec::new())).collect();
    for row in rows {
        let name = block_of(&row).unwrap_or_else(|| NO_BLOCK.to_owned());
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(row),
            None => groups.push((name, vec![row])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    Ok(groups)
}

pub(crate) fn roster(r: &Read<'_>, header: &Header) -> Result<serde_json::Value> {
    let rows = all_members(r)?;
    let total_households = rows.len();
    let total_persons: i64 = rows.iter().map(|row| row.person_count).sum();
    let blocks: Vec<RosterBlock> = by_block(r, rows, |row| row.block_name.clone())?
        .into_iter()
        .map(|(name, rows)| RosterBlock {
            name,
            households: rows
                .into_iter()
                .map(|row| RosterRow {
                    code: row.code,
                    kana: row.head_kana,
                    name: row.head_name,
                    others: row.other_names.join("、"),
                    address: row.address,
                    persons: row.person_count,
                })
                .collect(),
        })
        .collect();
    Ok(serde_json::json!({
        "header": header,
        "blocks": blocks,
        "total_households": total_households,
        "total_persons": total_persons,
    }))
}

pub(crate) fn officers(r: &Read<'_>, header: &Header, fiscal_year: Option<i32>) -> Result<serde_json::Value> {
    let rows: Vec<_> = officers::for_year(r, fiscal_year, r.today())?
        .into_iter()
        .map(|o| {
            serde_json::json!({
                "title": o.title,
                "name": o.person_name,
                "kana": o.person_kana,
                "block": o.block_name.unwrap_or_default(),
                "address": o.address,
                "phone": o.phone,
                "term": o.term_text,
            })
        })
        .collect();
    Ok(serde_json::json!({ "header": header, "officers": rows }))
}

pub(crate) fn counts(
    r: &Read<'_>,
    header: &Header,
    fiscal_year: Option<i32>,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<serde_json::Value> {
    // The day asked for; else a past year on its last day, the current year as of today.
    let start_month = council::start_month(r)?;
    let as_of = as_of.unwrap_or_else(|| fiscal_year.map_or(today, |y| FiscalYear(y).end(start_month).min(today)));
    let counts = members::counts_as_of(r, as_of)?;
    let blocks = block_counts(&counts);
    Ok(serde_json::json!({
        "header": header,
        "as_of": wareki(counts.as_of),
        "blocks": blocks,
        "total": counts.total,
        "joined": counts.joined,
        "left": counts.left,
    }))
}

/// Each block's households, as the count papers list them.
fn block_counts(counts: &members::HouseholdCounts) -> Vec<serde_json::Value> {
    counts.by_block.iter().map(|b| serde_json::json!({ "name": b.block_name, "households": b.households })).collect()
}

/// 加入世帯数報告書: the member households on `as_of` (in all and by block), addressed to the mayor
/// of the council's city, dated the day it is made.
pub(crate) fn household_report(
    r: &Read<'_>,
    header: &Header,
    city: &str,
    as_of: NaiveDate,
) -> Result<serde_json::Value> {
    let counts = members::counts_as_of(r, as_of)?;
    let persons: i64 = r
        .query_row(
            "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id
         WHERE h.joined_on <= ?1 AND (h.left_on IS NULL OR h.left_on > ?1)",
            [as_of],
            |row| row.get(0),
        )
        .map_err(council_domain::Error::from)?;
    let blocks = block_counts(&counts);
    Ok(serde_json::json!({
        "header": header,
        "form_number": "",
        "addressee": crate::grants::addressee("", city),
        "made_on": header.printed_on,
        "as_of": wareki(as_of),
        "total": counts.total,
        "persons": persons,
        "blocks": blocks,
    }))
}

/// 代表者変更届: the 会長 serving on `as_of` and the one before, with the day of the change; without
/// a change on record, the lines of the one before are left to fill in by hand.
pub(crate) fn representative_change(
    r: &Read<'_>,
    header: &Header,
    city: &str,
    as_of: NaiveDate,
) -> Result<serde_json::Value> {
    let presidents: Vec<officers::OfficerTerm> =
        officers::list(r, NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(as_of), as_of)?
            .into_iter()
            .filter(|t| t.role == officers::OfficerRole::President)
            .collect();
    let current = presidents.iter().filter(|t| t.starts_on <= as_of && t.ends_on >= as_of).max_by_key(|t| t.starts_on);
    // The one before: the latest term of another person that began before the current one.
    let previous = current.and_then(|c| {
        presidents
            .iter()
            .filter(|t| t.starts_on < c.starts_on && t.person_id != c.person_id)
            .max_by_key(|t| t.starts_on)
    });
    let person = |t: Option<&officers::OfficerTerm>| match t {
        Some(t) => {
            serde_json::json!({ "name": t.person_name, "kana": t.person_kana, "address": t.address, "phone": t.phone })
        }
        None => serde_json::Value::Null,
    };
    // The new representative makes the notice, whatever the council's profile still says.
    let mut header = header.clone();
    if let Some(c) = current {
        header.representative_title.clone_from(&c.title);
        header.representative_name.clone_from(&c.person_name);
    }
    Ok(serde_json::json!({
        "header": header,
        "form_number": "",
        "addressee": crate::grants::addressee("", city),
        "made_on": header.printed_on,
        "changed_on": current.filter(|_| previous.is_some()).map(|c| wareki(c.starts_on)),
        "title": current.map_or_else(|| header.representative_title.clone(), |c| c.title.clone()),
        "new": person(current),
        "old": person(previous),
    }))
}

fn status_ja(status: DuesStatus) -> &'static str {
    match status {
        DuesStatus::Paid => "納入済",
        DuesStatus::Partial => "一部納入",
        DuesStatus::Unpaid => "未納",
        DuesStatus::Exempt => "免除",
    }
}

pub(crate) fn collection(
    r: &Read<'_>,
    header: &Header,
    fiscal_year: Option<i32>,
    block: Option<&str>,
) -> Result<serde_json::Value> {
    let block = named_block(r, block)?.map(|b| b.id);
    let (fy, m) = council::fiscal_year_or_current(r, fiscal_year, r.today())?;
    let rows = dues::status(r, fy, m, block.as_ref(), false)?;
    let grand_due: i64 = rows.iter().map(|row| row.due).sum();
    let grand_paid: i64 = rows.iter().map(|row| row.paid).sum();
    let blocks: Vec<_> = by_block(r, rows, |row| row.block_name.clone())?
        .into_iter()
        .map(|(name, rows)| {
            let due: i64 = rows.iter().map(|row| row.due).sum();
            let paid: i64 = rows.iter().map(|row| row.paid).sum();
            let rows: Vec<_> = rows
                .iter()
                .map(|row| {
                    serde_json::json!({
                        "name": row.head_name,
                        "address": row.address,
                        "due": format_yen(row.due),
                        "reduction": row.reduction.clone().unwrap_or_default(),
                        "status": status_ja(row.status),
                        "paid_on": row.last_paid_text.clone().unwrap_or_default(),
                    })
                })
                .collect();
            serde_json::json!({ "name": name, "rows": rows, "due": format_yen(due), "paid": format_yen(paid) })
        })
        .collect();
    Ok(serde_json::json!({
        "header": header,
        "blocks": blocks,
        "due": format_yen(grand_due),
        "paid": format_yen(grand_paid),
    }))
}

/// One receipt and its counterfoil, as the template prints them.
fn receipt_json(row: &dues::ReceiptRow, fy_label: &str) -> serde_json::Value {
    let p = &row.payment;
    serde_json::json!({
        "number": p.receipt_number,
        "to": row.to,
        "address": row.address,
        "amount": format_yen(p.amount),
        "paid_on": p.paid_on_text,
        "collected_by": p.collected_by,
        "fiscal_year": fy_label,
    })
}

/// 会費領収書 of one household: each of its payments of the year, with its counterfoil (控え).
pub(crate) fn receipt(
    r: &Read<'_>,
    header: &Header,
    household: &str,
    fiscal_year: i32,
    fy_label: &str,
    per_page: u32,
) -> Result<serde_json::Value> {
    let id = HouseholdId(household.to_owned());
    let household = members::household(r, &id)?;
    let head = household.persons.iter().find(|p| p.is_head).or(household.persons.first());
    let to = head.map(|p| p.name.clone()).unwrap_or_else(|| household.address.clone());
    let receipts: Vec<_> = dues::payments(r, &id, fiscal_year)?
        .into_iter()
        .map(|payment| {
            receipt_json(&dues::ReceiptRow { payment, to: to.clone(), address: household.address.clone() }, fy_label)
        })
        .collect();
    Ok(serde_json::json!({ "header": header, "per_page": per_page, "receipts": receipts }))
}

/// 会費領収書 of every payment of the year, of one block or all, in the order of their numbers: the
/// treasurer prints a block's receipts in one go and hands them to its 班長 with the collection.
pub(crate) fn receipts(
    r: &Read<'_>,
    header: &Header,
    block: Option<&str>,
    fiscal_year: i32,
    fy_label: &str,
    per_page: u32,
) -> Result<serde_json::Value> {
    let block = named_block(r, block)?.map(|b| b.id);
    let receipts: Vec<_> =
        dues::receipts(r, fiscal_year, block.as_ref())?.iter().map(|row| receipt_json(row, fy_label)).collect();
    Ok(serde_json::json!({ "header": header, "per_page": per_page, "receipts": receipts }))
}

/// The household a member form is printed for: its head first, then the others; none prints blank.
fn form_household(r: &Read<'_>, household: Option<&str>) -> Result<serde_json::Value> {
    let Some(id) = household else {
        return Ok(
            serde_json::json!({ "address": "", "block": "", "name": "", "kana": "", "phone": "", "others": [] }),
        );
    };
    let h = members::household(r, &HouseholdId(id.to_owned()))?;
    let head = h.persons.iter().find(|p| p.is_head).or(h.persons.first());
    let others: Vec<_> = h
        .persons
        .iter()
        .filter(|p| Some(p.id.clone()) != head.map(|x| x.id.clone()))
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "kana": p.kana,
                "relation": p.relation,
                "born": p.birth_year.map(|y| format!("{y}年")).unwrap_or_default(),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "address": h.address,
        "block": h.block_name.unwrap_or_default(),
        "name": head.map(|p| p.name.clone()).unwrap_or_default(),
        "kana": head.map(|p| p.kana.clone()).unwrap_or_default(),
        "phone": head.map(|p| p.phone.clone()).unwrap_or_default(),
        "others": others,
    }))
}

/// 加入届 and 退会届: printed blank for a household to fill in, or filled from the roster for a
/// household already recorded (to sign).
pub(crate) fn member_form(r: &Read<'_>, header: &Header, household: Option<&str>) -> Result<serde_json::Value> {
    Ok(serde_json::json!({ "header": header, "household": form_household(r, household)? }))
}
