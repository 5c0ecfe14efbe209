//! The network, for `vita add` and `vita sync` only: `build`, `check` and `watch` never reach
//! this module.
//!
//! One [`Client`] asks each source (Crossref, arXiv, NCBI's E-utilities, DBLP, OpenAlex,
//! ORCID) by its rules: a `User-Agent` naming vita and a `mailto` (Crossref's polite pool), at
//! most so many requests a second per source, a wait and a retry on 429 and 503 (as the
//! `Retry-After` header says, within a cap), timeouts, and an on-disk cache so that asking
//! again is offline. Every base address can be pointed elsewhere by an environment variable
//! (`VITA_CROSSREF_URL`, ...): the tests serve recorded answers on 127.0.0.1.
//!
//! The answers are read into one shape, [`work::Work`], by a file per source.

pub mod arxiv;
pub mod crossref;
pub mod dblp;
pub mod openalex;
pub mod orcid;
pub mod pubmed;
pub mod work;

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::diag::Diagnostic;

/// A service vita reads works from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Crossref,
    Arxiv,
    Pubmed,
    Dblp,
    Openalex,
    Orcid,
}

impl Source {
    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Source::Crossref => "Crossref",
            Source::Arxiv => "arXiv",
            Source::Pubmed => "PubMed (NCBI E-utilities)",
            Source::Dblp => "DBLP",
            Source::Openalex => "OpenAlex",
            Source::Orcid => "ORCID",
        }
    }

    /// The environment variable that points it elsewhere.
    pub fn env(self) -> &'static str {
        match self {
            Source::Crossref => "VITA_CROSSREF_URL",
            Source::Arxiv => "VITA_ARXIV_URL",
            Source::Pubmed => "VITA_PUBMED_URL",
            Source::Dblp => "VITA_DBLP_URL",
            Source::Openalex => "VITA_OPENALEX_URL",
            Source::Orcid => "VITA_ORCID_URL",
        }
    }

    fn default_base(self) -> &'static str {
        match self {
            Source::Crossref => "https://api.crossref.org",
            Source::Arxiv => "https://export.arxiv.org/api",
            Source::Pubmed => "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
            Source::Dblp => "https://dblp.org",
            Source::Openalex => "https://api.openalex.org",
            Source::Orcid => "https://pub.orcid.org/v3.0",
        }
    }

    /// The base address, without a trailing slash.
    pub fn base(self) -> String {
        std::env::var(self.env())
            .ok()
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| self.default_base().to_string())
            .trim_end_matches('/')
            .to_string()
    }

    /// The least time between two requests: each service's published rate, with room.
    /// Crossref allows 5 a second without a token; arXiv asks for one every 3 seconds;
    /// NCBI allows 3 a second without a key; DBLP and ORCID ask for restraint.
    fn interval(self) -> Duration {
        Duration::from_millis(match self {
            Source::Crossref => 200,
            Source::Arxiv => 3000,
            Source::Pubmed => 350,
            Source::Dblp => 1000,
            Source::Openalex => 100,
            Source::Orcid => 100,
        })
    }
}

/// Why a request gave nothing usable.
#[derive(Debug)]
pub enum NetError {
    /// The service could not be reached at all (no network, refused, timed out).
    Offline {
        source: Source,
        url: String,
        why: String,
    },
    /// It answered that the thing asked for does not exist.
    NotFound { source: Source, url: String },
    /// It answered with an error status, after the retries.
    Status {
        source: Source,
        url: String,
        status: u16,
    },
    /// Its answer could not be read.
    Malformed {
        source: Source,
        url: String,
        why: String,
    },
    /// It asked to wait longer than vita waits (`Retry-After`).
    Busy {
        source: Source,
        url: String,
        seconds: u64,
    },
}

impl NetError {
    /// The error as a message for people, with a hint.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            NetError::Offline { source, url, why } => Diagnostic::error(format!(
                "offline: cannot reach {} ({url}): {why}",
                source.name()
            ))
            .hint("check the network connection and try again; what vita asked before is cached and is read without the network"),
            NetError::NotFound { source, url } => {
                Diagnostic::error(format!("{} has no such record ({url})", source.name()))
                    .hint("check the identifier: a DOI looks like 10.1109/TNNLS.2022.3182979, an arXiv id like 2007.08745")
            }
            NetError::Status { source, url, status } => Diagnostic::error(format!(
                "{} answered with HTTP {status} ({url})",
                source.name()
            ))
            .hint("the service may be busy or down: try again later"),
            NetError::Malformed { source, url, why } => Diagnostic::error(format!(
                "{}'s answer could not be read ({url}): {why}",
                source.name()
            ))
            .hint("the service may have changed its format, or answered with an error page; try again later, and report it if it persists"),
            NetError::Busy { source, url, seconds } => Diagnostic::error(if *seconds > 0 {
                format!("{} asks to wait {seconds} s before it is asked again ({url})", source.name())
            } else {
                format!("{} is busy: it still asked to wait after four tries ({url})", source.name())
            })
            .hint("try again later: nothing more was asked of it in this run"),
        }
    }

    /// Whether the network could not be reached.
    pub fn is_offline(&self) -> bool {
        matches!(self, NetError::Offline { .. })
    }

    /// Whether asking again in this run is pointless: offline, or told to wait.
    pub fn stops_the_run(&self) -> bool {
        matches!(self, NetError::Offline { .. } | NetError::Busy { .. })
    }
}

/// How long a cached answer is good for.
#[derive(Debug, Clone, Copy)]
pub enum Fresh {
    /// For ever: the metadata of one identifier (a DOI's record changes rarely).
    Always,
    /// A list that grows (a person's works): asked again after this long, and used when the
    /// network cannot be reached.
    For(Duration),
    /// Asked again every time (`--refresh`), the cache only when offline.
    Never,
}

/// Talks to the services; one per command.
pub struct Client {
    agent: ureq::Agent,
    cache: Option<PathBuf>,
    user_agent: String,
    last: Mutex<HashMap<Source, Instant>>,
    /// Most the client waits for one `Retry-After`.
    max_wait: Duration,
    /// Whether an answer came from the cache because the network could not be reached.
    pub stale: Mutex<Vec<String>>,
    /// Addresses answered by the network in this run, not yet kept.
    fetched: Mutex<std::collections::HashSet<String>>,
}

impl Client {
    /// A client that names `mailto` to the services that ask for one.
    pub fn new(mailto: Option<&str>) -> Client {
        let timeout = std::env::var("VITA_NET_TIMEOUT")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(30);
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(timeout)))
            .timeout_connect(Some(Duration::from_secs(timeout.min(10))))
            .http_status_as_error(false)
            .build();
        let user_agent = match mailto {
            Some(m) => format!("vita/{} (mailto:{m})", env!("CARGO_PKG_VERSION")),
            None => format!("vita/{}", env!("CARGO_PKG_VERSION")),
        };
        Client {
            agent: config.into(),
            cache: cache_dir(),
            user_agent,
            last: Mutex::new(HashMap::new()),
            max_wait: Duration::from_secs(30),
            stale: Mutex::new(vec![]),
            fetched: Mutex::new(std::collections::HashSet::new()),
        }
    }

    /// GETs `url` from `source`, through the cache.
    pub fn get(
        &self,
        source: Source,
        url: &str,
        accept: &str,
        fresh: Fresh,
    ) -> Result<Vec<u8>, NetError> {
        let cached = self.cache.as_ref().map(|dir| dir.join(cache_name(url)));
        if let Some(path) = &cached
            && let Ok(meta) = std::fs::metadata(path)
        {
            let age = meta
                .modified()
                .ok()
                .and_then(|m| SystemTime::now().duration_since(m).ok())
                .unwrap_or(Duration::MAX);
            let good = match fresh {
                Fresh::Always => true,
                Fresh::For(d) => age <= d,
                Fresh::Never => false,
            };
            if good && let Ok(bytes) = std::fs::read(path) {
                return Ok(bytes);
            }
        }
        match self.fetch(source, url, accept) {
            // Cached by the reader once it could read it (`keep`).
            Ok(bytes) => {
                self.fetched
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(url.to_string());
                Ok(bytes)
            }
            Err(e) if e.is_offline() => match cached.as_ref().and_then(|p| std::fs::read(p).ok()) {
                Some(bytes) => {
                    self.stale
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(url.to_string());
                    Ok(bytes)
                }
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// Keeps an answer the reader could read, for the next time (an answer that could not be
    /// read, a captive portal's page, is never cached). A cache that cannot be written costs
    /// only a later request.
    pub fn keep(&self, url: &str, bytes: &[u8]) {
        // Only what came from the network: an answer read from the cache keeps its file and
        // its age (a list is asked again a day after it was fetched, not after it was read).
        if !self
            .fetched
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(url)
        {
            return;
        }
        if let Some(dir) = &self.cache {
            let _ = std::fs::create_dir_all(dir);
            let path = dir.join(cache_name(url));
            let tmp = path.with_extension("part");
            if std::fs::write(&tmp, bytes).is_ok() {
                let _ = std::fs::rename(&tmp, &path);
            }
        }
    }

    /// One request, with the source's pace and its retries.
    fn fetch(&self, source: Source, url: &str, accept: &str) -> Result<Vec<u8>, NetError> {
        let mut tries = 0;
        loop {
            tries += 1;
            self.pace(source);
            let response = self
                .agent
                .get(url)
                .header("User-Agent", &self.user_agent)
                .header("Accept", accept)
                .call();
            let mut response = match response {
                Ok(r) => r,
                Err(e) => {
                    return Err(NetError::Offline {
                        source,
                        url: url.to_string(),
                        why: offline_reason(&e),
                    });
                }
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    let mut bytes = vec![];
                    response
                        .body_mut()
                        .as_reader()
                        .take(64 * 1024 * 1024)
                        .read_to_end(&mut bytes)
                        .map_err(|e| NetError::Offline {
                            source,
                            url: url.to_string(),
                            why: if e.kind() == std::io::ErrorKind::TimedOut
                                || e.to_string().contains("timeout")
                            {
                                TOO_SLOW.to_string()
                            } else {
                                e.to_string()
                            },
                        })?;
                    return Ok(bytes);
                }
                404 | 410 => {
                    return Err(NetError::NotFound {
                        source,
                        url: url.to_string(),
                    });
                }
                // A 429 or 503 asks to wait: up to three more tries. A 500 may pass: one more.
                429 | 503 if tries < 4 => {
                    // As long as the service asks (within a cap), else a second, then more.
                    let asked = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    let wait = asked.unwrap_or(Duration::from_secs(1 << (tries - 1)));
                    if wait > self.max_wait {
                        return Err(NetError::Busy {
                            source,
                            url: url.to_string(),
                            seconds: wait.as_secs(),
                        });
                    }
                    if wait >= Duration::from_secs(2) {
                        eprintln!(
                            "{} asks to wait {} s; waiting",
                            source.name(),
                            wait.as_secs()
                        );
                    }
                    std::thread::sleep(wait);
                }
                500 | 502 | 504 if tries < 2 => std::thread::sleep(Duration::from_secs(1)),
                // Still busy after the waits it asked for: asking again in this run is no use.
                429 | 503 => {
                    return Err(NetError::Busy {
                        source,
                        url: url.to_string(),
                        seconds: 0,
                    });
                }
                _ => {
                    return Err(NetError::Status {
                        source,
                        url: url.to_string(),
                        status,
                    });
                }
            }
        }
    }

    /// Waits until the source's interval since its last request has passed.
    fn pace(&self, source: Source) {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = last.get(&source) {
            let since = at.elapsed();
            if since < source.interval() && !local(&source.base()) {
                std::thread::sleep(source.interval() - since);
            }
        }
        last.insert(source, Instant::now());
    }
}

/// A replay server on this machine keeps no pace: the tests would wait for nothing.
fn local(base: &str) -> bool {
    base.starts_with("http://127.0.0.1") || base.starts_with("http://localhost")
}

/// A server too slow to answer whole within the limit.
const TOO_SLOW: &str =
    "no whole answer within the time limit (30 s; `VITA_NET_TIMEOUT=SECONDS` sets it)";

/// What went wrong on the way, in a few words.
fn offline_reason(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".into(),
            std::io::ErrorKind::TimedOut => TOO_SLOW.into(),
            _ => io.to_string(),
        },
        ureq::Error::Timeout(_) => TOO_SLOW.into(),
        ureq::Error::HostNotFound => "the host name could not be looked up (no network?)".into(),
        other => other.to_string(),
    }
}

/// `$VITA_CACHE_DIR`, else `$XDG_CACHE_HOME/vita`, else `~/.cache/vita` (on Windows,
/// `%LOCALAPPDATA%\vita`); `http/` under it.
fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = env("VITA_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|p| p.join("vita")))
        .or_else(|| env("LOCALAPPDATA").map(|p| p.join("vita")))
        .or_else(|| env("HOME").map(|p| p.join(".cache/vita")))?;
    Some(base.join("http"))
}

/// A cached answer's file name: the SHA-256 of its address.
fn cache_name(url: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(url.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Percent-encodes a path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
