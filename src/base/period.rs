//! Dates and periods as Danish strategy documents write them: `13. marts 2025`,
//! `15/3-2025`, `4.-27. oktober 2023`, `medio januar 2024`, `uge 12 2025`,
//! `1. kvartal 2025`, `efterår 2025`, `2020 og frem`, `december 2024 eller
//! januar 2025`, and their English and ISO counterparts.
//!
//! Owns: reading such text into an interval (first and last day, both inclusive)
//! with a precision, while keeping the words exactly as written for display; and
//! writing a single day in official Danish or English style ([`format_day`]).
//!
//! Must not: do any I/O, or know about files, front matter, positions in files or
//! diagnostics. Errors carry a plain message in English and in Danish and a
//! character offset inside the given text; the caller places them in a file and
//! adds [`ACCEPTED_FORMS`].
//!
//! The text is read by a small tokenizer (numbers, words, `.`, dashes, `/`, `,`)
//! and matched against a fixed list of shapes; nothing is compiled per call.
//!
//! primo/medio/ultimo (early/mid/late) cover, by default ([`PeriodRules`]):
//! of a month the 1st–10th, the 11th–20th and the 21st–last day; of a year
//! January–March, May–August and October–December. Their precision is that of
//! the unit they qualify (`medio januar 2024` is [`Precision::Month`],
//! `primo 2026` is [`Precision::Year`]), since the words are approximate.
//!
//! Numbers alone are day then month, as in Danish: `15/3-2025`, `15/3 2025`,
//! `15/03/2025` and `15.3.2025` are 15 March 2025.
//!
//! A week (`uge 12 2025`, `week 12 2025`, `2025-W12`) is an ISO 8601 week:
//! Monday to Sunday, week 1 being the week with the year's first Thursday, so
//! `uge 1 2025` begins on 30 December 2024. A year has 52 weeks, some 53.
//!
//! Seasons are meteorological, as DMI counts them: forår (spring) is 1 March
//! to 31 May, sommer (summer) 1 June to 31 August, efterår (autumn, fall) 1
//! September to 30 November, and vinter (winter) 1 December to the end of
//! February. `vinter 2025` is the winter that begins in 2025, December 2025
//! to February 2026, as is `vinteren 2025/26`; `vinteren 2024/25` is December
//! 2024 to February 2025.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

mod format;
mod seasons;
mod weeks;

/// A language for [`format_day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

/// How precisely the written text names its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    /// A day, or a range of days.
    Day,
    /// An ISO week (Monday to Sunday), or a range of weeks.
    Week,
    /// A month, a range of months, or primo/medio/ultimo of a month.
    Month,
    Quarter,
    /// A meteorological season: forår, sommer, efterår or vinter.
    Season,
    Half,
    /// A year, or primo/medio/ultimo of a year.
    Year,
    /// A span of years, or alternatives ("x eller y").
    Span,
}

/// A period as written, with the interval it covers (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Exactly as written (trimmed), for display.
    pub text: String,
    pub start: NaiveDate,
    /// The last day. For an open-ended period: the last day of the unit it names.
    pub end: NaiveDate,
    pub precision: Precision,
    /// "og frem", "fra", "and onwards", "from": the period continues after `end`.
    pub open_ended: bool,
    /// The alternatives of "x eller y" / "x or y"; empty otherwise. The period
    /// itself then spans from the earliest start to the latest end.
    pub alternatives: Vec<Period>,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    /// Plain words for the person who wrote the date.
    pub message: String,
    /// The same in Danish.
    pub da: String,
    /// 0-based character offset inside the text where the problem is.
    pub column: usize,
}

/// What primo, medio and ultimo (early, mid, late) cover.
///
/// Of a month: primo is day 1 to `primo_days`; medio is `medio_start_day` to
/// `medio_end_day`; ultimo is the last `ultimo_days` days of a 31-day month, that
/// is from day `32 - ultimo_days` to the last day of the month (so in every
/// month ultimo starts on the same day). Of a year: primo is the first
/// `primo_months` months, medio is `medio_start_month` to `medio_end_month`,
/// ultimo is the last `ultimo_months` months. Days and months beyond the month
/// or year are cut to fit; nothing here can make parsing fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodRules {
    pub primo_days: u32,
    pub medio_start_day: u32,
    pub medio_end_day: u32,
    pub ultimo_days: u32,
    pub primo_months: u32,
    pub ultimo_months: u32,
    pub medio_start_month: u32,
    pub medio_end_month: u32,
}

impl Default for PeriodRules {
    /// Month: 1st–10th, 11th–20th, 21st–last. Year: Jan–Mar, May–Aug, Oct–Dec.
    fn default() -> Self {
        PeriodRules {
            primo_days: 10,
            medio_start_day: 11,
            medio_end_day: 20,
            ultimo_days: 11,
            primo_months: 3,
            ultimo_months: 3,
            medio_start_month: 5,
            medio_end_month: 8,
        }
    }
}

/// Example forms, for the help that follows an error (in English and in Danish
/// messages alike: they are what strategy documents write).
pub const ACCEPTED_FORMS: &[&str] = &[
    "13. marts 2025",
    "15/3-2025",
    "4.-27. oktober 2023",
    "4. oktober-6. november 2023",
    "oktober 2023",
    "medio januar 2024",
    "primo 2026",
    "uge 12 2025",
    "1. kvartal 2025",
    "efterår 2025",
    "1. halvår 2025",
    "2025",
    "2016–2019",
    "april 2024 og frem",
    "december 2024 eller januar 2025",
    "2025-03-13",
];

const FIRST_YEAR: u32 = 1000;
const LAST_YEAR: u32 = 9999;

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
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month words (lower case, without a dot): number and language; `None` when
/// Danish and English write it alike.
const MONTH_WORDS: &[(&str, u32, Option<Lang>)] = &[
    ("januar", 1, Some(Lang::Da)),
    ("january", 1, Some(Lang::En)),
    ("jan", 1, None),
    ("februar", 2, Some(Lang::Da)),
    ("february", 2, Some(Lang::En)),
    ("feb", 2, None),
    ("marts", 3, Some(Lang::Da)),
    ("march", 3, Some(Lang::En)),
    ("mar", 3, None),
    ("april", 4, None),
    ("apr", 4, None),
    ("maj", 5, Some(Lang::Da)),
    ("may", 5, Some(Lang::En)),
    ("juni", 6, Some(Lang::Da)),
    ("june", 6, Some(Lang::En)),
    ("jun", 6, None),
    ("juli", 7, Some(Lang::Da)),
    ("july", 7, Some(Lang::En)),
    ("jul", 7, None),
    ("august", 8, None),
    ("aug", 8, None),
    ("september", 9, None),
    ("sep", 9, None),
    ("sept", 9, None),
    ("oktober", 10, Some(Lang::Da)),
    ("okt", 10, Some(Lang::Da)),
    ("october", 10, Some(Lang::En)),
    ("oct", 10, Some(Lang::En)),
    ("november", 11, None),
    ("nov", 11, None),
    ("december", 12, None),
    ("dec", 12, None),
];

const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("første", 1),
    ("first", 1),
    ("anden", 2),
    ("andet", 2),
    ("second", 2),
    ("tredje", 3),
    ("third", 3),
    ("fjerde", 4),
    ("fourth", 4),
];

const OPEN_PREFIXES: &[&[&str]] = &[&["fra", "og", "med"], &["fra"], &["from"]];

const OPEN_SUFFIXES: &[&[&str]] = &[
    &["og", "frem"],
    &["og", "fremefter"],
    &["and", "onwards"],
    &["and", "onward"],
    &["onwards"],
    &["onward"],
];

/// Reads `text` with the default [`PeriodRules`]; Danish and English.
pub fn parse(text: &str) -> Result<Period, PeriodError> {
    parse_with(text, &PeriodRules::default())
}

/// Reads `text` with the given rules for primo, medio and ultimo.
pub fn parse_with(text: &str, rules: &PeriodRules) -> Result<Period, PeriodError> {
    let written = text.trim();
    if written.is_empty() {
        return Err(PeriodError::new(
            "The date is empty".into(),
            "Datoen er tom".into(),
            0,
        ));
    }
    match short_way(written) {
        Some(period) => Ok(period),
        None => read(text, written, rules),
    }
}

/// The general reader behind [`parse_with`], for text that is not empty.
fn read(text: &str, written: &str, rules: &PeriodRules) -> Result<Period, PeriodError> {
    let toks = tokenize(text);
    if toks.iter().any(|t| t.kind == Kind::Other) {
        return Err(cannot_read(written, 0));
    }
    let parts: Vec<&[Tok]> = toks.split(|t| t.is_word(&["eller", "or"])).collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(cannot_read(written, 0));
    }
    if let [only] = parts.as_slice() {
        return parse_part(text, only, rules, 0);
    }
    let alternatives = parts
        .iter()
        .map(|p| parse_part(text, p, rules, p.first().map_or(0, |t| t.col)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(combine(written, alternatives))
}

/// The forms most dates are written in, read without the general reader
/// (which gives the same period, slower): `2025-03-13`, `2025`, `13. marts
/// 2025` (`13 March 2025`) and `3. kvartal 2016`. Anything else, including a
/// day or quarter that does not exist, is left to it and its messages.
fn short_way(written: &str) -> Option<Period> {
    let (start, end, precision) =
        iso_day_or_year(written).or_else(|| written_day_or_quarter(written))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&u32::try_from(start.year()).ok()?) {
        return None;
    }
    Some(Period {
        text: written.to_string(),
        ..interval(start, end, precision)
    })
}

/// First day, last day and precision of a day, a period or a quarter.
type Span = (NaiveDate, NaiveDate, Precision);

/// The number written in ASCII digits, one to four of them.
fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `2025-03-13` or `2025`.
fn iso_day_or_year(written: &str) -> Option<Span> {
    match written.as_bytes() {
        [y @ .., b'-', m1, m2, b'-', d1, d2] if y.len() == 4 => {
            let year = i32::try_from(digits(y)?).ok()?;
            let day = NaiveDate::from_ymd_opt(year, digits(&[*m1, *m2])?, digits(&[*d1, *d2])?)?;
            Some((day, day, Precision::Day))
        }
        y if y.len() == 4 => {
            let year = i32::try_from(digits(y)?).ok()?;
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            Some((
                first,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
                Precision::Year,
            ))
        }
        _ => None,
    }
}

/// `13. marts 2025`, `13 March 2025` or `3. kvartal 2016`: exactly so, one
/// space apart, the month's whole name as [`format_day`] writes it.
fn written_day_or_quarter(written: &str) -> Option<Span> {
    let mut words = written.split(' ');
    let (first, middle, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || year.len() != 4 {
        return None;
    }
    let year = i32::try_from(digits(year.as_bytes())?).ok()?;
    let (n, danish) = match first.strip_suffix('.') {
        Some(n) => (n, true),
        None => (first, false),
    };
    let n = digits(n.as_bytes()).filter(|_| n.len() <= 2)?;
    if danish && middle == "kvartal" {
        let last = (1..=4).contains(&n).then_some(n * 3)?;
        let (start, end) = month_range(year, last - 2, last)?;
        return Some((start, end, Precision::Quarter));
    }
    let months = if danish { &DA_MONTHS } else { &EN_MONTHS };
    let month = (1..).zip(months).find(|(_, m)| **m == middle)?.0;
    let day = NaiveDate::from_ymd_opt(year, month, n)?;
    Some((day, day, Precision::Day))
}

/// `13. marts 2025` in Danish, `13 March 2025` in English.
pub fn format_day(date: NaiveDate, lang: Lang) -> String {
    let (day, year) = (date.day(), date.year());
    let month = month_name(date.month(), lang);
    match lang {
        Lang::Da => format!("{day}. {month} {year}"),
        Lang::En => format!("{day} {month} {year}"),
    }
}

impl Period {
    /// Orders periods by first day, then by last day.
    pub fn sort_key(&self) -> (NaiveDate, NaiveDate) {
        (self.start, self.end)
    }

    /// Whether `d` falls inside the period (any day from `start` on if open-ended).
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && (d <= self.end || self.open_ended)
    }

    /// Whether the period is over before `today`; open-ended periods never are.
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.end < today && !self.open_ended
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PeriodError {
    fn new(message: String, da: String, column: usize) -> Self {
        PeriodError {
            message,
            da,
            column,
        }
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PeriodError {}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A run of ASCII digits; `value` is `u32::MAX` when it does not fit.
    Num {
        value: u32,
        digits: usize,
    },
    /// A run of letters (and digits after the first letter), lower-cased.
    Word(String),
    Dot,
    Dash,
    Slash,
    Comma,
    Other,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    /// First character, as a character offset in the text.
    col: usize,
    /// One past the last character.
    col_end: usize,
    /// Byte offsets of the same, for slicing the text.
    byte: usize,
    byte_end: usize,
    /// Whether a word was written with a capital first letter.
    capital: bool,
}

impl Tok {
    fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is_word(&self, words: &[&str]) -> bool {
        self.word().is_some_and(|w| words.contains(&w))
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            i = run_end(&chars, i, |c| c.is_ascii_digit());
            number(chars.get(start..i).unwrap_or_default())
        } else if c.is_alphabetic() {
            i = run_end(&chars, i, char::is_alphanumeric);
            let word = chars.get(start..i).unwrap_or_default();
            Kind::Word(word.iter().flat_map(|&(_, c)| c.to_lowercase()).collect())
        } else {
            i += 1;
            punctuation(c)
        };
        toks.push(Tok {
            kind,
            col: start,
            col_end: i,
            byte: byte_at(start),
            byte_end: byte_at(i),
            capital: c.is_uppercase(),
        });
    }
    toks
}

fn run_end(chars: &[(usize, char)], from: usize, keep: impl Fn(char) -> bool) -> usize {
    let len = chars
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&(_, c)| keep(c))
        .count();
    from + len
}

fn number(digits: &[(usize, char)]) -> Kind {
    let value = digits.iter().try_fold(0u32, |acc, &(_, c)| {
        acc.checked_mul(10)?.checked_add(c.to_digit(10)?)
    });
    Kind::Num {
        value: value.unwrap_or(u32::MAX),
        digits: digits.len(),
    }
}

fn punctuation(c: char) -> Kind {
    match c {
        '.' => Kind::Dot,
        '-' | '–' | '—' | '‐' | '‑' | '−' => Kind::Dash,
        '/' => Kind::Slash,
        ',' => Kind::Comma,
        _ => Kind::Other,
    }
}

/// The written text covered by `toks`.
fn source<'a>(text: &'a str, toks: &[Tok]) -> &'a str {
    match (toks.first(), toks.last()) {
        (Some(first), Some(last)) => text.get(first.byte..last.byte_end).unwrap_or(text),
        _ => text,
    }
    .trim()
}

// ---------------------------------------------------------------------------
// One alternative: prefixes and suffixes, then its shape

fn parse_part(
    text: &str,
    toks: &[Tok],
    rules: &PeriodRules,
    unknown_col: usize,
) -> Result<Period, PeriodError> {
    let written = source(text, toks);
    let end_col = toks.last().map_or(0, |t| t.col_end);
    let (core, open_ended) = strip_open(strip_den(toks).to_vec());
    let Some(shape) = recognise(&core) else {
        return Err(seasons::misspelt(text, written, &core)
            .unwrap_or_else(|| not_understood(written, &core, unknown_col, end_col)));
    };
    let period = build(&shape, rules, written)?;
    Ok(Period {
        text: written.to_string(),
        open_ended,
        ..period
    })
}

/// Drops a leading "den" or "d.".
fn strip_den(toks: &[Tok]) -> &[Tok] {
    match toks {
        [first, rest @ ..] if first.is_word(&["den"]) => rest,
        [first, dot, rest @ ..] if first.is_word(&["d"]) && dot.kind == Kind::Dot => rest,
        _ => toks,
    }
}

fn words_at(toks: &[Tok], at: usize, words: &[&str]) -> bool {
    toks.get(at..at.saturating_add(words.len()))
        .is_some_and(|ts| {
            ts.len() == words.len() && ts.iter().zip(words).all(|(t, w)| t.is_word(&[*w]))
        })
}

/// Drops "fra"/"from" in front and "og frem"/"and onwards" at the end or just
/// before the year ("april og frem 2024"); tells whether any was there.
fn strip_open(mut toks: Vec<Tok>) -> (Vec<Tok>, bool) {
    let mut open = false;
    if let Some(p) = OPEN_PREFIXES.iter().find(|p| words_at(&toks, 0, p)) {
        toks.drain(..p.len());
        open = true;
    }
    let n = toks.len();
    for suffix in OPEN_SUFFIXES {
        let Some(at) = n.checked_sub(suffix.len()).filter(|&at| at > 0) else {
            continue;
        };
        if words_at(&toks, at, suffix) {
            toks.truncate(at);
            return (toks, true);
        }
        let before_year = at.checked_sub(1).filter(|&b| b > 0);
        if let Some(b) = before_year
            && words_at(&toks, b, suffix)
            && toks
                .last()
                .is_some_and(|t| matches!(t.kind, Kind::Num { digits: 4, .. }))
        {
            toks.drain(b..b + suffix.len());
            return (toks, true);
        }
    }
    (toks, open)
}

fn not_understood(written: &str, core: &[Tok], unknown_col: usize, end_col: usize) -> PeriodError {
    if let Some(last) = core.last()
        && matches!(
            last.kind,
            Kind::Word(_) | Kind::Dot | Kind::Num { digits: 1..=2, .. }
        )
    {
        let mut with_year = core.to_vec();
        with_year.push(Tok {
            kind: Kind::Num {
                value: 2025,
                digits: 4,
            },
            ..last.clone()
        });
        if recognise(&with_year).is_some() {
            let message = format!(
                "\"{written}\" has no year: add the year at the end, as in \"{written} 2025\""
            );
            let da = format!(
                "\"{written}\" mangler et årstal: skriv året til sidst, som i \"{written} 2025\""
            );
            return PeriodError::new(message, da, end_col);
        }
    }
    cannot_read(written, unknown_col)
}

fn cannot_read(written: &str, column: usize) -> PeriodError {
    PeriodError::new(
        format!("I cannot read \"{written}\" as a date"),
        format!("\"{written}\" kan ikke læses som en dato"),
        column,
    )
}

fn combine(written: &str, alternatives: Vec<Period>) -> Period {
    let start = alternatives.iter().map(|p| p.start).min();
    let end = alternatives.iter().map(|p| p.end).max();
    Period {
        text: written.to_string(),
        start: start.unwrap_or(NaiveDate::MIN),
        end: end.unwrap_or(NaiveDate::MAX),
        precision: Precision::Span,
        open_ended: alternatives.iter().any(|p| p.open_ended),
        alternatives,
    }
}

// ---------------------------------------------------------------------------
// Shapes: what the tokens say, before checking that the dates exist

#[derive(Debug, Clone, Copy)]
struct Num {
    value: u32,
    col: usize,
}

#[derive(Debug, Clone, Copy)]
struct Mon {
    n: u32,
    col: usize,
    /// Language for naming the month in a message.
    lang: Lang,
}

#[derive(Debug, Clone, Copy)]
struct Ymd {
    y: Num,
    m: Mon,
    d: Num,
}

#[derive(Debug, Clone, Copy)]
enum Unit {
    Quarter,
    Half,
}

#[derive(Debug, Clone, Copy)]
enum Rel {
    Primo,
    Medio,
    Ultimo,
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Day(Ymd),
    Days(Ymd, Ymd),
    Month(Mon, Num),
    Months((Mon, Num), (Mon, Num)),
    Part(Unit, Num, Num),
    Rel(Rel, Option<Mon>, Num),
    Year(Num),
    Years(Num, Num),
    /// Week number and year.
    Week(Num, Num),
    Weeks((Num, Num), (Num, Num)),
    /// The season, its year, and the second year of a winter (`2025/26`).
    Season(seasons::Season, Num, Option<Num>),
}

#[derive(Clone, Copy)]
struct Cur<'t> {
    toks: &'t [Tok],
    i: usize,
}

impl<'t> Cur<'t> {
    fn done(&self) -> bool {
        self.i >= self.toks.len()
    }

    /// Takes the next token if `f` accepts it.
    fn take<T>(&mut self, f: impl FnOnce(&'t Tok) -> Option<T>) -> Option<T> {
        let value = f(self.toks.get(self.i)?)?;
        self.i += 1;
        Some(value)
    }

    fn punct(&mut self, kind: Kind) -> Option<()> {
        self.take(|t| (t.kind == kind).then_some(()))
    }

    fn optional(&mut self, kind: Kind) {
        let _ = self.punct(kind);
    }

    fn word(&mut self, words: &[&str]) -> Option<()> {
        self.take(|t| t.is_word(words).then_some(()))
    }

    fn num(&mut self, digits: RangeInclusive<usize>) -> Option<Num> {
        self.take(|t| match t.kind {
            Kind::Num { value, digits: n } if digits.contains(&n) => {
                Some(Num { value, col: t.col })
            }
            _ => None,
        })
    }

    fn end(self, shape: Shape) -> Option<Shape> {
        self.done().then_some(shape)
    }
}

type ShapeFn = fn(Cur<'_>) -> Option<Shape>;

const SHAPES: &[ShapeFn] = &[
    years,
    iso,
    year_code,
    code_year,
    weeks::year_week,
    weeks::week_year,
    weeks::weeks,
    seasons::season,
    numeric,
    numeric_range,
    day_month,
    month_day,
    day_range,
    month_day_range,
    months,
    part,
    relative,
];

fn recognise(toks: &[Tok]) -> Option<Shape> {
    SHAPES.iter().find_map(|shape| shape(Cur { toks, i: 0 }))
}

fn year(c: &mut Cur) -> Option<Num> {
    c.num(4..=4)
}

/// A day number, with an optional "." or English "st"/"nd"/"rd"/"th".
fn day(c: &mut Cur) -> Option<Num> {
    let d = c.num(1..=2)?;
    if c.punct(Kind::Dot).is_none() {
        let _ = c.word(&["st", "nd", "rd", "th"]);
    }
    Some(d)
}

/// A month name or abbreviation, with an optional ".".
fn month(c: &mut Cur) -> Option<Mon> {
    let m = c.take(|t| {
        let w = t.word()?;
        let &(_, n, lang) = MONTH_WORDS.iter().find(|(name, _, _)| *name == w)?;
        let shared = if t.capital { Lang::En } else { Lang::Da };
        Some(Mon {
            n,
            col: t.col,
            lang: lang.unwrap_or(shared),
        })
    })?;
    c.optional(Kind::Dot);
    Some(m)
}

fn numeric_month(n: Num) -> Mon {
    Mon {
        n: n.value,
        col: n.col,
        lang: Lang::En,
    }
}

/// `2025`, `2016-2019`.
fn years(mut c: Cur) -> Option<Shape> {
    let a = year(&mut c)?;
    if c.done() {
        return Some(Shape::Year(a));
    }
    c.punct(Kind::Dash)?;
    let b = year(&mut c)?;
    c.end(Shape::Years(a, b))
}

/// `2025-03-13`, `2025-03`.
fn iso(mut c: Cur) -> Option<Shape> {
    let y = year(&mut c)?;
    c.punct(Kind::Dash)?;
    let m = numeric_month(c.num(1..=2)?);
    if c.done() {
        return Some(Shape::Month(m, y));
    }
    c.punct(Kind::Dash)?;
    let d = c.num(1..=2)?;
    c.end(Shape::Day(Ymd { y, m, d }))
}

/// `q1`..`q4`, `h1`, `h2` as one word; the number points at its digit.
fn code(c: &mut Cur) -> Option<(Unit, Num)> {
    c.take(|t| {
        let mut chars = t.word()?.chars();
        let unit = match chars.next()? {
            'q' => Unit::Quarter,
            'h' => Unit::Half,
            _ => return None,
        };
        let value = chars.next()?.to_digit(10)?;
        let col = t.col + 1;
        chars.next().is_none().then_some((unit, Num { value, col }))
    })
}

/// `2025-Q1`, `2025 H2`.
fn year_code(mut c: Cur) -> Option<Shape> {
    let y = year(&mut c)?;
    c.optional(Kind::Dash);
    let (unit, n) = code(&mut c)?;
    c.end(Shape::Part(unit, n, y))
}

/// `Q1 2025`, `H1-2025`.
fn code_year(mut c: Cur) -> Option<Shape> {
    let (unit, n) = code(&mut c)?;
    c.optional(Kind::Dash);
    let y = year(&mut c)?;
    c.end(Shape::Part(unit, n, y))
}

/// Day and month in numbers, day first, then the year if there is one:
/// `13.3.2025`, `13.03.2025`, `13/3 2025`, `13/3/2025`, `13/3-2025`, `13/3`.
fn numeric_day(c: &mut Cur) -> Option<(Num, Mon, Option<Num>)> {
    let d = c.num(1..=2)?;
    c.punct(Kind::Dot).or_else(|| c.punct(Kind::Slash))?;
    let m = numeric_month(c.num(1..=2)?);
    let mut with_year = *c;
    let _ = with_year
        .punct(Kind::Dot)
        .or_else(|| with_year.punct(Kind::Slash))
        .or_else(|| with_year.punct(Kind::Dash));
    let y = year(&mut with_year);
    if y.is_some() {
        *c = with_year;
    }
    Some((d, m, y))
}

/// `13.3.2025`, `13/3 2025`, `13/3/2025`, `13/3-2025`.
fn numeric(mut c: Cur) -> Option<Shape> {
    let (d, m, y) = numeric_day(&mut c)?;
    c.end(Shape::Day(Ymd { y: y?, m, d }))
}

/// `15/3-2025 - 20/3-2025`, `15.3.2025-20.3.2025`, `15/3-20/3 2025`,
/// `28/12-3/1-2025` (the first year, when left out, as in [`day_range`]).
fn numeric_range(mut c: Cur) -> Option<Shape> {
    let (d1, m1, y1) = numeric_day(&mut c)?;
    if y1.is_none() {
        c.optional(Kind::Dot);
    }
    c.punct(Kind::Dash)?;
    let (d, m, y) = numeric_day(&mut c)?;
    let last = Ymd { y: y?, m, d };
    let first = Ymd {
        y: y1.unwrap_or_else(|| implied_year(Some(m1), &last)),
        m: m1,
        d: d1,
    };
    c.end(Shape::Days(first, last))
}

/// `13. marts 2025`, `13 March 2025`, `13th March 2025`.
fn full_day(c: &mut Cur) -> Option<Ymd> {
    let d = day(c)?;
    let m = month(c)?;
    let y = year(c)?;
    Some(Ymd { y, m, d })
}

fn day_month(mut c: Cur) -> Option<Shape> {
    let day = full_day(&mut c)?;
    c.end(Shape::Day(day))
}

/// `March 13, 2025`.
fn month_day(mut c: Cur) -> Option<Shape> {
    let m = month(&mut c)?;
    let d = day(&mut c)?;
    c.optional(Kind::Comma);
    let y = year(&mut c)?;
    c.end(Shape::Day(Ymd { y, m, d }))
}

/// The year of the first end of a range written without one: that of the last
/// end, or the year before when the first month comes later in the year
/// (`30. december-5. januar 2024`).
fn implied_year(first: Option<Mon>, last: &Ymd) -> Num {
    let later = first.is_some_and(|m| m.n > last.m.n);
    let value = if later {
        last.y.value.saturating_sub(1)
    } else {
        last.y.value
    };
    Num { value, ..last.y }
}

/// `4.-27. oktober 2023`, `4. oktober-6. november 2023`,
/// `30. december 2023-5. januar 2024`.
fn day_range(mut c: Cur) -> Option<Shape> {
    let d = day(&mut c)?;
    let m = month(&mut c);
    let y = if m.is_some() { year(&mut c) } else { None };
    c.punct(Kind::Dash)?;
    let last = full_day(&mut c)?;
    let first = Ymd {
        y: y.unwrap_or_else(|| implied_year(m, &last)),
        m: m.unwrap_or(last.m),
        d,
    };
    c.end(Shape::Days(first, last))
}

/// `October 4-27, 2023`.
fn month_day_range(mut c: Cur) -> Option<Shape> {
    let m = month(&mut c)?;
    let d1 = day(&mut c)?;
    c.punct(Kind::Dash)?;
    let d2 = day(&mut c)?;
    c.optional(Kind::Comma);
    let y = year(&mut c)?;
    c.end(Shape::Days(Ymd { y, m, d: d1 }, Ymd { y, m, d: d2 }))
}

/// `oktober 2023`, `oktober-december 2023`, `november 2023-februar 2024`.
fn months(mut c: Cur) -> Option<Shape> {
    let m1 = month(&mut c)?;
    let y1 = year(&mut c);
    if let Some(y1) = y1
        && c.done()
    {
        return Some(Shape::Month(m1, y1));
    }
    c.punct(Kind::Dash)?;
    let m2 = month(&mut c)?;
    let y2 = year(&mut c)?;
    let y1 = y1.unwrap_or_else(|| {
        let value = if m1.n > m2.n {
            y2.value.saturating_sub(1)
        } else {
            y2.value
        };
        Num { value, ..y2 }
    });
    c.end(Shape::Months((m1, y1), (m2, y2)))
}

fn ordinal(c: &mut Cur) -> Option<Num> {
    day(c).or_else(|| {
        c.take(|t| {
            let w = t.word()?;
            let &(_, value) = ORDINAL_WORDS.iter().find(|(name, _)| *name == w)?;
            Some(Num { value, col: t.col })
        })
    })
}

/// `1. kvartal 2025`, `1. kvartal af 2025`, `first half of 2025`, `2. halvår 2025`.
fn part(mut c: Cur) -> Option<Shape> {
    let n = ordinal(&mut c)?;
    let unit = c.take(|t| match t.word()? {
        "kvartal" | "kvt" | "quarter" => Some(Unit::Quarter),
        "halvår" | "half" => Some(Unit::Half),
        _ => None,
    })?;
    c.optional(Kind::Dot);
    let _ = c.word(&["af", "of"]);
    let y = year(&mut c)?;
    c.end(Shape::Part(unit, n, y))
}

/// `medio januar 2024`, `primo 2026`, `mid-March 2024`, `late 2025`.
fn relative(mut c: Cur) -> Option<Shape> {
    let rel = c.take(|t| match t.word()? {
        "primo" | "early" => Some(Rel::Primo),
        "medio" | "mid" => Some(Rel::Medio),
        "ultimo" | "late" => Some(Rel::Ultimo),
        _ => None,
    })?;
    c.optional(Kind::Dash);
    let m = month(&mut c);
    let y = year(&mut c)?;
    c.end(Shape::Rel(rel, m, y))
}

// ---------------------------------------------------------------------------
// From shape to interval, checking that every date exists

fn interval(start: NaiveDate, end: NaiveDate, precision: Precision) -> Period {
    Period {
        text: String::new(),
        start,
        end,
        precision,
        open_ended: false,
        alternatives: Vec::new(),
    }
}

fn build(shape: &Shape, rules: &PeriodRules, written: &str) -> Result<Period, PeriodError> {
    match shape {
        Shape::Day(ymd) => {
            let day = date(ymd, written)?;
            Ok(interval(day, day, Precision::Day))
        }
        Shape::Days(a, b) => {
            let (start, end) = (date(a, written)?, date(b, written)?);
            ordered(start, end, b.d.col, Precision::Day, written)
        }
        Shape::Month(m, y) => {
            let (start, end) = month_bounds(m, y, written)?;
            Ok(interval(start, end, Precision::Month))
        }
        Shape::Months((m1, y1), (m2, y2)) => {
            let (start, _) = month_bounds(m1, y1, written)?;
            let (_, end) = month_bounds(m2, y2, written)?;
            ordered(start, end, m2.col, Precision::Month, written)
        }
        Shape::Part(unit, n, y) => part_of_year(*unit, n, y, written),
        Shape::Rel(rel, m, y) => relative_period(*rel, m.as_ref(), y, rules, written),
        Shape::Year(y) => {
            let y = check_year(y, written)?;
            whole_years(y, y, Precision::Year, written)
        }
        Shape::Years(a, b) => {
            let (a, b) = (check_year(a, written)?, check_year(b, written)?);
            whole_years(a.min(b), a.max(b), Precision::Span, written)
        }
        Shape::Week(w, y) => {
            let (start, end) = weeks::bounds(w, y, written)?;
            Ok(interval(start, end, Precision::Week))
        }
        Shape::Weeks((w1, y1), (w2, y2)) => {
            let (start, _) = weeks::bounds(w1, y1, written)?;
            let (_, end) = weeks::bounds(w2, y2, written)?;
            ordered(start, end, w2.col, Precision::Week, written)
        }
        Shape::Season(season, y, next) => seasons::period(*season, y, next.as_ref(), written),
    }
}

fn ordered(
    start: NaiveDate,
    end: NaiveDate,
    col: usize,
    precision: Precision,
    written: &str,
) -> Result<Period, PeriodError> {
    if start > end {
        let message = format!("\"{written}\" ends before it starts: write the earlier date first");
        let da = format!("\"{written}\" slutter, før den begynder: skriv den tidligste dato først");
        return Err(PeriodError::new(message, da, col));
    }
    Ok(interval(start, end, precision))
}

fn check_year(y: &Num, written: &str) -> Result<i32, PeriodError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&y.value)
        && let Ok(year) = i32::try_from(y.value)
    {
        return Ok(year);
    }
    let message = format!(
        "\"{written}\" has a year I cannot use: write a year from {FIRST_YEAR} to {LAST_YEAR}"
    );
    let da = format!(
        "\"{written}\" har et årstal, der ikke kan bruges: skriv et år fra {FIRST_YEAR} til {LAST_YEAR}"
    );
    Err(PeriodError::new(message, da, y.col))
}

fn check_month(m: &Mon, written: &str) -> Result<u32, PeriodError> {
    if (1..=12).contains(&m.n) {
        return Ok(m.n);
    }
    let message = format!(
        "\"{written}\" is not a real date: there is no month {}",
        m.n
    );
    let da = format!(
        "\"{written}\" er ikke en rigtig dato: der er ingen måned {}",
        m.n
    );
    Err(PeriodError::new(message, da, m.col))
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month >= 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// First day of month `first` to last day of month `last` in `year`.
fn month_range(year: i32, first: u32, last: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, first, 1)?,
        last_day(year, last)?,
    ))
}

fn month_bounds(m: &Mon, y: &Num, written: &str) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let year = check_year(y, written)?;
    let month = check_month(m, written)?;
    month_range(year, month, month).ok_or_else(|| cannot_read(written, 0))
}

fn date(ymd: &Ymd, written: &str) -> Result<NaiveDate, PeriodError> {
    let (first, last) = month_bounds(&ymd.m, &ymd.y, written)?;
    let (d, days) = (ymd.d.value, last.day());
    let (problem, problem_da) = if d == 0 {
        (
            "there is no day 0".to_string(),
            "der er ingen dag 0".to_string(),
        )
    } else if d > days {
        let month = month_name(ymd.m.n, ymd.m.lang);
        let month_da = month_name(ymd.m.n, Lang::Da);
        let year = first.year();
        (
            format!("{month} {year} has {days} days"),
            format!("{month_da} {year} har {days} dage"),
        )
    } else {
        return first.with_day(d).ok_or_else(|| cannot_read(written, 0));
    };
    let message = format!("\"{written}\" is not a real date: {problem}");
    let da = format!("\"{written}\" er ikke en rigtig dato: {problem_da}");
    Err(PeriodError::new(message, da, ymd.d.col))
}

fn whole_years(
    first: i32,
    last: i32,
    precision: Precision,
    written: &str,
) -> Result<Period, PeriodError> {
    let start = NaiveDate::from_ymd_opt(first, 1, 1);
    let end = NaiveDate::from_ymd_opt(last, 12, 31);
    match start.zip(end) {
        Some((start, end)) => Ok(interval(start, end, precision)),
        None => Err(cannot_read(written, 0)),
    }
}

fn part_of_year(unit: Unit, n: &Num, y: &Num, written: &str) -> Result<Period, PeriodError> {
    let year = check_year(y, written)?;
    let (count, months, precision, plural, plural_da) = match unit {
        Unit::Quarter => (4, 3, Precision::Quarter, "quarters", "kvartaler"),
        Unit::Half => (2, 6, Precision::Half, "halves", "halvår"),
    };
    if !(1..=count).contains(&n.value) {
        let message = format!("\"{written}\" does not exist: a year has {count} {plural}");
        let da = format!("\"{written}\" findes ikke: et år har {count} {plural_da}");
        return Err(PeriodError::new(message, da, n.col));
    }
    let last = n.value * months;
    let (start, end) =
        month_range(year, last + 1 - months, last).ok_or_else(|| cannot_read(written, 0))?;
    Ok(interval(start, end, precision))
}

fn relative_period(
    rel: Rel,
    m: Option<&Mon>,
    y: &Num,
    rules: &PeriodRules,
    written: &str,
) -> Result<Period, PeriodError> {
    let Some(m) = m else {
        let year = check_year(y, written)?;
        let (first, last) = rules.months_of_year(rel);
        let (start, end) = month_range(year, first, last).ok_or_else(|| cannot_read(written, 0))?;
        return Ok(interval(start, end, Precision::Year));
    };
    let (first, last) = month_bounds(m, y, written)?;
    let (a, b) = rules.days_of_month(rel, last.day());
    match first.with_day(a).zip(first.with_day(b)) {
        Some((start, end)) => Ok(interval(start, end, Precision::Month)),
        None => Err(cannot_read(written, 0)),
    }
}

impl PeriodRules {
    /// First and last day of `rel` in a month of `days` days.
    fn days_of_month(&self, rel: Rel, days: u32) -> (u32, u32) {
        let (a, b) = match rel {
            Rel::Primo => (1, self.primo_days),
            Rel::Medio => (self.medio_start_day, self.medio_end_day),
            Rel::Ultimo => (32u32.saturating_sub(self.ultimo_days), days),
        };
        let (a, b) = (a.clamp(1, days.max(1)), b.clamp(1, days.max(1)));
        (a.min(b), a.max(b))
    }

    /// First and last month of `rel` in a year.
    fn months_of_year(&self, rel: Rel) -> (u32, u32) {
        let (a, b) = match rel {
            Rel::Primo => (1, self.primo_months),
            Rel::Medio => (self.medio_start_month, self.medio_end_month),
            Rel::Ultimo => (13u32.saturating_sub(self.ultimo_months), 12),
        };
        let (a, b) = (a.clamp(1, 12), b.clamp(1, 12));
        (a.min(b), a.max(b))
    }
}

fn month_name(n: u32, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::Da => &DA_MONTHS,
        Lang::En => &EN_MONTHS,
    };
    let index = usize::try_from(n.saturating_sub(1)).unwrap_or(0);
    names.get(index).copied().unwrap_or("")
}

#[cfg(test)]
mod tests;
