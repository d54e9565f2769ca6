package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/handbook/build/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// browser starts a headless Chromium for the test through the shared
// helper (which skips without Chromium, or fails when HANDBOOK_REQUIRE_TOOLS
// is set, as in CI).
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	return browsertest.New(t)
}

// testSite serves files from memory and records what the browser fetched.
type testSite struct {
	files map[string][]byte // by path without the leading slash
	mu    sync.Mutex
	log   []string
	sent  map[string]int // body bytes sent, by path
	// noRange makes the server ignore Range headers, as some do.
	noRange bool
}

func newTestSite(t *testing.T) (*testSite, *httptest.Server) {
	s := &testSite{files: map[string][]byte{}, sent: map[string]int{}}
	js, err := filepath.Glob("../../static/js/search/*.js")
	if err != nil || len(js) == 0 {
		t.Fatalf("no JavaScript in static/js/search: %v", err)
	}
	for _, p := range js {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s.files["js/search/"+filepath.Base(p)] = b
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func (s *testSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	s.mu.Lock()
	b, ok := s.files[p]
	if ok {
		s.log = append(s.log, p)
	}
	noRange := s.noRange
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(p))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if noRange {
		r.Header.Del("Range")
	}
	cw := &countingWriter{ResponseWriter: w}
	http.ServeContent(cw, r, p, time.Time{}, bytes.NewReader(b)) // answers Range, as static servers do
	s.mu.Lock()
	s.sent[p] += cw.n
	s.mu.Unlock()
}

// countingWriter counts the body bytes written.
type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// sentBytes returns the body bytes sent per path since the last call.
func (s *testSite) sentBytes() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.sent
	s.sent = map[string]int{}
	return out
}

// addIndex puts an index's files (paths from the site root) on the site.
func (s *testSite) addIndex(files map[string][]byte) {
	for name, b := range files {
		s.files[name] = b
	}
}

// fetched returns the paths served since the last call.
func (s *testSite) fetched() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

// page is a minimal page of the site at dir (a folder path ending in "/",
// "" for the root) following the DOM contract of ui.js.
func page(dir, lang, edition, main string) []byte {
	root := strings.Repeat("../", strings.Count(dir, "/"))
	if root == "" {
		root = "./"
	}
	box := ""
	if !strings.Contains(main, `id="search-q"`) {
		box = fmt.Sprintf(`<form class="search-box" role="search" action="%s%s/search/"><label for="search-q">Recherche</label>`+
			`<input id="search-q" type="search" name="q" autocomplete="off" role="combobox" aria-autocomplete="list" aria-controls="search-suggest" aria-expanded="false">`+
			`<input type="hidden" name="edition" value="%s"><button>OK</button><div id="search-suggest" hidden></div></form>`, root, lang, edition)
	}
	return fmt.Appendf(nil, `<!DOCTYPE html><html lang="%s" data-root="%s" data-lang="%s" data-edition="%s" data-current-edition="%s">`+
		`<head><meta charset="utf-8"><title>t</title><script type="module" src="%sjs/search/boot.js"></script></head>`+
		`<body><header>%s</header><main><h1>%s</h1>%s</main></body></html>`, lang, root, lang, edition, edition, root, box, dir, main)
}

// eval runs an async JavaScript function body in the page and decodes its
// result into out.
func eval(t *testing.T, ctx context.Context, body string, out any) {
	t.Helper()
	expr := "(async () => {" + body + "})().then(JSON.stringify)"
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, body)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(s), out); err != nil {
			t.Fatalf("decode %s: %v", s, err)
		}
	}
}

func TestBrowserEngine(t *testing.T) {
	ctx := browser(t)
	site, srv := newTestSite(t)
	langs := []string{"fr", "en"}
	indexes := map[string]map[string][]byte{}
	for _, lang := range langs {
		indexes[lang] = Build(lang, "test", loadFixture(t, lang)).Files()
		site.addIndex(indexes[lang])
	}
	// The same chapters with their heads in the pack only, as on a large
	// handbook.
	ranged := buildWith(NewBuilder(), "fr", "ranged", loadFixture(t, "fr"), targets{shard: shardTarget}).Files()
	site.addIndex(ranged)
	site.files["index.html"] = page("", "fr", "test", "")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	const load = `const m = await import("./js/search/engine.js");`

	t.Run("normalize", func(t *testing.T) {
		cases := loadNormalizeCases(t)
		in, _ := json.Marshal(cases)
		var got [][]Token
		eval(t, ctx, load+`return `+string(in)+`.map(c => m.normalize(c.lang, c.input).map(t => ({word: t.word, fold: t.fold, term: t.term, stop: t.stop})));`, &got)
		for i, tc := range cases {
			if fmt.Sprint(got[i]) != fmt.Sprint(tc.Tokens) {
				t.Errorf("%s: normalize(%q, %q)\n got %+v\nwant %+v", tc.Name, tc.Lang, tc.Input, got[i], tc.Tokens)
			}
		}
	})

	t.Run("ranking", func(t *testing.T) {
		queries := loadQueries(t)
		// Beside the table: stop words alone, typos while typing, a
		// finished word, accents, several words.
		for _, q := range []string{"la", "the", "netiqe", "net ", "côte", "réseaux sociaux", "compte pirate ", "personal informaton", "x", "2"} {
			queries = append(queries, rankCase{Lang: "fr", Query: q}, rankCase{Lang: "en", Query: q})
		}
		in, _ := json.Marshal(queries)
		type jsResult struct {
			Doc     int     `json:"doc"`
			Score   float64 `json:"score"`
			Section int     `json:"section"`
			Others  []int   `json:"others"`
		}
		var got [][]jsResult
		eval(t, ctx, load+`const out = [];
			for (const q of `+string(in)+`) {
				const ix = await m.loadIndex("./", q.Lang, "test");
				const r = await ix.rank(q.Query);
				out.push(r.results.map(x => ({doc: x.doc, score: x.score, section: x.section, others: x.others})));
			}
			return out;`, &got)
		for i, q := range queries {
			ref, err := openRef(indexes[q.Lang])
			if err != nil {
				t.Fatal(err)
			}
			want, err := ref.search(q.Query)
			if err != nil {
				t.Fatal(err)
			}
			js := got[i]
			if len(js) != len(want) {
				t.Errorf("%s %q: JavaScript finds %d chapters, Go %d", q.Lang, q.Query, len(js), len(want))
				continue
			}
			byDoc := map[int]result{}
			for _, w := range want {
				byDoc[w.doc] = w
			}
			for k, r := range js {
				w, ok := byDoc[r.Doc]
				switch {
				case !ok:
					t.Errorf("%s %q: JavaScript finds chapter %d, Go does not", q.Lang, q.Query, r.Doc)
				case !near(r.Score, w.score):
					t.Errorf("%s %q: chapter %d scores %v in JavaScript, %v in Go", q.Lang, q.Query, r.Doc, r.Score, w.score)
				case r.Section != w.section || !slices.Equal(r.Others, w.others):
					t.Errorf("%s %q: chapter %d sections %d %v in JavaScript, %d %v in Go", q.Lang, q.Query, r.Doc, r.Section, r.Others, w.section, w.others)
				case r.Doc != want[k].doc && !near(w.score, want[k].score):
					t.Errorf("%s %q: rank %d is chapter %d in JavaScript, %d in Go", q.Lang, q.Query, k+1, r.Doc, want[k].doc)
				}
			}
		}
	})

	t.Run("pack", func(t *testing.T) {
		testPackRanges(t, ctx, site, load, srv.URL+"/")
	})

	t.Run("results", func(t *testing.T) {
		var got []struct {
			URL, Title, Heading, Anchor, Slug, SnippetHTML string
			Sections                                       []struct{ URL, Heading string }
			Total                                          int
		}
		eval(t, ctx, load+`const r = await m.search("renseignement personel", {root: "../", lang: "fr", edition: "test", limit: 3});
			// The titles come before the snippets: the fixture's heads are
			// in the directory, the texts are one request away.
			if (r.some(x => x.snippetHTML)) throw new Error("snippets before their texts arrived");
			await r.snippets;
			return r.map(x => ({URL: x.url, Title: x.title, Heading: x.heading, Anchor: x.anchor, Slug: x.slug, SnippetHTML: x.snippetHTML, Sections: x.sections.map(s => ({URL: s.url, Heading: s.heading})), Total: r.total}));`, &got)
		if len(got) == 0 {
			t.Fatal("no results")
		}
		r := got[0]
		if r.Slug != "renseignements-personnels" || r.Title != "Protection des renseignements personnels" {
			t.Errorf("first result %s %q", r.Slug, r.Title)
		}
		if !strings.HasPrefix(r.URL, "../fr/renseignements-personnels/") {
			t.Errorf("url %q: want it relative to the root given", r.URL)
		}
		if !strings.Contains(r.SnippetHTML, "<mark>renseignement") {
			t.Errorf("snippet %q: want the matched words marked", r.SnippetHTML)
		}
		for _, s := range r.Sections {
			if !strings.HasPrefix(s.URL, "../fr/renseignements-personnels/") || s.URL == r.URL || s.Heading == "" {
				t.Errorf("other section %+v", s)
			}
		}
	})
}

// TestBrowserEngine's "pack" case: the heads and texts of a page of results
// come from byte ranges, in one request each, from a server that answers
// ranges and from one that sends the whole pack.
func testPackRanges(t *testing.T, ctx context.Context, site *testSite, load, url string) {
	for _, noRange := range []bool{false, true} {
		do(t, ctx, chromedp.Navigate(url)) // a fresh module, nothing fetched yet
		site.fetched()
		site.mu.Lock()
		site.noRange = noRange
		site.mu.Unlock()
		var got []struct{ Slug, Title, Heading, SnippetHTML string }
		eval(t, ctx, load+`const r = await m.search("renseignement personel", {root: "./", lang: "fr", edition: "ranged", limit: 5});
			await r.snippets;
			return r.map(x => ({Slug: x.slug, Title: x.title, Heading: x.heading, SnippetHTML: x.snippetHTML}));`, &got)
		want, err := Build("fr", "ranged", loadFixture(t, "fr")).Search("renseignement personel", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("no ranges %v: %d results, want %d", noRange, len(got), len(want))
		}
		for i, g := range got {
			if g.Slug != want[i].Slug || g.Title != want[i].Title || g.Heading != want[i].Heading || (g.Slug == "renseignements-personnels" && !strings.Contains(g.SnippetHTML, "<mark>")) {
				t.Errorf("no ranges %v: result %d %+v, want %+v", noRange, i, g, want[i])
			}
		}
		packs := 0
		for _, p := range site.fetched() {
			if strings.HasSuffix(p, "/"+packName) {
				packs++
			}
		}
		if want := map[bool]int{false: 2, true: 2}[noRange]; packs > want {
			t.Errorf("no ranges %v: %d requests to the pack, want at most %d", noRange, packs, want)
		}
	}
	site.noRange = false
}

// near reports whether two scores are equal but for rounding (Math.log and
// math.Log may differ in the last bit).
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}
