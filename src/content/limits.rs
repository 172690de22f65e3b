//! Limits that keep one bad or hostile file from stalling a build or eating
//! the machine's memory: the size of a content file and of all of them
//! together (which bounds what a build holds in memory), how deeply front
//! matter nests, how many YAML aliases it uses, and how deeply Markdown nests.
//!
//! Owns the settings (`limits:` in pejl.yaml, with defaults far above any real
//! portal) and the checks, each with an error that says which setting raises
//! it. Pure: callers hand in sizes, text and trees.

use serde::Deserialize;

use crate::base::diagnostic::{Diagnostic, Pos};
use crate::content::yaml::{Node, Value};

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// The largest content file, in megabytes.
    pub max_file_mb: u64,
    /// All Markdown files together, in megabytes. A build holds the pages
    /// and their output in memory, so this bounds the memory a build uses
    /// (other files, such as PDFs, are copied, not held).
    pub max_total_mb: u64,
    /// How deeply front matter may nest (lists in lists in records …).
    pub max_front_matter_depth: usize,
    /// How many YAML aliases (`*name`) one file's front matter may use.
    pub max_yaml_aliases: usize,
    /// How deeply lists, block quotes and emphasis may nest in Markdown.
    pub max_markdown_nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_mb: 10,
            max_total_mb: 2000,
            max_front_matter_depth: 20,
            max_yaml_aliases: 50,
            max_markdown_nesting: 50,
        }
    }
}

const MB: u64 = 1024 * 1024;

impl Limits {
    /// The largest file, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(MB)
    }

    pub fn max_total_bytes(&self) -> u64 {
        self.max_total_mb.saturating_mul(MB)
    }

    /// A file larger than `max_file_mb`.
    pub fn file_too_large(&self, len: u64) -> Option<Diagnostic> {
        if len <= self.max_file_bytes() {
            return None;
        }
        let (size, max) = (megabytes(len), self.max_file_mb);
        Some(
            Diagnostic::error(crate::words!(
                "this file is {size} MB; pejl reads content files of up to {max} MB",
                "filen fylder {size} MB; pejl læser indholdsfiler på op til {max} MB"
            ))
            .with_help(crate::words!(
                "split the text into several pages, or raise `limits.max_file_mb` in pejl.yaml",
                "del teksten op i flere sider, eller hæv `limits.max_file_mb` i pejl.yaml"
            )),
        )
    }

    /// The content files together pass `max_total_mb`.
    pub fn total_too_large(&self, total: u64) -> Diagnostic {
        let (size, max) = (megabytes(total), self.max_total_mb);
        Diagnostic::error(crate::words!(
            "the Markdown files add up to more than {max} MB (at least {size} MB); pejl stopped reading them",
            "Markdown-filerne fylder tilsammen mere end {max} MB (mindst {size} MB); pejl er holdt op med at læse dem"
        ))
        .with_help(crate::words!(
            "split the portal, or raise `limits.max_total_mb` in pejl.yaml if the machine has the memory",
            "del portalen op, eller hæv `limits.max_total_mb` i pejl.yaml, hvis maskinen har hukommelsen til det"
        ))
    }

    /// Front matter that uses more aliases than allowed (checked on the text,
    /// before the YAML is read and the aliases expanded).
    pub fn check_aliases(&self, yaml: &str) -> Option<Diagnostic> {
        let aliases = count_aliases(yaml);
        if aliases > self.max_yaml_aliases {
            let max = self.max_yaml_aliases;
            return Some(
                Diagnostic::error(crate::words!(
                    "the front matter uses {aliases} YAML aliases (`*name`); pejl allows {max}",
                    "felterne øverst bruger {aliases} YAML-aliasser (`*navn`); pejl tillader {max}"
                ))
                .at(Pos::new(2, 1))
                .with_help(crate::words!(
                    "write the values out instead of repeating them with aliases, or raise `limits.max_yaml_aliases` in pejl.yaml",
                    "skriv værdierne ud i stedet for at gentage dem med aliasser, eller hæv `limits.max_yaml_aliases` i pejl.yaml"
                )),
            );
        }
        None
    }

    /// Front matter that nests deeper than allowed.
    pub fn check_front_matter(&self, front: &Node) -> Option<Diagnostic> {
        let (depth, pos) = deepest(front, 0);
        if depth <= self.max_front_matter_depth {
            return None;
        }
        let max = self.max_front_matter_depth;
        Some(
            Diagnostic::error(crate::words!(
                "the front matter nests {depth} levels deep here; pejl allows {max}",
                "felterne øverst ligger {depth} niveauer inde i hinanden her; pejl tillader {max}"
            ))
            .at(pos)
            .with_help(crate::words!(
                "check the indentation and brackets; if the nesting is meant, raise `limits.max_front_matter_depth` in pejl.yaml",
                "tjek indrykningen og parenteserne; er det meningen, så hæv `limits.max_front_matter_depth` i pejl.yaml"
            )),
        )
    }

    /// Markdown nested deeper than allowed; `body_line` is the file line of
    /// the body's first line.
    /// Markdown nested deeper than allowed, from the body's outline: an
    /// error where the text first goes one level too deep.
    pub fn check_nesting(
        &self,
        outline: &crate::content::markdown::Outline,
        body: &str,
        body_line: usize,
    ) -> Option<Diagnostic> {
        // Where the text first goes one level deeper than allowed.
        let offset = *outline.depth_at.get(self.max_markdown_nesting)?;
        let max = self.max_markdown_nesting;
        let at = Pos::of_offset(body, offset);
        Some(
            Diagnostic::error(crate::words!(
                "the text nests lists, quotes or emphasis more than {max} levels deep here",
                "teksten har her lister, citater eller fremhævninger inde i hinanden i mere end {max} niveauer"
            ))
            .at(at.in_file_from(body_line))
            .with_help(crate::words!(
                "check the indentation and the `>`, `*` and `_` signs; if the nesting is meant, raise `limits.max_markdown_nesting` in pejl.yaml",
                "tjek indrykningen og tegnene `>`, `*` og `_`; er det meningen, så hæv `limits.max_markdown_nesting` i pejl.yaml"
            )),
        )
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / MB as f64)
}

/// The deepest level of a tree and where it is.
fn deepest(node: &Node, depth: usize) -> (usize, Pos) {
    let children: Box<dyn Iterator<Item = &Node>> = match &node.value {
        Value::List(items) => Box::new(items.iter()),
        Value::Map(entries) => Box::new(entries.iter().map(|(_, v)| v)),
        _ => return (depth, node.pos),
    };
    children
        .map(|c| deepest(c, depth + 1))
        .max_by_key(|(d, _)| *d)
        .unwrap_or((depth, node.pos))
}

/// YAML alias uses: `*` followed by an anchor name, where a value can start.
fn count_aliases(yaml: &str) -> usize {
    let bytes = yaml.as_bytes();
    (0..bytes.len())
        .filter(|&i| {
            bytes[i] == b'*'
                && bytes
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                && (i == 0
                    || matches!(
                        bytes[i - 1],
                        b' ' | b'\t' | b'[' | b',' | b'\n' | b':' | b'-'
                    ))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_markdown_is_refused_at_its_line() {
        let limits = Limits::default();
        let body = format!("Tekst\n\n{}", ">".repeat(80) + " x\n");
        let nesting = |body: &str, line| {
            limits.check_nesting(&crate::content::markdown::outline(body), body, line)
        };
        let d = nesting(&body, 4).expect("too deep");
        assert_eq!(d.pos.map(|p| p.line), Some(6));
        assert!(d.help[0].en.contains("limits.max_markdown_nesting"));
        assert!(nesting("- a\n  - b\n    - c\n", 1).is_none());
    }

    #[test]
    fn aliases_are_counted_where_values_start() {
        assert_eq!(count_aliases("a: &x [1]\nb: *x\nc: [*x, *x]\n"), 3);
        assert_eq!(count_aliases("title: \"**fed**\"\ntext: 2*3\n"), 0);
    }

    #[test]
    fn sizes_name_the_setting_that_raises_them() {
        let limits = Limits::default();
        assert!(limits.file_too_large(10 * MB).is_none());
        let d = limits.file_too_large(24 * MB + 1).expect("too big");
        assert!(d.message.en.contains("24.0 MB"), "{}", d.message.en);
        assert!(d.help[0].en.contains("limits.max_file_mb"));
    }
}
