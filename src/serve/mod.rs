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

pub mod session;

pub mod cms;
pub mod http;
pub mod overlay;
pub mod search;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::http::HeaderValue;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::base::diagnostic::{Diagnostic, Lang, Report};
use crate::pipeline::Options;
use crate::serve::session::{Outcome, Session, SiteFiles};

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

/// How long a connection may sit without a request before it is closed: a
/// browser sends its request at once, so only a stuck or hostile client waits
/// this long, and each one holds a file descriptor while it does.
pub const IDLE: Duration = Duration::from_secs(30);

/// Overrides [`IDLE`] with a whole number of seconds (greater than 0), so
/// tests need not wait half a minute. Not a user setting.
const IDLE_ENV: &str = "PEJL_SERVE_IDLE_SECS";

/// Host names to answer besides localhost and this computer's own name,
/// separated by commas or spaces (`PEJL_ALLOW_HOST=preview.lan`).
pub const ALLOW_HOST_ENV: &str = "PEJL_ALLOW_HOST";

/// How `pejl serve` was asked to run.
#[derive(Clone)]
pub struct ServeOptions {
    pub options: Options,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// A port the user asked for (then it must be free), or `None` for the default.
    pub port: Option<u16>,
    pub open: bool,
    /// The language of messages; the site's when `None`.
    pub lang: Option<Lang>,
    /// How long a connection may wait without a request (see [`IDLE`]).
    pub idle: Duration,
    /// Where messages for the person at the terminal go, a line at a time
    /// (the binary prints them; by default they are dropped).
    pub say: Say,
    /// Colour the reports' source lines (the binary says whether its
    /// terminal shows colour).
    pub color: bool,
    /// Host names the preview answers besides its own (`--allow-host`), as
    /// [`ALLOW_HOST_ENV`] gives them too.
    pub allow_hosts: Vec<String>,
}

/// A sink for the preview's messages, a line (or a rendered report) at a time.
pub type Say = Arc<dyn Fn(&str) + Send + Sync>;

impl std::fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeOptions")
            .field("options", &self.options)
            .field("bind", &self.bind)
            .field("port", &self.port)
            .field("open", &self.open)
            .field("lang", &self.lang)
            .field("idle", &self.idle)
            .field("color", &self.color)
            .finish_non_exhaustive()
    }
}

impl ServeOptions {
    pub fn new(options: Options) -> Self {
        ServeOptions {
            options,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
            open: false,
            lang: None,
            idle: IDLE,
            say: Arc::new(|_: &str| {}),
            color: false,
            allow_hosts: Vec::new(),
        }
    }
}

/// The site being served: what the HTTP side and the rebuild loop share.
pub struct Served {
    /// The site's path on the server, with a slash at both ends, decoded
    /// (`/strategi-æ/`): request paths are decoded before they are compared.
    pub prefix: String,
    /// The same path as it is written in a URL (`/strategi-%C3%A6/`).
    pub prefix_url: String,
    /// The served site and its build number.
    site: RwLock<(Arc<SiteFiles>, u64)>,
    status: RwLock<Arc<str>>,
    pub events: broadcast::Sender<Arc<str>>,
    hosts: Hosts,
    lang: Lang,
    /// The files of the first build so far, while it runs; `None` after.
    first: Mutex<Option<HashMap<String, Arc<[u8]>>>>,
    /// Woken whenever `first` gains a file or the first build ends.
    first_changed: tokio::sync::Notify,
    /// Where the browser editor may save (`cms`): only when the preview
    /// listens on loopback, so no other computer can write to this one.
    pub editor: Option<cms::Folders>,
    /// The search index of the served site, built in the background.
    pub search: Arc<search::SearchIndex>,
}

impl Served {
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

    /// Whether a request with this `Host` header is answered (see [`Hosts`]).
    /// A request without one (HTTP/1.0, never a browser) is answered.
    pub fn host_allowed(&self, host: Option<&HeaderValue>) -> bool {
        match host {
            None => true,
            Some(host) => host.to_str().is_ok_and(|h| self.hosts.allows(h)),
        }
    }

    /// The language of the preview's messages.
    pub fn lang(&self) -> Lang {
        self.lang
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

/// The host names the preview answers to. A web page on another site can
/// make its own name point at this computer (DNS rebinding) and then read
/// the preview as if it were its own; its requests still carry its own name
/// in `Host`, so requests naming anything else than an address of this
/// computer or a name the user chose are refused.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Listening on loopback only: IP addresses must be loopback ones too.
    loopback_only: bool,
    /// Names answered besides `localhost` and `*.localhost`, in lowercase.
    names: Vec<String>,
}

impl Hosts {
    /// For a preview listening on `bind`, answering the extra `names`.
    pub fn new(bind: IpAddr, names: Vec<String>) -> Self {
        Hosts {
            loopback_only: bind.is_loopback(),
            names: names
                .iter()
                .filter_map(|n| host_name(n.trim()))
                .map(normal_name)
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }

    /// A `Host` header's value, with or without its port.
    ///
    /// On loopback: a loopback IP address (any of 127.0.0.0/8, `[::1]`),
    /// `localhost`, `*.localhost` or one of the names. Beyond loopback also
    /// any IP address: a page cannot rebind an address, only a name, and the
    /// addresses a computer on the network may use for this one are many.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let name = normal_name(name);
        if let Ok(ip) = name.parse::<IpAddr>() {
            return !self.loopback_only || ip.to_canonical().is_loopback();
        }
        name == "localhost" || name.ends_with(".localhost") || self.names.contains(&name)
    }

    /// The names answered besides `localhost`, for the terminal.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// The host of a `Host` header (`name`, `name:port`, `[v6]`, `[v6]:port`):
/// the name, or the IPv6 address without brackets. `None` if malformed.
fn host_name(host: &str) -> Option<&str> {
    let is_port = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        return (after.is_empty() || after.strip_prefix(':').is_some_and(is_port)).then_some(ip);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if is_port(port) && !name.contains(':') => Some(name),
        Some(_) => None,
        None => Some(host),
    }
}

/// Lowercase, without the trailing dot of a fully qualified name.
fn normal_name(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// This computer's name and its `.local` name (mDNS), as other computers on
/// the network may call it; empty if it cannot be found.
fn this_computers_names() -> Vec<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| {
            std::process::Command::new("hostname")
                .stderr(std::process::Stdio::null())
                .output()
                .ok()
                .filter(|o| o.status.success())
                .and_then(|o| String::from_utf8(o.stdout).ok())
        })
        .unwrap_or_default();
    let name = normal_name(name.trim());
    let short = name.split('.').next().unwrap_or_default().to_string();
    if short.is_empty() || short == "localhost" {
        return Vec::new();
    }
    let mut names = vec![name.clone(), format!("{short}.local")];
    if short != name {
        names.push(short);
    }
    names
}

/// The names in `PEJL_ALLOW_HOST`.
fn allowed_names_from_env() -> Vec<String> {
    std::env::var(ALLOW_HOST_ENV)
        .unwrap_or_default()
        .split([',', ' '])
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// The idle timeout: `PEJL_SERVE_IDLE_SECS` if it is a whole number of
/// seconds greater than 0, otherwise `default`.
fn idle_from_env(default: Duration) -> Duration {
    std::env::var(IDLE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&secs| secs > 0)
        .map_or(default, Duration::from_secs)
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

/// Run the preview until Ctrl+C. Returns the exit code. Everything meant for
/// the person at the terminal goes to `serve.say`; the library prints nothing.
pub fn run(serve: ServeOptions) -> u8 {
    let options = serve.options.clone();
    let lang = serve
        .lang
        .unwrap_or_else(|| crate::pipeline::message_lang(&options.paths));
    let out = serve.say.clone();
    let (shared, mut publisher) = shared_state(&serve, lang);
    shared.search.start(serve.say.clone(), lang);
    let listener = match bind(serve.bind, serve.port, lang) {
        Ok(l) => l,
        Err(message) => {
            out(&message);
            return 2;
        }
    };
    let url = preview_url(listener.local_addr().ok(), &shared.prefix_url);
    if !serve.bind.is_loopback() {
        out(&beyond_loopback_warning(lang, shared.hosts.names()));
    }
    let stops = say(
        lang,
        "Forhåndsvisning (Ctrl+C stopper):",
        "Preview (Ctrl+C stops):",
    );
    out(&format!("{stops} {url}"));
    // Serving starts now; the first build's pages are offered as they come.
    // Ctrl+C ends the preview at once, even in the middle of a build: the
    // preview writes nothing to disk, so there is nothing to finish.
    let server = start_server(
        listener,
        shared.clone(),
        idle_from_env(serve.idle),
        &serve,
        lang,
    );
    if serve.open
        && !url.is_empty()
        && let Err(e) = opener::open_browser(&url)
    {
        let could_not = say(
            lang,
            "Kunne ikke åbne en browser:",
            "Could not open a browser:",
        );
        out(&format!("{could_not} {e}"));
    }
    // Watching starts before the first build, so no save is missed.
    let (tx, rx) = std::sync::mpsc::channel();
    let paths = watch::absolute(&options.paths);
    let watcher = match watch::start(&paths, tx) {
        Ok(w) => Some(w),
        Err(e) => {
            let warning = say(
                lang,
                "Advarsel: ændringer kan ikke følges, siden opdateres ikke af sig selv:",
                "Warning: changes cannot be watched; the site will not update by itself:",
            );
            out(&format!("{warning} {e}"));
            None
        }
    };
    let mut terminal = Terminal::new(lang, &options.paths.root, out.clone(), serve.color);
    let session = first_build(&options, &shared, &mut publisher, &mut terminal);
    let rebuilds = Rebuilds {
        session,
        publisher,
        terminal,
        watcher,
        paths,
        out,
        lang,
    };
    std::thread::spawn(move || rebuilds.run(&rx));
    // The server thread ends when Ctrl+C is pressed or the server fails.
    server.join().unwrap_or(1)
}

/// What the HTTP side and the rebuild loop share, and the publisher of
/// rebuilt sites to it.
fn shared_state(serve: &ServeOptions, lang: Lang) -> (Arc<Served>, Publisher) {
    let options = &serve.options;
    let prefix = site_prefix(first_base_url(options).as_deref());
    let prefix_url = url_path(&prefix);
    // This computer's name matters only to other computers.
    let mut names = allowed_names_from_env();
    names.extend(
        serve
            .allow_hosts
            .iter()
            .map(|n| n.trim().to_ascii_lowercase()),
    );
    if !serve.bind.is_loopback() {
        names.extend(this_computers_names());
    }
    let hosts = Hosts::new(serve.bind, names);
    let server_id = u64::from(std::process::id()) << 32
        | u64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos()),
        );
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Served {
        prefix,
        prefix_url,
        site: RwLock::new((Arc::default(), 0)),
        status: RwLock::new(Arc::from(NO_BUILD_YET)),
        events,
        hosts,
        lang,
        first: Mutex::new(Some(HashMap::new())),
        first_changed: tokio::sync::Notify::new(),
        editor: serve
            .bind
            .is_loopback()
            .then(|| cms::Folders::of(&watch::absolute(&options.paths))),
        search: Arc::default(),
    });
    let publisher = Publisher {
        shared: shared.clone(),
        server_id,
        build: 0,
        root: options.paths.root.clone(),
        lang,
    };
    (shared, publisher)
}

/// The preview's address as a URL (percent-encoded), so it works wherever
/// it is pasted.
fn preview_url(addr: Option<SocketAddr>, prefix_url: &str) -> String {
    match addr {
        Some(SocketAddr::V6(a)) => format!("http://[{}]:{}{prefix_url}", a.ip(), a.port()),
        Some(a) => format!("http://{}:{}{prefix_url}", a.ip(), a.port()),
        None => String::new(),
    }
}

/// Serve HTTP on a thread of its own; its result is the exit code.
fn start_server(
    listener: TcpListener,
    shared: Arc<Served>,
    idle: Duration,
    serve: &ServeOptions,
    lang: Lang,
) -> std::thread::JoinHandle<u8> {
    let out = serve.say.clone();
    std::thread::spawn(move || match serve_http(listener, shared, idle) {
        Ok(()) => 0,
        Err(e) => {
            let stopped = say(lang, "Serveren stoppede:", "The server stopped:");
            out(&format!("{stopped} {e}"));
            1
        }
    })
}

/// The first build, its pages offered to the server as they are rendered.
fn first_build(
    options: &Options,
    shared: &Arc<Served>,
    publisher: &mut Publisher,
    terminal: &mut Terminal,
) -> Session {
    // Absolute paths: the watcher reports absolute paths, and the session
    // compares them with the files it found.
    let mut session = Session::new(Options {
        paths: watch::absolute(&options.paths),
        ..options.clone()
    });
    let started = Instant::now();
    session.show_early(Some({
        let shared = shared.clone();
        Arc::new(move |f: &crate::render::OutputFile| shared.offer(&f.path, &f.bytes))
    }));
    let first = session.rebuild(&Default::default());
    session.show_early(None);
    terminal.outcome(&first, started.elapsed(), true);
    publisher.outcome(&first, None);
    shared.first_done();
    search::after_build(&session, &first, &shared.search);
    session
}

/// The rebuild loop: each batch of saves rebuilt and published.
struct Rebuilds {
    session: Session,
    publisher: Publisher,
    terminal: Terminal,
    watcher: Option<Box<dyn notify::Watcher + Send>>,
    paths: crate::disk::load::Paths,
    out: Say,
    lang: Lang,
}

impl Rebuilds {
    fn run(mut self, rx: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>) {
        while let Some((batch, errors)) = watch::next_batch(rx, &self.paths, QUIET, LONGEST) {
            for e in errors {
                let warning = say(self.lang, "Advarsel fra overvågningen:", "Watcher warning:");
                (self.out)(&format!("{warning} {e}"));
            }
            self.rebuild(&batch);
        }
    }

    fn rebuild(&mut self, batch: &watch::Batch) {
        if batch.rescan {
            self.session = Session::new(self.session.options().clone());
        }
        if let Some(w) = self.watcher.as_mut()
            && batch
                .paths
                .iter()
                .any(|(p, _)| is_watch_root(&self.paths, p))
        {
            let _ = watch::watch_all(&self.paths, w.as_mut());
        }
        let started = Instant::now();
        // A preview left open past midnight shows what a build today would.
        if !self.session.options().fixed_today {
            self.session.set_today(chrono::Local::now().date_naive());
        }
        let touched = batch.touched();
        let structural = batch.structural || batch.rescan;
        let session = &mut self.session;
        let rebuilt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.rebuild_after(&touched, structural)
        }));
        let Ok(outcome) = rebuilt else {
            // A bug in pejl must not stop the preview: report it, start
            // from scratch, and keep serving the last good site.
            (self.out)(say(
                self.lang,
                "Intern fejl i pejl under genopbygningen; den seneste gode version vises stadig. Gem filen igen, og meld fejlen, hvis den kommer igen.",
                "Internal error in pejl while rebuilding; the last good version is still shown. Save again, and report the bug if it happens again.",
            ));
            self.session = Session::new(self.session.options().clone());
            return;
        };
        let old = self.publisher.shared.site();
        self.publisher.outcome(&outcome, Some(&old));
        self.terminal.outcome(&outcome, started.elapsed(), false);
        search::after_build(&self.session, &outcome, &self.publisher.shared.search);
    }
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

/// Said when the preview listens beyond this computer: who can reach it,
/// and which addresses it answers (the rest are refused, see [`Hosts`]).
fn beyond_loopback_warning(lang: Lang, names: &[String]) -> String {
    // "an IP address, localhost, laptop or laptop.local"
    let list = |ip: &str, or: &str| {
        let mut all: Vec<&str> = vec![ip, "localhost"];
        all.extend(names.iter().map(String::as_str));
        let last = all.pop().unwrap_or_default();
        format!("{} {or} {last}", all.join(", "))
    };
    match lang {
        Lang::Da => format!(
            "Advarsel: forhåndsvisningen kan nås fra andre computere på netværket (--bind). Brug den kun på et netværk, du stoler på.\n  Den svarer kun på adresser med {}; andre navne afvises som beskyttelse mod DNS-rebinding. Et andet navn kan tillades med --allow-host navn (eller {ALLOW_HOST_ENV}=navn).",
            list("en IP-adresse", "eller")
        ),
        Lang::En => format!(
            "Warning: the preview can be reached from other computers on the network (--bind). Use it only on a network you trust.\n  It answers only addresses with {}; other names are refused, as protection against DNS rebinding. Allow another name with --allow-host name (or {ALLOW_HOST_ENV}=name).",
            list("an IP address", "or")
        ),
    }
}

fn first_base_url(options: &Options) -> Option<String> {
    options.base_url.clone().or_else(|| {
        crate::disk::load::read_config(&options.paths)
            .ok()
            .and_then(|c| c.base_url)
    })
}

/// The path part of the base URL, with a slash at both ends: the site is
/// served there. Decoded (`/strategi-æ/` for `/strategi-%C3%A6/` too), as
/// request paths are decoded before they are compared with it.
pub fn site_prefix(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |p| p.into_owned());
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// What a path must have percent-encoded in a URL (and in a `Location`
/// header): controls, spaces, characters with a meaning in a URL or in
/// HTML, and (by `utf8_percent_encode` itself) everything beyond ASCII.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// A decoded path as it is written in a URL: `/strategi-æ/` → `/strategi-%C3%A6/`.
pub fn url_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

fn is_watch_root(paths: &crate::disk::load::Paths, p: &Path) -> bool {
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

fn serve_http(listener: TcpListener, shared: Arc<Served>, idle: Duration) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = http::Listener::new(tokio::net::TcpListener::from_std(listener)?, idle);
        let app = axum::Router::new()
            .fallback(http::handle)
            .with_state(shared)
            .into_make_service_with_connect_info::<http::Conn>();
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
    shared: Arc<Served>,
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
    out: Say,
    color: bool,
}

impl Terminal {
    fn new(lang: Lang, root: &Path, out: Say, color: bool) -> Self {
        Terminal {
            lang,
            root: root.to_path_buf(),
            last: None,
            out,
            color,
        }
    }

    fn outcome(&mut self, outcome: &Outcome, took: Duration, first: bool) {
        let report: &Report = &outcome.report;
        let same = self.last.as_ref() == Some(&report.diagnostics);
        if !same && !report.diagnostics.is_empty() {
            let rendered = report.render(&self.root, self.color, self.lang);
            (self.out)(rendered.trim_end_matches('\n'));
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
        (self.out)(&line);
        if std::env::var_os("PEJL_TIMINGS").is_some() {
            (self.out)(&format!(
                "  {}",
                crate::pipeline::format_timings(&outcome.timings)
            ));
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
        for bind in ["127.0.0.1", "127.0.0.2", "127.1.2.3", "::1"] {
            let hosts = Hosts::new(bind.parse().unwrap(), vec!["pejl.test".into()]);
            for ok in [
                "127.0.0.1:4800",
                "127.0.0.2:4800",
                "127.8.9.10",
                "localhost:4800",
                "LOCALHOST.:4800",
                "portal.localhost:4800",
                "[::1]:4800",
                "[::1]",
                "[::ffff:127.0.0.2]:4800",
                "pejl.test:4800",
            ] {
                assert!(hosts.allows(ok), "{ok} on {bind}");
            }
            for refused in [
                "evil.example:4800",
                "127.0.0.1.evil.example",
                "localhost.evil.example",
                "198.51.100.7:4800",
                "[2001:db8::1]:4800",
                "0.0.0.0:4800",
                "::1",
                "localhost:x",
                "[::1]x",
                "",
            ] {
                assert!(!hosts.allows(refused), "{refused} on {bind}");
            }
        }
    }

    #[test]
    fn beyond_loopback_addresses_and_chosen_names_are_answered() {
        let hosts = Hosts::new(
            "0.0.0.0".parse().unwrap(),
            vec!["Laptop".into(), "preview.lan:4800".into()],
        );
        for ok in [
            "0.0.0.0:4800",
            "198.51.100.7:4800",
            "[2001:db8::1]:4800",
            "127.0.0.1",
            "localhost:4800",
            "laptop:4800",
            "preview.lan",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example:4800",
            "laptop.evil.example",
            "preview.lan.evil",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
    }

    #[test]
    fn the_warning_beyond_loopback_says_what_is_answered() {
        let names = ["laptop".to_string(), "laptop.local".to_string()];
        let en = beyond_loopback_warning(Lang::En, &names);
        assert!(
            en.contains("only addresses with an IP address, localhost, laptop or laptop.local;"),
            "{en}"
        );
        let da = beyond_loopback_warning(Lang::Da, &[]);
        assert!(
            da.contains("adresser med en IP-adresse eller localhost;")
                && da.contains("PEJL_ALLOW_HOST=navn"),
            "{da}"
        );
    }

    #[test]
    fn a_non_ascii_prefix_is_decoded_and_encoded_again_for_urls() {
        for base in [
            "https://x.dk/strategi-æ/",
            "https://x.dk/strategi-%C3%A6/",
            "https://x.dk/strategi-%c3%a6",
        ] {
            assert_eq!(site_prefix(Some(base)), "/strategi-æ/", "{base}");
        }
        assert_eq!(url_path("/strategi-æ/"), "/strategi-%C3%A6/");
        assert_eq!(url_path("/a b/50%/\"<x>\"/"), "/a%20b/50%25/%22%3Cx%3E%22/");
        assert_eq!(url_path("/strategier/"), "/strategier/");
    }
}
