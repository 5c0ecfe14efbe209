//! Output for portals, archives and CI: PDF standards, structure, page limits, fitting,
//! presets, the JSON summary and file names.

use std::fs;

use crate::support::{Run, fixture, page_size, pdf_text, repo, temp_dir};
use lopdf::{Document, Object};

/// Builds the example profile with extra arguments and returns the output folder.
fn build_example(name: &str, args: &[&str]) -> std::path::PathBuf {
    let dir = temp_dir(name);
    Run::vita(&["build", "profile.toml", "--out"])
        .arg(&dir)
        .args(args)
        .in_dir(repo())
        .ok();
    dir
}

/// The XMP metadata packet of a PDF, as text.
fn xmp(pdf: &[u8]) -> String {
    let doc = Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn each_pdf_standard_is_declared_in_the_metadata() {
    for (standard, part, conformance) in [
        ("a-2b", "2", Some("B")),
        ("a-3b", "3", Some("B")),
        ("a-2u", "2", Some("U")),
        ("a-4", "4", None),
    ] {
        let dir = build_example(&format!("std-{standard}"), &["--pdf-standard", standard]);
        for doc in ["resume.pdf", "cv.pdf"] {
            let meta = xmp(&fs::read(dir.join(doc)).unwrap());
            assert!(
                meta.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")),
                "{standard} {doc}:\n{meta}"
            );
            if let Some(c) = conformance {
                assert!(
                    meta.contains(&format!("<pdfaid:conformance>{c}</pdfaid:conformance>")),
                    "{standard}:\n{meta}"
                );
            }
        }
    }
    let dir = build_example("std-ua", &["--pdf-standard", "a-2b,ua-1"]);
    let meta = xmp(&fs::read(dir.join("cv.pdf")).unwrap());
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
}

#[test]
fn pdf_a_needs_a_date_from_the_profile_or_the_environment() {
    let dir = temp_dir("std-date");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    let run = Run::vita(&["check", "--pdf-standard", "a-2b"])
        .in_dir(&dir)
        .fails(1);
    assert_eq!(
        run.stderr,
        "error: PDF/A needs a document date, and the profile has none\nhint: set `updated = 2024-05-01` at the top of the profile, or the `SOURCE_DATE_EPOCH` environment variable\n"
    );
    Run::vita(&["check", "--pdf-standard", "a-2b"])
        .env("SOURCE_DATE_EPOCH", "1632960000")
        .in_dir(&dir)
        .ok();
    let run = Run::vita(&["check", "--pdf-standard", "a-2x"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.starts_with(
            "error: `a-2x` is not a PDF standard vita knows\nhint: did you mean `a-2b`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn documents_are_tagged_with_language_outline_and_embedded_fonts() {
    let dir = build_example("structure", &[]);
    for name in ["resume.pdf", "cv.pdf"] {
        let doc = Document::load_mem(&fs::read(dir.join(name)).unwrap()).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(
            catalog.get(b"StructTreeRoot").is_ok(),
            "{name} is not tagged"
        );
        let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
        assert_eq!(lang, b"en-US", "{name}");
        assert!(catalog.get(b"Outlines").is_ok(), "{name} has no bookmarks");
        let mut fonts = 0;
        for object in doc.objects.values() {
            if let Object::Dictionary(d) = object
                && d.get(b"Type").and_then(Object::as_name).ok()
                    == Some(b"FontDescriptor".as_slice())
            {
                fonts += 1;
                let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.get(k).is_ok());
                assert!(embedded, "{name}: a font is not embedded: {d:?}");
            }
        }
        assert!(fonts >= 2, "{name}");
    }
    // The bookmarks list the CV's sections.
    let doc = Document::load_mem(&fs::read(dir.join("cv.pdf")).unwrap()).unwrap();
    let titles: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Parent").is_ok() && d.get(b"Title").is_ok())
        .filter_map(|d| d.get(b"Title").ok()?.as_str().ok().map(decode_pdf_text))
        .collect();
    for section in ["EDUCATION", "PUBLICATIONS", "PATENTS", "INVITED TALKS"] {
        assert!(
            titles.iter().any(|t| t.to_uppercase() == section),
            "no bookmark {section}: {titles:?}"
        );
    }
}

/// PDF text strings are UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn decode_pdf_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn extracted_text_follows_the_reading_order() {
    let dir = build_example("order", &[]);
    let (_, text) = pdf_text(&fs::read(dir.join("resume.pdf")).unwrap());
    let landmarks = [
        "Yiming Li",
        "Shenzhen, China",
        "SUMMARY",
        "EDUCATION",
        "EXPERIENCE",
        "PUBLICATIONS",
        "AWARDS",
    ];
    let positions: Vec<usize> = landmarks
        .iter()
        .map(|l| {
            text.find(l)
                .unwrap_or_else(|| panic!("{l} missing from:\n{text}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{landmarks:?} at {positions:?}"
    );
}

#[test]
fn a_document_over_its_page_limit_fails_and_says_what_spilled() {
    let dir = temp_dir("limit-over");
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--only",
        "cv",
        "--max-pages",
        "2",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .fails(1);
    let mut lines = run.stderr.lines();
    assert_eq!(
        lines.next(),
        Some("error: the cv has 3 pages, 1 more than its limit of 2")
    );
    let spilled = lines.next().unwrap();
    assert!(spilled.starts_with("hint: page 3 begins: “"), "{spilled}");
    assert!(
        run.stderr.contains("`fit = true` in `[cv]`, or `--fit`"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("cv.pdf").exists());
    // Just under the limit builds.
    Run::vita(&[
        "build",
        "profile.toml",
        "--only",
        "cv",
        "--max-pages",
        "3",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .ok();
}

#[test]
fn fit_tightens_until_the_document_fits_and_says_how() {
    let dir = temp_dir("fit");
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--only",
        "cv",
        "--max-pages",
        "2",
        "--fit",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .ok();
    assert!(run.stdout.contains("2 pages"), "{}", run.stdout);
    assert!(
        run.stdout.contains("(fitted: section gaps "),
        "{}",
        run.stdout
    );
    let (pages, _) = pdf_text(&fs::read(dir.join("cv.pdf")).unwrap());
    assert_eq!(pages, 2);
    // One page is too few even at the smallest type allowed.
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--only",
        "cv",
        "--max-pages",
        "1",
        "--fit",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .fails(1);
    assert!(
        run.stderr
            .contains("`fit` went down to 8 pt type with the tightest gaps and margins and it still did not fit"),
        "{}",
        run.stderr
    );
}

fn preset_profile(dir: &std::path::Path, cv: &str) {
    fs::write(
        dir.join("profile.toml"),
        format!("[person]\nname = \"Ada\"\n\n[cv]\n{cv}\n\n[[education]]\ndegree = \"B.A.\"\ninstitution = \"X\"\n"),
    )
    .unwrap();
}

#[test]
fn presets_set_and_check_their_rules() {
    let dir = temp_dir("preset-nih");
    preset_profile(&dir, "preset = \"nih-attachment\"");
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let pdf = fs::read(dir.join("out/cv.pdf")).unwrap();
    assert_eq!(page_size(&pdf), (612.0, 792.0));

    // The old name still works, with a warning that gives the new one.
    preset_profile(&dir, "preset = \"nih\"");
    let run = Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains(
            "warning: the preset `nih` is now called `nih-attachment`: US Letter, 11 pt or larger"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("profile.toml:5:10"), "{}", run.stderr);

    preset_profile(&dir, "preset = \"nih-attachment\"\nfont_size = 10.5");
    let run = Run::vita(&["check", "--only", "cv"]).in_dir(&dir).fails(1);
    assert_eq!(
        run.stderr,
        "error: `[cv].font_size` is 10.5 pt, under 11 pt, which the `nih-attachment` preset does not allow\nhint: the rule: US Letter, 11 pt or larger, no more than 15 characters and 6 lines per inch, margins of at least 0.5 inch, no headers or footers; any face (Arial, Georgia, Helvetica and Palatino Linotype recommended) (NIH application attachments (format rules))\n"
    );
    preset_profile(&dir, "preset = \"nih-attachment\"\nfont_size = 11");
    Run::vita(&["check", "--only", "cv"]).in_dir(&dir).ok();
    let run = Run::vita(&["check", "--only", "cv", "--paper", "a4"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.starts_with(
            "error: `[cv]` is set on `a4` paper, which the `nih-attachment` preset does not allow"
        ),
        "{}",
        run.stderr
    );

    preset_profile(&dir, "preset = \"ukri\"\nmargin = \"1.9cm\"");
    let run = Run::vita(&["check", "--only", "cv"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.starts_with(
            "error: `[cv].margin` is 1.9cm, under 2cm, which the `ukri` preset does not allow"
        ),
        "{}",
        run.stderr
    );
    preset_profile(&dir, "preset = \"ukri\"\nmargin = \"2cm\"");
    Run::vita(&["check", "--only", "cv"]).in_dir(&dir).ok();
    preset_profile(&dir, "preset = \"ukri\"\nfont = \"Noto Serif\"");
    let run = Run::vita(&["check", "--only", "cv"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("`[cv].font` is `Noto Serif`, not a sans-serif face vita knows"),
        "{}",
        run.stderr
    );
    preset_profile(&dir, "preset = \"ukrl\"");
    let run = Run::vita(&["check", "--only", "cv"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `ukrl` is not a preset vita knows"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `ukri`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_summary_and_name_patterns_for_scripts() {
    let dir = temp_dir("json-summary");
    let run = Run::vita(&[
        "build",
        "profile.toml",
        "--json",
        "--name",
        "{name}-{doc}.pdf",
        "--out",
    ])
    .arg(&dir)
    .in_dir(repo())
    .ok();
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let files = summary["files"].as_array().unwrap();
    // The resume, the CV, the example's NIH biosketch and the Chinese CV.
    assert_eq!(files.len(), 4);
    for f in files {
        let path = std::path::PathBuf::from(f["path"].as_str().unwrap());
        let bytes = fs::read(&path).unwrap();
        assert_eq!(f["bytes"], bytes.len());
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"], sha);
        assert!(f["pages"].as_u64().unwrap() >= 1);
    }
    assert!(dir.join("yiming-li-cv.pdf").exists() && dir.join("yiming-li-resume.pdf").exists());
    let run = Run::vita(&["build", "profile.toml", "--name", "{name}.pdf", "--out"])
        .arg(&dir)
        .in_dir(repo())
        .fails(1);
    assert!(
        run.stderr
            .starts_with("error: two documents would be written to"),
        "{}",
        run.stderr
    );
    // Which two: the first document and the one that would replace it.
    assert!(
        run.stderr.contains("yiming-li.pdf`: `resume` and `cv`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_resume_that_spills_onto_a_second_page_is_never_silent() {
    let dir = temp_dir("spill");
    // Enough experience for a page and a little more: the search finds the count where the
    // resume first reaches a second page, so the spill is as small as it can be.
    let profile = |n: usize, extra: &str| {
        let mut t = format!("[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n{extra}");
        for i in 0..n {
            t.push_str(&format!(
                "[[experience]]\nrole = \"Engineer {i}\"\norganisation = \"Org\"\nstart = 2020\nhighlights = [\"Built a thing that mattered to people.\"]\n"
            ));
        }
        t
    };
    let mut n = 10;
    let run = loop {
        fs::write(dir.join("profile.toml"), profile(n, "")).unwrap();
        let run = Run::vita(&["build", "--only", "resume"]).in_dir(&dir).ok();
        if run.stdout.contains("2 pages") {
            break run;
        }
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        n += 1;
        assert!(n < 60, "the resume never reached a second page");
    };
    assert!(
        run.stderr
            .starts_with("warning: the resume runs onto page 2: only "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("page 2 begins: “"), "{}", run.stderr);
    // Saying that two pages are fine ends the warning.
    fs::write(
        dir.join("profile.toml"),
        profile(n, "[resume]\nmax_pages = 2\n"),
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "resume"]).in_dir(&dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_resume_header_with_no_way_to_reply_is_warned_about() {
    let dir = temp_dir("no-contact");
    fs::write(dir.join("profile.toml"), "[person]\nname = \"Ada\"\n").unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).ok();
    assert!(
        run.stderr.starts_with(
            "warning: the resume's header has neither an email address nor a phone number"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> profile.toml:1:1"),
        "{}",
        run.stderr
    );
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nphone = \"+1 555 0100\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
