// Krav og mestring — Material's search index (search/search_index.json, the largest file a
// chapter visit would fetch) is downloaded when the reader first uses search, not on every
// page load. A classic script that runs just before Material's bundle: the bundle asks for the
// index with an XMLHttpRequest as it starts; that one request is sent only once the search box
// gets focus (a click or tap on it or its icon, or Material's keyboard shortcuts, which focus
// it), or at once on a page opened from a search result (?h=…, whose highlighting needs the
// index). Every other request is sent as it is.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet(); // requests for the index, opened and waiting for first use
  let release;
  const used = new Promise((resolve) => {
    release = resolve;
  });

  const isIndex = (url) => {
    try {
      return INDEX.test(new URL(String(url), document.baseURI).pathname);
    } catch {
      return false;
    }
  };

  XMLHttpRequest.prototype.open = function openOnDemand(method, url, ...rest) {
    if (isIndex(url)) held.add(this);
    else held.delete(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function sendOnDemand(body) {
    if (!held.has(this)) return send.call(this, body);
    held.delete(this);
    used.then(() => {
      if (this.readyState === XMLHttpRequest.OPENED) send.call(this, body);
    });
    return undefined;
  };

  const onFocus = (event) => {
    if (event.target.closest?.("[data-md-component=search-query]")) use();
  };
  const onPointer = (event) => {
    if (event.target.closest?.("label[for=__search], [data-md-component=search]")) use();
  };
  function use() {
    release();
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("pointerdown", onPointer, true);
  }
  if (new URLSearchParams(location.search).has("h")) {
    release();
  } else {
    document.addEventListener("focusin", onFocus, true);
    document.addEventListener("pointerdown", onPointer, true);
  }
})();
