// The Python worker: loads the self-hosted Pyodide runtime and the engine's own browser modules
// (the very files the tests run natively: scoring.py, deadlines.py …), then answers "call"
// requests. It fetches nothing but the runtime and those modules from the site itself, and it
// reports download progress.
import { INIT, PROGRESS, READY, CALL, RESULT, ERROR } from "./protocol.js";

let ready = null; // Promise of the Pyodide instance
let failDownload = null; // rejects the start at once when a runtime download fails
let setup = { assetsURL: "", modules: {} };
const loaded = new Map(); // module name → Promise of its Python module proxy
const bytes = { loaded: 0, total: 0, reported: 0 };

function reply(message) {
  self.postMessage(message);
}

function report(force) {
  const now = Date.now();
  if (!force && now - bytes.reported < 100) return;
  bytes.reported = now;
  reply({ type: PROGRESS, loaded: bytes.loaded, total: bytes.total });
}

// Every download goes through here: bytes are counted as they arrive, and a failed download
// fails the start within moments instead of leaving Pyodide waiting.
const networkFetch = self.fetch.bind(self);
let downloadFailed = false;
async function countingFetch(input, init) {
  const url = typeof input === "string" ? input : input.url;
  let response;
  try {
    response = await networkFetch(input, init);
  } catch (error) {
    downloadFailed = true;
    failDownload?.(new Error(`could not download ${url}`));
    throw error;
  }
  if (!response.ok) {
    downloadFailed = true;
    failDownload?.(new Error(`could not download ${url} (HTTP ${response.status})`));
    return response;
  }
  if (!response.body) return response;
  const counter = new TransformStream({
    transform(chunk, controller) {
      bytes.loaded += chunk.byteLength;
      report(false);
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
}

// Pyodide also starts the wasm download in a promise nobody awaits; once a download has failed
// (and been reported through failDownload), that promise's rejection is the same failure.
self.addEventListener("unhandledrejection", (event) => {
  if (downloadFailed) event.preventDefault();
});

async function fetchText(url) {
  const response = await countingFetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// A browser module: its files are fetched once, written beside each other and imported.
function module(pyodide, name) {
  if (!loaded.has(name)) {
    const files = setup.modules[name];
    const promise = (async () => {
      if (!files) throw new Error(`unknown module ${name}`);
      const sources = await Promise.all(files.map((f) => fetchText(new URL(f, setup.assetsURL).href)));
      files.forEach((file, n) => pyodide.FS.writeFile(`/km/${file}`, sources[n]));
      return pyodide.pyimport(name);
    })();
    promise.catch(() => loaded.delete(name)); // a later call tries again
    loaded.set(name, promise);
  }
  return loaded.get(name);
}

async function start(message) {
  bytes.total = Number(message.total) || 0;
  setup = { assetsURL: message.assetsURL, modules: message.modules || {} };
  self.fetch = countingFetch;
  const failed = new Promise((_, reject) => {
    failDownload = reject;
  });
  const boot = (async () => {
    const { loadPyodide } = await import(new URL("pyodide.mjs", message.indexURL).href);
    const pyodide = await loadPyodide({ indexURL: message.indexURL });
    pyodide.FS.mkdirTree("/km");
    pyodide.runPython("import sys\nif '/km' not in sys.path: sys.path.insert(0, '/km')");
    await Promise.all((message.preload || []).map((name) => module(pyodide, name)));
    return pyodide;
  })();
  // When a download fails, `failed` wins the race below; Pyodide's own load then fails too,
  // later, and that second failure is expected: it must not surface as an unhandled error.
  boot.catch(() => {});
  try {
    return await Promise.race([boot, failed]);
  } finally {
    failDownload = null;
    report(true);
  }
}

const failure = (id, kind, error, code) =>
  reply({ type: ERROR, id, kind, code, message: String(error?.message ?? error) });

async function call(message) {
  let fn;
  try {
    if (!ready) throw new Error("runtime not started");
    const pyodide = await ready;
    fn = (await module(pyodide, message.module))[message.name];
    if (typeof fn !== "function") throw new Error(`no function ${message.module}.${message.name}`);
  } catch (error) {
    failure(message.id, "runtime", error);
    return;
  }
  try {
    const json = fn(...(message.args || []));
    const parsed = JSON.parse(json);
    if (parsed && typeof parsed.error === "string") failure(message.id, "input", parsed.error, parsed.code);
    else reply({ type: RESULT, id: message.id, json });
  } catch (error) {
    failure(message.id, "input", error);
  }
}

async function handle(message) {
  switch (message.type) {
    case INIT:
      ready ??= start(message);
      try {
        await ready;
        reply({ type: READY, id: message.id });
      } catch (error) {
        ready = null; // allow a later retry
        failure(message.id, "runtime", error);
      }
      return;
    case CALL:
      await call(message);
      return;
    default:
      failure(message.id, "runtime", `unknown message type ${message.type}`);
  }
}

self.addEventListener("message", (event) => {
  handle(event.data);
});
