//! Integration tests: one binary (each test binary links Typst again), a module per topic.

mod bib;
mod bibhostile;
mod cli;
mod documents;
mod hostile;
mod ids;
mod layout;
mod output;
mod snapshots;
mod support;
mod themes;
mod watch;
