package search

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFirstQuery measures, in Chromium, what a first query fetches
// from a synthetic 2,000-chapter handbook (after the page and its scripts:
// the directory, the shards, the texts of the ten results shown) and how
// long a query takes once its files are loaded.
func TestBrowserFirstQuery(t *testing.T) {
	ctx := browser(t)
	site, srv := newTestSite(t)
	files := Build("fr", "2025.1", synthCorpus(2000, 1)).Files()
	site.addIndex(files)
	site.files["fr/chapitre-1/index.html"] = page("fr/chapitre-1/", "fr", "2025.1", "")
	jsRaw, jsGz := 0, 0
	for name, b := range site.files {
		if strings.HasPrefix(name, "js/search/") && !strings.HasSuffix(name, "boot.js") {
			jsRaw += len(b)
			jsGz += gzipLen(b)
		}
	}
	t.Logf("engine.js + rules.js + ui.js: %d B raw, %d B gzipped (boot.js ships with the page)", jsRaw, jsGz)
	for _, q := range []string{"réseaux", "politique de confidentialité", "publications employés", "netiq", "gestionaire"} {
		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/chapitre-1/"))
		eval(t, ctx, `await import("../../js/search/engine.js"); return 1;`, nil)
		site.fetched()
		site.sentBytes()
		var timing struct {
			First, Again, Rank float64
			N                  int
		}
		in, _ := json.Marshal(q)
		eval(t, ctx, `const m = await import("../../js/search/engine.js");
			let t0 = performance.now();
			const r = await m.search(`+string(in)+`, {limit: 10});
			await r.snippets;
			const first = performance.now() - t0;
			t0 = performance.now();
			await m.search(`+string(in)+`, {limit: 10});
			const again = performance.now() - t0;
			const ix = await m.loadIndex("../../", "fr", "2025.1");
			t0 = performance.now();
			for (let i = 0; i < 10; i++) await ix.rank(`+string(in)+`);
			return {First: first, Again: again, Rank: (performance.now() - t0) / 10, N: r.total};`, &timing)
		raw, gz, shards, packs := 0, 0, 0, 0
		sent := site.sentBytes()
		for _, p := range site.fetched() {
			b := site.files[p]
			switch {
			case strings.HasSuffix(p, "/"+packName):
				// Byte ranges go as they are; count each request once.
				packs++
				continue
			case strings.Contains(p, "/s/"):
				shards++
			}
			raw += len(b)
			gz += gzipLen(b)
		}
		for p, n := range sent {
			if strings.HasSuffix(p, "/"+packName) {
				raw += n
				gz += n
			}
		}
		t.Logf("%-32q %4d chapters; fetched directory + %d shards + %d range requests: %6d B raw, %6d B gzipped; first query %.0f ms, again %.1f ms, ranking alone %.1f ms",
			q, timing.N, shards, packs, raw, gz, timing.First, timing.Again, timing.Rank)
		if packs != 2 {
			t.Errorf("%q: %d requests to the pack, want 2 (heads, texts) for a page of results", q, packs)
		}
		if gz > 205_000/2 {
			t.Errorf("%q: %d B gzipped, more than half of Pagefind's 205 KB", q, gz)
		}
	}
}
