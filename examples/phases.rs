//! Prints how long each phase of a build takes (for profiling; not part of the tool).
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let path = std::path::Path::new("profile.toml");
    let loaded = vita::load::load(path).unwrap();
    eprintln!("load profile   {:>6.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let plan = vita::build::plan::resolve(&loaded, &vita::BuildOptions::new(path)).unwrap();
    let t = Instant::now();
    let fonts = vita::render::fonts::store(false);
    eprintln!("font book      {:>6.1} ms", t.elapsed().as_secs_f64() * 1e3);
    for job in &plan.documents {
        for round in 0..2 {
            let t = Instant::now();
            let (world, document, _) = vita::build::typeset(
                &loaded.profile,
                job,
                &plan,
                &job.style,
                fonts.clone(),
                &Default::default(),
            )
            .unwrap();
            let c = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let _ = vita::export::pdf::export(&world, &document, "x", None, &[]).unwrap();
            eprintln!(
                "{} round {round}: compile {c:>6.1} ms, pdf {:>6.1} ms",
                job.document.name,
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
