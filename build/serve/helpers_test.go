package serve

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/handbook"
	"example.com/handbook/build/config"
)

// testToday makes edition 2024.1 of testdata/site the current one.
func testToday() (time.Time, error) { return time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), nil }

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyTree copies the folder src into dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testSource copies testdata/site to a temporary folder.
func testSource(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("testdata", "site"), dir)
	return dir
}

func testOptions(dir string, out *syncBuffer) config.Options {
	return config.Options{
		Source: dir, Layouts: handbook.Layouts(), Static: handbook.Static(),
		Stdout: out, Stderr: out, Today: testToday,
	}
}

// testServer starts a Server on dir behind an httptest server.
func testServer(t testing.TB, dir string) (*Server, *httptest.Server, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	s, ts := testServerWith(t, testOptions(dir, out))
	return s, ts, out
}

// testServerWith starts a Server with options o behind an httptest server.
func testServerWith(t testing.TB, o config.Options) (*Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	o.Addr = ts.Listener.Addr().String()
	s, err := New(context.Background(), o)
	if err != nil {
		ts.Close()
		t.Fatal(err)
	}
	ts.Config.Handler = s
	ts.Start()
	t.Cleanup(func() {
		s.endStreams() // else Close waits for the open event streams
		ts.Close()
		s.Close()
	})
	return s, ts
}

// get fetches url and returns the response with its body read.
func get(t testing.TB, client *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

var genAttr = regexp.MustCompile(`data-gen="(\d+)"`)

// pageGen returns the site generation an HTML page says it was rendered from.
func pageGen(t testing.TB, body string) uint64 {
	t.Helper()
	m := genAttr.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no reload script in page:\n%s", body)
	}
	n, _ := strconv.ParseUint(m[1], 10, 64)
	return n
}

// writeFile writes a file of the source folder.
func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// breakFrontMatter returns a chapter whose front matter has an unknown key
// at a known line.
func breakFrontMatter(chapter string) string {
	return strings.Replace(chapter, "owner:", "ownr:", 1)
}

const netiquetteFR = "content/2024.1/01-netiquette.fr.md"
