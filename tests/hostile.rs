//! Hostile content stays inert (tests/fixtures/hostile): script, event
//! handlers, template syntax and spreadsheet formulas in every field of every
//! kind and of pejl.yaml come out as text in every format pejl writes.
//! (tests/browser/hostile.test.mjs opens every page in Chromium as well.)
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

fn built() -> Site {
    let site = Site::fixture("hostile");
    site.pejl(&["build", "--now", "2025-06-01"]).assert_ok();
    site
}

fn files(site: &Site, ext: &str) -> Vec<(String, String)> {
    walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            let rel = e.path().strip_prefix(site.path("public")).unwrap();
            (
                rel.display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Whether a place in HTML is inside a real tag (`<a …`), not in text that
/// shows a tag (`&lt;a …`).
fn inside_a_tag(html: &str, at: usize) -> bool {
    let before = &html[..at];
    let tag = before.rfind('<');
    let closed = before.rfind('>');
    matches!((tag, closed), (Some(t), Some(c)) if t > c) || matches!((tag, closed), (Some(_), None))
}

#[test]
fn no_page_carries_a_live_tag_handler_or_script_link() {
    let site = built();
    let pages = files(&site, "html");
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (name, html) in &pages {
        for live in ["<script>", "<img src=x", "<svg onload"] {
            assert!(!html.contains(live), "{name} has {live}");
        }
        for attr in [
            "href=\"javascript:",
            "src=\"javascript:",
            "href=\"data:",
            "href=\"vbscript:",
        ] {
            for (at, _) in html.match_indices(attr) {
                assert!(!inside_a_tag(html, at), "{name} has a live {attr}");
            }
        }
        // Template syntax in content is text, never evaluated.
        assert!(
            !html.contains(">49<") && !html.contains(" 49 "),
            "{name} evaluated {{{{ 7*7 }}}}"
        );
        // The only scripts are pejl's own files.
        for tag in html.split("<script").skip(1) {
            let head = tag.split('>').next().unwrap_or("");
            assert!(
                head.contains("src=\"") && head.contains("assets/"),
                "{name}: <script{head}>"
            );
        }
    }
    let home = site.read("public/index.html");
    assert!(
        home.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"),
        "shown as text"
    );
    assert!(home.contains("{{ 7*7 }}"));
}

#[test]
fn spreadsheet_formulas_are_defused_in_every_csv_cell() {
    let site = built();
    let mut checked = 0;
    for (name, text) in files(&site, "csv") {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let risky = cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err();
                assert!(!risky, "{name}: a cell a spreadsheet would run: {cell}");
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "{checked} cells");
    assert!(
        site.read("public/data/initiatives.csv")
            .contains("'=HYPERLINK(")
    );
}

#[test]
fn json_xml_and_calendars_parse_and_hold_the_payload_as_text() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/initiatives.json")).expect("valid JSON");
    assert!(json.to_string().contains("<script>window.__xss=1</script>"));
    for xml in ["public/feed.xml", "public/sitemap.xml"] {
        roxmltree::Document::parse(&site.read(xml)).unwrap_or_else(|e| panic!("{xml}: {e}"));
    }
    let feed = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles.contains("<script>window.__xss=1</script>"),
        "{titles}"
    );
    for (name, ics) in files(&site, "ics") {
        let calendars: Vec<_> = ical::IcalParser::new(ics.as_bytes()).collect();
        assert_eq!(calendars.len(), 1, "{name}");
        let calendar = calendars
            .into_iter()
            .next()
            .unwrap()
            .expect("valid iCalendar");
        for event in calendar.events {
            for p in event.properties {
                // Only the fields pejl writes, each one value on its own line.
                assert!(!p.name.contains('<'), "{name}: property {}", p.name);
            }
        }
    }
}
