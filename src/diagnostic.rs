//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Owns the [`Diagnostic`] value that every stage returns for bad input, and its
//! rendering as text for a terminal. It must not decide what is an error: the
//! stages do. The library never prints; callers render a [`Report`].

use std::fmt;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

/// How serious a finding is. Errors fail the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. Lines and columns are 1-based, as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// A position in a page's body as a position in its file, whose body
    /// starts on line `body_line`.
    pub fn in_file_from(self, body_line: usize) -> Self {
        Pos::new(self.line + body_line - 1, self.col)
    }

    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before
            .get(line_start..)
            .map_or(1, |s| s.chars().count() + 1);
        Pos { line, col }
    }
}

/// The language messages are shown in: the site's, unless the user asks otherwise.
pub use crate::period::Lang;

impl Lang {
    /// `"da"` → Danish; anything else → English.
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("da") {
            Lang::Da
        } else {
            Lang::En
        }
    }
}

/// One message in English and, where written, in Danish.
///
/// Build it with [`Words::new`] (both languages) or from a plain string (English
/// only, shown as is on a Danish site until someone translates it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Words {
    pub en: String,
    pub da: Option<String>,
}

impl Words {
    pub fn new(en: impl Into<String>, da: impl Into<String>) -> Self {
        Words {
            en: en.into(),
            da: Some(da.into()),
        }
    }

    /// The message in `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.da) {
            (Lang::Da, Some(da)) => da,
            _ => &self.en,
        }
    }

    /// True when either language's text contains `needle` (for tests and filters).
    pub fn contains(&self, needle: &str) -> bool {
        self.en.contains(needle) || self.da.as_deref().is_some_and(|d| d.contains(needle))
    }
}

impl From<String> for Words {
    fn from(en: String) -> Self {
        Words { en, da: None }
    }
}

impl From<&str> for Words {
    fn from(en: &str) -> Self {
        Words::from(en.to_string())
    }
}

impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// Both languages of a message built with `format!` arguments:
/// `words!("unknown goal \"{id}\"", "ukendt mål \"{id}\"")`.
#[macro_export]
macro_rules! words {
    ($en:literal, $da:literal $(,)?) => {
        $crate::diagnostic::Words::new(format!($en), format!($da))
    };
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the project when possible; `None` for site-wide problems.
    pub file: Option<PathBuf>,
    pub pos: Option<Pos>,
    /// What is wrong, in plain words (boxed: diagnostics travel in `Result`s).
    pub message: Box<Words>,
    /// What to do about it.
    pub help: Vec<Words>,
}

impl Diagnostic {
    pub fn error(message: impl Into<Words>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            pos: None,
            message: Box::new(message.into()),
            help: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<Words>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.pos = Some(pos);
        self
    }

    pub fn with_help(mut self, help: impl Into<Words>) -> Self {
        self.help.push(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` (as much of it as is known).
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match self.pos {
            Some(p) => format!("{file}:{}:{}", p.line, p.col),
            None => file,
        })
    }
}

/// A diagnostic's one-line form in a given language.
pub struct InLang<'a>(&'a Diagnostic, Lang);

impl Diagnostic {
    pub fn in_lang(&self, lang: Lang) -> InLang<'_> {
        InLang(self, lang)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        InLang(self, Lang::En).fmt(f)
    }
}

impl fmt::Display for InLang<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let InLang(d, lang) = *self;
        let (level, help) = match (d.severity, lang) {
            (Severity::Error, Lang::En) => ("error", "help"),
            (Severity::Warning, Lang::En) => ("warning", "help"),
            (Severity::Error, Lang::Da) => ("fejl", "hjælp"),
            (Severity::Warning, Lang::Da) => ("advarsel", "hjælp"),
        };
        if let Some(loc) = d.location() {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{level}: {}", d.message.get(lang))?;
        for h in &d.help {
            write!(f, "\n  {help}: {}", h.get(lang))?;
        }
        Ok(())
    }
}

/// All findings of one run, in a stable order (by file, then position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        diagnostics.dedup();
        Report { diagnostics }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Render every finding with the offending source lines, as a terminal shows it.
    /// `root` is the folder that relative file paths in the diagnostics start from.
    pub fn render(&self, root: &Path, color: bool, lang: Lang) -> String {
        let mut files = SimpleFiles::new();
        let config = term::Config::default();
        let mut text = String::new();
        for d in &self.diagnostics {
            let mut buf = if color {
                term::termcolor::Buffer::ansi()
            } else {
                term::termcolor::Buffer::no_color()
            };
            let rendered = to_codespan(d, root, &mut files, lang);
            if term::emit_to_write_style(&mut buf, &config, &files, &rendered).is_ok() {
                let one = String::from_utf8_lossy(&buf.into_inner()).into_owned();
                text.push_str(&severity_in(lang, d.severity, one));
            } else {
                // Rendering a snippet can only fail on a position outside the file;
                // fall back to the one-line form rather than lose the message.
                text.push_str(&format!("{}\n\n", d.in_lang(lang)));
            }
        }
        text
    }

    /// The closing line: how many errors and warnings.
    pub fn summary(&self, lang: Lang) -> String {
        let e = self.error_count();
        let w = self.warning_count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match lang {
            Lang::Da => format!(
                "{} og {}",
                plural(e, "fejl", "fejl"),
                plural(w, "advarsel", "advarsler")
            ),
            Lang::En => format!(
                "{} and {}",
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings")
            ),
        }
    }
}

fn to_codespan(
    d: &Diagnostic,
    root: &Path,
    files: &mut SimpleFiles<String, String>,
    lang: Lang,
) -> cs::Diagnostic<usize> {
    let base = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let mut diag = base.with_message(d.message.get(lang));
    if let Some(file) = &d.file {
        let source = read_source(&root.join(file)).unwrap_or_default();
        let pos = d.pos.unwrap_or(Pos::new(1, 1));
        let name = format!("{}:{}:{}", file.display(), pos.line, pos.col);
        let (source, shown) = excerpt(&source, pos);
        match byte_offset(&source, shown) {
            Some(offset) => {
                let end = label_end(&source, offset);
                let id = files.add(file.display().to_string(), source);
                diag = diag.with_labels(vec![cs::Label::primary(id, offset..end)]);
            }
            None => {
                diag = diag.with_notes(vec![match lang {
                    Lang::Da => format!("i {name}"),
                    Lang::En => format!("in {name}"),
                }])
            }
        }
    }
    let help = match lang {
        Lang::Da => "hjælp",
        Lang::En => "help",
    };
    diag.with_notes(
        d.help
            .iter()
            .map(|h| format!("{help}: {}", h.get(lang)))
            .collect(),
    )
}

/// codespan writes the severity in English; the first "error"/"warning" of one
/// rendered diagnostic is that label (colour codes hold no letters of it).
fn severity_in(lang: Lang, severity: Severity, rendered: String) -> String {
    match (lang, severity) {
        (Lang::Da, Severity::Error) => rendered.replacen("error", "fejl", 1),
        (Lang::Da, Severity::Warning) => rendered.replacen("warning", "advarsel", 1),
        (Lang::En, _) => rendered,
    }
}

/// The text of a file a message points into, to show its lines: only an
/// ordinary file (not a link, which may point anywhere, nor a pipe, which
/// would never end), and only its first 64 MB.
pub fn read_source(path: &Path) -> Option<String> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024 * 1024)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(unix_line_endings(&String::from_utf8_lossy(&bytes)).into_owned())
}

/// `text` with CRLF and lone CR line breaks written as LF, as editors count
/// lines (and as the YAML reader does).
pub fn unix_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// How much of a line a message shows on either side of the place it points at.
const EXCERPT_BEFORE: usize = 60;
const EXCERPT_AFTER: usize = 100;

/// Only the line a message points at, cut around the column when it is long
/// (a 10 MB line must not fill the terminal), with the other lines left empty
/// so the line number stays right. Returns that text and the place in it.
fn excerpt(source: &str, pos: Pos) -> (String, Pos) {
    let source = unix_line_endings(source);
    let Some(line) = source.split('\n').nth(pos.line.saturating_sub(1)) else {
        return (String::new(), pos);
    };
    let chars: Vec<char> = line.chars().collect();
    let col = pos.col.max(1);
    let start = col.saturating_sub(1).saturating_sub(EXCERPT_BEFORE);
    let end = (col - 1 + EXCERPT_AFTER).min(chars.len());
    let mut shown: String = chars[start.min(end)..end].iter().collect();
    let mut shown_col = col - start;
    if start > 0 {
        shown.insert(0, '…');
        shown_col += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let mut text = "\n".repeat(pos.line.saturating_sub(1));
    text.push_str(&shown);
    (text, Pos::new(pos.line, shown_col))
}

/// The byte offset of a 1-based line and column, if the file has that place.
fn byte_offset(text: &str, pos: Pos) -> Option<usize> {
    if text.is_empty() || pos.line == 0 {
        return None;
    }
    let line_start = if pos.line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(pos.line - 2)
            .map(|(i, _)| i + 1)?
    };
    let line = text.get(line_start..)?.split('\n').next()?;
    let col_bytes: usize = line
        .chars()
        .take(pos.col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    Some(line_start + col_bytes.min(line.len()))
}

/// Underline up to the end of the word (or line) that starts at `offset`.
fn label_end(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len()).min(80);
    if len == 0 { offset } else { offset + len }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_to_position_counts_characters_not_bytes() {
        let text = "æøå\nab";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, "æø".len()), Pos::new(1, 3));
        assert_eq!(Pos::of_offset(text, text.len()), Pos::new(2, 3));
    }

    #[test]
    fn one_line_form_names_file_line_and_column() {
        let d = Diagnostic::error("unknown goal \"x\"")
            .in_file("content/a.md")
            .at(Pos::new(7, 3))
            .with_help("did you mean \"y\"?");
        assert_eq!(
            d.to_string(),
            "content/a.md:7:3: error: unknown goal \"x\"\n  help: did you mean \"y\"?"
        );
    }

    #[test]
    fn danish_reports_name_the_severity_in_danish() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), "---\ntitle: error\n---\n").expect("write");
        let report = Report::new(vec![
            Diagnostic::error(Words::new("bad error", "slem fejl"))
                .in_file("a.md")
                .at(Pos::new(2, 8))
                .with_help(Words::new("fix it", "ret den")),
            Diagnostic::warning(Words::new("odd", "mærkeligt")),
        ]);
        for color in [false, true] {
            let da = report.render(dir.path(), color, Lang::Da);
            assert!(!da.contains("error:") && !da.contains("warning"), "{da}");
            assert!(
                da.contains("slem fejl") && da.contains("hjælp: ret den"),
                "{da}"
            );
            let en = report.render(dir.path(), color, Lang::En);
            assert!(en.contains("bad error") && en.contains("warning"), "{en}");
        }
        let plain = report.render(dir.path(), false, Lang::Da);
        assert!(plain.starts_with("advarsel: mærkeligt"), "{plain}");
        assert!(plain.contains("\nfejl: slem fejl"), "{plain}");
        assert!(
            plain.contains("title: error"),
            "the source line is kept: {plain}"
        );
    }

    #[test]
    fn byte_offset_finds_line_and_column() {
        let text = "a\nbcd\ne";
        assert_eq!(byte_offset(text, Pos::new(2, 2)), Some(3));
        assert_eq!(byte_offset(text, Pos::new(9, 1)), None);
    }
}
