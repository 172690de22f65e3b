//! Time as the documents write it, on the example portal and on fixtures:
//! the timeline's order and quarters, the calendars, overdue checks, and
//! reproducible builds.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::io::BufReader;
use std::path::Path;

use common::{Run, Site};

/// The example portal, copied, so tests can build it with their own options.
fn example() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    Site { dir }
}

fn built(site: &Site, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = site.pejl(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// The text between the heading that contains `start` and the next heading
/// of the same or a higher level.
fn section<'a>(html: &'a str, level: u8, start: &str) -> &'a str {
    let open = format!("<h{level}");
    let at = html
        .match_indices(&open)
        .map(|(i, _)| i)
        .find(|&i| html[i..].split("</h").next().unwrap_or("").contains(start))
        .unwrap_or_else(|| panic!("no <h{level}> with {start:?}"));
    let rest = &html[at + open.len()..];
    let end = (1..=level)
        .filter_map(|l| rest.find(&format!("<h{l}")))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_process_plan_is_in_date_order_even_where_the_source_is_not() {
    let site = example();
    built(&site, &["--now", "2025-06-01"]);
    let html = site.read("public/tidslinje/index.html");
    // The kommissorium lists 14 September (step 3) before 7 September (step 4).
    let seventh = html.find("7. september 2023").expect("7 September");
    let fourteenth = html.find("14. september 2023").expect("14 September");
    assert!(
        seventh < fourteenth,
        "7 September comes first on the timeline"
    );
    // Every step of the plan is there, with its fuzzy and ranged dates.
    for date in [
        "17. august 2023",
        "4.-27. oktober 2023",
        "4. oktober-6. november 2023",
        "Medio januar 2024",
        "Medio marts 2024",
    ] {
        assert!(
            html.to_lowercase().contains(&date.to_lowercase()),
            "{date} is on the timeline"
        );
    }
}

#[test]
fn the_2025_follow_ups_sit_in_their_quarters() {
    let site = example();
    built(&site, &["--now", "2025-06-01"]);
    let html = site.read("public/tidslinje/index.html");
    let year = section(&html, 2, "2025");
    let q1 = section(year, 3, "1. kvartal");
    assert!(q1.contains("6. februar 2025"), "{q1}");
    assert!(!q1.contains("2. kvartal 2025"));
    let q2 = section(year, 3, "2. kvartal");
    assert!(q2.contains("2. kvartal 2025"), "{q2}");
    // Today's marker sits in the quarter of today.
    assert!(q2.contains("aria-current=\"date\""), "{q2}");
    assert!(q2.contains("1. juni 2025"));
}

#[test]
fn a_week_and_a_season_are_on_the_timeline_as_written() {
    let site = Site::fixture("linked");
    site.edit(
        "content/initiativer/din-indgang.md",
        "    forum: SSU\n",
        "    forum: SSU\n  - date: uge 12 2025\n    forum: Byrådet\n",
    );
    site.write(
        "content/tidsplan/efteraar.md",
        "---\ntitle: Evaluering af strategien\nkind: milestone\ndate: efterår 2025\n---\n",
    );
    built(&site, &["--now", "2025-06-01"]);
    let html = site.read("public/tidslinje/index.html");
    let year = section(&html, 2, "2025");
    // Week 12 (17-23 March) is in the first quarter; autumn (September to
    // November) spans two quarters, so it is under the whole year.
    let q1 = section(year, 3, "1. kvartal");
    assert!(q1.contains("uge 12 2025"), "{q1}");
    assert!(q1.contains("datetime=\"2025-W12\""), "{q1}");
    let whole = section(year, 3, "Hele året");
    assert!(whole.contains("efterår 2025"), "{whole}");
    assert!(whole.contains("Evaluering af strategien"), "{whole}");
}

#[test]
fn the_vaerdighedsmilliarden_periods_are_on_the_timeline() {
    let site = example();
    built(&site, &["--now", "2025-06-01"]);
    let html = site.read("public/tidslinje/index.html");
    let y2016 = section(&html, 2, "2016");
    assert!(y2016.contains("2016–2019") && y2016.contains("Midler fra Værdighedsmilliarden"));
    let y2020 = section(&html, 2, "2020");
    assert!(y2020.contains("Midlerne overgår til bloktilskud"));
    assert!(
        y2020.contains("kr. 500.000"),
        "the yearly amounts from 2020"
    );
}

#[test]
fn strategies_and_focus_areas_have_their_own_timelines() {
    let site = example();
    built(&site, &["--now", "2025-06-01"]);
    let strategy = site.read("public/strategier/socialstrategi/index.html");
    let timeline = section(&strategy, 2, "Tidslinje");
    assert!(timeline.contains("kalender.ics"), "links its calendar");
    assert!(timeline.contains("Indsatser over tid"), "has a Gantt view");
    assert!(timeline.contains("<caption>"), "as a table");
    let focus = site.read("public/fokusomraader/sammenhaeng-paa-tvaers/index.html");
    assert!(section(&focus, 2, "Tidslinje").contains("<time"));
    // An initiative lists its own follow-ups once, under their heading, not
    // again on a timeline of its own (its start and end are in its facts).
    let initiative = site.read("public/initiativer/din-indgang/index.html");
    let own = section(&initiative, 2, "Opfølgning");
    assert!(own.contains("6. februar 2025"));
    assert!(!initiative.contains("<h2>Tidslinje</h2>"));
}

fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    let parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendars: Vec<_> = parser.collect::<Result<_, _>>().expect("a valid calendar");
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

#[test]
fn calendars_hold_one_event_per_follow_up_and_milestone() {
    let site = example();
    built(
        &site,
        &[
            "--now",
            "2025-06-01",
            "--base-url",
            "https://strategi.example.dk/",
        ],
    );
    let ics = site.read("public/kalender.ics");
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    let found = events(&ics);
    let (pages, follow_ups) = count_dated(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(found.len(), pages + follow_ups, "one event each");
    let get = |e: &[(String, String)], k: &str| {
        e.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{k} missing in {e:?}"))
    };
    let mut uids = std::collections::HashSet::new();
    for e in &found {
        assert!(uids.insert(get(e, "UID")), "UIDs are unique");
        let (start, end) = (get(e, "DTSTART"), get(e, "DTEND"));
        assert!(start.len() == 8 && end.len() == 8, "all-day dates");
        assert!(end > start, "DTEND after DTSTART");
        assert!(get(e, "URL").starts_with("https://strategi.example.dk/"));
    }
    // The range "4.-27. oktober 2023" is one multi-day event.
    assert!(
        found
            .iter()
            .any(|e| get(e, "DTSTART") == "20231004" && get(e, "DTEND") == "20231028")
    );
    // The same UIDs on the next build: subscribers see updates, not duplicates.
    built(
        &site,
        &[
            "--now",
            "2025-07-01",
            "--base-url",
            "https://strategi.example.dk/",
        ],
    );
    let again: std::collections::HashSet<String> = events(&site.read("public/kalender.ics"))
        .iter()
        .map(|e| get(e, "UID"))
        .collect();
    assert_eq!(again, uids);
    // One calendar per strategy, with that strategy's events.
    let social = events(&site.read("public/strategier/socialstrategi/kalender.ics"));
    assert!(!social.is_empty() && social.len() < uids.len());
}

/// Milestones and follow-ups in the example portal's files, counted by hand.
fn count_dated(repo: &Path) -> (usize, usize) {
    let mut milestones = 0;
    let mut follow_ups = 0;
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let front = text.split("---").nth(1).unwrap_or("");
        if front.lines().any(|l| l.trim() == "kind: milestone") {
            milestones += 1;
        }
        if front.contains("follow_ups:") {
            follow_ups += front
                .lines()
                .filter(|l| l.trim_start().starts_with("- date:"))
                .count();
        }
    }
    (milestones, follow_ups)
}

#[test]
fn a_passed_follow_up_without_an_outcome_is_a_warning_and_strict_makes_it_an_error() {
    let site = Site::fixture("linked");
    // The fixture's follow-up "den 6. februar 2025" has no outcome.
    let run = site.pejl(&["check", "--now", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/initiativer/din-indgang.md:7:11"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("has passed, but no outcome is written"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("add `outcome:`"));
    // Before the date: nothing to say.
    let early = site.pejl(&["check", "--now", "2025-01-15"]);
    assert!(!early.stderr.contains("no outcome"), "{}", early.stderr);
    // With an outcome: nothing to say.
    site.edit(
        "content/initiativer/din-indgang.md",
        "    forum: SSU",
        "    forum: SSU\n    outcome: Taget til efterretning",
    );
    let done = site.pejl(&["check", "--now", "2025-03-01"]);
    assert!(!done.stderr.contains("no outcome"), "{}", done.stderr);
    // Strict: the same finding fails the build.
    site.edit(
        "content/initiativer/din-indgang.md",
        "    outcome: Taget til efterretning\n",
        "",
    );
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}checks:\n  strict: true\n"));
    let strict = site.pejl(&["check", "--now", "2025-03-01"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("error: the follow-up"),
        "{}",
        strict.stderr
    );
    assert!(strict.stderr.contains("`checks.strict`"));
}

#[test]
fn an_old_status_date_is_a_warning() {
    let site = Site::fixture("linked");
    site.edit(
        "content/initiativer/din-indgang.md",
        "status: planned",
        "status: planned\nstatus_date: \"1. marts 2023\"",
    );
    let run = site.pejl(&["check", "--now", "2025-01-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("was last confirmed 1. marts 2023, more than 12 months ago"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/initiativer/din-indgang.md:6:14"),
        "{}",
        run.stderr
    );
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}checks:\n  status_max_age_months: 36\n"),
    );
    let run = site.pejl(&["check", "--now", "2025-01-15"]);
    assert!(!run.stderr.contains("last confirmed"), "{}", run.stderr);
}

#[test]
fn the_same_source_date_epoch_gives_the_same_site() {
    let site = example();
    let build = |epoch: &str, out: &str| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
            .args(["build", "--output", out])
            .env("SOURCE_DATE_EPOCH", epoch)
            .current_dir(site.root())
            .output()
            .unwrap();
        assert!(run.status.success());
        site.snapshot(out)
    };
    let a = build("1748736000", "one");
    let b = build("1748736000", "two");
    assert!(!a.is_empty());
    assert_eq!(a, b, "byte-identical trees");
    let later = build("1767225600", "three");
    assert_ne!(a, later, "another day, another 'today'");
}

#[test]
fn a_bad_now_or_source_date_epoch_is_a_usage_error() {
    let site = Site::fixture("linked");
    let run = site.pejl(&["build", "--now", "13. marts 2025"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--now wants a date like 2025-03-13"),
        "{}",
        run.stderr
    );
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
        .args(["build"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn what_primo_medio_and_ultimo_cover_is_a_setting() {
    let site = Site::fixture("linked");
    // "Medio marts 2024" is 11–20 March by default; here 10–25.
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}periods:\n  medio_days: [10, 25]\n"),
    );
    built(
        &site,
        &["--now", "2025-01-01", "--base-url", "https://x.dk/"],
    );
    let ics = site.read("public/kalender.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:20240310"), "{ics}");
    assert!(ics.contains("DTEND;VALUE=DATE:20240326"), "{ics}");
    site.write(
        "pejl.yaml",
        &format!("{config}periods:\n  medio_days: [25, 10]\n"),
    );
    let run = site.pejl(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`periods.medio_days` must be two days"),
        "{}",
        run.stderr
    );
}
