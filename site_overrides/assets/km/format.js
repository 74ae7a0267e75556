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

// Date formatters, made once per language and kind: making one costs the browser about 10 ms
// (it loads the language's calendar data), using one again costs microseconds.
const FORMATS = new Map();
function dateFormat(lang, kind, options) {
  const key = `${lang}/${kind}`;
  if (!FORMATS.has(key)) FORMATS.set(key, new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nb-NO", options));
  return FORMATS.get(key);
}

// A stored date and time as the reader's language writes it; "" when there is none.
export function formatDate(iso, lang) {
  if (typeof iso !== "string" || !iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return dateFormat(lang, "moment", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

// Make the date formatter of `lang` now, when the browser is idle, so that the first result
// (which shows its date) does not wait for it.
export function prepareDates(lang) {
  const make = () => formatDate("2000-01-01T00:00:00Z", lang);
  if ("requestIdleCallback" in window) requestIdleCallback(make, { timeout: 2000 });
  else setTimeout(make, 0);
}

// A calendar day ("2026-03-17") as the reader's language writes it, with its weekday unless
// `weekday` is false: "tirsdag 17. mars 2026", "Tuesday, 17 March 2026". The day is read as a
// date, not a moment, so no time zone can move it; "" for anything that is not such a date.
export function formatDay(iso, lang, weekday = true) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof iso === "string" ? iso : "");
  if (!match) return "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return "";
  return dateFormat(lang, weekday ? "day+weekday" : "day", {
    ...(weekday ? { weekday: "long" } : {}), day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  }).format(date);
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
