//! Indicators: what a goal is measured by. An indicator's page (its unit,
//! which way is better, baseline, target and latest value, the trend in
//! words, the chart and the table of the same numbers) and the summary its
//! goal's page lists (the latest value against the target).

use chrono::NaiveDate;

use super::{Ctx, format_number, iso_start};
use crate::content::model::{Direction, IndicatorData, KindData};
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::link::Rel;

mod chart;

/// What a value of an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Baseline,
    Measurement,
    Target,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Baseline => "baseline",
            Role::Measurement => "measurement",
            Role::Target => "target",
        }
    }
}

/// A value with its period, before it is formatted.
struct Point<'a> {
    role: Role,
    value: f64,
    period: Option<&'a str>,
    note: Option<&'a str>,
}

impl Ctx<'_> {
    /// The page of an indicator.
    pub(super) fn indicator(&self, i: usize, x: &IndicatorData) -> IndicatorCtx {
        let site = self.site;
        let goal = site
            .referenced(i, "goal")
            .map_or_else(|| self.link(i), |g| self.link(g));
        let strategy = site
            .ancestors(i)
            .into_iter()
            .rev()
            .find(|&a| site.entries[a].kind == Kind::Strategy)
            .map(|s| self.link(s));
        let points = self.points(x);
        let unit = x.unit.as_deref();
        let rows = points
            .iter()
            .map(|p| FigureRow {
                kind: p.role.name().into(),
                kind_label: self.t(&format!("indicator_{}", p.role.name())),
                figure: self.figure(p.value, p.period, unit),
                note: p.note.map(str::to_string),
            })
            .collect();
        let latest = latest(&points);
        IndicatorCtx {
            goal,
            strategy,
            unit: x.unit.clone(),
            direction: x.direction.map(|d| direction_name(d).into()),
            direction_label: x.direction.map(|d| self.direction_label(d)),
            baseline: (x.baseline.as_ref()).map(|b| self.figure(b.value, Some(&b.period), unit)),
            target: self.target(x),
            latest: latest.map(|p| self.figure(p.value, p.period, unit)),
            trend: self.trend(x, latest.map(|p| p.value)),
            chart: self.chart(i, x, &points),
            rows,
        }
    }

    /// The indicators of goal `i`, each with its latest value and target.
    pub(super) fn indicators_of(&self, goal: usize) -> Vec<IndicatorSummary> {
        let site = self.site;
        site.related(goal, Rel::Indicators)
            .iter()
            .filter_map(|&i| {
                let KindData::Indicator(x) = &site.entries[i].data else {
                    return None;
                };
                let points = self.points(x);
                let latest = latest(&points);
                Some(IndicatorSummary {
                    link: self.link(i),
                    latest: latest.map(|p| self.figure(p.value, p.period, x.unit.as_deref())),
                    target: self.target(x),
                    trend: self.trend(x, latest.map(|p| p.value)),
                })
            })
            .collect()
    }

    /// The baseline and the measurements in the order of their periods
    /// (the baseline first of two in one period; periods that cannot be
    /// read last), then the target.
    fn points<'a>(&self, x: &'a IndicatorData) -> Vec<Point<'a>> {
        let baseline = x.baseline.iter().map(|b| Point {
            role: Role::Baseline,
            value: b.value,
            period: Some(&b.period),
            note: None,
        });
        let measured = x.measurements.iter().map(|m| Point {
            role: Role::Measurement,
            value: m.value,
            period: Some(&m.period),
            note: m.note.as_deref(),
        });
        let mut points: Vec<Point> = baseline.chain(measured).collect();
        points.sort_by_cached_key(|p| (self.period_key(p.period), p.role));
        points.extend(x.target.iter().map(|t| Point {
            role: Role::Target,
            value: t.value,
            period: t.period.as_deref(),
            note: None,
        }));
        points
    }

    fn period_key(&self, period: Option<&str>) -> (NaiveDate, NaiveDate) {
        period
            .and_then(|p| self.site.dates.get(p))
            .map_or((NaiveDate::MAX, NaiveDate::MAX), |p| p.sort_key())
    }

    fn target(&self, x: &IndicatorData) -> Option<Figure> {
        let t = x.target.as_ref()?;
        Some(self.figure(t.value, t.period.as_deref(), x.unit.as_deref()))
    }

    fn figure(&self, value: f64, period: Option<&str>, unit: Option<&str>) -> Figure {
        let number = format_number(value, &self.config.language);
        Figure {
            value: with_unit(&number, unit),
            number,
            period: period.map(str::to_string),
            datetime: period.and_then(|p| iso_start(self.site, p)),
        }
    }

    fn direction_label(&self, d: Direction) -> String {
        self.t(&format!("indicator_{}", direction_name(d)))
    }

    /// The latest value against the baseline, in words: "Steget fra 62 %
    /// i 2023, den rigtige vej." and whether the target is reached.
    fn trend(&self, x: &IndicatorData, latest: Option<f64>) -> Option<String> {
        let now = latest?;
        let mut words = Vec::new();
        if let Some(b) = &x.baseline {
            let from = with_unit(
                &format_number(b.value, &self.config.language),
                x.unit.as_deref(),
            );
            let key = match now.total_cmp(&b.value) {
                std::cmp::Ordering::Greater => "indicator_up",
                std::cmp::Ordering::Less => "indicator_down",
                std::cmp::Ordering::Equal => "indicator_same",
            };
            let mut moved = self
                .t(key)
                .replace("{from}", &from)
                .replace("{period}", &b.period);
            if let Some(d) = x.direction.filter(|_| now != b.value) {
                let better = (now > b.value) == (d == Direction::Higher);
                let way = if better {
                    "indicator_better"
                } else {
                    "indicator_worse"
                };
                moved = format!("{moved}, {}", self.t(way));
            }
            words.push(format!("{moved}."));
        }
        if let (Some(t), Some(d)) = (&x.target, x.direction) {
            let reached = match d {
                Direction::Higher => now >= t.value,
                Direction::Lower => now <= t.value,
            };
            if reached {
                words.push(self.t("indicator_reached"));
            }
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// The chart of page `i`'s values; none when there is nothing to draw.
    fn chart(&self, i: usize, x: &IndicatorData, points: &[Point]) -> Option<Html> {
        let unit = x.unit.as_deref();
        let language = self.config.language.as_str();
        let series: Vec<chart::Point> = points
            .iter()
            .filter(|p| p.role != Role::Target)
            .map(|p| chart::Point {
                label: p.period.unwrap_or_default().to_string(),
                value: p.value,
                text: format_number(p.value, language),
                baseline: p.role == Role::Baseline,
            })
            .collect();
        if series.is_empty() {
            return None;
        }
        let target = x.target.as_ref().map(|t| {
            let value = with_unit(&format_number(t.value, language), unit);
            let by = t
                .period
                .as_ref()
                .map(|p| format!(" {} {p}", self.t("indicator_in")));
            chart::Level {
                value: t.value,
                text: format!(
                    "{}: {value}{}",
                    self.t("indicator_target"),
                    by.unwrap_or_default()
                ),
            }
        });
        let e = &self.site.entries[i];
        let drawing = chart::Chart {
            id: &e.id,
            title: format!("{}: {}", e.common.title, self.t("indicator_measurements")),
            desc: self.chart_desc(x, points),
            points: series,
            target,
            unit: unit.map(str::to_string),
            legend: [
                self.t("indicator_baseline"),
                self.t("indicator_measurement"),
                self.t("indicator_target"),
            ],
            format: &|v| format_number(v, language),
        };
        Some(Html::new(chart::svg(&drawing)))
    }

    /// What the chart shows, in words: which way is better, the baseline,
    /// every measurement and the target, as the table holds them.
    fn chart_desc(&self, x: &IndicatorData, points: &[Point]) -> String {
        let unit = x.unit.as_deref();
        let language = self.config.language.as_str();
        let said = |p: &Point| {
            let value = with_unit(&format_number(p.value, language), unit);
            match (p.role, p.period) {
                (Role::Target, Some(period)) => {
                    format!("{value} {} {period}", self.t("indicator_in"))
                }
                (_, Some(period)) => format!("{value} ({period})"),
                (_, None) => value,
            }
        };
        let of = |role: Role| points.iter().filter(move |p| p.role == role).map(said);
        let mut parts: Vec<String> = x
            .direction
            .map(|d| self.direction_label(d))
            .into_iter()
            .collect();
        for (role, key) in [
            (Role::Baseline, "indicator_baseline"),
            (Role::Measurement, "indicator_measurements"),
            (Role::Target, "indicator_target"),
        ] {
            let values: Vec<String> = of(role).collect();
            if !values.is_empty() {
                parts.push(format!("{}: {}", self.t(key), values.join(", ")));
            }
        }
        let mut desc = parts.join(". ");
        desc.push('.');
        if let Some(trend) = self.trend(x, latest(points).map(|p| p.value)) {
            desc = format!("{desc} {trend}");
        }
        desc
    }
}

/// The measurement of the latest period.
fn latest<'p, 'a>(points: &'p [Point<'a>]) -> Option<&'p Point<'a>> {
    points.iter().rfind(|p| p.role == Role::Measurement)
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Higher => "higher",
        Direction::Lower => "lower",
    }
}

/// `64,5 %`: the number and its unit, kept on one line.
fn with_unit(number: &str, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => format!("{number}\u{a0}{u}"),
        None => number.to_string(),
    }
}
