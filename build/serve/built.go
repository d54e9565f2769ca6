package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/output"
	"golang.org/x/net/html"
)

// RunBuilt serves o.Out, a folder written by handbook build, as a web
// server would (see Built) at o.Addr until ctx is cancelled, saying where
// on o.Stdout. It is the local preview of what build
// wrote: python3 -m http.server at the folder's root would miss the
// base_url path that the / redirect and the 404 page link to.
func RunBuilt(ctx context.Context, o config.Options) error {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if _, err := os.Stat(path.Join(o.Out, output.MarkerName)); err != nil {
		return fmt.Errorf("%s is not a folder written by handbook build (no %s)", o.Out, output.MarkerName)
	}
	root, err := os.OpenRoot(o.Out)
	if err != nil {
		return err
	}
	defer root.Close()
	h, prefix, err := Built(root.FS())
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if isLoopback(ln.Addr().String()) {
		h = loopbackOnly(h, ln.Addr().String())
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	fmt.Fprintf(o.Stdout, "Serving %s at http://%s%s\n", o.Out, ln.Addr(), prefix)
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-serveErr:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && runErr == nil {
		runErr = err
	}
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

// loopbackOnly refuses a request whose Host is not a loopback name of
// addr's port: a page of another site that a DNS name rebound to
// 127.0.0.1 would otherwise read the folder (a -drafts build holds
// drafts).
func loopbackOnly(h http.Handler, addr string) http.Handler {
	_, port, _ := net.SplitHostPort(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, p, err := net.SplitHostPort(r.Host)
		ip := net.ParseIP(host)
		if err != nil || p != port || host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			http.Error(w, "this server answers only to "+net.JoinHostPort("127.0.0.1", port), http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Built returns a handler that serves site, a built output, under prefix:
// the path of the base_url it was built for, read from its 404 page ("/"
// when it has none). Like a web server set up as docs/deploy.md says, it
// answers a folder with its index.html, sends "/" to prefix, and answers
// what does not exist, or is hidden (the build's own files), with the 404
// page and status 404. It lists no folder.
func Built(site fs.FS) (h http.Handler, prefix string, err error) {
	prefix, err = builtPrefix(site)
	if err != nil {
		return nil, "", err
	}
	notFound, _ := fs.ReadFile(site, "404.html")
	return &builtHandler{site: site, prefix: prefix, notFound: notFound}, prefix, nil
}

type builtHandler struct {
	site     fs.FS
	prefix   string // "/handbook/"
	notFound []byte
}

func (b *builtHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == "/" && b.prefix != "/" || p+"/" == b.prefix {
		http.Redirect(w, r, b.prefix, http.StatusFound)
		return
	}
	rel, ok := strings.CutPrefix(p, b.prefix)
	if !ok {
		b.missing(w)
		return
	}
	name := path.Clean("/" + rel)[1:]
	if name == "" {
		name = "."
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			b.missing(w) // the marker, the manifest: not part of the site
			return
		}
	}
	fi, err := fs.Stat(b.site, name)
	if err != nil {
		b.missing(w)
		return
	}
	if fi.IsDir() {
		if !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		if fi, err = fs.Stat(b.site, name); err != nil || fi.IsDir() {
			b.missing(w)
			return
		}
	}
	f, err := b.site.Open(name)
	if err != nil {
		b.missing(w)
		return
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		b.missing(w)
		return
	}
	http.ServeContent(w, r, path.Base(name), fi.ModTime(), rs)
}

// missing answers with the 404 page.
func (b *builtHandler) missing(w http.ResponseWriter) {
	if b.notFound == nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(b.notFound)
}

// builtPrefix reads the site's root path from the data-root attribute of
// its 404 page's <html> element, the one page that links rooted at the
// path of base_url.
func builtPrefix(site fs.FS) (string, error) {
	f, err := site.Open("404.html")
	if errors.Is(err, fs.ErrNotExist) {
		return "/", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	z := html.NewTokenizer(f)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return "", fmt.Errorf("404.html: %w", err)
			}
			return "/", nil
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "html" {
				return "/", nil
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "data-root" {
					root := string(v)
					if !strings.HasPrefix(root, "/") || !strings.HasSuffix(root, "/") {
						return "", fmt.Errorf("404.html: data-root %q is not a rooted folder path", root)
					}
					return root, nil
				}
			}
			return "/", nil
		}
	}
}
