//! The roster's personal details (個人情報): the columns that travel only to the PCs whose officers
//! keep the roster, and what every other PC holds in their place.
//!
//! A household's address and its people's names stay shared: the 会計 and the 班長 collect dues by
//! them and the 書記 writes them into minutes. Phone numbers, e-mail addresses, years of birth and
//! the notes kept about a household or a person are what the 個人情報保護法 asks a council to keep
//! to the officers who need them. The search keys fold the phone number in (a household is found by
//! any of its people's numbers), so their phone part is personal too.

use rusqlite::types::Value;

/// The personal columns, by table.
pub const COLUMNS: &[(&str, &str)] = &[
    ("person", "phone"),
    ("person", "email"),
    ("person", "birth_year"),
    ("person", "notes"),
    ("person", "search_key"),
    ("household", "notes"),
    ("household", "search_key"),
];

/// The history entities whose before-and-after pictures hold personal details (a household's
/// picture lists its people with their phone numbers).
pub const HISTORY_ENTITIES: &[&str] = &["household", "person", "roster_import"];

/// Whether `table` has personal columns.
pub fn has_personal(table: &str) -> bool {
    COLUMNS.iter().any(|(t, _)| *t == table)
}

/// Whether `table.column` is personal.
pub fn is_personal(table: &str, column: &str) -> bool {
    COLUMNS.iter().any(|(t, c)| *t == table && *c == column)
}

/// What a PC without the roster's details holds in place of `value` of `table.column` (the value
/// itself when the column is not personal): nothing for a year of birth, empty text for the rest,
/// and a search key without its phone numbers.
pub fn blank(table: &str, column: &str, value: &Value) -> Value {
    if !is_personal(table, column) {
        return value.clone();
    }
    match (column, value) {
        (_, Value::Null) | ("birth_year", _) => Value::Null,
        ("search_key", Value::Text(key)) => Value::Text(match table {
            "person" => person_key_without_phone(key),
            _ => household_key_without_phone(key),
        }),
        _ => Value::Text(String::new()),
    }
}

/// A person's search key (`name␟reading␟phone digits`) without the phone digits.
fn person_key_without_phone(key: &str) -> String {
    match key.match_indices('\u{1f}').nth(1) {
        Some((at, _)) => key[..=at].to_owned(),
        None => key.to_owned(),
    }
}

/// A household's search key (its own fields, then each person's key after `␞`) without the phone
/// digits of its people.
fn household_key_without_phone(key: &str) -> String {
    let mut parts = key.split('\u{1e}');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for person in parts {
        out.push('\u{1e}');
        out.push_str(&person_key_without_phone(person));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_keep_everything_but_the_personal_details() {
        let text = |s: &str| Value::Text(s.to_owned());
        assert_eq!(blank("person", "phone", &text("090-1234-5678")), text(""));
        assert_eq!(blank("person", "birth_year", &Value::Integer(1950)), Value::Null);
        assert_eq!(blank("person", "name", &text("山田 太郎")), text("山田 太郎"));
        assert_eq!(blank("household", "address", &text("本町1-2")), text("本町1-2"));
        assert_eq!(
            blank("person", "search_key", &text("やまだ\u{1f}やまだ\u{1f}09012345678")),
            text("やまだ\u{1f}やまだ\u{1f}")
        );
        assert_eq!(
            blank(
                "household",
                "search_key",
                &text("12\u{1f}ほんまち\u{1f}1はん\u{1e}a\u{1f}b\u{1f}0901\u{1e}c\u{1f}d\u{1f}")
            ),
            text("12\u{1f}ほんまち\u{1f}1はん\u{1e}a\u{1f}b\u{1f}\u{1e}c\u{1f}d\u{1f}")
        );
        // Blanking twice changes nothing more.
        let once = blank("household", "search_key", &text("x\u{1e}a\u{1f}b\u{1f}0901"));
        assert_eq!(blank("household", "search_key", &once), once);
    }
}
