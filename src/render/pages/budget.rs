//! The budget overview: every budget line, and totals per strategy and per
//! year, each table with bars beside the amounts (the amounts are always
//! written; the bars only draw them, with a border and pattern, not colour).

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{Ctx, format_money};
use crate::content::model::KindData;
use crate::content::schema::Kind;
use crate::render::context::*;

impl Ctx<'_> {
    /// The strategy an initiative belongs to, or the section it sits in.
    fn budget_group(&self, i: usize) -> (String, Option<String>) {
        let site = self.site;
        let strategy = site
            .ancestors(i)
            .into_iter()
            .rev()
            .find(|&a| site.entries[a].kind == Kind::Strategy)
            .or_else(|| match &site.entries[i].data {
                KindData::Initiative(_) => site.referenced(i, "strategy"),
                _ => None,
            })
            .or(site.parent[i]);
        match strategy {
            Some(s) => (
                site.entries[s].common.title.clone(),
                Some(site.urls[s].clone()),
            ),
            None => (self.t("budget_other"), None),
        }
    }

    fn bars(&self, totals: Vec<(String, Option<String>, i128)>) -> Vec<BudgetBar> {
        let max = totals.iter().map(|t| t.2).max().unwrap_or(0).max(1);
        totals
            .into_iter()
            .map(|(label, url, amount)| BudgetBar {
                label,
                url,
                amount: format_money(amount, &self.config.language),
                width: format!("{:.1}", amount.max(0) as f64 / max as f64 * 100.0),
            })
            .collect()
    }

    /// The page with every budget line and the totals.
    pub fn budget_page(&self) -> PageCtx {
        let site = self.site;
        let url = crate::base::routes::budget(&self.config.language);
        let mut page = self.generated_page("budget_overview", &self.t("budget_title"), url);
        let mut lines = Vec::new();
        // Added up as i128: no number of lines can overflow it.
        let mut by_group: BTreeMap<(String, Option<String>), i128> = BTreeMap::new();
        let mut by_year: BTreeMap<i32, i128> = BTreeMap::new();
        let mut total = 0i128;
        for (i, e) in site.entries.iter().enumerate() {
            let KindData::Initiative(x) = &e.data else {
                continue;
            };
            let group = self.budget_group(i);
            for b in &x.budget {
                let amount = i128::from(b.amount);
                total += amount;
                *by_group.entry(group.clone()).or_default() += amount;
                let year = b
                    .period
                    .as_deref()
                    .and_then(|p| self.site.dates.get(p))
                    .map(|p| p.start.year());
                if let Some(y) = year {
                    *by_year.entry(y).or_default() += amount;
                }
                lines.push(BudgetOverviewLine {
                    initiative: self.link(i),
                    group: group.0.clone(),
                    period: b.period.clone(),
                    amount: format_money(b.amount, &self.config.language),
                    note: b.note.clone(),
                });
            }
        }
        let mut groups: Vec<(String, Option<String>, i128)> = by_group
            .into_iter()
            .map(|((label, url), amount)| (label, url, amount))
            .collect();
        groups.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let years = by_year
            .into_iter()
            .map(|(y, amount)| (y.to_string(), None, amount))
            .collect();
        page.budget = Some(BudgetOverviewCtx {
            lines,
            by_group: self.bars(groups),
            by_year: self.bars(years),
            total: format_money(total, &self.config.language),
        });
        page
    }
}
