//! `vita import`: a profile.toml from a file made for another CV tool (JSON Resume's
//! `resume.json`, RenderCV's YAML). What has a place in the profile is mapped; every field
//! that has none is reported by its path, so nothing is dropped silently.

mod jsonresume;
mod rendercv;

use std::path::{Path, PathBuf};

use serde_json::Value;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use crate::Failure;
use crate::diag::Diagnostic;
use crate::profile::Date;

/// What an import made: the profile's text, and the fields it could not map.
#[derive(Debug)]
pub struct Imported {
    /// The profile, as TOML.
    pub toml: String,
    /// Paths of fields with no place in a profile (`basics.image`), in the order met.
    pub unmapped: Vec<String>,
}

/// Reads `input` and writes its profile to `out`, never replacing a file. Returns the paths
/// of the fields that were not mapped.
pub fn import(input: &Path, out: &Path) -> Result<Vec<String>, Failure> {
    let shown = input.display().to_string();
    let text = std::fs::read_to_string(input).map_err(|e| {
        Failure::input(vec![
            Diagnostic::error(format!("cannot read `{shown}`: {e}"))
                .hint("name a JSON Resume file (resume.json) or a RenderCV file (cv.yaml)"),
        ])
    })?;
    let ext = input
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let imported = match ext.as_str() {
        "json" => jsonresume::import(&text),
        "yaml" | "yml" => rendercv::import(&text),
        _ => Err(format!(
            "`{shown}` is neither JSON Resume (.json) nor RenderCV (.yaml)"
        )),
    }
    .map_err(|e| {
        Failure::input(vec![Diagnostic::error(format!("cannot import `{shown}`: {e}")).hint(
            "vita imports JSON Resume 1.0 (`resume.json`) and RenderCV's YAML (`cv:` and `design:`)",
        )])
    })?;
    if out.exists() || out.is_symlink() {
        return Err(Failure::input(vec![
            Diagnostic::error(format!("`{}` already exists", out.display()))
                .hint("vita import never replaces a file: name another with `--out FILE`"),
        ]));
    }
    crate::output::write_atomic(out, imported.toml.as_bytes()).map_err(Failure::other)?;
    Ok(imported.unmapped)
}

/// The default output of an import: `profile.toml` beside where it runs.
pub fn default_out() -> PathBuf {
    PathBuf::from("profile.toml")
}

/// A profile being written, and what could not be mapped into it.
struct Out {
    doc: DocumentMut,
    unmapped: Vec<String>,
}

impl Out {
    fn new(source: &str) -> Self {
        let mut doc = DocumentMut::new();
        doc.decor_mut().set_prefix(format!(
            "# Imported by `vita import` from {source}. Check it with `vita check`; the README\n# lists every section and key.\n\n"
        ));
        doc["schema"] = value(1);
        Out {
            doc,
            unmapped: vec![],
        }
    }

    /// A table of the profile (`person`), made when missing.
    fn table(&mut self, name: &str) -> &mut Table {
        if !self.doc.contains_key(name) {
            let mut t = Table::new();
            t.set_implicit(false);
            self.doc.insert(name, Item::Table(t));
        }
        self.doc[name].as_table_mut().expect("a table")
    }

    /// Adds an entry to a section (`[[experience]]`).
    fn push(&mut self, section: &str, entry: Table) {
        if entry.is_empty() {
            return;
        }
        if !self.doc.contains_key(section) {
            self.doc
                .insert(section, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        if let Some(a) = self.doc[section].as_array_of_tables_mut() {
            a.push(entry);
        }
    }

    /// Records every leaf left in `v` (what the mapping did not take) as not mapped.
    fn leftovers(&mut self, path: &str, v: &Value) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    self.leftovers(&join(path, k), v);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    self.leftovers(&format!("{path}[{i}]"), v);
                }
            }
            Value::Null => {}
            Value::String(s) if s.trim().is_empty() => {}
            _ => self.unmapped.push(path.to_string()),
        }
    }

    fn finish(self) -> Imported {
        Imported {
            toml: self.doc.to_string(),
            unmapped: self.unmapped,
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Takes a string field out of a JSON object (numbers are taken as text too).
fn take_str(m: &mut serde_json::Map<String, Value>, key: &str) -> Option<String> {
    let s = match m.remove(key)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        other => {
            m.insert(key.to_string(), other);
            return None;
        }
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// Takes a list of strings out of a JSON object.
fn take_list(m: &mut serde_json::Map<String, Value>, key: &str) -> Vec<String> {
    match m.remove(key) {
        Some(Value::Array(a)) if a.iter().all(|v| v.is_string() || v.is_number()) => a
            .into_iter()
            .map(|v| match v {
                Value::String(s) => s.trim().to_string(),
                other => other.to_string(),
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(other) => {
            m.insert(key.to_string(), other);
            vec![]
        }
        None => vec![],
    }
}

/// A string as a TOML value.
fn s(v: impl Into<String>) -> Item {
    value(v.into())
}

/// A list of strings as a TOML array.
fn list(items: &[String]) -> Item {
    let mut a = Array::new();
    for i in items {
        a.push(i.as_str());
    }
    value(a)
}

/// Sets `key` when there is a value.
fn set(t: &mut Table, key: &str, v: Option<String>) {
    if let Some(v) = v {
        t.insert(key, s(v));
    }
}

/// Sets a list when it is not empty.
fn set_list(t: &mut Table, key: &str, items: &[String]) {
    if !items.is_empty() {
        t.insert(key, list(items));
    }
}

/// Labelled links as an inline table.
fn set_links(t: &mut Table, links: &[(String, String)]) {
    if links.is_empty() {
        return;
    }
    let mut it = InlineTable::new();
    for (label, url) in links {
        it.insert(label, url.as_str().into());
    }
    t.insert("links", value(it));
}

/// A date as vita reads it (`2021`, `"2021-09"`, `"present"`); `None` when it is not one.
fn date_item(raw: &str) -> Option<Item> {
    let raw = raw.trim();
    let d = Date::parse(raw).ok().or_else(|| {
        // `2021-09-01T00:00:00Z`, `2021/09`: the calendar part.
        let cut: String = raw.chars().take(10).collect::<String>().replace('/', "-");
        Date::parse(&cut).ok()
    })?;
    Some(match d {
        Date::On {
            year, month: None, ..
        } => value(i64::from(year)),
        other => value(other.iso()),
    })
}

/// Sets a date taken from `m[key]`; a value that is no date stays in `m`, to be reported.
fn set_date(t: &mut Table, tkey: &str, m: &mut serde_json::Map<String, Value>, key: &str) {
    let raw = match m.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return,
    };
    if raw.trim().is_empty() {
        m.remove(key);
        return;
    }
    if let Some(item) = date_item(&raw) {
        t.insert(tkey, item);
        m.remove(key);
    }
}

/// Whether a string is a web address vita accepts in `links`.
fn is_url(u: &str) -> bool {
    crate::ids::is_web_url(u)
}
