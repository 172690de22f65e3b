//! Themes: templates, UI strings and static files, with per-site overrides.
//!
//! Owns where theme files come from, in order of precedence: the site's own
//! `templates/` and `static/` folders, then `themes/<name>/` in the project, then
//! the themes built into pejl. It reads files but must not render anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::{Paths, is_ignored, read_text};
use crate::yaml::{self, Subject};

/// The themes that ship inside the `pejl` binary.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// A template and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct Template {
    /// Name relative to the templates folder: `initiative.html`, `partials/x.html`.
    pub name: String,
    pub source: String,
    /// Shown in messages: `themes/default/templates/initiative.html`.
    pub origin: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<Template>,
    /// UI strings of the site's language.
    pub strings: BTreeMap<String, String>,
    /// Static files by name relative to `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Names of the themes built into pejl.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN
        .dirs()
        .filter_map(|d| d.path().file_name()?.to_str())
        .collect()
}

/// Load the theme the config names, with the site's overrides on top.
pub fn load(paths: &Paths, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let name = &config.theme;
    let on_disk = paths.root.join("themes").join(name);
    let built_in = BUILT_IN.get_dir(name.as_str());
    if !on_disk.is_dir() && built_in.is_none() {
        return Err(vec![unknown_theme(paths, name)]);
    }
    let mut layers = Layers::default();
    if let Some(dir) = built_in {
        layers.add_built_in(dir, name);
    }
    let mut problems = Vec::new();
    let theme_display = paths.display(&on_disk);
    if on_disk.is_dir() {
        layers.add_dir(
            &on_disk.join("templates"),
            &theme_display.join("templates"),
            Part::Templates,
            &mut problems,
        );
        layers.add_dir(
            &on_disk.join("static"),
            &theme_display.join("static"),
            Part::Static,
            &mut problems,
        );
        layers.add_dir(
            &on_disk.join("strings"),
            &theme_display.join("strings"),
            Part::Strings,
            &mut problems,
        );
    }
    let site_templates = paths.root.join("templates");
    layers.add_dir(
        &site_templates,
        &paths.display(&site_templates),
        Part::Templates,
        &mut problems,
    );
    let site_static = paths.root.join("static");
    layers.add_dir(
        &site_static,
        &paths.display(&site_static),
        Part::Static,
        &mut problems,
    );
    let strings = layers.strings(&config.language, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Theme {
        templates: layers.templates.into_values().collect(),
        strings,
        statics: layers.statics,
    })
}

fn unknown_theme(paths: &Paths, name: &str) -> Diagnostic {
    let mut names: Vec<String> = built_in_names().into_iter().map(str::to_string).collect();
    if let Ok(dir) = std::fs::read_dir(paths.root.join("themes")) {
        names.extend(
            dir.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    names.sort();
    names.dedup();
    let mut d = Diagnostic::error(crate::words!(
        "there is no theme called \"{name}\"",
        "der findes ikke et tema, der hedder \"{name}\""
    ))
    .in_file(paths.display(&paths.root.join(crate::config::FILE_NAME)));
    if let Some(near) = crate::schema::nearest(name, names.iter().map(String::as_str)) {
        d = d.with_help(crate::words!(
            "did you mean `theme: {near}`?",
            "mente du `theme: {near}`?"
        ));
    }
    let names = names.join(", ");
    d.with_help(crate::words!(
        "the themes you can use are: {names}",
        "de temaer, du kan bruge, er: {names}"
    ))
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Templates,
    Static,
    Strings,
}

/// Theme files collected layer by layer; a later layer replaces files of an earlier one.
#[derive(Default)]
struct Layers {
    templates: BTreeMap<String, Template>,
    statics: BTreeMap<String, Vec<u8>>,
    /// Language → (origin, text) of the string table.
    strings: BTreeMap<String, (PathBuf, String)>,
}

impl Layers {
    fn add_built_in(&mut self, dir: &Dir<'static>, theme: &str) {
        let base = Path::new("themes").join(theme);
        for file in all_files(dir) {
            let Ok(rel) = file.path().strip_prefix(theme) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            let origin = Path::new("(built-in)").join(&base).join(rel);
            let contents = file.contents();
            if let Some(name) = rel_s.strip_prefix("templates/") {
                let source = String::from_utf8_lossy(contents).into_owned();
                self.templates.insert(
                    name.into(),
                    Template {
                        name: name.into(),
                        source,
                        origin,
                    },
                );
            } else if let Some(name) = rel_s.strip_prefix("static/") {
                self.statics.insert(name.into(), contents.to_vec());
            } else if let Some(name) = rel_s.strip_prefix("strings/") {
                let lang = name.trim_end_matches(".yaml").to_string();
                self.strings.insert(
                    lang,
                    (origin, String::from_utf8_lossy(contents).into_owned()),
                );
            }
        }
    }

    fn add_dir(&mut self, dir: &Path, display: &Path, part: Part, problems: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        let walker = WalkDir::new(dir).sort_by_file_name().into_iter();
        for entry in
            walker.filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let origin = display.join(rel);
            match part {
                Part::Static => match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        self.statics.insert(name, bytes);
                    }
                    Err(e) => problems.push(
                        Diagnostic::error(crate::words!(
                            "cannot read this file: {e}",
                            "filen kan ikke læses: {e}"
                        ))
                        .in_file(origin),
                    ),
                },
                Part::Templates | Part::Strings => match read_text(entry.path()) {
                    Ok(source) if part == Part::Templates => {
                        self.templates.insert(
                            name.clone(),
                            Template {
                                name,
                                source,
                                origin,
                            },
                        );
                    }
                    Ok(source) => {
                        self.strings
                            .insert(name.trim_end_matches(".yaml").into(), (origin, source));
                    }
                    Err(d) => problems.push(d.in_file(origin)),
                },
            }
        }
    }

    fn strings(&self, language: &str, problems: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
        let Some((origin, text)) = self.strings.get(language) else {
            problems.push(
                Diagnostic::error(crate::words!(
                    "the theme has no UI strings for the language \"{language}\"",
                    "temaet har ingen tekster til sproget \"{language}\""
                ))
                .with_help(crate::words!(
                    "add strings/{language}.yaml to the theme, or choose another `language`",
                    "tilføj strings/{language}.yaml til temaet, eller vælg et andet sprog i `language`"
                )),
            );
            return BTreeMap::new();
        };
        let subject = Subject {
            en: "string table",
            da: "temaets tekster",
        };
        yaml::from_str(text, subject).unwrap_or_else(|e| {
            problems.push(Diagnostic::error(e.message).in_file(origin).at(e.pos));
            BTreeMap::new()
        })
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(all_files(sub));
    }
    out
}
