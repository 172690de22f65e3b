//! Abbreviations explained where a reader first meets them.
//!
//! `abbreviations:` in pejl.yaml (`SSU: Social- og Sundhedsudvalget`) makes
//! the first use of each abbreviation in a page's `<main>` read
//! `<abbr title="…">SSU</abbr> (Social- og Sundhedsudvalget)`: the meaning is
//! in the text itself, for screen readers and touch screens alike (WCAG
//! 3.1.4, technique G102), and the glossary page lists them all.
//!
//! Works on the HTML pejl's templates wrote: only text between tags is
//! read, never attributes, and nothing inside `<script>`, `<style>`,
//! `<svg>`, `<code>`, `<pre>`, `<abbr>` or `<title>`. A match is a whole
//! word: not preceded or followed by a letter, a digit or a hyphen (so
//! "SSU-mødet" is left alone). Pure.

use aho_corasick::{AhoCorasick, MatchKind};

/// The site's abbreviations, ready to find.
#[derive(Debug)]
pub struct Abbreviations {
    finder: AhoCorasick,
    /// (abbreviation, its expansion, the HTML written for its first use).
    terms: Vec<(String, String, String)>,
}

/// Elements whose text is left alone.
const SKIPPED: [&str; 7] = ["script", "style", "svg", "code", "pre", "abbr", "title"];

impl Abbreviations {
    /// `None` when the site has none.
    pub fn new(table: &std::collections::BTreeMap<String, String>) -> Option<Self> {
        let terms: Vec<(String, String, String)> = table
            .iter()
            .map(|(k, v)| (k.trim(), v.trim()))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .map(|(k, v)| {
                let (ke, ve) = (crate::base::xml_escape(k), crate::base::xml_escape(v));
                let html = format!("<abbr title=\"{ve}\">{ke}</abbr> ({ve})");
                (ke, v.to_string(), html)
            })
            .collect();
        if terms.is_empty() {
            return None;
        }
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(terms.iter().map(|(k, _, _)| k.as_str()))
            .ok()?;
        Some(Abbreviations { finder, terms })
    }

    /// The abbreviations and their expansions, in order.
    pub fn list(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms.iter().map(|(k, v, _)| (k.as_str(), v.as_str()))
    }

    /// `html` with the first use of each abbreviation inside `<main>` explained.
    pub fn explain(&self, html: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(html).ok()?;
        let start = text.find("<main")?;
        let end = text[start..]
            .find("</main>")
            .map_or(text.len(), |e| start + e);
        let mut seen = vec![false; self.terms.len()];
        let mut out = String::with_capacity(text.len() + 256);
        out.push_str(&text[..start]);
        let mut skipping: Option<&str> = None;
        let mut at = start;
        while at < end {
            let Some(lt) = text[at..end].find('<').map(|k| at + k) else {
                self.explain_text(&text[at..end], &mut seen, skipping.is_some(), &mut out);
                at = end;
                break;
            };
            self.explain_text(&text[at..lt], &mut seen, skipping.is_some(), &mut out);
            let gt = text[lt..end].find('>').map_or(end, |k| lt + k + 1);
            let tag = &text[lt..gt];
            let name = tag_name(tag);
            match skipping {
                None if !tag.starts_with("</") && !tag.ends_with("/>") => {
                    skipping = SKIPPED.iter().copied().find(|s| *s == name);
                }
                Some(s) if tag.starts_with("</") && name == s => skipping = None,
                _ => {}
            }
            out.push_str(tag);
            at = gt;
            if seen.iter().all(|s| *s) {
                break;
            }
        }
        out.push_str(&text[at..]);
        Some(out.into_bytes())
    }

    /// Write `text` (between tags) to `out`, explaining first uses.
    fn explain_text(&self, text: &str, seen: &mut [bool], skip: bool, out: &mut String) {
        if skip {
            out.push_str(text);
            return;
        }
        let mut from = 0;
        for m in self.finder.find_iter(text) {
            let k = m.pattern().as_usize();
            if seen[k] || !whole_word(text, m.start(), m.end()) {
                continue;
            }
            seen[k] = true;
            out.push_str(&text[from..m.start()]);
            out.push_str(&self.terms[k].2);
            from = m.end();
        }
        out.push_str(&text[from..]);
    }
}

/// Whether `text[start..end]` stands as a word of its own.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let joins = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // An entity just before (`&amp;SSU`) is not a word's start: `;` is fine.
    !before.is_some_and(joins) && !after.is_some_and(joins)
}

/// The lower-case name of a tag: `<a href=…>` → `a`, `</main>` → `main`.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbreviations() -> Abbreviations {
        let table = [
            ("SSU", "Social- og Sundhedsudvalget"),
            ("MED", "medindflydelse og medbestemmelse"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into_iter()
        .collect();
        Abbreviations::new(&table).unwrap()
    }

    fn explain(html: &str) -> String {
        String::from_utf8(abbreviations().explain(html.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn the_first_use_in_main_is_explained_and_only_that() {
        let html = "<title>SSU</title><main><h1>Møde i SSU</h1><p>SSU og MED.</p></main><footer>SSU</footer>";
        assert_eq!(
            explain(html),
            "<title>SSU</title><main><h1>Møde i <abbr title=\"Social- og Sundhedsudvalget\">SSU</abbr> (Social- og Sundhedsudvalget)</h1>\
             <p>SSU og <abbr title=\"medindflydelse og medbestemmelse\">MED</abbr> (medindflydelse og medbestemmelse).</p></main><footer>SSU</footer>"
        );
    }

    #[test]
    fn parts_of_words_attributes_and_code_are_left_alone() {
        let html = "<main><a href=\"SSU\" title=\"SSU\">MEDLEM</a> SSU-mødet <code>SSU</code> <svg><title>SSU</title></svg> MEDIUM</main>";
        assert_eq!(explain(html), html);
    }

    #[test]
    fn a_page_without_main_is_unchanged() {
        assert_eq!(abbreviations().explain(b"<p>SSU</p>"), None);
    }
}
