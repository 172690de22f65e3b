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

/// The fixture's one budget line, with `amount` written as given.
fn amount(site: &Site, written: &str) {
    site.edit(INITIATIVE, "amount: 500000", &format!("amount: {written}"));
}

#[test]
fn an_amount_past_a_million_billion_kroner_is_an_error_at_its_line() {
    for written in ["9223372036854775807", "-9223372036854775808", "1e20"] {
        let site = Site::fixture("linked");
        amount(&site, written);
        let shown = if written == "1e20" {
            "100000000000000000000"
        } else {
            written
        };
        site.build()
            .assert_code(1)
            .assert_stderr(&format!(
                "error: `amount` is {shown}, outside what pejl accepts: an amount must lie between -1,000,000,000,000,000 and 1,000,000,000,000,000 kroner"
            ))
            .assert_stderr(&format!("┌─ {INITIATIVE}:17:13\n"))
            .assert_stderr("help: write the amount in whole kroner without dots, like `amount: 500000`")
            .assert_stderr("Build failed: 1 error");
        site.pejl_in("da", &["build"]).assert_code(1).assert_stderr(&format!(
            "fejl: feltet `amount` er {shown}, uden for det, pejl kan tage: et beløb skal ligge mellem -1.000.000.000.000.000 og 1.000.000.000.000.000 kroner"
        ));
    }
}

#[test]
fn a_number_past_64_bits_is_said_plainly_not_as_a_rust_type() {
    let site = Site::fixture("linked");
    amount(&site, "99999999999999999999");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr(
            "error: `budget[0].amount` is 99999999999999999999, a number too large to read",
        )
        .assert_stderr(&format!("┌─ {INITIATIVE}:17:13\n"))
        .assert_stderr(
            "help: write a smaller number; an amount in kroner can be at most 1000000000000000",
        );
    assert!(!run.stderr.contains("128"), "{}", run.stderr);
    site.pejl_in("da", &["build"]).assert_code(1).assert_stderr(
        "fejl: feltet `budget[0].amount` er 99999999999999999999, et tal, der er for stort til at læse",
    );
}

#[test]
fn totals_past_the_range_of_64_bits_are_added_up_right() {
    // 9 300 lines of the largest amount: 9.3 x 10^18 kroner, past i64::MAX
    // (9.22 x 10^18), which once came out negative (and panics in a debug build).
    let site = Site::fixture("linked");
    let mut lines = String::from("budget:\n");
    for _ in 0..9_300 {
        lines.push_str("  - amount: 1000000000000000\n");
    }
    site.edit(
        INITIATIVE,
        "budget:\n  - amount: 500000\n    period: 2020 og frem\n    source: Notat 23. maj 2019\n",
        &lines,
    );
    site.build().assert_ok();
    let total = "kr. 9.300.000.000.000.000.000";
    let overview = site.read("public/oekonomi/index.html");
    assert!(
        overview.contains(&format!("I alt: <strong>{total}</strong>")),
        "{overview}"
    );
    let page = site.read("public/initiativer/bostoette/index.html");
    assert!(page.contains(&format!("data-label=\"Beløb\">{total}</td>")));
    assert!(
        site.read("public/data/initiatives.json")
            .contains("\"budget_total\": 9300000000000000000")
    );
    assert!(
        site.read("public/data/initiatives.csv")
            .contains(",9300000000000000000\r\n")
    );
}

#[test]
fn a_date_in_the_year_9999_is_an_error_at_its_year() {
    let site = Site::fixture("linked");
    site.edit(
        INITIATIVE,
        "date: 1. kvartal 2025",
        "date: 31. december 9999",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("error: `date`: the year 9999 in \"31. december 9999\" is outside the years pejl accepts, 1900 to 2200")
        .assert_stderr(&format!("┌─ {INITIATIVE}:13:24\n"))
        .assert_stderr("help: check the year; for something with no end date, write e.g. \"2025 og frem\" instead of a year far ahead");
    site.pejl_in("da", &["build"]).assert_code(1).assert_stderr(
        "fejl: feltet `date`: året 9999 i \"31. december 9999\" ligger uden for de år, pejl kan tage, 1900 til 2200",
    );
    // Nothing was written, so no calendar holds a year of five digits.
    assert!(!site.path("public").exists());

    // A year inside the range goes in the calendar as usual.
    let site = Site::fixture("linked");
    site.edit(
        INITIATIVE,
        "date: 1. kvartal 2025",
        "date: 31. december 2200",
    );
    site.build().assert_ok();
    let ics = site.read("public/kalender.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:22001231\r\n"), "{ics}");
    assert!(ics.contains("DTEND;VALUE=DATE:22010101\r\n"), "{ics}");
}
