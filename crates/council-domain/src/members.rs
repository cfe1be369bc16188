//! The member roster: blocks (班・組), households (世帯) and their persons. The household is the unit
//! of membership; persons belong to one, one of them the head (世帯主). A household that leaves stays,
//! with its leaving date and reason, and every move between blocks is dated, so the counts for any past
//! date can be reproduced. Lists sort by the kana reading (五十音順).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{self, AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Bool, Date, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::kana;
use crate::text::Text;

pub use crate::ids::{BlockId, HouseholdId, PersonId};

/// A block with its current size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Block {
    /// ID.
    pub id: BlockId,
    /// Name (1班, 東2組).
    pub name: String,
    /// Position in lists (blocks are listed in the council's own order, not alphabetically).
    pub sort_order: i64,
    /// Notes.
    pub notes: String,
    /// Member households in the block now.
    pub household_count: i64,
}

/// A block as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BlockInput {
    /// Name.
    pub name: String,
    /// Notes.
    pub notes: String,
}

/// Why a household left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// 転出.
    MovedOut,
    /// 死亡.
    Deceased,
    /// 退会.
    Withdrew,
    /// その他.
    Other,
}

impl LeaveReason {
    fn as_str(self) -> &'static str {
        match self {
            LeaveReason::MovedOut => "moved_out",
            LeaveReason::Deceased => "deceased",
            LeaveReason::Withdrew => "withdrew",
            LeaveReason::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "moved_out" => LeaveReason::MovedOut,
            "deceased" => LeaveReason::Deceased,
            "withdrew" => LeaveReason::Withdrew,
            _ => LeaveReason::Other,
        }
    }

    /// The Japanese word (転出 …).
    pub fn label_ja(self) -> &'static str {
        match self {
            LeaveReason::MovedOut => "転出",
            LeaveReason::Deceased => "死亡",
            LeaveReason::Withdrew => "退会",
            LeaveReason::Other => "その他",
        }
    }
}

/// A person of a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    /// ID.
    pub id: PersonId,
    /// The household.
    pub household_id: HouseholdId,
    /// Name in kanji (as written; never truncated).
    pub name: String,
    /// Reading in kana (ふりがな).
    pub kana: String,
    /// Head of the household (世帯主).
    pub is_head: bool,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Birth year (western).
    pub birth_year: Option<i32>,
    /// Relation to the head of the household (続柄: 世帯主, 妻, 長男 …); empty when not given.
    #[serde(default)]
    pub relation: String,
    /// Notes.
    pub notes: String,
}

/// A person as the household form edits it; without an `id` it is new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonInput {
    /// The person's ID when editing an existing one.
    pub id: Option<PersonId>,
    /// Name in kanji.
    pub name: String,
    /// Reading in kana.
    pub kana: String,
    /// Head of the household.
    pub is_head: bool,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Birth year.
    pub birth_year: Option<i32>,
    /// Relation to the head of the household (続柄: 世帯主, 妻, 長男 …); empty when not given.
    #[serde(default)]
    pub relation: String,
    /// Notes.
    pub notes: String,
}

/// A household with its persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Household {
    /// ID.
    pub id: HouseholdId,
    /// The council's own number for it (世帯番号), if it uses one.
    pub code: String,
    /// Address.
    pub address: String,
    /// Current block.
    pub block_id: Option<BlockId>,
    /// Current block's name.
    pub block_name: Option<String>,
    /// Joined on.
    #[ts(type = "string")]
    pub joined_on: NaiveDate,
    /// Left on, if it left.
    #[ts(type = "string | null")]
    pub left_on: Option<NaiveDate>,
    /// Why it left.
    pub leave_reason: Option<LeaveReason>,
    /// Notes.
    pub notes: String,
    /// Its persons, the head first, then by reading.
    pub persons: Vec<Person>,
    /// The joining date as screens show it (令和2年（2020年）4月1日).
    #[serde(default)]
    pub joined_on_text: String,
    /// The leaving date as screens show it.
    #[serde(default)]
    pub left_on_text: Option<String>,
}

/// A household as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdInput {
    /// 世帯番号 (optional).
    pub code: String,
    /// Address.
    pub address: String,
    /// Block (for a new household; existing ones move with [`move_household`]).
    pub block_id: Option<BlockId>,
    /// Joined on.
    #[ts(type = "string")]
    pub joined_on: NaiveDate,
    /// Notes.
    pub notes: String,
    /// Persons: at least one, exactly one head.
    pub persons: Vec<PersonInput>,
}

/// One line of the member list: a household, named by its head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberRow {
    /// The household.
    pub household_id: HouseholdId,
    /// 世帯番号.
    pub code: String,
    /// The head's name.
    pub head_name: String,
    /// The head's reading.
    pub head_kana: String,
    /// Address.
    pub address: String,
    /// Current block.
    pub block_name: Option<String>,
    /// Persons in the household.
    pub person_count: i64,
    /// Other members' names, for finding a household by any of them.
    pub other_names: Vec<String>,
    /// Joined on.
    #[ts(type = "string")]
    pub joined_on: NaiveDate,
    /// Left on, for households that left.
    #[ts(type = "string | null")]
    pub left_on: Option<NaiveDate>,
    /// The same in 和暦.
    pub left_on_text: Option<String>,
}

/// What the member list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberQuery {
    /// Words to find: kanji, kana (either script, either width), address, block, phone, 世帯番号.
    pub text: String,
    /// Only this block.
    pub block_id: Option<BlockId>,
    /// Include households that left.
    pub include_left: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most 500).
    pub limit: u32,
}

/// A page of the member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberPage {
    /// The rows, in 五十音順 of the head's reading.
    pub rows: Vec<MemberRow>,
    /// How many households match in all.
    pub total: i64,
}

fn household_key(code: &str, address: &str, block_name: Option<&str>) -> String {
    format!("{}\u{1f}{}\u{1f}{}", kana::fold(code), kana::fold(address), kana::fold(block_name.unwrap_or("")))
}

/// The query a search text is matched as ([`kana::key_matches`], in SQL `council_key_matches`):
/// folded; a text of digits and hyphens (a phone number) is matched on its digits.
fn search_query(text: &str) -> Option<String> {
    let folded = kana::fold(text);
    if folded.is_empty() {
        return None;
    }
    let folded = if folded.chars().all(|c| c.is_ascii_digit() || c == '-' || c == 'ー' || c == '−') {
        folded.chars().filter(char::is_ascii_digit).collect()
    } else {
        folded
    };
    Some(folded)
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// Every block in the council's order, with its current household count.
pub fn blocks(conn: &Connection) -> Result<Vec<Block>> {
    let mut stmt = conn.prepare(
        "SELECT b.id, b.name, b.sort_order, b.notes,
                (SELECT count(*) FROM household h WHERE h.block_id = b.id AND h.left_on IS NULL)
         FROM block b ORDER BY b.sort_order, b.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Block {
            id: r.get(0)?,
            name: r.get(1)?,
            sort_order: r.get(2)?,
            notes: r.get(3)?,
            household_count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One household on its block's 回覧 route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RouteStop {
    /// The household.
    pub household_id: HouseholdId,
    /// The head's name (the address when it has no head on record).
    pub head_name: String,
    /// The address.
    pub address: String,
}

/// The order in which a 回覧 travels a block's member households: the route set for it, then any
/// household not placed yet (one that moved in) in the roster's 五十音順.
pub const ROUTE_ORDER: &str = "h.route_position IS NULL, h.route_position, h.sort_key, h.address, h.id";

/// The 回覧 route of `block`: its current member households in the order the circular travels.
pub fn route(conn: &Connection, block: &BlockId) -> Result<Vec<RouteStop>> {
    block_name(conn, block)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT h.id, coalesce((SELECT name FROM person WHERE household_id = h.id AND is_head = 1), h.address), h.address
         FROM household h WHERE h.block_id = ?1 AND h.left_on IS NULL ORDER BY {ROUTE_ORDER}"
    ))?;
    let rows = stmt.query_map(params![block], |r| {
        Ok(RouteStop { household_id: r.get(0)?, head_name: r.get(1)?, address: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets the order a 回覧 travels `block`: `order` lists its current member households, each once;
/// one left out goes to the end, in the roster's order.
pub fn set_route(w: &Write<'_>, block: &BlockId, order: &[HouseholdId]) -> Result<()> {
    let name = block_name(w, block)?;
    let members: Vec<HouseholdId> = route(w, block)?.into_iter().map(|s| s.household_id).collect();
    let mut seen = std::collections::HashSet::new();
    if order.iter().any(|h| !members.contains(h) || !seen.insert(h)) {
        return Err(Error::Conflict(Text::new(
            format!("{name}の世帯が変わりました。回覧の順番を開き直してください。"),
            format!("The households of {name} have changed; reopen the route."),
        )));
    }
    w.execute("UPDATE household SET route_position = NULL WHERE block_id = ?1", params![block])?;
    for (i, h) in order.iter().enumerate() {
        w.execute("UPDATE household SET route_position = ?2 WHERE id = ?1", params![h, i as i64 + 1])?;
    }
    w.record(Change {
        entity: "block",
        entity_id: block.as_str(),
        action: AuditAction::Update,
        summary: format!("{name}の回覧の順番を変更"),
        before: None,
        after: None,
    })
}

fn block_name(conn: &Connection, id: &BlockId) -> Result<String> {
    conn.query_row("SELECT name FROM block WHERE id = ?1", params![id], |r| r.get(0)).optional()?.ok_or_else(|| {
        Error::NotFound(Text::new(
            "その班・組は見つかりません。一覧を開き直してください。",
            "That block no longer exists. Reopen the list.",
        ))
    })
}

fn validate_block(input: &BlockInput) -> Result<BlockInput> {
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            Text::new("班・組の名前を入力してください（例：1班）。", "Enter the block's name (e.g. Block 1)."),
        ));
    }
    Ok(BlockInput { name, notes: input.notes.trim().to_owned() })
}

fn duplicate_block(name: &str) -> Error {
    Error::invalid(
        "name",
        Text::new(
            format!("「{name}」という班・組は既にあります。別の名前にしてください。"),
            format!("A block named \"{name}\" already exists. Choose another name."),
        ),
    )
}

/// Adds a block at the end of the list.
pub fn create_block(w: &Write<'_>, input: &BlockInput) -> Result<BlockId> {
    let input = validate_block(input)?;
    let exists: bool = w.query_row("SELECT count(*) FROM block WHERE name = ?1", params![input.name], |r| r.get(0))?;
    if exists {
        return Err(duplicate_block(&input.name));
    }
    let id = BlockId::new();
    let order: i64 = w.query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM block", [], |r| r.get(0))?;
    w.execute(
        "INSERT INTO block (id, name, sort_order, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, input.name, order, input.notes, w.now()],
    )?;
    w.record(Change {
        entity: "block",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("班・組「{}」を追加", input.name),
        before: None,
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(id)
}

/// Renames a block (or changes its notes); the households' search keys follow the new name.
pub fn update_block(w: &Write<'_>, id: &BlockId, input: &BlockInput) -> Result<()> {
    let input = validate_block(input)?;
    let before = block_name(w, id)?;
    let clash: bool =
        w.query_row("SELECT count(*) FROM block WHERE name = ?1 AND id <> ?2", params![input.name, id], |r| r.get(0))?;
    if clash {
        return Err(duplicate_block(&input.name));
    }
    w.execute(
        "UPDATE block SET name = ?2, notes = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, input.name, input.notes, w.now()],
    )?;
    let ids: Vec<HouseholdId> = {
        let mut stmt = w.prepare("SELECT id FROM household WHERE block_id = ?1")?;
        stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for h in ids {
        refresh_household_key(w, &h)?;
    }
    w.record(Change {
        entity: "block",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: if before == input.name {
            format!("班・組「{}」のメモを変更", input.name)
        } else {
            format!("班・組「{before}」を「{}」に変更", input.name)
        },
        before: Some(serde_json::json!({ "name": before })),
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Households and persons

fn validate_household(input: &HouseholdInput) -> Result<HouseholdInput> {
    let mut problems = Vec::new();
    let address = input.address.trim().to_owned();
    if address.is_empty() {
        problems.push(FieldProblem {
            field: "address".into(),
            message: Text::new("住所を入力してください。", "Enter the address."),
        });
    }
    if input.persons.is_empty() {
        problems.push(FieldProblem {
            field: "persons".into(),
            message: Text::new(
                "世帯の人を1人以上入力してください（世帯主から）。",
                "Enter at least one person of the household (the head first).",
            ),
        });
    }
    let mut persons = Vec::with_capacity(input.persons.len());
    for (i, p) in input.persons.iter().enumerate() {
        let n = i + 1;
        let name = p.name.trim().to_owned();
        let reading = p.kana.trim().to_owned();
        if name.is_empty() {
            problems.push(FieldProblem {
                field: format!("persons.{i}.name"),
                message: Text::new(format!("{n}人目の氏名を入力してください。"), format!("Enter person {n}'s name.")),
            });
        }
        if reading.is_empty() {
            problems.push(FieldProblem {
                field: format!("persons.{i}.kana"),
                message: Text::new(
                    format!("{n}人目のふりがなを入力してください。名簿は ふりがな の順に並びます。"),
                    format!("Enter person {n}'s reading in kana; rosters are sorted by it."),
                ),
            });
        } else if !kana::is_reading(&reading) {
            problems.push(FieldProblem {
                field: format!("persons.{i}.kana"),
                message: Text::new(
                    format!("{n}人目のふりがなは、ひらがな か カタカナ で入力してください。"),
                    format!("Write person {n}'s reading in hiragana or katakana."),
                ),
            });
        }
        if let Some(y) = p.birth_year
            && !(1880..=2100).contains(&y)
        {
            problems.push(FieldProblem {
                field: format!("persons.{i}.birth_year"),
                message: Text::new(
                    format!("{n}人目の生まれ年は西暦4桁で入力してください（例：1955）。"),
                    format!("Enter person {n}'s birth year as four digits (e.g. 1955)."),
                ),
            });
        }
        persons.push(PersonInput {
            id: p.id.clone(),
            name,
            kana: reading,
            is_head: p.is_head,
            phone: p.phone.trim().to_owned(),
            email: p.email.trim().to_owned(),
            birth_year: p.birth_year,
            relation: p.relation.trim().to_owned(),
            notes: p.notes.trim().to_owned(),
        });
    }
    match persons.iter().filter(|p| p.is_head).count() {
        0 => {
            if let Some(first) = persons.first_mut() {
                first.is_head = true;
            }
        }
        1 => {}
        _ => problems.push(FieldProblem {
            field: "persons".into(),
            message: Text::new("世帯主は1人だけ選んでください。", "Choose only one head of the household."),
        }),
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    Ok(HouseholdInput {
        code: input.code.trim().to_owned(),
        address,
        block_id: input.block_id.clone(),
        joined_on: input.joined_on,
        notes: input.notes.trim().to_owned(),
        persons,
    })
}

fn refresh_household_key(tx: &Transaction<'_>, id: &HouseholdId) -> Result<()> {
    let (code, address, block): (String, String, Option<String>) = tx.query_row(
        "SELECT h.code, h.address, b.name FROM household h LEFT JOIN block b ON b.id = h.block_id WHERE h.id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut key = household_key(&code, &address, block.as_deref());
    let mut sort = String::new();
    let mut stmt =
        tx.prepare("SELECT search_key, kana_key, is_head FROM person WHERE household_id = ?1 ORDER BY id")?;
    let persons =
        stmt.query_map(params![id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?;
    for p in persons {
        let (person_key, kana_key, is_head) = p?;
        key.push('\u{1e}');
        key.push_str(&person_key);
        if is_head {
            sort = kana_key;
        }
    }
    tx.execute("UPDATE household SET search_key = ?2, sort_key = ?3 WHERE id = ?1", params![id, key, sort])?;
    Ok(())
}

fn insert_person(
    tx: &Transaction<'_>,
    household: &HouseholdId,
    p: &PersonInput,
    now: DateTime<Utc>,
) -> Result<PersonId> {
    let id = p.id.clone().unwrap_or_default();
    tx.execute(
        "INSERT INTO person (id, household_id, name, kana, kana_key, is_head, phone, email, birth_year, notes, search_key,
                             relation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13, ?12, ?12)",
        params![
            id,
            household,
            p.name,
            p.kana,
            kana::sort_key(&p.kana),
            p.is_head,
            p.phone,
            p.email,
            p.birth_year,
            p.notes,
            kana::person_key(&p.name, &p.kana, &p.phone),
            now,
            p.relation,
        ],
    )?;
    Ok(id)
}

/// Adds a household with its persons (one transaction).
pub fn create_household(w: &Write<'_>, input: &HouseholdInput) -> Result<HouseholdId> {
    let input = validate_household(input)?;
    if let Some(b) = &input.block_id {
        block_name(w, b)?;
    }
    let id = HouseholdId::new();
    w.execute(
        "INSERT INTO household (id, code, address, block_id, joined_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, input.code, input.address, input.block_id, input.joined_on, input.notes, w.now()],
    )?;
    w.execute(
        "INSERT INTO household_block (household_id, from_date, block_id) VALUES (?1, ?2, ?3)",
        params![id, input.joined_on, input.block_id],
    )?;
    for p in &input.persons {
        insert_person(w, &id, &PersonInput { id: None, ..p.clone() }, w.now())?;
    }
    refresh_household_key(w, &id)?;
    let head = input.persons.iter().find(|p| p.is_head).map(|p| p.name.as_str()).unwrap_or("");
    w.record(Change {
        entity: "household",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("世帯「{head}」（{}人）を追加", input.persons.len()),
        before: None,
        after: serde_json::to_value(household(w, &id)?).ok(),
    })?;
    Ok(id)
}

/// Changes a household and its persons: persons with an ID are updated, new ones added, and those no
/// longer listed removed (unless they hold or held an office, which keeps them).
pub fn update_household(w: &Write<'_>, id: &HouseholdId, input: &HouseholdInput) -> Result<()> {
    let input = validate_household(input)?;
    let before = household(w, id)?;
    w.execute(
        "UPDATE household SET code = ?2, address = ?3, joined_on = ?4, notes = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, input.code, input.address, input.joined_on, input.notes, w.now()],
    )?;
    // The first block row starts on the joining date.
    w.execute(
        "UPDATE household_block SET from_date = ?2
         WHERE household_id = ?1 AND from_date = (SELECT min(from_date) FROM household_block WHERE household_id = ?1)
           AND ?2 <= (SELECT coalesce(min(from_date), ?2) FROM household_block WHERE household_id = ?1 AND from_date > (SELECT min(from_date) FROM household_block WHERE household_id = ?1))",
        params![id, input.joined_on],
    )?;
    let kept: Vec<&PersonId> = input.persons.iter().filter_map(|p| p.id.as_ref()).collect();
    for old in &before.persons {
        if !kept.contains(&&old.id) {
            let offices = crate::officers::terms_of_person(w, &old.id)?;
            if offices > 0 {
                return Err(Error::Conflict(Text::new(
                    format!(
                        "{}さんは役員の記録があるため、世帯から外せません。役員の記録を先に直してください。",
                        old.name
                    ),
                    format!(
                        "{} has officer records and cannot be removed; change the officer records first.",
                        old.name
                    ),
                )));
            }
            w.execute("DELETE FROM person WHERE id = ?1", params![old.id])?;
        }
    }
    for p in &input.persons {
        match &p.id {
            Some(pid) if before.persons.iter().any(|o| &o.id == pid) => {
                w.execute(
                    "UPDATE person SET name = ?2, kana = ?3, kana_key = ?4, is_head = ?5, phone = ?6, email = ?7,
                            birth_year = ?8, notes = ?9, search_key = ?10, updated_at = ?11, relation = ?12
                     WHERE id = ?1",
                    params![
                        pid,
                        p.name,
                        p.kana,
                        kana::sort_key(&p.kana),
                        p.is_head,
                        p.phone,
                        p.email,
                        p.birth_year,
                        p.notes,
                        kana::person_key(&p.name, &p.kana, &p.phone),
                        w.now(),
                        p.relation,
                    ],
                )?;
            }
            _ => {
                insert_person(w, id, &PersonInput { id: None, ..p.clone() }, w.now())?;
            }
        }
    }
    refresh_household_key(w, id)?;
    let after = household(w, id)?;
    w.record(Change {
        entity: "household",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("世帯「{}」を変更", head_name(&after)),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&after).ok(),
    })?;
    Ok(())
}

fn head_name(h: &Household) -> &str {
    h.persons.iter().find(|p| p.is_head).or(h.persons.first()).map(|p| p.name.as_str()).unwrap_or("")
}

/// Moves a household to another block from `from_date` on; earlier dates keep the old block.
pub fn move_household(w: &Write<'_>, id: &HouseholdId, block: Option<&BlockId>, from_date: NaiveDate) -> Result<()> {
    let before = household(w, id)?;
    if from_date < before.joined_on {
        return Err(Error::invalid(
            "from_date",
            Text::new(
                "移動日は加入日より後の日付にしてください。",
                "The move date must be on or after the joining date.",
            ),
        ));
    }
    let to_name = match block {
        Some(b) => Some(block_name(w, b)?),
        None => None,
    };
    w.execute(
        "INSERT INTO household_block (household_id, from_date, block_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (household_id, from_date) DO UPDATE SET block_id = excluded.block_id",
        params![id, from_date, block],
    )?;
    w.execute(
        "UPDATE household SET block_id = (SELECT block_id FROM household_block WHERE household_id = ?1 ORDER BY from_date DESC LIMIT 1),
                route_position = NULL, updated_at = ?2 WHERE id = ?1",
        params![id, w.now()],
    )?;
    refresh_household_key(w, id)?;
    w.record(Change {
        entity: "household",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "世帯「{}」を{}から{}へ移動（{}から）",
            head_name(&before),
            before.block_name.as_deref().unwrap_or("班なし"),
            to_name.as_deref().unwrap_or("班なし"),
            crate::calendar::wareki(from_date)
        ),
        before: Some(serde_json::json!({ "block_id": before.block_id })),
        after: Some(serde_json::json!({ "block_id": block, "from_date": from_date })),
    })?;
    Ok(())
}

/// Records that a household left (転出・死亡・退会). It stays in the history.
pub fn leave_household(w: &Write<'_>, id: &HouseholdId, left_on: NaiveDate, reason: LeaveReason) -> Result<()> {
    let before = household(w, id)?;
    if before.left_on.is_some() {
        return Err(Error::Conflict(Text::new(
            "この世帯は既に退会の記録があります。",
            "This household has already been recorded as having left.",
        )));
    }
    if left_on < before.joined_on {
        return Err(Error::invalid(
            "left_on",
            Text::new(
                "退会日は加入日より後の日付にしてください。",
                "The leaving date must be on or after the joining date.",
            ),
        ));
    }
    w.execute(
        "UPDATE household SET left_on = ?2, leave_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, left_on, reason.as_str(), w.now()],
    )?;
    w.record(Change {
        entity: "household",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "世帯「{}」が{}（{}）",
            head_name(&before),
            reason.label_ja(),
            crate::calendar::wareki(left_on)
        ),
        before: Some(serde_json::json!({ "left_on": null })),
        after: Some(serde_json::json!({ "left_on": left_on, "leave_reason": reason })),
    })?;
    Ok(())
}

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        household_id: r.get(1)?,
        name: r.get(2)?,
        kana: r.get(3)?,
        is_head: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        birth_year: r.get(7)?,
        notes: r.get(8)?,
        relation: r.get(9)?,
    })
}

/// One household with its persons.
pub fn household(conn: &Connection, id: &HouseholdId) -> Result<Household> {
    let h = conn
        .query_row(
            "SELECT h.id, h.code, h.address, h.block_id, b.name, h.joined_on, h.left_on, h.leave_reason, h.notes
             FROM household h LEFT JOIN block b ON b.id = h.block_id WHERE h.id = ?1",
            params![id],
            |r| {
                Ok(Household {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    address: r.get(2)?,
                    block_id: r.get(3)?,
                    block_name: r.get(4)?,
                    joined_on: r.get(5)?,
                    left_on: r.get(6)?,
                    leave_reason: r.get::<_, Option<String>>(7)?.map(|s| LeaveReason::parse(&s)),
                    notes: r.get(8)?,
                    persons: Vec::new(),
                    joined_on_text: crate::calendar::wareki_with_western(r.get(5)?),
                    left_on_text: r.get::<_, Option<NaiveDate>>(6)?.map(crate::calendar::wareki_with_western),
                })
            },
        )
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(Text::new(
                "その世帯は見つかりません。名簿を開き直してください。",
                "That household no longer exists. Reopen the roster.",
            ))
        })?;
    let mut stmt = conn.prepare(
        "SELECT id, household_id, name, kana, is_head, phone, email, birth_year, notes, relation
         FROM person WHERE household_id = ?1 ORDER BY is_head DESC, kana_key, created_at",
    )?;
    let persons = stmt.query_map(params![id], person_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(Household { persons, ..h })
}

/// The member list: households matching the query, in 五十音順 of the head's reading.
pub fn list(conn: &Connection, q: &MemberQuery) -> Result<MemberPage> {
    let pattern = search_query(&q.text);
    let limit = q.limit.clamp(1, 500);
    // The household's search key holds its persons' too, so one LIKE over households finds a household
    // by anyone in it; the sort key (the head's folded reading) is indexed for 五十音 order.
    let filter = "FROM household h
         WHERE (?1 OR h.left_on IS NULL)
           AND (?2 IS NULL OR h.block_id = ?2)
           AND (?3 IS NULL OR council_key_matches(h.search_key, ?3))";
    // With words to find, one walk of the households in 五十音順 yields both the count and the page
    // (the filter reads every household's search key either way; walking twice, once to count and
    // once for the page, doubled the cost of every search). Without words, the count is an indexed
    // count and the page an indexed walk of its rows only.
    let (total, page_ids): (i64, Option<Vec<HouseholdId>>) = if pattern.is_some() {
        // A plain scan of the table, sorted here: walking the sort-key index instead visits the rows
        // in random order, which costs more than the scan whenever the matches are spread out.
        let mut stmt = conn.prepare(&format!("SELECT h.sort_key, h.address, h.id {filter}"))?;
        let mut found: Vec<(String, String, HouseholdId)> = stmt
            .query_map(params![q.include_left, q.block_id, pattern], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Byte order, as SQLite's BINARY collation orders the same columns.
        found.sort_unstable();
        let page = found.iter().skip(q.offset as usize).take(limit as usize).map(|f| f.2.clone()).collect();
        (found.len() as i64, Some(page))
    } else {
        let total =
            conn.query_row(&format!("SELECT count(*) {filter}"), params![q.include_left, q.block_id, pattern], |r| {
                r.get(0)
            })?;
        (total, None)
    };
    let (page, args): (String, Vec<Box<dyn rusqlite::ToSql>>) = match page_ids {
        // The page's households by ID (at most `limit`, 500).
        Some(ids) => (
            format!(
                "(SELECT h.id, h.code, h.address, h.block_id, h.left_on, h.sort_key, h.joined_on FROM household h
                  WHERE h.id IN ({}))",
                vec!["?"; ids.len()].join(", ")
            ),
            ids.into_iter().map(|id| Box::new(id) as Box<dyn rusqlite::ToSql>).collect(),
        ),
        None => (
            format!(
                "(SELECT h.id, h.code, h.address, h.block_id, h.left_on, h.sort_key, h.joined_on {filter}
                  ORDER BY h.sort_key, h.address, h.id LIMIT ?4 OFFSET ?5)"
            ),
            vec![
                Box::new(q.include_left) as Box<dyn rusqlite::ToSql>,
                Box::new(q.block_id.clone()),
                Box::new(pattern),
                Box::new(limit),
                Box::new(q.offset),
            ],
        ),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT page.id, page.code,
                coalesce((SELECT name FROM person WHERE household_id = page.id AND is_head = 1), ''),
                coalesce((SELECT kana FROM person WHERE household_id = page.id AND is_head = 1), ''),
                page.address, (SELECT name FROM block WHERE id = page.block_id),
                (SELECT count(*) FROM person p WHERE p.household_id = page.id),
                (SELECT group_concat(p.name, '、') FROM person p WHERE p.household_id = page.id AND p.is_head = 0),
                page.left_on, page.joined_on
         FROM {page} AS page
         ORDER BY page.sort_key, page.address, page.id"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(MemberRow {
                household_id: r.get(0)?,
                code: r.get(1)?,
                head_name: r.get(2)?,
                head_kana: r.get(3)?,
                address: r.get(4)?,
                block_name: r.get(5)?,
                person_count: r.get(6)?,
                other_names: r
                    .get::<_, Option<String>>(7)?
                    .map(|s| s.split('、').map(str::to_owned).collect())
                    .unwrap_or_default(),
                left_on: r.get(8)?,
                left_on_text: r.get::<_, Option<NaiveDate>>(8)?.map(crate::calendar::wareki),
                joined_on: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(MemberPage { rows, total })
}

// ---------------------------------------------------------------------------------------------
// Counts

/// Member households of one block on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BlockCount {
    /// The block (none for households not in a block).
    pub block_id: Option<BlockId>,
    /// Its name (「班なし」 for none).
    pub block_name: String,
    /// Member households on the date.
    pub households: i64,
}

/// The 世帯数 summary the city asks for: member households on a date, by block, and the year's
/// joins and leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdCounts {
    /// The date counted.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Member households on that date.
    pub total: i64,
    /// By block, in the council's block order.
    pub by_block: Vec<BlockCount>,
    /// Households that joined in the period.
    pub joined: i64,
    /// Households that left in the period.
    pub left: i64,
}

/// Member households on `as_of` by block (the block each belonged to on that date), and joins and
/// leaves between `period_start` and `as_of`.
pub fn counts(conn: &Connection, as_of: NaiveDate, period_start: NaiveDate) -> Result<HouseholdCounts> {
    let mut stmt = conn.prepare(
        "SELECT hb.block_id, b.name, count(*)
         FROM household h
         JOIN household_block hb ON hb.household_id = h.id
              AND hb.from_date = (SELECT max(x.from_date) FROM household_block x WHERE x.household_id = h.id AND x.from_date <= ?1)
         LEFT JOIN block b ON b.id = hb.block_id
         WHERE h.joined_on <= ?1 AND (h.left_on IS NULL OR h.left_on > ?1)
         GROUP BY hb.block_id
         ORDER BY hb.block_id IS NULL, b.sort_order, b.name",
    )?;
    let by_block: Vec<BlockCount> = stmt
        .query_map(params![as_of], |r| {
            Ok(BlockCount {
                block_id: r.get(0)?,
                block_name: r.get::<_, Option<String>>(1)?.unwrap_or_else(|| "班なし".to_owned()),
                households: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let joined: i64 = conn.query_row(
        "SELECT count(*) FROM household WHERE joined_on >= ?1 AND joined_on <= ?2",
        params![period_start, as_of],
        |r| r.get(0),
    )?;
    let left: i64 = conn.query_row(
        "SELECT count(*) FROM household WHERE left_on >= ?1 AND left_on <= ?2",
        params![period_start, as_of],
        |r| r.get(0),
    )?;
    Ok(HouseholdCounts { as_of, total: by_block.iter().map(|b| b.households).sum(), by_block, joined, left })
}

/// Someone a meeting invites, as the roster or the officer list names them on a day: their household
/// and person (when known), their name, a label (their block, or their office's title) and, for an
/// officer, the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitee {
    /// The household.
    pub household: Option<String>,
    /// The person.
    pub person: Option<String>,
    /// The name to print (a household without a head is named by its address).
    pub name: String,
    /// The block's name, or the office's title.
    pub label: String,
    /// The officer's role (`president`, `block_leader` …); empty for a member.
    pub role: String,
}

fn invitees(conn: &Connection, sql: &str, on: NaiveDate) -> Result<Vec<Invitee>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params![on], |r| {
        Ok(Invitee {
            household: r.get(0)?,
            person: r.get(1)?,
            name: r.get(2)?,
            label: r.get(3)?,
            role: r.get::<_, Option<String>>(4).unwrap_or_default().unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The member households on `on`, each by its head (or its address), in block and roster order.
pub fn household_heads_on(conn: &Connection, on: NaiveDate) -> Result<Vec<Invitee>> {
    invitees(
        conn,
        "SELECT h.id, p.id, coalesce(p.name, h.address), coalesce(b.name, ''), NULL
         FROM household h LEFT JOIN person p ON p.household_id = h.id AND p.is_head = 1
         LEFT JOIN block b ON b.id = h.block_id
         WHERE h.joined_on <= ?1 AND (h.left_on IS NULL OR h.left_on > ?1)
         ORDER BY b.sort_order, b.name, h.sort_key, h.id",
        on,
    )
}

/// Every person of a member household on `on`, in block and roster order, heads first.
pub fn persons_on(conn: &Connection, on: NaiveDate) -> Result<Vec<Invitee>> {
    invitees(
        conn,
        "SELECT h.id, p.id, p.name, coalesce(b.name, ''), NULL
         FROM person p JOIN household h ON h.id = p.household_id LEFT JOIN block b ON b.id = h.block_id
         WHERE h.joined_on <= ?1 AND (h.left_on IS NULL OR h.left_on > ?1)
         ORDER BY b.sort_order, b.name, h.sort_key, h.id, p.is_head DESC, p.kana_key",
        on,
    )
}

/// Member households on `as_of` by block, with the joins and leaves of the fiscal year it falls in.
pub fn counts_as_of(conn: &Connection, as_of: NaiveDate) -> Result<HouseholdCounts> {
    let start_month = crate::council::start_month(conn)?;
    counts(conn, as_of, FiscalYear::of(as_of, start_month).start(start_month))
}

/// How many households are members now (have not left).
pub fn member_household_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM household WHERE left_on IS NULL", [], |r| r.get(0))?)
}

/// How many persons are recorded in member households now.
pub fn person_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id WHERE h.left_on IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// A person found by name or reading (to choose an officer, a signatory, a contact…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonHit {
    /// The person.
    pub person_id: PersonId,
    /// Name.
    pub name: String,
    /// Reading.
    pub kana: String,
    /// Their household.
    pub household_id: HouseholdId,
    /// The household's address.
    pub address: String,
    /// The household's block.
    pub block_name: Option<String>,
}

/// Persons of member households whose name, reading or phone matches, in 五十音順.
pub fn find_persons(conn: &Connection, text: &str, limit: u32) -> Result<Vec<PersonHit>> {
    let Some(pattern) = search_query(text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.kana, h.id, h.address, b.name
         FROM person p JOIN household h ON h.id = p.household_id LEFT JOIN block b ON b.id = h.block_id
         WHERE h.left_on IS NULL AND council_key_matches(p.search_key, ?1)
         ORDER BY p.kana_key LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![pattern, limit.clamp(1, 100)], |r| {
        Ok(PersonHit {
            person_id: r.get(0)?,
            name: r.get(1)?,
            kana: r.get(2)?,
            household_id: r.get(3)?,
            address: r.get(4)?,
            block_name: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everything a deleted household took with it, kept in the audit log so it can be brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct DeletedHousehold {
    household: Household,
    created_at: String,
    block_history: Vec<(NaiveDate, Option<BlockId>)>,
    adjustments: Vec<(i32, i64, String)>,
    payments: Vec<serde_json::Value>,
}

/// Deletes a household entered by mistake, with its persons and dues records. Everything is kept in
/// the audit log, so [`restore_household`] brings it back. A household whose persons hold or held an
/// office is refused: record that it left instead.
pub fn delete_household(w: &Write<'_>, id: &HouseholdId) -> Result<()> {
    let household = household(w, id)?;
    let offices = crate::officers::terms_in_household(w, id)?;
    if offices > 0 {
        return Err(Error::Conflict(Text::new(
            "この世帯の人には役員の記録があるため、削除できません。転出などの場合は「退会を記録する」を使ってください。",
            "Someone in this household has officer records, so it cannot be deleted. If it moved away, record leaving instead.",
        )));
    }
    let created_at: String =
        w.query_row("SELECT created_at FROM household WHERE id = ?1", params![id], |r| r.get(0))?;
    let block_history = {
        let mut stmt =
            w.prepare("SELECT from_date, block_id FROM household_block WHERE household_id = ?1 ORDER BY from_date")?;
        stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let (adjustments, payments) = crate::dues::household_records(w, id)?;
    let snapshot = DeletedHousehold { household: household.clone(), created_at, block_history, adjustments, payments };
    w.execute("DELETE FROM household WHERE id = ?1", params![id])?;
    w.record(Change {
        entity: "household",
        entity_id: id.as_str(),
        action: AuditAction::Delete,
        summary: format!("世帯「{}」を削除", head_name(&household)),
        before: serde_json::to_value(&snapshot).ok(),
        after: None,
    })?;
    Ok(())
}

/// Brings back a household deleted at audit entry `seq`, exactly as it was (its IDs, persons, block
/// history and dues records).
pub fn restore_household(w: &Write<'_>, seq: i64) -> Result<HouseholdId> {
    let snapshot: DeletedHousehold =
        serde_json::from_value(audit::deleted_state(w, seq, "household")?).map_err(|e| {
            Error::NotFound(Text::new(
                format!("削除の記録を読めません（{e}）。"),
                format!("The deletion record cannot be read ({e})."),
            ))
        })?;
    let h = &snapshot.household;
    let exists: bool = w.query_row("SELECT count(*) FROM household WHERE id = ?1", params![h.id], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(Text::new(
            "この世帯はすでに元に戻されています。",
            "This household has already been brought back.",
        )));
    }
    // A block deleted since then leaves the household without a block rather than failing.
    let block_exists = |b: &Option<BlockId>| -> Result<Option<BlockId>> {
        Ok(match b {
            Some(b) => {
                let n: i64 = w.query_row("SELECT count(*) FROM block WHERE id = ?1", params![b], |r| r.get(0))?;
                (n > 0).then(|| b.clone())
            }
            None => None,
        })
    };
    w.execute(
        "INSERT INTO household (id, code, address, block_id, joined_on, left_on, leave_reason, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            h.id,
            h.code,
            h.address,
            block_exists(&h.block_id)?,
            h.joined_on,
            h.left_on,
            h.leave_reason.map(LeaveReason::as_str),
            h.notes,
            snapshot.created_at,
            w.now()
        ],
    )?;
    for (from, block) in &snapshot.block_history {
        w.execute(
            "INSERT INTO household_block (household_id, from_date, block_id) VALUES (?1, ?2, ?3)",
            params![h.id, from, block_exists(block)?],
        )?;
    }
    for p in &h.persons {
        insert_person(
            w,
            &h.id,
            &PersonInput {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                kana: p.kana.clone(),
                is_head: p.is_head,
                phone: p.phone.clone(),
                email: p.email.clone(),
                birth_year: p.birth_year,
                relation: p.relation.clone(),
                notes: p.notes.clone(),
            },
            w.now(),
        )?;
    }
    crate::dues::put_back_records(w, &h.id, &snapshot.adjustments, &snapshot.payments)?;
    refresh_household_key(w, &h.id)?;
    w.record(Change {
        entity: "household",
        entity_id: h.id.as_str(),
        action: AuditAction::Restore,
        summary: format!("削除した世帯「{}」を元に戻す", head_name(h)),
        before: None,
        after: serde_json::to_value(household(w, &h.id)?).ok(),
    })?;
    Ok(h.id.clone())
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "blocks",
        source: "block",
        label_ja: "班・組",
        label_en: "Blocks",
        sql: "SELECT id, name, sort_order, notes, created_at, updated_at FROM block ORDER BY sort_order, name",
        columns: &[
            col("id", "ID", Str),
            col("name", "班・組", Str),
            col("sort_order", "並び順", Integer),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "households",
        source: "household",
        label_ja: "世帯",
        label_en: "Households",
        sql: "SELECT h.id, h.code, h.address, h.block_id, b.name, h.joined_on, h.left_on, h.leave_reason, h.notes,
                     h.created_at, h.updated_at
              FROM household h LEFT JOIN block b ON b.id = h.block_id ORDER BY h.code, h.id",
        columns: &[
            col("id", "ID", Str),
            col("code", "世帯番号", Str),
            col("address", "住所", Str),
            col("block_id", "班・組ID", Str),
            col("block_name", "班・組", Str),
            col("joined_on", "加入日", Date),
            col("left_on", "退会日", Date),
            col("leave_reason", "退会の理由", Str),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "persons",
        source: "person",
        label_ja: "会員",
        label_en: "Persons",
        sql: "SELECT p.id, p.household_id, h.code, p.name, p.kana, p.is_head, p.relation, p.phone, p.email,
                     p.birth_year, p.notes, p.created_at, p.updated_at
              FROM person p JOIN household h ON h.id = p.household_id
              ORDER BY h.code, p.household_id, p.is_head DESC, p.id",
        columns: &[
            col("id", "ID", Str),
            col("household_id", "世帯ID", Str),
            col("household_code", "世帯番号", Str),
            col("name", "氏名", Str),
            col("kana", "ふりがな", Str),
            col("is_head", "世帯主", Bool),
            col("relation", "続柄", Str),
            col("phone", "電話", Str),
            col("email", "メール", Str),
            col("birth_year", "生年", Integer),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "household_blocks",
        source: "household_block",
        label_ja: "班・組の履歴",
        label_en: "Block history",
        sql: "SELECT hb.household_id, h.code, hb.from_date, hb.block_id, b.name
              FROM household_block hb JOIN household h ON h.id = hb.household_id LEFT JOIN block b ON b.id = hb.block_id
              ORDER BY h.code, hb.household_id, hb.from_date",
        columns: &[
            col("household_id", "世帯ID", Str),
            col("household_code", "世帯番号", Str),
            col("from_date", "開始日", Date),
            col("block_id", "班・組ID", Str),
            col("block_name", "班・組", Str),
        ],
    },
];
