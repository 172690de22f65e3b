//! Checks one page's front matter against the schema of its kind.
//!
//! Owns the per-file checks: unknown keys (with the nearest known key), required
//! fields, types, allowed values and readable dates. It collects every reference to
//! another page with its position, for `link` to resolve once the whole site is known.
//! It must not look at other files.

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::base::period::{self, Lang};
use crate::content::schema::{self, Field, FieldType, Kind, Relation};
use crate::content::yaml::{Node, Value};

/// A reference from one page to another, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUse {
    /// The field it was written in, e.g. `goal` or `secondary_goals`.
    pub field: &'static str,
    pub target: String,
    pub pos: Pos,
    /// The kinds the target may have.
    pub kinds: &'static [Kind],
    /// True for bearing ids, which name a bearing of a vision, not a page.
    pub bearing: bool,
    /// The parent and the reverse list the reference makes (from its field).
    pub relation: Relation,
}

/// What checking found: the problems and the references to resolve later.
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    pub refs: Vec<RefUse>,
    /// Every file a field names (a document's `file:`), for `link` to find.
    pub files: Vec<FileUse>,
    /// The text of every date field that could be read, as written.
    pub dates: Vec<String>,
}

/// A file named in front matter (a document's `file:`): a file of the
/// site, or an http(s) address, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUse {
    /// The field it was written in: `file`.
    pub field: &'static str,
    pub value: String,
    pub pos: Pos,
}

/// Check a front-matter mapping of the given kind.
pub fn check(kind: Kind, front: &Node) -> Checked {
    let mut out = Checked::default();
    let fields: Vec<&'static Field> = schema::all_fields(kind).collect();
    check_record(&fields, front, kind_label(kind), &mut out);
    if kind == Kind::Goal {
        check_goal_parent(front, &mut out);
    }
    if kind == Kind::Document {
        check_document_file(front, &mut out);
    }
    if kind == Kind::Initiative {
        check_yearly_budget_lines(front, &mut out);
    }
    if kind == Kind::Indicator && out.problems.is_empty() {
        check_measured_once(front, &mut out);
    }
    out
}

/// A yearly budget line (`per_year: true`) counts once for each year of its
/// period, so it needs a period with one first year: not none, and not
/// "2024 eller 2025". (A period that cannot be read is reported by its
/// own check.)
fn check_yearly_budget_lines(front: &Node, out: &mut Checked) {
    let Value::Map(entries) = &front.value else {
        return;
    };
    let Some(Value::List(lines)) = entries
        .iter()
        .find(|(k, _)| k.name == "budget")
        .map(|(_, v)| &v.value)
    else {
        return;
    };
    for line in lines {
        let Value::Map(fields) = &line.value else {
            continue;
        };
        let field = |name: &str| fields.iter().find(|(k, _)| k.name == name);
        let Some((
            yearly,
            Node {
                value: Value::Bool(true),
                ..
            },
        )) = field("per_year")
        else {
            continue;
        };
        let message = match field("period").map(|(_, v)| &v.value) {
            None | Some(Value::Null) => Words::new(
                "`per_year: true` needs a `period` with a first year: a yearly amount counts once for each year of its period",
                "`per_year: true` kræver en `period` med et startår: et årligt beløb tælles med én gang for hvert år i perioden",
            ),
            Some(Value::Str(text))
                if period::parse(text).is_ok_and(|p| !p.alternatives.is_empty()) =>
            {
                crate::words!(
                    "`per_year: true` needs a `period` with one first year, and \"{text}\" gives a choice of years",
                    "`per_year: true` kræver en `period` med ét startår, og \"{text}\" giver et valg mellem flere år"
                )
            }
            _ => continue,
        };
        out.problems.push(
            Diagnostic::error(message)
                .at(yearly.pos)
                .with_help(Words::new(
                    "write the years it is paid, e.g. `period: \"2025-2027\"` (each of those three years) or `period: \"2025 og frem\"` (every year from 2025); or leave out `per_year` if the amount is paid once",
                    "skriv de år, det gives, fx `period: \"2025-2027\"` (hvert af de tre år) eller `period: \"2025 og frem\"` (hvert år fra 2025); eller udelad `per_year`, hvis beløbet gives én gang",
                )),
        );
    }
}

/// A document's `file:` is a file name that stays in its folder, or an
/// http(s) address (the one check of `url`, as for the links of pejl.yaml);
/// whether the file exists is for `link` to say.
fn check_document_file(front: &Node, out: &mut Checked) {
    use crate::base::url::{self, Use};
    let Value::Map(entries) = &front.value else {
        return;
    };
    for (_, node) in entries.iter().filter(|(k, _)| k.name == "file") {
        let Value::Str(value) = &node.value else {
            continue;
        };
        if let Err(why) = url::check(value, Use::File) {
            let subject = Words::new("`file`", "feltet `file`");
            out.problems.push(
                Diagnostic::error(url::refused(&subject, value, Use::File, &why))
                    .at(node.pos)
                    .with_help(url::help(value, Use::File, "file")),
            );
        } else {
            out.files.push(FileUse {
                field: "file",
                value: value.trim().to_string(),
                pos: node.pos,
            });
        }
    }
}

/// Turn numbers written where text is expected (`period: 2024`, `title: 2025`) into
/// text, so the typed front matter can be read after a successful check.
pub fn textify(kind: Kind, front: &mut Node) {
    let fields: Vec<&'static Field> = schema::all_fields(kind).collect();
    textify_record(&fields, front);
}

fn textify_record(fields: &[&'static Field], node: &mut Node) {
    let Value::Map(entries) = &mut node.value else {
        return;
    };
    for (key, value) in entries {
        let Some(f) = fields.iter().find(|f| f.name == key.name) else {
            continue;
        };
        match f.ty {
            FieldType::Integer | FieldType::Bool | FieldType::Choice(_) | FieldType::Status => {}
            FieldType::Number => {
                // A decimal comma in quotes becomes the number it writes.
                if let Value::Str(text) = &value.value
                    && let Ok(x) = parse_number(text)
                {
                    value.value = Value::Float(x);
                }
            }
            FieldType::Records(sub) => {
                let sub: Vec<&'static Field> = sub.iter().collect();
                if let Value::List(items) = &mut value.value {
                    items.iter_mut().for_each(|n| textify_record(&sub, n));
                }
            }
            FieldType::Record(sub) => {
                let sub: Vec<&'static Field> = sub.iter().collect();
                textify_record(&sub, value);
            }
            _ => match &mut value.value {
                Value::List(items) => items.iter_mut().for_each(number_to_text),
                _ => number_to_text(value),
            },
        }
    }
}

fn number_to_text(node: &mut Node) {
    match node.value {
        Value::Int(i) => node.value = Value::Str(i.to_string()),
        Value::Float(x) => node.value = Value::Str(x.to_string()),
        _ => {}
    }
}

/// What a record is, for messages: "a goal page" / "en side af typen `goal`".
fn kind_label(kind: Kind) -> Words {
    let name = kind.name();
    crate::words!("a {name} page", "en side af typen `{name}`")
}

fn check_record(fields: &[&'static Field], node: &Node, what: Words, out: &mut Checked) {
    let Value::Map(entries) = &node.value else {
        let (found, found_da) = (node.value.describe(), node.value.describe_da());
        out.problems.push(
            Diagnostic::error(crate::words!(
                "expected a group of fields here, found {found}",
                "her skulle der stå en gruppe af felter, men der står {found_da}"
            ))
            .at(node.pos)
            .with_help(Words::new(
                "write the fields as `name: value`, one per line",
                "skriv felterne som `navn: værdi`, ét på hver linje",
            )),
        );
        return;
    };
    for (key, value) in entries {
        match fields.iter().find(|f| f.name == key.name) {
            Some(f) => check_value(f, value, out),
            None => out
                .problems
                .push(unknown_key(&key.name, key.pos, fields, &what)),
        }
    }
    for f in fields.iter().filter(|f| f.required) {
        let present = entries
            .iter()
            .any(|(k, v)| k.name == f.name && v.value != Value::Null);
        if !present {
            let (name, example, help, help_da) = (f.name, f.example, f.help, f.help_da);
            let (what_en, what_da) = (&what.en, what.get(Lang::Da));
            out.problems.push(
                Diagnostic::error(crate::words!(
                    "`{name}` is missing: {what_en} needs it",
                    "feltet `{name}` mangler: {what_da} skal have det"
                ))
                .at(node.pos)
                .with_help(crate::words!(
                    "add a line like `{name}: {example}` — {help}",
                    "tilføj en linje som `{name}: {example}` — {help_da}"
                )),
            );
        }
    }
}

fn unknown_key(name: &str, pos: Pos, fields: &[&'static Field], what: &Words) -> Diagnostic {
    let (what_en, what_da) = (&what.en, what.get(Lang::Da));
    let d = Diagnostic::error(crate::words!(
        "`{name}` is not a field of {what_en}",
        "feltet `{name}` hører ikke til {what_da}"
    ))
    .at(pos);
    let is_number = |f: &&Field| f.ty == FieldType::Number;
    if name.bytes().all(|b| b.is_ascii_digit()) && fields.iter().any(is_number) {
        // `{ value: 64,5 }`: in braces, a comma ends the value.
        return d.with_help(Words::new(
            "a decimal comma inside `{ … }` splits the number in two: write `value: 64.5`, or `value: \"64,5\"` in quotes",
            "et decimalkomma inde i `{ … }` deler tallet i to: skriv `value: 64.5` eller `value: \"64,5\"` i anførselstegn",
        ));
    }
    match schema::nearest(name, fields.iter().map(|f| f.name)) {
        Some(near) => d.with_help(crate::words!(
            "did you mean `{near}`?",
            "mente du `{near}`?"
        )),
        None => {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            let list = schema::quoted_list(&names);
            d.with_help(crate::words!(
                "the fields it accepts are {list}",
                "de felter, der kan bruges her, er {list}"
            ))
        }
    }
}

fn check_value(f: &'static Field, node: &Node, out: &mut Checked) {
    if node.value == Value::Null {
        if f.required {
            let (name, example) = (f.name, f.example);
            out.problems.push(
                Diagnostic::error(crate::words!(
                    "`{name}` is empty",
                    "feltet `{name}` er tomt"
                ))
                .at(node.pos)
                .with_help(crate::words!(
                    "write a value, e.g. `{name}: {example}`",
                    "skriv en værdi, fx `{name}: {example}`"
                )),
            );
        }
        return;
    }
    match f.ty {
        FieldType::Text => {
            if let Some(text) = expect_scalar_text(f, node, out) {
                out.problems
                    .extend(quoted_by_a_word_processor(f, node, &text));
            }
        }
        FieldType::Slug => check_slug(f, node, out),
        FieldType::Integer if f.name == "amount" && !amount_in_bounds(&node.value) => {
            out.problems.push(amount_too_large(f, node));
        }
        FieldType::Integer => {
            if !matches!(node.value, Value::Int(_)) {
                out.problems.push(wrong_type(
                    f,
                    node,
                    Words::new(
                        "a whole number without dots or spaces",
                        "et helt tal uden punktummer og mellemrum",
                    ),
                ));
            }
        }
        FieldType::Number => check_number(f, node, out),
        FieldType::Bool => {
            if !matches!(node.value, Value::Bool(_)) {
                out.problems.push(wrong_type(
                    f,
                    node,
                    Words::new("`true` or `false`", "`true` eller `false`"),
                ));
            }
        }
        FieldType::Date => check_date(f, node, out),
        FieldType::Choice(values) => check_choice(f, values, node, out),
        FieldType::Status => {
            expect_scalar_text(f, node, out);
        }
        FieldType::Ref(kinds) => push_ref(f, node, kinds, false, out),
        FieldType::RefList(kinds) => {
            for_each_item(f, node, out, |n, o| push_ref(f, n, kinds, false, o))
        }
        FieldType::BearingList => for_each_item(f, node, out, |n, o| {
            push_ref(f, n, &[Kind::Vision], true, o)
        }),
        FieldType::TextList => for_each_item(f, node, out, |n, o| {
            expect_scalar_text(f, n, o);
        }),
        FieldType::Records(sub) => {
            let sub: Vec<&'static Field> = sub.iter().collect();
            let name = f.name;
            let what = crate::words!("an entry of `{name}`", "et punkt under `{name}`");
            for_each_item(f, node, out, |n, o| check_record(&sub, n, what.clone(), o));
        }
        FieldType::Record(sub) => check_group(f, sub, node, out),
    }
}

/// One group of fields (`baseline: { value: 62, period: "2023" }`).
fn check_group(f: &'static Field, sub: &'static [Field], node: &Node, out: &mut Checked) {
    if !matches!(node.value, Value::Map(_)) {
        let names: Vec<&str> = sub.iter().map(|s| s.name).collect();
        let list = schema::quoted_list(&names);
        out.problems.push(wrong_type(
            f,
            node,
            crate::words!(
                "a group of the fields {list}",
                "en gruppe med felterne {list}"
            ),
        ));
        return;
    }
    let sub: Vec<&'static Field> = sub.iter().collect();
    let name = f.name;
    let what = crate::words!("`{name}`", "feltet `{name}`");
    check_record(&sub, node, what, out);
}

/// The largest amount a budget line may have, in kroner either way: 10^15,
/// a million billion, far above any municipal budget. Totals are added up
/// as `i128` all the same, so no number of lines can overflow them.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Whether a budget line's amount is within [`MAX_AMOUNT`] kroner either way
/// (anything but a number is left to the type check). A whole number past
/// `i64` arrives as a float, and is as much too large as it looks.
fn amount_in_bounds(value: &Value) -> bool {
    match *value {
        Value::Int(i) => i.unsigned_abs() <= MAX_AMOUNT.unsigned_abs(),
        Value::Float(x) if x.is_finite() && x.fract() == 0.0 => x.abs() <= MAX_AMOUNT as f64,
        _ => true,
    }
}

fn amount_too_large(f: &Field, node: &Node) -> Diagnostic {
    let (name, example) = (f.name, f.example);
    let written = match &node.value {
        Value::Int(i) => i.to_string(),
        Value::Float(x) => format!("{x:.0}"),
        _ => String::new(),
    };
    // MAX_AMOUNT, written out (a test below checks that they agree).
    Diagnostic::error(crate::words!(
        "`{name}` is {written}, outside what pejl accepts: an amount must lie between -1,000,000,000,000,000 and 1,000,000,000,000,000 kroner",
        "feltet `{name}` er {written}, uden for det, pejl kan tage: et beløb skal ligge mellem -1.000.000.000.000.000 og 1.000.000.000.000.000 kroner"
    ))
    .at(node.pos)
    .with_help(crate::words!(
        "write the amount in whole kroner without dots, like `{name}: {example}`",
        "skriv beløbet i hele kroner uden punktummer, som `{name}: {example}`"
    ))
}

/// The largest number an indicator's value may have, either way: 10^15,
/// a million billion (as for amounts, [`MAX_AMOUNT`]).
pub const MAX_NUMBER: f64 = 1e15;

/// Why a text is not a number pejl reads ([`parse_number`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotANumber {
    /// Not a number at all.
    Text,
    /// `1.500`: a thousands dot or a decimal point, who can tell.
    Ambiguous,
    /// A number with a word or sign after it (`64,5 %`): the unit.
    Unit(String),
}

/// A number as Danish and English texts write it: `64.5`, `64,5`, `-3,2`,
/// `1.234,5` (thousands dots with a decimal comma), `1.234.567`, `1234`.
/// A single dot before exactly three digits (`1.500`) could be either
/// way, so it is refused rather than guessed.
pub fn parse_number(text: &str) -> Result<f64, NotANumber> {
    let t = text.trim();
    let (negative, rest) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, after) = rest.split_at(end);
    let plain = plain_digits(number)?;
    if !after.trim().is_empty() {
        return Err(NotANumber::Unit(after.trim().to_string()));
    }
    let x: f64 = plain.parse().map_err(|_| NotANumber::Text)?;
    Ok(if negative { -x } else { x })
}

/// `1.234,5` → `1234.5`: the digits with a decimal point, for `f64`.
fn plain_digits(number: &str) -> Result<String, NotANumber> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Digits in groups of three after the first, by thousands dots.
    let grouped = |s: &str| {
        let mut groups = s.split('.');
        let first = groups.next().unwrap_or("");
        digits(first) && first.len() <= 3 && groups.all(|g| digits(g) && g.len() == 3)
    };
    let (whole, fraction) = match number.split_once(',') {
        Some((w, f)) if digits(f) && (digits(w) || grouped(w)) => (w.replace('.', ""), f),
        Some(_) => return Err(NotANumber::Text),
        None => match number.split('.').collect::<Vec<_>>()[..] {
            [w] if digits(w) => (w.to_string(), ""),
            [w, f] if digits(w) && digits(f) => {
                if f.len() == 3 && !w.starts_with('0') && w.len() <= 3 {
                    return Err(NotANumber::Ambiguous);
                }
                (w.to_string(), f)
            }
            _ if grouped(number) && number.contains('.') => (number.replace('.', ""), ""),
            _ => return Err(NotANumber::Text),
        },
    };
    Ok(if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    })
}

fn check_number(f: &Field, node: &Node, out: &mut Checked) {
    let name = f.name;
    let number = match &node.value {
        Value::Int(i) => *i as f64,
        Value::Float(x) => *x,
        Value::Str(text) => match parse_number(text) {
            Ok(x) => x,
            Err(why) => {
                out.problems.push(not_a_number(f, node, text, &why));
                return;
            }
        },
        _ => {
            let expected = Words::new("a number", "et tal");
            out.problems.push(wrong_type(f, node, expected));
            return;
        }
    };
    if !number.is_finite() || number.abs() > MAX_NUMBER {
        let written = match &node.value {
            Value::Str(text) => text.clone(),
            _ => number.to_string(),
        };
        out.problems.push(
            Diagnostic::error(crate::words!(
                "`{name}` is {written}, outside what pejl accepts: a number must lie between -1,000,000,000,000,000 and 1,000,000,000,000,000",
                "feltet `{name}` er {written}, uden for det, pejl kan tage: et tal skal ligge mellem -1.000.000.000.000.000 og 1.000.000.000.000.000"
            ))
            .at(node.pos),
        );
    }
}

fn not_a_number(f: &Field, node: &Node, text: &str, why: &NotANumber) -> Diagnostic {
    let name = f.name;
    let d = match why {
        NotANumber::Text => Diagnostic::error(crate::words!(
            "`{name}` should be a number, but \"{text}\" is not one",
            "feltet `{name}` skal være et tal, men \"{text}\" er ikke et tal"
        )),
        NotANumber::Ambiguous => Diagnostic::error(crate::words!(
            "`{name}`: \"{text}\" can be read as a whole number with a thousands dot or as a decimal number",
            "feltet `{name}`: \"{text}\" kan læses både som et helt tal med tusindtalspunktum og som et decimaltal"
        ))
        .with_help(crate::words!(
            "write whole numbers without dots, and decimals with a comma in quotes: `{name}: \"1,5\"`",
            "skriv hele tal uden punktum og decimaltal med komma i anførselstegn: `{name}: \"1,5\"`"
        )),
        NotANumber::Unit(unit) => Diagnostic::error(crate::words!(
            "`{name}` should be a number alone, but \"{text}\" has \"{unit}\" after it",
            "feltet `{name}` skal være et tal alene, men \"{text}\" har \"{unit}\" efter tallet"
        ))
        .with_help(crate::words!(
            "write the unit once for the indicator, in `unit: \"{unit}\"`",
            "skriv enheden én gang for indikatoren, i feltet `unit: \"{unit}\"`"
        )),
    };
    d.at(node.pos).with_help(crate::words!(
        "write a number with a decimal point, `{name}: 64.5`, or with a decimal comma in quotes, `{name}: \"64,5\"`",
        "skriv et tal med punktum som decimaltegn, `{name}: 64.5`, eller med decimalkomma i anførselstegn, `{name}: \"64,5\"`"
    ))
}

/// An indicator measures each period once: two measurements of one period
/// (read as the same days) are an error at the second.
fn check_measured_once(front: &Node, out: &mut Checked) {
    let Value::Map(entries) = &front.value else {
        return;
    };
    let Some((_, list)) = entries.iter().find(|(k, _)| k.name == "measurements") else {
        return;
    };
    let Value::List(items) = &list.value else {
        return;
    };
    let mut seen: Vec<(period::Period, String, Pos)> = Vec::new();
    for item in items {
        let Value::Map(fields) = &item.value else {
            continue;
        };
        let Some((_, node)) = fields.iter().find(|(k, _)| k.name == "period") else {
            continue;
        };
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            _ => continue,
        };
        let Ok(p) = period::parse(&text) else {
            continue;
        };
        if let Some((_, first, at)) = seen.iter().find(|(q, _, _)| q.sort_key() == p.sort_key()) {
            let line = at.line;
            out.problems.push(
                Diagnostic::error(crate::words!(
                    "the period \"{text}\" is measured twice: \"{first}\" on line {line} is the same period",
                    "perioden \"{text}\" er målt to gange: \"{first}\" i linje {line} er den samme periode"
                ))
                .at(node.pos)
                .with_help(Words::new(
                    "keep one measurement per period; write what else is known about it in `note`",
                    "behold én måling pr. periode; skriv det, der ellers vides om den, i `note`",
                )),
            );
            continue;
        }
        seen.push((p, text, node.pos));
    }
}

/// Accepts text, and numbers written without quotes (a year, `SSU 19` stays text).
/// A text in typographic quotes (`title: “Vilde rabatter”`): YAML reads
/// them as part of the text, so the page would show them; a word processor
/// or a Danish keyboard made them where straight quotes were meant.
fn quoted_by_a_word_processor(f: &Field, node: &Node, text: &str) -> Option<Diagnostic> {
    const OPENING: [char; 5] = ['“', '„', '«', '»', '‘'];
    const CLOSING: [char; 5] = ['”', '“', '»', '«', '’'];
    let first = text.chars().next()?;
    let last = text.chars().last()?;
    if text.chars().count() < 2 || !OPENING.contains(&first) || !CLOSING.contains(&last) {
        return None;
    }
    let name = f.name;
    let inner: String = text
        .chars()
        .skip(1)
        .take(text.chars().count() - 2)
        .collect();
    Some(
        Diagnostic::warning(crate::words!(
            "`{name}` is in the typographic quotes {first}…{last}, which will be shown on the page",
            "feltet `{name}` står i de typografiske anførselstegn {first}…{last}, som vil stå på siden"
        ))
        .at(node.pos)
        .with_help(crate::words!(
            "write straight quotes, `{name}: \"{inner}\"`, or none at all",
            "skriv lige anførselstegn, `{name}: \"{inner}\"`, eller slet ingen"
        )),
    )
}

fn expect_scalar_text(f: &Field, node: &Node, out: &mut Checked) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(x) => Some(x.to_string()),
        _ => {
            out.problems
                .push(wrong_type(f, node, Words::new("a text", "en tekst")));
            None
        }
    }
}

fn wrong_type(f: &Field, node: &Node, expected: Words) -> Diagnostic {
    let (name, example) = (f.name, f.example);
    let (found, found_da) = (node.value.describe(), node.value.describe_da());
    let (expected_en, expected_da) = (&expected.en, expected.get(Lang::Da));
    Diagnostic::error(crate::words!(
        "`{name}` should be {expected_en}, but it is {found}",
        "feltet `{name}` skal være {expected_da}, men det er {found_da}"
    ))
    .at(node.pos)
    .with_help(crate::words!(
        "write it like `{name}: {example}`",
        "skriv det som `{name}: {example}`"
    ))
}

fn for_each_item(
    f: &Field,
    node: &Node,
    out: &mut Checked,
    mut each: impl FnMut(&Node, &mut Checked),
) {
    match &node.value {
        Value::List(items) => items.iter().for_each(|n| each(n, out)),
        _ => {
            let name = f.name;
            let (found, found_da) = (node.value.describe(), node.value.describe_da());
            out.problems.push(
                Diagnostic::error(crate::words!(
                    "`{name}` should be a list, but it is {found}",
                    "feltet `{name}` skal være en liste, men det er {found_da}"
                ))
                .at(node.pos)
                .with_help(crate::words!(
                    "write a list in brackets, `{name}: [a, b]`, or one `- item` per line under `{name}:`",
                    "skriv en liste i firkantede parenteser, `{name}: [a, b]`, eller én `- punkt` pr. linje under `{name}:`"
                )),
            )
        }
    }
}

fn check_slug(f: &Field, node: &Node, out: &mut Checked) {
    let Some(text) = expect_scalar_text(f, node, out) else {
        return;
    };
    let slug = crate::base::slug::slugify(&text);
    if slug != text {
        let name = f.name;
        out.problems.push(
            Diagnostic::error(crate::words!(
                "`{name}` must be a simple id, but \"{text}\" has capitals, spaces or special letters",
                "feltet `{name}` skal være et enkelt id, men \"{text}\" har store bogstaver, mellemrum eller særlige tegn"
            ))
            .at(node.pos)
            .with_help(crate::words!("write it as `{slug}`", "skriv det som `{slug}`")),
        );
    }
}

fn check_date(f: &Field, node: &Node, out: &mut Checked) {
    let Some(text) = expect_scalar_text(f, node, out) else {
        return;
    };
    let parsed = period::parse(&text);
    if let Ok(p) = &parsed {
        check_years(f, node, &text, p, out);
        out.dates.push(text.clone());
    }
    if let Err(e) = parsed {
        let pos = Pos::new(node.pos.line, node.pos.col + e.column);
        let (name, message, da) = (f.name, &e.message, &e.da);
        let forms = period::ACCEPTED_FORMS.join(", ");
        out.problems.push(
            Diagnostic::error(crate::words!(
                "`{name}`: {message}",
                "feltet `{name}`: {da}"
            ))
            .at(pos)
            .with_help(crate::words!(
                "write dates like {forms}",
                "skriv datoer som {forms}"
            )),
        );
    }
}

/// The years a date may lie in. Nothing in a municipal strategy is dated
/// outside them, a year beyond them is most likely a typing error (or 9999
/// for "no end"), and calendars (RFC 5545) and feeds (RFC 3339) hold years
/// of four digits only: the day after 31 December 9999 cannot be written.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn check_years(f: &Field, node: &Node, text: &str, p: &period::Period, out: &mut Checked) {
    use chrono::Datelike;
    let year = [p.start.year(), p.end.year()]
        .into_iter()
        .find(|y| !YEARS.contains(y));
    let Some(year) = year else {
        return;
    };
    let (name, first, last) = (f.name, YEARS.start(), YEARS.end());
    // Point at the year where it is written.
    let col = text
        .find(&year.to_string())
        .map_or(0, |at| text[..at].chars().count());
    out.problems.push(
        Diagnostic::error(crate::words!(
            "`{name}`: the year {year} in \"{text}\" is outside the years pejl accepts, {first} to {last}",
            "feltet `{name}`: året {year} i \"{text}\" ligger uden for de år, pejl kan tage, {first} til {last}"
        ))
        .at(Pos::new(node.pos.line, node.pos.col + col))
        .with_help(Words::new(
            "check the year; for something with no end date, write e.g. \"2025 og frem\" instead of a year far ahead",
            "tjek årstallet; for noget uden slutdato kan du skrive fx \"2025 og frem\" i stedet for et år langt ude i fremtiden",
        )),
    );
}

fn check_choice(f: &Field, values: &'static [&'static str], node: &Node, out: &mut Checked) {
    let Some(text) = expect_scalar_text(f, node, out) else {
        return;
    };
    if values.contains(&text.as_str()) {
        return;
    }
    let name = f.name;
    let d = Diagnostic::error(crate::words!(
        "`{name}` cannot be \"{text}\"",
        "feltet `{name}` kan ikke være \"{text}\""
    ))
    .at(node.pos);
    let meant =
        schema::nearest(&text, values.iter().copied()).or_else(|| meant_in_danish(f, &text));
    let d = match meant {
        Some(near) => d.with_help(crate::words!(
            "did you mean `{near}`?",
            "mente du `{near}`?"
        )),
        None => d,
    };
    let list = schema::quoted_list(values);
    out.problems.push(d.with_help(crate::words!(
        "allowed values: {list}",
        "mulige værdier: {list}"
    )));
}

/// The value a Danish word for it means: `højere` is `higher`.
fn meant_in_danish(f: &Field, text: &str) -> Option<&'static str> {
    let text = text.to_lowercase();
    match f.name {
        "direction" if text.contains("høj") || text.contains("hoej") => Some("higher"),
        "direction" if text.contains("lav") => Some("lower"),
        _ => None,
    }
}

fn push_ref(
    f: &'static Field,
    node: &Node,
    kinds: &'static [Kind],
    bearing: bool,
    out: &mut Checked,
) {
    if let Some(target) = expect_scalar_text(f, node, out) {
        out.refs.push(RefUse {
            field: f.name,
            target: target.trim().to_string(),
            pos: node.pos,
            kinds,
            bearing,
            relation: f.relation,
        });
    }
}

fn check_goal_parent(front: &Node, out: &mut Checked) {
    let Value::Map(entries) = &front.value else {
        return;
    };
    let has = |name: &str| {
        entries
            .iter()
            .any(|(k, v)| k.name == name && v.value != Value::Null)
    };
    match (has("focus_area"), has("strategy")) {
        (false, false) => out.problems.push(
            Diagnostic::error(Words::new(
                "a goal must say where it belongs: `focus_area` or `strategy` is missing",
                "et mål skal vise, hvor det hører til: feltet `focus_area` eller `strategy` mangler",
            ))
            .at(front.pos)
            .with_help(Words::new(
                "add `focus_area: <id of the focus area>` (or `strategy: <id>` for a goal directly under a strategy)",
                "tilføj `focus_area: <fokusområdets id>` (eller `strategy: <id>` for et mål, der hører direkte under en strategi)",
            )),
        ),
        (true, true) => out.problems.push(
            Diagnostic::error(Words::new(
                "a goal can belong to a focus area or to a strategy, not both",
                "et mål kan høre til et fokusområde eller til en strategi, men ikke begge dele",
            ))
            .at(front.pos)
            .with_help(Words::new(
                "keep `focus_area`; the strategy follows from the focus area",
                "behold `focus_area`; strategien følger af fokusområdet",
            )),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::Words;
    use crate::content::yaml::parse_document;

    fn check_text(kind: Kind, fm: &str) -> Checked {
        let doc = parse_document(&format!("---\n{fm}---\n")).expect("yaml");
        check(kind, &doc.front)
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let c = check_text(Kind::Initiative, "title: A\ngaol: x\n");
        let d = &c.problems[0];
        assert!(d.message.contains("`gaol` is not a field"), "{d}");
        assert_eq!(
            d.help,
            vec![Words::new("did you mean `goal`?", "mente du `goal`?")]
        );
        assert_eq!(d.pos, Some(Pos::new(3, 1)));
    }

    #[test]
    fn missing_title_and_bad_choice_are_both_reported() {
        // (Statuses are checked against the site's vocabulary in `vocabulary`.)
        let c = check_text(Kind::Section, "sort_by: wieght\n");
        assert_eq!(c.problems.len(), 2, "{:?}", c.problems);
        assert!(
            c.problems
                .iter()
                .any(|d| d.help.iter().any(|h| h.contains("`weight`")))
        );
    }

    #[test]
    fn references_are_collected_with_positions() {
        let c = check_text(
            Kind::Initiative,
            "title: A\ngoal: g1\nsecondary_goals: [g2, g3]\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let targets: Vec<&str> = c.refs.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, ["g1", "g2", "g3"]);
        assert_eq!(c.refs[0].pos, Pos::new(3, 7));
    }

    #[test]
    fn follow_up_needs_a_readable_date() {
        let c = check_text(
            Kind::Initiative,
            "title: A\nfollow_ups:\n  - date: 30. februar 2025\n    forum: SSU\n",
        );
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert_eq!(c.problems[0].pos.map(|p| p.line), Some(4));
    }

    #[test]
    fn a_documents_file_is_a_name_or_an_https_address() {
        for good in [
            "notat.txt",
            "Notat 2024.pdf",
            "https://www.ishoj.dk/notat.pdf",
        ] {
            let c = check_text(Kind::Document, &format!("title: A\nfile: \"{good}\"\n"));
            assert!(c.problems.is_empty(), "{good}: {:?}", c.problems);
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example/x",
            "../../etc/passwd",
        ] {
            let c = check_text(Kind::Document, &format!("title: A\nfile: \"{bad}\"\n"));
            assert_eq!(c.problems.len(), 1, "{bad}: {:?}", c.problems);
            let d = &c.problems[0];
            assert_eq!(d.pos, Some(Pos::new(3, 7)), "{bad}");
            assert!(d.message.en.starts_with("`file` is"), "{d}");
            assert!(d.help[0].contains("`file: notat.txt`"), "{d}");
        }
    }

    #[test]
    fn a_yearly_budget_line_needs_one_first_year() {
        let line = |rest: &str| {
            check_text(
                Kind::Initiative,
                &format!("title: A\nbudget:\n  - amount: 500000\n    per_year: true\n{rest}"),
            )
        };
        for ok in [
            "    period: \"2025-2027\"\n",
            "    period: \"fra 2020\"\n",
            "    period: 2025\n",
        ] {
            let c = line(ok);
            assert!(c.problems.is_empty(), "{ok}: {:?}", c.problems);
        }
        for (rest, needle) in [
            ("", "needs a `period` with a first year"),
            ("    period:\n", "needs a `period` with a first year"),
            (
                "    period: \"2024 eller 2025\"\n",
                "gives a choice of years",
            ),
        ] {
            let c = line(rest);
            assert_eq!(c.problems.len(), 1, "{rest}: {:?}", c.problems);
            let d = &c.problems[0];
            assert!(d.message.en.contains(needle), "{d}");
            assert!(d.message.get(Lang::Da).contains("startår"), "{d}");
            assert_eq!(d.pos, Some(Pos::new(5, 5)), "at `per_year`");
            assert!(d.help[0].get(Lang::Da).contains("2025 og frem"), "{d}");
        }
        // A one-off line needs no period.
        let c = check_text(
            Kind::Initiative,
            "title: A\nbudget:\n  - amount: 5\n    per_year: false\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn amounts_past_a_million_billion_kroner_are_refused() {
        for (amount, ok) in [
            ("1000000000000000", true),
            ("-1000000000000000", true),
            ("1000000000000001", false),
            ("9223372036854775807", false),
            ("-9223372036854775808", false),
            ("18446744073709551615", false),
            ("1e20", false),
        ] {
            let c = check_text(
                Kind::Initiative,
                &format!("title: A\nbudget:\n  - amount: {amount}\n"),
            );
            assert_eq!(c.problems.is_empty(), ok, "{amount}: {:?}", c.problems);
            if !ok {
                let d = &c.problems[0];
                assert!(d.message.en.contains("an amount must lie between"), "{d}");
                assert_eq!(d.pos, Some(Pos::new(4, 13)), "{d}");
            }
        }
        // The limit the message names.
        assert_eq!(
            crate::render::pages::format_money(MAX_AMOUNT, "en"),
            "DKK 1,000,000,000,000,000"
        );
        assert_eq!(
            crate::render::pages::format_money(MAX_AMOUNT, "da"),
            "kr. 1.000.000.000.000.000"
        );
    }

    #[test]
    fn dates_outside_1900_to_2200_are_refused_at_their_year() {
        let c = check_text(
            Kind::Initiative,
            "title: A\nend: 31. december 9999\nstart: 1899\nstatus_date: 2200\n",
        );
        let found: Vec<(String, Option<Pos>)> = c
            .problems
            .iter()
            .map(|d| (d.message.en.clone(), d.pos))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0]
                .0
                .contains("the year 9999 in \"31. december 9999\"")
        );
        assert_eq!(found[0].1, Some(Pos::new(3, 19)));
        assert!(found[1].0.contains("the year 1899"));
        assert_eq!(found[1].1, Some(Pos::new(4, 8)));
    }

    #[test]
    fn numbers_are_read_with_a_decimal_point_or_a_decimal_comma() {
        for (text, x) in [
            ("64.5", 64.5),
            ("64,5", 64.5),
            ("-3,2", -3.2),
            ("\u{2212}2", -2.0),
            ("+4", 4.0),
            (" 7 ", 7.0),
            ("1.234,5", 1234.5),
            ("1.234.567", 1_234_567.0),
            ("1234", 1234.0),
            ("0.125", 0.125),
            ("12.50", 12.5),
        ] {
            assert_eq!(parse_number(text), Ok(x), "{text}");
        }
        assert_eq!(parse_number("1.500"), Err(NotANumber::Ambiguous));
        assert_eq!(parse_number("64,5 %"), Err(NotANumber::Unit("%".into())));
        for bad in [
            "", "ca. 60", "64,5,1", "1.23,4", ",5", "5,", "abc", "1..2", "-",
        ] {
            assert_eq!(parse_number(bad), Err(NotANumber::Text), "{bad}");
        }
    }

    #[test]
    fn an_indicators_values_are_numbers_and_its_direction_higher_or_lower() {
        let c = check_text(
            Kind::Indicator,
            "title: A\ngoal: g\ndirection: hihger\nmeasurements:\n  - period: \"2024\"\n    value: mange\n  - period: \"2025\"\n    value: \"64,5\"\n",
        );
        let found: Vec<(String, Option<Pos>)> = c
            .problems
            .iter()
            .map(|d| (d.message.get(Lang::Da).to_string(), d.pos))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "feltet `direction` kan ikke være \"hihger\"");
        assert_eq!(found[0].1, Some(Pos::new(4, 12)));
        assert!(c.problems[0].help.iter().any(|h| h.contains("`higher`")));
        assert_eq!(
            found[1].0,
            "feltet `value` skal være et tal, men \"mange\" er ikke et tal"
        );
        assert_eq!(found[1].1, Some(Pos::new(7, 12)));
        // Without quotes in braces, a decimal comma splits the number.
        let c = check_text(
            Kind::Indicator,
            "title: A\ngoal: g\nbaseline: { value: 62,5, period: \"2023\" }\n",
        );
        assert!(
            c.problems[0].help[0].contains("decimal comma inside `{ … }`"),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn an_indicator_measures_each_period_once() {
        let c = check_text(
            Kind::Indicator,
            "title: A\ngoal: g\nmeasurements:\n  - period: \"2024\"\n    value: 1\n  - period: 2024\n    value: 2\n",
        );
        assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
        assert!(c.problems[0].message.en.contains("measured twice"));
        assert_eq!(c.problems[0].pos.map(|p| p.line), Some(7));
    }

    #[test]
    fn goal_needs_exactly_one_parent() {
        assert_eq!(check_text(Kind::Goal, "title: A\n").problems.len(), 1);
        assert!(
            check_text(Kind::Goal, "title: A\nstrategy: s\n")
                .problems
                .is_empty()
        );
    }
}
