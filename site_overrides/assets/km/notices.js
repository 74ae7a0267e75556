// One widget's notices: a polite live region ([data-km-notice]) that says what just happened,
// with buttons when the reader can act on it (retry, undo, confirm). Questions are asked here,
// inside the page, never with the browser's confirm(); the confirming button carries
// [data-km-confirm].
export class Notices {
  constructor(region) {
    this.region = region;
    this.timer = null;
  }

  // Show `text`, with `actions` = [{label, run, confirm?}] as buttons.
  say(text, actions = []) {
    clearTimeout(this.timer);
    const paragraph = document.createElement("p");
    paragraph.textContent = text || "";
    const nodes = text ? [paragraph] : [];
    if (actions.length) {
      const row = document.createElement("p");
      row.className = "km-notice__actions";
      for (const action of actions) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = action.label;
        if (action.confirm) button.dataset.kmConfirm = "";
        if (action.name) button.dataset.kmAction = action.name;
        button.addEventListener("click", () => action.run());
        row.append(button);
      }
      nodes.push(row);
    }
    this.region.replaceChildren(...nodes);
  }

  clear() {
    this.say("");
  }

  get text() {
    return this.region.textContent;
  }

  // Ask `question`; resolves true when the reader confirms, false when they cancel.
  ask(question, yes, no) {
    return new Promise((resolve) => {
      const answer = (value) => {
        this.clear();
        resolve(value);
      };
      this.say(question, [
        { label: yes, run: () => answer(true), confirm: true },
        { label: no, run: () => answer(false) },
      ]);
      this.region.querySelector("[data-km-confirm]")?.focus();
    });
  }

  // Say `text` with an undo button for `seconds`; `undo` runs when it is pressed in time.
  offerUndo(text, label, undo, seconds = 10) {
    this.say(text, [{ label, name: "undo", run: () => { this.clear(); undo(); } }]);
    this.timer = setTimeout(() => {
      this.region.querySelector('[data-km-action="undo"]')?.closest("p")?.remove();
    }, seconds * 1000);
  }
}
