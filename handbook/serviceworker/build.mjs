// Writes one build's service worker with Workbox's injectManifest: the template (sw.js beside
// this file) gets the build's settings and the precache manifest (every matched file with the
// MD5 of its content as revision). Called by handbook/offline.py with one JSON object on stdin;
// prints one JSON object ({count, size, warnings}) on stdout, or "error: …" on stderr (exit 1).
// No bundling: the Workbox runtime is a local copy the worker loads with importScripts.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

const job = JSON.parse(readFileSync(0, "utf8"));
let workboxBuild;
try {
  const require = createRequire(join(job.project, "package.json"));
  workboxBuild = await import(pathToFileURL(require.resolve("workbox-build")).href);
} catch {
  fail(`workbox-build is not installed in ${job.project}/node_modules (run: npm ci)`);
}

const template = readFileSync(job.template, "utf8");
if (!template.includes("self.__KM_CONFIG")) fail(`${job.template} has no self.__KM_CONFIG`);
const folder = mkdtempSync(join(tmpdir(), "km-sw-"));
const source = join(folder, "sw.js");
writeFileSync(source, template.replace("self.__KM_CONFIG", JSON.stringify(job.config)));
let outcome;
try {
  const { count, size, warnings } = await workboxBuild.injectManifest({
    swSrc: source,
    swDest: job.dest,
    globDirectory: job.directory,
    globPatterns: job.patterns,
    globIgnores: job.ignores,
    globFollow: false,
    dontCacheBustURLsMatching: new RegExp(job.hashed),
    maximumFileSizeToCacheInBytes: job.max_bytes,
  });
  outcome = { count, size, warnings };
} catch (error) {
  outcome = { error: String(error?.message ?? error).split("\n")[0] };
} finally {
  rmSync(folder, { recursive: true, force: true });
}
if (outcome.error) fail(outcome.error);
process.stdout.write(JSON.stringify(outcome) + "\n");
