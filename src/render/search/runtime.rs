//! Pagefind's browser side (its script, UI, worker and the WebAssembly that
//! stems a query in the site's language), exactly as Pagefind writes it
//! beside an index: Pagefind itself makes it, once per process and
//! language, by indexing one small page whose index is thrown away.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// Pagefind's browser files, and what pejl's index must agree with.
pub struct Runtime {
    /// Relative to the index's folder.
    pub files: Vec<(String, Arc<[u8]>)>,
    /// Pagefind's version, which its script checks the index against.
    pub version: String,
    /// Whether Pagefind stems this language in the browser
    /// (`wasm.<language>.pagefind`).
    pub stems: bool,
}

/// The browser files for `language` (made on first use).
pub fn for_language(language: &str) -> Result<Arc<Runtime>, String> {
    static MADE: OnceLock<Mutex<HashMap<String, Arc<Runtime>>>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    if let Some(r) = made.lock().ok().and_then(|m| m.get(language).cloned()) {
        return Ok(r);
    }
    let runtime = Arc::new(make(language)?);
    if let Ok(mut m) = made.lock() {
        m.insert(language.to_string(), runtime.clone());
    }
    Ok(runtime)
}

/// What pejl writes itself: the index, and the entry file that names it.
fn is_index(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["fragment/", "index/", "filter/"]
            .iter()
            .any(|d| name.starts_with(d))
}

fn make(language: &str) -> Result<Runtime, String> {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let config = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
    let page = "<html><body><main data-pagefind-body><p>pejl</p></main></body></html>";
    let added = index.add_html_file(Some("index.html".into()), None, page.into());
    tokio.block_on(added).map_err(|e| e.to_string())?;
    let built = tokio
        .block_on(index.get_files())
        .map_err(|e| e.to_string())?;
    let mut version = None;
    let mut files = Vec::new();
    for f in built {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            let entry: serde_json::Value =
                serde_json::from_slice(&f.contents).map_err(|e| e.to_string())?;
            version = entry["version"].as_str().map(str::to_string);
        }
        if !is_index(&name) {
            files.push((name, Arc::from(f.contents)));
        }
    }
    let wasm = format!("wasm.{language}.pagefind");
    Ok(Runtime {
        stems: files.iter().any(|(n, _)| *n == wasm),
        files,
        version: version.ok_or("Pagefind wrote no entry file")?,
    })
}
