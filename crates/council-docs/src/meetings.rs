//! The meeting papers: the notice with its agenda (and a 総会's proxy and written-vote forms), the
//! forms on their own, the attendance sheet, the minutes and the board pack. Their facts come from
//! the core's paper data ([`council_core::meetings::papers`]), already formatted (和暦, 第1号議案, the
//! quorum finding), so the templates only lay them out; signed minutes print exactly as signed.
use council_core::Desk;
use council_core::documents::DocumentKind;
use council_core::meetings::MeetingId;
use council_core::meetings::minutes::MinutesId;
use council_core::meetings::papers::PaperKind;

use crate::Header;
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
        DocumentKind::BoardPack => ("board_pack.typ", PaperKind::BoardPack),
        _ => return None,
    })
}

/// The meeting a record names, and for the minutes which set: a meeting's ID gives its minutes, the
/// ID of a set of minutes (an amendment) gives that set.
pub(crate) fn resolve(desk: &Desk, record: &str, paper: PaperKind) -> Result<(MeetingId, Option<MinutesId>)> {
    let meeting = MeetingId(record.to_owned());
    match desk.meeting(&meeting) {
        Ok(_) => Ok((meeting, None)),
        Err(not_a_meeting) if paper == PaperKind::Minutes => {
            let minutes = MinutesId(record.to_owned());
            match desk.minutes(&minutes) {
                Ok(m) => Ok((m.meeting_id, Some(minutes))),
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
    desk: &Desk,
    header: &Header,
    kind: PaperKind,
    record: &str,
    files: &mut Files,
) -> Result<serde_json::Value> {
    let (meeting, minutes) = resolve(desk, record, kind)?;
    let paper = desk.meeting_paper(&meeting, kind, minutes.as_ref())?;
    let mut attached = Vec::new();
    if kind == PaperKind::BoardPack {
        for item in desk.meeting(&meeting)?.agenda {
            for p in &item.papers {
                let embedded = embed(&p.sha256, desk.paper_bytes(&p.sha256)?, files);
                attached.push(serde_json::json!({
                    "item": item.number_text, "name": p.file_name, "file": embedded,
                }));
            }
        }
    }
    Ok(serde_json::json!({ "header": header, "paper": paper, "attached": attached }))
}

/// The meeting's title, for the saved PDF's name.
pub(crate) fn title(desk: &Desk, record: &str, paper: PaperKind) -> Result<String> {
    let (meeting, _) = resolve(desk, record, paper)?;
    Ok(desk.meeting(&meeting)?.title)
}
