// Package site renders a loaded handbook through the layouts into the pages
// of the static site: every page is planned first (its path and how to
// render it), so that build renders them all in parallel and the preview
// server renders only those a browser asks for.
package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"example.com/handbook/build/assets"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/i18n"
	"example.com/handbook/build/internal/par"
	"example.com/handbook/build/markdown"
	"example.com/handbook/build/search"
)

// Options configure how the site is rendered.
type Options struct {
	// Drafts publishes draft editions and draft chapters, marked, at their
	// permanent URLs (build -drafts, serve). A draft never becomes current.
	Drafts bool
	// BaseURL overrides handbook.yaml's base_url when set.
	BaseURL string
	// Minify minifies HTML, CSS and JavaScript.
	Minify bool
	// Preview is set by the preview server: static files are not
	// fingerprinted.
	Preview bool
	// Layouts and Static are the default layouts and static files; the
	// source's own layouts/ and static/ override them file by file.
	Layouts, Static fs.FS
	// Cache, when set, keeps rendered Markdown across builds (serve).
	Cache *DocCache
}

// Site is a handbook prepared for rendering: Markdown rendered, links
// checked, pages planned. Its methods are safe for concurrent use.
type Site struct {
	h         *content.Handbook
	src       fs.FS
	opts      Options
	baseURL   string
	tmpl      *templates
	minifier  *assets.Minifier
	static    map[string][]byte // output path -> bytes
	assetBase string            // "assets/<hash>/"
	pub       []*content.Edition
	docs      map[*content.ChapterText]*markdown.Doc
	notes     map[*content.EditionText]*markdown.Doc
	lineage   *lineage
	pages     map[string]*Page
	redlines  sync.Map       // redlineKey -> *redlineOnce
	indexes   sync.Map       // lang + "\x00" + edition -> *searchIndex
	searcher  search.Builder // tokenises a chapter once for every index holding it
	// views, when set, receives the view hash of every page rendered
	// through the layouts, and says whether its previous file was kept
	// instead (a build over a previous output; see viewhash.go).
	views    func(file string, view [32]byte) (kept bool)
	typeset  sync.Map                      // *content.ChapterText -> *content.FrontMatter
	deps     map[*content.Chapter][]string // chapterDeps, filled while planning
	catalogs map[string]*i18n.Catalog
}

// Page is one file of the output.
type Page struct {
	// Path is the output path relative to the site root ("fr/netiquette/"
	// for a folder page, "fr/feed.xml" for a file).
	Path string
	// Deps are the source files whose change changes this page (paths
	// relative to the source folder); "*" means every content file.
	Deps   []string
	render func(s *Site, p *Page) ([]byte, error)
	// mediaType drives minification.
	mediaType string
}

// File returns the file the page is written to.
func (p *Page) File() string { return fileOf(p.Path) }

// New prepares h for rendering. src is the source folder (for layouts/ and
// static/ overrides and edition images). It returns every located problem
// found on the way (broken links, missing images, bad templates).
func New(ctx context.Context, src fs.FS, h *content.Handbook, opts Options) (*Site, diag.List) {
	var dl diag.List
	s := newSite(src, h, opts)
	if h.Current == nil {
		dl.Errorf(h.Settings.File, 0, "no released edition is in force on %s: release one with \"handbook release ID\"", h.Today.Format("2006-01-02"))
		return nil, dl
	}
	tm, tdl := loadTemplates(src, opts.Layouts)
	dl.Add(tdl...)
	s.tmpl = tm
	st, sdl := s.loadStatic(src, opts.Static)
	dl.Add(sdl...)
	s.static = st
	dl.Add(s.renderMarkdown(ctx)...)
	dl.Add(s.checkLinks()...)
	s.lineage = buildLineage(s)
	dl.Add(s.driftWarnings()...)
	if dl.HasErrors() {
		return s, dl
	}
	// Sized up front: a 20,000-page handbook plans some 60,000 pages, and
	// growing the map step by step costs the preview server on every save.
	n := 0
	for _, e := range s.pub {
		n += len(e.Chapters)
	}
	s.pages = make(map[string]*Page, 4*n*len(s.langs())+64)
	s.plan()
	return s, dl
}

// newSite sets up what New and Check share: the settings as given by
// opts, the interface strings, and the editions that get pages.
func newSite(src fs.FS, h *content.Handbook, opts Options) *Site {
	s := &Site{
		h:        h,
		src:      src,
		opts:     opts,
		baseURL:  h.Settings.BaseURL,
		docs:     map[*content.ChapterText]*markdown.Doc{},
		notes:    map[*content.EditionText]*markdown.Doc{},
		pages:    map[string]*Page{},
		catalogs: map[string]*i18n.Catalog{},
	}
	if opts.BaseURL != "" {
		s.baseURL = opts.BaseURL
		if !strings.HasSuffix(s.baseURL, "/") {
			s.baseURL += "/"
		}
	}
	if opts.Minify {
		s.minifier = assets.NewMinifier()
	}
	for _, l := range h.Settings.Languages {
		s.catalogs[l] = i18n.For(l)
	}
	for _, e := range h.Editions {
		if e.Status != content.Draft || opts.Drafts {
			s.pub = append(s.pub, e)
		}
	}
	return s
}

// Handbook returns the model the site was prepared from.
func (s *Site) Handbook() *content.Handbook { return s.h }

// Paths returns the output path of every page and static file, sorted.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.pages)+len(s.static))
	for p := range s.pages {
		out = append(out, p)
	}
	for p := range s.static {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
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

// Static returns the static file at output path, if any.
func (s *Site) Static(path string) ([]byte, bool) {
	b, ok := s.static[path]
	return b, ok
}

// Render renders one page.
func (s *Site) Render(p *Page) ([]byte, error) {
	b, err := p.render(s, p)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", p.Path, err)
	}
	if s.minifier != nil && p.mediaType != "" {
		// A page the minifier cannot parse (raw HTML an author let through
		// with unsafe_html) is published as rendered rather than failing
		// the whole build.
		if m, err := s.minifier.Minify(p.mediaType, b); err == nil {
			b = m
		}
	}
	return b, nil
}

// WriteFunc receives each output file; it is called from several goroutines.
type WriteFunc func(rel string, data []byte) error

// RenderAll renders every page and static file, using every core, and
// passes each to write. Output is deterministic: the same input gives the
// same bytes.
func (s *Site) RenderAll(ctx context.Context, write WriteFunc) error {
	pages := s.Pages()
	for _, p := range sortedKeys(s.static) {
		if err := write(p, s.static[p]); err != nil {
			return err
		}
	}
	return parallel(ctx, len(pages), func(i int) error {
		b, err := s.Render(pages[i])
		if errors.Is(err, errUnchanged) {
			return nil
		}
		if err != nil {
			return err
		}
		return write(pages[i].File(), b)
	})
}

// parallel runs f(0..n-1) on every core and returns the first error.
func parallel(ctx context.Context, n int, f func(i int) error) error { return par.Do(ctx, n, f) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *Site) t(lang string) *i18n.Catalog { return s.catalogs[lang] }

func (s *Site) langs() []string { return s.h.Settings.Languages }

func (s *Site) otherLangs(lang string) []string {
	var out []string
	for _, l := range s.langs() {
		if l != lang {
			out = append(out, l)
		}
	}
	return out
}

func (s *Site) isPublished(e *content.Edition) bool {
	for _, p := range s.pub {
		if p == e {
			return true
		}
	}
	return false
}

// Check runs the checks that need the Markdown parse (links, anchors,
// images, layouts) and warns about translations an edition left behind,
// without planning or rendering any page. `handbook check` and `release`
// use it.
func Check(ctx context.Context, src fs.FS, h *content.Handbook, opts Options) diag.List {
	s := newSite(src, h, opts)
	var dl diag.List
	_, tdl := loadTemplates(src, opts.Layouts)
	dl.Add(tdl...)
	dl.Add(s.renderMarkdown(ctx)...)
	dl.Add(s.checkLinks()...)
	s.lineage = buildLineage(s)
	dl.Add(s.driftWarnings()...)
	return dl.Sort()
}

// driftWarnings reports, on the translation's file, a chapter whose
// reference text changed in an edition while the translation did not, or
// the reverse.
func (s *Site) driftWarnings() diag.List {
	var dl diag.List
	ref := s.h.Settings.Reference()
	for _, e := range s.pub {
		for _, ch := range s.lineage.changes[e] {
			if ch.Old == nil || ch.New == nil {
				continue
			}
			refChanged := ch.textChanged(ref)
			for _, l := range s.otherLangs(ref) {
				t := ch.New.Texts[l]
				if t == nil || ch.textChanged(l) == refChanged {
					continue
				}
				if refChanged {
					dl.Warnf(t.File, 1, "translation may be out of date: the %s text changed in edition %s but this file did not", ref, e.ID)
				} else {
					dl.Warnf(t.File, 1, "translation changed in edition %s but the %s text did not: update the reference text or check this change", e.ID, ref)
				}
			}
		}
	}
	return dl
}
