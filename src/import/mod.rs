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
    /// What the mapping read another way or left out, with the source's path.
    pub warnings: Vec<Diagnostic>,
}

/// How much of a file vita imports: a CV is a few hundred KiB at most, and a larger file
/// would make a profile vita refuses to read.
pub const MAX_IMPORT_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `input` and writes its profile to `out`, never replacing a file. The profile
/// written passes `vita check`: an entry that lacks what vita needs is written commented
/// out, with a warning that says what to fill in. Returns the warnings.
pub fn import(input: &Path, out: &Path) -> Result<Vec<Diagnostic>, Failure> {
    let shown = input.display().to_string();
    let refuse = |msg: String, hint: &str| Failure::input(vec![Diagnostic::error(msg).hint(hint)]);
    let hint = "name a JSON Resume file (resume.json) or a RenderCV file (cv.yaml)";
    // What the file is, from its name, before a byte of it is read.
    let ext = input
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "json" | "yaml" | "yml") {
        return Err(refuse(
            format!("`{shown}` is neither JSON Resume (.json) nor RenderCV (.yaml)"),
            hint,
        ));
    }
    use crate::files::ReadError;
    let bytes = crate::files::read_capped(input, MAX_IMPORT_BYTES).map_err(|e| match e {
        ReadError::NotFound => refuse(format!("`{shown}` does not exist"), hint),
        ReadError::NotAFile | ReadError::Folder => {
            refuse(format!("`{shown}` is not a regular file"), hint)
        }
        ReadError::TooLarge { .. } => refuse(
            format!(
                "`{shown}` is larger than {} MiB, more than any CV",
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            "check that this is the right file",
        ),
        ReadError::Io(e) => refuse(format!("cannot read `{shown}`: {e}"), hint),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse(format!("`{shown}` is not UTF-8 text"), "save it as UTF-8"))?;
    // Editors on Windows write a byte-order mark; JSON and YAML readers do not want it.
    let text = text.trim_start_matches('\u{feff}');
    let imported = match ext.as_str() {
        "json" => jsonresume::import(text),
        _ => rendercv::import(text),
    }
    .map_err(|e| {
        Failure::input(vec![Diagnostic::error(format!("cannot import `{}`: {}", shown, short(&e, 300))).hint(
            "vita imports JSON Resume 1.0 (`resume.json`) and RenderCV's YAML (`cv:` and `design:`)",
        )])
    })?;
    if out.exists() || out.is_symlink() {
        return Err(Failure::input(vec![
            Diagnostic::error(format!("`{}` already exists", out.display()))
                .hint("vita import never replaces a file: name another with `--out FILE`"),
        ]));
    }
    let mut warnings = imported.warnings.clone();
    let (toml, set_aside) = settle(imported.toml, out)?;
    warnings.extend(set_aside);
    crate::output::write_atomic(out, toml.as_bytes()).map_err(Failure::other)?;
    let n = imported.unmapped.len();
    if n > 0 {
        // A path is shown whole up to a length: a 100,000-character key is not.
        let paths: Vec<String> = imported.unmapped.iter().map(|p| short(p, 80)).collect();
        warnings.push(
            Diagnostic::warning(format!(
                "{n} {} of `{shown}` had no place in the profile: {}",
                if n == 1 { "field" } else { "fields" },
                paths.join(", ")
            ))
            .hint("add what matters by hand (the README lists every section and key), or keep it in a `[[custom]]` section"),
        );
    }
    Ok(warnings)
}

/// `s` cut to `max` characters, with `…` where it was cut.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Checks the profile an import made as `vita check` would, and sets aside what fails:
/// an entry (`education[2]`) or a key (`person.orcid`) named by an error is moved into a
/// comment at the end of the file, and a warning says what to fill in. Errors that name
/// nothing that can be set aside stop the import, with nothing written.
fn settle(mut toml: String, out: &Path) -> Result<(String, Vec<Diagnostic>), Failure> {
    let display = out.display().to_string();
    let mut warnings = vec![];
    let mut aside = String::new();
    // Each round sets aside at least one thing; a profile has far fewer entries.
    for _ in 0..10_000 {
        let errors = match crate::load::load_str(&display, &toml) {
            Ok(_) => break,
            Err(d) => d
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect::<Vec<_>>(),
        };
        if errors.is_empty() {
            break;
        }
        // What cannot be set aside (the person's name) is for the user to fill in: said by
        // the profile's keys, since no profile was written to point into.
        let fail = |errors: &[Diagnostic]| {
            let mut all = vec![Diagnostic::error(format!(
                "the profile made from this file would not pass `vita check`, so `{display}` was not written"
            ))
            .hint("fill in what the errors below name in the file you import")];
            all.extend(errors.iter().map(|d| Diagnostic {
                location: None,
                ..d.clone()
            }));
            Failure::input(all)
        };
        let mut doc: DocumentMut = toml.parse().map_err(|_| fail(&errors))?;
        let Some((d, path)) = errors
            .iter()
            .find_map(|d| Some((d, named_path(&d.message)?)))
        else {
            return Err(fail(&errors));
        };
        // A person without a name is no profile: not set aside, said.
        let Some(text) = set_aside(&mut doc, &path).filter(|_| path != "person.name") else {
            return Err(fail(&errors));
        };
        let what = path.split('.').take(1).collect::<String>();
        aside.push_str(&format!(
            "\n# {}\n{}",
            short(&d.message, 200).replace('\n', " "),
            text.lines().map(|l| format!("# {l}\n")).collect::<String>()
        ));
        warnings.push(
            Diagnostic::warning(format!(
                "{}, so `{what}` is written commented out at the end of `{display}`",
                d.message
            ))
            .hint("fill in what it lacks and remove the `#`s, or delete it"),
        );
        toml = doc.to_string();
    }
    if !aside.is_empty() {
        toml.push_str("\n# Set aside by `vita import`: each lacks what vita needs.\n");
        toml.push_str(&aside);
    }
    Ok((toml, warnings))
}

/// The first profile path in backticks in an error message, when it names an entry of a
/// section (`experience[2]`, 1-based as messages count) or a key of a table (`person.orcid`).
fn named_path(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    let path = &message[start..start + len];
    let ok = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
        && (path.contains('[') || path.contains('.'));
    ok.then(|| path.to_string())
}

/// Removes what `path` names from `doc` (the whole entry, for a path into one) and returns
/// it as TOML text.
fn set_aside(doc: &mut DocumentMut, path: &str) -> Option<String> {
    if let Some((section, rest)) = path.split_once('[') {
        let n: usize = rest.split(']').next()?.parse().ok()?;
        let entries = doc.get_mut(section)?.as_array_of_tables_mut()?;
        if n == 0 || n > entries.len() {
            return None;
        }
        let entry = entries.get(n - 1)?.clone();
        entries.remove(n - 1);
        if entries.is_empty() {
            doc.remove(section);
        }
        let mut one = DocumentMut::new();
        let mut aot = ArrayOfTables::new();
        aot.push(entry);
        one.insert(section, Item::ArrayOfTables(aot));
        return Some(one.to_string());
    }
    let (table, key) = path.split_once('.')?;
    let t = doc.get_mut(table)?.as_table_mut()?;
    let v = t.remove(key)?;
    Some(format!("[{table}]\n{key} = {}\n", v.to_string().trim()))
}

/// Maps a file's text, as `import` does before it checks and writes the profile: `json`
/// for JSON Resume, anything else for RenderCV. For the fuzz targets and tests.
pub fn map_text(ext: &str, text: &str) -> Result<Imported, String> {
    match ext {
        "json" => jsonresume::import(text),
        _ => rendercv::import(text),
    }
}

/// The default output of an import: `profile.toml` beside where it runs.
pub fn default_out() -> PathBuf {
    PathBuf::from("profile.toml")
}

/// A profile being written, and what could not be mapped into it.
struct Out {
    doc: DocumentMut,
    unmapped: Vec<String>,
    warnings: Vec<Diagnostic>,
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
            warnings: vec![],
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
            warnings: self.warnings,
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

/// The warning for an ORCID iD that is not one (a wrong check digit, too few digits), at
/// its path in the imported file; the iD is left out of the profile.
fn bad_orcid(path: &str, id: &str, e: &crate::ids::OrcidError) -> Diagnostic {
    let why = match e {
        crate::ids::OrcidError::Form => "it is not 16 digits in groups of four",
        crate::ids::OrcidError::CheckDigit => "its last digit is not the check digit",
    };
    Diagnostic::warning(format!(
        "`{path}` is not an ORCID iD ({why}), so it is left out: `{}`",
        short(id, 60)
    ))
    .hint("copy the iD from your ORCID record (orcid.org), then add `orcid = \"0000-...\"` under `[person]`")
}

/// Every string of `v` with its Markdown made plain (JSON Resume's themes and RenderCV
/// render Markdown; vita's fields are plain text); an address or e-mail alone is kept.
fn plain_markdown(v: &mut Value) {
    match v {
        Value::String(s)
            if !(s.contains(char::is_whitespace) || !s.contains("://") && !s.contains('@')) => {}
        Value::String(s) => *s = crate::bib::latex::markdown(s).0,
        Value::Array(a) => a.iter_mut().for_each(plain_markdown),
        Value::Object(m) => m.values_mut().for_each(plain_markdown),
        _ => {}
    }
}

/// Whether a string is a web address vita accepts in `links`.
fn is_url(u: &str) -> bool {
    crate::ids::is_web_url(u)
}
