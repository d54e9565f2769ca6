// Package prep prepares a loaded handbook for the stages that write pages:
// it picks the editions that get pages, renders every text's Markdown once,
// checks links, anchors and images, follows chapters across editions, and
// typesets the front matter readers see. `check` stops there; `build` and
// the preview server go on to plan and render pages from the Site it makes.
package prep

import (
	"context"
	"io/fs"
	"strings"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/diff"
	"example.com/handbook/build/i18n"
	"example.com/handbook/build/internal/par"
	"example.com/handbook/build/markdown"
	"example.com/handbook/build/site/history"
	"example.com/handbook/build/site/route"
)

// Site is a handbook prepared for rendering: Markdown rendered, links
// checked, chapters followed across editions. It does not change once
// made, and its methods are safe for concurrent use.
type Site struct {
	h        *content.Handbook
	src      fs.FS
	opts     config.Options
	cache    *DocCache
	baseURL  string
	pub      []*content.Edition
	docs     map[*content.ChapterText]*markdown.Doc
	notes    map[*content.EditionText]*markdown.Doc
	lineage  *history.Lineage
	redlines *history.Redlines
	typeset  map[*content.ChapterText]*content.FrontMatter // FM of every published text, made by New
	catalogs map[string]*i18n.Catalog
}

// New prepares h. src is the source folder (for edition images); docs
// keeps rendered Markdown across builds (the preview server's, or one
// backed by the build cache), nil for none. It returns every located
// problem found on the way (broken links, anchors and images,
// translations an edition left behind), and an error only when ctx was
// cancelled.
func New(ctx context.Context, src fs.FS, h *content.Handbook, opts config.Options, docs *DocCache) (*Site, diag.List, error) {
	if docs == nil {
		docs = NewDocCache()
	}
	// The maps are sized up front: at 20,000 chapter pages, growing them
	// step by step is a good part of a preview save.
	texts := 0
	for _, e := range h.Editions {
		texts += len(e.Chapters) * len(h.Settings.Languages)
	}
	s := &Site{
		h:        h,
		src:      src,
		opts:     opts,
		cache:    docs,
		baseURL:  h.Settings.BaseURL,
		docs:     make(map[*content.ChapterText]*markdown.Doc, texts),
		notes:    map[*content.EditionText]*markdown.Doc{},
		typeset:  make(map[*content.ChapterText]*content.FrontMatter, texts),
		catalogs: map[string]*i18n.Catalog{},
		redlines: history.NewRedlines(docs.disk),
	}
	if opts.BaseURL != "" {
		s.baseURL = opts.BaseURL
		if !strings.HasSuffix(s.baseURL, "/") {
			s.baseURL += "/"
		}
	}
	for _, l := range h.Settings.Languages {
		s.catalogs[l] = i18n.For(l)
	}
	for _, e := range h.Editions {
		if e.Status != content.Draft || opts.Drafts {
			s.pub = append(s.pub, e)
		}
	}
	dl, err := s.renderMarkdown(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !opts.Preview {
		s.expectPrint()
	}
	ts, done := docs.typesetter(texts)
	for _, e := range s.pub {
		for _, c := range e.Chapters {
			for _, ct := range c.Texts {
				s.typeset[ct] = ts(ct)
			}
		}
	}
	done()
	dl.Add(s.checkLinks()...)
	s.lineage = history.Build(s.pub, s.Langs(), h.Settings.Reference())
	dl.Add(s.lineage.DriftWarnings(s.pub, s.Langs(), h.Settings.Reference())...)
	return s, dl, nil
}

// Handbook returns the model the site was prepared from.
func (s *Site) Handbook() *content.Handbook { return s.h }

// Source returns the source folder.
func (s *Site) Source() fs.FS { return s.src }

// Options returns the options the site was prepared with.
func (s *Site) Options() config.Options { return s.opts }

// Cache returns the cache of rendered Markdown the site was prepared with.
func (s *Site) Cache() *DocCache { return s.cache }

// BaseURL is the absolute address of the site root, ending in "/", or "".
func (s *Site) BaseURL() string { return s.baseURL }

// Published returns the editions that get pages, oldest first.
func (s *Site) Published() []*content.Edition { return s.pub }

// Lineage follows the chapters across the published editions.
func (s *Site) Lineage() *history.Lineage { return s.lineage }

// Doc returns the rendered Markdown of a chapter text.
func (s *Site) Doc(ct *content.ChapterText) *markdown.Doc { return s.docs[ct] }

// Notes returns the rendered release notes of an edition text, or nil.
func (s *Site) Notes(et *content.EditionText) *markdown.Doc { return s.notes[et] }

// T returns the interface strings of lang.
func (s *Site) T(lang string) *i18n.Catalog { return s.catalogs[lang] }

// Langs returns the languages of the handbook, the reference first.
func (s *Site) Langs() []string { return s.h.Settings.Languages }

// OtherLangs returns the languages other than lang.
func (s *Site) OtherLangs(lang string) []string {
	var out []string
	for _, l := range s.Langs() {
		if l != lang {
			out = append(out, l)
		}
	}
	return out
}

// IsPublished reports whether e gets pages.
func (s *Site) IsPublished(e *content.Edition) bool {
	for _, p := range s.pub {
		if p == e {
			return true
		}
	}
	return false
}

// Abs returns the absolute URL of output path p, or "" without a base URL.
func (s *Site) Abs(p string) string {
	if s.baseURL == "" {
		return ""
	}
	return s.baseURL + p
}

// SiteTitle returns the handbook's title in lang (the reference
// language's when lang has none), typeset.
func (s *Site) SiteTitle(lang string) string {
	if t := s.h.Settings.Title[lang]; t != "" {
		return markdown.Typeset(lang, t)
	}
	ref := s.h.Settings.Reference()
	return markdown.Typeset(ref, s.h.Settings.Title[ref])
}

// FM returns the front matter of ct with the typography of its language
// applied to the strings readers see (titles, summaries, change notes), as
// the body gets it from the Markdown renderer.
func (s *Site) FM(ct *content.ChapterText) *content.FrontMatter {
	if m := s.typeset[ct]; m != nil {
		return m
	}
	return typeset(ct) // a text of no published edition
}

func typeset(ct *content.ChapterText) *content.FrontMatter { return typesetText(ct) }

// typesetText typesets the strings of ct's front matter that readers see.
// The text must not change once parsed (the tree never changes one).
func typesetText(ct *content.ChapterText) *content.FrontMatter {
	m := ct.Meta
	m.Title = markdown.Typeset(ct.Lang, m.Title)
	m.Summary = markdown.Typeset(ct.Lang, m.Summary)
	m.Change = markdown.Typeset(ct.Lang, m.Change)
	m.ApprovedBy = markdown.Typeset(ct.Lang, m.ApprovedBy)
	m.Audience = make([]string, len(ct.Meta.Audience))
	for i, a := range ct.Meta.Audience {
		m.Audience[i] = markdown.Typeset(ct.Lang, a)
	}
	return &m
}

// Effective is the day the chapter's wording in lang applies from: its
// front matter's effective date, else the one of the earliest wording with
// this very text (its own effective date, or its edition's date): an
// unchanged chapter keeps the day its rule first took effect.
func (s *Site) Effective(c *content.Chapter, lang string) time.Time {
	if t := c.Texts[lang].Meta.Effective; !t.IsZero() {
		return t
	}
	first := c
	for old := s.lineage.Pred(first); old != nil; old = s.lineage.Pred(old) {
		if ot := old.Texts[lang]; ot == nil || ot.Hash != first.Texts[lang].Hash {
			break
		}
		if t := old.Texts[lang].Meta.Effective; !t.IsZero() {
			return t
		}
		first = old
	}
	return first.Edition.Date
}

// Redline compares a chapter with its previous wording, once per chapter
// and language whatever the number of pages that show it. Both texts are
// resolved as if they sat on the new edition's redline page, so that a link
// that did not change does not show as changed.
func (s *Site) Redline(lang string, c, old *content.Chapter) diff.Result {
	return s.redlines.Get(lang, c, func() ([]byte, []byte) {
		return s.redlineTexts(lang, c, old, route.Redline(lang, c.Edition, c.URLSlug(lang)))
	})
}

// RedlineSince compares chapter c with an older wording of it, as the
// cumulative redline page at page shows it. It is computed each time it is
// asked for (through the build cache), never kept: a handbook has one such
// page per chapter, language and older edition, which a build writes as it
// renders them.
func (s *Site) RedlineSince(lang string, c, old *content.Chapter, page string) diff.Result {
	return s.redlines.Compute(lang, func() ([]byte, []byte) { return s.redlineTexts(lang, c, old, page) })
}

// redlineTexts returns the old and new HTML of a chapter, both resolved as
// if they sat on the redline page at page.
func (s *Site) redlineTexts(lang string, c, old *content.Chapter, page string) ([]byte, []byte) {
	resolve := s.Resolver(page, c.Edition, false)
	oldResolve := func(ref markdown.Ref) string {
		switch ref.Kind {
		case markdown.ImageRef:
			if !hasImage(c.Edition, ref.File) {
				return s.Resolver(page, old.Edition, false)(ref)
			}
		case markdown.ChapterLink:
			// A link to a chapter renamed since reads as a link to its
			// new address; one to a chapter removed since keeps its
			// old target.
			target := old.Edition.Chapter(ref.Slug)
			for target != nil && target.Edition != c.Edition {
				target = s.lineage.Succ(target)
			}
			if target == nil {
				return s.Resolver(page, old.Edition, false)(ref)
			}
			ref.Slug = target.Slug
		}
		return resolve(ref)
	}
	return s.docs[old.Texts[lang]].HTML(oldResolve), s.docs[c.Texts[lang]].HTML(resolve)
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

// parallel runs f(0..n-1) on every core and returns the first error.
func parallel(ctx context.Context, n int, f func(i int) error) error { return par.Do(ctx, n, f) }
