// Reading records: the browser remembers, per chapter, the latest edition in
// which the reader opened it, in local storage only (nothing is ever sent).
// With them, a chapter page of the current edition says when its text
// changed since the reader last read it, and links the redline from that
// edition; the current edition's contents mark each chapter "changed since
// you read it", "new" or "unchanged". The builder gives what this needs as
// data attributes, so no file is fetched:
//
//   <article class="chapter" data-read-key="K" data-read-edition="E"
//            data-read-editions="2023.1:changed 2024.1:same"
//            data-read-redline="../2025.1/k/changes/" data-read-previous="2024.1">
//     data-read-key: the chapter's identity across editions and renames;
//     data-read-edition: the page's edition (absent on drafts: reading a
//       draft records nothing);
//     data-read-editions (current edition only): the earlier released
//       editions that hold the chapter, oldest first, each saying whether
//       its text in this language differs from this page's;
//     data-read-redline: this edition's redline of the chapter, relative;
//       the cumulative redline from edition X is data-read-redline +
//       "since/X/", the plain one serves the previous edition.
//   <div class="read-notice" data-text="... {edition} ..." hidden>
//   <ol class="chapter-list" data-read-changed=".." data-read-new=".." data-read-unchanged="..">
//     <li data-read-key="K" data-read-editions="..." data-read-first="2025.1">
//       <span class="read-mark" hidden></span>
//
// "Changed since your last visit" (.since-visit, on every page of the
// current edition) shows on the first page a reader opens after an edition
// came into force, and then never again for that edition.

const READ_KEY = "handbook-read";
const VISIT_KEY = "handbook-last-edition";

function load(key) {
  try {
    return localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (e) {
    // Storage refused (private mode, quota): the page works without it.
  }
}

// compareEditions orders edition ids as the builder does: by version order
// (2024.9 before 2024.10).
export function compareEditions(a, b) {
  const pa = a.split(/(\d+)/), pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i]), nb = Number(pb[i]);
    if (pa[i] !== "" && pb[i] !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

// records returns the reading records: chapter key -> edition id.
function records() {
  try {
    const r = JSON.parse(load(READ_KEY) || "{}");
    return r && typeof r === "object" && !Array.isArray(r) ? r : {};
  } catch (e) {
    return {};
  }
}

// parseEditions reads data-read-editions: [{id, changed}], oldest first.
function parseEditions(attr) {
  return (attr || "").split(" ").filter(Boolean).map((x) => {
    const i = x.lastIndexOf(":");
    return { id: x.slice(0, i), changed: x.slice(i + 1) === "changed" };
  });
}

// sinceRead says how the text the reader read in edition read compares with
// this one: null when there is nothing to say (never read, or read in this
// edition or later), else {from, changed}, where from is the latest earlier
// edition holding the chapter that is not after the one read.
export function sinceRead(read, current, editions) {
  if (!read || compareEditions(read, current) >= 0) return null;
  let from = null;
  for (const e of editions) {
    if (compareEditions(e.id, read) <= 0) from = e;
  }
  return from && { from: from.id, changed: from.changed };
}

function record(key, edition) {
  const r = records();
  if (!r[key] || compareEditions(r[key], edition) < 0) {
    r[key] = edition;
    save(READ_KEY, JSON.stringify(r));
  }
}

// chapterNotice shows the "changed since you read it" notice of a chapter
// page; it returns whether it did. The page is recorded as read after.
function chapterNotice(read) {
  const article = document.querySelector("article.chapter[data-read-key]");
  if (!article) return false;
  const key = article.dataset.readKey, edition = article.dataset.readEdition;
  let shown = false;
  const notice = document.querySelector(".read-notice");
  if (notice && edition && article.dataset.readEditions !== undefined) {
    const s = sinceRead(read[key], edition, parseEditions(article.dataset.readEditions));
    if (s && s.changed) {
      const link = notice.querySelector("a");
      const base = article.dataset.readRedline;
      link.href = s.from === article.dataset.readPrevious ? base : base + "since/" + s.from + "/";
      notice.querySelector(".read-notice-text").textContent = notice.dataset.text.replace("{edition}", s.from);
      notice.hidden = false;
      shown = true;
    }
  }
  if (edition) record(key, edition);
  return shown;
}

// contentsMarks marks each chapter of the current edition's contents.
function contentsMarks(r) {
  const current = document.documentElement.dataset.currentEdition;
  const latest = Object.values(r).reduce((a, b) => (!a || compareEditions(a, b) < 0 ? b : a), null);
  for (const list of document.querySelectorAll("ol.chapter-list[data-read-changed]")) {
    for (const item of list.querySelectorAll("li[data-read-key]")) {
      const mark = item.querySelector(".read-mark");
      if (!mark) continue;
      const read = r[item.dataset.readKey];
      let kind = null;
      if (read) {
        const s = sinceRead(read, current, parseEditions(item.dataset.readEditions));
        kind = s && s.changed ? "changed" : "unchanged";
      } else if (latest && compareEditions(latest, item.dataset.readFirst) < 0) {
        kind = "new";
      }
      if (!kind) continue;
      mark.textContent = list.dataset["read" + kind[0].toUpperCase() + kind.slice(1)];
      mark.className = "read-mark read-" + kind;
      mark.hidden = false;
    }
  }
}

// sinceVisit shows the "changed since your last visit" notice once: on the
// first page opened after a new edition came into force (unless the
// chapter's own notice says it better), then forgets it.
function sinceVisit(chapterShown) {
  const current = document.documentElement.dataset.currentEdition;
  if (!current) return;
  const seen = load(VISIT_KEY);
  const notice = document.querySelector(".since-visit");
  if (notice && seen && compareEditions(seen, current) < 0 && !chapterShown) {
    notice.hidden = false;
  }
  if (!seen || compareEditions(seen, current) < 0) save(VISIT_KEY, current);
}

// start shows the notices and marks of the page, from the records as they
// were when it loaded, and records the page as read. It returns a function
// that shows them again, from the same records, on new content the preview
// server put in place of <main>: the page then says what it said when it
// loaded, as a reload would not (the visit is already recorded).
export function start() {
  const read = records();
  contentsMarks(read);
  sinceVisit(chapterNotice(read));
  return () => {
    contentsMarks(read);
    chapterNotice(read);
  };
}
