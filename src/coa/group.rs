//! Spellings of one person gathered into one group: the rows of the COA list before they are
//! written.

use std::collections::{BTreeSet, HashMap};

use crate::diag::Diagnostic;
use crate::names::{Spelling, split_marks};
use crate::profile::{Date, Profile};

/// A work with authors, as the list sees it.
pub(super) struct Work<'a> {
    pub title: &'a str,
    pub authors: &'a [String],
    pub date: Option<Date>,
}

/// Spellings of one person met so far.
pub(super) struct Group {
    /// The `[collaborators]` entry, when there is one.
    pub entry: Option<usize>,
    /// The spelling that stands for the group (the entry's name, else the first met).
    pub spelling: Option<Spelling>,
    /// Each spelling as written, with how often it was met, in the order first met.
    pub names: Vec<(String, usize)>,
    /// The date of the latest work in the window.
    pub last: Option<Date>,
    /// The works in the window, by index.
    pub works: BTreeSet<usize>,
}

impl Group {
    /// Counts one spelling met in one work of this date.
    pub fn meet(&mut self, name: &str, work: usize, date: Date) {
        match self.names.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => self.names.push((name.to_string(), 1)),
        }
        self.works.insert(work);
        if self.last.is_none_or(|l| l.sort_key() < date.sort_key()) {
            self.last = Some(date);
        }
    }

    /// Takes in another group's spellings and works.
    fn absorb(&mut self, other: Group) {
        for (n, c) in other.names {
            match self.names.iter_mut().find(|(m, _)| *m == n) {
                Some((_, count)) => *count += c,
                None => self.names.push((n, c)),
            }
        }
        self.works.extend(other.works);
        if let Some(d) = other.last
            && self.last.is_none_or(|l| l.sort_key() < d.sort_key())
        {
            self.last = Some(d);
        }
    }

    /// The spelling met most often (the first met of equals).
    pub fn usual_name(&self) -> Option<&str> {
        let mut best: Option<&(String, usize)> = None;
        for n in &self.names {
            if best.is_none_or(|b| n.1 > b.1) {
                best = Some(n);
            }
        }
        best.map(|(n, _)| n.as_str())
    }
}

/// Puts each name written with initials only (`Y. Li`) in the group of the one co-author
/// written in full it can stand for; with two or more, it stays as written, with a warning.
pub(super) fn join_initials(p: &Profile, groups: &mut [Group]) -> Vec<Diagnostic> {
    let mut warnings = vec![];
    // `Y. Li` joins the one co-author written in full it can stand for; with two or more, it
    // stays as written. Those it can stand for share its family name: looked up by it.
    let family = |s: &Spelling| {
        let key = s.key();
        key.split_once(", ")
            .map_or(key.clone(), |(f, _)| f.to_string())
    };
    let mut in_full: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, g) in groups.iter().enumerate() {
        if let Some(s) = g.spelling.as_ref().filter(|s| !s.is_abbreviated())
            && (g.entry.is_some() || !g.works.is_empty())
        {
            in_full.entry(family(s)).or_default().push(j);
        }
    }
    for gi in 0..groups.len() {
        let g = &groups[gi];
        let Some(s) = g.spelling.as_ref().filter(|s| s.is_abbreviated()) else {
            continue;
        };
        if g.entry.is_some() || g.works.is_empty() {
            continue;
        }
        let candidates: Vec<usize> = in_full
            .get(&family(s))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&j| groups[j].spelling.as_ref().is_some_and(|c| c.admits(s)))
            .collect();
        match candidates.as_slice() {
            [one] => {
                let taken = std::mem::replace(
                    &mut groups[gi],
                    Group {
                        entry: None,
                        spelling: None,
                        names: vec![],
                        last: None,
                        works: BTreeSet::new(),
                    },
                );
                groups[*one].absorb(taken);
            }
            [] => {}
            many => {
                let written = g.usual_name().unwrap_or_default().to_string();
                let who: Vec<String> = many.iter().map(|&j| display_name(p, &groups[j])).collect();
                warnings.push(
                    Diagnostic::warning(format!(
                        "`{written}` in the COA list may be {}; it is listed as written",
                        who.join(" or ")
                    ))
                    .hint(format!(
                        "if you know who it is, add it to their `aliases` in `[collaborators]`: `\"{}\" = {{ aliases = [\"{written}\"] }}`",
                        who[0]
                    )),
                );
            }
        }
    }
    warnings
}

/// How a group is named in the list: its `[collaborators]` entry's name, else the spelling
/// met most often.
pub(super) fn display_name(p: &Profile, g: &Group) -> String {
    match g.entry {
        Some(i) => p.collaborators.0[i].0.clone(),
        None => split_marks(g.usual_name().unwrap_or_default())
            .0
            .to_string(),
    }
}

/// The first author spelling, as written, whose key is `key`.
pub(super) fn spelling_for_key(works: &[Work], key: &str) -> Option<String> {
    works
        .iter()
        .flat_map(|w| w.authors)
        .map(|a| split_marks(a).0)
        .find(|a| Spelling::parse(a).is_some_and(|s| s.key() == key))
        .map(str::to_string)
}
