// Diagram viewer: a diagram link (a[data-km-diagram], written by handbook/page_html.py) opens
// the drawing in a dialog inside the page instead of as a bare SVG file. The dialog has a
// close button (Esc and the browser's Back work too), zoom by buttons, keys (+ − 0), pinch and
// ctrl+wheel, and shows the diagram's text alternative under it. Without scripting the link
// still opens the file. Loaded on every page; needs nothing else (no Pyodide, no network).
const LABELS = {
  nb: {
    title: "Figur", close: "Lukk", zoomIn: "Zoom inn", zoomOut: "Zoom ut",
    fit: "Tilpass", zoomGroup: "Forstørrelse", canvas: "Figuren, forstørret",
    text: "Figuren i tekst", hint: "Knip eller bruk knappene for å zoome. Esc lukker.",
  },
  en: {
    title: "Figure", close: "Close", zoomIn: "Zoom in", zoomOut: "Zoom out",
    fit: "Fit", zoomGroup: "Magnification", canvas: "The figure, magnified",
    text: "The figure in words", hint: "Pinch or use the buttons to zoom. Esc closes.",
  },
};
const MIN = 1;
const MAX = 4;
const STEP = 1.25;
const lang = document.documentElement.lang === "en" ? "en" : "nb";
const text = LABELS[lang];

let viewer = null; // built on first use
let opener = null;
let pushed = false; // a history entry of ours is on top (Back closes the viewer)
let leaving = false; // we are taking our history entry away after a close
let returnTo = null; // {path, index}: the diagram to focus if the theme renders the page again

function element(tag, attributes = {}, content = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (content) node.textContent = content;
  return node;
}

function build() {
  const dialog = element("dialog", {
    class: "km-viewer", "aria-labelledby": "km-viewer-title", "aria-describedby": "km-viewer-text",
  });
  const bar = element("div", { class: "km-viewer__bar" });
  bar.append(element("h2", { class: "km-viewer__title", id: "km-viewer-title" }, text.title));
  const zoom = element("div", { class: "km-viewer__zoom", role: "group", "aria-label": text.zoomGroup });
  const out = element("button", { type: "button", "data-km-zoom": "out", "aria-label": text.zoomOut }, "−");
  const level = element("output", { class: "km-viewer__level", "aria-live": "polite" }, "100 %");
  const into = element("button", { type: "button", "data-km-zoom": "in", "aria-label": text.zoomIn }, "+");
  const fit = element("button", { type: "button", "data-km-zoom": "fit" }, text.fit);
  zoom.append(out, level, into, fit);
  const close = element("button", {
    type: "button", class: "km-viewer__close", "data-km-close": "", "aria-label": text.close, title: text.close,
  });
  close.append(element("span", { "aria-hidden": "true" }, "×"));
  bar.append(zoom, close);
  // The drawing scrolls inside this region; it is focusable so arrow keys can pan it.
  const canvas = element("div", { class: "km-viewer__canvas", tabindex: "0", role: "region", "aria-label": text.canvas });
  // The text alternative is shown under the drawing, so the image itself is not read twice.
  const image = element("img", { alt: "", draggable: "false" });
  canvas.append(image);
  const words = element("section", { class: "km-viewer__words" });
  words.append(element("h3", {}, text.text), element("p", { id: "km-viewer-text" }));
  const hint = element("p", { class: "km-viewer__hint" }, text.hint);
  dialog.append(bar, canvas, words, hint);
  document.body.append(dialog);

  const state = { scale: 1, pointers: new Map(), pinch: null };
  const api = { dialog, canvas, image, state, setScale };

  function setScale(next, originX = 0.5, originY = 0.5) {
    // Keep the point under originX/originY (fractions of the visible area) in place.
    const scale = Math.min(MAX, Math.max(MIN, next));
    const x = (canvas.scrollLeft + canvas.clientWidth * originX) / canvas.scrollWidth;
    const y = (canvas.scrollTop + canvas.clientHeight * originY) / canvas.scrollHeight;
    state.scale = scale;
    image.style.width = `${scale * 100}%`;
    canvas.scrollLeft = x * canvas.scrollWidth - canvas.clientWidth * originX;
    canvas.scrollTop = y * canvas.scrollHeight - canvas.clientHeight * originY;
    level.textContent = `${Math.round(scale * 100)} %`;
    dialog.dataset.kmScale = String(Math.round(scale * 100) / 100);
    out.disabled = scale <= MIN;
    into.disabled = scale >= MAX;
  }

  out.addEventListener("click", () => setScale(state.scale / STEP));
  into.addEventListener("click", () => setScale(state.scale * STEP));
  fit.addEventListener("click", () => setScale(1));
  close.addEventListener("click", () => dialog.close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("keydown", (event) => {
    // Keys pressed in the viewer are its own: the theme's shortcuts (n, p, s …) stay quiet.
    event.stopPropagation();
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "+" || event.key === "=") setScale(state.scale * STEP);
    else if (event.key === "-") setScale(state.scale / STEP);
    else if (event.key === "0") setScale(1);
    else return;
    event.preventDefault();
  });
  canvas.addEventListener("wheel", (event) => {
    if (!event.ctrlKey) return; // plain wheel scrolls; ctrl+wheel (and trackpad pinch) zooms
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    setScale(state.scale * Math.exp(-event.deltaY / 200),
      (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  }, { passive: false });

  // Pinch: two pointers on the drawing. One finger scrolls natively (touch-action in km.css).
  canvas.addEventListener("pointerdown", (event) => {
    state.pointers.set(event.pointerId, event);
    if (state.pointers.size === 2) state.pinch = { distance: spread(state.pointers), scale: state.scale };
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!state.pointers.has(event.pointerId)) return;
    state.pointers.set(event.pointerId, event);
    if (state.pinch && state.pointers.size === 2) {
      const [a, b] = state.pointers.values();
      const box = canvas.getBoundingClientRect();
      setScale(state.pinch.scale * spread(state.pointers) / state.pinch.distance,
        ((a.clientX + b.clientX) / 2 - box.left) / box.width,
        ((a.clientY + b.clientY) / 2 - box.top) / box.height);
    }
  });
  for (const type of ["pointerup", "pointercancel", "pointerleave"]) {
    canvas.addEventListener(type, (event) => {
      state.pointers.delete(event.pointerId);
      if (state.pointers.size < 2) state.pinch = null;
    });
  }

  dialog.addEventListener("close", () => {
    document.documentElement.classList.remove("km-viewer-open");
    // Focus goes back to the diagram at once, and again once our history entry is gone (a
    // history step can move focus itself), so it never depends on a popstate arriving.
    if (opener) opener.focus();
    if (pushed) {
      pushed = false;
      leaving = true;
      const index = [...document.querySelectorAll("a[data-km-diagram]")].indexOf(opener);
      returnTo = index < 0 ? null : { path: location.pathname, index };
      history.back();
    }
  });
  return api;
}

function spread(pointers) {
  const [a, b] = pointers.values();
  return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) || 1;
}

function open(link) {
  viewer = viewer || build();
  const source = link.querySelector("img");
  opener = link;
  viewer.image.src = link.href;
  viewer.dialog.querySelector("#km-viewer-text").textContent = source ? source.alt : "";
  viewer.state.pointers.clear();
  viewer.state.pinch = null;
  document.documentElement.classList.add("km-viewer-open");
  viewer.dialog.showModal();
  viewer.setScale(1);
  viewer.canvas.scrollTo(0, 0);
  viewer.dialog.querySelector("[data-km-close]").focus();
  // The phone's Back button closes the viewer rather than leaving the page.
  history.pushState({ kmViewer: true }, "");
  pushed = true;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-km-diagram]");
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  open(link);
});

window.addEventListener("popstate", () => {
  pushed = false;
  if (leaving) {
    leaving = false;
    if (opener) opener.focus();
  } else if (viewer && viewer.dialog.open) {
    viewer.dialog.close();
  }
});

// Material's instant navigation takes our history step for a page change and may render the
// same page again: the diagram that had focus is then replaced, and focus would fall to the
// page's start. Focus goes to the same diagram of the new copy.
window.document$?.subscribe?.(() => {
  if (!returnTo) return;
  const { path, index } = returnTo;
  returnTo = null;
  if (opener?.isConnected || location.pathname !== path) return;
  document.querySelectorAll("a[data-km-diagram]")[index]?.focus();
});
