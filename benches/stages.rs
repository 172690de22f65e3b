//! The stages of a full build, one by one, on a synthetic portal of 1 000
//! pages (benches/portal.py): discover, read, parse, link, render, write.
//! `cargo bench --bench stages`; PEJL_BENCH_PAGES sets the size.
//! Whole builds beside Hugo and Zola: benches/compare.py.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use pejl::content::limits::Limits;
use pejl::disk::load::{self, Paths};
use rayon::prelude::*;

fn portal() -> (tempfile::TempDir, Paths) {
    let pages = std::env::var("PEJL_BENCH_PAGES").unwrap_or_else(|_| "1000".into());
    let dir = tempfile::tempdir_in(std::env::var("BENCH_TMP").unwrap_or_else(|_| "/tmp".into()))
        .expect("temp dir");
    let root = dir.path().join("site");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/portal.py");
    let run = Command::new("python3")
        .arg(script)
        .arg(&pages)
        .arg(&root)
        .output()
        .expect("python3 runs benches/portal.py");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::write(
        root.join("pejl.yaml"),
        std::fs::read_to_string(root.join("pejl.yaml")).unwrap() + "search: false\n",
    )
    .unwrap();
    let paths = Paths {
        content: root.join("content"),
        output: root.join("public"),
        root,
    };
    (dir, paths)
}

fn stages(c: &mut Criterion) {
    let (_dir, paths) = portal();
    let limits = Limits::default();
    let config = load::read_config(&paths).expect("config");
    let (site_files, _) = pejl::disk::theme::read_site_static(&paths);
    let theme = pejl::disk::theme::load(&paths, &config, site_files).expect("theme");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.bench_function("discover", |b| b.iter(|| load::discover(&paths)));
    let read = || {
        let (pages, statics, problems) = load::list_content(&paths, &limits);
        assert!(problems.is_empty());
        let sources: Vec<_> = pages
            .par_iter()
            .map(|f| load::read_page(&paths, f, &limits).unwrap())
            .collect();
        (sources, statics)
    };
    group.bench_function("read", |b| b.iter(read));
    let (sources, statics) = read();
    group.bench_function("parse", |b| {
        b.iter(|| {
            sources
                .par_iter()
                .map(|p| pejl::content::parse::parse_with(p, &limits, false))
                .collect::<Vec<_>>()
        })
    });
    let entries: Vec<_> = sources
        .par_iter()
        .map(|p| {
            Arc::new(
                pejl::content::parse::parse_with(p, &limits, false)
                    .unwrap()
                    .unwrap(),
            )
        })
        .collect();
    let static_files = statics;
    let statics = pejl::site::link::Files {
        content: static_files
            .iter()
            .map(|s| (s.rel.clone(), s.len))
            .collect(),
        site: Default::default(),
    };
    group.bench_function("link", |b| {
        b.iter_batched(
            || entries.clone(),
            |entries| pejl::site::link::link(entries, statics.clone(), &HashSet::new()),
            BatchSize::LargeInput,
        )
    });
    let (site, problems) = pejl::site::link::link(entries, statics, &HashSet::new());
    assert!(problems.iter().all(|d| !d.is_error()));
    group.bench_function("render", |b| {
        b.iter(|| pejl::render::render(&site, &config, &theme, today).unwrap())
    });
    let files = pejl::render::render(&site, &config, &theme, today).unwrap();
    group.bench_function("write", |b| {
        b.iter(|| pejl::disk::output::write_site(&paths, &files, &static_files).unwrap())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
