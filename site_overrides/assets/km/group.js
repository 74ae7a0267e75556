// The group results page: participants' share files in, figures for the group out — with
// nothing collected. Files are read in this page, checked and scored again in the worker by
// the engine (handbook/group.py, which uses scoring.py), and kept only in memory: nothing is
// sent, nothing is stored. The only requests are same-origin GETs for the site's own files
// (an assessment's spec, the runtime). Below the threshold a group's region shows no number
// of any kind: the figures live in a <template> that is cloned only when the group is large
// enough (see handbook/templates/km/group-results.html).
import { fill, formatNumber, readData } from "./format.js";
import { Notices } from "./notices.js";
import { stripChart } from "./group-chart.js";

export function mountGroup(root, { runtime, config }) {
  return new GroupPage(root, { runtime, config });
}

class GroupPage {
  constructor(root, { runtime, config }) {
    this.root = root;
    this.runtime = runtime;
    this.lang = root.dataset.kmLang || config.lang;
    this.assets = new URL(config.assets, document.baseURI);
    this.min = Number(root.dataset.kmMin);
    this.maxBytes = Number(root.dataset.kmMaxBytes);
    this.strings = readData(root, "[data-km-group-strings]");
    this.known = readData(root, "[data-km-group-known]");
    this.notices = new Notices(root.querySelector("[data-km-notice]"));
    this.input = root.querySelector("input[type=file][data-km-group-files]");
    this.list = root.querySelector("[data-km-group-file-list]");
    this.files = []; // {name, text} or {name, problem}; in memory only
    this.specs = new Map(); // assessment id → Promise of its spec (parsed)
    this.queue = Promise.resolve();

    this.input.addEventListener("change", () => {
      const chosen = [...this.input.files];
      this.input.value = "";
      this.add(chosen);
    });
    const drop = root.querySelector("[data-km-group-drop]");
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("km-group-drop--over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("km-group-drop--over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("km-group-drop--over");
      this.add([...(event.dataTransfer?.files ?? [])]);
    });
    root.querySelector("[data-km-group-clear]").addEventListener("click", () => this.clear());
    root.querySelector("[data-km-group-print]").addEventListener("click", () => window.print());

    root.querySelector("[data-km-needs-js]")?.remove();
    this.input.disabled = false;
    root.dataset.kmStarted = "yes";
  }

  // Files are handled one batch at a time, in the order they arrive.
  add(fileList) {
    if (!fileList.length) return this.queue;
    this.queue = this.queue.then(() => this.read(fileList)).then(() => this.update());
    return this.queue;
  }

  async read(fileList) {
    this.root.setAttribute("aria-busy", "true");
    this.notices.say(this.strings.reading);
    for (const file of fileList) {
      if (file.size > this.maxBytes) {
        this.files.push({ name: file.name, problem: "too-big" });
        continue;
      }
      try {
        this.files.push({ name: file.name, text: await file.text() });
      } catch {
        this.files.push({ name: file.name, problem: "unreadable" });
      }
    }
  }

  // The spec of each assessment a file names (one same-origin GET per assessment, once).
  spec(id) {
    if (!this.specs.has(id)) {
      const url = new URL(`specs/${encodeURIComponent(id)}.json`, this.assets);
      const promise = fetch(url, { credentials: "same-origin" }).then((response) => {
        if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
        return response.json();
      });
      promise.catch(() => this.specs.delete(id)); // a later try fetches again
      this.specs.set(id, promise);
    }
    return this.specs.get(id);
  }

  named(text) {
    try {
      const id = JSON.parse(text)?.assessment;
      return typeof id === "string" && Object.hasOwn(this.known, id) ? id : null;
    } catch {
      return null;
    }
  }

  async update() {
    const readable = this.files.filter((file) => typeof file.text === "string");
    let out;
    try {
      if (readable.length) {
        if (this.runtime.state !== "ready") this.notices.say(this.strings.loading);
        const ids = [...new Set(readable.map((file) => this.named(file.text)).filter(Boolean))];
        const specs = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await this.spec(id)])));
        const texts = readable.map((file) => file.text);
        out = JSON.parse(await this.runtime.call("group", "read_files_json", JSON.stringify(specs), JSON.stringify(texts)));
      } else {
        out = { files: [], groups: {} };
      }
    } catch (error) {
      this.root.removeAttribute("aria-busy");
      this.root.dataset.kmError = String(error?.message ?? error);
      this.notices.say(this.strings.failed, [{ label: this.strings.retry, name: "retry", run: () => this.retry() }]);
      return;
    }
    readable.forEach((file, n) => { file.status = out.files[n]; });
    this.showFiles();
    this.showGroups(out.groups);
    this.root.removeAttribute("aria-busy");
    this.notices.say(this.files.length ? this.strings.done : "");
  }

  retry() {
    this.queue = this.queue.then(() => this.update());
    return this.queue;
  }

  clear() {
    this.files = [];
    this.showFiles();
    this.showGroups({});
    this.notices.say(this.strings.cleared);
    this.input.focus();
  }

  title(id) {
    return this.root.querySelector(`[data-km-group="${CSS.escape(id)}"] h3`)?.textContent ?? id;
  }

  fileText(file) {
    const status = file.status ?? { status: "refused", reason: file.problem };
    const key = status.status === "refused" ? `file_${status.reason}` : `file_${status.status}`;
    return fill(this.strings[key] ?? this.strings["file_not-result"], {
      name: file.name,
      title: status.assessment ? this.title(status.assessment) : "",
      detail: status.detail ?? "",
      current: status.assessment ? this.known[status.assessment] : "",
    });
  }

  showFiles() {
    const items = this.files.map((file) => {
      const item = document.createElement("li");
      const status = file.status ?? { status: "refused", reason: file.problem };
      item.dataset.kmGroupFile = status.status;
      if (status.reason) item.dataset.reason = status.reason;
      item.className = `km-group-file km-group-file--${status.status}`;
      item.textContent = this.fileText(file);
      return item;
    });
    this.list.replaceChildren(...items);
    this.root.querySelector("[data-km-group-file-section]").hidden = !this.files.length;
  }

  // Each region: hidden without files; below the threshold only its explanation; else figures.
  showGroups(groups) {
    for (const region of this.root.querySelectorAll("[data-km-group]")) {
      const id = region.dataset.kmGroup;
      const result = groups[id];
      const figures = region.querySelector("[data-km-group-figures]");
      const tooFew = region.querySelector("[data-km-group-too-few]");
      figures.replaceChildren();
      delete region.dataset.kmGroupResult;
      if (!result) {
        region.hidden = true;
        delete region.dataset.kmGroupN;
        tooFew.hidden = true;
        continue;
      }
      region.hidden = false;
      region.dataset.kmGroupN = String(result.n);
      if (result.n < this.min) {
        tooFew.hidden = false;
        continue;
      }
      tooFew.hidden = true;
      region.dataset.kmGroupResult = JSON.stringify(result);
      figures.append(this.figures(region, result));
    }
  }

  figures(region, result) {
    const fragment = region.querySelector("template[data-km-group-template]").content.cloneNode(true);
    const num = (value) => formatNumber(value, this.lang);
    const count = fragment.querySelector('[data-slot="count"]');
    count.textContent = fill(count.dataset.template, { n: result.n });
    for (const section of fragment.querySelectorAll("[data-km-group-dim]")) {
      const dim = result.dimensions[section.dataset.kmGroupDim];
      const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
      if (!dim) {
        slot("too-few").hidden = false;
        slot("figure").remove();
        slot("discuss")?.remove();
        continue;
      }
      const lo = Number(section.dataset.lo);
      const hi = Number(section.dataset.hi);
      for (const name of ["median", "q1", "q3"]) slot(name).textContent = num(dim[name]);
      const alt = slot("alt");
      alt.id = `km-group-${region.dataset.kmGroup}-${section.dataset.kmGroupDim}-alt`;
      alt.textContent = fill(alt.dataset.template, {
        title: section.dataset.title, lo: num(lo), hi: num(hi),
        q1: num(dim.q1), q3: num(dim.q3), median: num(dim.median),
      });
      const bands = [...section.querySelectorAll("[data-km-group-band]")].map((row) => {
        const count = dim.bands[row.dataset.kmGroupBand] ?? 0;
        row.querySelector('[data-slot="count"]').textContent = String(count);
        return { id: row.dataset.kmGroupBand, upto: row.dataset.upto === "" ? null : Number(row.dataset.upto), count };
      });
      slot("chart").append(stripChart({ lo, hi, dim, bands, labelledBy: alt.id, format: num }));
      for (const block of section.querySelectorAll("[data-km-group-discuss]")) {
        if (!dim.bands[block.dataset.kmGroupDiscuss]) block.remove();
      }
      const discuss = slot("discuss");
      if (discuss && !discuss.querySelector("[data-km-group-discuss]")) discuss.remove();
    }
    for (const section of fragment.querySelectorAll("[data-km-group-profile]")) {
      const counts = result.profiles[section.dataset.kmGroupProfile];
      if (!counts) {
        section.querySelector('[data-slot="too-few"]').hidden = false;
        section.querySelector('[data-slot="table"]').remove();
        continue;
      }
      for (const row of section.querySelectorAll("[data-km-group-rule]")) {
        row.querySelector('[data-slot="count"]').textContent = String(counts[row.dataset.kmGroupRule] ?? 0);
      }
    }
    return fragment;
  }
}
