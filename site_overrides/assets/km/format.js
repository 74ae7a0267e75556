// How the handbook writes numbers and dates, and fills text templates ("{score} av {hi}").
//
// Numbers follow one rule, the same as handbook/numbers.py (tests/fixtures/numbers.json holds
// the cases both sides are tested with): at most two decimals, rounded half away from zero on
// the number's exact value (what toFixed does), trailing zeros dropped; Norwegian uses a
// decimal comma and the minus sign U+2212, English a point and a hyphen-minus.
const MINUS = "\u2212";

export function formatNumber(value, lang) {
  let text = Math.abs(value).toFixed(2);
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  if (value < 0 && text !== "0") text = `-${text}`;
  return lang === "en" ? text : text.replace(".", ",").replace("-", MINUS);
}

// A stored date and time as the reader's language writes it; "" when there is none.
export function formatDate(iso, lang) {
  if (typeof iso !== "string" || !iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(lang === "en" ? "en-GB" : "nb-NO", {
    dateStyle: "medium", timeStyle: "short",
  });
}

// A calendar day ("2026-03-17") as the reader's language writes it, with its weekday unless
// `weekday` is false: "tirsdag 17. mars 2026", "Tuesday, 17 March 2026". The day is read as a
// date, not a moment, so no time zone can move it; "" for anything that is not such a date.
export function formatDay(iso, lang, weekday = true) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof iso === "string" ? iso : "");
  if (!match) return "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString(lang === "en" ? "en-GB" : "nb-NO", {
    ...(weekday ? { weekday: "long" } : {}), day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
}

// "{name}" placeholders replaced by values; unknown names stay as they are.
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (match, name) =>
    (name in values ? String(values[name]) : match));
}

// The JSON data block `selector` inside `root` (a <template> holding JSON text).
export function readData(root, selector) {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`missing ${selector}`);
  return JSON.parse(node.content ? node.content.textContent : node.textContent);
}

export function dataText(root, selector) {
  const node = root.querySelector(selector);
  if (!node) throw new Error(`missing ${selector}`);
  return node.content ? node.content.textContent : node.textContent;
}
