//! Money as it is decided: which years each budget line counts in, for how
//! much, and what kind of money it is.
//!
//! Owns the rules every total of the site is added up by (the budget page,
//! the initiative and section pages, the initiatives overview, the open
//! data): a yearly line (`per_year`) counts its amount once for each year of
//! its period, and one with no end ("2020 og frem") each year up to the
//! site's *horizon* (the current year, or the last year any budget line
//! names, whichever is later); a one-off line counts once, in its period's
//! first year, and one whose period covers several years stays under that
//! period as written instead of being split into invented parts. Amounts of
//! different bases (decided, spent, expected) are never added together.
//! Which strategy an initiative's money counts under is said here too. It
//! must not format or render.

use chrono::{Datelike, NaiveDate};

use crate::content::model::{BudgetData, KindData};
use crate::content::schema::{BUDGET_BASES, Kind};
use crate::site::link::Site;

/// How one budget line counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// Its amount in each year from `from` to `to`. `open`: its period has
    /// no end, and `to` is the horizon.
    Yearly { from: i32, to: i32, open: bool },
    /// Once, in this year.
    Once(i32),
    /// Once, over a period of several years from `from` (not split over them).
    OnceOver { from: i32 },
    /// No period, or one that could not be read.
    Undated,
}

impl Spread {
    /// How many times the amount counts.
    fn times(self) -> i128 {
        match self {
            Spread::Yearly { from, to, .. } => i128::from(to - from + 1).max(0),
            _ => 1,
        }
    }

    /// The first and last year it counts in (a one-off over several years:
    /// its first year; it is paid once).
    pub fn years(self) -> Option<(i32, i32)> {
        match self {
            Spread::Yearly { from, to, .. } => Some((from, to)),
            Spread::Once(y) | Spread::OnceOver { from: y } => Some((y, y)),
            Spread::Undated => None,
        }
    }
}

/// The amounts of some budget lines of one basis, added up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    /// `decided`, `spent`, `expected`, or `None`: not said.
    pub basis: Option<&'static str>,
    pub amount: i128,
    /// The first and last year of the lines (`None` if none is dated).
    pub years: Option<(i32, i32)>,
    /// Some line is yearly over more than one year: the total is not the
    /// sum of the amounts as written.
    pub spread: bool,
    /// The first year of the earliest yearly line with no end (which
    /// counts up to the horizon), if there is one.
    pub open_from: Option<i32>,
}

/// A site's rules for counting money.
#[derive(Debug, Clone, Copy)]
pub struct Money<'a> {
    site: &'a Site,
    /// The last year a yearly line with no end counts in.
    pub horizon: i32,
    /// `budget_basis` of pejl.yaml: the basis of lines that do not say.
    default_basis: Option<&'static str>,
}

/// The basis as one of [`BUDGET_BASES`] (validation allows no other).
fn known_basis(text: Option<&str>) -> Option<&'static str> {
    let text = text?;
    BUDGET_BASES.iter().copied().find(|b| *b == text)
}

impl<'a> Money<'a> {
    /// The rules of `site`: lines without a basis have `default_basis`
    /// (`budget_basis` of pejl.yaml); the horizon is `today`'s year or the
    /// last year any budget line names (an open-ended period names its
    /// first year), whichever is later.
    pub fn new(site: &'a Site, default_basis: Option<&str>, today: NaiveDate) -> Money<'a> {
        let named = site
            .entries
            .iter()
            .filter_map(|e| match &e.data {
                KindData::Initiative(x) => Some(&x.budget),
                _ => None,
            })
            .flatten()
            .filter_map(|b| site.dates.get(b.period.as_deref()?))
            .map(|p| {
                if p.open_ended {
                    p.start.year()
                } else {
                    p.end.year()
                }
            })
            .max();
        Money {
            site,
            horizon: named.map_or(today.year(), |y| y.max(today.year())),
            default_basis: known_basis(default_basis),
        }
    }

    /// How `line` counts.
    pub fn spread(&self, line: &BudgetData) -> Spread {
        let Some(p) = line.period.as_deref().and_then(|t| self.site.dates.get(t)) else {
            return Spread::Undated;
        };
        let from = p.start.year();
        match (line.per_year, p.open_ended) {
            (true, true) => Spread::Yearly {
                from,
                to: self.horizon.max(from),
                open: true,
            },
            (true, false) => Spread::Yearly {
                from,
                to: p.end.year(),
                open: false,
            },
            (false, open) if open || p.end.year() > from => Spread::OnceOver { from },
            (false, _) => Spread::Once(from),
        }
    }

    /// The line's amount as totals count it: once for each of its years.
    pub fn counted(&self, line: &BudgetData) -> i128 {
        i128::from(line.amount) * self.spread(line).times()
    }

    /// What the line's amount is: its own `basis`, else the site's.
    pub fn basis(&self, line: &BudgetData) -> Option<&'static str> {
        known_basis(line.basis.as_deref()).or(self.default_basis)
    }

    /// The totals of `lines`, one per basis, in the order of
    /// [`BUDGET_BASES`] with the lines that say none last.
    pub fn totals<'b>(&self, lines: impl IntoIterator<Item = &'b BudgetData>) -> Vec<Total> {
        let mut out: Vec<Total> = Vec::new();
        for line in lines {
            let basis = self.basis(line);
            let spread = self.spread(line);
            let at = match out.iter().position(|t| t.basis == basis) {
                Some(at) => at,
                None => {
                    out.push(Total {
                        basis,
                        amount: 0,
                        years: None,
                        spread: false,
                        open_from: None,
                    });
                    out.len() - 1
                }
            };
            let t = &mut out[at];
            t.amount += i128::from(line.amount) * spread.times();
            t.years = match (t.years, spread.years()) {
                (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
                (a, b) => a.or(b),
            };
            t.spread |= spread.times() > 1;
            if let Spread::Yearly {
                from, open: true, ..
            } = spread
            {
                t.open_from = Some(t.open_from.map_or(from, |y| y.min(from)));
            }
        }
        out.sort_by_key(|t| basis_order(t.basis));
        out
    }

    /// The strategy an initiative's money counts under: the one its
    /// `strategy` names, else the one its goal belongs to (through the
    /// goal's focus area), as linking resolved them.
    pub fn strategy(&self, initiative: usize) -> Option<usize> {
        let site = self.site;
        site.referenced(initiative, "strategy").or_else(|| {
            site.ancestors(initiative)
                .into_iter()
                .rev()
                .find(|&a| site.entries[a].kind == Kind::Strategy)
        })
    }
}

/// Where a basis comes in lists: decided, spent, expected, then not said.
pub fn basis_order(basis: Option<&str>) -> usize {
    basis
        .and_then(|b| BUDGET_BASES.iter().position(|x| *x == b))
        .unwrap_or(BUDGET_BASES.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yearly_line_counts_once_per_year_and_a_one_off_once() {
        assert_eq!(
            Spread::Yearly {
                from: 2025,
                to: 2027,
                open: false
            }
            .times(),
            3
        );
        assert_eq!(Spread::OnceOver { from: 2020 }.times(), 1);
        assert_eq!(Spread::Once(2020).years(), Some((2020, 2020)));
        assert_eq!(Spread::Undated.years(), None);
        assert_eq!(basis_order(Some("spent")), 1);
        assert_eq!(basis_order(None), 3);
        assert_eq!(known_basis(Some("decided")), Some("decided"));
        assert_eq!(known_basis(Some("besluttet")), None);
    }
}
