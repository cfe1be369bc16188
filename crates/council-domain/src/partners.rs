//! Partners (連携団体 / 協働の担い手): the NPOs, schools, businesses and other councils the council works
//! with, so plans, events and grant applications can name them.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, Result};
use crate::export::ColumnKind::Text as Str;
use crate::export::{TableExport, col};
use crate::id_type;
use crate::text::Text;

id_type!(
    /// A partner organisation.
    PartnerId
);

/// What kind of organisation a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    /// NPO・市民団体.
    Npo,
    /// 学校・教育機関.
    School,
    /// 企業・商店.
    Business,
    /// 他の自治会.
    Council,
    /// 行政・公共機関.
    Government,
    /// その他.
    Other,
}

impl PartnerKind {
    fn as_str(self) -> &'static str {
        match self {
            PartnerKind::Npo => "npo",
            PartnerKind::School => "school",
            PartnerKind::Business => "business",
            PartnerKind::Council => "council",
            PartnerKind::Government => "government",
            PartnerKind::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "npo" => PartnerKind::Npo,
            "school" => PartnerKind::School,
            "business" => PartnerKind::Business,
            "council" => PartnerKind::Council,
            "government" => PartnerKind::Government,
            _ => PartnerKind::Other,
        }
    }
}

/// A partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Partner {
    /// ID.
    pub id: PartnerId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PartnerKind,
    /// Contact person.
    pub contact_person: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Address.
    pub address: String,
    /// Notes.
    pub notes: String,
}

/// A partner as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartnerInput {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PartnerKind,
    /// Contact person.
    pub contact_person: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Address.
    pub address: String,
    /// Notes.
    pub notes: String,
}

fn validated(input: &PartnerInput) -> Result<PartnerInput> {
    let t = |s: &str| s.trim().to_owned();
    let out = PartnerInput {
        name: t(&input.name),
        kind: input.kind,
        contact_person: t(&input.contact_person),
        phone: t(&input.phone),
        email: t(&input.email),
        address: t(&input.address),
        notes: t(&input.notes),
    };
    if out.name.is_empty() {
        return Err(Error::invalid(
            "name",
            Text::new("団体の名前を入力してください（例：みどり小学校）。", "Enter the organisation's name."),
        ));
    }
    Ok(out)
}

/// Every partner, by name.
pub fn list(conn: &Connection) -> Result<Vec<Partner>> {
    let mut stmt =
        conn.prepare("SELECT id, name, kind, contact_person, phone, email, address, notes FROM partner ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(Partner {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: PartnerKind::parse(&r.get::<_, String>(2)?),
            contact_person: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
            address: r.get(6)?,
            notes: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a partner.
pub fn create(w: &Write<'_>, input: &PartnerInput) -> Result<PartnerId> {
    let input = validated(input)?;
    let id = PartnerId::new();
    w.execute(
        "INSERT INTO partner (id, name, kind, contact_person, phone, email, address, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id,
            input.name,
            input.kind.as_str(),
            input.contact_person,
            input.phone,
            input.email,
            input.address,
            input.notes,
            w.now()
        ],
    )?;
    w.record(Change {
        entity: "partner",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("連携団体「{}」を追加", input.name),
        before: None,
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(id)
}

/// Changes a partner.
pub fn update(w: &Write<'_>, id: &PartnerId, input: &PartnerInput) -> Result<()> {
    let input = validated(input)?;
    let before: Option<String> =
        w.query_row("SELECT name FROM partner WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(before) = before else {
        return Err(Error::NotFound(Text::new("その団体は見つかりません。", "That partner no longer exists.")));
    };
    w.execute(
        "UPDATE partner SET name = ?2, kind = ?3, contact_person = ?4, phone = ?5, email = ?6, address = ?7,
                notes = ?8, updated_at = ?9 WHERE id = ?1",
        params![
            id,
            input.name,
            input.kind.as_str(),
            input.contact_person,
            input.phone,
            input.email,
            input.address,
            input.notes,
            w.now()
        ],
    )?;
    w.record(Change {
        entity: "partner",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("連携団体「{before}」を変更"),
        before: Some(serde_json::json!({ "name": before })),
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(())
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "partners",
    source: "partner",
    label_ja: "連携団体",
    label_en: "Partners",
    sql: "SELECT id, name, kind, contact_person, phone, email, address, notes, created_at, updated_at
              FROM partner ORDER BY name, id",
    columns: &[
        col("id", "ID", Str),
        col("name", "名称", Str),
        col("kind", "種類", Str),
        col("contact_person", "担当者", Str),
        col("phone", "電話", Str),
        col("email", "メール", Str),
        col("address", "住所", Str),
        col("notes", "備考", Str),
        col("created_at", "作成日時", Str),
        col("updated_at", "更新日時", Str),
    ],
}];

/// Removes a partner, with its links to actions of the plan, events and grant applications (they
/// stay; only the partner's name goes from them). It is kept in the history whole, so it comes back
/// with its links from 「削除した記録」.
pub fn delete(w: &Write<'_>, id: &PartnerId) -> Result<()> {
    let name: Option<String> =
        w.query_row("SELECT name FROM partner WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(name) = name else {
        return Err(Error::NotFound(Text::new("その団体は見つかりません。", "That partner no longer exists.")));
    };
    crate::removal::remove(w, "partner", id.as_str(), &name, |_| format!("連携団体「{name}」を削除")).map(drop)
}

/// Where a partner is named (for the question before removing it): 「事業2件、行事3件」.
pub fn uses(conn: &Connection, id: &PartnerId) -> Result<Text> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, params![id], |r| r.get(0))?) };
    let parts = [
        (
            count("SELECT count(*) FROM plan_action_partner WHERE partner_id = ?1")?,
            "まちづくり計画の事業",
            "actions of the plan",
        ),
        (count("SELECT count(*) FROM event_partner WHERE partner_id = ?1")?, "行事", "events"),
        (
            count("SELECT count(*) FROM grant_application_partner WHERE partner_id = ?1")?,
            "助成金の申請",
            "grant applications",
        ),
    ];
    let used: Vec<_> = parts.iter().filter(|(n, _, _)| *n > 0).collect();
    Ok(Text::new(
        used.iter().map(|(n, ja, _)| format!("{ja}{n}件")).collect::<Vec<_>>().join("、"),
        used.iter().map(|(n, _, en)| format!("{n} {en}")).collect::<Vec<_>>().join(", "),
    ))
}
