//! Table-driven and property tests of reading and writing periods.
use super::*;
use proptest::prelude::*;

type Day = (i32, u32, u32);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn ok(text: &str) -> Period {
    parse(text).unwrap_or_else(|e| panic!("{text:?}: {} (column {})", e.message, e.column))
}

/// Each text reads as `start..=end` with `precision`, and `open_ended` or not.
fn check(precision: Precision, open_ended: bool, start: Day, end: Day, texts: &[&str]) {
    let want = (d(start.0, start.1, start.2), d(end.0, end.1, end.2));
    for text in texts {
        let p = ok(text);
        let got = (p.start, p.end, p.precision, p.open_ended);
        assert_eq!(got, (want.0, want.1, precision, open_ended), "{text}");
        assert_eq!(p.text, text.trim(), "{text}");
    }
}

/// Each `(text, start, end)` reads with `precision`, not open-ended.
fn check_each(precision: Precision, cases: &[(&str, Day, Day)]) {
    for &(text, start, end) in cases {
        check(precision, false, start, end, &[text]);
    }
}

fn err(text: &str) -> PeriodError {
    match parse(text) {
        Ok(p) => panic!("{text:?} should not parse, got {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn days() {
    let day = (2025, 3, 13);
    let texts = [
        "13. marts 2025",
        "den 13. marts 2025",
        "Den 13. Marts 2025",
        "  13.   marts\t2025 ",
        "d. 13. marts 2025",
        "13 marts 2025",
        "13. mar. 2025",
        "13. mar 2025",
        "13.3.2025",
        "13.03.2025",
        "13/3 2025",
        "13/3/2025",
        "2025-03-13",
        "2025-3-13",
        "13 March 2025",
        "13th March 2025",
        "March 13, 2025",
        "March 13 2025",
        "Mar. 13, 2025",
    ];
    check(Precision::Day, false, day, day, &texts);
}

#[test]
fn days_in_numbers_are_day_then_month() {
    let day = (2025, 3, 15);
    let texts = [
        "15/3-2025",
        "15/3 2025",
        "15/03/2025",
        "15/03-2025",
        "15/3/2025",
        "15.3.2025",
        "15.03.2025",
        "15.3. 2025",
        "den 15/3-2025",
        "d. 15/3-2025",
    ];
    check(Precision::Day, false, day, day, &texts);
    check_each(
        Precision::Day,
        &[
            ("1/12-2024", (2024, 12, 1), (2024, 12, 1)),
            ("29/2-2024", (2024, 2, 29), (2024, 2, 29)),
            ("31/12 2025", (2025, 12, 31), (2025, 12, 31)),
        ],
    );
    check(Precision::Day, true, day, day, &["fra 15/3-2025"]);
}

#[test]
fn ranges_of_days_in_numbers() {
    let march = [
        "15/3-2025 - 20/3-2025",
        "15/3-2025-20/3-2025",
        "15/3 2025 - 20/3 2025",
        "15.3.2025-20.3.2025",
        "15.3.2025 – 20.3.2025",
        "15/3 - 20/3-2025",
        "15/3-20/3-2025",
        "15/3-20/3 2025",
        "15.3.-20.3.2025",
    ];
    check(Precision::Day, false, (2025, 3, 15), (2025, 3, 20), &march);
    check_each(
        Precision::Day,
        &[
            ("28/12-3/1-2025", (2024, 12, 28), (2025, 1, 3)),
            ("28/12-2024 - 3/1-2025", (2024, 12, 28), (2025, 1, 3)),
        ],
    );
}

#[test]
fn impossible_days_in_numbers() {
    let cases = [
        ("30/2-2025", "February 2025 has 28 days", 0),
        ("den 31/4 2025", "April 2025 has 30 days", 4),
        ("15/13-2025", "there is no month 13", 3),
        ("0/3-2025", "there is no day 0", 0),
        ("15/3-2025 - 31/4-2025", "April 2025 has 30 days", 12),
    ];
    for (text, problem, column) in cases {
        let message = format!("\"{text}\" is not a real date: {problem}");
        assert_eq!(failure(text), (message, column), "{text}");
    }
    assert!(err("30/2-2025").da.contains("februar 2025 har 28 dage"));
    let backwards = failure("20/3-2025 - 15/3-2025");
    assert!(
        backwards.0.contains("ends before it starts"),
        "{backwards:?}"
    );
    assert_eq!(backwards.1, 12);
    let no_year = "\"15/3\" has no year: add the year at the end, as in \"15/3 2025\"";
    assert_eq!(failure("15/3"), (no_year.to_string(), 4));
}

#[test]
fn iso_weeks() {
    let week_12 = [
        "uge 12 2025",
        "uge 12, 2025",
        "Uge 12 i 2025",
        "UGE 12 2025",
        "week 12 2025",
        "Week 12, 2025",
        "week 12 of 2025",
        "2025-W12",
        "2025W12",
        "2025 W12",
        "2025-w12",
        "W12 2025",
        "den uge 12 2025",
    ];
    check(
        Precision::Week,
        false,
        (2025, 3, 17),
        (2025, 3, 23),
        &week_12,
    );
    check_each(
        Precision::Week,
        &[
            ("uge 1 2025", (2024, 12, 30), (2025, 1, 5)),
            ("uge 01 2025", (2024, 12, 30), (2025, 1, 5)),
            ("2025-W01", (2024, 12, 30), (2025, 1, 5)),
            ("uge 52 2025", (2025, 12, 22), (2025, 12, 28)),
            ("uge 1 2026", (2025, 12, 29), (2026, 1, 4)),
            ("uge 53 2026", (2026, 12, 28), (2027, 1, 3)),
            ("uge 53 2020", (2020, 12, 28), (2021, 1, 3)),
            ("uge 1 2024", (2024, 1, 1), (2024, 1, 7)),
            ("2015-W53", (2015, 12, 28), (2016, 1, 3)),
        ],
    );
    check(
        Precision::Week,
        true,
        (2025, 3, 17),
        (2025, 3, 23),
        &["uge 12 2025 og frem", "fra uge 12 2025"],
    );
}

#[test]
fn ranges_of_weeks() {
    let spring = [
        "uge 12-14 2025",
        "uge 12 - 14 2025",
        "uger 12-14 2025",
        "uge 12-uge 14 2025",
        "uge 12 2025 - uge 14 2025",
        "weeks 12-14 2025",
        "weeks 12-14, 2025",
    ];
    check(Precision::Week, false, (2025, 3, 17), (2025, 4, 6), &spring);
    check(
        Precision::Week,
        false,
        (2024, 12, 23),
        (2025, 1, 12),
        &["uge 52 2024-uge 2 2025", "uge 52 2024 - 2 2025"],
    );
    let backwards = failure("uge 14-12 2025");
    assert!(
        backwards.0.contains("ends before it starts"),
        "{backwards:?}"
    );
    assert_eq!(backwards.1, 7);
}

#[test]
fn weeks_that_do_not_exist() {
    let numbered = "the weeks of a year are numbered 1 to 52, or 1 to 53 in some years";
    let cases = [
        ("uge 0 2025", numbered.to_string(), 4),
        ("uge 54 2025", numbered.to_string(), 4),
        ("uge 99 2026", numbered.to_string(), 4),
        ("2025-W00", numbered.to_string(), 6),
        (
            "uge 53 2025",
            "2025 has 52 weeks, numbered 1 to 52".to_string(),
            4,
        ),
        ("uge 12-54 2025", numbered.to_string(), 7),
    ];
    for (text, problem, column) in cases {
        let message = format!("\"{text}\" does not exist: {problem}");
        assert_eq!(failure(text), (message, column), "{text}");
    }
    assert!(
        err("uge 54 2025")
            .da
            .contains("et års uger har numrene 1 til 52")
    );
    assert!(err("uge 53 2025").da.contains("2025 har 52 uger"));
    assert!(failure("uge 12 0999").0.contains("from 1000 to 9999"));
    let no_year = "\"uge 12\" has no year: add the year at the end, as in \"uge 12 2025\"";
    assert_eq!(failure("uge 12"), (no_year.to_string(), 6));
}

#[test]
fn seasons() {
    let cases: &[(&[&str], Day, Day)] = &[
        (
            &[
                "forår 2025",
                "foråret 2025",
                "Foråret 2025",
                "foraar 2025",
                "foraaret 2025",
                "spring 2025",
                "Spring of 2025",
            ],
            (2025, 3, 1),
            (2025, 5, 31),
        ),
        (
            &[
                "sommer 2025",
                "sommeren 2025",
                "Sommeren 2025",
                "summer 2025",
            ],
            (2025, 6, 1),
            (2025, 8, 31),
        ),
        (
            &[
                "efterår 2025",
                "efteråret 2025",
                "efteraar 2025",
                "efteraaret 2025",
                "autumn 2025",
                "Autumn 2025",
                "fall 2025",
            ],
            (2025, 9, 1),
            (2025, 11, 30),
        ),
        (
            &[
                "vinter 2025",
                "vinteren 2025",
                "vinteren 2025/26",
                "vinter 2025/2026",
                "vinteren 2025-26",
                "winter 2025",
                "winter 2025/26",
            ],
            (2025, 12, 1),
            (2026, 2, 28),
        ),
        (
            &["vinteren 2024/25", "vinter 2024"],
            (2024, 12, 1),
            (2025, 2, 28),
        ),
        (&["vinteren 2023/24"], (2023, 12, 1), (2024, 2, 29)),
        (&["vinteren 2099/00"], (2099, 12, 1), (2100, 2, 28)),
    ];
    for &(texts, start, end) in cases {
        check(Precision::Season, false, start, end, texts);
    }
    check(
        Precision::Season,
        true,
        (2025, 9, 1),
        (2025, 11, 30),
        &[
            "efteråret 2025 og frem",
            "fra efteråret 2025",
            "from autumn 2025",
        ],
    );
    let p = ok("foråret 2025 eller efteråret 2025");
    assert_eq!((p.start, p.end), (d(2025, 3, 1), d(2025, 11, 30)));
    assert!(
        p.alternatives
            .iter()
            .all(|a| a.precision == Precision::Season)
    );
}

#[test]
fn seasons_that_do_not_fit() {
    let cases = [
        ("vinteren 2025/27", 14),
        ("vinteren 2025/24", 14),
        ("vinter 2025/2027", 12),
        ("foråret 2025/26", 13),
        ("efterår 2025-2026", 13),
    ];
    for (text, column) in cases {
        let (message, at) = failure(text);
        assert!(
            message.contains("only a winter runs into the next year"),
            "{text}: {message}"
        );
        assert_eq!(at, column, "{text}");
        assert!(
            err(text)
                .da
                .contains("kun en vinter går ind i det næste år"),
            "{text}"
        );
    }
    assert!(failure("efterår 0999").0.contains("from 1000 to 9999"));
    assert!(failure("efteråret").0.contains("has no year"));
}

#[test]
fn a_misspelt_season_says_what_seasons_are_written_as() {
    let cases = [
        ("eftår 2025", "efterår 2025", 0),
        ("Eftår 2025", "Efterår 2025", 0),
        ("fra eftår 2025", "fra efterår 2025", 4),
        ("somer 2025", "sommer 2025", 0),
        ("vintren 2025/26", "vinteren 2025/26", 0),
        ("autum 2025", "autumn 2025", 0),
        ("forårt 2025", "forår 2025", 0),
    ];
    for (text, example, column) in cases {
        let e = err(text);
        assert_eq!(e.column, column, "{text}");
        for form in [
            "forår, sommer, efterår or vinter",
            "spring, summer, autumn, winter",
        ] {
            assert!(e.message.contains(form), "{text}: {}", e.message);
        }
        assert!(
            e.message.contains(&format!("as in \"{example}\"")),
            "{text}: {}",
            e.message
        );
        assert!(
            e.da.contains("forår, sommer, efterår eller vinter"),
            "{text}: {}",
            e.da
        );
        assert!(
            e.da.contains(&format!("som i \"{example}\"")),
            "{text}: {}",
            e.da
        );
    }
    let alternative = err("december 2024 eller eftår 2025");
    assert_eq!(alternative.column, 20);
    // Words far from any season are not taken for one.
    for text in ["snart 2025", "marts 2025x", "xyz 2025"] {
        assert!(failure(text).0.starts_with("I cannot read"), "{text}");
    }
}

#[test]
fn weeks_and_seasons_are_written_back() {
    let rules = PeriodRules::default();
    let cases = [
        ("uge 12 2025", "uge 12 2025", "week 12 2025"),
        ("2025-W01", "uge 1 2025", "week 1 2025"),
        ("Uge 53 i 2026", "uge 53 2026", "week 53 2026"),
        ("uge 12-14 2025", "uge 12-14 2025", "weeks 12-14 2025"),
        (
            "uge 52 2024-uge 2 2025",
            "uge 52 2024-uge 2 2025",
            "week 52 2024-week 2 2025",
        ),
        ("foråret 2025", "forår 2025", "spring 2025"),
        ("Sommeren 2025", "sommer 2025", "summer 2025"),
        ("efteraar 2025", "efterår 2025", "autumn 2025"),
        ("fall 2025", "efterår 2025", "autumn 2025"),
        ("vinteren 2024/25", "vinter 2024/25", "winter 2024/25"),
        ("vinter 2099", "vinter 2099/00", "winter 2099/00"),
        (
            "fra efteråret 2025",
            "efterår 2025 og frem",
            "autumn 2025 and onwards",
        ),
        ("15/3-2025", "15. marts 2025", "15 March 2025"),
        (
            "15/3-2025 - 20/3-2025",
            "15.-20. marts 2025",
            "March 15-20, 2025",
        ),
    ];
    for (text, da, en) in cases {
        let p = ok(text);
        assert_eq!(p.canonical(Lang::Da, &rules), da, "{text}");
        assert_eq!(p.canonical(Lang::En, &rules), en, "{text}");
        for written in [da, en] {
            let q = ok(written);
            let read = (q.start, q.end, q.precision, q.open_ended);
            assert_eq!(
                read,
                (p.start, p.end, p.precision, p.open_ended),
                "{text} → {written}"
            );
        }
    }
    // Days that are not whole weeks or one season are written as days.
    let odd = Period {
        precision: Precision::Week,
        ..ok("4.-27. oktober 2023")
    };
    assert_eq!(odd.canonical(Lang::Da, &rules), "4.-27. oktober 2023");
    let odd = Period {
        precision: Precision::Season,
        ..ok("oktober 2023")
    };
    assert_eq!(odd.canonical(Lang::Da, &rules), "1.-31. oktober 2023");
}

#[test]
fn month_names_and_abbreviations() {
    let abbreviations = [
        ("jan.", 1),
        ("feb.", 2),
        ("mar.", 3),
        ("apr.", 4),
        ("maj", 5),
        ("may", 5),
        ("jun.", 6),
        ("jul.", 7),
        ("aug.", 8),
        ("sep.", 9),
        ("sept.", 9),
        ("okt.", 10),
        ("oct", 10),
        ("nov.", 11),
        ("dec.", 12),
    ];
    for (word, m) in abbreviations {
        let text = format!("1. {word} 2024");
        check(Precision::Day, false, (2024, m, 1), (2024, m, 1), &[&text]);
    }
    for (m, (da, en)) in (1..).zip(DA_MONTHS.iter().zip(EN_MONTHS)) {
        let last = last_day(2024, m).expect("valid").day();
        let (da, en) = (format!("{da} 2024"), format!("{en} 2024"));
        check(
            Precision::Month,
            false,
            (2024, m, 1),
            (2024, m, last),
            &[&da, &en],
        );
    }
}

/// Every form PORTAL.md lists from the seeds, with the interval it covers.
#[test]
fn every_form_the_seeds_use() {
    let cases: &[(&str, Day, Day, Precision, bool)] = &[
        (
            "17. august 2023",
            (2023, 8, 17),
            (2023, 8, 17),
            Precision::Day,
            false,
        ),
        (
            "4.-27. oktober 2023",
            (2023, 10, 4),
            (2023, 10, 27),
            Precision::Day,
            false,
        ),
        (
            "4. oktober-6. november 2023",
            (2023, 10, 4),
            (2023, 11, 6),
            Precision::Day,
            false,
        ),
        (
            "Oktober 2023",
            (2023, 10, 1),
            (2023, 10, 31),
            Precision::Month,
            false,
        ),
        (
            "Medio januar 2024",
            (2024, 1, 11),
            (2024, 1, 20),
            Precision::Month,
            false,
        ),
        (
            "Medio marts 2024",
            (2024, 3, 11),
            (2024, 3, 20),
            Precision::Month,
            false,
        ),
        (
            "April og frem 2024",
            (2024, 4, 1),
            (2024, 4, 30),
            Precision::Month,
            true,
        ),
        (
            "1. kvartal 2025",
            (2025, 1, 1),
            (2025, 3, 31),
            Precision::Quarter,
            false,
        ),
        (
            "2. kvartal 2025",
            (2025, 4, 1),
            (2025, 6, 30),
            Precision::Quarter,
            false,
        ),
        (
            "primo 2026",
            (2026, 1, 1),
            (2026, 3, 31),
            Precision::Year,
            false,
        ),
        (
            "den 13. marts 2025",
            (2025, 3, 13),
            (2025, 3, 13),
            Precision::Day,
            false,
        ),
        (
            "december 2024 eller januar 2025",
            (2024, 12, 1),
            (2025, 1, 31),
            Precision::Span,
            false,
        ),
        (
            "2020 og frem",
            (2020, 1, 1),
            (2020, 12, 31),
            Precision::Year,
            true,
        ),
        (
            "2016–2019",
            (2016, 1, 1),
            (2019, 12, 31),
            Precision::Span,
            false,
        ),
        (
            "2025-03-13",
            (2025, 3, 13),
            (2025, 3, 13),
            Precision::Day,
            false,
        ),
        (
            "2025-03",
            (2025, 3, 1),
            (2025, 3, 31),
            Precision::Month,
            false,
        ),
        (
            "2025-Q1",
            (2025, 1, 1),
            (2025, 3, 31),
            Precision::Quarter,
            false,
        ),
    ];
    for &(text, start, end, precision, open) in cases {
        check(precision, open, start, end, &[text]);
    }
}

#[test]
fn day_ranges() {
    let october = [
        "4.-27. oktober 2023",
        "4.–27. oktober 2023",
        "4. - 27. oktober 2023",
    ];
    check(
        Precision::Day,
        false,
        (2023, 10, 4),
        (2023, 10, 27),
        &october,
    );
    check(
        Precision::Day,
        false,
        (2023, 10, 4),
        (2023, 10, 27),
        &["October 4-27, 2023"],
    );
    let across = [
        "4. oktober-6. november 2023",
        "4. oktober - 6. november 2023",
        "4. oktober – 6. november 2023",
        "4. oktober 2023-6. november 2023",
    ];
    check(Precision::Day, false, (2023, 10, 4), (2023, 11, 6), &across);
    let new_year = [
        "30. december-5. januar 2024",
        "30. december 2023 - 5. januar 2024",
    ];
    check(
        Precision::Day,
        false,
        (2023, 12, 30),
        (2024, 1, 5),
        &new_year,
    );
    check_each(
        Precision::Day,
        &[
            ("17.-19. januar 2024", (2024, 1, 17), (2024, 1, 19)),
            ("6.-11. december 2023", (2023, 12, 6), (2023, 12, 11)),
        ],
    );
}

#[test]
fn months() {
    let october = [
        "oktober 2023",
        "Oktober 2023",
        "okt. 2023",
        "2023-10",
        "October 2023",
    ];
    check(
        Precision::Month,
        false,
        (2023, 10, 1),
        (2023, 10, 31),
        &october,
    );
    check_each(
        Precision::Month,
        &[
            ("februar 2024", (2024, 2, 1), (2024, 2, 29)),
            ("oktober-december 2023", (2023, 10, 1), (2023, 12, 31)),
            ("november-februar 2024", (2023, 11, 1), (2024, 2, 29)),
        ],
    );
}

#[test]
fn primo_medio_ultimo() {
    check_each(
        Precision::Month,
        &[
            ("Medio januar 2024", (2024, 1, 11), (2024, 1, 20)),
            ("medio marts 2024", (2024, 3, 11), (2024, 3, 20)),
            ("primo marts 2024", (2024, 3, 1), (2024, 3, 10)),
            ("ultimo marts 2024", (2024, 3, 21), (2024, 3, 31)),
            ("ultimo februar 2025", (2025, 2, 21), (2025, 2, 28)),
            ("early March 2024", (2024, 3, 1), (2024, 3, 10)),
            ("mid March 2024", (2024, 3, 11), (2024, 3, 20)),
            ("mid-March 2024", (2024, 3, 11), (2024, 3, 20)),
            ("late March 2024", (2024, 3, 21), (2024, 3, 31)),
        ],
    );
    check_each(
        Precision::Year,
        &[
            ("primo 2026", (2026, 1, 1), (2026, 3, 31)),
            ("medio 2026", (2026, 5, 1), (2026, 8, 31)),
            ("ultimo 2025", (2025, 10, 1), (2025, 12, 31)),
            ("early 2026", (2026, 1, 1), (2026, 3, 31)),
            ("mid-2026", (2026, 5, 1), (2026, 8, 31)),
            ("late 2025", (2025, 10, 1), (2025, 12, 31)),
        ],
    );
}

fn span_with(text: &str, rules: &PeriodRules) -> (NaiveDate, NaiveDate) {
    let p = parse_with(text, rules).unwrap_or_else(|e| panic!("{text}: {e}"));
    (p.start, p.end)
}

#[test]
fn other_rules() {
    let rules = PeriodRules {
        primo_days: 5,
        ultimo_days: 5,
        primo_months: 6,
        ..PeriodRules::default()
    };
    let april = span_with("primo april 2024", &rules);
    assert_eq!(april, (d(2024, 4, 1), d(2024, 4, 5)));
    let april = span_with("ultimo april 2024", &rules);
    assert_eq!(april, (d(2024, 4, 27), d(2024, 4, 30)));
    let year = span_with("primo 2024", &rules);
    assert_eq!(year, (d(2024, 1, 1), d(2024, 6, 30)));
}

#[test]
fn odd_rules_are_cut_to_fit() {
    let odd = PeriodRules {
        primo_days: 0,
        medio_start_day: 40,
        medio_end_day: 2,
        ultimo_days: 99,
        primo_months: 0,
        ultimo_months: 50,
        medio_start_month: 0,
        medio_end_month: u32::MAX,
    };
    for text in [
        "primo februar 2024",
        "medio februar 2024",
        "ultimo februar 2024",
    ] {
        let (start, end) = span_with(text, &odd);
        assert!(
            start <= end && start.month() == 2 && end.month() == 2,
            "{text}"
        );
    }
    for text in ["primo 2024", "medio 2024", "ultimo 2024"] {
        let (start, end) = span_with(text, &odd);
        assert!(
            start <= end && start.year() == 2024 && end.year() == 2024,
            "{text}"
        );
    }
}

#[test]
fn quarters_and_halves() {
    let q1 = [
        "1. kvartal 2025",
        "1. kvartal af 2025",
        "1. kvt. 2025",
        "første kvartal 2025",
        "Q1 2025",
        "q1 2025",
        "2025-Q1",
        "2025 Q1",
        "1st quarter 2025",
        "first quarter of 2025",
    ];
    check(Precision::Quarter, false, (2025, 1, 1), (2025, 3, 31), &q1);
    check_each(
        Precision::Quarter,
        &[
            ("2. kvartal 2025", (2025, 4, 1), (2025, 6, 30)),
            ("3. kvartal 2025", (2025, 7, 1), (2025, 9, 30)),
            ("4th quarter 2025", (2025, 10, 1), (2025, 12, 31)),
        ],
    );
    let h1 = [
        "1. halvår 2025",
        "H1 2025",
        "first half 2025",
        "first half of 2025",
    ];
    check(Precision::Half, false, (2025, 1, 1), (2025, 6, 30), &h1);
    let h2 = ["2. halvår 2025", "2025-H2", "andet halvår 2025"];
    check(Precision::Half, false, (2025, 7, 1), (2025, 12, 31), &h2);
}

#[test]
fn years_and_spans() {
    check(
        Precision::Year,
        false,
        (2025, 1, 1),
        (2025, 12, 31),
        &["2025"],
    );
    let spans = [
        "2016–2019",
        "2016-2019",
        "2016 - 2019",
        "2019-2016",
        "2019–2016",
    ];
    check(Precision::Span, false, (2016, 1, 1), (2019, 12, 31), &spans);
}

#[test]
fn open_ended() {
    let april = [
        "April og frem 2024",
        "april 2024 og frem",
        "fra april 2024",
        "from April 2024",
        "April 2024 and onwards",
    ];
    check(Precision::Month, true, (2024, 4, 1), (2024, 4, 30), &april);
    let from_2020 = [
        "2020 og frem",
        "fra 2020",
        "fra og med 2020",
        "2020 and onwards",
        "2020 onwards",
        "from 2020",
    ];
    check(
        Precision::Year,
        true,
        (2020, 1, 1),
        (2020, 12, 31),
        &from_2020,
    );
}

#[test]
fn alternatives() {
    for text in [
        "december 2024 eller januar 2025",
        "December 2024 or January 2025",
    ] {
        let p = ok(text);
        assert_eq!((p.start, p.end), (d(2024, 12, 1), d(2025, 1, 31)));
        assert_eq!((p.precision, p.text.as_str()), (Precision::Span, text));
        let spans: Vec<_> = p.alternatives.iter().map(|a| (a.start, a.end)).collect();
        let december = (d(2024, 12, 1), d(2024, 12, 31));
        assert_eq!(spans, [december, (d(2025, 1, 1), d(2025, 1, 31))]);
        assert!(
            p.alternatives
                .iter()
                .all(|a| a.precision == Precision::Month)
        );
    }
    let p = ok("december 2024 eller januar 2025");
    let texts: Vec<_> = p.alternatives.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["december 2024", "januar 2025"]);
    assert!(ok("2025").alternatives.is_empty());
}

#[test]
fn the_forms_of_the_sources_parse() {
    for text in [
        "17. august 2023",
        "4.-27. oktober 2023",
        "4. oktober-6. november 2023",
        "Oktober 2023",
        "Medio januar 2024",
        "Medio marts 2024",
        "April og frem 2024",
        "1. kvartal 2025",
        "2. kvartal 2025",
        "primo 2026",
        "den 13. marts 2025",
        "december 2024 eller januar 2025",
        "2020 og frem",
        "2016–2019",
        "1. kvartal af 2025",
        "14. november 2024",
        "6. februar 2025",
        "23. maj 2019",
        "11. juli 2023",
    ] {
        ok(text);
    }
    check_each(
        Precision::Day,
        &[
            ("17. august 2023", (2023, 8, 17), (2023, 8, 17)),
            ("14. november 2024", (2024, 11, 14), (2024, 11, 14)),
            ("6. februar 2025", (2025, 2, 6), (2025, 2, 6)),
            ("23. maj 2019", (2019, 5, 23), (2019, 5, 23)),
            ("11. juli 2023", (2023, 7, 11), (2023, 7, 11)),
        ],
    );
}

#[test]
fn accepted_forms_parse() {
    for text in ACCEPTED_FORMS {
        ok(text);
    }
}

/// The error of `text`: its message and column.
fn failure(text: &str) -> (String, usize) {
    let e = err(text);
    (e.message, e.column)
}

#[test]
fn impossible_dates() {
    let cases = [
        ("30. februar 2024", "februar 2024 has 29 days", 0),
        ("den 32. marts 2025", "marts 2025 has 31 days", 4),
        ("2025-13-01", "there is no month 13", 5),
        ("2025-02-29", "February 2025 has 28 days", 8),
        ("February 30, 2024", "February 2024 has 29 days", 9),
        ("30 Feb 2024", "February 2024 has 29 days", 0),
        ("30. feb. 2024", "februar 2024 has 29 days", 0),
        ("0. marts 2025", "there is no day 0", 0),
        ("4.-31. november 2023", "november 2023 has 30 days", 3),
        ("30.2.2024", "February 2024 has 29 days", 0),
    ];
    for (text, problem, column) in cases {
        let message = format!("\"{text}\" is not a real date: {problem}");
        assert_eq!(failure(text), (message, column), "{text}");
    }
}

#[test]
fn every_error_is_also_in_danish() {
    let cases = [
        ("", "Datoen er tom"),
        ("xyz", "\"xyz\" kan ikke læses som en dato"),
        (
            "30. februar 2024",
            "er ikke en rigtig dato: februar 2024 har 29 dage",
        ),
        ("February 30, 2024", "februar 2024 har 29 dage"),
        ("2025-13-01", "der er ingen måned 13"),
        ("0. marts 2025", "der er ingen dag 0"),
        ("5. kvartal 2025", "et år har 4 kvartaler"),
        ("3. halvår 2025", "et år har 2 halvår"),
        ("27.-4. oktober 2023", "slutter, før den begynder"),
        ("13. marts", "mangler et årstal"),
        ("marts 0999", "årstal, der ikke kan bruges"),
    ];
    for (text, needle) in cases {
        let e = err(text);
        assert!(e.da.contains(needle), "{text:?}: {:?}", e.da);
        assert_ne!(e.da, e.message, "{text:?}");
    }
}

#[test]
fn unknown_forms() {
    let cannot = |t: &str| format!("I cannot read \"{t}\" as a date");
    for text in [
        "xyz",
        "Opfølgning 13. marts 2025",
        "12345",
        "13. marts 2025!",
        "eller 2025",
        "2025 og frem og frem",
        "snart",
    ] {
        assert_eq!(failure(text), (cannot(text), 0), "{text}");
    }
    let alternative = failure("december 2024 eller snart");
    assert_eq!(alternative, (cannot("snart"), 20));
    assert_eq!(failure(""), ("The date is empty".to_string(), 0));
    assert_eq!(failure("   ").1, 0);
}

#[test]
fn other_errors() {
    let quarter = "\"5. kvartal 2025\" does not exist: a year has 4 quarters";
    assert_eq!(failure("5. kvartal 2025"), (quarter.to_string(), 0));
    let half = "\"H3 2025\" does not exist: a year has 2 halves";
    assert_eq!(failure("H3 2025"), (half.to_string(), 1));
    let no_year = "\"13. marts\" has no year: add the year at the end, as in \"13. marts 2025\"";
    assert_eq!(failure("13. marts"), (no_year.to_string(), 9));
    assert!(failure("1. kvartal").0.contains("has no year"));
    assert!(
        failure("april og frem")
            .0
            .contains("\"april og frem 2025\"")
    );
    let backwards = "\"27.-4. oktober 2023\" ends before it starts: write the earlier date first";
    assert_eq!(failure("27.-4. oktober 2023"), (backwards.to_string(), 4));
    assert!(failure("0999").0.contains("from 1000 to 9999"));
}

#[test]
fn days_format_in_both_languages() {
    assert_eq!(format_day(d(2025, 3, 13), Lang::Da), "13. marts 2025");
    assert_eq!(format_day(d(2025, 3, 13), Lang::En), "13 March 2025");
    assert_eq!(format_day(d(2024, 5, 1), Lang::Da), "1. maj 2024");
    assert_eq!(format_day(d(2024, 5, 1), Lang::En), "1 May 2024");
}

#[test]
fn helpers_on_period() {
    let p = ok("4.-27. oktober 2023");
    assert_eq!(p.sort_key(), (d(2023, 10, 4), d(2023, 10, 27)));
    assert!(p.contains(d(2023, 10, 4)) && p.contains(d(2023, 10, 27)));
    assert!(!p.contains(d(2023, 10, 28)) && !p.contains(d(2023, 10, 3)));
    assert!(p.is_past(d(2023, 10, 28)) && !p.is_past(d(2023, 10, 27)));
    let open = ok("2020 og frem");
    assert!(open.contains(d(2030, 1, 1)) && !open.contains(d(2019, 12, 31)));
    assert!(!open.is_past(d(2030, 1, 1)));
    assert_eq!(open.to_string(), "2020 og frem");
}

fn any_valid_day() -> impl Strategy<Value = NaiveDate> {
    let first = d(1000, 1, 1);
    let days = (d(9999, 12, 31) - first).num_days();
    (0..=days).prop_map(move |n| first + chrono::Duration::days(n))
}

/// A period written in one of the forms the sources use, from its parts.
fn any_period_text() -> impl Strategy<Value = String> {
    let month = 1u32..=12;
    let year = 1990i32..=2060;
    let da = |m: u32| DA_MONTHS[(m - 1) as usize];
    let single = prop_oneof![
        (1u32..=28, month.clone(), year.clone())
            .prop_map(move |(d, m, y)| format!("{d}. {} {y}", da(m))),
        (1u32..=14, 15u32..=28, month.clone(), year.clone())
            .prop_map(move |(a, b, m, y)| format!("{a}.-{b}. {} {y}", da(m))),
        (1u32..=28, 1u32..=6, 1u32..=28, 7u32..=12, year.clone())
            .prop_map(move |(a, m1, b, m2, y)| format!("{a}. {}-{b}. {} {y}", da(m1), da(m2))),
        (month.clone(), year.clone()).prop_map(move |(m, y)| format!("{} {y}", da(m))),
        (
            prop::sample::select(vec!["primo", "medio", "ultimo"]),
            month.clone(),
            year.clone()
        )
            .prop_map(move |(w, m, y)| format!("{w} {} {y}", da(m))),
        (
            prop::sample::select(vec!["primo", "medio", "ultimo"]),
            year.clone()
        )
            .prop_map(|(w, y)| format!("{w} {y}")),
        (1u32..=4, year.clone()).prop_map(|(q, y)| format!("{q}. kvartal {y}")),
        (1u32..=2, year.clone()).prop_map(|(h, y)| format!("{h}. halvår {y}")),
        year.clone().prop_map(|y| y.to_string()),
        (year.clone(), 1i32..=8).prop_map(|(y, n)| format!("{y}–{}", y + n)),
        (month.clone(), year.clone()).prop_map(move |(m, y)| format!("{} {y} og frem", da(m))),
        year.clone().prop_map(|y| format!("{y} og frem")),
        (1u32..=52, year.clone()).prop_map(|(w, y)| format!("uge {w} {y}")),
        (1u32..=26, 27u32..=52, year.clone()).prop_map(|(a, b, y)| format!("uge {a}-{b} {y}")),
        (1u32..=28, 1u32..=12, year.clone()).prop_map(|(d, m, y)| format!("{d}/{m}-{y}")),
        (
            prop::sample::select(vec!["forår", "sommeren", "efteråret", "vinter", "autumn"]),
            year.clone()
        )
            .prop_map(|(s, y)| format!("{s} {y}")),
        year.clone()
            .prop_map(|y| format!("vinteren {y}/{:02}", (y + 1) % 100)),
    ];
    prop_oneof![
        4 => single.clone(),
        1 => (month.clone(), year.clone(), month, year)
            .prop_map(move |(m1, y1, m2, y2)| format!("{} {y1} eller {} {y2}", da(m1), da(m2))),
    ]
}

/// Text made of the pieces dates are made of, to reach deep into the parser.
fn date_like() -> impl Strategy<Value = String> {
    let pieces = [
        "13",
        "0",
        "2025",
        "0999",
        "99999999999",
        ".",
        "-",
        "–",
        "/",
        ",",
        "marts",
        "Feb",
        "kvartal",
        "halvår",
        "q9",
        "h",
        "medio",
        "og",
        "frem",
        "fra",
        "eller",
        "den",
        "st",
        "of",
        "uge",
        "W53",
        "efterår",
        "vinteren",
        "eftår",
        "i",
        " ",
        "é",
    ];
    let piece = proptest::sample::select(pieces.to_vec());
    proptest::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,40}") {
        let _ = parse(&s);
    }

    #[test]
    fn date_like_text_gives_an_interval_or_an_error_inside_it(s in date_like()) {
        match parse(&s) {
            Err(e) => prop_assert!(e.column <= s.chars().count(), "{s:?}: {e:?}"),
            Ok(p) => prop_assert!(p.start <= p.end, "{s:?}: {p:?}"),
        }
    }

    #[test]
    fn written_back_then_read_gives_the_same_period(text in any_period_text()) {
        let rules = PeriodRules::default();
        let p = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        for lang in [Lang::Da, Lang::En] {
            let written = p.canonical(lang, &rules);
            let q = parse(&written)
                .map_err(|e| TestCaseError::fail(format!("{text} → {written}: {e}")))?;
            prop_assert_eq!(
                (q.start, q.end, q.precision, q.open_ended),
                (p.start, p.end, p.precision, p.open_ended),
                "{} → {}", text, written
            );
        }
    }

    #[test]
    fn reading_canonical_text_is_stable(date in any_valid_day(), n in 0i64..400) {
        // Any day range written back is read as the same days.
        let date = date.min(d(9000, 1, 1));
        let end = date + chrono::Duration::days(n);
        let p = Period {
            text: String::new(),
            start: date,
            end,
            precision: Precision::Day,
            open_ended: false,
            alternatives: Vec::new(),
        };
        for lang in [Lang::Da, Lang::En] {
            let written = p.canonical(lang, &PeriodRules::default());
            let q = parse(&written)
                .map_err(|e| TestCaseError::fail(format!("{written}: {e}")))?;
            prop_assert_eq!((q.start, q.end), (date, end), "{}", written);
        }
    }

    #[test]
    fn error_columns_stay_inside_the_text(s in "\\PC{0,40}") {
        if let Err(e) = parse(&s) {
            prop_assert!(e.column <= s.chars().count(), "{s:?}: {e:?}");
        }
    }

    #[test]
    fn formatted_days_round_trip(date in any_valid_day()) {
        let iso = date.format("%Y-%m-%d").to_string();
        for text in [format_day(date, Lang::Da), format_day(date, Lang::En), iso] {
            let p = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            prop_assert_eq!((p.start, p.end, p.precision), (date, date, Precision::Day));
        }
    }

    #[test]
    fn iso_days_and_years_read_as_the_general_reader_reads_them(
        text in "[0-9]{4}(-[0-9]{2}-[0-9]{2})?|[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}",
    ) {
        let rules = PeriodRules::default();
        let general = read(&text, &text, &rules);
        match short_way(&text) {
            Some(fast) => prop_assert_eq!(Ok(fast), general, "{}", text),
            // The short way leaves only other shapes, and days or years that
            // do not exist, to the general reader.
            None => prop_assert!(
                general.is_err() || ![4, 10].contains(&text.len()),
                "{text}: only the general reader read it"
            ),
        }
    }
}

proptest! {
    #[test]
    fn written_days_and_quarters_read_as_the_general_reader_reads_them(
        text in "[0-9]{1,2}(\\. | )(januar|februar|marts|december|kvartal|March|February|Marts|jan\\.) [0-9]{4}|\
                 (0?[0-9]{1,2}\\.? ?)(januar|kvartal|kvartaler|May)( {1,2})([0-9]{3,5})",
    ) {
        let rules = PeriodRules::default();
        let general = read(&text, &text, &rules);
        // (The short way leaves other spellings, and days or quarters that
        // do not exist, to the general reader; the table test below names
        // the forms it must read.)
        if let Some(fast) = short_way(&text) {
            prop_assert_eq!(Ok(fast), general, "{}", text);
        }
    }
}

/// Each of `taken` is read the short way, as the general reader reads it;
/// none of `left` is.
fn check_short_way(taken: &[&str], left: &[&str]) {
    let rules = PeriodRules::default();
    for &text in taken {
        let fast = short_way(text).unwrap_or_else(|| panic!("{text} not read"));
        assert_eq!(Ok(fast), read(text, text, &rules), "{text}");
    }
    for &text in left {
        assert_eq!(short_way(text), None, "{text}");
    }
}

#[test]
fn written_days_and_quarters_take_the_short_way() {
    check_short_way(
        &[
            "13. marts 2025",
            "1. januar 1000",
            "29. februar 2024",
            "31. december 9999",
            "13 March 2025",
            "3. kvartal 2016",
            "4. kvartal 2025",
        ],
        &[
            "29. februar 2025",
            "32. marts 2025",
            "5. kvartal 2025",
            "0. kvartal 2025",
            "13. Marts 2025",
            "13 marts 2025",
            "13. March 2025",
            "13.  marts 2025",
            "13. mar. 2025",
            "1. halvår 2025",
            "13. marts 999",
            "13. marts 0999",
            "d. 13. marts 2025",
        ],
    );
    // What the short way leaves is still read or worded by the general reader.
    assert_eq!(ok("13 marts 2025").start, d(2025, 3, 13));
    let e = parse("5. kvartal 2025").expect_err("no such quarter");
    assert!(e.message.contains("5. kvartal 2025"), "{}", e.message);
}

#[test]
fn common_dates_take_the_short_way() {
    check_short_way(
        &[
            "2025-03-13",
            "2024-02-29",
            "1000-01-01",
            "9999-12-31",
            "2025",
        ],
        &[
            "2025-02-29",
            "2025-13-01",
            "0999",
            "0999-01-01",
            "2025-1-13",
            "13-03-2025",
        ],
    );
    // What the short way leaves is still read or worded by the general reader.
    let e = parse("2025-02-29").expect_err("no such day");
    assert!(e.message.contains("2025-02-29"), "{}", e.message);
}
