// Progressive enhancements shared by every page: the theme toggle, reading
// records and what changed since (read.js), copy buttons, self-check
// questions, the acknowledgement link, and search (loaded only when the
// reader starts searching). Nothing is sent anywhere.
import "./search/boot.js";
import { start as startReading } from "./read.js";
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

// Copy buttons already set up: after an update in place of <main>, the
// preview server keeps the nodes that did not change.
const copyReady = new WeakSet();

function setupCopy() {
  const status = document.querySelector(".copy-status");
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    if (copyReady.has(button)) continue;
    copyReady.add(button);
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

// setupContent enhances what <main> holds. It runs at load, and again when
// the preview server (handbook serve) replaced <main> in place and said so
// with a handbook:updated event: the new copy buttons, questions and
// acknowledgement links then work as on a loaded page. The header and the
// theme toggle sit outside <main> and keep their handlers.
function setupContent() {
  setupCopy();
  setupQuizzes();
  setupAcknowledge();
}

setupHeader();
setupTheme();
const showReading = startReading();
setupContent();
document.addEventListener("handbook:updated", () => {
  showReading();
  setupContent();
});
