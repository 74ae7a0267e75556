// Krav og mestring — the page features that run the engine in the browser (main thread):
// assessments, the deadline planner, the group page, cards, "My data", … — one line each in
// FEATURES. Loaded by site.js only on pages that hold a feature; `mountPage` runs for every
// such page, the first and every page that instant navigation swaps in, while the worker (and
// the runtime in it) lives on.
//
// Each feature is a module exporting `mount(root, context)` for every element matching its
// selector; context = {runtime, storage, config}. Each root starts on its own: one that fails
// keeps its submit button disabled and says why; the others work. The Python worker starts
// when the browser is idle and a feature is on or near the screen, or at the first interaction
// with one. Answers never leave the device: nothing here makes a network request; the worker
// only fetches the runtime files and the engine's modules from the site itself.
import { mountAssessment } from "./assessment.js";
import { mountCard } from "./cards.js";
import { mountGroup } from "./group.js";
import { mountMyResults } from "./my-results.js";
import { mount as mountPlanner } from "./planner.js";
import { Runtime } from "./runtime.js";
import { Storage } from "./storage.js";

// [selector, mount, the Python modules to load at once when the worker starts; a feature with
// none never starts the worker by itself]
const FEATURES = [
  ["[data-km-widget]", mountAssessment, ["scoring"]],
  ["[data-km-group-page]", mountGroup, ["scoring", "group"]],
  ["[data-km-deadlines]", mountPlanner, ["deadlines"]],
  ["[data-km-my-results]", mountMyResults, []],
  ["[data-km-card]", mountCard, []],
];

let context = null; // one runtime and one storage for the whole visit

function markFailed(root, error) {
  root.dataset.kmStarted = "failed";
  root.dataset.kmError = String(error?.message ?? error);
  root.querySelector("[data-km-needs-js]")?.classList.add("km-needs-js--now");
  const button = root.querySelector("button[type=submit]");
  if (button) button.disabled = true;
}

// Start the runtime when the browser is idle *and* a feature is on screen (or about to be), or
// at the first interaction with one, whichever comes first. A reader who only reads a chapter
// with a knowledge check at the bottom therefore downloads no Pyodide byte.
function startRuntimeWhenNeeded(runtime, roots, preload) {
  if (!roots.length) return;
  const start = () => runtime.start(preload).catch(() => {});
  if (runtime.state === "ready" || runtime.state === "loading") return;
  const whenIdle = (fn) =>
    ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));
  for (const root of roots) {
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
  for (const root of roots) observer.observe(root);
}

export function mountPage(config) {
  const roots = FEATURES.map(([selector, mount, preload]) =>
    ({ roots: [...document.querySelectorAll(selector)].filter((r) => !r.dataset.kmStarted), mount, preload }));
  if (!config) {
    for (const { roots: found } of roots) for (const root of found) markFailed(root, new Error("no configuration"));
    return;
  }
  context ??= {
    config,
    runtime: new Runtime(config),
    storage: new Storage(new URL(config.scope).pathname),
  };
  const needRuntime = [];
  const preload = new Set();
  for (const { roots: found, mount, preload: modules } of roots) {
    for (const root of found) {
      try {
        mount(root, context);
        root.dataset.kmStarted ??= "yes";
        if (modules.length) needRuntime.push(root); // features that run Python start the worker
        for (const name of modules) preload.add(name);
      } catch (error) {
        markFailed(root, error);
      }
    }
  }
  startRuntimeWhenNeeded(context.runtime, needRuntime, [...preload]);
}
