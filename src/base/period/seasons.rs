//! Meteorological seasons, as DMI counts them: forår (spring) March–May,
//! sommer (summer) June–August, efterår (autumn, fall) September–November,
//! vinter (winter) December–February. `vinter 2025` is the winter that begins
//! in 2025 (December 2025 to February 2026), as is `vinteren 2025/26`.

use chrono::{Months, NaiveDate};

use super::{
    Cur, Kind, Num, Period, PeriodError, Precision, Shape, Tok, cannot_read, check_year, interval,
    recognise, year,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// Season words, lower case: Danish with and without the definite ending,
/// with æøå or without ("efteraar"), and English.
const WORDS: &[(&str, Season)] = &[
    ("forår", Season::Spring),
    ("foråret", Season::Spring),
    ("foraar", Season::Spring),
    ("foraaret", Season::Spring),
    ("spring", Season::Spring),
    ("sommer", Season::Summer),
    ("sommeren", Season::Summer),
    ("summer", Season::Summer),
    ("efterår", Season::Autumn),
    ("efteråret", Season::Autumn),
    ("efteraar", Season::Autumn),
    ("efteraaret", Season::Autumn),
    ("autumn", Season::Autumn),
    ("fall", Season::Autumn),
    ("vinter", Season::Winter),
    ("vinteren", Season::Winter),
    ("winter", Season::Winter),
];

impl Season {
    /// The month the season begins in; it lasts three months.
    pub(super) fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// The four digits of a year written with two after `y`: `26` after `2025`
/// is 2026, `00` after `2099` is 2100.
fn year_after(two: Num, y: Num) -> Num {
    let mut value = y.value / 100 * 100 + two.value;
    if value <= y.value {
        value += 100;
    }
    Num { value, ..two }
}

/// `efterår 2025`, `Foråret 2025`, `autumn of 2025`, `vinteren 2025/26`,
/// `winter 2025-2026`.
pub(super) fn season(mut c: Cur) -> Option<Shape> {
    let s = c.take(|t| {
        let w = t.word()?;
        WORDS.iter().find(|(name, _)| *name == w).map(|&(_, s)| s)
    })?;
    let _ = c.word(&["of"]);
    let y = year(&mut c)?;
    if c.done() {
        return Some(Shape::Season(s, y, None));
    }
    c.punct(Kind::Slash).or_else(|| c.punct(Kind::Dash))?;
    let next = c
        .num(2..=2)
        .map(|two| year_after(two, y))
        .or_else(|| year(&mut c))?;
    c.end(Shape::Season(s, y, Some(next)))
}

/// The three months of season `s` that begins in year `y`; `next`, the second
/// year of a winter (`2025/26`), must be the year after.
pub(super) fn period(
    s: Season,
    y: &Num,
    next: Option<&Num>,
    written: &str,
) -> Result<Period, PeriodError> {
    let year = check_year(y, written)?;
    if let Some(n) = next
        && (s != Season::Winter || n.value != y.value.saturating_add(1))
    {
        let message = format!(
            "\"{written}\" does not fit: only a winter runs into the next year, written as in \"vinteren 2025/26\""
        );
        let da = format!(
            "\"{written}\" passer ikke: kun en vinter går ind i det næste år, skrevet som i \"vinteren 2025/26\""
        );
        return Err(PeriodError::new(message, da, n.col));
    }
    let start = NaiveDate::from_ymd_opt(year, s.first_month(), 1);
    let end = start
        .and_then(|d| d.checked_add_months(Months::new(3)))
        .and_then(|d| d.pred_opt());
    match start.zip(end) {
        Some((start, end)) => Ok(interval(start, end, Precision::Season)),
        None => Err(cannot_read(written, 0)),
    }
}

/// When `core` would read as a season but for its first word, which is near
/// a season's name (`eftår 2025`): an error at that word saying what seasons
/// are written as.
pub(super) fn misspelt(text: &str, written: &str, core: &[Tok]) -> Option<PeriodError> {
    let first = core.first()?;
    let w = first.word()?;
    let (distance, nearest) = WORDS
        .iter()
        .map(|&(name, _)| (strsim::damerau_levenshtein(w, name), name))
        .min()?;
    if distance > 2 || w.chars().count() < 4 {
        return None;
    }
    let mut fixed = core.to_vec();
    fixed.first_mut()?.kind = Kind::Word(nearest.to_string());
    recognise(&fixed)?;
    let as_written = text.get(first.byte..first.byte_end).unwrap_or(w);
    let example = written.replacen(as_written, &capital_as(nearest, first.capital), 1);
    let message = format!(
        "\"{written}\" names no season I know: write forår, sommer, efterår or vinter \
         (or foråret, sommeren, efteråret, vinteren; spring, summer, autumn, winter) \
         and the year, as in \"{example}\""
    );
    let da = format!(
        "\"{written}\" nævner ingen årstid, der kan læses: skriv forår, sommer, efterår \
         eller vinter (eller foråret, sommeren, efteråret, vinteren) og året, som i \"{example}\""
    );
    Some(PeriodError::new(message, da, first.col))
}

/// `word` with a capital first letter if `capital`.
fn capital_as(word: &str, capital: bool) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if capital => c.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}
