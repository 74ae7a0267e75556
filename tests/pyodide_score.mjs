// Score answer sets with handbook/scoring.py inside Pyodide (Node), for the parity test.
// stdin: {"runtime": "<folder with the trimmed python_stdlib.zip and pyodide-lock.json>" (optional),
//         "cases": [{"spec": "<json>", "answers": "<json>"}, ...]}
// stdout: {"python": "3.14.x", "results": ["<json printed by Python>", ...]}
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = fileURLToPath(new URL("..", import.meta.url));
const input = JSON.parse(readFileSync(0, "utf8"));
const options = input.runtime
  ? {
      stdLibURL: `${input.runtime}/python_stdlib.zip`,
      lockFileContents: readFileSync(`${input.runtime}/pyodide-lock.json`, "utf8"),
    }
  : {};
const pyodide = await loadPyodide(options);
pyodide.FS.mkdirTree("/km");
pyodide.FS.writeFile("/km/km_scoring.py", readFileSync(`${root}handbook/scoring.py`, "utf8"));
pyodide.runPython("import sys; sys.path.insert(0, '/km')");
const scoring = pyodide.pyimport("km_scoring");
const results = input.cases.map((c) => scoring.score_form_json(c.spec, c.answers));
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, results }));
