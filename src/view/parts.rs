//! Pieces the section builders share: links, the entries and items shapes, a labelled line of
//! people, the date an award sorts by. The builders (sections.rs, works.rs, grants.rs,
//! industry.rs) import these; none imports another builder's table.

use super::Ctx;
use super::model::{Body, Entry, Item, Line, Link};
use crate::profile::{Date, Links};

/// Labelled links, in the order written.
pub fn links(l: &Links) -> Vec<Link> {
    l.0.iter()
        .map(|(label, url)| Link {
            label: label.clone(),
            url: url.clone(),
        })
        .collect()
}

/// Entries in the entries shape.
pub(super) fn entries_body(compact: bool, entries: impl Iterator<Item = Entry>) -> Body {
    Body::Entries {
        compact,
        entries: entries.collect(),
    }
}

/// Items in the items shape.
pub(super) fn items(date_first: bool, entries: impl Iterator<Item = Item>) -> Option<Body> {
    Some(Body::Items {
        date_first,
        entries: entries.collect(),
    })
}

/// `Advisor: A` or `Advisors: A and B`, in the document's language (`labels.advisor`,
/// `labels.advisors`).
pub(super) fn people_line(c: &Ctx, label: &str, people: &[String]) -> Option<Line> {
    let id = if people.len() > 1 {
        format!("labels.{label}s")
    } else {
        format!("labels.{label}")
    };
    (!people.is_empty()).then(|| Line {
        label: Some(c.loc.get(&id).to_string()),
        text: c.loc.join(people),
    })
}

/// When an award was given, to sort awards newest first: its date, else the last year of its
/// period.
pub(super) fn award_date(e: &crate::profile::Award) -> Option<Date> {
    e.date.or_else(|| e.period.as_deref().and_then(last_year))
}

/// The latest year a free-form period names (`2020/2021` -> 2021), to sort it among dates.
fn last_year(period: &str) -> Option<Date> {
    period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .max()
        .map(|year| Date::On {
            year,
            month: None,
            day: None,
        })
}
