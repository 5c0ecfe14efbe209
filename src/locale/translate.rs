//! Translated fields: any text of a profile may be a table of languages,
//! `title = { en = "Deep learning", zh-Hans = "深度学习" }`. Before the profile is read into
//! its types, each such table is replaced by the text of the document's language, so every
//! section (and every section added later) takes translations without knowing of them.
//!
//! The replacement keeps every byte offset of the text (the chosen string, then blanks), so
//! every later message still points at the user's line and column.

use std::ops::Range;
use std::sync::Arc;

use toml_edit::{ImDocument, Value};

use super::resolve;
use crate::diag::Diagnostic;

/// A table of languages in the profile's text.
struct LangTable {
    /// The key path, for messages: `education[1].degree`.
    path: String,
    /// The whole `{ ... }`.
    span: Range<usize>,
    /// Each language as written, and the span of its string.
    texts: Vec<(String, Range<usize>)>,
}

/// The built-in languages that the profile's tables of languages name.
pub fn languages(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = tables(text)
        .iter()
        .flat_map(|t| t.texts.iter().filter_map(|(k, _)| resolve(k)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Most fields told one by one as missing a language; the rest are counted in one message.
const MAX_MISSING_TOLD: usize = 8;

/// The profile's text with every table of languages replaced by the string for `lang`,
/// else for `fallback`, else the first; a warning for each table without `lang` (one in all
/// when no table has it).
pub fn choose(
    display: &str,
    text: &Arc<str>,
    lang: &str,
    fallback: &str,
) -> (String, Vec<Diagnostic>) {
    let mut out = text.to_string();
    let mut missing: Vec<(&LangTable, &str)> = vec![];
    let tables = tables(text);
    for t in &tables {
        let pick = |want: &str| t.texts.iter().find(|(k, _)| same_language(k, want));
        let chosen = match pick(lang) {
            Some(c) => c,
            None => {
                let c = pick(fallback).unwrap_or(&t.texts[0]);
                missing.push((t, c.0.as_str()));
                c
            }
        };
        let raw = &text[chosen.1.clone()];
        let whole = &text[t.span.clone()];
        let lines = whole.matches('\n').count() - raw.matches('\n').count();
        let blanks = whole.len() - raw.len() - lines;
        let replacement = format!("{raw}{}{}", "\n".repeat(lines), " ".repeat(blanks));
        out.replace_range(t.span.clone(), &replacement);
    }
    let Some((first, used)) = missing.first().copied() else {
        return (out, vec![]);
    };
    // A language no table has: one message, not one per field.
    if missing.len() == tables.len() && missing.len() > 1 {
        let mut langs: Vec<&str> = tables
            .iter()
            .flat_map(|t| t.texts.iter().map(|(k, _)| k.as_str()))
            .collect();
        langs.sort_unstable();
        langs.dedup();
        let quoted: Vec<String> = langs.iter().map(|l| format!("`{l}`")).collect();
        let d = Diagnostic::warning(format!(
            "none of the {} translated fields has `{lang}` text; their `{used}` text is used",
            missing.len()
        ))
        .at(display, text, first.span.clone())
        .hint(format!(
            "they are written in {}: add `{lang} = \"...\"` to each, or make the document in one of those",
            quoted.join(", ")
        ));
        return (out, vec![d]);
    }
    let mut warnings: Vec<Diagnostic> = missing
        .iter()
        .take(MAX_MISSING_TOLD)
        .map(|(t, used)| {
            let written: Vec<String> = t.texts.iter().map(|(k, _)| format!("`{k}`")).collect();
            Diagnostic::warning(format!(
                "`{}` has no `{lang}` text; the `{used}` text is used",
                t.path
            ))
            .at(display, text, t.span.clone())
            .hint(format!(
                "it is written in {}: add `{lang} = \"...\"` to the table",
                written.join(", ")
            ))
        })
        .collect();
    if missing.len() > MAX_MISSING_TOLD {
        let rest: Vec<String> = missing[MAX_MISSING_TOLD..]
            .iter()
            .map(|(t, _)| format!("`{}`", t.path))
            .collect();
        warnings.push(
            Diagnostic::warning(format!(
                "{} more translated fields have no `{lang}` text: {}",
                rest.len(),
                rest.join(", ")
            ))
            .hint(format!("add `{lang} = \"...\"` to them")),
        );
    }
    (out, warnings)
}

/// Keys whose value is one for every document (a setting, a date, an identifier, a file):
/// a table of languages there is refused, not chosen from per document.
const ONE_FOR_ALL: &[&str] = &[
    "schema",
    "lang",
    "default_lang",
    "kind",
    "theme",
    "output",
    "id",
    "tags",
    "include_tags",
    "exclude_tags",
    "exclude",
    "bibliography",
    "bibliography_base_url",
    "start",
    "end",
    "date",
    "updated",
    "formats",
    "preset",
    "paper",
    "font",
    "heading_font",
    "photo",
    "email",
    "phone",
    "orcid",
    "github",
    "linkedin",
    "scholar",
    "dblp",
    "openalex",
    "homepage",
    "doi",
    "arxiv",
    "pmid",
    "key",
    "type",
    "category",
    "sections",
    "currency",
    "max_pages",
    "fit",
];

/// Tables of languages where the value is one for every document (`lang = { en = "de" }`,
/// `theme = { en = "classic", de = "./mine" }`): an error at each.
pub fn misplaced(display: &str, text: &Arc<str>) -> Vec<Diagnostic> {
    tables_of(text, true)
        .iter()
        .filter_map(|t| {
            let key = t.path.rsplit('.').next()?;
            let key = key.split('[').next()?;
            ONE_FOR_ALL.contains(&key).then(|| {
                Diagnostic::error(format!(
                    "`{}` is the same in every language: it cannot be a table of languages",
                    t.path
                ))
                .at(display, text, t.span.clone())
                .hint(format!(
                    "write one value, `{key} = ...`; a document in another language is a `[documents.NAME]` with its own `lang`"
                ))
            })
        })
        .collect()
}

/// Rewords a schema error about a table where text belongs, when the table looks like a
/// table of languages gone wrong: `{}`, a key that is no language vita knows
/// (`{ en = "..", dee = ".." }`), or a language whose text is not in quotes. Any other
/// diagnostic is left as it is (its type error says enough).
pub fn explain(d: &mut Diagnostic) {
    if !d.is_error() || !d.message.contains("invalid type: table") {
        return;
    }
    let Some(written) = d
        .location
        .as_ref()
        .and_then(|l| l.text.get(l.range.clone()))
    else {
        return;
    };
    let Some((message, hint)) = misread(written) else {
        return;
    };
    // The key path the schema error starts with (`` `education[1].degree`: ``) is kept.
    let path = d.message.split_once(": invalid type").map(|(p, _)| p);
    d.message = match path {
        Some(p) => format!("{p}: {message}"),
        None => message,
    };
    d.hints = vec![hint];
}

/// What is wrong with a table of languages as written (`{ ... }`): the message and its hint.
fn misread(written: &str) -> Option<(String, String)> {
    let doc = ImDocument::parse(format!("v = {written}")).ok()?;
    let t = doc.as_table().get("v")?.as_inline_table()?;
    let form = "a table of languages, `{ en = \"...\", de = \"...\" }`";
    if t.is_empty() {
        return Some((
            "is an empty table where text belongs".into(),
            format!("write the text in quotes, or {form}"),
        ));
    }
    if let Some((k, _)) = t.iter().find(|(k, v)| resolve(k).is_some() && !v.is_str()) {
        return Some((
            format!("the `{k}` text of this table of languages is not text"),
            format!("put it in quotes: {form}"),
        ));
    }
    let known = t.iter().filter(|(k, _)| resolve(k).is_some()).count();
    let unknown: Vec<&str> = t
        .iter()
        .filter(|(k, v)| resolve(k).is_none() && v.is_str())
        .map(|(k, _)| k)
        .collect();
    // Only a table whose values are all text reads as an attempt at translations.
    if unknown.is_empty() || known + unknown.len() != t.len() {
        return None;
    }
    let named: Vec<String> = unknown.iter().map(|k| format!("`{k}`")).collect();
    let what = if named.len() == 1 {
        format!("{} is not a language vita knows", named[0])
    } else {
        format!("{} are not languages vita knows", named.join(", "))
    };
    let hint = match crate::diag::did_you_mean(unknown[0], super::known_tags()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let tags: Vec<&str> = super::BUILTIN.iter().map(|(t, _)| *t).collect();
            format!(
                "a table of languages takes the tags {}, or a region of one (`de-AT`)",
                tags.join(", ")
            )
        }
    };
    Some((format!("{what} (a table of languages)"), hint))
}

/// A string at the top level of the profile's text (`lang`), before the profile is read.
pub fn top_string(text: &str, key: &str) -> Option<String> {
    let doc = ImDocument::parse(text).ok()?;
    doc.as_table().get(key)?.as_str().map(String::from)
}

/// Whether a table's key gives the text for a document language: the same built-in locale
/// (`zh` for `zh-Hans`), or the same language in another region (`en` for `en-GB`); the two
/// Chinese scripts never stand in for each other.
fn same_language(key: &str, lang: &str) -> bool {
    let (Some(k), Some(l)) = (resolve(key), resolve(lang)) else {
        return key.eq_ignore_ascii_case(lang);
    };
    let primary = |t: &str| t.split('-').next().unwrap_or(t).to_ascii_lowercase();
    k == l || (primary(k) == primary(l) && primary(k) != "zh")
}

/// Every table of languages in the text: an inline table whose keys are all language tags
/// and whose values are all strings. A text that does not parse has none (its syntax error
/// is reported when the profile is read).
fn tables(text: &str) -> Vec<LangTable> {
    tables_of(text, false)
}

/// The tables of languages of the text; with `any`, also those whose values are not text
/// (`updated = { en = 2021-01-01 }`), to be told they cannot be one.
fn tables_of(text: &str, any: bool) -> Vec<LangTable> {
    let mut out = vec![];
    if let Ok(doc) = ImDocument::parse(text) {
        crate::profile::walk::values(doc.as_table(), &mut |path, v| {
            let Value::InlineTable(t) = v else {
                return true;
            };
            let texts: Option<Vec<(String, Range<usize>)>> = t
                .iter()
                .map(|(k, v)| {
                    let span = v.span()?;
                    ((any || v.is_str()) && resolve(k).is_some()).then(|| (k.to_string(), span))
                })
                .collect();
            match (texts, t.span()) {
                (Some(texts), Some(span)) if !texts.is_empty() => {
                    out.push(LangTable {
                        path: path.to_string(),
                        span,
                        texts,
                    });
                    false
                }
                _ => true,
            }
        });
    }
    out.sort_by_key(|t| t.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(text: &str, lang: &str) -> (String, Vec<Diagnostic>) {
        choose("p.toml", &Arc::from(text), lang, "en")
    }

    #[test]
    fn tables_of_languages_become_one_string_in_place() {
        let text = "summary = { en = \"Hi\", zh-Hans = \"你好\" }\nn = 1\n";
        let (zh, w) = pick(text, "zh-Hans");
        assert!(w.is_empty());
        assert_eq!(zh.len(), text.len());
        assert!(zh.starts_with("summary = \"你好\" "), "{zh}");
        assert!(zh.ends_with("\nn = 1\n"));
        let v: toml::Table = toml::from_str(&zh).unwrap();
        assert_eq!(v["summary"].as_str(), Some("你好"));
        // `zh` stands for Simplified Chinese; `en` for British English.
        assert!(
            pick("a = { zh = \"中\", en = \"x\" }", "zh-Hans")
                .0
                .contains("\"中\"")
        );
        assert!(
            pick("a = { zh = \"中\", en = \"x\" }", "en-GB")
                .0
                .contains("\"x\"")
        );
    }

    #[test]
    fn a_missing_language_falls_back_with_a_located_warning() {
        let text = "[[education]]\ndegree = { en = \"PhD\", de = \"Promotion\" }\n";
        let (ja, w) = pick(text, "ja");
        assert!(ja.contains("degree = \"PhD\""), "{ja}");
        assert_eq!(w.len(), 1);
        let shown = w[0].render(false);
        assert!(
            shown.contains("`education[1].degree` has no `ja` text; the `en` text is used"),
            "{shown}"
        );
        assert!(shown.contains("p.toml:2:10"), "{shown}");
        assert!(shown.contains("`en`, `de`"), "{shown}");
    }

    #[test]
    fn a_language_no_field_has_is_one_warning() {
        let text = "a = { en = \"x\", zh = \"y\" }\nb = { en = \"x\", zh = \"y\" }\n";
        let (_, w) = pick(text, "de");
        assert_eq!(w.len(), 1);
        let shown = w[0].render(false);
        assert!(
            shown
                .contains("none of the 2 translated fields has `de` text; their `en` text is used"),
            "{shown}"
        );
        assert!(shown.contains("p.toml:1:5"), "{shown}");
        assert!(shown.contains("`en`, `zh`"), "{shown}");
        // Many fields missing a language some have: the first told at their place, the rest
        // counted.
        let mut text = String::from("x = { de = \"d\" }\n");
        for i in 0..10 {
            text += &format!("k{i} = {{ en = \"e\" }}\n");
        }
        let (_, w) = pick(&text, "de");
        assert_eq!(w.len(), MAX_MISSING_TOLD + 1);
        assert!(
            w[MAX_MISSING_TOLD]
                .render(false)
                .contains("2 more translated fields have no `de` text: `k8`, `k9`")
        );
    }

    #[test]
    fn other_tables_are_left_alone() {
        // Labels that are not languages, values that are not strings.
        for text in [
            "[person.links]\nBlog = \"https://a.org\"\n",
            "[cv]\nlimit = { de = 3 }\n",
            "x = { en = \"a\", nickname = \"b\" }\n",
        ] {
            let (out, w) = pick(text, "de");
            assert_eq!(out, text);
            assert!(w.is_empty());
        }
    }

    #[test]
    fn a_table_of_languages_gone_wrong_says_what_is_wrong() {
        let said = |w: &str| misread(w).map(|(m, h)| format!("{m} | {h}"));
        let empty = said("{}").unwrap();
        assert!(
            empty.starts_with("is an empty table where text belongs"),
            "{empty}"
        );
        let typo = said("{ en = \"PhD\", dee = \"Promotion\" }").unwrap();
        assert_eq!(
            typo,
            "`dee` is not a language vita knows (a table of languages) | did you mean `de`?"
        );
        let far = said("{ en = \"a\", klingon = \"b\", xx = \"c\" }").unwrap();
        assert!(
            far.starts_with("`klingon`, `xx` are not languages vita knows"),
            "{far}"
        );
        assert!(far.contains("zh-Hans"), "{far}");
        let number = said("{ en = 3 }").unwrap();
        assert!(
            number.starts_with("the `en` text of this table"),
            "{number}"
        );
        // Tables that are no attempt at translations keep their type error.
        assert_eq!(said("{ name = \"x\", year = 2020 }"), None);
        assert_eq!(said("\"text\""), None);
    }

    #[test]
    fn languages_named_are_found() {
        assert_eq!(
            languages("a = { en = \"x\", zh = \"y\" }\n[b]\nc = [{ ja = \"z\" }]\n"),
            ["en", "ja", "zh-Hans"]
        );
    }
}
