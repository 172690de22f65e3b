//! Rendering: from the linked site to the bytes of every output file.
//!
//! Owns the Tera instance, the per-page template choice, hashed asset names,
//! `sitemap.xml` and `404.html`. The contexts themselves are filled in `pages`.
//! Pure: returns files in memory; `output` writes them.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::context::PageCtx;
use crate::diagnostic::{Diagnostic, Pos};
use crate::link::{Site, root_prefix};
use crate::pages::{Ctx, TIMELINE_ID};
use crate::schema::Kind;
use crate::theme::{Template, Theme};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Render every page, the timeline, `404.html`, `sitemap.xml` and the assets.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    today: NaiveDate,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut tera = compile(theme)?;
    let (assets, mut files) = hashed_assets(theme);
    let ctx = Ctx::new(site, config, &theme.strings, today);
    let site_ctx = ctx.site_ctx(assets);
    tera.global_context().insert("site", &site_ctx);
    tera.global_context().insert("t", &theme.strings);
    let errors = Mutex::new(Vec::new());
    let seen = Mutex::new(HashSet::new());
    let render_one =
        |url: &str, template: &str, page: &PageCtx, from: &str| -> Option<OutputFile> {
            let mut context = tera::Context::new();
            context.insert("page", page);
            context.insert("root", &root_prefix(url));
            match tera.render(template, &context) {
                Ok(html) => Some(OutputFile {
                    path: url.to_string(),
                    bytes: html.into_bytes(),
                }),
                Err(e) => {
                    let d = template_error(&e, theme, from);
                    let key = (d.file.clone(), d.pos, d.message.clone());
                    if seen.lock().map(|mut s| s.insert(key)).unwrap_or(true) {
                        errors.lock().map(|mut v| v.push(d)).ok();
                    }
                    None
                }
            }
        };
    let pages: Vec<OutputFile> = (0..site.entries.len())
        .into_par_iter()
        .filter_map(|i| {
            let e = &site.entries[i];
            let page = ctx.page(i);
            render_one(
                &site.urls[i],
                template_for(e.kind, e.rel == "_index.md"),
                &page,
                &e.display.display().to_string(),
            )
        })
        .collect();
    files.extend(pages);
    let timeline_url = ctx.timeline_url();
    files.extend(render_one(
        &timeline_url,
        "timeline.html",
        &ctx.timeline_page(),
        "the timeline page",
    ));
    files.extend(render_one(
        "404.html",
        "404.html",
        &ctx.not_found_page(),
        "the 404 page",
    ));
    let errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    files.push(sitemap(site, config, &timeline_url));
    Ok(files)
}

/// The template a page of this kind is rendered with.
pub fn template_for(kind: Kind, is_home: bool) -> &'static str {
    match kind {
        Kind::Section if is_home => "index.html",
        Kind::Section => "section.html",
        Kind::Vision => "vision.html",
        Kind::Strategy => "strategy.html",
        Kind::FocusArea => "focus_area.html",
        Kind::Goal => "goal.html",
        Kind::Initiative => "initiative.html",
        Kind::Milestone => "milestone.html",
        Kind::Document => "document.html",
        Kind::Page => "page.html",
    }
}

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "vision.html",
    "strategy.html",
    "focus_area.html",
    "goal.html",
    "initiative.html",
    "milestone.html",
    "document.html",
    "timeline.html",
    "404.html",
];

fn compile(theme: &Theme) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let mut problems: Vec<Diagnostic> = REQUIRED_TEMPLATES
        .iter()
        .filter(|name| !theme.templates.iter().any(|t| t.name == **name))
        .map(|name| {
            Diagnostic::error(crate::words!(
                "the theme has no template \"{name}\"",
                "temaet har ingen skabelon, der hedder \"{name}\""
            ))
            .with_help(crate::words!(
                "add templates/{name} to the theme or to the site's own templates/ folder",
                "tilføj templates/{name} til temaet eller til sitets egen mappe templates/"
            ))
        })
        .collect();
    let sources = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.source.as_str()));
    if let Err(e) = tera.add_raw_templates(sources) {
        problems.push(template_error(&e, theme, ""));
    }
    if problems.is_empty() {
        Ok(tera)
    } else {
        Err(problems)
    }
}

/// A Tera error as a diagnostic in the template file, with line and column.
fn template_error(e: &tera::Error, theme: &Theme, rendering: &str) -> Diagnostic {
    let origin =
        |name: &str| -> Option<&Template> { theme.templates.iter().find(|t| t.name == name) };
    let (message, file, pos) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            (
                r.message().to_string(),
                origin(r.filename()),
                Some(Pos::new(span.start_line, span.start_col + 1)),
            )
        }
        other => (other.to_string(), None, None),
    };
    let mut d = Diagnostic::error(crate::words!(
        "template error: {message}",
        "skabelonen har en fejl: {message}"
    ));
    if let Some(t) = file {
        d = d.in_file(&t.origin);
    }
    if let Some(p) = pos {
        d = d.at(p);
    }
    if !rendering.is_empty() {
        // `render` names the page as a file, or as one of two pages of its own.
        let rendering_da = match rendering {
            "the timeline page" => "tidslinjesiden".to_string(),
            "the 404 page" => "404-siden".to_string(),
            file => format!("siden {file}"),
        };
        d = d.with_help(crate::words!(
            "this happened while rendering {rendering}",
            "det skete, mens pejl lavede {rendering_da}"
        ));
    }
    d.with_help(crate::diagnostic::Words::new(
        "fix the template, or remove the site's copy of it to use the theme's own",
        "ret skabelonen, eller slet sitets kopi af den for at bruge temaets egen",
    ))
}

/// Static theme files get a content hash in their name, so browsers never cache a stale copy.
fn hashed_assets(theme: &Theme) -> (BTreeMap<String, String>, Vec<OutputFile>) {
    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    for (name, bytes) in &theme.statics {
        let hash = blake3::hash(bytes).to_hex();
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext)) if !ext.contains('/') => format!("{stem}.{}.{ext}", &hash[..10]),
            _ => format!("{name}.{}", &hash[..10]),
        };
        let path = format!("assets/{hashed}");
        names.insert(name.clone(), path.clone());
        files.push(OutputFile {
            path,
            bytes: bytes.clone(),
        });
    }
    (names, files)
}

fn sitemap(site: &Site, config: &Config, timeline_url: &str) -> OutputFile {
    let base = config.base_url().unwrap_or_default();
    let mut urls: Vec<&str> = site.urls.iter().map(String::as_str).collect();
    urls.push(timeline_url);
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let pretty = url.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base}{pretty}"))
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The URL the timeline page gets.
pub fn timeline_path(language: &str) -> String {
    let folder = if language == "en" {
        "timeline"
    } else {
        TIMELINE_ID
    };
    format!("{folder}/index.html")
}
