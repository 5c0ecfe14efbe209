//! The `[collaborators]` table: what vita cannot read from author lists (a co-author's
//! organisation, other spellings of their name, collaborators who wrote no paper with the
//! person), for the NSF Collaborators and Other Affiliations list (`vita coa`).
//!
//! ```toml
//! [collaborators]
//! "Baoyuan Wu" = "The Chinese University of Hong Kong, Shenzhen"
//! "Yuezun Li" = { organisation = "Ocean University of China", aliases = ["Y. Li"] }
//! ```

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::validate::Checker;
use super::{Date, KeyPath, Profile};
use crate::diag::Diagnostic;
use crate::names::Spelling;

/// One collaborator: their organisation as a string, or a table.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Collaborator {
    /// Their organisation now: `Ocean University of China`.
    #[serde(alias = "organization")]
    pub organisation: Option<String>,
    /// Their department or e-mail address, NSF's optional column.
    pub department: Option<String>,
    /// Their e-mail address, printed with the department.
    pub email: Option<String>,
    /// Other spellings of their name in author lists: `Y. Li`.
    pub aliases: Vec<String>,
    /// The last time you worked together on something that is not a paper (a grant, a
    /// project): listed as a collaborator (`C:`) when it falls in the window.
    pub last_active: Option<Date>,
}

impl<'de> Deserialize<'de> for Collaborators {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entry(Collaborator);
        impl<'de> Deserialize<'de> for Entry {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(EntryVisitor)
            }
        }
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an organisation (`\"Ocean University of China\"`) or a table (`{ organisation = \"...\", aliases = [\"Y. Li\"] }`)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry(Collaborator {
                    organisation: Some(v.to_string()),
                    ..Collaborator::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
                Collaborator::deserialize(de::value::MapAccessDeserializer::new(map)).map(Entry)
            }
        }
        let named = super::Named::<Entry>::deserialize(d)?;
        Ok(Collaborators(
            named.0.into_iter().map(|(k, v)| (k, v.0)).collect(),
        ))
    }
}

/// The `[collaborators]` table: a name (as it should be listed) to what is known of them, in
/// the order written.
#[derive(Debug, Clone, Default)]
pub struct Collaborators(pub Vec<(String, Collaborator)>);

/// Checks the `[collaborators]` table: names that are names, each person once, not the
/// person themselves, organisations and e-mail addresses that say something.
pub fn check(p: &Profile, c: &mut Checker) {
    let me = p.person.own_name();
    let at = KeyPath::key("collaborators");
    // Which entry each spelling (name or alias) belongs to, to find one person twice.
    let mut seen: Vec<(String, String)> = vec![];
    for (name, e) in &p.collaborators.0 {
        let here = at.k(name);
        let spellings = std::iter::once((name.as_str(), here.clone())).chain(
            e.aliases
                .iter()
                .enumerate()
                .map(|(i, a)| (a.as_str(), here.k("aliases").i(i))),
        );
        for (spelling, path) in spellings {
            let Some(parsed) = Spelling::parse(spelling) else {
                c.error(
                    &path,
                    format!("`{spelling}` in `[collaborators]` is not a name"),
                    "write the name as in author lists: `\"Yuezun Li\"` or `\"Li, Yuezun\"`",
                );
                continue;
            };
            if !p.person.name.trim().is_empty() && me.is_me(spelling) {
                c.push(
                    &path,
                    Diagnostic::warning(format!(
                        "`{spelling}` in `[collaborators]` matches your own name; your own name is never listed"
                    ))
                    .hint("if this is a co-author who shares your initials, write their given name in full"),
                );
            }
            let key = parsed.key();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                c.error(
                    &path,
                    format!(
                        "`{spelling}` is listed twice in `[collaborators]` (also under `{first}`)"
                    ),
                    "keep one entry per person; other spellings go in its `aliases`",
                );
            } else {
                seen.push((key, name.clone()));
            }
        }
        if let Some(org) = &e.organisation
            && org.trim().is_empty()
        {
            c.error(
                &here.k("organisation"),
                format!("the organisation of `{name}` is empty"),
                "write their organisation, or leave the key out until you know it",
            );
        }
        if let Some(email) = &e.email {
            let ok = email.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !host.ends_with('.')
            }) && !email.chars().any(char::is_whitespace);
            if !ok {
                c.error(
                    &here.k("email"),
                    format!("the e-mail address of `{name}` is not one: `{email}`"),
                    "write it as `name@example.org`",
                );
            }
        }
        if e.last_active == Some(Date::Present) {
            c.error(
                &here.k("last_active"),
                format!("`last_active` of `{name}` is `present`"),
                "give the date you last worked together, such as `2025-06`",
            );
        }
    }
}
