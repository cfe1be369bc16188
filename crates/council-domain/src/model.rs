//! The domain's answers to the store about a council database ([`DataModel`]), and opening a
//! council's data folder with them.

use council_base::clock::Clock;
use council_base::text::Text;
use council_store::data_dir::DataDir;
use council_store::model::{CouncilName, DataModel, RecordCount};
use rusqlite::Connection;

use crate::error::Result;
use crate::{attachments, audit, council, members, partners, settings};

/// The domain's answers, for [`council_store::Session::open`] and the store's backup functions.
pub static MODEL: Model = Model;

/// See [`MODEL`].
#[derive(Debug)]
pub struct Model;

impl DataModel for Model {
    fn council(&self, conn: &Connection) -> Result<Option<CouncilName>> {
        Ok(council::get(conn)?.map(|c| CouncilName { name: c.name, is_demo: c.is_demo }))
    }

    fn counts(&self, conn: &Connection) -> Result<Vec<RecordCount>> {
        record_counts(conn)
    }

    fn operator(&self, conn: &Connection) -> Result<String> {
        settings::operator_name(conn)
    }

    fn attachments(&self, conn: &Connection) -> Result<Vec<String>> {
        attachments::referenced(conn)
    }
}

/// Opens a council's data folder (see [`council_store::Session::open`]).
pub fn open(dir: DataDir, clock: Box<dyn Clock>) -> Result<council_store::Session> {
    council_store::Session::open(dir, clock, &MODEL)
}

/// The record counts of a database, the same for `council info` and a backup's preview.
pub fn record_counts(conn: &Connection) -> Result<Vec<RecordCount>> {
    let count = |key: &str, ja: &str, en: &str, count: i64| RecordCount {
        key: key.to_owned(),
        label: Text::new(ja, en),
        count,
    };
    Ok(vec![
        count("households", "加入世帯", "Member households", members::member_household_count(conn)?),
        count("persons", "会員（人）", "Members (persons)", members::person_count(conn)?),
        count("blocks", "班・組", "Blocks", members::blocks(conn)?.len() as i64),
        count("partners", "連携団体", "Partners", partners::list(conn)?.len() as i64),
        count("audit_entries", "変更履歴", "Recorded changes", audit::count(conn)?),
    ])
}
