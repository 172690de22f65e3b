//! The preview's search index: Pagefind's files (`pagefind/…`) for the
//! served site, built on a thread of its own after the first build and after
//! each save, so the search page of the preview finds what was just written.
//!
//! Owns when the index is built (once the preview has had no new build for
//! 400 ms, at most 1.5 s after a build, so a burst of saves makes one index
//! between them; only the newest site is indexed) and which index is
//! served (the last one finished, until a newer one is ready; the one before
//! it too, so a page that loaded the last index's entry file still finds its
//! parts). Must not delay a rebuild: it runs beside the rebuild loop, in a
//! thread pool of one thread of its own, never in the pool pages render in,
//! and at a lower priority than they.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use super::session::{Outcome, Session, SiteFiles};
use crate::base::diagnostic::Lang;

/// How long the preview must go without a new build before the newest is
/// indexed: a run of saves makes one index, built between them.
const QUIET: Duration = Duration::from_millis(400);
/// The longest a build waits to be indexed while saves keep coming.
const LONGEST: Duration = Duration::from_millis(1500);

/// The files of one index, by their path in the site (`pagefind/…`).
type IndexFiles = HashMap<String, Arc<[u8]>>;

/// A site to index: its files, its pages made from content (in order) and
/// its language.
struct Job {
    files: Arc<SiteFiles>,
    pages: Vec<String>,
    language: String,
}

/// The index served beside the preview, and the newest site waiting for one.
#[derive(Default)]
pub struct SearchIndex {
    /// The newest index and the one before it.
    served: RwLock<(Arc<IndexFiles>, Arc<IndexFiles>)>,
    /// The newest site not yet indexed, and how many sites were offered.
    waiting: Mutex<(Option<Job>, u64)>,
    wake: Condvar,
}

impl SearchIndex {
    /// A file of the served index, if `path` is one.
    pub fn file(&self, path: &str) -> Option<Arc<[u8]>> {
        let served = self.served.read().ok()?;
        let (newest, before) = &*served;
        newest.get(path).or_else(|| before.get(path)).cloned()
    }

    /// Index this site next (replacing any site still waiting).
    pub fn index(&self, files: Arc<SiteFiles>, pages: Vec<String>, language: String) {
        if let Ok(mut waiting) = self.waiting.lock() {
            let job = Job {
                files,
                pages,
                language,
            };
            *waiting = (Some(job), waiting.1 + 1);
            self.wake.notify_one();
        }
    }

    /// The thread that builds the indexes; `say` tells the terminal of an
    /// index that could not be built. Runs as long as the preview.
    pub fn start(self: &Arc<Self>, say: super::Say, lang: Lang) {
        let this = self.clone();
        let _ = std::thread::Builder::new()
            .name("pejl-search-preview".into())
            .spawn(move || this.run(&say, lang));
    }

    fn run(&self, say: &super::Say, lang: Lang) {
        give_way();
        // Pagefind's own parallel steps stay on one thread of their own.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| give_way())
            .build();
        while let Some(job) = self.next_job() {
            let built = match &pool {
                Ok(pool) => pool.install(|| index_files(&job)),
                Err(_) => index_files(&job),
            };
            match built {
                Ok(files) => self.serve(files),
                Err(d) => say(d.message.get(lang)),
            }
        }
    }

    /// Wait for a site to index, then for [`QUIET`] without a newer one
    /// (at most [`LONGEST`]); the newest then.
    fn next_job(&self) -> Option<Job> {
        let mut waiting = self.waiting.lock().ok()?;
        while waiting.0.is_none() {
            waiting = self.wake.wait(waiting).ok()?;
        }
        let started = std::time::Instant::now();
        loop {
            let offered = waiting.1;
            waiting = self.wake.wait_timeout(waiting, QUIET).ok()?.0;
            if waiting.1 == offered || started.elapsed() >= LONGEST {
                return waiting.0.take();
            }
        }
    }

    fn serve(&self, files: IndexFiles) {
        if let Ok(mut served) = self.served.write() {
            let newest = std::mem::take(&mut served.0);
            *served = (Arc::new(files), newest);
        }
    }
}

/// The calling thread gives way to the rebuilds and the HTTP side when the
/// cores are busy (Linux: nice 10 for this thread only); elsewhere nothing.
fn give_way() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
}

fn index_files(job: &Job) -> Result<IndexFiles, crate::base::diagnostic::Diagnostic> {
    let pages = (job.pages.iter()).filter_map(|p| Some((p.as_str(), &job.files.get(p)?[..])));
    let index = crate::render::search::index(pages, &job.language)?;
    Ok(index.into_iter().map(|f| (f.path, f.bytes)).collect())
}

/// After a build of the preview: index it, if it succeeded and the site has
/// search.
pub fn after_build(session: &Session, outcome: &Outcome, index: &SearchIndex) {
    if let (Some(files), Some((pages, language))) = (&outcome.files, session.search_pages()) {
        index.index(files.clone(), pages, language);
    }
}
