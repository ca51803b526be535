//! Downloading official list files over HTTP.
//!
//! [`Fetcher::get`] does one blocking GET with connect and read timeouts,
//! retries transport failures and server errors (5xx, 429) with doubling
//! backoff, sends the ETag / Last-Modified validators of the previous
//! download (`If-None-Match` / `If-Modified-Since`) so that an unchanged
//! file costs a `304 Not Modified`, refuses bodies over a size cap, and
//! returns the sha256 of what it received. A body cut short (fewer bytes
//! than `Content-Length`) is an error, never a short file.
//!
//! [`find_links`] reads the links out of an HTML page, for publishers (the
//! Japanese MOF) whose stable URL is a page linking to the current file.

use std::io::Read;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Settings of a [`Fetcher`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchOptions {
    /// Time allowed to open the connection, in seconds.
    pub connect_timeout_secs: u64,
    /// Time allowed between two reads of the response, in seconds.
    pub read_timeout_secs: u64,
    /// Extra attempts after a transport failure or a 5xx / 429 answer.
    pub retries: u32,
    /// Wait before the first retry, in milliseconds; doubled for each further one.
    pub backoff_ms: u64,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    /// `User-Agent` header sent.
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout_secs: 20,
            read_timeout_secs: 60,
            retries: 3,
            backoff_ms: 1000,
            max_bytes: 200 * 1024 * 1024,
            user_agent: concat!("seisai/", env!("CARGO_PKG_VERSION")).to_string(),
        }
    }
}

/// The cache validators of a download, sent back on the next request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header of the last download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header of the last download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A downloaded body.
#[derive(Clone, Debug)]
pub struct Download {
    /// The URL asked for.
    pub url: String,
    /// The URL answered (after redirects).
    pub final_url: String,
    /// The body.
    pub data: Vec<u8>,
    /// Hex sha256 of the body.
    pub sha256: String,
    /// The validators to send next time.
    pub validators: Validators,
    /// The `Content-Type` of the answer (`text/html`, …).
    pub content_type: String,
}

/// What a conditional GET gave.
#[derive(Clone, Debug)]
pub enum Fetched {
    /// The server answered `304 Not Modified`: the last download is current.
    NotModified,
    /// A new body.
    Body(Download),
}

/// A download that failed; every variant names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The server answered with an error status.
    #[error("{url}: server answered HTTP {status} after {attempts} attempt(s)")]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// How many requests were made.
        attempts: u32,
    },
    /// The connection failed (DNS, refused, timeout, TLS…).
    #[error("{url}: connection failed after {attempts} attempt(s): {detail}")]
    Transport {
        /// The URL.
        url: String,
        /// What failed.
        detail: String,
        /// How many requests were made.
        attempts: u32,
    },
    /// The body is larger than the configured cap.
    #[error("{url}: body larger than the size cap of {limit} bytes; refused")]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// The body could not be read to its end (cut short, timeout).
    #[error("{url}: body could not be read completely after {received} bytes: {detail}")]
    Body {
        /// The URL.
        url: String,
        /// Bytes received before the failure.
        received: usize,
        /// What failed.
        detail: String,
    },
}

/// A blocking HTTP client with the settings of [`FetchOptions`].
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

/// One attempt's failure, before deciding whether to retry.
enum Attempt {
    Retry(FetchError),
    Fatal(FetchError),
}

impl Fetcher {
    /// A fetcher with these settings.
    pub fn new(options: FetchOptions) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(options.connect_timeout_secs))
            .timeout_read(Duration::from_secs(options.read_timeout_secs))
            .user_agent(&options.user_agent)
            .build();
        Fetcher { agent, options }
    }

    /// The settings in use.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// GETs `url`, sending `validators` (if any) as conditional headers.
    pub fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        let mut wait = Duration::from_millis(self.options.backoff_ms);
        let mut attempt: u32 = 1;
        loop {
            match self.attempt(url, validators, attempt) {
                Ok(fetched) => return Ok(fetched),
                Err(Attempt::Fatal(e)) => return Err(e),
                Err(Attempt::Retry(e)) => {
                    if attempt > self.options.retries {
                        return Err(e);
                    }
                    tracing::warn!("{e}; retrying in {} ms", wait.as_millis());
                    std::thread::sleep(wait);
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                }
            }
        }
    }

    fn attempt(&self, url: &str, validators: Option<&Validators>, attempts: u32) -> Result<Fetched, Attempt> {
        let mut request = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.set("If-None-Match", etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.set("If-Modified-Since", date);
            }
        }
        let response = match request.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(status, _)) => {
                let e = FetchError::Status { url: url.to_string(), status, attempts };
                return Err(if status >= 500 || status == 429 { Attempt::Retry(e) } else { Attempt::Fatal(e) });
            }
            Err(ureq::Error::Transport(t)) => {
                return Err(Attempt::Retry(FetchError::Transport {
                    url: url.to_string(),
                    detail: t.to_string(),
                    attempts,
                }));
            }
        };
        if response.status() == 304 {
            return Ok(Fetched::NotModified);
        }
        let limit = self.options.max_bytes;
        let declared = response.header("Content-Length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > limit) {
            return Err(Attempt::Fatal(FetchError::TooLarge { url: url.to_string(), limit }));
        }
        let validators = Validators {
            etag: response.header("ETag").map(str::to_string),
            last_modified: response.header("Last-Modified").map(str::to_string),
        };
        let final_url = response.get_url().to_string();
        let content_type = response.content_type().to_string();
        let mut data = Vec::new();
        let read = response.into_reader().take(limit.saturating_add(1)).read_to_end(&mut data);
        if let Err(e) = read {
            return Err(Attempt::Retry(FetchError::Body {
                url: url.to_string(),
                received: data.len(),
                detail: e.to_string(),
            }));
        }
        if data.len() as u64 > limit {
            return Err(Attempt::Fatal(FetchError::TooLarge { url: url.to_string(), limit }));
        }
        let sha256 = hex::encode(Sha256::digest(&data));
        Ok(Fetched::Body(Download { url: url.to_string(), final_url, data, sha256, validators, content_type }))
    }
}

/// Whether a body looks like an HTML page rather than a data file.
pub fn looks_like_html(data: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&data[..data.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html")
}

/// The `href` targets of an HTML page whose file name contains `contains`
/// and ends with one of `extensions` (case-insensitive), resolved against
/// `base` (the page's URL), in page order without repeats.
pub fn find_links(html: &str, base: &str, contains: &str, extensions: &[&str]) -> Vec<String> {
    let base = url::Url::parse(base).ok();
    let lower = html.to_ascii_lowercase();
    let mut found: Vec<String> = Vec::new();
    let mut rest = 0;
    while let Some(pos) = lower.get(rest..).and_then(|s| s.find("href")) {
        let start = rest + pos + 4;
        rest = start;
        let after = lower.get(start..).unwrap_or("").trim_start();
        let Some(after_eq) = after.strip_prefix('=') else { continue };
        let value_at = lower.len() - after_eq.len();
        let value_text = html.get(value_at..).unwrap_or("").trim_start();
        let target = match value_text.chars().next() {
            Some(q @ ('"' | '\'')) => value_text.get(1..).and_then(|s| s.split(q).next()),
            Some(_) => value_text.split(|c: char| c.is_whitespace() || c == '>').next(),
            None => None,
        };
        let Some(target) = target.map(|t| t.trim().replace("&amp;", "&")) else { continue };
        let path = target.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
        let file = path.rsplit('/').next().unwrap_or("");
        if !file.contains(&contains.to_ascii_lowercase()) || !extensions.iter().any(|e| file.ends_with(&e.to_ascii_lowercase())) {
            continue;
        }
        let resolved = match &base {
            Some(b) => b.join(&target).map(|u| u.to_string()).unwrap_or(target),
            None => target,
        };
        if !found.contains(&resolved) {
            found.push(resolved);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_relative_and_absolute() {
        let html = r#"<html><body>
            <a href="/policy/gaitame/shisantouketsu_20260305.xlsx">一覧 (Excel)</a>
            <a HREF='shisantouketsu_20260305.csv'>CSV</a>
            <a href="other.pdf">pdf</a>
            <a href="https://example.org/x/Shisantouketsu.XLSX?v=2">abs</a>
            <a href="/policy/gaitame/shisantouketsu_20260305.xlsx">again</a>
        </body></html>"#;
        let links = find_links(html, "https://www.mof.go.jp/policy/gaitame/list.html", "shisantouketsu", &[".xlsx", ".csv"]);
        assert_eq!(
            links,
            vec![
                "https://www.mof.go.jp/policy/gaitame/shisantouketsu_20260305.xlsx".to_string(),
                "https://www.mof.go.jp/policy/gaitame/shisantouketsu_20260305.csv".to_string(),
                "https://example.org/x/Shisantouketsu.XLSX?v=2".to_string(),
            ]
        );
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html(b"\n<!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><CONSOLIDATED_LIST>"));
        assert!(!looks_like_html(b"36,\"AEROCARIBBEAN AIRLINES\""));
    }

    /// One canned answer: status, headers, body.
    type Answer = (u16, Vec<(&'static str, &'static str)>, Vec<u8>);
    /// The headers of each request received.
    type Seen = Vec<Vec<(String, String)>>;

    fn serve(responses: Vec<Answer>) -> (String, std::thread::JoinHandle<Seen>) {
        let server = match tiny_http::Server::http("127.0.0.1:0") {
            Ok(s) => s,
            Err(e) => panic!("cannot start test server: {e}"),
        };
        let addr = server.server_addr().to_ip().map(|a| a.to_string()).unwrap_or_default();
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for (status, headers, body) in responses {
                let Ok(request) = server.recv() else { break };
                seen.push(request.headers().iter().map(|h| (h.field.to_string(), h.value.to_string())).collect());
                let mut response = tiny_http::Response::from_data(body).with_status_code(status);
                for (k, v) in headers {
                    if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                        response = response.with_header(h);
                    }
                }
                let _ = request.respond(response);
            }
            seen
        });
        (format!("http://{addr}/file.xml"), handle)
    }

    fn quick() -> FetchOptions {
        FetchOptions { retries: 2, backoff_ms: 10, max_bytes: 1000, ..FetchOptions::default() }
    }

    #[test]
    fn conditional_get_and_retry() {
        let (url, server) = serve(vec![
            (503, vec![], b"busy".to_vec()),
            (200, vec![("ETag", "\"v1\"")], b"<list/>".to_vec()),
            (304, vec![], Vec::new()),
        ]);
        let fetcher = Fetcher::new(quick());
        let first = fetcher.get(&url, None);
        let Ok(Fetched::Body(download)) = first else { panic!("expected a body, got {first:?}") };
        assert_eq!(download.data, b"<list/>");
        assert_eq!(download.validators.etag.as_deref(), Some("\"v1\""));
        assert_eq!(download.sha256, hex::encode(Sha256::digest(b"<list/>")));
        let second = fetcher.get(&url, Some(&download.validators));
        assert!(matches!(second, Ok(Fetched::NotModified)), "{second:?}");
        let seen = server.join().unwrap_or_default();
        let sent_etag = seen.get(2).into_iter().flatten().any(|(k, v)| k.eq_ignore_ascii_case("If-None-Match") && v == "\"v1\"");
        assert!(sent_etag, "If-None-Match not sent: {seen:?}");
    }

    #[test]
    fn oversized_and_failing_bodies_are_errors() {
        let (url, server) = serve(vec![(200, vec![], vec![b'x'; 2000]), (404, vec![], Vec::new())]);
        let fetcher = Fetcher::new(quick());
        let big = fetcher.get(&url, None);
        assert!(matches!(big, Err(FetchError::TooLarge { limit: 1000, .. })), "{big:?}");
        let missing = fetcher.get(&url, None);
        let msg = missing.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("HTTP 404") && msg.contains("/file.xml"), "{msg}");
        let _ = server.join();
    }

    #[test]
    fn truncated_body_is_an_error() {
        let listener = match std::net::TcpListener::bind("127.0.0.1:0") {
            Ok(l) => l,
            Err(e) => panic!("cannot bind: {e}"),
        };
        let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
        let handle = std::thread::spawn(move || {
            use std::io::Write;
            for _ in 0..2 {
                if let Ok((mut stream, _)) = listener.accept() {
                    let mut buf = [0u8; 2048];
                    let _ = stream.read(&mut buf);
                    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nConnection: close\r\n\r\nonly a part");
                }
            }
        });
        let fetcher = Fetcher::new(FetchOptions { retries: 1, backoff_ms: 10, ..FetchOptions::default() });
        let result = fetcher.get(&format!("http://{addr}/sdn.csv"), None);
        assert!(matches!(result, Err(FetchError::Body { .. })), "{result:?}");
        let _ = handle.join();
    }
}
