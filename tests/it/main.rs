//! Integration tests: one binary (each test binary links Typst again), a module per topic.

mod bib;
mod cli;
mod documents;
mod formats;
mod layout;
mod output;
mod preview;
mod snapshots;
mod support;
mod watch;
