//! The publishing workflows `pejl init` writes: they install this pejl,
//! publish the folder `pejl build` writes, only from the default branch, and
//! tell staff in Danish what they do. (`./build.sh test` lints both files
//! against GitHub's and GitLab's schemas with check-jsonschema.)
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::Site;
use serde_yaml::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn yaml(site: &Site, rel: &str) -> Value {
    serde_yaml::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut at = v;
    for key in path {
        at = &at[*key];
    }
    at.as_str()
        .unwrap_or_else(|| panic!("{path:?} is not text: {at:?}"))
}

/// A portal made by `pejl init` in `ny-portal/`, and the text `pejl --version` prints.
fn portal() -> (Site, String) {
    let site = Site::fixture("linked");
    site.pejl(&["init", "ny-portal"]).assert_ok();
    let version = site.pejl(&["--version"]).assert_ok().stdout.clone();
    (site, version)
}

#[test]
fn github_workflow_publishes_what_pejl_build_writes_from_the_default_branch() {
    let (site, version) = portal();
    let wf = yaml(&site, "ny-portal/.github/workflows/pejl.yml");
    // The pejl that wrote the workflow is the one it installs.
    let pinned = str_at(&wf, &["env", "PEJL_VERSION"]);
    assert_eq!(pinned, VERSION);
    assert_eq!(version.trim(), format!("pejl {pinned}"));
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = |uses: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(uses)))
            .unwrap_or_else(|| panic!("no {uses} step"))
    };
    // The whole history, for the date each page last changed.
    assert_eq!(
        step("actions/checkout")["with"]["fetch-depth"].as_u64(),
        Some(0)
    );
    let run: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        run.contains(&"cargo install --locked pejl --version \"$PEJL_VERSION\""),
        "{run:?}"
    );
    assert!(run.contains(&"pejl build"), "{run:?}");
    // The folder uploaded is the one `pejl build` wrote.
    let folder = str_at(step("actions/upload-pages-artifact"), &["with", "path"]);
    site.pejl(&["build", "--root", "ny-portal"]).assert_ok();
    assert!(
        site.path(&format!("ny-portal/{folder}/index.html"))
            .is_file()
    );
    // Published from the default branch only, with the rights Pages needs.
    let deploy = &wf["jobs"]["deploy"];
    assert!(
        str_at(deploy, &["if"]).contains("github.event.repository.default_branch"),
        "{deploy:?}"
    );
    assert_eq!(str_at(deploy, &["permissions", "pages"]), "write");
    assert_eq!(str_at(deploy, &["permissions", "id-token"]), "write");
    assert!(
        str_at(&deploy["steps"][0], &["uses"]).starts_with("actions/deploy-pages@"),
        "{deploy:?}"
    );
}

#[test]
fn gitlab_pipeline_publishes_what_pejl_build_writes_from_the_default_branch() {
    let (site, _) = portal();
    let ci = yaml(&site, "ny-portal/.gitlab-ci.yml");
    assert_eq!(str_at(&ci, &["variables", "PEJL_VERSION"]), VERSION);
    assert_eq!(str_at(&ci, &["variables", "GIT_DEPTH"]), "0");
    let install = str_at(&ci[".pejl"]["before_script"][0], &[]);
    assert!(
        install.contains("cargo install --locked pejl --version \"$PEJL_VERSION\""),
        "{install}"
    );
    let pages = &ci["pages"];
    assert_eq!(str_at(&pages["script"][0], &[]), ".pejl/bin/pejl build");
    assert_eq!(
        str_at(&pages["rules"][0], &["if"]),
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
    // GitLab Pages publishes the artifact folder `public`: the one `pejl build` wrote.
    let folder = str_at(&pages["artifacts"]["paths"][0], &[]);
    assert_eq!(folder, "public");
    site.pejl(&["build", "--root", "ny-portal"]).assert_ok();
    assert!(
        site.path(&format!("ny-portal/{folder}/index.html"))
            .is_file()
    );
}

#[test]
fn workflows_tell_staff_in_danish_what_they_do_and_that_it_sets_them_up_once() {
    let (site, _) = portal();
    for (rel, platform) in [
        ("ny-portal/.github/workflows/pejl.yml", "GitHub Pages"),
        ("ny-portal/.gitlab-ci.yml", "GitLab Pages"),
    ] {
        let text = site.read(rel);
        assert!(
            text.starts_with(&format!("# Udgiver portalen på {platform}.")),
            "{text}"
        );
        assert!(
            text.contains("IT sætter det op én gang") && text.contains("Settings"),
            "{text}"
        );
    }
}

#[test]
fn init_leaves_an_existing_workflow_alone() {
    let site = Site::fixture("linked");
    site.write("ny-portal/.github/workflows/pejl.yml", "name: vores egen\n");
    site.pejl(&["init", "ny-portal"])
        .assert_code(2)
        .assert_stderr("never overwrites");
    assert_eq!(
        site.read("ny-portal/.github/workflows/pejl.yml"),
        "name: vores egen\n"
    );
    assert!(!site.path("ny-portal/pejl.yaml").exists());
}
