//! Typesetting with typst, embedded as a library: the templates under `assets/templates/` and the
//! BIZ UD fonts under `assets/fonts/` are compiled into the binary, so a document comes out the same
//! on every PC, offline, without reading a single system font.
//!
//! A document is one template (`roster.typ`) fed with its data as `/data.json`. Templates share
//! `/common.typ` (the council header, tables, the seal box, page numbers). A council may point
//! Settings at a folder of its own: any file there (a template, `common.typ`, an image) replaces the
//! built-in one of the same name, so a city's variant of a form is a template change, not a code
//! change.
//!
//! A document may also embed files it was given ([`Files`]: an attached paper's PDF pages, a
//! receipt's scan), which its template reads under `/files/<name>`.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

/// The fonts every document is set in (SIL Open Font License; see `assets/fonts/README.md`).
/// The Noto supplement carries only the ideographs BIZ UD lacks (𠮷 and other name characters).
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/BIZUDGothic-Regular.ttf"),
    include_bytes!("../../../assets/fonts/BIZUDGothic-Bold.ttf"),
    include_bytes!("../../../assets/fonts/BIZUDMincho-Regular.ttf"),
    include_bytes!("../../../assets/fonts/NotoSansCJKjp-Supplement.otf"),
];

/// The built-in templates, by file name.
const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../../assets/templates/common.typ")),
    ("roster.typ", include_str!("../../../assets/templates/roster.typ")),
    ("officers.typ", include_str!("../../../assets/templates/officers.typ")),
    ("counts.typ", include_str!("../../../assets/templates/counts.typ")),
    ("household-report.typ", include_str!("../../../assets/templates/household-report.typ")),
    ("representative-change.typ", include_str!("../../../assets/templates/representative-change.typ")),
    ("collection.typ", include_str!("../../../assets/templates/collection.typ")),
    ("receipt.typ", include_str!("../../../assets/templates/receipt.typ")),
    ("labels.typ", include_str!("../../../assets/templates/labels.typ")),
    ("envelope.typ", include_str!("../../../assets/templates/envelope.typ")),
    ("join-form.typ", include_str!("../../../assets/templates/join-form.typ")),
    ("leave-form.typ", include_str!("../../../assets/templates/leave-form.typ")),
    ("entry-form.typ", include_str!("../../../assets/templates/entry-form.typ")),
    ("event-notice.typ", include_str!("../../../assets/templates/event-notice.typ")),
    ("plan-review.typ", include_str!("../../../assets/templates/plan-review.typ")),
    ("meeting.typ", include_str!("../../../assets/templates/meeting.typ")),
    ("report-parts.typ", include_str!("../../../assets/templates/report-parts.typ")),
    ("notice.typ", include_str!("../../../assets/templates/notice.typ")),
    ("proxy_form.typ", include_str!("../../../assets/templates/proxy_form.typ")),
    ("written_vote_form.typ", include_str!("../../../assets/templates/written_vote_form.typ")),
    ("attendance_sheet.typ", include_str!("../../../assets/templates/attendance_sheet.typ")),
    ("minutes.typ", include_str!("../../../assets/templates/minutes.typ")),
    ("board_pack.typ", include_str!("../../../assets/templates/board_pack.typ")),
    ("vote_tally.typ", include_str!("../../../assets/templates/vote_tally.typ")),
    ("booklet.typ", include_str!("../../../assets/templates/booklet.typ")),
    ("results_notice.typ", include_str!("../../../assets/templates/results_notice.typ")),
    ("grant.typ", include_str!("../../../assets/templates/grant.typ")),
    ("grant-application.typ", include_str!("../../../assets/templates/grant-application.typ")),
    ("grant-plan.typ", include_str!("../../../assets/templates/grant-plan.typ")),
    ("grant-budget.typ", include_str!("../../../assets/templates/grant-budget.typ")),
    ("grant-change.typ", include_str!("../../../assets/templates/grant-change.typ")),
    ("grant-report.typ", include_str!("../../../assets/templates/grant-report.typ")),
    ("grant-results.typ", include_str!("../../../assets/templates/grant-results.typ")),
    ("grant-settlement.typ", include_str!("../../../assets/templates/grant-settlement.typ")),
    ("grant-claim.typ", include_str!("../../../assets/templates/grant-claim.typ")),
    ("grant-receipts.typ", include_str!("../../../assets/templates/grant-receipts.typ")),
    ("activity-report.typ", include_str!("../../../assets/templates/activity-report.typ")),
    ("account-budget.typ", include_str!("../../../assets/templates/account-budget.typ")),
    ("account-settlement.typ", include_str!("../../../assets/templates/account-settlement.typ")),
    ("account-parts.typ", include_str!("../../../assets/templates/account-parts.typ")),
    ("cashbook.typ", include_str!("../../../assets/templates/cashbook.typ")),
    ("audit-report.typ", include_str!("../../../assets/templates/audit-report.typ")),
    ("inventory.typ", include_str!("../../../assets/templates/inventory.typ")),
    ("account-report.typ", include_str!("../../../assets/templates/account-report.typ")),
];

/// The names of the built-in template files (for Settings' override folder and for tests).
pub fn template_names() -> impl Iterator<Item = &'static str> {
    TEMPLATES.iter().map(|(name, _)| *name)
}

/// The built-in text of a template, to copy into an override folder as a starting point.
pub fn builtin_template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Copies the built-in templates into `dir` as a starting point for the council's own, leaving any
/// file already there untouched. Returns how many were copied.
pub fn copy_builtin_templates(dir: &Path) -> Result<usize> {
    let mut copied = 0;
    for (name, text) in TEMPLATES {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(&path, text).map_err(|source| Error::Write { path: path.display().to_string(), source })?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Fonts and the standard library, built once per process: parsing 15 MB of fonts is the slow part
/// of the first document, and nothing about them changes while the app runs.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// A typeset document: its pages, ready for PDF or pictures.
#[derive(Debug)]
pub struct Typeset {
    document: PagedDocument,
    /// The document's title (PDF metadata and the window's preview heading).
    pub title: String,
}

impl Typeset {
    /// How many A4 pages it has.
    pub fn page_count(&self) -> usize {
        self.document.pages().len()
    }

    /// The PDF file's bytes.
    pub fn pdf(&self) -> Result<Vec<u8>> {
        let options = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom(self.title.clone()),
            ..Default::default()
        };
        typst_pdf::pdf(&self.document, &options).map_err(|diags| Error::Typeset {
            template: String::from("(pdf)"),
            detail: diags.first().map(|d| d.message.to_string()).unwrap_or_default(),
        })
    }

    /// Each page as a PNG picture, `pixels_per_point` pixels for each typographic point (A4 is
    /// 595 × 842 pt; 1.5 gives a page about 900 pixels wide, sharp enough to read on screen).
    pub fn png_pages(&self, pixels_per_point: f32) -> Result<Vec<Vec<u8>>> {
        let options =
            typst_render::RenderOptions { pixel_per_pt: f64::from(pixels_per_point).into(), render_bleed: false };
        self.document
            .pages()
            .iter()
            .map(|page| {
                typst_render::render(page, &options)
                    .encode_png()
                    .map_err(|e| Error::Typeset { template: String::from("(png)"), detail: e.to_string() })
            })
            .collect()
    }
}

/// Files a document embeds besides its data, by name; the template reads them as `/files/<name>`.
pub type Files = HashMap<String, Vec<u8>>;

/// Compiles one template with its data.
#[derive(Debug, Clone, Default)]
pub struct Typesetter {
    /// A folder whose files replace the built-in templates of the same name.
    override_dir: Option<PathBuf>,
}

impl Typesetter {
    /// A typesetter with the built-in templates, or with the files of `override_dir` in front.
    pub fn new(override_dir: Option<&Path>) -> Self {
        Self { override_dir: override_dir.map(Path::to_path_buf) }
    }

    /// Typesets `template` (a file name such as `roster.typ`) with `data` as `/data.json`. `today`
    /// is what `datetime.today()` answers inside the template.
    pub fn typeset(&self, template: &str, title: &str, data: &serde_json::Value, today: NaiveDate) -> Result<Typeset> {
        self.typeset_with(template, title, data, Files::new(), today)
    }

    /// Like [`Typesetter::typeset`], with `files` the template may embed as `/files/<name>`.
    pub fn typeset_with(
        &self,
        template: &str,
        title: &str,
        data: &serde_json::Value,
        files: Files,
        today: NaiveDate,
    ) -> Result<Typeset> {
        let data = serde_json::to_vec(data)
            .map_err(|e| Error::Typeset { template: template.into(), detail: e.to_string() })?;
        let world = DocumentWorld {
            shared: shared(),
            main: file_id(template)?,
            override_dir: self.override_dir.clone(),
            data: Bytes::new(data),
            files: files.into_iter().map(|(name, bytes)| (name, Bytes::new(bytes))).collect(),
            today,
            sources: Mutex::new(HashMap::new()),
        };
        // Make a missing template a clear error before typst reports it as a missing file.
        world.source(world.main).map_err(|_| Error::UnknownTemplate(template.into()))?;
        let warned = typst::compile::<PagedDocument>(&world);
        let mut document = warned.output.map_err(|diags| world.explain(template, diags.as_slice()))?;
        document.info_mut().title = Some(title.into());
        Ok(Typeset { document, title: title.into() })
    }
}

fn file_id(name: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(format!("/{}", name.trim_start_matches('/')))
        .map_err(|e| Error::UnknownTemplate(format!("{name}: {e}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// What typst sees while compiling one document.
struct DocumentWorld {
    shared: &'static Shared,
    main: FileId,
    override_dir: Option<PathBuf>,
    data: Bytes,
    /// Embedded files, served as `/files/<name>`.
    files: HashMap<String, Bytes>,
    today: NaiveDate,
    /// Parsed sources, so each file is read and parsed once per document.
    sources: Mutex<HashMap<FileId, Source>>,
}

impl DocumentWorld {
    fn bytes(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            // No packages: documents must render offline, from what the app carries.
            return Err(FileError::Other(Some("packages are not available offline".into())));
        }
        let name = id.vpath().get_without_slash();
        if name == "data.json" {
            return Ok(self.data.clone());
        }
        if let Some(file) = name.strip_prefix("files/") {
            return self.files.get(file).cloned().ok_or_else(|| FileError::NotFound(PathBuf::from(name)));
        }
        if let Some(dir) = &self.override_dir {
            // Only plain names inside the folder: nothing outside it can be reached from a template.
            if !name.contains('/') && !name.contains('\\') {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read(&path).map(Bytes::new).map_err(|e| FileError::from_io(e, &path));
                }
            }
        }
        TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Bytes::new(text.as_bytes()))
            .ok_or_else(|| FileError::NotFound(PathBuf::from(name)))
    }

    /// Turns typst's diagnostics into one message naming the file and line to fix.
    fn explain(&self, template: &str, diags: &[SourceDiagnostic]) -> Error {
        let detail = diags
            .iter()
            .take(3)
            .map(|d| {
                let place = d.span.id().and_then(|id| {
                    let source = self.source(id).ok()?;
                    let line = self.range(d.span).and_then(|r| source.lines().byte_to_line(r.start))?;
                    Some(format!("{}:{}: ", id.vpath().get_without_slash(), line + 1))
                });
                format!("{}{}", place.unwrap_or_default(), d.message)
            })
            .collect::<Vec<_>>()
            .join("; ");
        Error::Typeset { template: template.into(), detail }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = self.sources.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(source) = sources.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.bytes(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        let source = Source::new(id, text.to_owned());
        sources.insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.bytes(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            u8::try_from(self.today.month()).ok()?,
            u8::try_from(self.today.day()).ok()?,
        )
    }
}
