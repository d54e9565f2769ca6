package serve

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/site"
	"example.com/handbook/build/site/prep"
)

// Server is the preview server's HTTP handler and its state: the last
// good site, the pages rendered from it so far, the errors of the last
// rebuild, and the browsers listening for changes. Rebuilds run one at a
// time; requests are served meanwhile from the last good site.
type Server struct {
	o         config.Options
	fsys      fs.FS
	closeFS   func() error
	docs      *prep.DocCache
	hosts     *hostPolicy
	saves     saveLog // when recent saves happened, for serve -v
	events    *broker
	reload    []byte        // the reload script
	done      chan struct{} // closed to end the event streams
	ending    sync.Once
	closeOnce sync.Once

	// rebuildMu serialises rebuilds; the fields below it belong to the
	// goroutine that holds it.
	rebuildMu sync.Mutex
	tree      *content.Tree
	// model is the last validated model, with its diagnostics and the day
	// it was validated for.
	model      *content.Handbook
	modelDiags diag.List
	modelToday time.Time
	pending    []string  // changes not yet in a good site
	printed    diag.List // the diagnostics last printed

	mu    sync.RWMutex
	site  *site.Site // last good site; nil until one builds
	gen   uint64     // generation of site, counted from 1
	cache map[string]*entry
	errs  diag.List // errors of the last rebuild; nil when it succeeded
	// cssGen is the generation at which each stylesheet last changed: a tab
	// whose page is older swaps it when its stream opens, since the change
	// may have come between its page load and its stream.
	cssGen map[string]uint64
}

// entry is one rendered response, as served.
type entry struct {
	body   []byte
	ctype  string
	status int
	gen    uint64 // generation of the site it was rendered from
	shell  string // an HTML page's shellHash
}

// reloadScript is where the reload script lives among the static files
// (config.Options.Static); serve reads it from there and no page of a build
// links it.
const reloadScript = "js/serve/reload.js"

// New loads the source and prepares the first site. Content errors do not
// stop it: the server then shows them until they are fixed. It returns an
// error when the source cannot be opened or the reload script is missing.
// Call Close when done.
func New(ctx context.Context, o config.Options) (*Server, error) {
	o = withDefaults(o)
	script, err := fs.ReadFile(o.Static, reloadScript)
	if err != nil {
		return nil, fmt.Errorf("reload script: %w", err)
	}
	root, err := content.OpenSource(o.Source)
	if err != nil {
		return nil, err
	}
	fsys, closeFS := root.FS(), root.Close
	s := &Server{
		o: o, fsys: fsys, closeFS: closeFS,
		docs:   prep.NewDocCache(),
		hosts:  newHostPolicy(o.Addr, o.AllowedHosts),
		events: newBroker(),
		reload: script,
		done:   make(chan struct{}),
		cache:  map[string]*entry{},
		cssGen: map[string]uint64{},
	}
	s.rebuild(ctx, nil)
	return s, nil
}

// Close ends the event streams and releases the source folder. It does not
// stop an http.Server using s (Run does that), and must not be called
// while a rebuild runs.
func (s *Server) Close() error {
	s.endStreams()
	var err error
	s.closeOnce.Do(func() { err = s.closeFS() })
	return err
}

// endStreams ends every event stream, open or to come.
func (s *Server) endStreams() { s.ending.Do(func() { close(s.done) }) }

// Errors returns the errors of the last rebuild (nil when it succeeded).
func (s *Server) Errors() diag.List {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.errs)
}

// Site returns the last good site, or nil when none built yet.
func (s *Server) Site() *site.Site {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.site
}

// rebuildResult says what one rebuild did, for the terminal and tests.
type rebuildResult struct {
	ok       bool
	save     uint64 // the generation it made (0 when it failed)
	took     time.Duration
	sent     time.Time // when its events were queued
	dropped  []string  // cached pages invalidated
	updated  []string  // open pages told to update in place
	all      bool      // every page may have changed (settings, rescan)
	reloaded bool      // every open page told to reload
	css      []string  // stylesheets swapped in place
}

// rebuild loads the source again after the given changes (nil: the first
// load), and, when it has no errors, makes it the served site: the cached
// pages the changes affect are dropped and only the browsers showing them
// are told to update. With errors, the last good site stays and the
// browsers show the errors.
func (s *Server) rebuild(ctx context.Context, changed []string) rebuildResult {
	s.rebuildMu.Lock()
	defer s.rebuildMu.Unlock()
	start := time.Now()
	s.pending = append(s.pending, changed...)
	// A rebuild, once started, finishes: a site half prepared is of no use
	// and the next one would redo the work.
	ctx = context.WithoutCancel(ctx)

	today, err := s.o.Today()
	var dl diag.List
	var next *site.Site
	if err != nil {
		dl.Errorf(content.ContentDir, 0, "%v", err)
	} else {
		next, dl = s.build(ctx, changed, today)
	}
	dl = dl.Sort()
	s.print(dl)

	if dl.HasErrors() || next == nil {
		errs := dl.Errors()
		if len(errs) == 0 {
			errs.Errorf(content.ContentDir, 0, "the site could not be prepared")
		}
		s.mu.Lock()
		s.errs = errs
		s.events.send(errorsEvent(errs))
		s.mu.Unlock()
		return rebuildResult{took: time.Since(start), sent: time.Now()}
	}

	c := classify(s.pending)
	res := rebuildResult{ok: true, css: c.css}
	// s.site and s.gen change only here, under rebuildMu: they can be read
	// without mu.
	old := s.site
	if old == nil {
		c.all = true
	} else {
		c.widen(old.Handbook(), next.Handbook())
	}
	res.all = c.updateAll()
	var pushed map[string]*entry
	if !c.reloadAll() && (c.updateAll() || c.hasContent() || c.layouts) {
		pushed = s.prerender(old, next, s.gen+1, c)
	}
	s.mu.Lock()
	for key := range s.cache {
		if c.drop(old, next, key) {
			delete(s.cache, key)
			res.dropped = append(res.dropped, key)
		}
	}
	s.site = next
	s.gen++
	res.save = s.gen
	for key, e := range pushed {
		s.cache[key] = e
	}
	hadErrors := s.errs != nil
	s.errs = nil
	if hadErrors {
		s.events.send(errorsEvent(nil))
	}
	if len(c.css) > 0 {
		for _, f := range c.css {
			s.cssGen[f] = s.gen
		}
		s.events.send(newEvent("css", cssData{Files: c.css}))
	}
	if c.reloadAll() {
		res.reloaded = true
		s.events.send(newEvent("reload", reloadData{All: true, Save: s.gen}))
	} else if c.updateAll() || c.hasContent() || c.layouts {
		for _, p := range s.events.pages() {
			if c.update(old, next, p) {
				res.updated = append(res.updated, p)
			}
		}
		save, report := s.gen, s.o.Verbose
		s.events.sendPages(res.updated, func(page string) event {
			d := reloadData{Pages: []string{page}, Save: save, Report: report}
			if e := pushed[page]; e != nil {
				d.withParts(e)
			}
			return newEvent("update", d)
		})
	}
	res.sent = time.Now()
	s.mu.Unlock()
	slices.Sort(res.dropped)
	s.pending = nil
	s.retainDocs(next)
	res.took = res.sent.Sub(start)
	return res
}

// prerender renders, from next (generation gen), the HTML pages of the
// open tabs that the change c updates, so that their update events carry
// the new page and the tabs need not ask for it: one request and one
// render on demand fewer between the save and the screen. A page that
// fails to render is left to the tab's request.
func (s *Server) prerender(old, next *site.Site, gen uint64, c *change) map[string]*entry {
	var keys []string
	for _, p := range s.events.pages() {
		if isHTML(p) && c.update(old, next, p) {
			keys = append(keys, p)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	entries := make([]*entry, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() { entries[i] = s.render(next, gen, k) })
	}
	wg.Wait()
	out := make(map[string]*entry, len(keys))
	for i, e := range entries {
		if e != nil && e.status == http.StatusOK {
			out[keys[i]] = e
		}
	}
	return out
}

// withParts fills d with the parts of the page e holds.
func (d *reloadData) withParts(e *entry) {
	ps, _ := cutParts(e.body)
	if ps.main == nil {
		return // the tab fetches the page, and reloads
	}
	d.Gen, d.Shell = e.gen, e.shell
	d.Title = html.UnescapeString(string(ps.title))
	d.Banner, d.Since, d.Main = string(ps.banner), string(ps.since), string(ps.main)
}

// build reads the changed files again and prepares a site from the model.
func (s *Server) build(ctx context.Context, changed []string, today time.Time) (*site.Site, diag.List) {
	var contentChanged []string
	full := s.tree == nil
	for _, p := range changed {
		if p == rescan || p == "content" || p == "content/" {
			full = true // a rescan, or content/ itself replaced
		}
		if strings.HasPrefix(p, "content/") || p == "content" {
			contentChanged = append(contentChanged, p)
		}
	}
	switch {
	case full:
		s.tree = content.ReadTree(s.fsys)
	case len(contentChanged) > 0:
		s.tree = s.tree.Reread(s.fsys, contentChanged...)
	}
	// A change of layouts or static files alone reuses the model.
	if full || len(contentChanged) > 0 || s.model == nil || !today.Equal(s.modelToday) {
		s.model, s.modelDiags = content.Validate(s.tree, content.LoadOptions{Today: today, Drafts: true})
		s.modelToday = today
	}
	h, dl := s.model, slices.Clone(s.modelDiags)
	if dl.HasErrors() {
		return nil, dl
	}
	opts := s.o
	opts.Drafts, opts.Preview, opts.Minify, opts.BaseURL = true, true, false, ""
	if h.Settings.BaseURL != "" {
		// Feeds, canonical links, the root redirect and the 404 page point
		// at the preview, not at the intranet.
		opts.BaseURL = baseURL(s.o)
	}
	// After an edit that changes no page's existence (a body, a title),
	// the plan of the last good site is reused.
	next, sdl, err := site.Replan(ctx, s.site, s.fsys, h, opts, s.docs)
	dl.Add(sdl...)
	if err != nil {
		// rebuild never cancels: a site half prepared is of no use.
		dl.Errorf(content.ContentDir, 0, "%v", err)
	}
	return next, dl
}

// retainDocs drops from the Markdown cache the bodies the site no longer
// uses, so that the cache does not grow with every edit.
func (s *Server) retainDocs(st *site.Site) {
	type key struct {
		lang string
		hash [32]byte
	}
	n := 0
	for _, e := range st.Handbook().Editions {
		n += len(e.Chapters)*len(st.Handbook().Settings.Languages) + len(e.Texts)
	}
	keep := make(map[key]bool, n)
	for _, e := range st.Handbook().Editions {
		for _, c := range e.Chapters {
			for _, ct := range c.Texts {
				keep[key{ct.Lang, ct.Hash}] = true
			}
		}
		for _, et := range e.Texts {
			keep[key{et.Lang, sha256.Sum256(et.Body)}] = true
		}
	}
	s.docs.Retain(func(lang string, hash [32]byte) bool { return keep[key{lang, hash}] })
}

// print writes the diagnostics to the terminal when they differ from the
// ones printed last, so that saving again with the same fault does not
// repeat a screenful; it says so when the last fault is fixed.
func (s *Server) print(dl diag.List) {
	prev := s.printed
	if slices.Equal(dl, prev) {
		return
	}
	s.printed = dl
	if len(dl) == 0 {
		fmt.Fprintln(s.o.Stderr, "content OK: no more errors or warnings")
		return
	}
	var b strings.Builder
	for _, d := range dl {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	io.WriteString(s.o.Stderr, b.String())
}

// subscribe registers an event stream for a tab showing page, rendered
// from generation gen. It runs under the lock rebuild swaps sites with, so
// a tab either gets the next rebuild's events or is told now that its page
// is stale (it was rendered before a rebuild it did not hear of) and
// updates it.
func (s *Server) subscribe(page string, gen uint64) *subscriber {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sub := s.events.subscribe(page)
	if s.errs != nil {
		sendTo(sub, errorsEvent(s.errs))
	}
	if e := s.cache[page]; s.site != nil && (e == nil || e.gen != gen) {
		sendTo(sub, newEvent("update", reloadData{Pages: []string{page}, Save: s.gen, Report: s.o.Verbose}))
		return sub
	}
	var stale []string
	for f, g := range s.cssGen {
		if g > gen {
			stale = append(stale, f)
		}
	}
	if len(stale) > 0 {
		slices.Sort(stale)
		sendTo(sub, newEvent("css", cssData{Files: stale}))
	}
	return sub
}
