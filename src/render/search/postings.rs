//! The index of the whole site, gathered page by page and written at the
//! end: for every word, the pages it is on and its places there, held as
//! one flat list of small numbers per word, a byte for most (no text of any
//! page is kept), then cut into Pagefind's chunks and encoded a batch of
//! chunks at a time on the cores.
//!
//! A page's record in a word's list: `entry, n, locs × n, m, (field,
//! place) × m`. Pages are numbered by their entry in the site (so the same
//! sources give the same index, whatever order the threads finish in) and
//! renumbered 0, 1, 2 … at the end; meta fields are numbered as they are
//! first seen and renumbered in Pagefind's order (by name) at the end.

use std::collections::BTreeMap;
use std::hash::BuildHasher;

use hashbrown::{HashMap, HashSet};
use rayon::prelude::*;
use std::sync::Mutex;

use super::page::{Places, Read, compressed, content_hash};
use super::upstream::index::{
    Chunker, FilterIndex, MetaChunk, MetaFilter, MetaIndex, MetaPage, MetaSort, PackedPage,
    PackedValue, PackedVariant, PackedWord, WordIndex, chunk_meta, meta_positions_to_packed,
    word_size,
};

/// Pagefind's chunk size: places (and pages) per index file.
const CHUNK_SIZE: usize = 20_000;

/// A page as the site's index knows it.
struct Page {
    entry: usize,
    hash: String,
    word_count: u32,
    has_body: bool,
    has_words: bool,
    sort: BTreeMap<String, String>,
}

/// A word's pages: without diacritics, and per spelling with them.
#[derive(Default)]
struct Word {
    plain: Vec<u8>,
    variants: Vec<(String, Vec<u8>)>,
}

/// The words are held in this many maps, each under a lock of its own (a
/// word's map by its hash), so two render threads rarely wait for each other.
const SHARDS: usize = 16;

/// What the index keeps of the pages read so far ([`Postings::add`]), until
/// it is written ([`Postings::build`]).
pub struct Postings {
    fields: Mutex<Vec<String>>,
    words: Vec<Mutex<HashMap<String, Word>>>,
    hasher: hashbrown::DefaultHashBuilder,
    all: Mutex<All>,
}

impl Default for Postings {
    fn default() -> Self {
        Postings {
            fields: Mutex::default(),
            words: (0..SHARDS).map(|_| Mutex::default()).collect(),
            hasher: Default::default(),
            all: Mutex::default(),
        }
    }
}

/// The pages and their filters.
#[derive(Default)]
struct All {
    pages: Vec<Page>,
    /// (filter, value) → entries.
    filters: BTreeMap<(String, String), Vec<usize>>,
}

/// The index's files (relative to its folder) and what the entry file says
/// of them.
pub struct Built {
    pub files: Vec<(String, Vec<u8>)>,
    pub meta_hash: String,
    pub page_count: usize,
}

impl Postings {
    /// Take in the page of entry `entry`.
    pub fn add(&self, entry: usize, read: Read) {
        let fields = self.field_numbers(&read.meta_fields);
        // (The records are made before a lock is taken.)
        let mut shards: Vec<Vec<(String, Word)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for w in read.words {
            let plain = (w.plain)
                .map(|p| record(entry, p, &fields))
                .unwrap_or_default();
            let variants = (w.variants.into_iter())
                .map(|(form, p)| (form, record(entry, p, &fields)))
                .collect();
            let shard = (self.hasher.hash_one(&w.word) as usize) % SHARDS;
            shards[shard].push((w.word, Word { plain, variants }));
        }
        for (records, held) in shards.into_iter().zip(&self.words) {
            if let Ok(mut held) = held.lock() {
                merge(&mut held, records);
            }
        }
        let Ok(mut all) = self.all.lock() else { return };
        for (filter, values) in read.filters {
            for value in values {
                all.filters
                    .entry((filter.clone(), value))
                    .or_default()
                    .push(entry);
            }
        }
        all.pages.push(Page {
            entry,
            hash: read.hash,
            word_count: read.word_count,
            has_body: read.has_body,
            has_words: read.has_words,
            sort: read.sort,
        });
    }

    /// The site-wide numbers of a page's meta fields.
    fn field_numbers(&self, names: &[String]) -> Vec<u32> {
        let Ok(mut fields) = self.fields.lock() else {
            return Vec::new();
        };
        names
            .iter()
            .map(|name| match fields.iter().position(|f| f == name) {
                Some(i) => i as u32,
                None => {
                    fields.push(name.clone());
                    fields.len() as u32 - 1
                }
            })
            .collect()
    }

    /// The index files, in `language`, Pagefind `version`'s format.
    pub fn build(self, language: &str, version: &str) -> Built {
        let fields = self.fields.into_inner().unwrap_or_default();
        let all = self.all.into_inner().unwrap_or_default();
        let words: Vec<(String, Word)> = (self.words.into_iter())
            .flat_map(|m| m.into_inner().unwrap_or_default())
            .collect();
        let numbers = page_numbers(&all.pages);
        // Pagefind's meta fields are in name order.
        let mut meta_fields = fields.clone();
        meta_fields.sort();
        let field_order: Vec<u16> = (fields.iter())
            .map(|f| meta_fields.iter().position(|m| m == f).unwrap_or(0) as u16)
            .collect();
        let mut files = Vec::new();
        let index_chunks = word_chunks(words, &numbers, &field_order, language, &mut files);
        let filters = filter_files(all.filters, &numbers, language, &mut files);
        let mut pages: Vec<&Page> = all
            .pages
            .iter()
            .filter(|p| numbers.get(p.entry).is_some())
            .collect();
        pages.sort_by_key(|p| p.entry);
        let meta = MetaIndex {
            version: version.to_string(),
            sorts: sorts(&pages),
            pages: (pages.iter())
                .map(|p| MetaPage {
                    hash: p.hash.clone(),
                    word_count: p.word_count,
                    group_hash: String::new(),
                })
                .collect(),
            index_chunks,
            filters,
            meta_fields,
        };
        let mut encoded = Vec::new();
        let _ = minicbor::encode(meta, &mut encoded);
        let hex = content_hash(&encoded);
        let meta_hash = format!("{language}_{}", &hex[..=(language.len() + 7).min(39)]);
        files.push((
            format!("pagefind.{meta_hash}.pf_meta"),
            compressed(&encoded),
        ));
        Built {
            files,
            meta_hash,
            page_count: pages.len(),
        }
    }
}

/// Add a page's records to the words held.
fn merge(held: &mut HashMap<String, Word>, records: Vec<(String, Word)>) {
    for (word, new) in records {
        let held = held.entry(word).or_default();
        held.plain.extend(new.plain);
        for (form, pages) in new.variants {
            match held.variants.iter_mut().find(|(f, _)| *f == form) {
                Some((_, held)) => held.extend(pages),
                None => held.variants.push((form, pages)),
            }
        }
    }
}

/// A page's record in a word's list, its meta fields numbered for the site.
fn record(entry: usize, places: Places, fields: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + places.locs.len() + 2 * places.meta.len());
    put(&mut out, entry as u32);
    put(&mut out, places.locs.len() as u32);
    for loc in places.locs {
        put_signed(&mut out, loc);
    }
    put(&mut out, places.meta.len() as u32);
    for (field, place) in places.meta {
        put(
            &mut out,
            fields.get(usize::from(field)).copied().unwrap_or(0),
        );
        put(&mut out, place);
    }
    out
}

/// The numbers of a word's list are LEB128 (7 bits a byte), the signed ones
/// (Pagefind marks a change of weight with a negative number) zigzagged:
/// most are small differences between places, one byte each.
fn put(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_signed(out: &mut Vec<u8>, i: i32) {
    put(out, ((i << 1) ^ (i >> 31)) as u32);
}

/// Reads back what [`put`] and [`put_signed`] wrote.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn next(&mut self) -> u32 {
        let mut n = 0;
        let mut shift = 0;
        while let Some((&b, rest)) = self.0.split_first() {
            self.0 = rest;
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        n
    }

    fn signed(&mut self) -> i32 {
        let n = self.next();
        ((n >> 1) as i32) ^ -((n & 1) as i32)
    }
}

/// The pages of a word's list, numbered for the index (pages left out of
/// it dropped), in page order.
fn packed_pages(list: &[u8], numbers: &Numbers, field_order: &[u16]) -> Vec<PackedPage> {
    let mut pages = Vec::new();
    let mut list = Reader(list);
    while !list.0.is_empty() {
        let entry = list.next() as usize;
        let n = list.next() as usize;
        let locs: Vec<i32> = (0..n).map(|_| list.signed()).collect();
        let m = list.next() as usize;
        let meta: Vec<_> = (0..m)
            .map(|_| super::upstream::digest::MetaFossickedWord {
                field_id: field_order.get(list.next() as usize).copied().unwrap_or(0),
                position: list.next(),
                original_word: None,
            })
            .collect();
        let Some(page_number) = numbers.get(entry) else {
            continue;
        };
        pages.push(PackedPage {
            page_number,
            locs,
            meta_locs: meta_positions_to_packed(meta),
        });
    }
    pages.sort_by_key(|p| p.page_number);
    pages
}

/// Each entry's page number in the index, if it has one.
struct Numbers(Vec<Option<usize>>);

impl Numbers {
    fn get(&self, entry: usize) -> Option<usize> {
        self.0.get(entry).copied().flatten()
    }
}

/// Which pages the index has, numbered 0, 1, 2 … in entry order: as
/// Pagefind chooses them, pages with words, and only those that mark their
/// indexed part if any page does.
fn page_numbers(pages: &[Page]) -> Numbers {
    let any_body = pages.iter().any(|p| p.has_body);
    let mut kept: Vec<usize> = (pages.iter())
        .filter(|p| p.has_words && (p.has_body || !any_body))
        .map(|p| p.entry)
        .collect();
    kept.sort_unstable();
    let mut numbers = vec![None; kept.last().map_or(0, |l| l + 1)];
    for (n, e) in kept.into_iter().enumerate() {
        numbers[e] = Some(n);
    }
    Numbers(numbers)
}

/// Chunks unpacked and encoded at once (on the cores).
const BATCH: usize = 8;

/// The word index files (`index/…`), in word order; what the meta file
/// says of each. Where each chunk ends is found first from the words' sizes
/// (each word unpacked on the cores and dropped at once), then the chunks
/// are unpacked and encoded a batch at a time on the cores, so at most a
/// batch of them is held unpacked.
fn word_chunks(
    mut words: Vec<(String, Word)>,
    numbers: &Numbers,
    field_order: &[u16],
    language: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<MetaChunk> {
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let unpack = |(word, held): &(String, Word)| packed_word(word, held, numbers, field_order);
    let sizes: Vec<Option<usize>> = (words.par_iter())
        .map(|w| unpack(w).map(|p| word_size(&p)))
        .collect();
    let mut chunker = Chunker::new(CHUNK_SIZE);
    let mut ends = Vec::new();
    for (i, size) in sizes.iter().enumerate() {
        if size.is_some_and(|s| chunker.ends_chunk(s)) {
            ends.push(i + 1);
        }
    }
    if sizes[ends.last().copied().unwrap_or(0)..]
        .iter()
        .any(Option::is_some)
    {
        ends.push(words.len());
    }
    let starts = std::iter::once(0).chain(ends.iter().copied());
    let chunks: Vec<std::ops::Range<usize>> = starts
        .zip(ends.iter().copied())
        .map(|(a, b)| a..b)
        .collect();
    let mut named = Vec::new();
    let mut taken = HashSet::new();
    for batch in chunks.chunks(BATCH) {
        let encoded: Vec<(String, String, String, Vec<u8>)> = (batch.par_iter())
            .map(|range| {
                let chunk: Vec<PackedWord> =
                    words[range.clone()].iter().filter_map(unpack).collect();
                let (from, to) = (chunk[0].word.clone(), chunk[chunk.len() - 1].word.clone());
                let mut bytes = Vec::new();
                let words = delta_encoded(chunk);
                let _ = minicbor::encode(WordIndex { words }, &mut bytes);
                (from, to, content_hash(&bytes), compressed(&bytes))
            })
            .collect();
        for (from, to, hex, gz) in encoded {
            let hash = unique_name(language, &hex, &mut taken);
            files.push((format!("index/{hash}.pf_index"), gz));
            named.push((from, to, hash));
        }
    }
    chunk_meta(named)
}

/// A word as Pagefind's index holds it; `None` if none of its pages is
/// in the index.
fn packed_word(
    word: &str,
    held: &Word,
    numbers: &Numbers,
    field_order: &[u16],
) -> Option<PackedWord> {
    let pages = packed_pages(&held.plain, numbers, field_order);
    let mut variants: Vec<PackedVariant> = (held.variants.iter())
        .map(|(form, list)| PackedVariant {
            form: form.clone(),
            pages: packed_pages(list, numbers, field_order),
        })
        .filter(|v| !v.pages.is_empty())
        .collect();
    // In the order Pagefind meets them (by their first page), whatever
    // order the render threads finished in.
    variants
        .sort_by(|a, b| (a.pages[0].page_number, &a.form).cmp(&(b.pages[0].page_number, &b.form)));
    if pages.is_empty() && variants.is_empty() {
        return None;
    }
    Some(PackedWord {
        word: word.to_string(),
        pages,
        additional_variants: variants,
    })
}

/// Page numbers as differences from the page before, as Pagefind stores them.
fn delta_encoded(mut chunk: Vec<PackedWord>) -> Vec<PackedWord> {
    for word in &mut chunk {
        let lists = std::iter::once(&mut word.pages)
            .chain(word.additional_variants.iter_mut().map(|v| &mut v.pages));
        for pages in lists {
            let mut last = 0;
            for page in pages.iter_mut() {
                let number = page.page_number;
                page.page_number = number - last;
                last = number;
            }
        }
    }
    chunk
}

/// `language_` and the first 8 digits of `hex` (the hash of a file's
/// contents), more when another file already has that name (as Pagefind
/// names them); the name is taken.
fn unique_name(language: &str, hex: &str, taken: &mut HashSet<String>) -> String {
    let name = (8..=hex.len())
        .map(|n| format!("{language}_{}", &hex[..n]))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| format!("{language}_{hex}"));
    taken.insert(name.clone());
    name
}

/// The filter files (`filter/…`): per filter, each value's pages.
fn filter_files(
    filters: BTreeMap<(String, String), Vec<usize>>,
    numbers: &Numbers,
    language: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<MetaFilter> {
    let mut by_filter: BTreeMap<String, Vec<PackedValue>> = BTreeMap::new();
    for ((filter, value), entries) in filters {
        let mut pages: Vec<usize> = entries.iter().filter_map(|e| numbers.get(*e)).collect();
        pages.sort_unstable();
        if !pages.is_empty() {
            by_filter
                .entry(filter)
                .or_default()
                .push(PackedValue { value, pages });
        }
    }
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    for (filter, values) in by_filter {
        let mut bytes = Vec::new();
        let index = FilterIndex {
            filter: filter.clone(),
            values,
        };
        let _ = minicbor::encode(index, &mut bytes);
        let hash = unique_name(language, &content_hash(&bytes), &mut taken);
        files.push((format!("filter/{hash}.pf_filter"), compressed(&bytes)));
        out.push(MetaFilter { filter, hash });
    }
    out
}

/// Pagefind's sort orders (`data-pagefind-sort`): per key, the pages that
/// have it, by number when every value is one, else by text.
fn sorts(pages: &[&Page]) -> Vec<MetaSort> {
    let mut keys: Vec<&String> = pages.iter().flat_map(|p| p.sort.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> = (pages.iter().enumerate())
                .filter_map(|(n, p)| p.sort.get(key).map(|v| (v.as_str(), n)))
                .collect();
            let number = |v: &str| {
                v.parse::<i32>()
                    .map(|i| i as f32)
                    .or_else(|_| v.parse::<f32>())
            };
            if values.iter().all(|(v, _)| number(v).is_ok()) {
                values.sort_by(|a, b| {
                    let (a, b) = (
                        number(a.0).unwrap_or_default(),
                        number(b.0).unwrap_or_default(),
                    );
                    a.total_cmp(&b)
                });
            } else {
                values.sort_by_key(|v| v.0);
            }
            MetaSort {
                sort: key.clone(),
                pages: values.into_iter().map(|(_, n)| n).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_words_list_reads_back_as_written() {
        let mut list = Vec::new();
        for n in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            put(&mut list, n);
        }
        for i in [0, -1, 1, -26, 300, i32::MIN, i32::MAX] {
            put_signed(&mut list, i);
        }
        let mut read = Reader(&list);
        let unsigned: Vec<u32> = (0..7).map(|_| read.next()).collect();
        let signed: Vec<i32> = (0..7).map(|_| read.signed()).collect();
        assert_eq!(unsigned, [0, 1, 127, 128, 16_383, 16_384, u32::MAX]);
        assert_eq!(signed, [0, -1, 1, -26, 300, i32::MIN, i32::MAX]);
        assert!(read.0.is_empty());
    }

    #[test]
    fn pages_left_out_of_the_index_are_dropped_and_the_rest_renumbered() {
        let places = |locs: Vec<i32>| Places {
            locs,
            meta: vec![(0, 2)],
        };
        let mut list = record(5, places(vec![-26, 3, 4]), &[1]);
        list.extend(record(2, places(vec![7]), &[1]));
        list.extend(record(3, places(vec![1, 1]), &[1]));
        // Entries 2 and 5 are pages 0 and 1; entry 3 is not in the index.
        let numbers = Numbers(vec![None, None, Some(0), None, None, Some(1)]);
        let pages = packed_pages(&list, &numbers, &[0, 0]);
        let got: Vec<(usize, Vec<i32>, Vec<i32>)> = (pages.into_iter())
            .map(|p| (p.page_number, p.locs, p.meta_locs))
            .collect();
        assert_eq!(
            got,
            [(0, vec![7], vec![-1, 2]), (1, vec![-26, 3, 4], vec![-1, 2])]
        );
    }
}
