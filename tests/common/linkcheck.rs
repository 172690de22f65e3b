//! A small link checker for built sites, as a browser opening files would follow them:
//! every `href`/`src` resolved against the page's own folder, on the file system,
//! with anchors checked against the target page's `id`s.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn decode(s: &str) -> String {
    let s = s
        .replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/");
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Broken internal links of the site in `root`, as "page: link" lines.
pub fn broken_links(root: &Path) -> Vec<String> {
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut ids: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    for p in &pages {
        let html = std::fs::read_to_string(p).expect("read page");
        ids.insert(
            p.clone(),
            attr_values(&html, "id")
                .into_iter()
                .map(str::to_string)
                .collect(),
        );
    }
    let mut broken = Vec::new();
    for p in &pages {
        let html = std::fs::read_to_string(p).expect("read page");
        let links = attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"));
        for link in links {
            let link = decode(link);
            let lower = link.to_ascii_lowercase();
            if ["http://", "https://", "mailto:", "tel:", "//"]
                .iter()
                .any(|s| lower.starts_with(s))
            {
                continue;
            }
            let (path, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(a, b)| (a, Some(b)));
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                p.clone()
            } else if let Some(from_root) = path.strip_prefix('/') {
                // (The 404 page links from the site's root: these sites live there.)
                root.join(from_root)
            } else {
                p.parent().expect("folder").join(path)
            };
            let target = normalise(&target);
            if !target.starts_with(root) || !target.is_file() {
                broken.push(format!(
                    "{}: {link}",
                    p.strip_prefix(root).unwrap_or(p).display()
                ));
                continue;
            }
            if let Some(a) = anchor.filter(|a| !a.is_empty())
                && !ids.get(&target).is_some_and(|set| set.contains(a))
            {
                broken.push(format!(
                    "{}: {link} (no id \"{a}\")",
                    p.strip_prefix(root).unwrap_or(p).display()
                ));
            }
        }
    }
    broken
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
