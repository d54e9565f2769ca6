package render

import (
	"html/template"
	"strings"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diff"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/timeline"
)

// changeRow is one line of an edition's "what changed" list.
type changeRow struct {
	Kind           string // added, changed, renamed, removed
	Title, OldSlug string
	Note           string
	Href           string // the chapter in this edition (or its last wording)
	RedlineHref    string
	// UnchangedHref, for a chapter whose text did not change (renamed,
	// or changed in another language only), is its history entry, and
	// Unchanged says since when ("Text unchanged since edition 2024.1").
	UnchangedHref, Unchanged string
	Added, Removed           int
	Stats                    bool
}

func (s *Renderer) changeRows(lang, page string, e *content.Edition) []changeRow {
	var rows []changeRow
	for _, ch := range s.Lineage().Changes(e) {
		row := changeRow{}
		switch ch.Kind {
		case history.Unchanged:
			continue
		case history.Added:
			row.Kind = "added"
		case history.Changed:
			row.Kind = "changed"
		case history.Renamed:
			row.Kind = "renamed"
			row.OldSlug = ch.Old.Slug
		case history.Removed:
			row.Kind = "removed"
		}
		if ch.New != nil {
			ct := ch.New.Texts[lang]
			row.Title, row.Note = s.FM(ct).Title, s.FM(ct).Change
			row.Href = route.Rel(page, route.Permanent(lang, e, ch.New.URLSlug(lang)))
			if ch.Old != nil {
				to, redline := s.Lineage().ChangesPage(lang, ch.New)
				if redline {
					row.RedlineHref = route.Rel(page, to)
					r := s.Redline(lang, ch.New, ch.Old)
					row.Added, row.Removed, row.Stats = r.Added, r.Removed, true
				} else {
					row.UnchangedHref = route.Rel(page, to)
					row.Unchanged = s.T(lang).Tf("unchanged_since", s.Lineage().UnchangedSince(ch.New, lang).ID)
				}
			}
		} else {
			ct := ch.Old.Texts[lang]
			row.Title = s.FM(ct).Title
			row.Href = route.Rel(page, route.Permanent(lang, ch.Old.Edition, ch.Old.URLSlug(lang)))
		}
		rows = append(rows, row)
	}
	return rows
}

// RenderChanges renders the page of what edition e changed.
func (s *Renderer) RenderChanges(path, lang string, e *content.Edition) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "changes", lang, L.T("what_changed")+" — "+L.Tf("edition", e.ID), e)
	d.NoIndex = e != s.Handbook().Current
	d.Banner = s.editionBanner(lang, path, e, "")
	prev := s.Lineage().Prev(e)
	var prevView *editionView
	if prev != nil {
		prevView = s.editionView(lang, path, prev)
	}
	var unchangedItems []chapterItem
	for _, ch := range s.Lineage().Changes(e) {
		if ch.Kind == history.Unchanged {
			ct := ch.New.Texts[lang]
			unchangedItems = append(unchangedItems, chapterItem{Slug: ch.New.Slug, Title: s.FM(ct).Title, Href: route.Rel(path, route.Permanent(lang, e, ch.New.URLSlug(lang)))})
		}
	}
	d.Main = struct {
		Previous  *editionView
		Rows      []changeRow
		Unchanged []chapterItem
	}{prevView, s.changeRows(lang, path, e), unchangedItems}
	return s.execute("changes", d)
}

type metaChange struct {
	Label, Old, New string
}

func (s *Renderer) metaChanges(lang string, c, old *content.Chapter) []metaChange {
	L := s.T(lang)
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
	add("title", s.FM(o).Title, s.FM(n).Title)
	add("summary", s.FM(o).Summary, s.FM(n).Summary)
	add("owner", o.Meta.Owner, n.Meta.Owner)
	add("approved_by", s.FM(o).ApprovedBy, s.FM(n).ApprovedBy)
	add("effective", fmtDate(s.Effective(old, lang)), fmtDate(s.Effective(c, lang)))
	add("review_by", fmtDate(o.Meta.ReviewBy), fmtDate(n.Meta.ReviewBy))
	add("audience", strings.Join(s.FM(o).Audience, ", "), strings.Join(s.FM(n).Audience, ", "))
	add("tags", strings.Join(o.Meta.Tags, ", "), strings.Join(n.Meta.Tags, ", "))
	if old.Slug != c.Slug {
		add("slug", old.Slug, c.Slug)
	}
	return out
}

// RenderRedline renders the redline of chapter c against its previous wording old.
func (s *Renderer) RenderRedline(path, lang string, c, old *content.Chapter) ([]byte, error) {
	L := s.T(lang)
	title := s.FM(c.Texts[lang]).Title + " — " + L.T("changes")
	pageOf := func(y *content.Chapter) string { return route.Redline(lang, c.Edition, y.URLSlug(lang)) }
	return s.renderRedline(path, lang, title, c, old, s.Redline(lang, c, old), pageOf)
}

// RenderSince renders the cumulative redline of chapter c of the current
// edition from an older wording old, for a reader who last read old (see
// static/js/read.js). Its pager goes to the other chapters' redlines from
// the same edition.
func (s *Renderer) RenderSince(path, lang string, c, old *content.Chapter) ([]byte, error) {
	L := s.T(lang)
	title := s.FM(c.Texts[lang]).Title + " — " + L.Tf("redline_since", old.Edition.ID)
	pageOf := func(y *content.Chapter) string { return route.Since(lang, c.Edition, y.URLSlug(lang), old.Edition) }
	return s.renderRedline(path, lang, title, c, old, s.RedlineSince(lang, c, old, path), pageOf)
}

// renderRedline renders a redline page of chapter c against old; pageOf
// gives the page of the same kind for another chapter of c's edition,
// linked from the pager where it exists.
func (s *Renderer) renderRedline(path, lang, title string, c, old *content.Chapter, r diff.Result, pageOf func(*content.Chapter) string) ([]byte, error) {
	e := c.Edition
	ct := c.Texts[lang]
	d := s.base(path, "redline", lang, title, e)
	d.NoIndex = true
	d.Canonical = s.Abs(path)
	d.Banner = s.editionBanner(lang, path, e, "")
	if r.Equal && r.HTML == nil {
		r.HTML = s.Doc(ct).HTML(s.Resolver(path, e, false))
	}
	var prev, next *link
	for i, x := range e.Chapters {
		if x != c {
			continue
		}
		// The neighbours are the nearest chapters that have a redline.
		for j := i - 1; j >= 0 && prev == nil; j-- {
			if y := e.Chapters[j]; s.has(pageOf(y)) {
				prev = &link{Text: s.FM(y.Texts[lang]).Title, Href: route.Rel(path, pageOf(y))}
			}
		}
		for j := i + 1; j < len(e.Chapters) && next == nil; j++ {
			if y := e.Chapters[j]; s.has(pageOf(y)) {
				next = &link{Text: s.FM(y.Texts[lang]).Title, Href: route.Rel(path, pageOf(y))}
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
		Title: s.FM(ct).Title, Slug: c.Slug, Change: s.FM(ct).Change,
		Old: s.editionView(lang, path, old.Edition), New: s.editionView(lang, path, e),
		OldHref: route.Rel(path, route.Permanent(lang, old.Edition, old.URLSlug(lang))), NewHref: route.Rel(path, route.Permanent(lang, e, c.URLSlug(lang))),
		HistoryHref: route.Rel(path, route.History(lang, s.latestSlug(lang, c))), ChangesHref: route.Rel(path, route.EditionChanges(lang, e)),
		Meta: s.metaChanges(lang, c, old), Body: template.HTML(r.HTML), Equal: r.Equal, Added: r.Added, Removed: r.Removed,
		Prev: prev, Next: next,
	}
	return s.execute("redline", d)
}

type historyRow struct {
	Edition                    *editionView
	Anchor                     string // the entry's id, where links to an unchanged text's redline go
	Title, Change, Href        string
	RedlineHref                string
	Unchanged                  string // "Text unchanged since edition 2024.1", when Equal
	Added, Removed             int
	Stats, First, Equal, Drift bool
	Renamed                    string
}

// RenderHistory renders the history of a chapter whose latest wording is last.
func (s *Renderer) RenderHistory(path string, lang, slug string, last *content.Chapter) ([]byte, error) {
	L := s.T(lang)
	ct := last.Texts[lang]
	d := s.base(path, "history", lang, L.T("history")+" — "+s.FM(ct).Title, nil)
	var rows []historyRow
	var eds []*content.Edition // the editions drawn, oldest first
	bars := map[*content.Edition]timeline.Edition{}
	chain := s.Lineage().Chain(last)
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		if !s.IsPublished(c.Edition) {
			continue
		}
		t := c.Texts[lang]
		row := historyRow{Edition: s.editionView(lang, path, c.Edition), Anchor: route.HistoryAnchor(c.Edition), Title: s.FM(t).Title, Change: s.FM(t).Change, Href: route.Rel(path, route.Permanent(lang, c.Edition, c.URLSlug(lang)))}
		if old := s.Lineage().Pred(c); old != nil {
			if s.Lineage().HasRedline(c, lang) {
				row.RedlineHref = route.Rel(path, route.Redline(lang, c.Edition, c.URLSlug(lang)))
				r := s.Redline(lang, c, old)
				row.Added, row.Removed, row.Stats = r.Added, r.Removed, true
			} else {
				// No redline page: the entry says since when the text is
				// the same.
				row.Equal = true
				row.Unchanged = L.Tf("unchanged_since", s.Lineage().UnchangedSince(c, lang).ID)
			}
			if old.Slug != c.Slug {
				row.Renamed = old.Slug
			}
		} else {
			row.First = true
		}
		rows = append(rows, row)
		eds = append([]*content.Edition{c.Edition}, eds...)
		bar := timeline.Edition{Added: row.Added, Removed: row.Removed}
		switch {
		case row.First:
			bar.Note = L.T("new_chapter")
		case row.Equal:
			bar.Note = L.T("no_text_change")
		}
		bars[c.Edition] = bar
	}
	d.Timeline = timeline.SVG(s.timelineEditions(lang, eds, bars), timeline.Options{Bars: true, Words: s.timelineWords(lang, "timeline_history_title")})
	d.Main = struct {
		Title, Slug, CurrentHref, FeedHref, RemovedIn string
		Rows                                          []historyRow
	}{s.FM(ct).Title, slug, s.relIf(path, s.currentWordingOf(lang, last)), s.relIf(path, s.chapterFeedIf(lang, slug, last)), s.removedInID(last), rows}
	return s.execute("history", d)
}

func (s *Renderer) relIf(page, to string) string {
	if to == "" {
		return ""
	}
	return route.Rel(page, to)
}

// chapterFeedIf is the chapter's feed, when it has one.
func (s *Renderer) chapterFeedIf(lang, slug string, c *content.Chapter) string {
	if !s.Lineage().HasFeed(c) {
		return ""
	}
	return s.feedIf(route.ChapterFeed(lang, slug))
}

func (s *Renderer) feedIf(p string) string {
	if s.BaseURL() == "" {
		return ""
	}
	return p
}
