// The sick-leave deadline planner (DESIGN §7.3): the first day of absence and the kind of leave
// in, the dated milestones out, computed by the engine's own deadlines.py in the worker; the
// .ics file is written by ics.py in the worker too, and handed to the browser as a download.
//
// The date is never sent over the network and never stored: it goes from the form to the
// worker and back, and lives in this page until the reader leaves it. The form has no name or
// other personal field. Every text of the result comes from the engine's result (in the
// page's language) and is filled in as text into the row <template> the page holds.
import { fill, formatDay, formatNumber, readData } from "./format.js";
import { Notices } from "./notices.js";
import { printOnly } from "./print.js";

const MB = 1024 * 1024;
// Codes of the engine (handbook/deadlines.py) whose notice is about the date field.
const DATE_CODES = new Set(["missing-first-day", "bad-first-day", "out-of-range"]);

export function mount(root, { runtime, config }) {
  return new Planner(root, runtime, config.lang);
}

class Planner {
  constructor(root, runtime, lang) {
    this.root = root;
    this.runtime = runtime;
    this.lang = root.dataset.kmLang || lang;
    this.form = root.querySelector("form");
    this.strings = readData(root, "[data-km-strings]");
    this.links = Object.fromEntries([...root.querySelector("template[data-km-links]").content.querySelectorAll("a[data-target]")]
      .map((a) => [a.dataset.target, a.getAttribute("href")]));
    this.input = root.querySelector('input[type="date"][name="first-day"]');
    this.result = root.querySelector("[data-km-planner-result]");
    this.rowTemplate = root.querySelector("template[data-km-row]");
    this.loading = root.querySelector("[data-km-loading]");
    this.notices = new Notices(root.querySelector("[data-km-notice]"));
    this.submitButton = this.form.querySelector("button[type=submit]");
    this.icsButton = root.querySelector("[data-km-ics]");
    this.plan = null;
    this.busy = false;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.icsButton.addEventListener("click", () => this.downloadIcs());
    root.querySelector("[data-km-print]").addEventListener("click", () => printOnly(this.result));
    runtime.subscribe((state, progress) => this.onRuntime(state, progress));

    // Started: the form can be submitted now (it could not before; see deadline-planner.html).
    root.querySelector("[data-km-needs-js]")?.remove();
    this.submitButton.removeAttribute("aria-describedby");
    this.submitButton.disabled = false;
    root.dataset.kmStarted = "yes";
  }

  // What the reader entered, as the engine's request. An empty field leaves "first_day" out
  // (the engine says it is missing); a field holding a date that does not exist (31.02) sends
  // "" (the engine says it is not a real date). The engine is the one judge of the input.
  request() {
    const request = {};
    if (this.input.value) request.first_day = this.input.value;
    else if (this.input.validity.badInput) request.first_day = "";
    const kind = this.form.querySelector('input[name="kind"]:checked');
    if (kind) request.kind = kind.value;
    return request;
  }

  changed() {
    this.input.removeAttribute("aria-invalid");
    if (!this.result.hidden) this.result.dataset.kmStale = "";
  }

  setBusy(busy) {
    this.busy = busy;
    this.submitButton.disabled = busy;
    if (busy) this.form.setAttribute("aria-busy", "true");
    else this.form.removeAttribute("aria-busy");
    if (!busy) this.loading.hidden = true;
  }

  // Download progress while the reader waits for the runtime (a progress bar, not announced
  // on every step: the notice said once that it is getting ready).
  onRuntime(state, { loaded, total }) {
    if (!this.busy || state !== "loading" || !(total > 0)) {
      if (state !== "loading") this.loading.hidden = true;
      return;
    }
    const percent = Math.min(100, Math.round((100 * loaded) / total));
    this.loading.hidden = false;
    this.loading.querySelector("progress").value = percent;
    this.loading.querySelector("[data-km-loading-text]").textContent = fill(this.strings.loading_progress, {
      loaded: formatNumber(loaded / MB, this.lang), total: formatNumber(total / MB, this.lang), percent,
    });
  }

  async submit() {
    if (this.busy) return;
    const request = this.request();
    this.setBusy(true);
    this.notices.say(this.runtime.state === "ready" ? this.strings.working : this.strings.loading);
    this.onRuntime(this.runtime.state, this.runtime.progress); // where the download is now
    let json;
    try {
      await this.runtime.start(["deadlines"]);
      json = await this.runtime.call("deadlines", "deadlines_json", JSON.stringify(request));
    } catch (error) {
      this.setBusy(false);
      this.failed(error);
      return;
    }
    this.setBusy(false);
    this.show(JSON.parse(json));
    this.notices.say(this.strings.done);
  }

  failed(error) {
    if (error?.kind !== "input") {
      this.notices.say(this.strings.runtime_failed,
        [{ label: this.strings.retry, name: "retry", run: () => this.submit() }]);
      return;
    }
    const code = String(error.code || "");
    const text = this.strings[`error_${code.replaceAll("-", "_")}`];
    this.notices.say(text
      ? fill(text, {
        earliest: formatDay(this.input.min, this.lang, false), latest: formatDay(this.input.max, this.lang, false),
      })
      : fill(this.strings.error_other, { message: error.message }));
    this.root.dataset.kmError = code;
    if (DATE_CODES.has(code)) {
      this.input.setAttribute("aria-invalid", "true");
      this.input.focus();
    }
  }

  // ------------------------------------------------------------------ the result

  show(plan) {
    this.plan = plan;
    delete this.root.dataset.kmError;
    const text = (texts) => texts[this.lang] ?? texts.nb;
    this.result.querySelector("[data-km-summary]").textContent = fill(this.strings.summary, {
      date: formatDay(plan.first_day, this.lang),
      kind: this.strings[`kind_${plan.kind}`],
      nav_date: formatDay(plan.nav_pays_from, this.lang),
    });
    this.result.querySelector("[data-km-rows]")
      .replaceChildren(...plan.milestones.map((milestone) => this.row(milestone, plan, text)));
    this.result.querySelector("[data-km-counting]").textContent = text(plan.counting);
    this.result.querySelector("[data-km-disclaimer]").textContent = text(plan.disclaimer);
    this.result.dataset.firstDay = plan.first_day;
    this.result.dataset.kind = plan.kind;
    delete this.result.dataset.kmStale;
    this.result.hidden = false;
    this.result.focus();
  }

  row(milestone, plan, text) {
    const row = this.rowTemplate.content.firstElementChild.cloneNode(true);
    const slot = (name) => row.querySelector(`[data-slot="${name}"]`);
    row.dataset.kmDeadline = milestone.id;
    row.dataset.date = milestone.date;
    row.dataset.required = String(milestone.required);
    if (!milestone.required) {
      row.classList.add("km-deadline--optional");
      slot("optional").hidden = false;
    }
    slot("date").dateTime = milestone.date;
    slot("date").textContent = formatDay(milestone.date, this.lang);
    slot("title").textContent = text(milestone.title);
    slot("when").textContent = text(milestone.when);
    slot("action").textContent = text(milestone.action);
    slot("law").replaceChildren(...this.law(milestone.law, plan.acts));
    if (milestone.caveat) {
      const caveat = slot("caveat");
      caveat.hidden = false;
      caveat.textContent = `${milestone.uncertain ? "⚠️" : this.strings.note} ${text(milestone.caveat)}`;
      if (milestone.uncertain) caveat.classList.add("km-deadline__caveat--uncertain");
    }
    const url = this.links[milestone.link];
    if (url) slot("more").href = url;
    else slot("more-line").remove(); // a link the build did not resolve is left out, not broken
    return row;
  }

  // [{act: "aml", section: "§ 4-6 (3)"}, {act: "aml", …}, {act: "ftrl", …}] → the act's name
  // linked to its text, then its sections: "arbeidsmiljøloven § 4-6 (3), § 2-3 (2) f; …".
  law(refs, acts) {
    const groups = [];
    for (const ref of refs) {
      const last = groups[groups.length - 1];
      if (last && last.act === ref.act) last.sections.push(ref.section);
      else groups.push({ act: ref.act, sections: [ref.section] });
    }
    const nodes = [];
    groups.forEach(({ act, sections }, n) => {
      if (n) nodes.push(document.createTextNode("; "));
      const names = acts[act];
      if (names?.url) {
        const link = document.createElement("a");
        link.href = names.url;
        link.textContent = names[this.lang] ?? act;
        nodes.push(link);
      } else {
        nodes.push(document.createTextNode(names?.[this.lang] ?? act));
      }
      nodes.push(document.createTextNode(` ${sections.join(", ")}`));
    });
    return nodes;
  }

  // ------------------------------------------------------------------ the calendar file

  // The plan on screen as an .ics file, made in the worker and saved by the browser: a Blob
  // URL and a download link; nothing is uploaded.
  async downloadIcs() {
    if (!this.plan) return;
    const request = { plan: this.plan, lang: this.lang, dtstamp: new Date().toISOString() };
    const base = new URL(this.root.dataset.kmRoot || "./", window.location.href);
    if (base.protocol === "https:" || base.protocol === "http:") request.base_url = base.href;
    let answer;
    try {
      answer = JSON.parse(await this.runtime.call("ics", "ics_json", JSON.stringify(request)));
    } catch (error) {
      this.notices.say(fill(this.strings.ics_failed, { message: error?.message ?? String(error) }));
      return;
    }
    const blob = new Blob([answer.ics], { type: "text/calendar;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = answer.filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.notices.say(fill(this.strings.ics_done, { filename: answer.filename }));
  }
}
