//! Each limit of each preset just under and just over, and where the error points.

use crate::diag::Diagnostic;

/// The errors (`line:col message`) of a profile: top-level keys, a person, then tables.
fn errors(top: &str, rest: &str) -> Vec<String> {
    let text = format!("{top}\n[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n{rest}");
    match crate::load::load_str("p.toml", &text) {
        Ok(_) => vec![],
        Err(diags) => diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let (l, c) = d.location.as_ref().map_or((0, 0), |l| l.line_col());
                format!("{l}:{c} {}", d.message)
            })
            .collect(),
    }
}

/// The counts `vita check` prints for a profile that loads.
fn counts(top: &str, rest: &str) -> Vec<String> {
    let text = format!("{top}\n[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n{rest}");
    let loaded = crate::load::load_str("p.toml", &text).unwrap_or_else(|d: Vec<Diagnostic>| {
        panic!("{:#?}", d.iter().map(|d| &d.message).collect::<Vec<_>>())
    });
    super::measure(&loaded.profile)
        .iter()
        .map(|m| format!("{}: {}", m.document, m.line()))
        .collect()
}

const NIH: &str = "[documents.nih]\nkind = \"nih-biosketch\"\n";

fn statement(n: usize) -> String {
    format!("personal_statement = \"{}\"", "a".repeat(n))
}

fn publications(n: usize) -> String {
    (1..=n)
        .map(|i| format!("[[publications]]\nid = \"p{i}\"\ntitle = \"Paper {i}\"\n"))
        .collect()
}

fn ids(n: usize) -> String {
    let ids: Vec<String> = (1..=n).map(|i| format!("\"p{i}\"")).collect();
    format!("[{}]", ids.join(", "))
}

fn contributions(n: usize, chars: usize) -> String {
    (0..n)
        .map(|_| format!("[[contributions]]\ntext = \"{}\"\n", "b".repeat(chars)))
        .collect()
}

#[test]
fn nih_personal_statement_3500_characters() {
    assert_eq!(errors(&statement(3500), NIH), Vec::<String>::new());
    assert_eq!(
        counts(&statement(3500), NIH),
        [
            "nih: products closely related to the proposed project: 0 of 5 entries",
            "nih: other significant products: 0 of 5 entries",
            "nih: personal statement: 3,500 of 3,500 characters",
            "nih: contributions to science: 0 of 5 entries",
        ]
    );
    assert_eq!(
        errors(&statement(3501), NIH),
        ["1:22 personal statement: 3,501 characters, limit 3,500 (the nih)"]
    );
    assert_eq!(
        errors(&statement(3712), NIH),
        ["1:22 personal statement: 3,712 characters, limit 3,500 (the nih)"]
    );
}

#[test]
fn a_documents_own_statement_is_the_one_counted_and_pointed_at() {
    let nih = format!("{NIH}personal_statement = \"{}\"\n", "c".repeat(3501));
    let got = errors(&statement(10), &nih);
    assert_eq!(
        got,
        ["7:22 personal statement: 3,501 characters, limit 3,500 (the nih)"]
    );
}

#[test]
fn nih_contributions_five_of_2000_characters_each() {
    let ok = format!("{NIH}{}", contributions(5, 2000));
    assert_eq!(errors("", &ok), Vec::<String>::new());
    let six = format!("{NIH}{}", contributions(6, 10));
    assert_eq!(
        errors("", &six),
        ["17:1 contributions to science: 6 entries, limit 5 (the nih)"]
    );
    let long = format!("{NIH}{}{}", contributions(1, 2000), contributions(1, 2001));
    let got = errors("", &long);
    assert_eq!(
        got,
        ["10:8 contributions to science, entry 2: 2,001 characters, limit 2,000 (the nih)"]
    );
}

#[test]
fn nih_products_five_and_five_other() {
    let ok = format!(
        "{NIH}products = {}\nother_products = {}\n{}",
        ids(5),
        ids(5),
        publications(6)
    );
    assert_eq!(errors("", &ok), Vec::<String>::new());
    let over = format!(
        "{NIH}products = {}\nother_products = {}\n{}",
        ids(6),
        ids(6),
        publications(6)
    );
    let got = errors("", &over);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].starts_with(
            "7:43 products closely related to the proposed project: 6 entries, limit 5"
        ),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with("8:49 other significant products: 6 entries, limit 5"),
        "{got:#?}"
    );
}

#[test]
fn the_common_form_takes_five_products() {
    let doc = "[documents.nsf]\nkind = \"biosketch-common\"\n";
    let ok = format!("{doc}products = {}\n{}", ids(5), publications(6));
    assert_eq!(errors("", &ok), Vec::<String>::new());
    let over = format!("{doc}products = {}\n{}", ids(6), publications(6));
    assert_eq!(
        errors("", &over),
        ["7:43 products closely related to the proposed project: 6 entries, limit 5 (the nsf)"]
    );
}

#[test]
fn nsf_synergistic_activities_up_to_five() {
    let doc = "[documents.syn]\nkind = \"nsf-synergistic\"\n";
    let list = |n: usize| -> String {
        (0..n)
            .map(|i| format!("[[synergistic]]\ntext = \"Activity {i}\"\n"))
            .collect()
    };
    assert_eq!(
        errors("", &format!("{doc}{}", list(5))),
        Vec::<String>::new()
    );
    assert_eq!(
        errors("", &format!("{doc}{}", list(6))),
        ["17:1 synergistic activities: 6 entries, limit 5 (the syn)"]
    );
}

#[test]
fn entries_kept_out_of_a_document_do_not_count() {
    let mut six = contributions(6, 10);
    six.push_str("exclude = [\"nih\"]\n");
    assert_eq!(errors("", &format!("{NIH}{six}")), Vec::<String>::new());
}

#[test]
fn ukri_r4ri_words_are_a_settable_limit() {
    let words = |n: usize| format!("personal_statement = \"{}\"", vec!["word"; n].join(" "));
    let doc = "[documents.r4ri]\nkind = \"cv\"\npreset = \"ukri-r4ri\"\n";
    assert_eq!(errors(&words(1000), doc), Vec::<String>::new());
    assert_eq!(
        errors(&words(1001), doc),
        ["1:22 personal statement: 1,001 words, limit 1,000 (the r4ri)"]
    );
    // An opportunity that allows fewer words says so in the document's table.
    let fewer = format!("{doc}max_words = {{ personal_statement = 800 }}\n");
    assert_eq!(errors(&words(800), &fewer), Vec::<String>::new());
    assert_eq!(
        errors(&words(801), &fewer),
        ["1:22 personal statement: 801 words, limit 800 (the r4ri)"]
    );
    assert_eq!(
        counts(&words(800), &fewer),
        ["r4ri: personal statement: 800 of 800 words"]
    );
}

#[test]
fn max_chars_without_a_preset_and_unknown_sections() {
    let doc = "[documents.short]\nkind = \"cv\"\nmax_chars = { summary = 20 }\n";
    let ok = "summary = \"twenty characters...\"";
    assert_eq!(ok.len() - "summary = \"\"".len(), 20);
    assert_eq!(errors(ok, doc), Vec::<String>::new());
    assert_eq!(
        errors("summary = \"twenty-one characters\"", doc),
        ["1:11 summary: 21 characters, limit 20 (the short)"]
    );
    let bad = "[documents.short]\nkind = \"cv\"\nmax_chars = { sumary = 20 }\n";
    assert_eq!(
        errors("", bad),
        ["7:24 `documents.short.max_chars` names a section vita does not count: `sumary`"]
    );
}

#[test]
fn snsf_three_achievements_of_4350_characters_together() {
    let doc = "[documents.snsf]\nkind = \"cv\"\npreset = \"snsf\"\n[[education]]\ndegree = \"PhD\"\ninstitution = \"U\"\n";
    assert_eq!(
        errors("", &format!("{doc}{}", contributions(3, 1450))),
        Vec::<String>::new()
    );
    assert_eq!(
        errors("", &format!("{doc}{}", contributions(4, 10))),
        ["17:1 contributions to science: 4 entries, limit 3 (the snsf)"]
    );
    let mut over = contributions(2, 1450);
    over.push_str(&contributions(1, 1451));
    assert_eq!(
        errors("", &format!("{doc}{over}")),
        [
            "12:8 contributions to science, all entries together: 4,351 characters, limit 4,350 (the snsf)"
        ]
    );
}

#[test]
fn page_limits_come_from_the_preset() {
    use crate::document::Document;
    let text = "person = { name = \"Ada\", email = \"ada@example.org\" }\n\n[documents.erc]\nkind = \"cv\"\npreset = \"erc\"\n[documents.syn]\nkind = \"nsf-synergistic\"\n";
    let loaded = crate::load::load_str("p.toml", text).unwrap();
    let pages = |name: &str| {
        let doc = Document::all(&loaded.profile)
            .into_iter()
            .find(|d| d.name == name)
            .unwrap();
        crate::style::resolve(
            &doc,
            &loaded.profile.design,
            &Default::default(),
            &Default::default(),
        )
        .unwrap()
        .max_pages
    };
    assert_eq!(pages("erc"), Some(4));
    assert_eq!(pages("syn"), Some(1));
    assert_eq!(pages("cv"), None);
}

#[test]
fn a_section_the_form_asks_for_and_lacks_is_a_warning_at_the_document() {
    let text = format!(
        "person = {{ name = \"Ada\", email = \"ada@example.org\" }}\n\n{NIH}products = [\"p1\"]\n[[education]]\ndegree = \"PhD\"\ninstitution = \"U\"\n{}",
        publications(1)
    );
    let loaded = crate::load::load_str("p.toml", &text).unwrap();
    let got: Vec<String> = loaded
        .warnings
        .iter()
        .map(|d| {
            let (l, c) = d.location.as_ref().map_or((0, 0), |l| l.line_col());
            format!("{l}:{c} {}", d.message)
        })
        .collect();
    assert_eq!(
        got,
        [
            "3:1 the nih follows `nih-biosketch`, which asks for `appointments`, and it has none",
            "3:1 the nih follows `nih-biosketch`, which asks for `contributions`, and it has none",
        ]
    );
}

#[test]
fn a_contribution_citing_a_work_outside_the_products_is_a_warning() {
    let text = format!(
        "person = {{ name = \"Ada\", email = \"ada@example.org\" }}\n\n{NIH}products = [\"p1\"]\n{}[[contributions]]\ntext = \"X\"\ncites = [\"p1\", \"p2\"]\n",
        publications(2)
    );
    let loaded = crate::load::load_str("p.toml", &text).unwrap();
    let got: Vec<&str> = loaded
        .warnings
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("cites"))
        .collect();
    assert_eq!(
        got,
        ["`contributions[1]` cites `p2`, which is not among the products of the nih"]
    );
}

#[test]
fn products_on_a_document_that_does_not_print_them_are_a_warning() {
    let text = format!(
        "person = {{ name = \"Ada\", email = \"ada@example.org\" }}\n\n[cv]\nproducts = [\"p1\"]\n{}",
        publications(1)
    );
    let loaded = crate::load::load_str("p.toml", &text).unwrap();
    let got: Vec<String> = loaded
        .warnings
        .iter()
        .map(|d| {
            let (l, c) = d.location.as_ref().map_or((0, 0), |l| l.line_col());
            format!("{l}:{c} {}", d.message)
        })
        .collect();
    assert_eq!(
        got,
        ["4:12 the cv does not print `products`, so its `products` is not used"]
    );
}
