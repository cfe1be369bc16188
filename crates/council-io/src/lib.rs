//! Council Desk's files in and out: the member roster from and to Excel or CSV ([`roster`]), the
//! community plan as the city's workbook ([`plan_xlsx`]), every table as open data ([`open_data`]),
//! and the year's events as iCalendar ([`ical`]).
//!
//! Files come in as bytes (the window reads the chosen file) and are checked whole before anything is
//! written; what they create goes through the domain's own use cases, validated and audited like a
//! record entered by hand.

pub mod accounts_xlsx;
pub mod cashbook;
pub mod ical;
pub mod limits;
pub mod open_data;
pub mod plan_xlsx;
pub mod roster;
