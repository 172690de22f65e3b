//! Input that once cost quadratic time, fooled the terminal or overflowed:
//! each gives a clear message or builds in time linear in its size. The
//! large inputs assert no timings; the test harness's time is the guard.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

const INITIATIVE: &str = "content/initiativer/bostoette.md";

#[test]
fn twenty_thousand_equal_headings_get_numbered_anchors() {
    let site = Site::fixture("linked");
    let mut page = site.read(INITIATIVE);
    page.push_str("\n## a-1\n");
    for _ in 0..20_000 {
        page.push_str("\n## a\n");
    }
    site.write(INITIATIVE, &page);
    site.build().assert_ok();
    let html = site.read("public/initiativer/bostoette/index.html");
    let ids: Vec<&str> = html
        .match_indices("<h2 id=\"a")
        .map(|(at, _)| {
            let id = &html[at + 8..];
            &id[..id.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids.len(), 20_001);
    // The heading written `a-1` keeps its anchor; the repeats go around it.
    assert_eq!(&ids[..4], ["a-1", "a", "a-2", "a-3"]);
    assert_eq!(ids[20_000], "a-20000");
}
