//! What a citizen sees: how far the municipality has come (the summary on
//! the home page, strategies and focus areas), when each page last changed,
//! abbreviations explained, nothing said twice, a 404 page and an icon that work anywhere.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{Run, Site, main_of, text};

/// The progress summary of a page: (label, count) of each status line, and
/// the total it states.
fn summary(html: &str) -> (BTreeMap<String, usize>, String) {
    let start = html
        .find("<section class=\"progress\"")
        .expect("the page has a progress summary");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    let counts_start = section.find("<ul class=\"progress-counts\">").unwrap();
    let counts =
        &section[counts_start..counts_start + section[counts_start..].find("</ul>").unwrap()];
    let mut out = BTreeMap::new();
    for item in counts.split("<li>").skip(1) {
        let t = text(item);
        let (n, label) = t.split_once(' ').unwrap();
        let label = label.trim_start_matches(|c: char| !c.is_alphabetic());
        out.insert(label.to_string(), n.parse().unwrap());
    }
    let total_at = section.find("progress-total").unwrap();
    let total = text(&section[section[..total_at].rfind('<').unwrap()..]);
    (out, total.split(':').next().unwrap().to_string())
}

/// The statuses written in the example portal's initiatives, as the
/// portal's Danish labels, with initiatives without one as "Status ikke oplyst".
fn statuses_in(content: &Path) -> BTreeMap<String, usize> {
    let labels: BTreeMap<&str, &str> = [
        ("planned", "Planlagt"),
        ("running", "I gang"),
        ("continued", "Videreført"),
        ("not_continued", "Ikke videreført"),
        ("completed", "Afsluttet"),
        ("paused", "Sat i bero"),
    ]
    .into_iter()
    .collect();
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(content).into_iter().flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let Some(front) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split("\n---").next())
        else {
            continue;
        };
        if !front.lines().any(|l| l.trim() == "kind: initiative") {
            continue;
        }
        if front.lines().any(|l| l.trim() == "draft: true") {
            continue;
        }
        let status = front
            .lines()
            .find_map(|l| l.strip_prefix("status:"))
            .map(|s| labels[s.trim()])
            .unwrap_or("Status ikke oplyst");
        *out.entry(status.to_string()).or_default() += 1;
    }
    out
}

fn build_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run: Run = Command::new(env!("CARGO_BIN_EXE_pejl"))
        .env("PEJL_MESSAGES", "en")
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&out)
        .output()
        .unwrap()
        .into();
    run.assert_ok();
    (dir, out)
}

#[test]
fn the_home_page_counts_every_initiative_by_its_status() {
    let (_dir, out) = build_example();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let (counts, total) = summary(&home);
    let expected = statuses_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert_eq!(counts, expected, "the home page's summary");
    let all: usize = expected.values().sum();
    assert_eq!(total, format!("{all} indsatser i alt"));
    assert!(
        expected.contains_key("Status ikke oplyst"),
        "the example has initiatives without a status, and they are counted"
    );
}

#[test]
fn each_strategy_counts_the_initiatives_it_lists() {
    let (_dir, out) = build_example();
    for name in ["socialstrategi", "sundhedsstrategi", "aeldrestrategi"] {
        let page =
            std::fs::read_to_string(out.join(format!("strategier/{name}/index.html"))).unwrap();
        let (counts, total) = summary(&page);
        // The list of the strategy's initiatives, each with its badge.
        let main = main_of(&page);
        let list_start = main
            .find("<h2>Indsatser</h2>")
            .expect("the initiatives heading");
        let list = &main[list_start..];
        let list = &list[..list.find("</ul>").unwrap()];
        let mut listed: BTreeMap<String, usize> = BTreeMap::new();
        for item in list.split("<li>").skip(1) {
            let label = match item.find("class=\"status status--") {
                Some(k) => {
                    let t = text(&item[k + item[k..].find('>').unwrap()..]);
                    t.trim_start_matches(|c: char| !c.is_alphabetic())
                        .to_string()
                }
                None => panic!("{name}: an initiative without a badge: {item}"),
            };
            let label = label
                .split(" ")
                .take_while(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            *listed.entry(label).or_default() += 1;
        }
        let n: usize = listed.values().sum();
        assert_eq!(total, format!("{n} indsatser i alt"), "{name}");
        for (label, count) in &counts {
            let shown = listed
                .iter()
                .filter(|(l, _)| l.starts_with(label.as_str()))
                .map(|(_, c)| c)
                .sum::<usize>();
            assert_eq!(shown, *count, "{name}: {label}");
        }
    }
}

#[test]
fn follow_ups_past_due_and_outcomes_are_said_plainly() {
    let site = Site::fixture("linked");
    // Today is 1 January 2025 for the tests: "6. februar 2025" is ahead, a
    // follow-up in 2024 without an outcome is past due, one with is news.
    site.edit(
        "content/initiativer/din-indgang.md",
        "follow_ups:\n",
        "follow_ups:\n  - date: 3. juni 2024\n    forum: SSU\n  - date: 2. maj 2024\n    forum: SSU\n    outcome: Udvalget godkendte planen.\n",
    );
    site.build().assert_ok();
    let home = site.read("public/index.html");
    let main = main_of(&home);
    assert!(
        text(main).contains("1 opfølgning er overstået, uden at der står, hvad den førte til: Din Indgang Opfølgning 3. juni 2024"),
        "{}",
        text(main)
    );
    assert!(
        text(main).contains(
            "Seneste nyt 2. maj 2024 · Din Indgang : Resultat (SSU): Udvalget godkendte planen."
        ),
        "{}",
        text(main)
    );
    assert!(text(main).contains("Det næste, der sker"));
    // Each initiative in a list says when it is next followed up.
    let strategy = site.read("public/strategier/social/index.html");
    assert!(
        text(main_of(&strategy))
            .contains("Din Indgang ○ Planlagt Næste opfølgning: den 6. februar 2025"),
        "{}",
        text(main_of(&strategy))
    );
    let (counts, total) = summary(&home);
    assert_eq!(total, "2 indsatser i alt");
    assert_eq!(counts.get("I gang"), Some(&1));
    assert_eq!(counts.get("Planlagt"), Some(&1));
}

#[test]
fn an_initiative_without_a_status_says_so() {
    let site = Site::fixture("linked");
    site.edit(
        "content/initiativer/din-indgang.md",
        "status: planned\n",
        "",
    );
    site.build().assert_ok();
    let (counts, _) = summary(&site.read("public/index.html"));
    assert_eq!(counts.get("Status ikke oplyst"), Some(&1));
    let page = site.read("public/initiativer/din-indgang/index.html");
    assert!(text(main_of(&page)).contains("Status ? Status ikke oplyst"));
}

fn git(root: &Path, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.dk")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.dk")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn each_page_shows_when_it_last_changed_from_git_or_its_updated_field() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    assert!(
        !site.read("public/om/index.html").contains("Senest ændret"),
        "outside Git and without `updated:`, no date is shown"
    );
    let root = site.root();
    git(root, &["init", "-q"], "2024-01-01T12:00:00+01:00");
    git(root, &["add", "."], "2024-01-01T12:00:00+01:00");
    git(
        root,
        &["commit", "-q", "-m", "Første udgave"],
        "2024-01-01T12:00:00+01:00",
    );
    site.edit("content/om.md", "title:", "summary: Om portalen.\ntitle:");
    git(
        root,
        &["commit", "-q", "-am", "Ret om-siden"],
        "2025-02-03T09:00:00+01:00",
    );
    site.edit(
        "content/vision.md",
        "title:",
        "updated: 12. marts 2025\ntitle:",
    );
    // (Not committed: the field is what counts.)
    site.build().assert_ok();
    let shown = |rel: &str| {
        let page = site.read(rel);
        let at = page
            .find("class=\"updated\"")
            .map(|k| text(&page[k..k + 200]));
        at.map(|t| t.split(" Kilde").next().unwrap().to_string())
    };
    assert_eq!(
        shown("public/om/index.html")
            .as_deref()
            .map(|t| t.contains("Senest ændret: 3. februar 2025")),
        Some(true),
        "{:?}",
        shown("public/om/index.html")
    );
    assert!(
        shown("public/strategier/social/index.html")
            .unwrap()
            .contains("Senest ændret: 1. januar 2024")
    );
    assert!(
        shown("public/vision/index.html")
            .unwrap()
            .contains("Senest ændret: 12. marts 2025")
    );
    assert!(
        site.read("public/om/index.html")
            .contains("<time datetime=\"2025-02-03\">"),
        "the date is machine-readable"
    );
}

#[test]
fn abbreviations_are_explained_at_first_use_and_listed() {
    let site = Site::fixture("linked");
    site.write(
        "pejl.yaml",
        &(site.read("pejl.yaml") + "abbreviations:\n  SSU: Social- og Sundhedsudvalget\n"),
    );
    site.build().assert_ok();
    let page = site.read("public/initiativer/bostoette/index.html");
    let main = main_of(&page);
    let first =
        "<abbr title=\"Social- og Sundhedsudvalget\">SSU</abbr> (Social- og Sundhedsudvalget)";
    assert_eq!(main.matches(first).count(), 1, "{main}");
    assert!(
        main.matches("SSU").count() > 2,
        "later uses stay as written"
    );
    assert!(
        !page[..page.find("<main").unwrap()].contains("<abbr"),
        "not in the head or header"
    );
    let glossary = site.read("public/forkortelser/index.html");
    assert!(text(main_of(&glossary)).contains("SSU Social- og Sundhedsudvalget"));
    assert!(page.contains("href=\"../../forkortelser/index.html\">Forkortelser</a>"));
}

#[test]
fn a_goal_without_initiatives_says_so_once() {
    let site = Site::fixture("linked");
    site.write(
        "content/maal/tom.md",
        "---\ntitle: Et mål uden indsatser\nkind: goal\nfocus_area: et-vaerdigt-liv\n---\n",
    );
    site.build().assert_ok();
    let page = site.read("public/maal/tom/index.html");
    let main = text(main_of(&page));
    assert_eq!(
        main.matches("Der er endnu ingen indsatser").count(),
        1,
        "{main}"
    );
    assert!(!main.contains("Der er ingen endnu."), "{main}");
    assert!(
        !main.contains("sekundært mål"),
        "no empty second heading: {main}"
    );
}

#[test]
fn the_home_page_does_not_repeat_the_menu() {
    let (_dir, out) = build_example();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let main = main_of(&home);
    if let Some(k) = main.find("<h2>Afsnit</h2>") {
        let list = &main[k..];
        for menu in [
            "strategier/index.html",
            "initiativer/index.html",
            "tidsplan/index.html",
        ] {
            assert!(
                !list.contains(menu),
                "{menu} is in the menu and under Afsnit"
            );
        }
    }
    let strategy =
        std::fs::read_to_string(out.join("strategier/socialstrategi/index.html")).unwrap();
    assert!(
        !main_of(&strategy).contains("<h2>Milepæle</h2>"),
        "the milestones are on the timeline, not listed a second time"
    );
}

#[test]
fn the_404_page_works_at_any_depth_and_every_page_has_an_icon() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let not_found = site.read("public/404.html");
    let hrefs: Vec<&str> = not_found
        .split("href=\"")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
        .collect();
    assert!(hrefs.contains(&"/index.html"), "{hrefs:?}");
    for h in &hrefs {
        assert!(
            h.starts_with('/') || h.starts_with('#') || h.starts_with("https://"),
            "a relative link breaks when the host shows the page at /a/b/: {h}"
        );
    }
    assert!(!not_found.contains("rel=\"canonical\""));
    // Under a sub-path, the links start there.
    site.write(
        "pejl.yaml",
        &(site.read("pejl.yaml") + "base_url: \"https://www.example.dk/strategier/\"\n"),
    );
    site.build().assert_ok();
    let not_found = site.read("public/404.html");
    assert!(not_found.contains("href=\"/strategier/index.html\""));
    let css = not_found
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap();
    assert!(css.starts_with("/strategier/assets/style."), "{css}");
    // Every page names its icon, and the icon is there.
    let page = site.read("public/om/index.html");
    let icon = page
        .split("<link rel=\"icon\" href=\"")
        .nth(1)
        .expect("an icon");
    let icon = &icon[..icon.find('"').unwrap()];
    assert!(icon.starts_with("../assets/favicon."), "{icon}");
    assert!(site.path("public/om").join(icon).is_file(), "{icon}");
}

#[test]
fn pages_of_the_same_title_are_told_apart_and_document_types_are_words() {
    let (_dir, out) = build_example();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let overview = read("initiativer/index.html");
    let page = read("vaerdighedsmilliarden/velfaerdsteknologi-2019/index.html");
    assert!(
        page.contains("<title>Velfærdsteknologi (Værdighedsmilliarden"),
        "the browser tab tells the two apart"
    );
    let search = read("soeg/index.html");
    assert!(
        search.contains("Velfærdsteknologi</a> <span class=\"meta\">Indsats · Ældrestrategien")
    );
    assert!(
        search
            .contains("Velfærdsteknologi</a> <span class=\"meta\">Indsats · Værdighedsmilliarden")
    );
    assert!(
        overview.contains("Velfærdsteknologi</a> <span class=\"meta\">(Ældrestrategien)</span>"),
        "lists say which of the two it is"
    );
    assert!(
        !overview.contains("Din Indgang, herunder fremskudt myndighed</a> <span class=\"meta\">("),
        "a page with a title of its own gets nothing added"
    );
    let document = read("dokumenter/notat-vaerdighedsmilliarden/index.html");
    assert!(
        text(main_of(&document)).contains("Dokumenttype Notat"),
        "{}",
        text(main_of(&document))
    );
    for (kind, label) in [
        ("indsatser/index.html", "Oversigt"),
        ("oekonomi/index.html", "Oversigt"),
    ] {
        let page = read(kind);
        assert!(
            page.contains(&format!("<p class=\"page-kind\">{label}</p>")),
            "{kind}"
        );
    }
}

#[test]
fn an_initiative_page_says_each_thing_once() {
    let (_dir, out) = build_example();
    let page =
        std::fs::read_to_string(out.join("initiativer/borgernaere-teams/index.html")).unwrap();
    let main = main_of(&page);
    // Its follow-ups are listed once, not again on a timeline of its own.
    assert_eq!(
        main.matches("datetime=\"2024-11-14\"").count(),
        1,
        "{}",
        text(main)
    );
    assert!(!main.contains("<h2>Tidslinje</h2>"));
    // In the overview, an initiative without a status says so.
    let overview = std::fs::read_to_string(out.join("indsatser/index.html")).unwrap();
    assert!(overview.contains("data-label=\"Status\"><span class=\"status status--none\">"));
}
