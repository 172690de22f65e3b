//! Full-text search that runs in the reader's browser on any static host:
//! the Pagefind index of the pages made from content, built in-process from
//! their rendered `<main>`, beside the rendering ([`Indexer`]).
//!
//! Owns which pages are indexed (those made from content), the
//! language the words are stemmed in (the site's), and where the index lives
//! (`pagefind/`). Templates mark what is indexed (`data-pagefind-body`), the
//! filters (kind, area) and the meta shown with a result.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::base::OutputFile;
use crate::base::diagnostic::{Diagnostic, Words};

/// The folder of the index and of Pagefind's search script.
pub const FOLDER: &str = crate::base::routes::SEARCH_INDEX;

/// Index the pages made from content (`pages`: their output paths, in the
/// order they are to be numbered) among `files`; returns the files of the
/// index. Generated overviews (the timeline, the lists by status, area …)
/// only repeat what the pages say, so they are left out: a search finds the
/// page itself, not every list that names it.
pub fn index(
    files: &[OutputFile],
    pages: &[String],
    language: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let by_path: std::collections::HashMap<&str, &OutputFile> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut writer = Writer::new(language)?;
    for path in pages {
        if let Some(file) = by_path.get(path.as_str()) {
            writer.add(path.clone(), indexed_part(&file.bytes))?;
        }
    }
    writer.finish()
}

/// Pagefind's index being built: its own runtime (its API is async) and
/// the pages added so far.
struct Writer {
    runtime: tokio::runtime::Runtime,
    index: PagefindIndex,
}

impl Writer {
    fn new(language: &str) -> Result<Self, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| failed(&e))?;
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e))?;
        Ok(Writer { runtime, index })
    }

    /// Read one page (its output path, what [`indexed_part`] keeps of it).
    fn add(&mut self, path: String, html: String) -> Result<(), Diagnostic> {
        let added = self.index.add_html_file(Some(path), None, html);
        self.runtime.block_on(added).map_err(|e| failed(&e))?;
        Ok(())
    }

    /// The files of the index, under [`FOLDER`]. (`get_files` builds the
    /// index itself: building it before as well would do the work twice.)
    fn finish(mut self) -> Result<Vec<OutputFile>, Diagnostic> {
        let built = self.runtime.block_on(self.index.get_files());
        let built = built.map_err(|e| failed(&e))?;
        Ok(built
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                OutputFile::new(format!("{FOLDER}/{name}"), f.contents)
            })
            .collect())
    }
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

/// The index of a build, made beside the rendering: each page made from
/// content is offered as soon as it is rendered ([`Indexer::offer`], on the
/// render threads, which cut out what Pagefind reads) and read by Pagefind
/// on a thread of its own, in the order of the entries whatever order they
/// were rendered in, so the same sources give the same index. The rendered
/// pages are not held: at most a batch of their `<main>` waits in the queue.
pub struct Indexer {
    queue: std::sync::mpsc::SyncSender<Offered>,
    thread: std::thread::JoinHandle<Result<Vec<OutputFile>, Diagnostic>>,
}

enum Offered {
    /// Entry number, output path, what Pagefind reads of the page.
    Page(usize, String, String),
    /// Every page is offered: build the index.
    Done,
}

/// Pages that may wait for the index thread before a render thread waits.
const QUEUED: usize = 128;

impl Indexer {
    pub fn start(language: &str) -> Result<Self, Diagnostic> {
        let writer = Writer::new(language)?;
        let (queue, pages) = std::sync::mpsc::sync_channel(QUEUED);
        let thread = std::thread::Builder::new()
            .name("pejl-search".into())
            .spawn(move || read_in_order(writer, pages))
            .map_err(|e| failed(&e))?;
        Ok(Indexer { queue, thread })
    }

    /// Offer the page of entry `i` (its output path and bytes).
    pub fn offer(&self, i: usize, path: &str, html: &[u8]) {
        // (A closed queue means the index thread has stopped on an error,
        // which `finish` reports.)
        let _ = self
            .queue
            .send(Offered::Page(i, path.to_string(), indexed_part(html)));
    }

    /// Every page is offered: the files of the index.
    pub fn finish(self) -> Result<Vec<OutputFile>, Diagnostic> {
        let _ = self.queue.send(Offered::Done);
        drop(self.queue);
        match self.thread.join() {
            Ok(built) => built,
            Err(_) => Err(failed(&"the index thread stopped")),
        }
    }
}

/// The index thread: pages into Pagefind by entry number; the index when
/// told every page is offered (nothing when the build stopped before).
fn read_in_order(
    mut writer: Writer,
    pages: std::sync::mpsc::Receiver<Offered>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    for offered in pages {
        match offered {
            Offered::Page(i, path, html) => {
                waiting.insert(i, (path, html));
                while let Some((path, html)) = waiting.remove(&next) {
                    writer.add(path, html)?;
                    next += 1;
                }
            }
            Offered::Done => {
                // (Entries that were not offered, if any, leave gaps.)
                for (path, html) in std::mem::take(&mut waiting).into_values() {
                    writer.add(path, html)?;
                }
                return writer.finish();
            }
        }
    }
    Ok(Vec::new())
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
}
