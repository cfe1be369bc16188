//! What each officer's PC may change, enforced on every PC when a record is applied: a record that
//! goes beyond its author's role is refused and listed, whatever the app that made it claimed (a
//! tampered app cannot grant itself rights). The window hides what the role may not do; this is
//! the rule underneath.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension as _, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::changes::{Op, RowChange};
use crate::error::Result;

/// An officer's role on a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 会長: everything, and the devices.
    Chair,
    /// 会計: the council's money (accounts, dues, grants' money) and receipts.
    Treasurer,
    /// 書記: meetings and minutes, events, the plan, the roster.
    Secretary,
    /// 監事: reads everything, records the audit.
    Auditor,
    /// 班長: the dues collection of their block.
    BlockLeader,
    /// Reads only.
    Reader,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] =
        [Role::Chair, Role::Treasurer, Role::Secretary, Role::Auditor, Role::BlockLeader, Role::Reader];

    /// The word kept in `sync_device`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Treasurer => "treasurer",
            Role::Secretary => "secretary",
            Role::Auditor => "auditor",
            Role::BlockLeader => "block_leader",
            Role::Reader => "reader",
        }
    }

    /// The role a kept word (or a Japanese name) stands for.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s.trim() {
            "chair" | "会長" => Role::Chair,
            "treasurer" | "会計" => Role::Treasurer,
            "secretary" | "書記" => Role::Secretary,
            "auditor" | "監事" => Role::Auditor,
            "block_leader" | "班長" => Role::BlockLeader,
            "reader" | "閲覧" => Role::Reader,
            _ => return None,
        })
    }

    /// The role's name in Japanese.
    pub fn label_ja(self) -> &'static str {
        match self {
            Role::Chair => "会長",
            Role::Treasurer => "会計",
            Role::Secretary => "書記",
            Role::Auditor => "監事",
            Role::BlockLeader => "班長",
            Role::Reader => "閲覧のみ",
        }
    }

    /// Whether the role may change rows of `table` at all (finer rules follow in [`check`]).
    pub fn may_change(self, table: &str) -> bool {
        const MONEY: &[&str] = &["book", "ledger_entry", "dues_payment", "dues_rate", "dues_adjustment", "attachment"];
        const MEETINGS: &[&str] = &[
            "meeting",
            "meeting_invitee",
            "agenda_item",
            "minutes",
            "minutes_item",
            "event",
            "event_partner",
            "event_photo",
            "partner",
            "household",
            "household_block",
            "person",
            "block",
            "officer_term",
            "attachment",
            "setting",
        ];
        match self {
            Role::Chair => true,
            Role::Treasurer => {
                // The audit of the books is the auditors', not the treasurer's who keeps them.
                MONEY.contains(&table)
                    || (table.starts_with("account") && table != "account_audit")
                    || table.starts_with("grant_")
                    || table == "setting"
            }
            Role::Secretary => MEETINGS.contains(&table) || table.starts_with("plan"),
            Role::Auditor => matches!(table, "account_audit" | "account_balance_check"),
            Role::BlockLeader => matches!(table, "dues_payment" | "ledger_entry"),
            Role::Reader => false,
        }
    }
}

/// A part of the council's work, as the window groups it: the window shows the changes of an area
/// only to a PC whose role may make them (the rule underneath is [`Role::may_change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Households, people, blocks, officers, partners.
    Roster,
    /// Dues payments.
    Dues,
    /// The council's books and budget.
    Accounts,
    /// The auditors' checks of the books.
    Audit,
    /// Meetings and minutes.
    Meetings,
    /// Events.
    Events,
    /// The community plan.
    Plan,
    /// Grants and their money.
    Grants,
}

impl Area {
    /// Every area.
    pub const ALL: [Area; 8] =
        [Area::Roster, Area::Dues, Area::Accounts, Area::Audit, Area::Meetings, Area::Events, Area::Plan, Area::Grants];

    /// The table whose rule decides the area.
    fn table(self) -> &'static str {
        match self {
            Area::Roster => "household",
            Area::Dues => "dues_payment",
            // Not ledger_entry: a 班長's dues payment posts to the books, but the books are not theirs.
            Area::Accounts => "account_budget",
            Area::Audit => "account_audit",
            Area::Meetings => "meeting",
            Area::Events => "event",
            Area::Plan => "plan",
            Area::Grants => "grant_application",
        }
    }
}

impl Role {
    /// The areas whose changes the window offers this role.
    pub fn areas(self) -> Vec<Area> {
        Area::ALL.into_iter().filter(|a| self.may_change(a.table())).collect()
    }
}

/// A device as the shared device list knows it.
#[derive(Debug, Clone)]
pub struct Author {
    /// The device.
    pub device: String,
    /// Its role.
    pub role: Role,
    /// The block of a 班長.
    pub block: Option<String>,
}

/// Why the record's changes may not be applied, or `None` when they may.
pub fn check(conn: &Connection, author: &Author, changes: &[RowChange]) -> Result<Option<String>> {
    for change in changes {
        if let Some(why) = check_one(conn, author, change)? {
            return Ok(Some(why));
        }
    }
    Ok(None)
}

fn check_one(conn: &Connection, author: &Author, change: &RowChange) -> Result<Option<String>> {
    let table = change.table.as_str();
    // A signed minute never changes, whoever asks.
    if let Some(why) = signed_minutes(conn, change)? {
        return Ok(Some(why));
    }
    if table == "sync_device" {
        let own_name_only = change.op == Op::Update
            && change.key() == vec![Value::Text(author.device.clone())]
            && change.new.iter().enumerate().all(|(i, v)| v.is_none() || i == 2);
        if author.role == Role::Chair || own_name_only {
            return Ok(None);
        }
        return Ok(Some(format!("{}の役割では、共有するPCを追加・変更できません", author.role.label_ja())));
    }
    if !author.role.may_change(table) {
        return Ok(Some(format!("{}の役割では変更できない記録（{table}）を含んでいます", author.role.label_ja())));
    }
    if author.role == Role::BlockLeader && table == "dues_payment" {
        let household = match change.op {
            Op::Insert => change.value(1).cloned(),
            _ => current_text(conn, "SELECT household_id FROM dues_payment WHERE id = ?1", &change.key())?
                .map(Value::Text),
        };
        let block = match household {
            Some(Value::Text(h)) => current_text(
                conn,
                "SELECT block_id FROM household_block WHERE household_id = ?1 ORDER BY from_date DESC LIMIT 1",
                &[Value::Text(h)],
            )?,
            _ => None,
        };
        if block.is_none() || block != author.block {
            return Ok(Some("班長は自分の班の世帯の会費だけを記録できます".to_owned()));
        }
    }
    Ok(None)
}

fn signed_minutes(conn: &Connection, change: &RowChange) -> Result<Option<String>> {
    let minutes_id = match (change.table.as_str(), change.op) {
        ("minutes", Op::Update | Op::Delete) => change.key().into_iter().next(),
        ("minutes_item", _) => match change.op {
            Op::Insert => change.new.first().cloned().flatten(),
            _ => change.old.first().cloned().flatten(),
        },
        _ => None,
    };
    let Some(Value::Text(id)) = minutes_id else { return Ok(None) };
    let status = current_text(conn, "SELECT status FROM minutes WHERE id = ?1", &[Value::Text(id)])?;
    Ok((status.as_deref() == Some("signed")).then(|| "署名済みの議事録を変えようとしています".to_owned()))
}

fn current_text(conn: &Connection, sql: &str, key: &[Value]) -> Result<Option<String>> {
    let Some(first) = key.first() else { return Ok(None) };
    Ok(conn.prepare_cached(sql)?.query_row(params![first], |r| r.get::<_, Option<String>>(0)).optional()?.flatten())
}

/// The rule a write on this PC must pass before it commits: the same check every other PC applies
/// to the record it becomes, so a change the others would refuse is refused here first, with why.
pub fn guard(conn: &Connection, device: &str, changeset: &[u8]) -> Option<council_base::Text> {
    let row: Option<(String, Option<String>, Option<i64>)> = conn
        .prepare_cached("SELECT role, block_id, revoked_clock FROM sync_device WHERE id = ?1")
        .and_then(|mut stmt| stmt.query_row(params![device], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional())
        .ok()
        .flatten();
    let (role, block, revoked) = row?;
    if revoked.is_some() {
        return Some(council_base::Text::new(
            "このPCの共有は会長が取り消しました。変更はできません。",
            "The chair revoked this PC's sharing: it cannot make changes.",
        ));
    }
    let role = Role::parse(&role)?;
    // Most writes touch only tables the role may change and no row whose current state matters (a
    // signed minute, the device list, a block's dues): seen from the tables alone, without reading
    // every value.
    let tables = crate::changes::tables(changeset).ok()?;
    if tables.iter().all(|t| needs_no_closer_look(role, t)) {
        return None;
    }
    let changes = crate::changes::read(changeset).ok()?;
    let author = Author { device: device.to_owned(), role, block };
    check(conn, &author, &changes).ok().flatten().map(|why| {
        council_base::Text::new(
            format!("{why}。この変更は、役割のある役員のPCで行ってください。"),
            format!("Your role on this PC ({}) does not allow this change. Make it on the PC of an officer whose role does.", role.as_str()),
        )
    })
}

/// Whether every change of `table` by `role` passes [`check`] whatever its rows: the table is one
/// the role may change, and not one [`check_one`] looks into.
fn needs_no_closer_look(role: Role, table: &str) -> bool {
    let looked_into = matches!(table, "minutes" | "minutes_item" | "sync_device")
        || (role == Role::BlockLeader && table == "dues_payment");
    !looked_into && role.may_change(table)
}

/// Installs [`guard`] for every write of this process.
pub fn install() {
    council_store::capture::set_guard(guard);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_offers_each_role_its_own_areas() {
        assert_eq!(Role::Chair.areas(), Area::ALL.to_vec());
        assert_eq!(Role::Treasurer.areas(), vec![Area::Dues, Area::Accounts, Area::Grants]);
        assert_eq!(Role::Secretary.areas(), vec![Area::Roster, Area::Meetings, Area::Events, Area::Plan]);
        assert_eq!(Role::Auditor.areas(), vec![Area::Audit]);
        assert_eq!(Role::BlockLeader.areas(), vec![Area::Dues]);
        assert!(Role::Reader.areas().is_empty());
    }
}
