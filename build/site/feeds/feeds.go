// Package feeds writes the feeds of the site: RSS, Atom and JSON Feed of
// the whole handbook per language (the same entries and ids in each), and
// one RSS feed per chapter, each entry saying what an edition did, with the
// words added and removed.
package feeds

import (
	xhtml "golang.org/x/net/html"

	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diff"
	"example.com/handbook/build/feed"
	"example.com/handbook/build/markdown"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/prep"
	"example.com/handbook/build/site/route"
)

// Site returns the feed of the whole handbook in lang: RSS, or Atom when
// atom is set.
func Site(p *prep.Site, lang string, atom bool) ([]byte, error) {
	return (&writer{p}).site(lang, atom)
}

// SiteJSON returns the JSON Feed of the whole handbook in lang: the
// entries of Site, with their _handbook fields.
func SiteJSON(p *prep.Site, lang string) ([]byte, error) {
	w := &writer{p}
	f := w.siteFeed(lang, lang+"/feed.json")
	var buf bytes.Buffer
	err := feed.WriteJSON(&buf, f)
	return buf.Bytes(), err
}

// Chapter returns the RSS feed of the chapter whose latest wording is last,
// published under slug.
func Chapter(p *prep.Site, lang, slug string, last *content.Chapter) ([]byte, error) {
	return (&writer{p}).chapter(lang, slug, last)
}

// writer writes the feeds of a prepared site.
type writer struct{ *prep.Site }

// feedEditions returns the editions feeds speak of: released ones, already
// announced on the build's today. Drafts never reach a feed, with or
// without -drafts.
func (s *writer) feedEditions() []*content.Edition {
	var out []*content.Edition
	for _, e := range s.Handbook().Editions {
		if e.Status == content.Draft || e.Announced.After(s.Handbook().Today) {
			continue
		}
		out = append(out, e)
	}
	return out
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

func (s *writer) handbookID() string { return feed.HandbookID(s.Handbook().Settings.ID, s.BaseURL()) }

// absolute fills a Doc's slots with absolute URLs, for feed content that
// is read outside the site.
func (s *writer) absolute(e *content.Edition) func(r markdown.Ref) string {
	res := s.Resolver("", e, false)
	return func(r markdown.Ref) string {
		u := res(r)
		if strings.HasPrefix(u, "#") || strings.Contains(u, ":") {
			return u
		}
		return s.Abs(u)
	}
}

func (s *writer) editionEntry(lang string, e *content.Edition) feed.Entry {
	L := s.T(lang)
	title := L.Tf("edition", e.ID)
	if et := e.Texts[lang]; et != nil && et.Title != "" && et.Title != title {
		title += " — " + et.Title
	}
	var notes string
	if et := e.Texts[lang]; et != nil && s.Notes(et) != nil {
		notes = string(s.Notes(et).HTML(s.absolute(e)))
	}
	inForce := L.Tf("in_force_from", L.Date(e.Date))
	return feed.Entry{
		ID:          feed.EntryID(s.handbookID(), e.ID, lang, ""),
		Title:       title,
		Link:        s.Abs(route.EditionChanges(lang, e)),
		Published:   e.Announced,
		Summary:     inForce,
		ContentHTML: "<p>" + html.EscapeString(inForce) + "</p>" + notes,
		Categories:  []string{L.T("editions")},
		Handbook:    &feed.Extension{Edition: e.ID, Kind: "edition", Effective: e.Date},
	}
}

// chapterEntry describes what edition e did to one chapter.
func (s *writer) chapterEntry(lang string, e *content.Edition, ch history.Change) (feed.Entry, bool) {
	L := s.T(lang)
	ch, ok := history.FeedChange(ch)
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
	case history.Unchanged:
		return feed.Entry{}, false
	case history.Added:
		kindKey, link = "added", s.Abs(route.Permanent(lang, e, c.URLSlug(lang)))
	case history.Changed, history.Renamed:
		// The redline, or the history entry of a text that did not change
		// in this language.
		kindKey = "changed"
		if ch.Kind == history.Renamed {
			kindKey = "renamed"
		}
		to, _ := s.Lineage().ChangesPage(lang, c)
		link = s.Abs(to)
	case history.Removed:
		kindKey, link = "removed", s.Abs(route.EditionChanges(lang, e))
	}
	if c != nil {
		title, note, slug = s.FM(c.Texts[lang]).Title, s.FM(c.Texts[lang]).Change, c.Slug
	} else {
		title, slug = s.FM(ch.Old.Texts[lang]).Title, ch.Old.Slug
	}
	var body bytes.Buffer
	fmt.Fprintf(&body, "<p><strong>%s</strong> — %s</p>", html.EscapeString(L.T(kindKey)), html.EscapeString(L.Tf("edition", e.ID)))
	if note != "" {
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(note))
	}
	summary := note
	var effective time.Time
	if c != nil {
		// When the wording takes effect: a reader of a "modified" entry
		// needs it more than the day it was announced.
		effective = s.Effective(c, lang)
		inForce := L.Tf("in_force_from", L.Date(effective))
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(inForce))
		if ch.Kind == history.Added {
			// A new chapter: say what it is about.
			if sum := s.FM(c.Texts[lang]).Summary; sum != "" {
				fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(sum))
				summary = sum // what the chapter is about says more than "new chapter"
			}
		}
	}
	if ref := s.Handbook().Settings.Reference(); ch.Old != nil && c != nil && lang != ref && ch.TextChanged(ref) && !ch.TextChanged(lang) {
		// The reference text changed and this translation did not yet: say
		// so, as the translated page does, rather than let the entry read
		// as if this text had changed.
		drift := L.Tf("translation_drift", e.ID)
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(drift))
		if summary == "" {
			summary = drift
		}
	}
	if ch.Old != nil && c != nil && ch.TextChanged(lang) {
		r := s.Redline(lang, c, ch.Old)
		stats := L.Plural("words_added", r.Added) + ", " + L.Plural("words_removed", r.Removed)
		fmt.Fprintf(&body, "<p>%s</p>", html.EscapeString(stats))
		if ex := diff.Excerpt(r.HTML, 60); len(ex) > 0 {
			body.Write(absolutize(ex, s.Abs(route.Redline(lang, e, c.URLSlug(lang)))))
		}
		if summary == "" {
			summary = stats
		}
	}
	if summary == "" {
		summary = L.T(kindKey)
	}
	if c != nil && ch.Kind != history.Added {
		summary += " — " + L.Tf("in_force_from", L.Date(effective))
	}
	return feed.Entry{
		ID:          feed.EntryID(s.handbookID(), e.ID, lang, slug),
		Title:       title + " — " + L.T(kindKey) + " (" + L.Tf("edition", e.ID) + ")",
		Link:        link,
		Published:   e.Announced,
		Summary:     summary,
		ContentHTML: body.String(),
		Handbook:    &feed.Extension{Edition: e.ID, Chapter: slug, Kind: kindKey, Effective: effective, Change: note},
	}, true
}

func (s *writer) newFeed(lang, title, page, self, slug string) *feed.Feed {
	L := s.T(lang)
	return &feed.Feed{
		Title:    title,
		Subtitle: L.T("feed_subtitle"),
		Lang:     lang,
		Link:     s.Abs(page),
		Self:     s.Abs(self),
		ID:       feed.FeedID(s.handbookID(), lang, slug),
		Updated:  s.Handbook().Today,
	}
}

// setUpdated dates the feed by its newest entry (today's date stays when
// there is none).
func (s *writer) setUpdated(f *feed.Feed) {
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Published
		for _, e := range f.Entries {
			if e.Published.After(f.Updated) {
				f.Updated = e.Published
			}
		}
	}
}

func (s *writer) writeFeed(f *feed.Feed, atom bool) ([]byte, error) {
	s.setUpdated(f)
	var buf bytes.Buffer
	var err error
	if atom {
		err = feed.WriteAtom(&buf, f)
	} else {
		err = feed.WriteRSS(&buf, f)
	}
	return buf.Bytes(), err
}

func (s *writer) site(lang string, atom bool) ([]byte, error) {
	self := lang + "/feed.xml"
	if atom {
		self = lang + "/atom.xml"
	}
	return s.writeFeed(s.siteFeed(lang, self), atom)
}

// siteFeed gathers the entries of the handbook's feed in lang, whose own
// URL is self: each released edition and what it did to each chapter.
func (s *writer) siteFeed(lang, self string) *feed.Feed {
	f := s.newFeed(lang, s.SiteTitle(lang), route.LangHome(lang), self, "")
	eds := s.feedEditions()
	for i := len(eds) - 1; i >= 0; i-- {
		e := eds[i]
		f.Entries = append(f.Entries, s.editionEntry(lang, e))
		for _, ch := range s.Lineage().Changes(e) {
			if en, ok := s.chapterEntry(lang, e, ch); ok {
				f.Entries = append(f.Entries, en)
			}
		}
	}
	s.setUpdated(f)
	return f
}

func (s *writer) chapter(lang, slug string, last *content.Chapter) ([]byte, error) {
	if fl := s.Lineage().FeedLast(last); fl != nil {
		last = fl
	}
	title := s.FM(last.Texts[lang]).Title
	f := s.newFeed(lang, s.SiteTitle(lang)+" — "+title, route.History(lang, slug), route.ChapterFeed(lang, slug), slug)
	chain := s.Lineage().Chain(last)
	inChain := map[*content.Chapter]bool{}
	for _, c := range chain {
		inChain[c] = true
	}
	eds := s.feedEditions()
	for i := len(eds) - 1; i >= 0; i-- {
		e := eds[i]
		for _, ch := range s.Lineage().Changes(e) {
			if (ch.New != nil && inChain[ch.New]) || (ch.New == nil && inChain[ch.Old]) {
				if en, ok := s.chapterEntry(lang, e, ch); ok {
					f.Entries = append(f.Entries, en)
				}
			}
		}
	}
	return s.writeFeed(f, false)
}
