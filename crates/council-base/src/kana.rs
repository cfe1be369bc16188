//! Kana helpers for finding and sorting people by the reading of their names (五十音順).
//!
//! Japanese Excel rosters mix hiragana and katakana, full- and half-width forms; a search for
//! 「やまだ」 must find 「ﾔﾏﾀﾞ」 and 「ヤマダ」. Everything is folded to one form before comparing.

use unicode_normalization::UnicodeNormalization;

/// Folds text for comparison: NFKC (half-width katakana → full width, full-width letters and digits →
/// ASCII), katakana → hiragana, ASCII letters lowercased, and every kind of space removed.
pub fn fold(text: &str) -> String {
    // Spaces are removed after NFKC (which can produce them, e.g. from ゛) and the rest composed
    // again, so a voiced mark that a space separated from its kana joins it and folding is stable.
    let compact: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    compact.nfc().map(|c| katakana_to_hiragana(c).to_ascii_lowercase()).collect()
}

/// The `LIKE … ESCAPE '\\'` pattern matching any text that contains `folded` (a [`fold`]ed query),
/// with LIKE's own wildcards in it escaped.
pub fn like_contains(folded: &str) -> String {
    let escaped = folded.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Between the parts of a name (family and given name) in a search key. A query matches inside one
/// part, or spans whole parts from the first one on (a full name typed without its space), never
/// across the boundary from inside a part: 「シケン」 does not find こばやし けん.
pub const NAME_PART: char = '\u{1c}';

/// A name or its reading as a search key holds it: each part (as the person typed the space between
/// them) folded, the parts joined by [`NAME_PART`].
pub fn name_key(text: &str) -> String {
    text.split(char::is_whitespace).map(fold).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\u{1c}")
}

/// A person's search key: name, reading and the phone number's digits, separated by U+001F.
pub fn person_key(name: &str, reading: &str, phone: &str) -> String {
    let digits: String = fold(phone).chars().filter(char::is_ascii_digit).collect();
    format!("{}\u{1f}{}\u{1f}{digits}", name_key(name), name_key(reading))
}

/// True when the search key `key` holds the [`fold`]ed `query`: inside one field (fields are
/// separated by control characters) and one part of a name, or as a name's whole parts from its first
/// one on, the last one possibly cut short (「こばやしけ」 finds こばやし けん; 「しけん」 does not).
pub fn key_matches(key: &str, query: &str) -> bool {
    if query.is_empty() || key.contains(query) {
        return true;
    }
    key.split(|c: char| c.is_control() && c != NAME_PART).any(|field| {
        let mut rest = query;
        let mut parts = field.split(NAME_PART);
        // The first part must be whole: the query starts where the name starts.
        match parts.next() {
            Some(first) if !first.is_empty() && rest.starts_with(first) => rest = &rest[first.len()..],
            _ => return false,
        }
        for part in parts {
            if part.starts_with(rest) {
                return true;
            }
            match rest.strip_prefix(part) {
                Some(after) => rest = after,
                None => return false,
            }
        }
        false
    })
}

/// The key rosters sort by: the folded reading, so ヤマダ, やまだ and ﾔﾏﾀﾞ sort together, in 五十音
/// order (hiragana code points follow the syllabary, a voiced kana right after its plain one).
pub fn sort_key(reading: &str) -> String {
    fold(reading)
}

/// Katakana to hiragana for the letters that have a hiragana twin (ァ..ヶ); others are unchanged.
pub fn katakana_to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        'ヽ' | 'ヾ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Hiragana to katakana (ぁ..ゖ); others are unchanged.
pub fn hiragana_to_katakana(c: char) -> char {
    match c {
        'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// True when the text is a reading: kana (either script, either width), the long-vowel mark, spaces
/// and the middle dot only.
pub fn is_reading(text: &str) -> bool {
    text.nfkc().all(|c| {
        matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ' | 'ァ'..='ヶ' | 'ヽ' | 'ヾ' | 'ー' | '・' | '゛' | '゜')
            || c.is_whitespace()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_every_form_of_a_reading_together() {
        assert_eq!(fold("ヤマダ タロウ"), "やまだたろう");
        assert_eq!(fold("ﾔﾏﾀﾞ ﾀﾛｳ"), "やまだたろう", "half-width katakana with a separate voiced mark");
        assert_eq!(fold("やまだ　たろう"), "やまだたろう", "ideographic space removed");
        assert_eq!(fold("ＡＢＣ１２３"), "abc123", "full-width letters and digits");
        assert_eq!(fold("髙橋"), "髙橋", "kanji outside JIS X 0208 are kept as they are");
    }

    #[test]
    fn a_query_never_spans_the_space_between_family_and_given_name() {
        let key = person_key("小林 健", "コバヤシ ケン", "090-1234-5678");
        assert_eq!(key, "小林\u{1c}健\u{1f}こばやし\u{1c}けん\u{1f}09012345678");
        for found in ["こばやし", "ばや", "けん", "こばやしけん", "コバヤシケ", "小林健", "1234"]
        {
            assert!(key_matches(&key, &fold(found)), "{found} finds 小林 健");
        }
        for not_found in ["しけん", "シケン", "やしけ", "林健"] {
            assert!(!key_matches(&key, &fold(not_found)), "{not_found} does not find 小林 健");
        }
        // A household's key: its own fields, then each person's after U+001E.
        let household =
            format!("ab\u{1f}さくらだい\u{1e}{key}\u{1e}{}", person_key("小林 しずか", "こばやし しずか", ""));
        assert!(key_matches(&household, &fold("こばやししずか")));
        assert!(!key_matches(&household, &fold("しけん")));
        assert!(!key_matches(&household, &fold("けんこばやし")), "not from one person into the next");
    }

    #[test]
    fn gojuon_order() {
        let mut names = vec!["サトウ", "あべ", "ｶﾄｳ", "がとう", "いとう"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["あべ", "いとう", "ｶﾄｳ", "がとう", "サトウ"], "あ い か が さ");
    }

    #[test]
    fn readings() {
        assert!(is_reading("やまだ たろう"));
        assert!(is_reading("ヤマダ・タロー"));
        assert!(is_reading("ﾔﾏﾀﾞ"));
        assert!(!is_reading("山田"), "kanji is not a reading");
    }

    proptest! {
        #[test]
        fn script_conversion_round_trips(s in "[ぁ-ゖ]{0,20}") {
            let kata: String = s.chars().map(hiragana_to_katakana).collect();
            prop_assert_eq!(fold(&kata), s.clone(), "katakana folds to the same hiragana");
            let back: String = kata.chars().map(katakana_to_hiragana).collect();
            prop_assert_eq!(back, s);
        }

        #[test]
        fn fold_is_idempotent(s in "\\PC{0,30}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone(), "folding twice changes nothing");
        }
    }
}
