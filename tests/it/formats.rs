//! Every output format, built from the example profile: the images have the PDF's pages and
//! are not blank, the text formats hold the PDF's entries in its order, the HTML is valid
//! HTML5 with absolute links, the DOCX opens, and every file is the same from build to build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Run, pdf_text, repo, temp_dir};

pub const ALL: &str = "pdf,png,svg,html,md,txt,docx";

/// Builds the example in every format into a fresh folder; returns the folder and the
/// `--json` summary.
fn build_all(name: &str) -> (PathBuf, Value) {
    let dir = temp_dir(name);
    let run = Run::vita(&["build", "profile.toml", "--format", ALL, "--json", "--out"])
        .arg(&dir)
        .in_dir(repo())
        .ok();
    (dir, serde_json::from_str(run.stdout.trim()).unwrap())
}

/// The files in a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Text without white space: lines wrap differently in every format (and Chinese wraps
/// without a space).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What each document's view lists, in order: entry titles, item texts and work titles.
fn entries(doc: &str) -> Vec<String> {
    let run = Run::vita(&["data", "profile.toml", "--only", doc])
        .in_dir(repo())
        .ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = vec![];
    for s in data[doc]["sections"].as_array().unwrap() {
        let take = |v: &Value, key: &str, out: &mut Vec<String>| {
            for e in v.as_array().unwrap() {
                out.push(e[key].as_str().unwrap().to_string());
            }
        };
        match s["shape"].as_str().unwrap() {
            "entries" => take(&s["entries"], "title", &mut out),
            "items" => take(&s["entries"], "text", &mut out),
            "works" => {
                for g in s["groups"].as_array().unwrap() {
                    take(&g["entries"], "title", &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Asserts that every entry appears in `text`, each after the one before.
fn in_order(what: &str, text: &str, entries: &[String]) {
    let text = squash(text);
    let mut at = 0;
    for e in entries {
        // The start of an entry: enough to find it, short of where the PDF may wrap a line.
        let key: String = squash(e).chars().take(24).collect();
        match text[at..].find(&key) {
            Some(i) => at += i + key.len(),
            None => panic!("{what}: `{key}` is missing or out of order"),
        }
    }
}

/// Whether a PNG has drawn content: enough pixels that are not the page's white.
fn png_ink(bytes: &[u8]) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let dark = pixels
        .chunks(px)
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count();
    (
        info.width,
        info.height,
        dark as f64 / (pixels.len() / px) as f64,
    )
}

/// The paragraphs of a DOCX file's body, as text, with each one's style.
pub fn docx_paragraphs(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name("pStyle"))
                .and_then(|n| n.attributes().find(|a| a.name() == "val"))
                .map(|a| a.value().to_string())
                .unwrap_or_default();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name("t") || n.has_tag_name("tab"))
                .map(|n| {
                    if n.has_tag_name("tab") {
                        "\t"
                    } else {
                        n.text().unwrap_or("")
                    }
                })
                .collect();
            (style, text)
        })
        .collect()
}

#[test]
fn every_format_of_the_example_holds_the_pdfs_pages_and_entries() {
    let (dir, summary) = build_all("formats-all");
    let written = files(&dir);
    for doc in ["resume", "cv"] {
        let (pages, pdf) = pdf_text(&written[&format!("{doc}.pdf")]);
        let entries = entries(doc);
        assert!(entries.len() > 5, "{doc}: {entries:?}");
        in_order(&format!("{doc}.pdf"), &pdf, &entries);

        // One image per page, no more, none blank.
        for ext in ["png", "svg"] {
            let n = (1..)
                .take_while(|i| written.contains_key(&format!("{doc}-{i}.{ext}")))
                .count();
            assert_eq!(n, pages, "{doc}: {n} {ext} files for {pages} pages");
        }
        for i in 1..=pages {
            let (w, h, ink) = png_ink(&written[&format!("{doc}-{i}.png")]);
            // A4 at 144 ppi.
            assert_eq!((w, h), (1191, 1684), "{doc}-{i}.png");
            assert!(ink > 0.005, "{doc}-{i}.png is nearly blank: {ink}");
            let svg = String::from_utf8(written[&format!("{doc}-{i}.svg")].clone()).unwrap();
            assert!(
                svg.starts_with("<svg") || svg.starts_with("<?xml"),
                "{doc}-{i}.svg"
            );
            assert!(
                svg.matches("<use").count() + svg.matches("<path").count() > 100,
                "{doc}-{i}.svg draws almost nothing"
            );
        }

        // The text formats: the PDF's entries in the PDF's order.
        let txt = String::from_utf8(written[&format!("{doc}.txt")].clone()).unwrap();
        in_order(&format!("{doc}.txt"), &txt, &entries);
        let md = String::from_utf8(written[&format!("{doc}.md")].clone()).unwrap();
        // Markdown escapes what would be markup; its entries are found once that is undone.
        let unescaped = md.replace('\\', "").replace("**", "").replace('*', "");
        in_order(&format!("{doc}.md"), &unescaped, &entries);
        assert!(md.starts_with("# Yiming Li"), "{md}");
        // The own name is bold wherever it is an author.
        for line in md
            .lines()
            .filter(|l| l.starts_with("- ") && l.contains("Yiming Li"))
        {
            assert!(line.contains("**Yiming Li**"), "{line}");
        }
        assert!(md.contains("**Yiming Li**"));
        // Numbers and marks as in the PDF.
        if doc == "cv" {
            assert!(pdf.contains("[1]") && txt.contains("[1] ") && md.contains("\\[1\\] "));
            assert!(txt.contains("(* equal contribution)"), "{txt}");
        }
        for line in txt.lines() {
            assert!(!line.contains("**"), "plain text has Markdown: {line}");
        }

        // DOCX: the entries in order, real headings, the document's face named.
        let docx = &written[&format!("{doc}.docx")];
        let paras = docx_paragraphs(docx);
        let body: Vec<String> = paras.iter().map(|(_, t)| t.clone()).collect();
        in_order(&format!("{doc}.docx"), &body.join("\n"), &entries);
        let headings: Vec<&str> = paras
            .iter()
            .filter(|(s, _)| s == "Heading1")
            .map(|(_, t)| t.as_str())
            .collect();
        assert!(headings.contains(&"Education"), "{headings:?}");
        assert_eq!(
            paras[0],
            ("Title".to_string(), "Yiming Li 李一鸣".to_string())
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx.as_slice())).unwrap();
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains("w:ascii=\"Noto Sans\""), "{styles}");
        // Dates stand at a right-aligned tab.
        assert!(body.iter().any(|p| p.contains("\t2018")), "{body:?}");
    }

    // `--json` names every file with its format and checksum.
    let listed = summary["files"].as_array().unwrap();
    assert_eq!(listed.len(), written.len());
    for f in listed {
        let path = PathBuf::from(f["path"].as_str().unwrap());
        let bytes = fs::read(&path).unwrap();
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"], sha, "{}", path.display());
        assert_eq!(f["bytes"], bytes.len());
        let format = f["format"].as_str().unwrap();
        assert!(path.to_string_lossy().ends_with(format), "{f}");
        assert_eq!(
            f["page"].is_null(),
            format != "png" && format != "svg",
            "{f}"
        );
    }
}

#[test]
fn the_homepage_is_valid_html5_with_absolute_links() {
    let dir = temp_dir("formats-html");
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
    let html = fs::read_to_string(dir.join("cv.html")).unwrap();
    assert_eq!(files(&dir).len(), 1, "only the HTML was asked for");
    check_html(&html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("prefers-color-scheme: dark"));
    assert!(html.contains("name=\"viewport\""));
    assert!(!html.contains("<script"), "no script is needed to read it");
    assert!(!html.contains("src="), "nothing is fetched");
    for section in [
        "Summary",
        "Publications",
        "Talks",
        "Teaching",
        "Honors",
        "Service",
        "News",
    ] {
        assert!(html.contains(&format!("{section}</h2>")), "{section}");
    }
    assert!(html.contains("<strong>Yiming Li</strong>"));
    assert!(html.matches("href=\"https://").count() > 10);
}

/// Parses HTML as a browser does and fails on any parse error; checks that headings do not
/// skip a level and that every link is absolute.
pub fn check_html(html: &str) {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    let errors: Vec<_> = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "HTML parse errors: {errors:?}");
    assert_eq!(
        dom.quirks_mode.get(),
        html5ever::tree_builder::QuirksMode::NoQuirks
    );

    fn walk(node: &Handle, headings: &mut Vec<u8>, hrefs: &mut Vec<String>, lang: &mut bool) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.to_string();
            if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
                headings.push(level);
            }
            for a in attrs.borrow().iter() {
                if &*a.name.local == "href" {
                    hrefs.push(a.value.to_string());
                }
                if tag == "html" && &*a.name.local == "lang" && !a.value.is_empty() {
                    *lang = true;
                }
            }
        }
        for child in node.children.borrow().iter() {
            walk(child, headings, hrefs, lang);
        }
    }
    let (mut headings, mut hrefs, mut lang) = (vec![], vec![], false);
    walk(&dom.document, &mut headings, &mut hrefs, &mut lang);
    assert!(lang, "<html> has a lang");
    assert_eq!(headings.first(), Some(&1), "{headings:?}");
    for pair in headings.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading level is skipped: {headings:?}"
        );
    }
    for href in hrefs {
        let ok = match href.split_once(':') {
            Some(("https" | "http", rest)) => {
                let host = rest
                    .strip_prefix("//")
                    .unwrap_or("")
                    .split('/')
                    .next()
                    .unwrap();
                host.contains('.') && !host.is_empty()
            }
            Some(("mailto", rest)) => rest.contains('@'),
            Some(("tel", rest)) => rest.chars().all(|c| c.is_ascii_digit() || c == '+'),
            _ => false,
        };
        assert!(
            ok && !href.contains(char::is_whitespace),
            "not an absolute, valid link: {href}"
        );
    }
}

#[test]
fn two_builds_give_the_same_bytes_in_every_format() {
    let (a, _) = build_all("formats-same-a");
    let (b, _) = build_all("formats-same-b");
    let (a, b) = (files(&a), files(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two builds");
    }
    for ext in ["pdf", "png", "svg", "html", "md", "txt", "docx"] {
        assert!(a.keys().any(|n| n.ends_with(ext)), "{ext}");
    }
}

#[test]
fn documents_choose_their_formats_and_names_follow_the_pattern() {
    let dir = temp_dir("formats-per-doc");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada Lovelace\"\n\n[[publications]]\ntitle = \"Notes\"\n\
         authors = [\"Ada Lovelace\"]\nyear = 1843\n\n[cv]\nformats = [\"md\", \"txt\"]\n\n\
         [documents.homepage]\nkind = \"cv\"\nformats = [\"html\"]\noutput = \"index.html\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--name", "{name}-{doc}.pdf"])
        .in_dir(&dir)
        .ok();
    let names: Vec<String> = files(&dir.join("out")).into_keys().collect();
    assert_eq!(
        names,
        [
            "ada-lovelace-cv.md",
            "ada-lovelace-cv.txt",
            "ada-lovelace-resume.pdf",
            "index.html"
        ]
    );
    assert!(
        run.stdout.contains("wrote out/ada-lovelace-cv.md  "),
        "{}",
        run.stdout
    );
    // The command line wins over the profile.
    let run = Run::vita(&["build", "--format", "svg,pdf", "--only", "cv"])
        .in_dir(&dir)
        .ok();
    assert!(
        run.stdout.starts_with("wrote out/cv.pdf  1 page  "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("wrote out/cv-1.svg  1 page  "),
        "{}",
        run.stdout
    );
}

#[test]
fn a_misspelt_format_is_named_with_a_suggestion() {
    // A usage error: exit code 2.
    let run = Run::vita(&["build", "--format", "pdf,mdd"])
        .in_dir(repo())
        .fails(2);
    assert!(
        run.stderr.contains("`mdd` is not a format"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `md`?"), "{}", run.stderr);

    let dir = temp_dir("formats-typo");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada Lovelace\"\n\n[resume]\nformats = [\"pfd\"]\n\n[cv]\nformats = []\n",
    )
    .unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("did you mean `pdf`?"), "{}", run.stderr);
    assert!(run.stderr.contains("profile.toml:5:"), "{}", run.stderr);
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada Lovelace\"\n\n[cv]\nformats = []\n",
    )
    .unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains("`[cv].formats` is empty"),
        "{}",
        run.stderr
    );
    let run = Run::vita(&["build", "--ppi", "0"]).in_dir(repo()).fails(1);
    assert!(
        run.stderr.contains("`--ppi 0` is out of range"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn counts_say_how_long_each_section_is_as_plain_text() {
    let dir = temp_dir("formats-counts");
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--format",
        "txt",
        "--counts",
        "--only",
    ])
    .args(&["resume", "--out"])
    .arg(&dir)
    .in_dir(repo())
    .ok();
    let txt = fs::read_to_string(dir.join("resume.txt")).unwrap();
    assert!(
        run.stdout.contains("resume as plain text:"),
        "{}",
        run.stdout
    );
    // The summary is one paragraph: its count is its length.
    let summary = txt
        .split("Summary\n=======\n\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .trim();
    let line = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Summary"))
        .unwrap();
    let numbers: Vec<usize> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(
        numbers,
        [summary.chars().count(), summary.split_whitespace().count()],
        "{line}"
    );
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--format",
        "txt",
        "--counts",
        "--json",
    ])
    .args(&["--out"])
    .arg(&dir)
    .in_dir(repo())
    .ok();
    let v: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let cv = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "cv")
        .unwrap();
    assert!(cv["counts"][0]["characters"].as_u64().unwrap() > 100, "{v}");
}

#[test]
fn markdown_and_html_keep_user_text_as_text() {
    let dir = temp_dir("formats-hostile");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada <b>Lovelace</b>\"\nheadline = \"*bold* & _it_ </style><script>x</script>\"\n\n\
         [[publications]]\ntitle = \"# [link](javascript:alert(1)) <img src=x onerror=alert(1)>\"\n\
         authors = [\"Ada <b>Lovelace</b>\", \"B. *Star*\"]\nyear = 1843\n",
    )
    .unwrap();
    Run::vita(&["build", "--format", "html,md,docx"])
        .in_dir(&dir)
        .ok();
    let html = fs::read_to_string(dir.join("out/cv.html")).unwrap();
    check_html(&html);
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"));
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    let md = fs::read_to_string(dir.join("out/cv.md")).unwrap();
    assert!(
        md.contains("\\# \\[link\\](javascript:alert(1)) \\<img"),
        "{md}"
    );
    assert!(
        md.contains("**Ada \\<b\\>Lovelace\\</b\\>**, B. \\*Star\\*"),
        "{md}"
    );
    let paras = docx_paragraphs(&fs::read(dir.join("out/cv.docx")).unwrap());
    assert_eq!(paras[0].1, "Ada <b>Lovelace</b>");
}
