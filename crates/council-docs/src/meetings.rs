//! The meeting papers: the notice with its agenda (and a 総会's proxy and written-vote forms), the
//! forms on their own, the attendance sheet, the minutes and the board pack. Their facts come from
//! the domain's paper data ([`council_domain::meetings::papers`]), already formatted (和暦, 第1号議案,
//! the quorum finding), so the templates only lay them out; signed minutes print exactly as signed.
use council_domain::meetings::minutes::{self, MinutesId};
use council_domain::meetings::papers::{self, PaperKind};
use council_domain::meetings::{self, Meeting, MeetingId};
use council_domain::{Read, attachments, council};

use crate::Header;
use crate::catalogue::DocumentKind;
use crate::embed::embed;
use crate::error::Result;
use crate::typeset::Files;

/// The template and the paper for a meeting document.
pub(crate) fn template(kind: DocumentKind) -> Option<(&'static str, PaperKind)> {
    Some(match kind {
        DocumentKind::MeetingNotice => ("notice.typ", PaperKind::Notice),
        DocumentKind::ProxyForm => ("proxy_form.typ", PaperKind::ProxyForm),
        DocumentKind::WrittenVoteForm => ("written_vote_form.typ", PaperKind::WrittenVoteForm),
        DocumentKind::AttendanceSheet => ("attendance_sheet.typ", PaperKind::AttendanceSheet),
        DocumentKind::Minutes => ("minutes.typ", PaperKind::Minutes),
        DocumentKind::BoardPack | DocumentKind::BoardPackBooklet => ("board_pack.typ", PaperKind::BoardPack),
        DocumentKind::ResultsNotice => ("results_notice.typ", PaperKind::ResultsNotice),
        DocumentKind::VoteTally => ("vote_tally.typ", PaperKind::VoteTally),
        _ => return None,
    })
}

/// The meeting a record names, and for the minutes which set: a meeting's ID gives its minutes, the
/// ID of a set of minutes (an amendment) gives that set.
pub(crate) fn resolve(r: &Read<'_>, record: &str, paper: PaperKind) -> Result<(Meeting, Option<MinutesId>)> {
    let start_month = council::start_month(r)?;
    match meetings::get(r, &MeetingId(record.to_owned()), start_month) {
        Ok(meeting) => Ok((meeting, None)),
        Err(not_a_meeting) if paper == PaperKind::Minutes => {
            let id = MinutesId(record.to_owned());
            match minutes::get(r, &id) {
                Ok(m) => Ok((meetings::get(r, &m.meeting_id, start_month)?, Some(id))),
                Err(_) => Err(not_a_meeting.into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// The data a meeting template reads as `/data.json`: the council's header and the paper (`kind`
/// and `doc`, as the window's print views get it).
/// The board pack also carries the attached papers themselves (`attached`: a PDF's pages, an image, a
/// text), embedded through `files`.
pub(crate) fn data(
    r: &Read<'_>,
    header: &Header,
    kind: PaperKind,
    record: &str,
    files: &mut Files,
) -> Result<serde_json::Value> {
    let (meeting, minutes) = resolve(r, record, kind)?;
    let paper = papers::paper(r, &meeting, kind, minutes.as_ref(), r.today())?;
    let mut attached = Vec::new();
    if kind == PaperKind::BoardPack {
        let dir = r.dir().attachments();
        for item in &meeting.agenda {
            for p in &item.papers {
                let embedded = embed(&p.sha256, attachments::read_file(&dir, &p.sha256)?, files);
                attached.push(serde_json::json!({
                    "item": item.number_text, "name": p.file_name, "file": embedded,
                }));
            }
        }
    }
    let accounts = if kind == PaperKind::BoardPack { account_papers(r, header, &meeting)? } else { Vec::new() };
    Ok(serde_json::json!({ "header": header, "paper": paper, "attached": attached, "accounts": accounts }))
}

/// The community plan's actions scheduled in a fiscal year, for the 事業計画 paper: each with its
/// measure, what it does, when (the quarters as months) and who carries it, and the indicators the
/// year works towards. `None` when the council has no plan or the plan schedules nothing that year.
fn plan_of_year(r: &Read<'_>, fiscal_year: i32, start_month: u32) -> Result<Option<serde_json::Value>> {
    use council_domain::plan;
    let Some(current) = plan::get_or_current(r, None)? else { return Ok(None) };
    let review = plan::review_of_year(r, &current.summary.id, Some(fiscal_year), r.today())?;
    let months = |quarter: i32| {
        let first = (start_month as i32 - 1 + 3 * (quarter - 1)).rem_euclid(12) + 1;
        format!("{first}〜{}月", (first + 1) % 12 + 1)
    };
    let mut actions = Vec::new();
    let mut indicators = Vec::new();
    for m in &review.measures {
        let scheduled: Vec<_> = m.actions.iter().filter(|a| a.scheduled).collect();
        for a in &scheduled {
            let mut quarters: Vec<i32> =
                a.action.schedule.iter().filter(|s| s.fiscal_year == fiscal_year).map(|s| s.quarter).collect();
            quarters.sort_unstable();
            quarters.dedup();
            // Each period kept whole on the paper (the template never breaks inside one).
            let when: Vec<String> = if quarters.len() == 4 {
                vec!["通年".to_owned()]
            } else {
                quarters.into_iter().map(months).collect()
            };
            let activities =
                if a.action.main_activities.trim().is_empty() { &a.action.content } else { &a.action.main_activities };
            actions.push(serde_json::json!({
                "code": a.action.code, "measure": m.title, "name": a.action.name,
                "activities": activities.trim(), "when": when, "responsible": a.action.responsible,
            }));
        }
        if scheduled.is_empty() {
            continue;
        }
        for i in &m.indicators {
            let ind = &i.indicator;
            let figure = |v: f64| crate::plan::quantity(v, &ind.unit);
            indicators.push(serde_json::json!({
                "measure": m.code, "name": ind.name,
                "baseline": format!("{}（{}）", figure(ind.baseline_value), council_domain::calendar::FiscalYear(ind.baseline_year).label_ja()),
                "target": format!("{}（{}）", figure(ind.target_value), council_domain::calendar::FiscalYear(ind.target_year).label_ja()),
            }));
        }
    }
    if actions.is_empty() {
        return Ok(None);
    }
    Ok(Some(serde_json::json!({
        "title": review.plan.title, "version": review.plan.version, "period": review.plan.period.ja,
        "actions": actions, "indicators": indicators,
    })))
}

/// The papers a 総会's board pack carries after the motions that put them to the vote: the year
/// before's 事業報告書 for a 事業報告 motion, the year's events for a 事業計画 motion, the officer list of the meeting's year for an election
/// of officers (「（案）」 until the motion is decided); the settlement of the year before and its audit
/// report for a settlement motion, the budget (proposal) for a budget motion — of every account the
/// council keeps.
fn account_papers(r: &Read<'_>, header: &Header, meeting: &Meeting) -> Result<Vec<serde_json::Value>> {
    use council_domain::accounts::{self, MotionSubject, budget};
    use council_domain::calendar::FiscalYear;
    if !meeting.kind.is_general() {
        return Ok(Vec::new());
    }
    let year = FiscalYear(meeting.fiscal_year);
    let mut out = Vec::new();
    for item in meeting.agenda.iter().filter(|i| i.kind == meetings::AgendaKind::Motion) {
        if item.title.contains("事業報告") {
            let fy = FiscalYear(year.0 - 1);
            let h = Header { fiscal_year: fy.label_ja(), title: "事業報告書".to_owned(), ..header.clone() };
            out.push(serde_json::json!({
                "item": item.number_text, "kind": "activity",
                "title": format!("{} 事業報告書", h.fiscal_year),
                "data": crate::report::report_data(r, &h, fy.0)?,
            }));
        }
        if item.title.contains("事業計画") {
            let start_month = council::start_month(r)?;
            let events: Vec<serde_json::Value> = council_domain::events::list(r, year, start_month)?
                .into_iter()
                .map(|e| {
                    serde_json::json!({
                        "date": e.when_text.ja, "title": e.title, "category": e.category.label_ja(),
                        "place": e.place, "organiser": e.organiser,
                    })
                })
                .collect();
            let draft = item.result == meetings::MotionResult::Pending;
            out.push(serde_json::json!({
                "item": item.number_text, "kind": "plan",
                "title": format!("{} 事業計画{}", year.label_ja(), if draft { "（案）" } else { "" }),
                "data": { "events": events, "plan": plan_of_year(r, year.0, start_month)? },
            }));
        }
        if item.title.contains("役員") && ["選任", "選出", "改選"].iter().any(|w| item.title.contains(w)) {
            let h = Header { fiscal_year: year.label_ja(), title: "役員名簿".to_owned(), ..header.clone() };
            let draft = item.result == meetings::MotionResult::Pending;
            out.push(serde_json::json!({
                "item": item.number_text, "kind": "officers",
                "title": format!("{} 役員名簿{}", h.fiscal_year, if draft { "（案）" } else { "" }),
                "data": crate::members::officers(r, &h, Some(year.0))?,
            }));
        }
        for subject in accounts::motion_subjects(&item.title) {
            for account in accounts::list(r)? {
                let record = Some(account.id.0.as_str());
                match subject {
                    MotionSubject::Settlement => {
                        let fy = FiscalYear(year.0 - 1);
                        let h = Header { fiscal_year: fy.label_ja(), ..header.clone() };
                        out.push(serde_json::json!({
                            "item": item.number_text, "kind": "settlement",
                            "title": format!("{} {} 収支決算書", h.fiscal_year, account.name),
                            "data": crate::accounts::settlement_data(r, &h, record, fy.0)?,
                        }));
                        out.push(serde_json::json!({
                            "item": item.number_text, "kind": "audit",
                            "title": format!("{} {} 監査報告書", h.fiscal_year, account.name),
                            "data": crate::accounts::audit_report_data(r, &h, record, fy.0)?,
                        }));
                    }
                    MotionSubject::Budget => {
                        let next = FiscalYear(year.0 + 1);
                        let fy = if budget::versions(r, &account.id, year)?.is_empty()
                            && !budget::versions(r, &account.id, next)?.is_empty()
                        {
                            next
                        } else {
                            year
                        };
                        let h = Header { fiscal_year: fy.label_ja(), ..header.clone() };
                        let data = crate::accounts::budget_data(r, &h, record, fy.0)?;
                        let draft = data["approved_on"].is_null();
                        out.push(serde_json::json!({
                            "item": item.number_text, "kind": "budget",
                            "title": format!("{} {} 収支予算書{}", h.fiscal_year, account.name, if draft { "（案）" } else { "" }),
                            "data": data,
                        }));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The meeting's title, for the saved PDF's name.
pub(crate) fn title(r: &Read<'_>, record: &str, paper: PaperKind) -> Result<String> {
    Ok(resolve(r, record, paper)?.0.title)
}
