// Accessibility of every page of both example portals (and of the indicators
// fixture), checked by axe-core in a
// real headless Chromium (Debian's `chromium`, driven by playwright-core):
// zero violations of WCAG 2.0/2.1 A and AA, at desktop width and on a 320 px
// screen.
//
// Run: node --test tests/browser/  (./build.sh test does, after cargo test).
// Needs: target/debug/pejl (or PEJL_BIN), /usr/bin/chromium (or CHROMIUM).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { repo, bin, htmlFiles } from "./helpers.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let out, browser;

// The portals to check: [name, root, fewest pages, screenshots].
const PORTALS = [
  ["ishoej", repo, 70, [
    ["home", "index.html"],
    ["goal", "maal/borgere-traeffer-beslutninger/index.html"],
    ["initiative", "vaerdighedsmilliarden/klippekortsordning/index.html"],
    ["timeline", "tidslinje/index.html"],
  ]],
  ["kalundborg", join(repo, "examples", "kalundborg"), 20, [
    ["catalogue", "idekatalog-h24/index.html"],
    ["idea", "ideer/ide-03-fremskudt-sagsbehandling/index.html"],
    ["theme", "temaer/sundhedsfremme/index.html"],
    ["matrix", "idekatalog-h24/temaer-og-ideer/index.html"],
  ]],
  // Indicators: the chart beside its table, and the goal's list of them.
  ["indicators", join(repo, "tests", "fixtures", "indicators"), 8, [
    ["indicator", "indikatorer/andel-selvhjulpne/index.html"],
    ["goal", "maal/selvhjulpne/index.html"],
  ]],
  // The same portal in the second bundled theme (`theme: kontrast`).
  ["kalundborg-kontrast", join(repo, "examples", "kalundborg"), 20, [
    ["idea", "ideer/ide-03-fremskudt-sagsbehandling/index.html"],
  ], "kontrast"],
];

/// A copy of a portal's sources with another theme.
function withTheme(root, theme) {
  const copy = join(out, `source-${theme}`);
  mkdirSync(copy);
  for (const part of ["content", "static"]) {
    try { cpSync(join(root, part), join(copy, part), { recursive: true }); } catch { /* not every portal has static/ */ }
  }
  const config = readFileSync(join(root, "pejl.yaml"), "utf8").replace(/^theme: .*$/m, `theme: ${theme}`);
  writeFileSync(join(copy, "pejl.yaml"), config);
  return copy;
}

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-a11y-"));
  for (const [name, source, , , theme] of PORTALS) {
    const root = theme ? withTheme(source, theme) : source;
    execFileSync(bin, ["build", "--root", root, "--output", join(out, name), "--now", "2025-06-01"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function violations(page, tags = TAGS) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((t) => window.axe.run(document, { runOnly: { type: "tag", values: t } }), tags);
  return result.violations;
}

test("the check itself finds a violation when there is one", async () => {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="da"><title>x</title><main><img src="x.png"><a href="#"></a></main></html>');
  const ids = (await violations(page)).map((v) => v.id);
  assert.ok(ids.includes("image-alt") && ids.includes("link-name"), ids.join(", "));
  await page.close();
});

for (const [portal, , fewest, screenshots] of PORTALS) {
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["320 px phone", { width: 320, height: 640 }],
  ]) {
    test(`axe-core finds no WCAG 2.1 AA violations on any page of ${portal} (${name})`, async () => {
      const site = join(out, portal);
      const pages = htmlFiles(site);
      assert.ok(pages.length > fewest, `the ${portal} portal has its pages (${pages.length})`);
      const page = await browser.newPage({ viewport });
      const problems = [];
      for (const file of pages) {
        await page.goto(pathToFileURL(file).href);
        for (const v of await violations(page)) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
          problems.push(`${relative(site, file)}: ${v.id} (${v.impact}): ${v.help} — ${where}`);
        }
        if (viewport.width === 320) {
          // Nothing may scroll sideways on a phone (WCAG 1.4.10 Reflow).
          const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
          if (wide) problems.push(`${relative(site, file)}: the page scrolls sideways at 320 px`);
        }
      }
      // Screenshots of a few pages, kept as test artefacts for a person to look at.
      const shots = join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "screenshots");
      mkdirSync(shots, { recursive: true });
      for (const [shot, rel] of screenshots) {
        await page.goto(pathToFileURL(join(site, rel)).href);
        await page.screenshot({ path: join(shots, `${portal}-${shot}-${viewport.width}.png`), fullPage: true });
      }
      await page.close();
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }
}
