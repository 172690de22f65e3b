//! Reading the project from disk: the config and every file under `content/`.
//!
//! Owns discovery (which files count as content, which are skipped) and reading
//! them as UTF-8. It is one of the two places that touch the file system (the other
//! is `output`); it must not interpret what it reads.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::SourceFile;

/// Where a project's parts are.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The project folder (holds `pejl.yaml`).
    pub root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
}

impl Paths {
    /// `path` relative to the project, for messages.
    pub fn display(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// A file under `content/` that is not Markdown (an image, a PDF): copied as is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Relative to the content folder, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Sources {
    pub pages: Vec<SourceFile>,
    pub statics: Vec<StaticFile>,
}

/// Read `pejl.yaml` from the project folder.
pub fn read_config(paths: &Paths) -> Result<Config, Vec<Diagnostic>> {
    let path = paths.root.join(config::FILE_NAME);
    let shown = paths.display(&path);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let d = Diagnostic::error(format!("cannot read the site configuration: {}", io_words(&e)))
            .in_file(&shown);
        vec![d.with_help(format!(
            "run pejl in the portal's folder (the one with `{}`), or create one with `pejl init <folder>`",
            config::FILE_NAME
        ))]
    })?;
    Config::parse(&text, &shown.display().to_string())
}

/// Find and read every content file. Unreadable files are reported, not fatal.
pub fn read_content(paths: &Paths) -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    if !paths.content.is_dir() {
        problems.push(
            Diagnostic::error(format!(
                "the content folder {} does not exist",
                paths.display(&paths.content).display()
            ))
            .with_help("create it, or point to it with `--content <folder>`"),
        );
        return (sources, problems);
    }
    let walker = WalkDir::new(&paths.content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e.path().map(|p| paths.display(p)).unwrap_or_default();
                problems.push(
                    Diagnostic::error(format!("cannot read this folder: {e}"))
                        .in_file(shown)
                        .with_help("check that the folder exists and that you may read it"),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let Some(rel) = rel_path(&paths.content, path) else {
            continue;
        };
        let shown = paths.display(path);
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::warning(
                    "this is a symbolic link; pejl skips links in the content folder",
                )
                .in_file(&shown)
                .with_help("copy the file into the content folder instead"),
            );
            continue;
        }
        if rel.ends_with(".md") {
            match read_text(path) {
                Ok(text) => sources.pages.push(SourceFile {
                    rel,
                    display: shown,
                    text,
                }),
                Err(d) => problems.push(d.in_file(&shown)),
            }
        } else {
            sources.statics.push(StaticFile {
                rel,
                path: path.to_path_buf(),
            });
        }
    }
    (sources, problems)
}

/// Hidden files and editor leftovers (swap, backup and temporary files).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
}

fn rel_path(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// Read a file as UTF-8 text, naming the place of the first bad byte otherwise.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read this file: {}", io_words(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error("this file is not saved as UTF-8 text")
            .at(Pos::of_offset(&text, valid))
            .with_help("save the file as UTF-8 in your editor (\"Save as\", encoding UTF-8)")
    })
}

/// An I/O error in words a non-programmer understands.
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "it does not exist".into(),
        K::PermissionDenied => "you do not have permission to read it".into(),
        _ => e.to_string(),
    }
}
