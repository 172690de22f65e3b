//! Full-text search that runs in the reader's browser on any static host:
//! a Pagefind index of the pages made from content, built by pejl itself
//! beside the rendering ([`Indexer`]), read by Pagefind's own browser
//! script and WebAssembly.
//!
//! Owns which pages are indexed (those made from content), the
//! language the words are stemmed in (the site's), and where the index lives
//! (`pagefind/`). Templates mark what is indexed (`data-pagefind-body`), the
//! filters (kind, area) and the meta shown with a result.
//!
//! Each page is read on the render thread that rendered it, with Pagefind's
//! own parser and word splitting (`vendor/pagefind-index/`, from Pagefind
//! 1.6.0), and its fragment (what a result shows) is written at once; only
//! each word's places are kept until the end (`search::postings`), when the word
//! index, filters and meta are written in Pagefind's format. Pagefind's
//! library could not do this: it reads pages one at a time under one lock
//! and holds every page's words twice until the end (BENCHMARKS.md,
//! *Search*).

mod page;
mod postings;
mod runtime;
#[path = "../../vendor/pagefind-index/mod.rs"]
mod upstream;

use std::sync::Mutex;

use crate::base::OutputFile;
use crate::base::diagnostic::{Diagnostic, Words};

/// The folder of the index and of Pagefind's search script.
pub const FOLDER: &str = crate::base::routes::SEARCH_INDEX;

/// Index the pages made from content (`pages`: their output paths and
/// bytes, in the order they are to be numbered), on the calling thread;
/// returns the files of the index. Generated overviews (the timeline, the
/// lists by status, area …) only repeat what the pages say, so they are
/// left out: a search finds the page itself, not every list that names it.
pub fn index<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    language: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let indexer = Indexer::start(language)?;
    let fragments = Mutex::new(Vec::new());
    let keep = |path: &str, bytes: &[u8]| {
        if let Ok(mut f) = fragments.lock() {
            f.push(OutputFile::new(path, bytes));
        }
        Ok(())
    };
    for (i, (path, bytes)) in pages.into_iter().enumerate() {
        indexer.offer(i, path, bytes, &keep);
    }
    // (The preview shows a build's warnings; those of its index would
    // repeat the last build's.)
    let (mut index, _warnings) = indexer.finish()?;
    index.extend(fragments.into_inner().unwrap_or_default());
    Ok(index)
}

fn failed(e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(crate::words!(
        "the search index could not be built: {e}",
        "søgeindekset kunne ikke bygges: {e}"
    ))
    .with_help(Words::new(
        "this is a fault in pejl, not in your content; please report it",
        "det er en fejl i pejl, ikke i jeres indhold; meld den gerne",
    ))
}

/// Where a page's fragment goes: the build's staging folder, or memory in
/// the preview.
type WriteFile<'a> = &'a (dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync);

/// The index of a build, made beside the rendering: each page made from
/// content is offered as soon as it is rendered ([`Indexer::offer`], on the
/// render threads), read there and its fragment written at once; the index
/// proper is written when every page is offered ([`Indexer::finish`]).
/// Pages are numbered by their entry, whatever order they were rendered in,
/// so the same sources give the same index.
pub struct Indexer {
    language: String,
    runtime: std::sync::Arc<runtime::Runtime>,
    postings: postings::Postings,
    /// What went wrong on the way: the first error, and the pages Pagefind
    /// warned about.
    problems: Mutex<(Option<Diagnostic>, Vec<Diagnostic>)>,
}

impl Indexer {
    pub fn start(language: &str) -> Result<Self, Diagnostic> {
        Ok(Indexer {
            language: language.to_string(),
            runtime: runtime::for_language(language).map_err(|e| failed(&e))?,
            postings: postings::Postings::default(),
            problems: Mutex::new((None, Vec::new())),
        })
    }

    /// Offer the page of entry `i` (its output path and bytes): read it and
    /// write its fragment with `write` (a path under [`FOLDER`]).
    pub fn offer(&self, i: usize, path: &str, html: &[u8], write: WriteFile) {
        let read = match page::read(path, &indexed_part(html), &self.language) {
            Ok(read) => read,
            Err(e) => return self.warn(path, &e),
        };
        for w in &read.warnings {
            self.warn(path, w);
        }
        let fragment = format!("{FOLDER}/fragment/{}.pf_fragment", read.hash);
        if let Err(e) = write(&fragment, &read.fragment) {
            if let Ok(mut p) = self.problems.lock() {
                p.0.get_or_insert_with(|| {
                    crate::disk::output::write_failed("write the site", "skrive sitet", &e)
                });
            }
            return;
        }
        self.postings.add(i, read);
    }

    fn warn(&self, path: &str, message: &str) {
        // (Pagefind's own words, in English, after pejl's.)
        let d = Diagnostic::warning(crate::words!(
            "the search could not read all of {path}: {message}",
            "søgningen kunne ikke læse hele {path}: {message}"
        ))
        .with_help(Words::new(
            "the page is published as it is; what is wrong is in the theme's `data-pagefind-…` marks on it",
            "siden udgives, som den er; fejlen sidder i temaets `data-pagefind-…`-markeringer på den",
        ));
        if let Ok(mut p) = self.problems.lock() {
            p.1.push(d);
        }
    }

    /// Every page is offered: the rest of the index's files (the word
    /// index, filters, meta, entry file and Pagefind's browser files), and
    /// warnings about pages.
    pub fn finish(self) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Diagnostic> {
        let (error, warnings) = self.problems.into_inner().unwrap_or_default();
        if let Some(e) = error {
            return Err(e);
        }
        let runtime = &self.runtime;
        let built = self.postings.build(&self.language, &runtime.version);
        let entry = serde_json::json!({
            "version": runtime.version,
            "languages": {
                &self.language: {
                    "hash": built.meta_hash,
                    "wasm": runtime.stems.then_some(&self.language),
                    "page_count": built.page_count,
                }
            },
            "include_characters": upstream::WORD_SYMBOLS,
        });
        let mut files: Vec<OutputFile> = (built.files.into_iter())
            .map(|(name, bytes)| OutputFile::new(format!("{FOLDER}/{name}"), bytes))
            .collect();
        files.push(OutputFile::new(
            format!("{FOLDER}/pagefind-entry.json"),
            entry.to_string().into_bytes(),
        ));
        files.extend((runtime.files.iter()).map(|(name, bytes)| OutputFile {
            path: format!("{FOLDER}/{name}"),
            bytes: bytes.clone(),
        }));
        Ok((files, warnings))
    }
}

/// What Pagefind reads of a page: the `<html>` start tag (its language) and the
/// `<main>` element the templates mark with `data-pagefind-body`. The header,
/// menu and footer are the same on every page and not indexed, so Pagefind
/// need not parse them. The whole page if it has no such element.
fn indexed_part(html: &[u8]) -> String {
    let html = String::from_utf8_lossy(html);
    let part = (|| {
        let open = html.find("<html")?;
        let open_end = open + html[open..].find('>')? + 1;
        let main = html.find("<main ")?;
        if !html[main..]
            .split('>')
            .next()?
            .contains("data-pagefind-body")
        {
            return None;
        }
        let end = main + html[main..].rfind("</main>")? + "</main>".len();
        Some(format!(
            "{}<body>{}</body></html>",
            &html[open..open_end],
            &html[main..end]
        ))
    })();
    part.unwrap_or_else(|| html.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_marked_main_element_is_indexed() {
        let page = "<!doctype html><html lang=\"da\"><head><title>T</title></head><body><nav>Menu</nav><main id=\"indhold\" data-pagefind-body data-pagefind-meta=\"kind:Mål\"><h1>Mål</h1></main><footer>Fod</footer></body></html>";
        assert_eq!(
            indexed_part(page.as_bytes()),
            "<html lang=\"da\"><body><main id=\"indhold\" data-pagefind-body data-pagefind-meta=\"kind:Mål\"><h1>Mål</h1></main></body></html>"
        );
        let plain = "<html><body><main><p>x</p></main></body></html>";
        assert_eq!(indexed_part(plain.as_bytes()), plain);
    }

    /// A page as the default theme marks it, with `body` inside its `<main>`.
    fn page(body: &str) -> String {
        format!(
            "<!doctype html><html lang=\"da\"><body><main data-pagefind-body><h1>Side</h1>{body}</main></body></html>"
        )
    }

    fn index_of(pages: &[(&str, String)]) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let indexer = Indexer::start("da").expect("runtime");
        let write = |_: &str, _: &[u8]| Ok(());
        for (i, (path, html)) in pages.iter().enumerate() {
            indexer.offer(i, path, html.as_bytes(), &write);
        }
        indexer.finish().expect("index")
    }

    #[test]
    fn what_pagefind_warns_about_a_page_is_a_warning_naming_it() {
        let bad = page("<p data-pagefind-ignore=\"nogle\">Tekst</p>");
        let (_, warnings) =
            index_of(&[("a/index.html", page("<p>Godt</p>")), ("b/index.html", bad)]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let text = format!("{:?}", warnings[0]);
        assert!(
            text.contains("b/index.html") && text.contains("data-pagefind-ignore"),
            "{text}"
        );
    }

    #[test]
    fn pages_without_words_are_left_out_and_the_rest_counted() {
        let (files, _) = index_of(&[
            ("a/index.html", page("<p>Sundhed for alle</p>")),
            (
                "tom/index.html",
                "<html><body><main data-pagefind-body></main></body></html>".into(),
            ),
        ]);
        let entry = files
            .iter()
            .find(|f| f.path == "pagefind/pagefind-entry.json")
            .expect("entry file");
        let entry: serde_json::Value = serde_json::from_slice(&entry.bytes).expect("JSON");
        assert_eq!(entry["languages"]["da"]["page_count"], 1);
        assert!(files.iter().any(|f| f.path == "pagefind/pagefind.js"));
        assert!(
            files
                .iter()
                .any(|f| f.path.starts_with("pagefind/index/da_"))
        );
    }
}
