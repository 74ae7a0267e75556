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

for (const heading of document.querySelectorAll(".md-content h2[id], .md-content h3[id]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "km-copy-link";
  button.setAttribute("aria-label", `${text.copy}: ${heading.textContent.replace(/#$/, "").trim()}`);
  button.title = text.copy;
  button.textContent = "⧉";
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
