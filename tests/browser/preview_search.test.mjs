// Search in `pejl serve`: the preview of the example portal has a search
// index, and a word saved into a page is found there soon after, through
// Pagefind's own browser script as the search page uses it. Until the new
// index is ready the last one is served, so search never stops working.
//
// Needs: target/debug/pejl (or PEJL_BIN), /usr/bin/chromium (or CHROMIUM).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repo, bin } from "./helpers.mjs";

const PATIENCE = 30000;
let site, server, url, browser, page;

function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--port", "0", "--now", "2025-06-01"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    const timer = setTimeout(() => reject(new Error("pejl serve printed no address:\n" + log)), PATIENCE);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, address: m[0] });
      }
    });
    child.on("exit", (code) => reject(new Error(`pejl serve exited with ${code}:\n${log}`)));
  });
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), "pejl-preview-search-"));
  for (const part of ["content", "pejl.yaml"]) cpSync(join(repo, part), join(site, part), { recursive: true });
  ({ child: server, address: url } = await startServe(site));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(url);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** The addresses Pagefind finds for `query` in the index served now (a fresh load of its script). */
async function found(query) {
  return page.evaluate(async ([bundle, query]) => {
    try {
      const pagefind = await import(`${bundle}pagefind.js?${Date.now()}`);
      await pagefind.options({ baseUrl: "/" });
      await pagefind.init();
      const result = await pagefind.search(query);
      const data = await Promise.all(result.results.slice(0, 10).map((r) => r.data()));
      return data.map((d) => d.url);
    } catch (e) {
      return ["error: " + e];
    }
  }, [url + "pagefind/", query]);
}

/** Poll until `query` finds `address`; how long it took, in ms. */
async function waitFound(query, address) {
  const started = Date.now();
  let last = [];
  while (Date.now() - started < PATIENCE) {
    last = await found(query);
    if (last.includes(address)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`"${query}" never found ${address}; last: ${last.join(", ")}`);
}

test("the preview has a search index, and a saved word is found within two seconds", async (t) => {
  // The first build's index: a word of the example portal finds its page.
  await waitFound("ensomhed", "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/");
  const rel = join(site, "content", "initiativer", "din-indgang.md");
  writeFileSync(rel, readFileSync(rel, "utf8") + "\n\nVi afprøver også blæksprutteakvarier.\n");
  const took = await waitFound("blæksprutteakvarier", "/initiativer/din-indgang/");
  t.diagnostic(`found ${took} ms after the save`);
  assert.ok(took < 2000, `found ${took} ms after the save`);
  // The other pages are still found in the new index.
  assert.ok((await found("ensomhed")).includes("/vaerdighedsmilliarden/bekaempelse-af-ensomhed/"));
});
