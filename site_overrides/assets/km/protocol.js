// Messages between the page (runtime.js) and the scoring worker (worker.mjs), in one place.
//
//   page → worker  {type: "init",  id, indexURL, scoringURL, total}   total: runtime bytes
//   worker → page  {type: "progress", loaded, total}                 while the runtime loads
//   worker → page  {type: "ready", id}
//   page → worker  {type: "score", id, spec, answers}     spec/answers are JSON strings
//   worker → page  {type: "result", id, json}             json: exactly what Python printed
//   worker → page  {type: "error", id, kind, message}     kind: "runtime" (could not start) or
//                                                         "score" (Python refused the input)
//
// Every request gets exactly one reply with the same id: "ready"/"result" or "error". A
// result Python reports as {"error": …} reaches the page as an "error" reply, never as a result.
export const INIT = "init";
export const PROGRESS = "progress";
export const READY = "ready";
export const SCORE = "score";
export const RESULT = "result";
export const ERROR = "error";
