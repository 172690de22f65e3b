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

use crate::load::{Paths, is_ignored};

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
    let mut add = |m: Message, batch: &mut Batch| match m {
        Ok(event) => {
            if event.need_rescan() {
                batch.rescan = true;
            }
            use notify::EventKind as K;
            use notify::event::ModifyKind as M;
            match event.kind {
                K::Access(_) => return,
                K::Modify(M::Data(_) | M::Metadata(_)) => {}
                _ => batch.structural = true,
            }
            for p in event.paths {
                let class = classify(paths, &p);
                if class != Class::Ignored && seen.insert(p.clone()) {
                    batch.paths.push((p, class));
                }
            }
        }
        Err(e) => errors.push(e.to_string()),
    };
    // Block until something that matters happens.
    while !batch.matters() {
        add(rx.recv().ok()?, &mut batch);
    }
    let started = Instant::now();
    loop {
        let left = longest.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(quiet.min(left)) {
            Ok(m) => add(m, &mut batch),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    errors.dedup();
    Some((batch, errors))
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
}
