// The reader's action plan for one assessment: actions offered for their bands, and their own.
// Kept only in this device's storage (and in their exported file and printed report). Each
// entry is {id, text, done, due}; ticking marks it done; a date can be set; own actions can be
// edited and removed (with undo).
const OWN = "own-";

export class Plan {
  constructor(widget) {
    this.widget = widget;
    this.box = widget.form.querySelector("[data-km-plan]");
    if (!this.box) return;
    this.list = this.box.querySelector("[data-km-plan-list]");
    this.suggestions = this.box.querySelector("[data-km-plan-suggestion-list]");
    this.ownInput = this.box.querySelector("[data-km-plan-own]");
    this.box.querySelector("[data-km-plan-add]").addEventListener("click", () => this.addOwn());
    this.ownInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.addOwn();
      }
    });
    this.offered = [];
  }

  get entries() {
    return this.widget.record.plan;
  }

  set entries(value) {
    this.widget.record.plan = value;
  }

  changed() {
    this.widget.save();
    this.render();
  }

  // The actions offered for the bands of `result` (from the templates), without duplicates.
  offer(result) {
    if (!this.box) return;
    const seen = new Set();
    this.offered = [];
    for (const [dimId, dim] of Object.entries(result.dimensions)) {
      if (dim.band === null) continue;
      const tpl = this.widget.root.querySelector(`template[data-km-actions="${CSS.escape(`${dimId}/${dim.band}`)}"]`);
      for (const li of tpl?.content.querySelectorAll("[data-action]") ?? []) {
        if (seen.has(li.dataset.action)) continue;
        seen.add(li.dataset.action);
        // The link is a real <a href> (so every generator resolves it), read from the template.
        const link = li.querySelector("a")?.getAttribute("href") ?? null;
        this.offered.push({ id: li.dataset.action, text: li.querySelector("span").textContent.trim(), link });
      }
    }
    this.render();
  }

  render() {
    if (!this.box) return;
    const s = this.widget.strings;
    this.list.replaceChildren(...this.entries.map((entry) => this.row(entry)));
    const inPlan = new Set(this.entries.map((e) => e.id));
    const open = this.offered.filter((a) => !inPlan.has(a.id));
    this.suggestions.replaceChildren(...open.map((action) => {
      const li = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = `${action.text} `;
      li.append(text);
      if (action.link) {
        const link = document.createElement("a");
        link.href = action.link;
        link.textContent = s.plan_read;
        li.append(link, " ");
      }
      const add = document.createElement("button");
      add.type = "button";
      add.className = "md-button km-plan__add";
      add.dataset.kmPlanSuggestion = action.id;
      add.textContent = s.plan_add;
      add.setAttribute("aria-label", `${s.plan_add}: ${action.text}`);
      add.addEventListener("click", () => {
        this.entries = [...this.entries, { id: action.id, text: action.text, done: false, due: null }];
        this.changed();
      });
      li.append(add);
      return li;
    }));
    this.suggestions.closest("[data-km-plan-suggestions]").hidden = open.length === 0;
  }

  row(entry) {
    const s = this.widget.strings;
    const li = document.createElement("li");
    li.className = "km-plan__item";
    const id = `km-${this.widget.id}-plan-${entry.id}`;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = entry.done;
    box.dataset.kmAction = entry.id;
    box.addEventListener("change", () => {
      entry.done = box.checked;
      this.changed();
    });
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = entry.text;
    const due = document.createElement("input");
    due.type = "date";
    due.value = entry.due ?? "";
    due.setAttribute("aria-label", `${s.plan_due}: ${entry.text}`);
    due.addEventListener("change", () => {
      entry.due = due.value || null;
      this.changed();
    });
    const dueLabel = document.createElement("span");
    dueLabel.className = "km-plan__due";
    dueLabel.append(`${s.plan_due} `, due);
    const edit = this.button(s.plan_edit, `${s.plan_edit}: ${entry.text}`, () => this.edit(li, entry));
    li.append(box, " ", label, " ", dueLabel, " ", edit);
    li.append(" ", this.button(s.plan_remove, `${s.plan_remove}: ${entry.text}`, () => this.remove(entry)));
    return li;
  }

  button(text, label, run) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "km-plan__button";
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.addEventListener("click", run);
    return button;
  }

  edit(li, entry) {
    const s = this.widget.strings;
    const input = document.createElement("input");
    input.type = "text";
    input.maxLength = 500;
    input.value = entry.text;
    input.setAttribute("aria-label", `${s.plan_edit}: ${entry.text}`);
    const save = this.button(s.plan_save, s.plan_save, () => {
      if (input.value.trim()) entry.text = input.value.trim();
      this.changed();
    });
    li.replaceChildren(input, " ", save);
    input.focus();
  }

  remove(entry) {
    const before = this.entries;
    this.entries = before.filter((e) => e !== entry);
    this.changed();
    this.widget.notices.offerUndo(this.widget.strings.plan_removed, this.widget.strings.undo, () => {
      this.entries = before;
      this.changed();
    });
  }

  addOwn() {
    const text = this.ownInput.value.trim();
    if (!text) return;
    this.entries = [...this.entries, { id: `${OWN}${Date.now().toString(36)}`, text, done: false, due: null }];
    this.ownInput.value = "";
    this.changed();
  }
}
