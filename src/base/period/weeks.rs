//! ISO 8601 weeks: `uge 12 2025`, `uge 12, 2025`, `Uge 12 i 2025`, `week 12
//! 2025`, `2025-W12`, `W12 2025`, and ranges of them, `uge 12-14 2025` and
//! `uge 52 2024-uge 2 2025`. A week runs Monday to Sunday; week 1 is the one
//! with the year's first Thursday.

use chrono::{Days, NaiveDate, Weekday};

use super::{Cur, Kind, Num, PeriodError, Shape, check_year, digits, year};

/// The words before a week number, lower case.
const WEEK_WORDS: &[&str] = &["uge", "uger", "week", "weeks"];

/// The year after a week number: `2025`, `, 2025`, `i 2025`, `of 2025`.
fn year_after(c: &mut Cur) -> Option<Num> {
    let mut after = *c;
    if after.punct(Kind::Comma).is_none() {
        let _ = after.word(&["i", "af", "of", "in"]);
    }
    let y = year(&mut after)?;
    *c = after;
    Some(y)
}

/// `uge 12 2025`, `uge 12, 2025`, `Uge 12 i 2025`, `week 12 of 2025`,
/// `uge 12-14 2025`, `uge 52 2024-uge 2 2025`. Without a year after the first
/// week, both are of the last year.
pub(super) fn weeks(mut c: Cur) -> Option<Shape> {
    c.word(WEEK_WORDS)?;
    let w1 = c.num(1..=2)?;
    let y1 = year_after(&mut c);
    if let Some(y1) = y1
        && c.done()
    {
        return Some(Shape::Week(w1, y1));
    }
    c.punct(Kind::Dash)?;
    let _ = c.word(WEEK_WORDS);
    let w2 = c.num(1..=2)?;
    let y2 = year_after(&mut c)?;
    c.end(Shape::Weeks((w1, y1.unwrap_or(y2)), (w2, y2)))
}

/// `w12` as one word (ISO 8601 writes `W12`); the number points at its digits.
fn code(c: &mut Cur) -> Option<Num> {
    c.take(|t| {
        let n = t.word()?.strip_prefix('w')?;
        let value = digits(n.as_bytes()).filter(|_| n.len() <= 2)?;
        Some(Num {
            value,
            col: t.col + 1,
        })
    })
}

/// `2025-W12`, `2025W12`, `2025 W12`.
pub(super) fn year_week(mut c: Cur) -> Option<Shape> {
    let y = year(&mut c)?;
    c.optional(Kind::Dash);
    let w = code(&mut c)?;
    c.end(Shape::Week(w, y))
}

/// `W12 2025`, `W12-2025`.
pub(super) fn week_year(mut c: Cur) -> Option<Shape> {
    let w = code(&mut c)?;
    c.optional(Kind::Dash);
    let y = year(&mut c)?;
    c.end(Shape::Week(w, y))
}

/// Monday and Sunday of week `w` of year `y`, or why there is no such week.
pub(super) fn bounds(
    w: &Num,
    y: &Num,
    written: &str,
) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let year = check_year(y, written)?;
    let monday = NaiveDate::from_isoywd_opt(year, w.value, Weekday::Mon);
    match monday.and_then(|m| Some((m, m.checked_add_days(Days::new(6))?))) {
        Some(days) => Ok(days),
        None => Err(no_such_week(w, year, written)),
    }
}

/// Whether ISO year `year` has a week 53.
fn has_week_53(year: i32) -> bool {
    NaiveDate::from_isoywd_opt(year, 53, Weekday::Mon).is_some()
}

fn no_such_week(w: &Num, year: i32, written: &str) -> PeriodError {
    let (problem, problem_da) = if w.value == 53 && !has_week_53(year) {
        (
            format!("{year} has 52 weeks, numbered 1 to 52"),
            format!("{year} har 52 uger, med numrene 1 til 52"),
        )
    } else {
        (
            "the weeks of a year are numbered 1 to 52, or 1 to 53 in some years".to_string(),
            "et års uger har numrene 1 til 52, i nogle år 1 til 53".to_string(),
        )
    };
    PeriodError::new(
        format!("\"{written}\" does not exist: {problem}"),
        format!("\"{written}\" findes ikke: {problem_da}"),
        w.col,
    )
}
