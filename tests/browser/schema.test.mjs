// `pejl schema --json`: the JSON Schemas an editor checks front matter with.
// Every page of both example portals is valid against its kind's schema, as
// a real validator (Ajv, JSON Schema 2020-12) reads it; typical mistakes are
// not. (Lives beside the browser tests because it needs npm packages.)
//
// Run: node --test tests/browser/  (./build.sh test does).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, basename } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "yaml";
import { repo, bin } from "./helpers.mjs";

/** A copy of a portal's pejl.yaml and content/, with its schemas written. */
function schemasOf(source) {
  const dir = mkdtempSync(join(tmpdir(), "pejl-schema-"));
  cpSync(join(source, "pejl.yaml"), join(dir, "pejl.yaml"));
  cpSync(join(source, "content"), join(dir, "content"), { recursive: true });
  execFileSync(bin, ["schema", "--json", "--root", dir], { stdio: ["ignore", "ignore", "pipe"] });
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = {};
  for (const file of readdirSync(join(dir, "schemas"))) {
    const schema = JSON.parse(readFileSync(join(dir, "schemas", file), "utf8"));
    validate[file.replace(".schema.json", "")] = ajv.compile(schema);
  }
  return { dir, validate };
}

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

function frontMatter(path) {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const end = text.indexOf("\n---", 4);
  return parse(text.slice(4, end)) ?? {};
}

function kindOf(path, front) {
  if (basename(path) === "_index.md") return "section";
  return front.kind ?? "page";
}

for (const [name, source] of [
  ["ishoej", repo],
  ["kalundborg", join(repo, "examples", "kalundborg")],
]) {
  test(`every page of ${name} is valid against its kind's JSON Schema`, () => {
    const { dir, validate } = schemasOf(source);
    const problems = [];
    const files = pages(join(dir, "content"));
    assert.ok(files.length > 15, `${files.length} pages`);
    for (const file of files) {
      const front = frontMatter(file);
      const kind = kindOf(file, front);
      const check = validate[kind];
      assert.ok(check, `a schema for ${kind}`);
      if (!check(front)) problems.push(`${file.slice(dir.length)}: ${JSON.stringify(check.errors)}`);
    }
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(problems, [], problems.join("\n"));
  });
}

test("the schemas catch what a writer gets wrong, and offer the portal's own pages", () => {
  const { dir, validate } = schemasOf(repo);
  const initiative = JSON.parse(readFileSync(join(dir, "schemas", "initiative.schema.json"), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  // The goal is picked from the portal's goals; the help is in Danish.
  assert.ok(initiative.properties.goal.enum.includes("borgere-traeffer-beslutninger"));
  assert.match(initiative.properties.goal.description, /mål/);
  const ok = { title: "Ny indsats", kind: "initiative", goal: "borgere-traeffer-beslutninger", status: "running" };
  assert.ok(validate.initiative(ok), JSON.stringify(validate.initiative.errors));
  for (const [wrong, what] of [
    [{ ...ok, stauts: "running" }, "a misspelt field"],
    [{ ...ok, status: "igang" }, "a status the site does not have"],
    [{ ...ok, goal: "et-maal-der-ikke-findes" }, "a goal the portal does not have"],
    [{ ...ok, follow_ups: [{ forum: "SSU" }] }, "a follow-up without its date"],
    [{ kind: "initiative" }, "no title"],
  ]) {
    assert.equal(validate.initiative(wrong), false, what);
  }
});
