//! Checks of the site's own words in `pejl.yaml` (`kinds` and `statuses`)
//! that need nothing but the configuration. Turning them into the string
//! table templates read is `vocabulary`'s.

use super::{Config, key_pos, nested_pos};
use crate::base::diagnostic::{Diagnostic, Words};
use crate::content::schema::{self, Kind, STATUSES};

/// The UI string that names a list of pages of a kind (`focus_areas`), for
/// the kinds whose lists have a heading.
pub(crate) fn plural_key(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Strategy => "strategies",
        Kind::FocusArea => "focus_areas",
        Kind::Goal => "goals",
        Kind::Indicator => "indicators",
        Kind::Initiative => "initiatives",
        Kind::Milestone => "milestones",
        Kind::Page => "pages",
        Kind::Theme => "themes",
        Kind::Idea => "ideas",
        Kind::MainInitiative => "main_initiatives",
        Kind::Vision | Kind::Document | Kind::Catalogue | Kind::Section => return None,
    })
}

/// Checks of `kinds` and `statuses` that need nothing but the config.
pub fn check_config(config: &Config, file: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, words) in &config.kinds {
        let at = nested_pos(text, &["kinds", name]);
        let Some(kind) = Kind::from_name(name).filter(|k| *k != Kind::Section) else {
            let names = Kind::WRITABLE.map(Kind::name);
            let mut d = Diagnostic::error(crate::words!(
                "`kinds` names \"{name}\", which is not a kind of page",
                "feltet `kinds` nævner \"{name}\", som ikke er en slags side"
            ))
            .in_file(file)
            .at(at);
            if let Some(near) = schema::nearest(name, names) {
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
        };
        if words.plural.is_some() && plural_key(kind).is_none() {
            out.push(
                Diagnostic::error(crate::words!(
                    "pejl shows no list headed by the plural of `{name}`",
                    "pejl viser ingen liste med flertalsformen af `{name}` som overskrift"
                ))
                .in_file(file)
                .at(at)
                .with_help(Words::new(
                    "leave out `plural` here; `name` is what pages of this kind are called",
                    "udelad `plural` her; `name` er det, sider af denne slags kaldes",
                )),
            );
        }
    }
    out.extend(check_statuses(config, file, text));
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
