//! The schema as JSON Schema (draft 2020-12), one document per kind, for
//! editors that check front matter as it is typed (`pejl schema --json`).
//!
//! Built from the same table as everything else: each field's type, whether
//! it is required, its help in the site's language and an example. Where the
//! portal is known, a reference lists the ids of the pages it may name and a
//! status the site's statuses, so an editor offers them as choices.

use serde_json::{Map, Value, json};

use super::{Field, FieldType, Kind, all_fields};
use crate::base::diagnostic::Lang;

/// What the portal has for the schemas to offer as choices.
#[derive(Debug, Default)]
pub struct Choices<'a> {
    /// Every page by kind and id.
    pub pages: &'a [(Kind, String)],
    /// The site's statuses (the built-in ones when empty).
    pub statuses: Vec<String>,
}

/// The JSON Schema of `kind`'s front matter.
pub fn kind_schema(kind: Kind, lang: Lang, choices: &Choices) -> Value {
    let fields: Vec<&Field> = all_fields(kind)
        .filter(|f| !(kind == Kind::Section && f.name == "kind"))
        .collect();
    let mut schema = object(&fields, lang, choices);
    if kind != Kind::Section
        && let Some(Value::Object(props)) = schema.get_mut("properties")
    {
        props.insert("kind".into(), json!({ "const": kind.name() }));
    }
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert("$id".into(), json!(format!("{}.schema.json", kind.name())));
        let title = match lang {
            Lang::Da => format!("{} ({})", kind.with_article_da(), kind.name()),
            Lang::En => kind.description().to_string(),
        };
        map.insert("title".into(), json!(title));
    }
    schema
}

/// An object with `fields`, none other allowed.
fn object(fields: &[&Field], lang: Lang, choices: &Choices) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.name.to_string(), property(f, lang, choices)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// One field: its type, its help as the description, its example.
fn property(f: &Field, lang: Lang, choices: &Choices) -> Value {
    let mut value = of_type(f.ty, lang, choices);
    if let Value::Object(map) = &mut value {
        let help = match lang {
            Lang::Da => f.help_da,
            Lang::En => f.help,
        };
        map.insert("description".into(), json!(help));
        // (A reference's example names a page of the example portal, not of
        // this one: its choices are the portal's pages instead.)
        let is_ref = matches!(f.ty, FieldType::Ref(_) | FieldType::RefList(_));
        if let Some(example) = example(f.example).filter(|e| !e.is_null() && !is_ref) {
            map.insert("examples".into(), json!([example]));
        }
    }
    value
}

/// A field's example as JSON, when it is one plain value (a quoted or bare
/// text, a whole number, true or false); lists and records have none.
fn example(yaml: &str) -> Option<Value> {
    let text = yaml.trim();
    if text.is_empty() || text.starts_with(['[', '{', '-']) && text.parse::<i64>().is_err() {
        return None;
    }
    if let Some(quoted) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return Some(json!(quoted.replace("\\\"", "\"")));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(json!(n));
    }
    match text {
        "true" => Some(json!(true)),
        "false" => Some(json!(false)),
        _ => Some(json!(text)),
    }
}

fn of_type(ty: FieldType, lang: Lang, choices: &Choices) -> Value {
    let ids = |kinds: &[Kind]| -> Value {
        let ids: Vec<&str> = choices
            .pages
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .map(|(_, id)| id.as_str())
            .collect();
        if ids.is_empty() {
            json!({ "type": "string" })
        } else {
            json!({ "type": "string", "enum": ids })
        }
    };
    match ty {
        FieldType::Text => json!({ "type": "string" }),
        FieldType::Slug => json!({ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" }),
        FieldType::Integer => json!({ "type": "integer" }),
        FieldType::Number => json!({ "type": ["number", "string"] }),
        FieldType::Bool => json!({ "type": "boolean" }),
        // A year alone (`2025`) is a number to YAML.
        FieldType::Date => json!({ "type": ["string", "integer"] }),
        FieldType::Choice(values) => json!({ "enum": values }),
        FieldType::Status if choices.statuses.is_empty() => json!({ "enum": super::STATUSES }),
        FieldType::Status => json!({ "enum": choices.statuses }),
        FieldType::Ref(kinds) => ids(kinds),
        FieldType::RefList(kinds) => json!({ "type": "array", "items": ids(kinds) }),
        FieldType::BearingList | FieldType::TextList => {
            json!({ "type": "array", "items": { "type": "string" } })
        }
        FieldType::Records(sub) => {
            let sub: Vec<&Field> = sub.iter().collect();
            json!({ "type": "array", "items": object(&sub, lang, choices) })
        }
        FieldType::Record(sub) => {
            let sub: Vec<&Field> = sub.iter().collect();
            object(&sub, lang, choices)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_every_kind_is_in_its_schema_with_its_type() {
        for kind in Kind::WRITABLE.into_iter().chain([Kind::Section]) {
            let schema = kind_schema(kind, Lang::Da, &Choices::default());
            let props = schema["properties"].as_object().unwrap();
            for f in all_fields(kind).filter(|f| !(kind == Kind::Section && f.name == "kind")) {
                assert!(props.contains_key(f.name), "{kind}: {}", f.name);
            }
            assert_eq!(schema["additionalProperties"], json!(false));
        }
        let initiative = kind_schema(Kind::Initiative, Lang::En, &Choices::default());
        assert_eq!(
            initiative["properties"]["kind"],
            json!({ "const": "initiative" })
        );
        assert_eq!(initiative["required"], json!(["title"]));
        let follow_up = &initiative["properties"]["follow_ups"]["items"];
        assert_eq!(follow_up["required"], json!(["date"]));
    }

    #[test]
    fn references_offer_the_portals_pages_and_statuses_the_sites() {
        let pages = [
            (Kind::Goal, "sundhed".to_string()),
            (Kind::Strategy, "social".to_string()),
            (Kind::Goal, "faellesskab".to_string()),
        ];
        let choices = Choices {
            pages: &pages,
            statuses: vec!["igangsat".into(), "afsluttet".into()],
        };
        let schema = kind_schema(Kind::Initiative, Lang::Da, &choices);
        let props = &schema["properties"];
        assert_eq!(props["goal"]["enum"], json!(["sundhed", "faellesskab"]));
        assert_eq!(
            props["secondary_goals"]["items"]["enum"],
            json!(["sundhed", "faellesskab"])
        );
        assert_eq!(props["status"]["enum"], json!(["igangsat", "afsluttet"]));
        assert!(!props["status"]["description"].as_str().unwrap().is_empty());
    }
}
