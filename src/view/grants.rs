//! The bodies of the sections grant documents ask for: the Common Form's identifying
//! information, preparation, appointments and products; the NIH Supplement's statement,
//! honors and contributions; grants, supervision, memberships, outreach, software,
//! datasets and synergistic activities.

use super::Ctx;
use super::model::{Body, Entry, Item, Line, Link};
use super::works;
use crate::profile::{Date, Product};

/// The personal statement this document shows: its own, else the profile's.
pub fn statement<'a>(c: &Ctx<'a>) -> Option<&'a str> {
    c.doc
        .settings
        .personal_statement
        .as_deref()
        .or(c.p.personal_statement.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// ORCID, position title, organisation and location, as the Common Form asks (the name
/// stands at the top of the form, as in every document's header).
pub fn identity(c: &Ctx, _: Option<usize>) -> Option<Body> {
    let p = &c.p.person;
    let mut rows = vec![("ORCID", p.orcid.clone())];
    // The position held now: the first current appointment, else the first current job.
    let current = c
        .shown(&c.p.appointments, None)
        .find(|a| a.end.is_none() || a.end == Some(Date::Present))
        .map(|a| (a.title.clone(), a.organisation.clone(), a.location.clone()))
        .or_else(|| {
            c.shown(&c.p.experience, None)
                .find(|e| e.end.is_none() || e.end == Some(Date::Present))
                .map(|e| (e.role.clone(), e.organisation.clone(), e.location.clone()))
        });
    if let Some((title, org, place)) = current {
        rows.push(("Position Title", Some(title)));
        let org = match place.or_else(|| p.location.clone()) {
            Some(l) => format!("{org}, {l}"),
            None => org,
        };
        rows.push(("Organization and Location", Some(org)));
    }
    let entries = rows.into_iter().filter_map(|(label, text)| {
        Some(Item {
            label: Some(label.into()),
            text: text.filter(|t| !t.trim().is_empty())?,
            note: None,
            date: None,
        })
    });
    Some(Body::Items {
        date_first: false,
        entries: entries.collect(),
    })
}

/// Degrees as the Common Form lists them: organisation and location, degree, dates.
pub fn preparation(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.education, limit).map(|e| Entry {
        title: e.degree.clone(),
        subtitle: Some(e.institution.clone()),
        location: e.location.clone(),
        date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
        ..Entry::default()
    });
    Some(entries_body(true, entries))
}

pub fn appointments(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.appointments, limit).map(|e| Entry {
        title: e.title.clone(),
        subtitle: Some(match &e.department {
            Some(d) => format!("{d}, {}", e.organisation),
            None => e.organisation.clone(),
        }),
        location: e.location.clone(),
        date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
        ..Entry::default()
    });
    Some(entries_body(true, entries))
}

/// Honors: awards with their dates.
pub fn honors(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let newest = c.newest_first(&c.p.awards, limit, super::parts::award_date);
    let entries = newest.map(|e| Item {
        label: None,
        text: match &e.issuer {
            Some(i) => format!("{}, {i}", e.title),
            None => e.title.clone(),
        },
        note: None,
        date: e
            .period
            .clone()
            .or_else(|| e.date.as_ref().map(|d| c.loc.date(d))),
    });
    Some(Body::Items {
        date_first: true,
        entries: entries.collect(),
    })
}

/// Each contribution: its title, its narrative, and the works it cites. A document that
/// chooses products (a biosketch, whose narratives carry no citations) names them by their
/// product numbers; others name them by title and year.
pub fn contributions(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let s = &c.doc.settings;
    let by_number = !s.products.is_empty() || !s.other_products.is_empty();
    let entries = c.shown(&c.p.contributions, limit).map(|e| {
        let mut lines = vec![Line {
            label: None,
            text: e.text.trim().to_string(),
        }];
        if by_number {
            let numbers: Vec<String> = e
                .cites
                .iter()
                .filter_map(|id| product_number(c, id))
                .map(|n| format!("[{n}]"))
                .collect();
            if !numbers.is_empty() {
                lines.push(Line {
                    label: Some(c.loc.get("labels.related_products").to_string()),
                    text: numbers.join(c.loc.get("list.sep")),
                });
            }
        } else {
            // Titles and years only: the publications section gives the full references.
            let cited: Vec<String> = e
                .cites
                .iter()
                .filter_map(|id| {
                    c.p.publications
                        .iter()
                        .find(|p| p.id.as_deref() == Some(id.as_str()))
                })
                .map(|p| {
                    let year = p.year.or_else(|| p.date.as_ref().and_then(Date::year));
                    match year {
                        Some(y) => format!("{} ({y})", p.title.trim_end_matches('.')),
                        None => p.title.trim_end_matches('.').to_string(),
                    }
                })
                .collect();
            if !cited.is_empty() {
                lines.push(Line {
                    label: Some(c.loc.get("labels.related_publications").to_string()),
                    text: cited.join("; "),
                });
            }
        }
        Entry {
            title: e.title.clone().unwrap_or_default(),
            lines,
            ..Entry::default()
        }
    });
    Some(entries_body(false, entries))
}

pub fn grants(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.grants, limit).map(|e| {
        let mut lines = vec![];
        let mut facts = vec![];
        if let Some(r) = &e.role {
            facts.push(format!(
                "{}{}{r}",
                c.loc.get("labels.role"),
                c.loc.get("labels.colon")
            ));
        }
        if let (Some(a), Some(cur)) = (e.amount, &e.currency) {
            facts.push(format!("{} {cur}", thousands(a)));
        }
        if !facts.is_empty() {
            lines.push(Line {
                label: None,
                text: facts.join("; "),
            });
        }
        if let Some(n) = &e.note {
            lines.push(Line {
                label: None,
                text: n.clone(),
            });
        }
        Entry {
            title: e.title.clone(),
            subtitle: Some(match &e.number {
                Some(n) => format!("{}, {n}", e.agency),
                None => e.agency.clone(),
            }),
            date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
            lines,
            ..Entry::default()
        }
    });
    Some(entries_body(false, entries))
}

pub fn supervision(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.supervision, limit).map(|e| {
        let mut lines = vec![];
        if let Some(t) = &e.thesis {
            lines.push(Line {
                label: Some(c.loc.get("labels.thesis").to_string()),
                text: t.clone(),
            });
        }
        if let Some(now) = &e.current_position {
            lines.push(Line {
                label: Some(c.loc.get("labels.now").to_string()),
                text: now.clone(),
            });
        }
        Entry {
            title: e.name.clone(),
            subtitle: Some(match &e.role {
                Some(r) => format!("{} ({r})", e.level),
                None => e.level.clone(),
            }),
            date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
            lines,
            ..Entry::default()
        }
    });
    Some(entries_body(true, entries))
}

pub fn memberships(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.memberships, limit).map(|e| Item {
        label: None,
        text: match &e.role {
            Some(r) => format!("{r}, {}", e.organisation),
            None => e.organisation.clone(),
        },
        note: None,
        date: Some(c.loc.range(e.start.as_ref(), e.end.as_ref())).filter(|d| !d.is_empty()),
    });
    Some(Body::Items {
        date_first: false,
        entries: entries.collect(),
    })
}

pub fn outreach(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.outreach, limit).map(|e| Entry {
        title: e.title.clone(),
        subtitle: e.venue.clone(),
        date: e.date.as_ref().map(|d| c.loc.date(d)).unwrap_or_default(),
        bullets: e.description.iter().cloned().collect(),
        links: super::parts::links(&e.links),
        ..Entry::default()
    });
    Some(entries_body(true, entries))
}

/// Software or datasets: name, description, year, and where to find it.
pub fn products(c: &Ctx, list: &[Product], limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(list, limit).map(|e| {
        let mut links = vec![];
        if let Some(doi) = &e.doi {
            links.push(Link {
                label: "DOI".into(),
                url: crate::ids::doi_url(doi),
            });
        }
        if let Some(url) = &e.url {
            links.push(Link {
                label: "link".into(),
                url: url.clone(),
            });
        }
        Entry {
            title: e.name.clone(),
            subtitle: e.description.clone(),
            date: e.year.map(|y| y.to_string()).unwrap_or_default(),
            links,
            ..Entry::default()
        }
    });
    Some(entries_body(true, entries))
}

pub fn synergistic(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.synergistic, limit).map(|e| Item {
        label: None,
        text: e.text.trim().to_string(),
        note: None,
        date: Some(c.loc.range(e.date.as_ref(), e.end.as_ref())).filter(|d| !d.is_empty()),
    });
    Some(Body::Items {
        date_first: false,
        entries: entries.collect(),
    })
}

/// The products of a document (`products` or `other_products`), by id, numbered on
/// across both lists so that each number names one product.
pub fn chosen(c: &Ctx, other: bool) -> Option<Body> {
    let s = &c.doc.settings;
    if other {
        works::chosen(c, &s.other_products, 1 + found(c, &s.products))
    } else {
        works::chosen(c, &s.products, 1)
    }
}

/// How many of these ids name a publication.
fn found(c: &Ctx, ids: &[String]) -> usize {
    ids.iter()
        .filter(|id| {
            c.p.publications
                .iter()
                .any(|p| p.id.as_deref() == Some(id.as_str()))
        })
        .count()
}

/// The number a document's products give a publication, if it is one of them.
fn product_number(c: &Ctx, id: &str) -> Option<usize> {
    let s = &c.doc.settings;
    let known = |x: &&String| {
        c.p.publications
            .iter()
            .any(|p| p.id.as_deref() == Some(x.as_str()))
    };
    s.products
        .iter()
        .chain(&s.other_products)
        .filter(known)
        .position(|x| x == id)
        .map(|i| i + 1)
}

/// `1250000` -> `1,250,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn entries_body(compact: bool, entries: impl Iterator<Item = Entry>) -> Body {
    Body::Entries {
        compact,
        entries: entries.collect(),
    }
}
