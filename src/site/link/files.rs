//! Files that pages show or offer for download: images and attachments in
//! `content/` (beside a page, or in any folder of it) and the site's own
//! files in `static/`.
//!
//! Owns where a file path written on a page leads, whether that file is
//! there, the nearest file when it is not, and a document's `file:` as a
//! download (its address, name, ending and size). A file of either folder is
//! published at its path in that folder, so `content/billeder/kort.png` is
//! `billeder/kort.png` of the built site and `static/kort.png` is `kort.png`.
//! Pure: the files and their sizes are listed before linking.

use std::collections::{HashMap, HashSet};

use super::{LinkProblem, Site, has_scheme, join, percent_decode, problem, root_prefix};
use crate::base::diagnostic::{Diagnostic, Lang, Words};
use crate::content::schema;

/// The files of a site besides its pages, by their path in their folder
/// (`/`-separated), with their sizes in bytes.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// The content folder's: published where a page links to or shows them.
    pub content: HashMap<String, u64>,
    /// The site's `static/` folder's: always published.
    pub site: HashMap<String, u64>,
}

impl Files {
    /// The size of the file at `path` of the built site, if there is one.
    pub fn size(&self, path: &str) -> Option<u64> {
        self.content
            .get(path)
            .or_else(|| self.site.get(path))
            .copied()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.size(path).is_some()
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.content
            .keys()
            .chain(self.site.keys())
            .map(String::as_str)
    }
}

/// A file a page offers for download (a document's `file:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// Where the link goes: relative to the page and percent-encoded for a
    /// file of the site, the address as written for one elsewhere.
    pub href: String,
    /// The file's name: the last part of its path (for an address
    /// elsewhere, the address without `https://`).
    pub name: String,
    /// Its ending in lower case, without the dot (`pdf`); empty without one.
    pub ending: String,
    /// Its size in bytes; `None` for an address elsewhere.
    pub size: Option<u64>,
}

/// Whether a `file:` is an address elsewhere (http or https, as `url`
/// allowed it) rather than a file of the site.
fn is_address(value: &str) -> bool {
    has_scheme(&value.trim().to_ascii_lowercase())
}

/// The file of the site a `file:` names from page `from`: the path relative
/// to the page's file, else from the root (`content/`, then `static/`); a
/// leading `/` is from the root only. Written with `%20` or with spaces,
/// either is found; so is a name with `#` or `?` in it (`Bilag #2.pdf`).
fn locate(site: &Site, from: usize, written: &str) -> Option<String> {
    let path = written.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path);
    let folder = site.entries[from].folder();
    for path in [written, path, decoded.as_ref()] {
        let near = match path.strip_prefix('/') {
            Some(_) => None,
            None => join(folder, path).filter(|p| site.files.contains(p)),
        };
        let found = near.or_else(|| join("", path).filter(|p| site.files.contains(p)));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The download that page `i`'s field `field` names, if it names one that
/// exists (linking reported it otherwise).
pub fn download(site: &Site, i: usize, field: &str) -> Option<Download> {
    let written = &site.entries[i]
        .files
        .iter()
        .find(|f| f.field == field)?
        .value;
    if is_address(written) {
        // Where the link leads: the address without its scheme; its type
        // from the ending of its path after the domain, if it has one.
        let shown = written.split_once("://").map_or("", |(_, rest)| rest);
        let path = shown.split(['?', '#']).next().unwrap_or("");
        let path = path.split_once('/').map_or("", |(_, p)| p);
        return Some(Download {
            href: written.clone(),
            name: shown.trim_end_matches('/').to_string(),
            ending: ending(path.rsplit('/').next().unwrap_or("")),
            size: None,
        });
    }
    let path = locate(site, i, written)?;
    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
    Some(Download {
        href: format!("{}{}", root_prefix(&site.urls[i]), encode_path(&path)),
        ending: ending(&name),
        size: site.files.size(&path),
        name,
    })
}

/// A file name's ending in lower case, without the dot.
fn ending(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_lowercase(),
        _ => String::new(),
    }
}

/// A path of the built site as an address: each part percent-encoded
/// (`Plan for ældre.pdf` → `Plan%20for%20%C3%A6ldre.pdf`), the `/` between
/// them kept.
fn encode_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const PART: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    path.split('/')
        .map(|part| utf8_percent_encode(part, PART).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files of the site that pages' fields name (to publish), and an
/// error at the field for each file that is not there.
pub(super) fn check_downloads(site: &Site) -> (HashSet<String>, Vec<Diagnostic>) {
    let mut found = HashSet::new();
    let mut problems = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        for f in e.files.iter().filter(|f| !is_address(&f.value)) {
            match locate(site, i, &f.value) {
                Some(path) => {
                    found.insert(path);
                }
                None => problems.push(missing_download(site, i, &f.value, f.field, f.pos)),
            }
        }
    }
    (found, problems)
}

/// A `file:` that names no file of the site.
fn missing_download(
    site: &Site,
    i: usize,
    written: &str,
    field: &str,
    pos: crate::base::diagnostic::Pos,
) -> Diagnostic {
    let e = &site.entries[i];
    let folder = match e.folder() {
        "" => "content/".to_string(),
        f => format!("content/{f}/"),
    };
    let (elsewhere, elsewhere_da) = match e.folder() {
        "" => ("", ""),
        _ => (", in content/", ", i content/"),
    };
    let d = Diagnostic::error(crate::words!(
        "`{field}` names the file \"{written}\", but there is no such file in {folder} (beside this page){elsewhere} or in static/",
        "feltet `{field}` nævner filen \"{written}\", men den findes hverken i {folder} (ved siden af denne side){elsewhere_da} eller i static/"
    ))
    .in_file(&e.display)
    .at(pos);
    let path = percent_decode(written.trim_start_matches('/')).into_owned();
    let target = join(e.folder(), &path).unwrap_or(path);
    let d = match nearest_file(site, i, &target) {
        // (A field takes the name as it is, spaces and all.)
        Some(near) => d.with_help(crate::words!(
            "did you mean `{field}: {near}`?",
            "mente du `{field}: {near}`?"
        )),
        None => d,
    };
    d.with_help(crate::words!(
        "put the file in {folder} beside the page, or in the folder static/ beside pejl.yaml if several pages use it; write its name as it is, spaces and capitals too (`{field}: Strategi 2025.pdf`)",
        "læg filen i {folder} ved siden af siden, eller i mappen static/ ved siden af pejl.yaml, hvis flere sider bruger den; skriv navnet, som det er, også mellemrum og store bogstaver (`{field}: Strategi 2025.pdf`)"
    ))
}

/// Why a link or image in page `from`'s text to the file `target` (its path
/// in the built site; `written` as the text has it) cannot be followed.
pub(super) fn missing_file(site: &Site, from: usize, written: &str, target: &str) -> LinkProblem {
    let mut p = problem(
        crate::words!(
            "the link \"{written}\" points to the file {target}, which is neither in content/ nor in static/",
            "linket \"{written}\" peger på filen {target}, som hverken findes i content/ eller i static/"
        ),
        Words::new(
            "put the file beside the page in content/ and write its name (`![Kort over byen](kort.png)`), or put it in static/ and write `/` and its name (`![Kort over byen](/kort.png)`)",
            "læg filen ved siden af siden i content/, og skriv dens navn (`![Kort over byen](kort.png)`), eller læg den i static/, og skriv `/` og navnet (`![Kort over byen](/kort.png)`)",
        ),
    );
    // (A link's address cannot hold a space as it is.)
    if let Some(near) = nearest_file(site, from, target).map(|n| n.replace(' ', "%20")) {
        p.help.insert(
            0,
            crate::words!("did you mean `{near}`?", "mente du `{near}`?"),
        );
    }
    p
}

/// The file nearest to `target` (a path of the built site), as page `from`
/// would write it: a file of the same name in another folder (in any case),
/// else the path with the fewest letters changed. Written relative to the
/// page when in its folder, else from the root with `/`.
fn nearest_file(site: &Site, from: usize, target: &str) -> Option<String> {
    let name = target.rsplit('/').next().unwrap_or(target).to_lowercase();
    let mut paths: Vec<&str> = site.files.paths().collect();
    paths.sort_unstable();
    let same_name = paths.iter().find(|p| {
        p.rsplit('/')
            .next()
            .is_some_and(|n| n.to_lowercase() == name)
    });
    let near = same_name
        .copied()
        .or_else(|| schema::nearest(target, paths.iter().copied()))?;
    let folder = site.entries[from].folder();
    let written = match near.strip_prefix(folder).and_then(|r| r.strip_prefix('/')) {
        Some(rest) if !folder.is_empty() => rest.to_string(),
        _ if folder.is_empty() => near.to_string(),
        _ => format!("/{near}"),
    };
    Some(written)
}

/// A file's type in the site's words, from its ending: the theme's
/// `file_type_<ending>` string ("PDF", "Word-dokument", "billede"), else
/// the ending in capitals ("ODS").
pub fn type_words(ending: &str, strings: &std::collections::BTreeMap<String, String>) -> String {
    let key = match ending {
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "avif" | "tif" | "tiff" => "image",
        "doc" | "docx" | "odt" | "rtf" => "word",
        "xls" | "xlsx" | "ods" => "spreadsheet",
        "ppt" | "pptx" | "odp" => "presentation",
        "mp4" | "webm" | "mov" => "video",
        "mp3" | "m4a" | "wav" | "ogg" => "audio",
        other => other,
    };
    strings
        .get(&format!("file_type_{key}"))
        .cloned()
        .unwrap_or_else(|| ending.to_uppercase())
}

/// A file's size as people read it, in the site's number format: "850 kB",
/// "1,2 MB" (Danish) or "1.2 MB"; kilo- and megabytes of 1 000 and
/// 1 000 000 bytes, as most systems now show them. One decimal below ten.
pub fn size_words(bytes: u64, lang: Lang) -> String {
    let (value, unit) = match bytes {
        0..1_000 => return format!("{bytes} B"),
        1_000..1_000_000 => (bytes as f64 / 1e3, "kB"),
        1_000_000..1_000_000_000 => (bytes as f64 / 1e6, "MB"),
        _ => (bytes as f64 / 1e9, "GB"),
    };
    let text = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    let text = match lang {
        Lang::Da => text.replace('.', ","),
        _ => text,
    };
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size_words(512, Lang::Da), "512 B");
        assert_eq!(size_words(1_234_567, Lang::Da), "1,2 MB");
        assert_eq!(size_words(1_234_567, Lang::En), "1.2 MB");
        assert_eq!(size_words(850_400, Lang::Da), "850 kB");
        assert_eq!(size_words(9_990, Lang::Da), "10 kB");
        assert_eq!(size_words(23_000_000, Lang::Da), "23 MB");
    }

    #[test]
    fn paths_become_addresses_part_by_part() {
        assert_eq!(
            encode_path("filer/Plan for ældre.pdf"),
            "filer/Plan%20for%20%C3%A6ldre.pdf"
        );
        assert_eq!(encode_path("kort.png"), "kort.png");
    }

    #[test]
    fn endings_are_lower_case_and_need_a_name() {
        assert_eq!(ending("Strategi.PDF"), "pdf");
        assert_eq!(ending(".htaccess"), "");
        assert_eq!(ending("README"), "");
    }
}
