//! What the search index a build writes holds, read back from its files as
//! Pagefind's browser script reads them: the entry file names the meta file,
//! and each page's fragment (gzip, Pagefind's marker, JSON) is one page made
//! from content — never an overview or facet page, never a draft. (What a
//! search finds is tested in the browser: tests/browser/search_results.)
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::io::Read;

use common::Site;

/// A file of the index as Pagefind's script reads it.
fn unpacked(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    assert!(out.starts_with(b"pagefind_dcd"), "Pagefind's marker");
    out.split_off(b"pagefind_dcd".len())
}

/// Every fragment of the built site's index, as JSON.
fn fragments(site: &Site) -> Vec<serde_json::Value> {
    let folder = site.path("public/pagefind/fragment");
    std::fs::read_dir(folder)
        .expect("fragments")
        .map(|f| {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            serde_json::from_slice(&unpacked(&bytes)).expect("JSON")
        })
        .collect()
}

#[test]
fn each_page_made_from_content_is_indexed_once_and_no_overview_or_draft() {
    let site = Site::fixture("linked");
    site.write(
        "content/initiativer/hemmelig.md",
        "---\ntitle: Hemmelig kladde\ndraft: true\n---\n\nIntern tekst om blæksprutter.\n",
    );
    site.build().assert_ok();
    let found = fragments(&site);
    let urls: BTreeSet<String> = found
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls.len(), found.len(), "no page twice: {urls:?}");
    // The site's own pages made from content: one per Markdown file that
    // is not a draft.
    let content: usize = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(found.len(), content - 1, "{urls:?}");
    for url in &urls {
        let page = site.path(&format!("public{url}index.html"));
        assert!(page.is_file(), "{url} is a built page");
        for overview in ["/tidslinje/", "/indsatser/", "/soeg/", "/status/"] {
            assert!(!url.contains(overview) || url == overview, "{url}");
        }
    }
    for f in &found {
        let text = f.to_string();
        assert!(!text.contains("blæksprutter") && !text.contains("Hemmelig"));
        assert!(f["meta"]["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(f["word_count"].as_u64().is_some_and(|n| n > 0));
    }
    let entry: serde_json::Value = serde_json::from_slice(
        &site.snapshot("public")[std::path::Path::new("pagefind/pagefind-entry.json")],
    )
    .unwrap();
    let language = &entry["languages"]["da"];
    assert_eq!(language["page_count"], found.len());
    let meta = format!(
        "public/pagefind/pagefind.{}.pf_meta",
        language["hash"].as_str().unwrap()
    );
    assert!(site.path(&meta).is_file(), "{meta}");
    assert_eq!(language["wasm"], "da", "Danish stemming in the browser");
    assert!(site.path("public/pagefind/wasm.da.pagefind").is_file());
}

#[test]
fn a_word_is_indexed_by_its_danish_stem() {
    let site = Site::fixture("linked");
    site.write(
        "content/om.md",
        "---\ntitle: Om\n---\n\nVi taler om blæksprutterne i havnen.\n",
    );
    site.build().assert_ok();
    // The chunk files hold CBOR; each word is a text string in it, and
    // Danish is stemmed ("blæksprutterne" → "blæksprut…").
    let folder = site.path("public/pagefind/index");
    let chunks: Vec<Vec<u8>> = std::fs::read_dir(folder)
        .unwrap()
        .map(|f| unpacked(&std::fs::read(f.unwrap().path()).unwrap()))
        .collect();
    let holds = |word: &str| {
        chunks
            .iter()
            .any(|c| c.windows(word.len()).any(|w| w == word.as_bytes()))
    };
    assert!(holds("blæksprut"), "the stem is indexed");
    assert!(!holds("blæksprutterne"), "the inflected form is not");
}
