//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Owns the [`Diagnostic`] value that every stage returns for bad input, and its
//! rendering as text for a terminal. It must not decide what is an error: the
//! stages do. The library never prints; callers render a [`Report`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;

/// How serious a finding is. Errors fail the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
pub use crate::base::period::Lang;

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
        $crate::base::diagnostic::Words::new(format!($en), format!($da))
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

impl Diagnostic {
    /// A copy whose message, help and file name show control characters
    /// escaped (see [`escape_controls`]), to print on a terminal.
    pub fn escaped(&self) -> Diagnostic {
        let words = |w: &Words| Words {
            en: escape_controls(&w.en).into_owned(),
            da: w.da.as_deref().map(|d| escape_controls(d).into_owned()),
        };
        Diagnostic {
            severity: self.severity,
            file: self
                .file
                .as_ref()
                .map(|f| PathBuf::from(escape_controls(&f.display().to_string()).into_owned())),
            pos: self.pos,
            message: Box::new(words(&self.message)),
            help: self.help.iter().map(words).collect(),
        }
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
        // Sorted on every field, so that equal findings end up side by side
        // and `dedup` removes them all: O(n log n).
        diagnostics.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message, &a.help)
                .cmp(&(&b.file, b.pos, b.severity, &b.message, &b.help))
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
    ///
    /// Linear in the number of findings: each file is read once (findings are
    /// sorted by file), and of many findings of one kind in one file only the
    /// first [`REPEATS_SHOWN`] are drawn, then a line saying how many more
    /// there are. Control characters and bidi overrides from the content are
    /// shown escaped, so a value cannot move the cursor or recolour the terminal.
    pub fn render(&self, root: &Path, color: bool, lang: Lang) -> String {
        let config = term::Config::default();
        let kinds: Vec<Likeness<'_>> = self.diagnostics.iter().map(Likeness::of).collect();
        let mut totals: HashMap<&Likeness<'_>, usize> = HashMap::new();
        for k in &kinds {
            *totals.entry(k).or_default() += 1;
        }
        let mut shown: HashMap<&Likeness<'_>, usize> = HashMap::new();
        let mut source = CachedSource::default();
        let mut text = String::new();
        for (d, kind) in self.diagnostics.iter().zip(&kinds) {
            let n = shown.entry(kind).or_default();
            *n += 1;
            if *n > REPEATS_SHOWN {
                continue;
            }
            let mut buf = if color {
                term::termcolor::Buffer::ansi()
            } else {
                term::termcolor::Buffer::no_color()
            };
            let file = d.file.as_deref().map(|f| source.of(root, f));
            let one = Snippet::new(d, file);
            let rendered = one.diagnostic(d, lang);
            if term::emit_to_write_style(&mut buf, &config, &one, &rendered).is_ok() {
                let one = String::from_utf8_lossy(&buf.into_inner()).into_owned();
                text.push_str(&severity_in(lang, d.severity, one));
            } else {
                // Rendering a snippet can only fail on a position outside the file;
                // fall back to the one-line form rather than lose the message.
                text.push_str(&format!("{}\n\n", d.escaped().in_lang(lang)));
            }
            if *n == REPEATS_SHOWN {
                let more = totals[kind] - REPEATS_SHOWN;
                if more > 0 {
                    text.push_str(&more_like_this(d, more, lang));
                }
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

/// Of many findings of one kind in one file, how many the terminal shows.
pub const REPEATS_SHOWN: usize = 50;

/// What makes findings "of one kind": the same file, severity and message
/// once the quoted values and the numbers in it are left out (`the
/// follow-up "…" of "…" has passed` for every overdue follow-up).
#[derive(PartialEq, Eq, Hash)]
struct Likeness<'a> {
    file: Option<&'a Path>,
    severity: Severity,
    message: String,
}

impl<'a> Likeness<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        let mut message = String::with_capacity(d.message.en.len());
        let mut quoted = false;
        for c in d.message.en.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    message.push(c);
                }
                _ if quoted || c.is_ascii_digit() => {}
                _ => message.push(c),
            }
        }
        Likeness {
            file: d.file.as_deref(),
            severity: d.severity,
            message,
        }
    }
}

/// The line after the last finding shown of a kind: how many more there are.
fn more_like_this(d: &Diagnostic, more: usize, lang: Lang) -> String {
    let file = d
        .file
        .as_ref()
        .map(|f| escape_controls(&f.display().to_string()).into_owned());
    let shown = REPEATS_SHOWN;
    let text = match (lang, d.severity) {
        (Lang::En, severity) => {
            let what = match (severity, more) {
                (Severity::Error, 1) => "error",
                (Severity::Error, _) => "errors",
                (Severity::Warning, 1) => "warning",
                (Severity::Warning, _) => "warnings",
            };
            let place = file.map(|f| format!(" in {f}")).unwrap_or_default();
            format!("…and {more} more {what} like this{place}; only the first {shown} are shown")
        }
        (Lang::Da, severity) => {
            let what = match (severity, more) {
                (Severity::Error, _) => "fejl",
                (Severity::Warning, 1) => "advarsel",
                (Severity::Warning, _) => "advarsler",
            };
            let place = file.map(|f| format!(" i {f}")).unwrap_or_default();
            format!("…og {more} {what} mere af samme slags{place}; kun de første {shown} vises")
        }
    };
    format!("{text}\n\n")
}

/// The text of the file findings point into, with where each line starts;
/// the last file read is kept, and findings come sorted by file.
#[derive(Default)]
struct CachedSource {
    file: Option<PathBuf>,
    source: Source,
}

/// A file's text and the byte where each of its lines starts (lines as
/// `split('\n')` counts them: an empty or missing file has one empty line).
#[derive(Default)]
struct Source {
    text: String,
    starts: Vec<usize>,
    /// Line, byte and character where the last snippet of this file began:
    /// findings come in order of position, so many on one long line walk
    /// through it once, not once each.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl CachedSource {
    fn of(&mut self, root: &Path, file: &Path) -> &Source {
        if self.file.as_deref() != Some(file) {
            let text = read_source(&root.join(file)).unwrap_or_default();
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            self.source = Source {
                text,
                starts,
                cursor: Default::default(),
            };
            self.file = Some(file.to_path_buf());
        }
        &self.source
    }
}

impl Source {
    /// Line `n` (1-based) without its line break, if the file has it.
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end)
    }
}

/// How much of a line a message shows on either side of the place it points at.
const EXCERPT_BEFORE: usize = 60;
const EXCERPT_AFTER: usize = 100;

/// One finding's message and the one line it points at, cut around the
/// column when it is long (a 10 MB line must not fill the terminal), as the
/// one file codespan draws from: it says the line's number in the real file.
struct Snippet {
    /// The file's name as shown, escaped.
    name: String,
    /// The part of the line shown, escaped, with `…` where it was cut.
    shown: String,
    /// The line's number in the file.
    line: usize,
    /// The column the label starts at in the file's line, in characters.
    col: usize,
    /// The bytes of `shown` to underline; `None` when there is no such line.
    label: Option<std::ops::Range<usize>>,
}

impl Snippet {
    fn new(d: &Diagnostic, source: Option<&Source>) -> Self {
        let pos = d.pos.unwrap_or(Pos::new(1, 1));
        let mut snippet = Snippet {
            name: d
                .file
                .as_ref()
                .map(|f| escape_controls(&f.display().to_string()).into_owned())
                .unwrap_or_default(),
            shown: String::new(),
            line: pos.line,
            col: pos.col,
            label: None,
        };
        // A finding about a file as a whole (a setting it lacks) points at
        // no line of it.
        let source = source.filter(|_| d.pos.is_some());
        let Some((source, line)) = source.and_then(|s| Some((s, s.line(pos.line)?))) else {
            return snippet;
        };
        let col = pos.col.max(1);
        // Characters `first..last` of the line are shown, and the label
        // starts at character `col - 1` (each the end of the line, if shorter).
        let first = col.saturating_sub(1).saturating_sub(EXCERPT_BEFORE);
        let (from, from_char) = match source.cursor.get() {
            (n, byte, chars) if n == pos.line && chars <= first => {
                char_to_byte(line, byte, chars, first)
            }
            _ => char_to_byte(line, 0, 0, first),
        };
        source.cursor.set((pos.line, from, from_char));
        let (at, at_char) = char_to_byte(line, from, from_char, col - 1);
        let (to, _) = char_to_byte(line, at, at_char, col - 1 + EXCERPT_AFTER);
        let (cut_before, cut_after) = (first > 0, to < line.len());
        if pos.line == 1 && !cut_before && to == 0 {
            // An empty first line: nothing to underline.
            return snippet;
        }
        let mut shown = String::new();
        if cut_before {
            shown.push('…');
        }
        shown.push_str(&escape_source(&line[from..at]));
        let start = shown.len();
        shown.push_str(&escape_source(&line[at..to]));
        if cut_after {
            shown.push('…');
        }
        // Up to 80 bytes of the rest of what is shown.
        let mut end = shown.len().min(start + 80);
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        snippet.shown = shown;
        snippet.col = at_char + 1;
        snippet.label = Some(start..end);
        snippet
    }

    /// The finding as codespan draws it: escaped, with this snippet's label.
    fn diagnostic(&self, d: &Diagnostic, lang: Lang) -> cs::Diagnostic<()> {
        let base = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let mut diag = base.with_message(escape_controls(d.message.get(lang)));
        if d.file.is_some() {
            match &self.label {
                Some(range) => {
                    diag = diag.with_labels(vec![cs::Label::primary((), range.clone())]);
                }
                None => {
                    let name = match d.pos {
                        Some(_) => format!("{}:{}:{}", self.name, self.line, self.col),
                        None => self.name.clone(),
                    };
                    diag = diag.with_notes(vec![match lang {
                        Lang::Da => format!("i {name}"),
                        Lang::En => format!("in {name}"),
                    }]);
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
                .map(|h| format!("{help}: {}", escape_controls(h.get(lang))))
                .collect(),
        )
    }
}

/// The byte and character index of character `n` of `line`, or of its end
/// if it is shorter, counting on from byte `byte`, which is character
/// `chars` (at most `n`).
fn char_to_byte(line: &str, byte: usize, chars: usize, n: usize) -> (usize, usize) {
    let rest = line.get(byte..).unwrap_or("");
    match rest.char_indices().nth(n.saturating_sub(chars)) {
        Some((i, _)) => (byte + i, n),
        None => (line.len(), chars + rest.chars().count()),
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.shown)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'a self,
        (): (),
        index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line + index)
    }

    fn column_number(
        &'a self,
        (): (),
        _: usize,
        _: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.col)
    }

    fn line_range(
        &'a self,
        (): (),
        index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        match index {
            0 => Ok(0..self.shown.len()),
            _ => Err(codespan_reporting::files::Error::LineTooLarge {
                given: index,
                max: 0,
            }),
        }
    }
}

/// Whether a character from the content must not reach a terminal as it
/// is: control characters (ESC starts the sequences that clear the screen,
/// move the cursor or change colours; CR and backspace overwrite what was
/// written) and the bidi controls that reorder what is shown.
fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every `is_hidden` character written out, as `\u{1b}` or `\n`.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_but(text, '\0')
}

/// A source line for the terminal: tabs are kept (codespan lays them out).
fn escape_source(text: &str) -> Cow<'_, str> {
    escape_but(text, '\t')
}

fn escape_but(text: &str, keep: char) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && c != keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) && c != keep {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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

    fn render_one(source: &str, d: Diagnostic) -> String {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), source).expect("write");
        Report::new(vec![d.in_file("a.md")]).render(dir.path(), false, Lang::En)
    }

    #[test]
    fn the_line_shown_has_its_number_in_the_file() {
        let source = "x\n".repeat(999) + "  - date: 2020\n";
        let out = render_one(&source, Diagnostic::warning("old").at(Pos::new(1000, 11)));
        assert!(out.contains("┌─ a.md:1000:11\n"), "{out}");
        assert!(out.contains("1000 │   - date: 2020\n"), "{out}");
        assert!(out.contains("│           ^^^^\n"), "{out}");
        let out = render_one(&source, Diagnostic::warning("far").at(Pos::new(2000, 1)));
        assert!(out.contains("= in a.md:2000:1"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_place_and_keeps_its_column() {
        let source = format!("title: {}X{}\n", "æ".repeat(500), "ø".repeat(500));
        let out = render_one(&source, Diagnostic::error("here").at(Pos::new(1, 508)));
        assert!(out.contains("┌─ a.md:1:508\n"), "{out}");
        let shown = out.lines().find(|l| l.starts_with("1 │")).expect("line");
        assert_eq!(
            shown,
            format!("1 │ …{}X{}…", "æ".repeat(60), "ø".repeat(99))
        );
    }

    #[test]
    fn control_characters_from_the_content_are_shown_escaped() {
        let evil = "\u{1b}[2J\u{1b}[1;1HBuild OK\r\u{202e}";
        let source = format!("title: \"{evil}\"\n");
        let dir = tempfile::tempdir().expect("temp dir");
        let name = format!("a{evil}.md");
        std::fs::write(dir.path().join(&name), source).expect("write");
        let d = Diagnostic::error(format!("bad title \"{evil}\"\nBuilt"))
            .in_file(&name)
            .at(Pos::new(1, 8))
            .with_help(format!("fix {evil}"));
        let report = Report::new(vec![d.clone(), d.in_file("gone\u{9b}.md")]);
        for color in [false, true] {
            let out = report.render(dir.path(), color, Lang::En);
            let plain: String = out.replace("\u{1b}[0m", "").replace("\u{1b}[1m", "");
            assert!(
                out.contains("\\u{1b}[2J\\u{1b}[1;1HBuild OK\\r\\u{202e}"),
                "{out}"
            );
            assert!(
                out.contains("\\nBuilt") && out.contains("gone\\u{9b}.md"),
                "{out}"
            );
            assert!(!out.contains('\r') && !out.contains('\u{202e}') && !out.contains('\u{9b}'));
            if !color {
                assert!(!plain.contains('\u{1b}'), "{out}");
            }
        }
    }

    #[test]
    fn many_findings_of_one_kind_in_a_file_show_the_first_fifty() {
        let source = "- date: x\n".repeat(200);
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), source).expect("write");
        let mut all: Vec<Diagnostic> = (1..=120)
            .map(|n| {
                Diagnostic::warning(Words::new(
                    format!("the follow-up \"{n}. kvartal\" is {n} days late"),
                    format!("opfølgningen \"{n}. kvartal\" er {n} dage forsinket"),
                ))
                .in_file("a.md")
                .at(Pos::new(n, 3))
            })
            .collect();
        all.push(
            Diagnostic::error("other")
                .in_file("a.md")
                .at(Pos::new(199, 1)),
        );
        let report = Report::new(all);
        let en = report.render(dir.path(), false, Lang::En);
        assert_eq!(en.matches("days late").count(), 50, "{en}");
        assert!(
            en.contains("…and 70 more warnings like this in a.md; only the first 50 are shown\n"),
            "{en}"
        );
        assert!(en.contains("error: other"), "{en}");
        let da = report.render(dir.path(), false, Lang::Da);
        assert!(
            da.contains("…og 70 advarsler mere af samme slags i a.md; kun de første 50 vises"),
            "{da}"
        );
        assert_eq!(report.warning_count(), 120);
    }
}
