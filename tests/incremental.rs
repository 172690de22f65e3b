//! The preview's incremental rebuild gives byte for byte what a clean build
//! gives, after every kind of change, on the whole example portal.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pejl::pipeline::{self, Options};
use pejl::serve::session::Session;

fn example() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    dir
}

fn options(root: &Path) -> Options {
    let mut o = Options::new(root);
    o.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    o
}

/// A clean build, as the files a preview would serve.
fn clean(root: &Path) -> BTreeMap<String, Arc<[u8]>> {
    let (built, report) = pipeline::check(&options(root));
    assert!(!report.has_errors(), "{report:?}");
    let built = built.unwrap();
    let mut files: BTreeMap<String, Arc<[u8]>> =
        built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    for s in built.statics {
        files
            .entry(s.rel)
            .or_insert_with(|| Arc::from(std::fs::read(s.path).unwrap()));
    }
    files
}

fn step(session: &mut Session, root: &Path, touched: &[PathBuf], what: &str) -> usize {
    let touched: HashSet<PathBuf> = touched.iter().cloned().collect();
    let outcome = session.rebuild(&touched);
    assert!(!outcome.report.has_errors(), "{what}: {:?}", outcome.report);
    let served = outcome.files.expect("built");
    let mut expected = clean(root);
    // The preview's browser editor saves to disk, a published one to the
    // repository: their admin/ differs by design and is tested in tests/cms.rs.
    expected.retain(|k, _| !k.starts_with("admin/"));
    let differ: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| served.get(*k).is_none_or(|s| s[..] != v[..]))
        .map(|(k, _)| k)
        .chain(
            served
                .keys()
                .filter(|k| !expected.contains_key(*k) && !k.starts_with("admin/")),
        )
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: differs from a clean build: {differ:?}"
    );
    outcome.rendered
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_rebuild_equals_a_clean_build() {
    let dir = example();
    let root = dir.path();
    let c = |rel: &str| root.join("content").join(rel);
    let mut session = Session::new(options(root));
    let all = step(&mut session, root, &[], "first build");
    assert!(all > 70, "{all}");

    // Nothing changed: nothing is rendered again.
    assert_eq!(step(&mut session, root, &[], "no change"), 0);

    // A body edit re-renders the page only.
    let goal = c("maal/borgere-traeffer-beslutninger.md");
    std::fs::write(
        &goal,
        std::fs::read_to_string(&goal).unwrap() + "\nEn ny sætning.\n",
    )
    .unwrap();
    let n = step(&mut session, root, std::slice::from_ref(&goal), "body edit");
    assert!((1..5).contains(&n), "a body edit re-rendered {n} pages");

    // A title edit reaches every page that lists or links to the goal.
    edit(&goal, "title: \"Borgere", "title: \"Alle borgere");
    let n = step(
        &mut session,
        root,
        std::slice::from_ref(&goal),
        "title edit",
    );
    assert!(
        n > 1 && n < all,
        "a title edit re-rendered {n} of {all} pages"
    );

    // A status change of an initiative.
    let initiative = c("initiativer/din-indgang.md");
    edit(
        &initiative,
        "committee: SSU",
        "committee: SSU\nstatus: paused",
    );
    step(
        &mut session,
        root,
        std::slice::from_ref(&initiative),
        "status edit",
    );

    // A new page that names a goal, then its rename, then its deletion.
    let new = c("initiativer/ny-indsats.md");
    std::fs::write(
        &new,
        "---\ntitle: En ny indsats\nkind: initiative\ngoal: borgere-traeffer-beslutninger\nstatus: planned\n---\n\nSe [Din Indgang](din-indgang.md).\n",
    )
    .unwrap();
    step(&mut session, root, std::slice::from_ref(&new), "new page");
    let renamed = c("initiativer/omdoebt-indsats.md");
    std::fs::rename(&new, &renamed).unwrap();
    step(
        &mut session,
        root,
        &[new.clone(), renamed.clone()],
        "rename",
    );
    std::fs::remove_file(&renamed).unwrap();
    step(&mut session, root, std::slice::from_ref(&renamed), "delete");

    // A static file, a site template override, and the configuration.
    std::fs::write(
        c("billede.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    step(&mut session, root, &[c("billede.svg")], "static file");
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let goal_template = include_str!("../themes/default/templates/goal.html");
    std::fs::write(
        templates.join("goal.html"),
        goal_template.replacen("{% block", "{# a local change #}{% block", 1),
    )
    .unwrap();
    let n = step(
        &mut session,
        root,
        &[templates.join("goal.html")],
        "template",
    );
    assert!(
        n < all,
        "a goal template change re-rendered {n} of {all} pages"
    );
    edit(&root.join("pejl.yaml"), "title:", "title: Ny");
    let n = step(&mut session, root, &[root.join("pejl.yaml")], "config");
    assert!(
        n >= all - 2,
        "a title change re-rendered only {n} of {all} pages"
    );
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_recovers() {
    let dir = example();
    let root = dir.path();
    let mut session = Session::new(options(root));
    step(&mut session, root, &[], "first build");
    let goal = root.join("content/maal/borgere-traeffer-beslutninger.md");
    edit(&goal, "title:", "titel:");
    let broken = session.rebuild(&HashSet::from([goal.clone()]));
    assert!(broken.report.has_errors());
    assert!(broken.files.is_none());
    assert!(session.last_good().is_some());
    edit(&goal, "titel:", "title:");
    step(&mut session, root, &[goal], "fixed");
}
