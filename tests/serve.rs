//! `pejl serve` over real HTTP: it follows edits, renames, deletes and editor
//! tricks; after every step the served site equals a clean build; broken saves
//! show the overlay and keep the last good site; nothing outside the site is served.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/preview.rs"]
mod preview;

use std::fs;

use common::Site;
use preview::Preview;
use serde_json::Value;

fn reloads(m: &Value, page: &str) -> bool {
    m["reload"]
        .as_array()
        .is_some_and(|r| r.iter().any(|p| p == page))
}

/// Wait until the served site equals a clean build (a burst of changes may
/// come as more than one rebuild), failing if a rebuild reports errors.
fn settle(p: &mut Preview, site: &Site) {
    loop {
        let m = p.next_build();
        assert_eq!(m["ok"], true, "unexpected errors: {m}");
        let clean = preview::clean_build(site);
        if p.files() == clean {
            return;
        }
    }
}

#[test]
fn the_preview_follows_edits_renames_and_deletes() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    p.assert_equals_clean_build(&site);
    let page = p.get("/om/");
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains("/__pejl/live.js"),
        "live script injected"
    );

    // A plain save.
    site.edit(
        "content/om.md",
        "Tekst med fodnote",
        "Ny tekst fra redaktøren, med fodnote",
    );
    let m = p.next_build();
    assert!(reloads(&m, "om/index.html"), "{m}");
    assert!(p.get("/om/").text().contains("Ny tekst fra redaktøren"));
    p.assert_equals_clean_build(&site);

    // An atomic save: write a temporary file, rename it over the page.
    let text = site
        .read("content/om.md")
        .replace("Ny tekst", "Atomisk gemt tekst");
    site.write("content/.om.md.tmp123", &text);
    fs::rename(
        site.path("content/.om.md.tmp123"),
        site.path("content/om.md"),
    )
    .unwrap();
    p.next_build();
    assert!(p.get("/om/").text().contains("Atomisk gemt tekst"));
    p.assert_equals_clean_build(&site);

    // Vim: a swap file, the 4913 probe, a backup, then the write.
    site.write("content/.om.md.swp", "binary swap");
    site.write("content/4913", "");
    fs::remove_file(site.path("content/4913")).unwrap();
    fs::copy(site.path("content/om.md"), site.path("content/om.md~")).unwrap();
    site.edit("content/om.md", "Atomisk gemt tekst", "Tekst gemt af vim");
    fs::remove_file(site.path("content/.om.md.swp")).unwrap();
    p.next_build();
    assert!(p.get("/om/").text().contains("Tekst gemt af vim"));
    assert_eq!(p.get("/om.md~").status, 404, "backup files are not served");
    p.assert_equals_clean_build(&site);

    // A rename: the old address is gone, the new one is there.
    fs::rename(
        site.path("content/om.md"),
        site.path("content/om-portalen.md"),
    )
    .unwrap();
    p.next_build();
    assert_eq!(p.get("/om/").status, 404);
    assert!(p.get("/om-portalen/").text().contains("Tekst gemt af vim"));
    p.assert_equals_clean_build(&site);

    // A delete.
    fs::remove_file(site.path("content/tidsplan/ssu.md")).unwrap();
    p.next_build();
    assert_eq!(p.get("/tidsplan/ssu/").status, 404);
    p.assert_equals_clean_build(&site);

    // A folder of many pages arriving at once (a copy, a git checkout).
    let staging = tempfile::tempdir().unwrap();
    let folder = staging.path().join("nyheder");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("_index.md"), "---\ntitle: Nyheder\n---\n").unwrap();
    for i in 0..30 {
        fs::write(
            folder.join(format!("nyhed-{i}.md")),
            format!("---\ntitle: Nyhed nummer {i}\n---\n\nTekst {i}.\n"),
        )
        .unwrap();
    }
    common::copy_dir(&folder, &site.path("content/nyheder"));
    settle(&mut p, &site);
    assert!(
        p.get("/nyheder/nyhed-29/")
            .text()
            .contains("Nyhed nummer 29")
    );

    // … and the folder deleted again.
    fs::remove_dir_all(site.path("content/nyheder")).unwrap();
    settle(&mut p, &site);
    assert_eq!(p.get("/nyheder/").status, 404);
}

#[test]
fn a_broken_save_shows_the_overlay_and_keeps_the_last_good_site() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    let good = p.files();

    site.edit("content/maal/sundhed.md", "title:", "titel:");
    let m = p.next_build();
    assert_eq!(m["ok"], false, "{m}");
    let overlay = &m["overlay"];
    assert_eq!(overlay["lang"], "da");
    assert!(
        overlay["title"]
            .as_str()
            .unwrap()
            .starts_with("Siden kan ikke bygges"),
        "{overlay}"
    );
    let card = &overlay["errors"][0];
    assert!(
        card["location"]
            .as_str()
            .unwrap()
            .starts_with("content/maal/sundhed.md:"),
        "{card}"
    );
    let marked: Vec<&Value> = card["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["mark"] == true)
        .collect();
    assert_eq!(marked.len(), 1, "one offending line is marked: {card}");
    assert!(
        !card["help"].as_array().unwrap().is_empty(),
        "says what to do"
    );
    let all = overlay["errors"].to_string();
    assert!(
        all.contains("feltet `titel` hører ikke til") && all.contains("mente du `title`?"),
        "what is wrong and what to do, in Danish: {all}"
    );
    assert_eq!(p.files(), good, "the last good site is still served");
    p.wait_log("content/maal/sundhed.md:");

    // A page that connects now learns about the errors at once.
    let late = p.get("/__pejl/files");
    assert_eq!(late.status, 200);

    // Saving another, unrelated file while broken: the terminal says so once.
    site.edit(
        "content/om.md",
        "Tekst med fodnote",
        "Anden tekst med fodnote",
    );
    let again = p.next_build();
    assert_eq!(again["ok"], false);
    let log = p.wait_log("Stadig de samme fejl");
    assert_eq!(
        log.matches("`titel`").count(),
        1,
        "the same error is printed once, not on every save:\n{log}"
    );

    // Fixed: the overlay goes (an ok message), the site follows.
    site.edit("content/maal/sundhed.md", "titel:", "title:");
    let m = p.next_build();
    assert_eq!(m["ok"], true, "{m}");
    assert!(m.get("overlay").is_none());
    p.assert_equals_clean_build(&site);
}

#[test]
fn a_half_written_file_ends_in_the_finished_one() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    let full = site
        .read("content/om.md")
        .replace("Tekst med", "Færdig tekst med");
    site.write("content/om.md", &full[..12]);
    site.write("content/om.md", &full);
    loop {
        let m = p.next_build();
        if m["ok"] == true && p.files() == preview::clean_build(&site) {
            break;
        }
    }
    assert!(p.get("/om/").text().contains("Færdig tekst"));
}

#[test]
fn a_stylesheet_change_swaps_the_stylesheet_without_a_reload() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    // A site-level static/ folder that did not exist when serving started.
    let css = include_str!("../themes/default/static/style.css");
    site.write(
        "static/style.css",
        &format!("{css}\nbody {{ letter-spacing: 0; }}\n"),
    );
    let m = p.next_build();
    assert_eq!(m["ok"], true, "{m}");
    let renamed = m["css"].as_object().expect("renamed stylesheets");
    assert_eq!(renamed.len(), 1, "{m}");
    assert!(m.get("reload").is_none(), "no page reloads for CSS: {m}");
    p.assert_equals_clean_build(&site);
}

#[test]
fn a_config_change_rebuilds_every_page() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    site.edit("pejl.yaml", "Testportal", "Ny portaltitel");
    let m = p.next_build();
    assert!(
        reloads(&m, "index.html") && reloads(&m, "om/index.html"),
        "{m}"
    );
    assert!(p.get("/").text().contains("Ny portaltitel"));
    p.assert_equals_clean_build(&site);
}

#[test]
fn a_site_that_never_built_shows_its_errors_then_itself() {
    let site = Site::fixture("linked");
    site.edit("content/maal/sundhed.md", "title:", "titel:");
    let mut p = Preview::start(&site, &[]);
    let page = p.get("/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("/__pejl/live.js"));
    site.edit("content/maal/sundhed.md", "titel:", "title:");
    let m = p.next_build();
    assert_eq!(m["ok"], true, "{m}");
    assert!(reloads(&m, "index.html"), "the waiting page reloads: {m}");
    p.assert_equals_clean_build(&site);
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = Site::fixture("linked");
    #[allow(unused_mut)]
    let mut p = Preview::start(&site, &[]);
    // A link out of the content folder, saved while the preview runs: the
    // build refuses it and the last good site (without it) stays.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", site.path("content/passwd.txt")).unwrap();
        let m = p.next_build();
        assert_eq!(m["ok"], false, "{m}");
    }
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/..\\..\\etc\\passwd",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/passwd.txt",
        "/om/../../../etc/passwd",
    ] {
        let r = p.get(path);
        assert!(
            (400..500).contains(&r.status),
            "{path}: status {}",
            r.status
        );
        assert!(!r.text().contains("root:"), "{path} leaked a file");
    }
    // No directory listings: a folder without index.html is a 404 page.
    let assets = p.get("/assets/");
    assert_eq!(assets.status, 404);
    assert!(assets.text().contains("<html"), "the site's 404 page");
    // Content types with a charset for text.
    assert_eq!(
        p.get("/").header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        p.get("/sitemap.xml").header("content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    // A folder without its slash is redirected, not guessed.
    let r = p.get("/om");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location").as_deref(), Some("/om/"));
    // Another site's page cannot reach the preview by DNS rebinding.
    assert_eq!(p.request("/", "evil.example").status, 403);
}

#[test]
fn a_site_with_a_sub_path_is_served_under_it() {
    let site = Site::fixture("linked");
    let config = site.read("pejl.yaml");
    site.write(
        "pejl.yaml",
        &format!("{config}base_url: \"https://www.example.dk/strategi/\"\n"),
    );
    let mut p = Preview::start(&site, &[]);
    assert_eq!(p.prefix, "/strategi/");
    let r = p.get("/");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location").as_deref(), Some("/strategi/"));
    let home = p.get("/strategi/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("src=\"/strategi/__pejl/live.js\""));
    assert_eq!(p.get("/om/").status, 404);
    site.edit("content/om.md", "Tekst med", "Undersidetekst med");
    let m = p.next_build();
    assert!(reloads(&m, "om/index.html"), "{m}");
    assert!(p.get("/strategi/om/").text().contains("Undersidetekst"));
}

#[test]
fn any_burst_of_changes_ends_in_a_clean_build() {
    let site = Site::fixture("linked");
    let mut p = Preview::start(&site, &[]);
    // A fixed pseudo-random burst: writes, atomic saves, renames, deletes and
    // new folders, with no pause between them.
    let mut state = 0x2545_f491_u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let page = |k: u64, v: u64| format!("---\ntitle: Side {k} version {v}\n---\n\nTekst {v}.\n");
    for step in 0..60 {
        let k = next(8);
        let rel = format!("content/burst/side-{k}.md");
        match next(5) {
            0 | 1 => site.write(&rel, &page(k, step)),
            2 => {
                let tmp = site.path(&format!("content/burst/.side-{k}.md.tmp"));
                fs::create_dir_all(tmp.parent().unwrap()).unwrap();
                fs::write(&tmp, page(k, step)).unwrap();
                fs::rename(&tmp, site.path(&rel)).unwrap();
            }
            3 => {
                let to = site.path(&format!("content/burst/side-{}.md", next(8)));
                let _ = fs::rename(site.path(&rel), to);
            }
            _ => {
                let _ = fs::remove_file(site.path(&rel));
            }
        }
    }
    let clean = preview::clean_build(&site);
    while p.files() != clean {
        let m = p.next_build();
        assert_eq!(m["ok"], true, "{m}");
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_preview_even_with_pages_open() {
    let site = Site::fixture("linked");
    // Preview::start keeps a live-reload stream open, as an open page does.
    let mut p = Preview::start(&site, &[]);
    assert_eq!(p.interrupt(), Some(0));
}

#[test]
fn the_default_port_is_4800_or_the_next_free_one() {
    let site = Site::fixture("linked");
    // Hold 4800 (if nothing else does already): pejl must move on, not fail.
    let _held = std::net::TcpListener::bind(("127.0.0.1", 4800));
    let p = Preview::launch(&site, &["serve"], &[]);
    assert_ne!(p.port, 4800);
    assert!(
        (4801..4820).contains(&p.port) || p.port > 1024,
        "{}",
        p.port
    );
    assert_eq!(p.get("/").status, 200);
}

#[test]
fn a_port_asked_for_and_taken_is_a_clear_error() {
    let site = Site::fixture("linked");
    let held = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let run = site.pejl(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--port"),
        "says what to do: {}",
        run.stderr
    );
}

#[test]
fn binding_beyond_this_computer_needs_the_option_and_warns() {
    let site = Site::fixture("linked");
    let p = Preview::launch(&site, &["serve", "--port", "0", "--bind", "0.0.0.0"], &[]);
    let log = p.wait_log("Advarsel");
    assert!(log.contains("andre computere på netværket"), "{log}");
    assert!(log.contains("PEJL_ALLOW_HOST"), "says which names: {log}");
    // Any address of this computer; a name only if allowed (DNS rebinding).
    assert_eq!(p.request("/", &format!("0.0.0.0:{}", p.port)).status, 200);
    assert_eq!(p.request("/", "preview.lan").status, 403);
}

#[cfg(unix)]
#[test]
fn open_starts_the_browser_at_the_preview() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::fixture("linked");
    let record = site.path("opened.txt");
    let browser = site.path("browser.sh");
    fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > {}\n", record.display()),
    )
    .unwrap();
    fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();
    let p = Preview::launch(
        &site,
        &["serve", "--port", "0", "--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    let start = std::time::Instant::now();
    while !record.exists() {
        assert!(start.elapsed().as_secs() < 30, "no browser was started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let opened = fs::read_to_string(&record).unwrap();
    assert_eq!(opened.trim(), format!("http://127.0.0.1:{}/", p.port));
}

#[test]
fn pages_are_served_while_the_first_build_is_still_running() {
    // Big enough that the first build takes a while (a debug build of pejl).
    let dir = common::synthetic_portal(1500);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
        .args(["serve", "--port", "0"])
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .env("PEJL_MESSAGES", "en")
        .current_dir(dir.path().join("site"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start pejl serve");
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (url_tx, url_rx) = std::sync::mpsc::channel();
    let pipe = child.stderr.take().expect("stderr");
    let lines = log.clone();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://127.0.0.1:") {
                let port = line[at + 17..].trim_end_matches('/').parse::<u16>();
                let _ = url_tx.send(port.expect("a port"));
            }
            lines.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    let port = url_rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("pejl serve prints its address before it builds");
    let probe = Preview::probe(port);

    // The address comes before the build; the home page as soon as it is rendered.
    let home = probe.get("/");
    let built_then = log.lock().unwrap().contains("Built ");
    assert_eq!(home.status, 200, "{}", home.text());
    assert!(home.text().contains("</html>"), "a whole page");
    assert!(
        home.text().contains("data-build=\"1\""),
        "numbered as the first build"
    );
    assert!(
        !built_then,
        "the home page came only after the whole first build:\n{}",
        log.lock().unwrap()
    );
    // A page that does not exist is answered once the build knows it.
    assert_eq!(probe.get("/no-such-page/").status, 404);
    // What was served early is what the finished build serves.
    assert_eq!(probe.get("/").body, home.body);
    let _ = child.kill();
    let _ = child.wait();
}
