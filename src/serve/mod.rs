//! `pejl serve`: a live preview that follows every save.
//!
//! Owns the preview's moving parts and how they meet:
//!
//! ```text
//! watch  (notify thread)  → Batch of classified paths, debounced
//! rebuild (own thread)    → Session::rebuild → new SiteFiles or a Report
//! publish                 → swap the served site, broadcast one JSON message
//! http   (tokio, axum)    → files from memory; live.js; /__pejl/events (SSE)
//! ```
//!
//! The server answers from the start: during the first build each page is
//! served the moment it is rendered (a request for one not rendered yet
//! waits for it), so the first page shows long before a large site is done.
//!
//! The served site is only ever replaced by a site that built without errors;
//! a failed build leaves the last good one in place and sends the overlay.

pub mod http;
pub mod overlay;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::http::HeaderValue;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Lang, Report};
use crate::pipeline::Options;
use crate::session::{Outcome, Session, SiteFiles};

/// A batch of changes ends after this long without another event. Short:
/// an editor's save is a burst of events within a millisecond, and a longer
/// burst (a `git checkout`) just means one more rebuild, never a wrong one.
const QUIET: Duration = Duration::from_millis(5);
/// …or after this long in all, so a steady stream of changes still shows.
const LONGEST: Duration = Duration::from_millis(300);

/// The live-reload state before the first build has been published.
const NO_BUILD_YET: &str = "{}";

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 4800;

/// How `pejl serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub options: Options,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// A port the user asked for (then it must be free), or `None` for the default.
    pub port: Option<u16>,
    pub open: bool,
    /// The language of messages; the site's when `None`.
    pub lang: Option<Lang>,
}

impl ServeOptions {
    pub fn new(options: Options) -> Self {
        ServeOptions {
            options,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
            open: false,
            lang: None,
        }
    }
}

/// What the HTTP side and the rebuild loop share.
pub struct Shared {
    /// The site's path on the server, with a slash at both ends.
    pub prefix: String,
    /// The served site and its build number.
    site: RwLock<(Arc<SiteFiles>, u64)>,
    status: RwLock<Arc<str>>,
    pub events: broadcast::Sender<Arc<str>>,
    loopback_only: bool,
    lang: Lang,
    /// The files of the first build so far, while it runs; `None` after.
    first: Mutex<Option<HashMap<String, Arc<[u8]>>>>,
    /// Woken whenever `first` gains a file or the first build ends.
    first_changed: tokio::sync::Notify,
}

impl Shared {
    /// A file of the first build is ready (called from the render threads).
    fn offer(&self, path: &str, bytes: &Arc<[u8]>) {
        if let Ok(mut first) = self.first.lock()
            && let Some(files) = first.as_mut()
        {
            files.insert(path.to_string(), bytes.clone());
        }
        self.first_changed.notify_waiters();
    }

    /// The first build is over: its outcome has been published.
    fn first_done(&self) {
        if let Ok(mut first) = self.first.lock() {
            *first = None;
        }
        self.first_changed.notify_waiters();
    }

    /// While the first build runs: the file at `path` as soon as it is
    /// rendered. `None` once the first build is over (look in the site).
    pub async fn first_build_file(&self, path: &str) -> Option<Arc<[u8]>> {
        self.watch_first(|files| match files {
            Some(files) => files.get(path).map(|bytes| Some(bytes.clone())),
            None => Some(None),
        })
        .await
    }

    /// Wait until the first build is over.
    pub async fn first_build_done(&self) {
        self.watch_first(|files| files.is_none().then_some(()))
            .await
    }

    /// Look at the first build's files (`None` once it is over) each time
    /// they change, until `look` finds what it waits for.
    async fn watch_first<T>(
        &self,
        look: impl Fn(Option<&HashMap<String, Arc<[u8]>>>) -> Option<T>,
    ) -> T {
        loop {
            // Listen before looking, so a change in between is not missed.
            let changed = self.first_changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let found = {
                let first = self.first.lock().ok();
                look(first.as_deref().and_then(Option::as_ref))
            };
            if let Some(found) = found {
                return found;
            }
            changed.await;
        }
    }

    /// The site being served: the last one that built without errors.
    pub fn site(&self) -> Arc<SiteFiles> {
        self.versioned_site().0
    }

    /// The served site with its build number (which pages carry, to notice
    /// a rebuild that happened between loading the page and connecting).
    pub fn versioned_site(&self) -> (Arc<SiteFiles>, u64) {
        self.site
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// The message a page gets when it connects: the current state.
    pub fn status_message(&self) -> Arc<str> {
        self.status
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// The page served while no build has succeeded yet.
    pub fn placeholder(&self) -> String {
        let (lang, title, text) = match self.lang {
            Lang::Da => (
                "da",
                "Siden er ikke bygget endnu",
                "Siden kan ikke bygges endnu. Fejlene står i terminalen og vises her, så snart siden har forbindelse. Siden opdaterer sig selv, når fejlene er rettet.",
            ),
            Lang::En => (
                "en",
                "The site is not built yet",
                "The site cannot be built yet. The errors are in the terminal and appear here once the page is connected. The page updates by itself when they are fixed.",
            ),
        };
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
        )
    }

    /// On loopback, only requests naming a loopback host are answered, so a
    /// web page elsewhere cannot read the preview through DNS rebinding.
    pub fn host_allowed(&self, host: Option<&HeaderValue>) -> bool {
        if !self.loopback_only {
            return true;
        }
        let Some(host) = host.and_then(|h| h.to_str().ok()) else {
            return true;
        };
        let name = match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        };
        matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name.ends_with(".localhost")
    }

    fn publish(&self, site: Option<(Arc<SiteFiles>, u64)>, message: String) {
        let message: Arc<str> = Arc::from(message);
        if let Some(site) = site
            && let Ok(mut s) = self.site.write()
        {
            *s = site;
        }
        if let Ok(mut s) = self.status.write() {
            *s = message.clone();
        }
        // No page listening is not an error.
        let _ = self.events.send(message);
    }
}

/// One message on the live-reload channel.
#[derive(Debug, Serialize)]
struct Message<'a> {
    /// Differs between two runs of `pejl serve`, so a page can tell a restart.
    server: u64,
    /// The version of the served site.
    build: u64,
    ok: bool,
    /// Pages that changed other than by a stylesheet's new name: reload them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reload: Vec<&'a str>,
    /// Every changed path (images and other files a page may show).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    changed: Vec<&'a str>,
    /// Stylesheets with a new name: swap them without a reload.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    css: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overlay: Option<overlay::Overlay>,
}

/// Run the preview until Ctrl+C. Returns the exit code.
pub fn run(serve: ServeOptions) -> u8 {
    let options = serve.options.clone();
    let lang = serve
        .lang
        .unwrap_or_else(|| crate::pipeline::message_lang(&options.paths));
    // Absolute paths: the watcher reports absolute paths, and the session
    // compares them with the files it found.
    let mut session = Session::new(Options {
        paths: watch::absolute(&options.paths),
        ..options.clone()
    });
    let prefix = site_prefix(first_base_url(&options).as_deref());
    let server_id = u64::from(std::process::id()) << 32
        | u64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos()),
        );
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        prefix,
        site: RwLock::new((Arc::default(), 0)),
        status: RwLock::new(Arc::from(NO_BUILD_YET)),
        events,
        loopback_only: serve.bind.is_loopback(),
        lang,
        first: Mutex::new(Some(HashMap::new())),
        first_changed: tokio::sync::Notify::new(),
    });
    let mut publisher = Publisher {
        shared: shared.clone(),
        server_id,
        build: 0,
        root: options.paths.root.clone(),
        lang,
    };

    let listener = match bind(serve.bind, serve.port, lang) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("{message}");
            return 2;
        }
    };
    let addr = listener.local_addr().ok();
    let url = match addr {
        Some(SocketAddr::V6(a)) => format!("http://[{}]:{}{}", a.ip(), a.port(), shared.prefix),
        Some(a) => format!("http://{}:{}{}", a.ip(), a.port(), shared.prefix),
        None => String::new(),
    };
    if !serve.bind.is_loopback() {
        eprintln!(
            "{}",
            say(
                lang,
                "Advarsel: forhåndsvisningen kan nås fra andre computere på netværket (--bind). Brug den kun på et netværk, du stoler på.",
                "Warning: the preview can be reached from other computers on the network (--bind). Use it only on a network you trust."
            )
        );
    }
    eprintln!(
        "{} {url}",
        say(
            lang,
            "Forhåndsvisning (Ctrl+C stopper):",
            "Preview (Ctrl+C stops):"
        )
    );
    // Serving starts now; the first build's pages are offered as they come.
    // Ctrl+C ends the preview at once, even in the middle of a build: the
    // preview writes nothing to disk, so there is nothing to finish.
    let server = {
        let shared = shared.clone();
        std::thread::spawn(move || {
            let code = match serve_http(listener, shared) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!(
                        "{} {e}",
                        say(lang, "Serveren stoppede:", "The server stopped:")
                    );
                    1
                }
            };
            std::process::exit(code)
        })
    };
    if serve.open
        && !url.is_empty()
        && let Err(e) = opener::open_browser(&url)
    {
        eprintln!(
            "{} {e}",
            say(
                lang,
                "Kunne ikke åbne en browser:",
                "Could not open a browser:"
            )
        );
    }

    // Watching starts before the first build, so no save is missed.
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = watch::absolute(&options.paths);
    let watcher = match watch::start(&paths, tx) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "{} {e}",
                say(
                    lang,
                    "Advarsel: ændringer kan ikke følges, siden opdateres ikke af sig selv:",
                    "Warning: changes cannot be watched; the site will not update by itself:"
                )
            );
            None
        }
    };
    let started = Instant::now();
    session.show_early(Some({
        let shared = shared.clone();
        Arc::new(move |f: &crate::render::OutputFile| shared.offer(&f.path, &f.bytes))
    }));
    let first = session.rebuild(&Default::default());
    session.show_early(None);
    let mut terminal = Terminal::new(lang, &options.paths.root);
    terminal.outcome(&first, started.elapsed(), true);
    publisher.outcome(&first, None);
    shared.first_done();

    std::thread::spawn(move || {
        let mut watcher = watcher;
        while let Some((batch, errors)) = watch::next_batch(&rx, &paths, QUIET, LONGEST) {
            for e in errors {
                eprintln!(
                    "{} {e}",
                    say(lang, "Advarsel fra overvågningen:", "Watcher warning:")
                );
            }
            if batch.rescan {
                session = Session::new(session.options().clone());
            }
            if let Some(w) = watcher.as_mut()
                && batch.paths.iter().any(|(p, _)| is_watch_root(&paths, p))
            {
                let _ = watch::watch_all(&paths, w.as_mut());
            }
            let started = Instant::now();
            // A preview left open past midnight shows what a build today would.
            if !session.options().fixed_today {
                session.set_today(chrono::Local::now().date_naive());
            }
            let touched = batch.touched();
            let structural = batch.structural || batch.rescan;
            let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                session.rebuild_after(&touched, structural)
            }));
            let outcome = match rebuilt {
                Ok(outcome) => outcome,
                Err(_) => {
                    // A bug in pejl must not stop the preview: report it, start
                    // from scratch, and keep serving the last good site.
                    eprintln!(
                        "{}",
                        say(
                            lang,
                            "Intern fejl i pejl under genopbygningen; den seneste gode version vises stadig. Gem filen igen, og meld fejlen, hvis den kommer igen.",
                            "Internal error in pejl while rebuilding; the last good version is still shown. Save again, and report the bug if it happens again."
                        )
                    );
                    session = Session::new(session.options().clone());
                    continue;
                }
            };
            let old = publisher.shared.site();
            publisher.outcome(&outcome, Some(&old));
            terminal.outcome(&outcome, started.elapsed(), false);
        }
    });

    // The server thread ends the process (Ctrl+C, or the server failing).
    let _ = server.join();
    1
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn say(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

fn first_base_url(options: &Options) -> Option<String> {
    options.base_url.clone().or_else(|| {
        crate::load::read_config(&options.paths)
            .ok()
            .and_then(|c| c.base_url)
    })
}

/// The path part of the base URL, with a slash at both ends: the site is served there.
pub fn site_prefix(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

fn is_watch_root(paths: &crate::load::Paths, p: &Path) -> bool {
    p == paths.content || p.parent() == Some(paths.root.as_path())
}

/// Listen on the asked port, or on the default one or the next free one.
fn bind(ip: IpAddr, port: Option<u16>, lang: Lang) -> Result<TcpListener, String> {
    if let Some(port) = port {
        return TcpListener::bind((ip, port)).map_err(|e| match lang {
            Lang::Da => format!("fejl: kan ikke lytte på {ip}:{port}: {e}\n  hjælp: vælg en anden port med --port, eller udelad --port, så finder pejl selv en ledig"),
            Lang::En => format!("error: cannot listen on {ip}:{port}: {e}\n  help: choose another port with --port, or leave --port out to let pejl find a free one"),
        });
    }
    (DEFAULT_PORT..DEFAULT_PORT + 20)
        .chain([0])
        .find_map(|p| TcpListener::bind((ip, p)).ok())
        .ok_or_else(|| match lang {
            Lang::Da => format!("fejl: kan ikke lytte på {ip}: ingen ledig port"),
            Lang::En => format!("error: cannot listen on {ip}: no free port"),
        })
}

fn serve_http(listener: TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = axum::Router::new()
            .fallback(http::handle)
            .with_state(shared);
        // Ctrl+C ends the preview at once: open live-reload streams never end
        // by themselves, so waiting for them (a graceful shutdown) would hang.
        tokio::select! {
            served = axum::serve(listener, app) => served,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// Turns rebuild outcomes into the served site and live-reload messages.
struct Publisher {
    shared: Arc<Shared>,
    server_id: u64,
    build: u64,
    root: std::path::PathBuf,
    lang: Lang,
}

impl Publisher {
    fn outcome(&mut self, outcome: &Outcome, old: Option<&SiteFiles>) {
        let Some(files) = &outcome.files else {
            let message = Message {
                server: self.server_id,
                build: self.build,
                ok: false,
                reload: Vec::new(),
                changed: Vec::new(),
                css: BTreeMap::new(),
                overlay: Some(overlay::overlay(&outcome.report, &self.root, self.lang)),
            };
            self.shared.publish(None, to_json(&message));
            return;
        };
        self.build += 1;
        let css = old.map(|o| renamed_assets(o, files)).unwrap_or_default();
        let reload: Vec<&str> = match old {
            Some(old) => outcome
                .changed
                .iter()
                .filter(|p| p.ends_with(".html") && !only_renames(old, files, p, &css))
                .map(String::as_str)
                .collect(),
            None => Vec::new(),
        };
        let message = Message {
            server: self.server_id,
            build: self.build,
            ok: true,
            reload,
            changed: outcome.changed.iter().map(String::as_str).collect(),
            css: css.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect(),
            overlay: None,
        };
        let json = to_json(&message);
        self.shared.publish(Some((files.clone(), self.build)), json);
        // A page connecting later needs only the state, not the changes.
        let status = Message {
            reload: Vec::new(),
            changed: Vec::new(),
            css: BTreeMap::new(),
            ..message
        };
        if let Ok(mut s) = self.shared.status.write() {
            *s = Arc::from(to_json(&status));
        }
    }
}

fn to_json(m: &Message) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
}

/// Assets whose content changed get a new hashed name: `old path → new path`.
fn renamed_assets(old: &SiteFiles, new: &SiteFiles) -> BTreeMap<String, String> {
    let stem = |p: &str| -> Option<(String, String)> {
        let rest = p.strip_prefix("assets/")?;
        let (base, ext) = rest.rsplit_once('.')?;
        let (name, _hash) = base.rsplit_once('.')?;
        Some((format!("{name}.{ext}"), p.to_string()))
    };
    let gone: BTreeMap<String, String> = old
        .keys()
        .filter(|p| !new.contains_key(*p))
        .filter_map(|p| stem(p))
        .collect();
    new.keys()
        .filter(|p| !old.contains_key(*p))
        .filter_map(|p| stem(p))
        .filter_map(|(name, new_path)| gone.get(&name).map(|old_path| (old_path.clone(), new_path)))
        .collect()
}

/// True when page `path` differs between the two sites only by renamed assets.
fn only_renames(
    old: &SiteFiles,
    new: &SiteFiles,
    path: &str,
    renames: &BTreeMap<String, String>,
) -> bool {
    let (Some(a), Some(b)) = (old.get(path), new.get(path)) else {
        return false;
    };
    if renames.is_empty() {
        return false;
    }
    let mut a = String::from_utf8_lossy(a).into_owned();
    for (from, to) in renames {
        a = a.replace(from.as_str(), to.as_str());
    }
    a.as_bytes() == &b[..]
}

/// The terminal side: one block per change, never the same errors twice in a row.
struct Terminal {
    lang: Lang,
    root: std::path::PathBuf,
    last: Option<Vec<Diagnostic>>,
}

impl Terminal {
    fn new(lang: Lang, root: &Path) -> Self {
        Terminal {
            lang,
            root: root.to_path_buf(),
            last: None,
        }
    }

    fn outcome(&mut self, outcome: &Outcome, took: Duration, first: bool) {
        let report: &Report = &outcome.report;
        let same = self.last.as_ref() == Some(&report.diagnostics);
        if !same && !report.diagnostics.is_empty() {
            use std::io::IsTerminal;
            eprint!(
                "{}",
                report.render(&self.root, std::io::stderr().is_terminal(), self.lang)
            );
        }
        let ms = took.as_millis();
        let summary = report.summary(self.lang);
        let line = match (&outcome.files, self.lang, first) {
            (None, Lang::Da, _) if same => {
                format!("Stadig de samme fejl ({summary}). Den seneste gode version vises.")
            }
            (None, Lang::En, _) if same => {
                format!("Still the same errors ({summary}). The last good version is shown.")
            }
            (None, Lang::Da, _) => format!(
                "Bygningen mislykkedes ({summary}). Den seneste gode version vises, og browseren viser fejlen."
            ),
            (None, Lang::En, _) => format!(
                "Build failed ({summary}). The last good version is shown, and the browser shows the error."
            ),
            (Some(f), Lang::Da, true) => {
                format!("Bygget {} filer på {ms} ms ({summary}).", f.len())
            }
            (Some(f), Lang::En, true) => format!("Built {} files in {ms} ms ({summary}).", f.len()),
            (Some(_), Lang::Da, false) => format!(
                "Opdateret på {ms} ms: {} ændret; {} læst, {} gengivet, {} genbrugt ({summary}).",
                count(outcome.changed.len(), "fil", "filer"),
                count(outcome.reparsed, "side", "sider"),
                outcome.rendered,
                outcome.reused
            ),
            (Some(_), Lang::En, false) => format!(
                "Updated in {ms} ms: {} changed; {} read, {} rendered, {} reused ({summary}).",
                count(outcome.changed.len(), "file", "files"),
                count(outcome.reparsed, "page", "pages"),
                outcome.rendered,
                outcome.reused
            ),
        };
        eprintln!("{line}");
        if std::env::var_os("PEJL_TIMINGS").is_some() {
            eprintln!("  {}", crate::pipeline::format_timings(&outcome.timings));
        }
        self.last = Some(report.diagnostics.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_the_base_urls_path() {
        assert_eq!(site_prefix(None), "/");
        assert_eq!(site_prefix(Some("https://strategi.ishoj.dk/")), "/");
        assert_eq!(site_prefix(Some("https://strategi.ishoj.dk")), "/");
        assert_eq!(site_prefix(Some("https://x.dk/strategier")), "/strategier/");
        assert_eq!(site_prefix(Some("https://x.dk/a/b/?q=1")), "/a/b/");
    }

    fn site(files: &[(&str, &str)]) -> SiteFiles {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), Arc::from(b.as_bytes())))
            .collect()
    }

    #[test]
    fn a_stylesheet_change_is_a_rename_not_a_page_change() {
        let old = site(&[
            ("assets/style.aaaa.css", "a{}"),
            ("index.html", "<link href=\"assets/style.aaaa.css\">Hej"),
            (
                "maal/index.html",
                "<link href=\"../assets/style.aaaa.css\">Mål",
            ),
        ]);
        let new = site(&[
            ("assets/style.bbbb.css", "b{}"),
            ("index.html", "<link href=\"assets/style.bbbb.css\">Hej"),
            (
                "maal/index.html",
                "<link href=\"../assets/style.bbbb.css\">Mål!",
            ),
        ]);
        let renames = renamed_assets(&old, &new);
        assert_eq!(
            renames.get("assets/style.aaaa.css").map(String::as_str),
            Some("assets/style.bbbb.css")
        );
        assert!(only_renames(&old, &new, "index.html", &renames));
        assert!(!only_renames(&old, &new, "maal/index.html", &renames));
    }

    #[test]
    fn only_loopback_host_names_are_answered_on_loopback() {
        let (events, _) = broadcast::channel(1);
        let shared = Shared {
            prefix: "/".into(),
            site: RwLock::new((Arc::default(), 0)),
            status: RwLock::new(Arc::from("{}")),
            events,
            loopback_only: true,
            lang: Lang::Da,
            first: Mutex::new(None),
            first_changed: tokio::sync::Notify::new(),
        };
        let ok = |h: &str| shared.host_allowed(Some(&HeaderValue::from_str(h).unwrap()));
        assert!(ok("127.0.0.1:4800"));
        assert!(ok("localhost:4800"));
        assert!(ok("[::1]:4800"));
        assert!(!ok("evil.example:4800"));
        assert!(!ok("127.0.0.1.evil.example"));
    }
}
