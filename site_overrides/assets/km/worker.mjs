// Scoring worker: loads the self-hosted Pyodide runtime and the handbook's own scoring module
// (the very file the tests run natively), then answers "score" requests. Nothing here talks to
// any server except fetching the runtime and scoring.py from the site itself.
import { INIT, READY, SCORE, RESULT, ERROR } from "./protocol.js";

let ready = null; // Promise<Function> resolving to the Python score function

async function start(indexURL, scoringURL) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const [pyodide, source] = await Promise.all([
    loadPyodide({ indexURL }),
    fetch(scoringURL, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`scoring module: HTTP ${response.status}`);
      return response.text();
    }),
  ]);
  pyodide.FS.mkdirTree("/km");
  pyodide.FS.writeFile("/km/km_scoring.py", source);
  pyodide.runPython("import sys\nif '/km' not in sys.path: sys.path.insert(0, '/km')");
  // Keep the module proxy alive for the worker's lifetime; its function is called per submit.
  const module = pyodide.pyimport("km_scoring");
  return (spec, answers) => module.score_form_json(spec, answers);
}

function reply(message) {
  self.postMessage(message);
}

async function handle(message) {
  switch (message.type) {
    case INIT:
      ready ??= start(message.indexURL, message.scoringURL);
      try {
        await ready;
        reply({ type: READY, id: message.id });
      } catch (error) {
        ready = null; // allow a later retry
        reply({ type: ERROR, id: message.id, message: String(error && error.message || error) });
      }
      return;
    case SCORE: {
      try {
        if (!ready) throw new Error("runtime not started");
        const scoreForm = await ready;
        reply({ type: RESULT, id: message.id, json: scoreForm(message.spec, message.answers) });
      } catch (error) {
        reply({ type: ERROR, id: message.id, message: String(error && error.message || error) });
      }
      return;
    }
    default:
      reply({ type: ERROR, id: message.id, message: `unknown message type ${message.type}` });
  }
}

self.addEventListener("message", (event) => {
  handle(event.data);
});
