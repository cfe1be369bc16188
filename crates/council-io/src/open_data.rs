//! Open data export: every table of the council in plain formats, so the council is never locked in
//! to this app. One JSON document, one Excel workbook (a sheet per table, Japanese headers), or one
//! UTF-8 CSV file (with a BOM, for Excel) per table in a folder.
//!
//! The tables are a list, [`TABLES`]: each names the database table it exports, its Japanese and
//! English label, the query, and its columns with their Japanese headers and kinds. A later feature
//! (meetings, events, grants…) adds its tables by adding entries; a test fails while a database table
//! has no entry. Internal columns (folded search text, sort keys) are left out; IDs are kept so the
//! tables can be joined again, and each row also carries the names a person needs (a household's
//! block name, a person's 世帯番号) so a single sheet can be read on its own.

use std::fs;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::ExportEncoding;
use crate::roster::{Cell, csv_bytes, write_failed, write_table};
use council_domain::council;
use council_domain::error::{Error, Result};
use council_domain::text::Text;
use council_store::APP_VERSION;
use council_store::backup;

/// The plain format to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenDataFormat {
    /// One JSON document with every table as a list of records.
    Json,
    /// One Excel workbook, a sheet per table.
    Xlsx,
    /// One CSV file per table (UTF-8 with a BOM) in a folder.
    Csv,
}

/// One exported table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedTable {
    /// Stable key (`households`, `persons`, …): the JSON key and the CSV file's name.
    pub key: String,
    /// What the table holds, in both languages (the workbook's sheet name is the Japanese one).
    pub label: Text,
    /// Rows written.
    pub rows: u32,
}

/// What an open data export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OpenDataExport {
    /// The file (JSON, xlsx) or folder (CSV) written.
    pub path: String,
    /// The format.
    pub format: OpenDataFormat,
    /// Every table, in export order.
    pub tables: Vec<ExportedTable>,
    /// The files written (one for JSON and xlsx, one per table for CSV).
    pub files: Vec<String>,
}

/// How a column's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text as stored.
    Text,
    /// A whole number (yen, a year, a count).
    Integer,
    /// A calendar date stored as `YYYY-MM-DD`: an Excel date in a workbook, ISO text elsewhere.
    Date,
    /// A flag stored as 0/1.
    Bool,
    /// JSON text (the change history's before/after): nested JSON in the JSON export, text elsewhere.
    Json,
}

/// One column of an exported table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its key in the JSON records.
    pub key: &'static str,
    /// Its header in the workbook and the CSV files.
    pub header: &'static str,
    /// How its values are written.
    pub kind: ColumnKind,
}

/// A column: its JSON key, its header, its kind.
pub const fn col(key: &'static str, header: &'static str, kind: ColumnKind) -> Column {
    Column { key, header, kind }
}

/// One table of the export: its query yields the columns in order.
#[derive(Debug, Clone, Copy)]
pub struct TableExport {
    /// Stable key.
    pub key: &'static str,
    /// The database table it exports (every row of it, one record each).
    pub source: &'static str,
    /// Japanese label (the sheet's name: at most 31 characters, none of `[]:*?/\`).
    pub label_ja: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// The query.
    pub sql: &'static str,
    /// The columns, in the query's order.
    pub columns: &'static [Column],
}

use ColumnKind::{Bool, Date, Integer, Json, Text as Str};

/// Tables that hold nothing of the council's own: the version id of the data (`content_version`,
/// which only tells the app whether figures kept between openings still hold). Not exported.
pub const NOT_COUNCIL_DATA: &[&str] = &["content_version"];

/// Every table of a council, in the order people read them. Add an entry with each new table.
pub const TABLES: &[TableExport] = &[
    TableExport {
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
    },
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
        sql: "SELECT p.id, p.household_id, h.code, p.name, p.kana, p.is_head, p.phone, p.email, p.birth_year, p.notes,
                     p.created_at, p.updated_at
              FROM person p JOIN household h ON h.id = p.household_id
              ORDER BY h.code, p.household_id, p.is_head DESC, p.id",
        columns: &[
            col("id", "ID", Str),
            col("household_id", "世帯ID", Str),
            col("household_code", "世帯番号", Str),
            col("name", "氏名", Str),
            col("kana", "ふりがな", Str),
            col("is_head", "世帯主", Bool),
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
    TableExport {
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
    },
    TableExport {
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
    },
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
                     d.created_at
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
        ],
    },
    TableExport {
        key: "events",
        source: "event",
        label_ja: "行事",
        label_en: "Events",
        sql: "SELECT id, title, category, starts_on, ends_on, start_time, end_time, place, organiser,
                     expected_participants, actual_participants, volunteers, cost, notes, action_id, grant_id,
                     created_at, updated_at FROM event ORDER BY starts_on, id",
        columns: &[
            col("id", "ID", Str),
            col("title", "行事名", Str),
            col("category", "種類", Str),
            col("starts_on", "開始日", Date),
            col("ends_on", "終了日", Date),
            col("start_time", "開始時刻", Str),
            col("end_time", "終了時刻", Str),
            col("place", "場所", Str),
            col("organiser", "主催", Str),
            col("expected_participants", "参加予定数", Integer),
            col("actual_participants", "参加者数", Integer),
            col("volunteers", "ボランティア数", Integer),
            col("cost", "経費（円）", Integer),
            col("notes", "備考", Str),
            col("action_id", "計画の事業ID", Str),
            col("grant_id", "助成金ID", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "event_partners",
        source: "event_partner",
        label_ja: "行事の連携団体",
        label_en: "Event partners",
        sql: "SELECT x.event_id, x.partner_id, p.name FROM event_partner x JOIN partner p ON p.id = x.partner_id
              ORDER BY x.event_id, p.name",
        columns: &[col("event_id", "行事ID", Str), col("partner_id", "連携団体ID", Str), col("partner_name", "連携団体", Str)],
    },
    TableExport {
        key: "event_photos",
        source: "event_photo",
        label_ja: "行事の写真",
        label_en: "Event photos",
        sql: "SELECT event_id, attachment_id, sort_order FROM event_photo ORDER BY event_id, sort_order",
        columns: &[col("event_id", "行事ID", Str), col("attachment_id", "添付ファイルID", Str), col("sort_order", "並び順", Integer)],
    },
    TableExport {
        key: "attachments",
        source: "attachment",
        label_ja: "添付ファイル",
        label_en: "Attachments",
        sql: "SELECT id, name, mime, size, sha256, created_at FROM attachment ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("name", "ファイル名", Str),
            col("mime", "種類", Str),
            col("size", "大きさ（バイト）", Integer),
            col("sha256", "SHA-256（attachments フォルダのファイル名）", Str),
            col("created_at", "作成日時", Str),
        ],
    },
    TableExport {
        key: "plans",
        source: "plan",
        label_ja: "まちづくり計画",
        label_en: "Plans",
        sql: "SELECT id, lineage, version, title, start_year, end_year, vision, revision_note, locked, created_at,
                     updated_at FROM plan ORDER BY lineage, version",
        columns: &[
            col("id", "ID", Str),
            col("lineage", "計画の系列", Str),
            col("version", "版", Integer),
            col("title", "計画名", Str),
            col("start_year", "開始年度", Integer),
            col("end_year", "終了年度", Integer),
            col("vision", "目指す姿", Str),
            col("revision_note", "改訂の理由", Str),
            col("locked", "改訂済み（変更不可）", Bool),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "plan_policies",
        source: "plan_policy",
        label_ja: "基本方針",
        label_en: "Policies",
        sql: "SELECT id, plan_id, lineage, number, title, description FROM plan_policy ORDER BY plan_id, number",
        columns: &[
            col("id", "ID", Str),
            col("plan_id", "計画ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("title", "基本方針", Str),
            col("description", "説明", Str),
        ],
    },
    TableExport {
        key: "plan_measures",
        source: "plan_measure",
        label_ja: "施策",
        label_en: "Measures",
        sql: "SELECT id, policy_id, lineage, number, title, current_state FROM plan_measure ORDER BY policy_id, number",
        columns: &[
            col("id", "ID", Str),
            col("policy_id", "基本方針ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("title", "施策", Str),
            col("current_state", "現状と課題", Str),
        ],
    },
    TableExport {
        key: "plan_actions",
        source: "plan_action",
        label_ja: "事業",
        label_en: "Actions",
        sql: "SELECT id, measure_id, lineage, number, name, content, main_activities, responsible, status
              FROM plan_action ORDER BY measure_id, number",
        columns: &[
            col("id", "ID", Str),
            col("measure_id", "施策ID", Str),
            col("lineage", "系列", Str),
            col("number", "番号", Integer),
            col("name", "事業名", Str),
            col("content", "事業内容", Str),
            col("main_activities", "主な実施内容", Str),
            col("responsible", "主体", Str),
            col("status", "状況", Str),
        ],
    },
    TableExport {
        key: "plan_action_partners",
        source: "plan_action_partner",
        label_ja: "事業の連携団体",
        label_en: "Action partners",
        sql: "SELECT x.action_id, x.partner_id, p.name FROM plan_action_partner x JOIN partner p ON p.id = x.partner_id
              ORDER BY x.action_id, p.name",
        columns: &[col("action_id", "事業ID", Str), col("partner_id", "連携団体ID", Str), col("partner_name", "連携団体", Str)],
    },
    TableExport {
        key: "plan_action_schedule",
        source: "plan_action_schedule",
        label_ja: "事業の実施時期",
        label_en: "Action schedule",
        sql: "SELECT action_id, fiscal_year, quarter FROM plan_action_schedule ORDER BY action_id, fiscal_year, quarter",
        columns: &[col("action_id", "事業ID", Str), col("fiscal_year", "年度", Integer), col("quarter", "四半期", Integer)],
    },
    TableExport {
        key: "plan_action_reviews",
        source: "plan_action_review",
        label_ja: "事業の進捗",
        label_en: "Action reviews",
        sql: "SELECT action_id, fiscal_year, status, comment FROM plan_action_review ORDER BY action_id, fiscal_year",
        columns: &[
            col("action_id", "事業ID", Str),
            col("fiscal_year", "年度", Integer),
            col("status", "状況", Str),
            col("comment", "評価・コメント", Str),
        ],
    },
    TableExport {
        key: "plan_indicators",
        source: "plan_indicator",
        label_ja: "指標",
        label_en: "Indicators",
        sql: "SELECT id, measure_id, action_id, lineage, sort_order, name, unit, baseline_value, baseline_year,
                     target_value, target_year, reasoning FROM plan_indicator ORDER BY measure_id, action_id, sort_order",
        columns: &[
            col("id", "ID", Str),
            col("measure_id", "施策ID", Str),
            col("action_id", "事業ID", Str),
            col("lineage", "系列", Str),
            col("sort_order", "並び順", Integer),
            col("name", "指標名", Str),
            col("unit", "単位", Str),
            col("baseline_value", "現状値", Integer),
            col("baseline_year", "現状値の年度", Integer),
            col("target_value", "目標値", Integer),
            col("target_year", "目標値の年度", Integer),
            col("reasoning", "設定の考え方", Str),
        ],
    },
    TableExport {
        key: "plan_indicator_actuals",
        source: "plan_indicator_actual",
        label_ja: "指標の実績",
        label_en: "Indicator actuals",
        sql: "SELECT indicator_id, fiscal_year, value FROM plan_indicator_actual ORDER BY indicator_id, fiscal_year",
        columns: &[col("indicator_id", "指標ID", Str), col("fiscal_year", "年度", Integer), col("value", "実績値", Integer)],
    },
    TableExport {
        key: "settings",
        source: "setting",
        label_ja: "設定",
        label_en: "Settings",
        sql: "SELECT key, value FROM setting ORDER BY key",
        columns: &[col("key", "項目", Str), col("value", "値", Str)],
    },
    TableExport {
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
    },
    TableExport {
        key: "meetings",
        source: "meeting",
        label_ja: "会議",
        label_en: "Meetings",
        sql: "SELECT id, kind, title, held_on, starts_at, place, chair, invite, notes, created_at, updated_at
              FROM meeting ORDER BY held_on, id",
        columns: &[
            col("id", "ID", Str),
            col("kind", "種類", Str),
            col("title", "会議名", Str),
            col("held_on", "開催日", Date),
            col("starts_at", "開始時刻", Str),
            col("place", "会場", Str),
            col("chair", "議長", Str),
            col("invite", "招集範囲", Str),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "meeting_invitees",
        source: "meeting_invitee",
        label_ja: "会議の出欠",
        label_en: "Meeting attendance",
        sql: "SELECT meeting_id, seq, household_id, person_id, name, label, attendance, proxy_holder
              FROM meeting_invitee ORDER BY meeting_id, seq",
        columns: &[
            col("meeting_id", "会議ID", Str),
            col("seq", "番号", Integer),
            col("household_id", "世帯ID", Str),
            col("person_id", "会員ID", Str),
            col("name", "氏名", Str),
            col("label", "班・役職", Str),
            col("attendance", "出欠", Str),
            col("proxy_holder", "受任者", Str),
        ],
    },
    TableExport {
        key: "agenda_items",
        source: "agenda_item",
        label_ja: "次第・議案",
        label_en: "Agenda and motions",
        sql: "SELECT id, meeting_id, position, kind, title, presenter, planned_minutes, proposal, majority, result,
                     votes_for, votes_against, votes_abstain, created_at, updated_at
              FROM agenda_item ORDER BY meeting_id, position",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("position", "順番", Integer),
            col("kind", "種類", Str),
            col("title", "題名", Str),
            col("presenter", "説明者", Str),
            col("planned_minutes", "予定時間（分）", Integer),
            col("proposal", "議案の内容", Str),
            col("majority", "必要な賛成", Str),
            col("result", "結果", Str),
            col("votes_for", "賛成", Integer),
            col("votes_against", "反対", Integer),
            col("votes_abstain", "棄権", Integer),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "agenda_papers",
        source: "agenda_paper",
        label_ja: "会議資料",
        label_en: "Meeting papers",
        sql: "SELECT id, agenda_item_id, file_name, sha256, size, created_at FROM agenda_paper ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("file_name", "ファイル名", Str),
            col("sha256", "SHA-256", Str),
            col("size", "大きさ（バイト）", Integer),
            col("created_at", "作成日時", Str),
        ],
    },
    TableExport {
        key: "minutes",
        source: "minutes",
        label_ja: "議事録",
        label_en: "Minutes",
        sql: "SELECT id, meeting_id, amends_id, status, chair, recorder, signatory1, signatory2, opening, closing,
                     correction, circulated_on, approved_on, signed_on, signed_json, created_at, updated_at
              FROM minutes ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("amends_id", "訂正元ID", Str),
            col("status", "状態", Str),
            col("chair", "議長", Str),
            col("recorder", "書記", Str),
            col("signatory1", "議事録署名人1", Str),
            col("signatory2", "議事録署名人2", Str),
            col("opening", "開会", Str),
            col("closing", "閉会", Str),
            col("correction", "訂正の内容", Str),
            col("circulated_on", "確認依頼日", Date),
            col("approved_on", "承認日", Date),
            col("signed_on", "署名日", Date),
            col("signed", "署名した議事録", Json),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "minutes_items",
        source: "minutes_item",
        label_ja: "議事録の審議内容",
        label_en: "Minutes discussion",
        sql: "SELECT minutes_id, agenda_item_id, discussion FROM minutes_item ORDER BY minutes_id, agenda_item_id",
        columns: &[
            col("minutes_id", "議事録ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("discussion", "審議内容", Str),
        ],
    },
    TableExport {
        key: "action_items",
        source: "action_item",
        label_ja: "やること",
        label_en: "Action items",
        sql: "SELECT id, meeting_id, agenda_item_id, title, owner, due_on, status, created_at, updated_at
              FROM action_item ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("title", "内容", Str),
            col("owner", "担当", Str),
            col("due_on", "期限", Date),
            col("status", "状態", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_programs",
        source: "grant_program",
        label_ja: "助成制度",
        label_en: "Grant programs",
        sql: "SELECT id, name, grantor, fiscal_year, max_amount, rate_numerator, rate_denominator,
                     change_threshold_percent, application_due, report_days, report_no_later_than, claim_days,
                     advance_payment, notes, created_at, updated_at
              FROM grant_program ORDER BY fiscal_year, name, id",
        columns: &[
            col("id", "ID", Str),
            col("name", "制度名", Str),
            col("grantor", "交付元", Str),
            col("fiscal_year", "年度", Integer),
            col("max_amount", "上限額", Integer),
            col("rate_numerator", "補助率（分子）", Integer),
            col("rate_denominator", "補助率（分母）", Integer),
            col("change_threshold_percent", "変更申請が必要な増減（%）", Integer),
            col("application_due", "申請締切", Date),
            col("report_days", "実績報告（完了後の日数）", Integer),
            col("report_no_later_than", "実績報告の最終期限", Date),
            col("claim_days", "請求（確定後の日数）", Integer),
            col("advance_payment", "概算払あり", Bool),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_program_categories",
        source: "grant_program_category",
        label_ja: "助成制度の対象経費",
        label_en: "Grant eligible categories",
        sql: "SELECT program_id, category FROM grant_program_category ORDER BY program_id, category",
        columns: &[col("program_id", "制度ID", Str), col("category", "科目", Str)],
    },
    TableExport {
        key: "grant_program_documents",
        source: "grant_program_document",
        label_ja: "助成制度の必要書類",
        label_en: "Grant required documents",
        sql: "SELECT program_id, position, name FROM grant_program_document ORDER BY program_id, position",
        columns: &[col("program_id", "制度ID", Str), col("position", "順番", Integer), col("name", "書類", Str)],
    },
    TableExport {
        key: "grant_applications",
        source: "grant_application",
        label_ja: "助成金の申請",
        label_en: "Grant applications",
        sql: "SELECT a.id, a.program_id, p.name, a.project_name, a.purpose, a.content, a.starts_on, a.ends_on, a.place,
                     a.target_group, a.expected_participants, a.partners_text, a.expected_effect, a.requested_amount,
                     a.completed_on, a.notes, a.status, a.applied_on, a.awarded_on, a.amount_granted, a.award_number,
                     a.advance_paid_on, a.advance_amount, a.change_applied_on, a.change_approved_on, a.reported_on,
                     a.settled_on, a.settled_amount, a.claimed_on, a.paid_on, a.amount_paid, a.closed_on,
                     a.closed_reason, a.created_at, a.updated_at
              FROM grant_application a JOIN grant_program p ON p.id = a.program_id
              ORDER BY p.fiscal_year, a.starts_on, a.id",
        columns: &[
            col("id", "ID", Str),
            col("program_id", "制度ID", Str),
            col("program_name", "制度名", Str),
            col("project_name", "事業名", Str),
            col("purpose", "目的", Str),
            col("content", "内容", Str),
            col("starts_on", "事業開始日", Date),
            col("ends_on", "事業終了日", Date),
            col("place", "実施場所", Str),
            col("target_group", "対象者", Str),
            col("expected_participants", "参加見込み人数", Integer),
            col("partners_text", "連携団体（その他）", Str),
            col("expected_effect", "期待される効果", Str),
            col("requested_amount", "申請額", Integer),
            col("completed_on", "完了日", Date),
            col("notes", "備考", Str),
            col("status", "状態", Str),
            col("applied_on", "申請日", Date),
            col("awarded_on", "交付決定日", Date),
            col("amount_granted", "交付決定額", Integer),
            col("award_number", "交付決定番号", Str),
            col("advance_paid_on", "概算払の日", Date),
            col("advance_amount", "概算払の額", Integer),
            col("change_applied_on", "変更申請日", Date),
            col("change_approved_on", "変更承認日", Date),
            col("reported_on", "実績報告日", Date),
            col("settled_on", "交付確定日", Date),
            col("settled_amount", "交付確定額", Integer),
            col("claimed_on", "請求日", Date),
            col("paid_on", "入金日", Date),
            col("amount_paid", "入金額", Integer),
            col("closed_on", "取下げ・不交付の日", Date),
            col("closed_reason", "取下げ・不交付の理由", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_application_partners",
        source: "grant_application_partner",
        label_ja: "申請の連携団体",
        label_en: "Grant application partners",
        sql: "SELECT x.application_id, x.partner_id, p.name FROM grant_application_partner x
              JOIN partner p ON p.id = x.partner_id ORDER BY x.application_id, p.name",
        columns: &[col("application_id", "申請ID", Str), col("partner_id", "連携団体ID", Str), col("partner_name", "連携団体", Str)],
    },
    TableExport {
        key: "grant_application_actions",
        source: "grant_application_action",
        label_ja: "申請の計画事業",
        label_en: "Grant application plan actions",
        sql: "SELECT x.application_id, x.action_id, a.name FROM grant_application_action x
              JOIN plan_action a ON a.id = x.action_id ORDER BY x.application_id, a.name",
        columns: &[col("application_id", "申請ID", Str), col("action_id", "事業ID", Str), col("action_name", "事業名", Str)],
    },
    TableExport {
        key: "grant_application_schedule",
        source: "grant_application_schedule",
        label_ja: "申請の実施スケジュール",
        label_en: "Grant application schedule",
        sql: "SELECT application_id, quarter, content FROM grant_application_schedule ORDER BY application_id, quarter",
        columns: &[col("application_id", "申請ID", Str), col("quarter", "四半期", Integer), col("content", "実施内容", Str)],
    },
    TableExport {
        key: "grant_budgets",
        source: "grant_budget",
        label_ja: "収支予算書の版",
        label_en: "Grant budget versions",
        sql: "SELECT id, application_id, version, state, reason, submitted_on, decided_on, created_at, updated_at
              FROM grant_budget ORDER BY application_id, version",
        columns: &[
            col("id", "ID", Str),
            col("application_id", "申請ID", Str),
            col("version", "版", Integer),
            col("state", "状態", Str),
            col("reason", "変更の理由", Str),
            col("submitted_on", "提出日", Date),
            col("decided_on", "承認・不承認の日", Date),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_budget_income",
        source: "grant_budget_income",
        label_ja: "収支予算書の収入",
        label_en: "Grant budget income",
        sql: "SELECT budget_id, position, kind, description, amount FROM grant_budget_income ORDER BY budget_id, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("position", "行", Integer),
            col("kind", "区分", Str),
            col("description", "内容", Str),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_budget_expenses",
        source: "grant_budget_expense",
        label_ja: "収支予算書の支出",
        label_en: "Grant budget expenses",
        sql: "SELECT budget_id, position, category, description, charged_to_grant, amount FROM grant_budget_expense
              ORDER BY budget_id, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("position", "行", Integer),
            col("category", "科目", Str),
            col("description", "内容", Str),
            col("charged_to_grant", "交付金充当", Bool),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_budget_items",
        source: "grant_budget_item",
        label_ja: "収支予算書の内訳",
        label_en: "Grant budget breakdown",
        sql: "SELECT budget_id, line_position, position, item, unit_price, quantity, unit, amount FROM grant_budget_item
              ORDER BY budget_id, line_position, position",
        columns: &[
            col("budget_id", "予算ID", Str),
            col("line_position", "支出の行", Integer),
            col("position", "内訳の行", Integer),
            col("item", "品目", Str),
            col("unit_price", "単価", Integer),
            col("quantity", "数量", Integer),
            col("unit", "単位", Str),
            col("amount", "金額", Integer),
        ],
    },
    TableExport {
        key: "grant_expenses",
        source: "grant_expense",
        label_ja: "助成事業の支出",
        label_en: "Grant expenses",
        sql: "SELECT id, application_id, paid_on, payee, description, category, amount, from_grant, addressee,
                     receipt_name, receipt_mime, receipt_size, receipt_sha256, notes, created_at, updated_at
              FROM grant_expense ORDER BY application_id, paid_on, id",
        columns: &[
            col("id", "ID", Str),
            col("application_id", "申請ID", Str),
            col("paid_on", "支払日", Date),
            col("payee", "支払先", Str),
            col("description", "但し書き", Str),
            col("category", "科目", Str),
            col("amount", "金額", Integer),
            col("from_grant", "交付金から支払", Bool),
            col("addressee", "領収書の宛名", Str),
            col("receipt_name", "領収書ファイル名", Str),
            col("receipt_mime", "領収書の形式", Str),
            col("receipt_size", "領収書の大きさ（バイト）", Integer),
            col("receipt_sha256", "領収書のSHA-256", Str),
            col("notes", "備考", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "grant_settlement_lines",
        source: "grant_settlement_line",
        label_ja: "収支決算書の決算額と理由",
        label_en: "Grant settlement lines",
        sql: "SELECT application_id, side, key, actual, reason FROM grant_settlement_line
              ORDER BY application_id, side DESC, key",
        columns: &[
            col("application_id", "申請ID", Str),
            col("side", "収入・支出", Str),
            col("key", "区分・科目", Str),
            col("actual", "決算額（入力）", Integer),
            col("reason", "増減の理由", Str),
        ],
    },
];

/// The name of the JSON document's format, so a reader can tell what it holds.
pub const JSON_FORMAT_NAME: &str = "council-desk-open-data";
/// The JSON document's format version.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Every row of `table`, as the database returns them.
fn read_rows(conn: &Connection, table: &TableExport) -> Result<Vec<Vec<Value>>> {
    let mut stmt = conn.prepare(table.sql)?;
    let n = table.columns.len();
    debug_assert_eq!(stmt.column_count(), n, "{}: the query and the columns must agree", table.key);
    let rows = stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<_>>>())?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json_value(kind: ColumnKind, value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match (kind, value) {
        (_, Value::Null) => J::Null,
        (ColumnKind::Bool, Value::Integer(i)) => J::Bool(*i != 0),
        (ColumnKind::Json, Value::Text(s)) => serde_json::from_str(s).unwrap_or_else(|_| J::String(s.clone())),
        (_, Value::Integer(i)) => J::from(*i),
        (_, Value::Real(f)) => J::from(*f),
        (_, Value::Text(s)) => J::String(s.clone()),
        (_, Value::Blob(b)) => J::from(b.clone()),
    }
}

/// A value as a cell; dates become Excel dates in a workbook and stay ISO text in CSV.
fn cell(kind: ColumnKind, value: &Value, excel_dates: bool) -> Cell {
    match (kind, value) {
        (_, Value::Null) => Cell::Empty,
        (ColumnKind::Bool, Value::Integer(i)) => Cell::Bool(*i != 0),
        (ColumnKind::Date, Value::Text(s)) if excel_dates => {
            s.parse::<NaiveDate>().map_or_else(|_| Cell::Text(s.clone()), Cell::Date)
        }
        (_, Value::Integer(i)) => Cell::Number(*i),
        (_, Value::Real(f)) => Cell::Text(f.to_string()),
        (_, Value::Text(s)) if s.is_empty() => Cell::Empty,
        (_, Value::Text(s)) => Cell::Text(s.clone()),
        (_, Value::Blob(b)) => Cell::Text(format!("({} bytes)", b.len())),
    }
}

/// A value of a table cell, as SQLite holds it (text, integer, real, null): the type both the full
/// export and the tables a use case assembles itself are written from.
pub use rusqlite::types::Value as CellValue;

/// A table assembled by a use case rather than read whole from the database (a submission package's
/// data: the year's officers, the events held): written by [`json_document`] and [`workbook`] exactly
/// as the full export writes its tables, so the city reads one format.
#[derive(Debug, Clone)]
pub struct ValueTable {
    /// Stable key: the JSON key.
    pub key: String,
    /// What the table holds; the workbook's sheet is named with the Japanese label (at most 31
    /// characters, none of `[]:*?/\`).
    pub label: Text,
    /// The columns, in the rows' order.
    pub columns: Vec<Column>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<CellValue>>,
}

impl ValueTable {
    fn from_export(t: &TableExport, rows: Vec<Vec<Value>>) -> Self {
        Self { key: t.key.to_owned(), label: Text::new(t.label_ja, t.label_en), columns: t.columns.to_vec(), rows }
    }

    fn headers(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.header).collect()
    }

    fn cells(&self, excel_dates: bool) -> Vec<Vec<Cell>> {
        self.rows
            .iter()
            .map(|row| self.columns.iter().zip(row).map(|(c, v)| cell(c.kind, v, excel_dates)).collect())
            .collect()
    }
}

/// The JSON document of `tables` (the open-data format: `format`, `format_version`, `app_version`,
/// `exported_at`, `council_name`, `labels`, and `tables` as lists of records), pretty-printed.
pub fn json_document(council_name: &str, tables: &[ValueTable], now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut records_by_table = serde_json::Map::new();
    for t in tables {
        let records = t
            .rows
            .iter()
            .map(|row| {
                let record = t.columns.iter().zip(row).map(|(c, v)| (c.key.to_owned(), json_value(c.kind, v)));
                serde_json::Value::Object(record.collect())
            })
            .collect();
        records_by_table.insert(t.key.clone(), serde_json::Value::Array(records));
    }
    let doc = serde_json::json!({
        "format": JSON_FORMAT_NAME,
        "format_version": JSON_FORMAT_VERSION,
        "app_version": APP_VERSION,
        "exported_at": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "council_name": council_name,
        "labels": tables.iter().map(|t| (t.key.clone(), t.label.clone())).collect::<std::collections::BTreeMap<_, _>>(),
        "tables": records_by_table,
    });
    serde_json::to_vec_pretty(&doc).map_err(write_failed)
}

/// The workbook of `tables`: a sheet per table, named with its Japanese label, headers in bold, the
/// header row frozen, dates as Excel dates.
pub fn workbook(tables: &[ValueTable]) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.label.ja).map_err(write_failed)?;
        write_table(sheet, 0, &t.headers(), &t.cells(true)).map_err(write_failed)?;
        sheet.set_freeze_panes(1, 0).map_err(write_failed)?;
    }
    book.save_to_buffer().map_err(write_failed)
}

/// Exports every table in `format` to `out`: a new file for JSON and xlsx, a new or empty folder for
/// CSV. Nothing existing is overwritten.
pub fn export(conn: &Connection, format: OpenDataFormat, out: &Path, now: DateTime<Utc>) -> Result<OpenDataExport> {
    let profile = council::require(conn)?;
    let data: Vec<ValueTable> =
        TABLES.iter().map(|t| Ok(ValueTable::from_export(t, read_rows(conn, t)?))).collect::<Result<_>>()?;
    let files = match format {
        OpenDataFormat::Json => {
            refuse_existing(out)?;
            backup::write_whole(out, &json_document(&profile.name, &data, now)?)?;
            vec![out.display().to_string()]
        }
        OpenDataFormat::Xlsx => {
            refuse_existing(out)?;
            backup::write_whole(out, &workbook(&data)?)?;
            vec![out.display().to_string()]
        }
        OpenDataFormat::Csv => {
            if fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
                return Err(Error::Conflict(Text::new(
                    format!(
                        "フォルダ {} は空ではありません。上書きはしません。空のフォルダか新しい名前を指定してください。",
                        out.display()
                    ),
                    format!(
                        "The folder {} is not empty and will not be overwritten. Choose an empty or new folder.",
                        out.display()
                    ),
                )));
            }
            fs::create_dir_all(out)?;
            let mut files = Vec::new();
            for t in &data {
                let bytes = csv_bytes(&t.headers(), &t.cells(false), ExportEncoding::Utf8)?;
                let file = out.join(format!("{}.csv", t.key));
                backup::write_whole(&file, &bytes)?;
                files.push(file.display().to_string());
            }
            files
        }
    };
    Ok(OpenDataExport {
        path: out.display().to_string(),
        format,
        tables: data
            .iter()
            .map(|t| ExportedTable { key: t.key.clone(), label: t.label.clone(), rows: t.rows.len() as u32 })
            .collect(),
        files,
    })
}

fn refuse_existing(out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::Conflict(Text::new(
            format!("{} は既にあります。上書きはしません。別の名前を指定してください。", out.display()),
            format!("{} already exists and will not be overwritten. Choose another name.", out.display()),
        )));
    }
    Ok(())
}

/// Exports every table to `out` (see [`export`]) and records it in the change history: personal data
/// leaves the PC.
pub fn export_recorded(
    session: &council_domain::Session,
    format: OpenDataFormat,
    out: &Path,
) -> Result<OpenDataExport> {
    let export = session.read(|r| export(r, format, out, r.now()))?;
    let summary = format!("全データを書き出し（{}）", export.path);
    let details = serde_json::json!({ "format": format, "tables": export.tables.len() });
    session.write(|w| council_domain::folder::record_export(w, "open_data_export", &export.path, summary, details))?;
    Ok(export)
}
#[cfg(test)]
mod tests {
    use super::*;
    use council_store::store::Store;

    #[test]
    fn every_database_table_is_exported_once() {
        let store = Store::open_in_memory().expect("open");
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .expect("prepare");
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("name"))
            .filter(|name: &String| !NOT_COUNCIL_DATA.contains(&name.as_str()))
            .collect();
        let mut sources: Vec<&str> = TABLES.iter().map(|t| t.source).collect();
        sources.sort();
        assert_eq!(sources, tables, "each table a migration makes needs one entry in open_data::TABLES");
    }

    #[test]
    fn every_query_matches_its_columns_and_sheet_names_are_valid() {
        let store = Store::open_in_memory().expect("open");
        for t in TABLES {
            let stmt = store.conn().prepare(t.sql).unwrap_or_else(|e| panic!("{}: {e}", t.key));
            assert_eq!(stmt.column_count(), t.columns.len(), "{}: one header per column of the query", t.key);
            assert!(t.label_ja.chars().count() <= 31, "{}: Excel sheet names hold 31 characters", t.key);
            assert!(
                !t.label_ja.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{}: not allowed in sheet names",
                t.key
            );
        }
    }
}
