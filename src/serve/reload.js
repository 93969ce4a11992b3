// debrief serve's live reload, added to every HTML page it serves (never to a build). It listens to
// the server's events for this page: `reload` (the page changed: reload it, keeping the scroll
// position), `styles` (only its stylesheets changed: swap them), `unchanged`, and `failed` (an
// overlay with the problems, until the next good build).
(() => {
  const script = document.currentScript;
  let since = (script && script.dataset.build) || "";
  const key = "debrief-scroll " + location.pathname + location.search;
  const kept = sessionStorage.getItem(key);
  if (kept) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(kept);
    // At once, not with the theme's smooth scrolling.
    const restore = () => window.scrollTo({ left: x, top: y, behavior: "instant" });
    restore();
    addEventListener("load", restore, { once: true });
  }
  const overlay = () => document.getElementById("debrief-errors");
  const clear = () => overlay()?.remove();
  const reload = () => {
    sessionStorage.setItem(key, JSON.stringify([scrollX, scrollY]));
    location.reload();
  };
  // Each [old, new] path in the site: the page's stylesheet at old is replaced by new (fresh, even
  // when the name stayed), the old one removed once the new one has loaded, so nothing flashes.
  const swap = (styles) => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      const path = decodeURIComponent(url.pathname);
      const style = styles.find(([from]) => path === "/" + from || path.endsWith("/" + from));
      if (!style) continue;
      url.pathname = path.slice(0, path.length - style[0].length) + style[1];
      url.search = "?v=" + Date.now();
      const fresh = link.cloneNode();
      fresh.href = url.href;
      const done = () => link.remove();
      fresh.addEventListener("load", done, { once: true });
      fresh.addEventListener("error", done, { once: true });
      link.after(fresh);
    }
  };
  const fail = (problems) => {
    let box = overlay();
    if (!box) {
      box = document.createElement("div");
      box.id = "debrief-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#1b1b1b;color:#f6f6f6;border:3px solid #d93025;border-radius:6px;padding:1rem;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "debrief: the last save does not build; showing the last good version.\n\n" + problems;
  };
  const connect = () => {
    const events = new EventSource("{events}?since=" + since + "&path=" + encodeURIComponent(location.pathname));
    // Each event names its build: a stream opened again asks from there, so nothing is missed.
    const on = (name, act) => events.addEventListener(name, (event) => {
      if (event.lastEventId) since = event.lastEventId;
      act(JSON.parse(event.data));
    });
    on("reload", reload);
    on("unchanged", clear);
    on("styles", (styles) => { clear(); swap(styles); });
    on("failed", fail);
    events.onerror = () => {
      events.close();
      setTimeout(connect, 1000);
    };
  };
  connect();
})();
