//! The event notice for circulation (お知らせ・回覧): the notice itself, then one check-off sheet
//! (回覧確認表) per block listing its member households in roster order. The facts come from
//! [`council_domain::events::notice`]; this adds the text the template prints as is.
use council_domain::events::{self, EventId};
use council_domain::money::format_yen;
use council_domain::{Read, council};

use crate::Header;
use crate::error::Result;

/// The notice's words when the event has none of its own.
const GREETING: &str =
    "日ごろより自治会活動にご協力いただき、ありがとうございます。下記のとおり行いますので、ご参加ください。";

/// 「会長 山田 太郎」.
fn header_representative(header: &Header) -> String {
    format!("{} {}", header.representative_title, header.representative_name).trim().to_owned()
}

/// Whom residents ask: the contact person of the council's papers, else its representative.
fn contact(header: &Header) -> String {
    match (header.contact.name.as_str(), header.contact.phone.as_str()) {
        ("", "") => header_representative(header),
        (name, "") => name.to_owned(),
        ("", phone) => format!("{}（電話 {phone}）", header_representative(header)),
        (name, phone) => format!("{name}（電話 {phone}）"),
    }
}

pub(crate) fn notice(r: &Read<'_>, header: &Header, event: &str) -> Result<serde_json::Value> {
    let notice = events::notice(r, &EventId(event.to_owned()), r.today(), council::start_month(r)?)?;
    let e = &notice.event;
    let mut details = vec![("日時", e.when_text.ja.clone())];
    for (label, value) in [
        ("場所", e.place.clone()),
        ("主催", e.organiser.clone()),
        ("協力", e.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、")),
        // What a participant pays, only when there is a fee (the council's own cost stays inside).
        ("参加費", e.fee.filter(|f| *f > 0).map(format_yen).unwrap_or_default()),
        ("備考", e.notes.clone()),
    ] {
        if !value.is_empty() {
            details.push((label, value));
        }
    }
    let contact = contact(header);
    let body = if e.notice_text.is_empty() { GREETING.to_owned() } else { e.notice_text.clone() };
    Ok(serde_json::json!({
        "header": header,
        "body": body,
        "contact": contact,
        "issued_on": notice.issued_on,
        "council": notice.council_name,
        "issuer": notice.issuer,
        "title": e.title,
        "when": e.when_text.ja,
        "details": details.iter().map(|(k, v)| [*k, v.as_str()]).collect::<Vec<_>>(),
        "blocks": notice.blocks,
    }))
}

/// 参加申込書: the event's facts and lines for the names of those taking part, with whom to hand it to.
pub(crate) fn entry_form(r: &Read<'_>, header: &Header, event: &str) -> Result<serde_json::Value> {
    let e = events::get(r, &EventId(event.to_owned()), council::start_month(r)?)?;
    let contact = contact(header);
    let mut details: Vec<(&str, String)> = vec![("日時", e.when_text.ja.clone())];
    if !e.place.is_empty() {
        details.push(("場所", e.place.clone()));
    }
    if let Some(fee) = e.fee.filter(|f| *f > 0) {
        details.push(("参加費", format!("{}（1人）", format_yen(fee))));
    }
    Ok(serde_json::json!({ "header": header, "title": e.title, "details": details, "contact": contact }))
}
