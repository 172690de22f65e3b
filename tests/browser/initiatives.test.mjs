// The initiatives overview: every facet value is a page of its own (works
// without JavaScript); with JavaScript, choosing a value filters the table in
// place.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.PEJL_BIN || join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "debug", "pejl");
let out, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-overview-"));
  execFileSync(bin, ["build", "--root", repo, "--output", join(out, "site"), "--now", "2025-06-01"], { stdio: ["ignore", "ignore", "pipe"] });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const url = (rel) => pathToFileURL(join(out, "site", rel)).href;
const visibleTitles = (page) =>
  page.$$eval("tr[data-filters]", (rows) => rows.filter((r) => !r.hidden).map((r) => r.querySelector("th").textContent.trim()));

test("without JavaScript a facet value is a page with only its initiatives", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url("indsatser/index.html"));
  assert.equal((await visibleTitles(page)).length, 20, "all 20 initiatives");
  await page.click("summary:has-text('Status')");
  await page.click("a[data-facet=status][data-value=not_continued]");
  assert.match(page.url(), /indsatser\/status\/not_continued\/index\.html$/);
  assert.deepEqual(await visibleTitles(page), ["Gode indflytninger for demensramte i plejebolig"]);
  await context.close();
});

test("with JavaScript choosing values filters the table in place", async () => {
  const page = await browser.newPage();
  await page.goto(url("indsatser/index.html"));
  await page.click("summary:has-text('Status')");
  await page.click("a[data-facet=status][data-value=continued]");
  assert.match(page.url(), /indsatser\/index\.html$/, "stays on the page");
  const continued = await visibleTitles(page);
  assert.equal(continued.length, 6, continued.join(", "));
  assert.match(await page.textContent("[data-filter-status]"), /6 \/ 20/);
  await page.click("a[data-facet=status][data-value=continued]");
  assert.equal((await visibleTitles(page)).length, 20, "choosing again clears it");
  await page.close();
});
