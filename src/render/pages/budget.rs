//! The budget overview: every budget line, and totals per strategy and per
//! year, each table with bars beside the amounts (the amounts are always
//! written; the bars only draw them, with a border and pattern, not colour).
//! Also the budget lines and totals of an initiative's and a section's page.
//!
//! How lines add up (their years, the horizon, their basis, an initiative's
//! strategy) is `site::money`'s; this module puts it in the site's words.

use std::collections::BTreeMap;

use super::{Ctx, format_money};
use crate::content::model::{BudgetData, KindData};
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::money::{Spread, Total, basis_order};

/// Where a line's money is counted on the budget page: under a strategy
/// (0), under the section its initiative sits in, which is not a strategy
/// (1), or under "no strategy" (2); with its words and link.
type Group = (u8, String, Option<String>);

/// A row of the totals per year: a year, a one-off amount's period of
/// several years (from its first year, as written), or no period (last).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum YearRow {
    Year(i32, u8, String),
    Undated,
}

impl Ctx<'_> {
    /// The strategy an initiative's money counts under, or, for one with
    /// none, the section it sits in (said not to be a strategy).
    fn budget_group(&self, i: usize) -> Group {
        let site = self.site;
        if let Some(s) = self.money.strategy(i) {
            let title = site.entries[s].common.title.clone();
            return (0, title, Some(site.urls[s].clone()));
        }
        let section = site
            .ancestors(i)
            .into_iter()
            .rev()
            .find(|&a| site.entries[a].kind == Kind::Section && Some(a) != site.home());
        match section {
            Some(s) => (
                1,
                self.t("budget_not_a_strategy")
                    .replace("{title}", &site.entries[s].common.title),
                Some(site.urls[s].clone()),
            ),
            None => (2, self.t("budget_no_strategy"), None),
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

    /// What a basis is called: "Besluttet", or "Ikke oplyst" for none.
    fn basis_label(&self, basis: Option<&str>) -> String {
        match basis {
            Some(b) => self.t(&format!("budget_basis_{b}")),
            None => self.t("budget_basis_unsaid"),
        }
    }

    /// A line's amount in words: `kr. 500.000`, `kr. 500.000 pr. år`.
    fn amount_text(&self, b: &BudgetData) -> String {
        let amount = self.kroner(b.amount);
        if b.per_year {
            format!("{amount} {}", self.t("per_year"))
        } else {
            amount
        }
    }

    /// One budget line as an initiative's or a section's table shows it;
    /// `by_basis`: the lines shown together have different bases.
    pub(super) fn budget_line(&self, b: &BudgetData, by_basis: bool) -> BudgetLine {
        BudgetLine {
            amount: b.amount,
            amount_display: self.amount_text(b),
            per_year: b.per_year,
            basis: by_basis.then(|| self.basis_label(self.money.basis(b))),
            period: b.period.clone(),
            source: b.source.clone(),
            note: b.note.clone(),
        }
    }

    /// "I alt", "I alt 2020–2026", "I alt 2020–2026, besluttet".
    fn total_label(&self, t: &Total, by_basis: bool) -> String {
        let mut label = self.t("total");
        if let Some((from, to)) = t.years.filter(|_| t.spread) {
            label = format!("{label} {}", years_text(from, to));
        }
        if by_basis {
            label = format!("{label}, {}", self.basis_label(t.basis).to_lowercase());
        }
        label
    }

    /// Totals as the tables' feet show them, one per basis.
    pub(super) fn budget_totals(&self, totals: &[Total]) -> Vec<BudgetTotal> {
        totals
            .iter()
            .map(|t| BudgetTotal {
                label: self.total_label(t, totals.len() > 1),
                amount: self.kroner(t.amount),
            })
            .collect()
    }

    /// An initiative's total for the overview's column: one amount, or
    /// one per basis ("kr. 1.000 (besluttet); kr. 800 (brugt)").
    pub(super) fn budget_in_a_cell(&self, lines: &[BudgetData]) -> Option<String> {
        let totals = self.money.totals(lines);
        match totals.as_slice() {
            [] => None,
            [one] => Some(self.kroner(one.amount)),
            _ => Some(
                totals
                    .iter()
                    .map(|t| {
                        let basis = self.basis_label(t.basis).to_lowercase();
                        format!("{} ({basis})", self.kroner(t.amount))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }

    /// What the amounts are (when content says), and which years yearly
    /// amounts with no end are counted for, in plain sentences.
    pub(super) fn budget_notes(&self, totals: &[Total]) -> Vec<String> {
        let mut notes = Vec::new();
        match totals {
            [] | [Total { basis: None, .. }] => {}
            [Total { basis: Some(b), .. }] => notes.push(self.t(&format!("budget_basis_is_{b}"))),
            _ => notes.push(self.t("budget_basis_mixed")),
        }
        if let Some(from) = totals.iter().filter_map(|t| t.open_from).min() {
            let years = years_text(from, self.money.horizon);
            notes.push(self.t("budget_horizon").replace("{years}", &years));
        }
        notes
    }

    /// The page with every budget line and the totals.
    pub fn budget_page(&self) -> PageCtx {
        let site = self.site;
        let url = crate::base::routes::budget(&self.config.language);
        let mut page = self.generated_page("budget_overview", &self.t("budget_title"), url);
        let mut lines: Vec<(usize, &BudgetData, Group)> = Vec::new();
        for (i, e) in site.entries.iter().enumerate() {
            if let KindData::Initiative(x) = &e.data
                && !x.budget.is_empty()
            {
                let group = self.budget_group(i);
                lines.extend(x.budget.iter().map(|b| (i, b, group.clone())));
            }
        }
        let totals = self.money.totals(lines.iter().map(|l| l.1));
        let by_basis = totals.len() > 1;
        let parts = totals
            .iter()
            .map(|t| {
                let of_basis = lines.iter().filter(|l| self.money.basis(l.1) == t.basis);
                self.budget_part(t, by_basis, of_basis)
            })
            .collect();
        let mut shown: Vec<_> = lines
            .iter()
            .map(|(i, b, group)| BudgetOverviewLine {
                initiative: self.link(*i),
                group: group.1.clone(),
                period: b.period.clone(),
                amount: self.amount_text(b),
                per_year: b.per_year,
                basis: by_basis.then(|| self.basis_label(self.money.basis(b))),
                note: b.note.clone(),
            })
            .zip(&lines)
            .collect();
        // Lines of one basis together, in the order of the parts.
        shown.sort_by_key(|(_, l)| basis_order(self.money.basis(l.1)));
        let with_money: std::collections::HashSet<usize> = lines
            .iter()
            .filter_map(|l| self.money.strategy(l.0))
            .collect();
        let mut without: Vec<usize> = (0..site.entries.len())
            .filter(|&s| site.entries[s].kind == Kind::Strategy && !with_money.contains(&s))
            .collect();
        without.sort_by_cached_key(|&s| crate::site::link::order_key(&site.entries[s]));
        page.budget = Some(BudgetOverviewCtx {
            lines: shown.into_iter().map(|(line, _)| line).collect(),
            parts,
            notes: self.budget_notes(&totals),
            by_basis,
            strategies_without: self.links(&without),
        });
        page
    }

    /// The totals of the lines of one basis, per strategy and per year.
    fn budget_part<'l>(
        &self,
        total: &Total,
        by_basis: bool,
        lines: impl Iterator<Item = &'l (usize, &'l BudgetData, Group)>,
    ) -> BudgetPart {
        // Added up as i128: no number of lines can overflow it.
        let mut by_group: BTreeMap<&Group, i128> = BTreeMap::new();
        let mut by_year: BTreeMap<YearRow, i128> = BTreeMap::new();
        for (_, b, group) in lines {
            *by_group.entry(group).or_default() += self.money.counted(b);
            let amount = i128::from(b.amount);
            let period = || b.period.clone().unwrap_or_default();
            match self.money.spread(b) {
                Spread::Yearly { from, to, .. } => {
                    for y in from..=to {
                        *by_year
                            .entry(YearRow::Year(y, 0, String::new()))
                            .or_default() += amount;
                    }
                }
                Spread::Once(y) => {
                    *by_year
                        .entry(YearRow::Year(y, 0, String::new()))
                        .or_default() += amount
                }
                Spread::OnceOver { from } => {
                    *by_year.entry(YearRow::Year(from, 1, period())).or_default() += amount
                }
                Spread::Undated => *by_year.entry(YearRow::Undated).or_default() += amount,
            }
        }
        let mut groups: Vec<(&Group, i128)> = by_group.into_iter().collect();
        // Strategies first, then what is not one; the largest first within.
        groups.sort_by(|a, b| (a.0.0, -a.1, &a.0.1).cmp(&(b.0.0, -b.1, &b.0.1)));
        let groups = groups
            .into_iter()
            .map(|(g, amount)| (g.1.clone(), g.2.clone(), amount))
            .collect();
        let years = by_year
            .into_iter()
            .map(|(row, amount)| {
                let label = match row {
                    YearRow::Year(y, 0, _) => y.to_string(),
                    YearRow::Year(_, _, period) => period,
                    YearRow::Undated => self.t("budget_no_period"),
                };
                (label, None, amount)
            })
            .collect();
        BudgetPart {
            label: by_basis.then(|| self.basis_label(total.basis)),
            total_label: self.total_label(total, by_basis),
            total: self.kroner(total.amount),
            by_group: self.bars(groups),
            by_year: self.bars(years),
        }
    }
}

/// "2020–2026", or "2026" for one year.
fn years_text(from: i32, to: i32) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}\u{2013}{to}")
    }
}
