//! Integration tests: one binary (each test binary links Typst again), a module per topic.

mod bib;
mod cli;
mod ids;
mod layout;
mod output;
mod support;
mod watch;
