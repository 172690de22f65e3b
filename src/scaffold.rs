//! Starter files: `pejl new <kind> <title>` and `pejl init <folder>`.
//!
//! Owns the text of starter files, generated from the schema so every field is
//! explained. It returns file contents and paths; `main` writes them, refusing to
//! overwrite anything.

use crate::base::slug::slugify;
use crate::content::schema::{self, Field, FieldType, Kind};

/// A file to create, relative to the project folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

mod portal;
mod publish;

use crate::base::diagnostic::Lang;

/// The pages a portal already has, by kind and id: what a starter file's
/// references may name.
pub type Known = [(Kind, String)];

/// The starter file for a new page of `kind`, placed in the kind's usual
/// folder, with comments in `lang` (the site's language). Its references
/// name pages of the portal (`known`), so it builds as written; where the
/// portal has no page to name, the field is left commented out, saying so.
pub fn new_page(kind: Kind, title: &str, lang: Lang, known: &Known) -> NewFile {
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
    let body = match (kind, lang) {
        (Kind::Initiative, Lang::Da) => {
            "Beskriv indsatsen her: formålet, hvad der gøres, og for hvem.\n"
        }
        (Kind::Initiative, _) => {
            "Describe the initiative here: its purpose, what is done and for whom.\n"
        }
        (Kind::Section, Lang::Da) => "En kort indledning til siderne i denne mappe.\n",
        (Kind::Section, _) => "A short introduction to the pages in this folder.\n",
        (_, Lang::Da) => "Skriv sidens tekst her, i Markdown.\n",
        _ => "Write the text of the page here, in Markdown.\n",
    };
    NewFile {
        path,
        text: format!(
            "{}\n{body}",
            front_matter(kind, title, &refs_of(kind, known), lang, known, true)
        ),
    }
}

/// Values for the reference fields of a starter file of `kind`: each
/// required one, and a goal's place (its focus area, or else its strategy),
/// filled with the first page of the portal it may name.
fn refs_of(kind: Kind, known: &Known) -> Vec<(&'static str, String)> {
    let first = |kinds: &[Kind]| {
        known
            .iter()
            .find(|(k, _)| kinds.contains(k))
            .map(|(_, id)| id.clone())
    };
    let mut out = Vec::new();
    for f in schema::kind_fields(kind) {
        let FieldType::Ref(kinds) = f.ty else {
            continue;
        };
        if f.required
            && let Some(id) = first(kinds)
        {
            out.push((f.name, id));
        }
    }
    if kind == Kind::Goal {
        if let Some(id) = first(&[Kind::FocusArea]) {
            out.push(("focus_area", id));
        } else if let Some(id) = first(&[Kind::Strategy]) {
            out.push(("strategy", id));
        }
    }
    out
}

/// The files of a new portal that builds as it is: an example of every kind,
/// and the workflows that publish it on GitHub Pages and GitLab Pages. The
/// portal is Danish (`language: da`), and so are the workflows' comments.
pub fn new_portal(title: &str) -> Vec<NewFile> {
    let mut files = portal::files(title);
    files.extend(publish::files(Lang::Da));
    files
}

/// Front matter listing every field of `kind`, each with a comment that
/// explains it: the ones in `values` filled in (YAML, a block value starting
/// with a newline), the others commented out with an example.
fn front_matter(
    kind: Kind,
    title: &str,
    values: &[(&str, String)],
    lang: Lang,
    known: &Known,
    guessed: bool,
) -> String {
    let da = lang == Lang::Da;
    let pick = |en: &str, da_text: &str| if da { da_text } else { en }.to_string();
    let description = if da {
        format!("{} ({})", kind.with_article_da(), kind.name())
    } else {
        kind.description().to_string()
    };
    let mut out = String::from("---\n");
    out.push_str(&format!("# {description}\n"));
    out.push_str(&pick(
        "# Lines starting with # are comments. Remove the # in front of a field to use it.\n",
        "# Linjer, der begynder med #, er kommentarer. Fjern # foran et felt for at bruge det.\n",
    ));
    out.push_str(&pick(
        "# `pejl schema` prints the description of every field.\n\n",
        "# `pejl schema` skriver beskrivelsen af alle felter ud.\n\n",
    ));
    for f in schema::all_fields(kind) {
        match f.name {
            "title" => out.push_str(&format!(
                "# {}\ntitle: \"{}\"\n\n",
                pick(f.help, f.help_da),
                title.replace('"', "'")
            )),
            "kind" if kind == Kind::Section => {}
            "kind" => out.push_str(&format!(
                "# {}\nkind: {}\n\n",
                pick("What the page is.", "Hvad siden er."),
                kind.name()
            )),
            name => {
                let value = values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.as_str());
                out.push_str(&commented_field(f, value, lang, known, guessed));
            }
        }
    }
    let placed = values
        .iter()
        .any(|(n, _)| matches!(*n, "focus_area" | "strategy"));
    if kind == Kind::Goal && !placed {
        out.push_str(&pick(
            "# A goal needs `focus_area` or `strategy`: remove the # in front of one of them.\n",
            "# Et mål skal have `focus_area` eller `strategy`: fjern # foran et af dem.\n",
        ));
    }
    out.push_str("---\n");
    out
}

/// The ids of the portal's pages of `kinds`, as a short list for a comment.
fn ids_of(kinds: &[Kind], known: &Known) -> Vec<String> {
    known
        .iter()
        .filter(|(k, _)| kinds.contains(k))
        .map(|(_, id)| id.clone())
        .collect()
}

/// A comment that names the pages a reference may name (up to twelve).
fn choices_comment(ids: &[String], da: bool) -> String {
    let mut shown = ids.iter().take(12).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 12 {
        shown.push_str(", …");
    }
    if da {
        format!("# Du kan skrive: {shown}\n")
    } else {
        format!("# You can write: {shown}\n")
    }
}

/// A group of fields (`list`: a list of them), commented, each with its help.
fn commented_group(name: &str, sub: &[Field], list: bool, da: bool) -> String {
    let mut out = format!("#{name}:\n");
    for (n, s) in sub.iter().enumerate() {
        let dash = match (list, n) {
            (false, _) => "",
            (true, 0) => "- ",
            (true, _) => "  ",
        };
        let help = if da { s.help_da } else { s.help };
        out.push_str(&format!("#  {dash}{}: {}    # {help}\n", s.name, s.example));
    }
    out
}

/// One field of a starter file, under its help; `guessed`: its value (a
/// reference) is the first page there is, for the writer to correct.
fn commented_field(
    f: &Field,
    value: Option<&str>,
    lang: Lang,
    known: &Known,
    guessed: bool,
) -> String {
    let da = lang == Lang::Da;
    let kinds: &[Kind] = match f.ty {
        FieldType::Ref(kinds) | FieldType::RefList(kinds) => kinds,
        _ => &[],
    };
    let ids = ids_of(kinds, known);
    let (help, ty) = if da {
        (f.help_da, f.ty.describe_da())
    } else {
        (f.help, f.ty.describe())
    };
    let req = match (f.required, da) {
        (false, _) => "",
        (true, true) => " (skal udfyldes)",
        (true, false) => " (required)",
    };
    let mut out = format!("# {help}{req} — {ty}\n");
    if !kinds.is_empty() && !ids.is_empty() {
        out.push_str(&choices_comment(&ids, da));
    }
    match (value, f.ty) {
        (Some(v), _) if guessed && !kinds.is_empty() => {
            out.push_str(if da {
                "# pejl har skrevet den første, der findes: ret den til den rigtige.\n"
            } else {
                "# pejl wrote the first one there is: change it to the right one.\n"
            });
            out.push_str(&format!("{}: {v}\n", f.name));
        }
        (Some(v), _) => {
            let gap = if v.starts_with('\n') { "" } else { " " };
            out.push_str(&format!("{}:{gap}{v}\n", f.name));
        }
        (None, FieldType::Record(sub)) => out.push_str(&commented_group(f.name, sub, false, da)),
        (None, FieldType::Records(sub)) => out.push_str(&commented_group(f.name, sub, true, da)),
        // A required reference with no page to name: left for the writer,
        // since an example id would name a page the portal does not have.
        (None, FieldType::Ref(kinds)) if f.required => {
            let kind = kinds.first().map_or("", |k| k.name());
            out.push_str(&if da {
                format!("# Portalen har endnu ingen side, feltet kan pege på: opret den først med `pejl new {kind} \"…\"`, og skriv så dens id her.\n#{}: \n", f.name)
            } else {
                format!("# The portal has no page yet that this field can name: make one first with `pejl new {kind} \"…\"`, then write its id here.\n#{}: \n", f.name)
            });
        }
        // An optional reference: the portal's own first page as the example
        // (another portal's id would not build), or none.
        (None, FieldType::Ref(_)) => {
            out.push_str(&format!("#{}: {}\n", f.name, ids.first().map_or("", |i| i)));
        }
        (None, FieldType::RefList(_)) => {
            let first = ids.first().map_or(String::new(), |i| format!("[{i}]"));
            out.push_str(&format!("#{}: {first}\n", f.name));
        }
        (None, _) if f.required => out.push_str(&format!("{}: {}\n", f.name, f.example)),
        (None, _) => out.push_str(&format!("#{}: {}\n", f.name, f.example)),
    }
    if let (Some(_), FieldType::Records(sub) | FieldType::Record(sub)) = (value, f.ty) {
        for s in sub {
            let help = if da { s.help_da } else { s.help };
            out.push_str(&format!("#   {}: {help}\n", s.name));
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_files_go_where_their_kind_belongs() {
        assert_eq!(
            new_page(Kind::Initiative, "Din Indgang", Lang::En, &[]).path,
            "content/initiativer/din-indgang.md"
        );
        assert_eq!(
            new_page(Kind::Section, "Om os", Lang::En, &[]).path,
            "content/om-os/_index.md"
        );
        assert_eq!(
            new_page(Kind::Page, "Kontakt", Lang::En, &[]).path,
            "content/kontakt.md"
        );
    }

    #[test]
    fn starter_files_parse_and_mention_every_field() {
        for kind in Kind::WRITABLE.into_iter().chain([Kind::Section]) {
            // A portal with a page of every kind to refer to.
            let known: Vec<(Kind, String)> = Kind::WRITABLE
                .iter()
                .map(|k| (*k, format!("x-{}", k.name())))
                .collect();
            let f = new_page(kind, "Test \"x\"", Lang::Da, &known);
            for field in
                schema::all_fields(kind).filter(|f| !(kind == Kind::Section && f.name == "kind"))
            {
                assert!(
                    f.text.contains(field.name),
                    "{kind}: {} missing",
                    field.name
                );
            }
            let doc =
                crate::content::yaml::parse_document(&f.text).expect("starter file is valid YAML");
            let checked = crate::content::validate::check(kind, &doc.front);
            assert_eq!(checked.problems.len(), 0, "{kind}: {:?}", checked.problems);
        }
    }
}
