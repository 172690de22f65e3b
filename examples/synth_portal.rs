//! A synthetic strategy portal of any size, in pejl's own content kinds, for
//! benchmarks: `cargo run --release --example synth_portal -- <folder> <pages> [seed]`.
//!
//! The portal has one vision, and strategies, focus areas, goals, initiatives
//! (with follow-ups and budgets), milestones and plain pages in fixed shares.
//! Every body has 500–800 words of Danish-looking text with headings, a list,
//! a table and 3–5 links to other pages. The same size and seed always give
//! the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*): no dependency, same output everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "borgere",
    "fællesskab",
    "sundhed",
    "trivsel",
    "indsats",
    "kommune",
    "udvikling",
    "samarbejde",
    "forebyggelse",
    "ældre",
    "børn",
    "unge",
    "familier",
    "frivillige",
    "rehabilitering",
    "mestring",
    "livskvalitet",
    "ensomhed",
    "bevægelse",
    "kultur",
    "uddannelse",
    "beskæftigelse",
    "bolig",
    "netværk",
    "dialog",
    "ressourcer",
    "medarbejdere",
    "ledelse",
    "kvalitet",
    "tryghed",
    "værdighed",
    "omsorg",
    "pårørende",
    "sammenhæng",
    "helhed",
    "tværfaglig",
    "tidlig",
    "opsporing",
    "lokal",
    "natur",
    "klima",
    "mobilitet",
    "digital",
    "viden",
    "data",
    "evaluering",
    "opfølgning",
    "mål",
    "handling",
    "plan",
    "politik",
    "udvalg",
    "byråd",
    "borgerinddragelse",
    "foreninger",
    "skoler",
    "dagtilbud",
    "plejecentre",
    "hjemmepleje",
    "træning",
    "kost",
    "søvn",
    "rygning",
    "alkohol",
    "mental",
    "fysisk",
    "social",
    "økonomi",
    "budget",
    "prioritering",
    "effekt",
    "resultater",
    "erfaringer",
    "projekter",
    "partnerskaber",
    "civilsamfund",
    "virksomheder",
    "region",
    "nationale",
    "anbefalinger",
    "rammer",
    "muligheder",
    "udfordringer",
    "styrke",
    "fremme",
    "understøtte",
    "sikre",
    "skabe",
    "udvikle",
    "arbejde",
    "tilbyde",
    "hjælpe",
    "mødes",
    "deltage",
];

const STATUSES: &[&str] = &["planned", "running", "continued", "completed", "paused"];
const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(10);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            match rng.below(12) {
                0 => write!(s, "*{w}*").unwrap_or_default(),
                1 => write!(s, "**{w}**").unwrap_or_default(),
                _ => s.push_str(w),
            }
        }
    }
    s.push('.');
    s
}

fn title(rng: &mut Rng, words: usize) -> String {
    let mut t = sentence(rng);
    t = t.replace(['*', '.'], "");
    t.split(' ').take(words).collect::<Vec<_>>().join(" ")
}

fn period(rng: &mut Rng) -> String {
    let year = 2020 + rng.below(11);
    match rng.below(4) {
        0 => format!("{}. kvartal {year}", 1 + rng.below(4)),
        1 => format!("{} {year}", rng.pick(MONTHS)),
        2 => format!("{}. {} {year}", 1 + rng.below(28), rng.pick(MONTHS)),
        _ => format!("{year}"),
    }
}

struct Page {
    folder: &'static str,
    id: String,
}

fn body(rng: &mut Rng, pages: &[Page], here: &Page) -> String {
    let up = if here.folder == "vision" { "" } else { "../" };
    let mut b = String::new();
    let target_words = 500 + rng.below(300);
    let headings = 3 + rng.below(3);
    let links = 3 + rng.below(3);
    let mut words = 0;
    let mut section = 0;
    let mut linked = 0;
    while words < target_words {
        if words >= section * target_words / headings && section < headings {
            writeln!(b, "\n## {}\n", title(rng, 4)).unwrap_or_default();
            section += 1;
            if section == 2 {
                for _ in 0..4 {
                    writeln!(b, "- {}", title(rng, 6)).unwrap_or_default();
                }
                b.push('\n');
            }
            if section == 3 {
                b.push_str("| Område | Indsats | Periode | Beløb |\n| --- | --- | --- | ---: |\n");
                for _ in 0..4 {
                    writeln!(
                        b,
                        "| {} | {} | {} | {}.000 |",
                        rng.pick(WORDS),
                        rng.pick(WORDS),
                        2020 + rng.below(10),
                        100 + rng.below(900)
                    )
                    .unwrap_or_default();
                }
                b.push('\n');
            }
        }
        let mut para = String::new();
        for _ in 0..(3 + rng.below(3)) {
            let s = sentence(rng);
            words += s.split(' ').count();
            para.push_str(&s);
            para.push(' ');
        }
        if linked < links {
            let other = &pages[rng.below(pages.len())];
            if other.id != here.id && other.folder != "vision" {
                write!(
                    para,
                    "Se også [{}]({up}{}/{}.md).",
                    other.id, other.folder, other.id
                )
                .unwrap_or_default();
                linked += 1;
            }
        }
        b.push_str(para.trim_end());
        b.push_str("\n\n");
    }
    b
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: synth_portal <folder> <pages> [seed]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1u64);
    if let Err(e) = generate(Path::new(dir), n, seed) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let share = |p: usize, min: usize| (n * p / 100).max(min);
    let strategies = share(1, 2);
    let focus = share(3, 2);
    let goals = share(10, 2);
    let milestones = share(15, 1);
    let initiatives = share(55, 1);
    let plain = n.saturating_sub(1 + strategies + focus + goals + milestones + initiatives);
    let mut pages = vec![Page {
        folder: "vision",
        id: "vision".into(),
    }];
    let groups: [(&'static str, &str, usize); 6] = [
        ("strategier", "strategi", strategies),
        ("fokusomraader", "fokus", focus),
        ("maal", "maal", goals),
        ("initiativer", "indsats", initiatives),
        ("tidsplan", "milepael", milestones),
        ("sider", "side", plain),
    ];
    for (folder, prefix, count) in groups {
        pages.extend((1..=count).map(|i| Page {
            folder,
            id: format!("{prefix}-{i}"),
        }));
    }
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(
        dir.join("pejl.yaml"),
        "title: \"Syntetisk strategiportal\"\nlanguage: da\norganisation: \"Benchmark Kommune\"\naccessibility_statement: \"https://www.was.digst.dk/example-dk\"\n",
    )?;
    let write = |path: PathBuf, text: String| -> std::io::Result<()> {
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(path, text)
    };
    write(
        content.join("_index.md"),
        "---\ntitle: Forside\n---\n\nEn syntetisk portal til at måle pejl.\n".into(),
    )?;
    for (folder, _, _) in groups {
        write(
            content.join(folder).join("_index.md"),
            format!("---\ntitle: {}\nsort_by: weight\n---\n", folder),
        )?;
    }
    for i in 0..pages.len() {
        let page = &pages[i];
        let words = 5 + rng.below(4);
        let mut fm = format!("---\ntitle: \"{}\"\n", title(&mut rng, words));
        let pick_id = |rng: &mut Rng, prefix: &str, count: usize| {
            format!("{prefix}-{}", 1 + rng.below(count))
        };
        match page.folder {
            "vision" => fm.push_str(
                "kind: vision\nbearings:\n  - id: faellesskab\n    title: Fællesskab\n  - id: sundhed\n    title: Sundhed\n",
            ),
            "strategier" => {
                write!(fm, "kind: strategy\nvision: vision\nbearings: [faellesskab]\nperiod: \"{}\"\n", period(&mut rng)).unwrap_or_default();
            }
            "fokusomraader" => {
                write!(fm, "kind: focus_area\nstrategy: {}\n", pick_id(&mut rng, "strategi", strategies)).unwrap_or_default();
            }
            "maal" => {
                write!(fm, "kind: goal\nfocus_area: {}\n", pick_id(&mut rng, "fokus", focus)).unwrap_or_default();
            }
            "initiativer" => {
                write!(
                    fm,
                    "kind: initiative\ngoal: {}\nstatus: {}\ncommittee: \"{}udvalget\"\nstart: \"{}\"\nfollow_ups:\n  - date: \"{}\"\n    forum: \"Udvalget\"\nbudget:\n  - amount: {}\n    period: \"{}\"\n",
                    pick_id(&mut rng, "maal", goals),
                    rng.pick(STATUSES),
                    rng.pick(&["Social", "Sundheds", "Kultur", "Børne"]),
                    period(&mut rng),
                    period(&mut rng),
                    (10 + rng.below(990)) * 1000,
                    2020 + rng.below(10),
                )
                .unwrap_or_default();
            }
            "tidsplan" => {
                write!(fm, "kind: milestone\ndate: \"{}\"\nstrategies: [{}]\n", period(&mut rng), pick_id(&mut rng, "strategi", strategies)).unwrap_or_default();
            }
            _ => {}
        }
        writeln!(
            fm,
            "weight: {}\nsummary: \"{}\"\n---",
            1 + rng.below(1000),
            title(&mut rng, 10)
        )
        .unwrap_or_default();
        let text = format!("{fm}\n{}", body(&mut rng, &pages, page));
        let path = if page.folder == "vision" {
            content.join("vision.md")
        } else {
            content.join(page.folder).join(format!("{}.md", page.id))
        };
        write(path, text)?;
    }
    eprintln!("Wrote {} pages to {}.", pages.len(), content.display());
    Ok(())
}
