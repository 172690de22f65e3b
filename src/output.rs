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
    check_output_folder(paths)?;
    let output = &paths.output;
    let staging = sibling(output, "staging");
    let old = sibling(output, "old");
    let fail = |what: &str, what_da: &str, e: io::Error| {
        Diagnostic::error(crate::words!(
            "could not {what}: {e}",
            "pejl kunne ikke {what_da}: {e}"
        ))
        .with_help(Words::new(
            "the previous site was left as it was; check free disk space and permissions, then build again",
            "det tidligere site er ikke ændret; tjek, at der er plads på disken, og at du har adgang til mappen, og byg så igen",
        ))
    };
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|e| {
                fail(
                    "remove a leftover folder from an interrupted build",
                    "slette en mappe, der var tilbage fra en afbrudt bygning",
                    e,
                )
            })?;
        }
    }
    let written = write_all(&staging, files, statics);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(fail("write the site", "skrive sitet", e));
    }
    swap(&staging, output, &old).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        fail(
            "replace the previous site",
            "erstatte det tidligere site",
            e,
        )
    })
}

fn write_all(staging: &Path, files: &[OutputFile], statics: &[StaticFile]) -> io::Result<()> {
    fs::create_dir_all(staging)?;
    fs::write(
        staging.join(MARKER),
        b"This folder is built by pejl and replaced on every build.\n",
    )?;
    let mut made = std::collections::HashSet::new();
    let mut ensure_dir = |path: &Path| -> io::Result<()> {
        if let Some(dir) = path.parent()
            && made.insert(dir.to_path_buf())
        {
            fs::create_dir_all(dir)?;
        }
        Ok(())
    };
    for f in files {
        let path = staging.join(&f.path);
        ensure_dir(&path)?;
        fs::write(&path, &f.bytes)?;
    }
    for s in statics {
        let path = staging.join(&s.rel);
        ensure_dir(&path)?;
        fs::copy(&s.path, &path)?;
    }
    Ok(())
}

fn swap(staging: &Path, output: &Path, old: &Path) -> io::Result<()> {
    let had_output = output.exists();
    if had_output {
        fs::rename(output, old)?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_output {
            fs::rename(old, output)?;
        }
        return Err(e);
    }
    if had_output {
        fs::remove_dir_all(old)?;
    }
    Ok(())
}
