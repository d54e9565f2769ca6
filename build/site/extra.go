package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"sort"
	"strconv"
	"strings"
	"sync"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/search"
)

type tagInfo struct {
	name, slug string
	chapters   []*content.Chapter
}

// tags lists the tags of the current edition in lang, sorted by name.
func (s *Site) tags(lang string) []*tagInfo {
	by := map[string]*tagInfo{}
	for _, c := range s.h.Current.Chapters {
		ct := c.Texts[lang]
		if ct == nil {
			continue
		}
		for _, tg := range ct.Meta.Tags {
			sl := tagSlug(tg)
			ti := by[sl]
			if ti == nil {
				ti = &tagInfo{name: tg, slug: sl}
				by[sl] = ti
			}
			ti.chapters = append(ti.chapters, c)
		}
	}
	out := make([]*tagInfo, 0, len(by))
	for _, k := range sortedKeys(by) {
		out = append(out, by[k])
	}
	return out
}

func (s *Site) renderTags(p *Page, lang string) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "tags", lang, L.T("tags"), s.h.Current)
	type row struct {
		Name, Href string
		Count      int
	}
	var rows []row
	for _, tg := range s.tags(lang) {
		rows = append(rows, row{tg.name, rel(p.Path, tagURL(lang, tg.slug)), len(tg.chapters)})
	}
	d.Main = rows
	return s.execute("tags", d)
}

func (s *Site) renderTag(p *Page, lang string, tg *tagInfo) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "tag", lang, L.Tf("tag", tg.name), s.h.Current)
	var items []chapterItem
	for _, c := range tg.chapters {
		ct := c.Texts[lang]
		items = append(items, chapterItem{Number: c.Number, Slug: c.Slug, Title: s.fm(ct).Title, Summary: s.fm(ct).Summary, Href: rel(p.Path, stableURL(lang, c.Slug))})
	}
	d.Main = struct {
		Name     string
		Chapters []chapterItem
		AllHref  string
	}{tg.name, items, rel(p.Path, lang+"/tags/")}
	return s.execute("tag", d)
}

// searchDocs returns what the index of edition e in lang holds: every
// section of every chapter, linked to its stable URL for the current
// edition, its permanent URL otherwise.
func (s *Site) searchDocs(lang string, e *content.Edition) []search.Doc {
	var docs []search.Doc
	for _, c := range e.Chapters {
		ct := c.Texts[lang]
		if ct == nil {
			continue
		}
		u := permanentURL(lang, e, c.Slug)
		if e == s.h.Current {
			u = stableURL(lang, c.Slug)
		}
		d := search.Doc{Slug: c.Slug, Title: s.fm(ct).Title, Summary: s.fm(ct).Summary, Tags: ct.Meta.Tags, URL: u}
		for _, sec := range s.docs[ct].Sections {
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
}

// searchFiles returns the files of the index of edition e in lang, by path
// from the site root: its own folder (searchDir) and the text chunks it
// shares with the other editions of lang (search.TextDir).
func (s *Site) searchFiles(lang string, e *content.Edition) map[string][]byte {
	v, _ := s.indexes.LoadOrStore(lang+"\x00"+e.ID, &searchIndex{})
	ix := v.(*searchIndex)
	ix.once.Do(func() {
		docs := s.searchDocs(lang, e)
		// An index of the same chapters is read from the build cache.
		ix.files = cached(s.opts.Cache, searchKey(lang, e.ID, docs), func() map[string][]byte {
			return s.searcher.Build(lang, e.ID, docs).Files()
		}, encodeFiles, decodeFiles)
	})
	return ix.files
}

// searchKey names an index by everything it is built from.
func searchKey(lang, edition string, docs []search.Doc) cache.Key {
	parts := [][]byte{[]byte("search"), []byte(lang), []byte(edition)}
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
	names := sortedKeys(files)
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

func (s *Site) editionsManifest() []byte {
	var entries []search.EditionEntry
	for _, lang := range s.langs() {
		L := s.t(lang)
		for i := len(s.pub) - 1; i >= 0; i-- {
			e := s.pub[i]
			title := L.Tf("edition", e.ID)
			if et := e.Texts[lang]; et != nil && et.Title != "" {
				title = et.Title
			}
			entries = append(entries, search.EditionEntry{Lang: lang, Edition: e.ID, Title: title, Date: dateISO(e.Date), Current: e == s.h.Current, Dir: searchDir(lang, e)})
		}
	}
	return search.EditionsManifest(entries)
}

// planSearch adds the search indexes. The preview server builds an index
// only when a browser asks for one of its files (see Lookup); a build
// builds them all, in parallel.
func (s *Site) planSearch() {
	s.add(&Page{Path: "search/editions.json", Deps: []string{everything}, render: func(s *Site, p *Page) ([]byte, error) { return s.editionsManifest(), nil }})
	if s.opts.Preview {
		return
	}
	type job struct {
		lang string
		e    *content.Edition
	}
	var jobs []job
	for _, l := range s.langs() {
		for _, e := range s.pub {
			jobs = append(jobs, job{l, e})
		}
	}
	// One language per core, its editions in order, so that the chapters
	// an edition shares with the previous one are tokenised once (the
	// search Builder remembers the last index); then it forgets, before
	// the pages, which need the memory, are rendered.
	langs := s.langs()
	_ = parallel(context.Background(), len(langs), func(i int) error {
		for _, e := range s.pub {
			s.searchFiles(langs[i], e)
		}
		return nil
	})
	s.searcher.Forget()
	// A text chunk is named by its content: editions that share it give
	// the same path and the same bytes, written once.
	seen := map[string]bool{}
	for _, j := range jobs {
		files := s.searchFiles(j.lang, j.e)
		for _, name := range sortedKeys(files) {
			if seen[name] {
				continue
			}
			seen[name] = true
			b := files[name]
			s.add(&Page{Path: name, Deps: []string{everything}, render: func(*Site, *Page) ([]byte, error) { return b, nil }})
		}
	}
}

// Lookup returns the page at path, building a search index on demand in
// the preview server.
func (s *Site) Lookup(path string) *Page {
	if p := s.pages[path]; p != nil {
		return p
	}
	if !strings.HasPrefix(path, "search/") {
		return nil
	}
	found := func(b []byte) *Page {
		return &Page{Path: path, Deps: []string{everything}, render: func(*Site, *Page) ([]byte, error) { return b, nil }}
	}
	for _, l := range s.langs() {
		if strings.HasPrefix(path, search.TextDir(l)) {
			// A browser asks for a chunk after the index.json that names
			// it: look in the indexes built so far, then build the others.
			for _, built := range []bool{true, false} {
				for _, e := range s.pub {
					if _, ok := s.indexes.Load(l + "\x00" + e.ID); ok != built {
						continue
					}
					if b, ok := s.searchFiles(l, e)[path]; ok {
						return found(b)
					}
				}
			}
			return nil
		}
		for _, e := range s.pub {
			if strings.HasPrefix(path, searchDir(l, e)) {
				if b, ok := s.searchFiles(l, e)[path]; ok {
					return found(b)
				}
				return nil
			}
		}
	}
	return nil
}

func (s *Site) renderSitemap(p *Page) ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var us urlset
	cur := s.h.Current
	for _, lang := range s.langs() {
		us.URLs = append(us.URLs, url{Loc: s.abs(langHome(lang)), LastMod: dateISO(cur.Date)})
		for _, c := range cur.Chapters {
			us.URLs = append(us.URLs, url{Loc: s.abs(stableURL(lang, c.Slug)), LastMod: dateISO(cur.Date)})
		}
		for _, extra := range []string{"editions/", "tags/", "print/", "subscribe/", "search/"} {
			us.URLs = append(us.URLs, url{Loc: s.abs(lang + "/" + extra)})
		}
		_, slugs := s.lineage.lastBySlug(s.pub)
		for _, sl := range slugs {
			us.URLs = append(us.URLs, url{Loc: s.abs(historyURL(lang, sl))})
		}
		for _, tg := range s.tags(lang) {
			us.URLs = append(us.URLs, url{Loc: s.abs(tagURL(lang, tg.slug))})
		}
	}
	sort.SliceStable(us.URLs, func(i, j int) bool { return us.URLs[i].Loc < us.URLs[j].Loc })
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(us); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func (s *Site) renderSubscribe(p *Page, lang string) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "subscribe", lang, L.T("subscribe"), s.h.Current)
	type feedRow struct {
		Title, Kind, Abs, Href string
	}
	var site, chapters []feedRow
	if s.baseURL != "" {
		site = append(site,
			feedRow{Title: L.T("feed_rss"), Kind: "RSS 2.0", Abs: s.abs(lang + "/feed.xml"), Href: rel(p.Path, lang+"/feed.xml")},
			feedRow{Title: L.T("feed_atom"), Kind: "Atom 1.0", Abs: s.abs(lang + "/atom.xml"), Href: rel(p.Path, lang+"/atom.xml")},
		)
		last, slugs := s.lineage.lastBySlug(s.pub)
		for _, c := range s.h.Current.Chapters {
			if !s.hasFeed(c) {
				continue
			}
			chapters = append(chapters, feedRow{Title: s.fm(c.Texts[lang]).Title, Kind: "RSS 2.0", Abs: s.abs(chapterFeedURL(lang, c.Slug)), Href: rel(p.Path, chapterFeedURL(lang, c.Slug))})
		}
		for _, sl := range slugs {
			if s.h.Current.Chapter(sl) == nil && last[sl].Edition.Status != content.Draft && s.hasFeed(last[sl]) {
				chapters = append(chapters, feedRow{Title: s.fm(last[sl].Texts[lang]).Title, Kind: "RSS 2.0", Abs: s.abs(chapterFeedURL(lang, sl)), Href: rel(p.Path, chapterFeedURL(lang, sl))})
			}
		}
	}
	d.Main = struct {
		Site, Chapters []feedRow
	}{site, chapters}
	return s.execute("subscribe", d)
}
