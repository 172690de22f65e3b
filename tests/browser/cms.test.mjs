// Editing in the browser: Decap CMS at /admin/ of `pejl serve`, saving to
// disk through pejl's own local backend, in a real headless Chromium.
//
// A communications officer creates an initiative, picks its goal from the
// list, adds a follow-up and publishes; the file on disk has the right front
// matter, the build accepts it and the goal's page lists the initiative. A
// changed title reaches the preview; an impossible date brings pejl's error
// to the editor's page.
//
// Run: node --test tests/browser/  (./build.sh test does, after cargo test).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repo, bin, startServe } from "./helpers.mjs";

const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const PATIENCE = 30000;
const GOAL = "borgere-traeffer-beslutninger";
const GOAL_TITLE = "Borgere træffer beslutninger for eget liv";

let site, server, url, browser;
/** The id of the initiative the editor created. */
let created;


/** The text of a page of the preview. */
async function fetchText(path) {
  const r = await fetch(url + path);
  return r.ok ? await r.text() : "";
}

async function until(what, check) {
  const end = Date.now() + PATIENCE;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`waited in vain for ${what}`);
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), "pejl-cms-"));
  cpSync(join(repo, "content"), join(site, "content"), { recursive: true });
  cpSync(join(repo, "pejl.yaml"), join(site, "pejl.yaml"));
  ({ child: server, address: url } = await startServe(site, PATIENCE));
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Open the editor at `hash`, signed in (the local backend asks nothing). */
async function openEditor(hash) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url + "admin/" + hash);
  await page.getByRole("button", { name: "Log ind" }).click({ timeout: PATIENCE });
  await page.getByLabel("Titel", { exact: true }).waitFor({ timeout: PATIENCE });
  return page;
}

async function publish(page) {
  await page.getByRole("button", { name: "Publicer", exact: true }).click();
  await page.getByText("Publicer nu", { exact: true }).click();
}

test("the editor's configuration covers every kind, in the site's words", async () => {
  const config = await fetchText("admin/config.yml");
  assert.match(config, /"name": "proxy"/);
  assert.match(config, /"locale": "da"/);
  assert.match(config, /"label_singular": "Indsats"/);
  const index = await fetchText("admin/");
  assert.match(index, /<script src="decap-cms\.js"><\/script>/);
  assert.doesNotMatch(index, /__pejl\/live\.js/, "a save does not reload the editor");
  const robots = await fetchText("robots.txt");
  assert.match(robots, /Disallow: \/admin\//);
});

test("create an initiative with its goal and a follow-up; the build accepts it", async () => {
  const page = await openEditor("#/collections/initiative--initiativer/new");
  await page.getByLabel("Titel", { exact: true }).fill("Prøveindsats fra browseren");
  await page.getByLabel("Mål (kan udelades)", { exact: true }).fill("Borgere træffer");
  await page.getByRole("option", { name: new RegExp(GOAL_TITLE) }).click({ timeout: PATIENCE });
  await page.getByRole("button", { name: "Tilføj opfølgninger" }).click();
  await page.getByLabel("Dato", { exact: true }).fill("1. kvartal 2027");
  await page.getByLabel("Tekst (kan udelades)").first().fill("Første opfølgning i udvalget.");
  await publish(page);

  // Decap names the file from the title; pejl takes the page's id from it.
  const folder = join(site, "content/initiativer");
  await until("the file on disk", () => readdirSync(folder).some((f) => f.includes("indsats-fra-browseren")));
  const name = readdirSync(folder).find((f) => f.includes("indsats-fra-browseren"));
  assert.match(name, /^pr[a-z]*veindsats-fra-browseren\.md$/);
  created = name.replace(/\.md$/, "");
  const text = readFileSync(join(folder, name), "utf8");
  assert.match(text, /^---\n/);
  assert.match(text, /^kind: initiative$/m);
  assert.match(text, /^title: Prøveindsats fra browseren$/m);
  assert.match(text, new RegExp(`^goal: ${GOAL}$`, "m"));
  assert.match(text, /^follow_ups:\n {2}- date: 1\. kvartal 2027$/m);

  // The preview has it, and the goal's page lists it.
  await until("the goal's page to list the initiative", async () =>
    (await fetchText(`maal/${GOAL}/`)).includes("Prøveindsats fra browseren"),
  );
  // A one-off build of the saved files succeeds too.
  const build = spawnSync(bin, ["build", "--root", site, "--output", join(site, "out")], { encoding: "utf8" });
  assert.equal(build.status, 0, build.stderr);
  await page.close();
});

test("an edited title reaches the preview", async () => {
  const page = await openEditor("#/collections/initiative--initiativer/entries/" + created);
  await page.getByLabel("Titel", { exact: true }).fill("Prøveindsats med ny titel");
  await publish(page);
  await until("the new title in the preview", async () =>
    (await fetchText(`initiativer/${created}/`)).includes("Prøveindsats med ny titel"),
  );
  await page.close();
});

test("saving an impossible date shows pejl's error in the editor", async () => {
  const page = await openEditor("#/collections/initiative--initiativer/entries/" + created);
  await page.getByLabel("Dato", { exact: true }).fill("31. februar 2027");
  await publish(page);
  const toast = page.getByText(new RegExp(`content/initiativer/${created}\\.md:\\d+`));
  await toast.waitFor({ timeout: PATIENCE });
  const message = await toast.innerText();
  assert.match(message, /kunne ikke gemmes/i);
  assert.match(message, /31\. februar 2027/);
  await page.close();
});

test("the editor's backend refuses what is not the content folder or its own page", async () => {
  const post = (body, headers = {}) =>
    fetch(url + "admin/api/v1", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const outside = await post({ action: "getEntry", params: { path: "pejl.yaml" } });
  assert.equal(outside.status, 403);
  const up = await post({ action: "persistEntry", params: { dataFiles: [{ path: "content/../x.md", raw: "x" }], assets: [] } });
  assert.equal(up.status, 403);
  assert.ok(!existsSync(join(site, "x.md")));
  const foreign = await post({ action: "info" }, { Origin: "http://evil.example" });
  assert.equal(foreign.status, 403);
  const asText = await fetch(url + "admin/api/v1", { method: "POST", headers: { "Content-Type": "text/plain" }, body: '{"action":"info"}' });
  assert.equal(asText.status, 403);
  const listed = await (await post({ action: "entriesByFolder", params: { folder: "content/maal", extension: "md", depth: 1 } })).json();
  assert.ok(listed.some((e) => e.file.path === `content/maal/${GOAL}.md` && e.data.includes("title:")));
  assert.ok(readdirSync(join(site, "content")).length > 0);
});
