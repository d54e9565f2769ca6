package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"example.com/handbook/build/bench"
)

// BenchmarkRebuildBody measures the server's own work for one save of a
// chapter body, without the watcher or a browser: the rebuild (read the
// file again, the model, the plan, the invalidation, the event) and the
// rendering of the page the open tab shows. The corpus is a generated
// handbook of HANDBOOK_BENCH_CHAPTERS chapters (default 100) in two
// editions and two languages, or with HANDBOOK_BENCH_CHAPTERS=real, this
// repository's own handbook:
//
//	HANDBOOK_BENCH_CHAPTERS=1000 go test -run '^$' -bench RebuildBody -benchmem -cpuprofile /tmp/cpu.out ./build/serve
func BenchmarkRebuildBody(b *testing.B) {
	chapters := 100
	dir := b.TempDir()
	var today time.Time
	switch v := os.Getenv("HANDBOOK_BENCH_CHAPTERS"); v {
	case "real":
		copyTree(b, filepath.Join("..", "..", "content"), filepath.Join(dir, "content"))
		today = time.Now()
	case "":
	default:
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("HANDBOOK_BENCH_CHAPTERS: %v", err)
		}
		chapters = n
	}
	if today.IsZero() {
		gen := bench.GenOptions{Chapters: chapters, Editions: 2}
		if err := bench.Generate(dir, gen); err != nil {
			b.Fatal(err)
		}
		today = bench.Today(gen)
	}
	out := &syncBuffer{}
	o := testOptions(dir, out)
	o.Today = func() (time.Time, error) { return today, nil }
	s, err := New(context.Background(), o)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	st := s.Site()
	if st == nil {
		b.Fatalf("the source has errors:\n%s", out)
	}
	h := st.Handbook()
	ref := h.Settings.Reference()
	c := h.Current.Chapters[len(h.Current.Chapters)/2]
	file, page := c.Texts[ref].File, ref+"/"+c.Slug+"/"
	original := readFile(b, dir, file)
	sub := s.subscribe(page, s.gen)
	defer s.events.unsubscribe(sub)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(original+fmt.Sprintf("\nParagraphe %d.\n", i)), 0o644); err != nil {
			b.Fatal(err)
		}
		res := s.rebuild(context.Background(), []string{file})
		if !res.ok || len(res.updated) != 1 {
			b.Fatalf("edit %d: rebuild %+v\n%s", i, res, out)
		}
		s.mu.RLock()
		st, g := s.site, s.gen
		s.mu.RUnlock()
		if e := s.lookup(st, g, page); e == nil || e.status != 200 {
			b.Fatalf("edit %d: no page", i)
		}
		for len(sub.ch) > 0 {
			<-sub.ch
		}
	}
}
