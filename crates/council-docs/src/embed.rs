//! Attached files a document carries inside itself: an agenda paper in the board pack, a receipt on
//! its 台紙. What a file is comes from its bytes, never from its name: a PDF's pages are embedded page
//! by page, an image as a picture, plain text as text; anything else is listed with a note to hand it
//! out separately.
use serde::Serialize;

use crate::typeset::Files;

/// How a template shows one attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Embedded {
    /// A PDF: `pages` pages at `/files/<path>`.
    Pdf { path: String, pages: usize },
    /// A picture (PNG, JPEG, GIF, WebP) at `/files/<path>`.
    Image { path: String },
    /// Plain text (UTF-8), shown as it is.
    Text { text: String },
    /// Something that cannot be printed here (a spreadsheet, a Word file).
    Other,
}

/// Text longer than this is cut (with a note), so a stray log file cannot run to hundreds of pages.
const MAX_TEXT: usize = 20_000;

/// What `bytes` (stored as `sha256`) is, adding the file to `files` when the template will embed it.
pub(crate) fn embed(sha256: &str, bytes: Vec<u8>, files: &mut Files) -> Embedded {
    if bytes.starts_with(b"%PDF-") {
        let Ok(pages) = hayro_syntax::Pdf::new(bytes.clone()).map(|pdf| pdf.pages().len()) else {
            return Embedded::Other;
        };
        if pages == 0 {
            return Embedded::Other;
        }
        let path = format!("{sha256}.pdf");
        files.insert(path.clone(), bytes);
        return Embedded::Pdf { path, pages };
    }
    if let Some(ext) = council_domain::attachments::image_mime(&bytes).and_then(|m| m.strip_prefix("image/")) {
        let path = format!("{sha256}.{ext}");
        files.insert(path.clone(), bytes);
        return Embedded::Image { path };
    }
    match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
            if text.chars().count() > MAX_TEXT {
                let cut: String = text.chars().take(MAX_TEXT).collect();
                Embedded::Text { text: format!("{cut}\n（以下省略）") }
            } else {
                Embedded::Text { text }
            }
        }
        _ => Embedded::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        let mut files = Files::new();
        assert_eq!(embed("a", b"\x89PNG\r\n\x1a\n....".to_vec(), &mut files), Embedded::Image { path: "a.png".into() });
        assert_eq!(
            embed("b", "議案の説明\r\n".as_bytes().to_vec(), &mut files),
            Embedded::Text { text: "議案の説明\n".into() }
        );
        assert_eq!(
            embed("c", vec![0x50, 0x4B, 0x03, 0x04, 0, 0], &mut files),
            Embedded::Other,
            "a zip (xlsx) is not printable"
        );
        assert_eq!(
            embed("d", b"%PDF-1.4 broken".to_vec(), &mut files),
            Embedded::Other,
            "a damaged PDF is listed, not embedded"
        );
        assert_eq!(files.len(), 1, "only what the template embeds is handed to it");
    }
}
