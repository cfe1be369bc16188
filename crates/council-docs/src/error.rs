//! What can go wrong while producing a document, said so that the person at the keyboard knows what
//! to do next.
use council_domain::text::Text;

/// A document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the data failed (the record is gone, the request names no record, the store
    /// failed…).
    #[error(transparent)]
    Store(#[from] council_domain::Error),
    /// No template of that name, neither built in nor in the council's template folder.
    #[error("no template named {0}")]
    UnknownTemplate(String),
    /// The template does not compile (usually a council's own template with a mistake in it).
    #[error("the template {template} could not be typeset: {detail}")]
    Typeset {
        /// The template being typeset.
        template: String,
        /// typst's own words, with file and line.
        detail: String,
    },
    /// The PDF could not be written where it was asked to go.
    #[error("could not write {path}: {source}")]
    Write {
        /// Where it was to be written.
        path: String,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// The result of producing a document.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The message in both languages, saying what to do next.
    pub fn text(&self) -> Text {
        match self {
            Self::Store(e) => e.text(),
            Self::UnknownTemplate(name) => Text::new(
                format!("書類のひな形「{name}」が見つかりません。設定のテンプレートフォルダーを確認してください。"),
                format!("The document template “{name}” was not found. Check the template folder in Settings."),
            ),
            Self::Typeset { template, detail } => Text::new(
                format!(
                    "書類のひな形「{template}」に誤りがあり、書類を作れませんでした（{detail}）。独自のひな形を使っている場合は、設定のテンプレートフォルダーを空欄にすると標準のひな形に戻ります。"
                ),
                format!(
                    "The template “{template}” has a mistake and the document could not be made ({detail}). If you use your own templates, empty the template folder in Settings to go back to the built-in ones."
                ),
            ),
            Self::Write { path, source } => Text::new(
                format!("「{path}」に保存できませんでした（{source}）。保存先を選び直してください。"),
                format!("Could not save to “{path}” ({source}). Choose another place to save."),
            ),
        }
    }
}
