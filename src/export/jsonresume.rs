//! A profile as a JSON Resume 1.0 document (https://jsonresume.org/schema), for the themes,
//! job sites and tools that read that format. Sections JSON Resume has no place for (talks,
//! teaching, service, patents, news, custom sections) are left out.

use serde_json::{Map, Value, json};

use crate::profile::{Date, Links, Profile};

/// The JSON Resume document of a profile (publications include those of its .bib files).
pub fn document(p: &Profile) -> Value {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json".into(),
    );
    root.insert("basics".into(), basics(p));
    let mut work = vec![];
    for e in &p.experience {
        if e.positions.is_empty() {
            work.push(obj([
                ("name", text(&e.organisation)),
                ("position", text(&e.role)),
                ("location", opt(e.location.as_ref())),
                ("startDate", date(e.start.as_ref())),
                ("endDate", date(e.end.as_ref())),
                ("highlights", strings(&e.highlights)),
            ]));
        }
        // A promotion is a work entry per role, as JSON Resume has no roles within one.
        for r in &e.positions {
            let mut highlights = r.highlights.clone();
            highlights.extend(e.highlights.iter().cloned());
            work.push(obj([
                ("name", text(&e.organisation)),
                ("position", text(&r.role)),
                ("location", opt(r.location.as_ref().or(e.location.as_ref()))),
                ("startDate", date(r.start.as_ref())),
                ("endDate", date(r.end.as_ref())),
                ("highlights", strings(&highlights)),
            ]));
        }
    }
    section(&mut root, "work", work);
    section(
        &mut root,
        "volunteer",
        p.volunteering
            .iter()
            .map(|e| {
                obj([
                    ("organization", text(&e.organisation)),
                    ("position", text(&e.role)),
                    ("startDate", date(e.start.as_ref())),
                    ("endDate", date(e.end.as_ref())),
                    ("highlights", strings(&e.highlights)),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "education",
        p.education
            .iter()
            .map(|e| {
                obj([
                    ("institution", text(&e.institution)),
                    ("area", text(&e.degree)),
                    ("startDate", date(e.start.as_ref())),
                    ("endDate", date(e.end.as_ref())),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "awards",
        p.awards
            .iter()
            .map(|e| {
                obj([
                    ("title", text(&e.title)),
                    ("awarder", opt(e.issuer.as_ref())),
                    ("date", date(e.date.as_ref())),
                    ("summary", opt(e.rank.as_ref())),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "certificates",
        p.certifications
            .iter()
            .map(|e| {
                obj([
                    ("name", text(&e.name)),
                    ("issuer", opt(e.issuer.as_ref())),
                    ("date", date(e.date.as_ref())),
                    ("url", opt(e.url.as_ref())),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "publications",
        p.publications
            .iter()
            .map(|e| {
                let url = e
                    .doi
                    .as_ref()
                    .map(|d| format!("https://doi.org/{d}"))
                    .or_else(|| {
                        e.arxiv
                            .as_ref()
                            .map(|a| format!("https://arxiv.org/abs/{a}"))
                    })
                    .or_else(|| first_link(&e.links));
                let released = e
                    .date
                    .as_ref()
                    .and_then(|d| date(Some(d)).as_str().map(String::from))
                    .or_else(|| e.year.map(|y| y.to_string()));
                obj([
                    ("name", text(&e.title)),
                    (
                        "publisher",
                        opt(e.venue.as_ref().or(e.venue_short.as_ref())),
                    ),
                    (
                        "releaseDate",
                        released.map(Value::from).unwrap_or(Value::Null),
                    ),
                    ("url", url.map(Value::from).unwrap_or(Value::Null)),
                    ("summary", opt(e.note.as_ref())),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "skills",
        p.skills
            .iter()
            .map(|e| obj([("name", text(&e.label)), ("keywords", strings(&e.items))]))
            .collect(),
    );
    section(
        &mut root,
        "languages",
        p.languages
            .iter()
            .map(|e| {
                obj([
                    ("language", text(&e.language)),
                    ("fluency", opt(e.level.as_ref())),
                ])
            })
            .collect(),
    );
    section(
        &mut root,
        "interests",
        p.interests.iter().map(|i| json!({ "name": i })).collect(),
    );
    section(
        &mut root,
        "projects",
        p.projects
            .iter()
            .map(|e| {
                obj([
                    ("name", text(&e.name)),
                    ("description", opt(e.description.as_ref())),
                    ("highlights", strings(&e.highlights)),
                    ("keywords", strings(&e.technologies)),
                    ("startDate", date(e.start.as_ref())),
                    ("endDate", date(e.end.as_ref())),
                    (
                        "url",
                        first_link(&e.links).map(Value::from).unwrap_or(Value::Null),
                    ),
                    (
                        "roles",
                        e.role.as_ref().map(|r| json!([r])).unwrap_or(Value::Null),
                    ),
                    ("entity", opt(e.organisation.as_ref())),
                ])
            })
            .collect(),
    );
    if let Some(d) = p
        .updated
        .as_ref()
        .and_then(|d| date(Some(d)).as_str().map(String::from))
    {
        root.insert("meta".into(), json!({ "lastModified": d }));
    }
    Value::Object(root)
}

fn basics(p: &Profile) -> Value {
    let pp = &p.person;
    let mut profiles = vec![];
    let mut add = |network: &str, user: Option<&str>, url: String| {
        let mut m = Map::new();
        m.insert("network".into(), network.into());
        if let Some(u) = user {
            m.insert("username".into(), u.into());
        }
        m.insert("url".into(), url.into());
        profiles.push(Value::Object(m));
    };
    if let Some(g) = &pp.github {
        add("GitHub", Some(g), format!("https://github.com/{g}"));
    }
    if let Some(l) = &pp.linkedin {
        add(
            "LinkedIn",
            Some(l),
            format!("https://www.linkedin.com/in/{l}"),
        );
    }
    if let Some(s) = &pp.scholar {
        add(
            "Google Scholar",
            None,
            format!("https://scholar.google.com/citations?user={s}"),
        );
    }
    if let Some(o) = &pp.orcid {
        add("ORCID", Some(o), format!("https://orcid.org/{o}"));
    }
    if let Some(d) = &pp.dblp {
        add("DBLP", None, d.clone());
    }
    for (label, url) in &pp.links.0 {
        add(label, None, url.clone());
    }
    let mut b = obj([
        ("name", text(&pp.name)),
        ("label", opt(pp.headline.as_ref())),
        ("email", opt(pp.email.as_ref())),
        ("phone", opt(pp.phone.as_ref())),
        ("url", opt(pp.homepage.as_ref())),
        ("summary", opt(p.summary.as_ref())),
    ]);
    if let (Some(loc), Value::Object(m)) = (&pp.location, &mut b) {
        m.insert("location".into(), json!({ "address": loc }));
    }
    if let Value::Object(m) = &mut b
        && !profiles.is_empty()
    {
        m.insert("profiles".into(), Value::Array(profiles));
    }
    b
}

/// An object of the fields that have a value (null and empty lists left out).
fn obj<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn section(root: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if !items.is_empty() {
        root.insert(key.into(), Value::Array(items));
    }
}

fn text(s: &str) -> Value {
    if s.trim().is_empty() {
        Value::Null
    } else {
        Value::from(s.trim())
    }
}

fn opt<S: AsRef<str>>(s: Option<S>) -> Value {
    s.map_or(Value::Null, |s| text(s.as_ref()))
}

fn strings(items: &[String]) -> Value {
    Value::from(items.to_vec())
}

/// A date as JSON Resume writes it (`2021`, `2021-09`, `2021-09-29`); an open end has none.
fn date(d: Option<&Date>) -> Value {
    match d {
        Some(d @ Date::On { .. }) => Value::from(d.iso()),
        _ => Value::Null,
    }
}

fn first_link(l: &Links) -> Option<String> {
    l.0.first().map(|(_, u)| u.clone())
}
