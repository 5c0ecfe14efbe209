//! Rebuilds in one process, as `vita watch` does them: `cargo bench --bench build`.
//!
//! Each iteration saves one file of the profile's folder (the profile, or its .bib file) and
//! makes both PDFs in memory, with the standard library, the fonts and comemo's caches warm
//! from earlier builds, then evicts old cache entries as a watch session does. Iterations
//! alternate between two versions of the file that differ by one edit, so every iteration
//! rebuilds after a real change.
//!
//! Profiles: the example `profile.toml` (publications in `pubs.bib`), and the same with 500
//! generated publications (`benches/support`). Whole-process timings and peak memory are
//! measured by `scripts/bench`.

#[path = "support/mod.rs"]
mod support;

use divan::Bencher;
use support::{Case, Edit, Which};

fn main() {
    divan::main();
}

/// Builds both versions once (warming every cache), then times rebuilds that alternate.
fn alternate(bencher: Bencher, which: Which, edit: Edit) {
    let case = Case::new(which, edit);
    case.rebuild(0);
    case.rebuild(1);
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        case.rebuild(i)
    });
}

/// The example profile, after changing one publication's title.
#[divan::bench(sample_count = 60, sample_size = 1)]
fn title_edit_example(bencher: Bencher) {
    alternate(bencher, Which::Example, Edit::Title);
}

/// The example profile, after changing the person's name.
#[divan::bench(sample_count = 60, sample_size = 1)]
fn name_edit_example(bencher: Bencher) {
    alternate(bencher, Which::Example, Edit::Name);
}

/// 500 publications, after changing one publication's title.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn title_edit_500(bencher: Bencher) {
    alternate(bencher, Which::Pubs500, Edit::Title);
}

/// 500 publications, after changing the person's name.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn name_edit_500(bencher: Bencher) {
    alternate(bencher, Which::Pubs500, Edit::Name);
}
