//! A running `pejl serve` for tests: a raw HTTP client (so paths reach the
//! server exactly as written) and a reader of the live-reload channel.
//! Shared by several test binaries, each using part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use super::Site;

/// How long a test waits for the preview before it gives up (a failure bound,
/// not a speed requirement: speed is measured in benches/).
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Preview {
    child: Child,
    pub port: u16,
    /// The address it printed, `ip:port` (`[ip]:port` for IPv6): where
    /// requests go, and the `Host` they name.
    pub addr: String,
    pub prefix: String,
    stderr: Arc<Mutex<String>>,
    events: Receiver<Value>,
    /// The build number of the last good site seen on the channel.
    pub build: u64,
}

/// A response, as raw as it came.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

impl Preview {
    /// Start `pejl serve --port 0` in the site and connect to its channel.
    pub fn start(site: &Site, extra: &[&str]) -> Preview {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        Preview::launch(site, &args, &[])
    }

    /// Run pejl with these arguments and environment, and connect to the preview.
    pub fn launch(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pejl"))
            .args(args)
            .env("SOURCE_DATE_EPOCH", crate::common::SOURCE_DATE_EPOCH)
            .envs(env.iter().copied())
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pejl serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (url_tx, url_rx) = channel();
        let pipe = child.stderr.take().expect("stderr");
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = url_tx.send(line[at..].trim().to_string());
                }
                log.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let url = match url_rx.recv_timeout(PATIENCE) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                panic!("pejl serve printed no address:\n{}", stderr.lock().unwrap());
            }
        };
        let rest = url.trim_start_matches("http://");
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if !args.contains(&"--bind") {
            assert!(
                host.starts_with("127.0.0.1:"),
                "serves on loopback by default: {url}"
            );
        }
        let port: u16 = host.rsplit(':').next().unwrap().parse().unwrap();
        let addr = host.to_string();
        let prefix = if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        };
        let events = subscribe(&addr, &format!("{prefix}__pejl/events"));
        let mut preview = Preview {
            child,
            port,
            addr,
            prefix,
            stderr,
            events,
            build: 0,
        };
        let first = preview.next_event();
        preview.build = first["build"].as_u64().unwrap_or(0);
        preview
    }

    /// Press Ctrl+C (SIGINT) and wait for the preview to exit; its exit code.
    #[cfg(unix)]
    pub fn interrupt(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "send SIGINT");
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "pejl serve did not stop on Ctrl+C:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait until the terminal output contains `needle` (it is printed just
    /// after the live-reload message goes out) and return the whole output.
    pub fn wait_log(&self, needle: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let log = self.log();
            if log.contains(needle) {
                return log;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal never said {needle:?}:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The next message on the live-reload channel.
    pub fn next_event(&self) -> Value {
        match self.events.recv_timeout(PATIENCE) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => {
                panic!("no live-reload message came; log:\n{}", self.log())
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the live-reload channel closed; log:\n{}", self.log())
            }
        }
    }

    /// Wait for the rebuild that follows a change: a new good build, or errors.
    pub fn next_build(&mut self) -> Value {
        let m = self.next_event();
        if m["ok"] == Value::Bool(true) {
            let build = m["build"].as_u64().unwrap();
            assert!(build > self.build, "a new build number: {m}");
            self.build = build;
        }
        m
    }

    pub fn get(&self, path: &str) -> Response {
        self.request(path, &self.addr)
    }

    /// A GET with the path sent exactly as given, and a chosen Host header.
    pub fn request(&self, path: &str, host: &str) -> Response {
        request(&self.addr, path, host)
    }

    /// Open a live-reload channel at `path` (sent as given), as a page does.
    pub fn subscribe(&self, path: &str) -> Receiver<Value> {
        subscribe(&self.addr, path)
    }

    /// A handle that can send requests from another thread.
    pub fn probe(port: u16) -> Probe {
        Probe {
            addr: format!("127.0.0.1:{port}"),
        }
    }

    /// Every served path with the hash of its bytes.
    pub fn files(&self) -> BTreeMap<String, String> {
        let r = self.get(&format!("{}__pejl/files", self.prefix));
        assert_eq!(r.status, 200);
        let v: Value = serde_json::from_slice(&r.body).expect("files JSON");
        v["files"]
            .as_object()
            .expect("files")
            .iter()
            // The preview adds the browser editor (admin/), which a build
            // without `cms:` does not publish (tested in tests/cms.rs).
            .filter(|(k, _)| !k.starts_with("admin/"))
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect()
    }

    /// Assert that what is served is exactly a clean `pejl build` of the files on disk.
    pub fn assert_equals_clean_build(&self, site: &Site) {
        let clean = clean_build(site);
        let served = self.files();
        let only_served: Vec<_> = served.keys().filter(|k| !clean.contains_key(*k)).collect();
        let only_clean: Vec<_> = clean.keys().filter(|k| !served.contains_key(*k)).collect();
        let differ: Vec<_> = clean
            .iter()
            .filter(|(k, v)| served.get(*k).is_some_and(|s| s != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            only_served.is_empty() && only_clean.is_empty() && differ.is_empty(),
            "served site differs from a clean build:\n only served: {only_served:?}\n only in clean build: {only_clean:?}\n different bytes: {differ:?}"
        );
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Build the site from scratch into a fresh folder and hash every file. The
/// search index (`pagefind/`) is left out: the preview builds its own in the
/// background and serves it apart from the site (tests/serve_search.rs).
pub fn clean_build(site: &Site) -> BTreeMap<String, String> {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("site");
    let run = site.pejl(&["build", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "clean build failed:\n{}", run.stderr);
    let mut files = BTreeMap::new();
    hash_dir(&target, &target, &mut files);
    files.retain(|path, _| !path.starts_with("pagefind/"));
    files
}

fn hash_dir(base: &Path, dir: &Path, into: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hash_dir(base, &path, into);
        } else if path.file_name().is_some_and(|n| n != ".pejl-output") {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).unwrap();
            into.insert(rel, blake3::hash(&bytes).to_hex().to_string());
        }
    }
}

fn subscribe(addr: &str, path: &str) -> Receiver<Value> {
    let mut s = TcpStream::connect(addr).expect("connect to events");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(s);
        for line in reader.lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ")
                && let Ok(v) = serde_json::from_str::<Value>(data)
                && tx.send(v).is_err()
            {
                return;
            }
        }
    });
    rx
}

fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&rest[..end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&rest[start..start + size]);
        rest = &rest[start + size + 2..];
    }
    out
}

/// Sends requests to a running preview from any thread.
pub struct Probe {
    addr: String,
}

impl Probe {
    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, path, &self.addr)
    }
}

fn request(addr: &str, path: &str, host: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");

    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let mut r = Response {
        status,
        headers: head,
        body,
    };
    if r.header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        r.body = dechunk(&r.body);
    }
    r
}
