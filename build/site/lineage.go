package site

import (
	"sort"

	"example.com/handbook/build/content"
)

// changeKind says what an edition did to a chapter.
type changeKind int

const (
	unchanged changeKind = iota
	added
	changed
	renamed
	removed
)

// change is one chapter's fate in an edition, against the edition before.
type change struct {
	Kind changeKind
	New  *content.Chapter // nil when removed
	Old  *content.Chapter // nil when added
}

// textChanged reports whether the chapter's text in lang differs between
// the two editions.
func (c change) textChanged(lang string) bool {
	if c.Old == nil || c.New == nil {
		return true
	}
	o, n := c.Old.Texts[lang], c.New.Texts[lang]
	if o == nil || n == nil {
		return true
	}
	return o.Hash != n.Hash
}

// lineage links each chapter to its previous and next wording across the
// published editions, following renamed_from.
type lineage struct {
	prev    map[*content.Edition]*content.Edition
	pred    map[*content.Chapter]*content.Chapter
	succ    map[*content.Chapter]*content.Chapter
	changes map[*content.Edition][]change
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

func buildLineage(s *Site) *lineage {
	ref := s.h.Settings.Reference()
	l := &lineage{
		prev:    map[*content.Edition]*content.Edition{},
		pred:    map[*content.Chapter]*content.Chapter{},
		succ:    map[*content.Chapter]*content.Chapter{},
		changes: map[*content.Edition][]change{},
	}
	for _, e := range s.pub {
		p := previousOf(s.pub, e)
		l.prev[e] = p
		var cs []change
		used := map[*content.Chapter]bool{}
		for _, c := range e.Chapters {
			var old *content.Chapter
			kind := added
			if p != nil {
				if o := p.Chapter(c.Slug); o != nil {
					old, kind = o, unchanged
				} else if from := renamedFrom(c, ref); from != "" {
					if o := p.Chapter(from); o != nil {
						old, kind = o, renamed
					}
				}
			}
			if old != nil {
				used[old] = true
				if e.Status != content.Draft || p.Status == content.Draft || l.succ[old] == nil {
					l.succ[old] = c
				}
				l.pred[c] = old
				ch := change{Kind: kind, New: c, Old: old}
				if kind == unchanged {
					for _, lang := range s.langs() {
						if ch.textChanged(lang) {
							ch.Kind = changed
						}
					}
				}
				cs = append(cs, ch)
				continue
			}
			cs = append(cs, change{Kind: added, New: c})
		}
		if p != nil {
			for _, o := range p.Chapters {
				if !used[o] {
					cs = append(cs, change{Kind: removed, Old: o})
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

// chain returns every wording of the chapter c belongs to, oldest first,
// among released editions (and drafts when published). It follows succ
// only to the current or released editions, so a draft never changes where
// a chain ends for readers.
func (l *lineage) chain(c *content.Chapter) []*content.Chapter {
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

// slugs returns every chapter slug seen in the published editions, with
// the chapter of its latest appearance, sorted by slug.
func (l *lineage) lastBySlug(pub []*content.Edition) (map[string]*content.Chapter, []string) {
	last := map[string]*content.Chapter{}
	for _, e := range pub {
		for _, c := range e.Chapters {
			if prev, ok := last[c.Slug]; !ok || prev.Edition.Status == content.Draft || e.Status != content.Draft {
				last[c.Slug] = c
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
