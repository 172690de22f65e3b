#!/usr/bin/env python3
"""Full builds of pejl beside Hugo (and Zola, and the floor), side by side.

Usage (from the repository root; builds pejl and the floor first):
    python3 benches/compare.py [--ns 1000,10000] [--runs 5] [--places tmpfs,disk]
                               [--zola PATH] [--search] [--no-floor]

For each place (tmpfs: /dev/shm; disk: $BENCH_DISK or /var/tmp) and each size
N it writes the same corpus twice: as a Hugo site (benches/peers/gen_corpus.py
with the skeleton in benches/peers/hugo, the same as ../shared/bench's) and as
a pejl portal (benches/portal.py: the same pages in pejl's kinds). Then it runs,
alternating, after one warm-up round:

    pejl   rm -rf public && pejl build          (search: false, like the peers)
    hugo   rm -rf public && hugo --quiet        (Debian's hugo)
    zola   rm -rf public && zola build          (only with --zola)
    floor  md_floor --threads 2                 (pulldown-cmark render + write)
    pejl+search                                 (only with --search: pejl's default)
    hugo+pagefind  hugo, then Pagefind's CLI on its output
                                                (only with --pagefind PATH: the
                                                `pagefind` of its npm package,
                                                installed outside the repository)

and prints, per place and N, the median [min..max] of wall time, CPU time
(user+sys) and peak memory of each, and the median of the paired ratios
pejl/hugo (wall, CPU, memory) and pejl/floor (wall), and with search pejl+search/
hugo+pagefind. Every run is also
appended as a JSON line to <workdir>/results.jsonl.

Times come from os.wait4 (the kernel's accounting of the child), as
benches/peers/measure.py does. Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_once(cmd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    stderr = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{stderr.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mib": ru.ru_maxrss / 1024.0}


def fmt(values, digits=3):
    m = statistics.median(values)
    return f"{m:.{digits}f} [{min(values):.{digits}f}..{max(values):.{digits}f}]"


def tool_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "not found"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ns", default="1000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="counted runs per tool (after 1 warm-up)")
    ap.add_argument("--places", default="tmpfs,disk")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", default=os.environ.get("HUGO", "hugo"))
    ap.add_argument("--zola", default=os.environ.get("ZOLA"))
    ap.add_argument("--hugo-max", type=int, default=10000,
                    help="skip Hugo and Zola above this N (Hugo needs ~15 GiB at 100 000)")
    ap.add_argument("--search", action="store_true", help="also time pejl with its search index")
    ap.add_argument("--no-floor", action="store_true")
    ap.add_argument("--pagefind", default=os.environ.get("PAGEFIND"),
                    help="Pagefind's CLI (e.g. node_modules/.bin/pagefind of `npm install pagefind` "
                         "in a scratch folder): also time Hugo followed by it")
    a = ap.parse_args()

    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "pejl", "--example", "md_floor"],
                   cwd=ROOT, check=True)
    pejl = os.path.join(target, "release", "pejl")
    floor = os.path.join(target, "release", "examples", "md_floor")
    hugo = shutil.which(a.hugo)
    if not hugo:
        print(f"# {a.hugo} not found (apt-get install hugo): pejl and the floor only", file=sys.stderr)

    print(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}  {os.uname().sysname} "
          f"{os.uname().release}  cores={os.cpu_count()}")
    print(f"# {tool_version([pejl, '--version'])}; {tool_version([hugo, 'version']) if hugo else 'no hugo'}"
          + (f"; {tool_version([a.zola, '--version'])}" if a.zola else "")
          + (f"; pagefind {tool_version([a.pagefind, '--version'])}" if a.pagefind else ""))

    places = {"tmpfs": "/dev/shm", "disk": os.environ.get("BENCH_DISK", "/var/tmp")}
    for place in a.places.split(","):
        base = os.path.join(places[place], "pejl-bench")
        os.makedirs(base, exist_ok=True)
        log = os.path.join(base, "results.jsonl")
        for n in (int(x) for x in a.ns.split(",")):
            sites = prepare(base, n, a, hugo)
            tools = {"pejl": ["sh", "-c", f"rm -rf '{sites['pejl']}/public' && exec '{pejl}' build --root '{sites['pejl']}'"]}
            if a.search:
                tools["pejl+search"] = ["sh", "-c", f"rm -rf '{sites['search']}/public' && exec '{pejl}' build --root '{sites['search']}'"]
            if hugo and n <= a.hugo_max:
                tools["hugo"] = ["sh", "-c", f"rm -rf '{sites['hugo']}/public' && exec '{hugo}' --quiet -s '{sites['hugo']}'"]
            if hugo and a.pagefind and n <= a.hugo_max:
                hp = sites["hugo"]
                tools["hugo+pagefind"] = ["sh", "-c", f"rm -rf '{hp}/public' && '{hugo}' --quiet -s '{hp}' "
                                          f"&& exec '{a.pagefind}' --site '{hp}/public' --silent"]
            if a.zola and n <= a.hugo_max:
                tools["zola"] = ["sh", "-c", f"rm -rf '{sites['zola']}/public' && exec '{a.zola}' -r '{sites['zola']}' build"]
            if not a.no_floor:
                tools["floor"] = [floor, "--threads", "2", f"{sites['hugo']}/content", f"{base}/floor-{n}"]
            results = {t: [] for t in tools}
            for r in range(a.runs + 1):
                for tool, cmd in tools.items():
                    m = run_once(cmd)
                    if r == 0:
                        continue  # warm-up
                    results[tool].append(m)
                    with open(log, "a") as f:
                        f.write(json.dumps({"place": place, "n": n, "tool": tool, "run": r, **m}) + "\n")
            report(place, n, results)


def prepare(base, n, a, hugo):
    """Write the corpora once per (place, N, seed); reuse them when present."""
    sites = {"hugo": f"{base}/hugo-{n}", "pejl": f"{base}/pejl-{n}", "search": f"{base}/pejl-search-{n}",
             "zola": f"{base}/zola-{n}"}
    stamp = f"seed {a.seed}\n"

    def fresh(path):
        try:
            with open(os.path.join(path, ".bench")) as f:
                return f.read() == stamp
        except OSError:
            return False

    def done(path):
        with open(os.path.join(path, ".bench"), "w") as f:
            f.write(stamp)

    gen = [sys.executable, os.path.join(HERE, "peers", "gen_corpus.py"), str(n)]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    if not fresh(sites["hugo"]):
        subprocess.run(gen + [sites["hugo"], "--seed", str(a.seed), "--flavor", "hugo", "--force"], **quiet)
        done(sites["hugo"])
    if a.zola and not fresh(sites["zola"]):
        subprocess.run(gen + [sites["zola"], "--seed", str(a.seed), "--flavor", "zola", "--force"], **quiet)
        done(sites["zola"])
    for key, search in (("pejl", False), ("search", True)):
        if key == "search" and not a.search:
            continue
        if not fresh(sites[key]):
            subprocess.run([sys.executable, os.path.join(HERE, "portal.py"), str(n), sites[key],
                            "--seed", str(a.seed), "--force"], **quiet)
            if not search:
                with open(os.path.join(sites[key], "pejl.yaml"), "a") as f:
                    f.write("# Like the peers' skeletons: no search index.\nsearch: false\n")
            done(sites[key])
    return sites


def report(place, n, results):
    print(f"\n## {place}, N={n}\n")
    print("| tool | wall s | cpu s | peak MiB |")
    print("| --- | --- | --- | --- |")
    for tool, runs in results.items():
        print(f"| {tool} | {fmt([r['wall'] for r in runs])} | {fmt([r['cpu'] for r in runs])} "
              f"| {statistics.median(r['rss_mib'] for r in runs):.1f} |")
    pejl = results["pejl"]

    def ratio(other, key):
        return statistics.median(p[key] / o[key] for p, o in zip(pejl, results[other]))

    lines = []
    for other in ("hugo", "zola"):
        if other in results:
            lines.append(f"pejl/{other}: wall {ratio(other, 'wall'):.3f}, cpu {ratio(other, 'cpu'):.3f}, "
                         f"memory {ratio(other, 'rss_mib'):.3f}")
    if "floor" in results:
        lines.append(f"pejl/floor: wall {ratio('floor', 'wall'):.2f}")
    if "pejl+search" in results:
        lines.append(f"pejl+search/pejl: wall {statistics.median(s['wall'] / p['wall'] for s, p in zip(results['pejl+search'], pejl)):.2f}")
        # Against Hugo alone too: issue 26's target for the default build.
        for other in ("hugo", "hugo+pagefind"):
            if other in results:
                pairs = list(zip(results["pejl+search"], results[other]))
                lines.append(f"pejl+search/{other}: " + ", ".join(
                    f"{name} {statistics.median(s[key] / h[key] for s, h in pairs):.3f}"
                    for name, key in (("wall", "wall"), ("cpu", "cpu"), ("memory", "rss_mib"))))
    print("\nMedians of paired ratios: " + "; ".join(lines))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
