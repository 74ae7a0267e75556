// Messages between the page (widget.js) and the scoring worker (worker.mjs), in one place.
//
//   page → worker  {type: "init",  id, indexURL, scoringURL}
//   worker → page  {type: "ready", id}
//   page → worker  {type: "score", id, spec, answers}     spec/answers are JSON strings
//   worker → page  {type: "result", id, json}             json: exactly what Python printed
//   worker → page  {type: "error", id, message}           any failure; the page keeps answers
//
// Every request gets exactly one reply with the same id: "ready"/"result" or "error".
export const INIT = "init";
export const READY = "ready";
export const SCORE = "score";
export const RESULT = "result";
export const ERROR = "error";
