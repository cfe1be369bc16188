//! The outbox (送信箱): built packages waiting in `<data>/outbox/` until they are delivered or saved
//! to a folder, surviving restarts.
//!
//! Each package is two files: `<id>.zip` (the package, never changed once written) and `<id>.json`
//! (its [`OutboxEntry`]: state, attempts, last reason), each written to a temporary file, synced and
//! renamed, so a crash leaves either the old record or the new one. Keeping the records as files
//! beside the zips keeps the core's database schema untouched and lets a hand-over or a copy of the
//! folder carry the outbox as it is. While a package is being sent, `<id>.lock` is locked (an OS
//! file lock), so the window's background task and `council outbox send` never send one package at
//! the same time.
//!
//! Delivery ([`Outbox::run`]) is a tokio task: it sends every waiting package whose time has come,
//! waits with exponential backoff (capped) after a failure that may pass, marks a package failed
//! (with the reason) when a person must act, and reports every change and the upload's progress
//! through [`Outbox::subscribe`]. On opening, a package left "sending" by a crash goes back to
//! waiting; delivery is idempotent, so sending it again can never make two copies.
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use council_domain::text::Text;
use council_store::data_dir::DataDir;
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, broadcast};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::package::BuiltPackage;
use crate::purpose::Purpose;
use crate::transport::{DeliveryError, Destination, Shipment};

/// How often the delivery task looks at the outbox when nothing is due: a package put in by another
/// process (`council package build --outbox`) is noticed within this time.
const IDLE_LOOK: Duration = Duration::from_secs(60);

/// The outbox folder of a data folder.
pub fn outbox_dir(data_dir: &DataDir) -> PathBuf {
    data_dir.outbox()
}

/// Writes `bytes` to `path` through a synced temporary file and a rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::now_v7()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is made durable by syncing the folder (where the OS allows it).
        #[cfg(unix)]
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(|e| Error::io(path, e))
}

/// Where a package stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting to be sent (again, after `next_attempt_at` when an attempt failed).
    Waiting,
    /// Being sent now.
    Sending,
    /// Delivered: the destination holds it, checked by its SHA-256.
    Delivered {
        /// When.
        #[ts(type = "string")]
        at: DateTime<Utc>,
        /// Where (a URL or a path).
        location: String,
        /// True when an earlier attempt had got it there already.
        already_there: bool,
    },
    /// Not delivered, and trying again will not help until a person acts.
    Failed {
        /// When.
        #[ts(type = "string")]
        at: DateTime<Utc>,
        /// What happened and what to do.
        reason: Text,
    },
    /// Saved to a folder or USB stick for handing over by hand; not sent unless asked again.
    SavedToFolder {
        /// When.
        #[ts(type = "string")]
        at: DateTime<Utc>,
        /// The file written.
        path: String,
    },
}

/// A copy saved to a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedCopy {
    /// When.
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The file written.
    pub path: String,
}

/// A package in the outbox, as its record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxEntry {
    /// The package's ID.
    pub package_id: String,
    /// Its purpose's ID (`officer_list`), as in its manifest.
    pub purpose: String,
    /// What it is (役員名簿（令和8年度）).
    pub title: Text,
    /// The fiscal year.
    pub fiscal_year: i32,
    /// The name it is delivered under.
    pub file_name: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the zip (hex).
    pub sha256: String,
    /// When it was built.
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// Where it stands.
    pub state: DeliveryState,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// Why the last attempt failed, while it is waiting to try again.
    #[ts(optional)]
    pub last_error: Option<Text>,
    /// When the next attempt is due (none: as soon as there is a destination).
    #[ts(optional, type = "string")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Copies saved to folders.
    pub copies: Vec<SavedCopy>,
}

/// What the window hears from the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum OutboxEvent {
    /// A package was added or its state changed.
    Changed {
        /// The package as it is now.
        entry: Box<OutboxEntry>,
    },
    /// Bytes of a package sent so far.
    Progress {
        /// The package.
        package_id: String,
        /// Bytes sent.
        #[ts(type = "number")]
        sent: u64,
        /// Bytes in all.
        #[ts(type = "number")]
        total: u64,
    },
    /// A package was removed from the outbox.
    Removed {
        /// The package.
        package_id: String,
    },
}

/// What one attempt of `council outbox send` did to a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SendReport {
    /// The package.
    pub package_id: String,
    /// Its title.
    pub title: Text,
    /// Where it stands now.
    pub state: DeliveryState,
    /// In words.
    pub message: Text,
}

/// How often and how long to try again after a failure that may pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failure; it doubles with each further one.
    pub first_delay: Duration,
    /// The longest wait between attempts.
    pub max_delay: Duration,
    /// After this many attempts the package is marked failed; `None`: it waits and tries for as long
    /// as it takes (a PC offline for a week sends on the day it is back).
    pub max_attempts: Option<u32>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { first_delay: Duration::from_secs(30), max_delay: Duration::from_secs(30 * 60), max_attempts: None }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempts + 1`, after `attempts` failures.
    pub fn delay(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        self.first_delay.saturating_mul(1u32 << doublings).min(self.max_delay)
    }
}

#[derive(Debug)]
struct Inner {
    dir: PathBuf,
    policy: RetryPolicy,
    records: Mutex<()>,
    events: broadcast::Sender<OutboxEvent>,
    wake: Notify,
    stopped: AtomicBool,
    destination: RwLock<Option<Arc<Destination>>>,
}

/// The outbox of one data folder. Cheap to clone; `Send + Sync`, so the window keeps one in its
/// state and runs [`Outbox::run`] on its async runtime.
#[derive(Debug, Clone)]
pub struct Outbox {
    inner: Arc<Inner>,
}

fn title_of(purpose_title: &Text, fiscal_year_label: &str) -> Text {
    Text::new(
        format!("{}（{fiscal_year_label}）", purpose_title.ja),
        format!("{} ({fiscal_year_label})", purpose_title.en),
    )
}

impl Outbox {
    /// Opens the outbox of `data_dir` with the default retry policy.
    pub fn open(data_dir: &DataDir) -> Result<Self> {
        Self::open_with(data_dir, RetryPolicy::default())
    }

    /// Opens the outbox of `data_dir`: creates the folder, puts back to waiting what a crash left
    /// "sending", and gives a record to a package whose record was never written.
    pub fn open_with(data_dir: &DataDir, policy: RetryPolicy) -> Result<Self> {
        let dir = outbox_dir(data_dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let (events, _) = broadcast::channel(1024);
        let outbox = Self {
            inner: Arc::new(Inner {
                dir,
                policy,
                records: Mutex::new(()),
                events,
                wake: Notify::new(),
                stopped: AtomicBool::new(false),
                destination: RwLock::new(None),
            }),
        };
        outbox.recover()?;
        Ok(outbox)
    }

    /// Looks at the folder again after its contents were replaced (a hand-over opened on this PC):
    /// recovers as at opening, tells the window about every package, and wakes delivery.
    pub fn reload(&self) -> Result<()> {
        std::fs::create_dir_all(&self.inner.dir).map_err(|e| Error::io(&self.inner.dir, e))?;
        self.recover()?;
        for entry in self.list()? {
            self.emit(OutboxEvent::Changed { entry: Box::new(entry) });
        }
        self.inner.wake.notify_one();
        Ok(())
    }

    fn recover(&self) -> Result<()> {
        let dir = &self.inner.dir;
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(entry.path()); // half-written by a crash
            } else if let Some(id) = name.strip_suffix(".zip") {
                let record = self.record_path(id);
                if !record.exists() {
                    self.adopt(id, &entry.path())?;
                }
            }
        }
        for e in self.list()? {
            if e.state == DeliveryState::Sending && !self.locked_elsewhere(&e.package_id) {
                self.update(&e.package_id, |e| e.state = DeliveryState::Waiting)?;
            }
        }
        Ok(())
    }

    /// A zip whose record was never written (a crash between the two): checked, then recorded as
    /// waiting. A file that is not a sound package is left alone.
    fn adopt(&self, id: &str, zip: &Path) -> Result<()> {
        let Ok(report) = crate::verify::verify_file(zip, None) else { return Ok(()) };
        if report.manifest.package_id != id || !report.ok {
            return Ok(());
        }
        let m = &report.manifest;
        let sha256 = crate::transport::folder::file_sha256(zip).map_err(|e| Error::io(zip, e))?;
        let size = std::fs::metadata(zip).map_err(|e| Error::io(zip, e))?.len();
        let created_at =
            DateTime::parse_from_rfc3339(&m.created_at).map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc));
        let entry = OutboxEntry {
            package_id: m.package_id.clone(),
            purpose: m.purpose.clone(),
            title: title_of(&m.purpose_title, &m.fiscal_year_label),
            fiscal_year: m.fiscal_year,
            file_name: crate::package::delivery_name(m),
            size,
            sha256,
            created_at,
            state: DeliveryState::Waiting,
            attempts: 0,
            last_error: None,
            next_attempt_at: None,
            copies: vec![],
        };
        self.write_record(&entry)
    }

    /// The outbox folder.
    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// Changes and progress, for the window to show as they happen.
    pub fn subscribe(&self) -> broadcast::Receiver<OutboxEvent> {
        self.inner.events.subscribe()
    }

    fn emit(&self, event: OutboxEvent) {
        // No one listening is fine: the records are the truth, events only say they changed.
        let _ = self.inner.events.send(event);
    }

    /// Sets where packages go (none: they wait). The delivery task picks it up at once.
    pub fn set_destination(&self, destination: Option<Destination>) {
        *self.inner.destination.write().unwrap_or_else(std::sync::PoisonError::into_inner) = destination.map(Arc::new);
        self.inner.wake.notify_one();
    }

    fn destination(&self) -> Option<Arc<Destination>> {
        self.inner.destination.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn zip_path(&self, id: &str) -> PathBuf {
        self.inner.dir.join(format!("{id}.zip"))
    }

    fn record_path(&self, id: &str) -> PathBuf {
        self.inner.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.inner.dir.join(format!("{id}.lock"))
    }

    /// The package file of `id` in the outbox.
    pub fn package_path(&self, id: &str) -> Result<PathBuf> {
        self.get(id)?;
        Ok(self.zip_path(id))
    }

    fn check_id(id: &str) -> Result<()> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::NotInOutbox(id.to_owned()));
        }
        Ok(())
    }

    fn write_record(&self, entry: &OutboxEntry) -> Result<()> {
        let path = self.record_path(&entry.package_id);
        let bytes = serde_json::to_vec_pretty(entry).map_err(|e| Error::io(&path, e.into()))?;
        write_atomic(&path, &bytes)
    }

    /// Changes the record of `id` and tells the subscribers.
    fn update(&self, id: &str, change: impl FnOnce(&mut OutboxEntry)) -> Result<OutboxEntry> {
        let entry = {
            let _guard = self.inner.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let mut entry = self.get(id)?;
            change(&mut entry);
            self.write_record(&entry)?;
            entry
        };
        self.emit(OutboxEvent::Changed { entry: Box::new(entry.clone()) });
        Ok(entry)
    }

    /// Puts a built package in the outbox, waiting to be sent.
    pub fn add(&self, package: &BuiltPackage) -> Result<OutboxEntry> {
        let m = &package.manifest;
        Self::check_id(&m.package_id)?;
        write_atomic(&self.zip_path(&m.package_id), &package.bytes)?;
        let created_at =
            DateTime::parse_from_rfc3339(&m.created_at).map_or_else(|_| Utc::now(), |t| t.with_timezone(&Utc));
        let entry = OutboxEntry {
            package_id: m.package_id.clone(),
            purpose: m.purpose.clone(),
            title: title_of(&m.purpose_title, &m.fiscal_year_label),
            fiscal_year: m.fiscal_year,
            file_name: package.file_name.clone(),
            size: package.bytes.len() as u64,
            sha256: package.sha256.clone(),
            created_at,
            state: DeliveryState::Waiting,
            attempts: 0,
            last_error: None,
            next_attempt_at: None,
            copies: vec![],
        };
        {
            let _guard = self.inner.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            self.write_record(&entry)?;
        }
        self.emit(OutboxEvent::Changed { entry: Box::new(entry.clone()) });
        self.inner.wake.notify_one();
        Ok(entry)
    }

    /// Builds the package `request` asks for from the desk's data — signed with the council's key
    /// (made on first use; opened with `lock`), stamped by the desk's clock — and puts it in the outbox. An incomplete
    /// package is refused with the list of what to add, and nothing is written.
    pub fn build_and_add(
        &self,
        session: &council_domain::Session,
        request: &crate::PackageRequest,
        lock: &crate::keys::KeyLock,
    ) -> Result<OutboxEntry> {
        crate::package::refuse_if_incomplete(session, request)?;
        let key = crate::keys::CouncilKey::for_council(session, lock)?;
        let package = crate::package::build(session, request, &key, session.now())?;
        self.add(&package)
    }

    /// The package `id`'s record.
    pub fn get(&self, id: &str) -> Result<OutboxEntry> {
        Self::check_id(id)?;
        let path = self.record_path(id);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotInOutbox(id.to_owned())),
            Err(e) => return Err(Error::io(&path, e)),
        };
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::io(&path, std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }

    /// Every package in the outbox, newest first.
    pub fn list(&self) -> Result<Vec<OutboxEntry>> {
        let dir = &self.inner.dir;
        let mut list = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".json").filter(|id| Self::check_id(id).is_ok()) {
                list.push(self.get(id)?);
            }
        }
        list.sort_by(|a, b| (b.created_at, &b.package_id).cmp(&(a.created_at, &a.package_id)));
        Ok(list)
    }

    /// Copies the package to `folder` (a USB stick) now, whatever its state, checked by reading it
    /// back. A package not yet delivered is then kept as "saved to folder" and no longer sent by
    /// itself ([`Outbox::send_again`] sends it after all). Blocking: the window calls it off its
    /// main thread.
    pub fn save_to_folder(&self, id: &str, folder: &Path) -> Result<OutboxEntry> {
        let entry = self.get(id)?;
        let shipment = Shipment {
            file: self.zip_path(id),
            name: entry.file_name.clone(),
            size: entry.size,
            sha256: entry.sha256.clone(),
        };
        let arrival = crate::transport::folder::copy_verified(folder, &shipment, &|_| {}).map_err(Error::Delivery)?;
        let now = Utc::now();
        self.update(id, |e| {
            e.copies.push(SavedCopy { at: now, path: arrival.location.clone() });
            if !matches!(e.state, DeliveryState::Delivered { .. } | DeliveryState::Sending) {
                e.state = DeliveryState::SavedToFolder { at: now, path: arrival.location.clone() };
                e.next_attempt_at = None;
            }
        })
    }

    /// Sends a failed or saved package again (from now on, with a fresh count of attempts).
    pub fn send_again(&self, id: &str) -> Result<OutboxEntry> {
        let entry = self.update(id, |e| {
            if matches!(
                e.state,
                DeliveryState::Failed { .. } | DeliveryState::SavedToFolder { .. } | DeliveryState::Waiting
            ) {
                e.state = DeliveryState::Waiting;
                e.attempts = 0;
                e.next_attempt_at = None;
                e.last_error = None;
            }
        })?;
        self.inner.wake.notify_one();
        Ok(entry)
    }

    /// Removes a delivered or saved package from the outbox. One that has gone nowhere yet is kept:
    /// it would be lost.
    pub fn remove(&self, id: &str) -> Result<()> {
        let entry = self.get(id)?;
        if !matches!(entry.state, DeliveryState::Delivered { .. } | DeliveryState::SavedToFolder { .. }) {
            return Err(Error::Config(Text::new(
                "まだ届けていないパッケージは送信箱から消せません。送るか、フォルダーに保存してから消してください。",
                "A package that has not been delivered cannot be removed. Send it or save it to a folder first.",
            )));
        }
        for path in [self.record_path(id), self.zip_path(id), self.lock_path(id)] {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        self.emit(OutboxEvent::Removed { package_id: id.to_owned() });
        Ok(())
    }

    fn locked_elsewhere(&self, id: &str) -> bool {
        let Ok(f) = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(self.lock_path(id))
        else {
            return false;
        };
        matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock))
    }

    /// One delivery attempt of package `id` to `destination`, with the record kept up to date.
    async fn attempt(&self, id: &str, destination: &Destination) -> Result<OutboxEntry> {
        let lock_path = self.lock_path(id);
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Busy(id.to_owned())),
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
        let entry = self.update(id, |e| e.state = DeliveryState::Sending)?;
        let shipment = Shipment {
            file: self.zip_path(id),
            name: entry.file_name.clone(),
            size: entry.size,
            sha256: entry.sha256.clone(),
        };
        let total = entry.size;
        let events = self.inner.events.clone();
        let package_id = id.to_owned();
        let last = AtomicU64::new(0);
        let step = (total / 100).max(64 * 1024);
        let progress: crate::transport::ProgressFn = Arc::new(move |sent| {
            let before = last.load(Ordering::Relaxed);
            if sent == total || sent >= before + step || sent < before {
                last.store(sent, Ordering::Relaxed);
                let _ = events.send(OutboxEvent::Progress { package_id: package_id.clone(), sent, total });
            }
        });
        let outcome = destination.deliver(&shipment, progress).await;
        let now = Utc::now();
        let policy = self.inner.policy;
        let result = self.update(id, |e| {
            e.attempts += 1;
            match outcome {
                Ok(arrival) => {
                    e.state = DeliveryState::Delivered {
                        at: now,
                        location: arrival.location,
                        already_there: arrival.already_there,
                    };
                    e.last_error = None;
                    e.next_attempt_at = None;
                }
                Err(DeliveryError { permanent: true, text }) => {
                    e.state = DeliveryState::Failed { at: now, reason: text.clone() };
                    e.last_error = Some(text);
                    e.next_attempt_at = None;
                }
                Err(DeliveryError { permanent: false, text }) => {
                    if policy.max_attempts.is_some_and(|max| e.attempts >= max) {
                        let reason = Text::new(
                            format!("{}回送ってみましたが届きませんでした。最後の理由: {}", e.attempts, text.ja),
                            format!("Tried {} times without success. Last reason: {}", e.attempts, text.en),
                        );
                        e.state = DeliveryState::Failed { at: now, reason };
                        e.next_attempt_at = None;
                    } else {
                        e.state = DeliveryState::Waiting;
                        let wait =
                            chrono::Duration::from_std(policy.delay(e.attempts)).unwrap_or(chrono::Duration::MAX);
                        e.next_attempt_at = Some(now + wait);
                    }
                    e.last_error = Some(text);
                }
            }
        });
        drop(lock);
        result
    }

    /// Tries every package that is waiting or failed once, now, ignoring any backoff
    /// (`council outbox send`, the window's 今すぐ送る). A package being sent elsewhere is skipped.
    pub async fn send_now(&self) -> Result<Vec<SendReport>> {
        let destination = self.destination().ok_or(Error::NoDestination)?;
        let mut reports = Vec::new();
        for entry in self.list()? {
            if !matches!(entry.state, DeliveryState::Waiting | DeliveryState::Failed { .. }) {
                continue;
            }
            let after = match self.attempt(&entry.package_id, &destination).await {
                Ok(after) => after,
                Err(Error::Busy(_)) => {
                    reports.push(SendReport {
                        package_id: entry.package_id.clone(),
                        title: entry.title.clone(),
                        state: DeliveryState::Sending,
                        message: Error::Busy(entry.package_id.clone()).text(),
                    });
                    continue;
                }
                Err(e) => return Err(e),
            };
            let message = match &after.state {
                DeliveryState::Delivered { location, already_there, .. } => Text::new(
                    format!(
                        "届けました: {location}{}",
                        if *already_there { "（前回の送信で届いていました）" } else { "" }
                    ),
                    format!(
                        "Delivered: {location}{}",
                        if *already_there { " (an earlier attempt had got it there)" } else { "" }
                    ),
                ),
                DeliveryState::Failed { reason, .. } => reason.clone(),
                _ => after.last_error.clone().unwrap_or_else(|| Text::new("待機中", "Waiting")),
            };
            reports.push(SendReport {
                package_id: after.package_id.clone(),
                title: after.title.clone(),
                state: after.state.clone(),
                message,
            });
        }
        Ok(reports)
    }

    /// Delivers waiting packages as their time comes, until [`Outbox::stop`]. Run it once per outbox
    /// on the app's async runtime (`tokio::spawn(outbox.clone().run())`).
    pub async fn run(self) {
        while !self.inner.stopped.load(Ordering::SeqCst) {
            let mut next: Option<DateTime<Utc>> = None;
            if let Some(destination) = self.destination() {
                for entry in self.list().unwrap_or_default() {
                    if self.inner.stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    if entry.state != DeliveryState::Waiting {
                        continue;
                    }
                    let due = entry.next_attempt_at.unwrap_or(DateTime::<Utc>::MIN_UTC);
                    if due <= Utc::now() {
                        // A failure is in the record; a package busy elsewhere is looked at again later.
                        let _ = self.attempt(&entry.package_id, &destination).await;
                    }
                }
                for entry in self.list().unwrap_or_default() {
                    if entry.state == DeliveryState::Waiting {
                        let due = entry.next_attempt_at.unwrap_or_else(Utc::now);
                        next = Some(next.map_or(due, |n| n.min(due)));
                    }
                }
            }
            let wait = next.map_or(IDLE_LOOK, |t| {
                (t - Utc::now()).to_std().unwrap_or(Duration::ZERO).max(Duration::from_millis(50))
            });
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = self.inner.wake.notified() => {}
            }
        }
    }

    /// Starts [`Outbox::run`] on the current tokio runtime.
    pub fn spawn(&self) -> tokio::task::JoinHandle<()> {
        self.inner.stopped.store(false, Ordering::SeqCst);
        tokio::spawn(self.clone().run())
    }

    /// Asks the delivery task to stop after the attempt under way, if any.
    pub fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
        self.inner.wake.notify_one();
    }

    /// Wakes the delivery task to look at the outbox now.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// The purpose of an entry, if this build knows it.
    pub fn purpose_of(entry: &OutboxEntry) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.info().id == entry.purpose)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outbox_handle_can_be_shared_across_threads() {
        fn shared<T: Send + Sync + Clone + 'static>() {}
        shared::<Outbox>(); // the window keeps one in its state and runs `run` on its runtime
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let p = RetryPolicy {
            first_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(600),
            max_attempts: None,
        };
        assert_eq!(p.delay(1), Duration::from_secs(30));
        assert_eq!(p.delay(2), Duration::from_secs(60));
        assert_eq!(p.delay(4), Duration::from_secs(240));
        assert_eq!(p.delay(10), Duration::from_secs(600), "capped");
        assert_eq!(p.delay(1000), Duration::from_secs(600), "no overflow far out");
    }
}
