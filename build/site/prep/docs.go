package prep

import (
	"context"
	"crypto/sha256"
	"fmt"
	"path"
	"strings"
	"sync"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/markdown"
	"example.com/handbook/build/site/route"
)

// docKey identifies one distinct rendering: a body is rendered once per
// language, footnote prefix and text, however many editions share it.
type docKey struct {
	lang, prefix string
	unsafe       bool
	hash         [32]byte
}

// DocCache keeps rendered Markdown by content, so that a chapter unchanged
// between editions, or between two rebuilds of the preview server, is
// rendered once; with a pack on disk, once across builds. It is safe for
// concurrent use.
type DocCache struct {
	mu   sync.Mutex
	docs map[docKey]*docEntry
	// renderers per language and raw-HTML setting.
	renderers map[string]*markdown.Renderer
	disk      *cache.Pack // nil: memory only
	// latest keeps, per kind, the last value a later stage made from
	// inputs with a given hash (render's parsed layouts), so that the
	// preview server does not parse unchanged layouts on every save. One
	// per kind: the cache does not grow with edits.
	latest map[string]memo
	// typeset keeps the typeset front matter of the texts the last New
	// prepared (see typesetter).
	tmu     sync.Mutex
	typeset map[*content.ChapterText]*content.FrontMatter
}

// typesetter returns typeset remembered across calls of New: a text the
// last one typeset is not typeset again. The tree keeps the parsed text
// of each unchanged file from one reading to the next (content.Tree.Reread),
// so after a save only the saved file's text is new; a 20,000-page preview
// would otherwise typeset every title on each save. done keeps what this
// New typeset, and only that, for the next; New calls the two from one
// goroutine.
func (c *DocCache) typesetter(n int) (typeset func(ct *content.ChapterText) *content.FrontMatter, done func()) {
	c.tmu.Lock()
	prev := c.typeset
	c.tmu.Unlock()
	next := make(map[*content.ChapterText]*content.FrontMatter, n)
	typeset = func(ct *content.ChapterText) *content.FrontMatter {
		m := prev[ct]
		if m == nil {
			m = typesetText(ct)
		}
		next[ct] = m
		return m
	}
	done = func() {
		c.tmu.Lock()
		c.typeset = next
		c.tmu.Unlock()
	}
	return typeset, done
}

type memo struct {
	key   [32]byte
	value any
}

// Latest returns the value kept for kind if it was made from inputs
// hashing to key, else the one make returns, then kept. Values must be
// safe for concurrent use and never changed once made.
func (c *DocCache) Latest(kind string, key [32]byte, make func() any) any {
	c.mu.Lock()
	if m, ok := c.latest[kind]; ok && m.key == key {
		c.mu.Unlock()
		return m.value
	}
	c.mu.Unlock()
	v := make()
	c.mu.Lock()
	if c.latest == nil {
		c.latest = map[string]memo{}
	}
	c.latest[kind] = memo{key, v}
	c.mu.Unlock()
	return v
}

// NewDocCache returns an empty cache in memory.
func NewDocCache() *DocCache { return NewDiskDocCache(nil) }

// NewDiskDocCache returns a cache that also reads and fills disk, the
// pack of a build cache. The caller saves the pack.
func NewDiskDocCache(disk *cache.Pack) *DocCache {
	return &DocCache{docs: map[docKey]*docEntry{}, renderers: map[string]*markdown.Renderer{}, disk: disk}
}

// diskKey names a rendering in the pack: everything render's output
// depends on. The builder's version is the pack's.
func diskKey(k docKey, shift int) cache.Key {
	unsafe := "0"
	if k.unsafe {
		unsafe = "1"
	}
	return cache.NewKey([]byte("doc"), []byte(k.lang), []byte(k.prefix), []byte(unsafe), []byte{byte(shift)}, k.hash[:])
}

func encodeDoc(d *markdown.Doc) []byte {
	b, _ := d.AppendBinary(nil) // fails on nothing: the encoding is total
	return b
}

func decodeDoc(b []byte) (*markdown.Doc, bool) {
	d := new(markdown.Doc)
	return d, d.UnmarshalBinary(b) == nil
}

func (c *DocCache) renderer(lang string, unsafe bool) *markdown.Renderer {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := fmt.Sprintf("%s/%t", lang, unsafe)
	r := c.renderers[k]
	if r == nil {
		r = markdown.New(markdown.Options{Lang: lang, UnsafeHTML: unsafe})
		c.renderers[k] = r
	}
	return r
}

// render returns the Doc of body, rendering it only when no equal body was
// rendered before. Diagnostics of the Doc have no path and lines counted
// from the body's first line; callers locate them per file.
func (c *DocCache) render(lang, prefix string, unsafe bool, hash [32]byte, body []byte, idPrefix string) *markdown.Doc {
	// Pages that combine chapters (idPrefix set) put each chapter's title
	// in an h2, so its headings go one level down.
	shift := 0
	if idPrefix != "" {
		shift = 1
	}
	k := keyOf(lang, prefix, unsafe, hash, idPrefix)
	c.mu.Lock()
	e := c.docs[k]
	if e == nil {
		e = &docEntry{}
		c.docs[k] = e
	}
	c.mu.Unlock()
	// Two pages asking for the same body at once: one renders, the other
	// waits for it.
	e.once.Do(func() {
		e.doc = cache.Cached(c.disk, diskKey(k, shift), func() *markdown.Doc {
			// Pages that combine chapters show only their HTML; no page
			// shows the plain text of a whole chapter.
			return c.renderer(lang, unsafe).Render(body, markdown.RenderOptions{BodyLine: 1, FootnotePrefix: prefix, IDPrefix: idPrefix, HeadingShift: shift, HTMLOnly: idPrefix != "", NoPlainText: true})
		}, encodeDoc, decodeDoc)
	})
	if e.counted {
		c.mu.Lock()
		if e.uses--; e.uses <= 0 && c.docs[k] == e {
			delete(c.docs, k)
		}
		c.mu.Unlock()
	}
	return e.doc
}

func keyOf(lang, prefix string, unsafe bool, hash [32]byte, idPrefix string) docKey {
	return docKey{lang: lang, prefix: prefix + "\x00" + idPrefix, unsafe: unsafe, hash: hash}
}

// expect says that n more pages will ask for the rendering of k: the
// cache drops it once the last of them has it, so that a build does not
// hold what no page left needs. A rendering asked for more often than
// expected is rendered again (or read from the disk pack): never wrong,
// only slower. The preview server expects nothing: it keeps every
// rendering until Retain.
func (c *DocCache) expect(k docKey, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.docs[k]
	if e == nil {
		e = &docEntry{}
		c.docs[k] = e
	}
	e.counted = true
	e.uses += n
}

// Len returns the number of renderings the cache holds in memory.
func (c *DocCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.docs)
}

// docEntry is one rendering, done once.
type docEntry struct {
	once sync.Once
	doc  *markdown.Doc
	// counted entries are dropped when uses, the pages left to ask for
	// them, reaches 0 (see expect).
	counted bool
	uses    int
}

// Retain drops every entry not used since the last call of Retain with
// keep; the preview server calls it after a rebuild so the cache does not
// grow with every edit.
func (c *DocCache) Retain(keep func(lang string, hash [32]byte) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.docs {
		if !keep(k.lang, k.hash) {
			delete(c.docs, k)
		}
	}
}

// locate turns the diagnostics of a Doc rendered from a body into
// diagnostics of the file the body came from.
func locate(ds diag.List, file string, bodyLine int) diag.List {
	out := make(diag.List, 0, len(ds))
	for _, d := range ds {
		d.Path = file
		if d.Line > 0 {
			d.Line += bodyLine - 1
		}
		out = append(out, d)
	}
	return out
}

func (s *Site) renderMarkdown(ctx context.Context) (diag.List, error) {
	cache := s.cache
	unsafe := s.h.Settings.UnsafeHTML
	type job struct {
		ct   *content.ChapterText
		et   *content.EditionText
		slug string
	}
	var jobs []job
	for _, e := range s.pub {
		for _, c := range e.Chapters {
			for _, l := range s.Langs() {
				if ct := c.Texts[l]; ct != nil {
					jobs = append(jobs, job{ct: ct, slug: c.Slug})
				}
			}
		}
		for _, l := range s.Langs() {
			if et := e.Texts[l]; et != nil {
				jobs = append(jobs, job{et: et})
			}
		}
	}
	docs := make([]*markdown.Doc, len(jobs))
	err := parallel(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		if j.ct != nil {
			docs[i] = cache.render(j.ct.Lang, j.slug+"-", unsafe, j.ct.Hash, j.ct.Body, "")
		} else {
			docs[i] = cache.render(j.et.Lang, "notes-", unsafe, sha256.Sum256(j.et.Body), j.et.Body, "")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var dl diag.List
	for i, j := range jobs {
		if j.ct != nil {
			s.docs[j.ct] = docs[i]
			dl.Add(locate(docs[i].Diagnostics, j.ct.File, j.ct.BodyLine)...)
		} else {
			s.notes[j.et] = docs[i]
			dl.Add(locate(docs[i].Diagnostics, j.et.File, j.et.BodyLine)...)
		}
	}
	return dl, nil
}

// PrintDoc renders a chapter again with ids prefixed by its slug, for pages
// that combine chapters. In a build each rendering is dropped once every
// print page that shows it has asked for it (see expectPrint).
func (s *Site) PrintDoc(c *content.Chapter, lang string) *markdown.Doc {
	ct := c.Texts[lang]
	return s.cache.render(lang, c.Slug+"-", s.h.Settings.UnsafeHTML, ct.Hash, ct.Body, c.Slug+"--")
}

// expectPrint counts, for a build, the print pages that will ask for each
// chapter's print rendering: one per published edition holding the
// wording, and one more for the current edition's (LANG/print/ and
// LANG/ID/print/ both show it). A print page holds every chapter of its
// edition: kept to the end, these renderings would double the Markdown a
// build holds.
func (s *Site) expectPrint() {
	for _, e := range s.pub {
		n := 1
		if e == s.h.Current {
			n = 2
		}
		for _, c := range e.Chapters {
			for _, lang := range s.Langs() {
				ct := c.Texts[lang]
				if ct == nil {
					continue
				}
				s.cache.expect(keyOf(lang, c.Slug+"-", s.h.Settings.UnsafeHTML, ct.Hash, c.Slug+"--"), n)
			}
		}
	}
}

// checkLinks reports links to chapters, anchors and images that do not
// exist, at the line of the link.
func (s *Site) checkLinks() diag.List {
	var dl diag.List
	for _, e := range s.pub {
		files := make(map[string]*content.ChapterText, len(e.Chapters)*len(s.Langs()))
		for _, c := range e.Chapters {
			for _, ct := range c.Texts {
				files[path.Base(ct.File)] = ct
			}
		}
		images := map[string]bool{}
		for _, im := range e.Images {
			images[im] = true
		}
		check := func(file string, bodyLine int, d *markdown.Doc) {
			for _, r := range d.Refs {
				line := r.Line + bodyLine - 1
				switch r.Kind {
				case markdown.ChapterLink:
					target := files[r.File]
					if target == nil {
						hint := ""
						if c := e.Chapter(r.Slug); c != nil && c.Texts[r.Lang] != nil {
							hint = fmt.Sprintf(" (did you mean %s?)", path.Base(c.Texts[r.Lang].File))
						}
						dl.Errorf(file, line, "link to %s: no such chapter in edition %s%s", r.File, e.ID, hint)
						continue
					}
					if r.Fragment != "" && !target.Broken() && !hasAnchor(s.docs[target], r.Fragment) {
						dl.Errorf(file, line, "link to %s#%s: no heading with that id in %s", r.File, r.Fragment, target.File)
					}
				case markdown.AnchorLink:
					if !hasAnchor(d, r.Fragment) {
						dl.Errorf(file, line, "link to #%s: no heading with that id in this chapter", r.Fragment)
					}
				case markdown.ImageRef:
					name := strings.TrimPrefix(r.File, "images/")
					if !images[name] && !unreadable(e, name) {
						dl.Errorf(file, line, "image %s: no such file in %s/images", r.File, e.Dir)
					}
				}
			}
		}
		for _, c := range e.Chapters {
			for _, ct := range c.Texts {
				check(ct.File, ct.BodyLine, s.docs[ct])
			}
		}
		for _, et := range e.Texts {
			check(et.File, et.BodyLine, s.notes[et])
		}
	}
	return dl
}

func hasAnchor(d *markdown.Doc, id string) bool {
	if d == nil {
		return false
	}
	for _, h := range d.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// Resolver returns the function that fills a Doc's link slots for a page
// at pagePath showing edition e. stable links chapters to their stable
// URLs (the page is a stable URL of the current edition).
func (s *Site) Resolver(pagePath string, e *content.Edition, stable bool) func(markdown.Ref) string {
	return func(r markdown.Ref) string {
		switch r.Kind {
		case markdown.ChapterLink:
			// The link names the target by its file's slug; its URL
			// uses the slug of the target's language.
			slug := r.Slug
			if c := e.Chapter(r.Slug); c != nil {
				slug = c.URLSlug(r.Lang)
			}
			var to string
			if stable {
				to = route.Stable(r.Lang, slug)
			} else {
				to = route.Permanent(r.Lang, e, slug)
			}
			if r.Fragment != "" {
				to += "#" + r.Fragment
			}
			return route.Rel(pagePath, to)
		case markdown.ImageRef:
			return route.Rel(pagePath, route.Image(e, strings.TrimPrefix(r.File, "images/")))
		case markdown.AnchorLink:
			return "#" + r.Fragment
		}
		return r.Target
	}
}

// PrintResolver fills slots for a page that holds every chapter of an
// edition, each with ids prefixed by its slug.
func (s *Site) PrintResolver(pagePath string, e *content.Edition, slug string) func(markdown.Ref) string {
	return func(r markdown.Ref) string {
		switch r.Kind {
		case markdown.ChapterLink:
			if r.Fragment != "" {
				return "#" + r.Slug + "--" + r.Fragment
			}
			return "#" + r.Slug
		case markdown.ImageRef:
			return route.Rel(pagePath, route.Image(e, strings.TrimPrefix(r.File, "images/")))
		case markdown.AnchorLink:
			return "#" + slug + "--" + r.Fragment
		}
		return r.Target
	}
}

// Pack returns the build cache c reads and fills, or nil.
func (c *DocCache) Pack() *cache.Pack {
	if c == nil {
		return nil
	}
	return c.disk
}

// unreadable reports whether the image name of e exists but could not be
// read: its error is reported where it is, not again at each link to it.
func unreadable(e *content.Edition, name string) bool {
	for _, u := range e.Unreadable {
		if u == name || strings.HasSuffix(u, "/") && strings.HasPrefix(name, u) || u == "" {
			return true
		}
	}
	return false
}
