//! The audit log's history: who changed what, when, from what to what, as the history views and
//! 「削除した記録」 read it. Every write records its entries through the write context
//! ([`crate::Write::record`]), inside its own transaction.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use council_store::audit::{AuditAction, Change, UNNAMED_OPERATOR};

use crate::error::Result;
use crate::export::ColumnKind::{Integer, Json, Text as Str};
use crate::export::{TableExport, col};
use crate::text::Text;

/// One recorded change, as the history view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    /// Order of recording on this database.
    pub seq: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// The operator's name.
    pub actor: String,
    /// The aggregate.
    pub entity: String,
    /// The record's ID.
    pub entity_id: String,
    /// What happened.
    pub action: AuditAction,
    /// One readable line, as recorded (in Japanese).
    pub summary: String,
    /// The line in English, for a window in English: what was done to which record, named from the
    /// record itself (the Japanese line may say more; the fields changed are listed beside it).
    pub summary_en: String,
    /// The record before, as JSON text.
    pub before: Option<String>,
    /// The record after, as JSON text.
    pub after: Option<String>,
    /// The fields the change altered, each from → to, in the words of the forms.
    pub changes: Vec<FieldChange>,
}

/// One field a change altered, as the history shows it: 「場所：公民館 → 集会所」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    /// The field's name as its form labels it.
    pub field: Text,
    /// Its value before (「なし」 when empty).
    pub from: Text,
    /// Its value after.
    pub to: Text,
}

/// The fields a person changes on the forms, by the key their record's JSON keeps them under, with
/// the forms' words for them. Keys not listed (IDs, bookkeeping, worked-out texts) are not shown.
const FIELDS: &[(&str, &str, &str)] = &[
    ("title", "名称", "Title"),
    ("name", "名前", "Name"),
    ("kana", "ふりがな", "Reading"),
    ("category", "種類", "Category"),
    ("kind", "種類", "Kind"),
    ("starts_on", "始まりの日", "Starts"),
    ("ends_on", "終わりの日", "Ends"),
    ("start_time", "開始時刻", "Start time"),
    ("end_time", "終了時刻", "End time"),
    ("held_on", "開催日", "Date"),
    ("starts_at", "開始時刻", "Start time"),
    ("place", "場所", "Place"),
    ("organiser", "主催", "Organiser"),
    ("chair", "議長", "Chair"),
    ("expected_participants", "参加予定数", "Expected participants"),
    ("actual_participants", "参加者数", "Participants"),
    ("volunteers", "ボランティア数", "Volunteers"),
    ("cost", "経費", "Cost"),
    ("fee", "参加費", "Fee"),
    ("notice_text", "お知らせの本文", "Notice text"),
    ("notes", "備考", "Notes"),
    ("code", "世帯番号", "Household number"),
    ("address", "住所", "Address"),
    ("joined_on", "加入日", "Joined"),
    ("phone", "電話", "Phone"),
    ("email", "メール", "E-mail"),
    ("amount", "金額", "Amount"),
    ("paid_on", "支払日", "Paid on"),
    ("payee", "支払先", "Payee"),
    ("description", "但し書き", "Description"),
    ("addressee", "宛名", "Addressee"),
    ("contact_person", "担当者", "Contact person"),
    ("owner", "担当", "Owner"),
    ("due_on", "期限", "Due"),
    ("city", "市区町村", "City"),
    ("district", "地区", "District"),
    ("representative_title", "代表者の役職", "Representative's title"),
    ("representative_name", "代表者", "Representative"),
    ("fiscal_year_start_month", "年度の始まりの月", "Fiscal year starts"),
    ("person_name", "氏名", "Name"),
    ("contact_name", "担当者", "Contact person"),
    ("contact_phone", "担当者の電話", "Contact phone"),
    ("seal", "押印", "Seal"),
];

/// A JSON value as the history shows it: a day in 和暦 (in English as 2026-07-20), empty as 「なし」.
fn shown(value: Option<&serde_json::Value>) -> Text {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => Text::new("なし", "none"),
        Some(Value::String(s)) if s.is_empty() => Text::new("なし", "none"),
        Some(Value::String(s)) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(day) => Text::new(crate::calendar::wareki(day), s.clone()),
            Err(_) => Text::new(s.clone(), s.clone()),
        },
        Some(Value::Bool(b)) => {
            if *b {
                Text::new("はい", "yes")
            } else {
                Text::new("いいえ", "no")
            }
        }
        Some(Value::Number(n)) => {
            let n = n.as_i64().map_or_else(|| n.to_string(), crate::money::format_amount);
            Text::new(n.clone(), n)
        }
        Some(other) => Text::new(other.to_string(), other.to_string()),
    }
}

/// What the English history calls each kind of record (the log's `entity`); one not listed is named
/// by its table's words.
const ENTITIES_EN: &[(&str, &str)] = &[
    ("account", "account"),
    ("account_asset", "asset"),
    ("account_audit", "audit"),
    ("account_balance_check", "balance check"),
    ("account_budget", "budget"),
    ("account_budget_transfer", "budget transfer"),
    ("account_category", "account item"),
    ("account_month_close", "month's closing"),
    ("account_year_close", "year's closing"),
    ("action_item", "action item"),
    ("agenda_item", "agenda item"),
    ("attachment", "attachment"),
    ("block", "block"),
    ("book", "book"),
    ("council", "council's profile"),
    ("dues_payment", "dues payment"),
    ("dues_rate", "dues rate"),
    ("event", "event"),
    ("grant_application", "grant application"),
    ("grant_expense", "grant expense"),
    ("grant_ledger", "grant's book"),
    ("grant_program", "grant program"),
    ("household", "household"),
    ("ledger_entry", "book entry"),
    ("meeting", "meeting"),
    ("minutes", "minutes"),
    ("officer_term", "officer's term"),
    ("partner", "partner"),
    ("person", "person"),
    ("plan", "community plan"),
    ("plan_action", "plan action"),
    ("plan_indicator", "indicator"),
    ("plan_measure", "measure"),
    ("plan_policy", "policy"),
    ("roster_import", "roster import"),
    ("settings", "settings"),
    ("sync_device", "PC in the sharing"),
];

/// The record's own name in its JSON: its title or name, a household's head, or its address.
fn record_name(json: &serde_json::Value) -> Option<String> {
    let persons = json.get("persons").and_then(|p| p.as_array());
    let head =
        persons.and_then(|p| p.iter().find(|x| x.get("is_head").and_then(|h| h.as_bool()) == Some(true)).or(p.first()));
    if let Some(name) = head.and_then(|h| h.get("name")).and_then(|n| n.as_str()).filter(|n| !n.trim().is_empty()) {
        return Some(name.trim().to_owned());
    }
    ["title", "project_name", "name", "head_name", "label", "address", "file_name"]
        .iter()
        .find_map(|k| json.get(k).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty()))
        .map(str::to_owned)
}

/// The English line of a change: 「Changed the event “夏祭り”」.
fn summary_en(entity: &str, action: AuditAction, before: Option<&str>, after: Option<&str>) -> String {
    let verb = match action {
        AuditAction::Create => "Added",
        AuditAction::Update => "Changed",
        AuditAction::Delete => "Deleted",
        AuditAction::Restore => "Brought back",
    };
    let noun = ENTITIES_EN
        .iter()
        .find(|(key, _)| *key == entity)
        .map_or_else(|| entity.replace('_', " "), |(_, en)| (*en).to_owned());
    let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    let name = parse(after).as_ref().and_then(record_name).or_else(|| parse(before).as_ref().and_then(record_name));
    match name {
        Some(name) => format!("{verb} the {noun} “{name}”"),
        None => format!("{verb} the {noun}"),
    }
}

/// The fields that differ between a record's JSON before and after a change.
pub fn field_changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    let (Some(before), Some(after)) = (parse(before), parse(after)) else { return Vec::new() };
    FIELDS
        .iter()
        .filter_map(|(key, ja, en)| {
            let (b, a) = (before.get(key), after.get(key));
            let scalar = |v: Option<&serde_json::Value>| {
                !matches!(v, Some(serde_json::Value::Array(_) | serde_json::Value::Object(_)))
            };
            if b.is_none() && a.is_none() || !scalar(b) || !scalar(a) {
                return None;
            }
            let (from, to) = (shown(b), shown(a));
            (from != to).then(|| FieldChange { field: Text::new(*ja, *en), from, to })
        })
        .collect()
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let (before, after): (Option<String>, Option<String>) = (r.get(7)?, r.get(8)?);
    let (entity, action): (String, AuditAction) = (r.get(3)?, AuditAction::parse(&r.get::<_, String>(5)?));
    Ok(AuditEntry {
        changes: field_changes(before.as_deref(), after.as_deref()),
        summary_en: summary_en(&entity, action, before.as_deref(), after.as_deref()),
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        entity,
        entity_id: r.get(4)?,
        action,
        summary: r.get(6)?,
        before,
        after,
    })
}

const COLUMNS: &str = "seq, at, actor, entity, entity_id, action, summary, before_json, after_json";

/// The history of one record, oldest first.
pub fn for_record(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq"))?;
    let rows = stmt.query_map(params![entity, entity_id], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest `limit` changes, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT ?1"))?;
    let rows = stmt.query_map(params![limit], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many changes are recorded.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
}

/// Deletions of `entity` records not brought back since, newest first (what the history offers to restore).
pub fn deletions(conn: &Connection, entity: &str, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log d
         WHERE d.entity = ?1 AND d.action = 'delete'
           AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.entity = d.entity AND r.entity_id = d.entity_id
                           AND r.action = 'restore' AND r.seq > d.seq)
         ORDER BY d.seq DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![entity, limit], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The history entry of the latest deletion of `entity` `id` (to undo it).
pub fn last_deletion(tx: &Transaction<'_>, entity: &str, id: &str) -> Result<i64> {
    Ok(tx
        .query_row(
            "SELECT max(seq) FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND action = 'delete'",
            params![entity, id],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or_default())
}

/// The state a record had when it was deleted at entry `seq` (its `before` JSON), for bringing it back.
pub fn deleted_state(tx: &Transaction<'_>, seq: i64, entity: &str) -> Result<serde_json::Value> {
    let not_found = || {
        crate::error::Error::NotFound(crate::text::Text::new(
            "元に戻せる削除の記録が見つかりません。変更の記録を開き直してください。",
            "No deletion to undo was found there. Reopen the change history.",
        ))
    };
    let before: Option<String> = tx
        .query_row(
            "SELECT before_json FROM audit_log WHERE seq = ?1 AND entity = ?2 AND action = 'delete'",
            params![seq, entity],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    serde_json::from_str(&before.ok_or_else(not_found)?).map_err(|_| not_found())
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "audit_log",
    source: "audit_log",
    label_ja: "変更履歴",
    label_en: "Change history",
    sql: "SELECT seq, at, actor, entity, entity_id, action, summary, before_json, after_json FROM audit_log
              ORDER BY seq",
    columns: &[
        col("seq", "番号", Integer),
        col("at", "日時", Str),
        col("actor", "操作者", Str),
        col("entity", "対象", Str),
        col("entity_id", "対象ID", Str),
        col("action", "操作", Str),
        col("summary", "内容", Str),
        col("before", "変更前", Json),
        col("after", "変更後", Json),
    ],
}];

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn a_change_names_its_fields_in_the_forms_words_with_days_in_wareki() {
        let before = r#"{"id":"e1","title":"夏祭り","place":"公民館","starts_on":"2026-07-20","cost":null,"partners":[1],"updated_at":"x"}"#;
        let after = r#"{"id":"e1","title":"夏祭り","place":"集会所","starts_on":"2026-07-27","cost":5000,"partners":[1,2],"updated_at":"y"}"#;
        let changes = field_changes(Some(before), Some(after));
        let english: Vec<(String, String, String)> =
            changes.iter().map(|c| (c.field.en.clone(), c.from.en.clone(), c.to.en.clone())).collect();
        let shown: Vec<(String, String, String)> =
            changes.into_iter().map(|c| (c.field.ja, c.from.ja, c.to.ja)).collect();
        assert_eq!(
            shown,
            [
                ("始まりの日".to_owned(), "令和8年7月20日".to_owned(), "令和8年7月27日".to_owned()),
                ("場所".to_owned(), "公民館".to_owned(), "集会所".to_owned()),
                ("経費".to_owned(), "なし".to_owned(), "5,000".to_owned()),
            ],
            "the form's order; unchanged, listed, ID and bookkeeping values left out"
        );
        assert!(field_changes(None, Some(after)).is_empty(), "a record created has no from → to");
        assert_eq!(
            english,
            [
                ("Starts".to_owned(), "2026-07-20".to_owned(), "2026-07-27".to_owned()),
                ("Place".to_owned(), "公民館".to_owned(), "集会所".to_owned()),
                ("Cost".to_owned(), "none".to_owned(), "5,000".to_owned()),
            ],
            "in English: the fields' English names, days as dates, empty as none"
        );
    }

    #[test]
    fn the_english_line_names_what_was_done_to_which_record() {
        let event = r#"{"id":"e1","title":"夏祭り"}"#;
        assert_eq!(summary_en("event", AuditAction::Update, Some(event), Some(event)), "Changed the event “夏祭り”");
        assert_eq!(summary_en("event", AuditAction::Delete, Some(event), None), "Deleted the event “夏祭り”");
        let household = r#"{"id":"h1","address":"さくら台1-2-3","persons":[{"name":"山田 花子","is_head":false},{"name":"山田 太郎","is_head":true}]}"#;
        assert_eq!(
            summary_en("household", AuditAction::Create, None, Some(household)),
            "Added the household “山田 太郎”"
        );
        assert_eq!(summary_en("settings", AuditAction::Update, None, Some("{}")), "Changed the settings");
        assert_eq!(summary_en("plan_policy", AuditAction::Restore, None, None), "Brought back the policy");
        assert_eq!(summary_en("new_kind", AuditAction::Create, None, None), "Added the new kind");
    }
}
