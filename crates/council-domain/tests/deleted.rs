//! Every delete can be brought back whole: an agenda item, a grant expense and a partner of the demo
//! council are deleted, and 「削除した記録」 brings each back exactly as it was — with what went with it
//! (papers, results, the partner's links to actions, events and applications).

use chrono::NaiveDate;
use council_domain::clock::FixedClock;
use council_domain::partners::PartnerId;
use council_domain::{Session, deleted, grants, meetings, partners};
use council_store::data_dir::DataDir;

fn demo(dir: &tempfile::TempDir) -> Session {
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    s.write(|w| council_demo::create(w, &s.dir().attachments())).expect("demo");
    s
}

/// Every row of the council's own tables (not the history, nor this PC's bookkeeping), sorted.
fn everything(s: &Session) -> Vec<String> {
    s.read(|r| {
        let tables: Vec<String> = {
            let mut stmt = r.prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                   AND name NOT IN ('audit_log', 'content_version', 'local_setting') AND name NOT LIKE 'sync_%'",
            )?;
            stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = r.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let n = stmt.column_count();
            let rows = stmt.query_map([], |row| {
                Ok((0..n)
                    .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i)))
                    .collect::<Vec<_>>()
                    .join("|"))
            })?;
            for row in rows {
                out.push(format!("{table}: {}", row?));
            }
        }
        out.sort();
        Ok::<_, council_domain::error::Error>(out)
    })
    .expect("rows")
}

fn one(s: &Session, sql: &str) -> String {
    s.read(|r| Ok::<_, council_domain::error::Error>(r.query_row(sql, [], |row| row.get(0))?)).expect(sql)
}

fn bring_back(s: &Session, id: &str) {
    let entry = s
        .read(|r| deleted::list(r))
        .expect("list")
        .into_iter()
        .find(|e| e.entity_id == id)
        .unwrap_or_else(|| panic!("{id} is listed among the deleted records"));
    s.write(|w| deleted::restore(w, entry.seq)).expect("restore");
}

#[test]
fn an_agenda_item_an_expense_and_a_partner_come_back_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let before = everything(&s);

    // An agenda item of a meeting still open to changes.
    let item = one(
        &s,
        "SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
          WHERE NOT EXISTS (SELECT 1 FROM minutes n WHERE n.meeting_id = m.id AND n.status = 'signed')
            AND m.held_on >= '2026-11-23' ORDER BY a.id LIMIT 1",
    );
    s.write(|w| meetings::remove_item(w, &meetings::AgendaItemId(item.clone()))).expect("remove item");
    assert_ne!(everything(&s), before);
    bring_back(&s, &item);
    assert_eq!(everything(&s), before, "the agenda item is back as it was");

    // An expense of a grant still running.
    let expense = one(
        &s,
        "SELECT e.id FROM grant_expense e JOIN grant_application a ON a.id = e.application_id
          WHERE a.status IN ('awarded', 'in_progress', 'change_applied', 'change_approved') ORDER BY e.id LIMIT 1",
    );
    s.write(|w| grants::expenses::delete(w, &grants::GrantExpenseId(expense.clone()))).expect("delete expense");
    assert_ne!(everything(&s), before);
    bring_back(&s, &expense);
    assert_eq!(everything(&s), before, "the expense is back as it was");

    // A partner named on actions, events or applications: its links go with it and come back.
    let partner = one(
        &s,
        "SELECT partner_id FROM (SELECT partner_id FROM plan_action_partner UNION ALL SELECT partner_id FROM event_partner)
          GROUP BY partner_id ORDER BY count(*) DESC LIMIT 1",
    );
    let uses = s.read(|r| partners::uses(r, &PartnerId(partner.clone()))).expect("uses");
    assert!(uses.ja.contains('件'), "where it is named: {}", uses.ja);
    s.write(|w| partners::delete(w, &PartnerId(partner.clone()))).expect("delete partner");
    assert_eq!(
        one(&s, &format!("SELECT CAST(count(*) AS TEXT) FROM plan_action_partner WHERE partner_id = '{partner}'")),
        "0"
    );
    bring_back(&s, &partner);
    assert_eq!(everything(&s), before, "the partner and its links are back");
}

#[test]
fn ending_the_demo_keeps_it_whole_in_a_backup_that_restores_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = demo(&dir);
    let before = everything(&s);
    let entry = council_domain::folder::end_demo(&s).expect("ended");
    // The folder is empty: the first start's screen comes next.
    assert!(s.read(|r| council_domain::council::get(r)).expect("read").is_none(), "no council after the demo");
    let households: i64 = s
        .read(|r| Ok::<_, council_domain::Error>(r.query_row("SELECT count(*) FROM household", [], |x| x.get(0))?))
        .expect("count");
    assert_eq!(households, 0);
    // The demo is in the backup, whole: restoring it brings every row back.
    council_domain::folder::restore(&s, std::path::Path::new(&entry.path)).expect("restore");
    assert_eq!(everything(&s), before, "the demo restored exactly");
}

#[test]
fn only_the_demo_can_be_ended_and_a_refusal_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today: NaiveDate = "2026-11-23".parse().expect("date");
    let s = council_domain::open(DataDir::at(dir.path()), Box::new(FixedClock::at_date(today))).expect("open");
    let input = council_domain::council::CouncilProfileInput {
        name: "みどり台自治会".into(),
        kind: council_domain::council::CouncilKind::Jichikai,
        kind_other: String::new(),
        city: "みどり市".into(),
        district: String::new(),
        address: "みどり市みどり台1-1".into(),
        representative_title: "会長".into(),
        representative_name: "佐藤 一郎".into(),
        fiscal_year_start_month: 4,
    };
    s.write(|w| council_domain::council::create(w, &input, false)).expect("own council");
    let before = everything(&s);
    let err = council_domain::folder::end_demo(&s).expect_err("not the demo");
    assert!(err.text().ja.contains("デモの自治会ではない"), "{}", err.text().ja);
    assert_eq!(everything(&s), before);
    assert!(s.read(|r| council_domain::council::get(r)).expect("read").is_some());
}
