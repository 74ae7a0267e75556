// A strip chart of one dimension for a group: the scale from its lowest to its highest score,
// shaded by band, with the middle half of the group (first to third quartile) as a box and the
// median as a line. It is drawn from the group figures only (never from single scores), and its
// text alternative is the figure caption it is labelled by.
const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 320;
const LEFT = 12;
const RIGHT = WIDTH - 12;

function node(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

// bands: [{id, upto (number or null), count}] in the spec's order.
export function stripChart({ lo, hi, dim, bands, labelledBy, format }) {
  const span = hi - lo || 1;
  const x = (value) => LEFT + ((Math.min(hi, Math.max(lo, value)) - lo) / span) * (RIGHT - LEFT);
  const svg = node("svg", {
    viewBox: `0 0 ${WIDTH} 58`, class: "km-strip", role: "img", "aria-labelledby": labelledBy,
  });
  let from = lo;
  bands.forEach((band, n) => {
    const to = band.upto === null ? hi : Math.min(hi, band.upto);
    if (to > from || n === bands.length - 1) {
      svg.append(node("rect", {
        x: x(from), y: 8, width: Math.max(0, x(to) - x(from)), height: 24,
        class: `km-strip__zone km-strip__zone--${n % 3}`,
      }));
    }
    from = Math.max(from, to);
  });
  svg.append(node("rect", {
    x: x(dim.q1), y: 12, width: Math.max(2, x(dim.q3) - x(dim.q1)), height: 16, rx: 2, class: "km-strip__box",
  }));
  svg.append(node("line", {
    x1: x(dim.median), x2: x(dim.median), y1: 4, y2: 36, class: "km-strip__median",
  }));
  for (const [value, anchor] of [[lo, "start"], [hi, "end"]]) {
    const label = node("text", { x: x(value), y: 52, "text-anchor": anchor, class: "km-strip__label" });
    label.textContent = format(value);
    svg.append(label);
  }
  return svg;
}
