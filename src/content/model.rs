//! The values handed from stage to stage: read files and parsed pages.
//!
//! Owns the typed front matter of each kind. It must not read files or resolve
//! references; the stages that produce these values do.

use std::path::PathBuf;

use serde::Deserialize;

use crate::base::diagnostic::Pos;
use crate::content::markdown::Outline;
use crate::content::schema::Kind;
use crate::content::validate::{FileUse, RefUse};

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
    /// Files named in front matter (a document's `file:`), with positions.
    pub files: Vec<FileUse>,
    /// The text of every date field, as written (read once for the whole
    /// site by `site::dates`).
    pub dates: Vec<String>,
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
    Prepared(crate::content::markdown::Prepared),
    /// The Markdown as written, rendered at render time: raw HTML is allowed
    /// (and sanitised as a whole), or the text holds what cannot be prepared.
    Source(std::sync::Arc<str>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Common {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub updated: Option<String>,
}

/// The typed front matter of each kind: one struct per kind, holding exactly
/// the fields of the kind's schema table (`schema::kind_fields`), as a test
/// below checks.
#[derive(Debug, Clone)]
#[cfg_attr(test, derive(serde::Serialize), serde(untagged))]
pub enum KindData {
    Vision(VisionData),
    Strategy(StrategyData),
    FocusArea(FocusAreaData),
    Goal(GoalData),
    Indicator(Box<IndicatorData>),
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
#[cfg_attr(test, derive(serde::Serialize))]
pub struct VisionData {
    #[serde(default)]
    pub bearings: Vec<Bearing>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Bearing {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
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
#[cfg_attr(test, derive(serde::Serialize))]
pub struct FocusAreaData {
    pub strategy: String,
    #[serde(default)]
    pub citizens_wishes: Vec<String>,
    #[serde(default)]
    pub success_intro: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct GoalData {
    #[serde(default)]
    pub focus_area: Option<String>,
    #[serde(default)]
    pub strategy: Option<String>,
}

/// What a goal is measured by.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct IndicatorData {
    pub goal: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub baseline: Option<Baseline>,
    #[serde(default)]
    pub target: Option<Target>,
    /// As written; shown in the order of their periods.
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

/// Which way an indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

/// Where an indicator started.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Baseline {
    pub value: f64,
    pub period: String,
}

/// The value an indicator should reach, and by when.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Target {
    pub value: f64,
    #[serde(default)]
    pub period: Option<String>,
}

/// One value measured, for one period.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Measurement {
    pub period: String,
    pub value: f64,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
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
#[cfg_attr(test, derive(serde::Serialize))]
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

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct BudgetData {
    pub amount: i64,
    #[serde(default)]
    pub period: Option<String>,
    /// The amount is paid every year of `period`, not once.
    #[serde(default)]
    pub per_year: bool,
    /// `decided`, `spent` or `expected` (one of `schema::BUDGET_BASES`).
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct MilestoneData {
    pub date: String,
    #[serde(default)]
    pub forum: Option<String>,
    #[serde(default)]
    pub strategies: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
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
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PageData {
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CatalogueData {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub administrative_ideas: Vec<AdministrativeIdea>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AdministrativeIdea {
    pub title: String,
    #[serde(default)]
    pub themes: Vec<String>,
}

/// A theme or a main initiative: a numbered part of a catalogue.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct NumberedData {
    pub catalogue: String,
    pub number: i64,
    /// Where `number` is written (filled in by `parse`).
    #[serde(skip)]
    pub number_pos: Pos,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
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
#[cfg_attr(test, derive(serde::Serialize))]
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

#[cfg(test)]
mod tests {
    //! Each kind's struct and its schema table describe the same fields: a
    //! field the table has and the struct does not read (or the other way
    //! round), or one required by one and not the other, fails here.

    use std::collections::BTreeSet;

    use serde_json::Value as Json;

    use super::*;
    use crate::content::schema::{self, Field, FieldType};
    use crate::content::yaml::{self, Plain};

    /// Fields of [`schema::COMMON`] that `parse` reads itself, not [`Common`].
    const READ_BY_PARSE: [&str; 3] = ["kind", "id", "draft"];

    fn every_kind() -> impl Iterator<Item = Kind> {
        Kind::WRITABLE.into_iter().chain([Kind::Section])
    }

    /// Front matter with the example value of each of `fields` that `keep`
    /// keeps; a list of records holds one record of the fields `keep_sub` keeps.
    fn front_matter(
        fields: &[&Field],
        keep: impl Fn(&Field) -> bool,
        keep_sub: impl Fn(&Field) -> bool,
    ) -> String {
        let mut out = String::new();
        for f in fields.iter().filter(|f| keep(f)) {
            if let FieldType::Record(sub) = f.ty {
                let kept: Vec<&Field> = sub.iter().filter(|s| keep_sub(s)).collect();
                let empty = if kept.is_empty() { " {}" } else { "" };
                out.push_str(&format!("{}:{empty}\n", f.name));
                for s in kept {
                    out.push_str(&format!("  {}: {}\n", s.name, s.example));
                }
                continue;
            }
            let FieldType::Records(sub) = f.ty else {
                out.push_str(&format!("{}: {}\n", f.name, f.example));
                continue;
            };
            out.push_str(&format!("{}:\n", f.name));
            let kept: Vec<&Field> = sub.iter().filter(|s| keep_sub(s)).collect();
            if kept.is_empty() {
                out.push_str("  - {}\n");
            }
            for (j, s) in kept.iter().enumerate() {
                let lead = if j == 0 { "  - " } else { "    " };
                out.push_str(&format!("{lead}{}: {}\n", s.name, s.example));
            }
        }
        out
    }

    /// The kind's front matter read as its struct (and as [`Common`]), the
    /// way `parse` reads it, then written out as JSON.
    fn read(kind: Kind, text: &str) -> Result<(Json, Json), String> {
        let doc = yaml::parse_document(&format!("---\n{text}---\n")).map_err(|e| e.message.en)?;
        let mut front = doc.front;
        crate::content::validate::textify(kind, &mut front);
        let plain = Plain::of(&front);
        let data =
            crate::content::parse::kind_data(kind, &front, &plain).map_err(|d| d.message.en)?;
        let common: Common = plain.typed()?;
        let data = serde_json::to_value(&data).map_err(|e| e.to_string())?;
        let common = serde_json::to_value(&common).map_err(|e| e.to_string())?;
        Ok((data, common))
    }

    /// The names of an object's keys, each of which must hold a value (the
    /// front matter holds every field, so a key left empty is one the
    /// schema has no field for).
    fn keys(what: &str, value: &Json) -> BTreeSet<String> {
        let Json::Object(map) = value else {
            panic!("{what} is not a struct: {value}");
        };
        for (k, v) in map {
            assert!(
                !v.is_null(),
                "{what}: the struct's `{k}` is not filled by any field of the schema"
            );
        }
        map.keys().cloned().collect()
    }

    fn names<'a>(fields: impl IntoIterator<Item = &'a Field>) -> BTreeSet<String> {
        fields.into_iter().map(|f| f.name.to_string()).collect()
    }

    #[test]
    fn each_kinds_struct_reads_exactly_its_schema_fields() {
        for kind in every_kind() {
            let fields: Vec<&Field> = schema::all_fields(kind).collect();
            let (data, common) = read(kind, &front_matter(&fields, |_| true, |_| true))
                .unwrap_or_else(|e| panic!("{kind}: the examples do not read: {e}"));
            assert_eq!(
                keys(kind.name(), &data),
                names(schema::kind_fields(kind)),
                "{kind}: the struct's fields (left) differ from the schema's (right)"
            );
            for f in schema::kind_fields(kind) {
                let what = format!("{kind}.{}", f.name);
                match f.ty {
                    FieldType::Records(sub) => {
                        assert_eq!(keys(&what, &data[f.name][0]), names(sub), "{what}")
                    }
                    FieldType::Record(sub) => {
                        assert_eq!(keys(&what, &data[f.name]), names(sub), "{what}")
                    }
                    _ => {}
                }
            }
            let common_fields = schema::COMMON
                .iter()
                .filter(|f| !READ_BY_PARSE.contains(&f.name));
            assert_eq!(keys("common", &common), names(common_fields));
        }
    }

    #[test]
    fn each_kinds_struct_requires_what_its_schema_requires() {
        let is_records = |f: &Field| matches!(f.ty, FieldType::Records(_) | FieldType::Record(_));
        for kind in every_kind() {
            let fields: Vec<&Field> = schema::all_fields(kind).collect();
            // The required fields, and a record of each list of records
            // with its required fields, are enough …
            let minimal = front_matter(&fields, |f| f.required || is_records(f), |s| s.required);
            if let Err(e) = read(kind, &minimal) {
                panic!("{kind}: the struct needs a field the schema does not require: {e}");
            }
            // … and each of them is needed.
            for f in fields.iter().filter(|f| f.required) {
                let without = front_matter(&fields, |g| g.required && g.name != f.name, |_| true);
                assert!(
                    read(kind, &without).is_err(),
                    "{kind}: the schema requires `{}`, the struct does not",
                    f.name
                );
            }
            for r in fields.iter().filter(|f| is_records(f)) {
                let (FieldType::Records(sub) | FieldType::Record(sub)) = r.ty else {
                    continue;
                };
                for s in sub.iter().filter(|s| s.required) {
                    let without = front_matter(
                        &fields,
                        |g| g.required || g.name == r.name,
                        |x| x.required && x.name != s.name,
                    );
                    assert!(
                        read(kind, &without).is_err(),
                        "{kind}: the schema requires `{}.{}`, the struct does not",
                        r.name,
                        s.name
                    );
                }
            }
        }
    }
}
