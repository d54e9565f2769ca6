package bench

import (
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkRealBuild builds the repository's own handbook cold, for
// profiles of the build its authors and CI run most.
//
//	go test -run XXX -bench RealBuild -benchmem -cpuprofile cpu.out ./build/bench
func BenchmarkRealBuild(b *testing.B) {
	src, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkBuilds(b, src, time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC))
}
