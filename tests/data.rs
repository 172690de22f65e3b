//! Open data, the Atom feed, the sitemap and robots.txt of the example portal,
//! read back with independent parsers (serde_json, the csv crate, roxmltree).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Site;

const BASE: &str = "https://strategi.example.dk/";

fn example() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    let site = Site { dir };
    let run = site.pejl(&["build", "--now", "2025-06-01", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// Every initiative in the content, by id, with its front matter as YAML.
fn initiatives_in_content() -> BTreeMap<String, serde_yaml::Value> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let front: serde_yaml::Value =
            serde_yaml::from_str(text.split("---").nth(1).unwrap()).unwrap();
        if front["kind"].as_str() == Some("initiative") {
            let id = entry
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(id, front);
        }
    }
    out
}

#[test]
fn the_json_holds_every_initiative_with_its_goal_status_follow_ups_and_amounts() {
    let site = example();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/initiatives.json")).expect("valid JSON");
    let rows = json["initiatives"].as_array().unwrap();
    let content = initiatives_in_content();
    assert_eq!(rows.len(), content.len(), "every initiative, once");
    assert_eq!(content.len(), 20);
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let front = &content[id];
        assert_eq!(row["goal"].as_str(), front["goal"].as_str(), "{id}: goal");
        assert_eq!(
            row["status"].as_str(),
            front["status"].as_str(),
            "{id}: status"
        );
        let follow_ups = front["follow_ups"].as_sequence().map_or(0, Vec::len);
        assert_eq!(
            row["follow_ups"].as_array().unwrap().len(),
            follow_ups,
            "{id}"
        );
        let amounts: i64 = front["budget"]
            .as_sequence()
            .map_or(0, |b| b.iter().map(|l| l["amount"].as_i64().unwrap()).sum());
        assert_eq!(row["budget_total"].as_i64(), Some(amounts), "{id}: amounts");
        assert!(row["url"].as_str().unwrap().starts_with(BASE));
    }
    // The follow-up "6. februar 2025" has its ISO days beside the wording.
    let din = rows.iter().find(|r| r["id"] == "din-indgang").unwrap();
    let date = &din["follow_ups"][0]["date"];
    assert_eq!(date["text"], "6. februar 2025");
    assert_eq!(
        (date["start"].as_str(), date["end"].as_str()),
        (Some("2025-02-06"), Some("2025-02-06"))
    );
}

#[test]
fn the_csv_files_parse_and_their_sums_match_the_budget_tables() {
    let site = example();
    let read = |name: &str| {
        let text = site.read(&format!("public/data/{name}"));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows: Vec<BTreeMap<String, String>> = r
            .records()
            .map(|rec| {
                let rec = rec.expect("a valid CSV record");
                assert_eq!(
                    rec.len(),
                    headers.len(),
                    "{name}: every row has every column"
                );
                headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(str::to_string))
                    .collect()
            })
            .collect();
        rows
    };
    let initiatives = read("initiatives.csv");
    assert_eq!(initiatives.len(), 20);
    let lines = read("budget-lines.csv");
    let total: i64 = lines
        .iter()
        .map(|l| l["amount"].parse::<i64>().unwrap())
        .sum();
    let from_initiatives: i64 = initiatives
        .iter()
        .map(|i| i["budget_total"].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, from_initiatives);
    // The Værdighedsmilliarden page's budget table says kr. 2.785.000 in all.
    assert_eq!(total, 2_785_000);
    let page = site.read("public/vaerdighedsmilliarden/index.html");
    assert!(page.contains("kr. 2.785.000"), "the table's total");
    for l in &lines {
        assert_eq!(l["period"], "2020 og frem");
        assert_eq!(
            (l["period_start"].as_str(), l["period_end"].as_str()),
            ("2020-01-01", "2020-12-31")
        );
    }
    let follow_ups = read("follow-ups.csv");
    let in_json: usize = initiatives
        .iter()
        .map(|i| i["follow_ups"].parse::<usize>().unwrap())
        .sum();
    assert_eq!(follow_ups.len(), in_json);
    assert!(
        follow_ups.iter().all(|f| !f["date_start"].is_empty()),
        "every follow-up date is read"
    );
    let goals = read("goals.csv");
    assert_eq!(goals.len(), 9);
}

/// The file an absolute URL of the site points to.
fn file_of(site: &Site, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let path = site.path("public").join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        path.join("index.html")
    } else {
        path
    }
}

#[test]
fn the_feed_and_the_sitemap_are_xml_and_every_url_in_them_resolves() {
    let site = example();
    let feed = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("well-formed Atom");
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(atom));
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .collect();
    assert!(!entries.is_empty());
    for e in &entries {
        for child in ["id", "title", "updated"] {
            assert!(
                e.children().any(|c| c.has_tag_name((atom, child))),
                "entry has {child}"
            );
        }
    }
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((atom, "link")))
        .filter_map(|n| n.attribute("href"))
        .collect();
    for href in &hrefs {
        assert!(file_of(&site, href).is_file(), "{href} resolves");
    }
    // Nothing from after "today" (2025-06-01) is news yet.
    assert!(!feed.contains("<updated>2025-07"), "{feed}");

    let sitemap = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("well-formed sitemap");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > 70);
    for loc in locs {
        assert!(file_of(&site, loc).is_file(), "{loc} resolves");
    }
    let robots = site.read("public/robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
    // The Data page documents every file, and every page links it and the feed.
    let data = site.read("public/data/index.html");
    for name in [
        "initiatives.json",
        "initiatives.csv",
        "follow-ups.csv",
        "budget-lines.csv",
        "goals.csv",
    ] {
        assert!(
            data.contains(&format!("href=\"../data/{name}\"")),
            "{name} linked"
        );
    }
    assert!(
        data.contains("<code>budget_total</code>"),
        "columns documented"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"data/index.html\"") && home.contains("application/atom+xml"));
}

#[test]
fn the_budget_overview_adds_up_per_strategy_and_per_year() {
    let site = example();
    let page = site.read("public/oekonomi/index.html");
    let main = common::main_of(&page);
    // The one group with money in the example: Værdighedsmilliarden, 2020 and onwards.
    assert!(
        main.contains("Værdighedsmilliarden: initiativer fra 2020"),
        "{main}"
    );
    assert_eq!(
        main.matches("kr. 2.785.000").count(),
        4,
        "total, per group, per year, foot"
    );
    for amount in ["kr. 300.000", "kr. 320.000", "kr. 555.000", "kr. 610.000"] {
        assert!(main.contains(amount), "{amount} in the lines");
    }
    // Every bar sits beside its amount, and is only a drawing.
    // One bar per total: one group and one year here, each beside its amount.
    assert_eq!(main.matches("class=\"bar\"").count(), 2);
    for row in main.split("<tr>").filter(|r| r.contains("class=\"bar\"")) {
        // The amount carries its column's label for the stacked layout on a phone.
        assert!(
            row.contains("class=\"num\" data-label=\"Beløb\">kr. 2.785.000"),
            "{row}"
        );
        assert!(
            row.contains("aria-hidden=\"true\""),
            "the bar is only a drawing"
        );
    }
    // Every page's footer links the overviews.
    let home = site.read("public/index.html");
    for url in [
        "indsatser/index.html",
        "strategikort/index.html",
        "oekonomi/index.html",
    ] {
        assert!(home.contains(&format!("href=\"{url}\"")), "{url}");
    }
}
