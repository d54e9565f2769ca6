package site_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/bench"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/site"
)

// BenchmarkRenderKind renders the pages of each kind of a generated
// handbook (100 chapters × 2 editions × fr+en), one sub-benchmark per
// page kind, with and without minification: the cost of one page, layouts
// and data (and minifier) alone, without the file system. ns/page is the
// mean over every page of the kind.
//
//	go test -run XXX -bench RenderKind -benchmem ./build/site
func BenchmarkRenderKind(b *testing.B) {
	o := bench.GenOptions{Chapters: 100, Editions: 2, Seed: 1}
	src := filepath.Join(b.TempDir(), "handbook")
	if err := bench.Generate(src, o); err != nil {
		b.Fatal(err)
	}
	root, err := content.OpenSource(src)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	h, dl := content.Load(root.FS(), content.LoadOptions{Today: bench.Today(o)})
	if dl.HasErrors() {
		b.Fatal(dl)
	}
	for _, minify := range []bool{false, true} {
		cfg := config.Options{Source: src, Minify: minify, Today: func() (time.Time, error) { return bench.Today(o), nil }, Layouts: handbook.Layouts(), Static: handbook.Static()}
		s, dl, err := site.New(context.Background(), root.FS(), h, cfg, nil)
		if err != nil || dl.HasErrors() {
			b.Fatal(err, dl)
		}
		byKind := map[string][]*site.Page{}
		var kinds []string
		for _, p := range s.Pages() {
			if len(p.Layouts) == 0 {
				continue
			}
			k := p.Layouts[0]
			if byKind[k] == nil {
				kinds = append(kinds, k)
			}
			byKind[k] = append(byKind[k], p)
		}
		name := "plain"
		if minify {
			name = "minified"
		}
		for _, k := range kinds {
			pages := byKind[k]
			b.Run(name+"/"+k, func(b *testing.B) {
				n := 0
				for b.Loop() {
					if _, err := s.Render(pages[n%len(pages)]); err != nil {
						b.Fatal(err)
					}
					n++
				}
			})
		}
	}
}
