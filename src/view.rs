//! What each document receives: the sections it shows, in order, with entries selected,
//! limited and put into a few plain shapes that layouts draw without knowing the schema.
//!
//! Everything here is data: user text stays strings all the way into the layout.

use serde_json::{Value, json};

use crate::names::{OwnName, split_marks};
use crate::profile::{Date, Doc, Links, Profile, SECTIONS, display_range};

/// Sections the resume shows when `[resume].sections` is not given.
const RESUME_DEFAULT: &[&str] = &[
    "summary",
    "education",
    "experience",
    "publications",
    "awards",
    "skills",
];

/// Entries per section on the resume when `[resume].limit` does not say.
const RESUME_LIMITS: &[(&str, usize)] = &[
    ("publications", 6),
    ("awards", 5),
    ("news", 3),
    ("talks", 3),
];

/// Authors shown per work on the resume before "et al." when `[resume]` does not say.
const RESUME_MAX_AUTHORS: usize = 6;

/// Sections the CV leaves out unless asked for.
const CV_SKIPS: &[&str] = &["skills"];

/// Options that come from outside the profile (the command line, the environment).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The document date when the profile has no `updated` (from `SOURCE_DATE_EPOCH`).
    pub date: Option<Date>,
}

/// Builds the data one document's layout receives.
pub fn view(p: &Profile, doc: Doc, opts: &Options, style: &crate::style::Style) -> Value {
    let variant = p.variant(doc);
    let me = p.person.own_name();
    let ids: Vec<String> = match &variant.sections {
        Some(list) => list.clone(),
        None => {
            let builtin: Vec<&str> = match doc {
                Doc::Resume => RESUME_DEFAULT.to_vec(),
                Doc::Cv => SECTIONS
                    .iter()
                    .map(|(id, _)| *id)
                    .filter(|id| !CV_SKIPS.contains(id))
                    .collect(),
            };
            builtin
                .into_iter()
                .map(String::from)
                .chain(p.custom.iter().map(|c| c.id.clone()))
                .filter(|id| crate::profile::section_len(p, id) > 0)
                .collect()
        }
    };
    let limit = |id: &str| {
        variant.limit.get(id).copied().or_else(|| match doc {
            Doc::Resume => RESUME_LIMITS
                .iter()
                .find(|(k, _)| *k == id)
                .map(|(_, n)| *n),
            Doc::Cv => None,
        })
    };
    let ctx = Ctx {
        doc,
        me: &me,
        max_authors: variant.max_authors.or(match doc {
            Doc::Resume => Some(RESUME_MAX_AUTHORS),
            Doc::Cv => None,
        }),
    };
    let sections: Vec<Value> = ids
        .iter()
        .filter_map(|id| section(p, &ctx, id, limit(id), variant.selected_only))
        .collect();

    let date = p.updated.or(opts.date);
    let title = match doc {
        Doc::Resume => "Résumé",
        Doc::Cv => "Curriculum Vitae",
    };
    json!({
        "doc": doc.name(),
        "lang": p.lang.clone().unwrap_or_else(|| "en".into()),
        "style": style.to_json(),
        "meta": {
            "title": format!("{} – {title}", p.person.name),
            "author": p.person.name,
            "keywords": p.interests,
            "date": date.and_then(|d| d.ymd()).map(|(y, m, d)| json!({"year": y, "month": m, "day": d})),
        },
        "updated": date.map(|d| d.display_long()),
        "person": person(p),
        "sections": sections,
    })
}

/// What every section builder needs to know.
struct Ctx<'a> {
    doc: Doc,
    me: &'a OwnName,
    /// Author lists longer than this are shortened with "et al.".
    max_authors: Option<usize>,
}

impl Ctx<'_> {
    /// Whether an entry with this `exclude` list belongs in this document.
    fn shows(&self, exclude: &[String]) -> bool {
        !exclude.iter().any(|d| d == self.doc.name())
    }
}

fn person(p: &Profile) -> Value {
    let pp = &p.person;
    let mut contacts = vec![];
    let mut add = |kind: &str, text: &str, url: Option<String>| {
        contacts.push(json!({"kind": kind, "text": text, "url": url}));
    };
    if let Some(v) = &pp.location {
        add("location", v, None);
    }
    if let Some(v) = &pp.email {
        add("email", v, Some(format!("mailto:{v}")));
    }
    if let Some(v) = &pp.phone {
        let digits: String = v
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        add("phone", v, Some(format!("tel:{digits}")));
    }
    if let Some(v) = &pp.homepage {
        add("homepage", strip_scheme(v), Some(v.clone()));
    }
    if let Some(v) = &pp.github {
        add(
            "github",
            &format!("github.com/{v}"),
            Some(format!("https://github.com/{v}")),
        );
    }
    if let Some(v) = &pp.scholar {
        add(
            "scholar",
            "Google Scholar",
            Some(format!("https://scholar.google.com/citations?user={v}")),
        );
    }
    if let Some(v) = &pp.orcid {
        add(
            "orcid",
            &format!("ORCID {v}"),
            Some(format!("https://orcid.org/{v}")),
        );
    }
    if let Some(v) = &pp.linkedin {
        add(
            "linkedin",
            &format!("linkedin.com/in/{v}"),
            Some(format!("https://www.linkedin.com/in/{v}")),
        );
    }
    if let Some(v) = &pp.dblp {
        add("dblp", "DBLP", Some(v.clone()));
    }
    for (label, url) in &pp.links.0 {
        add("link", label, Some(url.clone()));
    }
    json!({
        "name": pp.name,
        "native_name": pp.native_name,
        "headline": pp.headline,
        "contacts": contacts,
    })
}

/// `https://example.org/` -> `example.org`.
fn strip_scheme(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.strip_suffix('/').unwrap_or(rest)
}

fn links(l: &Links) -> Vec<Value> {
    l.0.iter()
        .map(|(label, url)| json!({"label": label, "url": url}))
        .collect()
}

fn section(
    p: &Profile,
    ctx: &Ctx,
    id: &str,
    limit: Option<usize>,
    selected_only: Option<bool>,
) -> Option<Value> {
    let take =
        |v: Vec<Value>| -> Vec<Value> { v.into_iter().take(limit.unwrap_or(usize::MAX)).collect() };
    let title = SECTIONS
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, t)| t.to_string())
        .or_else(|| {
            p.custom
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.title.clone())
        })?;
    let body = match id {
        "summary" => json!({"shape": "text", "text": p.summary.as_deref()?.trim()}),
        "interests" => {
            json!({"shape": "tags", "items": take(p.interests.iter().map(|s| json!(s)).collect())})
        }
        "education" => {
            let entries = p
                .education
                .iter()
                .filter(|e| ctx.shows(&e.exclude))
                .map(|e| {
                    let mut lines = vec![];
                    if let Some(t) = &e.thesis {
                        lines.push(json!({"label": "Thesis", "text": t}));
                    }
                    if !e.advisors.is_empty() {
                        let label = if e.advisors.len() > 1 {
                            "Advisors"
                        } else {
                            "Advisor"
                        };
                        lines.push(json!({"label": label, "text": e.advisors.join(" and ")}));
                    }
                    if let Some(n) = &e.note {
                        lines.push(json!({"label": null, "text": n}));
                    }
                    json!({
                        "title": e.degree, "subtitle": e.institution, "location": e.location,
                        "date": display_range(e.start.as_ref(), e.end.as_ref()),
                        "lines": lines, "bullets": [], "links": [],
                    })
                });
            json!({"shape": "entries", "entries": take(entries.collect())})
        }
        "experience" => {
            let entries = p
                .experience
                .iter()
                .filter(|e| ctx.shows(&e.exclude))
                .map(|e| {
                    let mut lines = vec![];
                    if !e.mentors.is_empty() {
                        let label = if e.mentors.len() > 1 {
                            "Mentors"
                        } else {
                            "Mentor"
                        };
                        lines.push(json!({"label": label, "text": e.mentors.join(" and ")}));
                    }
                    json!({
                        "title": e.role, "subtitle": e.organisation, "location": e.location,
                        "date": display_range(e.start.as_ref(), e.end.as_ref()),
                        "lines": lines, "bullets": e.highlights, "links": [],
                    })
                });
            json!({"shape": "entries", "entries": take(entries.collect())})
        }
        "publications" => publications(p, ctx, limit, selected_only),
        "reports" => {
            let shown: Vec<_> = p.reports.iter().filter(|e| ctx.shows(&e.exclude)).collect();
            let entries = shown.iter().map(|e| {
                work(
                    ctx,
                    Work {
                        title: &e.title,
                        authors: &e.authors,
                        venue: e.institution.as_deref(),
                        date: e.date.as_ref().map(Date::display),
                        detail: e.note.as_deref(),
                        links: links(&e.links),
                        ..Work::default()
                    },
                )
            });
            let authors: Vec<&String> = shown.iter().flat_map(|r| r.authors.iter()).collect();
            json!({"shape": "works", "groups": [{"title": null, "entries": take(entries.collect())}], "legend": legend(&authors)})
        }
        "patents" => {
            let entries = p.patents.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                let detail = [e.status.as_deref(), e.number.as_deref(), e.note.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(", ");
                work(
                    ctx,
                    Work {
                        title: &e.title,
                        authors: &e.inventors,
                        date: e.date.as_ref().map(Date::display),
                        detail: Some(detail.as_str()).filter(|d| !d.is_empty()),
                        links: links(&e.links),
                        ..Work::default()
                    },
                )
            });
            json!({"shape": "works", "groups": [{"title": null, "entries": take(entries.collect())}], "legend": []})
        }
        "talks" => {
            let entries = p.talks.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                json!({
                    "title": e.title, "subtitle": e.event, "location": e.location,
                    "date": e.date.as_ref().map(Date::display).unwrap_or_default(),
                    "lines": [], "bullets": [], "links": links(&e.links),
                })
            });
            json!({"shape": "entries", "compact": true, "entries": take(entries.collect())})
        }
        "teaching" => {
            let entries = p.teaching.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                let subtitle = [Some(e.role.as_str()).filter(|r| !r.is_empty()), e.institution.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let lines: Vec<Value> = e
                    .instructor
                    .iter()
                    .map(|i| json!({"label": "Instructor", "text": i}))
                    .collect();
                json!({
                    "title": e.course, "subtitle": subtitle, "location": null,
                    "date": e.term.clone().or_else(|| e.date.as_ref().map(Date::display)).unwrap_or_default(),
                    "lines": lines, "bullets": [], "links": [],
                })
            });
            json!({"shape": "entries", "compact": true, "entries": take(entries.collect())})
        }
        "awards" => {
            let entries = p.awards.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                let text = match &e.issuer {
                    Some(i) => format!("{}, {i}", e.title),
                    None => e.title.clone(),
                };
                let date = e
                    .period
                    .clone()
                    .or_else(|| e.date.as_ref().map(Date::display));
                json!({"label": null, "text": text, "note": e.rank, "date": date})
            });
            json!({"shape": "items", "entries": take(entries.collect())})
        }
        "service" => {
            let entries = p.service.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                let text = [Some(e.venues.join(", ")).filter(|v| !v.is_empty()), e.text.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ");
                json!({"label": e.role, "text": text, "note": null, "date": e.date.as_ref().map(Date::display)})
            });
            json!({"shape": "items", "entries": take(entries.collect())})
        }
        "skills" => {
            let entries = p.skills.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                json!({"label": e.label, "text": e.items.join(", "), "note": null, "date": null})
            });
            json!({"shape": "items", "entries": take(entries.collect())})
        }
        "news" => {
            let entries = p.news.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                json!({"label": null, "text": e.text, "note": null, "date": e.date.as_ref().map(Date::display)})
            });
            json!({"shape": "items", "date_first": true, "entries": take(entries.collect())})
        }
        custom => {
            let c = p.custom.iter().find(|c| c.id == custom)?;
            let entries = c.entries.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                json!({
                    "title": e.title, "subtitle": e.subtitle, "location": null,
                    "date": display_range(e.date.as_ref(), e.end.as_ref()),
                    "lines": [], "bullets": e.highlights, "links": links(&e.links),
                })
            });
            json!({"shape": "entries", "entries": take(entries.collect())})
        }
    };
    let mut body = body;
    let empty = ["entries", "items", "groups"].iter().any(|k| {
        body.get(k)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
    }) || body
        .get("groups")
        .and_then(Value::as_array)
        .is_some_and(|g| {
            g.iter()
                .all(|g| g["entries"].as_array().is_none_or(Vec::is_empty))
        });
    if empty {
        return None;
    }
    body["id"] = id.into();
    body["title"] = title.into();
    Some(body)
}

/// An authored work (paper, report, patent) before it is put in the shape layouts draw.
#[derive(Default)]
struct Work<'a> {
    title: &'a str,
    authors: &'a [String],
    /// Printed in italics after the title.
    venue: Option<&'a str>,
    date: Option<String>,
    /// An award or distinction, printed to stand out.
    award: Option<&'a str>,
    /// Plain text after the rest: a description, a number.
    detail: Option<&'a str>,
    links: Vec<Value>,
}

/// Puts a work in the shape layouts draw, marking which authors are the person.
fn work(ctx: &Ctx, w: Work) -> Value {
    let mut authors: Vec<Value> = w
        .authors
        .iter()
        .map(|a| {
            let (name, marks) = split_marks(a);
            json!({"name": name, "marks": marks, "me": ctx.me.is_me(a)})
        })
        .collect();
    // The resume keeps long author lists short, but never hides the person's own name.
    if let Some(max) = ctx.max_authors
        && authors.len() > max
    {
        let me = authors.iter().position(|a| a["me"] == true);
        let keep = max.saturating_sub(1).max(1);
        let mut short: Vec<Value> = authors[..keep].to_vec();
        if let Some(i) = me.filter(|i| *i >= keep) {
            short.push(authors[i].clone());
        }
        short.push(json!({"name": "et al.", "marks": "", "me": false}));
        authors = short;
    }
    json!({
        "title": w.title, "authors": authors, "venue": w.venue, "date": w.date,
        "award": w.award, "detail": w.detail, "links": w.links,
    })
}

/// Lines explaining the marks that the listed authors carry.
fn legend(authors: &[&String]) -> Vec<Value> {
    let mut out = vec![];
    let has = |m: char| authors.iter().any(|a| split_marks(a).1.contains(m));
    if has('*') {
        out.push(json!({"mark": "*", "text": "equal contribution"}));
    }
    if has('†') {
        out.push(json!({"mark": "†", "text": "corresponding author"}));
    }
    out
}

fn publications(
    p: &Profile,
    ctx: &Ctx,
    limit: Option<usize>,
    selected_only: Option<bool>,
) -> Value {
    let mut pubs: Vec<(usize, &crate::profile::Publication)> = p
        .publications
        .iter()
        .enumerate()
        .filter(|(_, e)| ctx.shows(&e.exclude))
        .collect();
    let any_selected = pubs.iter().any(|(_, e)| e.selected);
    let selected_only = selected_only.unwrap_or(ctx.doc == Doc::Resume && any_selected);
    if selected_only {
        pubs.retain(|(_, e)| e.selected);
    }
    // Newest first; the profile's order breaks ties.
    let year = |e: &crate::profile::Publication| {
        e.date
            .as_ref()
            .map(Date::sort_key)
            .or(e.year.map(|y| (y, 0, 0)))
    };
    pubs.sort_by(|(ia, a), (ib, b)| year(b).cmp(&year(a)).then(ia.cmp(ib)));
    pubs.truncate(limit.unwrap_or(usize::MAX));

    let entry = |e: &crate::profile::Publication| {
        let mut l = vec![];
        if let Some(doi) = &e.doi {
            let doi = doi.trim_start_matches("https://doi.org/");
            l.push(json!({"label": "DOI", "url": format!("https://doi.org/{doi}")}));
        }
        if let Some(a) = &e.arxiv {
            l.push(json!({"label": "arXiv", "url": format!("https://arxiv.org/abs/{a}")}));
        }
        l.extend(links(&e.links));
        let date = e
            .year
            .map(|y| y.to_string())
            .or_else(|| e.date.as_ref().and_then(Date::year).map(|y| y.to_string()));
        work(
            ctx,
            Work {
                title: &e.title,
                authors: &e.authors,
                venue: e.venue.as_deref(),
                date,
                award: e.note.as_deref(),
                links: l,
                ..Work::default()
            },
        )
    };
    let groups: Vec<Value> = if ctx.doc == Doc::Cv {
        let mut cats: Vec<Option<&str>> = vec![];
        for (_, e) in &pubs {
            let c = e.category.as_deref();
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        // Categories in the order the profile first names them; uncategorised last.
        let order: Vec<Option<&str>> =
            p.publications
                .iter()
                .map(|e| e.category.as_deref())
                .fold(vec![], |mut acc, c| {
                    if !acc.contains(&c) && cats.contains(&c) {
                        acc.push(c);
                    }
                    acc
                });
        let mut order: Vec<Option<&str>> = order.into_iter().filter(Option::is_some).collect();
        if cats.contains(&None) {
            order.push(None);
        }
        let named = order.iter().any(Option::is_some);
        let mut n = 0;
        order
            .into_iter()
            .map(|c| {
                let entries: Vec<Value> = pubs
                    .iter()
                    .filter(|(_, e)| e.category.as_deref() == c)
                    .map(|(_, e)| {
                        n += 1;
                        let mut v = entry(e);
                        v["number"] = n.into();
                        v
                    })
                    .collect();
                let title = match c {
                    Some(c) => Some(c.to_string()),
                    None if named => Some("Other".to_string()),
                    None => None,
                };
                json!({"title": title, "entries": entries})
            })
            .collect()
    } else {
        vec![
            json!({"title": null, "entries": pubs.iter().map(|(_, e)| entry(e)).collect::<Vec<_>>()}),
        ]
    };
    let shown: Vec<&String> = pubs.iter().flat_map(|(_, e)| e.authors.iter()).collect();
    json!({"shape": "works", "numbered": ctx.doc == Doc::Cv, "groups": groups, "legend": legend(&shown)})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::load_str;

    const PROFILE: &str = r#"
[person]
name = "Yiming Li"
aliases = ["Y. Li"]

[resume]
sections = ["publications", "news"]
limit = { news = 1 }

[[news]]
date = "2021-09"
text = "newest"
[[news]]
date = "2021-08"
text = "older"

[[publications]]
title = "Old"
authors = ["A", "B", "C", "D", "E", "F", "G", "Y. Li*"]
year = 2019
category = "X"
[[publications]]
title = "New"
authors = ["Yuezun Li", "Yiming Li"]
year = 2021
category = "Y"
selected = true
[[publications]]
title = "Hidden"
authors = ["Yiming Li"]
year = 2022
category = "X"
selected = true
exclude = ["resume"]
"#;

    fn data(doc: Doc) -> Value {
        let p = load_str("p", PROFILE).unwrap().profile;
        view(&p, doc, &Options::default(), &style(&p, doc))
    }

    fn style(p: &Profile, doc: Doc) -> crate::style::Style {
        crate::style::resolve(p, doc, &Default::default()).unwrap()
    }

    fn section<'a>(v: &'a Value, id: &str) -> &'a Value {
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
    }

    #[test]
    fn cv_groups_by_category_newest_first_numbered_across_groups() {
        let v = data(Doc::Cv);
        let pubs = section(&v, "publications");
        let groups = pubs["groups"].as_array().unwrap();
        let titles: Vec<(&str, Vec<(&str, u64)>)> = groups
            .iter()
            .map(|g| {
                let e = g["entries"].as_array().unwrap();
                (
                    g["title"].as_str().unwrap(),
                    e.iter()
                        .map(|e| (e["title"].as_str().unwrap(), e["number"].as_u64().unwrap()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("X", vec![("Hidden", 1), ("Old", 2)]),
                ("Y", vec![("New", 3)])
            ]
        );
        assert_eq!(pubs["legend"][0]["mark"], "*");
    }

    #[test]
    fn resume_selects_limits_and_excludes() {
        let v = data(Doc::Resume);
        let pubs = section(&v, "publications");
        let entries = pubs["groups"][0]["entries"].as_array().unwrap();
        let titles: Vec<&str> = entries
            .iter()
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["New"]);
        let me: Vec<bool> = entries[0]["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["me"].as_bool().unwrap())
            .collect();
        assert_eq!(me, [false, true]);
        let news: Vec<&str> = section(&v, "news")["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["text"].as_str().unwrap())
            .collect();
        assert_eq!(news, ["newest"]);
    }

    #[test]
    fn long_author_lists_keep_the_own_name() {
        let p = load_str("p", &PROFILE.replace("selected = true\nexclude", "exclude"))
            .unwrap()
            .profile;
        let mut p = p;
        p.resume.selected_only = Some(false);
        let v = view(
            &p,
            Doc::Resume,
            &Options::default(),
            &style(&p, Doc::Resume),
        );
        let old = section(&v, "publications")["groups"][0]["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == "Old")
            .unwrap()
            .clone();
        let names: Vec<&str> = old["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["A", "B", "C", "D", "E", "Y. Li", "et al."]);
        assert_eq!(old["authors"][5]["marks"], "*");
    }
}
