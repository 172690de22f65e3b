//! One page read for the index, on the render thread that rendered it: its
//! words with their places and weights, its filters and meta, and its
//! fragment (what a search result shows), ready to be written. Pagefind's
//! own parser and word splitting do the reading ([`super::upstream`]), so a
//! page is indexed exactly as Pagefind would index it.

use std::collections::BTreeMap;

use hashbrown::HashMap;
use std::io::Write;

use super::upstream::digest::{FossickedWord, Fossicker, MetaFossickedWord, page_url};
use super::upstream::fragments::PageFragmentData;
use super::upstream::index::positions_to_packed_page;
use super::upstream::parser::DomParser;
use super::upstream::{SearchOptions, index::PackedPage};

/// A word's places on one page: its packed places in the text (Pagefind's
/// `locs`) and its places in the meta as (field, word number) pairs, with
/// the page's own field numbers (the index renumbers them for the site).
pub struct Places {
    pub locs: Vec<i32>,
    pub meta: Vec<(u16, u32)>,
}

/// A word of the page: its places without diacritics, and per spelling
/// with diacritics ("mål" for "mal") its places in that spelling.
pub struct Word {
    pub word: String,
    pub plain: Option<Places>,
    pub variants: Vec<(String, Places)>,
}

/// What a page gives the index.
pub struct Read {
    /// The fragment's name (`da_…`) and its file's bytes.
    pub hash: String,
    pub fragment: Vec<u8>,
    pub word_count: u32,
    /// Whether the page marks its indexed part (`data-pagefind-body`).
    pub has_body: bool,
    /// Whether its text has any words (Pagefind leaves it out if not).
    pub has_words: bool,
    pub words: Vec<Word>,
    /// The page's meta fields, in the order its field numbers count.
    pub meta_fields: Vec<String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
    /// What the parser found wrong with the page's markup.
    pub warnings: Vec<String>,
}

/// Read the page written at `path` (relative to the site's root), in the
/// site's `language`; an error when Pagefind's parser cannot read it.
pub fn read(path: &str, html: &str, language: &str) -> Result<Read, String> {
    let options = SearchOptions::new();
    let mut parser = DomParser::new(&options);
    parser
        .write(html.as_bytes())
        .map_err(|e| format!("Pagefind could not read the page: {e}"))?;
    let mut data = parser.wrap();
    data.language = language.to_string();
    let (content, word_data, anchors, word_count) = Fossicker::parse_digest(&data, &options);
    let word_data_empty = word_data.is_empty();
    Fossicker::tidy_meta_and_filters(&mut data);
    let meta_fields: Vec<String> = data.meta.keys().cloned().collect();
    let meta_words = Fossicker::parse_meta_words(&data.meta, &meta_fields, language, &options);
    let fragment = PageFragmentData {
        url: page_url(path),
        content,
        word_count,
        filters: data.filters.clone(),
        meta: data.meta,
        anchors,
    };
    let json = serde_json::to_string(&fragment).map_err(|e| e.to_string())?;
    let warnings = options
        .logger
        .warnings
        .lock()
        .map(|mut w| std::mem::take(&mut *w))
        .unwrap_or_default();
    Ok(Read {
        hash: format!("{language}_{}", content_hash(json.as_bytes())),
        fragment: compressed(json.as_bytes()),
        word_count: u32::try_from(word_count).unwrap_or(u32::MAX),
        has_body: data.has_custom_body,
        has_words: !word_data_empty,
        words: words(word_data, meta_words),
        meta_fields,
        filters: data.filters,
        sort: data.sort,
        warnings,
    })
}

/// The page's words, each with its places split by spelling, as
/// Pagefind's `build_indexes` packs them for one page.
fn words(
    text: HashMap<String, Vec<FossickedWord>>,
    meta: HashMap<String, Vec<MetaFossickedWord>>,
) -> Vec<Word> {
    /// A word's places in one spelling: in the text and in the meta.
    type Spelling = (Vec<FossickedWord>, Vec<(u16, u32)>);
    /// Without diacritics, and per spelling with them.
    type Spellings = (Spelling, Vec<(String, Spelling)>);
    fn spelling(s: &mut Spellings, form: Option<String>) -> &mut Spelling {
        let Some(form) = form else { return &mut s.0 };
        let i = match s.1.iter().position(|(f, _)| *f == form) {
            Some(i) => i,
            None => {
                s.1.push((form, Default::default()));
                s.1.len() - 1
            }
        };
        &mut s.1[i].1
    }
    let mut all: HashMap<String, Spellings> = HashMap::with_capacity(text.len() + meta.len());
    for (word, places) in text {
        let spellings = all.entry(word).or_default();
        for mut place in places {
            spelling(spellings, place.original_word.take())
                .0
                .push(place);
        }
    }
    for (word, places) in meta {
        let spellings = all.entry(word).or_default();
        for place in places {
            let at = (place.field_id, place.position);
            spelling(spellings, place.original_word).1.push(at);
        }
    }
    let places = |(text, meta): Spelling| Places {
        locs: packed(text),
        meta,
    };
    all.into_iter()
        .map(|(word, (plain, mut variants))| {
            // (Pagefind meets the spellings in their order.)
            variants.sort_by(|a, b| a.0.cmp(&b.0));
            let has_plain = !plain.0.is_empty() || !plain.1.is_empty();
            Word {
                word,
                plain: has_plain.then(|| places(plain)),
                variants: variants.into_iter().map(|(f, s)| (f, places(s))).collect(),
            }
        })
        .collect()
}

/// Places in the text as Pagefind packs them (weights inline, deltas).
fn packed(places: Vec<FossickedWord>) -> Vec<i32> {
    if places.is_empty() {
        return Vec::new();
    }
    let PackedPage { locs, .. } = positions_to_packed_page(places, 0);
    locs
}

/// The hash that names a file of the index: of its contents, in hex (so a
/// browser may keep a file as long as its name is unchanged).
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// gzip's level for the index files. Pagefind uses 9; at 10 000 pages 3
/// makes the fragments 1 % and the word index 4 % larger than 6 does, and
/// the build 6 % faster (2 made them 4 % and 7 % larger for 2 % more).
const LEVEL: u32 = 3;

/// A file of the index as Pagefind writes it: gzip, its contents after a
/// marker Pagefind's script checks for.
pub fn compressed(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        flate2::Compression::new(LEVEL),
    );
    // (Writing to a Vec cannot fail.)
    let _ = gz.write_all(b"pagefind_dcd");
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}
