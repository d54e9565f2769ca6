package site_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/assets"
	"example.com/handbook/build/bench"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/site"
)

// TestAssembledPages checks that chapter and print pages, whose bodies
// are minified apart from the rest of the page and spliced in (once for
// every page that shows the same body), are byte for byte the whole page
// rendered and then minified in one piece: for every page of the real
// handbook, of the test handbooks and of a generated one with unsafe HTML
// in its bodies.
func TestAssembledPages(t *testing.T) {
	gen := filepath.Join(t.TempDir(), "gen")
	if err := bench.Generate(gen, bench.GenOptions{Chapters: 12, Editions: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	// Raw HTML where the body starts and ends, inline and in a block.
	yaml := filepath.Join(gen, "content", "handbook.yaml")
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, append(b, "unsafe_html: true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	chapters, _ := filepath.Glob(filepath.Join(gen, "content", "*", "0[12]-*.md"))
	for i, f := range chapters {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		extra := []string{"\n<span>inline</span> text\n", "\n<pre>  kept\n  as is</pre>\n", "\n<div>\n<p>block</p>\n</div>\n"}[i%3]
		if err := os.WriteFile(f, append(b, extra...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sources := map[string]struct {
		dir   string
		today time.Time
	}{
		"real handbook": {"../..", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)},
		"basic":         {"testdata/basic", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		"reading":       {"testdata/reading", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		"generated":     {gen, time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	min := assets.NewMinifier()
	for name, src := range sources {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(src.dir, "content")); err != nil {
				t.Skipf("no content: %v", err)
			}
			root, err := content.OpenSource(src.dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			h, dl := content.Load(root.FS(), content.LoadOptions{Today: src.today, Drafts: true})
			if dl.HasErrors() {
				t.Fatal(dl)
			}
			build := func(minify bool) *site.Site {
				cfg := config.Options{Source: src.dir, Minify: minify, Layouts: handbook.Layouts(), Static: handbook.Static(), Drafts: true}
				s, dl, err := site.New(context.Background(), root.FS(), h, cfg, nil)
				if err != nil || dl.HasErrors() {
					t.Fatal(err, dl)
				}
				return s
			}
			minified, plain := build(true), build(false)
			// Static files are named by the hash of their bytes, minified
			// or not.
			assetDir := func(s *site.Site) []byte {
				for _, p := range s.Paths() {
					if strings.HasPrefix(p, "assets/") {
						return []byte(p[:strings.IndexByte(p[len("assets/"):], '/')+len("assets/")+1])
					}
				}
				t.Fatal("no static file")
				return nil
			}
			minDir, plainDir := assetDir(minified), assetDir(plain)
			n := 0
			for _, p := range minified.Pages() {
				if len(p.Layouts) != 1 || (p.Layouts[0] != "chapter" && p.Layouts[0] != "print") {
					continue
				}
				got, err := minified.Render(p)
				if err != nil {
					t.Fatal(err)
				}
				raw, err := plain.Render(plain.Page(p.Path))
				if err != nil {
					t.Fatal(err)
				}
				raw = bytes.ReplaceAll(raw, plainDir, minDir)
				want, err := min.Minify("text/html", raw)
				if err != nil {
					want = raw
				}
				if string(got) != string(want) {
					t.Errorf("%s: assembled page differs from the page minified whole\n got %.300q\nwant %.300q", p.Path, diffAt(got, want), diffAt(want, got))
				}
				n++
			}
			if n == 0 {
				t.Fatal("no chapter or print page")
			}
		})
	}
}

// diffAt returns a from a little before where it first differs from b.
func diffAt(a, b []byte) []byte {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-80):]
}
