// Package site plans the pages of the static site: every page of a
// prepared handbook with its output path, the source files it depends on
// and the stage that renders it (build/site/render for the HTML pages,
// build/site/feeds, build/site/searchpages). A build renders the whole
// plan in parallel; the preview server renders only the pages a browser
// asks for. The stages below it, in the order the data moves:
// route (output paths) → history (chapters across editions) → prep
// (Markdown, links, the read-only model) → render, feeds, searchpages →
// site (the plan) → runner (a whole build: manifest, reuse, cache,
// publish).
package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/internal/par"
	"example.com/handbook/build/site/prep"
	"example.com/handbook/build/site/render"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/site/searchpages"
)

// Site is a handbook prepared and planned: every page known with the way
// to render it. It does not change once made (New, then Keep when an
// earlier build published URLs), and its methods are safe for concurrent
// use.
type Site struct {
	p      *prep.Site
	r      *render.Renderer
	search *searchpages.Indexes
	pages  map[string]*Page
	// planned is the model the pages were planned from, whose chapters
	// and editions their render functions hold: p's model, or an earlier
	// one when Replan reused an earlier site's plan. moved maps them to
	// p's (see ch, ed).
	planned *content.Handbook
	moved   func() *moved
	// shared is set when pages belongs to an earlier site too (Replan):
	// Keep then adds to a copy.
	shared bool
}

// Page is one file of the output.
type Page struct {
	// Path is the output path relative to the site root ("fr/netiquette/"
	// for a folder page, "fr/feed.xml" for a file).
	Path string
	// Deps are the source files whose change changes this page (paths
	// relative to the source folder); "*" means every content file.
	Deps []string
	// Layouts are the page kinds whose layouts (layouts/KIND.html, with
	// base.html and the partials they call) render the page; none for
	// feeds, search files and images.
	Layouts []string
	// render returns the page's bytes. With a mediaType they must be new
	// to each call: RenderAll lets the minifier edit them in place.
	// The site it is given is the one rendering, which may be a later
	// site than the one that planned the page (see Replan): the function
	// reaches the model through it (Site.ch, Site.ed), never through what
	// the plan saw.
	render func(s *Site, p *Page) ([]byte, error)
	// mediaType drives minification.
	mediaType string
	// finished marks a page render returns minified already when the
	// site is (chapter and print pages: their bodies are minified apart,
	// once for every page that shows them).
	finished bool
	// chapter is the file slug of the chapter the page shows ("" for
	// other pages), recorded in the published list (see Published).
	chapter string
	// draft marks a page that exists only because drafts are published:
	// a -drafts build does not promise to keep it.
	draft bool
}

// File returns the file the page is written to.
func (p *Page) File() string { return route.FileOf(p.Path) }

// New prepares h for rendering and plans its pages. src is the source
// folder (for layouts/ and static/ overrides and edition images); docs
// keeps rendered Markdown across builds, nil for none. It returns every
// located problem found on the way (broken links, missing images, bad
// templates), and an error only when ctx was cancelled.
func New(ctx context.Context, src fs.FS, h *content.Handbook, opts config.Options, docs *prep.DocCache) (*Site, diag.List, error) {
	var dl diag.List
	if h.Current == nil {
		dl.Errorf(h.Settings.File, 0, "no released edition is in force on %s: release one with \"handbook release ID\"", h.Today.Format("2006-01-02"))
		return nil, dl, nil
	}
	s, pdl, err := prepare(ctx, src, h, opts, docs)
	if err != nil {
		return nil, nil, err
	}
	dl.Add(pdl...)
	if dl.HasErrors() {
		return s, dl, nil
	}
	// Sized up front: a 20,000-page handbook plans some 60,000 pages, and
	// growing the map step by step costs the preview server on every save.
	n := 0
	for _, e := range s.p.Published() {
		n += len(e.Chapters)
	}
	s.pages = make(map[string]*Page, 4*n*len(s.p.Langs())+64)
	s.planned = h
	s.plan()
	return s, dl, nil
}

// Check runs every check of New but plans and renders no page: the
// Markdown parse (links, anchors, images), the layouts, the static files,
// and the translations an edition left behind. `handbook check` and
// `release` use it, and a build whose model has errors, so that every
// fault is reported in one run. A model without languages (handbook.yaml
// unreadable, its error reported) has nothing to check. The error says
// ctx was cancelled.
func Check(ctx context.Context, src fs.FS, h *content.Handbook, opts config.Options) (diag.List, error) {
	if len(h.Settings.Languages) == 0 {
		return nil, nil
	}
	_, dl, err := prepare(ctx, src, h, opts, nil)
	return dl.Sort(), err
}

// prepare is the step New and Check share: the Markdown rendered and its
// links checked (build/site/prep), the layouts and static files read
// (build/site/render). The site it returns has no page yet.
func prepare(ctx context.Context, src fs.FS, h *content.Handbook, opts config.Options, docs *prep.DocCache) (*Site, diag.List, error) {
	p, pdl, err := prep.New(ctx, src, h, opts, docs)
	if err != nil {
		return nil, nil, err
	}
	s := &Site{p: p, search: searchpages.New(p)}
	r, rdl := render.New(p, func(path string) bool { _, ok := s.pages[path]; return ok })
	s.r = r
	var dl diag.List
	dl.Add(rdl...)
	dl.Add(pdl...)
	return s, dl, nil
}

// Handbook returns the model the site was prepared from.
func (s *Site) Handbook() *content.Handbook { return s.p.Handbook() }

// Len returns the number of planned pages.
func (s *Site) Len() int { return len(s.pages) }

// Paths returns the output path of every page and static file, sorted;
// not those of the search indexes, which a build names as it builds them
// (see RenderAll).
func (s *Site) Paths() []string {
	static := s.r.StaticPaths()
	out := make([]string, 0, len(s.pages)+len(static))
	for p := range s.pages {
		out = append(out, p)
	}
	out = append(out, static...)
	sort.Strings(out)
	return out
}

// Counts returns how many of the planned pages are HTML pages and how many
// are feeds, for the line a build ends with.
func (s *Site) Counts() (pages, feeds int) {
	for _, p := range s.pages {
		switch f := p.File(); {
		case strings.HasSuffix(f, ".html"):
			pages++
		case path.Base(f) == "feed.xml" || path.Base(f) == "atom.xml" || path.Base(f) == "feed.json":
			feeds++
		}
	}
	return pages, feeds
}

// Page returns the planned page at path, or nil.
func (s *Site) Page(path string) *Page { return s.pages[path] }

// Pages returns every planned page, sorted by path.
func (s *Site) Pages() []*Page {
	out := make([]*Page, 0, len(s.pages))
	for _, p := range s.pages {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// LayoutSum returns a hash of the templates that render the page at path
// (its kinds' layouts, base.html and the partials they call, as parsed),
// and false for a page rendered without layouts or not planned. The
// preview server compares it across a layout edit: a page whose sum did
// not change renders the same, so an edit to a partial reaches only the
// pages that call it.
func (s *Site) LayoutSum(path string) ([32]byte, bool) {
	p := s.pages[path]
	if p == nil || len(p.Layouts) == 0 {
		return [32]byte{}, false
	}
	return s.r.LayoutSum(p.Layouts...)
}

// Static returns the static file at output path, if any.
func (s *Site) Static(path string) ([]byte, bool) { return s.r.Static(path) }

// Lookup returns the page at path, building a search index on demand in
// the preview server.
func (s *Site) Lookup(path string) *Page {
	if p := s.pages[path]; p != nil {
		return p
	}
	if b, ok := s.search.Find(path); ok {
		return &Page{Path: path, Deps: []string{everything}, render: func(*Site, *Page) ([]byte, error) { return b, nil }}
	}
	return nil
}

// Render renders one page.
func (s *Site) Render(p *Page) ([]byte, error) {
	b, err := p.render(s, p)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p.Path, err)
	}
	if p.finished {
		return b, nil
	}
	return s.r.Minify(p.mediaType, b), nil
}

// renderOrder splits the planned pages into the heavy ones, the print
// pages (each holds a whole edition), by path so that each language's come
// together, its editions in order, and the light ones, lineage by
// lineage: by language, then by the chapter they show (its stable,
// permanent, redline and history pages one after the other), then by
// path, the pages of no chapter last. A chapter's body is then minified
// once for all its pages while it is still in the renderer's small cache
// of minified bodies (render.bodies), which need not hold a whole
// edition.
func (s *Site) renderOrder() (heavy, light []*Page) {
	for _, p := range s.Pages() {
		if len(p.Layouts) == 1 && p.Layouts[0] == "print" {
			heavy = append(heavy, p)
		} else {
			light = append(light, p)
		}
	}
	lang := func(p *Page) string { l, _, _ := strings.Cut(p.Path, "/"); return l }
	slices.SortStableFunc(light, func(a, b *Page) int {
		return cmp.Or(
			strings.Compare(lang(a), lang(b)),
			cmp.Compare(boolInt(a.chapter == ""), boolInt(b.chapter == "")),
			strings.Compare(a.chapter, b.chapter),
			strings.Compare(a.Path, b.Path))
	})
	return heavy, light
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WithViews returns the same site, rendering through views: it receives
// the view hash of every page rendered through the layouts and says
// whether the page's previous file was kept instead, which RenderAll then
// does not write (a build over a previous output).
func (s *Site) WithViews(views func(file string, view [32]byte) (kept bool)) *Site {
	c := *s
	c.r = s.r.WithViews(views)
	return &c
}

// WriteFunc receives each output file; it is called from several goroutines.
type WriteFunc func(rel string, data []byte) error

// RenderAll renders every page and static file, using every core, and
// passes each to write as soon as it is made: nothing rendered is kept.
// Output is deterministic: the same input gives the same bytes.
//
// Memory is that of the Markdown of the handbook and of a few pages at a
// time. The heavy work, each of which holds a whole edition at once, goes
// in one lane, one after the other, while the other cores render the
// light pages: the search indexes, a language at a time, its editions in
// order (searchpages.WriteLang), then the print pages, whose print
// renderings of the chapters are dropped once the last print page that
// shows them is done (prep.PrintDoc).
func (s *Site) RenderAll(ctx context.Context, write WriteFunc) error {
	heavy, light := s.renderOrder()
	for _, p := range s.r.StaticPaths() {
		b, _ := s.r.Static(p)
		if err := write(p, b); err != nil {
			return err
		}
	}
	// Minified pages go into buffers used again by the next pages: write
	// does not keep the bytes it is given.
	var bufs sync.Pool
	page := func(p *Page) error {
		b, err := p.render(s, p)
		if errors.Is(err, render.ErrUnchanged) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("render %s: %w", p.Path, err)
		}
		if !s.r.Minifies() || p.mediaType == "" || p.finished {
			return write(p.File(), b)
		}
		bp, _ := bufs.Get().(*[]byte)
		if bp == nil {
			bp = new([]byte)
		}
		defer func() {
			if cap(*bp) <= 512<<10 { // not a print page's: see render's maxPooled
				bufs.Put(bp)
			}
		}()
		var ok bool
		if *bp, ok = s.r.AppendMinified((*bp)[:0], p.mediaType, b); ok {
			return write(p.File(), *bp)
		}
		// Published as rendered, as Render does: the failed attempt may
		// have edited b, so the page is rendered again.
		if b, err = p.render(s, p); err != nil {
			return fmt.Errorf("render %s: %w", p.Path, err)
		}
		return write(p.File(), b)
	}
	return par.Do(ctx, 1+len(light), func(i int) error {
		if i > 0 {
			return page(light[i-1])
		}
		if !s.p.Options().Preview { // the preview server builds an index when asked for it
			for _, lang := range s.p.Langs() {
				if err := s.search.WriteLang(ctx, lang, write); err != nil {
					return err
				}
			}
		}
		for _, p := range heavy {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := page(p); err != nil {
				return err
			}
		}
		return nil
	})
}
