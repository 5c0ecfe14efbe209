//! The .bib reader on small files: what entries become, and what each mistake is told as.

use super::merge::title_key;
use super::*;

mod lenient;

/// A file read without a base address for its links.
pub(super) fn parse(file: &str, text: &Arc<str>) -> (Vec<Publication>, Vec<Diagnostic>) {
    super::parse(file, text, None)
}

pub(super) fn one(src: &str) -> Publication {
    let (mut pubs, diags) = parse("t.bib", &Arc::from(src));
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:#?}");
    assert_eq!(pubs.len(), 1);
    pubs.remove(0)
}

pub(super) fn errors(src: &str) -> Vec<String> {
    told(src, true)
}

/// The lenient warnings about a file: what was skipped or read another way, each marked for
/// `--strict`.
pub(super) fn lenient(src: &str) -> Vec<String> {
    told(src, false)
}

fn told(src: &str, errors: bool) -> Vec<String> {
    let (_, diags) = parse("t.bib", &Arc::from(src));
    diags
        .iter()
        .filter(|d| {
            if errors {
                d.is_error()
            } else {
                !d.is_error() && d.lenient
            }
        })
        .map(|d| {
            let (l, c) = d.location.as_ref().unwrap().line_col();
            format!("t.bib:{l}:{c}: {}", d.message)
        })
        .collect()
}

#[test]
fn accents_braces_and_commands_print_plainly() {
    let p = one(r#"@article{k,
  title = {{DNN}s for {M}{\"u}ller's \emph{Caf\'e} -- a \textit{Study} of $\ell_p$~Norms},
  author = {M{\"u}ller, J{\"u}rgen and Fran{\c{c}}ois, Ren\'e and {\O}stergaard, S\o{}ren},
  journal = {Journal of {AI}},
  year = 2020,
  pages = {1--18},
}"#);
    assert_eq!(p.title, "DNNs for Müller's Café – a Study of ℓp\u{a0}Norms");
    assert_eq!(
        p.authors,
        ["Jürgen Müller", "René François", "Søren Østergaard"]
    );
    assert_eq!(p.venue.as_deref(), Some("Journal of AI"));
    assert_eq!(p.pages.as_deref(), Some("1–18"));
    assert_eq!(p.kind.as_deref(), Some("journal"));
}

#[test]
fn others_and_corporate_authors() {
    let p = one(
        r#"@inproceedings{k, title = {T}, booktitle = {Proc. of the {IEEE} Workshop on X},
  author = {{Tencent AI Lab} and Li, Yiming and others}, year = {2021}, month = jul}"#,
    );
    assert_eq!(
        p.authors,
        ["Tencent AI Lab", "Yiming Li", crate::names::ET_AL]
    );
    assert_eq!(p.kind.as_deref(), Some("workshop"));
    assert_eq!(p.date.unwrap().iso(), "2021-07");
}

#[test]
fn arxiv_misc_entries_are_preprints() {
    let p = one(
        r#"@misc{k, title = {Backdoor Learning: A Survey}, author = {Li, Yiming},
  year = {2020}, eprint = {2007.08745}, archivePrefix = {arXiv}, primaryClass = {cs.CR}}"#,
    );
    assert_eq!(p.kind.as_deref(), Some("preprint"));
    assert_eq!(p.arxiv.as_deref(), Some("2007.08745"));
    assert_eq!(p.venue.as_deref(), Some("arXiv preprint"));
    let p = one(r#"@article{k, title = {T}, author = {A, B}, year = 2020,
  journal = {arXiv preprint arXiv:2003.06974}}"#);
    assert_eq!(p.kind.as_deref(), Some("preprint"));
    assert_eq!(p.arxiv.as_deref(), Some("2003.06974"));
    let p = one(r#"@article{k, title = {T}, author = {A, B}, year = 2020,
  journal = {CoRR}, volume = {abs/2003.06974}}"#);
    assert_eq!(p.arxiv.as_deref(), Some("2003.06974"));
    assert_eq!(p.volume, None);
}

#[test]
fn missing_fields_are_fine_but_a_title_is_needed() {
    let p = one("@misc{k, title = {Only a title}}");
    assert!(p.authors.is_empty() && p.date.is_none() && p.venue.is_none());
    assert!(errors("@misc{k,\n  author = {A, B}}").is_empty());
    assert_eq!(
        lenient("@misc{k,\n  author = {A, B}}"),
        ["t.bib:1:7: the entry `k` has no title, so it is left out"]
    );
}

#[test]
fn month_names_and_iso_dates() {
    for (fields, iso) in [
        ("year = 2021, month = {September}", "2021-09"),
        ("year = 2021, month = sep", "2021-09"),
        ("year = 2021, month = {9}", "2021-09"),
        ("date = {2021-09-29}", "2021-09-29"),
        ("date = {2021-09/2021-10}", "2021-09"),
    ] {
        let p = one(&format!("@article{{k, title = {{T}}, {fields}}}"));
        assert_eq!(p.date.unwrap().iso(), iso, "{fields}");
    }
}

#[test]
fn broken_entries_point_at_their_line() {
    // What vita cannot use is a warning at its field; the entry is kept.
    let src = "@article{a, title = {A}, year = 2020}\n\n@article{b,\n  title = {B},\n  year = {20x1},\n}\n@article{c, title = {C}, month = {Smarch}, year = 2020}\n";
    assert!(errors(src).is_empty());
    assert_eq!(
        lenient(src),
        [
            "t.bib:5:11: `year` of `b` is not a year, so the entry has no date: `20x1`",
            "t.bib:7:35: `month` of `c` is not a month, so the date is the year alone: `Smarch`",
        ]
    );
    let (pubs, _) = parse("t.bib", &Arc::from(src));
    assert_eq!(pubs.len(), 3);
    // A syntax error: the entry left open is said, and the entry after it still checked.
    let errs = errors(
        "@article{a, title = {A}, year = 2020}\n@article{b,\n  title = {B,\n  year = 2021}\n",
    );
    assert_eq!(
        errs,
        ["t.bib:2:1: this `@article` entry is not closed before the file ends"]
    );
    let errs = errors("@article{a, title = {A}, year = 2020}\n@article{b,\n  title = {B\n");
    assert_eq!(
        errs,
        ["t.bib:2:1: this `@article` entry is not closed before the file ends"]
    );
    // Biber keeps the first of two entries with one key, and so does vita.
    let src = "@article{a, title = {A}}\n@article{a, title = {B}}\n";
    assert!(errors(src).is_empty());
    assert_eq!(
        lenient(src),
        ["t.bib:2:10: the citation key `a` is used twice in this file, so this entry is left out"]
    );
    let (pubs, _) = parse("t.bib", &Arc::from(src));
    assert_eq!(pubs.len(), 1);
    assert_eq!(pubs[0].title, "A");
    let src = "@article{a, title = {A}, journal = tpami}\n";
    assert!(errors(src).is_empty());
    assert_eq!(
        lenient(src),
        [
            "t.bib:1:36: `tpami` (in `a`) is not defined as an `@string`, so it is printed as the word `tpami`"
        ]
    );
}

#[test]
fn vita_fields_in_the_bib() {
    let p = one(
        r#"@inproceedings{k, title = {T}, author = {Li, Yiming and Zhu, Linghui and Cao, X.},
  booktitle = {ICML Workshop on Adversarial Machine Learning}, year = 2021,
  category = {Data Privacy}, award = {Best Paper Award}, presentation = {Oral},
  keywords = {backdoor, selected}, equal = {1,2}, corresponding = {3},
  code = {https://github.com/x/y}, slides = {https://x.org/s.pdf}, citations = {42},
  doi = {https://doi.org/10.1/abc}, url = {https://doi.org/10.1/abc}, exclude = {resume}}"#,
    );
    assert_eq!(p.authors, ["Yiming Li*", "Linghui Zhu*", "X. Cao†"]);
    assert_eq!(p.category.as_deref(), Some("Data Privacy"));
    assert_eq!(p.award.as_deref(), Some("Best Paper Award"));
    assert_eq!(p.presentation.as_deref(), Some("Oral"));
    assert!(p.selected);
    assert_eq!(p.citations, Some(42));
    assert_eq!(p.doi.as_deref(), Some("10.1/abc"));
    assert_eq!(p.exclude, ["resume"]);
    let labels: Vec<&str> = p.links.0.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["code", "slides"]);
    let errs = lenient("@article{k, title = {T}, author = {A, B}, equal = {1,3}}");
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].contains("`3`, which is not an author's position"),
        "{errs:?}"
    );
}

#[test]
fn marks_written_on_names_move_to_the_end() {
    let p = one("@article{k, title = {T}, author = {Li, Yiming* and Jiang, Yong\\textdagger}}");
    assert_eq!(p.authors, ["Yiming Li*", "Yong Jiang†"]);
}

#[test]
fn crossref_and_strings_resolve() {
    let (pubs, diags) = parse(
        "t.bib",
        &Arc::from(
            r#"@string{iccv = {International Conference on Computer Vision}}
@inproceedings{k, title = {T}, booktitle = iccv # { (ICCV)}, year = 2021}
@proceedings{p21, title = {Proceedings of the Workshop}, year = 2021}
@inproceedings{w, title = {W}, crossref = {p21}}"#,
        ),
    );
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
    assert_eq!(
        pubs[0].venue.as_deref(),
        Some("International Conference on Computer Vision (ICCV)")
    );
    // The proceedings volume is only there to be referred to: it is not a paper.
    let titles: Vec<&str> = pubs.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["T", "W"]);
    assert_eq!(
        pubs[1].venue.as_deref(),
        Some("Proceedings of the Workshop")
    );
    assert_eq!(pubs[1].date.unwrap().iso(), "2021");
}

#[test]
fn loops_and_absurd_nesting_are_errors_not_crashes() {
    let errs =
        errors("@inproceedings{a, title={T}, author={Li, Yiming}, crossref={a}, year=2020}\n");
    assert_eq!(
        errs,
        ["t.bib:1:16: the entry `a` refers to itself through `crossref` or `xdata`: a → a"]
    );
    let errs = errors("@string{x = y}\n@string{y = x}\n@article{a, title={T}, journal = x}\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("is defined through itself: "), "{errs:?}");
    let errs =
        errors("@xdata{d, xdata={e}}\n@xdata{e, xdata={d}}\n@article{a, title={T}, xdata={d}}\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    let deep = format!(
        "@article{{a, title={}x{}}}\n",
        "{".repeat(5000),
        "}".repeat(5000)
    );
    let errs = errors(&deep);
    assert_eq!(
        errs,
        ["t.bib:1:82: braces are nested more than 64 deep here"]
    );
}

#[test]
fn latex_spacing_links_and_line_breaks() {
    let p = one(
        r"@misc{k, title = {A\\B 10\,000 \href{https://x.org}{Linked} Text\ldots{} 5\textdegree{}C}, author = {A, B}}",
    );
    assert_eq!(p.title, "A B 10\u{2009}000 Linked Text… 5°C");
    let p = one("@misc{k, title = {Bidi\u{202e}Text and \u{1b}[31mred}, author = {A, B}}");
    assert_eq!(p.title, "BidiText and [31mred");
}

#[test]
fn broken_author_lists_keep_the_names_apart() {
    let p = one("@misc{k, title = {T}, author = {Li, Yiming and and Doe, John and}}");
    assert_eq!(p.authors, ["Yiming Li", "John Doe"]);
    let p = one("@misc{k, title = {T}, author = {Anderson, Sandra and Andrew Land}}");
    assert_eq!(p.authors, ["Sandra Anderson", "Andrew Land"]);
    let (_, diags) = parse(
        "t.bib",
        &Arc::from("@misc{k, title = {T}, author = {A, B, C, D and E, F}}"),
    );
    assert!(
        diags
            .iter()
            .any(|d| !d.is_error() && d.message.contains("a name with 3 commas")),
        "{diags:?}"
    );
}

#[test]
fn bad_identifiers_in_the_bib_are_left_out_with_a_warning() {
    let errs = lenient("@misc{k, title = {T}, author = {A, B}, doi = {not a doi}}");
    assert_eq!(
        errs,
        ["t.bib:1:47: `doi` of `k` is not a DOI, so it is left out: `not a doi`"]
    );
    let errs =
        lenient("@misc{k, title = {T}, author = {A, B}, eprint = {nope}, archivePrefix = {arXiv}}");
    assert_eq!(
        errs,
        ["t.bib:1:50: `eprint` of `k` is not an arXiv identifier, so it is left out: `nope`"]
    );
    let errs = errors("@article(k, title = {T})");
    assert_eq!(errs.len(), 1);
    let (_, diags) = parse("t.bib", &Arc::from("@article(k, title = {T})"));
    assert!(
        diags[0].hints[0].contains("instead of `@article(key"),
        "{diags:?}"
    );
}

#[test]
fn titles_that_differ_in_symbols_are_different_papers() {
    assert_ne!(title_key("Learning in C++"), title_key("Learning in C#"));
    assert_eq!(
        title_key("Backdoor Learning: A Survey"),
        title_key("backdoor learning -- a survey")
    );
    assert_eq!(title_key("Über Café"), title_key("uber cafe"));
    assert_eq!(title_key("???"), "");
    assert_eq!(title_key("Go"), "");
    // One paper whatever way its subscript is written: Unicode, LaTeX, Crossref's made plain.
    let co2 = title_key("Capture of CO₂ at Scale");
    for other in [
        "Capture of CO$_2$ at Scale",
        "Capture of CO_2 at Scale",
        "Capture of CO2 at Scale",
    ] {
        assert_eq!(title_key(other), co2, "{other}");
    }
    // What the .bib reader makes of `CO$_2$` is the same paper too.
    let (pubs, _) = parse(
        "t.bib",
        &Arc::from("@article{k, title = {Capture of CO$_2$ at Scale}, author = {A, B}}"),
    );
    assert_eq!(title_key(&pubs[0].title), co2, "{}", pubs[0].title);
}

#[test]
fn repeated_fields_and_dangling_crossrefs_are_pointed_out() {
    let (_, diags) = parse(
        "t.bib",
        &Arc::from(
            "@article{k, title = {A}, author = {A, B},\n  title = {B}, crossref = {nowhere}}",
        ),
    );
    let msgs: Vec<String> = diags
        .iter()
        .map(|d| {
            let (l, c) = d.location.as_ref().unwrap().line_col();
            format!("{l}:{c} {}", d.message)
        })
        .collect();
    assert_eq!(
        msgs,
        [
            "2:3 `title` is given twice in `k`; the last one is used",
            "2:28 `k` has `crossref = {nowhere}`, but no entry has that key",
        ]
    );
    assert!(diags.iter().all(|d| !d.is_error()));
}

#[test]
fn the_files_a_profile_names_are_found_without_loading_it() {
    let dir = std::env::temp_dir().join(format!("vita-bib-named-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let profile = dir.join("profile.toml");
    // A profile that does not load (no name, a missing file) still names its files.
    std::fs::write(&profile, "bibliography = [\"a.bib\", \"refs/b.bib\"]\n").unwrap();
    assert_eq!(
        named_files(&profile),
        [dir.join("a.bib"), dir.join("refs/b.bib")]
    );
    std::fs::write(&profile, "\u{feff}bibliography = \"a.bib\"\n[person]\n").unwrap();
    assert_eq!(named_files(&profile), [dir.join("a.bib")]);
    std::fs::write(&profile, "bibliography = [\"a.bib\"\n").unwrap();
    assert!(named_files(&profile).is_empty());
    assert!(named_files(&dir.join("missing.toml")).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn warnings(src: &str) -> Vec<String> {
    let (_, diags) = parse("t.bib", &Arc::from(src));
    diags
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| {
            let (l, c) = d.location.as_ref().unwrap().line_col();
            format!("t.bib:{l}:{c}: {}", d.message)
        })
        .collect()
}

/// `@string{s0 = {xx}}` then `levels` more, each the one before joined with itself.
fn doubling_strings(levels: usize) -> String {
    let mut src = String::from("@string{s0 = {xx}}\n");
    for i in 1..=levels {
        src.push_str(&format!("@string{{s{i} = s{} # s{}}}\n", i - 1, i - 1));
    }
    src
}

#[test]
fn strings_that_double_are_refused_before_they_expand() {
    // s16 would be 128 KiB; s40, a terabyte, is never built.
    let src = doubling_strings(40) + "@article{a, title = {T}, journal = s40}\n";
    assert_eq!(
        errors(&src),
        ["t.bib:17:9: the @string `s16` expands to 128 KiB; vita allows at most 64 KiB"]
    );
    // Strings within the limit, joined in a field past it.
    let src = doubling_strings(15) + "@article{a, title = {T}, journal = s15 # s15}\n";
    assert_eq!(
        errors(&src),
        ["t.bib:17:26: `journal` of `a` expands to 128 KiB; vita allows at most 64 KiB"]
    );
    // Every field within the limit, the file past its own.
    let mut src = doubling_strings(15);
    for i in 0..80 {
        src.push_str(&format!(
            "@article{{a{i}, title = {{T{i}}}, journal = s15}}\n"
        ));
    }
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("t.bib:81:")
            && errs[0]
                .ends_with("make this file's fields more than 4 MiB longer than written, here"),
        "{errs:?}"
    );
    // A chain of strings that do not grow is read to some depth, and refused beyond it
    // (the parser expands it recursively).
    let chain = |n: usize| {
        let mut src = String::from("@string{c0 = {x}}\n");
        for i in 1..=n {
            src.push_str(&format!("@string{{c{i} = c{}}}\n", i - 1));
        }
        src + &format!("@article{{a, title = {{T}}, journal = c{n}}}\n")
    };
    assert_eq!(one(&chain(32)).venue.as_deref(), Some("x"));
    assert_eq!(
        errors(&chain(20_000)),
        ["t.bib:34:9: the @string `c33` is defined through a chain of more than 32 others"]
    );
}

#[test]
fn a_field_too_long_to_print_is_refused() {
    // `~` is one byte written, two printed (a no-break space).
    let src = format!("@article{{a, title = {{{}}}}}\n", "a~".repeat(25_000));
    assert_eq!(
        errors(&src),
        ["t.bib:1:22: `title` of `a` is 73 KiB long; vita prints at most 64 KiB of a field"]
    );
}

#[test]
fn braces_nest_no_deeper_for_an_at_sign_inside_them() {
    let src = format!(
        "@article{{a, title = {{{}x{}}}}}\n",
        "{@".repeat(100),
        "}".repeat(100)
    );
    assert_eq!(
        errors(&src),
        ["t.bib:1:146: braces are nested more than 64 deep here"]
    );
}

#[test]
fn crossref_chains_are_followed_a_little_way() {
    let chain = |n: usize| {
        let mut src = String::new();
        for i in 0..n {
            src.push_str(&format!(
                "@inproceedings{{e{i}, title = {{E{i}}}, crossref = {{e{}}}}}\n",
                i + 1
            ));
        }
        src + &format!(
            "@proceedings{{e{n}, title = {{Proc}}, booktitle = {{Proc}}, year = 2020}}\n"
        )
    };
    let (pubs, diags) = parse("t.bib", &Arc::from(chain(32)));
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
    assert_eq!(pubs.len(), 1);
    assert_eq!(pubs[0].date.unwrap().iso(), "2020");
    assert_eq!(
        errors(&chain(33)),
        ["t.bib:1:16: the entry `e0` inherits through more than 32 `crossref` or `xdata` links"]
    );
    // Each entry's count is found once: 5,000 links are refused at once.
    assert_eq!(errors(&chain(5000)).len(), 1);
    // Shared `xdata` counts every path through it.
    let mut src = String::from("@xdata{d0, publisher = {P}}\n");
    for i in 1..=40 {
        src.push_str(&format!("@xdata{{d{i}, xdata = {{d{0},d{0}}}}}\n", i - 1));
    }
    src.push_str("@book{b, title = {B}, xdata = {d40}}\n");
    assert_eq!(errors(&src).len(), 1);
}

#[test]
fn names_with_an_equals_sign_are_kept() {
    let p = one("@misc{k, title = {T}, author = {{Team A=B} and Li, Yiming}}");
    assert_eq!(p.authors, ["Team A=B", "Yiming Li"]);
    // biblatex's own form still works.
    let p = one("@misc{k, title = {T}, author = {family=Li, given=Yiming}}");
    assert_eq!(p.authors, ["Yiming Li"]);
}

#[test]
fn preambles_and_comments_are_not_entries() {
    let p = one(
        "@preamble{\"\\newcommand{\\x}{y}\" # \"a\"}\n@comment{old: {@article{gone, title = {Gone}}}}\n@article{k, title = {Kept}}\n",
    );
    assert_eq!(p.title, "Kept");
    assert_eq!(
        errors("@comment{ {never closed\n@article{k, title = {K}}\n"),
        ["t.bib:1:1: this `@comment` is not closed"]
    );
}

#[test]
fn scripts_in_math_survive() {
    let title = |t: &str| one(&format!("@misc{{k, title = {{{t}}}}}")).title;
    assert_eq!(title("An $O(n^2)$ Method"), "An O(n²) Method");
    assert_eq!(title("$H_2O$ and $x_{10}$"), "H₂O and x₁₀");
    assert_eq!(
        title("$2^n$ and $x^{-1}$ and $x^{ab}$"),
        "2ⁿ and x⁻¹ and x^ab"
    );
    assert_eq!(title("$\\ell_p$ and $x_{ij}$"), "ℓp and x_ij");
}

#[test]
fn a_lone_dollar_is_an_unclosed_math_dollar() {
    assert_eq!(
        errors("@misc{k,\n  title = {Costs 5$ or $6}, note = {Pay $5}}"),
        ["t.bib:2:41: the math `$` here is not closed"]
    );
}

#[test]
fn a_file_without_entries_is_pointed_out() {
    assert_eq!(
        warnings("root:x:0:0:root:/root:/bin/bash\n"),
        ["t.bib:1:1: `t.bib` has no entries"]
    );
    assert_eq!(warnings(""), ["t.bib:1:1: `t.bib` has no entries"]);
}

#[test]
fn deep_commands_are_refused_however_the_entry_opens() {
    // Found by `cargo fuzz run bib`: a block the scan of blocks did not see (a Unicode space
    // before its brace, or a `"` for a brace, both of which the parser takes) let commands
    // nest until the LaTeX reader overflowed its stack.
    let nested = format!("{}x{}", "\\a{".repeat(3000), "}".repeat(3000));
    for open in ["@article\u{2003}{k, title = {", "@article\"k, title = {"] {
        let errs = errors(&format!("{open}{nested}}}}}\n"));
        assert_eq!(errs.len(), 1, "{open}: {errs:?}");
        assert!(
            errs[0].ends_with("braces are nested more than 64 deep here"),
            "{errs:?}"
        );
    }
}

#[test]
fn a_loop_in_an_entry_whose_key_is_used_twice_is_found() {
    // Found by `cargo fuzz run bib`: the second `d` hid the first one's loop, and the
    // messages about the duplicate key resolved the first alone, for ever.
    let errs = errors("@xdata{d, year = 2019, xdata = {d}}\n@xdata{d, publisher = {P}}\n");
    assert_eq!(
        errs,
        ["t.bib:1:8: the entry `d` refers to itself through `crossref` or `xdata`: d → d"]
    );
}

#[test]
fn addresses_and_identifiers_keep_their_double_hyphens() {
    let (pubs, _) = parse(
        "t.bib",
        &Arc::from(
            "@article{k, title = {A -- B}, author = {A, B}, journal = {J}, year = 2020,\n  doi = {10.1000/a--b}, url = {https://x.org/a--b/50\\%25}}",
        ),
    );
    let p = &pubs[0];
    assert_eq!(p.doi.as_deref(), Some("10.1000/a--b"));
    assert_eq!(p.title, "A – B", "prose still takes its dash");
    let url = p
        .links
        .0
        .iter()
        .map(|(_, u)| u.as_str())
        .collect::<Vec<_>>();
    assert!(url.contains(&"https://x.org/a--b/50%25"), "{url:?}");
}
