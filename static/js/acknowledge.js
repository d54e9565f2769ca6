// "I have read edition 2025.1" links (acknowledge_url in handbook.yaml).
// The link opens the organisation's form; the form keeps the record. The
// browser only remembers, in its local storage, that this reader opened it
// for an edition (or one chapter of it), and says so beside the link on the
// next visit. Nothing is sent by this script.
const key = "handbook-acknowledged";

function load() {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "{}");
    return v && typeof v === "object" ? v : {};
  } catch (e) {
    return {};
  }
}

function save(v) {
  try {
    localStorage.setItem(key, JSON.stringify(v));
  } catch (e) {
    // Storage refused (private mode): the link still works.
  }
}

function show(link, day) {
  const status = link.parentElement && link.parentElement.querySelector(".acknowledge-status");
  if (!status || !day) return;
  let when = day;
  try {
    when = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long", timeZone: "UTC" })
      .format(new Date(day + "T00:00:00Z"));
  } catch (e) {
    // Keep the ISO date.
  }
  status.textContent = (link.dataset.done || "%s").replace("%s", when);
  status.hidden = false;
}

// Links already set up (the preview server updated <main> in place
// around them) are left as they are.
const ready = new WeakSet();

export function setupAcknowledge() {
  const links = document.querySelectorAll("a.acknowledge-link[data-ack]");
  if (!links.length) return;
  const done = load();
  for (const link of links) {
    if (ready.has(link)) continue;
    ready.add(link);
    const id = link.dataset.ack; // "2025.1" or "2025.1/netiquette"
    const edition = id.split("/")[0];
    show(link, done[id] || done[edition]);
    link.addEventListener("click", () => {
      const all = load();
      all[id] = new Date().toISOString().slice(0, 10);
      save(all);
      show(link, all[id]);
    });
  }
}
