package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/site/runner"
)

// BenchmarkRealBuild builds the repository's own handbook cold, for profiles of the case readers run most.
func BenchmarkRealBuild(b *testing.B) {
	src, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	today := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
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
