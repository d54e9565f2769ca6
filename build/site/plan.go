package site

import (
	"bytes"
	"encoding/xml"
	"slices"
	"sort"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site/feeds"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/render"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/site/searchpages"
)

// everything marks a page that depends on the whole content (lists of
// chapters, feeds, search indexes).
const everything = "*"

func (s *Site) add(p *Page) { s.pages[p.Path] = p }

// addOf adds a page of chapter c: the published list names the chapter,
// and a page that only a draft edition or chapter makes is not promised.
func (s *Site) addOf(p *Page, c *content.Chapter) {
	p.chapter, p.draft = c.Slug, c.Draft || c.Edition.Status == content.Draft
	s.add(p)
}

// addIn adds a page of edition e, not promised when e is a draft.
func (s *Site) addIn(p *Page, e *content.Edition) {
	p.draft = e.Status == content.Draft
	s.add(p)
}

// htmlPage plans an HTML page rendered through the layouts of kinds
// ("chapter"; "removed" and "redirect" for a page that is one or the
// other).
func htmlPage(kinds []string, path string, deps []string, f func(s *Site, p *Page) ([]byte, error)) *Page {
	return &Page{Path: path, Deps: deps, Layouts: kinds, render: f, mediaType: "text/html"}
}

// finished marks p as rendered finished (see Page.finished).
func finished(p *Page) *Page {
	p.finished = true
	return p
}

// chapterDeps lists the files a chapter page shows something of: its own
// texts, its edition's and its previous wording (the translation-drift
// notice compares them). Its neighbours' titles (previous / next links)
// come from front matter, whose change the preview server treats as
// touching every page.
func (s *Site) chapterDeps(memo map[*content.Chapter][]string, c *content.Chapter) []string {
	// Planning asks for each chapter's list several times (per language,
	// stable and permanent pages, redlines): compute it once. plan runs on
	// one goroutine.
	if d, ok := memo[c]; ok {
		return d
	}
	var out []string
	add := func(x *content.Chapter) {
		if x == nil {
			return
		}
		for _, ct := range x.Texts {
			out = append(out, ct.File)
		}
	}
	add(c)
	for _, et := range c.Edition.Texts {
		out = append(out, et.File)
	}
	add(s.p.Lineage().Pred(c))
	sort.Strings(out)
	memo[c] = out
	return out
}

// plan lists every page of the site with the function that renders it.
func (s *Site) plan() {
	p := s.p
	cur := p.Handbook().Current
	memo := map[*content.Chapter][]string{}
	chapterDeps := func(c *content.Chapter) []string { return s.chapterDeps(memo, c) }
	s.add(&Page{Path: "index.html", Deps: []string{p.Handbook().Settings.File}, render: func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderRootRedirect(pg.Path) }, mediaType: "text/html", Layouts: []string{"redirect"}})
	s.add(&Page{Path: "404.html", Deps: []string{everything}, render: func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderNotFound(pg.Path) }, mediaType: "text/html", Layouts: []string{"notfound"}})
	if p.BaseURL() != "" {
		s.add(&Page{Path: "sitemap.xml", Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return s.sitemap() }})
	}
	s.planSearch()
	tagsOf := map[string][]*render.Tag{}
	for _, lang := range p.Langs() {
		tagsOf[lang] = s.r.Tags(lang)
	}
	for _, lang := range p.Langs() {
		lang := lang
		s.add(htmlPage([]string{"home"}, route.LangHome(lang), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderHome(pg.Path, lang) }))
		s.add(htmlPage([]string{"editions"}, lang+"/editions/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderEditions(pg.Path, lang) }))
		s.add(htmlPage([]string{"search"}, lang+"/search/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderSearch(pg.Path, lang) }))
		s.add(htmlPage([]string{"subscribe"}, lang+"/subscribe/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderSubscribe(pg.Path, lang) }))
		s.add(finished(htmlPage([]string{"print"}, lang+"/print/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) {
			return s.r.RenderPrint(pg.Path, lang, s.p.Handbook().Current)
		})))
		s.add(htmlPage([]string{"tags"}, lang+"/tags/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderTags(pg.Path, lang) }))
		for _, tg := range tagsOf[lang] {
			slug := tg.Slug
			s.add(htmlPage([]string{"tag"}, route.Tag(lang, slug), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderTag(pg.Path, lang, s.tag(lang, slug)) }))
		}
		if p.BaseURL() != "" {
			s.add(&Page{Path: lang + "/feed.xml", Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return feeds.Site(s.p, lang, false) }})
			s.add(&Page{Path: lang + "/atom.xml", Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return feeds.Site(s.p, lang, true) }})
			s.add(&Page{Path: lang + "/feed.json", Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return feeds.SiteJSON(s.p, lang) }})
		}
		last, slugs := p.Lineage().LastBySlug(p.Published(), lang)
		for _, c := range cur.Chapters {
			c := c
			s.addOf(finished(htmlPage([]string{"chapter"}, route.Stable(lang, c.URLSlug(lang)), chapterDeps(c), func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderChapter(pg.Path, lang, s.ch(c), true) })), c)
		}
		for _, sl := range slugs {
			c := last[sl]
			if cur.ChapterAt(lang, sl) == nil {
				s.addOf(htmlPage([]string{"removed", "redirect"}, route.Stable(lang, sl), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderGone(pg.Path, lang, s.ch(c)) }), c)
			}
			s.addOf(htmlPage([]string{"history"}, route.History(lang, sl), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderHistory(pg.Path, lang, sl, s.ch(c)) }), c)
			// A slug only drafts give has no feed: feeds are the same with
			// or without -drafts.
			if p.BaseURL() != "" && p.Lineage().HasFeed(c) && feedSlug(p.Lineage().Chain(c), lang, sl) {
				s.addOf(&Page{Path: route.ChapterFeed(lang, sl), Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return feeds.Chapter(s.p, lang, sl, s.ch(c)) }}, c)
			}
		}
		for _, e := range p.Published() {
			e := e
			s.addIn(htmlPage([]string{"edition"}, route.Edition(lang, e), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderEdition(pg.Path, lang, s.ed(e)) }), e)
			s.addIn(htmlPage([]string{"changes"}, route.EditionChanges(lang, e), []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderChanges(pg.Path, lang, s.ed(e)) }), e)
			s.addIn(finished(htmlPage([]string{"print"}, lang+"/"+e.ID+"/print/", []string{everything}, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderPrint(pg.Path, lang, s.ed(e)) })), e)
			for _, c := range e.Chapters {
				c := c
				s.addOf(finished(htmlPage([]string{"chapter"}, route.Permanent(lang, e, c.URLSlug(lang)), chapterDeps(c), func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderChapter(pg.Path, lang, s.ch(c), false) })), c)
				// A redline only where the text changed: links to an
				// unchanged one go to the history entry (ChangesPage).
				if old := p.Lineage().Pred(c); old != nil && p.Lineage().HasRedline(c, lang) {
					deps := slices.Concat(chapterDeps(c), chapterDeps(old))
					s.addOf(htmlPage([]string{"redline"}, route.Redline(lang, e, c.URLSlug(lang)), deps, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderRedline(pg.Path, lang, s.ch(c), s.ch(old)) }), c)
				}
				if e == cur {
					// Cumulative redlines, for readers who last read an
					// older wording (see history.Lineage.Since).
					for _, x := range p.Lineage().Since(lang, c) {
						x := x
						deps := slices.Concat(chapterDeps(c), chapterDeps(x))
						s.addOf(htmlPage([]string{"redline"}, route.Since(lang, e, c.URLSlug(lang), x.Edition), deps, func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderSince(pg.Path, lang, s.ch(c), s.ch(x)) }), c)
					}
				}
			}
		}
	}
	for _, e := range p.Published() {
		for _, im := range e.Images {
			e, im := e, im
			s.add(&Page{Path: route.Image(e, im), Deps: []string{e.Dir + "/images/" + im}, render: func(s *Site, _ *Page) ([]byte, error) {
				return s.r.ReadImage(s.ed(e), im)
			}, mediaType: render.MediaType(im)})
		}
	}
}

// feedSlug reports whether a wording a feed may speak of has slug sl in
// lang: a slug that only drafts give has no feed.
func feedSlug(chain []*content.Chapter, lang, sl string) bool {
	for _, x := range chain {
		if history.FeedVisible(x) && x.URLSlug(lang) == sl {
			return true
		}
	}
	return false
}

// sitemap lists the pages search engines should know of.
func (s *Site) sitemap() ([]byte, error) {
	p := s.p
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var us urlset
	cur := p.Handbook().Current
	for _, lang := range p.Langs() {
		us.URLs = append(us.URLs, url{Loc: p.Abs(route.LangHome(lang)), LastMod: cur.Date.Format("2006-01-02")})
		for _, c := range cur.Chapters {
			us.URLs = append(us.URLs, url{Loc: p.Abs(route.Stable(lang, c.URLSlug(lang))), LastMod: cur.Date.Format("2006-01-02")})
		}
		for _, extra := range []string{"editions/", "tags/", "print/", "subscribe/", "search/"} {
			us.URLs = append(us.URLs, url{Loc: p.Abs(lang + "/" + extra)})
		}
		_, slugs := p.Lineage().LastBySlug(p.Published(), lang)
		for _, sl := range slugs {
			us.URLs = append(us.URLs, url{Loc: p.Abs(route.History(lang, sl))})
		}
		for _, tg := range s.r.Tags(lang) {
			us.URLs = append(us.URLs, url{Loc: p.Abs(route.Tag(lang, tg.Slug))})
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

// planSearch adds the list of editions the search page offers. The
// indexes are not planned as pages: their files are named by what they
// hold (one per shard of words), so a build writes each index as soon as
// it is built, while it renders the pages (RenderAll), and the preview
// server builds one only when a browser asks for one of its files (see
// Lookup).
func (s *Site) planSearch() {
	s.add(&Page{Path: searchpages.ManifestPath, Deps: []string{everything}, render: func(s *Site, _ *Page) ([]byte, error) { return s.search.Manifest(), nil }})
}
