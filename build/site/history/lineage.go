// Package history follows each chapter across the published editions:
// its previous and next wording (renames included), what every edition
// changed, which wordings feeds may speak of, and the redline of each
// changed text, computed once.
package history

import (
	"sort"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site/route"
)

// Kind says what an edition did to a chapter.
type Kind int

// The fates of a chapter in an edition.
const (
	Unchanged Kind = iota
	Added
	Changed
	Renamed
	Removed
)

// Change is one chapter's fate in an edition, against the edition before.
type Change struct {
	Kind Kind
	New  *content.Chapter // nil when removed
	Old  *content.Chapter // nil when added
}

// TextChanged reports whether the chapter's text in lang differs between
// the two editions.
func (c Change) TextChanged(lang string) bool {
	if c.Old == nil || c.New == nil {
		return true
	}
	o, n := c.Old.Texts[lang], c.New.Texts[lang]
	if o == nil || n == nil {
		return true
	}
	return o.Hash != n.Hash
}

// Lineage links each chapter to its previous and next wording across the
// published editions, following renamed_from. It does not change once
// built.
type Lineage struct {
	prev    map[*content.Edition]*content.Edition
	pred    map[*content.Chapter]*content.Chapter
	succ    map[*content.Chapter]*content.Chapter
	changes map[*content.Edition][]Change
}

// Prev returns the edition e is compared against, or nil.
func (l *Lineage) Prev(e *content.Edition) *content.Edition { return l.prev[e] }

// Pred returns the previous wording of c, or nil when c is new.
func (l *Lineage) Pred(c *content.Chapter) *content.Chapter { return l.pred[c] }

// Succ returns the next wording of c, or nil.
func (l *Lineage) Succ(c *content.Chapter) *content.Chapter { return l.succ[c] }

// Changes returns what edition e did to each chapter, in the order of its
// chapters, then the removed ones.
func (l *Lineage) Changes(e *content.Edition) []Change { return l.changes[e] }

// HasRedline reports whether chapter c has a redline page in lang: it has a
// previous wording and its text in lang differs from it. A chapter whose
// text did not change gets no redline page; links that would go there go
// to its history entry (see UnchangedSince).
func (l *Lineage) HasRedline(c *content.Chapter, lang string) bool {
	old := l.pred[c]
	return old != nil && (Change{New: c, Old: old}).TextChanged(lang)
}

// UnchangedSince returns the earliest edition from which chapter c has the
// same text in lang, following its previous wordings (renames included)
// while the text stays the same: c's own edition when its text is new.
func (l *Lineage) UnchangedSince(c *content.Chapter, lang string) *content.Edition {
	first := c
	for old := l.pred[first]; old != nil && !(Change{New: first, Old: old}).TextChanged(lang); old = l.pred[old] {
		first = old
	}
	return first.Edition
}

// HistorySlug is the URL slug in lang of the chapter's newest released
// wording: its history page and feed live there.
func (l *Lineage) HistorySlug(lang string, c *content.Chapter) string {
	ch := l.Chain(c)
	for i := len(ch) - 1; i >= 0; i-- {
		if ch[i].Edition.Status != content.Draft || i == 0 {
			return ch[i].URLSlug(lang)
		}
	}
	return c.URLSlug(lang)
}

// ChangesPage is where a link to what its edition changed in chapter c (in
// lang) goes: the redline page when the text changed, else the chapter's
// entry for that edition on its history page, which says since when the
// text is the same. It reports which of the two it is.
func (l *Lineage) ChangesPage(lang string, c *content.Chapter) (path string, redline bool) {
	if l.HasRedline(c, lang) {
		return route.Redline(lang, c.Edition, c.URLSlug(lang)), true
	}
	return route.HistoryEntry(lang, l.HistorySlug(lang, c), c.Edition), false
}

// previousOf returns the edition e is compared against: the nearest earlier
// released edition, or for a draft the nearest earlier published one.
func previousOf(pub []*content.Edition, e *content.Edition) *content.Edition {
	idx := -1
	for i, p := range pub {
		if p == e {
			idx = i
		}
	}
	for i := idx - 1; i >= 0; i-- {
		if pub[i].Status != content.Draft || e.Status == content.Draft {
			return pub[i]
		}
	}
	return nil
}

// Build follows the chapters of the published editions pub, oldest
// first, in the languages langs; renames are read from the front matter of
// the reference language ref first.
func Build(pub []*content.Edition, langs []string, ref string) *Lineage {
	l := &Lineage{
		prev:    map[*content.Edition]*content.Edition{},
		pred:    map[*content.Chapter]*content.Chapter{},
		succ:    map[*content.Chapter]*content.Chapter{},
		changes: map[*content.Edition][]Change{},
	}
	for _, e := range pub {
		p := previousOf(pub, e)
		l.prev[e] = p
		var cs []Change
		used := map[*content.Chapter]bool{}
		for _, c := range e.Chapters {
			var old *content.Chapter
			kind := Added
			if p != nil {
				if o := p.Chapter(c.Slug); o != nil {
					old, kind = o, Unchanged
				} else if from := renamedFrom(c, ref); from != "" {
					if o := p.Chapter(from); o != nil {
						old, kind = o, Renamed
					}
				}
			}
			if old != nil {
				used[old] = true
				if e.Status != content.Draft || p.Status == content.Draft || l.succ[old] == nil {
					l.succ[old] = c
				}
				l.pred[c] = old
				ch := Change{Kind: kind, New: c, Old: old}
				if kind == Unchanged {
					for _, lang := range langs {
						if ch.TextChanged(lang) {
							ch.Kind = Changed
						}
					}
				}
				cs = append(cs, ch)
				continue
			}
			cs = append(cs, Change{Kind: Added, New: c})
		}
		if p != nil {
			for _, o := range p.Chapters {
				if !used[o] {
					cs = append(cs, Change{Kind: Removed, Old: o})
				}
			}
		}
		l.changes[e] = cs
	}
	return l
}

func renamedFrom(c *content.Chapter, ref string) string {
	if t := c.Texts[ref]; t != nil && t.Meta.RenamedFrom != "" {
		return t.Meta.RenamedFrom
	}
	for _, t := range c.Texts {
		if t.Meta.RenamedFrom != "" {
			return t.Meta.RenamedFrom
		}
	}
	return ""
}

// Chain returns every wording of the chapter c belongs to, oldest first,
// among released editions (and drafts when published). It follows succ
// only to the current or released editions, so a draft never changes where
// a chain ends for readers.
func (l *Lineage) Chain(c *content.Chapter) []*content.Chapter {
	first := c
	for l.pred[first] != nil {
		first = l.pred[first]
	}
	var out []*content.Chapter
	seen := map[*content.Chapter]bool{}
	for x := first; x != nil && !seen[x]; x = l.succ[x] {
		seen[x] = true
		out = append(out, x)
	}
	return out
}

// LastBySlug returns every URL slug in lang (content.Chapter.URLSlug) seen
// in the published editions, with the chapter of its latest appearance,
// sorted by slug. A slug a translation gave up stays: its URLs send
// readers to the chapter's current one.
func (l *Lineage) LastBySlug(pub []*content.Edition, lang string) (map[string]*content.Chapter, []string) {
	last := map[string]*content.Chapter{}
	for _, e := range pub {
		for _, c := range e.Chapters {
			sl := c.URLSlug(lang)
			if prev, ok := last[sl]; !ok || prev.Edition.Status == content.Draft || e.Status != content.Draft {
				last[sl] = c
			}
		}
	}
	slugs := make([]string, 0, len(last))
	for s := range last {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	return last, slugs
}

// Since returns the older wordings of chapter c that a cumulative redline
// compares c with in lang: released, before the edition before c's (that
// one has the plain redline), and with a text in lang that differs from
// c's. Oldest first. A handbook of E editions has at most E-2 per chapter
// and language, and only the current edition has them.
func (l *Lineage) Since(lang string, c *content.Chapter) []*content.Chapter {
	ct := c.Texts[lang]
	if ct == nil {
		return nil
	}
	pred := l.pred[c]
	var out []*content.Chapter
	for _, x := range l.Chain(c) {
		if x == c || x == pred || x.Edition.Index >= c.Edition.Index || x.Edition.Status == content.Draft || x.Draft {
			continue
		}
		if xt := x.Texts[lang]; xt != nil && xt.Hash != ct.Hash {
			out = append(out, x)
		}
	}
	return out
}
