//! The site's own words: what it calls each kind of page, which statuses its
//! initiatives may have, and any UI string it words differently.
//!
//! Owns turning `kinds`, `statuses` and `words` of `pejl.yaml` into the string
//! table templates read (so two municipalities with different vocabularies need
//! no template change), and checking initiatives' statuses against the
//! vocabulary. It must not read files or render.

use std::collections::BTreeMap;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::config::{Config, KindWords, NOUNS, noun};
use crate::content::model::KindData;
use crate::content::schema::{self, STATUSES};
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

/// The theme's string table with the site's words put in, and every
/// placeholder of a noun (`{goal}`, `{Goals}`, `{the_goal}`, `{goal:en|et}`)
/// filled from it. Keys of `words` that the theme does not have are errors
/// (a misspelt key would do nothing).
pub fn strings(
    theme: &BTreeMap<String, String>,
    config: &Config,
    file: &str,
) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let mut out = theme.clone();
    let mut problems = Vec::new();
    for (name, words) in &config.kinds {
        if let Some(noun) = noun(name) {
            put_kind(&mut out, noun, words, &config.language);
        }
    }
    for s in &config.statuses {
        if let Some(label) = &s.label {
            out.insert(format!("status_{}", s.id), label.clone());
        }
    }
    for (key, value) in &config.words {
        if let Some(own) = theme.get(key) {
            out.insert(key.clone(), value.clone());
            let at = config.words_pos.get(key).copied().unwrap_or(Pos::new(1, 1));
            let unknown = unknown_placeholders(value, own, &out, &config.language);
            problems.extend(unknown.map(|d| d.in_file(file).at(at)));
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
    let filled = out
        .iter()
        .map(|(k, v)| (k.clone(), fill(v, &out, &config.language)))
        .collect();
    (filled, problems)
}

/// The placeholders of a site's text (`value`) that pejl would leave as
/// written: neither a kind's (`{goal}`) nor one the theme's own text for the
/// key has (`{n}`). A misspelt one would stand on the page in braces.
fn unknown_placeholders<'a>(
    value: &'a str,
    own: &'a str,
    strings: &'a BTreeMap<String, String>,
    language: &'a str,
) -> impl Iterator<Item = Diagnostic> + 'a {
    let names = || {
        NOUNS.iter().flat_map(|(one, many)| {
            [
                one.to_string(),
                many.to_string(),
                format!("the_{one}"),
                format!("the_{many}"),
            ]
        })
    };
    placeholders(value)
        .filter(move |p| {
            placeholder(p, strings, language).is_none() && !placeholders(own).any(|o| o == *p)
        })
        .map(move |p| {
            let mut d = Diagnostic::error(crate::words!(
                "`{{{p}}}` is not a word pejl fills in",
                "`{{{p}}}` er ikke et ord, pejl sætter ind"
            ));
            let candidates: Vec<String> = names().chain(placeholders(own).map(str::to_string)).collect();
            if let Some(near) = schema::nearest(&lower_first(p), candidates.iter().map(String::as_str)) {
                d = d.with_help(crate::words!("did you mean `{{{near}}}`?", "mente du `{{{near}}}`?"));
            }
            d.with_help(Words::new(
                "pejl fills in each kind's name: `{goal}`, `{goals}`, `{the_goal}`, `{the_goals}` (`{Goal}` with a capital letter)",
                "pejl sætter hver slags sides navn ind: `{goal}`, `{goals}`, `{the_goal}`, `{the_goals}` (`{Goal}` med stort begyndelsesbogstav)",
            ))
        })
}

/// The text between each pair of braces in `text`.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(inner, _)| inner))
        .filter(|inner| !inner.is_empty() && !inner.contains(char::is_whitespace))
}

/// One kind's forms from `kinds` into the string table. A form left out is
/// worked out where a rule can: the plural's definite form (Danish
/// "mål" → "målene", "indsatser" → "indsatserne"), and in English "the …".
fn put_kind(
    out: &mut BTreeMap<String, String>,
    (one, plural_key): (&str, &str),
    words: &KindWords,
    language: &str,
) {
    if let Some(n) = &words.name {
        out.insert(format!("kind_{one}"), n.clone());
    }
    if let Some(p) = &words.plural {
        out.insert(plural_key.to_string(), p.clone());
    }
    let english = language == "en";
    let definite = words.definite.clone().or_else(|| {
        let name = words.name.as_deref().filter(|_| english)?;
        Some(format!("the {}", lower_first(name)))
    });
    if let Some(d) = definite {
        out.insert(format!("the_{one}"), d);
    }
    let plural_definite = words.plural_definite.clone().or_else(|| {
        let p = lower_first(words.plural.as_deref()?);
        Some(match () {
            _ if english => format!("the {p}"),
            _ if p.ends_with('e') || p.ends_with("er") => format!("{p}ne"),
            _ => format!("{p}ene"),
        })
    });
    if let Some(d) = plural_definite {
        out.insert(format!("the_{plural_key}"), d);
    }
}

/// `text` with its placeholders of nouns filled from `strings`, the table
/// that holds their forms: `{goal}` (the string `kind_goal`), `{goals}`,
/// `{the_goal}`, `{the_goals}`; a capital letter first (`{Goal}`) puts one
/// first in the word. `{goal:denne|dette}` is the first word for an
/// en-word and the second for an et-word, told by the definite form
/// ("målet" ends in t). Anything else between braces (`{n}`, filled later)
/// is left as it is, and nothing put in is read again.
pub fn fill(text: &str, strings: &BTreeMap<String, String>, language: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after
            .find(['}', '{'])
            .filter(|&c| after[c..].starts_with('}'))
        else {
            out.push('{');
            rest = after;
            continue;
        };
        match placeholder(&after[..close], strings, language) {
            Some(word) => out.push_str(&word),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// What one placeholder (the text between the braces) stands for, if it
/// names a noun.
fn placeholder(inner: &str, strings: &BTreeMap<String, String>, language: &str) -> Option<String> {
    if let Some((noun, choice)) = inner.split_once(':') {
        let noun = lower_first(noun.trim());
        let (one, _) = NOUNS.iter().find(|(one, _)| *one == noun)?;
        let (common, neuter) = choice.split_once('|')?;
        let definite = strings.get(&format!("the_{one}"))?;
        let is_neuter = language == "da" && definite.trim_end().ends_with('t');
        return Some(if is_neuter { neuter } else { common }.to_string());
    }
    let (capital, key) = noun_key(inner)?;
    let word = strings.get(&key)?;
    Some(if capital {
        upper_first(word)
    } else {
        lower_first(word)
    })
}

/// Whether a placeholder starts with a capital, and the string key of the
/// form it names: `Goal` → (true, `kind_goal`), `the_goals` → (false, `the_goals`).
fn noun_key(name: &str) -> Option<(bool, String)> {
    let capital = name.starts_with(|c: char| c.is_ascii_uppercase());
    let name = lower_first(name);
    let bare = name.strip_prefix("the_").unwrap_or(&name);
    let key = NOUNS.iter().find_map(|(one, many)| {
        if bare == *one {
            Some(if bare.len() == name.len() {
                format!("kind_{one}")
            } else {
                name.clone()
            })
        } else {
            (bare == *many).then(|| name.clone())
        }
    })?;
    Some((capital, key))
}

fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The word with a small first letter, unless it is written in capitals
/// ("FN-mål", "KPI"), as a word mid-sentence is.
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(second)) if second.is_uppercase() => word.to_string(),
        (Some(first), _) => first.to_lowercase().chain(word.chars().skip(1)).collect(),
        (None, _) => String::new(),
    }
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

    fn theme(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn kinds_and_statuses_become_the_strings_templates_read() {
        let text = "title: P\nkinds:\n  focus_area: {name: Indsatsområde, plural: Indsatsområder, definite: indsatsområdet}\n  idea:\n    name: Forslag\n    plural: Forslag\n    definite: forslaget\nstatuses:\n  - id: igangsat\n    label: Igangsat\n    means: running\n  - id: completed\nwords:\n  kind_goal: Succeskriterium\n";
        let c = config(text).expect("valid");
        let theme = theme(&[("kind_goal", "Mål"), ("focus_areas", "Fokusområder")]);
        let (s, problems) = strings(&theme, &c, "pejl.yaml");
        assert!(problems.is_empty());
        assert_eq!(s["kind_focus_area"], "Indsatsområde");
        assert_eq!(s["focus_areas"], "Indsatsområder");
        assert_eq!(s["the_focus_area"], "indsatsområdet");
        assert_eq!(s["the_focus_areas"], "indsatsområderne");
        assert_eq!(s["kind_idea"], "Forslag");
        assert_eq!(s["the_ideas"], "forslagene");
        assert_eq!(s["kind_goal"], "Succeskriterium");
        assert_eq!(s["status_igangsat"], "Igangsat");
        assert_eq!(status_ids(&c), ["igangsat", "completed"]);
        assert_eq!(means(&c, "igangsat"), "running");
    }

    #[test]
    fn every_phrase_with_a_kinds_name_follows_the_sites_word() {
        let text = "title: P\nkinds:\n  goal: {name: Målsætning, plural: Målsætninger, definite: målsætningen}\n  initiative: {name: Tiltag, plural: Tiltag, definite: tiltaget}\n";
        let c = config(text).expect("valid");
        let theme = theme(&[
            ("kind_goal", "Mål"),
            ("goals", "Mål"),
            ("the_goal", "målet"),
            ("the_goals", "målene"),
            ("kind_initiative", "Indsats"),
            ("initiatives", "Indsatser"),
            ("the_initiatives", "indsatserne"),
            ("primary_goal", "{goal:Primær|Primært} {goal}"),
            (
                "primary",
                "{Initiatives} med dette som {goal:primær|primært} {goal}",
            ),
            (
                "map",
                "Fra {goals} til {the_initiatives}. {The_goal} og {n} {initiatives}.",
            ),
            ("untouched", "{n} {ukendt} {goal:a} {{ 7*7 }} {"),
        ]);
        let (s, problems) = strings(&theme, &c, "pejl.yaml");
        assert!(problems.is_empty());
        assert_eq!(s["primary_goal"], "Primær målsætning");
        assert_eq!(s["primary"], "Tiltag med dette som primær målsætning");
        assert_eq!(
            s["map"],
            "Fra målsætninger til tiltagene. Målsætningen og {n} tiltag."
        );
        assert_eq!(s["untouched"], "{n} {ukendt} {goal:a} {{ 7*7 }} {");
        // The theme's own words: an et-word.
        let (s, _) = strings(&theme, &config("title: P\n").expect("valid"), "pejl.yaml");
        assert_eq!(s["primary_goal"], "Primært mål");
        assert_eq!(s["map"], "Fra mål til indsatserne. Målet og {n} indsatser.");
    }

    #[test]
    fn english_sites_get_the_definite_forms_worked_out() {
        let text =
            "title: P\nlanguage: en\nkinds:\n  goal: {name: KPI target, plural: KPI targets}\n";
        let c = config(text).expect("valid");
        let theme = theme(&[
            ("kind_goal", "Goal"),
            ("x", "{Goals} and {the_goals}; {goal:a|b} {the_goal}"),
        ]);
        let (s, _) = strings(&theme, &c, "pejl.yaml");
        assert_eq!(s["x"], "KPI targets and the KPI targets; a the KPI target");
    }

    #[test]
    fn a_misspelt_placeholder_in_words_is_an_error_with_the_nearest() {
        let text = "title: P\nwords:\n  primary_goal: \"Vigtigste {gaol}\"\n  progress_total: \"{n} i alt, {Initiatives}\"\n";
        let c = config(text).expect("valid");
        let theme = theme(&[
            ("primary_goal", "{goal:Primær|Primært} {goal}"),
            ("progress_total", "{n} {initiatives} i alt:"),
            ("initiatives", "Indsatser"),
        ]);
        let (_, problems) = strings(&theme, &c, "pejl.yaml");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].pos, Some(Pos::new(3, 3)));
        assert!(problems[0].message.en.contains("`{gaol}`"));
        assert!(problems[0].help[0].en.contains("`{goal}`"), "{problems:?}");
    }

    #[test]
    fn a_renamed_kind_needs_its_other_forms() {
        let err = config("title: P\nkinds:\n  goal: {name: Pejlemærke}\n").expect_err("invalid");
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].message.en.contains("`plural`"));
        assert!(err[1].help[0].en.contains("`definite: pejlemærket`"));
        assert_eq!(err[1].pos, Some(Pos::new(3, 3)));
        // English works out "the …" by itself.
        let err = config("title: P\nlanguage: en\nkinds:\n  goal: {name: Target}\n")
            .expect_err("invalid");
        assert_eq!(err.len(), 1, "{err:?}");
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
