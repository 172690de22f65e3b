// Save → seen: how long from saving a page's Markdown to the new text being
// (a) served over HTTP and (b) on screen in a browser showing the page
// (headless Chromium, via the live-reload channel, no manual reload).
//
//   node benches/serve_latency.mjs [--portal example|synthetic] [--pages 10000] [--edits 20]
//
// Uses target/release/pejl (cargo build --release) and, for a synthetic portal,
// benches/portal.py (the peers' corpus in pejl's kinds); the page edited is the
// first initiative of the klima area.
// Prints the time from start to the first page served, then median and max of
// the edits. A measurement, not a test: the machine is noisy, so read medians.

import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = process.env.CARGO_TARGET_DIR || join(repo, "target");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const portal = arg("portal", "example");
const pages = Number(arg("pages", "10000"));
const edits = Number(arg("edits", "20"));
const workdir = arg("dir", null);

const site = workdir || mkdtempSync(join(process.env.BENCH_TMP || tmpdir(), "pejl-latency-"));
let page_rel, page_url;
if (portal === "example") {
  cpSync(join(repo, "content"), join(site, "content"), { recursive: true });
  copyFileSync(join(repo, "pejl.yaml"), join(site, "pejl.yaml"));
  page_rel = "content/initiativer/din-indgang.md";
  page_url = "initiativer/din-indgang/";
} else {
  execFileSync("python3", [join(repo, "benches", "portal.py"), String(pages), site, "--force"], { stdio: "inherit" });
  const first = readdirSync(join(site, "content", "initiatives", "klima"))
    .filter((f) => f.endsWith(".md") && f !== "_index.md")
    .sort()[0];
  page_rel = `content/initiatives/klima/${first}`;
  page_url = `initiatives/klima/${first.replace(/\.md$/, "")}/`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const started = performance.now();
const server = spawn(join(target, "release", "pejl"), ["serve", "--port", "0"], {
  cwd: site,
  stdio: ["ignore", "ignore", "pipe"],
});
let firstBuild = null;
const base = await new Promise((resolve, reject) => {
  let log = "";
  server.stderr.on("data", (c) => {
    log += c;
    if (firstBuild === null && /^(Bygget|Built) /m.test(log)) firstBuild = performance.now() - started;
    const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
    if (m) resolve(m[0]);
  });
  server.on("exit", (code) => reject(new Error(`pejl serve exited (${code}):\n${log}`)));
});
// The first page: the home page, the address pejl serve prints (and opens).
// Pages are served as they are rendered, so it comes before the build is done.
async function firstServed(url) {
  for (;;) {
    const r = await fetch(url).catch(() => null);
    if (r && r.status === 200) {
      await r.arrayBuffer();
      return performance.now() - started;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
const firstPage = await firstServed(base);
const editedPage = await firstServed(base + page_url);
while (firstBuild === null) await new Promise((r) => setTimeout(r, 5));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const tab = await browser.newPage();
await tab.goto(base + page_url);
await tab.waitForFunction(() => document.querySelector("script[data-build]"));
await new Promise((r) => setTimeout(r, 500));

const original = readFileSync(join(site, page_rel), "utf8");
const http = [];
const screen = [];
for (let k = 0; k < edits; k++) {
  const marker = `pejl-bench-${k}-${Date.now()}`;
  const seenOnScreen = (async () => {
    for (;;) {
      await tab.waitForEvent("domcontentloaded", { timeout: 60000 });
      const html = await tab.content().catch(() => "");
      if (html.includes(marker)) {
        // When the browser had the new page parsed, on the browser's own clock
        // (epoch milliseconds), so the driver's round trips do not count.
        return tab.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0];
          return performance.timeOrigin + nav.domContentLoadedEventEnd;
        });
      }
    }
  })();
  const t0 = performance.now();
  const t0Epoch = performance.timeOrigin + t0;
  writeFileSync(join(site, page_rel), `${original}\n\n${marker}\n`);
  let tHttp;
  for (;;) {
    const body = await (await fetch(base + page_url)).text();
    if (body.includes(marker)) {
      tHttp = performance.now();
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const tScreen = await seenOnScreen;
  http.push(tHttp - t0);
  screen.push(tScreen - t0Epoch);
  await new Promise((r) => setTimeout(r, 300));
}

writeFileSync(join(site, page_rel), original);
await browser.close();
server.kill();
if (!workdir) rmSync(site, { recursive: true, force: true });

const name = portal === "example" ? "example portal" : `synthetic portal, ${pages} pages`;
console.log(`pejl serve, ${name}, ${edits} edits`);
console.log(`  start → first page served:      ${ms(firstPage)} (the home page)`);
console.log(`  start → edited page served:     ${ms(editedPage)}`);
console.log(`  start → first build done:       ${ms(firstBuild)}`);
console.log(`  save → new page over HTTP:      median ${ms(median(http))}, max ${ms(Math.max(...http))}`);
console.log(`  save → new text in the browser: median ${ms(median(screen))}, max ${ms(Math.max(...screen))}`);
