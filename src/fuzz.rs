//! Property tests: arbitrary bytes and mutated or generated profiles never panic, and every
//! failure is a diagnostic that points inside the file.
//!
//! `VITA_FUZZ_ITERS=200000 cargo test --release --lib fuzz` runs a long campaign; the normal
//! suite runs a few thousand cases with fixed seeds.

use crate::load::load_bytes;

/// A small, fast, seedable generator (xorshift64*), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const EXAMPLE: &str = include_str!("../profile.toml");

/// Fragments that TOML, dates and the schema care about.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\"",
    "'",
    "\"\"\"",
    "{",
    "}",
    ",",
    "\n",
    "#",
    "\\",
    "\\u",
    ".",
    "-",
    "2021",
    "2021-13",
    "2021-02-29",
    "present",
    "1e400",
    "-0",
    "true",
    "nan",
    "inf",
    "é",
    "李一鸣",
    "\u{202e}",
    "\0",
    "\r\n",
    "\u{feff}",
    "name",
    "publications",
    "[[publications]]",
    "[person]",
    "title = \"x\"",
    "authors = []",
    "date = 2021-09-29T10:00:00",
    "links = { pdf = \"ftp://x\" }",
    "exclude = [\"cv\"]",
    "[resume]",
    "sections = [\"x\"]",
    "limit = { news = -1 }",
    "doi = \"10.1/x\"",
    "year = 99999",
    "start = \"present\"",
    "[[custom]]",
    "id = \"news\"",
    "[[custom.entries]]",
];

fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let at = at.min(bytes.len() - 1);
                bytes[at] ^= 1 << rng.below(8);
            }
            1 => {
                let token = rng.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 => bytes.truncate(at),
            3 => {
                let end = (at + rng.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(300)).min(bytes.len());
                let chunk: Vec<u8> = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, chunk);
            }
            _ => {
                let lines: Vec<&str> = text.lines().collect();
                let line = format!("\n{}\n", rng.pick(&lines));
                bytes.splice(at..at, line.bytes());
            }
        }
    }
    bytes
}

/// A profile built from random sections, keys and values of random types.
fn generate(rng: &mut Rng) -> Vec<u8> {
    const TABLES: &[&str] = &[
        "[person]",
        "[[education]]",
        "[[experience]]",
        "[[publications]]",
        "[[talks]]",
        "[[awards]]",
        "[resume]",
        "[cv]",
        "[[custom]]",
        "[[patents]]",
        "[[service]]",
        "[[news]]",
    ];
    const KEYS: &[&str] = &[
        "name",
        "title",
        "authors",
        "date",
        "start",
        "end",
        "year",
        "venue",
        "links",
        "exclude",
        "selected",
        "sections",
        "limit",
        "paper",
        "email",
        "homepage",
        "orcid",
        "doi",
        "category",
        "type",
        "id",
        "role",
        "organisation",
        "degree",
        "institution",
        "text",
        "entries",
        "highlights",
        "max_authors",
    ];
    const VALUES: &[&str] = &[
        "\"x\"",
        "\"\"",
        "1",
        "-1",
        "2021",
        "\"2021-09\"",
        "\"present\"",
        "2021-09-29",
        "true",
        "[]",
        "[\"a\", \"b*\"]",
        "{ pdf = \"https://e.org\" }",
        "{}",
        "[1, 2]",
        "\"https://e.org\"",
        "\"a@b.c\"",
        "\"resume\"",
        "[\"resume\", \"cv\", \"x\"]",
        "\"us-letter\"",
        "{ news = 2 }",
        "\"journal\"",
        "1.5",
        "\"#read(\\\"/etc/passwd\\\")\"",
    ];
    let mut out = String::from("[person]\nname = \"A\"\n");
    for _ in 0..rng.below(12) {
        out.push_str(rng.pick(TABLES));
        out.push('\n');
        for _ in 0..rng.below(6) {
            out.push_str(&format!("{} = {}\n", rng.pick(KEYS), rng.pick(VALUES)));
        }
    }
    out.into_bytes()
}

/// Loads one input and checks the contract: no panic; a failure carries messages that point
/// inside the text; a success can be viewed as both documents.
fn check(bytes: Vec<u8>) {
    let len = bytes.len();
    let input = bytes.clone();
    let shown = || String::from_utf8_lossy(&input).into_owned();
    match load_bytes("fuzz.toml", bytes) {
        Ok(loaded) => {
            for doc in crate::document::Document::all(&loaded.profile) {
                if let Ok(style) = crate::style::resolve(
                    &doc,
                    &loaded.profile.design,
                    &Default::default(),
                    &Default::default(),
                ) {
                    let _ = crate::view::view(&loaded.profile, &doc, &Default::default(), &style);
                }
            }
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "a failure without a diagnostic");
            for d in &diags {
                assert!(
                    !d.message.is_empty(),
                    "an empty message, at {:?} of:\n{}",
                    d.location.as_ref().map(|l| l.line_col()),
                    shown()
                );
                if let Some(loc) = &d.location {
                    assert!(
                        loc.range.start <= len + 1,
                        "{} points past the end",
                        d.message
                    );
                }
                let _ = d.render(false);
                let _ = d.to_json();
            }
        }
    }
}

fn iterations(default: usize) -> usize {
    std::env::var("VITA_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_example_profiles_never_panic() {
    let mut rng = Rng(0x5eed_0001);
    for _ in 0..iterations(1500) {
        check(mutate(&mut rng, EXAMPLE));
    }
}

#[test]
fn generated_profiles_never_panic() {
    let mut rng = Rng(0x5eed_0002);
    for _ in 0..iterations(1500) {
        check(generate(&mut rng));
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(0x5eed_0003);
    for _ in 0..iterations(1500) {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(bytes);
    }
}

#[test]
fn mangled_bib_files_never_crash() {
    // Property test: random edits of a realistic file give entries or diagnostics, and
    // every diagnostic points inside the file.
    let base = r#"@string{j = {Journal of {AI}}}
@article{a, title = {{DNN}s and {\"u}ber \emph{Caf\'e} -- $\ell_p$}, author = {M{\"u}ller, J. and {Tencent AI Lab} and others},
  journal = j # { Letters}, year = 2020, month = jul, pages = {1--18}, equal = {1,2}, doi = {10.1/x}}
@misc{b, title = "Quoted \textit{title}", eprint = {2007.08745}, archivePrefix = {arXiv}, date = {2021-09-29}}
@inproceedings{c, crossref = {p}, title = {C}}
@proceedings{p, title = {Proc}, year = 2019}
"#;
    let pieces = [
        "{", "}", "\\", "\\'", "@", ",", "=", "\"", "$", "#", " and ", "%", "~", "\n", "é", "{\\o}",
    ];
    let mut rng = Rng(0x5eed_0004);
    let mut next = move |n: usize| rng.below(n);
    for _ in 0..iterations(1500) {
        let mut text: Vec<char> = base.chars().collect();
        for _ in 0..1 + next(4) {
            let at = next(text.len() + 1);
            match next(3) {
                0 if !text.is_empty() => {
                    let end = (at + 1 + next(8)).min(text.len());
                    text.drain(at.min(text.len() - 1)..end.max(at.min(text.len() - 1)));
                }
                _ => {
                    let piece = pieces[next(pieces.len())];
                    for (k, c) in piece.chars().enumerate() {
                        text.insert((at + k).min(text.len()), c);
                    }
                }
            }
        }
        let text: String = text.into_iter().collect();
        let src: std::sync::Arc<str> = text.as_str().into();
        let (_, diags) = crate::bib::parse("t.bib", &src, None);
        for d in diags {
            let loc = d.location.expect("located");
            assert!(
                loc.range.start <= src.len(),
                "{text}\n{} {:?} {}",
                d.message,
                loc.range,
                src.len()
            );
            assert!(!d.message.is_empty() && !d.hints.is_empty(), "{text}");
        }
    }
}

/// Random edits of real JSON Resume and RenderCV files (the corpus), mapped as `vita import`
/// maps them: a profile that is TOML, or a message; never a panic.
#[test]
fn mangled_import_files_never_panic() {
    let files: [(&str, &str); 3] = [
        (
            "json",
            include_str!("../tests/corpus/jsonresume/resume-schema_sample.resume.json"),
        ),
        (
            "json",
            include_str!("../tests/corpus/jsonresume/fresh-test_jane-fullstacker_jrs0.json"),
        ),
        (
            "yaml",
            include_str!("../tests/corpus/rendercv/rendercv_sample_content.yaml"),
        ),
    ];
    let pieces = [
        "{", "}", "[", "]", "\"", ":", ",", "- ", "\n  ", "<<: *a", "&a ", "!tag ", "**", "](",
        "null", "2021-13", "\u{feff}",
    ];
    let mut rng = Rng(0x5eed_0005);
    for _ in 0..iterations(600) {
        let (ext, base) = rng.pick(&files);
        let mut text: Vec<char> = base.chars().collect();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(text.len() + 1);
            if rng.below(2) == 0 && at < text.len() {
                let end = (at + 1 + rng.below(12)).min(text.len());
                text.drain(at..end);
            } else {
                let piece = rng.pick(&pieces);
                for (i, c) in piece.chars().enumerate() {
                    text.insert((at + i).min(text.len()), c);
                }
            }
        }
        let text: String = text.into_iter().collect();
        match crate::import::map_text(ext, &text) {
            Ok(imported) => assert!(
                imported.toml.parse::<toml::Table>().is_ok(),
                "{}",
                imported.toml
            ),
            Err(e) => assert!(!e.is_empty()),
        }
    }
}

/// Photo headers with random sizes and bytes: accepted or refused, never a panic or an
/// allocation past the pixel limit.
#[test]
fn random_photo_headers_never_panic() {
    fn png(w: u32, h: u32, depth: u8, colour: u8, tail: &[u8]) -> Vec<u8> {
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([depth, colour, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend((ihdr.len() as u32).to_be_bytes());
        out.extend(b"IHDR");
        out.extend(&ihdr);
        out.extend([0, 0, 0, 0]);
        out.extend(tail);
        out
    }
    let mut rng = Rng(0x5eed_0006);
    for _ in 0..iterations(1500) {
        let w = if rng.below(2) == 0 {
            rng.below(70_000) as u32
        } else {
            rng.next() as u32
        };
        let h = if rng.below(2) == 0 {
            rng.below(70_000) as u32
        } else {
            rng.next() as u32
        };
        let tail: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
        let bytes = match rng.below(3) {
            0 => png(
                w,
                h,
                rng.pick(&[1, 2, 4, 8, 16]),
                rng.pick(&[0, 2, 3, 4, 6]),
                &tail,
            ),
            1 => {
                let mut j = vec![0xff, 0xd8, 0xff, 0xc0, 0, 17, 8];
                j.extend((h as u16).to_be_bytes());
                j.extend((w as u16).to_be_bytes());
                j.extend(&tail);
                j
            }
            _ => format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\">{}</svg>",
                String::from_utf8_lossy(&tail)
            )
            .into_bytes(),
        };
        let ext = ["png", "jpg", "svg"]
            [usize::from(bytes[0] == 0xff) + usize::from(bytes[0] == b'<') * 2];
        let _ = crate::photo::check(ext, &typst::foundations::Bytes::new(bytes));
    }
}
