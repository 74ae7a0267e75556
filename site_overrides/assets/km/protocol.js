// Messages between the page (runtime.js) and the Python worker (worker.mjs), in one place.
//
//   page → worker  {type: "init", id, indexURL, assetsURL, modules, preload, total}
//                  modules: {name: [files]} of the engine's browser modules (under assetsURL);
//                  preload: module names to load and warm at once; total: runtime bytes
//   worker → page  {type: "progress", loaded, total}                 while the runtime loads
//   worker → page  {type: "ready", id}
//   page → worker  {type: "call", id, module, name, args}   args: strings (JSON), never proxies
//   worker → page  {type: "result", id, json}               json: exactly what Python returned
//   worker → page  {type: "error", id, kind, message, code} kind: "runtime" (could not start or
//                                                           load) or "input" (Python refused it);
//                                                           code: the engine's stable error code
//                                                           ({"error", "code"}), if it gave one
//
// Every request gets exactly one reply with the same id: "ready"/"result" or "error". A
// result Python reports as {"error": …} reaches the page as an "error" reply, never as a result.
export const INIT = "init";
export const PROGRESS = "progress";
export const READY = "ready";
export const CALL = "call";
export const RESULT = "result";
export const ERROR = "error";
