//! The fields of idea catalogues: the catalogue, its numbered themes, its ideas
//! and the main initiatives that group them.
//!
//! Ideas point at their themes and main initiative; the fields say which list of
//! the page named that puts them in ([`Rel::IdeasOf`]), and `link` builds the
//! lists, so a theme and a main initiative list their ideas. Part of the one
//! schema table.

use super::FieldType::*;
use super::{Field, Kind, Rel, field, required};

const NUMBER_HELP: (&str, &str) = (
    "Its number in the catalogue (Tema 1, Idé 7). Lists are ordered by it.",
    "Nummeret i kataloget (tema 1, idé 7). Lister ordnes efter det.",
);

const CATALOGUE_REF: Field = required(
    "catalogue",
    Ref(&[Kind::Catalogue]),
    "The catalogue it belongs to.",
    "Det idékatalog, den hører til.",
    "idekatalog-h24",
);

const ADMINISTRATIVE_IDEA: &[Field] = &[
    required(
        "title",
        Text,
        "The idea, as the catalogue names it.",
        "Idéen, som kataloget kalder den.",
        "\"Sløjfe telefontider for samarbejdspartnere\"",
    ),
    field(
        "themes",
        RefList(&[Kind::Theme]),
        "The themes it covers.",
        "De temaer, den dækker.",
        "[tvaerfaglige-indsatser]",
    ),
];

pub(super) const CATALOGUE: &[Field] = &[
    field(
        "date",
        Date,
        "The catalogue's date.",
        "Katalogets dato.",
        "\"11. juli 2023\"",
    ),
    field(
        "administrative_ideas",
        Records(ADMINISTRATIVE_IDEA),
        "Ideas that were discussed but are already handled administratively.",
        "Idéer, der blev drøftet, men som der allerede arbejdes med administrativt.",
        "",
    ),
];

pub(super) const THEME: &[Field] = &[
    CATALOGUE_REF.parent(0).listed_in(Rel::Themes),
    required("number", Integer, NUMBER_HELP.0, NUMBER_HELP.1, "1"),
];

pub(super) const IDEA: &[Field] = &[
    CATALOGUE_REF.parent(1).listed_in(Rel::Ideas),
    required("number", Integer, NUMBER_HELP.0, NUMBER_HELP.1, "1"),
    field(
        "themes",
        RefList(&[Kind::Theme]),
        "The themes the idea covers (Hvilke temaer bliver dækket).",
        "De temaer, idéen dækker (Hvilke temaer bliver dækket).",
        "[netvaerk-omkring-borgeren, sundhedsfremme]",
    )
    .listed_in(Rel::IdeasOf),
    field(
        "main_initiative",
        Ref(&[Kind::MainInitiative]),
        "The main initiative the idea is part of.",
        "Den hovedindsats, idéen er en del af.",
        "hovedindsats-sundhedsfremme",
    )
    .parent(0)
    .listed_in(Rel::IdeasOf),
];

pub(super) const MAIN_INITIATIVE: &[Field] = &[
    CATALOGUE_REF.parent(0).listed_in(Rel::MainInitiatives),
    required("number", Integer, NUMBER_HELP.0, NUMBER_HELP.1, "1"),
];
