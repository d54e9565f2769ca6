package site_test

// Tests of the "I have read edition …" link (acknowledge_url, issue 19):
// present, filled per page, on the edition pages and the chapter pages
// when set; no trace of it in any page when not; and in headless Chromium,
// remembered by the browser once followed.

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"example.com/handbook/build/internal/browsertest"
)

const ackURL = "https://forms.example.com/ack?e={edition}&l={lang}&c={chapter}"

// withAcknowledge returns a copy of testdata/basic whose handbook.yaml
// sets acknowledge_url.
func withAcknowledge(t *testing.T) string {
	t.Helper()
	src := copyTree(t, "testdata/basic")
	p := filepath.Join(src, "content", "handbook.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(b)+"acknowledge_url: "+ackURL+"\n")
	return src
}

func pageText(t *testing.T, out, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAcknowledgeLink(t *testing.T) {
	out, _ := buildAt(t, withAcknowledge(t), day(t, "2025-06-01"), true, false)
	tests := []struct {
		page, want, text string
	}{
		{"fr/index.html", `https://forms.example.com/ack?e=2024.1&amp;l=fr&amp;c=`, "J’ai lu l’édition 2024.1"},
		{"en/2024.1/index.html", `https://forms.example.com/ack?e=2024.1&amp;l=en&amp;c=`, "I have read edition 2024.1"},
		{"fr/intro/index.html", `https://forms.example.com/ack?e=2024.1&amp;l=fr&amp;c=intro`, "J’ai lu l’édition 2024.1"},
		{"en/2023.1/intro/index.html", `https://forms.example.com/ack?e=2023.1&amp;l=en&amp;c=intro`, "I have read edition 2023.1"},
		{"fr/2025.2/rules/index.html", `https://forms.example.com/ack?e=2025.2&amp;l=fr&amp;c=rules`, "J’ai lu l’édition 2025.2"},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			html := pageText(t, out, tc.page)
			if !strings.Contains(html, `href="`+tc.want+`"`) {
				t.Errorf("no link to %s", tc.want)
			}
			if !strings.Contains(html, tc.text) {
				t.Errorf("no text %q", tc.text)
			}
			if n := strings.Count(html, `class="acknowledge-link"`); n != 1 {
				t.Errorf("%d acknowledgement links, want 1", n)
			}
		})
	}
	// A draft edition is in force for no one: nothing to confirm.
	for _, p := range []string{"fr/2026.1/index.html", "fr/2026.1/intro/index.html"} {
		if strings.Contains(pageText(t, out, p), "acknowledge") {
			t.Errorf("%s: a draft edition offers an acknowledgement", p)
		}
	}
}

// TestNoAcknowledgeLinkWhenUnset: without acknowledge_url, no page says
// anything of acknowledgement.
func TestNoAcknowledgeLinkWhenUnset(t *testing.T) {
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), true, false)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		for _, trace := range []string{"acknowledge", "J’ai lu l’édition", "I have read edition", "forms.example.com"} {
			if strings.Contains(s, trace) {
				t.Errorf("%s holds %q", p, trace)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Fatalf("only %d pages checked", pages)
	}
}

// TestAcknowledgeRemembered: following the link is remembered by the
// browser (local storage only) and said beside the link on the next visit;
// a chapter acknowledged marks only itself, an edition acknowledged covers
// its chapters.
func TestAcknowledgeRemembered(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	out, _ := buildAt(t, withAcknowledge(t), day(t, "2025-06-01"), false, true)
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	status := `document.querySelector(".acknowledge-status")`
	shown := `(() => { const s = ` + status + `; return !!s && !s.hidden && s.textContent.length > 0; })()`

	navigate(t, ctx, srv.URL+"/handbook/fr/intro/")
	evalJS[any](t, ctx, `localStorage.clear()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "page loaded", `document.readyState === "complete"`)
	if evalJS[bool](t, ctx, shown) {
		t.Fatal("a reader who never acknowledged is told they did")
	}
	// Follow the link, but stay on the page: the form is elsewhere.
	evalJS[any](t, ctx, `(() => { const a = document.querySelector("a.acknowledge-link"); a.addEventListener("click", e => e.preventDefault()); a.click(); })()`)
	until(t, ctx, "status after the click", shown)
	if got := evalJS[string](t, ctx, `localStorage.getItem("handbook-acknowledged")`); !strings.Contains(got, `"2024.1/intro"`) {
		t.Errorf("stored %q", got)
	}
	navigate(t, ctx, srv.URL+"/handbook/fr/intro/")
	until(t, ctx, "status on the next visit", shown)
	if got := evalJS[string](t, ctx, status+`.textContent`); !strings.HasPrefix(got, "Lecture confirmée dans ce navigateur le ") {
		t.Errorf("status %q", got)
	}
	// Another chapter was not acknowledged.
	navigate(t, ctx, srv.URL+"/handbook/fr/rules/")
	if evalJS[bool](t, ctx, shown) {
		t.Error("acknowledging one chapter marks another")
	}
	// Acknowledging the edition covers its chapters.
	navigate(t, ctx, srv.URL+"/handbook/fr/")
	evalJS[any](t, ctx, `(() => { const a = document.querySelector("a.acknowledge-link"); a.addEventListener("click", e => e.preventDefault()); a.click(); })()`)
	navigate(t, ctx, srv.URL+"/handbook/fr/rules/")
	until(t, ctx, "chapter of an acknowledged edition", shown)
}
