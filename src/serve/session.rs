//! Rebuilding in place: the state `pejl serve` keeps between two saves.
//!
//! Owns the caches that make a rebuild cheap: every page parsed once per
//! version of its file (size and modification time, or a watcher's word that
//! it changed), every static file read once per version, and the rendered
//! pages with their fingerprints (see [`RenderCache`]). Linking is redone on
//! every rebuild: it is fast, and it is where one page's change reaches the
//! pages that list or link to it. The result is always the same bytes as a
//! clean build of the files on disk; a test holds it to that.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Report};
use crate::content::model::Entry;
use crate::disk::load::{self, Found, Stamp, StaticFile};
use crate::pipeline::{self, Options};
use crate::render::RenderCache;

/// Every file of a built site by its path in the output, `/`-separated.
pub type SiteFiles = BTreeMap<String, Arc<[u8]>>;

/// The result of one rebuild.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    /// The whole site, when the build succeeded.
    pub files: Option<Arc<SiteFiles>>,
    /// Output paths added, changed or removed since the last good build.
    pub changed: Vec<String>,
    /// Pages parsed again, and pages rendered again (the rest were reused).
    pub reparsed: usize,
    pub rendered: usize,
    pub reused: usize,
    /// How long each stage took.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// The content folder's files, and the problems of walking it.
type Listing = (Vec<Found>, Vec<Diagnostic>);

struct CachedPage {
    stamp: Stamp,
    page: pipeline::ParsedPage,
}

/// A site being previewed.
pub struct Session {
    options: Options,
    pages: HashMap<String, CachedPage>,
    statics: HashMap<String, (Stamp, Arc<[u8]>)>,
    render: RenderCache,
    last_good: Option<Arc<SiteFiles>>,
    /// The files found by the last walk of the content folder, and its problems.
    found: Option<Arc<Listing>>,
    /// The limits the cached pages were parsed within, and whether raw HTML
    /// was allowed in their bodies.
    limits: crate::content::limits::Limits,
    allow_html: bool,
    /// The last good build's linked site, configuration, theme and report,
    /// for saves that change only the text of pages.
    last: Option<Last>,
}

struct Last {
    built: pipeline::Built,
    report: Report,
    today: chrono::NaiveDate,
}

impl Session {
    pub fn new(options: Options) -> Self {
        Session {
            options,
            pages: HashMap::new(),
            statics: HashMap::new(),
            render: RenderCache::incremental(),
            last_good: None,
            found: None,
            limits: crate::content::limits::Limits::default(),
            allow_html: false,
            last: None,
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The date upcoming follow-ups are counted from.
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        self.options.today = today;
    }

    /// Be told of each file of the next rebuilds the moment it is ready
    /// (see [`crate::render::RenderCache::early`]); `None` to stop.
    pub fn show_early(&mut self, early: Option<crate::render::Early>) {
        self.render.early = early;
    }

    /// The last site that built without errors.
    pub fn last_good(&self) -> Option<Arc<SiteFiles>> {
        self.last_good.clone()
    }

    /// What the preview's search index reads of the last good build: the
    /// output paths of the pages made from content, in order, and the
    /// site's language; `None` when the site has no search (`search: false`)
    /// or no build succeeded yet.
    pub fn search_pages(&self) -> Option<(Vec<String>, String)> {
        let built = &self.last.as_ref()?.built;
        built
            .config
            .search
            .then(|| (built.site.urls.clone(), built.config.language.clone()))
    }

    /// Bring the site up to date with the files on disk. `touched` are files a
    /// watcher saw change: they are read again even if their size and time look
    /// the same. Any other file is read again only if its size or time changed.
    pub fn rebuild(&mut self, touched: &HashSet<PathBuf>) -> Outcome {
        self.rebuild_after(touched, true)
    }

    /// [`rebuild`](Self::rebuild), told whether files may have appeared or
    /// disappeared. When not (`structural` false: only known files were
    /// written), the content folder is not walked again: the touched files'
    /// sizes and times are read and the last list of files is reused.
    pub fn rebuild_after(&mut self, touched: &HashSet<PathBuf>, structural: bool) -> Outcome {
        self.render.timings.clear();
        let mut clock = Clock::start();
        let config = self.read_settings();
        let (listing, walked) = self.listing(touched, structural);
        let (found, problems) = &*listing;
        clock.lap(&mut self.render.timings, "discover");
        let (pages, statics): (Vec<&Found>, Vec<&Found>) = found.iter().partition(|f| f.is_page());
        let (fresh, all_touched) = self.reparse(&pages, touched);
        let reparsed = fresh.len();
        let text_only = (!walked && all_touched && fresh.len() == touched.len())
            .then(|| self.text_only(&fresh))
            .flatten();
        if walked {
            let on_disk: HashSet<&str> = pages.iter().map(|f| f.rel.as_str()).collect();
            self.pages.retain(|rel, _| on_disk.contains(rel.as_str()));
        }
        self.pages.extend(fresh);
        clock.lap(&mut self.render.timings, "parse");
        if let Some(changed) = text_only
            && let Some(outcome) = self.rerender(&changed, reparsed)
        {
            return outcome;
        }
        let mut problems = problems.clone();
        let static_bytes = self.read_statics(&statics, touched, &mut problems);
        clock.lap(&mut self.render.timings, "gather");
        let parsed = pipeline::gather(
            pages
                .iter()
                .filter_map(|f| Some((f.rel.as_str(), &self.pages.get(&f.rel)?.page))),
            statics
                .iter()
                .map(|f| StaticFile {
                    rel: f.rel.clone(),
                    path: f.path.clone(),
                    len: f.stamp.len,
                })
                .collect(),
            problems,
        );
        let (built, report) =
            pipeline::finish(&self.options, config, parsed, &mut self.render, None);
        clock.lap(&mut self.render.timings, "link+render");
        let outcome = self.keep(built, report, static_bytes, reparsed);
        clock.lap(&mut self.render.timings, "compare");
        Outcome {
            timings: self.render.timings.clone(),
            ..outcome
        }
    }

    /// Read `pejl.yaml`; pages checked against other limits, or prepared
    /// for another `allow_html`, are read again.
    fn read_settings(&mut self) -> pipeline::ConfigRead {
        // The preview offers the browser editor, saving to disk (`serve::cms`).
        let config = load::read_config(&self.options.paths).map(|mut c| {
            c.local_editor = true;
            c
        });
        let (limits, allow_html) = config
            .as_ref()
            .map(|c| (c.limits, c.allow_html))
            .unwrap_or_default();
        if limits != self.limits || allow_html != self.allow_html {
            self.pages.clear();
            self.limits = limits;
            self.allow_html = allow_html;
        }
        config
    }

    /// The content folder's files, and whether it was walked for them.
    /// Without a walk, the last list of files is kept and only the touched
    /// files get new stamps (in place: no copy of the list).
    fn listing(&mut self, touched: &HashSet<PathBuf>, structural: bool) -> (Arc<Listing>, bool) {
        let walked = structural
            || match self.found.as_mut() {
                Some(last) => !restamp(Arc::make_mut(last), touched),
                None => true,
            };
        if walked {
            self.found = Some(Arc::new(load::discover(&self.options.paths)));
        }
        (self.found.clone().unwrap_or_default(), walked)
    }

    /// Read and parse the pages that changed since their cached version;
    /// whether every one of them is among the files the watcher named.
    fn reparse(
        &self,
        pages: &[&Found],
        touched: &HashSet<PathBuf>,
    ) -> (Vec<(String, CachedPage)>, bool) {
        let stale: Vec<&Found> = pages
            .iter()
            .copied()
            .filter(|f| !is_fresh(f, self.pages.get(&f.rel).map(|c| c.stamp), touched))
            .collect();
        let all_touched = stale.iter().all(|f| touched.contains(&f.path));
        let (paths, limits, allow_html) = (&self.options.paths, self.limits, self.allow_html);
        let fresh = stale
            .par_iter()
            .map(|f| {
                let page = pipeline::parse_page(paths, f, limits, allow_html);
                let cached = CachedPage {
                    stamp: f.stamp,
                    page,
                };
                (f.rel.clone(), cached)
            })
            .collect();
        (fresh, all_touched)
    }

    /// The static files' bytes, read again only when changed; each offered
    /// to the server at once during the first build.
    fn read_statics(
        &mut self,
        statics: &[&Found],
        touched: &HashSet<PathBuf>,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, Arc<[u8]>)> {
        let mut static_bytes = Vec::with_capacity(statics.len());
        let mut kept = HashMap::with_capacity(statics.len());
        for f in statics {
            let bytes = match self.statics.remove(&f.rel) {
                Some((stamp, bytes)) if is_fresh(f, Some(stamp), touched) => Some(bytes),
                _ => match load::read_regular(&f.path) {
                    Ok(b) => Some(Arc::from(b)),
                    Err(e) => {
                        let shown = self.options.paths.display(&f.path);
                        problems.push(load::cannot_read(&e).in_file(shown));
                        None
                    }
                },
            };
            if let Some(bytes) = bytes {
                kept.insert(f.rel.clone(), (f.stamp, bytes.clone()));
                static_bytes.push((f.rel.clone(), bytes));
            }
        }
        self.statics = kept;
        if let Some(early) = &self.render.early {
            for (rel, bytes) in &static_bytes {
                early(&crate::render::OutputFile::new(rel.as_str(), bytes.clone()));
            }
        }
        static_bytes
    }

    /// Keep a build that succeeded as the site served (with the static files
    /// it publishes), and say what changed; a failed one changes nothing.
    fn keep(
        &mut self,
        built: Option<pipeline::Built>,
        report: Report,
        static_bytes: Vec<(String, Arc<[u8]>)>,
        reparsed: usize,
    ) -> Outcome {
        let Some(built) = built.filter(|_| !report.has_errors()) else {
            // Only a save onto a good build can be a change of text alone.
            self.last = None;
            return Outcome {
                report,
                files: None,
                changed: Vec::new(),
                reparsed,
                rendered: 0,
                reused: 0,
                timings: Vec::new(),
            };
        };
        let mut files: SiteFiles = built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        // Only the files the build publishes (those pages link to, unless
        // the site publishes every file).
        let published: HashSet<&str> = built.statics.iter().map(|s| s.rel.as_str()).collect();
        for (rel, bytes) in static_bytes {
            if published.contains(rel.as_str()) {
                files.entry(rel).or_insert(bytes);
            }
        }
        let changed = match &self.last_good {
            Some(old) => differences(old, &files),
            None => files.keys().cloned().collect(),
        };
        let files = Arc::new(files);
        self.last_good = Some(files.clone());
        self.last = Some(Last {
            built: pipeline::Built {
                files: Vec::new(),
                ..built
            },
            report: report.clone(),
            today: self.options.today,
        });
        Outcome {
            report,
            files: Some(files),
            changed,
            reparsed,
            rendered: self.render.rendered,
            reused: self.render.reused,
            timings: Vec::new(),
        }
    }
}

/// A file whose cached version (by its stamp) is still good: the same size
/// and time, and not named by the watcher.
fn is_fresh(f: &Found, stamp: Option<Stamp>, touched: &HashSet<PathBuf>) -> bool {
    stamp == Some(f.stamp) && f.stamp.modified.is_some() && !touched.contains(&f.path)
}

/// The time of each stage of a rebuild.
struct Clock(std::time::Instant);

impl Clock {
    fn start() -> Self {
        Clock(std::time::Instant::now())
    }

    fn lap(&mut self, timings: &mut Vec<(&'static str, std::time::Duration)>, what: &'static str) {
        timings.push((what, self.0.elapsed()));
        self.0 = std::time::Instant::now();
    }
}

impl Session {
    /// When every page read again differs from its last version only in the
    /// text of its body — same fields, same headings, same links — and had no
    /// problems in the last build, nothing but those pages' own output can
    /// change: the new entries by their index in the last site.
    fn text_only(&self, fresh: &[(String, CachedPage)]) -> Option<Vec<(usize, Arc<Entry>)>> {
        let last = self.last.as_ref()?;
        if last.today != self.options.today || fresh.is_empty() {
            return None;
        }
        let site = &last.built.site;
        fresh
            .iter()
            .map(|(rel, page)| {
                let Ok(Some(new)) = &page.page.result else {
                    return None;
                };
                let Some(Ok(Some(old))) = self.pages.get(rel).map(|c| &c.page.result) else {
                    return None;
                };
                let mentioned = last
                    .report
                    .diagnostics
                    .iter()
                    .any(|d| d.file.as_deref() == Some(new.display.as_path()));
                if mentioned || shape(old) != shape(new) {
                    return None;
                }
                let i = site.entries.iter().position(|e| e.rel == *rel)?;
                Some((i, new.clone()))
            })
            .collect()
    }

    /// Render only the pages of a text-only change into the last good site.
    fn rerender(&mut self, changed: &[(usize, Arc<Entry>)], reparsed: usize) -> Option<Outcome> {
        let last = self.last.as_mut()?;
        let old_files = self.last_good.clone()?;
        for (i, entry) in changed {
            last.built.site.entries[*i] = entry.clone();
        }
        self.render.only = Some(changed.iter().map(|(i, _)| *i).collect());
        let started = std::time::Instant::now();
        let rendered = crate::render::render_with(
            &last.built.site,
            &last.built.config,
            &last.built.theme,
            self.options.today,
            &mut self.render,
        );
        self.render.timings.push(("render", started.elapsed()));
        let Ok(pages) = rendered else {
            // Let a full rebuild report it.
            self.last = None;
            return None;
        };
        let mut files = (*old_files).clone();
        let mut changed_paths = Vec::new();
        for page in pages {
            if files
                .get(&page.path)
                .is_none_or(|old| old[..] != page.bytes[..])
            {
                changed_paths.push(page.path.clone());
            }
            files.insert(page.path, page.bytes);
        }
        let files = Arc::new(files);
        self.last_good = Some(files.clone());
        Some(Outcome {
            report: last.report.clone(),
            files: Some(files),
            changed: changed_paths,
            reparsed,
            rendered: self.render.rendered,
            reused: old_files.len() - self.render.rendered,
            timings: self.render.timings.clone(),
        })
    }
}

/// Everything of a page but the text of its body: equal shapes mean a
/// change of text that no other page can see.
fn shape(e: &Entry) -> String {
    let headings: Vec<_> = e
        .outline
        .headings
        .iter()
        .map(|h| (h.level, &h.text, &h.anchor))
        .collect();
    let links: Vec<_> = e
        .outline
        .links
        .iter()
        .map(|l| (&l.dest, l.is_image, &l.text))
        .collect();
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{}",
        e.rel,
        e.kind,
        e.id,
        e.id_pos,
        e.common,
        e.data,
        e.refs,
        e.body_line,
        headings,
        links,
        e.body_is_blank
    )
}

/// Give the touched files of the last list of files their new stamps.
/// False (and a walk is needed) when a touched path is not a known file, or
/// is gone or no longer a regular file.
fn restamp(last: &mut (Vec<Found>, Vec<Diagnostic>), touched: &HashSet<PathBuf>) -> bool {
    let mut left = touched.len();
    for f in last.0.iter_mut().filter(|f| touched.contains(&f.path)) {
        let Ok(meta) = std::fs::symlink_metadata(&f.path) else {
            return false;
        };
        if !meta.is_file() {
            return false;
        }
        f.stamp = Stamp::of(&meta);
        left -= 1;
    }
    left == 0
}

/// Paths added, removed or with different bytes.
pub fn differences(old: &SiteFiles, new: &SiteFiles) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| {
            old.get(*path)
                .is_none_or(|o| !Arc::ptr_eq(o, bytes) && o[..] != bytes[..])
        })
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(old.keys().filter(|p| !new.contains_key(*p)).cloned());
    changed.sort();
    changed
}
