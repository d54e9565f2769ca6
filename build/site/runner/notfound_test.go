package runner

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNotFoundAndSearchMenu checks what a reader of the 404 page and of
// the search page's edition menu sees: on the 404 page, a link to each
// other language's home and the search button every other page has; in
// the menu, the draft and upcoming editions said to be such.
func TestNotFoundAndSearchMenu(t *testing.T) {
	out := buildBasic(t, true, false)
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	nf := read("404.html")
	if !strings.Contains(nf, `<a href="/handbook/en/" hreflang="en" lang="en" class="lang-switch">English</a>`) {
		t.Errorf("404.html has no link to the English home:\n%s", nf)
	}
	button := regexp.MustCompile(`<button type="submit">([^<]*)</button>`)
	want := button.FindStringSubmatch(read("fr/index.html"))
	if want == nil {
		t.Fatal("fr/index.html has no search button")
	}
	// The phone header's button that opens the search box says the same.
	toggle := regexp.MustCompile(`class="?header-toggle search-toggle"?[^>]*>([^<]*)</button>`).FindStringSubmatch(read("fr/index.html"))
	if toggle == nil || toggle[1] != want[1] {
		t.Errorf("fr/index.html: the header's search toggle says %q; the search button says %q", toggle, want[1])
	}
	for _, m := range button.FindAllStringSubmatch(nf, -1) {
		if m[1] != want[1] && m[1] != "Search" {
			t.Errorf("404.html: a search button says %q; the other pages say %q", m[1], want[1])
		}
	}
	if n := len(button.FindAllString(nf, -1)); n != 3 { // the header's, and one per language
		t.Errorf("404.html has %d search buttons, want 3", n)
	}
	menu := regexp.MustCompile(`<select id="search-edition"[^>]*>(.*?)</select>`).FindStringSubmatch(read("fr/search/index.html"))
	if menu == nil {
		t.Fatal("fr/search/ has no edition menu")
	}
	for _, want := range []string{`<option value="2026.1">Édition 2026.1 — Brouillon</option>`, `<option value="2025.2">Édition 2025.2 — À venir</option>`} {
		if !strings.Contains(menu[1], want) {
			t.Errorf("the edition menu lacks %s:\n%s", want, menu[1])
		}
	}
}
