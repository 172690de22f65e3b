//! Shared helpers for the integration tests: copy a fixture site, run `pejl`, read output.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// "Today" for every pejl the tests run: 1 January 2025, so upcoming and
/// overdue follow-ups do not change with the calendar.
pub const SOURCE_DATE_EPOCH: &str = "1735689600";

/// A synthetic portal of about `pages` pages made by `benches/portal.py`
/// (the benchmarks' generator), in `<dir>/site`.
pub fn synthetic_portal(pages: usize) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/portal.py"))
        .arg(pages.to_string())
        .arg(&site)
        .output()
        .expect("python3 runs benches/portal.py");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    dir
}

/// A copy of a fixture site in a temporary folder.
pub struct Site {
    pub dir: TempDir,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&src, dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Replace `from` by `to` in a file; the text must occur.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn pejl(&self, args: &[&str]) -> Run {
        // Messages in English, whatever the fixture's language: the needles below are English.
        self.pejl_in("en", args)
    }

    /// Run pejl with its messages in `lang` (`"da"` or `"en"`).
    pub fn pejl_in(&self, lang: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_pejl"))
            .env("PEJL_MESSAGES", lang)
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run pejl");
        Run::from(out)
    }

    pub fn build(&self) -> Run {
        self.pejl(&["build"])
    }

    /// Every file of the output folder with its bytes.
    pub fn snapshot(&self, folder: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let base = self.path(folder);
        walkdir::WalkDir::new(&base)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&base).expect("inside").to_path_buf();
                (rel, std::fs::read(e.path()).expect("read"))
            })
            .collect()
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "pejl failed:\n{}", self.stderr);
        self
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "expected exit {code}:\n{}", self.stderr);
        self
    }

    pub fn assert_stderr(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for e in walkdir::WalkDir::new(src).into_iter().flatten() {
        let rel = e.path().strip_prefix(src).expect("inside");
        let to = dst.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// The text of `<main>` of an HTML page, to assert on what the reader sees.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |e| e + 7);
    &html[start..end]
}

/// The part of `html` from `heading` to the next heading of any level.
pub fn section_after<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in page"));
    let rest = &html[start + heading.len()..];
    // The next heading, or the strategy map that closes a page.
    let end = ["<h2", "<details class=\"map-small\""]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The text of an HTML fragment, tags removed (each as a space) and white
/// space folded: what a reader sees, to assert on.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
