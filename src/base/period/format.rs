//! Writing a period back as text, in the official Danish style or in English:
//! the inverse of parsing, so `parse(p.canonical(..))` gives `p`'s interval.

use chrono::{Datelike, NaiveDate};

use super::{Lang, Period, PeriodRules, Precision, format_day, month_name};

impl Period {
    /// The period in words a site shows: `13. marts 2025`, `4.-27. oktober
    /// 2023`, `medio januar 2024`, `1. kvartal 2025`, `2016–2019`, `april 2024
    /// og frem`, `december 2024 eller januar 2025`. `rules` say what primo,
    /// medio and ultimo cover, as for parsing.
    pub fn canonical(&self, lang: Lang, rules: &PeriodRules) -> String {
        if !self.alternatives.is_empty() {
            let or = match lang {
                Lang::Da => " eller ",
                Lang::En => " or ",
            };
            return self
                .alternatives
                .iter()
                .map(|a| a.canonical(lang, rules))
                .collect::<Vec<_>>()
                .join(or);
        }
        let text = interval(self.start, self.end, self.precision, lang, rules);
        if self.open_ended {
            match lang {
                Lang::Da => format!("{text} og frem"),
                Lang::En => format!("{text} and onwards"),
            }
        } else {
            text
        }
    }
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn is_whole_months(start: NaiveDate, end: NaiveDate) -> bool {
    start.day() == 1 && end == last_of_month(end)
}

fn interval(
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    lang: Lang,
    rules: &PeriodRules,
) -> String {
    let year = start.year();
    let same_year = year == end.year();
    let month = |d: NaiveDate| month_name(d.month(), lang);
    match precision {
        Precision::Quarter if same_year => {
            let q = start.month0() / 3 + 1;
            match lang {
                Lang::Da => format!("{q}. kvartal {year}"),
                Lang::En => format!("Q{q} {year}"),
            }
        }
        Precision::Half if same_year => {
            let h = start.month0() / 6 + 1;
            match lang {
                Lang::Da => format!("{h}. halvår {year}"),
                Lang::En => format!("{year}-H{h}"),
            }
        }
        Precision::Year | Precision::Span
            if start.ordinal() == 1 && end.month() == 12 && end.day() == 31 =>
        {
            if same_year {
                year.to_string()
            } else {
                format!("{year}–{}", end.year())
            }
        }
        Precision::Year if same_year => match (part_of_year(start, end, rules), lang) {
            (Some((da, _)), Lang::Da) => format!("{da} {year}"),
            (Some((_, en)), Lang::En) => format!("{en} {year}"),
            (None, _) => days(start, end, lang),
        },
        Precision::Month if is_whole_months(start, end) => {
            if start.month() == end.month() && same_year {
                format!("{} {year}", month(start))
            } else if same_year {
                format!("{}-{} {year}", month(start), month(end))
            } else {
                days(start, end, lang)
            }
        }
        Precision::Month if start.month() == end.month() && same_year => {
            match (part_of_month(start, end, rules), lang) {
                (Some((da, _)), Lang::Da) => format!("{da} {} {year}", month(start)),
                (Some((_, en)), Lang::En) => format!("{en} {} {year}", month(start)),
                (None, _) => days(start, end, lang),
            }
        }
        _ => days(start, end, lang),
    }
}

/// "primo", "medio" or "ultimo" (and the English word) when the months of
/// a year are exactly what the site's rules say they cover.
fn part_of_year(
    start: NaiveDate,
    end: NaiveDate,
    rules: &PeriodRules,
) -> Option<(&'static str, &'static str)> {
    let (sm, em) = (start.month(), end.month());
    if sm == 1 && em == rules.primo_months {
        Some(("primo", "early"))
    } else if sm == rules.medio_start_month && em == rules.medio_end_month {
        Some(("medio", "mid"))
    } else if em == 12 && sm == 13 - rules.ultimo_months {
        Some(("ultimo", "late"))
    } else {
        None
    }
}

/// The same for the days of one month.
fn part_of_month(
    start: NaiveDate,
    end: NaiveDate,
    rules: &PeriodRules,
) -> Option<(&'static str, &'static str)> {
    let last = last_of_month(start).day();
    if start.day() == 1 && end.day() == rules.primo_days.min(last) {
        Some(("primo", "early"))
    } else if start.day() == rules.medio_start_day && end.day() == rules.medio_end_day.min(last) {
        Some(("medio", "mid"))
    } else if end.day() == last && start.day() == (32 - rules.ultimo_days).min(last) {
        Some(("ultimo", "late"))
    } else {
        None
    }
}

/// A day, or a range of days.
fn days(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        return format_day(start, lang);
    }
    match lang {
        Lang::Da if start.year() == end.year() && start.month() == end.month() => format!(
            "{}.-{}. {} {}",
            start.day(),
            end.day(),
            month_name(start.month(), lang),
            start.year()
        ),
        Lang::Da if start.year() == end.year() => format!(
            "{}. {}-{}. {} {}",
            start.day(),
            month_name(start.month(), lang),
            end.day(),
            month_name(end.month(), lang),
            start.year()
        ),
        Lang::En if start.year() == end.year() && start.month() == end.month() => format!(
            "{} {}-{}, {}",
            month_name(start.month(), lang),
            start.day(),
            end.day(),
            start.year()
        ),
        _ => format!("{} - {}", format_day(start, lang), format_day(end, lang)),
    }
}
