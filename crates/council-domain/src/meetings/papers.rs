//! The data of every printed meeting paper, as serialisable structs the document engine (and the
//! window's print views) lay out: the notice (開催通知) with the agenda, the proxy form (委任状) and the
//! written-vote form (書面表決書) for a 総会 and the tally of what came back (集計表), the attendance sheet (出席簿) with a signature column, the
//! minutes (議事録) with signature lines, and the board pack (notice, agenda, motions and papers with a
//! table of contents). Dates are already in 和暦; user text is plain text, never markup.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::minutes::{self, MinutesId};
use super::{AgendaKind, Meeting, MeetingId, MeetingKind, MinutesStatus, MotionResult};
use crate::calendar;
use crate::council;
use crate::error::Result;

/// Which paper to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaperKind {
    /// 開催通知 with the agenda.
    Notice,
    /// 委任状 (総会).
    ProxyForm,
    /// 書面表決書 (総会).
    WrittenVoteForm,
    /// 出席簿 with a signature column.
    AttendanceSheet,
    /// 議事録 with signature lines.
    Minutes,
    /// Notice, agenda, motions and papers as one numbered document with contents.
    BoardPack,
    /// 総会結果のお知らせ: each motion and its result, for circulation after the meeting.
    ResultsNotice,
    /// 委任状・書面表決 集計表: the proxies and written votes by motion, before the meeting.
    VoteTally,
}

/// What every paper prints at its top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaperHeader {
    /// The council's name (in every page's header).
    pub council_name: String,
    /// The representative as signed (会長 山田 太郎).
    pub representative: String,
    /// The meeting's title.
    pub meeting_title: String,
    /// The kind as printed (総会).
    pub kind_label: String,
    /// Whom the notice is addressed to: 会員各位 for a 総会, 役員各位 for a 役員会, 班長各位 for a
    /// 班長会, 部員各位 for a 部会, 関係者各位 otherwise.
    pub addressee: String,
    /// The day (令和8年4月26日（日）).
    pub date_text: String,
    /// Starting time.
    pub starts_at: String,
    /// Place.
    pub place: String,
    /// The date the paper is issued (today, 和暦).
    pub issued_text: String,
}

/// One line of the printed agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaLine {
    /// 第1号議案 / 議題1.
    pub number_text: String,
    /// Title.
    pub title: String,
    /// Presenter.
    pub presenter: String,
    /// Planned minutes.
    pub planned_minutes: Option<u32>,
    /// True for a motion.
    pub is_motion: bool,
}

/// 開催通知.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoticeDoc {
    /// Header.
    pub header: PaperHeader,
    /// The agenda.
    pub agenda: Vec<AgendaLine>,
    /// True for a 総会: the proxy and written-vote forms go with it.
    pub with_forms: bool,
}

/// 委任状 or 書面表決書: the motions the member delegates or votes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoteFormDoc {
    /// Header.
    pub header: PaperHeader,
    /// The motions (第1号議案 令和7年度事業報告について).
    pub motions: Vec<AgendaLine>,
}

/// One line of the attendance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceLine {
    /// Line number.
    pub seq: u32,
    /// Block or title.
    pub label: String,
    /// Name.
    pub name: String,
    /// How they attended, once recorded (empty before the meeting: the sheet is signed on the day).
    pub attendance: String,
}

/// 出席簿.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceSheetDoc {
    /// Header.
    pub header: PaperHeader,
    /// One line per invitee; the signature column is left blank.
    pub lines: Vec<AttendanceLine>,
}

/// One agenda item in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesLine {
    /// 第1号議案 / 議題1.
    pub number_text: String,
    /// Title.
    pub title: String,
    /// Presenter.
    pub presenter: String,
    /// True for a motion.
    pub is_motion: bool,
    /// The result (可決 …), for a motion.
    pub result: String,
    /// The votes in words (賛成45、反対3、棄権2), where counted.
    pub votes: String,
    /// The majority needed (過半数 / 3分の2以上), for a motion.
    pub majority: String,
    /// The discussion, as plain text.
    pub discussion: String,
}

/// 議事録.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesDoc {
    /// Header.
    pub header: PaperHeader,
    /// Stage (下書き … 署名済み): drafts print marked as drafts.
    pub status: String,
    /// 議長.
    pub chair: String,
    /// 書記.
    pub recorder: String,
    /// The two 議事録署名人.
    pub signatories: Vec<String>,
    /// The attendance and quorum finding in words.
    pub attendance: String,
    /// Whether the quorum was met.
    pub quorum_met: bool,
    /// Opening remarks.
    pub opening: String,
    /// Each agenda item with its result and discussion.
    pub items: Vec<MinutesLine>,
    /// Closing remarks.
    pub closing: String,
    /// For an amendment: what is corrected, and of which minutes.
    pub correction: Option<String>,
    /// The signature lines: (role, name) — 議長, 議事録署名人 ×2.
    pub signature_lines: Vec<(String, String)>,
}

/// One motion in the board pack, with its papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackMotion {
    /// 第1号議案.
    pub number_text: String,
    /// Title.
    pub title: String,
    /// Presenter.
    pub presenter: String,
    /// Proposal text.
    pub proposal: String,
    /// The majority it needs.
    pub majority: String,
    /// Attached papers' file names.
    pub papers: Vec<String>,
    /// Its 新旧対照表, for a bylaw change.
    pub comparison: Vec<super::ComparisonRow>,
}

/// A board pack: notice, agenda, motions and the list of papers, with contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardPackDoc {
    /// The notice with the agenda.
    pub notice: NoticeDoc,
    /// The motions in agenda order.
    pub motions: Vec<PackMotion>,
    /// Every attached paper: (item, file name).
    pub papers: Vec<(String, String)>,
    /// The table of contents, section titles in order.
    pub contents: Vec<String>,
}

/// One motion's result on the results notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResultLine {
    /// 第1号議案.
    pub number_text: String,
    /// Title.
    pub title: String,
    /// 可決 / 否決 / 継続審議.
    pub result: String,
    /// The votes in words (賛成45、反対3、棄権2), where counted.
    pub votes: String,
}

/// 総会結果のお知らせ: what the meeting decided, for circulation to those it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResultsNoticeDoc {
    /// Header.
    pub header: PaperHeader,
    /// The title (令和8年度 定期総会の結果について).
    pub title: String,
    /// Attendance and the quorum finding in words (empty when no attendance was taken).
    pub attendance: String,
    /// Each motion and its result, in agenda order.
    pub results: Vec<ResultLine>,
}

/// One member's written vote as the tally sheet lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoterLine {
    /// Their line on the attendance sheet.
    pub seq: u32,
    /// Block or title.
    pub label: String,
    /// Name.
    pub name: String,
    /// Per motion in agenda order: 賛成, 反対, 棄権, or empty when left blank.
    pub votes: Vec<String>,
}

/// One proxy as the tally sheet lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProxyLine {
    /// Their line on the attendance sheet.
    pub seq: u32,
    /// Block or title.
    pub label: String,
    /// Name.
    pub name: String,
    /// Who holds the proxy (議長 when it names no one).
    pub holder: String,
}

/// 委任状・書面表決 集計表: what the proxies and written votes that came in say, by motion, so the
/// chair knows them before the vote and they are added to the votes cast in the hall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoteTallyDoc {
    /// Header (its day is the day of the tally).
    pub header: PaperHeader,
    /// Attendance and the quorum finding in words.
    pub attendance: String,
    /// The tally by motion and the proxies by holder.
    pub tally: super::written::VoteTally,
    /// Each written vote, motion by motion.
    pub voters: Vec<VoterLine>,
    /// Each proxy.
    pub proxies: Vec<ProxyLine>,
}

/// Any of the papers, tagged by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "doc", rename_all = "snake_case")]
pub enum MeetingPaper {
    /// 開催通知.
    Notice(NoticeDoc),
    /// 委任状.
    ProxyForm(VoteFormDoc),
    /// 書面表決書.
    WrittenVoteForm(VoteFormDoc),
    /// 出席簿.
    AttendanceSheet(AttendanceSheetDoc),
    /// 議事録.
    Minutes(MinutesDoc),
    /// Board pack.
    BoardPack(BoardPackDoc),
    /// 総会結果のお知らせ.
    ResultsNotice(ResultsNoticeDoc),
    /// 委任状・書面表決 集計表.
    VoteTally(VoteTallyDoc),
}

/// The paper's heading; `issued` is the day the paper shows as its 発出日.
fn header(conn: &Connection, m: &Meeting, issued: chrono::NaiveDate) -> Result<PaperHeader> {
    let c = council::require(conn)?;
    Ok(PaperHeader {
        council_name: c.name,
        representative: format!("{} {}", c.representative_title, c.representative_name).trim().to_owned(),
        meeting_title: m.title.clone(),
        kind_label: m.kind.label_ja().to_owned(),
        addressee: match m.kind {
            MeetingKind::General | MeetingKind::ExtraordinaryGeneral => "会員各位",
            MeetingKind::Board => "役員各位",
            MeetingKind::BlockLeaders => "班長各位",
            MeetingKind::Committee => "部員各位",
            MeetingKind::Other => "関係者各位",
        }
        .to_owned(),
        date_text: m.date_text.ja.clone(),
        starts_at: m.starts_at.clone(),
        place: m.place.clone(),
        issued_text: calendar::wareki(issued),
    })
}

fn lines(m: &Meeting) -> Vec<AgendaLine> {
    m.agenda
        .iter()
        .map(|i| AgendaLine {
            number_text: i.number_text.clone(),
            title: i.title.clone(),
            presenter: i.presenter.clone(),
            planned_minutes: i.planned_minutes,
            is_motion: i.kind == AgendaKind::Motion,
        })
        .collect()
}

/// The notice with the agenda.
pub fn notice(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<NoticeDoc> {
    let issued = m.notice_issued_on.unwrap_or(today);
    Ok(NoticeDoc { header: header(conn, m, issued)?, agenda: lines(m), with_forms: m.kind.is_general() })
}

/// The proxy or written-vote form's data (the same motions; the layout differs).
pub fn vote_form(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<VoteFormDoc> {
    // The forms go out with the notice, on its day.
    Ok(VoteFormDoc {
        header: header(conn, m, m.notice_issued_on.unwrap_or(today))?,
        motions: lines(m).into_iter().filter(|l| l.is_motion).collect(),
    })
}

/// The attendance sheet.
pub fn attendance_sheet(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<AttendanceSheetDoc> {
    Ok(AttendanceSheetDoc {
        header: header(conn, m, today)?,
        lines: m
            .invitees
            .iter()
            .map(|i| AttendanceLine {
                seq: i.seq,
                label: i.label.clone(),
                name: i.name.clone(),
                attendance: if i.attendance == super::Attendance::Unrecorded {
                    String::new()
                } else {
                    i.attendance.label_ja().to_owned()
                },
            })
            .collect(),
    })
}

fn votes_text(i: &super::AgendaItem) -> String {
    match (i.votes_for, i.votes_against, i.votes_abstain) {
        (None, None, None) => String::new(),
        (f, a, x) => format!("賛成{}、反対{}、棄権{}", f.unwrap_or(0), a.unwrap_or(0), x.unwrap_or(0)),
    }
}

/// The results notice: every motion with its result. Refused while a motion's result is not
/// recorded (a paper for members never says 「未記録」).
pub fn results_notice(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<ResultsNoticeDoc> {
    let motions: Vec<_> = m.agenda.iter().filter(|i| i.kind == AgendaKind::Motion).collect();
    if motions.is_empty() {
        return Err(crate::error::Error::NotFound(crate::text::Text::new(
            "この会議には議案がないため、結果のお知らせは作れません。",
            "This meeting has no motions, so there are no results to announce.",
        )));
    }
    let pending: Vec<&str> =
        motions.iter().filter(|i| i.result == MotionResult::Pending).map(|i| i.number_text.as_str()).collect();
    if !pending.is_empty() {
        return Err(crate::error::Error::Conflict(crate::text::Text::new(
            format!(
                "{}の採決の結果がまだ記録されていません。会議の「結果」で記録してから印刷してください。",
                pending.join("、")
            ),
            format!(
                "The result of {} is not recorded yet. Record it under the meeting's results, then print.",
                pending.join(", ")
            ),
        )));
    }
    Ok(ResultsNoticeDoc {
        header: header(conn, m, m.results_issued_on.unwrap_or(today))?,
        title: format!("{}の結果について", m.title),
        attendance: if m.invitees.is_empty() { String::new() } else { m.quorum.finding.ja.clone() },
        results: motions
            .iter()
            .map(|i| ResultLine {
                number_text: i.number_text.clone(),
                title: i.title.clone(),
                result: i.result.label_ja().to_owned(),
                votes: votes_text(i),
            })
            .collect(),
    })
}

/// The minutes as they stand now (signed minutes: see [`minutes::signed_doc`]).
pub fn minutes_doc(conn: &Connection, m: &Meeting, id: &MinutesId, today: chrono::NaiveDate) -> Result<MinutesDoc> {
    let mm = minutes::get(conn, id)?;
    let items = m
        .agenda
        .iter()
        .map(|i| {
            let is_motion = i.kind == AgendaKind::Motion;
            let votes = votes_text(i);
            MinutesLine {
                number_text: i.number_text.clone(),
                title: i.title.clone(),
                presenter: i.presenter.clone(),
                is_motion,
                result: if is_motion && i.result != MotionResult::Pending {
                    i.result.label_ja().to_owned()
                } else {
                    String::new()
                },
                votes,
                majority: if is_motion { i.majority.label_ja().to_owned() } else { String::new() },
                discussion: mm
                    .items
                    .iter()
                    .find(|d| d.agenda_item_id == i.id)
                    .map(|d| d.discussion.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let correction = match &mm.amends_id {
        Some(orig) => {
            let signed_on = minutes::get(conn, orig)?.signed_on.map(calendar::wareki).unwrap_or_default();
            Some(format!("{signed_on}に署名した議事録の訂正。{}", mm.correction).trim().to_owned())
        }
        None => None,
    };
    let attendance = if m.invitees.is_empty() { String::new() } else { m.quorum.finding.ja.clone() };
    Ok(MinutesDoc {
        header: header(conn, m, today)?,
        status: mm.status.label_ja().to_owned(),
        chair: mm.chair.clone(),
        recorder: mm.recorder.clone(),
        signatories: vec![mm.signatory1.clone(), mm.signatory2.clone()],
        attendance,
        quorum_met: m.quorum.met,
        opening: mm.opening.clone(),
        items,
        closing: mm.closing.clone(),
        correction,
        signature_lines: vec![
            ("議長".to_owned(), mm.chair.clone()),
            ("議事録署名人".to_owned(), mm.signatory1.clone()),
            ("議事録署名人".to_owned(), mm.signatory2.clone()),
        ],
    })
}

/// The board pack.
pub fn board_pack(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<BoardPackDoc> {
    let notice = notice(conn, m, today)?;
    let motions: Vec<PackMotion> = m
        .agenda
        .iter()
        .filter(|i| i.kind == AgendaKind::Motion)
        .map(|i| PackMotion {
            number_text: i.number_text.clone(),
            title: i.title.clone(),
            presenter: i.presenter.clone(),
            proposal: i.proposal.clone(),
            majority: i.majority.label_ja().to_owned(),
            papers: i.papers.iter().map(|p| p.file_name.clone()).collect(),
            comparison: i.comparison.clone(),
        })
        .collect();
    let papers: Vec<(String, String)> =
        m.agenda.iter().flat_map(|i| i.papers.iter().map(|p| (i.number_text.clone(), p.file_name.clone()))).collect();
    let mut contents = vec!["開催通知".to_owned(), "次第".to_owned()];
    contents.extend(motions.iter().map(|x| format!("{} {}", x.number_text, x.title)));
    if !papers.is_empty() {
        contents.push("資料一覧".to_owned());
    }
    Ok(BoardPackDoc { notice, motions, papers, contents })
}

/// The tally of proxies and written votes, by motion. Refused for a meeting without motions.
pub fn vote_tally(conn: &Connection, m: &Meeting, today: chrono::NaiveDate) -> Result<VoteTallyDoc> {
    use super::Attendance;
    if m.tally.motions.is_empty() {
        return Err(crate::error::Error::NotFound(crate::text::Text::new(
            "この会議には議案がないため、集計表は作れません。",
            "This meeting has no motions to tally.",
        )));
    }
    let voters = m
        .invitees
        .iter()
        .filter(|i| i.attendance == Attendance::WrittenVote)
        .map(|i| VoterLine {
            seq: i.seq,
            label: i.label.clone(),
            name: i.name.clone(),
            votes: m
                .tally
                .motions
                .iter()
                .map(|t| {
                    i.written_votes
                        .iter()
                        .find(|v| v.item_id == t.item_id)
                        .map(|v| v.vote.label_ja().to_owned())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    let proxies = m
        .invitees
        .iter()
        .filter(|i| i.attendance == Attendance::Proxy)
        .map(|i| ProxyLine {
            seq: i.seq,
            label: i.label.clone(),
            name: i.name.clone(),
            holder: super::written::holder_of(&i.proxy_holder),
        })
        .collect();
    Ok(VoteTallyDoc {
        header: header(conn, m, today)?,
        attendance: m.quorum.finding.ja.clone(),
        tally: m.tally.clone(),
        voters,
        proxies,
    })
}

/// Produces a paper of a meeting. For the minutes, `minutes` names which (default: the original);
/// signed minutes print exactly as signed.
pub fn paper(
    conn: &Connection,
    m: &Meeting,
    kind: PaperKind,
    minutes: Option<&MinutesId>,
    today: chrono::NaiveDate,
) -> Result<MeetingPaper> {
    Ok(match kind {
        PaperKind::Notice => MeetingPaper::Notice(notice(conn, m, today)?),
        PaperKind::ProxyForm => MeetingPaper::ProxyForm(vote_form(conn, m, today)?),
        PaperKind::WrittenVoteForm => MeetingPaper::WrittenVoteForm(vote_form(conn, m, today)?),
        PaperKind::AttendanceSheet => MeetingPaper::AttendanceSheet(attendance_sheet(conn, m, today)?),
        PaperKind::BoardPack => MeetingPaper::BoardPack(board_pack(conn, m, today)?),
        PaperKind::ResultsNotice => MeetingPaper::ResultsNotice(results_notice(conn, m, today)?),
        PaperKind::VoteTally => MeetingPaper::VoteTally(vote_tally(conn, m, today)?),
        PaperKind::Minutes => {
            let id = match minutes {
                Some(id) => id.clone(),
                None => m.minutes.iter().find(|r| r.amends_id.is_none()).map(|r| r.id.clone()).ok_or_else(|| {
                    crate::error::Error::NotFound(crate::text::Text::new(
                        "この会議の議事録はまだ作成されていません。",
                        "This meeting has no minutes yet.",
                    ))
                })?,
            };
            let signed = match m.minutes.iter().find(|r| r.id == id) {
                Some(r) if r.status == MinutesStatus::Signed => minutes::signed_doc(conn, &id)?,
                _ => None,
            };
            MeetingPaper::Minutes(match signed {
                Some(doc) => doc,
                None => minutes_doc(conn, m, &id, today)?,
            })
        }
    })
}

/// The meeting a set of minutes belongs to.
pub fn meeting_of(conn: &Connection, id: &MinutesId) -> Result<MeetingId> {
    Ok(minutes::get(conn, id)?.meeting_id)
}

/// Moves the minutes on (circulated, approved, signed) today; signing keeps the document as it is
/// printed now (the meeting's paper as of today), so signed minutes print exactly as signed.
pub fn advance_minutes(w: &crate::Write<'_>, id: &MinutesId, to: MinutesStatus) -> Result<()> {
    let (today, start_month) = (w.today(), council::start_month(w)?);
    let doc = |tx: &rusqlite::Transaction<'_>| {
        let meeting = super::get(tx, &meeting_of(tx, id)?, start_month)?;
        minutes_doc(tx, &meeting, id, today)
    };
    minutes::advance(w, id, to, doc, today)
}
