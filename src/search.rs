//! Full-text search that runs in the reader's browser on any static host:
//! the Pagefind index of every page, built in-process from the rendered HTML.
//!
//! Owns which pages are indexed (all but 404 and the search page itself), the
//! language the words are stemmed in (the site's), and where the index lives
//! (`pagefind/`). Templates mark what is indexed (`data-pagefind-body`), the
//! filters (kind, area) and the meta shown with a result.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostic::{Diagnostic, Words};
use crate::render::OutputFile;

/// The folder of the index and of Pagefind's search script.
pub const FOLDER: &str = "pagefind";

/// Where the search page is (it lists every page A–Z for readers without JavaScript).
pub fn page_path(language: &str) -> String {
    if language == "en" {
        "search/index.html".into()
    } else {
        "soeg/index.html".into()
    }
}

/// Index every page among `files`; returns the files of the index.
pub fn index(files: &[OutputFile], language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
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
    let search_page = page_path(language);
    let pages: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html" && f.path != search_page)
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
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
