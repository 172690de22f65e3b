//! How far the municipality has come: the summary that opens the home page,
//! each strategy and each focus area. Counts of the initiatives by status
//! (those without one counted as such, never left out), the latest status
//! changes and outcomes, the next follow-ups and the ones past due.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Ctx, UPCOMING, iso_of};
use crate::content::model::KindData;
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::timeline::What;

impl Ctx<'_> {
    /// Every initiative of the site, in list order.
    pub(super) fn all_initiatives(&self) -> Vec<usize> {
        let site = self.site;
        let mut all: Vec<usize> = (0..site.entries.len())
            .filter(|&i| site.entries[i].kind == Kind::Initiative)
            .collect();
        all.sort_by_cached_key(|&i| crate::site::link::order_key(&site.entries[i]));
        all
    }

    /// The summary of `initiatives`, the ones under page `scope` (or the
    /// whole site's); `None` when there are none.
    pub(super) fn progress(
        &self,
        scope: Option<usize>,
        initiatives: &[usize],
    ) -> Option<ProgressCtx> {
        if initiatives.is_empty() {
            return None;
        }
        let within: HashSet<usize> = initiatives.iter().copied().collect();
        let overdue = self
            .timeline
            .items
            .iter()
            .enumerate()
            .filter(|(_, d)| d.what == What::FollowUp && within.contains(&d.page))
            .filter(|(_, d)| d.outcome.is_none() && !d.period.open_ended)
            .filter(|(_, d)| d.period.end < self.today)
            .map(|(k, d)| self.entry(k, d))
            .collect();
        Some(ProgressCtx {
            total: initiatives.len(),
            counts: self.status_tally(initiatives),
            news: self.news(initiatives, &within),
            next: self.upcoming(scope, UPCOMING),
            overdue,
        })
    }

    /// How many of `initiatives` have each status, and how many have none.
    fn status_tally(&self, initiatives: &[usize]) -> Vec<ProgressCount> {
        let ids = crate::site::vocabulary::status_ids(self.config);
        let mut counts = vec![0usize; ids.len() + 1];
        let mut other: Vec<(String, usize)> = Vec::new();
        for &i in initiatives {
            let status = match &self.site.entries[i].data {
                KindData::Initiative(x) => x.status.as_deref(),
                _ => None,
            };
            match status.map(|s| (s, ids.iter().position(|id| *id == s))) {
                None => counts[ids.len()] += 1,
                Some((_, Some(k))) => counts[k] += 1,
                // (A status outside the site's list is an error of the build;
                // counted under its own name all the same.)
                Some((s, None)) => match other.iter_mut().find(|(id, _)| id == s) {
                    Some((_, n)) => *n += 1,
                    None => other.push((s.to_string(), 1)),
                },
            }
        }
        let mut out: Vec<ProgressCount> = ids
            .iter()
            .map(|id| id.to_string())
            .zip(counts.iter().copied())
            .chain(other)
            .filter(|(_, n)| *n > 0)
            .map(|(id, count)| {
                let status = self.status(&id);
                ProgressCount {
                    label: status.label.clone(),
                    status: Some(status),
                    count,
                }
            })
            .collect();
        if counts[ids.len()] > 0 {
            out.push(ProgressCount {
                status: None,
                label: self.t("status_none"),
                count: counts[ids.len()],
            });
        }
        out
    }

    /// Status changes (an initiative's `status_date`) and outcomes of
    /// follow-ups, up to today, newest first.
    fn news(&self, initiatives: &[usize], within: &HashSet<usize>) -> Vec<ProgressNews> {
        let site = self.site;
        let mut news: Vec<(NaiveDate, usize, ProgressNews)> = Vec::new();
        for &i in initiatives {
            let KindData::Initiative(x) = &site.entries[i].data else {
                continue;
            };
            let (Some(status), Some(when)) = (&x.status, &x.status_date) else {
                continue;
            };
            let Some(p) = site.dates.get(when).filter(|p| p.start <= self.today) else {
                continue;
            };
            let item = ProgressNews {
                date: p.text.clone(),
                datetime: Some(iso_of(p)),
                initiative: self.link(i),
                status: Some(self.status(status)),
                status_note: x.status_note.clone(),
                outcome: None,
                forum: None,
            };
            news.push((p.start, i, item));
        }
        let outcomes = self.timeline.items.iter().filter(|d| {
            d.what == What::FollowUp
                && d.outcome.is_some()
                && d.period.start <= self.today
                && within.contains(&d.page)
        });
        for d in outcomes {
            let item = ProgressNews {
                date: d.period.text.clone(),
                datetime: Some(iso_of(&d.period)),
                initiative: self.link(d.page),
                status: None,
                status_note: None,
                outcome: d.outcome.clone(),
                forum: d.forum.clone(),
            };
            news.push((d.period.start, d.page, item));
        }
        // Newest first; the same day in list order.
        news.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        news.into_iter().take(UPCOMING).map(|(_, _, n)| n).collect()
    }
}
