//! Calendars people can subscribe to: iCalendar (RFC 5545) files of the
//! follow-ups and milestones, one for the portal and one per strategy.
//!
//! Owns the file names, the events (all-day or multi-day, from the periods'
//! intervals), their stable UIDs, and the format's escaping and line folding.
//! Pure: returns the files' text.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::base::OutputFile;
use crate::config::Config;
use crate::content::schema::Kind;
use crate::site::link::Site;
use crate::site::timeline::{Dated, Timeline};

/// Words the events are written with.
pub struct CalendarLabels<'a> {
    pub follow_up: &'a str,
    pub milestone: &'a str,
    pub date: &'a str,
    pub outcome: &'a str,
}

/// The portal's calendar and one for each strategy that has events.
pub fn calendars(
    site: &Site,
    config: &Config,
    timeline: &Timeline,
    today: NaiveDate,
    labels: &CalendarLabels,
) -> Vec<OutputFile> {
    // Each event is written once: it is in the portal's calendar and in its
    // strategy's.
    let host = host(config);
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    let base = config.base_url();
    let events: Vec<Option<String>> = timeline
        .items
        .iter()
        .map(|d| {
            (d.what.is_event() && writable(d))
                .then(|| event(d, site, labels, &host, &stamp, base.as_deref()))
        })
        .collect();
    let mut files = vec![OutputFile::new(
        crate::base::routes::calendar_name(&config.language).to_string(),
        calendar(&config.title, events.iter().flatten(), config).into_bytes(),
    )];
    for (i, e) in site.entries.iter().enumerate() {
        if e.kind != Kind::Strategy {
            continue;
        }
        let own: Vec<&String> = timeline
            .concerning_at(i)
            .filter_map(|(k, _)| events[k].as_ref())
            .collect();
        if own.is_empty() {
            continue;
        }
        let name = format!("{} – {}", config.title, e.common.title);
        files.push(OutputFile::new(
            crate::base::routes::calendar_beside(&site.urls[i], &config.language),
            calendar(&name, own.into_iter(), config).into_bytes(),
        ));
    }
    files
}

/// A calendar of `events` (each a `VEVENT` written by [`event`]).
fn calendar<'e>(name: &str, events: impl Iterator<Item = &'e String>, config: &Config) -> String {
    let mut out = String::new();
    for text in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!(
            "PRODID:-//pejl//pejl {}//{}",
            env!("CARGO_PKG_VERSION"),
            config.language.to_uppercase()
        ),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{}", escape(name)),
    ] {
        fold_into(&mut out, text);
    }
    for e in events {
        out.push_str(e);
    }
    fold_into(&mut out, "END:VCALENDAR");
    out
}

/// Whether the format can hold the event's days: a DATE has a year of four
/// digits, and DTEND is the day after the last (31 December 9999 has none).
/// Validation keeps dates within 1900–2200; this keeps the file valid should
/// another one ever get this far.
fn writable(d: &Dated) -> bool {
    use chrono::Datelike;
    d.period.start.year() >= 1000 && d.period.end.succ_opt().is_some_and(|e| e.year() <= 9999)
}

/// One follow-up or milestone as a `VEVENT`, its lines folded.
fn event(
    d: &Dated,
    site: &Site,
    labels: &CalendarLabels,
    host: &str,
    stamp: &str,
    base: Option<&str>,
) -> String {
    let e = &site.entries[d.page];
    let label = match d.what {
        crate::site::timeline::What::FollowUp => labels.follow_up,
        _ => labels.milestone,
    };
    let mut summary = format!("{label}: {}", e.common.title);
    if let Some(forum) = &d.forum {
        let _ = write!(summary, " ({forum})");
    }
    let mut description = format!("{}: {}", labels.date, d.period.text);
    if let Some(text) = &d.text {
        let _ = write!(description, "\n{text}");
    }
    if let Some(outcome) = &d.outcome {
        let _ = write!(description, "\n{}: {outcome}", labels.outcome);
    }
    let end = d.period.end.succ_opt().unwrap_or(d.period.end);
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VEVENT");
    line(&format!(
        "UID:{}-{}-{}@{host}",
        e.id,
        d.what.name().replace('_', "-"),
        d.seq
    ));
    line(&format!("DTSTAMP:{stamp}"));
    line(&format!(
        "DTSTART;VALUE=DATE:{}",
        d.period.start.format("%Y%m%d")
    ));
    line(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
    line(&format!("SUMMARY:{}", escape(&summary)));
    line(&format!("DESCRIPTION:{}", escape(&description)));
    if let Some(base) = base {
        let path = site.urls[d.page].trim_end_matches("index.html");
        line(&format!("URL:{base}{path}"));
    }
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
    out
}

/// The host that makes UIDs unique: the site's own, or a name made from its title.
pub fn host(config: &Config) -> String {
    config
        .base_url
        .as_deref()
        .and_then(|u| u.split_once("://"))
        .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or(rest).to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| format!("{}.pejl.invalid", crate::base::slug::slugify(&config.title)))
}

/// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `line` onto the end of `out`: lines end in CRLF and are folded at 75
/// octets, never inside a character (3.1).
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(line: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, line);
        out
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "æ".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn only_days_with_four_digit_years_go_in_a_calendar() {
        let dated = |text: &str| Dated {
            period: crate::base::period::parse(text).expect("a date"),
            what: crate::site::timeline::What::FollowUp,
            page: 0,
            order: (0, 0),
            seq: 0,
            forum: None,
            text: None,
            outcome: None,
            amount: None,
            per_year: false,
            pos: None,
        };
        assert!(writable(&dated("30. december 9999")));
        assert!(!writable(&dated("31. december 9999")));
        assert!(!writable(&dated("9999")));
        assert!(writable(&dated("1. januar 1000")));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
