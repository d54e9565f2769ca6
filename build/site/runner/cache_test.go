package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
)

// TestBuildCache builds the real handbook with a cache folder: the first
// build renders every chapter and fills the cache, the second renders
// none, a damaged cache renders again what it lost, and every output is
// byte for byte the output of a build without a cache.
func TestBuildCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real handbook four times")
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	build := func(withCache bool) (out string, reused, rendered int) {
		t.Helper()
		out = filepath.Join(t.TempDir(), "public")
		var progress bytes.Buffer
		cfg := config.Options{Source: "../../..", Out: out, Minify: true, Today: config.Day(testToday(t)),
			Layouts: handbook.Layouts(), Static: handbook.Static(), Stderr: &progress, Progress: true}
		if withCache {
			cfg.CacheDir = cacheDir
		}
		_, dl, err := Build(context.Background(), cfg)
		if err != nil || dl.HasErrors() {
			t.Fatalf("build: %v %v", err, dl)
		}
		for _, d := range dl {
			if d.Path == cacheDir {
				t.Errorf("cache warning: %s", d)
			}
		}
		m := regexp.MustCompile(`build cache: (\d+) entries reused \(chapters, redlines, indexes\), (\d+) computed`).FindStringSubmatch(progress.String())
		if withCache && m == nil {
			t.Fatalf("no cache line in the progress:\n%s", progress.String())
		}
		if m != nil {
			reused, _ = strconv.Atoi(m[1])
			rendered, _ = strconv.Atoi(m[2])
		}
		return out, reused, rendered
	}
	same := func(what, a, b string) {
		t.Helper()
		fa, fb := files(t, a), files(t, b)
		delete(fa, ManifestName)
		delete(fb, ManifestName)
		if len(fa) != len(fb) {
			t.Errorf("%s: %d files, want %d", what, len(fb), len(fa))
		}
		for name, data := range fa {
			if !bytes.Equal(fb[name], data) {
				t.Errorf("%s: %s differs from a build without cache", what, name)
			}
		}
	}

	plain, _, _ := build(false)
	first, reused, rendered := build(true)
	if reused != 0 || rendered == 0 {
		t.Errorf("first build: %d reused, %d rendered; want none reused", reused, rendered)
	}
	t.Logf("first build: %d entries into the cache", rendered)
	same("first build", plain, first)
	if _, err := os.Stat(filepath.Join(cacheDir, DocPackName("../../.."))); err != nil {
		t.Fatalf("no pack after the first build: %v", err)
	}

	second, reused2, rendered2 := build(true)
	if reused2 != rendered || rendered2 != 0 {
		t.Errorf("second build: %d reused, %d rendered; want %d reused, none rendered", reused2, rendered2, rendered)
	}
	same("second build", plain, second)

	// Damage the pack in its middle: the build still succeeds, renders
	// again what it lost, and leaves a whole pack.
	pack := filepath.Join(cacheDir, DocPackName("../../.."))
	b, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 3; i < len(b)/3+64; i++ {
		b[i] ^= 0xa5
	}
	if err := os.WriteFile(pack, b, 0o644); err != nil {
		t.Fatal(err)
	}
	third, reused3, rendered3 := build(true)
	if rendered3 == 0 || reused3 == 0 {
		t.Errorf("damaged cache: %d reused, %d rendered; want some of each", reused3, rendered3)
	}
	t.Logf("damaged cache: %d reused, %d rendered again", reused3, rendered3)
	same("damaged cache", plain, third)
	if _, _, rendered4 := build(true); rendered4 != 0 {
		t.Errorf("after the repair: %d rendered, want none", rendered4)
	}
}
