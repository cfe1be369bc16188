//! Delivery to a WebDAV folder (the city's drop-box: Nextcloud, or any WebDAV server), over HTTPS
//! with rustls (or HTTP on a trusted network).
//!
//! One delivery, made so that retrying is always safe:
//!
//! 1. `PROPFIND` the package's final name (`<purpose>_<year>_<id>.zip`). If a file is there, it is
//!    fetched and hashed: the same SHA-256 means an earlier attempt got through (delivered); anything
//!    else is a different file, never overwritten (failed, for a person to look at).
//! 2. `PUT` the zip to `<final name>.part` (the same temporary name on every attempt, so a broken
//!    upload is simply replaced by the next one), streamed from the outbox with its `Content-Length`.
//! 3. `PROPFIND` the temporary file: its size must be the package's.
//! 4. `MOVE` it to the final name with `Overwrite: F`: the server itself refuses to replace a file
//!    that appeared meanwhile (then step 1's check decides).
//! 5. `PROPFIND` and `GET` the final file back and hash it. Hashing a download was chosen over a
//!    `.sha256` sidecar file: a sidecar only repeats what the client claims, while reading the stored
//!    bytes back proves what the server holds, with no second file for the city to tidy. A package is
//!    small, so the extra download costs little.
use std::time::Duration;

use council_domain::text::Text;
use futures_util::StreamExt as _;
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::{Arrival, DeliveryError, ProgressFn, Shipment};
use crate::error::{Error, Result};

/// Timeouts for WebDAV delivery.
#[derive(Debug, Clone, Copy)]
pub struct WebDavOptions {
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
    /// How long a connection may stay silent before it counts as broken.
    pub idle_timeout: Duration,
    /// The slowest upload accepted: a request may take `base_timeout` plus its size at this speed.
    pub min_bytes_per_second: u64,
    /// The time any request may take, on top of its size's share.
    pub base_timeout: Duration,
}

impl Default for WebDavOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            min_bytes_per_second: 16 * 1024,
            base_timeout: Duration::from_secs(60),
        }
    }
}

/// A WebDAV folder to deliver to.
#[derive(Clone)]
pub struct WebDav {
    base: Url,
    user: String,
    password: SecretString,
    client: reqwest::Client,
    options: WebDavOptions,
}

impl std::fmt::Debug for WebDav {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebDav").field("url", &self.base.as_str()).field("user", &self.user).finish()
    }
}

/// See [`council_base::net::safe_to_send`].
fn safe_to_send(url: &Url) -> bool {
    council_base::net::safe_to_send(url.scheme(), url.host_str())
}

/// The folder URL as used: https (http only to this PC itself), no credentials, query or fragment
/// in it, ending in `/`.
pub(crate) fn folder_url(url: &str) -> Result<Url> {
    let bad = |why_ja: &str, why_en: &str| {
        Error::Config(Text::new(
            format!("送信先の URL「{url}」は使えません（{why_ja}）。市から届いた URL をそのまま入れてください。"),
            format!(
                "The destination URL “{url}” cannot be used ({why_en}). Enter the URL exactly as the city gave it."
            ),
        ))
    };
    let mut parsed = Url::parse(url.trim()).map_err(|_| bad("URL の形ではありません", "it is not a URL"))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(bad("https:// で始まっていません", "it does not start with https://"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("サーバー名がありません", "it has no server name"));
    }
    if !safe_to_send(&parsed) {
        return Err(bad(
            "暗号化されない http:// では、名簿とパスワードが途中で読まれるおそれがあります。https:// の URL を市に確かめてください",
            "over unencrypted http:// the roster and the password could be read on the way; ask the city for its https:// URL",
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(bad(
            "ユーザー名やパスワードを URL に含めないでください",
            "do not put the user or password in the URL",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("? や # の付いた URL です", "it has a ? or # part"));
    }
    if !parsed.path().ends_with('/') {
        let path = format!("{}/", parsed.path());
        parsed.set_path(&path);
    }
    Ok(parsed)
}

/// rustls' crypto provider (ring), installed once for the process.
fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Another part of the program may have installed one already: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:getcontentlength/><d:resourcetype/></d:prop></d:propfind>"#;

/// What a PROPFIND found at a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Nothing,
    File(u64),
    Folder,
}

/// Reads a `207 Multi-Status` answer for one resource: a collection, or a file and its length.
fn parse_propfind(xml: &str) -> Option<Found> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_length = false;
    let mut length = None;
    let mut collection = false;
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) => in_length = e.local_name().as_ref() == "getcontentlength",
            quick_xml::events::Event::Empty(e) if e.local_name().as_ref() == "collection" => collection = true,
            quick_xml::events::Event::Text(t) if in_length => {
                length = t.into_inner().trim().parse::<u64>().ok();
            }
            quick_xml::events::Event::End(_) => in_length = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    if collection { Some(Found::Folder) } else { length.map(Found::File) }
}

/// The words for a failed request, by status.
fn status_error(status: StatusCode, step: &str) -> DeliveryError {
    let code = status.as_u16();
    let tail_ja = "パッケージは送信箱に残っています。";
    let tail_en = "The package stays in the outbox.";
    match code {
        401 => DeliveryError::permanent(Text::new(
            format!(
                "市のサーバーがユーザー名かパスワードを受け付けませんでした（{step}、401）。設定の送信先でユーザー名とパスワードを確かめてから、もう一度送ってください。{tail_ja}"
            ),
            format!(
                "The city's server did not accept the user name or password ({step}, 401). Check them in Settings, then send again. {tail_en}"
            ),
        )),
        403 => DeliveryError::permanent(Text::new(
            format!(
                "このユーザーには送信先フォルダーへの書き込みが許されていません（{step}、403）。市の担当者に確かめてください。{tail_ja}"
            ),
            format!("This user may not write to the destination folder ({step}, 403). Ask the city. {tail_en}"),
        )),
        404 | 409 => DeliveryError::permanent(Text::new(
            format!(
                "送信先のフォルダーがサーバーにありません（{step}、{code}）。設定の URL を確かめてください。{tail_ja}"
            ),
            format!(
                "The destination folder does not exist on the server ({step}, {code}). Check the URL in Settings. {tail_en}"
            ),
        )),
        405 | 501 => DeliveryError::permanent(Text::new(
            format!(
                "送信先の URL が WebDAV のフォルダーではないようです（{step}、{code}）。設定の URL を確かめてください。{tail_ja}"
            ),
            format!(
                "The destination URL does not seem to be a WebDAV folder ({step}, {code}). Check the URL in Settings. {tail_en}"
            ),
        )),
        413 => DeliveryError::permanent(Text::new(
            format!(
                "パッケージがサーバーの受け付ける大きさを超えています（413）。写真を減らして作り直すか、USB メモリーで届けてください。{tail_ja}"
            ),
            format!(
                "The package is larger than the server accepts (413). Rebuild it with fewer photos, or deliver it on a USB stick. {tail_en}"
            ),
        )),
        507 => DeliveryError::transient(Text::new(
            format!(
                "市のサーバーの容量がいっぱいです（507）。時間をおいて自動でもう一度送ります。続くときは市の担当者に知らせてください。{tail_ja}"
            ),
            format!(
                "The city's server is out of space (507). It will be tried again later; if this goes on, tell the city. {tail_en}"
            ),
        )),
        408 | 425 | 429 | 500..=599 => DeliveryError::transient(Text::new(
            format!(
                "市のサーバーが一時的に応答できません（{step}、{code}）。時間をおいて自動でもう一度送ります。{tail_ja}"
            ),
            format!(
                "The city's server cannot answer right now ({step}, {code}). It will be tried again later. {tail_en}"
            ),
        )),
        _ => DeliveryError::permanent(Text::new(
            format!("市のサーバーが要求を断りました（{step}、{code}）。設定の送信先を確かめてください。{tail_ja}"),
            format!(
                "The city's server refused the request ({step}, {code}). Check the destination in Settings. {tail_en}"
            ),
        )),
    }
}

/// The words for a request that got no answer.
fn network_error(e: &reqwest::Error, step: &str) -> DeliveryError {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    if detail.contains("certificate") || detail.contains("Certificate") {
        return DeliveryError::permanent(Text::new(
            format!(
                "市のサーバーの証明書を確かめられませんでした（{step}: {detail}）。URL が正しいか、市の担当者に確かめてください。パッケージは送信箱に残っています。"
            ),
            format!(
                "The city's server certificate could not be verified ({step}: {detail}). Check the URL with the city. The package stays in the outbox."
            ),
        ));
    }
    let (ja, en) = if e.is_timeout() {
        ("市のサーバーから時間内に応答がありませんでした", "The city's server did not answer in time")
    } else if e.is_connect() {
        ("市のサーバーにつながりません", "The city's server cannot be reached")
    } else {
        ("市のサーバーとの通信が途中で切れました", "The connection to the city's server broke off")
    };
    DeliveryError::transient(Text::new(
        format!("{ja}（{step}: {detail}）。つながるようになると自動で送ります。パッケージは送信箱に残っています。"),
        format!(
            "{en} ({step}: {detail}). It will be sent when the connection is back. The package stays in the outbox."
        ),
    ))
}

fn different_file(url: &Url) -> DeliveryError {
    DeliveryError::permanent(Text::new(
        format!(
            "送信先に、このパッケージと同じ名前の別のファイルがあります（{url}）。上書きはしません。市の担当者に確かめてください。パッケージは送信箱に残っています。"
        ),
        format!(
            "A different file with this package's name is already at the destination ({url}). It is not overwritten: ask the city. The package stays in the outbox."
        ),
    ))
}

impl WebDav {
    /// A WebDAV folder at `url`, signed in as `user` with `password`.
    pub fn new(url: &str, user: &str, password: SecretString, options: WebDavOptions) -> Result<Self> {
        let base = folder_url(url)?;
        install_crypto();
        let client = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.idle_timeout)
            .user_agent(concat!("CouncilDesk/", env!("CARGO_PKG_VERSION")))
            // A redirect may not lead from https to plain http over the network.
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                if attempt.previous().len() >= 5 {
                    attempt.error("too many redirects")
                } else if safe_to_send(attempt.url()) {
                    attempt.follow()
                } else {
                    attempt.error("a redirect to plain http")
                }
            }))
            .build()
            .map_err(|e| {
                Error::Config(Text::new(
                    format!("通信の準備ができませんでした（{e}）。"),
                    format!("The connection could not be prepared ({e})."),
                ))
            })?;
        Ok(Self { base, user: user.to_owned(), password, client, options })
    }

    /// The folder's URL.
    pub fn url(&self) -> &Url {
        &self.base
    }

    fn file_url(&self, name: &str) -> Result<Url, DeliveryError> {
        self.base.join(name).map_err(|e| {
            DeliveryError::permanent(Text::new(
                format!("送信先の URL にファイル名を付けられません（{e}）。"),
                format!("The file name cannot be added to the destination URL ({e})."),
            ))
        })
    }

    fn request(&self, method: Method, url: &Url) -> reqwest::RequestBuilder {
        self.client
            .request(method, url.clone())
            .basic_auth(&self.user, Some(self.password.expose_secret()))
            .timeout(self.options.base_timeout)
    }

    /// The time a transfer of `size` bytes may take.
    fn transfer_timeout(&self, size: u64) -> Duration {
        self.options.base_timeout + Duration::from_secs(size / self.options.min_bytes_per_second.max(1))
    }

    /// Checks that the folder is there and the user may read it (Settings' "test connection"):
    /// one `PROPFIND` of the folder, with the same words for a failure as a delivery has.
    pub async fn probe(&self) -> Result<(), DeliveryError> {
        match self.propfind(&self.base, "接続の確認 / connection test").await? {
            Found::Folder => Ok(()),
            Found::Nothing => Err(status_error(StatusCode::NOT_FOUND, "接続の確認 / connection test")),
            Found::File(_) => Err(status_error(StatusCode::METHOD_NOT_ALLOWED, "接続の確認 / connection test")),
        }
    }

    async fn propfind(&self, url: &Url, step: &str) -> Result<Found, DeliveryError> {
        let response = self
            .request(Method::from_bytes(b"PROPFIND").unwrap_or(Method::GET), url)
            .header("Depth", "0")
            .header(reqwest::header::CONTENT_TYPE, "application/xml; charset=utf-8")
            .body(PROPFIND_BODY)
            .send()
            .await
            .map_err(|e| network_error(&e, step))?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(Found::Nothing),
            StatusCode::MULTI_STATUS => {
                let text = response.text().await.map_err(|e| network_error(&e, step))?;
                parse_propfind(&text).ok_or_else(|| {
                    DeliveryError::transient(Text::new(
                        format!("サーバーの答え（{step}）が読めませんでした。あとでもう一度送ります。"),
                        format!("The server's answer ({step}) could not be read. It will be tried again."),
                    ))
                })
            }
            status => Err(status_error(status, step)),
        }
    }

    /// Downloads `url` and returns its length and SHA-256.
    async fn fetch_hash(&self, url: &Url, size: u64, step: &str) -> Result<(u64, String), DeliveryError> {
        let mut response = self
            .request(Method::GET, url)
            .timeout(self.transfer_timeout(size))
            .send()
            .await
            .map_err(|e| network_error(&e, step))?;
        if !response.status().is_success() {
            return Err(status_error(response.status(), step));
        }
        let mut hasher = Sha256::new();
        let mut len = 0u64;
        while let Some(chunk) = response.chunk().await.map_err(|e| network_error(&e, step))? {
            len += chunk.len() as u64;
            hasher.update(&chunk);
        }
        Ok((len, hex::encode(hasher.finalize())))
    }

    /// An existing file under the final name: delivered if it is this package, refused otherwise.
    async fn judge_existing(&self, url: &Url, found: Found, shipment: &Shipment) -> Result<Arrival, DeliveryError> {
        match found {
            Found::File(size) if size == shipment.size => {
                let (len, sha) = self.fetch_hash(url, size, "確認 / checking").await?;
                if len == shipment.size && sha == shipment.sha256 {
                    Ok(Arrival { location: url.to_string(), already_there: true })
                } else {
                    Err(different_file(url))
                }
            }
            _ => Err(different_file(url)),
        }
    }

    async fn delete(&self, url: &Url) {
        // Tidying only: a temporary file left behind is replaced by the next attempt anyway.
        let _ = self.request(Method::DELETE, url).send().await;
    }

    /// Delivers `shipment` (see the module's steps).
    pub async fn deliver(&self, shipment: &Shipment, progress: ProgressFn) -> Result<Arrival, DeliveryError> {
        let final_url = self.file_url(&shipment.name)?;
        let part_url = self.file_url(&format!("{}.part", shipment.name))?;
        match self.propfind(&final_url, "確認 / checking").await? {
            Found::Nothing => {}
            found => return self.judge_existing(&final_url, found, shipment).await,
        }

        // Upload, streamed from the outbox file.
        let file = tokio::fs::File::open(&shipment.file).await.map_err(|e| {
            DeliveryError::permanent(Text::new(
                format!("送信箱のパッケージ「{}」が読めません（{e}）。", shipment.file.display()),
                format!("The package “{}” in the outbox cannot be read ({e}).", shipment.file.display()),
            ))
        })?;
        let mut sent = 0u64;
        let counting = progress.clone();
        let stream = tokio_util::io::ReaderStream::with_capacity(file, 64 * 1024).map(move |chunk| {
            if let Ok(c) = &chunk {
                sent += c.len() as u64;
                counting(sent);
            }
            chunk
        });
        let response = self
            .request(Method::PUT, &part_url)
            .timeout(self.transfer_timeout(shipment.size))
            .header(reqwest::header::CONTENT_LENGTH, shipment.size)
            .header(reqwest::header::CONTENT_TYPE, "application/zip")
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .map_err(|e| network_error(&e, "送信 / upload"))?;
        if !response.status().is_success() {
            return Err(status_error(response.status(), "送信 / upload"));
        }
        match self.propfind(&part_url, "大きさの確認 / size check").await? {
            Found::File(size) if size == shipment.size => {}
            found => {
                self.delete(&part_url).await;
                let got = match found {
                    Found::File(n) => n.to_string(),
                    _ => "—".to_owned(),
                };
                return Err(DeliveryError::transient(Text::new(
                    format!(
                        "サーバーに届いた大きさが違いました（{} バイトのうち {got}）。もう一度送ります。",
                        shipment.size
                    ),
                    format!(
                        "The server received a different size ({got} of {} bytes). It will be sent again.",
                        shipment.size
                    ),
                )));
            }
        }

        // Into place, never over an existing file.
        let response = self
            .request(Method::from_bytes(b"MOVE").unwrap_or(Method::PUT), &part_url)
            .header("Destination", final_url.as_str())
            .header("Overwrite", "F")
            .send()
            .await
            .map_err(|e| network_error(&e, "名前の変更 / rename"))?;
        match response.status() {
            s if s.is_success() => {}
            StatusCode::PRECONDITION_FAILED => {
                // The final name appeared meanwhile (an earlier attempt's MOVE did get through).
                self.delete(&part_url).await;
                let found = self.propfind(&final_url, "確認 / checking").await?;
                return self.judge_existing(&final_url, found, shipment).await;
            }
            s => return Err(status_error(s, "名前の変更 / rename")),
        }

        // Read back what the server holds.
        let size_ok =
            matches!(self.propfind(&final_url, "確認 / checking").await?, Found::File(n) if n == shipment.size);
        let (len, sha) = self.fetch_hash(&final_url, shipment.size, "読み戻し / read-back").await?;
        if !size_ok || len != shipment.size || sha != shipment.sha256 {
            // It is the file this attempt just moved into place: remove it rather than leave a
            // damaged copy under the package's name.
            self.delete(&final_url).await;
            return Err(DeliveryError::transient(Text::new(
                "サーバーに保存された内容が送ったものと一致しませんでした。削除して、もう一度送ります。",
                "What the server stored differs from what was sent. It was removed and will be sent again.",
            )));
        }
        Ok(Arrival { location: final_url.to_string(), already_there: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_urls_are_checked_and_end_in_a_slash() {
        assert_eq!(folder_url("https://dav.example.jp/提出").expect("ok").path(), "/%E6%8F%90%E5%87%BA/");
        assert!(folder_url("ftp://x/").is_err(), "only http(s)");
        assert!(folder_url("https://u:p@x/").is_err(), "no credentials in the URL");
        assert!(folder_url("not a url").is_err());
        assert!(folder_url("https://x/a?b=c").is_err(), "no query");
        for plain in ["http://dav.example.jp/提出/", "http://192.168.1.10/dav/", "http://localhost.example.jp/"] {
            let err = folder_url(plain).expect_err("plain http over the network");
            assert!(err.text().ja.contains("https://"), "{plain}: says to ask for https: {}", err.text());
        }
        for local in ["http://127.0.0.1:8080/dav/", "http://localhost:8080/", "http://[::1]:8080/"] {
            assert!(folder_url(local).is_ok(), "{local}: http to this PC itself is allowed");
        }
    }

    #[test]
    fn propfind_answers_are_read_whatever_the_prefix() {
        let file = r#"<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/a.zip</D:href>
            <D:propstat><D:prop><D:getcontentlength>1234</D:getcontentlength><D:resourcetype/></D:prop>
            <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
        assert_eq!(parse_propfind(file), Some(Found::File(1234)));
        let folder = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:propstat><d:prop>
            <d:resourcetype><d:collection/></d:resourcetype></d:prop></d:propstat></d:response></d:multistatus>"#;
        assert_eq!(parse_propfind(folder), Some(Found::Folder));
        assert_eq!(parse_propfind("<x>"), None, "nothing usable");
    }

    #[test]
    fn statuses_say_whether_to_try_again() {
        assert!(status_error(StatusCode::UNAUTHORIZED, "x").permanent, "a wrong password needs a person");
        assert!(!status_error(StatusCode::INTERNAL_SERVER_ERROR, "x").permanent, "a server error may pass");
        assert!(!status_error(StatusCode::INSUFFICIENT_STORAGE, "x").permanent, "a full server may be emptied");
        assert!(status_error(StatusCode::NOT_FOUND, "x").permanent, "a wrong folder needs a person");
    }
}
