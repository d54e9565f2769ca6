// Package render turns the prepared handbook into the HTML pages of the
// site: the data each layout receives (views), the layouts themselves
// (templates, with the source's overrides), and the static files. It
// renders one page at a time, as the page plan (build/site) asks.
package render

import (
	"errors"
	"html/template"
	"maps"
	"slices"
	"strings"

	"example.com/handbook/build/assets"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/search"
	"example.com/handbook/build/site/prep"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/site/viewhash"
)

// ErrUnchanged is what rendering a page returns when its previous file
// was kept instead (see WithViews).
var ErrUnchanged = errors.New("page unchanged: previous file kept")

// Renderer renders the pages of a prepared site. It does not change once
// made and is safe for concurrent use.
type Renderer struct {
	*prep.Site
	tmpl      *templates
	minifier  *assets.Minifier
	static    map[string][]byte // output path -> bytes
	assetBase string            // "assets/<hash>/"
	// has reports whether a page is planned at an output path.
	has func(path string) bool
	// views, when set, receives the view hash of every page rendered
	// through the layouts, and says whether its previous file was kept
	// instead (a build over a previous output).
	views func(file string, view [32]byte) (kept bool)
	// bodies keeps the minified bodies of chapters (see assemble.go).
	bodies *bodies
	// scratch holds the buffers pages are minified in (see assemble.go).
	scratch *scratch
	// searchPrefetch is the search page's inline script, made once.
	searchPrefetch template.JS
}

// New reads the layouts and static files of p's source (over the defaults
// of p's options) and returns the renderer of p's pages; has says which
// output paths hold a page (links to the same page in another language
// fall back to its home). It returns the problems of the layouts and the
// static files.
func New(p *prep.Site, has func(path string) bool) (*Renderer, diag.List) {
	r := &Renderer{Site: p, has: has, bodies: newBodies(), scratch: new(scratch), searchPrefetch: template.JS(search.PrefetchScript())}
	opts := p.Options()
	if opts.Minify {
		r.minifier = assets.NewMinifier()
	}
	var dl diag.List
	tm, tdl := loadTemplates(p.Source(), opts.Layouts, p.Cache())
	dl.Add(tdl...)
	r.tmpl = tm
	st, sdl := r.loadStatic(p.Source(), opts.Static)
	dl.Add(sdl...)
	r.static = st
	return r, dl
}

// WithViews returns a renderer that passes each page's view hash to views
// before rendering it, and returns ErrUnchanged when views says the
// previous file was kept.
func (s *Renderer) WithViews(views func(file string, view [32]byte) (kept bool)) *Renderer {
	c := *s
	c.views = views
	return &c
}

// StaticPaths returns the output paths of the static files, sorted.
func (s *Renderer) StaticPaths() []string { return slices.Sorted(maps.Keys(s.static)) }

// Static returns the static file at output path, if any.
func (s *Renderer) Static(path string) ([]byte, bool) {
	b, ok := s.static[path]
	return b, ok
}

// Minify minifies b of mediaType when the site is minified. A page the
// minifier cannot parse (raw HTML an author let through with unsafe_html)
// is published as rendered rather than failing the whole build.
func (s *Renderer) Minify(mediaType string, b []byte) []byte {
	if s.minifier != nil && mediaType != "" {
		if m, err := s.minifier.Minify(mediaType, b); err == nil {
			return m
		}
	}
	return b
}

// AppendMinified appends b minified as mediaType to dst, the way Minify
// does, when the site is minified and b's media type is one it minifies;
// otherwise, or when the minifier cannot parse b, it reports false and
// dst is as given. The minifier edits b in place: b is the caller's, to
// be rendered again if it reports false after trying.
func (s *Renderer) AppendMinified(dst []byte, mediaType string, b []byte) ([]byte, bool) {
	if s.minifier == nil || mediaType == "" {
		return dst, false
	}
	out, err := s.minifier.AppendMinified(dst, mediaType, b)
	if err != nil {
		return dst, false
	}
	return out, true
}

// Minifies reports whether AppendMinified may edit its input.
func (s *Renderer) Minifies() bool { return s.minifier != nil }

// base fills what every page shares.
func (s *Renderer) base(path string, kind, lang, title string, e *content.Edition) *pageData {
	L := s.T(lang)
	d := &pageData{
		Kind:      kind,
		Lang:      lang,
		L:         L,
		Root:      route.RootOf(path),
		Path:      path,
		SiteTitle: s.SiteTitle(lang),
		Title:     title,
		CSS:       route.Rel(path, s.assetBase+"css/site.css"),
		JS:        route.Rel(path, s.assetBase+"js/main.js"),
		Assets:    route.Rel(path, s.assetBase),
		Current:   s.Handbook().Current.ID,
		Nav: nav{
			Home:      route.Rel(path, route.LangHome(lang)),
			Contents:  route.Rel(path, route.LangHome(lang)) + "#contents",
			Editions:  route.Rel(path, lang+"/editions/"),
			Search:    route.Rel(path, lang+"/search/"),
			Subscribe: route.Rel(path, lang+"/subscribe/"),
			Print:     route.Rel(path, lang+"/print/"),
			Tags:      route.Rel(path, lang+"/tags/"),
		},
	}
	if s.BaseURL() != "" {
		d.Feed = route.Rel(path, lang+"/feed.xml")
		d.Atom = route.Rel(path, lang+"/atom.xml")
		d.JSONFeed = route.Rel(path, lang+"/feed.json")
		d.Canonical = s.Abs(path)
	}
	if e != nil {
		d.Edition = s.editionView(lang, path, e)
		if e.Status == content.Past {
			// The current edition is for the "changed since your last
			// visit" script, which reading a past edition does not move;
			// leaving it out keeps past pages the same when an edition is
			// released, so a rebuild keeps them instead of rendering them.
			d.Current = ""
		}
	}
	if d.Current != "" && kind != "notfound" {
		// "Changed since your last visit": on every page of the present,
		// shown once by read.js on the first page a reader opens after
		// an edition came into force.
		cur := s.Handbook().Current
		d.Notice = &notice{Edition: cur.ID, Href: route.Rel(path, route.EditionChanges(lang, cur))}
	}
	for _, l := range s.Langs() {
		to := s.swapLang(path, lang, l)
		if !s.has(to) {
			to = route.LangHome(l)
		}
		d.Alternates = append(d.Alternates, alternate{Lang: l, Name: langName(l), Href: route.Rel(path, to), Abs: s.Abs(to)})
	}
	return d
}

func langName(l string) string {
	switch l {
	case "fr":
		return "Français"
	case "en":
		return "English"
	}
	return l
}

// swapLang returns the path of the same page in another language; tag
// pages map to the tag list since tag names are translated, and a
// chapter's pages take the chapter's slug in that language.
func (s *Renderer) swapLang(p, from, to string) string {
	rest := strings.TrimPrefix(p, from+"/")
	if strings.HasPrefix(rest, "tags/") && rest != "tags/" {
		return to + "/tags/"
	}
	parts := strings.SplitN(rest, "/", 3)
	switch {
	case len(parts) >= 2 && content.ValidEditionID(parts[0]):
		// An edition's page: <edition>/<slug>/...
		if len(parts) == 3 {
			if e := s.Handbook().Edition(parts[0]); e != nil {
				if c := e.ChapterAt(from, parts[1]); c != nil {
					parts[1] = c.URLSlug(to)
				}
			}
		}
	case len(parts) >= 2 && parts[0] != "":
		// A stable page: <slug>/..., the current wording's slug, else the
		// newest wording's that had it in from (a removed chapter, a
		// slug given up).
		if c := s.Handbook().Current.ChapterAt(from, parts[0]); c != nil {
			parts[0] = c.URLSlug(to)
			break
		}
		pub := s.Published()
		for i := len(pub) - 1; i >= 0; i-- {
			if c := pub[i].ChapterAt(from, parts[0]); c != nil {
				parts[0] = c.URLSlug(to)
				break
			}
		}
	}
	return to + "/" + strings.Join(parts, "/")
}

// editionBanner says, on pages of an edition other than the current one,
// which rule is in force.
func (s *Renderer) editionBanner(lang, page string, e *content.Edition, stableTarget string) *banner {
	L := s.T(lang)
	switch e.Status {
	case content.Draft:
		return &banner{Kind: "draft", Text: L.T("draft_banner")}
	case content.Upcoming:
		return &banner{Kind: "upcoming", Text: L.Tf("upcoming_banner", e.ID, L.Date(e.Date))}
	case content.Past:
		b := &banner{Kind: "past", Text: L.Tf("past_banner", e.ID)}
		if stableTarget != "" {
			b.LinkText, b.Href = L.T("read_current_wording"), route.Rel(page, stableTarget)
		}
		return b
	}
	return nil
}

func (s *Renderer) execute(kind string, d *pageData) ([]byte, error) {
	if s.unchanged(kind, d) {
		return nil, ErrUnchanged
	}
	return s.tmpl.execute(kind, d)
}

// unchanged passes the view hash of page kind with d to views, if any, and
// reports whether the page's previous file was kept instead.
func (s *Renderer) unchanged(kind string, d *pageData) bool {
	if s.views != nil && d.Path != "" && s.has(d.Path) {
		if sum, err := viewhash.Hash(s.tmpl.sum, kind, d); err == nil && s.views(route.FileOf(d.Path), sum) {
			return true
		}
	}
	return false
}
