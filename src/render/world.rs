//! The Typst World: what a layout can see.
//!
//! It serves the layouts (built-in, or the user's from one folder), the document's data as the
//! virtual file `/profile.json`, and fonts. Nothing else is readable: paths are resolved inside
//! the layout folder only (symbolic links included), packages are refused, and the clock is
//! the profile's date, never the wall clock.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use super::layouts;

/// The virtual path of the data a layout reads with `json("/profile.json")`.
pub const DATA_PATH: &str = "/profile.json";

/// The standard library, built once per process: it does not depend on the input.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The id of a file at a virtual path in the project.
pub fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

/// The user files some worlds read, shared by the worlds of one build.
pub type Reads = Arc<Mutex<BTreeSet<PathBuf>>>;

/// One document's world.
pub struct VitaWorld {
    main: FileId,
    reads: Reads,
    data: Bytes,
    /// The person's photo at its virtual path (`/photo.jpg`), read by vita, not the layout.
    photo: Option<(String, Bytes)>,
    layout_dir: Option<PathBuf>,
    fonts: Arc<FontStore>,
    today: Option<Datetime>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

impl VitaWorld {
    /// A world that compiles `main` (such as `/cv.typ`) with `data` as `/profile.json`.
    ///
    /// `layout_dir` is the user's layout folder, already canonical; files there replace the
    /// built-in ones of the same name.
    pub fn new(
        main: &str,
        data: Vec<u8>,
        layout_dir: Option<PathBuf>,
        fonts: Arc<FontStore>,
        today: Option<(i32, u8, u8)>,
    ) -> Self {
        VitaWorld {
            main: file_id(main).expect("layout names are valid virtual paths"),
            reads: Reads::default(),
            data: Bytes::new(data),
            photo: None,
            layout_dir,
            fonts,
            today: today.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)),
            sources: Mutex::new(HashMap::new()),
        }
    }

    /// Serves the person's photo at its virtual path.
    pub fn with_photo(mut self, photo: Option<&crate::photo::Photo>) -> Self {
        self.photo = photo.map(|p| (p.path(), p.bytes.clone()));
        self
    }

    /// Records the user files this world reads into `reads` (shared with other worlds).
    pub fn recording_into(mut self, reads: Reads) -> Self {
        self.reads = reads;
        self
    }

    /// The user files read so far (layout files; missing ones too, so that a file made
    /// later is noticed), as typst-cli's `dependencies()`: what `vita watch` watches.
    pub fn dependencies(&self) -> Vec<PathBuf> {
        let reads = self.reads.lock().unwrap_or_else(|e| e.into_inner());
        reads.iter().cloned().collect()
    }

    /// Where a virtual path comes from, as a user would name it in a message.
    pub fn display_path(&self, id: FileId) -> String {
        let vpath = id.vpath().get_with_slash().to_string();
        if vpath == DATA_PATH {
            return format!("<data>{vpath}");
        }
        match self.user_file(id) {
            Some(Ok(path)) => path.display().to_string(),
            _ => format!("<builtin>/layouts{vpath}"),
        }
    }

    /// The user's file for a virtual path, if a layout folder is set and has it.
    fn user_file(&self, id: FileId) -> Option<FileResult<PathBuf>> {
        let dir = self.layout_dir.as_ref()?;
        let rel = id.vpath().get_without_slash();
        let path = dir.join(rel);
        // Recorded even when missing, so that a file deleted and made again is noticed.
        self.reads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone());
        // A missing file falls back to the built-in one; a link to nothing is a mistake.
        let dangling = !path.exists() && path.symlink_metadata().is_ok();
        if !path.exists() && !dangling && layouts::builtin(rel).is_some() {
            return None;
        }
        if dangling {
            return Some(Err(FileError::Other(Some(
                format!(
                    "`{}` in the layout folder is a link to a file that does not exist",
                    path.display()
                )
                .into(),
            ))));
        }
        Some(confine(dir, &path))
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(FileError::Other(Some(
                "vita works offline and cannot import packages: copy the package's files into your layout folder and import them by path".into(),
            )));
        }
        let vpath = id.vpath().get_with_slash();
        if vpath == DATA_PATH {
            return Ok(self.data.clone());
        }
        if let Some((path, bytes)) = &self.photo
            && vpath == path.as_str()
        {
            return Ok(bytes.clone());
        }
        match self.user_file(id) {
            Some(path) => {
                let path = path?;

                std::fs::read(&path)
                    .map(Bytes::new)
                    .map_err(|e| FileError::from_io(e, &path))
            }
            None => layouts::builtin(id.vpath().get_without_slash())
                .map(|text| Bytes::new(text.as_bytes()))
                .ok_or_else(|| FileError::NotFound(PathBuf::from(vpath))),
        }
    }
}

/// Resolves `path` and checks that it stays inside `dir` (which is canonical).
fn confine(dir: &Path, path: &Path) -> FileResult<PathBuf> {
    let real = path
        .canonicalize()
        .map_err(|e| FileError::from_io(e, path))?;
    if !real.starts_with(dir) {
        return Err(FileError::Other(Some(
            format!(
                "`{}` is outside the layout folder: layouts can read only files in their own folder",
                path.display()
            )
            .into(),
        )));
    }
    if real.is_dir() {
        return Err(FileError::IsDirectory);
    }
    Ok(real)
}

impl World for VitaWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut cache = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.read(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| {
                    FileError::Other(Some(
                        format!(
                            "`{}` is not UTF-8 text: save it as UTF-8",
                            self.display_path(id)
                        )
                        .into(),
                    ))
                })?;
                Ok(Source::new(id, text.into()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
