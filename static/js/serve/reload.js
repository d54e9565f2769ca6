// Live preview for `handbook serve`, injected by the preview server only
// (a build never links this file). It listens to the server's events,
// which name only the pages that changed:
//
//   - update: this page changed. It replaces <main>, the title and the
//     edition banner in place with the new ones the event carries (or, when
//     it carries none, with those of its page fetched again), without a
//     navigation, keeping the scroll position and the focus; then it says
//     so with a handbook:updated event, on which main.js enhances the new
//     content. When the rest
//     of the page (its shell: head, header, footer) changed too, or on the
//     search page (whose loaded indexes are stale), it reloads instead.
//   - reload: a script, font or image changed: it reloads, where it was.
//   - css: a stylesheet changed: it is swapped without reloading.
//   - errors: the content's errors, shown over the page until fixed.
//
// The stream opens once the page has loaded, so it never holds back the
// load event. Without JavaScript nothing of this runs: reloading by hand
// shows the new page.
(() => {
  "use strict";
  const script = document.currentScript;
  const page = script ? script.dataset.page : "";
  let gen = script ? script.dataset.gen : "0";
  const shell = script ? script.dataset.shell : "";
  const scrollKey = "handbook-serve-scroll:" + location.pathname + location.search;
  const overlayID = "handbook-serve-errors";
  const french = (document.documentElement.lang || "").startsWith("fr");
  const now = () => performance.timeOrigin + performance.now();
  // What the last update did, for tests and the benchmark; steps holds
  // when each step of the last one in place ended (handbook-bench -serve
  // logs them).
  const state = (window.handbookServe = { open: false, events: 0, updates: 0, pushed: 0, reloads: 0, last: null, steps: {} });

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

  // report sends the browser's steps of one save to the server, which
  // logs them with serve -v. Times are epoch milliseconds.
  function report(save, times) {
    const q = new URLSearchParams({ page, save: String(save) });
    for (const [k, v] of Object.entries(times)) q.set(k, v.toFixed(2));
    fetch("/_handbook/timing?" + q, { cache: "no-store", keepalive: true }).catch(() => {});
  }

  // focusPath says where the focused element sits inside root: its id,
  // or the indexes of its ancestors' positions, to find its counterpart in
  // the new content.
  function focusPath(root) {
    const el = document.activeElement;
    if (!el || el === document.body || !root.contains(el)) return null;
    if (el.id) return { id: el.id };
    const path = [];
    for (let n = el; n && n !== root; n = n.parentElement) {
      path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
    }
    return { path, tag: el.tagName };
  }

  function refocus(root, where) {
    if (!where) return;
    let el = null;
    if (where.id) {
      el = document.getElementById(where.id);
    } else {
      el = root;
      for (const i of where.path) el = el && el.children[i];
      if (el && el.tagName !== where.tag) el = null;
    }
    if (el && root.contains(el) && typeof el.focus === "function") el.focus({ preventScroll: true });
  }

  // partsOf returns what apply needs of a page parsed whole.
  function partsOf(doc) {
    const tag = doc.querySelector('script[src$="/_handbook/reload.js"]');
    if (!tag) return null;
    return {
      gen: tag.dataset.gen, shell: tag.dataset.shell, title: doc.title,
      banner: doc.querySelector("body > .banner"), since: doc.querySelector("body > .since-visit"),
      main: doc.querySelector("main"),
    };
  }

  // element parses the HTML of one element, inert (nothing loads or
  // runs until it is in the document).
  function element(html) {
    if (!html) return null;
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content.firstElementChild;
  }

  // partsFrom returns the parts an update event carries, or null.
  function partsFrom(d) {
    if (!d.main) return null;
    return { gen: String(d.gen), shell: d.shell, title: d.title || "", banner: element(d.banner), since: element(d.since), main: element(d.main) };
  }

  // served is an untouched copy of the <main> the server last sent (null
  // until the first update): the live one holds what scripts added.
  let served = null;

  // morph makes the children of live, which showed old as the server sent
  // it, show next, keeping every node whose part of the page is the same:
  // a save that changes one paragraph replaces that paragraph, so the
  // browser lays out and paints it alone, not the whole chapter again, and
  // what scripts did to the other nodes stays. Nodes are compared as the
  // server sent them (old and next), never as scripts left them. It
  // returns false, having changed nothing, when live does not have old's
  // shape (a script added or removed children).
  function morph(live, old, next) {
    const plan = [];
    if (!diff(live, old, next, plan)) return false;
    for (const step of plan) step();
    return true;
  }

  function diff(live, old, next, plan) {
    const lc = live.childNodes, oc = old.childNodes, nc = next.childNodes;
    if (lc.length !== oc.length) return false;
    let head = 0, tail = 0;
    while (head < oc.length && head < nc.length && oc[head].isEqualNode(nc[head])) head++;
    while (tail < oc.length - head && tail < nc.length - head &&
      oc[oc.length - 1 - tail].isEqualNode(nc[nc.length - 1 - tail])) tail++;
    const from = head, oldEnd = oc.length - tail, newEnd = nc.length - tail;
    if (oldEnd - from === newEnd - from) {
      for (let i = from; i < oldEnd; i++) {
        const l = lc[i], o = oc[i], n = nc[i], inner = [];
        if (o.nodeType === 1 && n.nodeType === 1 && o.nodeName === n.nodeName && sameAttributes(o, n) && diff(l, o, n, inner)) {
          plan.push(...inner);
        } else {
          plan.push(() => l.replaceWith(document.importNode(n, true)));
        }
      }
      return true;
    }
    // Children added or removed: the differing run is replaced whole.
    const gone = Array.from(lc).slice(from, oldEnd);
    const added = Array.from(nc).slice(from, newEnd);
    const after = lc[oldEnd] || null;
    plan.push(() => {
      for (const g of gone) g.remove();
      for (const a of added) live.insertBefore(document.importNode(a, true), after);
    });
    return true;
  }

  function sameAttributes(a, b) {
    const an = a.getAttributeNames();
    if (an.length !== b.getAttributeNames().length) return false;
    return an.every((k) => a.getAttribute(k) === b.getAttribute(k));
  }

  // apply replaces the title, banner and main of this document by the
  // new page's parts. It returns false when the shell differs, or a part
  // is missing, so that the caller reloads.
  function apply(next) {
    if (!next || next.shell !== shell) return false;
    const main = document.querySelector("main");
    const fresh = next.main;
    if (!main || !fresh) return false;
    const x = window.scrollX, y = window.scrollY;
    const where = focusPath(main);
    document.title = next.title;
    // The banner, then the changed-since-your-visit notice, before <main>.
    // The notice keeps the visibility main.js gave it.
    for (const [sel, fresh] of [["body > .banner", next.banner], ["body > .since-visit", next.since]]) {
      const old = document.querySelector(sel);
      if (fresh && old && sel.endsWith(".since-visit")) fresh.hidden = old.hidden;
      if (old && fresh) old.replaceWith(document.adoptNode(fresh));
      else if (old) old.remove();
      else if (fresh) (document.querySelector("body > .since-visit") || main).before(document.adoptNode(fresh));
    }
    // The folds of narrow screens: an inline script closes them as the
    // page loads, and does not run again; each keeps the state the reader
    // left it in.
    const folds = Array.from(main.querySelectorAll("details.fold-narrow"), (f) => f.open);
    fresh.querySelectorAll("details.fold-narrow").forEach((f, i) => {
      if (i < folds.length) f.open = folds[i];
    });
    for (const a of fresh.getAttributeNames()) main.setAttribute(a, fresh.getAttribute(a));
    const pristine = fresh.cloneNode(true);
    if (!served || !morph(main, served, fresh)) {
      // A copy first: adopting a node takes it out of the live childNodes.
      main.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.adoptNode(n)));
    }
    served = pristine;
    state.steps.swapped = now();
    refocus(main, where);
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    state.steps.laidOut = now();
    gen = next.gen;
    // main.js enhances the new content (quiz buttons, reading notices...).
    document.dispatchEvent(new CustomEvent("handbook:updated", { detail: { page } }));
    state.steps.enhanced = now();
    return true;
  }

  // update applies the new page an update event carries, or fetches this
  // page again and applies it. Updates do not overlap: one that comes
  // while another runs makes it run once more after.
  let running = null, again = null;
  async function update(d) {
    const received = now();
    if (running) {
      again = d;
      return;
    }
    running = d;
    try {
      if (document.getElementById("search-results")) {
        reload(); // its indexes, loaded once, are stale
        return;
      }
      state.steps = { received };
      let next = partsFrom(d);
      state.steps.parsed = now();
      if (!next) {
        const resp = await fetch(location.href, { cache: "no-store", headers: { Accept: "text/html" } });
        const text = await resp.text();
        if (!resp.ok) {
          reload();
          return;
        }
        next = partsOf(new DOMParser().parseFromString(text, "text/html"));
      }
      // With the parts in the event, "fetched" is when they were parsed.
      const fetched = now();
      if (!apply(next)) {
        state.reloads++;
        reload();
        return;
      }
      const replaced = now();
      state.updates++;
      if (d.main) state.pushed++;
      state.last = { save: d.save, received, fetched, replaced, painted: 0 };
      requestAnimationFrame(() => {
        // The frame after the new DOM: it is on screen.
        setTimeout(() => {
          state.last.painted = now();
          if (d.report) report(d.save, { received, fetched, replaced, painted: state.last.painted });
        }, 0);
      });
    } catch (e) {
      reload();
    } finally {
      running = null;
      if (again) {
        const n = again;
        again = null;
        update(n);
      }
    }
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

  const handlers = {
    update(d) {
      if ((d.pages || []).includes(page)) update(d);
    },
    reload(d) {
      if (d.all || (d.pages || []).includes(page)) reload();
    },
    css: (d) => swapCSS(d.files || []),
    errors: (d) => showErrors(d.errors || []),
  };

  // dispatch parses the server-sent event blocks in text and runs their
  // handlers; it returns what is left after the last complete block.
  function dispatch(text) {
    let i;
    while ((i = text.indexOf("\n\n")) >= 0) {
      const block = text.slice(0, i);
      text = text.slice(i + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      const h = handlers[name];
      if (!h || !data) continue;
      state.events++;
      h(JSON.parse(data));
    }
    return text;
  }

  // listen reads the server's event stream, and reads it again after a
  // short pause when it ends (the server restarted). It asks with the
  // generation the page shows (after an update in place, the new one), so
  // that the server tells at once a page it changed meanwhile. The stream
  // is read with fetch, not EventSource: a browser counts an open
  // EventSource as a load still going, and tools that wait for the network
  // to settle (headless Chromium's virtual time budget) never would.
  async function listen() {
    if (!window.fetch || !window.TextDecoderStream) return;
    for (;;) {
      try {
        const url = "/_handbook/events?page=" + encodeURIComponent(page) + "&gen=" + encodeURIComponent(gen);
        const resp = await fetch(url, { cache: "no-store", headers: { Accept: "text/event-stream" } });
        if (resp.ok && resp.body) {
          state.open = true;
          const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
          let rest = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            rest = dispatch(rest + value);
          }
        }
      } catch (e) {
        // The server is gone for now: try again.
      }
      state.open = false;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  // After load, and after the load event's own handlers, so that the
  // stream never keeps the page loading.
  if (document.readyState === "complete") setTimeout(listen, 0);
  else window.addEventListener("load", () => setTimeout(listen, 0), { once: true });
})();
