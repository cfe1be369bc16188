//! A WebDAV folder as the shared folder (Nextcloud, the city's or a member's, any WebDAV server):
//! the same layout as a plain folder. A file is uploaded under a temporary name and then moved into
//! place, so another PC never reads half of one.

use std::time::Duration;

use council_base::Text;
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode, Url};

use crate::error::{Error, Result};
use crate::remote::Remote;

/// A WebDAV folder, signed in.
pub struct WebDav {
    base: Url,
    user: String,
    password: String,
    client: Client,
    /// Folders known to be there (made or found) during this run.
    made: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl std::fmt::Debug for WebDav {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebDav").field("url", &self.base.as_str()).field("user", &self.user).finish()
    }
}

/// See [`council_base::net::safe_to_send`].
fn safe(url: &Url) -> bool {
    council_base::net::safe_to_send(url.scheme(), url.host_str())
}

/// The folder's URL as used (ending in `/`), or why it cannot be used.
pub fn folder_url(url: &str) -> Result<Url> {
    let bad = |ja: &str, en: &str| {
        Error::invalid(
            format!("共有フォルダのURL「{url}」は使えません（{ja}）。"),
            format!("The shared folder's URL “{url}” cannot be used ({en})."),
        )
    };
    let mut parsed = Url::parse(url.trim()).map_err(|_| bad("URLの形ではありません", "it is not a URL"))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("サーバー名がありません", "it has no server name"));
    }
    if !safe(&parsed) {
        return Err(bad("https:// で始まるURLにしてください", "use an https:// URL"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
        return Err(bad("ユーザー名や ? をURLに含めないでください", "leave the user and any ? part out of the URL"));
    }
    if !parsed.path().ends_with('/') {
        let path = format!("{}/", parsed.path());
        parsed.set_path(&path);
    }
    Ok(parsed)
}

fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>"#;

impl WebDav {
    /// The WebDAV folder at `url`, signed in as `user`.
    pub fn new(url: &str, user: &str, password: &str) -> Result<Self> {
        let base = folder_url(url)?;
        install_crypto();
        let client = Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(120))
            .user_agent(concat!("CouncilDesk/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                if attempt.previous().len() >= 5 || !safe(attempt.url()) {
                    attempt.error("redirect refused")
                } else {
                    attempt.follow()
                }
            }))
            .build()
            .map_err(|_| Error::invalid("通信の準備ができませんでした。", "The connection could not be prepared."))?;
        Ok(Self { base, user: user.to_owned(), password: password.to_owned(), client, made: Default::default() })
    }

    fn url(&self, rel: &str) -> Result<Url> {
        let clean: Vec<&str> = rel.split('/').filter(|p| !p.is_empty() && *p != "..").collect();
        self.base.join(&clean.join("/")).map_err(|_| {
            Error::invalid("共有フォルダのURLにファイル名を付けられません。", "A file name cannot be added to the URL.")
        })
    }

    fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        headers: &[(&str, String)],
    ) -> Result<reqwest::blocking::Response> {
        let mut request = self.client.request(method, url).basic_auth(&self.user, Some(&self.password));
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        request.send().map_err(|e| offline(&self.base, &e))
    }

    fn folder(&self, rel: &str) -> Result<()> {
        // The shared folder itself and each folder on the way are made once; one that is there
        // already answers 405.
        let mut path = String::new();
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        for i in 0..=parts.len() {
            if i > 0 {
                path.push_str(parts[i - 1]);
                path.push('/');
            }
            if self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&path) {
                continue;
            }
            let mut url = self.url(&path)?;
            if !url.path().ends_with('/') {
                let with_slash = format!("{}/", url.path());
                url.set_path(&with_slash);
            }
            let response = self.send(Method::from_bytes(b"MKCOL").unwrap_or(Method::PUT), url, None, &[])?;
            let status = response.status();
            if !(status.is_success() || status == StatusCode::METHOD_NOT_ALLOWED) {
                return Err(status_error(status));
            }
            self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(path.clone());
        }
        Ok(())
    }
}

impl WebDav {
    /// The names in `dir`: the finished files, or the unfinished uploads.
    fn names(&self, dir: &str, unfinished: bool) -> Result<Vec<String>> {
        let mut url = self.url(dir)?;
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        let response = self.send(
            Method::from_bytes(b"PROPFIND").unwrap_or(Method::GET),
            url.clone(),
            Some(PROPFIND_BODY.as_bytes().to_vec()),
            &[("Depth", "1".to_owned()), ("Content-Type", "application/xml; charset=utf-8".to_owned())],
        )?;
        match response.status() {
            StatusCode::NOT_FOUND => return Ok(Vec::new()),
            StatusCode::MULTI_STATUS => {}
            status => return Err(status_error(status)),
        }
        let xml = response.text().map_err(|e| offline(&self.base, &e))?;
        let mut names = Vec::new();
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut in_href = false;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) => in_href = e.local_name().as_ref() == "href",
                Ok(quick_xml::events::Event::Text(t)) if in_href => {
                    let href = t.into_inner().trim().to_owned();
                    let path = url.join(&href).map(|u| u.path().to_owned()).unwrap_or(href);
                    if path.trim_end_matches('/') != url.path().trim_end_matches('/') {
                        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
                        let name = percent_decode(last);
                        if (!unfinished && !name.is_empty() && !name.starts_with('.'))
                            || (unfinished && crate::remote::is_unfinished(&name))
                        {
                            names.push(name);
                        }
                    }
                }
                Ok(quick_xml::events::Event::End(_)) => in_href = false,
                Ok(quick_xml::events::Event::Eof) => break,
                Err(_) => {
                    return Err(Error::Offline(Text::new(
                        "共有フォルダのサーバーの答えが読めませんでした。あとでもう一度同期します。",
                        "The shared folder's server answer could not be read. It will be tried again.",
                    )));
                }
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        Ok(names)
    }
}

impl Remote for WebDav {
    fn list(&self, dir: &str) -> Result<Vec<String>> {
        self.names(dir, false)
    }

    fn unfinished(&self, dir: &str) -> Result<Vec<String>> {
        self.names(dir, true)
    }

    fn delete(&self, path: &str) -> Result<()> {
        let response = self.send(Method::DELETE, self.url(path)?, None, &[])?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(()),
            s if s.is_success() => Ok(()),
            s => Err(status_error(s)),
        }
    }

    fn get(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let response = self.send(Method::GET, self.url(path)?, None, &[])?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(None),
            s if s.is_success() => Ok(Some(response.bytes().map_err(|e| offline(&self.base, &e))?.to_vec())),
            s => Err(status_error(s)),
        }
    }

    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.folder(dir)?;
        let temporary = if dir.is_empty() {
            format!(".{name}.{}.part", uuid::Uuid::now_v7())
        } else {
            format!("{dir}/.{name}.{}.part", uuid::Uuid::now_v7())
        };
        let part = self.url(&temporary)?;
        let response = self.send(Method::PUT, part.clone(), Some(bytes.to_vec()), &[])?;
        if !response.status().is_success() {
            return Err(status_error(response.status()));
        }
        let target = self.url(path)?;
        let response = self.send(
            Method::from_bytes(b"MOVE").unwrap_or(Method::PUT),
            part,
            None,
            &[("Destination", target.to_string()), ("Overwrite", "T".to_owned())],
        )?;
        if !response.status().is_success() {
            return Err(status_error(response.status()));
        }
        Ok(())
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn offline(base: &Url, e: &reqwest::Error) -> Error {
    let why = if e.is_timeout() { "時間内に応答がありません" } else { "つながりません" };
    Error::Offline(Text::new(
        format!("共有フォルダ（{base}）に{why}。変更はこのPCに残り、つながったときに送られます。"),
        format!(
            "The shared folder ({base}) cannot be reached now. Changes stay on this PC and go when it can be reached."
        ),
    ))
}

fn status_error(status: StatusCode) -> Error {
    match status.as_u16() {
        401 => Error::Refused(Text::new(
            "共有フォルダのサーバーがユーザー名かパスワードを受け付けませんでした（401）。設定で確かめてください。",
            "The shared folder's server did not accept the user name or password (401). Check them in Settings.",
        )),
        403 => Error::Refused(Text::new(
            "このユーザーには共有フォルダへの書き込みが許されていません（403）。フォルダの持ち主に確かめてください。",
            "This user may not write to the shared folder (403). Ask the folder's owner.",
        )),
        code @ (500..=599 | 408 | 429) => Error::Offline(Text::new(
            format!("共有フォルダのサーバーが一時的に応答できません（{code}）。変更はこのPCに残り、あとで送られます。"),
            format!(
                "The shared folder's server cannot answer right now ({code}). Changes stay on this PC and go later."
            ),
        )),
        code => Error::Refused(Text::new(
            format!("共有フォルダのサーバーが要求を断りました（{code}）。URLを確かめてください。"),
            format!("The shared folder's server refused the request ({code}). Check the URL."),
        )),
    }
}
