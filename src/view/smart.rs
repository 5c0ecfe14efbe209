//! Smart punctuation (`locale::smart`) applied to every prose text of a document's view, so
//! the PDF and every export print the same text; ids, dates, URLs and contact addresses are
//! never touched. The design key `smart_punctuation = false` turns it off.

use super::model::{Body, Body::*, View};
use crate::locale::smart::{Quotes, smarten};

/// Every prose text of the view set with smart punctuation.
pub fn apply(v: &mut View, q: &Quotes) {
    let s = |t: &mut String| *t = smarten(t, q);
    let o = |t: &mut Option<String>| {
        if let Some(t) = t {
            *t = smarten(t, q);
        }
    };
    s(&mut v.meta.title);
    s(&mut v.look.footer);
    s(&mut v.meta.author);
    v.meta.keywords.iter_mut().for_each(s);
    let p = &mut v.person;
    s(&mut p.name);
    o(&mut p.native_name);
    o(&mut p.headline);
    // Addresses, numbers and handles print as written; only a place is prose.
    p.contacts
        .iter_mut()
        .filter(|c| c.kind == "location")
        .for_each(|c| s(&mut c.text));
    for section in &mut v.sections {
        s(&mut section.title);
        body(&mut section.body, &s, &o);
    }
    if let Some(l) = &mut v.letter {
        l.recipient.iter_mut().for_each(s);
        o(&mut l.subject);
        o(&mut l.opening);
        l.paragraphs.iter_mut().for_each(s);
        o(&mut l.closing);
        s(&mut l.signature);
    }
}

/// The prose of a section's body, set by `s` (a text) and `o` (a text that may be absent).
fn body(b: &mut Body, s: &dyn Fn(&mut String), o: &dyn Fn(&mut Option<String>)) {
    match b {
        Text { text } => s(text),
        Tags { items } => items.iter_mut().for_each(s),
        Entries { entries, .. } => {
            for e in entries {
                s(&mut e.title);
                o(&mut e.subtitle);
                o(&mut e.location);
                for line in &mut e.lines {
                    o(&mut line.label);
                    s(&mut line.text);
                }
                e.bullets.iter_mut().for_each(s);
                e.links.iter_mut().for_each(|l| s(&mut l.label));
                for r in &mut e.roles {
                    s(&mut r.title);
                    o(&mut r.location);
                    r.bullets.iter_mut().for_each(s);
                }
            }
        }
        Items { entries, .. } => {
            for i in entries {
                o(&mut i.label);
                s(&mut i.text);
                o(&mut i.note);
            }
        }
        Works { groups, legend, .. } => {
            for g in groups {
                o(&mut g.title);
                for w in &mut g.entries {
                    s(&mut w.title);
                    w.authors.iter_mut().for_each(|a| s(&mut a.name));
                    o(&mut w.venue);
                    o(&mut w.venue_detail);
                    o(&mut w.award);
                    w.notes.iter_mut().for_each(s);
                    o(&mut w.detail);
                    w.links.iter_mut().for_each(|l| s(&mut l.label));
                    o(&mut w.remark);
                }
            }
            legend.iter_mut().for_each(|l| s(&mut l.text));
        }
    }
}
