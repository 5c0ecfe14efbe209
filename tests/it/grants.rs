//! Grant documents: the NIH biosketch and the Common Form as PDF and pasteable text, NSF
//! synergistic activities on one page, and the limits `vita check` reports.

use std::fs;

use crate::support::{Run, pdf_text, temp_dir};

const PROFILE: &str = r#"personal_statement = "I am well suited to this project."

[person]
name = "Ada Lovelace"
orcid = "0000-0002-1825-0097"
email = "ada@example.org"
[documents.nih]
kind = "nih-biosketch"
products = ["notes", "engine"]
other_products = ["poem"]

[documents.nsf]
kind = "biosketch-common"
products = ["engine"]

[documents.syn]
kind = "nsf-synergistic"

[[education]]
degree = "Private tuition in mathematics"
institution = "Home"
start = 1830
end = 1835

[[appointments]]
title = "Analyst"
organisation = "Analytical Society"
location = "London, UK"
start = 1842
end = "present"

[[awards]]
title = "Honorary membership"
date = 1844

[[publications]]
id = "notes"
title = "Notes on the Analytical Engine"
authors = ["Ada Lovelace"]
venue = "Scientific Memoirs"
year = 1843

[[publications]]
id = "engine"
title = "Sketch of the Analytical Engine"
authors = ["L. F. Menabrea", "Ada Lovelace"]
year = 1842
doi = "10.1000/engine"

[[publications]]
id = "poem"
title = "A Poetical Science"
authors = ["Ada Lovelace"]
year = 1844

[[contributions]]
title = "Programs for a general machine"
text = "I wrote the first published algorithm meant for a machine."
cites = ["notes"]

[[synergistic]]
text = "Taught mathematics to young women."
"#;

#[test]
fn an_nih_biosketch_follows_the_forms_and_pastes_as_text() {
    let dir = temp_dir("grants-nih");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    Run::vita(&["build", "--format", "pdf,txt"])
        .in_dir(&dir)
        .ok();
    let (_, pdf) = pdf_text(&fs::read(dir.join("out/nih.pdf")).unwrap());
    let order = [
        "BIOGRAPHICAL SKETCH COMMON FORM",
        "IDENTIFYING INFORMATION",
        "0000-0002-1825-0097",
        "Analyst",
        "PROFESSIONAL PREPARATION",
        "APPOINTMENTS AND POSITIONS",
        "PRODUCTS CLOSELY RELATED TO THE PROPOSED PROJECT",
        "Notes on the Analytical Engine",
        "Sketch of the Analytical Engine",
        "OTHER SIGNIFICANT PRODUCTS",
        "A Poetical Science",
        "NIH BIOGRAPHICAL SKETCH SUPPLEMENT",
        "PERSONAL STATEMENT",
        "HONORS",
        "CONTRIBUTIONS TO SCIENCE",
        "Programs for a general machine",
    ];
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for part in order {
        let at = flat[from..]
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` missing or out of order in:\n{flat}"));
        from += at + part.len();
    }
    // The biosketch names a contribution's works by product number, not by citation.
    assert!(flat.contains("Related products: [1]"), "{flat}");
    // Sections of the CV that the forms do not have stay out.
    assert!(!flat.contains("Taught mathematics"), "{flat}");

    let txt = fs::read_to_string(dir.join("out/nih.txt")).unwrap();
    assert!(
        txt.contains(
            "Personal Statement\n==================\n\nI am well suited to this project.\n"
        ),
        "{txt}"
    );
    assert!(
        txt.contains("- [3] Ada Lovelace. A Poetical Science. 1844."),
        "{txt}"
    );

    // The Common Form alone stops before the Supplement.
    let (_, nsf) = pdf_text(&fs::read(dir.join("out/nsf.pdf")).unwrap());
    assert!(nsf.contains("Sketch of the Analytical Engine"), "{nsf}");
    assert!(
        !nsf.contains("SUPPLEMENT") && !nsf.contains("PERSONAL STATEMENT"),
        "{nsf}"
    );

    let (pages, syn) = pdf_text(&fs::read(dir.join("out/syn.pdf")).unwrap());
    assert_eq!(pages, 1);
    assert!(
        syn.contains("Ada Lovelace") && syn.contains("Taught mathematics"),
        "{syn}"
    );
}

#[test]
fn check_prints_each_limit_and_a_limit_gone_over_fails_the_build() {
    let dir = temp_dir("grants-limits");
    fs::write(dir.join("profile.toml"), PROFILE).unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).ok();
    assert!(
        run.stdout.contains(
            "ok nih: 1 page\n   products closely related to the proposed project: 2 of 5 entries\n   other significant products: 1 of 5 entries\n   personal statement: 33 of 3,500 characters\n   contributions to science: 1 of 5 entries\n   contributions to science, entry 1: 58 of 2,000 characters\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("ok syn: 1 page\n   synergistic activities: 1 of 5 entries\n"),
        "{}",
        run.stdout
    );
    // SciENcv takes products from ORCID or My Bibliography, found by DOI or PMID.
    assert!(
        run.stdout.contains("   products SciENcv can match by DOI or PMID: 1 of 3; link in ORCID (or My Bibliography) first: `notes`, `poem`\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("   products SciENcv can match by DOI or PMID: 1 of 1\n"),
        "{}",
        run.stdout
    );

    Run::vita(&["build"]).in_dir(&dir).ok();
    let before = fs::read(dir.join("out/nih.pdf")).unwrap();
    let long = PROFILE.replace("I am well suited to this project.", &"x".repeat(3712));
    fs::write(dir.join("profile.toml"), long).unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.starts_with(
            "error: personal statement: 3,712 characters, limit 3,500 (the nih)\n --> profile.toml:1:22"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: the limit is set by the `nih-biosketch` preset (NIH Biographical Sketch: Common Form + NIH Supplement (2026))\nhint: shorten it by 212 characters"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // A failed build leaves the last good output alone.
    assert_eq!(fs::read(dir.join("out/nih.pdf")).unwrap(), before);
}

#[test]
fn synergistic_activities_must_fit_on_one_page() {
    let dir = temp_dir("grants-pages");
    let activity = "Organised a summer school in analysis for students from schools without \
        a mathematics teacher, with lectures, exercises and a small library. "
        .repeat(3);
    let profile = |n: usize| {
        let mut p =
            String::from("[person]\nname = \"Ada\"\n[documents.syn]\nkind = \"nsf-synergistic\"\n");
        for _ in 0..n {
            p.push_str(&format!("[[synergistic]]\ntext = \"{activity}\"\n"));
        }
        p
    };
    // Five long activities fit on the page; five much longer ones do not.
    fs::write(dir.join("profile.toml"), profile(5)).unwrap();
    let run = Run::vita(&["check", "--only", "syn"]).in_dir(&dir).ok();
    assert!(run.stdout.contains("ok syn: 1 page"), "{}", run.stdout);
    let longer = profile(5).replace(&activity, &activity.repeat(4));
    fs::write(dir.join("profile.toml"), longer).unwrap();
    let run = Run::vita(&["check", "--only", "syn"]).in_dir(&dir).fails(1);
    // (Latin Modern Roman at 11 pt, NSF's Computer Modern: three pages of it.)
    assert!(
        run.stderr
            .starts_with("error: the syn has 3 pages, 2 more than its limit of 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_erc_cv_is_held_to_four_pages_just_under_and_just_over() {
    let dir = temp_dir("grants-erc-pages");
    let profile = |n: usize| {
        let mut t = String::from(
            "[person]\nname = \"Ada Lovelace\"\nemail = \"ada@example.org\"\n[documents.erc]\nkind = \"cv\"\npreset = \"erc\"\n",
        );
        for i in 0..n {
            t.push_str(&format!(
                "[[experience]]\nrole = \"Analyst {i}\"\norganisation = \"Analytical Society\"\nstart = 1840\nhighlights = [\"Wrote the notes on the engine that people still read.\"]\n"
            ));
        }
        t
    };
    // Adds entries four at a time until the ERC CV is over its limit, then takes them away one
    // at a time until it fits: the last entry that tips it over.
    let build = |n: usize| {
        fs::write(dir.join("profile.toml"), profile(n)).unwrap();
        Run::vita(&["build", "--only", "erc"]).in_dir(&dir).run()
    };
    let mut n = 40;
    while build(n).code == Some(0) {
        n += 4;
        assert!(n < 200, "the ERC CV never went past 4 pages");
    }
    while build(n - 1).code != Some(0) {
        n -= 1;
    }
    // Just over: one entry too many is an error that says by how much.
    let run = build(n);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: the erc has 5 pages, 1 more than its limit of 4"),
        "{}",
        run.stderr
    );
    let last_ok = n - 1;
    // Just under: one entry fewer builds, on 4 pages.
    fs::write(dir.join("profile.toml"), profile(last_ok)).unwrap();
    let run = Run::vita(&["build", "--only", "erc"]).in_dir(&dir).ok();
    assert!(run.stdout.contains("4 pages"), "{}", run.stdout);
}

#[test]
fn nsf_synergistic_is_set_in_a_face_nsf_names_and_a_face_it_does_not_name_is_refused_at_its_key() {
    let dir = temp_dir("grants-typeface");
    let body = "[person]\nname = \"Ada Lovelace\"\nemail = \"ada@example.org\"\n[[synergistic]]\ntext = \"Taught mathematics to the daughters of the Analytical Society.\"\n";
    fs::write(
        dir.join("profile.toml"),
        format!("{body}[documents.syn]\nkind = \"nsf-synergistic\"\n"),
    )
    .unwrap();
    Run::vita(&["build", "--only", "syn"]).in_dir(&dir).ok();
    // By default: Latin Modern Roman (the Computer Modern family PAPPG 24-1 II.C.2.a names),
    // 11 pt, with no other face for the text.
    let fonts = crate::support::pdf_fonts(&dir.join("out/syn.pdf"));
    assert!(fonts.iter().all(|f| f.starts_with("LMRoman")), "{fonts:?}");
    assert!(!fonts.is_empty());

    // Noto Sans for it: an error at the key, citing the rule; nothing written.
    fs::remove_dir_all(dir.join("out")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        format!("{body}[documents.syn]\nkind = \"nsf-synergistic\"\nfont = \"Noto Sans\"\n"),
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "syn"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("error: `documents.syn.font` sets the `syn` document in Noto Sans, a face the `nsf-synergistic` preset's rule does not allow"), "{}", run.stderr);
    assert!(run.stderr.contains("profile.toml:8:8"), "{}", run.stderr);
    assert!(run.stderr.contains("PAPPG 24-1 II.C.2.a"), "{}", run.stderr);
    assert!(!dir.join("out").exists());

    // Arimo, Arial's metrics, at 10 pt: allowed; Latin Modern at 10 pt: under its 11 pt.
    fs::write(
        dir.join("profile.toml"),
        format!(
            "{body}[documents.syn]\nkind = \"nsf-synergistic\"\nfont = \"Arimo\"\nfont_size = 10\n"
        ),
    )
    .unwrap();
    Run::vita(&["build", "--only", "syn"]).in_dir(&dir).ok();
    assert!(
        crate::support::pdf_fonts(&dir.join("out/syn.pdf"))
            .iter()
            .all(|f| f.starts_with("Arimo"))
    );
    fs::write(dir.join("profile.toml"), format!("{body}[documents.syn]\nkind = \"nsf-synergistic\"\nfont = \"Latin Modern Roman\"\nfont_size = 10\n")).unwrap();
    let run = Run::vita(&["check", "--only", "syn"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("set in Latin Modern Roman at 10 pt; the `nsf-synergistic` preset's rule asks for 11 pt or larger in that face"), "{}", run.stderr);
    // A face set for every document in `[design]` is checked for this one too.
    fs::write(dir.join("profile.toml"), format!("{body}[design]\nfont = \"Libertinus Serif\"\n[documents.syn]\nkind = \"nsf-synergistic\"\n")).unwrap();
    let run = Run::vita(&["check", "--only", "syn"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("`design.font"), "{}", run.stderr);
}
