//! Every address pejl generates, in one place: the generated pages and
//! files and their English forms, and the ids of generated pages that `nav`
//! may name.
//!
//! A page made from content lives where its file is (`link` decides that);
//! everything else a site holds lives where this module says. A file or page
//! of the site's own at one of these addresses is an error naming both
//! (`pipeline::describe_collisions`), never a silent replacement.

use crate::base::diagnostic::Words;

fn english(language: &str) -> bool {
    language == "en"
}

/// `<folder>/index.html` in the site's language.
fn page(language: &str, da: &str, en: &str) -> String {
    format!("{}/index.html", if english(language) { en } else { da })
}

/// The id of the generated timeline page in `nav` (also `timeline`).
pub const TIMELINE_ID: &str = "tidslinje";

/// The timeline of everything dated.
pub fn timeline(language: &str) -> String {
    page(language, TIMELINE_ID, "timeline")
}

/// The search page (with every page A–Z for readers without JavaScript).
pub fn search(language: &str) -> String {
    page(language, "soeg", "search")
}

/// The overview of every initiative.
pub fn overview(language: &str) -> String {
    page(language, "indsatser", "initiatives")
}

/// A facet page of the overview: `indsatser/status/running/index.html`.
/// `segment` is the facet's folder (`status`, `omraade` / `area` …).
pub fn facet(language: &str, segment: &str, value: &str) -> String {
    let folder = overview(language);
    let folder = folder.trim_end_matches("index.html");
    format!("{folder}{segment}/{value}/index.html")
}

/// The budget overview.
pub fn budget(language: &str) -> String {
    page(language, "oekonomi", "budget")
}

/// The glossary: the site's abbreviations and what they stand for.
pub fn glossary(language: &str) -> String {
    page(language, "forkortelser", "abbreviations")
}

/// The strategy map.
pub fn map(language: &str) -> String {
    page(language, "strategikort", "strategy-map")
}

/// A catalogue's theme × idea matrix, beside the catalogue's own page.
pub fn matrix(catalogue_url: &str, language: &str) -> String {
    let folder = catalogue_url.trim_end_matches("index.html");
    let name = if english(language) {
        "themes-and-ideas"
    } else {
        "temaer-og-ideer"
    };
    format!("{folder}{name}/index.html")
}

/// The folder of the open data.
pub const DATA: &str = "data";

/// The page about the open data.
pub fn data_page() -> String {
    format!("{DATA}/index.html")
}

/// One file of open data: `data/initiatives.json`.
pub fn data_file(name: &str) -> String {
    format!("{DATA}/{name}")
}

/// A calendar's file name: `kalender.ics` (`calendar.ics` in English).
pub fn calendar_name(language: &str) -> &'static str {
    if english(language) {
        "calendar.ics"
    } else {
        "kalender.ics"
    }
}

/// The calendar beside a page: `strategier/social/kalender.ics`; the
/// portal's own beside the home page.
pub fn calendar_beside(url: &str, language: &str) -> String {
    let folder = url.strip_suffix("index.html").unwrap_or(url);
    format!("{folder}{}", calendar_name(language))
}

/// The Atom feed.
pub const FEED: &str = "feed.xml";
/// The sitemap for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// What search engines may read.
pub const ROBOTS: &str = "robots.txt";
/// The page a host shows for an address that does not exist.
pub const NOT_FOUND: &str = "404.html";
/// The folder of the search index and Pagefind's script.
pub const SEARCH_INDEX: &str = "pagefind";
/// The folder of the theme's files, with a content hash in each name.
pub const ASSETS: &str = "assets";

/// A theme file's address: `assets/style.0a1b2c3d4e.css`.
pub fn asset(hashed_name: &str) -> String {
    format!("{ASSETS}/{hashed_name}")
}

/// Ids that name the generated timeline page in `nav`.
pub fn is_timeline_id(id: &str) -> bool {
    id == TIMELINE_ID || id == "timeline"
}

/// Ids that name the generated overview of all initiatives in `nav`.
pub fn is_overview_id(id: &str) -> bool {
    id == "indsatser" || id == "initiatives"
}

/// Ids that name a generated page in `nav`: the timeline or the overview.
pub fn is_generated_id(id: &str) -> bool {
    is_timeline_id(id) || is_overview_id(id)
}

/// What pejl makes at a generated address, in words (for messages).
pub fn describe(path: &str) -> Words {
    let first = path.split('/').next().unwrap_or(path);
    match first {
        SEARCH_INDEX => Words::new(
            "the search index pejl makes",
            "søgeindekset, som pejl laver",
        ),
        ASSETS => Words::new("the theme's files", "temaets filer"),
        DATA => Words::new("the open data pejl makes", "de åbne data, som pejl laver"),
        FEED => Words::new("the feed pejl makes", "nyhedsfeedet, som pejl laver"),
        SITEMAP => Words::new(
            "the sitemap pejl makes",
            "oversigten til søgemaskiner (sitemap), som pejl laver",
        ),
        ROBOTS => Words::new("the robots.txt pejl makes", "robots.txt, som pejl laver"),
        NOT_FOUND => Words::new(
            "the page pejl shows for an address that does not exist",
            "siden, som pejl viser for en adresse, der ikke findes",
        ),
        _ if path.ends_with(".ics") => {
            Words::new("a calendar pejl makes", "en kalender, som pejl laver")
        }
        _ => Words::new(
            "a page pejl makes itself (an overview, the timeline, the map, the budget, search or data)",
            "en side, som pejl selv laver (en oversigt, tidslinjen, kortet, økonomien, søgning eller data)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_english_addresses() {
        assert_eq!(timeline("da"), "tidslinje/index.html");
        assert_eq!(timeline("en"), "timeline/index.html");
        assert_eq!(search("da"), "soeg/index.html");
        assert_eq!(overview("en"), "initiatives/index.html");
        assert_eq!(
            facet("da", "status", "running"),
            "indsatser/status/running/index.html"
        );
        assert_eq!(budget("da"), "oekonomi/index.html");
        assert_eq!(map("en"), "strategy-map/index.html");
        assert_eq!(
            matrix("idekatalog/index.html", "da"),
            "idekatalog/temaer-og-ideer/index.html"
        );
        assert_eq!(
            calendar_beside("strategier/social/index.html", "da"),
            "strategier/social/kalender.ics"
        );
        assert_eq!(calendar_beside("index.html", "en"), "calendar.ics");
        assert_eq!(data_page(), "data/index.html");
        assert_eq!(glossary("da"), "forkortelser/index.html");
    }
}
