//! The shape of the code, held as a test so it stays as ARCHITECTURE.md
//! draws it: no two modules of `src/` import each other (directly or round a
//! circle), and no function outside tests is longer than 80 lines.
//!
//! Both are read from the source text: a module's imports are its
//! `crate::<module>` paths (test modules left out), a function's length the
//! lines from its `fn` to its closing brace at the same indentation.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LONGEST: usize = 80;

/// Every `.rs` file under `src/`, with its text up to its test module.
fn sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("inside").to_path_buf();
        let name = rel.to_string_lossy();
        if name.ends_with("tests.rs") || name.contains("/tests/") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read");
        let text = match text.find("#[cfg(test)]\nmod ") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        out.push((rel, text));
    }
    out
}

/// The module a file belongs to, at `depth` 1 (`render` for
/// `render/pages/map.rs`) or 2 (`render::pages`).
fn module_of(rel: &Path, depth: usize) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .filter(|p| p != "mod")
        .collect();
    parts[..parts.len().min(depth)].join("::")
}

/// The modules (at `depth`) each module's code names as `crate::<path>`.
fn imports(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let files = sources();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|(rel, _)| module_of(rel, depth))
        .filter(|m| m != "main" && m != "lib")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (rel, text) in &files {
        let module = module_of(rel, depth);
        let Some(uses) = graph.get_mut(&module) else {
            continue;
        };
        let mut rest = text.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let path: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            // The longest known module the path names.
            let named = (1..=parts.len().min(depth))
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(m) = named
                && m != module
            {
                uses.insert(m);
            }
        }
    }
    graph
}

/// A circle of imports through `start`, if there is one.
fn circle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    let last = path.last().expect("a path").clone();
    for next in &graph[&last] {
        if next == start {
            let mut circle = path.clone();
            circle.push(start.to_string());
            return Some(circle);
        }
        if !path.contains(next) && next.as_str() > start {
            path.push(next.clone());
            if let Some(c) = circle_from(graph, start, path) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn no_two_modules_import_each_other() {
    for depth in [1, 2] {
        let graph = imports(depth);
        assert!(graph.len() > 8, "modules found: {:?}", graph.keys());
        assert!(!graph["pipeline"].is_empty(), "imports are read");
        let circles: Vec<String> = graph
            .keys()
            .filter_map(|m| circle_from(&graph, m, &mut vec![m.clone()]))
            .map(|c| c.join(" → "))
            .collect();
        assert!(
            circles.is_empty(),
            "import circles:\n{}",
            circles.join("\n")
        );
    }
}

/// (file, function, lines) of every function longer than [`LONGEST`].
fn long_functions() -> Vec<(PathBuf, String, usize)> {
    let mut found = Vec::new();
    for (rel, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn {
                i += 1;
                continue;
            }
            let name: String = trimmed
                .split("fn ")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // The line that opens the body, then the brace that closes it.
            let Some(open) = (i..lines.len()).find(|&k| {
                let l = lines[k].trim_end();
                l.ends_with('{') || l.ends_with(';')
            }) else {
                break;
            };
            if lines[open].trim_end().ends_with(';') {
                i = open + 1;
                continue;
            }
            let close = (open + 1..lines.len())
                .find(|&k| lines[k].trim_end() == format!("{}}}", " ".repeat(indent)))
                .unwrap_or(lines.len() - 1);
            let length = close - i + 1;
            if length > LONGEST {
                found.push((rel.clone(), name, length));
            }
            i = close + 1;
        }
    }
    found
}

#[test]
fn no_function_is_longer_than_eighty_lines() {
    let long = long_functions();
    let list: Vec<String> = long
        .iter()
        .map(|(file, name, n)| format!("src/{}: {name} ({n} lines)", file.display()))
        .collect();
    assert!(list.is_empty(), "split these:\n{}", list.join("\n"));
}
