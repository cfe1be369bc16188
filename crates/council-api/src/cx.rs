//! What every command runs with ([`Cx`]): the council's data folder once it is open, Home's kept
//! figures, the outbox of submission packages, and the platform's dialogs.
//!
//! The folder opens on a thread of its own while the window starts ([`Cx::start_opening`]); a command
//! that comes first waits for it. Nothing here holds a lock while a command runs: the session lets
//! reads run beside each other and beside the one writer, so a document being typeset or a slow
//! import never makes another screen wait.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use council_domain::clock::Clock;
use council_domain::home::Figures;
use council_domain::text::Text;
use council_domain::{Read, Session};
use council_store::data_dir::DataDir;
use council_submit::Outbox;

use crate::error::ErrorPayload;

/// A file the window asks for with the system's open dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChoice {
    /// A backup (`.sqlite3`).
    Backup,
    /// A hand-over file (`.handover`).
    Handover,
    /// An invitation to share a council (`.invitation`).
    Invitation,
}

/// What only the desktop shell can do: the native dialogs and the system's PDF viewer. Each dialog
/// answers `None` when the person cancels it.
pub trait Platform: Send + Sync + std::fmt::Debug {
    /// Asks where to save a file, suggesting `name`.
    fn save_file(&self, name: &str) -> Option<PathBuf>;
    /// Asks for a folder.
    fn pick_folder(&self) -> Option<PathBuf>;
    /// Asks for a file to open.
    fn open_file(&self, kind: FileChoice) -> Option<PathBuf>;
    /// Opens a PDF in the system's viewer to print from; false when none could be opened.
    fn show_pdf(&self, path: &Path) -> bool;
    /// Closes the app and starts it again (after another data folder was chosen). Without a window
    /// (the CLI, tests) nothing happens.
    fn restart(&self) {}
}

/// No window: every dialog is cancelled and nothing can be shown (the CLI, tests).
#[derive(Debug, Default, Clone, Copy)]
pub struct Headless;

impl Platform for Headless {
    fn save_file(&self, _name: &str) -> Option<PathBuf> {
        None
    }

    fn pick_folder(&self) -> Option<PathBuf> {
        None
    }

    fn open_file(&self, _kind: FileChoice) -> Option<PathBuf> {
        None
    }

    fn show_pdf(&self, _path: &Path) -> bool {
        false
    }
}

/// The context of every command. Shared by every thread of the window (`Sync`).
#[derive(Debug)]
pub struct Cx {
    dir: Result<DataDir, ErrorPayload>,
    session: OnceLock<Mutex<Result<Arc<Session>, ErrorPayload>>>,
    figures: Option<Figures>,
    outbox: Result<Outbox, ErrorPayload>,
    platform: Box<dyn Platform>,
    runtime: Option<tokio::runtime::Handle>,
    clock: fn() -> Box<dyn Clock>,
    /// Every file the open dialog returned since the app started: the only files outside the data
    /// folder a command reads on the window's word.
    chosen: Mutex<Vec<PathBuf>>,
    /// The signing key's passphrase, once typed (kept in memory until the app closes).
    key_passphrase: Mutex<Option<secrecy::SecretString>>,
    /// Why this is not the data folder chosen in Settings (it was not there at the start).
    folder_note: Mutex<Option<Text>>,
}

impl Cx {
    /// The context for the data folder `dir` (or why it could not be found), not opened yet: see
    /// [`Cx::start_opening`] and [`Cx::opened`].
    /// `clock` is where "now" comes from for the sessions the context opens (the system clock, or
    /// the fixed date of `COUNCIL_DESK_TODAY`: [`council_domain::clock::from_env`]).
    pub fn new(
        dir: Result<DataDir, ErrorPayload>,
        clock: fn() -> Box<dyn Clock>,
        platform: Box<dyn Platform>,
        runtime: Option<tokio::runtime::Handle>,
    ) -> Self {
        // A write this PC's role in the sharing does not allow is refused before it commits.
        council_sync::roles::install();
        let outbox = dir.clone().and_then(|dir| Outbox::open(&dir).map_err(ErrorPayload::from));
        let figures = dir.as_ref().ok().map(Figures::kept_in);
        Self {
            dir,
            session: OnceLock::new(),
            figures,
            outbox,
            platform,
            runtime,
            clock,
            chosen: Mutex::default(),
            key_passphrase: Mutex::default(),
            folder_note: Mutex::default(),
        }
    }

    /// Notes why the folder open is not the one chosen in Settings (shown on Home and in Settings).
    pub fn note_folder(&self, note: Option<Text>) {
        *self.folder_note.lock().unwrap_or_else(PoisonError::into_inner) = note;
    }

    /// Why the folder open is not the one chosen in Settings, if it is not.
    pub fn folder_note(&self) -> Option<Text> {
        self.folder_note.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// A context on a session already open (the CLI, tests), without a window.
    pub fn with_session(session: Session) -> Self {
        let cx = Self::new(Ok(session.dir().clone()), council_domain::clock::from_env, Box::new(Headless), None);
        cx.set_session(Ok(Arc::new(session)));
        cx
    }

    /// A clock of the kind the context opens sessions with.
    pub fn clock(&self) -> Box<dyn Clock> {
        (self.clock)()
    }

    /// Opens the data folder on a thread of its own (see [`Cx::start_opening_with`]).
    pub fn start_opening(self: &Arc<Self>) {
        let clock = self.clock;
        self.start_opening_with(move |dir| council_domain::open(dir, clock()));
    }

    /// Opens the data folder with `open` on a thread of its own, then works out Home's slowest figure
    /// (the year's dues) while the window is still starting, so that it is ready when Home asks.
    /// Commands that come before the folder is open wait for it.
    pub fn start_opening_with(
        self: &Arc<Self>,
        open: impl FnOnce(DataDir) -> council_domain::Result<Session> + Send + std::panic::UnwindSafe + 'static,
    ) {
        let cx = Arc::clone(self);
        std::thread::spawn(move || {
            let dir = cx.dir.clone();
            let opened = dir.and_then(|dir| {
                std::panic::catch_unwind(|| open(dir).map_err(ErrorPayload::from)).unwrap_or_else(|_| {
                    Err(ErrorPayload::from(council_domain::Error::Io(std::io::Error::other(
                        "the data folder could not be opened",
                    ))))
                })
            });
            cx.set_session(opened.map(Arc::new));
            let _ = cx.read(|r| cx.figures()?.dues_overview(r, None, r.today()).map_err(ErrorPayload::from));
            Self::sync_in_background(Arc::downgrade(&cx));
        });
    }

    /// While the app is open, a shared council syncs every few minutes when its shared folder can be
    /// reached (and quietly waits when it cannot: the changes stay on this PC until the next time).
    fn sync_in_background(cx: std::sync::Weak<Self>) {
        const EVERY: std::time::Duration = std::time::Duration::from_secs(300);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                let Some(cx) = cx.upgrade() else { return };
                if let Ok(session) = cx.session()
                    && council_sync::share::status(&session).is_ok_and(|s| s.shared)
                {
                    let _ = council_sync::share::sync_now(&session);
                }
            }
        });
    }

    /// Opening happens once per context: a second answer is dropped.
    fn set_session(&self, session: Result<Arc<Session>, ErrorPayload>) {
        let _ = self.session.set(Mutex::new(session));
    }

    /// The open session, waiting for the folder to open; or why it could not be opened.
    pub fn session(&self) -> Result<Arc<Session>, ErrorPayload> {
        let slot = self.session.wait().lock().unwrap_or_else(PoisonError::into_inner);
        slot.clone()
    }

    /// Whether the folder has been opened (successfully or not): without waiting.
    pub fn is_opened(&self) -> bool {
        self.session.get().is_some()
    }

    /// Replaces the session: after a restore into data that could not be opened.
    pub(crate) fn replace_session(&self, session: Session) {
        let slot = self.session.get_or_init(|| Mutex::new(Err(crate::reply::internal("not opened"))));
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Ok(Arc::new(session));
    }

    /// The data folder, whether or not it could be opened.
    pub fn dir(&self) -> Result<&DataDir, ErrorPayload> {
        self.dir.as_ref().map_err(Clone::clone)
    }

    /// Runs a read on the session (see [`Session::read`]).
    pub fn read<T, E>(&self, f: impl FnOnce(&Read<'_>) -> Result<T, E>) -> Result<T, ErrorPayload>
    where
        E: From<council_domain::Error> + Into<ErrorPayload>,
    {
        self.session()?.read(f).map_err(Into::into)
    }

    /// Runs one use case's write on the session (see [`Session::write`]).
    pub fn write<T, E>(&self, f: impl FnOnce(&council_domain::Write<'_>) -> Result<T, E>) -> Result<T, ErrorPayload>
    where
        E: From<council_domain::Error> + Into<ErrorPayload>,
    {
        self.session()?.write(f).map_err(Into::into)
    }

    /// Home's kept figures.
    pub fn figures(&self) -> Result<&Figures, ErrorPayload> {
        self.figures.as_ref().ok_or_else(|| self.dir().err().unwrap_or_else(|| crate::reply::internal("no figures")))
    }

    /// The outbox of submission packages.
    pub fn outbox(&self) -> Result<&Outbox, ErrorPayload> {
        self.outbox.as_ref().map_err(Clone::clone)
    }

    /// The platform's dialogs and viewer.
    pub fn platform(&self) -> &dyn Platform {
        &*self.platform
    }

    /// What opens the council's signing key: this PC's keyring, and the passphrase typed since the
    /// app started, if any.
    pub fn key_lock(&self) -> council_submit::keys::KeyLock {
        council_submit::keys::KeyLock::of_this_pc(
            self.key_passphrase.lock().unwrap_or_else(PoisonError::into_inner).clone(),
        )
    }

    /// Keeps the signing key's passphrase for the rest of the run (it opened the key).
    pub fn remember_key_passphrase(&self, passphrase: secrecy::SecretString) {
        *self.key_passphrase.lock().unwrap_or_else(PoisonError::into_inner) = Some(passphrase);
    }

    /// Asks for a file to open with the platform's dialog, and remembers the answer for
    /// [`Cx::chosen_file`].
    pub fn open_file(&self, kind: FileChoice) -> Option<PathBuf> {
        let path = self.platform.open_file(kind)?;
        self.chosen.lock().unwrap_or_else(PoisonError::into_inner).push(path.clone());
        Some(path)
    }

    /// A file the window names for a command to read (a backup to restore, a hand-over to open).
    /// Only a file the open dialog returned since the app started, or a backup in the data folder's
    /// own `backups/`, is accepted: a script in the window cannot make the app read any other file.
    pub fn chosen_file(&self, path: &str) -> Result<PathBuf, ErrorPayload> {
        let path = PathBuf::from(path);
        if self.chosen.lock().unwrap_or_else(PoisonError::into_inner).contains(&path) {
            return Ok(path);
        }
        let in_backups = self.dir.as_ref().ok().and_then(|dir| {
            let folder = dir.backups().canonicalize().ok()?;
            let file = path.canonicalize().ok()?;
            Some(file.parent() == Some(folder.as_path()) && file.is_file())
        });
        if in_backups == Some(true) {
            return Ok(path);
        }
        Err(ErrorPayload::new(
            crate::error::ErrorCode::Validation,
            council_domain::text::Text::new(
                "このファイルは開けません。「ファイルを選ぶ」からファイルを選び直してください。",
                "This file cannot be opened. Choose it again with “Choose the file”.",
            ),
        ))
    }

    /// Runs `future` to its end from a command (commands run on blocking threads, never on the async
    /// runtime's own): network work such as sending the outbox now.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> Result<F::Output, ErrorPayload> {
        match &self.runtime {
            Some(handle) => Ok(handle.block_on(future)),
            None => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|rt| rt.block_on(future))
                .map_err(|e| crate::reply::internal(&e.to_string())),
        }
    }

    /// Works out Home's kept figures again if a change made them stale, for the next start: the app
    /// calls it as it closes (nothing if the folder never opened or is still opening).
    pub fn keep_home_figures(&self) {
        if self.is_opened()
            && let Ok(figures) = self.figures()
        {
            let _ = self.read(|r| figures.keep(r, r.today()).map_err(ErrorPayload::from));
        }
    }

    /// Writes `bytes` where the person chooses in the save dialog, suggesting `name`; `None` when
    /// they cancel.
    pub fn save_as(&self, name: &str, bytes: &[u8]) -> Result<Option<PathBuf>, ErrorPayload> {
        let Some(path) = self.platform.save_file(name) else { return Ok(None) };
        std::fs::write(&path, bytes).map_err(|e| ErrorPayload::from(council_domain::Error::Io(e)))?;
        Ok(Some(path))
    }
}
