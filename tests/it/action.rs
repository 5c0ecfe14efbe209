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

/// The action's steps run as a runner would run them, here: each `run` with its `${{ }}`
/// expressions filled in, its `env`, and the files GitHub gives a step (`GITHUB_OUTPUT`,
/// `GITHUB_PATH`); `uses` steps (the cache) are left out, and `if` takes the few forms the
/// action uses. The release it installs is a local folder packed by `scripts/dist`.
struct Runner {
    inputs: std::collections::BTreeMap<String, String>,
    outputs: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    path: Vec<std::path::PathBuf>,
    dir: std::path::PathBuf,
    work: std::path::PathBuf,
    release: String,
}

impl Runner {
    fn value(&self, expr: &str) -> String {
        let expr = expr.trim();
        if let Some(name) = expr.strip_prefix("inputs.") {
            return self.inputs[name].clone();
        }
        if let Some(rest) = expr.strip_prefix("steps.") {
            let (id, key) = rest.split_once(".outputs.").unwrap();
            return self
                .outputs
                .get(id)
                .and_then(|o| o.get(key))
                .cloned()
                .unwrap_or_default();
        }
        match expr {
            "runner.temp" => self.dir.join("temp").display().to_string(),
            "runner.tool_cache" => self.dir.join("tools").display().to_string(),
            "runner.os" => "Linux".into(),
            "github.action_ref" => "main".into(),
            "github.action_repository" => "someone/vita".into(),
            _ => panic!("the test runner does not know `{expr}`"),
        }
    }

    fn fill(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find("${{") {
            out += &rest[..i];
            let end = rest[i..].find("}}").unwrap() + i;
            out += &self.value(&rest[i + 3..end]);
            rest = &rest[end + 2..];
        }
        out + rest
    }

    /// `if:` as the action writes it: `always()`, or comparisons of a value with a quoted
    /// string joined by `||`.
    fn holds(&self, cond: &str) -> bool {
        cond.split("||").any(|c| {
            let c = c.trim();
            if c == "always()" {
                return true;
            }
            let (lhs, rhs, equal) = match c.split_once("!=") {
                Some((l, r)) => (l, r, false),
                None => {
                    let (l, r) = c.split_once("==").unwrap();
                    (l, r, true)
                }
            };
            (self.value(lhs) == rhs.trim().trim_matches('\'')) == equal
        })
    }

    /// Runs every step; whether the last one that ran failed.
    fn run(&mut self, action: &Value) -> bool {
        let mut failed = false;
        for step in action["runs"]["steps"].as_sequence().unwrap() {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            if let Some(cond) = step["if"].as_str()
                && !self.holds(cond)
            {
                continue;
            }
            let output = self.dir.join("output");
            let path_file = self.dir.join("path");
            fs::write(&output, "").unwrap();
            fs::write(&path_file, "").unwrap();
            let script_file = self.dir.join("step.sh");
            fs::write(&script_file, self.fill(script)).unwrap();
            let mut path: Vec<String> = self.path.iter().map(|p| p.display().to_string()).collect();
            path.extend(["/usr/local/bin".into(), "/usr/bin".into(), "/bin".into()]);
            let mut cmd = std::process::Command::new("bash");
            cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&script_file)
                .current_dir(&self.work)
                .env_clear()
                .env("PATH", path.join(":"))
                .env("HOME", &self.dir)
                .env("GITHUB_OUTPUT", &output)
                .env("GITHUB_PATH", &path_file)
                .env("GITHUB_ACTION_PATH", repo())
                .env("RUNNER_TEMP", self.dir.join("temp"))
                .env("RUNNER_TOOL_CACHE", self.dir.join("tools"))
                .env("VITA_DOWNLOAD_URL", &self.release);
            if let Some(env) = step["env"].as_mapping() {
                for (k, v) in env {
                    cmd.env(k.as_str().unwrap(), self.fill(v.as_str().unwrap()));
                }
            }
            let out = cmd.output().unwrap();
            let name = step["name"].as_str().unwrap_or("a step");
            eprintln!(
                "--- {name}\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            failed = !out.status.success();
            // `key=value` lines, and `key<<END` ... `END` blocks.
            let mut outputs = std::collections::BTreeMap::new();
            let text = fs::read_to_string(&output).unwrap();
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                if let Some((k, end)) = line.split_once("<<") {
                    let body: Vec<&str> = lines.by_ref().take_while(|l| *l != end).collect();
                    outputs.insert(k.to_string(), body.join("\n"));
                } else if let Some((k, v)) = line.split_once('=') {
                    outputs.insert(k.to_string(), v.to_string());
                }
            }
            if let Some(id) = step["id"].as_str() {
                self.outputs.insert(id.to_string(), outputs);
            }
            for p in fs::read_to_string(&path_file).unwrap().lines() {
                self.path.insert(0, p.into());
            }
            assert!(!failed || name.starts_with("Fail"), "step `{name}` failed");
        }
        failed
    }
}

#[test]
fn the_action_installs_the_release_checks_and_builds_every_profile_and_fails_at_the_end() {
    let dir = crate::support::temp_dir("action-run");
    let release = dir.join("release");
    crate::support::pack_release(&release);
    let action: Value =
        serde_yaml_ng::from_str(&fs::read_to_string(repo().join("action.yml")).unwrap()).unwrap();
    let defaults: std::collections::BTreeMap<String, String> = action["inputs"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().into(),
                v["default"].as_str().unwrap_or("").into(),
            )
        })
        .collect();

    // A folder of three profiles, one with a typo: all are checked and reported, the other two
    // built, the files named as outputs, and the job fails at the end.
    let work = dir.join("repo");
    let people = work.join("people");
    fs::create_dir_all(&people).unwrap();
    fs::copy(crate::support::fixture("ats.toml"), people.join("ada.toml")).unwrap();
    fs::write(
        people.join("bad.toml"),
        "[person]\nname = \"Bad\"\nheadlin = \"x\"\n",
    )
    .unwrap();
    fs::write(people.join("warned.toml"), "[person]\nname = \"Warned\"\n").unwrap();
    let mut inputs = defaults.clone();
    inputs.insert("profile".into(), "people".into());
    inputs.insert("formats".into(), "pdf,txt".into());
    let mut runner = Runner {
        inputs,
        outputs: Default::default(),
        path: vec![],
        dir: dir.join("runner"),
        work: work.clone(),
        release: format!("file://{}", release.display()),
    };
    fs::create_dir_all(runner.dir.join("temp")).unwrap();
    assert!(runner.run(&action), "the job does not fail");
    assert_eq!(runner.outputs["install"]["from"], "release");
    assert!(
        !runner.outputs.contains_key("key"),
        "built from source: {:?}",
        runner.outputs
    );
    let check: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&runner.outputs["check"]["report"]).unwrap())
            .unwrap();
    assert_eq!(check["totals"]["profiles"], 3, "{check:#}");
    assert_eq!(check["totals"]["failed"], 1, "{check:#}");
    let files: Vec<&str> = runner.outputs["build"]["files"].lines().collect();
    assert_eq!(files.len(), 8, "{files:?}");
    for f in &files {
        assert!(work.join(f).is_file(), "{f}");
    }
    assert!(files.contains(&"out/ada/resume.pdf") && files.contains(&"out/warned/cv.txt"));

    // One good profile: every step passes.
    let work = dir.join("one");
    fs::create_dir_all(&work).unwrap();
    fs::copy(
        crate::support::fixture("ats.toml"),
        work.join("profile.toml"),
    )
    .unwrap();
    let mut runner = Runner {
        inputs: defaults,
        outputs: Default::default(),
        path: vec![],
        dir: dir.join("runner-one"),
        work: work.clone(),
        release: format!("file://{}", release.display()),
    };
    fs::create_dir_all(runner.dir.join("temp")).unwrap();
    assert!(!runner.run(&action), "the job fails");
    assert_eq!(
        runner.outputs["build"]["files"],
        "out/resume.pdf\nout/cv.pdf"
    );
}
