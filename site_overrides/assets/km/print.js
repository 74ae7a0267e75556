// Print one part of a page only (a planner's result, one checklist). While
// html[data-km-printing] is set, km.css hides everything in the print view except the element
// marked [data-km-print-target], the elements that contain it, and what it contains; the
// buttons inside it are hidden too. The marks go away once the print dialog closes.
export function printOnly(element) {
  for (const old of document.querySelectorAll("[data-km-print-target]")) {
    delete old.dataset.kmPrintTarget;
  }
  const html = document.documentElement;
  element.dataset.kmPrintTarget = "";
  html.dataset.kmPrinting = "";
  window.addEventListener("afterprint", () => {
    delete html.dataset.kmPrinting;
    delete element.dataset.kmPrintTarget;
  }, { once: true });
  window.print();
}
