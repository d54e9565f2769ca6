// Command pfbench compares, in one run, a first search on the handbook's
// own search page with the same search through Pagefind, on the same
// pages, in headless Chromium, each query in a new (cold) browser context,
// over HTTP/2 with a fixed delay before every response (a simulated round
// trip). For each corpus (the real handbook, and generated handbooks of N
// chapter pages) it builds the site, marks the current edition's chapter
// pages for Pagefind and runs Pagefind (installed from npm outside the
// repository) on it, then measures, from the navigation to the search
// page with ?q=:
//
//   - time to first result: the first <li> of the results on screen;
//   - time to all snippets: every result of the page with its snippet;
//   - requests, bytes (as sent, compressed) and sequential levels after
//     the HTML (a request is one level below the latest one that had
//     finished when it was sent).
//
// The server sends a file's .br or .gz when there is one and the browser
// accepts it (as Caddy's precompressed br gzip, or nginx's brotli_static
// and gzip_static do), else gzips text on the fly, and
// answers byte ranges (uncompressed) as static servers do. Pagefind's own
// files are sent as they are: Pagefind compresses them itself.
//
//	go run ./build/search/pfbench -work /tmp/pf-run -pagefind node_modules/.bin/pagefind [-sizes real,2000,20000]
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/handbook"
	"example.com/handbook/build/bench"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/site/runner"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// query is one query of a corpus, with the chapters it should find (none
// for the generated corpora).
type query struct {
	lang, text string
	want       []string
}

// synthQueries are typed on the generated handbooks, in French.
var synthQueries = []string{"moderation commentaires", "renseignements personnels", "porte parole agrees", "cellule de crise", "concours reglement"}

func main() {
	work := flag.String("work", "", "a folder that does not exist yet: corpora, sites and Pagefind indexes go there")
	pagefind := flag.String("pagefind", "pagefind", "the pagefind command")
	sizes := flag.String("sizes", "real,2000,20000", "corpora: real (the handbook in -source) and numbers of chapter pages")
	source := flag.String("source", ".", "the real handbook's source folder")
	queries := flag.String("queries", "build/search/pfbench/queries.txt", "queries on the real handbook: lang | query | slug[, slug]")
	delay := flag.Duration("delay", 20*time.Millisecond, "delay before every response")
	runs := flag.Int("runs", 3, "cold runs of each query and engine (medians are reported)")
	reuse := flag.String("reuse-pagefind", "", "the -work folder of an earlier run: copy its Pagefind index of each corpus it has instead of indexing again (valid while the chapter pages' text is unchanged)")
	flag.Parse()
	if *work == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*work, *pagefind, *reuse, *sizes, *source, *queries, *delay, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "pfbench:", err)
		os.Exit(1)
	}
}

func run(work, pagefind, reuse, sizes, source, queryFile string, delay time.Duration, runs int) error {
	if _, err := os.Stat(work); err == nil {
		return fmt.Errorf("%s exists: give a folder that does not", work)
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	exe, err := exec.LookPath("chromium")
	if err != nil {
		return err
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("ignore-certificate-errors", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancelA()
	root, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(root); err != nil {
		return err
	}
	for _, size := range strings.Split(sizes, ",") {
		c := corpus{name: size, work: filepath.Join(work, size)}
		if size == "real" {
			c.source = source
			c.today, err = content.Today()
			if err != nil {
				return err
			}
			if c.queries, err = readQueries(queryFile); err != nil {
				return err
			}
		} else {
			pages, err := strconv.Atoi(size)
			if err != nil || pages < 2 {
				return fmt.Errorf("-sizes: %q is neither real nor a number of pages", size)
			}
			o := bench.GenOptions{Chapters: pages / 2, Editions: 1, Langs: []string{"fr", "en"}}
			c.source, c.today = filepath.Join(c.work, "handbook"), bench.Today(o)
			t0 := time.Now()
			if err := bench.Generate(c.source, o); err != nil {
				return err
			}
			fmt.Printf("# %s: generated %d chapters × 2 languages in %v\n", size, o.Chapters, time.Since(t0).Round(time.Millisecond))
			for _, q := range synthQueries {
				c.queries = append(c.queries, query{lang: "fr", text: q})
			}
		}
		if p := filepath.Join(reuse, size, "site", "pagefind"); reuse != "" && fileExists(p) {
			c.reuse = p
		}
		if err := c.prepare(pagefind); err != nil {
			return err
		}
		if err := c.measure(root, delay, runs); err != nil {
			return err
		}
	}
	return nil
}

// readQueries reads lines "lang | query | slug, slug"; # starts a comment.
func readQueries(name string) ([]query, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []query
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want lang | query | slugs", name, i+1)
		}
		q := query{lang: strings.TrimSpace(f[0]), text: strings.TrimSpace(f[1])}
		for _, s := range strings.Split(f[2], ",") {
			q.want = append(q.want, strings.TrimSpace(s))
		}
		out = append(out, q)
	}
	return out, nil
}

// corpus is one handbook to measure.
type corpus struct {
	name, work, source string
	today              time.Time
	queries            []query
	site               string // the built site
	reuse              string // an earlier run's Pagefind index of the same corpus, or ""
	current            string // the current edition
}

// prepare builds the site, marks the current edition's chapter pages
// (their stable URLs, lang/slug/) for Pagefind and indexes them.
func (c *corpus) prepare(pagefind string) error {
	c.site = filepath.Join(c.work, "site")
	t0 := time.Now()
	today := c.today
	_, dl, err := runner.Build(context.Background(), config.Options{Source: c.source, Out: c.site, Minify: true,
		Today: func() (time.Time, error) { return today, nil }, Layouts: handbook.Layouts(), Static: handbook.Static()})
	if err == nil && dl.HasErrors() {
		err = dl.Err()
	}
	if err != nil {
		return fmt.Errorf("build %s: %v\n%v", c.name, err, dl)
	}
	built := time.Since(t0)
	var dir []struct {
		Lang, Edition string
		Current       bool
	}
	b, err := os.ReadFile(filepath.Join(c.site, "search", "editions.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &dir); err != nil {
		return err
	}
	for _, e := range dir {
		if e.Current {
			c.current = e.Edition
		}
	}
	marked := 0
	for _, lang := range []string{"fr", "en"} {
		pages, _ := filepath.Glob(filepath.Join(c.site, lang, "*", "index.html"))
		for _, p := range pages {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !bytes.Contains(b, []byte(`class="page-chapter"`)) {
				continue
			}
			b = bytes.Replace(b, []byte("<main"), []byte("<main data-pagefind-body"), 1)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return err
			}
			if gz := p + ".gz"; fileExists(gz) {
				if err := os.WriteFile(gz, gzipped(b), 0o644); err != nil {
					return err
				}
			}
			// The marked page has no Brotli copy: the .gz serves it.
			if err := os.Remove(p + ".br"); err != nil && !os.IsNotExist(err) {
				return err
			}
			marked++
		}
	}
	t1 := time.Now()
	// Only the marked pages are indexed (data-pagefind-body); the glob
	// spares Pagefind reading the tens of thousands of others (history,
	// redlines, old editions), which changes nothing in its index.
	if c.reuse != "" {
		// The generated corpora are the same from run to run, and so are
		// the chapter pages' text that Pagefind indexes.
		if err := os.CopyFS(filepath.Join(c.site, "pagefind"), os.DirFS(c.reuse)); err != nil {
			return fmt.Errorf("-reuse-pagefind: %v", err)
		}
		fmt.Printf("# %s: our build %v (search index included); Pagefind's index of %d chapter pages copied from %s\n",
			c.name, built.Round(time.Millisecond), marked, c.reuse)
		return nil
	}
	cmd := exec.Command(pagefind, "--site", c.site, "--glob", "{fr,en}/*/index.html")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("pagefind: %v\n%s", err, out)
	}
	fmt.Printf("# %s: our build %v (search index included); Pagefind indexed %d chapter pages in %v\n",
		c.name, built.Round(time.Millisecond), marked, time.Since(t1).Round(time.Millisecond))
	return nil
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// sample is one cold query.
type sample struct {
	first, all      float64 // ms from navigation
	requests, level int
	bytes, total    int // search files only; everything after the HTML
	top             []string
	n               int
}

// measure runs every query with both engines, runs times each, and
// prints a table.
func (c *corpus) measure(root context.Context, delay time.Duration, runs int) error {
	srv := &server{dir: c.site, delay: delay}
	ts := httptest.NewUnstartedServer(srv)
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	fmt.Printf("\n## %s (current edition %s), %v per response, %d cold runs per query and engine\n\n", c.name, c.current, delay, runs)
	fmt.Println("| query | ours: first result / all snippets (ms) | Pagefind | ours: requests, levels, KB | Pagefind | top 3 (ours) | top 3 (Pagefind) |")
	fmt.Println("|---|---|---|---|---|---|---|")
	var sums [2][]sample
	hits := [2]int{}
	for _, q := range c.queries {
		var med [2]sample
		for e, engine := range []string{"ours", "pagefind"} {
			var ss []sample
			for range runs {
				u := ts.URL + "/" + q.lang + "/search/?q=" + url.QueryEscape(q.text)
				if engine == "pagefind" {
					u = ts.URL + pagefindPage + "?lang=" + q.lang + "&q=" + url.QueryEscape(q.text)
				}
				s, err := c.once(root, srv, u)
				if err != nil {
					return fmt.Errorf("%s %q: %w", engine, q.text, err)
				}
				ss = append(ss, s)
			}
			med[e] = median(ss)
			sums[e] = append(sums[e], med[e])
			if q.want != nil && found(med[e].top, q.want) {
				hits[e]++
			}
		}
		fmt.Printf("| %s %s | %.0f / %.0f | %.0f / %.0f | %d, %d, %.1f | %d, %d, %.1f | %s | %s |\n", q.lang, q.text,
			med[0].first, med[0].all, med[1].first, med[1].all,
			med[0].requests, med[0].level, kb(med[0].bytes), med[1].requests, med[1].level, kb(med[1].bytes),
			strings.Join(slugs(med[0].top), " "), strings.Join(slugs(med[1].top), " "))
	}
	o, p := median(sums[0]), median(sums[1])
	fmt.Printf("\nmedians over %d queries: first result %.0f ms (Pagefind %.0f, ratio %.2f); all snippets %.0f ms (Pagefind %.0f, ratio %.2f); search bytes %.1f KB (Pagefind %.1f, ratio %.2f); levels after the HTML %d (Pagefind %d)\n",
		len(c.queries), o.first, p.first, o.first/p.first, o.all, p.all, o.all/p.all, kb(o.bytes), kb(p.bytes), float64(o.bytes)/float64(p.bytes), o.level, p.level)
	maxLevel, maxRatio := 0, 0.0
	for i := range sums[0] {
		maxLevel = max(maxLevel, sums[0][i].level)
		maxRatio = max(maxRatio, float64(sums[0][i].bytes)/float64(sums[1][i].bytes))
	}
	fmt.Printf("worst query: %d levels after the HTML, bytes ratio %.2f\n", maxLevel, maxRatio)
	if c.queries[0].want != nil {
		fmt.Printf("expected chapter in the top 3: ours %d/%d, Pagefind %d/%d\n", hits[0], len(c.queries), hits[1], len(c.queries))
	}
	return nil
}

func kb(n int) float64 { return float64(n) / 1000 }

var chapterURL = regexp.MustCompile(`(?:^|/)(?:fr|en)/(?:[0-9][^/]*/)?([a-z][a-z0-9-]*)/(?:index\.html)?(?:#.*)?$`)

// slugs turns result links into chapter slugs.
func slugs(links []string) []string {
	var out []string
	for _, l := range links {
		if m := chapterURL.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		} else {
			out = append(out, "("+l+")")
		}
	}
	return out
}

func found(top, want []string) bool {
	for _, s := range slugs(top) {
		if slices.Contains(want, s) {
			return true
		}
	}
	return false
}

// median returns the sample of median time to first result, with the
// median of each figure.
func median(ss []sample) sample {
	pick := func(f func(s sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		sort.Float64s(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	m := ss[0]
	m.first = pick(func(s sample) float64 { return s.first })
	m.all = pick(func(s sample) float64 { return s.all })
	m.requests = int(pick(func(s sample) float64 { return float64(s.requests) }))
	m.level = int(pick(func(s sample) float64 { return float64(s.level) }))
	m.bytes = int(pick(func(s sample) float64 { return float64(s.bytes) }))
	m.total = int(pick(func(s sample) float64 { return float64(s.total) }))
	return m
}

// watch records, from the start of navigation (performance.now()), when
// the first result and when every snippet is on screen.
const watch = `(() => {
  const t = window.__t = {};
  const check = () => {
    const ol = document.getElementById("search-results") || document.getElementById("pf-results");
    if (!ol) return;
    const status = document.getElementById("search-status");
    const shown = ol.querySelector("li") || (status && status.textContent);
    if (shown && !t.first) t.first = performance.now();
    const done = ol.id === "pf-results" ? ol.dataset.done === "yes" : status && status.textContent && !ol.querySelector("[aria-busy]");
    if (done && !t.all) {
      t.all = performance.now();
      t.n = ol.children.length;
      t.top = [...ol.children].slice(0, 3).map((li) => li.querySelector("a").getAttribute("href"));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`

// timeline reports the page's navigation milestones and its
// performance marks, in ms from the start of navigation (PFBENCH_LOG).
const timeline = `(() => {
  const n = performance.getEntriesByType("navigation")[0], f = (x) => x.toFixed(1);
  const out = [["request", n.requestStart], ["html", n.responseEnd], ["interactive", n.domInteractive], ["dcl", n.domContentLoadedEventStart]];
  for (const m of performance.getEntriesByType("mark")) out.push([m.name, m.startTime]);
  for (const p of performance.getEntriesByType("paint")) out.push([p.name, p.startTime]);
  return out.map(([k, v]) => k + " " + f(v)).join(", ");
})()`

// once runs one query in a new browser context.
func (c *corpus) once(root context.Context, srv *server, u string) (sample, error) {
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		return sample{}, err
	}
	srv.start()
	var res struct {
		First, All float64
		N          int
		Top        []string
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return sample{}, err
	}
	js, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise((ok) => { const f = () => window.__t && window.__t.all ? ok(JSON.stringify(window.__t)) : setTimeout(f, 5); f(); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		return sample{}, err
	}
	time.Sleep(50 * time.Millisecond) // let late requests finish
	reqs := srv.stop()
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		return sample{}, err
	}
	s := sample{first: res.First, all: res.All, top: res.Top, n: res.N}
	sort.Slice(reqs, func(i, j int) bool { return reqs[i].sent < reqs[j].sent })
	searchFile := func(r *req) bool {
		return strings.Contains(r.path, "/js/search/") || strings.HasPrefix(r.path, "/search/") || strings.HasPrefix(r.path, "/pagefind/")
	}
	for i, r := range reqs {
		// Levels count the page and the search's own requests: a style
		// sheet that happens to finish before a search file is asked for
		// (on a loaded machine) is not what the search waits for.
		r.depth = 1
		for k, p := range reqs[:i] {
			if (k == 0 || searchFile(p)) && p.done <= r.sent && p.depth+1 > r.depth {
				r.depth = p.depth + 1
			}
		}
		if i == 0 {
			continue // the page itself
		}
		s.total += r.bytes
		if searchFile(r) {
			s.requests++
			s.bytes += r.bytes
			s.level = max(s.level, r.depth-1)
		}
	}
	if os.Getenv("PFBENCH_LOG") != "" {
		// The page's own milestones, on the same clock as the results.
		if nav, err := chromedp.Run(ctx, chromedp.Evaluate[string](timeline)); err == nil {
			fmt.Fprintf(os.Stderr, "  page: %s first %.1f all %.1f\n", nav, s.first, s.all)
		}
		for _, r := range reqs {
			fmt.Fprintf(os.Stderr, "  %d %7.1f-%7.1f %6d %s\n", r.depth, r.sent, r.done, r.bytes, r.path)
		}
	}
	return s, nil
}

// pagefindPage is the search page for Pagefind, served by the bench
// server: it searches with Pagefind's JavaScript API and lists each of the
// first 10 results as soon as its fragment (title, URL, excerpt) arrives.
const pagefindPage = "/__pagefind/"

const pagefindHTML = `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>Pagefind</title></head><body><main><ol id="pf-results" data-done="no"></ol></main>
<script type="module">
const ol = document.getElementById("pf-results");
const q = new URLSearchParams(location.search).get("q");
const pf = await import("/pagefind/pagefind.js");
const s = await pf.search(q);
const shown = [];
await Promise.all(s.results.slice(0, 10).map(async (r, i) => {
  const d = await r.data();
  const li = document.createElement("li");
  li.dataset.i = i;
  const a = document.createElement("a");
  a.href = d.url;
  a.textContent = d.meta.title;
  const p = document.createElement("p");
  p.innerHTML = d.excerpt;
  li.append(a, p);
  ol.append(li);
}));
ol.replaceChildren(...[...ol.children].sort((a, b) => a.dataset.i - b.dataset.i));
ol.dataset.done = "yes";
</script></body></html>`

// server serves a built site with a delay before every response.
type server struct {
	dir   string
	delay time.Duration
	mu    sync.Mutex
	t0    time.Time
	log   []*req // nil: not recording
}

type req struct {
	path       string
	sent, done float64
	bytes      int
	depth      int
}

func (s *server) start() {
	s.mu.Lock()
	s.t0, s.log = time.Now(), []*req{}
	s.mu.Unlock()
}

func (s *server) stop() []*req {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

func (s *server) since() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return float64(time.Since(s.t0).Microseconds()) / 1000
}

// compressible reports whether a server configured for the site gzips a
// file it has no .gz of: text, and our shards. Pagefind's files come
// compressed; the pack is read by ranges.
func compressible(p string) bool {
	switch path.Ext(p) {
	case ".html", ".js", ".json", ".css", ".xml", ".svg":
		return true
	case ".bin":
		return path.Base(p) != "p.bin"
	}
	return false
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/favicon.ico" {
		http.NotFound(w, r)
		return
	}
	rec := &req{path: r.URL.Path, sent: s.since()}
	cw := &countingWriter{ResponseWriter: w}
	defer func() {
		rec.done, rec.bytes = s.since(), cw.n
		s.mu.Lock()
		if s.log != nil {
			s.log = append(s.log, rec)
		}
		s.mu.Unlock()
	}()
	time.Sleep(s.delay)
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path == pagefindPage {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(cw, pagefindHTML, r.URL.Query().Get("lang"))
		return
	}
	p := r.URL.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	name := filepath.Join(s.dir, filepath.FromSlash(path.Clean(p)))
	b, err := os.ReadFile(name)
	if err != nil {
		http.NotFound(cw, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(p))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	accept := r.Header.Get("Accept-Encoding")
	if r.Header.Get("Range") == "" && strings.Contains(accept, "br") {
		if br, err := os.ReadFile(name + ".br"); err == nil {
			w.Header().Set("Content-Encoding", "br")
			w.Header().Set("Content-Length", strconv.Itoa(len(br)))
			cw.Write(br)
			return
		}
	}
	if r.Header.Get("Range") == "" && strings.Contains(accept, "gzip") {
		if gz, err := os.ReadFile(name + ".gz"); err == nil {
			b = gz
		} else if compressible(p) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, 6)
			zw.Write(b)
			zw.Close()
			b = buf.Bytes()
		} else {
			http.ServeContent(cw, r, "", time.Time{}, bytes.NewReader(b))
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		cw.Write(b)
		return
	}
	http.ServeContent(cw, r, "", time.Time{}, bytes.NewReader(b))
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
