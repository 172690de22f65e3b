//! Starter files: `pejl new <kind> <title>` and `pejl init <folder>`.
//!
//! Owns the text of starter files, generated from the schema so every field is
//! explained. It returns file contents and paths; `main` writes them, refusing to
//! overwrite anything.

use crate::schema::{self, Field, FieldType, Kind};
use crate::slug::slugify;

/// A file to create, relative to the project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

/// The starter file for a new page of `kind`, placed in the kind's usual folder.
pub fn new_page(kind: Kind, title: &str) -> NewFile {
    let slug = match slugify(title) {
        s if s.is_empty() => "ny-side".to_string(),
        s => s,
    };
    let folder = kind.default_folder();
    let path = match (kind, folder) {
        (Kind::Section, _) => format!("content/{slug}/_index.md"),
        (_, "") => format!("content/{slug}.md"),
        (_, f) => format!("content/{f}/{slug}.md"),
    };
    NewFile {
        path,
        text: starter_text(kind, title),
    }
}

fn starter_text(kind: Kind, title: &str) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("# {}\n", kind.description()));
    out.push_str(
        "# Lines starting with # are comments. Remove the # in front of a field to use it.\n",
    );
    out.push_str("# Every field is described in docs/content-model.md.\n\n");
    for f in schema::all_fields(kind) {
        match f.name {
            "title" => out.push_str(&format!(
                "# {}\ntitle: \"{}\"\n\n",
                f.help,
                title.replace('"', "'")
            )),
            "kind" if kind == Kind::Section => {}
            "kind" => out.push_str(&format!("# What the page is.\nkind: {}\n\n", kind.name())),
            _ => out.push_str(&commented_field(f)),
        }
    }
    if kind == Kind::Goal {
        out.push_str(
            "# A goal needs `focus_area` or `strategy`: remove the # in front of one of them.\n",
        );
    }
    out.push_str("---\n\n");
    out.push_str(match kind {
        Kind::Initiative => {
            "Describe the initiative here: its purpose, what is done and for whom.\n"
        }
        Kind::Section => "A short introduction to the pages in this folder.\n",
        _ => "Write the text of the page here, in Markdown.\n",
    });
    out
}

fn commented_field(f: &Field) -> String {
    let req = if f.required { " (required)" } else { "" };
    let mut out = format!("# {}{req} — {}\n", f.help, f.ty.describe());
    match f.ty {
        FieldType::Records(sub) => {
            out.push_str(&format!("#{}:\n", f.name));
            for (n, s) in sub.iter().enumerate() {
                let dash = if n == 0 { "-" } else { " " };
                out.push_str(&format!(
                    "#  {dash} {}: {}    # {}\n",
                    s.name, s.example, s.help
                ));
            }
        }
        _ if f.required => out.push_str(&format!("{}: {}\n", f.name, f.example)),
        _ => out.push_str(&format!("#{}: {}\n", f.name, f.example)),
    }
    out.push('\n');
    out
}

/// The files of a new, minimal portal that builds as it is.
pub fn new_portal(name: &str) -> Vec<NewFile> {
    let file = |path: &str, text: String| NewFile {
        path: path.into(),
        text,
    };
    vec![
        file(
            "pejl.yaml",
            format!(
                "# The site's settings. See README.md for every option.\n\
                 title: \"{}\"\n\
                 language: da\n\
                 theme: default\n\
                 # organisation: \"Eksempel Kommune\"\n\
                 # base_url: https://strategi.eksempel.dk/\n\
                 # accessibility_statement: https://www.was.digst.dk/eksempel-dk\n",
                name.replace('"', "'")
            ),
        ),
        file("content/_index.md", "---\ntitle: Forside\n---\n\nVelkommen til portalen. Her kan du læse kommunens strategier.\n".into()),
        file(
            "content/vision.md",
            "---\ntitle: Vores vision\nkind: vision\nbearings:\n  - id: faellesskab\n    title: Fællesskab\n    text: Alle borgere kan være en del af fællesskabet.\n---\n\nSkriv visionen her.\n".into(),
        ),
        file(
            "content/strategier/_index.md",
            "---\ntitle: Strategier\n---\n".into(),
        ),
        file(
            "content/strategier/min-strategi.md",
            "---\ntitle: Min strategi\nkind: strategy\nvision: vision\nbearings: [faellesskab]\n---\n\nSkriv strategien her. Se [målet](../maal/mit-maal.md).\n".into(),
        ),
        file(
            "content/maal/mit-maal.md",
            "---\ntitle: Mit mål\nkind: goal\nstrategy: min-strategi\n---\n".into(),
        ),
        file(
            "content/initiativer/min-indsats.md",
            "---\ntitle: Min indsats\nkind: initiative\ngoal: mit-maal\nstatus: planned\nfollow_ups:\n  - date: 1. kvartal 2027\n    forum: Udvalget\n---\n\nBeskriv indsatsen her.\n".into(),
        ),
        file(".gitignore", "/public\n/public.pejl-*\n".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_files_go_where_their_kind_belongs() {
        assert_eq!(
            new_page(Kind::Initiative, "Din Indgang").path,
            "content/initiativer/din-indgang.md"
        );
        assert_eq!(
            new_page(Kind::Section, "Om os").path,
            "content/om-os/_index.md"
        );
        assert_eq!(new_page(Kind::Page, "Kontakt").path, "content/kontakt.md");
    }

    #[test]
    fn starter_files_parse_and_mention_every_field() {
        for kind in Kind::WRITABLE.into_iter().chain([Kind::Section]) {
            let f = new_page(kind, "Test \"x\"");
            for field in
                schema::all_fields(kind).filter(|f| !(kind == Kind::Section && f.name == "kind"))
            {
                assert!(
                    f.text.contains(field.name),
                    "{kind}: {} missing",
                    field.name
                );
            }
            let doc = crate::yaml::parse_document(&f.text).expect("starter file is valid YAML");
            let checked = crate::validate::check(kind, &doc.front);
            let goal_note = kind == Kind::Goal;
            assert_eq!(
                checked.problems.len(),
                usize::from(goal_note),
                "{kind}: {:?}",
                checked.problems
            );
        }
    }
}
