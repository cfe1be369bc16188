//! The council's profile: the one row that names the council on every screen and document.

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::{FiscalYear, FiscalYearInfo};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Bool, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::text::Text;
use council_base::ids::CouncilId;

/// What kind of residents' association the council is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CouncilKind {
    /// 自治会.
    Jichikai,
    /// 町内会.
    Chonaikai,
    /// 地区振興会.
    ChikuShinkokai,
    /// まちづくり協議会.
    MachizukuriKyogikai,
    /// Another name (地域づくり組織, 連合会 …), given in `kind_other`.
    Other,
}

impl CouncilKind {
    fn as_str(self) -> &'static str {
        match self {
            CouncilKind::Jichikai => "jichikai",
            CouncilKind::Chonaikai => "chonaikai",
            CouncilKind::ChikuShinkokai => "chiku_shinkokai",
            CouncilKind::MachizukuriKyogikai => "machizukuri_kyogikai",
            CouncilKind::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "jichikai" => CouncilKind::Jichikai,
            "chonaikai" => CouncilKind::Chonaikai,
            "chiku_shinkokai" => CouncilKind::ChikuShinkokai,
            "machizukuri_kyogikai" => CouncilKind::MachizukuriKyogikai,
            _ => CouncilKind::Other,
        }
    }

    /// The kind's Japanese name (自治会 …).
    pub fn label_ja(self) -> &'static str {
        match self {
            CouncilKind::Jichikai => "自治会",
            CouncilKind::Chonaikai => "町内会",
            CouncilKind::ChikuShinkokai => "地区振興会",
            CouncilKind::MachizukuriKyogikai => "まちづくり協議会",
            CouncilKind::Other => "その他",
        }
    }
}

/// The council's profile as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CouncilProfile {
    /// The council's identity, the same on every PC.
    pub id: CouncilId,
    /// Name (さくら台自治会).
    pub name: String,
    /// Kind of association.
    pub kind: CouncilKind,
    /// The kind's name when `kind` is `other`.
    pub kind_other: String,
    /// City (市区町村).
    pub city: String,
    /// District (地区).
    pub district: String,
    /// Address of the council's office or meeting hall.
    pub address: String,
    /// The representative's title (会長).
    pub representative_title: String,
    /// The representative's name.
    pub representative_name: String,
    /// The month the fiscal year starts (4 = April).
    pub fiscal_year_start_month: u32,
    /// True for the demo council.
    pub is_demo: bool,
    /// When the profile was created (UTC).
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// The profile as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CouncilProfileInput {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: CouncilKind,
    /// The kind's name when `kind` is `other`.
    pub kind_other: String,
    /// City.
    pub city: String,
    /// District.
    pub district: String,
    /// Address.
    pub address: String,
    /// Representative's title.
    pub representative_title: String,
    /// Representative's name.
    pub representative_name: String,
    /// Fiscal-year start month.
    pub fiscal_year_start_month: u32,
}

impl CouncilProfileInput {
    /// Trims every field and checks the profile, listing every field to fix.
    pub fn validated(&self) -> Result<Self> {
        let t = |s: &str| s.trim().to_owned();
        let input = CouncilProfileInput {
            name: t(&self.name),
            kind: self.kind,
            kind_other: if self.kind == CouncilKind::Other { t(&self.kind_other) } else { String::new() },
            city: t(&self.city),
            district: t(&self.district),
            address: t(&self.address),
            representative_title: if self.representative_title.trim().is_empty() {
                "会長".to_owned()
            } else {
                t(&self.representative_title)
            },
            representative_name: t(&self.representative_name),
            fiscal_year_start_month: self.fiscal_year_start_month,
        };
        let mut problems = Vec::new();
        let mut need = |field: &str, value: &str, ja: &str, en: &str| {
            if value.is_empty() {
                problems.push(FieldProblem { field: field.to_owned(), message: Text::new(ja, en) });
            } else if value.chars().count() > 200 {
                problems.push(FieldProblem {
                    field: field.to_owned(),
                    message: Text::new("200文字以内で入力してください。", "Keep it to 200 characters or fewer."),
                });
            }
        };
        need(
            "name",
            &input.name,
            "自治会の名前を入力してください（例：さくら台自治会）。",
            "Enter the council's name (e.g. Sakuradai Residents' Association).",
        );
        need("city", &input.city, "市区町村を入力してください（例：みどり市）。", "Enter the city (e.g. Midori City).");
        need(
            "representative_name",
            &input.representative_name,
            "代表者（会長）の氏名を入力してください。",
            "Enter the representative's (chair's) name.",
        );
        if input.kind == CouncilKind::Other {
            need(
                "kind_other",
                &input.kind_other,
                "団体の種類を入力してください（例：地域づくり組織）。",
                "Enter the kind of organisation (e.g. community development body).",
            );
        }
        for (field, value) in [("district", &input.district), ("address", &input.address)] {
            if value.chars().count() > 200 {
                problems.push(FieldProblem {
                    field: field.to_owned(),
                    message: Text::new("200文字以内で入力してください。", "Keep it to 200 characters or fewer."),
                });
            }
        }
        if !(1..=12).contains(&input.fiscal_year_start_month) {
            problems.push(FieldProblem {
                field: "fiscal_year_start_month".to_owned(),
                message: Text::new(
                    "年度の始まりの月は1〜12で選んでください（通常は4月）。",
                    "Choose a start month from 1 to 12 (usually April).",
                ),
            });
        }
        if problems.is_empty() { Ok(input) } else { Err(Error::fields(problems)) }
    }
}

const COLUMNS: &str = "id, name, kind, kind_other, city, district, address, representative_title, \
                       representative_name, fiscal_year_start_month, is_demo, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CouncilProfile> {
    Ok(CouncilProfile {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: CouncilKind::parse(&r.get::<_, String>(2)?),
        kind_other: r.get(3)?,
        city: r.get(4)?,
        district: r.get(5)?,
        address: r.get(6)?,
        representative_title: r.get(7)?,
        representative_name: r.get(8)?,
        fiscal_year_start_month: r.get(9)?,
        is_demo: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// The council's profile, if one has been set up.
pub fn get(conn: &Connection) -> Result<Option<CouncilProfile>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM council WHERE singleton = 1"), [], from_row).optional()?)
}

/// The profile, or [`Error::NoCouncil`].
pub fn require(conn: &Connection) -> Result<CouncilProfile> {
    get(conn)?.ok_or(Error::NoCouncil)
}

/// The month the council's fiscal year starts in (April before a council is set up).
pub fn start_month(conn: &Connection) -> Result<u32> {
    Ok(get(conn)?.map_or(4, |c| c.fiscal_year_start_month))
}

/// The fiscal year `year` names, or the one `today` falls in, with the council's start month.
pub fn fiscal_year_or_current(conn: &Connection, year: Option<i32>, today: NaiveDate) -> Result<(FiscalYear, u32)> {
    let start_month = start_month(conn)?;
    Ok((year.map(FiscalYear).unwrap_or_else(|| FiscalYear::of(today, start_month)), start_month))
}

/// The council's current fiscal year on `today`.
pub fn current_fiscal_year(conn: &Connection, today: NaiveDate) -> Result<FiscalYearInfo> {
    let start_month = start_month(conn)?;
    Ok(FiscalYear::of(today, start_month).info(start_month))
}

/// Creates the council's profile (first start). Refused if one exists: one council per data folder.
pub fn create(w: &Write<'_>, input: &CouncilProfileInput, is_demo: bool) -> Result<CouncilProfile> {
    let input = input.validated()?;
    if get(w)?.is_some() {
        return Err(Error::Conflict(Text::new(
            "このデータフォルダには既に自治会が登録されています。内容の変更は「設定」から行ってください。",
            "A council is already set up in this data folder. Change its profile in Settings.",
        )));
    }
    let id = CouncilId::new();
    w.execute(
        &format!("INSERT INTO council (singleton, {COLUMNS}) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)"),
        params![
            id,
            input.name,
            input.kind.as_str(),
            input.kind_other,
            input.city,
            input.district,
            input.address,
            input.representative_title,
            input.representative_name,
            input.fiscal_year_start_month,
            is_demo,
            w.now(),
        ],
    )?;
    let created = require(w)?;
    w.record(Change {
        entity: "council",
        entity_id: created.id.as_str(),
        action: AuditAction::Create,
        summary: format!("自治会「{}」を登録", created.name),
        before: None,
        after: serde_json::to_value(&created).ok(),
    })?;
    Ok(created)
}

/// Changes the council's profile.
pub fn update(w: &Write<'_>, input: &CouncilProfileInput) -> Result<CouncilProfile> {
    let input = input.validated()?;
    let before = require(w)?;
    w.execute(
        "UPDATE council SET name = ?1, kind = ?2, kind_other = ?3, city = ?4, district = ?5, address = ?6,
                representative_title = ?7, representative_name = ?8, fiscal_year_start_month = ?9, updated_at = ?10
         WHERE singleton = 1",
        params![
            input.name,
            input.kind.as_str(),
            input.kind_other,
            input.city,
            input.district,
            input.address,
            input.representative_title,
            input.representative_name,
            input.fiscal_year_start_month,
            w.now(),
        ],
    )?;
    let after = require(w)?;
    w.record(Change {
        entity: "council",
        entity_id: after.id.as_str(),
        action: AuditAction::Update,
        summary: format!("自治会の情報を変更（{}）", changed_fields(&before, &after).join("、")),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&after).ok(),
    })?;
    Ok(after)
}

/// The Japanese names of the fields that differ, for the audit summary.
fn changed_fields(a: &CouncilProfile, b: &CouncilProfile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let pairs: [(&str, bool); 8] = [
        ("名称", a.name != b.name),
        ("種類", a.kind != b.kind || a.kind_other != b.kind_other),
        ("市区町村", a.city != b.city),
        ("地区", a.district != b.district),
        ("所在地", a.address != b.address),
        ("代表者の役職", a.representative_title != b.representative_title),
        ("代表者", a.representative_name != b.representative_name),
        ("年度の開始月", a.fiscal_year_start_month != b.fiscal_year_start_month),
    ];
    for (name, changed) in pairs {
        if changed {
            out.push(name);
        }
    }
    if out.is_empty() {
        out.push("変更なし");
    }
    out
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "council",
    source: "council",
    label_ja: "自治会",
    label_en: "Council",
    sql: "SELECT id, name, kind, kind_other, city, district, address, representative_title,
                     representative_name, fiscal_year_start_month, is_demo, created_at, updated_at FROM council",
    columns: &[
        col("id", "ID", Str),
        col("name", "名称", Str),
        col("kind", "種類", Str),
        col("kind_other", "種類（その他）", Str),
        col("city", "市区町村", Str),
        col("district", "地区", Str),
        col("address", "所在地", Str),
        col("representative_title", "代表者の役職", Str),
        col("representative_name", "代表者", Str),
        col("fiscal_year_start_month", "年度の始まりの月", Integer),
        col("is_demo", "デモ", Bool),
        col("created_at", "作成日時", Str),
        col("updated_at", "更新日時", Str),
    ],
}];

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> CouncilProfileInput {
        CouncilProfileInput {
            name: "  さくら台自治会 ".into(),
            kind: CouncilKind::Jichikai,
            kind_other: "ignored".into(),
            city: "みどり市".into(),
            district: "さくら台地区".into(),
            address: "みどり市さくら台二丁目3番1号".into(),
            representative_title: "".into(),
            representative_name: "山田 太郎".into(),
            fiscal_year_start_month: 4,
        }
    }

    #[test]
    fn validation_trims_and_fills_defaults() {
        let v = sample().validated().expect("valid");
        assert_eq!(v.name, "さくら台自治会", "surrounding spaces are trimmed");
        assert_eq!(v.representative_title, "会長", "the title defaults to 会長");
        assert_eq!(v.kind_other, "", "kind_other is only kept for kind = other");
    }

    #[test]
    fn validation_lists_every_problem() {
        let bad = CouncilProfileInput {
            name: " ".into(),
            city: "".into(),
            representative_name: "".into(),
            kind: CouncilKind::Other,
            kind_other: "".into(),
            fiscal_year_start_month: 13,
            ..sample()
        };
        match bad.validated() {
            Err(Error::Validation { problems, .. }) => {
                let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
                assert_eq!(
                    fields,
                    ["name", "city", "representative_name", "kind_other", "fiscal_year_start_month"],
                    "every field to fix is named, in form order"
                );
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}
