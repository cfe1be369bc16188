//! How the council's papers are signed and whom the city calls: the seal setting (押印廃止), the
//! contact person (担当者) printed on every form to the city, and the bank account (振込先) a grant's
//! claim carries. One council-wide setting, shared with every officer's PC, kept in the council's
//! settings as one value.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::error::{Error, FieldProblem, Result};
use crate::text::Text;

const KEY: &str = "forms";

/// What stands beside a signatory's name on the council's papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SealMode {
    /// No mark: the name printed is enough (most cities dropped seals on their forms in 2021).
    #[default]
    None,
    /// A line to sign on by hand (署名).
    Signature,
    /// The seal box (印).
    Seal,
}

impl SealMode {
    /// The word the documents' data carries (`none`, `signature`, `seal`).
    pub fn as_str(self) -> &'static str {
        match self {
            SealMode::None => "none",
            SealMode::Signature => "signature",
            SealMode::Seal => "seal",
        }
    }
}

/// The kind of bank account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BankAccountKind {
    /// 普通.
    #[default]
    Ordinary,
    /// 当座.
    Current,
}

impl BankAccountKind {
    /// The kind's Japanese name.
    pub fn label_ja(self) -> &'static str {
        match self {
            BankAccountKind::Ordinary => "普通",
            BankAccountKind::Current => "当座",
        }
    }
}

/// The account the city pays a grant into (振込先).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct BankAccount {
    /// 金融機関名 (みどり信用金庫).
    pub bank: String,
    /// 支店名 (さくら台支店).
    pub branch: String,
    /// 普通 or 当座.
    pub kind: BankAccountKind,
    /// 口座番号 (7 digits).
    pub number: String,
    /// 口座名義 in katakana, as the bank writes it (サクラダイジチカイ カイチヨウ ヤマダ タロウ).
    pub holder_kana: String,
    /// 口座名義 (さくら台自治会 会長 山田 太郎).
    pub holder: String,
}

impl BankAccount {
    /// True when nothing is filled in: the claim leaves the lines to write by hand.
    pub fn is_empty(&self) -> bool {
        [&self.bank, &self.branch, &self.number, &self.holder_kana, &self.holder].iter().all(|s| s.is_empty())
    }
}

/// How many dues receipts, each with its counterfoil (控え), are printed on one A4 sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptsPerPage {
    /// Two (A5 each: room for the seal and a longer name).
    #[default]
    Two,
    /// Four (a quarter of the sheet each: saves paper when a block's receipts are printed together).
    Four,
}

impl ReceiptsPerPage {
    /// The number on a sheet.
    pub fn count(self) -> u32 {
        match self {
            ReceiptsPerPage::Two => 2,
            ReceiptsPerPage::Four => 4,
        }
    }
}

/// The settings of the council's papers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct FormSettings {
    /// What stands beside a signatory's name.
    pub seal: SealMode,
    /// The contact person the city calls (担当者); empty leaves the line to fill in.
    pub contact_name: String,
    /// Their phone number.
    pub contact_phone: String,
    /// The account grants are paid into.
    pub bank: BankAccount,
    /// Dues receipts to an A4 sheet (settings saved before this existed print two).
    #[serde(default)]
    pub receipts_per_page: ReceiptsPerPage,
}

/// The settings as stored, or the defaults before they were ever saved.
pub fn get(conn: &Connection) -> Result<FormSettings> {
    Ok(crate::settings::value(conn, KEY)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

/// Trims the fields, writes digits and katakana as the bank does, and lists every field to fix.
pub fn validated(input: &FormSettings) -> Result<FormSettings> {
    let t = |s: &str| s.trim().to_owned();
    // Full-width digits and hyphens typed with the IME are the same number.
    let digits = |s: &str| s.nfkc().filter(|c| !c.is_whitespace()).collect::<String>();
    let kana = |s: &str| {
        // Half-width katakana (ｻｸﾗﾀﾞｲ) become full-width; hiragana become katakana, as banks print names.
        s.nfkc().map(council_base::kana::hiragana_to_katakana).collect::<String>().trim().to_owned()
    };
    let out = FormSettings {
        seal: input.seal,
        contact_name: t(&input.contact_name),
        contact_phone: digits(&input.contact_phone),
        bank: BankAccount {
            bank: t(&input.bank.bank),
            branch: t(&input.bank.branch),
            kind: input.bank.kind,
            number: digits(&input.bank.number),
            holder_kana: kana(&input.bank.holder_kana),
            holder: t(&input.bank.holder),
        },
        receipts_per_page: input.receipts_per_page,
    };
    let mut problems: Vec<FieldProblem> = Vec::new();
    let problem = |problems: &mut Vec<FieldProblem>, field: &str, ja: &str, en: &str| {
        problems.push(FieldProblem { field: field.to_owned(), message: Text::new(ja, en) });
    };
    if !out.contact_phone.is_empty() && !out.contact_phone.chars().all(|c| c.is_ascii_digit() || c == '-') {
        problem(
            &mut problems,
            "contact_phone",
            "電話番号は数字とハイフンで入力してください（例：0123-45-6789）。",
            "Enter the phone number in digits and hyphens (e.g. 0123-45-6789).",
        );
    }
    let number = &out.bank.number;
    let is_number = number.chars().all(|c| c.is_ascii_digit()) && (1..=8).contains(&number.len());
    if !number.is_empty() && !is_number {
        problem(
            &mut problems,
            "bank_number",
            "口座番号は数字で入力してください（通常7桁。例：1234567）。",
            "Enter the account number in digits (usually 7, e.g. 1234567).",
        );
    }
    if !out.bank.holder_kana.chars().all(|c| {
        matches!(c, 'ァ'..='ヶ' | 'ー' | '・' | '（' | '）' | '(' | ')' | '.' | '-' | ' ' | '　')
            || c.is_ascii_alphanumeric()
    }) {
        problem(
            &mut problems,
            "bank_holder_kana",
            "口座名義（フリガナ）はカタカナで、通帳のとおりに入力してください。",
            "Enter the account holder in katakana, as the passbook shows it.",
        );
    }
    if !out.bank.is_empty() {
        for (field, value, ja, en) in [
            ("bank_bank", &out.bank.bank, "金融機関名を入力してください。", "Enter the bank's name."),
            ("bank_number", &out.bank.number, "口座番号を入力してください。", "Enter the account number."),
            ("bank_holder", &out.bank.holder, "口座名義を入力してください。", "Enter the account holder."),
        ] {
            if value.is_empty() && !problems.iter().any(|p| p.field == field) {
                problem(&mut problems, field, ja, en);
            }
        }
    }
    for (field, value) in [
        ("contact_name", &out.contact_name),
        ("bank_bank", &out.bank.bank),
        ("bank_branch", &out.bank.branch),
        ("bank_holder", &out.bank.holder),
        ("bank_holder_kana", &out.bank.holder_kana),
    ] {
        if value.chars().count() > 100 {
            problem(&mut problems, field, "100文字以内で入力してください。", "Keep it to 100 characters or fewer.");
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(Error::fields(problems)) }
}

/// Keeps the settings, with what changed in the history.
pub fn update(w: &Write<'_>, input: &FormSettings) -> Result<FormSettings> {
    let after = validated(input)?;
    let before = get(w)?;
    let mut changed = Vec::new();
    if before.seal != after.seal {
        changed.push("押印");
    }
    if (&before.contact_name, &before.contact_phone) != (&after.contact_name, &after.contact_phone) {
        changed.push("担当者");
    }
    if before.bank != after.bank {
        changed.push("振込先");
    }
    if before.receipts_per_page != after.receipts_per_page {
        changed.push("領収書の枚数");
    }
    if changed.is_empty() {
        return Ok(after);
    }
    crate::settings::set_value(w, KEY, &serde_json::to_string(&after).unwrap_or_default())?;
    w.record(Change {
        entity: "settings",
        entity_id: KEY,
        action: AuditAction::Update,
        summary: format!("書類の設定を変更（{}）", changed.join("、")),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&after).ok(),
    })?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_are_written_as_the_bank_does() {
        let input = FormSettings {
            contact_phone: "０１２３－４５－６７８９".into(),
            bank: BankAccount {
                bank: " みどり信用金庫 ".into(),
                number: "１２３ ４５６７".into(),
                holder_kana: "ｻｸﾗﾀﾞｲｼﾞﾁｶｲ かいちょう".into(),
                holder: "さくら台自治会".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let v = validated(&input).expect("valid");
        assert_eq!(v.contact_phone, "0123-45-6789");
        assert_eq!(v.bank.bank, "みどり信用金庫");
        assert_eq!(v.bank.number, "1234567");
        assert_eq!(v.bank.holder_kana, "サクラダイジチカイ カイチョウ");
    }

    #[test]
    fn every_field_to_fix_is_named() {
        let input = FormSettings {
            contact_phone: "電話".into(),
            bank: BankAccount { number: "12a".into(), holder_kana: "山田".into(), ..Default::default() },
            ..Default::default()
        };
        let Err(Error::Validation { problems, .. }) = validated(&input) else { panic!("refused") };
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["contact_phone", "bank_number", "bank_holder_kana", "bank_bank", "bank_holder"]);
    }
}
