// "My data" (/my-results/): every assessment with data on this device, its last result and
// date, export and import of everything, what is stored where, and delete all (asked first,
// with undo). Files brought in are checked and scored again in the worker. Nothing is sent
// anywhere; the only requests are same-origin GETs of the assessments' own specs.
import { fill, formatDate, readData } from "./format.js";
import { Notices } from "./notices.js";
import { download, fileFromRecord, fileText, importedNotice, mergeContent, readContent } from "./result-file.js";
import { checkRecord } from "./storage.js";

const BUNDLE = "krav-og-mestring/results";

export function mountMyResults(root, context) {
  return new MyResults(root, context);
}

class MyResults {
  constructor(root, { runtime, storage, config }) {
    this.root = root;
    this.runtime = runtime;
    this.storage = storage;
    this.config = config;
    this.lang = root.dataset.kmLang || config.lang;
    this.catalog = readData(root, "[data-km-catalog]");
    this.strings = readData(root, "[data-km-strings]");
    this.notices = new Notices(root.querySelector("[data-km-notice]"));
    this.specs = new Map();
    root.querySelector("[data-km-export-all]").addEventListener("click", () => this.exportAll());
    root.querySelector("[data-km-delete-all]").addEventListener("click", () => this.deleteAll());
    const input = root.querySelector("[data-km-import]");
    input.addEventListener("change", async () => {
      const files = [...input.files];
      input.value = "";
      await this.importFiles(files);
    });
    // Files dragged onto the page's region are brought in as if chosen with the input.
    root.addEventListener("dragover", (event) => {
      if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
      event.preventDefault();
      root.classList.add("km-dropping");
    });
    root.addEventListener("dragleave", (event) => {
      if (!root.contains(event.relatedTarget)) root.classList.remove("km-dropping");
    });
    root.addEventListener("drop", async (event) => {
      event.preventDefault();
      root.classList.remove("km-dropping");
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length) await this.importFiles(files);
    });
    for (const control of root.querySelectorAll("[disabled]")) control.disabled = false;
    root.querySelector("[data-km-needs-js]")?.remove();
    if (!storage.available) this.notices.say(this.strings.storage_off);
    this.render();
    root.dataset.kmStarted = "yes";
  }

  // Stored assessment records: id → {version, key, record}.
  stored() {
    const out = new Map();
    for (const entry of this.storage.entries()) {
      const match = /^([a-z0-9-]+)@(\d+)$/.exec(entry.name);
      if (!match || !(match[1] in this.catalog)) continue;
      const stored = this.storage.readJSON(entry.key);
      const record = stored.found && !stored.damaged ? checkRecord(stored.data) : checkRecord(null);
      const previous = out.get(match[1]);
      if (!previous || Number(match[2]) > previous.version) {
        out.set(match[1], { version: Number(match[2]), key: entry.key, record });
      }
    }
    return out;
  }

  render() {
    const s = this.strings;
    const list = this.root.querySelector("[data-km-stored-list]");
    const stored = this.stored();
    list.replaceChildren(...[...stored.entries()].map(([id, { version, record }]) => {
      const info = this.catalog[id];
      const li = document.createElement("li");
      li.dataset.kmStored = id;
      const link = document.createElement("a");
      link.href = info.url;
      link.textContent = info.title;
      const last = record.history[record.history.length - 1];
      const detail = document.createElement("span");
      const parts = [last ? fill(s.my_results_last, { date: formatDate(last.at, this.lang) }) : s.my_results_answers_only];
      if (record.history.length) parts.push(fill(s.my_results_count, { count: record.history.length }));
      if (version < info.version) parts.push(s.my_results_older);
      detail.textContent = ` — ${parts.join(" ")}`;
      li.append(link, detail);
      return li;
    }));
    this.root.querySelector("[data-km-nothing]").hidden = stored.size > 0;
    this.renderTable();
  }

  renderTable() {
    const s = this.strings;
    const rows = this.storage.entries().map((entry) => {
      const tr = document.createElement("tr");
      const match = /^([a-z0-9-]+)@\d+$/.exec(entry.name);
      let what = s.my_results_kind_other;
      if (match && match[1] in this.catalog) what = fill(s.my_results_kind_assessment, { title: this.catalog[match[1]].title });
      else if (entry.name.startsWith("checklist:")) what = fill(s.my_results_kind_checklist, { page: entry.name.slice(10) });
      for (const text of [entry.key, what, fill(s.my_results_size, { size: entry.size })]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    });
    this.root.querySelector("[data-km-storage-rows]").replaceChildren(...rows);
  }

  async spec(id) {
    if (!this.specs.has(id)) {
      const url = new URL(`specs/${id}.json`, new URL(this.config.assets, document.baseURI));
      this.specs.set(id, fetch(url, { credentials: "same-origin" }).then((r) => {
        if (!r.ok) throw new Error(`spec ${id}: HTTP ${r.status}`);
        return r.text();
      }));
    }
    return this.specs.get(id);
  }

  async exportAll() {
    const files = [];
    for (const [id, { version, record }] of this.stored()) {
      if (version !== this.catalog[id].version) continue; // open the assessment to bring it up to date
      files.push(fileFromRecord(JSON.parse(await this.spec(id)), record, { lang: this.lang }));
    }
    const day = new Date().toISOString().slice(0, 10);
    download({ format: BUNDLE, format_version: 1, exported: new Date().toISOString(), files }, `krav-og-mestring-${day}.json`);
  }

  // Result files, or a bundle of them: each one checked and scored again, each on its own.
  async importFiles(chosen) {
    const messages = [];
    for (const file of chosen) {
      const text = await fileText(file);
      let parts = [{ text, name: file.name }];
      try {
        const data = JSON.parse(text);
        if (data?.format === BUNDLE && Array.isArray(data.files)) {
          parts = data.files.map((f) => ({ text: JSON.stringify(f), name: file.name, assessment: f?.assessment }));
        } else {
          parts[0].assessment = data?.assessment;
        }
      } catch {
        // read below: resultfile.py says what is wrong with it
      }
      for (const part of parts) messages.push(await this.importOne(part));
    }
    this.render();
    this.notices.say(messages.join(" "));
  }

  async importOne({ text, name, assessment }) {
    const s = this.strings;
    if (!(assessment in this.catalog)) return fill(s.my_results_import_unknown, { file: name });
    let specText;
    try {
      specText = await this.spec(assessment);
    } catch {
      return s.import_failed;
    }
    const { content, notice } = await readContent(this.runtime, s, specText, text);
    if (!content) return `${name}: ${notice}`;
    const key = this.storage.key(assessment, content.version);
    const stored = this.storage.readJSON(key);
    const record = stored.found && !stored.damaged ? checkRecord(stored.data) : checkRecord(null);
    const merged = mergeContent({ format: 1, assessment, version: content.version, ...record }, content);
    delete merged.damaged;
    this.storage.write(key, { ...merged, updated: new Date().toISOString() });
    return `${fill(s.my_results_imported, { title: this.catalog[assessment].title })} ${importedNotice(s, content)}`;
  }

  async deleteAll() {
    const s = this.strings;
    if (!(await this.notices.ask(s.my_results_delete_confirm, s.yes_delete, s.cancel))) return;
    const copy = this.storage.entries().map((entry) => [entry.key, this.storage.read(entry.key)]);
    for (const [key] of copy) this.storage.remove(key);
    this.render();
    this.notices.offerUndo(s.my_results_deleted, s.undo, () => {
      for (const [key, value] of copy) if (value !== null) this.storage.writeText(key, value);
      this.render();
    });
  }
}
