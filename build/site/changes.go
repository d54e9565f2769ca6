package site

import (
	"bytes"
	"encoding/binary"
	"html/template"
	"strings"
	"sync"
	"time"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diff"
	"example.com/handbook/build/markdown"
)

type redlineKey struct {
	lang string
	c    *content.Chapter
}

type redlineOnce struct {
	once sync.Once
	res  diff.Result
}

// redline compares a chapter with its previous wording, once per chapter
// and language whatever the number of pages that show it. Both texts are
// resolved as if they sat on the new edition's redline page, so that a link
// that did not change does not show as changed.
func (s *Site) redline(lang string, c, old *content.Chapter) diff.Result {
	v, _ := s.redlines.LoadOrStore(redlineKey{lang, c}, &redlineOnce{})
	r := v.(*redlineOnce)
	r.once.Do(func() {
		page := redlineURL(lang, c.Edition, c.Slug)
		resolve := s.resolver(page, c.Edition, false)
		oldResolve := func(ref markdown.Ref) string {
			switch ref.Kind {
			case markdown.ImageRef:
				if !hasImage(c.Edition, ref.File) {
					return s.resolver(page, old.Edition, false)(ref)
				}
			case markdown.ChapterLink:
				// A link to a chapter renamed since reads as a link to its
				// new address; one to a chapter removed since keeps its
				// old target.
				target := old.Edition.Chapter(ref.Slug)
				if target == nil {
					break
				}
				if next := s.lineage.succ[target]; next != nil && next.Edition == c.Edition {
					ref.Slug = next.Slug
				} else {
					return s.resolver(page, old.Edition, false)(ref)
				}
			}
			return resolve(ref)
		}
		oldHTML := s.docs[old.Texts[lang]].HTML(oldResolve)
		newHTML := s.docs[c.Texts[lang]].HTML(resolve)
		if bytes.Equal(oldHTML, newHTML) {
			// Most chapters do not change between editions: no diff to
			// run, and no copy of the text to keep (renderRedline
			// renders it).
			r.res = diff.Result{Equal: true}
			return
		}
		// A redline of the same two texts is read from the build cache.
		key := cache.NewKey([]byte("redline"), []byte(lang), oldHTML, newHTML)
		r.res = cached(s.opts.Cache, key, func() diff.Result {
			return diff.Redline(oldHTML, newHTML, diff.Options{Lang: lang})
		}, encodeRedline, decodeRedline)
	})
	return r.res
}

// encodeRedline and decodeRedline keep a redline in the build cache.
func encodeRedline(r diff.Result) []byte {
	b := binary.AppendUvarint(nil, uint64(r.Added))
	b = binary.AppendUvarint(b, uint64(r.Removed))
	if r.Equal {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	return append(b, r.HTML...)
}

func decodeRedline(b []byte) (diff.Result, bool) {
	added, n := binary.Uvarint(b)
	if n <= 0 {
		return diff.Result{}, false
	}
	b = b[n:]
	removed, n := binary.Uvarint(b)
	if n <= 0 || len(b) < n+1 || b[n] > 1 {
		return diff.Result{}, false
	}
	return diff.Result{Added: int(added), Removed: int(removed), Equal: b[n] == 1, HTML: b[n+1:]}, true
}

func hasImage(e *content.Edition, file string) bool {
	name := strings.TrimPrefix(file, "images/")
	for _, im := range e.Images {
		if im == name {
			return true
		}
	}
	return false
}

// changeRow is one line of an edition's "what changed" list.
type changeRow struct {
	Kind           string // added, changed, renamed, removed
	Title, OldSlug string
	Note           string
	Href           string // the chapter in this edition (or its last wording)
	RedlineHref    string
	Added, Removed int
	Stats          bool
}

func (s *Site) changeRows(lang, page string, e *content.Edition) []changeRow {
	var rows []changeRow
	for _, ch := range s.lineage.changes[e] {
		row := changeRow{}
		switch ch.Kind {
		case unchanged:
			continue
		case added:
			row.Kind = "added"
		case changed:
			row.Kind = "changed"
		case renamed:
			row.Kind = "renamed"
			row.OldSlug = ch.Old.Slug
		case removed:
			row.Kind = "removed"
		}
		if ch.New != nil {
			ct := ch.New.Texts[lang]
			row.Title, row.Note = s.fm(ct).Title, s.fm(ct).Change
			row.Href = rel(page, permanentURL(lang, e, ch.New.Slug))
			if ch.Old != nil {
				row.RedlineHref = rel(page, redlineURL(lang, e, ch.New.Slug))
				if ch.textChanged(lang) {
					r := s.redline(lang, ch.New, ch.Old)
					row.Added, row.Removed, row.Stats = r.Added, r.Removed, true
				}
			}
		} else {
			ct := ch.Old.Texts[lang]
			row.Title = s.fm(ct).Title
			row.Href = rel(page, permanentURL(lang, ch.Old.Edition, ch.Old.Slug))
		}
		rows = append(rows, row)
	}
	return rows
}

func (s *Site) renderChanges(p *Page, lang string, e *content.Edition) ([]byte, error) {
	L := s.t(lang)
	d := s.base(p, "changes", lang, L.T("what_changed")+" — "+L.Tf("edition", e.ID), e)
	d.NoIndex = e != s.h.Current
	d.Banner = s.editionBanner(lang, p.Path, e, "")
	prev := s.lineage.prev[e]
	var prevView *editionView
	if prev != nil {
		prevView = s.editionView(lang, p.Path, prev)
	}
	var unchangedItems []chapterItem
	for _, ch := range s.lineage.changes[e] {
		if ch.Kind == unchanged {
			ct := ch.New.Texts[lang]
			unchangedItems = append(unchangedItems, chapterItem{Slug: ch.New.Slug, Title: s.fm(ct).Title, Href: rel(p.Path, permanentURL(lang, e, ch.New.Slug))})
		}
	}
	d.Main = struct {
		Previous  *editionView
		Rows      []changeRow
		Unchanged []chapterItem
	}{prevView, s.changeRows(lang, p.Path, e), unchangedItems}
	return s.execute("changes", d)
}

type metaChange struct {
	Label, Old, New string
}

func (s *Site) metaChanges(lang string, c, old *content.Chapter) []metaChange {
	L := s.t(lang)
	o, n := old.Texts[lang], c.Texts[lang]
	var out []metaChange
	add := func(key, a, b string) {
		if a != b {
			out = append(out, metaChange{Label: L.T(key), Old: a, New: b})
		}
	}
	fmtDate := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return L.Date(t)
	}
	add("title", s.fm(o).Title, s.fm(n).Title)
	add("summary", s.fm(o).Summary, s.fm(n).Summary)
	add("owner", o.Meta.Owner, n.Meta.Owner)
	add("approved_by", s.fm(o).ApprovedBy, s.fm(n).ApprovedBy)
	add("effective", fmtDate(s.effective(old, lang)), fmtDate(s.effective(c, lang)))
	add("review_by", fmtDate(o.Meta.ReviewBy), fmtDate(n.Meta.ReviewBy))
	add("audience", strings.Join(s.fm(o).Audience, ", "), strings.Join(s.fm(n).Audience, ", "))
	add("tags", strings.Join(o.Meta.Tags, ", "), strings.Join(n.Meta.Tags, ", "))
	if old.Slug != c.Slug {
		add("slug", old.Slug, c.Slug)
	}
	return out
}

func (s *Site) renderRedline(p *Page, lang string, c, old *content.Chapter) ([]byte, error) {
	L := s.t(lang)
	e := c.Edition
	ct := c.Texts[lang]
	d := s.base(p, "redline", lang, s.fm(ct).Title+" — "+L.T("changes"), e)
	d.NoIndex = true
	d.Canonical = s.abs(p.Path)
	d.Banner = s.editionBanner(lang, p.Path, e, "")
	r := s.redline(lang, c, old)
	if r.Equal && r.HTML == nil {
		r.HTML = s.docs[ct].HTML(s.resolver(redlineURL(lang, e, c.Slug), e, false))
	}
	var prev, next *link
	for i, x := range e.Chapters {
		if x != c {
			continue
		}
		for j := i - 1; j >= 0 && prev == nil; j-- {
			if s.lineage.pred[e.Chapters[j]] != nil {
				y := e.Chapters[j]
				prev = &link{Text: s.fm(y.Texts[lang]).Title, Href: rel(p.Path, redlineURL(lang, e, y.Slug))}
			}
		}
		for j := i + 1; j < len(e.Chapters) && next == nil; j++ {
			if s.lineage.pred[e.Chapters[j]] != nil {
				y := e.Chapters[j]
				next = &link{Text: s.fm(y.Texts[lang]).Title, Href: rel(p.Path, redlineURL(lang, e, y.Slug))}
			}
		}
	}
	d.Main = struct {
		Title, Slug, Change      string
		Old, New                 *editionView
		OldHref, NewHref         string
		HistoryHref, ChangesHref string
		Meta                     []metaChange
		Body                     template.HTML
		Equal                    bool
		Added, Removed           int
		Prev, Next               *link
	}{
		Title: s.fm(ct).Title, Slug: c.Slug, Change: s.fm(ct).Change,
		Old: s.editionView(lang, p.Path, old.Edition), New: s.editionView(lang, p.Path, e),
		OldHref: rel(p.Path, permanentURL(lang, old.Edition, old.Slug)), NewHref: rel(p.Path, permanentURL(lang, e, c.Slug)),
		HistoryHref: rel(p.Path, historyURL(lang, s.latestSlug(c))), ChangesHref: rel(p.Path, editionChangesURL(lang, e)),
		Meta: s.metaChanges(lang, c, old), Body: template.HTML(r.HTML), Equal: r.Equal, Added: r.Added, Removed: r.Removed,
		Prev: prev, Next: next,
	}
	return s.execute("redline", d)
}

type historyRow struct {
	Edition                    *editionView
	Title, Change, Href        string
	RedlineHref                string
	Added, Removed             int
	Stats, First, Equal, Drift bool
	Renamed                    string
}

func (s *Site) renderHistory(p *Page, lang, slug string, last *content.Chapter) ([]byte, error) {
	L := s.t(lang)
	ct := last.Texts[lang]
	d := s.base(p, "history", lang, L.T("history")+" — "+s.fm(ct).Title, nil)
	var rows []historyRow
	chain := s.lineage.chain(last)
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		if !s.isPublished(c.Edition) {
			continue
		}
		t := c.Texts[lang]
		row := historyRow{Edition: s.editionView(lang, p.Path, c.Edition), Title: s.fm(t).Title, Change: s.fm(t).Change, Href: rel(p.Path, permanentURL(lang, c.Edition, c.Slug))}
		if old := s.lineage.pred[c]; old != nil {
			row.RedlineHref = rel(p.Path, redlineURL(lang, c.Edition, c.Slug))
			ch := change{New: c, Old: old}
			if ch.textChanged(lang) {
				r := s.redline(lang, c, old)
				row.Added, row.Removed, row.Stats = r.Added, r.Removed, true
			} else {
				row.Equal = true
			}
			if old.Slug != c.Slug {
				row.Renamed = old.Slug
			}
		} else {
			row.First = true
		}
		rows = append(rows, row)
	}
	d.Main = struct {
		Title, Slug, CurrentHref, FeedHref, RemovedIn string
		Rows                                          []historyRow
	}{s.fm(ct).Title, slug, s.relIf(p.Path, s.currentWordingOf(lang, last)), s.relIf(p.Path, s.chapterFeedIf(lang, slug, last)), s.removedInID(last), rows}
	return s.execute("history", d)
}

func (s *Site) relIf(page, to string) string {
	if to == "" {
		return ""
	}
	return rel(page, to)
}

// chapterFeedIf is the chapter's feed, when it has one.
func (s *Site) chapterFeedIf(lang, slug string, c *content.Chapter) string {
	if !s.hasFeed(c) {
		return ""
	}
	return s.feedIf(chapterFeedURL(lang, slug))
}

func (s *Site) feedIf(p string) string {
	if s.baseURL == "" {
		return ""
	}
	return p
}
