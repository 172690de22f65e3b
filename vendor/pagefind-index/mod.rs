//! Pagefind's indexer, the parts pejl runs itself: from Pagefind 1.6.0
//! (MIT, © CloudCannon; see SOURCE.md), kept as close to upstream as the
//! changes listed there allow, so that pejl's index reads exactly as
//! Pagefind's own would, in Pagefind's browser script and WebAssembly.
//!
//! Upstream reads every page one after the other under one lock, holds
//! every page's words twice until the end and offers no way to index a page
//! apart from the others. pejl calls these parts on its render threads
//! instead, one page at a time (`src/render/search/`).
#![allow(
    clippy::all,
    clippy::pedantic,
    clippy::unwrap_used,
    clippy::expect_used
)]
#![allow(dead_code, unused_imports)]

pub mod digest;
pub mod fragments;
pub mod index;
pub mod parser;
pub mod splitting;

pub use digest::normalize_content;

/// What upstream's `SearchOptions` gives these parts.
pub struct SearchOptions {
    /// The element whose content is read (`html`).
    pub root_selector: String,
    /// Elements left out beyond the built-in ones (`nav`, `footer` …).
    pub exclude_selectors: Vec<String>,
    /// Characters kept inside words beyond letters and digits.
    pub include_characters: Vec<char>,
    pub logger: Logger,
}

impl SearchOptions {
    /// Upstream's defaults: the whole page, `_`-like characters in words.
    pub fn new() -> Self {
        SearchOptions {
            root_selector: "html".into(),
            exclude_selectors: Vec::new(),
            include_characters: WORD_SYMBOLS.to_vec(),
            logger: Logger::default(),
        }
    }
}

/// Upstream's `utils::WORD_SYMBOLS`: symbols that count as part of a word
/// (the "Punctuation, Connector" Unicode category).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// What the parser would have printed as a warning, kept for the caller to
/// report at the page it belongs to.
#[derive(Default)]
pub struct Logger {
    pub warnings: std::sync::Mutex<Vec<String>>,
}

impl Logger {
    pub fn warn(&self, message: String) {
        if let Ok(mut w) = self.warnings.lock() {
            w.push(message);
        }
    }
}
