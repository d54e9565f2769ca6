package search

// The index format, version 3. An index of one edition in one language is
// a folder search/<lang>-<edition>/ (see IndexDir) holding the directory,
// the dictionary shards and the pack of the chapters' titles, headings and
// texts.
//
// index.json, the directory, fetched first (by the search page's inline
// script, with the shards of the query in its URL, see layouts/base.html):
//
//	{"v":3, "lang":"fr", "edition":"2025.1", "hash":"3f2a…",
//	 "scale":32,            // posting weights are weight*scale, rounded
//	 "slots":41,            // total slots: per chapter, 1 + its sections
//	 "docs":[5,7,…],        // sections per chapter, in chapter order
//	 "shards":["","di",…],  // first key of each shard, ascending
//	 "stop":2210,           // bytes of s/stop.bin (0: no stop word)
//	 "url":"fr/",           // a chapter's URL is url + slug + "/" …
//	 "urls":["fr/a/",…],    // … unless urls, one per chapter, is given
//	 "heads":"9Ku…",        // bytes of each chapter's head in p.bin
//	 "lens":"Af…",          // bytes of each section's text in p.bin
//	 "inline":[{…},…]}      // every head, when they are small (see below)
//
// Slots number the parts of the chapters in order: chapter i owns the
// slots from sum(docs[:i])+i on, the first for its title, summary and tags,
// then one per section. A word's key is its folded form (see Normalize);
// shard k holds the keys from shards[k] (included) to shards[k+1]
// (excluded), compared by code point. Keys are cut by their first two
// letters, or more where two letters hold more than about 8 KB of
// postings, and whole groups are merged up to that size: the words that
// share a query word's first three letters are in one shard, or a few
// consecutive ones. Shards and the pack are fetched with "?v=<hash>", so
// that a browser never mixes the files of two builds.
//
// s/<k>.bin, a shard, and s/stop.bin, the stop words (loaded only for a
// query made of stop words alone), are binary, every integer an unsigned
// LEB128 varint:
//
//	shard   = count entry*
//	entry   = shared suffixLen suffix df size posting*
//	posting = slotDelta weight
//
// Entries are sorted by fold, then word; the word (lower case, accents
// kept) is its first `shared` bytes of the previous entry's word followed
// by `suffix` (UTF-8). df is the number of postings and size their byte
// length, so a reader can skip them; postings are in ascending slot order,
// each slot the delta from the previous one (the first from 0). A weight
// is BM25 per field (k1 1.2, b 0.75 on the body, by section length) times
// the field's weight (title 4, heading 2.5, summary and tags 1.5, body 1),
// summed, times scale. IDF is left to the reader: ln(1+(slots-df+0.5)/(df+0.5)).
//
// p.bin, the pack, is read by byte ranges. For each chapter in order, its
// head, then the text of each of its sections (UTF-8, NFC, no separator).
// A head is a JSON object:
//
//	{"slug":"netiquette", "title":"Nétiquette", "summary":"…",
//	 "headings":[["anchor","heading"],…]}  // every section of the chapter
//
// heads gives the byte length of each chapter's head, lens that of every
// section's text, chapters in order. Each is a string of numbers, five bits
// a character, most significant first: a character's value is its index in
// "0-9a-zA-Z-_"; 32–63 carry 5 bits and say that more follow, 0–31 the
// last 5 bits ("Gf" is 10·32+15 = 335). The offsets are the running sums.
// When the heads together are under inlineHeads bytes, inline holds them
// too, so that a result shows its title and headings as soon as its shard
// has answered; otherwise the reader asks for them with the texts.
//
// Why this layout. A first query needs index.json (asked for while the
// page is parsed, beside the scripts), then its shards (asked for as soon
// as the directory is in, before the scripts have run), then one request: the heads and texts of the
// page of results it shows, as the byte ranges of one request (HTTP
// multipart/byteranges, which nginx, Apache, Caddy and Go's file server
// answer). Three sequential requests after the page, and the texts of ten
// results come in one response of about 10 KB, against ten chunks of
// about 8 KB each (3–4 KB gzipped) in version 2. The pack is not
// compressed on the wire (a server does not compress byte ranges), which
// the ranges make up for: a result costs its section, not its chapter. A
// server that ignores ranges sends the whole pack; the reader then keeps
// it for the next queries if it is small, and otherwise gives it up for
// one range per request (see engine.js).

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// formatVersion is the "v" of index.json.
const formatVersion = 3

// inlineHeads is the size, in bytes, under which the directory holds every
// chapter's head as well: 16 KB is about 40 chapters, and costs a handbook
// of that size about 4 KB gzipped on its first query.
const inlineHeads = 16 << 10

// packName is the pack's name in the index folder.
const packName = "p.bin"

// IndexDir returns the folder of the index of edition in lang, relative
// to the site root: "search/fr-2025.1/".
func IndexDir(lang, edition string) string { return "search/" + lang + "-" + edition + "/" }

// directory is index.json.
type directory struct {
	V       int      `json:"v"`
	Lang    string   `json:"lang"`
	Edition string   `json:"edition"`
	Hash    string   `json:"hash"`
	Scale   int      `json:"scale"`
	Slots   int      `json:"slots"`
	Docs    []int    `json:"docs"`
	Shards  []string `json:"shards"`
	Stop    int      `json:"stop"`
	URL     string   `json:"url,omitempty"`
	URLs    []string `json:"urls,omitempty"`
	Heads   string   `json:"heads"`
	Lens    string   `json:"lens"`
	Inline  []head   `json:"inline,omitempty"`
}

// head is what a result shows of its chapter but the text: the first part
// of the chapter in the pack.
type head struct {
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Summary  string      `json:"summary,omitempty"`
	Headings [][2]string `json:"headings"`
}

// targets are the sizes, in bytes before compression, that files grow to.
type targets struct {
	shard int
	// inline is the size of the heads under which the directory holds
	// them (inlineHeads).
	inline int
}

// write encodes the analysed index into its files, by path from the site
// root.
func write(lang, edition string, docs []Doc, a analysis, t targets) map[string][]byte {
	files := map[string][]byte{}
	idx := IndexDir(lang, edition)
	var words, stops []entry
	for _, e := range a.entries {
		if e.stop {
			stops = append(stops, e)
		} else {
			words = append(words, e)
		}
	}
	dir := directory{V: formatVersion, Lang: lang, Edition: edition, Scale: weightScale, Slots: a.slots,
		Docs: append([]int{}, a.sections...), Shards: []string{}}
	encoded := make([][]byte, len(words))
	for i := range words {
		encoded[i] = encodeEntry(nil, "", &words[i])
	}
	for k, s := range splitShards(words, encoded, t.shard) {
		b := encodeShard(words[s.from:s.to])
		files[idx+"s/"+strconv.Itoa(k)+".bin"] = b
		dir.Shards = append(dir.Shards, s.lo)
	}
	if len(stops) > 0 {
		b := encodeShard(stops)
		files[idx+"s/stop.bin"] = b
		dir.Stop = len(b)
	}
	dir.URL, dir.URLs = urlPattern(docs)
	var pack []byte
	var heads, lens []byte
	var all []head
	size := 0
	for i := range docs {
		d := &docs[i]
		h := head{Slug: d.Slug, Title: norm.NFC.String(d.Title), Summary: norm.NFC.String(d.Summary), Headings: [][2]string{}}
		for _, s := range d.Sections {
			h.Headings = append(h.Headings, [2]string{s.Anchor, norm.NFC.String(s.Heading)})
		}
		hb := marshal(h)
		pack = append(pack, hb...)
		pack = pad(pack, len(hb))
		heads = appendLen(heads, (len(hb)+packUnit-1)/packUnit)
		size += len(hb)
		all = append(all, h)
		for _, s := range d.Sections {
			n := len(pack)
			pack = norm.NFC.AppendString(pack, s.Text)
			pack = pad(pack, len(pack)-n)
			lens = appendLen(lens, (len(pack)-n)/packUnit)
		}
	}
	dir.Heads, dir.Lens = string(heads), string(lens)
	if size < t.inline {
		dir.Inline = all
	}
	files[idx+packName] = pack
	// The hash versions the shards and the pack.
	h := sha256.New()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write(files[p])
	}
	dir.Hash = hex.EncodeToString(h.Sum(nil))[:12]
	files[idx+"index.json"] = marshal(dir)
	return files
}

// lenDigits are the digits of heads and lens, by value.
const lenDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// packUnit is the unit of the lengths in heads and lens: every head and
// text in the pack is padded with spaces to a multiple of it, so that a
// length takes one character of the directory up to 2 KB (it would take
// three at byte precision; 4,000 chapters of 7 sections are 40 KB less
// to fetch before any query), for 32 bytes of padding on average in each
// range read.
const packUnit = 64

// pad pads b, whose last n bytes are a head or a text, to a multiple of
// packUnit.
func pad(b []byte, n int) []byte {
	for ; n%packUnit != 0; n++ {
		b = append(b, ' ')
	}
	return b
}

// appendLen appends n to b in the notation of heads and lens.
func appendLen(b []byte, n int) []byte {
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = lenDigits[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		tmp[i] = lenDigits[32+n&31]
	}
	return append(b, tmp[i:]...)
}

// parseLens decodes the notation of heads and lens.
func parseLens(s string) ([]int, error) {
	var out []int
	n := 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(lenDigits, s[i])
		if v < 0 {
			return nil, fmt.Errorf("bad digit %q", s[i])
		}
		if n > math.MaxInt32>>5 {
			return nil, errors.New("number too large")
		}
		n = n<<5 | v&31
		if v < 32 {
			out = append(out, n)
			n = 0
		}
	}
	if n != 0 || len(s) > 0 && strings.IndexByte(lenDigits, s[len(s)-1]) >= 32 {
		return nil, errors.New("unfinished number")
	}
	return out, nil
}

// urlPattern returns the common prefix of the chapters' URLs when every
// one is that prefix, the slug and "/", else every URL.
func urlPattern(docs []Doc) (string, []string) {
	if len(docs) == 0 {
		return "", nil
	}
	prefix, ok := strings.CutSuffix(docs[0].URL, docs[0].Slug+"/")
	for _, d := range docs {
		ok = ok && d.URL == prefix+d.Slug+"/"
	}
	if ok {
		return prefix, nil
	}
	urls := make([]string, len(docs))
	for i, d := range docs {
		urls[i] = d.URL
	}
	return "", urls
}

// marshal encodes v as JSON without HTML escaping (the files are data, not
// HTML).
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // strings, ints and slices always encode
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// encodeShard encodes entries, front-coding each word on the previous one.
func encodeShard(entries []entry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(entries)))
	prev := ""
	for i := range entries {
		b = encodeEntry(b, prev, &entries[i])
		prev = entries[i].word
	}
	return b
}

func encodeEntry(b []byte, prev string, e *entry) []byte {
	shared := 0
	for shared < len(prev) && shared < len(e.word) && prev[shared] == e.word[shared] {
		shared++
	}
	b = binary.AppendUvarint(b, uint64(shared))
	b = binary.AppendUvarint(b, uint64(len(e.word)-shared))
	b = append(b, e.word[shared:]...)
	var p []byte
	last := 0
	for _, x := range e.postings {
		p = binary.AppendUvarint(p, uint64(x.slot-last))
		p = binary.AppendUvarint(p, uint64(x.weight))
		last = x.slot
	}
	b = binary.AppendUvarint(b, uint64(len(e.postings)))
	b = binary.AppendUvarint(b, uint64(len(p)))
	return append(b, p...)
}

// shardRange is entries[from:to], whose keys start at lo.
type shardRange struct {
	lo       string
	from, to int
}

// splitShards cuts the sorted entries into shards of about target bytes
// each: whole two-letter groups merged while they fit, and a group too big
// for one shard cut by its first three letters, and so on.
func splitShards(entries []entry, encoded [][]byte, target int) []shardRange {
	var out []shardRange
	var split func(from, to, depth int)
	split = func(from, to, depth int) {
		cur := shardRange{from: -1}
		size := 0
		flush := func() {
			if cur.from >= 0 {
				out = append(out, cur)
			}
			cur, size = shardRange{from: -1}, 0
		}
		for i := from; i < to; {
			p := prefix(entries[i].fold, depth)
			j, n := i, 0
			for j < to && prefix(entries[j].fold, depth) == p {
				n += len(encoded[j])
				j++
			}
			if n > target && j-i > 1 && depth < 16 {
				flush()
				split(i, j, depth+1)
				i = j
				continue
			}
			if cur.from >= 0 && size+n > target {
				flush()
			}
			if cur.from < 0 {
				cur = shardRange{lo: p, from: i}
			}
			cur.to, size = j, size+n
			i = j
		}
		flush()
	}
	split(0, len(entries), 2)
	if len(out) > 0 {
		out[0].lo = ""
	}
	return out
}

// prefix returns the first n letters of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// EditionEntry describes one edition's index in search/editions.json.
type EditionEntry struct {
	Lang    string `json:"lang"`
	Edition string `json:"edition"`
	Title   string `json:"title"`
	Date    string `json:"date"` // YYYY-MM-DD
	Current bool   `json:"current"`
	// Dir is the index folder relative to the site root, ending in "/":
	// "search/fr-2025.1/" (see IndexDir).
	Dir string `json:"dir"`
}

// EditionsManifest returns search/editions.json: the entries as a JSON
// array, in the order given (the browser searches them all for
// edition=all, keeping those of the page's language).
func EditionsManifest(entries []EditionEntry) []byte {
	if entries == nil {
		entries = []EditionEntry{}
	}
	return marshal(entries)
}

// runeLen is the number of letters of s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
