//! pejl: a static site generator for public strategy portals.
//!
//! A build is a chain of stages, each a function from one value to the next,
//! and the folders of `src/` follow it:
//!
//! ```text
//! disk::load   pejl.yaml + content/**.md → Config, Vec<SourceFile>    (file system: read)
//! content      SourceFile                → Entry (typed front matter, (pure, per file, parallel)
//!                                          Markdown read once)
//! site         Vec<Entry>                → Site (ids, URLs, relations) (pure)
//!              Site + Config + today     → warnings (timeline, a11y)   (pure)
//! render       Site + Theme              → Vec<OutputFile>             (pure, per page, parallel)
//! render::search  pages                  → pagefind/ index (build only) (in-process Pagefind)
//! disk::output Vec<OutputFile>           → public/                     (file system: locked,
//!                                                                        staged write + swap)
//! ```
//!
//! `config` reads `pejl.yaml`'s fields; `base` holds what every stage uses
//! (messages, dates, slugs, addresses). `pejl serve` runs the same stages
//! through a [`serve::session::Session`], which keeps what did not change
//! between saves: watch → rebuild → reload ([`serve`]).
//!
//! Every stage returns [`base::diagnostic::Diagnostic`]s instead of stopping at
//! the first problem; [`pipeline`] gathers them into one
//! [`base::diagnostic::Report`]. The library never prints and never exits;
//! `main.rs` does.

pub mod base;
pub mod config;
pub mod content;
pub mod disk;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;

#[cfg(test)]
mod danish_tests;
