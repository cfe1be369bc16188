//! The minutes (議事録) of a meeting and their lifecycle: draft → circulated for correction → approved
//! → signed. They start from the meeting's agenda and attendance (nothing is typed twice): what is
//! written here is the chair, the recorder, the two signatories (議事録署名人) and the discussion of
//! each agenda item, all stored as plain text (the window shows it as text, never as markup).
//!
//! Signing keeps the document exactly as signed and locks the minutes and the meeting; a later
//! correction is an amendment (訂正) linked to the signed minutes, with its own lifecycle and history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::papers::MinutesDoc;
use super::{AgendaItemId, MeetingId, MinutesStatus};
use crate::Write;
use crate::audit::{AuditAction, Change};
use crate::calendar;
use crate::error::{Error, FieldProblem, Result};
use crate::id_type;
use crate::text::Text;

id_type!(
    /// One set of minutes (or an amendment of signed minutes).
    MinutesId
);

/// The discussion of one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesItem {
    /// The agenda line.
    pub agenda_item_id: AgendaItemId,
    /// What was said and decided, as plain text.
    pub discussion: String,
}

/// Minutes as the editor shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Minutes {
    /// ID.
    pub id: MinutesId,
    /// The meeting.
    pub meeting_id: MeetingId,
    /// For an amendment: the signed minutes it corrects.
    pub amends_id: Option<MinutesId>,
    /// The amendment of these minutes, once made.
    pub amended_by: Option<MinutesId>,
    /// Stage.
    pub status: MinutesStatus,
    /// 議長.
    pub chair: String,
    /// 書記 (who wrote them).
    pub recorder: String,
    /// First 議事録署名人.
    pub signatory1: String,
    /// Second 議事録署名人.
    pub signatory2: String,
    /// Opening remarks (開会).
    pub opening: String,
    /// Closing remarks (閉会).
    pub closing: String,
    /// For an amendment: what is corrected and why.
    pub correction: String,
    /// The discussion per agenda item, in agenda order.
    pub items: Vec<MinutesItem>,
    /// When circulated.
    #[ts(type = "string | null")]
    pub circulated_on: Option<NaiveDate>,
    /// When approved.
    #[ts(type = "string | null")]
    pub approved_on: Option<NaiveDate>,
    /// When signed.
    #[ts(type = "string | null")]
    pub signed_on: Option<NaiveDate>,
    /// True once signed: every edit is refused.
    pub locked: bool,
}

/// What the minutes editor saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesInput {
    /// 議長.
    pub chair: String,
    /// 書記.
    pub recorder: String,
    /// First signatory.
    pub signatory1: String,
    /// Second signatory.
    pub signatory2: String,
    /// Opening remarks.
    pub opening: String,
    /// Closing remarks.
    pub closing: String,
    /// For an amendment: what is corrected and why.
    pub correction: String,
    /// Discussion per agenda item (items not named keep theirs).
    pub items: Vec<MinutesItem>,
}

fn not_found() -> Error {
    Error::NotFound(Text::new(
        "その議事録は見つかりません。会議から開き直してください。",
        "Those minutes no longer exist.",
    ))
}

fn locked() -> Error {
    Error::Locked(Text::new(
        "署名済みの議事録は変更できません。訂正が必要なときは「訂正を作成」で訂正記録を作ってください。",
        "Signed minutes cannot be changed. To correct them, use “Create an amendment”.",
    ))
}

/// Reads minutes.
pub fn get(conn: &Connection, id: &MinutesId) -> Result<Minutes> {
    let mut m = conn
        .query_row(
            "SELECT id, meeting_id, amends_id, status, chair, recorder, signatory1, signatory2, opening, closing,
                    correction, circulated_on, approved_on, signed_on,
                    (SELECT a.id FROM minutes a WHERE a.amends_id = minutes.id)
             FROM minutes WHERE id = ?1",
            params![id],
            |r| {
                let status = MinutesStatus::parse(&r.get::<_, String>(3)?);
                Ok(Minutes {
                    id: r.get(0)?,
                    meeting_id: r.get(1)?,
                    amends_id: r.get(2)?,
                    status,
                    chair: r.get(4)?,
                    recorder: r.get(5)?,
                    signatory1: r.get(6)?,
                    signatory2: r.get(7)?,
                    opening: r.get(8)?,
                    closing: r.get(9)?,
                    correction: r.get(10)?,
                    circulated_on: r.get(11)?,
                    approved_on: r.get(12)?,
                    signed_on: r.get(13)?,
                    amended_by: r.get(14)?,
                    items: Vec::new(),
                    locked: status == MinutesStatus::Signed,
                })
            },
        )
        .optional()?
        .ok_or_else(not_found)?;
    // One line per agenda item in agenda order, whether or not anything has been written for it yet.
    let mut stmt = conn.prepare(
        "SELECT a.id, coalesce(i.discussion, '') FROM agenda_item a
         LEFT JOIN minutes_item i ON i.agenda_item_id = a.id AND i.minutes_id = ?2
         WHERE a.meeting_id = ?1 ORDER BY a.position, a.id",
    )?;
    m.items = stmt
        .query_map(params![m.meeting_id, m.id], |r| {
            Ok(MinutesItem { agenda_item_id: r.get(0)?, discussion: r.get(1)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(m)
}

fn record(
    w: &Write<'_>,
    id: &MinutesId,
    action: AuditAction,
    summary: String,
    after: Option<serde_json::Value>,
) -> Result<()> {
    w.record(Change { entity: "minutes", entity_id: id.as_str(), action, summary, before: None, after })
}

/// Starts the minutes of a meeting (once): the chair comes from the meeting, one line per agenda item.
pub fn start(w: &Write<'_>, meeting: &MeetingId) -> Result<MinutesId> {
    let chair: String = w
        .query_row("SELECT chair FROM meeting WHERE id = ?1", params![meeting], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("その会議は見つかりません。", "That meeting no longer exists.")))?;
    let existing: Option<MinutesId> = w
        .query_row("SELECT id FROM minutes WHERE meeting_id = ?1 AND amends_id IS NULL", params![meeting], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id); // already started: open them rather than make a second set
    }
    let id = MinutesId::new();
    w.execute(
        "INSERT INTO minutes (id, meeting_id, chair, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, meeting, chair, w.now()],
    )?;
    record(w, &id, AuditAction::Create, "議事録の下書きを作成".to_owned(), None)?;
    Ok(id)
}

/// Saves the editor's content. Signed minutes refuse with [`Error::Locked`]; approved minutes must be
/// signed as approved (a change after approval would need approving again).
pub fn update(w: &Write<'_>, id: &MinutesId, input: &MinutesInput) -> Result<()> {
    let before = get(w, id)?;
    match before.status {
        MinutesStatus::Signed => return Err(locked()),
        MinutesStatus::Approved => {
            return Err(Error::Conflict(Text::new(
                "承認済みの議事録は、承認された内容のまま署名します。直すには署名後に訂正を作成してください。",
                "Approved minutes are signed as approved. To change them, sign them and create an amendment.",
            )));
        }
        MinutesStatus::Draft | MinutesStatus::Circulated => {}
    }
    let text_limit = |field: &str, text: &str, max: usize| -> Option<FieldProblem> {
        (text.chars().count() > max).then(|| FieldProblem {
            field: field.to_owned(),
            message: Text::new(format!("{max}文字以内にしてください。"), format!("Keep it to {max} characters.")),
        })
    };
    let mut problems: Vec<FieldProblem> = [
        text_limit("chair", &input.chair, 50),
        text_limit("recorder", &input.recorder, 50),
        text_limit("signatory1", &input.signatory1, 50),
        text_limit("signatory2", &input.signatory2, 50),
        text_limit("opening", &input.opening, 10_000),
        text_limit("closing", &input.closing, 10_000),
        text_limit("correction", &input.correction, 10_000),
    ]
    .into_iter()
    .flatten()
    .collect();
    for item in &input.items {
        if !before.items.iter().any(|i| i.agenda_item_id == item.agenda_item_id) {
            return Err(Error::Conflict(Text::new(
                "次第が変わっています。議事録を開き直してください。",
                "The agenda has changed; reopen the minutes.",
            )));
        }
        problems.extend(text_limit(&format!("discussion-{}", item.agenda_item_id), &item.discussion, 20_000));
    }
    if !problems.is_empty() {
        return Err(Error::fields(problems));
    }
    w.execute(
        "UPDATE minutes SET chair = ?2, recorder = ?3, signatory1 = ?4, signatory2 = ?5, opening = ?6, closing = ?7,
                correction = ?8, updated_at = ?9 WHERE id = ?1",
        params![
            id,
            input.chair.trim(),
            input.recorder.trim(),
            input.signatory1.trim(),
            input.signatory2.trim(),
            input.opening,
            input.closing,
            input.correction,
            w.now()
        ],
    )?;
    for item in &input.items {
        w.execute(
            "INSERT INTO minutes_item (minutes_id, agenda_item_id, discussion, search_text)
             VALUES (?1, ?2, ?3, council_fold(?3))
             ON CONFLICT (minutes_id, agenda_item_id)
             DO UPDATE SET discussion = excluded.discussion, search_text = excluded.search_text",
            params![id, item.agenda_item_id, item.discussion],
        )?;
    }
    record(w, id, AuditAction::Update, "議事録を編集".to_owned(), serde_json::to_value(input).ok())
}

/// Moves the minutes one step on, dated `on`: draft → circulated → approved → signed, in that order only. Signing
/// needs the chair and both signatories named, keeps the document exactly as signed, and locks it.
pub fn advance(
    w: &Write<'_>,
    id: &MinutesId,
    to: MinutesStatus,
    doc: impl FnOnce(&Transaction<'_>) -> Result<MinutesDoc>,
    on: NaiveDate,
) -> Result<()> {
    let m = get(w, id)?;
    if m.status == MinutesStatus::Signed {
        return Err(locked());
    }
    let next = match m.status {
        MinutesStatus::Draft => MinutesStatus::Circulated,
        MinutesStatus::Circulated => MinutesStatus::Approved,
        MinutesStatus::Approved | MinutesStatus::Signed => MinutesStatus::Signed,
    };
    if to != next {
        return Err(Error::Conflict(Text::new(
            format!("議事録は「{}」の次に「{}」へ進めます。", m.status.label_ja(), next.label_ja()),
            format!("Minutes that are {:?} move on to {:?} next.", m.status, next),
        )));
    }
    let column = match to {
        MinutesStatus::Circulated => "circulated_on",
        MinutesStatus::Approved => "approved_on",
        MinutesStatus::Signed | MinutesStatus::Draft => "signed_on",
    };
    if to == MinutesStatus::Signed {
        let mut problems = Vec::new();
        for (field, value, ja, en) in [
            ("chair", &m.chair, "議長の名前を入力してから署名してください。", "Name the chair before signing."),
            (
                "signatory1",
                &m.signatory1,
                "議事録署名人（1人目）を入力してください。",
                "Name the first minutes signatory.",
            ),
            (
                "signatory2",
                &m.signatory2,
                "議事録署名人（2人目）を入力してください。",
                "Name the second minutes signatory.",
            ),
        ] {
            if value.trim().is_empty() {
                problems.push(FieldProblem { field: field.to_owned(), message: Text::new(ja, en) });
            }
        }
        if !problems.is_empty() {
            return Err(Error::fields(problems));
        }
    }
    // The document as signed is kept verbatim in the same write that signs it: printing signed minutes
    // prints exactly this, whatever changes around it later.
    let signed_json = if to == MinutesStatus::Signed {
        let mut signed = doc(w)?;
        MinutesStatus::Signed.label_ja().clone_into(&mut signed.status);
        Some(serde_json::to_string(&signed).map_err(|e| {
            Error::Conflict(Text::new(
                format!("議事録を保存できません（{e}）。"),
                format!("The minutes cannot be kept ({e})."),
            ))
        })?)
    } else {
        None
    };
    w.execute(
        &format!("UPDATE minutes SET status = ?2, {column} = ?3, signed_json = ?4, updated_at = ?5 WHERE id = ?1"),
        params![id, to.as_str(), on, signed_json, w.now()],
    )?;
    record(w, id, AuditAction::Update, format!("議事録を「{}」に（{}）", to.label_ja(), calendar::wareki(on)), None)
}

/// The document as signed, for signed minutes.
pub fn signed_doc(conn: &Connection, id: &MinutesId) -> Result<Option<MinutesDoc>> {
    let json: Option<String> = conn
        .query_row("SELECT signed_json FROM minutes WHERE id = ?1", params![id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Creates the amendment of signed minutes: a new draft linked to them, starting from their content.
pub fn amend(w: &Write<'_>, id: &MinutesId) -> Result<MinutesId> {
    let m = get(w, id)?;
    if m.status != MinutesStatus::Signed {
        return Err(Error::Conflict(Text::new(
            "訂正は署名済みの議事録に対して作成します。署名前の議事録はそのまま直してください。",
            "Amendments are for signed minutes; minutes not yet signed can be edited directly.",
        )));
    }
    if let Some(existing) = m.amended_by {
        return Ok(existing); // one amendment per signed minutes; a further one amends the amendment
    }
    let new = MinutesId::new();
    w.execute(
        "INSERT INTO minutes (id, meeting_id, amends_id, chair, recorder, signatory1, signatory2, opening, closing,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![new, m.meeting_id, id, m.chair, m.recorder, m.signatory1, m.signatory2, m.opening, m.closing, w.now()],
    )?;
    for item in &m.items {
        w.execute(
            "INSERT INTO minutes_item (minutes_id, agenda_item_id, discussion, search_text)
             VALUES (?1, ?2, ?3, council_fold(?3))",
            params![new, item.agenda_item_id, item.discussion],
        )?;
    }
    record(w, &new, AuditAction::Create, format!("署名済み議事録（{id}）の訂正を作成"), None)?;
    Ok(new)
}
