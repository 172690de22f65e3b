//! The floor for a full build: what any generator must at least do. Reads every
//! `.md` file under CONTENT, drops its front matter, renders the body with
//! pulldown-cmark (tables, footnotes, strikethrough, task lists, heading
//! attributes — Zola's set) and writes `OUT/<path>/index.html`; no templates,
//! no YAML, no lists. As `../shared/bench`'s "md floor" does; the previous
//! output is removed first, inside the timed run.
//!
//! `cargo run --release --example md_floor -- [--threads N] CONTENT OUT`

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut threads = 0;
    if args.first().map(String::as_str) == Some("--threads") && args.len() > 1 {
        threads = args[1].parse().unwrap_or(0);
        args.drain(..2);
    }
    let [content, out] = args.as_slice() else {
        eprintln!("usage: md_floor [--threads N] CONTENT OUT");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(content), Path::new(out), threads) {
        eprintln!("md_floor: {e}");
        std::process::exit(1);
    }
}

fn run(content: &Path, out: &Path, threads: usize) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(std::io::Error::other)?;
    pool.install(|| {
        files.par_iter().try_for_each(|file| {
            let text = std::fs::read_to_string(file)?;
            let body = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---\n"))
                .map_or(text.as_str(), |(_, body)| body);
            let options = Options::ENABLE_TABLES
                | Options::ENABLE_FOOTNOTES
                | Options::ENABLE_STRIKETHROUGH
                | Options::ENABLE_TASKLISTS
                | Options::ENABLE_HEADING_ATTRIBUTES;
            let mut page = String::with_capacity(body.len() * 3 / 2);
            html::push_html(&mut page, Parser::new_ext(body, options));
            let rel = file
                .strip_prefix(content)
                .unwrap_or(file)
                .with_extension("");
            let dir = out.join(rel);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("index.html"), page)
        })
    })
}
