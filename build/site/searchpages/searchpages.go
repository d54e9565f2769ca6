// Package searchpages builds the files of the site's search: one index
// per edition and language, with the handbook's synonyms of that language
// (content/search-synonyms.LANG.txt), and the list of editions the search
// page offers. A build writes each index as soon as it is built, while it
// renders the pages (WriteLang); the preview server makes an index only
// when a browser asks for it (Find).
package searchpages

import (
	"context"
	"encoding/binary"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/search"
	"example.com/handbook/build/site/prep"
	"example.com/handbook/build/site/route"
)

// ManifestPath is the output path of the list of editions.
const ManifestPath = "search/editions.json"

// Indexes builds the search files of a prepared site, each index once. It
// is safe for concurrent use.
type Indexes struct {
	p        *prep.Site
	indexes  sync.Map       // lang + "\x00" + edition -> *searchIndex
	searcher search.Builder // tokenises a chapter once for every index holding it
}

// New returns the (not yet built) search indexes of p.
func New(p *prep.Site) *Indexes {
	x := &Indexes{p: p}
	for lang, syn := range p.Handbook().Synonyms {
		if x.searcher.Synonyms == nil {
			x.searcher.Synonyms = map[string][][]string{}
		}
		x.searcher.Synonyms[lang] = syn.Groups
	}
	return x
}

// searchDocs returns what the index of edition e in lang holds: every
// section of every chapter, linked to its stable URL for the current
// edition, its permanent URL otherwise.
func (x *Indexes) searchDocs(lang string, e *content.Edition) []search.Doc {
	s := x.p
	var docs []search.Doc
	for _, c := range e.Chapters {
		ct := c.Texts[lang]
		if ct == nil {
			continue
		}
		u := route.Permanent(lang, e, c.URLSlug(lang))
		if e == s.Handbook().Current {
			u = route.Stable(lang, c.URLSlug(lang))
		}
		d := search.Doc{Slug: c.Slug, Title: s.FM(ct).Title, Summary: s.FM(ct).Summary, Tags: ct.Meta.Tags, URL: u}
		for _, sec := range s.Doc(ct).Sections {
			d.Sections = append(d.Sections, search.Section{Anchor: sec.ID, Heading: sec.Heading, Text: sec.Text})
		}
		docs = append(docs, d)
	}
	return docs
}

func searchDir(lang string, e *content.Edition) string { return search.IndexDir(lang, e.ID) }

// searchIndex builds the index of one edition and language once.
type searchIndex struct {
	once  sync.Once
	files map[string][]byte // by path from the site root
	err   error             // the build was cancelled
}

// Files returns the files of the index of edition e in lang, by path
// from the site root, all in its folder (search.IndexDir). The index is
// built once and kept, for the preview server, which serves its files as
// browsers ask for them: the error of a cancelled ctx stays.
func (x *Indexes) Files(ctx context.Context, lang string, e *content.Edition) (map[string][]byte, error) {
	v, _ := x.indexes.LoadOrStore(lang+"\x00"+e.ID, &searchIndex{})
	ix := v.(*searchIndex)
	ix.once.Do(func() { ix.files, ix.err = x.build(ctx, lang, e) })
	return ix.files, ix.err
}

// build builds the index of edition e in lang, or reads it from the build
// cache, and keeps nothing of it.
func (x *Indexes) build(ctx context.Context, lang string, e *content.Edition) (map[string][]byte, error) {
	docs := x.searchDocs(lang, e)
	key := searchKey(lang, e.ID, docs, x.searcher.Synonyms[lang])
	pack := x.p.Cache().Pack()
	// An index of the same chapters is read from the build cache.
	if pack != nil {
		if b, ok := pack.Get(key); ok {
			if files, ok := decodeFiles(b); ok {
				return files, nil
			}
		}
	}
	built, err := x.searcher.Build(ctx, lang, e.ID, docs)
	if err != nil {
		return nil, err
	}
	files := built.Files()
	if pack != nil {
		pack.Put(key, encodeFiles(files))
	}
	return files, nil
}

// searchKey names an index by everything it is built from.
func searchKey(lang, edition string, docs []search.Doc, synonyms [][]string) cache.Key {
	parts := [][]byte{[]byte("search"), []byte(lang), []byte(edition), []byte(strconv.Itoa(len(synonyms)))}
	for _, g := range synonyms {
		parts = append(parts, []byte(strconv.Itoa(len(g))))
		for _, m := range g {
			parts = append(parts, []byte(m))
		}
	}
	for _, d := range docs {
		parts = append(parts, []byte(d.Slug), []byte(d.Title), []byte(d.Summary), []byte(d.URL), []byte(strconv.Itoa(len(d.Tags))))
		for _, t := range d.Tags {
			parts = append(parts, []byte(t))
		}
		parts = append(parts, []byte(strconv.Itoa(len(d.Sections))))
		for _, sec := range d.Sections {
			parts = append(parts, []byte(sec.Anchor), []byte(sec.Heading), []byte(sec.Text))
		}
	}
	return cache.NewKey(parts...)
}

// encodeFiles and decodeFiles keep a set of files in the build cache.
func encodeFiles(files map[string][]byte) []byte {
	names := slices.Sorted(maps.Keys(files))
	b := binary.AppendUvarint(nil, uint64(len(names)))
	for _, n := range names {
		b = binary.AppendUvarint(b, uint64(len(n)))
		b = append(b, n...)
		b = binary.AppendUvarint(b, uint64(len(files[n])))
		b = append(b, files[n]...)
	}
	return b
}

func decodeFiles(b []byte) (map[string][]byte, bool) {
	next := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, false
		}
		v := b[k : k+int(n)]
		b = b[k+int(n):]
		return v, true
	}
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b)) {
		return nil, false
	}
	b = b[k:]
	files := make(map[string][]byte, count)
	for range count {
		name, ok := next()
		if !ok {
			return nil, false
		}
		data, ok := next()
		if !ok {
			return nil, false
		}
		files[string(name)] = data
	}
	return files, len(b) == 0
}

// Manifest returns the list of editions the search page offers, newest
// first in each language, with the folder of each index.
func (x *Indexes) Manifest() []byte {
	s := x.p
	pub := s.Published()
	var entries []search.EditionEntry
	for _, lang := range s.Langs() {
		L := s.T(lang)
		for i := len(pub) - 1; i >= 0; i-- {
			e := pub[i]
			title := L.Tf("edition", e.ID)
			if et := e.Texts[lang]; et != nil && et.Title != "" {
				title = et.Title
			}
			entries = append(entries, search.EditionEntry{Lang: lang, Edition: e.ID, Title: title, Date: e.Date.Format("2006-01-02"), Current: e == s.Handbook().Current, Dir: searchDir(lang, e)})
		}
	}
	return search.EditionsManifest(entries)
}

// WriteLang builds the indexes of lang, its editions in order so that
// the chapters an edition shares with the previous one are tokenised once
// (the search Builder remembers the last index of each language), and
// passes each file to write, in a fixed order, as soon as its index is
// built. It keeps no index once its files are written, and the Builder
// forgets lang at the end: a build holds one index per language at a
// time, however many editions there are. A cancelled ctx stops it and is
// returned.
func (x *Indexes) WriteLang(ctx context.Context, lang string, write func(path string, data []byte) error) error {
	defer x.searcher.ForgetLang(lang)
	for _, e := range x.p.Published() {
		files, err := x.build(ctx, lang, e)
		if err != nil {
			return err
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := write(name, files[name]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Find returns the search file at path, building the index that holds it
// when none built so far does (the preview server). The index is built to
// the end: other requests may wait for it.
func (x *Indexes) Find(path string) ([]byte, bool) {
	ctx := context.Background()
	if !strings.HasPrefix(path, "search/") {
		return nil, false
	}
	s := x.p
	for _, l := range s.Langs() {
		for _, e := range s.Published() {
			if strings.HasPrefix(path, searchDir(l, e)) {
				files, _ := x.Files(ctx, l, e) // never cancelled
				b, ok := files[path]
				return b, ok
			}
		}
	}
	return nil, false
}
