// Krav og mestring — assessment widget (main thread).
//
// The form is plain HTML. This script keeps answers in localStorage, starts the scoring worker
// (Pyodide, self-hosted) when the browser is idle or on the first interaction, scores on
// submit, and shows the result from templates rendered at build time. Answers never leave the
// device: nothing here makes a network request; the worker only fetches the runtime files.
import { INIT, READY, SCORE, RESULT, ERROR } from "./protocol.js";

const CONFIG = readConfig();
const STORAGE_FORMAT = 1;
const HISTORY_LIMIT = 20;
const READY_TIMEOUT_MS = 60000;
const absolute = (url) => new URL(url, document.baseURI).href;
const SCOPE = new URL(CONFIG.scope, document.baseURI).pathname;

// ---------------------------------------------------------------- runtime (one per page)

const runtime = {
  worker: null,
  ready: null,
  nextId: 1,
  pending: new Map(),

  request(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  },

  start() {
    if (this.ready) return this.ready;
    this.worker = new Worker(absolute(CONFIG.worker), { type: "module" });
    this.worker.addEventListener("message", (event) => {
      const { id, type } = event.data;
      const waiting = this.pending.get(id);
      if (!waiting) return;
      this.pending.delete(id);
      if (type === ERROR) waiting.reject(new Error(event.data.message));
      else waiting.resolve(event.data);
    });
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(new Error(event.message || "worker failed"));
    });
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error("timeout")), READY_TIMEOUT_MS));
    this.ready = Promise.race([
      this.request({ type: INIT, indexURL: absolute(CONFIG.pyodide), scoringURL: absolute(CONFIG.scoring) }),
      timeout,
    ]).then((reply) => {
      if (reply.type !== READY) throw new Error(`unexpected reply ${reply.type}`);
      document.documentElement.dataset.kmRuntime = "ready";
      performance.mark("km-runtime-ready");
    });
    this.ready.catch((error) => this.fail(error));
    return this.ready;
  },

  fail(error) {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null; // the next submit tries again
    document.documentElement.dataset.kmRuntime = "failed";
    document.documentElement.dataset.kmRuntimeError = String(error && error.message || error);
  },

  async score(spec, answers) {
    await this.start();
    const reply = await this.request({ type: SCORE, spec, answers });
    if (reply.type !== RESULT) throw new Error(`unexpected reply ${reply.type}`);
    return reply.json;
  },
};

// ---------------------------------------------------------------- storage

// Every access to localStorage may throw (storage blocked by the browser's settings, a
// sandboxed frame, a full disk): each is guarded, and a throw turns storage off for the page.
const storage = {
  available: (() => {
    try {
      const probe = "km:probe";
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  })(),
  prefix: (id) => `km:${STORAGE_FORMAT}:${SCOPE}:${id}@`,
  key: (id, version) => `${storage.prefix(id)}${version}`,
  guard(fn, fallback) {
    if (!this.available) return fallback;
    try {
      return fn();
    } catch {
      return fallback;
    }
  },
  get(key) {
    return this.guard(() => localStorage.getItem(key), null);
  },
  set(key, value) {
    return this.guard(() => {
      localStorage.setItem(key, JSON.stringify(value));
      return true;
    }, false);
  },
  remove(key) {
    this.guard(() => localStorage.removeItem(key));
  },
  olderKeys(id, version) {
    return this.guard(() => {
      const prefix = this.prefix(id);
      const keys = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.startsWith(prefix) && key !== this.key(id, version)) keys.push(key);
      }
      return keys;
    }, []);
  },
};

function validRecord(record) {
  return record && typeof record === "object" && !Array.isArray(record) &&
    record.answers && typeof record.answers === "object" && !Array.isArray(record.answers) &&
    Array.isArray(record.history ?? []);
}

// ---------------------------------------------------------------- helpers

function readConfig() {
  try {
    return JSON.parse(document.getElementById("km-config").textContent);
  } catch {
    return { worker: "", scoring: "", pyodide: "", scope: "/", lang: document.documentElement.lang };
  }
}

const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));

function formatNumber(value, lang, digits = 1) {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", {
    maximumFractionDigits: digits,
  }).format(value);
}

function formatDate(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(lang === "en" ? "en-GB" : "nb-NO", {
    dateStyle: "medium", timeStyle: "short",
  });
}

// ---------------------------------------------------------------- one widget

class Assessment {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form[data-assessment]");
    this.id = this.form.dataset.assessment;
    this.lang = root.dataset.kmLang || CONFIG.lang;
    this.specText = this.form.querySelector("[data-km-spec]").textContent;
    this.spec = JSON.parse(this.specText);
    this.version = this.spec.version;
    this.strings = JSON.parse(this.form.querySelector("[data-km-strings]").textContent);
    this.extra = root.querySelector("template[data-km-strings-extra]").dataset;
    this.key = storage.key(this.id, this.version);
    this.notice = this.form.querySelector("[data-km-notice]");
    this.result = this.form.querySelector("[data-km-result]");
    this.record = { format: STORAGE_FORMAT, assessment: this.id, version: this.version, answers: {}, history: [] };

    this.restore();
    this.updateProgress();
    // Started: the form can be submitted now (it could not before; see assessment.html).
    this.root.querySelector("[data-km-needs-js]")?.remove();
    const button = this.form.querySelector("button[type=submit]");
    button.removeAttribute("aria-describedby");
    button.disabled = false;
    this.root.dataset.kmStarted = "yes";
    this.form.addEventListener("change", () => this.onChange());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.querySelector("[data-km-clear]").addEventListener("click", () => this.clear());
    this.form.querySelector("[data-km-print]").addEventListener("click", () => window.print());
    this.form.querySelector("[data-km-export]").addEventListener("click", () => this.export());
    if (!storage.available) this.say(this.strings.storage_off);
  }

  say(text) {
    this.notice.textContent = text || "";
  }

  items() {
    return this.spec.items.map((item) => item.id);
  }

  answers() {
    const answers = {};
    for (const id of this.items()) {
      const checked = this.form.querySelector(`input[type="radio"][name="${CSS.escape(id)}"]:checked`);
      if (checked) answers[id] = checked.value;
    }
    return answers;
  }

  applyAnswers(answers) {
    let dropped = 0;
    for (const [id, value] of Object.entries(answers)) {
      const input = this.form.querySelector(
        `input[type="radio"][name="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`);
      if (input) input.checked = true;
      else dropped++;
    }
    return dropped;
  }

  restore() {
    const raw = storage.get(this.key);
    if (raw !== null) {
      let record = null;
      try {
        record = JSON.parse(raw);
      } catch {
        record = null;
      }
      if (!validRecord(record)) {
        storage.remove(this.key);
        this.say(this.strings.corrupt);
        return;
      }
      this.record = { ...this.record, ...record, history: record.history ?? [] };
      const dropped = this.applyAnswers(record.answers);
      if (dropped) this.save();
      if (Object.keys(record.answers).length) {
        this.say(fill(this.strings.restored, { date: formatDate(record.updated, this.lang) }));
      }
      const last = this.record.history[this.record.history.length - 1];
      if (last && typeof last.json === "string") {
        try {
          this.show(last.json, false);
        } catch {
          this.record.history = [];
          this.save();
          this.say(this.strings.corrupt);
        }
      }
      return;
    }
    // An older version of this assessment: keep the answers that still fit, drop old results.
    for (const key of storage.olderKeys(this.id, this.version)) {
      let old = null;
      try {
        old = JSON.parse(storage.get(key));
      } catch {
        old = null;
      }
      storage.remove(key);
      if (!validRecord(old)) {
        this.say(this.strings.corrupt);
        continue;
      }
      this.applyAnswers(old.answers);
      this.record.answers = this.answers();
      this.save();
      this.say(this.strings.migrated);
    }
  }

  save() {
    this.record.answers = this.answers();
    this.record.updated = new Date().toISOString();
    storage.set(this.key, this.record);
  }

  onChange() {
    this.save();
    this.updateProgress();
    runtime.start().catch(() => {});
  }

  updateProgress() {
    const total = this.spec.items.length;
    const answered = Object.keys(this.answers()).length;
    this.form.querySelector("[data-km-progress]").value = answered;
    const text = this.form.querySelector("[data-km-progress-text]");
    text.textContent = fill(text.dataset.template, { answered, total });
  }

  async submit() {
    performance.mark("km-submit");
    const answers = this.answers();
    this.save();
    this.say(this.strings.scoring);
    let json;
    try {
      json = await runtime.score(this.specText, JSON.stringify(answers));
    } catch (error) {
      this.say(this.strings.runtime_failed);
      return;
    }
    const result = JSON.parse(json);
    if (result.error) {
      this.say(fill(this.strings.score_failed, { message: result.error }));
      return;
    }
    this.record.history = [...this.record.history, { at: new Date().toISOString(), answers, json }]
      .slice(-HISTORY_LIMIT);
    this.save();
    this.say("");
    this.show(json, true);
    performance.mark("km-result-shown");
  }

  template(selector) {
    return this.root.querySelector(`template[${selector}]`);
  }

  // `json` is the result exactly as Python printed it; it becomes data-assessment-result.
  show(json, focus) {
    const result = JSON.parse(json);
    const body = this.result.querySelector("[data-km-result-body]");
    body.replaceChildren();
    for (const [dimId, dim] of Object.entries(result.dimensions)) {
      const tpl = this.template(`data-km-dim="${CSS.escape(dimId)}"`);
      const node = tpl.content.cloneNode(true);
      const slot = (name) => node.querySelector(`[data-slot="${name}"]`);
      const lo = Number(tpl.dataset.lo);
      const hi = Number(tpl.dataset.hi);
      if (dim.score === null) {
        slot("band").textContent = "–";
        slot("score").textContent = fill(this.extra.noScore, {
          answered: dim.answered, items: dim.items, min: tpl.dataset.min,
        });
        slot("bar").parentElement.hidden = true;
      } else {
        const band = this.template(`data-km-band="${CSS.escape(`${dimId}/${dim.band}`)}"`);
        slot("band").textContent = band.dataset.label;
        slot("score").textContent = fill(this.extra.scoreOf, {
          score: formatNumber(dim.score, this.lang),
          lo: formatNumber(lo, this.lang),
          hi: formatNumber(hi, this.lang),
        });
        const share = hi > lo ? (dim.score - lo) / (hi - lo) : 1;
        slot("bar").style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
        slot("feedback").append(band.content.cloneNode(true));
      }
      slot("answered").textContent = fill(this.extra.answeredOf, { answered: dim.answered, items: dim.items });
      body.append(node);
    }
    // The overall picture (profiles) comes first, before the parts it is made of.
    for (const [profileId, ruleId] of Object.entries(result.profiles).reverse()) {
      const node = this.template(`data-km-profile="${CSS.escape(profileId)}"`).content.cloneNode(true);
      const rule = this.template(`data-km-rule="${CSS.escape(`${profileId}/${ruleId ?? ""}`)}"`);
      node.querySelector('[data-slot="label"]').textContent = rule.dataset.label;
      node.querySelector('[data-slot="feedback"]').append(rule.content.cloneNode(true));
      body.prepend(node);
    }
    this.showUnanswered(result);
    this.showExplanations();
    this.showHistory();
    this.result.dataset.assessmentResult = json;
    this.result.hidden = false;
    if (focus) this.result.focus();
  }

  showUnanswered(result) {
    const answered = this.answers();
    const missing = this.spec.items
      .map((item, index) => (item.id in answered ? null : index + 1))
      .filter((n) => n !== null);
    const note = this.result.querySelector("[data-km-unanswered]");
    note.hidden = missing.length === 0 || result.complete;
    note.textContent = missing.length ? fill(this.strings.unanswered, { items: missing.join(", ") }) : "";
  }

  showExplanations() {
    for (const fieldset of this.form.querySelectorAll("fieldset[data-km-item]")) {
      fieldset.querySelector(".km-explain")?.remove();
      const tpl = fieldset.querySelector("template[data-km-explain]");
      if (!tpl) continue;
      const item = this.spec.items.find((i) => i.id === fieldset.dataset.kmItem);
      const worth = (option) => ("points" in option ? option.points : option.value);
      const best = item.options.reduce((a, b) => (worth(b) > worth(a) ? b : a));
      const labelOf = (value) => {
        const input = fieldset.querySelector(`input[value="${CSS.escape(String(value))}"]`);
        return input ? input.parentElement.textContent.trim() : "–";
      };
      const chosen = fieldset.querySelector("input:checked");
      const node = tpl.content.cloneNode(true);
      const right = chosen && chosen.value === String(best.value);
      const verdict = right
        ? [fill(this.extra.right, { label: labelOf(best.value) })]
        : [fill(this.extra.correct, { label: labelOf(best.value) })];
      if (chosen && !right) verdict.push(fill(this.extra.yours, { label: labelOf(chosen.value) }));
      const slot = node.querySelector('[data-slot="verdict"]');
      slot.textContent = verdict.join(" ");
      slot.dataset.right = right ? "yes" : "no";
      fieldset.append(node);
    }
  }

  showHistory() {
    const box = this.result.querySelector("[data-km-history]");
    const list = box.querySelector("[data-km-history-list]");
    list.replaceChildren();
    const earlier = this.record.history.slice(0, -1).reverse().slice(0, 5);
    for (const entry of earlier) {
      let result;
      try {
        result = JSON.parse(entry.json);
      } catch {
        continue;
      }
      const parts = Object.entries(result.dimensions).map(([dimId, dim]) => {
        const title = this.template(`data-km-dim="${CSS.escape(dimId)}"`)
          .content.querySelector(".km-dim__title").textContent;
        return `${title}: ${dim.score === null ? "–" : formatNumber(dim.score, this.lang)}`;
      });
      const li = document.createElement("li");
      li.textContent = `${formatDate(entry.at, this.lang)} — ${parts.join("; ")}`;
      list.append(li);
    }
    box.hidden = earlier.length === 0;
  }

  clear() {
    storage.remove(this.key);
    this.form.reset();
    this.record.history = [];
    this.record.answers = {};
    for (const node of this.form.querySelectorAll(".km-explain")) node.remove();
    this.result.hidden = true;
    delete this.result.dataset.assessmentResult;
    this.updateProgress();
    this.say(this.strings.cleared);
  }

  export() {
    const data = {
      assessment: this.id, version: this.version, exported: new Date().toISOString(),
      answers: this.answers(), history: this.record.history,
    };
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${this.id}-${data.exported.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}

// ---------------------------------------------------------------- start-up

// Each widget starts on its own: one that fails (damaged page, a bug of ours) keeps its submit
// button disabled and shows why at once, and the others start as usual.
function startWidget(root) {
  try {
    return new Assessment(root);
  } catch (error) {
    root.dataset.kmStarted = "failed";
    root.dataset.kmError = String(error && error.message || error);
    root.querySelector("[data-km-needs-js]")?.classList.add("km-needs-js--now");
    const button = root.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    return null;
  }
}
const widgets = [...document.querySelectorAll("[data-km-widget]")].map(startWidget).filter(Boolean);

// Start the runtime when the browser is idle *and* a form is on screen (or about to be), or at
// the first interaction with a form, whichever comes first. A reader who only reads a chapter
// with a knowledge check at the bottom therefore downloads no Pyodide byte.
const startRuntime = () => runtime.start().catch(() => {});
const whenIdle = (fn) =>
  ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));
for (const widget of widgets) {
  for (const type of ["pointerdown", "keydown", "focusin"]) {
    widget.form.addEventListener(type, startRuntime, { once: true, passive: true });
  }
}
if ("IntersectionObserver" in window) {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      whenIdle(startRuntime);
    }
  }, { rootMargin: "800px 0px" });
  for (const widget of widgets) observer.observe(widget.form);
} else {
  whenIdle(startRuntime);
}
