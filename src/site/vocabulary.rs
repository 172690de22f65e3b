//! The site's own words: what it calls each kind of page, which statuses its
//! initiatives may have, and any UI string it words differently.
//!
//! Owns turning `kinds`, `statuses` and `words` of `pejl.yaml` into the string
//! table templates read (so two municipalities with different vocabularies need
//! no template change), and checking initiatives' statuses against the
//! vocabulary. It must not read files or render.

use std::collections::BTreeMap;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::config::{Config, plural_key};
use crate::content::model::KindData;
use crate::content::schema::{self, Kind, STATUSES};
use crate::site::link::Site;

/// The status ids content may use, in the site's order.
pub fn status_ids(config: &Config) -> Vec<&str> {
    if config.statuses.is_empty() {
        STATUSES.to_vec()
    } else {
        config.statuses.iter().map(|s| s.id.as_str()).collect()
    }
}

/// The built-in status a status id behaves like (its badge and glyph).
pub fn means<'a>(config: &'a Config, id: &'a str) -> &'a str {
    config
        .statuses
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.means.as_deref())
        .unwrap_or(id)
}

/// The theme's string table with the site's words put in. Keys of `words`
/// that the theme does not have are errors (a misspelt key would do nothing).
pub fn strings(
    theme: &BTreeMap<String, String>,
    config: &Config,
    file: &str,
) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let mut out = theme.clone();
    let mut problems = Vec::new();
    for (name, words) in &config.kinds {
        let Some(kind) = Kind::from_name(name) else {
            continue;
        };
        if let Some(n) = &words.name {
            out.insert(format!("kind_{}", kind.name()), n.clone());
        }
        if let (Some(p), Some(key)) = (&words.plural, plural_key(kind)) {
            out.insert(key.to_string(), p.clone());
        }
    }
    for s in &config.statuses {
        if let Some(label) = &s.label {
            out.insert(format!("status_{}", s.id), label.clone());
        }
    }
    for (key, value) in &config.words {
        if theme.contains_key(key) {
            out.insert(key.clone(), value.clone());
            continue;
        }
        let mut d = Diagnostic::error(crate::words!(
            "`words` names \"{key}\", but the theme has no text with that name",
            "feltet `words` nævner \"{key}\", men temaet har ingen tekst med det navn"
        ))
        .in_file(file)
        .at(config.words_pos.get(key).copied().unwrap_or(Pos::new(1, 1)));
        if let Some(near) = schema::nearest(key, theme.keys().map(String::as_str)) {
            d = d.with_help(crate::words!(
                "did you mean `{near}`?",
                "mente du `{near}`?"
            ));
        }
        problems.push(d.with_help(Words::new(
            "the names are the keys of the theme's strings/<language>.yaml",
            "navnene er nøglerne i temaets strings/<sprog>.yaml",
        )));
    }
    (out, problems)
}

/// Every initiative's status must be one of the site's statuses.
pub fn check(site: &Site, config: &Config) -> Vec<Diagnostic> {
    let ids = status_ids(config);
    let allowed = schema::quoted_list(&ids);
    let mut out = Vec::new();
    for e in &site.entries {
        let KindData::Initiative(x) = &e.data else {
            continue;
        };
        let Some(status) = &x.status else { continue };
        if ids.contains(&status.as_str()) {
            continue;
        }
        let mut d = Diagnostic::error(crate::words!(
            "`status` cannot be \"{status}\"",
            "feltet `status` kan ikke være \"{status}\""
        ))
        .in_file(&e.display)
        .at(x.status_pos);
        if let Some(near) = schema::nearest(status, ids.iter().copied()) {
            d = d.with_help(crate::words!(
                "did you mean `{near}`?",
                "mente du `{near}`?"
            ));
        }
        out.push(d.with_help(crate::words!(
            "allowed values: {allowed} (set the site's own with `statuses` in pejl.yaml)",
            "mulige værdier: {allowed} (sitets egne sættes med `statuses` i pejl.yaml)"
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, "pejl.yaml")
    }

    #[test]
    fn kinds_and_statuses_become_the_strings_templates_read() {
        let text = "title: P\nkinds:\n  focus_area: {name: Indsatsområde, plural: Indsatsområder}\n  idea:\n    name: Forslag\nstatuses:\n  - id: igangsat\n    label: Igangsat\n    means: running\n  - id: completed\nwords:\n  kind_goal: Succeskriterium\n";
        let c = config(text).expect("valid");
        let theme: BTreeMap<String, String> =
            [("kind_goal", "Mål"), ("focus_areas", "Fokusområder")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let (s, problems) = strings(&theme, &c, "pejl.yaml");
        assert!(problems.is_empty());
        assert_eq!(s["kind_focus_area"], "Indsatsområde");
        assert_eq!(s["focus_areas"], "Indsatsområder");
        assert_eq!(s["kind_idea"], "Forslag");
        assert_eq!(s["kind_goal"], "Succeskriterium");
        assert_eq!(s["status_igangsat"], "Igangsat");
        assert_eq!(status_ids(&c), ["igangsat", "completed"]);
        assert_eq!(means(&c, "igangsat"), "running");
    }

    #[test]
    fn a_misspelt_word_key_is_an_error_at_its_line() {
        let text = "title: P\nwords:\n  kind_gaol: Succeskriterium\n";
        let c = config(text).expect("valid");
        let theme = BTreeMap::from([("kind_goal".to_string(), "Mål".to_string())]);
        let (_, problems) = strings(&theme, &c, "pejl.yaml");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].pos, Some(Pos::new(3, 3)));
        assert!(problems[0].help.iter().any(|h| h.en.contains("kind_goal")));
    }

    #[test]
    fn a_custom_status_needs_a_meaning_and_a_label() {
        let err = config("title: P\nstatuses:\n  - id: igangsat\n").expect_err("invalid");
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].message.en.contains("needs `means`"));
        assert!(err[1].message.en.contains("needs a `label`"));
        let err = config("title: P\nkinds:\n  fokus_area: {name: X}\n").expect_err("invalid");
        assert!(err[0].help.iter().any(|h| h.en.contains("`focus_area`")));
    }
}
