//! Writing a period back as text, in the official Danish style or in English:
//! the inverse of parsing, so `parse(p.canonical(..))` gives `p`'s interval.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use super::{Lang, Period, PeriodRules, Precision, format_day, month_name};

impl Period {
    /// The period in words a site shows: `13. marts 2025`, `4.-27. oktober
    /// 2023`, `medio januar 2024`, `uge 12 2025`, `1. kvartal 2025`, `efterår
    /// 2025`, `vinter 2025/26`, `2016–2019`, `april 2024 og frem`, `december
    /// 2024 eller januar 2025`. `rules` say what primo,
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
    let named = match precision {
        Precision::Week => weeks(start, end, lang),
        Precision::Season => season(start, end, lang),
        _ => None,
    };
    if let Some(words) = named {
        return words;
    }
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

/// `uge 12 2025`, `uge 12-14 2025`, `uge 52 2024-uge 2 2025` (`week 12
/// 2025`, `weeks 12-14 2025`) when the days are whole ISO weeks.
fn weeks(start: NaiveDate, end: NaiveDate, lang: Lang) -> Option<String> {
    if start.weekday() != Weekday::Mon || end.weekday() != Weekday::Sun || start > end {
        return None;
    }
    let (a, b) = (start.iso_week(), end.iso_week());
    let (one, more) = match lang {
        Lang::Da => ("uge", "uge"),
        Lang::En => ("week", "weeks"),
    };
    Some(if a == b {
        format!("{one} {} {}", a.week(), a.year())
    } else if a.year() == b.year() {
        format!("{more} {}-{} {}", a.week(), b.week(), a.year())
    } else {
        format!(
            "{one} {} {}-{one} {} {}",
            a.week(),
            a.year(),
            b.week(),
            b.year()
        )
    })
}

/// `forår 2025` … `vinter 2025/26` (`spring 2025` … `winter 2025/26`) when
/// the days are exactly one meteorological season.
fn season(start: NaiveDate, end: NaiveDate, lang: Lang) -> Option<String> {
    let last = start.checked_add_months(Months::new(3))?.pred_opt()?;
    if start.day() != 1 || end != last {
        return None;
    }
    let year = start.year();
    let name = match (start.month(), lang) {
        (3, Lang::Da) => "forår",
        (6, Lang::Da) => "sommer",
        (9, Lang::Da) => "efterår",
        (12, Lang::Da) => "vinter",
        (3, Lang::En) => "spring",
        (6, Lang::En) => "summer",
        (9, Lang::En) => "autumn",
        (12, Lang::En) => "winter",
        _ => return None,
    };
    Some(if start.month() == 12 {
        format!("{name} {year}/{:02}", (year + 1).rem_euclid(100))
    } else {
        format!("{name} {year}")
    })
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
