//! The 財産目録 (inventory of the council's property) at a day: the money in every book of every
//! account (cash, each bank balance, the reserves kept as 特別会計), and the named equipment (備品) the
//! council owns — tents, a generator, the festival's lanterns — with how many, where, bought when and
//! for how much.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AccountKind, BookKind, list};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::id_type;
use crate::money::format_yen;
use crate::text::Text;

id_type!(
    /// A piece of equipment.
    AssetId
);

/// A piece of equipment as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetInput {
    /// What it is (テント（3間×2間）).
    pub name: String,
    /// How many.
    #[ts(type = "number")]
    pub quantity: i64,
    /// Where it is kept (集会所倉庫).
    pub location: String,
    /// When it was bought.
    #[ts(type = "string | null")]
    pub acquired_on: Option<NaiveDate>,
    /// What it cost, in yen (0 when given or unknown).
    #[ts(type = "number")]
    pub value: i64,
    /// Notes.
    pub notes: String,
}

/// A piece of equipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Asset {
    /// ID.
    pub id: AssetId,
    /// Its details.
    pub input: AssetInput,
    /// The day it was disposed of, if it was.
    #[ts(type = "string | null")]
    pub disposed_on: Option<NaiveDate>,
}

/// One line of money in the 財産目録.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoneyLine {
    /// The account's name.
    pub account: String,
    /// True for a 特別会計 (a reserve or an event's own money).
    pub special: bool,
    /// The book's name.
    pub book: String,
    /// Cash or bank.
    pub kind: BookKind,
    /// Its balance on the day.
    #[ts(type = "number")]
    pub balance: i64,
}

/// The 財産目録 at a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Inventory {
    /// The day.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Every book of every account, with its balance.
    pub money: Vec<MoneyLine>,
    /// The money in all.
    #[ts(type = "number")]
    pub money_total: i64,
    /// The equipment held on the day.
    pub assets: Vec<Asset>,
    /// What the equipment cost in all.
    #[ts(type = "number")]
    pub assets_total: i64,
}

/// Every piece of equipment, those still held first.
pub fn assets(conn: &Connection) -> Result<Vec<Asset>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, quantity, location, acquired_on, value, notes, disposed_on FROM account_asset
          ORDER BY disposed_on IS NOT NULL, acquired_on IS NULL, acquired_on, name",
    )?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Asset> {
    Ok(Asset {
        id: r.get(0)?,
        input: AssetInput {
            name: r.get(1)?,
            quantity: r.get(2)?,
            location: r.get(3)?,
            acquired_on: r.get(4)?,
            value: r.get(5)?,
            notes: r.get(6)?,
        },
        disposed_on: r.get(7)?,
    })
}

fn get(conn: &Connection, id: &AssetId) -> Result<Asset> {
    conn.query_row(
        "SELECT id, name, quantity, location, acquired_on, value, notes, disposed_on FROM account_asset WHERE id = ?1",
        params![id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(Text::new("その備品は見つかりません。", "That item no longer exists.")))
}

fn validated(input: &AssetInput) -> Result<AssetInput> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", Text::new("品名を入力してください（例：テント）。", "Enter what it is.")));
    }
    if input.quantity < 1 {
        return Err(Error::invalid(
            "quantity",
            Text::new("数量は1以上で入力してください。", "Enter a quantity of 1 or more."),
        ));
    }
    if input.value < 0 {
        return Err(Error::invalid("value", Text::new("金額は0円以上で入力してください。", "Enter ¥0 or more.")));
    }
    Ok(AssetInput {
        name: name.to_owned(),
        quantity: input.quantity,
        location: input.location.trim().to_owned(),
        acquired_on: input.acquired_on,
        value: input.value,
        notes: input.notes.trim().to_owned(),
    })
}

/// Adds a piece of equipment.
pub fn add(w: &Write<'_>, input: &AssetInput) -> Result<AssetId> {
    let input = validated(input)?;
    let id = AssetId::new();
    w.execute(
        "INSERT INTO account_asset (id, name, quantity, location, acquired_on, value, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, input.name, input.quantity, input.location, input.acquired_on, input.value, input.notes, w.now()],
    )?;
    w.record(Change {
        entity: "account_asset",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("備品「{}」（{}点、{}）を追加", input.name, input.quantity, format_yen(input.value)),
        before: None,
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(id)
}

/// Changes a piece of equipment.
pub fn update(w: &Write<'_>, id: &AssetId, input: &AssetInput) -> Result<()> {
    let before = get(w, id)?;
    let input = validated(input)?;
    w.execute(
        "UPDATE account_asset SET name = ?2, quantity = ?3, location = ?4, acquired_on = ?5, value = ?6, notes = ?7,
                updated_at = ?8 WHERE id = ?1",
        params![id, input.name, input.quantity, input.location, input.acquired_on, input.value, input.notes, w.now()],
    )?;
    w.record(Change {
        entity: "account_asset",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("備品「{}」を変更", input.name),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(())
}

/// Records that a piece of equipment was disposed of (廃棄・譲渡) on a day; it stays in earlier
/// inventories.
pub fn dispose(w: &Write<'_>, id: &AssetId, on: NaiveDate) -> Result<()> {
    let before = get(w, id)?;
    w.execute("UPDATE account_asset SET disposed_on = ?2, updated_at = ?3 WHERE id = ?1", params![id, on, w.now()])?;
    w.record(Change {
        entity: "account_asset",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("備品「{}」を処分（{}）", before.input.name, crate::calendar::wareki(on)),
        before: serde_json::to_value(&before).ok(),
        after: Some(serde_json::json!({ "disposed_on": on })),
    })?;
    Ok(())
}

/// The 財産目録 at the end of `as_of`: every book's balance, and the equipment bought by then and not
/// yet disposed of.
pub fn inventory(conn: &Connection, as_of: NaiveDate) -> Result<Inventory> {
    let mut money = Vec::new();
    for account in list(conn)? {
        for b in &account.books {
            money.push(MoneyLine {
                account: account.name.clone(),
                special: account.kind == AccountKind::Special,
                book: b.name.clone(),
                kind: b.kind,
                balance: super::ledger::balance_on(conn, &b.id, as_of)?,
            });
        }
    }
    let held: Vec<Asset> = assets(conn)?
        .into_iter()
        .filter(|a| a.input.acquired_on.is_none_or(|d| d <= as_of) && a.disposed_on.is_none_or(|d| d > as_of))
        .collect();
    Ok(Inventory {
        as_of,
        money_total: money.iter().map(|m| m.balance).sum(),
        assets_total: held.iter().map(|a| a.input.value).sum(),
        money,
        assets: held,
    })
}
