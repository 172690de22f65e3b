//! Every misspelt or unknown setting of `pejl.yaml` at once, each at its own
//! line with the nearest setting that exists ("did you mean `language`?").
//!
//! The settings that exist are read from the configuration's own types (the
//! fields serde knows for each), so this list cannot drift from them.

use serde::de::{self, Deserialize, Visitor};

use crate::base::diagnostic::Diagnostic;
use crate::content::yaml::{Node, Value};

/// The field names serde knows for struct `T`.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut found: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut found));
    found
}

/// A deserializer that only notes the field names of the struct asked for.
struct Probe<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// What may stand under a setting: the fields of a struct, a list of such
/// records, or a map whose every value has such fields (`kinds:`).
#[derive(Clone, Copy)]
enum Shape {
    Fields(
        fn() -> &'static [&'static str],
        &'static [(&'static str, Shape)],
    ),
    ListOf(&'static Shape),
    MapOf(&'static Shape),
}

const BRAND: Shape = Shape::Fields(
    fields::<crate::config::brand::Brand>,
    &[
        (
            "colors",
            Shape::Fields(fields::<crate::config::brand::Colors>, &[]),
        ),
        (
            "contact",
            Shape::Fields(fields::<crate::config::brand::Contact>, &[]),
        ),
    ],
);

/// The whole of `pejl.yaml`.
const CONFIG: Shape = Shape::Fields(
    fields::<crate::config::Config>,
    &[
        ("brand", BRAND),
        (
            "checks",
            Shape::Fields(fields::<crate::config::Checks>, &[]),
        ),
        (
            "periods",
            Shape::Fields(fields::<crate::config::Periods>, &[]),
        ),
        (
            "limits",
            Shape::Fields(fields::<crate::content::limits::Limits>, &[]),
        ),
        (
            "kinds",
            Shape::MapOf(&Shape::Fields(fields::<crate::config::KindWords>, &[])),
        ),
        (
            "statuses",
            Shape::ListOf(&Shape::Fields(fields::<crate::config::StatusWords>, &[])),
        ),
        (
            "footer_links",
            Shape::ListOf(&Shape::Fields(fields::<crate::config::FooterLink>, &[])),
        ),
    ],
);

/// Every unknown key of the configuration `root`, in file order.
pub fn unknown(root: &Node, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(root, CONFIG, "", file, &mut out);
    out
}

fn walk(node: &Node, shape: Shape, path: &str, file: &str, out: &mut Vec<Diagnostic>) {
    match (shape, &node.value) {
        (Shape::Fields(names, nested), Value::Map(entries)) => {
            let names = names();
            for (key, value) in entries {
                let here = if path.is_empty() {
                    key.name.clone()
                } else {
                    format!("{path}.{}", key.name)
                };
                if !names.contains(&key.name.as_str()) {
                    out.push(unknown_key(&key.name, &here, names, file).at(key.pos));
                } else if let Some((_, inner)) = nested.iter().find(|(n, _)| *n == key.name) {
                    walk(value, *inner, &here, file, out);
                }
            }
        }
        (Shape::ListOf(inner), Value::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, *inner, &format!("{path}[{}]", i + 1), file, out);
            }
        }
        (Shape::MapOf(inner), Value::Map(entries)) => {
            for (key, value) in entries {
                walk(value, *inner, &format!("{path}.{}", key.name), file, out);
            }
        }
        // A value of the wrong type is for the typed reading to say.
        _ => {}
    }
}

fn unknown_key(name: &str, path: &str, names: &[&str], file: &str) -> Diagnostic {
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let d = Diagnostic::error(crate::words!(
        "pejl.yaml has no setting `{path}`",
        "pejl.yaml har ingen indstilling, der hedder `{path}`"
    ))
    .in_file(file);
    match crate::content::schema::nearest(name, names.iter().copied()) {
        Some(near) => d.with_help(crate::words!(
            "did you mean `{near}`? The settings here are {list}",
            "mente du `{near}`? Indstillingerne her er {list}"
        )),
        None => d.with_help(crate::words!(
            "the settings here are {list}; see the table of settings in README.md",
            "indstillingerne her er {list}; se tabellen over indstillinger i README.md"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_come_from_the_types() {
        let top = fields::<crate::config::Config>();
        for name in [
            "title",
            "language",
            "brand",
            "nav",
            "abbreviations",
            "words",
        ] {
            assert!(top.contains(&name), "{name}");
        }
        assert!(
            !top.contains(&"words_pos"),
            "skipped fields are not settings"
        );
        assert!(fields::<crate::config::KindWords>().contains(&"plural"));
    }

    #[test]
    fn every_unknown_key_is_found_with_its_nearest() {
        let text = "title: T\nlanguge: da\nbrand:\n  colours:\n    primary: \"#000000\"\n  contact:\n    phnoe: 1\nkinds:\n  goal: {nam: Mål}\nstatuses:\n  - id: x\n    mean: running\n";
        let root = crate::content::yaml::parse_file(text).unwrap();
        let found = unknown(&root, "pejl.yaml");
        let said: Vec<(String, usize)> = found
            .iter()
            .map(|d| (d.message.en.clone(), d.pos.map_or(0, |p| p.line)))
            .collect();
        assert_eq!(
            said,
            [
                ("pejl.yaml has no setting `languge`".to_string(), 2),
                ("pejl.yaml has no setting `brand.colours`".to_string(), 4),
                (
                    "pejl.yaml has no setting `brand.contact.phnoe`".to_string(),
                    7
                ),
                ("pejl.yaml has no setting `kinds.goal.nam`".to_string(), 9),
                (
                    "pejl.yaml has no setting `statuses[1].mean`".to_string(),
                    12
                ),
            ]
        );
        let help = |k: usize| {
            found[k]
                .help
                .iter()
                .map(|h| h.en.clone())
                .collect::<String>()
        };
        assert!(
            help(0).starts_with("did you mean `language`?"),
            "{}",
            help(0)
        );
        assert!(help(1).starts_with("did you mean `colors`?"), "{}", help(1));
        assert!(help(4).starts_with("did you mean `means`?"), "{}", help(4));
    }
}
