//! What the layouts draw, read from Typst's laid-out pages: which font sets which text.

use typst::layout::{Frame, FrameItem};
use vita::load::load;

/// A run of text on a page and the font that draws it.
struct Run {
    text: String,
    family: String,
    bold: bool,
}

fn runs(frame: &Frame, out: &mut Vec<Run>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => runs(&g.frame, out),
            FrameItem::Text(t) => {
                let info = t.font.font().info();
                out.push(Run {
                    text: t.text.to_string(),
                    family: info.family.clone(),
                    bold: info.variant.weight.to_number() >= 600,
                });
            }
            _ => {}
        }
    }
}

fn example_runs(doc: &str) -> Vec<Run> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profile.toml");
    let loaded = load(&path).unwrap();
    let plan = vita::build::plan::resolve(&loaded, &vita::BuildOptions::new(&path)).unwrap();
    let job = plan
        .documents
        .iter()
        .find(|d| d.document.name == doc)
        .unwrap();
    let (_, document, warnings) = vita::build::typeset(
        &loaded.profile,
        job,
        &plan,
        &job.style,
        vita::render::fonts::store(false),
        &Default::default(),
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut out = vec![];
    for page in document.pages() {
        runs(&page.frame, &mut out);
    }
    out
}

#[test]
fn chinese_is_drawn_with_the_embedded_cjk_face() {
    let runs = example_runs("cv");
    let cjk: Vec<&Run> = runs
        .iter()
        .filter(|r| {
            r.text
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .collect();
    assert!(cjk.len() >= 10, "only {} runs of Chinese text", cjk.len());
    for r in &cjk {
        assert_eq!(
            r.family, "Noto Sans CJK SC",
            "{:?} is set in {}",
            r.text, r.family
        );
    }
    let patent = "一种图像识别模型的训练方法";
    let all: String = cjk.iter().map(|r| r.text.as_str()).collect();
    assert!(all.contains(patent), "{all}");
}

#[test]
fn own_name_is_bold_in_author_lists_and_others_are_not() {
    let runs = example_runs("cv");
    let own: Vec<&Run> = runs.iter().filter(|r| r.text == "Yiming Li").collect();
    // The name in the header is bold too; every author-list occurrence must be.
    assert!(own.len() >= 10, "found {} runs of the name", own.len());
    assert!(own.iter().all(|r| r.bold), "a `Yiming Li` is not bold");
    let coauthor: Vec<&Run> = runs
        .iter()
        .filter(|r| r.text.contains("Yuezun Li"))
        .collect();
    assert!(!coauthor.is_empty());
    assert!(coauthor.iter().all(|r| !r.bold), "`Yuezun Li` is bold");
    let native: Vec<&Run> = runs
        .iter()
        .filter(|r| r.text == "李一鸣" && r.bold)
        .collect();
    // The header sets the native name bold beside the name; both patents list it in bold.
    assert_eq!(
        native.len(),
        3,
        "李一鸣 should be bold in the header and in both patents"
    );
}

#[test]
fn latin_text_uses_the_embedded_text_face() {
    for doc in ["resume", "cv"] {
        let runs = example_runs(doc);
        for r in runs.iter().filter(|r| r.text.is_ascii()) {
            assert_eq!(r.family, "Noto Sans", "{:?}", r.text);
        }
    }
}

/// A length as themes write it (`1.4cm`, `18mm`, `0.75in`, `40pt`), in points.
fn points(s: &str) -> f64 {
    let (n, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len()));
    let n: f64 = n.parse().unwrap();
    n * match unit {
        "cm" => 72.0 / 2.54,
        "mm" => 72.0 / 25.4,
        "in" => 72.0,
        _ => 1.0,
    }
}

#[test]
fn one_page_resumes_end_near_the_foot_of_their_page() {
    // `fit` loosens too: the example's resume (`max_pages = 1`, `fit = true`) spreads what it
    // has to spare over its gaps, in compact and harvard (which ended 55 mm above the foot).
    let dir = crate::support::temp_dir("foot-band");
    for theme in ["compact", "harvard", "classic"] {
        let out = dir.join(theme);
        crate::support::Run::vita(&["build", "--only", "resume", "--theme", theme, "--out"])
            .arg(&out)
            .in_dir(crate::support::repo())
            .ok();
        let data: serde_json::Value = serde_json::from_str(
            &crate::support::Run::vita(&["data", "--only", "resume", "--theme", theme])
                .in_dir(crate::support::repo())
                .ok()
                .stdout,
        )
        .unwrap();
        let margin = points(
            data["resume"]["theme"]["margin"]["bottom"]
                .as_str()
                .unwrap(),
        );
        let bbox = std::process::Command::new("pdftotext")
            .args(["-bbox"])
            .arg(out.join("resume.pdf"))
            .arg("-")
            .output()
            .unwrap();
        let html = String::from_utf8_lossy(&bbox.stdout).into_owned();
        let attr = |tag: &str, name: &str| -> f64 {
            let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
        };
        let page = html.split("<page ").nth(1).unwrap();
        assert_eq!(html.matches("<page ").count(), 1, "{theme}: one page");
        let foot = attr(page, "height") - margin;
        // The lowest word above the bottom margin (the footer is in the margin).
        let lowest = page
            .split("<word ")
            .skip(1)
            .filter(|w| attr(w, "yMin") < foot)
            .map(|w| attr(w, "yMax"))
            .fold(0.0, f64::max);
        let spare_mm = (foot - lowest) * 25.4 / 72.0;
        assert!(
            spare_mm <= 15.0,
            "{theme}: {spare_mm:.1} mm to spare at the foot"
        );
        assert!(spare_mm >= 0.0, "{theme}: text below the bottom margin");
    }
}
