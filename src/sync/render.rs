//! The report of `vita sync` as people read it.

use std::path::Path;

use super::Report;

impl Report {
    /// The report as people read it.
    pub fn render(&self, bib: &Path) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (s, id, n) in &self.asked {
            let _ = writeln!(out, "{} {id}: {n} works", s.name());
        }
        if self.offline {
            let _ = writeln!(out, "offline: some answers are from the cache");
        }
        let _ = writeln!(out, "new ({}):", self.new.len());
        for (w, key) in &self.new {
            let id = w
                .doi
                .clone()
                .or(w.arxiv.as_ref().map(|a| format!("arXiv:{a}")))
                .unwrap_or_else(|| "no DOI".into());
            let year = w.year.map(|y| format!(" ({y})")).unwrap_or_default();
            let _ = writeln!(out, "  + {key}: {}{year}  {id}", w.title);
        }
        let _ = writeln!(out, "changed ({}):", self.changed.len());
        for c in &self.changed {
            for f in &c.fields {
                let what = match &f.old {
                    None => format!("{} added: {}", f.field, f.new),
                    Some(o) => format!("{}: {o} -> {}", f.field, f.new),
                };
                let kept = if f.writable {
                    ""
                } else {
                    "  (kept as you wrote it)"
                };
                let _ = writeln!(out, "  ~ {}: {what}{kept}", c.key);
            }
        }
        let _ = writeln!(out, "only in {} ({}):", bib.display(), self.only_here.len());
        for (key, title) in &self.only_here {
            let _ = writeln!(out, "  - {key}: {title}");
        }
        let _ = writeln!(out, "the same: {}", self.same);
        if self.written {
            let n: usize = self
                .changed
                .iter()
                .filter(|c| c.fields.iter().any(|f| f.writable))
                .count();
            let _ = writeln!(
                out,
                "wrote {}: {} added, {n} changed",
                bib.display(),
                self.new.len()
            );
        } else if !self.new.is_empty()
            || self
                .changed
                .iter()
                .any(|c| c.fields.iter().any(|f| f.writable))
        {
            let _ = writeln!(
                out,
                "nothing written: `vita sync --write` writes these to {}",
                bib.display()
            );
        }
        out
    }
}
