//! The preview under load and abuse: while 1 000 files change in bursts and
//! four clients request pages, traversal attempts and nonsense without pause,
//! every request is answered (pages 200, attacks 4xx), the preview keeps
//! rebuilding, and in the end it serves exactly a clean build.
//!
//! It runs for `PEJL_LOAD_SECONDS` (default 12; the figures in BENCHMARKS.md
//! are from a 60-second run). No timing is asserted: a request may take as long
//! as it takes, up to the test's 30-second patience, which only catches hangs.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/preview.rs"]
mod preview;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Site;
use preview::Preview;

const FILES: usize = 1000;

#[test]
fn the_preview_answers_every_request_while_1000_files_change_in_bursts() {
    let seconds: u64 = std::env::var("PEJL_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let site = Site::fixture("linked");
    for n in 0..FILES {
        site.write(
            &format!("content/mange/side-{n}.md"),
            &format!("---\ntitle: Side {n}\n---\n\nVersion 0.\n"),
        );
    }
    let mut p = Preview::start(&site, &[]);
    let port = p.port;
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let slowest = Arc::new(Mutex::new(Duration::ZERO));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let (stop, answered, slowest, failures) = (
                stop.clone(),
                answered.clone(),
                slowest.clone(),
                failures.clone(),
            );
            std::thread::spawn(move || {
                let probe = Preview::probe(port);
                let paths = [
                    ("/", 200),
                    ("/mange/side-7/index.html", 200),
                    ("/maal/sundhed/index.html", 200),
                    ("/tidslinje/index.html", 200),
                    ("/../../etc/passwd", 400),
                    ("/%2e%2e/%2e%2e/etc/passwd", 400),
                    ("/findes-ikke/", 404),
                ];
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    let (path, want) = paths[i % paths.len()];
                    i += 1;
                    let started = Instant::now();
                    let r = probe.get(path);
                    let took = started.elapsed();
                    let ok = if want == 200 {
                        r.status == 200 || r.status == 503
                    } else {
                        r.status == want
                    };
                    if !ok || r.text().contains("root:") {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{path}: {}", r.status));
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                    let mut s = slowest.lock().unwrap();
                    *s = (*s).max(took);
                }
            })
        })
        .collect();
    // Bursts: every few hundred milliseconds, 100 files saved at once.
    let started = Instant::now();
    let mut bursts = 0;
    while started.elapsed() < Duration::from_secs(seconds) {
        bursts += 1;
        for k in 0..100 {
            let n = (bursts * 37 + k * 10) % FILES;
            site.write(
                &format!("content/mange/side-{n}.md"),
                &format!("---\ntitle: Side {n}\n---\n\nVersion {bursts}.\n"),
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    // Let the last burst settle, then the preview must match a clean build.
    site.write(
        "content/mange/side-0.md",
        "---\ntitle: Side 0\n---\n\nSidst.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let m = p.next_build();
        if m["ok"] == true && p.get("/mange/side-0/index.html").text().contains("Sidst.") {
            break;
        }
        assert!(Instant::now() < deadline, "the preview did not settle: {m}");
    }
    p.assert_equals_clean_build(&site);
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed requests: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    let answered = answered.load(Ordering::Relaxed);
    assert!(answered > 100, "only {answered} requests were answered");
    eprintln!(
        "{seconds} s, {bursts} bursts of 100 saves, {answered} requests answered ({:.0}/s), slowest {:?}",
        answered as f64 / seconds as f64,
        slowest.lock().unwrap()
    );
}
