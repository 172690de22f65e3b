//! Input that once cost quadratic time, fooled the terminal or overflowed:
//! each gives a clear message or builds in time linear in its size. The
//! large inputs assert no timings; the test harness's time is the guard.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::fmt::Write as _;

use common::Site;

const INITIATIVE: &str = "content/initiativer/bostoette.md";

/// The fixture's one follow-up of "Etablering af bostøtteteam", replaced by `n`
/// of 2020 without an outcome (the tests' today is 1 January 2025).
fn overdue_follow_ups(site: &Site, n: usize) {
    let mut list = String::from("follow_ups:\n");
    for i in 0..n {
        let _ = write!(
            list,
            "  - date: 1. kvartal 2020\n    forum: SSU\n    text: Opfølgning {i}\n"
        );
    }
    site.edit(
        INITIATIVE,
        "follow_ups:\n  - date: 1. kvartal 2025\n    forum: SSU\n    text: Opfølgning 1. kvartal 2025\n",
        &list,
    );
}

#[test]
fn ten_thousand_overdue_follow_ups_are_reported_in_brief() {
    // `check` runs every check a build does, without the search index,
    // which takes most of a debug build's time with a page this long.
    let site = Site::fixture("linked");
    overdue_follow_ups(&site, 10_000);
    let run = site.pejl(&["check"]);
    run.assert_code(0)
        .assert_stderr("the follow-up \"1. kvartal 2020\" of \"Etablering af bostøtteteam\" has passed, but no outcome is written")
        .assert_stderr(&format!("┌─ {INITIATIVE}:13:11\n"))
        .assert_stderr(&format!(
            "…and 9950 more warnings like this in {INITIATIVE}; only the first 50 are shown\n"
        ))
        .assert_stderr("(0 errors and 10000 warnings)");
    assert_eq!(run.stderr.matches("has passed, but no outcome").count(), 50);
    // The last one shown is the 50th follow-up, on its own line of the file.
    assert!(
        run.stderr.contains(&format!("┌─ {INITIATIVE}:160:11\n")),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
}

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

#[test]
fn escape_sequences_in_content_are_shown_escaped_on_the_terminal() {
    let site = Site::fixture("linked");
    // YAML's "\e" is ESC: clear the screen, home the cursor, print a fake
    // success line, then reverse the text that follows.
    site.edit(
        INITIATIVE,
        "goal: beslutninger",
        "goal: \"x\\e[2J\\e[H\\rBuilt public in 0.10 s\\u202e\\x9b\"",
    );
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("x\\u{1b}[2J\\u{1b}[H\\rBuilt public in 0.10 s\\u{202e}\\u{9b}")
        .assert_stderr("Build failed: 1 error");
    for raw in ['\u{1b}', '\r', '\u{202e}', '\u{9b}'] {
        assert!(!run.stderr.contains(raw), "{raw:?} in {}", run.stderr);
    }

    // A file name with an escape sequence is shown escaped as well.
    let site = Site::fixture("linked");
    let name = "content/initiativer/\u{1b}[2Jny.md";
    site.write(
        name,
        &site
            .read(INITIATIVE)
            .replace("goal: beslutninger", "goal: beslutning"),
    );
    std::fs::remove_file(site.path(INITIATIVE)).unwrap();
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("content/initiativer/\\u{1b}[2Jny.md:4:7");
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}
