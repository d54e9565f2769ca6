package site

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diff"
	"example.com/handbook/build/feed"
	"example.com/handbook/build/markdown"
)

// feedEditions returns the editions feeds speak of: released ones, already
// announced on the build's today. Drafts never reach a feed, with or
// without -drafts.
func (s *Site) feedEditions() []*content.Edition {
	var out []*content.Edition
	for _, e := range s.h.Editions {
		if e.Status == content.Draft || e.Announced.After(s.h.Today) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// feedVisible reports whether a feed may speak of chapter c: released
// edition, chapter not a draft. Feeds are the same with or without -drafts.
func feedVisible(c *content.Chapter) bool {
	return c != nil && c.Edition.Status != content.Draft && !c.Draft
}

// feedChange returns ch as a build without drafts sees it: a draft
// chapter is absent, so its first published wording is "added" and its
// draft successor leaves it "removed".
func feedChange(ch change) (change, bool) {
	oldOK, newOK := feedVisible(ch.Old), feedVisible(ch.New)
	switch {
	case oldOK && newOK:
		return ch, true
	case newOK:
		return change{Kind: added, New: ch.New}, true
	case oldOK:
		return change{Kind: removed, Old: ch.Old}, true
	}
	return ch, false
}

// hasFeed reports whether the chapter c belongs to has a feed: some
// wording of it is feed-visible.
func (s *Site) hasFeed(c *content.Chapter) bool { return s.feedLast(c) != nil }

// feedLast returns the newest feed-visible wording of c's chapter, or nil.
func (s *Site) feedLast(c *content.Chapter) *content.Chapter {
	ch := s.lineage.chain(c)
	for i := len(ch) - 1; i >= 0; i-- {
		if feedVisible(ch[i]) {
			return ch[i]
		}
	}
	return nil
}

// absolutize rewrites the relative href and src attributes of an HTML
// fragment against base: RSS has no base URL, so feed content must carry
// absolute links.
func absolutize(fragment []byte, base string) []byte {
	b, err := url.Parse(base)
	if err != nil || base == "" {
		return fragment
	}
	z := xhtml.NewTokenizer(bytes.NewReader(fragment))
	var out bytes.Buffer
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out.Bytes()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			for i, a := range tok.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if u, err := url.Parse(a.Val); err == nil && !u.IsAbs() {
					tok.Attr[i].Val = b.ResolveReference(u).String()
				}
			}
			out.WriteString(tok.String())
		default:
			out.Write(z.Raw())
		}
	}
}

func (s *Site) handbookID() string { return feed.HandbookID(s.h.Settings.ID, s.baseURL) }

// absolute fills a Doc's slots with absolute URLs, for feed content that
// is read outside the site.
func (s *Site) absolute(e *content.Edition) func(r markdown.Ref) string {
	res := s.resolver("", e, false)
	return func(r markdown.Ref) string {
		u := res(r)
		if strings.HasPrefix(u, "#") || strings.Contains(u, ":") {
			return u
		}
		return s.abs(u)
	}
}

func (s *Site) editionEntry(lang string, e *content.Edition) feed.Entry {
	L := s.t(lang)
	title := L.Tf("edition", e.ID)
	if et := e.Texts[lang]; et != nil && et.Title != "" && et.Title != title {
		title += " — " + et.Title
	}
	var notes string
	if et := e.Texts[lang]; et != nil && s.notes[et] != nil {
		notes = string(s.notes[et].HTML(s.absolute(e)))
	}
	inForce := L.Tf("in_force_from", L.Date(e.Date))
	return feed.Entry{
		ID:          feed.EntryID(s.handbookID(), e.ID, lang, ""),
		Title:       title,
		Link:        s.abs(editionChangesURL(lang, e)),
		Published:   e.Announced,
		Summary:     inForce,
		ContentHTML: "<p>" + html.EscapeString(inForce) + "</p>" + notes,
		Categories:  []string{L.T("editions")},
	}
}

// chapterEntry describes what edition e did to one chapter.
func (s *Site) chapterEntry(lang string, e *content.Edition, ch change) (feed.Entry, bool) {
	L := s.t(lang)
	ch, ok := feedChange(ch)
	if !ok {
		return feed.Entry{}, false
	}
	var (
		c       = ch.New
		kindKey string
		link    string
		note    string
		title   string
		slug    string
	)
	switch ch.Kind {
	case unchanged:
		return feed.Entry{}, false
	case added:
		kindKey, link = "added", s.abs(permanentURL(lang, e, c.Slug))
	case changed:
		kindKey, link = "changed", s.abs(redlineURL(lang, e, c.Slug))
	case renamed:
		kindKey, link = "renamed", s.abs(redlineURL(lang, e, c.Slug))
	case removed:
		kindKey, link = "removed", s.abs(editionChangesURL(lang, e))
	}
	if c != nil {
		title, note, slug = s.fm(c.Texts[lang]).Title, s.fm(c.Texts[lang]).Change, c.Slug
	} else {
		title, slug = s.fm(ch.Old.Texts[lang]).Title, ch.Old.Slug
	}
	var body bytes.Buffer
	fmt.Fprintf(&body, "<p><strong>%s</strong> — %s</p>", html.EscapeString(L.T(kindKey)), html.EscapeString(L.Tf("edition", e.ID)))
	if note != "" {
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(note))
	}
	summary := note
	if ref := s.h.Settings.Reference(); ch.Old != nil && c != nil && lang != ref && ch.textChanged(ref) && !ch.textChanged(lang) {
		// The reference text changed and this translation did not yet: say
		// so, as the translated page does, rather than let the entry read
		// as if this text had changed.
		drift := L.Tf("translation_drift", e.ID)
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(drift))
		if summary == "" {
			summary = drift
		}
	}
	if ch.Old != nil && c != nil && ch.textChanged(lang) {
		r := s.redline(lang, c, ch.Old)
		stats := L.Plural("words_added", r.Added) + ", " + L.Plural("words_removed", r.Removed)
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(stats))
		if ex := diff.Excerpt(r.HTML, 60); len(ex) > 0 {
			body.Write(absolutize(ex, s.abs(redlineURL(lang, e, c.Slug))))
		}
		if summary == "" {
			summary = stats
		}
	}
	if summary == "" {
		summary = L.T(kindKey)
	}
	return feed.Entry{
		ID:          feed.EntryID(s.handbookID(), e.ID, lang, slug),
		Title:       title + " — " + L.T(kindKey) + " (" + L.Tf("edition", e.ID) + ")",
		Link:        link,
		Published:   e.Announced,
		Summary:     summary,
		ContentHTML: body.String(),
	}, true
}

func (s *Site) newFeed(lang, title, page, self, slug string) *feed.Feed {
	L := s.t(lang)
	return &feed.Feed{
		Title:    title,
		Subtitle: L.T("feed_subtitle"),
		Lang:     lang,
		Link:     s.abs(page),
		Self:     s.abs(self),
		ID:       feed.FeedID(s.handbookID(), lang, slug),
		Updated:  s.h.Today,
	}
}

func (s *Site) writeFeed(f *feed.Feed, atom bool) ([]byte, error) {
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Published
		for _, e := range f.Entries {
			if e.Published.After(f.Updated) {
				f.Updated = e.Published
			}
		}
	}
	var buf bytes.Buffer
	var err error
	if atom {
		err = feed.WriteAtom(&buf, f)
	} else {
		err = feed.WriteRSS(&buf, f)
	}
	return buf.Bytes(), err
}

func (s *Site) renderSiteFeed(lang string, atom bool) ([]byte, error) {
	self := lang + "/feed.xml"
	if atom {
		self = lang + "/atom.xml"
	}
	f := s.newFeed(lang, s.siteTitle(lang), langHome(lang), self, "")
	eds := s.feedEditions()
	for i := len(eds) - 1; i >= 0; i-- {
		e := eds[i]
		f.Entries = append(f.Entries, s.editionEntry(lang, e))
		for _, ch := range s.lineage.changes[e] {
			if en, ok := s.chapterEntry(lang, e, ch); ok {
				f.Entries = append(f.Entries, en)
			}
		}
	}
	return s.writeFeed(f, atom)
}

func (s *Site) renderChapterFeed(lang, slug string, last *content.Chapter) ([]byte, error) {
	if fl := s.feedLast(last); fl != nil {
		last = fl
	}
	title := s.fm(last.Texts[lang]).Title
	f := s.newFeed(lang, s.siteTitle(lang)+" — "+title, historyURL(lang, slug), chapterFeedURL(lang, slug), slug)
	chain := s.lineage.chain(last)
	inChain := map[*content.Chapter]bool{}
	for _, c := range chain {
		inChain[c] = true
	}
	eds := s.feedEditions()
	for i := len(eds) - 1; i >= 0; i-- {
		e := eds[i]
		for _, ch := range s.lineage.changes[e] {
			if (ch.New != nil && inChain[ch.New]) || (ch.New == nil && inChain[ch.Old]) {
				if en, ok := s.chapterEntry(lang, e, ch); ok {
					f.Entries = append(f.Entries, en)
				}
			}
		}
	}
	return s.writeFeed(f, false)
}
