//! Idea catalogues: the catalogue page with its themes, ideas and main
//! initiatives; a theme's and a main initiative's ideas; an idea's numbered
//! theme badges; and the theme × idea matrix, a page per catalogue.

use super::{Ctx, iso_start};
use crate::content::model::{CatalogueData, IdeaData, KindData};
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::link::Rel;

impl Ctx<'_> {
    fn badge(&self, theme: usize) -> ThemeBadge {
        let e = &self.site.entries[theme];
        ThemeBadge {
            number: e.number().unwrap_or_default(),
            title: e.common.title.clone(),
            url: self.site.urls[theme].clone(),
        }
    }

    /// The themes an idea names, in the order written, that exist.
    fn theme_badges(&self, ids: &[String]) -> Vec<ThemeBadge> {
        ids.iter()
            .filter_map(|id| self.site.id_target(id))
            .filter(|&t| self.site.entries[t].kind == Kind::Theme)
            .map(|t| self.badge(t))
            .collect()
    }

    fn idea_row(&self, i: usize) -> IdeaRow {
        let e = &self.site.entries[i];
        let (themes, main_initiative) = match &e.data {
            KindData::Idea(x) => (
                self.theme_badges(&x.themes),
                self.link_to_id(x.main_initiative.as_ref()),
            ),
            _ => (Vec::new(), None),
        };
        IdeaRow {
            link: self.link(i),
            number: e.number().unwrap_or_default(),
            themes,
            main_initiative,
        }
    }

    fn idea_rows(&self, ideas: &[usize]) -> Vec<IdeaRow> {
        ideas.iter().map(|&i| self.idea_row(i)).collect()
    }

    fn matrix_url_of(&self, catalogue: usize) -> String {
        crate::base::routes::matrix(&self.site.urls[catalogue], &self.config.language)
    }

    /// Catalogue `i` at a glance, for the home page.
    pub(super) fn home_catalogue(&self, i: usize) -> HomeCatalogue {
        let site = self.site;
        HomeCatalogue {
            link: self.link(i),
            themes: site
                .related(i, Rel::Themes)
                .iter()
                .map(|&t| self.badge(t))
                .collect(),
            main_initiatives: self.links(site.related(i, Rel::MainInitiatives)),
            ideas: site.related(i, Rel::Ideas).len(),
            matrix_url: self.matrix_url_of(i),
        }
    }

    pub(super) fn catalogue(&self, i: usize, c: &CatalogueData) -> CatalogueCtx {
        let site = self.site;
        CatalogueCtx {
            date: c.date.clone(),
            datetime: c.date.as_deref().and_then(|d| iso_start(self.site, d)),
            themes: site
                .related(i, Rel::Themes)
                .iter()
                .map(|&t| self.badge(t))
                .collect(),
            ideas: self.idea_rows(site.related(i, Rel::Ideas)),
            main_initiatives: site
                .related(i, Rel::MainInitiatives)
                .iter()
                .map(|&m| MainInitiativeRow {
                    link: self.link(m),
                    number: site.entries[m].number().unwrap_or_default(),
                    ideas: self.idea_rows(site.related(m, Rel::IdeasOf)),
                })
                .collect(),
            administrative_ideas: c
                .administrative_ideas
                .iter()
                .map(|a| AdministrativeIdeaCtx {
                    title: a.title.clone(),
                    themes: self.theme_badges(&a.themes),
                })
                .collect(),
            matrix_url: self.matrix_url_of(i),
        }
    }

    /// The catalogue a page names, if it resolved.
    fn catalogue_of(&self, i: usize) -> Option<usize> {
        let t = self.site.id_target(self.site.entries[i].catalogue()?)?;
        (self.site.entries[t].kind == Kind::Catalogue).then_some(t)
    }

    pub(super) fn theme(&self, i: usize) -> Option<ThemeCtx> {
        let site = self.site;
        let catalogue = self.catalogue_of(i)?;
        let id = &site.entries[i].id;
        let administrative_ideas = match &site.entries[catalogue].data {
            KindData::Catalogue(c) => c
                .administrative_ideas
                .iter()
                .filter(|a| a.themes.contains(id))
                .map(|a| a.title.clone())
                .collect(),
            _ => Vec::new(),
        };
        Some(ThemeCtx {
            number: site.entries[i].number().unwrap_or_default(),
            catalogue: self.link(catalogue),
            ideas: self.idea_rows(site.related(i, Rel::IdeasOf)),
            administrative_ideas,
            matrix_url: self.matrix_url_of(catalogue),
        })
    }

    pub(super) fn main_initiative(&self, i: usize) -> Option<MainInitiativeCtx> {
        let catalogue = self.catalogue_of(i)?;
        Some(MainInitiativeCtx {
            number: self.site.entries[i].number().unwrap_or_default(),
            catalogue: self.link(catalogue),
            ideas: self.idea_rows(self.site.related(i, Rel::IdeasOf)),
        })
    }

    pub(super) fn idea(&self, i: usize, x: &IdeaData) -> Option<IdeaCtx> {
        let site = self.site;
        let catalogue = self.catalogue_of(i)?;
        let siblings = site.related(catalogue, Rel::Ideas);
        let at = siblings.iter().position(|&s| s == i);
        let neighbour = |step: isize| {
            let j = at?.checked_add_signed(step)?;
            siblings.get(j).map(|&s| self.link(s))
        };
        Some(IdeaCtx {
            number: x.number,
            catalogue: self.link(catalogue),
            themes: self.theme_badges(&x.themes),
            main_initiative: self.link_to_id(x.main_initiative.as_ref()),
            title_only: site.entries[i].body_is_blank && x.themes.is_empty(),
            previous: neighbour(-1),
            next: neighbour(1),
        })
    }

    /// Every catalogue's matrix page: (URL, context).
    pub fn matrix_pages(&self) -> Vec<(String, PageCtx)> {
        let site = self.site;
        (0..site.entries.len())
            .filter(|&i| site.entries[i].kind == Kind::Catalogue)
            .map(|c| {
                let url = self.matrix_url_of(c);
                let mut page = self.generated_page("matrix", &self.t("matrix_title"), url.clone());
                page.breadcrumbs.push(self.link(c));
                page.matrix = Some(self.matrix(c));
                (url, page)
            })
            .collect()
    }

    fn matrix(&self, catalogue: usize) -> MatrixCtx {
        let site = self.site;
        let themes = site.related(catalogue, Rel::Themes);
        let rows: Vec<MatrixRow> = site
            .related(catalogue, Rel::Ideas)
            .iter()
            .map(|&i| {
                let (named, title_only): (&[String], bool) = match &site.entries[i].data {
                    KindData::Idea(x) => (
                        &x.themes,
                        site.entries[i].body_is_blank && x.themes.is_empty(),
                    ),
                    _ => (&[], false),
                };
                MatrixRow {
                    idea: self.link(i),
                    number: site.entries[i].number().unwrap_or_default(),
                    covers: themes
                        .iter()
                        .map(|&t| named.contains(&site.entries[t].id))
                        .collect(),
                    title_only,
                }
            })
            .collect();
        let totals = (0..themes.len())
            .map(|k| rows.iter().filter(|r| r.covers[k]).count())
            .collect();
        MatrixCtx {
            catalogue: self.link(catalogue),
            themes: themes.iter().map(|&t| self.badge(t)).collect(),
            rows,
            totals,
        }
    }
}
