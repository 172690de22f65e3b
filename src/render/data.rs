//! Open data: the portal's initiatives, goals, follow-ups, budget lines and
//! indicators with their measurements as JSON and CSV, and the description of every file and column that the Data
//! page shows.
//!
//! Owns the files' names, their columns and what each means, and their
//! encoding: UTF-8, RFC 4180 CSV with a guard against spreadsheet formulas,
//! ISO dates beside the wording of the source. Pure: returns the files' text.

use serde::Serialize;

use crate::base::OutputFile;
use crate::config::Config;
use crate::content::model::{
    Direction, Entry, IndicatorData, InitiativeData, KindData, Measurement,
};
use crate::content::schema::Kind;
use crate::site::dates::Dates;
use crate::site::link::Site;
use crate::site::money::Money;

mod catalogue;

/// The folder the data files and the Data page live in.
pub const FOLDER: &str = crate::base::routes::DATA;

/// One file of open data and its columns, for the Data page. The texts name
/// kinds by placeholder (`{goal}`, `{the_goal}`), which the Data page fills
/// with the site's words (`vocabulary::fill`).
pub struct FileDoc {
    pub name: &'static str,
    pub about: (&'static str, &'static str),
    /// Column name, and what it holds in Danish and English.
    pub columns: &'static [(&'static str, &'static str, &'static str)],
}

const DATE_COLUMNS: (&str, &str) = (
    "som kilden skriver den; _start og _end er første og sidste dag (ÅÅÅÅ-MM-DD)",
    "as the source writes it; _start and _end are its first and last day (YYYY-MM-DD)",
);

/// Every data file pejl writes, with its columns.
pub const FILES: &[FileDoc] = &[
    FileDoc {
        name: "initiatives.json",
        about: (
            "Alle {initiatives} med {goals}, status, opfølgninger og budget, i én JSON-fil. Felterne er de samme som i CSV-filerne.",
            "Every {initiative} with its {goals}, status, follow-ups and budget, in one JSON file. The fields are those of the CSV files.",
        ),
        columns: &[],
    },
    FileDoc {
        name: "initiatives.csv",
        about: ("En række pr. {initiative}.", "One row per {initiative}."),
        columns: &[
            (
                "id",
                "{the_initiative}s id (filnavnet)",
                "{the_initiative}'s id (its file name)",
            ),
            ("title", "titel", "title"),
            ("url", "sidens adresse", "the page's address"),
            (
                "status",
                "status: planned, running, continued, not_continued, completed, paused",
                "status: planned, running, continued, not_continued, completed, paused",
            ),
            (
                "goal",
                "{goal:den primære|det primære} {goal}s id",
                "the primary {goal}'s id",
            ),
            (
                "secondary_goals",
                "sekundære {goals}, adskilt af mellemrum",
                "secondary {goals}, separated by spaces",
            ),
            ("strategy", "{the_strategy}s id", "{the_strategy}'s id"),
            ("area", "område", "area"),
            ("committee", "udvalg", "committee"),
            ("owner", "ansvarlig", "owner"),
            ("start", DATE_COLUMNS.0, DATE_COLUMNS.1),
            ("end", DATE_COLUMNS.0, DATE_COLUMNS.1),
            ("follow_ups", "antal opfølgninger", "number of follow-ups"),
            (
                "budget_total",
                "summen af budgetlinjerne i kroner, som de tælles (kolonnen counted i budget-lines.csv); tom, hvis linjerne er af forskellig slags (basis)",
                "the sum of the budget lines in kroner as they count (the column counted of budget-lines.csv); empty when the lines have different bases (basis)",
            ),
        ],
    },
    FileDoc {
        name: "follow-ups.csv",
        about: ("En række pr. opfølgning.", "One row per follow-up."),
        columns: &[
            (
                "initiative",
                "{the_initiative}s id",
                "{the_initiative}'s id",
            ),
            (
                "initiative_title",
                "{the_initiative}s titel",
                "{the_initiative}'s title",
            ),
            ("date", DATE_COLUMNS.0, DATE_COLUMNS.1),
            (
                "forum",
                "hvor: et udvalg eller et møde",
                "where: a committee or a meeting",
            ),
            ("text", "hvad opfølgningen er", "what the follow-up is"),
            ("outcome", "hvad den førte til", "what came of it"),
        ],
    },
    FileDoc {
        name: "budget-lines.csv",
        about: ("En række pr. budgetlinje.", "One row per budget line."),
        columns: &[
            (
                "initiative",
                "{the_initiative}s id",
                "{the_initiative}'s id",
            ),
            (
                "initiative_title",
                "{the_initiative}s titel",
                "{the_initiative}'s title",
            ),
            ("amount", "beløb i hele kroner", "amount in whole kroner"),
            ("period", DATE_COLUMNS.0, DATE_COLUMNS.1),
            (
                "per_year",
                "true, hvis beløbet gives hvert år i perioden, ellers false",
                "true when the amount is paid every year of the period, else false",
            ),
            (
                "basis",
                "hvad beløbet er: decided (besluttet), spent (brugt) eller expected (forventet); tom, hvis det ikke er oplyst",
                "what the amount is: decided, spent or expected; empty when not said",
            ),
            (
                "counted",
                "beløbet, som summerne tæller det: et årligt beløb én gang for hvert år i perioden, uden slutår til og med året i generated eller det seneste år, en budgetlinje nævner",
                "the amount as totals count it: a yearly amount once for each year of its period, with no end up to the year of generated or the last year a budget line names",
            ),
            (
                "source",
                "hvor beløbet er besluttet",
                "where the amount is decided",
            ),
            ("note", "bemærkning", "note"),
        ],
    },
    FileDoc {
        name: "goals.csv",
        about: ("En række pr. {goal}.", "One row per {goal}."),
        columns: &[
            ("id", "{the_goal}s id", "{the_goal}'s id"),
            ("title", "titel", "title"),
            ("url", "sidens adresse", "the page's address"),
            (
                "focus_area",
                "{the_focus_area}s id",
                "{the_focus_area}'s id",
            ),
            ("strategy", "{the_strategy}s id", "{the_strategy}'s id"),
            (
                "initiatives",
                "antal {initiatives} med {the_goal} som {goal:primær|primært} {goal}",
                "number of {initiatives} with it as primary {goal}",
            ),
        ],
    },
    FileDoc {
        name: "indicators.json",
        about: (
            "Alle {indicators} med {goal}, enhed, retning, udgangspunkt, målværdi og målinger, i én JSON-fil. Tallene er JSON-tal.",
            "Every {indicator} with its {goal}, unit, direction, baseline, target and measurements, in one JSON file. The values are JSON numbers.",
        ),
        columns: &[],
    },
    FileDoc {
        name: "indicators.csv",
        about: (
            "En række pr. måling af {indicator:en|et} {indicator}, med {the_indicator}s udgangspunkt og målværdi på hver række. Tal står med punktum som decimaltegn og uden tusindtalsskilletegn.",
            "One row per measurement of each {indicator}, with {the_indicator}'s baseline and target on each row. Numbers have a decimal point and no thousands separator.",
        ),
        columns: &[
            ("indicator", "{the_indicator}s id", "{the_indicator}'s id"),
            (
                "indicator_title",
                "{the_indicator}s titel",
                "{the_indicator}'s title",
            ),
            (
                "goal",
                "id'et på {goal:den|det} {goal}, {indicator:den|det} måler",
                "the id of {the_goal} it measures",
            ),
            ("unit", "enhed, fx %", "unit, e.g. %"),
            (
                "direction",
                "hvad der er bedst: higher (højere) eller lower (lavere)",
                "which is better: higher or lower",
            ),
            ("period", DATE_COLUMNS.0, DATE_COLUMNS.1),
            ("value", "den målte værdi", "the value measured"),
            ("note", "bemærkning til målingen", "note on the measurement"),
            ("baseline", "udgangspunktets værdi", "the baseline's value"),
            ("baseline_period", DATE_COLUMNS.0, DATE_COLUMNS.1),
            ("target", "målværdien", "the target value"),
            ("target_period", DATE_COLUMNS.0, DATE_COLUMNS.1),
        ],
    },
];

/// A date as written, with its first and last day.
#[derive(Serialize)]
struct When {
    text: String,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Serialize)]
struct FollowUpRow {
    date: When,
    forum: Option<String>,
    text: Option<String>,
    outcome: Option<String>,
}

#[derive(Serialize)]
struct BudgetRow {
    amount: i64,
    period: Option<When>,
    per_year: bool,
    basis: Option<&'static str>,
    counted: i128,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct InitiativeRow {
    id: String,
    title: String,
    url: String,
    status: Option<String>,
    goal: Option<String>,
    secondary_goals: Vec<String>,
    strategy: Option<String>,
    area: Option<String>,
    committee: Option<String>,
    owner: Option<String>,
    start: Option<When>,
    end: Option<When>,
    follow_ups: Vec<FollowUpRow>,
    budget: Vec<BudgetRow>,
    /// `None` when the lines have different bases.
    budget_total: Option<i128>,
}

/// A value of an indicator with its period (none for a target without one).
#[derive(Serialize)]
struct Measured {
    value: f64,
    period: Option<When>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct IndicatorRow {
    id: String,
    title: String,
    url: String,
    goal: String,
    strategy: Option<String>,
    unit: Option<String>,
    direction: Option<&'static str>,
    baseline: Option<Measured>,
    target: Option<Measured>,
    measurements: Vec<Measured>,
}

#[derive(Serialize)]
struct Indicators<'a> {
    site: &'a str,
    generated: String,
    indicators: Vec<IndicatorRow>,
}

#[derive(Serialize)]
struct Dataset<'a> {
    site: &'a str,
    generated: String,
    initiatives: Vec<InitiativeRow>,
}

/// Whether the site has indicators (and so the files about them).
fn has_indicators(site: &Site) -> bool {
    site.entries.iter().any(|e| e.kind == Kind::Indicator)
}

/// Whether the site has initiatives or goals (and so the files about them).
fn has_initiatives(site: &Site) -> bool {
    site.entries
        .iter()
        .any(|e| matches!(e.kind, Kind::Initiative | Kind::Goal))
}

/// The data files a site gets, for the Data page: those about initiatives
/// when it has initiatives or goals, those about catalogues when it has
/// catalogues; never a file with nothing in it.
pub fn written(site: &Site) -> Vec<&'static FileDoc> {
    let mut out: Vec<&'static FileDoc> = Vec::new();
    if has_initiatives(site) {
        out.extend(&FILES[..5]);
    }
    if has_indicators(site) {
        out.extend(&FILES[5..]);
    }
    if catalogue::has_catalogues(site) {
        out.extend(catalogue::FILES);
    }
    out
}

/// The data files, under `data/`.
pub fn files(site: &Site, config: &Config, today: chrono::NaiveDate) -> Vec<OutputFile> {
    let base = config.base_url().unwrap_or_default();
    let url = |i: usize| format!("{base}{}", site.urls[i].trim_end_matches("index.html"));
    let path = |name: &str| format!("{FOLDER}/{name}");
    let mut out = Vec::new();
    if catalogue::has_catalogues(site) {
        let generated = today.format("%Y-%m-%d").to_string();
        let made = catalogue::files(site, &config.title, generated, &url);
        let names = catalogue::FILES.iter().map(|f| path(f.name));
        out.extend(
            names
                .zip(made)
                .map(|(name, bytes)| OutputFile::new(name, bytes)),
        );
    }
    if has_initiatives(site) {
        out.extend(initiative_files(site, config, today, &url));
    }
    out
}

/// The files about initiatives, their follow-ups and budget lines, and goals.
fn initiative_files(
    site: &Site,
    config: &Config,
    today: chrono::NaiveDate,
    url: &dyn Fn(usize) -> String,
) -> Vec<OutputFile> {
    let money = Money::new(site, config.budget_basis.as_deref(), today);
    let rows: Vec<InitiativeRow> = (0..site.entries.len())
        .filter_map(|i| match &site.entries[i].data {
            KindData::Initiative(x) => Some(initiative(site, &money, i, x, url(i))),
            _ => None,
        })
        .collect();

    let (initiatives, follow_ups, budget) = initiative_tables(&rows);
    let goals = goals_table(site, &rows, url);
    let dataset = Dataset {
        site: &config.title,
        generated: today.format("%Y-%m-%d").to_string(),
        initiatives: rows,
    };
    let json = serde_json::to_string_pretty(&dataset).unwrap_or_else(|_| "{}".into());
    let indicators = Indicators {
        site: &config.title,
        generated: dataset.generated.clone(),
        indicators: (0..site.entries.len())
            .filter_map(|i| match &site.entries[i].data {
                KindData::Indicator(x) => Some(indicator(site, i, x, url(i))),
                _ => None,
            })
            .collect(),
    };
    let measured = indicators_table(&indicators.indicators);
    let indicators = serde_json::to_string_pretty(&indicators).unwrap_or_else(|_| "{}".into());
    let path = |name: &str| format!("{FOLDER}/{name}");
    let mut out = vec![
        OutputFile::new(path(FILES[0].name), format!("{json}\n").into_bytes()),
        OutputFile::new(path(FILES[1].name), initiatives.finish()),
        OutputFile::new(path(FILES[2].name), follow_ups.finish()),
        OutputFile::new(path(FILES[3].name), budget.finish()),
        OutputFile::new(path(FILES[4].name), goals.finish()),
    ];
    if has_indicators(site) {
        out.push(OutputFile::new(
            path(FILES[5].name),
            format!("{indicators}\n").into_bytes(),
        ));
        out.push(OutputFile::new(path(FILES[6].name), measured.finish()));
    }
    out
}

fn indicator(site: &Site, i: usize, x: &IndicatorData, url: String) -> IndicatorRow {
    let e: &Entry = &site.entries[i];
    let when = |t: &str| when(t, &site.dates);
    IndicatorRow {
        id: e.id.clone(),
        title: e.common.title.clone(),
        url,
        goal: x.goal.clone(),
        strategy: strategy_of(site, i),
        unit: x.unit.clone(),
        direction: x.direction.map(|d| match d {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }),
        baseline: x.baseline.as_ref().map(|b| Measured {
            value: b.value,
            period: Some(when(&b.period)),
            note: None,
        }),
        target: x.target.as_ref().map(|t| Measured {
            value: t.value,
            period: t.period.as_deref().map(when),
            note: None,
        }),
        measurements: by_period(site, &x.measurements)
            .into_iter()
            .map(|m| Measured {
                value: m.value,
                period: Some(when(&m.period)),
                note: m.note.clone(),
            })
            .collect(),
    }
}

/// Measurements in the order of their periods (as the indicator's page
/// shows them; a period that cannot be read last).
fn by_period<'a>(site: &Site, measurements: &'a [Measurement]) -> Vec<&'a Measurement> {
    let mut out: Vec<&Measurement> = measurements.iter().collect();
    out.sort_by_cached_key(|m| {
        let never = (chrono::NaiveDate::MAX, chrono::NaiveDate::MAX);
        site.dates.get(&m.period).map_or(never, |p| p.sort_key())
    });
    out
}

/// The CSV table of measurements: one row per measurement, each with its
/// indicator's baseline and target.
fn indicators_table(rows: &[IndicatorRow]) -> Csv {
    let mut csv = Csv::new(FILES[6].columns);
    let number = |m: Option<&Measured>| m.map(|m| m.value.to_string()).unwrap_or_default();
    let period =
        |m: Option<&Measured>| when_cells(&m.and_then(|m| m.period.as_ref()).map(When::clone_when));
    for r in rows {
        let (baseline, target) = (r.baseline.as_ref(), r.target.as_ref());
        let (b, t) = (period(baseline), period(target));
        for m in &r.measurements {
            let p = period(Some(m));
            csv.row(&[
                &r.id,
                &r.title,
                &r.goal,
                opt(&r.unit),
                r.direction.unwrap_or_default(),
                &p[0],
                &p[1],
                &p[2],
                &m.value.to_string(),
                opt(&m.note),
                &number(baseline),
                &b[0],
                &b[1],
                &b[2],
                &number(target),
                &t[0],
                &t[1],
                &t[2],
            ]);
        }
    }
    csv
}

/// The CSV tables of initiatives, their follow-ups and their budget lines.
fn initiative_tables(rows: &[InitiativeRow]) -> (Csv, Csv, Csv) {
    let mut initiatives = Csv::new(FILES[1].columns);
    let mut follow_ups = Csv::new(FILES[2].columns);
    let mut budget = Csv::new(FILES[3].columns);
    for r in rows {
        let (start, end) = (when_cells(&r.start), when_cells(&r.end));
        initiatives.row(&[
            &r.id,
            &r.title,
            &r.url,
            opt(&r.status),
            opt(&r.goal),
            &r.secondary_goals.join(" "),
            opt(&r.strategy),
            opt(&r.area),
            opt(&r.committee),
            opt(&r.owner),
            &start[0],
            &start[1],
            &start[2],
            &end[0],
            &end[1],
            &end[2],
            &r.follow_ups.len().to_string(),
            &r.budget_total.map(|t| t.to_string()).unwrap_or_default(),
        ]);
        for f in &r.follow_ups {
            let d = when_cells(&Some(f.date.clone_when()));
            follow_ups.row(&[
                &r.id,
                &r.title,
                &d[0],
                &d[1],
                &d[2],
                opt(&f.forum),
                opt(&f.text),
                opt(&f.outcome),
            ]);
        }
        for b in &r.budget {
            let p = when_cells(&b.period.as_ref().map(When::clone_when));
            budget.row(&[
                &r.id,
                &r.title,
                &b.amount.to_string(),
                &p[0],
                &p[1],
                &p[2],
                &b.per_year.to_string(),
                b.basis.unwrap_or_default(),
                &b.counted.to_string(),
                opt(&b.source),
                opt(&b.note),
            ]);
        }
    }
    (initiatives, follow_ups, budget)
}

/// The CSV table of goals, each with how many initiatives have it as their
/// primary goal (counted once for all goals, not once per goal).
fn goals_table(site: &Site, rows: &[InitiativeRow], url: &dyn Fn(usize) -> String) -> Csv {
    let mut primary: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for goal in rows.iter().filter_map(|r| r.goal.as_deref()) {
        *primary.entry(goal).or_default() += 1;
    }
    let mut goals = Csv::new(FILES[4].columns);
    for (i, e) in site.entries.iter().enumerate() {
        let KindData::Goal(g) = &e.data else { continue };
        let count = primary.get(e.id.as_str()).copied().unwrap_or(0);
        goals.row(&[
            &e.id,
            &e.common.title,
            &url(i),
            opt(&g.focus_area),
            &strategy_of(site, i).unwrap_or_default(),
            &count.to_string(),
        ]);
    }
    goals
}

impl When {
    fn clone_when(&self) -> When {
        When {
            text: self.text.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
        }
    }
}

fn when(text: &str, dates: &Dates) -> When {
    let p = dates.get(text);
    When {
        text: text.to_string(),
        start: p.as_ref().map(|p| p.start.format("%Y-%m-%d").to_string()),
        end: p.map(|p| p.end.format("%Y-%m-%d").to_string()),
    }
}

fn when_cells(w: &Option<When>) -> [String; 3] {
    match w {
        Some(w) => [
            w.text.clone(),
            w.start.clone().unwrap_or_default(),
            w.end.clone().unwrap_or_default(),
        ],
        None => Default::default(),
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// The strategy above page `i`, by id.
fn strategy_of(site: &Site, i: usize) -> Option<String> {
    site.ancestors(i)
        .into_iter()
        .rev()
        .find(|&a| site.entries[a].kind == Kind::Strategy)
        .map(|s| site.entries[s].id.clone())
}

fn initiative(
    site: &Site,
    money: &Money,
    i: usize,
    x: &InitiativeData,
    url: String,
) -> InitiativeRow {
    let totals = money.totals(&x.budget);
    let e: &Entry = &site.entries[i];
    InitiativeRow {
        id: e.id.clone(),
        title: e.common.title.clone(),
        url,
        status: x.status.clone(),
        goal: x.goal.clone(),
        secondary_goals: x.secondary_goals.clone(),
        strategy: x.strategy.clone().or_else(|| strategy_of(site, i)),
        area: x.area.clone(),
        committee: x.committee.clone(),
        owner: x.owner.clone(),
        start: x.start.as_deref().map(|t| when(t, &site.dates)),
        end: x.end.as_deref().map(|t| when(t, &site.dates)),
        follow_ups: x
            .follow_ups
            .iter()
            .map(|f| FollowUpRow {
                date: when(&f.date, &site.dates),
                forum: f.forum.clone(),
                text: f.text.clone(),
                outcome: f.outcome.clone(),
            })
            .collect(),
        budget: x
            .budget
            .iter()
            .map(|b| BudgetRow {
                amount: b.amount,
                period: b.period.as_deref().map(|t| when(t, &site.dates)),
                per_year: b.per_year,
                basis: money.basis(b),
                counted: money.counted(b),
                source: b.source.clone(),
                note: b.note.clone(),
            })
            .collect(),
        budget_total: match totals.as_slice() {
            [] => Some(0),
            [one] => Some(one.amount),
            _ => None,
        },
    }
}

/// An RFC 4180 CSV file: comma-separated, fields quoted when needed, CRLF.
struct Csv {
    text: String,
}

impl Csv {
    /// A file whose header is the columns; date columns become three
    /// (`x`, `x_start`, `x_end`).
    fn new(columns: &[(&str, &str, &str)]) -> Csv {
        let mut names = Vec::new();
        for (name, da, _) in columns {
            names.push(name.to_string());
            if *da == DATE_COLUMNS.0 {
                names.push(format!("{name}_start"));
                names.push(format!("{name}_end"));
            }
        }
        let mut csv = Csv {
            text: String::new(),
        };
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        csv.row(&refs);
        csv
    }

    fn row(&mut self, cells: &[&str]) {
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        self.text.push_str(&line.join(","));
        self.text.push_str("\r\n");
    }

    fn finish(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// One CSV field. A text that a spreadsheet would run as a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'` in front;
/// numbers are left alone.
fn cell(text: &str) -> String {
    let is_number = text.parse::<i64>().is_ok()
        || (text.parse::<f64>().is_ok()
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.'));
    let risky = !is_number && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Ishøj"), "Ishøj");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-500000"), "-500000", "numbers stay numbers");
        assert_eq!(cell("-3.5"), "-3.5", "decimal numbers too");
        assert_eq!(cell("-.-"), "'-.-");
        assert_eq!(cell("- punkt"), "'- punkt");
    }

    #[test]
    fn date_columns_get_start_and_end() {
        let csv = Csv::new(FILES[2].columns);
        assert!(csv.text.starts_with(
            "initiative,initiative_title,date,date_start,date_end,forum,text,outcome\r\n"
        ));
    }
}
