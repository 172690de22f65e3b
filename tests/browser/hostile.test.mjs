// Hostile content stays inert in a real browser: the portal in
// tests/fixtures/hostile carries script, event handlers, javascript: and
// data: links in every field of every kind and of pejl.yaml. Every page is
// opened in headless Chromium (Debian's `chromium`); no payload may run, no
// dialog may open, no element may carry an event-handler attribute.
//
// Run: node --test tests/browser/  (./build.sh test does).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { repo, bin, htmlFiles } from "./helpers.mjs";


let out, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-hostile-"));
  execFileSync(bin, ["build", "--root", join(repo, "tests", "fixtures", "hostile"), "--output", join(out, "site"), "--now", "2025-06-01"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test("the check itself notices a payload that runs", async () => {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>x</title><img src="x" onerror="window.__xss=1">');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__xss), 1);
  await page.close();
});

test("no payload runs on any page of the hostile portal", async () => {
  const site = join(out, "site");
  const pages = htmlFiles(site);
  assert.ok(pages.length > 20, `the hostile portal has its pages (${pages.length})`);
  const page = await browser.newPage();
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const problems = [];
  for (const file of pages) {
    const name = relative(site, file);
    await page.goto(pathToFileURL(file).href);
    await page.waitForTimeout(50);
    const found = await page.evaluate(() => {
      const handlers = [...document.querySelectorAll("*")].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName} ${a.name}`));
      const links = [...document.querySelectorAll("[href],[src]")]
        .map((el) => el.getAttribute("href") || el.getAttribute("src"))
        .filter((u) => /^\s*(javascript|data|vbscript):/i.test(u));
      const inline = [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent.slice(0, 40));
      return { ran: window.__xss, handlers, links, inline };
    });
    if (found.ran !== undefined) problems.push(`${name}: a payload ran`);
    for (const h of found.handlers) problems.push(`${name}: event handler ${h}`);
    for (const l of found.links) problems.push(`${name}: live link ${l}`);
    for (const s of found.inline) problems.push(`${name}: inline script ${s}`);
  }
  await page.close();
  assert.deepEqual(dialogs, [], `dialogs opened: ${dialogs.join(", ")}`);
  assert.deepEqual(problems, [], problems.join("\n"));
});
