// Progressive enhancements shared by every page: the theme toggle, the
// "changed since your last visit" notice, copy buttons, self-check questions, and search (loaded
// only when the reader starts searching). Nothing is sent anywhere.
import "./search/boot.js";
import { setupQuizzes } from "./quiz.js";
import { setupAcknowledge } from "./acknowledge.js";
import { setupHeader } from "./header.js";

const root = document.documentElement;

function store(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch (e) {
    return null;
  }
  return null;
}

function setupTheme() {
  const button = document.querySelector(".theme-toggle");
  if (!button) return;
  const dark = () => root.dataset.theme === "dark" ||
    (!root.dataset.theme && matchMedia("(prefers-color-scheme: dark)").matches);
  const label = () => {
    button.setAttribute("aria-pressed", dark() ? "true" : "false");
    button.textContent = dark() ? button.dataset.light : button.dataset.dark;
  };
  button.hidden = false;
  label();
  button.addEventListener("click", () => {
    root.dataset.theme = dark() ? "light" : "dark";
    store("handbook-theme", root.dataset.theme);
    label();
  });
}

// compareEditions orders edition ids as the builder does: by version order.
function compareEditions(a, b) {
  const pa = a.split(/(\d+)/), pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i]), nb = Number(pb[i]);
    if (pa[i] !== "" && pb[i] !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

function setupSinceVisit() {
  const current = root.dataset.currentEdition;
  if (!current) return;
  const key = "handbook-last-edition";
  const seen = store(key);
  const notice = document.querySelector(".since-visit");
  if (notice && seen && compareEditions(seen, current) < 0) {
    notice.hidden = false;
  }
  if (!seen || compareEditions(seen, current) < 0) store(key, current);
}

function setupCopy() {
  const status = document.querySelector(".copy-status");
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        if (status) status.textContent = status.dataset.copied;
      } catch (e) {
        const code = button.previousElementSibling;
        if (code) getSelection().selectAllChildren(code);
      }
    });
  }
}

setupHeader();
setupTheme();
setupSinceVisit();
setupCopy();
setupQuizzes();
setupAcknowledge();
