//! What word processors and Danish keyboards put into YAML that YAML cannot
//! read, found on the line where it is: typographic quotes (“ ” „ « » ‘ ’)
//! where straight ones were meant, a tab in the indentation, a non-breaking
//! or other special space. YAML's own message for them names the wrong
//! line ("did not find expected key", nine lines further down) or says
//! nothing a writer understands, so when a text fails to parse, this looks
//! for them first.

use crate::base::diagnostic::{Pos, Words};

/// Quotes a word processor writes in place of `"` and `'`.
const TYPOGRAPHIC_QUOTES: [char; 9] = ['“', '”', '„', '‟', '«', '»', '‘', '’', '‚'];

/// Spaces that look like a space but are not one to YAML.
const ODD_SPACES: [char; 6] = [
    '\u{a0}', '\u{2007}', '\u{202f}', '\u{2002}', '\u{2003}', '\u{2009}',
];

/// The first artefact in `yaml`, whose first line is file line
/// `line_offset + 1`: its message, position and what to type instead; the
/// help also names every other line with one, so all are fixed in one go.
pub fn find(yaml: &str, line_offset: usize) -> Option<(Words, Pos, Words)> {
    let mut found = yaml
        .lines()
        .enumerate()
        .filter_map(|(i, line)| in_line(line).map(|(col, what)| (what, i, col)));
    let (what, i, col) = found.next()?;
    let (message, help) = what.words();
    let others: Vec<String> = found
        .map(|(_, j, _)| (line_offset + j + 1).to_string())
        .collect();
    let help = if others.is_empty() {
        help
    } else {
        let lines = others.join(", ");
        let (en, da) = (help.en.clone(), help.da.clone().unwrap_or_default());
        crate::words!(
            "{en}; lines {lines} have the same kind of problem",
            "{da}; linje {lines} har samme slags problem"
        )
    };
    Some((message, Pos::new(line_offset + i + 1, col + 1), help))
}

/// What was found on a line.
enum Artefact {
    Tab,
    OddSpace,
    /// Typographic quotes around a value, the first one found.
    Quotes(char),
}

/// The artefact on one line and its 0-based column (in characters).
fn in_line(line: &str) -> Option<(usize, Artefact)> {
    let indent: Vec<(usize, char)> = line
        .chars()
        .enumerate()
        .take_while(|(_, c)| c.is_whitespace())
        .collect();
    if let Some(&(col, _)) = indent.iter().find(|(_, c)| *c == '\t') {
        return Some((col, Artefact::Tab));
    }
    if let Some(&(col, _)) = indent.iter().find(|(_, c)| ODD_SPACES.contains(c)) {
        return Some((col, Artefact::OddSpace));
    }
    let (value_col, value) = value_of(line)?;
    let mut chars = value.chars().enumerate();
    if let Some((k, c)) = chars
        .by_ref()
        .take_while(|(_, c)| ODD_SPACES.contains(c))
        .last()
        && ODD_SPACES.contains(&c)
    {
        return Some((value_col + k, Artefact::OddSpace));
    }
    let value = value.trim_start_matches(ODD_SPACES);
    let first = value.chars().next()?;
    if TYPOGRAPHIC_QUOTES.contains(&first) {
        return Some((value_col, Artefact::Quotes(first)));
    }
    // A straight quote opened and a typographic one closing it: `"Min indsats”`.
    let trimmed = value.trim_end();
    let last = trimmed.chars().last()?;
    if (first == '"' || first == '\'')
        && TYPOGRAPHIC_QUOTES.contains(&last)
        && !trimmed[first.len_utf8()..].contains(first)
    {
        let col = value_col + trimmed.chars().count() - 1;
        return Some((col, Artefact::Quotes(last)));
    }
    None
}

/// The value part of `key: value` or `- value`, with its 0-based column.
fn value_of(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start();
    let lead = line.chars().count() - body.chars().count();
    if let Some(rest) = body.strip_prefix("- ") {
        return Some((lead + 2, rest));
    }
    let colon = body.find(": ")?;
    let key = &body[..colon];
    if key.is_empty() || key.contains(['"', '\'', '#']) {
        return None;
    }
    let rest = &body[colon + 2..];
    let skipped = rest.len() - rest.trim_start_matches(' ').len();
    let col = lead + key.chars().count() + 2 + skipped;
    Some((col, &rest[skipped..]))
}

impl Artefact {
    fn words(&self) -> (Words, Words) {
        match self {
            Artefact::Tab => (
                Words::new(
                    "the line is indented with a tab, which YAML does not allow",
                    "linjen er rykket ind med et tabulatortegn (Tab), og det tillader YAML ikke",
                ),
                Words::new(
                    "delete the tab and indent with spaces, so the line starts right under the line it belongs to (in a list: under the text after `- `, e.g. under `date:`)",
                    "slet tabulatortegnet, og ryk ind med mellemrum, så linjen begynder lige under den linje, den hører til (i en liste: under teksten efter `- `, fx under `date:`)",
                ),
            ),
            Artefact::OddSpace => (
                Words::new(
                    "the line has a non-breaking or other special space here, which YAML does not read as a space (word processors insert them)",
                    "linjen har et hårdt eller andet særligt mellemrum her, som YAML ikke læser som et mellemrum (tekstbehandlingsprogrammer sætter dem ind)",
                ),
                Words::new(
                    "delete the space and type an ordinary one with the space bar",
                    "slet mellemrummet, og skriv et almindeligt med mellemrumstasten",
                ),
            ),
            Artefact::Quotes(q) => (
                crate::words!(
                    "the value uses the typographic quote {q}, which YAML does not read as a quote (word processors and Danish keyboards make them)",
                    "værdien bruger det typografiske anførselstegn {q}, som YAML ikke læser som et anførselstegn (tekstbehandlingsprogrammer og danske tastaturer laver dem)"
                ),
                Words::new(
                    "write the quotes as straight quotes (\"), like `title: \"Status: i gang\"`, or leave them out if the text has no `: ` in it",
                    "skriv anførselstegnene som lige anførselstegn (\"), som `title: \"Status: i gang\"`, eller udelad dem, hvis teksten ikke har `: ` i sig",
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str) -> Option<(usize, usize)> {
        find(yaml, 1).map(|(_, pos, _)| (pos.line, pos.col))
    }

    #[test]
    fn each_artefact_is_found_on_its_own_line_and_column() {
        assert_eq!(
            at("kind: goal\ntitle: \"Min indsats”\n# en kommentar\n"),
            Some((3, 20))
        );
        assert_eq!(at("title: „Indsats: x“\n"), Some((2, 8)));
        assert_eq!(at("title: “Indsats”\n"), Some((2, 8)));
        assert_eq!(at("citizens_wishes:\n\t- At kunne\n"), Some((3, 1)));
        assert_eq!(at("title: x\n\u{a0}\u{a0}kind: goal\n"), Some((3, 1)));
        assert_eq!(at("items:\n  - ‘Et’\n"), Some((3, 5)));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert_eq!(
            at("title: \"Min indsats\"\nsummary: Han sagde „ja“ til det.\n"),
            None
        );
        assert_eq!(at("title: Ishøj's \"nye\" indsats\n"), None);
        assert_eq!(at("a: \"x\ty\"\n"), None);
    }
}
