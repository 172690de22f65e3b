//! A build killed at any moment (SIGKILL) never leaves a half-written site:
//! the output is always the whole previous site or the whole new one, and
//! the next build leaves no staging folder behind.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many pages the portal has: enough that writing takes a while.
const PAGES: usize = 1500;
const KILLS: usize = 24;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn portal(root: &Path) {
    write(
        root,
        "content/_index.md",
        "---\ntitle: Forside\n---\n\nVelkommen.\n",
    );
    write(root, "content/sider/_index.md", "---\ntitle: Sider\n---\n");
    let body = "Kommunen arbejder med **forebyggelse** og [sammenhæng](../_index.md).\n\n\
                | år | beløb |\n| --- | --- |\n| 2025 | 500.000 |\n\n- et punkt\n- et andet punkt\n";
    for n in 0..PAGES {
        write(
            root,
            &format!("content/sider/side-{n}.md"),
            &format!(
                "---\ntitle: Side {n}\nsummary: En side om emne {n}.\n---\n\n{}",
                body.repeat(8)
            ),
        );
    }
}

fn config(root: &Path, version: usize) {
    write(
        root,
        "pejl.yaml",
        &format!(
            "title: \"Portal version {version}\"\nsearch: false\naccessibility_statement: https://www.was.digst.dk/x\n"
        ),
    );
}

fn pejl(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pejl"));
    c.env("PEJL_MESSAGES", "en")
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .arg("build")
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Every file of the output with a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, blake3::Hash> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, blake3::hash(&std::fs::read(e.path()).unwrap()))
        })
        .collect()
}

/// The output is a whole site of this version: the same files as a whole
/// site, and every page says the version.
fn is_whole_site(out: &Path, files: &BTreeMap<PathBuf, blake3::Hash>, version: usize) -> bool {
    let now = tree(out);
    now.keys().eq(files.keys())
        && now
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .all(|p| {
                let html = std::fs::read_to_string(out.join(p)).unwrap();
                html.contains(&format!("Portal version {version}"))
                    && html.trim_end().ends_with("</html>")
            })
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn a_build_killed_at_random_moments_leaves_the_previous_site_or_the_new_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    portal(root);
    config(root, 0);
    let started = Instant::now();
    assert!(pejl(root).status().unwrap().success());
    let full = started.elapsed();
    let out = root.join("public");
    let mut files = tree(&out);
    let mut version = 0;
    let mut rng = Lcg(20261123);
    let (mut kept_old, mut got_new) = (0, 0);
    for i in 1..=KILLS {
        let before = tree(&out);
        config(root, i);
        let mut child = pejl(root).spawn().unwrap();
        // Anywhere from the start to a little after a whole build would end.
        let micros = full.as_micros() as u64 * 12 / 10;
        std::thread::sleep(Duration::from_micros(rng.next() % micros.max(1)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let now = tree(&out);
        if now == before {
            kept_old += 1;
        } else {
            assert!(
                is_whole_site(&out, &files, i),
                "kill {i}: the output is neither the previous site nor the whole new one ({status})"
            );
            got_new += 1;
            version = i;
        }
        files = tree(&out);
        assert!(
            is_whole_site(&out, &files, version),
            "kill {i}: not a whole site"
        );
    }
    // The next build finishes and leaves nothing behind.
    config(root, KILLS + 1);
    let last = pejl(root).stderr(Stdio::piped()).output().unwrap();
    assert!(
        last.status.success(),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    assert!(is_whole_site(&out, &files, KILLS + 1));
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".pejl-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    // Both outcomes happened, so the kills really landed inside builds.
    assert!(kept_old > 0, "no kill landed before the swap");
    eprintln!("{KILLS} kills: {kept_old} kept the old site, {got_new} found the new one whole");
}
