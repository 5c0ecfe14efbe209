//! A server on 127.0.0.1 that replays recorded answers of Crossref, arXiv, NCBI, DBLP, ORCID
//! and OpenAlex (tests/fixtures/net), for the tests of `vita add` and `vita sync`: the network
//! itself is never touched. A route answers in turn from its list (a 429, then the record),
//! repeating its last answer; every request is logged.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::support::{Run, fixture};

/// One answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub retry_after: Option<u32>,
}

impl Reply {
    /// A recorded file of tests/fixtures/net, with status 200.
    pub fn file(path: &str, content_type: &'static str) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: std::fs::read(fixture("net").join(path)).unwrap(),
            retry_after: None,
        }
    }

    /// Any body, with status 200.
    pub fn body(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
            retry_after: None,
        }
    }

    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// Any body, for failures: a 429 asking to wait, a 500, a malformed answer.
    pub fn raw(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain",
            body: body.as_bytes().to_vec(),
            retry_after: (status == 429).then_some(0),
        }
    }
}

struct Route {
    /// A part of the decoded path and query, in lower case.
    needle: String,
    replies: Vec<Reply>,
    served: usize,
}

/// The server; it stops when dropped.
pub struct Replay {
    pub port: u16,
    routes: Arc<Mutex<Vec<Route>>>,
    pub log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Replay {
    pub fn start() -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<Vec<Route>>> = Arc::new(Mutex::new(vec![]));
        let log = Arc::new(Mutex::new(vec![]));
        let stop = Arc::new(AtomicBool::new(false));
        let (r, l, s) = (routes.clone(), log.clone(), stop.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(conn) = conn {
                    serve(conn, &r, &l);
                }
            }
        });
        Replay {
            port,
            routes,
            log,
            stop,
        }
    }

    /// Answers requests whose decoded path and query contain `needle` (any case).
    pub fn route(&self, needle: &str, replies: Vec<Reply>) -> &Self {
        self.routes.lock().unwrap().push(Route {
            needle: needle.to_lowercase(),
            replies,
            served: 0,
        });
        self
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `vita` with every service pointed here and a cache of its own in `cache`.
    pub fn vita(&self, args: &[&str], cache: &std::path::Path) -> Run {
        let url = self.url();
        let mut run = Run::vita(args).env("VITA_CACHE_DIR", cache.to_str().unwrap());
        for var in [
            "VITA_CROSSREF_URL",
            "VITA_ARXIV_URL",
            "VITA_PUBMED_URL",
            "VITA_DBLP_URL",
            "VITA_OPENALEX_URL",
            "VITA_ORCID_URL",
        ] {
            run = run.env(var, &url);
        }
        run.env("VITA_NET_TIMEOUT", "10")
    }

    /// The requests served, as `GET path user-agent`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(mut conn: TcpStream, routes: &Mutex<Vec<Route>>, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut agent = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("user-agent:") {
            agent = v.trim().to_string();
        }
    }
    let decoded = decode(&target).to_lowercase();
    log.lock().unwrap().push(format!("GET {decoded} {agent}"));
    let reply = {
        let mut routes = routes.lock().unwrap();
        routes
            .iter_mut()
            .find(|r| decoded.contains(&r.needle))
            .map(|r| {
                let reply = r.replies[r.served.min(r.replies.len() - 1)].clone();
                r.served += 1;
                reply
            })
    }
    .unwrap_or_else(|| Reply::raw(404, "Resource not found."));
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    if let Some(s) = reply.retry_after {
        head += &format!("Retry-After: {s}\r\n");
    }
    head += "\r\n";
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(&reply.body);
    let _ = conn.flush();
}
