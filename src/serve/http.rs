//! The preview's HTTP side: which request gets which bytes.
//!
//! Owns the mapping from a request path to a file of the built site, and the
//! refusals that keep the preview from serving anything else. Files are looked
//! up in the in-memory site only: there is no path on disk to escape to, and a
//! request that even tries (`..`, encoded or not, backslashes, absolute paths,
//! NUL bytes) is refused with 400 before the lookup. Paths are compared
//! decoded, so `/strategi-%C3%A6/` and `/strategi-æ/` name the same folder,
//! for pages and for the live-reload script and channel alike.
//!
//! Also owns the connections: one that sends no request within the idle
//! time is closed (see [`Listener`]), so clients that connect and wait
//! cannot use up the preview's file descriptors.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{ALLOW_HOST_ENV, Served, url_path};
use crate::base::diagnostic::Lang;

/// Where the live-reload script and its event stream live, under the site's prefix.
pub const LIVE_JS: &str = "__pejl/live.js";
pub const EVENTS: &str = "__pejl/events";
/// Every served path with the BLAKE3 hash of its bytes, as JSON (for tools and tests).
pub const FILES: &str = "__pejl/files";

const LIVE_SCRIPT: &str = include_str!("live.js");

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path in the output.
    File(String),
    /// Outside the site's prefix.
    Outside,
}

/// Why a path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a valid percent-encoded UTF-8 path.
    Malformed,
    /// It tries to leave the site: `..`, `\`, an absolute or drive path.
    Traversal,
}

/// Map a raw request path (still percent-encoded) to a file of the site.
/// `prefix` is the site's path, with a slash at both ends (`/` or `/strategi/`).
pub fn resolve(raw: &str, prefix: &str) -> Result<Target, Refusal> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refusal::Malformed)?;
    if decoded.contains(['\\', '\0'])
        || decoded.contains("//")
        || decoded.chars().any(char::is_control)
    {
        return Err(Refusal::Traversal);
    }
    if decoded
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains(':'))
    {
        return Err(Refusal::Traversal);
    }
    // The prefix is matched on the decoded path, so `/strategi%2F..` cannot hide.
    let Some(rest) = decoded.strip_prefix(prefix) else {
        return Ok(Target::Outside);
    };
    if rest.is_empty() || rest.ends_with('/') {
        return Ok(Target::File(format!("{rest}index.html")));
    }
    Ok(Target::File(rest.to_string()))
}

/// The `Content-Type` of a file, with `charset=utf-8` for text.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg" | "rss+xml" | "atom+xml"
        )
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// The one handler: every request comes here.
pub async fn handle(State(shared): State<Arc<Served>>, req: Request) -> Response {
    // While a request is answered (and for as long as a live-reload stream
    // is open) its connection is not idle.
    let busy = req
        .extensions()
        .get::<ConnectInfo<Conn>>()
        .map(|ConnectInfo(conn)| conn.busy());
    if req.method() == Method::POST && is_editor_api(req.uri().path(), &shared.prefix) {
        if !shared.host_allowed(req.headers().get(header::HOST)) {
            return plain(StatusCode::FORBIDDEN, "Refused host.\n");
        }
        return super::cms::api(shared, req).await;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "Only GET and HEAD.\n");
    }
    if !shared.host_allowed(req.headers().get(header::HOST)) {
        let text = match shared.lang() {
            Lang::Da => format!(
                "Forhåndsvisningen svarer kun på denne computers egne adresser: dens IP-adresser, localhost eller et navn, der er tilladt med --allow-host navn (eller {ALLOW_HOST_ENV}=navn), da pejl serve blev startet.\n"
            ),
            Lang::En => format!(
                "This preview answers only requests for this computer's own addresses: its IP addresses, localhost, or a name allowed with --allow-host name (or {ALLOW_HOST_ENV}=name) when pejl serve was started.\n"
            ),
        };
        return file_response(StatusCode::FORBIDDEN, "a.txt", Bytes::from(text));
    }
    let raw = req.uri().path();
    let prefix = shared.prefix.as_str();
    let target = resolve(raw, prefix);
    if let Ok(Target::File(path)) = &target {
        if let Some((name, bytes)) = super::cms::decap_file(path) {
            return file_response(StatusCode::OK, name, bytes);
        }
        match path.as_str() {
            EVENTS => return events(shared, busy).await.into_response(),
            FILES => {
                shared.first_build_done().await;
                let (site, build) = shared.versioned_site();
                let files: std::collections::BTreeMap<&str, String> = site
                    .iter()
                    .map(|(p, b)| (p.as_str(), blake3::hash(b).to_hex().to_string()))
                    .collect();
                let json = serde_json::json!({ "build": build, "files": files }).to_string();
                return file_response(StatusCode::OK, "files.json", Bytes::from(json));
            }
            LIVE_JS => {
                return file_response(
                    StatusCode::OK,
                    "live.js",
                    Bytes::from_static(LIVE_SCRIPT.as_bytes()),
                );
            }
            _ => {}
        }
    }
    match target {
        Err(Refusal::Malformed) => plain(StatusCode::BAD_REQUEST, "Malformed path.\n"),
        Err(Refusal::Traversal) => plain(
            StatusCode::BAD_REQUEST,
            "This path tries to leave the site; it is refused.\n",
        ),
        Ok(Target::Outside) if raw == "/" => redirect(&shared.prefix_url),
        Ok(Target::Outside) => not_found(&shared),
        Ok(Target::File(path)) => {
            // During the first build: the page as soon as it is rendered.
            if let Some(bytes) = shared.first_build_file(&path).await {
                // (numbered as the first build will be when it is published)
                return page(&shared, 1, StatusCode::OK, &path, bytes);
            }
            let (site, build) = shared.versioned_site();
            match site.get(&path) {
                Some(bytes) => page(&shared, build, StatusCode::OK, &path, bytes.clone()),
                None if site.contains_key(&format!("{path}/index.html")) => {
                    // Written as a URL: the raw path may have come unencoded.
                    redirect(&format!("{}{}/", shared.prefix_url, url_path(&path)))
                }
                None => match shared.search.file(&path) {
                    Some(bytes) => page(&shared, build, StatusCode::OK, &path, bytes),
                    None => not_found(&shared),
                },
            }
        }
    }
}

/// `…/admin/api/v1` below the site's prefix.
fn is_editor_api(raw: &str, prefix: &str) -> bool {
    raw.strip_prefix(prefix) == Some(crate::render::cms::LOCAL_API)
}

fn not_found(shared: &Served) -> Response {
    let (site, build) = shared.versioned_site();
    match site.get("404.html") {
        Some(bytes) => page(
            shared,
            build,
            StatusCode::NOT_FOUND,
            "404.html",
            bytes.clone(),
        ),
        // Nothing has built yet: a blank page that shows the errors and
        // reloads by itself once the site builds.
        None if site.is_empty() => page(
            shared,
            build,
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            Arc::from(shared.placeholder().as_bytes()),
        ),
        None => plain(StatusCode::NOT_FOUND, "Not found.\n"),
    }
}

/// A file of the site; HTML pages get the live-reload script.
fn page(shared: &Served, build: u64, status: StatusCode, path: &str, bytes: Arc<[u8]>) -> Response {
    // The editor is not reloaded by a save: it would lose what is typed.
    if !path.ends_with(".html") || path.starts_with("admin/") {
        return file_response(status, path, Bytes::from_owner(bytes));
    }
    // The prefix comes from the site's base_url; keep it inside the attribute.
    // `src` is a URL (percent-encoded); `data-prefix` is the decoded path the
    // script compares decoded page paths with.
    let attribute = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let src = attribute(&shared.prefix_url);
    let prefix = attribute(&shared.prefix);
    let tag = format!(
        "<script src=\"{src}{LIVE_JS}\" data-prefix=\"{prefix}\" data-build=\"{build}\" defer></script>"
    );
    let html = String::from_utf8_lossy(&bytes);
    let injected = match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    };
    file_response(status, path, Bytes::from(injected))
}

fn file_response(status: StatusCode, path: &str, body: Bytes) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type(path)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, cache_control(path));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// Hashed assets never change under their name, so a reload need not fetch
/// them again; everything else is checked on every load.
fn cache_control(path: &str) -> HeaderValue {
    if path.starts_with("assets/") {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = file_response(status, "a.txt", Bytes::from_static(text.as_bytes()));
    *r.status_mut() = status;
    r
}

fn redirect(to: &str) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The live-reload channel: the current state at once, then every rebuild.
/// `busy` is held for as long as the stream is open: an open page's
/// connection is never idle, however long it waits for a change.
async fn events(
    shared: Arc<Served>,
    busy: Option<Busy>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so no build falls in between;
    // before the first build there is no state to send yet.
    let later = BroadcastStream::new(shared.events.subscribe());
    let first =
        tokio_stream::iter(Some(shared.status_message()).filter(|m| &**m != super::NO_BUILD_YET));
    let later = later.map(move |m| {
        let _open = &busy;
        match m {
            Ok(message) => message,
            // Fell behind: tell the page to load afresh rather than miss a change.
            Err(_) => Arc::from(r#"{"lagged":true}"#),
        }
    });
    let stream = first.chain(later).map(|m| Ok(Event::default().data(&*m)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Accepts connections for [`axum::serve()`], each wrapped in an [`IdleIo`].
pub struct Listener {
    inner: tokio::net::TcpListener,
    idle: Duration,
}

impl Listener {
    /// Connections that send no request for `idle` are closed.
    pub fn new(inner: tokio::net::TcpListener, idle: Duration) -> Self {
        Listener { inner, idle }
    }
}

impl axum::serve::Listener for Listener {
    type Io = IdleIo;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (IdleIo, std::net::SocketAddr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        (IdleIo::new(stream, self.idle), addr)
    }

    fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.inner.local_addr()
    }
}

/// One connection's state, shared by its [`IdleIo`] and the handler (which
/// finds it in the request's `ConnectInfo`).
#[derive(Clone)]
pub struct Conn(Arc<Mutex<ConnState>>);

struct ConnState {
    /// Requests being answered, and live-reload streams open.
    busy: usize,
    /// When `busy` last fell to 0 (or the connection was accepted).
    idle_since: Instant,
    /// The connection's task, parked on a read while it was busy.
    waker: Option<Waker>,
}

impl Conn {
    fn new() -> Self {
        Conn(Arc::new(Mutex::new(ConnState {
            busy: 0,
            idle_since: Instant::now(),
            waker: None,
        })))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ConnState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The connection is answering a request until the guard is dropped.
    pub fn busy(&self) -> Busy {
        self.state().busy += 1;
        Busy(self.clone())
    }

    /// When the connection became idle; `None` while it is busy (then
    /// `waker` is woken when it becomes idle).
    fn idle_since(&self, waker: &Waker) -> Option<Instant> {
        let mut state = self.state();
        if state.busy > 0 {
            state.waker = Some(waker.clone());
            return None;
        }
        Some(state.idle_since)
    }
}

impl Connected<IncomingStream<'_, Listener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, Listener>) -> Self {
        stream.io().conn.clone()
    }
}

/// A request (or live-reload stream) in progress on a connection.
pub struct Busy(Conn);

impl Drop for Busy {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.busy = state.busy.saturating_sub(1);
        if state.busy == 0 {
            state.idle_since = Instant::now();
            // The idle clock starts now: let the connection's reader set it.
            if let Some(waker) = state.waker.take() {
                waker.wake();
            }
        }
    }
}

/// A connection that ends itself when no request comes: it fails a read
/// (so hyper closes it) once it has been idle — no request being answered,
/// no live-reload stream open, nothing written — for the idle time. The
/// time runs from the moment it became idle, not from the last byte read,
/// so a client that trickles a request head byte by byte is closed too.
/// A response being written keeps the connection alive while the client
/// reads it; a client that stops reading for the idle time is closed.
pub struct IdleIo {
    stream: tokio::net::TcpStream,
    conn: Conn,
    idle: Duration,
    last_write: Instant,
    timer: Pin<Box<tokio::time::Sleep>>,
}

impl IdleIo {
    fn new(stream: tokio::net::TcpStream, idle: Duration) -> Self {
        let now = Instant::now();
        IdleIo {
            stream,
            conn: Conn::new(),
            idle,
            last_write: now,
            timer: Box::pin(tokio::time::sleep_until(now + idle)),
        }
    }
}

impl AsyncRead for IdleIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Poll::Ready(read) = Pin::new(&mut this.stream).poll_read(cx, buf) {
            return Poll::Ready(read);
        }
        let Some(since) = this.conn.idle_since(cx.waker()) else {
            return Poll::Pending;
        };
        let deadline = since.max(this.last_write) + this.idle;
        if this.timer.deadline() != deadline {
            this.timer.as_mut().reset(deadline);
        }
        match this.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "no request within the idle time",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for IdleIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write(cx, buf);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            this.last_write = Instant::now();
        }
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            this.last_write = Instant::now();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Result<Target, Refusal> {
        Ok(Target::File(p.into()))
    }

    #[test]
    fn paths_map_to_files_with_index_html_for_folders() {
        assert_eq!(resolve("/", "/"), file("index.html"));
        assert_eq!(resolve("/maal/x/", "/"), file("maal/x/index.html"));
        assert_eq!(resolve("/assets/a.css", "/"), file("assets/a.css"));
        assert_eq!(resolve("/s%C3%A5/", "/"), file("så/index.html"));
        assert_eq!(
            resolve("/strategi/maal/", "/strategi/"),
            file("maal/index.html")
        );
        assert_eq!(resolve("/andet/", "/strategi/"), Ok(Target::Outside));
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for raw in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/..%5c..%5cetc%5cpasswd",
            "/a\\..\\b",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "/C:/Windows/win.ini",
            "/a/%00.html",
            "/strategi/../../etc/passwd",
            "/strategi%2F..%2F..%2Fetc/passwd",
            "/./index.html",
        ] {
            assert!(
                matches!(resolve(raw, "/strategi/"), Err(Refusal::Traversal)),
                "{raw} must be refused"
            );
            assert!(
                matches!(resolve(raw, "/"), Err(Refusal::Traversal)),
                "{raw} must be refused"
            );
        }
        assert_eq!(resolve("/%ff", "/"), Err(Refusal::Malformed));
    }

    #[test]
    fn text_gets_utf8_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/style.0a.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("x.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("plan.pdf"), "application/pdf");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
    }
}
