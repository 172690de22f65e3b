//! Writing the built site: all or nothing, and never outside the output folder.
//!
//! Owns the staging folder next to the output, the swap that publishes it, and the
//! refusal of output folders that would put the project at risk. It is the only
//! module that writes or deletes files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Words};
use crate::load::{Paths, StaticFile};
use crate::render::OutputFile;

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

/// Refuse an output folder whose replacement could destroy something else.
pub fn check_output_folder(paths: &Paths) -> Result<(), Diagnostic> {
    let out = absolute(&paths.output);
    let root = absolute(&paths.root);
    let content = absolute(&paths.content);
    let themes = absolute(&paths.root.join("themes"));
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|h| absolute(&h));
    let output = paths.output.display().to_string();
    let refuse = |why: Words| {
        let (why_en, why_da) = (&why.en, why.get(crate::diagnostic::Lang::Da));
        Err(Diagnostic::error(crate::words!(
            "pejl will not write the site to {output}: {why_en}",
            "pejl vil ikke skrive sitet i {output}: {why_da}"
        ))
        .with_help(Words::new(
            "choose a folder of its own for the site, such as `public` in the project folder",
            "vælg en mappe kun til sitet, fx `public` i projektets mappe",
        )))
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
    for (what, what_da, folder) in [
        ("content", "indholdsmappen", &content),
        ("theme", "temamappen", &themes),
    ] {
        if folder.starts_with(&out) || out.starts_with(folder) {
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
/// On any failure the previous output is left exactly as it was.
pub fn write_site(
    paths: &Paths,
    files: &[OutputFile],
    statics: &[StaticFile],
) -> Result<(), Diagnostic> {
    Staging::begin(paths)?.finish(files, statics)
}

/// A build's staging folder next to the output: pages are written into it as
/// they are rendered (from many threads), and [`Staging::finish`] swaps it in
/// place of the output. Dropped without `finish`, it is deleted and the
/// previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// Folders already made, so each is created once (one syscall per file).
    /// Kept as plain strings: hashing a `Path` walks its components.
    made: std::sync::Mutex<std::collections::HashSet<std::ffi::OsString>>,
    done: bool,
}

impl Staging {
    /// Check the output folder, tidy up after an interrupted build and make
    /// an empty staging folder.
    pub fn begin(paths: &Paths) -> Result<Staging, Diagnostic> {
        check_output_folder(paths)?;
        let output = paths.output.clone();
        let staging = sibling(&output, "staging");
        let old = sibling(&output, "old");
        recover(&output, &staging, &old)?;
        let stage = Staging {
            output,
            staging,
            old,
            made: std::sync::Mutex::default(),
            done: false,
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
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging.join(rel);
        self.ensure_parent(&path)?;
        fs::write(&path, bytes)
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

    /// Write the remaining files and the static files (in parallel), then
    /// swap the staging folder in place of the output.
    pub fn finish(
        mut self,
        files: &[OutputFile],
        statics: &[StaticFile],
    ) -> Result<(), Diagnostic> {
        use rayon::prelude::*;
        let written = files
            .par_iter()
            .try_for_each(|f| self.write(&f.path, &f.bytes))
            .and_then(|()| {
                statics.par_iter().try_for_each(|s| {
                    let path = self.staging.join(&s.rel);
                    self.ensure_parent(&path)?;
                    fs::copy(&s.path, &path).map(|_| ())
                })
            });
        if let Err(e) = written {
            return Err(write_failed("write the site", "skrive sitet", &e));
        }
        swap(&self.staging, &self.output, &self.old).map_err(|e| {
            write_failed(
                "replace the previous site",
                "erstatte det tidligere site",
                &e,
            )
        })?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_ours(&self.staging);
        }
    }
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

fn swap(staging: &Path, output: &Path, old: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output)? {
        return remove_ours(staging);
    }
    fs::rename(output, old)?;
    if let Err(e) = fs::rename(staging, output) {
        fs::rename(old, output)?;
        return Err(e);
    }
    remove_ours(old)
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
fn recover(output: &Path, staging: &Path, old: &Path) -> Result<(), Diagnostic> {
    if !output.exists() && old.join(MARKER).is_file() {
        fs::rename(old, output).map_err(|e| leftover_problem(old, &e))?;
    }
    for leftover in [staging, old] {
        if !leftover.exists() {
            continue;
        }
        let ours = leftover.join(MARKER).is_file()
            || fs::read_dir(leftover).is_ok_and(|mut d| d.next().is_none());
        if !ours {
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
        remove_ours(leftover).map_err(|e| leftover_problem(leftover, &e))?;
    }
    Ok(())
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
