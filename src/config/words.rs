//! Checks of the site's own words in `pejl.yaml` (`kinds` and `statuses`)
//! that need nothing but the configuration. Turning them into the string
//! table templates read is `vocabulary`'s.

use super::{Config, KindWords, key_pos, nested_pos};
use crate::base::diagnostic::{Diagnostic, Words};
use crate::content::schema::{self, STATUSES};

/// The nouns the theme's texts name by placeholder and `kinds` renames:
/// every kind, and the bearings of a vision. Each is (singular, plural): `{goal}` is the string
/// `kind_goal`, `{goals}` the string `goals`, `{the_goal}` and `{the_goals}`
/// the strings of those names.
pub(crate) const NOUNS: [(&str, &str); 14] = [
    ("vision", "visions"),
    ("bearing", "bearings"),
    ("strategy", "strategies"),
    ("focus_area", "focus_areas"),
    ("goal", "goals"),
    ("indicator", "indicators"),
    ("initiative", "initiatives"),
    ("milestone", "milestones"),
    ("document", "documents"),
    ("page", "pages"),
    ("catalogue", "catalogues"),
    ("theme", "themes"),
    ("idea", "ideas"),
    ("main_initiative", "main_initiatives"),
];

/// A noun `kinds` may name, as written there (`goal`, `focus-area`): a kind,
/// or a vision's bearings (`bearing`). Its singular and plural names.
pub(crate) fn noun(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim().to_lowercase().replace([' ', '-'], "_");
    NOUNS.iter().find(|(one, _)| *one == name).copied()
}

/// Checks of `kinds` and `statuses` that need nothing but the config.
pub fn check_config(config: &Config, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, words) in &config.kinds {
        let at = nested_pos(text, &["kinds", name]);
        if noun(name).is_none() {
            let names: Vec<&str> = NOUNS.iter().map(|(one, _)| *one).collect();
            let mut d = Diagnostic::error(crate::words!(
                "`kinds` names \"{name}\", which is not a kind of page",
                "feltet `kinds` nævner \"{name}\", som ikke er en slags side"
            ))
            .in_file(file)
            .at(at);
            if let Some(near) = schema::nearest(name, names.iter().copied()) {
                d = d.with_help(crate::words!(
                    "did you mean `{near}`?",
                    "mente du `{near}`?"
                ));
            }
            let list = schema::quoted_list(&names);
            out.push(d.with_help(crate::words!(
                "the kinds are: {list}",
                "de slags sider, der findes, er: {list}"
            )));
            continue;
        }
        out.extend(
            missing_forms(name, words, &config.language)
                .into_iter()
                .map(|d| d.in_file(file).at(at)),
        );
    }
    out.extend(check_statuses(config, file, text));
    out
}

/// A kind given a new `name` needs its other forms too, or the theme's texts
/// would mix the new name with the old: `plural` always, and in Danish
/// `definite` ("målet" or "indsatsen", which no rule can tell apart).
fn missing_forms(kind: &str, words: &KindWords, language: &str) -> Vec<Diagnostic> {
    let Some(name) = words.name.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let lower = name.to_lowercase();
    if words.plural.is_none() {
        out.push(
            Diagnostic::error(crate::words!(
                "`kinds` gives `{kind}` the name \"{name}\", but not its `plural`: what several are called, in headings and lists",
                "`kinds` giver `{kind}` navnet \"{name}\", men ikke flertal (`plural`): det, flere af dem kaldes i overskrifter og lister"
            ))
            .with_help(crate::words!(
                "add it beside `name`, as in `{{name: Indsatsområde, plural: Indsatsområder}}`",
                "tilføj det ved siden af `name`, som i `{{name: Indsatsområde, plural: Indsatsområder}}`"
            )),
        );
    }
    if language == "da" && words.definite.is_none() {
        let stem = lower.trim_end_matches('e');
        let (en, et) = (format!("{stem}en"), format!("{stem}et"));
        out.push(
            Diagnostic::error(crate::words!(
                "`kinds` gives `{kind}` the name \"{name}\", but not its `definite` form (like \"målet\" or \"indsatsen\"), which the site's texts use",
                "`kinds` giver `{kind}` navnet \"{name}\", men ikke bestemt form (`definite`, som \"målet\" eller \"indsatsen\"), som sitets tekster bruger"
            ))
            .with_help(crate::words!(
                "add `definite: {et}` if one says \"et {lower}\", or `definite: {en}` if one says \"en {lower}\"",
                "tilføj `definite: {et}`, hvis det hedder \"et {lower}\", eller `definite: {en}`, hvis det hedder \"en {lower}\""
            )),
        );
    }
    out
}

fn check_statuses(config: &Config, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = key_pos(text, "statuses");
    let allowed = schema::quoted_list(STATUSES);
    for (n, s) in config.statuses.iter().enumerate() {
        let id = &s.id;
        let here = |d: Diagnostic| d.in_file(file).at(at);
        if config.statuses[..n].iter().any(|o| o.id == *id) {
            out.push(here(
                Diagnostic::error(crate::words!(
                    "the status \"{id}\" is listed twice in `statuses`",
                    "status \"{id}\" står to gange under `statuses`"
                ))
                .with_help(Words::new("keep one of them", "behold den ene af dem")),
            ));
        }
        if crate::base::slug::slugify(id) != *id || id.is_empty() {
            out.push(here(
                Diagnostic::error(crate::words!(
                    "the status id \"{id}\" must be lower-case letters, digits and dashes",
                    "status-id'et \"{id}\" må kun have små bogstaver, tal og bindestreger"
                ))
                .with_help(Words::new(
                    "write the words readers see in `label`, e.g. `{id: igangsat, label: Igangsat, means: running}`",
                    "skriv de ord, læserne ser, i `label`, fx `{id: igangsat, label: Igangsat, means: running}`",
                )),
            ));
        }
        let means = s.means.as_deref().unwrap_or(id);
        if !STATUSES.contains(&means) {
            let d = match &s.means {
                Some(m) => Diagnostic::error(crate::words!(
                    "`means` of the status \"{id}\" cannot be \"{m}\"",
                    "feltet `means` for status \"{id}\" kan ikke være \"{m}\""
                )),
                None => Diagnostic::error(crate::words!(
                    "the status \"{id}\" needs `means`: which built-in status it behaves like",
                    "status \"{id}\" mangler `means`: hvilken indbygget status den opfører sig som"
                )),
            };
            out.push(here(d.with_help(crate::words!(
                "`means` is one of {allowed}",
                "`means` er en af {allowed}"
            ))));
        }
        if s.label.is_none() && !STATUSES.contains(&id.as_str()) {
            out.push(here(
                Diagnostic::error(crate::words!(
                    "the status \"{id}\" needs a `label`: the words readers see",
                    "status \"{id}\" mangler `label`: de ord, læserne ser"
                ))
                .with_help(Words::new(
                    "add e.g. `label: Igangsat`",
                    "tilføj fx `label: Igangsat`",
                )),
            ));
        }
    }
    out
}
