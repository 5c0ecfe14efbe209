//! Recognising the person's own name in author lists, and the marks written after names.

/// Marks that may follow an author's name: equal contribution, corresponding author, advisee.
pub const MARKS: &[char] = &['*', '†', '‡', '§', '#'];

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

/// A name reduced to what matters for matching: case, dots, hyphens, spacing and order.
fn normalise(name: &str) -> String {
    let (name, _) = split_marks(name);
    // "Li, Yiming" is "Yiming Li".
    let name = match name.split_once(',') {
        Some((family, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.to_string(),
    };
    let mut out = String::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '.') {
        let word: String = word
            .chars()
            .filter(|c| *c != '-' && *c != '\u{2010}')
            .flat_map(char::to_lowercase)
            .collect();
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    out
}

/// Matches author names against the spellings of one person's name.
#[derive(Debug, Clone, Default)]
pub struct OwnName {
    forms: Vec<String>,
}

impl OwnName {
    /// A matcher for the person's name and every alias they listed.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut forms: Vec<String> = names
            .into_iter()
            .map(normalise)
            .filter(|f| !f.is_empty())
            .collect();
        forms.sort();
        forms.dedup();
        OwnName { forms }
    }

    /// Whether an author name is one of the person's spellings.
    pub fn is_me(&self, author: &str) -> bool {
        let n = normalise(author);
        !n.is_empty() && self.forms.contains(&n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_marks_order_and_hyphens() {
        let me = OwnName::new(["Shu-Tao Xia", "S.-T. Xia"]);
        assert!(me.is_me("Shu-Tao Xia"));
        assert!(me.is_me("Shutao Xia*"));
        assert!(me.is_me("Xia, Shu-Tao"));
        assert!(me.is_me("S.-T. Xia†"));
        assert!(!me.is_me("Shu Xia"));
    }

    #[test]
    fn similar_names_do_not_match() {
        let me = OwnName::new(["Yiming Li", "李一鸣"]);
        for other in ["Yuezun Li", "Yiming Lin", "Yimin Li", "Li Yiming Jr"] {
            assert!(!me.is_me(other), "{other}");
        }
        assert!(me.is_me("李一鸣"));
    }

    #[test]
    fn splits_marks() {
        assert_eq!(split_marks("Yiming Li*†"), ("Yiming Li", "*†".to_string()));
        assert_eq!(split_marks("Yiming Li"), ("Yiming Li", String::new()));
    }
}
