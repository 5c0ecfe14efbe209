//! What each document receives: the sections it shows, in order, with entries selected,
//! limited and put into a few plain shapes that layouts draw without knowing the schema.
//!
//! Everything here is data: user text stays strings all the way into the layout.

use serde_json::{Value, json};

use crate::names::{ET_AL, OwnName, split_marks};
use crate::profile::{Date, Doc, Links, Profile, Publication, SECTIONS, display_range};

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
        advisees: OwnName::new(p.marks.advisees.iter().map(String::as_str)),
        advisee_mark: p
            .marks
            .advisee
            .as_deref()
            .and_then(|m| m.chars().next())
            .unwrap_or('‡'),
        advisee_text: p.marks.advisee_text.as_deref().unwrap_or("advisee"),
        max_authors: variant.max_authors.or(match doc {
            Doc::Resume => Some(RESUME_MAX_AUTHORS),
            Doc::Cv => None,
        }),
    };
    let sections: Vec<Value> = ids
        .iter()
        .filter_map(|id| section(p, &ctx, id, limit(id)))
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
    /// The person's advisees, marked in author lists.
    advisees: OwnName,
    /// The mark put after advisees' names, and what the legend says of it.
    advisee_mark: char,
    advisee_text: &'a str,
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

fn section(p: &Profile, ctx: &Ctx, id: &str, limit: Option<usize>) -> Option<Value> {
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
        "publications" => publications(p, ctx, limit),
        "reports" => {
            let entries = p.reports.iter().filter(|e| ctx.shows(&e.exclude)).map(|e| {
                work(
                    ctx,
                    Work {
                        title: &e.title,
                        authors: &e.authors,
                        venue: e.institution.clone(),
                        date: e.date.as_ref().map(Date::display),
                        remark: e.note.as_deref(),
                        links: links(&e.links),
                        ..Work::default()
                    },
                )
            });
            let entries = take(entries.collect());
            let legend = legend(ctx, &entries);
            json!({"shape": "works", "groups": [{"title": null, "entries": entries}], "legend": legend})
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
    venue: Option<String>,
    /// Volume, issue and pages, after the venue.
    venue_detail: Option<String>,
    date: Option<String>,
    /// An award or distinction, printed to stand out.
    award: Option<&'a str>,
    /// Short notes after the venue: oral, acceptance rate, citations.
    notes: Vec<String>,
    /// Plain text after the rest: a number, a status.
    detail: Option<&'a str>,
    /// A sentence or two about the work, on a line of its own.
    remark: Option<&'a str>,
    links: Vec<Value>,
}

/// Puts a work in the shape layouts draw, marking which authors are the person (and which
/// are advisees), and shortening long lists around the person's own name.
fn work(ctx: &Ctx, w: Work) -> Value {
    let mut cut = false;
    let mut authors: Vec<Value> = vec![];
    for a in w.authors {
        let (name, mut marks) = split_marks(a);
        if name == ET_AL || name.eq_ignore_ascii_case("others") {
            cut = true;
            continue;
        }
        if ctx.advisees.is_me(name) && !marks.contains(ctx.advisee_mark) {
            marks.push(ctx.advisee_mark);
        }
        authors.push(json!({"name": name, "marks": marks, "me": ctx.me.is_me(a)}));
    }
    // Long author lists are kept short, but never hide the person's own name:
    // "A, B, **Y. Li**, et al.".
    if let Some(max) = ctx.max_authors
        && authors.len() > max
    {
        let me = authors.iter().position(|a| a["me"] == true);
        let keep = max.saturating_sub(1).max(1);
        let mut short: Vec<Value> = authors[..keep].to_vec();
        if let Some(i) = me.filter(|i| *i >= keep) {
            short.push(authors[i].clone());
        }
        authors = short;
        cut = true;
    }
    if cut {
        authors.push(json!({"name": ET_AL, "marks": "", "me": false}));
    }
    json!({
        "title": w.title, "authors": authors, "venue": w.venue, "venue_detail": w.venue_detail,
        "date": w.date, "award": w.award, "notes": w.notes, "detail": w.detail, "links": w.links,
        "remark": w.remark,
        "number": null,
    })
}

/// Lines explaining the marks that the shown works' authors carry, and only those.
fn legend(ctx: &Ctx, works: &[Value]) -> Vec<Value> {
    let used: String = works
        .iter()
        .flat_map(|w| w["authors"].as_array().into_iter().flatten())
        .filter_map(|a| a["marks"].as_str())
        .collect();
    let mut out = vec![];
    for (mark, text) in [
        ('*', "equal contribution"),
        ('†', "corresponding author"),
        (ctx.advisee_mark, ctx.advisee_text),
    ] {
        if used.contains(mark) && !out.iter().any(|l: &Value| l["mark"] == mark.to_string()) {
            out.push(json!({"mark": mark.to_string(), "text": text}));
        }
    }
    out
}

/// Headings of the groups when publications are grouped by type, in this order.
const TYPE_GROUPS: &[(&str, &str)] = &[
    ("journal", "Journal Articles"),
    ("conference", "Conference Papers"),
    ("workshop", "Workshop Papers"),
    ("preprint", "Preprints"),
    ("thesis", "Theses"),
    ("chapter", "Book Chapters"),
    ("book", "Books"),
    ("other", "Other Publications"),
];

/// A publication's type: as given, else guessed from its venue.
fn kind(e: &Publication) -> &str {
    e.pub_type().name()
}

/// The venue's short name: as given, else an acronym in parentheses at the end of the
/// full name (`... Computer Vision (ICCV)`).
fn venue_short(e: &Publication) -> Option<String> {
    if let Some(s) = &e.venue_short {
        return Some(s.clone());
    }
    let v = e.venue.as_deref()?.trim();
    if v.eq_ignore_ascii_case("arxiv preprint") || v.eq_ignore_ascii_case("arxiv") {
        return Some("arXiv".to_string());
    }
    let open = v.rfind('(')?;
    let inner = v[open + 1..].split(')').next()?.trim();
    let inner = inner.split([',', ' ']).next()?;
    let ok = (2..=12).contains(&inner.chars().count())
        && inner.chars().any(|c| c.is_uppercase())
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&' || c == '/');
    ok.then(|| inner.to_string())
}

/// Whether the person is the first author, or shares first authorship (`A*, Me*`).
fn first_author(ctx: &Ctx, e: &Publication) -> bool {
    for a in &e.authors {
        if ctx.me.is_me(a) {
            return true;
        }
        if !split_marks(a).1.contains('*') {
            return false;
        }
    }
    false
}

fn publications(p: &Profile, ctx: &Ctx, limit: Option<usize>) -> Value {
    let variant = p.variant(ctx.doc);
    let mut pubs: Vec<(usize, &Publication)> = p
        .publications
        .iter()
        .enumerate()
        .filter(|(_, e)| ctx.shows(&e.exclude))
        .collect();
    let any_selected = pubs.iter().any(|(_, e)| e.selected);
    let mode = variant
        .select
        .as_deref()
        .or(variant
            .selected_only
            .map(|s| if s { "selected" } else { "all" }))
        .unwrap_or(match ctx.doc {
            Doc::Cv => "all",
            Doc::Resume if any_selected => "selected",
            Doc::Resume => "recent",
        });
    if mode == "selected" {
        pubs.retain(|(_, e)| e.selected);
    }
    // Newest first; the profile's order breaks ties.
    let when = |e: &Publication| {
        e.date
            .as_ref()
            .map(Date::sort_key)
            .or(e.year.map(|y| (y, 0, 0)))
    };
    pubs.sort_by(|(ia, a), (ib, b)| when(b).cmp(&when(a)).then(ia.cmp(ib)));
    if mode == "first-author" {
        // A stable sort keeps newest-first within each half.
        pubs.sort_by_key(|(_, e)| !first_author(ctx, e));
    }
    pubs.truncate(limit.unwrap_or(usize::MAX));

    let short_venues = variant.venue.as_deref().unwrap_or(match ctx.doc {
        Doc::Resume => "short",
        Doc::Cv => "full",
    }) == "short";
    let entry = |e: &Publication| {
        let mut l = vec![];
        if let Some(doi) = &e.doi {
            l.push(json!({"label": "DOI", "url": format!("https://doi.org/{doi}")}));
        }
        if let Some(a) = &e.arxiv {
            l.push(json!({"label": "arXiv", "url": format!("https://arxiv.org/abs/{a}")}));
        }
        l.extend(links(&e.links));
        let year = e
            .year
            .or_else(|| e.date.as_ref().and_then(Date::year))
            .map(|y| y.to_string());
        let short = venue_short(e);
        let (venue, date, venue_detail) = if short_venues {
            // `ICCV 2021`
            let v = short.or_else(|| e.venue.clone());
            match (v, year) {
                (Some(v), Some(y)) => (Some(format!("{v} {y}")), None, None),
                (v, y) => (v, y, None),
            }
        } else {
            let venue = match (&e.venue, short) {
                // `... Learning Systems (TNNLS)`, unless the name already has its acronym.
                (Some(v), Some(s)) if !v.contains(&s) && !v.ends_with(')') && !s.contains(' ') => {
                    Some(format!("{v} ({s})"))
                }
                (Some(v), _) => Some(v.clone()),
                (None, s) => s,
            };
            let mut detail = String::new();
            if let Some(v) = &e.volume {
                detail.push_str(v);
                if let Some(n) = &e.issue {
                    detail.push_str(&format!("({n})"));
                }
            }
            if let Some(pages) = &e.pages {
                if !detail.is_empty() {
                    detail.push_str(", ");
                }
                let range = pages.contains(['-', '–']);
                detail.push_str(&format!(
                    "{}{}",
                    if range { "pp. " } else { "p. " },
                    pages.replace("--", "–").replace('-', "–")
                ));
            }
            (venue, year, Some(detail).filter(|d| !d.is_empty()))
        };
        let mut notes = vec![];
        if let Some(pr) = &e.presentation {
            notes.push(pr.clone());
        }
        if let Some(a) = &e.acceptance {
            notes.push(if a.to_lowercase().contains("accept") {
                a.clone()
            } else {
                format!("acceptance rate {a}")
            });
        }
        if let Some(n) = e.citations {
            notes.push(format!("cited by {n}"));
        }
        if let Some(n) = &e.note {
            notes.push(n.clone());
        }
        work(
            ctx,
            Work {
                title: &e.title,
                authors: &e.authors,
                venue,
                venue_detail,
                date,
                award: e.award.as_deref(),
                notes,
                links: l,
                ..Work::default()
            },
        )
    };

    // Groups, in order, each with its entries newest first.
    let any_category = pubs.iter().any(|(_, e)| e.category.is_some());
    let group_by = variant.group_by.as_deref().unwrap_or(match ctx.doc {
        Doc::Cv if any_category => "category",
        _ => "none",
    });
    let mut groups: Vec<(Option<String>, Vec<&Publication>)> = vec![];
    match group_by {
        "category" => {
            // The categories shown: those asked for first, then as the profile first names
            // them; uncategorised entries last.
            let shown: std::collections::HashSet<Option<&str>> =
                pubs.iter().map(|(_, e)| e.category.as_deref()).collect();
            let mut order: Vec<Option<&str>> = vec![];
            let named = variant.categories.iter().map(String::as_str);
            for c in named.chain(p.publications.iter().filter_map(|e| e.category.as_deref())) {
                if shown.contains(&Some(c)) && !order.contains(&Some(c)) {
                    order.push(Some(c));
                }
            }
            let named = !order.is_empty();
            if shown.contains(&None) {
                order.push(None);
            }
            for c in order {
                let title = match c {
                    Some(c) => Some(c.to_string()),
                    None if named => Some("Other".to_string()),
                    None => None,
                };
                let entries = pubs
                    .iter()
                    .filter(|(_, e)| e.category.as_deref() == c)
                    .map(|(_, e)| *e)
                    .collect();
                groups.push((title, entries));
            }
        }
        "type" => {
            for (k, title) in TYPE_GROUPS {
                let entries: Vec<&Publication> = pubs
                    .iter()
                    .filter(|(_, e)| kind(e) == *k)
                    .map(|(_, e)| *e)
                    .collect();
                if !entries.is_empty() {
                    groups.push((Some(title.to_string()), entries));
                }
            }
            let rest: Vec<&Publication> = pubs
                .iter()
                .filter(|(_, e)| !TYPE_GROUPS.iter().any(|(k, _)| kind(e) == *k))
                .map(|(_, e)| *e)
                .collect();
            if !rest.is_empty() {
                groups.push((Some("Other Publications".to_string()), rest));
            }
        }
        _ => groups.push((None, pubs.iter().map(|(_, e)| *e).collect())),
    }

    let numbering = variant.numbering.as_deref().unwrap_or(match ctx.doc {
        Doc::Cv => "forward",
        Doc::Resume => "none",
    });
    let continuous = variant.continuous_numbering.unwrap_or(true);
    let total: usize = groups.iter().map(|(_, e)| e.len()).sum();
    let mut shown = vec![];
    let mut seen = 0;
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(title, list)| {
            let n = list.len();
            let entries: Vec<Value> = list
                .into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut v = entry(e);
                    let (pos, count) = if continuous {
                        (seen + i, total)
                    } else {
                        (i, n)
                    };
                    v["number"] = match numbering {
                        "forward" => json!(pos + 1),
                        "reverse" => json!(count - pos),
                        _ => Value::Null,
                    };
                    v
                })
                .collect();
            seen += n;
            shown.extend(entries.iter().cloned());
            json!({"title": title, "entries": entries})
        })
        .collect();
    json!({"shape": "works", "numbered": numbering != "none", "groups": groups, "legend": legend(ctx, &shown)})
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

    /// Publications of a profile made from `extra` (settings) and these papers.
    fn pubs_view(extra: &str, doc: Doc) -> Value {
        let text = format!(
            r#"[person]
name = "Yiming Li"
{extra}

[[publications]]
title = "J2020"
authors = ["Yiming Li", "B"]
venue = "IEEE Transactions on Neural Networks and Learning Systems (TNNLS)"
year = 2020
type = "journal"
category = "B"
[[publications]]
title = "C2022"
authors = ["A*", "Yiming Li*", "Yuezun Li‡"]
venue = "International Conference on Computer Vision (ICCV)"
year = 2022
category = "A"
[[publications]]
title = "P2021"
authors = ["Q", "Yiming Li†"]
venue = "arXiv preprint"
year = 2021
category = "A"
selected = true
[[publications]]
title = "W2019"
authors = ["Yiming Li"]
venue = "ICML Workshop on Things"
year = 2019
award = "Best Paper Award"
presentation = "Oral"
citations = 12
"#
        );
        let p = load_str("p", &text).unwrap().profile;
        view(&p, doc, &Options::default(), &style(&p, doc))
    }

    /// (group title, [(title, number)]) of the publications section.
    fn listing(v: &Value) -> Vec<(String, Vec<(String, Value)>)> {
        section(v, "publications")["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["title"].as_str().unwrap_or("-").to_string(),
                    g["entries"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| {
                            (
                                e["title"].as_str().unwrap().to_string(),
                                e["number"].clone(),
                            )
                        })
                        .collect(),
                )
            })
            .collect()
    }

    fn titles(v: &Value) -> Vec<String> {
        listing(v)
            .into_iter()
            .flat_map(|(_, e)| e.into_iter().map(|(t, _)| t))
            .collect()
    }

    #[test]
    fn groups_by_category_in_the_order_asked_uncategorised_last() {
        let v = pubs_view("[cv]\ncategories = [\"B\", \"A\"]", Doc::Cv);
        assert_eq!(
            listing(&v),
            [
                ("B".to_string(), vec![("J2020".to_string(), json!(1))]),
                (
                    "A".to_string(),
                    vec![
                        ("C2022".to_string(), json!(2)),
                        ("P2021".to_string(), json!(3))
                    ]
                ),
                ("Other".to_string(), vec![("W2019".to_string(), json!(4))]),
            ]
        );
    }

    #[test]
    fn groups_by_type_with_reverse_numbers_per_group() {
        let v = pubs_view(
            "[cv]\ngroup_by = \"type\"\nnumbering = \"reverse\"\ncontinuous_numbering = false",
            Doc::Cv,
        );
        let groups: Vec<(String, Vec<(String, Value)>)> = listing(&v);
        assert_eq!(
            groups,
            [
                (
                    "Journal Articles".to_string(),
                    vec![("J2020".to_string(), json!(1))]
                ),
                (
                    "Conference Papers".to_string(),
                    vec![("C2022".to_string(), json!(1))]
                ),
                (
                    "Workshop Papers".to_string(),
                    vec![("W2019".to_string(), json!(1))]
                ),
                (
                    "Preprints".to_string(),
                    vec![("P2021".to_string(), json!(1))]
                ),
            ]
        );
        // Continuous reverse numbering: the newest has the highest number.
        let v = pubs_view(
            "[cv]\ngroup_by = \"none\"\nnumbering = \"reverse\"",
            Doc::Cv,
        );
        let numbers: Vec<(String, Value)> = listing(&v).remove(0).1;
        assert_eq!(
            numbers,
            [
                ("C2022".to_string(), json!(4)),
                ("P2021".to_string(), json!(3)),
                ("J2020".to_string(), json!(2)),
                ("W2019".to_string(), json!(1)),
            ]
        );
        let v = pubs_view("[cv]\nnumbering = \"none\"", Doc::Cv);
        assert_eq!(section(&v, "publications")["numbered"], false);
    }

    #[test]
    fn resume_selection_modes() {
        // Default with a `selected` entry: only the selected ones.
        assert_eq!(titles(&pubs_view("", Doc::Resume)), ["P2021"]);
        assert_eq!(
            titles(&pubs_view(
                "[resume]\nselect = \"recent\"\nlimit = { publications = 2 }",
                Doc::Resume
            )),
            ["C2022", "P2021"]
        );
        // First-author papers (shared first authorship counts) first, each part newest first.
        assert_eq!(
            titles(&pubs_view(
                "[resume]\nselect = \"first-author\"",
                Doc::Resume
            )),
            ["C2022", "J2020", "W2019", "P2021"]
        );
        assert_eq!(
            titles(&pubs_view("[resume]\nselected_only = false", Doc::Resume)),
            ["C2022", "P2021", "J2020", "W2019"]
        );
    }

    #[test]
    fn venues_are_short_on_the_resume_and_full_on_the_cv() {
        let find = |v: &Value, t: &str| {
            section(v, "publications")["groups"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|g| g["entries"].as_array().unwrap().clone())
                .find(|e| e["title"] == t)
                .unwrap()
        };
        let r = pubs_view("[resume]\nselect = \"all\"", Doc::Resume);
        assert_eq!(find(&r, "C2022")["venue"], "ICCV 2022");
        assert_eq!(find(&r, "J2020")["venue"], "TNNLS 2020");
        assert_eq!(find(&r, "P2021")["venue"], "arXiv 2021");
        let c = pubs_view("", Doc::Cv);
        assert_eq!(
            find(&c, "C2022")["venue"],
            "International Conference on Computer Vision (ICCV)"
        );
        assert_eq!(find(&c, "C2022")["date"], "2022");
        let w = find(&c, "W2019");
        assert_eq!(w["award"], "Best Paper Award");
        assert_eq!(w["notes"], json!(["Oral", "cited by 12"]));
    }

    #[test]
    fn legend_explains_the_marks_used_and_only_those() {
        let marks = |v: &Value| -> Vec<String> {
            section(v, "publications")["legend"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    format!(
                        "{} {}",
                        l["mark"].as_str().unwrap(),
                        l["text"].as_str().unwrap()
                    )
                })
                .collect()
        };
        assert_eq!(
            marks(&pubs_view("", Doc::Cv)),
            [
                "* equal contribution",
                "† corresponding author",
                "‡ advisee"
            ]
        );
        // Only the selected paper is on the resume: only its mark is explained.
        assert_eq!(
            marks(&pubs_view("", Doc::Resume)),
            ["† corresponding author"]
        );
        // Advisees listed once are marked everywhere, with the mark and words chosen.
        let v = pubs_view(
            "[marks]\nadvisees = [\"Q\"]\nadvisee = \"§\"\nadvisee_text = \"student\"",
            Doc::Resume,
        );
        assert_eq!(marks(&v), ["† corresponding author", "§ student"]);
        let authors = &section(&v, "publications")["groups"][0]["entries"][0]["authors"];
        assert_eq!(authors[0], json!({"name": "Q", "marks": "§", "me": false}));
    }
}
