//! Everything dated in the portal, in date order.
//!
//! Owns which things are dated (milestones, follow-ups, initiatives' starts and
//! ends, budget periods, source documents), their order (by the start of their
//! interval, ties in source order), which pages each concerns (its own page,
//! every page above it, and the strategies a milestone names), and the checks
//! of follow-ups and statuses against today. Pages, the Gantt view and the
//! calendars read from here. Pure.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::base::period::{Period, Precision};
use crate::config::Config;
use crate::content::model::KindData;
use crate::site::dates::Dates;
use crate::site::link::Site;

/// What a dated thing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum What {
    Milestone,
    FollowUp,
    Start,
    End,
    Budget,
    Document,
}

impl What {
    /// The name used in CSS classes and the theme's `kind_*` strings.
    pub fn name(self) -> &'static str {
        match self {
            What::Milestone => "milestone",
            What::FollowUp => "follow_up",
            What::Start => "start",
            What::End => "end",
            What::Budget => "budget",
            What::Document => "document",
        }
    }

    /// Things that happen on a date (and go in calendars and upcoming lists),
    /// as opposed to the edges of a span.
    pub fn is_event(self) -> bool {
        matches!(self, What::Milestone | What::FollowUp)
    }
}

/// One dated thing.
#[derive(Debug, Clone)]
pub struct Dated {
    pub period: Period,
    pub what: What,
    /// The page it belongs to.
    pub page: usize,
    /// The page's place in the source and the thing's place in the page, for ties.
    pub order: (usize, usize),
    /// Its number among the page's things of the same kind (the 2nd follow-up
    /// is 1), for identifiers that stay put when other fields change.
    pub seq: usize,
    pub forum: Option<String>,
    pub text: Option<String>,
    pub outcome: Option<String>,
    /// A budget line's amount in kroner.
    pub amount: Option<i64>,
    /// The budget line's amount is paid every year of its period.
    pub per_year: bool,
    /// Where the date is written (follow-ups).
    pub pos: Option<Pos>,
}

/// Every dated thing, sorted, and which pages each one concerns.
#[derive(Debug, Default)]
pub struct Timeline {
    pub items: Vec<Dated>,
    /// Page → indices into `items` that concern it.
    concerning: Vec<Vec<usize>>,
}

impl Timeline {
    pub fn collect(site: &Site) -> Timeline {
        use rayon::prelude::*;
        // Each page's dates are read on its own (in parallel), then all sorted.
        let mut items: Vec<Dated> = site
            .entries
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, e)| dated_of(i, e, &site.dates))
            .collect();
        items.par_sort_unstable_by_key(|d| (d.period.start, d.period.end, d.order));
        // The pages each item concerns are worked out in parallel; the items
        // are then filed under each page in date order.
        let pages_of: Vec<Vec<usize>> = items
            .par_iter()
            .map(|d| {
                let mut pages = site.ancestors(d.page);
                pages.push(d.page);
                if let KindData::Milestone(_) = &site.entries[d.page].data {
                    pages.extend(site.all_referenced(d.page, "strategies"));
                }
                pages.sort_unstable();
                pages.dedup();
                pages
            })
            .collect();
        let mut concerning: Vec<Vec<usize>> = vec![Vec::new(); site.entries.len()];
        for (k, pages) in pages_of.into_iter().enumerate() {
            for p in pages {
                concerning[p].push(k);
            }
        }
        Timeline { items, concerning }
    }

    /// The dated things that concern page `page`: its own, those of every page
    /// below it, and milestones that name it. In date order.
    pub fn concerning(&self, page: usize) -> impl Iterator<Item = &Dated> {
        self.concerning_at(page).map(|(_, d)| d)
    }

    /// [`Timeline::concerning`], each with its index in `items`.
    pub fn concerning_at(&self, page: usize) -> impl Iterator<Item = (usize, &Dated)> {
        self.concerning
            .get(page)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&k| (k, &self.items[k]))
    }
}

/// The quarter (1–4) a date falls in.
pub fn quarter(date: NaiveDate) -> u32 {
    (date.month0() / 3) + 1
}

/// Whether a thing is grouped under a quarter of its year, or under the year
/// as a whole (a year, a half, a season, a span). A week is in the quarter of
/// its Monday, and weeks are if all their Mondays are in one quarter.
pub fn has_quarter(p: &Period) -> bool {
    match p.precision {
        Precision::Day | Precision::Month | Precision::Quarter => p.end <= last_of_quarter(p.start),
        Precision::Week => p
            .end
            .checked_sub_days(Days::new(6))
            .is_some_and(|monday| monday <= last_of_quarter(p.start)),
        Precision::Season | Precision::Half | Precision::Year | Precision::Span => false,
    }
}

fn last_of_quarter(date: NaiveDate) -> NaiveDate {
    let first_month = (quarter(date) - 1) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), first_month, 1)
        .and_then(|d| d.checked_add_months(Months::new(3)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

/// Follow-ups whose period has ended without an outcome, and initiatives whose
/// status was last confirmed longer ago than the site allows.
pub fn check(site: &Site, config: &Config, today: NaiveDate) -> Vec<Diagnostic> {
    let checks = &config.checks;
    let warn = |words: Words| {
        if checks.strict {
            Diagnostic::error(words)
        } else {
            Diagnostic::warning(words)
        }
    };
    let strict_help = Words::new(
        "this is an error because `checks.strict` is on in pejl.yaml",
        "det er en fejl, fordi `checks.strict` er slået til i pejl.yaml",
    );
    let mut out = Vec::new();
    for e in site.entries.iter() {
        let KindData::Initiative(x) = &e.data else {
            continue;
        };
        if checks.overdue_follow_ups {
            for f in x.follow_ups.iter().filter(|f| f.outcome.is_none()) {
                let Some(p) = site.dates.get(&f.date) else {
                    continue;
                };
                if p.open_ended || p.end >= today {
                    continue;
                }
                let (date, title) = (&f.date, &e.common.title);
                let mut d = warn(crate::words!(
                    "the follow-up \"{date}\" of \"{title}\" has passed, but no outcome is written",
                    "opfølgningen \"{date}\" af \"{title}\" er overstået, men der står ikke, hvad den førte til"
                ))
                .in_file(&e.display)
                .at(f.date_pos)
                .with_help(Words::new(
                    "add `outcome:` to the follow-up with what came of it, or move `date:` if it has been postponed",
                    "tilføj `outcome:` til opfølgningen med, hvad den førte til, eller ret `date:`, hvis den er udskudt",
                ));
                if checks.strict {
                    d = d.with_help(strict_help.clone());
                }
                out.push(d);
            }
        }
        let months = checks.status_max_age_months;
        if months > 0
            && let Some(text) = &x.status_date
            && let Some(p) = site.dates.get(text)
            && let Some(limit) = today.checked_sub_months(Months::new(months))
            && p.end < limit
        {
            let title = &e.common.title;
            let mut d = warn(crate::words!(
                "the status of \"{title}\" was last confirmed {text}, more than {months} months ago",
                "status for \"{title}\" blev sidst bekræftet {text}, for mere end {months} måneder siden"
            ))
            .in_file(&e.display)
            .at(x.status_date_pos)
            .with_help(Words::new(
                "check that `status:` is still right, then set `status_date:` to today's date",
                "tjek, at `status:` stadig passer, og sæt så `status_date:` til dags dato",
            ));
            if checks.strict {
                d = d.with_help(strict_help.clone());
            }
            out.push(d);
        }
    }
    out
}

/// The dated things of page `i`, in the order its file gives them.
fn dated_of(i: usize, e: &crate::content::model::Entry, dates: &Dates) -> Vec<Dated> {
    let mut items = Vec::new();
    let mut n = 0;
    let mut seqs: HashMap<What, usize> = HashMap::new();
    let mut push = |date: &str, what: What, fill: &dyn Fn(&mut Dated)| {
        n += 1;
        let seq = seqs.entry(what).or_default();
        *seq += 1;
        let seq = *seq - 1;
        let Some(period) = dates.get(date).cloned() else {
            return;
        };
        let mut d = Dated {
            period,
            what,
            page: i,
            order: (i, n),
            seq,
            forum: None,
            text: None,
            outcome: None,
            amount: None,
            per_year: false,
            pos: None,
        };
        fill(&mut d);
        items.push(d);
    };
    match &e.data {
        KindData::Milestone(m) => push(&m.date, What::Milestone, &|d| {
            d.forum = m.forum.clone();
        }),
        KindData::Initiative(x) => {
            if let Some(start) = &x.start {
                push(start, What::Start, &|_| {});
            }
            if let Some(end) = &x.end {
                push(end, What::End, &|_| {});
            }
            for f in &x.follow_ups {
                push(&f.date, What::FollowUp, &|d| {
                    d.forum = f.forum.clone();
                    d.text = f.text.clone();
                    d.outcome = f.outcome.clone();
                    d.pos = Some(f.date_pos);
                });
            }
            for b in &x.budget {
                if let Some(p) = &b.period {
                    push(p, What::Budget, &|d| {
                        d.amount = Some(b.amount);
                        d.per_year = b.per_year;
                        d.text = b.note.clone().or_else(|| b.source.clone());
                    });
                }
            }
        }
        KindData::Document(doc) => {
            if let Some(date) = &doc.date {
                push(date, What::Document, &|d| {
                    d.text = doc.doc_type.clone();
                });
            }
        }
        _ => {}
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn quarters_of_dates() {
        assert_eq!(quarter(day(2025, 1, 1)), 1);
        assert_eq!(quarter(day(2025, 3, 31)), 1);
        assert_eq!(quarter(day(2025, 4, 1)), 2);
        assert_eq!(quarter(day(2025, 12, 31)), 4);
        assert_eq!(last_of_quarter(day(2025, 5, 17)), day(2025, 6, 30));
    }

    #[test]
    fn what_is_grouped_under_a_quarter() {
        let p = |t: &str| crate::base::period::parse(t).unwrap();
        assert!(has_quarter(&p("6. februar 2025")));
        assert!(has_quarter(&p("1. kvartal 2025")));
        assert!(has_quarter(&p("4.-27. oktober 2023")));
        assert!(!has_quarter(&p("2025")));
        assert!(!has_quarter(&p("1. halvår 2025")));
        assert!(!has_quarter(&p("marts-maj 2025")), "spans two quarters");
        assert!(has_quarter(&p("uge 12 2025")));
        let week_14 = p("uge 14 2025");
        assert!(has_quarter(&week_14), "31 March to 6 April: its Monday's");
        assert_eq!(quarter(week_14.start), 1);
        assert!(has_quarter(&p("uge 10-13 2025")), "Mondays 3-24 March");
        assert!(
            !has_quarter(&p("uge 13-15 2025")),
            "Mondays in two quarters"
        );
        assert!(!has_quarter(&p("efterår 2025")), "a season, like a half");
        assert!(!has_quarter(&p("vinter 2025")));
    }
}
