//! The GitHub Action (`action.yml`): it parses, it is a composite action that installs,
//! checks and builds, and the README's workflow uses only inputs it has.

use std::fs;

use serde_yaml_ng::Value;

use crate::support::repo;

#[test]
fn the_action_has_the_inputs_the_readme_uses() {
    let action: Value =
        serde_yaml_ng::from_str(&fs::read_to_string(repo().join("action.yml")).unwrap()).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_mapping().unwrap();
    for i in inputs.values() {
        assert!(i["description"].is_string(), "{i:?}");
    }
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("cargo install --locked")));
    assert!(runs.iter().any(|r| r.contains("vita check")));
    assert!(runs.iter().any(|r| r.contains("vita build")));
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/cache@"))
    }));
    // Every `${{ inputs.X }}` the action reads is declared.
    let text = fs::read_to_string(repo().join("action.yml")).unwrap();
    for used in text.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert!(
            inputs.contains_key(name.as_str()),
            "`inputs.{name}` is not declared"
        );
    }

    // The README's workflow: its step that uses the action passes declared inputs only.
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let ci = &readme[readme.find("## Building CVs in CI").unwrap()..];
    let block = ci
        .split("```yaml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let workflow: Value = serde_yaml_ng::from_str(block).unwrap();
    let steps = workflow["jobs"]["pdf"]["steps"].as_sequence().unwrap();
    let ours = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.contains("/vita@")))
        .expect("a step uses the action");
    let with = ours["with"].as_mapping().unwrap();
    assert!(!with.is_empty());
    for key in with.keys() {
        let key = key.as_str().unwrap();
        assert!(
            inputs.contains_key(key),
            "the README passes `{key}`, which action.yml lacks"
        );
    }
    // Three lines of workflow: checkout, the action, its inputs.
    let lines = block
        .lines()
        .filter(|l| l.contains("- uses:") || l.trim_start().starts_with("with:"))
        .count();
    assert!(lines <= 5, "{block}");
}
