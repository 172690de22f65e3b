//! Open data of idea catalogues: every catalogue with its themes, main
//! initiatives and ideas in one JSON file, and one CSV file each of ideas,
//! themes and main initiatives.

use serde::Serialize;

use super::{Csv, FileDoc};
use crate::content::model::KindData;
use crate::content::schema::Kind;
use crate::site::link::Site;

/// The files, in the order [`files`] returns them.
pub const FILES: &[FileDoc] = &[
    FileDoc {
        name: "catalogues.json",
        about: (
            "Alle {catalogues} med deres {themes}, {main_initiatives} og {ideas}, i én JSON-fil. Felterne er de samme som i CSV-filerne.",
            "Every {catalogue} with its {themes}, {main_initiatives} and {ideas}, in one JSON file. The fields are those of the CSV files.",
        ),
        columns: &[],
    },
    FileDoc {
        name: "ideas.csv",
        about: ("En række pr. {idea}.", "One row per {idea}."),
        columns: &[
            ("catalogue", "{the_catalogue}s id", "{the_catalogue}'s id"),
            (
                "number",
                "{the_idea}s nummer i {the_catalogue}",
                "{the_idea}'s number in {the_catalogue}",
            ),
            (
                "id",
                "{the_idea}s id (filnavnet)",
                "{the_idea}'s id (its file name)",
            ),
            ("title", "titel", "title"),
            ("url", "sidens adresse", "the page's address"),
            ("summary", "kort beskrivelse", "short description"),
            (
                "themes",
                "id'erne på de {themes}, {the_idea} dækker, adskilt af semikolon",
                "the ids of {the_themes} {the_idea} covers, separated by semicolons",
            ),
            (
                "main_initiative",
                "id'et på {main_initiative:den|det} {main_initiative}, {the_idea} hører til",
                "the id of {the_main_initiative} {the_idea} belongs to",
            ),
        ],
    },
    FileDoc {
        name: "themes.csv",
        about: ("En række pr. {theme}.", "One row per {theme}."),
        columns: &[
            ("catalogue", "{the_catalogue}s id", "{the_catalogue}'s id"),
            ("number", "{the_theme}s nummer", "{the_theme}'s number"),
            ("id", "{the_theme}s id", "{the_theme}'s id"),
            ("title", "titel", "title"),
            ("url", "sidens adresse", "the page's address"),
            ("summary", "kort beskrivelse", "short description"),
            (
                "ideas",
                "antal {ideas}, der dækker {the_theme}",
                "number of {ideas} that cover {the_theme}",
            ),
        ],
    },
    FileDoc {
        name: "main-initiatives.csv",
        about: (
            "En række pr. {main_initiative}.",
            "One row per {main_initiative}.",
        ),
        columns: &[
            ("catalogue", "{the_catalogue}s id", "{the_catalogue}'s id"),
            (
                "number",
                "{the_main_initiative}s nummer",
                "{the_main_initiative}'s number",
            ),
            (
                "id",
                "{the_main_initiative}s id",
                "{the_main_initiative}'s id",
            ),
            ("title", "titel", "title"),
            ("url", "sidens adresse", "the page's address"),
            ("summary", "kort beskrivelse", "short description"),
            (
                "ideas",
                "antal {ideas} i {the_main_initiative}",
                "number of {ideas} in {the_main_initiative}",
            ),
        ],
    },
];

#[derive(Serialize)]
struct Part {
    number: i64,
    id: String,
    title: String,
    url: String,
    summary: Option<String>,
    /// Themes: ideas that cover it; main initiatives: ideas in it.
    ideas: usize,
}

#[derive(Serialize)]
struct Idea {
    number: i64,
    id: String,
    title: String,
    url: String,
    summary: Option<String>,
    themes: Vec<String>,
    main_initiative: Option<String>,
}

#[derive(Serialize)]
struct AdministrativeIdea {
    title: String,
    themes: Vec<String>,
}

#[derive(Serialize)]
struct Catalogue {
    id: String,
    title: String,
    url: String,
    date: Option<String>,
    themes: Vec<Part>,
    main_initiatives: Vec<Part>,
    ideas: Vec<Idea>,
    /// Ideas the catalogue names only, as worked on administratively.
    administrative_ideas: Vec<AdministrativeIdea>,
}

#[derive(Serialize)]
struct Dataset<'a> {
    site: &'a str,
    generated: String,
    catalogues: Vec<Catalogue>,
}

/// Whether the site has idea catalogues (and so these files).
pub fn has_catalogues(site: &Site) -> bool {
    site.entries.iter().any(|e| e.kind == Kind::Catalogue)
}

/// The JSON file and the three CSV files, with the site's title and date.
pub fn files(
    site: &Site,
    title: &str,
    generated: String,
    url: &dyn Fn(usize) -> String,
) -> [Vec<u8>; 4] {
    let catalogues: Vec<Catalogue> = (0..site.entries.len())
        .filter(|&c| site.entries[c].kind == Kind::Catalogue)
        .map(|c| catalogue(site, c, url))
        .collect();
    let mut ideas = Csv::new(FILES[1].columns);
    let mut themes = Csv::new(FILES[2].columns);
    let mut mains = Csv::new(FILES[3].columns);
    for c in &catalogues {
        for i in &c.ideas {
            ideas.row(&[
                &c.id,
                &i.number.to_string(),
                &i.id,
                &i.title,
                &i.url,
                i.summary.as_deref().unwrap_or(""),
                &i.themes.join("; "),
                i.main_initiative.as_deref().unwrap_or(""),
            ]);
        }
        for (csv, parts) in [(&mut themes, &c.themes), (&mut mains, &c.main_initiatives)] {
            for p in parts {
                csv.row(&[
                    &c.id,
                    &p.number.to_string(),
                    &p.id,
                    &p.title,
                    &p.url,
                    p.summary.as_deref().unwrap_or(""),
                    &p.ideas.to_string(),
                ]);
            }
        }
    }
    let dataset = Dataset {
        site: title,
        generated,
        catalogues,
    };
    let json = serde_json::to_string_pretty(&dataset).unwrap_or_else(|_| "{}".into());
    [
        format!("{json}\n").into_bytes(),
        ideas.finish(),
        themes.finish(),
        mains.finish(),
    ]
}

/// Catalogue `c` with its parts, each in the order of its number.
fn catalogue(site: &Site, c: usize, url: &dyn Fn(usize) -> String) -> Catalogue {
    let e = &site.entries[c];
    let of = |i: usize| site.referenced(i, "catalogue") == Some(c);
    let mut ideas: Vec<Idea> = Vec::new();
    let mut themes: Vec<(usize, i64)> = Vec::new();
    let mut mains: Vec<(usize, i64)> = Vec::new();
    for (i, x) in site.entries.iter().enumerate().filter(|(i, _)| of(*i)) {
        match &x.data {
            KindData::Idea(d) => ideas.push(Idea {
                number: d.number,
                id: x.id.clone(),
                title: x.common.title.clone(),
                url: url(i),
                summary: x.common.summary.clone(),
                themes: d.themes.clone(),
                main_initiative: d.main_initiative.clone(),
            }),
            KindData::Theme(d) => themes.push((i, d.number)),
            KindData::MainInitiative(d) => mains.push((i, d.number)),
            _ => {}
        }
    }
    ideas.sort_by_key(|i| i.number);
    let part = |(i, number): (usize, i64), count: &dyn Fn(&Idea) -> bool| Part {
        number,
        id: site.entries[i].id.clone(),
        title: site.entries[i].common.title.clone(),
        url: url(i),
        summary: site.entries[i].common.summary.clone(),
        ideas: ideas.iter().filter(|x| count(x)).count(),
    };
    themes.sort_by_key(|t| t.1);
    mains.sort_by_key(|m| m.1);
    let themes = themes
        .into_iter()
        .map(|t| part(t, &|x| x.themes.contains(&site.entries[t.0].id)))
        .collect();
    let main_initiatives = mains
        .into_iter()
        .map(|m| {
            part(m, &|x| {
                x.main_initiative.as_deref() == Some(&site.entries[m.0].id)
            })
        })
        .collect();
    let (date, administrative_ideas) = match &e.data {
        KindData::Catalogue(d) => (
            d.date.clone(),
            d.administrative_ideas
                .iter()
                .map(|a| AdministrativeIdea {
                    title: a.title.clone(),
                    themes: a.themes.clone(),
                })
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    Catalogue {
        id: e.id.clone(),
        title: e.common.title.clone(),
        url: url(c),
        date,
        themes,
        main_initiatives,
        ideas,
        administrative_ideas,
    }
}
