//! Preferences of this data folder: the UI language, the text size, and the operator's name that the
//! audit log records.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::ColumnKind::Text as Str;
use crate::export::{TableExport, col};
use crate::text::Text;

/// The UI language. Japanese is the default; documents for the city are always Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// 日本語.
    #[default]
    Ja,
    /// English.
    En,
}

/// The text size of the whole UI, in percent. Many users are elderly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub enum TextScale {
    /// 100 %.
    #[default]
    #[serde(rename = "100")]
    Normal,
    /// 125 %.
    #[serde(rename = "125")]
    Large,
    /// 150 %.
    #[serde(rename = "150")]
    Largest,
}

/// How dates are written in the window's date fields: 和暦 (令和8年11月23日) or western (2026年11月23日).
/// Either is understood when typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 令和8年11月23日.
    #[default]
    Wareki,
    /// 2026年11月23日.
    Western,
}

/// The preferences.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Settings {
    /// UI language.
    pub language: Language,
    /// UI text size.
    pub text_scale: TextScale,
    /// Who is at the keyboard; recorded with every change.
    pub operator_name: String,
    /// A folder of the council's own document templates, replacing the built-in ones of the same
    /// name; empty for the built-in templates only.
    pub template_dir: String,
    /// How date fields show dates.
    pub date_style: DateStyle,
}

/// A change to some of the preferences; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsPatch {
    /// New UI language.
    #[ts(optional)]
    pub language: Option<Language>,
    /// New text size.
    #[ts(optional)]
    pub text_scale: Option<TextScale>,
    /// New operator name.
    #[ts(optional)]
    pub operator_name: Option<String>,
    /// New template folder; an empty text goes back to the built-in templates.
    #[ts(optional)]
    pub template_dir: Option<String>,
    /// New date style.
    #[ts(optional)]
    pub date_style: Option<DateStyle>,
}

const SIGNING_KEY: &str = "signing_key_fingerprint";

/// The fingerprint of the council's signing key for submissions, as recorded when the key was made
/// (or first used): the key in the data folder must be this one. `None` before the council has one.
pub fn signing_key(conn: &Connection) -> Result<Option<String>> {
    get(conn, SIGNING_KEY)
}

/// Records the council's signing key (its fingerprint), in the change history too: a new key means
/// the city must register it again.
pub fn set_signing_key(w: &crate::Write<'_>, fingerprint: &str) -> Result<()> {
    let before = get(w, SIGNING_KEY)?;
    put(w, SIGNING_KEY, fingerprint)?;
    w.record(crate::audit::Change {
        entity: "settings",
        entity_id: SIGNING_KEY,
        action: crate::audit::AuditAction::Update,
        summary: format!("提出の署名の鍵を登録（指紋 {fingerprint}）"),
        before: before.map(serde_json::Value::String),
        after: Some(serde_json::Value::String(fingerprint.to_owned())),
    })
}

/// A setting of another aggregate's kept in the settings table (the quorum rule), as stored.
pub(crate) fn value(conn: &Connection, key: &str) -> Result<Option<String>> {
    get(conn, key)
}

/// Keeps a setting of another aggregate's (inside its write).
pub(crate) fn set_value(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    put(tx, key, value)
}

/// The preferences of this PC alone, when a copy of the data last left it and the fingerprint of
/// the signing key in its data folder, kept apart from the council's shared settings: another
/// officer's PC never receives them.
const LOCAL_KEYS: &[&str] =
    &["language", "text_scale", "operator_name", "template_dir", "date_style", "backup_copied_at", SIGNING_KEY];

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    let sql = if LOCAL_KEYS.contains(&key) {
        "SELECT value FROM local_setting WHERE key = ?1"
    } else {
        "SELECT value FROM setting WHERE key = ?1"
    };
    // Cached: the operator's name is read by every write.
    Ok(conn.prepare_cached(sql)?.query_row(params![key], |r| r.get(0)).optional()?)
}

fn put(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    let sql = if LOCAL_KEYS.contains(&key) {
        "INSERT INTO local_setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    } else {
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    };
    tx.execute(sql, params![key, value])?;
    Ok(())
}

fn enum_text<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn enum_from<T: serde::de::DeserializeOwned + Default>(s: Option<String>) -> T {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok()).unwrap_or_default()
}

/// Reads the preferences (defaults for anything never set).
pub fn load(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        language: enum_from(get(conn, "language")?),
        text_scale: enum_from(get(conn, "text_scale")?),
        operator_name: get(conn, "operator_name")?.unwrap_or_default(),
        template_dir: get(conn, "template_dir")?.unwrap_or_default(),
        date_style: enum_from(get(conn, "date_style")?),
    })
}

/// The name of the person using the app (the history's actor of every write).
pub fn operator_name(conn: &Connection) -> Result<String> {
    Ok(get(conn, "operator_name")?.unwrap_or_default())
}

/// Takes `name` as the name recorded with this PC's changes when none is set yet (an officer who
/// has just joined a shared council on this PC, under their name).
pub fn name_operator_if_unset(w: &crate::Write<'_>, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || !operator_name(w)?.trim().is_empty() {
        return Ok(());
    }
    update(w, &SettingsPatch { operator_name: Some(name.to_owned()), ..SettingsPatch::default() })
}

/// When a backup was last saved outside the data folder (a USB stick, another PC's folder).
pub fn last_copy_out(conn: &Connection) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(get(conn, "backup_copied_at")?.and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok()).map(|d| d.to_utc()))
}

/// Records that a backup was saved outside the data folder at `at`.
pub fn record_copy_out(tx: &Transaction<'_>, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
    put(tx, "backup_copied_at", &at.to_rfc3339())
}

/// Changes the preferences (language, text size, operator name, template folder). A change is
/// recorded in the history under the operator's name as it is after the change (the person who just
/// named themselves).
pub fn update(w: &crate::Write<'_>, patch: &SettingsPatch) -> Result<()> {
    let (before, after) = apply(w, patch)?;
    // How the window looks (language, text size, date style) is no change to the council's
    // records: the history keeps only the operator's name and the template folder.
    let recorded = |s: &Settings| (s.operator_name.clone(), s.template_dir.clone());
    if recorded(&before) != recorded(&after) {
        w.record_by(
            &after.operator_name,
            crate::audit::Change {
                entity: "settings",
                entity_id: "settings",
                action: crate::audit::AuditAction::Update,
                summary: "設定を変更".to_owned(),
                before: serde_json::to_value(&before).ok(),
                after: serde_json::to_value(&after).ok(),
            },
        )?;
    }
    Ok(())
}

/// Applies a patch inside the caller's transaction and returns the preferences before and after.
pub fn apply(tx: &Transaction<'_>, patch: &SettingsPatch) -> Result<(Settings, Settings)> {
    let before = load(tx)?;
    if let Some(l) = patch.language {
        put(tx, "language", &enum_text(l))?;
    }
    if let Some(s) = patch.text_scale {
        put(tx, "text_scale", &enum_text(s))?;
    }
    if let Some(s) = patch.date_style {
        put(tx, "date_style", &enum_text(s))?;
    }
    if let Some(name) = &patch.operator_name {
        let name = name.trim();
        if name.chars().count() > 50 {
            return Err(Error::invalid(
                "operator_name",
                Text::new(
                    "操作者の名前は50文字以内で入力してください。",
                    "Keep the operator's name to 50 characters or fewer.",
                ),
            ));
        }
        put(tx, "operator_name", name)?;
    }
    if let Some(dir) = &patch.template_dir {
        let dir = dir.trim();
        if !dir.is_empty() && !std::path::Path::new(dir).is_dir() {
            return Err(Error::invalid(
                "template_dir",
                Text::new(
                    format!(
                        "テンプレートのフォルダー「{dir}」が見つかりません。フォルダーを選び直すか、空欄にして標準のテンプレートに戻してください。"
                    ),
                    format!(
                        "The template folder “{dir}” does not exist. Choose the folder again, or leave it empty for the built-in templates."
                    ),
                ),
            ));
        }
        put(tx, "template_dir", dir)?;
    }
    Ok((before, load(tx)?))
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[TableExport {
    key: "settings",
    source: "setting",
    label_ja: "設定",
    label_en: "Settings",
    sql: "SELECT key, value FROM setting ORDER BY key",
    columns: &[col("key", "項目", Str), col("value", "値", Str)],
}];

#[cfg(test)]
mod tests {
    use super::*;
    use council_store::store::Store;

    #[test]
    fn defaults_then_patch() {
        let mut store = Store::open_in_memory().expect("open");
        assert_eq!(load(store.conn()).expect("load"), Settings::default(), "Japanese, 100 %, no operator");
        let patch = SettingsPatch { text_scale: Some(TextScale::Largest), ..Default::default() };
        store.write(|tx| apply(tx, &patch)).expect("apply");
        let s = load(store.conn()).expect("load");
        assert_eq!(s.text_scale, TextScale::Largest);
        assert_eq!(s.language, Language::Ja, "fields absent from the patch stay as they were");
    }

    #[test]
    fn serialised_forms() {
        assert_eq!(serde_json::to_string(&TextScale::Large).expect("json"), "\"125\"");
        assert_eq!(serde_json::to_string(&Language::En).expect("json"), "\"en\"");
    }
}
