// "Copy link to this section": a small button after each section heading's permalink.
// Instructors paste these links into course pages; the anchors are stable in both languages.
// Copying uses the clipboard only; nothing is sent anywhere.
const LABELS = {
  nb: { copy: "Kopier lenke til denne delen", copied: "Lenken er kopiert" },
  en: { copy: "Copy link to this section", copied: "Link copied" },
};
const ICON = "M3.9 12a3.1 3.1 0 0 1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12M8 13h8v-2H8zm9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10";
const NS = "http://www.w3.org/2000/svg";

function statusLine() {
  let status = document.querySelector(".km-copy-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "km-copy-status";
    status.setAttribute("role", "status");
    document.body.append(status);
  }
  return status;
}

function icon() {
  // A link icon drawn inline (no icon font: nothing is fetched, and every device can show it).
  const svg = document.createElementNS(NS, "svg");
  for (const [key, value] of Object.entries({ viewBox: "0 0 24 24", width: 18, height: 18, "aria-hidden": "true", focusable: "false" })) {
    svg.setAttribute(key, String(value));
  }
  const path = document.createElementNS(NS, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", ICON);
  svg.append(path);
  return svg;
}

// Add the buttons to the headings of the page now shown (once per heading).
export function initAnchors() {
  const text = LABELS[document.documentElement.lang === "en" ? "en" : "nb"];
  const status = statusLine();
  // Headings inside the page features (ids "km-…", or [data-km-no-copy]) are not sections.
  for (const heading of document.querySelectorAll(".md-content :is(h2, h3)[id]:not([id^='km-'], [data-km-no-copy])")) {
    if (heading.querySelector(".km-copy-link")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "km-copy-link";
    button.setAttribute("aria-label", `${text.copy}: ${heading.textContent.replace(/#$/, "").trim()}`);
    button.title = text.copy;
    button.append(icon());
    button.addEventListener("click", async () => {
      const url = new URL(`#${heading.id}`, window.location.href).href;
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = text.copied;
      } catch {
        window.prompt(text.copy, url);
      }
      setTimeout(() => { status.textContent = ""; }, 2500);
    });
    heading.append(button);
  }
}
