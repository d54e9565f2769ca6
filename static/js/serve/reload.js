// Live reload for `handbook serve`, injected by the preview server only
// (a build never links this file). It listens to the server's events:
// reloads the page when what it shows changed (keeping the scroll
// position), swaps a changed stylesheet without reloading, and shows the
// content's errors over the page until they are fixed.
(() => {
  "use strict";
  const script = document.currentScript;
  const page = script ? script.dataset.page : "";
  const gen = script ? script.dataset.gen : "0";
  const scrollKey = "handbook-serve-scroll:" + location.pathname + location.search;
  const overlayID = "handbook-serve-errors";
  const french = (document.documentElement.lang || "").startsWith("fr");

  // Restore the position saved by reload(): after the layout settled.
  let saved = null;
  try {
    saved = sessionStorage.getItem(scrollKey);
    sessionStorage.removeItem(scrollKey);
  } catch (e) {
    saved = null;
  }
  if (saved !== null) {
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    const y = Number(saved) || 0;
    const restore = () => window.scrollTo(0, y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch (e) {
      // Private mode: reload at the top.
    }
    location.reload();
  }

  // swapCSS loads each changed stylesheet again under a new query, and
  // removes the old one once the new one applies, so nothing flashes.
  function swapCSS(files) {
    const stamp = String(Date.now());
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      if (!files.some((f) => url.pathname === "/" + f)) continue;
      url.searchParams.set("handbook-reload", stamp);
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => fresh.remove(), { once: true });
      link.after(fresh);
    }
  }

  function showErrors(list) {
    let box = document.getElementById(overlayID);
    if (!list.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = overlayID;
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647",
        maxHeight: "50vh", overflow: "auto", margin: "0", padding: "1rem 1.25rem",
        background: "#fff", color: "#1a1a1a", borderTop: "0.3rem solid #b00020",
        boxShadow: "0 -0.25rem 1rem rgba(0,0,0,.25)",
        font: "0.95rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      });
      document.body.append(box);
    }
    const title = document.createElement("p");
    title.style.margin = "0 0 .5rem";
    title.style.fontWeight = "bold";
    title.textContent = french
      ? "Le contenu a des erreurs (la dernière version correcte reste affichée) :"
      : "The content has errors (the last good version is shown):";
    const ul = document.createElement("ul");
    ul.style.margin = "0";
    ul.style.paddingLeft = "1.25rem";
    for (const e of list) {
      const li = document.createElement("li");
      li.textContent = e.text;
      ul.append(li);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", french ? "Fermer" : "Close");
    Object.assign(close.style, { position: "absolute", top: ".25rem", right: ".5rem", font: "inherit", fontSize: "1.5rem", background: "none", border: "0", cursor: "pointer", color: "inherit" });
    close.addEventListener("click", () => box.remove());
    box.replaceChildren(close, title, ul);
  }

  if (!window.EventSource) return;
  const events = new EventSource(
    "/_handbook/events?page=" + encodeURIComponent(page) + "&gen=" + encodeURIComponent(gen),
  );
  events.addEventListener("reload", (ev) => {
    const d = JSON.parse(ev.data);
    if (d.all || (d.pages || []).includes(page)) {
      events.close();
      reload();
    }
  });
  events.addEventListener("css", (ev) => swapCSS(JSON.parse(ev.data).files || []));
  events.addEventListener("errors", (ev) => showErrors(JSON.parse(ev.data).errors || []));
})();
