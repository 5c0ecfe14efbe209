//! The binary's own parts (not the library's): what the commands print, batch builds, the
//! watch session in the terminal, and `vita ats`'s report.

pub mod ats;
pub mod batch;
pub mod print;
pub mod report;
pub mod watch;
