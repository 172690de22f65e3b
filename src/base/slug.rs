//! Stable, readable slugs for ids, file names and heading anchors.
//!
//! Owns the one transliteration rule of the site (æ→ae, ø→oe, å→aa, other
//! accents dropped) so that ids, URLs and anchors always agree. No I/O.

/// `"Sammenhæng på tværs"` → `"sammenhaeng-paa-tvaers"`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii() {
            // Most text is ASCII, which needs no Unicode tables.
            push_char(&mut out, &mut pending_dash, c.to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                push_char(&mut out, &mut pending_dash, lower);
            }
        }
    }
    out
}

/// One lowercase character of a slug: kept, spelt out in ASCII, or a dash.
fn push_char(out: &mut String, pending_dash: &mut bool, c: char) {
    let mapped: &str = match c {
        c if c.is_ascii_alphanumeric() || c == '_' => {
            dash_if_pending(out, pending_dash);
            out.push(c);
            return;
        }
        'æ' => "ae",
        'ø' => "oe",
        'å' => "aa",
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'á' | 'à' | 'â' => "a",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ó' | 'ò' | 'ô' => "o",
        'ú' | 'ù' | 'û' => "u",
        'ñ' => "n",
        'ç' => "c",
        _ => {
            *pending_dash = !out.is_empty();
            return;
        }
    };
    push_piece(out, pending_dash, mapped);
}

fn push_piece(out: &mut String, pending_dash: &mut bool, piece: &str) {
    dash_if_pending(out, pending_dash);
    out.push_str(piece);
}

/// The dash between two words, written once the next word begins.
fn dash_if_pending(out: &mut String, pending_dash: &mut bool) {
    if *pending_dash {
        out.push('-');
        *pending_dash = false;
    }
}

/// Hands out unique anchors within one page: a repeated heading gets `-1`, `-2` ….
///
/// A page has a handful of headings, so they are kept in a list; a page with
/// very many gets a hash set instead.
#[derive(Debug, Default)]
pub struct AnchorSet {
    reserved: &'static [&'static str],
    used: Vec<String>,
    many: Option<std::collections::HashSet<String>>,
    /// For each repeated anchor, the number to try first for its next
    /// repeat: every lower one is taken, so each number is tried once and
    /// 20 000 equal headings cost 20 000 steps, not 200 million.
    next: std::collections::HashMap<String, usize>,
}

/// Past this many anchors a page's set is hashed.
const LIST_MAX: usize = 32;

impl AnchorSet {
    /// A set in which `reserved` (anchors the templates use) are taken.
    pub fn with_reserved(reserved: &'static [&'static str]) -> Self {
        AnchorSet {
            reserved,
            ..AnchorSet::default()
        }
    }

    pub fn unique(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "afsnit".to_string(),
            s => s,
        };
        if !self.contains(&base) {
            self.insert(base.clone());
            return base;
        }
        // Anchors are never given back, so the numbers below `next` stay
        // taken: the first free one from there is the first free one of all.
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        let candidate = loop {
            let c = format!("{base}-{n}");
            n += 1;
            if !self.contains(&c) {
                break c;
            }
        };
        self.next.insert(base, n);
        self.insert(candidate.clone());
        candidate
    }

    /// Reserve an anchor that the template itself uses (e.g. a bearing's id).
    pub fn reserve(&mut self, anchor: &str) {
        if !self.contains(anchor) {
            self.insert(anchor.to_string());
        }
    }

    fn contains(&self, anchor: &str) -> bool {
        self.reserved.contains(&anchor)
            || match &self.many {
                Some(set) => set.contains(anchor),
                None => self.used.iter().any(|u| u == anchor),
            }
    }

    fn insert(&mut self, anchor: String) {
        match &mut self.many {
            Some(set) => {
                set.insert(anchor);
            }
            None => {
                self.used.push(anchor);
                if self.used.len() > LIST_MAX {
                    self.many = Some(self.used.drain(..).collect());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ascii_letters_take_a_short_way_to_the_same_slug(text in "[ -~æøåÆØÅéÉİK\u{212A}ß]{0,40}") {
            // Every character through Unicode's lowercase, as for any other text.
            let mut want = String::new();
            let mut pending_dash = false;
            for c in text.chars().flat_map(char::to_lowercase) {
                push_char(&mut want, &mut pending_dash, c);
            }
            prop_assert_eq!(slugify(&text), want);
        }
    }

    #[test]
    fn danish_letters_are_transliterated() {
        assert_eq!(slugify("Sammenhæng på tværs"), "sammenhaeng-paa-tvaers");
        assert_eq!(slugify("Ældre og Sundhed"), "aeldre-og-sundhed");
        assert_eq!(slugify("Øget brobygning"), "oeget-brobygning");
    }

    #[test]
    fn punctuation_collapses_to_single_dashes() {
        assert_eq!(slugify("  360° perspektiv!  "), "360-perspektiv");
        assert_eq!(
            slugify("Din Indgang, herunder fremskudt myndighed"),
            "din-indgang-herunder-fremskudt-myndighed"
        );
        assert_eq!(slugify("§ 85"), "85");
    }

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let mut set = AnchorSet::default();
        assert_eq!(set.unique("Økonomi"), "oekonomi");
        assert_eq!(set.unique("Økonomi"), "oekonomi-1");
        assert_eq!(set.unique("???"), "afsnit");
    }

    #[test]
    fn anchors_stay_unique_past_the_list_and_around_reserved_ones() {
        let mut set = AnchorSet::with_reserved(&["top"]);
        set.reserve("maal");
        assert_eq!(set.unique("Top"), "top-1");
        let anchors: Vec<String> = (0..100).map(|_| set.unique("Mål")).collect();
        assert_eq!(anchors[0], "maal-1");
        assert_eq!(anchors[99], "maal-100");
        let distinct: std::collections::HashSet<&String> = anchors.iter().collect();
        assert_eq!(distinct.len(), 100);
        assert_eq!(set.unique("mål"), "maal-101");
    }

    #[test]
    fn numbering_skips_headings_that_read_like_a_number() {
        let mut set = AnchorSet::default();
        let got: Vec<String> = ["a", "a-1", "a", "a", "a-2", "a-1", "a"]
            .iter()
            .map(|t| set.unique(t))
            .collect();
        assert_eq!(got, ["a", "a-1", "a-2", "a-3", "a-2-1", "a-1-1", "a-4"]);
    }

    #[test]
    fn many_equal_headings_are_numbered_in_order() {
        let mut set = AnchorSet::default();
        let anchors: Vec<String> = (0..20_000).map(|_| set.unique("a")).collect();
        assert_eq!(anchors[0], "a");
        assert_eq!(anchors[1], "a-1");
        assert_eq!(anchors[19_999], "a-19999");
    }
}
