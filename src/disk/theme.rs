//! Themes: templates, UI strings and static files, with per-site overrides.
//!
//! Owns where theme files come from, in order of precedence: the site's own
//! `templates/` and `static/` folders, then `themes/<name>/` in the project, then
//! the themes built into pejl. It reads files but must not render anything.
//!
//! The site's own `static/` folder is read apart ([`read_site_static`]),
//! before the pages are linked: every file in it is published at its own
//! path from the site's root (`static/kort.png` → `kort.png`), so pages can
//! link to it. Only the ones the theme uses (a file that replaces one of the
//! theme's, `theme.css` and the brand's logo) are also the theme's, under
//! `assets/` with a fingerprint like the theme's own files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::base::diagnostic::{Diagnostic, Words};
use crate::config::Config;
use crate::content::yaml::{self, Subject};
use crate::disk::load::{Paths, is_ignored, read_text};

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
    /// The theme's static files by name relative to `static/` (with the
    /// site's files that replace them, its `theme.css` and logo): published
    /// under `assets/` with a fingerprint.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Every file of the site's own `static/` folder, published at its own
    /// path from the site's root.
    pub site_files: StaticFolder,
}

/// The files of the site's `static/` folder by their path in it
/// (`/`-separated), with their bytes.
pub type StaticFolder = BTreeMap<String, Arc<[u8]>>;

/// The name of the stylesheet a site adds after the theme's own.
pub const SITE_STYLESHEET: &str = "theme.css";

/// Names of the themes built into pejl.
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN
        .dirs()
        .filter_map(|d| d.path().file_name()?.to_str())
        .collect()
}

/// Load the theme the config names — after the themes it `extends`, so its
/// files replace theirs — with the site's overrides on top: its
/// `templates/`, and of `site_files` (its `static/` folder, see
/// [`read_site_static`]) those that replace a theme's file, `theme.css` and
/// the brand's logo.
pub fn load(
    paths: &Paths,
    config: &Config,
    site_files: StaticFolder,
) -> Result<Theme, Vec<Diagnostic>> {
    let chain = chain(paths, &config.theme, config.theme_pos)?;
    let mut layers = Layers::default();
    let mut problems = Vec::new();
    for name in chain.iter().rev() {
        layers.add_theme(paths, name, &mut problems);
    }
    let site_templates = paths.root.join("templates");
    layers.add_dir(
        &site_templates,
        &paths.display(&site_templates),
        Part::Templates,
        &mut problems,
    );
    for (name, bytes) in &site_files {
        let logo = config.brand.logo.as_deref() == Some(name.as_str());
        if layers.statics.contains_key(name) || name == SITE_STYLESHEET || logo {
            layers.statics.insert(name.clone(), bytes.to_vec());
        }
    }
    let strings = layers.strings(&config.language, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Theme {
        templates: layers.templates.into_values().collect(),
        strings,
        statics: layers.statics,
        site_files,
    })
}

/// The site's own `static/` folder beside `pejl.yaml`: every file by its path
/// in the folder, read as the content folder's files are copied (never
/// through a symbolic link, not even one swapped in on the way while pejl
/// reads), with a problem for each link or file that cannot be read.
/// Editor and system leftovers are skipped.
pub fn read_site_static(paths: &Paths) -> (StaticFolder, Vec<Diagnostic>) {
    let dir = paths.root.join("static");
    let display = paths.display(&dir);
    let mut files = StaticFolder::new();
    let mut problems = Vec::new();
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        problems.push(not_in_project(&display));
        return (files, problems);
    }
    if !dir.is_dir() {
        return (files, problems);
    }
    let walker = WalkDir::new(&dir).sort_by_file_name().into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(crate::disk::load::unreadable_folder(paths, &e));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        if entry.path_is_symlink() {
            problems.push(not_in_project(&display.join(rel)));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let file = crate::disk::load::StaticFile {
            rel: rel.to_string_lossy().replace('\\', "/"),
            path: entry.path().to_path_buf(),
            len: 0,
        };
        match crate::disk::load::read_static(&file, STATIC_MAX_BYTES) {
            Ok(bytes) => {
                files.insert(file.rel, bytes.into());
            }
            Err(e) => problems.push(crate::disk::load::cannot_read(&e).in_file(display.join(rel))),
        }
    }
    (files, problems)
}

/// What a theme's `theme.yaml` says.
#[derive(Debug, Default, serde::Deserialize)]
struct Meta {
    #[serde(default)]
    extends: Option<String>,
}

/// The theme and the themes it extends, nearest first.
fn chain(
    paths: &Paths,
    name: &str,
    at: Option<crate::base::diagnostic::Pos>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let mut chain: Vec<String> = Vec::new();
    let mut current = name.to_string();
    // Who named `current`: the config (its `theme:` line), or a theme.yaml
    // (file, position).
    let config_file = paths.display(&paths.root.join(crate::config::FILE_NAME));
    let mut named_by: Option<(PathBuf, crate::base::diagnostic::Pos)> =
        at.map(|pos| (config_file, pos));
    loop {
        let on_disk = paths.root.join("themes").join(&current);
        let built_in = BUILT_IN.get_dir(current.as_str());
        if !on_disk.is_dir() && built_in.is_none() {
            let d = unknown_theme(paths, &current);
            return Err(vec![match &named_by {
                Some((file, pos)) => d.in_file(file).at(*pos),
                None => d,
            }]);
        }
        chain.push(current.clone());
        let Some((text, file)) = theme_yaml(paths, &current, built_in)? else {
            return Ok(chain);
        };
        let subject = Subject {
            en: "theme description",
            da: "temaets beskrivelse",
        };
        let meta: Meta = yaml::from_str(&text, subject)
            .map_err(|e| vec![Diagnostic::error(e.message).in_file(&file).at(e.pos)])?;
        let Some(parent) = meta.extends else {
            return Ok(chain);
        };
        let pos = crate::config::key_pos(&text, "extends");
        check_parent(&parent, &chain, &file, pos).map_err(|d| vec![d])?;
        named_by = Some((file, pos));
        current = parent;
    }
}

/// A theme's `theme.yaml` (the project's, else the built-in one) and where
/// it is; `None` when it has none.
fn theme_yaml(
    paths: &Paths,
    name: &str,
    built_in: Option<&Dir<'static>>,
) -> Result<Option<(String, PathBuf)>, Vec<Diagnostic>> {
    let file = paths.root.join("themes").join(name).join("theme.yaml");
    if file.is_file() {
        let text = read_text(&file).map_err(|d| vec![d.in_file(paths.display(&file))])?;
        return Ok(Some((text, paths.display(&file))));
    }
    Ok(built_in
        .and_then(|d| d.get_file(format!("{name}/theme.yaml")))
        .map(|f| {
            let shown = Path::new("(built-in)")
                .join("themes")
                .join(name)
                .join("theme.yaml");
            (String::from_utf8_lossy(f.contents()).into_owned(), shown)
        }))
}

/// The theme an `extends` names must be a name, and not one already in the
/// chain (themes that extend each other in a circle).
fn check_parent(
    parent: &str,
    chain: &[String],
    file: &Path,
    pos: crate::base::diagnostic::Pos,
) -> Result<(), Diagnostic> {
    if parent.is_empty()
        || !parent
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Diagnostic::error(crate::words!(
            "`extends` must be the name of a theme, not \"{parent}\"",
            "feltet `extends` skal være navnet på et tema, ikke \"{parent}\""
        ))
        .in_file(file)
        .at(pos)
        .with_help(Words::new(
            "write a name such as `extends: default`",
            "skriv et navn som `extends: default`",
        )));
    }
    if chain.iter().any(|c| c == parent) {
        let names = chain
            .iter()
            .map(String::as_str)
            .chain([parent])
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(" → ");
        return Err(Diagnostic::error(crate::words!(
            "these themes extend each other in a circle: {names}",
            "disse temaer bygger på hinanden i en ring: {names}"
        ))
        .in_file(file)
        .at(pos)
        .with_help(Words::new(
            "remove `extends` from one of them, so the chain ends at a theme that extends none (such as `default`)",
            "fjern `extends` fra et af dem, så kæden ender ved et tema, der ikke bygger på noget (fx `default`)",
        )));
    }
    Ok(())
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
    if let Some(near) = crate::content::schema::nearest(name, names.iter().map(String::as_str)) {
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

/// The most one file of a `static/` folder may hold (it is read into memory
/// to fingerprint its name): 100 MiB.
const STATIC_MAX_BYTES: u64 = 100 << 20;

/// A symbolic link in a theme or `static/` folder: pejl reads nothing
/// outside the project through one.
fn not_in_project(display: &Path) -> Diagnostic {
    Diagnostic::error(Words::new(
        "this is a symbolic link; pejl does not follow links in templates/, static/ or a theme, since they can point outside the project",
        "dette er en genvej (symbolsk link); pejl følger ikke genveje i templates/, static/ eller et tema, da de kan pege uden for projektet",
    ))
    .in_file(display)
    .with_help(Words::new(
        "copy the file or folder in instead, and delete the link",
        "kopiér i stedet filen eller mappen ind, og slet genvejen",
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
    /// A theme's files: the built-in ones of that name, then the project's
    /// `themes/<name>/` on top.
    fn add_theme(&mut self, paths: &Paths, name: &str, problems: &mut Vec<Diagnostic>) {
        if let Some(dir) = BUILT_IN.get_dir(name) {
            self.add_built_in(dir, name);
        }
        let on_disk = paths.root.join("themes").join(name);
        if !on_disk.is_dir() {
            return;
        }
        let display = paths.display(&on_disk);
        for (folder, part) in [
            ("templates", Part::Templates),
            ("static", Part::Static),
            ("strings", Part::Strings),
        ] {
            self.add_dir(&on_disk.join(folder), &display.join(folder), part, problems);
        }
    }

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
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            // The walk would follow it anywhere on the machine and publish
            // what it finds there.
            problems.push(not_in_project(display));
            return;
        }
        if !dir.is_dir() {
            return;
        }
        let walker = WalkDir::new(dir).sort_by_file_name().into_iter();
        for entry in
            walker.filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        {
            let Ok(entry) = entry else { continue };
            if entry.path_is_symlink() {
                if let Ok(rel) = entry.path().strip_prefix(dir) {
                    problems.push(not_in_project(&display.join(rel)));
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let origin = display.join(rel);
            match part {
                Part::Static => {
                    match crate::disk::load::read_bytes_bounded(
                        entry.path(),
                        STATIC_MAX_BYTES,
                        false,
                    ) {
                        Ok(bytes) => {
                            self.statics.insert(name, bytes);
                        }
                        Err(e) => problems.push(crate::disk::load::cannot_read(&e).in_file(origin)),
                    }
                }
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
