package site

import (
	"context"
	"io/fs"
	"slices"
	"sync"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/prep"
	"example.com/handbook/build/site/render"
)

// Replan is New for a model that follows the one prev was made from (the
// preview server's next model after a save). When h plans the very same
// pages as prev's model — the same editions, chapters, URL slugs, texts,
// tags, images, and the same redlines and feeds, which is the case after
// an edit to the body or the wording of the front matter of chapters — the
// new site shares prev's plan instead of planning every page again: at
// 20,000 chapter pages, planning is most of a save's work. Each page
// still renders from h (see ch). Otherwise, or without prev, it plans as
// New does. The sites do not change; both stay usable.
func Replan(ctx context.Context, prev *Site, src fs.FS, h *content.Handbook, opts config.Options, docs *prep.DocCache) (*Site, diag.List, error) {
	if prev == nil || prev.pages == nil || h.Current == nil || !sameOptions(prev.p.Options(), opts) {
		return New(ctx, src, h, opts, docs)
	}
	s, dl, err := prepare(ctx, src, h, opts, docs)
	if err != nil {
		return nil, nil, err
	}
	if dl.HasErrors() {
		return s, dl, nil
	}
	if !samePlan(prev, s) {
		return New(ctx, src, h, opts, docs)
	}
	s.pages, s.planned, s.shared = prev.pages, prev.planned, true
	s.moved = sync.OnceValue(func() *moved { return newMoved(s.planned, h) })
	return s, dl, nil
}

// Replanned reports whether the site shares the plan of an earlier one
// (see Replan), for the preview server's log and tests.
func (s *Site) Replanned() bool { return s.shared }

// sameOptions reports whether two sites prepared with a and b plan alike.
func sameOptions(a, b config.Options) bool {
	return a.Drafts == b.Drafts && a.Preview == b.Preview && a.BaseURL == b.BaseURL
}

// moved maps the chapters and editions of the model a plan was made from
// to those of a later model, by edition id and chapter slug.
type moved struct {
	chapters map[*content.Chapter]*content.Chapter
	editions map[*content.Edition]*content.Edition
}

func newMoved(from, to *content.Handbook) *moved {
	m := &moved{chapters: map[*content.Chapter]*content.Chapter{}, editions: map[*content.Edition]*content.Edition{}}
	for _, e := range from.Editions {
		ne := to.Edition(e.ID)
		if ne == nil {
			continue
		}
		m.editions[e] = ne
		for _, c := range e.Chapters {
			if nc := ne.Chapter(c.Slug); nc != nil {
				m.chapters[c] = nc
			}
		}
	}
	return m
}

// ch returns the chapter of the site's model that c, a chapter of the
// model the plan was made from, stands for.
func (s *Site) ch(c *content.Chapter) *content.Chapter {
	if c == nil || s.moved == nil {
		return c
	}
	if nc := s.moved().chapters[c]; nc != nil {
		return nc
	}
	return c
}

// ed is ch for editions.
func (s *Site) ed(e *content.Edition) *content.Edition {
	if e == nil || s.moved == nil {
		return e
	}
	if ne := s.moved().editions[e]; ne != nil {
		return ne
	}
	return e
}

// tag returns the tag of the current edition in lang with this slug.
func (s *Site) tag(lang, slug string) *render.Tag {
	for _, t := range s.r.Tags(lang) {
		if t.Slug == slug {
			return t
		}
	}
	return &render.Tag{Slug: slug}
}

// samePlan reports whether planning next would give the pages prev has,
// with the same dependencies: everything plan reads of the model is
// compared (editions, their chapters and texts, URL slugs, drafts,
// renames, the current edition's tags, images, and the lineage's redlines, cumulative redlines
// and feeds). Titles, summaries, bodies and the other wording are not:
// they change what a page shows, not which pages exist.
func samePlan(prev, next *Site) bool {
	a, b := prev.p, next.p
	ha, hb := a.Handbook(), b.Handbook()
	if ha.Settings.File != hb.Settings.File || !slices.Equal(a.Langs(), b.Langs()) || a.BaseURL() != b.BaseURL() {
		return false
	}
	if (ha.Current == nil) != (hb.Current == nil) || ha.Current != nil && ha.Current.ID != hb.Current.ID {
		return false
	}
	pa, pb := a.Published(), b.Published()
	if len(pa) != len(pb) {
		return false
	}
	langs := b.Langs()
	for i, eb := range pb {
		ea := pa[i]
		if ea.ID != eb.ID || ea.Status != eb.Status || ea.Dir != eb.Dir || !slices.Equal(ea.Images, eb.Images) || len(ea.Chapters) != len(eb.Chapters) {
			return false
		}
		for _, l := range langs {
			ta, tb := ea.Texts[l], eb.Texts[l]
			if (ta == nil) != (tb == nil) || ta != nil && ta.File != tb.File {
				return false
			}
		}
		for j, cb := range eb.Chapters {
			if !sameChapterPlan(a.Lineage(), b.Lineage(), ea.Chapters[j], cb, langs, eb == hb.Current) {
				return false
			}
		}
	}
	return true
}

// sameChapterPlan compares what plan reads of one chapter in two models.
func sameChapterPlan(la, lb *history.Lineage, ca, cb *content.Chapter, langs []string, current bool) bool {
	if ca.Slug != cb.Slug || ca.Draft != cb.Draft || len(ca.Texts) != len(cb.Texts) {
		return false
	}
	for l, tb := range cb.Texts {
		ta := ca.Texts[l]
		if ta == nil || ta.File != tb.File || ta.Meta.Slug != tb.Meta.Slug || ta.Meta.RenamedFrom != tb.Meta.RenamedFrom {
			return false
		}
		// The current edition's tags make the tag pages.
		if current && !slices.Equal(ta.Meta.Tags, tb.Meta.Tags) {
			return false
		}
	}
	if !sameWording(la.Pred(ca), lb.Pred(cb)) || !sameWording(la.Succ(ca), lb.Succ(cb)) {
		return false
	}
	if la.HasFeed(ca) != lb.HasFeed(cb) {
		return false
	}
	for _, l := range langs {
		if ca.URLSlug(l) != cb.URLSlug(l) || la.HasRedline(ca, l) != lb.HasRedline(cb, l) {
			return false
		}
		if current && !slices.EqualFunc(la.Since(l, ca), lb.Since(l, cb), sameWording) {
			return false
		}
	}
	return true
}

// sameWording reports whether two chapters, of two models, are the same
// wording: the same slug in the same edition.
func sameWording(a, b *content.Chapter) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Slug == b.Slug && a.Edition.ID == b.Edition.ID
}
