//! Checks across fields that types alone cannot express; all problems are reported at once.

mod custom;
mod grants;
mod industry;
mod person;

use std::collections::HashMap;
use std::sync::Arc;

use super::spans::{KeyPath, Seg, Spans};
use super::{Date, Links, Profile};
use crate::diag::{Diagnostic, did_you_mean};
use crate::ids;

/// Collects diagnostics, each pointed at its path in the file.
pub struct Checker<'a> {
    spans: &'a Spans,
    skip: &'a [KeyPath],
    display: &'a str,
    text: &'a Arc<str>,
    /// The diagnostics so far.
    pub out: Vec<Diagnostic>,
    /// The names an `exclude` list may use: documents and kinds of document.
    pub documents: Vec<String>,
}

impl<'a> Checker<'a> {
    /// A checker for one profile text; entries under `skip` already have a schema error.
    pub fn new(
        spans: &'a Spans,
        skip: &'a [KeyPath],
        display: &'a str,
        text: &'a Arc<str>,
    ) -> Self {
        Checker {
            spans,
            skip,
            display,
            text,
            out: vec![],
            documents: vec![],
        }
    }

    /// Adds a diagnostic, placed at `path` when the file has it.
    pub fn push(&mut self, path: &KeyPath, diag: Diagnostic) {
        // A key that already has a schema error gets no more messages.
        if self.skip.iter().any(|s| path.0.starts_with(&s.0)) {
            return;
        }
        let diag = match self.spans.find(path) {
            Some(r) => diag.at(self.display, self.text, r),
            None => diag,
        };
        self.out.push(diag);
    }

    /// Adds an error with a hint, placed at `path`.
    pub fn error(&mut self, path: &KeyPath, msg: String, hint: &str) {
        self.push(path, Diagnostic::error(msg).hint(hint));
    }

    pub(super) fn required(&mut self, path: &KeyPath, value: &str, what: &str) {
        // A misspelt `degre` is also a missing `degree`: its schema error says it already.
        let misspelt = self.skip.iter().any(|s| {
            s.0.len() == path.0.len()
                && s.0[..s.0.len() - 1] == path.0[..path.0.len() - 1]
                && match (s.0.last(), path.0.last()) {
                    (Some(Seg::Key(a)), Some(Seg::Key(b))) => {
                        did_you_mean(a, [b.as_str()]).is_some()
                    }
                    _ => false,
                }
        });
        if value.trim().is_empty() && !misspelt {
            self.error(
                path,
                format!("`{path}` is empty"),
                &format!("every entry here needs {what}"),
            );
        }
    }

    pub(super) fn url(&mut self, path: &KeyPath, url: &str) {
        if !ids::is_web_url(url) {
            self.error(
                path,
                format!("`{path}` is not a web address: `{url}`"),
                "write the full address, starting with `https://`",
            );
        }
    }

    pub(super) fn links(&mut self, path: &KeyPath, links: &Links) {
        for (label, url) in &links.0 {
            if label.trim().is_empty() {
                self.error(
                    &path.k(label),
                    format!("`{path}` has a link with an empty label"),
                    "give it a label, such as `pdf = \"https://...\"`",
                );
            }
            self.url(&path.k(label), url);
        }
    }

    pub(super) fn range(
        &mut self,
        path: &KeyPath,
        start_key: &str,
        start: Option<&Date>,
        end: Option<&Date>,
    ) {
        if start == Some(&Date::Present) {
            self.error(
                &path.k(start_key),
                format!("`{path}.{start_key}` is `present`"),
                "`present` can only end a period: write when it started, and `end = \"present\"`",
            );
        }
        if let (Some(s), Some(e)) = (start, end)
            && e.ends_before(s)
        {
            self.error(
                &path.k("end"),
                format!("`{path}` ends ({e}) before it starts ({s})"),
                &format!("swap `{start_key}` and `end`, or fix the year"),
            );
        }
    }

    pub(super) fn point(&mut self, path: &KeyPath, date: Option<&Date>) {
        if date == Some(&Date::Present) {
            self.error(
                path,
                format!("`{path}` is `present`"),
                "`present` is only for the end of a period: give the date it happened",
            );
        }
    }

    pub(super) fn exclude(&mut self, path: &KeyPath, exclude: &[String]) {
        for (i, name) in exclude.iter().enumerate() {
            if !self.documents.iter().any(|d| d == name) {
                let mut d = Diagnostic::error(format!(
                    "`{}` is not a document: `{name}`",
                    path.k("exclude")
                ));
                d = match did_you_mean(name, self.documents.iter().map(String::as_str)) {
                    Some(best) => d.hint(format!("did you mean `{best}`?")),
                    None => d.hint(format!("the documents are {}", self.documents.join(", "))),
                };
                self.push(&path.k("exclude").i(i), d);
            }
        }
    }
}

/// Puts identifiers in their normal form (`https://doi.org/10.1000/x` -> `10.1000/x`), so
/// that everything after reads one form; those that are not identifiers are left as
/// written, for [`check`] to point out.
/// The id in a profile address: `https://github.com/name/` -> `name`, for one of `sites`.
fn id_from_address(value: &str, sites: &[&str]) -> Option<String> {
    let v = value.trim();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .unwrap_or(v);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let after = sites.iter().find_map(|s| rest.strip_prefix(s))?;
    let id = after.split(['&', '#', '?']).next()?.trim_end_matches('/');
    (!id.is_empty() && !id.contains('/')).then(|| id.to_string())
}

pub fn normalise(p: &mut Profile) {
    if let Some(id) = p.person.orcid.as_deref().and_then(|o| ids::orcid(o).ok()) {
        p.person.orcid = Some(id);
    }
    // A whole profile address where the id alone is asked for: take the id from it.
    for (value, sites) in [
        (&mut p.person.github, &["github.com/"][..]),
        (&mut p.person.linkedin, &["linkedin.com/in/"][..]),
        (
            &mut p.person.scholar,
            &[
                "scholar.google.com/citations?user=",
                "scholar.google.com/citations?hl=en&user=",
            ][..],
        ),
    ] {
        if let Some(id) = value.as_deref().and_then(|v| id_from_address(v, sites)) {
            *value = Some(id);
        }
    }
    for e in &mut p.publications {
        if let Some(doi) = e.doi.as_deref().and_then(ids::doi) {
            e.doi = Some(doi);
        }
        if let Some(id) = e.arxiv.as_deref().and_then(ids::arxiv) {
            e.arxiv = Some(id);
        }
    }
}

/// Runs every check of the profile's own entries; problems go to the checker.
pub fn check(p: &Profile, c: &mut Checker) {
    if let Some(v) = p.schema
        && v != 1
    {
        c.error(
            &KeyPath::key("schema"),
            format!("this profile is for schema {v}; this vita reads schema 1"),
            "write `schema = 1`, or use the vita version that wrote this profile",
        );
    }
    person::check(p, c);
    c.point(&KeyPath::key("updated"), p.updated.as_ref());

    for (i, e) in p.education.iter().enumerate() {
        let at = KeyPath::key("education").i(i);
        c.required(&at.k("degree"), &e.degree, "a `degree`");
        c.required(&at.k("institution"), &e.institution, "an `institution`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.experience.iter().enumerate() {
        let at = KeyPath::key("experience").i(i);
        if e.positions.is_empty() {
            c.required(&at.k("role"), &e.role, "a `role`");
        }
        c.required(&at.k("organisation"), &e.organisation, "an `organisation`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
        industry::check_positions(e, &at, c);
    }
    industry::check(p, c);
    for (i, e) in p.news.iter().enumerate() {
        let at = KeyPath::key("news").i(i);
        c.required(&at.k("text"), &e.text, "a `text`");
        c.point(&at.k("date"), e.date.as_ref());
        c.exclude(&at, &e.exclude);
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, e) in p.publications.iter().enumerate() {
        let at = KeyPath::key("publications").i(i);
        // An entry with only an `id` adds fields to the .bib entry of that key; whether
        // there is one is checked once the .bib files are read.
        if e.id.is_none() || p.bibliography.is_empty() {
            c.required(&at.k("title"), &e.title, "a `title`");
        }
        c.point(&at.k("date"), e.date.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
        if let (Some(y), Some(d)) = (e.year, e.date.as_ref().and_then(Date::year))
            && y != d
        {
            c.error(
                &at.k("year"),
                format!("`{at}` has `year = {y}` but `date` in {d}"),
                "give only one of `year` and `date`, or make them agree",
            );
        }
        if let Some(y) = e.year
            && !(1000..=9999).contains(&y)
        {
            c.error(
                &at.k("year"),
                format!("`{at}.year` is not a year: {y}"),
                "write four digits, such as `2021`",
            );
        }
        if let Some(doi) = &e.doi
            && ids::doi(doi).is_none()
        {
            c.error(
                &at.k("doi"),
                format!("`{at}.doi` is not a DOI: `{}`", ids::strip_doi(doi)),
                "a DOI looks like `10.1109/ICCV48922.2021.01615`",
            );
        }
        if let Some(id) = &e.arxiv {
            if ids::arxiv(id).is_none() {
                c.error(
                    &at.k("arxiv"),
                    format!("`{at}.arxiv` is not an arXiv identifier: `{id}`"),
                    "write the identifier alone, such as `2007.08745` (or `hep-th/9901001`)",
                );
            }
        }
        if let Some(kind) = &e.kind
            && !super::PUBLICATION_TYPES.contains(&kind.as_str())
        {
            let mut d =
                Diagnostic::error(format!("`{at}.type` is not a publication type: `{kind}`"));
            d = match did_you_mean(kind, super::PUBLICATION_TYPES.iter().copied()) {
                Some(best) => d.hint(format!("did you mean `{best}`?")),
                None => d.hint(format!(
                    "the types are: {}",
                    super::PUBLICATION_TYPES.join(", ")
                )),
            };
            c.push(&at.k("type"), d);
        }
        if let Some(id) = &e.id {
            if let Some(first) = ids.insert(id, i) {
                c.error(
                    &at.k("id"),
                    format!(
                        "`{at}` uses the id `{id}` that `publications[{}]` uses too",
                        first + 1
                    ),
                    "ids name one publication each: rename one of them",
                );
            }
        }
    }
    for (i, name) in p.bibliography.iter().enumerate() {
        if name.trim().is_empty() {
            c.error(
                &KeyPath::key("bibliography").i(i),
                "`bibliography` names an empty file name".to_string(),
                "name a .bib file relative to the profile, such as `\"pubs.bib\"`",
            );
        }
    }
    if let Some(mark) = &p.marks.advisee
        && (mark.chars().count() != 1
            || !crate::names::MARKS.contains(&mark.chars().next().unwrap_or(' ')))
    {
        let marks: Vec<String> = crate::names::MARKS
            .iter()
            .map(|m| format!("`{m}`"))
            .collect();
        c.error(
            &KeyPath::key("marks").k("advisee"),
            format!("`marks.advisee` is not a mark vita knows: `{mark}`"),
            &format!("choose one of {}", marks.join(", ")),
        );
    }
    for (i, e) in p.reports.iter().enumerate() {
        let at = KeyPath::key("reports").i(i);
        c.required(&at.k("title"), &e.title, "a `title`");
        c.point(&at.k("date"), e.date.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.patents.iter().enumerate() {
        let at = KeyPath::key("patents").i(i);
        c.required(&at.k("title"), &e.title, "a `title`");
        c.point(&at.k("date"), e.date.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.talks.iter().enumerate() {
        let at = KeyPath::key("talks").i(i);
        c.required(&at.k("title"), &e.title, "a `title`");
        c.point(&at.k("date"), e.date.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.teaching.iter().enumerate() {
        let at = KeyPath::key("teaching").i(i);
        c.required(&at.k("course"), &e.course, "a `course`");
        c.point(&at.k("date"), e.date.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.awards.iter().enumerate() {
        let at = KeyPath::key("awards").i(i);
        c.required(&at.k("title"), &e.title, "a `title`");
        c.point(&at.k("date"), e.date.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.service.iter().enumerate() {
        let at = KeyPath::key("service").i(i);
        c.required(&at.k("role"), &e.role, "a `role`");
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.skills.iter().enumerate() {
        let at = KeyPath::key("skills").i(i);
        c.required(&at.k("label"), &e.label, "a `label`");
        c.exclude(&at, &e.exclude);
    }
    custom::check(p, c);
    grants::check(p, c);
}

/// Checks the publication ids that contributions and documents cite; run it once the
/// .bib files are read.
pub fn check_cites(p: &Profile, c: &mut Checker) {
    grants::cites(p, c);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Checker, check};
    use crate::profile::Spans;

    /// `line:column message` of every problem validation finds in a profile.
    fn problems(text: &str) -> Vec<String> {
        let text: Arc<str> = text.into();
        let (p, diags, broken) = crate::profile::parse("p.toml", &text);
        assert!(diags.is_empty(), "{diags:?}");
        let spans = Spans::new(&text);
        let mut c = Checker::new(&spans, &broken, "p.toml", &text);
        c.documents = vec!["resume".into(), "cv".into(), "short-cv".into()];
        check(&p.unwrap(), &mut c);
        c.out
            .sort_by_key(|d| d.location.as_ref().map_or(usize::MAX, |l| l.range.start));
        c.out
            .iter()
            .map(|d| {
                let (l, col) = d.location.as_ref().map_or((0, 0), |l| l.line_col());
                format!("{l}:{col} {} | {}", d.message, d.hints.join(" / "))
            })
            .collect()
    }

    const PERSON: &str = "[person]\nname = \"Ada\"\n";

    #[test]
    fn a_sound_profile_has_no_problems() {
        let text = format!(
            "{PERSON}email = \"ada@example.org\"\norcid = \"0000-0002-1825-0097\"\n[[education]]\ndegree = \"PhD\"\ninstitution = \"U\"\nstart = 2019\nend = \"present\"\nexclude = [\"short-cv\"]\n"
        );
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn contact_fields_are_checked_where_they_are() {
        let text = "[person]\nname = \"Ada\"\nemail = \"ada\"\norcid = \"0000-0002-1825-0098\"\ngithub = \"https://gitlab.com/ada\"\n";
        let got = problems(text);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].starts_with("3:9 `person.email` is not an e-mail address: `ada`"));
        assert!(got[1].starts_with("4:9 `person.orcid` has a wrong check digit"));
        assert!(got[2].starts_with("5:10 `person.github` should be the id alone"));
    }

    #[test]
    fn periods_and_dates_are_checked() {
        let text = format!(
            "{PERSON}[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = \"present\"\n[[experience]]\nrole = \"R\"\norganisation = \"O\"\nstart = 2021\nend = 2019\n[[news]]\ntext = \"x\"\ndate = \"present\"\n"
        );
        let got = problems(&text);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].starts_with("6:9 `experience[1].start` is `present`"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("11:7 `experience[2]` ends (2019) before it starts (2021)"),
            "{got:#?}"
        );
        assert!(
            got[2].starts_with("14:8 `news[1].date` is `present`"),
            "{got:#?}"
        );
    }

    #[test]
    fn exclude_names_documents_with_a_suggestion() {
        let text = format!("{PERSON}[[news]]\ntext = \"x\"\nexclude = [\"short-vc\"]\n");
        let got = problems(&text);
        assert_eq!(
            got,
            ["5:12 `news[1].exclude` is not a document: `short-vc` | did you mean `short-cv`?"]
        );
    }

    #[test]
    fn publications_are_checked_against_each_other() {
        let text = format!(
            "{PERSON}[[publications]]\nid = \"a\"\ntitle = \"T\"\nyear = 2020\ndate = \"2021-01\"\ntype = \"jornal\"\n[[publications]]\nid = \"a\"\ntitle = \"U\"\n"
        );
        let got = problems(&text);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].contains("`publications[1]` has `year = 2020` but `date` in 2021"),
            "{got:#?}"
        );
        assert!(
            got[1].contains("is not a publication type: `jornal` | did you mean `journal`?"),
            "{got:#?}"
        );
        assert!(
            got[2].contains("uses the id `a` that `publications[1]` uses too"),
            "{got:#?}"
        );
    }

    #[test]
    fn custom_sections_need_ids_of_their_own() {
        let text = format!(
            "{PERSON}[[custom]]\nid = \"summary\"\ntitle = \"N\"\n[[custom]]\nid = \"x\"\ntitle = \"\"\n"
        );
        let got = problems(&text);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].starts_with("4:6 `custom[1].id` is `summary`, a name already taken"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("8:9 `custom[2].title` is empty"),
            "{got:#?}"
        );
    }
}
