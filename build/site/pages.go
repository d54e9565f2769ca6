package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"example.com/handbook/build/content"
	"example.com/handbook/build/markdown"
)

// everything marks a page that depends on the whole content (lists of
// chapters, feeds, search indexes).
const everything = "*"

func (s *Site) add(p *Page) { s.pages[p.Path] = p }

func htmlPage(path string, deps []string, f func(s *Site, p *Page) ([]byte, error)) *Page {
	return &Page{Path: path, Deps: deps, render: f, mediaType: "text/html"}
}

// chapterDeps lists the files a chapter page shows something of: its own
// texts, its edition's and its previous wording (the translation-drift
// notice compares them). Its neighbours' titles (previous / next links)
// come from front matter, whose change the preview server treats as
// touching every page.
func (s *Site) chapterDeps(c *content.Chapter) []string {
	// Planning asks for each chapter's list several times (per language,
	// stable and permanent pages, redlines): compute it once. plan runs on
	// one goroutine.
	if d, ok := s.deps[c]; ok {
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
	add(s.lineage.pred[c])
	sort.Strings(out)
	if s.deps == nil {
		s.deps = map[*content.Chapter][]string{}
	}
	s.deps[c] = out
	return out
}

// plan lists every page of the site with the function that renders it.
func (s *Site) plan() {
	cur := s.h.Current
	s.add(&Page{Path: "index.html", Deps: []string{s.h.Settings.File}, render: (*Site).renderRootRedirect, mediaType: "text/html"})
	s.add(&Page{Path: "404.html", Deps: []string{everything}, render: (*Site).renderNotFound, mediaType: "text/html"})
	if s.baseURL != "" {
		s.add(&Page{Path: "sitemap.xml", Deps: []string{everything}, render: (*Site).renderSitemap})
	}
	s.planSearch()
	last, slugs := s.lineage.lastBySlug(s.pub)
	tagsOf := map[string][]*tagInfo{}
	for _, lang := range s.langs() {
		tagsOf[lang] = s.tags(lang)
	}
	for _, lang := range s.langs() {
		lang := lang
		s.add(htmlPage(langHome(lang), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderHome(p, lang) }))
		s.add(htmlPage(lang+"/editions/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderEditions(p, lang) }))
		s.add(htmlPage(lang+"/search/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderSearch(p, lang) }))
		s.add(htmlPage(lang+"/subscribe/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderSubscribe(p, lang) }))
		s.add(htmlPage(lang+"/print/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderPrint(p, lang, cur) }))
		s.add(htmlPage(lang+"/tags/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderTags(p, lang) }))
		for _, tg := range tagsOf[lang] {
			tg := tg
			s.add(htmlPage(tagURL(lang, tg.slug), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderTag(p, lang, tg) }))
		}
		if s.baseURL != "" {
			s.add(&Page{Path: lang + "/feed.xml", Deps: []string{everything}, render: func(s *Site, p *Page) ([]byte, error) { return s.renderSiteFeed(lang, false) }})
			s.add(&Page{Path: lang + "/atom.xml", Deps: []string{everything}, render: func(s *Site, p *Page) ([]byte, error) { return s.renderSiteFeed(lang, true) }})
		}
		for _, c := range cur.Chapters {
			c := c
			s.add(htmlPage(stableURL(lang, c.Slug), s.chapterDeps(c), func(s *Site, p *Page) ([]byte, error) { return s.renderChapter(p, lang, c, true) }))
		}
		for _, sl := range slugs {
			c := last[sl]
			if cur.Chapter(sl) == nil {
				s.add(htmlPage(stableURL(lang, sl), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderGone(p, lang, c) }))
			}
			s.add(htmlPage(historyURL(lang, sl), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderHistory(p, lang, sl, c) }))
			if s.baseURL != "" && s.hasFeed(c) {
				s.add(&Page{Path: chapterFeedURL(lang, sl), Deps: []string{everything}, render: func(s *Site, p *Page) ([]byte, error) { return s.renderChapterFeed(lang, sl, c) }})
			}
		}
		for _, e := range s.pub {
			e := e
			s.add(htmlPage(editionURL(lang, e), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderEdition(p, lang, e) }))
			s.add(htmlPage(editionChangesURL(lang, e), []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderChanges(p, lang, e) }))
			s.add(htmlPage(lang+"/"+e.ID+"/print/", []string{everything}, func(s *Site, p *Page) ([]byte, error) { return s.renderPrint(p, lang, e) }))
			for _, c := range e.Chapters {
				c := c
				s.add(htmlPage(permanentURL(lang, e, c.Slug), s.chapterDeps(c), func(s *Site, p *Page) ([]byte, error) { return s.renderChapter(p, lang, c, false) }))
				if old := s.lineage.pred[c]; old != nil {
					deps := slices.Concat(s.chapterDeps(c), s.chapterDeps(old))
					s.add(htmlPage(redlineURL(lang, e, c.Slug), deps, func(s *Site, p *Page) ([]byte, error) { return s.renderRedline(p, lang, c, old) }))
				}
			}
		}
	}
	for _, e := range s.pub {
		for _, im := range e.Images {
			e, im := e, im
			s.add(&Page{Path: imageURL(e, im), Deps: []string{e.Dir + "/images/" + im}, render: func(s *Site, p *Page) ([]byte, error) {
				return s.readImage(e, im)
			}, mediaType: mediaTypeOf(im)})
		}
	}
}

// base fills what every page shares.
func (s *Site) base(p *Page, kind, lang, title string, e *content.Edition) *pageData {
	L := s.t(lang)
	d := &pageData{
		Kind:      kind,
		Lang:      lang,
		L:         L,
		Root:      rootOf(p.Path),
		Path:      p.Path,
		SiteTitle: s.siteTitle(lang),
		Title:     title,
		CSS:       rel(p.Path, s.assetBase+"css/site.css"),
		JS:        rel(p.Path, s.assetBase+"js/main.js"),
		Assets:    rel(p.Path, s.assetBase),
		Current:   s.h.Current.ID,
		Nav: nav{
			Home:      rel(p.Path, langHome(lang)),
			Contents:  rel(p.Path, langHome(lang)) + "#contents",
			Editions:  rel(p.Path, lang+"/editions/"),
			Search:    rel(p.Path, lang+"/search/"),
			Subscribe: rel(p.Path, lang+"/subscribe/"),
			Print:     rel(p.Path, lang+"/print/"),
			Tags:      rel(p.Path, lang+"/tags/"),
		},
	}
	if s.baseURL != "" {
		d.Feed = rel(p.Path, lang+"/feed.xml")
		d.Atom = rel(p.Path, lang+"/atom.xml")
		d.Canonical = s.abs(p.Path)
	}
	if e != nil {
		d.Edition = s.editionView(lang, p.Path, e)
		if e.Status == content.Past {
			// The current edition is for the "changed since your last
			// visit" script, which reading a past edition does not move;
			// leaving it out keeps past pages the same when an edition is
			// released, so a rebuild keeps them instead of rendering them.
			d.Current = ""
		}
	}
	for _, l := range s.langs() {
		to := swapLang(p.Path, lang, l)
		if _, ok := s.pages[to]; !ok && s.pages != nil {
			to = langHome(l)
		}
		d.Alternates = append(d.Alternates, alternate{Lang: l, Name: langName(l), Href: rel(p.Path, to), Abs: s.abs(to)})
	}
	return d
}

func langName(l string) string {
	switch l {
	case "fr":
		return "Français"
	case "en":
		return "English"
	}
	return l
}

// swapLang returns the path of the same page in another language; tag
// pages map to the tag list since tag names are translated.
func swapLang(p, from, to string) string {
	rest := strings.TrimPrefix(p, from+"/")
	if strings.HasPrefix(rest, "tags/") && rest != "tags/" {
		return to + "/tags/"
	}
	return to + "/" + rest
}

func (s *Site) siteTitle(lang string) string {
	if t := s.h.Settings.Title[lang]; t != "" {
		return markdown.Typeset(lang, t)
	}
	ref := s.h.Settings.Reference()
	return markdown.Typeset(ref, s.h.Settings.Title[ref])
}

// editionBanner says, on pages of an edition other than the current one,
// which rule is in force.
func (s *Site) editionBanner(lang, page string, e *content.Edition, stableTarget string) *banner {
	L := s.t(lang)
	switch e.Status {
	case content.Draft:
		return &banner{Kind: "draft", Text: L.T("draft_banner")}
	case content.Upcoming:
		return &banner{Kind: "upcoming", Text: L.Tf("upcoming_banner", e.ID, L.Date(e.Date))}
	case content.Past:
		b := &banner{Kind: "past", Text: L.Tf("past_banner", e.ID)}
		if stableTarget != "" {
			b.LinkText, b.Href = L.T("read_current_wording"), rel(page, stableTarget)
		}
		return b
	}
	return nil
}

func (s *Site) execute(kind string, d *pageData) ([]byte, error) {
	if s.views != nil && d.Path != "" {
		if p := s.pages[d.Path]; p != nil {
			if sum, err := viewHash(s.tmpl.sum, kind, d); err == nil && s.views(p.File(), sum) {
				return nil, errUnchanged
			}
		}
	}
	return s.tmpl.execute(kind, d)
}

func (s *Site) renderHome(p *Page, lang string) ([]byte, error) {
	cur := s.h.Current
	d := s.base(p, "home", lang, s.siteTitle(lang), cur)
	d.Notice = &notice{Edition: cur.ID, Href: rel(p.Path, editionChangesURL(lang, cur))}
	d.Main = struct {
		Chapters []chapterItem
		Changes  []changeRow
		Upcoming []*editionView
	}{
		Chapters: s.chapterItems(lang, p.Path, cur, true),
		Changes:  s.changeRows(lang, p.Path, cur),
		Upcoming: s.upcoming(lang, p.Path),
	}
	return s.execute("home", d)
}

func (s *Site) upcoming(lang, page string) []*editionView {
	var out []*editionView
	for _, e := range s.pub {
		if e.Status == content.Upcoming || e.Status == content.Draft {
			out = append(out, s.editionView(lang, page, e))
		}
	}
	return out
}

func (s *Site) renderEdition(p *Page, lang string, e *content.Edition) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "edition", lang, L.Tf("edition", e.ID), e)
	d.NoIndex = e != s.h.Current
	d.Canonical = s.abs(editionURL(lang, e))
	d.Banner = s.editionBanner(lang, p.Path, e, langHome(lang))
	d.Main = struct {
		Chapters []chapterItem
		Changes  []changeRow
	}{s.chapterItems(lang, p.Path, e, false), s.changeRows(lang, p.Path, e)}
	return s.execute("edition", d)
}

func (s *Site) renderChapter(p *Page, lang string, c *content.Chapter, stable bool) ([]byte, error) {
	L := s.t(lang)
	e := c.Edition
	ct := c.Texts[lang]
	doc := s.docs[ct]
	d := s.base(p, "chapter", lang, s.fm(ct).Title, e)
	d.Description = s.fm(ct).Summary
	d.Canonical = s.abs(stableURL(lang, c.Slug))
	if !stable {
		d.NoIndex = true
		if s.h.Current.Chapter(c.Slug) == nil {
			d.Canonical = s.abs(p.Path)
		}
		d.Banner = s.editionBanner(lang, p.Path, e, s.currentWordingOf(lang, c))
		if e.Status == content.Past && d.Banner != nil && d.Banner.Href == "" {
			if id := s.removedInID(c); id != "" {
				d.Banner.Text += " " + L.Tf("chapter_removed", id)
			}
		}
	}
	v := chapterView{
		Slug: c.Slug, Title: s.fm(ct).Title, Summary: s.fm(ct).Summary, Draft: ct.Meta.Draft,
		Meta:          s.metaView(lang, p.Path, c, stable),
		Body:          template.HTML(doc.HTML(s.resolver(p.Path, e, stable))),
		HistoryHref:   rel(p.Path, historyURL(lang, s.latestSlug(c))),
		PermanentHref: rel(p.Path, permanentURL(lang, e, c.Slug)),
		SuggestHref:   suggestHref(s.h.Settings.Feedback, s.fm(ct).Title, c.Slug, e.ID, s.abs(stableURL(lang, c.Slug)), L),
	}
	if s.baseURL != "" && s.hasFeed(c) {
		v.FeedHref = rel(p.Path, chapterFeedURL(lang, s.latestSlug(c)))
	}
	for _, h := range doc.Headings {
		if h.Level <= 3 {
			v.TOC = append(v.TOC, tocItem{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	for i, x := range e.Chapters {
		if x != c {
			continue
		}
		href := func(y *content.Chapter) *link {
			to := permanentURL(lang, e, y.Slug)
			if stable {
				to = stableURL(lang, y.Slug)
			}
			return &link{Text: s.fm(y.Texts[lang]).Title, Href: rel(p.Path, to)}
		}
		if i > 0 {
			v.Prev = href(e.Chapters[i-1])
		}
		if i+1 < len(e.Chapters) {
			v.Next = href(e.Chapters[i+1])
		}
	}
	if old := s.lineage.pred[c]; old != nil {
		v.RedlineHref = rel(p.Path, redlineURL(lang, e, c.Slug))
		if lang != s.h.Settings.Reference() {
			v.Drift = s.drift(lang, p.Path, c, old, stable)
		}
		if ch := (change{New: c, Old: old}); e == s.h.Current && (ch.textChanged(lang) || old.Slug != c.Slug) {
			d.Notice = &notice{Edition: e.ID, Href: v.RedlineHref}
		}
	}
	d.Main = v
	return s.execute("chapter", d)
}

// currentWordingOf returns the stable URL that now holds chapter c's rule,
// following renames, or "" when the chapter was removed.
func (s *Site) currentWordingOf(lang string, c *content.Chapter) string {
	for _, x := range s.lineage.chain(c) {
		if x.Edition == s.h.Current {
			return stableURL(lang, x.Slug)
		}
	}
	return ""
}

// latestSlug is the slug of the chapter's newest released wording: its
// history and feed live there.
func (s *Site) latestSlug(c *content.Chapter) string {
	ch := s.lineage.chain(c)
	for i := len(ch) - 1; i >= 0; i-- {
		if ch[i].Edition.Status != content.Draft || i == 0 {
			return ch[i].Slug
		}
	}
	return c.Slug
}

// drift reports a translation that an edition left behind its reference
// text (or the reverse).
func (s *Site) drift(lang, page string, c, old *content.Chapter, stable bool) *drift {
	ref := s.h.Settings.Reference()
	ch := change{New: c, Old: old}
	if ch.textChanged(ref) == ch.textChanged(lang) {
		return nil
	}
	e := c.Edition
	to := permanentURL(ref, e, c.Slug)
	if stable {
		to = stableURL(ref, c.Slug)
	}
	return &drift{
		Edition:      e.ID,
		ReferenceRef: rel(page, to),
		RedlineHref:  rel(page, redlineURL(ref, e, c.Slug)),
		RefLangName:  langName(ref),
		RefLang:      ref,
	}
}

func (s *Site) renderGone(p *Page, lang string, last *content.Chapter) ([]byte, error) {
	L := s.t(lang)
	if now := s.currentWordingOf(lang, last); now != "" {
		title := ""
		for _, x := range s.lineage.chain(last) {
			if x.Edition == s.h.Current {
				title = s.fm(x.Texts[lang]).Title
			}
		}
		return s.execute("redirect", &pageData{Lang: lang, L: L, Title: L.Tf("chapter_renamed", title), Main: redirect{rel(p.Path, now), s.abs(now), L.T("go_to_new_page")}})
	}
	ct := last.Texts[lang]
	d := s.base(p, "removed", lang, s.fm(ct).Title, nil)
	d.NoIndex = true
	d.Banner = &banner{Kind: "removed", Text: L.Tf("chapter_removed", s.removedInID(last))}
	d.Main = struct {
		Title, LastHref, LastEdition, HistoryHref, ChangesHref string
	}{
		s.fm(ct).Title, rel(p.Path, permanentURL(lang, last.Edition, last.Slug)), last.Edition.ID,
		rel(p.Path, historyURL(lang, last.Slug)), s.removedIn(lang, p.Path, last),
	}
	return s.execute("removed", d)
}

// removedIn links the changes page of the edition that removed c.
func (s *Site) removedIn(lang, page string, c *content.Chapter) string {
	if e := s.removedInEdition(c); e != nil {
		return rel(page, editionChangesURL(lang, e))
	}
	return ""
}

func (s *Site) removedInID(c *content.Chapter) string {
	if e := s.removedInEdition(c); e != nil {
		return e.ID
	}
	return ""
}

// removedInEdition returns the edition that removed the chapter chain c
// belongs to, or nil.
func (s *Site) removedInEdition(c *content.Chapter) *content.Edition {
	ch := s.lineage.chain(c)
	last := ch[len(ch)-1]
	for _, e := range s.pub {
		for _, x := range s.lineage.changes[e] {
			if x.Kind == removed && x.Old == last {
				return e
			}
		}
	}
	return nil
}

func (s *Site) renderRootRedirect(p *Page) ([]byte, error) {
	ref := s.h.Settings.Reference()
	target := s.rootedPath() + langHome(ref)
	return s.execute("redirect", &pageData{Lang: ref, L: s.t(ref), Title: s.siteTitle(ref), Main: redirect{target, s.abs(langHome(ref)), s.siteTitle(ref)}})
}

// redirect is the data of a page that only sends the reader elsewhere:
// the target relative to the page, its absolute URL, the link's text.
type redirect struct{ Target, Abs, Text string }

// rootedPath is base_url's path ("/handbook/"): the 404 page and the root
// redirect are served from any depth, so only they use root-based links.
func (s *Site) rootedPath() string {
	if s.baseURL == "" {
		return "/"
	}
	i := strings.Index(s.baseURL, "://")
	if i < 0 {
		return "/"
	}
	rest := s.baseURL[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "/"
	}
	return rest[j:]
}

func (s *Site) renderNotFound(p *Page) ([]byte, error) {
	ref := s.h.Settings.Reference()
	root := s.rootedPath()
	d := s.base(p, "notfound", ref, s.t(ref).T("not_found_title"), nil)
	d.Root = root
	d.CSS = root + s.assetBase + "css/site.css"
	d.JS = root + s.assetBase + "js/main.js"
	d.Nav = nav{Home: root + ref + "/", Contents: root + ref + "/#contents", Editions: root + ref + "/editions/", Search: root + ref + "/search/", Subscribe: root + ref + "/subscribe/", Print: root + ref + "/print/", Tags: root + ref + "/tags/"}
	d.Alternates = nil
	d.Canonical = ""
	d.NoIndex = true
	if d.Feed != "" {
		d.Feed, d.Atom = root+ref+"/feed.xml", root+ref+"/atom.xml"
	}
	type langLinks struct {
		Lang, Name, Home, Search, Message, Title, SearchLabel, Contents string
	}
	var links []langLinks
	for _, l := range s.langs() {
		L := s.t(l)
		links = append(links, langLinks{Lang: l, Name: langName(l), Home: root + l + "/", Search: root + l + "/search/", Title: L.T("not_found_title"), Message: L.T("not_found_text"), SearchLabel: L.T("search"), Contents: L.T("contents")})
	}
	d.Main = links
	return s.execute("notfound", d)
}

func (s *Site) renderEditions(p *Page, lang string) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "editions", lang, L.T("editions"), nil)
	var list []*editionView
	for i := len(s.pub) - 1; i >= 0; i-- {
		list = append(list, s.editionView(lang, p.Path, s.pub[i]))
	}
	d.Main = list
	return s.execute("editions", d)
}

func (s *Site) renderSearch(p *Page, lang string) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "search", lang, L.T("search"), s.h.Current)
	type opt struct {
		Value, Label string
		Selected     bool
	}
	var opts []opt
	for i := len(s.pub) - 1; i >= 0; i-- {
		e := s.pub[i]
		label := L.Tf("edition", e.ID)
		if e == s.h.Current {
			label += " — " + L.T("current_edition")
		}
		opts = append(opts, opt{Value: e.ID, Label: label, Selected: e == s.h.Current})
	}
	opts = append(opts, opt{Value: "all", Label: L.T("search_all_editions")})
	d.Main = opts
	return s.execute("search", d)
}

type printChapter struct {
	Slug, Title string
	Meta        metaView
	Body        template.HTML
}

func (s *Site) renderPrint(p *Page, lang string, e *content.Edition) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "print", lang, s.siteTitle(lang)+" — "+L.Tf("edition", e.ID), e)
	if p.Path != lang+"/print/" {
		d.NoIndex = true
		d.Canonical = s.abs(lang + "/print/")
		d.Banner = s.editionBanner(lang, p.Path, e, lang+"/print/")
	}
	var chs []printChapter
	for _, c := range e.Chapters {
		ct := c.Texts[lang]
		doc := s.printDoc(c, lang)
		chs = append(chs, printChapter{
			Slug: c.Slug, Title: s.fm(ct).Title, Meta: s.metaView(lang, p.Path, c, false),
			Body: template.HTML(doc.HTML(s.printResolver(p.Path, e, c.Slug))),
		})
	}
	d.Main = struct {
		Chapters []printChapter
		Items    []chapterItem
	}{chs, s.printItems(lang, e)}
	return s.execute("print", d)
}

func (s *Site) printItems(lang string, e *content.Edition) []chapterItem {
	var out []chapterItem
	for _, c := range e.Chapters {
		out = append(out, chapterItem{Number: c.Number, Slug: c.Slug, Title: s.fm(c.Texts[lang]).Title, Href: "#" + c.Slug})
	}
	return out
}

func (s *Site) readImage(e *content.Edition, name string) ([]byte, error) {
	b, err := fs.ReadFile(s.src, e.Dir+"/images/"+name)
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	return b, nil
}
