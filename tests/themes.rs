//! Themes are swappable: the built-in `kontrast` theme extends `default`, a
//! project theme can extend either, and a broken chain is a clear error.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/linkcheck.rs"]
mod linkcheck;

use common::{Site, main_of};

/// The stylesheets a page links, read from the output.
fn stylesheets(site: &Site, page: &str) -> Vec<String> {
    let html = site.read(page);
    html.split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|href| site.read(&format!("public/{href}")))
        .collect()
}

fn with_theme(theme: &str) -> Site {
    let site = Site::fixture("linked");
    site.edit(
        "pejl.yaml",
        "title: \"Testportal\"",
        &format!("title: \"Testportal\"\ntheme: {theme}"),
    );
    site
}

#[test]
fn the_kontrast_theme_keeps_the_default_templates_and_adds_its_stylesheet() {
    let site = with_theme("kontrast");
    site.build().assert_ok();
    let sheets = stylesheets(&site, "public/index.html");
    assert_eq!(sheets.len(), 2, "the default stylesheet, then kontrast's");
    assert!(sheets[0].contains("pejl default theme"));
    assert!(sheets[1].contains("\"kontrast\" theme") && sheets[1].contains("html:root"));
    // The default theme's templates: the same page structure.
    let page = site.read("public/initiativer/din-indgang/index.html");
    assert!(main_of(&page).contains("<dl class=\"facts\">"));
    let default = Site::fixture("linked");
    default.build().assert_ok();
    assert_eq!(stylesheets(&default, "public/index.html").len(), 1);
}

#[test]
fn a_project_theme_extends_kontrast_and_replaces_one_template() {
    let site = with_theme("mine");
    site.write("themes/mine/theme.yaml", "name: mine\nextends: kontrast\n");
    site.write(
        "themes/mine/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">Mit tema</p>{{ page.content | safe }}{% endblock content %}",
    );
    site.build().assert_ok();
    assert!(
        site.read("public/om/index.html")
            .contains("<p class=\"mine\">Mit tema</p>")
    );
    // Everything else comes from kontrast and default, in that order.
    let sheets = stylesheets(&site, "public/index.html");
    assert!(sheets[1].contains("\"kontrast\" theme"));
    assert!(
        site.read("public/maal/sundhed/index.html")
            .contains("class=\"page-kind\"")
    );
    assert!(linkcheck::broken_links(&site.path("public")).is_empty());
}

#[test]
fn an_unknown_parent_and_a_circle_of_themes_are_errors() {
    let site = with_theme("mine");
    site.write("themes/mine/theme.yaml", "name: mine\nextends: kontrst\n");
    site.build()
        .assert_code(1)
        .assert_stderr("themes/mine/theme.yaml:2:1")
        .assert_stderr("there is no theme called \"kontrst\"")
        .assert_stderr("did you mean `theme: kontrast`?");
    site.write("themes/mine/theme.yaml", "name: mine\nextends: other\n");
    site.write("themes/other/theme.yaml", "extends: mine\n");
    site.build()
        .assert_code(1)
        .assert_stderr("themes/other/theme.yaml:1:1")
        .assert_stderr(
            "these themes extend each other in a circle: \"mine\" → \"other\" → \"mine\"",
        );
}

#[test]
fn an_unknown_theme_lists_the_built_in_ones() {
    let site = with_theme("kontrat");
    site.build()
        .assert_code(1)
        .assert_stderr("did you mean `theme: kontrast`?")
        .assert_stderr("default, kontrast");
}

#[test]
fn a_portal_template_for_the_initiative_rows_is_used_at_every_depth() {
    let site = Site::fixture("linked");
    site.write(
        "templates/partials/initiative_row.html",
        "<tr class=\"mine\"><td><a href=\"{{ root }}{{ r.link.url }}\">{{ r.link.title }}</a></td></tr>",
    );
    site.build().assert_ok();
    for (page, root) in [
        ("public/indsatser/index.html", "../"),
        ("public/indsatser/status/running/index.html", "../../../"),
    ] {
        let html = site.read(page);
        assert!(
            !html.contains("<tr data-filters"),
            "{page} keeps the theme's rows"
        );
        let rows: Vec<&str> = html.split("<tr class=\"mine\">").skip(1).collect();
        assert!(!rows.is_empty(), "{page} has none of the portal's rows");
        for row in rows {
            assert!(
                row.starts_with(&format!("<td><a href=\"{root}")),
                "{page}: {row}"
            );
        }
    }
    assert!(linkcheck::broken_links(&site.path("public")).is_empty());
}

#[test]
fn a_mistake_in_the_row_template_is_reported_with_its_file() {
    let site = Site::fixture("linked");
    site.write(
        "templates/partials/initiative_row.html",
        "<tr>{{ r.nope.title }}</tr>",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("templates/partials/initiative_row.html:1:")
        .assert_stderr("`nope`");
    assert!(!site.path("public/indsatser").exists());
}
