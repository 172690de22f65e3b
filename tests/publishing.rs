//! Nothing lost, nothing leaked: the output folder under concurrent builds,
//! links and odd `--output`s; what of `content/` is published; addresses
//! wanted twice; files that are not ordinary files; runaway templates.
//!
//! Each case asserts what a user would notice: the exit code, the message,
//! the files on disk (published or not, the previous site unchanged).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use common::Site;

/// Files in the output whose name contains `needle`.
fn published(site: &Site, needle: &str) -> Vec<String> {
    site.snapshot("public")
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.contains(needle))
        .collect()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".pejl-"))
        .collect()
}

const DRAFT: &str = "---\ntitle: Hemmelig kladde\ndraft: true\n---\nFORTROLIGT udkast.\n";

#[test]
fn pages_with_any_markdown_ending_are_read_as_pages_so_drafts_stay_drafts() {
    let site = Site::fixture("linked");
    // Even a site that publishes every file: a page is never a file.
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}publish_unlinked_files: true\n"),
    );
    site.write("content/Kladde.MD", DRAFT);
    site.write("content/kladde2.markdown", DRAFT);
    site.write("content/kladde3.Mdown", DRAFT);
    site.write(
        "content/Nyhed.MARKDOWN",
        "---\ntitle: En nyhed\n---\nOffentlig tekst.\n",
    );
    site.build().assert_ok();
    let all = site.snapshot("public");
    for (path, bytes) in &all {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("FORTROLIGT") && !text.contains("draft: true"),
            "a draft reached {}",
            path.display()
        );
    }
    assert!(published(&site, "kladde").is_empty());
    assert!(published(&site, "Kladde").is_empty());
    let page = site.read("public/nyhed/index.html");
    assert!(page.contains("En nyhed") && page.contains("Offentlig tekst."));
}

#[test]
fn editor_and_system_leftovers_are_never_published() {
    let site = Site::fixture("linked");
    // Even a site that publishes every file it has.
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}publish_unlinked_files: true\n"),
    );
    let body = "---\ntitle: Om\n---\nGammel tekst.\n";
    for name in [
        "om.md.orig",
        "om.md.save",
        "om.md.old",
        "om.md.rej",
        "Thumbs.db",
        "desktop.ini",
        "~$Rapport.docx",
        ".DS_Store",
        "om.md.BAK",
    ] {
        site.write(&format!("content/{name}"), body);
    }
    site.build().assert_ok();
    let names: Vec<String> = site
        .snapshot("public")
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for leftover in [
        "orig", "save", ".old", ".rej", "Thumbs", "desktop", "Rapport", "DS_", "BAK",
    ] {
        assert!(
            !names.iter().any(|n| n.contains(leftover)),
            "{leftover} was published: {names:?}"
        );
    }
}

#[test]
fn files_no_page_links_to_are_left_out_and_listed_linked_ones_published() {
    let site = Site::fixture("linked");
    site.write("content/Udkast - fortroligt.docx", "internt");
    site.write("content/initiativer/bilag.pdf", "%PDF intern");
    site.write("content/rapport.pdf", "%PDF offentlig");
    site.write("content/kort.png", "PNG");
    site.edit(
        "content/om.md",
        "title: Om portalen\n---\n",
        "title: Om portalen\n---\nLæs [rapporten](rapport.pdf).\n\n![Kort over kommunen](kort.png)\n",
    );
    let run = site.build();
    run.assert_ok()
        .assert_stderr("not published, because no page links to them")
        .assert_stderr("content/Udkast - fortroligt.docx")
        .assert_stderr("content/initiativer/bilag.pdf")
        .assert_stderr("publish_unlinked_files: true");
    assert!(site.path("public/rapport.pdf").is_file());
    assert!(site.path("public/kort.png").is_file());
    assert!(!site.path("public/Udkast - fortroligt.docx").exists());
    assert!(!site.path("public/initiativer/bilag.pdf").exists());

    // A site may choose to publish every file.
    let text = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{text}publish_unlinked_files: true\n"),
    );
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("not published"), "{}", run.stderr);
    assert!(site.path("public/initiativer/bilag.pdf").is_file());
}

#[test]
fn a_page_at_an_address_pejl_generates_is_an_error_naming_both() {
    for (rel, address) in [
        ("tidslinje.md", "tidslinje/index.html"),
        ("soeg.md", "soeg/index.html"),
        ("indsatser.md", "indsatser/index.html"),
        ("oekonomi.md", "oekonomi/index.html"),
    ] {
        let site = Site::fixture("linked");
        site.build().assert_ok();
        let before = site.snapshot("public");
        site.write(
            &format!("content/{rel}"),
            "---\ntitle: Min egen side\n---\nTekst.\n",
        );
        let run = site.build();
        run.assert_code(1)
            .assert_stderr("two things want the address")
            .assert_stderr(address)
            .assert_stderr(&format!("content/{rel}"));
        assert!(site.snapshot("public") == before, "{rel}: output changed");
        assert!(leftovers(site.root()).is_empty());
    }
}

#[test]
fn a_file_at_an_address_pejl_generates_is_an_error_naming_both() {
    for rel in [
        "feed.xml",
        "sitemap.xml",
        "index.html",
        "pagefind/pagefind.js",
        "data/initiatives.json",
        "kalender.ics",
    ] {
        let site = Site::fixture("linked");
        site.write(&format!("content/{rel}"), "not pejl's");
        site.write(
            "pejl.yaml",
            &format!("{}publish_unlinked_files: true\n", site.read("pejl.yaml")),
        );
        let run = site.build();
        run.assert_code(1)
            .assert_stderr("two things want the address")
            .assert_stderr(&format!("content/{rel}"));
        assert!(!site.path("public").exists(), "{rel}: a site was written");
    }
}

#[test]
fn two_builds_at_once_never_leave_a_broken_site() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let clean = site.snapshot("public");
    for round in 0..10 {
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_pejl"))
                .env("PEJL_MESSAGES", "en")
                .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
                .arg("build")
                .current_dir(site.root())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("run pejl")
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() || stderr.contains("another pejl build"),
                "round {round}: {stderr}"
            );
        }
        assert!(
            site.snapshot("public") == clean,
            "round {round}: the site differs from a clean build"
        );
        assert!(leftovers(site.root()).is_empty(), "round {round}");
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_built_at_its_target_and_the_link_kept() {
    let site = Site::fixture("linked");
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("www");
    std::fs::create_dir(&target).unwrap();
    let beside = www.path().join("andet.txt");
    std::fs::write(&beside, "not pejl's").unwrap();
    std::os::unix::fs::symlink(&target, site.path("public")).unwrap();
    site.build().assert_ok();
    site.build().assert_ok();
    assert!(
        std::fs::symlink_metadata(site.path("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(target.join("index.html").is_file());
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "not pejl's");
    assert!(leftovers(www.path()).is_empty());

    // A link to a folder that holds files pejl did not make is refused.
    std::fs::remove_file(site.path("public")).unwrap();
    std::os::unix::fs::symlink(www.path(), site.path("public")).unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr("already holds files that pejl did not make");
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "not pejl's");
}

#[test]
fn an_output_that_is_a_file_or_a_folder_pejl_reads_is_refused() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.pejl(&["build", "--output", "pejl.yaml"])
        .assert_code(1)
        .assert_stderr("it is a file, not a folder");
    assert_eq!(site.read("pejl.yaml"), config);
    for folder in [
        "static/public",
        "templates/out",
        "themes/mit/public",
        "content/x",
    ] {
        let run = site.pejl(&["build", "--output", folder]);
        run.assert_code(1)
            .assert_stderr("pejl will not write the site");
        assert!(!site.path(folder).exists(), "{folder}");
    }
    assert!(leftovers(site.root()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_static_folder_or_file_that_is_a_link_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.css"), "body{}").unwrap();
    let site = Site::fixture("linked");
    std::os::unix::fs::symlink(outside.path(), site.path("static")).unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr("symbolic link")
        .assert_stderr("static");
    assert!(!site.path("public").exists());

    let site = Site::fixture("linked");
    std::fs::create_dir(site.path("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.css"),
        site.path("static/theme.css"),
    )
    .unwrap();
    site.build().assert_code(1).assert_stderr("symbolic link");
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_pipe_or_endless_is_refused_without_hanging() {
    let site = Site::fixture("linked");
    std::fs::remove_file(site.path("pejl.yaml")).unwrap();
    let made = Command::new("mkfifo")
        .arg(site.path("pejl.yaml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    site.build()
        .assert_code(1)
        .assert_stderr("not an ordinary file");
    assert!(leftovers(site.root()).is_empty());

    let site = Site::fixture("linked");
    std::fs::remove_file(site.path("pejl.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", site.path("pejl.yaml")).unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr("not an ordinary file");
    assert!(leftovers(site.root()).is_empty());
}

#[test]
fn a_runaway_template_stops_with_an_error_naming_it() {
    let site = Site::fixture("linked");
    site.write(
        "templates/page.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("templates/page.html")
        .assert_stderr("was stopped");
    assert!(!site.path("public").exists());
    assert!(leftovers(site.root()).is_empty());
}

#[test]
fn a_file_in_a_folder_named_like_a_file_pejl_makes_is_an_error_naming_both() {
    let site = Site::fixture("linked");
    site.write("content/feed.xml/kort.png", "PNG");
    site.edit(
        "content/om.md",
        "title: Om portalen\n---\n",
        "title: Om portalen\n---\n![Kort over kommunen](feed.xml/kort.png)\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("two things want the address feed.xml")
        .assert_stderr("content/feed.xml/kort.png")
        .assert_stderr("the feed pejl makes");
    assert!(!site.path("public").exists());
}

/// Make a file undeletable (`chattr +i`, as root on ext4); false where
/// that cannot be done here.
#[cfg(target_os = "linux")]
fn immutable(path: &Path, on: bool) -> bool {
    Command::new("chattr")
        .arg(if on { "+i" } else { "-i" })
        .arg(path)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(target_os = "linux")]
#[test]
fn a_previous_site_that_cannot_be_deleted_is_set_aside_and_said_so() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    let locked = site.path("public/sub/locked.txt");
    std::fs::create_dir_all(locked.parent().unwrap()).unwrap();
    std::fs::write(&locked, "made by another user").unwrap();
    if !immutable(&locked, true) {
        eprintln!("chattr +i is not possible here: skipped");
        return;
    }
    let run = site.build();
    let aside: Vec<String> = leftovers(site.root());
    for name in &aside {
        immutable(&site.path(&format!("{name}/sub/locked.txt")), false);
    }
    immutable(&locked, false);
    run.assert_ok()
        .assert_stderr("the new site is published")
        .assert_stderr("could not delete all of the previous one");
    assert!(site.path("public/index.html").is_file());
    assert!(!site.path("public/sub").exists(), "the new site is whole");
    assert_eq!(aside.len(), 1, "{aside:?}");
    // The next build is not blocked, and tidies the set-aside folder away.
    site.build().assert_ok();
    assert!(leftovers(site.root()).is_empty());
}
