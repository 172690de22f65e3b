//! Watching the project: which saves matter, gathered into one batch per change.
//!
//! Owns the notify watcher, the classification of a changed path (content,
//! static file, theme, config, ignored) and the debounce that turns an editor's
//! burst of events (write a temp file, rename it over the old one, touch a swap
//! file) or a `git checkout` of a hundred files into one rebuild.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::disk::load::{Paths, is_ignored};

/// What a changed path is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Content,
    Static,
    Theme,
    Config,
    Ignored,
}

/// Sort a changed path into its class.
pub fn classify(paths: &Paths, path: &Path) -> Class {
    let names_ignored = |base: &Path| {
        path.strip_prefix(base).is_ok_and(|rel| {
            rel.components()
                .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
        })
    };
    if path.starts_with(&paths.content) {
        if names_ignored(&paths.content) {
            return Class::Ignored;
        }
        return if path.extension().is_some_and(|e| e == "md") {
            Class::Content
        } else {
            Class::Static
        };
    }
    if path == paths.root.join(crate::config::FILE_NAME) {
        return Class::Config;
    }
    for folder in THEME_FOLDERS {
        let base = paths.root.join(folder);
        if path.starts_with(&base) {
            return if names_ignored(&base) {
                Class::Ignored
            } else {
                Class::Theme
            };
        }
    }
    Class::Ignored
}

/// Folders of the project a theme is read from.
const THEME_FOLDERS: [&str; 3] = ["themes", "templates", "static"];

/// The project's folders as absolute paths, the form a watcher reports.
pub fn absolute(paths: &Paths) -> Paths {
    let abs = |p: &Path| {
        p.canonicalize().unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        })
    };
    Paths {
        root: abs(&paths.root),
        content: abs(&paths.content),
        output: abs(&paths.output),
    }
}

/// One debounced batch of changes.
#[derive(Debug, Default)]
pub struct Batch {
    /// Every path that changed and matters, and its class.
    pub paths: Vec<(PathBuf, Class)>,
    /// The watcher lost events (its queue overflowed): read everything again.
    pub rescan: bool,
    /// Files or folders may have appeared, gone or been renamed (anything but
    /// a plain write to an existing file): the content folder must be walked.
    pub structural: bool,
}

impl Batch {
    pub fn matters(&self) -> bool {
        self.rescan || !self.paths.is_empty()
    }

    pub fn touched(&self) -> HashSet<PathBuf> {
        self.paths.iter().map(|(p, _)| p.clone()).collect()
    }

    /// The classes in the batch, for the terminal.
    pub fn classes(&self) -> Vec<Class> {
        let mut c: Vec<Class> = self.paths.iter().map(|(_, c)| *c).collect();
        c.sort();
        c.dedup();
        c
    }
}

/// A watcher's message to the rebuild loop.
pub type Message = notify::Result<notify::Event>;

/// Start watching the project's content, theme folders and configuration.
/// The watcher runs until it is dropped.
pub fn start(paths: &Paths, tx: Sender<Message>) -> notify::Result<Box<dyn Watcher + Send>> {
    let mut watcher: Box<dyn Watcher + Send> = match notify::recommended_watcher(tx.clone()) {
        Ok(w) => Box::new(w),
        // No native watcher (an exotic file system): poll instead.
        Err(_) => Box::new(notify::PollWatcher::new(
            tx,
            notify::Config::default().with_poll_interval(Duration::from_millis(300)),
        )?),
    };
    watch_all(paths, watcher.as_mut())?;
    Ok(watcher)
}

/// (Re)watch every folder that exists. Called again when a folder appears.
pub fn watch_all(paths: &Paths, watcher: &mut dyn Watcher) -> notify::Result<()> {
    // The project folder itself, not recursively: it holds pejl.yaml, and it is
    // where content/, themes/ and the rest appear or disappear.
    watcher.watch(&paths.root, RecursiveMode::NonRecursive)?;
    if let Some(parent) = paths.content.parent()
        && !paths.content.starts_with(&paths.root)
        && parent.is_dir()
    {
        watcher.watch(parent, RecursiveMode::NonRecursive)?;
    }
    let folders = std::iter::once(paths.content.clone())
        .chain(THEME_FOLDERS.iter().map(|f| paths.root.join(f)));
    for folder in folders.filter(|f| f.is_dir()) {
        watcher.watch(&folder, RecursiveMode::Recursive)?;
    }
    Ok(())
}

/// Wait for the next change that matters, then gather everything that follows
/// it until the project has been quiet for `quiet` (or `longest` has passed).
///
/// A plain save (a file opened, written and closed in place) is known to be
/// complete when the watcher reports the close: once every file written in
/// the batch has been closed, and nothing was created, removed or renamed,
/// the batch waits only [`SETTLED`] for stragglers instead of `quiet`. Saves
/// that move files about (an editor's backup dance, a `git checkout`) and
/// watchers that do not report closes (polling) keep the full `quiet`.
/// `None` when the watcher is gone.
pub fn next_batch(
    rx: &Receiver<Message>,
    paths: &Paths,
    quiet: Duration,
    longest: Duration,
) -> Option<(Batch, Vec<String>)> {
    let mut batch = Batch::default();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut writes = Writes::default();
    let mut add = |m: Message, batch: &mut Batch, writes: &mut Writes| match m {
        Ok(event) => {
            if event.need_rescan() {
                batch.rescan = true;
            }
            let mattering = mattering(paths, event.paths);
            match writes.note(event.kind, &mattering) {
                Change::None => return,
                Change::Content => {}
                Change::Structure => batch.structural = true,
            }
            for (p, class) in mattering {
                if seen.insert(p.clone()) {
                    batch.paths.push((p, class));
                }
            }
        }
        Err(e) => errors.push(e.to_string()),
    };
    // Block until something that matters happens.
    while !batch.matters() {
        add(rx.recv().ok()?, &mut batch, &mut writes);
    }
    let started = Instant::now();
    loop {
        let left = longest.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        let wait = if writes.all_closed() { SETTLED } else { quiet };
        match rx.recv_timeout(wait.min(left)) {
            Ok(m) => add(m, &mut batch, &mut writes),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    errors.dedup();
    Some((batch, errors))
}

/// The paths of an event that matter to the site, each with its class.
fn mattering(paths: &Paths, event_paths: Vec<PathBuf>) -> Vec<(PathBuf, Class)> {
    event_paths
        .into_iter()
        .map(|p| {
            let class = classify(paths, &p);
            (p, class)
        })
        .filter(|(_, class)| *class != Class::Ignored)
        .collect()
}

/// How long a batch of plain saves, every file closed, waits for more events.
pub const SETTLED: Duration = Duration::from_millis(1);

/// The files a batch has seen written, and whether each has been closed.
#[derive(Debug, Default)]
struct Writes {
    open: HashSet<PathBuf>,
    /// A close after writing was reported (the watcher tells of closes).
    any_closed: bool,
    /// Something was created, removed or renamed.
    moved: bool,
}

/// What an event changes in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Nothing: a file was opened, read or closed.
    None,
    /// An existing file's contents or times.
    Content,
    /// Files or folders appeared, went or were renamed.
    Structure,
}

impl Writes {
    /// Note what an event of `kind` on `paths` (those that matter, from
    /// [`mattering`]: an editor keeps its swap file open) does to the files
    /// being written, and what it changes.
    fn note(&mut self, kind: notify::EventKind, paths: &[(PathBuf, Class)]) -> Change {
        use notify::EventKind as K;
        use notify::event::{AccessKind, AccessMode, ModifyKind as M};
        match kind {
            K::Access(AccessKind::Close(AccessMode::Write)) => {
                for (p, _) in paths {
                    self.open.remove(p);
                }
                self.any_closed = true;
                Change::None
            }
            K::Access(_) => Change::None,
            K::Modify(M::Data(_)) => {
                self.open.extend(paths.iter().map(|(p, _)| p.clone()));
                Change::Content
            }
            K::Modify(M::Metadata(_)) => Change::Content,
            // A new file makes the rebuild walk the folder, where a file
            // still being copied in (not in this batch yet) would be read
            // half-written: such batches keep the full quiet.
            _ => {
                if !paths.is_empty() {
                    self.moved = true;
                }
                Change::Structure
            }
        }
    }

    /// Every write of the batch is finished and nothing moved.
    fn all_closed(&self) -> bool {
        self.any_closed && self.open.is_empty() && !self.moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Paths {
        Paths {
            root: "/p".into(),
            content: "/p/content".into(),
            output: "/p/public".into(),
        }
    }

    #[test]
    fn paths_are_classified() {
        let p = paths();
        let c = |s: &str| classify(&p, Path::new(s));
        assert_eq!(c("/p/content/maal/a.md"), Class::Content);
        assert_eq!(c("/p/content/billeder/a.png"), Class::Static);
        assert_eq!(c("/p/pejl.yaml"), Class::Config);
        assert_eq!(c("/p/themes/default/templates/goal.html"), Class::Theme);
        assert_eq!(c("/p/templates/goal.html"), Class::Theme);
        assert_eq!(c("/p/static/logo.svg"), Class::Theme);
        assert_eq!(c("/p/public/index.html"), Class::Ignored);
        assert_eq!(c("/p/README.md"), Class::Ignored);
        assert_eq!(c("/p/target/debug/x"), Class::Ignored);
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        let p = paths();
        let c = |s: &str| classify(&p, Path::new(s));
        for leftover in [
            "/p/content/maal/.a.md.swp",
            "/p/content/maal/a.md~",
            "/p/content/maal/.#a.md",
            "/p/content/maal/#a.md#",
            "/p/content/maal/4913",
            "/p/content/.git/index",
            "/p/content/maal/a.md.tmp",
            "/p/content/maal/a.md___jb_tmp___",
            "/p/templates/.goal.html.swp",
        ] {
            assert_eq!(c(leftover), Class::Ignored, "{leftover}");
        }
    }

    fn event(kind: notify::EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    /// Feed the events to a batch's `Writes`; whether the batch would settle at once.
    fn settles(events: &[notify::Event]) -> bool {
        let p = paths();
        let mut writes = Writes::default();
        for e in events {
            writes.note(e.kind, &mattering(&p, e.paths.clone()));
        }
        writes.all_closed()
    }

    use notify::EventKind as K;
    use notify::event::{
        AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode,
    };
    const WRITTEN: K = K::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSED: K = K::Access(AccessKind::Close(AccessMode::Write));

    #[test]
    fn a_save_in_place_is_complete_when_the_file_is_closed() {
        let opened = K::Access(AccessKind::Open(AccessMode::Any));
        let page = "/p/content/maal/a.md";
        assert!(!settles(&[event(opened, page), event(WRITTEN, page)]));
        assert!(settles(&[
            event(opened, page),
            event(WRITTEN, page),
            event(CLOSED, page)
        ]));
    }

    #[test]
    fn a_file_still_open_keeps_the_batch_waiting_unless_it_is_ignored() {
        let (a, b) = ("/p/content/maal/a.md", "/p/content/maal/b.md");
        assert!(!settles(&[
            event(WRITTEN, a),
            event(WRITTEN, b),
            event(CLOSED, a)
        ]));
        // vim keeps its swap file open while the page is saved.
        let swap = "/p/content/maal/.a.md.swp";
        assert!(settles(&[
            event(WRITTEN, swap),
            event(WRITTEN, a),
            event(CLOSED, a)
        ]));
    }

    #[test]
    fn saves_that_move_files_and_watchers_without_closes_wait_the_full_quiet() {
        let page = "/p/content/maal/a.md";
        // vim's backup: the page is renamed away, written anew, the backup removed.
        assert!(!settles(&[
            event(K::Modify(ModifyKind::Name(RenameMode::From)), page),
            event(K::Create(CreateKind::File), page),
            event(WRITTEN, page),
            event(CLOSED, page),
        ]));
        assert!(!settles(&[
            event(K::Remove(RemoveKind::File), page),
            event(CLOSED, "/p/content/maal/b.md")
        ]));
        // A new page makes the rebuild walk the folder, where others may
        // still be arriving (a folder copied in).
        assert!(!settles(&[
            event(K::Create(CreateKind::File), page),
            event(WRITTEN, page),
            event(CLOSED, page)
        ]));
        // A polling watcher reports writes but never closes.
        assert!(!settles(&[event(WRITTEN, page)]));
    }
}
