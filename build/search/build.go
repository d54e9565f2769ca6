package search

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/internal/par"
)

// Section is one part of a chapter: the text under one heading.
type Section struct {
	// Anchor is the heading's id; "" is the top of the chapter (the text
	// before the first heading).
	Anchor, Heading, Text string
}

// Doc is one chapter as the index sees it.
type Doc struct {
	Slug, Title, Summary string
	Tags                 []string
	// URL is the page's URL relative to the site root: "fr/netiquette/"
	// (current edition) or "fr/2024.1/netiquette/".
	URL      string
	Sections []Section
}

// Fields of a chapter, each weighted in Build: a word in a title counts
// more than one in a heading, which counts more than one in a summary, in
// tags or in the body.
const (
	fieldTitle = iota
	fieldSummary
	fieldTags
	fieldHeading
	fieldBody
	numFields
)

// fieldWeight multiplies each field's saturated term frequency.
var fieldWeight = [numFields]float64{fieldTitle: 4, fieldSummary: 1.5, fieldTags: 1.5, fieldHeading: 2.5, fieldBody: 1}

// BM25 constants: k1 saturates term frequency; b normalises the body's
// frequency by section length (other fields are short and not normalised).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// weightScale turns a posting's weight into an integer: weights are
	// stored as round(weight*weightScale), at least 1.
	weightScale = 32
	// shardTarget is the size, in bytes before compression, a shard grows
	// to before the next prefix starts a new one.
	shardTarget = 8 << 10
)

// Build indexes docs, the chapters of edition in lang, in their order. The
// result depends only on its arguments.
func Build(lang, edition string, docs []Doc) *Index {
	ix, _ := NewBuilder().Build(context.Background(), lang, edition, docs) // a background context is never cancelled
	return ix
}

// Builder builds many indexes and tokenises a chapter once for
// consecutive indexes that hold it: a chapter unchanged between editions
// has the same words in each edition's index. It keeps the chapters of the
// last index built per language only, so that its memory stays that of
// one index however many editions there are. It is safe for concurrent
// use.
type Builder struct {
	// Synonyms are, by language, groups of words or phrases that find one
	// another (content/search-synonyms.LANG.txt): where a chapter holds a
	// member of a group, the index holds the other members there too, in
	// the same field, so that a reader who types any of them finds it.
	// Not safe to change during a Build; what the Builder remembers of a
	// chapter is keyed by the synonyms it was analysed with.
	Synonyms map[string][][]string

	mu   sync.Mutex
	last map[string]map[docKey]*docTerms // by language
}

// NewBuilder returns a Builder that remembers nothing yet.
func NewBuilder() *Builder { return &Builder{} }

// Forget drops what b remembers, for when no index is left to build.
func (b *Builder) Forget() {
	b.mu.Lock()
	b.last = nil
	b.mu.Unlock()
}

// ForgetLang drops what b remembers of lang, for when no index of lang is
// left to build while other languages' still are.
func (b *Builder) ForgetLang(lang string) {
	b.mu.Lock()
	delete(b.last, lang)
	b.mu.Unlock()
}

// Build is the package-level Build, reusing what b analysed before. A
// cancelled ctx stops the tokenising and is returned.
func (b *Builder) Build(ctx context.Context, lang, edition string, docs []Doc) (*Index, error) {
	return build(ctx, b, lang, edition, docs, targets{shard: shardTarget, inline: inlineHeads})
}

func build(ctx context.Context, b *Builder, lang, edition string, docs []Doc, t targets) (*Index, error) {
	a, err := b.analyse(ctx, lang, docs)
	if err != nil {
		return nil, err
	}
	files := write(lang, edition, docs, a, t)
	ix := newIndex(IndexDir(lang, edition), func(name string) ([]byte, error) {
		if b, ok := files[name]; ok {
			return b, nil
		}
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	})
	ix.files = files
	return ix, nil
}

// posting is one slot where a word occurs, with its weight there. Slots
// number the parts of every chapter in order: a chapter has one slot for
// its title, summary and tags, then one per section.
type posting struct {
	slot   int
	weight int
}

// entry is one dictionary word and where it occurs, slots ascending.
type entry struct {
	word, fold string
	stop       bool
	postings   []posting
	count      int // postings, while analyse counts them
}

// analysis is what the writer needs: the sections per chapter and the
// dictionary sorted by fold, then word.
type analysis struct {
	sections []int
	slots    int
	entries  []entry
}

// occurrence counts one word in one slot, per field.
type occurrence struct {
	tok  *Token
	slot int32 // slot within the chapter
	tf   [numFields]uint16
}

// docTerms is one chapter analysed: its occurrences sorted by word then
// slot, and the body length of each section.
type docTerms struct {
	occ     []occurrence
	bodyLen []int
}

// docKey identifies what analyseDoc reads of a chapter: its language and
// its words, not its URL or anchors.
type docKey = cache.Key

func keyOf(lang string, syn []byte, d *Doc) docKey {
	parts := [][]byte{[]byte(lang), syn, []byte(d.Title), []byte(d.Summary), []byte(strconv.Itoa(len(d.Tags)))}
	for _, t := range d.Tags {
		parts = append(parts, []byte(t))
	}
	for _, s := range d.Sections {
		parts = append(parts, []byte(s.Heading), []byte(s.Text))
	}
	return cache.NewKey(parts...)
}

// analyse tokenises every chapter not seen before (in parallel) and
// weighs each word in each slot.
func (b *Builder) analyse(ctx context.Context, lang string, docs []Doc) (analysis, error) {
	terms := make([]docTerms, len(docs))
	var todo []int
	keys := make([]docKey, len(docs))
	b.mu.Lock()
	prev := b.last[lang]
	b.mu.Unlock()
	groups := b.Synonyms[lang]
	synKey := []byte(fmt.Sprintf("%q", groups))
	for i := range docs {
		keys[i] = keyOf(lang, synKey, &docs[i])
		if t := prev[keys[i]]; t != nil {
			terms[i] = *t
		} else {
			todo = append(todo, i)
		}
	}
	type worker struct {
		n  *normalizer
		sc scratch
	}
	err := par.DoWith(ctx, len(todo), func() *worker {
		w := &worker{n: newNormalizer(DefaultRules(), lang)}
		w.n.seen = map[string]Token{}
		w.sc = scratch{syn: compileSynonyms(w.n, groups)}
		return w
	}, func(w *worker, j int) error {
		i := todo[j]
		terms[i] = analyseDoc(w.n, &docs[i], &w.sc)
		return nil
	})
	if err != nil {
		return analysis{}, err
	}
	kept := make(map[docKey]*docTerms, len(docs))
	for i := range docs {
		kept[keys[i]] = &terms[i]
	}
	b.mu.Lock()
	if b.last == nil {
		b.last = map[string]map[docKey]*docTerms{}
	}
	b.last[lang] = kept
	b.mu.Unlock()

	var a analysis
	total, count := 0, 0
	for i, d := range docs {
		a.sections = append(a.sections, len(d.Sections))
		for _, l := range terms[i].bodyLen {
			total += l
			count++
		}
	}
	avg := 1.0
	if total > 0 {
		avg = float64(total) / float64(count)
	}
	// Two passes: the first counts each word's postings, so that they all
	// live in one slice cut per word instead of as many slices grown step
	// by step.
	byWord := map[string]*entry{}
	npost := 0
	for i := range terms {
		for _, o := range terms[i].occ {
			e := byWord[o.tok.Word]
			if e == nil {
				e = &entry{word: o.tok.Word, fold: o.tok.Fold, stop: o.tok.Stop}
				byWord[o.tok.Word] = e
			}
			e.count++
			npost++
		}
	}
	slab := make([]posting, npost)
	for _, e := range byWord {
		e.postings, slab = slab[:0:e.count], slab[e.count:]
	}
	base := 0
	for i := range docs {
		t := &terms[i]
		for _, o := range t.occ {
			e := byWord[o.tok.Word]
			bodyNorm := 1.0
			if o.slot > 0 {
				bodyNorm = 1 - bm25B + bm25B*float64(t.bodyLen[o.slot-1])/avg
			}
			e.postings = append(e.postings, posting{slot: base + int(o.slot), weight: weigh(o.tf, bodyNorm)})
		}
		base += 1 + len(docs[i].Sections)
	}
	a.slots = base
	a.entries = make([]entry, 0, len(byWord))
	for _, e := range byWord {
		a.entries = append(a.entries, *e)
	}
	slices.SortFunc(a.entries, func(x, y entry) int {
		return cmp.Or(strings.Compare(x.fold, y.fold), strings.Compare(x.word, y.word))
	})
	return a, nil
}

// synonyms are the compiled synonym groups of a language: by the term
// (stem) of a member's first word, the members that start with it.
type synonyms map[string][]synonym

// synonym is one member of a group: its terms, and the tokens of the
// group's other members, which a chapter that holds it is indexed under.
type synonym struct {
	terms []string
	add   []Token
}

// matches reports whether seq starts with s's terms.
func (s *synonym) matches(seq []Token) bool {
	if len(seq) < len(s.terms) {
		return false
	}
	for i, t := range s.terms {
		if seq[i].Term != t {
			return false
		}
	}
	return true
}

// compileSynonyms normalises groups as the chapters are, so that a member
// matches whatever its case, accents or plural.
func compileSynonyms(n *normalizer, groups [][]string) synonyms {
	if len(groups) == 0 {
		return nil
	}
	out := synonyms{}
	for _, g := range groups {
		toks := make([][]Token, len(g))
		for i, m := range g {
			n.each(m, func(t Token) { toks[i] = append(toks[i], t) })
		}
		for i := range g {
			if len(toks[i]) == 0 {
				continue
			}
			s := synonym{}
			for _, t := range toks[i] {
				s.terms = append(s.terms, t.Term)
			}
			for j := range g {
				if j != i {
					s.add = append(s.add, toks[j]...)
				}
			}
			first := toks[i][0].Term
			out[first] = append(out[first], s)
		}
	}
	return out
}

// weigh is BM25 per field, summed with the field weights, as an integer.
func weigh(tf [numFields]uint16, bodyNorm float64) int {
	w := 0.0
	for f, n := range tf {
		if n == 0 {
			continue
		}
		norm := 1.0
		if f == fieldBody {
			norm = bodyNorm
		}
		x := float64(n)
		w += fieldWeight[f] * x * (bm25K1 + 1) / (x + bm25K1*norm)
	}
	return max(1, int(math.Round(w*weightScale)))
}

// hit is one word of a chapter: its index in the chapter's word list, its
// slot and field.
type hit struct {
	id, slot int32
	field    uint8
}

// scratch is what analyseDoc reuses from one chapter to the next.
type scratch struct {
	ids  map[string]int32
	hits []hit
	toks []*Token
	// interned holds one Token per word for all the chapters a worker
	// analyses, so that the occurrences kept for the next edition's index
	// share them rather than each chapter holding copies.
	interned map[string]*Token
	syn      synonyms
	seq      []Token
}

// analyseDoc tokenises one chapter and counts its words per slot and field.
func analyseDoc(n *normalizer, d *Doc, sc *scratch) docTerms {
	if sc.ids == nil {
		sc.ids, sc.interned = map[string]int32{}, map[string]*Token{}
	}
	clear(sc.ids)
	ids, hits, toks := sc.ids, sc.hits[:0], sc.toks[:0]
	defer func() { sc.hits, sc.toks = hits, toks }()
	// emit counts one word of a field.
	emit := func(slot, field int, t Token) {
		id, ok := ids[t.Word]
		if !ok {
			id = int32(len(toks))
			ids[t.Word] = id
			p := sc.interned[t.Word]
			if p == nil {
				// A copy: taking t's own address would put every token
				// on the heap, not only the new words.
				tc := t
				p = &tc
				sc.interned[t.Word] = p
			}
			toks = append(toks, p)
		}
		hits = append(hits, hit{id, int32(slot), uint8(field)})
	}
	// add counts the words of a field's text and returns how many it has.
	add := func(slot, field int, text string) int {
		count := 0
		seq := sc.seq[:0]
		n.each(text, func(t Token) {
			emit(slot, field, t)
			if sc.syn != nil {
				seq = append(seq, t)
			}
			count++
		})
		// The other members of a synonym group found here count in the
		// same field, not in the section's length.
		for i := range seq {
			for _, m := range sc.syn[seq[i].Term] {
				if m.matches(seq[i:]) {
					for _, t := range m.add {
						emit(slot, field, t)
					}
				}
			}
		}
		sc.seq = seq
		return count
	}
	add(0, fieldTitle, d.Title)
	add(0, fieldSummary, d.Summary)
	for _, tag := range d.Tags {
		add(0, fieldTags, tag)
	}
	dt := docTerms{bodyLen: make([]int, len(d.Sections))}
	for i, s := range d.Sections {
		add(i+1, fieldHeading, s.Heading)
		dt.bodyLen[i] = add(i+1, fieldBody, s.Text)
	}
	// Group the hits by word, then slot: each word's slots come out in
	// ascending order, as postings need.
	slices.SortFunc(hits, func(x, y hit) int { return cmp.Or(cmp.Compare(x.id, y.id), cmp.Compare(x.slot, y.slot)) })
	distinct := 0
	for i, h := range hits {
		if i == 0 || h.id != hits[i-1].id || h.slot != hits[i-1].slot {
			distinct++
		}
	}
	dt.occ = make([]occurrence, 0, distinct)
	for _, h := range hits {
		if k := len(dt.occ) - 1; k >= 0 && dt.occ[k].tok == toks[h.id] && dt.occ[k].slot == h.slot {
			if dt.occ[k].tf[h.field] < math.MaxUint16 {
				dt.occ[k].tf[h.field]++
			}
			continue
		}
		o := occurrence{tok: toks[h.id], slot: h.slot}
		o.tf[h.field] = 1
		dt.occ = append(dt.occ, o)
	}
	return dt
}
