//! `pejl build` and `pejl check` on small fixture sites: pages, links both ways, errors.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/linkcheck.rs"]
mod linkcheck;

use common::{Site, main_of, section_after};

#[test]
fn builds_a_page_for_every_content_file() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    for page in [
        "public/index.html",
        "public/vision/index.html",
        "public/strategier/index.html",
        "public/strategier/social/index.html",
        "public/fokus/et-vaerdigt-liv/index.html",
        "public/maal/beslutninger/index.html",
        "public/initiativer/bostoette/index.html",
        "public/tidsplan/ssu/index.html",
        "public/dokumenter/notat/index.html",
        "public/tidslinje/index.html",
        "public/404.html",
        "public/sitemap.xml",
    ] {
        assert!(site.path(page).is_file(), "{page} missing");
    }
}

#[test]
fn goal_lists_primary_and_secondary_initiatives_apart() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let goal = site.read("public/maal/sundhed/index.html");
    let main = main_of(&goal);
    let primary = section_after(main, "primært");
    let secondary = section_after(main, "sekundært");
    assert!(
        primary.contains("Din Indgang") && !primary.contains("bostøtteteam"),
        "{primary}"
    );
    assert!(
        secondary.contains("Etablering af bostøtteteam") && !secondary.contains("Din Indgang"),
        "{secondary}"
    );
}

#[test]
fn initiative_breadcrumb_climbs_to_the_vision() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let page = site.read("public/initiativer/bostoette/index.html");
    let crumbs = &page[page.find("<ol").expect("breadcrumb list")..];
    let order: Vec<usize> = [
        "Forside",
        "Velfærdspolitik",
        "Socialstrategi",
        "Et værdigt liv",
        "Borgere træffer",
    ]
    .iter()
    .map(|t| {
        crumbs
            .find(t)
            .unwrap_or_else(|| panic!("{t} not in breadcrumb"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "breadcrumb out of order: {order:?}"
    );
}

#[test]
fn lists_up_and_down_follow_the_references() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let strategy = main_of(&site.read("public/strategier/social/index.html")).to_string();
    assert!(
        strategy.contains("Et værdigt liv") && strategy.contains("Din Indgang"),
        "{strategy}"
    );
    let vision = main_of(&site.read("public/vision/index.html")).to_string();
    assert!(
        vision.contains("id=\"pejlemaerke-forebyggelse\"") && vision.contains("Socialstrategi"),
        "{vision}"
    );
    let document = main_of(&site.read("public/dokumenter/notat/index.html")).to_string();
    assert!(
        document.contains("Etablering af bostøtteteam") && document.contains("Velfærdspolitik"),
        "{document}"
    );
}

#[test]
fn facts_are_formatted_the_danish_way() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let page = main_of(&site.read("public/initiativer/bostoette/index.html")).to_string();
    for fact in [
        "kr. 500.000",
        "1. kvartal 2025",
        "SSU 19",
        "servicelovens § 85",
        "2020 og frem",
        "I gang",
    ] {
        assert!(page.contains(fact), "{fact} missing from {page}");
    }
}

#[test]
fn markdown_links_are_rewritten_to_relative_urls() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let page = site.read("public/strategier/social/index.html");
    assert!(
        page.contains("href=\"../../fokus/et-vaerdigt-liv/index.html#det-hele-menneske\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../vision/index.html#pejlemaerke-forebyggelse\""),
        "{page}"
    );
}

#[test]
fn no_internal_link_or_anchor_is_broken() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let broken = linkcheck::broken_links(&site.path("public"));
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn timeline_is_in_date_order() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let page = main_of(&site.read("public/tidslinje/index.html")).to_string();
    let a = page.find("Drøftelse i SSU").expect("2023 milestone");
    let b = page
        .find("Kommunikation om strategierne")
        .expect("2024 milestone");
    let c = page.find("Din Indgang").expect("2025 follow-up");
    assert!(a < b && b < c, "timeline out of order");
}

#[test]
fn markdown_tables_and_footnotes_render() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let page = site.read("public/om/index.html");
    assert!(
        page.contains("<table>") && page.contains("footnote"),
        "{page}"
    );
    assert!(page.contains("id=\"tal-og-kilder\""), "{page}");
}

#[test]
fn assets_have_content_hashes_and_the_sitemap_lists_pages() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let assets: Vec<String> = std::fs::read_dir(site.path("public/assets"))
        .expect("assets folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets
            .iter()
            .any(|a| a.starts_with("style.") && a.ends_with(".css") && a.len() > 12),
        "{assets:?}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>initiativer/bostoette/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn base_url_makes_canonical_and_sitemap_absolute() {
    let site = Site::fixture("linked");
    site.pejl(&["build", "--base-url", "https://x.dk/strategi"])
        .assert_ok();
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://x.dk/strategi/initiativer/bostoette/</loc>"),
        "{sitemap}"
    );
    let page = site.read("public/initiativer/bostoette/index.html");
    assert!(
        page.contains("https://x.dk/strategi/initiativer/bostoette/"),
        "no canonical link"
    );
}

#[test]
fn an_english_site_uses_english_strings_and_numbers() {
    let site = Site::fixture("linked");
    site.edit("pejl.yaml", "language: da", "language: en");
    site.build().assert_ok();
    let page = site.read("public/initiativer/bostoette/index.html");
    assert!(page.contains("<html lang=\"en\">"), "no lang=en");
    assert!(
        page.contains("DKK 500,000") && page.contains("Running"),
        "{}",
        main_of(&page)
    );
    assert!(site.path("public/timeline/index.html").is_file());
    // The generated pages have English addresses and English words.
    for (path, words) in [
        ("public/search/index.html", "All pages from A to Z"),
        ("public/initiatives/index.html", "All initiatives"),
        ("public/strategy-map/index.html", "Strategy map"),
        ("public/budget/index.html", "Amounts per strategy"),
        ("public/data/index.html", "Open data"),
        ("public/timeline/index.html", "Subscribe to the calendar"),
    ] {
        let html = site.read(path);
        assert!(html.contains(words), "{path} lacks {words:?}");
        assert!(html.contains("<html lang=\"en\">"));
    }
    assert!(site.path("public/calendar.ics").is_file());
    assert!(site.path("public/pagefind/pagefind.js").is_file());
}

#[test]
fn allowed_html_passes_through_sanitised() {
    let site = Site::fixture("linked");
    site.write("pejl.yaml", "title: T\nallow_html: true\n");
    site.write("content/html.md", "---\ntitle: HTML\n---\n\n<details><summary>Mere</summary>Tekst</details>\n\n<script>alert(1)</script>\n");
    site.build().assert_ok();
    let page = site.read("public/html/index.html");
    assert!(page.contains("<details><summary>Mere</summary>"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
}

#[test]
fn a_site_static_file_overrides_the_themes() {
    let site = Site::fixture("linked");
    site.write("static/style.css", "body { color: #000; } /* egen */\n");
    site.build().assert_ok();
    let css = std::fs::read_dir(site.path("public/assets"))
        .expect("assets")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("style."))
        .expect("style.css");
    assert!(
        std::fs::read_to_string(css.path())
            .expect("css")
            .contains("egen")
    );
}

#[test]
fn the_search_index_is_built_unless_the_site_turns_it_off() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    assert!(site.path("public/pagefind/pagefind.js").is_file());
    assert!(
        site.path("public/soeg/index.html").is_file(),
        "the search page"
    );
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}search: false\n"));
    site.build().assert_ok();
    assert!(!site.path("public/pagefind").exists());
    assert!(
        site.path("public/soeg/index.html").is_file(),
        "still the A–Z page"
    );
}
