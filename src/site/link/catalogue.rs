//! Checks that keep an idea catalogue whole: an idea's themes and main
//! initiative belong to the idea's own catalogue, and no two themes, ideas or
//! main initiatives of one catalogue share a number.

use std::collections::HashMap;

use super::Site;
use crate::base::diagnostic::{Diagnostic, Pos};
use crate::content::model::KindData;

pub(super) fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &site.entries {
        let KindData::Idea(x) = &e.data else {
            continue;
        };
        let own = &x.catalogue;
        for r in e
            .refs
            .iter()
            .filter(|r| r.field == "themes" || r.field == "main_initiative")
        {
            let Some(t) = site.id_target(&r.target) else {
                continue;
            };
            let Some(theirs) = site.entries[t].catalogue() else {
                continue;
            };
            if theirs != own {
                let target = &r.target;
                out.push(
                    Diagnostic::error(crate::words!(
                        "\"{target}\" belongs to the catalogue \"{theirs}\", but this idea belongs to \"{own}\"",
                        "\"{target}\" hører til idékataloget \"{theirs}\", men denne idé hører til \"{own}\""
                    ))
                    .in_file(&e.display)
                    .at(r.pos)
                    .with_help(crate::words!(
                        "name a theme or main initiative of \"{own}\", or change the idea's `catalogue`",
                        "skriv et tema eller en hovedindsats fra \"{own}\", eller ret idéens `catalogue`"
                    )),
                );
            }
        }
    }
    out.extend(duplicate_numbers(site));
    out
}

/// Two pages of one kind and catalogue with the same number.
fn duplicate_numbers(site: &Site) -> Vec<Diagnostic> {
    let mut first: HashMap<(&str, crate::content::schema::Kind, i64), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        let (Some(catalogue), Some(number)) = (e.catalogue(), e.number()) else {
            continue;
        };
        let key = (catalogue, e.kind, number);
        match first.get(&key) {
            None => {
                first.insert(key, i);
            }
            Some(&f) => {
                let other = site.entries[f].display.display().to_string();
                out.push(
                    Diagnostic::error(crate::words!(
                        "number {number} is already used by {other}",
                        "nummer {number} bruges allerede af {other}"
                    ))
                    .in_file(&e.display)
                    .at(e.number_pos().unwrap_or(Pos::new(1, 1)))
                    .with_help(crate::words!(
                        "give each page of the catalogue its own number; the catalogue lists them in number order",
                        "giv hver side i kataloget sit eget nummer; kataloget viser dem i nummerorden"
                    )),
                );
            }
        }
    }
    out
}
