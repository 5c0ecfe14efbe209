//! Helpers for integration tests: run the binary, read PDFs, make scratch folders.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where the example profile is).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A fresh, empty scratch folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A run of the `vita` binary, built up then executed.
pub struct Run {
    cmd: Command,
}

/// What a finished run printed.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl Run {
    /// `vita` with these arguments.
    pub fn vita(args: &[&str]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vita"));
        cmd.args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1");
        Run { cmd }
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    /// More arguments.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.cmd.args(args);
        self
    }

    /// Runs in this folder.
    pub fn in_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.cmd.env(k, v);
        self
    }

    /// Runs and returns what happened, whatever the exit code.
    pub fn run(mut self) -> Output {
        let out = self.cmd.output().expect("vita runs");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
        }
    }

    /// Runs and expects success.
    pub fn ok(self) -> Output {
        let out = self.run();
        assert_eq!(out.code, Some(0), "vita failed:\n{}", out.stderr);
        out
    }

    /// Runs and expects this exit code.
    pub fn fails(self, code: i32) -> Output {
        let out = self.run();
        assert_eq!(
            out.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            out.stdout,
            out.stderr
        );
        out
    }
}

/// The page count and extracted text of a PDF. A no-break space (which ties a short last word
/// or a year to the word before it) is read as the space it is.
pub fn pdf_text(pdf: &[u8]) -> (usize, String) {
    let pages = lopdf::Document::load_mem(pdf)
        .expect("a valid PDF")
        .get_pages()
        .len();
    let text = pdf_extract::extract_text_from_mem(pdf).expect("text can be extracted");
    (pages, text.replace('\u{a0}', " "))
}

/// A PDF's text as poppler's `pdftotext` extracts it: in logical order, right-to-left text
/// included (pdf-extract gives the order glyphs are drawn in), without bidi controls.
/// `.ci/run` installs poppler-utils.
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// The width and height of a PDF's first page, in points.
pub fn page_size(pdf: &[u8]) -> (f32, f32) {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    let (_, id) = doc.get_pages().into_iter().next().expect("a page");
    let page = doc.get_dictionary(id).unwrap();
    let bx = page.get(b"MediaBox").unwrap().as_array().unwrap();
    let n = |i: usize| {
        bx[i]
            .as_float()
            .or_else(|_| bx[i].as_i64().map(|v| v as f32))
            .unwrap()
    };
    (n(2) - n(0), n(3) - n(1))
}

/// A child process that is killed when the test ends, even when it fails half-way.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines a stream prints, as they come.
pub fn lines_of(stream: impl std::io::Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stream)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// `vita watch` with these arguments in `dir`: the process (killed when dropped) and the
/// lines it prints.
pub fn watch(dir: &Path, args: &[&str]) -> (Killed, std::sync::mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vita"))
        .arg("watch")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lines = lines_of(child.stdout.take().unwrap());
    (Killed(child), lines)
}

/// Appends one PNG chunk (length, kind, data, CRC) to `out`: for images written by hand.
pub fn png_chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let mut c = !0u32;
    for b in &out[start..] {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    out.extend((!c).to_be_bytes());
}

/// Text without white space, in lower case: extractors break and space lines their own way,
/// themes set titles in capitals, and a Greek title in capitals lowers to σ where its word
/// ends in ς.
pub fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// The fonts a PDF embeds, as poppler's `pdffonts` lists them (subset prefix removed).
pub fn pdf_fonts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, f)| f).to_string())
        .collect()
}

/// Runs a command that must succeed; its output, or a failure showing what it printed.
pub fn succeeds(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The release target of this machine, as `scripts/dist` and `install.sh` name it.
pub fn release_target() -> String {
    let arch = String::from_utf8(succeeds(Command::new("uname").arg("-m")).stdout).unwrap();
    let arch = match arch.trim() {
        "arm64" => "aarch64",
        "amd64" => "x86_64",
        a => a,
    };
    if cfg!(target_os = "macos") {
        format!("{arch}-apple-darwin")
    } else {
        format!("{arch}-unknown-linux-musl")
    }
}

/// The binary under test packed by `scripts/dist` into `release`, as the release workflow
/// packs its builds: the archive's file name.
pub fn pack_release(release: &Path) -> String {
    let target = release_target();
    succeeds(
        Command::new(repo().join("scripts/dist"))
            .arg(&target)
            .env("VITA_BIN", env!("CARGO_BIN_EXE_vita"))
            .env("OUT", release),
    );
    format!("vita-{target}.tar.gz")
}
