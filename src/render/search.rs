//! Full-text search that runs in the reader's browser on any static host:
//! the Pagefind index of every page, built in-process from the rendered HTML.
//!
//! Owns which pages are indexed (all but 404 and the search page itself), the
//! language the words are stemmed in (the site's), and where the index lives
//! (`pagefind/`). Templates mark what is indexed (`data-pagefind-body`), the
//! filters (kind, area) and the meta shown with a result.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::base::OutputFile;
use crate::base::diagnostic::{Diagnostic, Words};

/// The folder of the index and of Pagefind's search script.
pub const FOLDER: &str = crate::base::routes::SEARCH_INDEX;

/// Index the pages made from content (`pages`: their output paths) among
/// `files`; returns the files of the index. Generated overviews (the timeline,
/// the lists by status, area …) only repeat what the pages say, so they are
/// left out: a search finds the page itself, not every list that names it.
pub fn index(
    files: &[OutputFile],
    pages: &[String],
    language: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(crate::words!(
            "the search index could not be built: {e}",
            "søgeindekset kunne ikke bygges: {e}"
        ))
        .with_help(Words::new(
            "this is a fault in pejl, not in your content; please report it",
            "det er en fejl i pejl, ikke i jeres indhold; meld den gerne",
        ))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(&e))?;
    let wanted: std::collections::HashSet<&str> = pages.iter().map(String::as_str).collect();
    let pages: Vec<(String, String)> = files
        .par_iter()
        .filter(|f| wanted.contains(f.path.as_str()))
        .map(|f| (f.path.clone(), indexed_part(&f.bytes)))
        .collect();
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e))?;
        for (path, html) in pages {
            index
                .add_html_file(Some(path), None, html)
                .await
                .map_err(|e| failed(&e))?;
        }
        index.build_indexes().await.map_err(|e| failed(&e))?;
        let built = index.get_files().await.map_err(|e| failed(&e))?;
        Ok(built
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                OutputFile::new(format!("{FOLDER}/{name}"), f.contents)
            })
            .collect())
    })
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
