// One assessment widget: its answers on this device, scoring in the worker, and the result.
//
// The form is plain HTML; this class keeps the answers in storage, scores on submit and shows
// the result. A bug of ours never deletes the reader's data: only stored data that fails
// validation is treated as damaged (and said so), everything else is kept and reported.
import { ScoreAhead } from "./ahead.js";
import { dataText, fill, formatDate, formatNumber, prepareDates, readData } from "./format.js";
import { Notices } from "./notices.js";
import { Plan } from "./plan.js";
import { exportFile, fileText, importInto } from "./result-file.js";
import { ResultView } from "./result-view.js";
import { checkRecord, STORAGE_FORMAT } from "./storage.js";

const HISTORY_LIMIT = 50;
const MB = 1024 * 1024;
// With the runtime ready a result takes milliseconds: the form shows itself busy only when one
// takes longer than this, so a quick result is not preceded by a flash of "Computing …".
const SHOW_BUSY_AFTER_MS = 300;

export function mountAssessment(root, { runtime, storage, config }) {
  return new Assessment(root, { runtime, storage, lang: config.lang });
}

export class Assessment {
  constructor(root, { runtime, storage, lang }) {
    this.root = root;
    this.runtime = runtime;
    this.storage = storage;
    this.form = root.querySelector("form[data-assessment]");
    this.id = this.form.dataset.assessment;
    this.lang = root.dataset.kmLang || lang;
    this.specText = dataText(this.form, "[data-km-spec]");
    this.spec = JSON.parse(this.specText);
    this.version = this.spec.version;
    this.strings = readData(this.form, "[data-km-strings]");
    this.key = storage.key(this.id, this.version);
    this.notices = new Notices(this.form.querySelector("[data-km-notice]"));
    this.view = new ResultView(this);
    this.submitButton = this.form.querySelector("button[type=submit]");
    this.record = {
      format: STORAGE_FORMAT, assessment: this.id, version: this.version, answers: {}, history: [], plan: [],
    };
    this.plan = new Plan(this);
    this.busy = false;
    this.prepared = null; // the promise of prepare()
    this.ahead = new ScoreAhead(runtime, this.specText);
    this.saveProblem = null;

    this.form.addEventListener("change", (event) => {
      // Only answers count here: the file input, the plan's fields and the like save themselves.
      if (event.target.matches("fieldset[data-km-item] input[type=radio]")) this.onChange();
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.querySelector("[data-km-restart]")?.addEventListener("click", () => this.restart());
    this.form.querySelector("[data-km-clear]").addEventListener("click", () => this.deleteAll());
    this.form.querySelector("[data-km-print]").addEventListener("click", () => window.print());
    this.form.querySelector("[data-km-export]").addEventListener("click", () => exportFile(this, false));
    this.form.querySelector("[data-km-export-share]").addEventListener("click", () => exportFile(this, true));
    this.listenForFiles();
    this.unsubscribe = runtime.subscribe((state, progress) => this.onRuntime(state, progress));

    this.storageNotice();
    this.restore();
    this.updateProgress();
    // Started: the form can be submitted now (it could not before; see assessment.html).
    this.root.querySelector("[data-km-needs-js]")?.remove();
    this.submitButton.removeAttribute("aria-describedby");
    this.submitButton.disabled = false;
    this.root.dataset.kmStarted = "yes";
    if (runtime.state === "ready") this.prepare();
  }

  // Once the runtime runs, score a full set of answers (each item's first option, as the form
  // would send it) and throw the result away: Python parses this form's spec then and keeps it
  // (scoring.py caches parsed specs), and every step a submit takes, in Python and in the
  // WebAssembly under it, has run once, so the reader's first submit is as quick as the next.
  // Nothing is stored or shown; the "km-warm-up" performance mark says it is done. The date
  // format the result shows is made then too, when the browser is idle (the first one costs
  // 10-60 ms: the language's calendar data), not while the page starts.
  prepare() {
    if (this.prepared) return;
    prepareDates(this.lang);
    const answers = {};
    for (const item of this.spec.items) {
      const input = this.form.querySelector(`input[type="radio"][name="${CSS.escape(item.id)}"]`);
      if (input) answers[item.id] = input.value;
    }
    this.prepared = this.runtime.score(this.specText, JSON.stringify(answers)).then(
      () => performance.mark("km-warm-up", { detail: this.id }),
      () => { this.prepared = null; }, // a failed runtime: warm up when it is ready again
    );
  }

  say(text, actions) {
    this.notices.say(text, actions);
  }

  storageNotice() {
    if (this.storage.state === "blocked") this.say(this.strings.storage_off);
    else if (this.storage.state === "full") this.say(this.strings.storage_full);
  }

  // The answers on screen, in the spec's order of items (one query for the whole form).
  answers() {
    const checked = new Map();
    for (const input of this.form.querySelectorAll('input[type="radio"]:checked')) {
      if (!checked.has(input.name)) checked.set(input.name, input.value);
    }
    const answers = {};
    for (const item of this.spec.items) {
      if (checked.has(item.id)) answers[item.id] = checked.get(item.id);
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

  // ---------------------------------------------------------------- storage

  restore() {
    const stored = this.storage.readJSON(this.key);
    if (stored.found) {
      this.restoreRecord(stored);
    } else {
      this.migrateOlder();
    }
    this.mentionNewer();
  }

  restoreRecord(stored) {
    const record = stored.damaged ? checkRecord(null) : checkRecord(stored.data);
    if (record.damaged === "record") {
      this.storage.remove(this.key);
      this.say(this.strings.corrupt);
      return;
    }
    this.record = {
      ...this.record, answers: record.answers, history: record.history, plan: record.plan, updated: record.updated,
    };
    const dropped = this.applyAnswers(record.answers);
    if (dropped || record.damaged) this.save();
    if (record.damaged === "history") this.say(this.strings.history_damaged);
    else if (Object.keys(record.answers).length) {
      const date = formatDate(record.updated, this.lang);
      this.say(date ? fill(this.strings.restored, { date }) : this.strings.restored_undated);
    }
    const last = this.record.history[this.record.history.length - 1];
    if (last) this.showResult(last.json, { focus: false });
  }

  // Show a result; a result we cannot show (a bug of ours, or one of an odd shape) is kept in
  // storage and reported, never treated as damaged data.
  showResult(json, { focus }) {
    try {
      this.view.show(json, { answers: this.answers(), history: this.record.history, focus });
      return true;
    } catch (error) {
      this.view.hide();
      this.say(this.strings.show_failed);
      this.root.dataset.kmError = String(error?.message ?? error);
      return false;
    }
  }

  // A result file chosen with the file input or dropped onto the widget.
  listenForFiles() {
    const input = this.form.querySelector("[data-km-import]");
    const take = async (file) => {
      this.say(await importInto(this, await fileText(file)));
    };
    input.addEventListener("change", async () => {
      const [file] = input.files;
      input.value = "";
      if (file) await take(file);
    });
    this.root.addEventListener("dragover", (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes("Files")) {
        event.preventDefault();
        this.root.classList.add("km-dropping");
      }
    });
    this.root.addEventListener("dragleave", () => this.root.classList.remove("km-dropping"));
    this.root.addEventListener("drop", async (event) => {
      event.preventDefault();
      this.root.classList.remove("km-dropping");
      const file = event.dataTransfer?.files?.[0];
      if (file) await take(file);
    });
  }

  // An older version of this assessment: keep the answers that still fit; its results are not
  // carried over because the calculation changed.
  migrateOlder() {
    const older = this.storage.versions(this.id).filter((v) => v.version < this.version);
    for (const { key } of older.sort((a, b) => a.version - b.version)) {
      const stored = this.storage.readJSON(key);
      const record = stored.found && !stored.damaged ? checkRecord(stored.data) : checkRecord(null);
      if (record.damaged === "record") {
        this.storage.remove(key);
        this.say(this.strings.corrupt);
        continue;
      }
      this.applyAnswers(record.answers);
      if (this.save()) this.storage.remove(key);
      this.say(this.strings.migrated);
    }
  }

  // A newer version stored on this device (a newer edition of the site was visited): it is
  // kept untouched; this page stores its own version beside it. The reader may delete it.
  mentionNewer() {
    const newer = this.storage.versions(this.id).filter((v) => v.version > this.version);
    if (!newer.length) return;
    const versions = newer.map((v) => v.version).sort((a, b) => a - b).join(", ");
    const text = fill(this.strings.newer_kept, { versions });
    this.say(text, [{
      label: this.strings.newer_delete,
      name: "delete-newer",
      run: async () => {
        if (!(await this.notices.ask(this.strings.newer_confirm, this.strings.yes_delete, this.strings.cancel))) {
          this.say(text);
          return;
        }
        for (const { key } of newer) this.storage.remove(key);
        this.say(this.strings.newer_deleted);
      },
    }]);
  }

  // Save the answers on screen; true when they are stored.
  save(answers = this.answers()) {
    this.record.answers = answers;
    this.record.updated = new Date().toISOString();
    if (!this.storage.available) return false;
    const written = this.storage.write(this.key, this.record);
    if (!written.ok && this.saveProblem !== written.reason) {
      this.say(written.reason === "full" ? this.strings.save_failed_full : this.strings.save_failed);
    } else if (written.ok && this.saveProblem) {
      this.say(this.strings.save_works_again);
    }
    this.saveProblem = written.ok ? null : written.reason;
    return written.ok;
  }

  onChange() {
    this.save();
    this.updateProgress();
    this.view.markStale();
    this.runtime.start().catch(() => {});
    this.scoreAhead();
  }

  // Every item answered: have them scored now, ahead of the submit (ahead.js).
  scoreAhead() {
    const answers = this.answers();
    if (Object.keys(answers).length === this.spec.items.length) this.ahead.offer(JSON.stringify(answers));
  }

  updateProgress() {
    const total = this.spec.items.length;
    const answered = Object.keys(this.answers()).length;
    this.form.querySelector("[data-km-progress]").value = answered;
    const text = this.form.querySelector("[data-km-progress-text]");
    text.textContent = fill(text.dataset.template, { answered, total });
  }

  // ---------------------------------------------------------------- scoring

  onRuntime(state, progress) {
    if (!this.root.isConnected) { // a page instant navigation has left: done with the runtime
      this.unsubscribe();
      return;
    }
    if (state === "ready") {
      this.prepare();
      this.scoreAhead();
    }
    if (!this.busy || state !== "loading") return;
    const { loaded, total } = progress;
    if (total > 0) {
      this.say(fill(this.strings.loading_progress, {
        loaded: formatNumber(loaded / MB, this.lang), total: formatNumber(total / MB, this.lang),
        percent: Math.min(100, Math.round((100 * loaded) / total)),
      }));
    }
  }

  setBusy(busy) {
    this.busy = busy;
    this.submitButton.disabled = busy;
    if (busy) this.form.setAttribute("aria-busy", "true");
    else this.form.removeAttribute("aria-busy");
  }

  // Busy, and said so: at once while the runtime still loads (its progress follows), after
  // SHOW_BUSY_AFTER_MS when it is ready (a result then rarely takes that long). Returns the
  // function that ends it.
  showBusy() {
    const show = () => {
      this.setBusy(true);
      this.say(this.runtime.state === "ready" ? this.strings.scoring : this.strings.loading);
    };
    this.busy = true; // repeated clicks add nothing, shown or not
    let timer = null;
    if (this.runtime.state === "ready") timer = setTimeout(show, SHOW_BUSY_AFTER_MS);
    else show();
    return () => {
      clearTimeout(timer);
      this.setBusy(false);
    };
  }

  async submit() {
    if (this.busy) return; // one scoring at a time: repeated clicks add nothing
    performance.mark("km-submit");
    const answers = this.answers();
    this.save(answers);
    const done = this.showBusy();
    let json;
    try {
      json = await this.ahead.result(JSON.stringify(answers)); // scored ahead, or now
    } catch (error) {
      done();
      this.failed(error);
      return;
    }
    this.record.history = [...this.record.history, { at: new Date().toISOString(), answers, json }]
      .slice(-HISTORY_LIMIT);
    const saved = this.save(); // the answers on screen now: one may have changed meanwhile
    done();
    if (this.showResult(json, { focus: true }) && (saved || !this.storage.available)) this.notices.clear();
    performance.mark("km-result-shown");
  }

  failed(error) {
    if (error?.kind === "input") {
      this.say(fill(this.strings.score_failed, { message: error.message }));
      return;
    }
    const saved = this.storage.available && !this.saveProblem;
    const text = saved ? this.strings.runtime_failed : this.strings.runtime_failed_unsaved;
    this.say(text, [{ label: this.strings.retry, name: "retry", run: () => this.submit() }]);
  }

  // ---------------------------------------------------------------- starting over, deleting

  // Clear the form; earlier results stay. Undo brings the answers back.
  restart() {
    const answers = this.answers();
    this.form.reset();
    this.view.hide();
    this.save();
    this.updateProgress();
    this.notices.offerUndo(this.strings.restarted, this.strings.undo, () => {
      this.applyAnswers(answers);
      this.save();
      this.updateProgress();
    });
  }

  // Delete everything stored for this assessment, after asking; undo for a few seconds.
  async deleteAll() {
    if (!(await this.notices.ask(this.strings.confirm_clear, this.strings.yes_delete, this.strings.cancel))) return;
    const before = { answers: this.answers(), history: this.record.history, plan: this.record.plan };
    this.storage.remove(this.key);
    this.form.reset();
    this.record.history = [];
    this.record.answers = {};
    this.record.plan = [];
    this.view.hide();
    this.updateProgress();
    this.notices.offerUndo(this.strings.cleared, this.strings.undo, () => {
      this.applyAnswers(before.answers);
      this.record.history = before.history;
      this.record.plan = before.plan;
      this.save();
      this.updateProgress();
      const last = before.history[before.history.length - 1];
      if (last) this.showResult(last.json, { focus: false });
    });
  }
}
