// Checklists on the handbook's pages (pymdownx.tasklist, "- [ ] …" in Markdown) made real: a
// reader can tick each item (mouse, touch or keyboard), the list item's text is the checkbox's
// label, and the ticks are kept on this device, per page. Each checklist (the section under
// one ## heading) gets a "print this checklist" button, a "clear the ticks" button with undo,
// and a count of what is ticked.
//
// A small module of its own, loaded by site.js only on pages with a checklist (each page, also
// under instant navigation): it never starts the Python runtime. Storage: one key per page, km:1:<site path>:checklist:<page path> (see storage.js),
// holding {format, page, title, updated, checked: [item ids]}; an item's id is a hash of its
// text, so a reworded item starts unticked and the others keep their ticks. Ids that match no
// item on the page now are kept, never dropped behind the reader's back.
import { fill } from "./format.js";
import { Notices } from "./notices.js";
import { printOnly } from "./print.js";
import { Storage } from "./storage.js";

const FORMAT = 1;

// FNV-1a (32 bits) of the item's text, in base 36: short, stable, no crypto needed.
function hash(text) {
  let h = 0x811c9dc5;
  for (const char of text) {
    h ^= char.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

// This page's path below the site's root ("practice/own-load/", "en/practice/own-load/").
function pagePath(scope) {
  const path = window.location.pathname.replace(/index\.html$/, "");
  return path.startsWith(scope) ? path.slice(scope.length) : path;
}

function button(label, run) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "md-button";
  element.textContent = label;
  element.addEventListener("click", run);
  return element;
}

// The page's title as its heading shows it (without the permalink sign), for a "My data" list.
function pageTitle() {
  const heading = document.querySelector(".md-content h1");
  if (!heading) return document.title;
  const copy = heading.cloneNode(true);
  for (const extra of copy.querySelectorAll(".headerlink, button")) extra.remove();
  return copy.textContent.trim();
}

// The checkbox of one list item becomes usable, and its label holds the item's text.
function upgradeItem(item, seen) {
  const control = item.querySelector(":scope > label.task-list-control");
  const input = control?.querySelector("input[type=checkbox]");
  if (!input) return null;
  const text = document.createElement("span");
  text.className = "km-checklist__text";
  while (control.nextSibling && !["UL", "OL"].includes(control.nextSibling.nodeName)) {
    text.append(control.nextSibling);
  }
  control.append(text);
  control.removeAttribute("aria-hidden");
  input.disabled = false;
  const base = hash(text.textContent.replace(/\s+/g, " ").trim());
  const count = (seen.get(base) || 0) + 1;
  seen.set(base, count);
  input.dataset.kmCheck = count > 1 ? `${base}-${count}` : base;
  return input;
}

// The element directly inside `article` that holds `node`.
function topLevel(node, article) {
  while (node.parentElement !== article) node = node.parentElement;
  return node;
}

// Each ## section holding a task list becomes one checklist: a wrapper around the heading and
// its content, so that it can be printed on its own.
function sections(article) {
  const found = new Map();
  for (const list of article.querySelectorAll("ul.task-list")) {
    if (list.parentElement.closest("ul.task-list")) continue; // nested: part of its parent
    const top = topLevel(list, article);
    let heading = top;
    while (heading && heading.nodeName !== "H2") heading = heading.previousElementSibling;
    const start = heading || top;
    if (!found.has(start)) found.set(start, { start, lists: [] });
    found.get(start).lists.push(list);
  }
  return [...found.values()].map(({ start, lists }) => {
    const wrapper = document.createElement("div");
    wrapper.className = "km-checklist";
    wrapper.dataset.kmChecklist = start.id || "";
    start.before(wrapper);
    let node = start;
    do {
      const next = node.nextElementSibling;
      wrapper.append(node);
      node = next;
    } while (start.nodeName === "H2" && node && !["H1", "H2"].includes(node.nodeName));
    return { wrapper, lists };
  });
}

class Checklists {
  constructor(article, config) {
    this.strings = config.strings;
    this.storage = new Storage(new URL(config.scope, document.baseURI).pathname);
    this.path = pagePath(this.storage.scope);
    this.key = this.storage.named("checklist", this.path);
    this.kept = []; // stored ids that match no item on the page now
    this.saveProblem = null;
    const seen = new Map();
    this.sections = sections(article).map(({ wrapper, lists }) => {
      const inputs = lists.flatMap((list) =>
        [...list.querySelectorAll("li.task-list-item")].map((item) => upgradeItem(item, seen)))
        .filter(Boolean);
      return { wrapper, inputs, ...this.tools(wrapper) };
    });
    this.sections.forEach((section) => {
      section.print.addEventListener("click", () => printOnly(section.wrapper));
      section.clear.addEventListener("click", () => this.clear(section));
      section.wrapper.addEventListener("change", (event) => {
        if (event.target.matches("input[data-km-check]")) this.changed(section);
      });
    });
    this.restore(true);
    document.documentElement.dataset.kmChecklists = "ready";
  }

  get inputs() {
    return this.sections.flatMap((section) => section.inputs);
  }

  // The count, the privacy note, the buttons and a notice region, after the checklist.
  tools(wrapper) {
    const tools = document.createElement("div");
    tools.className = "km-checklist__tools";
    const status = document.createElement("p");
    status.className = "km-checklist__status";
    const count = document.createElement("span");
    count.dataset.kmChecklistCount = "";
    status.append(count, document.createTextNode(`. ${this.strings.privacy}`));
    const actions = document.createElement("p");
    actions.className = "km-checklist__actions";
    const print = button(this.strings.print, () => {});
    print.dataset.kmChecklistPrint = "";
    const clear = button(this.strings.clear, () => {});
    clear.dataset.kmChecklistClear = "";
    actions.append(print, clear);
    const region = document.createElement("div");
    region.className = "km-notice";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.dataset.kmNotice = "";
    tools.append(status, actions, region);
    wrapper.append(tools);
    return { count, print, clear, notices: new Notices(region) };
  }

  say(text) {
    this.sections[0]?.notices.say(text);
  }

  // Ticks from storage; damaged data is removed, with a notice.
  restore(first) {
    const stored = this.storage.readJSON(this.key);
    if (stored.found && !stored.damaged && valid(stored.data)) {
      const ids = new Set(stored.data.checked);
      for (const input of this.inputs) input.checked = ids.has(input.dataset.kmCheck);
      const here = new Set(this.inputs.map((input) => input.dataset.kmCheck));
      this.kept = stored.data.checked.filter((id) => !here.has(id));
    } else if (stored.found) {
      this.storage.remove(this.key);
      this.say(this.strings.damaged);
    } else if (!first) {
      for (const input of this.inputs) input.checked = false;
      this.kept = [];
    }
    this.update();
  }

  update() {
    for (const { inputs, count } of this.sections) {
      const done = inputs.filter((input) => input.checked).length;
      count.textContent = fill(this.strings.progress, { done, total: inputs.length });
    }
  }

  // Store the ticks; nothing ticked (and nothing kept) → nothing stored at all.
  save(section) {
    const checked = [...this.kept, ...this.inputs.filter((i) => i.checked).map((i) => i.dataset.kmCheck)];
    if (!checked.length) {
      this.storage.remove(this.key);
      return;
    }
    const title = pageTitle();
    const written = this.storage.write(this.key, {
      format: FORMAT, page: this.path, title, updated: new Date().toISOString(), checked,
    });
    const problem = written.ok ? null : written.reason;
    if (problem && problem !== this.saveProblem) {
      section.notices.say(problem === "full" ? this.strings.save_failed_full : this.strings.storage_off);
    } else if (!problem && this.saveProblem) {
      section.notices.say(this.strings.save_works_again);
    }
    this.saveProblem = problem;
  }

  changed(section) {
    this.save(section);
    this.update();
  }

  // Untick this checklist; undo ticks the same items again.
  clear(section) {
    const ticked = section.inputs.filter((input) => input.checked);
    for (const input of ticked) input.checked = false;
    this.save(section);
    this.update();
    section.notices.offerUndo(this.strings.cleared, this.strings.undo, () => {
      for (const input of ticked) input.checked = true;
      this.save(section);
      this.update();
    });
  }
}

function valid(data) {
  return data !== null && typeof data === "object" && Array.isArray(data.checked)
    && data.checked.every((id) => typeof id === "string");
}

let current = null; // the checklists of the page shown; the storage listener follows it
window.addEventListener("storage", (event) => {
  if (current && event.key === current.key) current.restore(false);
});

// Set up the checklists of the page now shown; config = {scope, strings}.
export function initChecklists(config) {
  const article = document.querySelector(".md-content .md-typeset");
  if (!config?.strings || !article || article.dataset.kmChecklists) return;
  if (!article.querySelector("li.task-list-item")) return;
  article.dataset.kmChecklists = "yes";
  current = new Checklists(article, config);
}
