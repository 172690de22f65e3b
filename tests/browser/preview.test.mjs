// What a person sees in `pejl serve`, in a real headless Chromium (Debian's
// `chromium`, driven by playwright-core): saved text appears without a manual
// reload, the scroll position survives, a CSS change swaps the stylesheet
// without a reload, a broken save shows the overlay, and fixing it removes it.
//
// Run: node --test tests/browser/  (./build.sh test does, after cargo test).
// Needs: target/debug/pejl (or PEJL_BIN), /usr/bin/chromium (or CHROMIUM).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repo, startServe } from "./helpers.mjs";

const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const PATIENCE = 20000;

let site, server, url, browser;


const file = (rel) => join(site, rel);
const edit = (rel, from, to) => {
  const text = readFileSync(file(rel), "utf8");
  assert.ok(text.includes(from), `${rel} contains ${from}`);
  writeFileSync(file(rel), text.replace(from, to));
};

before(async () => {
  site = mkdtempSync(join(tmpdir(), "pejl-browser-"));
  cpSync(join(repo, "tests", "fixtures", "linked"), site, { recursive: true });
  // A long page, so there is a scroll position to keep.
  const filler = Array.from({ length: 80 }, (_, i) => `Afsnit ${i} med tekst om portalen.`).join("\n\n");
  writeFileSync(file("content/om.md"), readFileSync(file("content/om.md"), "utf8") + "\n\n" + filler + "\n\nSidste afsnit.\n");
  const started = await startServe(site);
  server = started.child;
  url = started.address;
  browser = await chromium.launch({
    executablePath: browserPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

test("a saved change appears without a manual reload, at the same scroll position", async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(url + "om/");
  await page.waitForFunction(() => window.EventSource && document.querySelector("script[data-build]"));
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForTimeout(200);
  edit("content/om.md", "Sidste afsnit.", "Sidste afsnit, nu rettet.");
  await page.waitForFunction(() => document.body.innerText.includes("nu rettet"), null, { timeout: PATIENCE });
  await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 5, null, { timeout: PATIENCE });
  await page.close();
});

test("a stylesheet change is applied without reloading the page", async () => {
  const page = await browser.newPage();
  await page.goto(url + "om/");
  await page.waitForFunction(() => document.querySelector("script[data-build]"));
  await page.waitForTimeout(300);
  await page.evaluate(() => (window.__stillHere = true));
  const before = await page.getAttribute('link[rel="stylesheet"]', "href");
  const css = readFileSync(join(repo, "themes/default/static/style.css"), "utf8");
  mkdirSync(file("static"), { recursive: true });
  writeFileSync(file("static/style.css"), css + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(
    () => getComputedStyle(document.body).outlineWidth === "7px",
    null,
    { timeout: PATIENCE },
  );
  assert.equal(await page.evaluate(() => window.__stillHere), true, "the page was not reloaded");
  const afterHref = await page.getAttribute('link[rel="stylesheet"]', "href");
  assert.notEqual(afterHref, before);
  await page.close();
});

test("a broken save shows the overlay in Danish, and fixing it removes it", async () => {
  const page = await browser.newPage();
  await page.goto(url + "maal/sundhed/");
  await page.waitForFunction(() => document.querySelector("script[data-build]"));
  await page.waitForTimeout(300);
  edit("content/maal/sundhed.md", "title:", "titel:");
  const overlay = page.locator("#pejl-overlay [role=alert]");
  await overlay.waitFor({ timeout: PATIENCE });
  const text = await overlay.innerText();
  assert.match(text, /Siden kan ikke bygges/);
  assert.match(text, /content\/maal\/sundhed\.md:\d+:\d+/);
  assert.match(text, /feltet `titel` hører ikke til/);
  assert.match(text, /mente du `title`\?/);
  assert.match(text, /Sådan retter du det/);
  // The last good page is still underneath.
  assert.match(await page.locator("main h1").innerText(), /Voksne borgere/);

  edit("content/maal/sundhed.md", "titel:", "title:");
  await page.locator("#pejl-overlay").waitFor({ state: "detached", timeout: PATIENCE });
  await page.close();
});
