//! Linking: from parsed pages to the site graph, both ways.
//!
//! Owns ids, URLs, the parent of each page (its breadcrumb), the reverse lists
//! (a goal's initiatives, a strategy's focus areas …) and the meaning of every link
//! written in a body. Parents and lists come from each page's references as the
//! schema's fields say ([`schema::Relation`]); nothing here knows a kind's
//! fields. Reports dangling references, wrong kinds, duplicate ids and cycles.
//! Pure: no file-system access.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diagnostic::{Diagnostic, Lang, Pos, Words};
use crate::base::slug::slugify;
use crate::content::markdown::Target;
use crate::content::model::{Entry, KindData};
use crate::content::schema::{self, Kind};
use crate::content::validate::RefUse;

mod catalogue;
mod files;

pub use files::{Download, Files, download, size_words, type_words};

/// A reverse relation: who points at a page. Defined with the schema, whose
/// fields say which reference makes which list.
pub use crate::content::schema::Rel;

/// A bearing of a vision, found by its id.
#[derive(Debug, Clone)]
pub struct BearingRef {
    pub vision: usize,
    pub index: usize,
    pub anchor: String,
}

/// The linked site: every page, where it is, and how pages relate.
#[derive(Debug)]
pub struct Site {
    pub entries: Vec<Arc<Entry>>,
    pub by_id: HashMap<String, usize>,
    by_rel: HashMap<String, usize>,
    /// Root-relative URL of each page: `initiativer/din-indgang/index.html`.
    pub urls: Vec<String>,
    pub parent: Vec<Option<usize>>,
    related: HashMap<(usize, Rel), Vec<usize>>,
    pub bearings: HashMap<String, BearingRef>,
    /// The files besides pages: the content folder's and the site's
    /// `static/` folder's, with their sizes.
    pub files: Files,
    /// The content folder's files a page links to or shows (in its text, or
    /// as a document's `file:`): only these are published by default.
    pub linked_statics: HashSet<String>,
    /// Where each link of each page's body points, in the order of its outline.
    targets: Vec<Vec<Target>>,
    /// Where each reference of each page points (in the order of its
    /// `refs`), resolved once: `None` for a name that is not a page of an
    /// allowed kind.
    resolved: Vec<Vec<Option<usize>>>,
    /// Every date of the site, read once: with the default rules for
    /// primo, medio and ultimo, and again by the pipeline when the site's
    /// own rules differ.
    pub dates: crate::site::dates::Dates,
    /// Ids and paths of pages that could not be parsed.
    unreadable: HashSet<String>,
    /// When each page (by `rel`) was last changed, from the project's Git
    /// history (filled in by the pipeline; empty outside Git).
    pub changed: HashMap<String, chrono::NaiveDate>,
}

impl Site {
    pub fn related(&self, page: usize, rel: Rel) -> &[usize] {
        self.related.get(&(page, rel)).map_or(&[], Vec::as_slice)
    }

    /// Ancestors from the top down, not including the page itself.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.parent[page];
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.parent[p];
        }
        out.reverse();
        out
    }

    pub fn id_target(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The page that page `i`'s field `field` names (the first, for a
    /// list), as linking resolved it.
    pub fn referenced(&self, i: usize, field: &str) -> Option<usize> {
        self.all_referenced(i, field).next()
    }

    /// Every page that page `i`'s field `field` names, in the order written.
    pub fn all_referenced<'a>(
        &'a self,
        i: usize,
        field: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        let refs = &self.entries[i].refs;
        let resolved = self.resolved.get(i).map_or(&[][..], Vec::as_slice);
        refs.iter()
            .zip(resolved)
            .filter(move |(r, _)| r.field == field && !r.bearing)
            .filter_map(|(_, t)| *t)
    }

    pub fn home(&self) -> Option<usize> {
        self.by_rel.get("_index.md").copied()
    }
}

/// Link parsed pages into a site. Returns the site and every problem found.
/// `unreadable` holds the ids and the content paths (`initiativer/x.md`) of
/// pages that could not be parsed: references and links to them are not
/// reported again, since their own errors already are.
pub fn link(
    entries: Vec<Arc<Entry>>,
    files: Files,
    unreadable: &HashSet<String>,
) -> (Site, Vec<Diagnostic>) {
    // Steps that do not depend on each other run side by side: the serial
    // ones (maps, checks over the whole site) beside the parallel ones.
    let ((by_id, mut problems), (by_rel, urls)) = rayon::join(
        || ids(&entries),
        || {
            rayon::join(
                || {
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (e.rel.clone(), i))
                        .collect()
                },
                || entries.par_iter().map(|e| url_of(e)).collect::<Vec<_>>(),
            )
        },
    );
    let mut site = Site {
        entries,
        by_id,
        by_rel,
        urls,
        parent: Vec::new(),
        related: HashMap::new(),
        bearings: HashMap::new(),
        files,
        linked_statics: HashSet::new(),
        targets: Vec::new(),
        resolved: Vec::new(),
        dates: Default::default(),
        unreadable: unreadable.clone(),
        changed: HashMap::new(),
    };
    let (duplicates, (bearings, bearing_problems)) = rayon::join(
        || duplicate_urls(&site.entries, &site.urls),
        || {
            let mut found = Vec::new();
            (collect_bearings(&site, &mut found), found)
        },
    );
    problems.extend(duplicates);
    site.bearings = bearings;
    problems.extend(bearing_problems);
    // (References to bearings are checked against the bearings just found.)
    let refs: Vec<Vec<Diagnostic>> = (0..site.entries.len())
        .into_par_iter()
        .map(|i| check_refs(&site, i, unreadable))
        .collect();
    problems.extend(refs.into_iter().flatten());
    site.resolved = resolve_all(&site);
    site.parent = (0..site.entries.len())
        .into_par_iter()
        .map(|i| parent_of(&site, i))
        .collect();
    problems.extend(break_cycles(&mut site));
    // Neither the catalogue check nor the links in bodies use the reverse
    // relations, so all three are worked out at once.
    let ((catalogue, related), bodies) = rayon::join(
        || (catalogue::check(&site), reverse_relations(&site)),
        || {
            (0..site.entries.len())
                .into_par_iter()
                .map(|i| body_links(&site, i))
                .collect::<Vec<BodyLinks>>()
        },
    );
    problems.extend(catalogue);
    site.related = related;
    problems.extend(site.keep_body_links(bodies));
    site.dates = crate::site::dates::Dates::of(&site.entries, &Default::default());
    (site, problems)
}

impl Site {
    /// Keep where each body's links point and which files of `content/`
    /// pages link to (with documents' `file:`); the links' problems.
    fn keep_body_links(&mut self, bodies: Vec<BodyLinks>) -> Vec<Diagnostic> {
        let (mut linked, mut problems) = files::check_downloads(self);
        for (targets, found, statics) in bodies {
            self.targets.push(targets);
            problems.extend(found);
            linked.extend(statics);
        }
        self.linked_statics = linked;
        problems
    }
}

/// Each page by its id, and an error for each id used twice.
fn ids(entries: &[Arc<Entry>]) -> (HashMap<String, usize>, Vec<Diagnostic>) {
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut problems = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(&first) = by_id.get(&e.id) {
            problems.push(duplicate_id(&entries[first], e));
        } else {
            by_id.insert(e.id.clone(), i);
        }
    }
    (by_id, problems)
}

fn duplicate_id(first: &Entry, second: &Entry) -> Diagnostic {
    let (id, other) = (&second.id, first.display.display());
    Diagnostic::error(crate::words!(
        "the id \"{id}\" is already used by {other}",
        "id'et \"{id}\" bruges allerede af {other}"
    ))
    .in_file(&second.display)
    .at(second.id_pos)
    .with_help(Words::new(
        "every page needs its own id: rename one of the files, or give one of them an `id:` line",
        "hver side skal have sit eget id: omdøb en af filerne, eller giv en af dem en linje med `id:`",
    ))
}

fn duplicate_urls(entries: &[Arc<Entry>], urls: &[String]) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, url) in urls.iter().enumerate() {
        match seen.get(url.as_str()) {
            Some(&first) => {
                let other = entries[first].display.display();
                out.push(
                    Diagnostic::error(crate::words!(
                        "this page would be written to the same address as {other}",
                        "siden ville få samme adresse som {other}"
                    ))
                    .in_file(&entries[i].display)
                    .at(Pos::new(1, 1))
                    .with_help(Words::new(
                        "rename one of the two files",
                        "omdøb en af de to filer",
                    )),
                )
            }
            None => {
                seen.insert(url, i);
            }
        }
    }
    out
}

/// `strategier/_index.md` → `strategier/index.html`; `a/b.md` → `a/b/index.html`.
pub fn url_of(e: &Entry) -> String {
    let stem = e.rel.trim_end_matches(".md");
    let stem = stem
        .strip_suffix("_index")
        .unwrap_or(stem)
        .trim_end_matches('/');
    let path: Vec<String> = stem
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slugify)
        .collect();
    if path.is_empty() {
        "index.html".into()
    } else {
        format!("{}/index.html", path.join("/"))
    }
}

/// The anchor of a bearing on its vision's page.
pub fn bearing_anchor(id: &str) -> String {
    format!("pejlemaerke-{}", slugify(id))
}

fn collect_bearings(site: &Site, problems: &mut Vec<Diagnostic>) -> HashMap<String, BearingRef> {
    let mut out: HashMap<String, BearingRef> = HashMap::new();
    for (i, e) in site.entries.iter().enumerate() {
        let KindData::Vision(v) = &e.data else {
            continue;
        };
        for (index, b) in v.bearings.iter().enumerate() {
            if out.contains_key(&b.id) {
                let id = &b.id;
                problems.push(
                    Diagnostic::error(crate::words!(
                        "the bearing id \"{id}\" is used twice",
                        "pejlemærket med id'et \"{id}\" findes to gange"
                    ))
                    .in_file(&e.display)
                    .with_help(Words::new(
                        "give each bearing its own `id`",
                        "giv hvert pejlemærke sit eget `id`",
                    )),
                );
                continue;
            }
            out.insert(
                b.id.clone(),
                BearingRef {
                    vision: i,
                    index,
                    anchor: bearing_anchor(&b.id),
                },
            );
        }
    }
    out
}

fn check_refs(site: &Site, i: usize, unreadable: &HashSet<String>) -> Vec<Diagnostic> {
    let e = &site.entries[i];
    let mut out = Vec::new();
    for r in &e.refs {
        let here = |d: Diagnostic| d.in_file(&e.display).at(r.pos);
        let (field, target) = (r.field, &r.target);
        if r.bearing {
            if !site.bearings.contains_key(&r.target) {
                let d = Diagnostic::error(crate::words!(
                    "there is no bearing with the id \"{target}\"",
                    "der er intet pejlemærke med id'et \"{target}\""
                ));
                let d = suggest(d, &r.target, site.bearings.keys().map(String::as_str));
                out.push(here(d.with_help(Words::new(
                    "bearings are listed under `bearings:` in the vision's file",
                    "pejlemærkerne står under `bearings:` i visionens fil",
                ))));
            }
            continue;
        }
        match site.id_target(&r.target) {
            None if unreadable.contains(&r.target) => {}
            None => out.push(here(no_such_page(site, field, r))),
            Some(t) if !r.kinds.contains(&site.entries[t].kind) => {
                let found = &site.entries[t];
                let (wanted, is) = (kinds_words(r.kinds), kinds_words(&[found.kind]));
                let (wanted, wanted_da) = (&wanted.en, wanted.get(Lang::Da));
                let (is, is_da) = (&is.en, is.get(Lang::Da));
                let file = found.display.display();
                out.push(here(
                    Diagnostic::error(crate::words!(
                        "`{field}` must name {wanted}, but \"{target}\" is {is}",
                        "feltet `{field}` skal henvise til {wanted_da}, men \"{target}\" er {is_da}"
                    ))
                    .with_help(crate::words!(
                        "\"{target}\" is {file}",
                        "\"{target}\" er filen {file}"
                    )),
                ));
            }
            Some(t) if t == i => out.push(here(
                Diagnostic::error(crate::words!(
                    "`{field}` points to the page itself",
                    "feltet `{field}` henviser til siden selv"
                ))
                .with_help(Words::new(
                    "name another page",
                    "skriv id'et på en anden side",
                )),
            )),
            Some(_) => {}
        }
    }
    out
}

/// "a goal or a strategy" / "et mål eller en strategi".
fn kinds_words(kinds: &[Kind]) -> Words {
    if kinds.len() > 3 {
        return Words::new("a page", "en side");
    }
    let en = kinds
        .iter()
        .map(|k| format!("a {}", k.name().replace('_', " ")))
        .collect::<Vec<_>>()
        .join(" or ");
    let da = kinds
        .iter()
        .map(|k| k.with_article_da())
        .collect::<Vec<_>>()
        .join(" eller ");
    Words::new(en, da)
}

fn suggest<'a>(
    d: Diagnostic,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    match schema::nearest(wanted, candidates) {
        Some(near) => d.with_help(crate::words!(
            "did you mean \"{near}\"?",
            "mente du \"{near}\"?"
        )),
        None => d,
    }
}

/// The page a reference names, if it names one of the kinds its field allows.
fn resolved(site: &Site, r: &RefUse) -> Option<usize> {
    let t = site.id_target(&r.target)?;
    r.kinds.contains(&site.entries[t].kind).then_some(t)
}

/// Every reference of every page, resolved once.
fn resolve_all(site: &Site) -> Vec<Vec<Option<usize>>> {
    site.entries
        .par_iter()
        .map(|e| e.refs.iter().map(|r| resolved(site, r)).collect())
        .collect()
}

/// A page's parent: the page named by the best-ranked parent reference of
/// its kind (the schema's [`Relation::parent`](schema::Relation)) that names
/// a page of an allowed kind, else the section of its folder. A page is never
/// its own parent.
fn parent_of(site: &Site, i: usize) -> Option<usize> {
    let e = &site.entries[i];
    let named = e
        .refs
        .iter()
        .zip(&site.resolved[i])
        .filter_map(|(r, t)| Some((r.relation.parent?, (*t)?)))
        .min_by_key(|&(rank, _)| rank)
        .map(|(_, t)| t);
    named
        .filter(|&t| t != i)
        .or_else(|| enclosing_section(site, e))
}

/// `field` names a page that does not exist: the nearest id, or the ids
/// there are when they are few enough to read.
fn no_such_page(site: &Site, field: &str, r: &RefUse) -> Diagnostic {
    let target = &r.target;
    let what = kinds_words(r.kinds);
    let (what, what_da) = (&what.en, what.get(Lang::Da));
    let ids: Vec<&str> = site
        .entries
        .iter()
        .filter(|t| r.kinds.contains(&t.kind))
        .map(|t| t.id.as_str())
        .collect();
    let d = Diagnostic::error(crate::words!(
        "`{field}` names {what} \"{target}\", but there is none",
        "feltet `{field}` henviser til {what_da} med id'et \"{target}\", men det findes ikke"
    ));
    let d = suggest(d, target, ids.iter().copied()).with_help(crate::words!(
        "use the id of {what} that exists: its file name without `.md`",
        "brug id'et på {what_da}, der findes: filnavnet uden `.md`"
    ));
    match ids.len() {
        0 => d,
        1..=15 => {
            let list = ids.join(", ");
            d.with_help(crate::words!(
                "the ones there are: {list}",
                "dem, der findes: {list}"
            ))
        }
        n => d.with_help(crate::words!(
            "there are {n}; `pejl schema --json` lists them for an editor",
            "der er {n}; `pejl schema --json` skriver dem ud til en editor"
        )),
    }
}

/// The nearest `_index.md` above a page (for a section: above its own folder).
fn enclosing_section(site: &Site, e: &Entry) -> Option<usize> {
    let mut folder = e.folder().to_string();
    if e.is_section() {
        if e.rel == "_index.md" {
            return None;
        }
        folder = folder
            .rsplit_once('/')
            .map_or(String::new(), |(up, _)| up.to_string());
    }
    loop {
        let index = if folder.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{folder}/_index.md")
        };
        if let Some(&s) = site.by_rel.get(&index) {
            return Some(s);
        }
        if folder.is_empty() {
            return None;
        }
        folder = folder
            .rsplit_once('/')
            .map_or(String::new(), |(up, _)| up.to_string());
    }
}

/// Pages that name each other as `parent` would have no place in the site.
fn break_cycles(site: &mut Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for start in 0..site.entries.len() {
        let mut seen = vec![start];
        let mut cur = site.parent[start];
        while let Some(p) = cur {
            if p == start {
                let e = &site.entries[start];
                let names: Vec<String> = seen
                    .iter()
                    .map(|&s| format!("\"{}\"", site.entries[s].id))
                    .collect();
                let pos = e
                    .refs
                    .iter()
                    .find(|r| r.field == "parent")
                    .map_or(Pos::new(1, 1), |r| r.pos);
                let names = names.join(" → ");
                out.push(
                    Diagnostic::error(crate::words!(
                        "these pages are each other's parent in a circle: {names}",
                        "disse sider er hinandens `parent` i en ring: {names}"
                    ))
                    .in_file(&e.display)
                    .at(pos)
                    .with_help(Words::new(
                        "remove the `parent:` line of one of them, so the chain ends at a section",
                        "slet linjen med `parent:` i en af dem, så kæden ender ved en oversigtsside",
                    )),
                );
                site.parent[start] =
                    enclosing_section(site, &site.entries[start]).filter(|&s| s != start);
                break;
            }
            if seen.contains(&p) {
                break;
            }
            seen.push(p);
            cur = site.parent[p];
        }
    }
    out
}

/// Every page's reverse lists: each reference whose field says so
/// ([`Relation::listed_in`](schema::Relation)) puts its page in that list of
/// the page it names; folders put pages and sections in their section's
/// `Pages` and `Subsections`.
fn reverse_relations(site: &Site) -> HashMap<(usize, Rel), Vec<usize>> {
    let mut rel: HashMap<(usize, Rel), Vec<usize>> = HashMap::new();
    let mut add = |target: Option<usize>, r: Rel, from: usize| {
        if let Some(t) = target {
            rel.entry((t, r)).or_default().push(from);
        }
    };
    // A page adds itself to lists in its own turn only, so before the stable
    // sort below every list holds its pages in page order, whatever the
    // order of one page's references (as written, not as in the table).
    for (i, e) in site.entries.iter().enumerate() {
        for (r, &t) in e.refs.iter().zip(&site.resolved[i]) {
            if let Some(list) = r.relation.listed_in {
                add(t, list, i);
            }
        }
        let folder = if e.is_section() {
            Rel::Subsections
        } else {
            Rel::Pages
        };
        add(enclosing_section(site, e), folder, i);
    }
    for list in rel.values_mut() {
        list.sort_by_cached_key(|&a| order_key(&site.entries[a]));
        list.dedup();
    }
    rel
}

/// Lists are ordered by weight (or a catalogue number), then title.
pub fn order_key(e: &Entry) -> (i64, String) {
    (
        e.common.weight.or(e.number()).unwrap_or(i64::MAX),
        e.common.title.to_lowercase(),
    )
}

/// Where each link of a body points, the problems of those that cannot be
/// followed, and the content folder's files it links to or shows.
type BodyLinks = (Vec<Target>, Vec<Diagnostic>, Vec<String>);

/// The [`BodyLinks`] of page `i`.
fn body_links(site: &Site, i: usize) -> BodyLinks {
    let e = &site.entries[i];
    let mut out = Vec::new();
    let mut statics = Vec::new();
    let mut targets = Vec::with_capacity(e.outline.links.len());
    for link in &e.outline.links {
        let resolved = resolve_link(site, i, &link.dest);
        targets.push(site.target_of(i, &link.dest, &resolved));
        if let Ok(LinkTo::Static(rel)) = &resolved {
            statics.push(rel.clone());
        }
        if let Err(problem) = resolved
            && !problem.quiet
        {
            let pos = link.pos.in_file_from(e.body_line);
            let mut d = if problem.unsafe_url {
                Diagnostic::warning(problem.message)
            } else {
                Diagnostic::error(problem.message)
            };
            d = d.in_file(&e.display).at(pos);
            for h in problem.help {
                d = d.with_help(h);
            }
            out.push(d);
        }
    }
    (targets, out, statics)
}

/// Why a link in a body cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub message: Words,
    pub help: Vec<Words>,
    /// A `javascript:`/`data:` link: dropped, with a warning.
    pub unsafe_url: bool,
    /// The target is a page whose own errors are already reported: say nothing.
    pub quiet: bool,
}

fn problem(message: Words, help: impl Into<Words>) -> LinkProblem {
    LinkProblem {
        message,
        help: vec![help.into()],
        unsafe_url: false,
        quiet: false,
    }
}

/// What a link written in page `from`'s body means: a root-relative URL (with
/// anchor) for internal links, the address itself for external ones.
pub fn resolve_link(site: &Site, from: usize, dest: &str) -> Result<LinkTo, LinkProblem> {
    let trimmed = dest.trim();
    let lower = trimmed.to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        let link = short(trimmed);
        return Err(LinkProblem {
            message: crate::words!(
                "the link \"{link}\" could run code or read files, so it was removed",
                "linket \"{link}\" kunne køre kode eller læse filer, så det er fjernet"
            ),
            help: vec![Words::new(
                "link to a page of the site or to an https:// address",
                "link til en side på sitet eller til en https://-adresse",
            )],
            unsafe_url: true,
            quiet: false,
        });
    }
    if lower.starts_with("//") || has_scheme(&lower) {
        return Ok(LinkTo::External(trimmed.to_string()));
    }
    let (path, anchor) = match trimmed.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (trimmed, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    if path.is_empty() {
        return match anchor {
            Some(a) => check_anchor(site, from, a).map(|_| LinkTo::Page(from, Some(a.to_string()))),
            None => Ok(LinkTo::Page(from, None)),
        };
    }
    // A leading `/` is the root of the site: of `content/` and `static/`
    // alike (written out relative to the page, so it works in a sub-folder).
    let folder = match path.strip_prefix('/') {
        Some(_) => "",
        None => site.entries[from].folder(),
    };
    let target = join(folder, &path).ok_or_else(|| {
        problem(
            crate::words!(
                "the link \"{trimmed}\" points outside the content folder",
                "linket \"{trimmed}\" peger uden for indholdsmappen"
            ),
            Words::new(
                "link only to files inside `content/`",
                "link kun til filer i mappen `content/`",
            ),
        )
    })?;
    if let Some(page) = page_for_path(site, &target) {
        if let Some(a) = anchor {
            check_anchor(site, page, a)?;
        }
        return Ok(LinkTo::Page(page, anchor.map(str::to_string)));
    }
    if site.files.contains(&target) {
        return Ok(LinkTo::Static(target));
    }
    if looks_like_a_file(&target) {
        return Err(files::missing_file(site, from, trimmed, &target));
    }
    let mut missing = missing_target(site, trimmed, &target);
    missing.quiet = site.unreadable.contains(&target);
    Err(missing)
}

/// Whether a path names a file other than a page: its last part has an
/// ending (`kort.png`, `Plan 2025.pdf`) that is not `.md`.
fn looks_like_a_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ending = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[dot + 1..],
        _ => return false,
    };
    !ending.is_empty() && !ending.eq_ignore_ascii_case("md")
}

/// Where an internal or external link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTo {
    Page(usize, Option<String>),
    Static(String),
    External(String),
}

impl Site {
    /// The URL to write for a link from page `from`, relative to that page.
    pub fn href(&self, from: usize, to: &LinkTo) -> String {
        let root = root_prefix(&self.urls[from]);
        match to {
            LinkTo::Page(p, None) if *p == from => "#".into(),
            LinkTo::Page(p, Some(a)) if *p == from => format!("#{a}"),
            LinkTo::Page(p, anchor) => {
                let a = anchor.as_ref().map_or(String::new(), |a| format!("#{a}"));
                format!("{root}{}{a}", self.urls[*p])
            }
            LinkTo::Static(rel) => format!("{root}{rel}"),
            LinkTo::External(url) => url.clone(),
        }
    }

    /// The [`Target`] for the Markdown renderer: resolved once, when linking.
    pub fn markdown_target(&self, from: usize, dest: &str) -> Target {
        let known = self.entries[from]
            .outline
            .links
            .iter()
            .position(|l| l.dest == dest)
            .and_then(|k| self.targets.get(from)?.get(k));
        match known {
            Some(t) => t.clone(),
            None => self.target_of(from, dest, &resolve_link(self, from, dest)),
        }
    }

    /// Where link `k` of page `from`'s body outline points.
    pub fn body_target(&self, from: usize, k: usize) -> Target {
        match self.targets.get(from).and_then(|t| t.get(k)) {
            Some(t) => t.clone(),
            None => {
                let dest = self.entries[from]
                    .outline
                    .links
                    .get(k)
                    .map_or("", |l| &l.dest);
                self.markdown_target(from, dest)
            }
        }
    }

    /// Where each link of page `from`'s body points, in outline order.
    pub fn body_targets(&self, from: usize) -> &[Target] {
        self.targets.get(from).map_or(&[], Vec::as_slice)
    }

    fn target_of(&self, from: usize, dest: &str, resolved: &Result<LinkTo, LinkProblem>) -> Target {
        match resolved {
            Ok(to) => Target::Url(self.href(from, to)),
            Err(p) if p.unsafe_url => Target::Drop,
            Err(_) => Target::Url(dest.to_string()),
        }
    }
}

/// `"a/b/index.html"` → `"../../"`; `"index.html"` → `""`.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn has_scheme(lower: &str) -> bool {
    match lower.find(':') {
        Some(i) => {
            lower[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                && i > 1
        }
        None => false,
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

/// Resolve `rel` against `folder`; `None` if it climbs out of the content folder.
fn join(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// A link may name the `.md` file, a folder (its `_index.md`) or the folder's `_index.md`.
fn page_for_path(site: &Site, target: &str) -> Option<usize> {
    // Most links name the file; the other spellings are only made if not.
    if let Some(&page) = site.by_rel.get(target) {
        return Some(page);
    }
    let index = if target.is_empty() {
        "_index.md".into()
    } else {
        format!("{target}/_index.md")
    };
    [format!("{target}.md"), index]
        .iter()
        .find_map(|c| site.by_rel.get(c).copied())
}

/// Every anchor a link may name on page `e`: its headings', its bearings'
/// (on a vision) and the reserved ones, in that order.
fn anchors_of(e: &Entry) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let bearings = match &e.data {
        KindData::Vision(v) => v.bearings.as_slice(),
        _ => &[],
    };
    let headings = e
        .outline
        .headings
        .iter()
        .map(|h| Cow::from(h.anchor.as_str()));
    let bearings = bearings.iter().map(|b| Cow::from(bearing_anchor(&b.id)));
    let reserved = crate::content::markdown::RESERVED_ANCHORS
        .iter()
        .map(|a| Cow::from(*a));
    headings.chain(bearings).chain(reserved)
}

fn check_anchor(site: &Site, page: usize, anchor: &str) -> Result<(), LinkProblem> {
    let e = &site.entries[page];
    if anchors_of(e).any(|a| a == anchor) {
        return Ok(());
    }
    let page = e.display.display();
    let mut p = problem(
        crate::words!(
            "the page {page} has no heading with the anchor \"#{anchor}\"",
            "siden {page} har ingen overskrift med ankeret \"#{anchor}\""
        ),
        Words::new(
            "an anchor is the heading's text in lower case with dashes: `## Et værdigt liv` is `#et-vaerdigt-liv`",
            "et anker er overskriftens tekst med små bogstaver og bindestreger: `## Et værdigt liv` bliver til `#et-vaerdigt-liv`",
        ),
    );
    let anchors: Vec<_> = anchors_of(e).collect();
    if let Some(near) = schema::nearest(anchor, anchors.iter().map(|a| a.as_ref())) {
        p.help.insert(
            0,
            crate::words!("did you mean \"#{near}\"?", "mente du \"#{near}\"?"),
        );
    }
    Err(p)
}

fn missing_target(site: &Site, written: &str, target: &str) -> LinkProblem {
    let mut p = problem(
        crate::words!(
            "the link \"{written}\" points to content/{target}, which does not exist",
            "linket \"{written}\" peger på content/{target}, som ikke findes"
        ),
        Words::new(
            "link to the other page's `.md` file, relative to this file",
            "link til den anden sides `.md`-fil, set fra denne fil",
        ),
    );
    let name = target.rsplit('/').next().unwrap_or(target);
    let files = site.entries.iter().map(|e| e.rel.as_str());
    let by_name = site
        .entries
        .iter()
        .find(|e| e.rel.rsplit('/').next() == Some(name))
        .map(|e| e.rel.as_str());
    if let Some(near) = by_name.or_else(|| schema::nearest(target, files)) {
        p.help.insert(
            0,
            crate::words!("did you mean content/{near}?", "mente du content/{near}?"),
        );
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pretty_and_slugged() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/b/index.html"), "../../");
    }

    #[test]
    fn join_stays_inside_content() {
        assert_eq!(
            join("initiativer", "../maal/x.md").as_deref(),
            Some("maal/x.md")
        );
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(join("a/b", "./c.md").as_deref(), Some("a/b/c.md"));
    }

    #[test]
    fn percent_encoded_paths_are_decoded() {
        assert_eq!(percent_decode("om%20os.md"), "om os.md");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("../a.md"));
    }
}
