//! Written votes (書面表決) by motion, and the tally a 総会's secretary makes before the meeting: for
//! each motion, what the members who sent a 書面表決書 voted (賛成・反対・棄権, or left blank), and how
//! many proxies (委任状) each holder carries. The written votes are kept on their attendance line
//! (`meeting_invitee.written_votes`, agenda item ID → vote), only while that line is a written vote,
//! and change like the rest of the meeting only until its minutes are signed.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AgendaItemId, AgendaKind, Attendance, Meeting, MeetingId, ensure_unlocked, record};
use crate::Write;
use crate::audit::AuditAction;
use crate::error::{Error, Result};
use crate::text::Text;

/// A vote on one motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    /// 賛成.
    For,
    /// 反対.
    Against,
    /// 棄権.
    Abstain,
}

impl Vote {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::For => "for",
            Vote::Against => "against",
            Vote::Abstain => "abstain",
        }
    }

    /// From the stored text (anything else is no vote).
    pub fn parse(s: &str) -> Option<Vote> {
        match s {
            "for" => Some(Vote::For),
            "against" => Some(Vote::Against),
            "abstain" => Some(Vote::Abstain),
            _ => None,
        }
    }

    /// As a tally sheet marks it.
    pub fn label_ja(self) -> &'static str {
        match self {
            Vote::For => "賛成",
            Vote::Against => "反対",
            Vote::Abstain => "棄権",
        }
    }
}

/// What one member's 書面表決書 says on one motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WrittenVote {
    /// The motion.
    pub item_id: AgendaItemId,
    /// The vote.
    pub vote: Vote,
}

/// One motion's written votes and proxies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MotionTally {
    /// The motion.
    pub item_id: AgendaItemId,
    /// 第1号議案.
    pub number_text: String,
    /// Its title.
    pub title: String,
    /// Written votes for.
    pub written_for: u32,
    /// Written votes against.
    pub written_against: u32,
    /// Written abstentions.
    pub written_abstain: u32,
    /// Written votes that leave this motion blank.
    pub written_blank: u32,
    /// Proxies (cast by their holders at the meeting).
    pub proxies: u32,
}

/// Proxies carried by one holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProxyHolder {
    /// Who holds them (議長 when the proxy names no one).
    pub holder: String,
    /// How many.
    pub count: u32,
}

/// The tally of a meeting's proxies and written votes, by motion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoteTally {
    /// Members who sent a written vote.
    pub written_votes: u32,
    /// Members represented by a proxy.
    pub proxies: u32,
    /// Each motion, in agenda order.
    pub motions: Vec<MotionTally>,
    /// The proxies by holder, the most first.
    pub holders: Vec<ProxyHolder>,
}

/// The holder a proxy names, or the chair when it names no one (as the proxy form says).
pub fn holder_of(proxy_holder: &str) -> String {
    let h = proxy_holder.trim();
    if h.is_empty() { "議長".to_owned() } else { h.to_owned() }
}

/// Reads a line's stored votes (`{"<item id>": "for", …}`); anything unreadable counts as no vote.
pub(crate) fn parse(json: &str) -> Vec<WrittenVote> {
    let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    map.into_iter()
        .filter_map(|(item, vote)| Vote::parse(&vote).map(|vote| WrittenVote { item_id: AgendaItemId(item), vote }))
        .collect()
}

/// The tally of `m`'s proxies and written votes.
pub fn tally(m: &Meeting) -> VoteTally {
    let written: Vec<_> = m.invitees.iter().filter(|i| i.attendance == Attendance::WrittenVote).collect();
    let proxies: Vec<_> = m.invitees.iter().filter(|i| i.attendance == Attendance::Proxy).collect();
    let motions = m
        .agenda
        .iter()
        .filter(|i| i.kind == AgendaKind::Motion)
        .map(|item| {
            let count = |v: Vote| {
                written.iter().filter(|i| i.written_votes.iter().any(|w| w.item_id == item.id && w.vote == v)).count()
                    as u32
            };
            let (f, a, x) = (count(Vote::For), count(Vote::Against), count(Vote::Abstain));
            MotionTally {
                item_id: item.id.clone(),
                number_text: item.number_text.clone(),
                title: item.title.clone(),
                written_for: f,
                written_against: a,
                written_abstain: x,
                written_blank: written.len() as u32 - f - a - x,
                proxies: proxies.len() as u32,
            }
        })
        .collect();
    let mut by_holder: BTreeMap<String, u32> = BTreeMap::new();
    for p in &proxies {
        *by_holder.entry(holder_of(&p.proxy_holder)).or_default() += 1;
    }
    let mut holders: Vec<ProxyHolder> =
        by_holder.into_iter().map(|(holder, count)| ProxyHolder { holder, count }).collect();
    holders.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.holder.cmp(&b.holder)));
    VoteTally { written_votes: written.len() as u32, proxies: proxies.len() as u32, motions, holders }
}

/// Records what invitee `seq`'s 書面表決書 says, motion by motion (a motion not named is left blank).
/// Refused for a line that is not a written vote, for an item that is not a motion of the meeting,
/// and once the minutes are signed.
pub fn record_votes(w: &Write<'_>, meeting: &MeetingId, seq: u32, votes: &[WrittenVote]) -> Result<()> {
    ensure_unlocked(w, meeting)?;
    let line: Option<(String, String)> = w
        .query_row(
            "SELECT name, attendance FROM meeting_invitee WHERE meeting_id = ?1 AND seq = ?2",
            params![meeting, seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    let Some((name, attendance)) = line else {
        return Err(Error::NotFound(Text::new(
            format!("出席簿に{seq}番の人はいません。画面を開き直してください。"),
            format!("There is no line {seq} on the attendance sheet; reopen the screen."),
        )));
    };
    if Attendance::parse(&attendance) != Attendance::WrittenVote {
        return Err(Error::invalid(
            "written_votes",
            Text::new(
                format!("{name}さんの出欠を「書面表決」にしてから、議案ごとの賛否を記録してください。"),
                format!("Record {name} as attending by written vote first, then the vote on each motion."),
            ),
        ));
    }
    let motions: Vec<AgendaItemId> = {
        let mut stmt = w.prepare("SELECT id FROM agenda_item WHERE meeting_id = ?1 AND kind = 'motion'")?;
        stmt.query_map(params![meeting], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut map = BTreeMap::new();
    for v in votes {
        if !motions.contains(&v.item_id) {
            return Err(Error::invalid(
                "written_votes",
                Text::new(
                    "書面表決を記録できるのは、この会議の議案だけです。画面を開き直してください。",
                    "Written votes are recorded on this meeting's motions only; reopen the screen.",
                ),
            ));
        }
        map.insert(v.item_id.as_str().to_owned(), v.vote.as_str());
    }
    w.execute(
        "UPDATE meeting_invitee SET written_votes = ?3 WHERE meeting_id = ?1 AND seq = ?2",
        params![meeting, seq, serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned())],
    )?;
    let marked = votes.len();
    record(w, meeting, AuditAction::Update, format!("{name}さんの書面表決を記録（{marked}議案）"))
}
