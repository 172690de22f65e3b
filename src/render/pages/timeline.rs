//! The timeline parts of page contexts: the portal's timeline page, the
//! timelines of strategies, focus areas and initiatives, upcoming follow-ups,
//! and the Gantt-like view of initiatives.

use chrono::{Datelike, NaiveDate};

use super::{Ctx, format_money, iso_of};
use crate::base::period::{self, Lang, Period};
use crate::content::model::KindData;
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::timeline::{Dated, has_quarter, quarter};

impl Ctx<'_> {
    pub(super) fn lang(&self) -> Lang {
        if self.config.language == "en" {
            Lang::En
        } else {
            Lang::Da
        }
    }

    /// The timeline's item `k` as pages show it: made the first time a page
    /// shows it, then shared (an initiative's follow-up is on its own page,
    /// its focus area's, its strategy's and the portal's timeline).
    pub(super) fn entry(&self, k: usize, d: &Dated) -> Shared<TimelineEntry> {
        self.timeline_entries[k]
            .get_or_init(|| Shared::new(self.make_entry(d)))
            .clone()
    }

    fn make_entry(&self, d: &Dated) -> TimelineEntry {
        let site = self.site;
        let kind = d.what.name();
        TimelineEntry {
            date: d.period.text.clone(),
            datetime: Some(iso_of(&d.period)),
            title: site.entries[d.page].common.title.clone(),
            url: site.urls[d.page].clone(),
            kind: kind.to_string(),
            kind_label: self.kind_label(kind),
            forum: d.forum.clone(),
            // A document's text is its type, shown in the site's words.
            text: match d.what {
                crate::site::timeline::What::Document => {
                    d.text.as_deref().map(|t| self.doc_type(t))
                }
                _ => d.text.clone(),
            },
            outcome: d.outcome.clone(),
            amount: d.amount.map(|a| {
                let amount = format_money(a, &self.config.language);
                match d.per_year {
                    true => format!("{amount} {}", self.t("per_year")),
                    false => amount,
                }
            }),
            past: !d.period.open_ended && d.period.end < self.today,
        }
    }

    fn today_entry(&self) -> Shared<TimelineEntry> {
        let today = period::format_day(self.today, self.lang());
        Shared::new(TimelineEntry {
            datetime: Some(self.today.format("%Y-%m-%d").to_string()),
            title: self.t("today"),
            url: String::new(),
            kind: "today".into(),
            kind_label: self.t("today"),
            forum: None,
            text: None,
            outcome: None,
            amount: None,
            past: false,
            date: today,
        })
    }

    /// Milestones and follow-ups that have not ended before today, in date
    /// order: of the whole portal, or of what concerns page `of`.
    pub(super) fn upcoming(&self, of: Option<usize>, max: usize) -> Vec<Shared<TimelineEntry>> {
        let items: Box<dyn Iterator<Item = (usize, &Dated)>> = match of {
            Some(i) => Box::new(self.timeline.concerning_at(i)),
            None => Box::new(self.timeline.items.iter().enumerate()),
        };
        items
            .filter(|(_, d)| d.what.is_event())
            // An open-ended thing that has begun is under way, not upcoming.
            .filter(|(_, d)| d.period.end >= self.today)
            .take(max)
            .map(|(k, d)| self.entry(k, d))
            .collect()
    }

    /// Group dated things by year, then by quarter (things longer than a
    /// quarter first, under "the whole year"), with a marker at today.
    fn years<'d>(&self, items: impl Iterator<Item = (usize, &'d Dated)>) -> Vec<TimelineYear> {
        // (year, group: 0 = whole year, 1–4 = quarter) → entries, in order.
        let mut flat: Vec<((i32, u32), Shared<TimelineEntry>, NaiveDate)> = items
            .map(|(k, d)| {
                let group = if has_quarter(&d.period) {
                    quarter(d.period.start)
                } else {
                    0
                };
                (
                    (d.period.start.year(), group),
                    self.entry(k, d),
                    d.period.start,
                )
            })
            .collect();
        // Whole-year things first in their year, then each quarter; the sort
        // is stable, so date order holds within each group.
        flat.sort_by_key(|(group, _, _)| *group);
        let today_at = (self.today.year(), quarter(self.today));
        let place = flat
            .iter()
            .position(|(g, _, start)| *g > today_at || (*g == today_at && *start > self.today))
            .unwrap_or(flat.len());
        let touches_today = flat
            .first()
            .is_some_and(|(g, _, _)| g.0 <= self.today.year())
            && flat
                .last()
                .is_some_and(|(g, _, _)| g.0 >= self.today.year());
        if touches_today {
            flat.insert(place, (today_at, self.today_entry(), self.today));
        }
        let mut years: Vec<TimelineYear> = Vec::new();
        let mut last: Option<(i32, u32)> = None;
        for ((year, group), entry, _) in flat {
            if last.is_none_or(|(y, _)| y != year) {
                years.push(TimelineYear {
                    year: year.to_string(),
                    groups: Vec::new(),
                });
            }
            let Some(y) = years.last_mut() else { continue };
            match y.groups.last_mut() {
                Some(g) if last == Some((year, group)) => g.entries.push(entry),
                _ => y.groups.push(TimelineGroup {
                    label: self.group_label(group),
                    entries: vec![entry],
                }),
            }
            last = Some((year, group));
        }
        years
    }

    fn group_label(&self, group: u32) -> String {
        if group == 0 {
            self.t("whole_year")
        } else {
            self.t("quarter_n").replace("{n}", &group.to_string())
        }
    }

    /// The portal-wide timeline page, with every initiative in the Gantt view.
    pub fn timeline_page(&self) -> PageCtx {
        let mut page =
            self.generated_page("timeline", &self.t("timeline_title"), self.timeline_url());
        let initiatives: Vec<usize> = (0..self.site.entries.len())
            .filter(|&i| self.site.entries[i].kind == Kind::Initiative)
            .collect();
        page.timeline = Some(TimelineCtx {
            years: self.years(self.timeline.items.iter().enumerate()),
            today: period::format_day(self.today, self.lang()),
            gantt: self.gantt(&initiatives),
            calendar_url: Some(
                crate::base::routes::calendar_name(&self.config.language).to_string(),
            ),
        });
        page
    }

    /// The timeline of what concerns page `i`; `None` when nothing is dated.
    pub(super) fn timeline_of(&self, i: usize, with_gantt: bool) -> Option<TimelineCtx> {
        let items: Vec<(usize, &Dated)> = self.timeline.concerning_at(i).collect();
        if items.is_empty() {
            return None;
        }
        let site = self.site;
        let gantt = with_gantt
            .then(|| {
                let mut below: Vec<usize> = items
                    .iter()
                    .map(|(_, d)| d.page)
                    .filter(|&p| site.entries[p].kind == Kind::Initiative)
                    .collect();
                below.sort_unstable();
                below.dedup();
                self.gantt(&below)
            })
            .flatten();
        let calendar_url = (site.entries[i].kind == Kind::Strategy)
            .then(|| crate::base::routes::calendar_beside(&site.urls[i], &self.config.language));
        Some(TimelineCtx {
            years: self.years(items.into_iter()),
            today: period::format_day(self.today, self.lang()),
            gantt,
            calendar_url,
        })
    }

    /// Initiatives with a `start` as bars over the years; `None` if none has one.
    fn gantt(&self, initiatives: &[usize]) -> Option<GanttCtx> {
        let site = self.site;
        let read = |t: &Option<String>| -> Option<Period> {
            t.as_deref().and_then(|t| site.dates.get(t)).cloned()
        };
        let mut spans: Vec<(usize, Period, Option<Period>)> = initiatives
            .iter()
            .filter_map(|&i| {
                let span = self.spans[i].get_or_init(|| match &site.entries[i].data {
                    KindData::Initiative(x) => Some((read(&x.start)?, read(&x.end))),
                    _ => None,
                });
                span.clone().map(|(start, end)| (i, start, end))
            })
            .collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_by_key(|(i, s, e)| (s.start, e.as_ref().map(|e| e.end), *i));
        let first = spans.iter().map(|(_, s, _)| s.start.year()).min()?;
        let last = spans
            .iter()
            .map(|(_, s, e)| e.as_ref().map_or(s.end, |e| e.end).year())
            .max()?
            .max(self.today.year())
            .max(first);
        let from = NaiveDate::from_ymd_opt(first, 1, 1)?;
        let to = NaiveDate::from_ymd_opt(last, 12, 31)?;
        let total = (to - from).num_days().max(1) as f64;
        let pct = |d: NaiveDate| {
            let days = (d.clamp(from, to) - from).num_days() as f64;
            days / total * 100.0
        };
        let fmt = |x: f64| format!("{x:.2}");
        let years = (first..=last)
            .filter_map(|y| {
                let a = NaiveDate::from_ymd_opt(y, 1, 1)?;
                let b = NaiveDate::from_ymd_opt(y, 12, 31)?;
                Some(GanttYear {
                    year: y.to_string(),
                    left: fmt(pct(a)),
                    width: fmt(pct(b) - pct(a)),
                })
            })
            .collect();
        let rows = spans
            .into_iter()
            .map(|(i, start, end)| {
                let stop = end.as_ref().map_or(to, |e| e.end);
                let left = pct(start.start);
                let period = match &end {
                    Some(e) => format!("{} – {}", start.text, e.text),
                    None => self.t("from_period").replace("{start}", &start.text),
                };
                GanttRow {
                    link: self.link(i),
                    period,
                    left: fmt(left),
                    width: fmt((pct(stop) - left).max(0.5)),
                    open_ended: end.is_none(),
                }
            })
            .collect();
        let today_left = (from..=to)
            .contains(&self.today)
            .then(|| fmt(pct(self.today)));
        Some(GanttCtx {
            years,
            rows,
            today_left,
        })
    }
}
