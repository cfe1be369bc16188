//! Dates as councils write them: the Japanese era (和暦) and the fiscal year (年度).
//!
//! Dates are stored as ISO dates; this module converts only for display and documents. It is the one
//! formatter every screen and document goes through.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

/// A Japanese era since the calendar reform (明治6年 = 1873, the first Gregorian year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    /// The era's name in kanji (令和).
    pub name: &'static str,
    /// Its romanised name (Reiwa).
    pub romaji: &'static str,
    /// The first day of the era.
    pub start: (i32, u32, u32),
}

/// The eras, newest first.
pub const ERAS: [Era; 5] = [
    Era { name: "令和", romaji: "Reiwa", start: (2019, 5, 1) },
    Era { name: "平成", romaji: "Heisei", start: (1989, 1, 8) },
    Era { name: "昭和", romaji: "Showa", start: (1926, 12, 25) },
    Era { name: "大正", romaji: "Taisho", start: (1912, 7, 30) },
    Era { name: "明治", romaji: "Meiji", start: (1868, 1, 25) },
];

impl Era {
    fn start_date(&self) -> NaiveDate {
        let (y, m, d) = self.start;
        NaiveDate::from_ymd_opt(y, m, d).expect("era start dates are valid")
    }
}

/// The era in force on `date`, or `None` before 明治.
pub fn era_of(date: NaiveDate) -> Option<&'static Era> {
    ERAS.iter().find(|e| date >= e.start_date())
}

/// An era year written the Japanese way: 1 is 元 (令和元年).
fn era_year_text(n: i32) -> String {
    if n == 1 { "元".to_owned() } else { n.to_string() }
}

/// A date in 和暦: `令和8年4月1日`; before 明治, the western form `1850年1月1日`.
pub fn wareki(date: NaiveDate) -> String {
    match era_of(date) {
        Some(era) => {
            format!("{}{}年{}月{}日", era.name, era_year_text(date.year() - era.start.0 + 1), date.month(), date.day())
        }
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// A month in 和暦: `令和8年5月`.
pub fn wareki_month(date: NaiveDate) -> String {
    match era_of(date) {
        Some(era) => format!("{}{}年{}月", era.name, era_year_text(date.year() - era.start.0 + 1), date.month()),
        None => format!("{}年{}月", date.year(), date.month()),
    }
}

/// A date in 和暦 with the western year beside it: `令和8年（2026年）4月1日`.
pub fn wareki_with_western(date: NaiveDate) -> String {
    match era_of(date) {
        Some(era) => format!(
            "{}{}年（{}年）{}月{}日",
            era.name,
            era_year_text(date.year() - era.start.0 + 1),
            date.year(),
            date.month(),
            date.day()
        ),
        None => wareki(date),
    }
}

/// A date in English: `1 April 2026`.
pub fn english_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A date as the UI shows it, in both languages: `令和8年（2026年）4月1日` / `1 April 2026`.
pub fn date_text(date: NaiveDate) -> Text {
    Text::new(wareki_with_western(date), english_date(date))
}

/// A whole year as it is named in 和暦 (`令和8年`). A year in which an era began is named by the new
/// era (2019 is 令和元年, 1989 is 平成元年), which is also how fiscal years are named.
pub fn wareki_year(year: i32) -> String {
    let last_day = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
    match era_of(last_day) {
        Some(era) => format!("{}{}年", era.name, era_year_text(year - era.start.0 + 1)),
        None => format!("{year}年"),
    }
}

/// Reads a date as councils write it in rosters: `2024/4/1`, `2024-04-01`, `2024.4.1`,
/// `2024年4月1日`, `令和6年4月1日`, `令和元年5月1日`, `R6.4.1`, `H31/4/30`, `20240401`, in full- or
/// half-width digits. A 和暦 date before its era began (`令和1年4月1日`) is refused.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let s = crate::kana::fold(text);
    let (era, rest) = split_era(&s);
    let rest = rest.trim_end_matches('日');
    if era.is_none() && rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| rest[r].parse().ok();
        return NaiveDate::from_ymd_opt(n(0..4)?, n(4..6)? as u32, n(6..8)? as u32);
    }
    let parts: Vec<&str> = rest.split(['/', '-', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let year = era_year_number(y)?;
    let (month, day) = (m.parse().ok()?, d.parse().ok()?);
    match era {
        Some(era) => {
            let date = NaiveDate::from_ymd_opt(era.start.0 + year - 1, month, day)?;
            (date >= era.start_date()).then_some(date)
        }
        None if y.len() == 4 => NaiveDate::from_ymd_opt(year, month, day),
        None => None,
    }
}

/// Reads a year as rosters write birth years: `1955`, `1955年`, `昭和30`, `昭和30年`, `S30`, `平成元年`,
/// or a whole date (`1955/3/4`, `昭和30年3月4日`), in full- or half-width digits.
pub fn parse_year(text: &str) -> Option<i32> {
    let s = crate::kana::fold(text);
    let trimmed = s.trim_end_matches("生まれ").trim_end_matches('生').trim_end_matches('年');
    let (era, rest) = split_era(trimmed);
    match era {
        Some(era) if !rest.is_empty() => era_year_number(rest).map(|n| era.start.0 + n - 1),
        None if rest.len() == 4 => rest.parse().ok(),
        _ => parse_date(text).map(|d| d.year()),
    }
}

/// Splits a leading era name (令和) or its letter (R, r) off folded text.
fn split_era(s: &str) -> (Option<&'static Era>, &str) {
    for era in &ERAS {
        if let Some(rest) = s.strip_prefix(era.name) {
            return (Some(era), rest);
        }
        let letter = era.romaji[..1].to_ascii_lowercase();
        if let Some(rest) = s.strip_prefix(letter.as_str())
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '元')
        {
            return (Some(era), rest);
        }
    }
    (None, s)
}

/// An era year's number: digits, or 元 for 1.
fn era_year_number(s: &str) -> Option<i32> {
    if s == "元" {
        return Some(1);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n > 0)
}

/// A fiscal year, named by the calendar year in which it starts (FY2026 starts in 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year that contains `date`, for a council whose year starts in `start_month`
    /// (4 = April, the usual).
    pub fn of(date: NaiveDate, start_month: u32) -> Self {
        if date.month() >= start_month { FiscalYear(date.year()) } else { FiscalYear(date.year() - 1) }
    }

    /// The first day of the fiscal year.
    pub fn start(self, start_month: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, start_month, 1).expect("start month is 1..=12")
    }

    /// The last day of the fiscal year.
    pub fn end(self, start_month: u32) -> NaiveDate {
        FiscalYear(self.0 + 1).start(start_month).pred_opt().expect("a day before exists")
    }

    /// `令和8年度`: the 和暦 name that documents for the city use (FY2019 is 令和元年度).
    pub fn label_ja(self) -> String {
        format!("{}度", wareki_year(self.0))
    }

    /// `FY2026`.
    pub fn label_en(self) -> String {
        format!("FY{}", self.0)
    }

    /// The fiscal year's description for the UI.
    pub fn info(self, start_month: u32) -> FiscalYearInfo {
        FiscalYearInfo {
            year: self.0,
            label_ja: self.label_ja(),
            label_en: self.label_en(),
            start: self.start(start_month),
            end: self.end(start_month),
            period: Text::new(
                format!("{}〜{}", wareki(self.start(start_month)), wareki(self.end(start_month))),
                format!("{} – {}", english_date(self.start(start_month)), english_date(self.end(start_month))),
            ),
        }
    }
}

/// A fiscal year as the UI shows it: `令和8年度` / `FY2026`, with its first and last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FiscalYearInfo {
    /// The western year in which it starts.
    pub year: i32,
    /// `令和8年度`.
    pub label_ja: String,
    /// `FY2026`.
    pub label_en: String,
    /// First day.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// Last day.
    #[ts(type = "string")]
    pub end: NaiveDate,
    /// `令和8年4月1日〜令和9年3月31日` / `1 April 2026 – 31 March 2027`.
    pub period: Text,
}

/// A public holiday (祝日), as the calendar marks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holiday {
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Its name (勤労感謝の日, 振替休日 …).
    pub name: String,
}

/// Japan's public holidays from `from` to `to` (both included), substitute holidays (振替休日) and
/// 国民の休日 included, in date order: from the holiday law's rules, as the `jpholiday` crate keeps them.
pub fn holidays(from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
    if to < from {
        return Vec::new();
    }
    let mut days: Vec<Holiday> = jpholiday::jpholiday::JPHoliday::new()
        .between(&from, &to)
        .into_iter()
        .map(|(date, name)| Holiday { date, name })
        .collect();
    days.sort_by_key(|h| h.date);
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn public_holidays_come_from_the_law_with_substitute_days() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let autumn = holidays(day("2026-09-01"), day("2026-11-30"));
        let names: Vec<(String, &str)> = autumn.iter().map(|h| (h.date.to_string(), h.name.as_str())).collect();
        assert!(names.contains(&("2026-09-21".into(), "敬老の日")), "{names:?}");
        assert!(names.contains(&("2026-09-22".into(), "国民の休日")), "between two holidays: {names:?}");
        assert!(names.contains(&("2026-11-23".into(), "勤労感謝の日")), "{names:?}");
        assert!(names.iter().all(|(d, _)| d.as_str() >= "2026-09-01" && d.as_str() <= "2026-11-30"));
        let may = holidays(day("2027-05-01"), day("2027-05-31"));
        assert_eq!(may.len(), 3, "憲法記念日, みどりの日, こどもの日: {may:?}");
        assert!(holidays(day("2026-12-01"), day("2026-11-01")).is_empty());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(wareki(d(2019, 4, 30)), "平成31年4月30日", "last day of 平成");
        assert_eq!(wareki(d(2019, 5, 1)), "令和元年5月1日", "first day of 令和 is 元年");
        assert_eq!(wareki(d(2020, 1, 1)), "令和2年1月1日");
        assert_eq!(wareki(d(2026, 4, 1)), "令和8年4月1日", "domain.md's example");
        assert_eq!(wareki(d(1989, 1, 7)), "昭和64年1月7日", "last day of 昭和");
        assert_eq!(wareki(d(1989, 1, 8)), "平成元年1月8日", "first day of 平成");
        assert_eq!(wareki(d(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(wareki(d(1950, 6, 15)), "昭和25年6月15日", "members' birth years reach back to 昭和");
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(FiscalYear::of(d(2026, 4, 1), 4), FiscalYear(2026), "1 April opens the year");
        assert_eq!(FiscalYear::of(d(2027, 3, 31), 4), FiscalYear(2026), "31 March closes it");
        assert_eq!(FiscalYear::of(d(2026, 3, 31), 4), FiscalYear(2025));
        assert_eq!(FiscalYear::of(d(2026, 1, 1), 1), FiscalYear(2026), "a calendar-year council");
        assert_eq!(FiscalYear(2026).start(4), d(2026, 4, 1));
        assert_eq!(FiscalYear(2026).end(4), d(2027, 3, 31));
        assert_eq!(FiscalYear(2026).end(1), d(2026, 12, 31));
        assert_eq!(FiscalYear(2026).label_ja(), "令和8年度");
        assert_eq!(FiscalYear(2026).label_en(), "FY2026");
        assert_eq!(FiscalYear(2019).label_ja(), "令和元年度", "FY2019 is named 令和元年度");
        assert_eq!(FiscalYear(2018).label_ja(), "平成30年度");
        assert_eq!(FiscalYear(1988).label_ja(), "昭和63年度", "平成 began in 1989, after FY1988's start year");
        assert_eq!(FiscalYear(1989).label_ja(), "平成元年度");
    }

    #[test]
    fn fiscal_year_period_in_both_languages() {
        let info = FiscalYear(2026).info(4);
        assert_eq!(info.period.ja, "令和8年4月1日〜令和9年3月31日");
        assert_eq!(info.period.en, "1 April 2026 – 31 March 2027");
    }

    #[test]
    fn with_western_year() {
        assert_eq!(wareki_with_western(d(2026, 4, 1)), "令和8年（2026年）4月1日");
    }

    #[test]
    fn dates_as_rosters_write_them() {
        let april = Some(d(2024, 4, 1));
        for text in [
            "2024/4/1",
            "2024-04-01",
            "2024.4.1",
            "2024年4月1日",
            "令和6年4月1日",
            "R6.4.1",
            "r6/4/1",
            "Ｒ６．４．１",
            "２０２４／４／１",
            "令和６年４月１日",
            "20240401",
            " 2024/4/1 ",
        ] {
            assert_eq!(parse_date(text), april, "{text:?} is 1 April 2024");
        }
        assert_eq!(parse_date("令和元年5月1日"), Some(d(2019, 5, 1)), "元年 is year 1");
        assert_eq!(parse_date("H31.4.30"), Some(d(2019, 4, 30)), "the last day of 平成");
        assert_eq!(parse_date("昭和30年3月4日"), Some(d(1955, 3, 4)));
        assert_eq!(parse_date("令和1年4月1日"), None, "令和 began on 1 May 2019");
        for bad in ["", "4/1", "2024/13/1", "2024/2/30", "きのう", "24/4/1", "令和6年", "R"] {
            assert_eq!(parse_date(bad), None, "{bad:?} is not a date");
        }
    }

    #[test]
    fn birth_years_as_rosters_write_them() {
        for text in
            ["1955", "1955年", "昭和30", "昭和30年", "S30", "ｓ３０", "昭和３０年生まれ", "1955/3/4", "１９５５"]
        {
            assert_eq!(parse_year(text), Some(1955), "{text:?} is 1955");
        }
        assert_eq!(parse_year("平成元年"), Some(1989));
        assert_eq!(parse_year("令和元"), Some(2019));
        for bad in ["", "30", "昭和", "せんきゅうひゃく", "19555"] {
            assert_eq!(parse_year(bad), None, "{bad:?} is not a year");
        }
    }

    proptest! {
        #[test]
        fn every_date_lies_in_its_fiscal_year(days in 0i64..80_000, start_month in 1u32..=12) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            let fy = FiscalYear::of(date, start_month);
            prop_assert!(fy.start(start_month) <= date && date <= fy.end(start_month),
                "{date} must lie inside {fy:?} starting in month {start_month}");
            prop_assert_eq!(fy.end(start_month).succ_opt().map(|n| FiscalYear::of(n, start_month)), Some(FiscalYear(fy.0 + 1)),
                "the day after a fiscal year ends belongs to the next one");
        }

        #[test]
        fn every_wareki_date_reads_back(days in 0i64..60_000) {
            let date = d(1873, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&wareki(date)), Some(date), "{} must read back", wareki(date));
            let iso = date.to_string();
            prop_assert_eq!(parse_date(&iso), Some(date));
        }

        #[test]
        fn wareki_year_number_matches_western(days in 0i64..60_000) {
            let date = d(1873, 1, 1) + chrono::Duration::days(days);
            let era = era_of(date).expect("after 明治");
            let text = wareki(date);
            prop_assert!(text.starts_with(era.name));
            let year_part = &text[era.name.len()..text.find('年').expect("年")];
            let n: i32 = if year_part == "元" { 1 } else { year_part.parse().expect("digits") };
            prop_assert_eq!(n + era.start.0 - 1, date.year(), "era year + era start − 1 is the western year");
            let tail = format!("{}月{}日", date.month(), date.day());
            prop_assert!(text.ends_with(&tail), "{} must end with {}", text, tail);
        }
    }
}
