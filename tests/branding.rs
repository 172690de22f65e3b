//! Branding in pejl.yaml (`brand:`): logo, colours and contact shown by the
//! default theme, and colours checked for WCAG contrast when the site is built.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Site, main_of};

const BRAND: &str = "brand:
  logo: logo.svg
  logo_alt: \"Test Kommune\"
  colors:
    primary: \"#005a3c\"
    accent: \"#7a1f3d\"
  contact:
    name: Ane Jensen
    unit: Sekretariatet
    phone: 43 57 57 57
    email: post@test.dk
    address: [Test Kommune, Torvet 1, 2635 Ishøj]
";

fn branded() -> Site {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}{BRAND}"));
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>\n",
    );
    site
}

#[test]
fn the_default_theme_shows_the_sites_logo_colours_and_contact() {
    let site = branded();
    site.build().assert_ok();
    let home = site.read("public/index.html");
    assert!(home.contains("--color-primary:#005a3c;"), "colours");
    assert!(home.contains("--color-accent:#7a1f3d;"));
    let logo = home
        .split("<img class=\"site-logo\" src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("logo");
    assert!(
        logo.starts_with("assets/logo.") && logo.ends_with(".svg"),
        "{logo}"
    );
    assert!(site.path("public").join(logo).is_file());
    assert!(home.contains("alt=\"Test Kommune\""));
    let footer = home.split("</main>").nth(1).expect("footer");
    for text in [
        "<address class=\"contact\">",
        "Ane Jensen",
        "href=\"tel:43575757\"",
        "href=\"mailto:post@test.dk\"",
        "Torvet 1",
    ] {
        assert!(footer.contains(text), "{text} missing");
    }
    // The same on a page deeper down (links to the logo are relative).
    let page = site.read("public/initiativer/din-indgang/index.html");
    assert!(page.contains(&format!("src=\"../../{logo}\"")));
    assert!(main_of(&page).contains("Din Indgang"));
}

#[test]
fn a_colour_with_too_little_contrast_fails_naming_the_pair_and_the_ratio() {
    let site = branded();
    site.build().assert_ok();
    let before = site.snapshot("public");
    site.edit("pejl.yaml", "primary: \"#005a3c\"", "primary: \"#7fb8a4\"");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("pejl.yaml:9:5")
        .assert_stderr("the colours `brand.colors.primary` (#7fb8a4) and the theme's background colour (#ffffff) have a contrast of 2.26:1, but links must have at least 4.5:1")
        .assert_stderr("the colours the theme's on_primary colour (#ffffff) and `brand.colors.primary` (#7fb8a4)")
        .assert_stderr("a colour close to it that passes: `primary: \"#");
    assert_eq!(
        before,
        site.snapshot("public"),
        "the previous output changed"
    );
}

#[test]
fn a_colour_that_is_not_a_colour_and_a_missing_logo_are_errors() {
    let site = branded();
    site.edit("pejl.yaml", "accent: \"#7a1f3d\"", "accent: bordeaux");
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:10:5")
        .assert_stderr(
            "`brand.colors.accent` is \"bordeaux\", which is not a colour pejl can read",
        );
    let site = branded();
    std::fs::remove_file(site.path("static/logo.svg")).unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:6:3")
        .assert_stderr("the logo \"logo.svg\" is not in the site's `static/` folder");
}
