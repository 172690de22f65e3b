//! The Atom feed of what has happened in the portal, and `robots.txt`.
//!
//! The feed holds the follow-ups and milestones whose date has come, and the
//! initiatives whose status was confirmed, newest first. Its dates come from
//! the content, not the clock, so the same sources give the same feed.

use std::fmt::Write as _;

use crate::base::{OutputFile, xml_escape};
use crate::config::Config;
use crate::content::model::KindData;
use crate::site::link::Site;
use crate::site::timeline::Timeline;

/// Where the feed is, from the root of the site.
pub const FEED: &str = crate::base::routes::FEED;
/// How many entries the feed keeps.
const ENTRIES: usize = 50;

/// Words the entries are written with, from the theme's strings.
pub struct FeedLabels<'a> {
    pub follow_up: &'a str,
    pub milestone: &'a str,
    pub status: &'a str,
    pub status_label: &'a dyn Fn(&str) -> String,
}

struct Item {
    id: String,
    title: String,
    date: chrono::NaiveDate,
    url: String,
    summary: Option<String>,
}

/// `feed.xml` and `robots.txt`.
pub fn files(
    site: &Site,
    config: &Config,
    timeline: &Timeline,
    today: chrono::NaiveDate,
    labels: &FeedLabels,
) -> Vec<OutputFile> {
    let base = config.base_url().unwrap_or_default();
    let host = crate::render::ical::host(config);
    let page_url = |i: usize| format!("{base}{}", site.urls[i].trim_end_matches("index.html"));
    let mut items = dated_items(site, timeline, today, labels, &host, &page_url);
    items.extend(status_items(site, today, labels, &host, &page_url));
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    items.truncate(ENTRIES);
    let mut robots = String::from("User-agent: *\n");
    if config.cms.is_some() {
        // The editor is for staff, not for search engines.
        let path = crate::render::cms::site_path(config);
        let _ = writeln!(robots, "Disallow: {path}{}/", crate::render::cms::FOLDER);
    }
    robots.push_str("Allow: /\n");
    if !base.is_empty() {
        let _ = writeln!(robots, "Sitemap: {base}sitemap.xml");
    }
    vec![
        OutputFile::new(FEED, atom(config, &base, &host, &items, today).into_bytes()),
        OutputFile::new(crate::base::routes::ROBOTS, robots.into_bytes()),
    ]
}

/// The follow-ups and milestones whose day has come.
fn dated_items(
    site: &Site,
    timeline: &Timeline,
    today: chrono::NaiveDate,
    labels: &FeedLabels,
    host: &str,
    page_url: &dyn Fn(usize) -> String,
) -> Vec<Item> {
    timeline
        .items
        .iter()
        .filter(|d| d.what.is_event() && d.period.start <= today)
        .map(|d| {
            let e = &site.entries[d.page];
            let label = match d.what {
                crate::site::timeline::What::FollowUp => labels.follow_up,
                _ => labels.milestone,
            };
            let mut summary = d.period.text.clone();
            for part in [&d.forum, &d.text, &d.outcome].into_iter().flatten() {
                let _ = write!(summary, " · {part}");
            }
            Item {
                id: format!("tag:{host},2000:{}/{}-{}", e.id, d.what.name(), d.seq),
                title: format!("{label}: {}", e.common.title),
                date: d.period.start,
                url: page_url(d.page),
                summary: Some(summary),
            }
        })
        .collect()
}

/// The initiatives' statuses, confirmed on a day that has come.
fn status_items(
    site: &Site,
    today: chrono::NaiveDate,
    labels: &FeedLabels,
    host: &str,
    page_url: &dyn Fn(usize) -> String,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        let KindData::Initiative(x) = &e.data else {
            continue;
        };
        let (Some(status), Some(date)) = (&x.status, &x.status_date) else {
            continue;
        };
        let Some(p) = site.dates.get(date) else {
            continue;
        };
        if p.start > today {
            continue;
        }
        let label = (labels.status_label)(status);
        items.push(Item {
            id: format!("tag:{host},2000:{}/status-{}", e.id, p.start),
            title: format!("{}: {} – {label}", labels.status, e.common.title),
            date: p.start,
            url: page_url(i),
            summary: x.status_note.clone(),
        });
    }
    items
}

/// The Atom document of the items.
fn atom(
    config: &Config,
    base: &str,
    host: &str,
    items: &[Item],
    today: chrono::NaiveDate,
) -> String {
    let updated = items.first().map_or(today, |i| i.date);
    let stamp = |d: chrono::NaiveDate| format!("{}T00:00:00Z", d.format("%Y-%m-%d"));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if !base.is_empty() {
        let _ = write!(xml, " xml:base=\"{}\"", xml_escape(base));
    }
    let _ = write!(
        xml,
        " xml:lang=\"{}\">\n  <title>{}</title>\n  <id>tag:{host},2000:feed</id>\n  <updated>{}</updated>\n  <link rel=\"self\" href=\"{}{FEED}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <author><name>{}</name></author>\n  <generator>pejl</generator>\n",
        xml_escape(&config.language),
        xml_escape(&config.title),
        stamp(updated),
        xml_escape(base),
        if base.is_empty() {
            "./".to_string()
        } else {
            xml_escape(base)
        },
        xml_escape(config.organisation.as_deref().unwrap_or(&config.title)),
    );
    for item in items {
        let _ = write!(
            xml,
            "  <entry>\n    <id>{}</id>\n    <title>{}</title>\n    <updated>{}</updated>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&item.id),
            xml_escape(&item.title),
            stamp(item.date),
            xml_escape(&item.url),
        );
        if let Some(s) = &item.summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(s));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
