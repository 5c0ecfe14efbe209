//! Every built-in section, described once: its id (the profile's key and the name documents
//! list it by), its heading, how many entries it has, and how its view is built.
//!
//! A new section is a field of `Profile` and a row here.

use super::Ctx;
use super::grants;
use super::model::{Body, Entry, Item, Line, Section};
use super::parts::{award_date, entries_body, items, links, people_line};
use super::{industry, works};
use crate::profile::Profile;

/// A built-in section.
pub struct SectionDef {
    /// Its id: the profile's key, and its name in `sections = [...]`.
    pub id: &'static str,
    /// The heading in English, when the document's locale has no `sections.<id>` for it
    /// (the locale files have every built-in section's).
    pub heading: &'static str,
    /// How many entries the profile has in it.
    pub len: fn(&Profile) -> usize,
    /// Its body for one document, at most `limit` entries.
    pub build: fn(&Ctx, Option<usize>) -> Option<Body>,
}

/// The built-in sections, in the CV's default order.
pub const SECTIONS: &[SectionDef] = &[
    SectionDef {
        id: "summary",
        heading: "Summary",
        len: |p| usize::from(p.summary.as_deref().is_some_and(|s| !s.trim().is_empty())),
        build: |c, _| {
            Some(Body::Text {
                text: c.p.summary.as_deref()?.trim().to_string(),
            })
        },
    },
    SectionDef {
        id: "interests",
        heading: "Research Interests",
        len: |p| p.interests.len(),
        build: |c, limit| {
            let items = c.p.interests.iter().take(limit.unwrap_or(usize::MAX));
            Some(Body::Tags {
                items: items.cloned().collect(),
            })
        },
    },
    SectionDef {
        id: "education",
        heading: "Education",
        len: |p| p.education.len(),
        build: education,
    },
    SectionDef {
        id: "experience",
        heading: "Experience",
        len: |p| p.experience.len(),
        build: experience,
    },
    SectionDef {
        id: "appointments",
        heading: "Appointments and Positions",
        len: |p| p.appointments.len(),
        build: grants::appointments,
    },
    SectionDef {
        id: "grants",
        heading: "Grants and Funding",
        len: |p| p.grants.len(),
        build: grants::grants,
    },
    SectionDef {
        id: "publications",
        heading: "Publications",
        // Before the .bib files are read, a bibliography counts as content.
        len: |p| {
            p.publications
                .len()
                .max(usize::from(!p.bibliography.is_empty()))
        },
        build: |c, limit| Some(works::publications(c, limit)),
    },
    SectionDef {
        id: "contributions",
        heading: "Contributions to Science",
        len: |p| p.contributions.len(),
        build: grants::contributions,
    },
    SectionDef {
        id: "reports",
        heading: "Technical Reports",
        len: |p| p.reports.len(),
        build: works::reports,
    },
    SectionDef {
        id: "patents",
        heading: "Patents",
        len: |p| p.patents.len(),
        build: works::patents,
    },
    SectionDef {
        id: "software",
        heading: "Software",
        len: |p| p.software.len(),
        build: |c, limit| grants::products(c, &c.p.software, limit),
    },
    SectionDef {
        id: "datasets",
        heading: "Datasets",
        len: |p| p.datasets.len(),
        build: |c, limit| grants::products(c, &c.p.datasets, limit),
    },
    SectionDef {
        id: "talks",
        heading: "Invited Talks",
        len: |p| p.talks.len(),
        build: talks,
    },
    SectionDef {
        id: "teaching",
        heading: "Teaching",
        len: |p| p.teaching.len(),
        build: teaching,
    },
    SectionDef {
        id: "supervision",
        heading: "Supervision",
        len: |p| p.supervision.len(),
        build: grants::supervision,
    },
    SectionDef {
        id: "awards",
        heading: "Awards and Honors",
        len: |p| p.awards.len(),
        build: awards,
    },
    SectionDef {
        id: "service",
        heading: "Professional Service",
        len: |p| p.service.len(),
        build: service,
    },
    SectionDef {
        id: "memberships",
        heading: "Professional Memberships",
        len: |p| p.memberships.len(),
        build: grants::memberships,
    },
    SectionDef {
        id: "outreach",
        heading: "Outreach",
        len: |p| p.outreach.len(),
        build: grants::outreach,
    },
    SectionDef {
        id: "synergistic",
        heading: "Synergistic Activities",
        len: |p| p.synergistic.len(),
        build: grants::synergistic,
    },
    SectionDef {
        id: "skills",
        heading: "Skills",
        len: |p| p.skills.len(),
        build: |c, limit| {
            let entries = c.shown(&c.p.skills, limit).map(|e| Item {
                label: Some(e.label.clone()),
                text: e.items.join(c.loc.get("list.sep")),
                note: None,
                date: None,
            });
            items(false, entries)
        },
    },
    SectionDef {
        id: "projects",
        heading: "Projects",
        len: |p| p.projects.len(),
        build: industry::projects,
    },
    SectionDef {
        id: "certifications",
        heading: "Certifications",
        len: |p| p.certifications.len(),
        build: industry::certifications,
    },
    SectionDef {
        id: "volunteering",
        heading: "Volunteering",
        len: |p| p.volunteering.len(),
        build: industry::volunteering,
    },
    SectionDef {
        id: "languages",
        heading: "Languages",
        len: |p| p.languages.len(),
        build: industry::languages,
    },
    SectionDef {
        id: "news",
        heading: "News",
        len: |p| p.news.len(),
        build: |c, limit| {
            let entries = c.shown(&c.p.news, limit).map(|e| Item {
                label: None,
                text: e.text.clone(),
                note: None,
                date: e.date.as_ref().map(|d| c.loc.date(d)),
            });
            items(true, entries)
        },
    },
    // The parts of the biosketch forms (the CV leaves them out: they repeat its sections or
    // belong to one application).
    SectionDef {
        id: "identity",
        heading: "Identifying Information",
        len: |p| usize::from(!p.person.name.trim().is_empty()),
        build: grants::identity,
    },
    SectionDef {
        id: "preparation",
        heading: "Professional Preparation",
        len: |p| p.education.len(),
        build: grants::preparation,
    },
    SectionDef {
        id: "products",
        heading: "Products Closely Related to the Proposed Project",
        len: |p| documents_max(p, |s| s.products.len()),
        build: |c, _| grants::chosen(c, false),
    },
    SectionDef {
        id: "other_products",
        heading: "Other Significant Products",
        len: |p| documents_max(p, |s| s.other_products.len()),
        build: |c, _| grants::chosen(c, true),
    },
    SectionDef {
        id: "personal_statement",
        heading: "Personal Statement",
        len: |p| {
            usize::from(
                p.personal_statement.is_some()
                    || documents_max(p, |s| usize::from(s.personal_statement.is_some())) > 0,
            )
        },
        build: |c, _| {
            Some(Body::Text {
                text: grants::statement(c)?.to_string(),
            })
        },
    },
    SectionDef {
        id: "honors",
        heading: "Honors",
        len: |p| p.awards.len(),
        build: grants::honors,
    },
];

/// The most that any document of the profile has of something (its products, say).
fn documents_max(p: &Profile, f: impl Fn(&crate::profile::DocSettings) -> usize) -> usize {
    p.documents()
        .into_iter()
        .map(|(_, s)| f(s))
        .max()
        .unwrap_or(0)
}

/// The built-in section `id` names, unless a custom section of that id stands in for it:
/// a profile written before vita had the built-in one (`[[custom]] id = "projects"`) and
/// with no entries of it.
fn built_in(p: &Profile, id: &str) -> Option<&'static SectionDef> {
    let s = SECTIONS.iter().find(|s| s.id == id)?;
    let stands_in = (s.len)(p) == 0 && p.custom.iter().any(|c| c.id == id);
    (!stands_in).then_some(s)
}

/// How many entries a section has in the profile; `None` when no section has this id.
pub fn section_len(p: &Profile, id: &str) -> Option<usize> {
    match built_in(p, id) {
        Some(s) => Some((s.len)(p)),
        None => p
            .custom
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.entries.len()),
    }
}

/// A section of a document, or `None` when it has nothing to show.
pub fn build(c: &Ctx, id: &str) -> Option<Section> {
    let limit = c.doc.limit(id);
    let (title, body) = match built_in(c.p, id) {
        Some(s) => {
            let id = format!("sections.{}", s.id);
            let title = c.loc.lookup(&id).unwrap_or(s.heading).to_string();
            (title, (s.build)(c, limit)?)
        }
        None => {
            let custom = c.p.custom.iter().find(|s| s.id == id)?;
            let entries = c.shown(&custom.entries, limit).map(|e| Entry {
                title: e.title.clone(),
                subtitle: e.subtitle.clone(),
                date: c.loc.range(e.date.as_ref(), e.end.as_ref()),
                bullets: e.highlights.clone(),
                links: links(&e.links),
                ..Entry::default()
            });
            (custom.title.clone(), entries_body(false, entries))
        }
    };
    (!body.is_empty()).then(|| Section {
        id: id.to_string(),
        title,
        body,
    })
}

fn education(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.education, limit).map(|e| {
        let mut lines = vec![];
        if let Some(t) = &e.thesis {
            lines.push(Line {
                label: Some(c.loc.get("labels.thesis").to_string()),
                text: t.clone(),
            });
        }
        lines.extend(people_line(c, "advisor", &e.advisors));
        if let Some(n) = &e.note {
            lines.push(Line {
                label: None,
                text: n.clone(),
            });
        }
        Entry {
            title: e.degree.clone(),
            subtitle: Some(e.institution.clone()),
            location: e.location.clone(),
            date: c.loc.range(e.start.as_ref(), e.end.as_ref()),
            lines,
            ..Entry::default()
        }
    });
    Some(entries_body(false, entries))
}

fn experience(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c
        .shown(&c.p.experience, limit)
        .map(|e| super::industry::experience_entry(c, e));
    Some(entries_body(false, entries))
}

fn talks(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c
        .newest_first(&c.p.talks, limit, |e| e.date)
        .map(|e| Entry {
            title: e.title.clone(),
            subtitle: Some(e.event.clone()),
            location: e.location.clone(),
            date: e.date.as_ref().map(|d| c.loc.date(d)).unwrap_or_default(),
            links: links(&e.links),
            ..Entry::default()
        });
    Some(entries_body(true, entries))
}

fn teaching(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c.shown(&c.p.teaching, limit).map(|e| {
        let subtitle = [
            Some(e.role.as_str()).filter(|r| !r.is_empty()),
            e.institution.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(c.loc.get("labels.comma"));
        Entry {
            title: e.course.clone(),
            subtitle: Some(subtitle),
            date: e
                .term
                .clone()
                .or_else(|| e.date.as_ref().map(|d| c.loc.date(d)))
                .unwrap_or_default(),
            lines: e
                .instructor
                .iter()
                .map(|i| Line {
                    label: Some(c.loc.get("labels.instructor").to_string()),
                    text: i.clone(),
                })
                .collect(),
            ..Entry::default()
        }
    });
    Some(entries_body(true, entries))
}

fn awards(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c
        .newest_first(&c.p.awards, limit, award_date)
        .map(|e| Item {
            label: None,
            text: match &e.issuer {
                Some(i) => format!("{}, {i}", e.title),
                None => e.title.clone(),
            },
            note: e.rank.clone(),
            date: e
                .period
                .clone()
                .or_else(|| e.date.as_ref().map(|d| c.loc.date(d))),
        });
    items(false, entries)
}

fn service(c: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = c
        .newest_first(&c.p.service, limit, |e| e.date)
        .map(|e| Item {
            label: Some(e.role.clone()),
            text: [
                Some(e.venues.join(c.loc.get("list.sep"))).filter(|v| !v.is_empty()),
                e.text.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; "),
            note: None,
            date: e.date.as_ref().map(|d| c.loc.date(d)),
        });
    items(false, entries)
}
