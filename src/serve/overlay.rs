//! What the browser shows when a save breaks the build: the error overlay's data.
//!
//! Owns turning a [`Report`] into the JSON the live-reload script draws: for
//! each error its file, line and column, the offending lines of the source,
//! what is wrong and what to do, all in the site's language. The script only
//! places this text with `textContent`; nothing here is HTML.

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Lang, Report};

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

pub fn overlay(report: &Report, root: &Path, lang: Lang) -> Overlay {
    let errors: Vec<ErrorCard> = report.errors().map(|d| card(d, root, lang)).collect();
    let n = errors.len();
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

fn card(d: &Diagnostic, root: &Path, lang: Lang) -> ErrorCard {
    let lines = match (&d.file, d.pos) {
        (Some(file), Some(pos)) => source_lines(&root.join(file), pos.line),
        _ => Vec::new(),
    };
    ErrorCard {
        location: d.location().unwrap_or_default(),
        message: d.message.get(lang).to_string(),
        help: d.help.iter().map(|h| h.get(lang).to_string()).collect(),
        lines,
    }
}

fn source_lines(path: &Path, line: usize) -> Vec<SourceLine> {
    let Some(text) = crate::diagnostic::read_source(path) else {
        return Vec::new();
    };
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
    use crate::diagnostic::{Pos, Words};

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
}
