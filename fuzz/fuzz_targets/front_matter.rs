//! Splitting a file into front matter and body, reading the YAML with
//! positions, checking it against the schema, typing it: any bytes must give
//! a page or a diagnostic, never a panic, and a diagnostic's line must be
//! inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pejl::content::model::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = pejl::base::diagnostic::unix_line_endings(&text).lines().count().max(1) + 1;
    let file = SourceFile {
        rel: "fuzz/side.md".into(),
        display: "content/fuzz/side.md".into(),
        text,
    };
    if let Err(problems) = pejl::content::parse::parse(&file) {
        assert!(!problems.is_empty());
        for d in problems {
            if let Some(pos) = d.pos {
                assert!(pos.line >= 1 && pos.line <= lines, "line {} of {lines}", pos.line);
            }
        }
    }
});
