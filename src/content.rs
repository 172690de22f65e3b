//! Reading content: from a file's text to a typed page. Front matter
//! (`yaml`, the only use of serde_yaml), the schema of every kind, checking a
//! page against it (`validate`), the typed page (`parse`, `model`), its
//! Markdown read once (`markdown`) and the limits on what is read (`limits`).
//! Nothing here touches the disk or looks at another page.

pub mod limits;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod schema;
pub mod validate;
pub mod yaml;
