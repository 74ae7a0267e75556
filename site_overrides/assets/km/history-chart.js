// Earlier results compared: one small chart per dimension across attempts, with the band
// cut-offs, and an honest reading of the last change in words — a change smaller than one
// scale step is "about the same". The words are the text alternative of each chart.
import { fill, formatDate, formatNumber } from "./format.js";
import { svg } from "./svg.js";

const WIDTH = 320;
const HEIGHT = 96;
const PAD = { left: 34, right: 10, top: 8, bottom: 22 };

function results(history) {
  const out = [];
  for (const entry of history) {
    try {
      out.push({ at: entry.at, result: JSON.parse(entry.json) });
    } catch {
      // an entry we cannot read is left out of the comparison (it stays stored)
    }
  }
  return out;
}

function reading(strings, step, before, after) {
  if (Math.abs(after - before) < step) return strings.trend_same;
  return after > before ? strings.trend_up : strings.trend_down;
}

function chart({ title, lo, hi, cuts, points, lang, label }) {
  const x0 = PAD.left;
  const x1 = WIDTH - PAD.right;
  const y = (v) => PAD.top + (hi > lo ? (1 - (v - lo) / (hi - lo)) : 0) * (HEIGHT - PAD.top - PAD.bottom);
  const x = (n) => (points.length > 1 ? x0 + (n * (x1 - x0)) / (points.length - 1) : (x0 + x1) / 2);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "km-chart", role: "img", "aria-label": label });
  root.append(svg("rect", { class: "km-chart__area", x: x0, y: PAD.top, width: x1 - x0, height: HEIGHT - PAD.top - PAD.bottom }));
  for (const cut of cuts) {
    root.append(svg("line", { class: "km-chart__cut", x1: x0, x2: x1, y1: y(cut), y2: y(cut) }));
  }
  root.append(svg("text", { class: "km-chart__tick", x: x0 - 4, y: y(hi) + 4, "text-anchor": "end" }, formatNumber(hi, lang)));
  root.append(svg("text", { class: "km-chart__tick", x: x0 - 4, y: y(lo) + 4, "text-anchor": "end" }, formatNumber(lo, lang)));
  const scored = points.map((p, n) => ({ ...p, n })).filter((p) => p.score !== null);
  if (scored.length > 1) {
    root.append(svg("polyline", {
      class: "km-chart__line", points: scored.map((p) => `${x(p.n)},${y(p.score)}`).join(" "),
    }));
  }
  for (const p of scored) root.append(svg("circle", { class: "km-chart__dot", cx: x(p.n), cy: y(p.score), r: 4 }));
  const first = points[0];
  const last = points[points.length - 1];
  root.append(svg("text", { class: "km-chart__tick", x: x0, y: HEIGHT - 6 }, formatDate(first.at, lang).split(",")[0]));
  root.append(svg("text", { class: "km-chart__tick", x: x1, y: HEIGHT - 6, "text-anchor": "end" }, formatDate(last.at, lang).split(",")[0]));
  root.dataset.title = title;
  return root;
}

// Draw the comparison into [data-km-history-chart]; returns whether there was anything to compare.
export function drawHistory(widget, history) {
  const box = widget.form.querySelector("[data-km-history-chart]");
  box.replaceChildren();
  const attempts = results(history);
  if (attempts.length < 2) return false;
  const s = widget.strings;
  for (const [dimId] of Object.entries(attempts[attempts.length - 1].result.dimensions ?? {})) {
    const tpl = widget.view.template(`data-km-dim="${CSS.escape(dimId)}"`);
    if (!tpl) continue;
    const title = tpl.content.querySelector(".km-dim__title").textContent;
    const points = attempts.map((a) => ({ at: a.at, score: a.result.dimensions?.[dimId]?.score ?? null }));
    const scored = points.filter((p) => p.score !== null);
    const figure = document.createElement("figure");
    figure.className = "km-chart-figure";
    figure.append(chart({
      title,
      lo: Number(tpl.dataset.lo),
      hi: Number(tpl.dataset.hi),
      cuts: tpl.dataset.cuts ? tpl.dataset.cuts.split(" ").map(Number) : [],
      points,
      lang: widget.lang,
      label: fill(s.history_chart, { title }),
    }));
    const caption = document.createElement("figcaption");
    if (scored.length >= 2) {
      const [before, after] = scored.slice(-2);
      caption.textContent = fill(s.history_change, {
        title,
        from: formatNumber(before.score, widget.lang),
        to: formatNumber(after.score, widget.lang),
        reading: reading(s, Number(tpl.dataset.step) || 1, before.score, after.score),
      });
    } else {
      caption.textContent = `${title}: ${scored.map((p) => formatNumber(p.score, widget.lang)).join(" → ") || "–"}`;
    }
    figure.append(caption);
    box.append(figure);
  }
  return true;
}
