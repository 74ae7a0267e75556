// Tables on phones. A table with three or more columns reads as a stack of cards on narrow
// screens (km.css, under 600 px): each cell gets its column's heading as data-label, shown
// before the cell's text. Any table that is still wider than its box gets a visible line
// above it saying it scrolls sideways. Loaded on every page; changes no text of the page.
const HINT = {
  nb: "Tabellen er bredere enn skjermen: dra eller rull sidelengs for å se resten.",
  en: "This table is wider than the screen: swipe or scroll sideways to see the rest.",
};
const lang = document.documentElement.lang === "en" ? "en" : "nb";

function label(table) {
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  if (headings.length < 3) return;
  // An attribute, not a class: the theme styles only tables without a class.
  table.setAttribute("data-km-cards", "");
  // Explicit roles: some browsers drop a table's meaning once its parts are display: block.
  table.setAttribute("role", "table");
  for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
  for (const th of table.querySelectorAll("thead th")) th.setAttribute("role", "columnheader");
  for (const row of table.querySelectorAll("tr")) {
    row.setAttribute("role", "row");
    [...row.cells].forEach((cell, n) => {
      if (cell.tagName !== "TD") return;
      cell.setAttribute("role", "cell");
      if (headings[n]) cell.setAttribute("data-label", headings[n]);
    });
  }
}

function hint(table) {
  const note = document.createElement("p");
  note.className = "km-table-hint";
  note.textContent = HINT[lang];
  note.hidden = true;
  // Above the table, outside Material's scrolling box: before the box when the table is
  // already in one, else before the table (when Material wraps it later, the note stays out).
  (table.closest(".md-typeset__scrollwrap") ?? table).before(note);
  const update = () => {
    const box = table.closest(".md-typeset__scrollwrap");
    const room = (box || table.parentElement).clientWidth;
    const wide = table.getBoundingClientRect().width > room + 1;
    note.hidden = !wide;
    // A box that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
    if (box && wide) box.setAttribute("tabindex", "0");
    else if (box) box.removeAttribute("tabindex");
  };
  new ResizeObserver(update).observe(table);
  window.addEventListener("resize", update);
  update();
}

// Labels and hints for the tables of the page now shown (once per table); hints measure again
// whenever a table or the window changes size. site.js calls this for every page.
export function initTables() {
  const tables = [...document.querySelectorAll(".md-typeset table")]
    .filter((table) => !table.closest("[data-km-widget]") && !table.dataset.kmTable);
  for (const table of tables) {
    table.dataset.kmTable = "yes";
    label(table);
    hint(table);
  }
}
