package site

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/site/prep"
)

// replanTree is a handbook of three released editions, so that the
// current one has cumulative redlines: netiquette changes in each, rules
// changes only in 2025.1, and 2025.1 tags its chapters.
func replanTree() fstest.MapFS {
	m := fstest.MapFS{"content/handbook.yaml": {Data: []byte("id: t\ntitle: {fr: Charte, en: Policy}\nlanguages: [fr, en]\nbase_url: https://example.com/h/\n")}}
	for id, date := range map[string]string{"2023.1": "2023-01-15", "2024.1": "2024-01-15", "2025.1": "2025-01-15"} {
		d := "content/" + id + "/"
		for _, l := range []string{"fr", "en"} {
			m[d+"_edition."+l+".md"] = &fstest.MapFile{Data: []byte("---\ndate: " + date + "\n---\n\nNotes.\n")}
			tags := ""
			if id == "2025.1" {
				tags = "tags: [conduite]\n"
			}
			m[d+"01-netiquette."+l+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Netiquette\nowner: Communications\n" + tags + "---\n\nTexte de " + id + ".\n\n## Exemples\n\nUn exemple.\n")}
			rules := "Règles stables."
			if id == "2025.1" {
				rules = "Règles revues."
			}
			m[d+"02-regles."+l+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Règles\nowner: RH\n" + tags + "---\n\n" + rules + " Voir [netiquette](01-netiquette." + l + ".md#exemples).\n")}
		}
	}
	return m
}

// TestReplan checks that a site made by Replan from the previous one is
// the site New makes from the same model: the same pages, each rendering
// the same bytes, whether the plan was reused (a body or wording edit) or
// had to be made again (an edit that adds, removes or moves pages).
func TestReplan(t *testing.T) {
	today := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	opts := config.Options{Layouts: handbook.Layouts(), Static: handbook.Static(), Drafts: true, Preview: true, BaseURL: "http://127.0.0.1:8080/"}
	edit := func(m fstest.MapFS, file, old, new string) {
		t.Helper()
		b := string(m[file].Data)
		if !strings.Contains(b, old) {
			t.Fatalf("%s has no %q", file, old)
		}
		m[file] = &fstest.MapFile{Data: []byte(strings.Replace(b, old, new, 1))}
	}
	tests := []struct {
		name   string
		change func(m fstest.MapFS)
		reused bool
	}{
		{"body of a current chapter", func(m fstest.MapFS) {
			edit(m, "content/2025.1/01-netiquette.fr.md", "Un exemple.", "Un exemple revu.")
		}, true},
		{"heading other chapters link to", func(m fstest.MapFS) {
			edit(m, "content/2025.1/01-netiquette.fr.md", "## Exemples", "## Cas")
		}, true}, // the same pages: the broken link is an error, see below
		{"title", func(m fstest.MapFS) {
			edit(m, "content/2025.1/02-regles.en.md", "title: Règles", "title: Rules")
		}, true},
		{"body of an old edition", func(m fstest.MapFS) {
			edit(m, "content/2023.1/02-regles.fr.md", "Règles stables.", "Règles d’origine.")
		}, false}, // 2024.1 now has a redline, 2025.1 a cumulative one
		{"text made equal to the previous edition", func(m fstest.MapFS) {
			edit(m, "content/2025.1/02-regles.fr.md", "Règles revues.", "Règles stables.")
		}, false}, // the redline page goes
		{"tags", func(m fstest.MapFS) {
			edit(m, "content/2025.1/02-regles.fr.md", "tags: [conduite]", "tags: [conduite, respect]")
		}, false},
		{"draft chapter", func(m fstest.MapFS) {
			edit(m, "content/2025.1/02-regles.fr.md", "owner: RH\n", "owner: RH\ndraft: true\n")
		}, false},
		{"own slug", func(m fstest.MapFS) {
			edit(m, "content/2025.1/02-regles.en.md", "owner: RH\n", "owner: RH\nslug: rules\n")
		}, false},
		{"new chapter", func(m fstest.MapFS) {
			for _, l := range []string{"fr", "en"} {
				m["content/2025.1/03-nouveau."+l+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: Nouveau\nowner: RH\n---\n\nTexte.\n")}
			}
		}, false},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := replanTree()
			docs := prep.NewDocCache()
			h, dl := content.Load(base, content.LoadOptions{Today: today, Drafts: true})
			if dl.HasErrors() {
				t.Fatal(dl)
			}
			prev, dl, err := New(ctx, base, h, opts, docs)
			if err != nil || dl.HasErrors() {
				t.Fatal(err, dl)
			}
			changed := maps.Clone(base)
			tc.change(changed)
			h2, dl := content.Load(changed, content.LoadOptions{Today: today, Drafts: true})
			if dl.HasErrors() {
				t.Fatal(dl)
			}
			got, gdl, err := Replan(ctx, prev, changed, h2, opts, docs)
			if err != nil {
				t.Fatal(err)
			}
			want, wdl, err := New(ctx, changed, h2, opts, prep.NewDocCache())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gdl.Sort(), wdl.Sort()) {
				t.Fatalf("diagnostics:\n%v\nwant\n%v", gdl, wdl)
			}
			if wdl.HasErrors() {
				return // no site to compare: the server keeps the last good one
			}
			if got.Replanned() != tc.reused {
				t.Errorf("plan reused: %v, want %v", got.Replanned(), tc.reused)
			}
			if !slices.Equal(got.Paths(), want.Paths()) {
				t.Fatalf("pages differ:\n%v\nwant\n%v", got.Paths(), want.Paths())
			}
			for _, p := range want.Pages() {
				gp := got.Page(p.Path)
				if !slices.Equal(gp.Deps, p.Deps) || !slices.Equal(gp.Layouts, p.Layouts) {
					t.Errorf("%s: deps %v layouts %v, want %v %v", p.Path, gp.Deps, gp.Layouts, p.Deps, p.Layouts)
				}
				gb, gerr := got.Render(gp)
				wb, werr := want.Render(p)
				if gerr != nil || werr != nil {
					t.Fatalf("%s: %v, %v", p.Path, gerr, werr)
				}
				if !bytes.Equal(gb, wb) {
					t.Errorf("%s renders differently from a site planned anew", p.Path)
				}
			}
		})
	}
}
