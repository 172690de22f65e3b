// What a citizen finds: the example portal's search index, queried through
// Pagefind's own browser API (the same script and WebAssembly the search page
// loads), gives the pages it gave before the index was built differently.
// Each query is a word from the initiatives' texts, some in another Danish
// inflection than the text uses; the expected pages were recorded from the
// index as `pejl build` wrote it when this test was written. The first three
// results must stay the same pages in the same order; the rest of the top
// five must still be found among the first ten.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repo, bin, hostFolder } from "./helpers.mjs";


// query → the top five result addresses (relative to the site), in order.
const EXPECTED = {
  "ensomhed": [
    "/maal/samskabte-faellesskaber/",
    "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/",
    "/vaerdighedsmilliarden/klippekortsordning/",
    "/fokusomraader/staerke-og-blivende-faellesskaber/",
    "/vaerdighedsmilliarden/",
  ],
  "ensomheden": [
    "/maal/samskabte-faellesskaber/",
    "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/",
    "/vaerdighedsmilliarden/klippekortsordning/",
    "/fokusomraader/staerke-og-blivende-faellesskaber/",
    "/vaerdighedsmilliarden/",
  ],
  "genoptræning": [
    "/initiativer/genoptraening-og-jobcentret/",
    "/initiativer/traeningsfaciliteter-i-brohuset/",
    "/maal/voksne-mestrer-sundhedsudfordringer/",
    "/strategier/sundhedsstrategi/",
    "/initiativer/",
  ],
  "demente": [
    "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/",
  ],
  "frivillige": [
    "/maal/samskabte-faellesskaber/",
    "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/",
    "/vaerdighedsmilliarden/mental-sundhed-blandt-saarbare-voksne/",
    "/initiativer/traeningsfaciliteter-i-brohuset/",
    "/fokusomraader/staerke-og-blivende-faellesskaber/",
  ],
  "pårørende": [
    "/fokusomraader/et-vaerdigt-liv/",
    "/vaerdighedsmilliarden/bekaempelse-af-ensomhed/",
    "/om-processen/inddragelse/",
    "/initiativer/ung-til-voksen/",
    "/vaerdighedsmilliarden/mental-sundhed-blandt-saarbare-voksne/",
  ],
  "velfærdsteknologi": [
    "/vaerdighedsmilliarden/velfaerdsteknologi-2019/",
    "/initiativer/velfaerdsteknologi-2025/",
    "/maal/klare-daglige-goeremaal-selv/",
    "/vaerdighedsmilliarden/",
    "/dokumenter/notat-vaerdighedsmilliarden/",
  ],
};

let out, server, base, browser, page;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "pejl-search-results-"));
  const site = join(out, "site");
  execFileSync(bin, ["build", "--root", repo, "--output", site, "--now", "2025-06-01"], { stdio: ["ignore", "ignore", "pipe"] });
  ({ server, base } = await hostFolder(site));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(base);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** The first ten results of `query`: address (without the site's root), title and kind. */
async function top(query) {
  return page.evaluate(async ([bundle, query]) => {
    const pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ baseUrl: "/" });
    await pagefind.init();
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    return data.map((d) => ({ url: d.url, title: d.meta.title, kind: d.meta.kind }));
  }, [base + "pagefind/", query]);
}

for (const [query, expected] of Object.entries(EXPECTED)) {
  test(`"${query}" finds the pages it found before`, async () => {
    const results = await top(query);
    const urls = results.map((r) => r.url);
    const shown = results.map((r) => `${r.url} (${r.kind}: ${r.title})`).join("\n");
    if (process.env.PEJL_RECORD) console.log(JSON.stringify({ [query]: urls.slice(0, 5) }));
    assert.deepEqual(urls.slice(0, 3), expected.slice(0, 3), shown);
    for (const url of expected.slice(3)) assert.ok(urls.includes(url), `${url} is still found:\n${shown}`);
    for (const r of results) assert.ok(r.title && r.kind, `each result has a title and a kind:\n${shown}`);
  });
}
