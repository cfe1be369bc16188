//! Events (行事): festivals, cleanups, disaster drills, senior and child activities, lectures, sports
//! days. An event has its dates and times, place, organising committee, partners, participant and
//! volunteer counts, cost, notes and photos, and links to the plan action it serves and to the grant
//! that pays for it (`grant_id`, set through [`crate::grants::application::link_event`]).
//!
//! Also here: the data of the printed notice for circulation (回覧) with its block-by-block check-off
//! sheet (回覧確認表), and the year's events as an iCalendar file ([`ical`]).

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Write;
use crate::attachments::{self, Attachment, AttachmentId};
use crate::audit::{self, AuditAction, Change};
use crate::calendar::{self, FiscalYear};
use crate::error::{Error, FieldProblem, Result};
use crate::export::ColumnKind::{Date, Integer, Text as Str};
use crate::export::{TableExport, col};
use crate::id_type;
use crate::ids::GrantApplicationId;
use crate::partners::PartnerId;
use crate::plan::{self, ActionId, PartnerRef};
use crate::text::Text;

id_type!(
    /// An event.
    EventId
);

/// What kind of event it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventCategory {
    /// 祭り (夏祭り, 盆踊り).
    Festival,
    /// 清掃・美化 (清掃活動, 花苗植栽).
    Cleanup,
    /// 防災訓練.
    DisasterDrill,
    /// 高齢者 (ふれあいサロン, 敬老会).
    Seniors,
    /// 子ども (子ども会, 見守り).
    Children,
    /// 講座・講演会.
    Lecture,
    /// スポーツ (運動会).
    Sports,
    /// その他.
    Other,
}

impl EventCategory {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventCategory::Festival => "festival",
            EventCategory::Cleanup => "cleanup",
            EventCategory::DisasterDrill => "disaster_drill",
            EventCategory::Seniors => "seniors",
            EventCategory::Children => "children",
            EventCategory::Lecture => "lecture",
            EventCategory::Sports => "sports",
            EventCategory::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "festival" => EventCategory::Festival,
            "cleanup" => EventCategory::Cleanup,
            "disaster_drill" => EventCategory::DisasterDrill,
            "seniors" => EventCategory::Seniors,
            "children" => EventCategory::Children,
            "lecture" => EventCategory::Lecture,
            "sports" => EventCategory::Sports,
            _ => EventCategory::Other,
        }
    }

    /// The Japanese word notices and calendars use.
    pub fn label_ja(self) -> &'static str {
        match self {
            EventCategory::Festival => "祭り",
            EventCategory::Cleanup => "清掃・美化",
            EventCategory::DisasterDrill => "防災訓練",
            EventCategory::Seniors => "高齢者",
            EventCategory::Children => "子ども",
            EventCategory::Lecture => "講座・講演",
            EventCategory::Sports => "スポーツ",
            EventCategory::Other => "その他",
        }
    }
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Event {
    /// ID.
    pub id: EventId,
    /// Title.
    pub title: String,
    /// Kind.
    pub category: EventCategory,
    /// First day.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day (the first day for a one-day event).
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// Start time (`HH:MM`, Japan time); none for an all-day event.
    pub start_time: Option<String>,
    /// End time (`HH:MM`).
    pub end_time: Option<String>,
    /// Place.
    pub place: String,
    /// The organising committee (防災部, 環境部 …).
    pub organiser: String,
    /// Participants expected.
    pub expected_participants: Option<i64>,
    /// Participants who came.
    pub actual_participants: Option<i64>,
    /// Volunteers.
    pub volunteers: Option<i64>,
    /// Cost in yen.
    pub cost: Option<i64>,
    /// Notes.
    pub notes: String,
    /// The plan action it serves.
    pub action_id: Option<ActionId>,
    /// That action as `1-①-2 防災訓練の実施`.
    pub action_label: Option<String>,
    /// Partners.
    pub partners: Vec<PartnerRef>,
    /// Photos.
    pub photos: Vec<Attachment>,
    /// The grant application that pays for it (its turnout and photos go into that grant's report).
    /// Set with [`crate::grants::application::link_event`], not through the event's form.
    pub grant_id: Option<GrantApplicationId>,
    /// That grant as `令和8年度 地域づくり交付金「花いっぱい運動」` (filled by
    /// [`crate::grants::application::with_grant`], which owns the link).
    pub grant_label: Option<String>,
    /// The fiscal year it falls in.
    pub fiscal_year: i32,
    /// The day its notice (お知らせ) went out: kept from its first printing, or as typed.
    #[ts(type = "string | null")]
    pub notice_issued_on: Option<NaiveDate>,
    /// What a participant pays (参加費, yen); none when it is free.
    #[serde(default)]
    pub fee: Option<i64>,
    /// The notice's own words above the facts; empty for the usual greeting.
    #[serde(default)]
    pub notice_text: String,
    /// The blocks its notice circulates in (none listed: every block).
    #[serde(default)]
    pub notice_blocks: Vec<crate::ids::BlockId>,
    /// The sets of the notice circulating in each block (1 to 5): a long route is split in parts.
    #[serde(default = "one_copy")]
    pub notice_copies: u32,
    /// Its dates and times as people read them (令和8年7月20日（日）10:00〜12:00).
    pub when_text: Text,
}

/// An event as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventInput {
    /// Title.
    pub title: String,
    /// Kind.
    pub category: EventCategory,
    /// First day.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day; empty for a one-day event.
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    /// Start time (`HH:MM`); empty for an all-day event.
    pub start_time: Option<String>,
    /// End time (`HH:MM`).
    pub end_time: Option<String>,
    /// Place.
    pub place: String,
    /// Organising committee.
    pub organiser: String,
    /// Participants expected.
    pub expected_participants: Option<i64>,
    /// Participants who came.
    pub actual_participants: Option<i64>,
    /// Volunteers.
    pub volunteers: Option<i64>,
    /// Cost in yen.
    pub cost: Option<i64>,
    /// Notes.
    pub notes: String,
    /// The plan action it serves.
    pub action_id: Option<ActionId>,
    /// Partners.
    pub partner_ids: Vec<PartnerId>,
    /// What a participant pays (参加費, yen); none when it is free.
    #[serde(default)]
    pub fee: Option<i64>,
    /// The notice's own words above the facts; empty for the usual greeting.
    #[serde(default)]
    pub notice_text: String,
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

fn day_ja(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}（{}）", calendar::wareki(d), WEEKDAYS_JA[d.weekday().num_days_from_monday() as usize])
}

/// `令和8年7月20日（月）10:00〜12:00` / `Mon 20 July 2026, 10:00–12:00`.
pub fn when_text(starts_on: NaiveDate, ends_on: NaiveDate, start: Option<&str>, end: Option<&str>) -> Text {
    let times = |sep: &str| match (start, end) {
        (Some(s), Some(e)) => format!(" {s}{sep}{e}"),
        (Some(s), None) => format!(" {s}{}", if sep == "〜" { "〜" } else { "" }),
        _ => String::new(),
    };
    let en_day = |d: NaiveDate| d.format("%a %-d %B %Y").to_string();
    if ends_on == starts_on {
        Text::new(format!("{}{}", day_ja(starts_on), times("〜")), format!("{}{}", en_day(starts_on), times("–")))
    } else {
        Text::new(
            format!("{}〜{}{}", day_ja(starts_on), day_ja(ends_on), times("〜")),
            format!("{} – {}{}", en_day(starts_on), en_day(ends_on), times("–")),
        )
    }
}

fn parse_time(field: &str, value: &Option<String>, problems: &mut Vec<FieldProblem>) -> Option<NaiveTime> {
    let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let folded = crate::kana::fold(v).replace('：', ":");
    match NaiveTime::parse_from_str(&folded, "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(FieldProblem {
                field: field.to_owned(),
                message: Text::new("時刻は「10:00」のように入力してください。", "Enter a time like 10:00."),
            });
            None
        }
    }
}

/// The input checked and tidied: trimmed text, times as `HH:MM`, the end date filled in.
fn validated(input: &EventInput) -> Result<(EventInput, NaiveDate)> {
    let mut problems = Vec::new();
    if input.title.trim().is_empty() {
        problems.push(FieldProblem {
            field: "title".to_owned(),
            message: Text::new(
                "行事の名前を入力してください（例：夏祭り）。",
                "Enter the event's title (e.g. Summer festival).",
            ),
        });
    }
    let ends_on = input.ends_on.unwrap_or(input.starts_on);
    if ends_on < input.starts_on {
        problems.push(FieldProblem {
            field: "ends_on".to_owned(),
            message: Text::new(
                "終わりの日は始まりの日と同じか、それより後にしてください。",
                "The last day must not come before the first.",
            ),
        });
    }
    let start = parse_time("start_time", &input.start_time, &mut problems);
    let end = parse_time("end_time", &input.end_time, &mut problems);
    if end.is_some() && start.is_none() && problems.iter().all(|p| p.field != "start_time") {
        problems.push(FieldProblem {
            field: "start_time".to_owned(),
            message: Text::new(
                "終わりの時刻を入れるときは、始まりの時刻も入力してください。",
                "Enter the start time too.",
            ),
        });
    }
    if let (Some(s), Some(e)) = (start, end)
        && ends_on == input.starts_on
        && e < s
    {
        problems.push(FieldProblem {
            field: "end_time".to_owned(),
            message: Text::new(
                "終わりの時刻は始まりの時刻より後にしてください。",
                "The end time must come after the start.",
            ),
        });
    }
    for (field, v) in [
        ("expected_participants", input.expected_participants),
        ("actual_participants", input.actual_participants),
        ("volunteers", input.volunteers),
        ("cost", input.cost),
        ("fee", input.fee),
    ] {
        if v.is_some_and(|n| n < 0) {
            problems.push(FieldProblem {
                field: field.to_owned(),
                message: Text::new("0以上の数を入力してください。", "Enter 0 or more."),
            });
        }
    }
    if input.notice_text.chars().count() > 2000 {
        problems.push(FieldProblem {
            field: "notice_text".to_owned(),
            message: Text::new(
                "お知らせの本文は2000文字以内にしてください。",
                "Keep the notice's text to 2,000 characters.",
            ),
        });
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    let hhmm = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
    let out = EventInput {
        title: input.title.trim().to_owned(),
        category: input.category,
        starts_on: input.starts_on,
        ends_on: Some(ends_on),
        start_time: hhmm(start),
        end_time: hhmm(end),
        place: input.place.trim().to_owned(),
        organiser: input.organiser.trim().to_owned(),
        expected_participants: input.expected_participants,
        actual_participants: input.actual_participants,
        volunteers: input.volunteers,
        cost: input.cost,
        notes: input.notes.trim().to_owned(),
        action_id: input.action_id.clone(),
        partner_ids: input.partner_ids.clone(),
        fee: input.fee.filter(|f| *f > 0),
        notice_text: input.notice_text.trim().to_owned(),
    };
    Ok((out, ends_on))
}

fn one_copy() -> u32 {
    1
}

const COLUMNS: &str = "id, title, category, starts_on, ends_on, start_time, end_time, place, organiser,
     expected_participants, actual_participants, volunteers, cost, notes, action_id";

fn event_row(r: &rusqlite::Row<'_>, start_month: u32) -> rusqlite::Result<Event> {
    let (starts_on, ends_on): (NaiveDate, NaiveDate) = (r.get(3)?, r.get(4)?);
    let (start_time, end_time): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        category: EventCategory::parse(&r.get::<_, String>(2)?),
        starts_on,
        ends_on,
        when_text: when_text(starts_on, ends_on, start_time.as_deref(), end_time.as_deref()),
        start_time,
        end_time,
        place: r.get(7)?,
        organiser: r.get(8)?,
        expected_participants: r.get(9)?,
        actual_participants: r.get(10)?,
        volunteers: r.get(11)?,
        cost: r.get(12)?,
        notes: r.get(13)?,
        action_id: r.get(14)?,
        action_label: None,
        partners: Vec::new(),
        photos: Vec::new(),
        grant_id: r.get(15)?,
        grant_label: None,
        fiscal_year: FiscalYear::of(starts_on, start_month).0,
        notice_issued_on: r.get(16)?,
        fee: r.get(17)?,
        notice_text: r.get(18)?,
        notice_blocks: serde_json::from_str(&r.get::<_, String>(19)?).unwrap_or_default(),
        notice_copies: r.get(20)?,
    })
}

fn complete(conn: &Connection, mut e: Event) -> Result<Event> {
    e.partners = plan::event_partners(conn, e.id.as_str())?;
    e.action_label = match &e.action_id {
        Some(a) => plan::action_label(conn, a)?,
        None => None,
    };
    let mut stmt = conn.prepare(
        "SELECT a.id, a.name, a.mime, a.size, a.sha256 FROM event_photo p JOIN attachment a ON a.id = p.attachment_id
         WHERE p.event_id = ?1 ORDER BY p.sort_order, a.id",
    )?;
    e.photos = stmt.query_map(params![e.id], attachments::row)?.collect::<rusqlite::Result<_>>()?;
    Ok(e)
}

fn query(conn: &Connection, filter: &str, args: impl rusqlite::Params, start_month: u32) -> Result<Vec<Event>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {COLUMNS}, grant_id, notice_issued_on, fee, notice_text, notice_blocks, notice_copies FROM event {filter}"))?;
    let rows: Vec<Event> = stmt.query_map(args, |r| event_row(r, start_month))?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|e| complete(conn, e)).collect()
}

/// The events of a fiscal year, by date.
pub fn list(conn: &Connection, fy: FiscalYear, start_month: u32) -> Result<Vec<Event>> {
    query(
        conn,
        "WHERE starts_on <= ?2 AND ends_on >= ?1 ORDER BY starts_on, start_time, id",
        params![fy.start(start_month), fy.end(start_month)],
        start_month,
    )
}

/// The next `limit` events from `today` on (including one running today).
pub fn upcoming(conn: &Connection, today: NaiveDate, limit: u32, start_month: u32) -> Result<Vec<Event>> {
    query(conn, "WHERE ends_on >= ?1 ORDER BY starts_on, start_time, id LIMIT ?2", params![today, limit], start_month)
}

/// Events whose title, place, organiser or notes contain `folded` (a [`crate::kana::fold`]ed query),
/// the latest first; at most `limit`.
pub fn search(conn: &Connection, folded: &str, limit: usize, start_month: u32) -> Result<Vec<Event>> {
    let mut stmt = conn
        .prepare("SELECT id FROM event WHERE search_text LIKE ?1 ESCAPE '\\' ORDER BY starts_on DESC, id LIMIT ?2")?;
    let ids = stmt
        .query_map(params![crate::kana::like_contains(folded), limit as i64], |r| r.get::<_, EventId>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter().map(|id| get(conn, id, start_month)).collect()
}

/// One event.
pub fn get(conn: &Connection, id: &EventId, start_month: u32) -> Result<Event> {
    let e = conn
        .query_row(
            &format!("SELECT {COLUMNS}, grant_id, notice_issued_on, fee, notice_text, notice_blocks, notice_copies FROM event WHERE id = ?1"),
            params![id],
            |r| event_row(r, start_month),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("その行事は見つかりません。", "That event no longer exists.")))?;
    complete(conn, e)
}

/// What global search matches an event by: title, place, organiser and notes, each folded (as a
/// query is) and joined by U+001F so a match never spans two fields. Migration 0006 filled it the same
/// way for the events that were there before.
const SEARCH_TEXT: &str = "council_fold(title) || char(31) || council_fold(place) || char(31)
    || council_fold(organiser) || char(31) || council_fold(notes)";

fn write_search_text(tx: &Transaction<'_>, id: &EventId) -> Result<()> {
    tx.execute(&format!("UPDATE event SET search_text = {SEARCH_TEXT} WHERE id = ?1"), params![id])?;
    Ok(())
}

/// The notice's own parts: the participant's fee and the notice's words.
fn write_notice(tx: &Transaction<'_>, id: &EventId, input: &EventInput) -> Result<()> {
    tx.execute("UPDATE event SET fee = ?2, notice_text = ?3 WHERE id = ?1", params![id, input.fee, input.notice_text])?;
    Ok(())
}

fn write_partners(tx: &Transaction<'_>, id: &EventId, partners: &[PartnerId]) -> Result<()> {
    tx.execute("DELETE FROM event_partner WHERE event_id = ?1", params![id])?;
    for p in partners {
        tx.execute("INSERT OR IGNORE INTO event_partner (event_id, partner_id) VALUES (?1, ?2)", params![id, p])?;
    }
    Ok(())
}

fn check_action(tx: &Transaction<'_>, action: &Option<ActionId>) -> Result<()> {
    if let Some(a) = action
        && plan::action_label(tx, a)?.is_none()
    {
        return Err(Error::invalid(
            "action_id",
            Text::new(
                "選んだ計画の事業が見つかりません。選び直してください。",
                "The plan action chosen no longer exists; choose again.",
            ),
        ));
    }
    Ok(())
}

/// Adds an event.
pub fn create(w: &Write<'_>, input: &EventInput) -> Result<EventId> {
    let (input, ends_on) = validated(input)?;
    check_action(w, &input.action_id)?;
    let id = EventId::new();
    w.execute(
        &format!(
            "INSERT INTO event ({COLUMNS}, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)"
        ),
        params![
            id,
            input.title,
            input.category.as_str(),
            input.starts_on,
            ends_on,
            input.start_time,
            input.end_time,
            input.place,
            input.organiser,
            input.expected_participants,
            input.actual_participants,
            input.volunteers,
            input.cost,
            input.notes,
            input.action_id,
            w.now()
        ],
    )?;
    write_search_text(w, &id)?;
    write_notice(w, &id, &input)?;
    write_partners(w, &id, &input.partner_ids)?;
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Create,
        summary: format!("行事「{}」（{}）を追加", input.title, calendar::wareki(input.starts_on)),
        before: None,
        after: serde_json::to_value(&input).ok(),
    })?;
    Ok(id)
}

/// Changes an event.
pub fn update(w: &Write<'_>, id: &EventId, input: &EventInput) -> Result<()> {
    let (input, ends_on) = validated(input)?;
    let before = get(w, id, 4)?;
    check_action(w, &input.action_id)?;
    w.execute(
        "UPDATE event SET title = ?2, category = ?3, starts_on = ?4, ends_on = ?5, start_time = ?6, end_time = ?7,
                place = ?8, organiser = ?9, expected_participants = ?10, actual_participants = ?11, volunteers = ?12,
                cost = ?13, notes = ?14, action_id = ?15, updated_at = ?16 WHERE id = ?1",
        params![
            id,
            input.title,
            input.category.as_str(),
            input.starts_on,
            ends_on,
            input.start_time,
            input.end_time,
            input.place,
            input.organiser,
            input.expected_participants,
            input.actual_participants,
            input.volunteers,
            input.cost,
            input.notes,
            input.action_id,
            w.now()
        ],
    )?;
    write_search_text(w, id)?;
    write_notice(w, id, &input)?;
    write_partners(w, id, &input.partner_ids)?;
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("行事「{}」を変更", input.title),
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&input).ok(),
    })
}

/// Deletes an event (its photos stay in the data folder; its last state stays in the history). An
/// event a grant pays for is deleted through [`crate::grants::application::delete_event`], which
/// keeps a settled grant's events.
pub fn delete(w: &Write<'_>, id: &EventId) -> Result<()> {
    let before = get(w, id, 4)?;
    w.execute("DELETE FROM event WHERE id = ?1", params![id])?;
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Delete,
        summary: format!("行事「{}」を削除", before.title),
        before: serde_json::to_value(&before).ok(),
        after: None,
    })
}

/// Stores a photo in the data folder's `attachments/` and adds it to the event.
pub fn add_photo(w: &Write<'_>, attachments_dir: &Path, id: &EventId, name: &str, bytes: &[u8]) -> Result<Attachment> {
    let event = get(w, id, 4)?;
    let att = attachments::store_image(w, attachments_dir, name, bytes)?;
    w.execute(
        "INSERT INTO event_photo (event_id, attachment_id, sort_order)
         VALUES (?1, ?2, (SELECT count(*) FROM event_photo WHERE event_id = ?1))",
        params![id, att.id],
    )?;
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("行事「{}」に写真「{}」を追加", event.title, att.name),
        before: None,
        after: serde_json::to_value(&att).ok(),
    })?;
    Ok(att)
}

/// Takes a photo off an event (the file stays in the data folder and in backups).
pub fn remove_photo(w: &Write<'_>, id: &EventId, photo: &AttachmentId) -> Result<()> {
    let event = get(w, id, 4)?;
    let n = w.execute("DELETE FROM event_photo WHERE event_id = ?1 AND attachment_id = ?2", params![id, photo])?;
    if n == 0 {
        return Err(Error::NotFound(Text::new("その写真は見つかりません。", "That photo is no longer there.")));
    }
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("行事「{}」の写真を外す", event.title),
        before: Some(serde_json::json!({ "photo": photo })),
        after: None,
    })
}

// ---------------------------------------------------------------------------------------------
// The notice for circulation (回覧) and its check-off sheet (回覧確認表)

/// One household on the check-off sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CirculationRow {
    /// The head's name.
    pub head_name: String,
    /// The address.
    pub address: String,
}

/// One block's check-off sheet: its households in roster order, each with a box to tick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CirculationBlock {
    /// The block's name.
    pub name: String,
    /// The block leader's name for the year, if recorded.
    pub leader: Option<String>,
    /// Its member households on this set's part of the route, in the order the circular travels.
    pub households: Vec<CirculationRow>,
    /// Which set of the block this is (1, 2 …), when the block's route is split in several.
    pub part: u32,
    /// How many sets circulate in the block.
    pub parts: u32,
}

/// The data of the printed event notice (お知らせ) with the 回覧確認表 of every block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventNotice {
    /// The council's name.
    pub council_name: String,
    /// Who issues it (会長 山田 太郎).
    pub issuer: String,
    /// The date of issue in 和暦.
    pub issued_on: String,
    /// The event.
    pub event: Event,
    /// Its category as the notice names it.
    pub category_ja: String,
    /// One check-off sheet per set, block by block in the council's order (the blocks chosen).
    pub blocks: Vec<CirculationBlock>,
}

/// The notice for `event`, issued `today`, with each block's households as members on that day.
pub fn notice(conn: &Connection, id: &EventId, today: NaiveDate, start_month: u32) -> Result<EventNotice> {
    let council = crate::council::require(conn)?;
    let event = get(conn, id, start_month)?;
    let fy = FiscalYear::of(today, start_month);
    let leaders: std::collections::HashMap<Option<crate::members::BlockId>, String> =
        crate::officers::list(conn, fy.start(start_month), fy.end(start_month))?
            .into_iter()
            .filter(|t| t.role == crate::officers::OfficerRole::BlockLeader)
            .map(|t| (t.block_id, t.person_name))
            .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT coalesce((SELECT name FROM person WHERE household_id = h.id AND is_head = 1), ''), h.address
         FROM household h WHERE h.block_id IS ?1 AND h.joined_on <= ?2 AND (h.left_on IS NULL OR h.left_on > ?2)
         ORDER BY {}",
        crate::members::ROUTE_ORDER
    ))?;
    let parts = event.notice_copies.clamp(1, MAX_COPIES);
    let mut blocks = Vec::new();
    for b in crate::members::blocks(conn)? {
        if !event.notice_blocks.is_empty() && !event.notice_blocks.contains(&b.id) {
            continue;
        }
        let households: Vec<CirculationRow> = stmt
            .query_map(params![b.id, today], |r| Ok(CirculationRow { head_name: r.get(0)?, address: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        // The route in `parts` runs of (nearly) equal length, the longer ones first.
        let n = households.len();
        let parts_here = (parts as usize).min(n.max(1));
        let mut rest = households.into_iter();
        for part in 0..parts_here {
            let take = n / parts_here + usize::from(part < n % parts_here);
            let households: Vec<CirculationRow> = rest.by_ref().take(take).collect();
            if households.is_empty() {
                continue;
            }
            blocks.push(CirculationBlock {
                name: b.name.clone(),
                leader: leaders.get(&Some(b.id.clone())).cloned(),
                households,
                part: part as u32 + 1,
                parts: parts_here as u32,
            });
        }
    }
    Ok(EventNotice {
        issuer: format!("{} {}", council.representative_title, council.representative_name).trim().to_owned(),
        council_name: council.name,
        issued_on: calendar::wareki(event.notice_issued_on.unwrap_or(today)),
        category_ja: event.category.label_ja().to_owned(),
        event,
        blocks,
    })
}

/// The most sets of a notice circulating in one block.
pub const MAX_COPIES: u32 = 5;

/// Chooses where an event's notice circulates: the blocks (none: every block) and the sets per block
/// (1 to 5; a long route is split into that many parts, each with its own 回覧確認表).
pub fn set_circulation(w: &Write<'_>, id: &EventId, blocks: &[crate::ids::BlockId], copies: u32) -> Result<()> {
    if !(1..=MAX_COPIES).contains(&copies) {
        return Err(Error::invalid(
            "copies",
            Text::new(
                format!("部数は1から{MAX_COPIES}までで選んでください。"),
                format!("Choose 1 to {MAX_COPIES} sets."),
            ),
        ));
    }
    let known: Vec<crate::members::Block> = crate::members::blocks(w)?;
    if blocks.iter().any(|b| known.iter().all(|k| &k.id != b)) {
        return Err(Error::Conflict(Text::new(
            "選んだ班の一つが見つかりません。画面を開き直してください。",
            "One of the blocks chosen no longer exists; reopen the screen.",
        )));
    }
    let title: Option<String> =
        w.query_row("SELECT title FROM event WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(title) = title else {
        return Err(Error::NotFound(Text::new("その行事は見つかりません。", "That event no longer exists.")));
    };
    // Kept in the council's block order, so the same choice is always stored the same way.
    let chosen: Vec<&crate::ids::BlockId> = known.iter().map(|k| &k.id).filter(|k| blocks.contains(k)).collect();
    w.execute(
        "UPDATE event SET notice_blocks = ?2, notice_copies = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into()), copies, w.now()],
    )?;
    let names: Vec<&str> = known.iter().filter(|k| chosen.contains(&&k.id)).map(|k| k.name.as_str()).collect();
    let where_ = if names.is_empty() { "全班".to_owned() } else { names.join("、") };
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("「{title}」の回覧先を{where_}（各{copies}部）に変更"),
        before: None,
        after: None,
    })
}

/// Keeps today as the day the event's notice went out, unless a day is kept already (it is printed
/// or saved for the first time); the day kept either way.
pub fn mark_notice_issued(w: &Write<'_>, id: &EventId) -> Result<NaiveDate> {
    let kept: Option<Option<NaiveDate>> =
        w.query_row("SELECT notice_issued_on FROM event WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(kept) = kept else {
        return Err(Error::NotFound(Text::new("その行事は見つかりません。", "That event no longer exists.")));
    };
    if let Some(day) = kept {
        return Ok(day);
    }
    set_notice_issued(w, id, Some(w.today()))?;
    Ok(w.today())
}

/// Changes the day the event's notice went out, or clears it (the next printing keeps its own day).
pub fn set_notice_issued(w: &Write<'_>, id: &EventId, on: Option<NaiveDate>) -> Result<()> {
    let title: Option<String> =
        w.query_row("SELECT title FROM event WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
    let Some(title) = title else {
        return Err(Error::NotFound(Text::new("その行事は見つかりません。", "That event no longer exists.")));
    };
    w.execute("UPDATE event SET notice_issued_on = ?2 WHERE id = ?1", params![id, on])?;
    let day = on.map_or_else(|| "未定".to_owned(), calendar::wareki);
    w.record(Change {
        entity: "event",
        entity_id: id.as_str(),
        action: AuditAction::Update,
        summary: format!("行事「{title}」のお知らせの発出日を{day}として記録"),
        before: None,
        after: None,
    })
}

/// Brings back the event deleted at history entry `seq`, with the same ID, its partners and photos
/// (those still registered), and the plan action it served (if the action still exists).
pub fn restore(w: &Write<'_>, seq: i64) -> Result<EventId> {
    let e: Event = serde_json::from_value(audit::deleted_state(w, seq, "event")?).map_err(|err| {
        Error::NotFound(Text::new(
            format!("削除の記録を読めません（{err}）。"),
            format!("The deletion record cannot be read ({err})."),
        ))
    })?;
    let exists: bool = w.query_row("SELECT count(*) FROM event WHERE id = ?1", params![e.id], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(Text::new(
            "この行事はすでに元に戻されています。",
            "This event has already been brought back.",
        )));
    }
    let action = match &e.action_id {
        Some(a) if plan::action_label(w, a)?.is_some() => Some(a.clone()),
        _ => None,
    };
    w.execute(
        "INSERT INTO event (id, title, category, starts_on, ends_on, start_time, end_time, place, organiser,
                            expected_participants, actual_participants, volunteers, cost, notes, action_id,
                            grant_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                 (SELECT id FROM grant_application WHERE id = ?17), ?16, ?16)",
        params![
            e.id,
            e.title,
            e.category.as_str(),
            e.starts_on,
            e.ends_on,
            e.start_time,
            e.end_time,
            e.place,
            e.organiser,
            e.expected_participants,
            e.actual_participants,
            e.volunteers,
            e.cost,
            e.notes,
            action,
            w.now(),
            e.grant_id
        ],
    )?;
    write_search_text(w, &e.id)?;
    w.execute(
        "UPDATE event SET fee = ?2, notice_text = ?3, notice_issued_on = ?4, notice_blocks = ?5, notice_copies = ?6
         WHERE id = ?1",
        params![
            e.id,
            e.fee,
            e.notice_text,
            e.notice_issued_on,
            serde_json::to_string(&e.notice_blocks).unwrap_or_else(|_| "[]".into()),
            e.notice_copies.clamp(1, MAX_COPIES)
        ],
    )?;
    for p in &e.partners {
        w.execute(
            "INSERT INTO event_partner (event_id, partner_id) SELECT ?1, id FROM partner WHERE id = ?2",
            params![e.id, p.id],
        )?;
    }
    for (n, photo) in e.photos.iter().enumerate() {
        w.execute(
            "INSERT INTO event_photo (event_id, attachment_id, sort_order) SELECT ?1, id, ?3 FROM attachment WHERE id = ?2",
            params![e.id, photo.id, n as i64],
        )?;
    }
    w.record(Change {
        entity: "event",
        entity_id: e.id.as_str(),
        action: AuditAction::Restore,
        summary: format!("削除した行事「{}」を元に戻す", e.title),
        before: None,
        after: serde_json::to_value(&e).ok(),
    })?;
    Ok(e.id)
}

/// This aggregate's tables as every table of the council is exported (open data), beside the SQL
/// that maps their rows: each column with its key and its Japanese header.
pub const EXPORT: &[TableExport] = &[
    TableExport {
        key: "events",
        source: "event",
        label_ja: "行事",
        label_en: "Events",
        sql: "SELECT id, title, category, starts_on, ends_on, start_time, end_time, place, organiser,
                     expected_participants, actual_participants, volunteers, cost, fee, notice_text, notes,
                     action_id, grant_id, notice_issued_on, created_at, updated_at FROM event ORDER BY starts_on, id",
        columns: &[
            col("id", "ID", Str),
            col("title", "行事名", Str),
            col("category", "種類", Str),
            col("starts_on", "開始日", Date),
            col("ends_on", "終了日", Date),
            col("start_time", "開始時刻", Str),
            col("end_time", "終了時刻", Str),
            col("place", "場所", Str),
            col("organiser", "主催", Str),
            col("expected_participants", "参加予定数", Integer),
            col("actual_participants", "参加者数", Integer),
            col("volunteers", "ボランティア数", Integer),
            col("cost", "経費（円）", Integer),
            col("fee", "参加費（円）", Integer),
            col("notice_text", "お知らせの本文", Str),
            col("notes", "備考", Str),
            col("action_id", "計画の事業ID", Str),
            col("grant_id", "助成金ID", Str),
            col("notice_issued_on", "お知らせの発出日", Date),
            col("created_at", "作成日時", Str),
            col("updated_at", "更新日時", Str),
        ],
    },
    TableExport {
        key: "event_partners",
        source: "event_partner",
        label_ja: "行事の連携団体",
        label_en: "Event partners",
        sql: "SELECT x.event_id, x.partner_id, p.name FROM event_partner x JOIN partner p ON p.id = x.partner_id
              ORDER BY x.event_id, p.name",
        columns: &[
            col("event_id", "行事ID", Str),
            col("partner_id", "連携団体ID", Str),
            col("partner_name", "連携団体", Str),
        ],
    },
    TableExport {
        key: "event_photos",
        source: "event_photo",
        label_ja: "行事の写真",
        label_en: "Event photos",
        sql: "SELECT event_id, attachment_id, sort_order FROM event_photo ORDER BY event_id, sort_order",
        columns: &[
            col("event_id", "行事ID", Str),
            col("attachment_id", "添付ファイルID", Str),
            col("sort_order", "並び順", Integer),
        ],
    },
];
