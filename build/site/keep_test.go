package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/output"
	"example.com/handbook/build/site/route"
)

// keepTree is a handbook of two released editions; 2025.1 renamed rules
// to conduct and gives the English intro its own slug.
func keepTree() fstest.MapFS {
	m := fstest.MapFS{"content/handbook.yaml": {Data: []byte("id: t\ntitle: {fr: Charte, en: Policy}\nlanguages: [fr, en]\nbase_url: https://example.com/h/\n")}}
	ch := func(p, fm string) {
		m[p] = &fstest.MapFile{Data: []byte("---\ntitle: T\nowner: C\n" + fm + "---\n\nText.\n")}
	}
	for id, date := range map[string]string{"2024.1": "2024-01-15", "2025.1": "2025-01-15"} {
		d := "content/" + id + "/"
		m[d+"_edition.fr.md"] = &fstest.MapFile{Data: []byte("---\ndate: " + date + "\n---\n\nNotes.\n")}
		m[d+"_edition.en.md"] = &fstest.MapFile{Data: []byte("---\ndate: " + date + "\n---\n\nNotes.\n")}
		ch(d+"01-intro.fr.md", "")
	}
	ch("content/2024.1/01-intro.en.md", "")
	ch("content/2025.1/01-intro.en.md", "slug: foreword\n")
	ch("content/2024.1/02-rules.fr.md", "")
	ch("content/2024.1/02-rules.en.md", "")
	ch("content/2024.1/03-extra.fr.md", "")
	ch("content/2024.1/03-extra.en.md", "")
	ch("content/2025.1/02-conduct.fr.md", "renamed_from: rules\n")
	ch("content/2025.1/02-conduct.en.md", "renamed_from: rules\n")
	return m
}

func TestKeepPublished(t *testing.T) {
	h, dl := content.Load(keepTree(), content.LoadOptions{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if dl.HasErrors() {
		t.Fatal(dl)
	}
	// The pages this build plans, as the site would.
	planned := map[string]bool{"fr/tags/": true, "en/tags/": true}
	for _, e := range h.Editions {
		for _, c := range e.Chapters {
			for _, l := range []string{"fr", "en"} {
				planned[route.Permanent(l, e, c.URLSlug(l))] = true
				planned[route.Permanent(l, e, c.URLSlug(l))+"changes/"] = e.ID == "2025.1"
				planned[route.Stable(l, c.URLSlug(l))] = true
				planned[route.History(l, c.URLSlug(l))] = true
				planned[route.ChapterFeed(l, c.URLSlug(l))] = true
			}
		}
	}
	published := map[string]bool{"fr/2025.1/conduct/": true, "en/2025.1/conduct/": true, "fr/conduct/": true}
	in := keepInput{
		h: h, pub: h.Editions,
		has:       func(u string) bool { return planned[u] },
		published: func(u string) bool { return published[u] },
		liveSlug: func(lang string, c *content.Chapter) string {
			if x := h.Current.Chapter(c.Slug); x != nil {
				return x.URLSlug(lang)
			}
			return h.Current.Chapter("conduct").URLSlug(lang)
		},
	}
	cases := []struct {
		name     string
		vanished []string
		kept     []keptURL
		errs     []string
	}{
		{"a translation's slug changed in place", []string{"en/2025.1/intro/", "en/2025.1/intro/changes/", "en/intro/history/", "en/intro/feed.xml"},
			[]keptURL{{"en/2025.1/intro/", "en/2025.1/foreword/"}, {"en/2025.1/intro/changes/", "en/2025.1/foreword/changes/"},
				{"en/intro/history/", "en/foreword/history/"}, {"en/intro/feed.xml", "en/foreword/feed.xml"}}, nil},
		{"a translation's own slug changed in place", []string{"en/2025.1/preface/ intro", "en/preface/ intro"},
			[]keptURL{{"en/2025.1/preface/", "en/2025.1/foreword/"}, {"en/preface/", "en/foreword/"}}, nil},
		{"renamed in place, with renamed_from", []string{"fr/2025.1/rules/"}, []keptURL{{"fr/2025.1/rules/", "fr/2025.1/conduct/"}}, nil},
		{"a tag no chapter has any more", []string{"fr/tags/old-tag/"}, []keptURL{{"fr/tags/old-tag/", "fr/tags/"}}, nil},
		{"a chapter nothing keeps", []string{"fr/2025.1/privacy/", "en/2025.1/privacy/", "fr/privacy/"}, nil, []string{
			`content/2025.1/01-intro.fr.md:1: published URL fr/2025.1/privacy/ would vanish (and 1 more of its published URLs): edition 2025.1 published chapter "privacy" and keeps its URLs: if it was renamed, give its file back the name with "privacy" and rename it in a new edition with "renamed_from: privacy"; if it was removed, keep its file in edition 2025.1 and leave it out of a new edition, where its URL becomes a removed-chapter page`,
			`content/2025.1/01-intro.fr.md:1: published URL fr/privacy/ would vanish: edition 2025.1 published chapter "privacy"`,
		}},
		{"renamed in place where the edition before has the slug", []string{"fr/2025.1/extra/"}, nil, []string{
			`content/2025.1/01-intro.fr.md:1: published URL fr/2025.1/extra/ would vanish: if chapter "extra" was renamed, add "renamed_from: extra" to the chapter that replaces it; if it was removed, keep its file in edition 2025.1 and leave it out of a new edition, where its URL becomes a removed-chapter page`,
		}},
		{"an edition gone", []string{"fr/2023.1/", "fr/2023.1/intro/", "en/2023.1/"}, nil, []string{
			`content/2023.1: published URL fr/2023.1/ would vanish (and 2 more of its published URLs): edition 2023.1 was published: restore its folder`}},
		{"feeds without base_url", []string{"sitemap.xml", "fr/feed.xml", "en/atom.xml"}, nil, []string{
			`content/handbook.yaml: published URL fr/feed.xml would vanish (and 2 more of its published URLs): base_url: the site's feeds and sitemap were published: set base_url again`}},
		{"a language gone", []string{"de/", "de/intro/"}, nil, []string{
			`content/handbook.yaml: published URL de/ would vanish (and 1 more of its published URLs): languages: "de" was published: add it back to languages`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var vanished []output.Published
			for _, u := range tc.vanished {
				u, ch, _ := strings.Cut(u, " ")
				vanished = append(vanished, output.Published{URL: u, Chapter: ch})
			}
			kept, dl := keepPublished(in, vanished)
			if !slices.Equal(kept, tc.kept) {
				t.Errorf("kept %v, want %v", kept, tc.kept)
			}
			if len(dl) != len(tc.errs) {
				t.Fatalf("diagnostics:\n%s\nwant %d", dl, len(tc.errs))
			}
			for i, d := range dl {
				if !strings.HasPrefix(d.String(), tc.errs[i]) {
					t.Errorf("diagnostic %d:\n%s\nwant one starting with\n%s", i, d, tc.errs[i])
				}
			}
		})
	}
}
