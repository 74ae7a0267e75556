// Run the deadline planner and its calendar export inside Pyodide (Node), for the parity test.
// The three modules are written side by side as top-level modules, as the browser's worker does.
// stdin: {"runtime": "<folder with the trimmed python_stdlib.zip and pyodide-lock.json>",
//         "cases": [{"request": "<json for deadlines_json>", "lang": "nb"|"en", "dtstamp": "...",
//                    "base_url": "..." (optional)}, ...]}
// stdout: {"python": "3.14.x", "results": [{"plan": "<json>", "ics": "<json>"|null}, ...]}
// The calendar request is built here from the parsed plan, the way a page would build it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = fileURLToPath(new URL("..", import.meta.url));
const input = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await loadPyodide({
  stdLibURL: `${input.runtime}/python_stdlib.zip`,
  lockFileContents: readFileSync(`${input.runtime}/pyodide-lock.json`, "utf8"),
});
pyodide.FS.mkdirTree("/km");
for (const name of ["deadlines", "deadline_texts", "ics"]) {
  pyodide.FS.writeFile(`/km/${name}.py`, readFileSync(`${root}handbook/${name}.py`, "utf8"));
}
pyodide.runPython("import sys; sys.path.insert(0, '/km')");
const deadlines = pyodide.pyimport("deadlines");
const ics = pyodide.pyimport("ics");
const results = input.cases.map((c) => {
  const plan = deadlines.deadlines_json(c.request);
  const parsed = JSON.parse(plan);
  if (parsed.error) return { plan, ics: null };
  const request = { plan: parsed, lang: c.lang, dtstamp: c.dtstamp };
  if (c.base_url) request.base_url = c.base_url;
  return { plan, ics: ics.ics_json(JSON.stringify(request)) };
});
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, results }));
