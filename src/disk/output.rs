//! Writing the built site: all or nothing, and never outside the output folder.
//!
//! Owns the staging folder next to the output, the swap that publishes it, and the
//! refusal of output folders that would put the project at risk. It is the only
//! module that writes or deletes files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::base::OutputFile;
use crate::base::diagnostic::{Diagnostic, Words};
use crate::disk::load::{Paths, StaticFile};

/// A file pejl leaves in every output folder, so it knows the folder is its own.
pub const MARKER: &str = ".pejl-output";

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!("{name}.pejl-{suffix}"))
}

/// The absolute form of a path that may not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let base = std::env::current_dir().unwrap_or_default().join(path);
    match (
        base.parent().and_then(|p| p.canonicalize().ok()),
        base.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => base,
    }
}

/// Where the site goes: the output folder, or, when `--output` names a
/// symbolic link (`public -> /srv/www`, a common way to publish), the folder
/// the link points to. The link itself is left as it is and the swap is done
/// at its target, so nothing is ever deleted through a link.
pub fn resolve_output(paths: &Paths) -> Result<PathBuf, Diagnostic> {
    let output = &paths.output;
    let shown = output.display().to_string();
    match fs::symlink_metadata(output) {
        Ok(meta) if meta.file_type().is_symlink() => match output.canonicalize() {
            Ok(target) if target.is_dir() => Ok(target),
            Ok(target) => {
                let target = target.display().to_string();
                Err(Diagnostic::error(crate::words!(
                    "the output {shown} is a link to {target}, which is not a folder",
                    "output-mappen {shown} er en genvej til {target}, som ikke er en mappe"
                ))
                .with_help(choose_a_folder()))
            }
            Err(_) => Err(Diagnostic::error(crate::words!(
                "the output {shown} is a link to a folder that does not exist",
                "output-mappen {shown} er en genvej til en mappe, der ikke findes"
            ))
            .with_help(Words::new(
                "create the folder the link points to, or delete the link and build again",
                "opret den mappe, genvejen peger på, eller slet genvejen, og byg igen",
            ))),
        },
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(crate::words!(
            "pejl will not write the site to {shown}: it is a file, not a folder, and it would be replaced",
            "pejl vil ikke skrive sitet i {shown}: det er en fil, ikke en mappe, og den ville blive erstattet"
        ))
        .with_help(choose_a_folder())),
        _ => Ok(output.clone()),
    }
}

fn choose_a_folder() -> Words {
    Words::new(
        "choose a folder of its own for the site, such as `public` in the project folder",
        "vælg en mappe kun til sitet, fx `public` i projektets mappe",
    )
}

/// Refuse an output folder whose replacement could destroy something else.
pub fn check_output_folder(paths: &Paths) -> Result<(), Diagnostic> {
    check_output(paths, &resolve_output(paths)?)
}

/// [`check_output_folder`] of the output as [`resolve_output`] found it.
fn check_output(paths: &Paths, output: &Path) -> Result<(), Diagnostic> {
    let out = absolute(output);
    let root = absolute(&paths.root);
    let content = absolute(&paths.content);
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|h| absolute(&h));
    let shown = paths.output.display().to_string();
    let refuse = |why: Words| {
        let (why_en, why_da) = (&why.en, why.get(crate::base::diagnostic::Lang::Da));
        Err(Diagnostic::error(crate::words!(
            "pejl will not write the site to {shown}: {why_en}",
            "pejl vil ikke skrive sitet i {shown}: {why_da}"
        ))
        .with_help(choose_a_folder()))
    };
    if out.parent().is_none() {
        return refuse(Words::new(
            "it is the top of the file system",
            "mappen er den øverste mappe på disken",
        ));
    }
    if home.as_ref() == Some(&out) {
        return refuse(Words::new(
            "it is your home folder",
            "mappen er din hjemmemappe",
        ));
    }
    if root.starts_with(&out) {
        return refuse(Words::new(
            "it is or contains the project folder",
            "mappen er projektets mappe eller indeholder den",
        ));
    }
    // The folders pejl reads: an output inside one would be read back in
    // (and published again) by the next build; one around it would be deleted.
    for (what, what_da, folder) in [
        ("content", "indholdsmappen", content),
        ("theme", "temamappen", absolute(&paths.root.join("themes"))),
        (
            "static",
            "mappen static",
            absolute(&paths.root.join("static")),
        ),
        (
            "templates",
            "mappen templates",
            absolute(&paths.root.join("templates")),
        ),
    ] {
        if folder.starts_with(&out) || out.starts_with(&folder) {
            return refuse(crate::words!(
                "it is, contains or lies inside the {what} folder",
                "mappen er, indeholder eller ligger inde i {what_da}"
            ));
        }
    }
    if out.is_dir()
        && !out.join(MARKER).exists()
        && fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return refuse(Words::new(
            "it already holds files that pejl did not make, and they would be replaced",
            "mappen indeholder allerede filer, som pejl ikke har lavet, og de ville blive erstattet",
        ));
    }
    Ok(())
}

/// Write the site into a staging folder, then swap it in place of the old output.
/// On any failure the previous output is left exactly as it was. `Ok` holds
/// warnings about what could not be tidied up after the new site went live.
pub fn write_site(
    paths: &Paths,
    files: &[OutputFile],
    statics: &[StaticFile],
) -> Result<Vec<Diagnostic>, Diagnostic> {
    Staging::begin(paths)?.finish(files, statics)
}

/// A build's staging folder next to the output: pages are written into it as
/// they are rendered (from many threads), and [`Staging::finish`] swaps it in
/// place of the output. Dropped without `finish`, it is deleted and the
/// previous output stays as it was.
///
/// Only one build at a time writes next to an output: `begin` takes a lock
/// on the folder that holds it, and a second build waits for the first.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// Folders already made, so each is created once (one syscall per file).
    /// Kept as plain strings: hashing a `Path` walks its components.
    made: std::sync::Mutex<std::collections::HashSet<std::ffi::OsString>>,
    /// Every file written so far, so two that want the same address are
    /// found (see [`Staging::collisions`]).
    written: std::sync::Mutex<Addresses>,
    collided: std::sync::Mutex<Vec<String>>,
    /// Warnings from tidying up after an earlier build.
    pub warnings: Vec<Diagnostic>,
    done: bool,
    /// Held until the staging folder is swapped in or deleted.
    _lock: Option<fs::File>,
}

impl Staging {
    /// Check the output folder, wait for any other build writing to it, tidy
    /// up after an interrupted build and make an empty staging folder.
    pub fn begin(paths: &Paths) -> Result<Staging, Diagnostic> {
        let output = resolve_output(paths)?;
        check_output(paths, &output)?;
        let lock = lock_beside(&output)?;
        // Checked again under the lock: the build before may have changed it.
        check_output(paths, &output)?;
        let staging = sibling(&output, "staging");
        let old = sibling(&output, "old");
        let warnings = recover(&output, &staging, &old)?;
        let stage = Staging {
            output,
            staging,
            old,
            made: std::sync::Mutex::default(),
            written: std::sync::Mutex::default(),
            collided: std::sync::Mutex::default(),
            warnings,
            done: false,
            _lock: lock,
        };
        fs::create_dir_all(&stage.staging)
            .and_then(|()| {
                fs::write(
                    stage.staging.join(MARKER),
                    b"This folder is built by pejl and replaced on every build.\n",
                )
            })
            .map_err(|e| write_failed("write the site", "skrive sitet", &e))?;
        Ok(stage)
    }

    /// Write one file into the staging folder (safe from many threads).
    /// A second file for an address already written is not written; it is
    /// kept for [`Staging::collisions`].
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if !self.claim(rel) {
            return Ok(());
        }
        let path = self.staging.join(rel);
        self.ensure_parent(&path)?;
        fs::write(&path, bytes)
    }

    /// True the first time an address is written, and when no file is
    /// written where it needs a folder (or the other way round:
    /// `sitemap.xml` and `sitemap.xml/index.html`).
    fn claim(&self, rel: &str) -> bool {
        let taken = self
            .written
            .lock()
            .map(|mut w| w.claim(rel))
            .unwrap_or(None);
        if let Some(taken) = &taken
            && let Ok(mut c) = self.collided.lock()
        {
            c.push(taken.clone());
        }
        taken.is_none()
    }

    /// The addresses (relative to the output) that more than one file wanted.
    pub fn collisions(&self) -> Vec<String> {
        let mut found = self.collided.lock().map(|c| c.clone()).unwrap_or_default();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn ensure_parent(&self, path: &Path) -> io::Result<()> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        // Recorded only once it exists: another thread that finds it in the
        // set may write into it at once. Two threads may both create it;
        // `create_dir_all` allows that.
        let known = self.made.lock().is_ok_and(|m| m.contains(dir.as_os_str()));
        if !known {
            fs::create_dir_all(dir)?;
            if let Ok(mut m) = self.made.lock() {
                m.insert(dir.as_os_str().to_owned());
            }
        }
        Ok(())
    }

    /// Write the remaining files and the static files (in parallel).
    pub fn write_rest(
        &self,
        files: &[OutputFile],
        statics: &[StaticFile],
    ) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        let written = files
            .par_iter()
            .try_for_each(|f| self.write(&f.path, &f.bytes))
            .and_then(|()| {
                statics.par_iter().try_for_each(|s| {
                    if !self.claim(&s.rel) {
                        return Ok(());
                    }
                    let path = self.staging.join(&s.rel);
                    self.ensure_parent(&path)?;
                    crate::disk::load::copy_static(s, &path)
                })
            });
        written.map_err(|e| write_failed("write the site", "skrive sitet", &e))
    }

    /// Swap the staging folder in place of the output. `Ok` holds warnings
    /// about what could not be tidied up once the new site was live.
    pub fn publish(mut self) -> Result<Vec<Diagnostic>, Diagnostic> {
        let swapped = swap(&self.staging, &self.output, &self.old).map_err(|e| {
            write_failed(
                "replace the previous site",
                "erstatte det tidligere site",
                &e,
            )
        })?;
        self.done = true;
        let mut warnings = std::mem::take(&mut self.warnings);
        if let Swapped::Leftover(folder, e) = swapped {
            warnings.push(not_cleaned(&self.output, &folder, &e));
        }
        Ok(warnings)
    }

    /// [`Staging::write_rest`], then [`Staging::publish`].
    pub fn finish(
        self,
        files: &[OutputFile],
        statics: &[StaticFile],
    ) -> Result<Vec<Diagnostic>, Diagnostic> {
        self.write_rest(files, statics)?;
        self.publish()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_ours(&self.staging);
        }
    }
}

/// The addresses of a site's files and of the folders they make.
#[derive(Debug, Default)]
pub struct Addresses {
    files: std::collections::HashSet<String>,
    folders: std::collections::HashSet<String>,
}

impl Addresses {
    /// Take `rel` for one file; `None` when that could be done, else the
    /// address wanted twice: `rel` itself, or a folder it needs that is a
    /// file, or `rel` when it is a folder already.
    pub fn claim(&mut self, rel: &str) -> Option<String> {
        if self.folders.contains(rel) {
            return Some(rel.to_string());
        }
        let mut end = 0;
        while let Some(at) = rel[end..].find('/') {
            let folder = &rel[..end + at];
            if self.files.contains(folder) {
                return Some(folder.to_string());
            }
            end += at + 1;
        }
        if !self.files.insert(rel.to_string()) {
            return Some(rel.to_string());
        }
        let mut end = 0;
        while let Some(at) = rel[end..].find('/') {
            let folder = &rel[..end + at];
            // Most folders hold many files: made into a string only once.
            if !self.folders.contains(folder) {
                self.folders.insert(folder.to_string());
            }
            end += at + 1;
        }
        None
    }
}

/// How long a build waits for another one writing to the same output.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

/// Lock the folder that holds `output`, waiting while another pejl build
/// holds it. `None` where the system cannot lock folders.
fn lock_beside(output: &Path) -> Result<Option<fs::File>, Diagnostic> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Err(e) = fs::create_dir_all(&parent) {
        return Err(write_failed("write the site", "skrive sitet", &e));
    }
    let Ok(folder) = fs::File::open(&parent) else {
        return Ok(None);
    };
    let started = std::time::Instant::now();
    loop {
        match folder.try_lock() {
            Ok(()) => return Ok(Some(folder)),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let shown = output.display().to_string();
                return Err(Diagnostic::error(crate::words!(
                    "another pejl build has been writing the site to {shown} for ten minutes",
                    "en anden bygning med pejl har skrevet sitet i {shown} i ti minutter"
                ))
                .with_help(Words::new(
                    "the previous site was left as it was; wait for the other build to finish (or stop it), then build again",
                    "det tidligere site er ikke ændret; vent, til den anden bygning er færdig (eller stop den), og byg så igen",
                )));
            }
            // A file system that cannot lock: build without a lock.
            Err(fs::TryLockError::Error(_)) => return Ok(None),
        }
    }
}

/// Where the previous site is when a failed build could not put it back in
/// place (the output is gone, its copy moved aside is there): the next
/// build puts it back. `None` when the output is where it was.
pub fn previous_site_aside(paths: &Paths) -> Option<PathBuf> {
    let output = resolve_output(paths).ok()?;
    let old = sibling(&output, "old");
    (!output.exists() && old.join(MARKER).is_file()).then_some(old)
}

/// The warning of a new site that went live while the previous one could
/// not be deleted whole.
fn not_cleaned(output: &Path, folder: &Path, e: &io::Error) -> Diagnostic {
    let (out, folder) = (output.display().to_string(), folder.display().to_string());
    Diagnostic::warning(crate::words!(
        "the new site is published in {out}, but pejl could not delete all of the previous one: {e}; what is left is in {folder}",
        "det nye site er udgivet i {out}, men pejl kunne ikke slette hele det tidligere: {e}; resten ligger i {folder}"
    ))
    .with_help(Words::new(
        "delete that folder yourself (files made by another user, e.g. with sudo or in a container, need that user's rights); pejl tries again at the next build",
        "slet selv den mappe (filer, som en anden bruger har lavet, fx med sudo eller i en container, kræver den brugers rettigheder); pejl prøver igen ved næste bygning",
    ))
}

/// The error of a failed write: the previous site is untouched.
pub fn write_failed(what: &str, what_da: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::error(crate::words!(
        "could not {what}: {e}",
        "pejl kunne ikke {what_da}: {e}"
    ))
    .with_help(Words::new(
        "the previous site was left as it was; check free disk space and permissions, then build again",
        "det tidligere site er ikke ændret; tjek, at der er plads på disken, og at du har adgang til mappen, og byg så igen",
    ))
}

/// What a swap left behind.
#[derive(Debug)]
enum Swapped {
    /// The new site is live and the previous one is gone.
    Clean,
    /// The new site is live; the previous one could not be deleted whole and
    /// what is left of it was moved to this folder.
    Leftover(PathBuf, io::Error),
}

/// Put `staging` in place of `output`. An `Err` means the previous output
/// is where it was; once the new site is in place, failing to delete the
/// previous one is no longer an error but a [`Swapped::Leftover`].
fn swap(staging: &Path, output: &Path, old: &Path) -> io::Result<Swapped> {
    if !output.exists() {
        fs::rename(staging, output)?;
        return Ok(Swapped::Clean);
    }
    if exchange(staging, output)? {
        return Ok(tidy(staging, output));
    }
    fs::rename(output, old)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(old, output)?;
        return Err(e);
    }
    Ok(tidy(old, output))
}

/// Delete the previous site after a swap; what cannot be deleted is moved
/// to a name of its own, so the next build is not blocked by it.
fn tidy(previous: &Path, output: &Path) -> Swapped {
    match remove_ours(previous) {
        Ok(()) => Swapped::Clean,
        Err(e) => Swapped::Leftover(set_aside(previous, output), e),
    }
}

/// Move a folder of pejl's own that cannot be deleted to
/// `<output>.pejl-old-<time>`; where it stays if that fails too.
fn set_aside(folder: &Path, output: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let aside = sibling(output, &format!("old-{stamp}"));
    match fs::rename(folder, &aside) {
        Ok(()) => aside,
        Err(_) => folder.to_path_buf(),
    }
}

/// Delete a folder of pejl's own, its marker last: if pejl is stopped half
/// way, what is left still says it is pejl's and is cleared next time.
///
/// The folders in it are deleted side by side: a site's previous output is
/// tens of thousands of files, and deleting them one after another took a
/// fifth of a rebuild. Each is deleted by `std::fs::remove_dir_all`, which
/// removes a symbolic link rather than what it points to.
fn remove_ours(folder: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut entries = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_name() != MARKER {
            entries.push((entry.path(), entry.file_type()?.is_dir()));
        }
    }
    entries.par_iter().try_for_each(|(path, is_dir)| {
        if *is_dir {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
    })?;
    fs::remove_dir_all(folder)
}

/// Exchange two folders atomically; `Ok(false)` where that cannot be done.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Undo an interrupted build: an output moved aside and not replaced is put
/// back. Then leftovers of pejl's own (with its marker, or empty) are removed;
/// a folder by that name that pejl did not make is refused, never deleted.
/// A leftover of pejl's own that cannot be deleted (files of another user)
/// is moved aside with a warning, so it never blocks a build.
fn recover(output: &Path, staging: &Path, old: &Path) -> Result<Vec<Diagnostic>, Diagnostic> {
    if !output.exists() && old.join(MARKER).is_file() {
        fs::rename(old, output).map_err(|e| leftover_problem(old, &e))?;
    }
    let mut warnings = Vec::new();
    for leftover in [staging, old] {
        if !leftover.exists() {
            continue;
        }
        if !is_ours(leftover) {
            let name = leftover.display().to_string();
            return Err(Diagnostic::error(crate::words!(
                "{name} is in the way: pejl uses that name for its staging folder, but did not make it",
                "{name} er i vejen: pejl bruger det navn til sin arbejdsmappe, men har ikke lavet den"
            ))
            .with_help(Words::new(
                "move or rename that folder; pejl will not delete files it did not make",
                "flyt eller omdøb mappen; pejl sletter ikke filer, den ikke selv har lavet",
            )));
        }
        if let Err(e) = remove_ours(leftover) {
            let aside = set_aside(leftover, output);
            if aside == leftover {
                return Err(leftover_problem(leftover, &e));
            }
            warnings.push(not_cleaned(output, &aside, &e));
        }
    }
    warnings.extend(older_leftovers(output));
    Ok(warnings)
}

/// A folder pejl made: it holds the marker, or nothing.
fn is_ours(folder: &Path) -> bool {
    folder.join(MARKER).is_file() || fs::read_dir(folder).is_ok_and(|mut d| d.next().is_none())
}

/// Previous sites set aside by [`set_aside`]: deleted now if they can be,
/// else a warning again.
fn older_leftovers(output: &Path) -> Vec<Diagnostic> {
    let prefix = sibling(output, "old-");
    let (Some(dir), Some(prefix)) = (prefix.parent(), prefix.file_name()) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = dir.join(&name);
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !name.starts_with(&prefix) || !folder || !is_ours(&path) {
            continue;
        }
        if let Err(e) = remove_ours(&path) {
            warnings.push(not_cleaned(output, &path, &e));
        }
    }
    warnings
}

fn leftover_problem(folder: &Path, e: &io::Error) -> Diagnostic {
    let name = folder.display().to_string();
    Diagnostic::error(crate::words!(
        "could not clear {name}, left by an interrupted build: {e}",
        "pejl kunne ikke rydde {name}, som en afbrudt bygning efterlod: {e}"
    ))
    .with_help(Words::new(
        "the previous site was left as it was; check the folder's permissions, then build again",
        "det tidligere site er ikke ændret; tjek adgangen til mappen, og byg så igen",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, text: &str) {
        fs::create_dir_all(dir).expect("mkdir");
        fs::write(dir.join(MARKER), "").expect("marker");
        fs::write(dir.join("index.html"), text).expect("page");
    }

    /// The output, staging and old folders of an output `public` in `dir`.
    fn folders(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
        (
            dir.join("public"),
            dir.join("public.pejl-staging"),
            dir.join("public.pejl-old"),
        )
    }

    #[test]
    fn an_output_moved_aside_by_a_stopped_build_is_put_back() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (out, staging, old) = folders(tmp.path());
        site(&old, "old site");
        site(&staging, "half a new site");
        recover(&out, &staging, &old).expect("recovered");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("read"),
            "old site"
        );
        assert!(!staging.exists() && !old.exists());
    }

    #[test]
    fn a_staging_folder_pejl_did_not_make_is_never_deleted() {
        let tmp = tempfile::tempdir().expect("tmp");
        let staging = tmp.path().join("public.pejl-staging");
        fs::create_dir_all(&staging).expect("mkdir");
        fs::write(staging.join("notes.txt"), "mine").expect("write");
        let err = recover(&tmp.path().join("public"), &staging, &tmp.path().join("x"))
            .expect_err("refused");
        assert!(err.message.en.contains("is in the way"));
        assert!(staging.join("notes.txt").is_file());
    }

    #[test]
    fn swapping_replaces_the_output_whole_and_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (out, staging, old) = folders(tmp.path());
        site(&out, "old");
        site(&staging, "new");
        swap(&staging, &out, &old).expect("swapped");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("read"),
            "new"
        );
        assert!(!staging.exists() && !old.exists());
    }

    #[test]
    fn a_previous_output_is_deleted_whole_but_never_what_its_links_point_to() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (out, staging, old) = folders(tmp.path());
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).expect("mkdir");
        fs::write(elsewhere.join("keep.txt"), "not pejl's").expect("write");
        site(&out, "old");
        for section in ["initiatives", "strategies", "timeline", "data"] {
            for page in 0..20 {
                let dir = out.join(section).join(format!("page-{page}"));
                fs::create_dir_all(&dir).expect("mkdir");
                fs::write(dir.join("index.html"), "old page").expect("write");
            }
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&elsewhere, out.join("link")).expect("symlink");
            std::os::unix::fs::symlink(&elsewhere, out.join("timeline").join("link"))
                .expect("symlink");
        }
        site(&staging, "new");
        swap(&staging, &out, &old).expect("swapped");
        let left: Vec<_> = fs::read_dir(&out)
            .expect("read")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left.len(), 2, "only the new site is left: {left:?}");
        assert!(!staging.exists() && !old.exists());
        assert_eq!(
            fs::read_to_string(elsewhere.join("keep.txt")).expect("read"),
            "not pejl's"
        );
    }
}
