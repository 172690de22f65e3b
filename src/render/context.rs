//! The theme contract: every value a template can read, as typed structs.
//!
//! Owns the shape of the data handed to Tera. It must not compute anything:
//! `render` fills these structs from the linked site; themes only read them.
//!
//! Every template gets four variables:
//! - `site` ([`SiteCtx`]) and `t` (the UI string table of the site's language),
//! - `root`: the relative path from the current page to the site root (`""`,
//!   `"../"`, `"../../"` …). Every `url` below is relative to the root, so a link is
//!   always written `href="{{ root }}{{ x.url }}"`. That is what makes the output work
//!   under any sub-path and straight from the file system.
//! - `page` ([`PageCtx`]): the page being rendered. Exactly one of its kind blocks
//!   (`page.initiative`, `page.goal`, …) is set, matching `page.kind`.
//!
//! Optional values are always present and `none` when unset, so templates can test
//! them with `{% if page.initiative.owner %}`.

use std::collections::BTreeMap;

use serde::Serialize;

mod catalogue;
mod shared;
pub use catalogue::*;
pub use shared::Shared;

/// HTML rendered from Markdown, shared rather than copied. A preview hashes
/// it by a key fixed when it was rendered rather than by its (long) text; a
/// one-off build, which fingerprints nothing, does not pay for the key.
#[derive(Debug, Clone, Default)]
pub struct Html {
    text: std::sync::Arc<str>,
    key: Option<[u8; 32]>,
}

impl Html {
    /// HTML hashed by its text, if it is ever hashed.
    pub fn new(text: String) -> Self {
        Html {
            text: text.into(),
            key: None,
        }
    }

    /// HTML hashed by a key made now (for HTML that is hashed often).
    pub fn keyed(text: String) -> Self {
        let key = Some(*blake3::hash(text.as_bytes()).as_bytes());
        Html {
            text: text.into(),
            key,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl std::hash::Hash for Html {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match &self.key {
            Some(key) => key.hash(state),
            None => self.text.hash(state),
        }
    }
}

/// Site-wide values, the same on every page.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SiteCtx {
    pub title: String,
    /// BCP 47 language code for `<html lang>`: `da` or `en`.
    pub language: String,
    pub organisation: Option<String>,
    pub description: Option<String>,
    /// Absolute URL of the accessibility statement (Tilgængelighedserklæring).
    pub accessibility_statement: Option<String>,
    /// Main navigation, in order.
    pub nav: Vec<Link>,
    /// Extra footer links from the site config (absolute URLs, not root-relative).
    pub footer_links: Vec<ExternalLink>,
    /// Asset name → root-relative URL with a content hash,
    /// e.g. `"style.css"` → `"assets/style.1a2b3c4d.css"`.
    pub assets: BTreeMap<String, String>,
    /// Root-relative URL of the home page (`index.html`).
    pub home_url: String,
    /// Root-relative URLs of the Atom feed and of the page about the open data.
    pub feed_url: String,
    pub data_url: String,
    /// Root-relative URL of the search page (an A–Z index without JavaScript).
    pub search_url: String,
    /// Root-relative URLs of the generated overviews: all initiatives, the
    /// strategy map, the budget. Each is `none` when the site has nothing for
    /// it (no initiatives, no strategies or visions, no budget lines).
    pub initiatives_url: Option<String>,
    pub map_url: Option<String>,
    pub budget_url: Option<String>,
    /// Root-relative URL of the glossary, when the site has `abbreviations`.
    pub glossary_url: Option<String>,
    /// The site's logo, colours and contact details from `brand:` in pejl.yaml.
    pub brand: BrandCtx,
}

#[derive(Debug, Clone, Serialize, Hash, Default)]
pub struct BrandCtx {
    /// Root-relative URL of the logo (a hashed asset), and its text alternative.
    pub logo_url: Option<String>,
    pub logo_alt: Option<String>,
    /// CSS custom properties for `:root`, e.g. `--color-primary:#005a3c;`
    /// (only the colours the site sets; hex values, safe to write in `<style>`).
    pub css: Option<String>,
    pub contact: Option<crate::config::brand::Contact>,
}

/// A link to an external address.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ExternalLink {
    pub title: String,
    pub url: String,
}

/// A link to another page of the site, with what a list item needs to show
/// (the fields of [`LinkFields`]). Made once per page linked to and shared by
/// every page that shows it.
#[derive(Debug, Clone, Serialize, Hash)]
#[serde(transparent)]
pub struct Link(Shared<LinkFields>);

impl Link {
    pub fn new(fields: LinkFields) -> Self {
        Link(Shared::new(fields))
    }
}

impl std::ops::Deref for Link {
    type Target = LinkFields;

    fn deref(&self) -> &LinkFields {
        &self.0
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct LinkFields {
    pub title: String,
    /// Root-relative, e.g. `initiativer/din-indgang/index.html`, or with an anchor.
    pub url: String,
    pub kind: String,
    pub kind_label: String,
    pub summary: Option<String>,
    pub status: Option<Status>,
    /// The page's own date as written (milestones, documents), if it has one.
    pub date: Option<String>,
    /// For a page whose title another page has too: the strategy it serves
    /// or the section it is in, to tell them apart (`Velfærdsteknologi
    /// (Værdighedsmilliarden)`).
    pub context: Option<String>,
    /// For an initiative: its next follow-up from today, as written.
    pub next_follow_up: Option<String>,
}

/// An initiative status: its stable id (for CSS classes) and its label in the site's language.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Status {
    pub id: String,
    pub label: String,
    /// The built-in status it behaves like, for its badge: `planned`,
    /// `running`, `continued`, `not_continued`, `completed` or `paused`. The
    /// same as `id` unless the site has its own `statuses`.
    pub means: String,
}

/// One heading of a page body, for a table of contents.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub title: String,
    pub anchor: String,
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageCtx {
    /// `home`, `section`, `page`, `vision`, `strategy`, `focus_area`, `goal`,
    /// `indicator`, `initiative`, `milestone`, `document`, `catalogue`, `theme`, `idea`,
    /// `main_initiative`, `matrix`, `timeline` or `not_found`.
    pub kind: String,
    pub kind_label: String,
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    /// Root-relative URL of this page (`…/index.html`).
    pub url: String,
    /// Absolute canonical URL when the site has a `base_url`.
    pub canonical: Option<String>,
    /// The rendered Markdown body (already safe HTML: use `| safe`).
    pub content: Html,
    pub toc: Vec<TocEntry>,
    /// From the home page down to the parent; the page itself is not included.
    pub breadcrumbs: Vec<Link>,
    /// The source document the page's text comes from.
    pub source: Option<Link>,
    pub home: Option<HomeCtx>,
    pub section: Option<SectionCtx>,
    pub vision: Option<VisionCtx>,
    pub strategy: Option<StrategyCtx>,
    pub focus_area: Option<FocusAreaCtx>,
    pub goal: Option<GoalCtx>,
    pub indicator: Option<IndicatorCtx>,
    pub initiative: Option<InitiativeCtx>,
    pub milestone: Option<MilestoneCtx>,
    pub document: Option<DocumentCtx>,
    pub timeline: Option<TimelineCtx>,
    pub data: Option<DataCtx>,
    pub search: Option<SearchCtx>,
    pub initiatives: Option<InitiativesCtx>,
    /// The strategy map: the whole of it on its page, a strategy's part on the
    /// pages inside that strategy.
    pub map: Option<MapCtx>,
    pub budget: Option<BudgetOverviewCtx>,
    pub catalogue: Option<CatalogueCtx>,
    pub theme: Option<ThemeCtx>,
    pub idea: Option<IdeaCtx>,
    pub main_initiative: Option<MainInitiativeCtx>,
    /// The theme × idea matrix of a catalogue, on its own page.
    pub matrix: Option<MatrixCtx>,
    /// What search results may be narrowed by: the area of an initiative or strategy.
    pub area: Option<String>,
    /// What tells this page apart from another of the same title (see
    /// [`LinkFields::context`]), for the browser tab's title.
    pub title_context: Option<String>,
    /// The glossary page's abbreviations, in order.
    pub glossary: Option<Vec<GlossaryEntry>>,
    /// When the page was last changed: its `updated:` field, or the date of
    /// the last commit that changed its file; `none` when neither exists.
    pub updated: Option<DateCtx>,
    /// How far the initiatives under the page have come (the home page,
    /// strategies and focus areas).
    pub progress: Option<ProgressCtx>,
}

/// An abbreviation and what it stands for.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct GlossaryEntry {
    pub abbreviation: String,
    pub meaning: String,
}

/// A date as the page shows it, with its ISO form for `<time datetime>`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct DateCtx {
    pub text: String,
    pub datetime: String,
}

/// How far a set of initiatives has come, in numbers and the latest news.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ProgressCtx {
    /// How many initiatives in all.
    pub total: usize,
    /// How many have each status, in the order of the site's statuses, and
    /// last how many have none given (only counts above zero).
    pub counts: Vec<ProgressCount>,
    /// Status changes and outcomes of follow-ups, newest first, at most a handful.
    pub news: Vec<ProgressNews>,
    /// The next follow-ups and milestones, at most a handful.
    pub next: Vec<Shared<TimelineEntry>>,
    /// Follow-ups whose time has passed without an outcome written, oldest first.
    pub overdue: Vec<Shared<TimelineEntry>>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ProgressCount {
    /// `none` when the count is of initiatives without a status.
    pub status: Option<Status>,
    pub label: String,
    pub count: usize,
}

/// One piece of news: an initiative's status as of a date, or what came of
/// a follow-up.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ProgressNews {
    pub date: String,
    pub datetime: Option<String>,
    pub initiative: Link,
    /// Set for a status change.
    pub status: Option<Status>,
    pub status_note: Option<String>,
    /// Set for a follow-up's outcome.
    pub outcome: Option<String>,
    pub forum: Option<String>,
}

/// The budget overview: every line, and totals by strategy and by year,
/// apart for each basis (decided, spent, expected) the lines have.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetOverviewCtx {
    pub lines: Vec<BudgetOverviewLine>,
    /// The totals: one part for each basis of the lines (decided, spent,
    /// expected, then lines that say none), or one part when all lines
    /// have the same. Amounts of different bases are never added up.
    pub parts: Vec<BudgetPart>,
    /// What the amounts are and which years yearly amounts are counted
    /// for, in plain sentences (empty when content says nothing of it).
    pub notes: Vec<String>,
    /// The lines have different bases: each line says its own.
    pub by_basis: bool,
    /// Strategies none of whose initiatives has a budget line, so the page
    /// can say so rather than leave them out without a word.
    pub strategies_without: Vec<Link>,
}

/// The totals of the budget lines of one basis.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetPart {
    /// The basis ("Besluttet"), when the lines have different ones.
    pub label: Option<String>,
    /// What the total is: "I alt 2020–2026" (with the basis when the lines
    /// have different ones).
    pub total_label: String,
    pub total: String,
    /// Totals per strategy, largest first; then lines whose initiative has
    /// no strategy (under the section they sit in, or "Uden strategi").
    pub by_group: Vec<BudgetBar>,
    /// Totals per year: a yearly amount in each of its years, a one-off
    /// amount in its year; one over several years under its period as
    /// written, and lines with no period last.
    pub by_year: Vec<BudgetBar>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetOverviewLine {
    pub initiative: Link,
    /// The strategy it counts under, or words saying it has none.
    pub group: String,
    pub period: Option<String>,
    /// Formatted; a yearly amount says so: "kr. 500.000 pr. år".
    pub amount: String,
    pub per_year: bool,
    /// What the amount is ("Besluttet"), when the lines have different bases.
    pub basis: Option<String>,
    pub note: Option<String>,
}

/// A total of budget lines: of an initiative, of a section's initiatives.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetTotal {
    /// "I alt", "I alt 2025–2027" when yearly amounts are counted over
    /// their years, with the basis when the lines have different ones.
    pub label: String,
    pub amount: String,
}

/// A total with its bar: `width` is a percentage of the largest total.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetBar {
    pub label: String,
    pub url: Option<String>,
    pub amount: String,
    pub width: String,
}

/// A strategy map: trees of pages from visions down to initiatives.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct MapCtx {
    /// The trees, depth first. Templates cannot recurse, so each item says
    /// whether a list of children follows it (`has_children`) and how many
    /// levels end after it (`closes`: write `</ul></li>` that many times).
    pub items: Vec<MapItem>,
    /// Root-relative URL of the page with the whole map.
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct MapItem {
    pub link: Link,
    /// How many initiatives below have each status (not on initiatives
    /// themselves); made once per page of the map, shared by the excerpts.
    pub counts: Shared<Vec<StatusCount>>,
    /// This is the page being shown.
    pub current: bool,
    pub depth: usize,
    pub has_children: bool,
    pub closes: usize,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct StatusCount {
    pub id: String,
    pub label: String,
    pub count: usize,
}

/// The overview of all initiatives, or one facet value's page of it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct InitiativesCtx {
    /// Each row is made once and shared by the pages as deep as this one.
    pub rows: Vec<Shared<InitiativeRow>>,
    /// What the initiatives can be narrowed by, each value a page of its own.
    pub facets: Vec<Facet>,
    /// The facet value this page shows, on a facet page.
    pub filter: Option<ActiveFilter>,
    pub overview_url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct InitiativeRow {
    pub link: Link,
    pub area: Option<String>,
    pub strategy: Option<Link>,
    pub goal: Option<Link>,
    pub committee: Option<String>,
    /// The next follow-up's date as written.
    pub next_follow_up: Option<String>,
    pub budget_total: Option<String>,
    /// `facet:value` tokens, separated by spaces, for the filter script.
    pub filters: String,
    /// The row as the theme's `partials/initiative_row.html` writes it for
    /// this page (rows are written once for all pages as deep as it, not
    /// once per page); empty if the theme has no such template.
    pub html: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct Facet {
    pub key: String,
    pub label: String,
    pub values: Vec<FacetValue>,
    /// One of its values is the page's: show the facet opened.
    pub open: bool,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct FacetValue {
    pub key: String,
    pub label: String,
    /// Root-relative URL of the page of this value.
    pub url: String,
    pub count: usize,
    /// This page shows this value.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ActiveFilter {
    pub facet: String,
    pub value: String,
}

/// The search page: every page from A to Z, grouped by first letter.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SearchCtx {
    pub letters: Vec<Letter>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct Letter {
    pub letter: String,
    pub pages: Vec<Link>,
}

/// The page about the open data: every file, and what each column holds.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct DataCtx {
    pub files: Vec<DataFile>,
    pub feed_url: String,
    pub calendar_url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct DataFile {
    pub name: String,
    pub url: String,
    pub about: String,
    pub columns: Vec<DataColumn>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct DataColumn {
    pub name: String,
    pub meaning: String,
}

/// Extra blocks of the home page (which is also a section).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct HomeCtx {
    pub visions: Vec<Link>,
    pub strategies: Vec<Link>,
    /// Idea catalogues.
    pub catalogues: Vec<Link>,
    /// The next follow-ups and milestones from today on, at most a handful.
    pub upcoming: Vec<Shared<TimelineEntry>>,
    /// Root-relative URL of the timeline page.
    pub timeline_url: String,
    /// The home page's sections that the menu does not already link to.
    pub other_sections: Vec<Link>,
    /// Each idea catalogue at a glance: its themes, main initiatives and matrix.
    pub catalogue_overviews: Vec<HomeCatalogue>,
    /// Whether the timeline holds anything that happens (milestones or
    /// follow-ups), and so is worth a link from the home page.
    pub timeline_has_events: bool,
}

/// An idea catalogue as the home page shows it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct HomeCatalogue {
    pub link: Link,
    pub themes: Vec<ThemeBadge>,
    pub main_initiatives: Vec<Link>,
    /// How many ideas it holds.
    pub ideas: usize,
    pub matrix_url: String,
}

/// A folder with an `_index.md`: the pages and sub-sections in it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SectionCtx {
    pub pages: Vec<Link>,
    pub subsections: Vec<Link>,
    /// Budget lines of the initiatives in this section, when any have one.
    pub budget: Vec<BudgetRow>,
    /// Their totals, one per basis (empty without lines).
    pub budget_totals: Vec<BudgetTotal>,
    /// What the amounts are and which years they cover, in sentences.
    pub budget_notes: Vec<String>,
}

/// One budget line with the initiative it belongs to (for overview tables).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetRow {
    pub initiative: Link,
    pub line: BudgetLine,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct VisionCtx {
    pub bearings: Vec<BearingCtx>,
    pub strategies: Vec<Link>,
}

/// A bearing (pejlemærke) of a vision, shown on the vision page at `#anchor`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct BearingCtx {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub text: Option<String>,
    /// Strategies that name this bearing.
    pub strategies: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct StrategyCtx {
    pub subtitle: Option<String>,
    pub area: Option<String>,
    pub period: Option<String>,
    pub vision: Option<Link>,
    /// Links to the bearings on the vision page.
    pub bearings: Vec<Link>,
    pub focus_areas: Vec<Link>,
    /// Goals that sit directly under the strategy (not under a focus area).
    pub goals: Vec<Link>,
    /// Every initiative that serves the strategy, through any goal or directly.
    pub initiatives: Vec<Link>,
    pub milestones: Vec<Link>,
    /// Follow-ups of the strategy's initiatives, in date order.
    pub follow_ups: Vec<Shared<TimelineEntry>>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct FocusAreaCtx {
    pub strategy: Link,
    pub citizens_wishes: Vec<String>,
    pub success_intro: Option<String>,
    pub goals: Vec<Link>,
    pub initiatives: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct GoalCtx {
    /// The focus area or strategy the goal belongs to.
    pub parent: Link,
    pub strategy: Option<Link>,
    /// Initiatives that name this goal as their primary goal.
    pub primary_initiatives: Vec<Link>,
    /// Initiatives that name this goal among their secondary goals.
    pub secondary_initiatives: Vec<Link>,
    /// What the goal is measured by, each with its latest value and target.
    pub indicators: Vec<IndicatorSummary>,
}

/// An indicator as its goal's page lists it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct IndicatorSummary {
    pub link: Link,
    /// The measurement of the latest period.
    pub latest: Option<Figure>,
    pub target: Option<Figure>,
    /// How the latest value stands against the baseline, in words.
    pub trend: Option<String>,
}

/// An indicator: what a goal is measured by, with its measurements drawn
/// as a chart and written out as a table holding the same numbers.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct IndicatorCtx {
    pub goal: Link,
    pub strategy: Option<Link>,
    pub unit: Option<String>,
    /// `higher` or `lower` (is better), and the same in words.
    pub direction: Option<String>,
    pub direction_label: Option<String>,
    pub baseline: Option<Figure>,
    pub target: Option<Figure>,
    /// The measurement of the latest period.
    pub latest: Option<Figure>,
    /// How the latest value stands against the baseline, in words.
    pub trend: Option<String>,
    /// The baseline and the measurements in the order of their periods,
    /// then the target: the numbers of the chart, for its table.
    pub rows: Vec<FigureRow>,
    /// The chart: an inline SVG with `role="img"`, a title and a description
    /// in words (already safe: use `| safe`); none with nothing to draw.
    pub chart: Option<Html>,
}

/// A value of an indicator, formatted for the site's language.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Figure {
    /// The number alone: `64,5` (`64.5` in English).
    pub number: String,
    /// With the unit: `64,5 %`.
    pub value: String,
    /// The period as written, and its start for `<time datetime>`.
    pub period: Option<String>,
    pub datetime: Option<String>,
}

/// A row of an indicator's table.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct FigureRow {
    /// `baseline`, `measurement` or `target`, and the same in words.
    pub kind: String,
    pub kind_label: String,
    pub figure: Figure,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct InitiativeCtx {
    pub status: Option<Status>,
    pub status_note: Option<String>,
    pub goal: Option<Link>,
    pub secondary_goals: Vec<Link>,
    pub strategy: Option<Link>,
    pub area: Option<String>,
    pub owner: Option<String>,
    pub committee: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub follow_ups: Vec<FollowUp>,
    pub budget: Vec<BudgetLine>,
    /// The totals, one per basis, when there is more than one line or a
    /// yearly one over several years (the total is then not the amount).
    pub budget_totals: Vec<BudgetTotal>,
    /// What the amounts are and which years they cover, in sentences.
    pub budget_notes: Vec<String>,
    pub budget_agreements: Vec<String>,
    pub legal_references: Vec<String>,
    pub partners: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct FollowUp {
    /// As written, e.g. `1. kvartal 2025`.
    pub date: String,
    /// ISO start date of the period (for `<time datetime>`), when it could be read.
    pub datetime: Option<String>,
    pub forum: Option<String>,
    pub text: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct BudgetLine {
    pub amount: i64,
    /// Formatted for the site's language: `kr. 500.000` / `DKK 500,000`;
    /// a yearly amount says so: `kr. 500.000 pr. år`.
    pub amount_display: String,
    /// The amount is paid every year of `period`.
    pub per_year: bool,
    /// What the amount is ("Besluttet"), when the lines shown together
    /// have different bases.
    pub basis: Option<String>,
    pub period: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct MilestoneCtx {
    pub date: String,
    pub datetime: Option<String>,
    pub forum: Option<String>,
    pub strategies: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct DocumentCtx {
    /// The document's type in the site's words (`notat` → "Notat").
    pub doc_type: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub organisation: Option<String>,
    /// The document's file (`file:`), to download.
    pub file: Option<DownloadCtx>,
    /// Pages whose `source` is this document.
    pub pages: Vec<Link>,
}

/// A file to download (a document's `file:`). `href` is whole: relative to
/// the page already (write no `{{ root }}` in front), or an address elsewhere.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct DownloadCtx {
    pub href: String,
    /// The file's name, as it is on disk (`Strategi 2025.pdf`).
    pub name: String,
    /// Its type in the site's words ("PDF", "Word-dokument", "billede"),
    /// from the theme's `file_type_…` strings; empty for a file without an
    /// ending.
    pub kind: String,
    /// Its size in the site's number format ("1,2 MB"); `None` for a file
    /// elsewhere (an `https://` address).
    pub size: Option<String>,
    /// True for an address elsewhere: the link opens it rather than
    /// downloading a file of the site.
    pub external: bool,
}

/// A timeline: the portal's, or a strategy's, focus area's or initiative's.
/// Grouped by year, and within a year by quarter.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TimelineCtx {
    pub years: Vec<TimelineYear>,
    /// Today's date as the site writes dates (the marker in the list).
    pub today: String,
    /// Initiatives with their periods, drawn as bars beside a table.
    pub gantt: Option<GanttCtx>,
    /// Root-relative URL of the iCalendar file for this timeline, if it has one.
    pub calendar_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct TimelineYear {
    pub year: String,
    /// First the things of the whole year (a year, a half), then each quarter.
    pub groups: Vec<TimelineGroup>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct TimelineGroup {
    /// `1. kvartal`, or `Hele året` for things that cover more than a quarter.
    pub label: String,
    pub entries: Vec<Shared<TimelineEntry>>,
}

/// Something dated: a milestone, a follow-up, an initiative's start or end, a
/// budget period, a source document, or the "today" marker.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TimelineEntry {
    /// As written.
    pub date: String,
    pub datetime: Option<String>,
    /// The title of the page it belongs to.
    pub title: String,
    pub url: String,
    /// `milestone`, `follow_up`, `start`, `end`, `budget`, `document` or `today`.
    pub kind: String,
    pub kind_label: String,
    pub forum: Option<String>,
    pub text: Option<String>,
    /// What came of a follow-up.
    pub outcome: Option<String>,
    /// A budget period's amount, formatted.
    pub amount: Option<String>,
    /// Its period ended before today.
    pub past: bool,
}

/// A Gantt-like view of initiatives over the years. The bars are decoration;
/// the table they sit in holds the same periods as text.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct GanttCtx {
    pub years: Vec<GanttYear>,
    pub rows: Vec<GanttRow>,
    /// Where today is, as a percentage from the left, if inside the axis.
    pub today_left: Option<String>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct GanttYear {
    pub year: String,
    /// Percentages of the axis, as CSS lengths without the unit (`"12.50"`).
    pub left: String,
    pub width: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct GanttRow {
    pub link: Link,
    /// The period in words: `2024 – 2026`, or `fra 2024`.
    pub period: String,
    pub left: String,
    pub width: String,
    /// No end is written: the bar runs to the end of the axis.
    pub open_ended: bool,
}
