//! Recognising a person's name in author lists, and the marks written after names.
//!
//! Author lists spell one person many ways: `Yiming Li`, `Y. Li`, `Li, Yiming`, `Yiming Li*`,
//! `Shu-Tao Xia` and `Shutao Xia`, `Müller` and `Muller`, `李一鸣`. A matcher holds every
//! spelling a person listed and accepts an author when one of them fits, with one rule that
//! keeps co-authors apart: a given name written in full must match a given name written in
//! full. `Y. Li` may be Yiming Li, but `Yuezun Li` never is, whatever aliases are listed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Marks that may follow an author's name: equal contribution, corresponding author, advisee.
pub const MARKS: &[char] = &['*', '†', '‡', '§', '#', '¶'];

/// What stands for the authors a list leaves out (`and others` in BibTeX).
pub const ET_AL: &str = "et al.";

/// An author's name split from the marks written after it (`Yiming Li*` -> `Yiming Li`, `*`).
pub fn split_marks(author: &str) -> (&str, String) {
    let name = author
        .trim()
        .trim_end_matches(|c: char| MARKS.contains(&c) || c.is_whitespace());
    let marks: String = author.trim()[name.len()..]
        .chars()
        .filter(|c| MARKS.contains(c))
        .collect();
    (name, marks)
}

/// Lowercase, without diacritics (`Müller` -> `muller`).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a character is written in a Chinese, Japanese or Korean script.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Lowercase particles that belong to the family name: `Ludwig van Beethoven`.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das",
];

/// One part of a given name: a whole word, or an initial.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Full(String),
    Initial(char),
}

impl Part {
    fn first(&self) -> Option<char> {
        match self {
            Part::Full(s) => s.chars().next(),
            Part::Initial(c) => Some(*c),
        }
    }
}

/// A name taken apart for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    /// A name in CJK script, compared whole (spaces aside).
    Cjk(String),
    /// A name in Latin (or other alphabetic) script.
    Latin { family: String, given: Vec<Part> },
}

impl Name {
    fn parse(author: &str) -> Option<Name> {
        let (name, _) = split_marks(author);
        let name = fold(name);
        if name.chars().any(is_cjk) {
            let s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            return (!s.is_empty()).then_some(Name::Cjk(s));
        }
        // "Li, Yiming" is family first; otherwise the family name is the last word, with
        // any particles before it.
        let (family, given) = match name.split_once(',') {
            Some((family, given)) => (family.trim().to_string(), given.trim().to_string()),
            None => {
                let words: Vec<&str> = name.split_whitespace().collect();
                let (last, rest) = words.split_last()?;
                let mut cut = rest.len();
                while cut > 1 && PARTICLES.contains(&rest[cut - 1]) {
                    cut -= 1;
                }
                let family = rest[cut..]
                    .iter()
                    .chain(std::iter::once(last))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                (family, rest[..cut].join(" "))
            }
        };
        let family: String = family.chars().filter(|c| c.is_alphanumeric()).collect();
        if family.is_empty() {
            return None;
        }
        let mut parts = vec![];
        // "S.-T." and "Shu-Tao" are two parts; "Shutao" is one.
        let mut word = String::new();
        let mut chars = given.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() {
                word.push(c);
                if chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                    continue;
                }
            }
            if !word.is_empty() {
                let dotted = chars.peek() == Some(&'.');
                let mut it = word.chars();
                parts.push(match (it.next(), it.next()) {
                    (Some(c), None) => Part::Initial(c),
                    // `Yu.` abbreviates too, but only as far as its first letter is concerned.
                    (Some(c), Some(_)) if dotted => Part::Initial(c),
                    _ => Part::Full(std::mem::take(&mut word)),
                });
                word.clear();
            }
        }
        Some(Name::Latin {
            family,
            given: parts,
        })
    }

    /// Whether `author` (as written in a paper) can be this person's spelling `self`.
    fn admits(&self, author: &Name) -> bool {
        match (self, author) {
            (Name::Cjk(a), Name::Cjk(b)) => a == b,
            (
                Name::Latin {
                    family: f1,
                    given: mine,
                },
                Name::Latin {
                    family: f2,
                    given: theirs,
                },
            ) => {
                if f1 != f2 {
                    return false;
                }
                // A one-word name (`Plato`, a group's name) matches only itself.
                if mine.is_empty() || theirs.is_empty() {
                    return mine.is_empty() && theirs.is_empty();
                }
                let all_full = |g: &[Part]| g.iter().all(|p| matches!(p, Part::Full(_)));
                let joined = |g: &[Part]| -> String {
                    g.iter()
                        .map(|p| match p {
                            Part::Full(s) => s.clone(),
                            Part::Initial(c) => c.to_string(),
                        })
                        .collect()
                };
                let initials =
                    |g: &[Part]| -> Vec<char> { g.iter().filter_map(Part::first).collect() };
                if all_full(theirs) {
                    // A full given name must be one of the person's full given names:
                    // `Shutao` for `Shu-Tao`, never `Yuezun` for `Y.`.
                    return all_full(mine) && joined(mine) == joined(theirs);
                }
                if mine.len() == theirs.len() {
                    return mine.iter().zip(theirs).all(|(m, t)| match t {
                        Part::Full(s) => matches!(m, Part::Full(x) if x == s),
                        Part::Initial(c) => m.first() == Some(*c),
                    });
                }
                // `Y. Li` for `Yiming Li`; `S. Xia` or `S. T. Xia` for `Shu-Tao Xia`.
                theirs.iter().all(|p| matches!(p, Part::Initial(_)))
                    && (initials(theirs) == initials(mine)
                        || (theirs.len() == 1
                            && initials(mine).first().copied() == theirs[0].first()))
            }
            _ => false,
        }
    }
}

/// Matches author names against the spellings of one person's name.
#[derive(Debug, Clone, Default)]
pub struct OwnName {
    forms: Vec<Name>,
    /// Answers so far: the same co-authors recur all through a publication list.
    seen: std::cell::RefCell<std::collections::HashMap<String, bool>>,
}

impl OwnName {
    /// A matcher for a person's name and every alias they listed.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut forms: Vec<Name> = vec![];
        for n in names.into_iter().filter_map(Name::parse) {
            if !forms.contains(&n) {
                forms.push(n);
            }
        }
        OwnName {
            forms,
            seen: Default::default(),
        }
    }

    /// Whether an author name is one of the person's spellings.
    pub fn is_me(&self, author: &str) -> bool {
        if self.forms.is_empty() {
            return false;
        }
        if let Some(&known) = self.seen.borrow().get(author) {
            return known;
        }
        let answer = Name::parse(author).is_some_and(|a| self.forms.iter().any(|f| f.admits(&a)));
        self.seen.borrow_mut().insert(author.to_string(), answer);
        answer
    }

    /// Of the authors of one work that match the person, the positions of those that match
    /// best: a name written out in full outranks initials, so with the alias `Y. Li`, a list
    /// of `Yiming Li` and `Y. Li` means the person is `Yiming Li` (the other is a co-author).
    pub fn best_matches(&self, authors: &[&str]) -> Vec<usize> {
        let strength = |a: &str| match Name::parse(a) {
            Some(Name::Latin { given, .. })
                if given.iter().all(|p| matches!(p, Part::Initial(_))) =>
            {
                1
            }
            _ => 2,
        };
        let mine: Vec<(usize, u8)> = authors
            .iter()
            .enumerate()
            .filter(|(_, a)| self.is_me(a))
            .map(|(i, a)| (i, strength(a)))
            .collect();
        let best = mine.iter().map(|(_, s)| *s).max().unwrap_or(0);
        mine.into_iter()
            .filter(|(_, s)| *s == best)
            .map(|(i, _)| i)
            .collect()
    }
}

/// A name written family name first, as NSF's lists want it: `Yiming Li` -> `Li, Yiming`,
/// `Ludwig van Beethoven` -> `van Beethoven, Ludwig`. A name already written so, a name in
/// CJK script and a one-word name are kept as they are.
pub fn family_first(author: &str) -> String {
    let (name, _) = split_marks(author);
    if name.contains(',') || name.chars().any(is_cjk) {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return name.to_string();
    };
    if rest.is_empty() {
        return last.to_string();
    }
    let mut cut = rest.len();
    while cut > 1 && PARTICLES.contains(&rest[cut - 1]) {
        cut -= 1;
    }
    let family: Vec<&str> = rest[cut..].iter().chain([last]).copied().collect();
    format!("{}, {}", family.join(" "), rest[..cut].join(" "))
}

/// One spelling of a co-author's name, taken apart so that spellings of one person can be
/// grouped by the same rules that recognise the person's own name (`Li, Yiming` is
/// `Yiming Li`; `Y. Li` may be either `Yiming Li` or `Yuezun Li`, who are two people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling(Name);

impl Spelling {
    /// Takes an author name apart; `None` for a name with no letters.
    pub fn parse(author: &str) -> Option<Spelling> {
        Name::parse(author).map(Spelling)
    }

    /// The same for every spelling of one name that gives it in the same detail: `Li, Yiming`,
    /// `Yiming Li*` and `yiming li` share one, `Shu-Tao Xia` and `Shutao Xia` too.
    pub fn key(&self) -> String {
        match &self.0 {
            Name::Cjk(s) => s.clone(),
            Name::Latin { family, given } => {
                let full = given.iter().all(|p| matches!(p, Part::Full(_)));
                let parts: Vec<String> = given
                    .iter()
                    .map(|p| match p {
                        Part::Full(s) => s.clone(),
                        Part::Initial(c) => format!("{c}."),
                    })
                    .collect();
                let sep = if full { "" } else { " " };
                format!("{family}, {}", parts.join(sep))
            }
        }
    }

    /// Whether the given names are written only as initials (`Y. Li`, `Li, S.-T.`), so the
    /// spelling may stand for more than one person.
    pub fn is_abbreviated(&self) -> bool {
        match &self.0 {
            Name::Latin { given, .. } => {
                !given.is_empty() && given.iter().all(|p| matches!(p, Part::Initial(_)))
            }
            Name::Cjk(_) => false,
        }
    }

    /// Whether `other`, as written in a paper, can be this spelling's person (the rule of
    /// [`OwnName::is_me`]).
    pub fn admits(&self, other: &Spelling) -> bool {
        self.0.admits(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_outranks_initials_in_one_author_list() {
        let me = OwnName::new(["Yiming Li", "Y. Li"]);
        assert_eq!(me.best_matches(&["Yiming Li", "Y. Li", "B"]), [0]);
        assert_eq!(me.best_matches(&["A", "Y. Li*"]), [1]);
        assert_eq!(me.best_matches(&["A", "B"]), Vec::<usize>::new());
    }

    #[test]
    fn matches_marks_order_and_hyphens() {
        let me = OwnName::new(["Shu-Tao Xia"]);
        for yes in [
            "Shu-Tao Xia",
            "Shutao Xia*",
            "Xia, Shu-Tao",
            "Xia, Shutao†",
            "S.-T. Xia†",
            "S. T. Xia",
            "S. Xia",
            "SHU-TAO XIA",
        ] {
            assert!(me.is_me(yes), "{yes}");
        }
        for no in [
            "Shu Xia",
            "Tao Xia",
            "Shu-Tao Xiao",
            "X. Xia",
            "Xia",
            "Shu-Tao",
        ] {
            assert!(!me.is_me(no), "{no}");
        }
    }

    #[test]
    fn a_full_given_name_must_match_in_full() {
        // The person lists an initials alias; co-authors who share the initial stay apart.
        let me = OwnName::new(["Yiming Li", "Y. Li", "Li, Yiming", "李一鸣"]);
        for no in [
            "Yuezun Li",
            "Yiming Lin",
            "Yimin Li",
            "Li Yiming Jr",
            "Yanjie Li",
            "Li, Yuezun",
            "Z. Li",
            "李一",
            "Li",
        ] {
            assert!(!me.is_me(no), "{no}");
        }
        for yes in [
            "Yiming Li",
            "Y. Li",
            "Li, Y.",
            "Li, Yiming*",
            "yiming li",
            "李一鸣",
            "李 一鸣",
        ] {
            assert!(me.is_me(yes), "{yes}");
        }
    }

    #[test]
    fn initials_match_without_an_alias() {
        let me = OwnName::new(["Yiming Li"]);
        assert!(me.is_me("Y. Li"));
        assert!(me.is_me("Li, Y."));
        assert!(!me.is_me("Y. Lin"));
    }

    #[test]
    fn diacritics_and_particles() {
        let me = OwnName::new(["Jürgen Müller", "Ludwig van Beethoven"]);
        assert!(me.is_me("Jurgen Muller"));
        assert!(me.is_me("J. Müller"));
        assert!(me.is_me("Müller, Jürgen"));
        assert!(me.is_me("van Beethoven, Ludwig"));
        assert!(me.is_me("L. van Beethoven"));
        assert!(!me.is_me("Jörg Müller"));
    }

    #[test]
    fn splits_marks() {
        assert_eq!(split_marks("Yiming Li*†"), ("Yiming Li", "*†".to_string()));
        assert_eq!(split_marks("Yiming Li"), ("Yiming Li", String::new()));
        assert_eq!(split_marks("李一鸣 *"), ("李一鸣", "*".to_string()));
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let key = |a: &str| Spelling::parse(a).unwrap().key();
        assert_eq!(key("Li, Yiming"), key("Yiming Li*"));
        assert_eq!(key("Shu-Tao Xia"), key("Shutao Xia"));
        assert_eq!(key("Y. Li"), key("Li, Y."));
        assert_ne!(key("Y. Li"), key("Yiming Li"));
        assert_ne!(key("Yuezun Li"), key("Yiming Li"));
        let abbreviated = Spelling::parse("Y. Li").unwrap();
        assert!(abbreviated.is_abbreviated());
        assert!(Spelling::parse("Yuezun Li").unwrap().admits(&abbreviated));
        assert!(!abbreviated.admits(&Spelling::parse("Yuezun Li").unwrap()));
        assert_eq!(family_first("Yiming Li*"), "Li, Yiming");
        assert_eq!(
            family_first("Ludwig van Beethoven"),
            "van Beethoven, Ludwig"
        );
        assert_eq!(family_first("Xia, Shu-Tao"), "Xia, Shu-Tao");
        assert_eq!(family_first("李一鸣"), "李一鸣");
    }
}
