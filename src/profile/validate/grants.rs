//! Checks of the sections grant documents ask for, and of the publication ids that
//! contributions and documents cite (once the .bib files are read).

use super::Checker;
use crate::diag::{Diagnostic, did_you_mean};
use crate::ids;
use crate::profile::{DocSettings, KeyPath, Product, Profile};

/// Checks the entries of the grant sections; problems go to the checker.
pub fn check(p: &Profile, c: &mut Checker) {
    if let Some(s) = &p.personal_statement {
        text(c, &KeyPath::key("personal_statement"), s);
    }
    for (i, e) in p.contributions.iter().enumerate() {
        let at = KeyPath::key("contributions").i(i);
        c.required(&at.k("text"), &e.text, "a `text`: the narrative");
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.appointments.iter().enumerate() {
        let at = KeyPath::key("appointments").i(i);
        c.required(&at.k("title"), &e.title, "a `title`: the position held");
        c.required(&at.k("organisation"), &e.organisation, "an `organisation`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.grants.iter().enumerate() {
        let at = KeyPath::key("grants").i(i);
        c.required(&at.k("title"), &e.title, "a `title`: the project's");
        c.required(&at.k("agency"), &e.agency, "an `agency`: who funds it");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
        if let Some(cur) = &e.currency
            && !(cur.len() == 3 && cur.bytes().all(|b| b.is_ascii_uppercase()))
        {
            c.error(
                &at.k("currency"),
                format!("`{at}.currency` is not a currency code: `{cur}`"),
                "write the three capital letters of ISO 4217, such as `USD`, `EUR` or `CNY`",
            );
        }
        if e.amount.is_some() && e.currency.is_none() {
            c.error(
                &at.k("amount"),
                format!("`{at}` has an `amount` but no `currency`"),
                "add `currency = \"USD\"` (or the code of the grant's currency)",
            );
        }
        if e.amount == Some(0) {
            c.error(
                &at.k("amount"),
                format!("`{at}.amount` is 0"),
                "give the amount awarded, or leave the key out",
            );
        }
    }
    for (i, e) in p.supervision.iter().enumerate() {
        let at = KeyPath::key("supervision").i(i);
        c.required(&at.k("name"), &e.name, "a `name`");
        c.required(
            &at.k("level"),
            &e.level,
            "a `level`, such as `PhD` or `postdoc`",
        );
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.memberships.iter().enumerate() {
        let at = KeyPath::key("memberships").i(i);
        c.required(&at.k("organisation"), &e.organisation, "an `organisation`");
        c.range(&at, "start", e.start.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (i, e) in p.outreach.iter().enumerate() {
        let at = KeyPath::key("outreach").i(i);
        c.required(&at.k("title"), &e.title, "a `title`");
        c.point(&at.k("date"), e.date.as_ref());
        c.links(&at.k("links"), &e.links);
        c.exclude(&at, &e.exclude);
    }
    products(c, "software", &p.software);
    products(c, "datasets", &p.datasets);
    for (i, e) in p.synergistic.iter().enumerate() {
        let at = KeyPath::key("synergistic").i(i);
        c.required(&at.k("text"), &e.text, "a `text`: the activity");
        c.range(&at, "date", e.date.as_ref(), e.end.as_ref());
        c.exclude(&at, &e.exclude);
    }
    for (name, s) in p.documents() {
        if let Some(t) = &s.personal_statement {
            text(c, &KeyPath::document(name).k("personal_statement"), t);
        }
    }
}

/// A narrative that is there but empty is a mistake (leave the key out instead).
fn text(c: &mut Checker, at: &KeyPath, s: &str) {
    if s.trim().is_empty() {
        c.error(
            at,
            format!("`{at}` is empty"),
            "write the statement, or leave the key out",
        );
    }
}

fn products(c: &mut Checker, key: &str, list: &[Product]) {
    for (i, e) in list.iter().enumerate() {
        let at = KeyPath::key(key).i(i);
        c.required(&at.k("name"), &e.name, "a `name`");
        if let Some(url) = &e.url {
            c.url(&at.k("url"), url);
        }
        if let Some(doi) = &e.doi
            && ids::doi(doi).is_none()
        {
            c.error(
                &at.k("doi"),
                format!("`{at}.doi` is not a DOI: `{}`", ids::strip_doi(doi)),
                "a DOI looks like `10.5281/zenodo.1234567`",
            );
        }
        if let Some(y) = e.year
            && !(1000..=9999).contains(&y)
        {
            c.error(
                &at.k("year"),
                format!("`{at}.year` is not a year: {y}"),
                "write four digits, such as `2023`",
            );
        }
        c.exclude(&at, &e.exclude);
    }
}

/// Checks that the publication ids that contributions cite and documents list as products
/// name publications (of the profile or its .bib files, so run it after they are read).
pub fn cites(p: &Profile, c: &mut Checker) {
    let known: Vec<&str> = p
        .publications
        .iter()
        .filter_map(|e| e.id.as_deref())
        .collect();
    let check = |c: &mut Checker, at: KeyPath, id: &str| {
        if known.contains(&id) {
            return;
        }
        let d = Diagnostic::error(format!("`{at}` names no publication: `{id}`"));
        let d = match did_you_mean(id, known.iter().copied()) {
            Some(best) => d.hint(format!("did you mean `{best}`?")),
            None if known.is_empty() => {
                d.hint("give publications an `id` (or a .bib key) to cite them by")
            }
            None => d.hint("cite a publication by its `id` or its .bib key"),
        };
        c.push(&at, d);
    };
    for (i, e) in p.contributions.iter().enumerate() {
        for (j, id) in e.cites.iter().enumerate() {
            check(c, KeyPath::key("contributions").i(i).k("cites").i(j), id);
        }
    }
    for (name, s) in p.documents() {
        for (key, list) in doc_products(s) {
            for (j, id) in list.iter().enumerate() {
                check(c, KeyPath::document(name).k(key).i(j), id);
            }
        }
    }
}

fn doc_products(s: &DocSettings) -> [(&'static str, &Vec<String>); 2] {
    [
        ("products", &s.products),
        ("other_products", &s.other_products),
    ]
}

#[cfg(test)]
mod tests {
    /// `line:col message | hints` of every problem loading a profile finds: the top-level
    /// keys `top`, a person, then the tables `rest`.
    fn problems(top: &str, rest: &str) -> Vec<String> {
        let text = format!("{top}\n[person]\nname = \"Ada\"\nemail = \"ada@example.org\"\n{rest}");
        match crate::load::load_str("p.toml", &text) {
            Ok(l) => l
                .warnings
                .iter()
                .map(|d| format!("warning {}", d.message))
                .collect(),
            Err(mut diags) => {
                diags.retain(crate::diag::Diagnostic::is_error);
                diags.sort_by_key(|d| d.location.as_ref().map_or(0, |l| l.range.start));
                diags
                    .iter()
                    .map(|d| {
                        let (l, c) = d.location.as_ref().map_or((0, 0), |l| l.line_col());
                        format!("{l}:{c} {} | {}", d.message, d.hints.join(" / "))
                    })
                    .collect()
            }
        }
    }

    #[test]
    fn sound_grant_sections_load() {
        let got = problems(
            "personal_statement = \"I study things.\"",
            "[[appointments]]\ntitle = \"Professor\"\norganisation = \"U\"\nstart = 2020\nend = \"present\"\n\
             [[grants]]\ntitle = \"T\"\nagency = \"NSF\"\nrole = \"PI\"\namount = 100\ncurrency = \"USD\"\nstart = 2020\nend = 2023\n\
             [[supervision]]\nname = \"B\"\nlevel = \"PhD\"\nstart = 2019\nend = 2024\ncurrent_position = \"Postdoc\"\n\
             [[memberships]]\norganisation = \"ACM\"\n[[outreach]]\ntitle = \"Open day\"\ndate = 2022\n\
             [[software]]\nname = \"tool\"\nurl = \"https://example.org\"\ndoi = \"10.5281/zenodo.1234567\"\nyear = 2021\n\
             [[datasets]]\nname = \"data\"\n[[synergistic]]\ntext = \"Taught a summer school.\"\n\
             [[publications]]\nid = \"p1\"\ntitle = \"P\"\n[[contributions]]\ntext = \"Found X.\"\ncites = [\"p1\"]\n",
        );
        assert_eq!(got, Vec::<String>::new());
    }

    #[test]
    fn each_grant_section_with_a_bad_value_is_a_located_error() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "",
                "[[appointments]]\ntitle = \"P\"\norganisation = \"U\"\nstart = 2021\nend = 2019\n",
                "9:7 `appointments[1]` ends (2019) before it starts (2021)",
            ),
            (
                "",
                "[[grants]]\ntitle = \"T\"\nagency = \"NSF\"\ncurrency = \"dollars\"\n",
                "8:12 `grants[1].currency` is not a currency code: `dollars`",
            ),
            (
                "",
                "[[grants]]\ntitle = \"T\"\nagency = \"NSF\"\namount = 5\n",
                "8:10 `grants[1]` has an `amount` but no `currency`",
            ),
            (
                "",
                "[[grants]]\ntitle = \"T\"\nagency = \"\"\n",
                "7:10 `grants[1].agency` is empty",
            ),
            (
                "",
                "[[supervision]]\nname = \"B\"\nlevel = \"\"\n",
                "7:9 `supervision[1].level` is empty",
            ),
            (
                "",
                "[[memberships]]\norganisation = \"ACM\"\nstart = \"present\"\n",
                "7:9 `memberships[1].start` is `present`",
            ),
            (
                "",
                "[[outreach]]\ntitle = \"Day\"\nlinks = { video = \"youtube\" }\n",
                "7:19 `outreach[1].links.video` is not a web address: `youtube`",
            ),
            (
                "",
                "[[software]]\nname = \"t\"\ndoi = \"zenodo\"\n",
                "7:7 `software[1].doi` is not a DOI: `zenodo`",
            ),
            (
                "",
                "[[datasets]]\nname = \"d\"\nyear = 21\n",
                "7:8 `datasets[1].year` is not a year: 21",
            ),
            (
                "",
                "[[synergistic]]\ntext = \" \"\n",
                "6:8 `synergistic[1].text` is empty",
            ),
            (
                "",
                "[[contributions]]\ntitle = \"X\"\ntext = \"\"\n",
                "7:8 `contributions[1].text` is empty",
            ),
            (
                "personal_statement = \"\"",
                "",
                "1:22 `personal_statement` is empty",
            ),
            (
                "",
                "[[grants]]\ntitle = \"T\"\nagency = \"A\"\nbudget = 3\n",
                "8:1 unknown key `budget`",
            ),
        ];
        for (top, rest, want) in cases {
            let got = problems(top, rest);
            assert_eq!(got.len(), 1, "{rest}: {got:#?}");
            assert!(got[0].starts_with(want), "{rest}: {got:#?}");
        }
    }

    #[test]
    fn cited_ids_must_name_publications_with_a_suggestion() {
        let got = problems(
            "",
            "[documents.nih]\nkind = \"nih-biosketch\"\nproducts = [\"smith2020\", \"nope\"]\n\
             [[publications]]\nid = \"smith2020\"\ntitle = \"P\"\n\
             [[contributions]]\ntext = \"Found X.\"\ncites = [\"smith2021\"]\n",
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].starts_with("7:26 `documents.nih.products[2]` names no publication: `nope`"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with(
                "13:10 `contributions[1].cites[1]` names no publication: `smith2021` | did you mean `smith2020`?"
            ),
            "{got:#?}"
        );
    }
}
