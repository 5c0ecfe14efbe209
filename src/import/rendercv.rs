//! RenderCV's YAML (`cv:` with `sections:`, and `design:`) into a profile.
//!
//! RenderCV tells entry types apart by their keys, not by the section's title: an entry with
//! `company` and `position` is experience, `institution` and `area` education, `title` and
//! `authors` a publication, `label` and `details` a one-line entry, `bullet` a bullet, and a
//! plain string a text entry. Sections whose entries vita has no section for become
//! `[[custom]]` sections under their own title.

use serde_json::{Map, Value};
use toml_edit::{ArrayOfTables, Item, Table};

use super::{Imported, Out, is_url, s, set, set_date, set_links, set_list, take_list, take_str};

/// Maps a RenderCV file.
pub fn import(text: &str) -> Result<Imported, String> {
    // Read as YAML first: a key given twice is refused (as RenderCV's reader does) rather
    // than the last one silently winning, merge keys (`<<: *base`) are merged, and tags
    // (`!custom`) are read as the values they tag.
    let mut yaml: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(text).map_err(|e| format!("it is not YAML: {e}"))?;
    yaml.apply_merge()
        .map_err(|e| format!("its merge keys (`<<`) cannot be merged: {e}"))?;
    untag(&mut yaml);
    let root: Value =
        serde_json::to_value(&yaml).map_err(|e| format!("it is not a RenderCV file: {e}"))?;
    let Value::Object(mut root) = root else {
        return Err("a RenderCV file is a mapping with `cv:`".into());
    };
    let Some(Value::Object(mut cv)) = root.remove("cv") else {
        return Err("it has no `cv:` mapping: it is not a RenderCV file".into());
    };
    let mut out = Out::new("a RenderCV file");
    // RenderCV's Markdown made plain: `**bold**` and `*italic*` lose their marks (vita's
    // fields are plain text), `[text](url)` keeps its text, and an entry whose name is a
    // link gets the link; `*Name*` among authors marks the person's own name.
    let mut own = vec![];
    for v in cv.values_mut() {
        plain_cv(v, &mut own);
    }
    person(&mut out, &mut cv);
    let name = out
        .table("person")
        .get("name")
        .and_then(toml_edit::Item::as_str)
        .unwrap_or("")
        .to_string();
    own.retain(|o| *o != name);
    own.sort();
    own.dedup();
    if !own.is_empty() {
        out.table("person").insert("aliases", super::list(&own));
    }
    if let Some(Value::Object(mut sections)) = cv.remove("sections") {
        // The sections in the order written (a JSON map sorts its keys).
        let ordered: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).unwrap_or_default();
        let titles: Vec<String> = ordered
            .get("cv")
            .and_then(|c| c.get("sections"))
            .and_then(serde_yaml_ng::Value::as_mapping)
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        for title in titles {
            if let Some(entries) = sections.remove(&title) {
                section(&mut out, &title, entries);
            }
        }
        for (title, entries) in sections {
            section(&mut out, &title, entries);
        }
    }
    if let Some(Value::Object(locale)) = root.get_mut("locale")
        && let Some(lang) = locale.get("language").and_then(Value::as_str)
        && let Some(tag) = language(lang)
    {
        out.doc["lang"] = s(tag);
        locale.remove("language");
    }
    let mut no_design = Map::new();
    let design = match root.get_mut("design") {
        Some(Value::Object(design)) => design,
        _ => &mut no_design,
    };
    self::design(&mut out, design);
    out.leftovers("cv", &Value::Object(cv));
    // `design`, `locale`, `rendercv_settings`: RenderCV's own look and settings.
    out.leftovers("", &Value::Object(root));
    Ok(out.finish())
}

fn person(out: &mut Out, cv: &mut Map<String, Value>) {
    let mut p = Table::new();
    p.insert("name", s(take_str(cv, "name").unwrap_or_default()));
    set(
        &mut p,
        "headline",
        take_str(cv, "headline").or_else(|| take_str(cv, "label")),
    );
    set(&mut p, "location", take_str(cv, "location"));
    set(&mut p, "email", take_str(cv, "email"));
    // RenderCV writes phones as `tel:+1-...` URIs.
    set(
        &mut p,
        "phone",
        take_str(cv, "phone").map(|t| t.trim_start_matches("tel:").to_string()),
    );
    if let Some(url) = cv
        .get("website")
        .and_then(Value::as_str)
        .filter(|u| is_url(u))
    {
        p.insert("homepage", s(url));
        cv.remove("website");
    }
    let mut links = vec![];
    if let Some(Value::Array(networks)) = cv.remove("social_networks") {
        for (i, n) in networks.into_iter().enumerate() {
            let Value::Object(mut n) = n else { continue };
            let network = take_str(&mut n, "network").unwrap_or_default();
            let Some(user) = take_str(&mut n, "username") else {
                continue;
            };
            let key = match network.to_lowercase().as_str() {
                "github" => Some("github"),
                "linkedin" => Some("linkedin"),
                "orcid" => Some("orcid"),
                "google scholar" => Some("scholar"),
                _ => None,
            };
            let url = match network.to_lowercase().as_str() {
                "gitlab" => Some(format!("https://gitlab.com/{user}")),
                "x" | "twitter" => Some(format!("https://x.com/{user}")),
                "researchgate" => Some(format!("https://www.researchgate.net/profile/{user}")),
                "stackoverflow" => Some(format!("https://stackoverflow.com/users/{user}")),
                "youtube" => Some(format!("https://youtube.com/@{user}")),
                _ => None,
            };
            match (key, url) {
                (Some("orcid"), _) => match crate::ids::orcid(&user) {
                    Ok(id) => {
                        p.insert("orcid", s(id));
                    }
                    Err(e) => out.warnings.push(super::bad_orcid(
                        &format!("cv.social_networks[{i}].username"),
                        &user,
                        &e,
                    )),
                },
                (Some(k), _) => {
                    p.insert(k, s(user));
                }
                (None, Some(u)) => links.push((network, u)),
                (None, None) => {
                    let mut m = Map::new();
                    m.insert("network".into(), Value::String(network));
                    m.insert("username".into(), Value::String(user));
                    out.leftovers(&format!("cv.social_networks[{i}]"), &Value::Object(m));
                }
            }
            out.leftovers(&format!("cv.social_networks[{i}]"), &Value::Object(n));
        }
    }
    set_links(&mut p, &links);
    *out.table("person") = p;
    out.table("person").set_implicit(false);
}

/// The theme and paper of RenderCV's `design`, where vita has a match. RenderCV's paper
/// is US Letter unless it says otherwise, so an import without one is on US Letter too.
fn design(out: &mut Out, d: &mut Map<String, Value>) {
    // The nearest vita theme to each of RenderCV's: moderncv puts dates in a column at the
    // left, as vita's `academic` theme does; sb2nov and engineeringresumes are dense one-page
    // resumes, as `compact` is.
    let theme = match d.get("theme").and_then(Value::as_str) {
        Some("classic" | "engineeringclassic") => Some("classic"),
        Some("moderncv") => Some("academic"),
        Some("sb2nov" | "engineeringresumes") => Some("compact"),
        Some("harvard") => Some("harvard"),
        Some("ink" | "opal" | "ember") => Some("modern"),
        _ => None,
    };
    if let Some(t) = theme {
        out.table("design").insert("theme", s(t));
        d.remove("theme");
    }
    // `page.size` since 2.0, `page_size` (LaTeX's names) before.
    let written = d
        .get("page")
        .and_then(|p| p.get("size"))
        .or_else(|| d.get("page_size"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let paper = match written.as_deref() {
        Some("a4" | "a4paper") => Some("a4"),
        Some("us-letter" | "letterpaper" | "letter") | None => Some("us-letter"),
        Some(_) => None,
    };
    if let Some(paper) = paper {
        for doc in ["resume", "cv"] {
            out.table(doc).insert("paper", s(paper));
        }
        if let Some(Value::Object(page)) = d.get_mut("page") {
            page.remove("size");
        }
        d.remove("page_size");
    }
}

/// The vita language of RenderCV's `locale.language`: a tag (`de`) or an English name
/// (`german`), when vita has it.
fn language(lang: &str) -> Option<&'static str> {
    let lower = lang.trim().to_lowercase();
    let tag = match lower.as_str() {
        "english" => "en",
        "german" | "deutsch" => "de",
        "french" | "français" => "fr",
        "spanish" | "español" => "es",
        "italian" => "it",
        "portuguese" => "pt",
        "dutch" => "nl",
        "turkish" => "tr",
        "russian" => "ru",
        "japanese" => "ja",
        "korean" => "ko",
        "chinese" | "mandarin" => "zh-Hans",
        "arabic" => "ar",
        "hindi" => "hi",
        "indonesian" => "id",
        "danish" => "da",
        "norwegian" => "nb",
        "swedish" => "sv",
        "polish" => "pl",
        other => other,
    };
    crate::locale::resolve(tag)
}

/// Makes RenderCV's Markdown plain in every string of `v`, collecting the names marked as
/// the person's own among `authors`.
fn plain_cv(v: &mut Value, own: &mut Vec<String>) {
    match v {
        Value::String(_) => super::plain_markdown(v),
        Value::Array(a) => a.iter_mut().for_each(|v| plain_cv(v, own)),
        Value::Object(m) => {
            if let Some(Value::Array(authors)) = m.get_mut("authors") {
                for a in authors.iter_mut() {
                    if let Value::String(name) = a {
                        let t = name.trim();
                        let bare = t.trim_matches('*').trim();
                        if t.starts_with('*') && t.ends_with('*') && !bare.is_empty() {
                            own.push(bare.to_string());
                            *name = bare.to_string();
                        }
                    }
                }
            }
            // An entry named by a link: `name: '[FlashInfer](https://...)'`.
            for key in ["name", "title"] {
                if let Some(Value::String(t)) = m.get(key) {
                    let (text, links) = crate::bib::latex::markdown(t);
                    if let [(_, url)] = links.as_slice()
                        && !m.contains_key("url")
                    {
                        m.insert("url".into(), Value::String(url.clone()));
                    }
                    m.insert(key.into(), Value::String(text));
                }
            }
            m.values_mut().for_each(|v| plain_cv(v, own));
        }
        _ => {}
    }
}

/// `v` with every YAML tag (`!custom A`) replaced by the value it tags.
fn untag(v: &mut serde_yaml_ng::Value) {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::Tagged(t) => {
            let mut inner = std::mem::take(&mut t.value);
            untag(&mut inner);
            *v = inner;
        }
        Y::Sequence(s) => s.iter_mut().for_each(untag),
        Y::Mapping(m) => m.values_mut().for_each(untag),
        _ => {}
    }
}

/// The kind of a RenderCV entry, from its keys.
fn kind(e: &Value) -> &'static str {
    let Value::Object(m) = e else {
        return if e.is_string() { "text" } else { "other" };
    };
    let has = |k: &str| m.contains_key(k);
    if has("company") && has("position") {
        "experience"
    } else if has("institution") && has("area") {
        "education"
    } else if has("title") && has("authors") {
        "publication"
    } else if has("label") && has("details") {
        "oneline"
    } else if has("bullet") {
        "bullet"
    } else if has("number") || has("reversed_number") {
        "numbered"
    } else if has("name") {
        "normal"
    } else {
        "other"
    }
}

fn section(out: &mut Out, title: &str, entries: Value) {
    let path = format!("cv.sections.{title}");
    let Value::Array(entries) = entries else {
        out.leftovers(&path, &entries);
        return;
    };
    let heading = title.replace('_', " ");
    let heading = capitalise(&heading);
    let lower = heading.to_lowercase();
    let kinds: Vec<&str> = entries.iter().map(kind).collect();
    // A section of text entries titled like a summary is the profile's summary.
    if kinds.iter().all(|k| *k == "text")
        && ["summary", "about", "about me", "profile"].contains(&lower.as_str())
    {
        let text: Vec<&str> = entries.iter().filter_map(Value::as_str).collect();
        out.doc["summary"] = s(text.join("\n\n"));
        return;
    }
    let mut custom: Vec<Table> = vec![];
    for (i, e) in entries.into_iter().enumerate() {
        let at = format!("{path}[{i}]");
        let k = kind(&e);
        let mut m = match e {
            Value::Object(m) => m,
            Value::String(text) => {
                let mut t = Table::new();
                t.insert("title", s(text));
                custom.push(t);
                continue;
            }
            other => {
                out.leftovers(&at, &other);
                continue;
            }
        };
        match k {
            "experience" => {
                let mut t = Table::new();
                t.insert("role", s(take_str(&mut m, "position").unwrap_or_default()));
                t.insert(
                    "organisation",
                    s(take_str(&mut m, "company").unwrap_or_default()),
                );
                set(&mut t, "location", take_str(&mut m, "location"));
                dates(&mut t, &mut m);
                let mut highlights: Vec<String> = take_str(&mut m, "summary").into_iter().collect();
                highlights.extend(take_list(&mut m, "highlights"));
                set_list(&mut t, "highlights", &highlights);
                let section = if lower.contains("volunteer") {
                    "volunteering"
                } else {
                    "experience"
                };
                out.push(section, t);
            }
            "education" => {
                let mut t = Table::new();
                let degree = match (take_str(&mut m, "degree"), take_str(&mut m, "area")) {
                    (Some(d), Some(a)) => format!("{d} in {a}"),
                    (Some(x), None) | (None, Some(x)) => x,
                    (None, None) => String::new(),
                };
                t.insert("degree", s(degree));
                t.insert(
                    "institution",
                    s(take_str(&mut m, "institution").unwrap_or_default()),
                );
                set(&mut t, "location", take_str(&mut m, "location"));
                dates(&mut t, &mut m);
                let mut notes: Vec<String> = take_str(&mut m, "summary").into_iter().collect();
                notes.extend(take_list(&mut m, "highlights"));
                if !notes.is_empty() {
                    t.insert("note", s(notes.join("; ")));
                }
                out.push("education", t);
            }
            "publication" => {
                let mut t = Table::new();
                t.insert("title", s(take_str(&mut m, "title").unwrap_or_default()));
                set_list(&mut t, "authors", &take_list(&mut m, "authors"));
                set(&mut t, "venue", take_str(&mut m, "journal"));
                set_date(&mut t, "date", &mut m, "date");
                set(&mut t, "doi", take_str(&mut m, "doi"));
                if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
                    set_links(&mut t, &[("link".into(), url.to_string())]);
                    m.remove("url");
                }
                out.push("publications", t);
            }
            "oneline" => {
                let mut t = Table::new();
                t.insert("label", s(take_str(&mut m, "label").unwrap_or_default()));
                set_list(&mut t, "items", &take_list(&mut m, "details"));
                out.push("skills", t);
            }
            "normal" if lower.contains("project") => {
                let mut t = Table::new();
                t.insert("name", s(take_str(&mut m, "name").unwrap_or_default()));
                set(&mut t, "description", take_str(&mut m, "summary"));
                dates(&mut t, &mut m);
                set_list(&mut t, "highlights", &take_list(&mut m, "highlights"));
                if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
                    set_links(&mut t, &[("website".into(), url.to_string())]);
                    m.remove("url");
                }
                out.push("projects", t);
            }
            "normal" | "bullet" | "numbered" => {
                let mut t = Table::new();
                let title = ["name", "bullet", "number", "reversed_number"]
                    .iter()
                    .find_map(|k| take_str(&mut m, k))
                    .unwrap_or_default();
                t.insert("title", s(title));
                set(&mut t, "subtitle", take_str(&mut m, "location"));
                dates(&mut t, &mut m);
                if t.contains_key("start") {
                    let start = t.remove("start").unwrap_or(Item::None);
                    t.insert("date", start);
                }
                let mut highlights: Vec<String> = take_str(&mut m, "summary").into_iter().collect();
                highlights.extend(take_list(&mut m, "highlights"));
                set_list(&mut t, "highlights", &highlights);
                if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
                    set_links(&mut t, &[("link".into(), url.to_string())]);
                    m.remove("url");
                }
                custom.push(t);
            }
            _ => {}
        }
        out.leftovers(&at, &Value::Object(m));
    }
    if !custom.is_empty() {
        let id = custom_id(out, &heading);
        let mut sec = Table::new();
        sec.insert("id", s(id));
        sec.insert("title", s(heading));
        let mut aot = ArrayOfTables::new();
        for t in custom {
            aot.push(t);
        }
        sec.insert("entries", Item::ArrayOfTables(aot));
        out.push("custom", sec);
    }
}

/// `start_date`/`end_date`, or a single `date`, as `start`/`end`.
fn dates(t: &mut Table, m: &mut Map<String, Value>) {
    set_date(t, "start", m, "start_date");
    set_date(t, "end", m, "end_date");
    if !t.contains_key("start") {
        set_date(t, "start", m, "date");
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An id for a custom section: its title in lower case with dashes, not a built-in name
/// and not used yet.
fn custom_id(out: &Out, title: &str) -> String {
    let base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let taken = |id: &str| {
        crate::profile::top_level_keys().contains(&id)
            || crate::view::SECTIONS.iter().any(|s| s.id == id)
            || out
                .doc
                .get("custom")
                .and_then(Item::as_array_of_tables)
                .is_some_and(|a| {
                    a.iter()
                        .any(|t| t.get("id").and_then(Item::as_str) == Some(id))
                })
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
