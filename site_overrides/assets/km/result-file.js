// Result files (DESIGN §7.2): the reader's answers, history and plan as one readable JSON file
// to keep or carry to another device; a "share" file with the answers only, for a group
// session; and bringing a file back in. An imported file is always scored again in the worker
// by the engine (resultfile.py); a result it carries is ignored. A file that cannot be used
// changes nothing on the page or in storage.
export const FORMAT = "krav-og-mestring/result";
export const FORMAT_VERSION = 1;
const HISTORY_LIMIT = 50;
const MAX_BYTES = 1_000_000;

// The form's answers (text) as the spec's option values (numbers).
function typed(spec, answers) {
  const out = {};
  for (const item of spec.items) {
    if (!(item.id in answers)) continue;
    const option = item.options.find((o) => String(o.value) === String(answers[item.id]));
    if (option) out[item.id] = option.value;
  }
  return out;
}

// The result file of a stored record (answers as text, history with results as JSON text).
export function fileFromRecord(spec, record, { lang, share = false }) {
  const base = {
    format: FORMAT, format_version: FORMAT_VERSION,
    assessment: spec.id, version: spec.version,
    answers: typed(spec, record.answers ?? {}),
  };
  if (share) return base;
  const history = record.history ?? [];
  const last = history[history.length - 1];
  let result;
  try {
    result = last ? JSON.parse(last.json) : undefined;
  } catch {
    result = undefined;
  }
  return {
    ...base,
    lang,
    exported: new Date().toISOString(),
    history: history.map((entry) => ({ at: entry.at, answers: typed(spec, entry.answers ?? {}) })),
    plan: (record.plan ?? []).map(({ id, text, done, due }) => ({ id, text, done, due: due ?? null })),
    ...(result ? { result } : {}), // for people reading the file; never read back
  };
}

export function resultFile(widget, { share = false } = {}) {
  const record = { ...widget.record, answers: widget.answers() };
  return fileFromRecord(widget.spec, record, { lang: widget.lang, share });
}

export function download(data, filename) {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export function exportFile(widget, share) {
  const data = resultFile(widget, { share });
  const day = new Date().toISOString().slice(0, 10);
  download(data, share ? `${widget.id}-${day}-share.json` : `${widget.id}-${day}.json`);
}

const historyKey = (entry) => `${entry.at}|${JSON.stringify(Object.entries(entry.answers).map(([k, v]) => [k, String(v)]).sort())}`;

// Earlier attempts from both sides, each once, oldest first.
export function mergeHistory(mine, theirs) {
  const all = new Map();
  for (const entry of [...mine, ...theirs]) all.set(historyKey(entry), entry);
  return [...all.values()].sort((a, b) => String(a.at).localeCompare(String(b.at))).slice(-HISTORY_LIMIT);
}

export function mergePlan(mine, theirs) {
  const ids = new Set(mine.map((e) => e.id));
  return [...mine, ...theirs.filter((e) => !ids.has(e.id))];
}

// Read a File the reader chose or dropped; the text, or null when it is too big to be ours.
export async function fileText(file) {
  if (!file || file.size > MAX_BYTES) return null;
  return file.text();
}

const asText = (answers) => Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)]));

// A record (answers, history, plan) with the content of a file read by resultfile.py merged in:
// the file's answers become the current ones, its attempts join the history (each once), its
// plan entries join the plan.
export function mergeContent(record, content) {
  const imported = content.history.map((e) => ({ at: e.at, answers: asText(e.answers), json: e.json }));
  let history = mergeHistory(record.history ?? [], imported);
  const answers = asText(content.answers);
  const last = history[history.length - 1];
  if (!last || last.json !== content.result_json) {
    history = mergeHistory(history, [{ at: new Date().toISOString(), answers, json: content.result_json }]);
  }
  return { ...record, answers, history, plan: mergePlan(record.plan ?? [], content.plan) };
}

// Read a file's text in the worker (checked and scored again); the content, or a notice text.
export async function readContent(runtime, strings, specText, text) {
  if (text === null) return { notice: strings["import_too-big"] };
  try {
    return { content: JSON.parse(await runtime.call("resultfile", "read_json", specText, text)) };
  } catch (error) {
    if (error?.kind === "input") return { notice: strings[`import_${error.code}`] ?? strings.import_damaged };
    return { notice: strings.import_failed };
  }
}

export const importedNotice = (strings, content) =>
  (content.migrated ? strings.imported_migrated : content.share ? strings.imported_share : strings.imported);

// Bring a file into a widget. Resolves to the notice text to show.
export async function importInto(widget, text) {
  const { content, notice } = await readContent(widget.runtime, widget.strings, widget.specText, text);
  if (!content) return notice;
  const merged = mergeContent(widget.record, content);
  widget.form.reset();
  widget.applyAnswers(merged.answers);
  widget.record.history = merged.history;
  widget.record.plan = merged.plan;
  widget.save();
  widget.updateProgress();
  widget.showResult(content.result_json, { focus: false });
  return importedNotice(widget.strings, content);
}
