//! `vita coa`: the NSF Collaborators and Other Affiliations list from a fixture profile and
//! .bib, its 48-month window, spellings grouped by the own-name rules, and its files.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{Run, fixture, temp_dir};

/// A scratch copy of the fixture, to run `vita coa` in.
fn setup(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    for f in ["profile.toml", "coa.bib"] {
        fs::copy(fixture("coa").join(f), dir.join(f)).unwrap();
    }
    dir
}

fn csv(dir: &Path) -> String {
    fs::read_to_string(dir.join("out/coa.csv")).unwrap()
}

/// The names of Table 4, as the CSV lists them.
fn names(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let rest = l.split_once(',').unwrap().1;
            rest.strip_prefix('"').map_or_else(
                || rest.split(',').next().unwrap().to_string(),
                |r| r.split_once('"').unwrap().0.to_string(),
            )
        })
        .collect()
}

#[test]
fn lists_the_coauthors_of_the_48_months() {
    let dir = setup("coa-list");
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    assert!(
        out.stdout
            .contains("11 people from 2022-01-15 to 2026-01-15"),
        "{}",
        out.stdout
    );
    let expected = "Type,Name,Organizational Affiliation,\"Optional (email, Department)\",Last Active\r\n\
A:,\"Edge, Ada\",,,2022-01-15\r\n\
A:,\"Later, Lena\",,,2026-06\r\n\
A:,\"Li, Yuezun\",,,2023-10\r\n\
A:,\"Li, Z.\",,,2024\r\n\
A:,\"Li, Zhen\",,,2024\r\n\
A:,\"Li, Zhifeng\",,,2024\r\n\
A:,\"Lyu, Siwei\",,,2025\r\n\
A:,\"Report, Rita\",,,2023-07\r\n\
C:,\"Roe, Jane\",MIT,,2025-02\r\n\
A:,\"Wu, Baoyuan\",\"The Chinese University of Hong Kong, Shenzhen\",,2024-03-02\r\n\
A:,\"Xia, Shu-Tao\",Tsinghua University,\"Shenzhen International Graduate School, xiast@sz.tsinghua.edu.cn\",2024-03-02\r\n";
    assert_eq!(csv(&dir), expected);
}

#[test]
fn the_window_edges_are_to_the_day() {
    let dir = setup("coa-edges");
    Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    let listed = names(&csv(&dir));
    // 2022-01-15 is the window's first day; 2022-01-14 the day before.
    assert!(listed.contains(&"Edge, Ada".to_string()), "{listed:?}");
    assert!(!listed.iter().any(|n| n.contains("Outside")), "{listed:?}");
    // A day later, the paper of 2022-01-15 is out of the window too.
    Run::vita(&["coa", "--as-of", "2026-01-16"])
        .in_dir(&dir)
        .ok();
    let listed = names(&csv(&dir));
    assert!(!listed.contains(&"Edge, Ada".to_string()), "{listed:?}");
    // Shu-Tao Xia stays, by a later paper under another spelling.
    assert!(listed.contains(&"Xia, Shu-Tao".to_string()), "{listed:?}");
}

#[test]
fn own_name_is_left_out_and_a_same_initial_coauthor_kept() {
    let dir = setup("coa-names");
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    let listed = names(&csv(&dir));
    // "Li, Yiming" and "Li, Y." (the person's alias) are the person.
    assert!(
        !listed.iter().any(|n| n == "Li, Yiming" || n == "Li, Y."),
        "{listed:?}"
    );
    // Yuezun Li shares the initial and the family name, and is someone else.
    assert!(listed.contains(&"Li, Yuezun".to_string()), "{listed:?}");
    // "Lyu, S." can only be Siwei Lyu: one row, active in 2025 (the S. Lyu paper).
    assert_eq!(listed.iter().filter(|n| n.contains("Lyu")).count(), 1);
    // "Li, Z." may be Zhifeng Li or Zhen Li: kept as written, with a warning.
    assert!(listed.contains(&"Li, Z.".to_string()), "{listed:?}");
    assert!(
        out.stderr.contains(
            "warning: `Z. Li` in the COA list may be Zhifeng Li or Zhen Li; it is listed as written"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("`\"Zhifeng Li\" = { aliases = [\"Z. Li\"] }`"),
        "{}",
        out.stderr
    );
}

#[test]
fn warns_once_about_missing_organisations() {
    let dir = setup("coa-missing");
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("no organisation"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stderr);
    assert!(
        warnings[0].contains(
            "8 people in the COA list have no organisation: Edge, Ada; Later, Lena; Li, Yuezun; Li, Z.; Li, Zhen; Li, Zhifeng; Lyu, Siwei; Report, Rita"
        ),
        "{}",
        out.stderr
    );
    // It points at the `[collaborators]` table, with a hint how to add one.
    assert!(out.stderr.contains("profile.toml:20:"), "{}", out.stderr);
    assert!(out.stderr.contains("hint: add each to `[collaborators]` in the profile: `\"Edge, Ada\" = \"their organisation\"`"), "{}", out.stderr);
    // The work without a date is named.
    assert!(
        out.stderr
            .contains("leaves out 1 work with no date: “A Talk Without a Date”"),
        "{}",
        out.stderr
    );
}

#[test]
fn same_input_same_bytes() {
    let dir = setup("coa-same");
    Run::vita(&["coa", "--as-of", "2026-01-15", "--out", "a"])
        .in_dir(&dir)
        .ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    Run::vita(&["coa", "--as-of", "2026-01-15", "--out", "b"])
        .in_dir(&dir)
        .ok();
    for f in ["coa.csv", "coa.xlsx"] {
        let a = fs::read(dir.join("a").join(f)).unwrap();
        let b = fs::read(dir.join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
    // The workbook is dated by the reference date, not the clock.
    let core = zip_entry(&dir.join("a/coa.xlsx"), "docProps/core.xml");
    assert!(core.contains("2026-01-15T00:00:00Z"), "{core}");
}

#[test]
fn the_workbook_has_nsfs_tables() {
    let dir = setup("coa-xlsx");
    Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    let strings = zip_entry(&dir.join("out/coa.xlsx"), "xl/sharedStrings.xml");
    // The template's own headings and column names, so rows can be copied across.
    for s in [
        "Table 1: List your last name, first name, middle initial, and organizational affiliation",
        "Table 2: List names as last name",
        "G: The individual's Ph.D. advisors; and",
        "A: Co-authors on any book, article, report, abstract or paper with collaboration in the last 48 months (publication date may be later); and",
        "C: Collaborators on projects",
        "E: Other co-Editors",
        "Your Organizational Affiliation(s), last 12 mo",
        "Organizational Affiliation",
        "Optional  (email, Department)",
        "To disambiguate common names",
        "Last Active",
        "Li, Yuezun",
        "Li, Yiming",
        "The Chinese University of Hong Kong, Shenzhen",
        "03/02/2024",
        "10/2023",
    ] {
        assert!(strings.contains(s), "missing {s:?} in {strings}");
    }
    let book = zip_entry(&dir.join("out/coa.xlsx"), "xl/workbook.xml");
    assert!(book.contains("name=\"NSF COA Template\""), "{book}");
}

#[test]
fn needs_a_reference_date_but_never_the_clock() {
    let dir = setup("coa-date");
    let out = Run::vita(&["coa"]).in_dir(&dir).fails(1);
    assert!(
        out.stderr
            .contains("`vita coa` needs a date to count the 48 months back from"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("out").exists());
    // SOURCE_DATE_EPOCH: 2026-01-15 00:00 UTC.
    Run::vita(&["coa"])
        .env("SOURCE_DATE_EPOCH", "1768435200")
        .in_dir(&dir)
        .ok();
    let by_epoch = csv(&dir);
    Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    assert_eq!(by_epoch, csv(&dir));
    // The profile's `updated` comes before SOURCE_DATE_EPOCH.
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        format!("updated = 2022-06-01\n{text}"),
    )
    .unwrap();
    let out = Run::vita(&["coa"])
        .env("SOURCE_DATE_EPOCH", "1768435200")
        .in_dir(&dir)
        .ok();
    assert!(
        out.stdout.contains("from 2018-06-01 to 2022-06-01"),
        "{}",
        out.stdout
    );
    // A malformed date is refused.
    let out = Run::vita(&["coa", "--as-of", "2026-13-01"])
        .in_dir(&dir)
        .fails(2);
    assert!(
        out.stderr.contains("month 13 does not exist"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_collaborators_entry_is_located() {
    let dir = setup("coa-bad");
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    let text = text.replace(
        "\"Jane Roe\" = { organisation = \"MIT\"",
        "\"Jane Roe\" = { organisaton = \"MIT\"",
    );
    fs::write(dir.join("profile.toml"), &text).unwrap();
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .fails(1);
    assert!(out.stderr.contains("profile.toml:23:"), "{}", out.stderr);
    assert!(out.stderr.contains("organisaton"), "{}", out.stderr);
    assert!(
        out.stderr.contains("did you mean `organisation`?"),
        "{}",
        out.stderr
    );
    assert!(!dir.join("out").exists());

    // One person twice, and an e-mail address that is not one.
    let text = fs::read_to_string(fixture("coa").join("profile.toml")).unwrap()
        + "\"Wu, Baoyuan\" = { organisation = \"CUHK\", email = \"not-an-address\" }\n";
    fs::write(dir.join("profile.toml"), &text).unwrap();
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        out.stderr.contains(
            "`Wu, Baoyuan` is listed twice in `[collaborators]` (also under `Baoyuan Wu`)"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("profile.toml:25:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("is not one: `not-an-address`"),
        "{}",
        out.stderr
    );
}

/// One file of a zip archive (an .xlsx), as text.
fn zip_entry(path: &Path, name: &str) -> String {
    let file = fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn collaborators_settle_spellings_and_typos_are_caught() {
    let dir = setup("coa-aliases");
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap()
        + "\"Zhifeng Li\" = { organisation = \"Tencent\", aliases = [\"Z. Li\"] }\n\
           \"Siwei Lyv\" = \"University at Buffalo\"\n\
           \"Y. Li\" = \"Tsinghua University\"\n";
    fs::write(dir.join("profile.toml"), &text).unwrap();
    let out = Run::vita(&["coa", "--as-of", "2026-01-15"])
        .in_dir(&dir)
        .ok();
    let listed = names(&csv(&dir));
    // `Z. Li` is Zhifeng Li, as the alias says: one row, no warning.
    assert!(!listed.contains(&"Li, Z.".to_string()), "{listed:?}");
    assert!(
        csv(&dir).contains("A:,\"Li, Zhifeng\",Tencent,,2024\r\n"),
        "{}",
        csv(&dir)
    );
    assert!(!out.stderr.contains("may be"), "{}", out.stderr);
    // A misspelt name is caught, with the spelling the author lists use.
    assert!(
        out.stderr.contains(
            "warning: `Siwei Lyv` in `[collaborators]` is not an author of any of your works"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: did you mean `Siwei Lyu`?"),
        "{}",
        out.stderr
    );
    // The person's own alias is never a collaborator.
    assert!(
        out.stderr
            .contains("`Y. Li` in `[collaborators]` matches your own name"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("profile.toml:27:"), "{}", out.stderr);
}
