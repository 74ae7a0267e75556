// Krav og mestring — the entry module of the assessment widgets (main thread).
//
// Starts every widget on the page, each on its own (one that fails keeps its submit button
// disabled and says why; the others work), and starts the scoring worker when the browser is
// idle and a form is on or near the screen, or at the first interaction with a form. Answers
// never leave the device: nothing here makes a network request; the worker only fetches the
// runtime files from the site itself.
import { Assessment } from "./assessment.js";
import { Runtime } from "./runtime.js";
import { Storage } from "./storage.js";

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

function startWidgets() {
  const roots = [...document.querySelectorAll("[data-km-widget]")];
  const config = readConfig();
  if (!config) {
    for (const root of roots) markFailed(root, new Error("no configuration"));
    return { runtime: null, widgets: [] };
  }
  const runtime = new Runtime(config);
  const storage = new Storage(new URL(config.scope, document.baseURI).pathname);
  const widgets = [];
  for (const root of roots) {
    try {
      widgets.push(new Assessment(root, { runtime, storage, lang: config.lang }));
    } catch (error) {
      markFailed(root, error);
    }
  }
  return { runtime, widgets };
}

// Start the runtime when the browser is idle *and* a form is on screen (or about to be), or at
// the first interaction with a form, whichever comes first. A reader who only reads a chapter
// with a knowledge check at the bottom therefore downloads no Pyodide byte.
function startRuntimeWhenNeeded(runtime, widgets) {
  const start = () => runtime.start().catch(() => {});
  const whenIdle = (fn) =>
    ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));
  for (const widget of widgets) {
    for (const type of ["pointerdown", "keydown", "focusin"]) {
      widget.form.addEventListener(type, start, { once: true, passive: true });
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
  for (const widget of widgets) observer.observe(widget.form);
}

const { runtime, widgets } = startWidgets();
if (runtime && widgets.length) startRuntimeWhenNeeded(runtime, widgets);
