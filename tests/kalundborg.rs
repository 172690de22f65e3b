//! The Kalundborg example portal in `examples/kalundborg/` (seed 004): an idea
//! catalogue with 5 themes, 12 ideas and 3 main initiatives, built by the same
//! program as the Ishøj portal, linked, and faithful to the source.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/linkcheck.rs"]
mod linkcheck;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{Run, main_of, section_after};
use pejl::content::model::KindData;
use pejl::pipeline::{self, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kalundborg")
}

/// Build the portal once into a temporary folder.
fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let run: Run = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
            .env("PEJL_MESSAGES", "en")
            .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
            .args(["build", "--root"])
            .arg(root())
            .arg("--output")
            .arg(&out)
            .output()
            .expect("run pejl")
            .into();
        run.assert_ok();
        assert!(
            run.stderr.contains("(0 errors and 0 warnings)"),
            "{}",
            run.stderr
        );
        (dir, out)
    });
    out
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(built().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Pages (folders with an index.html) directly in a folder of the output.
fn pages_in(folder: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(built().join(folder))
        .expect("folder")
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| format!("{folder}/{}", e.file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// The idea numbers listed in a piece of HTML (`Idé 3:`), in order.
fn idea_numbers(html: &str) -> Vec<u32> {
    html.split("<span class=\"idea-number\">Idé ")
        .skip(1)
        .map(|s| s.split(':').next().unwrap_or("").parse().expect("number"))
        .collect()
}

/// Which ideas cover which theme, as the seed's tables say (ideas 7 and 12
/// have only their titles there).
const THEME_IDEAS: [(&str, &[u32]); 5] = [
    ("netvaerk-omkring-borgeren", &[1, 3, 4, 5, 6, 8, 9, 10, 11]),
    ("netvaerk-med-borgeren", &[1, 4, 5, 6, 8, 9, 10, 11]),
    ("sundhedsfremme", &[1, 2, 3, 8, 9]),
    ("fokus-paa-meningsgoerelse", &[1, 3, 4, 5, 6, 8, 10]),
    ("tvaerfaglige-indsatser", &[1, 2, 3, 4, 5, 6, 8, 9, 10, 11]),
];

/// The grouping in "Kvalificering i forlængelse af Planseminaret".
const MAIN_INITIATIVE_IDEAS: [(&str, &[u32]); 3] = [
    ("hovedindsats-sundhedsfremme", &[2, 9, 12]),
    (
        "fremskudt-indsats-og-tvaerfagligt-samarbejde",
        &[3, 6, 10, 11],
    ),
    ("deltagelse-i-sociale-faellesskaber", &[1, 4, 5, 7, 8]),
];

#[test]
fn there_is_a_page_for_each_of_12_ideas_5_themes_and_3_main_initiatives() {
    assert_eq!(pages_in("ideer").len(), 12);
    assert_eq!(pages_in("temaer").len(), 5);
    assert_eq!(pages_in("hovedindsatser").len(), 3);
    assert!(built().join("idekatalog-h24/index.html").is_file());
    assert!(
        built()
            .join("idekatalog-h24/temaer-og-ideer/index.html")
            .is_file()
    );
}

#[test]
fn each_theme_page_lists_exactly_the_ideas_the_source_gives_it() {
    for (theme, ideas) in THEME_IDEAS {
        let html = page(&format!("temaer/{theme}/index.html"));
        let listed = section_after(main_of(&html), "Idéer, der dækker temaet");
        assert_eq!(idea_numbers(listed), ideas, "{theme}");
    }
}

#[test]
fn each_theme_page_lists_exactly_the_ideas_whose_front_matter_names_it() {
    let (built_site, report) = pipeline::check(&Options::new(root()));
    assert!(!report.has_errors(), "{report:?}");
    let site = built_site.expect("built").site;
    for (t, theme) in site
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.data, KindData::Theme(_)))
    {
        let mut naming: Vec<u32> = site
            .entries
            .iter()
            .filter_map(|e| match &e.data {
                KindData::Idea(x) if x.themes.contains(&theme.id) => Some(x.number as u32),
                _ => None,
            })
            .collect();
        naming.sort_unstable();
        let html = page(&site.urls[t]);
        let listed = section_after(main_of(&html), "Idéer, der dækker temaet");
        assert_eq!(idea_numbers(listed), naming, "{}", theme.id);
    }
}

#[test]
fn each_main_initiative_lists_the_ideas_the_source_groups_under_it() {
    for (main_initiative, ideas) in MAIN_INITIATIVE_IDEAS {
        let html = page(&format!("hovedindsatser/{main_initiative}/index.html"));
        let listed = section_after(main_of(&html), "Idéer i hovedindsatsen");
        assert_eq!(idea_numbers(listed), ideas, "{main_initiative}");
    }
}

#[test]
fn ideas_7_and_12_show_only_their_titles() {
    for (number, title) in [
        (7, "Kommunalt drevet &quot;socialøkonomisk virksomhed&quot;"),
        (12, "Oplysning om sundhed, der hvor borgeren er"),
    ] {
        let folder = pages_in("ideer")
            .into_iter()
            .find(|p| p.starts_with(&format!("ideer/ide-{number:02}-")))
            .expect("idea page");
        let html = page(&format!("{folder}/index.html"));
        let main = main_of(&html);
        assert!(main.contains(title), "{number}: {main}");
        assert!(main.contains("Kildedokumentet nævner kun idéens titel"));
        assert!(!main.contains("class=\"body"), "{number} has text");
        assert!(!main.contains("theme-badge"), "{number} has themes");
    }
}

#[test]
fn an_idea_shows_its_themes_as_numbered_badges_and_its_fixed_sections() {
    let html = page("ideer/ide-02-mere-fleksibilitet-i-kost-og-ernaering/index.html");
    let main = main_of(&html);
    assert!(main.contains("Tema 3: </span>Sundhedsfremme"));
    assert!(main.contains("Tema 5: </span>Tværfaglige indsatser"));
    assert!(!main.contains("Tema 1: </span>"));
    for heading in [
        "Hvad er idéen",
        "Hvilke temaer bliver dækket",
        "Hvordan kan vi det",
        "Baggrund",
        "Hvordan kan det hjælpe på sigt",
        "Hvordan kunne en indsats se ud?",
        "Hvordan hænger det sammen med andre afdelinger",
    ] {
        assert!(main.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    assert!(main.contains("Madservice, voksenspecial."));
}

#[test]
fn the_catalogue_names_its_date_contact_sources_and_administrative_ideas() {
    let html = page("idekatalog-h24/index.html");
    let main = main_of(&html);
    assert!(main.contains("<time datetime=\"2023-07-11\">11. juli 2023</time>"));
    assert!(main.contains("Feedback Informed Treatment (FIT) som vores fælles ramme"));
    assert!(main.contains("Lettere adgang til tandpleje/udgiftsfri tandpleje."));
    // The footnoted sources of the main initiatives.
    let health = page("hovedindsatser/hovedindsats-sundhedsfremme/index.html");
    assert!(health.contains("href=\"https://regionsjaelland.dk\""));
    let together = page("hovedindsatser/deltagelse-i-sociale-faellesskaber/index.html");
    assert!(together.contains("href=\"http://www.vive.dk\""));
    // The municipality on every page.
    assert!(html.contains("Kalundborg Kommune"));
}

#[test]
fn no_internal_link_or_anchor_is_broken() {
    let broken = linkcheck::broken_links(built());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_open_data_holds_the_ideas_themes_and_main_initiatives_and_no_empty_files() {
    let data = built().join("data");
    let read = |name: &str| std::fs::read_to_string(data.join(name)).unwrap();
    let ideas = read("ideas.csv");
    assert_eq!(ideas.lines().count(), 1 + 12, "a row per idea:\n{ideas}");
    assert!(
        ideas
            .contains("idekatalog-h24,3,ide-03-fremskudt-sagsbehandling,Fremskudt sagsbehandling,")
    );
    assert!(ideas.contains("fremskudt-indsats-og-tvaerfagligt-samarbejde\r\n"));
    assert_eq!(read("themes.csv").lines().count(), 1 + 5);
    assert_eq!(read("main-initiatives.csv").lines().count(), 1 + 3);
    let json: serde_json::Value = serde_json::from_str(&read("catalogues.json")).unwrap();
    let catalogue = &json["catalogues"][0];
    assert_eq!(catalogue["ideas"].as_array().unwrap().len(), 12);
    assert_eq!(catalogue["themes"].as_array().unwrap().len(), 5);
    assert_eq!(catalogue["main_initiatives"].as_array().unwrap().len(), 3);
    assert!(
        !catalogue["administrative_ideas"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    for empty in [
        "initiatives.json",
        "initiatives.csv",
        "goals.csv",
        "budget-lines.csv",
    ] {
        assert!(
            !data.join(empty).exists(),
            "{empty}: a portal without initiatives gets no such file"
        );
    }
    let about = page("data/index.html");
    assert!(about.contains("ideas.csv") && !about.contains("/initiatives.csv"));
}

#[test]
fn the_home_page_leads_to_the_themes_main_initiatives_and_matrix() {
    let home = page("index.html");
    let main = common::main_of(&home);
    for target in [
        "temaer/sundhedsfremme/index.html",
        "hovedindsatser/fremskudt-indsats-og-tvaerfagligt-samarbejde/index.html",
        "idekatalog-h24/temaer-og-ideer/index.html",
    ] {
        assert!(main.contains(&format!("href=\"{target}\"")), "{target}");
    }
    assert!(
        !main.contains("tidslinje/index.html"),
        "the timeline holds nothing that happens, so the home page does not send readers there"
    );
    assert!(main.contains("Sundhedsfremme</a> <span class=\"meta\">(Hovedindsats)</span>"));
}
