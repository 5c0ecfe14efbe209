//! What kind of work a publication is, given or guessed from its venue.

use super::Publication;

/// The kinds of publication, as written in `type = "..."` and used to group the CV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PubType {
    /// A journal article.
    Journal,
    /// A conference paper.
    Conference,
    /// A workshop paper.
    Workshop,
    /// A preprint, such as an arXiv paper.
    Preprint,
    /// A thesis.
    Thesis,
    /// A chapter in a book.
    Chapter,
    /// A book, written or edited.
    Book,
    /// Anything else.
    Other,
}

/// The values `type` may take on a publication, in the order of [`PubType::ALL`].
pub const PUBLICATION_TYPES: &[&str] = &PubType::NAMES;

impl PubType {
    /// Every kind.
    pub const ALL: [PubType; 8] = [
        PubType::Journal,
        PubType::Conference,
        PubType::Workshop,
        PubType::Preprint,
        PubType::Thesis,
        PubType::Chapter,
        PubType::Book,
        PubType::Other,
    ];

    const NAMES: [&'static str; 8] = {
        let mut names = [""; 8];
        let mut i = 0;
        while i < 8 {
            names[i] = PubType::ALL[i].name();
            i += 1;
        }
        names
    };

    /// The name written in the profile: `journal`, `conference`, ...
    pub const fn name(self) -> &'static str {
        match self {
            PubType::Journal => "journal",
            PubType::Conference => "conference",
            PubType::Workshop => "workshop",
            PubType::Preprint => "preprint",
            PubType::Thesis => "thesis",
            PubType::Chapter => "chapter",
            PubType::Book => "book",
            PubType::Other => "other",
        }
    }

    /// The kind of a name written in the profile, if it is one.
    pub fn from_name(name: &str) -> Option<PubType> {
        PubType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What a venue's name says about the work, when it says anything: arXiv and other
    /// preprint servers, workshops, journals (`Transactions`, `Letters`, `Review`).
    pub fn from_venue(venue: &str) -> Option<PubType> {
        let v = venue.to_lowercase();
        if PubType::venue_is_arxiv(venue) || v.contains("preprint") {
            Some(PubType::Preprint)
        } else if v.contains("workshop") {
            Some(PubType::Workshop)
        } else if ["journal", "transactions", "letters", "review"]
            .iter()
            .any(|w| v.contains(w))
        {
            Some(PubType::Journal)
        } else {
            None
        }
    }

    /// Whether a venue is arXiv: its name mentions arXiv, or is CoRR (DBLP's name for it).
    pub fn venue_is_arxiv(venue: &str) -> bool {
        let v = venue.trim().to_lowercase();
        v.contains("arxiv") || v == "corr"
    }

    /// The kind of a work whose type was not given: what its venue says, else a conference
    /// paper when it has a venue, a preprint when it has only an arXiv identifier, and
    /// `other` when it has neither.
    pub fn guess(venue: Option<&str>, arxiv: bool) -> PubType {
        match venue.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => PubType::from_venue(v).unwrap_or(PubType::Conference),
            None if arxiv => PubType::Preprint,
            None => PubType::Other,
        }
    }
}

impl Publication {
    /// What kind of work this is: its `type`, or else the guess from its venue.
    pub fn pub_type(&self) -> PubType {
        self.kind
            .as_deref()
            .and_then(PubType::from_name)
            .unwrap_or_else(|| PubType::guess(self.venue.as_deref(), self.arxiv.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in PubType::ALL {
            assert_eq!(PubType::from_name(t.name()), Some(t));
        }
        assert_eq!(
            PUBLICATION_TYPES,
            [
                "journal",
                "conference",
                "workshop",
                "preprint",
                "thesis",
                "chapter",
                "book",
                "other"
            ]
        );
        assert_eq!(PubType::from_name("Journal"), None);
    }

    #[test]
    fn a_type_given_wins_over_the_guess() {
        let p = |kind: Option<&str>, venue: Option<&str>, arxiv: bool| Publication {
            kind: kind.map(str::to_string),
            venue: venue.map(str::to_string),
            arxiv: arxiv.then(|| "2007.08745".to_string()),
            ..Publication::default()
        };
        assert_eq!(
            p(Some("book"), Some("ICML Workshop"), false).pub_type(),
            PubType::Book
        );
        assert_eq!(
            p(None, Some("ICML Workshop on X"), false).pub_type(),
            PubType::Workshop
        );
        assert_eq!(
            p(None, Some("IEEE Transactions on X"), false).pub_type(),
            PubType::Journal
        );
        assert_eq!(
            p(None, Some("arXiv preprint"), false).pub_type(),
            PubType::Preprint
        );
        assert_eq!(p(None, Some("CoRR"), false).pub_type(), PubType::Preprint);
        assert_eq!(p(None, Some("ICCV"), true).pub_type(), PubType::Conference);
        assert_eq!(p(None, None, true).pub_type(), PubType::Preprint);
        assert_eq!(p(None, Some("  "), false).pub_type(), PubType::Other);
    }
}
