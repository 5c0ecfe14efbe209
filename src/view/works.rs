//! Authored works (publications, reports, patents): selection, order, groups, numbers,
//! author marks and the legend that explains them.

use std::collections::HashSet;

use super::Ctx;
use super::model::{Author, Body, Group, LegendLine, Link, Work as WorkView};
use super::parts::links;
use crate::names::{ET_AL, split_marks};
use crate::profile::{Date, GroupBy, Numbering, Publication, Select, VenueStyle};

/// An authored work before it is put in the shape layouts draw.
#[derive(Default)]
pub struct Work<'a> {
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
    links: Vec<Link>,
}

/// One group of works with no sub-heading, and the legend of its marks.
fn single_group(ctx: &Ctx, entries: Vec<WorkView>, with_legend: bool) -> Body {
    let legend = if with_legend {
        legend(ctx, &entries)
    } else {
        vec![]
    };
    Body::Works {
        numbered: false,
        groups: vec![Group {
            title: None,
            entries,
        }],
        legend,
    }
}

/// The technical reports section.
pub fn reports(ctx: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = ctx.shown(&ctx.p.reports, limit).map(|e| {
        work(
            ctx,
            Work {
                title: &e.title,
                authors: &e.authors,
                venue: e.institution.clone(),
                date: e.date.as_ref().map(|d| ctx.loc.date(d)),
                remark: e.note.as_deref(),
                links: links(&e.links),
                ..Work::default()
            },
        )
    });
    Some(single_group(ctx, entries.collect(), true))
}

/// The patents section.
pub fn patents(ctx: &Ctx, limit: Option<usize>) -> Option<Body> {
    let entries = ctx.shown(&ctx.p.patents, limit).map(|e| {
        let detail = [e.status.as_deref(), e.number.as_deref(), e.note.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(ctx.loc.get("labels.comma"));
        work(
            ctx,
            Work {
                title: &e.title,
                authors: &e.inventors,
                date: e.date.as_ref().map(|d| ctx.loc.date(d)),
                detail: Some(detail.as_str()).filter(|d| !d.is_empty()),
                links: links(&e.links),
                ..Work::default()
            },
        )
    });
    Some(single_group(ctx, entries.collect(), false))
}

/// Puts a work in the shape layouts draw, marking which authors are the person (and which
/// are advisees), and shortening long lists around the person's own name.
fn work(ctx: &Ctx, w: Work) -> WorkView {
    let mut cut = false;
    let mut authors: Vec<Author> = vec![];
    let names: Vec<&str> = w.authors.iter().map(String::as_str).collect();
    let mine = ctx.me.best_matches(&names);
    for (i, a) in w.authors.iter().enumerate() {
        let (name, mut marks) = split_marks(a);
        if name == ET_AL || name.eq_ignore_ascii_case("others") {
            cut = true;
            continue;
        }
        if ctx.advisees.is_me(name) && !marks.contains(ctx.advisee_mark) {
            marks.push(ctx.advisee_mark);
        }
        authors.push(Author {
            name: name.to_string(),
            marks,
            me: mine.contains(&i),
        });
    }
    // Long author lists are kept short, but never hide the person's own name:
    // "A, B, **Y. Li**, et al.".
    if let Some(max) = ctx.max_authors
        && authors.len() > max
    {
        let me = authors.iter().position(|a| a.me);
        let keep = max.saturating_sub(1).max(1);
        let mine = me.filter(|i| *i >= keep).map(|i| authors[i].clone());
        authors.truncate(keep);
        authors.extend(mine);
        cut = true;
    }
    if cut {
        // "et al." after names in Latin letters, whatever the document's language (as
        // GB/T 7714 and GOST write it); the language's own words after names in its script.
        let latin = authors
            .iter()
            .any(|a| a.name.chars().any(|c| c.is_ascii_alphabetic()));
        let et_al = if latin {
            ET_AL
        } else {
            ctx.loc.get("works.et_al")
        };
        authors.push(Author {
            name: et_al.to_string(),
            marks: String::new(),
            me: false,
        });
    }
    WorkView {
        title: w.title.to_string(),
        authors,
        venue: w.venue,
        venue_detail: w.venue_detail,
        date: w.date,
        award: w.award.map(String::from),
        notes: w.notes,
        detail: w.detail.map(String::from),
        links: w.links,
        remark: w.remark.map(String::from),
        number: None,
    }
}

/// Lines explaining the marks that the shown works' authors carry, and only those.
fn legend(ctx: &Ctx, works: &[WorkView]) -> Vec<LegendLine> {
    let used: String = works
        .iter()
        .flat_map(|w| &w.authors)
        .map(|a| a.marks.as_str())
        .collect();
    let mut out: Vec<LegendLine> = vec![];
    let loc = &ctx.loc;
    for (mark, text) in [
        ('*', loc.get("marks.equal")),
        ('†', loc.get("marks.corresponding")),
        (
            ctx.advisee_mark,
            ctx.advisee_text.unwrap_or(loc.get("marks.advisee")),
        ),
    ] {
        let mark = mark.to_string();
        if used.contains(&mark) && !out.iter().any(|l| l.mark == mark) {
            out.push(LegendLine {
                mark,
                text: text.to_string(),
            });
        }
    }
    out
}

/// The groups when publications are grouped by type, in this order; their headings are the
/// locale's `groups.<type>`.
const TYPE_GROUPS: &[&str] = &[
    "journal",
    "conference",
    "workshop",
    "preprint",
    "thesis",
    "chapter",
    "book",
    "other",
];

/// A publication's type: as given, else guessed from its venue.
fn kind(e: &Publication) -> &'static str {
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

/// Venue, date and volume/pages of a publication, in the document's venue style.
fn venue_parts(
    ctx: &Ctx,
    e: &Publication,
    style: VenueStyle,
) -> (Option<String>, Option<String>, Option<String>) {
    let loc = &ctx.loc;
    let year = e
        .year
        .or_else(|| e.date.as_ref().and_then(Date::year))
        .map(|y| y.to_string());
    let short = venue_short(e);
    if style == VenueStyle::Short {
        // `ICCV 2021`
        let v = short.or_else(|| e.venue.clone());
        return match (v, year) {
            // `NeurIPS 2023` already has its year.
            (Some(v), Some(y)) if v.split(|c: char| !c.is_ascii_digit()).any(|w| w == y) => {
                (Some(v), None, None)
            }
            (Some(v), Some(y)) => (Some(format!("{v} {y}")), None, None),
            (v, y) => (v, y, None),
        };
    }
    // The words vita itself writes for an arXiv preprint are the document's language's.
    let own = |v: &String| {
        if v.eq_ignore_ascii_case("arxiv preprint") {
            loc.get("works.arxiv_preprint").to_string()
        } else {
            v.clone()
        }
    };
    let venue = match (&e.venue, short) {
        // `... Learning Systems (TNNLS)`, unless the name already has its acronym.
        (Some(v), Some(s)) if !v.contains(&s) && !v.ends_with(')') && !s.contains(' ') => {
            Some(format!("{v} ({s})"))
        }
        (Some(v), _) => Some(own(v)),
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
        let pages = pages.replace("--", "–").replace('-', "–");
        detail.push_str(&if range {
            loc.fill("works.pages", &[("pages", &pages)])
        } else {
            loc.fill("works.page", &[("page", &pages)])
        });
    }
    // `NeurIPS 2023` is not followed by `, 2023`.
    let year = year.filter(|y| {
        !venue
            .as_deref()
            .is_some_and(|v| v.split(|c: char| !c.is_ascii_digit()).any(|w| w == y))
    });
    (venue, year, Some(detail).filter(|d| !d.is_empty()))
}

/// One publication as printed.
fn entry(ctx: &Ctx, e: &Publication, style: VenueStyle) -> WorkView {
    let mut l = vec![];
    if let Some(doi) = &e.doi {
        l.push(Link {
            label: "DOI".into(),
            url: crate::ids::doi_url(doi),
        });
    }
    if let Some(a) = &e.arxiv {
        l.push(Link {
            label: "arXiv".into(),
            url: crate::ids::arxiv_url(a),
        });
    }
    l.extend(links(&e.links));
    let (venue, date, venue_detail) = venue_parts(ctx, e, style);
    let mut notes = vec![];
    if let Some(pr) = &e.presentation {
        notes.push(pr.clone());
    }
    if let Some(a) = &e.acceptance {
        notes.push(if a.to_lowercase().contains("accept") {
            a.clone()
        } else {
            ctx.loc.fill("works.acceptance", &[("rate", a)])
        });
    }
    if let Some(n) = e.citations {
        notes.push(ctx.loc.fill("works.cited_by", &[("n", &n.to_string())]));
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
}

/// The publications section: selected, newest first, grouped and numbered.
pub fn publications(ctx: &Ctx, limit: Option<usize>) -> Body {
    let p = ctx.p;
    let mut pubs: Vec<(usize, &Publication)> = p
        .publications
        .iter()
        .enumerate()
        .filter(|(_, e)| ctx.doc.shows(*e))
        .collect();
    let any_selected = pubs.iter().any(|(_, e)| e.selected);
    let select = ctx.doc.select(any_selected);
    if select == Select::Selected {
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
    if select == Select::FirstAuthor {
        // A stable sort keeps newest-first within each half.
        pubs.sort_by_key(|(_, e)| !first_author(ctx, e));
    }
    pubs.truncate(limit.unwrap_or(usize::MAX));
    let pubs: Vec<&Publication> = pubs.into_iter().map(|(_, e)| e).collect();
    let opts = ctx
        .doc
        .pub_options(pubs.iter().any(|e| e.category.is_some()));
    let groups = match opts.group_by {
        GroupBy::Category => by_category(ctx, &pubs, &opts.categories),
        GroupBy::Type => by_type(ctx, &pubs),
        GroupBy::None => vec![(None, pubs)],
    };
    number(ctx, groups, opts.numbering, opts.continuous, opts.venue)
}

/// Groups by category: those asked for first, then as the profile first names them;
/// uncategorised entries last.
fn by_category<'a>(
    ctx: &Ctx,
    pubs: &[&'a Publication],
    asked: &[String],
) -> Vec<(Option<String>, Vec<&'a Publication>)> {
    let shown: HashSet<Option<&str>> = pubs.iter().map(|e| e.category.as_deref()).collect();
    let mut order: Vec<Option<&str>> = vec![];
    let named = asked.iter().map(String::as_str);
    for c in named.chain(
        ctx.p
            .publications
            .iter()
            .filter_map(|e| e.category.as_deref()),
    ) {
        if shown.contains(&Some(c)) && !order.contains(&Some(c)) {
            order.push(Some(c));
        }
    }
    let named = !order.is_empty();
    if shown.contains(&None) {
        order.push(None);
    }
    order
        .into_iter()
        .map(|c| {
            let title = match c {
                Some(c) => Some(c.to_string()),
                None if named => Some(ctx.loc.get("groups.uncategorised").to_string()),
                None => None,
            };
            let entries = pubs
                .iter()
                .copied()
                .filter(|e| e.category.as_deref() == c)
                .collect();
            (title, entries)
        })
        .collect()
}

/// Groups by publication type, in the order of [`TYPE_GROUPS`].
fn by_type<'a>(ctx: &Ctx, pubs: &[&'a Publication]) -> Vec<(Option<String>, Vec<&'a Publication>)> {
    let title = |k: &str| Some(ctx.loc.get(&format!("groups.{k}")).to_string());
    let mut groups = vec![];
    for k in TYPE_GROUPS {
        let entries: Vec<&Publication> = pubs.iter().copied().filter(|e| kind(e) == *k).collect();
        if !entries.is_empty() {
            groups.push((title(k), entries));
        }
    }
    let rest: Vec<&Publication> = pubs
        .iter()
        .copied()
        .filter(|e| !TYPE_GROUPS.contains(&kind(e)))
        .collect();
    if !rest.is_empty() {
        groups.push((title("other"), rest));
    }
    groups
}

/// Puts groups in the shape layouts draw, numbering the works.
fn number(
    ctx: &Ctx,
    groups: Vec<(Option<String>, Vec<&Publication>)>,
    numbering: Numbering,
    continuous: bool,
    venue: VenueStyle,
) -> Body {
    let total: usize = groups.iter().map(|(_, e)| e.len()).sum();
    let mut shown: Vec<WorkView> = vec![];
    let mut seen = 0;
    let groups: Vec<Group> = groups
        .into_iter()
        .map(|(title, list)| {
            let n = list.len();
            let entries: Vec<WorkView> = list
                .into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut v = entry(ctx, e, venue);
                    let (pos, count) = if continuous {
                        (seen + i, total)
                    } else {
                        (i, n)
                    };
                    v.number = match numbering {
                        Numbering::Forward => Some(pos + 1),
                        Numbering::Reverse => Some(count - pos),
                        Numbering::None => None,
                    };
                    v
                })
                .collect();
            seen += n;
            shown.extend(entries.iter().cloned());
            Group { title, entries }
        })
        .collect();
    Body::Works {
        numbered: numbering != Numbering::None,
        groups,
        legend: legend(ctx, &shown),
    }
}

/// Publications named by id, in the order named (a biosketch's products), numbered from
/// `first`; ids that name nothing were reported when the profile was loaded and are skipped.
pub fn chosen(ctx: &Ctx, ids: &[String], first: usize) -> Option<Body> {
    let entries: Vec<WorkView> = ids
        .iter()
        .filter_map(|id| {
            ctx.p
                .publications
                .iter()
                .find(|e| e.id.as_deref() == Some(id.as_str()))
        })
        .enumerate()
        .map(|(i, e)| WorkView {
            number: Some(first + i),
            ..entry(ctx, e, VenueStyle::Full)
        })
        .collect();
    let legend = legend(ctx, &entries);
    Some(Body::Works {
        numbered: true,
        groups: vec![Group {
            title: None,
            entries,
        }],
        legend,
    })
}
