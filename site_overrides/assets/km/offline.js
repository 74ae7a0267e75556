// The site's status line and its service worker (set up once per full page load, by site.js;
// the line sits outside the parts instant navigation swaps, so it stays across page changes).
//
// * Registers this build's worker (config.sw, scope config.sw_scope: "/" for nb, "/en/" for en),
//   only over http(s) and where the browser has service workers.
// * Offline: a polite status says so ([data-km-offline-notice]); it goes when the network is back.
// * A new version waiting: a polite status with "Reload to update" ([data-km-update-notice],
//   button [data-km-action="update"]), which lets the new worker take over and then reloads. Nothing
//   reloads unless the reader asks: stored answers survive a reload, but a reader mid-assessment
//   must not be surprised.
// * Once a page has used the Python runtime, the worker is told (KM_RUNTIME_USED), so a runtime
//   the page loaded before the worker took control (a first visit) is kept for offline use too.
import { Notices } from "./notices.js";

const UPDATE_CHECK_MS = 60 * 60 * 1000; // instant navigation makes no page loads: check hourly

let started = false;
let registration = null;
let lastCheck = Date.now();

function region(name, label) {
  const node = document.createElement("div");
  node.className = "km-site-status__region";
  node.setAttribute("role", "status");
  node.setAttribute("aria-label", label);
  node.dataset[name] = "";
  return node;
}

function statusLine(strings) {
  const box = document.createElement("div");
  box.className = "km-site-status md-typeset";
  box.dataset.kmSiteStatus = "";
  const offline = region("kmOfflineNotice", strings.offline_label);
  const update = region("kmUpdateNotice", strings.update_label);
  box.append(offline, update);
  document.body.append(box);
  return { offline: new Notices(offline), update: new Notices(update) };
}

function runtimeUsed() {
  return document.documentElement.dataset.kmRuntime === "ready";
}

function tellRuntimeUsed() {
  if (runtimeUsed()) navigator.serviceWorker.controller?.postMessage({ type: "KM_RUNTIME_USED" });
}

async function register(config, notices, strings) {
  const sw = navigator.serviceWorker;
  let reloading = false;
  sw.addEventListener("controllerchange", () => {
    if (reloading) window.location.reload();
    else tellRuntimeUsed(); // a first visit: this worker just took over
  });
  new MutationObserver(tellRuntimeUsed)
    .observe(document.documentElement, { attributes: true, attributeFilter: ["data-km-runtime"] });
  try {
    registration = await sw.register(config.sw, { scope: config.sw_scope });
  } catch {
    registration = null;
  }
  // No offline copy (blocked, private mode, no sw.js): the site works as before. (A browser
  // that blocks service workers may also resolve with nothing.)
  if (!registration) return;
  const offer = (worker) => {
    notices.say(strings.update, [
      { label: strings.reload, name: "update", run: () => {
        reloading = true;
        worker.postMessage({ type: "SKIP_WAITING" });
      } },
      { label: strings.later, name: "later", run: () => notices.clear() },
    ]);
  };
  // A worker waits only when an older one is active in this registration (not on a first install).
  if (registration.waiting && registration.active) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && registration.active) offer(worker);
    });
  });
}

// Set up once: the status line, the offline notice and the worker.
export function initOffline(config) {
  if (started || !config?.offline_strings) return;
  started = true;
  const strings = config.offline_strings;
  const notices = statusLine(strings);
  const supported = "serviceWorker" in navigator && /^https?:$/.test(window.location.protocol) && config.sw;
  const showNetwork = () => {
    if (navigator.onLine) notices.offline.clear();
    else notices.offline.say(supported && navigator.serviceWorker.controller ? strings.offline : strings.offline_plain);
  };
  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  showNetwork();
  if (supported) register(config, notices.update, strings);
}

// On every page change: ask for a new version now and then (the browser checks on page loads).
export function checkForUpdate() {
  if (!registration || !navigator.onLine || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
  lastCheck = Date.now();
  registration.update().catch(() => {});
}
