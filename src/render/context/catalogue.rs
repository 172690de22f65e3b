//! The theme contract of idea catalogues: the catalogue page, theme pages, idea
//! pages, main-initiative pages and the theme × idea matrix.

use serde::Serialize;

use super::Link;

/// A theme as a numbered badge: `1 Netværk omkring borgeren`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ThemeBadge {
    pub number: i64,
    pub title: String,
    /// Root-relative URL of the theme's page.
    pub url: String,
}

/// An idea in a list: its number, its themes and its main initiative.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct IdeaRow {
    pub link: Link,
    pub number: i64,
    pub themes: Vec<ThemeBadge>,
    pub main_initiative: Option<Link>,
}

/// An idea the catalogue names only as already handled administratively.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct AdministrativeIdeaCtx {
    pub title: String,
    pub themes: Vec<ThemeBadge>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct CatalogueCtx {
    /// As written, e.g. `11. juli 2023`.
    pub date: Option<String>,
    pub datetime: Option<String>,
    pub themes: Vec<ThemeBadge>,
    pub ideas: Vec<IdeaRow>,
    /// Each main initiative with the ideas it groups.
    pub main_initiatives: Vec<MainInitiativeRow>,
    pub administrative_ideas: Vec<AdministrativeIdeaCtx>,
    /// Root-relative URL of the theme × idea matrix.
    pub matrix_url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct MainInitiativeRow {
    pub link: Link,
    pub number: i64,
    pub ideas: Vec<IdeaRow>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct ThemeCtx {
    pub number: i64,
    pub catalogue: Link,
    /// Ideas that name this theme, in number order.
    pub ideas: Vec<IdeaRow>,
    /// Ideas handled administratively that name this theme.
    pub administrative_ideas: Vec<String>,
    pub matrix_url: String,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct IdeaCtx {
    pub number: i64,
    pub catalogue: Link,
    pub themes: Vec<ThemeBadge>,
    pub main_initiative: Option<Link>,
    /// The source gives only the idea's title: no text and no themes.
    pub title_only: bool,
    /// The previous and next idea of the catalogue.
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct MainInitiativeCtx {
    pub number: i64,
    pub catalogue: Link,
    /// Ideas that name this main initiative, in number order.
    pub ideas: Vec<IdeaRow>,
}

/// The theme × idea matrix: a row per idea, a column per theme.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct MatrixCtx {
    pub catalogue: Link,
    pub themes: Vec<ThemeBadge>,
    pub rows: Vec<MatrixRow>,
    /// How many ideas cover each theme, in the order of `themes`.
    pub totals: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct MatrixRow {
    pub idea: Link,
    pub number: i64,
    /// One per theme, in the order of [`MatrixCtx::themes`]: the idea covers it.
    pub covers: Vec<bool>,
    pub title_only: bool,
}
