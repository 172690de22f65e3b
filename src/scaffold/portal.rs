//! The starter portal of `pejl init`: a short example page of every kind,
//! linked to each other, each listing every field its kind accepts with a
//! comment that explains it (fields the example does not use are commented
//! out), and a `pejl.yaml` with every setting explained. It builds as it is.

use super::{NewFile, front_matter};
use crate::base::diagnostic::Lang;
use crate::content::schema::Kind;

mod words;

/// One example page: its file, kind, title, the fields it fills in (as YAML
/// values) and its text.
struct Example {
    path: &'static str,
    kind: Kind,
    title: &'static str,
    values: &'static [(&'static str, &'static str)],
    body: &'static str,
}

const EXAMPLES: &[Example] = &[
    Example {
        path: "content/_index.md",
        kind: Kind::Section,
        title: "Forside",
        values: &[],
        body: "Velkommen til portalen. Her kan du læse kommunens [vision](vision.md), \
               [strategier](strategier/_index.md) og [idékatalog](idekatalog.md).\n",
    },
    Example {
        path: "content/vision.md",
        kind: Kind::Vision,
        title: "Vores vision",
        values: &[
            ("summary", "\"Et godt liv for alle borgere.\""),
            (
                "bearings",
                "\n  - id: faellesskab\n    title: Fællesskab\n    text: Alle borgere kan være en del af fællesskabet.",
            ),
            ("weight", "1"),
        ],
        body: "Skriv visionen her. Pejlemærkerne ovenfor vises på siden, og strategierne \
               kan henvise til dem.\n",
    },
    Example {
        path: "content/strategier/_index.md",
        kind: Kind::Section,
        title: "Strategier",
        values: &[],
        body: "Kommunens strategier.\n",
    },
    Example {
        path: "content/strategier/min-strategi.md",
        kind: Kind::Strategy,
        title: "Min strategi",
        values: &[
            ("vision", "vision"),
            ("bearings", "[faellesskab]"),
            ("area", "Socialområdet"),
            ("period", "\"2026-2029\""),
            ("source", "mit-dokument"),
        ],
        body: "Skriv strategien her. Se fx [målet](../maal/mit-maal.md).\n",
    },
    Example {
        path: "content/fokusomraader/mit-fokusomraade.md",
        kind: Kind::FocusArea,
        title: "Mit fokusområde",
        values: &[
            ("strategy", "min-strategi"),
            ("citizens_wishes", "[\"At der er nogen at tale med.\"]"),
            ("success_intro", "\"Vi kan se, at vi lykkes, når:\""),
        ],
        body: "Hvad fokusområdet handler om.\n",
    },
    Example {
        path: "content/maal/mit-maal.md",
        kind: Kind::Goal,
        title: "Mit mål",
        values: &[("focus_area", "mit-fokusomraade")],
        body: "Hvad målet er, og hvordan vi ser, at det er nået.\n",
    },
    Example {
        path: "content/indikatorer/min-indikator.md",
        kind: Kind::Indicator,
        title: "Andel borgere, der klarer sig selv",
        values: &[
            ("goal", "mit-maal"),
            ("unit", "\"%\""),
            ("direction", "higher"),
            ("baseline", "{ value: 62, period: \"2025\" }"),
            ("target", "{ value: 75, period: \"2029\" }"),
            (
                "measurements",
                "\n  - period: \"2026\"\n    value: \"64,5\"\n    note: \"Et eksempel – skriv jeres egne tal\"",
            ),
        ],
        body: "Hvad indikatoren måler, og hvor tallene kommer fra. Tallene her er kun et eksempel.\n",
    },
    Example {
        path: "content/initiativer/min-indsats.md",
        kind: Kind::Initiative,
        title: "Min indsats",
        values: &[
            ("goal", "mit-maal"),
            ("area", "Socialområdet"),
            ("owner", "\"Center for Voksne\""),
            ("committee", "Socialudvalget"),
            ("status", "planned"),
            ("start", "\"1. januar 2027\""),
            (
                "follow_ups",
                "\n  - date: 1. kvartal 2027\n    forum: Socialudvalget\n    text: Første opfølgning",
            ),
            (
                "budget",
                "\n  - amount: 500000\n    period: \"2027\"\n    source: Budget 2027",
            ),
        ],
        body: "Beskriv indsatsen her: formålet, hvad der gøres, og for hvem.\n",
    },
    Example {
        path: "content/tidsplan/min-milepael.md",
        kind: Kind::Milestone,
        title: "Strategien vedtages",
        values: &[
            ("date", "\"medio 2026\""),
            ("forum", "Kommunalbestyrelsen"),
            ("strategies", "[min-strategi]"),
        ],
        body: "",
    },
    Example {
        path: "content/dokumenter/mit-dokument.md",
        kind: Kind::Document,
        title: "Mit kildedokument",
        values: &[
            ("doc_type", "notat"),
            ("date", "\"1. marts 2026\""),
            ("organisation", "\"Eksempel Kommune\""),
        ],
        body: "Hvad dokumentet er. Sider, der kommer fra det, skriver `source: mit-dokument`.\n",
    },
    Example {
        path: "content/om.md",
        kind: Kind::Page,
        title: "Om portalen",
        values: &[],
        body: "En almindelig side med tekst. Skriv fx, hvem der står bag portalen.\n",
    },
    Example {
        path: "content/idekatalog.md",
        kind: Kind::Catalogue,
        title: "Mit idékatalog",
        values: &[
            ("date", "\"1. maj 2026\""),
            (
                "administrative_ideas",
                "\n  - title: En idé, der allerede arbejdes med\n    themes: [mit-tema]",
            ),
        ],
        body: "## Indledning\n\nHvad kataloget er, og hvorfor det er lavet.\n",
    },
    Example {
        path: "content/temaer/mit-tema.md",
        kind: Kind::Theme,
        title: "Mit tema",
        values: &[("catalogue", "idekatalog"), ("number", "1")],
        body: "Hvad temaet dækker.\n",
    },
    Example {
        path: "content/hovedindsatser/min-hovedindsats.md",
        kind: Kind::MainInitiative,
        title: "Min hovedindsats",
        values: &[("catalogue", "idekatalog"), ("number", "1")],
        body: "Hvad hovedindsatsen samler, og hvorfor.\n",
    },
    Example {
        path: "content/ideer/min-ide.md",
        kind: Kind::Idea,
        title: "Min idé",
        values: &[
            ("catalogue", "idekatalog"),
            ("number", "1"),
            ("themes", "[mit-tema]"),
            ("main_initiative", "min-hovedindsats"),
        ],
        body: "## Hvad er idéen\n\nIdéen i en eller to sætninger.\n\n\
               ## Baggrund\n\nHvorfor idéen er vigtig.\n\n\
               ## Hvordan kunne en indsats se ud?\n\nEt eksempel.\n",
    },
];

const CONFIG: &str = r#"# Sitets indstillinger. Linjer, der begynder med #, er kommentarer.
# Fjern # foran en indstilling for at bruge den. README.md forklarer dem alle.

# Sitets navn: står øverst på hver side og i browserens fane.
title: "{title}"
# Sidernes sprog: da (dansk) eller en (engelsk).
language: da
# Temaet: default, eller kontrast (høj kontrast, til print).
theme: default
# Kommunens navn.
#organisation: "Eksempel Kommune"
# En sætning om portalen, til søgemaskiner.
#description: "Kommunens strategier og indsatser."
# Sitets offentlige adresse, til sitemap.xml. Siderne linker relativt, så sitet
# virker også uden den.
#base_url: https://strategi.eksempel.dk/
# Adressen på tilgængelighedserklæringen, som offentlige danske websteder skal have.
#accessibility_statement: https://www.was.digst.dk/eksempel-dk
# Hovedmenuen: sidernes id (filnavnet uden .md; mappens navn for dens _index.md).
# `tidslinje` er den tidslinje, pejl laver, `indsatser` oversigten over alle indsatser.
nav: [vision, strategier, idekatalog, tidslinje]
# Links i sidefoden.
#footer_links:
#  - title: Kommunens hjemmeside
#    url: https://www.eksempel.dk/
{kinds}# Sitets egne statusser. `means` er den indbyggede status, den ligner
# (planned, running, continued, not_continued, completed, paused).
#statuses:
#  - id: igangsat
#    label: Igangsat
#    means: running
# Hvad budgetlinjernes beløb er, når en linje ikke selv siger det (`basis`):
# decided (besluttet), spent (brugt) eller expected (forventet).
#budget_basis: decided
# Forkortelser og hvad de står for: forklares første gang, de står på en side,
# og samles på siden "Forkortelser".
#abbreviations:
#  SSU: Social- og Sundhedsudvalget
#  MED: medindflydelse og medbestemmelse
# Byg søgeindekset (til hurtigere byg af meget store portaler: false).
#search: true
# Redigering i browseren på det udgivne site (admin/): hvor ændringerne gemmes.
# `pejl serve` har redigeringen på /admin/ uden denne indstilling.
#cms:
#  backend: github          # github, gitlab eller gitea
#  repo: kommune/strategi   # repositoryet, ejer/navn
#  branch: main
# Tjek af datoer: advar om opfølgninger uden resultat og om gamle statusser.
#checks:
#  overdue_follow_ups: true
#  status_max_age_months: 12
#  strict: false
"#;

/// The files of a new portal that builds as it is.
pub fn files(title: &str) -> Vec<NewFile> {
    let title = title.replace('"', "'");
    let mut out = vec![NewFile {
        path: "pejl.yaml".into(),
        text: CONFIG
            .replace("{title}", &title)
            .replace("{kinds}", &words::kinds())
            + &words::words(),
    }];
    // The example pages, which the examples' comments may name.
    let known: Vec<(Kind, String)> = EXAMPLES
        .iter()
        .map(|e| {
            let stem = e
                .path
                .trim_start_matches("content/")
                .trim_end_matches(".md");
            let id = match stem.rsplit_once('/') {
                Some((folder, "_index")) => folder.rsplit('/').next().unwrap_or(folder),
                Some((_, name)) => name,
                None => stem,
            };
            (e.kind, id.to_string())
        })
        .collect();
    out.extend(EXAMPLES.iter().map(|e| NewFile {
        path: e.path.into(),
        text: format!(
            "{}\n{}",
            front_matter(
                e.kind,
                e.title,
                &e.values.iter().map(|(n, v)| (*n, v.to_string())).collect::<Vec<_>>(),
                Lang::Da,
                &known,
                false,
            ),
            e.body
        ),
    }));
    out.push(NewFile {
        path: ".gitignore".into(),
        text: "/public\n/public.pejl-*\n".into(),
    });
    out
}
