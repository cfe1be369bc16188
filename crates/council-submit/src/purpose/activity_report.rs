//! 事業報告: what the council did in the year — the 事業報告書, the household counts and the plan's
//! review sheets as PDFs, the events, meetings, members and plan progress as data, the signed minutes
//! of the year's 総会, and the events' photos.
use council_docs::catalogue::DocumentKind;
use council_docs::report::{ActivityFacts, activity_facts};
use council_domain::Read;
use council_domain::text::Text;
use council_io::open_data::{CellValue, ColumnKind, ValueTable, col};

use super::{
    PackagePlan, PackageRequest, Purpose, data_parts, fiscal_year, int_cell as int, item, pdf, text_cell as text,
};
use crate::error::Result;
use crate::package::{Part, PartSource};

/// The activity report's parts and checklist.
pub fn plan(r: &Read<'_>, request: &PackageRequest) -> Result<PackagePlan> {
    let fy = fiscal_year(r, request)?;
    let facts = activity_facts(r, Some(fy))?;
    let general: Vec<_> = facts.meetings.iter().filter(|m| m.general && m.minutes_signed).collect();
    let photos: usize = facts.events.iter().map(|e| e.photos.len()).sum();
    let count = |n: usize, ja: &str, en: &str| Text::new(format!("{n}{ja}"), format!("{n} {en}"));
    let checklist = vec![
        item(
            "events",
            Text::new("実施した行事", "Events held"),
            true,
            !facts.events.is_empty(),
            if facts.events.is_empty() {
                Text::new(
                    "行事の画面で、この年度に実施した行事を登録してください（参加者数も入れると報告書に載ります）。",
                    "Enter the events held this year on the Events screen (with the number who came, for the report).",
                )
            } else {
                count(facts.events.len(), "件", "events")
            },
        ),
        item(
            "meetings",
            Text::new("開いた会議", "Meetings held"),
            true,
            !facts.meetings.is_empty(),
            if facts.meetings.is_empty() {
                Text::new(
                    "会議の画面で、この年度に開いた総会や役員会を登録してください。",
                    "Enter the general and board meetings held this year on the Meetings screen.",
                )
            } else {
                count(facts.meetings.len(), "回", "meetings")
            },
        ),
        item(
            "activity_report_pdf",
            DocumentKind::ActivityReport.info().title,
            true,
            true,
            Text::new(
                "行事・会議・会員・計画の記録から作ります。",
                "Made from the events, meetings, members and plan.",
            ),
        ),
        item(
            "counts_pdf",
            DocumentKind::Counts.info().title,
            true,
            true,
            Text::new(format!("{}世帯", facts.households), format!("{} households", facts.households)),
        ),
        item(
            "plan_review",
            DocumentKind::PlanReview.info().title,
            false,
            facts.plan.is_some(),
            match &facts.plan {
                Some(p) => Text::new(p.title.clone(), p.title.clone()),
                None => Text::new(
                    "まちづくり計画がある場合は、計画の画面で登録すると施策シートも入ります。",
                    "If the council has a community plan, enter it on the Plan screen to include its review sheets.",
                ),
            },
        ),
        item(
            "general_meeting_minutes",
            Text::new("総会の議事録（署名済み）", "Signed minutes of the general meeting"),
            false,
            !general.is_empty(),
            if general.is_empty() {
                Text::new(
                    "総会の議事録に署名を済ませると、その議事録も入ります。",
                    "Once the general meeting's minutes are signed, they are included.",
                )
            } else {
                count(general.len(), "件", "minutes")
            },
        ),
        item(
            "event_photos",
            Text::new("行事の写真", "Event photos"),
            false,
            photos > 0,
            if photos == 0 {
                Text::new("行事の画面で写真を添付すると、写真も入ります。", "Photos attached to events are included.")
            } else {
                count(photos, "枚", "photos")
            },
        ),
    ];

    let title = Purpose::ActivityReport.info().title;
    let mut parts = vec![
        pdf("documents/activity-report.pdf", DocumentKind::ActivityReport, None, fy),
        pdf("documents/household-counts.pdf", DocumentKind::Counts, None, fy),
    ];
    if facts.plan.is_some() {
        parts.push(pdf("documents/plan-review.pdf", DocumentKind::PlanReview, None, fy));
    }
    for (i, m) in general.iter().enumerate() {
        let mut part =
            pdf(&format!("documents/minutes-{}-{}.pdf", m.date, i + 1), DocumentKind::Minutes, Some(m.id.clone()), fy);
        part.title = Text::new(
            format!("{}の議事録（{}）", m.title, m.date_text),
            format!("Minutes of {} ({})", m.title, m.date),
        );
        parts.push(part);
    }
    parts.extend(data_parts("activity-report", &title));
    for e in &facts.events {
        for (i, photo) in e.photos.iter().enumerate() {
            let ext = match photo.mime.as_str() {
                "image/png" => "png",
                "image/gif" => "gif",
                "image/webp" => "webp",
                _ => "jpg",
            };
            parts.push(Part {
                path_in_zip: format!("attachments/photos/{}_{}_{}.{ext}", e.date, short(&e.id), i + 1),
                title: Text::new(
                    format!("{}の写真（{}）", e.title, photo.name),
                    format!("Photo of {} ({})", e.title, photo.name),
                ),
                source: PartSource::AttachmentFile { sha256: photo.sha256.clone(), media_type: photo.mime.clone() },
            });
        }
    }
    Ok(PackagePlan { fiscal_year: fy, parts, checklist, tables: tables(&facts) })
}

/// The last eight characters of an ID: enough to tell two events of one day apart in a file name.
pub(crate) fn short(id: &str) -> String {
    id.chars().filter(char::is_ascii_alphanumeric).collect::<Vec<_>>().iter().rev().take(8).rev().collect()
}

fn real(n: Option<f64>) -> CellValue {
    n.map_or(CellValue::Null, CellValue::Real)
}

/// The facts as tables (the same as the report prints).
fn tables(f: &ActivityFacts) -> Vec<ValueTable> {
    use ColumnKind::{Bool, Date, Integer, Text as Str};
    let mut tables = vec![
        ValueTable {
            key: "summary".into(),
            label: Text::new("概要", "Summary"),
            columns: vec![
                col("fiscal_year", "年度", Integer),
                col("fiscal_year_label", "年度（和暦）", Str),
                col("as_of", "集計日", Date),
                col("households", "加入世帯数", Integer),
                col("joined", "加入", Integer),
                col("left", "転出・退会", Integer),
                col("events", "実施した行事", Integer),
                col("meetings", "開いた会議", Integer),
            ],
            rows: vec![vec![
                CellValue::Integer(i64::from(f.fiscal_year)),
                text(&f.fiscal_year_label),
                CellValue::Text(f.as_of.to_string()),
                CellValue::Integer(f.households),
                CellValue::Integer(f.joined),
                CellValue::Integer(f.left),
                CellValue::Integer(f.events.len() as i64),
                CellValue::Integer(f.meetings.len() as i64),
            ]],
        },
        ValueTable {
            key: "households_by_block".into(),
            label: Text::new("班別世帯数", "Households by block"),
            columns: vec![col("block", "班", Str), col("households", "世帯数", Integer)],
            rows: f.blocks.iter().map(|b| vec![text(&b.block), CellValue::Integer(b.households)]).collect(),
        },
        ValueTable {
            key: "events".into(),
            label: Text::new("実施した行事", "Events held"),
            columns: vec![
                col("id", "ID", Str),
                col("date", "実施日", Date),
                col("title", "行事名", Str),
                col("category", "分類", Str),
                col("place", "場所", Str),
                col("organiser", "担当", Str),
                col("participants", "参加者数", Integer),
                col("volunteers", "ボランティア数", Integer),
                col("cost", "費用（円）", Integer),
                col("action", "計画の事業", Str),
                col("photos", "写真の枚数", Integer),
            ],
            rows: f
                .events
                .iter()
                .map(|e| {
                    vec![
                        text(&e.id),
                        CellValue::Text(e.date.to_string()),
                        text(&e.title),
                        text(&e.category),
                        text(&e.place),
                        text(&e.organiser),
                        int(e.participants),
                        int(e.volunteers),
                        int(e.cost),
                        text(e.action.as_deref().unwrap_or_default()),
                        CellValue::Integer(e.photos.len() as i64),
                    ]
                })
                .collect(),
        },
        ValueTable {
            key: "meetings".into(),
            label: Text::new("開いた会議", "Meetings held"),
            columns: vec![
                col("id", "ID", Str),
                col("date", "開催日", Date),
                col("kind", "種類", Str),
                col("title", "会議名", Str),
                col("place", "場所", Str),
                col("motions", "議案の数", Integer),
                col("minutes_signed", "議事録の署名", Bool),
            ],
            rows: f
                .meetings
                .iter()
                .map(|m| {
                    vec![
                        text(&m.id),
                        CellValue::Text(m.date.to_string()),
                        text(&m.kind),
                        text(&m.title),
                        text(&m.place),
                        CellValue::Integer(i64::from(m.motions)),
                        CellValue::Integer(i64::from(m.minutes_signed)),
                    ]
                })
                .collect(),
        },
    ];
    if let Some(p) = &f.plan {
        tables.push(ValueTable {
            key: "plan_actions".into(),
            label: Text::new("計画の事業", "Plan actions"),
            columns: vec![
                col("measure", "施策", Str),
                col("code", "番号", Str),
                col("name", "事業名", Str),
                col("status", "状況", Str),
            ],
            rows: p
                .actions
                .iter()
                .map(|a| vec![text(&a.measure_code), text(&a.code), text(&a.name), text(&a.status)])
                .collect(),
        });
        tables.push(ValueTable {
            key: "plan_indicators".into(),
            label: Text::new("計画の指標", "Plan indicators"),
            columns: vec![
                col("measure", "施策", Str),
                col("measure_title", "施策名", Str),
                col("name", "指標", Str),
                col("unit", "単位", Str),
                col("baseline", "現状値", Str),
                col("target", "目標値", Str),
                col("target_year", "目標年度", Integer),
                col("actual", "実績値", Str),
                col("progress_percent", "進捗率（%）", Str),
            ],
            rows: p
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        text(&i.measure_code),
                        text(&i.measure_title),
                        text(&i.name),
                        text(&i.unit),
                        CellValue::Real(i.baseline),
                        CellValue::Real(i.target),
                        CellValue::Integer(i64::from(i.target_year)),
                        real(i.actual),
                        real(i.progress_percent),
                    ]
                })
                .collect(),
        });
    }
    tables
}
