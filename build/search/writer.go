package search

// The index format, version 1. All files are under the index folder
// search/<lang>-<edition>/ and are fetched with "?v=<hash>" so that a
// browser never mixes files of two builds.
//
// index.json, the directory, fetched first (a few KB for 2,000 chapters):
//
//	{"v":1, "lang":"fr", "edition":"2025.1", "hash":"3f2a…",
//	 "scale":32,            // posting weights are weight*scale, rounded
//	 "slots":41,            // total slots: per chapter, 1 + its sections
//	 "docs":[5,7,…],        // sections per chapter, in chapter order
//	 "shards":["","di",…],  // first key of each shard, ascending
//	 "sizes":[15321,…],     // bytes of each shard file
//	 "stop":2210}           // bytes of s/stop.bin (0: no stop word)
//
// Slots number the parts of the chapters in order: chapter i owns the
// slots from sum(docs[:i])+i on, the first for its title, summary and tags,
// then one per section. A word's key is its folded form (see Normalize);
// shard k holds the keys from shards[k] (included) to shards[k+1]
// (excluded), compared by code point. Keys are cut by their first two
// letters, or more where two letters hold more than about 16 KB of
// postings, and whole groups are merged up to that size: the words that
// share a query word's first three letters are in one shard, or a few
// consecutive ones.
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
// t/<i>/<k>.json, section k of chapter i (t/<i>/0.json for a chapter
// without sections), for the result's title, links and snippet; a result
// that links the top of its chapter reads file 0, the only one with the
// summary:
//
//	{"slug":"netiquette", "title":"Nétiquette", "url":"fr/netiquette/",
//	 "summary":"…", "headings":[["anchor","heading"],…], "text":"…"}
//
// One file per section, each repeating its chapter's title, URL, summary
// and headings, so a result costs one request and about 0.7 KB gzipped:
// on a synthetic 2,000-chapter handbook, a file per chapter made the ten
// texts of a first page weigh 37 KB gzipped, four fifths of the query; and
// texts inside the shards would repeat in every shard of every word.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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
	Sizes   []int    `json:"sizes"`
	Stop    int      `json:"stop"`
}

// textFile is t/<i>/<k>.json.
type textFile struct {
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	URL      string      `json:"url"`
	Summary  string      `json:"summary,omitempty"`
	Headings [][2]string `json:"headings"`
	Text     string      `json:"text"`
}

// write encodes the analysed index into its files.
func write(lang, edition string, docs []Doc, a analysis, target int) map[string][]byte {
	files := map[string][]byte{}
	var words, stops []entry
	for _, e := range a.entries {
		if e.stop {
			stops = append(stops, e)
		} else {
			words = append(words, e)
		}
	}
	dir := directory{V: 1, Lang: lang, Edition: edition, Scale: weightScale, Slots: a.slots, Docs: a.sections}
	dir.Docs = append([]int{}, a.sections...)
	encoded := make([][]byte, len(words))
	for i := range words {
		encoded[i] = encodeEntry(nil, "", &words[i])
	}
	for k, s := range splitShards(words, encoded, target) {
		b := encodeShard(words[s.from:s.to])
		files["s/"+strconv.Itoa(k)+".bin"] = b
		dir.Shards = append(dir.Shards, s.lo)
		dir.Sizes = append(dir.Sizes, len(b))
	}
	if len(stops) > 0 {
		b := encodeShard(stops)
		files["s/stop.bin"] = b
		dir.Stop = len(b)
	}
	for i, d := range docs {
		t := textFile{Slug: d.Slug, Title: d.Title, URL: d.URL, Summary: d.Summary, Headings: [][2]string{}}
		for _, s := range d.Sections {
			t.Headings = append(t.Headings, [2]string{s.Anchor, norm.NFC.String(s.Heading)})
		}
		dir := "t/" + strconv.Itoa(i) + "/"
		files[dir+"0.json"] = marshal(t)
		for k, s := range d.Sections {
			t.Text = norm.NFC.String(s.Text)
			if k > 0 {
				t.Summary = "" // only the top of the chapter (file 0) shows it
			}
			files[dir+strconv.Itoa(k)+".json"] = marshal(t)
		}
	}
	h := sha256.New()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		h.Write([]byte(name))
		h.Write(files[name])
	}
	dir.Hash = hex.EncodeToString(h.Sum(nil))[:12]
	if dir.Shards == nil {
		dir.Shards, dir.Sizes = []string{}, []int{}
	}
	files["index.json"] = marshal(dir)
	return files
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
	// "search/fr-2025.1/".
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
