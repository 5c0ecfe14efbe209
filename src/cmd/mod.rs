//! The binary's own parts (not the library's): what the commands print, batch builds and the
//! watch session in the terminal.

pub mod batch;
pub mod print;
pub mod watch;
