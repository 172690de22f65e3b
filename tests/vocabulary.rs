//! A site's own words (`kinds`, `statuses`, `words` in pejl.yaml): pages use
//! them, with no template change, and content is checked against them.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Site, main_of};

const VOCABULARY: &str = "kinds:
  focus_area: {name: Indsatsområde, plural: Indsatsområder, definite: indsatsområdet}
  goal:
    name: Succeskriterium
    plural: Succeskriterier
    definite: succeskriteriet
statuses:
  - id: igangsat
    label: Igangsat
    means: running
  - id: planned
  - id: afsluttet
    label: Gennemført
    means: completed
words:
  primary_goal: Primært succeskriterium
";

fn site() -> Site {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}{VOCABULARY}"));
    site
}

#[test]
fn pages_call_levels_and_statuses_what_the_site_calls_them() {
    let site = site();
    site.edit(
        "content/initiativer/bostoette.md",
        "status: running",
        "status: igangsat",
    );
    site.build().assert_ok();
    let focus = site.read("public/fokus/et-vaerdigt-liv/index.html");
    assert!(main_of(&focus).contains("<p class=\"page-kind\">Indsatsområde</p>"));
    assert!(main_of(&focus).contains("Succeskriterier"));
    let goal = site.read("public/maal/sundhed/index.html");
    assert!(main_of(&goal).contains("<p class=\"page-kind\">Succeskriterium</p>"));
    let initiative = site.read("public/initiativer/bostoette/index.html");
    let main = main_of(&initiative);
    // The site's label, with the badge of the built-in status it means.
    assert!(
        main.contains("<span class=\"status status--running\">"),
        "{main}"
    );
    assert!(main.contains("Igangsat"));
    assert!(main.contains("Primært succeskriterium"));
    // A built-in status the site keeps, with the theme's word for it.
    let other = site.read("public/initiativer/din-indgang/index.html");
    assert!(main_of(&other).contains("Planlagt"));
}

#[test]
fn a_status_outside_the_sites_vocabulary_is_an_error_at_its_line() {
    let site = site();
    // `running` is built in, but this site's statuses do not include it.
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("content/initiativer/bostoette.md:")
        .assert_stderr("`status` cannot be \"running\"")
        .assert_stderr("`igangsat`, `planned`, `afsluttet`");
}

#[test]
fn a_misspelt_word_or_kind_is_an_error_in_the_config() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}kinds:\n  fokus_area: {{name: X}}\n"),
    );
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:6:3")
        .assert_stderr("did you mean `focus_area`?");
    site.write("pejl.yaml", &format!("{config}words:\n  primary_gaol: Y\n"));
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:6:3")
        .assert_stderr("the theme has no text with that name")
        .assert_stderr("did you mean `primary_goal`?");
}
