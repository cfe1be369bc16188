//! Where "now" comes from. Rules take `now`/`today` as parameters; only the session (its write and
//! read contexts) asks a [`Clock`], once per use case. Tests and the end-to-end suite use a fixed clock.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Japan Standard Time: councils live in it, so "today" is the date in Japan.
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant (UTC).
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in Japan.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&jst()).date_naive()
    }
}

/// The system clock: the only place in the core that reads the real time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant (tests, demos and reproducible screenshots).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// A clock stopped at noon (Japan time) of the given date.
    pub fn at_date(date: NaiveDate) -> Self {
        let noon = date.and_hms_opt(12, 0, 0).expect("noon exists");
        let instant = noon.and_local_timezone(jst()).single().expect("JST has no gaps");
        Self(instant.with_timezone(&Utc))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The clock to use: the system clock, or a fixed date when `COUNCIL_DESK_TODAY=YYYY-MM-DD` is set
/// (used by the end-to-end suite so screenshots and fiscal years are reproducible).
pub fn from_env() -> Box<dyn Clock> {
    match std::env::var("COUNCIL_DESK_TODAY") {
        Ok(s) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Box::new(FixedClock::at_date(d)),
            Err(_) => Box::new(SystemClock),
        },
        Err(_) => Box::new(SystemClock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_in_japan() {
        // 2026-03-31 20:00 UTC is already 1 April in Japan: a new fiscal year there.
        let c = FixedClock("2026-03-31T20:00:00Z".parse().expect("valid instant"));
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 4, 1).expect("date"), "JST is UTC+9");
    }
}
