//! The views of the industry sections: projects, certifications, languages, volunteering,
//! and experience entries with several positions.

use super::Ctx;
use super::model::{Body, Entry, Line, Link, Role};
use super::parts::{entries_body, links, people_line};
use crate::profile::Experience;

/// An experience entry: one role, or an organisation with the roles held there.
pub fn experience_entry(c: &Ctx, e: &Experience) -> Entry {
    let lines = people_line(c, "mentor", &e.mentors).into_iter().collect();
    if e.positions.is_empty() {
        return Entry {
            title: e.role.clone(),
            subtitle: Some(e.organisation.clone()),
            location: e.location.clone(),
            date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
            lines,
            bullets: e.highlights.clone(),
            ..Entry::default()
        };
    }
    // The whole stay runs from the first start to the last end, unless the entry says.
    let start = e
        .start
        .or_else(|| e.positions.iter().filter_map(|p| p.start).min());
    let end = e
        .end
        .or_else(|| e.positions.iter().filter_map(|p| p.end).max());
    Entry {
        title: e.organisation.clone(),
        subtitle: None,
        location: e.location.clone(),
        date: c.loc.range(start.as_ref(), end.as_ref()),
        lines,
        bullets: e.highlights.clone(),
        roles: e
            .positions
            .iter()
            .map(|p| Role {
                title: p.role.clone(),
                date: c.loc.range(p.start.as_ref(), p.end.as_ref()),
                location: p.location.clone(),
                bullets: p.highlights.clone(),
            })
            .collect(),
        ..Entry::default()
    }
}

/// Projects: name, role and organisation, dates, a description, technologies, bullets.
pub fn projects(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.projects, limit).map(|e| {
        let subtitle = [e.role.as_deref(), e.organisation.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(c.loc.get("labels.comma"));
        let mut lines = vec![];
        if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
            lines.push(Line {
                label: None,
                text: d.trim().to_string(),
            });
        }
        if !e.technologies.is_empty() {
            lines.push(Line {
                label: Some(c.loc.get("labels.technologies").to_string()),
                text: e.technologies.join(c.loc.get("list.sep")),
            });
        }
        Entry {
            title: e.name.clone(),
            subtitle: Some(subtitle).filter(|s| !s.is_empty()),
            date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
            lines,
            bullets: e.highlights.clone(),
            links: links(&e.links),
            ..Entry::default()
        }
    });
    Some(entries_body(false, entries))
}

/// Certifications: one line each, with the issuer, the credential and a link to verify it.
pub fn certifications(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.certifications, limit).map(|e| {
        let date = match (&e.date, &e.expires) {
            (Some(d), Some(x)) => c.loc.range(Some(d), Some(x)),
            (Some(d), None) => c.loc.date(d),
            (None, Some(x)) => c
                .loc
                .fill("labels.valid_until", &[("date", &c.loc.date(x))]),
            (None, None) => String::new(),
        };
        Entry {
            title: e.name.clone(),
            subtitle: e.issuer.clone(),
            date,
            lines: e
                .credential
                .iter()
                .map(|id| Line {
                    label: Some(c.loc.get("labels.credential").to_string()),
                    text: id.clone(),
                })
                .collect(),
            links: e
                .url
                .iter()
                .map(|u| Link {
                    label: c.loc.get("labels.verify").to_string(),
                    url: u.clone(),
                })
                .collect(),
            ..Entry::default()
        }
    });
    Some(entries_body(true, entries))
}

/// Languages in a row, each with its level: `English (Fluent)`.
pub fn languages(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let items = c.shown(&c.p.languages, limit).map(|e| {
        match e.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(level) => format!("{} ({level})", e.language.trim()),
            None => e.language.trim().to_string(),
        }
    });
    Some(Body::Tags {
        items: items.collect(),
    })
}

/// Volunteer work, drawn like experience.
pub fn volunteering(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.volunteering, limit).map(|e| Entry {
        title: e.role.clone(),
        subtitle: Some(e.organisation.clone()),
        location: e.location.clone(),
        date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
        bullets: e.highlights.clone(),
        ..Entry::default()
    });
    Some(entries_body(false, entries))
}
