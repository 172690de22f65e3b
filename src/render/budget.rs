//! Bounds on the work one page's template may do.
//!
//! A theme is edited by the municipality, so a template may loop far too
//! long (`range` inside `range`) or write without end. Every render goes
//! through [`SiteBudget::render`], which gives it a budget: at most [`RANGE_ITEMS`]
//! numbers from `range` per page, at most [`PAGE_BYTES`] of output, and at
//! most [`PAGE_TIME`] of time while writing. Once one page has run out of
//! time, the pages still rendering stop at their next write, so a build with
//! a runaway template ends with an error naming the template in seconds.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::base::diagnostic::{Diagnostic, Words};

/// The numbers `range` may give one page, over all its calls.
pub const RANGE_ITEMS: u64 = 1_000_000;
/// The most one page may write: 256 MiB.
pub const PAGE_BYTES: usize = 256 << 20;
/// How long one page may take.
pub const PAGE_TIME: Duration = Duration::from_secs(10);
/// The most all pages of one render may write together: 8 GiB (a portal of
/// 100 000 pages writes about 2 GiB), so a template that writes a little
/// too much on every page cannot fill the disk.
pub const SITE_BYTES: u64 = 8 << 30;

thread_local! {
    static RANGE_LEFT: Cell<u64> = const { Cell::new(RANGE_ITEMS) };
    static OVER: Cell<Option<Over>> = const { Cell::new(None) };
}

/// The budget one render's pages share (a render makes a new one).
#[derive(Debug, Default)]
pub struct SiteBudget {
    /// Set once any page has run out of time: the others stop too.
    gave_up: AtomicBool,
    /// What the pages have written so far.
    written: AtomicU64,
}

/// Which bound a page's template went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    Range,
    Size,
    Time,
    SiteSize,
}

/// Register the bounded `range` in place of Tera's own.
pub fn install(tera: &mut tera::Tera) {
    tera.register_function("range", range);
}

impl SiteBudget {
    /// Render `template` into `out` within the budget. `Err(Ok(over))` when
    /// the template went over a bound, `Err(Err(e))` for any other template
    /// error.
    pub fn render(
        &self,
        tera: &tera::Tera,
        template: &str,
        context: &tera::Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Result<Over, tera::Error>> {
        RANGE_LEFT.set(RANGE_ITEMS);
        OVER.set(None);
        let mut writer = Bounded {
            out,
            started: Instant::now(),
            writes: 0,
            site: self,
        };
        let result = tera.render_to(template, context, &mut writer);
        let written = writer.out.len() as u64;
        let before = self.written.fetch_add(written, Ordering::Relaxed);
        if result.is_ok() && before + written > SITE_BYTES {
            return Err(Ok(Over::SiteSize));
        }
        match (result, OVER.take()) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(over)) => Err(Ok(over)),
            (Err(e), None) => Err(Err(e)),
        }
    }
}

/// The error of a template that went over a bound, naming it and the page.
pub fn over_error(over: Over, template: &str, rendering: &str) -> Diagnostic {
    let why = match over {
        Over::Range => {
            let n = RANGE_ITEMS;
            crate::words!(
                "its `range` calls ask for more than {n} numbers for one page",
                "dens `range` beder om mere end {n} tal til én side"
            )
        }
        Over::Size => {
            let mb = PAGE_BYTES >> 20;
            crate::words!(
                "it writes more than {mb} MB for one page",
                "den skriver mere end {mb} MB til én side"
            )
        }
        Over::SiteSize => {
            let gb = SITE_BYTES >> 30;
            crate::words!(
                "the pages it makes come to more than {gb} GB together",
                "siderne, den laver, fylder mere end {gb} GB tilsammen"
            )
        }
        Over::Time => {
            let s = PAGE_TIME.as_secs();
            crate::words!(
                "it takes more than {s} seconds for one page",
                "den er mere end {s} sekunder om én side"
            )
        }
    };
    let (why_en, why_da) = (&why.en, why.get(crate::base::diagnostic::Lang::Da));
    Diagnostic::error(crate::words!(
        "the template {template} was stopped while rendering {rendering}: {why_en}",
        "skabelonen {template} blev stoppet, mens pejl lavede {rendering}: {why_da}"
    ))
    .with_help(Words::new(
        "look for a loop that repeats far too often (for example `range` inside `range`), or remove the site's copy of the template to use the theme's own",
        "kig efter en løkke, der gentages alt for mange gange (fx `range` inde i `range`), eller slet sitets kopi af skabelonen for at bruge temaets egen",
    ))
}

/// A page's output, with the size and time bounds.
struct Bounded<'a> {
    out: &'a mut Vec<u8>,
    started: Instant,
    writes: u32,
    site: &'a SiteBudget,
}

impl Bounded<'_> {
    fn stop(over: Over) -> io::Error {
        OVER.set(Some(over));
        io::Error::other("the template went over its budget")
    }
}

impl Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.out.len().saturating_add(buf.len()) > PAGE_BYTES {
            return Err(Self::stop(Over::Size));
        }
        self.writes = self.writes.wrapping_add(1);
        // The clock is read every 256 writes (it costs more than a write).
        if self.writes.is_multiple_of(256) {
            if self.site.gave_up.load(Ordering::Relaxed) {
                return Err(Self::stop(Over::Time));
            }
            if self.started.elapsed() > PAGE_TIME {
                self.site.gave_up.store(true, Ordering::Relaxed);
                return Err(Self::stop(Over::Time));
            }
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tera's `range` (same arguments and results), counted against the page's
/// budget.
fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let overflow =
        || tera::Error::message("Function `range` was called with arguments that overflow i128");
    let (span, by) = if step > 0 {
        (end.checked_sub(start).ok_or_else(overflow)?, step)
    } else if start <= end {
        (0, 1)
    } else {
        (
            start.checked_sub(end).ok_or_else(overflow)?,
            step.checked_neg().ok_or_else(overflow)?,
        )
    };
    let len = span.checked_add(by - 1).ok_or_else(overflow)? / by;
    let left = RANGE_LEFT.get();
    if len > i128::from(left) {
        OVER.set(Some(Over::Range));
        return Err(tera::Error::message("`range` went over the page's budget"));
    }
    let len = u64::try_from(len).unwrap_or(0);
    RANGE_LEFT.set(left - len);
    let mut values = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut value = start;
    for _ in 0..len {
        values.push(value);
        value += step;
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(source: &str) -> tera::Tera {
        let mut tera = tera::Tera::new();
        install(&mut tera);
        tera.add_raw_template("t.html", source).expect("template");
        tera
    }

    #[test]
    fn range_gives_what_teras_own_gives() {
        let t = tera(
            "{% for i in range(end=3) %}{{ i }}{% endfor %}|{% for i in range(start=5, end=0, step_by=-2) %}{{ i }}{% endfor %}",
        );
        let mut out = Vec::new();
        SiteBudget::default()
            .render(&t, "t.html", &tera::Context::new(), &mut out)
            .expect("rendered");
        assert_eq!(String::from_utf8(out).expect("utf-8"), "012|531");
    }

    #[test]
    fn nested_ranges_stop_at_the_budget() {
        let t = tera(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let mut out = Vec::new();
        let e = SiteBudget::default()
            .render(&t, "t.html", &tera::Context::new(), &mut out)
            .expect_err("stopped");
        assert!(matches!(e, Ok(Over::Range)));
    }

    #[test]
    fn the_budget_is_per_page() {
        let t = tera("{% for i in range(end=600000) %}{% endfor %}ok");
        for _ in 0..3 {
            let mut out = Vec::new();
            SiteBudget::default()
                .render(&t, "t.html", &tera::Context::new(), &mut out)
                .expect("rendered");
        }
    }
}
