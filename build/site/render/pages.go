package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/timeline"
)

// RenderHome renders the home page of lang: the contents of the current edition.
func (s *Renderer) RenderHome(path, lang string) ([]byte, error) {
	cur := s.Handbook().Current
	d := s.base(path, "home", lang, s.SiteTitle(lang), cur)
	d.Acknowledge = s.acknowledge(lang, cur, "")
	d.Main = struct {
		Chapters []chapterItem
		Changes  []changeRow
		Upcoming []*editionView
	}{
		Chapters: s.chapterItems(lang, path, cur, true),
		Changes:  s.changeRows(lang, path, cur),
		Upcoming: s.upcoming(lang, path),
	}
	return s.execute("home", d)
}

// acknowledge returns the "I have read" link of edition e (of one of its
// chapters when slug is set), or nil when handbook.yaml has no
// acknowledge_url or e is a draft, which no one is asked to confirm.
func (s *Renderer) acknowledge(lang string, e *content.Edition, slug string) *acknowledge {
	href := s.Handbook().Settings.AcknowledgeLink(e.ID, lang, slug)
	if href == "" || e.Status == content.Draft {
		return nil
	}
	L := s.T(lang)
	key := e.ID
	if slug != "" {
		key += "/" + slug
	}
	return &acknowledge{Href: href, Text: L.Tf("acknowledge", e.ID), Key: key, Done: L.T("acknowledge_done")}
}

func (s *Renderer) upcoming(lang, page string) []*editionView {
	var out []*editionView
	for _, e := range s.Published() {
		if e.Status == content.Upcoming || e.Status == content.Draft {
			out = append(out, s.editionView(lang, page, e))
		}
	}
	return out
}

// RenderEdition renders the contents page of edition e.
func (s *Renderer) RenderEdition(path, lang string, e *content.Edition) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "edition", lang, L.Tf("edition", e.ID), e)
	d.NoIndex = e != s.Handbook().Current
	d.Canonical = s.Abs(route.Edition(lang, e))
	d.Banner = s.editionBanner(lang, path, e, route.LangHome(lang))
	d.Acknowledge = s.acknowledge(lang, e, "")
	d.Main = struct {
		Chapters []chapterItem
		Changes  []changeRow
	}{s.chapterItems(lang, path, e, false), s.changeRows(lang, path, e)}
	return s.execute("edition", d)
}

// RenderChapter renders chapter c, at its stable URL when stable is set,
// its permanent one otherwise. The page comes out finished: minified when
// the site is (its body apart, see assemble.go).
func (s *Renderer) RenderChapter(path, lang string, c *content.Chapter, stable bool) ([]byte, error) {
	L := s.T(lang)
	e := c.Edition
	ct := c.Texts[lang]
	doc := s.Doc(ct)
	d := s.base(path, "chapter", lang, s.FM(ct).Title, e)
	d.Description = s.FM(ct).Summary
	d.Canonical = s.Abs(route.Stable(lang, c.URLSlug(lang)))
	d.Acknowledge = s.acknowledge(lang, e, c.Slug)
	if !stable {
		d.NoIndex = true
		if s.Handbook().Current.Chapter(c.Slug) == nil {
			d.Canonical = s.Abs(path)
		}
		d.Banner = s.editionBanner(lang, path, e, s.currentWordingOf(lang, c))
		if e.Status == content.Past && d.Banner != nil && d.Banner.Href == "" {
			if id := s.removedInID(c); id != "" {
				d.Banner.Text += " " + L.Tf("chapter_removed", id)
			}
		}
	}
	v := chapterView{
		Slug: c.Slug, Title: s.FM(ct).Title, Summary: s.FM(ct).Summary, Draft: ct.Meta.Draft,
		Meta:          s.metaView(lang, path, c, stable),
		HistoryHref:   route.Rel(path, route.History(lang, s.latestSlug(lang, c))),
		PermanentHref: route.Rel(path, route.Permanent(lang, e, c.URLSlug(lang))),
		SuggestHref:   suggestHref(s.Handbook().Settings.Feedback, s.FM(ct).Title, c.Slug, e.ID, s.Abs(route.Stable(lang, c.URLSlug(lang))), L),
	}
	if s.BaseURL() != "" && s.Lineage().HasFeed(c) {
		v.FeedHref = route.Rel(path, route.ChapterFeed(lang, s.latestSlug(lang, c)))
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
			to := route.Permanent(lang, e, y.URLSlug(lang))
			if stable {
				to = route.Stable(lang, y.URLSlug(lang))
			}
			return &link{Text: s.FM(y.Texts[lang]).Title, Href: route.Rel(path, to)}
		}
		if i > 0 {
			v.Prev = href(e.Chapters[i-1])
		}
		if i+1 < len(e.Chapters) {
			v.Next = href(e.Chapters[i+1])
		}
	}
	if old := s.Lineage().Pred(c); old != nil {
		// The redline when the text changed, else the history entry that
		// says since when it is the same.
		to, _ := s.Lineage().ChangesPage(lang, c)
		v.RedlineHref = route.Rel(path, to)
		if lang != s.Handbook().Settings.Reference() {
			v.Drift = s.drift(lang, path, c, old, stable)
		}
	}
	v.Read = s.readView(lang, path, c)
	return s.finish("chapter", d, []body{{doc, s.Resolver(path, e, stable)}}, func(_ int, html template.HTML, key string) {
		v.Body, v.bodyKey = html, key
		d.Main = v
	})
}

// currentWordingOf returns the stable URL that now holds chapter c's rule,
// following renames, or "" when the chapter was removed.
func (s *Renderer) currentWordingOf(lang string, c *content.Chapter) string {
	for _, x := range s.Lineage().Chain(c) {
		if x.Edition == s.Handbook().Current {
			return route.Stable(lang, x.URLSlug(lang))
		}
	}
	return ""
}

// latestSlug is the slug of the chapter's newest released wording: its
// history and feed live there.
func (s *Renderer) latestSlug(lang string, c *content.Chapter) string {
	return s.Lineage().HistorySlug(lang, c)
}

// drift reports a translation that an edition left behind its reference
// text (or the reverse).
func (s *Renderer) drift(lang, page string, c, old *content.Chapter, stable bool) *drift {
	ref := s.Handbook().Settings.Reference()
	ch := history.Change{New: c, Old: old}
	if ch.TextChanged(ref) == ch.TextChanged(lang) {
		return nil
	}
	e := c.Edition
	to := route.Permanent(ref, e, c.URLSlug(ref))
	if stable {
		to = route.Stable(ref, c.URLSlug(ref))
	}
	refChanges, _ := s.Lineage().ChangesPage(ref, c)
	return &drift{
		Edition:      e.ID,
		ReferenceRef: route.Rel(page, to),
		RedlineHref:  route.Rel(page, refChanges),
		RefLangName:  langName(ref),
		RefLang:      ref,
	}
}

// RenderGone renders the stable URL of a chapter the current edition no longer has: a redirect to its new name, or a page saying it was removed.
func (s *Renderer) RenderGone(path, lang string, last *content.Chapter) ([]byte, error) {
	L := s.T(lang)
	if now := s.currentWordingOf(lang, last); now != "" {
		title := ""
		for _, x := range s.Lineage().Chain(last) {
			if x.Edition == s.Handbook().Current {
				title = s.FM(x.Texts[lang]).Title
			}
		}
		return s.execute("redirect", &pageData{Lang: lang, L: L, Title: L.Tf("chapter_renamed", title), Main: redirect{route.Rel(path, now), s.Abs(now), L.T("go_to_new_page")}})
	}
	ct := last.Texts[lang]
	d := s.base(path, "removed", lang, s.FM(ct).Title, nil)
	d.NoIndex = true
	d.Banner = &banner{Kind: "removed", Text: L.Tf("chapter_removed", s.removedInID(last))}
	d.Main = struct {
		Title, LastHref, LastEdition, HistoryHref, ChangesHref string
	}{
		s.FM(ct).Title, route.Rel(path, route.Permanent(lang, last.Edition, last.URLSlug(lang))), last.Edition.ID,
		route.Rel(path, route.History(lang, last.URLSlug(lang))), s.removedIn(lang, path, last),
	}
	return s.execute("removed", d)
}

// removedIn links the changes page of the edition that removed c.
func (s *Renderer) removedIn(lang, page string, c *content.Chapter) string {
	if e := s.removedInEdition(c); e != nil {
		return route.Rel(page, route.EditionChanges(lang, e))
	}
	return ""
}

func (s *Renderer) removedInID(c *content.Chapter) string {
	if e := s.removedInEdition(c); e != nil {
		return e.ID
	}
	return ""
}

// removedInEdition returns the edition that removed the chapter chain c
// belongs to, or nil.
func (s *Renderer) removedInEdition(c *content.Chapter) *content.Edition {
	ch := s.Lineage().Chain(c)
	last := ch[len(ch)-1]
	for _, e := range s.Published() {
		for _, x := range s.Lineage().Changes(e) {
			if x.Kind == history.Removed && x.Old == last {
				return e
			}
		}
	}
	return nil
}

// RenderRootRedirect renders the site root, which sends readers to the reference language.
func (s *Renderer) RenderRootRedirect(path string) ([]byte, error) {
	ref := s.Handbook().Settings.Reference()
	target := s.rootedPath() + route.LangHome(ref)
	return s.execute("redirect", &pageData{Lang: ref, L: s.T(ref), Title: s.SiteTitle(ref), Main: redirect{target, s.Abs(route.LangHome(ref)), s.SiteTitle(ref)}})
}

// RenderRedirect renders a page at path that sends the reader to the page
// at target: a URL an earlier build published is kept that way when its
// page moved (see site.Keep).
func (s *Renderer) RenderRedirect(path, lang, target string) ([]byte, error) {
	L := s.T(lang)
	return s.execute("redirect", &pageData{Lang: lang, L: L, Title: L.T("page_moved"), Main: redirect{route.Rel(path, target), s.Abs(target), L.T("go_to_new_page")}})
}

// redirect is the data of a page that only sends the reader elsewhere:
// the target relative to the page, its absolute URL, the link's text.
type redirect struct{ Target, Abs, Text string }

// rootedPath is base_url's path ("/handbook/"): the 404 page and the root
// redirect are served from any depth, so only they use root-based links.
func (s *Renderer) rootedPath() string {
	if s.BaseURL() == "" {
		return "/"
	}
	i := strings.Index(s.BaseURL(), "://")
	if i < 0 {
		return "/"
	}
	rest := s.BaseURL()[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "/"
	}
	return rest[j:]
}

// RenderNotFound renders the 404 page, served from any depth.
func (s *Renderer) RenderNotFound(path string) ([]byte, error) {
	ref := s.Handbook().Settings.Reference()
	root := s.rootedPath()
	d := s.base(path, "notfound", ref, s.T(ref).T("not_found_title"), nil)
	d.Root = root
	d.CSS = root + s.assetBase + "css/site.css"
	d.JS = root + s.assetBase + "js/main.js"
	d.Nav = nav{Home: root + ref + "/", Contents: root + ref + "/#contents", Editions: root + ref + "/editions/", Search: root + ref + "/search/", Subscribe: root + ref + "/subscribe/", Print: root + ref + "/print/", Tags: root + ref + "/tags/"}
	// The language switch leads to each other language's home: a missing
	// page has no translation.
	d.Alternates = nil
	for _, l := range s.Langs() {
		d.Alternates = append(d.Alternates, alternate{Lang: l, Name: langName(l), Href: root + l + "/"})
	}
	d.Canonical = ""
	d.NoIndex = true
	if d.Feed != "" {
		d.Feed, d.Atom, d.JSONFeed = root+ref+"/feed.xml", root+ref+"/atom.xml", root+ref+"/feed.json"
	}
	type langLinks struct {
		Lang, Name, Home, Search, Message, Title, SearchLabel, SearchButton, Contents string
	}
	var links []langLinks
	for _, l := range s.Langs() {
		L := s.T(l)
		links = append(links, langLinks{Lang: l, Name: langName(l), Home: root + l + "/", Search: root + l + "/search/", Title: L.T("not_found_title"), Message: L.T("not_found_text"), SearchLabel: L.T("search_label"), SearchButton: L.T("search_submit"), Contents: L.T("contents")})
	}
	d.Main = links
	return s.execute("notfound", d)
}

// RenderEditions renders the list of editions, newest first.
func (s *Renderer) RenderEditions(path, lang string) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "editions", lang, L.T("editions"), nil)
	var list []*editionView
	for i := len(s.Published()) - 1; i >= 0; i-- {
		list = append(list, s.editionView(lang, path, s.Published()[i]))
	}
	d.Main = list
	d.Timeline = timeline.SVG(s.timelineEditions(lang, s.Published(), nil), timeline.Options{Words: s.timelineWords(lang, "timeline_title")})
	return s.execute("editions", d)
}

// RenderSearch renders the search page.
func (s *Renderer) RenderSearch(path, lang string) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "search", lang, L.T("search"), s.Handbook().Current)
	type opt struct {
		Value, Label string
		Selected     bool
	}
	var opts []opt
	for i := len(s.Published()) - 1; i >= 0; i-- {
		e := s.Published()[i]
		label := L.Tf("edition", e.ID)
		switch {
		case e == s.Handbook().Current:
			label += " — " + L.T("current_edition")
		case e.Draft: // serve and build -drafts list it; say what it is
			label += " — " + L.T("draft")
		case e.Status == content.Upcoming:
			label += " — " + L.T("status_upcoming")
		}
		opts = append(opts, opt{Value: e.ID, Label: label, Selected: e == s.Handbook().Current})
	}
	opts = append(opts, opt{Value: "all", Label: L.T("search_all_editions")})
	d.Main = opts
	d.SearchPrefetch = s.searchPrefetch
	return s.execute("search", d)
}

type printChapter struct {
	Slug, Title string
	Meta        metaView
	Body        template.HTML
	// bodyKey stands for Body in the view hash when Body is a mark (see
	// assemble.go).
	bodyKey string
}

// RenderPrint renders every chapter of edition e on one page, for print.
// The page comes out finished, as RenderChapter's does.
func (s *Renderer) RenderPrint(path, lang string, e *content.Edition) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "print", lang, s.SiteTitle(lang)+" — "+L.Tf("edition", e.ID), e)
	if path != lang+"/print/" {
		d.NoIndex = true
		d.Canonical = s.Abs(lang + "/print/")
		d.Banner = s.editionBanner(lang, path, e, lang+"/print/")
	}
	chs := make([]printChapter, 0, len(e.Chapters))
	bs := make([]body, 0, len(e.Chapters))
	for _, c := range e.Chapters {
		ct := c.Texts[lang]
		chs = append(chs, printChapter{Slug: c.Slug, Title: s.FM(ct).Title, Meta: s.metaView(lang, path, c, false)})
		bs = append(bs, body{s.PrintDoc(c, lang), s.PrintResolver(path, e, c.Slug)})
	}
	d.Main = struct {
		Chapters []printChapter
		Items    []chapterItem
	}{chs, s.printItems(lang, e)}
	return s.finish("print", d, bs, func(i int, html template.HTML, key string) {
		chs[i].Body, chs[i].bodyKey = html, key
	})
}

func (s *Renderer) printItems(lang string, e *content.Edition) []chapterItem {
	var out []chapterItem
	for _, c := range e.Chapters {
		out = append(out, chapterItem{Number: c.Number, Slug: c.Slug, Title: s.FM(c.Texts[lang]).Title, Href: "#" + c.Slug})
	}
	return out
}

// ReadImage returns the bytes of image name of edition e.
func (s *Renderer) ReadImage(e *content.Edition, name string) ([]byte, error) {
	b, err := fs.ReadFile(s.Source(), e.Dir+"/images/"+name)
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	return b, nil
}

// timelineEditions are the marks of the timeline for eds (in edition
// order); bars, when not nil, gives per edition the words added and
// removed in a chapter and what to say instead of counts.
func (s *Renderer) timelineEditions(lang string, eds []*content.Edition, bars map[*content.Edition]timeline.Edition) []timeline.Edition {
	L := s.T(lang)
	out := make([]timeline.Edition, 0, len(eds))
	for _, e := range eds {
		te := timeline.Edition{ID: e.ID, Date: e.Date, Label: L.Date(e.Date), Status: timelineStatus(e.Status)}
		if b, ok := bars[e]; ok {
			te.Added, te.Removed, te.Note = b.Added, b.Removed, b.Note
		}
		out = append(out, te)
	}
	return out
}

func timelineStatus(st content.Status) timeline.Status {
	switch st {
	case content.CurrentStatus:
		return timeline.Current
	case content.Upcoming:
		return timeline.Upcoming
	case content.Draft:
		return timeline.Draft
	}
	return timeline.Past
}

// timelineWords are the timeline's words in lang, with the title of key.
func (s *Renderer) timelineWords(lang, titleKey string) timeline.Words {
	L := s.T(lang)
	return timeline.Words{
		Title:    L.T(titleKey),
		Current:  L.T("timeline_current"),
		Upcoming: L.T("timeline_upcoming"),
		Draft:    L.T("draft"),
		Added:    func(n int) string { return L.Plural("words_added", n) },
		Removed:  func(n int) string { return L.Plural("words_removed", n) },
		Edition:  func(id string) string { return L.Tf("edition", id) },
	}
}
