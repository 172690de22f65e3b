//! The part of a new portal's `pejl.yaml` that holds the site's own words:
//! `kinds` with every form of every kind's name, and `words` with every
//! other text of the default theme, each with its current value and where
//! it shows, all commented out for staff to uncomment and edit.
//!
//! Made from the theme's `strings/da.yaml` itself, so it never falls behind
//! the theme. It must not read files (the strings are built in).

use crate::content::schema::Kind;

/// The default theme's Danish strings, as `pejl init` portals get them.
const STRINGS: &str = include_str!("../../../themes/default/strings/da.yaml");

/// The names `kinds` takes, in the order of the levels: the kinds, with a
/// vision's bearings after the vision.
fn nouns() -> impl Iterator<Item = (&'static str, &'static str)> {
    Kind::WRITABLE.into_iter().flat_map(|kind| {
        let bearing = (kind == Kind::Vision).then_some((
            "bearing",
            "Et pejlemærke i visionen, som strategierne følger.",
        ));
        std::iter::once((kind.name(), kind_note(kind))).chain(bearing)
    })
}

/// What each kind is, for the comment above its line in `kinds`.
fn kind_note(kind: Kind) -> &'static str {
    match kind {
        Kind::Vision => "En vision eller politik øverst, med sine pejlemærker.",
        Kind::Strategy => "En strategi, der følger visionen op.",
        Kind::FocusArea => "Et område, en strategi arbejder med.",
        Kind::Goal => "Et mål under et fokusområde eller en strategi.",
        Kind::Indicator => "Det, et mål måles med: tal over tid.",
        Kind::Initiative => "En konkret indsats, der arbejder for et mål.",
        Kind::Milestone => "En dato i tidsplanen.",
        Kind::Document => "Et kildedokument, siderne bygger på.",
        Kind::Page => "En almindelig side.",
        Kind::Catalogue => "Et idékatalog med temaer, idéer og hovedindsatser.",
        Kind::Theme => "Et tema i et idékatalog.",
        Kind::Idea => "En idé i et idékatalog.",
        Kind::MainInitiative => "En hovedindsats, der samler idéer i et idékatalog.",
        Kind::Section => "",
    }
}

/// Where a text of `words` shows, by the start of its key (the first that
/// fits).
const WHERE: &[(&str, &str)] = &[
    (
        "status_none",
        "Hvor langt indsatserne er nået (»Sådan går det«)",
    ),
    (
        "status_",
        "En status, som læserne ser den (sitets egne sættes med `statuses`)",
    ),
    (
        "doc_type_",
        "Et kildedokuments type (`doc_type:`), som læserne ser den",
    ),
    (
        "kind_",
        "Sidetypen over sidens titel, i søgningens filter og på tidslinjen",
    ),
    ("gantt_", "Tabellen over indsatser over tid"),
    ("budget", "Økonomisiden og budgettabellerne"),
    ("per_year", "Økonomisiden og budgettabellerne"),
    ("year", "Økonomisiden og budgettabellerne"),
    ("amount", "Økonomisiden og budgettabellerne"),
    ("total", "Økonomisiden og budgettabellerne"),
    ("period", "Økonomisiden og budgettabellerne"),
    ("timeline_", "Tidslinjen"),
    ("whole_year", "Tidslinjen"),
    ("quarter_n", "Tidslinjen ({n} er kvartalets nummer)"),
    ("from_period", "Tidslinjen ({start} er en dato)"),
    ("today", "Tidslinjen"),
    ("see_timeline", "Tidslinjen"),
    ("calendar", "Tidslinjen"),
    ("map_", "Strategikortet"),
    ("data_", "Siden om åbne data"),
    ("feed", "Siden om åbne data"),
    ("search_", "Søgesiden"),
    ("matrix_", "Tabellen over temaer og idéer i et idékatalog"),
    ("indicator", "Indikatorernes sider"),
    (
        "progress_",
        "Hvor langt indsatserne er nået (»Sådan går det«; {n} er et antal)",
    ),
    (
        "last_changed",
        "Hvor langt indsatserne er nået (»Sådan går det«)",
    ),
    ("initiatives_", "Oversigten over alle indsatser"),
    ("all_initiatives", "Oversigten over alle indsatser"),
    ("showing", "Oversigten over alle indsatser"),
    ("next_follow_up", "Oversigten over alle indsatser"),
    ("glossary_", "Siden med forkortelser"),
    ("catalogue", "Idékatalogerne ({n} er et antal)"),
    ("administrative", "Idékatalogerne"),
    ("idea", "Idékatalogerne"),
    ("not_found", "Siden, der vises, når en side ikke findes"),
    ("go_home", "Siden, der vises, når en side ikke findes"),
    (
        "",
        "Overskrifter, felter og lister på siderne, og menu og sidefod",
    ),
];

/// The string keys `kinds` sets for a kind: its name, its plural (`goals`)
/// and their definite forms.
fn kind_keys(one: &str) -> [String; 4] {
    let many = match one.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{one}s"),
    };
    [
        format!("kind_{one}"),
        many.clone(),
        format!("the_{one}"),
        format!("the_{many}"),
    ]
}

/// Every `key: value` line of the theme's strings, values as written.
fn lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    STRINGS.lines().filter_map(|l| {
        let (key, value) = l.split_once(": ")?;
        let plain = key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        (plain && !key.is_empty()).then_some((key, value))
    })
}

fn value(key: &str) -> &'static str {
    lines().find(|(k, _)| *k == key).map_or("", |(_, v)| v)
}

/// The `kinds` part of a new portal's `pejl.yaml`.
pub fn kinds() -> String {
    let mut out = String::from(
        "# Hvad sitet kalder de forskellige slags sider. Fjern # foran `kinds:` og foran de\n\
         # linjer, du vil ændre. Giver du en slags et nyt navn (`name`), så skriv også\n\
         # flertal (`plural`) og bestemt form (`definite`: målet, indsatsen). Alle tekster\n\
         # på sitet, der nævner slagsen, følger med: overskrifter, lister, kortet, data.\n\
         #kinds:\n",
    );
    for (one, note) in nouns() {
        let keys = kind_keys(one);
        let [name, plural, definite, plural_definite] = keys.each_ref().map(|k| value(k));
        out.push_str(&format!(
            "#  # {note}\n#  {one}: {{name: {name}, plural: {plural}, definite: {definite}, plural_definite: {plural_definite}}}\n",
        ));
    }
    out
}

/// The `words` part of a new portal's `pejl.yaml`: every text but those
/// `kinds` sets.
pub fn words() -> String {
    let by_kinds: Vec<String> = nouns().flat_map(|(one, _)| kind_keys(one)).collect();
    let mut out = String::from(
        "# Alle andre tekster på sitet, med de ord, de har nu. Fjern # foran `words:` og\n\
         # foran de linjer, du vil ændre. {goal}, {goals}, {the_goal} og {the_goals} er\n\
         # ordene fra `kinds` ({Goal}: med stort begyndelsesbogstav), og {goal:primær|primært}\n\
         # er det første ord for et en-ord, det andet for et et-ord.\n\
         #words:\n",
    );
    let mut last = "";
    for (key, value) in lines().filter(|(k, _)| !by_kinds.iter().any(|b| b == k)) {
        let note = WHERE
            .iter()
            .find(|(start, _)| key.starts_with(start))
            .map_or("", |(_, note)| *note);
        if note != last {
            out.push_str(&format!("#  # {note}\n"));
            last = note;
        }
        out.push_str(&format!("#  {key}: {value}\n"));
    }
    out
}
