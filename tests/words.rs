//! The site's own words: a site that renames its kinds in `kinds:` sees its
//! words, in every form, everywhere pejl writes one; and `pejl init` writes
//! the words a site can change, ready to uncomment.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{Site, main_of, text};

/// The theme's Danish names of the kinds the fixture renames (and of a
/// vision's bearings), as parts of words ("strategikort", "indsatserne",
/// "fokusområdets", "pejlemærket").
const OLD_PARTS: [&str; 4] = ["strategi", "fokusområd", "indsats", "pejlemærk"];
/// "mål" in the forms of the goal kind, as the end of a word ("primært mål",
/// "målet", "delmåls"); "måling" and "målværdi" are other words.
const OLD_GOAL: [&str; 6] = ["mål", "målet", "målene", "måls", "målets", "målenes"];

/// Every word of the files readers get (those ending in one of
/// `extensions`, the search index aside) that `is_old` finds, with its file.
/// Pages and the feed count by what readers read (`readable`); addresses
/// (anything with a `/`) are left out: they are the site's folders and
/// pejl's routes, not words.
fn old_words(public: &Path, extensions: &[&str], is_old: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walk(public) {
        let rel = entry
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let wanted = extensions
            .iter()
            .any(|ext| rel.ends_with(&format!(".{ext}")));
        if !wanted || rel.starts_with("pagefind") {
            continue;
        }
        let content = std::fs::read_to_string(&entry).unwrap();
        let shown = match () {
            _ if rel.ends_with(".html") => readable(&content),
            _ if rel.ends_with(".xml") => text(&content),
            _ => content,
        };
        let pieces = shown
            .split(|c: char| c.is_whitespace() || "\"<>,;()".contains(c))
            .filter(|piece| !piece.contains('/'))
            // The open data's file names (`goals.csv`) are identifiers.
            .filter(|piece| !piece.ends_with(".csv") && !piece.ends_with(".json"));
        for piece in pieces {
            for word in piece.split(|c: char| !c.is_alphabetic()) {
                if is_old(&word.to_lowercase()) {
                    found.push(format!("{rel}: {word}"));
                }
            }
        }
    }
    found
}

/// The Danish names of the four kinds the fixture renames, in any form.
fn danish_old(word: &str) -> bool {
    OLD_PARTS.iter().any(|p| word.contains(p)) || OLD_GOAL.iter().any(|g| word.ends_with(g))
}

const READERS_GET: [&str; 6] = ["html", "json", "csv", "xml", "ics", "txt"];

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_site_that_renames_its_kinds_shows_no_old_name_anywhere() {
    let site = Site::fixture("words");
    site.build().assert_ok();
    let found = old_words(&site.path("public"), &READERS_GET, &danish_old);
    assert!(found.is_empty(), "old names left:\n{}", found.join("\n"));

    // The phrases the issue named, in the site's words and grammar: an
    // en-word takes "primær", an et-word "primært".
    let initiative = text(main_of(&site.read("public/tiltag/bostoette/index.html")));
    assert!(initiative.contains("Primær ambition"), "{initiative}");
    assert!(initiative.contains("Sekundære ambitioner"), "{initiative}");
    let goal = text(main_of(
        &site.read("public/ambitioner/beslutninger/index.html"),
    ));
    assert!(
        goal.contains("Tiltag med dette som primær ambition"),
        "{goal}"
    );
    let empty = text(main_of(&site.read("public/ambitioner/tom/index.html")));
    assert!(
        empty.contains("Der er endnu ingen tiltag, der arbejder for denne ambition."),
        "{empty}"
    );
    let map = text(main_of(&site.read("public/strategikort/index.html")));
    assert!(map.contains("Oversigt Handleplankort"), "{map}");
    assert!(
        map.contains(
            "fra vision og principper over handleplaner, spor og ambitioner til tiltagene."
        ),
        "{map}"
    );
    // The open data's descriptions and the search's filter labels.
    let data = text(main_of(&site.read("public/data/index.html")));
    assert!(data.contains("den primære ambitions id"), "{data}");
    assert!(data.contains("antal tiltag med ambitionen som primær ambition"));
    assert!(data.contains("sporets id"), "{data}");
    let page = site.read("public/spor/vaerdigt-liv/index.html");
    assert!(page.contains("data-pagefind-filter=\"Sidetype:Spor\""));
    // A source document of the type "strategi" is what the site calls one.
    let document = text(main_of(&site.read("public/kilder/notat/index.html")));
    assert!(document.contains("Dokumenttype Handleplan"), "{document}");
}

#[test]
fn without_kinds_the_theme_names_them_as_before() {
    let site = Site::fixture("words");
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &config[..config.find("kinds:").unwrap()]);
    site.build().assert_ok();
    // The same scan finds the theme's own words: it is not blind.
    let found = old_words(&site.path("public"), &READERS_GET, &danish_old);
    for word in [
        "strategikort",
        "indsatserne",
        "fokusområder",
        "mål",
        "pejlemærker",
    ] {
        assert!(
            found
                .iter()
                .any(|f| f.to_lowercase().ends_with(&format!(": {word}"))),
            "{word} not found: {found:?}"
        );
    }
    let initiative = text(main_of(&site.read("public/tiltag/bostoette/index.html")));
    assert!(initiative.contains("Primært mål"), "{initiative}");
    let goal = text(main_of(
        &site.read("public/ambitioner/beslutninger/index.html"),
    ));
    assert!(
        goal.contains("Indsatser med dette som primært mål"),
        "{goal}"
    );
}

#[test]
fn a_renamed_kind_without_its_definite_form_names_the_line_and_the_words_to_add() {
    let site = Site::fixture("words");
    site.edit(
        "pejl.yaml",
        "{name: Ambition, plural: Ambitioner, definite: ambitionen}",
        "{name: Ambition, plural: Ambitioner}",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:9:3")
        .assert_stderr("`definite`")
        .assert_stderr("`definite: ambitionen` if one says \"en ambition\"");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("bestemt form")
        .assert_stderr("`definite: ambitionen`, hvis det hedder \"en ambition\"");
}

/// `text` with the `kinds:` and `words:` blocks `pejl init` writes
/// uncommented, as staff would: the `#` before the setting and before each
/// line below it.
fn uncomment_words(text: &str) -> String {
    let mut inside = false;
    let mut out = String::new();
    for line in text.lines() {
        if line == "#kinds:" || line == "#words:" {
            inside = true;
            out.push_str(&line[1..]);
        } else if inside && line.starts_with("#  ") {
            out.push_str(&line[1..]);
        } else {
            inside = false;
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn init_writes_the_words_a_site_can_change_and_uncommented_they_change_the_site() {
    let site = Site::fixture("words");
    site.pejl(&["init", "ny"]).assert_ok();
    site.pejl(&["build", "--root", "ny"]).assert_ok();
    let before = site.snapshot("ny/public");
    let config = site.read("ny/pejl.yaml");
    // Every kind with all its forms, and the texts the issue named, each
    // with its current value under a comment saying what it is or where it
    // shows.
    for line in [
        "#  goal: {name: Mål, plural: Mål, definite: målet, plural_definite: målene}",
        "#  initiative: {name: Indsats, plural: Indsatser, definite: indsatsen, plural_definite: indsatserne}",
        "#  primary_goal: \"{goal:Primær|Primært} {goal}\"",
        "#  progress_heading: Sådan går det",
    ] {
        let at = config.find(line).unwrap_or_else(|| panic!("no {line}"));
        // The comment of its group, below the setting's own line.
        let note = config[..at]
            .lines()
            .rev()
            .take_while(|l| !l.starts_with("#kinds:") && !l.starts_with("#words:"))
            .find(|l| l.starts_with("#  # "));
        assert!(note.is_some_and(|n| n.len() > 10), "{line} has no comment");
    }

    // Uncommented as they are, the words change nothing.
    site.write("ny/pejl.yaml", &uncomment_words(&config));
    site.pejl(&["build", "--root", "ny"]).assert_ok();
    assert!(
        site.snapshot("ny/public") == before,
        "uncommenting changed the site"
    );

    // Edited, they do.
    site.edit(
        "ny/pejl.yaml",
        "  goal: {name: Mål, plural: Mål, definite: målet, plural_definite: målene}",
        "  goal: {name: Succeskriterium, plural: Succeskriterier, definite: succeskriteriet, plural_definite: succeskriterierne}",
    );
    site.edit(
        "ny/pejl.yaml",
        "  progress_heading: Sådan går det",
        "  progress_heading: Status lige nu",
    );
    site.pejl(&["build", "--root", "ny"]).assert_ok();
    let initiative = text(main_of(
        &site.read("ny/public/initiativer/min-indsats/index.html"),
    ));
    assert!(
        initiative.contains("Primært succeskriterium"),
        "{initiative}"
    );
    let home = text(main_of(&site.read("ny/public/index.html")));
    assert!(home.contains("Status lige nu"), "{home}");
    assert!(!home.contains("Sådan går det"), "{home}");
}

/// What a reader of an HTML page reads: its text (without `<code>`, which
/// holds the open data's column names) and the attributes read out or shown
/// (`aria-label`, `title`, `alt`, `placeholder`, the search's filter labels).
fn readable(html: &str) -> String {
    let mut out = String::new();
    for attr in [
        "aria-label",
        "title",
        "alt",
        "placeholder",
        "data-pagefind-filter",
    ] {
        let needle = format!(" {attr}=\"");
        for (at, _) in html.match_indices(&needle) {
            let value = &html[at + needle.len()..];
            out.push_str(&value[..value.find('"').unwrap_or(0)]);
            out.push(' ');
        }
    }
    let mut rest = html;
    let mut without_code = String::new();
    while let Some(start) = rest.find("<code>") {
        without_code.push_str(&rest[..start]);
        rest = rest[start..].split_once("</code>").map_or("", |(_, r)| r);
    }
    without_code.push_str(rest);
    out.push_str(&text(&without_code));
    out
}

#[test]
fn an_english_site_that_renames_its_kinds_shows_no_old_name_in_its_pages() {
    let site = Site::fixture("words");
    let config = site.read("pejl.yaml");
    let head = &config[..config.find("kinds:").unwrap()];
    site.write(
        "pejl.yaml",
        &format!(
            "{}kinds:\n  strategy: {{name: Action plan, plural: Action plans}}\n  focus_area: {{name: Track, plural: Tracks}}\n  goal: {{name: Ambition, plural: Ambitions}}\n  initiative: {{name: Measure, plural: Measures}}\n",
            head.replace("language: da", "language: en")
        ),
    );
    site.build().assert_ok();
    // The open data's files and the Data page's column names are in
    // English whatever the site's language: identifiers, not words. So are
    // the files' names (`goals.csv`).
    let is_old = |w: &str| {
        ["strateg", "goal", "initiative", "focus"]
            .iter()
            .any(|o| w.contains(o))
    };
    let english = ["html", "xml", "ics"];
    let found = old_words(&site.path("public"), &english, &is_old);
    assert!(found.is_empty(), "old names left:\n{}", found.join("\n"));
    let initiative = text(main_of(&site.read("public/tiltag/bostoette/index.html")));
    assert!(initiative.contains("Primary ambition"), "{initiative}");
    let map = text(main_of(&site.read("public/strategy-map/index.html")));
    assert!(
        map.contains("through action plans, tracks and ambitions to the measures."),
        "{map}"
    );
    // Without `kinds`, the same scan finds the theme's words.
    site.write("pejl.yaml", &head.replace("language: da", "language: en"));
    site.build().assert_ok();
    let found = old_words(&site.path("public"), &english, &is_old);
    assert!(found.iter().any(|f| f.ends_with(": Goal")), "{found:?}");
}

#[test]
fn a_misspelt_placeholder_in_words_names_the_line_and_the_right_one() {
    let site = Site::fixture("words");
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}words:\n  primary_goal: \"Vigtigste {{gaol}}\"\n"),
    );
    site.build()
        .assert_code(1)
        .assert_stderr("pejl.yaml:13:3")
        .assert_stderr("`{gaol}` is not a word pejl fills in")
        .assert_stderr("did you mean `{goal}`?");
    site.edit("pejl.yaml", "{gaol}", "{goal}");
    site.build().assert_ok();
    let initiative = text(main_of(&site.read("public/tiltag/bostoette/index.html")));
    assert!(initiative.contains("Vigtigste ambition"), "{initiative}");
}
