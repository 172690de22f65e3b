//! Images and attachments as people use them (tests/fixtures/files): a
//! picture beside its page, shared files in `static/` at their own
//! addresses, links from the root and from the page, a document's `file:` as
//! a download link with its type and size, and a missing file stopping the
//! build at its line with the file meant. Also the id rule of docs/files.md,
//! row by row.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
#[path = "common/linkcheck.rs"]
mod linkcheck;
#[path = "common/preview.rs"]
mod preview;

use common::{Site, main_of, text};

fn built() -> Site {
    let site = Site::fixture("files");
    site.build().assert_ok();
    site
}

/// The `href` or `src` values in `html` that point into the site.
fn local_addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            if !value.contains("://") && !value.starts_with('#') && !value.starts_with("mailto:") {
                out.push(value.to_string());
            }
        }
    }
    out
}

#[test]
fn pictures_and_files_are_published_where_the_pages_link_them() {
    let site = built();
    for (published, from) in [
        ("public/kort.png", "static/kort.png"),
        ("public/logo.svg", "static/logo.svg"),
        (
            "public/filer/Klimaplan for Ærø 2025.pdf",
            "static/filer/Klimaplan for Ærø 2025.pdf",
        ),
        (
            "public/strategier/klimakort.png",
            "content/strategier/klimakort.png",
        ),
        ("public/filer/bilag 1.pdf", "content/filer/bilag 1.pdf"),
        (
            "public/dokumenter/Referat af borgermøde.docx",
            "content/dokumenter/Referat af borgermøde.docx",
        ),
    ] {
        let got =
            std::fs::read(site.path(published)).unwrap_or_else(|e| panic!("{published}: {e}"));
        assert_eq!(got, std::fs::read(site.path(from)).unwrap(), "{published}");
    }
    // Every address of every page leads to a file that is there, from the
    // page's own folder, as a browser opening the files would follow it.
    // (The 404 page links from the root of `base_url`, which a folder on
    // disk does not have.)
    let broken: Vec<String> = linkcheck::broken_links(&site.path("public"))
        .into_iter()
        .filter(|b| !b.starts_with("404.html: "))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn links_from_the_root_and_from_the_page_are_written_relative_to_the_page() {
    let site = built();
    let home = site.read("public/index.html");
    let home_links = local_addresses(main_of(&home));
    assert!(
        home_links.contains(&"kort.png".to_string()),
        "{home_links:?}"
    );
    assert!(
        home_links.contains(&"dokumenter/klimastrategi/index.html".to_string()),
        "{home_links:?}"
    );
    let klima = site.read("public/strategier/klima/index.html");
    let links = local_addresses(main_of(&klima));
    for wanted in [
        "../../strategier/klimakort.png",
        "../../filer/Klimaplan%20for%20%C3%86r%C3%B8%202025.pdf",
        "../../filer/bilag%201.pdf",
    ] {
        assert!(links.contains(&wanted.to_string()), "{wanted}: {links:?}");
    }
    // Nothing starts from the domain's root, which would miss the sub-folder
    // of `base_url`.
    for page in [&home, &klima] {
        assert!(local_addresses(page).iter().all(|a| !a.starts_with('/')));
    }
}

#[test]
fn static_files_keep_their_names_and_the_themes_files_their_fingerprints() {
    let site = built();
    let assets: Vec<String> = std::fs::read_dir(site.path("public/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets
            .iter()
            .any(|a| a.starts_with("style.") && a.ends_with(".css") && a.len() > "style.css".len()),
        "{assets:?}"
    );
    assert!(
        !assets.iter().any(|a| a.starts_with("kort.")),
        "a site's picture is not the theme's: {assets:?}"
    );
    // The brand's logo is the theme's too: every page's header shows a
    // fingerprinted copy, so a new logo is never hidden by an old one in a
    // browser's cache; pages can still link to it at its own address.
    let home = site.read("public/index.html");
    assert!(
        home.contains("<img class=\"site-logo\" src=\"assets/logo."),
        "{home}"
    );
    assert!(site.path("public/logo.svg").is_file());
}

#[test]
fn a_documents_file_is_a_download_link_with_its_type_and_size() {
    let site = built();
    let cases = [
        (
            "klimastrategi",
            "href=\"../../filer/Klimaplan%20for%20%C3%86r%C3%B8%202025.pdf\" download>",
            "Fil Hent dokumentet (PDF, 12 kB) Klimaplan for Ærø 2025.pdf",
        ),
        (
            "referat",
            "href=\"../../dokumenter/Referat%20af%20borgerm%C3%B8de.docx\" download>",
            "Fil Hent dokumentet (Word-dokument, 850 B) Referat af borgermøde.docx",
        ),
        (
            "lov",
            "href=\"https://www.retsinformation.dk/eli/lta/2024/909\">",
            "Fil Åbn dokumentet www.retsinformation.dk/eli/lta/2024/909",
        ),
    ];
    for (page, link, shown) in cases {
        let html = site.read(&format!("public/dokumenter/{page}/index.html"));
        let main = main_of(&html);
        assert!(main.contains(link), "{page}: {main}");
        assert!(text(main).contains(shown), "{page}: {}", text(main));
    }
}

#[test]
fn a_document_in_english_says_its_type_and_size_in_english() {
    let site = built();
    site.edit("pejl.yaml", "language: da", "language: en");
    site.build().assert_ok();
    let html = site.read("public/dokumenter/klimastrategi/index.html");
    assert!(
        text(main_of(&html)).contains("Download the document (PDF, 12 kB)"),
        "{}",
        text(main_of(&html))
    );
}

#[test]
fn a_file_no_page_links_to_stays_out_and_is_named() {
    let site = Site::fixture("files");
    let run = site.build();
    run.assert_ok()
        .assert_stderr("1 file in the content folder is not published")
        .assert_stderr("content/filer/intern note.txt");
    assert!(!site.path("public/filer/intern note.txt").exists());
}

#[test]
fn a_missing_picture_stops_the_build_at_its_line_with_the_file_meant() {
    let site = built();
    let before = site.snapshot("public");
    site.edit(
        "content/strategier/klima.md",
        "(klimakort.png)",
        "(klimakort.PNG)",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("the link \"klimakort.PNG\" points to the file strategier/klimakort.PNG, which is neither in content/ nor in static/")
        .assert_stderr("content/strategier/klima.md:7:1")
        .assert_stderr("help: did you mean `klimakort.png`?");
    assert!(site.snapshot("public") == before, "the last site stays");
    // From the root, the file meant is written from the root.
    site.edit(
        "content/strategier/klima.md",
        "(klimakort.PNG)",
        "(/kort.pgn)",
    );
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("linket \"/kort.pgn\" peger på filen kort.pgn, som hverken findes i content/ eller i static/")
        .assert_stderr("hjælp: mente du `/kort.png`?");
}

#[test]
fn a_documents_missing_file_stops_the_build_at_its_field() {
    let site = built();
    site.edit(
        "content/dokumenter/referat.md",
        "file: Referat af borgermøde.docx",
        "file: Referat af borgermode.docx",
    );
    site.pejl_in("da", &["build"])
        .assert_code(1)
        .assert_stderr("feltet `file` nævner filen \"Referat af borgermode.docx\", men den findes hverken i content/dokumenter/ (ved siden af denne side), i content/ eller i static/")
        .assert_stderr("content/dokumenter/referat.md:5:7")
        .assert_stderr("hjælp: mente du `file: Referat af borgermøde.docx`?");
}

#[test]
fn a_documents_file_cannot_leave_the_project() {
    let site = built();
    site.edit(
        "content/dokumenter/referat.md",
        "file: Referat af borgermøde.docx",
        "file: ../../pejl.yaml",
    );
    site.build()
        .assert_code(1)
        .assert_stderr("content/dokumenter/referat.md:5:7")
        .assert_stderr("goes up out of its folder with `..`");
}

#[cfg(unix)]
#[test]
fn a_link_in_static_is_refused_and_nothing_behind_it_is_published() {
    let site = built();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hemmelig.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("hemmelig.txt"),
        site.path("static/hemmelig.txt"),
    )
    .unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr("static/hemmelig.txt")
        .assert_stderr("this is a symbolic link");
    assert!(!site.path("public/hemmelig.txt").exists());
}

/// The rows of the id table in docs/files.md: (file, id, address).
fn id_rule_rows() -> Vec<(String, String, String)> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/files.md"),
    )
    .unwrap();
    let table = doc
        .split("| file in `content/` | id | address |")
        .nth(1)
        .expect("the id table");
    table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> = l
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .filter(|c| !c.is_empty())
                .collect();
            (cells[0].clone(), cells[1].clone(), cells[2].clone())
        })
        .collect()
}

#[test]
fn file_names_become_ids_and_addresses_as_the_docs_say() {
    let rows = id_rule_rows();
    assert!(rows.len() >= 6, "{rows:?}");
    let site = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    site.write("pejl.yaml", "title: Navne\nlanguage: da\n");
    site.write("content/_index.md", "---\ntitle: Forside\n---\n");
    for (k, (file, id, _)) in rows.iter().enumerate() {
        site.write(&format!("content/{file}"), "---\ntitle: Navn\n---\n");
        // A page that names it by the id the docs give.
        site.write(
            &format!("content/henvisninger/h{k}.md"),
            &format!("---\ntitle: Henvisning {k}\nparent: {id}\n---\n"),
        );
    }
    site.build().assert_ok();
    for (file, _, address) in &rows {
        assert!(
            site.path(&format!("public/{address}index.html")).exists(),
            "{file} should be at {address}"
        );
    }
}

#[test]
fn a_static_file_at_an_address_pejl_uses_is_an_error_not_a_silent_loss() {
    let site = built();
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/strategier/klima/index.html", "<p>Min egen</p>\n");
    for command in ["build", "check"] {
        site.pejl(&[command])
            .assert_code(1)
            .assert_stderr("two things want the address robots.txt: the file static/robots.txt and the robots.txt pejl makes")
            .assert_stderr("two things want the address strategier/klima/index.html: the page content/strategier/klima.md and the file static/strategier/klima/index.html");
    }
}

#[test]
fn the_preview_serves_files_under_the_sites_sub_path_and_follows_changes() {
    let site = Site::fixture("files");
    let mut p = preview::Preview::start(&site, &[]);
    assert_eq!(p.prefix, "/strategier/");
    let pdf = p.get("/strategier/filer/Klimaplan%20for%20%C3%86r%C3%B8%202025.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(
        pdf.body,
        std::fs::read(site.path("static/filer/Klimaplan for Ærø 2025.pdf")).unwrap()
    );
    let picture = p.get("/strategier/strategier/klimakort.png");
    assert_eq!(picture.status, 200);
    // A new version of a shared file is served as soon as it is saved.
    site.write("static/kort.png", "ny version");
    p.next_build();
    assert_eq!(p.get("/strategier/kort.png").text(), "ny version");
    p.assert_equals_clean_build(&site);
}

#[test]
fn a_documents_file_may_have_a_hash_sign_in_its_name() {
    let site = built();
    std::fs::copy(
        site.path("content/filer/bilag 1.pdf"),
        site.path("content/dokumenter/Bilag #2.pdf"),
    )
    .unwrap();
    site.edit(
        "content/dokumenter/referat.md",
        "file: Referat af borgermøde.docx",
        "file: \"Bilag #2.pdf\"",
    );
    site.build().assert_ok();
    let html = site.read("public/dokumenter/referat/index.html");
    assert!(
        html.contains(
            "href=\"../../dokumenter/Bilag%20%232.pdf\" download>Hent dokumentet (PDF, 2,3 kB)</a>"
        ),
        "{}",
        main_of(&html)
    );
    assert!(site.path("public/dokumenter/Bilag #2.pdf").is_file());
}
