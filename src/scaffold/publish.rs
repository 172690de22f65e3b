//! The publishing workflows of `pejl init`: `.github/workflows/pejl.yml`
//! (GitHub Pages) and `.gitlab-ci.yml` (GitLab Pages). Each installs the
//! pejl that wrote it (`cargo install --locked pejl --version …`, kept in the
//! platform's cache), builds the portal into `public/` — where `pejl build`
//! writes by default — and publishes it from the default branch only; other
//! branches are only built or checked. Comments, in the site's language, tell
//! staff what the file does and that IT sets it up once.
//!
//! Returns file contents only; `main` writes them, never over an existing file.
//! `./build.sh test` lints both files against the platforms' schemas.

use super::NewFile;
use crate::base::diagnostic::Lang;

/// The version of pejl a portal's workflows install: this one.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The GitHub Actions workflow; `«name»` marks a comment or step name
/// (`WORDS`), `{version}` the pejl to install.
const GITHUB: &str = r#"«github_head»
name: «github_name»

on:
  push:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

# «one_at_a_time»
concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: false

env:
  # «version»
  PEJL_VERSION: "{version}"

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v5
        with:
          # «history»
          fetch-depth: 0
      # «install»
      - name: «cache_step»
        id: pejl
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/pejl
          key: pejl-${{ runner.os }}-${{ env.PEJL_VERSION }}
      - name: «install_step»
        if: steps.pejl.outputs.cache-hit != 'true'
        run: cargo install --locked pejl --version "$PEJL_VERSION"
      # «build»
      - name: «build_step»
        run: pejl build
      - name: «upload_step»
        if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
        uses: actions/upload-pages-artifact@v4
        with:
          path: public

  # «deploy»
  deploy:
    needs: build
    if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: «deploy_step»
        id: deployment
        uses: actions/deploy-pages@v4
"#;

/// The GitLab CI configuration, marked as `GITHUB` is.
const GITLAB: &str = r#"«gitlab_head»

variables:
  # «version»
  PEJL_VERSION: "{version}"
  # «history»
  GIT_DEPTH: "0"

# «gitlab_install»
.pejl:
  image: rust:1
  timeout: 30 minutes
  cache:
    key: pejl-$PEJL_VERSION
    paths:
      - .pejl/
  before_script:
    - test -x .pejl/bin/pejl || cargo install --locked pejl --version "$PEJL_VERSION" --root .pejl

# «gitlab_pages»
pages:
  extends: .pejl
  script:
    - .pejl/bin/pejl build
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

# «gitlab_check»
pejl-check:
  extends: .pejl
  script:
    - .pejl/bin/pejl check
  rules:
    - if: $CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH
"#;

/// Each marked text in English and in Danish. A head is several comment
/// lines; the others are one line each.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "github_head",
        "# Publishes the portal on GitHub Pages.\n\
         #\n\
         # Every time a change reaches the main branch (e.g. main), GitHub builds the\n\
         # portal with pejl and publishes the new version. If pejl finds errors, the\n\
         # version already published stays, and the errors can be read under the\n\
         # \"Actions\" tab. On other branches and in pull requests the portal is only\n\
         # built, so errors show before they go out.\n\
         #\n\
         # IT sets this up once: in the repository's Settings → Pages, choose\n\
         # \"Source: GitHub Actions\". Editors need not touch this file.",
        "# Udgiver portalen på GitHub Pages.\n\
         #\n\
         # Hver gang en ændring kommer ind på hovedgrenen (fx main), bygger GitHub\n\
         # portalen med pejl og lægger den nye udgave ud. Finder pejl fejl, bliver\n\
         # den udgave, der allerede er ude, stående, og fejlene kan læses under\n\
         # fanen \"Actions\". På andre grene og i pull requests bygges portalen kun,\n\
         # så fejl ses, før de når ud.\n\
         #\n\
         # IT sætter det op én gang: i depotets Settings → Pages vælges\n\
         # \"Source: GitHub Actions\". Redaktionen skal ikke røre denne fil.",
    ),
    ("github_name", "Publish the portal", "Udgiv portalen"),
    (
        "one_at_a_time",
        "One publication at a time; one under way is finished first.",
        "Én udgivelse ad gangen; den, der er i gang, gøres færdig først.",
    ),
    (
        "version",
        "The pejl that builds the portal. Change the number to use a newer pejl.",
        "Den pejl, der bygger portalen. Skift tallet for at bruge en nyere pejl.",
    ),
    (
        "history",
        "The whole history: pejl shows when each page was last changed.",
        "Hele historikken: pejl viser, hvornår hver side sidst blev ændret.",
    ),
    (
        "install",
        "pejl is installed the first time (it takes a few minutes) and kept for next time.",
        "pejl installeres første gang (det tager nogle minutter) og gemmes til næste gang.",
    ),
    ("cache_step", "Fetch the kept pejl", "Hent den gemte pejl"),
    ("install_step", "Install pejl", "Installer pejl"),
    (
        "build",
        "Builds the portal into the folder public/, as `pejl build` does on a computer.",
        "Bygger portalen ind i mappen public/, som `pejl build` gør på en computer.",
    ),
    ("build_step", "Build the portal", "Byg portalen"),
    (
        "upload_step",
        "Keep the built portal for publishing",
        "Gem den byggede portal til udgivelse",
    ),
    (
        "deploy",
        "Publishes the portal, from the main branch only.",
        "Lægger portalen ud, kun fra hovedgrenen.",
    ),
    ("deploy_step", "Publish the portal", "Læg portalen ud"),
    (
        "gitlab_head",
        "# Publishes the portal on GitLab Pages.\n\
         #\n\
         # Every time a change reaches the main branch (e.g. main), GitLab builds the\n\
         # portal with pejl and publishes the new version. If pejl finds errors, the\n\
         # version already published stays, and the errors can be read under\n\
         # Build → Pipelines. On other branches the portal is only checked, so errors\n\
         # show before they go out.\n\
         #\n\
         # IT sets this up once: the project needs a runner that runs Docker images\n\
         # (GitLab.com has them), and Pages turned on under Settings → General →\n\
         # Visibility. Editors need not touch this file.",
        "# Udgiver portalen på GitLab Pages.\n\
         #\n\
         # Hver gang en ændring kommer ind på hovedgrenen (fx main), bygger GitLab\n\
         # portalen med pejl og lægger den nye udgave ud. Finder pejl fejl, bliver\n\
         # den udgave, der allerede er ude, stående, og fejlene kan læses under\n\
         # Build → Pipelines. På andre grene tjekkes portalen kun, så fejl ses, før\n\
         # de når ud.\n\
         #\n\
         # IT sætter det op én gang: projektet skal have en runner, der kan køre\n\
         # Docker-billeder (GitLab.com har dem), og Pages slået til under\n\
         # Settings → General → Visibility. Redaktionen skal ikke røre denne fil.",
    ),
    (
        "gitlab_install",
        "Shared by the jobs: pejl is installed the first time (it takes a few minutes) and kept for next time.",
        "Fælles for jobbene: pejl installeres første gang (det tager nogle minutter) og gemmes til næste gang.",
    ),
    (
        "gitlab_pages",
        "Builds the portal into the folder public/ and publishes it, from the main branch only.",
        "Bygger portalen ind i mappen public/ og lægger den ud, kun fra hovedgrenen.",
    ),
    (
        "gitlab_check",
        "Checks the portal on every other branch, without publishing anything.",
        "Tjekker portalen på alle andre grene uden at lægge noget ud.",
    ),
];

/// The workflow files, with comments in `lang`.
pub fn files(lang: Lang) -> Vec<NewFile> {
    vec![
        NewFile {
            path: ".github/workflows/pejl.yml".into(),
            text: fill(GITHUB, lang),
        },
        NewFile {
            path: ".gitlab-ci.yml".into(),
            text: fill(GITLAB, lang),
        },
    ]
}

/// `template` with its marks replaced by their words in `lang` and the
/// version by this pejl's.
fn fill(template: &str, lang: Lang) -> String {
    let mut text = template.replace("{version}", VERSION);
    for (mark, en, da) in WORDS {
        let words = if lang == Lang::Da { da } else { en };
        text = text.replace(&format!("«{mark}»"), words);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_filled_in_both_languages() {
        for lang in [Lang::Da, Lang::En] {
            for f in files(lang) {
                assert!(!f.text.contains('«'), "{}: {}", f.path, f.text);
                assert!(f.text.contains(&format!("\"{VERSION}\"")), "{}", f.path);
                let yaml: serde_yaml::Value =
                    serde_yaml::from_str(&f.text).expect("the workflow is YAML");
                assert!(yaml.is_mapping(), "{}", f.path);
            }
        }
        let english = files(Lang::En);
        assert!(english.iter().all(|f| !f.text.contains("portalen")));
    }
}
