//! Idea catalogues (tests/fixtures/catalogue): themes, ideas and main
//! initiatives linked both ways, theme badges, the theme × idea matrix, and
//! the errors that keep a catalogue whole.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Site, main_of, section_after};

fn built() -> Site {
    let site = Site::fixture("catalogue");
    site.build().assert_ok();
    site
}

/// The idea titles linked in a piece of HTML, in order.
fn idea_titles(html: &str) -> Vec<String> {
    html.split("<span class=\"idea-number\">")
        .skip(1)
        .map(|s| {
            let after = s.split_once("</span>").map_or(s, |(_, a)| a);
            after.split("</a>").next().unwrap_or("").trim().to_string()
        })
        .collect()
}

#[test]
fn a_theme_page_lists_exactly_the_ideas_that_name_it() {
    let site = built();
    let page = site.read("public/temaer/netvaerk/index.html");
    let ideas = section_after(main_of(&page), "Idéer, der dækker temaet");
    assert_eq!(idea_titles(ideas), ["Besøgsvenner", "Motion og bevægelse"]);
    let page = site.read("public/temaer/sundhed/index.html");
    let ideas = section_after(main_of(&page), "Idéer, der dækker temaet");
    assert_eq!(idea_titles(ideas), ["Motion og bevægelse"]);
    // An idea handled administratively shows on the theme it names.
    let page = site.read("public/temaer/tvaerfaglig/index.html");
    assert!(main_of(&page).contains("Sløjfe telefontider"));
    assert!(!main_of(&site.read("public/temaer/sundhed/index.html")).contains("Sløjfe"));
}

#[test]
fn a_main_initiative_lists_its_ideas_in_number_order() {
    let site = built();
    let page = site.read("public/hovedindsatser/fremskudt/index.html");
    let ideas = section_after(main_of(&page), "Idéer i hovedindsatsen");
    assert_eq!(idea_titles(ideas), ["Besøgsvenner", "Motion og bevægelse"]);
}

#[test]
fn an_idea_shows_its_themes_as_numbered_badges_and_its_sections_as_headings() {
    let site = built();
    let page = site.read("public/ideer/motion/index.html");
    let main = main_of(&page);
    // In the order the idea names them, each with number and name, for screen readers too.
    let sundhed = main.find("Tema 2: </span>Sundhed").expect("badge 2");
    let netvaerk = main.find("Tema 1: </span>Netværk").expect("badge 1");
    assert!(sundhed < netvaerk);
    assert!(main.contains("href=\"../../temaer/sundhed/index.html\""));
    assert!(main.contains("href=\"../../hovedindsatser/fremskudt/index.html\""));
    // The fixed sections are ordinary headings with anchors a theme can link to.
    assert!(main.contains("<h2 id=\"hvad-er-ideen\">Hvad er idéen</h2>"));
    assert!(main.contains("<h2 id=\"baggrund\">Baggrund</h2>"));
    // Previous and next idea of the catalogue.
    assert!(main.contains("rel=\"prev\" href=\"../../ideer/besoeg/index.html\""));
}

#[test]
fn an_idea_with_only_a_title_says_so_and_invents_nothing() {
    let site = built();
    let main = site.read("public/ideer/titel/index.html");
    let main = main_of(&main);
    assert!(main.contains("Kildedokumentet nævner kun idéens titel"));
    assert!(!main.contains("theme-badge"));
    // On the matrix its themes are "not stated", not "not covered".
    let matrix = site.read("public/katalog/temaer-og-ideer/index.html");
    let row = matrix
        .split("<tr>")
        .find(|r| r.contains("Kun en titel"))
        .expect("row");
    assert_eq!(row.matches("ikke oplyst i kildedokumentet").count(), 3);
    assert!(!row.contains("dækker ikke temaet"));
}

#[test]
fn the_matrix_is_a_table_with_headers_and_one_mark_per_covered_theme() {
    let site = built();
    let page = site.read("public/katalog/temaer-og-ideer/index.html");
    let main = main_of(&page);
    assert!(main.contains("<caption"));
    assert_eq!(
        main.matches("<th scope=\"col\">").count(),
        4,
        "idea + 3 themes"
    );
    assert_eq!(
        main.matches("<th scope=\"row\">").count(),
        4,
        "3 ideas + total"
    );
    let row = main
        .split("<tr>")
        .find(|r| r.contains("Besøgsvenner"))
        .expect("row");
    // Each cell carries its theme as its label, for the stacked layout on a
    // phone (data-label on the cells of a table of class "stack").
    let cells: Vec<bool> = row
        .split("<td data-label=\"Tema ")
        .skip(1)
        .map(|c| c.contains("dækker temaet"))
        .collect();
    assert_eq!(cells, [true, false, true]);
    let totals: Vec<&str> = main
        .split("<tfoot>")
        .nth(1)
        .expect("tfoot")
        .split("<td data-label=\"Tema ")
        .skip(1)
        .filter_map(|c| c.split_once("\">")?.1.split("</td>").next())
        .collect();
    assert_eq!(totals, ["2", "1", "1"], "totals");
    // The catalogue and each theme link to it.
    let catalogue = site.read("public/katalog/index.html");
    assert!(catalogue.contains("href=\"../katalog/temaer-og-ideer/index.html\""));
}

#[test]
fn the_catalogue_page_lists_themes_main_initiatives_ideas_and_administrative_ideas() {
    let site = built();
    let page = site.read("public/katalog/index.html");
    let main = main_of(&page);
    for text in [
        "<time datetime=\"2023-07-11\">11. juli 2023</time>",
        "Tema 3: </span>Tværfaglighed",
        "1. Fremskudt indsats",
        "Kun en titel",
        "Sløjfe telefontider",
        "Være mere fleksible",
    ] {
        assert!(main.contains(text), "{text} missing");
    }
    // Breadcrumbs: an idea sits under its main initiative, in its catalogue.
    let idea = site.read("public/ideer/motion/index.html");
    let crumbs = idea.split("<main").next().unwrap_or_default();
    let katalog = crumbs.find("katalog/index.html").expect("catalogue crumb");
    let main_initiative = crumbs.find("fremskudt/index.html").expect("crumb");
    assert!(katalog < main_initiative);
}

#[test]
fn a_site_without_initiatives_gets_no_empty_overviews() {
    let site = built();
    for folder in ["strategikort", "oekonomi", "indsatser"] {
        assert!(!site.path("public").join(folder).exists(), "{folder}");
    }
    let home = site.read("public/index.html");
    assert!(!home.contains("strategikort/"));
    assert!(!home.contains("oekonomi/"));
}

#[test]
fn an_idea_naming_a_theme_of_another_catalogue_is_an_error() {
    let site = Site::fixture("catalogue");
    site.write(
        "content/andet.md",
        "---\ntitle: Andet katalog\nkind: catalogue\n---\n",
    );
    site.write(
        "content/temaer/fremmed.md",
        "---\ntitle: Fremmed\nkind: theme\ncatalogue: andet\nnumber: 1\n---\n",
    );
    site.edit(
        "content/ideer/motion.md",
        "themes: [sundhed, netvaerk]",
        "themes: [sundhed, fremmed]",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("content/ideer/motion.md:6:")
        .assert_stderr(
            "\"fremmed\" belongs to the catalogue \"andet\", but this idea belongs to \"katalog\"",
        );
}

#[test]
fn two_ideas_with_one_number_are_an_error_naming_both_files() {
    let site = Site::fixture("catalogue");
    site.edit("content/ideer/titel.md", "number: 3", "number: 2");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("number 2 is already used by content/ideer/");
    assert!(
        run.stderr.contains("content/ideer/titel.md:5:")
            || run.stderr.contains("content/ideer/motion.md:5:")
    );
}

#[test]
fn a_theme_without_a_catalogue_gets_the_missing_field_named() {
    let site = Site::fixture("catalogue");
    site.edit("content/temaer/sundhed.md", "catalogue: katalog\n", "");
    site.build()
        .assert_code(1)
        .assert_stderr("content/temaer/sundhed.md")
        .assert_stderr("catalogue");
}
