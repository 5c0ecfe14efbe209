//! Shared by `benches/build.rs` and `examples/bench_profile.rs`: the profiles benchmarked, the
//! two kinds of edit a watch session sees, and one rebuild as `vita watch` does it.
//!
//! Everything here is deterministic: the same example profile gives the same generated profile
//! byte for byte (a fixed-seed generator, no clock), so figures from two runs compare.

use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

/// The example profile's folder (the profile and the .bib files it names).
const EXAMPLE_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A small fixed-seed generator (xorshift64*), so the generated profile never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "Backdoor",
    "Adversarial",
    "Robust",
    "Federated",
    "Learning",
    "Defense",
    "Attack",
    "Watermarking",
    "Dataset",
    "Privacy",
    "Neural",
    "Networks",
    "Certified",
    "Poisoning",
    "Transferable",
    "Semantic",
    "Segmentation",
    "Detection",
    "Verification",
    "Model",
    "Stealing",
    "Graph",
    "Contrastive",
    "Self-Supervised",
    "Diffusion",
    "Language",
    "Vision",
    "Trustworthy",
    "Explainable",
    "Efficient",
];

const CONNECTIVES: &[&str] = &["for", "against", "via", "in", "with", "towards", "under"];

const VENUES: &[(&str, &str)] = &[
    (
        "IEEE Transactions on Neural Networks and Learning Systems (TNNLS)",
        "journal",
    ),
    (
        "IEEE/CVF International Conference on Computer Vision (ICCV)",
        "conference",
    ),
    (
        "International Conference on Learning Representations (ICLR)",
        "conference",
    ),
    ("Pattern Recognition", "journal"),
    (
        "ICML Workshop on Adversarial Machine Learning (AdvML)",
        "workshop",
    ),
    (
        "AAAI Conference on Artificial Intelligence (AAAI)",
        "conference",
    ),
    (
        "Advances in Neural Information Processing Systems (NeurIPS)",
        "conference",
    ),
    ("arXiv preprint", "preprint"),
];

const CATEGORIES: &[&str] = &[
    "Backdoor Learning",
    "Adversarial Learning and Robust Machine Learning",
    "Data Privacy",
    "Other Topics",
];

const COAUTHORS: &[&str] = &[
    "Yong Jiang",
    "Shu-Tao Xia",
    "Zhifeng Li",
    "Baoyuan Wu",
    "Yuezun Li",
    "Tongqing Zhai",
    "Yanjie Li",
    "Yalei Lv",
    "Jiawang Bai",
    "Yang Bai",
    "Xiaojun Xu",
    "Qingtao Tang",
    "Ran He",
    "Siwei Lyu",
    "Longkang Li",
];

fn read_example() -> String {
    std::fs::read_to_string(Path::new(EXAMPLE_DIR).join("profile.toml"))
        .expect("the example profile is readable")
}

/// The example profile with its publications replaced by `n` generated ones written in the
/// profile itself (no .bib file), with the person among the authors of each.
pub fn generate(n: usize) -> String {
    let mut doc: DocumentMut = read_example()
        .parse()
        .expect("the example profile is valid TOML");
    let person = doc["person"]["name"]
        .as_str()
        .expect("the example has a name")
        .to_string();
    let mut rng = Rng(0x5EED_CAFE_F00D_D00D);
    let mut pubs = ArrayOfTables::new();
    for i in 0..n {
        let mut t = Table::new();
        let words = 4 + rng.below(7);
        let mut title = vec![];
        for w in 0..words {
            if w > 0 && w == words / 2 {
                title.push(*rng.pick(CONNECTIVES));
            }
            title.push(*rng.pick(WORDS));
        }
        let mut authors = Array::new();
        let count = 2 + rng.below(7);
        let own = rng.below(count);
        let mut used = vec![];
        for k in 0..count {
            if k == own {
                authors.push(person.as_str());
            } else {
                let mut c = *rng.pick(COAUTHORS);
                while used.contains(&c) {
                    c = *rng.pick(COAUTHORS);
                }
                used.push(c);
                authors.push(c);
            }
        }
        let (venue, kind) = *rng.pick(VENUES);
        t["id"] = value(format!("gen{i:04}"));
        t["title"] = value(title.join(" "));
        t["authors"] = value(authors);
        t["venue"] = value(venue);
        t["year"] = value(2024 - (i as i64 * 20 / n.max(1) as i64));
        t["category"] = value(*rng.pick(CATEGORIES));
        t["type"] = value(kind);
        if rng.below(3) == 0 {
            t["arxiv"] = value(format!(
                "{:04}.{:05}",
                1500 + rng.below(900),
                rng.below(99999)
            ));
        }
        if i % 50 == 0 {
            t["selected"] = value(true);
        }
        pubs.push(t);
    }
    doc.remove("bibliography");
    doc.remove("publications");
    doc.insert("publications", Item::ArrayOfTables(pubs));
    doc.to_string()
}

/// Which profile a benchmark builds.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    /// The example `profile.toml`, with its publications in its .bib file.
    Example,
    /// The example with 500 generated publications written in the profile.
    Pubs500,
}

/// Which edit is made between two rebuilds.
#[derive(Clone, Copy, Debug)]
pub enum Edit {
    /// One publication's title (in the .bib file when the profile has one).
    Title,
    /// The person's name, in the profile.
    Name,
}

/// A profile in a folder of its own, and one file there in two versions that differ by an edit.
pub struct Case {
    /// The options `vita build` uses for the profile, with no flags.
    pub opts: vita::BuildOptions,
    file: PathBuf,
    versions: [String; 2],
}

impl Case {
    /// Lays out the profile (and its .bib files) in a temporary folder.
    pub fn new(which: Which, edit: Edit) -> Case {
        let dir = std::env::temp_dir().join(format!("vita-bench-{which:?}-{edit:?}"));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let profile = dir.join("profile.toml");
        let text = match which {
            Which::Example => read_example(),
            Which::Pubs500 => generate(500),
        };
        let doc: DocumentMut = text.parse().expect("valid TOML");
        let bibs: Vec<String> = doc
            .get("bibliography")
            .and_then(|b| b.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|b| Some(b.as_str()?.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        for name in &bibs {
            std::fs::copy(Path::new(EXAMPLE_DIR).join(name), dir.join(name))
                .expect("the example's .bib file is readable");
        }
        std::fs::write(&profile, &text).expect("a writable temporary folder");
        let (file, versions) = match (edit, bibs.first()) {
            (Edit::Name, _) => (profile.clone(), name_edit(&text)),
            (Edit::Title, None) => (profile.clone(), title_edit(&text)),
            (Edit::Title, Some(bib)) => {
                let bib = dir.join(bib);
                let text = std::fs::read_to_string(&bib).expect("the .bib file was copied");
                (bib, bib_title_edit(&text))
            }
        };
        let mut opts = options();
        opts.profile = profile;
        Case {
            opts,
            file,
            versions,
        }
    }

    /// Saves version `i % 2` of the edited file, as an editor would, and rebuilds as
    /// `vita watch` does after a save (the PDFs are made but not written). Returns their size.
    pub fn rebuild(&self, i: usize) -> usize {
        std::fs::write(&self.file, &self.versions[i % 2]).expect("a writable temporary folder");
        let outcome = vita::make(&self.opts).expect("the documents build");
        comemo::evict(10);
        outcome.made.iter().map(|m| m.pdf().len()).sum()
    }
}

/// Where in `text` the value of the first `key = "..."` line after `section` ends (the
/// position of its closing quote).
fn value_end(text: &str, section: &str, key: &str) -> usize {
    let from = text.find(section).expect("the section is in the profile");
    let line = format!("\n{key} = \"");
    let at = from + text[from..].find(&line).expect("the key is in the section") + line.len();
    at + text[at..]
        .find('"')
        .expect("the value is a one-line string")
}

/// The profile's text and the same text with the first publication's title changed.
fn title_edit(text: &str) -> [String; 2] {
    let end = value_end(text, "[[publications]]", "title");
    [
        text.to_string(),
        format!("{} (revised){}", &text[..end], &text[end..]),
    ]
}

/// A .bib file's text and the same text with the first entry's title changed.
fn bib_title_edit(text: &str) -> [String; 2] {
    let field = text.find("\n  title").expect("an entry with a title") + 1;
    let open = field + text[field..].find('{').expect("a braced title") + 1;
    let mut depth = 1;
    let mut end = open;
    for (k, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            end = open + k;
            break;
        }
    }
    [
        text.to_string(),
        format!("{} (revised){}", &text[..end], &text[end..]),
    ]
}

/// The profile's text and the same text with the person's name changed.
fn name_edit(text: &str) -> [String; 2] {
    let end = value_end(text, "[person]", "name");
    let start = text[..end].rfind(' ').expect("a first and a last name") + 1;
    [
        text.to_string(),
        format!("{}Q. {}", &text[..start], &text[start..]),
    ]
}

/// The options `vita build` uses for a profile with no command-line flags.
fn options() -> vita::BuildOptions {
    vita::BuildOptions::new("profile.toml")
}
