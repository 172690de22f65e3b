//! What the browser shows when a save breaks the build: the error overlay's data.
//!
//! Owns turning a [`Report`] into the JSON the live-reload script draws: for
//! each error its file, line and column, the offending lines of the source,
//! what is wrong and what to do, all in the site's language. The script only
//! places this text with `textContent`; nothing here is HTML.

use std::path::Path;

use serde::Serialize;

use crate::base::diagnostic::{Diagnostic, Lang, Report};

/// The overlay's whole content.
#[derive(Debug, Serialize)]
pub struct Overlay {
    pub lang: &'static str,
    pub title: String,
    pub intro: String,
    pub help_label: &'static str,
    pub close: &'static str,
    pub errors: Vec<ErrorCard>,
}

/// One error as the overlay shows it.
#[derive(Debug, Serialize)]
pub struct ErrorCard {
    /// `content/maal/x.md:7:3`, or empty for a site-wide problem.
    pub location: String,
    pub message: String,
    pub help: Vec<String>,
    /// The lines around the error, with their numbers; `mark` on the offending one.
    pub lines: Vec<SourceLine>,
}

#[derive(Debug, Serialize)]
pub struct SourceLine {
    pub number: usize,
    pub text: String,
    pub mark: bool,
}

/// How many lines to show before and after the offending one.
const CONTEXT: usize = 2;

/// How many errors the overlay shows; the terminal shows them all.
const SHOWN: usize = 100;

pub fn overlay(report: &Report, root: &Path, lang: Lang) -> Overlay {
    let n = report.error_count();
    // Each file is read once, however many of its errors are shown.
    let mut sources: std::collections::HashMap<std::path::PathBuf, Option<String>> =
        std::collections::HashMap::new();
    let mut errors: Vec<ErrorCard> = report
        .errors()
        .take(SHOWN)
        .map(|d| card(d, root, lang, &mut sources))
        .collect();
    if n > SHOWN {
        let more = n - SHOWN;
        errors.push(ErrorCard {
            location: String::new(),
            message: match lang {
                Lang::Da => format!("… og {more} fejl mere; terminalen viser dem alle."),
                Lang::En => format!("… and {more} more errors; the terminal shows them all."),
            },
            help: Vec::new(),
            lines: Vec::new(),
        });
    }
    let (title, intro, help_label, close) = match lang {
        Lang::Da => (
            if n == 1 {
                "Siden kan ikke bygges: 1 fejl".to_string()
            } else {
                format!("Siden kan ikke bygges: {n} fejl")
            },
            "Du ser stadig den seneste version, der virkede. Ret fejlen og gem filen, så forsvinder denne besked af sig selv."
                .to_string(),
            "Sådan retter du det",
            "Skjul",
        ),
        Lang::En => (
            if n == 1 {
                "The site cannot be built: 1 error".to_string()
            } else {
                format!("The site cannot be built: {n} errors")
            },
            "You are still seeing the last version that worked. Fix the error and save the file; this message then goes away by itself."
                .to_string(),
            "How to fix it",
            "Hide",
        ),
    };
    Overlay {
        lang: match lang {
            Lang::Da => "da",
            Lang::En => "en",
        },
        title,
        intro,
        help_label,
        close,
        errors,
    }
}

fn card(
    d: &Diagnostic,
    root: &Path,
    lang: Lang,
    sources: &mut std::collections::HashMap<std::path::PathBuf, Option<String>>,
) -> ErrorCard {
    let lines = match (&d.file, d.pos) {
        (Some(file), Some(pos)) => {
            let path = root.join(file);
            let text = sources
                .entry(path)
                .or_insert_with_key(|p| crate::base::diagnostic::read_source(p));
            text.as_deref()
                .map_or_else(Vec::new, |t| source_lines(t, pos.line))
        }
        _ => Vec::new(),
    };
    ErrorCard {
        location: d.location().unwrap_or_default(),
        message: d.message.get(lang).to_string(),
        help: d.help.iter().map(|h| h.get(lang).to_string()).collect(),
        lines,
    }
}

fn source_lines(text: &str, line: usize) -> Vec<SourceLine> {
    let first = line.saturating_sub(CONTEXT).max(1);
    text.lines()
        .enumerate()
        .map(|(i, t)| (i + 1, t))
        .skip(first - 1)
        .take(line + CONTEXT + 1 - first)
        .map(|(number, t)| SourceLine {
            number,
            text: t.chars().take(200).collect(),
            mark: number == line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::{Pos, Words};

    #[test]
    fn a_card_has_the_lines_around_the_error_in_the_sites_language() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "1\n2\n3\n4\n5\n6\n").unwrap();
        let d = Diagnostic::error(Words::new("unknown goal", "ukendt mål"))
            .in_file("a.md")
            .at(Pos::new(4, 1))
            .with_help(Words::new("fix it", "ret det"));
        let o = overlay(&Report::new(vec![d]), dir.path(), Lang::Da);
        assert_eq!(o.title, "Siden kan ikke bygges: 1 fejl");
        let c = &o.errors[0];
        assert_eq!(c.location, "a.md:4:1");
        assert_eq!(c.message, "ukendt mål");
        assert_eq!(c.help, vec!["ret det"]);
        let numbers: Vec<usize> = c.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![2, 3, 4, 5, 6]);
        assert!(c.lines[2].mark && !c.lines[1].mark);
    }

    #[test]
    fn warnings_are_not_shown() {
        let w = Diagnostic::warning("only a warning");
        let o = overlay(&Report::new(vec![w]), Path::new("."), Lang::En);
        assert!(o.errors.is_empty());
    }

    #[test]
    fn many_errors_in_one_file_show_the_first_hundred_and_a_count() {
        let dir = tempfile::tempdir().expect("tmp");
        let text: String = (1..=200).map(|n| format!("line {n}\n")).collect();
        std::fs::write(dir.path().join("a.md"), text).expect("write");
        let errors = (1..=150)
            .map(|n| {
                Diagnostic::error(format!("problem {n}"))
                    .in_file("a.md")
                    .at(Pos::new(n, 1))
            })
            .collect();
        let o = overlay(&Report::new(errors), dir.path(), Lang::Da);
        assert_eq!(o.errors.len(), 101);
        assert_eq!(o.errors[99].lines[2].text, "line 100");
        assert!(o.errors[100].message.contains("50 fejl mere"));
        assert!(o.title.contains("150 fejl"));
    }
}
