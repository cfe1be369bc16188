//! What can go wrong with a submission package, said so that the person at the keyboard knows what to
//! do next. Delivery problems are not errors of this kind: a package that could not be delivered
//! stays in the outbox with its reason ([`crate::transport::DeliveryError`]).
use council_domain::text::Text;

use crate::purpose::ChecklistItem;
use crate::secrets::SecretError;

/// A package could not be built, read, stored or configured.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the council's data failed.
    Store(#[from] council_domain::Error),
    /// A document of the package could not be typeset.
    Docs(#[from] council_docs::Error),
    /// Required items are missing: the package was not built.
    Incomplete {
        /// The purpose's title.
        purpose: Text,
        /// Each required item that is missing, with what to do about it.
        missing: Vec<ChecklistItem>,
    },
    /// The council's signing key is there but cannot be used.
    KeyDamaged {
        /// The key file.
        path: String,
        /// What is wrong with it.
        detail: String,
    },
    /// The key in the data folder is not the council's (another council's folder's key).
    KeyNotOurs {
        /// The fingerprint of the key found.
        found: String,
        /// The fingerprint the council's data records.
        recorded: String,
    },
    /// The council has a key (its data records it) but the data folder does not hold it.
    KeyMissing {
        /// The fingerprint the council's data records.
        recorded: String,
    },
    /// The key is protected by a passphrase, and none (or a wrong one) was typed.
    KeyLocked {
        /// The key's fingerprint.
        fingerprint: String,
        /// True when a passphrase was typed but does not open the key.
        wrong: bool,
    },
    /// A key must be protected, this PC has no keyring, and no passphrase was typed.
    KeyNeedsPassphrase,
    /// The passphrase typed to protect the key is too short.
    KeyPassphraseShort,
    /// The key is protected by this PC's keyring, which cannot open it now.
    KeyringClosed {
        /// The key's fingerprint.
        fingerprint: String,
        /// What the keyring said.
        detail: String,
    },
    /// A package file was refused when read: it is damaged, altered, or not a package at all.
    Refused(Text),
    /// A file could not be read or written.
    Io {
        /// The file or folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// No package with that ID is in the outbox.
    NotInOutbox(String),
    /// The package is being sent by another window or command right now.
    Busy(String),
    /// Sending needs a destination, and none is set.
    NoDestination,
    /// The destination's settings cannot be used (a URL that is not http(s), an empty user…).
    Config(Text),
    /// The password store failed or is missing.
    Secret(#[from] SecretError),
    /// A copy to a folder (Save to folder / USB) did not succeed.
    Delivery(crate::transport::DeliveryError),
    /// The package would be larger than a package may be.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
}

impl std::fmt::Display for Error {
    /// Both languages on one line, as the command-line tool prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

/// The result of package operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn incomplete_text(purpose: &Text, missing: &[ChecklistItem]) -> Text {
    let ja: Vec<String> = missing.iter().map(|m| format!("・{}（{}）", m.label.ja, m.detail.ja)).collect();
    let en: Vec<String> = missing.iter().map(|m| format!("- {} ({})", m.label.en, m.detail.en)).collect();
    Text::new(
        format!("{}のパッケージを作るには、次のものが足りません。\n{}", purpose.ja, ja.join("\n")),
        format!("The {} package needs these before it can be built:\n{}", purpose.en, en.join("\n")),
    )
}

impl Error {
    /// An I/O error on `path`.
    pub(crate) fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Self::Io { path: path.as_ref().display().to_string(), source }
    }

    /// The message in both languages, saying what to do next.
    pub fn text(&self) -> Text {
        match self {
            Self::Store(e) => e.text(),
            Self::Docs(e) => e.text(),
            Self::Incomplete { purpose, missing } => incomplete_text(purpose, missing),
            Self::KeyDamaged { path, detail } => Text::new(
                format!(
                    "自治会の署名鍵（{path}）が壊れていて使えません（{detail}）。引き継ぎファイルかバックアップの keys フォルダから戻してください。新しい鍵を作る場合は、このファイルを別の場所へ移してから、市に新しい鍵の指紋を届け直してください。"
                ),
                format!(
                    "The council's signing key ({path}) is damaged ({detail}). Bring it back from a hand-over file or a backup's keys folder. To make a new key instead, move this file away, then register the new key's fingerprint with the city again."
                ),
            ),
            Self::KeyNotOurs { found, recorded } => Text::new(
                format!(
                    "データフォルダにある署名の鍵（指紋 {found}）は、この自治会の鍵（指紋 {recorded}）ではありません。\
                     この自治会の鍵が入った引き継ぎファイルを開き直すか、鍵を作り直してください（市への登録もやり直しになります）。"
                ),
                format!(
                    "The signing key in the data folder (fingerprint {found}) is not this council's (fingerprint \
                     {recorded}). Open a hand-over that has the council's key again, or make a new key (the city \
                     must then register it again)."
                ),
            ),
            Self::KeyMissing { recorded } => Text::new(
                format!(
                    "この自治会の署名の鍵（指紋 {recorded}）がデータフォルダにありません。鍵の入った引き継ぎファイルを開き直すか、\
                     鍵を作り直してください（市への登録もやり直しになります）。鍵は勝手には作り直しません。"
                ),
                format!(
                    "This council's signing key (fingerprint {recorded}) is not in the data folder. Open a hand-over \
                     that has it again, or make a new key (the city must then register it again). A key is never \
                     made again without being asked."
                ),
            ),
            Self::KeyLocked { fingerprint, wrong: false } => Text::new(
                format!(
                    "署名の鍵（指紋 {fingerprint}）は合言葉で守られています。鍵の合言葉を入れてください（引き継ぎで受け取った鍵なら、引き継ぎファイルの合言葉です）。"
                ),
                format!(
                    "The signing key (fingerprint {fingerprint}) is protected by a passphrase. Enter the key's passphrase (for a key that came with a hand-over, the hand-over's passphrase)."
                ),
            ),
            Self::KeyLocked { fingerprint, wrong: true } => Text::new(
                format!("署名の鍵（指紋 {fingerprint}）の合言葉が違います。もう一度入れてください。"),
                format!("That is not the passphrase of the signing key (fingerprint {fingerprint}). Try again."),
            ),
            Self::KeyNeedsPassphrase => Text::new(
                "このパソコンには鍵を安全に保管する仕組み（キーリング）がないため、市への提出に使う署名の鍵を合言葉で守ります。\
                 8文字以上の合言葉を決めて入れてください。提出のたびにこの合言葉を入れます。"
                    .to_owned(),
                "This PC has no keyring to keep the signing key for submissions safe, so the key is protected by a \
                 passphrase. Choose one of at least 8 characters and enter it; it is asked for at each submission."
                    .to_owned(),
            ),
            Self::KeyPassphraseShort => Text::new(
                format!(
                    "鍵の合言葉は{}文字以上にしてください。覚えやすい言葉を2〜3個つなげると安全です。",
                    crate::keys::MIN_KEY_PASSPHRASE_CHARS
                ),
                format!(
                    "Use a passphrase of at least {} characters for the key; two or three words joined together are easy to remember and safe.",
                    crate::keys::MIN_KEY_PASSPHRASE_CHARS
                ),
            ),
            Self::KeyringClosed { fingerprint, detail } => Text::new(
                format!(
                    "署名の鍵（指紋 {fingerprint}）はこのパソコンのキーリングで守られていますが、今は開けません（{detail}）。\
                     キーリングのロックを解除してからやり直してください。キーリングの情報が失われた場合は、鍵の入った引き継ぎファイルを開き直すか、鍵を作り直してください（市への登録もやり直しになります）。"
                ),
                format!(
                    "The signing key (fingerprint {fingerprint}) is protected by this PC's keyring, which cannot open it now \
                     ({detail}). Unlock the keyring, then try again. If the keyring's entry is lost, open a hand-over that \
                     has the key again, or make a new key (the city must then register it again)."
                ),
            ),
            Self::Refused(t) | Self::Config(t) => t.clone(),
            Self::Io { path, source } if source.kind() == std::io::ErrorKind::StorageFull => Text::new(
                format!("「{path}」を書けません。ディスクがいっぱいです。空きを作ってからやり直してください。"),
                format!("Could not write “{path}”: the disk is full. Free some space, then try again."),
            ),
            Self::Io { path, source } => Text::new(
                format!("「{path}」を読み書きできませんでした（{source}）。場所と権限、空き容量を確かめてください。"),
                format!(
                    "Could not read or write “{path}” ({source}). Check the place, the permissions and the free space."
                ),
            ),
            Self::NotInOutbox(id) => Text::new(
                format!("送信箱にパッケージ {id} はありません。一覧を更新してください。"),
                format!("There is no package {id} in the outbox. Refresh the list."),
            ),
            Self::Busy(id) => Text::new(
                format!("パッケージ {id} は別の画面かコマンドで送信中です。終わるまで待ってください。"),
                format!("Package {id} is being sent by another window or command. Wait until it has finished."),
            ),
            Self::NoDestination => Text::new(
                "送信先が設定されていません。設定で市の受付サーバー（WebDAV）の URL とユーザー名を入力するか、フォルダーに保存してください。",
                "No destination is set. Enter the city's drop-box (WebDAV) URL and user in Settings, or save the package to a folder.",
            ),
            Self::Secret(e) => e.text(),
            Self::Delivery(e) => e.text.clone(),
            Self::TooLarge { size, limit } => Text::new(
                format!(
                    "パッケージが大きすぎます（{} MB、上限 {} MB）。写真を減らすか小さくしてから作り直してください。",
                    size / 1_048_576,
                    limit / 1_048_576
                ),
                format!(
                    "The package is too large ({} MB; the limit is {} MB). Use fewer or smaller photos, then build it again.",
                    size / 1_048_576,
                    limit / 1_048_576
                ),
            ),
        }
    }
}
