//! Every diagnostic a user can meet must also be written in Danish.
//!
//! Breaks a copy of the `linked` fixture site in as many ways as the stages know
//! how to report (parse, validate, link, config, theme, load, render, output), and
//! checks that each message and each help line has a Danish text. A new message
//! written as a plain string (English only) makes this test fail.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::base::diagnostic::{Diagnostic, Lang};
use crate::pipeline::{self, Options};

/// A fresh copy of `tests/fixtures/linked`.
fn fixture() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linked");
    let dir = tempfile::tempdir().expect("temp dir");
    for e in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let rel = e.path().strip_prefix(&src).expect("inside");
        let to = dir.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).expect("read");
    assert!(text.contains(from), "{rel} lacks {from:?}");
    write(root, rel, &text.replacen(from, to, 1));
}

fn options(root: &Path) -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        ..Options::new(root)
    }
}

/// Break the fixture with `break_it`, check it, and return what was found.
/// Each case must find something: otherwise it tests nothing.
fn broken(name: &str, break_it: impl FnOnce(&Path)) -> Vec<Diagnostic> {
    let site = fixture();
    break_it(site.path());
    let (_, report) = pipeline::check(&options(site.path()));
    assert!(
        !report.diagnostics.is_empty(),
        "{name}: nothing was reported"
    );
    report.diagnostics
}

/// Like [`broken`], but through `build` (output folder checks and writing).
fn broken_build(name: &str, break_it: impl FnOnce(&Path) -> PathBuf) -> Vec<Diagnostic> {
    let site = fixture();
    let output = break_it(site.path());
    let mut o = options(site.path());
    o.paths.output = output;
    let report = pipeline::build(&o);
    assert!(
        !report.diagnostics.is_empty(),
        "{name}: nothing was reported"
    );
    report.diagnostics
}

fn all_cases() -> Vec<Diagnostic> {
    let mut all = Vec::new();
    let page = |rel: &'static str, text: &'static str| move |r: &Path| write(r, rel, text);

    // YAML and front matter (yaml, parse).
    for (name, text) in [
        ("empty file", ""),
        ("no front matter", "title: A\n"),
        ("never closed", "---\ntitle: A\n"),
        ("invalid yaml", "---\ntitle: [A\n---\n"),
        ("colon in text", "---\ntitle: Mål: A\n---\n"),
        ("duplicate key", "---\ntitle: A\ntitle: B\n---\n"),
        ("not a mapping", "---\n- a\n- b\n---\n"),
        ("odd key", "---\n[a, b]: c\n---\n"),
        ("bad kind", "---\ntitle: A\nkind: initiativ\n---\n"),
        ("far kind", "---\ntitle: A\nkind: xyzzy-plugh\n---\n"),
        ("list kind", "---\ntitle: A\nkind: [goal]\n---\n"),
    ] {
        all.extend(broken(name, page("content/x.md", text)));
    }
    all.extend(broken(
        "index with a kind",
        page("content/nyt/_index.md", "---\ntitle: N\nkind: page\n---\n"),
    ));

    // Field checks (validate).
    for (name, text) in [
        (
            "unknown field",
            "---\ntitle: A\nkind: initiative\ngaol: sundhed\n---\n",
        ),
        (
            "unknown field, no near",
            "---\ntitle: A\nbudgetramme: 5\n---\n",
        ),
        ("missing title", "---\nkind: page\n---\n"),
        ("empty title", "---\ntitle:\n---\n"),
        ("not a number", "---\ntitle: A\nweight: first\n---\n"),
        ("not a bool", "---\ntitle: A\ndraft: maybe\n---\n"),
        ("not a text", "---\ntitle: [a, b]\n---\n"),
        (
            "not a list",
            "---\ntitle: A\nkind: initiative\nsecondary_goals: {a: b}\n---\n",
        ),
        ("bad id", "---\ntitle: A\nid: Din Indgang\n---\n"),
        (
            "bad date",
            "---\ntitle: A\nkind: milestone\ndate: 30. februar 2023\n---\n",
        ),
        (
            "unreadable date",
            "---\ntitle: A\nkind: milestone\ndate: snart\n---\n",
        ),
        (
            "bad status",
            "---\ntitle: A\nkind: initiative\nstatus: runing\n---\n",
        ),
        (
            "far status",
            "---\ntitle: A\nkind: initiative\nstatus: xyzzy\n---\n",
        ),
        (
            "record not a map",
            "---\ntitle: A\nkind: initiative\nfollow_ups: [a]\n---\n",
        ),
        (
            "record field",
            "---\ntitle: A\nkind: initiative\nfollow_ups:\n  - forum: SSU\n---\n",
        ),
        ("goal without parent", "---\ntitle: A\nkind: goal\n---\n"),
        (
            "goal with two parents",
            "---\ntitle: A\nkind: goal\nfocus_area: et-vaerdigt-liv\nstrategy: social\n---\n",
        ),
    ] {
        all.extend(broken(name, page("content/x.md", text)));
    }

    // References and links (link).
    all.extend(broken("dangling reference", |r| {
        edit(
            r,
            "content/initiativer/bostoette.md",
            "goal: beslutninger",
            "goal: beslutning",
        );
    }));
    all.extend(broken("wrong kind", |r| {
        edit(
            r,
            "content/initiativer/din-indgang.md",
            "goal: sundhed",
            "goal: social",
        );
    }));
    all.extend(broken(
        "points to itself",
        page("content/selv.md", "---\ntitle: S\nparent: selv\n---\n"),
    ));
    all.extend(broken(
        "duplicate id",
        page(
            "content/tidsplan/social.md",
            "---\ntitle: X\nkind: milestone\ndate: 2024\n---\n",
        ),
    ));
    all.extend(broken("duplicate address", |r| {
        write(r, "content/Om.md", "---\ntitle: O\nid: om-igen\n---\n");
    }));
    all.extend(broken("unknown bearing", |r| {
        edit(
            r,
            "content/strategier/social.md",
            "[forebyggelse]",
            "[forebyggelsen]",
        );
    }));
    all.extend(broken("bearing twice", |r| {
        edit(
            r,
            "content/vision.md",
            "    text: at der fokuseres på forebyggende indsatser\n",
            "    text: x\n  - id: forebyggelse\n    title: Igen\n",
        );
    }));
    all.extend(broken("missing document file", |r| {
        edit(
            r,
            "content/dokumenter/notat.md",
            "author: Ane Katrine Jensen\n",
            "author: Ane Katrine Jensen\nfile: notat.pdf\n",
        );
    }));
    all.extend(broken("cycle", |r| {
        write(r, "content/a.md", "---\ntitle: A\nparent: b\n---\n");
        write(r, "content/b.md", "---\ntitle: B\nparent: a\n---\n");
    }));
    for (name, body) in [
        ("unsafe link", "[x](javascript:alert(1))"),
        ("missing file", "![Kort](/billeder/kort.pgn)"),
        ("outside content", "[x](../../x.md)"),
        ("missing target", "[x](../maal/sundhedd.md)"),
        ("missing anchor", "[x](../maal/sundhed.md#findes-ikke)"),
        ("near anchor", "[x](../strategier/social.md#om-strategie)"),
    ] {
        all.extend(broken(name, |r| {
            edit(
                r,
                "content/initiativer/din-indgang.md",
                "En samlet indgang.",
                body,
            );
        }));
    }

    // Configuration, navigation and themes (config, pipeline, theme).
    for (name, text) in [
        ("config yaml", "title: [T\n"),
        ("config unknown key", "title: T\nlanguge: da\n"),
        ("config missing title", "language: da\n"),
        ("config duplicate", "title: T\ntitle: U\n"),
        ("config language", "title: T\nlanguage: de\n"),
        ("config base_url", "title: T\nbase_url: strategier.dk\n"),
        (
            "config footer",
            "title: T\nfooter_links:\n  - title: x\n    url: javascript:alert(1)\n",
        ),
        ("unknown nav page", "title: T\nnav: [vision, strategie]\n"),
        ("unknown theme", "title: T\ntheme: defualt\n"),
        ("unknown theme, no near", "title: T\ntheme: xyzzy-plugh\n"),
        (
            "unknown kind in kinds",
            "title: T\nkinds:\n  fokus_area: {name: X}\n  vision: {plural: Visioner}\n",
        ),
        (
            "status without means or label",
            "title: T\nstatuses:\n  - id: Igangsat\n  - id: x\n    means: going\n  - id: x\n    label: X\n    means: running\n",
        ),
        (
            "unknown word",
            "title: T\nwords:\n  kind_gaol: Succeskriterium\n",
        ),
        (
            "brand colours",
            "title: T\nbrand:\n  logo: logo.svg\n  colors:\n    text: \"#999\"\n    accent: bordeaux\n",
        ),
        (
            "brand contrast, unset colours",
            "title: T\nbrand:\n  colors:\n    primary: \"#7fb8a4\"\n",
        ),
        (
            "missing logo",
            "title: T\nbrand:\n  logo: logo.svg\n  logo_alt: T\n",
        ),
        (
            "status outside the vocabulary",
            "title: T\nstatuses:\n  - id: igangsat\n    label: Igangsat\n    means: running\n",
        ),
    ] {
        all.extend(broken(name, page("pejl.yaml", text)));
    }
    all.extend(broken("theme without strings or templates", |r| {
        write(r, "pejl.yaml", "title: T\ntheme: eget\n");
        write(r, "themes/eget/static/x.css", "p {}\n");
    }));
    all.extend(broken("bad string table", |r| {
        write(r, "pejl.yaml", "title: T\ntheme: eget\n");
        write(r, "themes/eget/strings/da.yaml", "a: [b\n");
    }));
    all.extend(broken("theme missing templates", |r| {
        write(r, "pejl.yaml", "title: T\ntheme: eget\n");
        write(r, "themes/eget/strings/da.yaml", "a: b\n");
    }));

    // Templates (render).
    all.extend(broken(
        "template syntax",
        page("templates/goal.html", "{% if %}\n"),
    ));
    all.extend(broken("template rendering", |r| {
        write(
            r,
            "templates/goal.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ page.goal.nothing_here }}{% endblock content %}\n",
        );
        write(r, "templates/timeline.html", "{{ nothing_here.x }}\n");
        write(r, "templates/404.html", "{{ nothing_here.y }}\n");
    }));

    // Reading (load).
    all.extend(broken("no config", |r| {
        std::fs::remove_file(r.join("pejl.yaml")).expect("rm");
    }));
    all.extend(broken("no content folder", |r| {
        std::fs::remove_dir_all(r.join("content")).expect("rm");
    }));
    all.extend(broken("not UTF-8", |r| {
        std::fs::write(r.join("content/latin1.md"), b"---\ntitle: M\xe5l\n---\n").expect("write");
    }));
    all.extend(broken("template not UTF-8", |r| {
        std::fs::create_dir_all(r.join("templates")).expect("mkdir");
        std::fs::write(r.join("templates/goal.html"), b"M\xe5l\n").expect("write");
    }));
    #[cfg(unix)]
    all.extend(broken("symbolic link", |r| {
        std::os::unix::fs::symlink(r.join("pejl.yaml"), r.join("content/link.md")).expect("link");
    }));

    // Writing (output).
    all.extend(broken_build("output is the project", |r| r.to_path_buf()));
    all.extend(broken_build("output inside content", |r| {
        r.join("content/ud")
    }));
    all.extend(broken_build("output inside themes", |r| r.join("themes")));
    all.extend(broken_build("output holds other files", |r| {
        write(r, "mine/notes.txt", "keep");
        r.join("mine")
    }));
    all.extend(broken_build("output cannot be written", |r| {
        write(r, "afile", "not a folder");
        r.join("afile/public")
    }));
    all
}

#[test]
fn every_diagnostic_is_in_danish() {
    let all = all_cases();
    let untranslated: Vec<String> = all
        .iter()
        .filter(|d| d.message.da.is_none() || d.help.iter().any(|h| h.da.is_none()))
        .map(|d| d.to_string())
        .collect();
    assert!(
        untranslated.is_empty(),
        "{} of {} diagnostics lack Danish:\n{}",
        untranslated.len(),
        all.len(),
        untranslated.join("\n")
    );
}

/// The `quoted` parts of a text.
fn literals(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

#[test]
fn danish_text_differs_from_english_and_keeps_literals() {
    for d in all_cases() {
        let da = d.message.get(Lang::Da);
        assert_ne!(da, d.message.en, "not translated: {d}");
        // Field names and values in backticks are literal YAML: the same in both
        // languages. Placeholders (`name: value`, `<folder>`) may be translated.
        for w in std::iter::once(&*d.message).chain(&d.help) {
            let da = w.get(Lang::Da);
            for lit in literals(&w.en) {
                let placeholder = lit.contains('<') || ["name: value", "- item"].contains(&lit);
                assert!(
                    placeholder || da.contains(&format!("`{lit}`")),
                    "`{lit}` is missing in the Danish of {d}\n{da}"
                );
            }
        }
    }
}
