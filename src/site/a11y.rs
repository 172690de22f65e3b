//! Content that hurts accessibility, found before a citizen meets it.
//!
//! Owns the content lints of `pejl check` and `pejl build`: images without
//! alt text, links without text or with texts like "klik her", a body
//! heading at the title's level, heading levels that skip, and a site with
//! no accessibility statement. All are warnings. Pure.

use std::path::Path;

use crate::base::diagnostic::{Diagnostic, Pos, Words};
use crate::config::Config;
use crate::content::model::Entry;
use crate::site::link::Site;

/// Link texts that do not say where a link goes, in lower case.
const VAGUE: &[&str] = &[
    "klik her",
    "klik",
    "her",
    "læs mere",
    "læs her",
    "se her",
    "se mere",
    "mere",
    "link",
    "linket",
    "click here",
    "here",
    "read more",
    "more",
];

pub fn check(site: &Site, config: &Config, config_file: &Path) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut out: Vec<Diagnostic> = site.entries.par_iter().flat_map_iter(|e| page(e)).collect();
    if config.accessibility_statement.is_none() {
        out.push(
            Diagnostic::warning(Words::new(
                "the site links no accessibility statement (tilgængelighedserklæring), which Danish public websites must have",
                "sitet linker ikke til en tilgængelighedserklæring, som offentlige danske websteder skal have",
            ))
            .in_file(config_file)
            .with_help(Words::new(
                "add `accessibility_statement: https://www.was.digst.dk/<your-domain>` to pejl.yaml; every footer will link it",
                "tilføj `accessibility_statement: https://www.was.digst.dk/<jeres-domæne>` i pejl.yaml; så linker hver sidefod til den",
            )),
        );
    }
    out
}

fn page(e: &Entry) -> Vec<Diagnostic> {
    let mut out = links(e);
    out.extend(headings(e));
    out
}

/// A warning at a place in the page's body.
fn warn(e: &Entry, words: Words, pos: Pos, help: Words) -> Diagnostic {
    Diagnostic::warning(words)
        .in_file(&e.display)
        .at(pos.in_file_from(e.body_line))
        .with_help(help)
}

/// Images without alt text, and links without text or with vague text.
fn links(e: &Entry) -> Vec<Diagnostic> {
    let warn = |words: Words, pos: Pos, help: Words| warn(e, words, pos, help);
    let mut out = Vec::new();
    for link in &e.outline.links {
        let dest = &link.dest;
        if link.is_image && link.text.is_empty() {
            out.push(warn(
                crate::words!(
                    "the image \"{dest}\" has no alt text, so a screen reader cannot say what it shows",
                    "billedet \"{dest}\" har ingen alternativ tekst, så en skærmlæser ikke kan sige, hvad det viser"
                ),
                link.pos,
                Words::new(
                    "write what the image shows between the brackets: ![Kort over Ishøj Strand](kort.png)",
                    "skriv, hvad billedet viser, mellem de kantede parenteser: ![Kort over Ishøj Strand](kort.png)",
                ),
            ));
        } else if !link.is_image && link.text.is_empty() {
            out.push(warn(
                crate::words!(
                    "the link to \"{dest}\" has no text, so nobody can tell where it goes",
                    "linket til \"{dest}\" har ingen tekst, så ingen kan se, hvor det fører hen"
                ),
                link.pos,
                Words::new(
                    "write the link's text between the brackets: [Socialstrategien](../strategier/socialstrategi.md)",
                    "skriv linkets tekst mellem de kantede parenteser: [Socialstrategien](../strategier/socialstrategi.md)",
                ),
            ));
        } else if !link.is_image && is_vague(&link.text) {
            let text = &link.text;
            out.push(warn(
                crate::words!(
                    "the link text \"{text}\" does not say where the link goes",
                    "linkteksten \"{text}\" siger ikke, hvor linket fører hen"
                ),
                link.pos,
                Words::new(
                    "say what the reader gets, so the link makes sense on its own: [Læs Socialstrategien](…) instead of [klik her](…)",
                    "skriv, hvad læseren får, så linket giver mening alene: [Læs Socialstrategien](…) i stedet for [klik her](…)",
                ),
            ));
        }
    }
    out
}

/// A second top heading, and headings that skip levels.
fn headings(e: &Entry) -> Vec<Diagnostic> {
    let warn = |words: Words, pos: Pos, help: Words| warn(e, words, pos, help);
    let mut out = Vec::new();
    // The page title is the only level-1 heading; the body starts at level 2.
    let mut previous = 1u8;
    for h in &e.outline.headings {
        let text = &h.text;
        if h.level == 1 {
            out.push(warn(
                crate::words!(
                    "the heading \"{text}\" is at the level of the page title",
                    "overskriften \"{text}\" er på samme niveau som sidens titel"
                ),
                h.pos,
                Words::new(
                    "start headings in the text at level 2: `## ` instead of `# `",
                    "begynd overskrifterne i teksten på niveau 2: `## ` i stedet for `# `",
                ),
            ));
        } else if h.level > previous + 1 {
            let (from, to) = (previous, h.level);
            let want = "#".repeat(usize::from(previous) + 1);
            out.push(warn(
                crate::words!(
                    "the heading \"{text}\" jumps from level {from} to level {to}; screen reader users lose their way",
                    "overskriften \"{text}\" springer fra niveau {from} til niveau {to}; det forvirrer skærmlæserbrugere"
                ),
                h.pos,
                crate::words!(
                    "use `{want} ` for this heading, or add the heading that is missing above it",
                    "brug `{want} ` til denne overskrift, eller tilføj den overskrift, der mangler over den"
                ),
            ));
        }
        previous = h.level.max(1);
    }
    out
}

fn is_vague(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['.', '!', ':', '…', '»', '>'])
        .trim()
        .to_lowercase();
    VAGUE.contains(&t.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_link_texts() {
        for t in ["klik her", "Klik her.", "LÆS MERE", "Read more…", "her"] {
            assert!(is_vague(t), "{t}");
        }
        for t in ["Læs Socialstrategien", "her er planen", "Kontinensklinik"] {
            assert!(!is_vague(t), "{t}");
        }
    }
}
