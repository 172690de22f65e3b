//! Markdown bodies: their outline (headings, links) and their HTML.
//!
//! Owns the pulldown-cmark options, heading anchors, the raw-HTML policy and the
//! rewriting of link targets through a caller-supplied function. It must not know
//! where pages live: `link` decides what a link target means.

use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::base::diagnostic::Pos;
use crate::base::slug::AnchorSet;

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
    /// Where it is in the body (line 1 is the body's first line).
    pub pos: Pos,
}

/// A link or image in a body, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    /// Where it is in the body (line 1 is the body's first line).
    pub pos: Pos,
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

/// A body rendered to HTML once, when its file is read, with the addresses
/// of its links left open: where a link points is known only once every page
/// is (`link`), so [`Prepared::fill`] writes them in at render time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prepared {
    /// The HTML around the slots.
    html: Arc<str>,
    /// Byte offset in `html` and what goes there, in order.
    slots: Vec<(usize, Slot)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// The start tag of the outline's link `link`, as pulldown-cmark writes
    /// it; `title` is escaped for the attribute already.
    LinkStart {
        link: usize,
        email: bool,
        title: Option<String>,
    },
    /// Its end tag (nothing when the link is dropped).
    LinkEnd { link: usize },
    /// The address of the outline's image `link`, inside `src="…"`.
    ImageSrc { link: usize },
}

/// Marks a slot in the HTML while it is written. Text that holds it is not
/// prepared (it is rendered at render time instead), so every mark is a slot.
const MARK: char = '\u{E000}';
const MARK_STR: &str = "\u{E000}";

impl Prepared {
    /// The HTML with the slots filled: `target(k)` is what link `k` of the
    /// outline becomes. The same bytes [`render`] gives.
    pub fn fill(&self, target: &dyn Fn(usize) -> Target) -> String {
        let mut out = String::with_capacity(self.html.len() + 80 * self.slots.len());
        let mut at = 0;
        for (offset, slot) in &self.slots {
            out.push_str(&self.html[at..*offset]);
            at = *offset;
            match slot {
                Slot::LinkStart { link, email, title } => {
                    if let Target::Url(url) = target(*link) {
                        out.push_str(if *email {
                            "<a href=\"mailto:"
                        } else {
                            "<a href=\""
                        });
                        let _ = escape_href(&mut out, &url);
                        if let Some(title) = title {
                            out.push_str("\" title=\"");
                            out.push_str(title);
                        }
                        out.push_str("\">");
                    }
                }
                Slot::LinkEnd { link } => {
                    if let Target::Url(_) = target(*link) {
                        out.push_str("</a>");
                    }
                }
                Slot::ImageSrc { link } => {
                    if let Target::Url(url) = target(*link) {
                        let _ = escape_href(&mut out, &url);
                    }
                }
            }
        }
        out.push_str(&self.html[at..]);
        out
    }
}

/// Read the headings and links of a body.
pub fn outline(body: &str) -> Outline {
    read(body, true).0
}

/// Read a body once: its outline and, unless raw HTML is allowed (it is
/// sanitised as a whole at render time) or the text holds `MARK`, its HTML
/// with the links' addresses left open.
pub fn read(body: &str, allow_html: bool) -> (Outline, Option<Prepared>) {
    let prepare = !allow_html && !body.contains(MARK);
    let mut reader = Reader {
        out: Outline::default(),
        anchors: anchor_set(),
        heading: None,
        open: Vec::new(),
        depth: 0,
        allow_html,
        prepare,
        // About one event per 12 bytes of prose; growing the list as it
        // fills copied it over and over (1.6 % of a build).
        events: Vec::with_capacity(if prepare { body.len() / 12 } else { 0 }),
        slots: Vec::new(),
        heading_start: 0,
        links_open: Vec::new(),
        image: None,
        lines: Lines::new(body),
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        reader.outline(&event, range.start);
        if reader.prepare && !reader.image_part(&event) {
            reader.prepare_event(event);
        }
    }
    reader.finish(body)
}

/// One reading of a body: the outline as it is found, and the events of
/// its HTML with slots where links' addresses go (while `prepare` holds).
struct Reader<'a> {
    out: Outline,
    anchors: AnchorSet,
    /// The heading being read: its level, text and place.
    heading: Option<(u8, String, Pos)>,
    /// Links and images being read; their text goes to every one that is
    /// open (an image's alt text also names the link around it).
    open: Vec<usize>,
    depth: usize,
    allow_html: bool,
    prepare: bool,
    events: Vec<Event<'a>>,
    slots: Vec<Slot>,
    heading_start: usize,
    links_open: Vec<usize>,
    /// Inside an image: its alt text is written as pulldown-cmark writes it
    /// (plain, escaped for the attribute); (nesting, escaped title).
    image: Option<(usize, String)>,
    lines: Lines<'a>,
}

impl<'a> Reader<'a> {
    /// What the event adds to the outline: nesting, headings, links, text.
    fn outline(&mut self, event: &Event<'a>, start: usize) {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.out.depth_at.len() {
                    self.out.depth_at.push(start);
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level_num(*level), String::new(), self.lines.pos(start)));
                self.heading_start = self.events.len();
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            // Raw HTML that is not allowed is shown as text, so it is text here too.
            Event::Text(t) | Event::Code(t) => self.gather(t),
            Event::Html(t) | Event::InlineHtml(t) if !self.allow_html => self.gather(t),
            Event::Start(Tag::Image { dest_url, .. }) => self.start_link(dest_url, true, start),
            Event::Start(Tag::Link { dest_url, .. }) => self.start_link(dest_url, false, start),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.open.pop();
            }
            _ => {}
        }
    }

    fn gather(&mut self, t: &str) {
        if let Some((_, text, _)) = self.heading.as_mut() {
            text.push_str(t);
        }
        for &k in &self.open {
            self.out.links[k].text.push_str(t);
        }
    }

    fn end_heading(&mut self) {
        if let Some((level, text, pos)) = self.heading.take() {
            let anchor = self.anchors.unique(&text);
            if self.prepare {
                set_heading_id(&mut self.events, self.heading_start, &anchor);
            }
            self.out.headings.push(Heading {
                level,
                text: text.trim().to_string(),
                anchor,
                pos,
            });
        }
    }

    fn start_link(&mut self, dest: &str, is_image: bool, start: usize) {
        self.open.push(self.out.links.len());
        self.out.links.push(BodyLink {
            dest: dest.to_string(),
            pos: self.lines.pos(start),
            is_image,
            text: String::new(),
        });
    }

    /// Inside an image, its alt text and end as pulldown-cmark writes them;
    /// true when the event was part of an image.
    fn image_part(&mut self, event: &Event<'a>) -> bool {
        let Some((nested, title)) = self.image.as_mut() else {
            return false;
        };
        match event {
            Event::Start(_) => *nested += 1,
            Event::End(_) if *nested > 0 => *nested -= 1,
            Event::End(_) => {
                let mut tail = String::new();
                if !title.is_empty() {
                    tail.push_str("\" title=\"");
                    tail.push_str(title);
                }
                tail.push_str("\" />");
                self.events.push(Event::Html(tail.into()));
                self.image = None;
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                let mut alt = String::new();
                let _ = escape_html(&mut alt, t);
                self.events.push(Event::Html(alt.into()));
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => {
                self.events.push(Event::Html(" ".into()))
            }
            Event::Html(_) => {}
            // Numbered by the writer as it goes: render this body whole later.
            _ => self.prepare = false,
        }
        true
    }

    /// The event as HTML, with slots where links' addresses go.
    fn prepare_event(&mut self, event: Event<'a>) {
        let mark = || Event::Html(CowStr::Borrowed(MARK_STR));
        match event {
            Event::Start(Tag::Link {
                link_type, title, ..
            }) => {
                let link = self.out.links.len() - 1;
                self.links_open.push(link);
                self.slots.push(Slot::LinkStart {
                    link,
                    email: link_type == LinkType::Email,
                    title: (!title.is_empty()).then(|| {
                        let mut t = String::new();
                        let _ = escape_html(&mut t, &title);
                        t
                    }),
                });
                self.events.push(mark());
            }
            Event::End(TagEnd::Link) => {
                let link = self.links_open.pop().unwrap_or_default();
                self.slots.push(Slot::LinkEnd { link });
                self.events.push(mark());
            }
            Event::Start(Tag::Image { title, .. }) => {
                let link = self.out.links.len() - 1;
                let mut escaped = String::new();
                let _ = escape_html(&mut escaped, &title);
                self.image = Some((0, escaped));
                self.slots.push(Slot::ImageSrc { link });
                self.events.push(Event::Html("<img src=\"".into()));
                self.events.push(mark());
                self.events.push(Event::Html("\" alt=\"".into()));
            }
            Event::Html(html) | Event::InlineHtml(html) => self.events.push(Event::Text(html)),
            other => self.events.push(other),
        }
    }

    /// The outline, and the prepared HTML when the body could be prepared.
    fn finish(mut self, body: &str) -> (Outline, Option<Prepared>) {
        for link in &mut self.out.links {
            link.text = link.text.trim().to_string();
        }
        if !self.prepare {
            return (self.out, None);
        }
        let mut writer = Marking {
            html: String::with_capacity(body.len() * 3 / 2),
            marks: Vec::with_capacity(self.slots.len()),
        };
        if pulldown_cmark::html::write_html_fmt(&mut writer, self.events.into_iter()).is_err()
            || writer.marks.len() != self.slots.len()
        {
            return (self.out, None);
        }
        let Marking { html, marks } = writer;
        let prepared = Prepared {
            html: html.into(),
            slots: marks.into_iter().zip(self.slots).collect(),
        };
        (self.out, Some(prepared))
    }
}

/// Writes pulldown-cmark's HTML, noting where each [`MARK`] goes instead of
/// writing it. A mark comes as one write of its own (an `Event::Html`), and
/// no other write is a mark: text holding one is not prepared.
struct Marking {
    html: String,
    marks: Vec<usize>,
}

impl std::fmt::Write for Marking {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if s == MARK_STR {
            self.marks.push(self.html.len());
        } else {
            self.html.push_str(s);
        }
        Ok(())
    }
}

/// Byte offsets of a body to positions, for offsets that come in order: each
/// stretch of text is scanned once, however many positions lie on one line.
struct Lines<'a> {
    text: &'a str,
    /// The last offset asked for, and its line and column.
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            return Pos::of_offset(self.text, offset);
        }
        let Some(between) = self.text.get(self.at..offset) else {
            return Pos::of_offset(self.text, offset);
        };
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.col = between[last + 1..].chars().count() + 1;
            }
            None => self.col += between.chars().count(),
        }
        self.at = offset;
        Pos::new(self.line, self.col)
    }
}

fn anchor_set() -> AnchorSet {
    AnchorSet::with_reserved(RESERVED_ANCHORS)
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
                    let text: String = events[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let anchor = anchors.unique(&text);
                    set_heading_id(&mut events, start, &anchor);
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

fn set_heading_id(events: &mut [Event], start: usize, anchor: &str) {
    if let Some(Event::Start(Tag::Heading {
        level,
        classes,
        attrs,
        ..
    })) = events.get(start)
    {
        events[start] = Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(anchor.to_string())),
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

    #[test]
    fn positions_in_order_are_those_counted_from_the_start() {
        let text =
            "# Æble\n\nEt [link](a.md) og [ét til](b.md) på linjen.\n\n\n- [ø](c.md)\r\nslut";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Every offset in turn, and every third, as links and headings come.
        for step in [1, 3] {
            let mut lines = Lines::new(text);
            for &at in offsets.iter().step_by(step) {
                assert_eq!(lines.pos(at), Pos::of_offset(text, at), "offset {at}");
            }
        }
        // An offset behind the last one asked for is still right.
        let mut lines = Lines::new(text);
        lines.pos(text.len());
        assert_eq!(lines.pos(12), Pos::of_offset(text, 12));
    }

    fn keep(dest: &str) -> Target {
        Target::Url(dest.to_string())
    }

    /// What `read` prepares, filled in, is byte for byte what `render` makes.
    fn same_as_render(body: &str) {
        let rewrite = |d: &str| {
            if d.starts_with("javascript:") {
                Target::Drop
            } else {
                Target::Url(format!("../{d}?a=1&b=\"2\""))
            }
        };
        let (outline, prepared) = read(body, false);
        let prepared = prepared.unwrap_or_else(|| panic!("not prepared: {body:?}"));
        let filled = prepared.fill(&|k| rewrite(&outline.links[k].dest));
        assert_eq!(filled, render(body, false, &rewrite), "{body}");
    }

    #[test]
    fn a_prepared_body_fills_in_to_what_render_makes() {
        for body in [
            "# Titel\n\nTekst med [et link](a.md) og [et andet](b.md#x \"Titel & co\").\n",
            "![Et *billede* med `kode`](billede.png \"titel\") og ![](tom.png)\n",
            "[![alt](i.png)](side.md) <kontakt@ishoej.dk> <https://example.dk/a b>\n",
            "[farlig](javascript:alert(1)) og ![farlig](javascript:x) efter\n",
            "## `kode` i *overskrift*\n\n## `kode` i *overskrift*\n\n### Økonomi\n",
            "Tekst[^1] med <b>html</b>\n\n<div>blok</div>\n\n[^1]: Note med [link](n.md).\n",
            "| a | [b](b.md) |\n|---|---|\n| ![c](c.png) | d |\n\n> citat [e](e.md)\n",
            "![alt med\nlinjeskift og [indre](x.md)](y.png)\n",
            "[ref]\n\n[ref]: ref.md \"Ref\"\n",
            "Ingen links overhovedet.\n",
            // Raw HTML shown as text is part of a heading's anchor.
            "[a](O>e\0*`''*\0\0dds\"\n\"\n-\n\u{e},&) <O>e\0dds\"\n\"\n-\n",
            "## Om <em>os</em>\n",
        ] {
            same_as_render(body);
        }
        // Every page of both example portals.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in ["content", "examples/kalundborg/content"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                if entry.path().extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(entry.path()).unwrap();
                    let body = text.splitn(3, "---").nth(2).unwrap_or(&text);
                    same_as_render(body);
                    seen += 1;
                }
            }
        }
        assert!(seen > 80, "{seen}");
    }

    #[test]
    fn text_holding_the_mark_or_allowed_html_is_rendered_later() {
        assert!(read("a \u{E000} b", false).1.is_none());
        same_as_render("![x[^1]](y.png)\n\n[^1]: n\n");
        assert!(read("<b>x</b>", true).1.is_none());
        assert!(read("plain", false).1.is_some());
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let (o, _) = read("# Æøå\n\nTekst æ [a](b.md)\n\n![c](d.png)\n", false);
        assert_eq!(o.headings[0].pos, Pos::new(1, 1));
        assert_eq!(o.links[0].pos, Pos::new(3, 9));
        assert_eq!(o.links[1].pos, Pos::new(5, 1));
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
