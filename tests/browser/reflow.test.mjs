// Reflow (WCAG 1.4.4 Resize text and 1.4.10 Reflow) of every page of both
// example portals, in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core), in the default theme (and Kalundborg in the kontrast
// theme at 320 px):
//
//   (a) a 360 px wide phone;
//   (b) a 320 px phone with text at 200 %. Emulated by setting the root
//       element's font size to 200 % after the page has loaded, so every rem
//       and em doubles while the viewport stays 320 px wide (media queries in
//       rem still see the browser's 16 px, as with text-only zoom in a
//       browser that leaves the default font size alone);
//   (c) a 1280 × 720 window at 400 % zoom, which is a 320 × 180 CSS px
//       viewport.
//
// In each, the page must never scroll sideways: the root's scrollWidth is at
// most the window's width. A failure names the page and the widest element
// that sticks out (outside any box that scrolls by itself). At 360 px, no
// table of the theme may hide columns behind a sideways scroll either, and
// axe-core (WCAG 2.0/2.1 A and AA and best practice) must find nothing.
// The Menu control is checked with and without JavaScript, and print keeps
// tables as tables within the page.
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
import { repo, bin, htmlFiles, hostFolder } from "./helpers.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

// The portals: [name, root, fewest pages, theme]. The second bundled theme
// (larger type) is checked for reflow at 320 px; a11y.test.mjs runs axe on it.
const PORTALS = [
  ["ishoej", repo, 70],
  ["kalundborg", join(repo, "examples", "kalundborg"), 20],
  ["kalundborg-kontrast", join(repo, "examples", "kalundborg"), 20, "kontrast"],
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

// The three ways of looking at a page: [name, viewport, root font size].
const VIEWS = [
  ["360 px", { width: 360, height: 740 }, null],
  ["320 px with text at 200 %", { width: 320, height: 640 }, "200%"],
  ["1280 px at 400 % zoom (320 px)", { width: 320, height: 180 }, null],
];

let out, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-reflow-"));
  for (const [name, source, , theme] of PORTALS) {
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
  for (const s of servers) s.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const url = (portal, rel) => pathToFileURL(join(out, portal, rel)).href;

// The 404 page is what a host shows at any missing address, at any depth:
// it is visited that way, from a plain static host at the site's root (both
// portals' base_url), never from the file system.
const servers = [];
async function host(site) {
  const { server, base } = await hostFolder(site);
  servers.push(server);
  return base;
}

/** In the page: how wide it is, and what sticks out the most. */
function measure(fontSize) {
  if (fontSize) document.documentElement.style.fontSize = fontSize;
  const width = window.innerWidth;
  const name = (el) =>
    el.tagName.toLowerCase() +
    (el.id ? `#${el.id}` : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "");
  // Inside a box that scrolls (or clips) by itself, an element cannot widen the page.
  const inScrollBox = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  // The widest element that sticks out while its parent does not: the cause.
  let widest = null;
  let right = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1 || inScrollBox(el)) continue;
    const parent = el.parentElement;
    if (parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
    if (r.right > right) {
      right = Math.round(r.right);
      const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
      widest = `${name(parent)} > ${name(el)} «${text}» reaches ${right} px`;
    }
  }
  // Stacked tables (the theme's convention: class "stack", data-label on each
  // cell) and the Gantt view whose box scrolls sideways. A table in a text
  // may scroll in its own box, and so may the budget tables until they are
  // stacked too (they are another branch's work).
  const scrolling = [...document.querySelectorAll("table.stack, .gantt table")]
    .map((table) => [table, table.closest(".table-wrap, .table-scroll, .gantt") || table])
    .filter(([table, box]) => box.scrollWidth > box.clientWidth + 1 || table.getBoundingClientRect().right > width + 1)
    .map(([table, box]) => `${name(box)} > ${name(table)} (${box.scrollWidth} px in ${box.clientWidth})`);
  return { scrollWidth: document.documentElement.scrollWidth, width, widest, scrolling };
}

async function violations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (tags) => {
    const options = { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] };
    return window.axe.run(document, options);
  }, TAGS);
  return result.violations;
}

for (const [portal, , fewest, theme] of PORTALS) {
  for (const [view, viewport, fontSize] of VIEWS) {
    const phone = viewport.width === 360;
    if (theme && phone) continue;
    test(`no page of ${portal} scrolls sideways at ${view}${phone ? ", and axe-core finds nothing" : ""}`, async () => {
      const site = join(out, portal);
      const pages = htmlFiles(site);
      assert.ok(pages.length > fewest, `the ${portal} portal has its pages (${pages.length})`);
      const context = await browser.newContext({ viewport });
      // axe-core comes with every page at 360 px: a third faster than adding it after.
      if (phone) await context.addInitScript({ path: axePath });
      const page = await context.newPage();
      const problems = [];
      const missing = (await host(site)) + "en/side/der/er/flyttet/";
      for (const file of pages) {
        const rel = relative(site, file);
        await page.goto(rel === "404.html" ? missing : pathToFileURL(file).href);
        const m = await page.evaluate(measure, fontSize);
        if (m.scrollWidth > m.width) {
          problems.push(`${rel}: ${m.scrollWidth} px wide in a ${m.width} px window; widest: ${m.widest}`);
        }
        if (phone) {
          for (const box of m.scrolling) problems.push(`${rel}: a table scrolls sideways at 360 px: ${box}`);
          for (const v of await violations(page)) {
            const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
            problems.push(`${rel}: ${v.id} (${v.impact}): ${v.help} — ${where}`);
          }
        }
      }
      await context.close();
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }
}

test("the check itself finds a page that scrolls sideways, and what makes it", async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  await page.setContent('<!doctype html><html lang="da"><title>x</title><body><main><p>Kort.</p><div class="bred" style="width: 30rem">Bred</div></main></body></html>');
  const m = await page.evaluate(measure, "200%");
  assert.ok(m.scrollWidth > m.width, `${m.scrollWidth} > ${m.width}`);
  assert.match(m.widest, /^main > div\.bred «Bred» reaches \d+ px$/);
  await page.close();
});

test("on a phone the menu is folded behind a Menu link that works without JavaScript", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url("ishoej", "strategier/socialstrategi/index.html"));
  const nav = page.locator("nav.site-nav");
  assert.equal(await nav.isVisible(), false, "folded");
  const h1 = await page.locator("h1").boundingBox();
  assert.ok(h1.y < 300, `the first heading starts ${h1.y} px down`);
  // The search box has a label one can see.
  assert.equal(await page.locator("label[for=site-search-q]").isVisible(), true);
  await page.locator("a.menu-toggle").click();
  assert.equal(await nav.isVisible(), true, "open after following the link");
  assert.equal(await page.locator("nav.site-nav a", { hasText: "Tidslinje" }).isVisible(), true);
  await context.close();
});

test("with JavaScript the Menu control is a button that says whether the menu is open", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(url("kalundborg", "index.html"));
  const button = page.locator("button.menu-toggle");
  const nav = page.locator("nav.site-nav");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await button.getAttribute("aria-controls"), await nav.getAttribute("id"));
  assert.equal(await nav.isVisible(), false);
  await button.click();
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await nav.isVisible(), true);
  await nav.locator("a").first().focus();
  await page.keyboard.press("Escape");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await nav.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("menu-toggle")), true, "focus back on the button");
  // On a wide screen the menu is always there and the button is not.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await nav.isVisible(), true);
  assert.equal(await button.isVisible(), false);
  await context.close();
});

test("on a phone the overview's rows are cards with each value under its column's label", async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(url("ishoej", "indsatser/index.html"));
  const cell = page.locator("table.initiatives tbody tr").first().locator("td[data-label]").nth(1);
  const label = await cell.evaluate((td) => getComputedStyle(td, "::before").content);
  assert.equal(label, `"${await cell.getAttribute("data-label")}"`);
  assert.equal(await page.locator("table.initiatives thead").evaluate((h) => h.getBoundingClientRect().width <= 1), true, "the head row is for screen readers only");
  // The Gantt view lists periods as text and leaves the bars out.
  await page.goto(url("ishoej", "tidslinje/index.html"));
  assert.equal(await page.locator(".gantt .gantt-track").first().isVisible(), false);
  assert.match(await page.locator(".gantt tbody td[data-label]").first().innerText(), /\d{4}/);
  await page.close();
});

test("printed, tables stay tables within the page and the menu and search are left out", async () => {
  // An A4 page less its margins is about 180 mm: 680 CSS px.
  const page = await browser.newPage({ viewport: { width: 680, height: 900 } });
  await page.emulateMedia({ media: "print" });
  for (const [portal, rel] of [
    ["ishoej", "indsatser/index.html"],
    ["ishoej", "oekonomi/index.html"],
    ["ishoej", "tidslinje/index.html"],
    ["kalundborg", "idekatalog-h24/temaer-og-ideer/index.html"],
  ]) {
    await page.goto(url(portal, rel));
    const found = await page.evaluate(() => ({
      tables: [...document.querySelectorAll("main table")].map((t) => [getComputedStyle(t).display, Math.round(t.getBoundingClientRect().right)]),
      hidden: [".site-nav", ".site-search", ".menu-toggle"].map((s) => document.querySelector(s)).filter(Boolean).every((e) => getComputedStyle(e).display === "none"),
      width: document.documentElement.clientWidth,
    }));
    assert.ok(found.tables.length > 0, `${rel} has tables`);
    for (const [display, right] of found.tables) {
      assert.equal(display, "table", `${rel}: printed as a table`);
      assert.ok(right <= found.width, `${rel}: a table reaches ${right} px of ${found.width}`);
    }
    assert.ok(found.hidden, `${rel}: menu and search are not printed`);
  }
  await page.close();
});
