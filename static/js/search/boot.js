// Loads the search interface (ui.js, engine.js) only when the reader starts
// searching: on the first focus of or input in #search-q, at once on the
// search page (the one with #search-results). "/" focuses the box from
// anywhere but a field being typed in. Exports nothing.
const input = document.getElementById("search-q");
let ui;
const load = () => (ui ??= import("./ui.js").then((m) => m.start()));

if (input) {
  if (document.getElementById("search-results")) load();
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", load, { once: true });
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}
