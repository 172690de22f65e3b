// Shared by the browser tests: where the repository and the pejl binary are,
// and every HTML file of a built site. Not a test file itself.

import { readdirSync, statSync } from "node:fs";
import { spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const bin =
  process.env.PEJL_BIN || join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "debug", "pejl");

/** Every `.html` file under `dir`, at any depth: the pages readers get.
 *  The browser editor (`admin/`, Decap CMS's own page) is for staff and is
 *  tested in cms.test.mjs. */
export function htmlFiles(dir, top = true) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (top && name === "admin") return [];
    if (statSync(path).isDirectory()) return htmlFiles(path, false);
    return name.endsWith(".html") ? [path] : [];
  });
}

/** Start `pejl serve` on a free port in `root`; resolves with the child
 *  process and the address it prints. */
export function startServe(root, patience = 20000) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--port", "0"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    let found = false;
    const timer = setTimeout(() => reject(new Error("pejl serve printed no address:\n" + log)), patience);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (m && !found) {
        found = true;
        clearTimeout(timer);
        resolve({ child, address: m[0] });
      }
    });
    child.on("exit", (code) => reject(new Error(`pejl serve exited with ${code}:\n${log}`)));
  });
}
