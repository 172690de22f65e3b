//! The strategy map: the whole hierarchy from visions and their bearings down
//! through strategies, focus areas and goals to indicators and initiatives,
//! as a nested list drawn as a tree (so the picture and its text alternative
//! are one), with the initiatives' statuses counted up the tree. Each
//! strategy, focus area, goal, indicator and initiative page shows its
//! strategy's part of the map, itself marked.

use std::collections::{BTreeMap, BTreeSet};

use super::Ctx;
use crate::content::model::KindData;
use crate::content::schema::Kind;
use crate::render::context::*;
use crate::site::link::{Rel, bearing_anchor};

/// How deep the tree may go (vision → strategy → focus area → goal → initiative).
const DEPTH: usize = 6;

/// A node while the map is built.
struct MapNode {
    link: Link,
    counts: Shared<Vec<StatusCount>>,
    children: Vec<MapNode>,
    current: bool,
}

/// The trees as a depth-first list (see [`MapCtx`]).
fn flatten(nodes: Vec<MapNode>, depth: usize, out: &mut Vec<MapItem>) {
    for node in nodes {
        let has_children = !node.children.is_empty();
        out.push(MapItem {
            link: node.link,
            counts: node.counts,
            current: node.current,
            depth,
            has_children,
            closes: 0,
        });
        if has_children {
            flatten(node.children, depth + 1, out);
            if let Some(last) = out.last_mut() {
                last.closes += 1;
            }
        }
    }
}

fn map_ctx(roots: Vec<MapNode>, url: String) -> MapCtx {
    let mut items = Vec::new();
    flatten(roots, 0, &mut items);
    MapCtx { items, url }
}

impl Ctx<'_> {
    /// The children of page `i` on the map.
    fn map_children(&self, i: usize) -> Vec<usize> {
        let site = self.site;
        let rels: &[Rel] = match site.entries[i].kind {
            Kind::Vision => &[Rel::Strategies],
            Kind::Strategy => &[Rel::FocusAreas, Rel::Goals, Rel::DirectInitiatives],
            Kind::FocusArea => &[Rel::Goals],
            Kind::Goal => &[Rel::Indicators, Rel::PrimaryInitiatives],
            _ => &[],
        };
        rels.iter()
            .flat_map(|&r| site.related(i, r).iter().copied())
            .collect()
    }

    fn map_node(
        &self,
        i: usize,
        current: Option<usize>,
        depth: usize,
    ) -> (MapNode, BTreeSet<usize>) {
        let site = self.site;
        let mut initiatives = BTreeSet::new();
        if site.entries[i].kind == Kind::Initiative {
            initiatives.insert(i);
        }
        let mut children = Vec::new();
        if depth < DEPTH {
            for c in self.map_children(i) {
                let (node, below) = self.map_node(c, current, depth + 1);
                initiatives.extend(below);
                children.push(node);
            }
        }
        if let KindData::Vision(v) = &site.entries[i].data {
            let bearings = v.bearings.iter().map(|b| MapNode {
                link: Link::new(LinkFields {
                    title: b.title.clone(),
                    url: format!("{}#{}", site.urls[i], bearing_anchor(&b.id)),
                    kind: "bearing".into(),
                    kind_label: self.t("kind_bearing"),
                    summary: None,
                    status: None,
                    date: None,
                    context: None,
                    next_follow_up: None,
                }),
                counts: Shared::new(Vec::new()),
                children: Vec::new(),
                current: false,
            });
            children.splice(0..0, bearings);
        }
        let node = MapNode {
            link: self.link(i),
            counts: Shared::new(if site.entries[i].kind == Kind::Initiative {
                Vec::new()
            } else {
                self.status_counts(&initiatives)
            }),
            children,
            current: current == Some(i),
        };
        (node, initiatives)
    }

    /// How many of `initiatives` have each status, in the order of the statuses.
    fn status_counts(&self, initiatives: &BTreeSet<usize>) -> Vec<StatusCount> {
        let mut counts: BTreeMap<usize, (String, usize)> = BTreeMap::new();
        for &i in initiatives {
            let link = self.link(i);
            let Some(status) = &link.status else {
                continue;
            };
            let order = crate::site::vocabulary::status_ids(self.config)
                .iter()
                .position(|s| *s == status.id)
                .unwrap_or(usize::MAX);
            counts.entry(order).or_insert((status.id.clone(), 0)).1 += 1;
        }
        counts
            .into_values()
            .map(|(id, count)| StatusCount {
                label: self.t(&format!("status_{id}")),
                id,
                count,
            })
            .collect()
    }

    /// The whole map: every vision, and strategies that serve none.
    fn map_roots(&self, current: Option<usize>) -> Vec<MapNode> {
        let site = self.site;
        let mut roots: Vec<usize> = (0..site.entries.len())
            .filter(|&i| match &site.entries[i].data {
                KindData::Vision(_) => true,
                KindData::Strategy(_) => site.referenced(i, "vision").is_none(),
                _ => false,
            })
            .collect();
        roots.sort_by_cached_key(|&i| crate::site::link::order_key(&site.entries[i]));
        roots
            .into_iter()
            .map(|i| self.map_node(i, current, 0).0)
            .collect()
    }

    /// The page of the whole map.
    pub fn map_page(&self) -> PageCtx {
        let url = crate::base::routes::map(&self.config.language);
        let mut page = self.generated_page("map", &self.t("map_title"), url);
        page.map = Some(map_ctx(
            self.map_roots(None),
            crate::base::routes::map(&self.config.language),
        ));
        page
    }

    /// The initiatives at or below page `i` on the map.
    fn initiatives_below(&self, i: usize, depth: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        if self.site.entries[i].kind == Kind::Initiative {
            out.insert(i);
        }
        if depth < DEPTH {
            for c in self.map_children(i) {
                out.extend(self.initiatives_below(c, depth + 1));
            }
        }
        out
    }

    /// A node with its counts but no children yet.
    fn bare_node(&self, i: usize, current: usize) -> MapNode {
        let counts = if self.site.entries[i].kind == Kind::Initiative {
            Shared::new(Vec::new())
        } else {
            let all = self.map_counts.get_or_init(|| {
                let site = self.site;
                (0..site.entries.len())
                    .filter(|&p| {
                        matches!(
                            site.entries[p].kind,
                            Kind::Strategy | Kind::FocusArea | Kind::Goal
                        )
                    })
                    .map(|p| {
                        let counts = self.status_counts(&self.initiatives_below(p, 0));
                        (p, Shared::new(counts))
                    })
                    .collect()
            });
            all.get(&i).cloned().unwrap_or_default()
        };
        MapNode {
            link: self.link(i),
            counts,
            children: Vec::new(),
            current: i == current,
        }
    }

    /// Where a page sits: the path from its strategy down to it, and the
    /// page's own children. Small on purpose: it is on every page.
    pub(super) fn map_of(&self, i: usize) -> Option<MapCtx> {
        let site = self.site;
        let mut path: Vec<usize> = site.ancestors(i);
        path.push(i);
        let from = path
            .iter()
            .position(|&a| site.entries[a].kind == Kind::Strategy)?;
        let path = &path[from..];
        let mut node = self.bare_node(i, i);
        node.children = self
            .map_children(i)
            .into_iter()
            .map(|c| self.bare_node(c, i))
            .collect();
        for &above in path.iter().rev().skip(1) {
            let mut parent = self.bare_node(above, i);
            parent.children = vec![node];
            node = parent;
        }
        Some(map_ctx(
            vec![node],
            crate::base::routes::map(&self.config.language),
        ))
    }
}
