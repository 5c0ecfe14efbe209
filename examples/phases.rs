//! Prints how long each phase of a build takes (for profiling; not part of the tool).
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let loaded = vita::profile::load(std::path::Path::new("profile.toml")).unwrap();
    eprintln!("load profile   {:>6.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let fonts = vita::fonts::store(false);
    eprintln!("font book      {:>6.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for doc in vita::profile::Doc::ALL {
        for round in 0..2 {
            let t = Instant::now();
            let style = vita::style::resolve(&loaded.profile, doc, &Default::default()).unwrap();
            let (world, document, _) = vita::typeset(
                &loaded.profile,
                doc,
                &Default::default(),
                &style,
                None,
                fonts.clone(),
            )
            .unwrap();
            let c = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let _ = vita::compile::pdf(&world, &document, "x", None, &[]).unwrap();
            eprintln!(
                "{:?} round {round}: compile {c:>6.1} ms, pdf {:>6.1} ms",
                doc,
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
