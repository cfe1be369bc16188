//! Printing says what happened, through the real window: where the system has no PDF viewer, the
//! message says so, names the PDF, and offers 「PDFで保存」, which saves it; where a viewer opens, the
//! message says it opened and the viewer was given the printed PDF.

use anyhow::{Context, Result};
use council_e2e::Driver;

/// The `xdg-open` the app's PDF opener finds first on PATH: it fails (no viewer, as on a PC without
/// one) until the file `viewer-works` exists beside it, then records what it was asked to open.
const XDG_OPEN: &str = r#"#!/bin/sh
here=$(dirname "$0")
if [ -e "$here/viewer-works" ]; then printf '%s' "$1" > "$here/opened"; exit 0; fi
echo "xdg-open: no method available for opening '$1'" >&2
exit 3
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printing_without_a_pdf_viewer_offers_to_save_the_pdf_instead() -> Result<()> {
    let data = tempfile::tempdir()?;
    let bin = tempfile::tempdir()?;
    let saved = tempfile::tempdir()?;
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, XDG_OPEN)?;
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let driver = Driver::start_with(
        data.path(),
        &[("PATH", &path), ("COUNCIL_DESK_PICK_FOLDER", saved.path().to_str().context("utf-8")?)],
    )?;
    let app = driver.open_app().await?;
    app.start_demo().await?;
    app.testid("home-unpaid").await?;

    app.eval("location.hash = '#/print/roster'; return true").await?;
    app.css("[data-testid='print-pages'][data-ready='true']").await?;
    app.click("print-now").await?;
    let notice = app.wait_contains("print-notice", "PDF を開くアプリが見つかりませんでした").await?;
    assert!(!notice.contains("PDF を開きました"), "it does not claim the PDF opened: {notice}");
    assert!(notice.contains(".pdf"), "it names the PDF to print from: {notice}");
    assert!(!bin.path().join("opened").exists(), "no viewer was given anything");

    // 「PDFで保存」 beside the message saves the PDF where the person chooses.
    app.click("print-save-instead").await?;
    let notice = app.wait_contains("print-notice", "保存").await?;
    let files: Vec<_> = std::fs::read_dir(saved.path())?.flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "one PDF saved: {files:?} ({notice})");
    assert!(std::fs::read(&files[0])?.starts_with(b"%PDF-"), "the saved file is a PDF");
    assert!(notice.contains(&files[0].display().to_string()), "the message says where: {notice}");

    // With a viewer, the message says it opened, and the viewer was given the printed PDF.
    std::fs::write(bin.path().join("viewer-works"), b"")?;
    app.click("print-now").await?;
    let notice = app.wait_contains("print-notice", "PDF を開きました").await?;
    let opened = std::fs::read_to_string(bin.path().join("opened")).context("the viewer was asked to open the PDF")?;
    assert!(
        opened.ends_with(".pdf") && notice.contains(&opened),
        "the PDF named is the one opened: {opened} / {notice}"
    );
    assert!(std::fs::read(&opened)?.starts_with(b"%PDF-"), "and it is a PDF");
    assert!(
        app.client.find(fantoccini::Locator::Css("[data-testid='print-save-instead']")).await.is_err(),
        "no 「PDFで保存」 offered in its place when the viewer opened"
    );
    app.close().await
}
