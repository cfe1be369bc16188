//! Council Desk's documents: every paper the council prints, as an A4 PDF typeset in-process by
//! typst with the bundled BIZ UD fonts, from templates under `assets/templates/`.
//!
//! [`produce`] gathers a document's facts in one read of the [`Session`] (one consistent snapshot),
//! formats them (和暦, yen), and typesets the document's template after the read has returned, so no
//! connection is held while typst works; the caller saves the PDF ([`Typeset::pdf`]) or shows its
//! pages ([`preview`]). The catalogue of documents is [`catalogue`], so the window, the
//! `council render` command and the tests share one list.
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use council_domain::calendar::wareki;
use council_domain::{Read, Session, council, settings};
use serde::Serialize;

mod accounts;
pub mod catalogue;
mod embed;
pub mod error;
mod events;
mod grants;
mod meetings;
mod members;
mod plan;
pub mod report;
pub mod typeset;

pub use catalogue::{DocumentInfo, DocumentKind, DocumentPreview, DocumentRequest, PrintedDocument, RecordNeed};
pub use error::{Error, Result};
pub use grants::working_budget;
pub use typeset::{Typeset, Typesetter};

/// The council's heading on every document.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// The council's name (さくら台自治会).
    pub council: String,
    /// Its representative's title (会長).
    pub representative_title: String,
    /// Its representative's name.
    pub representative_name: String,
    /// Its address.
    pub address: String,
    /// The day the document was made, in 和暦 (令和8年11月23日).
    pub printed_on: String,
    /// The fiscal year the document covers (令和8年度).
    pub fiscal_year: String,
    /// The document's title.
    pub title: String,
    /// What stands beside a signatory's name (`none`, `signature`, `seal`): the council's setting.
    pub seal: &'static str,
    /// The contact person the city calls (担当者).
    pub contact: Contact,
}

/// The contact person on the papers for the city.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// Name; empty leaves a line to fill in.
    pub name: String,
    /// Phone; empty leaves a line to fill in.
    pub phone: String,
}

/// Everything a document is made from, read in one snapshot: typesetting needs nothing else.
struct Facts {
    /// The template's file name (`roster.typ`).
    template: &'static str,
    /// The PDF's title: the council's name and the document's.
    title: String,
    /// What the template reads as `/data.json`.
    data: serde_json::Value,
    /// Attached files the template embeds (`/files/…`).
    files: typeset::Files,
    /// The council's own template folder, when the settings name one.
    template_dir: Option<PathBuf>,
    /// The day the document is made.
    today: NaiveDate,
    /// True to impose the pages for saddle-stitch printing (two A4 pages to an A3 sheet).
    booklet: bool,
}

/// Gathers the facts of the document `request` asks for, inside the read `r`.
fn gather(r: &Read<'_>, request: &DocumentRequest) -> Result<Facts> {
    request.check()?;
    let council = council::require(r)?;
    let today = r.today();
    let (fy, _) = council::fiscal_year_or_current(r, request.fiscal_year, today)?;
    let fiscal_year = fy.0;
    let fy_label = fy.label_ja();
    let title = request.document.info().title.ja;
    let forms = council_domain::forms::get(r)?;
    let header = Header {
        council: council.name.clone(),
        representative_title: council.representative_title.clone(),
        representative_name: council.representative_name.clone(),
        address: council.address.clone(),
        printed_on: wareki(today),
        fiscal_year: fy_label.clone(),
        title: title.clone(),
        seal: forms.seal.as_str(),
        contact: Contact { name: forms.contact_name.clone(), phone: forms.contact_phone.clone() },
    };
    let record = request.record.as_deref().filter(|r| !r.trim().is_empty());
    let mail = members::Mail { forms: &forms, city: &council.city };
    let year = Some(fiscal_year);
    let mut files = typeset::Files::new();
    let (template, data) = match request.document {
        DocumentKind::Roster => ("roster.typ", members::roster(r, &header)?),
        DocumentKind::Officers => ("officers.typ", members::officers(r, &header, year)?),
        DocumentKind::Counts => ("counts.typ", members::counts(r, &header, year, request.as_of, today)?),
        DocumentKind::HouseholdReport => (
            "household-report.typ",
            members::household_report(r, &header, &council.city, request.as_of.unwrap_or(today))?,
        ),
        DocumentKind::RepresentativeChange => (
            "representative-change.typ",
            members::representative_change(r, &header, &council.city, request.as_of.unwrap_or(today))?,
        ),
        DocumentKind::Collection => ("collection.typ", members::collection(r, &header, year, record)?),
        DocumentKind::Labels12 => ("labels.typ", members::labels(r, &header, &mail, record, 12)?),
        DocumentKind::Labels24 => ("labels.typ", members::labels(r, &header, &mail, record, 24)?),
        DocumentKind::Envelopes => ("envelope.typ", members::labels(r, &header, &mail, record, 1)?),
        DocumentKind::Receipt => {
            let household = record.unwrap_or_default();
            let per_page = forms.receipts_per_page.count();
            ("receipt.typ", members::receipt(r, &header, household, fiscal_year, &fy_label, per_page)?)
        }
        DocumentKind::Receipts => {
            let per_page = forms.receipts_per_page.count();
            ("receipt.typ", members::receipts(r, &header, record, fiscal_year, &fy_label, per_page)?)
        }
        DocumentKind::EventNotice => ("event-notice.typ", events::notice(r, &header, record.unwrap_or_default())?),
        DocumentKind::EntryForm => ("entry-form.typ", events::entry_form(r, &header, record.unwrap_or_default())?),
        DocumentKind::JoinForm => ("join-form.typ", members::member_form(r, &header, record)?),
        DocumentKind::LeaveForm => ("leave-form.typ", members::member_form(r, &header, record)?),
        DocumentKind::PlanReview => ("plan-review.typ", plan::review(r, &header, record, fiscal_year)?),
        DocumentKind::ActivityReport => ("activity-report.typ", report::report_data(r, &header, fiscal_year)?),
        DocumentKind::AccountBudget => ("account-budget.typ", accounts::budget_data(r, &header, record, fiscal_year)?),
        DocumentKind::AccountSettlement => {
            ("account-settlement.typ", accounts::settlement_data(r, &header, record, fiscal_year)?)
        }
        DocumentKind::Cashbook => {
            ("cashbook.typ", accounts::cashbook_data(r, &header, record, fiscal_year, request.month)?)
        }
        DocumentKind::AuditReport => {
            ("audit-report.typ", accounts::audit_report_data(r, &header, record, fiscal_year)?)
        }
        DocumentKind::Inventory => ("inventory.typ", accounts::inventory_data(r, &header, fiscal_year)?),
        DocumentKind::AccountReport => {
            ("account-report.typ", accounts::account_report_data(r, &header, record, fiscal_year)?)
        }
        kind => match (grants::template(kind), meetings::template(kind)) {
            (Some((template, _)), _) => {
                let of = grants::Council {
                    city: &council.city,
                    start_month: council.fiscal_year_start_month,
                    today,
                    bank: &forms.bank,
                };
                (template, grants::data(r, &header, &of, kind, record.unwrap_or_default(), &mut files)?)
            }
            (None, Some((template, paper))) => {
                (template, meetings::data(r, &header, paper, record.unwrap_or_default(), &mut files)?)
            }
            (None, None) => return Err(unknown(kind)),
        },
    };
    let dir = settings::load(r)?.template_dir;
    Ok(Facts {
        template,
        title: format!("{} {title}", council.name),
        data,
        files,
        template_dir: (!dir.is_empty()).then(|| PathBuf::from(dir)),
        today,
        booklet: request.document == DocumentKind::BoardPackBooklet,
    })
}

/// Typesets gathered facts; no connection is held. A booklet is the document typeset as it is, then
/// its pages imposed two to an A3 sheet in saddle-stitch order (`booklet.typ`).
fn typeset_facts(facts: Facts) -> Result<Typeset> {
    let typesetter = Typesetter::new(facts.template_dir.as_deref());
    let document = typesetter.typeset_with(facts.template, &facts.title, &facts.data, facts.files, facts.today)?;
    if !facts.booklet {
        return Ok(document);
    }
    let files = typeset::Files::from([("booklet.pdf".to_owned(), document.pdf()?)]);
    let data = serde_json::json!({ "pages": document.page_count(), "title": facts.title });
    typesetter.typeset_with("booklet.typ", &facts.title, &data, files, facts.today)
}

/// Typesets the document `request` asks for, from the session's current data: its facts are read in
/// one read transaction, then typeset once the read is over.
pub fn produce(session: &Session, request: &DocumentRequest) -> Result<Typeset> {
    typeset_facts(session.read(|r| gather(r, request))?)
}

/// The document and its suggested file name, both from one snapshot of the data.
fn produce_named(session: &Session, request: &DocumentRequest) -> Result<(Typeset, String)> {
    let (facts, name) = session.read(|r| Ok::<_, Error>((gather(r, request)?, name_in(r, request)?)))?;
    Ok((typeset_facts(facts)?, name))
}

/// A document kind `produce` has no template for (a catalogue entry added without its module).
fn unknown(kind: DocumentKind) -> Error {
    council_domain::Error::NotFound(council_domain::text::Text::new(
        format!("「{}」の書式がありません。", kind.info().title.ja),
        format!("There is no template for “{}”.", kind.info().title.en),
    ))
    .into()
}

/// The suggested file name for `request`'s PDF (a meeting's papers are named after the meeting, a
/// grant's forms after its project).
pub fn file_name(session: &Session, request: &DocumentRequest) -> Result<String> {
    session.read(|r| name_in(r, request))
}

/// [`file_name`] inside the read `r`.
fn name_in(r: &Read<'_>, request: &DocumentRequest) -> Result<String> {
    let council = council::get(r)?.map(|c| c.name).unwrap_or_default();
    if let (Some((_, paper)), Some(record)) = (meetings::template(request.document), request.record.as_deref()) {
        return Ok(request.file_name(&council, &meetings::title(r, record, paper)?));
    }
    if let (Some(_), Some(record)) = (grants::template(request.document), request.record.as_deref()) {
        return Ok(request.file_name(&council, &grants::project_name(r, record)?));
    }
    let (fy, _) = council::fiscal_year_or_current(r, request.fiscal_year, r.today())?;
    Ok(request.file_name(&council, &fy.label_ja()))
}

/// Typesets the document and writes its PDF to `out` (written to a temporary file beside it first,
/// so a failure never leaves half a PDF where the previous one was).
pub fn save_pdf(session: &Session, request: &DocumentRequest, out: &Path) -> Result<PathBuf> {
    let path = write_pdf(&produce(session, request)?, out)?;
    keep_issue_date(session, request)?;
    Ok(path)
}

/// Keeps the day a paper goes out (発出日) on its record the first time it is printed or saved — a
/// meeting's notice (also inside the board pack), a 総会's results notice, an event's notice — so
/// the same paper printed later still carries that day. It is kept after the paper was made (a
/// refused paper keeps nothing) and is the day the paper shows. A PC whose role may not change the
/// record prints all the same and keeps nothing (the record's guard refuses the change).
pub fn keep_issue_date(session: &Session, request: &DocumentRequest) -> Result<()> {
    use council_domain::events::{self, EventId};
    use council_domain::meetings::{self as m, IssuedPaper, MeetingId};
    let Some(record) = request.record.as_deref().map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(());
    };
    let paper = match request.document {
        DocumentKind::MeetingNotice | DocumentKind::BoardPack | DocumentKind::BoardPackBooklet => {
            Some(IssuedPaper::Notice)
        }
        DocumentKind::ResultsNotice => Some(IssuedPaper::Results),
        _ => None,
    };
    let kept = match (paper, request.document) {
        (Some(paper), _) => session.write(|w| m::mark_issued(w, &MeetingId(record.to_owned()), paper).map(drop)),
        (None, DocumentKind::EventNotice) => {
            session.write(|w| events::mark_notice_issued(w, &EventId(record.to_owned())).map(drop))
        }
        _ => Ok(()),
    };
    match kept {
        Err(council_domain::Error::Locked(_)) => Ok(()),
        other => Ok(other?),
    }
}

fn write_pdf(typeset: &Typeset, out: &Path) -> Result<PathBuf> {
    let pdf = typeset.pdf()?;
    let write_err = |source| Error::Write { path: out.display().to_string(), source };
    let tmp = out.with_extension("pdf.part");
    std::fs::write(&tmp, &pdf).map_err(write_err)?;
    std::fs::rename(&tmp, out).map_err(write_err)?;
    Ok(out.to_path_buf())
}

/// How long a copy made for printing is kept in `printed/` (it holds personal information).
const PRINTED_KEPT: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Typesets the document into the data folder's `printed/` folder, for the system's PDF viewer to
/// print from, and clears copies older than a week.
pub fn print_copy(session: &Session, request: &DocumentRequest) -> Result<PathBuf> {
    let dir = session.dir().printed();
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir.display().to_string(), source })?;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let old = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            if old.is_some_and(|age| age > PRINTED_KEPT) {
                // A copy that cannot be removed now is removed next time; printing goes on.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let (typeset, name) = produce_named(session, request)?;
    let path = write_pdf(&typeset, &dir.join(name))?;
    keep_issue_date(session, request)?;
    Ok(path)
}

/// The document's pages as pictures for the window's preview.
pub fn preview(session: &Session, request: &DocumentRequest) -> Result<DocumentPreview> {
    let (typeset, file_name) = produce_named(session, request)?;
    let pages = typeset.png_pages(1.5)?.iter().map(|png| format!("data:image/png;base64,{}", base64(png))).collect();
    Ok(DocumentPreview { title: typeset.title.clone(), file_name, pages })
}

/// Standard base64 (RFC 4648 with padding), for `data:` addresses.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
