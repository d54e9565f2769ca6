package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/site/runner"
)

// BenchmarkColdBuild runs the whole builder in this process on a generated
// handbook (500 chapters × 2 editions × fr+en unless
// HANDBOOK_BENCH_CHAPTERS and HANDBOOK_BENCH_EDITIONS say otherwise), each
// time into a new output folder and without a build cache: the cold build
// of handbook-bench, where -cpuprofile and -memprofile can see it.
//
//	go test -run XXX -bench ColdBuild -benchmem -memprofile mem.out ./build/bench
func BenchmarkColdBuild(b *testing.B) {
	o := GenOptions{Chapters: envInt(b, "HANDBOOK_BENCH_CHAPTERS", 500), Editions: envInt(b, "HANDBOOK_BENCH_EDITIONS", 2), Seed: 1}
	dir := b.TempDir()
	src := filepath.Join(dir, "handbook")
	if err := Generate(src, o); err != nil {
		b.Fatal(err)
	}
	benchmarkBuilds(b, src, Today(o))
}

// benchmarkBuilds builds src cold, minified and without a build cache,
// once per iteration, each time into a new output folder.
func benchmarkBuilds(b *testing.B, src string, today time.Time) {
	dir := b.TempDir()
	cfg := config.Options{Source: src, Minify: true, Today: func() (time.Time, error) { return today, nil }, Layouts: handbook.Layouts(), Static: handbook.Static(), NoCache: true}
	n := 0
	for b.Loop() {
		n++
		cfg.Out = filepath.Join(dir, fmt.Sprintf("out-%d", n), "public")
		_, dl, err := runner.Build(context.Background(), cfg)
		if err != nil {
			b.Fatalf("%v\n%v", err, dl)
		}
		if dl.HasErrors() {
			b.Fatal(dl)
		}
	}
}

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}
