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
    /// The area's postal code (〒123-4567), printed on every label and envelope whose address does not
    /// begin with its own; empty leaves it off.
    #[serde(default)]
    pub postal_code: String,
}

/// Where a household's post goes: its postal code and its whole address, as a label or an envelope
/// prints them. An address typed with its own code (「〒123-4567 …」, a member outside the area) keeps
/// it; the others take the area's. The council's city goes in front of an address typed without it
/// (rosters often keep only 「さくら台1-2-3」).
pub fn mail_address(settings: &FormSettings, city: &str, address: &str) -> (String, String) {
    let typed: String = address.trim().nfkc().collect();
    let rest = typed.strip_prefix('〒').unwrap_or(&typed).trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let (code, address) = match postal_code(&digits) {
        Some(code) => (code, rest[digits.len()..].trim().to_owned()),
        None => (settings.postal_code.clone(), address.trim().to_owned()),
    };
    let city = city.trim();
    let address = if city.is_empty() || address.starts_with(city) { address } else { format!("{city}{address}") };
    (code, address)
}

/// A postal code written as the post office does (123-4567), from seven digits typed in any width,
/// with or without the hyphen.
fn postal_code(typed: &str) -> Option<String> {
    let digits: String = typed.nfkc().filter(|c| *c != '-' && *c != 'ー' && !c.is_whitespace()).collect();
    (digits.len() == 7 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{}-{}", &digits[..3], &digits[3..]))
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
        postal_code: match input.postal_code.trim() {
            "" => String::new(),
            typed => postal_code(typed.trim_start_matches('〒')).unwrap_or_else(|| typed.to_owned()),
        },
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
    if !out.postal_code.is_empty() && postal_code(&out.postal_code).is_none() {
        problem(
            &mut problems,
            "postal_code",
            "郵便番号は7桁の数字で入力してください（例：123-4567）。",
            "Enter the postal code as seven digits (e.g. 123-4567).",
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
    if before.postal_code != after.postal_code {
        changed.push("郵便番号");
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
    #[test]
    fn a_households_post_takes_the_areas_code_unless_its_address_has_its_own() {
        let area = super::FormSettings { postal_code: "123-4567".into(), ..Default::default() };
        let mail = |address: &str| super::mail_address(&area, "みどり市", address);
        assert_eq!(mail("さくら台1-2-3"), ("123-4567".into(), "みどり市さくら台1-2-3".into()), "the city in front");
        assert_eq!(mail("みどり市さくら台二丁目3番1号"), ("123-4567".into(), "みどり市さくら台二丁目3番1号".into()));
        assert_eq!(
            mail("〒１２３－４５９９ みどり市あおば町5番"),
            ("123-4599".into(), "みどり市あおば町5番".into()),
            "a member outside the area keeps its own code, typed in any width"
        );
        assert_eq!(mail("1234599 あおば町5番"), ("123-4599".into(), "みどり市あおば町5番".into()));
        let none = super::FormSettings::default();
        assert_eq!(super::mail_address(&none, "", "さくら台1-2-3"), (String::new(), "さくら台1-2-3".into()));
    }

    #[test]
    fn the_area_postal_code_is_kept_as_the_post_office_writes_it_or_refused() {
        let typed = |code: &str| super::FormSettings { postal_code: code.into(), ..Default::default() };
        assert_eq!(super::validated(&typed("〒１２３４５６７")).expect("valid").postal_code, "123-4567");
        assert_eq!(super::validated(&typed(" ")).expect("empty").postal_code, "");
        assert!(super::validated(&typed("123-456")).is_err(), "six digits are refused");
    }

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
