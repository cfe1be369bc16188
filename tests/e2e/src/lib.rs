//! Harness for end-to-end tests through the real Council Desk window: starts `tauri-driver` (which
//! drives WebKitWebDriver) on free ports with the app's data folder and clock pinned, and opens a
//! WebDriver session on the debug binary. Run under Xvfb: `make test` does.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt as _, EventMask};

/// The date the app believes is today in every end-to-end run, so fiscal years and screenshots are
/// reproducible.
pub const TODAY: &str = "2026-11-23";

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// The app binary under test: `$COUNCIL_DESK_APP`, else the debug build in the target folder.
pub fn app_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("COUNCIL_DESK_APP") {
        return Ok(PathBuf::from(p));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace().join("target"));
    let bin = target.join("debug").join("council-desk");
    if !bin.exists() {
        bail!("{} does not exist: build the app first (`make test` does: cargo build -p council-desk)", bin.display());
    }
    Ok(bin)
}

/// A 1×1 PNG (a receipt or a photo for a test to attach).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xC9, 0xFE, 0x92, 0xEF,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The `council` command built beside the app (for preparing data a test opens in the window).
pub fn cli_binary() -> Result<PathBuf> {
    let app = app_binary()?;
    let cli = app.with_file_name("council");
    if !cli.exists() {
        bail!("{} does not exist: build it first (`make test` does: cargo test --workspace)", cli.display());
    }
    Ok(cli)
}

/// The signing key's passphrase the tests type (on a PC without a keyring the key is protected by it).
pub const KEY_PASSPHRASE: &str = "さくら台の鍵の合言葉";

/// A file holding [`KEY_PASSPHRASE`], for `council --key-passphrase-file`.
pub fn key_passphrase_file(dir: &Path) -> Result<PathBuf> {
    let file = dir.join("key-passphrase.txt");
    std::fs::write(&file, KEY_PASSPHRASE)?;
    Ok(file)
}

/// Runs the `council` command on a data folder with the pinned date; fails with its message if it fails.
pub fn run_cli(data: &Path, args: &[&str]) -> Result<()> {
    let out =
        Command::new(cli_binary()?).arg("--data").arg(data).args(args).env("COUNCIL_DESK_TODAY", TODAY).output()?;
    if !out.status.success() {
        bail!("council {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

/// True once the document preview shows its pages: every page picture decoded.
pub const PAGES_SHOWN: &str = "const pages = [...document.querySelectorAll(\"[data-testid='print-page']\")]; \
     return pages.length > 0 && pages.every(p => p.complete && p.naturalWidth > 0);";

/// The text of a PDF as `pdftotext -layout` reads it (poppler-utils), to check what a document says.
pub fn pdf_text(pdf: &Path) -> Result<String> {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output()?;
    anyhow::ensure!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

/// The newest PDF the app made for printing in the data folder (`printed/`).
pub fn printed_pdf(data: &Path) -> Result<PathBuf> {
    let mut pdfs: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(data.join("printed"))?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| Ok((e.metadata()?.modified()?, e.path())))
        .collect::<Result<_>>()?;
    pdfs.sort();
    let (_, newest) = pdfs.pop().ok_or_else(|| anyhow::anyhow!("no PDF in {}/printed", data.display()))?;
    anyhow::ensure!(std::fs::metadata(&newest)?.len() > 1000, "{} is (almost) empty", newest.display());
    Ok(newest)
}

/// Where a test's screenshots go: `docs/screenshots/` when `UPDATE_SCREENSHOTS=1` (the ones the README
/// shows), else `target/e2e-screenshots/` so test runs leave the tree clean.
pub fn screenshot_path(name: &str) -> PathBuf {
    let dir = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        workspace().join("docs/screenshots")
    } else {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace().join("target"))
            .join("e2e-screenshots")
    };
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir.join(format!("{name}.png"))
}

/// The driver's and the app's own output, kept for when a test fails: `target/e2e-logs/`.
fn log_file(port: u16) -> Result<std::fs::File> {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("e2e-logs");
    std::fs::create_dir_all(&dir)?;
    Ok(std::fs::File::create(dir.join(format!("tauri-driver-{port}.log")))?)
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A real WebDAV server on loopback (`rclone serve webdav DIR`, user `u`, password `p`), stopped when
/// dropped.
#[derive(Debug)]
pub struct Rclone(Child);

impl Rclone {
    /// Serves `dir` on `port`.
    pub fn start(dir: &Path, port: u16) -> Result<Self> {
        let child = Command::new("rclone")
            .args(["serve", "webdav"])
            .arg(dir)
            .args(["--addr", &format!("127.0.0.1:{port}"), "--user", "u", "--pass", "p"])
            .env("RCLONE_CONFIG", dir.with_extension("rclone.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("rclone could not start: install it (scripts/setup.sh does)")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("rclone did not listen on {port}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self(child))
    }
}

impl Drop for Rclone {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `tauri-driver`, stopped when dropped.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
    /// The webview's own storage (the lists' remembered sort orders, in localStorage) for this
    /// driver only: a test never starts with what an earlier test or run left there.
    _webview_home: tempfile::TempDir,
}

impl Driver {
    /// Starts tauri-driver with the app's data folder set to `data`.
    pub fn start(data: &Path) -> Result<Self> {
        Self::start_with(data, &[])
    }

    /// Starts tauri-driver with the app's data folder set to `data` and `env` set for the app too.
    pub fn start_with(data: &Path, env: &[(&str, &str)]) -> Result<Self> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("no DISPLAY: the end-to-end tests need a display; run them with `make test` (it starts Xvfb)");
        }
        let port = free_port()?;
        let native = free_port()?;
        let webview_home = tempfile::tempdir()?;
        let child = Command::new("tauri-driver")
            // Its own process group, so dropping the driver also ends WebKitWebDriver and the app
            // even when a test fails before closing its window.
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("COUNCIL_DESK_DATA", data)
            .env("COUNCIL_DESK_TODAY", TODAY)
            .env("NO_AT_BRIDGE", "1")
            .env("XDG_DATA_HOME", webview_home.path())
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(log_file(port)?)
            .spawn()
            .context(
                "tauri-driver could not start: install it with `cargo install tauri-driver --locked` (make test does)",
            )?;
        let driver = Self { child, port, _webview_home: webview_home };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("tauri-driver did not open port {port} within 30 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // The port answers a moment before the driver accepts sessions.
        std::thread::sleep(Duration::from_secs(1));
        Ok(driver)
    }

    /// Opens the app in a new window and returns the WebDriver session. WebKitWebDriver occasionally
    /// stalls while starting a session on a loaded machine (the app never launches); a stalled start
    /// is tried once more, and said so on stderr, before the test fails.
    pub async fn open_app(&self) -> Result<App> {
        match self.try_open_app().await {
            Ok(app) => Ok(app),
            Err(first) => {
                eprintln!("council-e2e: the window did not open ({first:#}); trying once more");
                self.try_open_app().await
            }
        }
    }

    async fn try_open_app(&self) -> Result<App> {
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app_binary()?.display().to_string() }));
        // A session that does not start within a minute will not start: fail (and say where the log
        // is) rather than hang the suite.
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut builder = ClientBuilder::native();
        let connect = builder.capabilities(caps).connect(&url);
        let client = tokio::time::timeout(Duration::from_secs(45), connect)
            .await
            .with_context(|| {
                format!("the app window did not open within 45 s (see target/e2e-logs/tauri-driver-{}.log)", self.port)
            })?
            .context("WebDriver session could not start (is webkit2gtk-driver installed?)")?;
        Ok(App { client })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every language and text size a question is checked in: (language, text scale in %).
pub const VIEWS: [(&str, &str); 4] = [("ja", "100"), ("en", "100"), ("en", "150"), ("ja", "150")];

const RUN_AXE: &str = "const done = arguments[arguments.length - 1];
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] })
      .then(r => done({ passes: r.passes.length,
                        violations: r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ')}`) }))
      .catch(e => done({ error: String(e) }));";

/// True when a command failed because its element is no longer in the page (WebKit: "Node with
/// identifier … was not found"; the standard's stale element reference).
fn replaced(e: &fantoccini::error::CmdError) -> bool {
    let text = e.to_string();
    text.contains("was not found") || text.contains("stale element")
}

/// One running app window.
#[derive(Debug)]
pub struct App {
    /// The WebDriver session.
    pub client: Client,
}

impl App {
    /// Fails, naming what, when anything on the screen is wider than its own box (see
    /// [`OVERFLOWING`]): the layout must reflow at every text size instead.
    pub async fn assert_fits(&self, screen: &str) -> Result<()> {
        let clipped = self.eval(CLIPPED_UNDERSCORES).await?;
        if clipped != serde_json::json!([]) {
            let shot = self.screenshot(&format!("underscore-{}", screen.replace(['/', '#', ' '], "_"))).await.ok();
            bail!(
                "{screen}: an underscore cannot be seen (a file name reads as spaces): {clipped} (screenshot: {shot:?})"
            );
        }
        let overflowing = self.eval(OVERFLOWING).await?;
        if overflowing != serde_json::json!([]) {
            let shot = self.screenshot(&format!("overflow-{}", screen.replace(['/', '#', ' '], "_"))).await.ok();
            bail!(
                "{screen}: content wider than its box (scrolls sideways or is cut off): {overflowing} (screenshot: {shot:?})"
            );
        }
        Ok(())
    }

    /// Checks the current screen with axe-core (injected from the UI's npm packages; WCAG 2.0/2.1/2.2
    /// A and AA rules): no violation, nothing wider than the window, nothing wider than its own box.
    pub async fn axe(&self, screen: &str) -> Result<()> {
        let loaded = self.eval("return typeof axe !== 'undefined'").await?;
        if loaded != serde_json::Value::Bool(true) {
            let axe = std::fs::read_to_string(workspace().join("ui/node_modules/axe-core/axe.min.js"))?;
            self.client.execute(&axe, vec![]).await?;
        }
        // Two frames first: what depends on layout (a card that scrolls joins the Tab order) settles then.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let result = self.client.execute_async(RUN_AXE, vec![]).await?;
        if let Some(e) = result.get("error") {
            bail!("axe could not run on {screen}: {e}");
        }
        let passes = result["passes"].as_u64().unwrap_or(0);
        assert!(passes > 10, "axe really checked {screen} ({passes} rules passed)");
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        assert!(violations.is_empty(), "{screen} has accessibility violations: {violations:#?}");
        let wide = self
            .eval(
                "const w = window.innerWidth; return document.documentElement.scrollWidth <= w ? null : \
                 [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 \
                   && e.parentElement.getBoundingClientRect().right <= w + 1).slice(0, 3).map(e => `${e.parentElement.tagName}.${e.parentElement.className}>${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)",
            )
            .await?;
        assert!(wide.is_null(), "{screen} is wider than the window: {wide}");
        self.assert_fits(screen).await
    }

    /// Switches the language and the text size from the header's view menu, and waits until the menu
    /// speaks the language.
    pub async fn set_view(&self, language: &str, scale: &str) -> Result<()> {
        let home = if language == "ja" { "ホーム" } else { "Home" };
        self.click("view-menu").await?;
        self.click(&format!("language-{language}")).await?;
        self.click(&format!("text-scale-{scale}")).await?;
        self.wait_eval(
            "return document.querySelector(\"[data-testid='nav-home']\")?.textContent.trim()",
            serde_json::json!(home),
        )
        .await?;
        self.click("view-menu").await
    }

    /// Asks the question the button `open` asks, in Japanese and English at 100 % and 150 % text:
    /// each time the dialog `dialog` must pass [`App::axe`] and close with Escape, changing nothing.
    /// Leaves the view in Japanese at 100 %.
    pub async fn axe_question(&self, open: &str, dialog: &str, what: &str) -> Result<()> {
        for (language, scale) in VIEWS {
            self.set_view(language, scale).await?;
            self.click(open).await?;
            self.testid(dialog).await?;
            self.axe(&format!("{what} ({language}, {scale} %)")).await?;
            self.client.active_element().await?.send_keys("\u{E00C}").await?;
            self.wait_eval(
                &format!("return document.querySelector(\"[data-testid='{dialog}']\") === null"),
                serde_json::json!(true),
            )
            .await?;
        }
        self.set_view("ja", "100").await
    }

    /// First start: chooses the demo council and waits for its home screen.
    pub async fn start_demo(&self) -> Result<()> {
        self.click("start-demo").await?;
        self.wait_text("council-name", "さくら台自治会").await
    }

    /// Waits for `ready` (a CSS selector) or for the signing key's passphrase form — shown where this
    /// PC has no keyring and the key must be opened or protected — and, when the form came, types
    /// [`KEY_PASSPHRASE`] and opens the key; then waits for `ready`.
    pub async fn unlock_key_if_asked(&self, ready: &str) -> Result<()> {
        self.css(&format!("{ready}, [data-testid='key-passphrase']")).await?;
        let asked = self.eval("return !!document.querySelector(\"[data-testid='key-passphrase']\")").await?;
        if asked == serde_json::json!(true) {
            self.fill("key-passphrase", KEY_PASSPHRASE).await?;
            self.click("key-unlock").await?;
        }
        self.css(ready).await?;
        Ok(())
    }

    /// Waits (up to 20 s) for the element with `data-testid`.
    pub async fn testid(&self, id: &str) -> Result<Element> {
        self.css(&format!("[data-testid='{id}']")).await
    }

    /// Waits (up to 20 s) for the element matching a CSS selector.
    pub async fn css(&self, selector: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(selector))
            .await
            .with_context(|| format!("no element matches {selector} within 20 s"))
    }

    /// Waits until the element with `data-testid` has exactly `expected` as its text.
    pub async fn wait_text(&self, id: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = match self.testid(id).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.trim() == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                let shot = self.screenshot(&format!("failed-{id}")).await.ok();
                bail!("[data-testid={id}] shows {text:?}, expected {expected:?} (screenshot: {shot:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element with `data-testid` contains `needle`.
    pub async fn wait_contains(&self, id: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = match self.testid(id).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                let shot = self.screenshot(&format!("failed-{id}")).await.ok();
                bail!("[data-testid={id}] shows {text:?}, which lacks {needle:?} (screenshot: {shot:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into the input with the given element id, replacing what it holds.
    pub async fn fill(&self, id: &str, text: &str) -> Result<()> {
        let el = self.css(&format!("#{id}")).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    /// Opens a print preview by its link's `data-testid`, waits for the pages, prints, and returns the
    /// printed PDF's text (the newest PDF in the data folder's `printed/`).
    pub async fn print_and_read(&self, link: &str, data: &Path) -> Result<String> {
        self.click(link).await?;
        self.css("[data-testid='print-pages'][data-ready='true']").await?;
        self.click("print-now").await?;
        self.testid("print-notice").await?;
        pdf_text(&printed_pdf(data)?)
    }

    /// Types into the element a CSS selector finds (fields in a table have no id), replacing what it
    /// holds.
    pub async fn fill_css(&self, selector: &str, text: &str) -> Result<()> {
        let el = self.css(selector).await?;
        el.clear().await?;
        el.send_keys(text).await?;
        Ok(())
    }

    /// Sets an input's value as an IME would and fires `input`. WebKitWebDriver's typing drops
    /// characters outside the Basic Multilingual Plane (𠮷), which a Japanese IME enters fine.
    pub async fn fill_as_ime(&self, id: &str, text: &str) -> Result<()> {
        self.css(&format!("#{id}")).await?;
        self.client
            .execute(
                "const el = document.getElementById(arguments[0]); el.value = arguments[1]; \
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::json!(id), serde_json::json!(text)],
            )
            .await?;
        Ok(())
    }

    /// Clicks the element with `data-testid`. An element the page replaced between finding it and
    /// clicking it (a list of search results updated by the last keystroke) was not clicked: it is
    /// found again and clicked, for up to 5 s.
    pub async fn click(&self, id: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.testid(id).await?.click().await {
                Ok(()) => return Ok(()),
                Err(e) if Instant::now() < deadline && replaced(&e) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Runs a script in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Result<serde_json::Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Polls a script until it returns `expected` (changes that go through the backend land a moment
    /// after the click), failing with what it last returned.
    pub async fn wait_eval(&self, script: &str, expected: serde_json::Value) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // A script that throws (the element it reads not rendered yet, after a navigation) has not
            // seen the expected value yet: it is asked again until the deadline, like any other value.
            let got = match self.eval(script).await {
                Ok(got) if got == expected => return Ok(()),
                Ok(got) => got.to_string(),
                Err(error) => format!("an error ({error})"),
            };
            if Instant::now() > deadline {
                let shot = self.screenshot("failed-eval").await.ok();
                bail!("`{script}` returned {got}, expected {expected} (screenshot: {shot:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the window.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let path = screenshot_path(name);
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Closes the window (the app exits).
    pub async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }

    /// Closes the window as its close button does — the window manager's request to delete it
    /// (`WM_DELETE_WINDOW`), sent on this display — and waits for the window to go: the app ends as it
    /// does for a person, running what it does on closing. (Ending the WebDriver session instead stops
    /// the process outright.)
    pub async fn close_window(self) -> Result<()> {
        let (conn, screen) = x11rb::connect(None).context("connecting to the X display")?;
        let root = conn.setup().roots[screen].root;
        let atom = |name: &str| -> Result<u32> { Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom) };
        let (protocols, delete, net_name, utf8) =
            (atom("WM_PROTOCOLS")?, atom("WM_DELETE_WINDOW")?, atom("_NET_WM_NAME")?, atom("UTF8_STRING")?);
        let windows = || -> Result<Vec<u32>> {
            let mut found = Vec::new();
            for w in conn.query_tree(root)?.reply()?.children {
                let name = conn.get_property(false, w, net_name, utf8, 0, 256)?.reply()?.value;
                if String::from_utf8_lossy(&name).starts_with(WINDOW_TITLE) {
                    found.push(w);
                }
            }
            Ok(found)
        };
        let ours = windows()?;
        if ours.len() != 1 {
            bail!("expected one Council Desk window on this display, found {}", ours.len());
        }
        let request = ClientMessageEvent::new(32, ours[0], protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
        conn.send_event(false, ours[0], EventMask::NO_EVENT, request)?;
        conn.flush()?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while windows()?.contains(&ours[0]) {
            if Instant::now() > deadline {
                bail!("the window was still open 20 s after it was asked to close");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }
}

/// The start of the window's title (`src-tauri/tauri.conf.json`).
const WINDOW_TITLE: &str = "地域協働デスク";

/// Every element whose content is wider than its own box — a table reaching past its card, a
/// drop-down's value or a label cut off — as `tag.class "text" content>box`. Text fields (their text
/// scrolls by design), positioned pop-ups and visually hidden labels are left out.
/// The underscores (`_`, in file names and paths) a person cannot see: drawn with no ink in the font
/// and size the window uses (BIZ UD's underscore rasterises to nothing at text sizes), or cut off by a
/// box that clips what overflows it — either way 「領収書_01.pdf」 reads as 「領収書 01.pdf」. A script
/// for [`App::eval`]; an empty list when every one shows.
pub const CLIPPED_UNDERSCORES: &str = "const out = [];
    const ctx = document.createElement('canvas').getContext('2d');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
      const i = n.data.indexOf('_');
      if (i < 0 || !n.parentElement || n.parentElement.closest('.visually-hidden, script, style')) continue;
      const range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const what = (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} \"${n.data.trim().slice(0, 30)}\"`;
      const ps = getComputedStyle(n.parentElement);
      ctx.font = `${ps.fontStyle} ${ps.fontWeight} ${ps.fontSize} ${ps.fontFamily}`;
      const ink = ctx.measureText('_');
      if (ink.actualBoundingBoxAscent + ink.actualBoundingBoxDescent <= 0) { out.push(`${what(n.parentElement)}: no ink at ${ps.fontSize}`); continue; }
      for (let e = n.parentElement; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (!['hidden', 'clip'].includes(s.overflowY) && !['hidden', 'clip'].includes(s.overflow)) continue;
        const box = e.getBoundingClientRect();
        const bottom = box.top + e.clientTop + e.clientHeight;
        if (r.bottom > bottom + 0.5) out.push(`${what(e)}: cut off ${Math.round(r.bottom)}>${Math.round(bottom)}`);
        break;
      }
    }
    return out;";

pub const OVERFLOWING: &str = "return [...document.querySelectorAll('body *')].filter(e => {
      if (e.closest('svg') || ['INPUT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE'].includes(e.tagName)) return false;
      if (e.clientWidth <= 2 || e.closest('.visually-hidden')) return false;
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
      // A drop-down or a box of text alone: its value or text cut off.
      if (e.tagName === 'SELECT' || e.children.length === 0) return e.scrollWidth > e.clientWidth + 1;
      // A box: a child (in the flow) reaching past its right edge.
      const right = e.getBoundingClientRect().left + e.clientLeft + e.clientWidth + 1;
      return [...e.children].some(c => {
        const cs = getComputedStyle(c);
        return cs.position !== 'absolute' && cs.position !== 'fixed' && cs.display !== 'none' && c.getBoundingClientRect().right > right;
      });
    }).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.dataset.testid || ''}] \"${(e.textContent || '').trim().slice(0, 30)}\" ${e.scrollWidth}>${e.clientWidth}`)";
