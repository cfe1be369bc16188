//! The desktop shell: the window, the native dialogs, the PDF viewer and the background delivery of
//! submission packages. Every command the window calls is handed to `council_api::dispatch` on a
//! blocking thread (never on the async runtime's workers, so a document being typeset cannot hold up
//! the runtime); the command list, its types and its use cases all live below this crate.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use council_api::{Cx, ErrorPayload, FileChoice, Platform, Reply};
use council_domain::clock;
use council_store::data_dir::DataDir;
use tauri::ipc::{Invoke, InvokeBody};

mod fonts;
mod rendering;
mod submissions;

/// The native dialogs (rfd) and the system's PDF viewer. rfd runs GTK dialogs on its own GTK thread
/// and blocks the caller until the person answers; commands run on blocking threads, so that is fine.
///
/// Set to a folder, `COUNCIL_DESK_PICK_FOLDER` answers the folder and save dialogs instead (a file is
/// saved there under the suggested name), and `COUNCIL_DESK_PICK_FILE`, set to a file, answers the
/// open dialog: the end-to-end tests cannot answer a GTK dialog. Set, `COUNCIL_DESK_CLOSE_ON_RESTART`
/// makes a restart (another data folder chosen) close the app instead, for the tests to open it again.
#[derive(Debug, Default)]
struct Desktop {
    /// The running app, once it has started: what restarts it.
    app: Arc<OnceLock<tauri::AppHandle>>,
}

const PICK_FOLDER_ENV: &str = "COUNCIL_DESK_PICK_FOLDER";
const PICK_FILE_ENV: &str = "COUNCIL_DESK_PICK_FILE";
const CLOSE_ON_RESTART_ENV: &str = "COUNCIL_DESK_CLOSE_ON_RESTART";

fn preset() -> Option<PathBuf> {
    std::env::var_os(PICK_FOLDER_ENV).map(PathBuf::from)
}

impl Platform for Desktop {
    fn save_file(&self, name: &str) -> Option<PathBuf> {
        if let Some(dir) = preset() {
            return Some(dir.join(name));
        }
        rfd::FileDialog::new().set_file_name(name).save_file()
    }

    fn pick_folder(&self) -> Option<PathBuf> {
        if let Some(dir) = preset() {
            return Some(dir);
        }
        rfd::FileDialog::new().pick_folder()
    }

    fn open_file(&self, kind: FileChoice) -> Option<PathBuf> {
        if let Some(file) = std::env::var_os(PICK_FILE_ENV) {
            return Some(PathBuf::from(file));
        }
        let dialog = match kind {
            FileChoice::Backup => rfd::FileDialog::new().add_filter("Council Desk backup", &["sqlite3"]),
            FileChoice::Handover => rfd::FileDialog::new().add_filter("引き継ぎファイル / hand-over", &["handover"]),
            FileChoice::Invitation => rfd::FileDialog::new().add_filter("招待ファイル / invitation", &["invitation"]),
        };
        dialog.pick_file()
    }

    fn show_pdf(&self, path: &Path) -> bool {
        viewer::show(path)
    }

    fn restart(&self) {
        let Some(app) = self.app.get() else { return };
        // The end-to-end tests cannot follow a process started anew: they open the app again.
        if std::env::var_os(CLOSE_ON_RESTART_ENV).is_some() {
            app.exit(0);
        } else {
            app.restart();
        }
    }
}

mod viewer {
    //! The system's PDF viewer, and whether it opened. On Linux `xdg-open` says so by its exit status
    //! (3 or 4: no application for PDFs, or it failed) — which `opener` does not look at, since
    //! `xdg-open` may stay until the viewer closes — so it is run here and given a moment: an early
    //! failure means no viewer opened; still running, or done without an error, means one did.

    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// How long `xdg-open` is given to say that it could not open the PDF.
    const GRACE: Duration = Duration::from_secs(2);

    pub fn show(path: &Path) -> bool {
        #[cfg(target_os = "linux")]
        {
            let spawned = Command::new("xdg-open")
                .arg(path)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            // Without the system's xdg-open, opener's own copy of the script tries.
            let Ok(mut child) = spawned else { return opener::open(path).is_ok() };
            let deadline = Instant::now() + GRACE;
            loop {
                match child.try_wait() {
                    Ok(Some(status)) => return status.success(),
                    Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                    Ok(None) => {
                        // The viewer is open and xdg-open waits for it: reaped when it closes.
                        std::thread::spawn(move || child.wait());
                        return true;
                    }
                    Err(_) => return false,
                }
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            opener::open(path).is_ok()
        }
    }
}

/// Runs one call from the window: the command's arguments as sent, its answer as JSON or raw bytes.
/// Always handled here: a name the list does not have is answered with an error.
fn handle(cx: &Arc<Cx>, invoke: Invoke) -> bool {
    let name = invoke.message.command().to_owned();
    let args = match invoke.message.payload() {
        InvokeBody::Json(value) => value.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let cx = Arc::clone(cx);
    tauri::async_runtime::spawn_blocking(move || {
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| council_api::dispatch(&cx, &name, args)))
            .unwrap_or_else(|_| Err(panicked(&name)));
        match answer {
            Ok(Reply::Json(value)) => invoke.resolver.resolve(value),
            Ok(Reply::Bytes(bytes)) => invoke.resolver.resolve(tauri::ipc::Response::new(bytes)),
            Err(e) => invoke.resolver.reject(e),
        }
    });
    true
}

/// A command that panicked: nothing half-written stays (writes are transactions), and the window hears
/// what to do.
fn panicked(name: &str) -> ErrorPayload {
    ErrorPayload::from(council_domain::Error::Io(std::io::Error::other(format!("{name} stopped unexpectedly"))))
}

/// The commands' context for the data folder the app and the CLI share (or `COUNCIL_DESK_DATA`), with
/// the app's handle to come (`app`) for restarting.
fn context(app: Arc<OnceLock<tauri::AppHandle>>) -> Arc<Cx> {
    let resolved = DataDir::resolve_noting(None).map_err(ErrorPayload::from);
    let note = resolved.as_ref().ok().and_then(|(_, note)| note.clone());
    let dir = resolved.map(|(dir, _)| dir);
    let runtime = Some(tauri::async_runtime::handle().inner().clone());
    let cx = Cx::new(dir, clock::from_env, Box::new(Desktop { app }), runtime);
    cx.note_folder(note);
    Arc::new(cx)
}

mod startup_probe {
    //! Benchmarks only (`scripts/bench.sh`): with `COUNCIL_DESK_STARTUP_PROBE=1` the window reports on
    //! standard error when Home first shows data (the unpaid-dues figure), then opens the member list
    //! and reports when its rows are shown, so a script can time start-up and measure memory there.
    //! Without the variable nothing is injected or printed.

    use tauri::Listener as _;

    const VAR: &str = "COUNCIL_DESK_STARTUP_PROBE";

    /// Waits (frame by frame) for `selector`, then emits `startup-probe` with `step` after the frame
    /// that shows it has been painted; after Home, goes on to the member list.
    const SCRIPT: &str = r#"(() => {
  const emit = (step) => window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'startup-probe', payload: step });
  const when = (selector, step, next) => {
    const look = () => document.querySelector(selector)
      ? requestAnimationFrame(() => requestAnimationFrame(() => { emit(step); next(); }))
      : requestAnimationFrame(look);
    look();
  };
  when('[data-testid="home-unpaid"]', 'home', () => {
    location.hash = '#/members';
    when('[data-testid="member-row"]', 'members', () => {});
  });
})();"#;

    fn enabled() -> bool {
        std::env::var_os(VAR).is_some()
    }

    /// Prints each step the page reports.
    pub fn listen(app: &tauri::App) {
        if enabled() {
            app.listen("startup-probe", |event| eprintln!("startup-probe: {}", event.payload().trim_matches('"')));
        }
    }

    /// Starts watching once the page has loaded.
    pub fn inject(webview: &tauri::Webview, payload: &tauri::webview::PageLoadPayload<'_>) {
        if enabled() && payload.event() == tauri::webview::PageLoadEvent::Finished {
            let _ = webview.eval(SCRIPT);
        }
    }
}

/// Builds and runs the app.
pub fn run() {
    rendering::choose();
    fonts::choose();
    let app_handle = Arc::new(OnceLock::new());
    let cx = context(Arc::clone(&app_handle));
    let handler_cx = Arc::clone(&cx);
    let closing_cx = Arc::clone(&cx);
    tauri::Builder::default()
        // The window from the configuration exists by now (Tauri creates it before this hook). The
        // folder opens only now: the check reads the whole database, and beside the window's own
        // creation (GTK and WebKit loading in the same process) it delayed the window (BENCHMARKS.md).
        .setup(move |app| {
            let _ = app_handle.set(app.handle().clone());
            cx.start_opening();
            submissions::start(app.handle(), &cx);
            startup_probe::listen(app);
            Ok(())
        })
        .on_page_load(startup_probe::inject)
        .invoke_handler(move |invoke| handle(&handler_cx, invoke))
        .build(tauri::generate_context!())
        .expect("the Council Desk window could not start")
        .run(move |_app, event| {
            if let tauri::RunEvent::Exit = event {
                closing_cx.keep_home_figures();
            }
        });
}
