//! The profile's JSON Schema: generated from the types, committed in sync, and true to what
//! vita accepts (the example profile, the `vita init` templates and every README block pass;
//! an unknown key fails).

use std::fs;

use serde_json::Value;

use crate::support::{Run, repo};

/// A TOML text as the JSON a schema validator reads: dates become strings, as TOML editors
/// (Taplo) pass them to the schema.
fn toml_as_json(text: &str) -> Value {
    fn conv(v: toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.into_iter().map(conv).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.into_iter().map(|(k, v)| (k, conv(v))).collect())
            }
        }
    }
    conv(toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(repo().join("schema/profile.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// The problems the schema finds in a TOML text.
fn problems(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    v.iter_errors(&toml_as_json(text))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_what_vita_schema_prints() {
    let printed = Run::vita(&["schema"]).ok().stdout;
    let path = repo().join("schema/profile.schema.json");
    if std::env::var_os("VITA_BLESS").is_some() {
        fs::write(&path, &printed).unwrap();
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        printed,
        "schema/profile.schema.json is out of date: run `vita schema > schema/profile.schema.json` (or VITA_BLESS=1 cargo test)"
    );
}

#[test]
fn the_example_templates_and_readme_blocks_pass_the_schema() {
    let v = validator();
    let mut texts = vec![(
        "profile.toml".to_string(),
        fs::read_to_string(repo().join("profile.toml")).unwrap(),
    )];
    for t in ["academic", "industry", "minimal"] {
        texts.push((
            format!("templates/{t}.toml"),
            fs::read_to_string(repo().join(format!("templates/{t}.toml"))).unwrap(),
        ));
    }
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    for (i, block) in readme.split("```toml\n").skip(1).enumerate() {
        let block = block.split("```").next().unwrap();
        texts.push((format!("README block {}", i + 1), block.to_string()));
    }
    assert!(texts.len() > 6);
    for (name, text) in &texts {
        assert_eq!(problems(&v, text), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_schema_rejects_what_vita_rejects() {
    let v = validator();
    for (text, want) in [
        ("[person]\nname = \"A\"\nemial = \"a@b.c\"\n", "emial"),
        (
            "[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = \"2021-3\"\n",
            "2021-3",
        ),
        (
            "[[projects]]\nname = \"x\"\ntechnology = [\"Rust\"]\n",
            "technology",
        ),
        ("[resume]\nselect = \"recnt\"\n", "recnt"),
        ("[design]\naccent = \"blue\"\n", "blue"),
        ("publicatons = []\n", "publicatons"),
    ] {
        let got = problems(&v, text);
        assert!(
            got.iter().any(|p| p.contains(want)),
            "`{want}` passed the schema: {got:?}\n{text}"
        );
        // And vita refuses the same profile.
        let dir = crate::support::temp_dir("schema-rejects");
        let text = if text.starts_with("[person]") {
            text.to_string()
        } else {
            format!("{text}\n[person]\nname = \"A\"\n")
        };
        fs::write(dir.join("profile.toml"), text).unwrap();
        Run::vita(&["check"]).in_dir(&dir).fails(1);
    }
}
