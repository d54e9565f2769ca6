package render

import (
	"bytes"
	"html/template"
	"runtime"
	"strconv"
	"sync"
	"weak"

	"example.com/handbook/build/markdown"
)

// Pages that show a chapter's body (a chapter at its stable and permanent
// URLs, every chapter of an edition on its print pages) are minified in
// parts: the page with a mark in place of each body, then each body
// apart, once for every page that shows the same bytes, spliced into the
// page's marks. A chapter unchanged between editions, or shown at its
// stable and its permanent URL, is minified once, not once a page.
//
// The default layouts place every body between block elements (a body
// is a block too), where the minifier drops the whitespace around it:
// minifying the parts gives the bytes of minifying the whole page, which
// TestAssembledPages checks page by page. Layouts of the source's own
// may put a body anywhere (in a <pre>, inline); their pages are minified
// whole, as before.

// markPrefix starts the mark of a body in a page's layout: a block element
// holding a NUL, which neither rendered Markdown (Render replaces every
// NUL) nor an escaped value can hold.
const markPrefix = `<div data-handbook-body="` + "\x00"

// mark is what a layout receives in place of body i.
func mark(i int) template.HTML {
	return template.HTML(markPrefix + strconv.Itoa(i) + `"></div>`)
}

// body is a Markdown body a page shows, with the page's link targets.
type body struct {
	doc     *markdown.Doc
	resolve func(markdown.Ref) string
}

// bodies keeps the minified bytes of the bodies pages showed, by what
// they fill to (see key), so that a body shown on several pages is
// minified once. It holds two generations of at most bodyBytes each: a
// body asked again while it is in either is reused, and the older one is
// dropped when the newer fills up, so memory stays bounded however many
// editions a handbook has. Safe for concurrent use.
type bodies struct {
	mu sync.Mutex
	// sums holds the hash of each Doc's HTML and slots, by a weak
	// pointer: a Doc the build has dropped (a print rendering, once its
	// last print page is done) is not kept alive by its hash, and its
	// entry goes with it.
	sums     map[weak.Pointer[markdown.Doc]]string
	cur, old map[string][]byte // key -> minified body; nil: not minifiable
	size     int               // bytes held by cur
}

// bodyBytes bounds each generation of bodies. A build renders a chapter's
// pages one after the other (site.RenderAll), so that a chapter body is
// asked again while still in the newer generation; the print pages of a
// language, one after the other too, share the bodies of the chapters
// their editions have in common: each generation holds one print page's
// bodies of a handbook of some 1,000 chapters. Above that, print bodies
// are minified again (a few pages per build), which costs less than
// holding every body to the end of the build.
const bodyBytes = 8 << 20

func newBodies() *bodies {
	return &bodies{sums: map[weak.Pointer[markdown.Doc]]string{}, cur: map[string][]byte{}}
}

// key names the bytes b fills to: its Doc's Sum and the page's targets
// of the slots. Equal keys fill to equal
// bytes, across builds too: the key stands for the body in view hashes.
func (c *bodies) key(b body) string {
	wp := weak.Make(b.doc)
	c.mu.Lock()
	sum, ok := c.sums[wp]
	c.mu.Unlock()
	if !ok {
		h := b.doc.Sum()
		sum = string(h[:])
		c.mu.Lock()
		if _, dup := c.sums[wp]; !dup {
			c.sums[wp] = sum
			runtime.AddCleanup(b.doc, func(wp weak.Pointer[markdown.Doc]) {
				c.mu.Lock()
				delete(c.sums, wp)
				c.mu.Unlock()
			}, wp)
		}
		c.mu.Unlock()
	}
	n := len(sum)
	for _, r := range b.doc.Refs {
		n += len(r.Target) + 8
	}
	k := make([]byte, 0, n)
	k = append(k, sum...)
	for _, r := range b.doc.Refs {
		k = append(k, b.resolve(r)...)
		k = append(k, 0)
	}
	return string(k)
}

func (c *bodies) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.cur[key]; ok {
		return m, true
	}
	m, ok := c.old[key]
	if ok {
		c.putLocked(key, m)
	}
	return m, ok
}

func (c *bodies) put(key string, m []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(key, m)
}

func (c *bodies) putLocked(key string, m []byte) {
	if _, ok := c.cur[key]; ok {
		return
	}
	if c.size+len(m)+len(key) > bodyBytes {
		c.old, c.cur, c.size = c.cur, map[string][]byte{}, 0
	}
	c.cur[key] = m
	c.size += len(m) + len(key)
}

// minified returns body b minified, from the cache or minified now; false
// when the minifier cannot parse it.
func (s *Renderer) minified(key string, b body) ([]byte, bool) {
	if m, ok := s.bodies.get(key); ok {
		return m, m != nil
	}
	// The filled body is minified from a buffer of the pool (the
	// minifier edits it) into one of its own size, the cache's to keep.
	bp := s.scratch.get()
	defer s.scratch.put(bp)
	src := b.doc.AppendHTML((*bp)[:0], b.resolve)
	*bp = src
	m, err := s.minifier.AppendMinified(make([]byte, 0, len(src)), "text/html", src)
	if err != nil {
		m = nil
	}
	s.bodies.put(key, m)
	return m, m != nil
}

// scratch is a pool of byte buffers for one page's work, kept only
// while they stay below maxPooled (see templates.release).
type scratch struct{ pool sync.Pool }

func (p *scratch) get() *[]byte {
	if b, ok := p.pool.Get().(*[]byte); ok {
		return b
	}
	return new([]byte)
}

func (p *scratch) put(b *[]byte) {
	if cap(*b) <= maxPooled {
		p.pool.Put(b)
	}
}

// finish renders page kind from d and returns it finished: minified when
// the site is. put places body i of bs in d: its HTML, and the key that
// stands for it in the view hash ("" when the HTML itself is there).
func (s *Renderer) finish(kind string, d *pageData, bs []body, put func(i int, html template.HTML, key string)) ([]byte, error) {
	// whole renders and minifies the page in one piece, as every page
	// is; seen says its view was passed to views already (with marks).
	whole := func(seen bool) ([]byte, error) {
		for i, b := range bs {
			put(i, template.HTML(b.doc.HTMLString(b.resolve)), "")
		}
		if !seen && s.unchanged(kind, d) {
			return nil, ErrUnchanged
		}
		out, err := s.tmpl.execute(kind, d)
		if err != nil {
			return nil, err
		}
		return s.Minify("text/html", out), nil
	}
	if s.minifier == nil || !s.tmpl.stock[kind] {
		return whole(false)
	}
	keys := make([]string, len(bs))
	for i, b := range bs {
		keys[i] = s.bodies.key(b)
		put(i, mark(i), keys[i])
	}
	if s.unchanged(kind, d) {
		return nil, ErrUnchanged
	}
	buf := s.tmpl.buffer()
	defer s.tmpl.release(buf)
	if err := s.tmpl.executeTo(buf, kind, d); err != nil {
		return nil, err
	}
	sp := s.scratch.get()
	defer s.scratch.put(sp)
	shell, err := s.minifier.AppendMinified((*sp)[:0], "text/html", buf.Bytes())
	*sp = shell
	if err != nil {
		return whole(true)
	}
	parts := make([][]byte, len(bs))
	n := len(shell)
	for i, b := range bs {
		m, ok := s.minified(keys[i], b)
		if !ok {
			return whole(true)
		}
		parts[i] = m
		n += len(m)
	}
	out := make([]byte, 0, n)
	rest := shell
	for i := range bs {
		mk := string(mark(i))
		j := bytes.Index(rest, []byte(mk))
		if j < 0 || bytes.Contains(rest[:j], []byte(markPrefix)) {
			return whole(true)
		}
		out = append(out, rest[:j]...)
		out = append(out, parts[i]...)
		rest = rest[j+len(mk):]
	}
	if bytes.Contains(rest, []byte(markPrefix)) {
		return whole(true)
	}
	return append(out, rest...), nil
}
