//! The bad-input corpus: more than 50 ways to break a portal, each with the
//! message pejl gives as a snapshot (`tests/snapshots/corpus__*.snap`).
//!
//! Every case starts from a built copy of `tests/fixtures/linked`, breaks it,
//! and builds again: a broken input exits with 1 and leaves the previous
//! output byte for byte as it was, with no staging folder left; the inputs
//! that must simply work (a BOM, CRLF line endings, a page with only front
//! matter …) exit with 0. Messages are in English; their text is the snapshot.
//! To accept changed messages: `INSTA_UPDATE=always cargo test --test corpus`,
//! then review the `.snap` files.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::Site;

struct Case {
    name: &'static str,
    /// The exit code: 1 for broken input, 0 for input that must simply work.
    code: i32,
    /// Break a copy of the built fixture (the project folder is `site.root()`).
    apply: fn(&Site),
}

const fn case(name: &'static str, apply: fn(&Site)) -> Case {
    Case {
        name,
        code: 1,
        apply,
    }
}

const fn works(name: &'static str, apply: fn(&Site)) -> Case {
    Case {
        name,
        code: 0,
        apply,
    }
}

fn page(site: &Site, rel: &str, text: &str) {
    site.write(&format!("content/{rel}"), text);
}

fn bytes(site: &Site, rel: &str, data: &[u8]) {
    std::fs::write(site.path(&format!("content/{rel}")), data).unwrap();
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    site.edit(&format!("content/{rel}"), from, to);
}

fn config(site: &Site, extra: &str) {
    let text = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{text}{extra}"));
}

const CASES: &[Case] = &[
    // YAML that cannot be read.
    case("yaml_unclosed_bracket", |s| {
        edit(s, "maal/sundhed.md", "kind: goal", "kind: [goal")
    }),
    case("yaml_bad_indentation", |s| {
        edit(
            s,
            "maal/sundhed.md",
            "strategy: social",
            "strategy: social\n   foo: bar",
        )
    }),
    case("yaml_tab_indentation", |s| {
        edit(
            s,
            "fokus/et-vaerdigt-liv.md",
            "  - At kunne",
            "\t- At kunne",
        )
    }),
    case("yaml_colon_in_value", |s| {
        edit(
            s,
            "maal/sundhed.md",
            "title: Voksne borgere mestrer sundhedsudfordringer",
            "title: Status: i gang",
        )
    }),
    case("yaml_unclosed_quote", |s| {
        edit(
            s,
            "fokus/et-vaerdigt-liv.md",
            "title: Et værdigt liv",
            "title: \"Et værdigt liv",
        )
    }),
    // Values of the wrong type.
    case("title_is_a_list", |s| {
        edit(s, "om.md", "title: Om portalen", "title: [Om, portalen]")
    }),
    case("weight_is_not_a_number", |s| {
        edit(
            s,
            "om.md",
            "title: Om portalen",
            "title: Om portalen\nweight: først",
        )
    }),
    case("draft_is_not_true_or_false", |s| {
        edit(
            s,
            "om.md",
            "title: Om portalen",
            "title: Om portalen\ndraft: måske",
        )
    }),
    case("follow_ups_is_not_a_list", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "follow_ups:\n  - date: 1. kvartal 2025\n    forum: SSU\n    text: Opfølgning 1. kvartal 2025",
            "follow_ups: 1. kvartal 2025",
        )
    }),
    case("budget_amount_with_dots_and_kr", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "amount: 500000",
            "amount: 500.000 kr.",
        )
    }),
    case("secondary_goals_is_a_map", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "secondary_goals: [sundhed]",
            "secondary_goals: {sundhed: ja}",
        )
    }),
    case("bad_status", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "status: running",
            "status: igang",
        )
    }),
    // Missing required fields.
    case("missing_title", |s| {
        edit(s, "om.md", "title: Om portalen\n", "")
    }),
    case("focus_area_without_strategy", |s| {
        edit(s, "fokus/et-vaerdigt-liv.md", "strategy: social\n", "")
    }),
    case("milestone_without_date", |s| {
        edit(s, "tidsplan/ssu.md", "date: 17. august 2023\n", "")
    }),
    case("follow_up_without_date", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "  - date: 1. kvartal 2025\n    forum: SSU",
            "  - forum: SSU",
        )
    }),
    case("goal_without_parent", |s| {
        edit(s, "maal/sundhed.md", "strategy: social\n", "")
    }),
    // Unknown keys and kinds.
    case("unknown_field", |s| {
        edit(
            s,
            "maal/sundhed.md",
            "strategy: social",
            "strategy: social\nstatsu: running",
        )
    }),
    case("unknown_field_in_a_follow_up", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "    forum: SSU",
            "    forumm: SSU",
        )
    }),
    case("unknown_kind", |s| {
        edit(s, "maal/sundhed.md", "kind: goal", "kind: mål")
    }),
    case("config_unknown_key", |s| config(s, "languge: da\n")),
    // Duplicate keys and ids.
    case("duplicate_key", |s| {
        edit(
            s,
            "maal/sundhed.md",
            "kind: goal",
            "kind: goal\ntitle: Igen",
        )
    }),
    case("duplicate_key_in_config", |s| {
        config(s, "title: \"Igen\"\n")
    }),
    case("duplicate_id_by_field", |s| {
        page(s, "andet.md", "---\ntitle: Andet\nid: sundhed\n---\n")
    }),
    case("duplicate_id_by_file_name", |s| {
        page(s, "andet/sundhed.md", "---\ntitle: Også sundhed\n---\n")
    }),
    // References that lead nowhere, or to the wrong kind.
    case("dangling_goal", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "goal: beslutninger",
            "goal: beslutning",
        )
    }),
    case("dangling_source", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "source: notat",
            "source: notatet",
        )
    }),
    case("reference_to_the_wrong_kind", |s| {
        edit(
            s,
            "initiativer/bostoette.md",
            "goal: beslutninger",
            "goal: social",
        )
    }),
    case("dangling_body_link", |s| {
        edit(
            s,
            "strategier/social.md",
            "../fokus/et-vaerdigt-liv.md#",
            "../fokus/et-vaerdig-liv.md#",
        )
    }),
    case("dangling_anchor", |s| {
        edit(
            s,
            "strategier/social.md",
            "#det-hele-menneske",
            "#det-hele-mennesket",
        )
    }),
    case("nav_names_a_missing_page", |s| {
        config(s, "nav: [vision, strategie]\n")
    }),
    // Cycles.
    case("parent_cycle", |s| {
        page(s, "a.md", "---\ntitle: A\nparent: b\n---\n");
        page(s, "b.md", "---\ntitle: B\nparent: a\n---\n");
    }),
    case("page_is_its_own_parent", |s| {
        page(s, "a.md", "---\ntitle: A\nparent: a\n---\n")
    }),
    // Dates.
    case("date_30_february", |s| {
        edit(s, "tidsplan/ssu.md", "17. august 2023", "30. februar 2023")
    }),
    case("date_that_is_no_date", |s| {
        edit(s, "tidsplan/ssu.md", "17. august 2023", "snart")
    }),
    case("iso_date_month_13", |s| {
        edit(s, "tidsplan/ssu.md", "17. august 2023", "2023-13-01")
    }),
    // Encodings and line endings.
    case("invalid_utf8", |s| {
        bytes(s, "latin1.md", b"---\ntitle: M\xe5l\n---\n")
    }),
    works("bom_works", |s| {
        let text = s.read("content/om.md");
        bytes(s, "om.md", format!("\u{feff}{text}").as_bytes());
    }),
    works("crlf_works", |s| {
        let text = s
            .read("content/initiativer/bostoette.md")
            .replace('\n', "\r\n");
        bytes(s, "initiativer/bostoette.md", text.as_bytes());
    }),
    works("old_mac_line_endings_work", |s| {
        let text = s.read("content/om.md").replace('\n', "\r");
        bytes(s, "om.md", text.as_bytes());
    }),
    // Found by fuzzing (front_matter): lone CRs are line breaks to the YAML
    // reader, so the error's line must count them too (line 3, not line 1).
    case("old_mac_line_endings_error_points_at_the_right_line", |s| {
        bytes(s, "mac.md", b"---\rtitle: Mac\rweight: mange\r---\rTekst\r")
    }),
    works("bom_and_crlf_in_the_config_work", |s| {
        let text = s.read("pejl.yaml").replace('\n', "\r\n");
        s.write("pejl.yaml", &format!("\u{feff}{text}"));
    }),
    // Files that are not pages.
    works("only_front_matter_works", |s| {
        page(s, "kort.md", "---\ntitle: Kort\n---")
    }),
    case("empty_file", |s| page(s, "tom.md", "")),
    case("only_whitespace", |s| page(s, "tom.md", "  \n\n\t\n")),
    case("missing_closing_fence", |s| {
        page(s, "aaben.md", "---\ntitle: Åben\n\nTeksten begynder her.\n")
    }),
    case("no_front_matter", |s| {
        page(s, "ren.md", "# Bare tekst\n\nUden felter.\n")
    }),
    // Deep nesting and bombs.
    case("yaml_nested_200_deep", |s| {
        page(
            s,
            "dyb.md",
            &format!(
                "---\ntitle: Dyb\nx: {}{}\n---\n",
                "[".repeat(200),
                "]".repeat(200)
            ),
        )
    }),
    case("front_matter_nested_too_deep", |s| {
        page(
            s,
            "dyb.md",
            &format!(
                "---\ntitle: Dyb\nx: {}1{}\n---\n",
                "[".repeat(30),
                "]".repeat(30)
            ),
        )
    }),
    case("yaml_alias_bomb", |s| {
        let mut text = String::from("---\ntitle: Bombe\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (n, prev) in ('b'..='j').zip('a'..='i') {
            text.push_str(&format!("{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        page(s, "bombe.md", &format!("{text}---\n"));
    }),
    case("very_large_file", |s| {
        let body = "Et afsnit med tekst. ".repeat(600_000);
        page(s, "stor.md", &format!("---\ntitle: Stor\n---\n\n{body}\n"));
    }),
    works("very_long_line_works", |s| {
        let line = "ord ".repeat(500_000);
        page(s, "lang.md", &format!("---\ntitle: Lang\n---\n\n{line}\n"));
    }),
    case("very_long_line_with_an_error", |s| {
        let line = "ord ".repeat(500_000);
        page(
            s,
            "lang.md",
            &format!("---\ntitle: Lang\nsummary: {line}\ntitel: x\n---\n"),
        );
    }),
    case("lists_nested_too_deep", |s| {
        let body: String = (0..80)
            .map(|i| format!("{}- punkt\n", "  ".repeat(i)))
            .collect();
        page(s, "liste.md", &format!("---\ntitle: Liste\n---\n\n{body}"));
    }),
    case("quotes_nested_too_deep", |s| {
        page(
            s,
            "citat.md",
            &format!("---\ntitle: Citat\n---\n\n{} x\n", ">".repeat(500)),
        )
    }),
    case("emphasis_nested_too_deep", |s| {
        let open: String = (0..60)
            .map(|i| if i % 2 == 0 { "*a " } else { "_b " })
            .collect();
        let close: String = (0..60)
            .rev()
            .map(|i| if i % 2 == 0 { " a*" } else { " b_" })
            .collect();
        page(
            s,
            "fed.md",
            &format!("---\ntitle: Fed\n---\n\n{open}x{close}\n"),
        );
    }),
    // Links in the file system.
    case("symlink_out_of_the_content_folder", |s| {
        std::os::unix::fs::symlink("/etc/passwd", s.path("content/passwd.md")).unwrap()
    }),
    case("symlink_loop", |s| {
        std::os::unix::fs::symlink(s.path("content"), s.path("content/rundt")).unwrap()
    }),
    case("named_pipe_in_the_content_folder", |s| {
        let path = s.path("content/roer.md");
        let ok = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo");
    }),
    // Themes and templates.
    case("template_syntax_error", |s| {
        s.write(
            "templates/goal.html",
            "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}",
        )
    }),
    case("template_unknown_variable", |s| {
        s.write("templates/goal.html", "{% extends \"base.html\" %}{% block content %}{{ page.goal.nothing.here }}{% endblock content %}")
    }),
    case("theme_without_templates", |s| {
        config(s, "theme: tomt\n");
        s.write("themes/tomt/theme.yaml", "name: tomt\n");
        s.write("themes/tomt/strings/da.yaml", "title: x\n");
    }),
    case("theme_string_table_broken", |s| {
        config(s, "theme: mit\n");
        s.write("themes/mit/theme.yaml", "name: mit\nextends: default\n");
        s.write("themes/mit/strings/da.yaml", "nav_home: [Forside\n");
    }),
    case("config_unknown_theme", |s| config(s, "theme: defualt\n")),
    case("config_theme_outside_the_project", |s| {
        config(s, "theme: ../../etc\n")
    }),
    case("theme_extends_a_path", |s| {
        config(s, "theme: mit\n");
        s.write("themes/mit/theme.yaml", "extends: /etc\n");
    }),
    case("config_not_yaml", |s| {
        s.write("pejl.yaml", "title: [Test\n")
    }),
    case("config_without_title", |s| {
        s.write("pejl.yaml", "language: da\n")
    }),
    case("config_unknown_language", |s| config(s, "language: de\n")),
    case("config_unsafe_footer_link", |s| {
        config(
            s,
            "footer_links:\n  - title: Klik\n    url: javascript:alert(1)\n",
        )
    }),
    case("brand_colour_with_too_little_contrast", |s| {
        config(s, "brand:\n  colors:\n    text: \"#aaaaaa\"\n")
    }),
    case("brand_colour_without_quotes", |s| {
        config(s, "brand:\n  colors:\n    primary: #0b4f71\n")
    }),
    case("status_outside_the_sites_vocabulary", |s| {
        config(
            s,
            "statuses:\n  - id: igangsat\n    label: Igangsat\n    means: running\n",
        )
    }),
    case("limits_raised_wrongly", |s| {
        config(s, "limits:\n  max_file_mb: ti\n")
    }),
];

/// The fixture, built once; every case starts from a copy of it.
fn built() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let site = Site::fixture("linked");
            site.build().assert_ok();
            site.dir
        })
        .path()
}

fn copy() -> Site {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(built(), dir.path());
    Site { dir }
}

/// Every output file and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The report without what changes from run to run (the build time).
fn stable(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| match l.find(" in ") {
            Some(i) if l.starts_with("Built ") => format!(
                "{} in … s{}",
                &l[..i],
                l.rsplit_once(" s").map_or("", |(_, r)| r)
            ),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_corpus_has_at_least_fifty_cases_with_distinct_names() {
    let broken = CASES.iter().filter(|c| c.code == 1).count();
    assert!(broken >= 50, "{broken} broken inputs");
    let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len());
}

#[test]
fn every_broken_input_gets_its_message_and_the_previous_site_stays() {
    let before = snapshot(&built().join("public"));
    let mut failures = Vec::new();
    for case in CASES {
        let site = copy();
        (case.apply)(&site);
        let run = site.build();
        if run.code != case.code {
            failures.push(format!(
                "{}: exit {} (expected {}):\n{}",
                case.name, run.code, case.code, run.stderr
            ));
            continue;
        }
        assert!(
            !run.stderr.contains("panicked"),
            "{}: {}",
            case.name,
            run.stderr
        );
        if case.code == 1 {
            assert!(
                run.stderr.contains("error"),
                "{}: no error:\n{}",
                case.name,
                run.stderr
            );
            assert!(
                snapshot(&site.path("public")) == before,
                "{}: the previous output changed",
                case.name
            );
        }
        let leftovers: Vec<String> = std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".pejl-"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{}: left behind {leftovers:?}",
            case.name
        );
        insta::assert_snapshot!(case.name, stable(&run.stderr));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What word processors and Danish keyboards put into YAML: each is found at
/// its own line and said in both languages.
const WORD_PROCESSOR: &[Case] = &[
    case("curly_closing_quote", |s| {
        edit(
            s,
            "fokus/et-vaerdigt-liv.md",
            "title: Et værdigt liv",
            "title: \"Et værdigt liv”\n# En kommentar\n# og en til",
        )
    }),
    case("danish_quotes_around_a_colon", |s| {
        edit(
            s,
            "maal/sundhed.md",
            "title: Voksne borgere mestrer sundhedsudfordringer",
            "title: „Voksne borgere: mestrer sundhed“",
        )
    }),
    case("tab_before_a_list_item", |s| {
        edit(
            s,
            "fokus/et-vaerdigt-liv.md",
            "  - At kunne",
            "\t- At kunne",
        )
    }),
    case("non_breaking_space_as_indentation", |s| {
        edit(
            s,
            "fokus/et-vaerdigt-liv.md",
            "  - At kunne",
            "\u{a0}\u{a0}- At kunne",
        )
    }),
    case("curly_quotes_in_the_config", |s| {
        config(s, "description: “Velfærd: Ishøj”\n")
    }),
];

#[test]
fn word_processor_artefacts_are_said_at_their_line_in_danish_and_english() {
    for case in WORD_PROCESSOR {
        let site = copy();
        (case.apply)(&site);
        for lang in ["da", "en"] {
            let run = site.pejl_in(lang, &["build"]);
            assert_eq!(run.code, 1, "{}: {}", case.name, run.stderr);
            insta::assert_snapshot!(format!("{}_{lang}", case.name), stable(&run.stderr));
        }
    }
}
