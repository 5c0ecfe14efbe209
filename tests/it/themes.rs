//! Themes and the `[design]` table: every built-in theme makes both documents on both papers,
//! from the example and from a profile with long names, a long contact line and Chinese text;
//! design values are accepted, and a wrong one is refused at its place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use typst::layout::{Frame, FrameItem, Point, Transform};
use vita::load::load_str;

use crate::support::{Run, fixture, repo, temp_dir};

pub(crate) const THEMES: &[&str] = &["classic", "compact", "academic", "modern", "harvard"];

/// A run of text as drawn: where, how wide, in which face.
pub(crate) struct Glyphs {
    pub(crate) text: String,
    pub(crate) family: String,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) width: f64,
    /// The type size in points.
    pub(crate) size: f64,
}

/// A page: its width and height, and its text.
pub(crate) type Page = ((f64, f64), Vec<Glyphs>);

/// A document: its name and pages.
pub(crate) type Doc = (String, Vec<Page>);

fn walk(frame: &Frame, ts: Transform, out: &mut Vec<Glyphs>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => walk(&g.frame, at.pre_concat(g.transform), out),
            FrameItem::Text(t) => {
                let info = t.font.font().info();
                let p = Point::zero().transform(at);
                out.push(Glyphs {
                    text: t.text.to_string(),
                    family: info.family.clone(),
                    bold: info.variant.weight.to_number() >= 600,
                    italic: info.variant.style != typst::text::FontStyle::Normal,
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: t.width().to_pt(),
                    size: t.size.to_pt(),
                });
            }
            // An image (an icon is one) as a run without text, its family `image`.
            FrameItem::Image(_, size, _) => {
                let p = Point::zero().transform(at);
                out.push(Glyphs {
                    text: String::new(),
                    family: "image".into(),
                    bold: false,
                    italic: false,
                    x: p.x.to_pt(),
                    y: p.y.to_pt() + size.y.to_pt(),
                    width: size.x.to_pt(),
                    size: size.y.to_pt(),
                });
            }
            _ => {}
        }
    }
}

/// The profile at `path` with `[design] theme = ...` added, typeset: each document's pages
/// (size and text runs).
pub(crate) fn typeset(path: &Path, theme: &str, paper: &str) -> Vec<Doc> {
    let text =
        std::fs::read_to_string(path).unwrap() + &format!("\n[design]\ntheme = \"{theme}\"\n");
    let loaded = load_str(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e:?}"));
    let mut opts = vita::BuildOptions::new(path);
    opts.overrides.paper = Some(paper.parse().unwrap());
    let plan = vita::build::plan::resolve(&loaded, &opts)
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let mut out = vec![];
    for job in &plan.documents {
        let ((_, doc, warnings), _) = vita::build::typeset_fitted(
            &loaded.profile,
            job,
            &plan,
            vita::render::fonts::store(false),
            &Default::default(),
        )
        .unwrap_or_else(|e| panic!("{theme} {}: {e:?}", job.document.name));
        assert!(
            warnings.is_empty(),
            "{theme} {}: {warnings:?}",
            job.document.name
        );
        let pages = doc
            .pages()
            .iter()
            .map(|p| {
                let mut runs = vec![];
                walk(&p.frame, Transform::identity(), &mut runs);
                ((p.frame.width().to_pt(), p.frame.height().to_pt()), runs)
            })
            .collect();
        out.push((job.document.name.clone(), pages));
    }
    out
}

/// The checks every theme passes on every document: text inside the page, Chinese in the
/// Chinese faces, the person's name in bold wherever it is printed whole.
fn check(what: &str, docs: &[Doc], name: &str) {
    for (doc, pages) in docs {
        let mut own = 0;
        for ((w, h), runs) in pages {
            for r in runs {
                assert!(
                    r.x >= -0.5 && r.x + r.width <= w + 0.5 && r.y >= 0.0 && r.y <= *h,
                    "{what} {doc}: {:?} at ({:.1}, {:.1}) width {:.1} is outside the {w}x{h} page",
                    r.text,
                    r.x,
                    r.y,
                    r.width
                );
                if r.text
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                {
                    // The sans, or the serif themes' serif (their bold is the sans bold).
                    assert!(
                        ["Noto Sans CJK SC", "Noto Serif CJK SC"].contains(&r.family.as_str()),
                        "{what} {doc}: {:?} in {}",
                        r.text,
                        r.family
                    );
                }
                if r.text == name {
                    own += 1;
                    assert!(r.bold, "{what} {doc}: `{name}` is not bold");
                }
            }
        }
        assert!(own >= 1, "{what} {doc}: `{name}` is never printed whole");
    }
}

fn pages(docs: &[Doc], doc: &str) -> usize {
    docs.iter().find(|(n, _)| n == doc).unwrap().1.len()
}

#[test]
fn every_theme_makes_the_example_on_both_papers() {
    let example = repo().join("profile.toml");
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            let docs = typeset(&example, theme, paper);
            let what = format!("{theme} on {paper}");
            assert_eq!(pages(&docs, "resume"), 1, "{what}: the resume is one page");
            let cv = pages(&docs, "cv");
            assert!((2..=4).contains(&cv), "{what}: the CV has {cv} pages");
            check(&what, &docs, "Yiming Li");
            // The example's Chinese patents are set in the Chinese face.
            let chinese = docs[1]
                .1
                .iter()
                .flat_map(|(_, r)| r)
                .filter(|r| r.text.contains('李'))
                .count();
            assert!(chinese >= 2, "{what}: {chinese} runs with 李");
        }
    }
}

#[test]
fn every_theme_makes_long_names_and_chinese_on_both_papers() {
    let long = fixture("long-names.toml");
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            let docs = typeset(&long, theme, paper);
            let what = format!("{theme} on {paper}");
            for (doc, p) in &docs {
                assert_eq!(p.len(), 1, "{what} {doc}: one page");
            }
            check(&what, &docs, "欧阳娜娜");
        }
    }
}

/// A profile in a scratch folder: the minimal fixture with `extra` added at the end.
fn profile(name: &str, extra: &str) -> PathBuf {
    let dir = temp_dir(name);
    let text = std::fs::read_to_string(fixture("minimal.toml")).unwrap();
    std::fs::write(dir.join("profile.toml"), format!("{text}\n{extra}")).unwrap();
    dir
}

#[test]
fn a_theme_and_an_accent_are_all_it_takes() {
    let dir = profile(
        "themes-accent",
        "[design]\ntheme = \"modern\"\naccent = \"#7a1f3d\"\n",
    );
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    let (pages, text) = crate::support::pdf_text(&std::fs::read(dir.join("out/cv.pdf")).unwrap());
    assert_eq!(pages, 1);
    assert!(text.contains("Ada Lovelace"), "{text}");
    let typ: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .collect();
    assert!(typ.is_empty(), "no Typst is written");
}

#[test]
fn every_design_option_is_accepted() {
    let design = r##"[design]
theme = "academic"
font = ["Libertinus Serif", "Noto Sans CJK SC"]
heading_font = "Noto Sans"
size = "10pt"
accent = "#7a1f3d"
award = "#a33"
ink = "#111111"
muted = "#555"
rule = "#999999"
name_size = "20pt"
name_fill = "#000"
margin = { x = "2cm", top = "1.5cm" }
leading = "0.6em"
section_gap = "1.2em"
entry_gap = "0.8em"
work_gap = "0.6em"
header = "band"
header_align = "right"
name_case = "upper"
section_title = "filled"
section_align = "center"
bullet = "–"
date_position = "right"
date_format = "long"
links = "urls"
justify = true
hyphenate = true
footer = "{name}, {title}"
page_numbers = false
photo = false
contact_icons = true
smart_punctuation = false

[resume.design]
theme = "compact"
section_title = "underline"
margin = "1.5cm"

[cv.design]
section_title = "plain"
"##;
    let dir = profile("themes-every-option", design);
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    // Every key of the table is in the profile above.
    for key in vita::profile::Design::KEYS {
        assert!(
            design.contains(&format!("\n{key} = ")),
            "`{key}` is not tried"
        );
    }
}

#[test]
fn a_wrong_design_value_is_refused_at_its_place() {
    for (line, message, hint) in [
        (
            "accent = \"blue\"",
            "`design.accent` is `blue`, not a colour",
            "hint: write a colour",
        ),
        (
            "size = 10",
            "`design.size` is `10`, not a length",
            "hint: write lengths and colours as strings",
        ),
        (
            "margin = { x = \"2\" }",
            "`design.margin.x` is `2`, not a length",
            "hint: write a length",
        ),
        (
            "section_title = \"smallcaps\"",
            "`design.section_title` cannot be `smallcaps`",
            "hint: did you mean `small-caps`?",
        ),
        (
            "date_position = \"top\"",
            "`design.date_position` cannot be `top`",
            "hint: write one of `right`, `left`",
        ),
        (
            "theme = \"moden\"",
            "`moden` is not a theme vita knows",
            "hint: did you mean `modern`?",
        ),
        (
            "acent = \"#000\"",
            "unknown key `acent` in `design`",
            "hint: did you mean `accent`?",
        ),
        (
            "font = []",
            "`design.font` names no face",
            "hint: list at least one face",
        ),
    ] {
        let dir = profile("themes-wrong", &format!("[design]\n{line}\n"));
        let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
        assert!(
            run.stderr.contains(&format!("error: {message}")),
            "{line}:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(hint), "{line}:\n{}", run.stderr);
        // Pointed at the line in the profile.
        let at = std::fs::read_to_string(dir.join("profile.toml"))
            .unwrap()
            .lines()
            .position(|l| l == line)
            .unwrap()
            + 1;
        assert!(
            run.stderr.contains(&format!("profile.toml:{at}:")),
            "{line}:\n{}",
            run.stderr
        );
    }
    let dir = profile("themes-wrong-doc", "[cv.design]\nlinks = \"icon\"\n");
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `cv.design.links` cannot be `icon`"),
        "{}",
        run.stderr
    );
}

#[test]
fn vita_themes_lists_and_writes_them_out() {
    let run = Run::vita(&["themes"]).ok();
    for theme in THEMES {
        assert!(
            run.stdout.contains(&format!("\n{theme:<10} ")) || run.stdout.starts_with(theme),
            "{}",
            run.stdout
        );
    }
    let dir = temp_dir("themes-out");
    Run::vita(&["themes", "harvard", "--out"])
        .arg(dir.join("h"))
        .ok();
    let theme = std::fs::read_to_string(dir.join("h/theme.toml")).unwrap();
    assert!(theme.contains("section_align = \"center\""), "{theme}");
    assert!(dir.join("h/cv.typ").exists());
    let run = Run::vita(&["themes", "harvard", "--out"])
        .arg(dir.join("h"))
        .fails(1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let run = Run::vita(&["themes", "clasic"]).fails(1);
    assert!(
        run.stderr.contains("did you mean `classic`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_theme_folder_is_a_theme_checked_like_the_built_in_ones() {
    let dir = profile("themes-folder", "[design]\ntheme = \"./mine\"\n");
    // A theme folder of one file: what it does not set comes from classic.
    std::fs::create_dir(dir.join("mine")).unwrap();
    std::fs::write(
        dir.join("mine/theme.toml"),
        "description = \"mine\"\naccent = \"#7a1f3d\"\n[cv]\nsection_title = \"filled\"\n",
    )
    .unwrap();
    let data = |args: &[&str]| -> serde_json::Value {
        let run = Run::vita(&["data", "--only", "cv"])
            .args(args)
            .in_dir(&dir)
            .ok();
        let all: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        all["cv"].clone()
    };
    let v = data(&[]);
    assert_eq!(v["theme"]["accent"], "#7a1f3d");
    assert_eq!(v["look"]["section_title"], "filled");
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    assert!(dir.join("out/cv.pdf").exists());

    // `--theme` wins over the profile: a built-in name, or a folder from the working folder.
    assert_eq!(
        data(&["--theme", "harvard"])["look"]["section_align"],
        "center"
    );
    std::fs::create_dir(dir.join("other")).unwrap();
    std::fs::write(dir.join("other/theme.toml"), "accent = \"#123456\"\n").unwrap();
    assert_eq!(data(&["--theme", "other"])["theme"]["accent"], "#123456");
    let run = Run::vita(&["check", "--theme", "modrn"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("did you mean `modern`?"),
        "{}",
        run.stderr
    );

    // A wrong value in the folder's theme is an error at its line there.
    std::fs::write(
        dir.join("mine/theme.toml"),
        "accent = \"#7a1f3d\"\nsection_title = \"boxed\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--out", "out"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("theme.toml:2:17"), "{}", run.stderr);
    assert!(run.stderr.contains("`boxed`"), "{}", run.stderr);

    // A folder that is not there is an error at the profile's key.
    let text = std::fs::read_to_string(dir.join("profile.toml")).unwrap();
    std::fs::write(dir.join("profile.toml"), text.replace("./mine", "./mien")).unwrap();
    let run = Run::vita(&["build", "--out", "out"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .starts_with("error: the theme folder `./mien` does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("profile.toml:"), "{}", run.stderr);
}

#[test]
fn a_theme_written_out_builds_with_its_own_layouts() {
    let dir = profile("themes-folder-layouts", "[design]\ntheme = \"./h\"\n");
    Run::vita(&["themes", "harvard", "--out", "h"])
        .in_dir(&dir)
        .ok();
    // The folder's layouts are used: a change to one shows in the PDF.
    let cv = std::fs::read_to_string(dir.join("h/cv.typ")).unwrap();
    std::fs::write(
        dir.join("h/cv.typ"),
        format!("{cv}\nMARKER-FROM-THE-THEME-FOLDER\n"),
    )
    .unwrap();
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    let (_, text) = crate::support::pdf_text(&std::fs::read(dir.join("out/cv.pdf")).unwrap());
    assert!(text.contains("MARKER-FROM-THE-THEME-FOLDER"), "{text}");
}

/// How many images a PDF draws.
fn images(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(|t| t.as_name())
                    .is_ok_and(|n| n == b"Image")
            })
        })
        .count()
}

/// A 2 x 2 PNG, written by hand: signature, header, one compressed scanline per row, end.
pub fn tiny_png() -> Vec<u8> {
    use crate::support::png_chunk;
    // Stored (uncompressed) deflate block of the 2 rows: filter byte + 2 RGB pixels each.
    let raw: Vec<u8> = [0u8, 200, 30, 30, 30, 30, 200, 0, 30, 200, 30, 220, 220, 220].to_vec();
    let mut z = vec![0x78, 0x01, 0x01];
    z.extend((raw.len() as u16).to_le_bytes());
    z.extend((!(raw.len() as u16)).to_le_bytes());
    z.extend(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for x in &raw {
        a = (a + u32::from(*x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png_chunk(&mut png, b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IDAT", &z);
    png_chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_photo_is_placed_by_the_themes_with_room_and_refused_where_a_rule_forbids_it() {
    let dir = temp_dir("photo");
    let minimal = std::fs::read_to_string(fixture("minimal.toml")).unwrap();
    let write = |photo: &str, extra: &str| {
        let text = minimal.replacen("[person]", &format!("[person]\nphoto = \"{photo}\""), 1);
        std::fs::write(dir.join("profile.toml"), format!("{text}\n{extra}")).unwrap();
    };
    std::fs::write(dir.join("me.png"), tiny_png()).unwrap();
    std::fs::write(
        dir.join("me.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 5\"><rect width=\"4\" height=\"5\" fill=\"#357\"/></svg>",
    )
    .unwrap();
    let built = |args: &[&str]| {
        Run::vita(&["build", "--only", "cv", "--out", "out"])
            .args(args)
            .in_dir(&dir)
            .ok();
        std::fs::read(dir.join("out/cv.pdf")).unwrap()
    };
    write("me.png", "");
    assert_eq!(images(&built(&[])), 1);
    assert_eq!(images(&built(&["--theme", "modern"])), 1);
    // The dense one-page theme and the American one have no room for it.
    assert_eq!(images(&built(&["--theme", "compact"])), 0);
    assert_eq!(images(&built(&["--theme", "harvard"])), 0);
    // An SVG is drawn as vectors, not as an image; the page still gets it (a filled path).
    write("me.svg", "");
    let (_, text) = crate::support::pdf_text(&built(&[]));
    assert!(text.contains("Ada Lovelace"), "{text}");
    // A document may leave it out.
    write("me.png", "[cv.design]\nphoto = false\n");
    assert_eq!(images(&built(&[])), 0);

    // Mistakes, each at the key.
    std::fs::write(dir.join("notes.png"), "not an image").unwrap();
    for (photo, says) in [
        ("mee.png", "the photo `mee.png` does not exist"),
        (
            "notes.png",
            "the photo `notes.png` is not a PNG, JPEG or SVG image",
        ),
        (
            "../photo-outside.png",
            "`person.photo` is outside the profile's folder",
        ),
    ] {
        std::fs::write(dir.join("../photo-outside.png"), tiny_png()).unwrap();
        write(photo, "");
        let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
        assert!(
            run.stderr.starts_with(&format!("error: {says}")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> profile.toml:2:9"),
            "{}",
            run.stderr
        );
    }
    // A preset whose rules forbid photos refuses one, unless the document leaves it out.
    write("me.png", "[cv]\npreset = \"ukri\"\nfont_size = 11\n");
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .starts_with("error: the `ukri` preset of `[cv]` does not allow a photo"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> profile.toml:2:9"),
        "{}",
        run.stderr
    );
    write(
        "me.png",
        "[cv]\npreset = \"ukri\"\nfont_size = 11\n[cv.design]\nphoto = false\n",
    );
    Run::vita(&["check"]).in_dir(&dir).ok();
}

#[test]
fn a_centred_header_is_centred_on_the_page_however_short_it_is() {
    // A short name and one contact: nothing in the header is as wide as the page, so a
    // header that shrinks to its content would sit at the left.
    let dir = profile("themes-centred", "");
    for theme in ["compact", "harvard"] {
        for (doc, pages) in typeset(&dir.join("profile.toml"), theme, "a4") {
            let ((w, _), runs) = &pages[0];
            let first = &runs[0];
            let middle = first.x + first.width / 2.0;
            assert!(
                (middle - w / 2.0).abs() < 2.0,
                "{theme} {doc}: the header's first line ({:?}) is centred at {middle:.1}, the page at {:.1}",
                first.text,
                w / 2.0
            );
        }
    }
}

const LETTER: &str = r#"
[documents.letter]
kind = "letter"
recipient = ["Dr. Jane Roe", "ACME Analytical Engines Ltd.", "12 Harbour Street, London"]
date = "2026-11-20"
subject = "Application for the Research Scientist position"
opening = "Dear Dr. Roe,"
paragraphs = [
  "I am writing to apply for the position #1 advertised on your website; $5 and *stars* print as typed.",
  "I would be glad to discuss it. Thank you for your time.",
]
closing = "Yours sincerely,"
"#;

#[test]
fn a_cover_letter_comes_in_the_look_of_every_theme() {
    let dir = profile("themes-letter", LETTER);
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            let docs = typeset(&dir.join("profile.toml"), theme, paper);
            let what = format!("{theme} {paper}");
            check(&what, &docs, "Ada Lovelace");
            assert_eq!(pages(&docs, "letter"), 1, "{what}");
            let (_, letter) = docs.iter().find(|(n, _)| n == "letter").unwrap();
            let text: String = letter[0]
                .1
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            for part in [
                "Dr. Jane Roe",
                "November 20, 2026",
                "Application for the Research Scientist position",
                "Dear Dr. Roe,",
                "$5",
                "*stars* print as typed.",
                "Yours sincerely,",
            ] {
                assert!(text.contains(part), "{what}: no {part:?} in {text}");
            }
        }
    }
    // Built like any document, into its own file.
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    assert!(dir.join("out/letter.pdf").exists());
}

#[test]
fn a_letter_is_set_to_a_readable_measure_and_a_short_one_sits_low_enough() {
    let long = "I am writing to apply for the position advertised on your website. My background in mathematics and my work on the Analytical Engine have prepared me for the research this role asks for.";
    let dir = profile(
        "themes-letter-measure",
        &LETTER.replace(
            "I am writing to apply for the position #1 advertised on your website; $5 and *stars* print as typed.",
            long,
        ),
    );
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            let docs = typeset(&dir.join("profile.toml"), theme, paper);
            let (_, letter) = docs.iter().find(|(n, _)| n == "letter").unwrap();
            let ((_, h), runs) = &letter[0];
            // The paragraph's full lines: runs on one baseline, from its first word on.
            let mut lines: BTreeMap<i64, String> = BTreeMap::new();
            let start = runs
                .iter()
                .find(|r| r.text.starts_with("I am writing"))
                .unwrap();
            for r in runs
                .iter()
                .filter(|r| r.y >= start.y - 0.5 && r.y < start.y + 30.0)
            {
                lines
                    .entry((r.y * 2.0).round() as i64)
                    .or_default()
                    .push_str(&r.text);
            }
            let widest = lines.values().map(|l| l.chars().count()).max().unwrap();
            assert!(
                (62..=85).contains(&widest),
                "{theme} {paper}: the widest line of the paragraph has {widest} characters"
            );
            // A short letter's signature stands below the middle of the page.
            let signature = runs
                .iter()
                .rfind(|r| r.text.contains("Ada Lovelace"))
                .unwrap();
            assert!(
                signature.y > h * 0.5,
                "{theme} {paper}: signed at {:.0} of {h:.0}",
                signature.y
            );
        }
    }
}

#[test]
fn a_letter_s_keys_belong_to_letters() {
    let dir = profile(
        "themes-letter-keys",
        "[cv]\nsubject = \"Hello\"\n[documents.cover]\nkind = \"letter\"\nsubject = \"x\"\n",
    );
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `[cv].subject` is a letter's, and `[cv]` is a cv"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: `[documents.cover]` is a letter with no `paragraphs`"),
        "{}",
        run.stderr
    );
}

#[test]
fn contact_and_link_icons_are_drawn_as_shapes_not_characters() {
    let dir = profile(
        "themes-icons",
        "[cv.design]\ncontact_icons = true\nlinks = \"icons\"\n[resume.design]\ncontact_icons = true\nlinks = \"icons\"\n[[talks]]\ntitle = \"Notes\"\nevent = \"Royal Society\"\ndate = 1843\nlinks = { slides = \"https://example.org/s.pdf\", arXiv = \"https://arxiv.org/abs/1\" }\n",
    );
    for theme in THEMES {
        let docs = typeset(&dir.join("profile.toml"), theme, "a4");
        for (doc, pages) in &docs {
            let runs: Vec<&Glyphs> = pages.iter().flat_map(|(_, r)| r).collect();
            let what = format!("{theme} {doc}");
            // No icon is a character: nothing in Font Awesome's private-use area is drawn.
            assert!(
                !runs.iter().any(|r| r
                    .text
                    .chars()
                    .any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))),
                "{what}: an icon drawn as a character"
            );
            // An icon just before the e-mail address, on its line, about as tall as its text.
            let email = runs
                .iter()
                .find(|r| r.text.contains("ada@example.org"))
                .unwrap();
            let icon = runs
                .iter()
                .find(|r| r.family == "image" && r.x < email.x && email.x - (r.x + r.width) < 6.0);
            let icon = icon.unwrap_or_else(|| panic!("{what}: no icon before the e-mail"));
            assert!(
                (icon.size - email.size * 0.92 * 1.25).abs() < 1.0
                    && (icon.y - email.y).abs() < email.size,
                "{what}: the icon is {:.1} pt tall at {:.1}, the address {:.1} pt at {:.1}",
                icon.size,
                icon.y,
                email.size,
                email.y
            );
            if doc == "cv" {
                // The slides icon and the chain link for a label with no icon of its own,
                // and no label keeps its brackets.
                let talk = runs
                    .iter()
                    .find(|r| r.text.replace('\u{a0}', " ").contains("Royal Society"))
                    .unwrap();
                let beside = runs
                    .iter()
                    .filter(|r| r.family == "image" && (r.y - talk.y).abs() < talk.size)
                    .count();
                assert_eq!(beside, 2, "{what}: {beside} icons beside the talk");
                assert!(!runs.iter().any(|r| r.text.contains("[arXiv]")), "{what}");
            }
        }
    }
}

/// Every section title vita prints in English, lower-cased.
pub(crate) fn section_titles() -> Vec<String> {
    let en: toml::Table = toml::from_str(include_str!("../../locales/en.toml")).unwrap();
    en["sections"]
        .as_table()
        .unwrap()
        .values()
        .filter_map(|v| v.as_str())
        .map(|s| s.to_lowercase())
        .collect()
}

#[test]
fn no_heading_is_left_alone_at_a_page_foot_and_nothing_runs_into_the_footer() {
    let titles = section_titles();
    let example = repo().join("profile.toml");
    for theme in THEMES {
        for paper in ["a4", "us-letter"] {
            for (doc, pages) in typeset(&example, theme, paper) {
                let n = pages.len();
                for (i, ((_, h), runs)) in pages.iter().enumerate() {
                    // The footer is the lowest line of a page (the CV's name, date and page
                    // number); the body is everything above it.
                    let footer = runs.iter().map(|r| r.y).fold(0.0, f64::max);
                    let has_footer = runs
                        .iter()
                        .any(|r| (r.y - footer).abs() < 0.5 && r.text.contains('/'))
                        || runs.iter().any(|r| r.text.contains("last updated"));
                    let body: Vec<&Glyphs> = if has_footer {
                        runs.iter().filter(|r| r.y < footer - 0.5).collect()
                    } else {
                        runs.iter().collect()
                    };
                    let last = body.iter().map(|r| r.y).fold(0.0, f64::max);
                    let what = format!("{theme} {paper} {doc} page {}", i + 1);
                    if has_footer {
                        assert!(
                            footer - last >= 12.0,
                            "{what}: the body's last line ({last:.1}) runs into the footer ({footer:.1})"
                        );
                    }
                    assert!(last < *h, "{what}");
                    if i + 1 < n {
                        let line: String = body
                            .iter()
                            .filter(|r| (r.y - last).abs() < 0.5)
                            .map(|r| r.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase();
                        let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
                        assert!(
                            !titles.contains(&line),
                            "{what}: the heading `{line}` is left alone at the foot of the page"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn an_equal_contribution_asterisk_is_the_size_of_the_name_it_marks() {
    // The asterisk is a raised glyph already; set as a superscript it shrank to a speck.
    let example = repo().join("profile.toml");
    for theme in THEMES {
        let docs = typeset(&example, theme, "a4");
        let (_, pages) = docs.iter().find(|(n, _)| n == "cv").unwrap();
        let runs: Vec<&Glyphs> = pages.iter().flat_map(|(_, r)| r).collect();
        let at = runs
            .windows(2)
            .position(|w| w[0].text == "Yiming Li" && w[1].text.starts_with('*'))
            .unwrap_or_else(|| panic!("{theme}: no asterisk after the name"));
        let (name, star) = (runs[at], runs[at + 1]);
        assert!(
            (star.size - name.size).abs() < 0.01,
            "{theme}: the asterisk is {} pt beside a {} pt name",
            star.size,
            name.size
        );
    }
}

#[test]
fn arabic_and_hebrew_documents_are_mirror_images_of_english_ones_in_every_theme() {
    // The same document in English and in a right-to-left language: the name's first word
    // and the section title stand where the English ones stand, mirrored about the page's
    // middle (at the right margin where English has them at the left, beside a date column
    // on the right where English has it on the left, in the middle where centred).
    let write = |lang: &str, name: &str| {
        let dir = temp_dir(&format!("themes-rtl-{lang}"));
        std::fs::write(
            dir.join("profile.toml"),
            format!(
                "lang = \"{lang}\"\n[person]\nname = \"{name}\"\nemail = \"ada@example.org\"\n[[education]]\ndegree = \"{name}\"\ninstitution = \"{name}\"\nstart = 1830\nend = 1835\n"
            ),
        )
        .unwrap();
        dir.join("profile.toml")
    };
    // Where the line holding `text` starts and ends, on the first page.
    let span = |page: &Page, text: &str, what: &str| {
        let at = page
            .1
            .iter()
            .find(|r| r.text.to_lowercase().contains(&text.to_lowercase()))
            .unwrap_or_else(|| panic!("{what}: no {text:?}"));
        // Its runs on that line, leaving out the date column's (digits, or far away).
        let near: Vec<&Glyphs> = page
            .1
            .iter()
            .filter(|r| (r.y - at.y).abs() < 0.5 && (r.x - at.x).abs() < 250.0)
            .filter(|r| !r.text.chars().any(|c| c.is_ascii_digit()))
            .collect();
        (
            near.iter().map(|r| r.x).fold(f64::MAX, f64::min),
            near.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max),
        )
    };
    let english = write("en", "Ada Lovelace");
    for (lang, name, heading) in [
        ("ar", "آدا لوفليس", "التعليم"),
        ("he", "עדה לאבלייס", "השכלה"),
    ] {
        let rtl = write(lang, name);
        for theme in THEMES {
            let ltr_docs = typeset(&english, theme, "a4");
            for (doc, pages) in typeset(&rtl, theme, "a4") {
                let what = format!("{lang} {theme} {doc}");
                let (_, ltr) = ltr_docs.iter().find(|(d, _)| *d == doc).unwrap();
                let w = pages[0].0.0;
                for (left_text, right_text) in [
                    ("Education", heading),
                    ("Ada", name.split(' ').next().unwrap()),
                ] {
                    let (l0, l1) = span(&ltr[0], left_text, &what);
                    let (r0, r1) = span(&pages[0], right_text, &what);
                    let (lw, rw) = (l1 - l0, r1 - r0);
                    // Centred text mirrors its centre; text at a side mirrors its edge.
                    let centre = ((l0 + lw / 2.0) - w / 2.0).abs() < 3.0;
                    let (want, got) = if centre {
                        (w / 2.0, r0 + rw / 2.0)
                    } else {
                        (w - l0, r1)
                    };
                    assert!(
                        (want - got).abs() < 3.0,
                        "{what}: {right_text:?} ends at {got:.1}, the mirror of {left_text:?} at {want:.1}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_date_column_at_the_left_is_as_wide_as_its_language_needs() {
    // French and Hindi ranges are longer than English ones: each stays on one line.
    let dir = temp_dir("themes-date-width");
    let text = std::fs::read_to_string(repo().join("profile.toml")).unwrap();
    for (lang, range) in [
        ("fr", "sept. 2018 – aujourd’hui"),
        ("hi", "जुल॰ 2019 – अक्टू॰ 2020"),
    ] {
        std::fs::write(
            dir.join("profile.toml"),
            text.replacen("lang = \"en\"", &format!("lang = \"{lang}\""), 1),
        )
        .unwrap();
        std::fs::copy(repo().join("pubs.bib"), dir.join("pubs.bib")).unwrap();
        let docs = typeset(&dir.join("profile.toml"), "academic", "a4");
        let (_, pages) = docs.iter().find(|(d, _)| d == "cv").unwrap();
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        // Each line of the first page, its runs joined left to right.
        let mut lines: BTreeMap<i64, Vec<&Glyphs>> = BTreeMap::new();
        for r in &pages[0].1 {
            lines.entry((r.y * 2.0).round() as i64).or_default().push(r);
        }
        let whole = lines.values().any(|runs| {
            let mut runs = runs.clone();
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            squeeze(&runs.iter().map(|r| r.text.as_str()).collect::<String>())
                .contains(&squeeze(range))
        });
        assert!(
            whole,
            "{lang}: `{range}` is not on one line of the academic CV"
        );
    }
}
