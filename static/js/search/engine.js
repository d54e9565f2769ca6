// Search engine: normalises a query with the rules the Go indexer used
// (rules.js, generated from build/search/rules.go), fetches the directory,
// the shards and, by byte ranges of the pack, the chapter heads and texts
// a page of results needs (format: the comment at the top of
// build/search/writer.go), ranks chapters as the Go reader does
// (build/search/query.go) and builds snippets. No DOM access beyond
// reading <html data-root data-lang data-edition> for defaults.
import rules from "./rules.js";

const R = rules.rank;
const NOT = rules.notWord.replace(/[\\\]^-]/g, "\\$&");
const WORD = new RegExp(`(?:(?![${NOT}])[\\p{L}\\p{M}\\p{N}])+`, "gu");
const ONE = new RegExp(`^${WORD.source}$`, "u");
const isWord = (c) => c !== undefined && ONE.test(c);
const cps = (s) => Array.from(s);
const cut = (s, n) => cps(s).slice(0, n).join("");
const cmpCP = (a, b) => {
  const x = cps(a), y = cps(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
};
const mapChars = (s, table) => cps(s).map((c) => table[c] ?? c).join("");
const ASCII = /^[\x00-\x7f]*$/;

const compiled = new Map();
function langRules(lang) {
  if (!compiled.has(lang)) {
    const l = rules.langs[lang] || {};
    compiled.set(lang, {
      elisions: new Set(l.elisions), clitics: new Set(l.clitics), stop: new Set(l.stop), stem: l.stem || [],
    });
  }
  return compiled.get(lang);
}

function stemWord(w, phases) {
  for (const phase of phases) {
    for (const r of phase) {
      if (!w.endsWith(r.s)) continue;
      const base = w.slice(0, w.length - r.s.length);
      if (base.length < (r.m || 0) || ((r.f || "").includes("v") && !/[aeiouy]/.test(base))) continue;
      w = base + r.r;
      const c = w[w.length - 1];
      if ((r.f || "").includes("u") && w.length >= 4 && c === w[w.length - 2] && !"aeiouylsz".includes(c)) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

const lower = (raw) => mapChars(raw.replace(/\u0130/g, "i").toLowerCase(), rules.lower).normalize("NFC");
const fold = (w) => ASCII.test(w) ? w : mapChars(w.normalize("NFKD").replace(/\p{Mn}/gu, ""), rules.fold);

function token(L, raw) {
  const word = lower(raw), f = fold(word);
  return { word, fold: f, term: /^[a-z]+$/.test(f) ? stemWord(f, L.stem) : f, stop: L.stop.has(f) };
}

/** normalize splits s into tokens {word, fold, term, stop}, as search.Normalize does in Go. */
export function normalize(lang, s) {
  const L = langRules(lang), out = [], apos = rules.apostrophes;
  s = s.normalize("NFC");
  for (const m of s.matchAll(WORD)) {
    const t = token(L, m[0]), i = m.index, j = i + m[0].length;
    if (!t.fold) continue;
    if (L.elisions.has(t.fold) && apos.includes(s[j]) && isWord(String.fromCodePoint(s.codePointAt(j + 1) ?? 32))) continue;
    if (L.clitics.has(t.fold) && i > 1 && apos.includes(s[i - 1]) && isWord(cps(s.slice(Math.max(0, i - 3), i - 1)).pop())) continue;
    out.push(t);
  }
  return out;
}

// fetched holds the bodies asked for, by URL. The search page's inline
// script starts the first query's fetches before this module loads and
// leaves them in document.searchPrefetch (URL -> promise of the body,
// parsed as get would); get takes them from there once.
const fetched = new Map(), early = globalThis.document?.searchPrefetch;
function get(url, kind) {
  if (!fetched.has(url)) {
    const p = early?.get(url);
    early?.delete(url);
    fetched.set(url, (p ?? fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r[kind]();
    })).catch((e) => { fetched.delete(url); throw e; }));
  }
  return fetched.get(url);
}

// A server that ignores Range sends the whole pack: kept when it is under
// WHOLE bytes, else dropped for one range per request. The ranges of a
// request are kept in fetched, under the URL and the ranges.
const WHOLE = 4 << 20, wholes = new Map(), latin1 = new TextDecoder("latin1"), utf8 = new TextDecoder();

// ranges fetches the byte ranges [from, to) of url, in one request where
// the server allows, and returns their bytes in the order asked.
async function ranges(url, list) {
  const pick = (parts) => list.map(([a, b]) => {
    if (a === b) return new Uint8Array(0);
    const p = parts.find(([at, bytes]) => at <= a && b <= at + bytes.length);
    if (!p) throw new Error(`${url}: bytes ${a}-${b - 1} missing from the response`);
    return p[1].subarray(a - p[0], b - p[0]);
  });
  if (wholes.has(url)) return pick([[0, await wholes.get(url)]]);
  const asked = [...new Set(list.filter(([a, b]) => a < b).map(([a, b]) => `${a}-${b - 1}`))];
  if (!asked.length) return pick([]);
  const one = async (spec, many) => {
    const ctl = new AbortController(), r = await fetch(url, { headers: { Range: `bytes=${spec}` }, signal: ctl.signal });
    if (r.status === 200) {
      const n = +r.headers.get("content-length");
      if (n > WHOLE || !many) { ctl.abort(); throw Object.assign(new Error(`${url}: no byte ranges`), { whole: true }); }
      const b = r.arrayBuffer().then((x) => new Uint8Array(x));
      wholes.set(url, b);
      return [[0, await b]];
    }
    if (r.status !== 206) throw new Error(`${url}: ${r.status}`);
    const body = new Uint8Array(await r.arrayBuffer()), type = r.headers.get("content-type") || "";
    const m = /multipart\/byteranges;\s*boundary="?([^";,\s]+)/i.exec(type);
    if (!m) return [[+/bytes (\d+)-/.exec(r.headers.get("content-range") || "bytes 0-")[1], body]];
    // Parts: "--boundary", headers with Content-Range, a blank line, the
    // bytes; each part's length comes from its Content-Range.
    const s = latin1.decode(body), delim = `--${m[1]}`, parts = [];
    for (let at = 0; ;) {
      let i = s.indexOf(delim, at);
      if (i < 0 || s.startsWith("--", i += delim.length)) break;
      const end = s.indexOf("\r\n\r\n", i), cr = /content-range:\s*bytes\s+(\d+)-(\d+)/i.exec(s.slice(i, end));
      if (end < 0 || !cr) break;
      const from = +cr[1], start = end + 4, len = +cr[2] - from + 1;
      parts.push([from, body.subarray(start, start + len)]);
      at = start + len;
    }
    return parts;
  };
  const key = `${url}#${asked}`;
  if (!fetched.has(key)) {
    fetched.set(key, one(asked.join(","), true).catch((e) => {
      if (!e.whole || asked.length === 1) throw e;
      return Promise.all(asked.map((spec) => one(spec, false))).then((p) => p.flat());
    }).catch((e) => { fetched.delete(key); throw e; }));
  }
  return pick(await fetched.get(key));
}

// Entry is a word of a shard. Its stem and postings are worked out only
// when a query asks for them: a shard holds hundreds of words, a query
// scores a few, and decoding them all was most of a cold query's CPU.
class Entry {
  constructor(L, word, df, b, at, end, ascii) {
    this.L = L; this.word = word; this.df = df; this.b = b; this.at = at; this.end = end;
    // A stored word is already in lower case (see writer.go).
    this.fold = ascii ? word : fold(word);
  }
  get term() { return (this._term ??= /^[a-z]+$/.test(this.fold) ? stemWord(this.fold, this.L.stem) : this.fold); }
  // postings are slot, weight pairs, in a typed array (a large handbook's
  // common words have tens of thousands).
  get postings() {
    if (!this._postings) {
      const b = this.b, out = new Float64Array(2 * this.df);
      let at = this.at, k = 0;
      const next = () => {
        let v = 0, mul = 1, c;
        do { c = b[at++]; v += (c & 127) * mul; mul *= 128; } while (c & 128);
        return v;
      };
      for (let slot = 0; at < this.end && k < out.length; k += 2) { out[k] = slot += next(); out[k + 1] = next(); }
      this._postings = k < out.length ? out.subarray(0, k) : out;
    }
    return this._postings;
  }
}

function decodeShard(buf, L) {
  const b = new Uint8Array(buf), dec = new TextDecoder();
  let at = 0, prev = new Uint8Array(0), prevWord = "", prevASCII = true;
  const next = () => {
    let v = 0, mul = 1, c;
    do { c = b[at++]; v += (c & 127) * mul; mul *= 128; } while (c & 128);
    return v;
  };
  const words = [];
  for (let n = next(); n > 0; n--) {
    const shared = next(), size = next();
    // Most words are ASCII: built from the previous one by string
    // operations, without a decoder call per word.
    let ascii = prevASCII, word;
    for (let i = at; ascii && i < at + size; i++) ascii = b[i] < 128;
    if (ascii) {
      word = prevWord.slice(0, shared);
      for (let i = at; i < at + size; i++) word += String.fromCharCode(b[i]);
      prev = null;
    } else {
      prev ??= new TextEncoder().encode(prevWord);
      const bytes = new Uint8Array(shared + size);
      bytes.set(prev.subarray(0, shared));
      bytes.set(b.subarray(at, at + size), shared);
      word = dec.decode(bytes);
      prev = bytes;
    }
    at += size;
    prevWord = word; prevASCII = ascii;
    const df = next(), len = next();
    words.push(new Entry(L, word, df, b, at, at + len, ascii));
    at += len;
  }
  return words;
}

// Damerau (optimal string alignment) distance between a and b, or between
// a and the closest prefix of b.
function edit(a, b, prefixOnly) {
  let p2 = new Array(b.length + 1).fill(0), p = [...Array(b.length + 1).keys()], c = p2.slice();
  for (let i = 1; i <= a.length; i++) {
    c[0] = i;
    for (let j = 1; j <= b.length; j++) {
      c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c[j] = Math.min(c[j], p2[j - 2] + 1);
    }
    [p2, p, c] = [p, c, p2];
  }
  return prefixOnly ? Math.min(...p) : p[b.length];
}

// lengths decodes the directory's heads and lens (see writer.go), in
// bytes.
function lengths(s) {
  const out = [];
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = LENV[s.charCodeAt(i) & 127];
    n = n * 32 + (v & 31);
    if (v < 32) { out.push(n * UNIT); n = 0; }
  }
  return out;
}
const LEN = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", UNIT = 64;
const LENV = new Int8Array(128).fill(-1);
for (let i = 0; i < LEN.length; i++) LENV[LEN.charCodeAt(i)] = i;

class Index {
  constructor(base, dir) {
    this.base = base; this.dir = dir; this.L = langRules(dir.lang); this.first = [];
    let slot = 0;
    for (const n of dir.docs) { this.first.push(slot); slot += 1 + n; }
    this.docOf = new Int32Array(dir.slots);
    this.first.forEach((f, d) => this.docOf.fill(d, f, f + 1 + dir.docs[d]));
    // Offsets in the pack: of each chapter's head (and the pack's end),
    // of each section's text, chapters in order.
    const heads = lengths(dir.heads), lens = lengths(dir.lens);
    this.heads = new Float64Array(heads.length + 1); this.texts = new Float64Array(lens.length);
    let at = 0, k = 0;
    dir.docs.forEach((n, d) => {
      this.heads[d] = at; at += heads[d];
      for (let i = 0; i < n; i++) { this.texts[k] = at; at += lens[k++]; }
    });
    this.heads[dir.docs.length] = at;
  }
  file(name, kind) { return get(`${this.base}${name}?v=${this.dir.hash}`, kind); }
  async shard(name) {
    this.shards ??= new Map();
    if (!this.shards.has(name)) this.shards.set(name, this.file(name, "arrayBuffer").then((b) => decodeShard(b, this.L)));
    return this.shards.get(name);
  }
  // head's range in the pack, and the range of the text a result on its
  // section k shows (k < 0, the top: section 0's text; none without
  // sections).
  headRange(doc) {
    const n = this.dir.docs[doc], end = n ? this.texts[this.first[doc] - doc] : this.heads[doc + 1];
    return [this.heads[doc], end];
  }
  textRange(doc, k) {
    const n = this.dir.docs[doc], j = this.first[doc] - doc + Math.max(k, 0);
    if (!n) return [0, 0];
    return [this.texts[j], Math.max(k, 0) + 1 < n ? this.texts[j + 1] : this.heads[doc + 1]];
  }
  /**
   * page returns, for the results rs of this index, {heads, texts}: two
   * promises of their chapters' heads ({slug, title, summary, headings})
   * and of the texts they show, from at most two requests, the heads
   * needing none when the directory holds them.
   */
  page(rs) {
    const url = `${this.base}p.bin?v=${this.dir.hash}`;
    const heads = this.dir.inline ? Promise.resolve(rs.map((r) => this.dir.inline[r.doc]))
      : ranges(url, rs.map((r) => this.headRange(r.doc))).then((bs) => bs.map((b) => JSON.parse(utf8.decode(b))));
    const texts = ranges(url, rs.map((r) => this.textRange(r.doc, r.section))).then((bs) => bs.map((b) => utf8.decode(b).trimEnd()));
    return { heads, texts };
  }
  // The shards holding the words that share f's first letters, as many as
  // its stem less two, at least three; for a word under three letters,
  // the shard that holds it.
  shardsFor(f, term) {
    const keys = this.dir.shards, p = cut(f, Math.max(3, cps(term).length - 2)), out = [];
    if (!keys.length) return out;
    let i = 0;
    keys.forEach((lo, k) => { if (cmpCP(lo, p) <= 0) i = k; });
    let j = i;
    if (cps(f).length >= 3) while (j + 1 < keys.length && keys[j + 1].startsWith(p)) j++;
    for (let k = i; k <= j; k++) out.push(`s/${k}.bin`);
    return out;
  }
  queryTokens(query) {
    const toks = normalize(this.dir.lang, query), active = [];
    const prefixLast = toks.length > 0 && isWord(cps(query).pop());
    const allStop = toks.every((t) => t.stop);
    toks.forEach((t, i) => {
      if (t.stop && !allStop) return;
      const q = { ...t, prefix: prefixLast && i === toks.length - 1 };
      if (active.length < 16 && !active.some((a) => a.fold === q.fold && a.prefix === q.prefix)) active.push(q);
    });
    return { active, allStop };
  }
  candidates(t, words) {
    const out = [], n = cps(t.fold).length;
    // A word's stem keeps all its letters but the last three at most (the
    // longest ending a rule puts back, see rules.go): a word whose fold
    // does not start with those of t's stem cannot have t's stem.
    const stemHead = t.term.slice(0, Math.max(0, t.term.length - 3));
    for (const w of words) {
      const q = w.word === t.word ? R.exact : w.fold === t.fold ? R.fold
        : w.fold.startsWith(stemHead) && w.term === t.term ? R.stem
        : t.prefix && n >= R.minPrefix && w.fold.startsWith(t.fold) ? R.prefix : 0;
      if (q > 0) out.push([w, q]);
    }
    if (out.length || n < R.typo1Len || /^[0-9]*$/.test(t.fold)) return out;
    const k = n >= R.typo2Len ? 2 : 1, a = cps(t.fold);
    for (const w of words) {
      const b = cps(w.fold);
      if (b[0] !== a[0]) continue; // a typo on the first letter is never forgiven
      let d = edit(a, b, false);
      if (d <= k) out.push([w, d === 2 ? R.typo2 : R.typo1]);
      else if (t.prefix && (d = edit(a, b, true)) <= k) out.push([w, R.fuzzyPrefix / d]);
    }
    return out;
  }
  /** rank returns every matching chapter, best first, without texts. */
  async rank(query) {
    const { active, allStop } = this.queryTokens(query), dir = this.dir, marks = new Set();
    if (!active.length) return { results: [], marks };
    const lists = await Promise.all(active.map((t) => {
      const names = this.shardsFor(t.fold, t.term);
      if (allStop && dir.stop > 0) names.push("s/stop.bin");
      return Promise.all(names.map((n) => this.shard(n))).then((s) => s.flat());
    }));
    const score = new Float64Array(dir.slots), mask = new Int32Array(dir.docs.length), touched = [];
    active.forEach((t, ti) => {
      const best = new Float64Array(dir.slots), slots = [];
      for (const [w, q] of this.candidates(t, lists[ti])) {
        marks.add(w.fold);
        const idf = Math.log(1 + (dir.slots - w.df + 0.5) / (w.df + 0.5)), p = w.postings;
        for (let i = 0; i < p.length; i += 2) {
          const v = q * idf * p[i + 1] / dir.scale, s = p[i];
          if (v > best[s]) { if (!best[s]) slots.push(s); best[s] = v; }
        }
      }
      for (const s of slots) {
        score[s] += best[s];
        const d = this.docOf[s];
        if (!mask[d]) touched.push(d);
        mask[d] |= 1 << ti;
      }
    });
    const results = [];
    for (const doc of touched) {
      const m = mask[doc], base = this.first[doc] + 1, n = dir.docs[doc];
      const s0 = score[base - 1];
      let total = 0, bestS = 0, bestK = -1;
      for (let k = 0; k < n; k++) { const s = score[base + k]; total += s; if (s > bestS) { bestS = s; bestK = k; } }
      let bitsOn = 0;
      for (let x = m; x; x &= x - 1) bitsOn++;
      const cov = bitsOn / active.length;
      const section = bestK < 0 || s0 > R.topRatio * bestS ? -1 : bestK;
      results.push(new Result(this, doc, (s0 + bestS + R.rest * (total - bestS)) * cov * cov, section, score));
    }
    results.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { results, marks };
  }
  /** others returns the sections of r other than its own that match, best first, three at most. */
  others(r) {
    const base = this.first[r.doc] + 1, n = this.dir.docs[r.doc], S = (k) => r.scores[base + k], out = [];
    for (let k = 0; k < n; k++) if (k !== r.section && S(k) > 0) out.push(k);
    return out.sort((a, b) => S(b) - S(a)).slice(0, 3);
  }
}

// Result is a matching chapter; its other sections are worked out only
// for the results shown (a large handbook matches thousands).
class Result {
  constructor(index, doc, score, section, scores) {
    this.index = index; this.doc = doc; this.score = score; this.section = section; this.scores = scores;
    this.src = this.order = this.marks = this._others = undefined; // set by search(), others
  }
  get others() { return (this._others ??= this.index.others(this)); }
}

const esc = (s) => s.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/** snippet returns HTML: a passage of text around the most query words, marked. */
export function snippet(text, marks, width = 180) {
  const hits = [];
  for (const m of text.matchAll(WORD)) {
    const f = fold(lower(m[0]));
    if (marks.has(f)) hits.push([m.index, m.index + m[0].length, f]);
  }
  let start = 0, bestN = 0;
  hits.forEach((h, i) => {
    const seen = new Set();
    for (let j = i; j < hits.length && hits[j][1] - h[0] <= width; j++) seen.add(hits[j][2]);
    if (seen.size > bestN) { bestN = seen.size; start = h[0]; }
  });
  const at = start;
  if (start > 0) {
    start = Math.max(0, start - 40);
    const sp = text.indexOf(" ", start);
    if (start > 0 && sp >= 0 && sp < at) start = sp + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) { const sp = text.lastIndexOf(" ", end); if (sp > at) end = sp; }
  let html = start > 0 ? "…" : "", pos = start;
  for (const [a, b] of hits) {
    if (a < start || b > end) continue;
    html += `${esc(text.slice(pos, a))}<mark>${esc(text.slice(a, b))}</mark>`;
    pos = b;
  }
  return html + esc(text.slice(pos, end)) + (end < text.length ? "…" : "");
}

const defaults = () => globalThis.document?.documentElement.dataset ?? {};

/** loadIndex fetches (once) the directory of edition's index in lang; dir overrides its folder. */
export function loadIndex(rootURL, lang, edition, dir) {
  const base = rootURL + (dir ?? `search/${lang}-${edition}/`);
  return get(base + "index.json", "json").then((d) => {
    if (d.v !== 3) throw new Error(`${base}index.json: unknown version ${d.v}`);
    return d.index ??= new Index(base, d);
  });
}

/** loadEditions returns the entries of search/editions.json. */
export const loadEditions = (rootURL) => get(rootURL + "search/editions.json", "json");

/**
 * search ranks the chapters for query in one edition of lang, or in every
 * edition listed in search/editions.json for edition "all", and returns
 * results[offset:offset+limit] as soon as their titles and headings are
 * known: [{url, title, heading, anchor, slug, score, edition,
 * editionTitle, current, sections: [{url, heading, anchor}], snippetHTML,
 * snippet}]. snippetHTML is "" until snippet, a promise of it, resolves;
 * the array's snippets resolves once every snippet is in (or failed), and
 * its total is the number of matching chapters.
 */
export async function search(query, opts = {}) {
  const d = defaults(), root = opts.root ?? d.root ?? "./", lang = opts.lang ?? d.lang ?? "en";
  const edition = opts.edition || d.edition, limit = opts.limit ?? 10, offset = opts.offset ?? 0;
  let sources = [{ edition }];
  if (edition === "all") sources = (await loadEditions(root)).filter((e) => e.lang === lang);
  const ranked = await Promise.all(sources.map(async (src, order) => {
    const ix = await loadIndex(root, lang, src.edition, src.dir);
    const r = await ix.rank(query);
    for (const x of r.results) Object.assign(x, { src, order, marks: r.marks });
    return r.results;
  }));
  const all = ranked.flat().sort((a, b) => b.score - a.score || a.order - b.order || a.doc - b.doc);
  const shown = all.slice(offset, offset + limit), byIndex = new Map();
  for (const r of shown) {
    if (!byIndex.has(r.index)) byIndex.set(r.index, []);
    byIndex.get(r.index).push(r);
  }
  const got = new Map();
  for (const [ix, rs] of byIndex) {
    const p = ix.page(rs);
    rs.forEach((r, i) => got.set(r, { head: p.heads.then((h) => h[i]), text: p.texts.then((t) => t[i]) }));
  }
  const page = await Promise.all(shown.map(async (r) => {
    const t = await got.get(r).head, url = r.index.dir.urls ? r.index.dir.urls[r.doc] : r.index.dir.url + t.slug + "/";
    const link = (k, sub) => {
      const [anchor, heading] = t.headings[k] ?? ["", ""];
      return { url: root + url + (anchor ? "#" + anchor : ""), anchor, heading: heading || (sub ? t.title : "") };
    }, main = link(r.section);
    const item = {
      ...main, title: t.title, slug: t.slug, score: r.score, snippetHTML: "",
      edition: r.index.dir.edition, editionTitle: r.src.title, current: r.src.current,
      sections: r.others.map((k) => link(k, true)).filter((s) => s.url !== main.url),
    };
    item.snippet = got.get(r).text.then((text) => {
      let html = snippet(text, r.marks);
      if (r.section < 0 && t.summary) {
        const sum = snippet(t.summary, r.marks);
        if (sum.includes("<mark>") || !text) html = sum;
      }
      return (item.snippetHTML = html);
    });
    return item;
  }));
  page.total = all.length;
  // Resolves when every snippet is in or has failed (a failed one stays "").
  page.snippets = Promise.all(page.map((r) => r.snippet.catch(() => "")));
  return page;
}
