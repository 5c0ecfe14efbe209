//! Helpers for `scripts/bench` (not part of the tool).
//!
//! `bench_profile gen N` prints the example profile with N generated publications.
//! `bench_profile rebuild example|500 title|name ROUNDS` runs a watch-like session: it builds,
//! then rebuilds ROUNDS times after alternating edits, and prints the median rebuild time and
//! the process's peak memory.

#[path = "../benches/support/mod.rs"]
mod support;

use std::time::Instant;

use support::{Case, Edit, Which};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["gen", n] => print!("{}", support::generate(n.parse().expect("a count"))),
        ["rebuild", which, edit, rounds] => {
            let which = match *which {
                "example" => Which::Example,
                "500" => Which::Pubs500,
                _ => panic!("the profile is `example` or `500`"),
            };
            let edit = match *edit {
                "title" => Edit::Title,
                "name" => Edit::Name,
                _ => panic!("the edit is `title` or `name`"),
            };
            let rounds: usize = rounds.parse().expect("a count");
            let case = Case::new(which, edit);
            case.rebuild(0);
            case.rebuild(1);
            let mut times = vec![];
            for i in 0..rounds {
                let start = Instant::now();
                case.rebuild(i);
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            times.sort_by(f64::total_cmp);
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
                })
                .map_or(f64::NAN, |kb| kb / 1024.0);
            println!("median_ms {:.2}", times[times.len() / 2]);
            println!("peak_mib {peak:.1}");
        }
        _ => {
            eprintln!(
                "usage: bench_profile gen N | bench_profile rebuild example|500 title|name ROUNDS"
            );
            std::process::exit(2);
        }
    }
}
