//! The values handed from stage to stage: read files and parsed pages.
//!
//! Owns the typed front matter of each kind. It must not read files or resolve
//! references; the stages that produce these values do.

use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::Pos;
use crate::markdown::Outline;
use crate::schema::Kind;
use crate::validate::RefUse;

/// A content file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the content folder, with `/` separators: `initiativer/din-indgang.md`.
    pub rel: String,
    /// As shown in messages, relative to the project: `content/initiativer/din-indgang.md`.
    pub display: PathBuf,
    pub text: String,
}

/// A parsed, checked page: front matter typed, body not yet rendered.
#[derive(Debug, Clone)]
pub struct Entry {
    pub rel: String,
    pub display: PathBuf,
    pub kind: Kind,
    pub id: String,
    /// Where the id comes from: the `id:` field, or the top of the file.
    pub id_pos: Pos,
    pub common: Common,
    pub data: KindData,
    /// Shared: a preview keeps an unchanged page's body from build to build,
    /// so the same body is the same allocation (see `pages::BodyCache`). A
    /// one-off build frees it once the page is rendered.
    pub body: BodyCell,
    /// Whether the body is empty or only white space.
    pub body_is_blank: bool,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
    pub refs: Vec<RefUse>,
    /// Headings and links of the body.
    pub outline: Outline,
}

/// A page's [`Body`], which a one-off build frees as soon as the page is
/// rendered (a 100 000-page portal holds 600 MB of them), and a preview keeps.
pub struct BodyCell(std::sync::Mutex<Option<Body>>);

impl BodyCell {
    pub fn new(body: Body) -> Self {
        BodyCell(std::sync::Mutex::new(Some(body)))
    }

    /// The body, unless it was taken.
    pub fn get(&self) -> Option<Body> {
        self.0.lock().ok()?.clone()
    }

    /// The body, leaving none: for the one render of a one-off build.
    pub fn take(&self) -> Option<Body> {
        self.0.lock().ok()?.take()
    }
}

impl Clone for BodyCell {
    fn clone(&self) -> Self {
        BodyCell(std::sync::Mutex::new(self.get()))
    }
}

impl std::fmt::Debug for BodyCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A page's body, as the render needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Rendered when the file was read; the links' addresses are filled in
    /// at render time (Markdown is read once).
    Prepared(crate::markdown::Prepared),
    /// The Markdown as written, rendered at render time: raw HTML is allowed
    /// (and sanitised as a whole), or the text holds what cannot be prepared.
    Source(std::sync::Arc<str>),
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Common {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum KindData {
    Vision(VisionData),
    Strategy(StrategyData),
    FocusArea(FocusAreaData),
    Goal(GoalData),
    Initiative(Box<InitiativeData>),
    Milestone(MilestoneData),
    Document(DocumentData),
    Page(PageData),
    Catalogue(CatalogueData),
    Theme(NumberedData),
    Idea(IdeaData),
    MainInitiative(NumberedData),
    Section(SectionData),
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct VisionData {
    #[serde(default)]
    pub bearings: Vec<Bearing>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Bearing {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StrategyData {
    #[serde(default)]
    pub vision: Option<String>,
    #[serde(default)]
    pub bearings: Vec<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FocusAreaData {
    pub strategy: String,
    #[serde(default)]
    pub citizens_wishes: Vec<String>,
    #[serde(default)]
    pub success_intro: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoalData {
    #[serde(default)]
    pub focus_area: Option<String>,
    #[serde(default)]
    pub strategy: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct InitiativeData {
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub secondary_goals: Vec<String>,
    #[serde(default)]
    pub strategy: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub committee: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// Where `status` is written (filled in by `parse`).
    #[serde(skip)]
    pub status_pos: Pos,
    #[serde(default)]
    pub status_note: Option<String>,
    #[serde(default)]
    pub status_date: Option<String>,
    /// Where `status_date` is written (filled in by `parse`).
    #[serde(skip)]
    pub status_date_pos: Pos,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpData>,
    #[serde(default)]
    pub budget: Vec<BudgetData>,
    #[serde(default)]
    pub budget_agreements: Vec<String>,
    #[serde(default)]
    pub legal_references: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FollowUpData {
    pub date: String,
    /// Where the follow-up's `date` is written (filled in by `parse`).
    #[serde(skip)]
    pub date_pos: Pos,
    #[serde(default)]
    pub forum: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
}

/// The total of budget lines in kroner.
pub fn budget_total(lines: &[BudgetData]) -> i128 {
    lines.iter().map(|b| i128::from(b.amount)).sum()
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BudgetData {
    pub amount: i64,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MilestoneData {
    pub date: String,
    #[serde(default)]
    pub forum: Option<String>,
    #[serde(default)]
    pub strategies: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DocumentData {
    #[serde(default)]
    pub doc_type: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageData {
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CatalogueData {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub administrative_ideas: Vec<AdministrativeIdea>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AdministrativeIdea {
    pub title: String,
    #[serde(default)]
    pub themes: Vec<String>,
}

/// A theme or a main initiative: a numbered part of a catalogue.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NumberedData {
    pub catalogue: String,
    pub number: i64,
    /// Where `number` is written (filled in by `parse`).
    #[serde(skip)]
    pub number_pos: Pos,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IdeaData {
    pub catalogue: String,
    pub number: i64,
    /// Where `number` is written (filled in by `parse`).
    #[serde(skip)]
    pub number_pos: Pos,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub main_initiative: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SectionData {
    #[serde(default)]
    pub sort_by: Option<String>,
}

impl Entry {
    pub fn title(&self) -> &str {
        &self.common.title
    }

    /// The page's own date as written, if its kind has one.
    pub fn date(&self) -> Option<&str> {
        match &self.data {
            KindData::Milestone(m) => Some(&m.date),
            KindData::Document(d) => d.date.as_deref(),
            KindData::Catalogue(c) => c.date.as_deref(),
            _ => None,
        }
    }

    /// The page's number in its catalogue (themes, ideas, main initiatives).
    pub fn number(&self) -> Option<i64> {
        match &self.data {
            KindData::Theme(n) | KindData::MainInitiative(n) => Some(n.number),
            KindData::Idea(x) => Some(x.number),
            _ => None,
        }
    }

    /// Where the page's catalogue number is written.
    pub fn number_pos(&self) -> Option<Pos> {
        match &self.data {
            KindData::Theme(n) | KindData::MainInitiative(n) => Some(n.number_pos),
            KindData::Idea(x) => Some(x.number_pos),
            _ => None,
        }
    }

    /// The catalogue a theme, idea or main initiative belongs to, as written.
    pub fn catalogue(&self) -> Option<&str> {
        match &self.data {
            KindData::Theme(n) | KindData::MainInitiative(n) => Some(&n.catalogue),
            KindData::Idea(x) => Some(&x.catalogue),
            _ => None,
        }
    }

    /// The folder of the page's source file, relative to `content/` (`""` at the top).
    pub fn folder(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    pub fn is_section(&self) -> bool {
        self.kind == Kind::Section
    }
}
