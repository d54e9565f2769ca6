package bench

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/site/runner"
)

// TestPeakHeap runs one cold build of a generated handbook and writes the
// heap profile taken when the live heap was at its largest to the file
// HANDBOOK_BENCH_HEAPPROFILE names, so that `go tool pprof
// -sample_index=inuse_space` shows what a build holds at its peak, not at
// its end (that one goes to the same name with ".end"). It runs only with that variable set (chapters and editions as
// for BenchmarkColdBuild).
//
//	HANDBOOK_BENCH_HEAPPROFILE=peak.out go test -run PeakHeap ./build/bench
//	go tool pprof -sample_index=inuse_space -top peak.out
func TestPeakHeap(t *testing.T) {
	out := os.Getenv("HANDBOOK_BENCH_HEAPPROFILE")
	if out == "" {
		t.Skip("set HANDBOOK_BENCH_HEAPPROFILE to a file to write the peak heap profile to")
	}
	// A finer sample than the default 512 KiB: the profile is read at
	// one moment, not summed over a run.
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 32 << 10
	o := GenOptions{Chapters: envIntT(t, "HANDBOOK_BENCH_CHAPTERS", 500), Editions: envIntT(t, "HANDBOOK_BENCH_EDITIONS", 2), Seed: 1}
	dir := t.TempDir()
	src := filepath.Join(dir, "handbook")
	if err := Generate(src, o); err != nil {
		t.Fatal(err)
	}
	today := Today(o)
	cfg := config.Options{Source: src, Minify: true, Today: func() (time.Time, error) { return today, nil }, Layouts: handbook.Layouts(), Static: handbook.Static(), NoCache: true, Out: filepath.Join(dir, "out", "public")}
	runtime.GC()

	// The watcher reads the live heap after each collection; the profile
	// it keeps is the one written when that was largest.
	done := make(chan struct{})
	stopped := make(chan struct{})
	var peak uint64
	var best, last []byte // the profiles at the peak and at the end
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			v := sample[0].Value.Uint64()
			f := &bytesWriter{}
			if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
				continue
			}
			last = f.b
			if v > peak {
				peak, best = v, f.b
			}
		}
	}()
	_, dl, err := runner.Build(context.Background(), cfg)
	close(done)
	<-stopped
	if err != nil {
		t.Fatalf("%v\n%v", err, dl)
	}
	if dl.HasErrors() {
		t.Fatal(dl)
	}
	if err := os.WriteFile(out, best, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+".end", last, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("peak live heap %.1f MB; profile in %s (and at the end of the build in %s.end)", float64(peak)/1e6, out, out)
}

type bytesWriter struct{ b []byte }

func (w *bytesWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

func envIntT(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	var n int
	for _, r := range v {
		if r < '0' || r > '9' {
			t.Fatalf("%s=%q: want a positive number", name, v)
		}
		n = n*10 + int(r-'0')
	}
	if n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}
