// "Copy link to this section": a small button after each section heading's permalink.
// Instructors paste these links into course pages; the anchors are stable in both languages.
// Copying uses the clipboard only; nothing is sent anywhere.
const LABELS = {
  nb: { copy: "Kopier lenke til denne delen", copied: "Lenken er kopiert" },
  en: { copy: "Copy link to this section", copied: "Link copied" },
};
const lang = document.documentElement.lang === "en" ? "en" : "nb";
const text = LABELS[lang];
const status = document.createElement("p");
status.className = "km-copy-status";
status.setAttribute("role", "status");
document.body.append(status);

// Headings a widget draws for itself (e.g. the group page's regions) say [data-km-no-copy].
const headings = ".md-content :is(h2, h3)[id]:not([data-km-no-copy])";
for (const heading of document.querySelectorAll(headings)) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "km-copy-link";
  button.setAttribute("aria-label", `${text.copy}: ${heading.textContent.replace(/#$/, "").trim()}`);
  button.title = text.copy;
  // A link icon drawn inline (no icon font: nothing is fetched, and every device can show it).
  button.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.9 12a3.1 3.1 0 0 1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12M8 13h8v-2H8zm9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10"/></svg>';
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

// The language menu keeps the section the reader is on (anchors are the same in both languages).
for (const link of document.querySelectorAll("a[data-km-lang-link]")) {
  link.addEventListener("click", () => {
    if (window.location.hash) link.hash = window.location.hash;
  });
}
