// The parts of a result that make it a readable report: the overview of long results, the
// reader's own arithmetic, the "close to the line" note, and the reader's cell in a profile
// grid. Everything is written as text into nodes (never as HTML).
import { fill, formatNumber } from "./format.js";

const CLOSE = 0.5; // within half a scale step of a cut-off counts as close to the line

// The bands of a dimension, in order, with their cut-offs and texts (from the templates).
export function bandsOf(root, dimId) {
  return [...root.querySelectorAll(`template[data-km-band^="${CSS.escape(dimId)}/"]`)]
    .filter((tpl) => tpl.dataset.kmBand.split("/")[0] === dimId)
    .map((tpl) => ({ id: tpl.dataset.kmBand.split("/")[1], label: tpl.dataset.label, tone: tpl.dataset.tone, tpl }));
}

// The neighbouring band when `score` lies within half a step of a cut-off, else null.
export function nearBand(root, dimId, dim, tpl) {
  const cuts = tpl.dataset.cuts ? tpl.dataset.cuts.split(" ").map(Number) : [];
  const step = Number(tpl.dataset.step) || 1;
  const bands = bandsOf(root, dimId);
  for (const [k, cut] of cuts.entries()) {
    if (Math.abs(dim.score - cut) < CLOSE * step) {
      const other = bands[k].id === dim.band ? bands[k + 1] : bands[k];
      if (other && other.id !== dim.band) return other;
    }
  }
  return null;
}

// Long results start with an overview: every dimension's level, grouped when the assessment
// groups them (JD-R: demands and resources).
export function overview(widget, result) {
  const box = widget.form.querySelector("[data-km-overview]");
  const body = box.querySelector("[data-km-overview-body]");
  const groups = [...(widget.root.querySelector("template[data-km-groups]")?.content.querySelectorAll("[data-group]") ?? [])];
  const dims = Object.entries(result.dimensions);
  body.replaceChildren();
  box.hidden = !(groups.length || dims.length > 4);
  if (box.hidden) return;
  const sections = groups.map((g) => ({ id: g.dataset.group, title: g.textContent }));
  sections.push({ id: null, title: "" });
  for (const section of sections) {
    const list = document.createElement("ul");
    for (const [dimId, dim] of dims) {
      const tpl = widget.view.template(`data-km-dim="${CSS.escape(dimId)}"`);
      if ((tpl.dataset.group ?? null) !== section.id) continue;
      const band = dim.band === null ? null : bandsOf(widget.root, dimId).find((b) => b.id === dim.band);
      const item = document.createElement("li");
      item.className = `km-overview__item km-tone--${band ? band.tone : "neutral"}`;
      const title = tpl.content.querySelector(".km-dim__title").textContent;
      item.textContent = `${title}: ${band ? band.label : "–"}`;
      list.append(item);
    }
    if (!list.children.length) continue;
    if (section.title) {
      const heading = document.createElement("p");
      heading.className = "km-overview__group";
      heading.textContent = section.title;
      body.append(heading);
    }
    body.append(list);
  }
}

// What counts for an item's answer (the option's points, or its value), and reversed.
function counted(item, value) {
  const option = item.options.find((o) => o.value === value);
  const worth = (o) => ("points" in o ? o.points : o.value);
  const points = option ? worth(option) : value;
  if (!item.reverse) return { points, reversed: false };
  const all = item.options.map(worth);
  return { points: Math.min(...all) + Math.max(...all) - points, reversed: true, raw: points };
}

// The reader's own arithmetic: which answers counted, which were reversed, mean or sum of what.
export function arithmetic(widget, answers, result) {
  const box = widget.form.querySelector("[data-km-arithmetic]");
  const s = widget.strings;
  const lang = widget.lang;
  const number = new Map(widget.spec.items.map((item, n) => [item.id, n + 1]));
  box.replaceChildren();
  for (const [dimId, dim] of Object.entries(result.dimensions)) {
    const tpl = widget.view.template(`data-km-dim="${CSS.escape(dimId)}"`);
    const title = tpl.content.querySelector(".km-dim__title").textContent;
    const line = document.createElement("p");
    if (dim.score === null) {
      line.textContent = fill(s.arith_none, { title, answered: dim.answered, min: tpl.dataset.min });
      box.append(line);
      continue;
    }
    const parts = [];
    const notes = [];
    for (const item of widget.spec.items) {
      if (item.dimension !== dimId || !(item.id in answers)) continue;
      const value = Number(answers[item.id]);
      const c = counted(item, value);
      parts.push(formatNumber(c.points, lang));
      if (c.reversed) {
        notes.push(fill(s.arith_reversed, {
          number: number.get(item.id), answer: formatNumber(c.raw, lang), value: formatNumber(c.points, lang),
        }));
      }
    }
    const template = tpl.dataset.method === "sum" ? s.arith_sum : s.arith_mean;
    line.textContent = fill(template, {
      title, values: parts.join(" + "), count: parts.length, score: formatNumber(dim.score, lang),
    }) + (notes.length ? ` (${notes.join("; ")})` : "");
    box.append(line);
  }
}

// In a profile's 2×2 grid, mark the cell of the reader's bands.
export function markGrid(node, result) {
  const grid = node.querySelector("[data-slot='grid']");
  if (!grid) return;
  const x = result.dimensions[grid.dataset.x]?.band;
  const y = result.dimensions[grid.dataset.y]?.band;
  for (const cell of grid.querySelectorAll("[data-cell]")) {
    if (cell.dataset.cell === `${x}/${y}`) cell.setAttribute("data-here", "");
    else cell.removeAttribute("data-here");
  }
}
