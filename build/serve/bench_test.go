package serve

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/config"
)

// BenchmarkEditToRender measures what an author waits for: from writing a
// chapter file to the browser's reload request getting the new page. The
// whole path is timed: the file system event, the debounce, the rebuild,
// the event to the open tab, and the request for the page (which the
// event carries now: the tab would not ask).
//
// It runs on a copy of testdata/site, or on the source folder named by
// HANDBOOK_BENCH_SOURCE (a large generated tree: it is used in place, and
// the chapter it edits, the first of the current edition in the reference
// language, is restored at the end).
// Besides ns/op it reports the median and the 90th percentile:
//
//	go test -run '^$' -bench EditToRender -benchtime 50x ./build/serve
//	HANDBOOK_BENCH_SOURCE=/tmp/big go test -run '^$' -bench EditToRender -benchtime 20x ./build/serve
func BenchmarkEditToRender(b *testing.B) {
	dir := os.Getenv("HANDBOOK_BENCH_SOURCE")
	out := &syncBuffer{}
	var o config.Options
	if dir == "" {
		dir = b.TempDir()
		copyTree(b, filepath.Join("testdata", "site"), dir)
		o = testOptions(dir, out)
	} else {
		o = testOptions(dir, out)
		o.Today = nil // the tree's own today: HANDBOOK_NOW or the clock
	}
	started := time.Now()
	s, ts := testServerWith(b, o)
	b.Logf("start-up (load and prepare the site): %v", time.Since(started).Round(time.Millisecond))
	st := s.Site()
	if st == nil {
		b.Fatalf("the source has errors:\n%s", out)
	}
	h := st.Handbook()
	ref := h.Settings.Reference()
	c := h.Current.Chapters[0]
	file, page := c.Texts[ref].File, ref+"/"+c.Slug+"/"
	original := readFile(b, dir, file)
	b.Cleanup(func() { writeFile(b, dir, file, original) })

	stopWatch, err := s.watch(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer stopWatch()
	client := ts.Client()
	_, body := get(b, client, ts.URL+"/"+page)
	events := openEvents(b, client, ts.URL, page, pageGen(b, body))

	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		marker := fmt.Sprintf("Paragraphe du banc d’essai %d.", i)
		start := time.Now()
		writeFile(b, dir, file, original+"\n"+marker+"\n")
		for {
			ev := events.next(b)
			if ev.name == "errors" && ev.data != `{"errors":[]}` {
				b.Fatalf("the edit broke the content: %s", ev.data)
			}
			if (ev.name == "update" || ev.name == "reload") && (strings.Contains(ev.data, `"`+page+`"`) || strings.Contains(ev.data, `"all":true`)) {
				break
			}
		}
		resp, body := get(b, client, ts.URL+"/"+page)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf("banc d’essai %d.", i)) {
			b.Fatalf("the reloaded page does not show edit %d", i)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
	b.ReportMetric(ms(times[len(times)*9/10]), "ms-p90")
}
