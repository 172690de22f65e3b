//! `pejl serve` where it used to fail, over real HTTP: a site whose base path
//! is not ASCII, other loopback addresses than 127.0.0.1, the Host check
//! beyond loopback, and clients that connect and send nothing.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/preview.rs"]
mod preview;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Site;
use preview::Preview;

/// A failure bound for what must happen eventually; never a speed requirement.
const PATIENCE: Duration = Duration::from_secs(30);

/// Open a live-reload channel with the path sent exactly as given: its status
/// and, if it is 200, the first message (a page gets the current state at once).
fn open_events(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0; 4096];
    loop {
        let n = s.read(&mut buf).expect("read the channel");
        assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&seen).into_owned();
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if status != 0 && status != 200 && text.contains("\r\n\r\n") {
            return (status, text);
        }
        if let Some(at) = text.find("data: ")
            && let Some(end) = text[at..].find('\n')
        {
            return (status, text[at + 6..at + end].to_string());
        }
    }
}

#[test]
fn a_base_path_beyond_ascii_serves_pages_live_js_and_events_in_both_spellings() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}base_url: \"https://www.example.dk/strategi-æ/\"\n"),
    );
    // Preview::start already opens the channel at the address pejl prints.
    let mut p = Preview::start(&site, &[]);
    assert_eq!(
        p.prefix, "/strategi-%C3%A6/",
        "the address is printed as a URL"
    );

    let root = p.get("/");
    assert_eq!(root.status, 307);
    assert_eq!(
        root.header("location").as_deref(),
        Some("/strategi-%C3%A6/")
    );

    // As browsers send it (encoded, either case), and as written (raw UTF-8).
    for prefix in ["/strategi-%C3%A6/", "/strategi-%c3%a6/", "/strategi-æ/"] {
        let home = p.get(prefix);
        assert_eq!(home.status, 200, "{prefix}");
        let text = home.text();
        assert!(
            text.contains(
                "<script src=\"/strategi-%C3%A6/__pejl/live.js\" data-prefix=\"/strategi-æ/\""
            ),
            "{prefix}: the script's URL is encoded, the prefix it compares with is not"
        );
        let om = p.get(&format!("{prefix}om/"));
        assert_eq!(om.status, 200, "{prefix}om/");

        let live = p.get(&format!("{prefix}__pejl/live.js"));
        assert_eq!(live.status, 200, "{prefix}__pejl/live.js");
        assert_eq!(
            live.header("content-type").as_deref(),
            Some("text/javascript; charset=utf-8")
        );
        assert!(live.text().contains("EventSource"));

        let (status, first) = open_events(&p.addr, &format!("{prefix}__pejl/events"));
        assert_eq!(status, 200, "{prefix}__pejl/events: {first}");
        let first: serde_json::Value = serde_json::from_str(&first).expect("a JSON message");
        assert_eq!(first["ok"], true, "{first}");

        let files = p.get(&format!("{prefix}__pejl/files"));
        assert_eq!(files.status, 200, "{prefix}__pejl/files");

        // A folder without its slash is redirected to a URL, however it came.
        let folder = p.get(&format!("{prefix}om"));
        assert_eq!(folder.status, 307, "{prefix}om");
        assert_eq!(
            folder.header("location").as_deref(),
            Some("/strategi-%C3%A6/om/")
        );
    }

    // Reload works: a channel opened with the raw spelling hears a rebuild.
    let raw = p.subscribe("/strategi-æ/__pejl/events");
    assert_eq!(raw.recv_timeout(PATIENCE).expect("state")["ok"], true);
    site.edit("content/om.md", "Tekst med", "Ændret tekst med");
    let m = p.next_build();
    assert_eq!(m["ok"], true, "{m}");
    let heard = raw.recv_timeout(PATIENCE).expect("the rebuild");
    assert_eq!(heard["build"], m["build"]);
    assert!(p.get("/strategi-æ/om/").text().contains("Ændret tekst"));
}

#[test]
fn any_loopback_address_can_be_bound_and_foreign_names_are_refused() {
    let site = Site::fixture("linked");
    let p = Preview::start(&site, &["--bind", "127.0.0.2"]);
    assert!(p.addr.starts_with("127.0.0.2:"), "{}", p.addr);
    assert_eq!(p.get("/").status, 200, "Host: {}", p.addr);
    let port = p.port;
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.2".to_string(),
    ] {
        assert_eq!(p.request("/", &host).status, 200, "Host: {host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.2.evil.example:{port}"),
        format!("0.0.0.0:{port}"),
    ] {
        let r = p.request("/", &host);
        assert_eq!(r.status, 403, "Host: {host}");
        assert!(r.text().contains("PEJL_ALLOW_HOST"), "says what to do");
    }
    assert_eq!(p.request("/__pejl/live.js", "evil.example").status, 403);
}

#[test]
fn ipv6_loopback_can_be_bound() {
    // Not every machine has IPv6 on loopback; there is nothing to test then.
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("no IPv6 loopback here: skipped");
        return;
    }
    let site = Site::fixture("linked");
    let p = Preview::start(&site, &["--bind", "::1"]);
    assert!(p.addr.starts_with("[::1]:"), "{}", p.addr);
    assert_eq!(p.get("/").status, 200);
    assert_eq!(p.request("/", "evil.example").status, 403);
}

#[test]
fn beyond_loopback_addresses_and_allowed_names_are_answered() {
    let site = Site::fixture("linked");
    let p = Preview::launch(
        &site,
        &["serve", "--port", "0", "--bind", "0.0.0.0"],
        &[("PEJL_ALLOW_HOST", "preview.lan, pejl.test")],
    );
    let log = p.wait_log("Advarsel");
    assert!(log.contains("andre computere på netværket"), "{log}");
    assert!(
        log.contains("IP-adresse")
            && log.contains("PEJL_ALLOW_HOST")
            && log.contains("preview.lan"),
        "the warning says what is answered and how to allow a name: {log}"
    );
    let port = p.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("0.0.0.0:{port}"),
        format!("[::1]:{port}"),
        format!("localhost:{port}"),
        format!("preview.lan:{port}"),
        "PEJL.TEST".to_string(),
    ] {
        assert_eq!(p.request("/", &host).status, 200, "Host: {host}");
    }
    for host in ["evil.example", "preview.lan.evil.example"] {
        assert_eq!(p.request("/", host).status, 403, "Host: {host}");
    }
}

#[test]
fn a_name_allowed_on_the_command_line_is_answered() {
    let site = Site::fixture("linked");
    let p = Preview::start(&site, &["--bind", "0.0.0.0", "--allow-host", "Preview.LAN"]);
    let port = p.port;
    assert_eq!(p.request("/", &format!("preview.lan:{port}")).status, 200);
    let refused = p.request("/", "evil.example");
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("--allow-host"), "says what to do");
}

/// Wait until the server closes `s` (end of stream or reset); panics after
/// `limit`. Returns what it sent before closing.
fn wait_for_close(mut s: TcpStream, limit: Duration) -> Vec<u8> {
    s.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return got,
            Err(e) => panic!("reading: {e}"),
        }
        assert!(
            start.elapsed() < limit,
            "the server kept an idle connection open for {limit:?}"
        );
    }
}

#[test]
fn idle_connections_are_closed_but_live_pages_are_not() {
    let site = Site::fixture("linked");
    // PEJL_SERVE_IDLE_SECS shortens the idle time (30 s) for this test.
    let mut p = Preview::launch(
        &site,
        &["serve", "--port", "0"],
        &[("PEJL_SERVE_IDLE_SECS", "5")],
    );
    // Preview::launch opened the live-reload channel, as an open page does.
    let opened = Instant::now();
    let limit = Duration::from_secs(20);

    // Sends nothing at all.
    let silent = TcpStream::connect(&p.addr).unwrap();
    // Sends half a request head and stops.
    let mut half = TcpStream::connect(&p.addr).unwrap();
    write!(half, "GET / HTTP/1.1\r\nHost: {}\r\n", p.addr).unwrap();
    // Gets an answer, keeps the connection, and sends no second request.
    let mut kept = TcpStream::connect(&p.addr).unwrap();
    write!(
        kept,
        "GET /__pejl/live.js HTTP/1.1\r\nHost: {}\r\n\r\n",
        p.addr
    )
    .unwrap();

    let silent = std::thread::spawn(move || wait_for_close(silent, limit));
    let half = std::thread::spawn(move || wait_for_close(half, limit));
    let kept = wait_for_close(kept, limit);
    assert!(
        String::from_utf8_lossy(&kept).starts_with("HTTP/1.1 200"),
        "the request was answered before the connection went idle"
    );
    assert!(silent.join().unwrap().is_empty());
    half.join().unwrap();

    // Well past the idle time, the open page still hears a rebuild.
    while opened.elapsed() < Duration::from_secs(8) {
        std::thread::sleep(Duration::from_millis(100));
    }
    site.edit("content/om.md", "Tekst med", "Senere tekst med");
    let m = p.next_build();
    assert_eq!(m["ok"], true, "{m}");
    // And the server still answers new connections.
    assert!(p.get("/om/").text().contains("Senere tekst"));
}
