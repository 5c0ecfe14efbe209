//! `vita import` (JSON Resume, RenderCV) and `vita export --format json-resume`: full
//! documents of each format, written for these tests, become profiles that build; what has
//! no place is reported field by field; the export passes the JSON Resume schema.

use std::fs;

use serde_json::Value;

use crate::support::{Run, fixture, pdf_text, repo, temp_dir};

/// Imports a fixture into a fresh folder; returns the folder and what vita printed.
fn import(name: &str) -> (std::path::PathBuf, crate::support::Output) {
    let dir = temp_dir(&format!("import-{name}"));
    let run = Run::vita(&["import"])
        .arg(fixture(&format!("import/{name}")))
        .in_dir(&dir)
        .ok();
    (dir, run)
}

/// Builds the imported profile with no warnings; returns the CV's text, on one line.
fn builds(dir: &std::path::Path) -> String {
    let run = Run::vita(&["build", "--deny-warnings"]).in_dir(dir).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let (_, text) = pdf_text(&fs::read(dir.join("out/cv.pdf")).unwrap());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_full_json_resume_document_imports_and_builds() {
    let (dir, run) = import("resume.json");
    assert_eq!(run.stdout, "wrote profile.toml\n");
    // Every field with no place is named, and only those.
    let unmapped = "basics.profiles[3].network, basics.profiles[3].username, basics.image, \
        basics.location.address, basics.location.postalCode, interests[0].keywords[0], \
        work[0].description, work[0].url, volunteer[0].url, education[0].url, projects[0].type, \
        awards[0].summary, publications[0].summary, meta.canonical, meta.version";
    assert!(
        run.stderr.contains(&format!(
            "warning: 15 fields of `{}` had no place in the profile: {unmapped}\n",
            fixture("import/resume.json").display()
        )),
        "{}",
        run.stderr
    );
    let profile = fs::read_to_string(dir.join("profile.toml")).unwrap();
    for want in [
        "updated = \"2024-01-10\"",
        "github = \"mortega\"",
        "linkedin = \"maria-ortega\"",
        "links = { Mastodon = \"https://fosstodon.org/@maria\" }",
        "location = \"Madrid, Community of Madrid, ES\"",
        "degree = \"M.Sc. in Computer Engineering\"",
        "[[volunteering]]",
        "[[certifications]]",
        "[[languages]]",
        "level = \"Native speaker\"",
        "technologies = [\"dbt\", \"Python\"]",
    ] {
        assert!(profile.contains(want), "no `{want}` in\n{profile}");
    }
    let cv = builds(&dir);
    for want in [
        "Maria Ortega",
        "Cobalt Payments",
        "Google Cloud Professional Data Engineer",
        "Spanish (Native speaker)",
        "dbt-contracts",
        "PyLadies Madrid",
        "Data Contracts in Practice",
    ] {
        assert!(cv.contains(want), "no `{want}` in the CV: {cv}");
    }
    // A second import never replaces the profile.
    let before = fs::read(dir.join("profile.toml")).unwrap();
    let again = Run::vita(&["import"])
        .arg(fixture("import/resume.json"))
        .in_dir(&dir)
        .fails(1);
    assert!(
        again
            .stderr
            .contains("error: `profile.toml` already exists"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--out FILE"), "{}", again.stderr);
    assert_eq!(fs::read(dir.join("profile.toml")).unwrap(), before);
}

#[test]
fn a_full_rendercv_file_imports_and_builds() {
    let (dir, run) = import("cv.yaml");
    assert!(
        run.stderr.contains(&format!(
            "warning: 4 fields of `{}` had no place in the profile: cv.social_networks[3].network, \
             cv.social_networks[3].username, cv.photo, rendercv_settings.render_command.dont_generate_html\n",
            fixture("import/cv.yaml").display()
        )),
        "{}",
        run.stderr
    );
    for field in [
        "cv.social_networks[3].network",
        "cv.photo",
        "rendercv_settings.render_command.dont_generate_html",
    ] {
        assert!(
            run.stderr.contains(field),
            "`{field}` not reported: {}",
            run.stderr
        );
    }
    for mapped in [
        "design.theme",
        "design.page.size",
        "locale.language",
        "cv.sections",
    ] {
        assert!(
            !run.stderr.contains(mapped),
            "`{mapped}` reported: {}",
            run.stderr
        );
    }
    let profile = fs::read_to_string(dir.join("profile.toml")).unwrap();
    for want in [
        "lang = \"en\"",
        "phone = \"+81-75-123-4567\"",
        "orcid = \"0000-0002-1825-0097\"",
        "scholar = \"AbCdEfGhIjK\"",
        "degree = \"PhD in Informatics\"",
        "end = \"present\"",
        "doi = \"10.18653/v1/2023.acl-long.1\"",
        "[[projects]]",
        "[[volunteering]]",
        "id = \"invited-talks\"",
        "title = \"Invited talks\"",
        "theme = \"classic\"",
        "paper = \"a4\"",
    ] {
        assert!(profile.contains(want), "no `{want}` in\n{profile}");
    }
    // Sections keep the order of the file: the talks come before the honours.
    assert!(profile.find("invited-talks").unwrap() < profile.find("id = \"honors-2\"").unwrap());
    let cv = builds(&dir);
    for want in [
        "Kenji Watanabe",
        "Unsupervised Translation for Ainu",
        "Translating the Languages Nobody Writes Down",
        "Best Paper Award, ACL 2023",
        "Kyoto Coding Club",
        "ainu-mt",
    ] {
        assert!(cv.contains(want), "no `{want}` in the CV: {cv}");
    }
}

fn jsonresume_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(fixture("import/jsonresume.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}

#[test]
fn the_export_is_a_valid_json_resume_document() {
    let v = jsonresume_validator();
    // The example: an academic, publications from its .bib file.
    let run = Run::vita(&["export", "--format", "json-resume"])
        .in_dir(repo())
        .ok();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid(&v, &doc);
    assert_eq!(doc["basics"]["name"], "Yiming Li");
    assert_eq!(
        doc["basics"]["profiles"][0]["url"],
        "https://github.com/THUYimingLi"
    );
    let pubs = doc["publications"].as_array().unwrap();
    assert_eq!(pubs.len(), 10, "the publications of pubs.bib");
    assert!(
        pubs.iter()
            .any(|p| p["name"] == "Backdoor Learning: A Survey")
    );
    assert!(pubs.iter().all(|p| p["name"].is_string()));
    // The industry template: a promotion is a work entry per role.
    let dir = temp_dir("export-industry");
    fs::copy(
        repo().join("templates/industry.toml"),
        dir.join("profile.toml"),
    )
    .unwrap();
    let out = Run::vita(&["export", "--format", "json-resume", "--out", "resume.json"])
        .in_dir(&dir)
        .ok();
    assert_eq!(out.stdout, "wrote resume.json\n");
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("resume.json")).unwrap()).unwrap();
    assert_valid(&v, &doc);
    let work = doc["work"].as_array().unwrap();
    assert_eq!(work.len(), 3);
    assert_eq!(work[0]["name"], "Paylane GmbH");
    assert_eq!(work[0]["position"], "Staff Software Engineer");
    assert_eq!(work[0]["startDate"], "2023-04");
    assert!(
        work[0].get("endDate").is_none(),
        "an open end has no endDate"
    );
    assert_eq!(work[1]["position"], "Senior Software Engineer");
    assert_eq!(doc["languages"][1]["fluency"], "Native");
    assert_eq!(
        doc["certificates"][0]["name"],
        "Certified Kubernetes Administrator"
    );
    // What was imported from JSON Resume exports back as valid JSON Resume.
    let (dir, _) = import("resume.json");
    let run = Run::vita(&["export", "--format", "json-resume"])
        .in_dir(&dir)
        .ok();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid(&v, &doc);
    assert_eq!(doc["work"][0]["name"], "Cobalt Payments");
    assert_eq!(doc["volunteer"][0]["organization"], "PyLadies Madrid");
    // And the schema does reject what is not JSON Resume.
    assert!(!v.is_valid(&serde_json::json!({ "work": [{ "startDate": "March 2021" }] })));
}
