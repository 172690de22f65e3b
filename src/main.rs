//! The `pejl` command line: parses arguments, runs one command, prints its report.
//!
//! Exit codes: 0 ok, 1 content errors, 2 usage errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

/// pejl and Pagefind allocate many small, short-lived values on every thread;
/// mimalloc does that far faster than glibc's allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (include/mimalloc.h);
/// libmimalloc-sys 0.1.49 names the options before and after it (14 and 16)
/// but not this one. The crate is pinned in Cargo.toml for that reason, and a
/// test below checks the number against the option's default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A one-shot build keeps the memory it frees for its own later use.
///
/// By default mimalloc hands freed memory back to the system (one
/// `madvise` per 64 KiB or more, about a thousand in a 10 000-page build),
/// and the next allocation takes fresh pages that the kernel must zero
/// again; each hand-back also interrupts the other core to flush its
/// address cache. A build ends within seconds, so it may as well keep
/// them: 3 % less wall time at 10 000 pages, 3 % more peak memory at
/// 100 000 (BENCHMARKS.md). The preview runs for hours and keeps the default.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores one integer in mimalloc's option table.
    // It is not synchronised, so it runs on the main thread before any other
    // thread is started; the allocator reads the option when it next purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
    // Nor does it want transparent huge pages, which mimalloc asks the
    // kernel for: each first touch of one has the kernel clear 2 MiB, and
    // its system time grew tenfold with the search index's many small
    // allocations (10 000 pages: 4.0 s of system time, 0.8 s without;
    // BENCHMARKS.md, *Search*). (An error only means the kernel has no THP.)
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

use pejl::base::diagnostic::{Lang, Report};
use pejl::content::schema::Kind;
use pejl::pipeline::{self, Options};
use pejl::scaffold::{self, NewFile};
use pejl::serve::ServeOptions;

#[derive(Parser)]
#[command(
    name = "pejl",
    version,
    about = "Build a public strategy portal from Markdown files."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of pejl's messages: da or en [default: the site's language].
    #[arg(long, global = true, env = "PEJL_MESSAGES", value_parser = ["da", "en"])]
    messages: Option<String>,
}

#[derive(clap::Args, Clone)]
struct ProjectArgs {
    /// The portal's folder (the one with pejl.yaml).
    #[arg(long, short = 'r', default_value = ".")]
    root: PathBuf,
    /// The content folder [default: <root>/content].
    #[arg(long, short = 'c')]
    content: Option<PathBuf>,
    /// The public address of the site, e.g. https://strategi.ishoj.dk/ (overrides pejl.yaml).
    #[arg(long, short = 'u')]
    base_url: Option<String>,
    /// The date to count as today, e.g. 2025-03-13, for upcoming and overdue
    /// follow-ups [default: SOURCE_DATE_EPOCH if set, else today].
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[command(flatten)]
        project: ProjectArgs,
        /// The output folder [default: <root>/public].
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Check everything a build checks, without writing anything.
    Check {
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Preview the site in a browser; it follows every save, and shows errors on the page.
    Serve {
        #[command(flatten)]
        project: ProjectArgs,
        /// The port to listen on [default: 4800, or the next free one].
        #[arg(long, short = 'p')]
        port: Option<u16>,
        /// Listen on another address than this computer's own (127.0.0.1),
        /// e.g. 0.0.0.0 to let other computers on the network see the preview.
        #[arg(long)]
        bind: Option<std::net::IpAddr>,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Also answer requests for this host name (e.g. preview.lan, when
        /// other computers reach the preview by a name); may be repeated.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Create a starter file for a new page, with every field explained.
    New {
        // The help lists the kinds of the schema (`kinds_help`).
        #[arg(help = kinds_help())]
        kind: String,
        /// The page's title; the file name is made from it.
        title: String,
        /// The portal's folder.
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
    /// Create a new, minimal portal that builds as it is.
    Init {
        /// The folder to create the portal in (must be empty or not exist).
        dir: PathBuf,
        /// The site's title.
        #[arg(long, default_value = "Strategiportal")]
        title: String,
    },
    /// Print the content model (docs/content-model.md) generated from the schema;
    /// with --json, write a JSON Schema of each kind's front matter to
    /// schemas/ for an editor to check files as they are typed.
    Schema {
        /// Write schemas/<kind>.schema.json (references offer the portal's
        /// own pages, statuses the site's) instead of printing the model.
        #[arg(long)]
        json: bool,
        /// The portal's folder.
        #[arg(long, short = 'r', default_value = ".")]
        root: PathBuf,
    },
}

/// The kinds `pejl new` makes, as its help lists them: every kind a `kind:`
/// field may name, and `section`.
fn kinds_help() -> String {
    format!("{} or section", Kind::WRITABLE_NAMES.join(", "))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let messages = cli.messages.as_deref().map(Lang::from_code);
    match cli.command {
        Command::Build { project, output } => {
            keep_freed_memory();
            build(&project, output, messages)
        }
        Command::Check { project } => check(&project, messages),
        Command::Serve {
            project,
            port,
            bind,
            open,
            allow_host,
        } => {
            let options = match options(&project, None) {
                Ok(o) => o,
                Err(code) => return code,
            };
            let mut serve = ServeOptions::new(options);
            serve.port = port;
            if let Some(ip) = bind {
                serve.bind = ip;
            }
            serve.open = open;
            serve.allow_hosts = allow_host;
            serve.lang = messages;
            serve.say = std::sync::Arc::new(|line: &str| eprintln!("{line}"));
            serve.color = std::io::stderr().is_terminal();
            ExitCode::from(pejl::serve::run(serve))
        }
        Command::New { kind, title, root } => new(&kind, &title, &root, messages),
        // A new portal is Danish (`language: da`), and so is what init says.
        Command::Init { dir, title } => init(&dir, &title, messages.unwrap_or(Lang::Da)),
        Command::Schema { json: false, .. } => {
            print!("{}", pejl::content::schema::reference_markdown());
            ExitCode::SUCCESS
        }
        Command::Schema { json: true, root } => json_schemas(&root, messages),
    }
}

fn options(project: &ProjectArgs, output: Option<PathBuf>) -> Result<Options, ExitCode> {
    let mut o = Options::new(&project.root);
    match pipeline::today(project.now.as_deref()) {
        Ok((today, fixed)) => {
            o.today = today;
            o.fixed_today = fixed;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return Err(ExitCode::from(2));
        }
    }
    if let Some(c) = &project.content {
        o.paths.content = c.clone();
    }
    if let Some(out) = output {
        o.paths.output = out;
    }
    o.base_url = project.base_url.clone();
    Ok(o)
}

fn print_report(report: &Report, root: &Path, lang: Lang) {
    if !report.diagnostics.is_empty() {
        eprint!(
            "{}",
            report.render(root, std::io::stderr().is_terminal(), lang)
        );
    }
}

fn build(project: &ProjectArgs, output: Option<PathBuf>, messages: Option<Lang>) -> ExitCode {
    let started = Instant::now();
    let o = match options(project, output) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let config = pejl::disk::load::read_config(&o.paths);
    let lang = messages.unwrap_or_else(|| pipeline::lang_of(&config));
    let (report, timings) = pipeline::build_with(&o, config);
    if std::env::var_os("PEJL_TIMINGS").is_some() && !timings.is_empty() {
        eprintln!("{}", pipeline::format_timings(&timings));
        if let Some(peak) = pipeline::peak_memory_mib() {
            eprintln!("peak memory {peak} MiB");
        }
    }
    print_report(&report, &o.paths.root, lang);
    let out = o.paths.output.display();
    let summary = report.summary(lang);
    if report.has_errors() {
        match (lang, pejl::disk::output::previous_site_aside(&o.paths)) {
            (Lang::Da, None) => eprintln!(
                "Bygningen mislykkedes: {summary}. Det forrige site i {out} er ikke ændret."
            ),
            (Lang::En, None) => {
                eprintln!("Build failed: {summary}. The previous site in {out} was left as it was.")
            }
            (Lang::Da, Some(old)) => eprintln!(
                "Bygningen mislykkedes: {summary}. Det forrige site ligger i {}; næste bygning lægger det tilbage i {out}.",
                old.display()
            ),
            (Lang::En, Some(old)) => eprintln!(
                "Build failed: {summary}. The previous site is in {}; the next build puts it back in {out}.",
                old.display()
            ),
        }
        return ExitCode::from(1);
    }
    let secs = started.elapsed().as_secs_f64();
    match lang {
        Lang::Da => eprintln!("Bygget {out} på {secs:.2} s ({summary})."),
        Lang::En => eprintln!("Built {out} in {secs:.2} s ({summary})."),
    }
    ExitCode::SUCCESS
}

fn check(project: &ProjectArgs, messages: Option<Lang>) -> ExitCode {
    let o = match options(project, None) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let lang = messages.unwrap_or_else(|| pipeline::message_lang(&o.paths));
    let (built, report) = pipeline::check(&o);
    print_report(&report, &o.paths.root, lang);
    let summary = report.summary(lang);
    match built {
        Some(b) if !report.has_errors() => {
            let n = b.site.entries.len();
            match lang {
                Lang::Da => eprintln!("Ingen fejl: {n} sider ville blive bygget ({summary})."),
                Lang::En => eprintln!("No errors: {n} pages would be built ({summary})."),
            }
            ExitCode::SUCCESS
        }
        _ => {
            match lang {
                Lang::Da => eprintln!("Tjekket fandt fejl: {summary}."),
                Lang::En => eprintln!("Check failed: {summary}."),
            }
            ExitCode::from(1)
        }
    }
}

fn new(kind: &str, title: &str, root: &Path, messages: Option<Lang>) -> ExitCode {
    let paths = pejl::disk::load::Paths {
        root: root.to_path_buf(),
        content: root.join("content"),
        output: root.join("public"),
    };
    let lang = messages.unwrap_or_else(|| pejl::pipeline::message_lang(&paths));
    let config = pejl::disk::load::read_config(&paths).ok();
    let Some(kind) = kind_named(kind, config.as_ref()) else {
        let names: Vec<&str> = Kind::WRITABLE
            .iter()
            .map(|k| k.name())
            .chain(["section"])
            .collect();
        let near = pejl::content::schema::nearest(kind, names.iter().copied())
            .map(|n| match lang {
                Lang::Da => format!(" Mente du `{n}`?"),
                Lang::En => format!(" Did you mean `{n}`?"),
            })
            .unwrap_or_default();
        let names = names.join(", ");
        match lang {
            Lang::Da => eprintln!(
                "fejl: \"{kind}\" er ikke en slags side.{near}\n  hjælp: skriv en af {names} (eller sitets eget navn for den, fx `pejl new mål \"…\"`)"
            ),
            Lang::En => eprintln!(
                "error: \"{kind}\" is not a kind of page.{near}\n  help: choose one of {names} (or the site's own name for it)"
            ),
        }
        return ExitCode::from(2);
    };
    let known = pejl::pipeline::known_pages(&paths);
    let file = scaffold::new_page(kind, title, lang, &known);
    match create(root, &[file], lang) {
        Ok(paths) => {
            let paths = paths.join(", ");
            eprintln!(
                "{}",
                match lang {
                    Lang::Da => format!("Oprettede {paths}. Åbn filen, og udfyld felterne."),
                    Lang::En => format!("Created {paths}. Open it and fill in the fields."),
                }
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("{}: {msg}", error_word(lang));
            ExitCode::from(2)
        }
    }
}

/// The kind `name` names: its name in pejl (`goal`), its Danish name (`mål`,
/// `fokusområde`), or what the site calls it in `kinds:` (`målsætning`),
/// in any case.
fn kind_named(name: &str, config: Option<&pejl::config::Config>) -> Option<Kind> {
    if let Some(kind) = Kind::from_name(name) {
        return Some(kind);
    }
    let wanted = name.trim().to_lowercase();
    let danish = |k: &Kind| {
        let with_article = k.with_article_da();
        let bare = with_article
            .strip_prefix("en ")
            .or_else(|| with_article.strip_prefix("et "))
            .unwrap_or(with_article);
        bare.to_lowercase() == wanted
    };
    let own = |k: &Kind| {
        config.and_then(|c| c.kinds.get(k.name())).is_some_and(|w| {
            [&w.name, &w.plural]
                .into_iter()
                .flatten()
                .any(|n| n.to_lowercase() == wanted)
        })
    };
    Kind::WRITABLE.into_iter().find(|k| danish(k) || own(k))
}

/// `pejl schema --json`: a JSON Schema of each kind into `schemas/`.
fn json_schemas(root: &Path, messages: Option<Lang>) -> ExitCode {
    use pejl::content::schema::json::{Choices, kind_schema};
    let paths = pejl::disk::load::Paths {
        root: root.to_path_buf(),
        content: root.join("content"),
        output: root.join("public"),
    };
    let config = pejl::disk::load::read_config(&paths);
    let lang = messages.unwrap_or_else(|| pejl::pipeline::lang_of(&config));
    let statuses = config
        .as_ref()
        .map(|c| c.statuses.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    let pages = pejl::pipeline::known_pages(&paths);
    let choices = Choices {
        pages: &pages,
        statuses,
    };
    let dir = root.join("schemas");
    let kinds = Kind::WRITABLE.into_iter().chain([Kind::Section]);
    let written: Result<Vec<String>, std::io::Error> =
        std::fs::create_dir_all(&dir).and_then(|()| {
            kinds
                .map(|kind| {
                    let path = dir.join(format!("{}.schema.json", kind.name()));
                    let text = serde_json::to_string_pretty(&kind_schema(kind, lang, &choices))?;
                    std::fs::write(&path, text + "\n")?;
                    Ok(path.display().to_string())
                })
                .collect()
        });
    match (written, lang) {
        (Ok(files), Lang::Da) => eprintln!("Skrev {} skemaer i {}.", files.len(), dir.display()),
        (Ok(files), Lang::En) => eprintln!("Wrote {} schemas to {}.", files.len(), dir.display()),
        (Err(e), _) => {
            eprintln!("{}: {}: {e}", error_word(lang), dir.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// "error" in the language of the messages.
fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "fejl",
        Lang::En => "error",
    }
}

fn init(dir: &Path, title: &str, lang: Lang) -> ExitCode {
    let shown = dir.display();
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "{}",
            match lang {
                Lang::Da => format!(
                    "fejl: {shown} er ikke tom.\n  hjælp: vælg et nyt mappenavn; pejl init overskriver aldrig filer."
                ),
                Lang::En => format!(
                    "error: {shown} is not empty.\n  help: choose a new folder name; pejl init never overwrites files."
                ),
            }
        );
        return ExitCode::from(2);
    }
    match create(dir, &scaffold::new_portal(title), lang) {
        Ok(_) => {
            eprintln!(
                "{}",
                match lang {
                    Lang::Da => format!(
                        "Oprettede en ny portal i {shown}: en eksempelside af hver slags, med alle felter forklaret.\nNæste skridt: cd {shown} && pejl serve --open   (en levende forhåndsvisning; `pejl build` skriver public/)"
                    ),
                    Lang::En => format!(
                        "Created a new portal in {shown}: an example page of every kind, every field explained.\nNext: cd {shown} && pejl serve --open   (a live preview; `pejl build` writes public/)"
                    ),
                }
            );
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("{}: {msg}", error_word(lang));
            ExitCode::from(2)
        }
    }
}

/// Write new files, never replacing an existing one.
fn create(root: &Path, files: &[NewFile], lang: Lang) -> Result<Vec<String>, String> {
    let da = lang == Lang::Da;
    if let Some(existing) = files.iter().find(|f| root.join(&f.path).exists()) {
        let path = root.join(&existing.path);
        let path = path.display();
        return Err(if da {
            format!(
                "{path} findes allerede; pejl overskriver den ikke.\n  hjælp: vælg en anden titel, eller ret i den fil, der er"
            )
        } else {
            format!(
                "{path} already exists; pejl will not overwrite it.\n  help: choose another title, or edit the existing file"
            )
        });
    }
    let mut made = Vec::new();
    for f in files {
        let path = root.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                let dir = dir.display();
                if da {
                    format!("kan ikke oprette {dir}: {e}")
                } else {
                    format!("cannot create {dir}: {e}")
                }
            })?;
        }
        std::fs::write(&path, &f.text).map_err(|e| {
            let path = path.display();
            if da {
                format!("kan ikke skrive {path}: {e}")
            } else {
                format!("cannot write {path}: {e}")
            }
        })?;
        made.push(path.display().to_string());
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    /// Option 15 is the purge delay: mimalloc 3 sets it to 1 000 ms by
    /// default, and none of its neighbours has that default. Should a newer
    /// libmimalloc-sys number the options differently, this fails.
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_for_a_build_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return; // set from outside: the default cannot be seen
        }
        // SAFETY: reads one integer from mimalloc's option table.
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value, 1000);
    }
}
