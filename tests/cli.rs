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
    assert!(
        site.path("ny-portal/public/initiativer/min-indsats/index.html")
            .is_file()
    );
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
