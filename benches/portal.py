#!/usr/bin/env python3
"""A synthetic strategy portal in pejl's own content kinds, of any size.

Usage:
    benches/portal.py N OUTDIR [--seed S] [--force]

It runs the peers' corpus generator (benches/peers/gen_corpus.py, the same as
../shared/bench's) with `--link-style md`, so every page, title, date, weight,
description and body is the one Hugo and Zola build from the same N and seed,
and then gives each file the front matter of a pejl kind:

    content/_index.md, every folder's _index.md   sections (`summary`, ids
                                                  made unique per tree)
    strategies/<area>/*.md   1 in 20: `strategy` (area, period, vision)
                             2 in 20: `focus_area` (of the area's strategy)
                             6 in 20: `goal` (of one of the area's focus areas)
                             6 in 20: `document` (the analyses, plans and
                                      reports the names speak of; dated)
                             5 in 20: plain pages
    initiatives/<area>/*.md  `initiative` (a goal of the same area, status,
                             committee, start, a follow-up, a budget line)
    timeline/<year>/*.md     `milestone` (its date, the strategy of an area)
    content/vision.md        one `vision` every strategy carries out

`description` becomes `summary`. Tags have no pejl counterpart and are left
out; pejl builds its own overviews (by status, area, committee, goal, year),
a timeline, feeds, calendars and a search index instead. The bodies are
untouched: their links point at the other pages' Markdown files, which pejl
resolves (and checks) itself.

Python 3 standard library only; the same N and seed always give the same files.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STATUSES = ["planned", "running", "running", "continued", "completed", "paused", "not_continued"]
COMMITTEES = ["Klima- og Miljøudvalget", "Social- og Sundhedsudvalget", "Børne- og Skoleudvalget",
              "Kultur- og Fritidsudvalget", "Økonomiudvalget", "Teknik- og Miljøudvalget"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]

CONFIG = """title: "Syntetisk strategiportal"
language: da
organisation: "Benchmark Kommune"
base_url: "https://strategier.example.dk/"
accessibility_statement: "https://www.was.digst.dk/example-dk"
"""


def split(text):
    """Front matter lines (as a dict of the scalar keys) and the body."""
    assert text.startswith("---\n"), "every corpus file starts with front matter"
    end = text.index("\n---\n", 4)
    head, body = text[4:end], text[end + 5:]
    fields = {}
    for line in head.split("\n"):
        m = re.match(r"^([a-z_]+): (.*)$", line)
        if m:
            fields[m.group(1)] = m.group(2)
    return fields, body


def danish_date(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f'"{d}. {MONTHS[m - 1]} {y}"'


def front(lines):
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n"


def convert(content):
    """Rewrite every file under `content` in place; returns counts per kind."""
    counts = {}
    areas = sorted(d for d in os.listdir(os.path.join(content, "strategies"))
                   if os.path.isdir(os.path.join(content, "strategies", d)))

    def pages_in(folder):
        path = os.path.join(content, folder)
        return sorted(f[:-3] for f in os.listdir(path) if f.endswith(".md") and f != "_index.md")

    # Plan the strategy tree of each area first, so references are known.
    plan = {}
    for area in areas:
        names = pages_in(f"strategies/{area}")
        kinds = {}
        for i, name in enumerate(names):
            k = i % 20
            kinds[name] = ("strategy" if k == 0 else "focus_area" if k < 3 else "goal" if k < 9
                           else "document" if k < 15 else "page")
        plan[area] = {
            "kinds": kinds,
            "strategies": [n for n in names if kinds[n] == "strategy"],
            "focus": [n for n in names if kinds[n] == "focus_area"],
            "goals": [n for n in names if kinds[n] == "goal"],
        }

    def rewrite(rel, lines):
        path = os.path.join(content, rel)
        with open(path, encoding="utf-8") as f:
            fields, body = split(f.read())
        head = [f"title: {fields['title']}"] + lines
        if "description" in fields:
            head.append(f"summary: {fields['description']}")
        if "weight" in fields:
            head.append(f"weight: {fields['weight']}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(front(head) + body)
        return fields

    def count(kind):
        counts[kind] = counts.get(kind, 0) + 1

    # Sections: a folder's id is its name, which repeats across the trees.
    for folder, _dirs, files in os.walk(content):
        if "_index.md" in files:
            rel = os.path.relpath(os.path.join(folder, "_index.md"), content)
            parts = os.path.dirname(rel).split(os.sep) if os.path.dirname(rel) else []
            lines = ["sort_by: weight"]
            if len(parts) == 2:
                lines.insert(0, f"id: {parts[0]}-{parts[1]}")
            rewrite(rel, lines)
            count("section")

    with open(os.path.join(content, "vision.md"), "w", encoding="utf-8") as f:
        f.write(front(["title: Vision for kommunen", "kind: vision", "bearings:",
                       "  - id: faellesskab", "    title: Fællesskab",
                       "  - id: baeredygtighed", "    title: Bæredygtighed"])
                + "\nKommunens vision, som alle strategier bygger på.\n")
    count("vision")

    for a, area in enumerate(areas):
        p = plan[area]
        strategy = lambda i: p["strategies"][i % len(p["strategies"])]
        for i, name in enumerate(pages_in(f"strategies/{area}")):
            kind = p["kinds"][name]
            if kind == "strategy":
                lines = ["kind: strategy", "vision: vision", "bearings: [faellesskab]",
                         f'area: "{area}"']
            elif kind == "focus_area":
                lines = ["kind: focus_area", f"strategy: {strategy(i)}"]
            elif kind == "document":
                path = os.path.join(content, f"strategies/{area}/{name}.md")
                with open(path, encoding="utf-8") as f:
                    date = split(f.read())[0]["date"]
                lines = ["kind: document", f'doc_type: "{name.split("-")[0]}"',
                         f"date: {danish_date(date)}"]
            elif kind == "page":
                lines = []
            elif p["focus"]:
                lines = ["kind: goal", f"focus_area: {p['focus'][i % len(p['focus'])]}"]
            else:
                lines = ["kind: goal", f"strategy: {strategy(i)}"]
            fields = rewrite(f"strategies/{area}/{name}.md", lines)
            if kind == "strategy":
                # The period is the strategy's year, from its date.
                path = os.path.join(content, f"strategies/{area}/{name}.md")
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                text = text.replace("bearings: [faellesskab]\n",
                                    f"bearings: [faellesskab]\nperiod: \"{fields['date'][:4]}\"\n", 1)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            count(kind)

        for i, name in enumerate(pages_in(f"initiatives/{area}")):
            goals = p["goals"] or p["strategies"]
            link = f"goal: {goals[i % len(goals)]}" if p["goals"] else f"strategy: {goals[0]}"
            path = os.path.join(content, f"initiatives/{area}/{name}.md")
            with open(path, encoding="utf-8") as f:
                date = split(f.read())[0]["date"]
            year = int(date[:4])
            rewrite(f"initiatives/{area}/{name}.md", [
                "kind: initiative", link,
                f"status: {STATUSES[(i + a) % len(STATUSES)]}",
                f'committee: "{COMMITTEES[(i + a) % len(COMMITTEES)]}"',
                f'area: "{area}"',
                f"start: {danish_date(date)}",
                "follow_ups:",
                f'  - date: "{1 + i % 4}. kvartal {year + 1}"',
                f'    forum: "{COMMITTEES[(i + a) % len(COMMITTEES)]}"',
                '    outcome: "Udvalget tog status til efterretning."',
                "budget:",
                f"  - amount: {(10 + (i * 37 + a * 11) % 990) * 1000}",
                f'    period: "{year}"',
            ])
            count("initiative")

    for year in sorted(os.listdir(os.path.join(content, "timeline"))):
        if not os.path.isdir(os.path.join(content, "timeline", year)):
            continue
        for i, name in enumerate(pages_in(f"timeline/{year}")):
            path = os.path.join(content, f"timeline/{year}/{name}.md")
            with open(path, encoding="utf-8") as f:
                date = split(f.read())[0]["date"]
            area = areas[i % len(areas)]
            rewrite(f"timeline/{year}/{name}.md", [
                "kind: milestone", f"date: {danish_date(date)}",
                f"strategies: [{plan[area]['strategies'][0]}]",
            ])
            count("milestone")
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of pages (as gen_corpus.py counts them)")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="delete OUTDIR first if it exists")
    a = ap.parse_args(argv)
    cmd = [sys.executable, os.path.join(HERE, "peers", "gen_corpus.py"), str(a.n), a.outdir,
           "--seed", str(a.seed), "--flavor", "plain", "--link-style", "md"]
    if a.force:
        cmd.append("--force")
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    counts = convert(os.path.join(a.outdir, "content"))
    with open(os.path.join(a.outdir, "pejl.yaml"), "w", encoding="utf-8") as f:
        f.write(CONFIG)
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
