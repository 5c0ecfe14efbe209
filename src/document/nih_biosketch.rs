//! The NIH biographical sketch (2026): the Common Form, then the NIH Supplement, in the
//! forms' order, for drafting and for pasting into SciENcv.

use super::{DefaultSections, Kind};
use crate::profile::{GroupBy, Numbering, Paper, Select, VenueStyle};

/// The NIH biosketch.
pub const KIND: Kind = Kind {
    name: "nih-biosketch",
    title: "NIH Biographical Sketch",
    sections: DefaultSections::Form(&[
        "identity",
        "preparation",
        "appointments",
        "products",
        "other_products",
        "personal_statement",
        "honors",
        "contributions",
    ]),
    limits: &[],
    max_authors: None,
    select: (Select::All, Select::All),
    group_by: (GroupBy::None, GroupBy::None),
    numbering: Numbering::Forward,
    venue: VenueStyle::Full,
    paper: Paper::UsLetter,
    font_size: 10.5,
    preset: Some("nih-biosketch"),
    expected_pages: None,
};
