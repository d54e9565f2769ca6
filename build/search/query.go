package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is the Go reader of the index: it decodes the files Build
// writes, as documented at the top of writer.go, and runs a query exactly
// as static/js/search/engine.js does, so that tests check ranking in Go
// and the browser tests check that the JavaScript ranks alike.

// Index is the index of one edition in one language: built by Build (its
// files in memory) or opened from a built site by Open. Its methods are
// safe for concurrent use.
type Index struct {
	dir   string                            // index folder from the site root
	read  func(name string) ([]byte, error) // a file by path from the site root
	files map[string][]byte                 // Build's files; nil when opened

	mu  sync.Mutex
	r   *reader
	err error
}

func newIndex(dir string, read func(string) ([]byte, error)) *Index {
	return &Index{dir: dir, read: read}
}

// Open returns the index in folder dir ("search/fr-2025.1/", see
// IndexDir) of the site whose root is fsys. Files are read when a query
// needs them; a missing or damaged file is reported by Search.
func Open(fsys fs.FS, dir string) (*Index, error) {
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	ix := newIndex(dir, func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) })
	if _, err := ix.reader(); err != nil {
		return nil, err
	}
	return ix, nil
}

// Files returns the files of an index made by Build, by path relative to
// the site root: IndexDir(lang, edition) + "index.json", the directory;
// IndexDir + "s/N.bin" and "s/stop.bin", the shards; IndexDir + "p.bin",
// the pack of heads and texts. Nil for an opened index. The caller must
// not modify the returned slices.
func (ix *Index) Files() map[string][]byte {
	if ix.files == nil {
		return nil
	}
	out := make(map[string][]byte, len(ix.files))
	for k, v := range ix.files {
		out[k] = v
	}
	return out
}

// Hit is a chapter that matches a query.
type Hit struct {
	Slug, Title string
	// URL is relative to the site root and ends with the best section's
	// anchor: "fr/netiquette/#exemples" ("fr/netiquette/" when the
	// chapter's title, summary or tags match best).
	URL string
	// Anchor and Heading are the best section's ("" for the top).
	Anchor, Heading string
	// Sections are the anchors of other matching sections, best first (at
	// most 3).
	Sections []string
	Score    float64
}

// Search returns the best limit chapters for query, best first, ranked
// as the browser ranks them.
func (ix *Index) Search(query string, limit int) ([]Hit, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	r, err := ix.readerLocked()
	if err != nil {
		return nil, err
	}
	res, err := r.search(query)
	if err != nil {
		return nil, err
	}
	var out []Hit
	for _, x := range res[:min(limit, len(res))] {
		rec, _, err := r.text(x.doc, x.section)
		if err != nil {
			return nil, err
		}
		h := Hit{Slug: rec.Slug, Title: rec.Title, URL: r.url(x.doc, rec.Slug), Score: x.score}
		if x.section >= 0 && x.section < len(rec.Headings) {
			h.Anchor, h.Heading = rec.Headings[x.section][0], rec.Headings[x.section][1]
			if h.Anchor != "" {
				h.URL += "#" + h.Anchor
			}
		}
		for _, o := range x.others {
			if o < len(rec.Headings) {
				h.Sections = append(h.Sections, rec.Headings[o][0])
			}
		}
		out = append(out, h)
	}
	return out, nil
}

func (ix *Index) reader() (*reader, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.readerLocked()
}

func (ix *Index) readerLocked() (*reader, error) {
	if ix.r == nil && ix.err == nil {
		ix.r, ix.err = openReader(ix.dir, ix.read)
	}
	return ix.r, ix.err
}

// word is one decoded dictionary entry.
type word struct {
	word, fold, term string
	df               int
	postings         []posting
}

// reader is a decoded index: the directory, and the shards and pack read
// so far.
type reader struct {
	dir    directory
	path   string // index folder from the site root
	read   func(string) ([]byte, error)
	n      *normalizer
	rank   RankRules
	base   []int // first slot of each chapter
	heads  []int // offset of each chapter's head in the pack, then the pack's size
	texts  []int // offset of each section's text in the pack, chapters in order
	shards map[string][]word
	pack   []byte // nil until read
	// fetched records the files read, by path from the site root, in
	// order, for byte counts; the pack is read by ranges, whose bytes
	// ranged counts as a browser gets them (see partOverhead).
	fetched []string
	ranged  int
}

func openReader(dirPath string, read func(string) ([]byte, error)) (*reader, error) {
	r := &reader{path: dirPath, read: read, shards: map[string][]word{}}
	name := dirPath + "index.json"
	b, err := read(name)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &r.dir); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d := &r.dir
	if d.V != formatVersion {
		return nil, fmt.Errorf("%s: format version %d, want %d", name, d.V, formatVersion)
	}
	rules := DefaultRules()
	r.n, r.rank = newNormalizer(rules, d.Lang), rules.Rank
	slot := 0
	for _, n := range d.Docs {
		r.base = append(r.base, slot)
		slot += 1 + n
	}
	heads, err := parseLens(d.Heads)
	if err != nil {
		return nil, fmt.Errorf("%s: heads: %w", name, err)
	}
	lens, err := parseLens(d.Lens)
	if err != nil {
		return nil, fmt.Errorf("%s: lens: %w", name, err)
	}
	switch {
	case slot != d.Slots:
		return nil, fmt.Errorf("%s: docs add up to %d slots, not %d", name, slot, d.Slots)
	case len(heads) != len(d.Docs) || len(lens) != d.Slots-len(d.Docs):
		return nil, fmt.Errorf("%s: %d heads and %d texts for %d chapters and %d sections", name, len(heads), len(lens), len(d.Docs), d.Slots-len(d.Docs))
	case d.URLs != nil && len(d.URLs) != len(d.Docs):
		return nil, fmt.Errorf("%s: %d urls for %d chapters", name, len(d.URLs), len(d.Docs))
	case d.Inline != nil && len(d.Inline) != len(d.Docs):
		return nil, fmt.Errorf("%s: %d inline heads for %d chapters", name, len(d.Inline), len(d.Docs))
	}
	at, k := 0, 0
	for i, n := range d.Docs {
		r.heads = append(r.heads, at)
		at += heads[i] * packUnit
		for range n {
			r.texts = append(r.texts, at)
			at += lens[k] * packUnit
			k++
		}
	}
	r.heads = append(r.heads, at)
	r.fetched = []string{name}
	return r, nil
}

// url is chapter d's URL.
func (r *reader) url(d int, slug string) string {
	if r.dir.URLs != nil {
		return r.dir.URLs[d]
	}
	return r.dir.URL + slug + "/"
}

// shard decodes (once) the shard file name, relative to the index folder.
func (r *reader) shard(name string) ([]word, error) {
	if w, ok := r.shards[name]; ok {
		return w, nil
	}
	b, err := r.read(r.path + name)
	if err != nil {
		return nil, err
	}
	r.fetched = append(r.fetched, r.path+name)
	words, err := decodeShard(b, r.n, r.dir.Slots)
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", r.path, name, err)
	}
	r.shards[name] = words
	return words, nil
}

func decodeShard(b []byte, n *normalizer, slots int) ([]word, error) {
	next := func() (int, error) {
		v, k := binary.Uvarint(b)
		if k <= 0 || v > math.MaxInt32 {
			return 0, errors.New("bad varint")
		}
		b = b[k:]
		return int(v), nil
	}
	count, err := next()
	if err != nil {
		return nil, err
	}
	var out []word
	prev := ""
	for range count {
		shared, err := next()
		if err != nil {
			return nil, err
		}
		size, err := next()
		if err != nil {
			return nil, err
		}
		if shared > len(prev) || size > len(b) {
			return nil, errors.New("word out of range")
		}
		text := prev[:shared] + string(b[:size])
		b = b[size:]
		prev = text
		df, err := next()
		if err != nil {
			return nil, err
		}
		plen, err := next()
		if err != nil {
			return nil, err
		}
		if plen > len(b) {
			return nil, errors.New("postings out of range")
		}
		rest := b[plen:]
		b = b[:plen]
		t := n.token(text)
		w := word{word: text, fold: t.Fold, term: t.Term, df: df}
		slot := 0
		for range df {
			d, err := next()
			if err != nil {
				return nil, err
			}
			wt, err := next()
			if err != nil {
				return nil, err
			}
			slot += d
			if slot >= slots {
				return nil, errors.New("slot out of range")
			}
			w.postings = append(w.postings, posting{slot: slot, weight: wt})
		}
		if len(b) != 0 {
			return nil, errors.New("postings longer than their size")
		}
		b = rest
		out = append(out, w)
	}
	if len(b) != 0 {
		return nil, errors.New("trailing bytes")
	}
	return out, nil
}

// holder returns the shard whose keys include key.
func (r *reader) holder(key string) int {
	i := 0
	for k, lo := range r.dir.Shards {
		if lo <= key {
			i = k
		}
	}
	return i
}

// shardsFor returns the shard files a query word's matches are looked for
// in: those holding the words that share its first letters, as many as
// its stem less two, at least three (all the words of the same stem
// share them); for a word of one or two letters, only the shard that
// holds it.
func (r *reader) shardsFor(fold, term string) []string {
	if len(r.dir.Shards) == 0 {
		return nil
	}
	p := prefix(fold, max(3, runeLen(term)-2))
	i := r.holder(p)
	j := i
	if runeLen(fold) >= 3 {
		for j+1 < len(r.dir.Shards) && strings.HasPrefix(r.dir.Shards[j+1], p) {
			j++
		}
	}
	var out []string
	for k := i; k <= j; k++ {
		out = append(out, "s/"+strconv.Itoa(k)+".bin")
	}
	return out
}

// maxQueryWords bounds the words of a query that take part in matching
// (engine.js keeps them in a 32-bit mask).
const maxQueryWords = 16

// queryToken is a query word with how it may match.
type queryToken struct {
	Token
	prefix bool
}

// result is a ranked chapter.
type result struct {
	doc     int
	score   float64
	section int   // best section, -1 for the top of the chapter
	others  []int // other matching sections, best first (at most 3)
}

// candidate is a dictionary word matched by a query word.
type candidate struct {
	w       *word
	quality float64
}

// queryTokens returns the words of query that take part in matching.
func (r *reader) queryTokens(query string) (active []queryToken, allStop bool) {
	toks := Normalize(r.dir.Lang, query)
	last, _ := utf8.DecodeLastRuneInString(query)
	prefixLast := len(toks) > 0 && r.n.isWord(last)
	allStop = true
	for _, t := range toks {
		allStop = allStop && t.Stop
	}
	for i, t := range toks {
		if t.Stop && !allStop {
			continue
		}
		q := queryToken{Token: t, prefix: prefixLast && i == len(toks)-1}
		if len(active) < maxQueryWords && !slices.ContainsFunc(active, func(a queryToken) bool { return a.Fold == q.Fold && a.prefix == q.prefix }) {
			active = append(active, q)
		}
	}
	return active, allStop
}

// candidates returns the dictionary words t matches, with their quality.
func (r *reader) candidates(t queryToken, words []*word) []candidate {
	rk := r.rank
	var out []candidate
	for _, w := range words {
		q := 0.0
		switch {
		case w.word == t.Word:
			q = rk.Exact
		case w.fold == t.Fold:
			q = rk.Fold
		case w.term == t.Term:
			q = rk.Stem
		case t.prefix && runeLen(t.Fold) >= rk.MinPrefix && strings.HasPrefix(w.fold, t.Fold):
			q = rk.Prefix
		}
		if q > 0 {
			out = append(out, candidate{w, q})
		}
	}
	n := runeLen(t.Fold)
	if len(out) > 0 || n < rk.Typo1Len || strings.Trim(t.Fold, "0123456789") == "" {
		return out
	}
	k := 1
	if n >= rk.Typo2Len {
		k = 2
	}
	a := []rune(t.Fold)
	for _, w := range words {
		b := []rune(w.fold)
		if b[0] != a[0] {
			continue // a typo on the first letter is never forgiven
		}
		if d := osa(a, b); d <= k {
			q := rk.Typo1
			if d == 2 {
				q = rk.Typo2
			}
			out = append(out, candidate{w, q})
		} else if d := fuzzyPrefix(a, b); t.prefix && d <= k {
			out = append(out, candidate{w, rk.FuzzyPrefix / float64(d)})
		}
	}
	return out
}

// osa is the optimal string alignment distance: insertions, deletions,
// substitutions and transpositions of adjacent letters cost one.
func osa(a, b []rune) int {
	return editRows(a, b, false)
}

// fuzzyPrefix is the smallest osa distance between a and a prefix of b.
func fuzzyPrefix(a, b []rune) int {
	return editRows(a, b, true)
}

func editRows(a, b []rune, prefixOnly bool) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prefixOnly {
		return slices.Min(prev)
	}
	return prev[len(b)]
}

// search ranks the chapters for query, as engine.js does.
func (r *reader) search(query string) ([]result, error) {
	active, allStop := r.queryTokens(query)
	if len(active) == 0 {
		return nil, nil
	}
	best := make([]map[int]float64, len(active))
	for ti, t := range active {
		names := r.shardsFor(t.Fold, t.Term)
		if allStop && r.dir.Stop > 0 {
			names = append(names, "s/stop.bin")
		}
		var words []*word
		for _, name := range names {
			ws, err := r.shard(name)
			if err != nil {
				return nil, err
			}
			for i := range ws {
				words = append(words, &ws[i])
			}
		}
		best[ti] = map[int]float64{}
		for _, c := range r.candidates(t, words) {
			idf := math.Log(1 + (float64(r.dir.Slots)-float64(c.w.df)+0.5)/(float64(c.w.df)+0.5))
			for _, p := range c.w.postings {
				v := c.quality * idf * float64(p.weight) / float64(r.dir.Scale)
				if v > best[ti][p.slot] {
					best[ti][p.slot] = v
				}
			}
		}
	}
	slotScore := map[int]float64{}
	mask := map[int]uint64{} // doc -> matched tokens
	slotDoc := func(slot int) int {
		d, _ := slices.BinarySearch(r.base, slot+1)
		return d - 1
	}
	for ti := range active {
		for slot, v := range best[ti] {
			slotScore[slot] += v
			mask[slotDoc(slot)] |= 1 << ti
		}
	}
	var out []result
	for d, m := range mask {
		base := r.base[d]
		s0 := slotScore[base]
		total, bestS, bestK := 0.0, 0.0, -1
		for k := range r.dir.Docs[d] {
			s := slotScore[base+1+k]
			total += s
			if s > bestS {
				bestS, bestK = s, k
			}
		}
		cov := float64(bits.OnesCount64(m)) / float64(len(active))
		x := result{doc: d, score: (s0 + bestS + r.rank.Rest*(total-bestS)) * cov * cov, section: bestK}
		if bestK < 0 || s0 > r.rank.TopRatio*bestS {
			x.section = -1
		}
		for k := range r.dir.Docs[d] {
			if k != x.section && slotScore[base+1+k] > 0 {
				x.others = append(x.others, k)
			}
		}
		slices.SortStableFunc(x.others, func(a, b int) int {
			return -cmpFloat(slotScore[base+1+a], slotScore[base+1+b])
		})
		if len(x.others) > 3 {
			x.others = x.others[:3]
		}
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b result) int {
		if c := cmpFloat(b.score, a.score); c != 0 {
			return c
		}
		return a.doc - b.doc
	})
	return out, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// partOverhead is about what one part of a multipart/byteranges response
// adds to its bytes: the boundary, Content-Type and Content-Range lines.
const partOverhead = 90

// text returns the head of chapter d and the text a result on its
// section k shows (k < 0, the top of the chapter: section 0's text, or
// none when the chapter has no section), from the pack.
func (r *reader) text(d, k int) (head, string, error) {
	name := r.path + packName
	if r.pack == nil {
		b, err := r.read(name)
		if err != nil {
			return head{}, "", err
		}
		if len(b) != r.heads[len(r.heads)-1] {
			return head{}, "", fmt.Errorf("%s: %d bytes, the directory says %d", name, len(b), r.heads[len(r.heads)-1])
		}
		r.fetched = append(r.fetched, name)
		r.pack = b
	}
	n := r.dir.Docs[d]
	first := r.base[d] - d // index in texts of the chapter's first section
	end := r.heads[d+1]
	if n > 0 {
		end = r.texts[first]
	}
	var h head
	if err := json.Unmarshal(r.pack[r.heads[d]:end], &h); err != nil {
		return head{}, "", fmt.Errorf("%s: head of chapter %d: %w", name, d, err)
	}
	if len(h.Headings) != n {
		return head{}, "", fmt.Errorf("%s: chapter %s has %d headings, the directory says %d sections", name, h.Slug, len(h.Headings), n)
	}
	if r.dir.Inline == nil {
		r.ranged += partOverhead + end - r.heads[d]
	}
	if n == 0 {
		return h, "", nil
	}
	j := first + max(k, 0)
	to := r.heads[d+1]
	if max(k, 0)+1 < n {
		to = r.texts[j+1]
	}
	r.ranged += partOverhead + to - r.texts[j]
	return h, strings.TrimRight(string(r.pack[r.texts[j]:to]), " "), nil
}
