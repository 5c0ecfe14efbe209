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
