//! NSF's Synergistic Activities: one page, up to five examples.

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The synergistic activities document.
pub const KIND: Kind = Kind {
    name: "nsf-synergistic",
    title: "Synergistic Activities",
    sections: DefaultSections::Form(&["synergistic"]),
    limits: &[],
    max_authors: None,
    select: (Select::All, Select::All),
    group_by: (GroupBy::None, GroupBy::None),
    numbering: Numbering::None,
    venue: VenueStyle::Full,
    paper: Paper::UsLetter,
    font_size: 11.0,
    preset: Some("nsf-synergistic"),
    expected_pages: None,
};
