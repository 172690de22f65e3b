//! Dates as strategy documents write them: `1. kvartal 2025`, `medio januar 2024`,
//! `4.-27. oktober 2023`, `2020 og frem`, `december 2024 eller januar 2025`.
//!
//! Owns reading such text into an interval (start, end, precision) while keeping
//! the words as written for display, and formatting days in Danish and English.
//! It must not do I/O or know about files and diagnostics.
//!
//! primo/medio/ultimo cover, by default: of a month the 1st–10th, 11th–20th and
//! 21st–last day; of a year January–March, May–August and October–December
//! ([`PeriodRules`]).

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    Span,
}

/// A period as written, with the interval it covers (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub text: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: Precision,
    /// "og frem", "and onwards": the period continues after `end`.
    pub open_ended: bool,
    /// The alternatives of "x eller y"; empty otherwise.
    pub alternatives: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub message: String,
    /// 0-based character offset in the text where the problem is.
    pub column: usize,
}

/// What primo, medio and ultimo cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodRules {
    pub primo_days: u32,
    pub medio_start_day: u32,
    pub medio_end_day: u32,
    pub ultimo_days: u32,
    pub primo_months: u32,
    pub ultimo_months: u32,
}

impl Default for PeriodRules {
    fn default() -> Self {
        PeriodRules {
            primo_days: 10,
            medio_start_day: 11,
            medio_end_day: 20,
            ultimo_days: 11,
            primo_months: 3,
            ultimo_months: 3,
        }
    }
}

/// Example forms, for error messages.
pub const ACCEPTED_FORMS: &[&str] = &[
    "13. marts 2025",
    "4.-27. oktober 2023",
    "4. oktober-6. november 2023",
    "oktober 2023",
    "medio januar 2024",
    "primo 2026",
    "1. kvartal 2025",
    "1. halvår 2025",
    "2025",
    "april og frem 2024",
    "2016–2019",
    "december 2024 eller januar 2025",
    "2025-03-13",
    "2025-03",
    "2025-Q1",
];

const DA_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn parse(text: &str) -> Result<Period, PeriodError> {
    parse_with(text, &PeriodRules::default())
}

pub fn parse_with(text: &str, rules: &PeriodRules) -> Result<Period, PeriodError> {
    let written = text.trim().to_string();
    let norm = normalise(&written);
    let unknown = || PeriodError {
        message: format!("I cannot read \"{written}\" as a date"),
        column: 0,
    };
    if norm.is_empty() {
        return Err(PeriodError {
            message: "the date is empty".into(),
            column: 0,
        });
    }
    for sep in [" eller ", " or "] {
        if let Some((a, b)) = norm.split_once(sep) {
            let first = parse_simple(a, rules, &written)?;
            let second = parse_simple(b, rules, &written)?;
            let mut p = span_of(&first, &second, Precision::Span);
            p.alternatives = vec![first, second];
            return Ok(Period { text: written, ..p });
        }
    }
    let p = parse_simple(&norm, rules, &written)
        .map_err(|e| if e.message.is_empty() { unknown() } else { e })?;
    Ok(Period { text: written, ..p })
}

/// Lower case, one space between words, en/em dashes as `-`, no "den"/"fra" in front.
fn normalise(text: &str) -> String {
    let lowered = text.to_lowercase().replace(['–', '—'], "-");
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let mut s = words.join(" ");
    for prefix in ["den ", "fra ", "from "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = format!("{rest}{}", if prefix == "den " { "" } else { " og frem" });
        }
    }
    s.replace(" - ", "-")
        .replace(" and onwards", " og frem")
        .replace(" onwards", " og frem")
}

fn period(start: NaiveDate, end: NaiveDate, precision: Precision) -> Period {
    Period {
        text: String::new(),
        start,
        end,
        precision,
        open_ended: false,
        alternatives: Vec::new(),
    }
}

fn span_of(a: &Period, b: &Period, precision: Precision) -> Period {
    period(a.start.min(b.start), a.end.max(b.end), precision)
}

/// Failure with an empty message means "unknown form"; the caller words it.
fn parse_simple(s: &str, rules: &PeriodRules, written: &str) -> Result<Period, PeriodError> {
    let s = s.trim();
    if let Some(rest) = s.strip_suffix(" og frem") {
        let mut p = parse_simple(rest, rules, written)?;
        p.open_ended = true;
        return Ok(p);
    }
    // "april og frem 2024"
    if let Some((head, year)) = s.split_once(" og frem ") {
        let mut p = parse_simple(&format!("{head} {year}"), rules, written)?;
        p.open_ended = true;
        return Ok(p);
    }
    if let Some(p) = iso(s, written)? {
        return Ok(p);
    }
    if let Some(p) = year_span(s)? {
        return Ok(p);
    }
    if let Ok(y) = year(s) {
        return Ok(period(
            ymd(y, 1, 1, written)?,
            ymd(y, 12, 31, written)?,
            Precision::Year,
        ));
    }
    if let Some(p) = part_of_year(s, written)? {
        return Ok(p);
    }
    if let Some(p) = relative(s, rules, written)? {
        return Ok(p);
    }
    if let Some(p) = day_range(s, written)? {
        return Ok(p);
    }
    if let Some(p) = day(s, written)? {
        return Ok(p);
    }
    let words: Vec<&str> = s.split(' ').collect();
    if let [m, y] = words.as_slice()
        && let (Some(m), Ok(y)) = (month(m), year(y))
    {
        return month_period(y, m, written);
    }
    Err(PeriodError {
        message: String::new(),
        column: 0,
    })
}

fn year(s: &str) -> Result<i32, ()> {
    let y: i32 = s.parse().map_err(|_| ())?;
    if s.len() == 4 && (1000..=9999).contains(&y) {
        Ok(y)
    } else {
        Err(())
    }
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let find = |names: &[&str; 12]| {
        names
            .iter()
            .position(|n| *n == w || (w.len() >= 3 && n.starts_with(w) && w.len() <= 4))
    };
    find(&DA_MONTHS)
        .or_else(|| find(&EN_MONTHS))
        .map(|i| i as u32 + 1)
        .or(match w {
            "okt" => Some(10),
            "sept" => Some(9),
            _ => None,
        })
}

fn ymd(y: i32, m: u32, d: u32, written: &str) -> Result<NaiveDate, PeriodError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let last = last_day(y, m).map_or(31, |l| l.day());
        let day_col = written.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let message = if (1..=12).contains(&m) {
            format!(
                "\"{written}\" is not a real date: {} {y} has {last} days",
                DA_MONTHS[m as usize - 1]
            )
        } else {
            format!("\"{written}\" is not a real date: there is no month {m}")
        };
        PeriodError {
            message,
            column: written[..day_col].chars().count(),
        }
    })
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn month_period(y: i32, m: u32, written: &str) -> Result<Period, PeriodError> {
    let start = ymd(y, m, 1, written)?;
    let end = last_day(y, m).ok_or_else(|| PeriodError {
        message: format!("\"{written}\" is out of range"),
        column: 0,
    })?;
    Ok(period(start, end, Precision::Month))
}

fn months_period(
    y: i32,
    first: u32,
    last: u32,
    precision: Precision,
    written: &str,
) -> Result<Period, PeriodError> {
    let a = month_period(y, first, written)?;
    let b = month_period(y, last, written)?;
    Ok(period(a.start, b.end, precision))
}

/// `2025-03-13`, `2025-03`, `2025-Q1`, `13.3.2025`.
fn iso(s: &str, written: &str) -> Result<Option<Period>, PeriodError> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| p.len() <= 2 && !p.is_empty())
    };
    match parts.as_slice() {
        [y, m, d] if year(y).is_ok() => match (num(m), num(d)) {
            (Some(m), Some(d)) => {
                let y = year(y).unwrap_or(0);
                let date = ymd(y, m, d, written)?;
                Ok(Some(period(date, date, Precision::Day)))
            }
            _ => Ok(None),
        },
        [y, q] if year(y).is_ok() && q.starts_with('q') => {
            quarter(year(y).unwrap_or(0), &q[1..], written).map(Some)
        }
        [y, m] if year(y).is_ok() && num(m).is_some() => {
            month_period(year(y).unwrap_or(0), num(m).unwrap_or(0), written).map(Some)
        }
        _ => {
            let dots: Vec<&str> = s.split('.').collect();
            if let [d, m, y] = dots.as_slice()
                && let (Some(d), Some(m), Ok(y)) = (num(d), num(m), year(y))
            {
                let date = ymd(y, m, d, written)?;
                return Ok(Some(period(date, date, Precision::Day)));
            }
            Ok(None)
        }
    }
}

fn quarter(y: i32, n: &str, written: &str) -> Result<Period, PeriodError> {
    let q: u32 = n.trim_end_matches('.').parse().unwrap_or(0);
    if !(1..=4).contains(&q) {
        return Err(PeriodError {
            message: format!("\"{written}\" names a quarter that does not exist: use 1 to 4"),
            column: 0,
        });
    }
    months_period(y, q * 3 - 2, q * 3, Precision::Quarter, written)
}

/// `2016-2019` (also reversed, as one source writes it).
fn year_span(s: &str) -> Result<Option<Period>, PeriodError> {
    let Some((a, b)) = s.split_once('-') else {
        return Ok(None);
    };
    let (Ok(a), Ok(b)) = (year(a.trim()), year(b.trim())) else {
        return Ok(None);
    };
    let (lo, hi) = (a.min(b), a.max(b));
    let start = NaiveDate::from_ymd_opt(lo, 1, 1);
    let end = NaiveDate::from_ymd_opt(hi, 12, 31);
    Ok(start.zip(end).map(|(s, e)| period(s, e, Precision::Span)))
}

/// `1. kvartal 2025`, `1. kvartal af 2025`, `q1 2025`, `1. halvår 2025`, `h1 2025`,
/// `1st quarter 2025`, `first half 2025`.
fn part_of_year(s: &str, written: &str) -> Result<Option<Period>, PeriodError> {
    let words: Vec<&str> = s.split(' ').filter(|w| *w != "af" && *w != "of").collect();
    let ordinal = |w: &str| -> Option<u32> {
        match w.trim_end_matches(['.', ',']) {
            "1" | "1st" | "first" => Some(1),
            "2" | "2nd" | "second" => Some(2),
            "3" | "3rd" | "third" => Some(3),
            "4" | "4th" | "fourth" => Some(4),
            _ => None,
        }
    };
    match words.as_slice() {
        [n, unit, y] if year(y).is_ok() => {
            let y = year(y).unwrap_or(0);
            match (ordinal(n), *unit) {
                (Some(q), "kvartal" | "quarter") => quarter(y, &q.to_string(), written).map(Some),
                (Some(h @ 1..=2), "halvår" | "half") => {
                    months_period(y, h * 6 - 5, h * 6, Precision::Half, written).map(Some)
                }
                _ => Ok(None),
            }
        }
        [code, y] if year(y).is_ok() && code.len() == 2 => {
            let y = year(y).unwrap_or(0);
            match (code.as_bytes()[0], ordinal(&code[1..])) {
                (b'q', Some(q)) => quarter(y, &q.to_string(), written).map(Some),
                (b'h', Some(h @ 1..=2)) => {
                    months_period(y, h * 6 - 5, h * 6, Precision::Half, written).map(Some)
                }
                _ => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// `primo 2026`, `medio januar 2024`, `ultimo 2025`, `early march 2024`, `mid 2026`.
fn relative(s: &str, rules: &PeriodRules, written: &str) -> Result<Option<Period>, PeriodError> {
    let Some((word, rest)) = s.split_once(' ') else {
        return Ok(None);
    };
    let which = match word {
        "primo" | "early" | "start" => 0,
        "medio" | "mid" | "midt" => 1,
        "ultimo" | "late" | "end" => 2,
        _ => return Ok(None),
    };
    if let Ok(y) = year(rest) {
        let (a, b) = match which {
            0 => (1, rules.primo_months),
            1 => (5, 8),
            _ => (13 - rules.ultimo_months, 12),
        };
        return months_period(y, a, b, Precision::Month, written).map(Some);
    }
    let Some((m, y)) = rest.split_once(' ') else {
        return Ok(None);
    };
    let (Some(m), Ok(y)) = (month(m), year(y)) else {
        return Ok(None);
    };
    let whole = month_period(y, m, written)?;
    let last = whole.end.day();
    let (a, b) = match which {
        0 => (1, rules.primo_days.min(last)),
        1 => (
            rules.medio_start_day.min(last),
            rules.medio_end_day.min(last),
        ),
        _ => ((last + 1).saturating_sub(rules.ultimo_days).max(1), last),
    };
    Ok(Some(period(
        ymd(y, m, a, written)?,
        ymd(y, m, b, written)?,
        Precision::Day,
    )))
}

/// `13. marts 2025`, `13 march 2025`, `march 13, 2025`.
fn day(s: &str, written: &str) -> Result<Option<Period>, PeriodError> {
    let words: Vec<&str> = s.split(' ').collect();
    let num = |w: &str| {
        w.trim_end_matches(['.', ','])
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=99).contains(d))
    };
    let (d, m, y) = match words.as_slice() {
        [d, m, y] if num(d).is_some() && month(m).is_some() => (num(d), month(m), year(y)),
        [m, d, y] if num(d).is_some() && month(m).is_some() => (num(d), month(m), year(y)),
        _ => return Ok(None),
    };
    let (Some(d), Some(m), Ok(y)) = (d, m, y) else {
        return Ok(None);
    };
    let date = ymd(y, m, d, written)?;
    Ok(Some(period(date, date, Precision::Day)))
}

/// `4.-27. oktober 2023`, `4. oktober-6. november 2023`.
fn day_range(s: &str, written: &str) -> Result<Option<Period>, PeriodError> {
    let Some((left, right)) = s.split_once('-') else {
        return Ok(None);
    };
    let right = right.trim();
    let Some(end) = day(right, written)? else {
        return Ok(None);
    };
    let left = left.trim();
    let year = end.start.year();
    let start = if let Ok(d) = left.trim_end_matches('.').parse::<u32>() {
        ymd(year, end.start.month(), d, written)?
    } else {
        match day(&format!("{left} {year}"), written)? {
            Some(p) => p.start,
            None => return Ok(None),
        }
    };
    Ok(Some(period(
        start.min(end.start),
        start.max(end.end),
        Precision::Day,
    )))
}

impl Period {
    pub fn sort_key(&self) -> (NaiveDate, NaiveDate) {
        (self.start, self.end)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && (d <= self.end || self.open_ended)
    }

    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.end < today && !self.open_ended
    }
}

/// `13. marts 2025` in Danish, `13 March 2025` in English.
pub fn format_day(date: NaiveDate, lang: Lang) -> String {
    let m = date.month0() as usize;
    match lang {
        Lang::Da => format!("{}. {} {}", date.day(), DA_MONTHS[m], date.year()),
        Lang::En => {
            let name = EN_MONTHS[m];
            let mut c = name.chars();
            let cap: String = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            format!("{} {cap} {}", date.day(), date.year())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    fn span(text: &str) -> (NaiveDate, NaiveDate) {
        let p = parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        (p.start, p.end)
    }

    #[test]
    fn the_forms_of_the_seeds_parse() {
        assert_eq!(span("17. august 2023"), (d(2023, 8, 17), d(2023, 8, 17)));
        assert_eq!(
            span("4.-27. oktober 2023"),
            (d(2023, 10, 4), d(2023, 10, 27))
        );
        assert_eq!(
            span("4. oktober-6. november 2023"),
            (d(2023, 10, 4), d(2023, 11, 6))
        );
        assert_eq!(span("Oktober 2023"), (d(2023, 10, 1), d(2023, 10, 31)));
        assert_eq!(span("Medio januar 2024"), (d(2024, 1, 11), d(2024, 1, 20)));
        assert_eq!(span("April og frem 2024"), (d(2024, 4, 1), d(2024, 4, 30)));
        assert!(parse("April og frem 2024").expect("ok").open_ended);
        assert_eq!(span("1. kvartal 2025"), (d(2025, 1, 1), d(2025, 3, 31)));
        assert_eq!(span("1. kvartal af 2025"), (d(2025, 1, 1), d(2025, 3, 31)));
        assert_eq!(span("2. kvartal 2025"), (d(2025, 4, 1), d(2025, 6, 30)));
        assert_eq!(span("primo 2026"), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(span("den 13. marts 2025"), (d(2025, 3, 13), d(2025, 3, 13)));
        assert_eq!(
            span("december 2024 eller januar 2025"),
            (d(2024, 12, 1), d(2025, 1, 31))
        );
        assert_eq!(span("2020 og frem"), (d(2020, 1, 1), d(2020, 12, 31)));
        assert_eq!(span("2016–2019"), (d(2016, 1, 1), d(2019, 12, 31)));
        assert_eq!(span("2019-2016"), (d(2016, 1, 1), d(2019, 12, 31)));
        assert_eq!(
            span("6.-11. december 2023"),
            (d(2023, 12, 6), d(2023, 12, 11))
        );
    }

    #[test]
    fn iso_and_english_forms_parse() {
        assert_eq!(span("2025-03-13"), (d(2025, 3, 13), d(2025, 3, 13)));
        assert_eq!(span("2025-03"), (d(2025, 3, 1), d(2025, 3, 31)));
        assert_eq!(span("2025-Q1"), (d(2025, 1, 1), d(2025, 3, 31)));
        assert_eq!(span("Q2 2025"), (d(2025, 4, 1), d(2025, 6, 30)));
        assert_eq!(span("13.3.2025"), (d(2025, 3, 13), d(2025, 3, 13)));
        assert_eq!(span("13 March 2025"), (d(2025, 3, 13), d(2025, 3, 13)));
        assert_eq!(span("March 13, 2025"), (d(2025, 3, 13), d(2025, 3, 13)));
        assert_eq!(span("1. halvår 2025"), (d(2025, 1, 1), d(2025, 6, 30)));
        assert_eq!(span("ultimo 2025"), (d(2025, 10, 1), d(2025, 12, 31)));
        assert_eq!(span("from 2020"), (d(2020, 1, 1), d(2020, 12, 31)));
    }

    #[test]
    fn impossible_and_unknown_dates_are_errors() {
        let e = parse("30. februar 2024").expect_err("no such day");
        assert!(
            e.message.contains("februar 2024 has 29 days"),
            "{}",
            e.message
        );
        assert!(parse("2025-13-01").is_err());
        assert!(
            parse("snart")
                .expect_err("unknown")
                .message
                .contains("cannot read")
        );
        assert!(parse("5. kvartal 2025").is_err());
    }

    #[test]
    fn days_format_in_both_languages() {
        assert_eq!(format_day(d(2025, 3, 13), Lang::Da), "13. marts 2025");
        assert_eq!(format_day(d(2025, 3, 13), Lang::En), "13 March 2025");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = parse(&s);
        }

        #[test]
        fn formatted_days_round_trip(days in 0i64..200_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            for lang in [Lang::Da, Lang::En] {
                let p = parse(&format_day(date, lang)).expect("parses");
                proptest::prop_assert_eq!((p.start, p.end), (date, date));
            }
        }
    }
}
