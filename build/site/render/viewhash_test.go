package render

import (
	"errors"
	"html/template"
	"testing"
	"time"

	"example.com/handbook/build/i18n"
	"example.com/handbook/build/site/viewhash"
)

// TestViewHash checks that every change a layout could show changes the
// hash, that equal views hash alike, and that views the hasher cannot read
// are refused (so their pages are always rendered).
func TestViewHash(t *testing.T) {
	base := func() *pageData {
		return &pageData{
			Kind: "chapter", Lang: "fr", L: i18n.For("fr"), Path: "fr/netiquette/", Title: "Nétiquette",
			Alternates: []alternate{{Lang: "en", Href: "../../en/netiquette/"}},
			Edition:    &editionView{ID: "2025.1", Date: "7 avril 2025"},
			Main: chapterView{Slug: "netiquette", Body: template.HTML("<p>Texte</p>"), Prev: &link{Text: "A", Href: "../a/"},
				Meta: metaView{Tags: []link{{Text: "ton"}}}},
		}
	}
	var layouts [32]byte
	sum := func(kind string, d *pageData) [32]byte {
		t.Helper()
		s, err := viewhash.Hash(layouts, kind, d)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	ref := sum("chapter", base())
	if sum("chapter", base()) != ref {
		t.Fatal("equal views hash differently")
	}
	changes := map[string]func(d *pageData){
		"title":            func(d *pageData) { d.Title = "Netiquette" },
		"language":         func(d *pageData) { d.L = i18n.For("en") },
		"edition date":     func(d *pageData) { d.Edition.Date = "8 avril 2025" },
		"no edition":       func(d *pageData) { d.Edition = nil },
		"body":             func(d *pageData) { m := d.Main.(chapterView); m.Body += " "; d.Main = m },
		"previous link":    func(d *pageData) { m := d.Main.(chapterView); m.Prev = nil; d.Main = m },
		"tag moved":        func(d *pageData) { m := d.Main.(chapterView); m.Meta.Tags = append(m.Meta.Tags, link{}); d.Main = m },
		"empty vs nil":     func(d *pageData) { d.Alternates = append(d.Alternates[:0:0], d.Alternates...)[:0] },
		"bool":             func(d *pageData) { d.NoIndex = true },
		"field boundaries": func(d *pageData) { d.Title, d.Description = "Néti", "quette" },
		"main type":        func(d *pageData) { d.Main = struct{ Slug string }{"netiquette"} },
	}
	for name, change := range changes {
		d := base()
		change(d)
		if sum("chapter", d) == ref {
			t.Errorf("%s: the hash did not change", name)
		}
	}
	if sum("redline", base()) == ref {
		t.Error("another page kind hashes alike")
	}
	layouts[0] = 1
	if sum("chapter", base()) == ref {
		t.Error("other layouts hash alike")
	}
	layouts[0] = 0

	// Maps hash in key order; times by instant and zone.
	m1 := base()
	m1.Main = map[string]any{"a": 1, "b": time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC)}
	m2 := base()
	m2.Main = map[string]any{"b": time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC), "a": 1}
	if sum("x", m1) != sum("x", m2) {
		t.Error("a map hashes by its iteration order")
	}
	m2.Main = map[string]any{"b": time.Date(2025, 4, 8, 0, 0, 0, 0, time.UTC), "a": 1}
	if sum("x", m1) == sum("x", m2) {
		t.Error("another day hashes alike")
	}

	for name, main := range map[string]any{
		"func":    func() string { return "x" },
		"channel": make(chan int),
		"huge":    string(make([]byte, viewhash.MaxBytes+1)),
	} {
		d := base()
		d.Main = main
		if _, err := viewhash.Hash(layouts, "chapter", d); !errors.Is(err, viewhash.ErrUnhashable) {
			t.Errorf("%s: %v, want viewhash.ErrUnhashable", name, err)
		}
	}
}
