//! The NSF Collaborators and Other Affiliations (COA) list (`vita coa`): everyone the person
//! wrote a paper or report with in the 48 months before a reference date, one row per person
//! however their name was spelt, with the organisation from the profile's `[collaborators]`.
//!
//! Spellings are grouped by the rules that recognise the person's own name
//! ([`crate::names`]): `Li, Yiming` and `Yiming Li` are one person; `Y. Li` joins a person
//! only when exactly one co-author it can stand for is known (`Yuezun Li` and `Yiming Li` are
//! two people, and `Y. Li` then stays as written, with a warning). The person's own name and
//! aliases are never listed.

mod csv;
mod group;
mod sheet;

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diag::{Diagnostic, did_you_mean};
use crate::load::Loaded;
use crate::names::{ET_AL, Spelling, family_first, fold, split_marks};
use crate::profile::{Date, KeyPath, Profile, Spans};

pub use csv::csv;
pub use sheet::xlsx;

use group::{Group, Work, display_name, spelling_for_key};

/// How far back co-authors count: NSF's 48 months (PAPPG, chapter II.D.2.h(iii)).
pub const MONTHS: u16 = 48;

/// One row of Table 4 of NSF's COA template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `A:` a co-author; `C:` a collaborator on something other than a paper.
    pub code: &'static str,
    /// The name, family name first: `Li, Yuezun`.
    pub name: String,
    /// Their organisation, from `[collaborators]`.
    pub organisation: Option<String>,
    /// Department and e-mail address, NSF's optional column.
    pub optional: Option<String>,
    /// The last time they worked with the person: their latest shared work in the window.
    pub last_active: Date,
    /// How many of the works in the window they share with the person.
    pub works: usize,
}

/// The whole list, with what Table 1 says about the person.
#[derive(Debug, Clone)]
pub struct Coa {
    /// The person, family name first.
    pub person: String,
    /// The person's organisations in the last 12 months, with the last date at each.
    pub affiliations: Vec<(String, Date)>,
    /// The reference date the window ends at.
    pub as_of: Date,
    /// The first day of the window.
    pub since: Date,
    /// Table 4: co-authors and collaborators, in alphabetical order.
    pub rows: Vec<Row>,
}

/// `vita coa`: reads the profile, makes the list and writes `coa.csv` and `coa.xlsx` into
/// `out`, both or neither; returns the line to print and the warnings.
pub fn run(
    profile: &std::path::Path,
    out: &std::path::Path,
    as_of: Option<Date>,
) -> Result<(String, Vec<Diagnostic>), crate::Failure> {
    let loaded = crate::load::load(profile).map_err(crate::Failure::input)?;
    let mut warnings = loaded.warnings.clone();
    let as_of = reference_date(as_of, &loaded.profile).map_err(|d| {
        warnings.insert(0, d);
        crate::Failure::input(std::mem::take(&mut warnings))
    })?;
    let (list, more) = coa(&loaded, as_of);
    warnings.extend(more);
    let book = xlsx(&list).map_err(crate::Failure::other)?;
    let text = csv(&list);
    let (csv_path, xlsx_path) = (out.join("coa.csv"), out.join("coa.xlsx"));
    crate::output::write_all(&[
        (csv_path.clone(), text.as_bytes()),
        (xlsx_path.clone(), &book),
    ])
    .map_err(crate::Failure::other)?;
    let n = list.rows.len();
    let line = format!(
        "wrote {} and {}: {n} {} from {} to {}",
        csv_path.display(),
        xlsx_path.display(),
        if n == 1 { "person" } else { "people" },
        list.since.iso(),
        list.as_of.iso()
    );
    Ok((line, warnings))
}

/// The date the 48 months are counted back from: `--as-of`, else the profile's `updated`,
/// else `SOURCE_DATE_EPOCH`; never the clock.
pub fn reference_date(as_of: Option<Date>, p: &Profile) -> Result<Date, Diagnostic> {
    if let Some(d) = as_of.or(p.updated) {
        return Ok(d);
    }
    crate::build::source_date_epoch()?.ok_or_else(|| {
        Diagnostic::error("`vita coa` needs a date to count the 48 months back from")
            .hint("pass `--as-of 2026-01-15`, set `updated = 2026-01-15` at the top of the profile, or set `SOURCE_DATE_EPOCH`")
    })
}

/// The first day of the 48 months that end on `as_of` (the same day, four years earlier; 29
/// February becomes the 28th).
pub fn window_start(as_of: Date) -> Date {
    let (y, m, d) = as_of.ymd().unwrap_or((1970, 1, 1));
    let y = (y - i32::from(MONTHS / 12)).max(1000) as u32;
    let d = if m == 2 && d == 29 { 28 } else { d };
    Date::from_parts(y, Some(m.into()), Some(d.into())).unwrap_or(Date::On {
        year: y as u16,
        month: Some(m),
        day: Some(1),
    })
}

/// Whether a work of this date falls in the window that starts at `since`. A date known only
/// to the year or month counts when that year or month reaches into the window: for a
/// conflict-of-interest list, one name too many is harmless and one too few is not. Works
/// dated after the reference date count too (NSF: "publication date may be later").
pub fn in_window(date: &Date, since: &Date) -> bool {
    *date != Date::Present && !date.ends_before(since)
}

/// Makes the COA list of a loaded profile for the window that ends on `as_of`, with the
/// warnings it gives (organisations missing, spellings that may be more than one person).
pub fn coa(loaded: &Loaded, as_of: Date) -> (Coa, Vec<Diagnostic>) {
    let p = &loaded.profile;
    let since = window_start(as_of);
    let me = p.person.own_name();
    let spans = Spans::new(&loaded.text);
    let locate = |d: Diagnostic, path: &KeyPath| match spans.find(path) {
        Some(r) => d.at(&loaded.display, &loaded.text, r),
        None => d,
    };
    let mut warnings = vec![];
    let works: Vec<Work> = p
        .publications
        .iter()
        .map(|e| Work {
            title: &e.title,
            authors: &e.authors,
            date: e.date.or(e.year.map(|year| Date::On {
                year,
                month: None,
                day: None,
            })),
        })
        .chain(p.reports.iter().map(|e| Work {
            title: &e.title,
            authors: &e.authors,
            date: e.date,
        }))
        .collect();

    // Every `[collaborators]` entry is a group from the start, found by each of its spellings.
    let mut groups: Vec<Group> = vec![];
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, (name, e)) in p.collaborators.0.iter().enumerate() {
        groups.push(Group {
            entry: Some(i),
            spelling: Spelling::parse(name),
            names: vec![],
            last: None,
            works: BTreeSet::new(),
        });
        for s in std::iter::once(name).chain(&e.aliases) {
            if let Some(s) = Spelling::parse(s) {
                by_key.entry(s.key()).or_insert(i);
            }
        }
    }
    let mut dateless: Vec<&str> = vec![];
    // Every co-author spelling of every work, in the window or not: to tell an entry of
    // `[collaborators]` that names no one from one that is simply older.
    let mut everyone: Vec<(String, Spelling)> = vec![];
    let mut met: HashSet<String> = HashSet::new();
    for (wi, w) in works.iter().enumerate() {
        let names: Vec<&str> = w.authors.iter().map(String::as_str).collect();
        let mine = me.best_matches(&names);
        let inside = match w.date {
            Some(d) => in_window(&d, &since).then_some(d),
            None => {
                if !w.authors.is_empty() {
                    dateless.push(w.title);
                }
                None
            }
        };
        for (i, a) in names.iter().enumerate() {
            let (name, _) = split_marks(a);
            if mine.contains(&i) || name == ET_AL || name.eq_ignore_ascii_case("others") {
                continue;
            }
            let Some(spelling) = Spelling::parse(name) else {
                continue;
            };
            let key = spelling.key();
            if met.insert(key.clone()) {
                everyone.push((key.clone(), spelling.clone()));
            }
            let Some(date) = inside else { continue };
            let gi = *by_key.entry(key).or_insert_with(|| {
                groups.push(Group {
                    entry: None,
                    spelling: Some(spelling),
                    names: vec![],
                    last: None,
                    works: BTreeSet::new(),
                });
                groups.len() - 1
            });
            groups[gi].meet(name, wi, date);
        }
    }

    warnings.extend(group::join_initials(p, &mut groups));

    let mut rows: Vec<Row> = vec![];
    for g in &groups {
        let entry = g.entry.map(|i| &p.collaborators.0[i].1);
        let active = entry
            .and_then(|e| e.last_active)
            .filter(|d| in_window(d, &since));
        let (code, last) = match (g.last, active) {
            (Some(l), Some(a)) if a.sort_key() > l.sort_key() => ("A:", a),
            (Some(l), _) => ("A:", l),
            (None, Some(a)) => ("C:", a),
            (None, None) => continue,
        };
        let optional = entry
            .map(|e| {
                [e.department.as_deref(), e.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .filter(|s| !s.is_empty());
        rows.push(Row {
            code,
            name: family_first(&display_name(p, g)),
            organisation: entry
                .and_then(|e| e.organisation.clone())
                .filter(|o| !o.trim().is_empty()),
            optional,
            last_active: last,
            works: g.works.len(),
        });
    }
    rows.sort_by(|a, b| (fold(&a.name), &a.name).cmp(&(fold(&b.name), &b.name)));

    let lacking: Vec<&str> = rows
        .iter()
        .filter(|r| r.organisation.is_none())
        .map(|r| r.name.as_str())
        .collect();
    if !lacking.is_empty() {
        let n = lacking.len();
        // A list of thousands helps no one read the message: the first few, and the count.
        const SHOWN: usize = 20;
        let more = if n > SHOWN {
            format!(" and {} more (the CSV lists them all)", n - SHOWN)
        } else {
            String::new()
        };
        let d = Diagnostic::warning(format!(
            "{n} {} in the COA list {} no organisation: {}{more}",
            if n == 1 { "person" } else { "people" },
            if n == 1 { "has" } else { "have" },
            lacking[..n.min(SHOWN)].join("; ")
        ))
        .hint(format!(
            "add each to `[collaborators]` in the profile: `\"{}\" = \"their organisation\"`",
            lacking[0]
        ));
        warnings.push(locate(d, &KeyPath::key("collaborators")));
    }
    if !dateless.is_empty() {
        let shown: Vec<String> = dateless.iter().take(5).map(|t| format!("“{t}”")).collect();
        let more = if dateless.len() > 5 {
            format!(" and {} more", dateless.len() - 5)
        } else {
            String::new()
        };
        warnings.push(
            Diagnostic::warning(format!(
                "the COA list leaves out {} {} with no date: {}{more}",
                dateless.len(),
                if dateless.len() == 1 { "work" } else { "works" },
                shown.join(", ")
            ))
            .hint(
                "give each a `year` (or `date`) so vita can tell whether it falls in the 48 months",
            ),
        );
    }
    for (i, (name, e)) in p.collaborators.0.iter().enumerate() {
        if !groups[i].works.is_empty() || e.last_active.is_some() {
            continue;
        }
        let keys: Vec<String> = std::iter::once(name)
            .chain(&e.aliases)
            .filter_map(|s| Spelling::parse(s))
            .map(|s| s.key())
            .collect();
        let named = everyone.iter().any(|(k, s)| {
            keys.contains(k)
                || (s.is_abbreviated() && groups[i].spelling.as_ref().is_some_and(|g| g.admits(s)))
        });
        if named {
            continue;
        }
        let mut d = Diagnostic::warning(format!(
            "`{name}` in `[collaborators]` is not an author of any of your works"
        ));
        let spelled: Vec<String> = everyone.iter().map(|(_, s)| s.key()).collect::<Vec<_>>();
        d = match did_you_mean(
            &Spelling::parse(name).map(|s| s.key()).unwrap_or_default(),
            spelled.iter().map(String::as_str),
        ) {
            Some(best) => d.hint(format!(
                "did you mean `{}`? Otherwise give `last_active` for a collaborator on something other than a paper",
                spelling_for_key(&works, best).unwrap_or(best.to_string())
            )),
            None => d.hint(
                "check the spelling against your author lists, or give `last_active` for a collaborator on something other than a paper",
            ),
        };
        warnings.push(locate(d, &KeyPath::key("collaborators").k(name)));
    }

    let coa = Coa {
        person: family_first(&p.person.name),
        affiliations: affiliations(p, as_of),
        as_of,
        since,
        rows,
    };
    (coa, warnings)
}

/// The person's organisations in the 12 months before `as_of` (Table 1), from the positions
/// in `experience` and the degrees in `education` (a student is affiliated with their
/// university), each once, with the last date there.
fn affiliations(p: &Profile, as_of: Date) -> Vec<(String, Date)> {
    let (y, m, _) = as_of.ymd().unwrap_or((1970, 1, 1));
    let year_ago =
        Date::from_parts((y - 1).max(1000) as u32, Some(m.into()), Some(1)).unwrap_or(as_of);
    let mut out: Vec<(String, Date)> = vec![];
    let places = p
        .experience
        .iter()
        .map(|e| (e.organisation.trim(), e.start, e.end))
        .chain(
            p.education
                .iter()
                .map(|e| (e.institution.trim(), e.start, e.end)),
        );
    for (org, start, end) in places {
        if org.is_empty() || start.is_some_and(|s| as_of.ends_before(&s)) {
            continue;
        }
        let last = match end {
            None | Some(Date::Present) => as_of,
            Some(end) if in_window(&end, &year_ago) => {
                if end.sort_key() > as_of.sort_key() {
                    as_of
                } else {
                    end
                }
            }
            Some(_) => continue,
        };
        match out.iter_mut().find(|(o, _)| o == org) {
            Some((_, l)) if l.sort_key() < last.sort_key() => *l = last,
            Some(_) => {}
            None => out.push((org.to_string(), last)),
        }
    }
    out
}

/// A date as NSF's template writes it, to the precision known: `05/17/2024`, `05/2024`,
/// `2024`.
pub fn us_date(d: &Date) -> String {
    match *d {
        Date::On {
            year,
            month: Some(m),
            day: Some(d),
        } => format!("{m:02}/{d:02}/{year}"),
        Date::On {
            year,
            month: Some(m),
            day: None,
        } => format!("{m:02}/{year}"),
        Date::On { year, .. } => year.to_string(),
        Date::Present => "present".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_window_is_48_months_to_the_day() {
        assert_eq!(window_start(date("2026-01-15")), date("2022-01-15"));
        assert_eq!(window_start(date("2024-02-29")), date("2020-02-28"));
        let since = window_start(date("2026-01-15"));
        assert!(in_window(&date("2022-01-15"), &since));
        assert!(!in_window(&date("2022-01-14"), &since));
        // Known to the month or year only: counted when it reaches into the window.
        assert!(in_window(&date("2022-01"), &since));
        assert!(!in_window(&date("2021-12"), &since));
        assert!(in_window(&date("2022"), &since));
        assert!(!in_window(&date("2021"), &since));
        assert!(in_window(&date("2027-03"), &since));
    }

    #[test]
    fn table_1_has_the_organisations_of_the_last_12_months() {
        use crate::profile::{Education, Experience};
        let job = |org: &str, start: &str, end: Option<&str>| Experience {
            organisation: org.into(),
            start: Some(date(start)),
            end: end.map(date),
            ..Experience::default()
        };
        let p = Profile {
            experience: vec![
                job("Now Inc", "2024-01", Some("present")),
                job("Recent Lab", "2023-01", Some("2025-03")),
                job("Old Lab", "2019", Some("2024-12")),
                job("Future Corp", "2026-05", None),
            ],
            education: vec![Education {
                institution: "Some University".into(),
                start: Some(date("2020")),
                end: Some(date("2025-06")),
                ..Education::default()
            }],
            ..Profile::default()
        };
        assert_eq!(
            affiliations(&p, date("2026-01-15")),
            [
                ("Now Inc".to_string(), date("2026-01-15")),
                ("Recent Lab".to_string(), date("2025-03")),
                ("Some University".to_string(), date("2025-06")),
            ]
        );
    }

    #[test]
    fn us_dates_keep_their_precision() {
        assert_eq!(us_date(&date("2024-05-07")), "05/07/2024");
        assert_eq!(us_date(&date("2024-05")), "05/2024");
        assert_eq!(us_date(&date("2024")), "2024");
    }
}
