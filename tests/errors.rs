//! Bad input: clear messages with file, line and column, exit code 1, previous output kept.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;

/// Build once, break something, build again: the second build must fail and leave
/// every byte of the first output as it was.
fn fails_and_keeps_output(site: &Site, break_it: impl FnOnce(&Site), needles: &[&str]) {
    site.build().assert_ok();
    let before = site.snapshot("public");
    break_it(site);
    let run = site.build();
    run.assert_code(1);
    for n in needles {
        run.assert_stderr(n);
    }
    assert_eq!(
        before,
        site.snapshot("public"),
        "the previous output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".pejl-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn dangling_goal_reference_names_file_line_and_suggests() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.edit(
                "content/initiativer/bostoette.md",
                "goal: beslutninger",
                "goal: beslutning",
            );
        },
        &[
            "content/initiativer/bostoette.md:4:7",
            "did you mean \"beslutninger\"?",
        ],
    );
}

#[test]
fn broken_markdown_link_names_file_and_line() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.edit(
                "content/initiativer/din-indgang.md",
                "En samlet indgang.",
                "Se [x](../maal/findes-ikke.md).",
            );
        },
        &["content/initiativer/din-indgang.md:11:", "findes-ikke.md"],
    );
}

#[test]
fn broken_anchor_is_an_error_with_a_suggestion() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.edit(
                "content/strategier/social.md",
                "#det-hele-menneske",
                "#det-hele-mennesket",
            );
        },
        &[
            "content/strategier/social.md:11:",
            "did you mean \"#det-hele-menneske\"?",
        ],
    );
}

#[test]
fn yaml_syntax_error_names_the_line_in_the_file() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.edit(
                "content/maal/sundhed.md",
                "strategy: social",
                "strategy: [social",
            );
        },
        &["content/maal/sundhed.md:", "not valid YAML"],
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    site.edit(
        "content/maal/sundhed.md",
        "strategy: social",
        "strategi: social",
    );
    site.edit(
        "content/initiativer/din-indgang.md",
        "status: planned",
        "status: planed",
    );
    site.edit(
        "content/tidsplan/ssu.md",
        "17. august 2023",
        "30. februar 2023",
    );
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("content/maal/sundhed.md:4:1")
        .assert_stderr("did you mean `strategy`?")
        .assert_stderr("content/initiativer/din-indgang.md:5:9")
        .assert_stderr("did you mean `planned`?")
        .assert_stderr("content/tidsplan/ssu.md:4:")
        .assert_stderr("februar");
}

#[test]
fn duplicate_ids_name_both_files() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.write(
                "content/tidsplan/social.md",
                "---\ntitle: X\nkind: milestone\ndate: 2024\n---\n",
            );
        },
        &["is already used by", "content/strategier/social.md"],
    );
}

#[test]
fn parent_cycles_are_reported() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.write("content/a.md", "---\ntitle: A\nparent: b\n---\n");
            s.write("content/b.md", "---\ntitle: B\nparent: a\n---\n");
        },
        &["in a circle", "content/a.md:3:9"],
    );
}

#[test]
fn reference_to_the_wrong_kind_is_explained() {
    let site = Site::fixture("linked");
    fails_and_keeps_output(
        &site,
        |s| {
            s.edit(
                "content/initiativer/din-indgang.md",
                "goal: sundhed",
                "goal: social",
            );
        },
        &["must name a goal, but \"social\" is a strategy"],
    );
}

#[test]
fn check_reports_errors_and_writes_nothing() {
    let site = Site::fixture("linked");
    site.pejl(&["check"]).assert_ok();
    assert!(!site.path("public").exists(), "check wrote output");
    site.edit(
        "content/maal/sundhed.md",
        "strategy: social",
        "strategy: sociall",
    );
    site.pejl(&["check"])
        .assert_code(1)
        .assert_stderr("content/maal/sundhed.md:4:11");
    assert!(!site.path("public").exists(), "check wrote output");
}

#[test]
fn xss_payloads_are_rendered_inert() {
    let site = Site::fixture("linked");
    site.edit(
        "content/initiativer/din-indgang.md",
        "title: Din Indgang",
        "title: \"<script>alert('t')</script>\"",
    );
    site.edit(
        "content/initiativer/din-indgang.md",
        "forum: SSU",
        "forum: \"<img src=x onerror=alert(1)>\"",
    );
    site.edit(
        "content/initiativer/din-indgang.md",
        "En samlet indgang.",
        "<script>alert('b')</script>\n\n[klik](javascript:alert(1)) <iframe src=x></iframe>",
    );
    let run = site.build();
    run.assert_ok().assert_stderr("javascript:alert(1)");
    for page in [
        "public/initiativer/din-indgang/index.html",
        "public/maal/sundhed/index.html",
        "public/tidslinje/index.html",
    ] {
        let html = site.read(page);
        // The only scripts are the theme's own files (menu.js on every page).
        for tag in html.split("<script").skip(1) {
            let head = tag.split('>').next().unwrap_or("");
            assert!(
                head.starts_with(" src=\"") && head.contains("assets/") && !head.contains("alert"),
                "{page} has a script tag: <script{head}>"
            );
        }
        assert!(!html.contains("<script>"), "{page} has a script tag");
        assert!(!html.contains("<img src=x"), "{page} has the img payload");
        assert!(!html.contains("<iframe"), "{page} has an iframe");
        assert!(
            !html.contains("href=\"javascript"),
            "{page} has a javascript link"
        );
    }
    assert!(
        site.read("public/initiativer/din-indgang/index.html")
            .contains("&lt;script&gt;")
    );
}

#[test]
fn missing_config_explains_what_to_do() {
    let site = Site::fixture("linked");
    std::fs::remove_file(site.path("pejl.yaml")).expect("rm");
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml")
        .assert_stderr("pejl init");
}

#[test]
fn unknown_theme_is_an_error_with_the_choices() {
    let site = Site::fixture("linked");
    site.write("pejl.yaml", "title: T\ntheme: defualt\n");
    site.build()
        .assert_code(1)
        .assert_stderr("no theme called \"defualt\"")
        .assert_stderr("did you mean `theme: default`?");
}

#[test]
fn template_errors_name_template_line_and_variable() {
    let site = Site::fixture("linked");
    site.write("templates/goal.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.goal.nothing_here }}</p>\n{% endblock content %}\n");
    site.build()
        .assert_code(1)
        .assert_stderr("templates/goal.html:3:")
        .assert_stderr("nothing_here");
}

#[test]
fn a_site_template_overrides_the_themes() {
    let site = Site::fixture("linked");
    site.write("templates/milestone.html", "<!doctype html><title>{{ page.title }}</title><p>EGEN SKABELON {{ page.milestone.date }}</p>\n");
    site.build().assert_ok();
    assert!(
        site.read("public/tidsplan/ssu/index.html")
            .contains("EGEN SKABELON 17. august 2023")
    );
    assert!(
        !site
            .read("public/vision/index.html")
            .contains("EGEN SKABELON")
    );
}

#[test]
fn refuses_output_folders_that_would_destroy_the_project() {
    let site = Site::fixture("linked");
    for bad in [".", "content", "content/x", ".."] {
        site.pejl(&["build", "--output", bad])
            .assert_code(1)
            .assert_stderr("will not write the site");
    }
    site.write("mine/notes.txt", "do not delete");
    site.pejl(&["build", "--output", "mine"])
        .assert_code(1)
        .assert_stderr("did not make");
    assert_eq!(site.read("mine/notes.txt"), "do not delete");
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::fixture("linked");
    site.pejl(&["bulid"]).assert_code(2);
    site.pejl(&["new", "initiativ", "X"])
        .assert_code(2)
        .assert_stderr("initiative");
    site.pejl(&["build", "--help"]).assert_ok();
}

#[test]
fn bom_and_crlf_files_just_work() {
    let site = Site::fixture("linked");
    site.write(
        "content/crlf.md",
        "\u{feff}---\r\ntitle: Windows\r\n---\r\n\r\nTekst\r\n",
    );
    site.build().assert_ok();
    assert!(site.read("public/crlf/index.html").contains("Windows"));
}

#[test]
fn unknown_nav_page_is_an_error_with_a_suggestion() {
    let site = Site::fixture("linked");
    site.write(
        "pejl.yaml",
        "title: T\nnav: [vision, strategie, tidslinje]\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("`nav` names the page \"strategie\"")
        .assert_stderr("did you mean \"strategier\"?");
}

#[test]
fn a_broken_file_does_not_cascade_into_errors_in_the_files_that_name_it() {
    let site = Site::fixture("linked");
    site.edit(
        "content/maal/sundhed.md",
        "title: Voksne",
        "title: Mål: Voksne",
    );
    let run = site.build();
    run.assert_code(1)
        .assert_stderr("content/maal/sundhed.md:2:");
    assert!(
        !run.stderr.contains("names a goal \"sundhed\""),
        "cascading error:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error and"), "{}", run.stderr);
}

#[test]
fn a_danish_site_gets_its_messages_in_danish() {
    let site = Site::fixture("linked");
    site.edit(
        "content/maal/sundhed.md",
        "strategy: social",
        "strategi: social",
    );
    site.edit(
        "content/initiativer/bostoette.md",
        "goal: beslutninger",
        "goal: beslutning",
    );
    site.edit(
        "content/tidsplan/ssu.md",
        "17. august 2023",
        "30. februar 2023",
    );
    let run = site.pejl_in("da", &["build"]);
    run.assert_code(1)
        .assert_stderr("fejl: feltet `strategi` hører ikke til en side af typen `goal`")
        .assert_stderr("hjælp: mente du `strategy`?")
        .assert_stderr(
            "feltet `goal` henviser til et mål med id'et \"beslutning\", men det findes ikke",
        )
        .assert_stderr("hjælp: mente du \"beslutninger\"?")
        .assert_stderr("\"30. februar 2023\" er ikke en rigtig dato: februar 2023 har 28 dage")
        .assert_stderr("hjælp: skriv datoer som 13. marts 2025")
        .assert_stderr("4 fejl og 0 advarsler");
    for english in [
        "error:",
        "did you mean",
        "help:",
        "is not a field",
        "errors and",
    ] {
        assert!(
            !run.stderr.contains(english),
            "English {english:?} in a Danish report:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_page_that_cannot_be_read_is_reported_once_not_by_every_link_to_it() {
    let site = Site::fixture("linked");
    // bostoette.md links to din-indgang.md in its text and names goals by id.
    site.edit(
        "content/initiativer/din-indgang.md",
        "den 6. februar 2025",
        "30. februar 2025",
    );
    let run = site.pejl(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/initiativer/din-indgang.md:7:11"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("which does not exist"),
        "no second error from the link to it:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

/// A title in a word processor's quotes reads as YAML, so the quotes would be
/// published: a warning at the line says so and what to write.
#[test]
fn a_title_in_typographic_quotes_is_warned_about_at_its_line() {
    let site = Site::fixture("linked");
    site.write(
        "content/vilde.md",
        "---\ntitle: “Vilde rabatter”\n---\nTekst.\n",
    );
    let run = site.pejl_in("da", &["check"]);
    run.assert_ok()
        .assert_stderr("content/vilde.md:2:8")
        .assert_stderr("typografiske anførselstegn “…”, som vil stå på siden")
        .assert_stderr("`title: \"Vilde rabatter\"`");
}

/// Tabs on several lines: the first is the error, and its help names the
/// others, so all are fixed before the next build.
#[test]
fn every_line_with_a_tab_is_named_at_once() {
    let site = Site::fixture("linked");
    site.write(
        "content/faner.md",
        "---\ntitle: Faner\nfollow_ups:\n\t- date: 2026\n\t  text: x\n---\n",
    );
    let run = site.pejl_in("da", &["check"]);
    run.assert_code(1)
        .assert_stderr("content/faner.md:4:1")
        .assert_stderr("linje 5 har samme slags problem")
        .assert_stderr("under teksten efter `- `");
}

/// A list entry whose second line is indented under the dash, not under its
/// text: YAML's own words ("did not find expected '-' indicator") become
/// Danish, with where the line must start.
#[test]
fn a_list_entry_indented_wrongly_is_explained_in_danish() {
    let site = Site::fixture("linked");
    site.write(
        "content/skaev.md",
        "---\ntitle: Skæv\nkind: initiative\nfollow_ups:\n  - date: 2026\n  text: x\n---\n",
    );
    let run = site.pejl_in("da", &["check"]);
    run.assert_code(1).assert_stderr("content/skaev.md:");
    assert!(!run.stderr.contains("did not find"), "{}", run.stderr);
    assert!(
        run.stderr.contains("rykket forkert ind")
            || run.stderr.contains("under teksten efter `- `"),
        "{}",
        run.stderr
    );
}
