//! Officers (役員): who holds which role for which term — 会長, 副会長, 会計, 書記, 監事, the block
//! leaders (班長, one per block), committee chairs and the council's own roles. A term defaults to the
//! fiscal year; at the year's end the officers are carried to the next year with the changes asked for.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{self, AuditAction, Change};
use crate::calendar::FiscalYear;
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Date, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::ids::{BlockId, HouseholdId, PersonId};
use crate::text::Text;

id_type!(
    /// One officer's term in one role.
    OfficerTermId
);

/// An officer's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OfficerRole {
    /// 会長.
    President,
    /// 副会長.
    VicePresident,
    /// 会計.
    Treasurer,
    /// 書記.
    Secretary,
    /// 監事.
    Auditor,
    /// 班長 of a block.
    BlockLeader,
    /// 部長 of a committee (防災部長 …), named in the title.
    CommitteeChair,
    /// A role of the council's own, named in the title.
    Custom,
}

impl OfficerRole {
    fn as_str(self) -> &'static str {
        match self {
            OfficerRole::President => "president",
            OfficerRole::VicePresident => "vice_president",
            OfficerRole::Treasurer => "treasurer",
            OfficerRole::Secretary => "secretary",
            OfficerRole::Auditor => "auditor",
            OfficerRole::BlockLeader => "block_leader",
            OfficerRole::CommitteeChair => "committee_chair",
            OfficerRole::Custom => "custom",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "president" => OfficerRole::President,
            "vice_president" => OfficerRole::VicePresident,
            "treasurer" => OfficerRole::Treasurer,
            "secretary" => OfficerRole::Secretary,
            "auditor" => OfficerRole::Auditor,
            "block_leader" => OfficerRole::BlockLeader,
            "committee_chair" => OfficerRole::CommitteeChair,
            _ => OfficerRole::Custom,
        }
    }

    /// The usual title (会長 …); committee chairs and custom roles are named by their term's title.
    pub fn default_title(self) -> &'static str {
        match self {
            OfficerRole::President => "会長",
            OfficerRole::VicePresident => "副会長",
            OfficerRole::Treasurer => "会計",
            OfficerRole::Secretary => "書記",
            OfficerRole::Auditor => "監事",
            OfficerRole::BlockLeader => "班長",
            OfficerRole::CommitteeChair => "部長",
            OfficerRole::Custom => "役員",
        }
    }

    /// The order of the officer list for the city (役員名簿).
    fn rank(self) -> i64 {
        match self {
            OfficerRole::President => 1,
            OfficerRole::VicePresident => 2,
            OfficerRole::Treasurer => 3,
            OfficerRole::Secretary => 4,
            OfficerRole::Auditor => 5,
            OfficerRole::CommitteeChair => 6,
            OfficerRole::Custom => 7,
            OfficerRole::BlockLeader => 8,
        }
    }
}

/// A term as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfficerTerm {
    /// ID.
    pub id: OfficerTermId,
    /// Role.
    pub role: OfficerRole,
    /// Title as printed (会長, 防災部長, 3班 班長).
    pub title: String,
    /// The person.
    pub person_id: PersonId,
    /// Their name.
    pub person_name: String,
    /// Their reading.
    pub person_kana: String,
    /// Their household's address.
    pub address: String,
    /// Their phone.
    pub phone: String,
    /// The block, for a block leader.
    pub block_id: Option<BlockId>,
    /// The block's name.
    pub block_name: Option<String>,
    /// First day of the term.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day of the term.
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// The term in 和暦 (令和8年4月1日〜令和9年3月31日).
    pub term_text: String,
}

/// A term as its form edits it. Dates default to the fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfficerTermInput {
    /// Role.
    pub role: OfficerRole,
    /// Title (empty: the role's usual title).
    pub title: String,
    /// The person.
    pub person_id: PersonId,
    /// The block, for a block leader.
    pub block_id: Option<BlockId>,
    /// First day (empty: the fiscal year's first day).
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    /// Last day (empty: the fiscal year's last day).
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
}

/// What happens to one of this year's terms in the next year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CarryChoice {
    /// The same person continues.
    Keep {
        /// The term carried.
        term_id: OfficerTermId,
    },
    /// Someone else takes the role.
    Replace {
        /// The term carried.
        term_id: OfficerTermId,
        /// The new person.
        person_id: PersonId,
    },
    /// The role is not carried.
    End {
        /// The term not carried.
        term_id: OfficerTermId,
    },
}

const SELECT: &str =
    "SELECT t.id, t.role, t.title, t.person_id, p.name, p.kana, h.address, p.phone, t.block_id, b.name,
            t.starts_on, t.ends_on
     FROM officer_term t
     JOIN person p ON p.id = t.person_id
     JOIN household h ON h.id = p.household_id
     LEFT JOIN block b ON b.id = t.block_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OfficerTerm> {
    Ok(OfficerTerm {
        id: r.get(0)?,
        role: OfficerRole::parse(&r.get::<_, String>(1)?),
        title: r.get(2)?,
        person_id: r.get(3)?,
        person_name: r.get(4)?,
        person_kana: r.get(5)?,
        address: r.get(6)?,
        phone: r.get(7)?,
        block_id: r.get(8)?,
        block_name: r.get(9)?,
        starts_on: r.get(10)?,
        ends_on: r.get(11)?,
        term_text: format!("{}〜{}", crate::calendar::wareki(r.get(10)?), crate::calendar::wareki(r.get(11)?)),
    })
}

/// The officers whose terms overlap `from..=to`, in the order of the city's officer list.
pub fn list(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<OfficerTerm>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE t.starts_on <= ?2 AND t.ends_on >= ?1 ORDER BY t.starts_on, b.sort_order, p.kana_key"
    ))?;
    let mut terms: Vec<OfficerTerm> = stmt.query_map(params![from, to], from_row)?.collect::<rusqlite::Result<_>>()?;
    // Stable: within a rank the SQL order (block order, then reading) stays.
    terms.sort_by_key(|t| t.role.rank());
    Ok(terms)
}

/// How many terms a person holds or held (a person with any stays on the roster).
pub fn terms_of_person(conn: &Connection, person: &PersonId) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM officer_term WHERE person_id = ?1", params![person], |r| r.get(0))?)
}

/// How many terms the persons of a household hold or held.
pub fn terms_in_household(conn: &Connection, household: &HouseholdId) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM officer_term t JOIN person p ON p.id = t.person_id WHERE p.household_id = ?1",
        params![household],
        |r| r.get(0),
    )?)
}

/// An officer in office on a day, as a meeting invites them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serving {
    /// The officer's household.
    pub household: Option<HouseholdId>,
    /// The officer.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// The office's title (会長, 3班 班長 …).
    pub title: String,
    /// The role (`president`, `block_leader` …).
    pub role: String,
}

/// The officers in office on `on` (block leaders among them), by block and reading.
pub fn serving_on(conn: &Connection, on: NaiveDate) -> Result<Vec<Serving>> {
    let mut stmt = conn.prepare(
        "SELECT p.household_id, t.person_id, p.name, t.title, t.role
         FROM officer_term t JOIN person p ON p.id = t.person_id LEFT JOIN block b ON b.id = t.block_id
         WHERE t.starts_on <= ?1 AND t.ends_on >= ?1
         ORDER BY b.sort_order, p.kana_key",
    )?;
    let rows = stmt.query_map(params![on], |r| {
        Ok(Serving {
            household: r.get(0)?,
            person: r.get(1)?,
            name: r.get(2)?,
            title: r.get(3)?,
            role: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The officers of `fiscal_year` (default: the council's current one on `today`), in the order of the
/// city's list.
pub fn for_year(conn: &Connection, fiscal_year: Option<i32>, today: NaiveDate) -> Result<Vec<OfficerTerm>> {
    let (fy, m) = crate::council::fiscal_year_or_current(conn, fiscal_year, today)?;
    list(conn, fy.start(m), fy.end(m))
}

fn term(conn: &Connection, id: &OfficerTermId) -> Result<OfficerTerm> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), params![id], from_row).optional()?.ok_or_else(|| {
        Error::NotFound(Text::new("その役員の記録は見つかりません。", "That officer record no longer exists."))
    })
}

fn check(
    conn: &Connection,
    input: &OfficerTermInput,
    fy: FiscalYear,
    start_month: u32,
) -> Result<(String, NaiveDate, NaiveDate)> {
    let mut problems = Vec::new();
    let starts = input.starts_on.unwrap_or_else(|| fy.start(start_month));
    let ends = input.ends_on.unwrap_or_else(|| fy.end(start_month));
    if ends < starts {
        problems.push(FieldProblem {
            field: "ends_on".into(),
            message: Text::new(
                "任期の終わりは始まりより後の日付にしてください。",
                "The term must end after it starts.",
            ),
        });
    }
    let person: Option<i64> =
        conn.query_row("SELECT 1 FROM person WHERE id = ?1", params![input.person_id], |r| r.get(0)).optional()?;
    if person.is_none() {
        problems.push(FieldProblem {
            field: "person_id".into(),
            message: Text::new("役員になる人を名簿から選んでください。", "Choose the person from the roster."),
        });
    }
    let block_name: Option<String> = match &input.block_id {
        Some(b) => conn.query_row("SELECT name FROM block WHERE id = ?1", params![b], |r| r.get(0)).optional()?,
        None => None,
    };
    if input.role == OfficerRole::BlockLeader && block_name.is_none() {
        problems.push(FieldProblem {
            field: "block_id".into(),
            message: Text::new("班長の班・組を選んでください。", "Choose the block this leader leads."),
        });
    }
    let title = match (input.title.trim(), input.role) {
        ("", OfficerRole::CommitteeChair | OfficerRole::Custom) => {
            problems.push(FieldProblem {
                field: "title".into(),
                message: Text::new(
                    "役職名を入力してください（例：防災部長）。",
                    "Enter the title (e.g. Chair of the disaster committee).",
                ),
            });
            String::new()
        }
        ("", OfficerRole::BlockLeader) => format!("{} 班長", block_name.clone().unwrap_or_default()),
        ("", role) => role.default_title().to_owned(),
        (t, _) => t.to_owned(),
    };
    if !problems.is_empty() {
        return Err(Error::Validation {
            message: Text::new("役員の記録に直すところがあります。", "The officer record needs fixing."),
            problems,
        });
    }
    Ok((title, starts, ends))
}

/// Records a term; dates default to the fiscal year `fy`.
pub fn create(w: &Write<'_>, input: &OfficerTermInput, fy: FiscalYear, start_month: u32) -> Result<OfficerTermId> {
    let (title, starts, ends) = check(w, input, fy, start_month)?;
    let id = OfficerTermId::new();
    let block = if input.role == OfficerRole::BlockLeader { input.block_id.clone() } else { None };
    w.execute(
        "INSERT INTO officer_term (id, role, title, person_id, block_id, starts_on, ends_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, input.role.as_str(), title, input.person_id, block, starts, ends, w.now()],
    )?;
    let created = term(w, &id)?;
    w.record(Change {
        entity: "officer_term",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("{}に{}さん（{}〜{}）", created.title, created.person_name, starts, ends),
        before: None,
        after: serde_json::to_value(&created).ok(),
    })?;
    Ok(id)
}

/// Corrects a term: its role, title, person, block or dates (a 会長 replaced in October: the old
/// term ends on the day, a new one starts the next). Dates left empty take the fiscal year `fy`'s.
pub fn update(
    w: &Write<'_>,
    id: &OfficerTermId,
    input: &OfficerTermInput,
    fy: FiscalYear,
    start_month: u32,
) -> Result<()> {
    let before = term(w, id)?;
    let (title, starts, ends) = check(w, input, fy, start_month)?;
    let block = if input.role == OfficerRole::BlockLeader { input.block_id.clone() } else { None };
    w.execute(
        "UPDATE officer_term SET role = ?2, title = ?3, person_id = ?4, block_id = ?5, starts_on = ?6, ends_on = ?7,
                updated_at = ?8 WHERE id = ?1",
        params![id, input.role.as_str(), title, input.person_id, block, starts, ends, w.now()],
    )?;
    let after = term(w, id)?;
    w.record(Change {
        entity: "officer_term",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "{}（{}さん）の任期を変更：{}〜{} → {}〜{}",
            after.title, after.person_name, before.starts_on, before.ends_on, starts, ends
        ),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&after).ok(),
    })?;
    Ok(())
}

/// Removes a term recorded by mistake (the audit log keeps it).
pub fn delete(w: &Write<'_>, id: &OfficerTermId) -> Result<()> {
    let before = term(w, id)?;
    w.execute("DELETE FROM officer_term WHERE id = ?1", params![id])?;
    w.record(Change {
        entity: "officer_term",
        entity_id: id.as_str(),
        action: AuditAction::Delete,
        summary: format!("{}（{}さん）の記録を削除", before.title, before.person_name),
        before: serde_json::to_value(&before).ok(),
        after: None,
    })?;
    Ok(())
}

/// Carries this year's officers to the next fiscal year: each choice keeps the person, replaces
/// them, or ends the role. Terms of the year not named in `choices` are kept as they are. Refused if
/// the next year already has officers.
pub fn carry_over(
    w: &Write<'_>,
    from: FiscalYear,
    start_month: u32,
    choices: &[CarryChoice],
) -> Result<Vec<OfficerTermId>> {
    let to = FiscalYear(from.0 + 1);
    let existing = list(w, to.start(start_month), to.end(start_month))?;
    if existing.iter().any(|t| t.starts_on >= to.start(start_month)) {
        return Err(Error::Conflict(Text::new(
            format!("{}の役員は既に登録されています。個別に直してください。", to.label_ja()),
            format!("Officers for {} are already recorded; change them one by one.", to.label_en()),
        )));
    }
    let current = list(w, from.start(start_month), from.end(start_month))?;
    let mut created = Vec::new();
    for t in current.iter().filter(|t| t.ends_on >= from.end(start_month)) {
        let choice = choices.iter().find(|c| match c {
            CarryChoice::Keep { term_id } | CarryChoice::Replace { term_id, .. } | CarryChoice::End { term_id } => {
                term_id == &t.id
            }
        });
        let person = match choice {
            Some(CarryChoice::End { .. }) => continue,
            Some(CarryChoice::Replace { person_id, .. }) => person_id.clone(),
            _ => t.person_id.clone(),
        };
        let input = OfficerTermInput {
            role: t.role,
            title: t.title.clone(),
            person_id: person,
            block_id: t.block_id.clone(),
            starts_on: None,
            ends_on: None,
        };
        created.push(create(w, &input, to, start_month)?);
    }
    Ok(created)
}

/// Carries a year's officers to the next year with the given changes: a bulk change, so the data is
/// backed up first.
pub fn carry(session: &crate::Session, from_year: i32, choices: &[CarryChoice]) -> Result<Vec<OfficerTermId>> {
    session.backup_now(council_store::backup::BackupReason::BeforeBulkChange)?;
    session.write(|w| {
        let m = crate::council::start_month(w)?;
        carry_over(w, FiscalYear(from_year), m, choices)
    })
}

/// Brings back an officer's term removed at audit entry `seq`, exactly as it was.
pub fn restore(w: &Write<'_>, seq: i64) -> Result<OfficerTermId> {
    let term: OfficerTerm = serde_json::from_value(audit::deleted_state(w, seq, "officer_term")?).map_err(|e| {
        Error::NotFound(Text::new(
            format!("削除の記録を読めません（{e}）。"),
            format!("The deletion record cannot be read ({e})."),
        ))
    })?;
    let exists: bool =
        w.query_row("SELECT count(*) FROM officer_term WHERE id = ?1", params![term.id], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(Text::new(
            "この役員の記録はすでに元に戻されています。",
            "This officer record is already back.",
        )));
    }
    let person: bool =
        w.query_row("SELECT count(*) FROM person WHERE id = ?1", params![term.person_id], |r| r.get(0))?;
    if !person {
        return Err(Error::Conflict(Text::new(
            format!("{}さんが名簿にいないため、元に戻せません。先にその世帯を元に戻してください。", term.person_name),
            format!("{} is no longer in the roster; bring their household back first.", term.person_name),
        )));
    }
    w.execute(
        "INSERT INTO officer_term (id, role, title, person_id, block_id, starts_on, ends_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            term.id,
            term.role.as_str(),
            term.title,
            term.person_id,
            term.block_id,
            term.starts_on,
            term.ends_on,
            w.now()
        ],
    )?;
    w.record(Change {
        entity: "officer_term",
        entity_id: term.id.as_str(),
        action: AuditAction::Restore,
        summary: format!("削除した役員の記録（{}・{}さん）を元に戻す", term.title, term.person_name),
        before: None,
        after: serde_json::to_value(&term).ok(),
    })?;
    Ok(term.id)
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "officers",
    source: "officer_term",
    label_ja: "役員",
    label_en: "Officers",
    sql: "SELECT o.id, o.role, o.title, o.person_id, p.name, o.block_id, b.name, o.starts_on, o.ends_on,
                     o.created_at, o.updated_at
              FROM officer_term o LEFT JOIN person p ON p.id = o.person_id LEFT JOIN block b ON b.id = o.block_id
              ORDER BY o.starts_on, o.id",
    columns: &[
        col("id", "ID", Str),
        col("role", "役割", Str),
        col("title", "役職", Str),
        col("person_id", "会員ID", Str),
        col("person_name", "氏名", Str),
        col("block_id", "班・組ID", Str),
        col("block_name", "班・組", Str),
        col("starts_on", "任期の始まり", Date),
        col("ends_on", "任期の終わり", Date),
        col("created_at", "作成日時", Str),
        col("updated_at", "更新日時", Str),
    ],
}];
