//! Values many pages show, made once.
//!
//! A link to a goal is on the goal's initiatives, its focus area, its
//! strategy, the map excerpts of all of them and a dozen overview pages; a row
//! of the initiatives overview is on the overview and on every facet page of
//! its status, area, strategy, goal, committee and years. Each page hands its
//! context to Tera, which copies it into template values. [`Shared`] makes
//! that copy once per value instead of once per page that shows it: cloning is
//! a reference count, and handing it to Tera again clones a reference to the
//! template value made the first time.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

/// A context value shared by the pages that show it. Reads like the value it
/// holds (`Deref`); serialises and hashes like it too.
pub struct Shared<T>(Arc<Inner<T>>);

struct Inner<T> {
    value: T,
    /// The value as Tera holds it, made the first time a page needs it.
    template_value: OnceLock<tera::Value>,
}

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(Inner {
            value,
            template_value: OnceLock::new(),
        }))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0.value
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.value.fmt(f)
    }
}

impl<T: Hash> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.value.hash(state)
    }
}

/// Into Tera's values (`tera::Context::insert`), the template value made the
/// first time is handed over again (Tera recognises its own values and clones
/// them, which is a reference count). Into any other format the value is
/// written out as usual.
impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if is_tera::<S>() {
            let value = self
                .0
                .template_value
                .get_or_init(|| tera::Value::from_serializable(&self.0.value));
            value.serialize(s)
        } else {
            self.0.value.serialize(s)
        }
    }
}

/// Whether `S` is Tera's own serialiser. Tera hands a `tera::Value` over
/// as it is only to that serialiser; any other (JSON, say) would get the
/// template value's fields in no fixed order, so it gets the value itself.
fn is_tera<S>() -> bool {
    std::any::type_name::<S>().starts_with("tera::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Hash, Debug)]
    struct Row {
        title: String,
        count: usize,
    }

    fn row() -> Shared<Row> {
        Shared::new(Row {
            title: "Grøn omstilling".into(),
            count: 3,
        })
    }

    #[test]
    fn templates_see_the_fields_of_the_value() {
        let tera = tera::Tera::default();
        let mut context = tera::Context::new();
        context.insert("rows", &vec![row(), row()]);
        let template = "{% for r in rows %}{{ r.title }} ({{ r.count }}) {% endfor %}";
        let html = tera.render_str(template, &context, false).unwrap();
        assert_eq!(html, "Grøn omstilling (3) Grøn omstilling (3) ");
    }

    #[test]
    fn other_formats_get_the_fields_in_their_order() {
        let json = serde_json::to_string(&row()).unwrap();
        assert_eq!(json, r#"{"title":"Grøn omstilling","count":3}"#);
    }

    #[test]
    fn a_shared_value_hashes_as_the_value() {
        let hash = |v: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v(&mut h);
            h.finish()
        };
        let shared = row();
        assert_eq!(hash(&|h| shared.hash(h)), hash(&|h| (*shared).hash(h)));
    }

    #[test]
    fn the_template_value_is_made_once_and_handed_over_again() {
        let shared = row();
        let a = tera::Value::from_serializable(&shared);
        let b = tera::Value::from_serializable(&shared.clone());
        assert!(shared.0.template_value.get().is_some());
        assert_eq!(a, b);
    }
}
