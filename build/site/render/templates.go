package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"example.com/handbook/build/diag"
	"example.com/handbook/build/site/prep"
)

// templates holds one parsed template set per page kind; each set is the
// shared base (base.html and partials.html) plus the kind's own file.
type templates struct {
	kinds map[string]*template.Template
	sum   [32]byte // hash of every layout file
	// kindSum is, per kind, the hash of the templates it executes (see
	// layoutSum), for the preview server's invalidation.
	kindSum map[string][32]byte
	// bufs holds the buffers pages are executed into: a page grows its
	// buffer from nothing only the first times, then the one copy of its
	// bytes is its only allocation.
	bufs *sync.Pool
	// stock is, per kind, whether the kind's layouts (its own file,
	// base.html and partials.html) are byte for byte the embedded
	// defaults: only those are known to place a body where minifying it
	// apart gives the bytes of minifying the whole page (see assemble.go).
	stock map[string]bool
}

// overlay reads name from the source's folder first, then from the
// embedded defaults, so that a source overrides files one by one.
func overlay(src fs.FS, dir string, defaults fs.FS, name string) ([]byte, string, error) {
	if src != nil {
		if b, err := fs.ReadFile(src, path.Join(dir, name)); err == nil {
			return b, path.Join(dir, name), nil
		}
	}
	b, err := fs.ReadFile(defaults, name)
	return b, path.Join(dir, name), err
}

// names lists the files of dir in the source and the defaults, merged.
func names(src fs.FS, dir string, defaults fs.FS) []string {
	set := map[string]bool{}
	walk := func(fsys fs.FS, root string) {
		_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
			if root == "." {
				rel = p
			}
			if strings.HasPrefix(path.Base(rel), ".") {
				return nil
			}
			set[rel] = true
			return nil
		})
	}
	if defaults != nil {
		walk(defaults, ".")
	}
	if src != nil {
		if _, err := fs.Stat(src, dir); err == nil {
			walk(src, dir)
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var pageKinds = []string{"home", "chapter", "edition", "changes", "redline", "history", "editions", "tags", "tag", "search", "print", "subscribe", "removed", "redirect", "notfound"}

// layoutFile is one layout as read: its name among the defaults, the
// source path errors name, and its text.
type layoutFile struct {
	name, path string
	text       []byte
	stock      bool // the embedded default's bytes
}

// loadTemplates reads and parses the layouts. With memo (the preview
// server's cache), layouts whose files are byte for byte those of the last
// load are not parsed again.
func loadTemplates(src fs.FS, defaults fs.FS, memo *prep.DocCache) (*templates, diag.List) {
	var dl diag.List
	// sum hashes every layout read, so that a page rendered by other
	// layouts is never taken for an unchanged one (see viewhash.go).
	sum := sha256.New()
	var files []layoutFile
	read := func(name string) {
		b, p, err := overlay(src, "layouts", defaults, name)
		if err != nil {
			dl.Errorf(p, 0, "cannot read layout: %v", err)
			return
		}
		fmt.Fprintf(sum, "%s\x00%d\x00", name, len(b))
		sum.Write(b)
		var def []byte
		if defaults != nil {
			def, _ = fs.ReadFile(defaults, name)
		}
		files = append(files, layoutFile{name, p, b, def != nil && bytes.Equal(b, def)})
	}
	for _, shared := range []string{"base.html", "partials.html"} {
		read(shared)
	}
	if dl.HasErrors() {
		return &templates{kinds: map[string]*template.Template{}, kindSum: map[string][32]byte{}, stock: map[string]bool{}}, dl
	}
	for _, k := range pageKinds {
		read(k + ".html")
	}
	var key [32]byte
	sum.Sum(key[:0])
	type parsed struct {
		t  *templates
		dl diag.List
	}
	parse := func() any {
		t, pdl := parseTemplates(files)
		t.sum = key
		return parsed{t, pdl}
	}
	var p parsed
	if memo != nil {
		p = memo.Latest("layouts", key, parse).(parsed)
	} else {
		p = parse().(parsed)
	}
	dl.Add(p.dl...)
	return p.t, dl
}

// parseTemplates parses the layouts read: base.html and partials.html
// first, shared by a set per page kind with the kind's own file.
func parseTemplates(files []layoutFile) (*templates, diag.List) {
	var dl diag.List
	root := template.New("").Funcs(template.FuncMap{
		"add": func(a, b int) int { return a + b },
		// dict passes several values to a partial template.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict wants key, value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	})
	t := &templates{kinds: map[string]*template.Template{}, kindSum: map[string][32]byte{}, bufs: new(sync.Pool), stock: map[string]bool{}}
	shared := map[string]bool{"base.html": true, "partials.html": true}
	stockBase := true
	for _, f := range files {
		if !shared[f.name] {
			continue
		}
		stockBase = stockBase && f.stock
		if _, err := root.New(f.name).Parse(string(f.text)); err != nil {
			dl.Errorf(f.path, 0, "%v", err)
		}
	}
	if dl.HasErrors() {
		return t, dl
	}
	for _, f := range files {
		if shared[f.name] {
			continue
		}
		k := strings.TrimSuffix(f.name, ".html")
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(f.name).Parse(string(f.text))
		}
		if err != nil {
			dl.Errorf(f.path, 0, "%v", err)
			continue
		}
		t.kinds[k] = set
		t.kindSum[k] = layoutSum(set, entryOf(set, k))
		t.stock[k] = stockBase && f.stock
	}
	return t, dl
}

// execute renders page kind with data through base.html, or through the
// kind's own file when it does not use the base (redirects).
// maxPooled is the largest buffer kept for the next page: far above a
// chapter page, below a whole edition on one page.
const maxPooled = 512 << 10

func (t *templates) execute(kind string, data any) ([]byte, error) {
	buf := t.buffer()
	defer t.release(buf)
	if err := t.executeTo(buf, kind, data); err != nil {
		return nil, err
	}
	// One byte of room past the end lets the minifier use the page as its
	// input without copying it (see Renderer.AppendMinified).
	out := make([]byte, buf.Len(), buf.Len()+1)
	copy(out, buf.Bytes())
	return out, nil
}

// executeTo renders page kind with data into buf, as execute does.
func (t *templates) executeTo(buf *bytes.Buffer, kind string, data any) error {
	set := t.kinds[kind]
	if set == nil {
		return fmt.Errorf("no layout for %s", kind)
	}
	return set.ExecuteTemplate(buf, entryOf(set, kind), data)
}

// buffer returns an empty buffer from the pool, to give back with release.
func (t *templates) buffer() *bytes.Buffer {
	buf, _ := t.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// release gives buf back to the pool. A print page's buffer is not kept:
// held by the pool, a few of them would weigh more than every chapter
// page's together.
func (t *templates) release(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooled {
		t.bufs.Put(buf)
	}
}

// entryOf is the template a kind's set executes: base.html, or the
// kind's own file when it does not use the base (redirects).
func entryOf(set *template.Template, kind string) string {
	if set.Lookup("main") == nil {
		return kind + ".html"
	}
	return "base.html"
}

// loadStatic reads the static files (source first, then the embedded
// defaults), minifies them, and places them under a folder named by their
// combined hash, so that a changed file never meets a stale cache. The
// preview server skips the hash.
func (s *Renderer) loadStatic(src fs.FS, defaults fs.FS) (map[string][]byte, diag.List) {
	var dl diag.List
	files := map[string][]byte{}
	h := sha256.New()
	for _, n := range names(src, "static", defaults) {
		if strings.HasPrefix(n, "js/serve/") && !s.Options().Preview {
			continue // the preview server's own script never ships
		}
		b, p, err := overlay(src, "static", defaults, n)
		if err != nil {
			dl.Errorf(p, 0, "cannot read: %v", err)
			continue
		}
		if s.minifier != nil {
			if mt := MediaType(n); mt != "" {
				m, err := s.minifier.Minify(mt, b)
				if err != nil {
					dl.Errorf(p, 0, "cannot minify: %v", err)
					continue
				}
				b = m
			}
		}
		files[n] = b
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	base := "assets/"
	if !s.Options().Preview {
		base = "assets/" + hex.EncodeToString(h.Sum(nil))[:10] + "/"
	}
	s.assetBase = base
	out := make(map[string][]byte, len(files))
	for n, b := range files {
		out[base+n] = b
	}
	return out, dl
}

// MediaType returns the media type the minifier knows name by, or "".
func MediaType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".html":
		return "text/html"
	case ".json":
		return "application/json"
	}
	return ""
}
