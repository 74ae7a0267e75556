// "How to cite this page": the retrieval date is today's (APA 7 asks for it on pages that
// change), written in the page's language, and a button copies the reference as plain text
// (where the clipboard is not allowed, the reference is selected instead). Nothing is sent.
// site.js calls `initCite` for every page shown.
export function initCite() {
  const box = document.querySelector("[data-km-cite]");
  if (!box || box.dataset.kmStarted) return;
  box.dataset.kmStarted = "yes";
  const lang = document.documentElement.lang === "en" ? "en" : "nb";
  const accessed = box.querySelector("[data-km-cite-accessed]");
  accessed.textContent = new Date().toLocaleDateString(lang === "en" ? "en-US" : "nb-NO", {
    day: "numeric", month: "long", year: "numeric",
  });
  // Without a configured site address the reference names the address the page was read at.
  const url = box.querySelector("[data-km-cite-url][data-relative]");
  if (url) url.textContent = new URL(url.textContent, window.location.href).href;
  const reference = box.querySelector("[data-km-cite-text]");
  const button = box.querySelector("[data-km-cite-copy]");
  const status = box.querySelector("[data-km-cite-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = reference.textContent.replace(/\s+/g, " ").trim();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = button.dataset.copied || "✓";
    } catch {
      window.getSelection()?.selectAllChildren(reference);
    }
    setTimeout(() => { status.textContent = ""; }, 2500);
  });
}
