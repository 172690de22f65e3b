//! `pejl new` and `pejl init`: starter files that build, and nothing overwritten.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

#[test]
fn init_makes_a_portal_that_builds() {
    let site = Site::fixture("linked");
    site.pejl(&["init", "ny-portal", "--title", "Min portal"])
        .assert_ok();
    let run = site.pejl(&["build", "--root", "ny-portal"]);
    run.assert_ok();
    let home = site.read("ny-portal/public/index.html");
    assert!(
        home.contains("Min portal") && home.contains("lang=\"da\""),
        "{home}"
    );
    // A short example of every kind, each page built and linked.
    for page in [
        "vision",
        "strategier/min-strategi",
        "fokusomraader/mit-fokusomraade",
        "maal/mit-maal",
        "indikatorer/min-indikator",
        "initiativer/min-indsats",
        "tidsplan/min-milepael",
        "dokumenter/mit-dokument",
        "om",
        "idekatalog",
        "temaer/mit-tema",
        "ideer/min-ide",
        "hovedindsatser/min-hovedindsats",
    ] {
        assert!(
            site.path(&format!("ny-portal/public/{page}/index.html"))
                .is_file(),
            "{page} was not built"
        );
    }
    let theme = site.read("ny-portal/public/temaer/mit-tema/index.html");
    assert!(theme.contains("Min idé"), "the theme lists its idea");
    // No problem but the placeholder accessibility statement.
    assert!(
        run.stderr.contains("(0 errors and 1 warning)"),
        "{}",
        run.stderr
    );
    // Every field of the kind is named, each after a comment explaining it.
    let initiative = site.read("ny-portal/content/initiativer/min-indsats.md");
    for field in [
        "goal:",
        "#secondary_goals:",
        "status:",
        "follow_ups:",
        "#partners:",
    ] {
        let at = initiative
            .find(field)
            .unwrap_or_else(|| panic!("{field} missing"));
        let before = initiative[..at].trim_end().lines().last().unwrap_or("");
        assert!(before.starts_with("# "), "{field} has no comment above it");
    }
    let config = site.read("ny-portal/pejl.yaml");
    for setting in [
        "#organisation:",
        "#base_url:",
        "#kinds:",
        "#statuses:",
        "#words:",
    ] {
        assert!(config.contains(setting), "pejl.yaml lacks {setting}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::fixture("linked");
    site.pejl(&["init", "content"])
        .assert_code(2)
        .assert_stderr("not empty");
    assert!(site.path("content/vision.md").is_file());
}

#[test]
fn new_writes_a_starter_file_where_the_kind_belongs_and_it_builds() {
    let site = Site::fixture("linked");
    site.pejl(&["new", "initiative", "Ny indsats for ældre"])
        .assert_ok();
    let text = site.read("content/initiativer/ny-indsats-for-aeldre.md");
    for field in ["goal", "follow_ups", "budget", "legal_references", "status"] {
        assert!(text.contains(field), "starter file lacks {field}");
    }
    site.build().assert_ok();
    assert!(
        site.read("public/initiativer/ny-indsats-for-aeldre/index.html")
            .contains("Ny indsats for ældre")
    );
}

#[test]
fn new_never_overwrites() {
    let site = Site::fixture("linked");
    site.pejl(&["new", "page", "Om"])
        .assert_code(2)
        .assert_stderr("already exists");
    assert!(
        site.read("content/om.md").contains("fodnote"),
        "om.md was overwritten"
    );
}

#[test]
fn every_command_has_help() {
    let site = Site::fixture("linked");
    for cmd in ["build", "check", "new", "init", "schema"] {
        site.pejl(&[cmd, "--help"]).assert_ok();
    }
}

#[test]
fn new_help_names_every_kind_of_the_schema() {
    let site = Site::fixture("linked");
    let run = site.pejl(&["new", "--help"]);
    run.assert_ok();
    let words: Vec<&str> = run
        .stdout
        .split(|c: char| c.is_whitespace() || c == ',')
        .collect();
    for kind in pejl::content::schema::Kind::WRITABLE {
        assert!(
            words.contains(&kind.name()),
            "`pejl new --help` does not name {kind}:\n{}",
            run.stdout
        );
    }
    // An unknown kind is still refused with the list of kinds.
    site.pejl(&["new", "initiativ", "X"])
        .assert_code(2)
        .assert_stderr("main_initiative, section");
}

#[test]
fn new_starters_name_the_portals_own_pages_and_build_as_written() {
    let site = Site::fixture("linked");
    site.pejl_in("da", &["new", "focus_area", "Sammen om sundhed"])
        .assert_ok()
        .assert_stderr("Oprettede ./content/fokusomraader/sammen-om-sundhed.md. Åbn filen");
    site.pejl(&["new", "goal", "Flere borgere er aktive"])
        .assert_ok();
    let focus = site.read("content/fokusomraader/sammen-om-sundhed.md");
    assert!(focus.contains("\nstrategy: social\n"), "{focus}");
    let goal = site.read("content/maal/flere-borgere-er-aktive.md");
    assert!(goal.contains("\nfocus_area: et-vaerdigt-liv\n"), "{goal}");
    site.build().assert_ok();
    assert!(
        site.read("public/maal/flere-borgere-er-aktive/index.html")
            .contains("Et værdigt liv")
    );
}

#[test]
fn a_starter_with_nothing_to_name_says_what_to_make_first() {
    let site = Site::fixture("linked");
    std::fs::remove_dir_all(site.path("content/strategier")).unwrap();
    site.pejl_in("da", &["new", "focus_area", "Sammen om sundhed"])
        .assert_ok();
    let focus = site.read("content/fokusomraader/sammen-om-sundhed.md");
    assert!(
        focus.contains("opret den først med `pejl new strategy"),
        "{focus}"
    );
    assert!(
        !focus.contains("\nstrategy: "),
        "no id of a page that does not exist: {focus}"
    );
}

/// Starter files name only the portal's own pages: the ones a reference may
/// name are listed, and a reference pejl had to fill in says so.
#[test]
fn starters_name_the_portals_own_pages_and_say_which_one_was_guessed() {
    let site = Site::fixture("linked");
    site.pejl(&["init", "ny", "--title", "Ny portal"])
        .assert_ok();
    site.pejl_in("da", &["new", "goal", "Mindre affald", "--root", "ny"])
        .assert_ok();
    let goal = site.read("ny/content/maal/mindre-affald.md");
    assert!(goal.contains("# Du kan skrive: mit-fokusomraade"), "{goal}");
    assert!(
        goal.contains("ret den til den rigtige.\nfocus_area: mit-fokusomraade"),
        "{goal}"
    );
    // No starter of the new portal names a page of the example portal.
    for entry in walkdir::WalkDir::new(site.path("ny/content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for ishoej in ["socialstrategi", "overblik-2025", "sammenhaengende-og"] {
                assert!(
                    !text.contains(ishoej),
                    "{}: {ishoej}",
                    entry.path().display()
                );
            }
        }
    }
    site.pejl(&["build", "--root", "ny"]).assert_ok();
}

/// `pejl new` takes a kind by its Danish name too, and an unknown one is
/// refused in the site's language with the nearest name.
#[test]
fn new_takes_the_danish_name_of_a_kind_and_refuses_others_in_danish() {
    let site = Site::fixture("linked");
    site.pejl_in("da", &["new", "mål", "Renere luft"])
        .assert_ok();
    assert!(
        site.read("content/maal/renere-luft.md")
            .contains("kind: goal")
    );
    site.pejl_in("da", &["new", "Indsats", "Cykelstier"])
        .assert_ok();
    assert!(site.path("content/initiativer/cykelstier.md").is_file());
    site.pejl_in("da", &["new", "goall", "X"])
        .assert_code(2)
        .assert_stderr("er ikke en slags side. Mente du `goal`?");
}
