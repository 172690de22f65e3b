//! Rendering: from the linked site to the bytes of every output file.
//!
//! Owns the Tera instance, the per-page template choice, hashed asset names,
//! `sitemap.xml` and `404.html`. The contexts themselves are filled in `pages`.
//! Pure: returns files in memory; `output` writes them.

pub mod abbr;
pub mod budget;
pub mod cms;
pub mod context;
pub mod data;
pub mod feed;
pub mod ical;
pub mod pages;
pub mod search;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::base::routes;
pub use crate::base::{OutputFile, xml_escape};
use crate::config::Config;
use crate::content::schema::Kind;
use crate::disk::theme::{Template, Theme};
use crate::render::context::PageCtx;
use crate::render::pages::Ctx;
use crate::site::link::{Site, root_prefix};

/// What the previous render produced, so the next one can skip unchanged pages.
///
/// A page's output is a pure function of its template (and the templates it
/// may include), the site-wide context and its own context. The fingerprint
/// hashes exactly those; when it is unchanged the page is not rendered again.
#[derive(Default)]
pub struct RenderCache {
    pages: HashMap<String, (blake3::Hash, Arc<[u8]>)>,
    bodies: crate::render::pages::BodyCache,
    /// Pages rendered and pages reused by the last render.
    pub rendered: usize,
    /// How long the stages of the last build took (`PEJL_TIMINGS=1 pejl serve` prints them).
    pub timings: Vec<(&'static str, std::time::Duration)>,
    pub reused: usize,
    /// Fingerprint pages and keep them for the next render (the preview).
    /// A one-off build does neither.
    pub incremental: bool,
    /// Render only these content pages (by index) and return only them: set
    /// by a preview when a save changed nothing but these pages' bodies.
    pub only: Option<Vec<usize>>,
    /// The last render's templates (with the site-wide context) and what it
    /// worked out from the front matter, which such a render reuses.
    /// With the fingerprint of its site-wide context.
    last: Option<LastRender>,
    /// Told of every file the moment it is rendered, from any thread: the
    /// preview serves the pages of its first build before the rest are done.
    pub early: Option<Early>,
}

/// See [`RenderCache::early`].
pub type Early = Arc<dyn Fn(&OutputFile) + Send + Sync>;

#[derive(Clone)]
struct LastRender {
    tera: Arc<tera::Tera>,
    derived: crate::render::pages::Derived,
    global: blake3::Hash,
}

impl RenderCache {
    /// A cache for a preview: every render reuses the unchanged pages of the last.
    pub fn incremental() -> Self {
        RenderCache {
            incremental: true,
            ..RenderCache::default()
        }
    }
}

/// Where a full build sends pages as soon as they are rendered, so the
/// whole site is never held in memory: `write` stores one (in the staging
/// folder) and drops it; each page made from content is also offered to
/// `content` with its place among them (the search index reads it there).
pub struct Sink<'a> {
    pub write: &'a (dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync),
    pub content: &'a (dyn Fn(usize, &str, &[u8]) + Sync),
}

impl Sink<'_> {
    /// Write one file (and offer it, if it is the page of entry `content`).
    fn send(&self, path: &str, bytes: &[u8], content: Option<usize>) -> Result<(), Diagnostic> {
        (self.write)(path, bytes)
            .map_err(|e| crate::disk::output::write_failed("write the site", "skrive sitet", &e))?;
        if let Some(i) = content {
            (self.content)(i, path, bytes);
        }
        Ok(())
    }
}

/// How many pages made from content render side by side before the next
/// ones start: pages reach the sink nearly in order, so the search index,
/// which reads them in order, waits for at most this many.
const CONTENT_BATCH: usize = 64;

/// Render every page, the timeline, `404.html`, `sitemap.xml` and the assets.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    today: NaiveDate,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_with(site, config, theme, today, &mut RenderCache::default())
}

/// [`render`], reusing every page of `cache` whose fingerprint is unchanged,
/// and leaving this render's pages in `cache` for the next one.
pub fn render_with(
    site: &Site,
    config: &Config,
    theme: &Theme,
    today: NaiveDate,
    cache: &mut RenderCache,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_into(site, config, theme, today, cache, None)
}

/// [`render_with`], sending pages to `sink` (when given) as they are made;
/// those are not returned.
pub fn render_into(
    site: &Site,
    config: &Config,
    theme: &Theme,
    today: NaiveDate,
    cache: &mut RenderCache,
    sink: Option<&Sink>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    if cache.only.is_some()
        && let Some(last) = cache.last.clone()
    {
        return render_only(site, config, theme, today, cache, last);
    }
    cache.only = None;
    cache.last = None;
    let mut tera = compile(theme)?;
    let (assets, mut files) = hashed_assets(theme);
    cache
        .early
        .iter()
        .for_each(|early| files.iter().for_each(|f| early(f)));
    let started = std::time::Instant::now();
    // A one-off build renders each body once anyway; only a preview keeps them.
    let ctx = match Ctx::new(site, config, &theme.strings, today) {
        ctx if cache.incremental => ctx.with_bodies(&cache.bodies),
        ctx => ctx,
    };
    cache.timings.push(("timeline", started.elapsed()));
    let editor = cms::files(site, config, &theme.strings, &assets);
    let site_ctx = ctx.site_ctx(assets);
    let global = global_fingerprint(&site_ctx, theme);
    tera.global_context().insert("site", &site_ctx);
    tera.global_context().insert("t", &theme.strings);
    let started = std::time::Instant::now();
    let urls = GeneratedUrls::of(&ctx, &site_ctx, config);
    let renderer = Renderer {
        tera: &tera,
        theme,
        global,
        template_hashes: template_hashes(theme),
        previous: &cache.pages,
        incremental: cache.incremental,
        sink,
        early: cache.early.clone(),
        reused: AtomicUsize::new(0),
        budget: budget::SiteBudget::default(),
        extras: Extras::of(config),
        errors: Mutex::new(Vec::new()),
    };
    // The generated pages run after the content pages, in parallel with each
    // other: by then a build has freed the bodies of the pages it rendered,
    // so the largest contexts (the timeline page's, the overview's rows) do
    // not come on top of them.
    let ((mut pages, generated), small) = rayon::join(
        || {
            let content = renderer.content(site, &ctx);
            (content, renderer.generated(&ctx, &urls))
        },
        || renderer.small_files(site, config, &ctx, today),
    );
    pages.extend(generated);
    cache.timings.push(("pages", started.elapsed()));
    let reused = renderer.finish()?;
    (cache.reused, cache.rendered) = (reused, pages.len() - reused);
    if cache.incremental {
        // A preview keeps its pages and templates for the next render.
        cache.pages = fingerprinted(&pages);
        cache.last = Some(LastRender {
            tera: Arc::new(tera),
            derived: ctx.derived(),
            global,
        });
    }
    files.extend(pages.into_iter().map(|(f, _)| f));
    files.push(sitemap(site, config, &urls.all()));
    files.extend(small.into_iter().chain(editor));
    ctx.free_in_background();
    Ok(files)
}

/// What every page's output depends on: the site-wide context and strings.
fn global_fingerprint(site_ctx: &crate::render::context::SiteCtx, theme: &Theme) -> blake3::Hash {
    let mut h = Fingerprint::default();
    site_ctx.hash(&mut h);
    theme.strings.hash(&mut h);
    h.finalize()
}

/// Pages rendered, each with its fingerprint.
type Rendered = Vec<(OutputFile, blake3::Hash)>;

/// Each page's bytes by its address, with its fingerprint.
fn fingerprinted(pages: &Rendered) -> HashMap<String, (blake3::Hash, Arc<[u8]>)> {
    pages
        .iter()
        .map(|(f, h)| (f.path.clone(), (*h, f.bytes.clone())))
        .collect()
}

/// The addresses of the generated pages of one render.
struct GeneratedUrls {
    timeline: String,
    budget: Option<String>,
    map: Option<String>,
    glossary: Option<String>,
    search: String,
    data: String,
    /// The initiatives overview's pages and the theme × idea matrices, as
    /// they are made.
    overviews: Mutex<Vec<String>>,
}

impl GeneratedUrls {
    fn of(ctx: &Ctx, site_ctx: &crate::render::context::SiteCtx, config: &Config) -> Self {
        GeneratedUrls {
            timeline: ctx.timeline_url(),
            budget: site_ctx.budget_url.clone(),
            map: site_ctx.map_url.clone(),
            glossary: site_ctx.glossary_url.clone(),
            search: crate::base::routes::search(&config.language),
            data: crate::base::routes::data_page(),
            overviews: Mutex::new(Vec::new()),
        }
    }

    /// Every generated page's address, for the sitemap.
    fn all(&self) -> Vec<String> {
        let overviews = self.overviews.lock().map(|o| o.clone()).unwrap_or_default();
        let mut all: Vec<String> = vec![
            self.timeline.clone(),
            self.data.clone(),
            self.search.clone(),
        ];
        all.extend(self.map.iter().cloned());
        all.extend(self.budget.iter().cloned());
        all.extend(self.glossary.iter().cloned());
        all.extend(overviews);
        all
    }
}

/// What every page of one render shares: the templates, the site-wide
/// fingerprint, the last render's pages (a preview reuses the unchanged
/// ones), where pages go as they are made, and the problems found.
struct Renderer<'a, 's> {
    tera: &'a tera::Tera,
    theme: &'a Theme,
    global: blake3::Hash,
    template_hashes: HashMap<&'a str, blake3::Hash>,
    previous: &'a HashMap<String, (blake3::Hash, Arc<[u8]>)>,
    incremental: bool,
    sink: Option<&'a Sink<'s>>,
    early: Option<Early>,
    reused: AtomicUsize,
    /// The bounds on what the templates may do, shared by this render's pages.
    budget: budget::SiteBudget,
    /// What the site's settings add to pages.
    extras: Extras,
    /// (the page being rendered, its problem): pages render in parallel, so
    /// the same template error is kept for the first page in a fixed order.
    errors: Mutex<Vec<(String, Diagnostic)>>,
}

impl Renderer<'_, '_> {
    /// Render one page (or reuse its last version when its fingerprint is
    /// unchanged). `None` when it failed, or went to the sink.
    /// `content`: the page's entry, for a page made from content.
    fn one(
        &self,
        url: &str,
        template: &str,
        page: &PageCtx,
        from: &str,
        content: Option<usize>,
    ) -> Option<(OutputFile, blake3::Hash)> {
        let root = if url == routes::NOT_FOUND {
            self.extras.not_found_root.clone()
        } else {
            root_prefix(url)
        };
        let fingerprint = if self.incremental {
            fingerprint(
                &self.global,
                self.template_hashes.get(template),
                &root,
                page,
            )
        } else {
            blake3::Hash::from_bytes([0; 32])
        };
        if let Some((old, bytes)) = self.previous.get(url)
            && self.incremental
            && *old == fingerprint
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Some((OutputFile::new(url, bytes.clone()), fingerprint));
        }
        let mut context = tera::Context::new();
        context.insert("page", page);
        context.insert("root", &root);
        with_buffer(|html| {
            if let Err(e) = self.budget.render(self.tera, template, &context, html) {
                self.failed(from, render_error(e, self.theme, template, from));
                return None;
            }
            if let Some(explained) = self.extras.abbr.as_ref().and_then(|a| a.explain(html)) {
                *html = explained;
            }
            if let Some(sink) = self.sink {
                if let Err(d) = sink.send(url, html, content) {
                    self.failed(from, d);
                }
                return None;
            }
            let file = OutputFile::new(url, &html[..]);
            if let Some(early) = &self.early {
                early(&file);
            }
            Some((file, fingerprint))
        })
    }

    /// [`Renderer::one`] as a list, for the generated pages.
    fn listed(&self, url: &str, template: &str, page: PageCtx, from: &str) -> Rendered {
        self.one(url, template, &page, from, None)
            .into_iter()
            .collect()
    }

    fn failed(&self, from: &str, d: Diagnostic) {
        self.errors
            .lock()
            .map(|mut v| v.push((from.to_string(), d)))
            .ok();
    }

    /// Every page made from content, in parallel ([`CONTENT_BATCH`] at a
    /// time when they go to a sink).
    fn content(&self, site: &Site, ctx: &Ctx) -> Rendered {
        let batch = match self.sink {
            Some(_) => CONTENT_BATCH,
            None => site.entries.len().max(1),
        };
        let mut rendered = Rendered::new();
        for start in (0..site.entries.len()).step_by(batch) {
            let end = (start + batch).min(site.entries.len());
            rendered.par_extend((start..end).into_par_iter().filter_map(|i| {
                let e = &site.entries[i];
                let page = ctx.page(i);
                let template = template_for(e.kind, e.rel == "_index.md");
                let from = e.display.display().to_string();
                self.one(&site.urls[i], template, &page, &from, Some(i))
            }));
        }
        rendered
    }

    /// The generated pages, each built and rendered as one job, the jobs in
    /// parallel with each other.
    fn generated(&self, ctx: &Ctx, urls: &GeneratedUrls) -> Rendered {
        let jobs: [&(dyn Fn() -> Rendered + Sync); 8] = [
            &|| {
                self.listed(
                    &urls.timeline,
                    "timeline.html",
                    ctx.timeline_page(),
                    "the timeline page",
                )
            },
            &|| self.overviews(ctx, urls),
            &|| match &urls.budget {
                Some(url) => {
                    self.listed(url, "budget.html", ctx.budget_page(), "the budget overview")
                }
                None => Vec::new(),
            },
            &|| match &urls.map {
                Some(url) => self.listed(url, "map.html", ctx.map_page(), "the strategy map"),
                None => Vec::new(),
            },
            &|| {
                self.listed(
                    &urls.search,
                    "search.html",
                    ctx.search_page(),
                    "the search page",
                )
            },
            &|| self.listed(&urls.data, "data.html", ctx.data_page(), "the data page"),
            &|| match &urls.glossary {
                Some(url) => self.listed(url, "glossary.html", ctx.glossary_page(), "the glossary"),
                None => Vec::new(),
            },
            &|| {
                self.listed(
                    routes::NOT_FOUND,
                    "404.html",
                    ctx.not_found_page(),
                    "the 404 page",
                )
            },
        ];
        jobs.par_iter().flat_map_iter(|job| job()).collect()
    }

    /// The initiatives overview with a page per facet value, and the theme ×
    /// idea matrices.
    fn overviews(&self, ctx: &Ctx, urls: &GeneratedUrls) -> Rendered {
        let overview = ctx.has_initiatives().then(|| ctx.initiative_pages());
        let matrix_pages = ctx.matrix_pages();
        if let Ok(mut found) = urls.overviews.lock() {
            found.extend(overview.iter().flat_map(|o| (0..o.len()).map(|k| o.url(k))));
            found.extend(matrix_pages.iter().map(|(u, _)| u.clone()));
        }
        let has_row_template = self.theme.templates.iter().any(|t| t.name == ROW_TEMPLATE);
        let write_row = |row: &crate::render::context::InitiativeRow, root: &str| -> String {
            if has_row_template {
                self.row(row, root)
            } else {
                String::new()
            }
        };
        let mut rendered: Rendered = Vec::new();
        // One depth at a time: its rows are written, its pages rendered,
        // and the rows dropped before the next depth's are made.
        if let Some(o) = &overview {
            for (root, pages) in o.by_root() {
                let rows = o.rows_at(&root, &write_row);
                rendered.par_extend(pages.into_par_iter().filter_map(|k| {
                    let (url, page) = o.page(k, &rows);
                    self.one(
                        &url,
                        "initiatives.html",
                        &page,
                        "the initiatives overview",
                        None,
                    )
                }));
            }
        }
        rendered.par_extend(matrix_pages.par_iter().filter_map(|(url, page)| {
            self.one(url, "matrix.html", page, "the theme × idea matrix", None)
        }));
        rendered
    }

    /// One row of the initiatives overview, with the theme's row template.
    fn row(&self, row: &crate::render::context::InitiativeRow, root: &str) -> String {
        let mut context = tera::Context::new();
        context.insert("r", row);
        context.insert("root", root);
        let mut html = Vec::new();
        match self
            .budget
            .render(self.tera, ROW_TEMPLATE, &context, &mut html)
        {
            Ok(()) => String::from_utf8(html).unwrap_or_default(),
            Err(e) => {
                let from = "the initiatives overview";
                self.failed(from, render_error(e, self.theme, ROW_TEMPLATE, from));
                String::new()
            }
        }
    }

    /// The open data, feed and calendars; a build writes them at once
    /// rather than holding them until every page is done.
    fn small_files(
        &self,
        site: &Site,
        config: &Config,
        ctx: &Ctx,
        today: NaiveDate,
    ) -> Vec<OutputFile> {
        let small = small_files(site, config, self.theme, ctx, today);
        let Some(sink) = self.sink else {
            return small;
        };
        for f in small {
            if let Err(d) = sink.send(&f.path, &f.bytes, None) {
                self.failed(&f.path, d);
            }
        }
        Vec::new()
    }

    /// How many pages were reused, or every problem found (each once, in
    /// the order of the pages they were found on).
    fn finish(self) -> Result<usize, Vec<Diagnostic>> {
        let mut found = self.errors.into_inner().unwrap_or_default();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let mut seen = HashSet::new();
        let errors: Vec<Diagnostic> = found
            .into_iter()
            .map(|(_, d)| d)
            .filter(|d| seen.insert((d.file.clone(), d.pos, d.message.clone())))
            .collect();
        if errors.is_empty() {
            Ok(self.reused.into_inner())
        } else {
            Err(errors)
        }
    }
}

/// Run `f` with an empty buffer for one page, kept by the thread from page
/// to page so pages are not built up in freshly grown strings.
fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            f(&mut buffer)
        }
        // Only if rendering ever nested on one thread: a buffer of its own.
        Err(_) => f(&mut Vec::new()),
    })
}

/// The open data, the feed and the calendars: made beside the pages.
fn small_files(
    site: &Site,
    config: &Config,
    theme: &Theme,
    ctx: &Ctx,
    today: NaiveDate,
) -> Vec<OutputFile> {
    let t = |k: &'static str| theme.strings.get(k).map_or(k, String::as_str);
    let labels = crate::render::ical::CalendarLabels {
        follow_up: t("kind_follow_up"),
        milestone: t("kind_milestone"),
        date: t("date"),
        outcome: t("outcome"),
    };
    let mut files = crate::render::data::files(site, config, today);
    let status_label = |id: &str| {
        theme
            .strings
            .get(&format!("status_{id}"))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    files.extend(crate::render::feed::files(
        site,
        config,
        ctx.timeline(),
        today,
        &crate::render::feed::FeedLabels {
            follow_up: labels.follow_up,
            milestone: labels.milestone,
            status: t("status"),
            status_label: &status_label,
        },
    ));
    files.extend(crate::render::ical::calendars(
        site,
        config,
        ctx.timeline(),
        today,
        &labels,
    ));
    files
}

/// What a page's output is a function of: the site-wide context, its
/// template (with what it includes), where it lies and its own context.
fn fingerprint(
    global: &blake3::Hash,
    template: Option<&blake3::Hash>,
    root: &str,
    page: &PageCtx,
) -> blake3::Hash {
    let mut h = Fingerprint(Vec::with_capacity(4096));
    h.write(global.as_bytes());
    h.write(template.map_or(&[0; 32], |t| t.as_bytes()));
    root.hash(&mut h);
    page.hash(&mut h);
    h.finalize()
}

/// Render only the content pages `cache.only` names, with the templates and
/// site-wide context of the last render: a preview's answer to a save that
/// changed the text of pages and nothing else. Returns only those pages.
fn render_only(
    site: &Site,
    config: &Config,
    theme: &Theme,
    today: NaiveDate,
    cache: &mut RenderCache,
    last: LastRender,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let LastRender {
        tera,
        derived,
        global,
    } = last;
    let only = cache.only.take().unwrap_or_default();
    let ctx =
        Ctx::with_derived(site, config, &theme.strings, today, derived).with_bodies(&cache.bodies);
    let template_hashes = template_hashes(theme);
    let budget = budget::SiteBudget::default();
    let abbreviations = abbr::Abbreviations::new(&config.abbreviations);
    let rendered: Vec<Result<(OutputFile, blake3::Hash), Diagnostic>> = only
        .par_iter()
        .map(|&i| {
            let e = &site.entries[i];
            let url = &site.urls[i];
            let template = template_for(e.kind, e.rel == "_index.md");
            let page = ctx.page(i);
            let root = root_prefix(url);
            let fingerprint = fingerprint(&global, template_hashes.get(template), &root, &page);
            let mut context = tera::Context::new();
            context.insert("page", &page);
            context.insert("root", &root);
            let mut html = Vec::new();
            budget
                .render(&tera, template, &context, &mut html)
                .map_err(|err| {
                    render_error(err, theme, template, &e.display.display().to_string())
                })?;
            if let Some(explained) = abbreviations.as_ref().and_then(|a| a.explain(&html)) {
                html = explained;
            }
            Ok((OutputFile::new(url.as_str(), html), fingerprint))
        })
        .collect();
    let mut pages = Vec::with_capacity(rendered.len());
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok((f, h)) => {
                cache.pages.insert(f.path.clone(), (h, f.bytes.clone()));
                pages.push(f);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    cache.rendered = pages.len();
    cache.reused = 0;
    Ok(pages)
}

/// What the site's settings add to the pages of a render.
struct Extras {
    /// The site's abbreviations, explained at their first use on each page.
    abbr: Option<abbr::Abbreviations>,
    /// What the 404 page's links start with (see [`not_found_root`]).
    not_found_root: String,
}

impl Extras {
    fn of(config: &Config) -> Self {
        Extras {
            abbr: abbr::Abbreviations::new(&config.abbreviations),
            not_found_root: not_found_root(config),
        }
    }
}

/// The start of the 404 page's links. A host shows that page for any
/// missing address, at any depth, so its links cannot be relative: they
/// start at the path of `base_url` (`/strategier/` for
/// `https://x.dk/strategier/`), or at `/` for a site without one.
fn not_found_root(config: &Config) -> String {
    let Some(base) = config.base_url() else {
        return "/".into();
    };
    let after_scheme = base
        .split_once("://")
        .map_or(base.as_str(), |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(k) => after_scheme[k..].to_string(),
        None => "/".into(),
    }
}

/// A 256-bit hash fed through `std::hash::Hash`, so contexts are fingerprinted
/// without being serialised (rendered bodies hash by their key, not their text).
/// The many small writes are gathered first and hashed in one go.
#[derive(Default)]
struct Fingerprint(Vec<u8>);

impl Fingerprint {
    fn finalize(&self) -> blake3::Hash {
        blake3::hash(&self.0)
    }
}

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        let bytes = self.finalize();
        u64::from_le_bytes(bytes.as_bytes()[..8].try_into().unwrap_or_default())
    }
}

/// For each page template, a hash of its own source and of every template that
/// is not a page template (layouts and partials it may extend or include).
fn template_hashes(theme: &Theme) -> HashMap<&str, blake3::Hash> {
    let is_page_template = |name: &str| name != "base.html" && REQUIRED_TEMPLATES.contains(&name);
    let mut shared = blake3::Hasher::new();
    let mut sorted: Vec<&Template> = theme.templates.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for t in sorted.iter().filter(|t| !is_page_template(&t.name)) {
        shared.update(t.name.as_bytes());
        shared.update(&[0]);
        shared.update(t.source.as_bytes());
        shared.update(&[0]);
    }
    sorted
        .iter()
        .filter(|t| is_page_template(&t.name))
        .map(|t| {
            let mut h = shared.clone();
            h.update(t.name.as_bytes());
            h.update(&[0]);
            h.update(t.source.as_bytes());
            (t.name.as_str(), h.finalize())
        })
        .collect()
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
        Kind::Indicator => "indicator.html",
        Kind::Initiative => "initiative.html",
        Kind::Milestone => "milestone.html",
        Kind::Document => "document.html",
        Kind::Page => "page.html",
        Kind::Catalogue => "catalogue.html",
        Kind::Theme => "theme.html",
        Kind::Idea => "idea.html",
        Kind::MainInitiative => "main_initiative.html",
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
    "indicator.html",
    "initiative.html",
    "milestone.html",
    "document.html",
    "timeline.html",
    "data.html",
    "search.html",
    "initiatives.html",
    "map.html",
    "budget.html",
    "catalogue.html",
    "theme.html",
    "idea.html",
    "main_initiative.html",
    "matrix.html",
    "glossary.html",
    "404.html",
];

fn compile(theme: &Theme) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    crate::render::budget::install(&mut tera);
    let missing: Vec<&str> = REQUIRED_TEMPLATES
        .iter()
        .copied()
        .filter(|name| !theme.templates.iter().any(|t| t.name == *name))
        .collect();
    let mut problems = Vec::new();
    match missing.as_slice() {
        [] => {}
        [name] => problems.push(
            Diagnostic::error(crate::words!(
                "the theme has no template \"{name}\"",
                "temaet har ingen skabelon, der hedder \"{name}\""
            ))
            .with_help(crate::words!(
                "add templates/{name} to the theme or to the site's own templates/ folder",
                "tilføj templates/{name} til temaet eller til sitets egen mappe templates/"
            )),
        ),
        names => {
            let (count, list) = (names.len(), names.join(", "));
            problems.push(
                Diagnostic::error(crate::words!(
                    "the theme lacks {count} templates: {list}",
                    "temaet mangler {count} skabeloner: {list}"
                ))
                .with_help(Words::new(
                    "start the theme's theme.yaml with `extends: default`, so it needs only the templates it changes",
                    "skriv `extends: default` i temaets theme.yaml, så skal det kun have de skabeloner, det ændrer",
                )),
            );
        }
    }
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

/// The theme's template for one row of the initiatives overview, written
/// once per row and depth and shown by `initiatives.html` as `r.html`.
const ROW_TEMPLATE: &str = "partials/initiative_row.html";

/// A failed render of `template` as a diagnostic: a bound of
/// [`crate::render::budget`] gone over, or the template's own error.
fn render_error(
    e: Result<crate::render::budget::Over, tera::Error>,
    theme: &Theme,
    template: &str,
    rendering: &str,
) -> Diagnostic {
    match e {
        Ok(over) => {
            let origin = theme.templates.iter().find(|t| t.name == template);
            let shown = origin.map_or(template.to_string(), |t| t.origin.display().to_string());
            let page = match rendering {
                "" => "a page".to_string(),
                r => r.to_string(),
            };
            let d = crate::render::budget::over_error(over, &shown, &page);
            match origin {
                Some(t) => d.in_file(&t.origin),
                None => d,
            }
        }
        Err(e) => template_error(&e, theme, rendering),
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
    d.with_help(crate::base::diagnostic::Words::new(
        "fix the template, or remove the site's copy of it to use the theme's own",
        "ret skabelonen, eller slet sitets kopi af den for at bruge temaets egen",
    ))
}

/// Static theme files get a content hash in their name, so browsers never
/// cache a stale copy; the site's own `static/` files are published as named.
fn hashed_assets(theme: &Theme) -> (BTreeMap<String, String>, Vec<OutputFile>) {
    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    for (name, bytes) in &theme.statics {
        let hash = blake3::hash(bytes).to_hex();
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext)) if !ext.contains('/') => format!("{stem}.{}.{ext}", &hash[..10]),
            _ => format!("{name}.{}", &hash[..10]),
        };
        let path = crate::base::routes::asset(&hashed);
        names.insert(name.clone(), path.clone());
        files.push(OutputFile::new(path, bytes.as_slice()));
    }
    // The site's own files keep their path, so pages can link to them; a
    // template may name them in `site.assets` too (the brand's logo).
    for (name, bytes) in &theme.site_files {
        names.entry(name.clone()).or_insert_with(|| name.clone());
        files.push(OutputFile::new(name.as_str(), bytes.clone()));
    }
    (names, files)
}

fn sitemap(site: &Site, config: &Config, generated: &[String]) -> OutputFile {
    let base = config.base_url().unwrap_or_default();
    let mut urls: Vec<&str> = site.urls.iter().map(String::as_str).collect();
    urls.extend(generated.iter().map(String::as_str));
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
    OutputFile::new(crate::base::routes::SITEMAP, xml.into_bytes())
}
