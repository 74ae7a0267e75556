// The result of one assessment on the page, built from templates rendered at build time: the
// script clones them and fills in numbers and labels as text (never as HTML).
import { fill, formatDate, formatNumber } from "./format.js";
import { drawHistory } from "./history-chart.js";
import { arithmetic, bandsOf, markGrid, nearBand, overview } from "./report.js";
import { scoreBar } from "./svg.js";

const HISTORY_SHOWN = 5;

export class ResultView {
  constructor(widget) {
    this.widget = widget;
    this.root = widget.root;
    this.form = widget.form;
    this.spec = widget.spec;
    this.strings = widget.strings;
    this.lang = widget.lang;
    this.element = this.form.querySelector("[data-km-result]");
  }

  template(selector) {
    return this.root.querySelector(`template[${selector}]`);
  }

  hide() {
    for (const node of this.form.querySelectorAll(".km-explain")) node.remove();
    this.element.hidden = true;
    delete this.element.dataset.assessmentResult;
    delete this.element.dataset.kmStale;
  }

  // `json` is the result exactly as Python printed it; it becomes data-assessment-result.
  show(json, { answers, history, focus }) {
    const result = JSON.parse(json);
    const body = this.element.querySelector("[data-km-result-body]");
    body.replaceChildren(...this.dimensions(result));
    // The overall picture (profiles) comes first, before the parts it is made of.
    body.prepend(...this.profiles(result));
    overview(this.widget, result);
    this.unanswered(result, answers);
    arithmetic(this.widget, answers, result);
    this.explanations();
    this.history(history);
    this.widget.plan.offer(result);
    const last = history[history.length - 1];
    this.element.querySelector("[data-km-report-date]").textContent = last ? formatDate(last.at, this.lang) : "";
    this.element.dataset.assessmentResult = json;
    delete this.element.dataset.kmStale;
    this.element.hidden = false;
    // Focus moves to the result (a screen reader announces it; the page scrolls to it) in the
    // next frame. Focusing lays the page out, which the browser does for that frame anyway:
    // done here, it would hold up the rest of the submit (~10-15 ms on a first result).
    if (focus) requestAnimationFrame(() => this.element.focus());
  }

  dimensions(result) {
    const nodes = [];
    for (const [dimId, dim] of Object.entries(result.dimensions)) {
      const tpl = this.template(`data-km-dim="${CSS.escape(dimId)}"`);
      const node = tpl.content.cloneNode(true);
      const slot = (name) => node.querySelector(`[data-slot="${name}"]`);
      const lo = Number(tpl.dataset.lo);
      const hi = Number(tpl.dataset.hi);
      if (dim.score === null) {
        slot("band").textContent = "–";
        slot("score").textContent = fill(this.strings.no_score, {
          answered: dim.answered, items: dim.items, min: tpl.dataset.min,
        });
        slot("bar").hidden = true;
      } else {
        const band = bandsOf(this.root, dimId).find((b) => b.id === dim.band);
        node.querySelector(".km-dim").classList.add(`km-tone--${band.tone}`);
        slot("band").textContent = band.label;
        slot("score").textContent = fill(this.strings.score_of, {
          score: formatNumber(dim.score, this.lang),
          lo: formatNumber(lo, this.lang),
          hi: formatNumber(hi, this.lang),
        });
        const cuts = tpl.dataset.cuts ? tpl.dataset.cuts.split(" ").map(Number) : [];
        slot("bar").append(scoreBar({ lo, hi, cuts, score: dim.score, tone: band.tone }));
        slot("feedback").append(band.tpl.content.cloneNode(true));
        const other = nearBand(this.root, dimId, dim, tpl);
        if (other) {
          const near = document.createElement("details");
          near.className = "km-near";
          near.dataset.kmNear = other.id;
          const summary = document.createElement("summary");
          summary.textContent = fill(this.strings.near, { label: other.label });
          const text = document.createElement("div");
          text.append(other.tpl.content.cloneNode(true));
          near.append(summary, text);
          slot("feedback").after(near);
        }
      }
      slot("answered").textContent = fill(this.strings.answered_of, {
        answered: dim.answered, items: dim.items,
      });
      nodes.push(node);
    }
    return nodes;
  }

  profiles(result) {
    const nodes = [];
    for (const [profileId, ruleId] of Object.entries(result.profiles)) {
      const node = this.template(`data-km-profile="${CSS.escape(profileId)}"`).content.cloneNode(true);
      const rule = this.template(`data-km-rule="${CSS.escape(`${profileId}/${ruleId ?? ""}`)}"`);
      node.querySelector('[data-slot="label"]').textContent = rule.dataset.label;
      node.querySelector('[data-slot="feedback"]').append(rule.content.cloneNode(true));
      markGrid(node, result);
      nodes.push(node);
    }
    return nodes;
  }

  unanswered(result, answers) {
    const missing = this.spec.items
      .map((item, index) => (item.id in answers ? null : index + 1))
      .filter((n) => n !== null);
    const note = this.element.querySelector("[data-km-unanswered]");
    note.hidden = missing.length === 0 || result.complete;
    note.textContent = missing.length ? fill(this.strings.unanswered, { items: missing.join(", ") }) : "";
  }

  // Knowledge checks: under each question, whether the answer was right, and why. The right
  // answer was decided at build time (data-km-right on the fieldset).
  explanations() {
    for (const fieldset of this.form.querySelectorAll("fieldset[data-km-right]")) {
      fieldset.querySelector(".km-explain")?.remove();
      const tpl = fieldset.querySelector("template[data-km-explain]");
      if (!tpl) continue;
      const rightValue = fieldset.dataset.kmRight;
      const labelOf = (value) => {
        const input = fieldset.querySelector(`input[value="${CSS.escape(String(value))}"]`);
        return input ? input.parentElement.textContent.trim() : "–";
      };
      const chosen = fieldset.querySelector("input:checked");
      const right = chosen !== null && chosen.value === rightValue;
      const verdict = [fill(right ? this.strings.right : this.strings.correct, { label: labelOf(rightValue) })];
      if (chosen && !right) verdict.push(fill(this.strings.yours, { label: labelOf(chosen.value) }));
      const node = tpl.content.cloneNode(true);
      const slot = node.querySelector('[data-slot="verdict"]');
      slot.textContent = verdict.join(" ");
      slot.dataset.right = right ? "yes" : "no";
      fieldset.append(node);
    }
  }

  history(history) {
    const box = this.element.querySelector("[data-km-history]");
    const list = box.querySelector("[data-km-history-list]");
    list.replaceChildren();
    const charted = drawHistory(this.widget, history);
    const earlier = history.slice(0, -1).reverse().slice(0, HISTORY_SHOWN);
    for (const entry of earlier) {
      let result;
      try {
        result = JSON.parse(entry.json);
      } catch {
        continue;
      }
      const parts = Object.entries(result.dimensions ?? {}).map(([dimId, dim]) => {
        const title = this.template(`data-km-dim="${CSS.escape(dimId)}"`)
          ?.content.querySelector(".km-dim__title").textContent ?? dimId;
        return `${title}: ${dim.score === null ? "–" : formatNumber(dim.score, this.lang)}`;
      });
      const li = document.createElement("li");
      const date = formatDate(entry.at, this.lang);
      li.textContent = date ? `${date} — ${parts.join("; ")}` : parts.join("; ");
      list.append(li);
    }
    box.hidden = !charted && list.children.length === 0;
  }

  // An answer changed after scoring: the result on screen no longer matches the form.
  markStale() {
    if (!this.element.hidden) this.element.dataset.kmStale = "yes";
  }
}
