package site_test

// A translation's own slug (front matter slug:): the chapter's pages in
// that language use it; the slug it had before sends readers on; links
// between chapters, hreflang, the language switch, search, feeds and the
// sitemap follow.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestLanguageSlugs(t *testing.T) {
	out, _ := buildAt(t, "testdata/reading", day(t, "2025-06-01"), false, false)

	// The pages that exist, and those that send readers on.
	for _, p := range []string{"en/personal-use/", "en/2025.1/personal-use/", "en/2024.1/usage/", "en/2023.1/usage/", "fr/usage/", "fr/2025.1/usage/",
		"en/2025.1/personal-use/changes/", "en/2025.1/personal-use/changes/since/2023.1/", "en/personal-use/history/", "en/fresh/", "fr/nouveau/"} {
		if h1 := first(elems(mustPage(t, out, p), "h1")); h1 == nil {
			t.Errorf("%s: no h1", p)
		}
	}
	for _, p := range []string{"en/2025.1/usage/", "en/nouveau/", "en/2025.1/nouveau/"} {
		if exists(out, p) {
			t.Errorf("%s exists: a translation's own slug replaces the file's in its language", p)
		}
	}
	if b := readOut(t, out, "en/usage"); !strings.Contains(b, `url=../personal-use/"`) {
		t.Errorf("en/usage/ does not send readers to en/personal-use/:\n%s", b)
	}

	// hreflang and the language switch pair the chapter's pages across slugs.
	pairs := [][2]string{
		{"fr/usage/", "en/personal-use/"},
		{"fr/2025.1/usage/", "en/2025.1/personal-use/"},
		{"fr/2024.1/usage/", "en/2024.1/usage/"},
		{"fr/2025.1/usage/changes/", "en/2025.1/personal-use/changes/"},
		{"fr/nouveau/", "en/fresh/"},
	}
	const base = "https://intranet.example.com/handbook/"
	for _, pr := range pairs {
		for i, p := range pr {
			other := pr[1-i]
			doc := mustPage(t, out, p)
			found := false
			for _, l := range findAll(doc, func(n *html.Node) bool {
				return n.Data == "link" && attr(n, "rel") == "alternate" && hasAttr(n, "hreflang")
			}) {
				if attr(l, "hreflang") == other[:2] {
					found = true
					if attr(l, "href") != base+other {
						t.Errorf("%s: hreflang %s is %s, want %s", p, other[:2], attr(l, "href"), base+other)
					}
				}
			}
			if !found {
				t.Errorf("%s: no hreflang %s", p, other[:2])
			}
			sw := first(byClass(doc, "a", "lang-switch"))
			if sw == nil {
				t.Fatalf("%s: no language switch", p)
			}
			if got, _, ok := sitePage(p, attr(sw, "href")); !ok || got != other {
				t.Errorf("%s: the language switch goes to %s, want %s", p, got, other)
			}
		}
	}

	// A link between chapters takes the target's slug in its language.
	for p, want := range map[string]string{"en/steady/": "en/personal-use/", "en/2025.1/steady/": "en/2025.1/personal-use/", "en/2024.1/steady/": "en/2024.1/usage/", "fr/steady/": "fr/usage/"} {
		found := false
		for _, a := range elems(first(byClass(mustPage(t, out, p), "div", "chapter-body")), "a") {
			if got, _, ok := sitePage(p, attr(a, "href")); ok && got == want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no link to %s in the body", p, want)
		}
	}

	// Search, feeds and the sitemap use the English slug.
	files := map[string][]string{
		"en/feed.xml":      {base + "en/2025.1/personal-use/changes/"},
		"en/atom.xml":      {base + "en/2025.1/personal-use/changes/"},
		"sitemap.xml":      {base + "en/personal-use/", base + "en/fresh/"},
		"search/en-2025.1": {"en/personal-use/"},
	}
	for f, wants := range files {
		b := readAll(t, filepath.Join(out, filepath.FromSlash(f)))
		for _, w := range wants {
			if !strings.Contains(b, w) {
				t.Errorf("%s does not mention %s", f, w)
			}
		}
	}
	if sm := readAll(t, filepath.Join(out, "sitemap.xml")); strings.Contains(sm, "<loc>"+base+"en/usage/</loc>") || strings.Contains(sm, "<loc>"+base+"en/nouveau/</loc>") {
		t.Error("the sitemap lists an English page under the French slug")
	}
}

// readAll returns the files under p (a file, or every file of a folder)
// as one string.
func readAll(t *testing.T, p string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(p, func(f string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(f)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
