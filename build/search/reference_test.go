package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is the reference reader: it decodes the files Build writes, as
// documented at the top of writer.go, and runs a query exactly as
// static/js/search/engine.js does, so that Go tests can check ranking and
// the browser test can check that the JavaScript ranks alike.

// refWord is one decoded dictionary entry.
type refWord struct {
	word, fold, term string
	df               int
	postings         []posting
}

// refIndex is a decoded index.
type refIndex struct {
	dir    directory
	files  map[string][]byte
	n      *normalizer
	rank   RankRules
	base   []int // first slot of each chapter
	shards map[string][]refWord
	// fetched records the files a query needed, in order, for byte counts.
	fetched []string
}

func openRef(files map[string][]byte) (*refIndex, error) {
	ix := &refIndex{files: files, shards: map[string][]refWord{}}
	if err := json.Unmarshal(files["index.json"], &ix.dir); err != nil {
		return nil, fmt.Errorf("index.json: %w", err)
	}
	if ix.dir.V != 1 {
		return nil, fmt.Errorf("index.json: version %d", ix.dir.V)
	}
	r := DefaultRules()
	ix.n, ix.rank = newNormalizer(r, ix.dir.Lang), r.Rank
	slot := 0
	for _, n := range ix.dir.Docs {
		ix.base = append(ix.base, slot)
		slot += 1 + n
	}
	if slot != ix.dir.Slots {
		return nil, fmt.Errorf("index.json: docs add up to %d slots, not %d", slot, ix.dir.Slots)
	}
	if len(ix.dir.Shards) != len(ix.dir.Sizes) {
		return nil, errors.New("index.json: shards and sizes differ in length")
	}
	ix.fetched = []string{"index.json"}
	return ix, nil
}

// shard decodes (once) the shard file name.
func (ix *refIndex) shard(name string) ([]refWord, error) {
	if w, ok := ix.shards[name]; ok {
		return w, nil
	}
	b, ok := ix.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: missing", name)
	}
	ix.fetched = append(ix.fetched, name)
	words, err := decodeShard(b, ix.n, ix.dir.Slots)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	ix.shards[name] = words
	return words, nil
}

func decodeShard(b []byte, n *normalizer, slots int) ([]refWord, error) {
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
	var out []refWord
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
		word := prev[:shared] + string(b[:size])
		b = b[size:]
		prev = word
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
		t := n.token(word)
		w := refWord{word: word, fold: t.Fold, term: t.Term, df: df}
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
func (ix *refIndex) holder(key string) int {
	i := 0
	for k, lo := range ix.dir.Shards {
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
func (ix *refIndex) shardsFor(fold, term string) []string {
	if len(ix.dir.Shards) == 0 {
		return nil
	}
	p := prefix(fold, max(3, runeLen(term)-2))
	i := ix.holder(p)
	j := i
	if runeLen(fold) >= 3 {
		for j+1 < len(ix.dir.Shards) && strings.HasPrefix(ix.dir.Shards[j+1], p) {
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

// refResult is a ranked chapter.
type refResult struct {
	doc     int
	score   float64
	section int   // best section, -1 for the top of the chapter
	others  []int // other matching sections, best first (at most 3)
}

// candidate is a dictionary word matched by a query word.
type candidate struct {
	w       *refWord
	quality float64
}

// queryTokens returns the words of query that take part in matching.
func (ix *refIndex) queryTokens(query string) (active []queryToken, allStop bool) {
	toks := Normalize(ix.dir.Lang, query)
	last, _ := utf8.DecodeLastRuneInString(query)
	prefixLast := len(toks) > 0 && ix.n.isWord(last)
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
func (ix *refIndex) candidates(t queryToken, words []*refWord) []candidate {
	r := ix.rank
	var out []candidate
	for _, w := range words {
		q := 0.0
		switch {
		case w.word == t.Word:
			q = r.Exact
		case w.fold == t.Fold:
			q = r.Fold
		case w.term == t.Term:
			q = r.Stem
		case t.prefix && runeLen(t.Fold) >= r.MinPrefix && strings.HasPrefix(w.fold, t.Fold):
			q = r.Prefix
		}
		if q > 0 {
			out = append(out, candidate{w, q})
		}
	}
	n := runeLen(t.Fold)
	if len(out) > 0 || n < r.Typo1Len || strings.Trim(t.Fold, "0123456789") == "" {
		return out
	}
	k := 1
	if n >= r.Typo2Len {
		k = 2
	}
	a := []rune(t.Fold)
	for _, w := range words {
		b := []rune(w.fold)
		if b[0] != a[0] {
			continue // a typo on the first letter is never forgiven
		}
		if d := osa(a, b); d <= k {
			q := r.Typo1
			if d == 2 {
				q = r.Typo2
			}
			out = append(out, candidate{w, q})
		} else if d := fuzzyPrefix(a, b); t.prefix && d <= k {
			out = append(out, candidate{w, r.FuzzyPrefix / float64(d)})
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
func (ix *refIndex) search(query string) ([]refResult, error) {
	active, allStop := ix.queryTokens(query)
	if len(active) == 0 {
		return nil, nil
	}
	best := make([]map[int]float64, len(active))
	for ti, t := range active {
		names := ix.shardsFor(t.Fold, t.Term)
		if allStop && ix.dir.Stop > 0 {
			names = append(names, "s/stop.bin")
		}
		var words []*refWord
		for _, name := range names {
			ws, err := ix.shard(name)
			if err != nil {
				return nil, err
			}
			for i := range ws {
				words = append(words, &ws[i])
			}
		}
		best[ti] = map[int]float64{}
		for _, c := range ix.candidates(t, words) {
			idf := math.Log(1 + (float64(ix.dir.Slots)-float64(c.w.df)+0.5)/(float64(c.w.df)+0.5))
			for _, p := range c.w.postings {
				v := c.quality * idf * float64(p.weight) / float64(ix.dir.Scale)
				if v > best[ti][p.slot] {
					best[ti][p.slot] = v
				}
			}
		}
	}
	slotScore := map[int]float64{}
	mask := map[int]uint64{} // doc -> matched tokens
	slotDoc := func(slot int) int {
		d, _ := slices.BinarySearch(ix.base, slot+1)
		return d - 1
	}
	for ti := range active {
		for slot, v := range best[ti] {
			slotScore[slot] += v
			mask[slotDoc(slot)] |= 1 << ti
		}
	}
	var out []refResult
	for d, m := range mask {
		base := ix.base[d]
		s0 := slotScore[base]
		total, bestS, bestK := 0.0, 0.0, -1
		for k := range ix.dir.Docs[d] {
			s := slotScore[base+1+k]
			total += s
			if s > bestS {
				bestS, bestK = s, k
			}
		}
		cov := float64(bits.OnesCount64(m)) / float64(len(active))
		r := refResult{doc: d, score: (s0 + bestS + ix.rank.Rest*(total-bestS)) * cov * cov, section: bestK}
		if bestK < 0 || s0 > ix.rank.TopRatio*bestS {
			r.section = -1
		}
		for k := range ix.dir.Docs[d] {
			if k != r.section && slotScore[base+1+k] > 0 {
				r.others = append(r.others, k)
			}
		}
		slices.SortStableFunc(r.others, func(a, b int) int {
			return -cmpFloat(slotScore[base+1+a], slotScore[base+1+b])
		})
		if len(r.others) > 3 {
			r.others = r.others[:3]
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b refResult) int {
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

// text decodes the text file of chapter d's section k (the top of the
// chapter, k < 0, shows section 0's file).
func (ix *refIndex) text(d, k int) (textFile, error) {
	name := "t/" + strconv.Itoa(d) + "/" + strconv.Itoa(max(k, 0)) + ".json"
	var t textFile
	b, ok := ix.files[name]
	if !ok {
		return t, fmt.Errorf("%s: missing", name)
	}
	ix.fetched = append(ix.fetched, name)
	err := json.Unmarshal(b, &t)
	return t, err
}
