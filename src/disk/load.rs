//! Reading the project from disk: the config and every file under `content/`.
//!
//! Owns discovery (which files count as content, which are skipped) and reading
//! them as UTF-8. It is one of the two places that touch the file system (the other
//! is `output`); it must not interpret what it reads.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::base::diagnostic::{Diagnostic, Lang, Pos, Words};
use crate::config::{self, Config};
use crate::content::limits::Limits;
use crate::content::model::SourceFile;

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

/// A file under `content/` (or `static/`) that is not Markdown (an image, a
/// PDF): copied as is, to the same path in the built site.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Relative to the content (or `static/`) folder, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    /// Its size in bytes when it was found (shown beside a download link).
    pub len: u64,
}

/// Read `pejl.yaml` from the project folder.
pub fn read_config(paths: &Paths) -> Result<Config, Vec<Diagnostic>> {
    let path = paths.root.join(config::FILE_NAME);
    let shown = paths.display(&path);
    let text = read_bounded(&path, CONFIG_MAX_BYTES).map_err(|e| {
        let why = io_words(&e);
        let (why, why_da, file) = (&why.en, why.get(Lang::Da), config::FILE_NAME);
        let d = Diagnostic::error(crate::words!(
            "cannot read the site configuration: {why}",
            "indstillingerne i {file} kan ikke læses: {why_da}"
        ))
        .in_file(&shown);
        vec![d.with_help(crate::words!(
            "run pejl in the portal's folder (the one with `{file}`), or create one with `pejl init <folder>`",
            "kør pejl i portalens mappe (den med `{file}`), eller opret en ny med `pejl init <mappe>`"
        ))]
    })?;
    Config::parse(&text, &shown.display().to_string())
}

/// A file found under `content/`, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the content folder, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    /// Size and modification time: when both are unchanged, the file is too.
    pub stamp: Stamp,
}

/// What tells a changed file from an unchanged one without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Self {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

impl Found {
    /// A Markdown page (as opposed to a static file such as an image).
    /// Discovery gives every page a `.md` name (see [`page_rel`]).
    pub fn is_page(&self) -> bool {
        self.rel.ends_with(".md")
    }
}

/// The endings of files read as pages, in any case: a page is never copied
/// as a file, whatever its name's ending (`Kladde.MD` with `draft: true` must
/// stay a draft).
pub const PAGE_ENDINGS: [&str; 6] = [".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"];

/// The name a page goes by: its path with its ending written `.md`
/// (`Kladde.MD` and `kladde.markdown` are `Kladde.md` and `kladde.md`); `None`
/// for a file that is not a page.
pub fn page_rel(rel: &str) -> Option<String> {
    let dot = rel.rfind('.')?;
    let ending = &rel[dot..];
    if rel[..dot].ends_with('/') || dot == 0 {
        return None;
    }
    if ending == ".md" {
        return Some(rel.to_string());
    }
    PAGE_ENDINGS
        .iter()
        .any(|e| ending.eq_ignore_ascii_case(e))
        .then(|| format!("{}.md", &rel[..dot]))
}

/// Find every content file, in a stable order, without reading any.
/// Folders that cannot be read and symbolic links are reported.
pub fn discover(paths: &Paths) -> (Vec<Found>, Vec<Diagnostic>) {
    // (relative path, path) of each file, in order.
    let mut listed: Vec<(String, PathBuf)> = Vec::new();
    let mut problems = Vec::new();
    if !paths.content.is_dir() {
        let folder = paths.display(&paths.content).display().to_string();
        problems.push(
            Diagnostic::error(crate::words!(
                "the content folder {folder} does not exist",
                "indholdsmappen {folder} findes ikke"
            ))
            .with_help(Words::new(
                "create it, or point to it with `--content <folder>`",
                "opret mappen, eller peg på den med `--content <mappe>`",
            )),
        );
        return (Vec::new(), problems);
    }
    let walker = WalkDir::new(&paths.content)
        .follow_links(false)
        .sort_by(|a, b| name_of(a).cmp(name_of(b)))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&name_text(e)));
    for entry in walker {
        match entry.map_err(|e| unreadable_folder(paths, &e)) {
            Ok(entry) => match listed_file(paths, &entry) {
                Ok(Some(file)) => listed.push(file),
                Ok(None) => {}
                Err(d) => problems.push(d),
            },
            Err(d) => problems.push(d),
        }
    }
    // The folders are read in order; the files' sizes and times are asked
    // for in parallel (one system call each).
    use rayon::prelude::*;
    let found = listed
        .into_par_iter()
        .map(|(rel, path)| {
            let stamp = std::fs::metadata(&path).map_or(Stamp::default(), |m| Stamp::of(&m));
            Found { rel, path, stamp }
        })
        .collect();
    (found, problems)
}

/// A folder the walk could not read.
pub fn unreadable_folder(paths: &Paths, e: &walkdir::Error) -> Diagnostic {
    let shown = e.path().map(|p| paths.display(p)).unwrap_or_default();
    Diagnostic::error(crate::words!(
        "cannot read this folder: {e}",
        "mappen kan ikke læses: {e}"
    ))
    .in_file(shown)
    .with_help(Words::new(
        "check that the folder exists and that you may read it",
        "tjek, at mappen findes, og at du har adgang til at læse den",
    ))
}

/// A walked entry as a content file (its name in `content/`, a page's
/// ending written `.md`, and its path); `None` for a folder; an error for a
/// symbolic link or a file that is not an ordinary one.
fn listed_file(
    paths: &Paths,
    entry: &walkdir::DirEntry,
) -> Result<Option<(String, PathBuf)>, Diagnostic> {
    if entry.file_type().is_dir() {
        return Ok(None);
    }
    let path = entry.path();
    let Some(rel) = rel_path(&paths.content, path) else {
        return Ok(None);
    };
    if entry.path_is_symlink() {
        // A link may point anywhere on the machine (or round in a loop):
        // pejl reads nothing outside the content folder.
        return Err(Diagnostic::error(Words::new(
            "this is a symbolic link; pejl does not follow links in the content folder, since they can point outside it",
            "dette er en genvej (symbolsk link); pejl følger ikke genveje i indholdsmappen, da de kan pege uden for den",
        ))
        .in_file(paths.display(path))
        .with_help(Words::new(
            "copy the file or folder into the content folder instead, and delete the link",
            "kopiér i stedet filen eller mappen ind i indholdsmappen, og slet genvejen",
        )));
    }
    if !entry.file_type().is_file() {
        // A named pipe or a device would block or never end when read.
        return Err(Diagnostic::error(Words::new(
            "this is not an ordinary file (it is a pipe, socket or device), so pejl does not read it",
            "dette er ikke en almindelig fil (men et rør, en sokkel eller en enhed), så pejl læser den ikke",
        ))
        .in_file(paths.display(path))
        .with_help(Words::new(
            "remove it from the content folder",
            "fjern den fra indholdsmappen",
        )));
    }
    let rel = page_rel(&rel).unwrap_or(rel);
    Ok(Some((rel, path.to_path_buf())))
}

/// The name of a walked file or folder: the end of its path after the last
/// `/`, found without taking the path apart into components (which the walk
/// would otherwise do twice for every comparison while sorting a folder).
#[cfg(unix)]
fn name_of(e: &walkdir::DirEntry) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    let bytes = e.path().as_os_str().as_bytes();
    match memchr::memrchr(b'/', bytes) {
        Some(at) if at + 1 < bytes.len() => &bytes[at + 1..],
        _ => e.file_name().as_bytes(),
    }
}

#[cfg(not(unix))]
fn name_of(e: &walkdir::DirEntry) -> &std::ffi::OsStr {
    e.file_name()
}

fn name_text(e: &walkdir::DirEntry) -> std::borrow::Cow<'_, str> {
    #[cfg(unix)]
    return String::from_utf8_lossy(name_of(e));
    #[cfg(not(unix))]
    return name_of(e).to_string_lossy();
}

/// Read a found page as text.
pub fn read_page(paths: &Paths, found: &Found, limits: &Limits) -> Result<SourceFile, Diagnostic> {
    let display = paths.display(&found.path);
    if let Some(d) = limits.file_too_large(found.stamp.len) {
        return Err(d.in_file(&display));
    }
    match read_text_of_size(&found.path, found.stamp.len) {
        Ok(text) if text.len() as u64 > limits.max_file_bytes() => Err(limits
            .file_too_large(text.len() as u64)
            .unwrap_or_else(|| Diagnostic::error(Words::new("too large", "for stor")))
            .in_file(&display)),
        Ok(text) => Ok(SourceFile {
            rel: found.rel.clone(),
            display,
            text,
        }),
        Err(d) => Err(d.in_file(&display)),
    }
}

/// The content folder's pages (not read yet) and static files, within the
/// limit on the total size of the pages.
pub fn list_content(
    paths: &Paths,
    limits: &Limits,
) -> (Vec<Found>, Vec<StaticFile>, Vec<Diagnostic>) {
    let (found, mut problems) = discover(paths);
    let mut pages = Vec::new();
    let mut statics = Vec::new();
    let mut total = 0u64;
    for f in found {
        if f.is_page() {
            total = total.saturating_add(f.stamp.len);
            if total > limits.max_total_bytes() {
                problems.push(limits.total_too_large(total));
                break;
            }
            pages.push(f);
        } else {
            statics.push(StaticFile {
                rel: f.rel,
                path: f.path,
                len: f.stamp.len,
            });
        }
    }
    (pages, statics, problems)
}

/// Hidden files and editor and system leftovers: swap, backup, merge and
/// temporary files. They are never read and never published.
///
/// Covers vim (`.x.swp`, `x~`, and the `4913` file it writes to test a
/// folder; a folder named `2024` is not ignored), emacs (`#x#`, `.#x`),
/// JetBrains editors (`x___jb_tmp___`), nano (`.save`), patch and merge
/// tools (`.orig`, `.rej`), Office's lock files (`~$Rapport.docx`), Windows'
/// and macOS's own files (`Thumbs.db`, `desktop.ini`, `.DS_Store`) and
/// generic `.tmp`/`.bak`/`.old`/`.crswap` files, in any case.
pub fn is_ignored(name: &str) -> bool {
    const SUFFIXES: [&str; 14] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".bak",
        ".old",
        ".orig",
        ".rej",
        ".save",
        ".crswap",
        ".part",
        "___jb_tmp___",
        "___jb_old___",
    ];
    const NAMES: [&str; 3] = ["thumbs.db", "desktop.ini", "ehthumbs.db"];
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || SUFFIXES.iter().any(|s| lower.ends_with(s))
        || NAMES.contains(&lower.as_str())
        || is_vim_probe(name)
}

/// Vim checks that it may write a folder by creating `4913` (then 5036, 5159 …).
fn is_vim_probe(name: &str) -> bool {
    name.parse::<u32>()
        .is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0)
        && name.bytes().all(|b| b.is_ascii_digit())
}

fn rel_path(base: &Path, path: &Path) -> Option<String> {
    // The walk joins names onto `base`, so on Unix its text is a prefix of
    // each path's: cut it off without taking both apart into components.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let rest = path
            .as_os_str()
            .as_bytes()
            .strip_prefix(base.as_os_str().as_bytes());
        if let Some(rest) = rest
            && let Ok(text) = std::str::from_utf8(rest.strip_prefix(b"/").unwrap_or(rest))
        {
            return Some(text.to_string());
        }
    }
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// The most a theme's template, string table or other file may hold: 32 MiB.
pub const THEME_FILE_MAX_BYTES: u64 = 32 << 20;

/// Read a theme's file as UTF-8 text, naming the place of the first bad
/// byte otherwise. Only an ordinary file (not a link, pipe or device) of at
/// most [`THEME_FILE_MAX_BYTES`] is read.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        read_bytes_bounded(path, THEME_FILE_MAX_BYTES, false).map_err(|e| cannot_read(&e))?;
    utf8_text(bytes)
}

/// An ordinary file's bytes, refusing one larger than `max` without
/// reading more than that (`pejl.yaml` linked to `/dev/zero` must not eat the
/// memory of the machine); through a symbolic link only if `follow_links`.
pub fn read_bytes_bounded(path: &Path, max: u64, follow_links: bool) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_regular(path, follow_links)?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

fn too_large(max: u64) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, Refused::TooLarge(max))
}

/// Why pejl refused to read a file, as the payload of its `io::Error`, so
/// [`io_words`] can say it in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    /// A link, pipe, socket or device.
    NotOrdinary,
    /// Larger than this many bytes.
    TooLarge(u64),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words().en)
    }
}

impl std::error::Error for Refused {}

impl Refused {
    fn words(self) -> Words {
        match self {
            Refused::NotOrdinary => Words::new(
                "it is not an ordinary file (a link, pipe, socket or device)",
                "den er ikke en almindelig fil (men en genvej, et rør, en sokkel eller en enhed)",
            ),
            Refused::TooLarge(max) => {
                let kib = max / 1024;
                crate::words!("it is larger than {kib} KiB", "den er større end {kib} KiB")
            }
        }
    }
}

/// [`read_text`] of a file whose size was just asked for: the buffer is made
/// that size at once, without asking the system again (`std::fs::read` does,
/// once per file), and a file found to be exactly that size is not read a
/// second time to learn that it ends there. A file that has changed size
/// since is still read whole.
fn read_text_of_size(path: &Path, len: u64) -> Result<String, Diagnostic> {
    let len = usize::try_from(len).unwrap_or(0);
    let mut file = open_regular(path, false).map_err(|e| cannot_read(&e))?;
    let bytes = read_expecting(&mut file, len).map_err(|e| cannot_read(&e))?;
    utf8_text(bytes)
}

/// Everything `file` holds, expected to be `len` bytes. One byte more is
/// asked for: a read that stops at `len` has found the end. Any other count
/// (a file grown or shrunk since, or a file system that hands out less than
/// asked) reads on until the file says it has ended.
fn read_expecting(file: &mut impl std::io::Read, len: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; len.saturating_add(1)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            bytes.resize(bytes.len().saturating_mul(2).max(64), 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        if filled == len {
            break;
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

fn utf8_text(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    // Checked 32 bytes at a time; copying the checked text is cheaper than
    // std's byte-by-byte check, which then only runs to word a mistake.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(text.to_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error(Words::new(
            "this file is not saved as UTF-8 text",
            "filen er ikke gemt som UTF-8-tekst",
        ))
        .at(Pos::of_offset(&text, valid))
        .with_help(Words::new(
            "save the file as UTF-8 in your editor (\"Save as\", encoding UTF-8)",
            "gem filen som UTF-8 i dit redigeringsprogram (\"Gem som\", kodning UTF-8)",
        ))
    })
}

/// The most `pejl.yaml` may hold (1 MiB: a portal's settings are a few KiB).
pub const CONFIG_MAX_BYTES: u64 = 1 << 20;

/// Open a file to read it, only if it is an ordinary file: a named pipe or a
/// device (which would never end, or block for ever) is refused at once, and
/// so is a symbolic link unless `follow_links`.
pub fn open_regular(path: &Path, follow_links: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        // Not blocking: opening a pipe with no writer would wait for one.
        let mut flags = OFlags::NONBLOCK;
        if !follow_links {
            flags |= OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(target_os = "linux"))]
    if !follow_links && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(not_ordinary());
    }
    let file = options.open(path).map_err(|e| {
        // ELOOP: the last part of the path is a link.
        #[cfg(target_os = "linux")]
        if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
            return not_ordinary();
        }
        e
    })?;
    if !file.metadata()?.is_file() {
        return Err(not_ordinary());
    }
    Ok(file)
}

/// The error of a file that is a link, pipe, socket or device.
fn not_ordinary() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, Refused::NotOrdinary)
}

/// `pejl.yaml`'s text: an ordinary file (or a link to one) of at most `max`
/// bytes, in UTF-8.
pub fn read_bounded(path: &Path, max: u64) -> std::io::Result<String> {
    String::from_utf8(read_bytes_bounded(path, max, true)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// An ordinary file's bytes, never through a link.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path, false)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Copy a static file of the content folder to `to`, never through a link:
/// a file, or a folder on its way, swapped for a link while the site is built
/// is refused, not followed out of the project.
pub fn copy_static(file: &StaticFile, to: &Path) -> std::io::Result<()> {
    let mut source = open_beneath(file)?;
    let mut target = std::fs::File::create(to)?;
    std::io::copy(&mut source, &mut target).map(|_| ())
}

/// A static file's bytes, opened as [`copy_static`] opens it (no link
/// anywhere on its way), refusing one larger than `max` without reading more.
pub fn read_static(file: &StaticFile, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_beneath(file)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

/// Open a static file through its path below the content folder with no
/// symbolic link anywhere on the way (Linux 5.6 and later; elsewhere, or on
/// an older kernel, only its last part is held to that).
fn open_beneath(file: &StaticFile) -> std::io::Result<std::fs::File> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{Mode, OFlags, ResolveFlags, openat2};
        let full = file.path.to_string_lossy();
        if let Some(root) = full.strip_suffix(file.rel.as_str()) {
            let root = std::fs::File::open(if root.is_empty() { "." } else { root })?;
            let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
            let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS;
            match openat2(&root, file.rel.as_str(), flags, Mode::empty(), resolve) {
                Ok(fd) => {
                    let opened = std::fs::File::from(fd);
                    if !opened.metadata()?.is_file() {
                        return Err(not_ordinary());
                    }
                    return Ok(opened);
                }
                Err(e) if e == rustix::io::Errno::NOSYS => {}
                Err(e) if e == rustix::io::Errno::LOOP || e == rustix::io::Errno::XDEV => {
                    return Err(not_ordinary());
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    open_regular(&file.path, false)
}

/// "cannot read this file", and why.
pub fn cannot_read(e: &std::io::Error) -> Diagnostic {
    let why = io_words(e);
    let (why, why_da) = (&why.en, why.get(Lang::Da));
    Diagnostic::error(crate::words!(
        "cannot read this file: {why}",
        "filen kan ikke læses: {why_da}"
    ))
}

/// An I/O error in words a non-programmer understands.
pub fn io_words(e: &std::io::Error) -> Words {
    use std::io::ErrorKind as K;
    if let Some(refused) = e.get_ref().and_then(|r| r.downcast_ref::<Refused>()) {
        return refused.words();
    }
    match e.kind() {
        K::NotFound => Words::new("it does not exist", "den findes ikke"),
        K::PermissionDenied => Words::new(
            "you do not have permission to read it",
            "du har ikke adgang til at læse den",
        ),
        K::InvalidData => Words::new(
            "it is not saved as UTF-8 text",
            "den er ikke gemt som UTF-8-tekst",
        ),
        // The system's own words; the same in both languages.
        _ => Words::new(e.to_string(), e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::{io_words, not_ordinary, read_expecting, too_large};
    use crate::base::diagnostic::Lang;

    #[cfg(unix)]
    #[test]
    fn a_static_file_is_never_copied_through_a_link_on_its_way() {
        use super::{StaticFile, copy_static};
        let tmp = tempfile::tempdir().expect("tmp");
        let (content, outside) = (tmp.path().join("content"), tmp.path().join("outside"));
        std::fs::create_dir_all(content.join("billeder")).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        std::fs::write(content.join("billeder/kort.png"), "PNG").expect("write");
        std::fs::write(outside.join("hemmelig.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(&outside, content.join("genvej")).expect("symlink");
        let file = |rel: &str| StaticFile {
            rel: rel.to_string(),
            path: content.join(rel),
            len: 3,
        };
        let to = tmp.path().join("copy");
        copy_static(&file("billeder/kort.png"), &to).expect("an ordinary file is copied");
        assert_eq!(std::fs::read_to_string(&to).expect("read"), "PNG");
        let refused = copy_static(&file("genvej/hemmelig.txt"), &tmp.path().join("leak"));
        assert!(refused.is_err(), "a link on the way is not followed");
        assert!(!tmp.path().join("leak").exists(), "nothing was written");
    }

    #[test]
    fn refusals_are_said_in_both_languages() {
        let big = io_words(&too_large(2048));
        assert_eq!(big.en, "it is larger than 2 KiB");
        assert_eq!(big.get(Lang::Da), "den er større end 2 KiB");
        let odd = io_words(&not_ordinary());
        assert!(
            odd.get(Lang::Da).contains("ikke en almindelig fil"),
            "{odd:?}"
        );
    }
    use std::io::Read;

    /// A file that hands out at most `step` bytes a read, and counts the reads.
    struct Trickle<'a> {
        text: &'a [u8],
        step: usize,
        reads: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.reads += 1;
            let n = buf.len().min(self.step).min(self.text.len());
            buf[..n].copy_from_slice(&self.text[..n]);
            self.text = &self.text[n..];
            Ok(n)
        }
    }

    fn read(text: &str, step: usize, len: usize) -> (String, usize) {
        let mut file = Trickle {
            text: text.as_bytes(),
            step,
            reads: 0,
        };
        let bytes = read_expecting(&mut file, len).expect("read");
        (String::from_utf8(bytes).expect("utf-8"), file.reads)
    }

    #[test]
    fn a_file_of_the_size_found_is_read_in_one_go() {
        assert_eq!(read("# Mål\n", usize::MAX, 7), ("# Mål\n".into(), 1));
        assert_eq!(read("", usize::MAX, 0), (String::new(), 1));
    }

    #[test]
    fn a_file_that_grew_or_shrank_since_is_still_read_whole() {
        let text = "---\ntitle: Klima\n---\nTekst.\n";
        assert_eq!(read(text, usize::MAX, 5).0, text);
        assert_eq!(read(text, usize::MAX, 500).0, text);
        assert_eq!(read(text, usize::MAX, 0).0, text);
    }

    #[test]
    fn short_reads_are_read_on_until_the_end() {
        let text = "---\ntitle: Klima\n---\nTekst.\n";
        assert_eq!(read(text, 3, text.len()).0, text);
        assert_eq!(read(text, 3, 500).0, text);
    }
}
