//! Money as it is decided: yearly budget lines counted in each of their
//! years, totals per strategy through each initiative's strategy, lines
//! with no strategy said to have none, bases never added together, and the
//! years an open-ended yearly line is counted for said on the page.
//!
//! The fixture `tests/fixtures/budget`: Socialstrategi has an initiative
//! that names it (kr. 1.200.000 a year, 2025-2027); Sundhedsstrategi one
//! that reaches it through its goal and focus area (kr. 400.000 in 2023 and
//! kr. 900.000 once for 2021-2022); Ældrestrategi has no money; the folder
//! `puljer/` (a section, not a strategy) has kr. 250.000 in 2024, and an
//! initiative at the top has kr. 50.000 with neither strategy nor period.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{Site, main_of, text};

const BUDGET: &str = "public/oekonomi/index.html";
const BOSTOETTE: &str = "content/initiativer/bostoette.md";

fn built() -> Site {
    let site = Site::fixture("budget");
    site.build().assert_ok();
    site
}

/// The rows of the table captioned `caption`: each row's header and its
/// amount (the cell of class `num`).
fn rows(html: &str, caption: &str) -> Vec<(String, String)> {
    let at = html
        .find(&format!("<caption>{caption}</caption>"))
        .unwrap_or_else(|| panic!("no table {caption:?} in {html}"));
    let table = &html[at..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let head = &row[row.find("<th").unwrap()..row.find("</th>").unwrap()];
            let num = &row[row.find("class=\"num\"").unwrap()..];
            let num = &num[..num.find("</td>").unwrap()];
            (text(&format!("{head}>")), text(&format!("<{num}")))
        })
        .collect()
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_yearly_amount_counts_in_each_of_its_years() {
    let site = built();
    let page = site.read(BUDGET);
    let by_year = rows(&page, "Beløb pr. år");
    for year in ["2025", "2026", "2027"] {
        assert!(
            by_year.contains(&(year.to_string(), "kr. 1.200.000".to_string())),
            "{year}: {by_year:?}"
        );
    }
    let by_strategy = rows(&page, "Beløb pr. strategi");
    assert_eq!(
        by_strategy[0],
        pairs(&[("Socialstrategi", "kr. 3.600.000")])[0]
    );
    let lines = rows(&page, "Alle budgetlinjer");
    assert!(
        lines.contains(&(
            "Etablering af bostøtteteam".into(),
            "kr. 1.200.000 pr. år".into()
        )),
        "{lines:?}"
    );
    // The initiative's page: the amount a year, and the total over its years.
    let initiative = main_of(&site.read("public/initiativer/bostoette/index.html")).to_string();
    let table = text(&initiative[initiative.find("id=\"budget-heading\"").unwrap()..]);
    assert!(
        table.contains("2025-2027 kr. 1.200.000 pr. år Budget 2025"),
        "{table}"
    );
    assert!(table.contains("I alt 2025–2027 kr. 3.600.000"), "{table}");
    // The strategy's timeline says it is a yearly amount, too.
    let strategy = site.read("public/strategier/social/index.html");
    assert!(main_of(&strategy).contains("Bevilling · kr. 1.200.000 pr. år"));
    // And the open data counts it three times.
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/initiatives.json")).unwrap();
    let row = json["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "bostoette")
        .unwrap();
    assert_eq!(row["budget_total"], 3_600_000);
    assert_eq!(row["budget"][0]["per_year"], true);
    assert_eq!(row["budget"][0]["counted"], 3_600_000);
    let csv = site.read("public/data/budget-lines.csv");
    assert!(
        csv.contains("bostoette,Etablering af bostøtteteam,1200000,2025-2027,2025-01-01,2027-12-31,true,,3600000,Budget 2025,\r\n"),
        "{csv}"
    );
}

#[test]
fn every_real_strategy_with_money_has_its_total_and_what_is_no_strategy_says_so() {
    let site = built();
    let page = site.read(BUDGET);
    let main = main_of(&page);
    // Strategies first, largest first: one named by its initiative, one
    // reached through the initiative's goal and focus area; then the
    // section that is not a strategy, then the line with none at all.
    assert_eq!(
        rows(main, "Beløb pr. strategi"),
        pairs(&[
            ("Socialstrategi", "kr. 3.600.000"),
            ("Sundhedsstrategi", "kr. 1.300.000"),
            ("Puljemidler (ikke en strategi)", "kr. 250.000"),
            ("Uden strategi", "kr. 50.000"),
        ])
    );
    assert!(
        !rows(main, "Beløb pr. strategi")
            .iter()
            .any(|(s, _)| s.contains("Ældrestrategi")),
        "a strategy with no money has no row"
    );
    assert!(
        text(main).contains("Der står ingen beløb ved indsatserne under: Ældrestrategi ."),
        "but it is named"
    );
    assert!(main.contains("href=\"../strategier/sundhed/index.html\">Sundhedsstrategi</a>"));
    assert!(main.contains("href=\"../puljer/index.html\">Puljemidler (ikke en strategi)</a>"));
    // Each line says where it is counted.
    let lines = text(&main[main.find("<caption>Alle budgetlinjer").unwrap()..]);
    assert!(
        lines.contains("Løs indsats Uden strategi kr. 50.000"),
        "{lines}"
    );
    assert!(
        lines.contains("Pulje til frivillige Puljemidler (ikke en strategi) 2024 kr. 250.000"),
        "{lines}"
    );
    assert!(lines.contains("I alt 2021–2027 kr. 5.200.000"), "{lines}");
    assert!(main.contains("I alt 2021–2027: <strong>kr. 5.200.000</strong>"));
    // No basis was given: the page says nothing of it.
    assert!(!main.contains("Beløbene er") && !main.contains("Grundlag"));
    // No yearly line is open-ended: no horizon to state.
    assert!(!main.contains("uden slutår"));
}

#[test]
fn a_one_off_amount_over_several_years_stays_under_its_period() {
    let site = built();
    let by_year = rows(&site.read(BUDGET), "Beløb pr. år");
    assert_eq!(
        by_year,
        pairs(&[
            ("2021-2022", "kr. 900.000"),
            ("2023", "kr. 400.000"),
            ("2024", "kr. 250.000"),
            ("2025", "kr. 1.200.000"),
            ("2026", "kr. 1.200.000"),
            ("2027", "kr. 1.200.000"),
            ("Uden periode", "kr. 50.000"),
        ]),
        "the years add up to the total, kr. 5.200.000"
    );
}

#[test]
fn an_open_ended_yearly_line_is_counted_up_to_a_horizon_the_page_states() {
    let site = Site::fixture("budget");
    site.edit(
        "content/puljer/pulje.md",
        "    period: \"2024\"\n",
        "    per_year: true\n    period: \"fra 2024\"\n",
    );
    // Today is 1 January 2025; the last year a line names is 2027.
    site.build().assert_ok();
    let page = site.read(BUDGET);
    assert!(
        page.contains("Årlige beløb uden slutår er talt med for 2024–2027."),
        "{page}"
    );
    let by_strategy = rows(&page, "Beløb pr. strategi");
    assert!(
        by_strategy.contains(&(
            "Puljemidler (ikke en strategi)".into(),
            "kr. 1.000.000".into()
        )),
        "{by_strategy:?}"
    );
    assert!(rows(&page, "Beløb pr. år").contains(&("2025".into(), "kr. 1.450.000".into())));
    let pulje = site.read("public/puljer/pulje/index.html");
    assert!(pulje.contains("I alt 2024–2027"), "{pulje}");
    assert!(pulje.contains("Årlige beløb uden slutår er talt med for 2024–2027."));
    // Later on, the horizon is the current year.
    site.pejl(&["build", "--now", "2030-06-01"]).assert_ok();
    let page = site.read(BUDGET);
    assert!(page.contains("Årlige beløb uden slutår er talt med for 2024–2030."));
    assert!(rows(&page, "Beløb pr. strategi").contains(&(
        "Puljemidler (ikke en strategi)".into(),
        "kr. 1.750.000".into()
    )));
}

#[test]
fn bases_are_said_and_never_added_together() {
    let site = Site::fixture("budget");
    let config = site.read("pejl.yaml");
    site.write("pejl.yaml", &format!("{config}budget_basis: decided\n"));
    site.build().assert_ok();
    let page = site.read(BUDGET);
    assert!(page.contains("<p class=\"budget-note\">Beløbene er det, der er besluttet.</p>"));
    assert!(!page.contains("Grundlag"), "one basis: no column for it");
    // A line of money spent beside the decided ones.
    site.edit(
        "content/initiativer/traening.md",
        "    source: Budget 2023\n",
        "    source: Budget 2023\n  - amount: 350000\n    period: \"2023\"\n    basis: spent\n    source: Regnskab 2023\n",
    );
    site.build().assert_ok();
    let page = site.read(BUDGET);
    let main = main_of(&page);
    assert!(main.contains("og lægges kun sammen inden for hver slags"));
    assert!(main.contains("<h2>Besluttet</h2>") && main.contains("<h2>Brugt</h2>"));
    assert!(main.contains("I alt 2021–2027, besluttet: <strong>kr. 5.200.000</strong>"));
    assert!(main.contains("I alt, brugt: <strong>kr. 350.000</strong>"));
    assert_eq!(
        rows(main, "Beløb pr. strategi: Brugt"),
        pairs(&[("Sundhedsstrategi", "kr. 350.000")])
    );
    assert!(rows(main, "Beløb pr. år: Besluttet").contains(&("2023".into(), "kr. 400.000".into())));
    assert!(!main.contains("5.550.000"), "decided and spent added up");
    assert!(
        !main.contains("750.000"),
        "2023's decided and spent added up"
    );
    let lines = text(&main[main.find("<caption>Alle budgetlinjer").unwrap()..]);
    assert!(lines.contains("Grundlag"), "{lines}");
    assert!(
        lines.contains("Træning i hjemmet Sundhedsstrategi 2023 Brugt kr. 350.000"),
        "{lines}"
    );
    let initiative = text(main_of(
        &site.read("public/initiativer/traening/index.html"),
    ));
    assert!(
        initiative.contains("I alt, besluttet kr. 1.300.000"),
        "{initiative}"
    );
    assert!(
        initiative.contains("I alt, brugt kr. 350.000"),
        "{initiative}"
    );
    let overview = text(main_of(&site.read("public/indsatser/index.html")));
    assert!(
        overview.contains("kr. 1.300.000 (besluttet); kr. 350.000 (brugt)"),
        "{overview}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/initiatives.json")).unwrap();
    let row = json["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "traening")
        .unwrap();
    assert!(row["budget_total"].is_null(), "no one total of two bases");
    assert_eq!(row["budget"][1]["basis"], "spent");
    assert_eq!(row["budget"][0]["basis"], "decided", "the site's basis");
}

#[test]
fn a_yearly_line_without_a_first_year_is_an_error_at_its_line() {
    let site = Site::fixture("budget");
    site.edit(BOSTOETTE, "    period: \"2025-2027\"\n", "");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("fejl: `per_year: true` kræver en `period` med et startår")
        .assert_stderr(&format!("{BOSTOETTE}:8:5"))
        .assert_stderr("`period: \"2025 og frem\"` (hvert år fra 2025)");
    site.build()
        .assert_code(1)
        .assert_stderr("error: `per_year: true` needs a `period` with a first year");
    let site = Site::fixture("budget");
    site.edit(BOSTOETTE, "\"2025-2027\"", "\"2025 eller 2026\"");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("\"2025 eller 2026\" giver et valg mellem flere år")
        .assert_stderr(&format!("{BOSTOETTE}:8:5"));
}

#[test]
fn the_ishoej_budget_page_shows_the_vaerdighedsmilliarden_lines_as_no_strategy() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    let site = Site { dir };
    site.build().assert_ok();
    let page = site.read(BUDGET);
    let main = main_of(&page);
    // Five lines of kr. 2.485.000 a year in all from 2020, counted up to
    // 2025 (today in the tests), and Egely's kr. 300.000, which the notat
    // does not call yearly, once.
    assert_eq!(
        rows(main, "Beløb pr. strategi"),
        pairs(&[(
            "Værdighedsmilliarden: initiativer fra 2020 (ikke en strategi)",
            "kr. 15.210.000"
        )])
    );
    assert!(main.contains("Årlige beløb uden slutår er talt med for 2020–2025."));
    let by_year = rows(main, "Beløb pr. år");
    assert_eq!(by_year[0], ("2020".into(), "kr. 2.485.000".into()));
    assert_eq!(by_year[1], ("2020 og frem".into(), "kr. 300.000".into()));
    assert_eq!(
        by_year.last(),
        Some(&("2025".into(), "kr. 2.485.000".into()))
    );
    assert!(main.contains("kr. 500.000 pr. år"));
    // The initiative page says "Økonomi" once: the text's own heading.
    let klippekort = site.read("public/vaerdighedsmilliarden/klippekortsordning/index.html");
    let main = main_of(&klippekort);
    assert_eq!(main.matches("Økonomi").count(), 1, "{main}");
    assert!(text(main).contains(
        "2020 og frem kr. 500.000 pr. år Notat 23. maj 2019 I alt 2020–2025 kr. 3.000.000"
    ));
}

#[test]
fn the_example_budget_names_the_strategies_it_has_no_amounts_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_pejl"))
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(out.join("oekonomi/index.html")).unwrap();
    let note = &page[page.find("Der står ingen beløb").expect("the note")..];
    let note = &note[..note.find("</p>").unwrap()];
    for strategy in ["Sundhedsstrategien", "Ældrestrategien", "Socialstrategien"] {
        assert!(note.contains(strategy), "{strategy} is named: {note}");
    }
}
