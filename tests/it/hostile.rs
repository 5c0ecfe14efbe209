//! Hostile and careless input: paths and patterns that would write outside the output
//! folder, absurd limits, leftovers of killed builds, contact fields typed any way.

use std::fs;

use serde_json::Value;

use crate::support::{Run, fixture, pdf_text, temp_dir};

#[test]
fn file_name_patterns_cannot_leave_the_output_folder() {
    let dir = temp_dir("hostile-patterns");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    for (pattern, says) in [
        ("../{doc}-x.pdf", "is a path, not a file name"),
        ("/tmp/{doc}-vita-test.pdf", "is a path, not a file name"),
        ("", "the file name pattern is empty"),
        ("{DOC}.pdf", "has an unknown placeholder `{DOC}`"),
        ("{doc.pdf", "has a `{` that is not closed"),
    ] {
        // A usage error: exit code 2.
        let run = Run::vita(&["build", "--name", pattern])
            .in_dir(&dir)
            .fails(2);
        assert!(run.stderr.contains(says), "{pattern}: {}", run.stderr);
    }
    let run = Run::vita(&["build", "--name", "{DOC}.pdf"])
        .in_dir(&dir)
        .fails(2);
    assert!(
        run.stderr.contains("hint: did you mean `{doc}`?"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("out").exists());
    assert!(
        !temp_dir("hostile-patterns-parent")
            .join("resume-x.pdf")
            .exists()
    );
    // A document's own `output` is checked where it is written.
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\n[documents.x]\nkind = \"cv\"\noutput = \"../x.pdf\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.starts_with(
            "error: `documents.x.output`: the file name pattern `../x.pdf` is a path, not a file name\n --> profile.toml:5:10"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn timeouts_outside_reason_are_refused() {
    let dir = temp_dir("hostile-timeout");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    for t in ["0", "9999999999999999999"] {
        let run = Run::vita(&["check", "--timeout", t]).in_dir(&dir).fails(2);
        assert!(
            run.stderr.contains("is not in 1..=86400"),
            "{t}: {}",
            run.stderr
        );
    }
    Run::vita(&["check", "--timeout", "86400"])
        .in_dir(&dir)
        .ok();
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_and_a_file_is_no_folder() {
    let dir = temp_dir("hostile-leftovers");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    fs::create_dir_all(dir.join("out")).unwrap();
    // A process id that is not running (beyond the kernel's pid_max of 4194304).
    fs::write(dir.join("out/.cv.pdf.4294967.tmp"), "half a PDF").unwrap();
    Run::vita(&["build"]).in_dir(&dir).ok();
    let mut left: Vec<String> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["cv.pdf", "resume.pdf"]);

    fs::write(dir.join("a-file"), "").unwrap();
    let run = Run::vita(&["build", "--out", "a-file"])
        .in_dir(&dir)
        .fails(2);
    assert!(
        run.stderr
            .starts_with("error: the output folder `a-file` is a file, not a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn contact_fields_make_working_links_however_they_are_typed() {
    let dir = temp_dir("hostile-contacts");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\nphone = \"+86 (755) 1234-5678 ext. 9\"\nscholar = \"a b&c#d\"\n",
    )
    .unwrap();
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let contacts = data["cv"]["person"]["contacts"].as_array().unwrap();
    let url = |kind: &str| contacts.iter().find(|c| c["kind"] == kind).unwrap()["url"].clone();
    assert_eq!(url("phone"), "tel:+8675512345678;ext=9");
    assert_eq!(
        url("scholar"),
        "https://scholar.google.com/citations?user=a%20b%26c%23d"
    );
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\nphone = \"on request\"\n",
    )
    .unwrap();
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(data["cv"]["person"]["contacts"][0]["url"], Value::Null);
}

#[test]
fn broken_layout_files_are_named() {
    let dir = temp_dir("hostile-layout-files");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    fs::create_dir_all(dir.join("lay")).unwrap();
    std::os::unix::fs::symlink("nowhere.typ", dir.join("lay/common.typ")).unwrap();
    let run = Run::vita(&["check", "--layouts", "lay", "--only", "cv"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("common.typ` in the layout folder is a link to a file that does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: delete the link"),
        "{}",
        run.stderr
    );
    fs::remove_file(dir.join("lay/common.typ")).unwrap();
    fs::write(dir.join("lay/cv.typ"), b"#import \"common.typ\": *\n\xe9\n").unwrap();
    let run = Run::vita(&["check", "--layouts", "lay", "--only", "cv"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("lay/cv.typ` is not UTF-8 text: save it as UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_shared_with_a_co_author_bolds_only_the_better_match() {
    let dir = temp_dir("hostile-alias");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Yiming Li\"\naliases = [\"Y. Li\"]\n\n[[publications]]\ntitle = \"Two Lis\"\nauthors = [\"Yiming Li\", \"Y. Li\", \"Bo Wu\"]\nyear = 2022\n",
    )
    .unwrap();
    let run = Run::vita(&["data", "--only", "cv"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains(
            "warning: “Two Lis” lists 2 authors who match your name (Yiming Li, Y. Li); only Yiming Li is set in bold\n --> profile.toml:7:11"
        ),
        "{}",
        run.stderr
    );
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let authors = &data["cv"]["sections"][0]["groups"][0]["entries"][0]["authors"];
    let me: Vec<bool> = (0..3)
        .map(|i| authors[i]["me"].as_bool().unwrap())
        .collect();
    assert_eq!(me, [true, false, false]);
}

/// The worker processes whose working folder is `dir`.
fn workers_in(dir: &std::path::Path) -> usize {
    let dir = dir.canonicalize().unwrap();
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|p| {
            let cmd = fs::read(p.path().join("cmdline")).unwrap_or_default();
            let environ = fs::read(p.path().join("environ")).unwrap_or_default();
            String::from_utf8_lossy(&cmd).contains("vita")
                && String::from_utf8_lossy(&environ).contains("VITA_WORKER_PROTOCOL=1")
                && fs::read_link(p.path().join("cwd")).is_ok_and(|c| c == dir)
        })
        .count()
}

#[test]
fn a_runaway_layout_costs_a_failed_build_not_the_process() {
    let dir = temp_dir("hostile-runaway");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    fs::create_dir_all(dir.join("lay")).unwrap();
    // Memory: an array doubled 100 times.
    fs::write(
        dir.join("lay/cv.typ"),
        "#let a = (1,)\n#let n = 0\n#while n < 100 { a = a + a; n += 1 }\n#a.len()\n",
    )
    .unwrap();
    let run = Run::vita(&["check", "--layouts", "lay", "--only", "cv"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("error: the cv layout stopped the compiler")
            && run.stderr.contains("more than 2 GiB of memory"),
        "{}",
        run.stderr
    );
    // Time: 81 million steps, stopped at the deadline, and nothing left running.
    fs::write(
        dir.join("lay/cv.typ"),
        "#let s = 0\n#for i in range(9000) { for j in range(9000) { s += 1 } }\n#s\n",
    )
    .unwrap();
    let start = std::time::Instant::now();
    let run = Run::vita(&[
        "check",
        "--layouts",
        "lay",
        "--only",
        "cv",
        "--timeout",
        "2",
    ])
    .in_dir(&dir)
    .fails(1);
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert!(
        run.stderr
            .starts_with("error: the cv layout did not finish within 2 s"),
        "{}",
        run.stderr
    );
    assert_eq!(workers_in(&dir), 0);
}

#[test]
fn a_title_with_its_own_stop_gets_no_second_one() {
    let dir = temp_dir("hostile-title-stop");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n\n[[publications]]\ntitle = \"Is Attention All You Need?\"\nauthors = [\"Ada\"]\nvenue = \"Proceedings\"\nyear = 2020\naward = \"Best Paper!\"\n\n[[publications]]\ntitle = \"Plain title\"\nauthors = [\"Ada\"]\nyear = 2019\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let text = crate::support::pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap()).1;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Is Attention All You Need? Proceedings"),
        "{text}"
    );
    assert!(!text.contains("Need?."), "{text}");
    assert!(
        text.contains("Best Paper!") && !text.contains("Best Paper!."),
        "{text}"
    );
    assert!(text.contains("Plain title. 2019."), "{text}");
}

#[test]
fn a_long_place_name_wraps_beside_the_entry_instead_of_squeezing_it() {
    let dir = temp_dir("hostile-long-location");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n[[education]]\ndegree = \"Ph.D. in Computer Science and Engineering\"\ninstitution = \"University of Somewhere\"\nlocation = \"Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch, Anglesey, Wales, United Kingdom\"\nstart = 2019\nend = \"present\"\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    let text = crate::support::pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap()).1;
    // The degree stays on one line: it is not broken a word per line by the place name.
    assert!(
        text.lines()
            .any(|l| l.contains("Ph.D. in Computer Science and Engineering")),
        "{text}"
    );
}

#[test]
fn pdf_a_with_undrawable_characters_is_one_error_that_says_where() {
    let dir = temp_dir("hostile-pdfa-glyphs");
    fs::write(
        dir.join("profile.toml"),
        // Ethiopic and Tamil: scripts no embedded face draws.
        "[person]\nname = \"Ada ሀ ለ ሐ\"\n\n[[news]]\ndate = 2020\ntext = \"க\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv", "--pdf-standard", "a-2b"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .in_dir(&dir)
        .fails(1);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("which PDF/A does not allow: க (U+0B95), ሀ (U+1200), ለ (U+1208), ሐ (U+1210)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: they are in: the header, “News”"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("out/cv.pdf").exists());
}

#[test]
fn reading_is_bounded_by_the_timeout_too() {
    let dir = temp_dir("hostile-read-timeout");
    // Each `@string` doubles the one before: 2^30 characters if expanded.
    let mut bib = String::from("@string{s0 = \"ab\"}\n");
    for i in 1..30 {
        bib.push_str(&format!("@string{{s{i} = s{} # s{}}}\n", i - 1, i - 1));
    }
    bib.push_str("@article{a, title = {T}, author = {Ada}, journal = s29, year = 2020}\n");
    fs::write(dir.join("boom.bib"), bib).unwrap();
    fs::write(
        dir.join("profile.toml"),
        "bibliography = \"boom.bib\"\n[person]\nname = \"Ada\"\n",
    )
    .unwrap();
    let start = std::time::Instant::now();
    let run = Run::vita(&["check", "--timeout", "3"])
        .in_dir(&dir)
        .fails(1);
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn an_unknown_face_is_an_error_at_the_key_that_names_it() {
    let dir = temp_dir("hostile-unknown-font");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n[design]\nfont = [\"Inter\", \"Noto Sans\"]\n[cv]\nfont = \"Noto Serif\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(
            "error: `design.font[1]` names the face `Inter`, which no available font has\n --> profile.toml:4:9"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: `cv.font` names the face `Noto Serif`, which no available font has\n --> profile.toml:6:8"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("system_fonts = true"), "{}", run.stderr);
    // An embedded face, named in any case, is fine.
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\n[cv]\nfont = \"libertinus serif\"\n",
    )
    .unwrap();
    Run::vita(&["check"]).in_dir(&dir).ok();
}

#[test]
fn a_word_longer_than_a_line_wraps_and_text_off_the_page_is_warned_about() {
    let dir = temp_dir("long-word");
    let word = "a".repeat(500);
    let url = format!("https://example.org/{}", "x".repeat(480));
    fs::write(
        dir.join("profile.toml"),
        format!(
            "summary = \"{word}\"\n[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\nhomepage = \"{url}\"\n\
             [[experience]]\nrole = \"{}\"\norganisation = \"O\"\nstart = 2020\n",
            &word[..200]
        ),
    )
    .unwrap();
    // The built-in layouts break such a word anywhere rather than let it run off the page.
    let run = Run::vita(&["build"]).in_dir(&dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    assert!(text.matches('a').count() >= 700, "{text}");
    // A layout that lets text run off the page gets a warning that quotes it.
    fs::create_dir_all(dir.join("layouts")).unwrap();
    fs::write(
        dir.join("layouts/cv.typ"),
        "#let data = json(\"/profile.json\")\n#data.sections.at(0).text\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .ok();
    assert!(
        run.stderr
            .starts_with("warning: the cv has text that runs off the page: page 1: “aaaa"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_document_name_that_is_a_path_is_refused_at_its_key_and_nothing_is_written() {
    let root = temp_dir("hostile-doc-names");
    let dir = root.join("p");
    fs::create_dir_all(&dir).unwrap();
    let minimal = fs::read_to_string(fixture("minimal.toml")).unwrap();
    // A file the old build replaced: it must keep its bytes.
    fs::write(root.join("evil.pdf"), "mine").unwrap();
    for (name, says) in [
        (
            "../evil",
            "the document name `../evil` is a path, not a plain name",
        ),
        ("../../../tmp/evil", "is a path, not a plain name"),
        ("a/b", "the document name `a/b` is a path, not a plain name"),
        ("a\\\\b", "is a path, not a plain name"),
        (".hidden", "is a path, not a plain name"),
        ("x:y", "has the character `:`"),
    ] {
        fs::write(
            dir.join("profile.toml"),
            format!("{minimal}\n[documents.\"{name}\"]\nkind = \"resume\"\nformats = [\"pdf\", \"html\", \"md\"]\n"),
        )
        .unwrap();
        let run = Run::vita(&["build", "--out", "out"]).in_dir(&dir).fails(1);
        assert!(
            run.stderr.starts_with("error: the document name `") && run.stderr.contains(says),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> profile.toml:11:1"),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("hint: a document's name becomes its file's name")
        );
    }
    assert_eq!(fs::read_to_string(root.join("evil.pdf")).unwrap(), "mine");
    assert!(!root.join("evil.html").exists() && !dir.join("out").exists());
    // A plain name in any script builds, into the output folder.
    fs::write(
        dir.join("profile.toml"),
        format!("{minimal}\n[documents.\"简历-short_v2\"]\nkind = \"resume\"\n"),
    )
    .unwrap();
    Run::vita(&["build", "--out", "out"]).in_dir(&dir).ok();
    assert!(dir.join("out/简历-short_v2.pdf").is_file());
}

#[test]
fn the_output_folder_must_be_a_folder_and_devices_are_never_replaced() {
    let dir = temp_dir("hostile-out-device");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    fs::write(dir.join("a-file"), "keep").unwrap();
    for (out, says) in [
        (
            "/dev/null",
            "the output folder `/dev/null` is a device, pipe or socket, not a folder",
        ),
        ("/dev/full", "is a device, pipe or socket, not a folder"),
        (
            "a-file",
            "the output folder `a-file` is a file, not a folder",
        ),
    ] {
        for cmd in ["build", "coa"] {
            // The environment, not the profile: exit 2, as for any unusable `--out`.
            let run = Run::vita(&[cmd, "--out", out]).in_dir(&dir).fails(2);
            assert!(
                run.stderr.starts_with("error: ") && run.stderr.contains(says),
                "{cmd} {out}: {}",
                run.stderr
            );
        }
    }
    assert_eq!(fs::read_to_string(dir.join("a-file")).unwrap(), "keep");
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        for dev in ["/dev/null", "/dev/full"] {
            assert!(
                fs::metadata(dev).unwrap().file_type().is_char_device(),
                "{dev}"
            );
        }
    }
}

#[test]
fn a_photo_bomb_or_a_broken_image_is_an_error_at_person_photo() {
    let dir = temp_dir("hostile-photo");
    let minimal = fs::read_to_string(fixture("minimal.toml")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        minimal.replacen("[person]", "[person]\nphoto = \"me.png\"", 1),
    )
    .unwrap();
    // A 1-bit PNG whose header claims 100000 × 100000 pixels (10 GB decoded).
    let bomb = {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = [0u8; 13];
        ihdr[..4].copy_from_slice(&100_000u32.to_be_bytes());
        ihdr[4..8].copy_from_slice(&100_000u32.to_be_bytes());
        ihdr[8] = 1; // 1 bit a pixel, greyscale
        crate::support::png_chunk(&mut png, b"IHDR", &ihdr);
        crate::support::png_chunk(&mut png, b"IDAT", &[0x78, 0x9c, 0x03, 0x00]);
        crate::support::png_chunk(&mut png, b"IEND", &[]);
        png
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            bomb,
            "the photo `me.png` is 100000 × 100000 pixels, more than 40 megapixels",
        ),
        (vec![], "the photo `me.png` is not a PNG, JPEG or SVG image"),
        (
            vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
            "the photo `me.png` cannot be decoded",
        ),
        (
            b"GIF89a....".to_vec(),
            "the photo `me.png` is not a PNG, JPEG or SVG image",
        ),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file:///etc/passwd\"/></svg>"
                .to_vec(),
            "the photo `me.png` is an SVG that refers to `file:///etc/passwd` outside itself",
        ),
    ];
    for (bytes, says) in cases {
        fs::write(dir.join("me.png"), &bytes).unwrap();
        for cmd in [&["check"][..], &["build", "--format", "png"]] {
            let run = Run::vita(cmd).in_dir(&dir).fails(1);
            assert!(
                run.stderr.starts_with(&format!("error: {says}")),
                "{cmd:?}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains("--> profile.toml:2:9"),
                "{}",
                run.stderr
            );
            assert!(!run.stderr.contains("please report"), "{}", run.stderr);
        }
    }
    assert!(!dir.join("out").exists());
}

#[test]
fn import_reads_with_bounds_and_never_writes_a_profile_that_fails() {
    let dir = temp_dir("hostile-import");
    // A device has no import's name: refused before a byte is read (it once read /dev/zero
    // until memory ran out).
    let run = Run::vita(&["import", "/dev/zero", "-o", "z.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("is neither JSON Resume"),
        "{}",
        run.stderr
    );
    // A pipe named like a JSON file is not a regular file (it once blocked for ever).
    let fifo = dir.join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let run = Run::vita(&["import", "pipe.json", "-o", "p.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("`pipe.json` is not a regular file"),
        "{}",
        run.stderr
    );
    // More than any CV: refused by its size.
    fs::write(dir.join("big.json"), vec![b' '; 5 * 1024 * 1024]).unwrap();
    let run = Run::vita(&["import", "big.json", "-o", "b.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("is larger than 4 MiB"),
        "{}",
        run.stderr
    );
    // A byte-order mark is no reason to refuse a file.
    fs::write(
        dir.join("bom.json"),
        "\u{feff}{\"basics\": {\"name\": \"Ana Lima\", \"email\": \"ana@example.org\"}}",
    )
    .unwrap();
    Run::vita(&["import", "bom.json", "-o", "bom.toml"])
        .in_dir(&dir)
        .ok();
    assert!(
        fs::read_to_string(dir.join("bom.toml"))
            .unwrap()
            .contains("Ana Lima")
    );
    // A 100,000-character key is not printed whole.
    let key = "k".repeat(100_000);
    fs::write(
        dir.join("long.json"),
        format!("{{\"basics\": {{\"name\": \"A B\", \"email\": \"a@b.org\"}}, \"{key}\": 1}}"),
    )
    .unwrap();
    let run = Run::vita(&["import", "long.json", "-o", "long.toml"])
        .in_dir(&dir)
        .ok();
    assert!(run.stderr.len() < 2_000, "{} bytes", run.stderr.len());
    // No name: nothing is written, and the user is told what to fill in.
    fs::write(
        dir.join("noname.json"),
        r#"{"basics": {"name": ""}, "work": [{"position": "Dev"}]}"#,
    )
    .unwrap();
    let run = Run::vita(&["import", "noname.json", "-o", "noname.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("would not pass `vita check`, so `noname.toml` was not written"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the profile has no `person.name`"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("noname.toml").exists());
    // An entry without what vita needs is set aside, and what is written passes `check`.
    fs::write(
        dir.join("partial.json"),
        r#"{"basics": {"name": "A B", "email": "a@b.org"}, "work": [{"position": "Dev"}, {"name": "Acme", "position": "Lead"}]}"#,
    )
    .unwrap();
    let run = Run::vita(&["import", "partial.json"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains(
            "`experience[1].organisation` is empty, so `experience[1]` is written commented out"
        ),
        "{}",
        run.stderr
    );
    let profile = fs::read_to_string(dir.join("profile.toml")).unwrap();
    assert!(profile.contains("# role = \"Dev\""), "{profile}");
    assert!(profile.contains("organisation = \"Acme\""), "{profile}");
    Run::vita(&["check"]).in_dir(&dir).ok();
    // YAML: a key given twice is refused, merge keys merge, tags are read as their values.
    fs::write(dir.join("twice.yaml"), "cv:\n  name: A\n  name: B\n").unwrap();
    let run = Run::vita(&["import", "twice.yaml", "-o", "t.toml"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.contains("duplicate entry with key \"name\""),
        "{}",
        run.stderr
    );
    fs::write(
        dir.join("merge.yaml"),
        "base: &b\n  email: a@b.org\ncv:\n  <<: *b\n  name: !custom A B\n",
    )
    .unwrap();
    Run::vita(&["import", "merge.yaml", "-o", "m.toml"])
        .in_dir(&dir)
        .ok();
    let m = fs::read_to_string(dir.join("m.toml")).unwrap();
    assert!(
        m.contains("email = \"a@b.org\"") && m.contains("name = \"A B\""),
        "{m}"
    );
}

#[test]
fn a_theme_folder_cannot_read_a_file_outside_itself() {
    let dir = temp_dir("hostile-theme-link");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n",
    )
    .unwrap();
    let outside = dir.join("secret.txt");
    fs::write(&outside, "root:x:0:0:the first line of a secret\n").unwrap();
    fs::create_dir_all(dir.join("mytheme")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("mytheme/theme.toml")).unwrap();
    let run = Run::vita(&["check", "--theme", "mytheme"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("is a link to a file outside the folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
}

#[test]
fn a_locale_pattern_with_a_misspelt_placeholder_is_refused_at_its_key() {
    let dir = temp_dir("hostile-locale-pattern");
    let base = "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n\n[locale]\n";
    fs::write(
        dir.join("profile.toml"),
        format!("{base}dates.month_year = \"{{yeer}}/{{month}}\"\n"),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(run.stderr.contains("`locale.dates.month_year` has the placeholder `{yeer}`, which this string does not fill"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> profile.toml:6:20"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `{year}`?"),
        "{}",
        run.stderr
    );
    fs::write(
        dir.join("profile.toml"),
        format!("{base}dates.month_year = \"{{year}}/{{month\"\n"),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("the braces of `locale.dates.month_year` do not balance"),
        "{}",
        run.stderr
    );
    // A list of month names is twelve, not two (every other month would print as a number).
    fs::write(
        dir.join("profile.toml"),
        format!("{base}dates.months_short = \"Jan, Feb\"\n"),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(
            "error: `locale.dates.months_short` names 2 months, not 12\n --> profile.toml:6:22"
        ),
        "{}",
        run.stderr
    );
    fs::write(
        dir.join("profile.toml"),
        format!("{base}dates.month_year = \"{{mm}}/{{year}}\"\n"),
    )
    .unwrap();
    Run::vita(&["check"]).in_dir(&dir).ok();
}

#[test]
fn a_letter_in_another_language_prints_its_translated_text() {
    let dir = temp_dir("letter-translated");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n\n[documents.anschreiben]\nkind = \"letter\"\nlang = \"de\"\nsubject = { en = \"Application\", de = \"Bewerbung\" }\nparagraphs = [{ en = \"I apply.\", de = \"Ich bewerbe mich.\" }]\n",
    )
    .unwrap();
    Run::vita(&["build", "--only", "anschreiben"])
        .in_dir(&dir)
        .ok();
    let (_, text) = pdf_text(&fs::read(dir.join("out/anschreiben.pdf")).unwrap());
    assert!(
        text.contains("Bewerbung") && text.contains("Ich bewerbe mich."),
        "{text}"
    );
    assert!(
        !text.contains("Application") && !text.contains("I apply."),
        "{text}"
    );
}

#[test]
fn a_locale_string_of_the_wrong_type_says_what_is_wanted() {
    let dir = temp_dir("hostile-locale-type");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A B\"\nemail = \"a@b.org\"\n[locale]\n\"dates.present\" = 5\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("expected text, such as `\"dates.present\" = \"now\"`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("untagged enum"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> profile.toml:5:19"),
        "{}",
        run.stderr
    );
}

/// A profile of `n` jobs, each with one bullet (as an import of a long JSON Resume makes).
fn many_jobs(n: usize) -> String {
    let mut text = String::from("[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n");
    for i in 0..n {
        text += &format!(
            "[[experience]]\nrole = \"Engineer {i}\"\norganisation = \"Org {i}\"\nstart = \"{}-01\"\nhighlights = [\"Did thing {i}\"]\n",
            1950 + i % 70
        );
    }
    text
}

#[test]
fn a_resume_far_past_its_page_is_cut_before_it_is_laid_out() {
    let dir = temp_dir("hostile-scale-resume");
    fs::write(dir.join("profile.toml"), many_jobs(3_000)).unwrap();
    let run = Run::vita(&["build", "--only", "resume"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains(
            "warning: the resume would take about 9002 lines, far more than the 1 page a resume has by convention: only its first 100 lines are laid out, the rest is left out"
        ),
        "{}",
        run.stderr
    );
    // Said once: no second warning that it runs onto page 2.
    assert!(!run.stderr.contains("runs onto page"), "{}", run.stderr);
    let (pages, text) = pdf_text(&fs::read(dir.join("out/resume.pdf")).unwrap());
    assert!(pages <= 3, "{pages} pages");
    // 100 lines: the header (2) and 32 jobs of three lines each (role, organisation, bullet).
    assert_eq!(text.matches("Engineer ").count(), 32, "{text}");
    // Pages allowed by `max_pages` that could never hold it: an error, nothing laid out.
    fs::write(
        dir.join("profile.toml"),
        many_jobs(3_000) + "[resume]\nmax_pages = 2\nfit = true\n",
    )
    .unwrap();
    let before = fs::read(dir.join("out/resume.pdf")).unwrap();
    let run = Run::vita(&["build", "--only", "resume"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr.starts_with(
            "error: the resume would take about 9002 lines; 2 pages hold 200 at the most\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: choose what it shows"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(dir.join("out/resume.pdf")).unwrap(), before);
}

#[test]
fn a_document_past_what_vita_lays_out_is_refused_before_layout() {
    let dir = temp_dir("hostile-scale-cv");
    let mut text = String::from("[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n");
    for i in 0..10_001 {
        text += &format!("[[awards]]\ntitle = \"A{i}\"\n");
    }
    fs::write(dir.join("profile.toml"), text).unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(
            "error: the cv would take about 10003 lines, more than vita lays out in one document (10000, some 250 pages)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`limit = { awards = 100 }`"),
        "{}",
        run.stderr
    );
}

#[test]
fn texts_no_document_could_print_are_refused_at_their_place() {
    let dir = temp_dir("hostile-texts");
    let person = "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n";
    for (extra, says) in [
        (
            format!("[[awards]]\ntitle = \"a{}\"\n", "\u{301}".repeat(30_000)),
            "error: this text has a letter with 30000 accents or other marks stacked on it; vita takes at most 16\n --> profile.toml:5:10",
        ),
        (
            format!("[[awards]]\ntitle = \"{}\"\n", "x".repeat(25_000)),
            "error: `awards[1].title` is 25000 characters long; one text may have at most 20000 (about eight pages)\n --> profile.toml:5:9",
        ),
        (
            format!(
                "[person.links]\n{}",
                (0..30)
                    .map(|i| format!("l{i} = \"https://e.org/{i}\"\n"))
                    .collect::<String>()
            ),
            "error: `person.links` has 30 links; the header has room for at most 20",
        ),
        (
            "[documents.d]\nkind = { en = \"cv\", de = \"letter\" }\n".to_string(),
            "error: `documents.d.kind` is the same in every language: it cannot be a table of languages\n --> profile.toml:5:8",
        ),
        (
            "[design]\ntheme = { en = \"classic\", de = \"./nowhere\" }\n".to_string(),
            "error: `design.theme` is the same in every language",
        ),
    ] {
        fs::write(dir.join("profile.toml"), format!("{person}{extra}")).unwrap();
        let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
        assert!(run.stderr.contains(says), "{says}\n{}", run.stderr);
    }
    let long_name = format!("[person]\nname = \"{}\"\n", "N".repeat(300));
    fs::write(dir.join("profile.toml"), long_name).unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains("`person.name` is 300 characters long; it is printed on every page and may have at most 200"),
        "{}",
        run.stderr
    );
    // In a .bib file too, at its line.
    fs::write(
        dir.join("profile.toml"),
        format!("bibliography = [\"x.bib\"]\n{person}"),
    )
    .unwrap();
    fs::write(
        dir.join("x.bib"),
        format!(
            "@article{{k,\n  title = {{a{}}},\n  author = {{Ada}}, year = 2020\n}}\n",
            "\u{308}".repeat(500)
        ),
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `x.bib` has a letter with 500 accents or other marks stacked on it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("x.bib:2:12"), "{}", run.stderr);
}

#[test]
fn thousands_of_unknown_tags_are_one_warning_after_the_first_few() {
    let dir = temp_dir("hostile-tags");
    let tags: Vec<String> = (0..3_000).map(|i| format!("\"u{i}\"")).collect();
    fs::write(
        dir.join("profile.toml"),
        format!(
            "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[[awards]]\ntitle = \"A\"\ntags = [\"topic\"]\n[documents.d]\nkind = \"cv\"\ninclude_tags = [\"topc\", {}]\n",
            tags.join(", ")
        ),
    )
    .unwrap();
    let run = Run::vita(&["check", "--only", "d"]).in_dir(&dir).ok();
    assert!(
        run.stderr.contains("hint: did you mean `topic`?"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning:").count(), 9, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`[documents.d].include_tags` names 2993 more tags that no entry has"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_entry_breaks_across_pages_and_nothing_is_lost() {
    let dir = temp_dir("hostile-long-entry");
    let words: String = (0..1_800).map(|i| format!("w{i} ")).collect();
    fs::write(
        dir.join("profile.toml"),
        format!(
            "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2020\nhighlights = [\"{words}THE-END\"]\n"
        ),
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    assert!(!run.stderr.contains("runs off the page"), "{}", run.stderr);
    let (pages, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    assert!(pages >= 2, "{pages}");
    assert!(text.contains("THE-END"), "{text}");
}
