// Small SVG helpers: elements are created through the DOM (never from HTML strings), so no
// text can become markup, and attributes are not inline styles (the page's CSP allows these).
const NS = "http://www.w3.org/2000/svg";

export function svg(name, attributes = {}, text = null) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// A horizontal bar for a score on its scale, with the band cut-offs marked. Decorative: the
// score is written out next to it.
export function scoreBar({ lo, hi, cuts, score, tone }) {
  const width = 300;
  const x = (value) => (hi > lo ? ((value - lo) / (hi - lo)) * width : width);
  const clamp = (value) => Math.max(0, Math.min(width, value));
  const root = svg("svg", {
    viewBox: `0 0 ${width} 24`, class: `km-bar__svg km-tone--${tone}`, "aria-hidden": "true",
    focusable: "false", preserveAspectRatio: "none",
  });
  root.append(svg("rect", { class: "km-bar__track", x: 0, y: 7, width, height: 10, rx: 5 }));
  root.append(svg("rect", { class: "km-bar__fill", x: 0, y: 7, width: clamp(x(score)), height: 10, rx: 5 }));
  for (const cut of cuts) {
    root.append(svg("line", { class: "km-bar__cut", x1: clamp(x(cut)), x2: clamp(x(cut)), y1: 1, y2: 23 }));
  }
  return root;
}
