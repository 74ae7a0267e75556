// Scoring worker: loads the self-hosted Pyodide runtime and the handbook's own scoring module
// (the very file the tests run natively), then answers "score" requests. It fetches nothing
// but the runtime and scoring.py from the site itself, and it reports download progress.
import { INIT, PROGRESS, READY, SCORE, RESULT, ERROR } from "./protocol.js";

let ready = null; // Promise of the Python module
let failDownload = null; // rejects the start at once when a runtime download fails
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

// Every download of the runtime goes through here: bytes are counted as they arrive, and a
// failed download fails the start within moments instead of leaving Pyodide waiting.
const networkFetch = self.fetch.bind(self);
async function countingFetch(input, init) {
  const url = typeof input === "string" ? input : input.url;
  let response;
  try {
    response = await networkFetch(input, init);
  } catch (error) {
    failDownload?.(new Error(`could not download ${url}`));
    throw error;
  }
  if (!response.ok) {
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

async function load(indexURL, scoringURL) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const [pyodide, source] = await Promise.all([
    loadPyodide({ indexURL }),
    countingFetch(scoringURL, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`scoring module: HTTP ${response.status}`);
      return response.text();
    }),
  ]);
  pyodide.FS.mkdirTree("/km");
  pyodide.FS.writeFile("/km/km_scoring.py", source);
  pyodide.runPython("import sys\nif '/km' not in sys.path: sys.path.insert(0, '/km')");
  // Keep the module proxy alive for the worker's lifetime; its function is called per submit.
  return pyodide.pyimport("km_scoring");
}

async function start(message) {
  bytes.total = Number(message.total) || 0;
  self.fetch = countingFetch;
  const failed = new Promise((_, reject) => {
    failDownload = reject;
  });
  try {
    return await Promise.race([load(message.indexURL, message.scoringURL), failed]);
  } finally {
    failDownload = null;
    report(true);
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
        reply({ type: ERROR, id: message.id, kind: "runtime", message: String(error?.message ?? error) });
      }
      return;
    case SCORE: {
      let module;
      try {
        if (!ready) throw new Error("runtime not started");
        module = await ready;
      } catch (error) {
        reply({ type: ERROR, id: message.id, kind: "runtime", message: String(error?.message ?? error) });
        return;
      }
      try {
        const json = module.score_form_json(message.spec, message.answers);
        const parsed = JSON.parse(json);
        if (parsed && typeof parsed.error === "string") {
          reply({ type: ERROR, id: message.id, kind: "score", message: parsed.error });
        } else {
          reply({ type: RESULT, id: message.id, json });
        }
      } catch (error) {
        reply({ type: ERROR, id: message.id, kind: "score", message: String(error?.message ?? error) });
      }
      return;
    }
    default:
      reply({ type: ERROR, id: message.id, kind: "runtime", message: `unknown message type ${message.type}` });
  }
}

self.addEventListener("message", (event) => {
  handle(event.data);
});
