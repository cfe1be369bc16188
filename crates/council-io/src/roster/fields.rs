//! The roster's fields, the header words that name them in councils' own spreadsheets, and the
//! readings of their values that are not plain text (世帯主 marks, block numbers).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

use council_domain::kana;
use council_domain::text::Text;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RosterField {
    /// 世帯番号: rows with the same number form one household.
    HouseholdCode,
    /// 班・組 (blocks not yet known are created by the import).
    Block,
    /// 住所.
    Address,
    /// 加入日 (2024/4/1, 2024-04-01, 令和6年4月1日, R6.4.1).
    JoinedOn,
    /// 氏名.
    Name,
    /// ふりがな.
    Kana,
    /// 続柄: 世帯主 or 本人 marks the head.
    IsHead,
    /// 電話.
    Phone,
    /// メール.
    Email,
    /// 生年 (1955, 昭和30, S30).
    BirthYear,
    /// 備考.
    Notes,
    /// Not imported.
    Ignore,
}

/// A field as the mapping's drop-down offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChoice {
    /// The field.
    pub field: RosterField,
    /// Its name in both languages.
    pub label: Text,
}

impl RosterField {
    /// Every field, in the order the mapping offers them.
    pub const ALL: [RosterField; 12] = [
        RosterField::HouseholdCode,
        RosterField::Block,
        RosterField::Address,
        RosterField::JoinedOn,
        RosterField::Name,
        RosterField::Kana,
        RosterField::IsHead,
        RosterField::Phone,
        RosterField::Email,
        RosterField::BirthYear,
        RosterField::Notes,
        RosterField::Ignore,
    ];

    /// The field's name in both languages.
    pub fn label(self) -> Text {
        let (ja, en) = match self {
            RosterField::HouseholdCode => ("世帯番号", "Household number"),
            RosterField::Block => ("班・組", "Block"),
            RosterField::Address => ("住所", "Address"),
            RosterField::JoinedOn => ("加入日", "Joined on"),
            RosterField::Name => ("氏名", "Name"),
            RosterField::Kana => ("ふりがな", "Reading (kana)"),
            RosterField::IsHead => ("続柄（世帯主）", "Relation (head)"),
            RosterField::Phone => ("電話", "Phone"),
            RosterField::Email => ("メール", "E-mail"),
            RosterField::BirthYear => ("生まれ年", "Birth year"),
            RosterField::Notes => ("備考", "Notes"),
            RosterField::Ignore => ("取り込まない", "Do not import"),
        };
        Text::new(ja, en)
    }

    /// Every field with its label, for the mapping's drop-down.
    pub fn choices() -> Vec<FieldChoice> {
        Self::ALL.iter().map(|&field| FieldChoice { field, label: field.label() }).collect()
    }

    /// Header words that name the field exactly (compared after [`header_key`]).
    fn words(self) -> &'static [&'static str] {
        match self {
            RosterField::HouseholdCode => {
                &["世帯番号", "世帯No", "No", "番号", "世帯コード", "会員番号", "整理番号", "世帯ID"]
            }
            RosterField::Block => &["班", "組", "班名", "組名", "班・組", "班組", "所属班", "所属", "地区班"],
            RosterField::Address => &["住所", "現住所", "所在地", "住所1"],
            RosterField::JoinedOn => &["加入日", "入会日", "加入年月日", "入会年月日", "加入"],
            RosterField::Name => &["氏名", "名前", "お名前", "世帯主", "世帯主名", "世帯主氏名", "会員名", "氏名漢字"],
            RosterField::Kana => &["ふりがな", "フリガナ", "よみ", "よみがな", "読み", "読み仮名", "かな", "カナ"],
            RosterField::IsHead => &["続柄", "続き柄", "世帯主との続柄"],
            RosterField::Phone => &["電話", "電話番号", "TEL", "連絡先", "携帯", "携帯電話", "固定電話"],
            RosterField::Email => &["email", "e-mail", "メール", "メールアドレス", "mail"],
            RosterField::BirthYear => &["生年", "生まれ年", "生年月日", "誕生年", "生まれ"],
            RosterField::Notes => &["備考", "メモ", "摘要", "その他", "特記事項"],
            RosterField::Ignore => &[],
        }
    }

    /// The field a header names, or `Ignore`.
    pub fn from_header(header: &str) -> RosterField {
        let exact =
            |key: &str| Self::ALL.iter().copied().find(|f| f.words().iter().any(|w| header_key(w, false) == key));
        let whole = header_key(header, false);
        if whole.is_empty() {
            return RosterField::Ignore;
        }
        if let Some(f) = exact(&whole) {
            return f;
        }
        // 「氏名（ふりがな）」 names the reading, though 「氏名」 is left when the note is dropped.
        if ["ふりがな", "よみ", "かな"].iter().any(|w| whole.contains(w)) {
            return RosterField::Kana;
        }
        if let Some(f) = exact(&header_key(header, true)) {
            return f;
        }
        // Longer headers ("世帯主ふりがな", "自宅電話番号") are recognised by the word they contain;
        // readings first, since 「氏名ふりがな」 names the reading, not the name.
        const CONTAINS: &[(&str, RosterField)] = &[
            ("ふりがな", RosterField::Kana),
            ("よみ", RosterField::Kana),
            ("カナ", RosterField::Kana),
            ("続柄", RosterField::IsHead),
            ("生年", RosterField::BirthYear),
            ("電話", RosterField::Phone),
            ("TEL", RosterField::Phone),
            ("メール", RosterField::Email),
            ("mail", RosterField::Email),
            ("住所", RosterField::Address),
            ("加入", RosterField::JoinedOn),
            ("入会", RosterField::JoinedOn),
            ("備考", RosterField::Notes),
            ("世帯番号", RosterField::HouseholdCode),
            ("氏名", RosterField::Name),
            ("名前", RosterField::Name),
        ];
        CONTAINS
            .iter()
            .find(|(word, _)| whole.contains(&header_key(word, false)))
            .map_or(RosterField::Ignore, |(_, f)| *f)
    }
}

/// A header folded for comparison: widths, scripts and case folded, spaces and punctuation removed;
/// with `drop_notes`, parenthesised notes (「氏名（漢字）」) are removed too.
fn header_key(header: &str, drop_notes: bool) -> String {
    let folded = kana::fold(header);
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0u32;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '「' => depth += 1,
            ')' | ']' | '】' | '〕' | '」' => depth = depth.saturating_sub(1),
            '*' | '※' | ':' | '・' | '.' | '/' | '_' | '-' | '#' => {}
            _ if drop_notes && depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Guesses each column's field from its header; a field is given to its first column only.
pub fn guess_mapping(headers: &[String]) -> Vec<RosterField> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| match RosterField::from_header(h) {
            RosterField::Ignore => RosterField::Ignore,
            f if taken.contains(&f) => RosterField::Ignore,
            f => {
                taken.push(f);
                f
            }
        })
        .collect()
}

/// Reads a 続柄 cell: `Some(true)` for the head (世帯主, 本人, ○ …), `Some(false)` for anyone else
/// (妻, 長男, 世帯員 …), `None` when empty.
pub(super) fn head_mark(text: &str) -> Option<bool> {
    let v = kana::fold(text);
    if v.is_empty() {
        return None;
    }
    Some(matches!(
        v.as_str(),
        "世帯主"
            | "本人"
            | "主"
            | "○"
            | "◯"
            | "〇"
            | "●"
            | "◎"
            | "1"
            | "yes"
            | "true"
            | "はい"
            | "head"
            | "✓"
            | "✔"
    ))
}

/// Unicode NFKC (full-width digits and letters to ASCII, half-width kana to full) and trimmed: for
/// numbers, codes, phone numbers and block names, never for names.
pub(super) fn nfkc(text: &str) -> String {
    text.nfkc().collect::<String>().trim().to_owned()
}

/// A block as named in the file: a bare number under a 班 or 組 header becomes 「3班」/「3組」.
pub(super) fn block_name(value: &str, header: &str) -> String {
    let name = nfkc(value);
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
        let suffix = if header.contains('組') && !header.contains('班') { "組" } else { "班" };
        return format!("{name}{suffix}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(headers: &[&str]) -> Vec<RosterField> {
        guess_mapping(&headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn councils_header_words_are_recognised() {
        use RosterField::*;
        assert_eq!(
            guess(&["No.", "班", "住所", "加入日", "氏名", "フリガナ", "続柄", "TEL", "E-mail", "生年", "備考"]),
            [HouseholdCode, Block, Address, JoinedOn, Name, Kana, IsHead, Phone, Email, BirthYear, Notes]
        );
        assert_eq!(
            guess(&["世帯番号", "班・組", "世帯主", "ふりがな", "電話番号"]),
            [HouseholdCode, Block, Name, Kana, Phone],
            "世帯主 as a header names the head's name"
        );
        assert_eq!(guess(&["氏名（漢字）", "氏名（ふりがな）"]), [Name, Kana], "notes in brackets");
        assert_eq!(guess(&["ﾌﾘｶﾞﾅ", "よみ", "自宅電話"]), [Kana, Ignore, Phone], "a field goes to its first column");
        assert_eq!(guess(&["", "会員名簿", "世帯"]), [Ignore, Ignore, Ignore], "titles name no field");
    }

    #[test]
    fn head_marks() {
        assert_eq!(head_mark("世帯主"), Some(true));
        assert_eq!(head_mark("本人"), Some(true));
        assert_eq!(head_mark("○"), Some(true));
        assert_eq!(head_mark("妻"), Some(false));
        assert_eq!(head_mark(" "), None, "an empty cell says nothing");
    }

    #[test]
    fn bare_block_numbers_take_the_headers_word() {
        assert_eq!(block_name("３", "班"), "3班", "full-width digits under 班");
        assert_eq!(block_name("2", "組"), "2組");
        assert_eq!(block_name("東１組", "班"), "東1組", "names are kept, digits folded");
    }
}
