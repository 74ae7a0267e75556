// Group figures with handbook/group.py inside Pyodide (Node), for the parity test. The files are
// laid out as the worker lays them: group.py and scoring.py side by side, top-level modules.
// stdin: {"runtime": "<folder with the trimmed runtime>", "specs": "<json id → spec>",
//         "cases": [{"spec_id": "...", "sets": "<json list>", "texts": "<json list>"}, ...]}
// stdout: {"python": "3.14.x", "results": [{"group": "<json>", "files": "<json>"}, ...]}
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
for (const name of ["group", "scoring"]) {
  pyodide.FS.writeFile(`/km/${name}.py`, readFileSync(`${root}handbook/${name}.py`, "utf8"));
}
pyodide.runPython("import sys; sys.path.insert(0, '/km')");
const group = pyodide.pyimport("group");
const specs = JSON.parse(input.specs);
const results = input.cases.map((c) => ({
  group: group.group_json(JSON.stringify(specs[c.spec_id]), c.sets),
  files: group.read_files_json(input.specs, c.texts),
}));
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, results }));
