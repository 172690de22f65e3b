//! The site configuration, `pejl.yaml`.
//!
//! Owns the config's fields, their defaults and their checks. It must not read
//! content or themes; `load` reads the file and hands the text here.

pub mod brand;
pub mod cms;

use serde::Deserialize;

use crate::base::diagnostic::{Diagnostic, Pos, Words};

mod keys;
mod words;
use crate::base::period::PeriodRules;
use crate::content::yaml::{self, Subject};
pub(crate) use words::{NOUNS, noun};

pub const FILE_NAME: &str = "pejl.yaml";

/// Languages the UI strings and number formats exist for.
pub const LANGUAGES: &[&str] = &["da", "en"];

/// How messages name this file's contents.
const SUBJECT: Subject = Subject {
    en: "configuration",
    da: "indstillingerne i pejl.yaml",
};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in the header and the browser tab.
    pub title: String,
    /// `da` or `en`: the page language and the UI strings.
    #[serde(default = "default_language")]
    pub language: String,
    /// The public address of the site, for `sitemap.xml` and canonical links,
    /// e.g. `https://strategier.ishoj.dk/`. Pages link relatively, so it is optional.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The theme: a folder under `themes/`, or the built-in `default`.
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The address of the accessibility statement (was.digst.dk/…).
    #[serde(default)]
    pub accessibility_statement: Option<String>,
    /// Let raw HTML in Markdown through (sanitised). Off by default: it is escaped.
    #[serde(default)]
    pub allow_html: bool,
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
    /// Logo, colours and contact details (see `brand`).
    #[serde(default)]
    pub brand: crate::config::brand::Brand,
    /// Bounds on file sizes and nesting (see `limits`).
    #[serde(default)]
    pub limits: crate::content::limits::Limits,
    /// The main navigation, as page ids. Without it: the visions, the top sections
    /// and the timeline.
    #[serde(default)]
    pub nav: Option<Vec<String>>,
    /// Where `theme:` is written, if it is (filled in by [`Config::parse`]).
    #[serde(skip)]
    pub theme_pos: Option<Pos>,
    /// Where each id of `nav` is written (filled in by [`Config::parse`]).
    #[serde(skip)]
    pub nav_pos: Vec<Pos>,
    /// Build the search index (Pagefind) with the site. On by default; a very
    /// large portal may turn it off to build faster (about 2 ms per page).
    #[serde(default = "default_true")]
    pub search: bool,
    /// The browser editor published with the site at `admin/` (Decap CMS):
    /// where staff's edits are saved. See `cms`.
    #[serde(default)]
    pub cms: Option<cms::Cms>,
    /// Set by `pejl serve`, never read from the file: the preview offers the
    /// editor at `/admin/`, saving straight to this computer's disk.
    #[serde(skip)]
    pub local_editor: bool,
    /// Publish every file of `content/` that is not a page, even those no
    /// page links to. Off by default: only the images and attachments pages
    /// link to are published, so a draft or internal document left in a
    /// content folder never is.
    #[serde(default)]
    pub publish_unlinked_files: bool,
    /// What the site's budget lines are, when a line does not say
    /// (`basis`): `decided`, `spent` or `expected`. Without it, and without
    /// a line's own, the budget pages say nothing of what the amounts are.
    #[serde(default)]
    pub budget_basis: Option<String>,
    /// What primo, medio and ultimo cover.
    #[serde(default)]
    pub periods: Periods,
    /// Checks of follow-ups and statuses against today's date.
    #[serde(default)]
    pub checks: Checks,
    /// What the site calls each kind of page (`focus_area: {name: Indsatsområde,
    /// plural: Indsatsområder}`). See `vocabulary`.
    #[serde(default)]
    pub kinds: std::collections::BTreeMap<String, KindWords>,
    /// The statuses an initiative may have. Without it: the six built-in ones.
    #[serde(default)]
    pub statuses: Vec<StatusWords>,
    /// Abbreviations and what they stand for (`SSU: Social- og
    /// Sundhedsudvalget`): explained at their first use on each page, and
    /// listed on a glossary page.
    #[serde(default)]
    pub abbreviations: std::collections::BTreeMap<String, String>,
    /// Any other UI string of the theme, by its key, in the site's own words.
    #[serde(default)]
    pub words: std::collections::BTreeMap<String, String>,
    /// Where each key of `words` is written (filled in by [`Config::parse`]).
    #[serde(skip)]
    pub words_pos: std::collections::BTreeMap<String, Pos>,
}

/// A kind's name in the site's words, in every form the theme's texts use
/// (`vocabulary` fills `{goal}`, `{goals}`, `{the_goal}`, `{the_goals}`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    /// One page of the kind: "Pejlemærke".
    #[serde(default)]
    pub name: Option<String>,
    /// Several: "Pejlemærker".
    #[serde(default)]
    pub plural: Option<String>,
    /// One, definite ("the goal"): "pejlemærket". In Danish it also says
    /// whether the word is an en- or et-word, which "primært mål" needs.
    #[serde(default)]
    pub definite: Option<String>,
    /// Several, definite: "pejlemærkerne". Worked out from `plural` if left out.
    #[serde(default)]
    pub plural_definite: Option<String>,
}

/// One status of the site's status vocabulary.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    /// What content files write: `status: igangsat`.
    pub id: String,
    /// What readers see. Without it: the theme's word for a built-in status.
    #[serde(default)]
    pub label: Option<String>,
    /// The built-in status it behaves like (badge, colour, glyph): one of
    /// `planned`, `running`, `continued`, `not_continued`, `completed`, `paused`.
    /// Without it: the id must be one of those.
    #[serde(default)]
    pub means: Option<String>,
}

/// What "primo", "medio" and "ultimo" cover, of a month (days) and of a year
/// (months). The defaults: days 1–10, 11–20 and 21–end; months 1–3, 5–8, 10–12.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Periods {
    pub primo_days: u32,
    /// First and last day of "medio" a month.
    pub medio_days: [u32; 2],
    pub ultimo_days: u32,
    pub primo_months: u32,
    /// First and last month of "medio" a year.
    pub medio_months: [u32; 2],
    pub ultimo_months: u32,
}

impl Default for Periods {
    fn default() -> Self {
        let r = PeriodRules::default();
        Periods {
            primo_days: r.primo_days,
            medio_days: [r.medio_start_day, r.medio_end_day],
            ultimo_days: r.ultimo_days,
            primo_months: r.primo_months,
            medio_months: [r.medio_start_month, r.medio_end_month],
            ultimo_months: r.ultimo_months,
        }
    }
}

impl Periods {
    pub fn rules(&self) -> PeriodRules {
        PeriodRules {
            primo_days: self.primo_days,
            medio_start_day: self.medio_days[0],
            medio_end_day: self.medio_days[1],
            ultimo_days: self.ultimo_days,
            primo_months: self.primo_months,
            ultimo_months: self.ultimo_months,
            medio_start_month: self.medio_months[0],
            medio_end_month: self.medio_months[1],
        }
    }

    /// Every setting must name days of a month and months of a year, in order.
    fn problems(&self) -> Vec<Words> {
        let mut out = Vec::new();
        let days = |n: u32| (1..=31).contains(&n);
        let months = |n: u32| (1..=12).contains(&n);
        if !days(self.primo_days) || !days(self.ultimo_days) {
            out.push(Words::new(
                "`periods.primo_days` and `periods.ultimo_days` must be between 1 and 31",
                "`periods.primo_days` og `periods.ultimo_days` skal være mellem 1 og 31",
            ));
        }
        let [a, b] = self.medio_days;
        if !days(a) || !days(b) || a > b {
            out.push(Words::new(
                "`periods.medio_days` must be two days of the month, the first not after the second, like [11, 20]",
                "`periods.medio_days` skal være to dage i måneden, den første ikke efter den anden, fx [11, 20]",
            ));
        }
        if !months(self.primo_months) || !months(self.ultimo_months) {
            out.push(Words::new(
                "`periods.primo_months` and `periods.ultimo_months` must be between 1 and 12",
                "`periods.primo_months` og `periods.ultimo_months` skal være mellem 1 og 12",
            ));
        }
        let [a, b] = self.medio_months;
        if !months(a) || !months(b) || a > b {
            out.push(Words::new(
                "`periods.medio_months` must be two months of the year, the first not after the second, like [5, 8]",
                "`periods.medio_months` skal være to måneder i året, den første ikke efter den anden, fx [5, 8]",
            ));
        }
        out
    }
}

/// Checks of dated content against today's date.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Checks {
    /// Warn about follow-ups whose period has ended with no `outcome`.
    pub overdue_follow_ups: bool,
    /// Warn about initiatives whose `status_date` is older than this many
    /// months; 0 turns the check off.
    pub status_max_age_months: u32,
    /// Make these warnings errors, so a CI build fails on them.
    pub strict: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            overdue_follow_ups: true,
            status_max_age_months: 12,
            strict: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
}

fn default_language() -> String {
    "da".into()
}

fn default_true() -> bool {
    true
}

fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// Read and check `pejl.yaml`; `file` is the name to use in messages.
    pub fn parse(text: &str, file: &str) -> Result<Config, Vec<Diagnostic>> {
        // Every unknown setting at once, each at its line, before the typed
        // reading stops at the first.
        let root = yaml::parse_file(text).ok();
        if let Some(root) = &root {
            let unknown = keys::unknown(root, file);
            if !unknown.is_empty() {
                return Err(unknown);
            }
        }
        let config: Config = yaml::from_str(text, SUBJECT).map_err(|e| {
            let d = Diagnostic::error(e.message).in_file(file).at(e.pos);
            vec![match e.help {
                Some(h) => d.with_help(h),
                None => d,
            }]
        })?;
        let mut config = config;
        // Browsers drop spaces around an address; so does pejl, before it checks it.
        for url in [&mut config.base_url, &mut config.accessibility_statement]
            .into_iter()
            .flatten()
            .chain(config.footer_links.iter_mut().map(|l| &mut l.url))
        {
            if url.trim().len() != url.len() {
                *url = url.trim().to_string();
            }
        }
        config.words_pos = config
            .words
            .keys()
            .map(|k| (k.clone(), nested_pos(text, &["words", k])))
            .collect();
        config.brand.logo_pos = nested_pos(text, &["brand", "logo"]);
        config.nav_pos = root.as_ref().map(nav_positions).unwrap_or_default();
        config.theme_pos = root.as_ref().and_then(|r| top_key_pos(r, "theme"));
        let problems = config.check(file, text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn check(&self, file: &str, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |key: &str| key_pos(text, key);
        if !LANGUAGES.contains(&self.language.as_str()) {
            let language = &self.language;
            out.push(
                Diagnostic::error(crate::words!(
                    "the language \"{language}\" is not available",
                    "sproget \"{language}\" findes ikke i pejl"
                ))
                .in_file(file)
                .at(at("language"))
                .with_help(Words::new(
                    "write `language: da` for Danish or `language: en` for English",
                    "skriv `language: da` for dansk eller `language: en` for engelsk",
                )),
            );
        }
        let theme = &self.theme;
        if theme.is_empty()
            || !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            out.push(
                Diagnostic::error(crate::words!(
                    "`theme` must be the name of a theme, not \"{theme}\"",
                    "feltet `theme` skal være navnet på et tema, ikke \"{theme}\""
                ))
                .in_file(file)
                .at(at("theme"))
                .with_help(Words::new(
                    "write a name such as `theme: default`; a theme of your own is the folder themes/<name>/ beside pejl.yaml",
                    "skriv et navn som `theme: default`; et eget tema er mappen themes/<navn>/ ved siden af pejl.yaml",
                )),
            );
        }
        out.extend(self.url_problems(file, text));
        out.extend(self.budget_basis_problem(file, text));
        for problem in self.periods.problems() {
            out.push(
                Diagnostic::error(problem)
                    .in_file(file)
                    .at(at("periods"))
                    .with_help(Words::new(
                        "see \"Dates\" in README.md for what primo, medio and ultimo cover",
                        "se \"Dates\" i README.md om, hvad primo, medio og ultimo dækker",
                    )),
            );
        }
        out.extend(words::check_config(self, file, text));
        out.extend(self.brand.check(file, &|path| nested_pos(text, path)));
        if let Some(cms) = &self.cms {
            out.extend(cms.check(file, &|path| nested_pos(text, path)));
        }
        out.extend(unquoted_colours(text, file));
        out
    }

    /// `budget_basis` is one of [`crate::content::schema::BUDGET_BASES`].
    fn budget_basis_problem(&self, file: &str, text: &str) -> Option<Diagnostic> {
        use crate::content::schema::{BUDGET_BASES, quoted_list};
        let basis = self.budget_basis.as_ref()?;
        if BUDGET_BASES.contains(&basis.as_str()) {
            return None;
        }
        let list = quoted_list(BUDGET_BASES);
        Some(
            Diagnostic::error(crate::words!(
                "`budget_basis` cannot be \"{basis}\"",
                "feltet `budget_basis` kan ikke være \"{basis}\""
            ))
            .in_file(file)
            .at(key_pos(text, "budget_basis"))
            .with_help(crate::words!(
                "write one of {list}: what the budget lines' amounts are (decided, spent or expected money)",
                "skriv en af {list}: hvad budgetlinjernes beløb er (besluttede, brugte eller forventede penge)"
            )),
        )
    }

    /// Every address of the configuration, through the one check of `url`:
    /// `base_url`, `accessibility_statement` and each footer link's `url`.
    fn url_problems(&self, file: &str, text: &str) -> Vec<Diagnostic> {
        use crate::base::url::{self, Use};
        // What is checked: how it is named, its key, its value, its use and
        // where it is (a top-level key, or the n-th footer link).
        let mut addresses: Vec<(Words, &str, &str, Use, Option<usize>)> = Vec::new();
        if let Some(v) = &self.base_url {
            let subject = Words::new("`base_url`", "feltet `base_url`");
            addresses.push((subject, "base_url", v, Use::Base, None));
        }
        if let Some(v) = &self.accessibility_statement {
            let subject = Words::new(
                "`accessibility_statement`",
                "feltet `accessibility_statement`",
            );
            addresses.push((subject, "accessibility_statement", v, Use::Link, None));
        }
        for (i, link) in self.footer_links.iter().enumerate() {
            let title = &link.title;
            let subject = crate::words!(
                "the address of the footer link \"{title}\"",
                "adressen i linket \"{title}\" i sidefoden"
            );
            addresses.push((subject, "url", &link.url, Use::FooterLink, Some(i)));
        }
        let refused: Vec<_> = addresses
            .into_iter()
            .filter_map(|(subject, key, value, how, n)| {
                let why = url::check(value, how).err()?;
                Some((url::refused(&subject, value, how, &why), key, value, how, n))
            })
            .collect();
        if refused.is_empty() {
            return Vec::new();
        }
        // Where each value is written; only read when there is something to say.
        let tree = yaml::parse_file(text).ok();
        refused
            .into_iter()
            .map(|(message, key, value, how, n)| {
                let pos = match n {
                    None => value_pos(tree.as_ref(), &[key]).unwrap_or_else(|| key_pos(text, key)),
                    Some(n) => footer_link_pos(tree.as_ref(), n)
                        .unwrap_or_else(|| key_pos(text, "footer_links")),
                };
                Diagnostic::error(message)
                    .in_file(file)
                    .at(pos)
                    .with_help(url::help(value, how, key))
            })
            .collect()
    }

    /// The base URL with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

/// Where the top-level setting `key` is written.
fn top_key_pos(root: &yaml::Node, key: &str) -> Option<Pos> {
    let yaml::Value::Map(entries) = &root.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(k, _)| k.pos)
}

/// Where each id of `nav:` is written.
fn nav_positions(root: &yaml::Node) -> Vec<Pos> {
    let yaml::Value::Map(entries) = &root.value else {
        return Vec::new();
    };
    match entries.iter().find(|(k, _)| k.name == "nav") {
        Some((
            _,
            yaml::Node {
                value: yaml::Value::List(items),
                ..
            },
        )) => items.iter().map(|n| n.pos).collect(),
        Some((key, _)) => vec![key.pos],
        None => Vec::new(),
    }
}

/// `primary: #0b4f71` without quotes: YAML reads `#` as the start of a
/// comment, so the colour would silently be empty.
fn unquoted_colours(text: &str, file: &str) -> Vec<Diagnostic> {
    const NAMES: [&str; 6] = [
        "primary",
        "on_primary",
        "nav",
        "text",
        "background",
        "accent",
    ];
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (key, value) = line.trim_start().split_once(':')?;
            (line.starts_with(' ') && NAMES.contains(&key) && value.trim_start().starts_with('#'))
                .then(|| (i, key, value.trim().to_string()))
        })
        .map(|(i, key, value)| {
            Diagnostic::error(crate::words!(
                "the colour `{key}` must be written in quotes",
                "farven `{key}` skal skrives i anførselstegn"
            ))
            .in_file(file)
            .at(Pos::new(i + 1, 1))
            .with_help(crate::words!(
                "YAML reads everything after `#` as a comment; write `{key}: \"{value}\"`",
                "YAML læser alt efter `#` som en kommentar; skriv `{key}: \"{value}\"`"
            ))
        })
        .collect()
}

/// Where the value of a key nested under top-level keys is written, from the
/// located tree of pejl.yaml.
fn value_pos(tree: Option<&yaml::Node>, path: &[&str]) -> Option<Pos> {
    let mut node = tree?;
    for key in path {
        node = entry(node, key)?;
    }
    Some(node.pos)
}

/// Where the `url` of the `n`-th footer link is written.
fn footer_link_pos(tree: Option<&yaml::Node>, n: usize) -> Option<Pos> {
    let yaml::Value::List(links) = &entry(tree?, "footer_links")?.value else {
        return None;
    };
    Some(entry(links.get(n)?, "url")?.pos)
}

fn entry<'a>(node: &'a yaml::Node, key: &str) -> Option<&'a yaml::Node> {
    match &node.value {
        yaml::Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Where a top-level key is written, for messages about its value.
pub(crate) fn key_pos(text: &str, key: &str) -> Pos {
    text.lines()
        .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(':'))
        .map_or(Pos::new(1, 1), |i| Pos::new(i + 1, 1))
}

/// Where a key nested under top-level keys is written (block style):
/// `["words", "kind_goal"]` finds `  kind_goal:` below `words:`.
pub(crate) fn nested_pos(text: &str, path: &[&str]) -> Pos {
    let Some((first, rest)) = path.split_first() else {
        return Pos::new(1, 1);
    };
    let top = key_pos(text, first);
    let mut line = top.line;
    let mut found = top;
    for key in rest {
        let hit = text
            .lines()
            .enumerate()
            .skip(line)
            .take_while(|(_, l)| l.is_empty() || l.starts_with(' ') || l.starts_with('#'))
            .find(|(_, l)| {
                let t = l.trim_start();
                t.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            });
        match hit {
            Some((i, l)) => {
                line = i + 1;
                found = Pos::new(i + 1, l.len() - l.trim_start().len() + 1);
            }
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse("title: Portal\n", "pejl.yaml").expect("valid");
        assert_eq!(c.language, "da");
        assert_eq!(c.theme, "default");
        assert!(!c.allow_html);
    }

    #[test]
    fn unknown_key_names_the_line() {
        let err = Config::parse("title: P\nlanguge: da\n", "pejl.yaml").expect_err("invalid");
        assert_eq!(err[0].pos.map(|p| p.line), Some(2));
        assert!(err[0].message.contains("languge"), "{}", err[0]);
    }

    #[test]
    fn messages_name_the_configuration_in_danish() {
        let err =
            Config::parse("title: P\nlanguge: da\ntema: x\n", "pejl.yaml").expect_err("invalid");
        assert_eq!(err.len(), 2, "every unknown setting at once");
        let da = err[0].message.get(crate::base::diagnostic::Lang::Da);
        assert_eq!(da, "pejl.yaml har ingen indstilling, der hedder `languge`");
        assert_eq!(
            err[0].help[0]
                .get(crate::base::diagnostic::Lang::Da)
                .split('?')
                .next(),
            Some("mente du `language`")
        );
        assert_eq!(err[1].pos.map(|p| p.line), Some(3));
        let err = Config::parse("title: P\nlanguage: de\n", "pejl.yaml").expect_err("invalid");
        assert_eq!(
            err[0].message.get(crate::base::diagnostic::Lang::Da),
            "sproget \"de\" findes ikke i pejl"
        );
    }

    /// The first problem's line, column and English message.
    fn refused(text: &str) -> (usize, usize, String) {
        let err = Config::parse(text, "pejl.yaml").expect_err("refused");
        let pos = err[0].pos.expect("a position");
        (pos.line, pos.col, err[0].message.en.clone())
    }

    #[test]
    fn every_address_is_checked_at_its_value() {
        let (line, col, en) = refused("title: P\nbase_url: //evil.example/\n");
        assert_eq!((line, col), (2, 11), "{en}");
        assert!(en.starts_with("`base_url` is \"//evil.example/\""), "{en}");
        let (line, col, en) =
            refused("title: P\naccessibility_statement: \"javascript:alert(document.domain)\"\n");
        assert_eq!((line, col), (2, 26), "{en}");
        assert!(en.contains("runs code"), "{en}");
        let text = "title: P\nfooter_links:\n  - title: a\n    url: /om/\n  - title: b\n    url: \"java\\tscript:x\"\n";
        let (line, col, en) = refused(text);
        assert_eq!((line, col), (6, 10), "{en}");
        assert!(
            en.contains("footer link \"b\" is \"java\\tscript:x\""),
            "{en}"
        );
    }

    #[test]
    fn spaces_around_an_address_are_dropped() {
        let text = "title: P\nbase_url: \" https://x.dk \"\naccessibility_statement: \"/tilgaengelighed/ \"\n";
        let c = Config::parse(text, "pejl.yaml").expect("valid");
        assert_eq!(c.base_url(), Some("https://x.dk/".into()));
        assert_eq!(
            c.accessibility_statement.as_deref(),
            Some("/tilgaengelighed/")
        );
    }

    #[test]
    fn unsafe_footer_link_is_refused() {
        let text = "title: P\nfooter_links:\n  - title: x\n    url: javascript:alert(1)\n";
        assert!(Config::parse(text, "pejl.yaml").is_err());
    }
}
