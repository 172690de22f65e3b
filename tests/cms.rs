//! The browser editor published with a site (`cms:` in pejl.yaml): its
//! configuration covers every kind and field of the schema, Decap CMS's own
//! files are the pinned package's, and the editor stays out of what search
//! engines and readers are given. (What a person does in the editor is in
//! tests/browser/cms.test.mjs.)
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Site;
use pejl::content::schema::{Field, FieldType, Kind, all_fields};
use serde_json::Value;

/// A portal of the repository, built into a temporary folder.
fn built(portal: &str) -> (tempfile::TempDir, Value) {
    let out = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(portal);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(out.path())
        .output()
        .expect("pejl runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(out.path().join("admin/config.yml")).expect("config.yml");
    let config: Value = serde_yaml::from_str(&text).expect("config.yml is YAML");
    (out, config)
}

/// The names of `fields` of a form, and of the fields of its lists and groups.
fn form_names(fields: &Value, prefix: &str, into: &mut BTreeSet<String>) {
    for f in fields.as_array().expect("fields") {
        let name = format!("{prefix}{}", f["name"].as_str().expect("name"));
        if let Some(sub) = f.get("fields") {
            form_names(sub, &format!("{name}."), into);
        }
        into.insert(name);
    }
}

/// The names the schema gives `fields`, the same way.
fn schema_names<'a>(
    fields: impl Iterator<Item = &'a Field>,
    prefix: &str,
    into: &mut BTreeSet<String>,
) {
    for f in fields {
        let name = format!("{prefix}{}", f.name);
        if let FieldType::Records(sub) | FieldType::Record(sub) = f.ty {
            schema_names(sub.iter(), &format!("{name}."), into);
        }
        into.insert(name);
    }
}

fn covers_the_schema(portal: &str) {
    let (_out, config) = built(portal);
    let collections = config["collections"].as_array().expect("collections");
    for kind in Kind::WRITABLE {
        let of_kind: Vec<&Value> = collections
            .iter()
            .filter(|c| c["filter"]["value"] == kind.name())
            .collect();
        assert!(!of_kind.is_empty(), "{portal}: no collection for {kind}");
        let mut wanted = BTreeSet::new();
        schema_names(all_fields(kind), "", &mut wanted);
        wanted.insert("body".into());
        for c in of_kind {
            assert_eq!(c["filter"]["field"], "kind");
            assert!(c["folder"].as_str().expect("folder").starts_with("content"));
            let mut got = BTreeSet::new();
            form_names(&c["fields"], "", &mut got);
            assert_eq!(got, wanted, "{portal}: the form of {}", c["name"]);
        }
    }
    // Every section page (`_index.md`) is a file of the overview collection.
    let files = collections
        .iter()
        .find(|c| c["files"].is_array())
        .expect("a collection of single files");
    let mut wanted = BTreeSet::new();
    schema_names(
        all_fields(Kind::Section).filter(|f| f.name != "kind"),
        "",
        &mut wanted,
    );
    wanted.insert("body".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(portal);
    let sections: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "_index.md")
        .map(|e| {
            let rel = e.path().strip_prefix(&root).expect("inside");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert!(!sections.is_empty());
    for section in sections {
        let file = files["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["file"] == section.as_str())
            .unwrap_or_else(|| panic!("{portal}: {section} is not in the editor"));
        let mut got = BTreeSet::new();
        form_names(&file["fields"], "", &mut got);
        assert_eq!(got, wanted, "{portal}: {section}");
    }
}

#[test]
fn the_ishoej_editor_covers_every_kind_and_field_of_the_schema() {
    covers_the_schema(".");
}

#[test]
fn the_kalundborg_editor_covers_every_kind_and_field_of_the_schema() {
    covers_the_schema("examples/kalundborg");
}

#[test]
fn the_published_editor_saves_to_the_repository_in_the_sites_words() {
    let (out, config) = built(".");
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "ishoej-kommune/strategiportal");
    assert_eq!(config["backend"]["branch"], "main");
    assert_eq!(config["locale"], "da");
    let initiatives = config["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .find(|c| c["filter"]["value"] == "initiative")
        .expect("initiatives");
    assert_eq!(initiatives["label_singular"], "Indsats");
    let field = |name: &str| {
        initiatives["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .find(|f| f["name"] == name)
            .cloned()
            .expect(name)
    };
    // The goal is picked from the portal's goals by title, and stored as its id.
    let goal = field("goal");
    assert_eq!(goal["widget"], "relation");
    assert_eq!(goal["value_field"], "{{slug}}");
    assert_eq!(goal["search_fields"], serde_json::json!(["title"]));
    assert_eq!(goal["label"], "Mål");
    // Statuses in the site's words, stored as their ids.
    let status = field("status");
    assert_eq!(status["widget"], "select");
    assert!(
        status["options"]
            .as_array()
            .expect("options")
            .iter()
            .any(|o| o["value"] == "running" && o["label"] == "I gang")
    );
    // Dates are text, with the forms pejl reads as the hint.
    let start = field("start");
    assert_eq!(start["widget"], "string");
    assert!(
        start["hint"]
            .as_str()
            .expect("hint")
            .contains("uge 12 2025")
    );
    // Follow-ups are a list with their own fields.
    let follow_ups = field("follow_ups");
    assert_eq!(follow_ups["widget"], "list");
    assert_eq!(follow_ups["fields"][0]["name"], "date");
    assert_eq!(field("body")["widget"], "markdown");

    let index = std::fs::read_to_string(out.path().join("admin/index.html")).expect("index");
    assert!(index.contains("<script src=\"decap-cms.js\"></script>"));
    assert!(index.contains("CMS.registerPreviewStyle(\"../assets/style."));
    assert!(index.contains("noindex"));
    let robots = std::fs::read_to_string(out.path().join("robots.txt")).expect("robots");
    assert!(robots.contains("Disallow: /admin/"), "{robots}");
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("admin"));
}

#[test]
fn decap_cms_is_the_pinned_package_and_is_published_unchanged() {
    let vendor = Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/decap-cms");
    let source = std::fs::read_to_string(vendor.join("SOURCE.txt")).expect("SOURCE.txt");
    assert!(source.starts_with("package: decap-cms@3."));
    let listed: Vec<(&str, &str)> = source
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split_once("  "))
        .collect();
    assert!(listed.len() > 50, "{} files", listed.len());
    let names: Vec<&str> = listed.iter().map(|(_, n)| *n).collect();
    let sums = std::process::Command::new("sha256sum")
        .args(&names)
        .current_dir(&vendor)
        .output()
        .expect("sha256sum runs");
    let sums = String::from_utf8_lossy(&sums.stdout);
    for (hash, name) in &listed {
        assert!(
            sums.contains(&format!("{hash}  {name}")),
            "{name} is not the package's"
        );
    }
    let (out, _) = built(".");
    for name in ["decap-cms.js", names[0]] {
        let published = std::fs::read(out.path().join("admin").join(name)).expect("published");
        assert_eq!(
            published,
            std::fs::read(vendor.join(name)).expect("vendored")
        );
    }
}

#[test]
fn without_cms_there_is_no_editor_in_the_site() {
    let site = Site::fixture("linked");
    site.build().assert_ok();
    assert!(!site.path("public/admin").exists());
    assert!(!site.read("public/robots.txt").contains("Disallow"));
}

#[test]
fn a_wrong_cms_setting_is_reported_at_its_line_with_what_to_write() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}\ncms:\n  backend: githb\n  repo: strategiportal\n"),
    );
    let lines = config.lines().count();
    let run = site.pejl_in("da", &["build"]);
    run.assert_code(1)
        .assert_stderr(&format!("pejl.yaml:{}", lines + 3))
        .assert_stderr("mente du `github`?")
        .assert_stderr(&format!("pejl.yaml:{}", lines + 4))
        .assert_stderr("ejer/navn");
}

#[test]
fn init_offers_the_published_editor_commented_and_uncommented_it_publishes_it() {
    let site = Site::fixture("linked");
    site.pejl(&["init", "ny", "--title", "Ny portal"])
        .assert_ok();
    let config = site.read("ny/pejl.yaml");
    assert!(config.contains("#cms:\n#  backend: github"), "{config}");
    site.pejl(&["build", "--root", "ny"]).assert_ok();
    assert!(!site.path("ny/public/admin").exists());
    let enabled = config
        .replace("#cms:", "cms:")
        .replace("#  backend:", "  backend:")
        .replace("#  repo:", "  repo:")
        .replace("#  branch:", "  branch:");
    site.write("ny/pejl.yaml", &enabled);
    site.pejl(&["build", "--root", "ny"]).assert_ok();
    let published = site.read("ny/public/admin/config.yml");
    assert!(published.contains("\"repo\": \"kommune/strategi\""));
    assert!(site.path("ny/public/admin/decap-cms.js").is_file());
}

/// A large portal's editor stays small: references to many pages ask for
/// the id instead of listing them in every form, and plain pages beyond a
/// few hundred are not listed one by one (the preview makes this file at
/// every save).
#[test]
fn a_large_portals_editor_configuration_stays_small() {
    let site = Site::fixture("linked");
    for n in 0..600 {
        site.write(
            &format!("content/mange/side-{n}.md"),
            &format!("---\ntitle: Side {n}\n---\n\nTekst.\n"),
        );
    }
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}\ncms:\n  backend: gitlab\n  repo: kommune/portal\n"),
    );
    site.build().assert_ok();
    let yml = site.read("public/admin/config.yml");
    assert!(yml.len() < 1_000_000, "{} bytes", yml.len());
    assert!(!yml.contains("side-599.md"));
}
