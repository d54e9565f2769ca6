package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSitePath(t *testing.T) {
	tests := []struct {
		name, path string
		want       string
		ok         bool
	}{
		{"root", "/", "index.html", true},
		{"language home", "/fr/", "fr/", true},
		{"folder page", "/fr/netiquette/", "fr/netiquette/", true},
		{"folder page by its file", "/fr/netiquette/index.html", "fr/netiquette/", true},
		{"file page", "/fr/feed.xml", "fr/feed.xml", true},
		{"asset", "/assets/css/site.css", "assets/css/site.css", true},
		{"no trailing slash", "/fr/netiquette", "fr/netiquette", true},
		{"encoded letter", "/fr/n%65tiquette/", "fr/netiquette/", true},
		{"dot dot", "/../etc/passwd", "", false},
		{"dot dot inside", "/fr/../../content/handbook.yaml", "", false},
		{"encoded dot dot", "/fr/%2e%2e/%2e%2e/content/handbook.yaml", "", false},
		{"encoded dot dot upper", "/%2E%2E/x", "", false},
		{"dot", "/fr/./netiquette/", "", false},
		{"encoded slash", "/fr%2fnetiquette/", "", false},
		{"encoded slash traversal", "/fr/..%2f..%2fcontent/handbook.yaml", "", false},
		{"backslash", "/fr\\..\\content/handbook.yaml", "", false},
		{"encoded backslash", "/..%5c..%5ccontent/handbook.yaml", "", false},
		{"double slash", "//etc/passwd", "", false},
		{"empty segment", "/fr//netiquette/", "", false},
		{"nul", "/fr/%00/", "", false},
		{"newline", "/fr/%0a/", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.ParseRequestURI(tc.path)
			if err != nil {
				if tc.ok {
					t.Fatal(err)
				}
				return
			}
			got, ok := sitePath(u)
			if ok != tc.ok || got != tc.want {
				t.Errorf("sitePath(%q) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// rawGet sends a request line as written, bypassing any cleaning by an
// HTTP client, and returns the status and body.
func rawGet(t *testing.T, ts *httptest.Server, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, ts.Listener.Addr())
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeRefusesOutsideTheSite(t *testing.T) {
	dir := testSource(t)
	_, ts, _ := testServer(t, dir)
	notFound := func(body string) bool { return strings.Contains(body, `data-page="404.html"`) }
	tests := []struct{ name, target string }{
		{"parent folders", "/../../../../etc/passwd"},
		{"parent into source", "/../content/handbook.yaml"},
		{"encoded dots", "/%2e%2e/%2e%2e/etc/passwd"},
		{"encoded dots into source", "/fr/%2e%2e/%2e%2e/content/handbook.yaml"},
		{"encoded slashes", "/fr/..%2f..%2fcontent%2fhandbook.yaml"},
		{"backslashes", "/fr/..\\..\\content\\handbook.yaml"},
		{"encoded backslashes", "/fr/..%5c..%5ccontent%5chandbook.yaml"},
		{"source file", "/content/handbook.yaml"},
		{"source chapter", "/content/2024.1/01-netiquette.fr.md"},
		{"layout", "/layouts/base.html"},
		{"static source path", "/static/css/site.css"},
		{"asset folder listing", "/assets/"},
		{"asset subfolder listing", "/assets/css/"},
		{"images folder listing", "/images/2024.1/"},
		{"reserved prefix", "/_handbook/"},
		{"reserved prefix traversal", "/_handbook/../content/handbook.yaml"},
		{"absolute URL form", "http://example.com/../content/handbook.yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := rawGet(t, ts, tc.target)
			if status != http.StatusNotFound && status != http.StatusBadRequest {
				t.Fatalf("status %d, want 404 (or 400)", status)
			}
			if strings.Contains(body, "root:") || strings.Contains(body, "base_url:") || strings.Contains(body, "owner:") || strings.Contains(body, "{{") {
				t.Fatalf("the response shows a source file:\n%s", body)
			}
			if status == http.StatusNotFound && !notFound(body) {
				t.Errorf("404 without the site's 404 page:\n%.300s", body)
			}
		})
	}
}

func TestServeResponses(t *testing.T) {
	dir := testSource(t)
	_, ts, _ := testServer(t, dir)
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		name, path string
		status     int
		ctype      string
		contains   string
		script     bool // the reload script is injected
	}{
		{"root redirect", "/", 200, "text/html; charset=utf-8", "fr/", true},
		{"home", "/fr/", 200, "text/html; charset=utf-8", "<h1", true},
		{"chapter", "/fr/netiquette/", 200, "text/html; charset=utf-8", "Écrivez comme si", true},
		{"chapter by file", "/fr/netiquette/index.html", 200, "text/html; charset=utf-8", "Écrivez comme si", true},
		{"permanent", "/en/2024.1/divulgation/", 200, "text/html; charset=utf-8", "Financial results", true},
		{"print", "/fr/print/", 200, "text/html; charset=utf-8", "Divulgation", true},
		{"css", "/assets/css/site.css", 200, "text/css; charset=utf-8", "{", false},
		{"js", "/assets/js/main.js", 200, "text/javascript; charset=utf-8", "function", false},
		{"svg", "/images/2024.1/etapes.svg", 200, "image/svg+xml", "<svg", false},
		{"rss", "/fr/feed.xml", 200, "application/rss+xml; charset=utf-8", "<rss", false},
		{"atom", "/fr/atom.xml", 200, "application/atom+xml; charset=utf-8", "<feed", false},
		{"chapter feed", "/en/netiquette/feed.xml", 200, "application/rss+xml; charset=utf-8", "<rss", false},
		{"sitemap", "/sitemap.xml", 200, "application/xml; charset=utf-8", "http://127.0.0.1", false},
		{"json", "/search/editions.json", 200, "application/json", "2024.1", false},
		{"reload script", "/_handbook/reload.js", 200, "text/javascript; charset=utf-8", "EventSource", false},
		{"missing page", "/fr/nothing/", 404, "text/html; charset=utf-8", "<h1", true},
		{"missing asset", "/assets/css/none.css", 404, "text/html; charset=utf-8", "<h1", true},
		{"folder without slash", "/fr/netiquette", 301, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, client, ts.URL+tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d\n%.300s", resp.StatusCode, tc.status, body)
			}
			if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("body lacks %q:\n%.500s", tc.contains, body)
			}
			if got := strings.Contains(body, `src="/_handbook/reload.js"`); got != tc.script {
				t.Errorf("reload script injected: %v, want %v", got, tc.script)
			}
			if tc.script && !strings.Contains(body, "</script>\n</body>") {
				t.Errorf("the script is not right before </body>")
			}
		})
	}
	t.Run("redirect target", func(t *testing.T) {
		resp, _ := get(t, client, ts.URL+"/fr/netiquette?x=1")
		if loc := resp.Header.Get("Location"); loc != "/fr/netiquette/?x=1" {
			t.Errorf("Location %q", loc)
		}
	})
	t.Run("byte ranges", func(t *testing.T) {
		// The search reads its pack by ranges.
		req, _ := http.NewRequest("GET", ts.URL+"/search/fr-2024.1/p.bin", nil)
		req.Header.Set("Range", "bytes=0-9,20-29")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusPartialContent || !strings.HasPrefix(resp.Header.Get("Content-Type"), "multipart/byteranges") || !strings.Contains(string(b), "Content-Range: bytes 20-29/") {
			t.Errorf("status %d, %s:\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	})
	t.Run("post", func(t *testing.T) {
		resp, err := client.Post(ts.URL+"/fr/", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST status %d", resp.StatusCode)
		}
	})
	t.Run("head", func(t *testing.T) {
		resp, err := client.Head(ts.URL + "/fr/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("HEAD status %d", resp.StatusCode)
		}
	})
}

func TestInject(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"before body end", "<html><body><p>x</p></body></html>", "<html><body><p>x</p><script src=\"/_handbook/reload.js\" data-page=\"fr/&lt;x&gt;/\" data-gen=\"3\" defer></script>\n</body></html>"},
		{"last body end", "<body><pre>&lt;/body&gt;</body></body>", "<body><pre>&lt;/body&gt;</body><script src=\"/_handbook/reload.js\" data-page=\"fr/&lt;x&gt;/\" data-gen=\"3\" defer></script>\n</body>"},
		{"upper case", "<BODY>x</BODY>", "<BODY>x<script src=\"/_handbook/reload.js\" data-page=\"fr/&lt;x&gt;/\" data-gen=\"3\" defer></script>\n</BODY>"},
		{"no body end", "<p>x", "<p>x<script src=\"/_handbook/reload.js\" data-page=\"fr/&lt;x&gt;/\" data-gen=\"3\" defer></script>\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(inject([]byte(tc.page), "fr/<x>/", 3)); got != tc.want {
				t.Errorf("inject = %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{"127.0.0.2:80", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.168.1.10:8080", false},
		{"example.com:8080", false},
		{"nonsense", false},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if got := isLoopback(tc.addr); got != tc.want {
				t.Errorf("isLoopback(%q) = %v", tc.addr, got)
			}
		})
	}
}
