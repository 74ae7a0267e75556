// Krav og mestring — the service worker of one language's build (written next to its pages as
// sw.js by handbook/offline.py; the build fills in KM_CONFIG and Workbox's precache manifest).
//
// * Precache: every page, style, script, image, spec and the search index of this build, with
//   a revision each, so the site works offline after a first visit and updates as a whole.
// * The Pyodide runtime and the engine's Python modules are cached only when the page's worker
//   fetches them (the first time a reader uses a form), never on a visit alone: CacheFirst, in
//   caches named by the runtime's version and the modules' hash, so a new runtime or module
//   replaces the old one instead of mixing with it.
// * A page that is not in the precache is fetched from the network; offline, the reader gets
//   this build's own 404 page (the site's nav and search still work from the precache).
// * A new version waits until the reader asks for it (the page's "Reload to update" button
//   posts SKIP_WAITING): nothing reloads on its own.
// Workbox is loaded from this site's own copy (importScripts of a local file): no request ever
// goes to another origin.
/* global workbox */
"use strict";

const CONFIG = self.__KM_CONFIG;
importScripts(new URL(`${CONFIG.workbox}workbox-sw.js`, self.location).href);
workbox.setConfig({ debug: false, modulePathPrefix: new URL(CONFIG.workbox, self.location).href });

const { precacheAndRoute, cleanupOutdatedCaches, matchPrecache } = workbox.precaching;
const { registerRoute } = workbox.routing;
const { CacheFirst } = workbox.strategies;

const here = (path) => new URL(path, self.location);
const RUNTIME = here(CONFIG.runtime).href; // the folder of the Pyodide runtime
const MODULES = new Set(CONFIG.modules.map((file) => here(file).href)); // the Python modules
const RUNTIME_FILES = CONFIG.runtime_files.map((file) => new URL(file, RUNTIME).href);
const OTHER_BUILDS = CONFIG.other_builds.map((path) => here(path).pathname);

workbox.core.clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

const bare = (url) => url.origin + url.pathname;
const runtimeCache = new CacheFirst({ cacheName: CONFIG.runtime_cache });
const modulesCache = new CacheFirst({ cacheName: CONFIG.modules_cache });
registerRoute(({ url }) => bare(url).startsWith(RUNTIME), runtimeCache);
registerRoute(({ url }) => MODULES.has(bare(url)), modulesCache);

// Pages this build does not know: the network, else (offline) the build's 404 page. Pages of
// another language's build (below this one's scope) are left to that build's worker.
registerRoute(
  ({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin
    && !OTHER_BUILDS.some((path) => url.pathname.startsWith(path)),
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (error) {
      const page = await matchPrecache(CONFIG.not_found);
      if (!page) throw error;
      return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
    }
  },
);

// Older runtime and module caches of this build go when this version takes over.
self.addEventListener("activate", (event) => {
  const keep = new Set([CONFIG.runtime_cache, CONFIG.modules_cache]);
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => !keep.has(name) && CONFIG.cache_families.some((family) => name.startsWith(family)))
    .map((name) => caches.delete(name)))));
});

// The page ran the runtime before this worker controlled it (a first visit): keep the files it
// used, so the next offline visit can score. Asked only after the runtime was used.
async function keepRuntime() {
  const cache = await caches.open(CONFIG.runtime_cache);
  const modules = await caches.open(CONFIG.modules_cache);
  const wanted = [...RUNTIME_FILES.map((url) => [cache, url]), ...[...MODULES].map((url) => [modules, url])];
  await Promise.all(wanted.map(async ([store, url]) => {
    if (await store.match(url)) return;
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) await store.put(url, response);
  }));
}

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  else if (type === "KM_RUNTIME_USED") event.waitUntil(keepRuntime().catch(() => {}));
});
