//! JSON Resume 1.0 (`resume.json`, https://jsonresume.org/schema) into a profile.

use serde_json::{Map, Value};
use toml_edit::Table;

use super::{Imported, Out, is_url, s, set, set_date, set_links, set_list, take_list, take_str};

/// Maps one entry of a section into the profile, taking the fields it uses.
type MapEntry = fn(&mut Out, &mut Map<String, Value>);

/// Maps a JSON Resume document.
pub fn import(text: &str) -> Result<Imported, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("it is not JSON: {e}"))?;
    let Value::Object(mut root) = root else {
        return Err("a JSON Resume document is an object with `basics`, `work`, ...".into());
    };
    if !root.contains_key("basics") && !root.contains_key("work") {
        return Err("it has neither `basics` nor `work`: it is not a JSON Resume document".into());
    }
    let mut out = Out::new("a JSON Resume document");
    root.remove("$schema");
    for v in root.values_mut() {
        super::plain_markdown(v);
    }
    // When the document was last changed is the profile's `updated`.
    if let Some(Value::Object(meta)) = root.get_mut("meta") {
        let mut t = toml_edit::Table::new();
        set_date(&mut t, "updated", meta, "lastModified");
        if let Some(d) = t.remove("updated") {
            out.doc["updated"] = d;
        }
    }
    if let Some(Value::Object(mut b)) = root.remove("basics") {
        basics(&mut out, &mut b);
        out.leftovers("basics", &Value::Object(b));
    }
    interests(&mut out, &mut root);
    references(&mut out, &mut root);
    let sections: [(&str, MapEntry); 9] = [
        ("work", work),
        ("volunteer", volunteer),
        ("education", education),
        ("projects", project),
        ("awards", award),
        ("certificates", certificate),
        ("publications", publication),
        ("skills", skill),
        ("languages", language),
    ];
    for (key, map) in sections {
        let Some(Value::Array(list)) = root.remove(key) else {
            continue;
        };
        for (i, e) in list.into_iter().enumerate() {
            match e {
                Value::Object(mut m) => {
                    map(&mut out, &mut m);
                    out.leftovers(&format!("{key}[{i}]"), &Value::Object(m));
                }
                other => out.leftovers(&format!("{key}[{i}]"), &other),
            }
        }
    }
    out.leftovers("", &Value::Object(root));
    Ok(out.finish())
}

fn basics(out: &mut Out, b: &mut Map<String, Value>) {
    if let Some(summary) = take_str(b, "summary") {
        out.doc["summary"] = s(summary);
    }
    let mut person = Table::new();
    person.insert("name", s(take_str(b, "name").unwrap_or_default()));
    set(&mut person, "headline", take_str(b, "label"));
    set(&mut person, "email", take_str(b, "email"));
    set(&mut person, "phone", take_str(b, "phone"));
    // `website` is the key before 1.0.
    for key in ["url", "website"] {
        if let Some(url) = b.get(key).and_then(Value::as_str).filter(|u| is_url(u)) {
            if !person.contains_key("homepage") {
                person.insert("homepage", s(url));
            }
            b.remove(key);
        }
    }
    if let Some(Value::Object(mut loc)) = b.remove("location") {
        let parts: Vec<String> = ["city", "region", "countryCode"]
            .iter()
            .filter_map(|k| take_str(&mut loc, k))
            .collect();
        if !parts.is_empty() {
            person.insert("location", s(parts.join(", ")));
        }
        if !loc.is_empty() {
            b.insert("location".into(), Value::Object(loc));
        }
    }
    let mut links = vec![];
    if let Some(Value::Array(profiles)) = b.remove("profiles") {
        for (i, p) in profiles.into_iter().enumerate() {
            let Value::Object(mut p) = p else { continue };
            let network = take_str(&mut p, "network").unwrap_or_default();
            let user = take_str(&mut p, "username");
            let url = take_str(&mut p, "url");
            match (network.to_lowercase().as_str(), user, url) {
                ("github", Some(u), _) => {
                    person.insert("github", s(u));
                }
                ("linkedin", Some(u), _) => {
                    person.insert("linkedin", s(u));
                }
                ("orcid", user, url) if user.is_some() || url.is_some() => {
                    let id = user.or(url).unwrap_or_default();
                    match crate::ids::orcid(&id) {
                        Ok(id) => {
                            person.insert("orcid", s(id));
                        }
                        Err(e) => out.warnings.push(super::bad_orcid(
                            &format!("basics.profiles[{i}]"),
                            &id,
                            &e,
                        )),
                    }
                }
                (_, _, Some(url)) if is_url(&url) && !network.is_empty() => {
                    links.push((network, url));
                }
                (_, user, url) => {
                    let mut m = Map::new();
                    m.insert("network".into(), Value::String(network));
                    if let Some(u) = user {
                        m.insert("username".into(), Value::String(u));
                    }
                    if let Some(u) = url {
                        m.insert("url".into(), Value::String(u));
                    }
                    out.leftovers(&format!("basics.profiles[{i}]"), &Value::Object(m));
                }
            }
            out.leftovers(&format!("basics.profiles[{i}]"), &Value::Object(p));
        }
    }
    if !links.is_empty() {
        set_links(&mut person, &links);
    }
    *out.table("person") = person;
    out.table("person").set_implicit(false);
}

/// `references` (who vouches for the person, and what they say): a section of its own.
fn references(out: &mut Out, root: &mut Map<String, Value>) {
    let Some(Value::Array(list)) = root.remove("references") else {
        return;
    };
    let mut entries = toml_edit::ArrayOfTables::new();
    for (i, e) in list.into_iter().enumerate() {
        let Value::Object(mut m) = e else {
            out.leftovers(&format!("references[{i}]"), &e);
            continue;
        };
        let mut t = Table::new();
        let name = take_str(&mut m, "name");
        let says = take_str(&mut m, "reference");
        if name.is_none() && says.is_none() {
            out.leftovers(&format!("references[{i}]"), &Value::Object(m));
            continue;
        }
        t.insert("title", s(name.unwrap_or_else(|| "Reference".into())));
        set_list(&mut t, "highlights", &says.into_iter().collect::<Vec<_>>());
        entries.push(t);
        out.leftovers(&format!("references[{i}]"), &Value::Object(m));
    }
    if !entries.is_empty() {
        let mut sec = Table::new();
        sec.insert("id", s("references"));
        sec.insert("title", s("References"));
        sec.insert("entries", toml_edit::Item::ArrayOfTables(entries));
        out.push("custom", sec);
    }
}

fn interests(out: &mut Out, root: &mut Map<String, Value>) {
    let Some(Value::Array(list)) = root.remove("interests") else {
        return;
    };
    let mut names = vec![];
    let mut left = vec![];
    for e in list {
        let Value::Object(mut m) = e else { continue };
        if let Some(n) = take_str(&mut m, "name") {
            names.push(n);
        }
        if m.values().any(|v| !v.is_null()) {
            left.push(Value::Object(m));
        }
    }
    if !names.is_empty() {
        out.doc["interests"] = super::list(&names);
    }
    for (i, l) in left.iter().enumerate() {
        out.leftovers(&format!("interests[{i}]"), l);
    }
}

fn work(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("role", s(take_str(m, "position").unwrap_or_default()));
    // `company` is the key of JSON Resume before 1.0.
    let org = take_str(m, "name").or_else(|| take_str(m, "company"));
    t.insert("organisation", s(org.unwrap_or_default()));
    set(&mut t, "location", take_str(m, "location"));
    set_date(&mut t, "start", m, "startDate");
    set_date(&mut t, "end", m, "endDate");
    let mut highlights: Vec<String> = take_str(m, "summary").into_iter().collect();
    highlights.extend(take_list(m, "highlights"));
    set_list(&mut t, "highlights", &highlights);
    out.push("experience", t);
}

fn volunteer(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("role", s(take_str(m, "position").unwrap_or_default()));
    t.insert(
        "organisation",
        s(take_str(m, "organization").unwrap_or_default()),
    );
    set_date(&mut t, "start", m, "startDate");
    set_date(&mut t, "end", m, "endDate");
    let mut highlights: Vec<String> = take_str(m, "summary").into_iter().collect();
    highlights.extend(take_list(m, "highlights"));
    set_list(&mut t, "highlights", &highlights);
    out.push("volunteering", t);
}

fn education(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    let degree = match (take_str(m, "studyType"), take_str(m, "area")) {
        (Some(k), Some(a)) => format!("{k} in {a}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => String::new(),
    };
    t.insert("degree", s(degree));
    t.insert(
        "institution",
        s(take_str(m, "institution").unwrap_or_default()),
    );
    set_date(&mut t, "start", m, "startDate");
    set_date(&mut t, "end", m, "endDate");
    let mut note = take_str(m, "score").map(|g| format!("Grade: {g}"));
    let courses = take_list(m, "courses");
    if !courses.is_empty() {
        let c = format!("Courses: {}", courses.join(", "));
        note = Some(match note {
            Some(n) => format!("{n}; {c}"),
            None => c,
        });
    }
    set(&mut t, "note", note);
    out.push("education", t);
}

fn project(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("name", s(take_str(m, "name").unwrap_or_default()));
    let roles = take_list(m, "roles");
    if !roles.is_empty() {
        t.insert("role", s(roles.join(", ")));
    }
    set(&mut t, "organisation", take_str(m, "entity"));
    set(&mut t, "description", take_str(m, "description"));
    set_date(&mut t, "start", m, "startDate");
    set_date(&mut t, "end", m, "endDate");
    set_list(&mut t, "technologies", &take_list(m, "keywords"));
    set_list(&mut t, "highlights", &take_list(m, "highlights"));
    if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
        set_links(&mut t, &[("website".into(), url.to_string())]);
        m.remove("url");
    }
    out.push("projects", t);
}

fn award(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("title", s(take_str(m, "title").unwrap_or_default()));
    set(&mut t, "issuer", take_str(m, "awarder"));
    set_date(&mut t, "date", m, "date");
    out.push("awards", t);
}

fn certificate(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("name", s(take_str(m, "name").unwrap_or_default()));
    set(&mut t, "issuer", take_str(m, "issuer"));
    set_date(&mut t, "date", m, "date");
    if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
        t.insert("url", s(url));
        m.remove("url");
    }
    out.push("certifications", t);
}

fn publication(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("title", s(take_str(m, "name").unwrap_or_default()));
    set(&mut t, "venue", take_str(m, "publisher"));
    set_date(&mut t, "date", m, "releaseDate");
    if let Some(url) = m.get("url").and_then(Value::as_str).filter(|u| is_url(u)) {
        set_links(&mut t, &[("link".into(), url.to_string())]);
        m.remove("url");
    }
    out.push("publications", t);
}

fn skill(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    let mut label = take_str(m, "name").unwrap_or_default();
    if let Some(level) = take_str(m, "level") {
        label = format!("{label} ({level})");
    }
    t.insert("label", s(label));
    set_list(&mut t, "items", &take_list(m, "keywords"));
    out.push("skills", t);
}

fn language(out: &mut Out, m: &mut Map<String, Value>) {
    let mut t = Table::new();
    t.insert("language", s(take_str(m, "language").unwrap_or_default()));
    set(&mut t, "level", take_str(m, "fluency"));
    out.push("languages", t);
}
