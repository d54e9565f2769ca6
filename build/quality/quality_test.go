package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	stdpng "image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/internal/browsertest"
	"example.com/handbook/build/internal/linkcheck"
	"example.com/handbook/build/site/runner"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The real handbook is built once for every gate, as it would be published.
var (
	builtOnce sync.Once
	builtDir  string
	builtErr  error
)

func realSite(t *testing.T) string {
	t.Helper()
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "handbook-quality-")
		if err != nil {
			builtErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		today, _ := time.Parse("2006-01-02", "2026-11-25")
		_, dl, err := runner.Build(context.Background(), config.Options{
			Source: "../..", Out: builtDir, Minify: true, Today: config.Day(today),
			Layouts: handbook.Layouts(), Static: handbook.Static(),
		})
		if err == nil && dl.HasErrors() {
			err = dl.Err()
		}
		builtErr = err
	})
	if builtErr != nil {
		t.Fatalf("build the real handbook: %v", builtErr)
	}
	return builtDir
}

func TestMain(m *testing.M) {
	code := browsertest.Main(m)
	if builtDir != "" {
		os.RemoveAll(filepath.Dir(builtDir))
	}
	os.Exit(code)
}

func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestLinksAndAssets(t *testing.T) {
	dir := realSite(t)
	problems, err := linkcheck.Check(os.DirFS(dir), "/handbook/", "404.html", "index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	// Feeds and the sitemap too: no entry links a page that is not
	// published (a redline of a text that did not change, say).
	problems, err = linkcheck.CheckFeeds(os.DirFS(dir), "https://intranet.example.com/handbook/")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestNuHTMLChecker runs the Nu HTML checker on every page of the real
// handbook: no error allowed.
func TestNuHTMLChecker(t *testing.T) {
	java := browsertest.Require(t, "java", "the Nu HTML checker")
	jar := "node_modules/vnu-jar/build/dist/vnu.jar"
	if _, err := os.Stat(jar); err != nil {
		browsertest.Missing(t, "vnu-jar", "the Nu HTML checker", "cd build/quality && npm ci")
	}
	dir := realSite(t)
	files := htmlFiles(t, dir)
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run() // exit status 1 when there are errors; the JSON says which
	var report struct {
		Messages []struct {
			URL, Type, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu output: %v\n%s", err, stderr.String())
	}
	// One line per distinct message, with the first page it is on and how
	// many pages share it: a layout fault repeats on every page.
	type first struct {
		where string
		count int
	}
	seen := map[string]*first{}
	var order []string
	for _, m := range report.Messages {
		rel := strings.TrimPrefix(m.URL, "file:"+dir+"/")
		key := m.Type + ": " + m.Message
		if f := seen[key]; f != nil {
			f.count++
			continue
		}
		seen[key] = &first{where: fmt.Sprintf("%s:%d (%q)", rel, m.LastLine, m.Extract), count: 1}
		order = append(order, key)
	}
	for _, k := range order {
		t.Errorf("%s\n  first at %s; %d occurrences", k, seen[k].where, seen[k].count)
	}
	t.Logf("checked %d pages", len(files))
}

// pageTypes are one page of each kind, under the /handbook/ sub-path.
var pageTypes = []string{
	"fr/", "en/", "fr/critiques/", "en/critiques/", "fr/2025.1/critiques/changes/", "fr/2025.1/changes/",
	"fr/editions/", "fr/tags/", "fr/tags/reputation/", "fr/search/?q=netiquette", "en/search/?q=privacy",
	"fr/print/", "fr/subscribe/", "fr/critiques/history/", "fr/2024.1/critiques/", "en/2025.1/renseignements-personnels/changes/",
	"404.html",
}

// TestAxe runs axe-core on every page type in light and dark mode: no WCAG
// 2.1 A or AA violation allowed.
func TestAxe(t *testing.T) {
	axe, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		browsertest.Missing(t, "axe-core", "the accessibility checks", "cd build/quality && npm ci")
	}
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, realSite(t), "/handbook/")
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pageTypes {
			url := srv.URL + "/handbook/" + p
			if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
				t.Fatalf("%s: %v", url, err)
			}
			if strings.Contains(p, "search/?q=") {
				waitFor(t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
			}
			checkAxe(t, ctx, axe, p, scheme)
		}
	}
}

// checkAxe runs axe-core's WCAG 2.1 A and AA rules on the page ctx shows
// (page, in colour scheme scheme) and reports each violation as an error.
func checkAxe(t *testing.T, ctx context.Context, axe []byte, page, scheme string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axe))); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ") + " " + (n.failureSummary || ""))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe: %v", page, err)
	}
	for _, v := range res {
		t.Errorf("%s (%s): %s: %s\n  %s", page, scheme, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

type axeViolation struct {
	ID, Help string
	Nodes    []string
}

func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", cond)
}

// TestReadableWithoutJavaScript loads chapter pages with scripts disabled:
// the title, the rules and the navigation are all there.
func TestReadableWithoutJavaScript(t *testing.T) {
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, realSite(t), "/handbook/")
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"fr/netiquette/", "en/personal-use/", "fr/2025.1/critiques/changes/"} {
		if strings.HasPrefix(p, "en/personal-use") {
			p = "en/usage-personnel/"
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/handbook/"+p)); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
		if err != nil {
			t.Fatal(err)
		}
		h1, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("h1").innerText`))
		if h1 == "" || len(strings.Fields(text)) < 300 {
			t.Errorf("%s without JavaScript: h1 %q, %d words in main", p, h1, len(strings.Fields(text)))
		}
	}
}

// TestPageWeight keeps chapter pages light: HTML, CSS and the JavaScript
// loaded before any search under 50 KB (uncompressed, images aside).
func TestPageWeight(t *testing.T) {
	dir := realSite(t)
	css, _ := filepath.Glob(filepath.Join(dir, "assets/*/css/site.css"))
	js, _ := filepath.Glob(filepath.Join(dir, "assets/*/js/main.js"))
	boot, _ := filepath.Glob(filepath.Join(dir, "assets/*/js/search/boot.js"))
	if len(css) != 1 || len(js) != 1 {
		t.Fatalf("assets: css %v js %v", css, js)
	}
	shared := size(t, css[0]) + size(t, js[0])
	if len(boot) == 1 {
		shared += size(t, boot[0])
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*/*/index.html"))
	heaviest, name := 0, ""
	for _, m := range matches {
		rel, _ := filepath.Rel(dir, m)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) != 3 || strings.ContainsAny(parts[1][:1], "0123456789") {
			continue
		}
		switch parts[1] {
		case "search", "print", "tags", "editions", "subscribe":
			continue
		}
		if n := size(t, m); n > heaviest {
			heaviest, name = n, rel
		}
	}
	total := heaviest + shared
	t.Logf("heaviest chapter page %s: %d bytes HTML + %d bytes CSS and JS = %d bytes", name, heaviest, shared, total)
	if total > 50*1024 {
		t.Errorf("chapter page %s weighs %d bytes with its CSS and JS, over the 50 KB budget", name, total)
	}
}

func size(t *testing.T, p string) int {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return int(st.Size())
}

// TestScreenshots writes screenshots of the main page types at phone and
// desktop widths, light and dark, into $HANDBOOK_SCREENSHOTS (not committed),
// so that a developer can look at them.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("HANDBOOK_SCREENSHOTS")
	if out == "" {
		t.Skip("set HANDBOOK_SCREENSHOTS=DIR to write screenshots")
	}
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, realSite(t), "/handbook/")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		_, _ = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		for _, width := range []int64{390, 1280} {
			for _, p := range []string{"fr/", "fr/critiques/", "fr/2025.1/critiques/changes/", "fr/search/?q=photo", "en/2025.1/changes/", "fr/print/"} {
				var png []byte
				err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+"/handbook/"+p))
				if err == nil {
					time.Sleep(300 * time.Millisecond)
					png, err = chromedp.Run(ctx, chromedp.FullScreenshot(80))
				}
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s-%d-%s.jpg", strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(strings.TrimSuffix(p, "/")), width, scheme)
				if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// readmeImages are the screenshots the README shows, under docs/images/:
// a chapter and a redline of the real handbook, at a desktop width.
// show is the element scrolled near the top of the view, so that the
// pictures show a box and the marks of a redline.
var readmeImages = []struct{ file, page, show string }{
	{"chapter.png", "fr/critiques/", "main .admonition"},
	{"redline.png", "fr/2025.1/critiques/changes/", ".redline-body p:has(ins):has(del)"},
}

// TestReadmeImages rewrites docs/images/ with HANDBOOK_README_IMAGES=1,
// from a real build in headless Chromium. Screenshots differ with fonts
// and browser versions, so they are not compared; the test checks that
// each is a PNG of the size asked for.
func TestReadmeImages(t *testing.T) {
	if os.Getenv("HANDBOOK_README_IMAGES") == "" {
		t.Skip("set HANDBOOK_README_IMAGES=1 to rewrite docs/images/")
	}
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, realSite(t), "/handbook/")
	const width, height = 900, 640
	for _, im := range readmeImages {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(srv.URL+"/handbook/"+im.page))
		var png []byte
		if err == nil {
			var found bool
			found, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
				`(() => { const e = document.querySelector(%q); if (!e) return false; window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 160); return true })()`, im.show)))
			if err == nil && !found {
				t.Fatalf("%s: no %s on the page", im.page, im.show)
			}
		}
		if err == nil {
			time.Sleep(300 * time.Millisecond) // fonts and the layout settle
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatalf("%s: %v", im.page, err)
		}
		cfg, err := stdpng.DecodeConfig(bytes.NewReader(png))
		if err != nil || cfg.Width != width || cfg.Height != height {
			t.Fatalf("%s: %dx%d %v, want a %dx%d PNG", im.page, cfg.Width, cfg.Height, err, width, height)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "images", im.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("docs/images/%s: %s, %d KB", im.file, im.page, len(png)/1024)
	}
}

// TestSearchPagePrefetch loads the search page with a query and checks
// that its inline script's early fetches (the index's directory and the
// query words' shards) are the ones engine.js uses: nothing under
// search/ is fetched twice, every shard is the inline script's, and the
// results are listed.
func TestSearchPagePrefetch(t *testing.T) {
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, realSite(t), "/handbook/")
	// Record what the inline script puts in document.searchPrefetch.
	const hook = `Object.defineProperty(document, "searchPrefetch", {configurable: true,
  get() { return this._pre; },
  set(m) { window.__pre = []; const set = m.set.bind(m); m.set = (k, v) => (window.__pre.push(k), set(k, v)); this._pre = m; }});`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hook}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"fr/search/?q=transparence", "/fr/etat-d-esprit/"},
		{"en/search/?q=crisis+level+3", "/fr/crise-et-escalade/"},
		{"fr/search/?q=Ren%C3%A9gociation+des+r%C3%A8glements", ""}, // accents, stems, a stop word
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/handbook/"+tc.path)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
		var got struct {
			Pre, Fetched []string
			First        string
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
  pre: (window.__pre || []).map((u) => new URL(u, location.href).pathname),
  fetched: performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/search/") && !p.includes("/js/")),
  first: document.querySelector("#search-results li a").getAttribute("href")})`))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(res), &got); err != nil {
			t.Fatal(err)
		}
		shards := 0
		for _, p := range got.Pre {
			if strings.Contains(p, "/s/") {
				shards++
			}
		}
		if len(got.Pre) == 0 || !strings.HasSuffix(got.Pre[0], "/index.json") || shards == 0 {
			t.Errorf("%s: prefetched %v, want the index.json, then the shards", tc.path, got.Pre)
		}
		seen := map[string]int{}
		for _, p := range got.Fetched {
			if seen[p]++; seen[p] == 2 {
				t.Errorf("%s: %s fetched twice (%v)", tc.path, p, got.Fetched)
			}
			if strings.Contains(p, "/s/") && !slices.Contains(got.Pre, p) {
				t.Errorf("%s: shard %s fetched by engine.js, not by the inline script (which fetched %v)", tc.path, p, got.Pre)
			}
		}
		if tc.want != "" && !strings.Contains(got.First, strings.TrimPrefix(tc.want, "/fr")) {
			t.Errorf("%s: first result %q, want %s", tc.path, got.First, tc.want)
		}
	}
}
