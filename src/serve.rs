//! `vita watch --serve`: a live preview in the browser. A small HTTP server on the standard
//! library's `TcpListener` serves one index page (each document's pages as SVG images, and its
//! HTML homepage), the files the last good build wrote, and a server-sent-events stream that
//! tells the page to reload after every build. A failed build shows its located errors on the
//! page above the last good pages.
//!
//! It serves only files the build wrote, looked up by name, and only inside the output folder;
//! it listens on loopback unless told otherwise, and then refuses requests whose `Host` is
//! not a loopback name (so a web page elsewhere cannot read it through DNS rebinding).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::Failure;
use crate::diag::Diagnostic;
use crate::export::Format;
use crate::watch::Event;

/// A running preview server.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

/// What the request threads read and the watch loop writes.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// The output folder, canonical.
    out: PathBuf,
    /// Whether requests for other host names are refused.
    loopback_only: bool,
}

/// The preview as of the last build.
#[derive(Default)]
struct State {
    /// Counts builds, good or failed; the page reloads when it changes.
    generation: u64,
    /// The last good build's documents.
    documents: Vec<Doc>,
    /// The last build's errors, when it failed.
    error: Option<String>,
}

/// One document of the last good build.
struct Doc {
    name: String,
    /// The page images, in order, by file name.
    pages: Vec<String>,
    /// The HTML homepage's file name.
    html: Option<String>,
    /// Every file written, by name, with its path.
    files: Vec<(String, PathBuf)>,
}

impl Server {
    /// Listens on `addr` (`127.0.0.1:8000`, `8000`, `[::1]:0`; port 0 takes a free port) and
    /// serves in background threads until the process ends.
    pub fn start(addr: &str, allow_remote: bool, out: &Path) -> Result<Server, Failure> {
        let addr = parse_addr(addr).map_err(|d| Failure::input(vec![d]))?;
        if !addr.ip().is_loopback() && !allow_remote {
            return Err(Failure::input(vec![
                Diagnostic::error(format!(
                    "`--serve {addr}` would let other machines read your documents"
                ))
                .hint("add `--allow-remote` to mean it, or serve on 127.0.0.1"),
            ]));
        }
        std::fs::create_dir_all(out).map_err(|e| {
            Failure::other(Diagnostic::error(format!(
                "cannot create the output folder `{}`: {e}",
                out.display()
            )))
        })?;
        let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
        let listener = TcpListener::bind(addr).map_err(|e| {
            Failure::other(
                Diagnostic::error(format!("cannot serve on {addr}: {e}"))
                    .hint("choose another port, or `--serve` alone for a free one"),
            )
        })?;
        let addr = listener.local_addr().map_err(|e| {
            Failure::other(Diagnostic::error(format!("cannot serve on {addr}: {e}")))
        })?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            out,
            loopback_only: !allow_remote,
        });
        let accept = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = accept.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &shared);
                });
            }
        });
        Ok(Server { addr, shared })
    }

    /// The address to open: `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Takes in a build: new pages, or the errors of a failed build over the old ones.
    pub fn update(&self, event: &Event) {
        let mut state = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Event::Built(outcome, paths, _) => {
                let mut paths = paths.iter();
                state.documents = outcome
                    .made
                    .iter()
                    .map(|m| {
                        let mut doc = Doc {
                            name: m.name.clone(),
                            pages: vec![],
                            html: None,
                            files: vec![],
                        };
                        for (f, path) in m.files.iter().zip(paths.by_ref()) {
                            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                                continue;
                            };
                            match f.format {
                                Format::Svg => doc.pages.push(name.to_string()),
                                Format::Html => doc.html = Some(name.to_string()),
                                _ => {}
                            }
                            doc.files.push((name.to_string(), path.clone()));
                        }
                        doc
                    })
                    .collect();
                state.error = None;
            }
            Event::Failed(failure) => {
                let text: String = failure
                    .diagnostics
                    .iter()
                    .map(|d| d.render(false))
                    .collect();
                state.error = Some(text);
            }
        }
        state.generation += 1;
        self.shared.changed.notify_all();
    }
}

/// Reads `8000`, `127.0.0.1`, `127.0.0.1:8000`, `localhost:8000`, `[::1]:8000`.
fn parse_addr(s: &str) -> Result<SocketAddr, Diagnostic> {
    let s = s.trim();
    let localhost = |rest: &str| format!("127.0.0.1{rest}");
    let s = match s.strip_prefix("localhost") {
        Some(rest) => localhost(rest),
        None => s.to_string(),
    };
    if let Ok(port) = s.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 0));
    }
    s.parse::<SocketAddr>().map_err(|_| {
        Diagnostic::error(format!("`--serve {s}` is not an address"))
            .hint("write a port (`8000`), an address (`127.0.0.1:8000`), or nothing for a free port on 127.0.0.1")
    })
}

/// Answers one connection: one request, then the connection closes (the event stream stays
/// open until the page goes away).
fn handle(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.by_ref().take(2048).read_line(&mut request)?;
    let mut host = None;
    loop {
        let mut line = String::new();
        if reader.by_ref().take(8192).read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("host")
        {
            host = Some(v.trim().to_string());
        }
    }
    let mut stream = stream;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
        );
    }
    if shared.loopback_only && !host.as_deref().is_some_and(loopback_host) {
        return respond(
            &mut stream,
            "403 Forbidden",
            "text/plain",
            b"loopback only\n",
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/" => {
            let page = index(&shared.state.lock().unwrap_or_else(|e| e.into_inner()));
            respond(
                &mut stream,
                "200 OK",
                "text/html; charset=utf-8",
                page.as_bytes(),
            )
        }
        "/events" => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            events(stream, shared, since)
        }
        _ => {
            let name = path.trim_start_matches('/');
            match file(shared, name) {
                Some((bytes, mime)) => respond(&mut stream, "200 OK", mime, &bytes),
                None => respond(&mut stream, "404 Not Found", "text/plain", b"not found\n"),
            }
        }
    }
}

/// Whether a `Host` header names this machine's loopback interface.
fn loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A file the last good build wrote, by name, if it lies inside the output folder.
fn file(shared: &Shared, name: &str) -> Option<(Vec<u8>, &'static str)> {
    let path = {
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        state
            .documents
            .iter()
            .flat_map(|d| &d.files)
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())?
    };
    let real = path.canonicalize().ok()?;
    if !real.starts_with(&shared.out) {
        return None;
    }
    let mime = match real.extension().and_then(|e| e.to_str()) {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("md") => "text/markdown; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
    Some((std::fs::read(real).ok()?, mime))
}

fn respond(stream: &mut TcpStream, status: &str, mime: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// The event stream: one `data:` line with the build's number after every build (at once, if
/// one finished since the page was made), and a comment now and then to notice closed pages.
fn events(mut stream: TcpStream, shared: &Shared, since: u64) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()?;
    let mut seen = since;
    loop {
        let generation = {
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen)
                .unwrap_or_else(|e| e.into_inner());
            state.generation
        };
        if generation == seen {
            stream.write_all(b": still here\n\n")?;
        } else {
            seen = generation;
            write!(stream, "data: {generation}\n\n")?;
        }
        stream.flush()?;
    }
}

/// The preview page: errors first, then each document's pages and homepage.
fn index(state: &State) -> String {
    use crate::export::html::esc;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>vita preview</title>\n\
         <style>{STYLE}</style>\n</head>\n<body data-generation=\"{}\">\n<h1>vita preview</h1>\n",
        state.generation
    );
    if let Some(error) = &state.error {
        let _ = writeln!(
            out,
            "<section id=\"error\" class=\"error\"><h2>The last build failed</h2>\
             <pre>{}</pre><p>The pages below are from the last good build.</p></section>",
            esc(error)
        );
    }
    if state.documents.is_empty() && state.error.is_none() {
        out.push_str("<p id=\"status\">Building…</p>\n");
    }
    for d in &state.documents {
        let _ = write!(
            out,
            "<section class=\"document\" id=\"doc-{0}\">\n<h2>{0}</h2>\n<div class=\"pages\">",
            esc(&d.name)
        );
        for (i, page) in d.pages.iter().enumerate() {
            let _ = write!(
                out,
                "<img src=\"/{}?v={}\" alt=\"{} page {}\">",
                esc(page),
                state.generation,
                esc(&d.name),
                i + 1
            );
        }
        out.push_str("</div>\n");
        if let Some(html) = &d.html {
            let _ = write!(
                out,
                "<h3>Homepage (<a href=\"/{0}\">{0}</a>)</h3>\n\
                 <iframe title=\"{1} homepage\" src=\"/{0}?v={2}\"></iframe>\n",
                esc(html),
                esc(&d.name),
                state.generation
            );
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "<script>\nconst events = new EventSource('/events?since={}');\n\
         events.onmessage = () => location.reload();\n</script>\n</body>\n</html>\n",
        state.generation
    );
    out
}

/// The preview page's look.
const STYLE: &str = "body { font: 15px/1.5 system-ui, sans-serif; margin: 1rem 2rem; }
.error { border: 2px solid #c62828; border-radius: 6px; padding: 0 1rem; margin-bottom: 1rem; }
.error pre { white-space: pre-wrap; }
.pages { display: flex; flex-wrap: wrap; gap: 1rem; }
.pages img { width: min(100%, 32rem); background: white; box-shadow: 0 1px 6px #0004; }
iframe { width: 100%; height: 70vh; border: 1px solid #8886; }";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_default_to_loopback() {
        assert_eq!(parse_addr("8000").unwrap().to_string(), "127.0.0.1:8000");
        assert_eq!(
            parse_addr("127.0.0.1:0").unwrap().to_string(),
            "127.0.0.1:0"
        );
        assert_eq!(
            parse_addr("localhost:9").unwrap().to_string(),
            "127.0.0.1:9"
        );
        assert_eq!(parse_addr("[::1]:80").unwrap().to_string(), "[::1]:80");
        assert_eq!(parse_addr("0.0.0.0").unwrap().to_string(), "0.0.0.0:0");
        assert!(parse_addr("example").is_err());
        assert!(loopback_host("127.0.0.1:8000") && loopback_host("localhost:1"));
        assert!(loopback_host("[::1]:8000"));
        assert!(!loopback_host("evil.example:8000"));
    }
}
