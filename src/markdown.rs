//! Markdown bodies: their outline (headings, links) and their HTML.
//!
//! Owns the pulldown-cmark options, heading anchors, the raw-HTML policy and the
//! rewriting of link targets through a caller-supplied function. It must not know
//! where pages live: `link` decides what a link target means.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::slug::AnchorSet;

/// Anchors the layout itself uses, which headings must not take.
pub const RESERVED_ANCHORS: &[&str] = &["indhold", "main", "top"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What a body contains that other pages and checks care about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<BodyLink>,
    /// How deep blocks and inlines nest (lists in lists, emphasis in quotes
    /// …): the byte offset where each depth is first reached, so
    /// `depth_at.len()` is the deepest. What `limits` checks.
    pub depth_at: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    /// Byte offset of the heading in the body.
    pub offset: usize,
}

/// A link or image in a body, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub is_image: bool,
    /// The link's text, or the image's alt text, as plain text.
    pub text: String,
}

/// What to do with a link target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Write this URL instead.
    Url(String),
    /// Keep the link text but drop the link (unsafe or broken target).
    Drop,
}

/// Read the headings and links of a body.
pub fn outline(body: &str) -> Outline {
    let mut out = Outline::default();
    let mut anchors = anchor_set();
    let mut heading: Option<(u8, String, usize)> = None;
    // Links and images being read; their text goes to every one that is open
    // (an image's alt text also names the link around it).
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > out.depth_at.len() {
                    out.depth_at.push(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_num(level), String::new(), range.start))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, offset)) = heading.take() {
                    let anchor = anchors.unique(&text);
                    out.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        anchor,
                        offset,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
                for &k in &open {
                    out.links[k].text.push_str(&t);
                }
            }
            Event::Start(ref tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (dest, is_image) = match tag {
                    Tag::Image { dest_url, .. } => (dest_url.to_string(), true),
                    Tag::Link { dest_url, .. } => (dest_url.to_string(), false),
                    _ => continue,
                };
                open.push(out.links.len());
                out.links.push(BodyLink {
                    dest,
                    offset: range.start,
                    is_image,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open.pop();
            }
            _ => {}
        }
    }
    for link in &mut out.links {
        link.text = link.text.trim().to_string();
    }
    out
}

fn anchor_set() -> AnchorSet {
    let mut set = AnchorSet::default();
    RESERVED_ANCHORS.iter().for_each(|a| set.reserve(a));
    set
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

/// Render a body to HTML. `rewrite` maps each link target as written to what to emit.
/// Raw HTML is escaped unless `allow_html`, in which case the result is sanitised.
pub fn render(body: &str, allow_html: bool, rewrite: &dyn Fn(&str) -> Target) -> String {
    let mut anchors = anchor_set();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut dropped_links = 0usize;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading_start = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_start.take() {
                    set_heading_id(&mut events, start, &mut anchors);
                }
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match rewrite(&dest_url) {
                Target::Url(url) => events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                Target::Drop => dropped_links += 1,
            },
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = match rewrite(&dest_url) {
                    Target::Url(url) => url,
                    Target::Drop => String::new(),
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                }));
            }
            Event::Html(html) | Event::InlineHtml(html) if !allow_html => {
                events.push(Event::Text(html))
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if allow_html { sanitise(&html) } else { html }
}

fn set_heading_id(events: &mut [Event], start: usize, anchors: &mut AnchorSet) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading {
        level,
        classes,
        attrs,
        ..
    }) = &events[start]
    {
        let anchor = anchors.unique(&text);
        events[start] = Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(anchor)),
            classes: classes.clone(),
            attrs: attrs.clone(),
        });
    }
}

/// Clean HTML that authors were allowed to write: no scripts, no event handlers,
/// no `javascript:` URLs; ids and classes kept for anchors and styling.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .clean(html)
        .to_string()
}

/// Plain text of a body (for search and summaries): no markup.
pub fn plain_text(body: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(dest: &str) -> Target {
        Target::Url(dest.to_string())
    }

    #[test]
    fn headings_get_danish_anchors() {
        let html = render(
            "## Sammenhæng på tværs\n\n## Sammenhæng på tværs\n",
            false,
            &keep,
        );
        assert!(
            html.contains("<h2 id=\"sammenhaeng-paa-tvaers\">"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"sammenhaeng-paa-tvaers-1\">"),
            "{html}"
        );
    }

    #[test]
    fn outline_and_render_agree_on_anchors() {
        let body = "# Indhold\n\n## Økonomi\n\n### Økonomi\n";
        let o = outline(body);
        let html = render(body, false, &keep);
        for h in &o.headings {
            assert!(html.contains(&format!("id=\"{}\"", h.anchor)), "{html}");
        }
        assert_eq!(o.headings[0].anchor, "indhold-1");
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let html = render(
            "Hej <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
            false,
            &keep,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn allowed_html_is_sanitised() {
        let html = render(
            "<div class=\"x\" onclick=\"evil()\">ok</div><script>bad()</script>\n",
            true,
            &keep,
        );
        assert!(html.contains("<div class=\"x\">"), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("<script"),
            "{html}"
        );
    }

    #[test]
    fn links_are_rewritten_or_dropped() {
        let rewrite = |d: &str| {
            if d.starts_with("javascript:") {
                Target::Drop
            } else {
                Target::Url(format!("X{d}"))
            }
        };
        let html = render("[a](b.md) [c](javascript:alert(1))", false, &rewrite);
        assert!(html.contains("<a href=\"Xb.md\">a</a>"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(" c"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough_and_smart_quotes() {
        let html = render(
            "|a|b|\n|-|-|\n|1|2|\n\n~~x~~ \"q\" fn[^1]\n\n[^1]: note\n",
            false,
            &keep,
        );
        assert!(
            html.contains("<table>") && html.contains("<del>x</del>"),
            "{html}"
        );
        assert!(html.contains("“q”"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
