//! In a real browser (Debian's headless Chromium, driven over the DevTools protocol): the HTML
//! homepage at phone and desktop widths, in light and dark, and `vita watch --serve` as a user
//! meets it: open the page, edit the profile, see the page change; break the profile, see the
//! located error over the last good pages; fix it, see the pages again.
//!
//! Without Chromium the tests say so and pass; `.ci/run` installs it so CI runs them.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Killed, Run, lines_of, repo, temp_dir};

/// Where Chromium is, if it is installed.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("VITA_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.exists());
    if found.is_none() {
        // CI sets this, so that a missing browser fails instead of skipping.
        assert!(
            std::env::var_os("VITA_REQUIRE_CHROMIUM").is_none(),
            "VITA_REQUIRE_CHROMIUM is set and there is no Chromium at /usr/bin/chromium"
        );
        eprintln!(
            "skipped: no Chromium at /usr/bin/chromium (install it with `apt-get install chromium`, \
             or name it in VITA_CHROMIUM); CI installs it"
        );
    }
    found
}

/// The next line that contains `needle`, within a generous time.
fn wait_for(lines: &Receiver<String>, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => {}
            Err(e) => panic!("no line with {needle:?}: {e}"),
        }
    }
}

/// A headless Chromium with one page, driven over the DevTools protocol.
struct Browser {
    _child: Killed,
    ws: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
}

impl Browser {
    fn start(chromium: &Path, profile_dir: &Path) -> Browser {
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile_dir.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let err = lines_of(child.stderr.take().unwrap());
        let child = Killed(child);
        let line = wait_for(&err, "DevTools listening on ");
        let url = line.split("DevTools listening on ").nth(1).unwrap().trim();
        let (ws, _) = tungstenite::connect(url).expect("the DevTools socket opens");
        if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        let mut b = Browser {
            _child: child,
            ws,
            session: String::new(),
            next: 0,
        };
        let target = b.call("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b
    }

    /// Calls a DevTools method (on the page once there is one) and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(tungstenite::Message::text(msg.to_string()))
            .unwrap();
        loop {
            let reply = self.ws.read().expect("DevTools answers");
            let Ok(text) = reply.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or_default();
            if v["id"] == json!(id) {
                assert!(v["error"].is_null(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    fn goto(&mut self, url: &str) {
        self.call("Page.enable", json!({}));
        self.call("Page.navigate", json!({ "url": url }));
        self.until(
            "document.readyState === 'complete'",
            Duration::from_secs(20),
        );
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Waits until an expression is true in the page; returns how long that took.
    fn until(&mut self, expr: &str, within: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(&format!(
                "(() => {{ try {{ return !!({expr}); }} catch (e) {{ return false; }} }})()"
            )) == json!(true)
            {
                return start.elapsed();
            }
            if start.elapsed() > within {
                let text = self.eval("document.body ? document.body.innerText : ''");
                panic!("not true within {within:?}: {expr}\npage text: {text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A screenshot of the whole page at a width, in a colour scheme.
    fn screenshot(&mut self, width: u32, dark: bool) -> Vec<u8> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }] }),
        );
        let shot = self.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        );
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }
}

/// The share of pixels that differ from the top-left one (the background), and the width.
fn ink(png_bytes: &[u8]) -> (u32, f64) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let bg = &pixels[..3];
    let differ = pixels
        .chunks(px)
        .filter(|p| p.iter().zip(bg).take(3).any(|(a, b)| a.abs_diff(*b) > 40))
        .count();
    (info.width, differ as f64 / (pixels.len() / px) as f64)
}

#[test]
fn the_homepage_reads_at_phone_and_desktop_widths_in_both_schemes() {
    let Some(chromium) = chromium() else { return };
    let dir = temp_dir("preview-homepage");
    Run::vita(&[
        "build",
        "profile.toml",
        "--format",
        "html",
        "--only",
        "cv",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .ok();
    let mut b = Browser::start(&chromium, &dir.join("chromium"));
    b.goto(&format!("file://{}", dir.join("cv.html").display()));
    for (width, dark) in [(390, false), (1280, false), (390, true)] {
        let shot = b.screenshot(width, dark);
        let name = format!("cv-{width}{}.png", if dark { "-dark" } else { "" });
        // Kept for people to look at: target/tmp/preview-homepage/.
        fs::write(dir.join(&name), &shot).unwrap();
        let (w, ink) = ink(&shot);
        assert_eq!(w, width, "{name}");
        assert!(ink > 0.02, "{name} is nearly blank: {ink}");
        // Nothing is wider than the screen: no sideways scrolling on a phone.
        let scroll = b.eval("document.documentElement.scrollWidth");
        assert!(scroll.as_u64().unwrap() <= width as u64, "{name}: {scroll}");
    }
    let bg = b.eval("getComputedStyle(document.body).backgroundColor");
    assert_eq!(bg, json!("rgb(13, 17, 23)"), "the dark scheme applies");
}

#[test]
fn the_live_preview_follows_edits_shows_errors_and_recovers() {
    let Some(chromium) = chromium() else { return };
    let dir = temp_dir("preview-live");
    let profile = dir.join("profile.toml");
    let write = |title: &str| {
        // Write beside and rename over, as editors do, so the watcher never reads half a file.
        let tmp = dir.join(".profile.toml.tmp");
        fs::write(
            &tmp,
            format!(
                "[person]\nname = \"Ada Lovelace\"\n\n[[publications]]\ntitle = \"{title}\"\n\
                 authors = [\"Ada Lovelace\"]\nyear = 1843\n"
            ),
        )
        .unwrap();
        fs::rename(&tmp, &profile).unwrap();
    };
    write("First Title");
    let (_watcher, out) = crate::support::watch(&dir, &["--only", "cv", "--serve"]);
    let serving = wait_for(&out, "serving ");
    let url = serving.trim_start_matches("serving ").trim().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "{url}"
    );
    wait_for(&out, "built ");

    // The server gives out the files the build wrote, and nothing else.
    let port: u16 = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let get = |path: &str, host: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        reply.lines().next().unwrap_or("").to_string()
    };
    let local = format!("127.0.0.1:{port}");
    assert!(get("/cv.html", &local).contains("200"));
    assert!(get("/cv-1.svg", &local).contains("200"));
    assert!(get("/profile.toml", &local).contains("404"));
    assert!(get("/../profile.toml", &local).contains("404"));
    assert!(get("/%2e%2e/profile.toml", &local).contains("404"));
    assert!(get("/cv.html", "evil.example").contains("403"));

    let mut b = Browser::start(&chromium, &dir.join("chromium"));
    b.goto(&url);
    let pages_shown = "document.images.length >= 1 && [...document.images].every(i => i.complete && i.naturalWidth > 0)";
    let homepage = |title: &str| {
        format!(
            "document.querySelector('iframe').contentDocument.body.innerText.includes('{title}')"
        )
    };
    b.until(pages_shown, Duration::from_secs(20));
    b.until(&homepage("First Title"), Duration::from_secs(20));
    assert_eq!(b.eval("document.getElementById('error')"), Value::Null);

    write("Second Title");
    let took = b.until(
        &format!("{} && {}", homepage("Second Title"), pages_shown),
        Duration::from_secs(30),
    );
    eprintln!("the page showed the edit {took:?} after the save");

    // A broken profile: the located error on the page, the last good pages still there.
    let tmp = dir.join(".profile.toml.tmp");
    fs::write(
        &tmp,
        "[person]\nname = \"Ada Lovelace\"\n\n[[publications]]\ntitle = \n",
    )
    .unwrap();
    fs::rename(&tmp, &profile).unwrap();
    b.until(
        "document.getElementById('error').innerText.includes('profile.toml:5:')",
        Duration::from_secs(30),
    );
    b.until(pages_shown, Duration::from_secs(10));
    b.until(&homepage("Second Title"), Duration::from_secs(10));

    write("Third Title");
    b.until(
        &format!(
            "!document.getElementById('error') && {} && {}",
            homepage("Third Title"),
            pages_shown
        ),
        Duration::from_secs(30),
    );
}

#[test]
fn the_preview_listens_on_loopback_unless_told_otherwise() {
    let dir = temp_dir("preview-remote");
    let run = Run::vita(&["watch", "--serve", "0.0.0.0:0"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .starts_with("error: `--serve 0.0.0.0:0` would let other machines read your documents"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: add `--allow-remote`"),
        "{}",
        run.stderr
    );
    let run = Run::vita(&["watch", "--serve", "nowhere:x"])
        .in_dir(&dir)
        .fails(1);
    assert!(run.stderr.contains("is not an address"), "{}", run.stderr);
}
