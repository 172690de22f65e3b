//! The whole build, stage by stage: load → parse → link → render → write.
//!
//! Owns the order of the stages and the collection of every problem into one
//! [`Report`]. Each stage is a function from one value to the next; this module
//! only threads them together.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Report, Words};
use crate::config::Config;
use crate::content::parse;
use crate::disk::load::{self, Paths, StaticFile};
use crate::disk::theme;
use crate::render::{self, OutputFile};
use crate::site::link::{self, Site};

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Paths,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
    /// The date "today" is for upcoming follow-ups (fixed in tests).
    pub today: NaiveDate,
    /// True when `today` was given (`--now`, `SOURCE_DATE_EPOCH`), not read
    /// from the clock: a preview then keeps it.
    pub fixed_today: bool,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Options {
            paths: Paths {
                content: root.join("content"),
                output: root.join("public"),
                root,
            },
            base_url: None,
            today: chrono::Local::now().date_naive(),
            fixed_today: false,
        }
    }
}

/// Where "today" comes from: `--now`, else `SOURCE_DATE_EPOCH` (seconds since
/// 1970, as reproducible-build tools set it), else the computer's clock.
/// `Ok((date, fixed))`: `fixed` is false only for the clock.
pub fn today(now: Option<&str>) -> Result<(NaiveDate, bool), String> {
    if let Some(text) = now {
        return NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(|d| (d, true))
            .map_err(|_| format!("--now wants a date like 2025-03-13, not \"{text}\""));
    }
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let text = epoch.to_string_lossy();
        return text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| (t.date_naive(), true))
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not \"{text}\"")
            });
    }
    Ok((chrono::Local::now().date_naive(), false))
}

/// A site that built without errors, held in memory.
#[derive(Debug)]
pub struct Built {
    pub config: Config,
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub statics: Vec<StaticFile>,
    /// The theme it was rendered with (a preview renders single pages with it again).
    pub theme: theme::Theme,
    /// How long each stage took (`PEJL_TIMINGS=1` prints them).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// `pejl.yaml` as read once for a whole build, or why it cannot be.
pub type ConfigRead = Result<Config, Vec<Diagnostic>>;

/// Run every stage but writing. The report holds every problem found.
pub fn check(options: &Options) -> (Option<Built>, Report) {
    check_into(options, load::read_config(&options.paths), None)
}

/// [`check`] of a configuration already read, sending rendered pages to
/// `sink` as they are made.
fn check_into(
    options: &Options,
    config: ConfigRead,
    sink: Option<&render::Sink>,
) -> (Option<Built>, Report) {
    let mut problems: Vec<Diagnostic> = Vec::new();
    // (When the configuration cannot be read, the build stops with that error
    // after reading the pages; they are read with the defaults meanwhile.)
    let (limits, allow_html) = config
        .as_ref()
        .map(|c| (c.limits, c.allow_html))
        .unwrap_or_default();
    let mut cache = render::RenderCache::default();
    let started = std::time::Instant::now();
    let (pages, statics, listed) = load::list_content(&options.paths, &limits);
    problems.extend(listed);
    cache.timings.push(("discover", started.elapsed()));
    // Each file is read and parsed on one thread, and its text dropped at
    // once: only the bodies stay in memory, never every file whole as well.
    let started = std::time::Instant::now();
    let parsed: Vec<ParsedPage> = pages
        .par_iter()
        .map(|f| parse_page(&options.paths, f, limits, allow_html))
        .collect();
    cache.timings.push(("read+parse", started.elapsed()));
    let parsed = gather(
        pages.iter().zip(&parsed).map(|(f, p)| (f.rel.as_str(), p)),
        statics,
        problems,
    );
    let (built, report) = finish(options, config, parsed, &mut cache, sink);
    let built = built.map(|b| Built {
        timings: std::mem::take(&mut cache.timings),
        ..b
    });
    (built, report)
}

/// One page read and parsed: its entry (`None` for a draft) or its problems.
#[derive(Debug, Clone)]
pub(crate) struct ParsedPage {
    pub result: Result<Option<std::sync::Arc<crate::content::model::Entry>>, Vec<Diagnostic>>,
    /// The id other pages would know it by, when it could be read but not
    /// parsed (empty when it could not be read): references to it are then
    /// not reported again.
    pub fallback_id: String,
}

/// Read and parse one found page: the step a build and a preview share.
pub(crate) fn parse_page(
    paths: &Paths,
    found: &load::Found,
    limits: crate::content::limits::Limits,
    allow_html: bool,
) -> ParsedPage {
    match load::read_page(paths, found, &limits) {
        Ok(file) => match parse::parse_with(&file, &limits, allow_html) {
            Ok(entry) => ParsedPage {
                result: Ok(entry.map(std::sync::Arc::new)),
                fallback_id: String::new(),
            },
            Err(d) => ParsedPage {
                result: Err(d),
                fallback_id: parse::fallback_id(&file),
            },
        },
        Err(d) => ParsedPage {
            result: Err(vec![d]),
            fallback_id: String::new(),
        },
    }
}

/// The kind and id of every page of the project that can be read, in the
/// order of their files: what `pejl new` lets a starter file name.
pub fn known_pages(paths: &Paths) -> Vec<(crate::content::schema::Kind, String)> {
    let (found, _) = load::discover(paths);
    let limits = crate::content::limits::Limits::default();
    found
        .iter()
        .filter_map(|f| match parse_page(paths, f, limits, false).result {
            Ok(Some(e)) => Some((e.kind, e.id.clone())),
            _ => None,
        })
        .collect()
}

/// The parsed pages (by their path in `content/`), gathered into what
/// `link` starts from, in the order given.
pub(crate) fn gather<'a>(
    pages: impl Iterator<Item = (&'a str, &'a ParsedPage)>,
    statics: Vec<StaticFile>,
    mut problems: Vec<Diagnostic>,
) -> Parsed {
    let mut entries = Vec::new();
    let mut unreadable = HashSet::new();
    for (rel, page) in pages {
        match &page.result {
            Ok(Some(e)) => entries.push(e.clone()),
            Ok(None) => {}
            Err(d) => {
                if !page.fallback_id.is_empty() {
                    unreadable.insert(page.fallback_id.clone());
                    unreadable.insert(rel.to_string());
                }
                problems.extend(d.iter().cloned());
            }
        }
    }
    Parsed {
        entries,
        unreadable,
        statics,
        problems,
    }
}

/// The content after parsing: what `link` and `render` start from.
pub(crate) struct Parsed {
    pub entries: Vec<std::sync::Arc<crate::content::model::Entry>>,
    /// Ids of pages that could not be parsed, so links to them are not reported again.
    pub unreadable: HashSet<String>,
    pub statics: Vec<StaticFile>,
    pub problems: Vec<Diagnostic>,
}

/// The stages after parsing: configuration, link, theme, render.
pub(crate) fn finish(
    options: &Options,
    config: ConfigRead,
    parsed: Parsed,
    cache: &mut render::RenderCache,
    sink: Option<&render::Sink>,
) -> (Option<Built>, Report) {
    let Parsed {
        entries,
        unreadable,
        statics,
        mut problems,
    } = parsed;
    let config = with_options(config, options, &mut problems);
    // The site's own files are read before linking, so pages can link to them.
    let (site_files, unreadable_files) = theme::read_site_static(&options.paths);
    problems.extend(unreadable_files);
    let files = link::Files {
        content: statics.iter().map(|s| (s.rel.clone(), s.len)).collect(),
        site: (site_files.iter())
            .map(|(name, bytes)| (name.clone(), bytes.len() as u64))
            .collect(),
    };
    let started = std::time::Instant::now();
    // Git's history is read while the pages are linked.
    let ((mut site, link_problems), changed) = rayon::join(
        || link::link(entries, files, &unreadable),
        || crate::disk::history::last_changed(&options.paths.content),
    );
    site.changed = changed;
    cache.timings.push(("link", started.elapsed()));
    problems.extend(link_problems);
    let Some(config) = config else {
        return (None, Report::new(problems));
    };
    let rules = config.periods.rules();
    if rules != Default::default() {
        site.dates = crate::site::dates::Dates::of(&site.entries, &rules);
    }
    let (statics, left_out) = publishable(statics, &site, &config);
    problems.extend(left_out);
    let started = std::time::Instant::now();
    problems.extend(whole_site_checks(&site, &config, options));
    cache.timings.push(("checks", started.elapsed()));
    let started = std::time::Instant::now();
    let theme = site_theme(&config, options, site_files, &mut problems);
    cache.timings.push(("theme", started.elapsed()));
    let has_errors = problems.iter().any(Diagnostic::is_error);
    let Some(theme) = theme.filter(|_| !has_errors) else {
        return (None, Report::new(problems));
    };
    let started = std::time::Instant::now();
    let rendered = render::render_into(&site, &config, &theme, options.today, cache, sink);
    cache.timings.push(("render", started.elapsed()));
    let files = match rendered {
        Ok(files) => files,
        Err(d) => {
            problems.extend(d);
            return (None, Report::new(problems));
        }
    };
    if sink.is_none() {
        // (A build's staging folder finds these as it writes.)
        let paths = files.iter().map(|f| f.path.as_str());
        let taken = collisions(paths.chain(statics.iter().map(|s| s.rel.as_str())));
        problems.extend(describe_collisions(&taken, &site, &statics, &options.paths));
    }
    let built = Built {
        config,
        site,
        files,
        statics,
        theme,
        timings: Vec::new(),
    };
    (Some(built), Report::new(problems))
}

/// The configuration with what the command line overrides (`--base-url`,
/// checked as `base_url:` is); `None`, with its problems, when it could not
/// be read.
fn with_options(
    config: ConfigRead,
    options: &Options,
    problems: &mut Vec<Diagnostic>,
) -> Option<Config> {
    let mut config = match config {
        Ok(c) => c,
        Err(d) => {
            problems.extend(d);
            return None;
        }
    };
    if let Some(url) = &options.base_url {
        let how = crate::base::url::Use::Base;
        if let Err(why) = crate::base::url::check(url, how) {
            let subject = Words::new("`--base-url`", "`--base-url`");
            problems.push(
                Diagnostic::error(crate::base::url::refused(&subject, url, how, &why))
                    .with_help(crate::base::url::help(url, how, "--base-url")),
            );
        }
        config.base_url = Some(url.trim().to_string());
    }
    Some(config)
}

/// The checks of the whole site: `nav`, the site's words, follow-ups and
/// statuses against today, and accessibility. Independent of each other,
/// they run two at a time.
fn whole_site_checks(site: &Site, config: &Config, options: &Options) -> Vec<Diagnostic> {
    let config_file = options
        .paths
        .display(&options.paths.root.join(crate::config::FILE_NAME));
    let ((nav, vocabulary), (timeline, a11y)) = rayon::join(
        || {
            (
                check_nav(config, site, &options.paths),
                crate::site::vocabulary::check(site, config),
            )
        },
        || {
            rayon::join(
                || crate::site::timeline::check(site, config, options.today),
                || crate::site::a11y::check(site, config, &config_file),
            )
        },
    );
    nav.into_iter()
        .chain(vocabulary)
        .chain(timeline)
        .chain(a11y)
        .collect()
}

/// The site's theme, with the site's own words merged into its strings.
fn site_theme(
    config: &Config,
    options: &Options,
    site_files: theme::StaticFolder,
    problems: &mut Vec<Diagnostic>,
) -> Option<theme::Theme> {
    let config_file = options
        .paths
        .display(&options.paths.root.join(crate::config::FILE_NAME))
        .display()
        .to_string();
    match theme::load(&options.paths, config, site_files) {
        Ok(mut t) => {
            let (strings, found) =
                crate::site::vocabulary::strings(&t.strings, config, &config_file);
            t.strings = strings;
            problems.extend(found);
            problems.extend(missing_logo(config, &t, &config_file));
            Some(t)
        }
        Err(d) => {
            problems.extend(d);
            None
        }
    }
}

/// The language to report in: the site's, or Danish (the default site language)
/// when the configuration cannot be read.
pub fn message_lang(paths: &Paths) -> crate::base::diagnostic::Lang {
    lang_of(&load::read_config(paths))
}

/// [`message_lang`] of a configuration already read.
pub fn lang_of(config: &ConfigRead) -> crate::base::diagnostic::Lang {
    let language = config.as_ref().map(|c| c.language.as_str());
    crate::base::diagnostic::Lang::from_code(language.unwrap_or("da"))
}

/// The content folder's files to publish: those a page links to or shows,
/// or all of them with `publish_unlinked_files: true`. The others are left
/// out with one warning that lists them, so a draft or an internal document
/// left in a content folder is never published by accident.
fn publishable(
    statics: Vec<StaticFile>,
    site: &Site,
    config: &Config,
) -> (Vec<StaticFile>, Option<Diagnostic>) {
    if config.publish_unlinked_files {
        return (statics, None);
    }
    let (kept, left): (Vec<StaticFile>, Vec<StaticFile>) = statics
        .into_iter()
        .partition(|s| site.linked_statics.contains(&s.rel));
    if left.is_empty() {
        return (kept, None);
    }
    const SHOWN: usize = 20;
    let mut list: Vec<String> = left
        .iter()
        .take(SHOWN)
        .map(|s| format!("content/{}", s.rel))
        .collect();
    if left.len() > SHOWN {
        list.push(format!("… (+{})", left.len() - SHOWN));
    }
    let list = list.join(", ");
    let (files, files_da) = match left.len() {
        1 => (
            "1 file in the content folder is".to_string(),
            "1 fil".to_string(),
        ),
        n => (
            format!("{n} files in the content folder are"),
            format!("{n} filer"),
        ),
    };
    let warning = Diagnostic::warning(crate::words!(
        "{files} not published, because no page links to them: {list}",
        "{files_da} i indholdsmappen bliver ikke udgivet, fordi ingen side linker til dem: {list}"
    ))
    .with_help(Words::new(
        "to publish a file, link to it from a page, e.g. `[Rapporten (PDF)](rapport.pdf)` or `![what the picture shows](kort.png)`; to publish every file of the content folder, write `publish_unlinked_files: true` in pejl.yaml",
        "link til filen fra en side for at udgive den, fx `[Rapporten (PDF)](rapport.pdf)` eller `![hvad billedet viser](kort.png)`; skriv `publish_unlinked_files: true` i pejl.yaml for at udgive alle filer i indholdsmappen",
    ));
    (kept, Some(warning))
}

/// The output paths wanted by more than one file (or by a file and a
/// folder), sorted.
fn collisions<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = crate::disk::output::Addresses::default();
    let mut taken: Vec<String> = paths.filter_map(|p| seen.claim(p)).collect();
    taken.sort_unstable();
    taken.dedup();
    taken
}

/// What wants the address `path` (at least two things, in words), and the
/// page's file if a page is one of them: a page, a file of the content
/// folder, a file of the site's `static/`, or what pejl makes there.
fn owners_of(
    path: &str,
    site: &Site,
    statics: &[StaticFile],
    paths: &Paths,
) -> (Vec<Words>, Option<PathBuf>) {
    let mut owners: Vec<Words> = Vec::new();
    let mut file = None;
    // At the address, or in a folder of that name.
    let inside = format!("{path}/");
    let wants = |u: &str| u == path || u.starts_with(&inside);
    if let Some(i) = site.urls.iter().position(|u| wants(u)) {
        let shown = site.entries[i].display.display().to_string();
        file = Some(site.entries[i].display.clone());
        owners.push(crate::words!("the page {shown}", "siden {shown}"));
    }
    if let Some(s) = statics.iter().find(|s| wants(&s.rel)) {
        // Named in the message only: the file may not be text.
        let shown = paths.display(&s.path).display().to_string();
        owners.push(crate::words!("the file {shown}", "filen {shown}"));
    }
    let mut own: Vec<&String> = site.files.site.keys().filter(|f| wants(f)).collect();
    own.sort_unstable();
    if let Some(name) = own.first() {
        owners.push(crate::words!(
            "the file static/{name}",
            "filen static/{name}"
        ));
    }
    while owners.len() < 2 {
        owners.push(crate::base::routes::describe(path));
    }
    (owners, file)
}

/// An error for each output path wanted by more than one file, naming what
/// wants it: a page, a file of the content folder or of `static/`, or a page
/// pejl makes.
pub fn describe_collisions(
    taken: &[String],
    site: &Site,
    statics: &[StaticFile],
    paths: &Paths,
) -> Vec<Diagnostic> {
    taken
        .iter()
        .map(|path| {
            let (owners, file) = owners_of(path, site, statics, paths);
            let (a, b) = (&owners[0], &owners[1]);
            let (a_da, b_da) = (a.get(crate::base::diagnostic::Lang::Da), b.get(crate::base::diagnostic::Lang::Da));
            let (a, b) = (&a.en, &b.en);
            let mut d = Diagnostic::error(crate::words!(
                "two things want the address {path}: {a} and {b}; one would silently replace the other",
                "to ting vil have adressen {path}: {a_da} og {b_da}; den ene ville erstatte den anden uden varsel"
            ))
            .with_help(Words::new(
                "rename the page or file (or give the page another `id:`), so that each address belongs to one thing",
                "omdøb siden eller filen (eller giv siden et andet `id:`), så hver adresse kun hører til én ting",
            ));
            if let Some(f) = file {
                d = d.in_file(f);
            }
            d
        })
        .collect()
}

/// The logo `brand.logo` names must be a static file of the site or theme.
fn missing_logo(config: &Config, theme: &theme::Theme, config_file: &str) -> Option<Diagnostic> {
    let logo = config.brand.logo.as_ref()?;
    if theme.statics.contains_key(logo) || theme.site_files.contains_key(logo) {
        return None;
    }
    Some(
        Diagnostic::error(crate::words!(
            "the logo \"{logo}\" is not in the site's `static/` folder",
            "logoet \"{logo}\" ligger ikke i sitets mappe `static/`"
        ))
        .in_file(config_file)
        .at(config.brand.logo_pos)
        .with_help(crate::words!(
            "put the image in static/{logo} next to pejl.yaml, or correct the name",
            "læg billedet i static/{logo} ved siden af pejl.yaml, eller ret navnet"
        )),
    )
}

/// Every page id in the config's `nav` must exist.
fn check_nav(config: &Config, site: &Site, paths: &Paths) -> Vec<Diagnostic> {
    let file = paths.display(&paths.root.join(crate::config::FILE_NAME));
    let ids = config.nav.iter().flatten().enumerate();
    ids.filter(|(_, id)| site.id_target(id).is_none() && !crate::base::routes::is_generated_id(id))
        .map(|(k, id)| {
            let d = Diagnostic::error(crate::words!(
                "`nav` names the page \"{id}\", but there is none",
                "feltet `nav` nævner siden \"{id}\", men den findes ikke"
            ))
            .in_file(&file);
            let d = match config.nav_pos.get(k).or(config.nav_pos.first()) {
                Some(&pos) => d.at(pos),
                None => d,
            };
            let near = crate::content::schema::nearest(id, site.entries.iter().map(|e| e.id.as_str()));
            let d = match near {
                Some(n) => d.with_help(crate::words!("did you mean \"{n}\"?", "mente du \"{n}\"?")),
                None => d,
            };
            d.with_help(crate::base::diagnostic::Words::new(
                "list page ids (file names without `.md`; a folder's name for its `_index.md`), `tidslinje` or `indsatser`",
                "skriv sidernes id (filnavnet uden `.md`; mappens navn for dens `_index.md`), `tidslinje` eller `indsatser`",
            ))
        })
        .collect()
}

/// Check, then write the site. On any error the previous output stays as it
/// was: pages go into a staging folder as they are rendered, and only a build
/// without errors swaps it in.
pub fn build(options: &Options) -> Report {
    build_with(options, load::read_config(&options.paths)).0
}

/// How long each stage of a build took, for `PEJL_TIMINGS=1`.
pub type Timings = Vec<(&'static str, std::time::Duration)>;

/// [`build`] with the configuration already read (the binary reads it once,
/// for the language of its messages too); also how long each stage took.
pub fn build_with(options: &Options, config: ConfigRead) -> (Report, Timings) {
    let mut staging = match crate::disk::output::Staging::begin(&options.paths) {
        Ok(s) => s,
        Err(d) => return (Report::new(vec![d]), Vec::new()),
    };
    // Every page is written and dropped as soon as it is rendered; the
    // render thread reads the page for the search index too, and writes its
    // search fragment.
    let indexer = match search_indexer(&config) {
        Ok(i) => i,
        Err(d) => return (Report::new(vec![d]), Vec::new()),
    };
    let write = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
    let offer = |i: usize, rel: &str, bytes: &[u8]| {
        if let Some(indexer) = &indexer {
            indexer.offer(i, rel, bytes, &write);
        }
    };
    let sink = render::Sink {
        write: &write,
        content: &offer,
    };
    let (built, mut report) = check_into(options, config, Some(&sink));
    let Some(mut built) = built else {
        return (report, Vec::new());
    };
    let mut files = std::mem::take(&mut built.files);
    if let Some(indexer) = indexer {
        // (The time the index took beyond the rendering.)
        let started = std::time::Instant::now();
        match indexer.finish() {
            Ok((index, warnings)) => {
                files.extend(index);
                report.diagnostics.extend(warnings);
            }
            Err(d) => {
                report.diagnostics.push(d);
                return (report, Vec::new());
            }
        }
        built.timings.push(("search", started.elapsed()));
    }
    let started = std::time::Instant::now();
    report.diagnostics.append(&mut staging.warnings);
    if let Err(d) = staging.write_rest(&files, &built.statics) {
        report.diagnostics.push(d);
        return (report, Vec::new());
    }
    let taken = staging.collisions();
    if !taken.is_empty() {
        let paths = &options.paths;
        let found = describe_collisions(&taken, &built.site, &built.statics, paths);
        let all = report.diagnostics.into_iter().chain(found).collect();
        return (Report::new(all), Vec::new());
    }
    match staging.publish() {
        Ok(warnings) => report.diagnostics.extend(warnings),
        Err(d) => report.diagnostics.push(d),
    }
    built.timings.push(("write", started.elapsed()));
    let timings = std::mem::take(&mut built.timings);
    // Freeing the whole site takes a noticeable moment on one core; the
    // site is written, so nobody waits for it (a command-line build exits
    // at once and the system takes the memory back).
    std::thread::spawn(move || drop((built, files)));
    (report, timings)
}

/// The search index a build makes beside its rendering, when the site
/// wants one (and its configuration can be read).
fn search_indexer(config: &ConfigRead) -> Result<Option<render::search::Indexer>, Diagnostic> {
    match config {
        Ok(c) if c.search => render::search::Indexer::start(&c.language).map(Some),
        _ => Ok(None),
    }
}

/// The most memory this process has held so far (Linux), for `PEJL_TIMINGS`.
pub fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// `read 12.0 ms, parse 30.1 ms, …` for `PEJL_TIMINGS=1`.
pub fn format_timings(timings: &[(&'static str, std::time::Duration)]) -> String {
    let stages: Vec<String> = timings
        .iter()
        .map(|(what, d)| format!("{what} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    stages.join(", ")
}
