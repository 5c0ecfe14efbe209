//! The long-form academic CV: every section, publications grouped and numbered.

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The CV.
pub const KIND: Kind = Kind {
    name: "cv",
    title: "Curriculum Vitae",
    sections: DefaultSections::AllBut(&[
        "skills",
        "identity",
        "preparation",
        "products",
        "other_products",
        "personal_statement",
        "honors",
    ]),
    limits: &[],
    max_authors: None,
    select: (Select::All, Select::All),
    group_by: (GroupBy::Category, GroupBy::None),
    numbering: Numbering::Forward,
    venue: VenueStyle::Full,
    paper: Paper::A4,
    font_size: 9.5,
    expected_pages: None,
    preset: None,
};
