//! The common shape of front matter, read without the full YAML parser.
//!
//! Most front matter is `name: value` lines, with lists and groups of fields
//! nested by indentation, and short lists in brackets. [`parse`] reads
//! exactly that and gives up (`None`) on anything else: brackets over several
//! lines or inside each other, block scalars, anchors, tags, comments after a
//! value, multi-line values, duplicate fields, tabs, unusual field names.
//! The caller then uses the full parser, which also words every error, so a
//! text gets the same value (and the same message) either way; only the
//! time differs. libyaml spends about 70 000 instructions on a typical
//! 500-byte front matter; this spends a few thousand.
//!
//! Tested against serde_yaml on generated texts (`tests` below) and on every
//! front matter in the repository (the example portal, test fixtures and the
//! scaffold); builds of the benchmark corpus were byte-identical with it.

use serde_yaml::{Mapping, Value};

/// The value of a YAML text of the common shape, or `None`.
pub(super) fn parse(yaml: &str) -> Option<Value> {
    if yaml.contains('\t') {
        return None;
    }
    let mut lines: Vec<Line> = yaml
        .lines()
        .filter_map(|l| {
            let unindented = l.trim_start_matches(' ');
            let content = unindented.trim_end_matches(' ');
            (!content.is_empty() && !content.starts_with('#')).then(|| Line {
                indent: l.len() - unindented.len(),
                content,
            })
        })
        .collect();
    let mut at = 0;
    let map = mapping(&mut lines, &mut at, 0)?;
    (at == lines.len() && !map.is_empty()).then_some(Value::Mapping(map))
}

struct Line<'a> {
    indent: usize,
    content: &'a str,
}

fn starts_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The fields at `indent` from line `at` on.
fn mapping(lines: &mut [Line], at: &mut usize, indent: usize) -> Option<Mapping> {
    let mut map = Mapping::new();
    while let Some(line) = lines.get(*at).filter(|l| l.indent == indent) {
        let (key, rest) = key(line.content)?;
        *at += 1;
        let value = if rest.is_empty() {
            match lines.get(*at) {
                Some(next) if next.indent > indent => block(lines, at)?,
                // A list at the key's own indentation (`key:\n- a`).
                Some(next) if starts_item(next.content) => return None,
                _ => Value::Null,
            }
        } else {
            scalar(rest)?
        };
        if map.insert(Value::String(key.to_string()), value).is_some() {
            return None;
        }
    }
    if lines.get(*at).is_some_and(|l| l.indent > indent) {
        return None;
    }
    Some(map)
}

/// A list or a group of fields starting at line `at`, more indented than its key.
fn block(lines: &mut [Line], at: &mut usize) -> Option<Value> {
    let indent = lines[*at].indent;
    if !starts_item(lines[*at].content) {
        return mapping(lines, at, indent).map(Value::Mapping);
    }
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at).filter(|l| l.indent == indent) {
        let item = line.content.strip_prefix("- ")?;
        if item.starts_with(' ') || starts_item(item) {
            return None;
        }
        if key(item).is_some() {
            // A group of fields whose first field follows the dash.
            lines[*at] = Line {
                indent: indent + 2,
                content: item,
            };
            items.push(Value::Mapping(mapping(lines, at, indent + 2)?));
        } else {
            items.push(scalar(item)?);
            *at += 1;
        }
    }
    if lines.get(*at).is_some_and(|l| l.indent > indent) {
        return None;
    }
    Some(Value::Sequence(items))
}

/// `name:` and what follows it on the line, for a plain field name.
fn key(content: &str) -> Option<(&str, &str)> {
    let end = content.find(':')?;
    let (name, rest) = (&content[..end], &content[end + 1..]);
    let mut bytes = name.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !first_ok || !rest_ok || keyword(name).is_some() {
        return None;
    }
    match rest.strip_prefix(' ') {
        Some(value) => Some((name, value.trim_start_matches(' '))),
        None if rest.is_empty() => Some((name, rest)),
        None => None,
    }
}

/// YAML's words for nothing, yes and no.
fn keyword(word: &str) -> Option<Value> {
    match word {
        "~" | "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// A value written on one line: quoted, plain, or a list of those in brackets.
fn scalar(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'[' => flow_list(text),
        b'"' => double_quoted(text).map(Value::String),
        b'\'' => single_quoted(text).map(Value::String),
        _ => plain(text),
    }
}

/// `[a, "b", c]` on one line, without commas or colons inside the items.
fn flow_list(text: &str) -> Option<Value> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?.trim_matches(' ');
    if inner.is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            if item.is_empty() || item.contains(':') || item.starts_with('[') {
                return None;
            }
            scalar(item)
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Sequence)
}

fn double_quoted(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => out.push(match chars.next()? {
                '\\' => '\\',
                '"' => '"',
                '/' => '/',
                'n' => '\n',
                't' => '\t',
                _ => return None,
            }),
            c => out.push(c),
        }
    }
    Some(out)
}

fn single_quoted(text: &str) -> Option<String> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\'' && chars.next() != Some('\'') {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// A plain (unquoted) value: a word YAML reads as nothing, yes or no, a
/// number, or else a text.
fn plain(text: &str) -> Option<Value> {
    let first = text.as_bytes()[0];
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.contains(['[', ']', '{', '}'])
    {
        return None;
    }
    if let Some(value) = keyword(text) {
        return Some(value);
    }
    let decimal = text.bytes().all(|b| b.is_ascii_digit()) && (first != b'0' || text.len() == 1);
    if let Some(n) = decimal.then(|| text.parse::<u64>().ok()).flatten() {
        return Some(Value::Number(n.into()));
    }
    if first.is_ascii_digit() || first == b'+' || first == b'.' {
        // Numbers have many spellings (0x1F, 1e3, .inf, 007 is a text):
        // let serde_yaml resolve this one value.
        return match serde_yaml::from_str::<Value>(text).ok()? {
            n @ Value::Number(_) => Some(n),
            Value::String(s) if s == text => Some(Value::String(s)),
            _ => None,
        };
    }
    Some(Value::String(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) -> Result<bool, String> {
        let Some(fast) = parse(text) else {
            return Ok(false);
        };
        match serde_yaml::from_str::<Value>(text) {
            Ok(full) if full == fast => Ok(true),
            Ok(full) => Err(format!("{text:?}: fast {fast:?}, serde_yaml {full:?}")),
            Err(e) => Err(format!("{text:?}: fast {fast:?}, serde_yaml error {e}")),
        }
    }

    #[test]
    fn the_common_shape_is_read_as_serde_yaml_reads_it() {
        let text = "title: \"Handleplan for energirenovering i Søndermarken\"\nkind: initiative\n\
            status: completed\nweight: 354\nshare: 0.5\ndraft: false\nnothing:\nzip: 007\n\
            follow_ups:\n  - date: \"3. kvartal 2018\"\n    forum: 'Økonomi''s udvalg'\n\
            \n    outcome: Udvalget tog status til efterretning.\n  - date: 2019\n\
            # a comment\ntags:\n  - a\n  - b c\nthemes: [sundhed, \"netværk\", 'x', 12]\nnone: []\nplace:\n  name: Ishøj\n  line: \"a \\\"b\\\" c\"\n";
        assert_eq!(same_as_serde(text), Ok(true));
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        for text in [
            "a: [1, [2]]\n",
            "a: [1,\n  2]\n",
            "a: [\"x, y\"]\n",
            "a: [b: c]\n",
            "a: [x, ]\n",
            "a: |\n  text\n",
            "a: &x 1\nb: *x\n",
            "a: 1 # comment\n",
            "a: b: c\n",
            "a: 1\na: 2\n",
            "a:\n- x\n",
            "a: one\n  two\n",
            "\"a\": 1\n",
            "a:\tb\n",
            "true: 1\n",
            "a: !!str 1\n",
            "a: \"multi\n  line\"\n",
            "# only a comment\n",
            "  a: 1\n",
            "a:\n  - - x\n",
            "a: \"\\u00e6\"\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn whatever_is_read_is_read_as_serde_yaml_reads_it(
            text in "([a-z_]{1,4}:( ([a-zæø0-9 .:#'\"\\\\~+-]{0,8}|\\[[a-z0-9 ,'\":]{0,8}\\]|\"[a-z \\\\\"']{0,6}\"|'[a-z ']{0,6}'))?\n|( {2}| {4})(- )?([a-z]{1,3}: )?[a-z0-9 .#'\"-]{0,6}\n|#[a-z ]{0,4}\n|\n){0,10}"
        ) {
            let checked = same_as_serde(&text);
            proptest::prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
        }
    }
}

#[cfg(test)]
mod portals {
    use super::*;

    /// Every front matter pejl ships or tests with: where the common shape
    /// reads it, it reads what serde_yaml reads.
    #[test]
    fn every_front_matter_in_the_repository_is_read_as_serde_yaml_reads_it() {
        let root = env!("CARGO_MANIFEST_DIR");
        let (mut read, mut all) = (0, 0);
        for dir in ["content", "tests/fixtures", "src/scaffold"] {
            for entry in walkdir::WalkDir::new(format!("{root}/{dir}")) {
                let entry = entry.expect("walk the repository");
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let Some(yaml) = text
                    .strip_prefix("---\n")
                    .and_then(|rest| rest.split_once("\n---\n"))
                    .map(|(yaml, _)| format!("{yaml}\n"))
                else {
                    continue;
                };
                all += 1;
                if let Some(fast) = parse(&yaml) {
                    read += 1;
                    let full = serde_yaml::from_str::<Value>(&yaml);
                    assert_eq!(full.ok(), Some(fast), "{}", path.display());
                }
            }
        }
        eprintln!("{read} of {all} front matters read without the full parser");
        assert!(
            read * 2 > all,
            "only {read} of {all} front matters have the common shape"
        );
    }
}
