//! The sharing's use cases: set it up, invite a PC, join, sync now, see the status and the
//! conflicts, take the other value, revoke a lost PC.

use age::secrecy::SecretString;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension as _, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use council_base::Text;
use council_store::Session;
use council_store::audit::{AuditAction, Change};
use council_store::capture;
use council_store::data_dir::DataDir;

use crate::changes;
use crate::engine::{self, Applied, Key};
use crate::error::{Error, Result, not_shared};
use crate::keys::{self, Keys};
use crate::personal;
use crate::record::{self, Header};
use crate::remote::{Remote, RemoteConfig};
use crate::roles::{Area, Role};

const SNAPSHOT_MAGIC: &[u8] = b"COUNCIL-DESK-SNAPSHOT 1\n";

/// How far ahead of this PC's own time another PC's clock is taken on: a day (more than any time
/// zone set wrongly). This PC's clock follows the records it takes in, so that a change made here
/// after seeing another PC's comes after it; but a PC whose clock is wrong by more — a year typed
/// wrongly, a clock battery gone flat and set again by hand — would otherwise carry every PC's
/// clock along with it for good, and a record stamped at the end of time (a tampered app's) would
/// leave no time to count on from. That PC's records still apply, each in its place by its own
/// time; Settings names the PC whose clock is ahead.
const CLOCK_AHEAD_MS: i64 = 24 * 60 * 60 * 1000;

/// How far ahead of this PC's time a PC's newest change must be for Settings to say that PC's
/// clock is wrong: two days, beyond the day a PC with a right clock may have taken on from one
/// that is ahead. On this PC's own entry it means this PC's clock has gone back (a flat clock
/// battery) or was ahead before.
const CLOCK_WRONG_MS: i64 = 2 * CLOCK_AHEAD_MS;

/// The clock `ahead_ms` past `now`.
fn clock_cap(now: DateTime<Utc>, ahead_ms: i64) -> i64 {
    now.timestamp_millis().clamp(0, i64::MAX >> 17).saturating_add(ahead_ms) << 16
}
const INVITATION_MAGIC: &str = "council-desk-invitation-1";
/// The largest record or snapshot file read (a hostile folder cannot exhaust memory).
pub(crate) const MAX_FILE: usize = 512 * 1024 * 1024;

/// This PC's place in the sharing.
#[derive(Debug, Clone)]
struct State {
    sharing: String,
    device: String,
    remote: RemoteConfig,
}

fn state(conn: &Connection) -> Result<Option<State>> {
    let row: Option<(String, String, String)> = conn
        .query_row("SELECT sharing_id, device_id, remote_json FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    row.map(|(sharing, device, remote)| {
        let remote = serde_json::from_str(&remote).map_err(|_| {
            Error::invalid("共有フォルダの設定が読み取れません。", "The shared folder's setting cannot be read.")
        })?;
        Ok(State { sharing, device, remote })
    })
    .transpose()
}

/// The shared folder, with the WebDAV password just typed (before it is kept) or the one kept.
fn open_with(remote: &RemoteConfig, password: Option<&str>, dir: &DataDir) -> Result<Box<dyn Remote>> {
    match (remote, password) {
        (RemoteConfig::WebDav { url, user }, Some(password)) => {
            Ok(Box::new(crate::webdav::WebDav::new(url, user, password)?))
        }
        _ => remote.open(dir),
    }
}

fn required(conn: &Connection) -> Result<State> {
    state(conn)?.ok_or_else(not_shared)
}

/// Sets up sharing on the first PC (a WebDAV folder with its password): its keys, the device list with this PC as `role`, and the
/// snapshot the other PCs start from, in the shared folder.
pub fn setup(
    session: &Session,
    remote: RemoteConfig,
    webdav_password: Option<&str>,
    officer: &str,
    role: Role,
) -> Result<SyncStatus> {
    let officer = officer.trim();
    if officer.is_empty() {
        return Err(Error::invalid("このPCを使う役員の名前を入れてください。", "Enter the officer using this PC."));
    }
    if session.read(|r| Ok::<_, Error>(state(r)?.is_some()))? {
        return Err(Error::invalid("この自治会はすでに共有しています。", "This council is already shared."));
    }
    if session.read(|r| Ok::<_, Error>(session.model().council(r)?.is_none()))? {
        return Err(Error::invalid(
            "先に自治会を作ってから共有を始めてください。",
            "Set up the council before sharing it.",
        ));
    }
    if let RemoteConfig::Folder { path } = &remote {
        // A new folder on a drive that is there is made; a drive that is not there stays an error.
        let path = std::path::Path::new(path);
        if path.parent().is_some_and(std::path::Path::is_dir) {
            std::fs::create_dir_all(path)?;
        }
    }
    let folder = open_with(&remote, webdav_password, session.dir())?;
    if folder.get("sharing.json")?.is_some() {
        return Err(Error::invalid(
            "この共有フォルダはすでにほかの自治会（または以前の共有）が使っています。空のフォルダを選んでください。",
            "This shared folder is already used by a council (or an earlier sharing). Choose an empty folder.",
        ));
    }
    let keys = Keys::generate()?;
    // Kept only once the folder answered to it.
    if let Some(password) = webdav_password {
        keys::save_webdav_password(session.dir(), password)?;
    }
    let sharing = uuid::Uuid::now_v7().to_string();
    let device = uuid::Uuid::now_v7().to_string();
    let now = session.now();
    keys.save(session.dir())?;
    session.write_received(|tx| {
        tx.execute(
            "INSERT INTO sync_state (singleton, sharing_id, device_id, clock, next_seq, remote_json) VALUES (1, ?1, ?2, 0, 1, ?3)",
            params![sharing, device, serde_json::to_string(&remote).unwrap_or_default()],
        )?;
        tx.execute(
            "INSERT INTO sync_device (id, public_key, officer, role, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![device, keys::public_text(&keys.device.verifying_key()), officer, role.as_str(), now.to_rfc3339()],
        )?;
        capture::tick(tx, now)?;
        Ok::<_, Error>(())
    })?;
    let snapshot = make_snapshot(session, &keys)?;
    let announced = serde_json::json!({ "council_desk_sharing": sharing });
    let put = push_attachments(session, &*folder, &keys)
        .and_then(|()| folder.put(&format!("snapshots/{}", snapshot.0), &snapshot.1))
        .and_then(|()| folder.put("sharing.json", announced.to_string().as_bytes()));
    if let Err(e) = put {
        // Nothing of the sharing stays behind when the folder could not be written.
        session.write_received(|tx| {
            tx.execute_batch("DELETE FROM sync_state; DELETE FROM sync_device;")?;
            Ok::<_, Error>(())
        })?;
        Keys::remove(session.dir())?;
        return Err(e);
    }
    status(session)
}

/// The whole shared data now, signed and encrypted: its file name and bytes.
fn make_snapshot(session: &Session, keys: &Keys) -> Result<(String, Vec<u8>)> {
    let tmp = session.dir().temporary();
    std::fs::create_dir_all(&tmp)?;
    let file = tmp.join(format!("snapshot-{}.db", uuid::Uuid::now_v7()));
    let (state, clock, included, roster, to) = session.read(|r| {
        let state = required(r)?;
        let clock: i64 = r.query_row("SELECT clock FROM sync_state", [], |row| row.get(0))?;
        // Each PC's last record held, with its hash: a PC starting from the snapshot checks that the
        // next record it fetches follows on from it.
        let mut stmt = r.prepare(
            "SELECT device, seq, clock, (SELECT hash FROM sync_log h WHERE h.device = m.device AND h.seq = m.seq)
               FROM (SELECT device, max(seq) AS seq, max(clock) AS clock FROM sync_log
                      WHERE state <> 'waiting' GROUP BY device) m
              ORDER BY device",
        )?;
        let included: Vec<Held> = stmt
            .query_map([], |row| {
                Ok(Held { device: row.get(0)?, seq: row.get(1)?, clock: row.get(2)?, hash: row.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let roster = personal::holds_roster(r)?;
        let to = if roster { personal::recipients(r)? } else { Vec::new() };
        Ok::<_, Error>((state, clock, included, roster, to))
    })?;
    // The copy is taken on the writer's connection, so no write slips in between the figures above
    // and the data.
    session.with_writer(|store| {
        store.conn().backup(rusqlite::MAIN_DB, &file, None::<fn(rusqlite::backup::Progress)>)?;
        Ok(())
    })?;
    let result = (|| {
        // The roster's personal details leave the copy; a PC keeping the roster seals them to the
        // PCs that keep it.
        let sealed = {
            let copy = Connection::open(&file)?;
            for table in capture::LOCAL_TABLES {
                copy.execute(&format!("DELETE FROM {table}"), [])?;
            }
            copy.execute_batch("BEGIN")?;
            let details = personal::take_out(&copy)?;
            copy.execute_batch("COMMIT")?;
            copy.execute_batch("VACUUM")?;
            match roster && !to.is_empty() {
                true => personal::seal(&serde_json::to_vec(&details).unwrap_or_default(), &to)?,
                false => String::new(),
            }
        };
        let db = std::fs::read(&file)?;
        let header = serde_json::to_vec(&serde_json::json!({
            "sharing": state.sharing,
            "device": state.device,
            "clock": clock,
            "schema": council_store::store::latest_version(),
            "included": included.iter().map(|h| serde_json::json!([h.device, h.seq, h.clock, h.hash])).collect::<Vec<_>>(),
            "roster": roster,
            "personal": sealed,
        }))
        .unwrap_or_default();
        let mut plain = Vec::with_capacity(db.len() + header.len() + 128);
        plain.extend_from_slice(SNAPSHOT_MAGIC);
        plain.extend_from_slice(&(header.len() as u32).to_le_bytes());
        plain.extend_from_slice(&header);
        plain.extend_from_slice(&db);
        let signature = keys.sign(&plain);
        plain.extend_from_slice(&signature);
        Ok::<_, Error>((format!("{clock:020}-{}.snap", state.device), record::seal(&plain, keys)?))
    })();
    let _ = std::fs::remove_file(&file);
    result
}

/// The invitation file's contents (encrypted under its one-time passphrase).
#[derive(Debug, Serialize, Deserialize)]
struct Invitation {
    format: String,
    sharing: String,
    council_name: String,
    remote: RemoteConfig,
    council_key: String,
    device: String,
    device_key: String,
    officer: String,
    role: Role,
    /// Every device's public key when invited: the snapshot a new PC starts from is signed by one.
    devices: Vec<(String, String)>,
    /// The shared WebDAV folder's password, when the folder is one.
    #[serde(default)]
    webdav_password: Option<String>,
}

/// Invites a PC for `officer` in `role` (a 会長's PC only): registers the new PC in the device list
/// (a record, sent now when the folder can be reached) and returns the invitation file, encrypted
/// under `passphrase`.
pub fn invite(session: &Session, officer: &str, role: Role, block: Option<&str>, passphrase: &str) -> Result<Vec<u8>> {
    let officer = officer.trim();
    if officer.is_empty() {
        return Err(Error::invalid("招待する役員の名前を入れてください。", "Enter the invited officer's name."));
    }
    if passphrase.chars().count() < 8 {
        return Err(Error::invalid(
            "合言葉は8文字以上にしてください。招待ファイルとは別に（電話や手渡しで）伝えます。",
            "Use a passphrase of at least 8 characters, and pass it on separately from the file.",
        ));
    }
    let (state, my_role) = session.read(|r| {
        let state = required(r)?;
        let role: String =
            r.query_row("SELECT role FROM sync_device WHERE id = ?1", params![state.device], |row| row.get(0))?;
        Ok::<_, Error>((state, Role::parse(&role)))
    })?;
    if my_role != Some(Role::Chair) {
        return Err(Error::invalid(
            "PCを招待できるのは会長のPCだけです。",
            "Only the chair's PC can invite another PC.",
        ));
    }
    if role == Role::BlockLeader && block.is_none() {
        return Err(Error::invalid("班長の班を選んでください。", "Choose the block leader's block."));
    }
    let keys = Keys::load(session.dir())?;
    let new_key = keys::new_device_key()?;
    let device = uuid::Uuid::now_v7().to_string();
    let now = session.now();
    session.write(|w| {
        w.execute(
            "INSERT INTO sync_device (id, public_key, officer, role, block_id, added_at, series)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT coalesce(max(series), 0) + 1 FROM sync_device))",
            params![
                device,
                keys::public_text(&new_key.verifying_key()),
                officer,
                role.as_str(),
                block,
                now.to_rfc3339()
            ],
        )?;
        w.record(Change {
            entity: "sync_device",
            entity_id: &device,
            action: AuditAction::Create,
            summary: format!("{}（{}）のPCを共有に招待", officer, role.label_ja()),
            before: None,
            after: None,
        })?;
        Ok::<_, Error>(())
    })?;
    // The new PC finds itself in the device list only once this record is in the shared folder, and
    // a PC keeping the roster starts from a snapshot whose personal details are sealed to it too. A
    // whole sync, so that the snapshot also holds the records the others sent before they knew of
    // the new PC (sealed without it). Offline, the invitation is made all the same: the new PC's
    // join then asks for a sync here first, and Home says why the sync failed.
    let folder = state.remote.open(session.dir())?;
    let before = folder.list("snapshots").unwrap_or_default();
    if sync_recorded(session).is_ok() && personal::sees_roster(role) {
        // The sync puts one up for a keeping PC invited since the newest (`snapshot_when_due`),
        // unless that one was taken within the same millisecond as the invitation.
        let taken = folder.list("snapshots").is_ok_and(|now| now.iter().any(|name| !before.contains(name)));
        if !taken && let Ok((name, bytes)) = make_snapshot(session, &keys) {
            folder.put(&format!("snapshots/{name}"), &bytes).ok();
        }
    }
    let (council_name, devices) = session.read(|r| {
        let name = session.model().council(r)?.map(|c| c.name).unwrap_or_default();
        let mut stmt = r.prepare("SELECT id, public_key FROM sync_device WHERE revoked_clock IS NULL ORDER BY id")?;
        let devices = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok::<_, Error>((name, devices))
    })?;
    let invitation_remote_is_webdav = matches!(state.remote, RemoteConfig::WebDav { .. });
    let invitation = Invitation {
        format: INVITATION_MAGIC.to_owned(),
        sharing: state.sharing,
        council_name,
        remote: state.remote,
        council_key: keys.council_text(),
        device,
        device_key: hex::encode(new_key.to_bytes()),
        officer: officer.to_owned(),
        role,
        devices,
        webdav_password: match invitation_remote_is_webdav {
            true => Some(keys::webdav_password(session.dir())?),
            false => None,
        },
    };
    let plain = serde_json::to_vec(&invitation).unwrap_or_default();
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| Error::Store(e.into()))?;
    std::io::Write::write_all(&mut writer, &plain)?;
    writer.finish()?;
    Ok(out)
}

fn open_invitation(bytes: &[u8], passphrase: &str) -> Result<Invitation> {
    let wrong = || {
        Error::invalid(
            "招待ファイルを開けません。合言葉が違うか、招待ファイルではありません。",
            "The invitation cannot be opened: the passphrase is wrong, or this is not an invitation file.",
        )
    };
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| wrong())?;
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|_| wrong())?;
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut reader, 1024 * 1024), &mut plain).map_err(|_| wrong())?;
    let invitation: Invitation = serde_json::from_slice(&plain).map_err(|_| wrong())?;
    if invitation.format != INVITATION_MAGIC {
        return Err(wrong());
    }
    Ok(invitation)
}

/// Joins the council on this PC from an invitation: the latest snapshot in the shared folder becomes
/// this PC's data, then the records after it are applied. The data folder must hold no council.
pub fn join(session: &Session, invitation: &[u8], passphrase: &str, officer: Option<&str>) -> Result<SyncStatus> {
    join_choosing_through(session, invitation, passphrase, officer, None)
}

/// [`join`], choosing its snapshot through a given shared folder (the tests' folder that another PC
/// tidies while this one joins); the records are fetched through the invitation's.
pub fn join_choosing_through(
    session: &Session,
    invitation: &[u8],
    passphrase: &str,
    officer: Option<&str>,
    chooser: Option<&dyn Remote>,
) -> Result<SyncStatus> {
    let invitation = open_invitation(invitation, passphrase)?;
    if session.read(|r| Ok::<_, Error>(state(r)?.is_some() || session.model().council(r)?.is_some()))? {
        return Err(Error::invalid(
            "このデータフォルダにはすでに自治会のデータがあります。参加は空のデータフォルダで行ってください（今のデータは引き継ぎファイルかバックアップで保存できます）。",
            "This data folder already holds a council. Join from an empty data folder (save the current data with a backup first).",
        ));
    }
    let keys = Keys::from_texts(&invitation.device_key, &invitation.council_key)?;
    let opened = open_with(&invitation.remote, invitation.webdav_password.as_deref(), session.dir())?;
    let folder = chooser.unwrap_or(&*opened);
    let snapshot = newest_snapshot(folder, &keys, &invitation)?;
    install(session, &keys, &invitation, snapshot)?;
    // A PC tidying the folder between choosing the snapshot and fetching the records after it can
    // remove some of them (this PC has said nothing yet, so it is not waited for): the sync then
    // finds them missing and takes nothing after them, and this PC starts again from the newer
    // snapshot that PC put up first. Nothing of this PC's own is lost: it has written nothing yet.
    for _ in 0..3 {
        match sync_recorded(session) {
            Ok((_, gaps)) if !gaps.is_empty() => match newest_snapshot(folder, &keys, &invitation) {
                Ok(newer) => install(session, &keys, &invitation, newer)?,
                Err(_) => break,
            },
            _ => break,
        }
    }
    if let Some(name) = officer.map(str::trim).filter(|n| !n.is_empty() && *n != invitation.officer) {
        session.write(|w| {
            w.execute("UPDATE sync_device SET officer = ?2 WHERE id = ?1", params![invitation.device, name])?;
            Ok::<_, Error>(())
        })?;
        sync_now(session).ok();
    }
    status(session)
}

/// The newest snapshot in the shared folder this invitation can verify (one made by a PC that joined
/// after the invitation was made is passed over for an older one) and after which every record is
/// still in the folder (older records are removed once a newer snapshot holds them).
fn newest_snapshot(folder: &dyn Remote, keys: &Keys, invitation: &Invitation) -> Result<Snapshot> {
    let mut names: Vec<String> = folder.list("snapshots")?.into_iter().filter(|n| n.ends_with(".snap")).collect();
    if names.is_empty() {
        return Err(Error::invalid(
            "共有フォルダに自治会のデータ（スナップショット）がありません。招待したPCで同期してから、もう一度参加してください。",
            "The shared folder has no snapshot of the council yet. Sync on the inviting PC, then join again.",
        ));
    }
    names.sort();
    let mut refused = None;
    let keeps_roster = personal::sees_roster(invitation.role);
    let claimed = crate::prune::claimed(folder, keys, &invitation.sharing, &invitation.devices)?;
    for name in names.iter().rev() {
        let bytes = folder.get(&format!("snapshots/{name}"))?.unwrap_or_default();
        match open_snapshot(&bytes, keys, invitation) {
            Ok(s) if keeps_roster && personal::open(&s.personal, &personal::identity(keys), MAX_FILE).is_none() => {
                refused = refused.or(Some(Error::invalid(
                    "共有フォルダに、このPCが名簿の個人情報を受け取れるスナップショットがまだありません。招待したPCで同期してから、もう一度参加してください。",
                    "The shared folder has no snapshot yet that carries the roster's personal details for this PC. Sync on the inviting PC, then join again.",
                )))
            }
            Ok(s) if crate::prune::connects(folder, &s.included, &claimed)? => return Ok(s),
            Ok(_) => {
                refused = refused.or(Some(Error::invalid(
                    "共有フォルダのスナップショットの後の記録がそろっていません。招待したPCで同期してから、新しい招待ファイルで参加してください。",
                    "The records after the shared folder's snapshot are not all there. Sync on the inviting PC, then join with a new invitation.",
                )))
            }
            Err(e) => refused = refused.or(Some(e)),
        }
    }
    Err(refused.unwrap_or_else(not_shared))
}

/// Makes `snapshot` this PC's data, sharing as the invitation's device: it holds each PC's records
/// up to its numbers (the last one's hash kept, so the next record fetched must follow on from it).
fn install(session: &Session, keys: &Keys, invitation: &Invitation, snapshot: Snapshot) -> Result<()> {
    let tmp = session.dir().temporary();
    std::fs::create_dir_all(&tmp)?;
    let incoming = tmp.join(format!("join-{}.db", uuid::Uuid::now_v7()));
    std::fs::write(&incoming, &snapshot.db)?;
    // The snapshot must be a sound database of this app before it replaces anything.
    {
        let problems = council_store::integrity::check_file(&incoming, council_store::integrity::Depth::Full)?;
        if !problems.is_empty() {
            let _ = std::fs::remove_file(&incoming);
            return Err(Error::invalid("共有フォルダのデータが壊れています。", "The shared folder's data is damaged."));
        }
    }
    // The sharing's own rows go into the incoming file (brought up to this app's schema first)
    // before it takes the data's place: one rename, so a PC killed while joining has joined whole
    // or not at all.
    let remote_json = serde_json::to_string(&invitation.remote).unwrap_or_default();
    let prepared = (|| {
        let mut store = council_store::store::Store::open(&incoming)?;
        let details = match personal::sees_roster(invitation.role) {
            true => personal::open(&snapshot.personal, &personal::identity(keys), MAX_FILE)
                .and_then(|plain| serde_json::from_slice::<personal::Details>(&plain).ok()),
            false => None,
        };
        store.write(|tx| {
            // A PC keeping the roster gets its personal details back; any other keeps none, even
            // from a snapshot an older app took with them in.
            match &details {
                Some(details) => personal::put_back(tx, details)?,
                None => personal::blank_all(tx)?,
            }
            tx.execute(
                "INSERT INTO sync_state (singleton, sharing_id, device_id, clock, next_seq, remote_json) VALUES (1, ?1, ?2, ?3, 1, ?4)",
                params![invitation.sharing, invitation.device, snapshot.clock.min(clock_cap(session.now(), CLOCK_AHEAD_MS)), remote_json],
            )?;
            let mut held = tx.prepare(
                "INSERT OR IGNORE INTO sync_log (device, seq, clock, officer, schema, changeset, state, sent, hash)
                 VALUES (?1, ?2, ?3, '', 0, x'', 'applied', 1, ?4)",
            )?;
            for h in &snapshot.included {
                for s in 1..=h.seq {
                    held.execute(params![h.device, s, h.clock, if s == h.seq { h.hash.as_deref() } else { None }])?;
                }
            }
            Ok(())
        })?;
        store.conn().pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        Ok::<_, Error>(())
    })();
    if let Err(e) = prepared {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", incoming.display()));
        }
        return Err(e);
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", incoming.display()));
    }
    keys.save(session.dir())?;
    if let Some(password) = &invitation.webdav_password {
        keys::save_webdav_password(session.dir(), password)?;
    }
    session.replace_data(|dir, _| {
        let db = dir.database();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::rename(&incoming, &db)?;
        Ok(())
    })?;
    Ok(())
}
struct Snapshot {
    clock: i64,
    included: Vec<Held>,
    db: Vec<u8>,
    /// The roster's personal details, sealed to the PCs keeping the roster then.
    personal: String,
}

/// How far a snapshot holds a PC's records: its last record's number, clock and hash (`None` when
/// the PC that took the snapshot did not know it, as one itself started from an older snapshot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Held {
    pub device: String,
    pub seq: i64,
    pub clock: i64,
    pub hash: Option<String>,
}

impl Held {
    /// Reads a snapshot header's `included` list: `[device, seq, clock]` or `[device, seq, clock, hash]`
    /// each; `None` if it is anything else.
    fn list_from(value: Option<&serde_json::Value>) -> Option<Vec<Held>> {
        let Some(value) = value else { return Some(Vec::new()) };
        value
            .as_array()?
            .iter()
            .map(|one| {
                let one = one.as_array()?;
                if !(3..=4).contains(&one.len()) {
                    return None;
                }
                Some(Held {
                    device: one[0].as_str()?.to_owned(),
                    seq: one[1].as_i64().filter(|s| *s >= 0)?,
                    clock: one[2].as_i64()?,
                    hash: match one.get(3) {
                        None | Some(serde_json::Value::Null) => None,
                        Some(h) => Some(h.as_str()?.to_owned()),
                    },
                })
            })
            .collect()
    }
}

fn open_snapshot(bytes: &[u8], keys: &Keys, invitation: &Invitation) -> Result<Snapshot> {
    let damaged = || {
        Error::invalid(
            "共有フォルダの自治会データ（スナップショット）を確かめられません。招待したPCに確認してください。",
            "The shared folder's snapshot cannot be verified. Ask the inviting PC's officer.",
        )
    };
    if bytes.len() > MAX_FILE {
        return Err(damaged());
    }
    let plain = record::unseal(bytes, keys).map_err(|_| damaged())?;
    let rest = plain.strip_prefix(SNAPSHOT_MAGIC).ok_or_else(damaged)?;
    if rest.len() < 4 + 64 {
        return Err(damaged());
    }
    let len = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
    let body = &rest[4..rest.len() - 64];
    if len > body.len() {
        return Err(damaged());
    }
    let header: serde_json::Value = serde_json::from_slice(&body[..len]).map_err(|_| damaged())?;
    let signed = &plain[..plain.len() - 64];
    let signature: [u8; 64] = plain[plain.len() - 64..].try_into().map_err(|_| damaged())?;
    let author = header.get("device").and_then(|d| d.as_str()).unwrap_or_default();
    let known = invitation.devices.iter().find(|(id, _)| id == author).ok_or_else(|| {
        Error::invalid(
            "共有フォルダの新しいデータは、この招待ファイルが知らないPC（招待の後に加わったPC、または取り消されたPC）が作ったものです。会長のPCで同期してから、新しい招待ファイルで参加してください。",
            "The shared folder's newest data was made by a PC this invitation does not know (one that joined after it, or was revoked). Sync on the chair's PC, then join with a new invitation.",
        )
    })?;
    if !keys::verify(&known.1, signed, &signature)
        || header.get("sharing").and_then(|s| s.as_str()) != Some(invitation.sharing.as_str())
    {
        return Err(damaged());
    }
    if header.get("schema").and_then(serde_json::Value::as_i64).unwrap_or(i64::MAX)
        > council_store::store::latest_version()
    {
        return Err(Error::invalid(
            "共有されているデータは新しい版のアプリで作られています。アプリを更新してください。",
            "The shared data was made by a newer version of the app. Update the app.",
        ));
    }
    let included = Held::list_from(header.get("included")).ok_or_else(damaged)?;
    Ok(Snapshot {
        clock: header.get("clock").and_then(serde_json::Value::as_i64).unwrap_or_default(),
        included,
        db: body[len..].to_vec(),
        personal: header.get("personal").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned(),
    })
}

/// After this many records since the newest snapshot, a sync takes a new one: a PC joining later
/// starts from it instead of applying every record since the council was first shared.
const SNAPSHOT_EVERY: i64 = 1000;

/// Enters the shared WebDAV folder's password again (changed on the server, or this PC's keyring
/// lost it). It is tried first: a password the server refuses is not kept, and the one before stays.
pub fn set_webdav_password(session: &Session, password: &str) -> Result<SyncStatus> {
    let state = session.read(|r| required(r))?;
    let RemoteConfig::WebDav { url, user } = &state.remote else {
        return Err(Error::invalid(
            "この共有はフォルダを使っているので、パスワードはありません。",
            "This sharing uses a folder, which has no password.",
        ));
    };
    if password.is_empty() {
        return Err(Error::invalid("パスワードを入れてください。", "Enter the password."));
    }
    crate::webdav::WebDav::new(url, user, password)?.list("")?;
    keys::save_webdav_password(session.dir(), password)?;
    status(session)
}

/// Takes a snapshot of the shared data now and puts it in the shared folder; its file name.
pub fn snapshot_now(session: &Session) -> Result<String> {
    let state = session.read(|r| required(r))?;
    if !session.read(|r| personal::holds_roster(r))? {
        return Err(Error::invalid(
            "スナップショットは名簿を預かる役員（会長・書記）のPCが作ります。このPCには名簿の個人情報がないためです。",
            "Snapshots are taken by the PCs of the officers who keep the roster (chair, secretary): this PC does not hold the roster's personal details.",
        ));
    }
    let remote = state.remote.open(session.dir())?;
    let keys = Keys::load(session.dir())?;
    let (name, bytes) = make_snapshot(session, &keys)?;
    remote.put(&format!("snapshots/{name}"), &bytes)?;
    Ok(name)
}

/// Takes a snapshot when the newest one in the shared folder is [`SNAPSHOT_EVERY`] records old, when
/// a PC invited to keep the roster waits for one sealed to it, or when a revoked PC's snapshot may be
/// the only one its tidied records are in.
fn snapshot_when_due(session: &Session, remote: &dyn Remote) -> Result<()> {
    // A PC without the roster's personal details cannot take a snapshot a PC keeping the roster
    // could start from.
    if !session.read(|r| personal::holds_roster(r))? {
        return Ok(());
    }
    // Each snapshot's clock and maker (`<clock>-<device>.snap`).
    let snapshots: Vec<(i64, String)> = remote
        .list("snapshots")?
        .iter()
        .filter_map(|n| {
            let (clock, rest) = n.split_once('-')?;
            Some((clock.parse().ok()?, rest.strip_suffix(".snap")?.to_owned()))
        })
        .collect();
    let revoked: Vec<(String, i64)> = session.read(|r| {
        let mut stmt = r.prepare("SELECT id, revoked_clock FROM sync_device WHERE revoked_clock IS NOT NULL")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok::<_, Error>(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })?;
    let revoked_at = |device: &str| revoked.iter().find(|(d, _)| d == device).map(|(_, at)| *at);
    // A PC joining verifies a snapshot against the PCs still in the council: a revoked PC's count for
    // nothing, and the records they held may be gone from the folder (tidied under them).
    let newest: i64 =
        snapshots.iter().filter(|(_, maker)| revoked_at(maker).is_none()).map(|(c, _)| *c).max().unwrap_or(0);
    let revoked_since = snapshots.iter().any(|(_, maker)| revoked_at(maker).is_some_and(|at| at > newest));
    let (since, keeper_waiting) = session.read(|r| {
        let since: i64 = r.query_row(
            "SELECT count(*) FROM sync_log WHERE state = 'applied' AND clock > ?1",
            params![newest],
            |row| row.get(0),
        )?;
        // A PC invited to keep the roster since the newest snapshot, not heard from yet: it joins
        // from a snapshot sealed to it too (the invitation puts one up when the folder can be
        // reached; this is for when it could not).
        let mut stmt = r.prepare(
            "SELECT role, added_at FROM sync_device d
              WHERE revoked_clock IS NULL AND NOT EXISTS (SELECT 1 FROM sync_log l WHERE l.device = d.id)",
        )?;
        let invited: Vec<(String, String)> =
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let waiting = invited.iter().any(|(role, added)| {
            Role::parse(role).is_some_and(personal::sees_roster)
                && DateTime::parse_from_rfc3339(added).is_ok_and(|at| at.timestamp_millis() > newest >> 16)
        });
        Ok::<_, Error>((since, waiting))
    })?;
    if since >= SNAPSHOT_EVERY || keeper_waiting || revoked_since {
        let keys = Keys::load(session.dir())?;
        let (name, bytes) = make_snapshot(session, &keys)?;
        remote.put(&format!("snapshots/{name}"), &bytes)?;
    }
    Ok(())
}

/// Removes this PC's records that every other PC has taken in from the shared folder now (however
/// few), after putting a snapshot that holds them there; how many went. See [`crate::prune`].
pub fn prune_now(session: &Session) -> Result<usize> {
    let state = session.read(|r| required(r))?;
    let remote = state.remote.open(session.dir())?;
    prune_through(session, &*remote)
}

/// [`prune_now`] through a given shared folder (the fault drills' folder that stops answering).
pub fn prune_through(session: &Session, remote: &dyn Remote) -> Result<usize> {
    let state = session.read(|r| required(r))?;
    let keys = Keys::load(session.dir())?;
    crate::prune::publish_seen(session, remote, &keys, &state.sharing, &state.device)?;
    let seen = crate::prune::Seen::read(session, remote, &keys, &state.sharing, &state.device)?;
    prune_records(session, remote, &state, &keys, &seen, 1)
}

/// Removes the record files every other PC has taken in — this PC's own, and those of the PCs that
/// take no snapshot of their own — when at least `at_least` records can go: a snapshot that holds
/// them first, then the files, then this PC's older snapshots. How many records went.
fn prune_records(
    session: &Session,
    remote: &dyn Remote,
    state: &State,
    keys: &Keys,
    seen: &crate::prune::Seen,
    at_least: i64,
) -> Result<usize> {
    // Records go only under a snapshot that holds them, and only a PC keeping the roster takes one
    // (see `snapshot_when_due`).
    if !session.read(|r| personal::holds_roster(r))? {
        return Ok(0);
    }
    let without_snapshots: Vec<String> = session.read(|r| {
        let mut stmt =
            r.prepare("SELECT id, role, revoked_clock IS NOT NULL FROM sync_device WHERE id <> ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![state.device], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, role, revoked) = row?;
            if revoked || !Role::parse(&role).is_some_and(personal::sees_roster) {
                out.push(id);
            }
        }
        Ok::<_, Error>(out)
    })?;
    let present = remote.list("devices")?;
    let mut tidy: Vec<(String, Vec<String>)> = Vec::new();
    let mut count = 0;
    for device in
        std::iter::once(state.device.clone()).chain(without_snapshots.into_iter().filter(|d| present.contains(d)))
    {
        let (names, n) = crate::prune::prunable(session, remote, seen, &state.device, &device)?;
        if !names.is_empty() {
            tidy.push((device, names));
            count += n;
        }
    }
    if count == 0 || count < at_least {
        return Ok(0);
    }
    let (snapshot, bytes) = make_snapshot(session, keys)?;
    remote.put(&format!("snapshots/{snapshot}"), &bytes)?;
    for (device, names) in &tidy {
        for name in names {
            remote.delete(&format!("devices/{device}/{name}"))?;
        }
    }
    let own = format!("-{}.snap", state.device);
    for old in remote.list("snapshots")?.into_iter().filter(|n| n.ends_with(&own) && *n < snapshot) {
        remote.delete(&format!("snapshots/{old}"))?;
    }
    Ok(count as usize)
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// This PC's records sent.
    pub sent: usize,
    /// Other PCs' records applied.
    pub received: usize,
    /// Records refused (listed among the conflicts).
    pub refused: usize,
    /// Records waiting for a newer version of the app.
    pub waiting: usize,
    /// New entries in the conflict list.
    pub conflicts: usize,
}

/// Sends this PC's new records and applies the other PCs' new ones. Offline, it says so and
/// changes nothing: the records wait.
pub fn sync_now(session: &Session) -> Result<SyncReport> {
    let (report, gaps) = sync_recorded(session)?;
    match missing(session, &gaps)? {
        Some(error) => Err(error),
        None => Ok(report),
    }
}

/// Why a sync is not complete when records are missing from the shared folder, naming whose and
/// which.
fn missing(session: &Session, gaps: &[Gap]) -> Result<Option<Error>> {
    let Some(gap) = gaps.first() else { return Ok(None) };
    let officer: String = session.read(|r| {
        Ok::<_, Error>(
            r.query_row("SELECT officer FROM sync_device WHERE id = ?1", params![gap.device], |row| row.get(0))
                .optional()?
                .unwrap_or_default(),
        )
    })?;
    let who = if officer.is_empty() { gap.device.clone() } else { officer };
    let (ja, en) = if gap.from == gap.to {
        (
            format!("{}番", gap.from),
            format!("Record {} of {who}'s PC is not in the shared folder; the records after it", gap.from),
        )
    } else {
        (
            format!("{}〜{}番", gap.from, gap.to),
            format!(
                "Records {}–{} of {who}'s PC are not in the shared folder; the records after them",
                gap.from, gap.to
            ),
        )
    };
    Ok(Some(Error::invalid(
        format!(
            "共有フォルダに「{who}」のPCの記録（{ja}）がありません。その後の記録は受け取らずに待っています。{who}さんのPCで同期してもらい、それでも続くときは共有フォルダを管理している人に確認してください。"
        ),
        format!("{en} wait unapplied. Ask {who} to sync, and if this goes on, whoever looks after the shared folder."),
    )))
}

/// One sync, its outcome kept for Home and Settings (the last sync, or why it failed); the
/// records found missing from the folder are returned beside the report.
fn sync_recorded(session: &Session) -> Result<(SyncReport, Vec<Gap>)> {
    let state = session.read(|r| required(r))?;
    let remote = state.remote.open(session.dir())?;
    let result = (|| {
        // What the other PCs say they have taken in, read once (when first needed) for the sync.
        let seen = std::cell::OnceCell::new();
        if let Ok(keys) = Keys::load(session.dir()) {
            put_back_missing(session, &*remote, &state, &keys, &seen)?;
        }
        // The others' records first: among them may be a PC newly invited to keep the roster,
        // and this PC's records sealed now must reach it too (a PC that joins later cannot open
        // what was sealed without it). This PC's records go out even when taking in failed.
        let pulled = pull(session, &*remote, &state);
        let sent = push(session, &*remote)?;
        let (applied, gaps) = pulled?;
        pull_attachments(session, &*remote)?;
        snapshot_when_due(session, &*remote)?;
        // Tidying is never a reason for a sync to fail: what is left goes at a later one.
        tidy_unfinished(&*remote, &state.device, std::time::SystemTime::now()).ok();
        if let Ok(keys) = Keys::load(session.dir()) {
            crate::prune::publish_seen(session, &*remote, &keys, &state.sharing, &state.device).ok();
            if let Ok(seen) = seen_once(&seen, session, &*remote, &state, &keys) {
                prune_records(session, &*remote, &state, &keys, seen, crate::prune::PRUNE_AT).ok();
            }
        }
        let report = SyncReport {
            sent,
            received: applied.applied,
            refused: applied.refused,
            waiting: applied.waiting,
            conflicts: applied.conflicts,
        };
        Ok::<_, Error>((report, gaps))
    })();
    let now = session.now();
    let error = match &result {
        Err(e) => Some(e.text()),
        Ok((_, gaps)) => missing(session, gaps)?.map(|e| e.text()),
    }
    .map(|text| crate::reasons::keep(&text));
    session.write_received(|tx| {
        match &error {
            None => tx.execute("UPDATE sync_state SET last_sync = ?1, last_error = NULL", params![now.to_rfc3339()])?,
            Some(why) => tx.execute("UPDATE sync_state SET last_error = ?1", params![why])?,
        };
        Ok::<_, Error>(())
    })?;
    result
}

/// How old an unfinished upload in this PC's own folder is before a sync removes it: only this PC
/// writes there, so one this old was cut off (the PC killed, the connection lost).
const UNFINISHED_OWN: std::time::Duration = std::time::Duration::from_secs(60 * 60);
/// How old one in a folder every PC writes to is before it is removed (a day: a PC whose clock is
/// wrong by hours must not lose an upload in progress; if it does, it sends again at its next sync).
const UNFINISHED_SHARED: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the temporary files of uploads cut off part-way (a PC killed or disconnected between
/// writing the temporary file and renaming it): this PC's own at once once old, the shared folders'
/// after a day. The files were never read by anyone; their content is still on the PC that wrote
/// them and goes again. Returns how many were removed.
pub fn tidy_unfinished(remote: &dyn Remote, device: &str, now: std::time::SystemTime) -> Result<usize> {
    let now_ms = now.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis() as u64;
    let mut removed = 0;
    let own = format!("devices/{device}");
    for (dir, age) in [
        (own.as_str(), UNFINISHED_OWN),
        ("snapshots", UNFINISHED_SHARED),
        ("attachments", UNFINISHED_SHARED),
        ("", UNFINISHED_SHARED),
    ] {
        for name in remote.unfinished(dir)? {
            let Some(since) = crate::remote::unfinished_since(&name) else { continue };
            if now_ms.saturating_sub(since) > age.as_millis() as u64 {
                remote.delete(&if dir.is_empty() { name } else { format!("{dir}/{name}") })?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// The attached files the data refers to (receipts, photos, papers).
fn referenced_attachments(session: &Session) -> Result<Vec<String>> {
    session.read(|r| Ok::<_, Error>(session.model().attachments(r)?))
}

/// Sends the attached files the shared folder does not have yet (encrypted, under their SHA-256),
/// before the records that refer to them.
fn push_attachments(session: &Session, remote: &dyn Remote, keys: &Keys) -> Result<()> {
    let there: std::collections::HashSet<String> = remote.list("attachments")?.into_iter().collect();
    let dir = session.dir().attachments();
    for name in referenced_attachments(session)? {
        if there.contains(&name) {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(&name)) else { continue };
        if record::sha256_hex(&bytes) == name {
            remote.put(&format!("attachments/{name}"), &record::seal(&bytes, keys)?)?;
        }
    }
    Ok(())
}

/// Fetches the attached files the data refers to and this PC lacks; a file whose content does not
/// match its name is not kept.
fn pull_attachments(session: &Session, remote: &dyn Remote) -> Result<()> {
    let keys = Keys::load(session.dir())?;
    let dir = session.dir().attachments();
    for name in referenced_attachments(session)? {
        if dir.join(&name).is_file() || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
            continue;
        }
        let Some(sealed) = remote.get(&format!("attachments/{name}"))? else { continue };
        if sealed.len() > MAX_FILE {
            continue;
        }
        let Ok(bytes) = record::unseal(&sealed, &keys) else { continue };
        if record::sha256_hex(&bytes) != name {
            continue;
        }
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{name}.partial"));
        std::fs::write(&tmp, &bytes)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, dir.join(&name))?;
    }
    Ok(())
}

/// Sends again, at this sync, this PC's records whose files are gone from its folder while another
/// PC may still need them (the folder's host lost or removed them): the other PCs take nothing of
/// this PC's after a missing record, so without this they would wait for ever. A record is taken
/// as gone when no file holds it and it comes after this PC's first file there (a hole, or after
/// the last file), or, before that first file, where the records went when every PC had them, when
/// some PC still in the council says it has not taken it in. The records go again exactly as
/// before (a record's form is fixed), so a PC that has one already skips it. How many go again.
fn put_back_missing(
    session: &Session,
    remote: &dyn Remote,
    state: &State,
    keys: &Keys,
    seen: &std::cell::OnceCell<crate::prune::Seen>,
) -> Result<usize> {
    let mut files: Vec<(i64, i64)> =
        remote.list(&format!("devices/{}", state.device))?.iter().filter_map(|n| record::file_range(n)).collect();
    files.sort();
    let sent: Vec<i64> = session.read(|r| {
        let mut stmt = r.prepare("SELECT seq FROM sync_log WHERE device = ?1 AND sent = 1 ORDER BY seq")?;
        let seqs = stmt.query_map(params![state.device], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok::<_, Error>(seqs)
    })?;
    let held = |seq: i64| files.iter().any(|(first, last)| (*first..=*last).contains(&seq));
    let first_file = files.first().map(|(first, _)| *first);
    let before_first = |seq: i64| first_file.is_none_or(|first| seq < first);
    let needed_after = if sent.iter().any(|seq| before_first(*seq) && !held(*seq)) {
        seen_once(seen, session, remote, state, keys)?.taken_in_by_all(None, &state.device).unwrap_or(i64::MAX)
    } else {
        i64::MAX
    };
    let gone: Vec<i64> =
        sent.into_iter().filter(|seq| !held(*seq) && (!before_first(*seq) || *seq > needed_after)).collect();
    if gone.is_empty() {
        return Ok(0);
    }
    session.write_received(|tx| {
        let mut again = tx.prepare("UPDATE sync_log SET sent = 0 WHERE device = ?1 AND seq = ?2")?;
        for seq in &gone {
            again.execute(params![state.device, seq])?;
        }
        Ok::<_, Error>(())
    })?;
    Ok(gone.len())
}

/// The other PCs' notes of what they have taken in, read the first time a sync needs them.
fn seen_once<'s>(
    seen: &'s std::cell::OnceCell<crate::prune::Seen>,
    session: &Session,
    remote: &dyn Remote,
    state: &State,
    keys: &Keys,
) -> Result<&'s crate::prune::Seen> {
    if let Some(seen) = seen.get() {
        return Ok(seen);
    }
    let read = crate::prune::Seen::read(session, remote, keys, &state.sharing, &state.device)?;
    Ok(seen.get_or_init(|| read))
}

/// Sends this PC's records not sent yet, in order: those written since the last sync travel
/// together in one file (`<first>-<last>.rec`), so a sync is one upload however much was done
/// offline. A file with those numbers already in the shared folder (a sync stopped after the
/// upload, before this PC noted it) is read back: the same records are taken as sent, different
/// ones are never overwritten.
fn push(session: &Session, remote: &dyn Remote) -> Result<usize> {
    let state = session.read(|r| required(r))?;
    let keys = Keys::load(session.dir())?;
    push_attachments(session, remote, &keys)?;
    // Each with the hash of the record before it (for the first of a run: records sent again after
    // a file went missing are not always next to the new ones), split into what every PC gets and
    // what only the PCs keeping the roster get, and with its header as first sent when it has a
    // sealed part (sealing is not the same twice; the record must be).
    struct Unsent {
        seq: i64,
        clock: i64,
        officer: String,
        schema: i64,
        split: personal::Split,
        before: Option<String>,
        header: Option<Vec<u8>>,
        /// Its hash when it was sent before (it is sent again because its file went missing).
        sent_as: Option<String>,
        /// The write as captured, for a record an older app sent whole.
        changeset: Vec<u8>,
        history: String,
    }
    let (unsent, recipients) = session.read(|r| {
        let mut stmt = r.prepare(
            "SELECT seq, clock, officer, schema, changeset, history_json,
                    (SELECT hash FROM sync_log b WHERE b.device = l.device AND b.seq = l.seq - 1), header, hash
               FROM sync_log l WHERE device = ?1 AND sent = 0 ORDER BY seq",
        )?;
        let rows: Vec<Unsent> = stmt
            .query_map(params![state.device], |row| {
                Ok(Unsent {
                    seq: row.get(0)?,
                    clock: row.get(1)?,
                    officer: row.get(2)?,
                    schema: row.get(3)?,
                    changeset: row.get(4)?,
                    history: row.get(5)?,
                    before: row.get(6)?,
                    header: row.get(7)?,
                    sent_as: row.get(8)?,
                    split: personal::Split { changeset: Vec::new(), history: String::new(), whole: None },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut unsent = Vec::with_capacity(rows.len());
        for mut u in rows {
            u.split = personal::split(r, &u.changeset, &u.history)?;
            unsent.push(u);
        }
        Ok::<_, Error>((unsent, personal::recipients(r)?))
    })?;
    let (Some(first), Some(last)) = (unsent.first().map(|u| u.seq), unsent.last().map(|u| u.seq)) else {
        return Ok(0);
    };
    // Each record's plain form, chained to the one before (signing is deterministic: the same
    // record always has the same form and hash).
    let mut plains: Vec<(i64, String, Vec<u8>)> = Vec::with_capacity(unsent.len());
    let mut first_headers: Vec<(i64, Vec<u8>)> = Vec::new();
    for u in unsent {
        let prev = match plains.last() {
            Some((last, hash, _)) if *last == u.seq - 1 => hash.clone(),
            _ => u.before.clone().unwrap_or_default(),
        };
        let header_with = |history: &str, personal: String| Header {
            sharing: state.sharing.clone(),
            device: state.device.clone(),
            seq: u.seq,
            clock: u.clock,
            schema: u.schema,
            officer: u.officer.clone(),
            history: history.to_owned(),
            prev: prev.clone(),
            personal,
        };
        let header = match u.header {
            Some(header) => header,
            None => {
                let sealed = match (&u.split.whole, recipients.is_empty()) {
                    (Some(whole), false) => {
                        personal::seal(&serde_json::to_vec(whole).unwrap_or_default(), &recipients)?
                    }
                    _ => String::new(),
                };
                let header = header_with(&u.split.history, sealed);
                let bytes = serde_json::to_vec(&header).unwrap_or_default();
                if !header.personal.is_empty() {
                    first_headers.push((u.seq, bytes.clone()));
                }
                bytes
            }
        };
        let mut plain = record::plain_from(&header, &u.split.changeset, &keys);
        if let Some(was) = &u.sent_as
            && u.split.whole.is_some()
            && record::sha256_hex(&plain) != *was
        {
            // Sent before by an app that did not keep the roster's details apart, and sent again
            // now that its file went missing: exactly as it was then, or the PCs that took the
            // records after it could not chain them.
            let then = header_with(&u.history, String::new());
            let old = record::plain_from(&serde_json::to_vec(&then).unwrap_or_default(), &u.changeset, &keys);
            if record::sha256_hex(&old) == *was {
                first_headers.retain(|(seq, _)| *seq != u.seq);
                plain = old;
            }
        }
        plains.push((u.seq, record::sha256_hex(&plain), plain));
    }
    if !first_headers.is_empty() {
        session.write_received(|tx| {
            let mut keep =
                tx.prepare("UPDATE sync_log SET header = ?3 WHERE device = ?1 AND seq = ?2 AND header IS NULL")?;
            for (seq, header) in &first_headers {
                keep.execute(params![state.device, seq, header])?;
            }
            Ok::<_, Error>(())
        })?;
    }
    let mut done: Vec<(i64, String)> = Vec::new();
    let dir = format!("devices/{}", state.device);
    let there: Vec<(i64, i64, String)> = remote
        .list(&dir)?
        .into_iter()
        .filter_map(|name| record::file_range(&name).map(|(a, b)| (a, b, name)))
        .filter(|(a, b, _)| *b >= first && *a <= last)
        .collect();
    let mut result = Ok(());
    for (_, _, name) in &there {
        let same = remote
            .get(&format!("{dir}/{name}"))?
            .filter(|bytes| bytes.len() <= MAX_FILE)
            .and_then(|bytes| record::unseal(&bytes, &keys).ok())
            .and_then(|plain| {
                let theirs: Vec<String> = record::unbundle(&plain).ok()?.into_iter().map(record::sha256_hex).collect();
                Some(theirs)
            });
        let Some(theirs) = same else {
            result = Err(overlap());
            break;
        };
        let (a, _) = record::file_range(name).unwrap_or_default();
        for (i, hash) in theirs.iter().enumerate() {
            let seq = a + i as i64;
            match plains.iter().find(|(s, _, _)| *s == seq) {
                Some((_, ours, _)) if ours == hash => done.push((seq, hash.clone())),
                Some(_) => result = Err(overlap()),
                None => {}
            }
        }
    }
    if result.is_ok() {
        let rest: Vec<&(i64, String, Vec<u8>)> =
            plains.iter().filter(|(seq, _, _)| !done.iter().any(|(s, _)| s == seq)).collect();
        for part in rest.chunk_by(|a, b| b.0 == a.0 + 1) {
            for part in part.chunks(record::MAX_IN_FILE) {
                let (a, b) = (part[0].0, part[part.len() - 1].0);
                let file = record::bundle(part.iter().map(|(_, _, plain)| plain.as_slice()));
                if let Err(e) = record::seal(&file, &keys)
                    .and_then(|bytes| remote.put(&format!("{dir}/{}", record::file_name(a, b)), &bytes))
                {
                    result = Err(e);
                    break;
                }
                done.extend(part.iter().map(|(seq, hash, _)| (*seq, hash.clone())));
            }
            if result.is_err() {
                break;
            }
        }
    }
    let sent = done.len();
    if sent > 0 {
        session.write_received(|tx| {
            let mut mark = tx.prepare("UPDATE sync_log SET sent = 1, hash = ?3 WHERE device = ?1 AND seq = ?2")?;
            for (seq, hash) in &done {
                mark.execute(params![state.device, seq, hash])?;
            }
            Ok::<_, Error>(())
        })?;
    }
    result.map(|()| sent)
}

/// A number already in the shared folder is never written again (the other PCs may have taken
/// that record in): this PC's data was put back to an earlier state.
fn overlap() -> Error {
    Error::invalid(
        "このPCの変更の番号が共有フォルダの記録と重なっています（バックアップから戻したためかもしれません）。共有フォルダの記録は書き換えていません。会長のPCで招待し直して、参加し直してください。",
        "This PC's change numbers overlap the shared folder's records (perhaps after restoring a backup). Nothing in the shared folder was overwritten. Ask the chair for a new invitation and join again.",
    )
}

/// A record read from the shared folder, or why it was refused before it could be read.
enum Fetched {
    Record(Box<record::Opened>),
    Refused {
        device: String,
        seq: i64,
        why: String,
    },
    /// Records `from..=to` of a PC are not in the shared folder: none after them is taken (they
    /// wait in the folder) until the missing ones are there.
    Gap(Gap),
}

/// A PC's records missing from the shared folder before ones that are there.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Gap {
    device: String,
    from: i64,
    to: i64,
}

/// Downloads files `names` of folder `dir`, several at a time (a WebDAV server answers each
/// request after a round trip), in their order.
fn fetch_all(remote: &dyn Remote, dir: &str, names: &[String]) -> Result<Vec<Option<Vec<u8>>>> {
    const AT_ONCE: usize = 4;
    let chunk = names.len().div_ceil(AT_ONCE).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = names
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().map(|name| remote.get(&format!("{dir}/{name}"))).collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(names.len());
        for worker in workers {
            let part = worker.join().map_err(|_| Error::Store(std::io::Error::other("download stopped").into()))??;
            out.extend(part);
        }
        Ok(out)
    })
}

/// A record file as downloaded: the records its name says it holds, and its bytes (`None`: gone).
type Downloaded = ((i64, i64), Option<Vec<u8>>);

/// The last record of a PC this PC holds: its number, hash (when known) and clock.
struct Known {
    seq: i64,
    hash: Option<String>,
    clock: i64,
}

/// Reads a device's files, checking every record in them: the council, the device and number
/// its place says, the link to the record before, a clock past the record before's. Records this
/// PC has (up to `known`) are skipped. A number missing in between (a file gone from the folder)
/// stops the reading there: records are taken in order or not at all.
fn read_device_files(keys: &Keys, sharing: &str, device: &str, known: Known, files: Vec<Downloaded>) -> Vec<Fetched> {
    let mut out = Vec::new();
    let Known { seq: known, hash: mut prev, clock: mut prev_clock } = known;
    let mut next = known + 1;
    for ((first, last), bytes) in files {
        if first > next {
            out.push(Fetched::Gap(Gap { device: device.to_owned(), from: next, to: first - 1 }));
            break;
        }
        let Some(bytes) = bytes else { continue };
        let refused = |seq: i64, why: &str| Fetched::Refused { device: device.to_owned(), seq, why: why.to_owned() };
        if bytes.len() > MAX_FILE {
            out.push(refused(last, "大きすぎる記録です"));
            next = next.max(last + 1);
            continue;
        }
        let plain = match record::unseal(&bytes, keys) {
            Ok(plain) => plain,
            Err(why) => {
                out.push(refused(last, why));
                next = next.max(last + 1);
                continue;
            }
        };
        let records = match record::unbundle(&plain) {
            Ok(records) if records.len() as i64 == last - first + 1 => records,
            Ok(_) => {
                out.push(refused(last, "記録の数が置き場所の番号と合いません"));
                next = next.max(last + 1);
                continue;
            }
            Err(why) => {
                out.push(refused(last, why));
                next = next.max(last + 1);
                continue;
            }
        };
        for (i, one) in records.into_iter().enumerate() {
            let seq = first + i as i64;
            if seq < next {
                continue;
            }
            next = seq + 1;
            let item = match record::open(one) {
                Err(why) => refused(seq, why),
                Ok(opened) => {
                    let h = &opened.record.header;
                    if h.sharing != sharing {
                        refused(seq, "別の自治会の記録です")
                    } else if h.device != device || h.seq != seq {
                        refused(seq, "記録の番号かPCが置き場所と合いません")
                    } else if prev.as_ref().is_some_and(|p| *p != h.prev) || (seq == 1 && !h.prev.is_empty()) {
                        refused(seq, "このPCの前の記録とつながりません（抜けているか差し替えられています）")
                    } else if h.clock <= prev_clock {
                        // A PC's clock only goes forward: a record dated before the one before it
                        // would be put back in the order, undoing what came after it on every PC.
                        refused(seq, "記録の時刻がこのPCの前の記録より前になっています（書き換えられています）")
                    } else {
                        prev = Some(opened.hash.clone());
                        prev_clock = h.clock;
                        Fetched::Record(Box::new(opened))
                    }
                }
            };
            out.push(item);
        }
    }
    out
}

/// Fetches the other PCs' new records, then applies them in their place; also the records found
/// missing before others.
fn pull(session: &Session, remote: &dyn Remote, state: &State) -> Result<(Applied, Vec<Gap>)> {
    let keys = Keys::load(session.dir())?;
    let cap = clock_cap(session.now(), CLOCK_AHEAD_MS);
    let mut fetched = Vec::new();
    for device in remote.list("devices")? {
        if device == state.device || uuid::Uuid::parse_str(&device).is_err() {
            continue;
        }
        let (known, prev, prev_clock): (i64, Option<String>, i64) = session.read(|r| {
            Ok::<_, Error>(
                r.query_row(
                    "SELECT seq, hash, clock FROM sync_log WHERE device = ?1 ORDER BY seq DESC LIMIT 1",
                    params![device],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?
                .unwrap_or((0, None, 0)),
            )
        })?;
        let dir = format!("devices/{device}");
        let mut files: Vec<((i64, i64), String)> = remote
            .list(&dir)?
            .into_iter()
            .filter_map(|name| record::file_range(&name).map(|range| (range, name)))
            .filter(|((_, last), _)| *last > known)
            .collect();
        files.sort();
        let names: Vec<String> = files.iter().map(|(_, name)| name.clone()).collect();
        let downloaded = fetch_all(remote, &dir, &names)?;
        let files = files.into_iter().map(|(range, _)| range).zip(downloaded).collect();
        let after = Known { seq: known, hash: prev, clock: prev_clock };
        fetched.extend(read_device_files(&keys, &state.sharing, &device, after, files));
    }
    let schema = council_store::store::latest_version();
    let gaps: Vec<Gap> = fetched
        .iter()
        .filter_map(|f| match f {
            Fetched::Gap(gap) => Some(gap.clone()),
            _ => None,
        })
        .collect();
    let applied = session.write_received(|tx| {
        let mut fresh: Vec<Key> = Vec::new();
        let mut refused = 0;
        for item in &fetched {
            match item {
                Fetched::Record(opened) => {
                    let h = &opened.record.header;
                    tx.execute(
                        "INSERT OR IGNORE INTO sync_log (device, seq, clock, officer, schema, changeset, history_json,
                                                         header, signature, hash, state, sent)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'waiting', 1)",
                        params![
                            h.device,
                            h.seq,
                            h.clock,
                            h.officer,
                            h.schema,
                            opened.record.changeset,
                            h.history,
                            opened.header_bytes,
                            opened.signature.to_vec(),
                            opened.hash
                        ],
                    )?;
                    tx.execute("UPDATE sync_state SET clock = max(clock, ?1)", params![h.clock.min(cap)])?;
                    fresh.push((h.clock, h.device.clone()));
                }
                Fetched::Refused { device, seq, why } => {
                    tx.execute(
                        "INSERT OR IGNORE INTO sync_log (device, seq, clock, officer, schema, changeset, state, reason, sent)
                         VALUES (?1, ?2, 0, '', 0, x'', 'refused', ?3, 1)",
                        params![device, seq, why],
                    )?;
                    tx.execute(
                        "INSERT OR IGNORE INTO sync_conflict (id, kind, table_name, row_key, detail, kept_device, kept_clock)
                         VALUES (?1, 'refused', '', ?2, ?3, ?4, ?5)",
                        params![uuid::Uuid::now_v7().to_string(), format!("[\"{device}\",{seq}]"), why, device, -seq],
                    )?;
                    refused += 1;
                }
                Fetched::Gap(_) => {}
            }
        }
        let mut applied = engine::integrate(tx, &state.device, &fresh, schema, Some(&personal::Opener::new(tx, &keys, &state.device)?))?;
        applied.refused += refused;
        applied.conflicts += refused;
        Ok::<_, Error>(applied)
    })?;
    Ok((applied, gaps))
}

/// A PC sharing the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeviceInfo {
    /// Its ID.
    pub id: String,
    /// The officer using it.
    pub officer: String,
    /// Their role.
    pub role: Role,
    /// Whether it is this PC.
    pub this_pc: bool,
    /// Whether it was revoked.
    pub revoked: bool,
    /// Whether the roster's personal details reach it (its officer keeps the roster).
    pub roster_details: bool,
    /// When its newest record says it was made (UTC, RFC 3339), when that is more than two days
    /// ahead of this PC's clock: that PC's clock is wrong (on this PC's own entry: this PC's clock
    /// has gone back, or was ahead when it made them).
    #[ts(optional)]
    pub clock_ahead: Option<String>,
}

/// Where the sharing stands, as Home and Settings show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    /// Whether the council is shared at all.
    pub shared: bool,
    /// The shared folder.
    pub remote: String,
    /// This PC's device.
    pub device: String,
    /// This PC's role.
    #[ts(optional)]
    pub role: Option<Role>,
    /// The areas whose changes this PC's window offers (every one when the council is not shared,
    /// none on a revoked PC).
    pub may_edit: Vec<Area>,
    /// When the last sync succeeded (UTC, RFC 3339).
    #[ts(optional)]
    pub last_sync: Option<String>,
    /// Why the last sync failed, if it did.
    #[ts(optional)]
    pub last_error: Option<Text>,
    /// This PC's records not sent yet.
    pub unsent: i64,
    /// Records waiting for a newer app (「アプリを更新してください」).
    pub waiting_for_update: i64,
    /// Conflicts not looked at yet.
    pub open_conflicts: i64,
    /// The PCs.
    pub devices: Vec<DeviceInfo>,
    /// Where this PC keeps the shared WebDAV folder's password (a WebDAV folder only).
    #[ts(optional)]
    pub password: Option<keys::PasswordKept>,
}

/// The hash of the shared content (every shared table, rows in a fixed order, the roster's personal
/// details left out): the same on every PC once all have synced. It reads all the data, so it is asked for on purpose (`council info --json`),
/// never on the way to a screen.
pub fn content_hash(session: &Session) -> Result<String> {
    session.read(|r| Ok::<_, Error>(capture::content_hash(r)?))
}

/// [`content_hash`] with the roster's personal details in: the same on every PC whose officer keeps
/// the roster.
pub fn whole_content_hash(session: &Session) -> Result<String> {
    session.read(|r| Ok::<_, Error>(capture::whole_content_hash(r)?))
}

/// Where the sharing stands.
pub fn status(session: &Session) -> Result<SyncStatus> {
    session.read(|r| {
        let Some(state) = state(r)? else {
            return Ok(SyncStatus { may_edit: Area::ALL.to_vec(), ..SyncStatus::default() });
        };
        let (last_sync, last_error): (Option<String>, Option<String>) =
            r.query_row("SELECT last_sync, last_error FROM sync_state", [], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let count = |sql: &str| -> Result<i64> { Ok(r.query_row(sql, params![state.device], |row| row.get(0))?) };
        let unsent = count("SELECT count(*) FROM sync_log WHERE device = ?1 AND sent = 0")?;
        let waiting = count("SELECT count(*) FROM sync_log WHERE state = 'waiting' AND ?1 IS NOT NULL")?;
        let open = count("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL AND ?1 IS NOT NULL")?;
        let wrong = clock_cap(session.now(), CLOCK_WRONG_MS);
        let mut stmt = r.prepare(
            "SELECT id, officer, role, revoked_clock IS NOT NULL,
                    (SELECT clock FROM sync_log l WHERE l.device = d.id AND l.state <> 'refused' ORDER BY seq DESC LIMIT 1)
               FROM sync_device d ORDER BY added_at, id",
        )?;
        let devices: Vec<DeviceInfo> = stmt
            .query_map([], |row| {
                let id: String = row.get(0)?;
                let role = Role::parse(&row.get::<_, String>(2)?).unwrap_or(Role::Reader);
                let revoked: bool = row.get(3)?;
                let newest: Option<i64> = row.get(4)?;
                Ok(DeviceInfo {
                    clock_ahead: newest.filter(|c| *c > wrong).and_then(clock_time),
                    this_pc: id == state.device,
                    id,
                    officer: row.get(1)?,
                    role,
                    revoked,
                    roster_details: personal::sees_roster(role) && !revoked,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let this_pc = devices.iter().find(|d| d.this_pc);
        let role = this_pc.map(|d| d.role);
        let may_edit = match this_pc {
            Some(d) if !d.revoked => d.role.areas(),
            _ => Vec::new(),
        };
        Ok::<_, Error>(SyncStatus {
            shared: true,
            remote: state.remote.describe(),
            device: state.device,
            role,
            may_edit,
            last_sync,
            last_error: last_error.as_deref().map(crate::reasons::kept),
            unsent,
            waiting_for_update: waiting,
            open_conflicts: open,
            devices,
            password: match state.remote {
                RemoteConfig::WebDav { .. } => keys::webdav_password_kept(session.dir()),
                RemoteConfig::Folder { .. } => None,
            },
        })
    })
}

/// One entry of 「同時に変更された項目」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictInfo {
    /// Its ID.
    pub id: String,
    /// `field`, `deleted`, `double_entry` or `refused`.
    pub kind: String,
    /// What it is about, for people.
    pub what: Text,
    /// The field's name (for a field changed on two PCs).
    pub column: String,
    /// The field's name for people.
    pub column_label: Text,
    /// The value kept.
    #[ts(optional)]
    pub kept: Option<String>,
    /// The other value.
    #[ts(optional)]
    pub other: Option<String>,
    /// Who made the kept change, and when.
    pub kept_by: String,
    /// When the kept change was made (UTC, RFC 3339).
    #[ts(optional)]
    pub kept_at: Option<String>,
    /// Who made the other change.
    pub other_by: String,
    /// When the other change was made.
    #[ts(optional)]
    pub other_at: Option<String>,
    /// What happened, in words.
    pub detail: Text,
    /// Whether the other value can be taken with one click.
    pub can_take_other: bool,
}

fn clock_time(clock: i64) -> Option<String> {
    (clock > 0)
        .then(|| DateTime::<Utc>::from_timestamp_millis(clock >> 16).unwrap_or(DateTime::<Utc>::MAX_UTC).to_rfc3339())
}

fn table_label(table: &str) -> &'static str {
    match table {
        "household" => "世帯",
        "person" => "世帯の人",
        "dues_payment" => "会費の入金",
        "ledger_entry" => "出納帳",
        "meeting" => "会議",
        "minutes" => "議事録",
        "event" => "行事",
        "block" => "班",
        "council" => "自治会",
        "partner" => "連携先",
        "sync_device" => "共有するPC",
        "" => "記録",
        t if t.starts_with("grant") => "交付金",
        t if t.starts_with("plan") => "まちづくり計画",
        t if t.starts_with("account") => "会計",
        _ => "記録",
    }
}

/// The conflicts not looked at yet, newest first.
pub fn conflicts(session: &Session) -> Result<Vec<ConflictInfo>> {
    session.read(|r| {
        let officer = |device: &str| -> String {
            if device.is_empty() {
                return String::new();
            }
            r.query_row("SELECT officer FROM sync_device WHERE id = ?1", params![device], |row| row.get(0))
                .unwrap_or_else(|_| "不明なPC".to_owned())
        };
        let mut stmt = r.prepare(
            "SELECT id, kind, table_name, row_key, column_name, kept_value, other_value, kept_device, kept_clock,
                    other_device, other_clock, detail
             FROM sync_conflict WHERE resolved_at IS NULL ORDER BY kept_clock DESC, id",
        )?;
        #[allow(clippy::type_complexity)]
        let rows: Vec<(
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            i64,
            String,
            i64,
            String,
        )> = stmt
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(8)?,
                    row.get(9)?,
                    row.get(10)?,
                    row.get(11)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let shown = |v: &Option<String>| {
            v.as_ref().map(|j| changes::display(&changes::from_json(&serde_json::from_str(j).unwrap_or_default())))
        };
        Ok::<_, Error>(
            rows.into_iter()
                .map(|(id, kind, table, key, column, kept, other, kd, kc, od, oc, detail)| {
                    let label = table_label(&table);
                    let name = row_name(r, &table, &key).unwrap_or_default();
                    let what = Text::new(
                        if name.is_empty() { label.to_owned() } else { format!("{label}「{name}」") },
                        if name.is_empty() { table.clone() } else { format!("{table} \"{name}\"") },
                    );
                    ConflictInfo {
                        can_take_other: kind == "field" && other.is_some(),
                        kept: shown(&kept),
                        other: shown(&other),
                        id,
                        kind,
                        what,
                        column_label: column_label(&column),
                        column,
                        kept_by: officer(&kd),
                        kept_at: clock_time(kc),
                        other_by: officer(&od),
                        other_at: clock_time(oc),
                        detail: crate::reasons::text(&detail),
                    }
                })
                .collect(),
        )
    })
}

/// A field's name for people (the column's own name when it has no common one).
fn column_label(column: &str) -> Text {
    let (ja, en) = match column {
        "address" => ("住所", "Address"),
        "notes" => ("備考", "Notes"),
        "name" => ("氏名・名前", "Name"),
        "kana" => ("ふりがな", "Reading"),
        "phone" => ("電話", "Phone"),
        "email" => ("メール", "E-mail"),
        "title" => ("件名", "Title"),
        "place" => ("場所", "Place"),
        "amount" => ("金額", "Amount"),
        "description" => ("摘要", "Description"),
        "held_on" | "starts_on" => ("日付", "Date"),
        "block_id" => ("班", "Block"),
        "code" => ("番号", "Number"),
        "officer" => ("役員", "Officer"),
        "" => ("", ""),
        other => (other, other),
    };
    Text::new(ja, en)
}

/// A row's name for people (a household's head, a meeting's title), when the table has one.
fn row_name(conn: &Connection, table: &str, key: &str) -> Option<String> {
    let id = serde_json::from_str::<Vec<serde_json::Value>>(key).ok()?.first()?.as_str()?.to_owned();
    let sql = match table {
        "household" => {
            "SELECT coalesce((SELECT name FROM person WHERE household_id = ?1 AND is_head = 1), '') || 'さんの世帯'"
        }
        "person" | "block" | "partner" | "sync_device" => match table {
            "person" => "SELECT name FROM person WHERE id = ?1",
            "block" => "SELECT name FROM block WHERE id = ?1",
            "partner" => "SELECT name FROM partner WHERE id = ?1",
            _ => "SELECT officer FROM sync_device WHERE id = ?1",
        },
        "meeting" | "event" => match table {
            "meeting" => "SELECT title FROM meeting WHERE id = ?1",
            _ => "SELECT title FROM event WHERE id = ?1",
        },
        _ => return None,
    };
    conn.query_row(sql, params![id], |r| r.get::<_, Option<String>>(0)).ok().flatten()
}

/// Takes the other value of a field changed on two PCs (a change like any other, shared with every
/// PC), or marks any conflict as looked at (`take_other` false).
pub fn resolve(session: &Session, id: &str, take_other: bool) -> Result<()> {
    let row: Option<(String, String, String, String, Option<String>)> = session.read(|r| {
        Ok::<_, Error>(
            r.query_row(
                "SELECT kind, table_name, row_key, column_name, other_value FROM sync_conflict WHERE id = ?1 AND resolved_at IS NULL",
                params![id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
            )
            .optional()?,
        )
    })?;
    let Some((kind, table, key, column, other)) = row else {
        return Err(Error::Store(council_store::Error::NotFound(Text::new(
            "この項目はもう解決されています。",
            "This item has already been resolved.",
        ))));
    };
    let now = session.now();
    if !(take_other && kind == "field") {
        session.write_received(|tx| {
            tx.execute("UPDATE sync_conflict SET resolved_at = ?2 WHERE id = ?1", params![id, now.to_rfc3339()])?;
            Ok::<_, Error>(())
        })?;
        return Ok(());
    }
    let other = other.map(|j| changes::from_json(&serde_json::from_str(&j).unwrap_or_default())).unwrap_or(Value::Null);
    let key: Vec<Value> = serde_json::from_str::<Vec<serde_json::Value>>(&key)
        .unwrap_or_default()
        .iter()
        .map(changes::from_json)
        .collect();
    session.write(|w| {
        let cols = changes::columns(w, &table)?;
        if !cols.contains(&column) || !capture::is_shared(&table) {
            return Err(Error::invalid("この項目は戻せません。", "This item cannot be taken back."));
        }
        let pk: Vec<String> = {
            let mut stmt = w.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
            stmt.query_map([&table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let cond: Vec<String> = pk.iter().enumerate().map(|(i, c)| format!("\"{c}\" IS ?{}", i + 2)).collect();
        let sql = format!("UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE {}", cond.join(" AND "));
        let mut values = vec![other.clone()];
        values.extend(key.iter().cloned());
        w.execute(&sql, rusqlite::params_from_iter(values.iter()))?;
        w.record(Change {
            entity: &table,
            entity_id: &serde_json::to_string(&key.iter().map(changes::to_json).collect::<Vec<_>>())
                .unwrap_or_default(),
            action: AuditAction::Update,
            summary: format!("同時に変更された項目: {column} をもう一方の値「{}」にしました", changes::display(&other)),
            before: None,
            after: None,
        })?;
        w.execute("UPDATE sync_conflict SET resolved_at = ?2 WHERE id = ?1", params![id, now.to_rfc3339()])?;
        Ok::<_, Error>(())
    })
}

/// Revokes a lost or retired PC (a 会長's PC only): its records made after this are refused on
/// every PC.
pub fn revoke(session: &Session, device: &str) -> Result<()> {
    session.write(|w| {
        let state = required(w)?;
        let role: String =
            w.query_row("SELECT role FROM sync_device WHERE id = ?1", params![state.device], |r| r.get(0))?;
        if Role::parse(&role) != Some(Role::Chair) {
            return Err(Error::invalid(
                "PCの登録を取り消せるのは会長のPCだけです。",
                "Only the chair's PC can revoke a PC.",
            ));
        }
        if device == state.device {
            return Err(Error::invalid("このPC自身は取り消せません。", "This PC cannot revoke itself."));
        }
        let clock: i64 = w.query_row("SELECT clock FROM sync_state", [], |r| r.get(0))?;
        let officer: Option<String> = w
            .query_row(
                "SELECT officer FROM sync_device WHERE id = ?1 AND revoked_clock IS NULL",
                params![device],
                |r| r.get(0),
            )
            .optional()?;
        let Some(officer) = officer else {
            return Err(Error::invalid("そのPCは共有の一覧にありません。", "No such PC in the sharing."));
        };
        w.execute("UPDATE sync_device SET revoked_clock = ?2 WHERE id = ?1", params![device, clock])?;
        w.record(Change {
            entity: "sync_device",
            entity_id: device,
            action: AuditAction::Update,
            summary: format!("{officer}さんのPCの共有を取り消し"),
            before: None,
            after: None,
        })?;
        Ok::<_, Error>(())
    })?;
    // At once when the folder can be reached: the revocation reaches the other PCs, and if the revoked
    // PC had put up snapshots, a fresh one from this PC takes their place for PCs joining later
    // (`snapshot_when_due`). Offline, the next sync does both; Home says why this one failed.
    sync_recorded(session).ok();
    Ok(())
}
