//! pejl: a static site generator for public strategy portals.
//!
//! A build is a chain of stages, each a function from one value to the next:
//!
//! ```text
//! load      pejl.yaml + content/**.md  → Config, Vec<SourceFile>      (file system: read)
//! parse     SourceFile                 → Entry (typed front matter)   (pure, per file, parallel)
//! link      Vec<Entry>                 → Site (ids, URLs, relations)  (pure)
//! check     Site + Config + today      → warnings (timeline, a11y)    (pure)
//! render    Site + Theme               → Vec<OutputFile>              (pure, per page, parallel)
//! search    Vec<OutputFile>            → pagefind/ index (build only) (pure, in-process Pagefind)
//! output    Vec<OutputFile>            → public/                      (file system: staged write + swap)
//! ```
//!
//! `pejl serve` runs the same stages through a [`session::Session`], which keeps
//! what did not change between saves: watch → rebuild → reload ([`serve`]).
//!
//! Every stage returns [`diagnostic::Diagnostic`]s instead of stopping at the first
//! problem; [`pipeline`] gathers them into one [`diagnostic::Report`]. The library
//! never prints and never exits; `main.rs` does.

pub mod a11y;
pub mod base;
pub mod brand;
pub mod budget;
pub mod config;
pub mod context;
pub mod data;
pub mod diagnostic;
pub mod feed;
pub mod ical;
pub mod limits;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod parse;
pub mod period;
pub mod pipeline;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod session;
pub mod slug;
pub mod theme;
pub mod timeline;
pub mod url;
pub mod validate;
pub mod vocabulary;
pub mod yaml;

#[cfg(test)]
mod danish_tests;
