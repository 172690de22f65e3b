//! Indicators (tests/fixtures/indicators): what a goal is measured by, as
//! citizens see it — the goal's page with the latest value against the
//! target, the indicator's page with a chart and a table of the same
//! numbers, the open data — and the errors a writer gets, in Danish.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Site, main_of, section_after};

const HIGHER: &str = "content/indikatorer/andel-selvhjulpne.md";

fn built() -> Site {
    let site = Site::fixture("indicators");
    site.build().assert_ok();
    site
}

/// The texts of the elements that start with `open` (up to their `</`).
fn texts<'a>(html: &'a str, open: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .map(|s| s.split("</").next().unwrap_or(""))
        .collect()
}

#[test]
fn the_goal_page_lists_its_indicators_with_the_latest_value_against_the_target() {
    let site = built();
    let page = site.read("public/maal/selvhjulpne/index.html");
    let section = section_after(main_of(&page), "<h2>Indikatorer</h2>");
    // Numbers the Danish way, the unit kept on the line with its number.
    assert!(
        section.contains("Seneste: 68,5\u{a0}% (2026) · Målværdi: 75\u{a0}% i 2027"),
        "{section}"
    );
    assert!(section.contains("Steget fra 62\u{a0}% i 2023, den rigtige vej."));
    assert!(section.contains("href=\"../../indikatorer/andel-selvhjulpne/index.html\""));
    // Lower is better, one measurement and no baseline: no trend to tell.
    assert!(
        section.contains("Seneste: 21\u{a0}dage (1. halvår 2024) · Målværdi: 14\u{a0}dage i 2026"),
        "{section}"
    );
    assert_eq!(section.matches("den rigtige vej").count(), 1);
    // Only a goal with indicators has the section.
    let other = site.read("public/maal/faellesskaber/index.html");
    assert!(!main_of(&other).contains("Indikatorer"));
    // The map shows the indicators under their goal.
    let map = site.read("public/strategikort/index.html");
    let goal = map
        .find("Flere borgere klarer sig selv")
        .expect("goal on map");
    let indicator = map
        .find("Ventetid på en afklaring")
        .expect("indicator on map");
    assert!(goal < indicator);
}

#[test]
fn the_indicator_page_draws_the_values_and_tables_the_same_numbers() {
    let site = built();
    let page = site.read("public/indikatorer/andel-selvhjulpne/index.html");
    let main = main_of(&page);
    for fact in [
        "<dt>Enhed</dt><dd>%</dd>",
        "<dd>Højere er bedre</dd>",
        "<dt>Udgangspunkt</dt><dd>62\u{a0}% (<time datetime=\"2023\">2023</time>)</dd>",
        "<dt>Målværdi</dt><dd>75\u{a0}% i 2027</dd>",
        "<dt>Seneste</dt><dd>68,5\u{a0}% (2026)</dd>",
    ] {
        assert!(main.contains(fact), "{fact}");
    }
    // The chart: an image with a title and a description saying the figures.
    let svg = &main[main.find("<svg").expect("a chart")..main.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\"") && svg.contains("viewBox=\"0 0 400 250\""));
    assert!(svg.contains("width=\"100%\""), "scales to the screen");
    assert_eq!(
        texts(svg, "<title id=\"chart-title-andel-selvhjulpne\">"),
        ["Andel borgere, der klarer sig selv: Målinger"]
    );
    let desc = texts(svg, "<desc id=\"chart-desc-andel-selvhjulpne\">")[0];
    for said in [
        "Højere er bedre.",
        "Udgangspunkt: 62\u{a0}% (2023).",
        "Målinger: 63\u{a0}% (2024), 66\u{a0}% (2025), 68,5\u{a0}% (2026).",
        "Målværdi: 75\u{a0}% i 2027.",
    ] {
        assert!(desc.contains(said), "{said} in {desc}");
    }
    // Points are shapes with their numbers, not colours; the target a labelled line.
    assert_eq!(
        svg.matches("<circle ").count(),
        3 + 1,
        "3 points and the legend's"
    );
    assert_eq!(
        svg.matches("<rect ").count(),
        1 + 1,
        "the baseline and the legend's"
    );
    let labels = texts(svg, "font-weight=\"bold\">");
    assert_eq!(
        labels,
        ["62", "63", "66", "68,5", "Målværdi: 75\u{a0}% i 2027"]
    );
    assert!(svg.contains("stroke-dasharray"));
    // The table beside it holds the same numbers, in the same order.
    let table = &main[main.find("<table").unwrap()..main.find("</table>").unwrap()];
    assert!(
        table.contains("<caption>Andel borgere, der klarer sig selv: tallene i figuren</caption>")
    );
    let values = texts(table, "<td class=\"num\">");
    assert_eq!(
        values,
        [
            "62\u{a0}%",
            "63\u{a0}%",
            "66\u{a0}%",
            "68,5\u{a0}%",
            "75\u{a0}%"
        ]
    );
    let periods: Vec<&str> = texts(table, "<th scope=\"row\">")
        .iter()
        .map(|p| p.rsplit('>').next().unwrap())
        .collect();
    assert_eq!(periods, ["2023", "2024", "2025", "2026", "2027"]);
    assert!(table.contains("<td>Måling</td><td>Foreløbigt tal</td>"));
    for (label, value) in labels.iter().zip(&values) {
        let number = label
            .rsplit(": ")
            .next()
            .unwrap()
            .split('\u{a0}')
            .next()
            .unwrap();
        assert!(value.starts_with(number), "{label} / {value}");
    }
}

#[test]
fn a_lower_is_better_indicator_with_one_value_and_no_baseline() {
    let site = built();
    let page = site.read("public/indikatorer/ventetid/index.html");
    let main = main_of(&page);
    assert!(main.contains("<dd>Lavere er bedre</dd>"));
    assert!(
        !main.contains("Udgangspunkt"),
        "no baseline is shown or drawn"
    );
    let svg = &main[main.find("<svg").unwrap()..main.find("</svg>").unwrap()];
    assert!(svg.contains(
        "Lavere er bedre. Målinger: 21\u{a0}dage (1. halvår 2024). Målværdi: 14\u{a0}dage i 2026."
    ));
    let table = &main[main.find("<table").unwrap()..main.find("</table>").unwrap()];
    assert_eq!(
        texts(table, "<td class=\"num\">"),
        ["21\u{a0}dage", "14\u{a0}dage"]
    );
}

#[test]
fn the_open_data_holds_every_indicator_and_every_measurement() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/data/indicators.json")).expect("valid JSON");
    let all = json["indicators"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    let higher = all.iter().find(|i| i["id"] == "andel-selvhjulpne").unwrap();
    assert_eq!(higher["goal"], "selvhjulpne");
    assert_eq!(higher["direction"], "higher");
    assert_eq!(higher["baseline"]["value"], 62.0);
    assert_eq!(higher["target"]["period"]["start"], "2027-01-01");
    let values: Vec<f64> = higher["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [63.0, 66.0, 68.5], "in the order of their periods");

    let csv = site.read("public/data/indicators.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one row per measurement");
    let cells: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                &r[column("indicator")],
                &r[column("period")],
                &r[column("value")],
            )
        })
        .collect();
    assert!(cells.contains(&("andel-selvhjulpne", "2026", "68.5")));
    assert!(cells.contains(&("ventetid", "1. halvår 2024", "21")));
    let ventetid = rows
        .iter()
        .find(|r| &r[column("indicator")] == "ventetid")
        .unwrap();
    assert_eq!(&ventetid[column("period_end")], "2024-06-30");
    assert_eq!(&ventetid[column("baseline")], "");
    assert_eq!(&ventetid[column("target")], "14");
    // The Data page names both files and their columns.
    let data = site.read("public/data/index.html");
    for name in ["indicators.json", "indicators.csv"] {
        assert!(data.contains(&format!("href=\"../data/{name}\"")), "{name}");
    }
    assert!(data.contains("<code>baseline_period</code>"));
}

#[test]
fn a_wrong_direction_is_a_danish_error_at_its_line_with_the_allowed_values() {
    let site = Site::fixture("indicators");
    site.edit(HIGHER, "direction: higher", "direction: højere");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr(&format!("{HIGHER}:6:12"))
        .assert_stderr("feltet `direction` kan ikke være \"højere\"")
        .assert_stderr("mente du `higher`?")
        .assert_stderr("mulige værdier: `higher`, `lower`");
    // A typo gets the value meant.
    site.edit(HIGHER, "direction: højere", "direction: hihger");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("mente du `higher`?");
}

#[test]
fn a_value_that_is_not_a_number_is_a_danish_error_at_its_line() {
    let site = Site::fixture("indicators");
    site.edit(HIGHER, "value: 66", "value: ca. 66");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr(&format!("{HIGHER}:16:12"))
        .assert_stderr("feltet `value` skal være et tal, men \"ca. 66\" er ikke et tal")
        .assert_stderr("med decimalkomma i anførselstegn, `value: \"64,5\"`");
    // A unit after the number is pointed to `unit`.
    site.edit(HIGHER, "value: ca. 66", "value: 66 %");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("har \"%\" efter tallet");
}

#[test]
fn an_indicator_of_a_missing_goal_gets_the_usual_missing_reference_error() {
    let site = Site::fixture("indicators");
    site.edit(HIGHER, "goal: selvhjulpne", "goal: selvhjulpen");
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr(&format!("{HIGHER}:4:7"))
        .assert_stderr(
            "feltet `goal` henviser til et mål med id'et \"selvhjulpen\", men det findes ikke",
        )
        .assert_stderr("selvhjulpne");
}

#[test]
fn a_new_indicator_names_a_goal_of_the_portal_and_builds() {
    let site = Site::fixture("indicators");
    site.pejl(&["new", "indicator", "Antal besøg"]).assert_ok();
    let rel = "content/indikatorer/antal-besoeg.md";
    let text = site.read(rel);
    for field in [
        "goal:",
        "#unit:",
        "#direction:",
        "#baseline:",
        "#target:",
        "#measurements:",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // It names a goal of the portal, so it builds as written.
    assert!(!text.contains("mit-maal"), "no example id the portal lacks");
    let goal_line = text
        .lines()
        .find(|l| l.starts_with("goal: "))
        .expect("goal is filled in");
    site.edit(rel, goal_line, "goal: faellesskaber");
    site.build().assert_ok();
    let goal = site.read("public/maal/faellesskaber/index.html");
    assert!(
        section_after(main_of(&goal), "<h2>Indikatorer</h2>")
            .contains("Der er endnu ingen målinger.")
    );
}
