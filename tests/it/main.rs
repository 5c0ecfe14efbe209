//! Integration tests: one binary (each test binary links Typst again), a module per topic.

mod action;
mod batch;
mod bib;
mod bibhostile;
mod cli;
mod coa;
mod corpus;
mod documents;
mod export;
mod formats;
mod grants;
mod hostile;
mod ids;
mod industry;
mod init;
mod interop;
mod layout;
mod locales;
mod onramp;
mod output;
mod preview;
mod schema;
mod snapshots;
mod support;
mod themes;
mod watch;
