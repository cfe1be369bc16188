//! Money is whole yen in an `i64`; never floating point.

/// Formats yen with thousands separators: `12000` → `12,000円`; a negative amount is written with
/// `△` as Japanese accounts do (`△1,200円`).
pub fn format_yen(amount: i64) -> String {
    format!("{}円", format_amount(amount))
}

/// The number alone with separators (`12,000`, `△1,200`), for table cells under a 円 heading.
pub fn format_amount(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        out.push('△');
    }
    let first = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i != 0 && (i + 3 - first).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(format_yen(0), "0円");
        assert_eq!(format_yen(999), "999円");
        assert_eq!(format_yen(1000), "1,000円");
        assert_eq!(format_yen(12000), "12,000円");
        assert_eq!(format_yen(1234567), "1,234,567円");
        assert_eq!(format_yen(-1200), "△1,200円", "negatives use △ as in Japanese settlements");
        assert_eq!(format_amount(i64::MIN), "△9,223,372,036,854,775,808");
    }

    proptest! {
        #[test]
        fn separators_round_trip(n in any::<i64>()) {
            let s = format_amount(n);
            let negative = s.starts_with('△');
            let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
            let back: i128 = digits.parse::<i128>().expect("digits") * if negative { -1 } else { 1 };
            prop_assert_eq!(back, n as i128, "removing separators must give the number back");
            for group in s.trim_start_matches('△').split(',').skip(1) {
                prop_assert_eq!(group.len(), 3, "every group after the first has three digits");
            }
        }
    }
}
