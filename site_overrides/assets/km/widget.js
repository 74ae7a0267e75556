// Krav og mestring — the entry module of the page features that run the engine in the browser
// (main thread): assessment widgets and the group results page; more features by adding one
// line to FEATURES.
//
// Each feature is a module exporting `mount(root, context)` for every element matching its
// selector; context = {runtime, storage, config}. Each root starts on its own: one that fails
// keeps its submit button disabled and says why; the others work. The Python worker starts
// when the browser is idle and a feature is on or near the screen, or at the first interaction
// with one. Answers never leave the device: nothing here makes a network request; the worker
// only fetches the runtime files and the engine's modules from the site itself.
import { mountAssessment } from "./assessment.js";
import { mountGroup } from "./group.js";
import { Runtime } from "./runtime.js";
import { Storage } from "./storage.js";

// [selector, mount, the Python modules to load at once when the worker starts]
const FEATURES = [
  ["[data-km-widget]", mountAssessment, ["scoring"]],
  ["[data-km-group-page]", mountGroup, ["scoring", "group"]],
];

function readConfig() {
  try {
    return JSON.parse(document.getElementById("km-config").textContent);
  } catch {
    return null;
  }
}

function markFailed(root, error) {
  root.dataset.kmStarted = "failed";
  root.dataset.kmError = String(error?.message ?? error);
  root.querySelector("[data-km-needs-js]")?.classList.add("km-needs-js--now");
  const button = root.querySelector("button[type=submit]");
  if (button) button.disabled = true;
}

function mountAll() {
  const config = readConfig();
  const found = FEATURES.map(([selector, mount, preload]) =>
    ({ roots: [...document.querySelectorAll(selector)], mount, preload }));
  if (!config) {
    for (const { roots } of found) for (const root of roots) markFailed(root, new Error("no configuration"));
    return null;
  }
  const context = {
    config,
    runtime: new Runtime(config),
    storage: new Storage(new URL(config.scope, document.baseURI).pathname),
  };
  const mounted = [];
  const preload = new Set();
  for (const { roots, mount, preload: modules } of found) {
    for (const root of roots) {
      try {
        mount(root, context);
        mounted.push(root);
        for (const name of modules) preload.add(name);
      } catch (error) {
        markFailed(root, error);
      }
    }
  }
  return { context, mounted, preload: [...preload] };
}

// Start the runtime when the browser is idle *and* a feature is on screen (or about to be), or
// at the first interaction with one, whichever comes first. A reader who only reads a chapter
// with a knowledge check at the bottom therefore downloads no Pyodide byte.
function startRuntimeWhenNeeded({ context, mounted, preload }) {
  const start = () => context.runtime.start(preload).catch(() => {});
  const whenIdle = (fn) =>
    ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));
  for (const root of mounted) {
    for (const type of ["pointerdown", "keydown", "focusin"]) {
      root.addEventListener(type, start, { once: true, passive: true });
    }
  }
  if (!("IntersectionObserver" in window)) {
    whenIdle(start);
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      whenIdle(start);
    }
  }, { rootMargin: "800px 0px" });
  for (const root of mounted) observer.observe(root);
}

const page = mountAll();
if (page && page.mounted.length) startRuntimeWhenNeeded(page);
