//! The demo council: realistic sample data so a newcomer sees real content at once. Each aggregate adds
//! its part here as it lands; everything is derived from `today`, so the demo always looks current.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

use crate::council::{self, CouncilKind, CouncilProfile, CouncilProfileInput};
use crate::error::Result;

/// The demo council's profile (a fictional city and district).
pub fn profile() -> CouncilProfileInput {
    CouncilProfileInput {
        name: "さくら台自治会".to_owned(),
        kind: CouncilKind::Jichikai,
        kind_other: String::new(),
        city: "みどり市".to_owned(),
        district: "さくら台地区".to_owned(),
        address: "みどり市さくら台二丁目3番1号 さくら台集会所".to_owned(),
        representative_title: "会長".to_owned(),
        representative_name: "山田 太郎".to_owned(),
        fiscal_year_start_month: 4,
    }
}

/// Creates the demo council inside the caller's transaction.
pub fn create(tx: &Transaction<'_>, _today: NaiveDate, now: DateTime<Utc>, actor: &str) -> Result<CouncilProfile> {
    council::create(tx, &profile(), true, now, actor)
}
