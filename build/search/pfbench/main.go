// Command pfbench measures a first search query in headless Chromium, ours
// against Pagefind (installed from npm outside the repository), on a built
// site served with gzip and a fixed delay per response (a simulated round
// trip). It reproduces the figures of the README's search section.
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
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

type server struct {
	dir   string
	delay time.Duration
	mu    sync.Mutex
	log   []*req // nil: not recording
	t0    time.Time
}

// gzipped reports whether a static server configured for the site would
// compress the file: text and our binary shards, not Pagefind's files,
// which Pagefind compresses itself.
func gzipped(p string) bool {
	switch path.Ext(p) {
	case ".html", ".js", ".json", ".css", ".bin", ".xml", ".svg":
		return true
	}
	return false
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &req{url: r.URL.RequestURI(), sent: s.since()}
	defer func() {
		rec.done = s.since()
		s.mu.Lock()
		if s.log != nil {
			s.log = append(s.log, rec)
		}
		s.mu.Unlock()
	}()
	time.Sleep(s.delay)
	p := r.URL.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(p))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	if gzipped(p) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, 6)
		zw.Write(b)
		zw.Close()
		b = buf.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	rec.bytes = len(b)
	w.Write(b)
}

func (s *server) since() float64 { return float64(time.Since(s.t0).Microseconds()) / 1000 }

type req struct {
	url        string
	sent, done float64
	depth      int
	bytes      int
}

type measure struct {
	Requests, Depth, Bytes int
	Ms                     float64
	Files                  []string
}

func main() {
	site := flag.String("site", "", "built site")
	page := flag.String("page", "", "page to query from, e.g. /fr/netiquette/")
	engine := flag.String("engine", "ours", "ours or pagefind")
	limit := flag.Int("limit", 10, "results whose texts are loaded")
	delay := flag.Duration("delay", 20*time.Millisecond, "delay per response")
	quality := flag.String("quality", "", "JSON file of queries [{lang,query,want}] to rank (top 3)")
	lang := flag.String("lang", "fr", "language of the quality queries to run")
	flag.Parse()
	srv := &server{dir: *site, delay: *delay, t0: time.Now()}
	ts := httptest.NewUnstartedServer(srv)
	ts.EnableHTTP2 = true
	ts.StartTLS()
	defer ts.Close()
	base := ts.URL

	exe, _ := exec.LookPath("chromium")
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("ignore-certificate-errors", true), chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		panic(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		panic(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		panic(err)
	}

	run := func(q string) (measure, []string) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+*page)); err != nil {
			panic(err)
		}
		time.Sleep(300 * time.Millisecond)
		srv.mu.Lock()
		srv.log = []*req{}
		srv.mu.Unlock()
		qs, _ := json.Marshal(q)
		var js string
		if *engine == "ours" {
			js = fmt.Sprintf(`(async () => {
				const src = document.querySelector('script[src*="main.js"]').src.replace(/main\.js$/, "search/engine.js");
				const m = await import(src);
				const t0 = performance.now();
				const r = await m.search(%s, {limit: %d});
				return JSON.stringify({ms: performance.now() - t0, slugs: r.map(x => x.slug)});
			})()`, qs, *limit)
		} else {
			js = fmt.Sprintf(`(async () => {
				const t0 = performance.now();
				const pf = await import("/pagefind/pagefind.js");
				const s = await pf.search(%s);
				const d = await Promise.all(s.results.slice(0, %d).map(r => r.data()));
				return JSON.stringify({ms: performance.now() - t0, slugs: d.map(x => x.url)});
			})()`, qs, *limit)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			panic(fmt.Sprintf("%s: %v", q, err))
		}
		time.Sleep(100 * time.Millisecond)
		var res struct {
			Ms    float64
			Slugs []string
		}
		json.Unmarshal([]byte(out), &res)
		srv.mu.Lock()
		reqs := srv.log
		srv.log = nil
		srv.mu.Unlock()
		sort.Slice(reqs, func(i, j int) bool { return reqs[i].sent < reqs[j].sent })
		m := measure{Ms: res.Ms}
		for i, r := range reqs {
			r.depth = 1
			for _, p := range reqs[:i] {
				if p.done > 0 && p.done <= r.sent && p.depth+1 > r.depth {
					r.depth = p.depth + 1
				}
			}
			u := strings.TrimPrefix(r.url, base)
			m.Requests++
			m.Bytes += r.bytes
			m.Depth = max(m.Depth, r.depth)
			m.Files = append(m.Files, fmt.Sprintf("%d:%s(%d)", r.depth, u, r.bytes))
		}
		return m, res.Slugs
	}

	if *quality != "" {
		b, err := os.ReadFile(*quality)
		if err != nil {
			panic(err)
		}
		var qs []struct {
			Lang, Query string
			Want        []string
		}
		json.Unmarshal(b, &qs)
		chapter := regexp.MustCompile(`^/?(?:fr|en)/(?:[0-9][^/]*/)?([a-z][a-z0-9-]*)/(?:index\.html)?$`)
		n, top, rr := 0, 0, 0.0
		for _, q := range qs {
			if q.Lang != *lang {
				continue
			}
			_, got := run(q.Query)
			var slugs []string
			for _, s := range got {
				if *engine == "pagefind" {
					u := strings.TrimPrefix(s, base)
					if m := chapter.FindStringSubmatch(u); m != nil {
						s = m[1]
					} else {
						s = "(" + u + ")"
					}
				}
				slugs = append(slugs, s)
			}
			rank := 0
			for i, s := range slugs {
				if rank == 0 && contains(q.Want, s) {
					rank = i + 1
				}
			}
			n++
			if rank > 0 {
				rr += 1 / float64(rank)
			}
			mark := "MISS"
			if rank > 0 && rank <= 3 {
				top++
				mark = "ok"
			}
			fmt.Printf("%-4s %-30q rank %2d  top3 %v\n", mark, q.Query, rank, slugs[:min(3, len(slugs))])
		}
		fmt.Printf("QUALITY %s %s: %d/%d in top 3, MRR %.3f\n", *engine, *lang, top, n, rr/float64(n))
		return
	}
	run("warm up")
	for _, q := range flag.Args() {
		m, slugs := run(q)
		code := 0
		for _, f := range m.Files {
			if strings.Contains(f, ".js(") || strings.Contains(f, "wasm.") {
				var n int
				fmt.Sscanf(f[strings.LastIndex(f, "(")+1:], "%d", &n)
				code += n
			}
		}
		fmt.Printf("%-30q %2d requests, %d sequential, %7d B (code %6d, data %6d), %4.0f ms; top %v\n", q, m.Requests, m.Depth, m.Bytes, code, m.Bytes-code, m.Ms, slugs[:min(3, len(slugs))])
		for _, f := range m.Files {
			fmt.Println("     ", f)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
