// The reader's answers on this device (localStorage), and nothing else.
//
// Every access may throw (storage blocked by the browser's settings, a sandboxed frame, a full
// disk): each one is guarded here, and callers learn what happened instead of catching. Keys:
// km:<format>:<site path>:<assessment id>@<version> for assessments, and
// km:<format>:<site path>:<kind>:<name> for other features (checklists). A record of another version is never
// touched by writing this one.
export const STORAGE_FORMAT = 1;

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    const full = error && (error.name === "QuotaExceededError" || error.code === 22);
    return { ok: false, reason: full ? "full" : "blocked" };
  }
}

// Can this page store anything? "ok", "full" (storage works but is full) or "blocked".
function probe() {
  const result = attempt(() => {
    const key = "km:probe";
    localStorage.setItem(key, "1");
    localStorage.removeItem(key);
  });
  return result.ok ? "ok" : result.reason;
}

export class Storage {
  constructor(scope) {
    this.scope = scope;
    this.state = probe();
  }

  get available() {
    return this.state !== "blocked";
  }

  prefix(id) {
    return `km:${STORAGE_FORMAT}:${this.scope}:${id}@`;
  }

  key(id, version) {
    return `${this.prefix(id)}${version}`;
  }

  // A key for data that is not an assessment's: km:<format>:<site path>:<kind>:<name>, e.g.
  // km:1:/:checklist:practice/own-load/ (a "My data" page lists them by kind).
  named(kind, name) {
    return `km:${STORAGE_FORMAT}:${this.scope}:${kind}:${name}`;
  }

  // The stored text at `key`, or null. A key that cannot be read reads as absent.
  read(key) {
    if (!this.available) return null;
    const result = attempt(() => localStorage.getItem(key));
    return result.ok ? result.value : null;
  }

  // The stored JSON at `key`: {found: false} | {found: true, data} | {found: true, damaged: true}.
  readJSON(key) {
    const text = this.read(key);
    if (text === null) return { found: false };
    try {
      return { found: true, data: JSON.parse(text) };
    } catch {
      return { found: true, damaged: true };
    }
  }

  // Store `value` as JSON. Returns {ok: true} or {ok: false, reason: "full" | "blocked"}.
  write(key, value) {
    if (!this.available) return { ok: false, reason: "blocked" };
    const result = attempt(() => localStorage.setItem(key, JSON.stringify(value)));
    if (result.ok && this.state === "full") this.state = "ok";
    return result.ok ? { ok: true } : result;
  }

  // Store text as it is (used to undo a deletion).
  writeText(key, text) {
    if (!this.available) return { ok: false, reason: "blocked" };
    const result = attempt(() => localStorage.setItem(key, text));
    return result.ok ? { ok: true } : result;
  }

  remove(key) {
    if (this.available) attempt(() => localStorage.removeItem(key));
  }

  // Every key of this site in the km: namespace, with the size of its value (characters).
  entries() {
    if (!this.available) return [];
    const prefix = `km:${STORAGE_FORMAT}:${this.scope}:`;
    const found = attempt(() => {
      const out = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(prefix)) out.push({ key, name: key.slice(prefix.length), size: (localStorage.getItem(key) ?? "").length });
      }
      return out;
    });
    return found.ok ? found.value.sort((a, b) => a.key.localeCompare(b.key)) : [];
  }

  // Versions of assessment `id` stored here, as numbers, with their keys.
  versions(id) {
    if (!this.available) return [];
    const prefix = this.prefix(id);
    const found = attempt(() => {
      const out = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(prefix)) out.push(key);
      }
      return out;
    });
    if (!found.ok) return [];
    return found.value
      .map((key) => ({ key, version: Number(key.slice(prefix.length)) }))
      .filter((entry) => Number.isInteger(entry.version));
  }
}

// ------------------------------------------------------------------ records

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isAnswerValue = (value) => typeof value === "string" || typeof value === "number";

function validAnswers(answers) {
  return isObject(answers) && Object.values(answers).every(isAnswerValue);
}

function validEntry(entry) {
  return isObject(entry) && typeof entry.json === "string" && validAnswers(entry.answers ?? {});
}

function validAction(entry) {
  return isObject(entry) && typeof entry.id === "string" && typeof entry.text === "string" &&
    typeof entry.done === "boolean" && (entry.due === null || entry.due === undefined || typeof entry.due === "string");
}

// A stored record, checked part by part: {answers, history, plan, updated, damaged}.
// `damaged` is "record" (nothing usable), "history" (answers fine, some history or plan
// entries not), or null. Only data that fails these checks is ever treated as damaged.
export function checkRecord(data) {
  if (!isObject(data) || !validAnswers(data.answers)) {
    return { answers: {}, history: [], plan: [], updated: null, damaged: "record" };
  }
  const parts = (raw, valid) => {
    const list = Array.isArray(raw) ? raw.filter(valid) : [];
    return { list, damaged: !Array.isArray(raw) || list.length !== raw.length };
  };
  const history = parts(data.history ?? [], validEntry);
  const plan = parts(data.plan ?? [], validAction);
  const damaged = history.damaged || plan.damaged ? "history" : null;
  const updated = typeof data.updated === "string" ? data.updated : null;
  return { answers: { ...data.answers }, history: history.list, plan: plan.list, updated, damaged };
}
