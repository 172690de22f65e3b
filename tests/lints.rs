//! `pejl check` points out content that hurts accessibility, as warnings with
//! file, line and column: the build still succeeds.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

#[test]
fn content_that_hurts_accessibility_is_pointed_out() {
    let site = Site::fixture("linked");
    site.write(
        "content/side-med-fejl.md",
        "---\ntitle: Side med fejl\n---\n\
         \n\
         # En ekstra topoverskrift\n\
         \n\
         ## Afsnit\n\
         \n\
         #### For dybt\n\
         \n\
         ![](kort.png)\n\
         \n\
         Se planen [klik her](om.md) eller [](om.md).\n\
         \n\
         [Læs om portalen](om.md) er i orden, og ![Kort over Ishøj](kort.png) også.\n",
    );
    site.write("content/kort.png", "png");
    let run = site.pejl(&["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    let file = "content/side-med-fejl.md";
    for (needle, place) in [
        (
            "the heading \"En ekstra topoverskrift\" is at the level of the page title",
            ":5:1",
        ),
        ("jumps from level 2 to level 4", ":9:1"),
        ("the image \"kort.png\" has no alt text", ":11:1"),
        (
            "the link text \"klik her\" does not say where the link goes",
            ":13:11",
        ),
        ("the link to \"om.md\" has no text", ":13:35"),
    ] {
        assert!(run.stderr.contains(needle), "{needle}:\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{file}{place}")),
            "{needle} at {file}{place}:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("Læs om portalen"),
        "good link texts pass"
    );
    assert!(
        !run.stderr.contains("Kort over Ishøj\" has"),
        "images with alt pass"
    );
}

#[test]
fn a_site_without_an_accessibility_statement_is_warned() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    let without: String = config
        .lines()
        .filter(|l| !l.starts_with("accessibility_statement"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("pejl.yaml", &without);
    let run = site.pejl(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("pejl.yaml"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("accessibility statement (tilgængelighedserklæring)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("was.digst.dk"), "says how to fix it");
    site.write("pejl.yaml", &config);
    let run = site.pejl(&["check"]);
    assert!(
        !run.stderr.contains("accessibility statement"),
        "{}",
        run.stderr
    );
}
