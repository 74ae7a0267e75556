// Krav og mestring — the script every page loads (small). For each page shown — the first, and
// every page Material's instant navigation swaps in — it adds the copy-link buttons, readable
// tables on phones and the diagram viewer, points the language menu at the same page in the
// other language, and, only when the page holds a
// feature ([data-km-feature]), loads the widget modules and mounts them. The Python worker and
// its runtime are started once and survive page changes, and so do the offline copy (this
// build's service worker) and its status line (offline.js), set up once per full page load.
import { initAnchors } from "./anchors.js";
import { initCite } from "./cite.js";
import { checkForUpdate, initOffline } from "./offline.js";
import { initTables } from "./tables.js";
import "./viewer.js"; // the diagram viewer listens on the document: once is enough

// The configuration of the first page, with every URL made absolute now: after an instant
// page change the page's relative URLs would point elsewhere.
function readConfig() {
  const node = document.getElementById("km-config");
  if (!node) return null;
  try {
    const config = JSON.parse(node.textContent);
    for (const key of ["worker", "assets", "pyodide", "scope", "sw"]) {
      if (config[key]) config[key] = new URL(config[key], document.baseURI).href;
    }
    // The service worker controls the folder it lives in: "/" for nb, "/en/" for en.
    if (config.sw) config.sw_scope = new URL("./", config.sw).href;
    return config;
  } catch {
    return null;
  }
}

const CONFIG = readConfig();
const ROOTS = new Map(); // language → absolute URL of its root
for (const link of document.querySelectorAll("a[data-km-lang-link]")) {
  ROOTS.set(link.hreflang, new URL(link.dataset.kmLangRoot, document.baseURI));
}

// The language menu leads to the same page (and section) in the other language, always by a
// full page load: the other language is another build with its own search and settings.
function updateLanguageLinks() {
  const here = ROOTS.get(document.documentElement.lang);
  if (!here || !location.pathname.startsWith(here.pathname)) return;
  const path = location.pathname.slice(here.pathname.length);
  for (const link of document.querySelectorAll("a[data-km-lang-link]")) {
    const root = ROOTS.get(link.hreflang);
    if (root) link.href = new URL(path, root).href;
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-km-lang-link]");
  if (!link) return;
  event.stopPropagation(); // past instant navigation: a full load of the other build
  link.hash = location.hash;
}, true);

let widgets = null;
let checklists = null;
function onPage() {
  initAnchors();
  initTables();
  initCite();
  if (document.querySelector(".md-content li.task-list-item")) {
    checklists ??= import("./checklists.js");
    checklists.then((module) => module.initChecklists({
      scope: CONFIG?.scope ?? new URL(".", document.baseURI).href, strings: CONFIG?.checklist_strings,
    })).catch(() => {});
  }
  updateLanguageLinks();
  checkForUpdate();
  if (document.querySelector("[data-km-feature]")) {
    widgets ??= import("./widget.js");
    widgets.then((module) => module.mountPage(CONFIG)).catch(() => {
      for (const root of document.querySelectorAll("[data-km-feature]")) {
        root.querySelector("[data-km-needs-js]")?.classList.add("km-needs-js--now");
      }
    });
  }
}

// Set up this page now (even if the theme's own script failed), and every page that comes in;
// the offline copy and the status line once per full page load.
initOffline(CONFIG);
onPage();
window.document$?.subscribe?.(onPage);
