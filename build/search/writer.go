package search

// The index format, version 2. An index of one edition in one language is
// a folder search/<lang>-<edition>/ (see IndexDir) holding the directory
// and the dictionary shards; the chapter texts it shows live in a folder
// shared by every edition of the language, search/<lang>-text/ (see
// TextDir), in chunks named by their content, so that a chapter whose text
// did not change between editions is stored, written and fetched once.
//
// index.json, the directory, fetched first:
//
//	{"v":2, "lang":"fr", "edition":"2025.1", "hash":"3f2a…",
//	 "scale":32,            // posting weights are weight*scale, rounded
//	 "slots":41,            // total slots: per chapter, 1 + its sections
//	 "docs":[5,7,…],        // sections per chapter, in chapter order
//	 "shards":["","di",…],  // first key of each shard, ascending
//	 "stop":2210,           // bytes of s/stop.bin (0: no stop word)
//	 "url":"fr/",           // a chapter's URL is url + slug + "/" …
//	 "urls":["fr/a/",…],    // … unless urls, one per chapter, is given
//	 "texts":"../fr-text/", // the chunk folder, relative to this one
//	 "chunks":"9c1e04b7d2aa…", // chunk names, 12 hex digits each
//	 "spans":[8,6,…]}       // slots per chunk, in slot order
//
// Slots number the parts of the chapters in order: chapter i owns the
// slots from sum(docs[:i])+i on, the first for its title, summary and tags,
// then one per section. A word's key is its folded form (see Normalize);
// shard k holds the keys from shards[k] (included) to shards[k+1]
// (excluded), compared by code point. Keys are cut by their first two
// letters, or more where two letters hold more than about 8 KB of
// postings, and whole groups are merged up to that size: the words that
// share a query word's first three letters are in one shard, or a few
// consecutive ones. Shards are fetched as s/<k>.bin?v=<hash>, so that a
// browser never mixes the shards of two builds.
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
// Texts. Chunk j holds the slots from sum(spans[:j]) on, spans[j] of
// them, and is the file texts + chunks[12j:12j+12] + ".json": a JSON array
// of records, one per chapter it touches, in order:
//
//	{"slug":"netiquette", "title":"Nétiquette", "summary":"…",
//	 "headings":[["anchor","heading"],…],  // every section of the chapter
//	 "first":3,                            // its first section here (0: omitted)
//	 "texts":["…","…"]}                    // the text of each section here
//
// The first record may continue a chapter begun in the previous chunk, the
// last may go on in the next; the top slot of a chapter is in the chunk
// of its first section (summary given there only). A result shows the
// text of its best section, or of section 0 when it links the top of the
// chapter. Names are the first 12 hex digits of the SHA-256 of the chunk,
// which holds nothing that depends on the edition (URLs are in the
// directory), so a chunk's URL never changes meaning: it needs no "?v=",
// and a browser that searched one edition reuses it for the next.
//
// Chunks are runs of whole chapters, or pieces of a chapter whose record
// exceeds the target size (8 KB; cut between sections), grouped so that
// the cut points depend on the pieces alone: a chunk ends after a piece
// of s bytes with probability s/(target/2), decided by the piece's hash,
// and before a piece that would take it past the target. An edited
// chapter therefore changes its own chunk and at most the next; the others
// keep their names across editions. A chapter of the usual size (5–8 KB)
// is a chunk of its own, a longer one two or three; short chapters share.
//
// Why this layout. A first query fetches index.json, then its shards, then
// the chunks of the results it shows: three sequential requests (after
// engine.js and rules.js). Measured on synthCorpus(2000) (random words,
// the worst case for gzip) with ten results shown, gzip level 6:
//
//	texts, shards                        files/index  first query, gzipped
//	a file per section, 16 KB (v1)            17,436  mean 26 KB, at most 35
//	chunks of  8 KB, 16 KB                     2,715  mean 71 KB
//	chunks of 16 KB, 16 KB                     2,129  mean 75 KB
//	chunks of 32 KB, 16 KB                     1,331  mean 113 KB: over half of Pagefind's 205
//	chunks of  8 KB,  8 KB (this format)       3,023  mean 63 KB, at most 73
//
// and on the real handbook (fr, 2025.1): 133 files, 22 KB mean before;
// 24 files, 34 KB mean now. Bigger chunks cost each result its whole
// chunk; smaller ones cost the directory 6 bytes gzipped per chunk name
// (15 of the 63 KB above). Every edition of a language shares the chunks
// of its unchanged chapters: on a generated handbook of 1,000 chapters in
// 2 languages and 2 editions, 44,135 search files became 3,058.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// formatVersion is the "v" of index.json.
const formatVersion = 2

// chunkNameLen is the length of a chunk's name, in hex digits: 48 bits,
// so that two different chunks of one language share a name with odds of
// about 1 in 10^7 at 20,000 chunks.
const chunkNameLen = 12

// IndexDir returns the folder of the index of edition in lang, relative
// to the site root: "search/fr-2025.1/".
func IndexDir(lang, edition string) string { return "search/" + lang + "-" + edition + "/" }

// TextDir returns the folder of the text chunks of every edition in lang,
// relative to the site root: "search/fr-text/". Edition ids start with a
// digit, so it never clashes with an index folder.
func TextDir(lang string) string { return "search/" + lang + "-text/" }

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
	Texts   string   `json:"texts"`
	Chunks  string   `json:"chunks"`
	Spans   []int    `json:"spans"`
}

// record is one chapter, or the part of it, in a text chunk.
type record struct {
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Summary  string      `json:"summary,omitempty"`
	Headings [][2]string `json:"headings"`
	First    int         `json:"first,omitempty"`
	Texts    []string    `json:"texts"`
}

// targets are the sizes, in bytes before compression, that files grow to.
type targets struct {
	shard, text int
}

// write encodes the analysed index into its files, by path from the site
// root.
func write(lang, edition string, docs []Doc, a analysis, t targets) map[string][]byte {
	files := map[string][]byte{}
	idx, txt := IndexDir(lang, edition), TextDir(lang)
	var words, stops []entry
	for _, e := range a.entries {
		if e.stop {
			stops = append(stops, e)
		} else {
			words = append(words, e)
		}
	}
	dir := directory{V: formatVersion, Lang: lang, Edition: edition, Scale: weightScale, Slots: a.slots,
		Docs: append([]int{}, a.sections...), Shards: []string{}, Spans: []int{},
		Texts: "../" + strings.TrimPrefix(txt, "search/")}
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
	var names strings.Builder
	for _, c := range chunkTexts(docs, t.text) {
		name := chunkName(c.data)
		names.WriteString(name)
		dir.Spans = append(dir.Spans, c.slots)
		files[txt+name+".json"] = c.data
	}
	dir.Chunks = names.String()
	// The hash versions the shards; it covers the chunk names too, so that
	// it changes whenever anything a query reads does.
	h := sha256.New()
	paths := make([]string, 0, len(files))
	for p := range files {
		if strings.HasPrefix(p, idx) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write(files[p])
	}
	h.Write([]byte(dir.Chunks))
	dir.Hash = hex.EncodeToString(h.Sum(nil))[:12]
	files[idx+"index.json"] = marshal(dir)
	return files
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

// chunkName names a chunk by its content.
func chunkName(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])[:chunkNameLen]
}

// piece is a chapter, or a run of its sections, encoded as a record.
type piece struct {
	data  []byte
	slots int
}

// chunk is the content of a text file and the number of slots it holds.
type chunk struct {
	data  []byte
	slots int
}

// pieces cuts chapter d into records of at most target bytes where its
// sections allow (a section longer than that stays whole).
func pieces(d *Doc, target int) []piece {
	base := record{Slug: d.Slug, Title: norm.NFC.String(d.Title), Headings: [][2]string{}, Texts: []string{}}
	for _, s := range d.Sections {
		base.Headings = append(base.Headings, [2]string{s.Anchor, norm.NFC.String(s.Heading)})
	}
	texts := make([]string, len(d.Sections))
	for i, s := range d.Sections {
		texts[i] = norm.NFC.String(s.Text)
	}
	whole := base
	whole.Summary, whole.Texts = norm.NFC.String(d.Summary), texts
	if b := marshal(whole); len(b) <= target || len(texts) <= 1 {
		return []piece{{b, 1 + len(texts)}}
	}
	// Too big: runs of sections, each as long as fits (at least one).
	overhead := len(marshal(base))
	var out []piece
	for from := 0; from < len(texts); {
		to, size := from+1, overhead+len(marshal(texts[from]))
		for to < len(texts) && size+1+len(marshal(texts[to])) <= target {
			size += 1 + len(marshal(texts[to]))
			to++
		}
		r := base
		r.First, r.Texts = from, texts[from:to]
		slots := to - from
		if from == 0 {
			r.Summary = whole.Summary
			slots++
		}
		out = append(out, piece{marshal(r), slots})
		from = to
	}
	return out
}

// chunkTexts groups the pieces of every chapter, in order, into chunks of
// at most target bytes (but for a piece alone), with cut points that
// depend on the pieces alone (see the format above).
func chunkTexts(docs []Doc, target int) []chunk {
	var out []chunk
	var cur []byte
	slots := 0
	flush := func() {
		if slots > 0 {
			out = append(out, chunk{append(cur, ']'), slots})
		}
		cur, slots = nil, 0
	}
	for i := range docs {
		for _, p := range pieces(&docs[i], target) {
			if slots > 0 && len(cur)+1+len(p.data)+1 > target {
				flush()
			}
			if slots == 0 {
				cur = append(cur, '[')
			} else {
				cur = append(cur, ',')
			}
			cur = append(cur, p.data...)
			slots += p.slots
			if cutAfter(p.data, target) {
				flush()
			}
		}
	}
	flush()
	return out
}

// cutAfter decides, from a piece alone, whether a chunk ends after it:
// with probability len(p)/(target/2), so that chunks of small pieces
// average about half the target.
func cutAfter(p []byte, target int) bool {
	h := sha256.Sum256(p)
	u := float64(binary.BigEndian.Uint64(h[:8])) / math.Exp2(64)
	return u < float64(len(p))/float64(max(target/2, 1))
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
