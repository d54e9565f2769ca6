package serve

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"example.com/handbook/build/site"
)

// reservedPrefix holds the preview server's own endpoints; no page of a
// handbook can live there (it is not a valid edition id or language).
const reservedPrefix = "/_handbook/"

// errorsPage is the key of the page served while no good site exists.
const errorsPage = "_errors"

// ServeHTTP serves the site: pages rendered on request (and cached until a
// change affects them), static files, the 404 page for anything else, and
// the endpoints under /_handbook/. It serves only what the site holds: no
// file of the source is ever read from a request path. A request that
// names another host, or comes from another site's page, gets 403 (see
// hostPolicy).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if why := s.hosts.check(r); why != "" {
		http.Error(w, "forbidden: "+why, http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case reservedPrefix + "events":
		s.serveEvents(w, r)
		return
	case reservedPrefix + "timing":
		s.serveTiming(w, r)
		return
	case reservedPrefix + "reload.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(s.reload)
		return
	}
	key, ok := sitePath(r.URL)
	if !ok || strings.HasPrefix(r.URL.Path, reservedPrefix) {
		s.notFound(w)
		return
	}
	s.mu.RLock()
	st, gen := s.site, s.gen
	s.mu.RUnlock()
	if st == nil {
		s.serveErrors(w)
		return
	}
	if b, ok := st.Static(key); ok {
		h.Set("Content-Type", contentType(key))
		w.Write(b)
		return
	}
	if e := s.lookup(st, gen, key); e != nil {
		if e.status == http.StatusOK && r.Header.Get("Range") != "" {
			// The search reads its pack by byte ranges, as from a static
			// server.
			h.Set("Content-Type", e.ctype)
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(e.body))
			return
		}
		s.write(w, e)
		return
	}
	// "fr/netiquette" names the folder page "fr/netiquette/": redirect, as
	// a static server does.
	if !strings.HasSuffix(key, "/") && st.Page(key+"/") != nil {
		to := "/" + key + "/"
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	s.notFound(w)
}

// sitePath maps a request URL to the path of a page or file of the site
// ("fr/netiquette/", "fr/feed.xml", "assets/css/site.css"; "index.html"
// for "/"). It refuses what a clean site path never holds: dot segments
// ("/../", "%2e%2e"), backslashes, encoded slashes, empty segments, control
// characters.
func sitePath(u *url.URL) (string, bool) {
	lower := strings.ToLower(u.EscapedPath())
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || r < 0x20 || r == 0x7f }) {
		return "", false
	}
	rest := p[1:]
	if rest == "" {
		return "index.html", true
	}
	for _, seg := range strings.Split(strings.TrimSuffix(rest, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	// "fr/netiquette/index.html" is the file of "fr/netiquette/".
	if dir, ok := strings.CutSuffix(rest, "/index.html"); ok {
		return dir + "/", true
	}
	return rest, true
}

// lookup returns the response for the page at key from site st of
// generation gen, rendering it when it is not cached; nil when st has no
// such page.
func (s *Server) lookup(st *site.Site, gen uint64, key string) *entry {
	s.mu.RLock()
	e := s.cache[key]
	s.mu.RUnlock()
	if e != nil {
		return e
	}
	e = s.render(st, gen, key)
	if e == nil || e.status != http.StatusOK {
		return e // not cached: the next request tries again
	}
	s.mu.Lock()
	if s.gen == gen {
		s.cache[key] = e
	}
	s.mu.Unlock()
	return e
}

// render renders the page at key from site st of generation gen, as
// served: an HTML page carries the reload script. It returns nil when st
// has no such page, and an entry with status 500 when it fails.
func (s *Server) render(st *site.Site, gen uint64, key string) *entry {
	p := st.Lookup(key)
	if p == nil {
		return nil
	}
	e := &entry{status: http.StatusOK, ctype: contentType(p.File()), gen: gen}
	b, err := st.Render(p)
	if err != nil {
		fmt.Fprintf(s.o.Stderr, "%v\n", err)
		e.status = http.StatusInternalServerError
		e.ctype = "text/plain; charset=utf-8"
		e.body = []byte(err.Error() + "\n")
		return e
	}
	if strings.HasPrefix(e.ctype, "text/html") {
		e.shell = shellHash(b)
		b = inject(b, key, gen, e.shell)
	}
	e.body = b
	return e
}

func (s *Server) write(w http.ResponseWriter, e *entry) {
	w.Header().Set("Content-Type", e.ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(e.status)
	w.Write(e.body)
}

// notFound serves the site's 404 page.
func (s *Server) notFound(w http.ResponseWriter) {
	s.mu.RLock()
	st, gen := s.site, s.gen
	s.mu.RUnlock()
	if st == nil {
		s.serveErrors(w)
		return
	}
	e := s.lookup(st, gen, "404.html")
	if e == nil || e.status != http.StatusOK {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	nf := *e
	nf.status = http.StatusNotFound
	s.write(w, &nf)
}

// serveErrors answers every request while the content has never built: a
// page listing the errors, which reloads once they are fixed.
func (s *Server) serveErrors(w http.ResponseWriter) {
	errs := s.Errors()
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>handbook serve: the content has errors</title>\n</head>\n<body>\n<main>\n<h1>The content has errors</h1>\n<p>Fix them and this page reloads by itself.</p>\n<ul>\n")
	for _, d := range errs {
		fmt.Fprintf(&b, "<li><code>%s</code></li>\n", html.EscapeString(d.String()))
	}
	b.WriteString("</ul>\n</main>\n</body>\n</html>\n")
	s.write(w, &entry{
		body:   inject(b.Bytes(), errorsPage, 0, ""),
		ctype:  "text/html; charset=utf-8",
		status: http.StatusServiceUnavailable,
	})
}

// inject adds the reload script before </body>, with the page's path, the
// generation it was rendered from and the hash of its shell; only the
// preview server calls it, so a build never holds the script.
func inject(page []byte, key string, gen uint64, shell string) []byte {
	tag := fmt.Sprintf(`<script src="%sreload.js" data-page="%s" data-gen="%d" data-shell="%s" defer></script>`+"\n",
		reservedPrefix, html.EscapeString(key), gen, shell)
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// contentType returns the media type a file of the site is served with.
func contentType(file string) string {
	switch base := path.Base(file); {
	case strings.HasSuffix(file, "/") || path.Ext(base) == ".html":
		return "text/html; charset=utf-8"
	case base == "feed.xml":
		return "application/rss+xml; charset=utf-8"
	case base == "atom.xml":
		return "application/atom+xml; charset=utf-8"
	case base == "feed.json":
		return "application/feed+json; charset=utf-8"
	}
	switch ext := path.Ext(file); ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".json":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}
