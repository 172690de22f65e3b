//! `pejl serve` has a search index: Pagefind's files under `pagefind/`, built
//! in the background after the first build and after each save, so a page
//! added in the preview is searchable there. (What a search finds is tested
//! in the browser: tests/browser/preview_search.test.mjs.)
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/preview.rs"]
mod preview;

use std::time::{Duration, Instant};

use common::Site;
use preview::Preview;

/// How many pages the served index holds, as soon as there is one and
/// `done` accepts the count (or what it held when patience ran out).
fn indexed_pages(p: &Preview, done: impl Fn(u64) -> bool) -> Option<u64> {
    let started = Instant::now();
    let mut last = None;
    while started.elapsed() < Duration::from_secs(30) {
        let entry = p.get("/pagefind/pagefind-entry.json");
        if entry.status == 200 {
            let json: serde_json::Value = serde_json::from_slice(&entry.body).unwrap();
            last = json["languages"]["da"]["page_count"].as_u64();
            if last.is_some_and(&done) {
                return last;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    last
}

#[test]
fn the_preview_serves_a_search_index_that_follows_saves() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    p.assert_equals_clean_build(&site);
    let pages = preview::clean_build(&site)
        .keys()
        .filter(|k| k.ends_with("index.html"))
        .count() as u64;
    // Every page made from content is indexed; the overviews are not.
    let indexed = indexed_pages(&p, |_| true).expect("an index is served");
    assert!(
        indexed > 0 && indexed < pages,
        "{indexed} of {pages} pages indexed"
    );
    assert_eq!(p.get("/pagefind/pagefind.js").status, 200);
    // A new page is in the next index.
    site.write(
        "content/ny-side.md",
        "---\ntitle: Ny side\n---\n\nEn helt ny side om blæksprutter.\n",
    );
    assert_eq!(p.next_build()["ok"], true);
    let after = indexed_pages(&p, |n| n == indexed + 1);
    assert_eq!(after, Some(indexed + 1));
}

#[test]
fn a_site_without_search_has_no_index_in_the_preview() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}search: false\n"));
    let p = Preview::start(&site, &[]);
    p.assert_equals_clean_build(&site);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(p.get("/pagefind/pagefind.js").status, 404);
}
