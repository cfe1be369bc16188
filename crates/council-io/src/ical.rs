//! Events as an iCalendar file (RFC 5545) that phones, Google Calendar and Outlook import.
//!
//! What must hold for those importers: lines end in CRLF and are folded at 75 octets (never inside a
//! UTF-8 character); text values escape `\`, `;`, `,` and newlines; an all-day event is a DATE with an
//! exclusive DTEND; a timed event is a local DATE-TIME with `TZID=Asia/Tokyo` and the VTIMEZONE that
//! defines it (Japan has no daylight saving, so one STANDARD rule); UIDs are stable, so importing an
//! updated file updates the events instead of duplicating them.

use chrono::{DateTime, NaiveDate, Utc};

use council_domain::events::Event;

/// The domain that makes UIDs globally unique.
const UID_DOMAIN: &str = "councildesk.jp";

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line to at most 75 octets per physical line (RFC 5545 §3.1), each continuation
/// starting with a space, and ends every physical line with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0; // octets on the current physical line
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn local(d: NaiveDate, hhmm: &str) -> String {
    format!("{}T{}00", date(d), hhmm.replace(':', ""))
}

/// The calendar of `events`, named `name` (the council's name and the year), stamped `now`.
pub fn calendar(events: &[Event], name: &str, now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Council Desk//Council Desk {}//JA", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Asia/Tokyo".into(),
    ];
    if events.iter().any(|e| e.start_time.is_some()) {
        lines.extend(
            [
                "BEGIN:VTIMEZONE",
                "TZID:Asia/Tokyo",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0900",
                "TZOFFSETTO:+0900",
                "TZNAME:JST",
                "END:STANDARD",
                "END:VTIMEZONE",
            ]
            .map(String::from),
        );
    }
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@{UID_DOMAIN}", e.id));
        lines.push(format!("DTSTAMP:{stamp}"));
        match &e.start_time {
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date(e.starts_on)));
                // DTEND of an all-day event is the day after the last day.
                let after = e.ends_on.succ_opt().unwrap_or(e.ends_on);
                lines.push(format!("DTEND;VALUE=DATE:{}", date(after)));
            }
            Some(start) => {
                lines.push(format!("DTSTART;TZID=Asia/Tokyo:{}", local(e.starts_on, start)));
                if let Some(end) = &e.end_time {
                    lines.push(format!("DTEND;TZID=Asia/Tokyo:{}", local(e.ends_on, end)));
                }
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&e.title)));
        if !e.place.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&e.place)));
        }
        let mut description = Vec::new();
        if !e.organiser.is_empty() {
            description.push(format!("主催：{}", e.organiser));
        }
        if !e.partners.is_empty() {
            description
                .push(format!("協力：{}", e.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、")));
        }
        if !e.notes.is_empty() {
            description.push(e.notes.clone());
        }
        if !description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&description.join("\n"))));
        }
        lines.push(format!("CATEGORIES:{}", escape(e.category.label_ja())));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// The events of `fiscal_year` (default: the current one on `today`) as an iCalendar file.
pub fn year_file(
    conn: &rusqlite::Connection,
    fiscal_year: Option<i32>,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> council_domain::Result<crate::roster::ExportFile> {
    let c = council_domain::council::require(conn)?;
    let (fy, m) = council_domain::council::fiscal_year_or_current(conn, fiscal_year, today)?;
    let list = council_domain::events::list(conn, fy, m)?;
    let text = calendar(&list, &format!("{} {}の行事", c.name, fy.label_ja()), now);
    Ok(crate::roster::ExportFile {
        file_name: format!("{}_{}_行事.ics", c.name, fy.label_ja()),
        bytes: text.into_bytes(),
        rows: list.len() as u32,
        warning: None,
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use council_domain::events::{EventCategory, EventId, when_text};
    use council_domain::plan::PartnerRef;

    fn event(start_time: Option<&str>, end_time: Option<&str>, ends_on: &str) -> Event {
        let (s, e): (NaiveDate, NaiveDate) = ("2026-07-20".parse().expect("date"), ends_on.parse().expect("date"));
        Event {
            id: EventId("0190a0b0-0000-7000-8000-000000000001".into()),
            title: "夏祭り; 盆踊り, 花火".into(),
            category: EventCategory::Festival,
            starts_on: s,
            ends_on: e,
            start_time: start_time.map(String::from),
            end_time: end_time.map(String::from),
            place: "さくら台公園（雨天時は集会所）".into(),
            organiser: "青少年部".into(),
            expected_participants: Some(300),
            actual_participants: None,
            volunteers: None,
            cost: None,
            notes: "持ち物：うちわ\\飲み物\n小雨決行".into(),
            action_id: None,
            action_label: None,
            partners: vec![PartnerRef {
                id: council_domain::partners::PartnerId("p".into()),
                name: "さくら台商店会".into(),
            }],
            photos: Vec::new(),
            grant_id: None,
            grant_label: None,
            fiscal_year: 2026,
            notice_issued_on: None,
            fee: None,
            notice_text: String::new(),
            notice_blocks: Vec::new(),
            notice_copies: 1,
            when_text: when_text(s, e, start_time, end_time),
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-11-23T03:00:00Z".parse().expect("instant")
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(escape("改行\r\nあり"), "改行\\nあり", "CRLF inside a value becomes one \\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "あ".repeat(60)); // 12 + 180 octets
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for (i, physical) in folded.trim_end_matches("\r\n").split("\r\n").enumerate() {
            assert!(physical.len() <= 75, "physical line {i} has {} octets", physical.len());
            if i > 0 {
                assert!(physical.starts_with(' '), "a continuation line starts with a space");
            }
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line, "unfolding gives the line back exactly");
        assert_eq!(fold("SHORT:1"), "SHORT:1\r\n", "a short line is left alone");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"), "75 octets still fit on one line");
    }

    #[test]
    fn a_timed_event_uses_tokyo_local_time_with_its_timezone() {
        let ics =
            calendar(&[event(Some("18:00"), Some("21:00"), "2026-07-20")], "さくら台自治会 令和8年度の行事", now());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF, no bare LF");
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"), "TZID used must be defined");
        assert!(ics.contains("TZOFFSETTO:+0900\r\n"));
        assert!(ics.contains("DTSTART;TZID=Asia/Tokyo:20260720T180000\r\n"));
        assert!(ics.contains("DTEND;TZID=Asia/Tokyo:20260720T210000\r\n"));
        assert!(
            ics.contains("UID:0190a0b0-0000-7000-8000-000000000001@councildesk.jp\r\n"),
            "the UID is the event's ID"
        );
        assert!(ics.contains("DTSTAMP:20261123T030000Z\r\n"));
        assert!(ics.contains("SUMMARY:夏祭り\\; 盆踊り\\, 花火\r\n"), "separators in text are escaped");
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "DESCRIPTION:主催：青少年部\\n協力：さくら台商店会\\n持ち物：うちわ\\\\飲み物\\n小雨決行\r\n"
            ),
            "the description keeps its lines as \\n and escapes the backslash: {unfolded}"
        );
    }

    #[test]
    fn an_all_day_event_is_a_date_with_an_exclusive_end() {
        let ics = calendar(&[event(None, None, "2026-07-21")], "行事", now());
        assert!(ics.contains("DTSTART;VALUE=DATE:20260720\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20260722\r\n"), "a two-day event ends the day after its last day");
        assert!(!ics.contains("VTIMEZONE"), "no timezone is needed without a timed event");
    }

    #[test]
    fn the_same_events_give_the_same_file() {
        let events = [event(Some("10:00"), None, "2026-07-20")];
        assert_eq!(calendar(&events, "行事", now()), calendar(&events, "行事", now()), "stable output, stable UIDs");
        assert!(!calendar(&events, "行事", now()).contains("DTEND"), "no end time is not invented");
    }
}
