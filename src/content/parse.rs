//! From a read file to a checked [`Entry`]: front matter split, validated and typed.
//!
//! Owns the decision of a page's kind and id. Pure: no file-system access, no
//! knowledge of other pages (references are resolved by `link`).

use serde::de::DeserializeOwned;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::base::slug::slugify;
use crate::content::limits::Limits;
use crate::content::markdown;
use crate::content::model::{Body, BodyCell, Common, Entry, KindData, SourceFile};
use crate::content::schema::Kind;
use crate::content::validate;
use crate::content::yaml::{self, Node, Value};

/// The id of the home page (`content/_index.md`).
pub const HOME_ID: &str = "forside";

/// Parse one file. `Ok(None)` for a draft.
pub fn parse(file: &SourceFile) -> Result<Option<Entry>, Vec<Diagnostic>> {
    parse_with(file, &Limits::default(), false)
}

/// [`parse`], within the site's `limits`, with raw HTML in bodies allowed
/// or not (`allow_html` in pejl.yaml).
pub fn parse_with(
    file: &SourceFile,
    limits: &Limits,
    allow_html: bool,
) -> Result<Option<Entry>, Vec<Diagnostic>> {
    let here = |d: Diagnostic| d.in_file(&file.display);
    if let Some(d) = limits.check_aliases(front_matter_text(&file.text)) {
        return Err(vec![here(d)]);
    }
    let doc = yaml::parse_document(&file.text).map_err(|e| {
        let d = Diagnostic::error(e.message).at(e.pos);
        vec![here(e.help.map_or(d.clone(), |h| d.with_help(h)))]
    })?;
    let mut front = doc.front;
    if let Some(d) = limits.check_front_matter(&front) {
        return Err(vec![here(d)]);
    }
    // One reading of the body gives its outline, how deep it nests and,
    // mostly, its HTML.
    let (outline, prepared) = markdown::read(&doc.body, allow_html);
    if let Some(d) = limits.check_nesting(&outline, &doc.body, doc.body_line) {
        return Err(vec![here(d)]);
    }
    if is_draft(&front) {
        return Ok(None);
    }
    let kind = kind_of(file, &front).map_err(|d| vec![here(d)])?;
    let checked = validate::check(kind, &front);
    if !checked.problems.is_empty() {
        return Err(checked.problems.into_iter().map(here).collect());
    }
    validate::textify(kind, &mut front);
    let plain = yaml::Plain::of(&front);
    let common: Common = typed(&front, &plain).map_err(|d| vec![here(d)])?;
    let data = kind_data(kind, &front, &plain).map_err(|d| vec![here(d)])?;
    let (id, id_pos) = id_of(file, &front);
    Ok(Some(Entry {
        rel: file.rel.clone(),
        display: file.display.clone(),
        kind,
        id,
        id_pos,
        common,
        data,
        body_is_blank: doc.body.trim().is_empty(),
        body: BodyCell::new(match prepared {
            Some(p) => Body::Prepared(p),
            None => Body::Source(doc.body.into()),
        }),
        body_line: doc.body_line,
        refs: checked.refs,
        files: checked.files,
        dates: checked.dates,
        outline,
    }))
}

fn field<'a>(front: &'a Node, name: &str) -> Option<&'a Node> {
    match &front.value {
        Value::Map(m) => m.iter().find(|(k, _)| k.name == name).map(|(_, v)| v),
        _ => None,
    }
}

fn is_draft(front: &Node) -> bool {
    field(front, "draft").is_some_and(|n| n.value == Value::Bool(true))
}

fn is_section_file(file: &SourceFile) -> bool {
    file.rel == "_index.md" || file.rel.ends_with("/_index.md")
}

fn kind_of(file: &SourceFile, front: &Node) -> Result<Kind, Diagnostic> {
    let written = field(front, "kind");
    if is_section_file(file) {
        return match written.map(|n| &n.value) {
            None | Some(Value::Null) => Ok(Kind::Section),
            Some(_) => Err(Diagnostic::error(Words::new(
                "an `_index.md` file is always a section and cannot have a `kind`",
                "en `_index.md`-fil er altid en oversigtsside og kan ikke have feltet `kind`",
            ))
            .at(written.map_or(Pos::new(1, 1), |n| n.pos))
            .with_help(Words::new(
                "remove the `kind:` line, or rename the file to give the page its own name",
                "slet linjen med `kind:`, eller omdøb filen, så siden får sit eget navn",
            ))),
        };
    }
    let Some(node) = written else {
        return Ok(Kind::Page);
    };
    let Value::Str(name) = &node.value else {
        return Err(bad_kind(&format!("{:?}", node.value), node.pos));
    };
    Kind::from_name(name)
        .filter(|k| *k != Kind::Section)
        .ok_or_else(|| bad_kind(name, node.pos))
}

fn bad_kind(name: &str, pos: Pos) -> Diagnostic {
    let names: Vec<&str> = Kind::WRITABLE.iter().map(|k| k.name()).collect();
    let d = Diagnostic::error(crate::words!(
        "\"{name}\" is not a kind of page",
        "\"{name}\" er ikke en type side"
    ))
    .at(pos);
    let d = match crate::content::schema::nearest(name, names.iter().copied()) {
        Some(near) => d.with_help(crate::words!(
            "did you mean `{near}`?",
            "mente du `{near}`?"
        )),
        None => d,
    };
    let list = crate::content::schema::quoted_list(&names);
    d.with_help(crate::words!("the kinds are {list}", "typerne er {list}"))
}

/// The id a file gets from its name (used when its front matter cannot be read).
pub fn fallback_id(file: &SourceFile) -> String {
    let none = Node {
        value: Value::Null,
        pos: Pos::new(1, 1),
    };
    id_of(file, &none).0
}

fn id_of(file: &SourceFile, front: &Node) -> (String, Pos) {
    if let Some(Node {
        value: Value::Str(id),
        pos,
    }) = field(front, "id")
    {
        return (id.clone(), *pos);
    }
    let start = Pos::new(1, 1);
    if file.rel == "_index.md" {
        return (HOME_ID.to_string(), start);
    }
    let stem = file.rel.trim_end_matches(".md");
    let name = match stem.rsplit_once('/') {
        Some((folder, "_index")) => folder.rsplit('/').next().unwrap_or(folder),
        Some((_, name)) => name,
        None => stem,
    };
    (slugify(name), start)
}

/// The front matter as a typed value; `plain` is `front` without positions.
fn typed<T: DeserializeOwned>(front: &Node, plain: &yaml::Plain) -> Result<T, Diagnostic> {
    plain.typed().map_err(|e| {
        Diagnostic::error(crate::words!(
            "the front matter could not be read: {e}",
            "front matter (felterne mellem --- øverst i filen) kan ikke læses: {e}"
        ))
        .at(front.pos)
        .with_help(Words::new(
            "check the values against the content model in docs/content-model.md",
            "tjek værdierne mod indholdsmodellen i docs/content-model.md",
        ))
    })
}

/// The text between a file's two `---` lines (empty without them).
fn front_matter_text(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return "";
    };
    let end = rest
        .match_indices("\n---")
        .map(|(i, _)| i)
        .next()
        .unwrap_or(rest.len());
    &rest[..end]
}

pub(crate) fn kind_data(
    kind: Kind,
    front: &Node,
    plain: &yaml::Plain,
) -> Result<KindData, Diagnostic> {
    Ok(match kind {
        Kind::Vision => KindData::Vision(typed(front, plain)?),
        Kind::Strategy => KindData::Strategy(typed(front, plain)?),
        Kind::FocusArea => KindData::FocusArea(typed(front, plain)?),
        Kind::Goal => KindData::Goal(typed(front, plain)?),
        Kind::Indicator => KindData::Indicator(Box::new(typed(front, plain)?)),
        Kind::Initiative => {
            let mut data: crate::content::model::InitiativeData = typed(front, plain)?;
            // Where the dates are written, so checks on them can point there.
            if let Some(n) = field(front, "status") {
                data.status_pos = n.pos;
            }
            if let Some(n) = field(front, "status_date") {
                data.status_date_pos = n.pos;
            }
            if let Some(Value::List(items)) = field(front, "follow_ups").map(|n| &n.value) {
                for (f, item) in data.follow_ups.iter_mut().zip(items) {
                    f.date_pos = field(item, "date").map_or(item.pos, |n| n.pos);
                }
            }
            KindData::Initiative(Box::new(data))
        }
        Kind::Milestone => KindData::Milestone(typed(front, plain)?),
        Kind::Document => KindData::Document(typed(front, plain)?),
        Kind::Page => KindData::Page(typed(front, plain)?),
        Kind::Catalogue => KindData::Catalogue(typed(front, plain)?),
        Kind::Theme | Kind::MainInitiative => {
            let mut data: crate::content::model::NumberedData = typed(front, plain)?;
            data.number_pos = field(front, "number").map_or(front.pos, |n| n.pos);
            if kind == Kind::Theme {
                KindData::Theme(data)
            } else {
                KindData::MainInitiative(data)
            }
        }
        Kind::Idea => {
            let mut data: crate::content::model::IdeaData = typed(front, plain)?;
            data.number_pos = field(front, "number").map_or(front.pos, |n| n.pos);
            KindData::Idea(data)
        }
        Kind::Section => KindData::Section(typed(front, plain)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel: rel.into(),
            display: format!("content/{rel}").into(),
            text: text.into(),
        }
    }

    #[test]
    fn id_comes_from_the_file_name() {
        let e = parse(&file(
            "initiativer/Din Indgang.md",
            "---\ntitle: D\nkind: initiative\n---\n",
        ))
        .expect("ok")
        .expect("not draft");
        assert_eq!(e.id, "din-indgang");
        assert_eq!(e.kind, Kind::Initiative);
    }

    #[test]
    fn index_files_are_sections_named_after_their_folder() {
        let e = parse(&file("strategier/_index.md", "---\ntitle: S\n---\n"))
            .expect("ok")
            .expect("page");
        assert_eq!((e.kind, e.id.as_str()), (Kind::Section, "strategier"));
        let home = parse(&file("_index.md", "---\ntitle: H\n---\n"))
            .expect("ok")
            .expect("page");
        assert_eq!(home.id, HOME_ID);
    }

    #[test]
    fn drafts_are_skipped() {
        assert!(
            parse(&file("a.md", "---\ntitle: A\ndraft: true\n---\n"))
                .expect("ok")
                .is_none()
        );
    }

    #[test]
    fn errors_carry_the_file_name() {
        let errs =
            parse(&file("a.md", "---\ntitle: A\nkind: initiativ\n---\n")).expect_err("bad kind");
        assert_eq!(
            errs[0].file.as_deref(),
            Some(std::path::Path::new("content/a.md"))
        );
        assert!(
            errs[0].help.iter().any(|h| h.contains("`initiative`")),
            "{:?}",
            errs[0]
        );
    }

    #[test]
    fn numbers_where_text_is_expected_are_accepted() {
        let e = parse(&file(
            "s.md",
            "---\ntitle: 2024\nkind: strategy\nperiod: 2024\n---\n",
        ))
        .expect("ok")
        .expect("page");
        assert_eq!(e.common.title, "2024");
    }
}
