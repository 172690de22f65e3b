//! Every address in pejl.yaml and in content goes through one check
//! (`src/url.rs`): `base_url`, `accessibility_statement`, each footer link's
//! `url` and a document's `file:`. A bad one stops the build with a message
//! naming the setting, its line and column, and the previous site stays as it
//! was; good ones (https, a page of the site) end up in every footer.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

/// The fixture's own line, which the cases below replace.
const STATEMENT: &str = "accessibility_statement: \"https://www.was.digst.dk/test-dk\"\n";

/// The fixture built once; its `public/` is what no refused build may touch.
fn built() -> Site {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    site
}

/// Break the built site with `break_it`, build again: exit 1, every needle in
/// the report, and the output exactly as before. The break is undone after.
fn refused(site: &Site, case: &str, break_it: impl FnOnce(&Site), needles: &[&str]) {
    let before = site.snapshot("public");
    let config = site.read("pejl.yaml");
    let document = site.read("content/dokumenter/notat.md");
    break_it(site);
    let run = site.build();
    assert_eq!(run.code, 1, "{case}: expected exit 1:\n{}", run.stderr);
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "{case}: the report lacks {needle:?}:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
    assert!(
        site.snapshot("public") == before,
        "{case}: the previous output changed"
    );
    site.write("pejl.yaml", &config);
    site.write("content/dokumenter/notat.md", &document);
}

/// A line of pejl.yaml in place of the accessibility statement's.
fn statement(value: &str) -> impl FnOnce(&Site) + '_ {
    move |s: &Site| {
        s.edit(
            "pejl.yaml",
            STATEMENT,
            &format!("accessibility_statement: {value}\n"),
        )
    }
}

/// Lines added at the end of pejl.yaml (from line 5 on).
fn added(lines: &str) -> impl FnOnce(&Site) + '_ {
    move |s: &Site| {
        let config = s.read("pejl.yaml");
        s.write("pejl.yaml", &format!("{config}{lines}"));
    }
}

/// A `file:` for the fixture's document (line 7 of its file).
fn file(value: &str) -> impl FnOnce(&Site) + '_ {
    move |s: &Site| {
        s.edit(
            "content/dokumenter/notat.md",
            "author: Ane Katrine Jensen\n",
            &format!("author: Ane Katrine Jensen\nfile: {value}\n"),
        )
    }
}

#[test]
fn the_accessibility_statement_must_be_a_web_address() {
    let site = built();
    let subject = "`accessibility_statement` is";
    for (value, why) in [
        ("\"javascript:alert(document.domain)\"", "runs code"),
        ("\" JaVaScRiPt:alert(1)\"", "`javascript:` runs code"),
        ("\"java\\tscript:alert(1)\"", "`javascript:` runs code"),
        ("\"java\\nscript:alert(1)\"", "`javascript:` runs code"),
        ("\"data:text/html,<script>alert(1)</script>\"", "`data:`"),
        ("\"vbscript:msgbox(1)\"", "`vbscript:`"),
        ("//evil.example/", "starts with `//` instead of `https://`"),
        ("https:evil.example", "must be followed by `//`"),
        ("\"https://\"", "no domain name"),
        ("www.was.digst.dk/test-dk", "does not start with https://"),
        (
            "mailto:post@test.dk",
            "`mailto:` does not lead to a web page",
        ),
        ("\"https://www.was.digst.dk/test dk\"", "a space"),
    ] {
        refused(
            &site,
            value,
            statement(value),
            &["pejl.yaml:4:26", subject, why, "help: "],
        );
    }
}

#[test]
fn the_sites_address_must_be_a_whole_https_address() {
    let site = built();
    for (value, why) in [
        ("//evil.example/", "starts with `//` instead of `https://`"),
        ("\"javascript:alert(1)\"", "runs code"),
        ("strategier.dk", "must start with https://"),
        ("/strategi/", "must start with https://"),
        ("https:strategier.dk", "must be followed by `//`"),
        ("\"http://\"", "no domain name"),
        (
            "\"https://strategier.dk/?side=1\"",
            "cannot have `?` or `#`",
        ),
        ("ftp://strategier.dk/", "`ftp:` does not lead to a web page"),
    ] {
        refused(
            &site,
            value,
            added(&format!("base_url: {value}\n")),
            &[
                "pejl.yaml:5:11",
                "`base_url` is",
                "which cannot be the site's address",
                why,
            ],
        );
    }
    // Written without https://, the help says what was meant.
    refused(
        &site,
        "bare domain",
        added("base_url: strategier.dk\n"),
        &["help: write `base_url: https://strategier.dk/`"],
    );
}

#[test]
fn a_footer_link_must_be_a_web_address_a_page_or_an_email() {
    let site = built();
    for (value, why) in [
        ("javascript:alert(1)", "runs code"),
        ("\"\\u0001javascript:alert(1)\"", "runs code"),
        ("//evil.example/", "starts with `//` instead of `https://`"),
        (
            "\"/\\\\evil.example/\"",
            "starts with `//` instead of `https://`",
        ),
        ("file:///etc/passwd", "`file:`"),
        ("om/", "does not start with https://, http:// or /"),
        ("\"https://www.ishoj.dk@evil.example/\"", "`@`"),
        ("\"https://x.dk\\\\om\"", "backslash"),
    ] {
        refused(
            &site,
            value,
            added(&format!(
                "footer_links:\n  - title: Om os\n    url: /om/\n  - title: Klik\n    url: {value}\n"
            )),
            &[
                "pejl.yaml:9:10",
                "the address of the footer link \"Klik\" is",
                why,
                "help: write ",
            ],
        );
    }
}

#[test]
fn the_help_for_a_footer_link_names_what_it_may_be() {
    let site = built();
    refused(
        &site,
        "javascript",
        added("footer_links:\n  - title: Klik\n    url: javascript:alert(1)\n"),
        &[
            "help: write an address starting with https:// (`url: https://www.ishoj.dk/`), a page of this site starting with / (`url: /om/`) or an e-mail address (`url: mailto:post@ishoj.dk`)",
        ],
    );
}

#[test]
fn a_documents_file_is_a_file_name_or_a_web_address() {
    let site = built();
    for (value, why) in [
        ("\"javascript:alert(1)\"", "runs code"),
        ("//evil.example/notat.pdf", "starts with `//`"),
        ("../../../etc/passwd", "goes up out of its folder with `..`"),
        ("\"data:text/plain,x\"", "`data:`"),
        (
            "\"C:\\\\Dokumenter\\\\notat.pdf\"",
            "a path on a computer (`C:`)",
        ),
    ] {
        refused(
            &site,
            value,
            file(value),
            &[
                "content/dokumenter/notat.md:7:7",
                "`file` is",
                "which cannot be the document's file",
                why,
                "help: write the file's name, like `file: notat.txt`",
            ],
        );
    }
}

#[test]
fn every_bad_address_is_reported_at_once_and_in_danish() {
    let site = built();
    let before = site.snapshot("public");
    site.edit("pejl.yaml", STATEMENT, "accessibility_statement: \"javascript:alert(document.domain)\"\nbase_url: //evil.example/\n");
    let run = site.pejl_in("da", &["build"]);
    run.assert_code(1)
        .assert_stderr("pejl.yaml:4:26")
        .assert_stderr("feltet `accessibility_statement` er \"javascript:alert(document.domain)\", som pejl ikke kan linke til: en adresse, der begynder med `javascript:`, kører kode i læserens browser")
        .assert_stderr("pejl.yaml:5:11")
        .assert_stderr("feltet `base_url` er \"//evil.example/\", som ikke kan være sitets adresse: den begynder med `//` i stedet for `https://`")
        .assert_stderr("hjælp: skriv `base_url: https://evil.example/`");
    assert!(site.snapshot("public") == before);
}

#[test]
fn good_addresses_build_and_are_linked_in_every_footer() {
    let site = built();
    site.edit(
        "pejl.yaml",
        STATEMENT,
        "accessibility_statement: /tilgaengelighed/\n\
         base_url: \" https://strategier.test.dk \"\n\
         footer_links:\n  \
           - title: Kommunen\n    url: \"https://www.ishoj.dk/x\"\n  \
           - title: Om os\n    url: /om/\n  \
           - title: Skriv til os\n    url: mailto:post@test.dk\n",
    );
    file("https://www.test.dk/notat.pdf")(&site);
    site.build().assert_ok();
    for page in ["public/index.html", "public/dokumenter/notat/index.html"] {
        let html = site.read(page);
        let footer = html.split("<footer").nth(1).expect("a footer");
        for href in [
            "href=\"/tilgaengelighed/\"",
            "href=\"https://www.ishoj.dk/x\"",
            "href=\"/om/\"",
            "href=\"mailto:post@test.dk\"",
        ] {
            assert!(footer.contains(href), "{page}: {href} missing");
        }
    }
    // The spaces around the site's address are gone, and it gained its slash.
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"https://strategier.test.dk/\""),
        "canonical link"
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://strategier.test.dk/</loc>")
    );
}

#[test]
fn the_base_url_option_goes_through_the_same_check() {
    let site = Site::fixture("linked");
    site.pejl(&["build", "--base-url", "//evil.example/"])
        .assert_code(1)
        .assert_stderr("`--base-url`");
    assert!(!site.path("public").exists());
    site.pejl(&["build", "--base-url", "https://strategier.example.dk/"])
        .assert_ok();
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://strategier.example.dk/")
    );
}
