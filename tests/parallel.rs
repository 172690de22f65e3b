//! The fast paths change nothing a reader gets: a build on many threads and
//! the preview's incremental rebuilds give, byte for byte, the site a build on
//! one thread gives from the same sources — on both example portals and on a
//! synthetic portal of 400 pages made by `benches/portal.py`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use pejl::pipeline::Options;
use pejl::serve::session::Session;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Build `root` into `out` with `threads` worker threads; every file with its bytes.
fn build(root: &Path, out: &str, threads: usize) -> BTreeMap<PathBuf, Vec<u8>> {
    let output = root.join(out);
    let run = Command::new(env!("CARGO_BIN_EXE_pejl"))
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("PEJL_MESSAGES", "en")
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run pejl");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    walkdir::WalkDir::new(&output)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&output).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn assert_same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let differ: Vec<&PathBuf> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: {} files differ: {differ:?}",
        differ.len()
    );
}

fn portal(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&from.join("content"), &dir.path().join("content"));
    std::fs::copy(from.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    if from.join("static").is_dir() {
        common::copy_dir(&from.join("static"), &dir.path().join("static"));
    }
    dir
}

#[test]
fn many_threads_build_what_one_thread_builds() {
    let repo = Path::new(REPO);
    let ishoej = portal(repo);
    let kalundborg = portal(&repo.join("examples/kalundborg"));
    let synthetic = common::synthetic_portal(400);
    let roots = [
        ("the Ishøj portal", ishoej.path().to_path_buf(), None),
        (
            "the Kalundborg portal",
            kalundborg.path().to_path_buf(),
            None,
        ),
        (
            "a synthetic portal",
            synthetic.path().join("site"),
            Some(400),
        ),
    ];
    for (what, root, pages) in &roots {
        let one = build(root, "one", 1);
        if let Some(n) = pages {
            assert!(one.len() > *n, "{what}: only {} files", one.len());
        }
        for threads in [2, 8] {
            let many = build(root, &format!("many-{threads}"), threads);
            assert_same(&one, &many, &format!("{what}, {threads} threads"));
        }
    }
}

#[test]
fn the_preview_serves_what_a_one_thread_build_writes() {
    let dir = common::synthetic_portal(300);
    let root = dir.path().join("site");
    let mut options = Options::new(&root);
    options.today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    options.fixed_today = true;
    let mut session = Session::new(options);
    let first = session.rebuild(&HashSet::new());
    assert!(!first.report.has_errors(), "{:?}", first.report);

    // Edit one initiative's title and body, as a save in an editor would.
    let folder = root.join("content/initiatives/bolig");
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !p.ends_with("_index.md"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen("title: \"", "title: \"Ændret: ", 1) + "\nEn ny sætning.\n";
    std::fs::write(&file, text).unwrap();
    let outcome = session.rebuild(&HashSet::from([file.clone()]));
    assert!(!outcome.report.has_errors(), "{:?}", outcome.report);
    assert!(
        outcome.rendered >= 1 && outcome.reused > 0,
        "incremental: {} rendered",
        outcome.rendered
    );
    let served: BTreeMap<PathBuf, Vec<u8>> = outcome
        .files
        .expect("built")
        .iter()
        // (the preview adds the browser editor, which a build without `cms:` does not)
        .filter(|(path, _)| !path.starts_with("admin/"))
        .map(|(path, bytes)| (PathBuf::from(path), bytes.to_vec()))
        .collect();

    // The one-thread build writes the search index and its marker too; the
    // preview's index is served apart from its site.
    let written: BTreeMap<PathBuf, Vec<u8>> = build(&root, "one", 1)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("pagefind") && p != Path::new(".pejl-output"))
        .collect();
    let served: BTreeMap<PathBuf, Vec<u8>> = served
        .into_iter()
        .filter(|(p, _)| written.contains_key(p) || !p.starts_with("pagefind"))
        .collect();
    assert_same(&written, &served, "the preview after an edit");

    // A second save that changes only the text: only this page is rendered.
    let text = std::fs::read_to_string(&file).unwrap() + "\nEndnu en sætning.\n";
    std::fs::write(&file, text).unwrap();
    let outcome = session.rebuild(&HashSet::from([file.clone()]));
    assert!(!outcome.report.has_errors(), "{:?}", outcome.report);
    assert_eq!(
        outcome.rendered, 1,
        "a change of text renders its page only"
    );
    assert_eq!(outcome.changed.len(), 1, "{:?}", outcome.changed);
    let served: BTreeMap<PathBuf, Vec<u8>> = outcome
        .files
        .expect("built")
        .iter()
        // (the preview adds the browser editor, which a build without `cms:` does not)
        .filter(|(path, _)| !path.starts_with("admin/"))
        .map(|(path, bytes)| (PathBuf::from(path), bytes.to_vec()))
        .filter(|(p, _)| !p.starts_with("pagefind"))
        .collect();
    let written: BTreeMap<PathBuf, Vec<u8>> = build(&root, "one-again", 1)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("pagefind") && p != Path::new(".pejl-output"))
        .collect();
    assert_same(&written, &served, "the preview after a change of text");
}
