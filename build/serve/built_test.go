package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func TestBuilt(t *testing.T) {
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	site := fstest.MapFS{
		".handbook-output": page("marker"),
		"404.html":         page(`<!doctype html><html lang="fr" data-root="/policies/"><title>404</title>`),
		"index.html":       page("redirect"),
		"fr/index.html":    page("fr home"),
		"fr/feed.xml":      page("<rss/>"),
		"images/x/a.png":   page("png"),
	}
	h, prefix, err := Built(site)
	if err != nil || prefix != "/policies/" {
		t.Fatalf("prefix %q, %v", prefix, err)
	}
	cases := []struct {
		name, method, path string
		status             int
		body, location     string
	}{
		{"root goes to the prefix", "GET", "/", http.StatusFound, "", "/policies/"},
		{"the prefix without its slash", "GET", "/policies", http.StatusFound, "", "/policies/"},
		{"the site root", "GET", "/policies/", 200, "redirect", ""},
		{"a folder page", "GET", "/policies/fr/", 200, "fr home", ""},
		{"a folder without its slash", "GET", "/policies/fr", http.StatusMovedPermanently, "", "/policies/fr/"},
		{"a file", "GET", "/policies/fr/feed.xml", 200, "<rss/>", ""},
		{"missing", "GET", "/policies/nope/", 404, string(site["404.html"].Data), ""},
		{"outside the prefix", "GET", "/fr/", 404, string(site["404.html"].Data), ""},
		{"a folder without index", "GET", "/policies/images/", 404, string(site["404.html"].Data), ""},
		{"the build's own files", "GET", "/policies/.handbook-output", 404, string(site["404.html"].Data), ""},
		{"a dot path", "GET", "/policies/fr/../.handbook-output", 404, string(site["404.html"].Data), ""},
		{"not a read", "POST", "/policies/", http.StatusMethodNotAllowed, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tc.method, tc.path, nil)
			req.URL.Path = tc.path // keep dot segments as a raw client may send them
			h.ServeHTTP(rec, req)
			body, _ := io.ReadAll(rec.Body)
			if rec.Code != tc.status || tc.body != "" && string(body) != tc.body || rec.Header().Get("Location") != tc.location {
				t.Errorf("%s %s: %d %q, Location %q; want %d %q, %q", tc.method, tc.path, rec.Code, body, rec.Header().Get("Location"), tc.status, tc.body, tc.location)
			}
		})
	}
}

func TestBuiltPrefix(t *testing.T) {
	cases := []struct {
		name, page, want string
		ok               bool
	}{
		{"no 404 page", "", "/", true},
		{"no data-root", `<html lang="fr">`, "/", true},
		{"site at the root", `<html data-root="/">`, "/", true},
		{"a sub-path", `<!doctype html><html lang="en" data-root="/a/b/">`, "/a/b/", true},
		{"relative", `<html data-root="../">`, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{}
			if tc.page != "" {
				site["404.html"] = &fstest.MapFile{Data: []byte(tc.page)}
			}
			got, err := builtPrefix(site)
			if got != tc.want || (err == nil) != tc.ok {
				t.Errorf("got %q, %v; want %q, ok %v", got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestLoopbackOnly(t *testing.T) {
	h := loopbackOnly(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("site")) }), "127.0.0.1:8080")
	for _, tc := range []struct {
		host string
		code int
	}{
		{"127.0.0.1:8080", 200},
		{"localhost:8080", 200},
		{"[::1]:8080", 200},
		{"127.0.0.1:9090", http.StatusMisdirectedRequest},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"127.0.0.1", http.StatusMisdirectedRequest},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.code {
			t.Errorf("Host %s: %d, want %d", tc.host, rec.Code, tc.code)
		}
	}
}
