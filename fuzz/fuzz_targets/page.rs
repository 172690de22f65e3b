//! The whole single-page pipeline: parse, link and render one page (with a
//! home page beside it) through the default theme. Any content must give a
//! site or diagnostics, never a panic; rendered pages never carry a script
//! from the content.
#![no_main]

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use pejl::config::Config;
use pejl::disk::load::Paths;
use pejl::content::model::SourceFile;
use pejl::disk::theme::Theme;

fn setup() -> &'static (Config, Theme, tempfile::TempDir) {
    static SETUP: OnceLock<(Config, Theme, tempfile::TempDir)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp");
        let config = Config::parse("title: Fuzz\naccessibility_statement: https://x.dk/\n", "pejl.yaml").expect("config");
        let paths = Paths {
            root: dir.path().into(),
            content: dir.path().join("content"),
            output: dir.path().join("public"),
        };
        let theme = pejl::disk::theme::load(&paths, &config, Default::default()).expect("default theme");
        (config, theme, dir)
    })
}

fuzz_target!(|data: &[u8]| {
    let (config, theme, _) = setup();
    let text = String::from_utf8_lossy(data).into_owned();
    let files = [
        SourceFile { rel: "_index.md".into(), display: "content/_index.md".into(), text: "---\ntitle: Forside\n---\n".into() },
        SourceFile { rel: "side.md".into(), display: "content/side.md".into(), text },
    ];
    let entries: Vec<_> = files
        .iter()
        .filter_map(|f| pejl::content::parse::parse(f).ok().flatten())
        .map(Arc::new)
        .collect();
    let (site, _) = pejl::site::link::link(entries, Default::default(), &HashSet::new());
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
    if let Ok(out) = pejl::render::render(&site, config, theme, today) {
        for f in out.iter().filter(|f| f.path.ends_with(".html")) {
            let html = String::from_utf8_lossy(&f.bytes);
            assert!(!html.contains("<script>"), "{}", f.path);
        }
    }
});
