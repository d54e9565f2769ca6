package serve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"example.com/handbook/build/internal/browsertest"
)

// eventually evaluates expr in the page until it returns true. Errors are
// retried: a reload destroys the context an evaluation runs in.
func eventually(t *testing.T, ctx context.Context, what, expr string) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := start.Add(15 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Since(start)
		}
		lastErr = err
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: never true (%s); last error: %v", what, expr, lastErr)
	return 0
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestBrowser checks in headless Chromium what an author sees: an edit
// appears without any action, at the same scroll position; a broken front
// matter shows an overlay naming the file, which goes when it is fixed; a
// stylesheet change applies without a reload.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser")
	}
	ctx := browsertest.New(t)
	dir := testSource(t)
	// A long chapter, so that the scroll position means something.
	chapter := readFile(t, dir, netiquetteFR) + "\n## Longue section\n\n" + strings.Repeat("Un paragraphe pour allonger la page.\n\n", 150)
	writeFile(t, dir, netiquetteFR, chapter)
	root, _, _ := startRun(t, dir)

	if _, err := chromedp.Run(ctx, chromedp.Navigate(root+"fr/netiquette/")); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "page loaded", `document.readyState === "complete" && !!document.querySelector("h1")`)
	// The stream is open once the server has a subscriber.
	eventually(t, ctx, "script running", `!!document.querySelector('script[src="/_handbook/reload.js"]')`)
	time.Sleep(200 * time.Millisecond)

	t.Run("edit appears", func(t *testing.T) {
		eval[bool](t, ctx, `window.scrollTo(0, 1200), window.__before = true, true`)
		saved := time.Now()
		writeFile(t, dir, netiquetteFR, chapter+"\nParagraphe ajouté pendant la lecture.\n")
		eventually(t, ctx, "new paragraph shown", `document.body.innerText.includes("Paragraphe ajouté pendant la lecture.")`)
		// From the save to the reload's start, its response, and the new
		// DOM parsed, by the page's clock (the same machine's).
		type timing struct{ Reload, Response, Parsed float64 }
		tm := eval[timing](t, ctx, `(() => {
			const n = performance.getEntriesByType("navigation")[0], o = performance.timeOrigin - `+fmt.Sprint(saved.UnixMilli())+`;
			return {Reload: o, Response: o + n.responseEnd, Parsed: o + n.domInteractive};
		})()`)
		t.Logf("after the save: reload starts at %.0f ms, page received at %.0f ms, parsed at %.0f ms", tm.Reload, tm.Response, tm.Parsed)
		if eval[bool](t, ctx, `window.__before === true`) {
			t.Errorf("the page changed without a reload?")
		}
		eventually(t, ctx, "scroll position kept", `Math.abs(window.scrollY - 1200) < 5`)
	})

	t.Run("broken front matter shows an overlay", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, breakFrontMatter(chapter))
		eventually(t, ctx, "overlay", `(() => {
			const o = document.getElementById("handbook-serve-errors");
			return !!o && o.getAttribute("role") === "alert" && o.textContent.includes("`+netiquetteFR+`:");
		})()`)
		// The last good page stays.
		if !eval[bool](t, ctx, `document.body.innerText.includes("Paragraphe ajouté pendant la lecture.")`) {
			t.Errorf("the last good page is gone")
		}
	})

	t.Run("fix removes the overlay", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, chapter+"\nTexte corrigé.\n")
		eventually(t, ctx, "page back without overlay", `!document.getElementById("handbook-serve-errors") && document.body.innerText.includes("Texte corrigé.")`)
	})

	t.Run("css applies without reload", func(t *testing.T) {
		eval[bool](t, ctx, `window.__kept = 42, true`)
		css := readFile(t, "../..", "static/css/site.css")
		writeFile(t, dir, "static/css/site.css", css+"\nh1 { outline: 7px solid rgb(1, 2, 3); }\n")
		eventually(t, ctx, "new style", `getComputedStyle(document.querySelector("h1")).outlineWidth === "7px"`)
		if got := eval[int](t, ctx, `window.__kept`); got != 42 {
			t.Errorf("the page reloaded for a stylesheet change")
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('link[rel~="stylesheet"][href*="site.css"]').length`); n != 1 {
			t.Errorf("%d site.css links after the swap, want 1", n)
		}
	})
}
