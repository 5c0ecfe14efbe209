//! Typesetting: the Typst World a layout sees (layouts, the document's data, fonts, a fixed
//! clock), and compiling it into laid-out pages.

pub mod compile;
pub mod fonts;
pub mod layouts;
pub mod world;
