//! The entry, character and word limits of the funder a document follows (its preset, and
//! its own `max_chars` and `max_words`): measured on each build, an error over a limit, and
//! the counts against the limits for `vita check`.

use super::Document;
use crate::diag::Diagnostic;
use crate::profile::{Checker, Entry, KeyPath, Profile};
use crate::style::presets::Limit;

/// The sections whose text vita counts (for `max_chars` and `max_words`).
pub const COUNTED: &[&str] = &[
    "personal_statement",
    "summary",
    "contributions",
    "synergistic",
];

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Entries of a list.
    Entries,
    /// Characters (Unicode scalar values, spaces and line breaks included).
    Characters,
    /// Words: runs of characters between white space.
    Words,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Entries => "entries",
            Unit::Characters => "characters",
            Unit::Words => "words",
        }
    }
}

/// One limited quantity of one document, counted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Measure {
    /// The document's name.
    pub document: String,
    /// The section's id.
    pub section: String,
    /// What the message calls it: `personal statement`, `contributions to science, entry 2`.
    pub label: String,
    /// What is counted.
    pub unit: Unit,
    /// How many there are.
    pub count: usize,
    /// How many are allowed.
    pub limit: usize,
    /// Where the limit comes from: `set by the `nih-biosketch` preset (...)`.
    pub rule: String,
    /// Where in the profile the counted text or list is.
    #[serde(skip)]
    pub at: KeyPath,
}

impl Measure {
    /// The count against the limit, for `vita check`: `personal statement: 1,234 of 3,500
    /// characters`.
    pub fn line(&self) -> String {
        format!(
            "{}: {} of {} {}",
            self.label,
            thousands(self.count),
            thousands(self.limit),
            self.unit.name()
        )
    }

    /// Whether the count is over the limit.
    pub fn over(&self) -> bool {
        self.count > self.limit
    }
}

/// `3712` -> `3,712`.
pub fn thousands(n: usize) -> String {
    crate::view::thousands(n as u64)
}

/// The texts of a section as a document shows them, each with its place in the profile;
/// `None` for a section that is a list without text of its own.
fn texts(p: &Profile, doc: &Document, id: &str) -> Option<Vec<(KeyPath, String)>> {
    fn list<T: Entry>(
        doc: &Document,
        key: &str,
        v: &[T],
        text: impl Fn(&T) -> &str,
    ) -> Vec<(KeyPath, String)> {
        v.iter()
            .enumerate()
            .filter(|(_, e)| doc.shows(*e))
            .map(|(i, e)| (KeyPath::key(key).i(i).k("text"), text(e).trim().to_string()))
            .collect()
    }
    match id {
        "personal_statement" => {
            let (at, text) = match &doc.settings.personal_statement {
                Some(t) => (KeyPath::document(&doc.name).k("personal_statement"), t),
                None => (
                    KeyPath::key("personal_statement"),
                    p.personal_statement.as_ref()?,
                ),
            };
            Some(vec![(at, text.trim().to_string())])
        }
        "summary" => Some(vec![(
            KeyPath::key("summary"),
            p.summary.as_deref()?.trim().to_string(),
        )]),
        "contributions" => Some(list(doc, "contributions", &p.contributions, |e| &e.text)),
        "synergistic" => Some(list(doc, "synergistic", &p.synergistic, |e| &e.text)),
        _ => None,
    }
}

/// How many entries of a section a document shows, with the place of the list.
fn entries(p: &Profile, doc: &Document, id: &str) -> (usize, KeyPath) {
    let shown = |v: Vec<&dyn Entry>| v.into_iter().filter(|e| doc.shows(*e)).count();
    fn all<T: Entry>(v: &[T]) -> Vec<&dyn Entry> {
        v.iter().map(|e| e as &dyn Entry).collect()
    }
    let s = &doc.settings;
    let count = match id {
        "products" => return (s.products.len(), KeyPath::document(&doc.name).k("products")),
        "other_products" => {
            return (
                s.other_products.len(),
                KeyPath::document(&doc.name).k("other_products"),
            );
        }
        "contributions" => shown(all(&p.contributions)),
        "synergistic" => shown(all(&p.synergistic)),
        "appointments" => shown(all(&p.appointments)),
        "grants" => shown(all(&p.grants)),
        "supervision" => shown(all(&p.supervision)),
        "honors" | "awards" => shown(all(&p.awards)),
        "preparation" | "education" => shown(all(&p.education)),
        _ => crate::view::section_len(p, id).unwrap_or(0),
    };
    let key = match id {
        "honors" => "awards",
        "preparation" => "education",
        other => other,
    };
    (count, KeyPath::key(key))
}

/// Every limit of every document of the profile, counted, in document order.
pub fn measure(p: &Profile) -> Vec<Measure> {
    let mut out = vec![];
    for doc in Document::all(p) {
        let preset = crate::style::preset_of(&doc);
        let mut limits: Vec<(String, Limit, String)> = preset
            .map(|pr| {
                pr.limits
                    .iter()
                    .map(|(id, l)| {
                        let rule = format!("set by the `{}` preset ({})", pr.name, pr.title);
                        (id.clone(), l.clone(), rule)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let place = match doc.name.as_str() {
            "resume" | "cv" => format!("[{}]", doc.name),
            n => format!("[documents.{n}]"),
        };
        for (key, map) in [
            ("max_chars", &doc.settings.max_chars),
            ("max_words", &doc.settings.max_words),
        ] {
            for (id, n) in map {
                let rule = format!("set by `{place}.{key}`");
                let found = limits.iter_mut().find(|(i, _, _)| i == id);
                let (l, r) = match found {
                    Some((_, l, r)) => (l, r),
                    None => {
                        limits.push((id.clone(), Limit::default(), rule.clone()));
                        let last = limits.last_mut().expect("just pushed");
                        (&mut last.1, &mut last.2)
                    }
                };
                if key == "max_chars" {
                    l.chars = Some(*n);
                } else {
                    l.words = Some(*n);
                }
                *r = rule;
            }
        }
        // In the order the document prints its sections.
        let order: Vec<String> = match (&doc.settings.sections, &doc.kind.sections) {
            (Some(list), _) => list.clone(),
            (None, super::DefaultSections::Form(ids) | super::DefaultSections::Only(ids)) => {
                ids.iter().map(|s| s.to_string()).collect()
            }
            (None, super::DefaultSections::AllBut(_)) => crate::view::SECTIONS
                .iter()
                .map(|s| s.id.to_string())
                .collect(),
        };
        limits.sort_by_key(|(id, _, _)| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
        for (id, limit, rule) in limits {
            out.extend(one(p, &doc, &id, &limit, &rule));
        }
    }
    out
}

/// The limits of one section of one document, counted.
fn one(p: &Profile, doc: &Document, id: &str, l: &Limit, rule: &str) -> Vec<Measure> {
    let heading = crate::view::SECTIONS
        .iter()
        .find(|s| s.id == id)
        .map_or(id.replace('_', " "), |s| s.heading.to_lowercase());
    let mut out = vec![];
    let mut add = |label: String, unit, count, limit, at: KeyPath| {
        out.push(Measure {
            document: doc.name.clone(),
            section: id.to_string(),
            label,
            unit,
            count,
            limit,
            rule: rule.to_string(),
            at,
        });
    };
    if let Some(max) = l.entries {
        let (count, at) = entries(p, doc, id);
        // Point at the first entry over the limit.
        add(
            heading.clone(),
            Unit::Entries,
            count,
            max,
            at.i(max.min(count.saturating_sub(1))),
        );
    }
    let Some(texts) = texts(p, doc, id) else {
        return out;
    };
    let chars = |s: &str| s.chars().count();
    let words = |s: &str| s.split_whitespace().count();
    let single = texts.len() == 1 && matches!(id, "personal_statement" | "summary");
    for (max, unit, f) in [
        (l.chars, Unit::Characters, &chars as &dyn Fn(&str) -> usize),
        (l.words, Unit::Words, &words),
    ] {
        if let Some(max) = max {
            let total = texts.iter().map(|(_, t)| f(t)).sum();
            let at = texts.first().map_or(KeyPath::key(id), |(at, _)| at.clone());
            let label = if single {
                heading.clone()
            } else {
                format!("{heading}, all entries together")
            };
            add(label, unit, total, max, at);
        }
    }
    for (max, unit, f) in [
        (
            l.chars_each,
            Unit::Characters,
            &chars as &dyn Fn(&str) -> usize,
        ),
        (l.words_each, Unit::Words, &words),
    ] {
        if let Some(max) = max {
            for (i, (at, t)) in texts.iter().enumerate() {
                add(
                    format!("{heading}, entry {}", i + 1),
                    unit,
                    f(t),
                    max,
                    at.clone(),
                );
            }
        }
    }
    out
}

/// One error per limit a document goes over, at the profile key of what is too long;
/// a warning for each section its preset asks for that it leaves empty.
pub fn check(p: &Profile, c: &mut Checker) {
    for m in measure(p).into_iter().filter(Measure::over) {
        let over = m.count - m.limit;
        let fix = match m.unit {
            Unit::Entries => format!(
                "keep {} of them for the {}: `exclude = [\"{}\"]` on the others",
                m.limit, m.document, m.document
            ),
            unit => format!("shorten it by {} {}", thousands(over), unit.name()),
        };
        let d = Diagnostic::error(format!(
            "{}: {} {}, limit {} (the {})",
            m.label,
            thousands(m.count),
            m.unit.name(),
            thousands(m.limit),
            m.document
        ))
        .hint(format!("the limit is {}", m.rule))
        .hint(fix);
        c.push(&m.at, d);
    }
    for doc in Document::all(p) {
        uncited(p, &doc, c);
        unshown(p, &doc, c);
        let Some(preset) = crate::style::preset_of(&doc) else {
            continue;
        };
        for id in &preset.required {
            let shown = crate::view::SECTIONS
                .iter()
                .any(|s| s.id == id && (s.len)(p) > 0)
                && match id.as_str() {
                    "products" => !doc.settings.products.is_empty(),
                    "other_products" => !doc.settings.other_products.is_empty(),
                    _ => true,
                };
            if !shown {
                let d = Diagnostic::warning(format!(
                    "the {} follows `{}`, which asks for `{id}`, and it has none",
                    doc.name, preset.name
                ))
                .hint(match id.as_str() {
                    "products" | "other_products" => {
                        format!("list publication ids in `{id} = [...]` of the document's table")
                    }
                    _ => format!("add entries to `{id}` in the profile"),
                });
                c.push(&KeyPath::document(&doc.name), d);
            }
        }
    }
}

/// In a document that chooses products, a contribution names its works by product number:
/// a cited work that is no product of the document is warned about.
fn uncited(p: &Profile, doc: &Document, c: &mut Checker) {
    let s = &doc.settings;
    let shows = crate::view::section_ids(p, doc)
        .iter()
        .any(|id| id == "contributions");
    if !shows || (s.products.is_empty() && s.other_products.is_empty()) {
        return;
    }
    for (i, e) in p.contributions.iter().enumerate() {
        if !doc.shows(e) {
            continue;
        }
        for (j, id) in e.cites.iter().enumerate() {
            let known = p.publications.iter().any(|x| x.id.as_deref() == Some(id));
            if known && !s.products.contains(id) && !s.other_products.contains(id) {
                let d = Diagnostic::warning(format!(
                    "`contributions[{}]` cites `{id}`, which is not among the products of the {}",
                    i + 1,
                    doc.name
                ))
                .hint(format!(
                    "the {} names a contribution's works by their product numbers: add `{id}` to its `products` or `other_products`",
                    doc.name
                ));
                c.push(&KeyPath::key("contributions").i(i).k("cites").i(j), d);
            }
        }
    }
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;

/// A document key whose section the document does not print is a warning (`products` on a
/// CV): the value would silently go nowhere.
fn unshown(p: &Profile, doc: &Document, c: &mut Checker) {
    let s = &doc.settings;
    let ids = crate::view::section_ids(p, doc);
    for (key, set) in [
        ("products", !s.products.is_empty()),
        ("other_products", !s.other_products.is_empty()),
        ("personal_statement", s.personal_statement.is_some()),
    ] {
        if set && !ids.iter().any(|id| id == key) {
            let d = Diagnostic::warning(format!(
                "the {} does not print `{key}`, so its `{key}` is not used",
                doc.name
            ))
            .hint(format!(
                "add \"{key}\" to its `sections`, or use a kind that prints it (`nih-biosketch`, `biosketch-common`)"
            ));
            c.push(&KeyPath::document(&doc.name).k(key), d);
        }
    }
}
