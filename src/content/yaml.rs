//! YAML: front-matter splitting and parsing into a tree that knows where each value is.
//!
//! This is the only module that uses `serde_yaml`, so the YAML library can be swapped
//! here alone. It owns the `---` fences, BOM and CRLF handling, and the mapping of
//! positions back into the file (not into the front-matter block). It must not know
//! about content kinds or fields: that is `schema`.

use serde::de::DeserializeOwned;

use crate::base::diagnostic::{Pos, Words};

mod artefacts;
mod simple;

/// A parsed YAML value with the position of its first character in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Value {
    /// A word for the type, as a non-programmer would say it.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing (an empty value)",
            Value::Bool(_) => "yes/no (true/false)",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a text",
            Value::List(_) => "a list",
            Value::Map(_) => "a group of fields",
        }
    }

    /// The same word in Danish.
    pub fn describe_da(&self) -> &'static str {
        match self {
            Value::Null => "ingenting (en tom værdi)",
            Value::Bool(_) => "ja/nej (true/false)",
            Value::Int(_) | Value::Float(_) => "et tal",
            Value::Str(_) => "en tekst",
            Value::List(_) => "en liste",
            Value::Map(_) => "en gruppe af felter",
        }
    }

    /// The word for the type in both languages.
    pub fn describe_words(&self) -> Words {
        Words::new(self.describe(), self.describe_da())
    }
}

/// What a YAML text is, as messages about it name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub en: &'static str,
    pub da: &'static str,
}

impl Subject {
    /// The fields between the `---` lines at the top of a content file.
    pub const FRONT_MATTER: Subject = Subject {
        en: "front matter",
        da: "front matter (felterne mellem --- øverst i filen)",
    };
}

/// A problem reading YAML, with a position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: Words,
    pub pos: Pos,
    pub help: Option<Words>,
}

/// A content file split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The front matter; always a mapping.
    pub front: Node,
    /// The Markdown body (LF line endings).
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Normalise what editors add: a UTF-8 byte-order mark and CRLF (Windows) or
/// lone CR (old Mac) line endings. Lines and columns stay the same as an
/// editor shows them, so positions still match the file.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    crate::base::diagnostic::unix_line_endings(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Split `---` front matter from the body and parse it.
pub fn parse_document(text: &str) -> Result<Document, YamlError> {
    let text = normalise(text);
    let err = |message: Words, line: usize, help: Words| YamlError {
        message,
        pos: Pos::new(line, 1),
        help: Some(help),
    };
    if text.trim().is_empty() {
        return Err(err(
            Words::new("the file is empty", "filen er tom"),
            1,
            Words::new(
                "start the file with front matter: a line `---`, then `title: …`, then `---`",
                "begynd filen med felterne øverst: en linje med `---`, så `title: …`, og så `---` igen",
            ),
        ));
    }
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err(err(
            Words::new(
                "the file does not start with front matter",
                "filen begynder ikke med front matter (felterne mellem --- øverst i filen)",
            ),
            1,
            Words::new(
                "the first line must be `---`, followed by fields such as `title: …` and a closing `---` line",
                "den første linje skal være `---`, derefter felter som `title: …` og til sidst en linje med `---`",
            ),
        ));
    };
    let mut offset = 0;
    let mut close = None;
    for (i, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            close = Some((i, offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_index, yaml_end, body_start)) = close else {
        return Err(err(
            Words::new(
                "the front matter is never closed",
                "front matter (felterne mellem --- øverst i filen) bliver aldrig afsluttet",
            ),
            1,
            Words::new(
                "add a line with only `---` after the last field, before the text of the page",
                "tilføj en linje med kun `---` efter det sidste felt, før sidens tekst",
            ),
        ));
    };
    let yaml = &after_open[..yaml_end];
    let front = parse_mapping(yaml, 1)?;
    Ok(Document {
        front,
        body: after_open[body_start..].to_string(),
        body_line: close_index + 3,
    })
}

/// Parse a whole YAML text (a config file) that must be a mapping.
pub fn parse_file(text: &str) -> Result<Node, YamlError> {
    parse_mapping(&normalise(text), 0)
}

/// Deserialize a whole YAML text straight into a typed value (config, string tables).
/// `subject` names the text in messages ("the configuration is not valid YAML").
pub fn from_str<T: DeserializeOwned>(text: &str, subject: Subject) -> Result<T, YamlError> {
    let text = normalise(text);
    serde_yaml::from_str(&text)
        .map_err(|e| artefact(&text, 0, subject).unwrap_or_else(|| from_serde(&e, 0, subject)))
}

/// A word processor's quotes, a tab or a special space that made `yaml`
/// unreadable, said at its own line.
fn artefact(yaml: &str, line_offset: usize, subject: Subject) -> Option<YamlError> {
    let (what, pos, help) = artefacts::find(yaml, line_offset)?;
    let (en, da) = (subject.en, subject.da);
    let what_da = what.da.unwrap_or_else(|| what.en.clone());
    let what_en = what.en;
    Some(YamlError {
        message: crate::words!(
            "the {en} cannot be read: {what_en}",
            "{da} kan ikke læses: {what_da}"
        ),
        pos,
        help: Some(help),
    })
}

/// A located node without its positions, to read typed values from (more
/// than one from the same node without converting it again).
pub struct Plain(serde_yaml::Value);

impl Plain {
    pub fn of(node: &Node) -> Self {
        Plain(to_serde(node))
    }

    pub fn typed<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(&self.0).map_err(|e| e.to_string())
    }
}

/// `line_offset`: the file line just before the YAML's first line.
fn parse_mapping(yaml: &str, line_offset: usize) -> Result<Node, YamlError> {
    let value: serde_yaml::Value = if yaml.trim().is_empty() {
        serde_yaml::Value::Mapping(Default::default())
    } else if let Some(value) = simple::parse(yaml) {
        value
    } else {
        serde_yaml::from_str(yaml).map_err(|e| {
            let subject = Subject::FRONT_MATTER;
            artefact(yaml, line_offset, subject)
                .unwrap_or_else(|| from_serde(&e, line_offset, subject))
        })?
    };
    if !matches!(value, serde_yaml::Value::Mapping(_)) {
        return Err(YamlError {
            message: Words::new(
                "the front matter must be a list of fields like `title: …`",
                "front matter (felterne mellem --- øverst i filen) skal være en række felter som `title: …`",
            ),
            pos: Pos::new(line_offset + 1, 1),
            help: Some(Words::new(
                "write one `name: value` per line",
                "skriv ét `navn: værdi` på hver linje",
            )),
        });
    }
    let lines = LineIndex::new(yaml);
    let region = Region {
        start: 0,
        end: lines.lines.len(),
        indent: None,
    };
    convert(&value, &lines, region, Pos::new(1, 1), line_offset)
}

fn from_serde(e: &serde_yaml::Error, line_offset: usize, subject: Subject) -> YamlError {
    let pos = e.location().map_or(Pos::new(line_offset + 1, 1), |l| {
        Pos::new(l.line() + line_offset, l.column())
    });
    let raw = e.to_string();
    // serde_yaml appends " at line X column Y", which would name the wrong line.
    let message = plain_types(raw.split(" at line ").next().unwrap_or(&raw));
    if let Some(too_large) = too_large_integer(&message, pos) {
        return too_large;
    }
    let what = subject.da;
    let help = if let Some(near) = unknown_field_suggestion(&message) {
        crate::words!("did you mean `{near}`?", "mente du `{near}`?")
    } else if message.contains("duplicate entry") {
        Words::new(
            "each field may appear only once: remove or rename one of them",
            "hvert felt må kun stå én gang: slet eller omdøb det ene af dem",
        )
    } else if message.contains("expected '-' indicator") {
        Words::new(
            "in a list, indent the lines of an entry to start right under the text after `- ` (e.g. under `date:`)",
            "i en liste skal et punkts linjer begynde lige under teksten efter `- ` (fx under `date:`)",
        )
    } else if message.contains("mapping values are not allowed") {
        Words::new(
            "a text containing `: ` must be put in quotes, like `title: \"Status: i gang\"`",
            "en tekst med `: ` i skal stå i anførselstegn, som `title: \"Status: i gang\"`",
        )
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        crate::words!(
            "the front matter nests or repeats too deeply; simplify it",
            "{what} har for mange niveauer eller gentagelser; gør det enklere"
        )
    } else {
        Words::new(
            "check the indentation and quotes on this line and the line before it",
            "tjek indrykningen og anførselstegnene på denne linje og linjen før",
        )
    };
    let (en, detail_da) = (subject.en, detail_da(&message));
    YamlError {
        message: crate::words!(
            "the {en} is not valid YAML: {message}",
            "{what} er ikke gyldig YAML: {detail_da}"
        ),
        pos,
        help: Some(help),
    }
}

/// serde_yaml reads a whole number past 64 bits as a 128-bit one, which a
/// YAML value cannot hold: "budget[0].amount: invalid type: integer `N` as
/// u128, expected any YAML value". Said plainly instead.
fn too_large_integer(message: &str, pos: Pos) -> Option<YamlError> {
    let (path, rest) = match message.split_once(": invalid type: integer `") {
        Some((path, rest)) => (path, rest),
        None => ("", message.strip_prefix("invalid type: integer `")?),
    };
    let (number, kind) = rest.split_once("` as ")?;
    if !(kind.starts_with("u128") || kind.starts_with("i128")) {
        return None;
    }
    let message = if path.is_empty() {
        crate::words!(
            "the number {number} is too large to read",
            "tallet {number} er for stort til at læse"
        )
    } else {
        crate::words!(
            "`{path}` is {number}, a number too large to read",
            "feltet `{path}` er {number}, et tal, der er for stort til at læse"
        )
    };
    Some(YamlError {
        message,
        pos,
        help: Some(Words::new(
            "write a smaller number; an amount in kroner can be at most 1000000000000000",
            "skriv et mindre tal; et beløb i kroner kan højst være 1000000000000000",
        )),
    })
}

/// Rust's names for types, as a person says them.
fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, words) in [
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected a borrowed string", "expected a text"),
        ("expected a string", "expected a text"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected the fields of "),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: a set of fields"),
    ] {
        out = out.replace(rust, words);
    }
    out
}

/// For "unknown field `languge`, expected one of `title`, `language` …":
/// the expected field nearest to the one written.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, expected) = rest.split_once("`, expected ")?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::content::schema::nearest(name, names).map(str::to_string)
}

/// The most common serde messages in Danish; anything else is kept as written.
fn detail_da(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return match expected.strip_prefix("one of ") {
            Some(list) => format!("feltet {name} findes ikke; de mulige felter er {list}"),
            None if expected.starts_with('`') => {
                format!("feltet {name} findes ikke; det eneste mulige felt er {expected}")
            }
            None => format!("feltet {name} findes ikke"),
        };
    }
    if let Some(name) = message.strip_prefix("missing field ") {
        return format!("feltet {name} mangler");
    }
    if let Some(name) = message.strip_prefix("duplicate field ") {
        return format!("feltet {name} står der mere end én gang");
    }
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        return format!("feltet {key} står der mere end én gang");
    }
    // libyaml's own words, for the mistakes writers make most.
    const LIBYAML: [(&str, &str); 9] = [
        (
            "did not find expected '-' indicator",
            "en linje i en liste er rykket forkert ind; den skal begynde lige under teksten efter `- `",
        ),
        (
            "did not find expected key",
            "en linje er rykket forkert ind, eller et felt mangler `: ` efter sit navn",
        ),
        (
            "could not find expected ':'",
            "der mangler `: ` efter et felts navn",
        ),
        (
            "mapping values are not allowed in this context",
            "der står `: ` et sted, hvor YAML ikke venter et nyt felt",
        ),
        (
            "block sequence entries are not allowed in this context",
            "en liste (`- `) står et sted, hvor den ikke må stå",
        ),
        (
            "found character that cannot start any token",
            "en værdi begynder med et tegn, YAML ikke kan læse der (fx ` eller @)",
        ),
        (
            "found unexpected end of stream",
            "teksten slutter, før et anførselstegn er lukket",
        ),
        (
            "found unknown escape character",
            "en \\ inde i anførselstegn bliver brugt forkert",
        ),
        (
            "did not find expected node content",
            "der mangler en værdi efter et felt eller `- `",
        ),
    ];
    for (en, da) in LIBYAML {
        if message.contains(en) {
            return da.to_string();
        }
    }
    message.to_string()
}

fn to_serde(node: &Node) -> serde_yaml::Value {
    use serde_yaml::Value as Y;
    match &node.value {
        Value::Null => Y::Null,
        Value::Bool(b) => Y::Bool(*b),
        Value::Int(i) => Y::Number((*i).into()),
        Value::Float(f) => Y::Number((*f).into()),
        Value::Str(s) => Y::String(s.clone()),
        Value::List(items) => Y::Sequence(items.iter().map(to_serde).collect()),
        Value::Map(entries) => Y::Mapping(
            entries
                .iter()
                .map(|(k, v)| (Y::String(k.name.clone()), to_serde(v)))
                .collect(),
        ),
    }
}

/// The lines of a YAML text with their indentation, for finding where values are.
struct LineIndex<'a> {
    lines: Vec<(&'a str, usize)>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let lines = text
            .lines()
            .map(|l| (l, l.len() - l.trim_start_matches(' ').len()))
            .collect();
        LineIndex { lines }
    }

    fn is_content(&self, i: usize) -> bool {
        let t = self.lines[i].0.trim_start();
        !t.is_empty() && !t.starts_with('#')
    }
}

/// A range of lines `[start, end)` that holds one YAML value; `indent` is the
/// column its children start at, once known.
#[derive(Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    indent: Option<usize>,
}

fn convert(
    value: &serde_yaml::Value,
    idx: &LineIndex,
    region: Region,
    pos: Pos,
    line_offset: usize,
) -> Result<Node, YamlError> {
    use serde_yaml::Value as Y;
    let v = match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Y::String(s) => Value::Str(s.clone()),
        Y::Tagged(t) => return convert(&t.value, idx, region, pos, line_offset),
        Y::Sequence(items) => Value::List(convert_list(items, idx, region, pos, line_offset)?),
        Y::Mapping(m) => Value::Map(convert_map(m, idx, region, pos, line_offset)?),
    };
    Ok(Node { value: v, pos })
}

fn convert_list(
    items: &[serde_yaml::Value],
    idx: &LineIndex,
    region: Region,
    pos: Pos,
    line_offset: usize,
) -> Result<Vec<Node>, YamlError> {
    let starts: Vec<(usize, usize)> = (region.start..region.end)
        .filter(|&i| idx.is_content(i))
        .filter(|&i| idx.lines[i].0.trim_start().starts_with('-'))
        .map(|i| (i, idx.lines[i].1))
        .collect();
    let item_indent = starts.first().map(|s| s.1);
    let starts: Vec<usize> = starts
        .iter()
        .filter(|s| Some(s.1) == item_indent)
        .map(|s| s.0)
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let node = match (starts.get(n), item_indent) {
            (Some(&line), Some(indent)) => {
                let end = starts.get(n + 1).copied().unwrap_or(region.end);
                let col = indent + 3; // after "- "
                let sub = Region {
                    start: line,
                    end,
                    indent: Some(indent + 2),
                };
                convert(
                    item,
                    idx,
                    sub,
                    Pos::new(line + 1 + line_offset, col),
                    line_offset,
                )?
            }
            // A flow list (`[a, b]`): every item is on the parent's line.
            _ => convert(
                item,
                idx,
                Region {
                    end: region.start,
                    ..region
                },
                pos,
                line_offset,
            )?,
        };
        out.push(node);
    }
    Ok(out)
}

fn convert_map(
    map: &serde_yaml::Mapping,
    idx: &LineIndex,
    region: Region,
    pos: Pos,
    line_offset: usize,
) -> Result<Vec<(Key, Node)>, YamlError> {
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in map {
        let name = match k {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => {
                return Err(YamlError {
                    message: Words::new(
                        "a field name must be a plain word",
                        "et felts navn skal være et almindeligt ord",
                    ),
                    pos,
                    help: Some(Words::new(
                        "write fields as `name: value`",
                        "skriv felter som `navn: værdi`",
                    )),
                });
            }
        };
        let found = find_key(idx, region, &name);
        let (key_pos, value_pos, sub) = match found {
            Some((line, col, value_col, end, indent)) => (
                Pos::new(line + 1 + line_offset, col + 1),
                Pos::new(line + 1 + line_offset, value_col + 1),
                Region {
                    start: line,
                    end,
                    indent: Some(indent),
                },
            ),
            None => (
                pos,
                pos,
                Region {
                    end: region.start,
                    ..region
                },
            ),
        };
        let node = convert(v, idx, sub, value_pos, line_offset)?;
        out.push((Key { name, pos: key_pos }, node));
    }
    Ok(out)
}

/// Find `name:` in a block mapping: (line, key column, value column, end line, indent).
fn find_key(
    idx: &LineIndex,
    region: Region,
    name: &str,
) -> Option<(usize, usize, usize, usize, usize)> {
    for i in region.start..region.end {
        if !idx.is_content(i) {
            continue;
        }
        let (line, indent) = idx.lines[i];
        // The first key of a list item sits after "- ".
        let (col, rest) = match &line[indent..] {
            r if r.starts_with("- ") => {
                let r2 = r[2..].trim_start();
                (indent + (r.len() - r2.len()), r2)
            }
            r => (indent, r),
        };
        if region.indent.is_some_and(|want| col < want) && i > region.start {
            break;
        }
        let unquoted = rest.trim_start_matches(['"', '\'']);
        let Some(after) = unquoted.strip_prefix(name) else {
            continue;
        };
        let after = after.trim_start_matches(['"', '\'']);
        if !(after.starts_with(':')) {
            continue;
        }
        let value_text = after[1..].trim_start();
        let value_col = line.len() - value_text.len();
        let end = (i + 1..region.end)
            .find(|&j| idx.is_content(j) && idx.lines[j].1 <= col && !is_list_under(idx, j, col))
            .unwrap_or(region.end);
        let value_col = if value_text.is_empty() {
            col
        } else {
            value_col
        };
        return Some((i, col, value_col, end, col + 1));
    }
    None
}

/// YAML allows a key's list items at the key's own indentation (`key:\n- a`).
fn is_list_under(idx: &LineIndex, j: usize, key_col: usize) -> bool {
    idx.lines[j].1 == key_col && idx.lines[j].0.trim_start().starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<'a>(node: &'a Node, name: &str) -> &'a Node {
        match &node.value {
            Value::Map(m) => &m.iter().find(|(k, _)| k.name == name).expect("field").1,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn positions_point_into_the_file_not_the_block() {
        let doc = parse_document("---\ntitle: A\ngoal: x\n---\nBody\n").expect("parses");
        assert_eq!(field(&doc.front, "goal").pos, Pos::new(3, 7));
        assert_eq!(doc.body, "Body\n");
        assert_eq!(doc.body_line, 5);
    }

    #[test]
    fn nested_list_items_are_located() {
        let text = "---\ntitle: A\nfollow_ups:\n  - date: 1. kvartal 2025\n    forum: SSU\n  - date: primo 2026\n    forum: X\n---\n";
        let doc = parse_document(text).expect("parses");
        let Value::List(items) = &field(&doc.front, "follow_ups").value else {
            panic!()
        };
        assert_eq!(field(&items[1], "date").pos, Pos::new(6, 11));
        assert_eq!(field(&items[0], "forum").pos, Pos::new(5, 12));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let doc = parse_document("\u{feff}---\r\ntitle: A\r\n---\r\nHej\r\n").expect("parses");
        assert_eq!(field(&doc.front, "title").value, Value::Str("A".into()));
        assert_eq!(doc.body, "Hej\n");
    }

    #[test]
    fn syntax_errors_name_the_file_line() {
        let err = parse_document("---\ntitle: A\ngoal: [x\n---\n").expect_err("fails");
        assert!(err.pos.line >= 3, "{err:?}");
        assert!(err.message.contains("not valid YAML"));
    }

    #[test]
    fn missing_closing_fence_is_explained() {
        let err = parse_document("---\ntitle: A\n").expect_err("fails");
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse_document("---\ntitle: A\ntitle: B\n---\n").expect_err("fails");
        assert!(err.message.contains("duplicate"), "{err:?}");
    }

    #[test]
    fn common_serde_details_are_put_in_danish() {
        assert_eq!(
            detail_da("unknown field `languge`, expected one of `title`, `language`"),
            "feltet `languge` findes ikke; de mulige felter er `title`, `language`"
        );
        assert_eq!(
            detail_da("unknown field `x`, expected `title`"),
            "feltet `x` findes ikke; det eneste mulige felt er `title`"
        );
        assert_eq!(detail_da("missing field `title`"), "feltet `title` mangler");
        assert_eq!(
            detail_da("duplicate field `title`"),
            "feltet `title` står der mere end én gang"
        );
        let raw = "did not find expected ',' or ']'";
        assert_eq!(detail_da(raw), raw);
    }

    #[test]
    fn errors_name_their_subject_in_both_languages() {
        let subject = Subject {
            en: "string table",
            da: "temaets tekster",
        };
        let err = from_str::<std::collections::BTreeMap<String, String>>("a: [b\n", subject)
            .expect_err("fails");
        assert!(
            err.message
                .en
                .starts_with("the string table is not valid YAML: "),
            "{err:?}"
        );
        let da = err.message.get(crate::base::diagnostic::Lang::Da);
        assert!(
            da.starts_with("temaets tekster er ikke gyldig YAML: "),
            "{da}"
        );
        let err = parse_document("---\ntitle: A\n").expect_err("fails");
        assert!(
            err.message
                .get(crate::base::diagnostic::Lang::Da)
                .contains("aldrig afsluttet")
        );
        assert!(err.help.is_some_and(|h| h.da.is_some()));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_errors_point_into_the_file(body in "(---\n)?([a-z_]{1,8}: ?[\\[\\]a-z0-9 :\"-]{0,12}\n|  - [a-z]{0,5}\n|\n){0,8}(---\n)?[a-z ]{0,10}") {
            let lines = body.lines().count().max(1);
            if let Err(e) = parse_document(&body) {
                proptest::prop_assert!(e.pos.line >= 1 && e.pos.line <= lines + 1, "{e:?} outside {lines} lines");
            }
        }
    }
}
