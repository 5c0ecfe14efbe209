//! Integration tests: one binary (each test binary links Typst again), a module per topic.

mod bib;
mod cli;
mod documents;
mod formats;
mod layout;
mod output;
mod snapshots;
mod support;
mod watch;
