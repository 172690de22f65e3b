//! The smallest shared values of a build: one file of the built site, and
//! escaping text for XML. Every stage that makes or writes files uses them;
//! they use nothing of pejl's own, so no stage depends on another through them.

pub mod diagnostic;
pub mod period;
pub mod routes;
pub mod slug;
pub mod url;

use std::sync::Arc;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// Shared, so a preview can keep unchanged pages without copying them.
    pub bytes: Arc<[u8]>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Text escaped for XML and HTML attributes: `&`, `<`, `>` and `"`.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
