//! Unit tests of the view: selection, order, groups, numbers, venues, marks.

use serde_json::{Value, json};

use super::Options;
use crate::document::Document;
use crate::load::load_str;
use crate::profile::Profile;

/// The two default documents, as the tests name them.
#[derive(Clone, Copy)]
enum Doc {
    Resume,
    Cv,
}

fn document(p: &Profile, doc: Doc) -> Document {
    let name = match doc {
        Doc::Resume => "resume",
        Doc::Cv => "cv",
    };
    Document::all(p)
        .into_iter()
        .find(|d| d.name == name)
        .unwrap()
}

/// The view of a document, as the JSON the layout reads.
fn view(p: &Profile, doc: Doc, opts: &Options, style: &crate::style::Style) -> Value {
    serde_json::to_value(super::view(p, &document(p, doc), opts, style)).unwrap()
}

const PROFILE: &str = r#"
[person]
name = "Yiming Li"
aliases = ["Y. Li"]

[resume]
sections = ["publications", "news"]
limit = { news = 1 }

[[news]]
date = "2021-09"
text = "newest"
[[news]]
date = "2021-08"
text = "older"

[[publications]]
title = "Old"
authors = ["A", "B", "C", "D", "E", "F", "G", "Y. Li*"]
year = 2019
category = "X"
[[publications]]
title = "New"
authors = ["Yuezun Li", "Yiming Li"]
year = 2021
category = "Y"
selected = true
[[publications]]
title = "Hidden"
authors = ["Yiming Li"]
year = 2022
category = "X"
selected = true
exclude = ["resume"]
"#;

fn data(doc: Doc) -> Value {
    let p = load_str("p", PROFILE).unwrap().profile;
    view(&p, doc, &Options::default(), &style(&p, doc))
}

fn style(p: &Profile, doc: Doc) -> crate::style::Style {
    crate::style::resolve(
        &document(p, doc),
        &p.design,
        &Default::default(),
        &Default::default(),
    )
    .unwrap()
}

fn section<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
}

#[test]
fn cv_groups_by_category_newest_first_numbered_across_groups() {
    let v = data(Doc::Cv);
    let pubs = section(&v, "publications");
    let groups = pubs["groups"].as_array().unwrap();
    let titles: Vec<(&str, Vec<(&str, u64)>)> = groups
        .iter()
        .map(|g| {
            let e = g["entries"].as_array().unwrap();
            (
                g["title"].as_str().unwrap(),
                e.iter()
                    .map(|e| (e["title"].as_str().unwrap(), e["number"].as_u64().unwrap()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("X", vec![("Hidden", 1), ("Old", 2)]),
            ("Y", vec![("New", 3)])
        ]
    );
    assert_eq!(pubs["legend"][0]["mark"], "*");
}

#[test]
fn resume_selects_limits_and_excludes() {
    let v = data(Doc::Resume);
    let pubs = section(&v, "publications");
    let entries = pubs["groups"][0]["entries"].as_array().unwrap();
    let titles: Vec<&str> = entries
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["New"]);
    let me: Vec<bool> = entries[0]["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["me"].as_bool().unwrap())
        .collect();
    assert_eq!(me, [false, true]);
    let news: Vec<&str> = section(&v, "news")["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(news, ["newest"]);
}

#[test]
fn long_author_lists_keep_the_own_name() {
    let p = load_str("p", &PROFILE.replace("selected = true\nexclude", "exclude"))
        .unwrap()
        .profile;
    let mut p = p;
    p.resume.selected_only = Some(false);
    let v = view(
        &p,
        Doc::Resume,
        &Options::default(),
        &style(&p, Doc::Resume),
    );
    let old = section(&v, "publications")["groups"][0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Old")
        .unwrap()
        .clone();
    let names: Vec<&str> = old["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A", "B", "C", "D", "E", "Y. Li", "et al."]);
    assert_eq!(old["authors"][5]["marks"], "*");
}

/// Publications of a profile made from `extra` (settings) and these papers.
fn pubs_view(extra: &str, doc: Doc) -> Value {
    let text = format!(
        r#"[person]
name = "Yiming Li"
{extra}

[[publications]]
title = "J2020"
authors = ["Yiming Li", "B"]
venue = "IEEE Transactions on Neural Networks and Learning Systems (TNNLS)"
year = 2020
type = "journal"
category = "B"
[[publications]]
title = "C2022"
authors = ["A*", "Yiming Li*", "Yuezun Li‡"]
venue = "International Conference on Computer Vision (ICCV)"
year = 2022
category = "A"
[[publications]]
title = "P2021"
authors = ["Q", "Yiming Li†"]
venue = "arXiv preprint"
year = 2021
category = "A"
selected = true
[[publications]]
title = "W2019"
authors = ["Yiming Li"]
venue = "ICML Workshop on Things"
year = 2019
award = "Best Paper Award"
presentation = "Oral"
citations = 12
"#
    );
    let p = load_str("p", &text).unwrap().profile;
    view(&p, doc, &Options::default(), &style(&p, doc))
}

/// (group title, [(title, number)]) of the publications section.
fn listing(v: &Value) -> Vec<(String, Vec<(String, Value)>)> {
    section(v, "publications")["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["title"].as_str().unwrap_or("-").to_string(),
                g["entries"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        (
                            e["title"].as_str().unwrap().to_string(),
                            e["number"].clone(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

fn titles(v: &Value) -> Vec<String> {
    listing(v)
        .into_iter()
        .flat_map(|(_, e)| e.into_iter().map(|(t, _)| t))
        .collect()
}

#[test]
fn groups_by_category_in_the_order_asked_uncategorised_last() {
    let v = pubs_view("[cv]\ncategories = [\"B\", \"A\"]", Doc::Cv);
    assert_eq!(
        listing(&v),
        [
            ("B".to_string(), vec![("J2020".to_string(), json!(1))]),
            (
                "A".to_string(),
                vec![
                    ("C2022".to_string(), json!(2)),
                    ("P2021".to_string(), json!(3))
                ]
            ),
            ("Other".to_string(), vec![("W2019".to_string(), json!(4))]),
        ]
    );
}

#[test]
fn groups_by_type_with_reverse_numbers_per_group() {
    let v = pubs_view(
        "[cv]\ngroup_by = \"type\"\nnumbering = \"reverse\"\ncontinuous_numbering = false",
        Doc::Cv,
    );
    let groups: Vec<(String, Vec<(String, Value)>)> = listing(&v);
    assert_eq!(
        groups,
        [
            (
                "Journal Articles".to_string(),
                vec![("J2020".to_string(), json!(1))]
            ),
            (
                "Conference Papers".to_string(),
                vec![("C2022".to_string(), json!(1))]
            ),
            (
                "Workshop Papers".to_string(),
                vec![("W2019".to_string(), json!(1))]
            ),
            (
                "Preprints".to_string(),
                vec![("P2021".to_string(), json!(1))]
            ),
        ]
    );
    // Continuous reverse numbering: the newest has the highest number.
    let v = pubs_view(
        "[cv]\ngroup_by = \"none\"\nnumbering = \"reverse\"",
        Doc::Cv,
    );
    let numbers: Vec<(String, Value)> = listing(&v).remove(0).1;
    assert_eq!(
        numbers,
        [
            ("C2022".to_string(), json!(4)),
            ("P2021".to_string(), json!(3)),
            ("J2020".to_string(), json!(2)),
            ("W2019".to_string(), json!(1)),
        ]
    );
    let v = pubs_view("[cv]\nnumbering = \"none\"", Doc::Cv);
    assert_eq!(section(&v, "publications")["numbered"], false);
}

#[test]
fn resume_selection_modes() {
    // Default with a `selected` entry: only the selected ones.
    assert_eq!(titles(&pubs_view("", Doc::Resume)), ["P2021"]);
    assert_eq!(
        titles(&pubs_view(
            "[resume]\nselect = \"recent\"\nlimit = { publications = 2 }",
            Doc::Resume
        )),
        ["C2022", "P2021"]
    );
    // First-author papers (shared first authorship counts) first, each part newest first.
    assert_eq!(
        titles(&pubs_view(
            "[resume]\nselect = \"first-author\"",
            Doc::Resume
        )),
        ["C2022", "J2020", "W2019", "P2021"]
    );
    assert_eq!(
        titles(&pubs_view("[resume]\nselected_only = false", Doc::Resume)),
        ["C2022", "P2021", "J2020", "W2019"]
    );
}

#[test]
fn venues_are_short_on_the_resume_and_full_on_the_cv() {
    let find = |v: &Value, t: &str| {
        section(v, "publications")["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["entries"].as_array().unwrap().clone())
            .find(|e| e["title"] == t)
            .unwrap()
    };
    let r = pubs_view("[resume]\nselect = \"all\"", Doc::Resume);
    assert_eq!(find(&r, "C2022")["venue"], "ICCV 2022");
    assert_eq!(find(&r, "J2020")["venue"], "TNNLS 2020");
    assert_eq!(find(&r, "P2021")["venue"], "arXiv 2021");
    let c = pubs_view("", Doc::Cv);
    assert_eq!(
        find(&c, "C2022")["venue"],
        "International Conference on Computer Vision (ICCV)"
    );
    assert_eq!(find(&c, "C2022")["date"], "2022");
    let w = find(&c, "W2019");
    assert_eq!(w["award"], "Best Paper Award");
    assert_eq!(w["notes"], json!(["Oral", "cited by 12"]));
}

#[test]
fn legend_explains_the_marks_used_and_only_those() {
    let marks = |v: &Value| -> Vec<String> {
        section(v, "publications")["legend"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l["mark"].as_str().unwrap(),
                    l["text"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        marks(&pubs_view("", Doc::Cv)),
        [
            "* equal contribution",
            "† corresponding author",
            "‡ advisee"
        ]
    );
    // Only the selected paper is on the resume: only its mark is explained.
    assert_eq!(
        marks(&pubs_view("", Doc::Resume)),
        ["† corresponding author"]
    );
    // Advisees listed once are marked everywhere, with the mark and words chosen.
    let v = pubs_view(
        "[marks]\nadvisees = [\"Q\"]\nadvisee = \"§\"\nadvisee_text = \"student\"",
        Doc::Resume,
    );
    assert_eq!(marks(&v), ["† corresponding author", "§ student"]);
    let authors = &section(&v, "publications")["groups"][0]["entries"][0]["authors"];
    assert_eq!(authors[0], json!({"name": "Q", "marks": "§", "me": false}));
}

#[test]
fn contact_links_are_well_formed_whatever_is_typed() {
    use super::{escape, tel};
    assert_eq!(
        tel("+86 (755) 1234-5678 ext. 9").as_deref(),
        Some("tel:+8675512345678;ext=9")
    );
    assert_eq!(tel("(555) 010-0199").as_deref(), Some("tel:5550100199"));
    assert_eq!(
        tel("+1 555 0100 x12").as_deref(),
        Some("tel:+15550100;ext=12")
    );
    assert_eq!(tel("on request"), None);
    assert_eq!(escape("a b&c#d"), "a%20b%26c%23d");
    assert_eq!(escape("XYZ-abc_1"), "XYZ-abc_1");
}

#[test]
fn dated_lists_are_newest_first_and_a_limit_keeps_the_newest() {
    let text = r#"
[person]
name = "Ada"
email = "a@b.org"
[cv]
limit = { awards = 3, service = 2, talks = 2 }
[[awards]]
title = "Old"
date = 2015
[[awards]]
title = "Scholarship"
period = "2020/2022"
[[awards]]
title = "Newest"
date = "2023-05"
[[awards]]
title = "Same year, written first"
date = 2021
[[awards]]
title = "Same year, written second"
date = 2021
[[service]]
role = "Reviewer"
venues = ["A"]
[[service]]
role = "Chair"
date = 2019
[[service]]
role = "Member"
date = 2022
[[talks]]
title = "First"
event = "E"
date = "2020-01-02"
[[talks]]
title = "Later"
event = "E"
date = "2021-06"
[[talks]]
title = "Latest"
event = "E"
date = "2021-07-01"
"#;
    let p = load_str("p", text).unwrap().profile;
    let v = view(&p, Doc::Cv, &Options::default(), &style(&p, Doc::Cv));
    let texts = |id: &str, key: &str| -> Vec<String> {
        section(&v, id)["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[key].as_str().unwrap().to_string())
            .collect()
    };
    // The period counts by its last year; ties keep the order written.
    assert_eq!(
        texts("awards", "text"),
        ["Newest", "Scholarship", "Same year, written first"]
    );
    // An undated role (ongoing) comes first.
    assert_eq!(texts("service", "label"), ["Reviewer", "Member"]);
    assert_eq!(texts("talks", "title"), ["Latest", "Later"]);
}

#[test]
fn a_document_in_chinese_puts_the_native_name_first_and_still_bolds_it() {
    let text = "lang = \"zh-Hans\"\n[person]\nname = \"Yiming Li\"\nnative_name = \"李一鸣\"\n\
                [[publications]]\ntitle = \"T\"\nauthors = [\"张三\", \"李一鸣\"]\nyear = 2021\n\
                [[education]]\ndegree = \"D\"\ninstitution = \"I\"\nstart = \"2021-09\"\nend = \"present\"\n\
                advisors = [\"江勇\", \"夏树涛\"]\n";
    let p = load_str("p.toml", text).unwrap().profile;
    let v = view(&p, Doc::Cv, &Options::default(), &style(&p, Doc::Cv));
    assert_eq!(v["person"]["name"], "李一鸣");
    assert_eq!(v["person"]["native_name"], "Yiming Li");
    assert_eq!(v["lang"], "zh");
    assert_eq!(v["region"], "CN");
    let authors = &section(&v, "publications")["groups"][0]["entries"][0]["authors"];
    assert_eq!(authors[1]["me"], true);
    let edu = &section(&v, "education")["entries"][0];
    assert_eq!(edu["date"], "2021年9月—至今");
    assert_eq!(edu["lines"][0]["label"], "导师");
    assert_eq!(edu["lines"][0]["text"], "江勇和夏树涛");
    assert_eq!(section(&v, "education")["title"], "教育背景");
    // A Korean document keeps a name in Han characters second.
    let p = load_str("p.toml", &text.replace("zh-Hans", "ko"))
        .unwrap()
        .profile;
    let v = view(&p, Doc::Cv, &Options::default(), &style(&p, Doc::Cv));
    assert_eq!(v["person"]["name"], "Yiming Li");
}

#[test]
fn dates_follow_the_design_s_date_format() {
    for (format, want) in [
        ("short", "Jul 2019 – present"),
        ("long", "July 2019 – present"),
        ("iso", "2019-07 – present"),
        ("year", "2019 – present"),
    ] {
        let text = format!(
            "[person]\nname = \"A\"\nemail = \"a@b.org\"\n[design]\ndate_format = \"{format}\"\n\
             [[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = \"2019-07\"\nend = \"present\"\n"
        );
        let p = load_str("p", &text).unwrap().profile;
        let v = view(&p, Doc::Cv, &Options::default(), &style(&p, Doc::Cv));
        assert_eq!(
            section(&v, "experience")["entries"][0]["date"],
            want,
            "{format}"
        );
    }
}
