//! What a user sees: the binary run on the example profile and on small fixtures.

use std::fs;

use crate::support::{Run, fixture, page_size, pdf_text, repo, temp_dir};

#[test]
fn example_builds_both_documents_with_all_the_seed() {
    let dir = temp_dir("example");
    let run = Run::vita(&["build", "profile.toml", "--out"])
        .arg(dir.join("out"))
        .in_dir(repo())
        .ok();
    assert!(run.stdout.contains("resume.pdf  "), "{}", run.stdout);
    assert!(run.stdout.contains("cv.pdf  "), "{}", run.stdout);

    let resume = fs::read(dir.join("out/resume.pdf")).unwrap();
    let cv = fs::read(dir.join("out/cv.pdf")).unwrap();
    let (resume_pages, resume_text) = pdf_text(&resume);
    let (cv_pages, cv_text) = pdf_text(&cv);
    assert!(
        (1..=2).contains(&resume_pages),
        "resume has {resume_pages} pages"
    );
    assert!(
        cv_pages > resume_pages,
        "cv {cv_pages} pages, resume {resume_pages}"
    );

    let squash = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
    let cv_squashed = squash(&cv_text);
    for needle in [
        "Yiming Li",
        "李一鸣",
        "一种图像识别模型的训练方法、图像识别的方法及装置",
        "图像分类模型后门攻击的防御方法、装置、设备及介质",
        "CN202010182180.5",
        "The ATT&CK Matrix of AI Security",
        "Backdoor Learning",
        "Adversarial Learning and Robust Machine Learning",
        "Data Privacy",
        "Other Topics",
        "TechBeat",
        "Somayeh Sojoudi",
        "Weifeng Qiu",
        "Rhino-bird",
        "Outstanding Graduate of Zhejiang Province",
        "Secretary of Master’s Thesis Committee",
        "Lifeng Xi",
        "senior pc member of aaai 2022",
        "equal contribution",
        "last updated September 30, 2021",
    ] {
        // Lines break anywhere in Chinese text, so compare without white space.
        assert!(
            cv_squashed.contains(&squash(needle)),
            "cv lacks {needle:?}\n{cv_text}"
        );
    }
    // The resume is a selection: the OPPO internship is kept out of it, the CV has it.
    assert!(!resume_text.contains("OPPO"));
    assert!(cv_text.contains("OPPO"));
    assert!(resume_text.contains("Invisible Backdoor Attack"));
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = temp_dir("determinism");
    for out in ["a", "b"] {
        Run::vita(&["build", "profile.toml", "--out"])
            .arg(dir.join(out))
            .in_dir(repo())
            .ok();
    }
    for name in ["resume.pdf", "cv.pdf"] {
        let a = fs::read(dir.join("a").join(name)).unwrap();
        let b = fs::read(dir.join("b").join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
    }
}

#[test]
fn user_text_prints_literally() {
    let dir = temp_dir("literal");
    Run::vita(&["build"])
        .arg(fixture("literal.toml"))
        .arg("--out")
        .arg(&dir)
        .ok();
    for doc in ["resume.pdf", "cv.pdf"] {
        let (_, text) = pdf_text(&fs::read(dir.join(doc)).unwrap());
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "C# $5 50% a_b <tag> @name #1",
            "#read(\"/etc/passwd\")",
            "#let x = 1",
            "$x^2$",
            "*bold* _under_ ] [ \\ `raw` <lbl> @ref",
        ] {
            assert!(text.contains(needle), "{doc} lacks {needle:?}:\n{text}");
        }
        assert!(!text.contains("root:"), "a layout read /etc/passwd");
    }
}

#[test]
fn broken_profile_fails_with_location_and_keeps_old_pdfs() {
    let dir = temp_dir("broken");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    Run::vita(&["build"]).in_dir(&dir).ok();
    let before = fs::read(dir.join("out/cv.pdf")).unwrap();

    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada Lovelace\"\n\n[[education]]\ndegree = \"B.A.\"\ninstitution = \"X\"\nstart = \"2021-13\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("error: `education[1].start`: month 13 does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> profile.toml:7:9"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(dir.join("out/cv.pdf")).unwrap(),
        before,
        "the old PDF was touched"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn typo_in_a_key_suggests_the_right_one() {
    let dir = temp_dir("typo");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[[publications]]\ntitle = \"x\"\nathors = [\"Ada\"]\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert_eq!(
        run.stderr,
        "error: unknown key `athors` in `publications[1]`\n --> profile.toml:6:1\n  |\n6 | athors = [\"Ada\"]\n  | ^^^^^^\nhint: did you mean `authors`?\n"
    );
}

#[test]
fn every_validation_problem_is_reported_at_once() {
    let dir = temp_dir("many");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nemail = \"not-an-email\"\n\n[resume]\nsections = [\"publicatons\"]\n\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2021\nend = 2019\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.contains(
            "error: `person.email` is not an e-mail address: `not-an-email`\n --> profile.toml:3:9"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: `[resume]` names a section that does not exist: `publicatons`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: did you mean `publications`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: `experience[1]` ends (2019) before it starts (2021)\n  --> profile.toml:12:7"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_profile_is_a_user_error() {
    let dir = temp_dir("missing");
    let run = Run::vita(&["build"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .starts_with("error: profile `profile.toml` does not exist\nhint: "),
        "{}",
        run.stderr
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn check_prints_page_counts_and_writes_nothing() {
    let dir = temp_dir("check");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).ok();
    assert_eq!(run.stdout, "ok resume: 1 page\nok cv: 1 page\n");
    assert!(!dir.join("out").exists());
}

#[test]
fn us_letter_is_an_option() {
    let dir = temp_dir("letter");
    Run::vita(&["build", "--only", "resume", "--paper", "us-letter", "--out"])
        .arg(&dir)
        .arg(fixture("minimal.toml"))
        .ok();
    let pdf = fs::read(dir.join("resume.pdf")).unwrap();
    assert_eq!(page_size(&pdf), (612.0, 792.0), "not US Letter");
    assert!(!dir.join("cv.pdf").exists());
}

#[test]
fn json_diagnostics_for_editors() {
    let dir = temp_dir("json");
    fs::write(dir.join("profile.toml"), "[person]\nnaem = \"Ada\"\n").unwrap();
    let run = Run::vita(&["check", "--message-format", "json"])
        .in_dir(&dir)
        .fails(1);
    let v: serde_json::Value = serde_json::from_str(run.stderr.lines().next().unwrap()).unwrap();
    assert_eq!(v["file"], "profile.toml");
    assert_eq!(v["line"], 2);
    assert_eq!(v["column"], 1);
    assert_eq!(v["message"], "unknown key `naem` in `person`");
    assert_eq!(v["hints"][0], "did you mean `name`?");
}

/// A layout folder holding the built-in layouts with `cv.typ` replaced by `cv`.
fn layout_dir(name: &str, cv: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    Run::vita(&["layouts"]).arg(dir.join("layouts")).ok();
    fs::write(dir.join("layouts/cv.typ"), cv).unwrap();
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    dir
}

#[test]
fn layout_errors_point_at_the_users_file() {
    let dir = layout_dir(
        "layout-error",
        "#import \"common.typ\": *\n\n#let data = json(\"/profile.json\")\n#data.nope\n",
    );
    let run = Run::vita(&["check", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .fails(1);
    let real = dir.join("layouts/cv.typ").canonicalize().unwrap();
    assert!(
        run.stderr
            .starts_with("error: dictionary does not contain key \"nope\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("--> {}:4:7", real.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn builtin_layout_errors_name_the_builtin_file() {
    // A broken common.typ in the user's folder, used by the built-in cv.typ through an import.
    let dir = layout_dir("builtin-name", "#import \"common.typ\": *\n#let x = (1 +\n");
    let run = Run::vita(&["check", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .fails(1);
    assert!(run.stderr.contains("cv.typ:2:"), "{}", run.stderr);
    // Without a layout folder, a layout file is named as the built-in one.
    let world = vita::render::world::VitaWorld::new(
        "/cv.typ",
        vec![],
        None,
        vita::render::fonts::store(false),
        None,
    );
    assert_eq!(
        world.display_path(vita::render::world::file_id("/cv.typ").unwrap()),
        "<builtin>/layouts/cv.typ"
    );
}

#[test]
fn layouts_cannot_read_outside_their_folder() {
    for (case, body) in [
        ("absolute", "#read(\"/etc/passwd\")"),
        ("parent", "#read(\"../../secret.txt\")"),
        ("image", "#image(\"/etc/hostname\")"),
        ("symlink", "#read(\"link.txt\")"),
    ] {
        let dir = layout_dir(&format!("sandbox-{case}"), body);
        fs::write(dir.join("secret.txt"), "root:x:0:0").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("layouts/link.txt")).unwrap();
        let run = Run::vita(&["build", "--only", "cv", "--layouts", "layouts"])
            .in_dir(&dir)
            .fails(1);
        assert!(run.stderr.contains("cv.typ:1:"), "{case}: {}", run.stderr);
        assert!(
            !run.stderr.contains("root:"),
            "{case} leaked: {}",
            run.stderr
        );
        assert!(!dir.join("out/cv.pdf").exists(), "{case}");
        if case == "symlink" {
            assert!(
                run.stderr.contains("is outside the layout folder"),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn package_imports_fail_offline() {
    let dir = layout_dir("package", "#import \"@preview/example:0.1.0\": *\n");
    let run = Run::vita(&["check", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .fails(1);
    assert!(
        run.stderr
            .contains("vita works offline and cannot import packages"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_layout_that_never_finishes_is_stopped() {
    let dir = layout_dir(
        "endless",
        "#for i in range(10000) { for j in range(10000) { for k in range(10000) { } } }\n",
    );
    let started = std::time::Instant::now();
    let run = Run::vita(&[
        "build",
        "--only",
        "cv",
        "--layouts",
        "layouts",
        "--timeout",
        "1",
    ])
    .in_dir(&dir)
    .fails(1);
    assert!(started.elapsed().as_secs() < 30);
    assert_eq!(
        run.stderr,
        "error: the cv layout did not finish within 1 s\nhint: look for a loop that never ends in the layout, or allow more time with `--timeout SECONDS`\n"
    );
}

#[test]
fn all_schema_and_validation_errors_in_one_run() {
    let dir = temp_dir("all-errors");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada\"\nemial = \"x\"\n\n[[talks]]\ntitle = \"T\"\ndate = \"2021-02-30\"\n\n[[awards]]\ntitle = \"\"\n",
    )
    .unwrap();
    let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
    let firsts: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        firsts,
        [
            "error: unknown key `emial` in `person`",
            "error: `talks[1].date`: day 30 does not exist in February 2021: it has 28 days",
            "error: `awards[1].title` is empty",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn warnings_do_not_stop_the_build() {
    let dir = temp_dir("warnings");
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"Ada Lovelace\"\n\n[cv]\nsections = [\"publications\", \"talks\"]\n\n[[publications]]\ntitle = \"Notes\"\nauthors = [\"L. F. Menabrea\"]\nyear = 1843\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "cv"]).in_dir(&dir).ok();
    assert!(dir.join("out/cv.pdf").exists());
    assert!(
        run.stderr.contains("warning: `publications[1]` (\"Notes\") does not list `Ada Lovelace` among its authors\n --> profile.toml:9:11"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: `[cv]` lists the section `talks`, but the profile has nothing in it"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn odd_inputs_get_clear_messages() {
    let dir = temp_dir("odd");
    fs::create_dir(dir.join("folder.toml")).unwrap();
    // A folder is a batch of the profiles in it, for `check` as for `build`.
    let run = Run::vita(&["check", "folder.toml"]).in_dir(&dir).fails(1);
    assert_eq!(
        run.stderr,
        "error: the folder `folder.toml` has no .toml profiles\nhint: name profile files, or a folder that holds them: `vita build people/`\n"
    );

    fs::write(dir.join("latin1.toml"), b"[person]\nname = \"Andr\xe9\"\n").unwrap();
    let run = Run::vita(&["check", "latin1.toml"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .starts_with("error: the profile is not valid UTF-8 text\n --> latin1.toml:2:13\n"),
        "{}",
        run.stderr
    );

    let big = vec![b'#'; 17 * 1024 * 1024];
    fs::write(dir.join("big.toml"), big).unwrap();
    let run = Run::vita(&["check", "big.toml"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr.starts_with(
            "error: profile `big.toml` is 17 MiB; vita reads profiles of at most 16 MiB\n"
        ),
        "{}",
        run.stderr
    );

    let run = Run::vita(&["build", "--only", "cvv"]).in_dir(&dir).fails(1);
    assert!(
        run.stderr
            .contains("invalid value 'cvv' for '--only <ONLY>'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[possible values: resume, cv]"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unwritable_output_is_exit_code_2() {
    let dir = temp_dir("unwritable");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    fs::write(dir.join("out"), "a file where the folder should be").unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(2);
    assert!(
        run.stderr
            .starts_with("error: the output folder `out` is a file, not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.join("out")).unwrap(),
        "a file where the folder should be"
    );
}

#[test]
fn ten_thousand_entries_work_and_ten_thousand_mistakes_are_summarised() {
    let dir = temp_dir("many-entries");
    let mut good = String::from(
        "[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n[cv]\nsections = [\"news\"]\n",
    );
    let mut bad = good.clone();
    for i in 0..10_000 {
        good.push_str(&format!(
            "[[news]]\ndate = \"2021-09\"\ntext = \"item {i}\"\n"
        ));
        bad.push_str(&format!(
            "[[news]]\ndate = \"2021-09\"\ntext = \"\"\n# {i}\n"
        ));
    }
    fs::write(dir.join("good.toml"), good).unwrap();
    fs::write(dir.join("bad.toml"), bad).unwrap();
    let run = Run::vita(&["data", "good.toml", "--only", "cv"])
        .in_dir(&dir)
        .ok();
    assert!(run.stdout.contains("item 9999"));
    let run = Run::vita(&["check", "bad.toml"]).in_dir(&dir).fails(1);
    assert_eq!(
        run.stderr.matches("error: `news[").count(),
        100,
        "{}",
        &run.stderr[..500]
    );
    assert!(
        run.stderr
            .ends_with("... and 9900 more (10000 errors in all); fix these and run again\n")
    );
}

#[test]
fn a_failed_write_replaces_no_pdf() {
    let dir = temp_dir("failed-write");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    Run::vita(&["build"]).in_dir(&dir).ok();
    let before = fs::read(dir.join("out/resume.pdf")).unwrap();
    fs::remove_file(dir.join("out/cv.pdf")).unwrap();
    fs::create_dir(dir.join("out/cv.pdf")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        fs::read_to_string(fixture("minimal.toml"))
            .unwrap()
            .replace("Ada", "Ava"),
    )
    .unwrap();
    let run = Run::vita(&["build"]).in_dir(&dir).fails(2);
    assert_eq!(
        run.stderr,
        "error: cannot write `out/cv.pdf`: a folder of that name is in the way\nhint: move or rename the folder, or write elsewhere with `--out DIR`\n"
    );
    assert_eq!(
        fs::read(dir.join("out/resume.pdf")).unwrap(),
        before,
        "resume.pdf was replaced"
    );
    let names: Vec<_> = fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "temporary files left: {names:?}");
}

#[test]
fn devices_are_not_read_as_profiles() {
    let run = Run::vita(&["check", "/dev/zero"]).fails(1);
    assert_eq!(
        run.stderr,
        "error: profile `/dev/zero` is not a regular file\nhint: name a TOML file; devices, pipes and sockets are not read\n"
    );
}

#[test]
fn one_mistake_one_message_in_the_profiles_words() {
    let dir = temp_dir("one-mistake");
    let cases = [
        (
            "[person]\nname = \"A\"\n[[education]]\ndegre = \"B.A.\"\ninstitution = \"X\"\n",
            "error: unknown key `degre` in `education[1]`",
        ),
        (
            "person = \"A\"\n",
            "error: `person`: invalid type: string \"A\", expected a table",
        ),
        (
            "[person]\nname = \"A\"\n[[publications]]\ntitle = \"T\"\nyear = \"2021\"\n",
            "error: `publications[1].year`: invalid type: string \"2021\", expected a whole number",
        ),
        (
            "[person]\nname = \"A\"\n[[educaton]]\ndegree = \"x\"\n",
            "error: unknown key `educaton` at the top level",
        ),
    ];
    for (text, first) in cases {
        fs::write(dir.join("profile.toml"), text).unwrap();
        let run = Run::vita(&["check"]).in_dir(&dir).fails(1);
        assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with(first), "{}", run.stderr);
        assert!(run.stderr.contains("\nhint: "), "{}", run.stderr);
    }
    // A year-only end in the same year as a month start is not "before" it.
    fs::write(
        dir.join("profile.toml"),
        "[person]\nname = \"A\"\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = \"2021-09\"\nend = 2021\n",
    )
    .unwrap();
    Run::vita(&["check"]).in_dir(&dir).ok();
}

#[test]
fn characters_no_font_has_are_reported() {
    let dir = temp_dir("glyphs");
    fs::write(
        dir.join("profile.toml"),
        "summary = \"Loves 🐢 and שלום\"\n[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n",
    )
    .unwrap();
    let run = Run::vita(&["build", "--only", "resume"]).in_dir(&dir).ok();
    assert!(
        run.stderr.starts_with("warning: the resume has characters that no available font can draw; they print as empty boxes: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("🐢 (U+1F422)"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: let installed fonts draw them with `--system-fonts`"),
        "{}",
        run.stderr
    );
}

#[test]
fn layout_folder_mistakes_are_pointed_out() {
    let dir = layout_dir("layout-names", "#import \"common.typ\": *\n");
    fs::rename(dir.join("layouts/cv.typ"), dir.join("layouts/CV.typ")).unwrap();
    let run = Run::vita(&["check", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .ok();
    assert!(
        run.stderr.contains(
            "warning: `CV.typ` in the layout folder is not used\nhint: did you mean `cv.typ`?"
        ),
        "{}",
        run.stderr
    );

    let dir = layout_dir("layout-hint", "#panic(\"no\")\n");
    let run = Run::vita(&["check", "--layouts", "layouts"])
        .in_dir(&dir)
        .fails(1);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: the problem is in your layout; compare it with the built-in ones"),
        "{}",
        run.stderr
    );
}

/// The look arrives as data: each document's theme is in its data, and a layout written when
/// the look lived in `common.typ` (as `base-theme`) still builds with the built-in one.
#[test]
fn the_theme_reaches_layouts_as_data() {
    let dir = temp_dir("theme-data");
    fs::copy(fixture("minimal.toml"), dir.join("profile.toml")).unwrap();
    let run = Run::vita(&["data"]).in_dir(&dir).ok();
    let data: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(data["cv"]["theme"]["name_size"], "22pt");
    assert_eq!(data["cv"]["theme"]["margin"]["x"], "1.9cm");
    assert_eq!(data["resume"]["theme"]["name_size"], "21pt");
    assert_eq!(data["resume"]["theme"]["margin"]["x"], "1.7cm");
    fs::create_dir(dir.join("layouts")).unwrap();
    fs::write(
        dir.join("layouts/cv.typ"),
        "#import \"common.typ\": *\n#let data = json(\"/profile.json\")\n\
         #let theme = styled(base-theme + (name-size: 30pt), data.style)\n\
         #show: frame.with(data, theme, none)\n#header(data.person, theme)\n",
    )
    .unwrap();
    Run::vita(&["check", "--only", "cv", "--layouts", "layouts"])
        .in_dir(&dir)
        .ok();
}
