//! The overview of all initiatives, and one plain page per facet value
//! (status, area, strategy, goal, committee, follow-up year), so every filter
//! works without JavaScript and can be found by search engines. A script only
//! adds quick filtering on top.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;
use rayon::prelude::*;

use super::Ctx;
use crate::base::slug::slugify;
use crate::content::model::{InitiativeData, KindData};
use crate::content::schema::Kind;
use crate::render::context::*;

/// The facets, by their key: (Danish path segment, English path segment, string key).
const FACETS: [(&str, &str, &str); 6] = [
    ("status", "status", "status"),
    ("omraade", "area", "area"),
    ("strategi", "strategy", "kind_strategy"),
    ("maal", "goal", "primary_goal"),
    ("udvalg", "committee", "committee"),
    ("opfoelgning", "follow-up", "follow_ups"),
];

/// Facet pages repeat their facet's values only when it has at most this many.
const SHORT_FACET: usize = 30;

/// One initiative's values for each facet: (facet index, value key, value label).
type Values = Vec<(usize, String, String)>;

impl<'a> Ctx<'a> {
    fn facet_values(&self, i: usize, x: &InitiativeData) -> Values {
        let site = self.site;
        let mut v: Values = Vec::new();
        if let Some(s) = &x.status {
            v.push((0, s.clone(), self.t(&format!("status_{s}"))));
        }
        if let Some(a) = &x.area {
            v.push((1, slugify(a), a.clone()));
        }
        let strategy = site.referenced(i, "strategy").or_else(|| {
            site.ancestors(i)
                .into_iter()
                .rev()
                .find(|&a| site.entries[a].kind == Kind::Strategy)
        });
        if let Some(s) = strategy {
            let e = &site.entries[s];
            v.push((2, e.id.clone(), e.common.title.clone()));
        }
        if let Some(g) = site.referenced(i, "goal") {
            let e = &site.entries[g];
            v.push((3, e.id.clone(), e.common.title.clone()));
        }
        if let Some(c) = &x.committee {
            v.push((4, slugify(c), c.clone()));
        }
        let years: BTreeSet<i32> = x
            .follow_ups
            .iter()
            .filter_map(|f| self.site.dates.get(&f.date))
            .map(|p| p.start.year())
            .collect();
        for y in years {
            v.push((5, y.to_string(), y.to_string()));
        }
        v
    }

    fn facet_url(&self, facet: usize, value: &str) -> String {
        let (da, en, _) = FACETS[facet];
        let segment = if self.config.language == "en" { en } else { da };
        crate::base::routes::facet(&self.config.language, segment, value)
    }

    /// The overview and every facet page, with their URLs. Their rows are
    /// written once per depth (`InitiativePages::rows_at`), not once per page.
    pub fn initiative_pages(&self) -> InitiativePages<'_, 'a> {
        let site = self.site;
        let initiatives: Vec<(usize, &InitiativeData)> = (0..site.entries.len())
            .filter_map(|i| match &site.entries[i].data {
                KindData::Initiative(x) => Some((i, x.as_ref())),
                _ => None,
            })
            .collect();
        let values: Vec<Values> = initiatives
            .iter()
            .map(|&(i, x)| self.facet_values(i, x))
            .collect();
        let rows: Vec<InitiativeRow> = initiatives
            .iter()
            .zip(&values)
            .map(|(&(i, x), v)| self.row(i, x, v))
            .collect();
        // Facet → value key → (label, count), in a stable order.
        let mut counts: Vec<BTreeMap<String, (String, usize)>> =
            vec![BTreeMap::new(); FACETS.len()];
        for v in &values {
            for (f, key, label) in v {
                let entry = counts[*f].entry(key.clone()).or_insert((label.clone(), 0));
                entry.1 += 1;
            }
        }
        // Built once, for the overview; each facet page copies its own facet.
        let all_facets: Vec<Facet> = counts
            .iter()
            .enumerate()
            .filter(|(_, values)| !values.is_empty())
            .map(|(f, values)| Facet {
                open: false,
                key: FACETS[f].1.to_string(),
                label: self.t(FACETS[f].2),
                values: values
                    .iter()
                    .map(|(key, (label, count))| FacetValue {
                        key: key.clone(),
                        label: label.clone(),
                        url: self.facet_url(f, key),
                        count: *count,
                        current: false,
                    })
                    .collect(),
            })
            .collect();
        // The rows of each facet value, in one pass (a scan of every row for
        // every value would grow with the square of the portal).
        let mut rows_of: Vec<HashMap<String, Vec<usize>>> = vec![HashMap::new(); FACETS.len()];
        for (r, v) in values.iter().enumerate() {
            for (f, key, _) in v {
                let list = rows_of[*f].entry(key.clone()).or_default();
                if list.last() != Some(&r) {
                    list.push(r);
                }
            }
        }
        let pages = counts
            .iter()
            .enumerate()
            .flat_map(|(f, values_of)| {
                values_of
                    .iter()
                    .map(move |(key, (label, _))| (f, key.clone(), label.clone()))
            })
            .collect();
        InitiativePages {
            ctx: self,
            rows,
            rows_of,
            all_facets,
            pages,
            overview: crate::base::routes::overview(&self.config.language),
            title: self.t("initiatives_overview"),
        }
    }

    fn row(&self, i: usize, x: &InitiativeData, values: &Values) -> InitiativeRow {
        let site = self.site;
        let link_of = |f: usize| {
            values
                .iter()
                .find(|(vf, _, _)| *vf == f)
                .and_then(|(_, key, _)| site.id_target(key))
                .map(|t| self.link(t))
        };
        let label_of = |f: usize| {
            values
                .iter()
                .find(|(vf, _, _)| *vf == f)
                .map(|(_, _, label)| label.clone())
        };
        let next = self
            .upcoming(Some(i), 1)
            .into_iter()
            .next()
            .map(|e| e.date.clone());
        InitiativeRow {
            link: self.link(i),
            area: label_of(1),
            strategy: link_of(2),
            goal: link_of(3),
            committee: label_of(4),
            next_follow_up: next,
            filters: values
                .iter()
                .map(|(f, key, _)| format!("{}:{key}", FACETS[*f].1))
                .collect::<Vec<_>>()
                .join(" "),
            budget_total: self.budget_in_a_cell(&x.budget),
            html: String::new(),
        }
    }
}

/// The overview of all initiatives (page 0) and a page per facet value,
/// each context made only when it is rendered, so they are never all in
/// memory at once.
pub struct InitiativePages<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// The rows, without their HTML (that depends on the page's depth).
    rows: Vec<InitiativeRow>,
    /// Facet → value key → the rows with that value.
    rows_of: Vec<HashMap<String, Vec<usize>>>,
    all_facets: Vec<Facet>,
    /// (facet, value key, value label) of each facet page.
    pages: Vec<(usize, String, String)>,
    overview: String,
    title: String,
}

impl InitiativePages<'_, '_> {
    /// The overview and the facet pages.
    pub fn len(&self) -> usize {
        self.pages.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn url(&self, k: usize) -> String {
        match k.checked_sub(1) {
            None => self.overview.clone(),
            Some(p) => {
                let (f, key, _) = &self.pages[p];
                self.ctx.facet_url(*f, key)
            }
        }
    }

    /// The pages by their way to the site's root (`../`, `../../../`): the
    /// overview sits higher than its facet pages.
    pub fn by_root(&self) -> Vec<(String, Vec<usize>)> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for k in 0..self.len() {
            let root = crate::site::link::root_prefix(&self.url(k));
            match groups.iter_mut().find(|(r, _)| *r == root) {
                Some((_, pages)) => pages.push(k),
                None => groups.push((root, vec![k])),
            }
        }
        groups
    }

    /// Every row, with its HTML as `write_row(row, root)` writes it for pages
    /// whose way to the site's root is `root`. Made for one depth at a time,
    /// so the rows of only one depth are in memory at once.
    pub fn rows_at(
        &self,
        root: &str,
        write_row: &(dyn Fn(&InitiativeRow, &str) -> String + Sync),
    ) -> Vec<Shared<InitiativeRow>> {
        self.rows
            .par_iter()
            .map(|row| {
                Shared::new(InitiativeRow {
                    html: write_row(row, root),
                    ..row.clone()
                })
            })
            .collect()
    }

    /// Page `k`: its URL and context, showing `rows` (from [`Self::rows_at`]
    /// for the page's depth).
    pub fn page(&self, k: usize, rows: &[Shared<InitiativeRow>]) -> (String, PageCtx) {
        let (ctx, title, overview) = (self.ctx, &self.title, &self.overview);
        let url = self.url(k);
        let Some((f, key, label)) = k.checked_sub(1).map(|p| &self.pages[p]) else {
            let mut page = ctx.generated_page("initiatives", title, url.clone());
            page.initiatives = Some(InitiativesCtx {
                rows: rows.to_vec(),
                facets: self.all_facets.clone(),
                filter: None,
                overview_url: overview.clone(),
            });
            return (url, page);
        };
        let f = *f;
        let facet_label = ctx.t(FACETS[f].2);
        let mut page = ctx.generated_page("initiatives", &format!("{title}: {label}"), url.clone());
        let kept = self.rows_of[f]
            .get(key.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&r| rows[r].clone())
            .collect();
        // Only the facet this page belongs to: repeating every value of
        // every facet on every facet page grows with the square of the
        // portal (a thousand goals, a thousand pages of a thousand links).
        // A long facet (one value per goal) stays on the overview only.
        let own: Vec<Facet> = self
            .all_facets
            .iter()
            .filter(|facet| facet.key == FACETS[f].1 && facet.values.len() <= SHORT_FACET)
            .map(|facet| Facet {
                open: true,
                values: facet
                    .values
                    .iter()
                    .map(|v| FacetValue {
                        current: &v.key == key,
                        ..v.clone()
                    })
                    .collect(),
                ..facet.clone()
            })
            .collect();
        page.initiatives = Some(InitiativesCtx {
            rows: kept,
            facets: own,
            filter: Some(ActiveFilter {
                facet: facet_label,
                value: label.clone(),
            }),
            overview_url: overview.clone(),
        });
        (url, page)
    }
}
