//! Filling the theme contract: one [`PageCtx`] per page, from the linked site.
//!
//! Owns what each kind of page shows of its relations (breadcrumbs, lists up and
//! down, follow-ups, budgets, the timeline) and the site's number format. Pure.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;

use crate::base::period;
use crate::config::Config;
use crate::content::markdown;
use crate::content::model::{Body, BudgetData, Entry, KindData};
use crate::render::context::*;
use crate::site::link::{Rel, Site, bearing_anchor, order_key};
use crate::site::money::Money;
use crate::site::timeline::Timeline;

mod budget;
mod catalogue;
mod indicators;
mod initiatives;
mod map;
mod progress;
mod timeline;

use crate::base::routes::{self, is_overview_id, is_timeline_id};

/// How many upcoming items the home page shows.
const UPCOMING: usize = 5;

/// Rendered bodies kept from one build to the next (a preview keeps one).
///
/// A body's HTML depends only on its text, the site's `allow_html` and where
/// each of its links points; when all three are unchanged it is reused.
#[derive(Debug, Default)]
pub struct BodyCache {
    bodies: Mutex<HashMap<String, CachedBody>>,
}

#[derive(Debug)]
struct CachedBody {
    /// The very body rendered (an unchanged page keeps its allocation).
    body: Body,
    allow_html: bool,
    targets: Vec<markdown::Target>,
    html: Html,
}

impl BodyCache {
    fn get_or_render(
        &self,
        site: &Site,
        i: usize,
        allow_html: bool,
        render: impl FnOnce(&Body) -> Html,
    ) -> Html {
        let e = &site.entries[i];
        let Some(body) = e.body.get() else {
            // Only a one-off build takes bodies, and it keeps no cache.
            debug_assert!(false, "the body of {} was taken", e.rel);
            return Html::default();
        };
        let targets = site.body_targets(i);
        let lock = |f: &mut dyn FnMut(&mut HashMap<String, CachedBody>)| {
            if let Ok(mut map) = self.bodies.lock() {
                f(&mut map);
            }
        };
        let mut hit = None;
        lock(&mut |map| {
            hit = map
                .get(&e.rel)
                .filter(|c| {
                    c.body == body && c.allow_html == allow_html && c.targets[..] == *targets
                })
                .map(|c| c.html.clone());
        });
        if let Some(html) = hit {
            return html;
        }
        let html = render(&body);
        let cached = CachedBody {
            body,
            allow_html,
            targets: targets.to_vec(),
            html: html.clone(),
        };
        lock(&mut |map| {
            map.insert(e.rel.clone(), cached.clone_shallow());
        });
        html
    }
}

impl CachedBody {
    fn clone_shallow(&self) -> CachedBody {
        CachedBody {
            body: self.body.clone(),
            allow_html: self.allow_html,
            targets: self.targets.clone(),
            html: self.html.clone(),
        }
    }
}

/// Everything needed to build page contexts.
pub struct Ctx<'a> {
    site: &'a Site,
    bodies: Option<&'a BodyCache>,
    config: &'a Config,
    strings: &'a BTreeMap<String, String>,
    today: NaiveDate,
    /// Every dated thing, sorted.
    timeline: Arc<Timeline>,
    /// Status counts of the initiatives below each page on the strategy map,
    /// worked out once (every page inside a strategy shows some of them).
    map_counts: Arc<MapCounts>,
    /// The link to each page, made the first time a page shows it.
    links: Vec<OnceLock<Link>>,
    /// Each initiative's `start` and `end` as periods, read the first time a
    /// Gantt view shows it (an initiative is in several).
    spans: Vec<OnceLock<Option<Span>>>,
    /// Each item of `timeline` as pages show it, likewise.
    timeline_entries: Vec<OnceLock<Shared<TimelineEntry>>>,
    /// Titles (in lower case) that more than one page has, with the kinds
    /// of those pages.
    duplicate_titles: HashMap<String, Vec<crate::content::schema::Kind>>,
    /// How budget lines add up: their years, the horizon, their basis.
    money: Money<'a>,
}

/// An initiative's start and, if written, its end.
type Span = (period::Period, Option<period::Period>);

/// See `Ctx::map_counts`.
pub type MapCounts = std::sync::OnceLock<HashMap<usize, Shared<Vec<StatusCount>>>>;

/// What a `Ctx` works out from the front matter of the whole site. A change
/// to the text of bodies only leaves it as it was, so a preview keeps it.
#[derive(Debug, Clone)]
pub struct Derived {
    pub timeline: Arc<Timeline>,
    pub map_counts: Arc<MapCounts>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        strings: &'a BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Self {
        let derived = Derived {
            timeline: Arc::new(Timeline::collect(site)),
            map_counts: Arc::default(),
        };
        Self::with_derived(site, config, strings, today, derived)
    }

    /// A context that reuses what an earlier one worked out from the same
    /// front matter.
    pub fn with_derived(
        site: &'a Site,
        config: &'a Config,
        strings: &'a BTreeMap<String, String>,
        today: NaiveDate,
        derived: Derived,
    ) -> Self {
        Ctx {
            site,
            bodies: None,
            config,
            strings,
            today,
            timeline_entries: derived
                .timeline
                .items
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
            timeline: derived.timeline,
            map_counts: derived.map_counts,
            links: site.entries.iter().map(|_| OnceLock::new()).collect(),
            spans: site.entries.iter().map(|_| OnceLock::new()).collect(),
            duplicate_titles: duplicate_titles(site),
            money: Money::new(site, config.budget_basis.as_deref(), today),
        }
    }

    /// What this context worked out from the front matter, to reuse.
    pub fn derived(&self) -> Derived {
        Derived {
            timeline: self.timeline.clone(),
            map_counts: self.map_counts.clone(),
        }
    }

    /// Free what this context made for its pages (the links, timeline entries
    /// and counts they share: tens of MB at 10 000 pages) on a thread of its
    /// own, so the build does not wait for it. The site it borrows stays.
    pub fn free_in_background(self) {
        let made = (
            self.timeline,
            self.map_counts,
            self.links,
            self.spans,
            self.timeline_entries,
        );
        // Should no thread be spared, all of it is freed here, as before.
        let _detached = std::thread::Builder::new()
            .name("pejl-free".into())
            .spawn(move || drop(made));
    }

    /// Everything dated in the portal.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Reuse rendered bodies from `cache`, and leave new ones in it.
    pub fn with_bodies(mut self, cache: &'a BodyCache) -> Self {
        self.bodies = Some(cache);
        self
    }

    fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    fn kind_label(&self, kind: &str) -> String {
        self.t(&format!("kind_{kind}"))
    }

    pub fn site_ctx(&self, assets: BTreeMap<String, String>) -> SiteCtx {
        let brand = self.brand(&assets);
        SiteCtx {
            title: self.config.title.clone(),
            language: self.config.language.clone(),
            organisation: self.config.organisation.clone(),
            description: self.config.description.clone(),
            accessibility_statement: self.config.accessibility_statement.clone(),
            nav: self.nav(),
            footer_links: self
                .config
                .footer_links
                .iter()
                .map(|l| ExternalLink {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            assets,
            home_url: "index.html".into(),
            feed_url: crate::render::feed::FEED.into(),
            data_url: routes::data_page(),
            search_url: routes::search(&self.config.language),
            initiatives_url: self
                .has_initiatives()
                .then(|| routes::overview(&self.config.language)),
            map_url: self.has_map().then(|| routes::map(&self.config.language)),
            budget_url: self
                .has_budget()
                .then(|| routes::budget(&self.config.language)),
            glossary_url: (!self.config.abbreviations.is_empty())
                .then(|| routes::glossary(&self.config.language)),
            brand,
        }
    }

    fn brand(&self, assets: &BTreeMap<String, String>) -> BrandCtx {
        let brand = &self.config.brand;
        let css = brand.colors.css();
        BrandCtx {
            logo_url: brand.logo.as_ref().and_then(|l| assets.get(l).cloned()),
            logo_alt: brand.logo_alt.clone(),
            css: (!css.is_empty()).then_some(css),
            contact: brand.contact.clone(),
        }
    }

    fn has_kind(&self, kinds: &[crate::content::schema::Kind]) -> bool {
        self.site.entries.iter().any(|e| kinds.contains(&e.kind))
    }

    /// The site has initiatives: the initiatives overview is built.
    pub fn has_initiatives(&self) -> bool {
        self.has_kind(&[crate::content::schema::Kind::Initiative])
    }

    /// The site has visions or strategies: the strategy map is built.
    pub fn has_map(&self) -> bool {
        self.has_kind(&[
            crate::content::schema::Kind::Vision,
            crate::content::schema::Kind::Strategy,
        ])
    }

    /// Some initiative has a budget line: the budget overview is built.
    pub fn has_budget(&self) -> bool {
        self.site
            .entries
            .iter()
            .any(|e| matches!(&e.data, KindData::Initiative(x) if !x.budget.is_empty()))
    }

    /// The search page, with every page A–Z for readers without JavaScript.
    pub fn search_page(&self) -> PageCtx {
        let url = routes::search(&self.config.language);
        let mut page = self.generated_page("search", &self.t("search_title"), url);
        let site = self.site;
        let mut all: Vec<(String, usize)> = (0..site.entries.len())
            .map(|i| (site.entries[i].common.title.to_lowercase(), i))
            .collect();
        all.sort();
        let mut letters: Vec<Letter> = Vec::new();
        for (key, i) in all {
            let first: String = key
                .chars()
                .find(|c| c.is_alphanumeric())
                .map_or_else(|| "#".into(), |c| c.to_uppercase().collect());
            let first = if first.chars().all(char::is_numeric) {
                "0–9".to_string()
            } else {
                first
            };
            match letters.last_mut() {
                Some(l) if l.letter == first => l.pages.push(self.link(i)),
                _ => letters.push(Letter {
                    letter: first,
                    pages: vec![self.link(i)],
                }),
            }
        }
        page.search = Some(SearchCtx { letters });
        page
    }

    /// The glossary of the site's abbreviations.
    pub fn glossary_page(&self) -> PageCtx {
        let url = routes::glossary(&self.config.language);
        let mut page = self.generated_page("glossary", &self.t("glossary_title"), url);
        let mut entries: Vec<GlossaryEntry> = self
            .config
            .abbreviations
            .iter()
            .map(|(k, v)| GlossaryEntry {
                abbreviation: k.trim().to_string(),
                meaning: v.trim().to_string(),
            })
            .filter(|g| !g.abbreviation.is_empty() && !g.meaning.is_empty())
            .collect();
        entries.sort_by_cached_key(|g| g.abbreviation.to_lowercase());
        page.glossary = Some(entries);
        page
    }

    /// The page about the open data.
    pub fn data_page(&self) -> PageCtx {
        let mut page = self.generated_page("data", &self.t("data_title"), routes::data_page());
        let en = self.config.language == "en";
        // The descriptions name the kinds as the site calls them.
        let pick = |(da, en_text): (&str, &str)| {
            let text = if en { en_text } else { da };
            crate::site::vocabulary::fill(text, self.strings, &self.config.language)
        };
        let files = crate::render::data::written(self.site)
            .into_iter()
            .map(|f| DataFile {
                name: f.name.to_string(),
                url: routes::data_file(f.name),
                about: pick(f.about),
                columns: f
                    .columns
                    .iter()
                    .map(|(name, da, en_text)| DataColumn {
                        name: name.to_string(),
                        meaning: pick((da, en_text)),
                    })
                    .collect(),
            })
            .collect();
        page.data = Some(DataCtx {
            files,
            feed_url: crate::render::feed::FEED.into(),
            calendar_url: crate::base::routes::calendar_name(&self.config.language).to_string(),
        });
        page
    }

    /// The configured navigation, or: visions, top-level sections, the timeline.
    fn nav(&self) -> Vec<Link> {
        let site = self.site;
        let mut out: Vec<Link> = match &self.config.nav {
            Some(ids) => ids
                .iter()
                .filter_map(|id| match site.id_target(id) {
                    Some(i) => Some(self.link(i)),
                    None if is_timeline_id(id) => Some(self.timeline_link()),
                    None if is_overview_id(id) && self.has_initiatives() => {
                        Some(self.overview_link())
                    }
                    None => None,
                })
                .collect(),
            None => {
                let home = site.home();
                let mut top: Vec<usize> = (0..site.entries.len())
                    .filter(|&i| {
                        let e = &site.entries[i];
                        e.kind == crate::content::schema::Kind::Vision
                            || (e.is_section() && Some(i) != home && site.parent[i] == home)
                    })
                    .collect();
                top.sort_by_cached_key(|&i| {
                    (
                        site.entries[i].kind != crate::content::schema::Kind::Vision,
                        order_key(&site.entries[i]),
                    )
                });
                top.into_iter().map(|i| self.link(i)).collect()
            }
        };
        if self.config.nav.is_none() {
            out.push(self.timeline_link());
        }
        out
    }

    pub fn timeline_url(&self) -> String {
        routes::timeline(&self.config.language)
    }

    fn overview_link(&self) -> Link {
        Link::new(LinkFields {
            title: self.t("initiatives_overview"),
            url: routes::overview(&self.config.language),
            kind: "initiatives".into(),
            kind_label: self.t("initiatives_overview"),
            summary: None,
            status: None,
            date: None,
            context: None,
            next_follow_up: None,
        })
    }

    fn timeline_link(&self) -> Link {
        Link::new(LinkFields {
            title: self.t("timeline_title"),
            url: self.timeline_url(),
            kind: "timeline".into(),
            kind_label: self.kind_label("timeline"),
            summary: None,
            status: None,
            date: None,
            context: None,
            next_follow_up: None,
        })
    }

    /// A link to page `i`, with what list items show: made the first time
    /// a page shows it, then shared.
    pub fn link(&self, i: usize) -> Link {
        self.links[i]
            .get_or_init(|| Link::new(self.link_fields(i)))
            .clone()
    }

    fn link_fields(&self, i: usize) -> LinkFields {
        let e = &self.site.entries[i];
        let kind = kind_name(e);
        LinkFields {
            title: e.common.title.clone(),
            url: self.site.urls[i].clone(),
            kind_label: self.kind_label(&kind),
            kind,
            summary: e.common.summary.clone(),
            status: self.status_of(e),
            date: e.date().map(str::to_string),
            context: self.title_context(i),
            next_follow_up: self.next_follow_up(e),
        }
    }

    /// An initiative's next follow-up that has not ended before today.
    fn next_follow_up(&self, e: &Entry) -> Option<String> {
        let KindData::Initiative(x) = &e.data else {
            return None;
        };
        x.follow_ups
            .iter()
            .filter_map(|f| self.site.dates.get(&f.date))
            .filter(|p| p.end >= self.today)
            .min_by_key(|p| p.start)
            .map(|p| p.text.clone())
    }

    /// What tells page `i` apart from another of the same title: what it
    /// is (a theme and a main initiative both called "Sundhedsfremme"), or,
    /// among pages of one kind, the strategy above it or else the page it
    /// sits under. `None` for a title no other page has.
    fn title_context(&self, i: usize) -> Option<String> {
        let site = self.site;
        let e = &site.entries[i];
        let kinds = self.duplicate_titles.get(&e.common.title.to_lowercase())?;
        if kinds.iter().filter(|k| **k == e.kind).count() == 1 {
            return Some(self.kind_label(&kind_name(e)));
        }
        let is_strategy =
            |a: &usize| site.entries[*a].kind == crate::content::schema::Kind::Strategy;
        let at = site
            .ancestors(i)
            .into_iter()
            .rev()
            .find(is_strategy)
            .or_else(|| site.referenced(i, "strategy"))
            .or(site.parent[i])?;
        Some(site.entries[at].common.title.clone())
    }

    /// A breadcrumb: the home page is always called by its UI name ("Forside").
    fn crumb(&self, i: usize) -> Link {
        if Some(i) == self.site.home() {
            return Link::new(LinkFields {
                title: self.t("nav_home"),
                ..self.link_fields(i)
            });
        }
        self.link(i)
    }

    fn links(&self, pages: &[usize]) -> Vec<Link> {
        pages.iter().map(|&i| self.link(i)).collect()
    }

    fn link_to_id(&self, id: Option<&String>) -> Option<Link> {
        self.site.id_target(id?).map(|i| self.link(i))
    }

    fn status_of(&self, e: &Entry) -> Option<Status> {
        let KindData::Initiative(x) = &e.data else {
            return None;
        };
        Some(self.status(x.status.as_ref()?))
    }

    fn status(&self, id: &str) -> Status {
        Status {
            id: id.to_string(),
            label: self.t(&format!("status_{id}")),
            means: crate::site::vocabulary::means(self.config, id).to_string(),
        }
    }

    /// The rendered body of page `i`, from the cache when its text and the
    /// targets of its links are unchanged.
    fn body(&self, i: usize) -> Html {
        let site = self.site;
        let e = &site.entries[i];
        let allow_html = self.config.allow_html;
        let render = |body: &Body| match body {
            Body::Prepared(prepared) => prepared.fill(&|k| site.body_target(i, k)),
            Body::Source(text) => {
                markdown::render(text, allow_html, &|dest| site.markdown_target(i, dest))
            }
        };
        match self.bodies {
            Some(cache) => cache.get_or_render(site, i, allow_html, |b| Html::keyed(render(b))),
            None => {
                // A one-off build renders each page once: the body goes
                // with it, and its memory is used for the pages after it.
                let body = e.body.take();
                debug_assert!(body.is_some(), "{} rendered twice", e.rel);
                body.map_or_else(Html::default, |b| Html::new(render(&b)))
            }
        }
    }

    /// The context of page `i`.
    pub fn page(&self, i: usize) -> PageCtx {
        let site = self.site;
        let e = &site.entries[i];
        let body = self.body(i);
        let mut page = self.blank(e, kind_name(e), site.urls[i].clone(), body);
        page.toc = e
            .outline
            .headings
            .iter()
            .map(|h| TocEntry {
                level: h.level,
                title: h.text.clone(),
                anchor: h.anchor.clone(),
            })
            .collect();
        page.breadcrumbs = site
            .ancestors(i)
            .into_iter()
            .map(|a| self.crumb(a))
            .collect();
        page.source = self.link_to_id(e.common.source.as_ref());
        page.updated = self.updated(i);
        page.title_context = self.link(i).context.clone();
        if matches!(
            e.kind,
            crate::content::schema::Kind::Strategy
                | crate::content::schema::Kind::FocusArea
                | crate::content::schema::Kind::Goal
                | crate::content::schema::Kind::Indicator
                | crate::content::schema::Kind::Initiative
        ) {
            page.map = self.map_of(i);
        }
        match &e.data {
            KindData::Section(_) => {
                page.section = Some(self.section(i));
                if e.rel == "_index.md" {
                    page.home = Some(self.home(i));
                    page.progress = self.progress(None, &self.all_initiatives());
                }
            }
            KindData::Vision(v) => page.vision = Some(self.vision(i, v)),
            KindData::Strategy(s) => {
                page.area = s.area.clone();
                page.strategy = Some(self.strategy(i, s));
                page.progress = self.progress(Some(i), &self.strategy_initiatives(i));
                page.timeline = self.timeline_of(i, true);
            }
            KindData::FocusArea(f) => {
                page.focus_area = Some(self.focus_area(i, f));
                let goals = self.site.related(i, Rel::Goals);
                page.progress = self.progress(Some(i), &self.initiatives_of_goals(goals));
                page.timeline = self.timeline_of(i, true);
            }
            KindData::Goal(_) => page.goal = Some(self.goal(i)),
            KindData::Indicator(x) => page.indicator = Some(self.indicator(i, x)),
            KindData::Initiative(x) => {
                page.area = x.area.clone();
                page.initiative = Some(self.initiative(x));
                page.timeline = self.timeline_of(i, false);
            }
            KindData::Milestone(m) => page.milestone = Some(self.milestone(m)),
            KindData::Document(d) => page.document = Some(self.document(i, d)),
            KindData::Catalogue(c) => page.catalogue = Some(self.catalogue(i, c)),
            KindData::Theme(_) => page.theme = self.theme(i),
            KindData::Idea(x) => page.idea = self.idea(i, x),
            KindData::MainInitiative(_) => page.main_initiative = self.main_initiative(i),
            KindData::Page(_) => {}
        }
        page
    }

    fn blank(&self, e: &Entry, kind: String, url: String, content: Html) -> PageCtx {
        let canonical = self
            .config
            .base_url()
            .map(|b| format!("{b}{}", url.trim_end_matches("index.html")));
        PageCtx {
            kind_label: self.kind_label(&kind),
            kind,
            id: e.id.clone(),
            title: e.common.title.clone(),
            summary: e.common.summary.clone(),
            url,
            canonical,
            content,
            toc: Vec::new(),
            breadcrumbs: Vec::new(),
            source: None,
            home: None,
            section: None,
            vision: None,
            strategy: None,
            focus_area: None,
            goal: None,
            indicator: None,
            initiative: None,
            milestone: None,
            document: None,
            timeline: None,
            data: None,
            search: None,
            initiatives: None,
            map: None,
            budget: None,
            catalogue: None,
            theme: None,
            idea: None,
            main_initiative: None,
            matrix: None,
            area: None,
            title_context: None,
            glossary: None,
            updated: None,
            progress: None,
        }
    }

    fn section(&self, i: usize) -> SectionCtx {
        let site = self.site;
        let mut pages = site.related(i, Rel::Pages).to_vec();
        let sort_by = match &site.entries[i].data {
            KindData::Section(s) => s.sort_by.as_deref(),
            _ => None,
        };
        match sort_by {
            Some("date") => pages.sort_by_cached_key(|&p| {
                (
                    date_key(site, &site.entries[p]),
                    order_key(&site.entries[p]),
                )
            }),
            Some("title") => {
                pages.sort_by_cached_key(|&p| site.entries[p].common.title.to_lowercase())
            }
            _ => {}
        }
        let lines: Vec<(usize, &BudgetData)> = pages
            .iter()
            .filter_map(|&p| match &site.entries[p].data {
                KindData::Initiative(x) => Some(x.budget.iter().map(move |b| (p, b))),
                _ => None,
            })
            .flatten()
            .collect();
        let totals = self.money.totals(lines.iter().map(|l| l.1));
        let by_basis = totals.len() > 1;
        SectionCtx {
            pages: self.links(&pages),
            subsections: self.links(site.related(i, Rel::Subsections)),
            budget: lines
                .iter()
                .map(|&(p, b)| BudgetRow {
                    initiative: self.link(p),
                    line: self.budget_line(b, by_basis),
                })
                .collect(),
            budget_notes: self.budget_notes(&totals),
            budget_totals: self.budget_totals(&totals),
        }
    }

    /// Of `pages`, those the menu does not link to.
    fn not_in_nav(&self, pages: &[usize]) -> Vec<usize> {
        let nav: std::collections::HashSet<String> =
            self.nav().into_iter().map(|l| l.url.clone()).collect();
        pages
            .iter()
            .copied()
            .filter(|&p| !nav.contains(&self.site.urls[p]))
            .collect()
    }

    fn home(&self, home: usize) -> HomeCtx {
        let site = self.site;
        let of_kind = |k| {
            let mut v: Vec<usize> = (0..site.entries.len())
                .filter(|&i| site.entries[i].kind == k)
                .collect();
            v.sort_by_cached_key(|&i| order_key(&site.entries[i]));
            v
        };
        HomeCtx {
            visions: self.links(&of_kind(crate::content::schema::Kind::Vision)),
            strategies: self.links(&of_kind(crate::content::schema::Kind::Strategy)),
            catalogues: self.links(&of_kind(crate::content::schema::Kind::Catalogue)),
            upcoming: self.upcoming(None, UPCOMING),
            timeline_url: self.timeline_url(),
            other_sections: self.links(&self.not_in_nav(site.related(home, Rel::Subsections))),
            catalogue_overviews: of_kind(crate::content::schema::Kind::Catalogue)
                .into_iter()
                .map(|c| self.home_catalogue(c))
                .collect(),
            timeline_has_events: self.timeline.items.iter().any(|d| d.what.is_event()),
        }
    }

    fn vision(&self, i: usize, v: &crate::content::model::VisionData) -> VisionCtx {
        let site = self.site;
        let strategies = site.related(i, Rel::Strategies);
        let bearings = v
            .bearings
            .iter()
            .map(|b| {
                let serving: Vec<usize> = strategies
                    .iter()
                    .copied()
                    .filter(|&s| match &site.entries[s].data {
                        KindData::Strategy(sd) => sd.bearings.contains(&b.id),
                        _ => false,
                    })
                    .collect();
                BearingCtx {
                    id: b.id.clone(),
                    anchor: bearing_anchor(&b.id),
                    title: b.title.clone(),
                    text: b.text.clone(),
                    strategies: self.links(&serving),
                }
            })
            .collect();
        VisionCtx {
            bearings,
            strategies: self.links(strategies),
        }
    }

    /// Initiatives under a set of goals, primary and secondary, each once.
    fn initiatives_of_goals(&self, goals: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = goals
            .iter()
            .flat_map(|&g| {
                let site = self.site;
                site.related(g, Rel::PrimaryInitiatives)
                    .iter()
                    .chain(site.related(g, Rel::SecondaryInitiatives))
            })
            .copied()
            .collect();
        out.sort_by_cached_key(|&i| order_key(&self.site.entries[i]));
        out.dedup();
        out
    }

    /// Every initiative that serves strategy `i`, through any goal or directly.
    fn strategy_initiatives(&self, i: usize) -> Vec<usize> {
        let site = self.site;
        let all_goals: Vec<usize> = site
            .related(i, Rel::Goals)
            .iter()
            .chain(
                site.related(i, Rel::FocusAreas)
                    .iter()
                    .flat_map(|&f| site.related(f, Rel::Goals)),
            )
            .copied()
            .collect();
        let mut initiatives = self.initiatives_of_goals(&all_goals);
        initiatives.extend_from_slice(site.related(i, Rel::DirectInitiatives));
        initiatives.sort_by_cached_key(|&x| order_key(&site.entries[x]));
        initiatives.dedup();
        initiatives
    }

    /// When page `i` was last changed: its `updated:`, or its file's last commit.
    fn updated(&self, i: usize) -> Option<DateCtx> {
        let site = self.site;
        let e = &site.entries[i];
        if let Some(p) = e.common.updated.as_deref().and_then(|u| site.dates.get(u)) {
            return Some(DateCtx {
                text: p.text.clone(),
                datetime: iso_of(p),
            });
        }
        let day = *site.changed.get(&e.rel)?;
        Some(DateCtx {
            text: period::format_day(day, self.lang()),
            datetime: day.format("%Y-%m-%d").to_string(),
        })
    }

    fn strategy(&self, i: usize, s: &crate::content::model::StrategyData) -> StrategyCtx {
        let site = self.site;
        let focus_areas = site.related(i, Rel::FocusAreas);
        let direct_goals = site.related(i, Rel::Goals);
        let initiatives = self.strategy_initiatives(i);
        let bearings = s
            .bearings
            .iter()
            .filter_map(|b| {
                let r = site.bearings.get(b)?;
                let KindData::Vision(v) = &site.entries[r.vision].data else {
                    return None;
                };
                let bearing = v.bearings.get(r.index)?;
                Some(Link::new(LinkFields {
                    title: bearing.title.clone(),
                    url: format!("{}#{}", site.urls[r.vision], r.anchor),
                    kind: "bearing".into(),
                    kind_label: self.t("kind_bearing"),
                    summary: bearing.text.clone(),
                    status: None,
                    date: None,
                    context: None,
                    next_follow_up: None,
                }))
            })
            .collect();
        let follow_ups = self.upcoming(Some(i), usize::MAX);
        StrategyCtx {
            subtitle: s.subtitle.clone(),
            area: s.area.clone(),
            period: s.period.clone(),
            vision: self.link_to_id(s.vision.as_ref()),
            bearings,
            focus_areas: self.links(focus_areas),
            goals: self.links(direct_goals),
            initiatives: self.links(&initiatives),
            milestones: self.links(&self.by_date(site.related(i, Rel::Milestones))),
            follow_ups,
        }
    }

    fn focus_area(&self, i: usize, f: &crate::content::model::FocusAreaData) -> FocusAreaCtx {
        let site = self.site;
        let goals = site.related(i, Rel::Goals);
        let strategy = site
            .referenced(i, "strategy")
            .map_or_else(|| self.link(i), |s| self.link(s));
        FocusAreaCtx {
            strategy,
            citizens_wishes: f.citizens_wishes.clone(),
            success_intro: f.success_intro.clone(),
            goals: self.links(goals),
            initiatives: self.links(&self.initiatives_of_goals(goals)),
        }
    }

    fn goal(&self, i: usize) -> GoalCtx {
        let site = self.site;
        let parent = site.parent[i].map_or_else(|| self.link(i), |p| self.link(p));
        let strategy = site
            .ancestors(i)
            .into_iter()
            .rev()
            .find(|&a| site.entries[a].kind == crate::content::schema::Kind::Strategy)
            .map(|s| self.link(s));
        GoalCtx {
            parent,
            strategy,
            primary_initiatives: self.links(site.related(i, Rel::PrimaryInitiatives)),
            secondary_initiatives: self.links(site.related(i, Rel::SecondaryInitiatives)),
            indicators: self.indicators_of(i),
        }
    }

    fn initiative(&self, x: &crate::content::model::InitiativeData) -> InitiativeCtx {
        let totals = self.money.totals(&x.budget);
        // A total is worth showing when it is not the one amount written.
        let one_amount = x.budget.len() == 1 && totals.iter().all(|t| !t.spread);
        InitiativeCtx {
            status: x.status.as_deref().map(|id| self.status(id)),
            status_note: x.status_note.clone(),
            goal: self.link_to_id(x.goal.as_ref()),
            secondary_goals: x
                .secondary_goals
                .iter()
                .filter_map(|g| self.link_to_id(Some(g)))
                .collect(),
            strategy: self.link_to_id(x.strategy.as_ref()),
            area: x.area.clone(),
            owner: x.owner.clone(),
            committee: x.committee.clone(),
            start: x.start.clone(),
            end: x.end.clone(),
            follow_ups: x
                .follow_ups
                .iter()
                .map(|f| FollowUp {
                    date: f.date.clone(),
                    datetime: iso_start(self.site, &f.date),
                    forum: f.forum.clone(),
                    text: f.text.clone(),
                    outcome: f.outcome.clone(),
                })
                .collect(),
            budget: x
                .budget
                .iter()
                .map(|b| self.budget_line(b, totals.len() > 1))
                .collect(),
            budget_notes: self.budget_notes(&totals),
            budget_totals: if one_amount {
                Vec::new()
            } else {
                self.budget_totals(&totals)
            },
            budget_agreements: x.budget_agreements.clone(),
            legal_references: x.legal_references.clone(),
            partners: x.partners.clone(),
        }
    }

    fn milestone(&self, m: &crate::content::model::MilestoneData) -> MilestoneCtx {
        MilestoneCtx {
            date: m.date.clone(),
            datetime: iso_start(self.site, &m.date),
            forum: m.forum.clone(),
            strategies: m
                .strategies
                .iter()
                .filter_map(|s| self.link_to_id(Some(s)))
                .collect(),
        }
    }

    fn document(&self, i: usize, d: &crate::content::model::DocumentData) -> DocumentCtx {
        DocumentCtx {
            doc_type: d.doc_type.as_deref().map(|t| self.doc_type(t)),
            date: d.date.clone(),
            author: d.author.clone(),
            organisation: d.organisation.clone(),
            file: d.file.as_ref().and_then(|_| self.download(i, "file")),
            pages: self.links(self.site.related(i, Rel::Sourced)),
        }
    }

    /// The file page `i`'s field `field` offers for download: its address,
    /// name, type and size in the site's words.
    fn download(&self, i: usize, field: &str) -> Option<DownloadCtx> {
        let d = crate::site::link::download(self.site, i, field)?;
        let kind = match d.ending.as_str() {
            "" => String::new(),
            e => crate::site::link::type_words(e, self.strings),
        };
        Some(DownloadCtx {
            external: d.size.is_none(),
            size: d
                .size
                .map(|b| crate::site::link::size_words(b, self.lang())),
            href: d.href,
            name: d.name,
            kind,
        })
    }

    /// A document type in the site's words: the theme's `doc_type_<id>`
    /// string (`notat` → "Notat"), else as written with a capital letter.
    pub(super) fn doc_type(&self, written: &str) -> String {
        let written = written.trim();
        let key = format!(
            "doc_type_{}",
            crate::base::slug::slugify(written).replace('-', "_")
        );
        if let Some(label) = self.strings.get(&key) {
            return label.clone();
        }
        let mut chars = written.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    fn kroner(&self, amount: impl Into<i128>) -> String {
        format_money(amount, &self.config.language)
    }

    fn by_date(&self, pages: &[usize]) -> Vec<usize> {
        let mut v = pages.to_vec();
        v.sort_by_cached_key(|&p| {
            (
                date_key(self.site, &self.site.entries[p]),
                order_key(&self.site.entries[p]),
            )
        });
        v
    }

    pub fn not_found_page(&self) -> PageCtx {
        let mut page = self.generated_page(
            "not_found",
            &self.t("kind_not_found"),
            routes::NOT_FOUND.into(),
        );
        page.breadcrumbs.clear();
        // Shown at every missing address: it is the canonical form of none.
        page.canonical = None;
        page
    }

    fn generated_page(&self, kind: &str, title: &str, url: String) -> PageCtx {
        let entry = Entry {
            rel: String::new(),
            display: Default::default(),
            kind: crate::content::schema::Kind::Page,
            id: kind.to_string(),
            id_pos: Default::default(),
            common: crate::content::model::Common {
                title: title.to_string(),
                ..Default::default()
            },
            data: KindData::Page(Default::default()),
            body: crate::content::model::BodyCell::new(Body::Source("".into())),
            body_is_blank: true,
            body_line: 1,
            refs: Vec::new(),
            files: Vec::new(),
            outline: Default::default(),
            dates: Vec::new(),
        };
        let mut page = self.blank(&entry, kind.to_string(), url, Html::default());
        page.breadcrumbs = self
            .site
            .home()
            .map(|h| vec![self.crumb(h)])
            .unwrap_or_default();
        page
    }
}

/// Titles (in lower case) that more than one page of `site` has, with the
/// kinds of those pages.
fn duplicate_titles(site: &Site) -> HashMap<String, Vec<crate::content::schema::Kind>> {
    let mut all: HashMap<String, Vec<crate::content::schema::Kind>> = HashMap::new();
    for e in site.entries.iter() {
        all.entry(e.common.title.to_lowercase())
            .or_default()
            .push(e.kind);
    }
    all.retain(|_, kinds| kinds.len() > 1);
    all
}

fn kind_name(e: &Entry) -> String {
    if e.rel == "_index.md" {
        "home".into()
    } else {
        e.kind.name().into()
    }
}

/// Sort key of a page's own date; undated pages last.
fn date_key(site: &Site, e: &Entry) -> (NaiveDate, NaiveDate) {
    e.date()
        .and_then(|d| site.dates.get(d))
        .map_or((NaiveDate::MAX, NaiveDate::MAX), |p| p.sort_key())
}

pub(crate) fn iso_start(site: &Site, date: &str) -> Option<String> {
    site.dates.get(date).map(iso_of)
}

/// The start of a period for `<time datetime>`, as precise as it was written:
/// a day, a month, an ISO week (`2025-W12`, its year that of the week), or
/// else the year (HTML has no quarters, halves or seasons).
pub(crate) fn iso_of(p: &period::Period) -> String {
    match p.precision {
        period::Precision::Day => p.start.format("%Y-%m-%d").to_string(),
        period::Precision::Week => p.start.format("%G-W%V").to_string(),
        period::Precision::Month => p.start.format("%Y-%m").to_string(),
        period::Precision::Quarter
        | period::Precision::Season
        | period::Precision::Half
        | period::Precision::Year
        | period::Precision::Span => p.start.format("%Y").to_string(),
    }
}

/// `kr. 500.000` in Danish, `DKK 500,000` in English. Amounts are `i64`,
/// totals of them `i128`.
pub fn format_money(amount: impl Into<i128>, language: &str) -> String {
    let amount: i128 = amount.into();
    let (prefix, sep) = if language == "en" {
        ("DKK ", ',')
    } else {
        ("kr. ", '.')
    };
    let grouped = group_thousands(&amount.unsigned_abs().to_string(), sep);
    let sign = if amount < 0 { "-" } else { "" };
    format!("{prefix}{sign}{grouped}")
}

/// `64,5` and `1.234,5` in Danish, `64.5` and `1,234.5` in English: the
/// thousands grouped as for kroner ([`format_money`]), the decimals as
/// written (the shortest that reads back as the same number).
pub fn format_number(x: f64, language: &str) -> String {
    let (sep, decimal) = if language == "en" {
        (',', '.')
    } else {
        ('.', ',')
    };
    let text = x.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    out.push_str(&group_thousands(whole, sep));
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// Digits with `sep` between each group of three from the right.
fn group_thousands(digits: &str, sep: char) -> String {
    let mut grouped = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_the_danish_way() {
        assert_eq!(format_money(500_000, "da"), "kr. 500.000");
        assert_eq!(format_money(2_785_000, "da"), "kr. 2.785.000");
        assert_eq!(format_money(999, "da"), "kr. 999");
        assert_eq!(format_money(-1_000, "en"), "DKK -1,000");
        let beyond_i64 = i128::from(i64::MAX) * 3;
        assert_eq!(
            format_money(beyond_i64, "da"),
            "kr. 27.670.116.110.564.327.421"
        );
        assert_eq!(
            format_money(i64::MIN, "en"),
            "DKK -9,223,372,036,854,775,808"
        );
    }

    #[test]
    fn numbers_have_a_decimal_comma_and_thousands_dots_in_danish() {
        assert_eq!(format_number(64.5, "da"), "64,5");
        assert_eq!(format_number(64.5, "en"), "64.5");
        assert_eq!(format_number(1234.5, "da"), "1.234,5");
        assert_eq!(format_number(1_234_567.0, "en"), "1,234,567");
        assert_eq!(format_number(75.0, "da"), "75");
        assert_eq!(format_number(-3.25, "da"), "-3,25");
        assert_eq!(format_number(0.1, "da"), "0,1");
        assert_eq!(format_number(1e15, "da"), "1.000.000.000.000.000");
    }

    #[test]
    fn time_elements_are_as_precise_as_the_date() {
        let iso = |text: &str| iso_of(&period::parse(text).unwrap());
        assert_eq!(iso("15/3-2025"), "2025-03-15");
        assert_eq!(iso("marts 2025"), "2025-03");
        assert_eq!(iso("uge 12 2025"), "2025-W12");
        assert_eq!(
            iso("uge 1 2025"),
            "2025-W01",
            "the week's year, not its Monday's"
        );
        assert_eq!(iso("efterår 2025"), "2025");
        assert_eq!(iso("1. kvartal 2025"), "2025");
    }
}
