// Search in the built example portal, in headless Chromium over HTTP (as on a
// static host): Danish words find the pages about them, results say what kind
// of page they are, and without JavaScript the search page is an A–Z index.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { hostFolder } from "./helpers.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.PEJL_BIN || join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "debug", "pejl");

let out, server, base, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-search-"));
  const site = join(out, "site");
  execFileSync(bin, ["build", "--root", repo, "--output", site, "--now", "2025-06-01"], { stdio: ["ignore", "ignore", "pipe"] });
  // A plain static host, under a sub-path, as a municipality's web server would be.
  ({ server, base } = await hostFolder(site, "/portal/"));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function search(query) {
  const page = await browser.newPage();
  // From any page: type in the header's search box and press Enter.
  await page.goto(base + "initiativer/din-indgang/");
  await page.fill("#site-search-q", query);
  await page.press("#site-search-q", "Enter");
  await page.waitForSelector(".pagefind-ui__result", { timeout: 20000 });
  await page.waitForTimeout(300);
  const results = await page.$$eval(".pagefind-ui__result-link", (links) =>
    links.map((a) => ({ title: a.textContent.trim(), href: a.href })),
  );
  results.filters = await page.$$eval(".pagefind-ui__filter-name", (els) => els.map((e) => e.textContent.trim()));
  results.text = await page.$eval("#search", (el) => el.innerText);
  results.azHidden = await page.$eval("[data-az]", (el) => el.hidden);
  results.label = await page.$eval('label[for="search-q"]', (el) => el.offsetHeight > 0 && el.textContent);
  await page.close();
  return results;
}

test('"ensomhed" finds the initiatives against loneliness', async () => {
  const results = await search("ensomhed");
  const titles = results.map((r) => r.title);
  assert.ok(titles.some((t) => /Bekæmpelse af ensomhed/.test(t)), titles.join("\n"));
  assert.ok(titles.some((t) => /Klippekortsordning/.test(t)), titles.join("\n"));
  assert.ok(titles.every((t) => /^[^:]+: /.test(t)), "each result says its kind: " + titles.join("\n"));
  assert.ok(titles.some((t) => t.startsWith("Indsats: ")));
  // Results can be narrowed by kind and by area.
  assert.ok(results.filters.some((f) => /Sidetype/.test(f)), "filters: " + results.filters.join(", "));
  assert.ok(results.filters.some((f) => /Område/.test(f)), "filters: " + results.filters.join(", "));
  // In the site's language only: no English "kind:" tag under a result.
  assert.ok(!/\bkind\b/i.test(results.text), results.text);
  // The box has a visible label.
  assert.equal(results.label, "Søg i portalen");
  // The results stand alone: the A–Z list of every page is out of the way.
  assert.ok(results.azHidden, "the A–Z list is hidden while a query has results");
  // Results link into the site under its sub-path.
  for (const r of results) assert.ok(r.href.startsWith(base), r.href);
});

test('"genoptræning" finds the health initiatives', async () => {
  const titles = (await search("genoptræning")).map((r) => r.title);
  assert.ok(titles.some((t) => /Genoptræning Ishøj og Jobcentret/.test(t)), titles.join("\n"));
});

test("without JavaScript the search page is an A–Z index of every page", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "initiativer/din-indgang/");
  await page.fill("#site-search-q", "ensomhed");
  await page.press("#site-search-q", "Enter");
  await page.waitForSelector("#a-aa");
  const links = await page.$$eval(".az-list a", (as) => as.map((a) => a.textContent));
  assert.ok(links.length > 70, `every page is listed (${links.length})`);
  assert.ok(links.includes("Klippekortsordning"));
  await context.close();
});

test("opened from the file system, the search page says search needs a web server and lists every page", async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(out, "site", "soeg", "index.html")).href);
  await page.waitForTimeout(300);
  const note = await page.$eval(".search-note", (el) => el.textContent);
  assert.match(note, /webserver/);
  const links = await page.$$eval(".az-list a", (as) => as.length);
  assert.ok(links > 70, `every page is listed (${links})`);
  await page.close();
});
