//! The strategy map of the example portal: the hierarchy as nested lists,
//! statuses counted up the tree, and each page's place in its strategy.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;

use common::Site;

fn example() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("pejl.yaml"), dir.path().join("pejl.yaml")).unwrap();
    let site = Site { dir };
    let run = site.pejl(&["build", "--now", "2025-06-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn the_map_nests_vision_strategies_focus_areas_goals_and_initiatives() {
    let site = example();
    let map = site.read("public/strategikort/index.html");
    let main = common::main_of(&map);
    let at = |text: &str| {
        main.find(text)
            .unwrap_or_else(|| panic!("{text} not on the map"))
    };
    // Depth first: the vision, its bearings, a strategy, its focus area, a goal, an initiative.
    let order = [
        "Velfærdspolitikken",
        "Forebyggende indsatser",
        "Socialstrategien",
        "Et værdigt liv",
        "Borgere træffer beslutninger for eget liv",
        "Boligkoordineringsindsatsen",
    ];
    let places: Vec<usize> = order.iter().map(|t| at(t)).collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "{order:?} in tree order"
    );
    // Nested lists: as deep as vision > strategy > focus area > goal > initiative.
    assert!(main.matches("<ul").count() > 10);
    assert_eq!(
        main.matches("<ul").count(),
        main.matches("</ul>").count(),
        "balanced lists"
    );
    assert_eq!(
        main.matches("<li").count(),
        main.matches("</li>").count(),
        "balanced items"
    );
    // Every node is a link.
    assert!(main.contains("href=\"../strategier/socialstrategi/index.html\""));
    // Statuses roll up: the vision counts the running initiatives below it.
    let vision = &main[at("Velfærdspolitikken")..at("Forebyggende indsatser")];
    assert!(vision.contains("2 i gang"), "{vision}");
}

#[test]
fn a_page_shows_where_it_sits_in_its_strategy() {
    let site = example();
    let page = site.read("public/initiativer/boligkoordineringsindsatsen/index.html");
    let small = &page[page.find("class=\"map-small\"").expect("a small map")..];
    assert!(small.contains("Socialstrategien"), "its strategy");
    assert!(small.contains("<strong aria-current=\"page\">Boligkoordineringsindsatsen</strong>"));
    assert!(
        !small.contains("Sundhedsstrategien"),
        "only its own strategy"
    );
    assert!(
        small.contains("strategikort/index.html"),
        "links the whole map"
    );
}
