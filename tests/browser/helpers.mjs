// Shared by the browser tests: where the repository and the pejl binary are,
// and every HTML file of a built site. Not a test file itself.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { join, dirname, extname, normalize } from "node:path";
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

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".xml": "text/xml",
  ".svg": "image/svg+xml",
};

/** A plain static host for the built site in `site`, at the path `prefix`
 *  (as a municipality's web server would be): a folder's `index.html`, the
 *  site's `404.html` for a missing address. Resolves with the server and its
 *  address (`http://127.0.0.1:<port><prefix>`). */
export async function hostFolder(site, prefix = "/") {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(prefix)) return res.writeHead(404).end();
    let path = normalize(join(site, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!path.startsWith(site)) return res.writeHead(400).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (existsSync(path) && statSync(path).isFile()) {
      res.writeHead(200, { "content-type": TYPES[extname(path)] || "application/octet-stream" });
      return res.end(readFileSync(path));
    }
    const missing = join(site, "404.html");
    if (!existsSync(missing)) return res.writeHead(404).end();
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(readFileSync(missing));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${server.address().port}${prefix}` };
}
