//! Meetings (会議): a 総会, 役員会, 班長会 or 部会 with its invitees and their attendance, the agenda
//! (議題 and 議案 in one ordered list, motions numbered 第1号議案… in agenda order), papers attached to
//! an item, each motion's result, and the action items decisions spawn. The minutes live in
//! [`minutes`], the printed papers' data in [`papers`], the quorum and majority rules in [`rules`].
//!
//! Once a meeting's minutes are signed, the meeting is locked: its agenda, attendance and results are
//! what the signed minutes say, so every edit is refused with [`Error::Locked`] here in the core.

pub mod minutes;
pub mod papers;
pub mod rules;
pub mod written;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::attachments;
use crate::audit::{AuditAction, Change};
use crate::calendar::{self, FiscalYear};
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Date, Integer, Json, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::kana;
use crate::text::Text;

pub use rules::{Attendance, Majority, QuorumBasis, QuorumRule, QuorumStatus, VoteOutcome};

id_type!(
    /// One meeting.
    MeetingId
);
id_type!(
    /// One line of a meeting's agenda (a topic or a motion).
    AgendaItemId
);
id_type!(
    /// A paper attached to an agenda item.
    PaperId
);
id_type!(
    /// One action item.
    ActionItemId
);

/// The kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// 総会 (the yearly general meeting of all members).
    General,
    /// 臨時総会.
    ExtraordinaryGeneral,
    /// 役員会 (board).
    Board,
    /// 班長会 (block leaders).
    BlockLeaders,
    /// 部会 (a committee).
    Committee,
    /// Any other meeting.
    Other,
}

impl MeetingKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::General => "general",
            MeetingKind::ExtraordinaryGeneral => "extraordinary_general",
            MeetingKind::Board => "board",
            MeetingKind::BlockLeaders => "block_leaders",
            MeetingKind::Committee => "committee",
            MeetingKind::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "general" => MeetingKind::General,
            "extraordinary_general" => MeetingKind::ExtraordinaryGeneral,
            "board" => MeetingKind::Board,
            "block_leaders" => MeetingKind::BlockLeaders,
            "committee" => MeetingKind::Committee,
            _ => MeetingKind::Other,
        }
    }

    /// The kind as printed.
    pub fn label_ja(self) -> &'static str {
        match self {
            MeetingKind::General => "総会",
            MeetingKind::ExtraordinaryGeneral => "臨時総会",
            MeetingKind::Board => "役員会",
            MeetingKind::BlockLeaders => "班長会",
            MeetingKind::Committee => "部会",
            MeetingKind::Other => "会議",
        }
    }

    /// True for a meeting of all members (総会, 臨時総会): its notice comes with the proxy and
    /// written-vote forms.
    pub fn is_general(self) -> bool {
        matches!(self, MeetingKind::General | MeetingKind::ExtraordinaryGeneral)
    }
}

/// Who is invited, fixed when the meeting is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InviteRule {
    /// Every member household (a 総会 counted per household).
    AllHouseholds,
    /// Every member person (a 総会 counted per person).
    AllPersons,
    /// The officers in office on the day (役員会), block leaders excepted.
    Officers,
    /// The block leaders in office on the day (班長会).
    BlockLeaders,
    /// Those the secretary chooses, from the roster or by name (a 部会's members, guests): nobody
    /// until they are added.
    None,
}

impl InviteRule {
    fn as_str(self) -> &'static str {
        match self {
            InviteRule::AllHouseholds => "all_households",
            InviteRule::AllPersons => "all_persons",
            InviteRule::Officers => "officers",
            InviteRule::BlockLeaders => "block_leaders",
            InviteRule::None => "none",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "all_households" => InviteRule::AllHouseholds,
            "all_persons" => InviteRule::AllPersons,
            "officers" => InviteRule::Officers,
            "block_leaders" => InviteRule::BlockLeaders,
            _ => InviteRule::None,
        }
    }

    /// Who the quorum counts for these invitees.
    pub fn counting(self) -> rules::Counting {
        match self {
            InviteRule::AllHouseholds => rules::Counting::HOUSEHOLDS,
            InviteRule::AllPersons => rules::Counting::PERSONS,
            InviteRule::Officers => rules::Counting::OFFICERS,
            InviteRule::BlockLeaders => rules::Counting::BLOCK_LEADERS,
            InviteRule::None => rules::Counting::INVITED,
        }
    }

    /// The usual invitees of a kind of meeting under the council's quorum basis.
    pub fn default_for(kind: MeetingKind, basis: QuorumBasis) -> Self {
        match kind {
            MeetingKind::General | MeetingKind::ExtraordinaryGeneral => match basis {
                QuorumBasis::Household => InviteRule::AllHouseholds,
                QuorumBasis::Person => InviteRule::AllPersons,
            },
            MeetingKind::Board => InviteRule::Officers,
            MeetingKind::BlockLeaders => InviteRule::BlockLeaders,
            MeetingKind::Committee | MeetingKind::Other => InviteRule::None,
        }
    }
}

/// Whether an agenda line is a topic or a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgendaKind {
    /// 議題: a report or a discussion, nothing voted.
    Topic,
    /// 議案: a motion put to the vote.
    Motion,
}

/// A motion's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MotionResult {
    /// Not decided yet.
    Pending,
    /// 可決.
    Carried,
    /// 否決.
    Rejected,
    /// 継続審議.
    Continued,
}

impl MotionResult {
    fn as_str(self) -> &'static str {
        match self {
            MotionResult::Pending => "pending",
            MotionResult::Carried => "carried",
            MotionResult::Rejected => "rejected",
            MotionResult::Continued => "continued",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "carried" => MotionResult::Carried,
            "rejected" => MotionResult::Rejected,
            "continued" => MotionResult::Continued,
            _ => MotionResult::Pending,
        }
    }

    /// The result as printed.
    pub fn label_ja(self) -> &'static str {
        match self {
            MotionResult::Pending => "未決",
            MotionResult::Carried => "可決",
            MotionResult::Rejected => "否決",
            MotionResult::Continued => "継続審議",
        }
    }
}

/// An invitee and how they attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Invitee {
    /// Their line on the attendance sheet (1, 2, …).
    pub seq: u32,
    /// Name (the head of a household, or the person).
    pub name: String,
    /// Block, or the officer's title.
    pub label: String,
    /// How they attended.
    pub attendance: Attendance,
    /// For a proxy: who holds it (empty: the chair).
    pub proxy_holder: String,
    /// For a written vote: what it says on each motion (a motion not listed is left blank).
    pub written_votes: Vec<written::WrittenVote>,
}

/// Someone added to a meeting whose members are chosen (a 部会): a person of the roster, or someone
/// named who is not on it (a guest from the city, a partner's member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InviteeInput {
    /// The person on the roster, if they are on it.
    #[ts(optional)]
    pub person_id: Option<crate::members::PersonId>,
    /// Their name, for someone not on the roster (ignored for a person on it).
    pub name: String,
    /// What they are (来賓, 市役所): for someone not on the roster; a person on it is labelled with
    /// their office on the meeting's day, else their block.
    pub label: String,
}

/// One invitee's attendance as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceInput {
    /// The invitee's line.
    pub seq: u32,
    /// How they attended.
    pub attendance: Attendance,
    /// For a proxy: who holds it.
    pub proxy_holder: String,
}

/// A paper attached to an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Paper {
    /// ID.
    pub id: PaperId,
    /// The file's name as attached.
    pub file_name: String,
    /// Its SHA-256 (its name in the attachments folder).
    pub sha256: String,
    /// Bytes.
    pub size: i64,
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    /// ID.
    pub id: AgendaItemId,
    /// Its place in the agenda (1, 2, …).
    pub position: u32,
    /// Topic or motion.
    pub kind: AgendaKind,
    /// For a motion, its number (1 for 第1号議案), following the agenda order.
    pub number: Option<u32>,
    /// 第1号議案 for a motion; 報告1 … for a topic.
    pub number_text: String,
    /// Title (令和7年度事業報告について).
    pub title: String,
    /// Who presents it.
    pub presenter: String,
    /// Planned minutes.
    pub planned_minutes: Option<u32>,
    /// The proposal text (motions).
    pub proposal: String,
    /// The majority a motion needs.
    pub majority: Majority,
    /// A motion's result.
    pub result: MotionResult,
    /// Votes for (where counted).
    pub votes_for: Option<u32>,
    /// Votes against.
    pub votes_against: Option<u32>,
    /// Abstentions.
    pub votes_abstain: Option<u32>,
    /// Attached papers.
    pub papers: Vec<Paper>,
    /// For a motion that changes the bylaws: its 新旧対照表, article by article.
    pub comparison: Vec<ComparisonRow>,
}

/// One article of a bylaw change (新旧対照表の一行): as it reads now and as proposed. An empty
/// `current` is a new article (新設); an empty `proposed` deletes it (削除).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComparisonRow {
    /// The article (第12条（総会の定足数）).
    pub article: String,
    /// As it reads now (改正前).
    pub current: String,
    /// As proposed (改正後).
    pub proposed: String,
}

/// An agenda line as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItemInput {
    /// Topic or motion.
    pub kind: AgendaKind,
    /// Title.
    pub title: String,
    /// Presenter.
    pub presenter: String,
    /// Planned minutes.
    pub planned_minutes: Option<u32>,
    /// Proposal text (motions).
    pub proposal: String,
    /// Majority needed (motions).
    pub majority: Majority,
}

/// A motion's result as recorded at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MotionResultInput {
    /// The result.
    pub result: MotionResult,
    /// Votes for (none: not counted, e.g. carried by applause).
    pub votes_for: Option<u32>,
    /// Votes against.
    pub votes_against: Option<u32>,
    /// Abstentions.
    pub votes_abstain: Option<u32>,
}

/// A meeting as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingInput {
    /// Kind.
    pub kind: MeetingKind,
    /// Title (empty: 令和8年度 定期総会 / 役員会 …).
    pub title: String,
    /// The day.
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// Starting time, `HH:MM`.
    pub starts_at: String,
    /// Place.
    pub place: String,
    /// The chair (議長), if known before.
    pub chair: String,
    /// Who is invited (none: the usual for the kind).
    pub invite: Option<InviteRule>,
    /// Notes.
    pub notes: String,
}

/// The minutes' stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MinutesStatus {
    /// Being written.
    Draft,
    /// Circulated to attendees for corrections.
    Circulated,
    /// Approved.
    Approved,
    /// Signed by the chair and the signatories: locked.
    Signed,
}

impl MinutesStatus {
    fn as_str(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "draft",
            MinutesStatus::Circulated => "circulated",
            MinutesStatus::Approved => "approved",
            MinutesStatus::Signed => "signed",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "circulated" => MinutesStatus::Circulated,
            "approved" => MinutesStatus::Approved,
            "signed" => MinutesStatus::Signed,
            _ => MinutesStatus::Draft,
        }
    }

    /// The stage as printed.
    pub fn label_ja(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "下書き",
            MinutesStatus::Circulated => "確認依頼中",
            MinutesStatus::Approved => "承認済み",
            MinutesStatus::Signed => "署名済み",
        }
    }
}

/// Minutes as a meeting lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesRef {
    /// ID.
    pub id: minutes::MinutesId,
    /// The signed minutes this one amends, for an amendment.
    pub amends_id: Option<minutes::MinutesId>,
    /// Stage.
    pub status: MinutesStatus,
}

/// A meeting with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Meeting {
    /// ID.
    pub id: MeetingId,
    /// Kind.
    pub kind: MeetingKind,
    /// Title.
    pub title: String,
    /// The day.
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The day in 和暦 with the weekday (令和8年4月26日（日）).
    pub date_text: Text,
    /// The fiscal year it belongs to.
    pub fiscal_year: i32,
    /// Starting time.
    pub starts_at: String,
    /// Place.
    pub place: String,
    /// Chair.
    pub chair: String,
    /// Who was invited.
    pub invite: InviteRule,
    /// Notes.
    pub notes: String,
    /// The day the notice (開催通知) went out: kept from its first printing, or as typed.
    #[ts(type = "string | null")]
    pub notice_issued_on: Option<NaiveDate>,
    /// The day the 総会結果のお知らせ went out.
    #[ts(type = "string | null")]
    pub results_issued_on: Option<NaiveDate>,
    /// The invitees and their attendance.
    pub invitees: Vec<Invitee>,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// The quorum finding from the attendance so far.
    pub quorum: QuorumStatus,
    /// The minutes and their amendments, oldest first.
    pub minutes: Vec<MinutesRef>,
    /// True once the minutes are signed: nothing of the meeting may change.
    pub locked: bool,
    /// The proxies and written votes, by motion.
    pub tally: written::VoteTally,
}

/// A meeting as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingSummary {
    /// ID.
    pub id: MeetingId,
    /// Kind.
    pub kind: MeetingKind,
    /// Title.
    pub title: String,
    /// The day.
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    /// The day as shown.
    pub date_text: Text,
    /// Place.
    pub place: String,
    /// Number of motions.
    pub motions: u32,
    /// The original minutes' stage, if started.
    pub minutes_status: Option<MinutesStatus>,
}

/// The meeting list's filters and word search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingQuery {
    /// Only this kind.
    pub kind: Option<MeetingKind>,
    /// Only this fiscal year.
    pub fiscal_year: Option<i32>,
    /// Words to find in motions and minutes (empty: every meeting).
    pub text: String,
}

/// A past decision or discussion that matches a word search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionHit {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Its title.
    pub meeting_title: String,
    /// Its day as shown.
    pub date_text: Text,
    /// Its kind.
    pub kind: MeetingKind,
    /// The agenda line.
    pub item_title: String,
    /// 第1号議案 …
    pub number_text: String,
    /// The motion's result (topics: pending).
    pub result: MotionResult,
    /// The text around the match.
    pub excerpt: String,
}

/// The meeting list with its search hits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingList {
    /// Meetings, newest first (with a search: those with a hit).
    pub meetings: Vec<MeetingSummary>,
    /// Matching motions and minutes' discussions, newest first.
    pub hits: Vec<DecisionHit>,
}

/// An action item's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionItemStatus {
    /// To do.
    Open,
    /// Done.
    Done,
    /// Dropped.
    Dropped,
}

impl ActionItemStatus {
    fn as_str(self) -> &'static str {
        match self {
            ActionItemStatus::Open => "open",
            ActionItemStatus::Done => "done",
            ActionItemStatus::Dropped => "dropped",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "done" => ActionItemStatus::Done,
            "dropped" => ActionItemStatus::Dropped,
            _ => ActionItemStatus::Open,
        }
    }
}

/// Something a meeting decided to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionItem {
    /// ID.
    pub id: ActionItemId,
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Its title.
    pub meeting_title: String,
    /// The agenda line it came from.
    pub agenda_item_id: Option<AgendaItemId>,
    /// That line's title.
    pub agenda_title: Option<String>,
    /// What to do.
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    /// The due date as shown.
    pub due_text: Option<Text>,
    /// State.
    pub status: ActionItemStatus,
    /// Open and past its due date (as of today).
    pub overdue: bool,
}

/// An action item as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionItemInput {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// The agenda line (optional).
    pub agenda_item_id: Option<AgendaItemId>,
    /// What to do.
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
}

// ---------------------------------------------------------------------------------------------
// The quorum rule setting

const QUORUM_KEY: &str = "quorum_rule";

/// The council's quorum rule (default: more than half of the member households).
pub fn quorum_rule(conn: &Connection) -> Result<QuorumRule> {
    let stored = crate::settings::value(conn, QUORUM_KEY)?;
    Ok(stored.and_then(|s| serde_json::from_str(&s).ok()).filter(QuorumRule::is_valid).unwrap_or_default())
}

/// Sets the council's quorum rule (from the bylaws).
pub fn set_quorum_rule(w: &Write<'_>, rule: QuorumRule) -> Result<()> {
    if !rule.is_valid() {
        return Err(Error::invalid(
            "quorum",
            Text::new(
                "定足数の割合は「1分の1」以下の正しい分数で入力してください（例：2分の1）。",
                "Enter the quorum as a fraction no larger than one (e.g. 1/2).",
            ),
        ));
    }
    let before = quorum_rule(w)?;
    crate::settings::set_value(w, QUORUM_KEY, &serde_json::to_string(&rule).unwrap_or_default())?;
    w.record(Change {
        entity: "settings",
        entity_id: QUORUM_KEY,
        action: AuditAction::Update,
        summary: format!("定足数の規定を「{}」に変更", rule.label().ja),
        before: serde_json::to_value(before).ok(),
        after: serde_json::to_value(rule).ok(),
    })
}

// ---------------------------------------------------------------------------------------------
// Reading

fn not_found() -> Error {
    Error::NotFound(Text::new(
        "その会議は見つかりません。一覧から開き直してください。",
        "That meeting no longer exists.",
    ))
}

fn locked_error() -> Error {
    Error::Locked(Text::new(
        "この会議の議事録は署名済みのため、次第・出欠・議決結果は変更できません。訂正は議事録の「訂正を作成」から行ってください。",
        "This meeting's minutes are signed, so its agenda, attendance and results can no longer change. \
         Make a correction with “Create an amendment” on the minutes.",
    ))
}

/// The day in 和暦 with its weekday, in both languages.
pub(crate) fn day_text(date: NaiveDate) -> Text {
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let en = calendar::date_text(date).en;
    Text::new(
        format!("{}（{}）", calendar::wareki(date), DAYS[date.weekday().num_days_from_monday() as usize]),
        format!("{} {en}", date.format("%a")),
    )
}

/// True when the meeting's original minutes are signed.
fn is_locked(conn: &Connection, id: &MeetingId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM minutes WHERE meeting_id = ?1 AND amends_id IS NULL AND status = 'signed'",
        params![id],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Refuses any change to a meeting whose minutes are signed.
pub(crate) fn ensure_unlocked(conn: &Connection, id: &MeetingId) -> Result<()> {
    if is_locked(conn, id)? { Err(locked_error()) } else { Ok(()) }
}

fn invitees(conn: &Connection, id: &MeetingId) -> Result<Vec<Invitee>> {
    let mut stmt = conn.prepare(
        "SELECT seq, name, label, attendance, proxy_holder, written_votes FROM meeting_invitee
          WHERE meeting_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(Invitee {
            seq: r.get(0)?,
            name: r.get(1)?,
            label: r.get(2)?,
            attendance: Attendance::parse(&r.get::<_, String>(3)?),
            proxy_holder: r.get(4)?,
            written_votes: written::parse(&r.get::<_, String>(5)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn papers(conn: &Connection, item: &AgendaItemId) -> Result<Vec<Paper>> {
    let mut stmt = conn.prepare(
        "SELECT id, file_name, sha256, size FROM agenda_paper WHERE agenda_item_id = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map(params![item], |r| {
        Ok(Paper { id: r.get(0)?, file_name: r.get(1)?, sha256: r.get(2)?, size: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The agenda in order, with motion numbers assigned in that order.
pub fn agenda(conn: &Connection, id: &MeetingId) -> Result<Vec<AgendaItem>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, title, presenter, planned_minutes, proposal, majority, result, votes_for, votes_against,
                votes_abstain, comparison
         FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(AgendaItem {
            id: r.get(0)?,
            position: 0,
            kind: if r.get::<_, String>(1)? == "motion" { AgendaKind::Motion } else { AgendaKind::Topic },
            number: None,
            number_text: String::new(),
            title: r.get(2)?,
            presenter: r.get(3)?,
            planned_minutes: r.get(4)?,
            proposal: r.get(5)?,
            majority: Majority::parse(&r.get::<_, String>(6)?),
            result: MotionResult::parse(&r.get::<_, String>(7)?),
            votes_for: r.get(8)?,
            votes_against: r.get(9)?,
            votes_abstain: r.get(10)?,
            papers: Vec::new(),
            // Unreadable text (a hand-edited file) reads as no table rather than failing the meeting.
            comparison: serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default(),
        })
    })?;
    let mut items: Vec<AgendaItem> = rows.collect::<rusqlite::Result<_>>()?;
    let (mut motions, mut topics) = (0, 0);
    for (i, item) in items.iter_mut().enumerate() {
        item.position = i as u32 + 1;
        match item.kind {
            AgendaKind::Motion => {
                motions += 1;
                item.number = Some(motions);
                item.number_text = format!("第{motions}号議案");
            }
            AgendaKind::Topic => {
                topics += 1;
                item.number_text = format!("議題{topics}");
            }
        }
        item.papers = papers(conn, &item.id)?;
    }
    Ok(items)
}

fn minutes_refs(conn: &Connection, id: &MeetingId) -> Result<Vec<MinutesRef>> {
    let mut stmt =
        conn.prepare("SELECT id, amends_id, status FROM minutes WHERE meeting_id = ?1 ORDER BY created_at, id")?;
    let rows = stmt.query_map(params![id], |r| {
        Ok(MinutesRef { id: r.get(0)?, amends_id: r.get(1)?, status: MinutesStatus::parse(&r.get::<_, String>(2)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One meeting with its invitees, agenda, quorum finding and minutes.
pub fn get(conn: &Connection, id: &MeetingId, start_month: u32) -> Result<Meeting> {
    let row = conn
        .query_row(
            "SELECT kind, title, held_on, starts_at, place, chair, invite, notes, notice_issued_on, results_issued_on
             FROM meeting WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, NaiveDate>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<NaiveDate>>(8)?,
                    r.get::<_, Option<NaiveDate>>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(not_found)?;
    let (kind, title, held_on, starts_at, place, chair, invite, notes, notice_issued_on, results_issued_on) = row;
    let invitees = invitees(conn, id)?;
    let rule = quorum_rule(conn)?;
    let attendance: Vec<Attendance> = invitees.iter().map(|i| i.attendance).collect();
    let mut meeting = Meeting {
        id: id.clone(),
        kind: MeetingKind::parse(&kind),
        title,
        held_on,
        date_text: day_text(held_on),
        fiscal_year: FiscalYear::of(held_on, start_month).0,
        starts_at,
        place,
        chair,
        invite: InviteRule::parse(&invite),
        notes,
        notice_issued_on,
        results_issued_on,
        quorum: rules::quorum(rule, &attendance, &InviteRule::parse(&invite).counting()),
        invitees,
        agenda: agenda(conn, id)?,
        minutes: minutes_refs(conn, id)?,
        locked: is_locked(conn, id)?,
        tally: written::VoteTally::default(),
    };
    meeting.tally = written::tally(&meeting);
    Ok(meeting)
}

/// The columns [`summary_row`] reads, for a meeting `m`.
const SUMMARY_COLUMNS: &str = "m.id, m.kind, m.title, m.held_on, m.place,
    (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id AND a.kind = 'motion'),
    (SELECT status FROM minutes n WHERE n.meeting_id = m.id AND n.amends_id IS NULL)";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
    let held_on: NaiveDate = r.get(3)?;
    Ok(MeetingSummary {
        id: r.get(0)?,
        kind: MeetingKind::parse(&r.get::<_, String>(1)?),
        title: r.get(2)?,
        held_on,
        date_text: day_text(held_on),
        place: r.get(4)?,
        motions: r.get(5)?,
        minutes_status: r.get::<_, Option<String>>(6)?.map(|s| MinutesStatus::parse(&s)),
    })
}

/// The next meetings from `today` on, soonest first (Home).
pub fn upcoming(conn: &Connection, today: NaiveDate, limit: u32) -> Result<Vec<MeetingSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM meeting m WHERE m.held_on >= ?1
         ORDER BY m.held_on, m.starts_at, m.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![today, limit], summary_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Meetings, newest first, filtered by kind and fiscal year; with words, only those whose motions or
/// minutes mention them, and each matching motion or discussion as a hit.
pub fn list(conn: &Connection, query: &MeetingQuery, start_month: u32) -> Result<MeetingList> {
    let (from, to) = match query.fiscal_year {
        Some(y) => (Some(FiscalYear(y).start(start_month)), Some(FiscalYear(y).end(start_month))),
        None => (None, None),
    };
    let kind = query.kind.map(MeetingKind::as_str);
    let mut stmt = conn.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM meeting m
             WHERE (?1 IS NULL OR m.held_on BETWEEN ?1 AND ?2) AND (?3 IS NULL OR m.kind = ?3)
             ORDER BY m.held_on DESC, m.starts_at DESC, m.id DESC"
    ))?;
    let rows = stmt.query_map(params![from, to, kind], summary_row)?;
    let mut meetings: Vec<MeetingSummary> = rows.collect::<rusqlite::Result<_>>()?;
    let words: Vec<String> = query.text.split_whitespace().map(kana::fold).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Ok(MeetingList { meetings, hits: Vec::new() });
    }
    // Two reads for every meeting at once (the agenda items in order, and every discussion the
    // minutes and their amendments record), not one per meeting and item: a council keeps twenty
    // years of meetings, and the global search runs this on every keystroke.
    let filter = "(?1 IS NULL OR m.held_on BETWEEN ?1 AND ?2) AND (?3 IS NULL OR m.kind = ?3)";
    // Each text is compared as folded when written (`search_text`, migration 0006), not folded here.
    let mut discussions: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT d.agenda_item_id, d.discussion, d.search_text FROM minutes_item d
         JOIN minutes n ON n.id = d.minutes_id JOIN meeting m ON m.id = n.meeting_id WHERE {filter}
         ORDER BY n.created_at, n.id"
    ))?;
    let row = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, (r.get::<_, String>(1)?, r.get::<_, String>(2)?)));
    for row in stmt.query_map(params![from, to, kind], row)? {
        let (item, text) = row?;
        discussions.entry(item).or_default().push(text);
    }
    let by_id: HashMap<&MeetingId, &MeetingSummary> = meetings.iter().map(|m| (&m.id, m)).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT a.meeting_id, a.id, a.kind, a.title, a.proposal, a.result, a.search_text FROM agenda_item a
         JOIN meeting m ON m.id = a.meeting_id WHERE {filter}
         ORDER BY m.held_on DESC, m.starts_at DESC, m.id DESC, a.position, a.id"
    ))?;
    let rows = stmt.query_map(params![from, to, kind], |r| {
        Ok((
            r.get::<_, MeetingId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)? == "motion",
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            MotionResult::parse(&r.get::<_, String>(5)?),
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut hits = Vec::new();
    // Motions and topics are numbered in agenda order, as [`agenda`] numbers them.
    let (mut current, mut motions, mut topics): (Option<MeetingId>, u32, u32) = (None, 0, 0);
    for row in rows {
        let (meeting_id, item_id, is_motion, title, proposal, result, mut all) = row?;
        if current.as_ref() != Some(&meeting_id) {
            (current, motions, topics) = (Some(meeting_id.clone()), 0, 0);
        }
        let number_text = if is_motion {
            motions += 1;
            format!("第{motions}号議案")
        } else {
            topics += 1;
            format!("議題{topics}")
        };
        let Some(m) = by_id.get(&meeting_id) else { continue };
        // The texts a decision can be found by: its title and proposal, and what the minutes
        // (and their amendments) record of its discussion.
        let mut texts = vec![title, proposal];
        for (text, folded) in discussions.remove(&item_id).unwrap_or_default() {
            texts.push(text);
            all.push('\u{1f}');
            all.push_str(&folded);
        }
        if words.iter().all(|w| all.contains(w.as_str())) {
            let first = &words[0];
            // The excerpt comes from the proposal or the minutes where they match, the title otherwise
            // (it is shown beside the excerpt anyway).
            let source = texts[1..]
                .iter()
                .find(|t| kana::fold(t).contains(first.as_str()))
                .or_else(|| texts[1..].iter().find(|t| !t.trim().is_empty()))
                .unwrap_or(&texts[0]);
            hits.push(DecisionHit {
                meeting_id: m.id.clone(),
                meeting_title: m.title.clone(),
                date_text: m.date_text.clone(),
                kind: m.kind,
                item_title: texts[0].clone(),
                number_text,
                result,
                excerpt: excerpt(source, 60),
            });
        }
    }
    meetings.retain(|m| hits.iter().any(|h| h.meeting_id == m.id));
    Ok(MeetingList { meetings, hits })
}

/// The first `chars` characters of `text`, on one line.
fn excerpt(text: &str, chars: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(chars).collect();
    if one_line.chars().count() > chars {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Writing

fn record(w: &Write<'_>, id: &MeetingId, action: AuditAction, summary: String) -> Result<()> {
    w.record(Change { entity: "meeting", entity_id: id.as_str(), action, summary, before: None, after: None })
}

fn check_meeting(input: &MeetingInput) -> Result<()> {
    let mut problems = Vec::new();
    let time = input.starts_at.trim();
    if !time.is_empty() && chrono::NaiveTime::parse_from_str(time, "%H:%M").is_err() {
        problems.push(FieldProblem {
            field: "starts_at".into(),
            message: Text::new("開始時刻は「13:30」のように入力してください。", "Enter the start time as 13:30."),
        });
    }
    if input.title.chars().count() > 100 {
        problems.push(FieldProblem {
            field: "title".into(),
            message: Text::new("会議名は100文字以内にしてください。", "Keep the title to 100 characters."),
        });
    }
    if problems.is_empty() { Ok(()) } else { Err(Error::fields(problems)) }
}

fn default_title(kind: MeetingKind, held_on: NaiveDate, start_month: u32) -> String {
    let fy = FiscalYear::of(held_on, start_month).label_ja();
    match kind {
        MeetingKind::General => format!("{fy} 定期総会"),
        MeetingKind::ExtraordinaryGeneral => format!("{fy} 臨時総会"),
        other => format!("{}（{}）", other.label_ja(), calendar::wareki(held_on)),
    }
}

/// Writes the invitees for `rule` as of the meeting's day: member households (their heads), member
/// persons, the officers, or the block leaders in office that day — asked of the roster and the
/// officer list, which own those records.
fn invite(tx: &Transaction<'_>, id: &MeetingId, rule: InviteRule, on: NaiveDate) -> Result<u32> {
    let mut rows: Vec<crate::members::Invitee> = match rule {
        InviteRule::AllHouseholds => crate::members::household_heads_on(tx, on)?,
        InviteRule::AllPersons => crate::members::persons_on(tx, on)?,
        InviteRule::Officers | InviteRule::BlockLeaders => crate::officers::serving_on(tx, on)?
            .into_iter()
            .map(|o| crate::members::Invitee {
                household: o.household.map(|h| h.0),
                person: Some(o.person.0),
                name: o.name,
                label: o.title,
                role: o.role,
            })
            .collect(),
        InviteRule::None => return Ok(0),
    };
    match rule {
        InviteRule::Officers => {
            rows.retain(|r| r.role != "block_leader");
            // The city's officer-list order: 会長, 副会長, 会計, 書記, 監事, then the rest.
            let rank = |role: &str| {
                ["president", "vice_president", "treasurer", "secretary", "auditor", "committee_chair", "custom"]
                    .iter()
                    .position(|r| *r == role)
                    .unwrap_or(9)
            };
            rows.sort_by_key(|r| rank(&r.role));
        }
        InviteRule::BlockLeaders => rows.retain(|r| r.role == "block_leader"),
        _ => {}
    }
    for (i, r) in rows.iter().enumerate() {
        tx.execute(
            "INSERT INTO meeting_invitee (meeting_id, seq, household_id, person_id, name, label)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, i as i64 + 1, r.household, r.person, r.name, r.label],
        )?;
    }
    Ok(rows.len() as u32)
}

/// Creates a meeting and fixes its invitees (the usual ones for its kind unless given).
pub fn create(w: &Write<'_>, input: &MeetingInput, start_month: u32) -> Result<MeetingId> {
    check_meeting(input)?;
    let id = MeetingId::new();
    let title = match input.title.trim() {
        "" => default_title(input.kind, input.held_on, start_month),
        t => t.to_owned(),
    };
    let rule = input
        .invite
        .unwrap_or_else(|| InviteRule::default_for(input.kind, quorum_rule(w).map(|r| r.basis).unwrap_or_default()));
    w.execute(
        "INSERT INTO meeting (id, kind, title, held_on, starts_at, place, chair, invite, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id,
            input.kind.as_str(),
            title,
            input.held_on,
            input.starts_at.trim(),
            input.place.trim(),
            input.chair.trim(),
            rule.as_str(),
            input.notes,
            w.now()
        ],
    )?;
    let n = invite(w, &id, rule, input.held_on)?;
    record(w, &id, AuditAction::Create, format!("会議「{title}」（{}、招集{n}名）を作成", input.held_on))?;
    Ok(id)
}

/// A meeting paper that keeps the day it went out (発出日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssuedPaper {
    /// The notice (開催通知), also inside the board pack.
    Notice,
    /// 総会結果のお知らせ.
    Results,
}

impl IssuedPaper {
    fn column(self) -> &'static str {
        match self {
            IssuedPaper::Notice => "notice_issued_on",
            IssuedPaper::Results => "results_issued_on",
        }
    }

    fn label_ja(self) -> &'static str {
        match self {
            IssuedPaper::Notice => "開催通知",
            IssuedPaper::Results => "結果のお知らせ",
        }
    }
}

/// The day a meeting's paper went out, if it is kept.
pub fn issued_on(conn: &Connection, id: &MeetingId, paper: IssuedPaper) -> Result<Option<NaiveDate>> {
    let sql = format!("SELECT {} FROM meeting WHERE id = ?1", paper.column());
    conn.query_row(&sql, params![id], |r| r.get::<_, Option<NaiveDate>>(0)).optional()?.ok_or_else(not_found)
}

/// Keeps today as the day the paper went out, unless a day is kept already (it is printed or saved
/// for the first time); the day kept either way. A signed meeting's paper keeps the day too: it is
/// not part of the signed minutes.
pub fn mark_issued(w: &Write<'_>, id: &MeetingId, paper: IssuedPaper) -> Result<NaiveDate> {
    if let Some(day) = issued_on(w, id, paper)? {
        return Ok(day);
    }
    let today = w.today();
    w.execute(&format!("UPDATE meeting SET {} = ?2 WHERE id = ?1", paper.column()), params![id, today])?;
    record(w, id, AuditAction::Update, format!("{}の発出日を{}として記録", paper.label_ja(), calendar::wareki(today)))?;
    Ok(today)
}

/// Changes the day a paper went out (typed by the secretary), or clears it (the next printing keeps
/// its own day).
pub fn set_issued(w: &Write<'_>, id: &MeetingId, paper: IssuedPaper, on: Option<NaiveDate>) -> Result<()> {
    ensure_unlocked(w, id)?;
    let before = issued_on(w, id, paper)?;
    if before == on {
        return Ok(());
    }
    w.execute(&format!("UPDATE meeting SET {} = ?2 WHERE id = ?1", paper.column()), params![id, on])?;
    let day = on.map_or_else(|| "未定".to_owned(), calendar::wareki);
    record(w, id, AuditAction::Update, format!("{}の発出日を{day}に変更", paper.label_ja()))
}

/// Changes a meeting's details. Its invitees stay as fixed at creation.
pub fn update(w: &Write<'_>, id: &MeetingId, input: &MeetingInput, start_month: u32) -> Result<()> {
    ensure_unlocked(w, id)?;
    check_meeting(input)?;
    let title = match input.title.trim() {
        "" => default_title(input.kind, input.held_on, start_month),
        t => t.to_owned(),
    };
    let n = w.execute(
        "UPDATE meeting SET kind = ?2, title = ?3, held_on = ?4, starts_at = ?5, place = ?6, chair = ?7, notes = ?8,
                updated_at = ?9 WHERE id = ?1",
        params![
            id,
            input.kind.as_str(),
            title,
            input.held_on,
            input.starts_at.trim(),
            input.place.trim(),
            input.chair.trim(),
            input.notes,
            w.now()
        ],
    )?;
    if n == 0 {
        return Err(not_found());
    }
    record(w, id, AuditAction::Update, format!("会議「{title}」を変更"))
}

fn check_item(input: &AgendaItemInput) -> Result<()> {
    if input.title.trim().is_empty() {
        return Err(Error::invalid(
            "title",
            Text::new("議題・議案の題名を入力してください。", "Enter the item's title."),
        ));
    }
    Ok(())
}

fn item_meeting(conn: &Connection, item: &AgendaItemId) -> Result<MeetingId> {
    conn.query_row("SELECT meeting_id FROM agenda_item WHERE id = ?1", params![item], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("その議題は見つかりません。", "That agenda item no longer exists.")))
}

/// Adds a line at the end of the agenda.
pub fn add_item(w: &Write<'_>, meeting: &MeetingId, input: &AgendaItemInput) -> Result<AgendaItemId> {
    ensure_unlocked(w, meeting)?;
    check_item(input)?;
    let exists: i64 = w.query_row("SELECT count(*) FROM meeting WHERE id = ?1", params![meeting], |r| r.get(0))?;
    if exists == 0 {
        return Err(not_found());
    }
    let position: i64 = w.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1",
        params![meeting],
        |r| r.get(0),
    )?;
    let id = AgendaItemId::new();
    w.execute(
        "INSERT INTO agenda_item (id, meeting_id, position, kind, title, presenter, planned_minutes, proposal, majority,
                                  search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, council_fold(?5) || char(31) || council_fold(?8), ?10, ?10)",
        params![
            id,
            meeting,
            position,
            if input.kind == AgendaKind::Motion { "motion" } else { "topic" },
            input.title.trim(),
            input.presenter.trim(),
            input.planned_minutes,
            input.proposal,
            input.majority.as_str(),
            w.now()
        ],
    )?;
    record(w, meeting, AuditAction::Update, format!("次第に「{}」を追加", input.title.trim()))?;
    Ok(id)
}

/// Sets a motion's 新旧対照表 (rows left entirely empty are dropped; an empty list removes the table).
/// Refused for a topic, for a row without its article or without either text, and once the minutes
/// are signed.
pub fn set_comparison(w: &Write<'_>, item: &AgendaItemId, rows: &[ComparisonRow]) -> Result<MeetingId> {
    let meeting = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting)?;
    let (kind, title): (String, String) =
        w.query_row("SELECT kind, title FROM agenda_item WHERE id = ?1", params![item], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if kind != "motion" {
        return Err(Error::invalid(
            "comparison",
            Text::new("新旧対照表は議案にだけ付けられます。", "Only a motion has a comparison table."),
        ));
    }
    let trim = |r: &ComparisonRow| ComparisonRow {
        article: r.article.trim().to_owned(),
        current: r.current.trim().to_owned(),
        proposed: r.proposed.trim().to_owned(),
    };
    let rows: Vec<ComparisonRow> = rows
        .iter()
        .map(trim)
        .filter(|r| !(r.article.is_empty() && r.current.is_empty() && r.proposed.is_empty()))
        .collect();
    let mut problems = Vec::new();
    for (n, r) in rows.iter().enumerate() {
        if r.article.is_empty() {
            problems.push(FieldProblem {
                field: format!("comparison.{n}.article"),
                message: Text::new(
                    format!("{}行目：条（例：第12条）を入力してください。", n + 1),
                    format!("Row {}: enter the article (e.g. Article 12).", n + 1),
                ),
            });
        } else if r.current.is_empty() && r.proposed.is_empty() {
            problems.push(FieldProblem {
                field: format!("comparison.{n}.proposed"),
                message: Text::new(
                    format!("{}行目（{}）：改正前か改正後の文を入力してください。", n + 1, r.article),
                    format!("Row {} ({}): enter the text as it reads now or as proposed.", n + 1, r.article),
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let json = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_owned());
    w.execute("UPDATE agenda_item SET comparison = ?2, updated_at = ?3 WHERE id = ?1", params![item, json, w.now()])?;
    record(w, &meeting, AuditAction::Update, format!("「{title}」の新旧対照表を保存（{}条）", rows.len()))?;
    Ok(meeting)
}

/// Changes an agenda line.
pub fn update_item(w: &Write<'_>, item: &AgendaItemId, input: &AgendaItemInput) -> Result<MeetingId> {
    let meeting = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting)?;
    check_item(input)?;
    w.execute(
        "UPDATE agenda_item SET kind = ?2, title = ?3, presenter = ?4, planned_minutes = ?5, proposal = ?6,
                majority = ?7, search_text = council_fold(?3) || char(31) || council_fold(?6), updated_at = ?8
         WHERE id = ?1",
        params![
            item,
            if input.kind == AgendaKind::Motion { "motion" } else { "topic" },
            input.title.trim(),
            input.presenter.trim(),
            input.planned_minutes,
            input.proposal,
            input.majority.as_str(),
            w.now()
        ],
    )?;
    record(w, &meeting, AuditAction::Update, format!("次第の「{}」を変更", input.title.trim()))?;
    Ok(meeting)
}

/// Removes an agenda line (with its papers and result; the minutes' notes on it keep their text). It
/// is kept in the history whole, so [`restore_item`] brings it back.
pub fn remove_item(w: &Write<'_>, item: &AgendaItemId) -> Result<MeetingId> {
    let meeting = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting)?;
    let title: String = w.query_row("SELECT title FROM agenda_item WHERE id = ?1", params![item], |r| r.get(0))?;
    crate::removal::remove(w, "agenda_item", item.as_str(), &title, |_| format!("次第の「{title}」を削除"))?;
    record(w, &meeting, AuditAction::Update, format!("次第から「{title}」を削除"))?;
    Ok(meeting)
}

/// Brings back an agenda line removed at history entry `seq`, into a meeting that can still change.
pub fn restore_item(w: &Write<'_>, seq: i64) -> Result<MeetingId> {
    let meeting =
        crate::removal::removed_field(w, seq, "agenda_item", "meeting_id")?.map(MeetingId).ok_or_else(not_found)?;
    ensure_unlocked(w, &meeting)?;
    let removed = crate::removal::restore_removed(w, seq, "agenda_item")?;
    let title = removed.rows.first().and_then(|(_, r)| r.get("title")).and_then(|t| t.as_str()).unwrap_or_default();
    record(w, &meeting, AuditAction::Update, format!("次第に「{title}」を戻す"))?;
    Ok(meeting)
}

/// Moves an agenda line to `to` (1-based; clamped to the agenda), renumbering the rest.
pub fn move_item(w: &Write<'_>, item: &AgendaItemId, to: u32) -> Result<MeetingId> {
    let meeting = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting)?;
    let mut order: Vec<AgendaItemId> = agenda(w, &meeting)?.into_iter().map(|i| i.id).collect();
    let from = order.iter().position(|i| i == item).ok_or_else(not_found)?;
    let moved = order.remove(from);
    let to = (to.max(1) as usize - 1).min(order.len());
    order.insert(to, moved);
    for (i, id) in order.iter().enumerate() {
        w.execute("UPDATE agenda_item SET position = ?2 WHERE id = ?1", params![id, i as i64 + 1])?;
    }
    let title: String = w.query_row("SELECT title FROM agenda_item WHERE id = ?1", params![item], |r| r.get(0))?;
    record(w, &meeting, AuditAction::Update, format!("次第の「{title}」を{}番目に移動", to + 1))?;
    Ok(meeting)
}

/// Attaches a paper (its bytes are stored in `dir`, the attachments folder) to an agenda line.
pub fn attach_paper(
    w: &Write<'_>,
    dir: &Path,
    item: &AgendaItemId,
    file_name: &str,
    bytes: &[u8],
) -> Result<MeetingId> {
    let meeting = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting)?;
    let name = Path::new(file_name).file_name().and_then(|n| n.to_str()).unwrap_or("").trim().to_owned();
    if name.is_empty() {
        return Err(Error::invalid(
            "file",
            Text::new("添付するファイルを選んでください。", "Choose a file to attach."),
        ));
    }
    let sha = attachments::store_file(dir, bytes)?;
    w.execute(
        "INSERT INTO agenda_paper (id, agenda_item_id, file_name, sha256, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![PaperId::new(), item, name, sha, bytes.len() as i64, w.now()],
    )?;
    record(w, &meeting, AuditAction::Update, format!("資料「{name}」を添付"))?;
    Ok(meeting)
}

/// The meeting's invitee rule, refusing a change to its invitees unless they are chosen (a 部会):
/// the others' come from the roster and the officer list on the meeting's day.
fn ensure_chosen(conn: &Connection, meeting: &MeetingId) -> Result<NaiveDate> {
    ensure_unlocked(conn, meeting)?;
    let (invite, held_on): (String, NaiveDate) = conn
        .query_row("SELECT invite, held_on FROM meeting WHERE id = ?1", params![meeting], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(not_found)?;
    if InviteRule::parse(&invite) != InviteRule::None {
        return Err(Error::Conflict(Text::new(
            "この会議の出席者は名簿（会員・役員・班長）から決まっているため、追加や削除はできません。",
            "This meeting's invitees come from the roster (members, officers, block leaders), so none can be added or removed.",
        )));
    }
    Ok(held_on)
}

/// Adds someone to a meeting whose members are chosen (a 部会): a roster person (labelled with their
/// office that day, else their block), or a named guest. The same roster person twice is refused.
pub fn add_invitee(w: &Write<'_>, meeting: &MeetingId, input: &InviteeInput) -> Result<()> {
    let held_on = ensure_chosen(w, meeting)?;
    let (household, person, name, label) = match &input.person_id {
        Some(person) => {
            let (household, name, block): (String, String, Option<String>) = w
                .query_row(
                    "SELECT p.household_id, p.name, b.name FROM person p JOIN household h ON h.id = p.household_id
                     LEFT JOIN block b ON b.id = h.block_id WHERE p.id = ?1",
                    params![person],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    Error::NotFound(Text::new(
                        "その人は名簿に見つかりません。探し直してください。",
                        "That person is no longer on the roster; search again.",
                    ))
                })?;
            let already: i64 = w.query_row(
                "SELECT count(*) FROM meeting_invitee WHERE meeting_id = ?1 AND person_id = ?2",
                params![meeting, person],
                |r| r.get(0),
            )?;
            if already > 0 {
                return Err(Error::invalid(
                    "person",
                    Text::new(format!("{name}さんはすでに出席簿にいます。"), format!("{name} is already on the list.")),
                ));
            }
            let office =
                crate::officers::serving_on(w, held_on)?.into_iter().find(|o| o.person.0 == person.0).map(|o| o.title);
            (Some(household), Some(person.0.clone()), name, office.or(block).unwrap_or_default())
        }
        None => {
            let name = input.name.trim();
            if name.is_empty() {
                return Err(Error::invalid(
                    "name",
                    Text::new(
                        "名簿から人を選ぶか、名簿にない人の名前を入力してください。",
                        "Choose someone from the roster, or enter the name of someone who is not on it.",
                    ),
                ));
            }
            if name.chars().count() > 50 || input.label.trim().chars().count() > 50 {
                return Err(Error::invalid(
                    "name",
                    Text::new("名前と肩書きは50文字以内にしてください。", "Keep the name and title to 50 characters."),
                ));
            }
            (None, None, name.to_owned(), input.label.trim().to_owned())
        }
    };
    w.execute(
        "INSERT INTO meeting_invitee (meeting_id, seq, household_id, person_id, name, label)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM meeting_invitee WHERE meeting_id = ?1), ?2, ?3, ?4, ?5)",
        params![meeting, household, person, name, label],
    )?;
    record(w, meeting, AuditAction::Update, format!("出席簿に{name}さんを追加"))
}

/// Takes someone whose attendance is not recorded off a chosen meeting's list; the lines after move
/// up, so the sheet stays numbered 1, 2, 3 ….
pub fn remove_invitee(w: &Write<'_>, meeting: &MeetingId, seq: u32) -> Result<()> {
    ensure_chosen(w, meeting)?;
    let (name, attendance): (String, String) = w
        .query_row(
            "SELECT name, attendance FROM meeting_invitee WHERE meeting_id = ?1 AND seq = ?2",
            params![meeting, seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(Text::new(
                format!("出席簿に{seq}番の人はいません。画面を開き直してください。"),
                format!("There is no line {seq} on the attendance sheet; reopen the screen."),
            ))
        })?;
    // What was recorded of them is never dropped by a click: their attendance goes back first.
    if Attendance::parse(&attendance) != Attendance::Unrecorded {
        return Err(Error::Conflict(Text::new(
            format!("{name}さんは出欠を記録済みのため外せません。出欠を「未記録」に戻してから外してください。"),
            format!("{name}'s attendance is recorded; set it back to “not recorded” first."),
        )));
    }
    w.execute("DELETE FROM meeting_invitee WHERE meeting_id = ?1 AND seq = ?2", params![meeting, seq])?;
    // One line at a time, in order, so no two lines ever share a number.
    let after: Vec<i64> = {
        let mut stmt = w.prepare("SELECT seq FROM meeting_invitee WHERE meeting_id = ?1 AND seq > ?2 ORDER BY seq")?;
        stmt.query_map(params![meeting, seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    for n in after {
        w.execute(
            "UPDATE meeting_invitee SET seq = ?3 WHERE meeting_id = ?1 AND seq = ?2",
            params![meeting, n, n - 1],
        )?;
    }
    record(w, meeting, AuditAction::Update, format!("出席簿から{name}さんを削除"))
}

/// Records attendance for the invitees named (the others stay as they were); a line that is no longer
/// a written vote loses the votes recorded for it.
pub fn record_attendance(w: &Write<'_>, meeting: &MeetingId, lines: &[AttendanceInput]) -> Result<()> {
    ensure_unlocked(w, meeting)?;
    for line in lines {
        let n = w.execute(
            "UPDATE meeting_invitee SET attendance = ?3, proxy_holder = ?4,
                    written_votes = CASE WHEN ?3 = 'written_vote' THEN written_votes ELSE '{}' END
              WHERE meeting_id = ?1 AND seq = ?2",
            params![
                meeting,
                line.seq,
                line.attendance.as_str(),
                if line.attendance == Attendance::Proxy { line.proxy_holder.trim() } else { "" }
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound(Text::new(
                format!("出席簿に{}番の人はいません。画面を開き直してください。", line.seq),
                format!("There is no line {} on the attendance sheet; reopen the screen.", line.seq),
            )));
        }
    }
    record(w, meeting, AuditAction::Update, format!("出欠を{}件記録", lines.len()))
}

/// Records a motion's result, checked against its majority rule and the attendance: the votes cannot
/// exceed those attending, and a result the votes contradict is refused (a tie under a simple
/// majority is the chair's to decide, so either result stands).
pub fn record_result(
    w: &Write<'_>,
    item: &AgendaItemId,
    input: &MotionResultInput,
    start_month: u32,
) -> Result<MeetingId> {
    let meeting_id = item_meeting(w, item)?;
    ensure_unlocked(w, &meeting_id)?;
    let meeting = get(w, &meeting_id, start_month)?;
    let line = meeting.agenda.iter().find(|i| &i.id == item).ok_or_else(not_found)?;
    if line.kind != AgendaKind::Motion {
        return Err(Error::invalid(
            "result",
            Text::new("議決結果は議案にだけ記録できます。", "Only a motion has a result."),
        ));
    }
    let votes = [input.votes_for, input.votes_against, input.votes_abstain];
    let counted = votes.iter().any(Option::is_some);
    if counted {
        let cast: u32 = votes.iter().map(|v| v.unwrap_or(0)).sum();
        if meeting.quorum.attending > 0 && cast > meeting.quorum.attending {
            return Err(Error::invalid(
                "votes_for",
                Text::new(
                    format!(
                        "票数の合計（{cast}）が出席者数（委任状・書面表決を含む{}名）を超えています。",
                        meeting.quorum.attending
                    ),
                    format!(
                        "The votes ({cast}) exceed those attending ({}, proxies and written votes included).",
                        meeting.quorum.attending
                    ),
                ),
            ));
        }
        let outcome = rules::decide(
            line.majority,
            input.votes_for.unwrap_or(0),
            input.votes_against.unwrap_or(0),
            input.votes_abstain.unwrap_or(0),
        );
        let contradicts = matches!(
            (outcome, input.result),
            (VoteOutcome::Carried, MotionResult::Rejected) | (VoteOutcome::Rejected, MotionResult::Carried)
        );
        if contradicts {
            let needed = rules::votes_needed(line.majority, cast);
            return Err(Error::invalid(
                "result",
                Text::new(
                    format!(
                        "{}は{}（{cast}票中{needed}票以上の賛成）が必要です。票数と結果が合っていません。",
                        line.number_text,
                        line.majority.label_ja()
                    ),
                    format!(
                        "{} needs {needed} of {cast} votes for; the votes and the result disagree.",
                        line.number_text
                    ),
                ),
            ));
        }
    }
    w.execute(
        "UPDATE agenda_item SET result = ?2, votes_for = ?3, votes_against = ?4, votes_abstain = ?5, updated_at = ?6
         WHERE id = ?1",
        params![item, input.result.as_str(), input.votes_for, input.votes_against, input.votes_abstain, w.now()],
    )?;
    record(
        w,
        &meeting_id,
        AuditAction::Update,
        format!("{}「{}」を{}と記録", line.number_text, line.title, input.result.label_ja()),
    )?;
    if input.result == MotionResult::Carried && meeting.kind.is_general() {
        crate::accounts::motion_carried(w, meeting.held_on, &line.title, meeting_id.as_str())?;
    }
    Ok(meeting_id)
}

// ---------------------------------------------------------------------------------------------
// Action items

/// Action items across meetings, those open first by due date; `only_open` leaves out done and dropped.
pub fn action_items(conn: &Connection, only_open: bool, today: NaiveDate) -> Result<Vec<ActionItem>> {
    let mut stmt = conn.prepare(
        "SELECT x.id, x.meeting_id, m.title, x.agenda_item_id, a.title, x.title, x.owner, x.due_on, x.status
         FROM action_item x JOIN meeting m ON m.id = x.meeting_id LEFT JOIN agenda_item a ON a.id = x.agenda_item_id
         WHERE (?1 = 0 OR x.status = 'open')
         ORDER BY x.status = 'open' DESC, x.due_on IS NULL, x.due_on, x.created_at",
    )?;
    let rows = stmt.query_map(params![only_open], |r| {
        let due_on: Option<NaiveDate> = r.get(7)?;
        let status = ActionItemStatus::parse(&r.get::<_, String>(8)?);
        Ok(ActionItem {
            id: r.get(0)?,
            meeting_id: r.get(1)?,
            meeting_title: r.get(2)?,
            agenda_item_id: r.get(3)?,
            agenda_title: r.get(4)?,
            title: r.get(5)?,
            owner: r.get(6)?,
            due_text: due_on.map(calendar::date_text),
            overdue: status == ActionItemStatus::Open && due_on.is_some_and(|d| d < today),
            due_on,
            status,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records an action item.
pub fn create_action(w: &Write<'_>, input: &ActionItemInput) -> Result<ActionItemId> {
    if input.title.trim().is_empty() {
        return Err(Error::invalid(
            "action_title",
            Text::new("やることを入力してください。", "Enter what is to be done."),
        ));
    }
    let exists: i64 =
        w.query_row("SELECT count(*) FROM meeting WHERE id = ?1", params![input.meeting_id], |r| r.get(0))?;
    if exists == 0 {
        return Err(not_found());
    }
    let id = ActionItemId::new();
    w.execute(
        "INSERT INTO action_item (id, meeting_id, agenda_item_id, title, owner, due_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id,
            input.meeting_id,
            input.agenda_item_id,
            input.title.trim(),
            input.owner.trim(),
            input.due_on,
            w.now()
        ],
    )?;
    w.record(Change {
        entity: "action_item",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("やること「{}」（{}）を登録", input.title.trim(), input.owner.trim()),
        before: None,
        after: serde_json::to_value(input).ok(),
    })?;
    Ok(id)
}

/// Changes who carries an action item and by when (a meeting's decision handed to someone else, a
/// new date), with what it was in the history.
pub fn update_action(w: &Write<'_>, id: &ActionItemId, owner: &str, due_on: Option<NaiveDate>) -> Result<()> {
    let before: Option<(String, String, Option<NaiveDate>)> = w
        .query_row("SELECT title, owner, due_on FROM action_item WHERE id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((title, old_owner, old_due)) = before else {
        return Err(Error::NotFound(Text::new("そのやることは見つかりません。", "That action item no longer exists.")));
    };
    let owner = owner.trim();
    w.execute(
        "UPDATE action_item SET owner = ?2, due_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, owner, due_on, w.now()],
    )?;
    w.record(Change {
        entity: "action_item",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("やること「{title}」の担当・期限を変更"),
        before: Some(serde_json::json!({ "owner": old_owner, "due_on": old_due })),
        after: Some(serde_json::json!({ "owner": owner, "due_on": due_on })),
    })
}

/// Marks an action item open, done or dropped.
pub fn set_action_status(w: &Write<'_>, id: &ActionItemId, status: ActionItemStatus) -> Result<()> {
    let title: String =
        w.query_row("SELECT title FROM action_item WHERE id = ?1", params![id], |r| r.get(0)).optional()?.ok_or_else(
            || Error::NotFound(Text::new("そのやることは見つかりません。", "That action item no longer exists.")),
        )?;
    w.execute(
        "UPDATE action_item SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), w.now()],
    )?;
    w.record(Change {
        entity: "action_item",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!(
            "やること「{title}」を{}に",
            match status {
                ActionItemStatus::Open => "未完了",
                ActionItemStatus::Done => "完了",
                ActionItemStatus::Dropped => "取りやめ",
            }
        ),
        before: None,
        after: serde_json::to_value(status).ok(),
    })
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "meetings",
        source: "meeting",
        label_ja: "会議",
        label_en: "Meetings",
        sql: "SELECT id, kind, title, held_on, starts_at, place, chair, invite, notes, notice_issued_on,
                     results_issued_on, created_at, updated_at
              FROM meeting ORDER BY held_on, id",
        columns: &[
            col("id", "ID", Str),
            col("kind", "種類", Str),
            col("title", "会議名", Str),
            col("held_on", "開催日", Date),
            col("starts_at", "開始時刻", Str),
            col("place", "会場", Str),
            col("chair", "議長", Str),
            col("invite", "招集範囲", Str),
            col("notes", "備考", Str),
            col("notice_issued_on", "開催通知の発出日", Date),
            col("results_issued_on", "結果のお知らせの発出日", Date),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "meeting_invitees",
        source: "meeting_invitee",
        label_ja: "会議の出欠",
        label_en: "Meeting attendance",
        sql: "SELECT meeting_id, seq, household_id, person_id, name, label, attendance, proxy_holder, written_votes
              FROM meeting_invitee ORDER BY meeting_id, seq",
        columns: &[
            col("meeting_id", "会議ID", Str),
            col("seq", "番号", Integer),
            col("household_id", "世帯ID", Str),
            col("person_id", "会員ID", Str),
            col("name", "氏名", Str),
            col("label", "班・役職", Str),
            col("attendance", "出欠", Str),
            col("proxy_holder", "受任者", Str),
            col("written_votes", "書面表決の内容", Json),
        ],
    },
    TableExport {
        key: "agenda_items",
        source: "agenda_item",
        label_ja: "次第・議案",
        label_en: "Agenda and motions",
        sql: "SELECT id, meeting_id, position, kind, title, presenter, planned_minutes, proposal, majority, result,
                     votes_for, votes_against, votes_abstain, comparison, created_at, updated_at
              FROM agenda_item ORDER BY meeting_id, position",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("position", "順番", Integer),
            col("kind", "種類", Str),
            col("title", "題名", Str),
            col("presenter", "説明者", Str),
            col("planned_minutes", "予定時間（分）", Integer),
            col("proposal", "議案の内容", Str),
            col("majority", "必要な賛成", Str),
            col("result", "結果", Str),
            col("votes_for", "賛成", Integer),
            col("votes_against", "反対", Integer),
            col("votes_abstain", "棄権", Integer),
            col("comparison", "新旧対照表", Json),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "agenda_papers",
        source: "agenda_paper",
        label_ja: "会議資料",
        label_en: "Meeting papers",
        sql: "SELECT id, agenda_item_id, file_name, sha256, size, created_at FROM agenda_paper ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("file_name", "ファイル名", Str),
            col("sha256", "SHA-256", Str),
            col("size", "大きさ（バイト）", Integer),
            col("created_at", "作成日時", Str),
        ],
    },
    TableExport {
        key: "minutes",
        source: "minutes",
        label_ja: "議事録",
        label_en: "Minutes",
        sql: "SELECT id, meeting_id, amends_id, status, chair, recorder, signatory1, signatory2, opening, closing,
                     correction, circulated_on, approved_on, signed_on, signed_json, created_at, updated_at
              FROM minutes ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("amends_id", "訂正元ID", Str),
            col("status", "状態", Str),
            col("chair", "議長", Str),
            col("recorder", "書記", Str),
            col("signatory1", "議事録署名人1", Str),
            col("signatory2", "議事録署名人2", Str),
            col("opening", "開会", Str),
            col("closing", "閉会", Str),
            col("correction", "訂正の内容", Str),
            col("circulated_on", "確認依頼日", Date),
            col("approved_on", "承認日", Date),
            col("signed_on", "署名日", Date),
            col("signed", "署名した議事録", Json),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "minutes_items",
        source: "minutes_item",
        label_ja: "議事録の審議内容",
        label_en: "Minutes discussion",
        sql: "SELECT minutes_id, agenda_item_id, discussion FROM minutes_item ORDER BY minutes_id, agenda_item_id",
        columns: &[
            col("minutes_id", "議事録ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("discussion", "審議内容", Str),
        ],
    },
    TableExport {
        key: "action_items",
        source: "action_item",
        label_ja: "やること",
        label_en: "Action items",
        sql: "SELECT id, meeting_id, agenda_item_id, title, owner, due_on, status, created_at, updated_at
              FROM action_item ORDER BY created_at, id",
        columns: &[
            col("id", "ID", Str),
            col("meeting_id", "会議ID", Str),
            col("agenda_item_id", "議題ID", Str),
            col("title", "内容", Str),
            col("owner", "担当", Str),
            col("due_on", "期限", Date),
            col("status", "状態", Str),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
];
