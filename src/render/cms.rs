//! The browser editor at `admin/`: Decap CMS, configured from the schema.
//!
//! Owns turning the content model into Decap's `config.yml`: one collection
//! per kind and folder the portal keeps pages of that kind in (a kind without
//! pages gets the folder `pejl new` would use), a form field per schema field
//! with the matching widget, labels and hints in the site's words, and the
//! theme's stylesheets in the preview pane. `pejl serve` offers it with a
//! backend that saves to disk (`serve::cms`); `cms:` in `pejl.yaml` publishes
//! it with the site, saving to the site's repository.
//!
//! Decap CMS itself is not written here: its files come from its npm package,
//! pinned and vendored in `vendor/decap-cms/` (see `SOURCE.txt` there).

use std::collections::{BTreeMap, BTreeSet};

use include_dir::{Dir, include_dir};
use serde_json::{Value, json};

use crate::base::OutputFile;
use crate::config::Config;
use crate::content::schema::{self, Field, FieldType, Kind, STATUSES};
use crate::site::link::Site;

/// Decap CMS's own files, as its npm package has them.
pub static DECAP: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/vendor/decap-cms");

/// The editor's folder in the site.
pub const FOLDER: &str = "admin";

/// Where the preview answers Decap's local-backend requests, below the site.
pub const LOCAL_API: &str = "admin/api/v1";

/// Where attachments and images uploaded in the editor go, in the project
/// (inside the content folder, so pejl publishes those that pages link to).
pub const MEDIA_FOLDER: &str = "content/filer";
/// …and how pages link to them.
pub const PUBLIC_FOLDER: &str = "/filer";

/// A reference lists at most this many pages to pick from; above it, the
/// form asks for the id (the lists are repeated in every form that has the
/// field, and a portal of thousands of pages would make the editor slow).
const MAX_CHOICES: usize = 100;

/// Plain pages (without `kind:`) are listed one by one up to this many;
/// beyond it they are edited as files.
const MAX_FILES: usize = 500;

/// Which editor a build writes, if any.
pub enum Editor<'a> {
    /// `pejl serve`: saves go to this computer's disk through the preview.
    Local,
    /// `cms:` in `pejl.yaml`: saves go to the site's repository.
    Published(&'a crate::config::cms::Cms),
}

impl<'a> Editor<'a> {
    /// The editor `config` asks for: the preview's own, or the published one.
    pub fn of(config: &'a Config) -> Option<Editor<'a>> {
        if config.local_editor {
            Some(Editor::Local)
        } else {
            config.cms.as_ref().map(Editor::Published)
        }
    }
}

/// The editor's files: its page, its configuration and (published) Decap's
/// code. The preview serves Decap's code from [`DECAP`] itself.
pub fn files(
    site: &Site,
    config: &Config,
    strings: &BTreeMap<String, String>,
    assets: &BTreeMap<String, String>,
) -> Vec<OutputFile> {
    let Some(editor) = Editor::of(config) else {
        return Vec::new();
    };
    let yaml = config_yml(site, config, strings, &editor);
    let mut files = vec![
        OutputFile::new(format!("{FOLDER}/config.yml"), yaml.into_bytes()),
        OutputFile::new(
            format!("{FOLDER}/index.html"),
            index_html(config, strings, assets).into_bytes(),
        ),
    ];
    if let Editor::Published(_) = editor {
        files.extend(DECAP.files().filter(|f| is_code(f.path())).map(|f| {
            let name = f.path().to_string_lossy();
            OutputFile::new(format!("{FOLDER}/{name}"), f.contents())
        }));
    }
    files
}

/// A file of Decap's that the browser loads (not the vendoring notes).
pub fn is_code(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "js" || e == "wasm" || e == "txt")
        && path.file_name().is_some_and(|n| n != "SOURCE.txt")
}

/// The editor's page: Decap's script, the site's stylesheets for the preview pane.
fn index_html(
    config: &Config,
    strings: &BTreeMap<String, String>,
    assets: &BTreeMap<String, String>,
) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    let title = match config.language.as_str() {
        "da" => format!("Redigér {}", config.title),
        _ => format!("Edit {}", config.title),
    };
    let styles: String = ["style.css", "theme.css"]
        .iter()
        .filter_map(|n| assets.get(*n))
        .map(|path| format!("CMS.registerPreviewStyle(\"../{path}\");"))
        .collect();
    let noscript = strings
        .get("cms_needs_javascript")
        .map_or("", String::as_str);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{title}</title>\n</head>\n<body>\n<noscript><p>{noscript}</p></noscript>\n<script src=\"decap-cms.js\"></script>\n<script>{styles}</script>\n</body>\n</html>\n",
        lang = esc(&config.language),
        title = esc(&title),
        noscript = esc(noscript),
    )
}

/// The site's path on its host, with a slash at both ends (`/`, `/strategi/`).
pub fn site_path(config: &Config) -> String {
    let base = config.base_url().unwrap_or_default();
    base.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_else(|| "/".to_string())
}

/// Decap's `config.yml` (written as JSON, which YAML reads as it is).
pub fn config_yml(
    site: &Site,
    config: &Config,
    strings: &BTreeMap<String, String>,
    editor: &Editor,
) -> String {
    let words = Words { strings };
    let places = Places::of(site);
    let make = Maker {
        site,
        config,
        words: &words,
        places: &places,
    };
    let mut collections: Vec<Value> = places
        .collections
        .iter()
        .map(|c| make.collection(c))
        .collect();
    collections.extend(make.files());
    let backend = match editor {
        Editor::Local => json!({
            "name": "proxy",
            "proxy_url": format!("{}{LOCAL_API}", site_path(config)),
            "branch": "main",
        }),
        Editor::Published(cms) => {
            let mut b = json!({ "name": cms.backend, "repo": cms.repo, "branch": cms.branch });
            for (key, value) in [
                ("api_root", &cms.api_root),
                ("base_url", &cms.base_url),
                ("app_id", &cms.app_id),
            ] {
                if let Some(v) = value {
                    b[key] = json!(v);
                }
            }
            if cms.backend != "github" && cms.app_id.is_some() {
                b["auth_type"] = json!("pkce");
            }
            b
        }
    };
    let mut root = json!({
        "backend": backend,
        "locale": config.language,
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    });
    if let Some(base) = config.base_url() {
        root["site_url"] = json!(base);
        root["display_url"] = json!(base);
    }
    let json = serde_json::to_string_pretty(&root).unwrap_or_default();
    let note = match config.language.as_str() {
        "da" => {
            "# Lavet af pejl ud fra indholdsmodellen, hver gang sitet bygges. Ret den ikke her:\n# ret pejl.yaml (cms:, kinds:, statuses:, words:) eller indholdet.\n"
        }
        _ => {
            "# Made by pejl from its content model at every build. Do not edit it here:\n# change pejl.yaml (cms:, kinds:, statuses:, words:) or the content.\n"
        }
    };
    format!("{note}{json}\n")
}

/// The labels of the editor, from the site's string table.
struct Words<'a> {
    strings: &'a BTreeMap<String, String>,
}

impl Words<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// A kind's name, singular or plural, as the site calls it.
    fn kind(&self, kind: Kind, plural: bool) -> String {
        self.noun(kind.name(), plural)
            .unwrap_or_else(|| kind.name().to_string())
    }

    /// A noun of `kinds:` (a kind, or a vision's bearings) as the site calls
    /// it: `kind_goal` and `goals` in the string table.
    fn noun(&self, name: &str, plural: bool) -> Option<String> {
        let (one, many) = crate::config::noun(name)?;
        let key = if plural {
            many.to_string()
        } else {
            format!("kind_{one}")
        };
        self.get(&key).map(str::to_string)
    }

    /// A field's label: the name of the kind it names (`goal`, `strategies`,
    /// `bearings`), else its own.
    fn field(&self, f: &Field) -> String {
        let named = crate::config::NOUNS.iter().find_map(|(one, many)| {
            (f.name == *one)
                .then(|| self.noun(one, false))
                .or_else(|| (f.name == *many).then(|| self.noun(one, true)))
                .flatten()
        });
        named.unwrap_or_else(|| {
            self.get(&format!("field_{}", f.name))
                .map_or_else(|| f.name.replace('_', " "), str::to_string)
        })
    }
}

/// One collection: the pages of one kind in one folder of `content/`. It
/// shows only pages whose `kind:` is its kind (a folder may hold several
/// kinds, and its `_index.md`); pages written without `kind:` and section
/// pages are edited as single files instead (see `Maker::files`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    kind: Kind,
    /// Relative to the content folder, `/`-separated; empty for its top.
    folder: String,
}

/// Where the portal keeps each kind.
struct Places {
    collections: Vec<Place>,
}

impl Places {
    fn of(site: &Site) -> Places {
        let mut collections: Vec<Place> = site
            .entries
            .iter()
            .filter(|e| e.kind != Kind::Section)
            .map(|e| Place {
                kind: e.kind,
                folder: e.rel.rsplit_once('/').map_or("", |(f, _)| f).to_string(),
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for kind in Kind::WRITABLE {
            if !collections.iter().any(|c| c.kind == kind) {
                let folder = kind.default_folder().to_string();
                collections.push(Place { kind, folder });
            }
        }
        collections.sort_by_key(|c| {
            let rank = Kind::WRITABLE.iter().position(|k| *k == c.kind);
            (rank, c.folder.clone())
        });
        Places { collections }
    }

    /// The collections holding pages of these kinds.
    fn of_kinds(&self, kinds: &[Kind]) -> Vec<&Place> {
        self.collections
            .iter()
            .filter(|c| kinds.contains(&c.kind))
            .collect()
    }
}

impl Place {
    /// Decap's name for it: letters, digits and dashes.
    fn name(&self) -> String {
        if self.folder.is_empty() {
            return self.kind.name().replace('_', "-");
        }
        format!(
            "{}--{}",
            self.kind.name().replace('_', "-"),
            crate::base::slug::slugify(&self.folder.replace('/', "-"))
        )
    }
}

struct Maker<'a> {
    site: &'a Site,
    config: &'a Config,
    words: &'a Words<'a>,
    places: &'a Places,
}

impl Maker<'_> {
    fn collection(&self, place: &Place) -> Value {
        let w = self.words;
        let several = self
            .places
            .collections
            .iter()
            .filter(|c| c.kind == place.kind)
            .count()
            > 1;
        let mut label = w.kind(place.kind, true);
        if several {
            let section = self.section_title(&place.folder);
            label = format!("{label} · {section}");
        }
        let folder = match place.folder.as_str() {
            "" => "content".to_string(),
            f => format!("content/{f}"),
        };
        let mut fields = vec![json!({
            "name": "kind",
            "label": w.get("field_kind").unwrap_or("kind"),
            "widget": "hidden",
            "default": place.kind.name(),
            "hint": w.get("cms_kind_hint").unwrap_or(""),
        })];
        fields.extend(
            schema::all_fields(place.kind)
                .filter(|f| f.name != "kind")
                .map(|f| self.field(f)),
        );
        fields.push(json!({
            "name": "body",
            "label": w.get("cms_body").unwrap_or("body"),
            "widget": "markdown",
            "required": false,
        }));
        let mut c = json!({
            "name": place.name(),
            "label": label,
            "label_singular": w.kind(place.kind, false),
            "folder": folder,
            "create": true,
            "extension": "md",
            "format": "yaml-frontmatter",
            "slug": "{{slug}}",
            "summary": "{{title}}",
            "sortable_fields": ["title"],
            "fields": fields,
        });
        c["filter"] = json!({ "field": "kind", "value": place.kind.name() });
        c
    }

    /// The title of the section page of `folder`, or the folder's name.
    fn section_title(&self, folder: &str) -> String {
        let index = match folder {
            "" => "_index.md".to_string(),
            f => format!("{f}/_index.md"),
        };
        self.site
            .entries
            .iter()
            .find(|e| e.rel == index)
            .map_or_else(|| folder.to_string(), |e| e.common.title.clone())
    }

    /// The section pages (`_index.md`) and the pages without `kind:`
    /// (plain pages), each a file of one collection.
    fn files(&self) -> Option<Value> {
        let fields = |kind: Kind| -> Vec<Value> {
            schema::all_fields(kind)
                .filter(|f| f.name != "kind")
                .map(|f| self.field(f))
                .chain([json!({
                    "name": "body",
                    "label": self.words.get("cms_body").unwrap_or("body"),
                    "widget": "markdown",
                    "required": false,
                })])
                .collect()
        };
        let (section, page) = (fields(Kind::Section), fields(Kind::Page));
        let plain_pages = self
            .site
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Page)
            .count();
        let files: Vec<Value> = self
            .site
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Section || e.kind == Kind::Page && plain_pages <= MAX_FILES)
            .map(|e| {
                json!({
                    "name": crate::base::slug::slugify(&e.rel.replace(['/', '.'], "-")),
                    "label": e.common.title,
                    "file": format!("content/{}", e.rel),
                    "fields": if e.kind == Kind::Section { &section } else { &page },
                })
            })
            .collect();
        (!files.is_empty()).then(|| {
            json!({
                "name": "pages",
                "label": self.words.get("cms_pages").unwrap_or("pages"),
                "files": files,
            })
        })
    }

    /// One form field for one schema field.
    fn field(&self, f: &Field) -> Value {
        let w = self.words;
        let hint = match self.config.language.as_str() {
            "da" => f.help_da,
            _ => f.help,
        };
        let mut v = self.widget(f);
        v["name"] = json!(f.name);
        v["label"] = json!(w.field(f));
        v["hint"] = json!(hint);
        if matches!(f.ty, FieldType::Date) {
            let forms = w.get("cms_date_hint").unwrap_or_default();
            v["hint"] = json!(format!("{hint} {forms}"));
        }
        if !f.required {
            v["required"] = json!(false);
        }
        v
    }

    fn widget(&self, f: &Field) -> Value {
        match f.ty {
            FieldType::Text if is_long(f.name) => json!({ "widget": "text" }),
            FieldType::Text | FieldType::Date | FieldType::Number => json!({ "widget": "string" }),
            FieldType::Slug => json!({
                "widget": "string",
                "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", self.words.get("cms_slug_pattern").unwrap_or("a-z, 0-9, -")],
            }),
            FieldType::Integer => json!({ "widget": "number", "value_type": "int" }),
            FieldType::Bool => json!({ "widget": "boolean" }),
            FieldType::Choice(values) => json!({ "widget": "select", "options": values }),
            FieldType::Status => json!({ "widget": "select", "options": self.statuses() }),
            FieldType::Ref(kinds) => self.reference(kinds, false),
            FieldType::RefList(kinds) => self.reference(kinds, true),
            FieldType::BearingList => self.bearings(),
            FieldType::TextList => json!({
                "widget": "list",
                "field": { "name": "text", "label": self.words.get("field_text").unwrap_or("text"), "widget": "string" },
            }),
            FieldType::Records(sub) => json!({
                "widget": "list",
                "collapsed": false,
                "fields": sub.iter().map(|s| self.field(s)).collect::<Vec<_>>(),
            }),
            FieldType::Record(sub) => json!({
                "widget": "object",
                "fields": sub.iter().map(|s| self.field(s)).collect::<Vec<_>>(),
            }),
        }
    }

    /// The site's statuses, each with the word readers see.
    fn statuses(&self) -> Vec<Value> {
        let ids: Vec<&str> = if self.config.statuses.is_empty() {
            STATUSES.to_vec()
        } else {
            self.config.statuses.iter().map(|s| s.id.as_str()).collect()
        };
        ids.into_iter()
            .map(|id| {
                let label = self
                    .words
                    .get(&format!("status_{id}"))
                    .or_else(|| {
                        let means = crate::site::vocabulary::means(self.config, id);
                        self.words.get(&format!("status_{means}"))
                    })
                    .unwrap_or(id);
                json!({ "label": label, "value": id })
            })
            .collect()
    }

    /// A picker of the pages of `kinds`, listed by title, that stores the
    /// id: Decap's relation widget when they are all in one collection and
    /// their ids are their file names; otherwise a list of the portal's
    /// pages as they are now.
    fn reference(&self, kinds: &[Kind], multiple: bool) -> Value {
        let places = self.places.of_kinds(kinds);
        let pages: Vec<_> = self
            .site
            .entries
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .collect();
        let ids_are_names = pages.iter().all(|e| {
            let stem = e.rel.rsplit('/').next().unwrap_or(&e.rel);
            stem.strip_suffix(".md") == Some(e.id.as_str())
        });
        if let [place] = places.as_slice()
            && ids_are_names
        {
            return json!({
                "widget": "relation",
                "collection": place.name(),
                "value_field": "{{slug}}",
                "search_fields": ["title"],
                "display_fields": ["title"],
                "multiple": multiple,
            });
        }
        if pages.len() > MAX_CHOICES {
            // Too many to list in every form that names them: the id, typed.
            return json!({ "widget": "string", "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", self.words.get("cms_slug_pattern").unwrap_or("a-z, 0-9, -")] });
        }
        let options: Vec<Value> = pages
            .iter()
            .map(|e| json!({ "label": e.common.title, "value": e.id }))
            .collect();
        json!({ "widget": "select", "options": options, "multiple": multiple })
    }

    /// The bearings of the portal's visions, by title.
    fn bearings(&self) -> Value {
        let mut ids: Vec<&String> = self.site.bearings.keys().collect();
        ids.sort();
        if ids.is_empty() {
            let label = self.words.get("field_text").unwrap_or("text");
            return json!({ "widget": "list", "field": { "name": "id", "label": label, "widget": "string" } });
        }
        json!({ "widget": "select", "multiple": true, "options": ids })
    }
}

/// Text fields that hold sentences rather than a line.
fn is_long(name: &str) -> bool {
    matches!(
        name,
        "summary" | "status_note" | "success_intro" | "note" | "outcome" | "text" | "description"
    )
}
