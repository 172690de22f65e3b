//! The content schema: every kind, every field, its type and its meaning — in one place.
//!
//! Validation (`validate`), the starter files of `pejl new` (`scaffold`), the
//! generated reference (`docs/content-model.md`), the help of `pejl new` and the
//! links between pages (`link`: each reference says whether it names the page's
//! parent and which list of the page named it joins, [`Relation`]) all read this
//! table, so they cannot drift apart. A test in `model` holds each kind's typed
//! front matter to its fields. It must not touch files or know about rendering.

use std::fmt;

mod catalogue;
pub mod json;

/// A kind of content page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Vision,
    Strategy,
    FocusArea,
    Goal,
    /// What a goal is measured by (indikator): a unit, which way is better,
    /// a baseline, a target and the values measured.
    Indicator,
    Initiative,
    Milestone,
    Document,
    Page,
    /// An idea catalogue (idékatalog) with its themes, ideas and main initiatives.
    Catalogue,
    /// A numbered theme (tema) of a catalogue.
    Theme,
    /// An idea (idé, forslag) of a catalogue.
    Idea,
    /// A main initiative (hovedindsats) that groups ideas of a catalogue.
    MainInitiative,
    /// A folder's `_index.md`; the home page is the root section.
    Section,
}

impl Kind {
    /// Kinds that a `kind:` field may name (sections come from `_index.md`).
    pub const WRITABLE: [Kind; 13] = [
        Kind::Vision,
        Kind::Strategy,
        Kind::FocusArea,
        Kind::Goal,
        Kind::Indicator,
        Kind::Initiative,
        Kind::Milestone,
        Kind::Document,
        Kind::Page,
        Kind::Catalogue,
        Kind::Theme,
        Kind::Idea,
        Kind::MainInitiative,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Strategy => "strategy",
            Kind::FocusArea => "focus_area",
            Kind::Goal => "goal",
            Kind::Indicator => "indicator",
            Kind::Initiative => "initiative",
            Kind::Milestone => "milestone",
            Kind::Document => "document",
            Kind::Page => "page",
            Kind::Catalogue => "catalogue",
            Kind::Theme => "theme",
            Kind::Idea => "idea",
            Kind::MainInitiative => "main_initiative",
            Kind::Section => "section",
        }
    }

    /// The names of [`Kind::WRITABLE`], in its order: the values of `kind:`.
    pub const WRITABLE_NAMES: [&'static str; Kind::WRITABLE.len()] = {
        let mut names = [""; Kind::WRITABLE.len()];
        let mut i = 0;
        while i < names.len() {
            names[i] = Kind::WRITABLE[i].name();
            i += 1;
        }
        names
    };

    pub fn from_name(name: &str) -> Option<Kind> {
        let name = name.trim().to_lowercase().replace([' ', '-'], "_");
        Kind::WRITABLE
            .into_iter()
            .chain([Kind::Section])
            .find(|k| k.name() == name)
    }

    /// The folder under `content/` where `pejl new` puts a page of this kind.
    pub fn default_folder(self) -> &'static str {
        match self {
            Kind::Vision | Kind::Page | Kind::Section | Kind::Catalogue => "",
            Kind::Strategy => "strategier",
            Kind::FocusArea => "fokusomraader",
            Kind::Goal => "maal",
            Kind::Indicator => "indikatorer",
            Kind::Initiative => "initiativer",
            Kind::Milestone => "tidsplan",
            Kind::Document => "dokumenter",
            Kind::Theme => "temaer",
            Kind::Idea => "ideer",
            Kind::MainInitiative => "hovedindsatser",
        }
    }

    /// The kind in Danish with its article, as messages name it: "et mål", "en indsats".
    pub fn with_article_da(self) -> &'static str {
        match self {
            Kind::Vision => "en vision",
            Kind::Strategy => "en strategi",
            Kind::FocusArea => "et fokusområde",
            Kind::Goal => "et mål",
            Kind::Indicator => "en indikator",
            Kind::Initiative => "en indsats",
            Kind::Milestone => "en milepæl",
            Kind::Document => "et dokument",
            Kind::Page => "en side",
            Kind::Catalogue => "et idékatalog",
            Kind::Theme => "et tema",
            Kind::Idea => "en idé",
            Kind::MainInitiative => "en hovedindsats",
            Kind::Section => "en oversigtsside",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Kind::Vision => "A policy or vision (politik, vision) with its bearings (pejlemærker).",
            Kind::Strategy => "A strategy (strategi) that carries out a vision.",
            Kind::FocusArea => "A focus area (indsatsområde, fokusområde) of a strategy.",
            Kind::Goal => "A goal (målsætning, succeskriterium) of a focus area or a strategy.",
            Kind::Indicator => {
                "An indicator (indikator, måltal): what a goal is measured by. Its page shows the measurements as a chart and as a table, and the goal's page shows the latest against the target."
            }
            Kind::Initiative => {
                "An initiative (indsats, initiativ): what the municipality does. The text of the page is its description."
            }
            Kind::Milestone => "A dated step of a process plan (milepæl).",
            Kind::Document => {
                "A source document (notat, kommissorium, strategi) that pages come from."
            }
            Kind::Page => "An ordinary page of text.",
            Kind::Catalogue => {
                "An idea catalogue (idékatalog): the page that holds its themes, ideas and main initiatives together. The text of the page is its introduction and background."
            }
            Kind::Theme => {
                "A numbered theme (tema) of a catalogue. Its page lists the ideas that cover it."
            }
            Kind::Idea => {
                "An idea (idé, forslag) of a catalogue. Write its fixed sections as ordinary `##` headings (\"Hvad er idéen\", \"Baggrund\" …)."
            }
            Kind::MainInitiative => {
                "A main initiative (hovedindsats) that groups ideas of a catalogue. Its page lists the ideas that name it."
            }
            Kind::Section => {
                "A folder's `_index.md`: a page that lists the pages in its folder. `content/_index.md` is the home page."
            }
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A list of pages that name a page, kept on the page named (a goal's
/// initiatives, a theme's ideas …): the reverse of a reference. Which
/// reference adds a page to which list is said by the reference's [`Field`]
/// ([`Relation::listed_in`]); `link` builds the lists from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rel {
    /// Strategies of a vision.
    Strategies,
    /// Focus areas of a strategy.
    FocusAreas,
    /// Goals of a focus area or of a strategy.
    Goals,
    /// Indicators that measure this goal.
    Indicators,
    /// Initiatives whose primary goal is this goal.
    PrimaryInitiatives,
    /// Initiatives that list this goal among their secondary goals.
    SecondaryInitiatives,
    /// Initiatives that name this strategy directly.
    DirectInitiatives,
    /// Milestones that name this strategy.
    Milestones,
    /// Pages whose source is this document.
    Sourced,
    /// Pages in this section's folder (and pages whose `parent` is this page).
    Pages,
    /// Sections in this section's folder (from folders only, never a field).
    Subsections,
    /// Themes, ideas and main initiatives of a catalogue.
    Themes,
    Ideas,
    MainInitiatives,
    /// Ideas that name this theme, or this main initiative.
    IdeasOf,
}

/// What a reference ([`FieldType::Ref`], [`FieldType::RefList`]) makes of
/// the page it names, beyond checking that it exists and is of its kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    /// The page named is this page's parent (its breadcrumb, its place on the
    /// map), by this rank of preference: of a kind's parent references the
    /// one of the lowest rank that names a page of its kinds wins — a goal's
    /// `focus_area` (0), else its `strategy` (1). Without any, a page's
    /// parent is the section of its folder.
    pub parent: Option<u8>,
    /// The list of the page named that this page joins.
    pub listed_in: Option<Rel>,
}

impl Relation {
    /// A field that relates nothing (every field but some references).
    pub const NONE: Relation = Relation {
        parent: None,
        listed_in: None,
    };
}

/// The statuses an initiative can have.
pub const STATUSES: &[&str] = &[
    "planned",
    "running",
    "continued",
    "not_continued",
    "completed",
    "paused",
];

/// Values of a section's `sort_by`.
pub const SORT_BY: &[&str] = &["weight", "title", "date"];

/// Values of an indicator's `direction`: which way is better.
pub const DIRECTIONS: &[&str] = &["higher", "lower"];

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    /// A short id: lower-case letters, digits and dashes.
    Slug,
    Integer,
    /// A number, whole or with decimals: `64.5`, or `"64,5"` with a
    /// decimal comma in quotes (`validate::parse_number`).
    Number,
    Bool,
    /// A date or period as written (`1. kvartal 2025`), checked by `period`.
    Date,
    Choice(&'static [&'static str]),
    /// An initiative status: one of the site's `statuses` (checked once the
    /// site's config is known), by default [`STATUSES`].
    Status,
    /// The id of a page of one of these kinds.
    Ref(&'static [Kind]),
    RefList(&'static [Kind]),
    /// Ids of bearings of the strategy's vision.
    BearingList,
    TextList,
    /// A list of records with these fields.
    Records(&'static [Field]),
    /// One record (a group of fields) with these fields.
    Record(&'static [Field]),
}

impl FieldType {
    /// How the type reads in docs and in error messages.
    pub fn describe(self) -> String {
        let kinds = |ks: &[Kind]| ks.iter().map(|k| k.name()).collect::<Vec<_>>().join(" or ");
        match self {
            FieldType::Text => "text".into(),
            FieldType::Slug => "id (lower-case letters, digits, dashes)".into(),
            FieldType::Integer => "whole number".into(),
            FieldType::Number => "number (`64.5`, or `\"64,5\"` in quotes)".into(),
            FieldType::Bool => "true or false".into(),
            FieldType::Date => "date as written (e.g. `1. kvartal 2025`)".into(),
            FieldType::Choice(values) => format!("one of {}", quoted_list(values)),
            FieldType::Status => format!(
                "one of {}, or of the site's own `statuses`",
                quoted_list(STATUSES)
            ),
            FieldType::Ref(ks) => format!("id of a {}", kinds(ks)),
            FieldType::RefList(ks) => format!("list of ids of {} pages", kinds(ks)),
            FieldType::BearingList => "list of bearing ids of the vision".into(),
            FieldType::TextList => "list of texts".into(),
            FieldType::Records(_) => "list of entries (see below)".into(),
            FieldType::Record(_) => "group of fields (see below)".into(),
        }
    }
}

impl FieldType {
    /// How the type reads in Danish, for the comments of starter files.
    pub fn describe_da(self) -> String {
        let kinds = |ks: &[Kind]| {
            ks.iter()
                .map(|k| k.with_article_da())
                .collect::<Vec<_>>()
                .join(" eller ")
        };
        match self {
            FieldType::Text => "tekst".into(),
            FieldType::Slug => "id (små bogstaver, tal og bindestreger)".into(),
            FieldType::Integer => "helt tal".into(),
            FieldType::Number => "tal (`64.5`, eller `\"64,5\"` i anførselstegn)".into(),
            FieldType::Bool => "true eller false".into(),
            FieldType::Date => "dato, som kilden skriver den (fx `1. kvartal 2025`)".into(),
            FieldType::Choice(values) => format!("en af {}", quoted_list(values)),
            FieldType::Status => format!(
                "en af {} eller sitets egne `statuses`",
                quoted_list(STATUSES)
            ),
            FieldType::Ref(ks) => format!("id'et på {}", kinds(ks)),
            FieldType::RefList(ks) => format!("liste med id'er på sider ({})", kinds(ks)),
            FieldType::BearingList => "liste med id'er på visionens pejlemærker".into(),
            FieldType::TextList => "liste med tekster".into(),
            FieldType::Records(_) => "liste med punkter (se herunder)".into(),
            FieldType::Record(_) => "gruppe af felter (se herunder)".into(),
        }
    }
}

pub fn quoted_list(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One front-matter field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    pub help: &'static str,
    /// The same in Danish, for messages on a Danish site.
    pub help_da: &'static str,
    /// A value for starter files, written as YAML.
    pub example: &'static str,
    /// For a reference: the parent and the reverse list it makes.
    pub relation: Relation,
}

impl Field {
    /// This reference names the page's parent, at this rank of preference (0 first).
    const fn parent(mut self, rank: u8) -> Field {
        self.relation.parent = Some(rank);
        self
    }

    /// This reference adds the page to the list `rel` of the page it names.
    const fn listed_in(mut self, rel: Rel) -> Field {
        self.relation.listed_in = Some(rel);
        self
    }
}

const fn field(
    name: &'static str,
    ty: FieldType,
    help: &'static str,
    help_da: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        ty,
        required: false,
        help,
        help_da,
        example,
        relation: Relation::NONE,
    }
}

const fn required(
    name: &'static str,
    ty: FieldType,
    help: &'static str,
    help_da: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        ty,
        required: true,
        help,
        help_da,
        example,
        relation: Relation::NONE,
    }
}

use FieldType::*;

/// Fields every kind accepts.
pub const COMMON: &[Field] = &[
    required(
        "title",
        Text,
        "The page title.",
        "Sidens titel.",
        "\"Din Indgang\"",
    ),
    field(
        "kind",
        Choice(&Kind::WRITABLE_NAMES),
        "What the page is. Leave it out for an ordinary page; `_index.md` files are sections.",
        "Hvad siden er. Udelad feltet for en almindelig side; `_index.md`-filer er oversigtssider.",
        "page",
    ),
    field(
        "id",
        Slug,
        "Overrides the id made from the file name. Other pages refer to this page by its id.",
        "Erstatter det id, der dannes af filnavnet. Andre sider henviser til siden med dens id.",
        "din-indgang",
    ),
    field(
        "summary",
        Text,
        "One or two sentences for lists and search results.",
        "En eller to sætninger til lister og søgeresultater.",
        "\"En samlet indgang for borgere, der har brug for hjælp.\"",
    ),
    field(
        "source",
        Ref(&[Kind::Document]),
        "The source document the text comes from.",
        "Det kildedokument, teksten kommer fra.",
        "overblik-2025",
    )
    .listed_in(Rel::Sourced),
    field(
        "weight",
        Integer,
        "Order in lists: lower numbers come first. Without it, pages are listed by title.",
        "Rækkefølgen i lister: lave tal kommer først. Uden feltet vises siderne efter titel.",
        "1",
    ),
    field(
        "updated",
        Date,
        "When the page's content was last changed, shown on the page. Without it, the date of the last commit that changed the file is shown (in a Git repository).",
        "Hvornår sidens indhold sidst blev ændret; vises på siden. Uden feltet vises datoen for den seneste ændring af filen i Git (hvis projektet ligger i Git).",
        "\"12. marts 2025\"",
    ),
    field(
        "draft",
        Bool,
        "`true` keeps the page out of the published site.",
        "`true` holder siden ude af det offentliggjorte site.",
        "false",
    ),
];

const BEARING: &[Field] = &[
    required(
        "id",
        Slug,
        "The bearing's id, used by strategies.",
        "Pejlemærkets id, som strategierne bruger.",
        "forebyggelse",
    ),
    required(
        "title",
        Text,
        "A short name.",
        "Et kort navn.",
        "\"Forebyggende indsatser\"",
    ),
    field(
        "text",
        Text,
        "The bearing in full.",
        "Pejlemærket skrevet helt ud.",
        "\"at der fokuseres på forebyggende indsatser, så folkesundheden forbedres\"",
    ),
];

const FOLLOW_UP: &[Field] = &[
    required(
        "date",
        Date,
        "When, as the source writes it.",
        "Hvornår, som kilden skriver det.",
        "\"1. kvartal 2025\"",
    ),
    field(
        "forum",
        Text,
        "Where: a committee or meeting.",
        "Hvor: et udvalg eller et møde.",
        "SSU",
    ),
    field(
        "text",
        Text,
        "What the follow-up is.",
        "Hvad opfølgningen går ud på.",
        "\"Opfølgning 1. kvartal 2025\"",
    ),
    field(
        "outcome",
        Text,
        "What came of it, once it has happened.",
        "Hvad der kom ud af det, når det har fundet sted.",
        "\"Taget til efterretning\"",
    ),
];

const BUDGET_LINE: &[Field] = &[
    required(
        "amount",
        Integer,
        "Amount in whole kroner (DKK), without dots.",
        "Beløbet i hele kroner, uden punktummer.",
        "500000",
    ),
    field(
        "period",
        Date,
        "The period the amount covers: the years a yearly amount (`per_year`) is paid in, else when it is paid.",
        "Den periode, beløbet dækker: de år, et årligt beløb (`per_year`) gives i, ellers hvornår det gives.",
        "\"2020 og frem\"",
    ),
    field(
        "per_year",
        Bool,
        "`true` when the amount is paid every year of `period` (\"kr. 500.000 årligt\"): totals count it once for each year, so `amount: 1200000` over \"2025-2027\" is 3,600,000 in all. A yearly line needs a `period` with a first year (\"2025-2027\", \"2020 og frem\"); one with no end (\"og frem\", \"fra\") counts up to the current year, or the last year a budget line names, and the budget page says which. Without it (`false`) the amount is paid once, in the period's first year.",
        "`true`, når beløbet gives hvert år i `period` (\"kr. 500.000 årligt\"): summerne tæller det med én gang for hvert år, så `amount: 1200000` over \"2025-2027\" er 3.600.000 i alt. En årlig linje skal have en `period` med et startår (\"2025-2027\", \"2020 og frem\"); uden slutår (\"og frem\", \"fra\") tælles den til og med indeværende år eller det seneste år, en budgetlinje nævner, og økonomisiden siger hvilke år. Uden feltet (`false`) gives beløbet én gang, i periodens første år.",
        "true",
    ),
    field(
        "basis",
        Choice(BUDGET_BASES),
        "What the amount is: `decided` (besluttet), `spent` (brugt) or `expected` (forventet). Without it: `budget_basis` of pejl.yaml, if set. Amounts of different bases are never added together.",
        "Hvad beløbet er: `decided` (besluttet), `spent` (brugt) eller `expected` (forventet). Uden feltet gælder `budget_basis` i pejl.yaml, hvis den er sat. Beløb af forskellig slags lægges aldrig sammen.",
        "decided",
    ),
    field(
        "source",
        Text,
        "Where the amount is decided.",
        "Hvor beløbet er besluttet.",
        "\"Notat 23. maj 2019\"",
    ),
    field(
        "note",
        Text,
        "Anything else about the amount.",
        "Andet om beløbet.",
        "\"Heraf løn til en konsulent\"",
    ),
];

/// What a budget line's amount is (`basis`, and `budget_basis` of
/// pejl.yaml): decided, spent or expected money.
pub const BUDGET_BASES: &[&str] = &["decided", "spent", "expected"];

const VISION: &[Field] = &[field(
    "bearings",
    Records(BEARING),
    "The bearings (pejlemærker) of the vision.",
    "Visionens pejlemærker.",
    "",
)];

const STRATEGY: &[Field] = &[
    field(
        "vision",
        Ref(&[Kind::Vision]),
        "The vision or policy the strategy carries out.",
        "Den vision eller politik, strategien udmønter.",
        "velfaerdspolitik",
    )
    .parent(0)
    .listed_in(Rel::Strategies),
    field(
        "bearings",
        BearingList,
        "Which of the vision's bearings the strategy serves.",
        "Hvilke af visionens pejlemærker strategien arbejder for.",
        "[forebyggelse]",
    ),
    field(
        "area",
        Text,
        "The area the strategy covers.",
        "Det område, strategien dækker.",
        "Socialområdet",
    ),
    field(
        "period",
        Date,
        "The strategy's period or year.",
        "Strategiens periode eller år.",
        "\"2024\"",
    ),
    field(
        "subtitle",
        Text,
        "The strategy's own name.",
        "Strategiens eget navn.",
        "\"Sammen om det gode liv\"",
    ),
];

const FOCUS_AREA: &[Field] = &[
    required(
        "strategy",
        Ref(&[Kind::Strategy]),
        "The strategy the focus area belongs to.",
        "Den strategi, fokusområdet hører til.",
        "socialstrategi",
    )
    .parent(0)
    .listed_in(Rel::FocusAreas),
    field(
        "citizens_wishes",
        TextList,
        "What citizens asked for (Adspurgt ønsker borgerne).",
        "Hvad borgerne har ønsket (Adspurgt ønsker borgerne).",
        "[\"At eksisterende fællesskaber bibeholdes og udvikles.\"]",
    ),
    field(
        "success_intro",
        Text,
        "The lead-in to the goals.",
        "Indledningen til målene.",
        "\"Vi kan se, at vi lykkes, når:\"",
    ),
];

const GOAL: &[Field] = &[
    field(
        "focus_area",
        Ref(&[Kind::FocusArea]),
        "The focus area the goal belongs to (or give `strategy`).",
        "Det fokusområde, målet hører til (eller skriv `strategy`).",
        "et-vaerdigt-liv",
    )
    .parent(0)
    .listed_in(Rel::Goals),
    field(
        "strategy",
        Ref(&[Kind::Strategy]),
        "The strategy, for a goal directly under a strategy.",
        "Strategien, for et mål, der hører direkte under en strategi.",
        "socialstrategi",
    )
    .parent(1)
    .listed_in(Rel::Goals),
];

const INDICATOR: &[Field] = &[
    required(
        "goal",
        Ref(&[Kind::Goal]),
        "The goal the indicator measures.",
        "Det mål, indikatoren måler.",
        "mit-maal",
    )
    .parent(0)
    .listed_in(Rel::Indicators),
    field(
        "unit",
        Text,
        "What the values count, written after each value: `%`, `borgere`, `dage`.",
        "Hvad værdierne tæller, skrevet efter hver værdi: `%`, `borgere`, `dage`.",
        "\"%\"",
    ),
    field(
        "direction",
        Choice(DIRECTIONS),
        "Which way is better: `higher` or `lower`. Without it, the pages say how the values move but not whether that is good.",
        "Hvilken vej der er bedst: `higher` (højere er bedre) eller `lower` (lavere er bedre). Uden feltet siger siderne, hvordan værdierne bevæger sig, men ikke om det er godt.",
        "higher",
    ),
    field(
        "baseline",
        Record(BASELINE),
        "Where it started: a value and the period it was measured in.",
        "Udgangspunktet: en værdi og den periode, den er målt i.",
        "{ value: 62, period: \"2023\" }",
    ),
    field(
        "target",
        Record(TARGET),
        "The value to reach, and by when.",
        "Den værdi, der skal nås, og hvornår.",
        "{ value: 75, period: \"2027\" }",
    ),
    field(
        "measurements",
        Records(MEASUREMENT),
        "The values measured, one entry per period.",
        "De målte værdier, ét punkt pr. periode.",
        "",
    ),
];

const BASELINE: &[Field] = &[
    required(
        "value",
        Number,
        "The value at the start. Decimals with a point (`62.5`), or with a comma in quotes (`\"62,5\"`).",
        "Værdien ved udgangspunktet. Decimaler med punktum (`62.5`) eller med komma i anførselstegn (`\"62,5\"`).",
        "62",
    ),
    required(
        "period",
        Date,
        "When it was measured, as the source writes it.",
        "Hvornår den er målt, som kilden skriver det.",
        "\"2023\"",
    ),
];

const TARGET: &[Field] = &[
    required(
        "value",
        Number,
        "The value to reach. Decimals with a point (`75.5`), or with a comma in quotes (`\"75,5\"`).",
        "Den værdi, der skal nås. Decimaler med punktum (`75.5`) eller med komma i anførselstegn (`\"75,5\"`).",
        "75",
    ),
    field(
        "period",
        Date,
        "By when, as the source writes it.",
        "Hvornår den skal være nået, som kilden skriver det.",
        "\"2027\"",
    ),
];

const MEASUREMENT: &[Field] = &[
    required(
        "period",
        Date,
        "The period the value covers, as the source writes it.",
        "Den periode, værdien gælder, som kilden skriver den.",
        "\"2024\"",
    ),
    required(
        "value",
        Number,
        "The value measured. Decimals with a point (`64.5`), or with a comma in quotes (`\"64,5\"`).",
        "Den målte værdi. Decimaler med punktum (`64.5`) eller med komma i anførselstegn (`\"64,5\"`).",
        "\"64,5\"",
    ),
    field(
        "note",
        Text,
        "Anything a reader should know about the value.",
        "Det, en læser skal vide om værdien.",
        "\"Foreløbigt tal\"",
    ),
];

const INITIATIVE: &[Field] = &[
    field(
        "goal",
        Ref(&[Kind::Goal]),
        "The primary goal the initiative serves.",
        "Det primære mål, indsatsen arbejder for.",
        "sammenhaengende-og-koordinerede-forloeb",
    )
    .parent(0)
    .listed_in(Rel::PrimaryInitiatives),
    field(
        "secondary_goals",
        RefList(&[Kind::Goal]),
        "Other goals it serves.",
        "Andre mål, den arbejder for.",
        "[]",
    )
    .listed_in(Rel::SecondaryInitiatives),
    field(
        "strategy",
        Ref(&[Kind::Strategy]),
        "The strategy, only when there is no goal.",
        "Strategien, kun når der ikke er noget mål.",
        "socialstrategi",
    )
    .parent(1)
    .listed_in(Rel::DirectInitiatives),
    field(
        "area",
        Text,
        "The area, e.g. Socialområdet.",
        "Området, fx Socialområdet.",
        "Socialområdet",
    ),
    field(
        "owner",
        Text,
        "Who is responsible.",
        "Hvem der er ansvarlig.",
        "\"Center for Voksne og Velfærd\"",
    ),
    field(
        "committee",
        Text,
        "The political committee that follows it.",
        "Det politiske udvalg, der følger den.",
        "SSU",
    ),
    field(
        "status",
        Status,
        "Where the initiative stands.",
        "Hvor langt indsatsen er.",
        "running",
    ),
    field(
        "status_note",
        Text,
        "Why it has this status, e.g. why it is not continued.",
        "Hvorfor den har denne status, fx hvorfor den ikke videreføres.",
        "\"\"",
    ),
    field(
        "status_date",
        Date,
        "When the status was last confirmed. pejl warns when it is older than `checks.status_max_age_months`.",
        "Hvornår status sidst blev bekræftet. pejl advarer, når den er ældre end `checks.status_max_age_months`.",
        "\"1. marts 2025\"",
    ),
    field(
        "start",
        Date,
        "When it starts.",
        "Hvornår den begynder.",
        "\"1. januar 2025\"",
    ),
    field(
        "end",
        Date,
        "When it ends.",
        "Hvornår den slutter.",
        "\"2026\"",
    ),
    field(
        "follow_ups",
        Records(FOLLOW_UP),
        "When and where it is followed up (opfølgning).",
        "Hvornår og hvor der følges op på den (opfølgning).",
        "",
    ),
    field(
        "budget",
        Records(BUDGET_LINE),
        "Money set aside (budget lines).",
        "Penge, der er afsat (budgetlinjer).",
        "",
    ),
    field(
        "budget_agreements",
        TextList,
        "References to the budget agreement.",
        "Henvisninger til budgetaftalen.",
        "[\"SSU 19\"]",
    ),
    field(
        "legal_references",
        TextList,
        "Laws it rests on.",
        "De love, den bygger på.",
        "[\"servicelovens § 85\"]",
    ),
    field(
        "partners",
        TextList,
        "Who it works with.",
        "Hvem den samarbejder med.",
        "[\"Frederiksberg Kommune\"]",
    ),
];

const MILESTONE: &[Field] = &[
    required(
        "date",
        Date,
        "When, as the source writes it.",
        "Hvornår, som kilden skriver det.",
        "\"17. august 2023\"",
    ),
    field("forum", Text, "Where it happens.", "Hvor det sker.", "SSU"),
    field(
        "strategies",
        RefList(&[Kind::Strategy]),
        "The strategies it concerns.",
        "De strategier, den vedrører.",
        "[socialstrategi]",
    )
    .listed_in(Rel::Milestones),
];

const DOCUMENT: &[Field] = &[
    field(
        "doc_type",
        Text,
        "What kind of document: notat, kommissorium, strategi …",
        "Hvilken slags dokument: notat, kommissorium, strategi …",
        "notat",
    ),
    field(
        "date",
        Date,
        "The document's date.",
        "Dokumentets dato.",
        "\"23. maj 2019\"",
    ),
    field(
        "author",
        Text,
        "Who wrote it.",
        "Hvem der har skrevet det.",
        "\"Ane Katrine Jensen\"",
    ),
    field(
        "organisation",
        Text,
        "Which organisation it comes from.",
        "Hvilken organisation det kommer fra.",
        "\"Ishøj Kommune\"",
    ),
    field(
        "file",
        Text,
        "The document's file, offered for download with its type and size: its name when it lies beside this page in `content/`, a path from the root (`/filer/strategi.pdf`, in `content/` or `static/`), or an https:// address. The file must exist.",
        "Dokumentets fil, som læserne kan hente, med type og størrelse: dens navn, når den ligger ved siden af denne side i `content/`, en sti fra roden (`/filer/strategi.pdf`, i `content/` eller `static/`) eller en https://-adresse. Filen skal findes.",
        "\"notat.txt\"",
    ),
];

const ALL_KINDS: &[Kind] = &[
    Kind::Vision,
    Kind::Strategy,
    Kind::FocusArea,
    Kind::Goal,
    Kind::Indicator,
    Kind::Initiative,
    Kind::Milestone,
    Kind::Document,
    Kind::Page,
    Kind::Catalogue,
    Kind::Theme,
    Kind::Idea,
    Kind::MainInitiative,
    Kind::Section,
];

const PAGE: &[Field] = &[field(
    "parent",
    Ref(ALL_KINDS),
    "The page this page sits under in the breadcrumb.",
    "Den side, siden ligger under i brødkrummestien.",
    "om-processen",
)
.parent(0)
.listed_in(Rel::Pages)];

const SECTION: &[Field] = &[field(
    "sort_by",
    Choice(SORT_BY),
    "How the listed pages are ordered.",
    "Hvordan de viste sider er ordnet.",
    "weight",
)];

/// The fields of a kind, beyond [`COMMON`].
pub fn kind_fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Vision => VISION,
        Kind::Strategy => STRATEGY,
        Kind::FocusArea => FOCUS_AREA,
        Kind::Goal => GOAL,
        Kind::Indicator => INDICATOR,
        Kind::Initiative => INITIATIVE,
        Kind::Milestone => MILESTONE,
        Kind::Document => DOCUMENT,
        Kind::Page => PAGE,
        Kind::Catalogue => catalogue::CATALOGUE,
        Kind::Theme => catalogue::THEME,
        Kind::Idea => catalogue::IDEA,
        Kind::MainInitiative => catalogue::MAIN_INITIATIVE,
        Kind::Section => SECTION,
    }
}

/// Every field a kind accepts, common ones first.
pub fn all_fields(kind: Kind) -> impl Iterator<Item = &'static Field> {
    COMMON.iter().chain(kind_fields(kind))
}

/// The closest name to `wanted` among `candidates`, if it is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_l = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&wanted_l, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The reference documentation of the schema, as Markdown.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Content model\n\n\
         <!-- Generated from src/schema.rs by `pejl schema`; do not edit by hand. -->\n\n\
         Every Markdown file in `content/` starts with YAML front matter between two `---` lines. \
         A page's id is its file name without `.md` (`content/initiativer/din-indgang.md` has the id \
         `din-indgang`); pages refer to each other by id. Links in the text point to the other \
         page's file: `[Din Indgang](../initiativer/din-indgang.md)`.\n\n\
         ## Fields every page accepts\n\n",
    );
    table(&mut out, COMMON);
    for kind in ALL_KINDS {
        out.push_str(&format!(
            "\n## `{}`\n\n{}\n\n",
            kind.name(),
            kind.description()
        ));
        if *kind == Kind::Goal {
            out.push_str("A goal needs exactly one of `focus_area` and `strategy`.\n\n");
        }
        let fields = kind_fields(*kind);
        table(&mut out, fields);
        for f in fields {
            match f.ty {
                Records(sub) => {
                    out.push_str(&format!("\nEach entry of `{}`:\n\n", f.name));
                    table(&mut out, sub);
                }
                Record(sub) => {
                    out.push_str(&format!("\nThe fields of `{}`:\n\n", f.name));
                    table(&mut out, sub);
                }
                _ => {}
            }
        }
        if *kind == Kind::Indicator {
            out.push_str(
                "\nThe example portals have no indicators: their strategy documents \
                 (`seeds/`) give no measured figures for their goals yet (the figures in \
                 them are forecasts, such as a 76 % rise in the number of citizens over \
                 80, not a baseline, a target or a measurement of a goal).\n",
            );
        }
    }
    out
}

fn table(out: &mut String, fields: &[Field]) {
    out.push_str("| field | type | required | meaning |\n| --- | --- | --- | --- |\n");
    for f in fields {
        let req = if f.required { "yes" } else { "" };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            f.name,
            f.ty.describe(),
            req,
            f.help
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_typos_only() {
        let names = ["goal", "secondary_goals", "status"];
        assert_eq!(nearest("gaol", names), Some("goal"));
        assert_eq!(nearest("statsu", names), Some("status"));
        assert_eq!(nearest("budgetramme", names), None);
    }

    #[test]
    fn every_field_has_danish_help() {
        for kind in ALL_KINDS {
            for f in all_fields(*kind) {
                assert!(!f.help_da.is_empty(), "{kind} {}", f.name);
                if let Records(sub) | Record(sub) = f.ty {
                    assert!(sub.iter().all(|s| !s.help_da.is_empty()), "{}", f.name);
                }
            }
        }
    }

    #[test]
    fn relations_are_made_by_references_only() {
        for kind in ALL_KINDS {
            let mut ranks = Vec::new();
            for f in all_fields(*kind) {
                let r = f.relation;
                match f.ty {
                    Ref(_) => {}
                    RefList(_) => {
                        assert_eq!(r.parent, None, "{kind}.{}: a list is no parent", f.name)
                    }
                    Records(sub) | Record(sub) => {
                        for s in sub {
                            assert_eq!(s.relation, Relation::NONE, "{kind}.{}.{}", f.name, s.name);
                        }
                        assert_eq!(r, Relation::NONE, "{kind}.{}", f.name);
                    }
                    _ => assert_eq!(r, Relation::NONE, "{kind}.{}: not a reference", f.name),
                }
                ranks.extend(r.parent);
                // Folders make these lists, never a field (but `parent`, see below).
                assert_ne!(r.listed_in, Some(Rel::Subsections), "{kind}.{}", f.name);
            }
            let all = ranks.len();
            ranks.sort_unstable();
            ranks.dedup();
            assert_eq!(
                ranks.len(),
                all,
                "{kind}: two parent references of one rank"
            );
        }
    }

    #[test]
    fn parents_and_lists_are_as_the_pages_show_them() {
        let relations = |kind: Kind| -> Vec<(&str, Option<u8>, Option<Rel>)> {
            kind_fields(kind)
                .iter()
                .filter(|f| f.relation != Relation::NONE)
                .map(|f| (f.name, f.relation.parent, f.relation.listed_in))
                .collect()
        };
        assert_eq!(
            relations(Kind::Goal),
            [
                ("focus_area", Some(0), Some(Rel::Goals)),
                ("strategy", Some(1), Some(Rel::Goals))
            ]
        );
        assert_eq!(
            relations(Kind::Idea),
            [
                ("catalogue", Some(1), Some(Rel::Ideas)),
                ("themes", None, Some(Rel::IdeasOf)),
                ("main_initiative", Some(0), Some(Rel::IdeasOf))
            ]
        );
        assert_eq!(
            relations(Kind::Indicator),
            [("goal", Some(0), Some(Rel::Indicators))]
        );
        assert_eq!(
            relations(Kind::Page),
            [("parent", Some(0), Some(Rel::Pages))]
        );
        let source = COMMON.iter().find(|f| f.name == "source");
        assert_eq!(
            source.map(|f| f.relation.listed_in),
            Some(Some(Rel::Sourced))
        );
    }

    #[test]
    fn the_kind_field_offers_every_writable_kind() {
        let kind = COMMON.iter().find(|f| f.name == "kind").map(|f| f.ty);
        assert_eq!(kind, Some(Choice(&Kind::WRITABLE_NAMES)));
        assert!(Kind::WRITABLE_NAMES.contains(&"main_initiative"));
    }

    #[test]
    fn every_kind_name_round_trips() {
        for k in ALL_KINDS {
            assert_eq!(Kind::from_name(k.name()), Some(*k));
        }
        assert_eq!(Kind::from_name("focus area"), Some(Kind::FocusArea));
    }

    #[test]
    fn generated_reference_is_committed_and_current() {
        let committed = include_str!("../../docs/content-model.md");
        assert_eq!(
            committed,
            reference_markdown(),
            "run `cargo run -- schema > docs/content-model.md`"
        );
    }
}
