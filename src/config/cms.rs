//! `cms:` in `pejl.yaml`: the browser editor published with the site.
//!
//! With it, a build writes `admin/` (Decap CMS and its configuration, made
//! from the schema by `render::cms`), so staff edit pages on the web and the
//! host's CI publishes them. This module owns the setting and its checks.

use serde::Deserialize;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::content::schema;

/// The Git hosts the published editor can save to.
pub const BACKENDS: &[&str] = &["github", "gitlab", "gitea"];

/// Where the published editor saves: a repository on a Git host.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cms {
    /// `github`, `gitlab` or `gitea`.
    pub backend: String,
    /// The repository, `owner/name` (`kommune/strategiportal`).
    pub repo: String,
    /// The branch the host publishes from.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// A self-hosted GitLab's or Gitea's API (`https://git.kommune.dk/api/v1`).
    #[serde(default)]
    pub api_root: Option<String>,
    /// The sign-in service (GitHub: an OAuth proxy; Gitea: the server).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The OAuth application's id (GitLab and Gitea).
    #[serde(default)]
    pub app_id: Option<String>,
}

fn default_branch() -> String {
    "main".into()
}

impl Cms {
    /// The backend is one pejl knows, the repository is `owner/name`, and
    /// the addresses are web addresses.
    pub fn check(&self, file: &str, at: &dyn Fn(&[&str]) -> Pos) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let backend = &self.backend;
        if !BACKENDS.contains(&backend.as_str()) {
            let list = schema::quoted_list(BACKENDS);
            let mut d = Diagnostic::error(crate::words!(
                "`cms.backend` cannot be \"{backend}\"",
                "feltet `cms.backend` kan ikke være \"{backend}\""
            ))
            .in_file(file)
            .at(at(&["cms", "backend"]));
            if let Some(near) = schema::nearest(backend, BACKENDS.iter().copied()) {
                d = d.with_help(crate::words!(
                    "did you mean `{near}`?",
                    "mente du `{near}`?"
                ));
            }
            out.push(d.with_help(crate::words!(
                "write one of {list}: where the site's repository is kept",
                "skriv en af {list}: der, hvor sitets repository ligger"
            )));
        }
        let repo = &self.repo;
        let parts: Vec<&str> = repo.split('/').collect();
        let plain = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if parts.len() < 2 || !parts.iter().all(|p| plain(p)) {
            out.push(
                Diagnostic::error(crate::words!(
                    "`cms.repo` must name a repository as owner/name, not \"{repo}\"",
                    "feltet `cms.repo` skal nævne et repository som ejer/navn, ikke \"{repo}\""
                ))
                .in_file(file)
                .at(at(&["cms", "repo"]))
                .with_help(Words::new(
                    "copy it from the repository's address: for https://github.com/kommune/strategiportal write `repo: kommune/strategiportal`",
                    "kopiér det fra repositoryets adresse: for https://github.com/kommune/strategiportal skriv `repo: kommune/strategiportal`",
                )),
            );
        }
        for (key, value) in [("api_root", &self.api_root), ("base_url", &self.base_url)] {
            let Some(value) = value else { continue };
            if !value.starts_with("https://") && !value.starts_with("http://") {
                out.push(
                    Diagnostic::error(crate::words!(
                        "`cms.{key}` must be a web address, not \"{value}\"",
                        "feltet `cms.{key}` skal være en webadresse, ikke \"{value}\""
                    ))
                    .in_file(file)
                    .at(at(&["cms", key]))
                    .with_help(Words::new(
                        "write the whole address, starting with https://",
                        "skriv hele adressen, begyndende med https://",
                    )),
                );
            }
        }
        out
    }
}
