//! Council Desk's documents: every paper the council prints, as an A4 PDF typeset in-process by
//! typst with the bundled BIZ UD fonts, from templates under `assets/templates/`.
//!
//! [`produce`] gathers a document's facts from the [`Desk`], formats them (和暦, yen) and typesets
//! the document's template; the caller saves the PDF ([`Typeset::pdf`]) or shows its pages
//! ([`preview`]). The catalogue of documents lives in [`council_core::documents`], so the window,
//! the `council render` command and the tests share one list.
use std::path::{Path, PathBuf};

use council_core::Desk;
use council_core::calendar::{FiscalYear, wareki};
use council_core::documents::{DocumentKind, DocumentPreview, DocumentRequest};
use serde::Serialize;

mod embed;
pub mod error;
mod events;
mod grants;
mod meetings;
mod members;
mod plan;
pub mod report;
pub mod typeset;

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
}

/// Typesets the document `request` asks for, from the desk's current data.
pub fn produce(desk: &Desk, request: &DocumentRequest) -> Result<Typeset> {
    request.check()?;
    let state = desk.app_state()?;
    let council = state.council.ok_or(council_core::Error::NoCouncil)?;
    let fiscal_year = request.fiscal_year.unwrap_or(state.fiscal_year.year);
    let fy_label = FiscalYear(fiscal_year).label_ja();
    let title = request.document.info().title.ja;
    let header = Header {
        council: council.name.clone(),
        representative_title: council.representative_title.clone(),
        representative_name: council.representative_name.clone(),
        address: council.address.clone(),
        printed_on: wareki(state.today),
        fiscal_year: fy_label.clone(),
        title: title.clone(),
    };
    let record = request.record.as_deref().filter(|r| !r.trim().is_empty());
    let year = Some(fiscal_year);
    let mut files = typeset::Files::new();
    let (template, data) = match request.document {
        DocumentKind::Roster => ("roster.typ", members::roster(desk, &header)?),
        DocumentKind::Officers => ("officers.typ", members::officers(desk, &header, year)?),
        DocumentKind::Counts => ("counts.typ", members::counts(desk, &header, year, state.today)?),
        DocumentKind::Collection => ("collection.typ", members::collection(desk, &header, year, record)?),
        DocumentKind::Receipt => {
            let household = record.unwrap_or_default();
            ("receipt.typ", members::receipt(desk, &header, household, fiscal_year, &fy_label)?)
        }
        DocumentKind::EventNotice => ("event-notice.typ", events::notice(desk, &header, record.unwrap_or_default())?),
        DocumentKind::PlanReview => ("plan-review.typ", plan::review(desk, &header, record, fiscal_year)?),
        DocumentKind::ActivityReport => ("activity-report.typ", report::report_data(desk, &header, fiscal_year)?),
        kind => match (grants::template(kind), meetings::template(kind)) {
            (Some((template, _)), _) => {
                let of = grants::Council {
                    city: &council.city,
                    start_month: council.fiscal_year_start_month,
                    today: state.today,
                };
                (template, grants::data(desk, &header, &of, kind, record.unwrap_or_default(), &mut files)?)
            }
            (None, Some((template, paper))) => {
                (template, meetings::data(desk, &header, paper, record.unwrap_or_default(), &mut files)?)
            }
            (None, None) => return Err(unknown(kind)),
        },
    };
    let dir = state.settings.template_dir;
    let typesetter = Typesetter::new((!dir.is_empty()).then_some(Path::new(&dir)));
    typesetter.typeset_with(template, &format!("{} {title}", council.name), &data, files, state.today)
}

/// A document kind `produce` has no template for (a catalogue entry added without its module).
fn unknown(kind: DocumentKind) -> Error {
    council_core::Error::NotFound(council_core::text::Text::new(
        format!("「{}」の書式がありません。", kind.info().title.ja),
        format!("There is no template for “{}”.", kind.info().title.en),
    ))
    .into()
}

/// The suggested file name for `request`'s PDF (a meeting's papers are named after the meeting, a
/// grant's forms after its project).
pub fn file_name(desk: &Desk, request: &DocumentRequest) -> Result<String> {
    let state = desk.app_state()?;
    let council = state.council.map(|c| c.name).unwrap_or_default();
    if let (Some((_, paper)), Some(record)) = (meetings::template(request.document), request.record.as_deref()) {
        return Ok(request.file_name(&council, &meetings::title(desk, record, paper)?));
    }
    if let (Some(_), Some(record)) = (grants::template(request.document), request.record.as_deref()) {
        return Ok(request.file_name(&council, &grants::project_name(desk, record)?));
    }
    let fy = FiscalYear(request.fiscal_year.unwrap_or(state.fiscal_year.year)).label_ja();
    Ok(request.file_name(&council, &fy))
}

/// Typesets the document and writes its PDF to `out` (written to a temporary file beside it first,
/// so a failure never leaves half a PDF where the previous one was).
pub fn save_pdf(desk: &Desk, request: &DocumentRequest, out: &Path) -> Result<PathBuf> {
    let pdf = produce(desk, request)?.pdf()?;
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
pub fn print_copy(desk: &Desk, request: &DocumentRequest) -> Result<PathBuf> {
    let dir = desk.data_dir().printed();
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
    save_pdf(desk, request, &dir.join(file_name(desk, request)?))
}

/// The document's pages as pictures for the window's preview.
pub fn preview(desk: &Desk, request: &DocumentRequest) -> Result<DocumentPreview> {
    let typeset = produce(desk, request)?;
    let pages = typeset.png_pages(1.5)?.iter().map(|png| format!("data:image/png;base64,{}", base64(png))).collect();
    Ok(DocumentPreview { title: typeset.title.clone(), file_name: file_name(desk, request)?, pages })
}

/// Standard base64 (RFC 4648 with padding), for `data:` addresses.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
