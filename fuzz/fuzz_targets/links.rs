//! Link resolution and Markdown rendering: any link written in a body, to
//! any path, anchor or scheme, resolves to a page, a file, an outside address
//! or a problem; the rendered HTML never carries a javascript: or data: link.
#![no_main]

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use pejl::site::link::{self, Site};
use pejl::content::model::SourceFile;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let pages = [
            ("_index.md", "---\ntitle: Forside\n---\n\n## Velkommen\n"),
            ("maal/sundhed.md", "---\ntitle: Sundhed\nkind: goal\nstrategy: social\n---\n\n## Det hele menneske\n"),
            ("strategier/social.md", "---\ntitle: Social\nkind: strategy\n---\n"),
        ];
        let entries = pages
            .iter()
            .map(|(rel, text)| {
                let file = SourceFile { rel: (*rel).into(), display: format!("content/{rel}").into(), text: (*text).into() };
                Arc::new(pejl::content::parse::parse(&file).expect("valid").expect("page"))
            })
            .collect();
        let statics = link::Files {
            content: [("billeder/kort.png".to_string(), 3)].into(),
            site: Default::default(),
        };
        link::link(entries, statics, &HashSet::new()).0
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(dest) = std::str::from_utf8(data) else {
        return;
    };
    let site = site();
    let _ = link::resolve_link(site, 1, dest);
    let body = format!("[a]({dest}) ![b]({dest}) <{dest}>\n\n[c]: {dest}\n[d][c]");
    let html = pejl::content::markdown::render(&body, false, &|d| site.markdown_target(1, d));
    let lower = html.to_ascii_lowercase();
    for bad in ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "href=\"vbscript:"] {
        assert!(!lower.contains(bad), "{dest:?} → {html}");
    }
    // A body read once at parse time and filled in at render time is the
    // same HTML as one rendered at render time, whatever it holds.
    for text in [body.as_str(), dest] {
        let (outline, prepared) = pejl::content::markdown::read(text, false);
        if let Some(prepared) = prepared {
            let filled = prepared.fill(&|k| site.markdown_target(1, &outline.links[k].dest));
            let rendered = pejl::content::markdown::render(text, false, &|d| site.markdown_target(1, d));
            assert_eq!(filled, rendered, "{text:?}");
        }
    }
});
