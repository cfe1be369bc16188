//! The event notice for circulation (お知らせ・回覧): the notice itself, then one check-off sheet
//! (回覧確認表) per block listing its member households in roster order. The facts come from
//! [`council_domain::events::notice`]; this adds the text the template prints as is.
use council_domain::events::{self, EventId};
use council_domain::money::format_yen;
use council_domain::{Read, council};

use crate::Header;
use crate::error::Result;

pub(crate) fn notice(r: &Read<'_>, header: &Header, event: &str) -> Result<serde_json::Value> {
    let notice = events::notice(r, &EventId(event.to_owned()), r.today(), council::start_month(r)?)?;
    let e = &notice.event;
    let mut details = vec![("日時", e.when_text.ja.clone())];
    for (label, value) in [
        ("場所", e.place.clone()),
        ("主催", e.organiser.clone()),
        ("協力", e.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、")),
        ("費用", e.cost.filter(|c| *c > 0).map(format_yen).unwrap_or_default()),
        ("備考", e.notes.clone()),
    ] {
        if !value.is_empty() {
            details.push((label, value));
        }
    }
    Ok(serde_json::json!({
        "header": header,
        "issued_on": notice.issued_on,
        "council": notice.council_name,
        "issuer": notice.issuer,
        "title": e.title,
        "when": e.when_text.ja,
        "details": details.iter().map(|(k, v)| [*k, v.as_str()]).collect::<Vec<_>>(),
        "blocks": notice.blocks,
    }))
}
