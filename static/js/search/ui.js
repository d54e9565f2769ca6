// Search box and search page. boot.js imports this module when the reader
// first focuses or types in the box and calls start(); on the search page,
// page.js does so at once (and the page's inline script has already asked
// for the index and the query's shards, see engine.js).
//
// DOM contract (the templates follow it):
// - <html lang data-root data-lang data-edition data-current-edition>:
//   data-root is the relative path from the page to the site root ("./" or
//   "../../"); the index of edition E in language L is at
//   data-root + "search/L-E/"; search/editions.json lists every edition.
// - <form class="search-box" role="search" action="…/L/search/"> holding
//   <input id="search-q" name="q" aria-controls="search-suggest"
//   aria-expanded="false">, the edition as <input type="hidden"
//   name="edition"> (or <select id="search-edition" name="edition"> with
//   the editions and "all" on the search page), a submit button, and
//   <div id="search-suggest" hidden>: the suggestions (role="listbox",
//   options role="option" with ids, aria-activedescendant on the input).
//   Optional data-strings on the form: JSON overriding the interface
//   strings below ({"one":"%s result","many":"%s results",…}).
// - The search page adds <p id="search-status" role="status"
//   aria-live="polite"> and <ol id="search-results">; q and edition come
//   from the URL, which follows the query as it is typed.
import { loadIndex, search } from "./engine.js";

const STRINGS = {
  fr: {
    one: "%s résultat", many: "%s résultats", none: "Aucun résultat pour « %s ».",
    all: "Tous les résultats pour « %s »", more: "Plus de résultats", error: "La recherche est indisponible pour le moment.",
  },
  en: {
    one: "%s result", many: "%s results", none: "No results for “%s”.",
    all: "All results for “%s”", more: "More results", error: "Search is unavailable right now.",
  },
};

const data = document.documentElement.dataset;
const root = data.root || "./", lang = data.lang || document.documentElement.lang || "en";

function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c != null));
  return e;
}
// snippetBox returns the element of r's snippet: empty, its lines reserved
// by the style sheet and aria-busy, until the text arrives, so that
// nothing the reader is about to click moves.
function snippetBox(tag, cls, r) {
  const e = el(tag, { className: cls });
  const fill = (html) => {
    e.innerHTML = html; // built by engine.js from escaped text and <mark>
    e.removeAttribute("aria-busy");
  };
  if (r.snippetHTML) fill(r.snippetHTML);
  else {
    e.setAttribute("aria-busy", "true");
    r.snippet.then(fill, () => fill(""));
  }
  return e;
}

/** start wires the search box, and the results list on the search page. */
export function start() {
  const input = document.getElementById("search-q");
  if (!input || input.dataset.search) return;
  input.dataset.search = "on";
  const form = input.form, list = document.getElementById("search-results");
  const strings = { ...(STRINGS[lang] || STRINGS.en), ...JSON.parse(form?.dataset.strings || "{}") };
  const t = (key, arg) => strings[key].replace("%s", () => arg);
  const edition = () => form?.elements.edition?.value || data.edition;
  (list ? page : suggest)(input, form, list, t, edition);
}

function suggest(input, form, _, t, edition) {
  const box = document.getElementById("search-suggest");
  if (!box) return;
  box.setAttribute("role", "listbox");
  // Fetch the directory while the reader types the first letters.
  if (edition() !== "all") loadIndex(root, lang, edition()).catch(() => {});
  let seq = 0, active = -1;
  const options = () => [...box.querySelectorAll("[role=option]")];
  const close = () => {
    box.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const select = (i) => {
    const all = options();
    active = (i + all.length) % all.length;
    all.forEach((o, k) => o.setAttribute("aria-selected", String(k === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView?.({ block: "nearest" });
  };
  const option = (...children) => el("div", {
    id: `search-opt-${box.children.length}`, className: "search-option", role: "option",
  }, ...children);
  async function run() {
    const q = input.value, my = ++seq;
    if (q.trim().length < 2) return close();
    let res;
    try {
      res = await search(q, { root, lang, edition: edition(), limit: 6 });
    } catch (e) {
      res = [];
    }
    if (my !== seq) return;
    box.replaceChildren();
    for (const r of res) {
      const snip = snippetBox("span", "search-option-snippet", r);
      const o = option(el("span", { className: "search-option-title", textContent: r.title }),
        r.heading ? el("span", { className: "search-option-heading", textContent: r.heading }) : null, snip);
      o.dataset.href = r.url;
      box.append(o);
    }
    const params = new URLSearchParams({ q, edition: edition() });
    const all = option(t("all", q.trim()));
    all.dataset.href = `${form.getAttribute("action")}?${params}`;
    all.classList.add("search-option-all");
    box.append(all);
    options().forEach((o) => o.setAttribute("aria-selected", "false"));
    active = -1;
    input.removeAttribute("aria-activedescendant");
    box.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  input.addEventListener("input", run);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && box.hidden) { if (input.value.trim().length >= 2) run(); return; }
    if (box.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      select(e.key === "ArrowDown" ? active + 1 : active < 0 ? -1 : active - 1);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      location.href = options()[active].dataset.href;
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
  box.addEventListener("mousedown", (e) => e.preventDefault()); // keep the focus in the box
  box.addEventListener("click", (e) => {
    const o = e.target.closest("[role=option]");
    if (o) location.href = o.dataset.href;
  });
  if (input.value.trim().length >= 2) run();
}

function page(input, form, list, t, edition) {
  const status = document.getElementById("search-status");
  const select = document.getElementById("search-edition");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? input.value;
  const ed = params.get("edition");
  if (select && ed && [...select.options].some((o) => o.value === ed)) select.value = ed;
  if (!select && ed) edition = () => ed;
  const more = el("button", { type: "button", className: "search-more", hidden: true, textContent: t("more") });
  list.after(more);
  let seq = 0, offset = 0, query = "";
  const item = (r) => el("li", { className: "search-result" },
    el("a", { href: r.url },
      el("span", { className: "search-result-title", textContent: r.title }),
      r.heading ? el("span", { className: "search-result-heading", textContent: r.heading }) : null),
    edition() === "all" ? el("span", { className: "search-result-edition", textContent: r.editionTitle || r.edition }) : null,
    snippetBox("p", "search-result-snippet", r),
    r.sections.length ? el("ul", { className: "search-result-sections" },
      ...r.sections.map((s) => el("li", {}, el("a", { href: s.url, textContent: s.heading })))) : null);
  async function run(next) {
    const my = ++seq;
    if (!next) {
      query = input.value;
      offset = 0;
      const url = new URL(location.href);
      url.searchParams.set("q", query);
      url.searchParams.set("edition", edition());
      history.replaceState(history.state, "", url);
    }
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    let res;
    try {
      res = await search(query, { root, lang, edition: edition(), limit: 10, offset });
    } catch (e) {
      if (my === seq) status.textContent = t("error");
      return;
    }
    if (my !== seq) return;
    if (!next) list.replaceChildren();
    list.append(...res.map(item));
    offset += res.length;
    more.hidden = offset >= res.total;
    const n = res.total.toLocaleString(lang);
    status.textContent = res.total ? t(res.total > 1 ? "many" : "one", n) : t("none", query.trim());
  }
  input.addEventListener("input", () => run(false));
  form.addEventListener("submit", (e) => { e.preventDefault(); run(false); });
  select?.addEventListener("change", () => run(false));
  more.addEventListener("click", () => run(true));
  run(false);
}
