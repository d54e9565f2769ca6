package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"strings"
	"sync"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/site/prep"
)

// TestRenderAllStreams checks what a build holds once RenderAll is done:
// the print renderings of the chapters are dropped after the last print
// page that shows them (only the chapters' own renderings stay in the
// cache), and the search indexes, written as they are built, are the
// files the preview server would serve. A print page rendered again after
// the release is the same page.
func TestRenderAllStreams(t *testing.T) {
	src := keepTree()
	h, dl := content.Load(src, content.LoadOptions{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if dl.HasErrors() {
		t.Fatal(dl)
	}
	docs := prep.NewDocCache()
	s, dl, err := New(context.Background(), src, h, config.Options{Layouts: handbook.Layouts(), Static: handbook.Static(), Minify: true}, docs)
	if err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	// The chapters' and release notes' own renderings, one per language
	// and text.
	type key struct {
		lang, slug string
		hash       [32]byte
	}
	own := map[key]bool{}
	for _, e := range s.p.Published() {
		for _, c := range e.Chapters {
			for lang, ct := range c.Texts {
				own[key{lang, c.Slug, ct.Hash}] = true
			}
		}
		for lang, et := range e.Texts {
			own[key{lang, "", sha256.Sum256(et.Body)}] = true
		}
	}
	if docs.Len() <= len(own) {
		t.Fatalf("before rendering, the cache holds %d entries, want more than the %d own renderings (the print ones are expected)", docs.Len(), len(own))
	}
	var mu sync.Mutex
	files := map[string][]byte{}
	err = s.RenderAll(context.Background(), func(rel string, b []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := files[rel]; dup {
			t.Errorf("%s written twice", rel)
		}
		files[rel] = bytes.Clone(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := docs.Len(); got != len(own) {
		t.Errorf("after RenderAll the cache holds %d renderings, want the %d own ones: print renderings were kept", got, len(own))
	}
	search := 0
	for rel, b := range files {
		if !strings.HasPrefix(rel, "search/") || rel == "search/editions.json" {
			continue
		}
		search++
		want, ok := s.search.Find(rel)
		if !ok || !bytes.Equal(b, want) {
			t.Errorf("%s: the build wrote other bytes than the preview server serves", rel)
		}
	}
	// Two languages × two editions, each an index.json, a pack and shards.
	if search < 4*3 {
		t.Errorf("%d search files written, want at least 12", search)
	}
	for _, path := range []string{"fr/print/", "en/2024.1/print/"} {
		p := s.Page(path)
		if p == nil {
			t.Fatalf("%s not planned", path)
		}
		b, err := s.Render(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, files[p.File()]) {
			t.Errorf("%s rendered again differs from the page RenderAll wrote", path)
		}
	}
}
