//! Global search: one query across the council's records, grouped by kind. Japanese text needs no
//! spaces; readings match in either kana script and width. Each kind answers from its own module
//! (members use their folded search keys, meetings their motions and minutes, events, the plan and
//! grants with their expenses their texts folded the same way).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::events::{self, Event};
use crate::grants::application::{self as grants, GrantHit};
use crate::kana;
use crate::meetings::{self, DecisionHit, MeetingQuery};
use crate::members::{self, MemberQuery, MemberRow};
use crate::partners::{self, Partner};
use crate::plan::{self, PlanHit};

/// What a global search found, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    /// The query as searched.
    pub query: String,
    /// Member households (by anyone in them, address, block, phone).
    pub households: Vec<MemberRow>,
    /// How many households match in all.
    pub households_total: i64,
    /// Partners (by name, contact or what the council does with them).
    pub partners: Vec<Partner>,
    /// Past decisions and discussions (motions and minutes), newest first.
    pub decisions: Vec<DecisionHit>,
    /// Events (by title, place, organiser, notes), the latest first.
    pub events: Vec<Event>,
    /// Plan actions and indicators of the current plans.
    pub plan: Vec<PlanHit>,
    /// Grant applications, and expenses by payee and 但し書き.
    pub grants: Vec<GrantHit>,
}

/// Searches everything for `text`; at most `limit` results of each kind.
pub fn global(conn: &Connection, text: &str, limit: u32) -> Result<SearchResults> {
    let folded = kana::fold(text);
    if folded.is_empty() {
        return Ok(SearchResults { query: text.to_owned(), ..Default::default() });
    }
    let page = members::list(conn, &MemberQuery { text: text.to_owned(), limit, ..Default::default() })?;
    let partners = partners::list(conn)?
        .into_iter()
        .filter(|p| kana::fold(&format!("{}{}{}", p.name, p.contact_person, p.notes)).contains(&folded))
        .take(limit as usize)
        .collect();
    let start_month = crate::council::get(conn)?.map_or(4, |c| c.fiscal_year_start_month);
    let mut decisions =
        meetings::list(conn, &MeetingQuery { text: text.to_owned(), ..Default::default() }, start_month)?.hits;
    decisions.truncate(limit as usize);
    let events = events::search(conn, &folded, limit as usize, start_month)?;
    let plan = plan::search(conn, &folded, limit as usize)?;
    let grants = grants::search(conn, &folded, limit as usize)?;
    Ok(SearchResults {
        events,
        plan,
        grants,
        query: text.to_owned(),
        households: page.rows,
        households_total: page.total,
        partners,
        decisions,
    })
}
