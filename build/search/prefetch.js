// The search page's inline script (build/search.PrefetchScript puts it in
// the page, with build/search's rules in place of the marked null): it
// starts the query's fetches while the page's modules load, the directory
// of the edition's index, then the shards of the query's words, picked as
// engine.js picks them (fold, stop words, stem; elisions are not split,
// which at worst fetches a shard more). engine.js takes them from
// document.searchPrefetch (URL -> promise of the parsed body) and fetches
// itself whatever this missed. The layout places it before the style
// sheet, so that it does not wait for it, after a preload of the
// directory (the same request), for the browser's preload scanner may ask
// for it sooner still.
(() => {
  const m = document.searchPrefetch = new Map(), d = document.documentElement.dataset;
  const u = new URLSearchParams(location.search), ed = u.get("edition") || d.edition, q = u.get("q") || "";
  if (ed === "all") return;
  const rules = /*rules*/null/*end*/, L = rules.langs[d.lang] || { stop: [], stem: [] }, stop = new Set(L.stop);
  const base = (d.root || "./") + "search/" + d.lang + "-" + ed + "/";
  const get = (url, kind) => {
    const p = fetch(url).then((r) => { if (!r.ok) throw new Error(url + ": " + r.status); return r[kind](); });
    p.catch(() => {});
    m.set(url, p);
    return p;
  };
  const stem = (w) => {
    for (const phase of L.stem) {
      for (const r of phase) {
        if (!w.endsWith(r.s)) continue;
        const b = w.slice(0, w.length - r.s.length), f = r.f || "";
        if (b.length < r.m || (f.includes("v") && !/[aeiouy]/.test(b))) continue;
        w = b + r.r;
        const c = w[w.length - 1];
        if (f.includes("u") && w.length >= 4 && c === w[w.length - 2] && !"aeiouylsz".includes(c)) w = w.slice(0, -1);
        break;
      }
    }
    return w;
  };
  get(base + "index.json", "json").then((x) => {
    const ks = x.shards, want = new Set();
    if (x.v !== 3 || !ks || !ks.length) return;
    const words = (q.toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "").match(/[\p{L}\p{N}]+/gu) || [])
      .map((w) => Array.from(w, (c) => rules.fold[c] || c).join("")).filter((w) => !stop.has(w));
    for (const f of words) {
      const c = Array.from(f), t = /^[a-z]+$/.test(f) ? stem(f) : f, p = c.slice(0, Math.max(3, Array.from(t).length - 2)).join("");
      let i = 0, j;
      ks.forEach((k, n) => { if (k <= p) i = n; });
      for (j = i; c.length >= 3 && j + 1 < ks.length && ks[j + 1].startsWith(p); j++);
      for (let k = i; k <= j; k++) want.add(k);
    }
    for (const k of want) get(base + "s/" + k + ".bin?v=" + x.hash, "arrayBuffer");
  }, () => {});
})();
